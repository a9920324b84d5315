//! The command line: clap definitions and one function per subcommand. Each subcommand
//! chains library calls; this module only reads files, writes files and reports.

mod eval;
mod io;
mod lsp;
mod progress;
mod template;
mod ui;
mod watch;

use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand};

use argumap::diagnostic::{Diagnostic, Severity};
use argumap::export::dot::{ClusterBy, DotOptions, Theme};
use argumap::format::{json, Format};
use argumap::model::{Map, RelationKind};
use argumap::render::{Engine, Output, RenderOptions};
use argumap::view::View;

use progress::Progress;

use io::{display_name, read_input, write_output, write_with, Failure};

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
struct Cli {
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
    Check {
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
        #[arg(long, value_name = "FORMAT")]
        from: Option<String>,
    },
    /// Convert a map between formats: our JSON, Argdown, AIF, Kialo, SADFace (read only),
    /// DOT, GraphML, Mermaid, Cytoscape.js and the ICCMA frameworks.
    #[command(
        after_help = "The formats come from the file extensions (.json, .argdown, .txt for Kialo, .dot, .graphml, .mmd, .cyjs, .apx, .tgf, .i23) and, for .json files (our map, AIF, xAIF, SADFace) and standard input, from the content; --from and --to override. `-` means standard input or output.\nExamples:\n  argumap convert maps/encryption-debate.json -o debate.argdown\n  argumap convert aifdb-map.json -o map.json            # AIF in, our map out\n  argumap convert kialo-export.txt -o map.json\n  argumap convert map.json -o map-aif.json --to aif\n  argumap convert maps/encryption-debate.json -o debate.dot\n  argumap convert maps/school-uniforms.json --to json -o -"
    )]
    Convert {
        /// The map to read (`-` reads standard input); several maps are converted one by one
        /// into the folder `-o` names.
        #[arg(required = true, num_args = 1..)]
        input: Vec<PathBuf>,
        /// Where to write (`-` or nothing writes standard output), or with several inputs the
        /// folder to write them into (made if missing), each named after its input. Written
        /// atomically: on failure an existing file is left as it was.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// The output format, when the output's extension does not say it: json, argdown,
        /// aif, kialo, dot, graphml, mermaid, cytoscape, apx, tgf or i23.
        #[arg(long, value_name = "FORMAT")]
        to: Option<String>,
        /// The input format, when the extension and content do not say it: json, argdown,
        /// aif (AIF or xAIF), kialo, sadface, microtexts, apx, tgf or i23.
        #[arg(long, value_name = "FORMAT")]
        from: Option<String>,
        #[command(flatten)]
        view: ViewArgs,
        #[command(flatten)]
        dot: DotArgs,
    },
    /// Draw a map as SVG, PNG, PDF or an interactive HTML page (Graphviz lays it out).
    #[command(
        after_help = "The output format comes from the extension (.svg, .png, .pdf, .html) or --to.\nExamples:\n  argumap render maps/encryption-debate.json -o debate.svg\n  argumap render maps/encryption-debate.json -o slide.png --rankdir LR\n  argumap render maps/encryption-debate.json -o handout.pdf --theme print --actors badges\n  argumap render maps/encryption-debate.json -o debate.html\n  argumap render big.json -o part.svg --focus some-claim --depth 2\n  argumap render big.json -o top.svg --max-nodes 200"
    )]
    Render {
        /// The map to read (`-` reads standard input).
        input: PathBuf,
        /// Where to write. Written atomically: on failure an existing file is left as it was.
        #[arg(short, long)]
        output: PathBuf,
        /// The output format, when the output's extension does not say it: svg, png, pdf or
        /// html.
        #[arg(long, value_name = "FORMAT")]
        to: Option<String>,
        /// The input format, when the extension and content do not say it: json, argdown,
        /// aif (AIF or xAIF), kialo, sadface, microtexts, apx, tgf or i23.
        #[arg(long, value_name = "FORMAT")]
        from: Option<String>,
        /// The layout engine: auto (Graphviz when `dot` is on the PATH), graphviz, or builtin.
        #[arg(long, value_name = "ENGINE", default_value = "auto")]
        engine: Engine,
        /// Stop Graphviz after this many seconds.
        #[arg(long, value_name = "SECONDS", default_value_t = 120)]
        timeout: u64,
        /// PNG resolution, in dots per inch.
        #[arg(long, default_value_t = 144)]
        dpi: u32,
        /// Refuse to lay out more nodes than this (Graphviz gets very slow); draw a view of
        /// the map instead, or raise the limit.
        #[arg(long, value_name = "NODES", default_value_t = 2000)]
        max_layout: usize,
        /// Draw again each time the map file is saved, until Ctrl-C (keep the picture open
        /// in a viewer that reloads it, or in a browser tab).
        #[arg(long)]
        watch: bool,
        #[command(flatten)]
        view: ViewArgs,
        #[command(flatten)]
        dot: DotArgs,
    },
    /// Which claims stand: grounded, complete, preferred or stable semantics.
    #[command(
        after_help = "Reads any map argumap reads (our .json, Argdown, AIF, Kialo, SADFace) or an ICCMA framework (.apx, .tgf, .i23).\nExamples:\n  argumap eval maps/encryption-debate.json\n  argumap eval maps/school-uniforms.json --semantics preferred\n  argumap eval framework.apx --semantics stable --enumerate --limit 10\n  argumap eval framework.i23 --semantics stable --iccma"
    )]
    Eval {
        /// The map or framework to evaluate (`-` reads standard input).
        input: PathBuf,
        /// grounded (one labelling, with the reason for each verdict), complete, preferred or
        /// stable (several; each element's credulous and sceptical acceptance is shown).
        #[arg(long, default_value = "grounded")]
        semantics: argumap::analysis::semantics::Semantics,
        /// The input format, when the extension and content do not say it: json, argdown,
        /// aif, kialo, sadface, microtexts, apx, tgf or i23.
        #[arg(long, value_name = "FORMAT")]
        from: Option<String>,
        /// List the extensions themselves.
        #[arg(long)]
        enumerate: bool,
        /// Look at most at this many labellings; past it the answer is "not decided".
        #[arg(long, value_name = "N", default_value_t = 1_000_000)]
        limit: usize,
        /// Give up after this many seconds with "not decided".
        #[arg(long, value_name = "SECONDS")]
        timeout: Option<u64>,
        /// Print one extension as an ICCMA solver does for the SE task: `[a1,a3]` for apx and
        /// tgf, `w 1 3` for i23, `NO` when there is none.
        #[arg(long)]
        iccma: bool,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
        /// Instead of a semantics' verdicts, each claim's strength in [0, 1] where support
        /// and attack both count: dfquad, qe (quadratic energy) or hcat (h-categorizer).
        /// Base scores default to 0.5 (1 for hcat); an element's `ext.base_score` overrides.
        #[arg(long, value_name = "MODEL", conflicts_with_all = ["enumerate", "iccma"])]
        strength: Option<argumap::analysis::semantics::Gradual>,
    },
    /// The coach's report: theses and whether they stand, dropped arguments, who answers
    /// whom, each actor's positions, loose ends.
    #[command(after_help = "Example:\n  argumap report maps/encryption-debate.json")]
    Report {
        /// The map (`-` reads standard input).
        map: PathBuf,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        /// The input format, when the extension and content do not say it: json, argdown,
        /// aif (AIF or xAIF), kialo, sadface, microtexts, apx, tgf or i23.
        #[arg(long, value_name = "FORMAT")]
        from: Option<String>,
    },
    /// Count what a map holds.
    #[command(
        after_help = "Examples:\n  argumap stats maps/encryption-debate.json\n  argumap stats maps/encryption-debate.json --json"
    )]
    Stats {
        /// The map file (`-` reads standard input).
        map: PathBuf,
        /// Print the counts as JSON.
        #[arg(long)]
        json: bool,
        /// The input format, when the extension and content do not say it: json, argdown,
        /// aif (AIF or xAIF), kialo, sadface, microtexts, apx, tgf or i23.
        #[arg(long, value_name = "FORMAT")]
        from: Option<String>,
    },
    /// Print the JSON Schema of the map file.
    #[command(
        after_help = "Example (for an editor that checks JSON against a schema):\n  argumap schema > argumap.schema.json"
    )]
    Schema,
    /// Generate a synthetic map (for benchmarks), as a map file and optionally as Argdown.
    #[command(
        after_help = "Examples:\n  argumap gen 10000 -o n10000.json --argdown n10000.argdown\n  argumap gen 200000 --shape crowd -o crowd.json"
    )]
    Gen {
        /// Number of claims.
        claims: usize,
        /// Where to write the map file (`-` for standard output).
        #[arg(short, long, default_value = "-")]
        output: PathBuf,
        /// Also write the same map as Argdown here.
        #[arg(long, value_name = "FILE")]
        argdown: Option<PathBuf>,
        /// The seed; the same seed gives the same map.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The map's shape (each stresses another part of the work).
        #[arg(long, default_value = "default", value_parser = shape_parser())]
        shape: String,
    },
    /// Start a new map from a template that explains itself: a thesis, a reason, an
    /// objection, an answer and two sides, each with a note on what to change.
    #[command(
        after_help = "Examples:\n  argumap new my-debate.json\n  argumap new my-debate.json --title \"This House would ban homework\"\n  argumap check my-debate.json && argumap render my-debate.json -o my-debate.svg"
    )]
    New {
        /// Where to write the map; an existing file is never overwritten.
        #[arg(value_name = "MAP")]
        output: PathBuf,
        /// The motion or question the map is about.
        #[arg(long, default_value = "This House would ...")]
        title: String,
    },
    /// Print a shell's completion script for argumap.
    #[command(
        after_help = "Examples:\n  argumap completions bash > ~/.local/share/bash-completion/completions/argumap\n  argumap completions zsh > ~/.zfunc/_argumap\n  argumap completions fish > ~/.config/fish/completions/argumap.fish"
    )]
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), for `man`.
    #[command(
        after_help = "Examples:\n  argumap man > argumap.1 && man ./argumap.1\n  argumap man > ~/.local/share/man/man1/argumap.1"
    )]
    Man,
    /// Run a language server on standard input and output, for editors: problems as you
    /// type with quick fixes, hover, go to definition, references, rename, completion and
    /// the outline, in map files and Argdown.
    #[command(
        after_help = "Examples:\n  argumap lsp    # started by the editor, which talks to it over stdin and stdout"
    )]
    Lsp,
}

