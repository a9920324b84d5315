//! The coach's report: what a coach looks for in a map, as notes rather than a data dump.
//!
//! - the theses and whether they stand (grounded semantics), with their strength (DF-QuAD, a
//!   separate weighing of supports against attacks);
//! - open conflicts: two claims that attack each other, with nothing to break the tie;
//! - rebuttals nobody answered, by the side that has to answer them, and claims that fall
//!   to them;
//! - where the source is silent (an announced quotation it does not print), so silence is
//!   not read as the other side having nothing to say;
//! - support that goes round in a circle;
//! - claims nobody is said to have made, and claims with no source;
//! - each actor's positions;
//! - who disagrees with whom: actor B answers actor A when a claim B asserts attacks one A
//!   asserts;
//! - actors on both sides of one rebuttal.
//!
//! Time: linear in elements plus links (every lookup goes through an index built once).

use std::collections::{BTreeMap, VecDeque};

/// Hash tables with a fast hasher: the report builds several, each keyed by every claim.
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
type HashSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;
use std::fmt::Write as _;

use serde::Serialize;

use super::semantics::{
    bipolar_from_map, from_map, grounded, strengths, Gradual, Label, Tolerance,
};
use petgraph::visit::{EdgeRef, NodeIndexable};
use petgraph::Direction;

use crate::diagnostic::{Code, Diagnostic};
use crate::model::{ClaimKind, Element, Id, Link, Map, RelationKind, Side, StanceKind};

/// A claim or argument as the report names it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Item {
    /// Its id.
    pub id: String,
    /// Its title, or the first words of its text.
    pub text: String,
    /// What the source leaves out about it, when the map records that.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub silent: Option<String>,
}

/// A thesis and how it fares.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Thesis {
    /// The thesis.
    #[serde(flatten)]
    pub item: Item,
    /// `in`, `out` or `undec` under grounded semantics: attacks alone decide it.
    pub status: Label,
    /// Its DF-QuAD strength, in `[0, 1]` (0.5 is its starting point): supports and attacks
    /// weighed together, a separate evaluation from `status`.
    pub strength: f64,
    /// What supports it directly.
    pub supported_by: Vec<String>,
    /// How many of its supports fall (are `out`) under grounded semantics.
    pub supports_falling: usize,
    /// What attacks it directly.
    pub attacked_by: Vec<String>,
}

/// A rebuttal or undercut nobody answered.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Unanswered {
    /// The attacker.
    pub attacker: Item,
    /// What it attacks.
    pub target: Item,
    /// `rebuts` or `undercuts`.
    pub kind: &'static str,
    /// The side that has to answer it (the side of those who hold the target), when the
    /// map names sides.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub must_answer: Option<String>,
    /// What the source leaves out here: of the relation, else of the attacker, else of
    /// the target.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub silent: Option<String>,
}

/// Two claims or arguments that attack each other, with nothing that breaks the tie.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Conflict {
    /// One side of it.
    pub first: Item,
    /// The other.
    pub second: Item,
}

/// One actor's positions.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Positions {
    /// The actor's id.
    pub actor: String,
    /// The actor's name.
    pub name: String,
    /// Each stance kind with the claims it applies to.
    pub stances: BTreeMap<&'static str, Vec<String>>,
}

/// Actor `rebutter` answered actor `rebutted` this many times.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Disagreement {
    /// Who attacks.
    pub rebutter: String,
    /// Whose claims are attacked.
    pub rebutted: String,
    /// The attacks, as `from → to` claim ids.
    pub rebuttals: Vec<(String, String)>,
    /// Whether every one of them is a rebuttal (else some undercut or contradict).
    pub all_rebuttals: bool,
}

/// The report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// The map's title.
    pub title: String,
    /// The names of the debate's sides, when the map names them.
    pub sides: Vec<String>,
    /// The theses: claims in the debate that support or attack nothing.
    pub theses: Vec<Thesis>,
    /// Claims of the reporter's framing, and background: not moves in the debate.
    pub framing: Vec<Item>,
    /// Rebuttals and undercuts nobody answered, the theses' own attackers first.
    pub unanswered: Vec<Unanswered>,
    /// Claims and arguments defeated under grounded semantics, with what defeats them.
    pub defeated: Vec<(Item, String)>,
    /// Pairs that attack each other with nothing to break the tie.
    pub open: Vec<Conflict>,
    /// Other claims and arguments caught in an unresolved cycle of attacks.
    pub undecided: Vec<Item>,
    /// Every element, relation and stance where the map records that the source is silent.
    pub silent: Vec<Item>,
    /// Support that goes round in a circle.
    pub circular_support: Vec<String>,
    /// Claims nobody is said to have made.
    pub unattributed: Vec<Item>,
    /// Claims with no source.
    pub unsourced: Vec<Item>,
    /// Each actor's positions.
    pub positions: Vec<Positions>,
    /// Who attacks whom.
    pub disagreements: Vec<Disagreement>,
    /// Actors on both sides of a rebuttal.
    pub inconsistent: Vec<String>,
}

