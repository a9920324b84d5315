//! Properties over random maps: the exporters that claim to lose nothing (our JSON, AIF;
//! Argdown in `argdown_roundtrip`) give back the same map, and the drawing and graph formats
//! (DOT, GraphML, Cytoscape.js) parse back, with a real parser, to exactly the map's nodes
//! and edges. Random maps come from `roundtrip::arb_map`: any text, every kind of relation,
//! stance and actor link, extension data, nested groups.
//!
//! Mermaid is left to `exporters`, where mermaid-cli draws the sample maps: its parser runs
//! only in a browser, too slow for hundreds of random maps.

use std::collections::BTreeSet;

use argumap::export::dot::{self, DotOptions};
use argumap::export::{cytoscape, graphml};
use argumap::format::{aif, json};
use argumap::model::Map;
use proptest::prelude::*;

use crate::roundtrip::arb_map;

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Every link of a map, as the graph exporters write them: relations, stances, actor links.
fn links(map: &Map) -> usize {
    map.relations().count() + map.stances().count() + map.actor_links().len()
}

fn written(write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let mut out = Vec::new();
    write(&mut out).expect("writing to memory");
    String::from_utf8(out).expect("UTF-8")
}

fn parsed(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("our JSON")
}

/// The map file of `map` without what the AIF importer notes about the file it read: every
/// AIF origin (a node id in that file, which replaces one from an earlier file), the scheme
/// it notes in an element's `ext.aif` when the original had none, and the map's `ext.aif`
/// (counts of what it read). Origins in other formats and all other data must survive, in
/// any order of the listed relations and stances.
fn without_import_notes(map: &Map, original: &Map) -> serde_json::Value {
    fn strip_aif_origins(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(object) => {
                if object.get("origin").is_some_and(|o| o["format"] == "aif") {
                    object.remove("origin");
                }
                object.values_mut().for_each(strip_aif_origins);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(strip_aif_origins),
            _ => {}
        }
    }
    let mut value = parsed(&json::to_string(map));
    strip_aif_origins(&mut value);
    // A stance that carried only an AIF origin is a plain assertion once the origin is gone:
    // written in its target's `by`, as the map file writes plain assertions.
    let plain: Vec<(String, String)> = value
        .get_mut("stances")
        .and_then(|l| l.as_array_mut())
        .map(|items| {
            let mut plain = Vec::new();
            items.retain(|s| {
                let bare = s.as_object().is_some_and(|o| o.len() == 3) && s["kind"] == "asserts";
                if bare {
                    plain.push((
                        s["target"].as_str().unwrap_or("").to_owned(),
                        s["actor"].as_str().unwrap_or("").to_owned(),
                    ));
                }
                !bare
            });
            plain
        })
        .unwrap_or_default();
    if value
        .get("stances")
        .is_some_and(|l| l.as_array().is_some_and(Vec::is_empty))
    {
        value.as_object_mut().map(|o| o.remove("stances"));
    }
    for list in ["claims", "arguments"] {
        for element in value
            .get_mut(list)
            .and_then(|l| l.as_array_mut())
            .into_iter()
            .flatten()
        {
            let id = element["id"].as_str().unwrap_or("").to_owned();
            let Some(object) = element.as_object_mut() else {
                continue;
            };
            for (target, actor) in &plain {
                if *target == id {
                    let by = object
                        .entry("by")
                        .or_insert_with(|| serde_json::Value::Array(Vec::new()));
                    by.as_array_mut().unwrap().push(actor.clone().into());
                }
            }
            if let Some(by) = object.get_mut("by").and_then(|b| b.as_array_mut()) {
                by.sort_by_key(|a| a.to_string());
                by.dedup();
            }
        }
    }
    // The order of the listed relations and stances is not part of the map.
    for list in ["relations", "stances"] {
        if let Some(items) = value.get_mut(list).and_then(|l| l.as_array_mut()) {
            items.sort_by_key(|item| item.to_string());
        }
    }
    let had_aif_ext: BTreeSet<String> = original
        .elements()
        .filter(|e| e.meta().ext().is_some_and(|x| x.contains_key("aif")))
        .map(|e| e.id().to_string())
        .collect();
    for list in ["claims", "arguments", "actors"] {
        let elements = value.get_mut(list).and_then(|l| l.as_array_mut());
        for element in elements.into_iter().flatten() {
            let id = element["id"].as_str().unwrap_or("").to_owned();
            let Some(object) = element.as_object_mut() else {
                continue;
            };
            if had_aif_ext.contains(&id) {
                continue;
            }
            if let Some(ext) = object.get_mut("ext").and_then(|e| e.as_object_mut()) {
                ext.remove("aif");
                if ext.is_empty() {
                    object.remove("ext");
                }
            }
        }
    }
    if original.ext.as_ref().is_none_or(|e| !e.contains_key("aif")) {
        if let Some(ext) = value.get_mut("ext").and_then(|e| e.as_object_mut()) {
            ext.remove("aif");
            if ext.is_empty() {
                value.as_object_mut().map(|o| o.remove("ext"));
            }
        }
    }
    value
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn aif_gives_back_any_map(map in arb_map()) {
        let text = aif::to_string(&map);
        let back = aif::from_str(&text).map_err(|e| TestCaseError::fail(format!("{:?}", e.diagnostics)))?;
        prop_assert_eq!(without_import_notes(&back.map, &map), without_import_notes(&map, &map));
    }

    #[test]
    fn graphml_parses_back_to_every_node_and_edge(map in arb_map()) {
        let text = written(|out| graphml::write(&map, out));
        let doc = roxmltree::Document::parse(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let count = |tag: &str| doc.descendants().filter(|n| n.has_tag_name(tag)).count();
        prop_assert_eq!(count("node"), map.node_count());
        prop_assert_eq!(count("edge"), links(&map));
        // Every edge's ends are nodes of the file.
        let ids: BTreeSet<&str> = doc.descendants().filter(|n| n.has_tag_name("node")).filter_map(|n| n.attribute("id")).collect();
        for edge in doc.descendants().filter(|n| n.has_tag_name("edge")) {
            prop_assert!(ids.contains(edge.attribute("source").unwrap_or("")));
            prop_assert!(ids.contains(edge.attribute("target").unwrap_or("")));
        }
    }

    #[test]
    fn cytoscape_parses_back_to_every_node_and_edge(map in arb_map()) {
        let text = written(|out| cytoscape::write(&map, out));
        let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let nodes = value["elements"]["nodes"].as_array().cloned().unwrap_or_default();
        let edges = value["elements"]["edges"].as_array().cloned().unwrap_or_default();
        let groups = nodes.iter().filter(|n| n["data"]["kind"] == "group").count();
        prop_assert_eq!(nodes.len() - groups, map.node_count());
        prop_assert_eq!(groups, map.groups().count());
        prop_assert_eq!(edges.len(), links(&map));
    }
}

proptest! {
    #![proptest_config(config(24))]

    /// Graphviz reads the DOT of any map back to exactly its drawn nodes and its links
    /// (actors with no link are not drawn; the links between two actors are one arrow).
    #[test]
    fn dot_read_by_graphviz_gives_every_node_and_edge(map in arb_map()) {
        let Some(program) = crate::dot::graphviz() else { return Ok(()) };
        let options = DotOptions::default().legend(false).actors(true).bundle_actors(false).title(false);
        let text = dot::to_string(&map, &options);
        let back = crate::dot::read_back(&program, &text);
        let linked: BTreeSet<&str> = map
            .stances()
            .map(|s| s.actor.as_str())
            .chain(map.actor_links().into_iter().flat_map(|(a, _, b)| [a.as_str(), b.as_str()]))
            .collect();
        let expected = map.claims().count() + map.arguments().count() + linked.len();
        prop_assert_eq!(back.nodes.len(), expected);
        // Two links between the same two actors (member of and speaks for) are one arrow.
        let actor_pairs: BTreeSet<(String, String)> = map
            .actor_links()
            .into_iter()
            .map(|(a, _, b)| (a.to_string(), b.to_string()))
            .collect();
        let arrows = map.relations().count() + map.stances().count() + actor_pairs.len();
        prop_assert_eq!(back.edges.len(), arrows, "{}", text);
    }
}
