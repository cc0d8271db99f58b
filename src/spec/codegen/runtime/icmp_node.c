/* icmp_node: the driver that runs generated ICMP code as a real host or
 * router on a TUN device.
 *
 *   icmp_node --tun NAME --addr A.B.C.D/PREFIX [--router]
 *             [--host A.B.C.D/PREFIX]... [--pcap FILE]
 *
 * It reads IPv4 datagrams from the TUN device. Datagrams for --addr are
 * answered by the generated receivers (echo, timestamp and information
 * replies); UDP datagrams get a generated port unreachable and other
 * protocols a generated protocol unreachable. With --router the node also
 * forwards: datagrams for a --host (a generated host on an in-process link
 * behind the router) have their TTL decremented and are handed to it, and
 * its answers are forwarded back to the TUN device; a datagram whose TTL
 * runs out gets a generated time exceeded, one with no route a generated
 * net unreachable. Every datagram the node sends is also written to --pcap.
 * The driver decides when a message is sent (the static part); what is in
 * it comes from the generated code. Exit: 0 on SIGINT/SIGTERM, 1 when the
 * device cannot be opened, 2 on a usage error. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "icmp_generated.h"
#include "plm_runtime.h"

#define MAX_HOSTS 8

struct node_config {
  const char *tun_name;
  uint32_t address;
  unsigned prefix;
  int router;
  uint32_t hosts[MAX_HOSTS];
  int host_count;
  const char *pcap_path;
};

static struct node_config config;
static struct plm_pcap *capture;
static int tun_fd = -1;
static volatile sig_atomic_t stopping;

static void on_signal(int sig) {
  (void)sig;
  stopping = 1;
}

static int is_host(uint32_t address) {
  int i;
  for (i = 0; i < config.host_count; ++i)
    if (config.hosts[i] == address) return 1;
  return 0;
}

static void handle_datagram(const uint8_t *packet, size_t len, int from_host);

/* Sends a datagram composed by the node at `origin` (the router's own
 * address, or a host behind it). */
static void send_datagram(uint32_t origin, const struct plm_ip_out *ip,
                          const uint8_t *icmp, size_t icmp_len) {
  uint8_t packet[PLM_MAX_PACKET];
  int len = plm_ip_write(ip, icmp, icmp_len, packet, sizeof packet);
  if (len < 0 || ip->dst == 0) return;
  if (is_host(origin)) {
    handle_datagram(packet, (size_t)len, 1);
    return;
  }
  plm_pcap_write(capture, packet, (size_t)len);
  if (write(tun_fd, packet, (size_t)len) < 0) perror("icmp_node: write");
}

/* Generated destination unreachable about `in`, sent by `origin`. */
static void send_unreachable(uint32_t origin, const struct plm_ip *in, uint8_t code) {
  struct icmp_destination_unreachable_message fields;
  struct plm_ip_out ip;
  uint8_t icmp[PLM_MAX_PACKET];
  int n;
  memset(&fields, 0, sizeof fields);
  fields.code = code;
  plm_set_local_address(origin);
  n = icmp_destination_unreachable_sender(in, &fields, in->src, &ip, icmp, sizeof icmp);
  if (n > 0) send_datagram(origin, &ip, icmp, (size_t)n);
}

/* A datagram addressed to the node at `self`. */
static void deliver_local(uint32_t self, const struct plm_ip *in) {
  struct plm_ip_out ip;
  uint8_t icmp[PLM_MAX_PACKET];
  int n;
  plm_set_local_address(self);
  if (in->protocol == IP_PROTOCOL_ICMP) {
    n = icmp_receive(in, &ip, icmp, sizeof icmp);
    if (n > 0) send_datagram(self, &ip, icmp, (size_t)n);
  } else if (in->protocol == 17u) { /* UDP: no port is open */
    send_unreachable(self, in, ICMP_DESTINATION_UNREACHABLE_MESSAGE_CODE_PORT_UNREACHABLE);
  } else {
    send_unreachable(self, in, ICMP_DESTINATION_UNREACHABLE_MESSAGE_CODE_PROTOCOL_UNREACHABLE);
  }
}

static void send_time_exceeded(const struct plm_ip *in) {
  struct icmp_time_exceeded_message fields;
  struct plm_ip_out ip;
  uint8_t icmp[PLM_MAX_PACKET];
  int n;
  if (in->protocol == IP_PROTOCOL_ICMP && in->payload_len > 0 &&
      in->payload[0] != 8u && in->payload[0] != 13u && in->payload[0] != 15u)
    return; /* no error about an error */
  memset(&fields, 0, sizeof fields);
  fields.code = ICMP_TIME_EXCEEDED_MESSAGE_CODE_TIME_TO_LIVE_EXCEEDED_IN_TRANSIT;
  plm_set_local_address(config.address);
  n = icmp_time_exceeded_sender(in, &fields, in->src, &ip, icmp, sizeof icmp);
  if (n > 0) send_datagram(config.address, &ip, icmp, (size_t)n);
}

