#!/usr/bin/env bash
# Builds the release archives into target/release-archives/:
#
#   argumap-VERSION-x86_64-unknown-linux-gnu.tar.gz    (glibc)
#   argumap-VERSION-x86_64-unknown-linux-musl.tar.gz   (static: runs on any x86_64 Linux)
#   SHA256SUMS
#
# Each holds the `argumap` binary (the `dist` profile: stripped, thin LTO), the shell
# completions, a manual page per subcommand, the browser editor (`editor.html`), the README
# and the licences. Other targets are built when named (`scripts/release.sh TARGET...`) and
# their linker is installed (for aarch64 Linux, Debian's gcc-aarch64-linux-gnu).
#
# Needs: rustup's targets (`rustup target add x86_64-unknown-linux-musl`); for the editor,
# what scripts/build-wasm.sh and scripts/build-web.sh need, unless web/dist/editor.html is
# built already. Nothing is uploaded anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(x86_64-unknown-linux-gnu x86_64-unknown-linux-musl)
fi
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
out=target/release-archives
mkdir -p "$out"

if [ ! -f web/dist/editor.html ]; then
    echo "building the editor (web/dist/editor.html)" >&2
    scripts/build-wasm.sh
    npm ci --prefix web --no-audit --no-fund --loglevel=error
    scripts/build-web.sh
fi

# The completions and manual pages come from the binary of this machine.
cargo build --quiet --profile dist --bin argumap
host=target/dist/argumap

archives=()
for target in "${targets[@]}"; do
    echo "building $target" >&2
    if [ "$target" = aarch64-unknown-linux-gnu ]; then
        export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc
    fi
    if [ "$target" = "$(rustc -vV | sed -n 's/^host: //p')" ]; then
        binary=$host # built above
    else
        cargo build --quiet --profile dist --target "$target" --bin argumap
        binary=target/$target/dist/argumap
    fi
    name=argumap-$version-$target
    stage=$(mktemp -d)
    trap 'rm -rf "$stage"' EXIT
    dir=$stage/$name
    mkdir -p "$dir/completions" "$dir/man"
    cp "$binary" "$dir/"
    "$host" completions bash > "$dir/completions/argumap.bash"
    "$host" completions zsh > "$dir/completions/_argumap"
    "$host" completions fish > "$dir/completions/argumap.fish"
    "$host" man --dir "$dir/man"
    cp web/dist/editor.html README.md LICENSE-MIT LICENSE-APACHE "$dir/"
    tar -C "$stage" -czf "$out/$name.tar.gz" "$name"
    rm -rf "$stage"
    trap - EXIT
    archives+=("$name.tar.gz")
done
(cd "$out" && sha256sum "${archives[@]}" > SHA256SUMS)
ls -l "$out" >&2
