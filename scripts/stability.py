#!/usr/bin/env python3
"""How much of a Graphviz picture survives a small edit.

Adds one claim (a rebuttal of `fb-consults`) to the encryption map, draws the map before and
after with `argumap convert --to dot | dot -Tsvg`, and counts, over the nodes both pictures
share: how many keep their rank (their row, counted from the top), and how many pairs of
nodes on one rank keep their left-right order. Run from the repository root after
`cargo build`; needs Graphviz. Writes the pictures to docs/stability/.

    python3 scripts/stability.py [extra argumap flags, e.g. --cluster none]
"""
import itertools
import json
import re
import subprocess
import sys

ARGUMAP = "target/debug/argumap"
MAP = "maps/encryption-debate.json"
NEW = {
    "id": "consults-not-enough",
    "text": "Consulting experts does not replace access to evidence.",
    "rebuts": ["fb-consults"],
}


def draw(map_json, extra):
    dot = subprocess.run(
        [ARGUMAP, "convert", "-", "--to", "dot", *extra],
        input=map_json, capture_output=True, text=True, check=True,
    ).stdout
    return subprocess.run(["dot", "-Tsvg"], input=dot, capture_output=True, text=True, check=True).stdout


def centres(svg):
    out = {}
    for m in re.finditer(r'<g id="node\d+" class="node[^"]*">\s*<title>([^<]*)</title>(.*?)</g>', svg, re.S):
        title, body = m.group(1), m.group(2)
        if title.startswith("legend"):
            continue
        e = re.search(r'<ellipse[^>]*cx="([-\d.]+)" cy="([-\d.]+)"', body)
        if e:
            out[title] = (float(e.group(1)), float(e.group(2)))
            continue
        p = re.search(r'<(?:polygon|path)[^>]*(?:points|d)="([^"]*)"', body)
        nums = [float(x) for x in re.findall(r"-?\d+\.?\d*", p.group(1))] if p else []
        if nums:
            xs, ys = nums[0::2], nums[1::2]
            out[title] = ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
    return out


def ranks(pos):
    rows = sorted({round(y) for _, y in pos.values()})
    return {k: rows.index(round(y)) for k, (_, y) in pos.items()}


def main():
    extra = sys.argv[1:]
    before_map = open(MAP).read()
    m = json.loads(before_map)
    ids = [c["id"] for c in m["claims"]]
    m["claims"].insert(ids.index("fb-consults") + 1, NEW)
    after_map = json.dumps(m, indent=2)
    before_svg, after_svg = draw(before_map, extra), draw(after_map, extra)
    suffix = "".join(a.strip("-") + "-" for a in extra)
    for name, svg in [("before", before_svg), ("after", after_svg)]:
        with open(f"docs/stability/{suffix}{name}.svg", "w") as f:
            f.write(svg)
    a, b = centres(before_svg), centres(after_svg)
    common = [k for k in a if k in b]
    ra, rb = ranks(a), ranks(b)
    # The new claim may add a row: compare rows counted from the top of the map.
    shift = max(rb.values()) - max(ra.values())
    same_rank = [k for k in common if ra[k] == rb[k] or ra[k] == rb[k] - shift]
    pairs = [(x, y) for x, y in itertools.combinations(same_rank, 2) if ra[x] == ra[y]]
    kept = sum(1 for x, y in pairs if (a[x][0] < a[y][0]) == (b[x][0] < b[y][0]))
    print(
        f"{' '.join(extra) or 'default look'}: {len(same_rank)}/{len(common)} nodes keep their rank; "
        f"{kept}/{len(pairs)} pairs on a rank keep their order"
    )


if __name__ == "__main__":
    main()
