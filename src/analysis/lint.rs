//! Lints: things a map may hold but its author probably did not mean. They never make a map
//! invalid; `argumap check --deny-warnings` treats them as errors.

use super::Successors;
use crate::diagnostic::Code;
use crate::model::{ClaimKind, Element, Id, Map, RelationKind};

/// One finding, about one element (or the whole map when `subject` is `None`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lint {
    /// What kind of finding it is.
    pub code: Code,
    /// The element the finding is about.
    pub subject: Option<Id>,
    /// What was found.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

fn lint_on(code: Code, id: &Id, message: String, hint: &str) -> Lint {
    Lint {
        code,
        subject: Some(id.clone()),
        message,
        hint: Some(hint.to_owned()),
    }
}

/// Finds the things in a map that are allowed but probably not meant, in map order.
///
/// Time: linear in elements plus links (each pass walks them once, through tables indexed
/// by node), plus sorting the findings; see each pass for the details.
pub fn lint(map: &Map) -> Vec<Lint> {
    let mut out = Vec::new();
    let several = map.claims().nth(1).is_some();
    let mut cited: std::collections::HashSet<&str, foldhash::fast::RandomState> =
        std::collections::HashSet::default();
    for r in map.relations() {
        cited.extend(r.source.as_deref());
    }
    for s in map.stances() {
        cited.extend(s.source.as_deref());
    }
    let adj = map.adjacency();
    for (ix, e) in map.indexed_elements() {
        let id = e.id();
        match e {
            Element::Claim(claim) => {
                cited.extend(claim.source.as_deref());
                let related = adj.relations_to(ix).next().is_some()
                    || adj.relations_from(ix).next().is_some();
                // Framing and background stand apart from the debate by design.
                if several && !related && claim.kind == ClaimKind::Debate {
                    out.push(lint_on(
                        Code::Unconnected,
                        id,
                        format!("the claim `{id}` is not connected to any other claim"),
                        "say what it supports or rebuts, or remove it",
                    ));
                }
                if claim.quote.is_some() && claim.source.is_none() {
                    out.push(lint_on(
                        Code::QuoteWithoutSource,
                        id,
                        format!("the claim `{id}` has a quote but no source"),
                        "add \"source\": naming the document the quote is from",
                    ));
                }
            }
            Element::Argument(arg) => {
                cited.extend(arg.source.as_deref());
                let concludes = adj
                    .relations_from(ix)
                    .any(|r| r.kind == RelationKind::Conclusion);
                let acts = adj
                    .relations_from(ix)
                    .any(|r| r.kind != RelationKind::Conclusion);
                let has_premises = adj
                    .relations_to(ix)
                    .any(|r| r.kind == RelationKind::Premise);
                if !concludes && !acts {
                    out.push(lint_on(
                        Code::ArgumentWithoutConclusion,
                        id,
                        format!(
                            "the argument `{id}` has no conclusion and supports or attacks nothing"
                        ),
                        "add \"conclusion\": the claim its premises support",
                    ));
                }
                if concludes && !has_premises {
                    out.push(lint_on(
                        Code::ConclusionWithoutPremises,
                        id,
                        format!("the argument `{id}` has a conclusion but no premises"),
                        "list its premises, or write a plain `supports` instead",
                    ));
                }
            }
            Element::Actor(_) => {}
        }
    }
    support_cycles(map, &mut out);
    unattributed(map, &mut out);
    self_contradicting_actors(map, &mut out);
    for s in map.sources() {
        // A source known only through another (a letter an article reports) is read, and
        // cited, through that one.
        let through_cited = s.via.as_deref().is_some_and(|v| cited.contains(v));
        if !cited.contains(s.id.as_str()) && !through_cited {
            out.push(lint_on(
                Code::UncitedSource,
                &s.id,
                format!("the source `{}` is never cited", s.id),
                "name it as the `source` of the claims read in it, or remove it",
            ));
        }
    }
    out
}