#[derive(Args)]
#[command(next_help_heading = "Look of the diagram (DOT, SVG, PNG, PDF, HTML)")]
struct DotArgs {
    /// How to show who said what: actors as nodes linked to what they say, as badges
    /// ("— Barr, Patel") on the claims, or not at all. `auto` draws nodes when that takes at
    /// most 30 stance arrows, and badges beyond: more arrows tangle the picture (and from
    /// about 500 Graphviz takes minutes).
    #[arg(long, value_name = "HOW", default_value = "auto", value_parser = ["auto", "nodes", "badges", "none"])]
    actors: String,
    /// Draw every actor on its own, even those who take the same stances.
    #[arg(long)]
    no_bundle: bool,
    /// Leave out the legend.
    #[arg(long)]
    no_legend: bool,
    /// What the boxes around claims stand for: groups, actors (what each actor alone
    /// asserts), tags (elements with one tag), or none.
    #[arg(long, value_name = "BY", default_value = "groups")]
    cluster: ClusterBy,
    /// Colours: colour (green supports, red attacks), colourblind (Okabe–Ito), or print
    /// (black and white).
    #[arg(long, value_name = "THEME", default_value = "colour")]
    theme: Theme,
    /// Which way the diagram flows: TB, BT (conclusions on top), LR or RL (conclusions
    /// on the left). Chosen from the map's shape when not given.
    #[arg(long, value_name = "DIR")]
    rankdir: Option<argumap::export::dot::RankDir>,
    /// Wrap claim text at this many characters.
    #[arg(long, value_name = "CHARS")]
    wrap: Option<usize>,
    /// Mark each claim and argument with how it fares: grounded, complete, preferred or
    /// stable (stands, falls, undecided), or dfquad, qe or hcat (strength, as border width).
    /// Marks are a sign, a word and a border style, so they read in greyscale.
    #[arg(long, value_name = "EVALUATION")]
    status: Option<String>,
}

