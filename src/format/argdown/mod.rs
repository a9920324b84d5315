//! Argdown (`.argdown`), the Markdown-like text format for argument maps
//! (<https://argdown.org>).
//!
//! Reading ([`from_str`]) follows Argdown 1.7's own lexer and parser: blocks separated by
//! empty lines; statements `[Title]: text`, references `[Title]` and untitled statements;
//! arguments `<Title>: description` and references `<Title>`; relation trees under an element,
//! nested by indentation (`+ - +> -> <+ <- >< _> <_`); premise-conclusion structures
//! (`(1)` ... `----` or `-- rule --` ... `(n)`); headings, tags, front matter and inline
//! `{key: value}` data, with the speakers named by the `actor` and `proponent` keys.
//!
//! How the text maps to the model:
//!
//! - Each statement class (every statement with one title, or one untitled statement) is a
//!   [`Claim`](crate::model::Claim); its text is the first definition, other definitions are
//!   kept in `ext.alternatives`.
//! - Each argument is an [`Argument`](crate::model::Argument). A premise-conclusion structure
//!   gives premise and conclusion links; with intermediary conclusions it gives one argument
//!   per inference step, chained through the intermediary claims (the last step keeps the
//!   argument's id and title).
//! - Relations are read in Argdown's **loose** mode unless the front matter says
//!   `model: {mode: strict}`: `+` supports, `-` rebuts, `><` contradicts, `_` undercuts. In
//!   strict mode a `+` between two statements is a support marked `ext.kind = "entails"`, and
//!   a `-` between two statements contradicts, marked `ext.kind = "contrary"`. Relations are
//!   counted as Argdown's JSON export lists them: a reconstructed argument's support of its
//!   own conclusion is its conclusion link, not a second relation; duplicates are merged.
//! - Headings become [`Group`](crate::model::Group)s nested by level. Tags become tags.
//!   Front matter `title` is the map's title; the other keys go to the map's `ext`.
//! - Inline data: `actor`, `actors`, `proponent` and `proponents` (a name or a list of names)
//!   make one [`Actor`](crate::model::Actor) per distinct name, with an `asserts` stance on the
//!   element; `date` (`YYYY-MM-DD`) is the element's date; `source` (with `url`) makes a
//!   [`Source`](crate::model::Source); other keys stay in the element's `ext`.
//!
//! - Extensions any file may use: the front matter's `actors` and `sources` lists (with ids),
//!   speaker keys naming a listed actor by id, and `endorsed_by`, `denied_by`,
//!   `questioned_by` and `stances` for the other kinds of stance.
//!
//! Writing ([`to_string`], [`to_writer`]) gives a file Argdown's own tools accept and that
//! reads back into the same map: its front matter says `titles_are_ids: true`, and with it
//! the reader takes titles as ids and reads every data key the writer writes (relation data,
//! exact texts, tags, origins, notes, groups' ids and members, ...). Only the order of
//! elements and relations follows the file.
//!
//! See `docs/formats/argdown.md` for the full list of what is read, written, dropped or
//! warned about.

pub(crate) mod lex;
mod read;
mod write;
mod yaml;

pub(crate) use read::read_named;
pub use read::{from_str, sniff};
pub use write::{to_string, to_writer};
