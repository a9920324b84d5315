#!/usr/bin/env python3
"""Cross-checks `argumap eval` against clingo on random abstract frameworks.

For each of N seeded random frameworks (apx), it asks argumap for every grounded, complete,
preferred and stable extension (`argumap eval F --semantics S --enumerate --json`), and
clingo for the same with ASPARTIX-style encodings written here from the definitions
(SEMANTICS.md, section 1.4): grounded as a positive program, stable with one rule with
default negation, complete as a guess with conflict-freeness and defence constraints, and
preferred as the complete extensions that no other contains. Any difference is printed and
makes the script exit 1.

Set-up, once:  python3 -m pip install clingo
Run, from the repository root, after `cargo build --release`:

    python3 scripts/crosscheck_clingo.py            # 200 frameworks of 2..14 arguments
    python3 scripts/crosscheck_clingo.py 1000 20    # 1000 frameworks of up to 20 arguments

clingo is run as a library through its Python package (MIT licence); argumap as a program.
"""
import json
import os
import random
import subprocess
import sys
import tempfile

import clingo

ARGUMAP = os.environ.get("ARGUMAP", "target/release/argumap")

BASE = """
defeated(X) :- in(Y), att(Y,X).
"""

ENCODINGS = {
    # The least model of a positive program: in when every attacker is defeated.
    "grounded": """
in(X) :- arg(X), defeated(Y) : att(Y,X).
defeated(X) :- in(Y), att(Y,X).
""",
    # In exactly when nothing in attacks it.
    "stable": """
in(X) :- arg(X), not defeated(X).
""" + BASE,
    # Guess; conflict-free; every member defended; everything defended is in.
    "complete": """
in(X) :- arg(X), not out(X).
out(X) :- arg(X), not in(X).
:- in(X), in(Y), att(X,Y).
undefended(X) :- att(Y,X), not defeated(Y).
:- in(X), undefended(X).
:- out(X), not undefended(X).
""" + BASE,
}


def clingo_sets(apx, semantics):
    program = ENCODINGS["complete" if semantics == "preferred" else semantics]
    ctl = clingo.Control(["0", "--warn=none"])
    ctl.add("base", [], apx + program + "#show in/1.")
    ctl.ground([("base", [])])
    sets = []
    ctl.solve(on_model=lambda m: sets.append(frozenset(str(s.arguments[0]) for s in m.symbols(shown=True))))
    if semantics == "preferred":
        sets = [s for s in sets if not any(s < t for t in sets)]
    return set(sets)


def argumap_sets(path, semantics):
    out = subprocess.run(
        [ARGUMAP, "eval", path, "--semantics", semantics, "--enumerate", "--json"],
        capture_output=True, text=True, check=True,
    )
    doc = json.loads(out.stdout)
    return set(frozenset(s) for s in doc.get("sets", []))


def random_apx(rng, n):
    names = [f"a{i}" for i in range(1, n + 1)]
    density = rng.choice([0.1, 0.2, 0.35])
    lines = [f"arg({a})." for a in names]
    for a in names:
        for b in names:
            if rng.random() < density:
                lines.append(f"att({a},{b}).")
    return "\n".join(lines) + "\n"


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    most = int(sys.argv[2]) if len(sys.argv) > 2 else 14
    rng = random.Random(1)
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(count):
            apx = random_apx(rng, rng.randint(2, most))
            path = os.path.join(tmp, f"f{i}.apx")
            with open(path, "w") as f:
                f.write(apx)
            for semantics in ["grounded", "complete", "preferred", "stable"]:
                ours, theirs = argumap_sets(path, semantics), clingo_sets(apx, semantics)
                if ours != theirs:
                    failures += 1
                    print(f"DIFFERENT: framework {i}, {semantics}\n{apx}argumap: {sorted(map(sorted, ours))}\nclingo:  {sorted(map(sorted, theirs))}")
    print(f"{count} frameworks x 4 semantics: {failures} differences")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