/// Above this many stance arrows, `--actors auto` draws badges: the encryption map's 15
/// arrows read well, the school map's 37 cross the whole picture, and Graphviz lays out 500
/// in about 2.5 s and 1,000 in minutes.
const AUTO_ACTOR_NODES: usize = 30;

/// Above this many stance arrows, `--actors auto` also says why it drew badges.
const LOUD_ACTOR_NODES: usize = 500;

impl DotArgs {
    /// The look the flags ask for; `--actors auto` looks at the map, and says on standard
    /// error when it draws badges.
    fn options(&self, map: &Map, name: &str) -> DotOptions {
        let actors = match self.actors.as_str() {
            "auto" => {
                let arrows = argumap::export::dot::stance_arrows(map);
                if arrows > AUTO_ACTOR_NODES {
                    if arrows > LOUD_ACTOR_NODES {
                        ui::note(format!(
                            "{name}: {arrows} stance arrows would take Graphviz minutes to lay out, so actors are named on the claims they assert (--actors nodes draws them anyway)"
                        ));
                    }
                    "badges"
                } else {
                    "nodes"
                }
            }
            other => other,
        };
        let mut options = DotOptions::default()
            .actors(actors == "nodes")
            .attribution(actors == "badges")
            .bundle_actors(!self.no_bundle)
            .legend(!self.no_legend)
            .clusters(self.cluster)
            .theme(self.theme);
        if let Some(w) = self.wrap {
            options = options.wrap(w);
        }
        if let Some(dir) = self.rankdir {
            options = options.rankdir(dir);
        }
        if let Some(status) = &self.status {
            match status_of(map, status) {
                Ok(status) => options = options.status(status),
                Err(message) => ui::note(format!("{name}: no status marks: {message}")),
            }
        }
        options
    }
}

