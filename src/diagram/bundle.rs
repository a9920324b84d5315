//! Actor bundles: actors who take exactly the same stances (the four signatories of one
//! letter) drawn as one node, so that one arrow stands for all of them.

use crate::model::{Map, StanceKind};

use super::{HashMap, HashSet, IndexMap};

/// Actors drawn as one node because they take exactly the same stances.
#[derive(Default)]
pub(crate) struct Bundles<'a> {
    /// For each actor drawn in another's node: that node's actor.
    pub(crate) drawn_as: HashMap<&'a str, &'a str>,
    /// For each bundle's first actor: every actor of the bundle, in map order.
    pub(crate) members: HashMap<&'a str, Vec<&'a str>>,
}

impl<'a> Bundles<'a> {
    /// Whether the actor has a node of its own (alone, or first of its bundle).
    pub(crate) fn is_drawn(&self, id: &str) -> bool {
        !self.drawn_as.contains_key(id)
    }

    /// The actor whose node stands for this actor.
    pub(crate) fn drawn_as(&self, id: &'a str) -> &'a str {
        self.drawn_as.get(id).copied().unwrap_or(id)
    }
}

/// The actors drawn together in one node, each bundle with its first actor first, in map
/// order. The HTML page uses this to name everyone a bundled node stands for.
pub(crate) fn actor_bundles(map: &Map) -> Vec<Vec<&str>> {
    let bundles = bundle_actors(map);
    map.actors()
        .filter_map(|a| bundles.members.get(a.id.as_str()).cloned())
        .collect()
}

/// How many stance arrows the diagram draws when actors are nodes: one per stance, except
/// that actors who take the same stances share their arrows. Graphviz slows down sharply
/// with these arrows, which run from a few actors to claims all over the map.
pub fn stance_arrows(map: &Map) -> usize {
    let bundles = bundle_actors(map);
    map.stances().filter(|s| bundles.is_drawn(&s.actor)).count()
}

/// Groups the actors whose stances (kind, target and source) are the same and not empty.
/// An actor with a quoted stance stays alone: the quote is theirs.
///
/// One pass over the stances and one over the actors, with hash tables: linear, but for
/// sorting each actor's own stances (O(s log s) in the stances of one actor).
pub(crate) fn bundle_actors(map: &Map) -> Bundles<'_> {
    type Signature<'m> = Vec<(StanceKind, &'m str, Option<&'m str>)>;
    let mut stances: IndexMap<&str, Signature> = IndexMap::default();
    let mut plain: HashSet<&str> = map.actors().map(|a| a.id.as_str()).collect();
    for stance in map.stances() {
        if stance.quote.is_some() {
            plain.remove(stance.actor.as_str());
        }
        stances.entry(stance.actor.as_str()).or_default().push((
            stance.kind,
            stance.target.as_str(),
            stance.source.as_deref(),
        ));
    }
    let mut by_stances: IndexMap<Signature, Vec<&str>> = IndexMap::default();
    for actor in map.actors() {
        let id = actor.id.as_str();
        if let Some(mut own) = stances.swap_remove(id).filter(|_| plain.contains(id)) {
            own.sort_unstable();
            by_stances.entry(own).or_default().push(id);
        }
    }
    let mut bundles = Bundles::default();
    for (_, ids) in by_stances {
        if let [first, rest @ ..] = ids.as_slice() {
            if rest.is_empty() {
                continue;
            }
            for other in rest {
                bundles.drawn_as.insert(other, first);
            }
            bundles.members.insert(first, ids);
        }
    }
    bundles
}
