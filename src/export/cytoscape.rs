//! Cytoscape.js export: the map as the JSON that `cytoscape({ elements })` and Cytoscape
//! desktop (`.cyjs`) load, for interactive graphs in a browser.
//!
//! # What is written
//!
//! ```json
//! {"data":{"name":"School uniforms"},"elements":{"nodes":[
//! {"data":{"id":"case","kind":"group","label":"Proposition"}},
//! {"data":{"id":"motion","kind":"claim","label":"Uniforms","text":"Schools should require uniforms","actors":["prop"],"parent":"case"}},
//! {"data":{"id":"prop","kind":"actor","label":"Proposition","actor_kind":"group"}}
//! ],"edges":[
//! {"data":{"id":"e:0","source":"prop","target":"motion","kind":"asserts"}}
//! ]}}
//! ```
//!
//! One node per claim, argument and actor, every actor included, with the map's id; one
//! node per group that holds something (`kind` `group`), as a compound node: an element's
//! `parent` is the deepest group that lists it, a group's `parent` its enclosing group.
//! Groups come first, each after its parent, so that a loader meets a parent before its
//! children. One edge per relation, stance and actor link, in that order and each in map
//! order. Edge ids are `e:0`, `e:1`, ...: Cytoscape wants ids unique across nodes and
//! edges, and no map id holds a `:`. Edges point as in the map (supporter to supported,
//! actor to what it asserts, member to what it belongs to).
//!
//! Node data: `id`, `kind` (`claim`, `argument`, `actor`, `group`), `label` (the short title
//! if any, else the text, else the id; an actor's name; a group's title), and where the
//! element has them `text`, `title`, `tags`, `actors` (ids of the actors who assert it),
//! `document` (the id of the source it was read in: `source` is taken, by edges, for their
//! start), `quote`, `parent`, `actor_kind` and `role`. Edge data: `id`, `source`, `target`,
//! `kind` (`supports`, ..., `asserts`, ..., `member_of`, `speaks_for`) and where present
//! `by`, `document`, `quote` and `date`. Sources themselves are not written.
//!
//! # Escaping
//!
//! serde_json writes the strings: every text comes back exactly as it is in the map. On
//! top of JSON's own escapes, `<`, `>`, `&`, U+2028 and U+2029 are written as `\u` escapes,
//! so the output can be pasted into an HTML `<script>` element as it is: no text can close
//! the element or open a comment there.

use std::io::{self, Write};

use serde::Serialize;

use crate::model::{Element, Group, Map};

use super::non_blank;
use crate::diagram::Clusters;

/// Writes a map as Cytoscape.js JSON, one element per line.
///
/// The same map always gives the same bytes.
///
/// Time: linear in elements plus links.
///
/// # Errors
///
/// Only the errors of `out`; the map itself cannot make writing fail.
pub fn write(map: &Map, out: impl Write) -> io::Result<()> {
    super::buffered(out, |out| write_document(map, out))
}

/// The map as Cytoscape.js JSON, as [`write()`] writes it.
pub fn to_string(map: &Map) -> String {
    super::written(|out| write(map, out))
}

#[derive(Serialize)]
struct NodeData<'a> {
    id: &'a str,
    kind: &'static str,
    label: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tags: &'a [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    actors: &'a [&'a str],
    #[serde(skip_serializing_if = "Option::is_none")]
    document: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quote: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    actor_kind: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'a str>,
}

impl<'a> NodeData<'a> {
    fn new(id: &'a str, kind: &'static str, label: &'a str) -> NodeData<'a> {
        NodeData {
            id,
            kind,
            label,
            text: None,
            title: None,
            tags: &[],
            actors: &[],
            document: None,
            quote: None,
            parent: None,
            actor_kind: None,
            role: None,
        }
    }
}

#[derive(Serialize)]
struct EdgeData<'a> {
    id: String,
    source: &'a str,
    target: &'a str,
    kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    by: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    document: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quote: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
}

/// `{"data": ...}`, the wrapper Cytoscape puts around every element.
#[derive(Serialize)]
struct Wrapped<T> {
    data: T,
}

