//! Writes a map as Argdown text that `@argdown/cli` 1.7.5 accepts and a coach can edit.
//!
//! The layout, in file order:
//!
//! * front matter between `===` lines: the map's `title` and `description`,
//!   `model: {mode: loose}` (so that `-` means attack), and the `actors` and `sources` as
//!   YAML lists of flow mappings, each with its `id`;
//! * claims and arguments in no group, in map order;
//! * every group as a heading (`#`, `##` for a group inside it, ...) with `{id: ...}` data,
//!   followed by the claims and arguments it holds and then its inner groups.
//!
//! A claim is one block `[id]: text #tag {data}`, an argument `<id>: text #tag {data}` (or
//! `<id>` without a text). The Argdown title is always the element's id, so reading the file
//! back gives the same ids. Under an element, indented four spaces, come the relations that
//! end at it (`+ [from]` supports, `- [from]` rebuts, `_ [from]` undercuts) and the
//! contradictions that start at it (`>< [to]`); what a relation carries (who made it, its
//! source, quote and note) is in `{relation: {...}}` data on its line.
//! An argument with premises and a conclusion is followed by its premise-conclusion
//! structure as the next block. What Argdown has no syntax for (actors' stances, rephrases,
//! sources, notes, the exact text when it spans lines) goes into inline data; the keys are
//! listed in the format document, `docs/formats/argdown.md`.
//!
//! Text is kept on one line and every character Argdown would read as syntax is escaped
//! with a backslash, so hostile text stays text; see [`escape_text`].

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io::{self, Write};

use serde_json::Value;

use crate::model::{
    ActorLinkKind, ClaimKind, Element, Group, Id, Map, Meta, Relation, RelationKind, Stance,
    StanceKind,
};

/// Writes a map as Argdown text. The same map always gives the same bytes.
///
/// # Errors
///
/// Only the errors of `out`; the map itself cannot make writing fail.
pub fn to_writer(map: &Map, out: impl Write) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    let links = Links::new(map);
    write_front_matter(map, &mut out)?;
    let groups = group_order(map);
    let mut home: HashMap<&str, &Id> = HashMap::new();
    let mut also_in: HashMap<&str, Vec<&Id>> = HashMap::new();
    for (group, _) in &groups {
        for member in &group.members {
            match home.get(member.as_str()) {
                None => {
                    home.insert(member.as_str(), &group.id);
                }
                Some(&first) if first != &group.id => {
                    let others = also_in.entry(member.as_str()).or_default();
                    if !others.contains(&&group.id) {
                        others.push(&group.id);
                    }
                }
                Some(_) => {}
            }
        }
    }
    let elements = Elements {
        map,
        links: &links,
        also_in: &also_in,
    };
    // Where each claim and argument stands in the file.
    let mut position: HashMap<&str, usize> = HashMap::new();
    for element in map.elements() {
        let id = element.id();
        if !home.contains_key(id.as_str()) && !matches!(element, Element::Actor(_)) {
            position.insert(id.as_str(), position.len());
            elements.write(id, &mut out)?;
        }
    }
    for (group, _) in &groups {
        for member in &group.members {
            if home.get(member.as_str()) == Some(&&group.id) {
                let next = position.len();
                position.entry(member.as_str()).or_insert(next);
            }
        }
    }
    let mut written: HashSet<&str> = HashSet::new();
    for (group, depth) in &groups {
        // A reader lists a group's members in file order, those written under an earlier
        // heading first; when that is not the group's order, the heading says it.
        let at = |m: &Id| position.get(m.as_str()).copied().unwrap_or(usize::MAX);
        let in_file_order = group.members.windows(2).all(|w| at(&w[0]) < at(&w[1]));
        write_heading(group, *depth, !in_file_order, &mut out)?;
        for member in &group.members {
            if home.get(member.as_str()) == Some(&&group.id) && written.insert(member.as_str()) {
                elements.write(member, &mut out)?;
            }
        }
    }
    out.flush()
}

/// The map as Argdown text, as [`to_writer`] writes it.
pub fn to_string(map: &Map) -> String {
    let mut out = Vec::new();
    to_writer(map, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("the writer writes UTF-8")
}

/// The links of the map, gathered in one pass and kept in map order, by the element under
/// which the file writes them.
struct Links<'m> {
    /// Supports, rebuts and undercuts by their target; contradictions by their `from` end.
    nested: HashMap<&'m str, Vec<&'m Relation>>,
    /// Rephrases by the restating claim.
    rephrases: HashMap<&'m str, Vec<&'m Relation>>,
    premises: HashMap<&'m str, Vec<&'m Relation>>,
    conclusion: HashMap<&'m str, &'m Relation>,
    stances: HashMap<&'m str, Vec<&'m Stance>>,
}

