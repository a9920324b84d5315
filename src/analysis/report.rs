//! The coach's report: what a coach looks for in a map, as notes rather than a data dump.
//!
//! - the theses and whether they stand (grounded semantics), with their strength (DF-QuAD);
//! - rebuttals nobody answered, and claims that fall to them;
//! - support that goes round in a circle;
//! - claims nobody is said to have made, and claims with no source;
//! - each actor's positions;
//! - who disagrees with whom: actor B rebuts actor A when a claim B asserts rebuts one A
//!   asserts;
//! - actors on both sides of one rebuttal.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use super::semantics::{
    bipolar_from_map, from_map, grounded, strengths, Gradual, Label, Tolerance,
};
use crate::model::{Element, Map, RelationKind, StanceKind};

/// A claim or argument as the report names it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Item {
    /// Its id.
    pub id: String,
    /// Its short title, or its text.
    pub text: String,
}

/// A thesis and how it fares.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Thesis {
    /// The thesis.
    #[serde(flatten)]
    pub item: Item,
    /// `in`, `out` or `undec` under grounded semantics.
    pub status: Label,
    /// Its DF-QuAD strength, in `[0, 1]` (0.5 is its starting point).
    pub strength: f64,
    /// What supports it directly.
    pub supported_by: Vec<String>,
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
    /// Who rebuts.
    pub rebutter: String,
    /// Whose claims are rebutted.
    pub rebutted: String,
    /// The rebuttals, as `from → to` claim ids.
    pub rebuttals: Vec<(String, String)>,
}

/// The report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// The map's title.
    pub title: String,
    /// The theses (claims that support or attack nothing).
    pub theses: Vec<Thesis>,
    /// Rebuttals and undercuts nobody answered.
    pub unanswered: Vec<Unanswered>,
    /// Claims and arguments defeated under grounded semantics, with what defeats them.
    pub defeated: Vec<(Item, String)>,
    /// Claims and arguments caught in an unresolved cycle of attacks.
    pub undecided: Vec<Item>,
    /// Support that goes round in a circle.
    pub circular_support: Vec<String>,
    /// Claims nobody is said to have made.
    pub unattributed: Vec<Item>,
    /// Claims with no source.
    pub unsourced: Vec<Item>,
    /// Each actor's positions.
    pub positions: Vec<Positions>,
    /// Who rebuts whom.
    pub disagreements: Vec<Disagreement>,
    /// Actors on both sides of a rebuttal.
    pub inconsistent: Vec<String>,
}

fn item(map: &Map, id: &str) -> Item {
    let text = match map.element(id) {
        Some(Element::Claim(c)) => c.title.clone().unwrap_or_else(|| c.text.clone()),
        Some(Element::Argument(a)) => a
            .title
            .clone()
            .or_else(|| a.text.clone())
            .unwrap_or_else(|| id.to_owned()),
        Some(Element::Actor(a)) => a.name.clone(),
        None => id.to_owned(),
    };
    Item {
        id: id.to_owned(),
        text,
    }
}