#[derive(Serialize)]
struct GraphData<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
}

/// serde_json's compact output, with `<`, `>`, `&`, U+2028 and U+2029 in strings written as
/// `\u` escapes: JSON that is safe inside an HTML `<script>` element.
struct ScriptSafe;

impl serde_json::ser::Formatter for ScriptSafe {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut run = 0;
        for (at, c) in fragment.char_indices() {
            if !matches!(c, '<' | '>' | '&' | '\u{2028}' | '\u{2029}') {
                continue;
            }
            writer.write_all(&fragment.as_bytes()[run..at])?;
            write!(writer, "\\u{:04x}", u32::from(c))?;
            run = at + c.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[run..])
    }
}

/// Writes one value as script-safe JSON.
fn json(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(out, ScriptSafe);
    value.serialize(&mut serializer).map_err(io::Error::from)
}

fn write_document(map: &Map, out: &mut impl Write) -> io::Result<()> {
    out.write_all(b"{\"data\":")?;
    json(
        out,
        &GraphData {
            name: &map.title,
            description: map.description.as_deref(),
        },
    )?;
    out.write_all(b",\"elements\":{\"nodes\":[")?;
    let mut first = true;

    // Groups first, parents before their subgroups.
    let nesting = Clusters::groups(map);
    // The boxes are the map's groups, in map order.
    let groups: Vec<&Group> = map.groups().collect();
    let mut stack: Vec<usize> = nesting.roots().collect();
    stack.reverse();
    while let Some(g) = stack.pop() {
        let group = groups[g];
        let mut data = NodeData::new(&group.id, "group", &group.title);
        data.tags = group.meta.tags();
        data.parent = nesting.boxes[g].parent.map(|p| groups[p].id.as_str());
        element(out, &mut first, data)?;
        stack.extend(
            nesting.children[g]
                .iter()
                .rev()
                .filter(|&&c| nesting.drawn[c]),
        );
    }

    let asserters = super::asserters(map);
    for e in map.elements() {
        let id = e.id().as_str();
        let parent = nesting.home_of(id).map(|g| groups[g].id.as_str());
        let actors = asserters.get(id).map_or(&[][..], Vec::as_slice);
        let mut data = match e {
            Element::Claim(claim) => {
                let label = non_blank(claim.title.as_deref()).unwrap_or(&claim.text);
                let mut data = NodeData::new(id, "claim", label);
                data.text = Some(&claim.text);
                data.title = claim.title.as_deref();
                data.document = claim.source.as_deref();
                data.quote = claim.quote.as_deref();
                data
            }
            Element::Argument(argument) => {
                let label = non_blank(argument.title.as_deref())
                    .or(non_blank(argument.text.as_deref()))
                    .unwrap_or(id);
                let mut data = NodeData::new(id, "argument", label);
                data.text = argument.text.as_deref();
                data.title = argument.title.as_deref();
                data.document = argument.source.as_deref();
                data.quote = argument.quote.as_deref();
                data
            }
            Element::Actor(actor) => {
                let mut data = NodeData::new(id, "actor", &actor.name);
                data.actor_kind = Some(actor.kind.as_str());
                data.role = actor.role.as_deref();
                data
            }
        };
        data.tags = e.meta().tags();
        data.actors = actors;
        data.parent = parent;
        element(out, &mut first, data)?;
    }

    out.write_all(b"\n],\"edges\":[")?;
    first = true;
    let mut next = 0;
    let mut edge_id = || {
        next += 1;
        format!("e:{}", next - 1)
    };
    for relation in map.relations() {
        let data = EdgeData {
            id: edge_id(),
            source: &relation.from,
            target: &relation.to,
            kind: relation.kind.as_str(),
            by: relation.by.iter().map(|a| a.as_str()).collect(),
            document: relation.source.as_deref(),
            quote: relation.quote.as_deref(),
            date: None,
        };
        element(out, &mut first, data)?;
    }
    for stance in map.stances() {
        let data = EdgeData {
            id: edge_id(),
            source: &stance.actor,
            target: &stance.target,
            kind: stance.kind.as_str(),
            by: Vec::new(),
            document: stance.source.as_deref(),
            quote: stance.quote.as_deref(),
            date: stance.date.as_deref(),
        };
        element(out, &mut first, data)?;
    }
    for (member, kind, of) in map.actor_links() {
        let data = EdgeData {
            id: edge_id(),
            source: member,
            target: of,
            kind: kind.as_str(),
            by: Vec::new(),
            document: None,
            quote: None,
            date: None,
        };
        element(out, &mut first, data)?;
    }
    out.write_all(b"\n]}}\n")
}