impl<'m> Links<'m> {
    fn new(map: &'m Map) -> Links<'m> {
        let mut links = Links {
            nested: HashMap::new(),
            rephrases: HashMap::new(),
            premises: HashMap::new(),
            conclusion: HashMap::new(),
            stances: HashMap::new(),
        };
        for r in map.relations() {
            match r.kind {
                RelationKind::Supports | RelationKind::Rebuts | RelationKind::Undercuts => {
                    links.nested.entry(r.to.as_str()).or_default().push(r);
                }
                RelationKind::Contradicts => {
                    links.nested.entry(r.from.as_str()).or_default().push(r);
                }
                RelationKind::Rephrases => {
                    links.rephrases.entry(r.from.as_str()).or_default().push(r);
                }
                RelationKind::Premise => {
                    links.premises.entry(r.to.as_str()).or_default().push(r);
                }
                RelationKind::Conclusion => {
                    links.conclusion.insert(r.from.as_str(), r);
                }
            }
        }
        for s in map.stances() {
            links.stances.entry(s.target.as_str()).or_default().push(s);
        }
        links
    }
}

/// Groups in the order the file writes them (each followed by the groups inside it), with
/// their depth: 0 for a group without a parent.
fn group_order(map: &Map) -> Vec<(&Group, usize)> {
    let mut children: HashMap<&str, Vec<&Group>> = HashMap::new();
    let mut roots = Vec::new();
    for g in map.groups() {
        match g.parent.as_ref().filter(|p| map.group(p).is_some()) {
            Some(p) => children.entry(p.as_str()).or_default().push(g),
            None => roots.push(g),
        }
    }
    // An explicit stack, not recursion: nesting may be deep. The model refuses cycles; the
    // `seen` set keeps a bad map from looping all the same.
    let mut order = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    let mut stack: Vec<(&Group, usize)> = roots.into_iter().rev().map(|g| (g, 0)).collect();
    while let Some((g, depth)) = stack.pop() {
        if !seen.insert(g.id.as_str()) {
            continue;
        }
        order.push((g, depth));
        if let Some(inner) = children.get(g.id.as_str()) {
            stack.extend(inner.iter().rev().map(|c| (*c, depth + 1)));
        }
    }
    order
}

fn write_front_matter(map: &Map, out: &mut impl Write) -> io::Result<()> {
    let mut fm = String::from("===\n");
    fm.push_str("title: ");
    quote(&map.title, &mut fm);
    fm.push('\n');
    if let Some(description) = &map.description {
        fm.push_str("description: ");
        quote(description, &mut fm);
        fm.push('\n');
    }
    fm.push_str("model:\n    mode: loose\n");
    // Tells a reader that the titles are the ids and the data keys are argumap's.
    fm.push_str("titles_are_ids: true\n");
    let mut actors = map.actors().peekable();
    if actors.peek().is_some() {
        fm.push_str("actors:\n");
    }
    for a in actors {
        let mut d = Data::default();
        d.str("id", &a.id);
        d.str("name", &a.name);
        d.str("kind", a.kind.as_str());
        d.opt("role", a.role.as_deref());
        for kind in ActorLinkKind::ALL {
            let others = map.actor_links_of(&a.id, kind);
            d.list(kind.as_str(), others.iter().map(|id| id.as_str()));
        }
        d.meta(&a.meta, true);
        let _ = writeln!(fm, "    - {{{}}}", d.flow());
    }
    let mut sources = map.sources().peekable();
    if sources.peek().is_some() {
        fm.push_str("sources:\n");
    }
    for s in sources {
        let mut d = Data::default();
        d.str("id", &s.id);
        d.str("kind", s.kind.as_str());
        d.str("title", &s.title);
        d.opt("author", s.author.as_deref());
        d.opt("publisher", s.publisher.as_deref());
        d.opt("date", s.date.as_deref());
        d.opt("url", s.url.as_deref());
        d.opt("via", s.via.as_deref());
        d.meta(&s.meta, true);
        let _ = writeln!(fm, "    - {{{}}}", d.flow());
    }
    let mut sides = map.sides().peekable();
    if sides.peek().is_some() {
        fm.push_str("sides:\n");
    }
    for s in sides {
        let mut d = Data::default();
        d.str("id", &s.id);
        d.str("name", &s.name);
        d.list_always("actors", s.actors.iter().map(|a| a.as_str()));
        d.meta(&s.meta, true);
        let _ = writeln!(fm, "    - {{{}}}", d.flow());
    }
    if let Some(ext) = &map.ext {
        fm.push_str("ext: ");
        yaml_object(ext, &mut fm);
        fm.push('\n');
    }
    fm.push_str("===\n\n");
    out.write_all(fm.as_bytes())
}

fn write_heading(
    group: &Group,
    depth: usize,
    members: bool,
    out: &mut impl Write,
) -> io::Result<()> {
    let mut line = "#".repeat(depth + 1);
    line.push(' ');
    let (mut text, mut exact) = escape_text(&group.title);
    if text.is_empty() {
        // A heading needs text: a blank title shows the id, and the data keeps the title.
        text = group.id.to_string();
        exact = false;
    }
    line.push_str(&text);
    let mut d = Data::default();
    d.str("id", &group.id);
    if !exact {
        d.str("title", &group.title);
    }
    if members {
        d.list_always("members", group.members.iter().map(|m| m.as_str()));
    }
    let tags = inline_tags(&group.meta, &mut d);
    line.push_str(&tags);
    d.meta(&group.meta, false);
    line.push_str(&d.inline());
    line.push_str("\n\n");
    out.write_all(line.as_bytes())
}

/// Writes claims and arguments, each with its relations and structure.
struct Elements<'a, 'm> {
    map: &'m Map,
    links: &'a Links<'m>,
    also_in: &'a HashMap<&'m str, Vec<&'m Id>>,
}

impl Elements<'_, '_> {
    fn write(&self, id: &Id, out: &mut impl Write) -> io::Result<()> {
        let mut block = String::new();
        let mut d = Data::default();
        let meta;
        if let Some(c) = self.map.claim(id) {
            let (text, exact) = escape_text(&c.text);
            // A definition needs text; a blank claim is written as a reference.
            if text.is_empty() {
                let _ = write!(block, "[{id}]");
            } else {
                let _ = write!(block, "[{id}]: {text}");
            }
            d.opt("title", c.title.as_deref());
            if c.kind != ClaimKind::Debate {
                d.str("kind", c.kind.as_str());
            }
            self.stances(id, &mut d);
            d.opt("source", c.source.as_deref());
            d.opt("quote", c.quote.as_deref());
            d.opt("date", c.date.as_deref());
            if !exact || text.is_empty() {
                d.str("text", &c.text);
            }
            meta = &c.meta;
        } else if let Some(a) = self.map.argument(id) {
            let (text, exact) = a.text.as_deref().map_or((String::new(), true), escape_text);
            if text.is_empty() {
                let _ = write!(block, "<{id}>");
            } else {
                let _ = write!(block, "<{id}>: {text}");
            }
            d.opt("title", a.title.as_deref());
            self.stances(id, &mut d);
            d.opt("source", a.source.as_deref());
            d.opt("quote", a.quote.as_deref());
            d.opt("date", a.date.as_deref());
            if !exact || a.text.as_deref() == Some("") {
                d.opt("text", a.text.as_deref());
            }
            meta = &a.meta;
        } else {
            return Ok(());
        }
        if let Some(rephrases) = self.links.rephrases.get(id.as_str()) {
            d.list("rephrases", rephrases.iter().map(|r| r.to.as_str()));
            let details = rephrases
                .iter()
                .filter(|r| !r.is_bare())
                .map(|r| {
                    let mut inner = Data::default();
                    inner.str("to", &r.to);
                    relation_data(r, &mut inner);
                    inner
                })
                .collect();
            d.mappings("rephrase_details", details);
        }
        if let Some(groups) = self.also_in.get(id.as_str()) {
            d.list("also_in", groups.iter().map(|g| g.as_str()));
        }
        // Premises and conclusion are written as a premise-conclusion structure when there
        // are both; an incomplete structure has no Argdown form and goes into the data.
        let premises = self.links.premises.get(id.as_str());
        let conclusion = self.links.conclusion.get(id.as_str());
        let complete = premises.is_some_and(|p| !p.is_empty()) && conclusion.is_some();
        if !complete {
            if let Some(p) = premises {
                d.list("premises", p.iter().map(|p| p.from.as_str()));
                let details = p
                    .iter()
                    .filter(|r| !r.is_bare())
                    .map(|r| {
                        let mut inner = Data::default();
                        inner.str("from", &r.from);
                        relation_data(r, &mut inner);
                        inner
                    })
                    .collect();
                d.mappings("premise_details", details);
            }
            d.opt("conclusion", conclusion.map(|c| c.to.as_str()));
            if let Some(c) = conclusion.filter(|c| !c.is_bare()) {
                let mut inner = Data::default();
                relation_data(c, &mut inner);
                let _ = write!(d.key("conclusion_details"), "{{{}}}", inner.flow());
            }
        }
        block.push_str(&inline_tags(meta, &mut d));
        d.meta(meta, false);
        block.push_str(&d.after_element());
        block.push('\n');
        for r in self.links.nested.get(id.as_str()).into_iter().flatten() {
            let (symbol, other) = match r.kind {
                RelationKind::Supports => ("+", &r.from),
                RelationKind::Rebuts => ("-", &r.from),
                RelationKind::Undercuts => ("_", &r.from),
                _ => ("><", &r.to),
            };
            let _ = writeln!(
                block,
                "    {symbol} {}{}",
                self.reference(other),
                line_data(r)
            );
        }
        block.push('\n');
        if let (true, Some(premises), Some(conclusion)) = (complete, premises, conclusion) {
            for (i, p) in premises.iter().enumerate() {
                let _ = writeln!(block, "({}) [{}]{}", i + 1, p.from, line_data(p));
            }
            let _ = writeln!(
                block,
                "----\n({}) [{}]{}\n",
                premises.len() + 1,
                conclusion.to,
                line_data(conclusion)
            );
        }
        out.write_all(block.as_bytes())
    }

