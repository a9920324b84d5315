#!/usr/bin/env bash
# Redraws the pictures in docs/ from the maps (needs Graphviz's `dot` for all but the
# built-in engine's picture).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet
bin=target/debug/argumap
$bin render maps/encryption-debate.json -o docs/encryption-debate.svg --engine graphviz
$bin render maps/encryption-debate.json -o docs/encryption-debate-builtin.svg --engine builtin
$bin render maps/school-uniforms.json -o docs/school-uniforms.svg --engine graphviz
$bin render maps/encryption-debate.json -o docs/encryption-debate-print.svg --theme print --actors badges
$bin render maps/encryption-debate.json -o docs/encryption-debate-actors.svg --cluster actors
echo "docs/*.svg redrawn"
