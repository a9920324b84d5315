"""Check that arguebuf 3.0 loads argumap's AIF export, with the counts the files themselves give.

How to run it (arguebuf 3.0 needs Python 3.13; its console script crashes, so this uses its
Python API):

    AIF_EXPORT_DIR=/tmp/aif-export cargo test --test it aif::write_exports -- --ignored
    python3.13 -m venv /tmp/arguebuf && /tmp/arguebuf/bin/pip install arguebuf==3.0.0
    /tmp/arguebuf/bin/python scripts/check_arguebuf.py /tmp/aif-export/*.json

The ignored test writes our export of every map in maps/, of the two AIF samples after a trip
through argumap, and of two generated maps. For each file the script counts, from the AIF JSON
alone, what arguebuf should load, loads the file with `arguebuf.load.file`, and compares:

* atoms: the I-nodes;
* schemes: the RA, CA, MA and PA nodes;
* edges: the edges between those nodes (arguebuf leaves out the dialogue layer);
* participants: the distinct personIDs of the locutions, with the names the participants block
  gives (`firstname surname`);
* atoms with a speaker: arguebuf gives an atom its speaker when exactly one L-node asserts it
  (L -> YA -> I) and that L-node has a `locutions` entry, so this counts those atoms.

It prints one line per file and exits with 1 if any count differs.
"""

import json
import sys
from collections import Counter
from pathlib import Path

import arguebuf

ARGUMENT_TYPES = {"I", "RA", "CA", "MA", "PA"}
SCHEME_TYPES = {"RA", "CA", "MA", "PA"}


def expected(doc: dict) -> dict:
    doc = doc.get("AIF", doc)  # xAIF wraps the AIF block
    types = {str(n["nodeID"]): n["type"] for n in doc["nodes"]}
    names = {
        str(p["participantID"]): " ".join(
            x for x in (p.get("firstname"), p.get("surname")) if x
        )
        for p in doc.get("participants") or []
    }
    locutions = doc.get("locutions") or []
    people = {str(loc["personID"]) for loc in locutions}
    spoken = {str(loc["nodeID"]) for loc in locutions}
    speakers = Counter()
    into = {}
    for e in doc["edges"]:
        into.setdefault(str(e["toID"]), []).append(str(e["fromID"]))
    for node, kind in types.items():
        if kind != "I":
            continue
        locutions = [
            l
            for ya in into.get(node, [])
            if types.get(ya) == "YA"
            for l in into.get(ya, [])
            if types.get(l) == "L"
        ]
        if len(locutions) == 1 and locutions[0] in spoken:
            speakers[node] = 1
    return {
        "atoms": sum(1 for t in types.values() if t == "I"),
        "schemes": sum(1 for t in types.values() if t in SCHEME_TYPES),
        "edges": sum(
            1
            for e in doc["edges"]
            if types.get(str(e["fromID"])) in ARGUMENT_TYPES
            and types.get(str(e["toID"])) in ARGUMENT_TYPES
        ),
        "participants": sorted(names.get(p, "") for p in people),
        "atoms with a speaker": sum(speakers.values()),
    }


def loaded(path: Path) -> dict:
    g = arguebuf.load.file(path)
    return {
        "atoms": len(g.atom_nodes),
        "schemes": len(g.scheme_nodes),
        "edges": len(g.edges),
        "participants": sorted(p.name or "" for p in g.participants.values()),
        "atoms with a speaker": sum(
            1 for a in g.atom_nodes.values() if a.participant is not None
        ),
    }


def main(paths: list[str]) -> int:
    if not paths:
        print(__doc__)
        return 2
    failed = 0
    for name in paths:
        path = Path(name)
        want = expected(json.loads(path.read_text(encoding="utf-8")))
        got = loaded(path)
        ok = want == got
        failed += not ok
        summary = ", ".join(
            f"{k} {len(v) if isinstance(v, list) else v}" for k, v in got.items()
        )
        print(f"{'ok  ' if ok else 'FAIL'} {path.name}: {summary}")
        if not ok:
            for key in want:
                if want[key] != got[key]:
                    print(f"     {key}: expected {want[key]}, arguebuf {got[key]}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
