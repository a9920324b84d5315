//! `argumap stats`: count what a map holds, as a table or JSON.

use std::path::PathBuf;

use argumap::format::Format;

use super::choice;
use super::io::{write_output, Failure};
use super::load::load;
use super::progress::Progress;
use super::OK;

// The subcommand's help is on its variant of `Command`.
#[derive(clap::Args)]
pub(super) struct StatsArgs {
    /// The map file (`-` reads standard input).
    map: PathBuf,
    /// Print the counts as JSON.
    #[arg(long)]
    json: bool,
    /// The input format, when the extension and content do not say it: json, argdown,
    /// aif (AIF or xAIF), kialo, sadface, microtexts, apx, tgf or i23.
    #[arg(long, value_name = "FORMAT", value_parser = choice::input_format())]
    from: Option<Format>,
}

pub(super) fn run(args: &StatsArgs) -> Result<u8, Failure> {
    let progress = Progress::start("starting");
    let (map, _, name) = load(&args.map, args.from, &progress)?;
    progress.stage(format!("counting {name}"));
    let s = argumap::analysis::stats(&map);
    progress.clear();
    let text = if args.json {
        let mut t = serde_json::to_string_pretty(&s).expect("stats serialize");
        t.push('\n');
        t
    } else {
        let mut t = format!("{}\n", map.title);
        let mut row = |k: &str, v: String| t.push_str(&format!("  {k:<22}{v}\n"));
        row("claims", s.claims.to_string());
        row("arguments", s.arguments.to_string());
        row("actors", s.actors.to_string());
        row("sources", s.sources.to_string());
        row("groups", s.groups.to_string());
        for (kind, n) in &s.relations {
            row(kind, n.to_string());
        }
        row("stances", s.stances.to_string());
        row("root theses", s.root_theses.to_string());
        row("unanswered rebuttals", s.unanswered_rebuttals.to_string());
        row(
            "depth",
            s.depth
                .map_or_else(|| "cyclic".to_owned(), |d| d.to_string()),
        );
        t
    };
    write_output(None, text.as_bytes())?;
    Ok(OK)
}
