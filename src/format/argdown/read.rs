//! Reads Argdown text into a [`Map`]: the blocks of the document (headings, statements,
//! arguments, premise-conclusion structures, lists) with their relation trees, then the
//! model: one claim per statement class, arguments with premise and conclusion links,
//! relations, actors from inline data, groups from headings.
//!
//! The parser (`read/parse.rs`, with `parse/trees.rs` for relation trees, premise-conclusion
//! structures and lists) turns the text into the document below ([`Doc`]), reporting every
//! error of the file at once; the builder (`read/build.rs`, with `build/front.rs` for the
//! front matter's lists) turns the document into a map, and records how the file names each
//! element (`[Title]`), for messages in the writer's own terms. Both see the document's types
//! here.

mod build;
mod parse;

use std::collections::HashMap;

use serde_json::{Map as JsonMap, Value};

use crate::diagnostic::{Diagnostic, Span};
use crate::format::import::Names;
use crate::format::json::{LoadError, Loaded};
use crate::model::StanceKind;

/// Reads an Argdown document.
///
/// # Errors
///
/// A [`LoadError`] when the text is not valid Argdown: a relation that is not indented under
/// a statement, a relation after an empty line, a premise-conclusion structure without an
/// inference line or a conclusion, an unclosed title, text after a reference. Each error
/// names its line and column and says how to fix it.
pub fn from_str(src: &str) -> Result<Loaded, LoadError> {
    read_named(src).map(|(loaded, _)| loaded)
}

/// [`from_str`], with how the file names each element and where: for messages about the
/// map's elements in the writer's own terms (`[Poor vote less]`), at their place.
pub(crate) fn read_named(src: &str) -> Result<(Loaded, Names), LoadError> {
    let (doc, warnings) = parse::parse(src)?;
    let (mut loaded, names) = build::build(src, doc, warnings);
    super::super::settle_title(&mut loaded, src);
    Ok((loaded, names))
}

/// More warnings than this are not listed (each one costs a pass over the text to find its
/// line, and a coach reads the first few).
const MAX_WARNINGS: usize = 100;

/// Adds a warning, or past [`MAX_WARNINGS`] one that says more follow, then nothing.
fn push_warning(
    src: &str,
    warnings: &mut Vec<Diagnostic>,
    span: Span,
    message: impl Into<String>,
    hint: impl Into<String>,
) {
    match warnings.len().cmp(&MAX_WARNINGS) {
        std::cmp::Ordering::Less => {
            warnings.push(Diagnostic::warning(src, Some(span), message).with_hint(hint));
        }
        std::cmp::Ordering::Equal => warnings.push(
            Diagnostic::warning(
                src,
                Some(span),
                "more warnings follow; only the first ones are listed",
            )
            .with_hint("fix the warnings above and read the file again"),
        ),
        std::cmp::Ordering::Greater => {}
    }
}

/// Whether the text is very likely Argdown: front matter between `===` lines, or a line
/// that starts with a statement or argument title (`[T]:`, `<A>:`), a relation symbol under
/// an indented line, or a `(1)` premise followed later by `----`.
pub fn sniff(src: &str) -> bool {
    let head: String = src
        .trim_start_matches('\u{feff}')
        .chars()
        .take(1024)
        .collect();
    let trimmed = head.trim_start();
    if trimmed.starts_with('{') {
        return false;
    }
    if trimmed.starts_with("===") {
        return true;
    }
    let titled = |l: &str| {
        let l = l.trim_start();
        (l.starts_with('[') && l.contains("]:")) || (l.starts_with('<') && l.contains(">:"))
    };
    let relation = |l: &str| {
        let body = l.trim_start();
        l.len() > body.len()
            && ["+ ", "- ", "+> ", "-> ", "<+ ", "<- ", ">< ", "_> ", "<_ "]
                .iter()
                .any(|s| body.starts_with(s))
            && (body.contains('[') || body.contains('<'))
    };
    let pcs = head.lines().any(|l| l.trim_start().starts_with("(1)"))
        && head.lines().any(|l| l.trim_start().starts_with("--"));
    head.lines().any(|l| titled(l) || relation(l)) || pcs
}

// ---- the document as Argdown sees it ---------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Node {
    Statement(usize),
    Argument(usize),
    /// The inference line at this index of the argument's premise-conclusion structure.
    Inference(usize, usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RelType {
    Support,
    Attack,
    Undercut,
    Contradictory,
}

struct RawRelation {
    from: Node,
    to: Node,
    kind: RelType,
    span: Span,
    /// The `relation` data on the line (files argumap writes).
    data: Option<JsonMap<String, Value>>,
}

/// Text, tags, data and links of one definition or reference.
#[derive(Default)]
struct Content {
    text: String,
    tags: Vec<String>,
    links: Vec<(String, String)>,
}

#[derive(Default)]
struct Class {
    title: Option<String>,
    /// The texts of the definitions, in order.
    texts: Vec<String>,
    tags: Vec<String>,
    data: JsonMap<String, Value>,
    /// The actors named in the data, with the stance each takes.
    actors: Vec<(StanceKind, String)>,
    links: Vec<(String, String)>,
    span: Span,
    section: Option<usize>,
    /// The section came from a definition, not a reference.
    section_fixed: bool,
}

enum PcsItem {
    Statement(usize),
    Inference {
        rules: Vec<String>,
        data: JsonMap<String, Value>,
    },
}

#[derive(Default)]
struct ArgumentClass {
    class: Class,
    pcs: Vec<PcsItem>,
    /// The `relation` data of each line of the structure (files argumap writes).
    pcs_data: Vec<Option<JsonMap<String, Value>>>,
}

struct Section {
    title: String,
    parent: Option<usize>,
    tags: Vec<String>,
    data: JsonMap<String, Value>,
    level: usize,
}

#[derive(Default)]
struct Doc {
    front: JsonMap<String, Value>,
    statements: Vec<Class>,
    titled: HashMap<String, usize>,
    arguments: Vec<ArgumentClass>,
    titled_arguments: HashMap<String, usize>,
    relations: Vec<RawRelation>,
    sections: Vec<Section>,
    current_section: Option<usize>,
    /// The front matter says `titles_are_ids: true`, as argumap's writer does: titles that
    /// are valid ids are the ids, and the data keys of the writer are read.
    own: bool,
}
