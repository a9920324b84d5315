#!/usr/bin/env python3
"""Grounded semantics, whole process, argumap against scalop and clingo in one run.

For each size it writes a seeded random framework of N arguments and 5N attacks as i23 (for
argumap and scalop) and as apx (for clingo), then runs the solvers in turn, REPS times each,
under /usr/bin/time, and prints a Markdown table of median wall time and peak memory. It
checks that all of them find the same grounded extension.

Set-up, once (each is skipped, with a note, if missing):
    cargo build --release
    cargo install scalop --version 2.1.0 --locked --root target/peers/scalop   # GPL: run, never link
    python3 -m pip install clingo

Run from the repository root:
    python3 scripts/compare_solvers.py                 # 100,000 and 1,000,000 arguments
    python3 scripts/compare_solvers.py 100000          # one size
    REPS=3 CLINGO_MAX=100000 python3 scripts/compare_solvers.py
clingo takes 70-100 s and about 3 GB at 1,000,000 arguments: it runs only up to CLINGO_MAX
arguments (default 1,000,000).
"""
import os
import random
import re
import shutil
import statistics
import subprocess
import sys

ARGUMAP = "target/release/argumap"
SCALOP = os.environ.get("SCALOP", "target/peers/scalop/bin/scalop")
REPS = int(os.environ.get("REPS", "3"))
CLINGO_MAX = int(os.environ.get("CLINGO_MAX", "1000000"))
OUT = "target/peers/solvers"

GROUNDED = """
in(X) :- arg(X), defeated(Y) : att(Y,X).
defeated(X) :- in(Y), att(Y,X).
#show in/1.
"""


def write_framework(n):
    i23 = f"{OUT}/r{n}.i23"
    apx = f"{OUT}/r{n}.apx"
    if os.path.exists(i23) and os.path.exists(apx):
        return i23, apx
    rng = random.Random(n)
    attacks = [(rng.randint(1, n), rng.randint(1, n)) for _ in range(5 * n)]
    with open(i23, "w") as f:
        f.write(f"p af {n}\n")
        f.writelines(f"{a} {b}\n" for a, b in attacks)
    with open(apx, "w") as f:
        f.writelines(f"arg(a{i}).\n" for i in range(1, n + 1))
        f.writelines(f"att(a{a},a{b}).\n" for a, b in attacks)
    return i23, apx


def timed(cmd, stdin_path=None):
    stdin = open(stdin_path) if stdin_path else subprocess.DEVNULL
    run = subprocess.run(
        ["/usr/bin/time", "-f", "TIME %e %M", *cmd],
        stdin=stdin, capture_output=True, text=True,
    )
    m = re.search(r"TIME ([\d.]+) (\d+)", run.stderr)
    return float(m.group(1)), int(m.group(2)) / 1024, run.stdout


def grounded_set(tool, output, prefix):
    if tool == "clingo":
        found = set(re.findall(r"in\(a(\d+)\)", output))
    else:
        line = next((l for l in output.splitlines() if l.startswith("w")), "w")
        found = set(line.split()[1:])
    return found


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [100_000, 1_000_000]
    os.makedirs(OUT, exist_ok=True)
    tools = [("argumap", lambda i23, apx: [ARGUMAP, "eval", i23, "--iccma"])]
    if os.path.exists(SCALOP):
        tools.append(("scalop 2.1.0", lambda i23, apx: [SCALOP, "solve", "-r", "iccma23", "-f", i23, "-p", "SE-GR"]))
    else:
        print(f"note: {SCALOP} missing, scalop skipped", file=sys.stderr)
    clingo_ok = subprocess.run([sys.executable, "-c", "import clingo"], capture_output=True).returncode == 0
    encoding = f"{OUT}/grounded.lp"
    with open(encoding, "w") as f:
        f.write(GROUNDED)
    if clingo_ok:
        tools.append(("clingo (ASP)", lambda i23, apx: [sys.executable, "-m", "clingo", "--warn=none", encoding, apx]))
    else:
        print("note: python3 -m pip install clingo to include clingo", file=sys.stderr)
    print("| arguments / attacks | solver | wall (median) | peak RSS |")
    print("|---|---|---:|---:|")
    for n in sizes:
        i23, apx = write_framework(n)
        results = {}
        answers = {}
        for rep in range(REPS):
            for name, cmd in tools:
                if name.startswith("clingo") and (n > CLINGO_MAX or rep > 0):
                    continue  # one run: it is slow
                wall, rss, out = timed(cmd(i23, apx))
                results.setdefault(name, []).append((wall, rss))
                answers[name] = grounded_set(name.split()[0], out, "a")
        reference = answers["argumap"]
        for name, runs in results.items():
            same = "" if answers[name] == reference else " **(different answer)**"
            wall = statistics.median(w for w, _ in runs)
            rss = max(r for _, r in runs)
            print(f"| {n:,} / {5*n:,} | {name} | {wall:.2f} s{same} | {rss:,.0f} MiB |")


if __name__ == "__main__":
    main()
