#!/usr/bin/env bash
# Redraws the pictures in docs/ from the maps (needs Graphviz's `dot`).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --quiet -- convert maps/encryption-debate.json --to dot | dot -Tsvg -o docs/encryption-debate.svg
cargo run --quiet -- convert maps/school-uniforms.json --to dot | dot -Tsvg -o docs/school-uniforms.svg
echo "docs/encryption-debate.svg docs/school-uniforms.svg redrawn"