/// Builds the report of a map.
///
/// Time: linear in elements plus links, plus sorting (n log n), plus the disagreements it
/// lists (one per rebuttal and pair of actors holding its two ends). Whatever it looks up
/// per claim or actor (its place in the translation, who holds it) is indexed once.
pub fn report(map: &Map) -> Report {
    let t = from_map(map);
    let place: std::collections::HashMap<&str, usize> = t
        .ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    let g = grounded(&t.af);
    let (bipolar, _) = bipolar_from_map(map, Gradual::DfQuad.default_base());
    let strength = strengths(&bipolar, Gradual::DfQuad, &Tolerance::default());
    let theses = map
        .root_theses()
        .into_iter()
        .map(|c| {
            let i = place[c.id.as_str()];
            Thesis {
                item: item(map, &c.id),
                status: g.labels[i],
                strength: strength.values[i],
                supported_by: map
                    .supporters(&c.id)
                    .into_iter()
                    .map(|(id, _)| id.to_string())
                    .collect(),
                attacked_by: map
                    .rebuttals(&c.id)
                    .into_iter()
                    .map(|(id, _)| id.to_string())
                    .collect(),
            }
        })
        .collect();
    let unanswered = map
        .unanswered_rebuttals()
        .into_iter()
        .map(|r| Unanswered {
            attacker: item(map, &r.from),
            target: item(map, &r.to),
            kind: r.kind.as_str(),
        })
        .collect();
    let mut defeated = Vec::new();
    let mut undecided = Vec::new();
    for (i, id) in t.ids.iter().enumerate() {
        match g.labels[i] {
            Label::Out => {
                let by = g.cause[i]
                    .map(|c| t.ids[c as usize].to_string())
                    .unwrap_or_default();
                defeated.push((item(map, id), by));
            }
            Label::Undec => undecided.push(item(map, id)),
            Label::In => {}
        }
    }
    let lints = super::lint(map);
    let circular_support = lints
        .iter()
        .filter(|l| l.message.contains("in a circle") || l.message.contains("supports itself"))
        .map(|l| l.message.clone())
        .collect();
    let inconsistent = lints
        .iter()
        .filter(|l| {
            l.message.contains(", which rebuts it")
                || l.message.contains(", which contradicts it")
                || l.message.contains("both asserts and denies")
        })
        .map(|l| l.message.clone())
        .collect();
    let has_actors = map.actors().next().is_some();
    let unattributed = if has_actors {
        map.claims()
            .filter(|c| map.stances_on(&c.id).is_empty())
            .map(|c| item(map, &c.id))
            .collect()
    } else {
        Vec::new()
    };
    let unsourced = map
        .claims()
        .filter(|c| c.source.is_none())
        .map(|c| item(map, &c.id))
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
    // Who rebuts whom: through the claims each actor asserts.
    // Who holds each claim, gathered once (a claim may be the end of every relation).
    let mut holders: std::collections::HashMap<&str, Vec<&str>> = std::collections::HashMap::new();
    for s in map.stances() {
        if matches!(s.kind, StanceKind::Asserts | StanceKind::Endorses) {
            holders
                .entry(s.target.as_str())
                .or_default()
                .push(s.actor.as_str());
        }
    }
    let asserters = |id: &str| -> &[&str] { holders.get(id).map_or(&[], Vec::as_slice) };
    let mut pairs: BTreeMap<(String, String), Vec<(String, String)>> = BTreeMap::new();
    for r in map.relations() {
        if !matches!(
            r.kind,
            RelationKind::Rebuts | RelationKind::Undercuts | RelationKind::Contradicts
        ) {
            continue;
        }
        for &b in asserters(&r.from) {
            for &a in asserters(&r.to) {
                if a != b {
                    pairs
                        .entry((b.to_owned(), a.to_owned()))
                        .or_default()
                        .push((r.from.to_string(), r.to.to_string()));
                }
            }
        }
    }
    let disagreements = pairs
        .into_iter()
        .map(|((rebutter, rebutted), rebuttals)| Disagreement {
            rebutter,
            rebutted,
            rebuttals,
        })
        .collect();
    Report {
        title: map.title.clone(),
        theses,
        unanswered,
        defeated,
        undecided,
        circular_support,
        unattributed,
        unsourced,
        positions,
        disagreements,
        inconsistent,
    }
}

