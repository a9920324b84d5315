//! Our own map file (JSON, version 1) and the format dispatch: [`Format`] names every format
//! argumap reads or writes and tells them apart by name or file extension.

pub mod file;
pub mod iccma;
pub mod json;
pub mod microtexts;
pub mod sadface;
pub mod spanned;

use std::path::Path;

/// The formats argumap reads or writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// Our map file (`.json`).
    Json,
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
    pub const ALL: [Format; 8] = [
        Format::Json,
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
    /// [`name`](Format::name) or one of its other names (`gv`, `mmd`, `cyjs`).
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
            .or_else(|| {
                [
                    ("gv", Format::Dot),
                    ("mmd", Format::Mermaid),
                    ("cyjs", Format::Cytoscape),
                ]
                .into_iter()
                .find(|(other, _)| other.eq_ignore_ascii_case(name))
                .map(|(_, format)| format)
            })
    }

    /// The format a file's extension names, if any: `.json`, `.dot`, `.gv`, `.graphml`,
    /// `.mmd`, `.mermaid` or `.cyjs` (any name [`Format::from_name`] knows), in any case.
    pub fn from_path(path: &Path) -> Option<Format> {
        Format::from_name(path.extension()?.to_str()?)
    }

    /// Whether argumap can read maps in this format.
    pub fn can_read(self) -> bool {
        matches!(self, Format::Json | Format::Apx | Format::Tgf | Format::I23)
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
    }
}
