#!/usr/bin/env bash
# AIF folder to Graphviz DOT: argumap beside arguebuf 3.0, in one hyperfine run (the two
# alternate, so machine noise hits both alike).
#
# Usage, from anywhere in the repository:
#
#   scripts/compare-arguebuf.sh            # 100 AIF maps of 20 to 218 claims
#   FILES=300 scripts/compare-arguebuf.sh
#
# Needs: hyperfine (apt-get install -y hyperfine), Python 3.13 from pyenv (arguebuf 3.0 needs
# it; Python 3.11 silently gets arguebuf 2.7), and Graphviz's library for pygraphviz
# (apt-get install -y graphviz libgraphviz-dev). Installs arguebuf into
# target/peers/arguebuf (never committed):
#   "$(pyenv root)/versions/3.13.0/bin/python3" -m venv target/peers/arguebuf
#   target/peers/arguebuf/bin/pip install "arguebuf[cli]==3.0.0"
#
# The folder is made with argumap's own AIF export of generated maps:
#   argumap gen K --seed K -o gK.json && argumap convert gK.json -o aif/gK.json --to aif
# Then it times, whole process:
#   argumap:   argumap convert aif/*.json --to dot -o dot/   (one process, as arguebuf)
#   argumap:   for f in aif/*.json; do argumap convert $f -o dot/$f.dot --to dot; done
#              (a process per file, as a user's shell loop runs it)
#   arguebuf:  scripts/arguebuf_to_dot.py aif/ dot/  (one process: load.file, dump.graphviz)
# and checks that both read every file whole (arguebuf: an atom per I-node; argumap: the
# claims of the map the file was written from).
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
FILES=${FILES:-100}
OUT=target/peers/arguebuf-bench
VENV=target/peers/arguebuf
if [ ! -x "$VENV/bin/python" ]; then
    "$(pyenv root)/versions/3.13.0/bin/python3" -m venv "$VENV"
    "$VENV/bin/pip" install --quiet "arguebuf[cli]==3.0.0"
fi
cargo build --release --quiet
BIN=$(realpath "${CARGO_TARGET_DIR:-target}")/release/argumap
rm -rf "$OUT" && mkdir -p "$OUT/maps" "$OUT/aif" "$OUT/dot-argumap" "$OUT/dot-arguebuf"
for i in $(seq 1 "$FILES"); do
    k=$((20 + (i * 37) % 199))
    "$BIN" gen "$k" --seed "$i" -o "$OUT/maps/g$i.json"
    "$BIN" convert "$OUT/maps/g$i.json" -o "$OUT/aif/g$i.json" --to aif
done
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "argumap $(git rev-parse --short HEAD); arguebuf $("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("arguebuf"))'); $FILES AIF files, $(du -sh "$OUT/aif" | cut -f1)"
# Both read the whole of every file: arguebuf finds as many atoms as the file has I-nodes,
# and argumap reads back the claims of the map the file was written from.
"$VENV/bin/python" - "$OUT" "$BIN" <<'PY'
import json, pathlib, subprocess, sys
import arguebuf as ab
out, binary = pathlib.Path(sys.argv[1]), sys.argv[2]
def claims(path):
    stats = subprocess.run([binary, "stats", str(path), "--json"], capture_output=True, text=True, check=True)
    return json.loads(stats.stdout)["claims"]
for path in sorted((out / "aif").glob("*.json")):
    i_nodes = sum(1 for n in json.loads(path.read_text())["nodes"] if n["type"] == "I")
    atoms = len(ab.load.file(path).atom_nodes)
    if atoms != i_nodes:
        sys.exit(f"{path}: arguebuf reads {atoms} atoms of {i_nodes} I-nodes")
    if claims(path) != claims(out / "maps" / path.name):
        sys.exit(f"{path}: argumap reads {claims(path)} claims, the map has {claims(out / 'maps' / path.name)}")
print("arguebuf reads every I-node as an atom; argumap reads back every claim")
PY
"$VENV/bin/python" scripts/arguebuf_to_dot.py "$OUT/aif" "$OUT/dot-arguebuf"
hyperfine --warmup 1 --runs "${RUNS:-5}" --style basic --export-markdown "$OUT/result.md" \
    -n "argumap, one process" "$BIN convert $OUT/aif/*.json --to dot -o $OUT/dot-argumap" \
    -n "argumap, a process per file" "for f in $OUT/aif/*.json; do $BIN convert \$f -o $OUT/dot-argumap/\$(basename \$f .json).dot --to dot; done" \
    -n "arguebuf, one process" "$VENV/bin/python scripts/arguebuf_to_dot.py $OUT/aif $OUT/dot-arguebuf"
cat "$OUT/result.md"
