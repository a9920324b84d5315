//! Our own map file (JSON, version 1) and the format dispatch.

pub mod file;
pub mod json;
pub mod spanned;

use std::path::Path;

/// The formats argumap reads or writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// Our map file (`.json`).
    Json,
    /// Graphviz DOT (`.dot`, `.gv`); written only.
    Dot,
}

impl Format {
    /// Every format, for messages.
    pub const ALL: [Format; 2] = [Format::Json, Format::Dot];

    /// The format's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Dot => "dot",
        }
    }

    /// The format a name on the command line means.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
            .or_else(|| name.eq_ignore_ascii_case("gv").then_some(Format::Dot))
    }

    /// The format a file's extension names, if any.
    pub fn from_path(path: &Path) -> Option<Format> {
        Format::from_name(path.extension()?.to_str()?)
    }

    /// Whether argumap can read maps in this format.
    pub fn can_read(self) -> bool {
        matches!(self, Format::Json)
    }
}
