#!/usr/bin/env bash
# Checks a corpus written by scripts/record-tls-corpus.sh with tshark: decrypts
# every shard with its key log and tells whether each session did what its
# manifest claims (version, suite, group, HelloRetryRequest, resumption, client
# certificates, key update, renegotiation, early data, heartbeat, SNI, ALPN,
# handshake completed or not); prints sessions per configuration, the most common
# message sequences per pairing and version, and the counts of features and
# alerts seen on the wire. The work is done by scripts/tls_corpus.py; see
# docs/tls-corpus.md.
#
# Usage: scripts/tls-corpus-check.sh DIR [--jobs J] [--top K]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
command -v tshark >/dev/null || {
  echo "tls-corpus-check: tshark is missing (scripts/setup.sh installs it)" >&2
  exit 1
}
exec python3 "$here/tls_corpus.py" check "$@"
