#!/usr/bin/env bash
# The scaling check: every command on every generated shape, at SMALL and at 10 × SMALL claims
# (20,000 and 200,000 by default). It fails when the big map takes more than RATIO (30) times
# the small one's time: time that grows with the square of the map shows as about 100×.
# Linear and n log n passes measure 10 to 21× on a 2-core machine, quiet or busy, the top of
# that range from memory that no longer fits the caches (flat profiles: id lookups, hashing,
# allocation, page faults), so a bound of 15 failed linear passes; 30 leaves them room and
# still catches a quadratic pass three times over.
# A ratio measured on one machine in one run, not a timed test.
#
# Times are CPU time (user + system) of the whole process, which other work on the machine
# disturbs less than wall time. Small times are noisy (a process start is a few milliseconds, and the machine is shared),
# so a pair is only judged when the big run takes more than FLOOR seconds (0.2 by default);
# below that, nothing quadratic can hide at these sizes. CPU time is counted in clock ticks,
# so the small time is known to about 10 ms, which the ratio multiplies: the big run
# may take TOLERANCE (0.15 s) more than RATIO times the small one. A pass that grows with
# the square of the map takes 100 times longer, far beyond either allowance. Each small map is timed three times
# and the best kept; each big one once, and when that one is over the ratio, twice more, so
# that the best of three decides.
#
# Then the hostile case: a map file of about 5 MB with 50,000 actors, which `check` must get
# through in under HOSTILE_LIMIT seconds (1 by default).
#
#     scripts/scaling.sh                  # everything
#     SHAPES="fan chain" SMALL=2000 scripts/scaling.sh
#     COMMANDS="check report" scripts/scaling.sh
#
# Uses the release build (`cargo build --release` first), in CARGO_TARGET_DIR if set.
# Writes every time to $OUT/times.tsv (target/scaling by default).
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET=${CARGO_TARGET_DIR:-target}
BIN=${BIN:-$TARGET/release/argumap}
OUT=${OUT:-$TARGET/scaling}
SMALL=${SMALL:-20000}
BIG=$((SMALL * 10))
RATIO=${RATIO:-30}
FLOOR=${FLOOR:-0.2}
TOLERANCE=${TOLERANCE:-0.15}
HOSTILE_LIMIT=${HOSTILE_LIMIT:-1}
SHAPES=${SHAPES:-default actor-per-claim one-speaker fan chain crowd groups dialogue debate}
COMMANDS=${COMMANDS:-check json argdown aif kialo dot graphml mermaid cytoscape apx tgf i23 report eval stats render}

if [[ ! -x $BIN ]]; then
    echo "scaling: no release binary at $BIN; run cargo build --release" >&2
    exit 2
fi
mkdir -p "$OUT"
TIMES=$OUT/times.tsv
printf 'shape\tcommand\tclaims\tseconds\n' >"$TIMES"

# Seconds of CPU (user + system) one run of the command takes; its output goes to $OUT/out.*.
# CPU time, not wall time: the machine may be running other work, which stretches wall time
# but not the time the command itself needs.
run_once() {
    local TIMEFORMAT='%3U %3S' cpu status=0
    cpu=$({ time "$@" >/dev/null 2>"$OUT/stderr"; } 2>&1) || status=$?
    # 1 means the map has problems: the command still did its work. Anything else is a
    # failure of the command itself.
    if [[ $status -ne 0 && $status -ne 1 ]]; then
        echo "scaling: failed ($status): $*" >&2
        cat "$OUT/stderr" >&2
        exit 1
    fi
    awk -v t="$cpu" 'BEGIN { split(t, p, " "); printf "%.3f", p[1] + p[2] }'
}

# True when the awk condition holds (x and y are its numbers).
holds() { awk -v x="$2" -v y="${3:-0}" "BEGIN { exit !($1) }"; }

best() { printf '%s\n' "$@" | sort -g | head -1; }

# The command line of COMMAND on MAP.
command_line() {
    local command=$1 map=$2
    case $command in
        check) echo "$BIN check -q $map" ;;
        report) echo "$BIN report $map" ;;
        stats) echo "$BIN stats $map" ;;
        eval) echo "$BIN eval $map --semantics grounded" ;;
        render) echo "$BIN render $map --engine builtin --max-nodes 1000 -o $OUT/out.svg" ;;
        *) echo "$BIN convert -q $map --to $command -o $OUT/out.$command" ;;
    esac
}

