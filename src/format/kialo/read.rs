//! Reading a Kialo export: line by line into numbered entries, then a map of them, with a
//! source for each distinct link or footnote.

use std::collections::HashMap;

use super::text::{footnote, link_target, parse_target, render};
use super::{FORMAT, HEADERS, MAX_DIAGNOSTICS};
use crate::diagnostic::{did_you_mean, Code, Diagnostic, Severity, Span};
use crate::format::json::{LoadError, Loaded};
use crate::model::{
    Claim, Id, IdPool, Map, Meta, MetaData, ModelError, Origin, Relation, RelationKind, Source,
    SourceKind,
};

/// Reads a Kialo export into a map (see [`super::from_str`]).
pub(super) fn read(src: &str) -> Result<Loaded, LoadError> {
    let mut reader = Reader::new(src);
    reader.read_lines();
    reader.finish_entry();
    reader.build()
}

/// A claim number at the start of a line: `1.2.3.`.
pub(super) struct Number {
    /// Offset of the first digit in the line.
    start: usize,
    /// Offset just past the number's last `.` in the line.
    pub(super) end: usize,
    /// The parts, or `None` for a part too large to be a number.
    pub(super) components: Vec<Option<u32>>,
}

/// The number a line starts with (after any blanks), if it starts with one: digits and a dot,
/// at least once, followed by a blank or the end of the line.
pub(super) fn numbered(line: &str) -> Option<Number> {
    let bytes = line.as_bytes();
    let start = line.len() - line.trim_start().len();
    let mut i = start;
    let mut components = Vec::new();
    loop {
        let digits = i;
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == digits || bytes.get(i) != Some(&b'.') {
            // Digits not closed by a dot (`2.5 million`) end the number without a claim.
            if i == digits && !components.is_empty() {
                break;
            }
            return None;
        }
        components.push(line[digits..i].parse::<u32>().ok());
        i += 1;
    }
    match bytes.get(i) {
        None | Some(b' ' | b'\t') => Some(Number {
            start,
            end: i,
            components,
        }),
        _ => None,
    }
}

/// The canonical form of a number: its parts without leading zeros, each closed by a dot.
pub(super) fn canonical(components: &[u32]) -> String {
    let mut out = String::with_capacity(components.len() * 2);
    for c in components {
        out.push_str(&c.to_string());
        out.push('.');
    }
    out
}

/// The id of the claim with this number, or `None` when it would be too long.
fn claim_id(number: &str) -> Option<Id> {
    let id = format!("k{}", number.trim_end_matches('.').replace('.', "-"));
    Id::new(&id).ok()
}

/// The lines of a text, each with its offset, without line ends (`\n` or `\r\n`).
fn lines(src: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    src.split_inclusive('\n').map(move |raw| {
        let start = at;
        at += raw.len();
        let line = raw.strip_suffix('\n').unwrap_or(raw);
        (start, line.strip_suffix('\r').unwrap_or(line))
    })
}

/// `Pro:`, `Con:` or (in the newer layout) `Thesis:` after the number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Stance {
    None,
    Thesis,
    Pro,
    Con,
}

impl Stance {
    pub(super) fn word(self) -> &'static str {
        match self {
            Stance::None => "",
            Stance::Thesis => "Thesis:",
            Stance::Pro => "Pro:",
            Stance::Con => "Con:",
        }
    }
}

