#!/usr/bin/env python3
"""Cuts a small labelled sample out of a full playground (scripts/playground.sh), for git.

Takes whole processes (never part of one) from the runs' split files under a byte budget
per output file, varied: round-robin over the kinds of process (the program it last
executed, or its nearest ancestor's for a fork that executed nothing), smallest first, none
over a sixth of the file's budget, so the sample has many kinds of trace rather than a few
big ones. Writes SAMPLE_DIR/train.strace (normal processes of the first third of the normal
runs), val.strace and test-normal.strace (of the second and last thirds: calibration and
test negatives), attack.strace (attack processes of every attack run), labels.tsv (one row
per process in the sample) and MANIFEST.md (where it came from, sizes). The sample's files
name the traces (protolm's id of a process trace is FILE_NAME:PID, e.g.
train.strace:23637); a PID already taken in an output file (two runs may reuse one) is
skipped.

Usage: playground_sample.py PLAYGROUND_DIR SAMPLE_DIR [TOTAL_KB (default 440)]
"""
import collections
import json
import os
import re
import sys

LINE = re.compile(r"^(\d+)\s")


def processes(run_dir, label):
    """(pid, kind, lines) of one label's processes in a run, from labels.tsv and split/."""
    run = os.path.basename(run_dir.rstrip("/"))
    rows = {}
    with open(os.path.join(run_dir, "labels.tsv")) as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            r = dict(zip(header, line.rstrip("\n").split("\t")))
            rows[int(r["pid"])] = r
    path = os.path.join(run_dir, "split", "%s.%s.strace" % (run, label))
    if not os.path.exists(path):
        return []
    lines = collections.defaultdict(list)
    with open(path) as f:
        for line in f:
            m = LINE.match(line)
            if m:
                lines[int(m.group(1))].append(line)
    out = []
    for pid, ls in lines.items():
        r = rows.get(pid, {})
        kind = os.path.basename(r.get("exe") or "")
        a, hops = r, 0
        while not kind and a.get("ppid", "-") != "-" and hops < 20:  # nearest ancestor's program
            a, hops = rows.get(int(a["ppid"]), {}), hops + 1
            if a.get("exe"):
                kind = "fork:" + os.path.basename(a["exe"])
        out.append({"run": run, "pid": pid, "kind": kind or "?", "lines": ls,
                    "bytes": sum(len(x) for x in ls), "row": r})
    return out


def pick(candidates, budget):
    by_kind = collections.defaultdict(list)
    pids = set()
    for c in sorted(candidates, key=lambda c: c["bytes"]):
        if c["pid"] not in pids and c["bytes"] <= budget // 6:  # many traces, no giant one
            pids.add(c["pid"])
            by_kind[c["kind"]].append(c)
    chosen, used = [], 0
    while True:
        progress = False
        for kind in sorted(by_kind):
            q = by_kind[kind]
            if q and used + q[0]["bytes"] > budget:
                q.clear()  # its smallest does not fit: none of this kind will
            if q:
                c = q.pop(0)
                chosen.append(c)
                used += c["bytes"]
                progress = True
        if not progress:
            return chosen


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: playground_sample.py PLAYGROUND_DIR SAMPLE_DIR [TOTAL_KB]")
    src, dst = sys.argv[1], sys.argv[2]
    total = int(sys.argv[3]) * 1024 if len(sys.argv) == 4 else 440 * 1024
    runs = sorted(d for d in os.listdir(src) if os.path.isfile(os.path.join(src, d, "run.json")))
    normal = [d for d in runs if json.load(open(os.path.join(src, d, "run.json")))["scenario"] == "normal"]
    attack = [d for d in runs if d not in normal]
    if len(normal) < 3 or not attack:
        sys.exit("playground_sample: need at least 3 normal runs and 1 attack run in %s" % src)
    third = max(1, len(normal) // 3)
    parts = [
        ("train.strace", "normal", normal[:third], 0.45),
        ("val.strace", "normal", normal[third:2 * third], 0.15),
        ("test-normal.strace", "normal", normal[2 * third:], 0.15),
        ("attack.strace", "attack", attack, 0.25),
    ]
    os.makedirs(dst, exist_ok=True)
    manifest = []
    with open(os.path.join(dst, "labels.tsv"), "w") as labels:
        labels.write("sample_file\tpid\trun\tlabel\tscenario\tkind\tlines\n")
        for fname, label, from_runs, share in parts:
            cands = []
            for r in from_runs:
                cands += processes(os.path.join(src, r), label)
            chosen = pick(cands, int(total * share))
            chosen.sort(key=lambda c: (c["run"], c["pid"]))
            with open(os.path.join(dst, fname), "w") as f:
                for c in chosen:
                    f.writelines(c["lines"])
                    labels.write("%s\t%d\t%s\t%s\t%s\t%s\t%d\n" % (
                        fname, c["pid"], c["run"], label, c["row"].get("scenario", "?"),
                        c["kind"], len(c["lines"])))
            manifest.append((fname, label, len(chosen), sum(c["bytes"] for c in chosen),
                             len(from_runs), sorted({c["kind"] for c in chosen})))
    with open(os.path.join(dst, "MANIFEST.md"), "w") as m:
        m.write("# playground sample\n\nCut by `scripts/playground_sample.py` from a full "
                "playground made by `scripts/playground.sh` (docs/playground.md): whole "
                "processes, labelled as in the full set (labels.tsv). One trace = one "
                "process (`FILE:PID`).\n\n| file | label | processes | bytes | from runs | kinds |\n"
                "|---|---|---|---|---|---|\n")
        for fname, label, n, b, nr, kinds in manifest:
            m.write("| %s | %s | %d | %d | %d | %s |\n" % (fname, label, n, b, nr, ", ".join(kinds)))
    for fname, label, n, b, nr, kinds in manifest:
        print("%s: %d %s processes, %d bytes" % (fname, n, label, b))


if __name__ == "__main__":
    main()
