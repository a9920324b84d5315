//! Hostile input fails fast, with a message that names the limit and the flag that raises it,
//! and nothing the user had is lost: a failed or interrupted `convert` or `render` leaves an
//! existing output file as it was.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::support::{argumap_in, root, stderr};

/// A run of argumap, and how long it took.
fn argumap(dir: &Path, args: &[&str]) -> (Output, Duration) {
    let start = Instant::now();
    let out = argumap_in(dir, args);
    (out, start.elapsed())
}

/// Runs a command that must end at once with `code` (a failure, or a warning that the
/// dangerous part was set aside), saying each of `words`.
fn refused(dir: &Path, args: &[&str], code: i32, words: &[&str]) {
    let (out, took) = argumap(dir, args);
    let said = stderr(&out);
    assert_eq!(out.status.code(), Some(code), "{args:?}: {said}");
    for word in words {
        assert!(
            said.contains(word),
            "{args:?} does not say {word:?}:\n{said}"
        );
    }
    // Fast: far below what reading or parsing the whole input would take. Generous for a
    // loaded machine; the point is that nothing waits on the input's size.
    assert!(took < Duration::from_secs(20), "{args:?} took {took:?}");
    assert!(
        said.lines().all(|l| l.chars().count() < 400),
        "a line too long to read:\n{said}"
    );
}

#[test]
fn a_gigabyte_of_garbage_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let file = std::fs::File::create(dir.path().join("garbage.json")).unwrap();
    file.set_len(1 << 30).unwrap(); // sparse: no gigabyte is written
    refused(
        dir.path(),
        &["check", "garbage.json"],
        2,
        &["1.0 GB", "256 MB", "--max-input-size"],
    );
    // From standard input too: at most the limit is read.
    let mut child = Command::new(env!("CARGO_BIN_EXE_argumap"))
        .args(["check", "-", "--max-input-size", "1M"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let chunk = vec![b'x'; 1 << 16];
        // Stops when argumap closes the pipe.
        for _ in 0..64 {
            if stdin.write_all(&chunk).is_err() {
                break;
            }
        }
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--max-input-size"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn deep_nesting_is_refused_where_it_starts() {
    let dir = tempfile::tempdir().unwrap();
    let deep = 100_000;
    std::fs::write(
        dir.path().join("deep.json"),
        format!("{}{}", "[".repeat(deep), "]".repeat(deep)),
    )
    .unwrap();
    refused(
        dir.path(),
        &["check", "deep.json"],
        1,
        &["deep.json:1:129:", "deeper than 128", "--max-depth"],
    );

    // AIF in a map-like wrapper, nested in its extension data.
    std::fs::write(
        dir.path().join("deep-aif.json"),
        format!(
            r#"{{"nodes": [], "edges": [], "x": {}{}}}"#,
            "[".repeat(deep),
            "]".repeat(deep)
        ),
    )
    .unwrap();
    refused(
        dir.path(),
        &["check", "deep-aif.json"],
        1,
        &["deeper than 128", "--max-depth"],
    );

    // Argdown indented 100,000 columns deep.
    std::fs::write(
        dir.path().join("deep.argdown"),
        format!("[a]: A claim.\n{}+ [b]: Deep.\n", " ".repeat(deep)),
    )
    .unwrap();
    refused(
        dir.path(),
        &["check", "deep.argdown"],
        1,
        &["deep.argdown:2:1:", "indentation", "--max-depth"],
    );

    // A Kialo claim 100,000 levels down.
    std::fs::write(
        dir.path().join("deep.txt"),
        format!(
            "Discussion Title: T\n\n1. Thesis.\n{} Pro: Deep.\n",
            "1.".repeat(deep)
        ),
    )
    .unwrap();
    refused(
        dir.path(),
        &["check", "deep.txt"],
        1,
        &["deep.txt:4:1:", "numbered levels", "--max-depth"],
    );

    // XML nested 100,000 elements deep.
    std::fs::write(
        dir.path().join("deep.xml"),
        format!(
            "<arggraph id=\"x\">{}{}</arggraph>",
            "<edu>".repeat(deep),
            "</edu>".repeat(deep)
        ),
    )
    .unwrap();
    refused(
        dir.path(),
        &["check", "deep.xml"],
        1,
        &["XML elements", "--max-depth"],
    );

    // A depth the user allows is read.
    let (out, _) = argumap(
        dir.path(),
        &["check", "deep.argdown", "--max-depth", "200000"],
    );
    assert!(!stderr(&out).contains("--max-depth"), "{}", stderr(&out));
}

#[test]
fn expansion_bombs_fail_at_once() {
    let dir = tempfile::tempdir().unwrap();
    // Billion laughs: ten entities, each ten of the one before.
    let mut xml =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE arggraph [\n<!ENTITY l0 \"ha\">\n");
    for i in 1..10 {
        let refs: String = (0..10).map(|_| format!("&l{};", i - 1)).collect();
        xml.push_str(&format!("<!ENTITY l{i} \"{refs}\">\n"));
    }
    xml.push_str("]>\n<arggraph id=\"bomb\"><edu id=\"e1\">&l9;</edu></arggraph>\n");
    std::fs::write(dir.path().join("bomb.xml"), xml).unwrap();
    refused(
        dir.path(),
        &["check", "bomb.xml"],
        1,
        &["bomb.xml:", "entit"],
    );

    // The same trick in Argdown's YAML front matter: aliases are not expanded; the front
    // matter is set aside with a warning and the map is read without it.
    let mut yaml = String::from("===\na0: &a0 [ha, ha]\n");
    for i in 1..10 {
        let refs: Vec<String> = (0..10).map(|_| format!("*a{}", i - 1)).collect();
        yaml.push_str(&format!("a{i}: &a{i} [{}]\n", refs.join(", ")));
    }
    yaml.push_str("===\n\n[a]: A claim.\n");
    std::fs::write(dir.path().join("bomb.argdown"), yaml).unwrap();
    refused(
        dir.path(),
        &["check", "bomb.argdown"],
        0,
        &["bomb.argdown:1:1:", "aliases", "ignored"],
    );
}

#[test]
fn a_framework_header_declaring_millions_of_arguments_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("huge.i23"), "p af 100000000\n1 2\n").unwrap();
    for command in ["eval", "check"] {
        refused(
            dir.path(),
            &[command, "huge.i23"],
            1,
            &["huge.i23:1:6:", "100000000 arguments", "--max-elements"],
        );
    }
}