    /// `[id]` for a claim, `<id>` for an argument.
    fn reference(&self, id: &Id) -> String {
        if self.map.argument(id).is_some() {
            format!("<{id}>")
        } else {
            format!("[{id}]")
        }
    }

    /// The actors' stances on an element: one key per kind naming the actors, and the
    /// details of stances that carry more than their kind.
    fn stances(&self, id: &Id, d: &mut Data) {
        let Some(stances) = self.links.stances.get(id.as_str()) else {
            return;
        };
        for kind in StanceKind::ALL {
            let actors: Vec<&str> = stances
                .iter()
                .filter(|s| s.kind == kind)
                .map(|s| s.actor.as_str())
                .collect();
            d.names(stance_key(kind), &actors);
        }
        let details = stances
            .iter()
            .filter(|s| {
                s.source.is_some() || s.quote.is_some() || s.date.is_some() || !s.meta.is_empty()
            })
            .map(|s| {
                let mut inner = Data::default();
                inner.str("actor", &s.actor);
                inner.str("kind", s.kind.as_str());
                inner.opt("source", s.source.as_deref());
                inner.opt("quote", s.quote.as_deref());
                inner.opt("date", s.date.as_deref());
                inner.meta(&s.meta, true);
                inner
            })
            .collect();
        d.mappings("stances", details);
    }
}

/// The data key that names the actors taking a kind of stance. `actor` is the key Argdown
/// users write for who asserts something.
fn stance_key(kind: StanceKind) -> &'static str {
    match kind {
        StanceKind::Asserts => "actor",
        StanceKind::Endorses => "endorsed_by",
        StanceKind::Denies => "denied_by",
        StanceKind::Questions => "questioned_by",
    }
}

