#!/bin/sh
# Interop test of the generated ICMP code with real tools (run by `make test`).
#
# Makes a network namespace with a TUN device, runs icmp_node in it as a
# router (10.201.1.1) with a generated host (10.201.2.5) behind it, and
# checks from the namespace's kernel that:
#   - ping -c 3 to the router and to the host gets 3 generated echo replies;
#   - traceroute to the host shows the router (generated time exceeded) and
#     ends at the host (generated port unreachable);
#   - hping3 --icmp-ts gets a timestamp reply with plausible timestamps;
#   - tcpdump -vv reads every datagram the node sent, and every sample
#     message of icmp_samples, without a warning.
# The namespace is uniquely named, removed on exit (also on failure), and
# nothing leaves it. Prints SKIP and exits 0 where namespaces are forbidden.
# Exit 0 when every check passed, 1 otherwise.
set -u
DIR=$(cd "$(dirname "$0")" && pwd)
NS="plmcg$$"
TUN="plmtun0"
WORK=$(mktemp -d)
NODE_PID=""
FAILED=0

cleanup() {
  if [ -n "$NODE_PID" ]; then
    kill "$NODE_PID" 2>/dev/null
    wait "$NODE_PID" 2>/dev/null
  fi
  ip netns del "$NS" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1"; FAILED=1; }
in_ns() { ip netns exec "$NS" "$@"; }

for tool in ip ping traceroute hping3 tcpdump; do
  command -v "$tool" >/dev/null 2>&1 || { echo "FAIL: $tool is not installed (scripts/setup.sh installs it)"; exit 1; }
done

if ! ip netns add "$NS" 2>"$WORK/netns.err"; then
  echo "SKIP: this machine forbids network namespaces ($(cat "$WORK/netns.err")); the interop test needs root"
  exit 0
fi
in_ns ip link set lo up
in_ns ip tuntap add dev "$TUN" mode tun || { fail "cannot create a TUN device in the namespace"; exit 1; }
in_ns ip addr add 10.201.1.2/24 dev "$TUN"
in_ns ip link set "$TUN" up
in_ns ip route add 10.201.2.0/24 via 10.201.1.1

# Not through in_ns: $! must be the node itself (ip netns exec execs it),
# not a subshell whose child would outlive the kill in cleanup.
ip netns exec "$NS" "$DIR/icmp_node" --tun "$TUN" --addr 10.201.1.1/24 --router \
  --host 10.201.2.5/24 --pcap "$WORK/node.pcap" >"$WORK/node.log" 2>&1 &
NODE_PID=$!
tries=0
until grep -q attached "$WORK/node.log" 2>/dev/null; do
  tries=$((tries + 1))
  if [ $tries -gt 50 ] || ! kill -0 "$NODE_PID" 2>/dev/null; then
    fail "icmp_node did not start: $(cat "$WORK/node.log")"
    exit 1
  fi
  sleep 0.1
done

for target in 10.201.1.1 10.201.2.5; do
  out=$(in_ns ping -n -c 3 -i 0.2 -W 2 "$target" 2>&1)
  if echo "$out" | grep -q "3 packets transmitted, 3 received"; then
    pass "ping -c 3 $target: 3 generated echo replies"
  else
    fail "ping -c 3 $target: $out"
  fi
done

out=$(in_ns traceroute -n -q 1 -w 2 -m 5 10.201.2.5 2>&1)
echo "$out" | sed 's/^/  /'
hop1=$(echo "$out" | awk '$1 == "1" {print $2}')
hop2=$(echo "$out" | awk '$1 == "2" {print $2}')
last=$(echo "$out" | tail -n 1)
if [ "$hop1" = "10.201.1.1" ] && [ "$hop2" = "10.201.2.5" ] && \
   [ "$(echo "$out" | grep -c '^ *[0-9]')" = "2" ] && ! echo "$last" | grep -q '!'; then
  pass "traceroute: hop 1 from a generated time exceeded, ends at 10.201.2.5 with a generated port unreachable"
else
  fail "traceroute did not show router then host"
fi

before=$(date -u +%s)
out=$(in_ns hping3 -1 --icmp-ts -c 1 10.201.1.1 2>&1)
echo "$out" | grep -i -E "timestamp|icmp_seq" | sed 's/^/  /'
orig=$(echo "$out" | sed -n 's/.*Originate=\([0-9]*\).*/\1/p' | head -n 1)
recv=$(echo "$out" | sed -n 's/.*Receive=\([0-9]*\).*/\1/p' | head -n 1)
xmit=$(echo "$out" | sed -n 's/.*Transmit=\([0-9]*\).*/\1/p' | head -n 1)
now_ms=$(( (before % 86400) * 1000 ))
if [ -n "$recv" ] && [ -n "$xmit" ] && [ -n "$orig" ] && \
   [ $((recv - now_ms)) -gt -5000 ] && [ $((recv - now_ms)) -lt 5000 ] && \
   [ "$xmit" -ge "$recv" ]; then
  pass "hping3 --icmp-ts: generated timestamp reply (receive $recv, transmit $xmit ms since midnight UT)"
else
  fail "hping3 --icmp-ts: no correct timestamp reply: $out"
fi

kill "$NODE_PID" 2>/dev/null
wait "$NODE_PID" 2>/dev/null
NODE_PID=""

check_pcap() {
  count=$(tcpdump -n -r "$1" 2>/dev/null | wc -l)
  out=$(tcpdump -vv -n -r "$1" 2>&1)
  bad=$(echo "$out" | grep -i -E "bad|wrong|truncated|malformed|invalid|\[\|" )
  if [ "$count" -gt 0 ] && [ -z "$bad" ]; then
    pass "tcpdump -vv reads $count datagrams of $2 without a warning"
  else
    fail "tcpdump -vv on $2 ($count datagrams): $bad"
  fi
}
check_pcap "$WORK/node.pcap" "what icmp_node sent"
if "$DIR/icmp_samples" "$WORK/samples.pcap" >/dev/null; then
  check_pcap "$WORK/samples.pcap" "every generated message type"
else
  fail "icmp_samples failed"
fi

if [ $FAILED -eq 0 ]; then echo "interop: all checks passed"; else echo "interop: some checks FAILED"; fi
exit $FAILED
