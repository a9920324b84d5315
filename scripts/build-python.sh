#!/usr/bin/env bash
# Builds the Python package `argumap` (bindings/python) with maturin and installs it, with
# pytest and networkx, into the virtual environment target/py-venv, which `cargo test`
# (tests/it/python.rs) runs pytest in.
#
#   scripts/build-python.sh            release build (as CI)
#   PROFILE=dev scripts/build-python.sh  quicker build, slower code
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/py-venv
python=${PYTHON:-python3}
if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet "maturin>=1.5,<2" pytest networkx
profile=${PROFILE:-release}
rm -rf target/wheels/argumap-*.whl
if [ "$profile" = release ]; then
    "$venv/bin/maturin" build --release --manifest-path bindings/python/Cargo.toml --out target/wheels
else
    "$venv/bin/maturin" build --profile "$profile" --manifest-path bindings/python/Cargo.toml --out target/wheels
fi
"$venv/bin/python" -m pip install --quiet --force-reinstall --no-deps target/wheels/argumap-*.whl
"$venv/bin/python" -c 'import argumap; print("argumap", argumap.__version__, "installed in target/py-venv")'