/// ` {relation: {...}}` for a relation line (or a line of a premise-conclusion structure)
/// whose relation carries more than its ends, else nothing.
///
/// Argdown merges the data of every mention into the element's data, so the relation's own
/// keys sit under one `relation` key that no element uses.
fn line_data(r: &Relation) -> String {
    let mut inner = Data::default();
    relation_data(r, &mut inner);
    let mut rd = Data::default();
    if !inner.is_empty() {
        let _ = write!(rd.key("relation"), "{{{}}}", inner.flow());
    }
    rd.inline()
}

/// What a relation carries besides its ends and kind.
fn relation_data(r: &Relation, d: &mut Data) {
    d.names("by", &r.by.iter().map(Id::as_str).collect::<Vec<_>>());
    d.opt("source", r.source.as_deref());
    d.opt("quote", r.quote.as_deref());
    d.meta(&r.meta, true);
}

/// The tags Argdown can hold, as ` #tag` or ` #(tag words)`; the others go into `d` under
/// `tags`.
fn inline_tags(meta: &Meta, d: &mut Data) -> String {
    let mut inline = String::new();
    let mut other = Vec::new();
    let tags = meta.tags();
    // Inline tags are read first and once each: when some tag cannot be inline, or one
    // is repeated, all go into the data, so their order and number stay.
    let inlinable = |tag: &String| {
        !tag.is_empty()
            && tag.trim() == tag
            && !tag
                .chars()
                .any(|c| c == ')' || c.is_control() || c.is_whitespace() && c != ' ')
    };
    let unique: HashSet<&String> = tags.iter().collect();
    if unique.len() < tags.len() || !tags.iter().all(inlinable) {
        d.list("tags", tags.iter().map(String::as_str));
        return inline;
    }
    for tag in tags {
        if !tag.is_empty() && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            let _ = write!(inline, " #{tag}");
        } else if !tag.is_empty()
            && tag.trim() == tag
            && !tag
                .chars()
                .any(|c| c == ')' || c.is_control() || c.is_whitespace() && c != ' ')
        {
            let _ = write!(inline, " #({tag})");
        } else {
            other.push(tag.as_str());
        }
    }
    d.list("tags", other);
    inline
}

