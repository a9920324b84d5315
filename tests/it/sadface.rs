//! SADFace import: the sample's documented counts, both node-type generations, undercuts and
//! linked attacks, quirks skipped with located warnings, errors at their line and column, and
//! no panic on random documents.

use argumap::diagnostic::Diagnostic;
use argumap::format::{json, sadface};
use argumap::model::{Map, RelationKind};
use proptest::prelude::*;

use crate::support::root;

fn sample() -> String {
    std::fs::read_to_string(root("tests/data/sadface/sample.sadface.json")).unwrap()
}

fn load(src: &str) -> (Map, Vec<Diagnostic>) {
    match sadface::from_str(src) {
        Ok(loaded) => (loaded.map, loaded.warnings),
        Err(e) => panic!("does not load: {:#?}", e.diagnostics),
    }
}

/// Counts by the convention of FORMATS.md section 0.
#[derive(Debug, Default, PartialEq)]
struct Counts {
    claims: usize,
    arguments: usize,
    actors: usize,
    supports: usize,
    premises: usize,
    rebuttals: usize,
    undercuts: usize,
    contradicts: usize,
    stances: usize,
    sources: usize,
}

fn counts(map: &Map) -> Counts {
    let relations: Vec<_> = map.relations().collect();
    let of = |kind| relations.iter().filter(|r| r.kind == kind).count();
    let conclusions_not_also_supports = relations
        .iter()
        .filter(|r| r.kind == RelationKind::Conclusion)
        .filter(|c| {
            !relations
                .iter()
                .any(|r| r.kind == RelationKind::Supports && r.from == c.from && r.to == c.to)
        })
        .count();
    Counts {
        claims: map.claims().count(),
        arguments: map.arguments().count(),
        actors: map.actors().count(),
        supports: of(RelationKind::Supports) + conclusions_not_also_supports,
        premises: of(RelationKind::Premise),
        rebuttals: of(RelationKind::Rebuts),
        undercuts: of(RelationKind::Undercuts),
        contradicts: of(RelationKind::Contradicts),
        stances: map.stances().count(),
        sources: map.sources().count(),
    }
}

/// The claim that came from a SADFace node, by the first characters of its id.
fn from_node<'m>(map: &'m Map, prefix: &str) -> &'m str {
    map.claims()
        .map(|c| (c.id.as_str(), c.meta.origin()))
        .chain(map.arguments().map(|a| (a.id.as_str(), a.meta.origin())))
        .find(|(_, o)| o.is_some_and(|o| o.format == "sadface" && o.id.starts_with(prefix)))
        .map(|(id, _)| id)
        .unwrap_or_else(|| panic!("no element from node {prefix}"))
}

fn has(map: &Map, from: &str, kind: RelationKind, to: &str) -> bool {
    map.relations()
        .any(|r| r.from.as_str() == from && r.kind == kind && r.to.as_str() == to)
}

