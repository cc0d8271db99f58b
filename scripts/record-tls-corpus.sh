#!/usr/bin/env bash
# Records a corpus of TLS sessions between OpenSSL (s_client/s_server) and GnuTLS
# (gnutls-cli/gnutls-serv), every client x server pairing, over a matrix of
# versions, suites, key exchanges, groups and scenarios (HelloRetryRequest, client
# authentication, resumption, renegotiation, key update, early data, alerts,
# close_notify or abrupt close, small and large data): one pcap, one key log and
# one JSON Lines manifest per shard of 250 sessions, throwaway certificates in
# DIR/certs. Rerunning into the same DIR resumes: finished shards are kept.
# Everything runs in a private network namespace with only 127.0.0.1, so nothing
# is reachable from outside and no other traffic enters the captures. Needs root
# (tcpdump, unshare). The work is done by scripts/tls_corpus.py; see
# docs/tls-corpus.md.
#
# Usage: scripts/record-tls-corpus.sh --out DIR [--sessions N] [--jobs J]
#                                     [--seed S] [--quick | --sample]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

for tool in openssl gnutls-serv gnutls-cli tcpdump unshare ip stdbuf python3; do
  command -v "$tool" >/dev/null || {
    echo "record-tls-corpus: $tool is missing (scripts/setup.sh installs it)" >&2
    exit 1
  }
done
if [ "$(id -u)" -ne 0 ]; then
  echo "record-tls-corpus: needs root (tcpdump and a private network namespace)" >&2
  exit 1
fi
exec unshare --net -- python3 "$here/tls_corpus.py" record "$@"
