//! `argumap report`: the coach's summary of a map, as text or JSON.

use std::path::PathBuf;

use argumap::format::Format;

use super::choice;
use super::io::{write_output, Failure};
use super::load::load;
use super::progress::Progress;
use super::{ui, OK};

// The subcommand's help is on its variant of `Command`.
#[derive(clap::Args)]
pub(super) struct ReportArgs {
    /// The map (`-` reads standard input).
    map: PathBuf,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    /// The input format, when the extension and content do not say it: json, argdown,
    /// aif (AIF or xAIF), kialo, sadface, microtexts, apx, tgf or i23.
    #[arg(long, value_name = "FORMAT", value_parser = choice::input_format())]
    from: Option<Format>,
}

pub(super) fn run(args: &ReportArgs) -> Result<u8, Failure> {
    let progress = Progress::start("starting");
    let (map, warnings, _) = load(&args.map, args.from, &progress)?;
    let r = argumap::analysis::report::report_with_warnings(&map, &warnings);
    progress.clear();
    let text = if args.json {
        argumap::surface::report_json(&r)
    } else if ui::get().all {
        argumap::analysis::report::to_text_all(&map, &r)
    } else {
        argumap::analysis::report::to_text(&map, &r)
    };
    write_output(None, text.as_bytes())?;
    // The process ends here: freeing a big map and its report piece by piece would only
    // take time (a tenth of the run on 100,000 claims).
    std::mem::forget((map, r, text));
    Ok(OK)
}
