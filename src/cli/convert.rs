//! `argumap convert`: any format argumap reads to any it writes, one map or a folder of
//! them.

use std::path::{Path, PathBuf};

use argumap::format::Format;
use argumap::model::Map;

use super::choice;
use super::io::{display_name, write_with, Failure};
use super::load::{exit_without_freeing, load};
use super::look::DotArgs;
use super::progress::Progress;
use super::view::{apply_view, ViewArgs};
use super::{ui, MAP_PROBLEMS, OK};

// The subcommand's help is on its variant of `Command`.
#[derive(clap::Args)]
pub(super) struct ConvertArgs {
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
    #[arg(long, value_name = "FORMAT", value_parser = choice::output_format())]
    to: Option<Format>,
    /// The input format, when the extension and content do not say it: json, argdown,
    /// aif (AIF or xAIF), kialo, sadface, microtexts, apx, tgf or i23.
    #[arg(long, value_name = "FORMAT", value_parser = choice::input_format())]
    from: Option<Format>,
    #[command(flatten)]
    view: ViewArgs,
    #[command(flatten)]
    dot: DotArgs,
}

pub(super) fn run(args: &ConvertArgs) -> Result<u8, Failure> {
    let ConvertArgs {
        input,
        output,
        to,
        from,
        view,
        dot,
    } = args;
    let several = input.len() > 1 || input.iter().any(|i| i.is_dir());
    let input = &maps_in(input)?;
    let folder = output.as_deref().filter(|o| several || o.is_dir());
    match folder {
        Some(folder) => convert_into(input, folder, *to, *from, view, dot),
        None if several => Err(Failure::Usage(
            "several maps are converted into a folder: add -o FOLDER and --to FORMAT".into(),
        )),
        None => convert(&input[0], output.as_deref(), *to, *from, view, dot),
    }
}

/// The inputs, each folder replaced by the maps in it: its files whose extension names a
/// format argumap reads, by name.
pub(super) fn maps_in(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let mut out = Vec::new();
    for input in inputs {
        if !input.is_dir() {
            out.push(input.clone());
            continue;
        }
        let name = display_name(input);
        let entries = std::fs::read_dir(input).map_err(|e| {
            Failure::Usage(format!(
                "cannot read the folder `{name}`: {}",
                super::io::reason(&e)
            ))
        })?;
        let mut maps: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && Format::from_path(p).is_some_and(Format::can_read))
            .collect();
        if maps.is_empty() {
            return Err(Failure::Usage(format!(
                "the folder `{name}` holds no map argumap reads (.json, .argdown, .ad, .txt, .xml, .apx, .tgf or .i23 files)"
            )));
        }
        maps.sort();
        out.extend(maps);
    }
    Ok(out)
}

fn convert(
    input: &Path,
    output: Option<&Path>,
    to: Option<Format>,
    from: Option<Format>,
    view: &ViewArgs,
    dot: &DotArgs,
) -> Result<u8, Failure> {
    let to_stdout = output.is_none_or(|o| o == Path::new("-"));
    let format = match to {
        Some(format) => format,
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
    to: Option<Format>,
    from: Option<Format>,
    view: &ViewArgs,
    dot: &DotArgs,
) -> Result<u8, Failure> {
    let format = match to {
        Some(format) => format,
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
    from: Option<Format>,
    view: &ViewArgs,
    dot: &DotArgs,
    progress: &Progress,
) -> Result<Map, Failure> {
    let (map, _, name) = load(input, from, progress)?;
    let map = apply_view(map, view, &name)?;
    progress.stage(format!("writing {}", format.name()));
    if !format.can_write() {
        return Err(Failure::Usage(format!(
            "argumap reads {} but cannot write it; write one of {}",
            format.name(),
            format_names()
        )));
    }
    let mut notes = Vec::new();
    write_with(target, |out| {
        notes = argumap::surface::write(&map, format, &dot.look(), out)?;
        Ok(())
    })?;
    for note in notes {
        ui::note(format!("{name}: {note}"));
    }
    Ok(map)
}

/// The formats `convert` writes, for messages.
fn format_names() -> String {
    argumap::surface::writable_names()
}
