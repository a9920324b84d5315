//! Every format argumap reads and writes, and the dispatch between them: [`Format`] names
//! each, tells them apart by name, file extension or content, and [`read`] loads a map from
//! any of them.
//!
//! Each format has one module with the same functions: `from_str` (text to a [`Loaded`] map
//! with its warnings, or a [`LoadError`] listing every problem with its place), `sniff` (does
//! a text look like this format?), and for formats argumap writes, `to_writer` and
//! `to_string`.

pub mod aif;
pub mod argdown;
pub(crate) mod file;
pub mod iccma;
mod import;
pub mod json;
pub mod kialo;
pub mod limits;
pub mod locate;
pub mod microtexts;
pub mod sadface;
pub(crate) mod spanned;

use std::path::Path;

pub use json::{LoadError, Loaded};
pub use limits::Limits;
pub use locate::{Occurrence, Role, SourceIndex};

/// The formats argumap reads or writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// Our map file (`.json`).
    Json,
    /// Argdown text (`.argdown`, `.ad`), read and written by [`argdown`].
    Argdown,
    /// AIF as AIFdb exports it, or xAIF as OVA3 saves it (`.json`; `aif`, `xaif`), read and
    /// written by [`aif`].
    Aif,
    /// Kialo's plain-text export (`.txt`), read and written by [`kialo`].
    Kialo,
    /// SADFace JSON (`.json`), read by [`sadface`].
    Sadface,
    /// Argument microtexts, `arggraph` XML (`.xml`), read by [`microtexts`].
    Microtexts,
    /// Graphviz DOT (`.dot`, `.gv`); written only, by [`crate::export::dot`].
    Dot,
    /// GraphML for yEd, Gephi and networkx (`.graphml`); written only, by
    /// [`crate::export::graphml`].
    GraphMl,
    /// A Mermaid flowchart for Markdown (`.mmd`, `.mermaid`); written only, by
    /// [`crate::export::mermaid`].
    Mermaid,
    /// Cytoscape.js JSON (`.cyjs`; the name `cyjs` is accepted too); written only, by
    /// [`crate::export::cytoscape`].
    Cytoscape,
    /// ICCMA apx (ASPARTIX facts): arguments and attacks only.
    Apx,
    /// ICCMA tgf (Trivial Graph Format): arguments and attacks only.
    Tgf,
    /// ICCMA 2023 numeric format: arguments and attacks only.
    I23,
}

impl Format {
    /// Every format, for messages.
    pub const ALL: [Format; 13] = [
        Format::Json,
        Format::Argdown,
        Format::Aif,
        Format::Kialo,
        Format::Sadface,
        Format::Microtexts,
        Format::Dot,
        Format::GraphMl,
        Format::Mermaid,
        Format::Cytoscape,
        Format::Apx,
        Format::Tgf,
        Format::I23,
    ];