/// Names longer than this are cut at a word, with "…".
const NAME_CHARS: usize = 72;

/// A claim's or argument's name: its title, else its text cut to the first words.
pub fn short_name(map: &Map, id: &str) -> String {
    name_of(map.element(id), id)
}

/// An element's name (see [`short_name`]), the element found already.
fn name_of(element: Option<&Element>, id: &str) -> String {
    let full = match element {
        Some(Element::Claim(c)) => c.title.as_deref().unwrap_or(&c.text),
        Some(Element::Argument(a)) => a.title.as_deref().or(a.text.as_deref()).unwrap_or(id),
        Some(Element::Actor(a)) => &a.name,
        None => id,
    };
    first_words(full.trim(), NAME_CHARS)
}

/// The text cut at the last word boundary within `max` characters, with "…".
fn first_words(text: &str, max: usize) -> String {
    // No more bytes than `max` means no more characters.
    if text.len() <= max {
        return text.to_owned();
    }
    // The byte where the character after the first `max` starts, if there is one.
    let Some((end, _)) = text.char_indices().nth(max) else {
        return text.to_owned();
    };
    let cut = &text[..end];
    let at_word = match cut.rfind(char::is_whitespace) {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut,
    };
    let mut out = at_word
        .trim_end_matches([',', ';', ':', ' ', '.'])
        .to_owned();
    out.push('…');
    out
}

fn silent_of(element: Option<&Element>) -> Option<String> {
    match element {
        Some(Element::Claim(c)) => c.meta.silent(),
        Some(Element::Argument(a)) => a.meta.silent(),
        Some(Element::Actor(a)) => a.meta.silent(),
        None => None,
    }
    .map(str::to_owned)
}

/// A claim's item, the claim at hand.
fn claim_item(c: &crate::model::Claim) -> Item {
    Item {
        id: c.id.to_string(),
        text: first_words(c.title.as_deref().unwrap_or(&c.text).trim(), NAME_CHARS),
        silent: c.meta.silent().map(str::to_owned),
    }
}

/// A claim's or argument's item: one lookup for its name and its silence.
fn item(map: &Map, id: &str) -> Item {
    let element = map.element(id);
    Item {
        id: id.to_owned(),
        text: name_of(element, id),
        silent: silent_of(element),
    }
}

/// An element's item, the element at hand.
fn item_at(element: &Element) -> Item {
    let id = element.id();
    Item {
        id: id.to_string(),
        text: name_of(Some(element), id),
        silent: silent_of(Some(element)),
    }
}

/// Who asserts or endorses each claim and argument: stances, and the `by` of relations
/// (whoever makes a relation holds its `from`). Built once, in one pass over the links.
fn holders(map: &Map) -> HashMap<&Id, Vec<&Id>> {
    let mut out: HashMap<&Id, Vec<&Id>> = HashMap::default();
    for s in map.stances() {
        if matches!(s.kind, StanceKind::Asserts | StanceKind::Endorses) {
            out.entry(&s.target).or_default().push(&s.actor);
        }
    }
    for r in map.relations() {
        for a in &r.by {
            let list = out.entry(&r.from).or_default();
            if !list.contains(&a) && list.len() < 64 {
                list.push(a);
            }
        }
    }
    out
}

/// Builds the report of a map.
///
/// Time: linear in elements plus links, plus sorting (n log n), plus the disagreements it
/// lists (one per attack and pair of actors holding its two ends). Whatever it looks up per
/// claim or actor (its place in the translation, who holds it, its side) is indexed once.
pub fn report(map: &Map) -> Report {
    let lints = super::lint(map);
    build(map, lints.iter().map(|l| (l.code, l.message.as_str())))
}

/// Builds the report of a map whose warnings are at hand already (a loaded map's, which hold
/// the [`lint`](super::lint) findings), so they are not looked for twice.
///
/// Time: as [`report`], less the lints.
pub fn report_with_warnings(map: &Map, warnings: &[Diagnostic]) -> Report {
    build(map, warnings.iter().map(|d| (d.code, d.message.as_str())))
}

