//! `argumap check`: load a map, list every problem with its place, and count what it holds.

use std::path::{Path, PathBuf};

use argumap::format::Format;

use super::choice;
use super::io::{self, display_name, read_input, Failure};
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
    /// How to print the problems: `human` (on standard error, with the source line) or
    /// `json` (one document `{"problems": [...]}` on standard output, each with `path`,
    /// `code`, `line`, `column`, `end_line`, `end_column`, `severity`, `message`, `hint`
    /// and `fix`; docs/diagnostics.md lists the codes).
    #[arg(long, value_name = "FORMAT", default_value = "human")]
    message_format: MessageFormat,
}

/// How `check` prints the problems it finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(super) enum MessageFormat {
    /// For a person: on standard error, with the source line.
    Human,
    /// For a program: one JSON document on standard output.
    Json,
}

pub(super) fn run(args: &CheckArgs) -> Result<u8, Failure> {
    if args.message_format == MessageFormat::Json {
        return check_json(&args.map, args.deny_warnings, args.from);
    }
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

/// `check --message-format json`: every problem as one JSON document on standard output,
/// and nothing on standard error but a failure to read the file. Exit 1 when the map has
/// errors (or warnings, with `--deny-warnings`), as the human form does.
fn check_json(path: &Path, deny_warnings: bool, from: Option<Format>) -> Result<u8, Failure> {
    let name = display_name(path);
    let src = read_input(path)?;
    let format = from.unwrap_or_else(|| Format::detect(path, &src));
    if !format.can_read() {
        return Err(Failure::Usage(format!(
            "argumap cannot read {} files (add --from when the extension misleads)",
            format.name()
        )));
    }
    let diagnostics = argumap::surface::problems(&src, format, &name, &io::limits());
    let text = argumap::surface::problems_json(&diagnostics, &name);
    super::io::write_output(None, text.as_bytes())?;
    let failed =
        diagnostics.iter().any(|d| d.is_error()) || (deny_warnings && !diagnostics.is_empty());
    Ok(if failed { MAP_PROBLEMS } else { OK })
}
