//! The parts of the command line a person notices on the second day: `new`, `--watch`,
//! `--quiet` and `--verbose`, colour only on a terminal (and never with `NO_COLOR`), shell
//! completions checked by the shells themselves, the man page checked by groff, and `--help`
//! texts that show examples.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::support::{argumap_in, needs, root, stderr, tool};

/// A map with one warning (a claim nobody is said to have made, linked to nothing).
const WARNED: &str = r#"{"argumap": 1, "title": "T", "claims": [
  {"id": "a", "text": "A claim.", "by": ["x"]},
  {"id": "b", "text": "Another claim.", "supports": ["a"], "by": ["x"]},
  {"id": "lonely", "text": "Nobody links here."}
], "actors": [{"id": "x", "name": "X", "kind": "person"}]}"#;

/// A map with one error: a support of a claim that does not exist.
const BROKEN: &str = r#"{"argumap": 1, "title": "T", "claims": [
  {"id": "a", "text": "A claim.", "supports": ["missing"]}
]}"#;

#[test]
fn new_writes_a_clean_map_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let out = argumap_in(
        dir.path(),
        &[
            "new",
            "debate.json",
            "--title",
            "This House would ban homework",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("argumap check debate.json"),
        "{}",
        stderr(&out)
    );
    let check = argumap_in(dir.path(), &["check", "debate.json", "--deny-warnings"]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(
        stderr(&check).contains("ok (4 claims"),
        "{}",
        stderr(&check)
    );
    let svg = argumap_in(
        dir.path(),
        &[
            "render",
            "debate.json",
            "-o",
            "d.svg",
            "--engine",
            "builtin",
        ],
    );
    assert!(svg.status.success(), "{}", stderr(&svg));

    std::fs::write(dir.path().join("mine.json"), "keep me").unwrap();
    let again = argumap_in(dir.path(), &["new", "mine.json"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("mine.json")).unwrap(),
        "keep me"
    );
}

#[test]
fn quiet_says_only_what_went_wrong_and_verbose_names_each_step() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("warned.json"), WARNED).unwrap();
    std::fs::write(dir.path().join("broken.json"), BROKEN).unwrap();

    let normal = argumap_in(dir.path(), &["check", "warned.json"]);
    assert!(stderr(&normal).contains("warning:"), "{}", stderr(&normal));
    assert!(stderr(&normal).contains("ok ("), "{}", stderr(&normal));

    let quiet = argumap_in(dir.path(), &["check", "warned.json", "--quiet"]);
    assert!(quiet.status.success());
    assert_eq!(stderr(&quiet), "");

    let quiet_broken = argumap_in(dir.path(), &["-q", "check", "broken.json"]);
    assert_eq!(quiet_broken.status.code(), Some(1));
    assert!(
        stderr(&quiet_broken).contains("error:"),
        "{}",
        stderr(&quiet_broken)
    );

    let denied = argumap_in(
        dir.path(),
        &["check", "warned.json", "-q", "--deny-warnings"],
    );
    assert_eq!(denied.status.code(), Some(1));
    assert!(stderr(&denied).contains("not ok"), "{}", stderr(&denied));

    let verbose = argumap_in(dir.path(), &["check", "warned.json", "--verbose"]);
    let said = stderr(&verbose);
    assert!(
        said.contains("argumap: [") && said.contains("s] reading warned.json"),
        "{said}"
    );

    let both = argumap_in(dir.path(), &["check", "warned.json", "-q", "-v"]);
    assert_eq!(both.status.code(), Some(2), "{}", stderr(&both));
}

/// Runs argumap under a pseudo-terminal (util-linux `script`), so its standard error is a
/// terminal; returns what the terminal showed.
fn on_a_terminal(dir: &Path, command: &str, no_color: bool) -> Option<String> {
    let script = tool("script", "--version")?;
    let mut cmd = Command::new(script);
    cmd.args(["-qec", command, "/dev/null"])
        .current_dir(dir)
        .env_remove("NO_COLOR");
    if no_color {
        cmd.env("NO_COLOR", "1");
    }
    let out = cmd.output().unwrap();
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn colour_only_on_a_terminal_and_never_with_no_color() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("broken.json"), BROKEN).unwrap();
    let bin = env!("CARGO_BIN_EXE_argumap");

    // Into a pipe: plain text, unless asked.
    let piped = argumap_in(dir.path(), &["check", "broken.json"]);
    assert!(!stderr(&piped).contains('\x1b'), "{:?}", stderr(&piped));
    let forced = argumap_in(dir.path(), &["check", "broken.json", "--color", "always"]);
    assert!(
        stderr(&forced).contains("\x1b[1;31merror:"),
        "{:?}",
        stderr(&forced)
    );
    let never = argumap_in(dir.path(), &["check", "broken.json", "--color", "never"]);
    assert!(!stderr(&never).contains('\x1b'));

    let command = format!("{bin} check broken.json");
    let terminal = on_a_terminal(dir.path(), &command, false);
    if !needs(
        "util-linux `script`, for a pseudo-terminal",
        terminal.is_some(),
    ) {
        return;
    }
    let terminal = terminal.unwrap();
    assert!(terminal.contains("\x1b[1;31merror:"), "{terminal:?}");
    let no_color = on_a_terminal(dir.path(), &command, true).unwrap();
    assert!(no_color.contains("error:"), "{no_color:?}");
    assert!(!no_color.contains('\x1b'), "{no_color:?}");
}

