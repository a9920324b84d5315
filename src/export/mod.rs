//! Exporters: functions from a [`Map`] to another format.
//!
//! Each module writes one format and escapes every text it writes through one function:
//!
//! - [`dot`]: Graphviz DOT, for drawing with `dot`;
//! - [`graphml`]: GraphML, for yEd, Gephi and networkx;
//! - [`mermaid`]: a Mermaid flowchart, for Markdown on GitHub and in docs;
//! - [`cytoscape`]: Cytoscape.js JSON, for interactive graphs in a browser.
//!
//! The last three share one shape, so that a caller picks one by format alone:
//! `write(&Map, impl Write) -> io::Result<()>` streams the output and `to_string(&Map)`
//! returns it.

pub mod cytoscape;
pub mod dot;
pub mod graphml;
#[cfg(feature = "graphviz-rust")]
pub mod graphviz_rust;
pub mod mermaid;

use std::collections::HashMap as StdHashMap;
use std::io;

use crate::model::{Group, Map};

/// What a writer writes into memory, as a string. Every writer here writes UTF-8 and fails
/// only when its output fails, which a `Vec` never does.
pub(crate) fn written(write: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> String {
    let mut out = Vec::new();
    let _ = write(&mut out);
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Hash tables keyed by ids, as in [`dot`]: foldhash, seeded per run. Only looked up, never
/// iterated for output.
pub(crate) type HashMap<K, V> = StdHashMap<K, V, foldhash::fast::RandomState>;

/// How the map's groups nest and which group shows each claim and argument, for formats
/// that draw groups as boxes (Mermaid subgraphs, Cytoscape.js compound nodes).
///
/// A box can hold a node only once, so an element listed in several groups is shown in the
/// deepest of them, the first in map order among equals (as [`dot`] does). Groups that
/// show nothing, themselves or through their subgroups, are left out.
pub(crate) struct Nesting<'a> {
    /// The map's groups, in map order; the other fields index into it.
    pub groups: Vec<&'a Group>,
    /// Each group's enclosing group.
    pub parent: Vec<Option<usize>>,
    /// Each group's subgroups, in map order.
    pub children: Vec<Vec<usize>>,
    /// The group each claim and argument is shown in, by id. Lookups only: output follows
    /// map order.
    pub home: HashMap<&'a str, usize>,
    /// Whether the group, or one of its subgroups, shows an element.
    pub shown: Vec<bool>,
}

impl<'a> Nesting<'a> {
    pub fn new(map: &'a Map) -> Nesting<'a> {
        let groups: Vec<&Group> = map.groups().collect();
        let index: HashMap<&str, usize> = groups
            .iter()
            .enumerate()
            .map(|(i, g)| (g.id.as_str(), i))
            .collect();
        let mut parent: Vec<Option<usize>> = groups
            .iter()
            .map(|g| g.parent.as_deref().and_then(|p| index.get(p).copied()))
            .collect();
        // The model refuses cycles, but an exporter is no place to loop forever: a group
        // whose walk up is longer than there are groups becomes a root.
        let depth: Vec<usize> = (0..groups.len())
            .map(|g| {
                let mut at = g;
                for steps in 0..=groups.len() {
                    match parent[at] {
                        Some(p) => at = p,
                        None => return steps,
                    }
                }
                usize::MAX
            })
            .collect();
        for (g, &d) in depth.iter().enumerate() {
            if d == usize::MAX {
                parent[g] = None;
            }
        }
        let depth = |g: usize| if depth[g] == usize::MAX { 0 } else { depth[g] };
        let mut children = vec![Vec::new(); groups.len()];
        for (g, p) in parent.iter().enumerate() {
            if let Some(p) = *p {
                children[p].push(g);
            }
        }
        let mut home: HashMap<&str, usize> = HashMap::default();
        for (g, group) in groups.iter().enumerate() {
            for member in &group.members {
                if map.element(member).is_none() {
                    continue;
                }
                match home.get(member.as_str()) {
                    Some(&other) if depth(g) <= depth(other) => {}
                    _ => {
                        home.insert(member.as_str(), g);
                    }
                }
            }
        }
        let mut shown = vec![false; groups.len()];
        for &g in home.values() {
            // Up through the parents; each step marks one more group, so this ends.
            let mut at = Some(g);
            while let Some(a) = at.filter(|&a| !shown[a]) {
                shown[a] = true;
                at = parent[a];
            }
        }
        Nesting {
            groups,
            parent,
            children,
            home,
            shown,
        }
    }

    /// The shown groups no group encloses, in map order.
    pub fn roots(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.groups.len()).filter(|&g| self.shown[g] && self.parent[g].is_none())
    }

    /// The group an element is shown in, if any.
    pub fn home_of(&self, id: &str) -> Option<usize> {
        self.home.get(id).copied()
    }
}

/// The text to show, when it is not only white space.
pub(crate) fn non_blank(text: Option<&str>) -> Option<&str> {
    text.filter(|t| !t.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Claim, Id};

    #[test]
    fn an_element_is_shown_in_its_deepest_group_and_empty_groups_are_not_shown() {
        let id = |s: &str| Id::new(s).unwrap();
        let mut map = Map::new("t");
        for c in ["a", "b", "c"] {
            map.add_claim(Claim::new(id(c), c)).unwrap();
        }
        let mut outer = Group::new(id("outer"), "Outer");
        outer.members = vec![id("a"), id("b")];
        map.add_group(outer).unwrap();
        let mut inner = Group::new(id("inner"), "Inner");
        inner.members = vec![id("b")];
        inner.parent = Some(id("outer"));
        map.add_group(inner).unwrap();
        map.add_group(Group::new(id("empty"), "Empty")).unwrap();
        let mut other = Group::new(id("other"), "Other");
        other.members = vec![id("a")];
        map.add_group(other).unwrap();

        let nesting = Nesting::new(&map);
        assert_eq!(nesting.home_of("a"), Some(0), "first among equals");
        assert_eq!(nesting.home_of("b"), Some(1), "the deeper group");
        assert_eq!(nesting.home_of("c"), None);
        assert_eq!(nesting.shown, [true, true, false, false]);
        assert_eq!(nesting.roots().collect::<Vec<_>>(), [0]);
        assert_eq!(nesting.children[0], [1]);
    }
}
