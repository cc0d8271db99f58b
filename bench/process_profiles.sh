#!/usr/bin/env bash
# Clones each physical process of the built-in wago-750-881 profile with the
# weighted strategy (LLMPot's Algorithm 2, mix_ratio 0.5) and with uniform
# sampling (mix_ratio 1: the density is uniform), as LLMPot's Figure 10 does,
# and prints RVA-ε of the clone's answers to reads of the process output at
# ε = 1, 5 and 10 % of the output's range (the pure model, test split).
#
# Each clone is `protolm clone --strategy weighted --context 1` on SIZE
# requests (write x, read y pairs; the context gives the model the write
# before each read). The tank's input is a coil (its pump, switched off and
# on), so its x takes only the values 0 and 1.
#
# Usage: bench/process_profiles.sh [PROTOLM] [SIZE] [OUT] [NAMES]
#   PROTOLM  the CLI (default build/src/cli/protolm)
#   SIZE     requests per clone (default 400)
#   OUT      working folder (default a new temporary folder)
#   NAMES    the processes to clone, comma-separated (default all)
set -euo pipefail
protolm=${1:-build/src/cli/protolm}
size=${2:-400}
out=${3:-$(mktemp -d)}
names=${4:-}
mkdir -p "$out"

# name input_table input_address output_address output_type input_min
# input_max: the profile's bindings (data/profiles/wago-750-881.json); input
# table 3 holding register, 0 coil; input ranges in raw register units (the
# binding's scale applied).
variables=(
  "signum 3 100 100 int16 -1000 1000"
  "expo10 3 101 101 float32 -200 200"
  "cosh 3 103 103 float32 -300 300"
  "sine 3 105 105 int16 -3142 3142"
  "tanh 3 106 106 int16 -3000 3000"
  "tank 0 100 200 uint16 0 1"
  "reactor 3 210 210 uint16 2900 3600"
  "desal 3 220 220 uint16 0 1200"
  "grid 3 230 230 uint16 0 2000"
  "pitch 3 240 240 int16 -1500 1500"
)

echo "| process | sampling | n | range | RVA-ε 1% | RVA-ε 5% | RVA-ε 10% | BCA (all test) | train s |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
for entry in "${variables[@]}"; do
  read -r name table input output type low high <<<"$entry"
  [[ -n $names && ",$names," != *",$name,"* ]] && continue
  for sampling in weighted uniform; do
    mix=0.5
    [[ $sampling == uniform ]] && mix=1
    dir="$out/$name-$sampling"
    mkdir -p "$dir"
    cat >"$dir/probe.json" <<JSON
{"protocol": "modbus", "mix_ratio": $mix,
 "process_variables": [{"name": "$name", "input_table": $table,
   "input_address": $input,
   "output_table": 4, "output_address": $output, "input_min": $low,
   "input_max": $high, "output_type": "$type"}]}
JSON
    "$protolm" clone --device wago-750-881 --strategy weighted \
      --config "$dir/probe.json" --context 1 --start-size "$size" \
      --max-size "$size" --min-size "$size" -o "$dir" >"$dir/log.txt" 2>&1
    python3 - "$dir/report.json" "$name" "$sampling" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
r = report["rounds"][-1]
p = r["process"][0]
e = p["rva_epsilon"]
pct = lambda v: f"{100 * v:.1f} %"
print(f"| {sys.argv[2]} | {sys.argv[3]} | {p['n']} | {p['range']:g} | "
      f"{pct(e['0.01'])} | {pct(e['0.05'])} | {pct(e['0.1'])} | "
      f"{pct(r['pure']['bca'])} | {r['train_seconds']:.0f} |")
PY
  done
done