/// The verdicts of an evaluation, to mark on a diagram.
fn status_of(map: &Map, evaluation: &str) -> Result<argumap::export::dot::Status, String> {
    use argumap::analysis::semantics::{
        bipolar_from_map, extensions, from_map, strengths, Budget, Gradual, Label, Semantics,
        Tolerance,
    };
    use argumap::export::dot::{Status, Verdict};
    let t = from_map(map);
    let mut verdicts = std::collections::BTreeMap::new();
    let source;
    if let Ok(model) = evaluation.parse::<Gradual>() {
        let (graph, ids) = bipolar_from_map(map, model.default_base());
        let result = strengths(&graph, model, &Tolerance::default());
        if !result.converged {
            return Err(format!("{} did not converge", model.as_str()));
        }
        for (id, v) in ids.iter().zip(result.values) {
            verdicts.insert(
                id.to_string(),
                Verdict::Strength((v * 1000.0).round() as u16),
            );
        }
        source = model.as_str().to_owned();
    } else {
        let semantics: Semantics = evaluation.parse().map_err(|_| {
            format!("unknown evaluation `{evaluation}`; use grounded, complete, preferred, stable, dfquad, qe or hcat")
        })?;
        let found = extensions(&t.af, semantics, &Budget::default()).map_err(|e| e.to_string())?;
        for (i, id) in t.ids.iter().enumerate() {
            let a = i as u32;
            let verdict = if semantics == Semantics::Grounded {
                match found.labellings[0][i] {
                    Label::In => Verdict::Stands,
                    Label::Out => Verdict::Falls,
                    Label::Undec => Verdict::Undecided,
                }
            } else if !found.labellings.is_empty() && found.sceptical(a) {
                Verdict::Stands
            } else if !found.credulous(a) {
                Verdict::Falls
            } else {
                Verdict::Undecided
            };
            verdicts.insert(id.to_string(), verdict);
        }
        source = semantics.as_str().to_owned();
    }
    Ok(Status { verdicts, source })
}

#[derive(Args)]
#[command(next_help_heading = "Part of the map (for big maps)")]
struct ViewArgs {
    /// Show only the neighbourhood of this claim or argument.
    #[arg(long, value_name = "ID")]
    focus: Option<String>,
    /// With --focus: how many relations away to go.
    #[arg(long, value_name = "K", requires = "focus")]
    depth: Option<usize>,
    /// Show only what this actor (or its members and spokespeople) takes a stance on.
    #[arg(long, value_name = "ID")]
    actor: Option<String>,
    /// Show only the claims and arguments with this tag.
    #[arg(long, value_name = "TAG")]
    tag: Option<String>,
    /// Show only the members of this group and of the groups inside it.
    #[arg(long, value_name = "ID")]
    group: Option<String>,
    /// Show at most this many claims and arguments: those nearest the theses.
    #[arg(long, value_name = "N")]
    max_nodes: Option<usize>,
}

impl ViewArgs {
    fn view(&self) -> View {
        View {
            focus: self.focus.clone(),
            depth: self.depth,
            actor: self.actor.clone(),
            tag: self.tag.clone(),
            group: self.group.clone(),
            max_nodes: self.max_nodes,
        }
    }
}

/// Narrows a map to a view, saying on standard error what was left out.
fn apply_view(map: Map, args: &ViewArgs, name: &str) -> Result<Map, Failure> {
    let view = args.view();
    if view.is_whole() {
        return Ok(map);
    }
    let part = view
        .apply(&map)
        .map_err(|e| Failure::Usage(format!("{name}: {e}")))?;
    if part.left_out() > 0 {
        ui::note(format!(
            "{name}: showing {} of {} claims and arguments ({}); {} left out",
            part.shown,
            part.total,
            view.describe(),
            part.left_out()
        ));
    }
    exit_without_freeing(map);
    Ok(part.map)
}