/// Data under construction: `key: value` pairs, written as a YAML flow mapping, on one
/// line or, when long, one key a line. Every value is a double-quoted string or a list or
/// mapping of them, so no id or text is ever read as a number, a boolean or null.
#[derive(Default)]
struct Data(
    Vec<(&'static str, String)>,
    HashMap<&'static str, Vec<String>>,
);

/// Data longer than this goes on lines of its own, one key a line.
const INLINE_DATA: usize = 80;

impl Data {
    /// A new entry; the caller writes its value into the returned string.
    fn key(&mut self, key: &'static str) -> &mut String {
        self.0.push((key, String::new()));
        &mut self.0.last_mut().expect("just pushed").1
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn str(&mut self, key: &'static str, value: &str) {
        quote(value, self.key(key));
    }

    fn opt(&mut self, key: &'static str, value: Option<&str>) {
        if let Some(v) = value {
            self.str(key, v);
        }
    }

    /// A list, written only when it is not empty.
    fn list<'s>(&mut self, key: &'static str, items: impl IntoIterator<Item = &'s str>) {
        let mut items = items.into_iter().peekable();
        if items.peek().is_none() {
            return;
        }
        let out = self.key(key);
        out.push('[');
        for (i, item) in items.enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            quote(item, out);
        }
        out.push(']');
    }

    /// A list, written even when it is empty.
    fn list_always<'s>(&mut self, key: &'static str, items: impl IntoIterator<Item = &'s str>) {
        let out = self.key(key);
        out.push('[');
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            quote(item, out);
        }
        out.push(']');
    }

    /// A list of mappings, written only when it is not empty.
    fn mappings(&mut self, key: &'static str, items: Vec<Data>) {
        if items.is_empty() {
            return;
        }
        let items: Vec<String> = items.iter().map(|i| format!("{{{}}}", i.flow())).collect();
        *self.key(key) = format!("[{}]", items.join(", "));
        // On lines of their own, each mapping gets one.
        self.1.insert(key, items);
    }

    /// Actor ids: one as a string, several as a list, none not at all.
    fn names(&mut self, key: &'static str, ids: &[&str]) {
        match ids {
            [] => {}
            [one] => self.str(key, one),
            many => self.list(key, many.iter().copied()),
        }
    }

    /// Tags (only when `tags` is set: elements write theirs inline), origin, extension
    /// data and note.
    fn meta(&mut self, meta: &Meta, tags: bool) {
        if tags {
            self.list("tags", meta.tags().iter().map(String::as_str));
        }
        if let Some(origin) = meta.origin() {
            let mut inner = Data::default();
            inner.str("format", &origin.format);
            inner.str("id", &origin.id);
            let _ = write!(self.key("origin"), "{{{}}}", inner.flow());
        }
        if let Some(ext) = meta.ext() {
            yaml_object(ext, self.key("ext"));
        }
        self.opt("note", meta.note());
        self.opt("silent", meta.silent());
    }

    /// The pairs as the inside of a flow mapping: `a: "x", b: ["y"]`.
    fn flow(&self) -> String {
        let mut out = String::new();
        for (i, (key, value)) in self.0.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            let _ = write!(out, "{key}: {value}");
        }
        out
    }

    /// ` {…}` to end a line, or nothing when there is no data.
    fn inline(&self) -> String {
        if self.is_empty() {
            String::new()
        } else {
            format!(" {{{}}}", self.flow())
        }
    }

    /// Data after an element: [`Data::inline`] when it is short; otherwise on the next
    /// lines, one key a line, still as one YAML flow mapping: `{a: "x",` / ` b: "y"}`.
    ///
    /// Not block YAML: Argdown's lexer ends data at a `}` followed by a space or line break
    /// and anything but `,` or `}`, so a nested mapping could not end a line. In this form
    /// every inner `}` is followed by `,`, `]` or `}`.
    fn after_element(&self) -> String {
        let flow = self.flow();
        if flow.len() <= INLINE_DATA {
            return self.inline();
        }
        let mut out = String::from("\n{");
        for (i, (key, value)) in self.0.iter().enumerate() {
            if i > 0 {
                out.push_str(",\n ");
            }
            match self.1.get(key) {
                Some(items) => {
                    let _ = write!(out, "{key}: [{}]", items.join(",\n    "));
                }
                None => {
                    let _ = write!(out, "{key}: {value}");
                }
            }
        }
        out.push('}');
        out
    }
}

