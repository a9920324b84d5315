#!/usr/bin/env python3
"""Helper of scripts/compare-peers.sh: times argumap and the Argdown CLI on the same maps,
checks that both see the same map, and writes the results table.

    compare_peers.py run --sizes 1000 10000 ... (see compare-peers.sh, which calls it)
    compare_peers.py counts MAP.json ARGDOWN-EXPORT.json   # the count check alone

Each timed run is `/usr/bin/time -v -o FILE timeout SECONDS CMD ...`, started from here.
Peak RSS and the exit status come from /usr/bin/time -v. Wall time is taken here around the
whole process (perf_counter), and CPU time (user + sys) from the rusage that wait4 returns
for it. /usr/bin/time prints both only to 10 ms, which is too coarse for runs of a few
milliseconds. Both timings include the start of /usr/bin/time and timeout. The script
measures that overhead on `true` and prints it. Its own "Elapsed", "User time" and
"System time" go to runs.csv beside the finer figures, as a cross-check.

Only the Python standard library is used.
"""
import argparse
import csv
import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

TIME = "/usr/bin/time"
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
ERROR_LINE = re.compile(r"(\w*Error\b|\berror\b|panicked|FATAL|Aborted|Segmentation)", re.I)


# --------------------------------------------------------------------------- measuring

def parse_time_v(path):
    """The fields of `/usr/bin/time -v` that we use, or {} when it wrote nothing."""
    out = {}
    try:
        text = Path(path).read_text(errors="replace")
    except OSError:
        return out
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("Elapsed (wall clock) time"):
            v = line.rsplit(": ", 1)[1]
            secs = 0.0
            for part in v.split(":"):
                secs = secs * 60 + float(part)
            out["elapsed"] = secs
        elif line.startswith("User time (seconds):"):
            out["user"] = float(line.split(":")[1])
        elif line.startswith("System time (seconds):"):
            out["sys"] = float(line.split(":")[1])
        elif line.startswith("Maximum resident set size (kbytes):"):
            out["maxrss_kb"] = int(line.split(":")[1])
        elif line.startswith("Exit status:"):
            out["exit"] = int(line.split(":")[1])
        elif line.startswith("Command terminated by signal"):
            out["signal"] = int(line.rsplit(" ", 1)[1])
    return out


def first_error_line(*paths):
    """The first line that looks like an error in the given files (stdout and stderr), else
    the first non-empty line of the first file that has one."""
    texts = []
    for p in paths:
        try:
            with open(p, errors="replace") as f:
                texts.append(ANSI.sub("", f.read(1 << 20)))
        except OSError:
            texts.append("")
    for t in texts:
        for line in t.splitlines():
            if ERROR_LINE.search(line):
                return line.strip()[:200]
    for t in texts:
        for line in t.splitlines():
            if line.strip():
                return line.strip()[:200]
    return ""


def measure(cmd, logbase, timeout, expect=None):
    """Runs cmd under /usr/bin/time -v and timeout. Returns a dict of figures and status."""
    tfile, ofile, efile = (f"{logbase}.time", f"{logbase}.out", f"{logbase}.err")
    if expect:
        Path(expect).unlink(missing_ok=True)
    argv = [TIME, "-v", "-o", tfile, "timeout", str(timeout), *map(str, cmd)]
    with open(ofile, "wb") as out, open(efile, "wb") as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    tv = parse_time_v(tfile)
    code = tv.get("exit", p.returncode)
    r = {
        "wall": wall,
        "cpu": ru.ru_utime + ru.ru_stime,
        "maxrss_kb": tv.get("maxrss_kb", ru.ru_maxrss),
        "tv_elapsed": tv.get("elapsed"),
        "tv_cpu": (tv["user"] + tv["sys"]) if "user" in tv and "sys" in tv else None,
        "exit": code,
        "ok": True,
        "error": "",
    }
    if code == 124:
        r["ok"], r["error"] = False, f"timed out after {timeout} s"
    elif "signal" in tv or code != 0:
        r["ok"] = False
        what = f"killed by signal {tv['signal']}" if "signal" in tv else f"exit {code}"
        r["error"] = f"{what}: {first_error_line(efile, ofile)}"
    elif expect and (not Path(expect).exists() or Path(expect).stat().st_size == 0):
        r["ok"] = False
        r["error"] = f"exit 0 but no output {expect}: {first_error_line(efile, ofile)}"
    return r


