#!/usr/bin/env bash
# Checks the static archive that scripts/release.sh built: unpacked in an empty folder, its
# binary is statically linked, under 15 MB, and draws a map and answers a language-server
# handshake with an empty environment (no PATH, no Rust); its manual pages read in groff
# without a warning; the checksums hold.
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
out=target/release-archives
name=argumap-$version-x86_64-unknown-linux-musl
fail() { echo "test-release: $*" >&2; exit 1; }

[ -f "$out/$name.tar.gz" ] || fail "no $out/$name.tar.gz: run scripts/release.sh first"
(cd "$out" && sha256sum --check --quiet SHA256SUMS) || fail "the checksums do not hold"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -C "$work" -xzf "$out/$name.tar.gz"
dir=$work/$name
for part in argumap editor.html README.md LICENSE-MIT LICENSE-APACHE completions/argumap.bash \
    completions/_argumap completions/argumap.fish man/argumap.1 man/argumap-render.1; do
    [ -e "$dir/$part" ] || fail "the archive lacks $part"
done

bin=$dir/argumap
file "$bin" | grep -Eq "statically linked|static-pie linked" || fail "not static: $(file "$bin")"
size=$(stat -c %s "$bin")
[ "$size" -lt $((15 * 1024 * 1024)) ] || fail "the binary is $size bytes, over 15 MB"

cp maps/encryption-debate.json "$work/map.json"
(cd "$work" && env -i "$bin" render map.json -o map.svg --engine builtin) ||
    fail "render failed with an empty environment"
grep -q "<svg" "$work/map.svg" || fail "render wrote no SVG"

# A language-server handshake: initialize, initialized, shutdown, exit.
message() { printf 'Content-Length: %d\r\n\r\n%s' "${#1}" "$1"; }
{
    message '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}'
    message '{"jsonrpc":"2.0","method":"initialized","params":{}}'
    message '{"jsonrpc":"2.0","id":2,"method":"shutdown"}'
    message '{"jsonrpc":"2.0","method":"exit"}'
} | env -i "$bin" lsp > "$work/lsp.out" || fail "the language server failed"
grep -q '"capabilities"' "$work/lsp.out" || fail "the language server did not answer initialize"

for page in "$dir"/man/*.1; do
    warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1) || fail "groff failed on $page"
    [ -z "$warnings" ] || fail "groff warns on $page: $warnings"
done
echo "test-release: $name ok ($size bytes)"