/// Runs the command line and returns the exit code.
pub fn run() -> u8 {
    let cli = match Cli::try_parse() {
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
    let result = match cli.command {
        Command::Check {
            map,
            deny_warnings,
            watch,
            from,
        } => {
            let from = from.as_deref();
            if watch {
                watch::watch(&map, || finish(check(&map, deny_warnings, from)))
            } else {
                check(&map, deny_warnings, from)
            }
        }
        Command::Convert {
            input,
            output,
            to,
            from,
            view,
            dot,
        } => {
            let folder = output.as_deref().filter(|o| input.len() > 1 || o.is_dir());
            match folder {
                Some(folder) => {
                    convert_into(&input, folder, to.as_deref(), from.as_deref(), &view, &dot)
                }
                None if input.len() > 1 => Err(Failure::Usage(
                    "several maps are converted into a folder: add -o FOLDER and --to FORMAT"
                        .into(),
                )),
                None => convert(
                    &input[0],
                    output.as_deref(),
                    to.as_deref(),
                    from.as_deref(),
                    &view,
                    &dot,
                ),
            }
        }
        Command::Render {
            input,
            output,
            to,
            from,
            engine,
            timeout,
            dpi,
            max_layout,
            watch,
            view,
            dot,
        } => {
            let options = RenderOptions {
                engine,
                timeout: std::time::Duration::from_secs(timeout),
                dpi,
                max_layout,
                ..RenderOptions::default()
            };
            let once = || {
                render(
                    &input,
                    &output,
                    to.as_deref(),
                    from.as_deref(),
                    &view,
                    &dot,
                    &options,
                )
            };
            if watch {
                watch::watch(&input, || {
                    let code = finish(once());
                    if code == OK {
                        ui::note(format!("wrote {}", display_name(&output)));
                    }
                    code
                })
            } else {
                once()
            }
        }
        Command::Eval {
            input,
            semantics,
            from,
            enumerate,
            limit,
            timeout,
            iccma,
            json,
            strength,
        } => eval::eval(&eval::Request {
            input: &input,
            semantics,
            from: from.as_deref(),
            enumerate,
            budget: argumap::analysis::semantics::Budget {
                labellings: Some(limit),
                deadline: timeout
                    .map(|t| std::time::Instant::now() + std::time::Duration::from_secs(t)),
            },
            iccma,
            json,
            strength,
        }),
        Command::Report { map, json, from } => coach_report(&map, json, from.as_deref()),
        Command::Stats { map, json, from } => stats(&map, json, from.as_deref()),
        Command::Schema => schema(),
        Command::Gen {
            claims,
            output,
            argdown,
            seed,
            shape,
        } => gen(claims, &output, argdown.as_deref(), seed, &shape),
        Command::New { output, title } => template::new_map(&output, &title),
        Command::Completions { shell } => completions(shell),
        Command::Man => man(),
        Command::Lsp => lsp::run(),
    };
    finish(result)
}

/// The exit code of a command's result, after saying what went wrong.
fn finish(result: Result<u8, Failure>) -> u8 {
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

fn completions(shell: clap_complete::Shell) -> Result<u8, Failure> {
    use clap::CommandFactory;
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "argumap", &mut out);
    write_output(None, &out)?;
    Ok(OK)
}

fn man() -> Result<u8, Failure> {
    use clap::CommandFactory;
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .map_err(|e| Failure::Usage(format!("cannot write the manual page: {e}")))?;
    write_output(None, &out)?;
    Ok(OK)
}

/// At most this many problems are shown: on a big generated map a wall of repeated
/// warnings would hide the summary.
const SHOWN: usize = 50;

/// Warnings of one kind shown before "and N more like these".
const SHOWN_OF_A_KIND: usize = 3;

/// Prints diagnostics to standard error, each with its source line, at most [`SHOWN`].
/// Warnings of one kind (the same hint) are shown [`SHOWN_OF_A_KIND`] at a time, then
/// counted in one line, so 1,500 unattributed claims read as one finding; `--all` shows
/// every one. With `--quiet`, warnings are left out.
///
/// Time: linear in the diagnostics.
fn report(name: &str, src: &str, diagnostics: &[Diagnostic]) {
    let ui = ui::get();
    let mut of_kind: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for d in diagnostics.iter().filter(|d| !d.is_error()) {
        *of_kind.entry(d.hint.as_deref().unwrap_or("")).or_default() += 1;
    }
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut held_back: Vec<(&Diagnostic, usize)> = Vec::new();
    let shown: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.is_error() || !ui.quiet)
        .filter(|d| {
            if d.is_error() || ui.all {
                return true;
            }
            let kind = d.hint.as_deref().unwrap_or("");
            let n = seen.entry(kind).or_default();
            *n += 1;
            if *n == SHOWN_OF_A_KIND + 1 {
                held_back.push((d, of_kind[kind] - SHOWN_OF_A_KIND));
            }
            *n <= SHOWN_OF_A_KIND
        })
        .collect();
    let mut text = String::new();
    for d in shown.iter().take(SHOWN) {
        text.push_str(&if ui.colour {
            d.render_coloured(name, src)
        } else {
            d.render(name, src)
        });
    }
    if shown.len() > SHOWN {
        text.push_str(&format!(
            "{name}: {} more not shown (--all shows them)\n",
            shown.len() - SHOWN
        ));
    }
    for (d, more) in held_back {
        text.push_str(&format!(
            "{name}: and {} like \"{}\" (--all shows them)\n",
            counted(more, "more warning"),
            d.message
        ));
    }
    eprint!("{text}");
}