failures=0
started=$(date +%s)
for shape in $SHAPES; do
    small_map=$OUT/$shape-$SMALL.json
    big_map=$OUT/$shape-$BIG.json
    "$BIN" gen "$SMALL" --shape "$shape" -o "$small_map"
    "$BIN" gen "$BIG" --shape "$shape" -o "$big_map"
    for command in $COMMANDS; do
        if [[ $shape == chain && $command == kialo ]]; then
            # Kialo's format numbers each claim by its whole path from the thesis
            # (`1.1.1.1.`), so a chain's file grows with the square of its length: 400 MB
            # at 20,000 claims, 40 GB at 200,000. Left out.
            continue
        fi
        # shellcheck disable=SC2046 # the command line is split into words on purpose
        small=$(best $(run_once $(command_line "$command" "$small_map")) \
            $(run_once $(command_line "$command" "$small_map")) \
            $(run_once $(command_line "$command" "$small_map")))
        small_bytes=$(stat -c %s "$OUT/out.$command" 2>/dev/null || echo 1)
        # shellcheck disable=SC2046
        big=$(run_once $(command_line "$command" "$big_map"))
        # The allowance grows as the output does when it grows faster than the map: a
        # Kialo file numbers each claim by its path, so it grows with the map's depth too.
        growth=1
        if [[ $command == kialo ]]; then
            big_bytes=$(stat -c %s "$OUT/out.$command")
            growth=$(awk -v b="$big_bytes" -v s="$small_bytes" \
                'BEGIN { g = b / s / 10; print (g > 1 ? g : 1) }')
        fi
        over() {
            holds "x > $FLOOR && x > $RATIO * $growth * y + $TOLERANCE" "$big" "$small"
        }
        if over; then
            # shellcheck disable=SC2046
            big=$(best "$big" $(run_once $(command_line "$command" "$big_map")) \
                $(run_once $(command_line "$command" "$big_map")))
        fi
        verdict=ok
        if over; then
            verdict=FAIL
            failures=$((failures + 1))
        elif holds "x <= $FLOOR" "$big"; then
            verdict="ok (under the floor)"
        fi
        printf '%s\t%s\t%s\t%s\n' "$shape" "$command" "$SMALL" "$small" >>"$TIMES"
        printf '%s\t%s\t%s\t%s\n' "$shape" "$command" "$BIG" "$big" >>"$TIMES"
        printf '%-16s %-10s %7.3f s %7.3f s  ×%-5.1f %s\n' "$shape" "$command" "$small" "$big" \
            "$(awk -v x="$big" -v y="$small" 'BEGIN { print x / (y + 0.0001) }')" "$verdict"
    done
    rm -f "$small_map" "$big_map"
done

# The hostile case: 50,000 actors, each asserting one of 1,000 claims (its `by`) and
# denying another, the claims in a chain of rebuttals; about 5 MB. Work per actor times the
# map's links would show here.
hostile=$OUT/hostile.json
python3 - "$hostile" <<'EOF'
import json, sys
n_actors, n_claims = 50000, 1000
actors = [{"id": f"a{i}", "name": f"A{i}", "kind": "person"} for i in range(n_actors)]
claims = [{"id": f"c{i}", "text": f"Claim {i}.", "by": []} for i in range(n_claims)]
for i in range(n_actors):
    claims[i % n_claims]["by"].append(f"a{i}")
for i in range(1, n_claims):
    claims[i]["rebuts"] = [f"c{i - 1}"]
stances = [{"actor": f"a{i}", "target": f"c{i * 7 % n_claims}", "kind": "denies"}
           for i in range(n_actors)]
json.dump({"argumap": 1, "title": "Hostile", "actors": actors, "claims": claims,
           "stances": stances}, open(sys.argv[1], "w"), separators=(",", ":"))
EOF
size=$(stat -c %s "$hostile")
# shellcheck disable=SC2046
took=$(best $(run_once "$BIN" check -q "$hostile") $(run_once "$BIN" check -q "$hostile") \
    $(run_once "$BIN" check -q "$hostile"))
if holds "x < $HOSTILE_LIMIT" "$took"; then
    printf 'hostile: 50,000 actors, %d bytes, checked in %.3f s: ok\n' "$size" "$took"
else
    printf 'hostile: 50,000 actors, %d bytes, checked in %.3f s: FAIL (limit %s s)\n' \
        "$size" "$took" "$HOSTILE_LIMIT"
    failures=$((failures + 1))
fi
rm -f "$hostile"

echo "scaling: $failures failure(s) in $(($(date +%s) - started)) s; times in $TIMES"
[[ $failures -eq 0 ]]