#[test]
fn maps_too_big_for_a_limit_or_for_graphviz_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let map = root("maps/encryption-debate.json");
    let map = map.to_str().unwrap();
    refused(
        dir.path(),
        &["check", map, "--max-elements", "10"],
        1,
        &["elements and links", "--max-elements"],
    );
    refused(
        dir.path(),
        &["check", map, "--max-text", "20"],
        1,
        &["longer than 20 characters", "--max-text"],
    );

    // A claim of a million characters.
    let long = format!(
        r#"{{"argumap": 1, "title": "T", "claims": [{{"id": "a", "text": "{}"}}]}}"#,
        "word ".repeat(200_000)
    );
    std::fs::write(dir.path().join("long.json"), long).unwrap();
    refused(
        dir.path(),
        &["render", "long.json", "-o", "long.svg"],
        1,
        &["`a`", "--max-text"],
    );
    assert!(!dir.path().join("long.svg").exists());

    // A map whose drawing is beyond what Graphviz lays out in reasonable time.
    let (gen, _) = argumap(dir.path(), &["gen", "5000", "-o", "big.json"]);
    assert!(gen.status.success());
    refused(
        dir.path(),
        &[
            "render", "big.json", "-o", "big.svg", "--engine", "graphviz",
        ],
        2,
        &["--max-layout", "--max-nodes"],
    );
    assert!(!dir.path().join("big.svg").exists());
}

/// Every file in a folder with its bytes, to see that nothing changed.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_failed_or_interrupted_run_leaves_existing_output_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    for name in [
        "map.svg",
        "map.dot",
        "map.png",
        "map.argdown",
        "map-aif.json",
    ] {
        std::fs::write(out_dir.join(name), format!("the coach's own {name}")).unwrap();
    }
    std::fs::write(
        dir.path().join("broken.json"),
        r#"{"argumap": 1, "title": "T", "claims": [{"id": "a"}]}"#,
    )
    .unwrap();
    let before = snapshot(&out_dir);

    // Broken input: nothing is written.
    for (out, extra) in [
        ("out/map.svg", vec![]),
        ("out/map.png", vec!["--engine", "builtin"]),
    ] {
        let mut args = vec!["render", "broken.json", "-o", out];
        args.extend(extra);
        let (run, _) = argumap(dir.path(), &args);
        assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    }
    for (out, to) in [
        ("out/map.dot", "dot"),
        ("out/map.argdown", "argdown"),
        ("out/map-aif.json", "aif"),
    ] {
        let (run, _) = argumap(
            dir.path(),
            &["convert", "broken.json", "-o", out, "--to", to],
        );
        assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    }
    // Graphviz asked for and missing: the picture is not made, the old one stays.
    let map = root("maps/encryption-debate.json");
    let run = Command::new(env!("CARGO_BIN_EXE_argumap"))
        .args([
            "render",
            map.to_str().unwrap(),
            "-o",
            "out/map.svg",
            "--engine",
            "graphviz",
        ])
        .current_dir(dir.path())
        .env("PATH", "")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert_eq!(snapshot(&out_dir), before);

    // Interrupted: a big PNG killed while it is being drawn.
    let (gen, _) = argumap(dir.path(), &["gen", "3000", "-o", "big.json"]);
    assert!(gen.status.success());
    let mut child = Command::new(env!("CARGO_BIN_EXE_argumap"))
        .args([
            "render",
            "big.json",
            "-o",
            "out/map.png",
            "--engine",
            "builtin",
        ])
        .current_dir(dir.path())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(700));
    let finished_already = child.try_wait().unwrap().is_some();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        !finished_already,
        "the render finished before it could be interrupted"
    );
    let after: Vec<(String, Vec<u8>)> = snapshot(&out_dir)
        .into_iter()
        // The half-written temporary file, if the kill came after it was opened, is hidden
        // and never replaces the output.
        .filter(|(name, _)| !name.starts_with(".argumap-"))
        .collect();
    assert_eq!(after, before);
}
