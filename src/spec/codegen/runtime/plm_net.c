/* The static runtime's network helpers: checksum, byte order, IPv4 header,
 * clock, node addresses and pcap files (see plm_runtime.h). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "plm_runtime.h"

uint16_t plm_ones_complement_sum(const uint8_t *buf, size_t len) {
  uint32_t sum = 0;
  size_t i;
  for (i = 0; i + 1 < len; i += 2) sum += (uint32_t)((buf[i] << 8) | buf[i + 1]);
  if (len & 1u) sum += (uint32_t)(buf[len - 1] << 8);
  while (sum >> 16) sum = (sum & 0xffffu) + (sum >> 16);
  return (uint16_t)sum;
}

uint16_t plm_ones_complement(uint16_t value) { return (uint16_t)~value; }

uint16_t plm_get16(const uint8_t *p) { return (uint16_t)((p[0] << 8) | p[1]); }

uint32_t plm_get32(const uint8_t *p) {
  return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) |
         ((uint32_t)p[2] << 8) | (uint32_t)p[3];
}

void plm_put16(uint8_t *p, uint16_t v) {
  p[0] = (uint8_t)(v >> 8);
  p[1] = (uint8_t)v;
}

void plm_put32(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)(v >> 24);
  p[1] = (uint8_t)(v >> 16);
  p[2] = (uint8_t)(v >> 8);
  p[3] = (uint8_t)v;
}

size_t plm_min(size_t a, size_t b) { return a < b ? a : b; }

int plm_ip_parse(const uint8_t *buf, size_t len, struct plm_ip *out) {
  size_t header_len, total;
  if (buf == NULL || out == NULL || len < 20u) return -1;
  if ((buf[0] >> 4) != 4u) return -1;
  header_len = (size_t)(buf[0] & 0x0fu) * 4u;
  total = plm_get16(buf + 2);
  if (header_len < 20u || total < header_len || total > len) return -1;
  if (plm_ones_complement_sum(buf, header_len) != 0xffffu) return -1;
  out->tos = buf[1];
  out->identification = plm_get16(buf + 4);
  out->ttl = buf[8];
  out->protocol = buf[9];
  out->src = plm_get32(buf + 12);
  out->dst = plm_get32(buf + 16);
  out->datagram = buf;
  out->datagram_len = total;
  out->header_len = header_len;
  out->payload = buf + header_len;
  out->payload_len = total - header_len;
  return 0;
}

static uint32_t plm_node_address;

void plm_put64(uint8_t *p, uint64_t v) {
  plm_put32(p, (uint32_t)(v >> 32));
  plm_put32(p + 4, (uint32_t)v);
}

void plm_ip_out_init(struct plm_ip_out *ip) {
  memset(ip, 0, sizeof *ip);
  ip->ttl = PLM_IP_DEFAULT_TTL;
  ip->src = plm_node_address;
}

/* The UDP header and checksum (over the pseudo-header, RFC 768) for the
 * payload already at buf + 28. */
static void plm_udp_header(const struct plm_ip_out *ip, size_t payload_len, uint8_t *buf) {
  uint8_t pseudo[12];
  uint16_t length = (uint16_t)(8u + payload_len);
  uint32_t sum;
  uint16_t checksum;
  plm_put16(buf, ip->src_port);
  plm_put16(buf + 2, ip->dst_port);
  plm_put16(buf + 4, length);
  plm_put16(buf + 6, 0);
  plm_put32(pseudo, ip->src);
  plm_put32(pseudo + 4, ip->dst);
  pseudo[8] = 0;
  pseudo[9] = 17;
  plm_put16(pseudo + 10, length);
  sum = (uint32_t)plm_ones_complement_sum(pseudo, sizeof pseudo) +
        plm_ones_complement_sum(buf, length);
  while (sum >> 16) sum = (sum & 0xffffu) + (sum >> 16);
  checksum = plm_ones_complement((uint16_t)sum);
  plm_put16(buf + 6, checksum == 0 ? 0xffffu : checksum);
}

int plm_ip_write(const struct plm_ip_out *ip, const uint8_t *payload,
                 size_t payload_len, uint8_t *buf, size_t cap) {
  static uint16_t identification;
  size_t udp = ip != NULL && ip->protocol == 17u && (ip->src_port || ip->dst_port) ? 8u : 0u;
  size_t total = 20u + udp + payload_len;
  if (ip == NULL || buf == NULL || total > cap || total > PLM_MAX_PACKET) return -1;
  if (payload_len > 0 && payload == NULL) return -1;
  buf[0] = 0x45;
  buf[1] = ip->tos;
  plm_put16(buf + 2, (uint16_t)total);
  plm_put16(buf + 4, ++identification);
  plm_put16(buf + 6, 0);
  buf[8] = ip->ttl;
  buf[9] = ip->protocol;
  plm_put16(buf + 10, 0);
  plm_put32(buf + 12, ip->src);
  plm_put32(buf + 16, ip->dst);
  plm_put16(buf + 10, plm_ones_complement(plm_ones_complement_sum(buf, 20u)));
  if (payload_len > 0) memmove(buf + 20 + udp, payload, payload_len);
  if (udp) plm_udp_header(ip, payload_len, buf + 20);
  return (int)total;
}

