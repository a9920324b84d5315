//! argumap: argument maps — the claims in a debate, the actors who made them, and the
//! supports and rebuttals between them.
//!
//! The core types:
//!
//! - [`model::Map`]: claims, arguments, actors, sources and groups, joined by relations
//!   (supports, rebuts, undercuts, premise, conclusion, contradicts, rephrases), actor stances
//!   (asserts, endorses, denies, questions) and actor links (member of, speaks for). Stored in a
//!   petgraph `StableGraph`, addressed by human-readable [`model::Id`]s.
//! - [`model::MapBuilder`]: makes a map in code, reporting every mistake at once.
//! - [`format::json`]: our map file — strict loading with diagnostics that name line and
//!   column, one canonical form on export, and the JSON Schema.
//! - [`diagram`]: what a drawing of a map shows and how it looks ([`diagram::DotOptions`]),
//!   read by every way of drawing it.
//! - [`export::dot`]: Graphviz DOT, escaped so that no label can change the graph.
//! - [`analysis`]: lints, statistics and layering.
//! - [`format`](mod@format): the formats of other tools, read and written (Argdown, AIF and xAIF,
//!   Kialo, SADFace, argument microtexts, the ICCMA frameworks), told apart by
//!   [`format::Format::detect`], read within [`format::Limits`].
//! - [`analysis::semantics`]: which claims stand (grounded, complete, preferred, stable) and
//!   gradual strengths; [`analysis::report`], the coach's report.
//! - [`render`]: SVG, PNG, PDF and an interactive page, through Graphviz or the built-in
//!   layout engine.
//! - [`gen`]: synthetic maps of any size, as a map and as Argdown text, for benchmarks.
//!
//! The [`guide`] walks through building, importing, evaluating and exporting a map.
//!
//! # Example
//!
//! Load a map, ask who asserted what and which rebuttals nobody answered, and write DOT:
//!
//! ```
//! use argumap::export::dot::{self, DotOptions};
//! use argumap::format::json;
//!
//! let text = r#"{
//!   "argumap": 1,
//!   "title": "Homework",
//!   "actors": [{"id": "prop", "name": "Proposition", "kind": "group"}],
//!   "claims": [
//!     {"id": "ban", "text": "Schools should ban homework", "by": ["prop"]},
//!     {"id": "tired", "text": "Pupils are too tired after school", "supports": ["ban"]},
//!     {"id": "practice", "text": "Practice at home makes lessons stick", "rebuts": ["ban"]}
//!   ]
//! }"#;
//! let map = json::from_str(text)?.map;
//! assert_eq!(map.asserted_by("ban")[0].name, "Proposition");
//! let open: Vec<&str> = map.unanswered_rebuttals().iter().map(|r| r.from.as_str()).collect();
//! assert_eq!(open, ["practice"]);
//! let graph = dot::to_string(&map, &DotOptions::default());
//! assert!(graph.contains("\"practice\" -> \"ban\""));
//! # Ok::<(), argumap::format::json::LoadError>(())
//! ```
//!
//! # Format
//!
//! A map file is one JSON object. Its first key is the format version, `"argumap": 1`;
//! `title` is required; every list is optional:
//!
//! ```json
//! {
//!   "argumap": 1,
//!   "title": "Encrypting Messenger",
//!   "description": "optional",
//!   "sources": [{"id": "article", "kind": "article", "title": "...", "author": "...",
//!                "date": "2019-10-04", "url": "..."}],
//!   "actors": [{"id": "barr", "name": "William Barr", "kind": "person",
//!               "role": "US Attorney General", "member_of": ["us-government"]}],
//!   "claims": [{"id": "pause-encryption", "text": "...", "title": "Pause encryption",
//!               "by": ["barr"], "source": "article", "quote": "...", "date": "2019-10-04",
//!               "supports": [], "rebuts": [], "undercuts": [], "contradicts": []}],
//!   "arguments": [{"id": "evidence-lost", "premises": ["reports", "no-evidence"],
//!                  "conclusion": "police-blocked"}],
//!   "relations": [{"from": "precautions", "to": "police-blocked", "kind": "rebuts",
//!                  "by": ["facebook"], "source": "article", "quote": "..."}],
//!   "stances": [{"actor": "doj", "target": "lawful-access", "kind": "endorses"}],
//!   "groups": [{"id": "letter", "title": "The governments' letter",
//!               "members": ["pause-encryption"], "parent": null}]
//! }
//! ```
//!
//! - **Ids** are ASCII letters, digits, `-`, `_` and `.`, start with a letter or digit, and are
//!   unique across the whole file (sources, actors, claims, arguments and groups share one
//!   namespace). Every reference must name an element of the right sort.
//! - **Claims** need a non-empty `text`; `title` is a short label for diagrams. `by` lists the
//!   actors who assert the claim (shorthand for `asserts` stances). `supports`, `rebuts`,
//!   `undercuts` (an argument's inference) and `contradicts` say inline what the claim does.
//! - **Arguments** are linked arguments: `premises` that only jointly support a
//!   `conclusion`. All their fields are optional: an argument without structure is still a
//!   node that can support, rebut and be undercut. They take the same inline relations.
//! - **Relations** list relations that carry more than their two ends: the actors who made
//!   them (`by`), a `source`, a `quote`. Kinds: `supports`, `rebuts`, `undercuts`,
//!   `contradicts` (symmetric), `rephrases`, `premise` (claim to argument) and `conclusion`
//!   (argument to claim). Writing a plain relation here or inline gives the same map.
//! - **Stances** are an actor's `asserts`, `endorses`, `denies` or `questions` toward a claim
//!   or argument, with optional `source`, `quote` and `date`.
//! - **Actors** have a `kind`: `person`, `organisation`, `government`, `group` or `other`;
//!   `member_of` and `speaks_for` name other actors.
//! - **Sources** have a `kind` (`article` by default, `letter`, `statement`, `speech`,
//!   `transcript`, `book`, `web`, `other`).
//! - **Groups** are sections (drawn as clusters): `members` are claims and arguments,
//!   `parent` another group.
//! - **Every element** (and every relation and stance) may carry `tags`, an `origin`
//!   (`{"format": "aif", "id": "123"}`), `ext` (an object kept for a foreign format) and a
//!   `note`.
//! - **Dates** are `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
//!
//! Loading is strict: unknown fields, duplicate ids, dangling references and a wrong version
//! are errors, each reported with its 1-based line and column (counted in characters) and a
//! hint; all problems in a file are reported together. [`format::json::to_string`] writes one
//! canonical form: plain relations and assertions inline, the rest in `relations` and
//! `stances`. [`format::json::schema`] gives the JSON Schema (committed as
//! `schema/argumap-1.schema.json`).

