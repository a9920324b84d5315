//! From a map, with its supports, premises and undercuts, to an attack-only framework.
//!
//! Dung's semantics know only attacks. A map also says what supports what, and which claims
//! an argument needs. The translation reads them as follows.
//!
//! - **Claims and arguments** become abstract arguments, in map order. Actors, sources and
//!   groups take no part.
//! - **Rebuts and undercuts** are attacks. An undercut attacks the argument (its inference),
//!   not its conclusion, so a conclusion that has other support is untouched.
//! - **Contradicts** is an attack both ways.
//! - **Premises are necessary support** (Nouioua and Risch, "Argumentation frameworks with
//!   necessities", SUM 2011; the derived attacks as Cayrol and Lagasquie-Schiex set them out
//!   for necessary support in "Bipolarity in argumentation graphs", IJAR 2013). An argument
//!   stands only if all its premises do, so whatever attacks a premise also attacks the
//!   argument (*secondary attack*), and whatever a premise attacks the argument attacks too
//!   (*extended attack*). This is how a rebuttal of one premise defeats a linked argument.
//! - **Supports and conclusions add no attack.** A reason for a claim does not defend it:
//!   a claim stands when its attackers fall, not because something supports it, and mutual
//!   support in a cycle protects neither claim. Reading supports as deductive (Cayrol and
//!   Lagasquie-Schiex's *supported* and *mediated* attacks) would let a rebuttal of a
//!   conclusion defeat every reason offered for it, which is not how a debate is judged: a
//!   true reason can be insufficient. Support is weighed by the gradual semantics instead.
//! - **Rephrases** adds nothing.

use std::collections::HashMap;

use super::{Bipolar, Framework};
use petgraph::visit::NodeIndexable;

use crate::model::{Element, Id, Link, Map, RelationKind};

/// A map as a framework.
#[derive(Clone, Debug)]
pub struct Translation {
    /// The framework: argument `i` is the element `ids[i]`.
    pub af: Framework,
    /// The claim or argument each abstract argument stands for.
    pub ids: Vec<Id>,
    /// For each attack the translation derived through a premise, `(attacker, target)` →
    /// the premise it went through.
    pub through: HashMap<(u32, u32), u32>,
}

/// Translates a map (see the module documentation for how each relation is read).
///
/// Time: linear in elements plus relations, plus sorting the attacks (n log n), plus the
/// attacks derived through premises (each premise's attackers and targets: at most as many
/// as the derived attacks it adds).
pub fn from_map(map: &Map) -> Translation {
    let (index, ids) = numbering(map);
    let mut attacks: Vec<(u32, u32)> = Vec::new();
    let mut premises: Vec<(u32, u32)> = Vec::new(); // (premise, argument)
    for (a, b, kind) in numbered_relations(map, &index) {
        match kind {
            RelationKind::Rebuts | RelationKind::Undercuts => attacks.push((a, b)),
            RelationKind::Contradicts => attacks.extend([(a, b), (b, a)]),
            RelationKind::Premise => premises.push((a, b)),
            _ => {}
        }
    }
    let direct = Framework::new(ids.len(), attacks.iter().copied());
    let mut through = HashMap::new();
    for &(p, arg) in &premises {
        for &x in direct.attackers(p) {
            if x != arg && through.insert((x, arg), p).is_none() {
                attacks.push((x, arg));
            }
        }
        for &y in direct.targets(p) {
            if y != arg && through.insert((arg, y), p).is_none() {
                attacks.push((arg, y));
            }
        }
    }
    // An attack that is also direct is reported as direct.
    // (Targets are sorted: a binary search, not a walk of a node that may attack thousands.)
    through.retain(|&(a, b), _| direct.targets(a).binary_search(&b).is_err());
    Translation {
        af: Framework::new(ids.len(), attacks),
        ids,
        through,
    }
}

/// A map as a bipolar graph for the gradual semantics, nodes in the order of [`from_map`]:
/// rebuttals and undercuts attack, contradictions attack both ways; supports, premises (a
/// premise supports its argument) and conclusions (an argument supports its conclusion)
/// support. Each node's base score is its `ext.base_score` when that is a number in `[0, 1]`,
/// else `default_base`. Linear in elements plus relations.
pub fn bipolar_from_map(map: &Map, default_base: f64) -> (Bipolar, Vec<Id>) {
    let (index, ids) = numbering(map);
    let mut g = Bipolar::new(ids.len(), default_base);
    g.base = map
        .elements()
        .filter(|e| !matches!(e, Element::Actor(_)))
        .map(|e| {
            e.meta()
                .ext()
                .and_then(|x| x.get("base_score"))
                .and_then(|v| v.as_f64())
                .filter(|v| (0.0..=1.0).contains(v))
                .unwrap_or(default_base)
        })
        .collect();
    for (a, b, kind) in numbered_relations(map, &index) {
        match kind {
            RelationKind::Rebuts | RelationKind::Undercuts => g.attack(a, b),
            RelationKind::Contradicts => {
                g.attack(a, b);
                g.attack(b, a);
            }
            RelationKind::Supports | RelationKind::Premise | RelationKind::Conclusion => {
                g.support(a, b)
            }
            _ => {}
        }
    }
    (g, ids)
}