/// The report, from the map and its warnings as (code, message).
fn build<'w>(map: &Map, lints: impl Iterator<Item = (Code, &'w str)> + Clone) -> Report {
    let t = from_map(map);
    let g = grounded(&t.af);
    let position: HashMap<&str, usize> = t
        .ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    let label = |id: &str| position.get(id).map(|&i| g.labels[i]);
    let (bipolar, bipolar_ids) = bipolar_from_map(map, Gradual::DfQuad.default_base());
    let strength = strengths(&bipolar, Gradual::DfQuad, &Tolerance::default());
    let strength_of: HashMap<&str, f64> = bipolar_ids
        .iter()
        .zip(&strength.values)
        .map(|(id, &v)| (id.as_str(), v))
        .collect();

    let roots = map.root_theses();
    let (theses_claims, framing_claims): (Vec<_>, Vec<_>) =
        roots.into_iter().partition(|c| c.kind == ClaimKind::Debate);
    let theses = theses_claims
        .iter()
        .map(|c| {
            let supported_by: Vec<String> = map
                .supporters(&c.id)
                .into_iter()
                .map(|(id, _)| id.to_string())
                .collect();
            let supports_falling = supported_by
                .iter()
                .filter(|s| label(s) == Some(Label::Out))
                .count();
            Thesis {
                item: claim_item(c),
                status: label(&c.id).unwrap_or(Label::Undec),
                strength: strength_of.get(c.id.as_str()).copied().unwrap_or(0.5),
                supported_by,
                supports_falling,
                attacked_by: map
                    .rebuttals(&c.id)
                    .into_iter()
                    .map(|(id, _)| id.to_string())
                    .collect(),
            }
        })
        .collect();
    let framing = map
        .claims()
        .filter(|c| c.kind != ClaimKind::Debate)
        .map(claim_item)
        .collect();
    let _ = framing_claims;

    // Sides: each actor's, then each claim's (its holders').
    let side_of_actor = map.sides_of_actors();
    let holders = holders(map);
    let side_of_element = |id: &Id| -> Option<&Side> {
        holders
            .get(id)
            .into_iter()
            .flatten()
            .find_map(|a| side_of_actor.get(a).copied())
    };
    let sides: Vec<&Side> = map.sides().collect();
    let must_answer = |attacker: &Id, target: &Id| -> Option<String> {
        if let Some(side) = side_of_element(target) {
            return Some(side.name.clone());
        }
        // With two sides, the side the attacker is not on.
        let attacking = side_of_element(attacker)?;
        match sides.as_slice() {
            [a, b] if a.id == attacking.id => Some(b.name.clone()),
            [a, b] if b.id == attacking.id => Some(a.name.clone()),
            _ => None,
        }
    };

    // How far each element is from a thesis (0 for a thesis), to put the theses' own
    // attackers first: one breadth-first walk back along the relations.
    let graph = map.graph();
    let mut depth = vec![usize::MAX; graph.node_bound()];
    let mut queue = VecDeque::new();
    for c in &theses_claims {
        if let Some(ix) = map.node_index(&c.id) {
            depth[ix.index()] = 0;
            queue.push_back(ix);
        }
    }
    while let Some(ix) = queue.pop_front() {
        let d = depth[ix.index()] + 1;
        for e in graph.edges_directed(ix, Direction::Incoming) {
            let from = e.source();
            if matches!(e.weight().link(), Link::Relation(_)) && depth[from.index()] == usize::MAX {
                depth[from.index()] = d;
                queue.push_back(from);
            }
        }
    }
    let mut unanswered: Vec<(usize, Unanswered)> = map
        .unanswered_rebuttal_edges()
        .into_iter()
        .map(|(from, to, r)| {
            let attacker = item_at(&graph[from]);
            let target = item_at(&graph[to]);
            let silent = r
                .meta
                .silent()
                .map(str::to_owned)
                .or_else(|| attacker.silent.clone())
                .or_else(|| target.silent.clone());
            let d = depth[to.index()];
            let u = Unanswered {
                attacker,
                target,
                kind: r.kind.as_str(),
                must_answer: must_answer(&r.from, &r.to),
                silent,
            };
            (d, u)
        })
        .collect();
    unanswered.sort_by_key(|(d, _)| *d); // stable: map order within a depth
    let unanswered = unanswered.into_iter().map(|(_, u)| u).collect();

    let mut defeated = Vec::new();
    let mut undecided_ids: Vec<&Id> = Vec::new();
    for (i, id) in t.ids.iter().enumerate() {
        match g.labels[i] {
            Label::Out => {
                let by = g.cause[i]
                    .map(|c| t.ids[c as usize].to_string())
                    .unwrap_or_default();
                defeated.push((item(map, id), by));
            }
            Label::Undec => undecided_ids.push(id),
            Label::In => {}
        }
    }
    // Open conflicts: undecided pairs that attack each other (a contradiction, or a
    // rebuttal each way). The other undecided elements sit on longer cycles.
    let undecided_set: HashSet<&str> = undecided_ids.iter().map(|id| id.as_str()).collect();
    let mut attacks: HashSet<(&str, &str)> = HashSet::default();
    let mut pairs: Vec<(&Id, &Id)> = Vec::new();
    for r in map.relations() {
        if !r.kind.is_attack() && r.kind != RelationKind::Contradicts {
            continue;
        }
        let (a, b) = (r.from.as_str(), r.to.as_str());
        if !undecided_set.contains(a) || !undecided_set.contains(b) || a == b {
            continue;
        }
        if r.kind == RelationKind::Contradicts || attacks.contains(&(b, a)) {
            pairs.push((&r.from, &r.to));
        }
        attacks.insert((a, b));
    }
    let mut in_pair: HashSet<&str> = HashSet::default();
    let mut open = Vec::new();
    let mut seen_pairs: HashSet<(&str, &str)> = HashSet::default();
    for (a, b) in pairs {
        let key = if a < b {
            (a.as_str(), b.as_str())
        } else {
            (b.as_str(), a.as_str())
        };
        if seen_pairs.insert(key) {
            in_pair.insert(a.as_str());
            in_pair.insert(b.as_str());
            open.push(Conflict {
                first: item(map, b),
                second: item(map, a),
            });
        }
    }
    let undecided = undecided_ids
        .into_iter()
        .filter(|id| !in_pair.contains(id.as_str()))
        .map(|id| item(map, id))
        .collect();

    let mut silent: Vec<Item> = Vec::new();
    for e in map.elements() {
        if let Some(s) = silent_of(Some(e)) {
            silent.push(Item {
                id: e.id().to_string(),
                text: name_of(Some(e), e.id()),
                silent: Some(s),
            });
        }
    }
    // A link is named by its ends: `"A" rebuts "B"`, `Facebook asserts "A"`.
    let link = |from: &Id, kind: &str, to: &Id, quote_from: bool, s: &str| {
        let from_name = short_name(map, from);
        let from_name = if quote_from {
            format!("\"{from_name}\"")
        } else {
            from_name
        };
        Item {
            id: format!("{from} {kind} {to}"),
            text: format!("{from_name} {kind} \"{}\"", short_name(map, to)),
            silent: Some(s.to_owned()),
        }
    };
    for r in map.relations() {
        if let Some(s) = r.meta.silent() {
            silent.push(link(&r.from, r.kind.as_str(), &r.to, true, s));
        }
    }
    for st in map.stances() {
        if let Some(s) = st.meta.silent() {
            silent.push(link(&st.actor, st.kind.as_str(), &st.target, false, s));
        }
    }

    let messages = |codes: &[Code]| -> Vec<String> {
        lints
            .clone()
            .filter(|(code, _)| codes.contains(code))
            .map(|(_, message)| message.to_owned())
            .collect()
    };
    let circular_support = messages(&[Code::SelfSupport, Code::CircularSupport]);
    let inconsistent = messages(&[Code::SelfContradiction]);
    let has_actors = map.actors().next().is_some();
    let stated: HashSet<&Id> = map
        .stances()
        .map(|s| &s.target)
        .chain(
            map.relations()
                .filter(|r| !r.by.is_empty())
                .map(|r| &r.from),
        )
        .collect();
    let unattributed = if has_actors {
        map.claims()
            .filter(|c| c.kind != ClaimKind::Background && !stated.contains(&c.id))
            .map(claim_item)
            .collect()
    } else {
        Vec::new()
    };
    let unsourced = map
        .claims()
        .filter(|c| c.source.is_none())
        .map(claim_item)
        .collect();
    let positions = map
        .actors()
        .filter_map(|a| {
            let mut stances: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
            for s in map.stances_of(&a.id) {
                stances
                    .entry(s.kind.as_str())
                    .or_default()
                    .push(s.target.to_string());
            }
            (!stances.is_empty()).then(|| Positions {
                actor: a.id.to_string(),
                name: a.name.clone(),
                stances,
            })
        })
        .collect();
    // Who attacks whom: through the claims each actor asserts, gathered once (a claim may
    // be the end of every relation).
    let mut asserted: HashMap<&Id, Vec<&Id>> = HashMap::default();
    for s in map.stances() {
        if matches!(s.kind, StanceKind::Asserts | StanceKind::Endorses) {
            asserted.entry(&s.target).or_default().push(&s.actor);
        }
    }
    let asserters = |id: &Id| -> &[&Id] { asserted.get(id).map_or(&[], Vec::as_slice) };
    type Dispute<'m> = (Vec<(&'m Id, &'m Id)>, bool);
    let mut disputes: HashMap<(&Id, &Id), Dispute> = HashMap::default();
    for r in map.relations() {
        if !matches!(
            r.kind,
            RelationKind::Rebuts | RelationKind::Undercuts | RelationKind::Contradicts
        ) {
            continue;
        }
        let targets = asserters(&r.to);
        if targets.is_empty() {
            continue;
        }
        for &b in asserters(&r.from) {
            for &a in targets {
                if a != b {
                    let entry = disputes.entry((b, a)).or_insert_with(|| (Vec::new(), true));
                    entry.0.push((&r.from, &r.to));
                    entry.1 &= r.kind == RelationKind::Rebuts;
                }
            }
        }
    }
    let mut disputes: Vec<_> = disputes.into_iter().collect();
    disputes.sort_unstable_by(|((a, b), _), ((c, d), _)| {
        (a.as_str(), b.as_str()).cmp(&(c.as_str(), d.as_str()))
    });
    let disagreements = disputes
        .into_iter()
        .map(
            |((rebutter, rebutted), (rebuttals, all_rebuttals))| Disagreement {
                rebutter: rebutter.to_string(),
                rebutted: rebutted.to_string(),
                rebuttals: rebuttals
                    .into_iter()
                    .map(|(from, to)| (from.to_string(), to.to_string()))
                    .collect(),
                all_rebuttals,
            },
        )
        .collect();
    Report {
        title: map.title.clone(),
        sides: sides.iter().map(|s| s.name.clone()).collect(),
        theses,
        framing,
        unanswered,
        defeated,
        open,
        undecided,
        silent,
        circular_support,
        unattributed,
        unsourced,
        positions,
        disagreements,
        inconsistent,
    }
}

