//! Lints: things a map may hold but its author probably did not mean. They never make a map
//! invalid; `argumap check --deny-warnings` treats them as errors.

use crate::model::{Element, Id, Map, RelationKind};

/// One finding, about one element (or the whole map when `subject` is `None`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lint {
    /// The element the finding is about.
    pub subject: Option<Id>,
    /// What was found.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

fn lint_on(id: &Id, message: String, hint: &str) -> Lint {
    Lint {
        subject: Some(id.clone()),
        message,
        hint: Some(hint.to_owned()),
    }
}

/// Finds the things in a map that are allowed but probably not meant, in map order.
pub fn lint(map: &Map) -> Vec<Lint> {
    let mut out = Vec::new();
    let several = map.claims().nth(1).is_some();
    let mut cited: std::collections::HashSet<&str> = std::collections::HashSet::new();
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
                if several && !related {
                    out.push(lint_on(
                        id,
                        format!("the claim `{id}` is not connected to any other claim"),
                        "say what it supports or rebuts, or remove it",
                    ));
                }
                if claim.quote.is_some() && claim.source.is_none() {
                    out.push(lint_on(
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
                        id,
                        format!(
                            "the argument `{id}` has no conclusion and supports or attacks nothing"
                        ),
                        "add \"conclusion\": the claim its premises support",
                    ));
                }
                if concludes && !has_premises {
                    out.push(lint_on(
                        id,
                        format!("the argument `{id}` has a conclusion but no premises"),
                        "list its premises, or write a plain `supports` instead",
                    ));
                }
            }
            Element::Actor(_) => {}
        }
    }
    for s in map.sources() {
        if !cited.contains(s.id.as_str()) {
            out.push(lint_on(
                &s.id,
                format!("the source `{}` is never cited", s.id),
                "name it as the `source` of the claims read in it, or remove it",
            ));
        }
    }
    out
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
}
