//! The browser editor (`editor.html`, built by `scripts/build-web.sh`) in headless Chromium,
//! driven by `tests/browser/editor_test.js` (Playwright). The script reports what the page
//! did; this test judges it: no request leaves the page; a typed claim is drawn; a typo is
//! shown at its line, explained and fixed in one click; clicking a node moves the cursor; a
//! share link restores the source; the AIF and Kialo samples open; every download is a valid
//! file; hostile text stays text; and typing stays fast in a 200- and a 1,000-claim map.
//! Screenshots and downloads land in `target/tmp/editor/`.

use std::path::{Path, PathBuf};
use std::process::Command;

use argumap::format::{aif, argdown, json, kialo};
use serde_json::{json, Value};

use crate::support;

/// The built page: `ARGUMAP_EDITOR` or `web/dist/editor.html`.
fn editor_html() -> PathBuf {
    std::env::var_os("ARGUMAP_EDITOR")
        .map(PathBuf::from)
        .unwrap_or_else(|| support::root("web/dist/editor.html"))
}

/// Node, Chromium, Playwright and the built page; each missing one skips the test on a
/// developer's machine and fails it under `CI=true`.
fn programs() -> Option<(PathBuf, PathBuf, PathBuf)> {
    let html = editor_html();
    if !support::needs(
        "web/dist/editor.html (scripts/build-wasm.sh, then scripts/build-web.sh)",
        html.is_file(),
    ) {
        return None;
    }
    let node = support::tool("node", "--version")?;
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let chromium = support::tool(&chromium, "--version")?;
    let playwright = support::root("tests/js/node_modules/playwright-core/package.json");
    if !support::needs(
        "playwright-core in tests/js (npm ci --prefix tests/js)",
        playwright.is_file(),
    ) {
        return None;
    }
    Some((html, node, chromium))
}

const HOSTILE_TITLE: &str = "</title><script>alert(7)</script> Hostile & map";
const HOSTILE_ACTOR: &str = "<img src=x onerror=alert(5)>";
const HOSTILE_TEXT: &str = "<script>window.pwned = true</script>";
const HOSTILE_BOLD: &str = "<b>bold?</b>";
const HOSTILE_ID: &str = "<img src=x onerror=alert(3)>";

fn hostile_map(supports: &str) -> String {
    serde_json::to_string_pretty(&json!({
        "argumap": 1,
        "title": HOSTILE_TITLE,
        "actors": [{"id": "mallory", "name": HOSTILE_ACTOR, "kind": "person"}],
        "claims": [
            {"id": "constructor", "text": HOSTILE_TEXT, "by": ["mallory"]},
            {"id": "toString", "text": "</script><script>alert(2)</script>", "rebuts": ["constructor"]},
            {"id": "x1", "title": HOSTILE_BOLD, "text": "]]> <!-- \"quotes\" & 'apostrophes'", "supports": [supports]},
        ],
    }))
    .unwrap()
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("a list, not {value}"))
        .iter()
        .map(|v| v.as_str().expect("a string").to_owned())
        .collect()
}

fn number(value: &Value) -> f64 {
    value
        .as_f64()
        .unwrap_or_else(|| panic!("a number, not {value}"))
}

/// What every scenario must not have done.
fn check_clean(name: &str, report: &Value) {
    assert_eq!(report["error"], Value::Null, "{name} failed in the script");
    for list in ["console_errors", "page_errors", "dialogs", "blocked", "csp"] {
        assert_eq!(report[list], json!([]), "{name}: {list}");
    }
    for request in strings(&report["requests"]) {
        assert!(
            request.starts_with("file:")
                || request.starts_with("blob:")
                || request == "worker blob:",
            "{name}: the page asked for {request}"
        );
    }
}