/// No number: an actor's node, or a free slot of the graph.
const NONE: u32 = u32::MAX;

/// Each claim's and argument's number in a translation, by petgraph node, and their ids in
/// that order (map order; actors take no part). One pass over the nodes, no hashing.
fn numbering(map: &Map) -> (Vec<u32>, Vec<Id>) {
    let mut index = vec![NONE; map.graph().node_bound()];
    let mut ids = Vec::new();
    for (ix, e) in map.indexed_elements() {
        if !matches!(e, Element::Actor(_)) {
            index[ix.index()] = ids.len() as u32;
            ids.push(e.id().clone());
        }
    }
    (index, ids)
}

/// Every relation between two numbered elements, in map order, as (from, to, kind): read
/// from the graph's edges, without looking its ends up by id.
fn numbered_relations<'m>(
    map: &'m Map,
    index: &'m [u32],
) -> impl Iterator<Item = (u32, u32, RelationKind)> + 'm {
    let graph = map.graph();
    map.sorted_edge_indices().into_iter().filter_map(move |e| {
        let Link::Relation(r) = graph[e].link() else {
            return None;
        };
        let (a, b) = graph.edge_endpoints(e)?;
        let (a, b) = (index[a.index()], index[b.index()]);
        (a != NONE && b != NONE).then_some((a, b, r.kind))
    })
}

#[cfg(test)]
mod tests {
    use super::super::{grounded, Label};
    use super::*;
    use crate::model::MapBuilder;

    fn labels(map: &Map) -> HashMap<String, Label> {
        let t = from_map(map);
        let g = grounded(&t.af);
        t.ids
            .iter()
            .map(|id| id.to_string())
            .zip(g.labels)
            .collect()
    }

    #[test]
    fn an_undercut_defeats_the_inference_but_not_the_conclusions_other_support() {
        let map = MapBuilder::new("t")
            .claim("c", "Conclusion")
            .claim("p", "Premise")
            .claim("other", "Another reason")
            .claim("u", "The inference fails")
            .argument("arg", &["p"], "c")
            .supports("other", "c")
            .undercuts("u", "arg")
            .build()
            .unwrap();
        let l = labels(&map);
        assert_eq!(l["arg"], Label::Out);
        assert_eq!(l["c"], Label::In);
        assert_eq!(l["p"], Label::In);
    }

    #[test]
    fn a_rebuttal_of_one_premise_defeats_a_linked_argument() {
        let map = MapBuilder::new("t")
            .claim("c", "Conclusion")
            .claim("p1", "First premise")
            .claim("p2", "Second premise")
            .claim("r", "p2 is false")
            .argument("arg", &["p1", "p2"], "c")
            .rebuts("r", "p2")
            .build()
            .unwrap();
        let t = from_map(&map);
        let l = labels(&map);
        assert_eq!(
            (l["p2"], l["arg"], l["p1"]),
            (Label::Out, Label::Out, Label::In)
        );
        let (r, arg, p2) = (0u32..5).fold((0, 0, 0), |acc, i| match t.ids[i as usize].as_str() {
            "r" => (i, acc.1, acc.2),
            "arg" => (acc.0, i, acc.2),
            "p2" => (acc.0, acc.1, i),
            _ => acc,
        });
        assert_eq!(t.through.get(&(r, arg)), Some(&p2));
    }

    #[test]
    fn a_support_cycle_is_not_evidence() {
        // a and b support each other; x rebuts a. The cycle does not defend a.
        let map = MapBuilder::new("t")
            .claim("a", "A")
            .claim("b", "B")
            .claim("x", "Not A")
            .supports("a", "b")
            .supports("b", "a")
            .rebuts("x", "a")
            .build()
            .unwrap();
        let l = labels(&map);
        assert_eq!((l["a"], l["x"]), (Label::Out, Label::In));
    }

    #[test]
    fn reinstatement_follows_the_rebuttals() {
        // t <- r1 <- r2: the rebuttal of the rebuttal reinstates the thesis.
        let map = MapBuilder::new("t")
            .claim("t", "T")
            .claim("r1", "R1")
            .claim("r2", "R2")
            .rebuts("r1", "t")
            .rebuts("r2", "r1")
            .build()
            .unwrap();
        let l = labels(&map);
        assert_eq!(
            (l["t"], l["r1"], l["r2"]),
            (Label::In, Label::Out, Label::In)
        );
    }
}