unsigned plm_ip_decrement_ttl(uint8_t *buf) {
  size_t header_len = (size_t)(buf[0] & 0x0fu) * 4u;
  if (buf[8] > 0) buf[8] = (uint8_t)(buf[8] - 1u);
  plm_put16(buf + 10, 0);
  plm_put16(buf + 10, plm_ones_complement(plm_ones_complement_sum(buf, header_len)));
  return buf[8];
}

static int plm_time_is_fixed;
static uint32_t plm_fixed_time;

void plm_set_fixed_time(uint32_t ms_since_midnight_ut) {
  plm_time_is_fixed = 1;
  plm_fixed_time = ms_since_midnight_ut;
}

uint64_t plm_ntp_now(void) {
  const uint64_t unix_to_ntp = 2208988800u; /* 1900-01-01 to 1970-01-01 */
  struct timespec now;
  uint64_t seconds, fraction;
  if (plm_time_is_fixed) {
    seconds = 1704067200u + plm_fixed_time / 1000u; /* 2024-01-01 UT */
    fraction = ((uint64_t)(plm_fixed_time % 1000u) << 32) / 1000u;
  } else {
    clock_gettime(CLOCK_REALTIME, &now);
    seconds = (uint64_t)now.tv_sec;
    fraction = ((uint64_t)now.tv_nsec << 32) / 1000000000u;
  }
  return ((seconds + unix_to_ntp) << 32) | fraction;
}

uint32_t plm_ms_since_midnight_ut(void) {
  struct timespec now;
  if (plm_time_is_fixed) return plm_fixed_time;
  if (clock_gettime(CLOCK_REALTIME, &now) != 0) return 0x80000000u;
  return (uint32_t)((now.tv_sec % 86400) * 1000 + now.tv_nsec / 1000000);
}

static uint32_t plm_node_next_gateway;

void plm_set_local_address(uint32_t address) { plm_node_address = address; }
uint32_t plm_local_address(void) { return plm_node_address; }
void plm_set_next_gateway(uint32_t gateway) { plm_node_next_gateway = gateway; }

uint32_t plm_route_next_gateway(uint32_t destination) {
  (void)destination; /* one route: every destination shares the gateway */
  return plm_node_next_gateway;
}

struct plm_bfd_session *plm_bfd_session(void) {
  static struct plm_bfd_session session = {1u, 1u, 0u, 0u, 0u, 0u}; /* Down */
  return &session;
}

int plm_parse_prefix(const char *text, uint32_t *address, unsigned *prefix) {
  unsigned a, b, c, d, p = 32;
  char extra;
  int n = sscanf(text, "%u.%u.%u.%u/%u%c", &a, &b, &c, &d, &p, &extra);
  if (n != 4 && n != 5) return -1;
  if (a > 255 || b > 255 || c > 255 || d > 255 || p > 32) return -1;
  *address = (a << 24) | (b << 16) | (c << 8) | d;
  *prefix = p;
  return 0;
}

const char *plm_format_address(uint32_t address, char *buf) {
  snprintf(buf, 16, "%u.%u.%u.%u", (unsigned)(address >> 24),
           (unsigned)((address >> 16) & 255u), (unsigned)((address >> 8) & 255u),
           (unsigned)(address & 255u));
  return buf;
}

struct plm_pcap {
  FILE *file;
};

static void plm_pcap_put32le(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)v;
  p[1] = (uint8_t)(v >> 8);
  p[2] = (uint8_t)(v >> 16);
  p[3] = (uint8_t)(v >> 24);
}

struct plm_pcap *plm_pcap_open(const char *path) {
  static struct plm_pcap pcap; /* one capture per process */
  uint8_t header[24] = {0};
  pcap.file = fopen(path, "wb");
  if (pcap.file == NULL) return NULL;
  plm_pcap_put32le(header, 0xa1b2c3d4u);
  header[4] = 2; /* version 2.4 */
  header[6] = 4;
  plm_pcap_put32le(header + 16, 65535u);
  plm_pcap_put32le(header + 20, 101u); /* LINKTYPE_RAW */
  fwrite(header, 1, sizeof header, pcap.file);
  fflush(pcap.file);
  return &pcap;
}

void plm_pcap_write(struct plm_pcap *pcap, const uint8_t *packet, size_t len) {
  uint8_t record[16];
  struct timespec now;
  if (pcap == NULL || pcap->file == NULL) return;
  clock_gettime(CLOCK_REALTIME, &now);
  plm_pcap_put32le(record, (uint32_t)now.tv_sec);
  plm_pcap_put32le(record + 4, (uint32_t)(now.tv_nsec / 1000));
  plm_pcap_put32le(record + 8, (uint32_t)len);
  plm_pcap_put32le(record + 12, (uint32_t)len);
  fwrite(record, 1, sizeof record, pcap->file);
  fwrite(packet, 1, len, pcap->file);
  fflush(pcap->file);
}

void plm_pcap_close(struct plm_pcap *pcap) {
  if (pcap != NULL && pcap->file != NULL) fclose(pcap->file);
  if (pcap != NULL) pcap->file = NULL;
}
