/* icmp_samples: one datagram of every ICMP message the generated code
 * builds, for tcpdump and for the golden tests.
 *
 *   icmp_samples FILE.pcap
 *
 * The node is 10.201.1.1 and its peer 10.201.1.2; the clock is fixed at
 * 12:00:00.000 UT, so the output is the same on every run. Each request is
 * built by a generated sender and answered by the generated receivers; an
 * echo request as ping sends it, and timestamp and information requests
 * built by hand, are answered too; each error message quotes the same UDP
 * datagram. Prints "name hex" per
 * datagram (the IPv4 datagram in hex) and writes them all to FILE.pcap.
 * Exit 0, or 1 when a generated function fails or the file cannot be
 * written. */
#include <stdio.h>
#include <string.h>

#include "icmp_generated.h"
#include "plm_runtime.h"

#define NODE 0x0ac90101u /* 10.201.1.1 */
#define PEER 0x0ac90102u /* 10.201.1.2 */

static struct plm_pcap *capture;
static int failures;

/* Writes the ICMP message as an IPv4 datagram; returns its length. */
static int emit(const char *name, const struct plm_ip_out *ip, const uint8_t *icmp,
                int icmp_len, uint8_t *datagram, size_t cap) {
  int len, i;
  if (icmp_len <= 0) {
    fprintf(stderr, "icmp_samples: generated code built no %s\n", name);
    ++failures;
    return -1;
  }
  len = plm_ip_write(ip, icmp, (size_t)icmp_len, datagram, cap);
  if (len < 0) return -1;
  plm_pcap_write(capture, datagram, (size_t)len);
  printf("%s ", name);
  for (i = 0; i < len; ++i) printf("%02x", datagram[i]);
  printf("\n");
  return len;
}

/* Answers the datagram with the generated receivers, as its destination. */
static void answer(const char *name, const uint8_t *datagram, int len) {
  struct plm_ip in;
  struct plm_ip_out ip;
  uint8_t icmp[1024], reply[1100];
  if (len < 0 || plm_ip_parse(datagram, (size_t)len, &in) != 0) {
    ++failures;
    return;
  }
  plm_set_local_address(in.dst);
  emit(name, &ip, icmp, icmp_receive(&in, &ip, icmp, sizeof icmp), reply, sizeof reply);
  plm_set_local_address(NODE);
}

/* Answers a request built by hand (not by generated code): `len` octets
 * of ICMP starting with `type`, identifier 0x1234, sequence 7, the rest 0
 * except an originate timestamp of 11:00 UT when len is 20. */
static void answer_hand_made(const char *name, uint8_t type, size_t len) {
  uint8_t icmp[20] = {0}, datagram[64];
  struct plm_ip_out ip;
  int n;
  icmp[0] = type;
  plm_put16(icmp + 4, 0x1234);
  plm_put16(icmp + 6, 7);
  if (len == 20u) plm_put32(icmp + 8, 39600000u);
  plm_put16(icmp + 2, plm_ones_complement(plm_ones_complement_sum(icmp, len)));
  plm_ip_out_init(&ip);
  ip.protocol = 1;
  ip.src = PEER;
  ip.dst = NODE;
  n = plm_ip_write(&ip, icmp, len, datagram, sizeof datagram);
  if (n < 0) return;
  plm_pcap_write(capture, datagram, (size_t)n);
  answer(name, datagram, n);
}