/// Items of one list shown before "and N more" (see [`to_text_all`]).
pub const SHOWN: usize = 10;

/// The report as notes for a coach, each long list cut at [`SHOWN`] items with "and N
/// more". Linear in the report's size (plus a lookup per name).
pub fn to_text(map: &Map, r: &Report) -> String {
    write_text(map, r, SHOWN)
}

/// The report as notes for a coach, every list whole.
pub fn to_text_all(map: &Map, r: &Report) -> String {
    write_text(map, r, usize::MAX)
}

/// The line, ending in one full stop: none is added after a quotation or sentence that
/// ends in its own.
fn sentence(line: String) -> String {
    let ends = [".", ".\"", "?", "?\"", "!", "!\"", "…", "…\""];
    if ends.iter().any(|e| line.ends_with(e)) {
        line
    } else {
        line + "."
    }
}

/// Pushes the lines of a list, at most `limit`, then "and N more". Only the lines shown are
/// made: a list of 100,000 claims costs no more than its first `limit`.
fn list_lines(
    out: &mut String,
    lines: impl IntoIterator<Item = String, IntoIter: ExactSizeIterator>,
    limit: usize,
) {
    let lines = lines.into_iter();
    let n = lines.len();
    for line in lines.take(limit) {
        let _ = writeln!(out, "{line}");
    }
    if n > limit {
        let _ = writeln!(out, "- … and {} more (--all shows them).", n - limit);
    }
}