    /// The format's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Argdown => "argdown",
            Format::Aif => "aif",
            Format::Kialo => "kialo",
            Format::Sadface => "sadface",
            Format::Microtexts => "microtexts",
            Format::Dot => "dot",
            Format::GraphMl => "graphml",
            Format::Mermaid => "mermaid",
            Format::Cytoscape => "cytoscape",
            Format::Apx => "apx",
            Format::Tgf => "tgf",
            Format::I23 => "i23",
        }
    }

    /// The format a name on the command line means, in any case: a format's
    /// [`name`](Format::name) or one of its other names (`ad`, `xaif`, `xml`, `gv`, `mmd`,
    /// `cyjs`).
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
            .or_else(|| {
                [
                    ("ad", Format::Argdown),
                    ("xaif", Format::Aif),
                    ("xml", Format::Microtexts),
                    ("gv", Format::Dot),
                    ("mmd", Format::Mermaid),
                    ("cyjs", Format::Cytoscape),
                ]
                .into_iter()
                .find(|(other, _)| other.eq_ignore_ascii_case(name))
                .map(|(_, format)| format)
            })
    }

    /// The format a file's extension names, if any, in any case: `.json` (our map file:
    /// see [`Format::detect`] for AIF and SADFace, which are `.json` too), `.argdown`,
    /// `.ad`, `.txt` (Kialo), `.xml` (microtexts), `.dot`, `.gv`, `.graphml`, `.mmd`,
    /// `.mermaid`, `.cyjs`, `.apx`, `.tgf`, `.i23`.
    pub fn from_path(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?;
        if extension.eq_ignore_ascii_case("txt") {
            return Some(Format::Kialo);
        }
        Format::from_name(extension)
    }

    /// The format of a file to read, from its extension and, where the extension is
    /// ambiguous or missing, its content: a `.json` file is AIF, xAIF or SADFace when it
    /// looks like one ([`aif::sniff`], [`sadface::sniff`]), and our map file otherwise; a
    /// file without a known extension (or standard input) is whichever format its content
    /// looks like, and our map file when none fits.
    pub fn detect(path: &Path, src: &str) -> Format {
        // SADFace first: it has `nodes` and `edges` as AIF does, and its sniffer rules AIF's
        // marks out.
        let json_kind = || {
            if sadface::sniff(src) {
                Format::Sadface
            } else if aif::sniff(src) {
                Format::Aif
            } else {
                Format::Json
            }
        };
        match Format::from_path(path) {
            Some(Format::Json) => json_kind(),
            Some(format) if format.can_read() => format,
            _ => {
                let text = src.trim_start_matches('\u{feff}').trim_start();
                if text.starts_with('{') {
                    json_kind()
                } else if microtexts::sniff(src) {
                    Format::Microtexts
                } else if kialo::sniff(src) {
                    Format::Kialo
                } else if argdown::sniff(src) {
                    Format::Argdown
                } else {
                    Format::Json
                }
            }
        }
    }

    /// The usual file extension of the format, without the dot (`json` for AIF too).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json | Format::Aif | Format::Sadface => "json",
            Format::Cytoscape => "cyjs",
            Format::Argdown => "argdown",
            Format::Kialo => "txt",
            Format::Microtexts => "xml",
            Format::Dot => "dot",
            Format::GraphMl => "graphml",
            Format::Mermaid => "mmd",
            Format::Apx => "apx",
            Format::Tgf => "tgf",
            Format::I23 => "i23",
        }
    }

    /// Whether argumap can read maps in this format.
    pub fn can_read(self) -> bool {
        matches!(
            self,
            Format::Json
                | Format::Argdown
                | Format::Aif
                | Format::Kialo
                | Format::Sadface
                | Format::Microtexts
                | Format::Apx
                | Format::Tgf
                | Format::I23
        )
    }

    /// Whether argumap can write maps in this format.
    pub fn can_write(self) -> bool {
        !matches!(self, Format::Sadface | Format::Microtexts)
    }

    /// The ICCMA dialect, for the abstract-framework formats.
    pub fn iccma(self) -> Option<iccma::Dialect> {
        match self {
            Format::Apx => Some(iccma::Dialect::Apx),
            Format::Tgf => Some(iccma::Dialect::Tgf),
            Format::I23 => Some(iccma::Dialect::I23),
            _ => None,
        }
    }
}

/// [`read`] within [`Limits`]: the text's size and nesting are checked before it is parsed,
/// and the map's size and text lengths after.
///
/// # Errors
///
/// A [`LoadError`] naming the limit that was passed and the flag that raises it, or the
/// format's own errors.
pub fn read_limited(
    src: &str,
    format: Format,
    name: &str,
    limits: &Limits,
) -> Result<Loaded, LoadError> {
    limits::check_text(src, format, limits)?;
    let loaded = read_within(src, format, name, limits.max_elements)?;
    limits::check_map(src, &loaded.map, limits)?;
    Ok(loaded)
}

/// Reads a map in any format argumap reads; `name` titles maps from formats that have no
/// title (the ICCMA frameworks). Maps from other tools get the warnings of
/// [`crate::analysis::lint`] after the format's own, as our map file does.
///
/// # Errors
///
/// The format's [`LoadError`]: every problem found, each with its place in `src` and a hint.
/// A format argumap only writes (DOT, GraphML, Mermaid, Cytoscape) is an error too.
pub fn read(src: &str, format: Format, name: &str) -> Result<Loaded, LoadError> {
    read_within(src, format, name, iccma::MAX_ARGUMENTS)
}