fn read(path: &Value) -> Vec<u8> {
    let path = path.as_str().expect("a path");
    std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn text(path: &Value) -> String {
    String::from_utf8(read(path)).expect("UTF-8")
}

/// Each download is a valid file of its kind, and the map formats read back as the map.
fn check_downloads(report: &Value, claims: usize) {
    let saved = &report["saved"];
    let png = read(&saved["png"]);
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "PNG magic");
    assert!(
        png.len() > 20_000,
        "a PNG of the whole map: {} bytes",
        png.len()
    );
    // At 2x: 192 pixels an inch (twice a screen's 96), and the SVG's units are points
    // (72 an inch).
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let svg = text(&saved["svg"]);
    let doc = roxmltree::Document::parse(&svg).expect("the SVG parses as XML");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    let view_box: Vec<f64> = doc
        .root_element()
        .attribute("viewBox")
        .expect("a viewBox")
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect();
    let expected = view_box[2] * 192.0 / 72.0;
    assert!(
        (f64::from(width) - expected).abs() <= expected * 0.02 + 2.0,
        "the PNG at 2x is {width} px wide, the drawing {} pt",
        view_box[2]
    );
    let drawn = doc
        .descendants()
        .filter(|n| n.attribute("class").is_some_and(|c| c == "node claim"))
        .count();
    assert_eq!(drawn, claims, "every claim in the SVG");
    let pdf = read(&saved["pdf"]);
    assert!(pdf.starts_with(b"%PDF-"), "PDF magic");
    assert!(
        pdf.ends_with(b"%%EOF\n") || pdf.ends_with(b"%%EOF"),
        "a whole PDF"
    );

    let back = json::from_str(&text(&saved["json"])).expect("the JSON download loads");
    assert_eq!(back.map.claims().count(), claims);
    let back = argdown::from_str(&text(&saved["argdown"])).expect("the Argdown download loads");
    assert_eq!(back.map.claims().count(), claims);
    let back = aif::from_str(&text(&saved["aif"])).expect("the AIF download loads");
    assert_eq!(back.map.claims().count(), claims);
    let back = kialo::from_str(&text(&saved["kialo"])).expect("the Kialo download loads");
    assert!(back.map.claims().count() > 0);
    let dot = text(&saved["dot"]);
    assert!(
        dot.starts_with("digraph"),
        "DOT: {}",
        &dot[..40.min(dot.len())]
    );
    assert_eq!(dot.matches('{').count(), dot.matches('}').count());
    let graphml = text(&saved["graphml"]);
    let doc = roxmltree::Document::parse(&graphml).expect("the GraphML parses as XML");
    assert_eq!(doc.root_element().tag_name().name(), "graphml");
    let mermaid = text(&saved["mermaid"]);
    assert!(
        mermaid.starts_with("flowchart") || mermaid.contains("\nflowchart"),
        "Mermaid: {}",
        &mermaid[..60.min(mermaid.len())]
    );
    // Save file: the source as it is in the editor.
    assert_eq!(text(&saved["save"]), report["source"].as_str().unwrap());
}

