#!/usr/bin/env bash
# Render speed of the built-in engine beside Graphviz, in one hyperfine run per map size
# (the two engines alternate within each size's run, so machine noise hits both alike).
#
# Usage, from anywhere in the repository:
#
#   scripts/render-speed.sh               # generated maps of 50, 200, 1,000 and 5,000 claims
#   scripts/render-speed.sh 1000 5000     # other sizes
#
# Needs: hyperfine (apt-get install -y hyperfine), Graphviz (apt-get install -y graphviz),
# and a release build, which the script makes (cargo build --release).
# Settings: RUNS (default 5; 3 from 5,000 claims on), SEED (default 1), TIMEOUT (seconds
# allowed to Graphviz per render, default 600).
#
# Each size N: `argumap gen N` writes the map; then hyperfine times, whole process:
#   builtin SVG, builtin PNG, builtin PDF:  argumap render gN.json -o OUT --engine builtin
#   Graphviz SVG:                          argumap render gN.json -o OUT --engine graphviz
#                                            --max-layout 100000 --timeout TIMEOUT
# Results go to target/render-speed/ (markdown tables, one per size).
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
SIZES=${*:-50 200 1000 5000}
SEED=${SEED:-1}
TIMEOUT=${TIMEOUT:-600}
OUT=target/render-speed
mkdir -p "$OUT"
cargo build --release --quiet
BIN="${CARGO_TARGET_DIR:-target}/release/argumap"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "$(dot -V 2>&1), $(hyperfine --version), argumap $(git rev-parse --short HEAD)"
for n in $SIZES; do
    map="$OUT/g$n.json"
    "$BIN" gen "$n" --seed "$SEED" -o "$map"
    runs=${RUNS:-$([ "$n" -ge 5000 ] && echo 3 || echo 5)}
    hyperfine --warmup 1 --runs "$runs" --style basic \
        --export-markdown "$OUT/g$n.md" \
        -n "builtin svg" "$BIN render $map -o $OUT/b$n.svg --engine builtin" \
        -n "builtin png" "$BIN render $map -o $OUT/b$n.png --engine builtin" \
        -n "builtin pdf" "$BIN render $map -o $OUT/b$n.pdf --engine builtin" \
        -n "graphviz svg" "$BIN render $map -o $OUT/d$n.svg --engine graphviz --max-layout 100000 --timeout $TIMEOUT"
    echo "## $n claims"
    cat "$OUT/g$n.md"
done