/// Extension data as a YAML flow mapping (JSON syntax, which YAML reads; strings go through
/// [`quote`]).
fn yaml_object(object: &serde_json::Map<String, Value>, out: &mut String) {
    out.push('{');
    for (i, (key, value)) in object.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        quote(key, out);
        out.push_str(": ");
        yaml_value(value, out);
    }
    out.push('}');
}

fn yaml_value(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => quote(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                yaml_value(item, out);
            }
            out.push(']');
        }
        Value::Object(object) => yaml_object(object, out),
    }
}

/// A YAML double-quoted string that is safe inside Argdown's data and front matter.
///
/// Besides `"` and `\`, it escapes what Argdown's lexer would cut the data at or misread:
/// braces (a `}` followed by a space ends Argdown's data early), `=` before `=` (`===`
/// ends the front matter), line breaks and every character YAML does not print (control
/// characters, U+2028, U+2029, U+FEFF, U+FFFE, U+FFFF).
fn quote(s: &str, out: &mut String) {
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '{' | '}' => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            '=' if chars.peek() == Some(&'=') => out.push_str("\\u003D"),
            c if c.is_control()
                || matches!(
                    c,
                    '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'
                ) =>
            {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Text as Argdown reads it back as the same text, on one line, and whether that is exact.
///
/// Line breaks, tabs, other white space (a reader reads it as spaces) and control
/// characters become spaces, runs of spaces become one and
/// the ends are trimmed (Argdown would drop or merge them anyway); the returned flag is
/// false when this changed the text, and the caller then keeps the exact text in the data.
///
/// A backslash escapes, Argdown-style: `\`, `[`, `]`, `<`, `>`, `{`, `}`, `#`, `*` and `_`
/// always; `/` before `/` or `*` (comments); `=` before `=` (front matter); and `.` or `:`
/// when another of the same follows before the next space (`.~.` and `:smile:` are
/// shortcodes). `+`, `-` and `(1)` are syntax only at the start of a line, which text never
/// is.
fn escape_text(text: &str) -> (String, bool) {
    let mut flat = String::with_capacity(text.len());
    for c in text.chars() {
        let c = if c.is_control() || c.is_whitespace() {
            ' '
        } else {
            c
        };
        if c == ' ' && (flat.is_empty() || flat.ends_with(' ')) {
            continue;
        }
        flat.push(c);
    }
    if flat.ends_with(' ') {
        flat.pop();
    }
    let exact = flat == text;
    let mut out = String::with_capacity(flat.len() + flat.len() / 8);
    let chars: Vec<char> = flat.chars().collect();
    // For each place, whether a `.` and a `:` come there or later in the same word: one pass
    // from the end, so a long run of dots is not walked once per dot.
    let mut later = vec![(false, false); chars.len() + 2];
    for (k, &c) in chars.iter().enumerate().rev() {
        later[k] = if c.is_whitespace() {
            (false, false)
        } else {
            let (dot, colon) = later[k + 1];
            (dot || c == '.', colon || c == ':')
        };
    }
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        // The same mark again in this word, at least two characters on.
        let again = || {
            let (dot, colon) = later[i + 2];
            next.is_some_and(|n| !n.is_whitespace()) && if c == '.' { dot } else { colon }
        };
        let escape = match c {
            '\\' | '[' | ']' | '<' | '>' | '{' | '}' | '#' | '*' | '_' => true,
            '/' => matches!(next, Some('/' | '*')),
            '=' => next == Some('='),
            '.' | ':' => again(),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    (out, exact)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, ActorKind, Argument, Claim, Group};

    #[test]
    fn a_dot_or_colon_is_escaped_when_another_follows_in_its_word_in_linear_time() {
        assert_eq!(escape_text("a.b.c d.e").0, "a\\.b.c d.e");
        assert_eq!(escape_text(":smile: ok").0, "\\:smile: ok");
        // Two hundred thousand dots: each but the last two is escaped, in one pass.
        let (out, _) = escape_text(&".".repeat(200_000));
        assert_eq!(out.matches("\\.").count(), 199_998);
    }

    fn id(s: &str) -> Id {
        Id::new(s).unwrap()
    }

    /// Argdown's reading of escaped text: a backslash keeps the next character as text.
    fn unescape(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                out.extend(chars.next());
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn syntax_characters_are_escaped_and_read_back_as_they_were() {
        let hostile = r"[x] <b>bold</b> #12 {a: 1} a//b /*c*/ 3*4 a_b :smile: .~. e.g. \ ==== =";
        let (text, exact) = escape_text(hostile);
        assert!(exact);
        assert_eq!(
            text,
            r"\[x\] \<b\>bold\</b\> \#12 \{a: 1\} a\//b \/\*c\*/ 3\*4 a\_b \:smile: \.~. e\.g. \\ \=\=\== ="
        );
        assert_eq!(unescape(&text), hostile);
    }

    #[test]
    fn ordinary_punctuation_stays_readable() {
        let (text, exact) =
            escape_text("Cars - and vans + bikes (1) cost 16.8 million, 50% less: yes.");
        assert!(exact);
        assert_eq!(
            text,
            "Cars - and vans + bikes (1) cost 16.8 million, 50% less: yes."
        );
    }

    #[test]
    fn line_breaks_and_space_runs_are_flattened_and_flagged() {
        assert_eq!(
            escape_text("  one\n(2) two\r\n\tthree  "),
            ("one (2) two three".to_owned(), false)
        );
        assert_eq!(escape_text("\n"), (String::new(), false));
        assert_eq!(escape_text("plain words"), ("plain words".to_owned(), true));
    }

    #[test]
    fn quoted_yaml_hides_what_would_end_the_data_or_front_matter() {
        let mut out = String::new();
        quote("a} b {c} \"d\" \\ === \n\u{2028}é", &mut out);
        assert_eq!(
            out,
            r#""a\u007D b \u007Bc\u007D \"d\" \\ \u003D\u003D= \n\u2028é""#
        );
    }

    #[test]
    fn a_small_map_is_written_in_blocks_with_its_relations_under_the_target() {
        let mut map = Map::new("Uniforms");
        map.add_actor(Actor::new(id("coach"), "The Coach", ActorKind::Person))
            .unwrap();
        map.add_claim(Claim::new(id("motion"), "Uniforms should be compulsory."))
            .unwrap();
        let mut pro = Claim::new(id("cost"), "Uniforms cost less.");
        pro.meta.data_mut().tags = vec!["pro".into(), "cost side".into()];
        map.add_claim(pro).unwrap();
        map.add_claim(Claim::new(id("not"), "Uniforms should be optional."))
            .unwrap();
        let mut arg = Argument::new(id("equality"));
        arg.text = Some("Uniforms hide wealth.".into());
        map.add_argument(arg).unwrap();
        map.add_relation(Relation::new(
            id("cost"),
            RelationKind::Premise,
            id("equality"),
        ))
        .unwrap();
        map.add_relation(Relation::new(
            id("equality"),
            RelationKind::Conclusion,
            id("motion"),
        ))
        .unwrap();
        map.add_relation(Relation::new(
            id("cost"),
            RelationKind::Supports,
            id("motion"),
        ))
        .unwrap();
        map.add_relation(Relation::new(
            id("not"),
            RelationKind::Contradicts,
            id("motion"),
        ))
        .unwrap();
        map.add_relation(Relation::new(
            id("not"),
            RelationKind::Undercuts,
            id("equality"),
        ))
        .unwrap();
        map.add_stance(Stance::new(id("coach"), StanceKind::Asserts, id("motion")))
            .unwrap();
        map.add_stance(Stance::new(id("coach"), StanceKind::Denies, id("not")))
            .unwrap();
        let mut side = Group::new(id("prop"), "Proposition");
        side.members = vec![id("cost"), id("equality")];
        map.add_group(side).unwrap();
        let text = to_string(&map);
        assert_eq!(
            text,
            "===
title: \"Uniforms\"
model:
    mode: loose
titles_are_ids: true
actors:
    - {id: \"coach\", name: \"The Coach\", kind: \"person\"}
===

[motion]: Uniforms should be compulsory. {actor: \"coach\"}
    + [cost]

[not]: Uniforms should be optional. {denied_by: \"coach\"}
    >< [motion]

# Proposition {id: \"prop\"}

[cost]: Uniforms cost less. #pro #(cost side)

<equality>: Uniforms hide wealth.
    _ [not]

(1) [cost]
----
(2) [motion]

"
        );
        assert_eq!(text, to_string(&map), "the same map gives the same bytes");
    }

    #[test]
    fn long_data_goes_on_lines_of_its_own_with_no_brace_ending_a_line_early() {
        let mut map = Map::new("t");
        for actor in ["first-actor", "second-actor"] {
            map.add_actor(Actor::new(id(actor), actor, ActorKind::Group))
                .unwrap();
        }
        let mut claim = Claim::new(id("c"), "Text.");
        claim.title = Some("Short".into());
        claim.meta.data_mut().note = Some("A note long enough to need a line of its own.".into());
        map.add_claim(claim).unwrap();
        for actor in ["first-actor", "second-actor"] {
            let mut stance = Stance::new(id(actor), StanceKind::Asserts, id("c"));
            stance.date = Some(crate::model::Date::new("2019").unwrap());
            map.add_stance(stance).unwrap();
        }
        assert_eq!(
            to_string(&map).split_once("===\n\n").unwrap().1,
            "[c]: Text.
{title: \"Short\",
 actor: [\"first-actor\", \"second-actor\"],
 stances: [{actor: \"first-actor\", kind: \"asserts\", date: \"2019\"},
    {actor: \"second-actor\", kind: \"asserts\", date: \"2019\"}],
 note: \"A note long enough to need a line of its own.\"}

"
        );
    }

    #[test]
    fn what_argdown_cannot_nest_goes_into_data() {
        let mut map = Map::new("t");
        map.add_claim(Claim::new(id("a"), "A.")).unwrap();
        map.add_claim(Claim::new(id("b"), "B\nsecond line."))
            .unwrap();
        map.add_argument(Argument::new(id("half"))).unwrap();
        map.add_relation(Relation::new(id("b"), RelationKind::Rephrases, id("a")))
            .unwrap();
        map.add_relation(Relation::new(id("a"), RelationKind::Premise, id("half")))
            .unwrap();
        let mut odd = Claim::new(id("c"), "C.");
        odd.meta.data_mut().tags = vec!["has (paren)".into(), " padded".into()];
        map.add_claim(odd).unwrap();
        let mut one = Group::new(id("g1"), "One");
        one.members = vec![id("a"), id("c")];
        map.add_group(one).unwrap();
        let mut two = Group::new(id("g2"), "Two");
        two.members = vec![id("a")];
        two.parent = Some(id("g1"));
        map.add_group(two).unwrap();
        let text = to_string(&map);
        assert!(
            text.contains("[b]: B second line. {text: \"B\\nsecond line.\", rephrases: [\"a\"]}\n"),
            "{text}"
        );
        assert!(text.contains("<half> {premises: [\"a\"]}\n"), "{text}");
        assert!(text.contains("[a]: A. {also_in: [\"g2\"]}\n"), "{text}");
        assert!(
            text.contains("[c]: C. {tags: [\"has (paren)\", \" padded\"]}\n"),
            "{text}"
        );
        assert!(text.contains("## Two {id: \"g2\"}\n"), "{text}");
    }
}