#[test]
fn the_sample_imports_with_the_documented_counts() {
    let (map, warnings) = load(&sample());
    assert!(warnings.is_empty(), "{warnings:#?}");
    assert_eq!(
        counts(&map),
        Counts {
            claims: 6,
            arguments: 1,
            actors: 0,
            supports: 2,
            premises: 2,
            rebuttals: 2,
            undercuts: 0,
            contradicts: 0,
            stances: 0,
            sources: 1,
        }
    );
    let main = from_node(&map, "5da868cd");
    let arg = map.arguments().next().unwrap();
    assert_eq!(
        arg.meta.origin().unwrap().id,
        "20aa4fae-4147-49f8-94c3-78fcc243ba48"
    );
    assert_eq!(arg.meta.ext().unwrap()["sadface"]["name"], "support");
    let premises: Vec<&str> = map.premises(&arg.id).iter().map(|p| p.as_str()).collect();
    assert_eq!(
        premises,
        [from_node(&map, "8cab287a"), from_node(&map, "5a2c1246")]
    );
    assert_eq!(map.conclusion(&arg.id).map(|c| c.as_str()), Some(main));
    // The single-premise support is direct, and both conflict generations rebut.
    assert!(has(
        &map,
        from_node(&map, "e645a009"),
        RelationKind::Supports,
        main
    ));
    assert!(has(
        &map,
        from_node(&map, "7d36e3fb"),
        RelationKind::Rebuts,
        main
    ));
    let tomas = from_node(&map, "7d36e3fb");
    assert!(has(
        &map,
        from_node(&map, "72e1c682"),
        RelationKind::Rebuts,
        tomas
    ));
    // The root is the main claim.
    let roots: Vec<&str> = map.root_theses().iter().map(|c| c.id.as_str()).collect();
    assert_eq!(roots, [main]);
    // The quoted source.
    let nina = map.claim(from_node(&map, "72e1c682")).unwrap();
    let source = map.source(nina.source.as_ref().unwrap()).unwrap();
    assert_eq!(
        source.meta.origin().unwrap().id,
        "426c073b-54d1-4cb3-8389-c72bd734e1ea"
    );
    assert_eq!(
        nina.quote.as_deref(),
        Some("Shops in other towns gained customers once their centres went car-free")
    );
    let quoted = &nina.meta.ext().unwrap()["sadface"]["sources"][0];
    assert_eq!(
        (quoted["offset"].as_u64(), quoted["length"].as_u64()),
        (Some(243), Some(70))
    );
    // Map metadata: the title, the analyst and the other namespace.
    assert_eq!(
        map.title,
        "Should the city ban private cars from its centre?"
    );
    let ext = &map.ext.as_ref().unwrap()["sadface"];
    assert_eq!(ext["core"]["analyst_name"], "Alex Analyst");
    assert_eq!(ext["core"]["analyst_email"], "alex.analyst@example.org");
    assert_eq!(ext["core"]["created"], "2024-05-12T18:05:00");
    assert_eq!(ext["core"]["edited"], "2024-05-12T18:20:00");
    assert_eq!(ext["core"]["claim"], "5da868cd-4b57-4761-a09d-c8f9bad7e413");
    assert_eq!(ext["sample"]["synthetic"], true);
    assert!(
        ext["core"].get("title").is_none(),
        "the title is the map's own"
    );
}

#[test]
fn the_import_survives_our_map_file() {
    let (map, _) = load(&sample());
    let text = json::to_string(&map);
    let back = json::from_str(&text).unwrap_or_else(|e| panic!("{:#?}", e.diagnostics));
    assert_eq!(back.map, map);
}

/// The 0.5.x library's generation: `inference` and `conflict` nodes, with metadata `core`.
const LIBRARY: &str = r#"{
  "metadata": {"core": {"id": "d1", "version": "0.5", "analyst_name": "A",
               "description": "A library-style document", "notes": "checked twice"}},
  "nodes": [
    {"id": "a1", "type": "atom", "text": "Experts say the ban works.", "sources": [], "metadata": {"core": {}}},
    {"id": "a2", "type": "atom", "text": "The ban works.", "sources": [], "metadata": {"core": {}}},
    {"id": "a3", "type": "atom", "text": "These experts are paid by the council.", "sources": [], "metadata": {"core": {}}},
    {"id": "a4", "type": "atom", "text": "The ban does not work.", "sources": [], "metadata": {"core": {}}},
    {"id": "a5", "type": "atom", "text": "Traffic went down.", "sources": [], "metadata": {"core": {}}},
    {"id": "i1", "type": "inference", "name": "Argument from Expert Opinion", "metadata": {"core": {}}},
    {"id": "i2", "type": "inference", "name": "support", "metadata": {"core": {}}},
    {"id": "c1", "type": "conflict", "name": "Defeat", "metadata": {"core": {}}},
    {"id": "c2", "type": "conflict", "name": "disagree", "metadata": {"core": {}}}
  ],
  "edges": [
    {"id": "e1", "source_id": "a1", "target_id": "i1"},
    {"id": "e2", "source_id": "i1", "target_id": "a2"},
    {"id": "e3", "source_id": "a3", "target_id": "c1"},
    {"id": "e4", "source_id": "c1", "target_id": "i1"},
    {"id": "e5", "source_id": "a4", "target_id": "c2"},
    {"id": "e6", "source_id": "c2", "target_id": "a2"},
    {"id": "e7", "source_id": "a5", "target_id": "i2"},
    {"id": "e8", "source_id": "i2", "target_id": "a2"}
  ],
  "resources": []
}"#;

