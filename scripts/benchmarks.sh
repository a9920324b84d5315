#!/usr/bin/env bash
# Regenerates BENCHMARKS.md's measured tables on the current commit. Not run in CI: it runs
# Argdown, arguebuf, Graphviz and takes a while. Each table it writes names the commit and the
# command that made it, so a figure nobody re-measured shows as stale.
#
#     scripts/benchmarks.sh                       # every table whose tools are installed
#     TABLES="whole scaling" scripts/benchmarks.sh
#
# Tables (each between `<!-- generated: NAME -->` and `<!-- end: NAME -->` in BENCHMARKS.md):
#   whole     `argumap gen N` to JSON and DOT, and `check`, whole process, at 100,000 and
#             1,000,000 claims (/usr/bin/time: wall, user, sys, peak RSS; best of RUNS, one
#             run at 1,000,000)
#   scaling   scripts/scaling.sh: every command on every generated shape at 20k and 200k
#   argdown   scripts/compare-peers.sh at PEER_SIZES (default 10000): argumap beside Argdown,
#             A B A B (installs Argdown into target/peers when missing)
#   arguebuf  scripts/compare-arguebuf.sh: an AIF folder to DOT beside arguebuf (needs
#             hyperfine and arguebuf, see that script)
#   render    scripts/render-speed.sh: the built-in engine beside Graphviz (needs hyperfine)
# A table whose tools are missing is left as it was, and the script says so.
#
# Uses the release build, in CARGO_TARGET_DIR if set; builds it first.
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"

TARGET=${CARGO_TARGET_DIR:-target}
BIN=$TARGET/release/argumap
OUT=$TARGET/benchmarks
TABLES=${TABLES:-whole scaling argdown arguebuf render}
RUNS=${RUNS:-3}
PEER_SIZES=${PEER_SIZES:-10000}
mkdir -p "$OUT"

cargo build --quiet --release
commit=$(git rev-parse --short HEAD)
if ! git diff --quiet HEAD -- src Cargo.toml Cargo.lock; then
    commit="$commit with uncommitted changes"
fi
today=$(date -u +%Y-%m-%d)
# The first line of each table: the commit, the day, the command, and how busy the machine
# was (other work stretches wall time most).
stamp() {
    printf 'Measured on commit %s, %s, by `%s`; load average %s at the start.\n\n' \
        "$commit" "$today" "$1" "$(cut -d' ' -f1 /proc/loadavg)"
}

# Replaces the text between the markers of table $1 in BENCHMARKS.md with the file $2.
splice() {
    python3 - "$1" "$2" <<'EOF'
import re, sys
name, path = sys.argv[1], sys.argv[2]
doc = open("BENCHMARKS.md").read()
begin, end = f"<!-- generated: {name} -->", f"<!-- end: {name} -->"
if begin not in doc or end not in doc:
    sys.exit(f"benchmarks: BENCHMARKS.md has no markers for `{name}`")
new = open(path).read().strip("\n")
doc = re.sub(re.escape(begin) + ".*?" + re.escape(end),
             lambda _: f"{begin}\n{new}\n{end}", doc, flags=re.S)
open("BENCHMARKS.md", "w").write(doc)
EOF
    echo "benchmarks: table \`$1\` written"
}

# "wall user sys KB" of the best (least wall time) of $1 runs of the rest of the line.
best_of() {
    local runs=$1
    shift
    for _ in $(seq "$runs"); do
        /usr/bin/time -f '%e %U %S %M' -o "$OUT/time" "$@" >/dev/null 2>&1 || true
        tail -1 "$OUT/time"
    done | sort -g | head -1
}

