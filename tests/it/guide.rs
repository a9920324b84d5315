//! The coach's guide (`docs/coach-guide.md`) run as a test, so it cannot rot: its files are
//! written, its commands run in order in an empty folder, each must succeed (or fail where
//! the guide says it fails), and output the guide shows must be what argumap prints.

use crate::support::{argumap_in, root};

/// The words of a command line, with double quotes grouping.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let (mut quoted, mut any) = (false, false);
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            ' ' if !quoted => {
                if any {
                    out.push(std::mem::take(&mut word));
                    any = false;
                }
            }
            _ => {
                word.push(c);
                any = true;
            }
        }
    }
    if any {
        out.push(word);
    }
    out
}

#[test]
fn every_command_of_the_coachs_guide_does_what_the_guide_says() {
    let guide = std::fs::read_to_string(root("docs/coach-guide.md")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut block: Option<(String, Vec<&str>)> = None;
    let mut last_output = String::new();
    let mut commands = 0;
    for line in guide.lines() {
        if let Some((kind, lines)) = &mut block {
            if line != "```" {
                lines.push(line);
                continue;
            }
            let (kind, lines) = (kind.clone(), std::mem::take(lines));
            block = None;
            if let Some(name) = kind.strip_prefix("file:") {
                std::fs::write(dir.path().join(name), lines.join("\n") + "\n").unwrap();
            } else if kind == "sh" {
                for command in lines.iter().filter(|l| !l.trim().is_empty()) {
                    let (command, comment) = command.split_once('#').unwrap_or((command, ""));
                    let args = words(command.trim());
                    assert_eq!(args[0], "argumap", "{command}");
                    let out = argumap_in(dir.path(), &args[1..]);
                    let expected = if comment.contains("fails") { 1 } else { 0 };
                    last_output = String::from_utf8_lossy(&out.stderr).into_owned()
                        + &String::from_utf8_lossy(&out.stdout);
                    assert_eq!(
                        out.status.code(),
                        Some(expected),
                        "`{command}` said:\n{last_output}"
                    );
                    commands += 1;
                }
            } else if kind == "text" {
                let shown = lines.join("\n");
                assert!(
                    last_output.contains(&shown),
                    "the guide shows\n{shown}\nbut argumap said\n{last_output}"
                );
            }
        } else if let Some(kind) = line.strip_prefix("```") {
            block = Some((kind.to_owned(), Vec::new()));
        }
    }
    assert!(commands >= 15, "only {commands} commands found");
    for made in [
        "handout.pdf",
        "slide.png",
        "homework.html",
        "from-kialo.json",
        "from-kialo.svg",
        "from-argdown.svg",
        "homework-out.argdown",
        "homework-aif.json",
    ] {
        assert!(dir.path().join(made).exists(), "{made} was not made");
    }
}