/// One numbered line with the text lines that belong to it.
struct Entry<'s> {
    /// The canonical number, `1.2.3.`.
    number: String,
    /// Where the number stands in the file.
    span: Span,
    /// Its line, counted from 1.
    line: usize,
    stance: Stance,
    /// The entry above it in the tree.
    parent: Option<usize>,
    /// The highest child number seen so far.
    last_child: u32,
    /// Its text: the rest of the numbered line and any continuation lines, each with its
    /// offset. An empty string stands for a blank line between text lines.
    text: Vec<(usize, &'s str)>,
    /// For a `-> See` line: the target number as written, and where.
    link: Option<(&'s str, Span)>,
}

/// A footnote of the newer layout's sources list: `[1] Title https://...`.
struct Footnote {
    title: String,
    url: Option<String>,
}

struct Reader<'s> {
    src: &'s str,
    title: String,
    /// Whether the file uses the newer layout (a bare `N. Thesis:` line).
    newer: bool,
    entries: Vec<Entry<'s>>,
    by_number: HashMap<String, usize>,
    /// The entries from the root down to the last numbered line.
    path: Vec<usize>,
    /// The entry that text lines currently belong to.
    current: Option<usize>,
    /// Set after a numbered line was refused: its text lines and sub-claims are skipped
    /// without further messages.
    skipping: Option<String>,
    last_root: u32,
    /// Whether the reader is in the newer layout's sources list.
    in_sources: bool,
    footnotes: HashMap<u32, Footnote>,
    diags: Vec<Diagnostic>,
    /// Errors and warnings beyond [`MAX_DIAGNOSTICS`] each, counted but not listed.
    dropped: (usize, usize),
}