#[test]
fn the_library_generation_reads_inferences_conflicts_and_undercuts() {
    let (map, warnings) = load(LIBRARY);
    assert!(warnings.is_empty(), "{warnings:#?}");
    let c = counts(&map);
    assert_eq!(
        (c.claims, c.arguments, c.supports, c.premises),
        (5, 1, 2, 1)
    );
    assert_eq!((c.rebuttals, c.undercuts), (1, 1));
    // A named inference is an Argument titled with its scheme, and a conflict aimed at it
    // undercuts it.
    let arg = from_node(&map, "i1");
    assert_eq!(
        map.argument(arg).unwrap().title.as_deref(),
        Some("Argument from Expert Opinion")
    );
    assert!(has(
        &map,
        from_node(&map, "a3"),
        RelationKind::Undercuts,
        arg
    ));
    assert!(has(
        &map,
        from_node(&map, "a4"),
        RelationKind::Rebuts,
        from_node(&map, "a2")
    ));
    assert!(has(
        &map,
        from_node(&map, "a5"),
        RelationKind::Supports,
        from_node(&map, "a2")
    ));
    assert_eq!(map.description.as_deref(), Some("A library-style document"));
    let ext = &map.ext.as_ref().unwrap()["sadface"]["core"];
    assert_eq!(ext["notes"], "checked twice");
    assert!(ext.get("description").is_none());
    // No title: the document's main claim would give one; without it, a fixed title.
    assert_eq!(map.title, "SADFace analysis");
}

#[test]
fn v02_schemes_undercut_and_attack_jointly() {
    let src = r#"{"metadata": {"core": {"title": "t", "claim": "c"}},
      "nodes": [
        {"id": "c", "type": "atom", "text": "C"},
        {"id": "p", "type": "atom", "text": "P"},
        {"id": "u", "type": "atom", "text": "U"},
        {"id": "x", "type": "atom", "text": "X"},
        {"id": "y", "type": "atom", "text": "Y"},
        {"id": "s", "type": "scheme", "name": "support"},
        {"id": "k", "type": "scheme", "name": "CONFLICT"},
        {"id": "j", "type": "scheme", "name": "Attack"}
      ],
      "edges": [
        {"id": "1", "source_id": "p", "target_id": "s"},
        {"id": "2", "source_id": "s", "target_id": "c"},
        {"id": "3", "source_id": "u", "target_id": "k"},
        {"id": "4", "source_id": "k", "target_id": "s"},
        {"id": "5", "source_id": "x", "target_id": "j"},
        {"id": "6", "source_id": "y", "target_id": "j"},
        {"id": "7", "source_id": "j", "target_id": "c"}
      ]}"#;
    let (map, warnings) = load(src);
    assert!(warnings.is_empty(), "{warnings:#?}");
    let c = counts(&map);
    // s becomes an Argument because it is undercut; j because two atoms attack jointly.
    assert_eq!((c.arguments, c.supports, c.premises), (2, 1, 3));
    assert_eq!((c.rebuttals, c.undercuts), (1, 1));
    let s = from_node(&map, "s");
    assert!(has(&map, from_node(&map, "u"), RelationKind::Undercuts, s));
    assert!(has(&map, from_node(&map, "j"), RelationKind::Rebuts, "c"));
    assert_eq!(map.premises(from_node(&map, "j")).len(), 2);
}

fn warning_at(warnings: &[Diagnostic], needle: &str) -> String {
    let d = warnings
        .iter()
        .find(|d| d.message.contains(needle))
        .unwrap_or_else(|| panic!("no warning with {needle:?} in {warnings:#?}"));
    let at = d.location.unwrap();
    assert!(d.hint.is_some(), "{d:?}");
    format!("{}:{}", at.line, at.column)
}

