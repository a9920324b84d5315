//! `argumap man`: the manual pages (roff), from the same clap definitions as `--help`.

use std::path::Path;

use clap::CommandFactory;

use super::io::{display_name, write_output, Failure};
use super::{Cli, OK};

pub(super) fn run(dir: Option<&Path>) -> Result<u8, Failure> {
    let command = Cli::command();
    let Some(dir) = dir else {
        write_output(None, &page(command)?)?;
        return Ok(OK);
    };
    std::fs::create_dir_all(dir).map_err(|e| {
        Failure::Usage(format!(
            "cannot make the folder `{}`: {}",
            display_name(dir),
            super::io::reason(&e)
        ))
    })?;
    // Each subcommand's page is named as `man` finds it: `man argumap-render`.
    let mut pages = vec![("argumap".to_owned(), command.clone())];
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("argumap-{}", sub.get_name());
        // clap names commands with static text; a dozen short names live to the end of the run.
        let title: &'static str = Box::leak(name.clone().into_boxed_str());
        pages.push((name, sub.clone().name(title)));
    }
    for (name, command) in pages {
        write_output(Some(&dir.join(format!("{name}.1"))), &page(command)?)?;
    }
    Ok(OK)
}

/// One command's page.
fn page(command: clap::Command) -> Result<Vec<u8>, Failure> {
    let mut out = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut out)
        .map_err(|e| Failure::Usage(format!("cannot write the manual page: {e}")))?;
    Ok(ascii_roff(&String::from_utf8_lossy(&out)).into_bytes())
}

/// Roff in ASCII: each other character as groff's `\[uXXXX]` escape (what `preconv` does
/// before `man` shows a page), so that any groff reads the page without a warning.
fn ascii_roff(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    for c in page.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(&format!("\\[u{:04X}]", c as u32));
        }
    }
    out
}