static int on_tun_network(uint32_t address) {
  uint32_t mask = config.prefix == 0 ? 0 : 0xffffffffu << (32u - config.prefix);
  return (address & mask) == (config.address & mask);
}

static void handle_datagram(const uint8_t *packet, size_t len, int from_host) {
  uint8_t copy[PLM_MAX_PACKET];
  struct plm_ip in;
  if (plm_ip_parse(packet, len, &in) != 0) return;
  if (in.dst == config.address) {
    deliver_local(config.address, &in);
    return;
  }
  if (!config.router) return; /* a host drops what is not for it */
  if (in.ttl <= 1u) {
    send_time_exceeded(&in);
    return;
  }
  memcpy(copy, packet, in.datagram_len);
  plm_ip_decrement_ttl(copy);
  if (plm_ip_parse(copy, in.datagram_len, &in) != 0) return;
  if (is_host(in.dst)) {
    deliver_local(in.dst, &in);
  } else if (from_host && on_tun_network(in.dst)) {
    plm_pcap_write(capture, copy, in.datagram_len);
    if (write(tun_fd, copy, in.datagram_len) < 0) perror("icmp_node: write");
  } else {
    send_unreachable(config.address, &in,
                     ICMP_DESTINATION_UNREACHABLE_MESSAGE_CODE_NET_UNREACHABLE);
  }
}

static int usage(const char *why) {
  fprintf(stderr,
          "icmp_node: %s\nusage: icmp_node --tun NAME --addr A.B.C.D/PREFIX "
          "[--router] [--host A.B.C.D/PREFIX]... [--pcap FILE]\n",
          why);
  return 2;
}

int main(int argc, char **argv) {
  struct sigaction action;
  uint8_t packet[PLM_MAX_PACKET];
  int i;
  for (i = 1; i < argc; ++i) {
    const char *arg = argv[i];
    const char *value = i + 1 < argc ? argv[i + 1] : NULL;
    if (strcmp(arg, "--router") == 0) {
      config.router = 1;
      continue;
    }
    if (value == NULL) return usage("missing value after an option");
    ++i;
    if (strcmp(arg, "--tun") == 0) {
      config.tun_name = value;
    } else if (strcmp(arg, "--addr") == 0) {
      if (plm_parse_prefix(value, &config.address, &config.prefix) != 0)
        return usage("--addr wants A.B.C.D/PREFIX");
    } else if (strcmp(arg, "--host") == 0) {
      unsigned prefix;
      if (config.host_count == MAX_HOSTS) return usage("too many --host");
      if (plm_parse_prefix(value, &config.hosts[config.host_count], &prefix) != 0)
        return usage("--host wants A.B.C.D/PREFIX");
      ++config.host_count;
    } else if (strcmp(arg, "--pcap") == 0) {
      config.pcap_path = value;
    } else {
      return usage("unknown option");
    }
  }
  if (config.tun_name == NULL || config.address == 0)
    return usage("--tun and --addr are required");
  tun_fd = plm_tun_open(config.tun_name);
  if (tun_fd < 0) {
    fprintf(stderr, "icmp_node: cannot attach to TUN device %s: %s; run as root "
            "and check /dev/net/tun\n", config.tun_name, strerror(errno));
    return 1;
  }
  if (config.pcap_path != NULL) {
    capture = plm_pcap_open(config.pcap_path);
    if (capture == NULL) {
      fprintf(stderr, "icmp_node: cannot write %s: %s\n", config.pcap_path,
              strerror(errno));
      return 1;
    }
  }
  memset(&action, 0, sizeof action);
  action.sa_handler = on_signal;
  sigaction(SIGINT, &action, NULL);
  sigaction(SIGTERM, &action, NULL);
  printf("icmp_node: attached to %s as %s\n", config.tun_name,
         config.router ? "router" : "host");
  fflush(stdout);
  while (!stopping) {
    ssize_t n = read(tun_fd, packet, sizeof packet);
    if (n < 0) {
      if (errno == EINTR) continue;
      perror("icmp_node: read");
      break;
    }
    handle_datagram(packet, (size_t)n, 0);
  }
  plm_pcap_close(capture);
  close(tun_fd);
  return 0;
}