/// `1 claim`, `2 claims`.
fn counted(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn summary(diagnostics: &[Diagnostic]) -> String {
    let count = |sev| diagnostics.iter().filter(|d| d.severity == sev).count();
    format!(
        "{}, {}",
        counted(count(Severity::Error), "error"),
        counted(count(Severity::Warning), "warning")
    )
}

/// Reads and loads a map, reporting its problems. `Err(MapProblems)` when it has errors.
/// The format is `from` when given, else the file's extension and, where that is ambiguous
/// (`.json`, or no extension), its content.
fn load(
    path: &Path,
    from: Option<&str>,
    progress: &Progress,
) -> Result<(Map, Vec<Diagnostic>, String), Failure> {
    let named = match from {
        Some(name) => Some(Format::from_name(name).ok_or_else(|| {
            Failure::Usage(format!(
                "unknown input format `{name}`; argumap reads {}",
                readable_names()
            ))
        })?),
        None => None,
    };
    if let Some(format) = named.filter(|f| !f.can_read()) {
        return Err(Failure::Usage(format!(
            "argumap writes {} but cannot read it; it reads {}",
            format.name(),
            readable_names()
        )));
    }
    let name = display_name(path);
    progress.stage(format!("reading {name}"));
    let src = read_input(path)?;
    let format = named.unwrap_or_else(|| Format::detect(path, &src));
    if !format.can_read() {
        return Err(Failure::Usage(format!(
            "argumap cannot read {} files; it reads {} (add --from when the extension misleads)",
            format.name(),
            readable_names()
        )));
    }
    progress.stage(format!("checking {name}"));
    let loaded = argumap::format::read_limited(&src, format, &name, &io::limits());
    progress.clear_if(loaded.as_ref().map_or(true, |l| !l.warnings.is_empty()));
    match loaded {
        Ok(loaded) => {
            report(&name, &src, &loaded.warnings);
            Ok((loaded.map, loaded.warnings, name))
        }
        Err(e) => {
            report(&name, &src, &e.diagnostics);
            if format != Format::Json && !e.diagnostics.iter().any(|d| d.span.is_some()) {
                ui::note(format!(
                    "{name}: read as {}; add --from with another format if that is wrong",
                    format.name()
                ));
            }
            eprintln!("{name}: {}", summary(&e.diagnostics));
            Err(Failure::MapProblems)
        }
    }
}

/// The formats argumap reads, for messages.
fn readable_names() -> String {
    let names: Vec<&str> = Format::ALL
        .iter()
        .filter(|f| f.can_read())
        .map(|f| f.name())
        .collect();
    names.join(", ")
}

/// Reads an ICCMA framework, reporting its problem at its place.
fn read_iccma(
    src: &str,
    dialect: argumap::format::iccma::Dialect,
    name: &str,
) -> Result<argumap::format::iccma::Named, Failure> {
    argumap::format::iccma::read_with(src, dialect, io::limits().max_elements).map_err(|d| {
        report(name, src, std::slice::from_ref(&d));
        Failure::MapProblems
    })
}

fn check(path: &Path, deny_warnings: bool, from: Option<&str>) -> Result<u8, Failure> {
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

fn convert(
    input: &Path,
    output: Option<&Path>,
    to: Option<&str>,
    from: Option<&str>,
    view: &ViewArgs,
    dot: &DotArgs,
) -> Result<u8, Failure> {
    let to_stdout = output.is_none_or(|o| o == Path::new("-"));
    let format = match to {
        Some(name) => Format::from_name(name).ok_or_else(|| {
            Failure::Usage(format!(
                "unknown output format `{name}`; use --to {}",
                format_names()
            ))
        })?,
        None if to_stdout => {
            return Err(Failure::Usage(format!(
                "which format should go to standard output? add --to with one of {}",
                format_names()
            )))
        }
        None => Format::from_path(output.expect("not stdout")).ok_or_else(|| {
            Failure::Usage(format!(
                "cannot tell the format of `{}` from its extension; name it .json, .dot, .graphml, .mmd or .cyjs, or add --to",
                display_name(output.expect("not stdout"))
            ))
        })?,
    };
    let progress = Progress::start("starting");
    let target = if to_stdout { None } else { output };
    let map = convert_one(input, target, format, from, view, dot, &progress)?;
    exit_without_freeing(map);
    Ok(OK)
}

/// Converts several maps into a folder, each to `FOLDER/STEM.EXT`; a map with problems is
/// reported and skipped, and the others are still converted (exit code 1 if any failed).
fn convert_into(
    inputs: &[PathBuf],
    folder: &Path,
    to: Option<&str>,
    from: Option<&str>,
    view: &ViewArgs,
    dot: &DotArgs,
) -> Result<u8, Failure> {
    let format = match to {
        Some(name) => Format::from_name(name).ok_or_else(|| {
            Failure::Usage(format!(
                "unknown output format `{name}`; use --to {}",
                format_names()
            ))
        })?,
        None => {
            return Err(Failure::Usage(format!(
                "which format should the maps in `{}` be? add --to with one of {}",
                display_name(folder),
                format_names()
            )))
        }
    };
    std::fs::create_dir_all(folder).map_err(|e| {
        Failure::Usage(format!(
            "cannot make the folder `{}`: {e}",
            display_name(folder)
        ))
    })?;
    let targets: Vec<PathBuf> = inputs
        .iter()
        .map(|input| {
            let mut file = input
                .file_stem()
                .map_or_else(|| "map".into(), |s| s.to_os_string());
            file.push(".");
            file.push(format.extension());
            folder.join(file)
        })
        .collect();
    if let Some(target) = inputs
        .iter()
        .zip(&targets)
        .find_map(|(i, t)| same_file(i, t).then_some(t))
    {
        return Err(Failure::Usage(format!(
            "`{}` would be written over its own input; choose another folder",
            display_name(target)
        )));
    }
    let progress = Progress::start("starting");
    // The maps are independent: each core takes the next one until none is left.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failed = std::sync::atomic::AtomicUsize::new(0);
    let stop = std::sync::Mutex::new(None);
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(inputs.len());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(input) = inputs.get(i) else { break };
                if stop.lock().is_ok_and(|s| s.is_some()) {
                    break;
                }
                match convert_one(input, Some(&targets[i]), format, from, view, dot, &progress) {
                    Ok(map) => drop(map),
                    Err(Failure::MapProblems) => {
                        failed.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    }
                    Err(e) => {
                        if let Ok(mut s) = stop.lock() {
                            s.get_or_insert(e);
                        }
                    }
                }
            });
        }
    });
    progress.clear();
    if let Some(e) = stop.into_inner().ok().flatten() {
        return Err(e);
    }
    let failed = failed.into_inner();
    ui::note(format!(
        "converted {} of {} maps into {}",
        inputs.len() - failed,
        inputs.len(),
        display_name(folder)
    ));
    Ok(if failed > 0 { MAP_PROBLEMS } else { OK })
}