/// Circles of support (supports, and an argument's premises and conclusion): a claim that
/// supports itself, directly or around a circle, is offered as its own evidence.
///
/// Linear: the relations' ends are found by node (no id lookups), Kahn's algorithm peels
/// off what no circle runs through, and Kosaraju's algorithm, linear too, runs only when
/// something is left; only the circles found are sorted.
fn support_cycles(map: &Map, out: &mut Vec<Lint>) {
    use crate::model::Link;
    use petgraph::graph::{DiGraph, NodeIndex};
    let graph = map.graph();
    let mut place = vec![usize::MAX; petgraph::visit::NodeIndexable::node_bound(graph)];
    let mut ids: Vec<&Id> = Vec::new();
    for (ix, e) in map.indexed_elements() {
        if !matches!(e, Element::Actor(_)) {
            place[ix.index()] = ids.len();
            ids.push(e.id());
        }
    }
    let mut ends: Vec<(u32, u32)> = Vec::new();
    let mut self_support = Vec::new();
    for e in map.sorted_edge_indices() {
        let Link::Relation(r) = graph[e].link() else {
            continue;
        };
        if !matches!(
            r.kind,
            RelationKind::Supports | RelationKind::Premise | RelationKind::Conclusion
        ) {
            continue;
        }
        let (from, to) = graph.edge_endpoints(e).expect("live edge");
        let (a, b) = (place[from.index()], place[to.index()]);
        if a != usize::MAX && b != usize::MAX {
            if a == b {
                self_support.push(a);
            }
            ends.push((a as u32, b as u32));
        }
    }
    for a in self_support {
        let id = ids[a];
        out.push(lint_on(
            Code::SelfSupport,
            id,
            format!("`{id}` supports itself"),
            "a claim is not a reason for itself: remove the relation, or give the real reason",
        ));
    }
    // Kahn's algorithm over a flat successor list peels off every element no circle runs
    // through; most maps have none left, and Kosaraju (iterative in petgraph: no recursion
    // on long chains) then runs on what is left only.
    let n = ids.len();
    let (successors, mut indegree) = Successors::new(n, &ends);
    let mut ready: Vec<u32> = (0..n as u32)
        .filter(|&i| indegree[i as usize] == 0)
        .collect();
    let mut peeled = vec![false; n];
    while let Some(a) = ready.pop() {
        peeled[a as usize] = true;
        for &b in successors.of(a as usize) {
            indegree[b as usize] -= 1;
            if indegree[b as usize] == 0 {
                ready.push(b);
            }
        }
    }
    if peeled.iter().all(|&p| p) {
        return;
    }
    let mut g: DiGraph<(), ()> = DiGraph::with_capacity(n, 0);
    for _ in 0..n {
        g.add_node(());
    }
    for &(a, b) in &ends {
        if !peeled[a as usize] && !peeled[b as usize] {
            g.add_edge(NodeIndex::new(a as usize), NodeIndex::new(b as usize), ());
        }
    }
    let mut parts: Vec<Vec<usize>> = petgraph::algo::kosaraju_scc(&g)
        .into_iter()
        .filter(|p| p.len() > 1)
        .map(|p| {
            let mut p: Vec<usize> = p.into_iter().map(|n| n.index()).collect();
            p.sort_unstable();
            p
        })
        .collect();
    parts.sort();
    for part in parts {
        let names: Vec<String> = part.iter().map(|&i| format!("`{}`", ids[i])).collect();
        out.push(lint_on(
Code::CircularSupport,
            ids[part[0]],
            format!("{} support each other in a circle", names.join(", ")),
            "a circle of support is not evidence: find what supports one of them from outside the circle",
        ));
    }
}

/// Claims nobody is said to have made, in a map that has actors.
///
/// Linear: one pass over the links marks, by node, what a stance names or what a relation
/// with `by` starts at; one pass over the claims reads the marks.
fn unattributed(map: &Map, out: &mut Vec<Lint>) {
    use crate::model::Link;
    if map.actors().next().is_none() {
        return;
    }
    let g = map.graph();
    let mut attributed = vec![false; petgraph::visit::NodeIndexable::node_bound(g)];
    for e in g.edge_indices() {
        let (from, to) = g.edge_endpoints(e).expect("live edge");
        match g[e].link() {
            Link::Stance(_) => attributed[to.index()] = true,
            Link::Relation(r) if !r.by.is_empty() => attributed[from.index()] = true,
            _ => {}
        }
    }
    // Background is nobody's move: a fact the map gives as context.
    let unsaid: Vec<&Id> = map
        .indexed_elements()
        .filter_map(|(ix, e)| match e {
            Element::Claim(c) if c.kind != ClaimKind::Background && !attributed[ix.index()] => {
                Some(&c.id)
            }
            _ => None,
        })
        .collect();
    let claims = map.claims().count();
    if unsaid.len() > 1 && unsaid.len() == claims {
        // A map whose claims name no speaker (an import from a tool without them): one
        // finding, not one per claim.
        out.push(Lint {
            code: Code::Unattributed,
            subject: None,
            message: format!("none of the {claims} claims says who made it"),
            hint: Some(
                "add \"by\" to each claim: the actor who asserts it, so the map shows who said what"
                    .into(),
            ),
        });
        return;
    }
    for id in unsaid {
        out.push(lint_on(
            Code::Unattributed,
            id,
            format!("nobody is said to have made the claim `{id}`"),
            "add \"by\": the actor who asserts it, so the map shows who said what",
        ));
    }
}