/// A heading and its lines, cut at `limit`; nothing at all when there are no lines.
fn section(
    out: &mut String,
    heading: &str,
    lines: impl IntoIterator<Item = String, IntoIter: ExactSizeIterator>,
    limit: usize,
) {
    let lines = lines.into_iter();
    if lines.len() == 0 {
        return;
    }
    let _ = writeln!(out, "\n{heading}");
    list_lines(out, lines, limit);
}

/// `"A", "B", "C" and 4 more`.
fn quoted_list(items: &[Item], limit: usize) -> String {
    let shown: Vec<String> = items
        .iter()
        .take(limit)
        .map(|i| format!("\"{}\"", i.text))
        .collect();
    if items.len() > limit {
        format!("{} and {} more", shown.join(", "), items.len() - limit)
    } else {
        and_list(&shown)
    }
}

fn write_text(map: &Map, r: &Report, limit: usize) -> String {
    let name = |id: &str| match map.actor(id) {
        Some(a) => a.name.clone(),
        None => id.to_owned(),
    };
    let text_of = |id: &str| short_name(map, id);
    let mut out = format!("{}\n{}\n", r.title, "=".repeat(r.title.chars().count()));
    if !r.sides.is_empty() {
        let _ = writeln!(out, "\nSides: {}.", and_list(&r.sides));
    }
    let _ = writeln!(out, "\nTheses");
    let _ = writeln!(
        out,
        "Whether a claim stands is decided by attacks alone (grounded semantics). Its strength, \
         from 0 to 1, is a separate weighing of supports against attacks (DF-QuAD; 0.5 with \
         neither): a claim can fall to an attack nobody answered and still be well supported."
    );
    if r.theses.is_empty() {
        let _ = writeln!(out, "- None: every claim supports or attacks another.");
    }
    let mut lines = Vec::new();
    for t in &r.theses {
        let verdict = match t.status {
            Label::In => "stands",
            Label::Out => "falls",
            Label::Undec => "is undecided",
        };
        let supports = match (t.supported_by.len(), t.supports_falling) {
            (n, 0) => format!("{} in support", count(n, "reason")),
            (1, _) => "one reason in support, which falls".to_owned(),
            (n, f) => format!(
                "{} in support ({} of them {})",
                count(n, "reason"),
                f,
                if f == 1 { "falls" } else { "fall" }
            ),
        };
        let mut line = format!(
            "- \"{}\" {verdict} (strength {:.2}): {supports}, {} against",
            t.item.text,
            t.strength,
            count(t.attacked_by.len(), "attack")
        );
        if t.attacked_by.is_empty() {
            if let Some(s) = &t.item.silent {
                let _ = write!(line, ". The source is silent here: {s}");
            }
        }
        lines.push(sentence(line));
    }
    list_lines(&mut out, lines, limit);
    section(
        &mut out,
        "Open conflicts (nothing in the map breaks the tie)",
        r.open.iter().map(|c| {
            format!(
                "- Open: \"{}\" against \"{}\".",
                c.first.text, c.second.text
            )
        }),
        limit,
    );
    let _ = writeln!(out, "\nDropped arguments (rebuttals nobody answered)");
    if r.unanswered.is_empty() {
        let _ = writeln!(out, "- None: every rebuttal got an answer.");
    }
    let lines = r.unanswered.iter().map(|u| {
        let mut line = match &u.must_answer {
            Some(side) => format!(
                "- {side} {} not answered: \"{}\" {} \"{}\"",
                if side.ends_with('s') && !side.ends_with("ss") {
                    "have"
                } else {
                    "has"
                },
                u.attacker.text,
                u.kind,
                u.target.text
            ),
            None => format!(
                "- \"{}\" {} \"{}\", and nobody answered it",
                u.attacker.text, u.kind, u.target.text
            ),
        };
        if let Some(s) = &u.silent {
            let _ = write!(line, ". The source is silent here: {s}");
        }
        sentence(line)
    });
    list_lines(&mut out, lines, limit);
    section(
        &mut out,
        "Claims that fall",
        r.defeated.iter().map(|(it, by)| {
            let mut line = format!("- \"{}\", defeated by \"{}\"", it.text, text_of(by));
            if let Some(s) = &it.silent {
                let _ = write!(line, ". The source is silent here: {s}");
            }
            sentence(line)
        }),
        limit,
    );
    section(
        &mut out,
        "Unresolved (a cycle of attacks nobody has broken)",
        r.undecided.iter().map(|it| format!("- \"{}\"", it.text)),
        limit,
    );
    section(
        &mut out,
        "Framing and background (not moves in the debate)",
        r.framing.iter().map(|it| {
            let kind = map.claim(&it.id).map_or("framing", |c| c.kind.as_str());
            format!("- \"{}\" ({kind}).", it.text)
        }),
        limit,
    );
    section(
        &mut out,
        "Where the source is silent",
        r.silent.iter().map(|it| {
            let s = it.silent.as_deref().unwrap_or_default();
            // A link's item is named by its ends already (its id, unlike an element's,
            // has spaces); an actor by its name.
            let what = if it.id.contains(' ') || map.actor(&it.id).is_some() {
                it.text.clone()
            } else {
                format!("\"{}\"", it.text)
            };
            sentence(format!("- {what}: {s}"))
        }),
        limit,
    );
    section(
        &mut out,
        "Circular support",
        r.circular_support
            .iter()
            .map(|m| sentence(format!("- {m}"))),
        limit,
    );
    let _ = writeln!(out, "\nWho disagrees with whom");
    if r.disagreements.is_empty() {
        let _ = writeln!(out, "- Nobody rebuts anybody else's claims.");
    }
    // Those answered with the same attacks are named together (the letter's signatories).
    type Answered<'r> = (&'r str, &'r Vec<(String, String)>, bool, Vec<String>);
    let mut answered: Vec<Answered> = Vec::new();
    type Key<'r> = (&'r str, &'r Vec<(String, String)>);
    let mut by_key: HashMap<Key, usize> = HashMap::default();
    for d in &r.disagreements {
        match by_key.get(&(d.rebutter.as_str(), &d.rebuttals)) {
            Some(&i) => answered[i].3.push(name(&d.rebutted)),
            None => {
                by_key.insert((&d.rebutter, &d.rebuttals), answered.len());
                answered.push((
                    &d.rebutter,
                    &d.rebuttals,
                    d.all_rebuttals,
                    vec![name(&d.rebutted)],
                ));
            }
        }
    }
    let lines = answered
        .into_iter()
        .map(|(by, rebuttals, all_rebuttals, whom)| {
            format!(
                "- {} answers {}: {}.",
                name(by),
                and_list(&whom),
                count(
                    rebuttals.len(),
                    if all_rebuttals { "rebuttal" } else { "attack" }
                )
            )
        });
    list_lines(&mut out, lines, limit);
    let _ = writeln!(out, "\nPositions");
    if r.positions.is_empty() {
        let _ = writeln!(
            out,
            "- No actor takes a stance: add \"by\" to say who made each claim."
        );
    }
    // Actors who take the same stances (co-signatories) are listed together.
    type Group<'r> = (&'r BTreeMap<&'static str, Vec<String>>, Vec<&'r str>);
    let mut groups: Vec<Group> = Vec::new();
    let mut group_of: HashMap<&BTreeMap<&'static str, Vec<String>>, usize> = HashMap::default();
    for p in &r.positions {
        match group_of.get(&p.stances) {
            Some(&i) => groups[i].1.push(&p.name),
            None => {
                group_of.insert(&p.stances, groups.len());
                groups.push((&p.stances, vec![&p.name]));
            }
        }
    }
    let lines = groups.into_iter().map(|(stances, names)| {
        let plural = names.len() > 1;
        let parts: Vec<String> = stances
            .iter()
            .map(|(kind, ids)| {
                let texts: Vec<String> = ids
                    .iter()
                    .take(limit)
                    .map(|id| format!("\"{}\"", text_of(id)))
                    .collect();
                let more = if ids.len() > limit {
                    format!(" and {} more", ids.len() - limit)
                } else {
                    String::new()
                };
                let verb = if plural {
                    kind.strip_suffix('s').unwrap_or(kind)
                } else {
                    kind
                };
                format!("{verb} {}{more}", texts.join(", "))
            })
            .collect();
        let names: Vec<String> = names.into_iter().map(str::to_owned).collect();
        sentence(format!("- {}: {}", and_list(&names), parts.join("; ")))
    });
    list_lines(&mut out, lines, limit);
    section(
        &mut out,
        "Actors on both sides",
        r.inconsistent.iter().map(|m| sentence(format!("- {m}"))),
        limit,
    );
    let _ = writeln!(out, "\nLoose ends");
    if r.unattributed.is_empty() && r.unsourced.is_empty() {
        let _ = writeln!(out, "- None: every claim has an author and a source.");
    }
    let claims = map.claims().count();
    match r.unattributed.as_slice() {
        [] => {}
        [one] => {
            let _ = writeln!(out, "- Nobody is said to have made \"{}\".", one.text);
        }
        many if many.len() == claims => {
            let _ = writeln!(
                out,
                "- No claim says who made it: add \"by\" to say who asserts each."
            );
        }
        many => {
            let _ = writeln!(
                out,
                "- Nobody is said to have made {}: {}.",
                count(many.len(), "claim"),
                quoted_list(many, limit)
            );
        }
    }
    match r.unsourced.as_slice() {
        [] => {}
        many if many.len() == claims => {
            // A practice map without sources: one line, not one per claim.
            let _ = writeln!(
                out,
                "- No claim has a source yet: add sources to say where each claim was read."
            );
        }
        [one] => {
            let _ = writeln!(out, "- \"{}\" has no source.", one.text);
        }
        many => {
            let _ = writeln!(
                out,
                "- {} have no source: {}.",
                count(many.len(), "claim"),
                quoted_list(many, limit)
            );
        }
    }
    out
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn count(n: usize, word: &str) -> String {
    match n {
        0 => format!("no {word}s"),
        1 => format!("one {word}"),
        n => format!("{n} {word}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActorKind, MapBuilder};

    #[test]
    fn notes_the_dropped_argument_and_who_answers_whom() {
        let map = MapBuilder::new("Homework")
            .actor("prop", "Proposition", ActorKind::Group)
            .actor("opp", "Opposition", ActorKind::Group)
            .claim("ban", "Schools should ban homework")
            .claim("tired", "Pupils are too tired")
            .claim("practice", "Practice makes lessons stick")
            .supports("tired", "ban")
            .rebuts("practice", "ban")
            .asserts("prop", "ban")
            .asserts("prop", "tired")
            .asserts("opp", "practice")
            .build()
            .unwrap();
        let r = report(&map);
        assert_eq!(r.theses.len(), 1);
        assert_eq!(r.theses[0].status, Label::Out);
        assert_eq!(r.unanswered.len(), 1);
        assert_eq!(r.disagreements.len(), 1);
        let text = to_text(&map, &r);
        assert!(text.contains("- \"Practice makes lessons stick\" rebuts \"Schools should ban homework\", and nobody answered it."), "{text}");
        assert!(
            text.contains("- Opposition answers Proposition: one rebuttal."),
            "{text}"
        );
        assert!(
            text.contains("\"Schools should ban homework\" falls (strength"),
            "{text}"
        );
    }

    #[test]
    fn with_sides_names_who_must_answer_and_an_open_conflict() {
        let map = MapBuilder::new("Homework")
            .actor("prop", "Proposition", ActorKind::Group)
            .actor("opp", "Opposition", ActorKind::Group)
            .actor("opp1", "First Opposition speaker", ActorKind::Person)
            .claim("ban", "Schools should ban homework")
            .claim("keep", "Schools should keep homework")
            .claim("practice", "Practice makes lessons stick")
            .claim("tired", "Pupils are too tired")
            .contradicts("keep", "ban")
            .rebuts("practice", "tired")
            .supports("tired", "ban")
            .asserts("prop", "ban")
            .asserts("prop", "tired")
            .asserts("opp1", "keep")
            .asserts("opp1", "practice")
            .member_of("opp1", "opp")
            .side("p", "Proposition", &["prop"])
            .side("o", "Opposition", &["opp"])
            .build()
            .unwrap();
        let r = report(&map);
        assert_eq!(r.unanswered[0].must_answer.as_deref(), Some("Proposition"));
        assert_eq!(r.open.len(), 1);
        let text = to_text(&map, &r);
        assert!(
            text.contains("- Proposition has not answered: \"Practice makes lessons stick\" rebuts \"Pupils are too tired\"."),
            "{text}"
        );
        assert!(
            text.contains(
                "- Open: \"Schools should ban homework\" against \"Schools should keep homework\"."
            ),
            "{text}"
        );
        assert!(
            text.contains("one reason in support, which falls"),
            "{text}"
        );
    }

    #[test]
    fn names_are_cut_to_their_first_words_and_sentences_end_once() {
        let long = "word ".repeat(40);
        let name = first_words(long.trim(), NAME_CHARS);
        assert!(
            name.ends_with('…') && name.chars().count() <= NAME_CHARS + 1,
            "{name}"
        );
        assert_eq!(sentence("- \"Ends here.\"".into()), "- \"Ends here.\"");
        assert_eq!(sentence("- plain".into()), "- plain.");
    }

    #[test]
    fn lists_silence_on_claims_relations_and_stances() {
        use crate::model::{MetaData, StanceKind};
        let mut map = MapBuilder::new("t")
            .actor("fb", "Facebook", ActorKind::Organisation)
            .claim("a", "A")
            .claim("b", "B")
            .rebuts("a", "b")
            .build()
            .unwrap();
        let silent = |text: &str| {
            MetaData {
                silent: Some(text.to_owned()),
                ..MetaData::default()
            }
            .into()
        };
        let mut r = crate::model::Relation::new(
            Id::new("b").unwrap(),
            RelationKind::Supports,
            Id::new("a").unwrap(),
        );
        r.meta = silent("no reply printed");
        map.add_relation(r).unwrap();
        let mut st = crate::model::Stance::new(
            Id::new("fb").unwrap(),
            StanceKind::Asserts,
            Id::new("a").unwrap(),
        );
        st.meta = silent("the statement is not printed");
        map.add_stance(st).unwrap();
        let text = to_text(&map, &report(&map));
        assert!(
            text.contains("- \"B\" supports \"A\": no reply printed."),
            "{text}"
        );
        assert!(
            text.contains("- Facebook asserts \"A\": the statement is not printed."),
            "{text}"
        );
    }
}
