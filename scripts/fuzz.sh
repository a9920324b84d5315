#!/usr/bin/env bash
# Reruns the fuzz targets in fuzz/: one per parser, and `any`, the dispatcher that sniffs
# the format as the command line does for standard input.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# SECONDS is how long each target runs (default 300); the targets run one after another
# (default: all of them): json argdown aif kialo sadface microtexts apx tgf i23 any.
#
# Needs nightly Rust and cargo-fuzz (`cargo install cargo-fuzz --locked`). Each target
# starts from its seeds (fuzz/seeds/TARGET, copied into the working corpus fuzz/corpus/TARGET,
# which grows from run to run) with its dictionary (fuzz/dicts/TARGET.dict). An input that
# panics, hangs (over 10 s) or takes over 2 GB is saved under fuzz/artifacts/TARGET/; keep
# it as a regression test in tests/it/fuzz_regressions.rs with its input in
# tests/data/fuzz/TARGET/ (`cargo +nightly fuzz tmin TARGET FILE` shrinks it first).
#
# Prints per target: the executions, executions per second, the coverage (libFuzzer's
# `cov`: edges reached, `ft`: features), the corpus size and whether it crashed; the full
# logs are in fuzz/logs/, with each distinct panic and its place. Exits non-zero if any
# target crashed, hung or ran out of memory.
#
# Environment: FUZZ_JOBS (processes fuzzing each target at once, default 1), FUZZ_FLAGS (more
# libFuzzer flags, e.g. `-only_ascii=1`).
set -uo pipefail

seconds=${1:-300}
[[ $# -gt 0 ]] && shift
all=(json argdown aif kialo sadface microtexts apx tgf i23 any)
targets=("$@")
[[ ${#targets[@]} -eq 0 ]] && targets=("${all[@]}")
jobs=${FUZZ_JOBS:-1}

# The longest input each target tries: its largest seed and some room.
max_len() {
    case $1 in
        tgf) echo 2048 ;;
        apx | i23 | microtexts) echo 4096 ;;
        kialo | sadface) echo 8192 ;;
        json | aif | any) echo 16384 ;;
        argdown) echo 20480 ;;
        *) echo 8192 ;;
    esac
}

cd "$(dirname "$0")/../fuzz" || exit 2
# Release, with debug assertions (integer overflow is a finding too); no sanitizer, as the
# code under test is safe Rust, and it runs twice as fast without.
build=(-O -a -s none)
triple=$(rustc +nightly -vV | sed -n 's/^host: //p')
cargo +nightly fuzz build "${build[@]}" || exit 2
mkdir -p logs

failed=()
summary=()
for target in "${targets[@]}"; do
    if [[ ! -f fuzz_targets/$target.rs ]]; then
        echo "no fuzz target $target (have: ${all[*]})" >&2
        exit 2
    fi
    mkdir -p "corpus/$target" "artifacts/$target"
    cp -n "seeds/$target"/* "corpus/$target"/ 2>/dev/null
    extra=()
    [[ -f dicts/$target.dict ]] && extra+=("-dict=dicts/$target.dict")
    log=logs/$target.log
    before=$(find "artifacts/$target" -type f | wc -l)
    touch "$log.start"
    echo "== $target: ${seconds}s" >&2
    # Fork mode: the fuzzing runs in child processes, so that a crash, a hang or running
    # out of memory is saved and the target goes on for its whole time.
    # shellcheck disable=SC2086 # FUZZ_FLAGS is a list of flags
    cargo +nightly fuzz run "${build[@]}" "$target" "corpus/$target" -- \
        -max_total_time="$seconds" -max_len="$(max_len "$target")" -timeout=10 \
        -rss_limit_mb=2048 -fork="$jobs" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
        "${extra[@]}" ${FUZZ_FLAGS:-} >"$log" 2>&1
    status=$?
    # The last progress line: `#EXECS: cov: C ft: F corp: N exec/s: R oom/timeout/crash: O/T/C ...`
    last=$(grep -hE '^#[0-9]+: cov: ' "$log" | tail -1)
    field() { sed -nE "s|.* $1:? ([0-9/]+)s? .*|\\1|p" <<<"$last "; }
    execs=$(sed -nE 's/^#([0-9]+):.*/\1/p' <<<"$last")
    found=$(( $(find "artifacts/$target" -type f | wc -l) - before ))
    result=ok
    if [[ $status -ne 0 || $found -gt 0 ]]; then
        result="FAILED: $found new input(s) in fuzz/artifacts/$target (oom/timeout/crash $(field 'oom/timeout/crash'))"
        failed+=("$target")
    fi
    took=$(field time)
    summary+=("$(printf '%-11s %7ss %12s %8s %6s %7s %7s  %s' "$target" "${took:-?}" "${execs:-?}" \
        "$(( ${execs:-0} / ${took:-1} ))" "$(field cov)" "$(field ft)" "$(find "corpus/$target" -type f | wc -l)" "$result")")
    # Each distinct panic among the new inputs (quoted parts elided), with how many inputs reach it.
    # (A hang is named by its file, `timeout-*`: replaying it would hang again.)
    find "artifacts/$target" -type f -name 'crash-*' -newer "$log.start" -print0 |
        xargs -0 -r -n1 "target/$triple/release/$target" -timeout=10 2>&1 |
        awk '/panicked at / {
            sub(/.*panicked at /, ""); place = $0; getline
            gsub(/"[^"]*"/, "\"..\""); gsub(/`[^`]*`/, "`..`"); print place " " substr($0, 1, 100)
        }' |
        sort | uniq -c | sed 's/^/    /' >&2
    find "artifacts/$target" -type f \( -name 'timeout-*' -o -name 'oom-*' \) -newer "$log.start" |
        sed 's/^/    hangs or runs out of memory: /' >&2
done

printf '%-11s %8s %12s %8s %6s %7s %7s  %s\n' target time executions exec/s cov ft corpus result
printf '%s\n' "${summary[@]}"
if [[ ${#failed[@]} -gt 0 ]]; then
    echo "crashed: ${failed[*]}; the inputs are in fuzz/artifacts/, the logs in fuzz/logs/" >&2
    exit 1
fi