/// An actor who both takes and rejects a claim, or asserts both sides of a rebuttal.
///
/// One pass over the links indexes who holds what (asserts or endorses it): each target's
/// holders, sorted, in one flat list. A denial is then one binary search; an attack looks up
/// the holders of whichever end has fewer among the other end's holders. Time:
/// O(links log(holders) + Σ over attacks of the fewer holders of either end), which is linear when
/// claims have a bounded number of holders and never more than the number of
/// (attack, holder) pairs; the findings are then sorted, actor by actor, into the order
/// of a walk actor by actor (denials first, then attacks, each in map order).
fn self_contradicting_actors(map: &Map, out: &mut Vec<Lint>) {
    use crate::model::{Link, StanceKind};
    if map.actors().next().is_none() {
        return;
    }
    let g = map.graph();
    // Each node's place in map order, so that findings come out actor by actor.
    let bound = petgraph::visit::NodeIndexable::node_bound(g);
    let mut place = vec![u32::MAX; bound];
    for (i, (ix, _)) in map.indexed_elements().enumerate() {
        place[ix.index()] = i as u32;
    }
    let edges = map.sorted_edge_indices();
    // Each node's holders, sorted, in one flat list (`start[t]..start[t + 1]`): a lookup is
    // a binary search in a short run of memory, not a probe of a big hash table.
    let holds = |e: petgraph::graph::EdgeIndex| match g[e].link() {
        Link::Stance(s) => matches!(s.kind, StanceKind::Asserts | StanceKind::Endorses),
        _ => false,
    };
    let mut start = vec![0u32; bound + 1];
    for &e in &edges {
        if holds(e) {
            start[g.edge_endpoints(e).expect("live edge").1.index() + 1] += 1;
        }
    }
    for i in 0..bound {
        start[i + 1] += start[i];
    }
    let mut list = vec![0u32; start[bound] as usize];
    let mut fill = start.clone();
    for &e in &edges {
        if holds(e) {
            let (a, t) = g.edge_endpoints(e).expect("live edge");
            list[fill[t.index()] as usize] = a.index() as u32;
            fill[t.index()] += 1;
        }
    }
    drop(fill);
    for t in 0..bound {
        list[start[t] as usize..start[t + 1] as usize].sort_unstable();
    }
    let holders_of = |t: u32| &list[start[t as usize] as usize..start[t as usize + 1] as usize];
    let held = |actor: u32, t: u32| holders_of(t).binary_search(&actor).is_ok();
    // (actor's place, 0 for a denial or 1 for an attack, the link's place, the finding)
    let mut found: Vec<(u32, u8, usize, Lint)> = Vec::new();
    for (k, &e) in edges.iter().enumerate() {
        let (a, b) = g.edge_endpoints(e).expect("live edge");
        let (a, b) = (a.index() as u32, b.index() as u32);
        match g[e].link() {
            Link::Stance(s) if s.kind == StanceKind::Denies && held(a, b) => {
                found.push((
                    place[a as usize],
                    0,
                    k,
                    lint_on(
Code::SelfContradiction,
                        &s.actor,
                        format!("`{}` both asserts and denies `{}`", s.actor, s.target),
                        "keep the stance the source supports, or date both to show a change of mind",
                    ),
                ));
            }
            Link::Relation(r)
                if matches!(r.kind, RelationKind::Rebuts | RelationKind::Contradicts) =>
            {
                let (fewer, other) = if holders_of(a).len() <= holders_of(b).len() {
                    (a, b)
                } else {
                    (b, a)
                };
                let run = holders_of(fewer);
                for (i, &actor) in run.iter().enumerate() {
                    // A run may name an actor twice (it asserts and endorses the claim).
                    if (i > 0 && run[i - 1] == actor) || !held(actor, other) {
                        continue;
                    }
                    let actor_id = g[petgraph::graph::NodeIndex::new(actor as usize)].id();
                    found.push((
                        place[actor as usize],
                        1,
                        k,
                        lint_on(
Code::SelfContradiction,
                            actor_id,
                            format!(
                                "`{}` asserts `{}` and `{}`, which {} it",
                                actor_id,
                                r.to,
                                r.from,
                                if r.kind == RelationKind::Rebuts {
                                    "rebuts"
                                } else {
                                    "contradicts"
                                }
                            ),
                            "check the attributions: one actor holding both sides is usually a mistake",
                        ),
                    ));
                }
            }
            _ => {}
        }
    }
    found.sort_unstable_by_key(|f| (f.0, f.1, f.2));
    out.extend(found.into_iter().map(|f| f.3));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MapBuilder;

    #[test]
    fn finds_loose_ends() {
        let m = MapBuilder::new("t")
            .claim("a", "A")
            .claim("b", "B")
            .claim("lonely", "L")
            .supports("b", "a")
            .source("doc", "Doc")
            .build()
            .unwrap();
        let lints = lint(&m);
        let subjects: Vec<&str> = lints.iter().filter_map(|l| l.subject.as_deref()).collect();
        assert_eq!(subjects, ["lonely", "doc"]);
    }

    #[test]
    fn finds_circles_unattributed_claims_and_self_contradiction() {
        use crate::model::ActorKind;
        let m = MapBuilder::new("t")
            .actor("ann", "Ann", ActorKind::Person)
            .claim("a", "A")
            .claim("b", "B")
            .claim("c", "C")
            .supports("a", "b")
            .supports("b", "a")
            .rebuts("c", "a")
            .asserts("ann", "a")
            .asserts("ann", "b")
            .asserts("ann", "c")
            .build()
            .unwrap();
        let messages: Vec<String> = lint(&m).into_iter().map(|l| l.message).collect();
        assert!(
            messages.contains(&"`a`, `b` support each other in a circle".to_owned()),
            "{messages:?}"
        );
        assert!(
            messages.contains(&"`ann` asserts `a` and `c`, which rebuts it".to_owned()),
            "{messages:?}"
        );
        let unattributed = MapBuilder::new("t")
            .actor("ann", "Ann", ActorKind::Person)
            .claim("a", "A")
            .claim("b", "B")
            .supports("b", "a")
            .asserts("ann", "a")
            .build()
            .unwrap();
        let messages: Vec<String> = lint(&unattributed).into_iter().map(|l| l.message).collect();
        assert_eq!(messages, ["nobody is said to have made the claim `b`"]);
    }

    /// The walk `self_contradicting_actors` replaced: every actor, every stance and relation.
    fn self_contradictions_naively(map: &Map) -> Vec<String> {
        use crate::model::StanceKind;
        let mut out = Vec::new();
        for actor in map.actors() {
            let stances = map.stances_of(&actor.id);
            let holds = |target: &str| {
                stances.iter().any(|s| {
                    s.target.as_str() == target
                        && matches!(s.kind, StanceKind::Asserts | StanceKind::Endorses)
                })
            };
            for s in &stances {
                if s.kind == StanceKind::Denies && holds(&s.target) {
                    out.push(format!(
                        "`{}` both asserts and denies `{}`",
                        actor.id, s.target
                    ));
                }
            }
            for r in map.relations() {
                let attack = matches!(r.kind, RelationKind::Rebuts | RelationKind::Contradicts);
                if attack && holds(&r.from) && holds(&r.to) {
                    out.push(format!(
                        "`{}` asserts `{}` and `{}`",
                        actor.id, r.to, r.from
                    ));
                }
            }
        }
        out
    }

    #[test]
    fn self_contradictions_match_the_naive_walk() {
        use crate::gen::{generate, GenOptions, Shape};
        use crate::model::{Relation, Stance, StanceKind};
        for shape in [Shape::Crowd, Shape::Dialogue, Shape::Default, Shape::Fan] {
            let mut map = generate(&GenOptions::new(400).shape(shape));
            // Endorsements, and an actor who holds both ends of a contradiction.
            let actor = map.actors().next().unwrap().id.clone();
            let claims: Vec<_> = map.claims().map(|c| c.id.clone()).collect();
            for c in claims.iter().step_by(7) {
                let _ = map.add_stance(Stance::new(actor.clone(), StanceKind::Endorses, c.clone()));
            }
            let _ = map.add_relation(Relation::new(
                claims[14].clone(),
                RelationKind::Contradicts,
                claims[7].clone(),
            ));
            let mut found = Vec::new();
            self_contradicting_actors(&map, &mut found);
            let found: Vec<String> = found
                .into_iter()
                .map(|l| l.message.split(", which").next().unwrap().to_owned())
                .collect();
            let expected = self_contradictions_naively(&map);
            assert!(!expected.is_empty(), "{shape:?}: {expected:?}");
            assert_eq!(found, expected, "{shape:?}");
        }
    }
}
