#!/usr/bin/env bash
# Builds the browser editor: one self-contained file, web/dist/editor.html, with the core's
# WebAssembly, the scripts, the font and the example maps inlined (no network request).
#
#   scripts/build-wasm.sh && scripts/build-web.sh [--out FILE]
#
# Needs Node 20+ and `npm ci --prefix web` (esbuild and CodeMirror, from web/package-lock.json);
# the npm package that scripts/build-wasm.sh builds in bindings/wasm/npm.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d web/node_modules/esbuild ] || [ ! -d web/node_modules/codemirror ]; then
    echo "build-web: web/node_modules is missing: run \`npm ci --prefix web\` first" >&2
    exit 1
fi
exec node web/build.mjs "$@"
