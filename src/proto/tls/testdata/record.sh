#!/usr/bin/env bash
# Records the decryption test captures of this folder: OpenSSL's s_server and
# s_client on loopback, one session per capture (two for c13early), the
# client's key log beside each (NAME.keys). Needs root (tcpdump on lo) and a
# free port range 4461-4466. Usage: ./record.sh [OUT_DIR]  (default: here)
set -euo pipefail
out=$(cd "${1:-$(dirname "$0")}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
  -keyout key.pem -out cert.pem -days 3650 -subj /CN=localhost 2>/dev/null

# record NAME PORT "s_server options" "server input" then one or more
# "s_client options|client input" sessions, in order.
record() {
  local name=$1 port=$2 server_options=$3 server_input=$4
  shift 4
  rm -f "$out/$name.keys"
  tcpdump -i lo -U -w "$out/$name.pcap" "tcp port $port" >/dev/null 2>&1 &
  local dump=$!
  sleep 0.5
  (eval "$server_input") | openssl s_server -accept "$port" -cert cert.pem \
    -key key.pem $server_options >server.log 2>&1 &
  local server=$!
  sleep 0.5
  for session in "$@"; do
    (eval "${session#*|}") | timeout 10 openssl s_client \
      -connect "127.0.0.1:$port" -keylogfile "$out/$name.keys" \
      ${session%%|*} >client.log 2>&1 || true
  done
  sleep 0.3
  kill "$server" 2>/dev/null || true
  sleep 0.3
  kill "$dump"
  wait 2>/dev/null || true
}

hello='sleep 0.5; echo hello; sleep 1'
reply='sleep 1.0; echo server-data; sleep 1'
record c12chacha 4461 "" "$reply" \
  "-tls1_2 -cipher ECDHE-ECDSA-CHACHA20-POLY1305|$hello"
record c12cbc256 4462 "" "$reply" \
  "-tls1_2 -cipher ECDHE-ECDSA-AES128-SHA256|$hello"
record c12cbc384 4463 "" "$reply" \
  "-tls1_2 -no_etm -cipher ECDHE-ECDSA-AES256-SHA384|$hello"
# The server renegotiates ("R" on its input); the client resumes in it.
record c12reneg 4466 "" \
  'sleep 1.0; echo server-data; sleep 0.3; echo R; sleep 0.6; echo after; sleep 0.6' \
  "-tls1_2 -cipher ECDHE-ECDSA-AES128-GCM-SHA256|sleep 0.5; echo hello; sleep 2"
# "k" updates the client's keys; "K" also asks the server to update its own.
record c13ku 4464 \
  "-tls1_3 -ciphersuites TLS_CHACHA20_POLY1305_SHA256 -num_tickets 1" \
  'sleep 1.0; echo server-data; sleep 1.0; echo server-after; sleep 1' \
  "-tls1_3 -ciphersuites TLS_CHACHA20_POLY1305_SHA256|sleep 0.5; echo hello; sleep 0.3; echo k; sleep 0.3; echo after-update; sleep 0.3; echo K; sleep 0.6; echo again; sleep 0.8"
# A full handshake that saves its session, then a resumption with 0-RTT data.
echo "early hello" >early.txt
record c13early 4465 \
  "-tls1_3 -ciphersuites TLS_AES_128_GCM_SHA256 -early_data" 'sleep 5' \
  "-tls1_3 -ciphersuites TLS_AES_128_GCM_SHA256 -sess_out sess.pem|sleep 0.5; echo first; sleep 0.5" \
  "-tls1_3 -ciphersuites TLS_AES_128_GCM_SHA256 -sess_in sess.pem -early_data early.txt|sleep 0.5; echo second; sleep 0.5"
