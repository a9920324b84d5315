#!/usr/bin/env bash
# Whole-process comparison of argumap with the Argdown CLI (@argdown/cli 1.7.5 on Node 20)
# on the same synthetic maps. It prints wall time, CPU time (user + sys) and peak RSS of
# each tool, and the ratio Argdown / argumap.
#
# Usage, from anywhere in the repo:
#
#   scripts/compare-peers.sh                  # 1,000, 10,000 and 100,000 claims
#   scripts/compare-peers.sh 1000 10000       # other sizes (or SIZES="1000 10000")
#
# Settings (environment variables):
#   SIZES     claims per map, if no arguments are given   (default "1000 10000 100000")
#   REPS      runs of each tool per size and task          (default 3)
#   BIG       from this size on, Argdown runs BIG_REPS times (default 100000)
#   BIG_REPS  Argdown's runs at sizes >= BIG               (default 1: it crashes there)
#   TASKS     "dot json", or one of them                   (default "dot json")
#   SEED      the generator's seed                         (default 1)
#   TIMEOUT   seconds allowed to each run                  (default 600)
#
# Installs what it needs if missing; each step is skipped when its result is there:
#   - /usr/bin/time (GNU time, for -v):  apt-get update && apt-get install -y time
#   - the Argdown CLI, into target/peers/argdown (inside target/, so never committed):
#       cd target/peers/argdown && npm init -y && \
#         npm install --no-audit --no-fund @argdown/cli@1.7.5
#     It needs Node.js 20 and npm (2.0.0 needs Node 22). npm may print deprecation warnings.
#   - argumap itself:  cargo build --release  (target/release/argumap)
# It also needs python3 (standard library only), coreutils' timeout, and lscpu.
#
# What it does:
#   1. Prints the machine: cores, CPU, memory, OS, rustc, node, npm, argdown and argumap
#      versions, load average.
#   2. Writes each map with `argumap gen N --seed SEED -o target/peers/maps/nN.json
#      --argdown target/peers/maps/nN.argdown`: the same map as an argumap map file and as
#      Argdown text.
#   3. Runs each tool once, untimed, on a 100-claim map (disk cache, node_modules). Then,
#      for each size and task, runs the tools in turn, A B A B ..., each run as
#      `/usr/bin/time -v timeout TIMEOUT CMD`:
#        DOT:   target/release/argumap convert nN.json -o target/peers/out/argumap/nN.dot
#               target/peers/argdown/node_modules/.bin/argdown map -f dot nN.argdown \
#                   target/peers/out/argdown/
#        JSON:  target/release/argumap convert nN.json -o target/peers/out/argumap/nN.json
#               target/peers/argdown/node_modules/.bin/argdown json nN.argdown \
#                   target/peers/out/argdown/
#      Argdown is called through its installed bin script, not `npx`, so npx's own start is
#      not counted. Node's own start (about 0.05 s) and Argdown's loading of its modules
#      (`argdown --version` takes about 0.4 s) are counted: they are part of using the tool.
#      A run fails if it exits non-zero, times out, or writes no output. A failure is
#      reported with its exit status and the first line of its error. The script carries
#      on, and does not repeat that tool on that map and task.
#   4. Checks that both tools see the same map. It compares `argumap stats --json nN.json`
#      with the statements, arguments and relations in Argdown's JSON export. It also
#      checks the nodes and edges of Argdown's DOT against the map file. It warns about any
#      difference. Argdown's way of counting (found with 1.7.5) is in compare_peers.py,
#      expected_argdown_relations().
#   5. Prints a table of medians and writes it, with the machine and the commands, as
#      Markdown to target/peers/results.md. Every run goes to target/peers/runs.csv, and each
#      run's output and /usr/bin/time -v report to target/peers/logs/.
#
# Wall and CPU are measured by scripts/compare_peers.py around each run, to the
# microsecond: wall with a monotonic clock, CPU from wait4's rusage. /usr/bin/time -v only
# prints them to 10 ms. Peak RSS and the exit status come from /usr/bin/time -v. The
# machines are shared and noisy, so read the ratios from one run, not absolute times.
# The default run takes about 5 minutes on 2 cores (about 10 s for the npm install).
set -euo pipefail

cd "$(dirname "$0")/.."
PEERS=target/peers
AD_DIR=$PEERS/argdown
ARGDOWN=$AD_DIR/node_modules/.bin/argdown
ARGDOWN_VERSION=1.7.5
ARGUMAP=target/release/argumap
MAPS=$PEERS/maps

if [ "$#" -gt 0 ]; then SIZES="$*"; else SIZES=${SIZES:-"1000 10000 100000"}; fi
REPS=${REPS:-3}
BIG=${BIG:-100000}
BIG_REPS=${BIG_REPS:-1}
TASKS=${TASKS:-"dot json"}
SEED=${SEED:-1}
TIMEOUT=${TIMEOUT:-600}

say() { printf '\n== %s\n' "$*"; }
die() { printf 'compare-peers: %s\n' "$*" >&2; exit 2; }

for n in $SIZES; do
    [[ $n =~ ^[1-9][0-9]*$ ]] || die "not a number of claims: $n"
done