#![warn(missing_docs)]
#![allow(
    clippy::result_large_err,
    reason = "a Diagnostic (with its place, end and fix) is the error of every parser; it is made once per failed parse, never in a loop, so boxing it would buy nothing"
)]

/// petgraph, whose graph types [`model::Map::graph`] and [`model::Adjacency`] use: through
/// this path a program uses the same version as argumap.
pub use petgraph;

/// Builder methods for an options struct, each setting the field of its name:
/// `name(arg: Type);` sets it to `arg`, and `name(arg: Type) => Some;` to `Some(arg)`. Each
/// method's doc is "Sets [`Type::name`]."
macro_rules! setters {
    ($ty:ident { $($name:ident($arg:ident: $t:ty) $(=> $wrap:ident)?;)* }) => {
        impl $ty {
            $(
                #[doc = concat!("Sets [`", stringify!($ty), "::", stringify!($name), "`].")]
                pub fn $name(mut self, $arg: $t) -> Self {
                    self.$name = setters!(@value $($wrap)? $arg);
                    self
                }
            )*
        }
    };
    (@value Some $arg:ident) => {
        Some($arg)
    };
    (@value $arg:ident) => {
        $arg
    };
}

pub mod analysis;
pub mod diagnostic;
pub mod diagram;
pub mod export;
pub mod format;
pub mod gen;
pub mod guide;
pub mod model;
pub mod names;
pub mod render;
pub mod surface;
#[cfg(test)]
mod testing;
pub mod view;
