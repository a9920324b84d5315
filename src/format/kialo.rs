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

use std::collections::HashMap;

use crate::diagnostic::{did_you_mean, Diagnostic, Severity, Span};
use crate::format::json::{LoadError, Loaded};
use crate::model::{
    Claim, Id, IdPool, Map, Meta, MetaData, ModelError, Origin, Relation, RelationKind, Source,
    SourceKind,
};

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
    let mut reader = Reader::new(src);
    reader.read_lines();
    reader.finish_entry();
    reader.build()
}

// ---- lines and numbers -----------------------------------------------------------------

/// A claim number at the start of a line: `1.2.3.`.
struct Number {
    /// Offset of the first digit in the line.
    start: usize,
    /// Offset just past the number's last `.` in the line.
    end: usize,
    /// The parts, or `None` for a part too large to be a number.
    components: Vec<Option<u32>>,
}

/// The number a line starts with (after any blanks), if it starts with one: digits and a dot,
/// at least once, followed by a blank or the end of the line.
fn numbered(line: &str) -> Option<Number> {
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
fn canonical(components: &[u32]) -> String {
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
enum Stance {
    None,
    Thesis,
    Pro,
    Con,
}

impl Stance {
    fn word(self) -> &'static str {
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
            self.diags.push(Diagnostic {
                severity,
                message: format!("{more} more {}(s) not listed", severity.as_str()),
                hint: Some("fix the problems above and read the file again".into()),
                span: None,
                location: None,
            });
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

/// The number in `-> See 1.2.3.`, with its offset in the text, if the text is such a link.
fn link_target(text: &str) -> Option<(usize, &str)> {
    let rest = text.trim_start().strip_prefix("->")?.trim_start();
    let rest = rest.strip_prefix("See")?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let target = rest.trim();
    let ok = !target.is_empty() && target.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    let offset = text.len() - rest.trim_start().len();
    ok.then_some((offset, target))
}

/// The canonical number of a link target (`1.2` and `1.2.` are the same).
fn parse_target(target: &str) -> Option<String> {
    let parts: Option<Vec<u32>> = target
        .trim_end_matches('.')
        .split('.')
        .map(|p| p.parse::<u32>().ok())
        .collect();
    parts.filter(|p| !p.is_empty()).map(|p| canonical(&p))
}

/// A footnote line of the newer layout: `[1] text`.
fn footnote(line: &str) -> Option<(u32, &str)> {
    let rest = line.strip_prefix('[')?;
    let close = rest.find(']')?;
    let n = rest[..close].parse::<u32>().ok()?;
    Some((n, rest[close + 1..].trim()))
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

// ---- text: escapes, links and footnotes ---------------------------------------------------

/// A claim's text with escapes undone, and what it cites.
struct Rendered {
    text: String,
    /// Markdown links: label (plain) and address.
    links: Vec<(String, String)>,
    /// Footnote markers `[1]`.
    footnotes: Vec<u32>,
}

/// Undoes Kialo's escapes (a backslash before an ASCII punctuation character, as in
/// Markdown: `\(`, `\]`, `\*`, ...) and finds Markdown links `[label](url)`. A link stays in
/// the text as written, so that it still reads as a link.
fn render(raw: &str) -> Rendered {
    let bytes = raw.as_bytes();
    let mut out = Rendered {
        text: String::with_capacity(raw.len()),
        links: Vec::new(),
        footnotes: Vec::new(),
    };
    let mut i = 0;
    let mut copied = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if bytes.get(i + 1).is_some_and(u8::is_ascii_punctuation) => {
                out.text.push_str(&raw[copied..i]);
                copied = i + 1;
                i += 2;
            }
            b'[' => {
                if let Some(link) = scan_link(raw, i) {
                    // The link stays as written: it is Markdown already.
                    out.text.push_str(&raw[copied..link.end]);
                    let label = unescape(&raw[link.label.0..link.label.1]);
                    let url = unescape(&raw[link.url.0..link.url.1]).trim().to_owned();
                    let label = if label.trim().is_empty() {
                        url.clone()
                    } else {
                        label.trim().to_owned()
                    };
                    out.links.push((label, url));
                    i = link.end;
                    copied = i;
                } else {
                    if let Some(n) = footnote(&raw[i..]).map(|(n, _)| n) {
                        out.footnotes.push(n);
                    }
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    out.text.push_str(&raw[copied..]);
    out
}

/// A backslash before ASCII punctuation dropped.
fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&next) = chars.peek().filter(|n| n.is_ascii_punctuation()) {
                out.push(next);
                chars.next();
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Byte ranges of a Markdown link's label and address, and the offset after it.
struct LinkAt {
    label: (usize, usize),
    url: (usize, usize),
    end: usize,
}

/// A Markdown link starting at the `[` at `open`: escaped brackets and parentheses do not
/// count; unescaped ones nest. A link does not span lines.
fn scan_link(raw: &str, open: usize) -> Option<LinkAt> {
    let bytes = raw.as_bytes();
    let close = matching(bytes, open + 1, b'[', b']')?;
    if bytes.get(close + 1) != Some(&b'(') {
        return None;
    }
    let end = matching(bytes, close + 2, b'(', b')')?;
    let url = raw[close + 2..end].trim();
    if url.is_empty() || url.contains(char::is_whitespace) {
        return None;
    }
    Some(LinkAt {
        label: (open + 1, close),
        url: (close + 2, end),
        end: end + 1,
    })
}

/// The offset of the `close` byte that ends a group opened just before `from`.
fn matching(bytes: &[u8], from: usize, open: u8, close: u8) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        if b == b'\\' && bytes.get(i + 1).is_some_and(u8::is_ascii_punctuation) {
            i += 2;
            continue;
        }
        if b == b'\n' {
            return None;
        }
        if b == open {
            depth += 1;
        } else if b == close {
            if depth == 0 {
                return Some(i);
            }
            depth -= 1;
        }
        i += 1;
    }
    None
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

// ---- writing ----------------------------------------------------------------------------

/// Writes a map as a Kialo export (classic layout): `Discussion Title: <title>`, an empty
/// line, then each root thesis and its tree depth-first, numbered `1.`, `1.1.`, ...
///
/// Claims that `supports` a claim are written `Pro:`, claims that `rebuts` it `Con:`.
/// Siblings keep the order of their Kialo numbers when the map came from Kialo, else the
/// order the relations were added. A claim with a second parent is written in full at its
/// first place and as `-> See <its number>` at the others. Several root theses are written as
/// theses `1.`, `2.`, ... (a layout third-party parsers read, Kialo itself may not). Each
/// claim stands on one line, with `( ) [ ]` escaped, Markdown links kept and a claim's
/// source written as a link when its text does not cite it. Lines end in LF.
///
/// Kialo has no form for the rest; [`lost`] lists what this leaves out.
///
/// # Errors
///
/// Only the errors of `out`.
pub fn to_writer(map: &Map, mut out: impl std::io::Write) -> std::io::Result<()> {
    out.write_all(to_string(map).as_bytes())?;
    out.flush()
}

/// The Kialo export of a map as a string (see [`to_writer`]).
pub fn to_string(map: &Map) -> String {
    Tree::new(map).write(map)
}

/// What a Kialo export of this map leaves out, one sentence each: relations other than
/// claim-to-claim supports and rebuttals, arguments, actors and stances, groups, claims no
/// root thesis reaches, and claim details (titles, quotes, dates, tags, notes). Empty when
/// the export keeps everything.
pub fn lost(map: &Map) -> Vec<String> {
    let tree = Tree::new(map);
    let mut out = Vec::new();
    let mut other: Vec<(&'static str, usize)> = Vec::new();
    for r in map.relations() {
        let claim_to_claim = map.claim(&r.from).is_some() && map.claim(&r.to).is_some();
        let kept =
            claim_to_claim && matches!(r.kind, RelationKind::Supports | RelationKind::Rebuts);
        if !kept {
            match other.iter_mut().find(|(k, _)| *k == r.kind.as_str()) {
                Some((_, n)) => *n += 1,
                None => other.push((r.kind.as_str(), 1)),
            }
        }
    }
    for (kind, n) in other {
        out.push(format!(
            "{n} `{kind}` relation(s) have no Kialo form and are left out"
        ));
    }
    let counts = [
        (map.arguments().count(), "argument(s)"),
        (map.actors().count(), "actor(s), with their stances"),
        (map.groups().count(), "group(s)"),
    ];
    for (n, what) in counts {
        if n > 0 {
            out.push(format!("{n} {what} have no Kialo form and are left out"));
        }
    }
    let (written, _) = tree.lines();
    let unreached = map
        .claims()
        .filter(|c| !written.contains_key(c.id.as_str()))
        .count();
    if unreached > 0 {
        out.push(format!(
            "{unreached} claim(s) stand below no root thesis (they answer each other in a circle, or are only premises of arguments) and are left out"
        ));
    }
    if tree.roots.len() > 1 {
        out.push(format!(
            "the map has {} root theses; they are written as theses 1. to {}., which Kialo itself may not import",
            tree.roots.len(),
            tree.roots.len()
        ));
    }
    let detailed = map
        .claims()
        .filter(|c| {
            c.title.is_some()
                || c.quote.is_some()
                || c.date.is_some()
                || !c.meta.tags().is_empty()
                || c.meta.note().is_some()
        })
        .count();
    if detailed > 0 {
        out.push(format!(
            "{detailed} claim(s) have a title, quote, date, tags or a note, which Kialo cannot hold"
        ));
    }
    let multiline = map
        .claims()
        .filter(|c| c.text.contains(['\n', '\r']))
        .count();
    if multiline > 0 {
        out.push(format!(
            "{multiline} claim(s) span several lines and are joined into one"
        ));
    }
    out
}

/// The claims of a map as Kialo's tree: each claim's children in order.
struct Tree<'m> {
    roots: Vec<&'m Claim>,
    /// Each claim's supports and rebuttals from claims, in sibling order, each marked when
    /// it came from a Kialo `-> See` line.
    children: HashMap<&'m str, Vec<Child<'m>>>,
}

#[derive(Clone, Copy)]
struct Child<'m> {
    claim: &'m Claim,
    kind: RelationKind,
    /// Whether the relation was read from a `-> See` line (its origin is that line).
    was_link: bool,
}

/// One line of the export: its number, its claim, the relation to its parent (none for a
/// thesis) and whether it is a `-> See` line for a claim written in full elsewhere.
struct Line<'m> {
    number: String,
    claim: &'m Claim,
    kind: Option<RelationKind>,
    link: bool,
}

/// A claim's place among its siblings in a Kialo origin: the last part of `1.2.3.`.
fn sibling_number(origin: Option<&Origin>) -> Option<u32> {
    let origin = origin.filter(|o| o.format == FORMAT)?;
    origin
        .id
        .trim_end_matches('.')
        .rsplit('.')
        .next()?
        .parse()
        .ok()
}

impl<'m> Tree<'m> {
    fn new(map: &'m Map) -> Tree<'m> {
        let mut children: HashMap<&str, Vec<(u32, usize, Child)>> = HashMap::new();
        for (order, r) in map.relations().enumerate() {
            if !matches!(r.kind, RelationKind::Supports | RelationKind::Rebuts) {
                continue;
            }
            let (Some(from), Some(_)) = (map.claim(&r.from), map.claim(&r.to)) else {
                continue;
            };
            // A link line's number is on the relation; a claim's own on the claim.
            let was_link = r.meta.origin().is_some_and(|o| o.format == FORMAT);
            let key = sibling_number(r.meta.origin())
                .or_else(|| sibling_number(from.meta.origin()))
                .unwrap_or(u32::MAX);
            let child = Child {
                claim: from,
                kind: r.kind,
                was_link,
            };
            children
                .entry(r.to.as_str())
                .or_default()
                .push((key, order, child));
        }
        let children = children
            .into_iter()
            .map(|(parent, mut kids)| {
                kids.sort_by_key(|&(key, order, _)| (key, order));
                (parent, kids.into_iter().map(|(_, _, c)| c).collect())
            })
            .collect();
        let mut roots = map.root_theses();
        roots.sort_by_key(|c| sibling_number(c.meta.origin()).unwrap_or(u32::MAX));
        Tree { roots, children }
    }

    /// The claims the roots reach, each with the number it is written in full at, and the
    /// lines to write. Depth-first, without recursion.
    ///
    /// A claim with several parents is written in full once: under the parent of a relation
    /// that did not come from a `-> See` line, when one is reachable (so that a Kialo file
    /// keeps its shape), else at its first place; every other place gets a `-> See` line.
    fn lines(&self) -> (HashMap<&'m str, String>, Vec<Line<'m>>) {
        // The claims reached without following a relation that was a link.
        let mut home: std::collections::HashSet<&str> = std::collections::HashSet::new();
        let mut todo: Vec<&Claim> = self.roots.clone();
        while let Some(claim) = todo.pop() {
            if home.insert(claim.id.as_str()) {
                let kids = self.children.get(claim.id.as_str()).into_iter().flatten();
                todo.extend(kids.filter(|c| !c.was_link).map(|c| c.claim));
            }
        }
        let mut written: HashMap<&str, String> = HashMap::new();
        let mut lines = Vec::new();
        // Each frame: a claim written in full, its number and the index of its next child.
        let mut stack: Vec<(&'m Claim, String, usize)> = Vec::new();
        for (i, &root) in self.roots.iter().enumerate() {
            let number = format!("{}.", i + 1);
            written.insert(root.id.as_str(), number.clone());
            lines.push(Line {
                number: number.clone(),
                claim: root,
                kind: None,
                link: false,
            });
            stack.push((root, number, 0));
            while let Some((claim, number, next)) = stack.last_mut() {
                let Some(&child) = self
                    .children
                    .get(claim.id.as_str())
                    .and_then(|kids| kids.get(*next))
                else {
                    stack.pop();
                    continue;
                };
                *next += 1;
                let child_number = format!("{number}{next}.");
                let id = child.claim.id.as_str();
                // A claim is written in full at its first place, unless this place was a
                // link and the claim has a home elsewhere.
                let link = written.contains_key(id) || (child.was_link && home.contains(id));
                lines.push(Line {
                    number: child_number.clone(),
                    claim: child.claim,
                    kind: Some(child.kind),
                    link,
                });
                if !link {
                    written.insert(id, child_number.clone());
                    stack.push((child.claim, child_number, 0));
                }
            }
        }
        (written, lines)
    }

    fn write(&self, map: &Map) -> String {
        let mut out = String::new();
        out.push_str("Discussion Title: ");
        out.push_str(&escape(&one_line(&map.title)));
        out.push_str("\n\n");
        let (written, lines) = self.lines();
        for line in lines {
            out.push_str(&line.number);
            match line.kind {
                Some(RelationKind::Rebuts) => out.push_str(" Con: "),
                Some(_) => out.push_str(" Pro: "),
                None => out.push(' '),
            }
            // A link's claim is always written in full somewhere: before it, or (when this
            // place was a link in Kialo too) after it.
            match written.get(line.claim.id.as_str()).filter(|_| line.link) {
                Some(first) => {
                    out.push_str("-> See ");
                    out.push_str(first);
                }
                None => out.push_str(&claim_text(map, line.claim)),
            }
            out.push('\n');
        }
        out
    }
}

/// A claim's text as Kialo writes it: the raw text it was imported with if that still says
/// the same, else the text on one line, escaped, with its source as a link.
fn claim_text(map: &Map, claim: &Claim) -> String {
    let raw = claim
        .meta
        .ext()
        .and_then(|ext| ext.get("kialo_text"))
        .and_then(|v| v.as_str())
        .filter(|raw| !raw.contains('\n') && render(raw).text == claim.text);
    if let Some(raw) = raw {
        return raw.to_owned();
    }
    let mut text = escape(&one_line(&claim.text));
    if text.is_empty() {
        text = escape(&claim.id);
    }
    let cited = claim
        .source
        .as_deref()
        .and_then(|s| map.source(s))
        .and_then(|s| Some((s, s.url.as_deref()?)))
        .filter(|(_, url)| !claim.text.contains(url));
    if let Some((source, url)) = cited {
        let label: String = escape_brackets(&one_line(&source.title));
        text.push_str(&format!(" [{label}]({url})"));
    }
    if link_target(&text).is_some() {
        // Text that reads like a link line: escape its `>` so it stays a claim.
        text = text.replacen("->", r"-\>", 1);
    }
    for stance in [Stance::Pro, Stance::Con, Stance::Thesis] {
        let word = stance.word();
        let reads_as_stance = text
            .get(..word.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(word))
            && text[word.len()..]
                .chars()
                .next()
                .is_none_or(char::is_whitespace);
        if reads_as_stance {
            // Text that starts like a stance mark: escape its colon so it stays text.
            text.insert(word.len() - 1, '\\');
        }
    }
    text
}

/// Newlines and other control characters as single spaces.
fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_control())
        .filter(|part| !part.trim().is_empty())
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Escapes `( ) [ ]` and a backslash that would escape what follows; Markdown links are
/// written as they stand.
fn escape(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    let mut copied = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'[' {
            if let Some(link) = scan_link(text, i) {
                out.push_str(&text[copied..link.end]);
                i = link.end;
                copied = i;
                continue;
            }
        }
        let escaped = matches!(b, b'(' | b')' | b'[' | b']')
            || (b == b'\\' && bytes.get(i + 1).is_some_and(u8::is_ascii_punctuation));
        if escaped {
            out.push_str(&text[copied..i]);
            out.push('\\');
            copied = i;
        }
        i += 1;
    }
    out.push_str(&text[copied..]);
    out
}

/// Escapes every bracket, parenthesis and escaping backslash of a link label.
fn escape_brackets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let escaped = matches!(c, '(' | ')' | '[' | ']')
            || (c == '\\' && chars.peek().is_some_and(char::is_ascii_punctuation));
        if escaped {
            out.push('\\');
        }
        out.push(c);
    }
    out
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

    #[test]
    fn render_keeps_links_and_drops_escapes() {
        let r = render(r"See \[1\] and [the \[draft\] report](https://e.org/a_(b)) \(p. 4\)\*");
        assert_eq!(
            r.text,
            r"See [1] and [the \[draft\] report](https://e.org/a_(b)) (p. 4)*"
        );
        assert_eq!(
            r.links,
            [(
                "the [draft] report".to_owned(),
                "https://e.org/a_(b)".to_owned()
            )]
        );
        assert!(r.footnotes.is_empty());
        assert_eq!(render(r"a \x \\").text, r"a \x \");
        assert_eq!(render("[x] [y](").text, "[x] [y](");
        assert_eq!(render("Fact [2].").footnotes, [2]);
    }

    #[test]
    fn link_targets() {
        assert_eq!(link_target("-> See 1.2.1."), Some((7, "1.2.1.")));
        assert_eq!(link_target("  -> See 1.2 "), Some((9, "1.2")));
        assert_eq!(link_target("-> See the report"), None);
        assert_eq!(link_target("->See 1."), Some((6, "1.")));
        assert_eq!(link_target("-> Seen 1."), None);
        assert_eq!(parse_target("1.02"), Some("1.2.".into()));
        assert_eq!(parse_target("."), None);
    }

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