# --------------------------------------------------------------------------- counting

ARGUMAP_TO_ARGDOWN = {"supports": "support", "rebuts": "attack", "undercuts": "undercut",
                      "contradicts": "contradictory"}


def argumap_relations(map_json):
    """(from, kind, to) of every relation in an argumap map file: inline on claims and
    arguments, and in the `relations` list."""
    rels = []
    for key in ("claims", "arguments"):
        for e in map_json.get(key, []):
            for kind in ("supports", "rebuts", "undercuts", "contradicts", "rephrases"):
                for to in e.get(kind, []) or []:
                    rels.append((e["id"], kind, to))
            if key == "arguments":
                for p in e.get("premises", []) or []:
                    rels.append((p, "premise", e["id"]))
                if e.get("conclusion"):
                    rels.append((e["id"], "conclusion", e["conclusion"]))
    for r in map_json.get("relations", []) or []:
        rels.append((r["from"], r["kind"], r["to"]))
    return rels


def expected_argdown_relations(map_json):
    """The relations Argdown's JSON export lists for the same map, by Argdown's rules (found
    by experiment with @argdown/cli 1.7.5):
    - premises and conclusions of a premise-conclusion structure are not relations there;
    - a support or attack *from* a reconstructed argument becomes one from its conclusion;
    - relations with the same (from, type, to) are merged into one; a support and an attack
      between the same two statements are two;
    - an undercut points at the argument's inference and is kept;
    - contradictions are symmetric (counted once per pair).
    argumap relations that Argdown cannot express (rephrases) are left out."""
    conclusion = {a["id"]: a["conclusion"] for a in map_json.get("arguments", [])
                  if a.get("conclusion")}
    seen = set()
    for frm, kind, to in argumap_relations(map_json):
        t = ARGUMAP_TO_ARGDOWN.get(kind)
        if t is None:
            continue
        if t in ("support", "attack") and frm in conclusion:
            frm = conclusion[frm]
        key = (t, *sorted((frm, to))) if t == "contradictory" else (frm, t, to)
        seen.add(key)
    return Counter(k[0] if k[0] == "contradictory" else k[1] for k in seen)


def argdown_counts(export_json):
    """Statements, arguments and relations by type in an `argdown json` export."""
    d = json.load(open(export_json))
    return {
        "statements": len(d.get("statements", {})),
        "arguments": len(d.get("arguments", {})),
        "relations": Counter(r.get("relationType") for r in d.get("relations", [])),
        "from_argument": sum(1 for r in d.get("relations", [])
                             if r.get("fromType") == "argument"),
    }


def check_argdown_dot(map_path, dot_path):
    """Argdown's DOT map of the same map should have a node per statement and argument, and
    an edge per relation (as its JSON counts them) plus one per premise and conclusion."""
    m = json.load(open(map_path))
    expected_nodes = len(m.get("claims", [])) + len(m.get("arguments", []))
    expected_edges = sum(expected_argdown_relations(m).values()) + sum(
        1 for _, kind, _ in argumap_relations(m) if kind in ("premise", "conclusion"))
    text = Path(dot_path).read_text(errors="replace")
    nodes = len(re.findall(r'type="(?:statement|argument)-map-node"', text))
    edges = len(re.findall(r"^\s*n\d+ -> n\d+ ", text, re.M))
    lines = [f"Argdown DOT:    {nodes} nodes, {edges} edges (expected {expected_nodes} claims "
             f"+ arguments, {expected_edges} relations + premises + conclusions)"]
    warns = []
    if (nodes, edges) != (expected_nodes, expected_edges):
        warns.append(f"Argdown's DOT has {nodes} nodes and {edges} edges, expected "
                     f"{expected_nodes} and {expected_edges}")
    return lines, warns