/// Writes one node or edge as `{"data": ...}` on a line of its own, after a comma unless it
/// is the first of its list.
fn element(out: &mut impl Write, first: &mut bool, data: impl Serialize) -> io::Result<()> {
    out.write_all(if std::mem::take(first) { b"\n" } else { b",\n" })?;
    json(out, &Wrapped { data })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActorKind, MapBuilder};
    use serde_json::Value;

    fn sample() -> Map {
        MapBuilder::new("Uniforms </script>")
            .actor("prop", "Proposition", ActorKind::Group)
            .titled_claim("motion", "Uniforms", "Schools <b>&</b> \u{2028}")
            .claim("e0", "\"quoted\"\n\\")
            .supports("e0", "motion")
            .asserts("prop", "motion")
            .group("case", "Case", &["motion"])
            .build()
            .unwrap()
    }

    #[test]
    fn writes_nodes_and_edges_as_cytoscape_reads_them() {
        let text = to_string(&sample());
        let json: Value = serde_json::from_str(&text).unwrap();
        let nodes = json["elements"]["nodes"].as_array().unwrap();
        let edges = json["elements"]["edges"].as_array().unwrap();
        let ids: Vec<&str> = nodes
            .iter()
            .map(|n| n["data"]["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["case", "prop", "motion", "e0"]);
        assert_eq!(nodes[0]["data"]["kind"], "group");
        assert_eq!(nodes[2]["data"]["label"], "Uniforms");
        assert_eq!(nodes[2]["data"]["text"], "Schools <b>&</b> \u{2028}");
        assert_eq!(nodes[2]["data"]["parent"], "case");
        assert_eq!(nodes[2]["data"]["actors"], serde_json::json!(["prop"]));
        assert_eq!(nodes[3]["data"]["label"], "\"quoted\"\n\\");
        assert_eq!(nodes[1]["data"]["actor_kind"], "group");
        assert_eq!(json["data"]["name"], "Uniforms </script>");
        let edge_ids: Vec<&str> = edges
            .iter()
            .map(|e| e["data"]["id"].as_str().unwrap())
            .collect();
        assert_eq!(edge_ids, ["e:0", "e:1"]);
        assert_eq!(edges[0]["data"]["source"], "e0");
        assert_eq!(edges[0]["data"]["target"], "motion");
        assert_eq!(edges[1]["data"]["kind"], "asserts");
    }

    #[test]
    fn output_is_safe_inside_a_script_element_and_one_element_a_line() {
        let text = to_string(&sample());
        for bad in ['<', '>', '&', '\u{2028}', '\u{2029}'] {
            assert!(!text.contains(bad), "{bad:?} in {text}");
        }
        assert!(text.contains(r#""name":"Uniforms \u003c/script\u003e""#));
        assert!(text.contains(r#""text":"Schools \u003cb\u003e\u0026\u003c/b\u003e \u2028""#));
        assert!(text.contains(r#""label":"\"quoted\"\n\\""#));
        assert_eq!(text.lines().count(), 9);
        assert!(text.ends_with("\n]}}\n"));
        assert_eq!(to_string(&sample()), text);
    }

    #[test]
    fn an_empty_map_is_still_a_graph() {
        let text = to_string(&Map::new(""));
        assert_eq!(
            text,
            "{\"data\":{\"name\":\"\"},\"elements\":{\"nodes\":[\n],\"edges\":[\n]}}\n"
        );
        let json: Value = serde_json::from_str(&text).unwrap();
        assert!(json["elements"]["nodes"].as_array().unwrap().is_empty());
    }
}