/// Whether two paths name one file (an output that does not exist yet is no input).
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Reads one map, applies the view and writes it in `format`; returns the map.
fn convert_one(
    input: &Path,
    target: Option<&Path>,
    format: Format,
    from: Option<&str>,
    view: &ViewArgs,
    dot: &DotArgs,
    progress: &Progress,
) -> Result<Map, Failure> {
    let (map, _, name) = load(input, from, progress)?;
    let map = apply_view(map, view, &name)?;
    progress.stage(format!("writing {}", format.name()));
    use argumap::export::{cytoscape, dot as dot_export, graphml, mermaid};
    match format {
        Format::Json => write_with(target, |out| json::to_writer(&map, out))?,
        Format::Dot => {
            let options = dot.options(&map, &name);
            write_with(target, |out| dot_export::write(&map, &options, out))?
        }
        Format::GraphMl => write_with(target, |out| graphml::write(&map, out))?,
        Format::Apx | Format::Tgf | Format::I23 => {
            let t = argumap::analysis::semantics::from_map(&map);
            let legend: Vec<String> = t
                .ids
                .iter()
                .map(|id| match map.element(id) {
                    Some(argumap::model::Element::Claim(c)) => format!("{id}: {}", c.text),
                    Some(argumap::model::Element::Argument(a)) => {
                        let text = a.title.as_deref().or(a.text.as_deref()).unwrap_or("");
                        format!("{id}: {text}")
                    }
                    _ => id.to_string(),
                })
                .collect();
            let dialect = format.iccma().expect("an ICCMA format");
            let dropped = map
                .relations()
                .filter(|r| matches!(r.kind, RelationKind::Supports | RelationKind::Conclusion))
                .count();
            if dropped > 0 {
                ui::note(format!(
                    "{name}: {dropped} supports and conclusions have no place in {} (attacks only); premises became attacks on their arguments",
                    format.name()
                ));
            }
            write_with(target, |out| {
                argumap::format::iccma::write(&t.af, dialect, Some(&legend), out)
            })?
        }
        Format::Cytoscape => write_with(target, |out| cytoscape::write(&map, out))?,
        Format::Argdown => {
            write_with(target, |out| argumap::format::argdown::to_writer(&map, out))?
        }
        Format::Aif => write_with(target, |out| argumap::format::aif::to_writer(&map, out))?,
        Format::Kialo => {
            for lost in argumap::format::kialo::lost(&map) {
                ui::note(format!("{name}: {lost}"));
            }
            write_with(target, |out| argumap::format::kialo::to_writer(&map, out))?
        }
        Format::Mermaid => {
            let look = dot.options(&map, &name);
            let mut options = mermaid::MermaidOptions::default()
                .actors(look.actors)
                .groups(look.clusters == ClusterBy::Groups);
            if let Some(dir) = dot.rankdir {
                options = options.direction(dir);
            }
            if let Some(w) = dot.wrap {
                options = options.wrap(w);
            }
            write_with(target, |out| mermaid::write_with(&map, &options, out))?
        }
        _ => {
            return Err(Failure::Usage(format!(
                "argumap reads {} but cannot write it; write one of {}",
                format.name(),
                format_names()
            )))
        }
    }
    Ok(map)
}