/// Reads a child's standard error line by line on a thread.
fn lines_of(child: &mut std::process::Child) -> mpsc::Receiver<String> {
    let (send, receive) = mpsc::channel();
    let err = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(err).lines() {
            let Ok(line) = line else { break };
            if send.send(line).is_err() {
                break;
            }
        }
    });
    receive
}

/// Waits for a line containing `what`, for at most 20 seconds.
fn wait_for(lines: &mpsc::Receiver<String>, what: &str, seen: &mut Vec<String>) -> bool {
    let deadline = Instant::now() + Duration::from_secs(20);
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match lines.recv_timeout(left) {
            Ok(line) => {
                let found = line.contains(what);
                seen.push(line);
                if found {
                    return true;
                }
            }
            Err(_) => return false,
        }
    }
    false
}

#[test]
fn watch_checks_and_draws_again_at_every_save() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("m.json");
    std::fs::write(
        &map,
        WARNED.replace(
            ",\n  {\"id\": \"lonely\", \"text\": \"Nobody links here.\"}",
            "",
        ),
    )
    .unwrap();

    let mut child = Command::new(env!("CARGO_BIN_EXE_argumap"))
        .args(["check", "m.json", "--watch"])
        .current_dir(dir.path())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let lines = lines_of(&mut child);
    let mut seen = Vec::new();
    let first = wait_for(&lines, "watching m.json", &mut seen);
    // A save that breaks the map (written in place, as many editors do).
    std::fs::File::create(&map)
        .unwrap()
        .write_all(BROKEN.as_bytes())
        .unwrap();
    let broke = first && wait_for(&lines, "error:", &mut seen);
    // A save by writing a new file and renaming it over the old one.
    let fixed_text = WARNED;
    std::fs::write(dir.path().join("m.json.new"), fixed_text).unwrap();
    std::fs::rename(dir.path().join("m.json.new"), &map).unwrap();
    let fixed = broke && wait_for(&lines, "ok (3 claims", &mut seen);
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        first && broke && fixed,
        "what argumap said:\n{}",
        seen.join("\n")
    );
    assert!(seen[0].contains("ok (2 claims"), "{seen:?}");

    // render --watch redraws: the picture changes when the map does.
    let mut child = Command::new(env!("CARGO_BIN_EXE_argumap"))
        .args([
            "render", "m.json", "-o", "m.svg", "--engine", "builtin", "--watch",
        ])
        .current_dir(dir.path())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let lines = lines_of(&mut child);
    let mut seen = Vec::new();
    let drawn = wait_for(&lines, "watching m.json", &mut seen);
    let before = std::fs::read_to_string(dir.path().join("m.svg")).unwrap_or_default();
    std::fs::write(
        &map,
        WARNED.replace("Another claim.", "A claim added while watching."),
    )
    .unwrap();
    let redrawn = drawn
        && wait_for(&lines, "wrote m.svg", &mut seen)
        && wait_for(&lines, "watching", &mut seen);
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(redrawn, "what argumap said:\n{}", seen.join("\n"));
    let after = std::fs::read_to_string(dir.path().join("m.svg")).unwrap();
    assert!(!before.contains("added while watching"));
    assert!(after.contains("added while watching"));

    let stdin = argumap_in(dir.path(), &["check", "-", "--watch"]);
    assert_eq!(stdin.status.code(), Some(2));
    assert!(
        stderr(&stdin).contains("--watch needs a file"),
        "{}",
        stderr(&stdin)
    );
}

#[test]
fn completions_are_accepted_by_their_shells() {
    let dir = tempfile::tempdir().unwrap();
    for (shell, check) in [
        (
            "bash",
            vec!["-c", "source ./argumap.bash && complete -p argumap"],
        ),
        ("zsh", vec!["-n", "./argumap.zsh"]),
        ("fish", vec!["-n", "./argumap.fish"]),
    ] {
        let out = argumap_in(dir.path(), &["completions", shell]);
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let script = String::from_utf8(out.stdout).unwrap();
        assert!(
            script.contains("render") && script.contains("engine"),
            "{shell}"
        );
        std::fs::write(dir.path().join(format!("argumap.{shell}")), &script).unwrap();
        let program = tool(shell, "--version");
        if !needs(shell, program.is_some()) {
            continue;
        }
        let run = Command::new(program.unwrap())
            .args(&check)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{shell} refuses the script: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        if shell == "bash" {
            assert!(String::from_utf8_lossy(&run.stdout).contains("argumap"));
        }
    }
}