#[test]
fn odd_nodes_and_edges_are_skipped_with_located_warnings() {
    let src = r#"{"nodes": [
{"id": "a", "type": "atom", "text": "A"},
{"type": "atom", "text": "no id"},
{"id": "b", "type": "atom", "text": "B"},
{"id": "s", "type": "schema", "name": "support"},
{"id": "t", "type": "scheme", "name": "support"},
{"id": "a", "type": "atom", "text": "again"},
{"id": "u", "type": "scheme", "name": "support"},
{"id": "v", "type": "atom", "text": ""}
],
"edges": [
{"source_id": "a", "target_id": "t"},
{"source_id": "t", "target_id": "b"},
{"source_id": "a", "target_id": "s"},
{"source_id": "a", "target_id": "nowhere"},
{"source_id": "t", "target_id": "t"},
{"source_id": "a", "target_id": "b"},
{"source_id": "a", "target_id": "t"},
{"source_id": "a"}
]}"#;
    let (map, warnings) = load(src);
    assert_eq!(warning_at(&warnings, "has no `id`"), "3:1");
    assert_eq!(warning_at(&warnings, "unknown type `schema`"), "5:21");
    assert!(warnings.iter().any(|d| d
        .hint
        .as_deref()
        .is_some_and(|h| h.contains("did you mean `scheme`"))));
    assert_eq!(
        warning_at(&warnings, "used by an earlier node (at 2:1)"),
        "7:1"
    );
    assert_eq!(warning_at(&warnings, "atom `v` has no text"), "9:1");
    assert_eq!(warning_at(&warnings, "no node has"), "15:33");
    assert_eq!(warning_at(&warnings, "to itself"), "16:1");
    assert_eq!(warning_at(&warnings, "straight to atom"), "17:1");
    assert_eq!(warning_at(&warnings, "given twice"), "18:1");
    assert_eq!(
        warning_at(&warnings, "needs a `source_id` and a `target_id`"),
        "19:1"
    );
    assert_eq!(
        warning_at(&warnings, "`u` has no atom leading into it"),
        "8:1"
    );
    // The edge to the skipped `schema` node makes no second warning.
    assert_eq!(warnings.len(), 10, "{warnings:#?}");
    let c = counts(&map);
    assert_eq!((c.claims, c.supports, c.arguments), (3, 1, 0));
    assert_eq!(map.claim("atom-v").map(|c| c.text.as_str()), Some("atom v"));
}

fn error_at(src: &str) -> (String, Diagnostic) {
    let e = sadface::from_str(src).expect_err("an error");
    let d = e.diagnostics[0].clone();
    assert!(d.is_error());
    assert!(d.hint.is_some(), "{d:?}");
    let at = d.location.unwrap();
    (format!("{}:{}", at.line, at.column), d)
}

#[test]
fn invalid_json_is_an_error_at_its_line_and_column() {
    let (at, d) = error_at("{\"nodes\": [\n  {\"id\": \"a\" \"type\": \"atom\"}\n]}");
    assert_eq!(at, "2:14", "{d:?}");
    // Columns count characters: "ü", "ß" and "é" are two bytes each (bytes would say 2:26).
    let (at, _) = error_at("{\"nodes\": [\n  {\"text\": \"Grüße é\" ,, }\n]}");
    assert_eq!(at, "2:23");
}

#[test]
fn wrong_shapes_are_errors_with_hints() {
    let (at, d) = error_at("[1, 2]");
    assert_eq!(at, "1:1");
    assert!(d.message.contains("not an array"), "{d:?}");
    let (at, d) = error_at("{\n  \"metadata\": {}\n}");
    assert_eq!(at, "1:1");
    assert!(d.message.contains("no `nodes`"), "{d:?}");
    let (at, d) = error_at("{\"metadata\": {},\n \"nodes\": {\"a\": 1}}");
    assert_eq!(at, "2:11");
    assert!(d.message.contains("must be an array"), "{d:?}");
    let (at, d) = error_at("{\"nodes\": [], \"edges\": 3}");
    assert_eq!(at, "1:24");
    assert!(d.message.contains("`edges`"), "{d:?}");
    // AIF is told apart, with a hint to read it as AIF.
    let aif = sample().replace("\"id\": \"5da868cd", "\"nodeID\": \"5da868cd");
    let (_, d) = error_at(&aif);
    assert!(d.hint.unwrap().contains("aif"));
    let (at, d) = error_at("{\"argumap\": 1, \"title\": \"t\", \"nodes\": []}");
    assert_eq!(at, "1:2");
    assert!(d.hint.unwrap().contains("json"));
}