/// The formats `convert` writes, for messages.
fn format_names() -> String {
    Format::ALL
        .iter()
        .filter(|f| f.can_write())
        .map(|f| f.name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The process ends next: freeing a big map piece by piece would only cost time (a tenth of
/// a large conversion), as the system takes the memory back at once.
fn exit_without_freeing(map: Map) {
    if !watch::watching() {
        std::mem::forget(map);
    }
}

fn render(
    input: &Path,
    output: &Path,
    to: Option<&str>,
    from: Option<&str>,
    view: &ViewArgs,
    dot: &DotArgs,
    options: &RenderOptions,
) -> Result<u8, Failure> {
    let names = || {
        Output::ALL
            .iter()
            .map(|o| o.name())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let kind = match to {
        Some(name) => Output::from_name(name).ok_or_else(|| {
            Failure::Usage(format!(
                "unknown picture format `{name}`; use one of {}",
                names()
            ))
        })?,
        None => Output::from_path(output).ok_or_else(|| {
            Failure::Usage(format!(
                "cannot tell the picture format of `{}` from its extension; name it .svg, .png, .pdf or .html, or add --to",
                display_name(output)
            ))
        })?,
    };
    let progress = Progress::start("starting");
    let (map, _, name) = load(input, from, &progress)?;
    let map = apply_view(map, view, &name)?;
    let options = RenderOptions {
        dot: dot.options(&map, &name),
        ..options.clone()
    };
    progress.stage(format!("laying out {name}"));
    let bytes = argumap::render::render(&map, kind, &options)
        .map_err(|e| Failure::Usage(format!("{name}: {e}")))?;
    progress.clear();
    let target = (output != Path::new("-")).then_some(output);
    write_output(target, &bytes)?;
    Ok(OK)
}

fn coach_report(path: &Path, as_json: bool, from: Option<&str>) -> Result<u8, Failure> {
    let progress = Progress::start("starting");
    let (map, _, _) = load(path, from, &progress)?;
    let r = argumap::analysis::report::report(&map);
    progress.clear();
    let text = if as_json {
        let mut t = serde_json::to_string_pretty(&r).expect("the report serializes");
        t.push('\n');
        t
    } else if ui::get().all {
        argumap::analysis::report::to_text_all(&map, &r)
    } else {
        argumap::analysis::report::to_text(&map, &r)
    };
    write_output(None, text.as_bytes())?;
    Ok(OK)
}

fn stats(path: &Path, as_json: bool, from: Option<&str>) -> Result<u8, Failure> {
    let progress = Progress::start("starting");
    let (map, _, name) = load(path, from, &progress)?;
    progress.stage(format!("counting {name}"));
    let s = argumap::analysis::stats(&map);
    progress.clear();
    let text = if as_json {
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

fn schema() -> Result<u8, Failure> {
    let mut text = serde_json::to_string_pretty(&json::schema()).expect("schema serializes");
    text.push('\n');
    write_output(None, text.as_bytes())?;
    Ok(OK)
}

/// `--shape`'s values, each with its line of help.
fn shape_parser() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(
        argumap::gen::Shape::ALL
            .map(|s| clap::builder::PossibleValue::new(s.name()).help(s.about())),
    )
}

fn gen(
    claims: usize,
    output: &Path,
    argdown: Option<&Path>,
    seed: u64,
    shape: &str,
) -> Result<u8, Failure> {
    let shape = argumap::gen::Shape::from_name(shape).expect("clap checked the name");
    let options = argumap::gen::GenOptions::new(claims)
        .seed(seed)
        .shape(shape);
    let map = argumap::gen::generate(&options);
    if let Some(path) = argdown {
        write_with(Some(path), |out| argumap::gen::write_argdown(&map, out))?;
    }
    let to = (output != Path::new("-")).then_some(output);
    write_with(to, |out| json::to_writer(&map, out))?;
    Ok(OK)
}
