//! Kialo's plain-text export: a discussion title, then a numbered pro/con tree.
//!
//! ```text
//! Discussion Title: Should the city ban private cars from its centre?
//!
//! 1. The city should ban private cars from its centre.
//! 1.1. Pro: Car traffic is the main source of air pollution in the centre.
//! 1.1.1. Con: Most of the pollution comes from the ring road.
//! 1.2. Con: -> See 1.1.1.
//! ```
//!
//! Every numbered line becomes a claim (id `k1-1-1` for `1.1.1.`, the number kept in its
//! origin); `Pro:` supports the parent and `Con:` rebuts it. A `-> See 1.1.1.` line is not a
//! claim: it makes the claim it names also support or rebut the line's parent. Links are
//! resolved after every line is read, so they may point forward. Escapes (`\(`, `\[`, `\*`,
//! ...) are undone; Markdown links stay in the text and each distinct URL becomes a source.
//! The newer two-line layout (`1.1. Pro:` on one line, the text on the next, subtrees
//! indented, footnotes in a sources list at the end) is read too.
//!
//! Parsing goes line by line with no recursion, so any depth of nesting is safe.
//!
//! [`to_writer`] and [`to_string`] write a map back in the classic layout; [`lost`] says
//! what such a file cannot hold (undercuts, arguments, actors, ...).
//!
//! The reader (`read.rs`), the text escapes both ways (`text.rs`) and the writer
//! (`write.rs`) each have a file; this one sniffs and dispatches.

mod read;
mod text;
mod write;

use crate::format::json::{LoadError, Loaded};

use read::numbered;
pub use write::{lost, to_string, to_writer};

/// The format's name in origins (`meta.origin.format`).
pub const FORMAT: &str = "kialo";

/// More problems than this are counted, not listed: a file that is not Kialo at all would
/// otherwise give one per line.
const MAX_DIAGNOSTICS: usize = 100;

const HEADERS: [&str; 2] = ["Discussion Title:", "Discussion Name:"];

/// Whether a text is very likely a Kialo export: it starts with a `Discussion Title:` (or
/// `Discussion Name:`) line, or with a `1.` thesis followed by a `Pro:`/`Con:` line or a
/// newer-layout `1. Thesis:` line. Looks at the first kilobyte only.
pub fn sniff(src: &str) -> bool {
    let mut end = src.len().min(1024);
    while !src.is_char_boundary(end) {
        end -= 1;
    }
    let head = src[..end].strip_prefix('\u{feff}').unwrap_or(&src[..end]);
    let mut lines = head.lines().map(str::trim).filter(|l| !l.is_empty());
    let Some(first) = lines.next() else {
        return false;
    };
    if HEADERS.iter().any(|h| first.starts_with(h)) {
        return true;
    }
    if first.starts_with("1. Thesis:") {
        return true;
    }
    first.starts_with("1. ")
        && lines.any(|l| {
            numbered(l).is_some_and(|n| {
                n.components.len() > 1
                    && (l[n.end..].starts_with(" Pro:") || l[n.end..].starts_with(" Con:"))
            })
        })
}

/// Reads a Kialo export into a map.
///
/// The map's title is the discussion title. Each claim's id is `k` and its number's parts
/// joined by `-` (`1.2.3.` gives `k1-2-3`; a number too long for an id gives `k-line-N`, N
/// its line), and its origin is `{format: "kialo", id: "1.2.3."}`.
///
/// # Errors
///
/// A [`LoadError`] listing every problem, each at its line and column with a hint: a line
/// that is neither a claim nor part of one, a number whose parent is missing, a number out of
/// order or given twice, a claim with no `Pro:`/`Con:` or no text, a `-> See` link to a
/// number no claim has, claims under a link line. Oddities that leave the meaning clear (a
/// missing title, a gap in the numbering, a stance on a thesis, a link that repeats a
/// relation) are warnings in [`Loaded::warnings`].
pub fn from_str(src: &str) -> Result<Loaded, LoadError> {
    read::read(src)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_exports_only() {
        assert!(sniff("Discussion Title: Q\n\n1. T"));
        assert!(sniff("\u{feff}Discussion Name: Q\n\n1. T"));
        assert!(sniff("1. T\n1.1. Pro: P"));
        assert!(sniff("1. Thesis:\n  T"));
        assert!(!sniff("1. Buy milk\n2. Buy bread"));
        assert!(!sniff("{\"argumap\": 1}"));
        assert!(!sniff(""));
    }
}