#[test]
fn the_man_page_is_read_by_groff() {
    let out = argumap_in(&root(""), &["man"]);
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(
        page.contains(".TH argumap 1"),
        "{}",
        &page[..200.min(page.len())]
    );
    let groff = tool("groff", "--version");
    if !needs("groff", groff.is_some()) {
        return;
    }
    let mut child = Command::new(groff.unwrap())
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(page.as_bytes())
        .unwrap();
    let done = child.wait_with_output().unwrap();
    assert!(done.status.success());
    assert_eq!(String::from_utf8_lossy(&done.stderr), "", "groff warns");
    for section in ["SYNOPSIS", "SUBCOMMANDS", "render", "check"] {
        assert!(page.contains(section), "{section}");
    }
}

#[test]
fn every_command_shows_examples_in_its_help() {
    let help = argumap_in(&root(""), &["--help"]);
    let text = String::from_utf8_lossy(&help.stdout).into_owned();
    let commands: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        // A command's line; wrapped descriptions are indented further.
        .filter(|l| !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    assert!(commands.len() >= 10, "{commands:?}");
    for command in commands {
        let out = argumap_in(&root(""), &[command, "--help"]);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("Example") && text.contains(&format!("argumap {command}")),
            "`argumap {command} --help` shows no example:\n{text}"
        );
    }
}

#[test]
fn a_newcomers_slips_get_messages_that_say_where_and_how_to_fix_them() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &[u8]| std::fs::write(dir.path().join(name), text).unwrap();
    // A comma left out at the end of a line: the hint points at the line above.
    write(
        "comma.json",
        b"{\"argumap\": 1, \"title\": \"T\", \"claims\": [\n  {\"id\": \"a\", \"text\": \"A.\"}\n  {\"id\": \"b\", \"text\": \"B.\"}\n]}\n",
    );
    // Curly quotes from a word processor.
    write(
        "curly.json",
        "{\"argumap\": 1, \"title\": \u{201C}T\u{201D}}\n".as_bytes(),
    );
    // A file saved as Latin-1.
    write(
        "latin1.json",
        b"{\"argumap\": 1,\n \"title\": \"Caf\xe9\"}\n",
    );
    // An actor's id misspelt beyond recognition, in a small map.
    write(
        "actor.json",
        b"{\"argumap\": 1, \"title\": \"T\", \"actors\": [{\"id\": \"opp\", \"name\": \"Opposition\", \"kind\": \"group\"}],\n \"claims\": [{\"id\": \"a\", \"text\": \"A.\", \"by\": [\"the-other-side\"]}]}\n",
    );
    for (file, code, words) in [
        (
            "comma.json",
            1,
            vec![
                "comma.json:3:3:",
                "a comma is probably missing at the end of the line above",
            ],
        ),
        ("curly.json", 1, vec!["curly quotes", "straight quotes"]),
        (
            "latin1.json",
            2,
            vec!["line 2, column 15", "save it as UTF-8"],
        ),
        (
            "actor.json",
            1,
            vec!["the-other-side", "the map's ids are", "`opp`"],
        ),
    ] {
        let out = argumap_in(dir.path(), &["check", file]);
        let said = stderr(&out);
        assert_eq!(out.status.code(), Some(code), "{file}: {said}");
        for word in words {
            assert!(said.contains(word), "{file} does not say {word:?}:\n{said}");
        }
    }
    // Counts read as English.
    write(
        "one.json",
        b"{\"argumap\": 1, \"title\": \"T\", \"claims\": [{\"id\": \"a\", \"text\": \"A.\"}]}\n",
    );
    let out = argumap_in(dir.path(), &["check", "one.json"]);
    assert!(
        stderr(&out)
            .contains("ok (1 claim, 0 arguments, 0 actors, 0 relations; 0 errors, 0 warnings)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn man_writes_a_page_per_subcommand_that_groff_reads_and_version_names_the_build() {
    let dir = tempfile::tempdir().unwrap();
    let out = argumap_in(&root(""), &["man", "--dir", dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut pages: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    for page in [
        "argumap.1",
        "argumap-render.1",
        "argumap-check.1",
        "argumap-lsp.1",
    ] {
        assert!(pages.iter().any(|p| p == page), "{page} in {pages:?}");
    }
    let groff = tool("groff", "--version");
    if needs("groff", groff.is_some()) {
        for page in &pages {
            let done = Command::new(groff.as_ref().unwrap())
                .args(["-man", "-Tutf8", "-ww", "-z"])
                .arg(dir.path().join(page))
                .output()
                .unwrap();
            assert!(done.status.success(), "{page}");
            assert_eq!(
                String::from_utf8_lossy(&done.stderr),
                "",
                "groff warns on {page}"
            );
        }
    }
    let out = argumap_in(&root(""), &["--version"]);
    let version = String::from_utf8(out.stdout).unwrap();
    assert!(
        version.starts_with(&format!("argumap {} (commit ", env!("CARGO_PKG_VERSION")))
            && version.contains("; features: raster)"),
        "{version}"
    );
}
