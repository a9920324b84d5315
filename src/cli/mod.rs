//! The command line: the clap definitions of `argumap` and its global flags, and the
//! dispatch to one module per subcommand (`check`, `convert`, `render`, `eval`, `report`,
//! `stats`, `schema`, `gen`, `new`, `completions`, `man`), as cargo has one file per command.
//! Each subcommand chains library calls; the modules beside them read maps and report their
//! problems (`load`), choose the look and the part of the map to draw (`look`, `view`), read
//! typed choices (`choice`), and read and write files (`io`).

mod check;
mod choice;
mod completions;
mod convert;
mod eval;
mod gen;
mod io;
mod load;
mod look;
mod lsp;
mod man;
mod new;
mod progress;
mod render;
mod report;
mod schema;
mod stats;
mod ui;
mod view;
mod watch;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use io::Failure;

/// What `--version` says: the version, the commit it was built from ("unknown" in a build
/// from a package) and the optional features built in.
fn version() -> &'static str {
    let features: Vec<&str> = [
        ("raster", cfg!(feature = "raster")),
        ("graphviz-rust", cfg!(feature = "graphviz-rust")),
    ]
    .into_iter()
    .filter_map(|(name, on)| on.then_some(name))
    .collect();
    let features = if features.is_empty() {
        "none".to_owned()
    } else {
        features.join(", ")
    };
    let text = format!(
        "{} (commit {}; features: {features})",
        env!("CARGO_PKG_VERSION"),
        env!("ARGUMAP_COMMIT")
    );
    // Made once per run, for clap, which keeps it to the end.
    Box::leak(text.into_boxed_str())
}

/// Exit code: all is well.
pub const OK: u8 = 0;
/// Exit code: the map has problems.
pub const MAP_PROBLEMS: u8 = 1;
/// Exit code: the command line was wrong, or a file could not be read or written.
pub const USAGE_OR_IO: u8 = 2;

#[derive(Parser)]
#[command(
    name = "argumap",
    version,
    about = "Argument maps: check them, count them, draw them (SVG, PNG, PDF, an interactive page) and export them.",
    after_help = "Examples:\n  argumap check maps/encryption-debate.json\n  argumap render maps/encryption-debate.json -o debate.svg\n  argumap render maps/encryption-debate.json -o handout.pdf --theme print\n  argumap render maps/encryption-debate.json -o debate.html\n  argumap convert maps/encryption-debate.json -o debate.dot\n  argumap stats maps/encryption-debate.json\n\nExit codes: 0 ok, 1 the map has problems, 2 usage or I/O error."
)]
pub(super) struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Say only what went wrong: no warnings, notes or "ok".
    #[arg(short, long, global = true)]
    quiet: bool,
    /// Also say what each step is doing, with the time so far.
    #[arg(short, long, global = true, conflicts_with = "quiet")]
    verbose: bool,
    /// Colour the messages: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, value_name = "WHEN", global = true, default_value = "auto")]
    color: ui::ColourChoice,
    /// Show every warning and every item of the report's lists, instead of the first few of
    /// each kind with "and N more".
    #[arg(long, global = true)]
    all: bool,
    /// Refuse input files bigger than this (bytes, or with K, M or G).
    #[arg(long, value_name = "SIZE", global = true, default_value = "256M", value_parser = io::parse_size, help_heading = "Limits on input")]
    max_input_size: u64,
    /// Refuse nesting deeper than this: JSON arrays and objects, XML elements, Kialo levels,
    /// Argdown indentation (in columns).
    #[arg(
        long,
        value_name = "N",
        global = true,
        default_value_t = 128,
        help_heading = "Limits on input"
    )]
    max_depth: usize,
    /// Refuse maps with more elements and links than this.
    #[arg(
        long,
        value_name = "N",
        global = true,
        default_value_t = 20_000_000,
        help_heading = "Limits on input"
    )]
    max_elements: usize,
    /// Refuse a claim or argument whose text or title is longer than this many characters.
    #[arg(
        long,
        value_name = "CHARS",
        global = true,
        default_value_t = 100_000,
        help_heading = "Limits on input"
    )]
    max_text: usize,
}

