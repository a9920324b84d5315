//! Map → Argdown → map: the reader reads back everything the writer writes.
//!
//! The differences are the documented ones (`docs/formats/argdown.md`, "Reading back what
//! argumap writes"): claims and arguments come back in the order the file holds them
//! (those in no group first, then group by group), after the actors. (A claim with a blank
//! text cannot be in a map: the model refuses it, as the map file does.)

use std::collections::{HashMap, HashSet};

use argumap::format::{argdown, json};
use argumap::gen::{generate, GenOptions};
use argumap::model::*;
use proptest::prelude::*;

use crate::argdown_write::hostile;
use crate::roundtrip::id;
use crate::support::maps;

/// The map as the file holds it: the same contents, with actors first and then claims and
/// arguments in file order, and a blank claim text replaced by the claim's id. Relations,
/// stances and actor links keep their order (the model's equality does not depend on it).
fn in_file_order(map: &Map) -> Map {
    let mut out = Map::new(map.title.clone());
    out.description = map.description.clone();
    out.ext = map.ext.clone();
    for s in map.sources() {
        out.add_source(s.clone()).unwrap();
    }
    for a in map.actors() {
        out.add_actor(a.clone()).unwrap();
    }
    // Groups depth first, roots and children in map order.
    let mut children: HashMap<&str, Vec<&Group>> = HashMap::new();
    let mut roots = Vec::new();
    for g in map.groups() {
        match &g.parent {
            Some(p) => children.entry(p.as_str()).or_default().push(g),
            None => roots.push(g),
        }
    }
    let mut groups = Vec::new();
    let mut stack: Vec<&Group> = roots.into_iter().rev().collect();
    while let Some(g) = stack.pop() {
        groups.push(g);
        if let Some(inner) = children.get(g.id.as_str()) {
            stack.extend(inner.iter().rev());
        }
    }
    let grouped: HashSet<&str> = map
        .groups()
        .flat_map(|g| g.members.iter().map(Id::as_str))
        .collect();
    let mut order: Vec<&Id> = map
        .elements()
        .filter(|e| !matches!(e, Element::Actor(_)) && !grouped.contains(e.id().as_str()))
        .map(Element::id)
        .collect();
    let mut placed: HashSet<&str> = HashSet::new();
    for g in &groups {
        for m in &g.members {
            if placed.insert(m.as_str()) {
                order.push(m);
            }
        }
    }
    for id in order {
        let mut element = map.element(id).unwrap().clone();
        if let Element::Claim(c) = &mut element {
            if c.text.trim().is_empty() {
                c.text = c.id.to_string();
            }
        }
        out.add_element_for_test(element);
    }
    for r in map.relations() {
        out.add_relation(r.clone()).unwrap();
    }
    for s in map.stances() {
        out.add_stance(s.clone()).unwrap();
    }
    for (member, kind, of) in map.actor_links() {
        out.add_actor_link(member, kind, of).unwrap();
    }
    for g in map.groups() {
        let mut g = g.clone();
        g.parent = None;
        out.add_group(g).unwrap();
    }
    for g in map.groups() {
        out.set_group_parent(&g.id, g.parent.clone()).unwrap();
    }
    for s in map.sides() {
        out.add_side(s.clone()).unwrap();
    }
    out
}

trait AddElement {
    fn add_element_for_test(&mut self, element: Element);
}

impl AddElement for Map {
    fn add_element_for_test(&mut self, element: Element) {
        match element {
            Element::Claim(c) => self.add_claim(c).unwrap(),
            Element::Argument(a) => self.add_argument(a).unwrap(),
            Element::Actor(a) => self.add_actor(a).unwrap(),
        }
    }
}

/// Writes the map as Argdown, reads it back and says how the two differ, if they do.
fn round_trip(map: &Map) -> Result<(), String> {
    let text = argdown::to_string(map);
    let loaded = argdown::from_str(&text).map_err(|e| {
        format!(
            "the written file does not read: {:#?}\n{text}",
            e.diagnostics
        )
    })?;
    // One warning per blank claim text, and no other.
    let blank = map.claims().filter(|c| c.text.trim().is_empty()).count();
    let blank_warnings = loaded
        .warnings
        .iter()
        .filter(|w| {
            w.message
                .contains("has a blank text, so its title stands as its text")
        })
        .count();
    if loaded.warnings.len() != blank || blank_warnings != blank {
        return Err(format!(
            "reading the written file warns: {:#?}\n{text}",
            loaded.warnings
        ));
    }
    let back = loaded.map;
    let expected = in_file_order(map);
    if back != expected {
        let (a, b) = (json::to_string(&expected), json::to_string(&back));
        let line = a
            .lines()
            .zip(b.lines())
            .position(|(x, y)| x != y)
            .unwrap_or(0);
        let show = |t: &str| {
            t.lines()
                .skip(line.saturating_sub(3))
                .take(8)
                .collect::<Vec<_>>()
                .join("\n")
        };
        return Err(format!(
            "the map changed on the way through Argdown, from line {} of its JSON\n--- written\n{}\n--- read back\n{}\n--- the Argdown\n{text}",
            line + 1,
            show(&a),
            show(&b),
        ));
    }
    Ok(())
}