#[test]
fn editor_in_chromium() {
    let Some((html, node, chromium)) = programs() else {
        return;
    };
    let size = std::fs::metadata(&html).unwrap().len();
    assert!(size <= 6 << 20, "editor.html is {size} bytes, over 6 MiB");
    let out_dir = support::root("target/tmp/editor");
    std::fs::create_dir_all(&out_dir).unwrap();
    let work = tempfile::tempdir().unwrap();

    // The maps to type in: 200 and 1,000 claims, in Argdown as a coach writes them.
    let mut perf = serde_json::Map::new();
    for n in [200, 1000] {
        let file = work.path().join(format!("gen-{n}.argdown"));
        let json_file = work.path().join(format!("gen-{n}.json"));
        let out = support::run(&[
            "gen".as_ref(),
            n.to_string().as_ref(),
            "-o".as_ref(),
            json_file.as_os_str(),
            "--argdown".as_ref(),
            file.as_os_str(),
        ])
        .output();
        assert!(out.status.success(), "{}", support::stderr(&out));
        perf.insert(n.to_string(), json!(file));
    }
    let samples = json!({
        "aif": support::root("tests/data/aif/sample.aif.json"),
        "kialo": support::root("tests/data/kialo/sample-kialo.txt"),
    });
    let shots = |name: &str| out_dir.join(format!("editor-{name}.png"));
    let config = json!({
        "html": html,
        "out_dir": out_dir,
        "samples": samples,
        "perf": perf,
        "hostile": { "json": hostile_map("toString"), "broken": hostile_map(HOSTILE_ID) },
        "walkthrough": { "screenshots": { "mistake": shots("mistake"), "map": shots("map") } },
    });
    let config_path = work.path().join("config.json");
    std::fs::write(&config_path, config.to_string()).unwrap();

    let out = Command::new(&node)
        .arg(support::root("tests/browser/editor_test.js"))
        .arg(&config_path)
        .env("CHROMIUM", &chromium)
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "editor_test.js failed ({}):\n{}\n{stdout}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_str(&stdout).expect("the script prints JSON");
    std::fs::write(out_dir.join("report.json"), stdout.as_bytes()).unwrap();
    for (name, scenario) in report.as_object().unwrap() {
        check_clean(name, scenario);
    }

    // Opening: the example drawn in under a second, the policy forbids every request.
    let open = &report["open"];
    let encryption = json::from_str(
        &std::fs::read_to_string(support::root("maps/encryption-debate.json")).unwrap(),
    )
    .unwrap()
    .map;
    assert_eq!(
        open["drawn"]["claims"],
        encryption.claims().count(),
        "{open}"
    );
    let csp = open["policy"].as_str().unwrap();
    for rule in [
        "default-src 'none'",
        "connect-src 'none'",
        "'wasm-unsafe-eval'",
    ] {
        assert!(csp.contains(rule), "CSP {csp} lacks {rule}");
    }
    assert!(!csp.contains("'unsafe-inline'; ") || !csp.contains("script-src 'unsafe-inline'"));
    assert_eq!(open["scripts"], 1, "one script runs: the page's own");
    for look in ["theme", "actors", "cluster", "rankdir"] {
        assert!(
            strings(&open["look"])
                .iter()
                .any(|l| l.to_lowercase().contains(look)),
            "look option {look}: {}",
            open["look"]
        );
    }
    for status in ["grounded", "preferred", "dfquad"] {
        assert!(
            strings(&open["status"]).iter().any(|s| s == status),
            "status {status}: {}",
            open["status"]
        );
    }
    assert_eq!(open["status_svg_has_marks"], true, "{open}");
    assert_eq!(strings(&open["examples"]).len(), 2);
    assert!(
        strings(&open["fonts"])
            .iter()
            .any(|f| f.starts_with("DejaVu Sans") && f.ends_with("loaded")),
        "the diagram's font: {}",
        open["fonts"]
    );

    // Typing a claim draws it; the page opened again has it (autosave).
    let typing = &report["typing"];
    assert_eq!(typing["svg_has_text"], true, "{typing}");
    assert_eq!(typing["reopened"], typing["source"], "autosave: {typing}");
    assert_eq!(
        typing["after"]["claims"].as_u64().unwrap(),
        typing["before"]["claims"].as_u64().unwrap() + 1,
        "{typing}"
    );

    // The typo: at its line, explained, fixed in one click (from the list and the hover).
    let typo = &report["typo"];
    let problem = &typo["problems"][0];
    assert_eq!(problem["code"], "unknown-field", "{typo}");
    assert_eq!(problem["line"], 6, "{typo}");
    assert_eq!(problem["severity"], "error");
    assert_eq!(strings(&typo["underlined"]), ["\"rebutts\""], "{typo}");
    let tooltip = typo["tooltip"].as_str().unwrap();
    // Code spans show as code (the backticks are the core's markup for them).
    assert!(
        tooltip.contains("unknown field rebutts in a claim")
            && tooltip.contains("did you mean rebuts?"),
        "{tooltip}"
    );
    assert!(strings(&typo["listed"])[0].contains("did you mean rebuts?"));
    for fixed in ["fixed", "fixed_by_hover"] {
        let source = typo[fixed].as_str().unwrap();
        assert!(
            source.contains("\"rebuts\": [\"uniforms\"]") && !source.contains("rebutts"),
            "{fixed}: {source}"
        );
    }
    assert!(
        typo["after"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["severity"] != "error"),
        "{typo}"
    );
    assert_eq!(typo["drawn"]["claims"], 2);

    // Clicking a node puts the cursor on its definition; the cursor highlights its node.
    let click = &report["click"];
    assert_eq!(click["cursor"]["line"], click["target_line"], "{click}");
    assert_eq!(click["cursor"]["id"], click["target"], "{click}");
    assert_eq!(
        strings(&click["highlighted_after_click"]),
        [click["target"].as_str().unwrap()]
    );
    assert_eq!(
        strings(&click["highlighted"]),
        [click["other"].as_str().unwrap()],
        "{click}"
    );
    let views = &click["views"];
    let width = |v: &Value| -> f64 {
        v.as_str()
            .unwrap()
            .split(' ')
            .nth(2)
            .unwrap()
            .parse()
            .unwrap()
    };
    assert!(width(&views["zoomed"]) < width(&views["fit"]), "{views}");
    assert_ne!(views["panned"], views["zoomed"], "dragging pans: {views}");
    assert!(
        width(&views["wheeled"]) < width(&views["panned"]),
        "{views}"
    );

    // Share links.
    let share = &report["share"];
    assert_eq!(share["restored"], share["source"], "{share}");
    assert_eq!(share["restored_format"], "argdown");
    assert_eq!(
        share["hash_after"], "",
        "the address keeps no copy of the map"
    );
    assert_eq!(share["pasted"], share["source"], "{share}");
    assert!(
        share["damaged"].as_str().unwrap().contains("damaged"),
        "{share}"
    );
    assert_eq!(share["link_scheme"], "file:///");

    // Importing the AIF and Kialo samples: converted to Argdown, every claim drawn.
    let files = &report["imports"]["files"];
    for (name, path) in [
        ("aif", "tests/data/aif/sample.aif.json"),
        ("kialo", "tests/data/kialo/sample-kialo.txt"),
    ] {
        let text = std::fs::read_to_string(support::root(path)).unwrap();
        let loaded = match name {
            "aif" => aif::from_str(&text).unwrap(),
            _ => kialo::from_str(&text).unwrap(),
        };
        let file = &files[name];
        assert_eq!(file["format"], "argdown", "{name}: {file}");
        assert_eq!(
            file["drawn"]["claims"],
            loaded.map.claims().count(),
            "{name}: {file}"
        );
        let errors = file["problems"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["severity"] == "error")
            .count();
        assert_eq!(errors, 0, "{name}: {file}");
        let notice = file["notice"].as_str().unwrap();
        assert!(
            notice.contains(Path::new(path).file_name().unwrap().to_str().unwrap()),
            "{notice}"
        );
        if !loaded.warnings.is_empty() {
            assert!(
                notice.contains("warning"),
                "{name}: the importer's warnings: {notice}"
            );
        }
    }

    // Downloads.
    let school = json::from_str(
        &std::fs::read_to_string(support::root("maps/school-uniforms.json")).unwrap(),
    )
    .unwrap()
    .map;
    check_downloads(&report["downloads"], school.claims().count());

    // Hostile text stays text.
    let hostile = &report["hostile"];
    let injected = &hostile["injected"];
    assert_eq!(injected["elements"], 0, "{injected}");
    assert_eq!(injected["handlers"], 0, "{injected}");
    assert_eq!(injected["pwned"], false);
    assert_eq!(injected["scripts"], 6, "no script was added: {injected}");
    let texts = strings(&hostile["drawn"]["texts"]).join("\n");
    for shown in [HOSTILE_TITLE, HOSTILE_ACTOR, HOSTILE_BOLD] {
        assert!(texts.contains(shown), "{shown} drawn as text in {texts}");
    }
    let report_text = hostile["report"].as_str().unwrap();
    assert!(report_text.contains(HOSTILE_TITLE), "{report_text}");
    let problems = hostile["problems"].as_str().unwrap();
    assert!(problems.contains(HOSTILE_ID), "{problems}");
    assert!(hostile["tooltip"].as_str().unwrap().contains(HOSTILE_ID));
    assert!(
        hostile["notice"]
            .as_str()
            .unwrap()
            .contains("<img src=x onerror=alert(9)>.json"),
        "{hostile}"
    );

    // The coach's walk-through.
    let walk = &report["walkthrough"];
    let mistake = walk["mistake"].as_array().unwrap();
    assert!(
        mistake
            .iter()
            .any(|p| p["severity"] == "error" && p["hint"].as_str().is_some_and(|h| !h.is_empty())),
        "the mistake is explained: {walk}"
    );
    assert!(
        walk["fixed_problems"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["severity"] != "error"),
        "{}",
        walk["fixed_problems"]
    );
    let svg = walk["svg"].as_str().unwrap();
    for label in ["stands", "falls"] {
        assert!(
            svg.contains(label),
            "grounded status marks ({label}) in the drawing"
        );
    }
    let png = read(&walk["files"]["png"]);
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    let walked =
        json::from_str(&text(&walk["files"]["json"])).expect("the walk-through's JSON loads");
    assert_eq!(walked.map.claims().count(), 1, "{}", walk["source"]);
    assert_eq!(walked.map.arguments().count(), 4, "{}", walk["source"]);
    for shot in ["mistake", "map"] {
        let path = shots(shot);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(bytes.starts_with(b"\x89PNG"), "{}", path.display());
    }

    // Speed, last, every figure printed before any is judged. The targets: opening
    // to a drawn example (from navigation to the first picture) within 1 s; typing in a
    // 200-claim map updated within 100 ms of the last key, 1,000 claims within 1 s. The
    // figures are printed against them (BENCHMARKS.md has them from a quiet machine); the
    // test fails when the best of several tries is over three times a target, which a
    // machine shared with other builds does not reach and a slow pass in the page or the
    // core does.
    let best = |samples: &[f64]| samples.iter().cloned().fold(f64::INFINITY, f64::min);
    let median = |samples: &[f64]| {
        let mut s = samples.to_vec();
        s.sort_by(f64::total_cmp);
        s[s.len() / 2]
    };
    let figures =
        |value: &Value| -> Vec<f64> { value.as_array().unwrap().iter().map(number).collect() };
    let mut limits = vec![("opening".to_owned(), figures(&open["openings"]), 1000.0)];
    for (n, limit) in [("200", 100.0), ("1000", 1000.0)] {
        let m = &report["perf"]["maps"][n];
        assert_eq!(m["svg_has_word"], true, "{n}: {m}");
        limits.push((
            format!("typing in {n} claims"),
            figures(&m["after_last_key_ms"]),
            limit,
        ));
    }
    for (what, samples, target) in &limits {
        eprintln!(
            "editor: {what}: {samples:.0?} ms (median {:.0}, best {:.0}; target {target})",
            median(samples),
            best(samples)
        );
    }
    for (what, samples, target) in &limits {
        assert!(
            best(samples) < 3.0 * target,
            "{what}: {samples:?} ms, over three times the target of {target} ms"
        );
    }
}