def compare_counts(stats, map_path, export_json):
    """Compares argumap's `stats --json` with Argdown's JSON export of the same map.
    Returns (lines to print, list of mismatch warnings)."""
    m = json.load(open(map_path))
    ad = argdown_counts(export_json)
    rel = stats.get("relations", {})
    ours = {"support": rel.get("supports", 0), "attack": rel.get("rebuts", 0),
            "undercut": rel.get("undercuts", 0), "contradictory": rel.get("contradicts", 0)}
    expected = expected_argdown_relations(m)
    types = ("support", "attack", "undercut", "contradictory")
    fmt = lambda c: " + ".join(f"{c.get(t, 0)} {t}" for t in types if c.get(t, 0)) or "0"
    lines = [
        f"argumap stats:  {stats.get('claims')} claims, {stats.get('arguments')} arguments, "
        f"relations {dict(sorted(rel.items()))}",
        f"  as Argdown types: {sum(ours.values())} = {fmt(ours)} "
        f"(premise/conclusion links not counted: Argdown has no relation for them)",
        f"  expected by Argdown's rules from the map file: {sum(expected.values())} = "
        f"{fmt(expected)}",
        f"Argdown json:   {ad['statements']} statements, {ad['arguments']} arguments, "
        f"{sum(ad['relations'].values())} relations = {fmt(ad['relations'])} "
        f"({ad['from_argument']} from arguments)",
    ]
    warnings = []
    if stats.get("claims") != ad["statements"]:
        warnings.append(f"claims {stats.get('claims')} (argumap) != statements "
                        f"{ad['statements']} (Argdown)")
    if stats.get("arguments") != ad["arguments"]:
        warnings.append(f"arguments {stats.get('arguments')} (argumap) != "
                        f"{ad['arguments']} (Argdown)")
    for t in types:
        if ours.get(t, 0) != ad["relations"].get(t, 0):
            warnings.append(f"{t} relations {ours.get(t, 0)} (argumap) != "
                            f"{ad['relations'].get(t, 0)} (Argdown); "
                            f"expected by Argdown's rules: {expected.get(t, 0)}")
    other = set(ad["relations"]) - set(types)
    if other:
        warnings.append(f"Argdown relation types not compared: {sorted(other)}")
    return lines, warnings


# --------------------------------------------------------------------------- reporting

def fmt_time(s):
    if s is None:
        return "—"
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"


def fmt_rss(kb):
    return "—" if kb is None else f"{kb / 1024:.0f} MiB"


def fmt_ratio(a, b):
    if a is None or b is None or a <= 0:
        return "—"
    r = b / a
    return f"{r:.0f}×" if r >= 10 else f"{r:.1f}×"


def med(runs, key):
    vals = [r[key] for r in runs if r["ok"] and r.get(key) is not None]
    return statistics.median(vals) if vals else None


# --------------------------------------------------------------------------- main loop

TASKS = {
    # task: (argumap command, Argdown command, argumap output, Argdown output)
    "dot": lambda am, ad, m, o: (
        [am, "convert", m["json"], "-o", o / "argumap" / f"{m['name']}.dot"],
        [ad, "map", "-f", "dot", m["argdown"], str(o / "argdown") + "/"],
        o / "argumap" / f"{m['name']}.dot", o / "argdown" / f"{m['name']}.dot"),
    "json": lambda am, ad, m, o: (
        [am, "convert", m["json"], "-o", o / "argumap" / f"{m['name']}.json"],
        [ad, "json", m["argdown"], str(o / "argdown") + "/"],
        o / "argumap" / f"{m['name']}.json", o / "argdown" / f"{m['name']}.json"),
}
TASK_LABEL = {"dot": "DOT export", "json": "JSON export"}


def rel(p, root):
    try:
        return str(Path(p).resolve().relative_to(root))
    except ValueError:
        return str(p)