#[derive(Subcommand)]
enum Command {
    /// Check a map and list every problem with its line and column.
    #[command(
        after_help = "Examples:\n  argumap check maps/encryption-debate.json\n  argumap check my-map.json --watch      # check again at every save\n  argumap check my-map.json --deny-warnings --quiet"
    )]
    Check(check::CheckArgs),
    /// Convert a map between formats: our JSON, Argdown, AIF, Kialo, SADFace (read only),
    /// DOT, GraphML, Mermaid, Cytoscape.js and the ICCMA frameworks.
    #[command(
        after_help = "The formats come from the file extensions (.json, .argdown, .txt for Kialo, .dot, .graphml, .mmd, .cyjs, .apx, .tgf, .i23) and, for .json files (our map, AIF, xAIF, SADFace) and standard input, from the content; --from and --to override. `-` means standard input or output.\nExamples:\n  argumap convert maps/encryption-debate.json -o debate.argdown\n  argumap convert aifdb-map.json -o map.json            # AIF in, our map out\n  argumap convert kialo-export.txt -o map.json\n  argumap convert map.json -o map-aif.json --to aif\n  argumap convert maps/encryption-debate.json -o debate.dot\n  argumap convert maps/school-uniforms.json --to json -o -"
    )]
    Convert(convert::ConvertArgs),
    /// Draw a map as SVG, PNG, PDF or an interactive HTML page (Graphviz lays it out).
    #[command(
        after_help = "The output format comes from the extension (.svg, .png, .pdf, .html) or --to.\nExamples:\n  argumap render maps/encryption-debate.json -o debate.svg\n  argumap render maps/encryption-debate.json -o slide.png --rankdir LR\n  argumap render maps/encryption-debate.json -o handout.pdf --theme print --actors badges\n  argumap render maps/encryption-debate.json -o debate.html\n  argumap render big.json -o part.svg --focus some-claim --depth 2\n  argumap render big.json -o top.svg --max-nodes 200"
    )]
    Render(render::RenderArgs),
    /// Which claims stand: grounded, complete, preferred or stable semantics.
    #[command(
        after_help = "Reads any map argumap reads (our .json, Argdown, AIF, Kialo, SADFace) or an ICCMA framework (.apx, .tgf, .i23).\nExamples:\n  argumap eval maps/encryption-debate.json\n  argumap eval maps/school-uniforms.json --semantics preferred\n  argumap eval framework.apx --semantics stable --enumerate --limit 10\n  argumap eval framework.i23 --semantics stable --iccma"
    )]
    Eval(eval::EvalArgs),
    /// The coach's report: theses and whether they stand, dropped arguments, who answers
    /// whom, each actor's positions, loose ends.
    #[command(after_help = "Example:\n  argumap report maps/encryption-debate.json")]
    Report(report::ReportArgs),
    /// Count what a map holds.
    #[command(
        after_help = "Examples:\n  argumap stats maps/encryption-debate.json\n  argumap stats maps/encryption-debate.json --json"
    )]
    Stats(stats::StatsArgs),
    /// Print the JSON Schema of the map file.
    #[command(
        after_help = "Example (for an editor that checks JSON against a schema):\n  argumap schema > argumap.schema.json"
    )]
    Schema,
    /// Generate a synthetic map (for benchmarks), as a map file and optionally as Argdown.
    #[command(
        after_help = "Examples:\n  argumap gen 10000 -o n10000.json --argdown n10000.argdown\n  argumap gen 200000 --shape crowd -o crowd.json"
    )]
    Gen(gen::GenArgs),
    /// Start a new map from a template that explains itself: a thesis, a reason, an
    /// objection, an answer and two sides, each with a note on what to change.
    #[command(
        after_help = "Examples:\n  argumap new my-debate.json\n  argumap new my-debate.json --title \"This House would ban homework\"\n  argumap check my-debate.json && argumap render my-debate.json -o my-debate.svg"
    )]
    New(new::NewArgs),
    /// Print a shell's completion script for argumap.
    #[command(
        after_help = "Examples:\n  argumap completions bash > ~/.local/share/bash-completion/completions/argumap\n  argumap completions zsh > ~/.zfunc/_argumap\n  argumap completions fish > ~/.config/fish/completions/argumap.fish"
    )]
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), for `man`, or write every page into a folder.
    #[command(
        after_help = "Examples:\n  argumap man > argumap.1 && man ./argumap.1\n  argumap man --dir ~/.local/share/man/man1"
    )]
    Man {
        /// Write a page for the command and one for each subcommand (`argumap-render.1`, …)
        /// into this folder, instead of printing the command's page.
        #[arg(long, value_name = "DIR")]
        dir: Option<std::path::PathBuf>,
    },
    /// Run a language server on standard input and output, for editors: problems as you
    /// type with quick fixes, hover, go to definition, references, rename, completion and
    /// the outline, in map files and Argdown.
    #[command(
        after_help = "Examples:\n  argumap lsp    # started by the editor, which talks to it over stdin and stdout"
    )]
    Lsp,
}

/// Runs the command line and returns the exit code.
pub fn run() -> u8 {
    let matches = Cli::command().version(version()).try_get_matches();
    let cli = match matches.and_then(|m| Cli::from_arg_matches(&m)) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { USAGE_OR_IO } else { OK };
            let _ = e.print();
            return code;
        }
    };
    ui::Ui::new(cli.quiet, cli.verbose, cli.color, cli.all).install();
    io::set_limits(argumap::format::Limits {
        max_bytes: cli.max_input_size,
        max_depth: cli.max_depth,
        max_elements: cli.max_elements,
        max_text: cli.max_text,
    });
    let result = match &cli.command {
        Command::Check(args) => check::run(args),
        Command::Convert(args) => convert::run(args),
        Command::Render(args) => render::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Report(args) => report::run(args),
        Command::Stats(args) => stats::run(args),
        Command::Schema => schema::run(),
        Command::Gen(args) => gen::run(args),
        Command::New(args) => new::run(args),
        Command::Completions { shell } => completions::run(*shell),
        Command::Man { dir } => man::run(dir.as_deref()),
        Command::Lsp => lsp::run(),
    };
    finish(result)
}

/// The exit code of a command's result, after saying what went wrong.
pub(super) fn finish(result: Result<u8, Failure>) -> u8 {
    match result {
        Ok(code) => code,
        Err(Failure::BrokenPipe) => OK,
        Err(Failure::Usage(message)) => {
            let (red, reset) = if ui::get().colour {
                ("\x1b[1;31m", "\x1b[0m")
            } else {
                ("", "")
            };
            eprintln!("argumap: {red}error:{reset} {message}");
            USAGE_OR_IO
        }
        Err(Failure::MapProblems) => MAP_PROBLEMS,
    }
}
