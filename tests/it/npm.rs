//! The npm package `argumap` (WebAssembly) in Node: `node --test` runs the package's own
//! tests in `bindings/wasm/npm/test/`, given what the command line prints for the maps in
//! `maps/` (DOT, JSON, Argdown, AIF, the built-in engine's SVG, `check`, `eval` and `report`
//! JSON, the `new` template), which the package must give byte for byte. Needs the package
//! built (`scripts/build-wasm.sh`) and Node 20 or later: without them it skips with a note,
//! and under `CI=true` it fails.

use std::path::Path;
use std::process::Command;

use crate::support;

/// What the command line prints, one file per output, for the Node tests to compare with.
fn expected(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let mut outputs: Vec<(String, Vec<String>)> = Vec::new();
    for map in support::maps() {
        let stem = map.file_stem().unwrap().to_str().unwrap().to_owned();
        let path = map.to_str().unwrap().to_owned();
        let mut add = |file: String, args: &[&str]| {
            let mut all: Vec<String> = args.iter().map(|a| a.to_string()).collect();
            all.insert(1, path.clone());
            outputs.push((file, all));
        };
        add(format!("{stem}.dot"), &["convert", "--to", "dot"]);
        add(format!("{stem}.json"), &["convert", "--to", "json"]);
        add(format!("{stem}.argdown"), &["convert", "--to", "argdown"]);
        add(format!("{stem}.aif.json"), &["convert", "--to", "aif"]);
        add(
            format!("{stem}.check.json"),
            &["check", "--message-format", "json"],
        );
        add(format!("{stem}.eval.json"), &["eval", "--json"]);
        add(
            format!("{stem}.preferred.json"),
            &["eval", "--json", "--semantics", "preferred"],
        );
        add(
            format!("{stem}.dfquad.json"),
            &["eval", "--json", "--strength", "dfquad"],
        );
        add(format!("{stem}.report.json"), &["report", "--json"]);
        add(
            format!("{stem}.svg"),
            &["render", "--engine", "builtin", "--to", "svg", "-o", "-"],
        );
        add(
            format!("{stem}.look.svg"),
            &[
                "render",
                "--engine",
                "builtin",
                "--to",
                "svg",
                "-o",
                "-",
                "--theme",
                "print",
                "--status",
                "grounded",
                "--rankdir",
                "LR",
                "--no-legend",
            ],
        );
    }
    outputs.push(("new.json".into(), vec!["new".into(), "-".into()]));
    for (file, args) in outputs {
        let out = support::run(&args).output();
        assert!(
            out.status.success(),
            "argumap {}: {}",
            args.join(" "),
            support::stderr(&out)
        );
        std::fs::write(dir.join(file), &out.stdout).unwrap();
    }
}

#[test]
fn the_npm_package_answers_as_the_command_line_does() {
    let package = support::root("bindings/wasm/npm");
    let built = package.join("dist/argumap_wasm_bg.wasm").is_file()
        && package.join("dist/argumap_wasm.js").is_file();
    if !support::needs(
        "the WebAssembly package in bindings/wasm/npm/dist (scripts/build-wasm.sh)",
        built,
    ) {
        return;
    }
    let Some(node) = support::tool("node", "--version") else {
        return;
    };
    let version = Command::new(&node).arg("--version").output().unwrap();
    let major: u32 = String::from_utf8_lossy(&version.stdout)
        .trim()
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .unwrap_or(0);
    if !support::needs("Node 20 or later", major >= 20) {
        return;
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("npm-expected");
    expected(&dir);
    let mut files: Vec<String> = std::fs::read_dir(package.join("test"))
        .unwrap()
        .map(|e| format!("test/{}", e.unwrap().file_name().to_string_lossy()))
        .filter(|f| f.ends_with(".test.js"))
        .collect();
    files.sort();
    let out = Command::new(&node)
        .args(["--test", "--test-reporter=tap"])
        .args(&files)
        .current_dir(&package)
        .env("ARGUMAP_EXPECTED", &dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "node --test failed (is bindings/wasm/npm/dist current? scripts/build-wasm.sh rebuilds it):\n{stdout}\n{}",
        support::stderr(&out)
    );
    // Every test ran: none skipped for want of the command line's outputs.
    assert!(stdout.contains("# skipped 0"), "{stdout}");
    assert!(stdout.contains("# fail 0"), "{stdout}");
}
