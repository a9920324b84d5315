//! `argumap render`: draw a map as SVG, PNG, PDF or an interactive HTML page, with Graphviz
//! or the built-in engine.

use std::path::{Path, PathBuf};

use argumap::format::Format;
use argumap::render::{Engine, Output, RenderOptions};

use super::choice;
use super::io::{display_name, write_output, Failure};
use super::load::load;
use super::look::DotArgs;
use super::progress::Progress;
use super::view::{apply_view, ViewArgs};
use super::{finish, ui, watch, OK};

// The subcommand's help is on its variant of `Command`.
#[derive(clap::Args)]
pub(super) struct RenderArgs {
    /// The map to read (`-` reads standard input).
    input: PathBuf,
    /// Where to write. Written atomically: on failure an existing file is left as it was.
    #[arg(short, long)]
    output: PathBuf,
    /// The output format, when the output's extension does not say it: svg, png, pdf or
    /// html.
    #[arg(long, value_name = "FORMAT", value_parser = choice::picture())]
    to: Option<Output>,
    /// The input format, when the extension and content do not say it: json, argdown,
    /// aif (AIF or xAIF), kialo, sadface, microtexts, apx, tgf or i23.
    #[arg(long, value_name = "FORMAT", value_parser = choice::input_format())]
    from: Option<Format>,
    /// The layout engine: auto (Graphviz when `dot` is on the PATH), graphviz, or builtin.
    #[arg(long, value_name = "ENGINE", default_value = "auto", value_parser = choice::named::<Engine>())]
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
}

pub(super) fn run(args: &RenderArgs) -> Result<u8, Failure> {
    let RenderArgs {
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
    } = args;
    let options = RenderOptions {
        engine: *engine,
        timeout: std::time::Duration::from_secs(*timeout),
        dpi: *dpi,
        max_layout: *max_layout,
        ..RenderOptions::default()
    };
    let once = || render(input, output, *to, *from, view, dot, &options);
    if *watch {
        watch::watch(input, || {
            let code = finish(once());
            if code == OK {
                ui::note(format!("wrote {}", display_name(output)));
            }
            code
        })
    } else {
        once()
    }
}

fn render(
    input: &Path,
    output: &Path,
    to: Option<Output>,
    from: Option<Format>,
    view: &ViewArgs,
    dot: &DotArgs,
    options: &RenderOptions,
) -> Result<u8, Failure> {
    let kind = match to {
        Some(kind) => kind,
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
