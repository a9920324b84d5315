//! An open file: its text, its problems, and what the server knows of it.
//!
//! Each change re-reads the whole text (the client sends it whole): the format's reader gives
//! the problems (or the map and its warnings), the source index gives where each id stands,
//! the outline gives each element's list, and the map's grounded labelling gives each
//! claim's status. Each of these is linear in the text. When the text does not parse, the
//! last index that did is kept (with the text it indexed) and so is the last map that loaded:
//! hover, completion and the outline go on from them, while the problems are always the
//! current text's.

use std::collections::HashMap;
use std::path::Path;

use argumap::analysis::semantics::{from_map, grounded, Label};
use argumap::diagnostic::Diagnostic;
use argumap::format::{self, Format, SourceIndex};
use argumap::model::Map;

use super::position::Lines;
use super::structure::{self, Outline};

/// A text with its index of ids: the current text's, or the last one that parsed.
#[derive(Debug)]
pub struct Snapshot {
    /// The text indexed.
    pub text: String,
    /// Its line starts.
    pub lines: Lines,
    /// Where each id stands in it.
    pub index: SourceIndex,
    /// Its lists and elements (our map file only).
    pub outline: Outline,
    /// Each id's list (`claims`, `actors`, ...; in Argdown `statement` or `argument`).
    pub kinds: HashMap<String, String>,
}

/// The last map that loaded, with what hover shows of it.
#[derive(Debug)]
pub struct Known {
    /// The map.
    pub map: Map,
    /// Each claim's and argument's grounded label.
    pub labels: HashMap<String, Label>,
}

/// An open file.
#[derive(Debug)]
pub struct Document {
    /// Its current text.
    pub text: String,
    /// Its format.
    pub format: Format,
    /// The current text's line starts.
    pub lines: Lines,
    /// The current text's problems: errors, or the warnings of the map it loads.
    pub problems: Vec<Diagnostic>,
    /// The index of the current text, or of the last text that parsed.
    pub snapshot: Option<Snapshot>,
    /// The last map that loaded.
    pub known: Option<Known>,
    /// The map of the current text, read by [`Document::change`] and not yet indexed.
    loaded: Option<Map>,
    /// Whether the snapshot is of the current text.
    is_fresh: bool,
    /// Whether the current text is still to be indexed.
    unindexed: bool,
}

impl Document {
    /// A file opened with a text; its format from its name, else from its text.
    pub fn open(path: &str, text: String) -> Document {
        let format = match Format::detect(Path::new(path), &text) {
            Format::Argdown => Format::Argdown,
            _ => Format::Json,
        };
        let mut doc = Document {
            text: String::new(),
            format,
            lines: Lines::default(),
            problems: Vec::new(),
            snapshot: None,
            known: None,
            loaded: None,
            is_fresh: false,
            unindexed: false,
        };
        doc.change(text);
        doc.index();
        doc
    }

    /// Reads a new text and finds its problems; [`Document::index`] does the rest (the
    /// server publishes the problems in between, so they come as soon as they are known).
    pub fn change(&mut self, text: String) {
        self.lines = Lines::new(&text);
        self.is_fresh = false;
        self.unindexed = true;
        // A JSON file that never names `argumap` (a package.json, a settings file) is not a
        // map: an editor that sends every JSON file gets no problems for it.
        if self.format == Format::Json && !text.contains("\"argumap\"") {
            self.problems = Vec::new();
            self.snapshot = None;
            self.known = None;
            self.text = text;
            self.unindexed = false;
            return;
        }
        match format::read(&text, self.format, "map") {
            Ok(loaded) => {
                self.problems = loaded.warnings;
                self.loaded = Some(loaded.map);
            }
            Err(e) => self.problems = e.diagnostics,
        }
        self.text = text;
    }

    /// Indexes the text read last: where each id stands, the outline, and the grounded
    /// status of the map, if it loaded. Does nothing when that is done.
    pub fn index(&mut self) {
        if !std::mem::take(&mut self.unindexed) {
            return;
        }
        if let Some(map) = self.loaded.take() {
            self.known = Some(known(map));
        }
        let text = &self.text;
        if let Some(index) = SourceIndex::of(text, self.format) {
            let outline = if self.format == Format::Json {
                structure::outline(text)
            } else {
                Outline::default()
            };
            let mut kinds: HashMap<String, String> = HashMap::new();
            for item in &outline.items {
                if let Some((id, _)) = &item.id {
                    kinds.insert(id.clone(), item.list.clone());
                }
            }
            if self.format == Format::Argdown {
                for o in index.occurrences() {
                    kinds
                        .entry(o.id.clone())
                        .or_insert_with(|| o.field.to_owned());
                }
            }
            self.snapshot = Some(Snapshot {
                text: text.clone(),
                lines: self.lines.clone(),
                index,
                outline,
                kinds,
            });
            self.is_fresh = true;
        }
    }

    /// The snapshot, if it is of the current text (so its places are the text's).
    pub fn fresh(&self) -> Option<&Snapshot> {
        self.snapshot.as_ref().filter(|_| self.is_fresh)
    }
}

/// A map with its grounded labelling, by id.
fn known(map: Map) -> Known {
    let translation = from_map(&map);
    let labelling = grounded(&translation.af);
    let labels = translation
        .ids
        .iter()
        .zip(labelling.labels)
        .map(|(id, label)| (id.to_string(), label))
        .collect();
    Known { map, labels }
}