impl<'s> Reader<'s> {
    fn new(src: &'s str) -> Reader<'s> {
        let newer = lines(src).any(|(_, line)| {
            numbered(line)
                .is_some_and(|n| n.components.len() == 1 && line[n.end..].trim() == "Thesis:")
        });
        Reader {
            src,
            title: String::new(),
            newer,
            entries: Vec::new(),
            by_number: HashMap::new(),
            path: Vec::new(),
            current: None,
            skipping: None,
            last_root: 0,
            in_sources: false,
            footnotes: HashMap::new(),
            diags: Vec::new(),
            dropped: (0, 0),
        }
    }

    /// Whether there is room for one more diagnostic of a severity; counts it as dropped if
    /// not. Checked before a diagnostic is made, since locating one reads the file up to it.
    fn room(&mut self, severity: Severity) -> bool {
        let listed = self.diags.iter().filter(|d| d.severity == severity).count();
        let room = listed < MAX_DIAGNOSTICS;
        if !room {
            match severity {
                Severity::Error => self.dropped.0 += 1,
                Severity::Warning => self.dropped.1 += 1,
            }
        }
        room
    }

    fn error(&mut self, span: Span, message: String, hint: impl Into<String>) {
        if self.room(Severity::Error) {
            let d = Diagnostic::error(self.src, span, message).with_hint(hint);
            self.diags.push(d);
        }
    }

    fn warn(&mut self, span: Option<Span>, message: String, hint: impl Into<String>) {
        if self.room(Severity::Warning) {
            let d = Diagnostic::warning(self.src, span, message).with_hint(hint);
            self.diags.push(d);
        }
    }

    fn read_lines(&mut self) {
        let src = self.src;
        let body_start = src.strip_prefix('\u{feff}').map_or(0, |_| 3);
        let mut all = lines(&src[body_start..])
            .enumerate()
            .map(|(i, (at, l))| (i + 1, at + body_start, l));
        let mut pending = None;
        match all.next() {
            Some((_, at, first)) => {
                let trimmed = first.trim();
                if let Some(header) = HEADERS.iter().find(|h| trimmed.starts_with(**h)) {
                    self.title = render(trimmed[header.len()..].trim()).text;
                    if self.title.is_empty() {
                        self.warn(
                            Some(Span::new(at, at + first.len())),
                            "the discussion has no title".into(),
                            "write the question after `Discussion Title:`",
                        );
                    }
                    if let Some((n2, at2, second)) = all.next() {
                        if !second.trim().is_empty() && numbered(second).is_some() {
                            self.warn(
                                Some(Span::new(at2, at2 + second.len())),
                                "the line after the title is not empty".into(),
                                "Kialo puts an empty line between the title and the thesis",
                            );
                        }
                        pending = Some((n2, at2, second));
                    }
                } else {
                    if numbered(first).is_some() {
                        self.warn(
                            Some(Span::new(at, at)),
                            "the file has no `Discussion Title:` line, so the map has no title"
                                .into(),
                            "add `Discussion Title: <the question>` and an empty line at the top",
                        );
                    }
                    pending = Some((1, at, first));
                }
            }
            None => {
                self.error(
                    Span::new(0, 0),
                    "the file is empty".into(),
                    "a Kialo export starts with `Discussion Title: <the question>`, an empty line and `1. <the thesis>`",
                );
                return;
            }
        }
        for (number, at, line) in pending.into_iter().chain(all) {
            self.line(number, at, line);
        }
        if self.entries.is_empty() && self.skipping.is_none() && !self.has_errors() {
            self.error(
                Span::new(src.len(), src.len()),
                "the file holds no claims".into(),
                "after the title and an empty line, write the thesis as `1. <the thesis>`",
            );
        }
    }

    fn has_errors(&self) -> bool {
        self.diags.iter().any(Diagnostic::is_error)
    }

    fn line(&mut self, line_number: usize, at: usize, line: &'s str) {
        let indented = line.starts_with(char::is_whitespace);
        if !self.in_sources {
            if let Some(number) = numbered(line).filter(|_| self.newer || !indented) {
                self.numbered_line(line_number, at, line, number);
                return;
            }
        }
        let trimmed = line.trim();
        let trimmed_at = at + (line.len() - line.trim_start().len());
        if self.newer && (self.in_sources || self.starts_sources(line)) {
            self.source_line(trimmed_at, trimmed);
            return;
        }
        if self.skipping.is_some() {
            return;
        }
        let Some(current) = self.current else {
            if !trimmed.is_empty() {
                self.stray_line(trimmed_at, trimmed);
            }
            return;
        };
        if !self.newer && indented && numbered(line).is_some() {
            let number = &self.entries[current].number;
            let message = format!(
                "this indented line looks like a claim, but is read as more text of `{number}`"
            );
            self.warn(
                Some(Span::new(trimmed_at, trimmed_at + trimmed.len())),
                message,
                "remove the blanks before the number if it is a claim of its own",
            );
        }
        let text = &mut self.entries[current].text;
        if trimmed.is_empty() {
            if !text.is_empty() {
                text.push((trimmed_at, ""));
            }
        } else {
            text.push((trimmed_at, trimmed));
        }
    }

    /// Whether a line of the newer layout starts its sources list: `Sources:` or a
    /// footnote `[1] ...` at the start of an unindented line.
    fn starts_sources(&mut self, line: &str) -> bool {
        let starts = line.trim().eq_ignore_ascii_case("sources:")
            || (!self.entries.is_empty() && footnote(line).is_some());
        if starts {
            self.finish_entry();
            self.in_sources = true;
            self.current = None;
        }
        starts
    }

    fn source_line(&mut self, at: usize, line: &str) {
        if line.is_empty() || line.eq_ignore_ascii_case("sources:") {
            return;
        }
        match footnote(line) {
            Some((n, rest)) => {
                let (title, url) = split_footnote(rest);
                self.footnotes.insert(n, Footnote { title, url });
            }
            None => self.warn(
                Some(Span::new(at, at + line.len())),
                format!(
                    "`{}` in the sources list is not a footnote; it is left out",
                    cut(line)
                ),
                "write each source as `[1] <title or address>`",
            ),
        }
    }

    fn stray_line(&mut self, at: usize, trimmed: &str) {
        let hint = if self.entries.is_empty() && self.title.is_empty() {
            "a Kialo export starts with `Discussion Title: <the question>`, an empty line and `1. <the thesis>`"
        } else if self.entries.is_empty() {
            "start the claims with `1. <the thesis>`; only an empty line may stand between the title and the thesis"
        } else {
            "start the line with its claim number, such as `1.2. Pro:`"
        };
        let message = format!(
            "`{}` is neither a claim nor part of one: claims start with their number, such as `1.` or `1.2.`",
            cut(trimmed)
        );
        self.error(Span::new(at, at + trimmed.len()), message, hint);
    }

    fn numbered_line(&mut self, line_number: usize, at: usize, line: &'s str, number: Number) {
        self.finish_entry();
        self.current = None;
        let span = Span::new(at + number.start, at + number.end);
        let Some(components) = number
            .components
            .iter()
            .copied()
            .collect::<Option<Vec<u32>>>()
        else {
            self.skipping = Some(line[number.start..number.end].to_owned());
            self.error(
                span,
                format!(
                    "`{}` has a part too large to be a claim number",
                    cut(&line[number.start..number.end])
                ),
                "claim numbers count siblings from 1; check the number",
            );
            return;
        };
        let key = canonical(&components);
        // A sub-claim of a refused line is refused with it, silently.
        if let Some(skipped) = &self.skipping {
            if key.starts_with(skipped.as_str()) && key.len() > skipped.len() {
                return;
            }
        }
        self.skipping = None;
        let rest_at = at + number.end;
        let (stance, text_at, text) = self.stance(rest_at, &line[number.end..], &key);
        let Some(parent) = self.place(&key, &components, span) else {
            self.skipping = Some(key);
            return;
        };
        let stance = match (parent, stance) {
            (None, Stance::Pro | Stance::Con) => {
                let message = format!(
                    "the thesis `{key}` is marked `{}`; a thesis supports or attacks nothing, so the mark is ignored",
                    stance.word()
                );
                self.warn(Some(span), message, "remove the mark from the thesis");
                Stance::None
            }
            (Some(p), Stance::None) => {
                let parent_number = self.entries[p].number.clone();
                self.error(
                    span,
                    format!("the claim `{key}` says neither `Pro:` nor `Con:`"),
                    format!(
                        "write `{key} Pro: ...` if it supports `{parent_number}`, or `{key} Con: ...` if it attacks it"
                    ),
                );
                self.skipping = Some(key);
                return;
            }
            (Some(_), Stance::Thesis) => {
                self.error(
                    span,
                    format!("the claim `{key}` is marked `Thesis:`, but only a top-level number such as `1.` is a thesis"),
                    "mark it `Pro:` or `Con:`, or give it a one-part number",
                );
                self.skipping = Some(key);
                return;
            }
            (_, s) => s,
        };
        let mut entry = Entry {
            number: key.clone(),
            span,
            line: line_number,
            stance,
            parent,
            last_child: 0,
            text: Vec::new(),
            link: None,
        };
        if !text.is_empty() {
            entry.text.push((text_at, text));
        }
        let index = self.entries.len();
        self.entries.push(entry);
        self.by_number.insert(key, index);
        self.path.truncate(components.len() - 1);
        self.path.push(index);
        self.current = Some(index);
    }

    /// The stance word after a number and the text after it.
    fn stance(&mut self, at: usize, rest: &'s str, key: &str) -> (Stance, usize, &'s str) {
        let body = rest.trim_start();
        let body_at = at + (rest.len() - body.len());
        // `Thesis:` marks the newer layout; in the classic one it is a thesis's own words.
        let words: &[Stance] = if self.newer {
            &[Stance::Pro, Stance::Con, Stance::Thesis]
        } else {
            &[Stance::Pro, Stance::Con]
        };
        for &stance in words {
            let word = stance.word();
            let Some(head) = body.get(..word.len()) else {
                continue;
            };
            if !head.eq_ignore_ascii_case(word) {
                continue;
            }
            let after = &body[word.len()..];
            if !(after.is_empty() || after.starts_with([' ', '\t'])) {
                continue;
            }
            if head != word {
                self.warn(
                    Some(Span::new(body_at, body_at + word.len())),
                    format!("`{head}` in `{key}` is read as `{word}`"),
                    format!("Kialo writes `{word}` with a capital letter"),
                );
            }
            let text = after.trim();
            let text_at = body_at + word.len() + (after.len() - after.trim_start().len());
            return (stance, text_at, text);
        }
        (Stance::None, body_at, body.trim_end())
    }

    /// Finds the parent of a new number and checks its place in the order: `None` when the
    /// line is refused (the problem is reported), `Some(None)` for a thesis.
    fn place(&mut self, key: &str, components: &[u32], span: Span) -> Option<Option<usize>> {
        let own = components.last().copied().unwrap_or(0);
        if let Some(&first) = self.by_number.get(key) {
            let line = self.entries[first].line;
            self.error(
                span,
                format!("the number `{key}` is used twice; it was first used on line {line}"),
                "renumber one of the two claims; if this line continues the claim above, join it to that line",
            );
            return None;
        }
        if own == 0 {
            self.error(
                span,
                format!("the number `{key}` ends in 0, but Kialo counts claims from 1"),
                "renumber the claim and its siblings 1, 2, 3, ...",
            );
            return None;
        }
        if components.len() == 1 {
            if own <= self.last_root {
                let last = self.last_root;
                self.error(
                    span,
                    format!("the thesis `{key}` comes after thesis `{last}.`; theses are numbered 1, 2, 3, ... in order"),
                    "renumber the theses in the order they stand in the file",
                );
                return None;
            }
            if own > self.last_root + 1 {
                self.gap(span, key, "", self.last_root, own);
            }
            self.last_root = own;
            return Some(None);
        }
        let parent_key = &key[..key.len() - own.to_string().len() - 1];
        let Some(&parent) = self.by_number.get(parent_key) else {
            self.error(
                span,
                format!(
                    "the claim `{key}` belongs under `{parent_key}`, but no claim has that number"
                ),
                format!("add the claim `{parent_key}` before this line, or correct the number"),
            );
            return None;
        };
        if self.entries[parent].link.is_some() {
            let target = self.entries[parent].link.map_or("", |(t, _)| t);
            self.error(
                span,
                format!("the claim `{key}` stands under `{parent_key}`, which is a `-> See` link, not a claim"),
                format!("number it under the claim the link points to (`{target}`), where its other sub-claims are"),
            );
            return None;
        }
        if self.path.get(components.len() - 2) != Some(&parent) {
            let line = self.entries[parent].line;
            let after = self
                .path
                .last()
                .map(|&p| self.entries[p].number.clone())
                .unwrap_or_default();
            self.error(
                span,
                format!("the claim `{key}` is out of order: it comes after `{after}`, but its parent `{parent_key}` (line {line}) ended before that"),
                format!("Kialo lists each claim right below its parent and siblings: move this line up to the other claims under `{parent_key}`, or correct the number"),
            );
            return None;
        }
        let last = self.entries[parent].last_child;
        if own <= last {
            self.error(
                span,
                format!("the claim `{key}` comes after `{parent_key}{last}.`; claims under `{parent_key}` are numbered 1, 2, 3, ... in order"),
                "renumber the claims in the order they stand in the file",
            );
            return None;
        }
        if own > last + 1 {
            self.gap(span, key, parent_key, last, own);
        }
        self.entries[parent].last_child = own;
        Some(Some(parent))
    }

    fn gap(&mut self, span: Span, key: &str, parent_key: &str, last: u32, own: u32) {
        let missing = if own - last == 2 {
            format!("`{parent_key}{}.` is missing", last + 1)
        } else {
            format!(
                "`{parent_key}{}.` to `{parent_key}{}.` are missing",
                last + 1,
                own - 1
            )
        };
        self.warn(
            Some(span),
            format!("the numbering skips before `{key}`: {missing}"),
            "nothing is lost; renumber if a claim was deleted by mistake",
        );
    }

    /// Closes the current entry: decides whether its text is a `-> See` link.
    fn finish_entry(&mut self) {
        let Some(current) = self.current else {
            return;
        };
        let entry = &mut self.entries[current];
        while entry.text.last().is_some_and(|(_, t)| t.is_empty()) {
            entry.text.pop();
        }
        let [(at, text)] = entry.text[..] else {
            return;
        };
        let Some((offset, target)) = link_target(text) else {
            return;
        };
        let span = Span::new(at + offset, at + offset + target.len());
        if entry.parent.is_none() {
            let (number, span) = (entry.number.clone(), entry.span);
            self.error(
                span,
                format!(
                    "the thesis `{number}` is a `-> See` link, but a thesis must state a claim"
                ),
                "write the thesis itself here, or number the link under the claim it answers",
            );
            // Read on as a claim whose text is the link, so that nothing else is reported.
            return;
        }
        entry.link = Some((target, span));
    }

    fn build(mut self) -> Result<Loaded, LoadError> {
        // A map needs a title; the warning above has said it is missing.
        let title = match std::mem::take(&mut self.title) {
            t if t.trim().is_empty() => "Kialo discussion".to_owned(),
            t => t,
        };
        let mut map = Map::new(title);
        let mut ids: Vec<Option<Id>> = Vec::with_capacity(self.entries.len());
        let mut sources = SourceTable::default();
        let mut errors = Vec::new();
        for (line_index, entry) in self.entries.iter().enumerate() {
            if entry.link.is_some() {
                ids.push(None);
                continue;
            }
            let raw = join(&entry.text);
            if raw.trim().is_empty() {
                let key = &entry.number;
                let message = format!("the claim `{key}` has no text");
                let hint = match entry.stance {
                    Stance::None => format!("write the claim after `{key}`"),
                    s => format!("write the claim after `{key} {}`", s.word()),
                };
                errors.push((entry.span, message, hint));
                ids.push(None);
                continue;
            }
            let rendered = render(&raw);
            let id = claim_id(&entry.number).unwrap_or_else(|| {
                let line = entry.line;
                Id::new(&format!("k-line-{line}"))
                    .unwrap_or_else(|_| Id::slugify(&format!("k-entry-{line_index}")))
            });
            let mut claim = Claim::new(id.clone(), rendered.text.clone());
            let mut source = None;
            for (label, url) in &rendered.links {
                let s = sources.get(&mut map, label, Some(url));
                source.get_or_insert(s);
            }
            for n in &rendered.footnotes {
                if let Some(f) = self.footnotes.get(n) {
                    let s = sources.get(&mut map, &f.title, f.url.as_deref());
                    source.get_or_insert(s);
                }
            }
            claim.source = source;
            let mut meta = MetaData {
                origin: Some(Origin {
                    format: FORMAT.into(),
                    id: entry.number.clone(),
                }),
                ..MetaData::default()
            };
            if raw != rendered.text {
                let mut ext = serde_json::Map::new();
                ext.insert("kialo_text".into(), raw.into());
                meta.ext = Some(ext);
            }
            claim.meta = Meta::new(meta);
            // Ids are unique: numbers are, and fallbacks hold letters numbers cannot.
            if let Err(e) = map.add_claim(claim) {
                errors.push((entry.span, e.to_string(), "renumber the claim".into()));
            }
            ids.push(Some(id));
        }
        for (span, message, hint) in errors {
            self.error(span, message, hint);
        }
        let targets = self.resolve_links();
        // Relations in file order; a link names its target by number, found now that every
        // claim is known.
        for index in 0..self.entries.len() {
            let entry = &self.entries[index];
            let (Some(parent), stance, link) = (entry.parent, entry.stance, entry.link) else {
                continue;
            };
            let Some(to) = ids.get(parent).cloned().flatten() else {
                continue;
            };
            let kind = match stance {
                Stance::Con => RelationKind::Rebuts,
                _ => RelationKind::Supports,
            };
            let from = match link {
                None => ids.get(index).cloned().flatten(),
                Some(_) => targets
                    .get(index)
                    .copied()
                    .flatten()
                    .and_then(|t| ids.get(t).cloned().flatten()),
            };
            let Some(from) = from else {
                continue;
            };
            let entry = &self.entries[index];
            let (number, span) = (entry.number.clone(), entry.span);
            let mut relation = Relation::new(from, kind, to);
            if link.is_some() {
                relation.meta = Meta::new(MetaData {
                    origin: Some(Origin {
                        format: FORMAT.into(),
                        id: number.clone(),
                    }),
                    ..MetaData::default()
                });
            }
            if let Err(e) = map.add_relation(relation) {
                let verb = if kind == RelationKind::Rebuts {
                    "attack"
                } else {
                    "support"
                };
                let (message, hint) = match e {
                    ModelError::SelfLoop(_) => (
                        format!("the link `{number}` makes a claim {verb} itself; it is left out"),
                        "point the link at another claim, or remove it",
                    ),
                    ModelError::DuplicateRelation { .. } => (
                        format!(
                            "the link `{number}` repeats a relation stated earlier; it is left out"
                        ),
                        "remove the link line",
                    ),
                    other => (other.to_string(), "check the link"),
                };
                self.warn(Some(span), message, hint);
            }
        }
        let mut numbers: Vec<&u32> = self.footnotes.keys().collect();
        numbers.sort();
        for n in numbers {
            let f = &self.footnotes[n];
            sources.get(&mut map, &f.title, f.url.as_deref());
        }
        self.finish(map)
    }

    /// The claim each `-> See` line names, by entry, following links to links; `None` for
    /// a link whose target is missing (reported here) or leads nowhere. Each link is
    /// followed once, so a long chain of links costs no more than its length.
    fn resolve_links(&mut self) -> Vec<Option<usize>> {
        #[derive(Clone, Copy, PartialEq)]
        enum State {
            Open,
            Walking,
            Done(Option<usize>),
        }
        let mut state = vec![State::Open; self.entries.len()];
        let mut walk = Vec::new();
        for start in 0..self.entries.len() {
            if self.entries[start].link.is_none() || state[start] != State::Open {
                continue;
            }
            walk.clear();
            let mut at = start;
            let result = loop {
                let Some((target, span)) = self.entries[at].link else {
                    break Some(at);
                };
                match state[at] {
                    State::Done(r) => break r,
                    State::Walking => {
                        self.error(
                            span,
                            format!("the link `{}` leads through links in a circle and never reaches a claim", self.entries[at].number),
                            "point one of the links at a claim",
                        );
                        break None;
                    }
                    State::Open => {}
                }
                state[at] = State::Walking;
                walk.push(at);
                match parse_target(target).and_then(|k| self.by_number.get(&k).copied()) {
                    Some(next) => at = next,
                    None => {
                        self.missing_target(target, span);
                        break None;
                    }
                }
            };
            for &w in &walk {
                state[w] = State::Done(result);
            }
        }
        state
            .into_iter()
            .map(|s| match s {
                State::Done(r) => r,
                _ => None,
            })
            .collect()
    }

    fn missing_target(&mut self, target: &str, span: Span) {
        if !self.room(Severity::Error) {
            return;
        }
        let wanted = parse_target(target).unwrap_or_else(|| target.to_owned());
        let numbers = self.by_number.keys().map(String::as_str);
        let hint = match did_you_mean(&wanted, numbers) {
            Some(near) => {
                format!("did you mean `{near}`? A link names the number of an existing claim")
            }
            None => "a link names the number of an existing claim, such as `-> See 1.2.`".into(),
        };
        let message = format!("the link points to `{wanted}`, but no claim has that number");
        self.diags
            .push(Diagnostic::error(self.src, span, message).with_hint(hint));
    }

    fn finish(mut self, map: Map) -> Result<Loaded, LoadError> {
        let failed = self.dropped.0 > 0 || self.diags.iter().any(Diagnostic::is_error);
        let (severity, more) = if failed {
            self.diags.retain(Diagnostic::is_error);
            (Severity::Error, self.dropped.0)
        } else {
            (Severity::Warning, self.dropped.1)
        };
        self.diags
            .sort_by_key(|d| d.span.map_or(usize::MAX, |s| s.start));
        if more > 0 {
            let code = self.diags.last().map_or(Code::Syntax, |d| d.code);
            self.diags.push(
                Diagnostic::unplaced(
                    severity,
                    code,
                    format!("{more} more {}(s) not listed", severity.as_str()),
                )
                .with_hint("fix the problems above and read the file again"),
            );
        }
        if failed {
            Err(LoadError {
                diagnostics: self.diags,
            })
        } else {
            Ok(Loaded {
                map,
                warnings: self.diags,
            })
        }
    }
}

/// Text lines joined with newlines; a blank line between them stays a blank line.
fn join(text: &[(usize, &str)]) -> String {
    let mut out = String::new();
    for (i, (_, line)) in text.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(line);
    }
    out
}

