#!/usr/bin/env python3
"""Labels every process of one playground run and splits its strace files by label.

Reads RUN_DIR/run.json (written by scripts/playground.sh: the scenario and, for an attack
run, the attack window as epoch seconds) and every RUN_DIR/*.strace file (`strace -f -tt
-yy` output: each line starts with the PID and the time of day). Per process it finds the
parent (the clone/fork/vfork return value in the parent's lines), the time of its first
line and its last execve, then labels it:

  attack  - an attack run's process whose first line lies inside the attack window (all
            traffic inside the window is the attacker's: the vsftpd session processes of a
            hydra login attempt, the CGI child that runs the web shell), or whose parent
            is an attack process (the shell's commands, useradd, the reverse shell);
  served  - an attack run's older process (nginx worker, fcgiwrap worker, the vsftpd
            listener) that made system calls inside the window: it served the attacker
            among ordinary clients, so it is neither clean normal nor created by the attack;
  normal  - every other process (every process of a normal run).

Writes RUN_DIR/labels.tsv (one row per process) and RUN_DIR/split/RUN.LABEL.strace (the
lines of that label's processes, in order; the run name makes trace ids unique across
runs, since protolm names a process trace FILE_NAME:PID). Usage: playground_label.py RUN_DIR
"""
import datetime
import json
import os
import re
import sys

LINE = re.compile(r"^(\d+)\s+(\d\d):(\d\d):(\d\d\.\d+)\s+(.*)$")
FORK = re.compile(r"^(?:<\.\.\. )?(clone3?|fork|vfork)\b.*\)\s+=\s+(\d+)")
EXEC = re.compile(r'^execve\("([^"]*)"')
EXEC_DONE = re.compile(r"^<\.\.\. execve resumed>.*\)\s+=\s+0\b")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: playground_label.py RUN_DIR")
    run_dir = sys.argv[1]
    with open(os.path.join(run_dir, "run.json")) as f:
        run = json.load(f)
    name = run["run"]

    def tod(epoch):  # local time of day in seconds, as strace -tt prints it
        t = datetime.datetime.fromtimestamp(epoch)
        return t.hour * 3600 + t.minute * 60 + t.second + t.microsecond / 1e6

    start = tod(run["start_epoch"])

    def rel(seconds):  # seconds since the run's start, across midnight
        return (seconds - start) % 86400

    window = None
    if run.get("attack_window"):
        w = run["attack_window"]
        window = (rel(tod(w[0])), rel(tod(w[1])))

    procs = {}  # (file, pid) -> info
    order = []
    files = sorted(f for f in os.listdir(run_dir) if f.endswith(".strace"))
    for fname in files:
        with open(os.path.join(run_dir, fname), errors="replace") as f:
            for line in f:
                m = LINE.match(line)
                if not m:
                    continue
                pid = int(m.group(1))
                t = rel(int(m.group(2)) * 3600 + int(m.group(3)) * 60 + float(m.group(4)))
                rest = m.group(5)
                key = (fname, pid)
                p = procs.get(key)
                if p is None:
                    p = procs[key] = {"first": t, "last": t, "lines": 0, "parent": None,
                                      "exe": "", "in_window": False}
                    order.append(key)
                p["last"] = t
                p["lines"] += 1
                if window and window[0] <= t <= window[1]:
                    p["in_window"] = True
                fm = FORK.match(rest)
                if fm:
                    child = (fname, int(fm.group(2)))
                    procs.setdefault(child, {"first": t, "last": t, "lines": 0, "parent": None,
                                             "exe": "", "in_window": False})
                    if child not in order:
                        order.append(child)
                    procs[child]["parent"] = pid
                em = EXEC.match(rest)
                if em:
                    p["exec_pending"] = em.group(1)
                if (em and re.search(r"\)\s+=\s+0\b", rest)) or EXEC_DONE.match(rest):
                    p["exe"] = p.pop("exec_pending", p["exe"])

    label = {}

    def label_of(key):
        if key in label:
            return label[key]
        p = procs[key]
        lab = "normal"
        if window:
            parent = (key[0], p["parent"]) if p["parent"] is not None else None
            if window[0] <= p["first"] <= window[1]:
                lab = "attack"
            elif parent in procs and label_of(parent) == "attack":
                lab = "attack"
            elif p["in_window"]:
                lab = "served"
        label[key] = lab
        return lab

    split_dir = os.path.join(run_dir, "split")
    os.makedirs(split_dir, exist_ok=True)
    with open(os.path.join(run_dir, "labels.tsv"), "w") as out:
        out.write("file\tpid\tppid\tlabel\tscenario\tfirst_s\tlast_s\tlines\texe\n")
        for key in order:
            p = procs[key]
            if p["lines"] == 0:
                continue
            out.write("%s\t%d\t%s\t%s\t%s\t%.6f\t%.6f\t%d\t%s\n" % (
                key[0], key[1], p["parent"] if p["parent"] is not None else "-",
                label_of(key), run["scenario"], p["first"], p["last"], p["lines"], p["exe"]))

    outs = {}
    for fname in files:
        with open(os.path.join(run_dir, fname), errors="replace") as f:
            for line in f:
                m = LINE.match(line)
                if not m:
                    continue
                lab = label_of((fname, int(m.group(1))))
                if lab not in outs:
                    outs[lab] = open(os.path.join(split_dir, "%s.%s.strace" % (name, lab)), "w")
                outs[lab].write(line)
    for o in outs.values():
        o.close()
    counts = {}
    for key in order:
        if procs[key]["lines"]:
            counts[label_of(key)] = counts.get(label_of(key), 0) + 1
    print("%s: %s" % (name, ", ".join("%s %d" % kv for kv in sorted(counts.items()))))


if __name__ == "__main__":
    main()
