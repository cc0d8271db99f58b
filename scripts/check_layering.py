#!/usr/bin/env python3
"""Checks protolm's layering: every include stays within what a module declares.

Each folder of src/ with a CMakeLists.txt calling protolm_module(NAME DEPS ...) is
a module. A file of a module may include only headers of its own module and of
the modules it depends on (DEPS, transitively). Test files (*_test.cc, *_fuzz.cc)
may also include what their test binary links (protolm_testing and the targets
named in `target_link_libraries(NAME_tests PRIVATE ...)`); so may a module's
test-support headers (*_test_support.h, *_test_util.h), which only test files
may include. The module graph must
have no cycle, and no file outside a protocol's own folder may name a protocol
as a string literal ("modbus", "s7comm"): behaviour is chosen by asking the
protocol table (src/proto/registry/protocol_table.h). Test files may name
protocols as test data; comments may name them.

Faults listed in scripts/layering_debt.txt (one line per occurrence, as
printed, without the line number) are known debt still to be paid: they are
counted, not failed; any other fault fails the check, and so does a debt line
that no longer occurs (remove it).

Usage: scripts/check_layering.py [REPO_ROOT]   (exit 1 and one line per fault)
       scripts/check_layering.py --graph        (the module graph, for the docs)
"""
import collections
import os
import re
import sys

MODULE_CALL = re.compile(r"protolm_module\(\s*(\w+)(.*?)\)", re.S)
TEST_LINKS = re.compile(
    r"target_link_libraries\(\s*(\w+)_tests\s+PRIVATE(.*?)\)", re.S)
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
PROTOCOL_LITERAL = re.compile(r'"(modbus|s7comm|tls|http)"')
TEST_FILES = ("_test.cc", "_fuzz.cc", "_test_support.h", "_test_util.h")
# Each protocol folder may name itself; the table registers by descriptor.
PROTOCOL_FOLDERS = ("src/proto/modbus/", "src/proto/s7comm/", "src/proto/tls/",
                    "src/proto/http/")


def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def modules(root):
    """{module name: (folder relative to src, direct deps, extra test deps)}"""
    found = {}
    for folder, _, files in os.walk(os.path.join(root, "src")):
        if "CMakeLists.txt" not in files:
            continue
        text = read(os.path.join(folder, "CMakeLists.txt"))
        call = MODULE_CALL.search(text)
        if not call:
            continue
        name = call.group(1)
        deps = set(re.findall(r"protolm_(\w+)", call.group(2)))
        tests = set()
        for links in TEST_LINKS.finditer(text):
            if links.group(1) == name:
                tests |= set(re.findall(r"protolm_(\w+)", links.group(2)))
        rel = os.path.relpath(folder, os.path.join(root, "src"))
        found[name] = (rel, deps, tests)
    return found


def closure(graph, start):
    seen, todo = set(), list(graph.get(start, ()))
    while todo:
        m = todo.pop()
        if m in seen or m not in graph:
            continue
        seen.add(m)
        todo.extend(graph[m])
    return seen


def find_cycle(graph):
    state = {}

    def visit(m, path):
        state[m] = 1
        for d in sorted(graph.get(m, ())):
            if d not in graph:
                continue
            if state.get(d) == 1:
                return path + [m, d]
            if d not in state:
                cycle = visit(d, path + [m])
                if cycle:
                    return cycle
        state[m] = 2
        return None

    for m in sorted(graph):
        if m not in state:
            cycle = visit(m, [])
            if cycle:
                return cycle
    return None


def main(argv):
    root = os.path.abspath(argv[1] if len(argv) > 1 and argv[1] != "--graph"
                           else os.path.join(os.path.dirname(__file__), ".."))
    mods = modules(root)
    graph = {name: deps & set(mods) for name, (_, deps, _) in mods.items()}
    if "--graph" in argv:
        for name in sorted(mods, key=lambda n: (len(closure(graph, n)), n)):
            print(f"{name:16} {mods[name][0]:22} -> "
                  f"{' '.join(sorted(graph[name])) or '-'}")
        return 0

    faults = []
    cycle = find_cycle(graph)
    if cycle:
        faults.append("module cycle: " + " -> ".join(cycle))
    # The module a header belongs to: the longest module folder it lies in.
    folders = sorted(((rel, name) for name, (rel, _, _) in mods.items()),
                     key=lambda x: -len(x[0]))

    def owner(path):
        for rel, name in folders:
            if path.startswith(rel + "/"):
                return name
        return None

    for name, (rel, deps, test_deps) in sorted(mods.items()):
        allowed = {name} | closure(graph, name)
        test_allowed = set(allowed) | {"testing"}
        for t in test_deps | {"testing"}:
            test_allowed |= {t} | closure(graph, t)
        folder = os.path.join(root, "src", rel)
        used = set()
        for file in sorted(os.listdir(folder)):
            if not file.endswith((".h", ".cc")):
                continue
            path = os.path.join(folder, file)
            shown = os.path.relpath(path, root)
            is_test = file.endswith(TEST_FILES)
            # A fuzz target links its module alone (protolm_module.cmake).
            reach = allowed if file.endswith("_fuzz.cc") or not is_test \
                else test_allowed
            text = read(path)
            for match in INCLUDE.finditer(text):
                header = match.group(1)
                line = text.count("\n", 0, match.start()) + 1
                test_support = header.endswith(TEST_FILES[2:]) or \
                    header.startswith("testing/")
                if test_support and not is_test and not rel.startswith(
                        "testing"):
                    faults.append(f"{shown}:{line}: includes test support "
                                  f"{header} outside a test")
                target = owner(header)
                if not is_test:
                    used.add(target)
                if target is None or target in reach:
                    continue
                faults.append(f"{shown}:{line}: includes {header} (module "
                              f"{target}), which module {name} does not "
                              f"depend on")
            if is_test or shown.startswith(PROTOCOL_FOLDERS):
                continue
            for number, code in enumerate(text.split("\n"), 1):
                code = code.split("//", 1)[0]
                for match in PROTOCOL_LITERAL.finditer(code):
                    faults.append(f"{shown}:{number}: names protocol "
                                  f"{match.group(0)}; ask the protocol table")

        for dep in sorted(graph[name] - used if used else ()):
            faults.append(f"src/{rel}/CMakeLists.txt:1: {name} declares "
                          f"protolm_{dep} but includes none of its headers")

    debt_path = os.path.join(root, "scripts", "layering_debt.txt")
    debt = collections.Counter(
        line.strip() for line in (read(debt_path).splitlines()
                                  if os.path.exists(debt_path) else [])
        if line.strip() and not line.startswith("#"))
    known = collections.Counter()
    failed = 0
    for fault in faults:
        key = re.sub(r":\d+: ", ": ", fault, count=1)
        if known[key] < debt[key]:
            known[key] += 1
            continue
        print(fault)
        failed += 1
    for paid in sorted(debt - known):
        print(f"scripts/layering_debt.txt: \"{paid}\" occurs fewer times "
              "than listed; remove the line")
        failed += 1
    known = sum(known.values())
    print(f"check_layering: {len(mods)} modules, {failed} faults, "
          f"{known} known faults left in scripts/layering_debt.txt")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
