#!/usr/bin/env bash
# TLS decryption speed: `protolm ingest --protocol tls --keylog` against
# `tshark -o tls.keylog_file:` on the same capture and key log, in wall and
# CPU time (user + system; both pinned to CPU 0, best of REPEAT), after
# checking that both see the same handshake messages and alerts (counted per
# type). protolm is timed twice: writing every record (JSONL, read by this
# script), and with --summary json (records counted, not written, as
# bench_ingest measures ingestion).
#
#   bench/tls_keylog_bench.sh PROTOLM CAPTURE KEYS PORT [REPEAT]
#   bench/tls_keylog_bench.sh --record DIR SESSIONS [BYTES]  # DIR/bench.pcap, .keys
#
# --record makes a capture worth timing (the recorded samples are a few KB,
# where tshark's start-up is all one measures): SESSIONS OpenSSL sessions on
# loopback port 4470 (needs root for tcpdump), each fetching a file of BYTES
# (default 65536), rotating over TLS 1.3 (AES-256-GCM, AES-128-GCM, ChaCha20)
# and TLS 1.2 (ECDHE-ECDSA with AES-128-GCM, ChaCha20, AES-256-CBC-SHA384).
set -euo pipefail

if [ "${1:-}" = "--record" ]; then
  dir=$(cd "${2:?DIR}" && pwd); sessions=${3:?SESSIONS}; bytes=${4:-65536}
  port=4470
  work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; cd "$work"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -keyout key.pem -out cert.pem -days 30 -subj /CN=localhost 2>/dev/null
  head -c "$bytes" /dev/urandom >big.bin
  rm -f "$dir/bench.keys"
  tcpdump -i lo -U -s 0 -w "$dir/bench.pcap" "tcp port $port" >/dev/null 2>&1 &
  dump=$!
  openssl s_server -accept $port -cert cert.pem -key key.pem -WWW \
    >/dev/null 2>&1 &
  server=$!
  sleep 1
  suites=("-tls1_3 -ciphersuites TLS_AES_256_GCM_SHA384"
          "-tls1_3 -ciphersuites TLS_AES_128_GCM_SHA256"
          "-tls1_3 -ciphersuites TLS_CHACHA20_POLY1305_SHA256"
          "-tls1_2 -cipher ECDHE-ECDSA-AES128-GCM-SHA256"
          "-tls1_2 -cipher ECDHE-ECDSA-CHACHA20-POLY1305"
          "-tls1_2 -cipher ECDHE-ECDSA-AES256-SHA384")
  for ((i = 0; i < sessions; i++)); do
    printf 'GET /big.bin HTTP/1.0\r\n\r\n' | timeout 10 openssl s_client \
      -connect 127.0.0.1:$port -quiet -keylogfile "$dir/bench.keys" \
      ${suites[i % ${#suites[@]}]} >/dev/null 2>&1 || true
  done
  sleep 0.5; kill $server; sleep 0.5; kill $dump; wait 2>/dev/null || true
  echo "recorded $sessions sessions: $dir/bench.pcap ($(stat -c %s "$dir/bench.pcap") bytes)"
  exit 0
fi

protolm=${1:?PROTOLM}; capture=${2:?CAPTURE}; keys=${3:?KEYS}; port=${4:?PORT}
repeat=${5:-3}
exec python3 - "$protolm" "$capture" "$keys" "$port" "$repeat" <<'PY'
import collections, os, resource, subprocess, sys, json, time
protolm, capture, keys, port, repeat = sys.argv[1:5] + [int(sys.argv[5])]

def seconds(command):
    """Best wall and CPU time (user + system) of `repeat` runs, pinned."""
    wall, cpu, out = None, None, None
    for _ in range(repeat):
        before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.monotonic()
        out = subprocess.run(["taskset", "-c", "0"] + command, check=True,
                             capture_output=True, text=True).stdout
        w = time.monotonic() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        c = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        wall = w if wall is None else min(wall, w)
        cpu = c if cpu is None else min(cpu, c)
    return wall, cpu, out

def count_units(records):
    """Handshake messages and alerts by type in protolm's JSONL records."""
    handshakes, alerts = collections.Counter(), collections.Counter()
    for line in records.splitlines():
        rec = json.loads(line)
        unit = bytes.fromhex(rec["request"] or rec["response"])
        handshake = b""
        at = 0
        while at + 5 <= len(unit):
            kind, length = unit[at], int.from_bytes(unit[at + 3:at + 5], "big")
            body = unit[at + 5:at + 5 + length]
            if kind == 22: handshake += body
            if kind == 21:
                for i in range(0, len(body) - 1, 2): alerts[body[i + 1]] += 1
            at += 5 + length
        at = 0
        while at + 4 <= len(handshake):
            handshakes[handshake[at]] += 1
            at += 4 + int.from_bytes(handshake[at + 1:at + 4], "big")
    return handshakes, alerts

def count_tshark(fields):
    handshakes, alerts = collections.Counter(), collections.Counter()
    for line in fields.splitlines():
        columns = (line.split("\t") + ["", ""])[:2]
        for t in filter(None, columns[0].split(",")): handshakes[int(t)] += 1
        for a in filter(None, columns[1].split(",")): alerts[int(a)] += 1
    return handshakes, alerts

ours_wall, ours_cpu, records = seconds([protolm, "-q", "ingest", capture, "--protocol", "tls",
                               "--keylog", keys])
summary_wall, summary_cpu, _ = seconds([protolm, "-q", "ingest", capture, "--protocol",
                                        "tls", "--keylog", keys, "--summary", "json"])
theirs_wall, theirs_cpu, fields = seconds(["tshark", "-n", "-r", capture, "-o",
                                f"tls.keylog_file:{keys}", "-d", f"tcp.port=={port},tls",
                                "-Y", "tls", "-T", "fields", "-e", "tls.handshake.type",
                                "-e", "tls.alert_message.desc"])
ours, theirs = count_units(records), count_tshark(fields)
size = os.path.getsize(capture) / 1e6
print(f"capture {capture}: {size:.2f} MB")
print(f"handshake messages: protolm {sum(ours[0].values())}, tshark {sum(theirs[0].values())}; "
      f"alerts: protolm {sum(ours[1].values())}, tshark {sum(theirs[1].values())}; "
      f"same per type: {ours == theirs}")
for what, ours_s, theirs_s in (("wall, records written", ours_wall, theirs_wall),
                               ("CPU, records written", ours_cpu, theirs_cpu),
                               ("wall, summary only", summary_wall, theirs_wall),
                               ("CPU, summary only", summary_cpu, theirs_cpu)):
    print(f"{what}: protolm {ours_s:.3f} s ({size / ours_s:.1f} MB/s), tshark "
          f"{theirs_s:.3f} s ({size / theirs_s:.2f} MB/s): {theirs_s / ours_s:.1f}x")
sys.exit(0 if ours == theirs else 1)
PY