whole() {
    if [[ ! -x /usr/bin/time ]]; then
        echo "benchmarks: \`whole\` needs GNU time (apt-get install -y time); left as it was"
        return
    fi
    local table=$OUT/whole.md
    {
        stamp "scripts/benchmarks.sh (TABLES=whole RUNS=$RUNS)"
        echo "| claims | command | wall | user | sys | peak RSS |"
        echo "|---:|---|---:|---:|---:|---:|"
        for n in 100000 1000000; do
            "$BIN" gen "$n" -o "$OUT/g$n.json"
            local runs=$RUNS
            [[ $n -ge 1000000 ]] && runs=1
            local g=$OUT/g$n.json what
            for what in json dot check; do
                # The 1,000,000-claim file (about 300 MB) is over the default input limit.
                local cmd=(convert --max-input-size 1G "$g" -o "$OUT/out.$what")
                local shown="convert gN.json -o out.$what"
                if [[ $what == check ]]; then
                    cmd=(check --max-input-size 1G "$g")
                    shown="check gN.json"
                fi
                read -r wall user sys kb <<<"$(best_of "$runs" "$BIN" "${cmd[@]}")"
                printf '| %s | `argumap %s` | %s s | %s s | %s s | %s MiB |\n' \
                    "$n" "$shown" "$wall" "$user" "$sys" "$((kb / 1024))"
            done
            rm -f "$OUT/g$n.json" "$OUT/out.json" "$OUT/out.dot"
        done
        echo
        echo "Each row is \`/usr/bin/time -f '%e %U %S %M'\` around the command; the best of $RUNS"
        echo "runs by wall time (one run at 1,000,000 claims). \`gN.json\` is \`argumap gen N\`;"
        echo "every command is given \`--max-input-size 1G\`."
    } >"$table"
    splice whole "$table"
}

scaling() {
    local table=$OUT/scaling.md started
    started=$(date +%s)
    OUT=$OUT/scaling scripts/scaling.sh | tee "$OUT/scaling.log" || true
    {
        stamp "scripts/scaling.sh"
        echo "CPU time (user + system) of the whole process; best of three at 20,000 claims,"
        echo "one run at 200,000 (three when the first is over the ratio). The check took"
        echo "$(($(date +%s) - started)) s in all."
        echo
        python3 - "$OUT/scaling/times.tsv" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
by = {}
for r in rows:
    by.setdefault((r["shape"], r["command"]), {})[int(r["claims"])] = float(r["seconds"])
commands = list(dict.fromkeys(r["command"] for r in rows))
shapes = list(dict.fromkeys(r["shape"] for r in rows))
print("| shape | " + " | ".join(commands) + " |")
print("|---|" + "---:|" * len(commands))
for s in shapes:
    cells = []
    for c in commands:
        t = by.get((s, c))
        if not t or len(t) < 2:
            cells.append("—")
            continue
        small, big = sorted(t)
        cells.append(f"{t[small]:.2f} → {t[big]:.2f} s (×{t[big] / max(t[small], 1e-4):.0f})")
    print(f"| {s} | " + " | ".join(cells) + " |")
EOF
        echo
        grep '^hostile' "$OUT/scaling.log" | sed 's/^/- /'
    } >"$table"
    splice scaling "$table"
}

argdown() {
    SIZES=$PEER_SIZES scripts/compare-peers.sh
    {
        stamp "SIZES=\"$PEER_SIZES\" scripts/compare-peers.sh"
        # Its own title would be a heading of BENCHMARKS.md's.
        sed '/^# /d' target/peers/results.md
    } >"$OUT/argdown.md"
    splice argdown "$OUT/argdown.md"
}

arguebuf() {
    if ! command -v hyperfine >/dev/null || [[ ! -x target/peers/arguebuf/bin/python ]]; then
        echo "benchmarks: \`arguebuf\` needs hyperfine and arguebuf (see scripts/compare-arguebuf.sh); left as it was"
        return
    fi
    scripts/compare-arguebuf.sh
    {
        stamp "scripts/compare-arguebuf.sh"
        cat target/peers/arguebuf-bench/result.md
    } >"$OUT/arguebuf.md"
    splice arguebuf "$OUT/arguebuf.md"
}

render() {
    if ! command -v hyperfine >/dev/null || ! command -v dot >/dev/null; then
        echo "benchmarks: \`render\` needs hyperfine and Graphviz; left as it was"
        return
    fi
    scripts/render-speed.sh
    {
        stamp "scripts/render-speed.sh"
        cat target/render-speed/g*.md
    } >"$OUT/render.md"
    splice render "$OUT/render.md"
}

for table in $TABLES; do
    "$table"
done