# ---- 1. install what is missing
say "checking what is needed"
if [ ! -x /usr/bin/time ]; then
    echo "installing GNU time (for /usr/bin/time -v)"
    if [ "$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq time
fi
command -v node >/dev/null || die "Node.js 20 is needed (node not found)"
command -v npm >/dev/null || die "npm is needed (npm not found)"
command -v python3 >/dev/null || die "python3 is needed"
command -v timeout >/dev/null || die "timeout (coreutils) is needed"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" = 20 ] ||
    echo "warning: Node $(node --version); @argdown/cli 1.7.5 was measured on Node 20"

installed=
if [ -x "$ARGDOWN" ]; then installed=$("$ARGDOWN" --version 2>/dev/null || true); fi
if [ "$installed" != "$ARGDOWN_VERSION" ]; then
    echo "installing @argdown/cli@$ARGDOWN_VERSION into $AD_DIR"
    mkdir -p "$AD_DIR"
    ( cd "$AD_DIR"
      [ -f package.json ] || npm init -y >/dev/null
      npm install --no-audit --no-fund --loglevel=error "@argdown/cli@$ARGDOWN_VERSION" )
    installed=$("$ARGDOWN" --version)
    [ "$installed" = "$ARGDOWN_VERSION" ] ||
        die "argdown --version says '$installed', not $ARGDOWN_VERSION"
fi
echo "argdown $installed: $ARGDOWN"

echo "building argumap (cargo build --release)"
cargo build --release --quiet
[ -x "$ARGUMAP" ] || die "no $ARGUMAP after cargo build --release"

# ---- 2. the machine
mkdir -p "$PEERS" "$MAPS"
FACTS=$PEERS/machine.txt
{
    echo "cores (nproc):  $(nproc)"
    echo "CPU:            $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
    echo "memory:         $(awk '/^MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
    # shellcheck source=/dev/null
    os=$( (. /etc/os-release && echo "$PRETTY_NAME") 2>/dev/null || uname -s)
    echo "OS:             $os, kernel $(uname -r)"
    echo "rustc:          $(rustc --version)"
    echo "node:           $(node --version), npm $(npm --version)"
    echo "argdown:        @argdown/cli $("$ARGDOWN" --version) ($ARGDOWN, not npx)"
    commit=$(git rev-parse --short HEAD 2>/dev/null || echo '?')
    if [ -n "$(git status --porcelain -- src Cargo.toml Cargo.lock 2>/dev/null)" ]; then
        commit="$commit + uncommitted changes in src/ or Cargo.*"
    fi
    echo "argumap:        $("$ARGUMAP" --version), release build, commit $commit"
    echo "load average:   $(cut -d' ' -f1-3 /proc/loadavg) (at start)"
    echo "date:           $(date -u '+%Y-%m-%d %H:%M UTC')"
} > "$FACTS"
say "machine"
cat "$FACTS"

# ---- 3. the maps
say "generating maps (seed $SEED) into $MAPS"
for n in $SIZES; do
    "$ARGUMAP" gen "$n" --seed "$SEED" -o "$MAPS/n$n.json" --argdown "$MAPS/n$n.argdown"
    printf '  n%s: %s bytes JSON, %s bytes Argdown\n' "$n" \
        "$(stat -c %s "$MAPS/n$n.json")" "$(stat -c %s "$MAPS/n$n.argdown")"
done
# A small map on which each tool runs once, untimed, before the timed runs.
"$ARGUMAP" gen 100 --seed "$SEED" -o "$MAPS/warmup.json" --argdown "$MAPS/warmup.argdown"

# ---- 4. the commands, as run (for results.md)
COMMANDS=$PEERS/commands.txt
{
    echo "# install (once; skipped when present)"
    echo "cd $AD_DIR && npm init -y && npm install --no-audit --no-fund @argdown/cli@$ARGDOWN_VERSION"
    echo "cargo build --release"
    echo "# maps, for N in $SIZES"
    echo "$ARGUMAP gen N --seed $SEED -o $MAPS/nN.json --argdown $MAPS/nN.argdown"
    echo "# timed, alternating argumap, Argdown, argumap, Argdown, ...; each as"
    echo "#   /usr/bin/time -v timeout $TIMEOUT COMMAND"
    echo "$ARGUMAP convert $MAPS/nN.json -o $PEERS/out/argumap/nN.dot"
    echo "$ARGDOWN map -f dot $MAPS/nN.argdown $PEERS/out/argdown/"
    echo "$ARGUMAP convert $MAPS/nN.json -o $PEERS/out/argumap/nN.json"
    echo "$ARGDOWN json $MAPS/nN.argdown $PEERS/out/argdown/"
    echo "# count check"
    echo "$ARGUMAP stats --json $MAPS/nN.json"
    echo "# whole comparison"
    echo "scripts/compare-peers.sh $SIZES   # REPS=$REPS BIG=$BIG BIG_REPS=$BIG_REPS TIMEOUT=$TIMEOUT"
} > "$COMMANDS"

# ---- 5. timing, count check, table
say "timing: sizes $SIZES; tasks $TASKS; $REPS runs each (Argdown $BIG_REPS from $BIG claims on)"
# shellcheck disable=SC2086
python3 scripts/compare_peers.py run \
    --sizes $SIZES --tasks $TASKS --reps "$REPS" --big "$BIG" --big-reps "$BIG_REPS" \
    --timeout "$TIMEOUT" --argumap "$ARGUMAP" --argdown "$ARGDOWN" \
    --maps "$MAPS" --out "$PEERS" --facts "$FACTS" --commands "$COMMANDS" \
    --warmup "$MAPS/warmup"

echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