/// The report as notes for a coach. Linear in the report's size (plus a lookup per name).
pub fn to_text(map: &Map, r: &Report) -> String {
    let name = |id: &str| match map.actor(id) {
        Some(a) => a.name.clone(),
        None => id.to_owned(),
    };
    let mut out = format!("{}\n{}\n", r.title, "=".repeat(r.title.chars().count()));
    let _ = writeln!(out, "\nTheses");
    for t in &r.theses {
        let verdict = match t.status {
            Label::In => "stands",
            Label::Out => "falls",
            Label::Undec => "is undecided",
        };
        let _ = writeln!(
            out,
            "- \"{}\" {verdict} (strength {:.2}): {} in support, {} against.",
            t.item.text,
            t.strength,
            count(t.supported_by.len(), "reason"),
            count(t.attacked_by.len(), "attack")
        );
    }
    let _ = writeln!(out, "\nDropped arguments (rebuttals nobody answered)");
    if r.unanswered.is_empty() {
        let _ = writeln!(out, "- None: every rebuttal got an answer.");
    }
    for u in &r.unanswered {
        let _ = writeln!(
            out,
            "- \"{}\" {} \"{}\", and nobody answered it.",
            u.attacker.text, u.kind, u.target.text
        );
    }
    if !r.defeated.is_empty() {
        let _ = writeln!(out, "\nClaims that fall");
        for (it, by) in &r.defeated {
            let _ = writeln!(
                out,
                "- \"{}\", defeated by \"{}\".",
                it.text,
                item(map, by).text
            );
        }
    }
    if !r.undecided.is_empty() {
        let _ = writeln!(out, "\nUnresolved (a cycle of attacks nobody has broken)");
        for it in &r.undecided {
            let _ = writeln!(out, "- \"{}\"", it.text);
        }
    }
    if !r.circular_support.is_empty() {
        let _ = writeln!(out, "\nCircular support");
        for m in &r.circular_support {
            let _ = writeln!(out, "- {m}.");
        }
    }
    let _ = writeln!(out, "\nWho disagrees with whom");
    if r.disagreements.is_empty() {
        let _ = writeln!(out, "- Nobody rebuts anybody else's claims.");
    }
    // Those answered with the same rebuttals are named together (the letter's signatories).
    type Answered<'r> = (&'r str, &'r Vec<(String, String)>, Vec<String>);
    // Found through a table (not by searching the list so far): a map may hold a
    // disagreement per claim.
    let mut answered: Vec<Answered> = Vec::new();
    type Key<'r> = (&'r str, &'r Vec<(String, String)>);
    let mut answered_at: std::collections::HashMap<Key, usize> = std::collections::HashMap::new();
    for d in &r.disagreements {
        match answered_at.entry((&d.rebutter, &d.rebuttals)) {
            std::collections::hash_map::Entry::Occupied(at) => {
                answered[*at.get()].2.push(name(&d.rebutted))
            }
            std::collections::hash_map::Entry::Vacant(at) => {
                at.insert(answered.len());
                answered.push((&d.rebutter, &d.rebuttals, vec![name(&d.rebutted)]));
            }
        }
    }
    for (by, rebuttals, whom) in answered {
        let _ = writeln!(
            out,
            "- {} answers {}: {}.",
            name(by),
            and_list(&whom),
            count(rebuttals.len(), "rebuttal")
        );
    }
    let _ = writeln!(out, "\nPositions");
    // Actors who take the same stances (co-signatories) are listed together.
    type Group<'r> = (&'r BTreeMap<&'static str, Vec<String>>, Vec<&'r str>);
    let mut groups: Vec<Group> = Vec::new();
    let mut group_at: std::collections::HashMap<&BTreeMap<&'static str, Vec<String>>, usize> =
        std::collections::HashMap::new();
    for p in &r.positions {
        match group_at.entry(&p.stances) {
            std::collections::hash_map::Entry::Occupied(at) => groups[*at.get()].1.push(&p.name),
            std::collections::hash_map::Entry::Vacant(at) => {
                at.insert(groups.len());
                groups.push((&p.stances, vec![&p.name]));
            }
        }
    }
    for (stances, names) in groups {
        let parts: Vec<String> = stances
            .iter()
            .map(|(kind, ids)| {
                let texts: Vec<String> = ids
                    .iter()
                    .map(|id| format!("\"{}\"", item(map, id).text))
                    .collect();
                format!("{kind} {}", texts.join(", "))
            })
            .collect();
        let names: Vec<String> = names.into_iter().map(str::to_owned).collect();
        let _ = writeln!(out, "- {}: {}.", and_list(&names), parts.join("; "));
    }
    if !r.inconsistent.is_empty() {
        let _ = writeln!(out, "\nActors on both sides");
        for m in &r.inconsistent {
            let _ = writeln!(out, "- {m}.");
        }
    }
    let _ = writeln!(out, "\nLoose ends");
    if r.unattributed.is_empty() && r.unsourced.is_empty() {
        let _ = writeln!(out, "- None: every claim has an author and a source.");
    }
    for it in &r.unattributed {
        let _ = writeln!(out, "- Nobody is said to have made \"{}\".", it.text);
    }
    if !r.unsourced.is_empty() && r.unsourced.len() == map.claims().count() {
        // A practice map without sources: one line, not one per claim.
        let _ = writeln!(
            out,
            "- No claim has a source yet: add sources to say where each claim was read."
        );
    } else {
        for it in &r.unsourced {
            let _ = writeln!(out, "- \"{}\" has no source.", it.text);
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
}