#[test]
fn every_map_in_maps_comes_back_the_same() {
    for path in maps() {
        let map = json::from_str(&std::fs::read_to_string(&path).unwrap())
            .unwrap()
            .map;
        if let Err(e) = round_trip(&map) {
            panic!("{}: {e}", path.display());
        }
    }
}

#[test]
fn generated_maps_come_back_the_same() {
    for (n, seed) in [(1, 0), (50, 1), (300, 7), (1000, 42)] {
        let map = generate(&GenOptions::new(n).seed(seed));
        if let Err(e) = round_trip(&map) {
            panic!("gen {n} seed {seed}: {e}");
        }
    }
}

#[test]
fn the_hostile_map_comes_back_the_same() {
    let map = hostile();
    round_trip(&map).unwrap_or_else(|e| panic!("{e}"));
    // The ids the writer uses as titles stay ids, even those YAML would read as a number,
    // a boolean or null.
    let back = argdown::from_str(&argdown::to_string(&map)).unwrap().map;
    for id in ["1e5", "true", "Titled_Claim.v2", "g.inner"] {
        assert!(
            back.kind_of(id).is_some(),
            "{id} is not an id of the map read back"
        );
    }
}

#[test]
fn extension_data_as_deep_as_a_map_file_allows_comes_back() {
    let deep: serde_json::Value =
        serde_json::from_str(&format!("{}1{}", "[".repeat(120), "]".repeat(120))).unwrap();
    let mut claim = Claim::new(id("c"), "C.");
    let mut ext = serde_json::Map::new();
    ext.insert("deep".into(), deep.clone());
    claim.meta.data_mut().ext = Some(ext.clone());
    let mut stance = Stance::new(id("p"), StanceKind::Denies, id("c"));
    stance.meta.data_mut().ext = Some(ext);
    let map = MapBuilder::new("Deep")
        .actor("p", "P", ActorKind::Person)
        .with_claim(claim)
        .with_stance(stance)
        .build()
        .unwrap();
    round_trip(&map).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn file_order_is_the_only_difference_and_it_is_real() {
    // A claim in a group, written after one in no group: it comes back second.
    let map = MapBuilder::new("Order")
        .claim("grouped", "In a group.")
        .claim("free", "In no group.")
        .group("g", "G", &["grouped"])
        .build()
        .unwrap();
    let back = argdown::from_str(&argdown::to_string(&map)).unwrap().map;
    let ids: Vec<&str> = back.claims().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["free", "grouped"]);
    assert!(back != map);
    assert!(back == in_file_order(&map));
}

#[test]
fn hand_written_actor_names_still_make_new_actors() {
    let src = "===\ntitles_are_ids: true\nactors:\n    - {id: \"mara\", name: \"Mara Lind\", kind: \"person\"}\n===\n\n[a]: A. {actor: \"mara\", denied_by: \"Tomas Ek\"}\n\n[b]: B. {actor: \"Mara Lind\"}\n";
    let map = argdown::from_str(src).unwrap().map;
    let names: Vec<(&str, &str)> = map
        .actors()
        .map(|a| (a.id.as_str(), a.name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("mara", "Mara Lind"),
            ("tomas-ek", "Tomas Ek"),
            ("mara-lind", "Mara Lind")
        ]
    );
    let on = |t: &str| -> Vec<(String, StanceKind)> {
        map.stances_on(t)
            .iter()
            .map(|s| (s.actor.to_string(), s.kind))
            .collect()
    };
    assert_eq!(
        on("a"),
        [
            ("mara".to_owned(), StanceKind::Asserts),
            ("tomas-ek".to_owned(), StanceKind::Denies)
        ]
    );
    assert_eq!(on("b"), [("mara-lind".to_owned(), StanceKind::Asserts)]);
}

/// Argdown's syntax characters, with letters, white space of every sort and line breaks.
const SYNTAX: &[char] = &[
    '\\', '[', ']', '<', '>', '{', '}', '#', '*', '_', '/', '.', ':', '=', '-', '+', '(', ')', '@',
    ',', ';', '!', '?', '~', '^', '&', '%', '"', '\'', '`', '|', '1', 'a', 'b', 'x', ' ', ' ', ' ',
    '\n', '\r', '\t', '\u{a0}', '\u{2028}', '\u{feff}', 'é', '日', '👍', '\u{5d0}',
];

