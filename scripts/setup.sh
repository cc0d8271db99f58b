#!/usr/bin/env bash
# Installs every package protolm needs to build, test, fuzz and benchmark, from
# Debian's repositories. Idempotent: packages already installed are skipped, so a
# second run costs a dpkg query and nothing else. Needs root (or sudo).
set -euo pipefail

packages=(
  # build
  build-essential cmake ninja-build pkg-config git ccache
  # libraries
  libpcap-dev nlohmann-json3-dev libcli11-dev libspdlog-dev libfmt-dev
  libsqlite3-dev libasio-dev
  # TLS decryption with key logs (libcrypto)
  libssl-dev
  # the event store: PostgreSQL client library; the server for its tests
  libpqxx-dev postgresql
  # neural networks (training): libtorch on OpenBLAS (without it BLAS is ~8x slower)
  libtorch-dev libopenblas0-pthread
  # tests, fuzzing, benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev clang libclang-rt-14-dev valgrind
  # third-party peers used by tests and benchmarks (gnutls-bin: the TLS corpus,
  # scripts/record-tls-corpus.sh)
  tshark python3 python3-nltk gnutls-bin
  nmap python3-pymodbus python3-serial-asyncio mbpoll
  iputils-ping traceroute hping3 tcpdump iproute2
  # the detect playground (scripts/playground.sh): servers traced with strace, their
  # clients and the attack tools
  strace nginx-light fcgiwrap vsftpd curl lftp hydra netcat-openbsd openssl
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# tshark asks whether non-root users may capture; answer no, without a prompt.
echo "wireshark-common wireshark-common/install-setuid boolean false" | $SUDO debconf-set-selections
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