/// A footnote's title and address: the first `http` word is the address; the rest, or the
/// address when nothing else is given, is the title.
fn split_footnote(text: &str) -> (String, Option<String>) {
    let rendered = render(text);
    if let Some((label, url)) = rendered.links.first() {
        return (label.clone(), Some(url.clone()));
    }
    let url = rendered
        .text
        .split_whitespace()
        .find(|w| w.starts_with("http://") || w.starts_with("https://"))
        .map(str::to_owned);
    let title = match &url {
        Some(u) => {
            let rest = rendered.text.replacen(u.as_str(), "", 1);
            let rest = rest
                .trim()
                .trim_end_matches([',', ';', '-'])
                .trim()
                .to_owned();
            if rest.is_empty() {
                u.clone()
            } else {
                rest
            }
        }
        None => rendered.text.clone(),
    };
    (title, url)
}

/// A text shortened for a message.
fn cut(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        let short: String = text.chars().take(MAX).collect();
        format!("{short}…")
    }
}

/// Sources made from links, one per distinct address (or, for a footnote without one, per
/// title).
#[derive(Default)]
struct SourceTable {
    by_key: HashMap<String, Id>,
    /// The ids of sources (claims' ids start with `k`, so cannot collide with `src-`).
    ids: IdPool,
}