def cmd_run(a):
    root = Path.cwd().resolve()
    out = Path(a.out)
    for d in ("argumap", "argdown", "logs"):
        (out / "out" / d if d != "logs" else out / d).mkdir(parents=True, exist_ok=True)
    odir = out / "out"
    tasks = a.tasks
    rows, raw, count_lines, all_warnings, failures = [], [], [], [], []

    def log(*x):
        print(*x, flush=True)

    # Harness overhead: /usr/bin/time + timeout + a process that does nothing.
    base = [measure(["true"], out / "logs" / "baseline", a.timeout) for _ in range(5)]
    overhead = (statistics.median(r["wall"] for r in base),
                statistics.median(r["cpu"] for r in base))
    log(f"harness overhead (median of 5 runs of `true` under /usr/bin/time -v timeout): "
        f"wall {fmt_time(overhead[0])}, CPU {fmt_time(overhead[1])} (included in all figures)")

    # One untimed warm-up of each tool on a small map (disk cache, node_modules).
    if a.warmup:
        w = Path(a.warmup)
        m0 = {"name": w.stem, "json": w.with_suffix(".json"),
              "argdown": w.with_suffix(".argdown")}
        for task in tasks:
            cam, cad, _, _ = TASKS[task](a.argumap, a.argdown, m0, odir)
            measure(cam, out / "logs" / f"warmup-argumap-{task}", a.timeout)
            measure(cad, out / "logs" / f"warmup-argdown-{task}", a.timeout)

    for n in a.sizes:
        m = {"name": f"n{n}", "json": Path(a.maps) / f"n{n}.json",
             "argdown": Path(a.maps) / f"n{n}.argdown"}
        reps_a = a.reps
        reps_b = a.big_reps if n >= a.big else a.reps
        log(f"\n== {n} claims: {rel(m['json'], root)} / {rel(m['argdown'], root)}; "
            f"runs per task: argumap {reps_a}, Argdown {reps_b} (alternating) ==")
        # argumap's own count of the map, outside the timing.
        sp = subprocess.run([a.argumap, "stats", "--json", str(m["json"])],
                            capture_output=True, text=True)
        stats = json.loads(sp.stdout) if sp.returncode == 0 and sp.stdout.strip() else {}
        if not stats:
            all_warnings.append(f"{n:,} claims: `argumap stats --json` failed "
                                f"(exit {sp.returncode}): {first_line(sp.stderr)}")
        counted = dotted = False
        size_lines, size_warns = [], []
        for task in tasks:
            cam, cad, oam, oad = TASKS[task](a.argumap, a.argdown, m, odir)
            runs = {"argumap": [], "Argdown": []}
            for i in range(max(reps_a, reps_b)):
                for tool, cmd, expect, reps in (("argumap", cam, oam, reps_a),
                                                ("Argdown", cad, oad, reps_b)):
                    if i >= reps:
                        continue
                    if runs[tool] and not runs[tool][-1]["ok"]:
                        continue  # it failed on this map and task: don't repeat it
                    logbase = out / "logs" / f"{tool.lower()}-n{n}-{task}-{i + 1}"
                    r = measure(cmd, logbase, a.timeout, expect)
                    r.update(tool=tool, claims=n, task=task, rep=i + 1)
                    runs[tool].append(r)
                    raw.append(r)
                    status = "ok" if r["ok"] else f"FAILED ({r['error']})"
                    log(f"  {task:4} {tool:7} run {i + 1}: wall {fmt_time(r['wall']):>9}  "
                        f"CPU {fmt_time(r['cpu']):>9}  peak RSS {fmt_rss(r['maxrss_kb']):>8}  "
                        f"{status}")
                    if not r["ok"]:
                        failures.append(f"{n:,} claims, {TASK_LABEL[task]}, {tool}: "
                                        f"{r['error']} (ran {fmt_time(r['wall'])} wall, "
                                        f"{fmt_time(r['cpu'])} CPU, "
                                        f"{fmt_rss(r['maxrss_kb'])} peak RSS; "
                                        f"log {rel(logbase, root)}.out/.err)")
                    lines = warns = None
                    if (task == "json" and tool == "Argdown" and r["ok"] and not counted
                            and stats):
                        counted = True
                        lines, warns = compare_counts(stats, m["json"], oad)
                    if task == "dot" and tool == "Argdown" and r["ok"] and not dotted:
                        dotted = True
                        lines, warns = check_argdown_dot(m["json"], oad)
                    if lines is not None:
                        size_lines += lines
                        size_warns += warns
                        log("  same map? " + "\n             ".join(lines))
                        for w in warns:
                            log(f"  WARNING: the tools do not see the same map at {n}: {w}")
                            all_warnings.append(f"{n:,} claims: {w}")
            row = {"claims": n, "task": task}
            for tool in ("argumap", "Argdown"):
                rs = runs[tool]
                row[tool] = {"wall": med(rs, "wall"), "cpu": med(rs, "cpu"),
                             "rss": med(rs, "maxrss_kb"),
                             "ok": sum(r["ok"] for r in rs), "n": len(rs),
                             "error": next((r["error"] for r in rs if not r["ok"]), "")}
            rows.append(row)
        if not counted and stats:
            size_lines += [f"argumap stats: {stats.get('claims')} claims, "
                           f"{stats.get('arguments')} arguments, relations "
                           f"{dict(sorted(stats.get('relations', {}).items()))}",
                           "Argdown json: no export to count (it failed or was not run)"]
        count_lines.append((n, size_lines, size_warns))

    # ---- the table
    head = ("| claims | task | argumap wall | Argdown wall | wall ratio | argumap CPU | "
            "Argdown CPU | CPU ratio | argumap peak RSS | Argdown peak RSS | runs ok "
            "(argumap, Argdown) |")
    sep = "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
    table = [head, sep]
    for r in rows:
        A, B = r["argumap"], r["Argdown"]
        note = f"{A['ok']}/{A['n']}, {B['ok']}/{B['n']}"
        for tool, x in (("argumap", A), ("Argdown", B)):
            if x["error"]:
                note += f"; {tool} failed: {x['error']}"
        table.append(
            f"| {r['claims']:,} | {TASK_LABEL[r['task']]} | {fmt_time(A['wall'])} | "
            f"{fmt_time(B['wall'])} | {fmt_ratio(A['wall'], B['wall'])} | "
            f"{fmt_time(A['cpu'])} | {fmt_time(B['cpu'])} | {fmt_ratio(A['cpu'], B['cpu'])} | "
            f"{fmt_rss(A['rss'])} | {fmt_rss(B['rss'])} | {note.replace('|', '/')} |")

    goal = []
    for r in rows:
        if r["claims"] == a.goal_size:
            A, B = r["argumap"], r["Argdown"]
            if A["wall"] and B["wall"]:
                w, c = B["wall"] / A["wall"], B["cpu"] / A["cpu"]
                ok = "met" if min(w, c) >= a.goal_ratio else "NOT met"
                goal.append(f"{r['claims']:,} claims, {TASK_LABEL[r['task']]}: Argdown/argumap "
                            f"= {w:.0f}× wall, {c:.0f}× CPU; goal ≥ {a.goal_ratio:g}× {ok}")
            else:
                goal.append(f"{r['claims']:,} claims, {TASK_LABEL[r['task']]}: no ratio "
                            f"(a tool failed)")

    md = [f"Medians over the runs that succeeded; ratio = Argdown / argumap (higher is better "
          f"for argumap). Wall and CPU (user + sys) include the start of /usr/bin/time and "
          f"timeout: {fmt_time(overhead[0])} wall, {fmt_time(overhead[1])} CPU on `true`.",
          ""] + table
    if goal:
        md += ["", "Goal check:", ""] + [f"- {g}" for g in goal]
    if failures:
        md += ["", "Failed runs:", ""] + [f"- {f}" for f in failures]
    md += ["", "Same map? (argumap `stats --json` and the map file against the statements, "
           "arguments and relations in Argdown's JSON export, and the nodes and edges of its "
           "DOT):", ""]
    for n, lines, warns in count_lines:
        md.append(f"- {n:,} claims:")
        md += [f"  - {l.strip()}" for l in lines]
        md += [f"  - **WARNING:** {w}" for w in warns]

    facts = Path(a.facts).read_text() if a.facts and Path(a.facts).exists() else ""
    commands = Path(a.commands).read_text() if a.commands and Path(a.commands).exists() else ""
    doc = ["# argumap vs Argdown: whole-process comparison", ""]
    if facts:
        doc += ["Machine:", "", "```", facts.rstrip(), "```", ""]
    doc += md
    if commands:
        doc += ["", "Commands:", "", "```", commands.rstrip(), "```"]
    (out / "results.md").write_text("\n".join(doc) + "\n")

    with open(out / "runs.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["claims", "task", "tool", "rep", "ok", "exit", "wall_s", "cpu_s",
                    "maxrss_kb", "time_v_elapsed_s", "time_v_user_sys_s", "error"])
        for r in raw:
            w.writerow([r["claims"], r["task"], r["tool"], r["rep"], int(r["ok"]), r["exit"],
                        f"{r['wall']:.6f}", f"{r['cpu']:.6f}", r["maxrss_kb"],
                        r["tv_elapsed"], r["tv_cpu"], r["error"]])

    log("\n" + "\n".join(md))
    log(f"\nwritten: {rel(out / 'results.md', root)} (Markdown), {rel(out / 'runs.csv', root)} "
        f"(every run), logs in {rel(out / 'logs', root)}/")
    if all_warnings:
        log("\nWARNINGS:\n" + "\n".join(f"  {w}" for w in all_warnings))
    return 0