int main(int argc, char **argv) {
  static const uint8_t payload[] = "protolm spec codegen";
  uint8_t icmp[1024], datagram[1100], udp_datagram[64];
  struct plm_ip_out ip;
  struct plm_ip udp;
  int len;
  if (argc != 2) {
    fprintf(stderr, "usage: icmp_samples FILE.pcap\n");
    return 2;
  }
  capture = plm_pcap_open(argv[1]);
  if (capture == NULL) {
    fprintf(stderr, "icmp_samples: cannot write %s\n", argv[1]);
    return 1;
  }
  plm_set_fixed_time(43200000u);
  plm_set_local_address(NODE);
  plm_set_next_gateway(0x0ac90103u);

  {
    struct icmp_echo_or_echo_reply_message echo;
    memset(&echo, 0, sizeof echo);
    echo.identifier = 0x1234;
    echo.sequence_number = 1;
    echo.data = payload;
    echo.data_len = sizeof payload - 1;
    len = emit("echo", &ip, icmp,
               icmp_echo_sender(NULL, &echo, PEER, &ip, icmp, sizeof icmp),
               datagram, sizeof datagram);
    answer("echo_reply", datagram, len);
  }
  {
    /* An echo request as ping sends it (identifier 0x1234, sequence 1,
     * DF set), checksums computed by hand. */
    static const uint8_t ping[] = {
        0x45, 0x00, 0x00, 0x24, 0x04, 0xd2, 0x40, 0x00, 0x40, 0x01, 0x1e, 0x73,
        0x0a, 0xc9, 0x01, 0x02, 0x0a, 0xc9, 0x01, 0x01, 0x08, 0x00, 0x54, 0x35,
        0x12, 0x34, 0x00, 0x01, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68};
    plm_pcap_write(capture, ping, sizeof ping);
    answer("echo_reply_to_ping", ping, (int)sizeof ping);
  }
  {
    struct icmp_timestamp_or_timestamp_reply_message ts;
    memset(&ts, 0, sizeof ts);
    ts.identifier = 0x1234;
    ts.sequence_number = 2;
    len = emit("timestamp", &ip, icmp,
               icmp_timestamp_sender(NULL, &ts, PEER, &ip, icmp, sizeof icmp),
               datagram, sizeof datagram);
    answer("timestamp_reply", datagram, len);
  }
  {
    struct icmp_information_request_or_information_reply_message info;
    memset(&info, 0, sizeof info);
    info.identifier = 0x1234;
    info.sequence_number = 3;
    len = emit("information_request", &ip, icmp,
               icmp_information_request_sender(NULL, &info, PEER, &ip, icmp, sizeof icmp),
               datagram, sizeof datagram);
    answer("information_reply", datagram, len);
  }

  answer_hand_made("timestamp_reply_to_request", 13, 20);
  answer_hand_made("information_reply_to_request", 15, 8);

  /* The datagram the error messages are about: UDP 10.201.1.2:40000 ->
   * 10.201.1.1:33434 carrying 4 octets. */
  {
    static const uint8_t udp_payload[12] = {0x9c, 0x40, 0x82, 0x9a, 0x00, 0x0c,
                                            0x00, 0x00, 'p',  'r',  'o',  't'};
    struct plm_ip_out udp_ip;
    plm_ip_out_init(&udp_ip);
    udp_ip.ttl = 1;
    udp_ip.protocol = 17;
    udp_ip.src = PEER;
    udp_ip.dst = NODE;
    len = plm_ip_write(&udp_ip, udp_payload, sizeof udp_payload, udp_datagram,
                       sizeof udp_datagram);
    if (len < 0 || plm_ip_parse(udp_datagram, (size_t)len, &udp) != 0) return 1;
  }
  {
    struct icmp_destination_unreachable_message m;
    memset(&m, 0, sizeof m);
    m.code = ICMP_DESTINATION_UNREACHABLE_MESSAGE_CODE_PORT_UNREACHABLE;
    emit("destination_unreachable", &ip, icmp,
         icmp_destination_unreachable_sender(&udp, &m, PEER, &ip, icmp, sizeof icmp),
         datagram, sizeof datagram);
  }
  {
    struct icmp_time_exceeded_message m;
    memset(&m, 0, sizeof m);
    m.code = ICMP_TIME_EXCEEDED_MESSAGE_CODE_TIME_TO_LIVE_EXCEEDED_IN_TRANSIT;
    emit("time_exceeded", &ip, icmp,
         icmp_time_exceeded_sender(&udp, &m, PEER, &ip, icmp, sizeof icmp),
         datagram, sizeof datagram);
  }
  {
    struct icmp_parameter_problem_message m;
    memset(&m, 0, sizeof m);
    m.code = ICMP_PARAMETER_PROBLEM_MESSAGE_CODE_POINTER_INDICATES_THE_ERROR;
    m.pointer = 8; /* the TTL octet */
    emit("parameter_problem", &ip, icmp,
         icmp_parameter_problem_sender(&udp, &m, PEER, &ip, icmp, sizeof icmp),
         datagram, sizeof datagram);
  }
  {
    struct icmp_source_quench_message m;
    memset(&m, 0, sizeof m);
    emit("source_quench", &ip, icmp,
         icmp_source_quench_sender(&udp, &m, PEER, &ip, icmp, sizeof icmp),
         datagram, sizeof datagram);
  }
  {
    struct icmp_redirect_message m;
    memset(&m, 0, sizeof m);
    m.code = ICMP_REDIRECT_MESSAGE_CODE_REDIRECT_DATAGRAMS_FOR_THE_HOST;
    emit("redirect", &ip, icmp,
         icmp_redirect_sender(&udp, &m, PEER, &ip, icmp, sizeof icmp),
         datagram, sizeof datagram);
  }
  plm_pcap_close(capture);
  return failures == 0 ? 0 : 1;
}