/// Any string, or one drawn from Argdown's syntax characters.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::collection::vec(prop::sample::select(SYNTAX), 0..24)
            .prop_map(|chars| chars.into_iter().collect()),
    ]
}

/// Random maps, as `roundtrip.rs`'s `arb_map`, with any text in every text field (Argdown's
/// syntax characters often), some claims' texts as drawn.
fn arb_map() -> impl Strategy<Value = Map> {
    crate::roundtrip::arb_map_from(any_text().boxed(), true)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn random_maps_come_back_the_same(map in arb_map()) {
        let result = round_trip(&map);
        prop_assert!(result.is_ok(), "{}", result.err().unwrap_or_default());
    }
}

#[test]
fn a_coachs_edits_to_a_written_file_are_read_as_in_any_argdown_file() {
    let map = MapBuilder::new("Edits")
        .actor("coach", "The Coach", ActorKind::Person)
        .claim("motion", "Uniforms should be compulsory.")
        .asserts("coach", "motion")
        .build()
        .unwrap();
    let written = argdown::to_string(&map);
    let edited = written.replacen("===\n", "===\ncolor: {tagColors: {pro: 0}}\n", 1)
        + "[Cost of kit]: Kit costs money. {actor: \"Jane Doe\"}\n    - [motion]\n";
    let loaded = argdown::from_str(&edited).unwrap();
    assert!(loaded.warnings.is_empty(), "{:#?}", loaded.warnings);
    let back = loaded.map;
    let added = back
        .claim("cost-of-kit")
        .expect("the new claim, its title slugified");
    assert_eq!(
        added.meta.origin().map(|o| o.id.as_str()),
        Some("Cost of kit")
    );
    assert_eq!(
        back.actor("jane-doe").map(|a| a.name.as_str()),
        Some("Jane Doe")
    );
    assert!(back
        .relations()
        .any(|r| r.from == "motion" && r.to == "cost-of-kit" && r.kind == RelationKind::Rebuts));
    assert_eq!(back.ext.as_ref().unwrap()["color"]["tagColors"]["pro"], 0);
    // The rest is the map as written.
    assert_eq!(back.claim("motion"), map.claim("motion"));
    assert_eq!(back.stances_on("motion").len(), 1);
}

/// Pieces of argumap's own Argdown, put together at random: the reader never panics on
/// them, and what it accepts is a valid map.
fn own_piece() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "[a]: A.",
        "[b]: B.",
        "[1e5]",
        "<x>: X.",
        "<x>",
        "<y>",
        "# H {id: \"a\"}",
        "# H {id: \"g\", members: [\"a\", \"a\", \"zz\", \"1e5\"]}",
        "## I {id: \"g\", title: \"\"}",
        "    + [a] {relation: {by: [\"p\", \"nobody\"], source: \"s\", tags: [1]}}",
        "    - <x> {relation: {origin: {format: 1}}}",
        "    _ [b]",
        "    >< [a]",
        "(1) [a] {relation: {quote: \"q\"}}",
        "(1) [b]",
        "(2) [a]",
        "----",
        "{also_in: [\"g\", \"a\", \"missing\"], rephrases: [\"a\", \"b\", \"nope\"]}",
        "{premises: [\"a\", \"x\", \"bad id\"], conclusion: \"x\", premise_details: [{from: \"a\", by: \"p\"}]}",
        "{stances: [{actor: \"p\", kind: \"denies\"}, {actor: \"q\", kind: \"nonsense\"}, 3]}",
        "{actor: [\"p\", \"p\"], denied_by: \"p\", text: \"\", title: 3, tags: \"t\", ext: [1]}",
        "{rephrase_details: [{to: \"a\", by: \"p\"}], conclusion_details: {by: \"p\"}}",
        "",
        "",
    ])
    .prop_map(str::to_owned)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn own_files_of_random_pieces_never_panic(pieces in prop::collection::vec(own_piece(), 0..24)) {
        let src = format!(
            "===\ntitle: \"T\"\ntitles_are_ids: true\nactors:\n    - {{id: \"p\", name: \"P\", member_of: [\"p\", \"q\"]}}\n    - {{id: \"p\", name: \"Again\"}}\n    - {{id: \"a\", name: \"Same as a claim\"}}\nsources:\n    - {{id: \"s\", title: \"S\"}}\n===\n\n{}\n",
            pieces.join("\n")
        );
        if let Ok(loaded) = argdown::from_str(&src) {
            let text = json::to_string(&loaded.map);
            prop_assert!(json::from_str(&text).is_ok(), "{}\n{}", src, text);
        }
    }
}