/// [`read`], with at most `max_arguments` declared by an i23 header.
fn read_within(
    src: &str,
    format: Format,
    name: &str,
    max_arguments: usize,
) -> Result<Loaded, LoadError> {
    if let Some(dialect) = format.iccma() {
        return match iccma::read_with(src, dialect, max_arguments) {
            Ok(named) => {
                let map = iccma::to_map(&named, name);
                let selfish = map
                    .claims()
                    .filter(|c| {
                        c.meta
                            .ext()
                            .is_some_and(|e| e.contains_key(iccma::SELF_ATTACK))
                    })
                    .count();
                let warnings = (selfish > 0)
                    .then(|| {
                        crate::diagnostic::Diagnostic::warning(
                            src,
                            None,
                            format!(
                                "{selfish} argument(s) attack themselves; a map has no claim rebutting itself, so the map marks them (ext.{}) instead of drawing the attack",
                                iccma::SELF_ATTACK
                            ),
                        )
                        .with_hint("`argumap eval` reads the framework itself and keeps these attacks")
                    })
                    .into_iter()
                    .collect();
                Ok(Loaded { map, warnings })
            }
            Err(d) => Err(LoadError {
                diagnostics: vec![d],
            }),
        };
    }
    let mut names = None;
    let foreign = match format {
        Format::Json => return json::from_str(src),
        Format::Argdown => argdown::read_named(src).map(|(loaded, named)| {
            names = Some(named);
            loaded
        }),
        Format::Aif => aif::from_str(src),
        Format::Kialo => kialo::from_str(src),
        Format::Sadface => sadface::from_str(src),
        Format::Microtexts => microtexts::from_str(src),
        other => Err(LoadError {
            diagnostics: vec![crate::diagnostic::Diagnostic::unplaced(
                crate::diagnostic::Severity::Error,
                crate::diagnostic::Code::WrongValue,
                format!("argumap writes {} but cannot read it", other.name()),
            )
            .with_hint(
                "read a map file, Argdown, AIF, Kialo, SADFace, microtexts or an ICCMA framework",
            )],
        }),
    };
    // The same loose ends our own map file is checked for, after the format's own warnings,
    // with hints in the format's own terms; where the reader knows how the file names each
    // element (Argdown), in those names and at their places (a finding about the whole map
    // at the file's start).
    foreign.map(|mut loaded| {
        settle_title(&mut loaded, src);
        let lines = crate::diagnostic::LineIndex::new(src);
        for lint in crate::analysis::lint(&loaded.map) {
            let (message, span) = match &names {
                Some(names) => (
                    names.rename(&lint.message),
                    Some(
                        lint.subject
                            .as_ref()
                            .and_then(|id| names.span(id))
                            .unwrap_or_default(),
                    ),
                ),
                None => (lint.message, None),
            };
            let mut d = crate::diagnostic::Diagnostic::indexed(
                crate::diagnostic::Severity::Warning,
                src,
                &lines,
                span,
                message,
            )
            .with_code(lint.code);
            d.hint = lint.hint.map(|hint| hint_for(format, hint));
            loaded.warnings.push(d);
        }
        loaded
    })
}

/// Names an untitled map, with a warning, so that every map an importer gives saves and loads
/// again (its dates are [`crate::model::Date`]s already). Importers call it on what they read.
pub(crate) fn settle_title(loaded: &mut Loaded, src: &str) {
    if loaded.map.title.trim().is_empty() {
        loaded.map.title = "Untitled map".into();
        loaded.warnings.push(
            crate::diagnostic::Diagnostic::warning(src, None, "the map has no title")
                .with_code(crate::diagnostic::Code::Style)
                .with_hint(
                    "give it one in the format's own way, or in the map file after converting",
                ),
        );
    }
}

/// A lint's hint, which names fields of our map file, in the terms of another format.
fn hint_for(format: Format, hint: String) -> String {
    let said = |field: &str| hint.starts_with(&format!("add \"{field}\""));
    match format {
        Format::Argdown if said("by") => {
            "add {actor: \"Name\"} after its text, so the map shows who said what".into()
        }
        Format::Argdown if said("source") => {
            "add {source: \"Title of the document\"} after its text".into()
        }
        Format::Argdown if said("conclusion") => {
            "end its premise-conclusion structure with ---- and the conclusion, (n) text".into()
        }
        Format::Aif if said("by") => {
            "link a speaker's L-node to it through an Asserting YA-node".into()
        }
        _ => hint,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_extensions_find_their_format() {
        for format in Format::ALL {
            assert_eq!(Format::from_name(format.name()), Some(format));
            assert_eq!(
                Format::from_name(&format.name().to_uppercase()),
                Some(format)
            );
        }
        assert_eq!(Format::from_name("gv"), Some(Format::Dot));
        assert_eq!(Format::from_name("mmd"), Some(Format::Mermaid));
        assert_eq!(Format::from_name("cyjs"), Some(Format::Cytoscape));
        assert_eq!(Format::from_name("svg"), None);
        for (path, format) in [
            ("a.json", Some(Format::Json)),
            ("a.dot", Some(Format::Dot)),
            ("a.gv", Some(Format::Dot)),
            ("a.graphml", Some(Format::GraphMl)),
            ("a.GraphML", Some(Format::GraphMl)),
            ("docs/a.mmd", Some(Format::Mermaid)),
            ("a.mermaid", Some(Format::Mermaid)),
            ("a.cyjs", Some(Format::Cytoscape)),
            ("a", None),
        ] {
            assert_eq!(Format::from_path(Path::new(path)), format, "{path}");
        }
        assert!(!Format::GraphMl.can_read());
        assert_eq!(Format::from_name("xaif"), Some(Format::Aif));
        assert_eq!(Format::from_name("AD"), Some(Format::Argdown));
        assert_eq!(
            Format::from_path(Path::new("debate.txt")),
            Some(Format::Kialo)
        );
        assert_eq!(
            Format::from_path(Path::new("debate.argdown")),
            Some(Format::Argdown)
        );
    }
}
