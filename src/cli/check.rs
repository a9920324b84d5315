//! `argumap check`: load a map, list every problem with its place, and count what it holds.

use std::path::{Path, PathBuf};

use argumap::format::Format;

use super::choice;
use super::io::Failure;
use super::load::{counted, exit_without_freeing, load, summary};
use super::progress::Progress;
use super::{finish, ui, watch, MAP_PROBLEMS, OK};

// The subcommand's help is on its variant of `Command`.
#[derive(clap::Args)]
pub(super) struct CheckArgs {
    /// The map file (`-` reads standard input).
    map: PathBuf,
    /// Treat warnings as errors (exit 1 when there are any).
    #[arg(long)]
    deny_warnings: bool,
    /// Check again each time the file is saved, until Ctrl-C.
    #[arg(long)]
    watch: bool,
    /// The input format, when the extension and content do not say it: json, argdown,
    /// aif (AIF or xAIF), kialo, sadface, microtexts, apx, tgf or i23.
    #[arg(long, value_name = "FORMAT", value_parser = choice::input_format())]
    from: Option<Format>,
}

pub(super) fn run(args: &CheckArgs) -> Result<u8, Failure> {
    if args.watch {
        watch::watch(&args.map, || {
            finish(check(&args.map, args.deny_warnings, args.from))
        })
    } else {
        check(&args.map, args.deny_warnings, args.from)
    }
}

fn check(path: &Path, deny_warnings: bool, from: Option<Format>) -> Result<u8, Failure> {
    let progress = Progress::start("starting");
    let (map, warnings, name) = load(path, from, &progress)?;
    progress.stage(format!("counting {name}"));
    let s = argumap::analysis::stats(&map);
    progress.clear();
    exit_without_freeing(map);
    let relations: usize = s.relations.values().sum();
    let failed = deny_warnings && !warnings.is_empty();
    if failed || !ui::get().quiet {
        eprintln!(
            "{name}: {} ({}, {}, {}, {}; {})",
            if failed { "not ok" } else { "ok" },
            counted(s.claims, "claim"),
            counted(s.arguments, "argument"),
            counted(s.actors, "actor"),
            counted(relations, "relation"),
            summary(&warnings)
        );
    }
    Ok(if failed { MAP_PROBLEMS } else { OK })
}
