#!/usr/bin/env bash
# Measures `protolm detect` on a full playground (scripts/playground.sh, docs/playground.md):
# trains each detector on the normal processes of the first normal runs only, calibrates on
# the next ones, and evaluates with the last normal runs' processes as negatives and the
# attack runs' attack processes as positives (all attacks together, then each scenario
# alone; the attack runs' "served" server processes in a row of their own). One trace = one
# process. Writes OUT/ARCH.json (models), OUT/eval-ARCH-SET.json (`detect eval --json`),
# OUT/commands.txt (every command run) and OUT/results.md (the table).
# Usage: scripts/playground_eval.sh [-p PLAYGROUND] [-o OUT] [-b PROTOLM] [--archs a,b,...]
#   [--depth D] [--far F] [--keep-models]   (defaults: /work/playground,
#   /work/playground-eval, protolm on PATH, stide,ngram,count,lstm, 1, 0.01; --keep-models
#   evaluates an OUT/ARCH.json already there instead of training it again)
set -euo pipefail

pg=/work/playground
out=/work/playground-eval
bin=$(command -v protolm || true)
archs=stide,ngram,count,lstm
depth=1
far=0.01
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    -p) pg="$2"; shift 2 ;;
    -o) out="$2"; shift 2 ;;
    -b) bin="$2"; shift 2 ;;
    --archs) archs="$2"; shift 2 ;;
    --depth) depth="$2"; shift 2 ;;
    --far) far="$2"; shift 2 ;;
    --keep-models) keep=1; shift ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "playground_eval: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
die() { echo "playground_eval: $*" >&2; exit 1; }
[ -n "$bin" ] && [ -x "$bin" ] || die "no protolm binary (give -b PATH)"
[ -f "$pg/labels.tsv" ] || die "$pg is not a playground (no labels.tsv): run scripts/playground.sh"

mapfile -t normal < <(ls -d "$pg"/normal-*/ | sort)
n=${#normal[@]}
[ "$n" -ge 6 ] || die "need at least 6 normal runs in $pg, found $n"
# split the normal runs: 60 % train, 15 % calibration, the rest test negatives
ntrain=$((n * 60 / 100)); nval=$((n * 15 / 100)); [ "$nval" -ge 1 ] || nval=1
files() { local d; for d in "$@"; do ls "$d"split/*."$label".strace 2>/dev/null || true; done; }
label=normal
mapfile -t train < <(files "${normal[@]:0:ntrain}")
mapfile -t val < <(files "${normal[@]:ntrain:nval}")
mapfile -t test_normal < <(files "${normal[@]:ntrain+nval}")
label=attack
mapfile -t attack_all < <(ls "$pg"/*/split/*.attack.strace | sort)
mapfile -t served_all < <(ls "$pg"/*/split/*.served.strace 2>/dev/null | sort)
scenarios=$(ls -d "$pg"/*/ | xargs -n1 basename | grep -v '^normal-' | sed 's/-[0-9]*$//' | sort -u)

mkdir -p "$out"
touch "$out/commands.txt"
run() { echo "$*" >>"$out/commands.txt"; "$@"; }
echo "train: ${#train[@]} files from $ntrain normal runs; val: ${#val[@]}; test normal: ${#test_normal[@]}; attack: ${#attack_all[@]}" \
  | tee "$out/split.txt"

IFS=, read -r -a arch_list <<<"$archs"
for a in "${arch_list[@]}"; do
  start=$(date +%s)
  if [ "$keep" -eq 1 ] && [ -f "$out/$a.json" ]; then
    echo "$a: keeping $out/$a.json"
  elif ! run "$bin" detect train --source strace --depth "$depth" --arch "$a" --far "$far" \
      "${train[@]}" --val "${val[@]}" -o "$out/$a.json" 2>"$out/train-$a.log"; then
    echo "playground_eval: training $a failed: $(tail -n 1 "$out/train-$a.log")" >&2
    continue
  else
    echo "$a $(( $(date +%s) - start ))" >>"$out/train-seconds.txt"
    tail -n 2 "$out/train-$a.log"
  fi
  run "$bin" detect eval --model "$out/$a.json" --normal "${test_normal[@]}" \
    --anomalous "${attack_all[@]}" --json >"$out/eval-$a-all.json"
  for sc in $scenarios; do
    mapfile -t pos < <(ls "$pg"/"$sc"-*/split/*.attack.strace 2>/dev/null || true)
    [ ${#pos[@]} -gt 0 ] || continue
    run "$bin" detect eval --model "$out/$a.json" --normal "${test_normal[@]}" \
      --anomalous "${pos[@]}" --json >"$out/eval-$a-$sc.json"
  done
  if [ ${#served_all[@]} -gt 0 ]; then
    run "$bin" detect eval --model "$out/$a.json" --normal "${test_normal[@]}" \
      --anomalous "${served_all[@]}" --json >"$out/eval-$a-served.json"
  fi
done

python3 - "$out" "$archs" <<'EOF'
import json, os, sys
out, archs = sys.argv[1], sys.argv[2].split(",")
secs = {}
if os.path.exists(f"{out}/train-seconds.txt"):
    for line in open(f"{out}/train-seconds.txt"):
        a, s = line.split(); secs[a] = s
sets = sorted({f[len("eval-"):-5].split("-", 1)[1] for f in os.listdir(out) if f.startswith("eval-")},
              key=lambda s: (s != "all", s == "served", s))
rows = ["| arch | positives | normal / anomalous traces | AUC | det@1% | det@5% | det@10% | "
        "P / R / FPR at the stored threshold | F1 | train s |",
        "|---|---|---|---|---|---|---|---|---|---|"]
for a in archs:
    for s in sets:
        f = f"{out}/eval-{a}-{s}.json"
        if not os.path.exists(f):
            continue
        e = json.load(open(f)); m = e["model"]; d = m["detection_at_far"]
        rows.append("| %s | %s | %d / %d | %.3f | %.2f | %.2f | %.2f | %.2f / %.2f / %.3f | %.2f | %s |" % (
            a, s, e["normal_traces"], e["anomalous_traces"], m["auc"], d["0.01"], d["0.05"],
            d["0.1"], m["precision"], m["recall"], m["fpr"], m["f1"], secs.get(a, "-")))
open(f"{out}/results.md", "w").write("\n".join(rows) + "\n")
print("\n".join(rows))
EOF
