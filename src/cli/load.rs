//! Reading a map for a command, and telling what is wrong with it: every command that takes
//! a map loads it here, so the diagnostics, their summary and the limits are the same for all.

use std::path::Path;

use argumap::diagnostic::{Diagnostic, Severity};
use argumap::format::Format;
use argumap::model::Map;

use super::io::{self, display_name, read_input, Failure};
use super::progress::Progress;
use super::{ui, watch};

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
pub(super) fn report(name: &str, src: &str, diagnostics: &[Diagnostic]) {
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
pub(super) fn counted(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

pub(super) fn summary(diagnostics: &[Diagnostic]) -> String {
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
pub(super) fn load(
    path: &Path,
    from: Option<Format>,
    progress: &Progress,
) -> Result<(Map, Vec<Diagnostic>, String), Failure> {
    if let Some(format) = from.filter(|f| !f.can_read()) {
        return Err(Failure::Usage(format!(
            "argumap writes {} but cannot read it; it reads {}",
            format.name(),
            readable_names()
        )));
    }
    let name = display_name(path);
    if from.is_none() {
        refuse_written_only(path, &name)?;
    }
    progress.stage(format!("reading {name}"));
    let src = read_input(path)?;
    let format = from.unwrap_or_else(|| Format::detect(path, &src));
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
/// Refuses, before reading it, a file whose extension names something argumap only writes: a
/// graph format (`convert` made it) or a picture (`render` made it).
fn refuse_written_only(path: &Path, name: &str) -> Result<(), Failure> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    let written = match Format::from_path(path) {
        Some(format) if !format.can_read() => format.name().to_owned(),
        _ if ["svg", "png", "pdf", "html", "htm"]
            .iter()
            .any(|p| extension.eq_ignore_ascii_case(p)) =>
        {
            format!("a picture ({})", extension.to_ascii_lowercase())
        }
        _ => return Ok(()),
    };
    Err(Failure::Usage(format!(
        "`{name}` is {written}, which argumap writes but never reads; give it the map it was made from ({}), or add --from if the extension misleads",
        readable_names()
    )))
}

fn readable_names() -> String {
    argumap::surface::readable_names()
}

/// Reads an ICCMA framework, reporting its problem at its place.
pub(super) fn read_iccma(
    src: &str,
    dialect: argumap::format::iccma::Dialect,
    name: &str,
) -> Result<argumap::format::iccma::Named, Failure> {
    argumap::format::iccma::read_with(src, dialect, io::limits().max_elements).map_err(|d| {
        report(name, src, std::slice::from_ref(&d));
        Failure::MapProblems
    })
}

/// The process ends next: freeing a big map piece by piece would only cost time (a tenth of
/// a large conversion), as the system takes the memory back at once.
pub(super) fn exit_without_freeing(map: Map) {
    if !watch::watching() {
        std::mem::forget(map);
    }
}
