//! The last test target: lists the tests of this run that skipped for want of an outside
//! program (Graphviz, Chromium, Node packages, Python packages), so that a run that passes
//! on a machine without them says so at its end. Under `CI=true` those tests fail instead.

use std::io::Write as _;

/// Where `tests/it/support.rs` writes down each skip.
const SKIPS: &str = concat!(env!("CARGO_TARGET_TMPDIR"), "/skipped-tests.txt");

#[test]
fn list_the_tests_that_skipped() {
    let Ok(list) = std::fs::read_to_string(SKIPS) else {
        return;
    };
    let _ = std::fs::remove_file(SKIPS);
    // Only this run's: each line starts with the id of the `cargo test` that wrote it.
    let run = run_id().to_string();
    let lines: Vec<&str> = list
        .lines()
        .filter_map(|l| {
            l.split_once(' ')
                .filter(|(id, _)| *id == run)
                .map(|(_, rest)| rest)
        })
        .collect();
    if lines.is_empty() {
        return;
    }
    // Written straight to standard error: the harness shows it although the test passes.
    let mut text = format!(
        "\n{} test(s) skipped for want of an outside program (`.ci/run` installs them all):\n",
        lines.len()
    );
    for line in lines {
        text.push_str("  ");
        text.push_str(line);
        text.push('\n');
    }
    let _ = std::io::stderr().write_all(text.as_bytes());
}

/// Which `cargo test` this is: the process that started the test binaries.
fn run_id() -> u32 {
    #[cfg(unix)]
    return std::os::unix::process::parent_id();
    #[cfg(not(unix))]
    return 0;
}
