#!/usr/bin/env bash
# Builds the npm package's WebAssembly: the `argumap-wasm` crate for wasm32-unknown-unknown
# (profile `wasm`: release without debug info), then wasm-bindgen's JavaScript glue
# (`--target web`, which the Node and browser entries both start with `initSync`) into
# bindings/wasm/npm/dist/. Needs the target (`rustup target add wasm32-unknown-unknown`)
# and wasm-bindgen-cli at the version bindings/wasm/Cargo.toml pins; says so when either is
# missing. Run from anywhere; prints the `.wasm` size at the end.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/bindings/wasm/npm/dist"

pinned="$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' "$root/bindings/wasm/Cargo.toml")"
have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$have" != "$pinned" ]; then
    echo "build-wasm: needs wasm-bindgen $pinned (found: ${have:-none});" \
        "cargo install wasm-bindgen-cli --version $pinned --locked" >&2
    exit 1
fi
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    echo "build-wasm: needs the target: rustup target add wasm32-unknown-unknown" >&2
    exit 1
fi

cd "$root"
cargo build --profile wasm --target wasm32-unknown-unknown -p argumap-wasm
rm -rf "$out"
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section --out-dir "$out" \
    "$root/target/wasm32-unknown-unknown/wasm/argumap_wasm.wasm"
wasm="$out/argumap_wasm_bg.wasm"
# Binaryen's optimiser, when there is one (npm's `binaryen` package, or WASM_OPT naming it):
# -Oz takes about 15% off the file (5.9 to 5.0 MB measured) for 1 to 2 minutes more.
wasm_opt="${WASM_OPT:-$(command -v wasm-opt || true)}"
if [ -n "$wasm_opt" ]; then
    "$wasm_opt" -Oz --strip-debug --strip-producers --enable-bulk-memory \
        --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
        "$wasm" -o "$wasm.opt"
    mv "$wasm.opt" "$wasm"
fi
echo "build-wasm: $(wc -c <"$wasm") bytes ($(gzip -9c "$wasm" | wc -c) gzipped) in ${wasm#"$root"/}"