def first_line(text):
    for line in (text or "").splitlines():
        if line.strip():
            return line.strip()[:200]
    return ""


def cmd_counts(a):
    sp = subprocess.run([a.argumap, "stats", "--json", a.map], capture_output=True, text=True)
    if sp.returncode != 0:
        print(f"argumap stats failed: {first_line(sp.stderr)}", file=sys.stderr)
        return 2
    lines, warns = compare_counts(json.loads(sp.stdout), a.map, a.export)
    print("\n".join(lines))
    for w in warns:
        print(f"WARNING: {w}")
    return 1 if warns else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run", help="time both tools on every size and write the table")
    r.add_argument("--sizes", type=int, nargs="+", required=True)
    r.add_argument("--tasks", nargs="+", default=["dot", "json"], choices=sorted(TASKS))
    r.add_argument("--reps", type=int, default=3)
    r.add_argument("--big", type=int, default=100000,
                   help="from this size on, Argdown runs --big-reps times")
    r.add_argument("--big-reps", type=int, default=1)
    r.add_argument("--timeout", type=int, default=600)
    r.add_argument("--argumap", required=True)
    r.add_argument("--argdown", required=True)
    r.add_argument("--maps", required=True, help="folder with nN.json and nN.argdown")
    r.add_argument("--out", required=True, help="folder for outputs, logs and results")
    r.add_argument("--facts", help="file with the machine facts, copied into results.md")
    r.add_argument("--commands", help="file with the exact commands, copied into results.md")
    r.add_argument("--warmup", help="MAP (without extension): MAP.json and MAP.argdown, "
                   "run once by each tool, untimed, before the timed runs")
    r.add_argument("--goal-size", type=int, default=10000)
    r.add_argument("--goal-ratio", type=float, default=50)
    c = sub.add_parser("counts", help="compare argumap's and Argdown's counts of one map")
    c.add_argument("map")
    c.add_argument("export", help="the map's `argdown json` export")
    c.add_argument("--argumap", default="target/release/argumap")
    a = ap.parse_args()
    return cmd_run(a) if a.cmd == "run" else cmd_counts(a)


if __name__ == "__main__":
    sys.exit(main())