#[test]
fn sniff_tells_sadface_from_other_json() {
    assert!(sadface::sniff(&sample()));
    assert!(sadface::sniff(LIBRARY));
    let aif = r#"{"nodes": [{"nodeID": "1", "text": "x", "type": "I"}], "edges": [{"edgeID": "1", "fromID": "1", "toID": "2"}], "locutions": []}"#;
    assert!(!sadface::sniff(aif));
    let xaif = r#"{"AIF": {"nodes": [{"nodeID": 1, "type": "I", "text": "atom"}]}, "text": ""}"#;
    assert!(!sadface::sniff(xaif));
    for map in crate::support::maps() {
        let text = std::fs::read_to_string(&map).unwrap();
        assert!(!sadface::sniff(&text), "{}", map.display());
    }
    assert!(!sadface::sniff("<arggraph/>"));
    assert!(!sadface::sniff(""));
    // Words inside a string do not count as keys.
    assert!(!sadface::sniff(
        r#"{"text": "\"nodes\": \"type\": \"atom\""}"#
    ));
}

/// Random JSON-ish SADFace: right and wrong types, ids that may or may not exist.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::json;
    let leaf = prop_oneof![
        Just(json!(null)),
        any::<bool>().prop_map(|b| json!(b)),
        (-3i64..5).prop_map(|n| json!(n)),
        prop::sample::select(vec![
            "a",
            "b",
            "s",
            "",
            "atom",
            "scheme",
            "conflict",
            "inference",
            "é"
        ])
        .prop_map(|s| json!(s)),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::Array),
            prop::collection::vec(
                (
                    prop::sample::select(vec!["id", "type", "text", "name", "core"]),
                    inner
                ),
                0..4
            )
            .prop_map(|kv| serde_json::Value::Object(
                kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
            )),
        ]
    })
}

fn node() -> impl Strategy<Value = serde_json::Value> {
    let id = prop::sample::select(vec!["a", "b", "c", "s", "t", "7"]);
    let ty = prop::sample::select(vec![
        "atom",
        "scheme",
        "inference",
        "conflict",
        "Atom",
        "odd",
    ]);
    let name = prop::sample::select(vec!["support", "conflict", "attack", "Expert", "defeat"]);
    (id, ty, name, any::<bool>(), json_value()).prop_map(|(id, ty, name, numeric, junk)| {
        let id = if numeric {
            serde_json::json!(7)
        } else {
            serde_json::json!(id)
        };
        serde_json::json!({"id": id, "type": ty, "name": name, "text": format!("text {ty}"),
                           "sources": [{"resource_id": "r", "text": "q"}], "metadata": junk})
    })
}

fn edge() -> impl Strategy<Value = serde_json::Value> {
    let id = prop::sample::select(vec!["a", "b", "c", "s", "t", "7", "zz"]);
    (id.clone(), id, json_value())
        .prop_map(|(s, t, junk)| serde_json::json!({"id": junk, "source_id": s, "target_id": t}))
}

proptest! {
    #[test]
    fn random_documents_never_panic(
        nodes in prop::collection::vec(prop_oneof![node(), json_value()], 0..12),
        edges in prop::collection::vec(prop_oneof![edge(), json_value()], 0..16),
        claim in prop::sample::select(vec!["a", "s", "none"]),
        cut in 0usize..400,
    ) {
        let doc = serde_json::json!({
            "metadata": {"core": {"title": "t", "claim": claim}},
            "nodes": nodes,
            "edges": edges,
            "resources": [{"id": "r", "content": "text"}],
        });
        let text = serde_json::to_string_pretty(&doc).unwrap();
        if let Ok(loaded) = sadface::from_str(&text) {
            // Whatever loads is a valid map.
            let again = json::from_str(&json::to_string(&loaded.map));
            prop_assert!(again.is_ok(), "{:?}", again.err());
        }
        // A document cut anywhere is an error, never a panic.
        let mut end = cut.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let _ = sadface::from_str(&text[..end]);
    }
}
