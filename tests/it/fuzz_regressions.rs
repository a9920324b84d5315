//! Inputs the fuzz targets (`fuzz/`, run by `scripts/fuzz.sh`) found a bug with, kept in
//! `tests/data/fuzz/<target>/` and fed to the same reader with the same checks: the reader
//! returns (a map, a framework or an error, never a panic), an error holds at least one
//! error and renders, and a map it returns saves as a map file that loads again.
//!
//! A test whose bug is not fixed yet is ignored with the finding in one line; remove the
//! `ignore` with the fix.

use std::path::Path;

use argumap::diagnostic::Diagnostic;
use argumap::format::iccma::{self, Dialect};
use argumap::format::{self, json, Format, LoadError, Loaded};

use crate::support::root;

/// The saved input of a finding, as the fuzz target got it.
fn input(target: &str, name: &str) -> Vec<u8> {
    let rel = format!("tests/data/fuzz/{target}/{name}");
    std::fs::read(root(&rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn render(src: &str, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        assert!(!d.render("fuzz", src).is_empty());
    }
}

fn check_loaded(src: &str, result: Result<Loaded, LoadError>) {
    match result {
        Ok(loaded) => {
            render(src, &loaded.warnings);
            let saved = json::to_string(&loaded.map);
            if let Err(e) = json::from_str(&saved) {
                panic!(
                    "the map does not load again once saved: {:?}\n{saved}",
                    e.diagnostics
                );
            }
        }
        Err(e) => {
            assert!(
                e.errors().next().is_some(),
                "an error without an error: {e:?}"
            );
            render(src, &e.diagnostics);
        }
    }
}

fn check_iccma(src: &str, dialect: Dialect) {
    match iccma::read(src, dialect) {
        Ok(named) => {
            check_loaded(
                src,
                Ok(Loaded {
                    map: iccma::to_map(&named, "fuzz"),
                    warnings: vec![],
                }),
            );
            let mut out = Vec::new();
            iccma::write(&named.af, dialect, Some(&named.names), &mut out).unwrap();
            let written = String::from_utf8(out).unwrap();
            let again = iccma::read(&written, dialect).expect("the written framework reads back");
            assert_eq!(
                again.af, named.af,
                "the written framework reads back different"
            );
        }
        Err(d) => {
            assert!(d.is_error());
            render(src, &[d]);
        }
    }
}

/// Feeds a saved input to the reader of the fuzz target that found it, with its checks.
fn replay(target: &str, name: &str) {
    let bytes = input(target, name);
    let Ok(src) = std::str::from_utf8(&bytes) else {
        assert_eq!(
            target, "json",
            "only the json target takes bytes that are not UTF-8"
        );
        assert!(json::from_reader(&bytes[..]).is_err());
        return;
    };
    match target {
        "json" => check_loaded(src, json::from_str(src)),
        "argdown" => check_loaded(src, format::argdown::from_str(src)),
        "aif" => check_loaded(src, format::aif::from_str(src)),
        "kialo" => check_loaded(src, format::kialo::from_str(src)),
        "sadface" => check_loaded(src, format::sadface::from_str(src)),
        "microtexts" => check_loaded(src, format::microtexts::from_str(src)),
        "apx" => check_iccma(src, Dialect::Apx),
        "tgf" => check_iccma(src, Dialect::Tgf),
        "i23" => check_iccma(src, Dialect::I23),
        "any" => {
            let detected = Format::detect(Path::new("-"), src);
            check_loaded(src, format::read(src, detected, "fuzz"));
        }
        other => panic!("no fuzz target {other}"),
    }
}

/// [`replay`] in a thread that must finish within `seconds`: for inputs that hung.
fn replay_within(seconds: u64, target: &'static str, name: &'static str) {
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        replay(target, name);
        let _ = done.send(());
    });
    match finished.recv_timeout(std::time::Duration::from_secs(seconds)) {
        Ok(()) => {}
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => panic!("{target}/{name} panicked"),
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            panic!("{target}/{name} still runs after {seconds} s: it hangs")
        }
    }
}

/// Every saved input has its test below, so none is kept without being replayed.
#[test]
fn every_saved_input_is_replayed() {
    let this = std::fs::read_to_string(root("tests/it/fuzz_regressions.rs")).unwrap();
    let mut missing = Vec::new();
    for dir in std::fs::read_dir(root("tests/data/fuzz")).unwrap() {
        let dir = dir.unwrap();
        let target = dir.file_name().into_string().unwrap();
        for file in std::fs::read_dir(dir.path()).unwrap() {
            let name = file.unwrap().file_name().into_string().unwrap();
            let call = format!("\"{target}\", \"{name}\")");
            if !this.contains(&call) {
                missing.push(format!("{target}/{name}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "saved inputs without a test: {missing:?}"
    );
}

// A framework whose argument attacks itself reads, but making it a map panics: the map
// refuses a relation from a claim to itself (`ModelError::SelfLoop`). ICCMA frameworks allow
// self-attacks, and `convert` of such a file to any other format goes through this.

#[test]
fn apx_self_attack() {
    replay("apx", "self-attack.apx");
}

#[test]
fn tgf_self_attack() {
    replay("tgf", "self-attack.tgf");
}

#[test]
fn i23_self_attack() {
    replay("i23", "self-attack.i23");
}

// The Argdown reader takes any `date` of the shape `YYYY-MM-DD` (`is_date` in
// src/format/argdown/read/build.rs checks the digits, not the month or the day), so a map with
// `2024-13-01` reads without a word, and once saved does not load: our map file refuses it.

#[test]
fn argdown_month_13() {
    replay("argdown", "month-13.argdown");
}

// A fresh id is the wanted one, then `-2`, `-3`, ... run through `Id::slugify`; but a slug
// stops at 60 characters, so when the wanted id is a slug that long, `base-2` slugs back to
// `base` and the loop never ends. The AIF reader makes claim ids from the text, so any two
// I-nodes with the same text of 60 letters or more hang it; ICCMA names hang `to_map` alike.

#[test]
fn aif_same_long_text() {
    replay_within(10, "aif", "same-long-text.json");
}

#[test]
fn tgf_long_names() {
    replay_within(10, "tgf", "long-names.tgf");
}

#[test]
fn apx_long_names() {
    replay_within(10, "apx", "long-names.apx");
}

// The AIF reader copies the `date` of our extension (`argumap_ext`) as it is, so a map
// with `2019-13-04` reads without a word and once saved does not load.

#[test]
fn aif_bad_date() {
    replay("aif", "bad-date.json");
}

// A Kialo export without its `Discussion Title:` line reads, with a warning, into a map
// whose title is empty; our map file requires a title, so the saved map does not load.

#[test]
fn kialo_no_title() {
    replay("kialo", "no-title.txt");
}

// The i23 header alone sets the number of arguments, and reading makes a name and a
// framework entry for each at once: the 15 bytes `p af 100000000` take gigabytes (the
// command line's `convert` of it passed 19 GB before it was stopped), and 4294967295 is
// accepted. Before the fix, running this test takes several GB for its 10 s.

#[test]
fn i23_huge_header() {
    replay_within(10, "i23", "huge-header.i23");
}
