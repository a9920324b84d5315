#!/usr/bin/env python3
"""Converts every AIF file in a folder to Graphviz DOT with arguebuf, the way its `render`
command builds its graph (load.file, then dump.graphviz), in one process.

    python arguebuf_to_dot.py IN_DIR OUT_DIR

Prints one line: files converted, seconds spent in the loop (after imports), and seconds per
file. Run with the Python of a venv holding arguebuf 3.0 (see scripts/compare-arguebuf.sh).
"""
import pathlib
import sys
import time

import arguebuf as ab


def main():
    src, dst = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    dst.mkdir(parents=True, exist_ok=True)
    files = sorted(src.glob("*.json"))
    start = time.perf_counter()
    for path in files:
        graph = ab.load.file(path)
        dot = ab.dump.graphviz(graph, max_nodes=10**9)
        (dst / (path.stem + ".dot")).write_text(dot.to_string())
    took = time.perf_counter() - start
    print(f"{len(files)} files, {took:.3f} s in the loop, {1000 * took / max(len(files), 1):.2f} ms per file")


if __name__ == "__main__":
    main()