impl SourceTable {
    fn get(&mut self, map: &mut Map, title: &str, url: Option<&str>) -> Id {
        let key = url.unwrap_or(title).to_owned();
        if let Some(id) = self.by_key.get(&key) {
            return id.clone();
        }
        let slug = Id::slugify(if title.trim().is_empty() { &key } else { title });
        // Slugs are ASCII: any byte is a character boundary.
        let stem = slug.as_str()[..slug.len().min(40)].trim_end_matches('-');
        let id = self.ids.fresh_wanted(Some(&format!("src-{stem}")), stem);
        let mut source = Source::new(id.clone(), title);
        source.kind = if url.is_some() {
            SourceKind::Web
        } else {
            SourceKind::Other
        };
        source.url = url.map(str::to_owned);
        // The id is fresh, so adding cannot fail.
        let _ = map.add_source(source);
        self.by_key.insert(key, id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_start_lines() {
        let n = numbered("1.2.3. Pro: x").unwrap();
        assert_eq!(n.components, [Some(1), Some(2), Some(3)]);
        assert_eq!((n.start, n.end), (0, 6));
        assert!(numbered("1.").is_some());
        assert!(numbered("2.5 million").is_none());
        assert!(numbered("1.2.x").is_none());
        assert!(numbered("x 1.2.").is_none());
        assert!(numbered("").is_none());
        assert_eq!(numbered("99999999999. x").unwrap().components, [None]);
    }

    #[test]
    fn ids_come_from_numbers() {
        assert_eq!(claim_id("1.2.3.").unwrap().as_str(), "k1-2-3");
        assert!(claim_id(&"1.".repeat(150)).is_none());
    }
}
