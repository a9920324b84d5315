//! Writing a map as a Kialo export (classic layout), and what such a file cannot hold.

use std::collections::HashMap;

use super::read::Stance;
use super::text::{escape, escape_brackets, link_target, one_line, render};
use super::FORMAT;
use crate::model::{Claim, Map, Origin, RelationKind};

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
/// Time: linear in what it writes, which is the claims times their depth: each line carries its
/// whole number (`1.2.1.3.`), so a chain of N claims writes N²/2 number parts.
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
    let reached = tree.reached();
    let unreached = map
        .claims()
        .filter(|c| !reached.contains(c.id.as_str()))
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

    /// The claims the roots reach: those [`Tree::lines`] writes, each in full once (found
    /// without making the lines).
    fn reached(&self) -> std::collections::HashSet<&'m str> {
        let mut seen = std::collections::HashSet::new();
        let mut todo: Vec<&Claim> = self.roots.clone();
        while let Some(claim) = todo.pop() {
            if seen.insert(claim.id.as_str()) {
                let kids = self.children.get(claim.id.as_str()).into_iter().flatten();
                todo.extend(kids.map(|c| c.claim));
            }
        }
        seen
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
