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
    /// The map to read (`-` reads standard input); several maps, or a folder of them, are
    /// drawn one by one into the folder `-o` names.
    #[arg(required = true, num_args = 1..)]
    input: Vec<PathBuf>,
    /// Where to write (`-` or nothing writes standard output, with --to), or with several
    /// inputs the folder to write them into, each named after its input. Written
    /// atomically: on failure an existing file is left as it was.
    #[arg(short, long)]
    output: Option<PathBuf>,
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
    // `render map.json map.png`: the picture was meant as the output.
    if let [_, .., last] = input.as_slice() {
        if Output::from_path(last).is_some() && output.is_none() {
            return Err(Failure::Usage(format!(
                "`{}` looks like a picture to write, not a map to read: did you mean `-o {}`?",
                display_name(last),
                last.display()
            )));
        }
    }
    let several = input.len() > 1 || input.iter().any(|i| i.is_dir());
    let inputs = super::convert::maps_in(input)?;
    if several {
        let Some(folder) = output.as_deref() else {
            return Err(Failure::Usage(
                "several maps are drawn into a folder: add -o FOLDER and --to FORMAT".into(),
            ));
        };
        let Some(kind) = *to else {
            return Err(Failure::Usage(
                "which picture format should the maps be drawn in? add --to svg, png, pdf or html"
                    .into(),
            ));
        };
        std::fs::create_dir_all(folder).map_err(|e| {
            Failure::Usage(format!(
                "cannot make the folder `{}`: {}",
                display_name(folder),
                super::io::reason(&e)
            ))
        })?;
        let mut code = OK;
        for input in &inputs {
            let stem = input.file_stem().unwrap_or(input.as_os_str());
            let target = folder.join(stem).with_extension(kind.name());
            code = code.max(finish(render(
                input,
                Some(&target),
                Some(kind),
                *from,
                view,
                dot,
                &options,
            )));
        }
        return Ok(code);
    }
    let input = &inputs[0];
    let output = output.as_deref();
    let once = || render(input, output, *to, *from, view, dot, &options);
    if *watch {
        watch::watch(input, || finish(once()))
    } else {
        once()
    }
}

fn render(
    input: &Path,
    output: Option<&Path>,
    to: Option<Output>,
    from: Option<Format>,
    view: &ViewArgs,
    dot: &DotArgs,
    options: &RenderOptions,
) -> Result<u8, Failure> {
    let target = output.filter(|o| *o != Path::new("-"));
    let kind = match (to, target) {
        (Some(kind), _) => kind,
        (None, None) => {
            return Err(Failure::Usage(
                "which picture format should go to standard output? add --to svg, png, pdf or html"
                    .into(),
            ))
        }
        (None, Some(target)) => Output::from_path(target).ok_or_else(|| {
            Failure::Usage(format!(
                "cannot tell the picture format of `{}` from its extension; name it .svg, .png, .pdf or .html, or add --to",
                display_name(target)
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
    write_output(target, &bytes)?;
    if let Some(target) = target {
        let size = picture_size(kind, &bytes)
            .map(|s| format!("{s}, "))
            .unwrap_or_default();
        ui::note(format!(
            "wrote {} ({size}{})",
            display_name(target),
            engine_used(options.engine)
        ));
    }
    Ok(OK)
}

/// The engine that drew the picture, as `render` chooses it.
fn engine_used(engine: Engine) -> &'static str {
    match engine {
        Engine::Builtin => "built-in engine",
        Engine::Graphviz => "Graphviz",
        _ if argumap::render::graphviz::find().is_some() => "Graphviz",
        _ if ui::get().verbose => "built-in engine: Graphviz's `dot` is not on the PATH",
        _ => "built-in engine",
    }
}

/// A picture's size as its file gives it: pixels of a PNG, the width and height of an SVG
/// in its own unit. None for PDF and HTML.
fn picture_size(kind: Output, bytes: &[u8]) -> Option<String> {
    match kind {
        Output::Png => {
            // The IHDR chunk: width and height, big-endian, after the signature and the
            // chunk's length and type.
            let number = |at: usize| -> Option<u32> {
                Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
            };
            Some(format!("{} × {} px", number(16)?, number(20)?))
        }
        Output::Svg => {
            let text = std::str::from_utf8(bytes.get(..bytes.len().min(4096))?).ok()?;
            let tag = &text[text.find("<svg")?..];
            let tag = &tag[..tag.find('>')?];
            let attribute = |name: &str| -> Option<&str> {
                let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
                Some(&tag[at..at + tag[at..].find('"')?])
            };
            Some(format!(
                "{} × {}",
                attribute("width")?,
                attribute("height")?
            ))
        }
        _ => None,
    }
}
