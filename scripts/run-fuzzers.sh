#!/usr/bin/env bash
# Runs every libFuzzer target built in BUILD_DIR for SECONDS each.
#
# A target X_fuzz (from some src/**/X_fuzz.cc) starts from the seed files in the
# folder src/**/X_fuzz_corpus/ when there is one; new inputs go to a scratch
# copy, so the tree stays clean. Targets run in parallel, one per core. Any
# crash, leak or timeout fails the run.
set -euo pipefail
build_dir=${1:?usage: run-fuzzers.sh BUILD_DIR SECONDS}
seconds=${2:-15}
root=$(cd "$(dirname "$0")/.." && pwd)

mapfile -t targets < <(find "$build_dir" -type f -name '*_fuzz' -perm -u+x | sort)
if [ ${#targets[@]} -eq 0 ]; then
  echo "run-fuzzers: no fuzz targets in $build_dir" >&2
  exit 1
fi

# One target: its seeds copied into a scratch corpus, SECONDS of fuzzing.
run_one() {
  local target=$1 name scratch seeds
  name=$(basename "$target")
  scratch=$(mktemp -d)
  seeds=$(find "$root/src" -type d -name "${name}_corpus" | head -n 1)
  if [ -n "$seeds" ]; then cp -r "$seeds"/. "$scratch"/; fi
  echo "run-fuzzers: $name for ${seconds}s ($(ls "$scratch" | wc -l) seeds)"
  "$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 "$scratch" 2>"$scratch.log" || {
    tail -n 40 "$scratch.log" >&2
    echo "run-fuzzers: $name FAILED (log: $scratch.log)" >&2
    return 1
  }
  echo "run-fuzzers: $name: $(grep -E 'stat::number_of_executed_units' "$scratch.log" || true)"
  rm -rf "$scratch" "$scratch.log"
}
export -f run_one
export root seconds

# As many targets at once as there are cores; any failure fails the run.
printf '%s\n' "${targets[@]}" |
  xargs -P "$(nproc)" -I{} bash -c 'run_one "$1"' _ {} || {
  echo "run-fuzzers: a target failed" >&2
  exit 1
}
echo "run-fuzzers: ${#targets[@]} targets ran clean"
