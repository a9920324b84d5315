//! AIF and xAIF: the samples import with the counts `tests/data/aif/README.md` documents,
//! maps survive a trip through AIF, and odd input gives warnings, never a panic.

use std::collections::{BTreeMap, BTreeSet};

use argumap::format::aif;
use argumap::format::json;
use argumap::gen::{generate, GenOptions};
use argumap::model::{Map, RelationKind, StanceKind};
use proptest::prelude::*;

use crate::support;

fn sample(name: &str) -> String {
    std::fs::read_to_string(support::root(&format!("tests/data/aif/{name}")))
        .expect("sample is in tests/data/aif")
}

/// The counts of FORMATS.md section 0, as the samples' README lists them.
#[derive(Debug, Default, PartialEq)]
struct Counts {
    claims: usize,
    arguments: usize,
    actors: usize,
    supports: usize,
    premise_links: usize,
    rebuttals: usize,
    undercuts: usize,
    contradicts: usize,
    stances: BTreeMap<&'static str, usize>,
    relation_makers: usize,
    rephrases: usize,
    sources: usize,
}

fn counts(map: &Map) -> Counts {
    let mut c = Counts {
        claims: map.claims().count(),
        arguments: map.arguments().count(),
        actors: map.actors().count(),
        sources: map.sources().count(),
        ..Counts::default()
    };
    for r in map.relations() {
        match r.kind {
            // An argument's conclusion link counts as its support.
            RelationKind::Supports | RelationKind::Conclusion => c.supports += 1,
            RelationKind::Premise => c.premise_links += 1,
            RelationKind::Rebuts => c.rebuttals += 1,
            RelationKind::Undercuts => c.undercuts += 1,
            RelationKind::Contradicts => c.contradicts += 1,
            RelationKind::Rephrases => c.rephrases += 1,
            _ => {}
        }
        if !r.by.is_empty() {
            c.relation_makers += 1;
        }
    }
    for s in map.stances() {
        *c.stances.entry(s.kind.as_str()).or_default() += 1;
    }
    c
}

/// The foreign id a claim or argument came from.
fn origin(map: &Map, id: &str) -> String {
    map.element(id)
        .and_then(|e| e.meta().origin())
        .map(|o| o.id.clone())
        .unwrap_or_default()
}

/// An element as its origin id, for naming AIF nodes in assertions.
fn by_origin(map: &Map, origin_id: &str) -> String {
    map.elements()
        .find(|e| {
            !matches!(e, argumap::model::Element::Actor(_))
                && e.meta().origin().is_some_and(|o| o.id == origin_id)
        })
        .map(|e| e.id().to_string())
        .unwrap_or_else(|| panic!("no element from AIF node {origin_id}"))
}

fn name(map: &Map, actor: &str) -> String {
    map.actor(actor).map(|a| a.name.clone()).unwrap_or_default()
}

fn skipped(map: &Map, sort: &str) -> u64 {
    map.ext
        .as_ref()
        .and_then(|e| e["aif"]["counts"].get(sort))
        .and_then(|v| v.as_u64())
        .unwrap_or(0)
}

#[test]
fn the_aif_sample_imports_with_the_documented_counts() {
    let loaded = aif::from_str(&sample("sample.aif.json")).unwrap();
    let map = &loaded.map;
    assert_eq!(
        counts(map),
        Counts {
            claims: 7,
            arguments: 1,
            actors: 3,
            supports: 2,
            premise_links: 2,
            rebuttals: 2,
            undercuts: 1,
            contradicts: 0,
            stances: BTreeMap::from([("asserts", 7)]),
            relation_makers: 6,
            rephrases: 1,
            sources: 0,
        }
    );
    assert_eq!(skipped(map, "isolated locutions"), 1);
    let messages: Vec<&str> = loaded.warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(messages.len(), 1, "{messages:#?}");
    assert!(messages[0].contains("(540)"), "{messages:#?}");

    let mut claims: Vec<String> = map.claims().map(|c| origin(map, &c.id)).collect();
    claims.sort();
    assert_eq!(claims, ["1017", "503", "506", "509", "516", "522", "528"]);
    let names: BTreeSet<String> = map.actors().map(|a| a.name.clone()).collect();
    assert_eq!(
        names,
        BTreeSet::from(["Mara Lind".into(), "Tomas Ek".into(), "Nina Roos".into()])
    );
    let nina = map.actors().find(|a| a.name == "Nina Roos").unwrap();
    assert_eq!(nina.meta.origin().unwrap().id, "103");

    let argument = map.arguments().next().unwrap();
    assert_eq!(origin(map, &argument.id), "510");
    let premises: BTreeSet<String> = map
        .premises(&argument.id)
        .iter()
        .map(|p| origin(map, p))
        .collect();
    assert_eq!(premises, BTreeSet::from(["506".into(), "509".into()]));
    assert_eq!(origin(map, map.conclusion(&argument.id).unwrap()), "503");
    assert_eq!(
        argument.meta.ext().unwrap()["aif"]["scheme"],
        "Default Inference"
    );

    // Each relation, with its maker.
    let mut relations: BTreeSet<(String, &str, String, Vec<String>)> = BTreeSet::new();
    for r in map.relations() {
        let by = r.by.iter().map(|a| name(map, a)).collect();
        relations.insert((
            origin(map, &r.from),
            r.kind.as_str(),
            origin(map, &r.to),
            by,
        ));
    }
    let expected: BTreeSet<(String, &str, String, Vec<String>)> = [
        ("506", "premise", "510", vec![]),
        ("509", "premise", "510", vec![]),
        ("510", "conclusion", "503", vec!["Mara Lind"]),
        ("516", "rebuts", "503", vec!["Tomas Ek"]),
        ("528", "rebuts", "516", vec!["Nina Roos"]),
        ("522", "undercuts", "510", vec!["Tomas Ek"]),
        ("528", "supports", "1017", vec!["Nina Roos"]),
        ("1017", "rephrases", "503", vec!["Nina Roos"]),
    ]
    .into_iter()
    .map(|(a, k, b, by)| {
        (
            a.to_owned(),
            k,
            b.to_owned(),
            by.into_iter().map(str::to_owned).collect(),
        )
    })
    .collect();
    assert_eq!(relations, expected);

    let stances: BTreeSet<(String, String)> = map
        .stances()
        .map(|s| (name(map, &s.actor), origin(map, &s.target)))
        .collect();
    let expected: BTreeSet<(String, String)> = [
        ("Mara Lind", "503"),
        ("Mara Lind", "506"),
        ("Mara Lind", "509"),
        ("Tomas Ek", "516"),
        ("Tomas Ek", "522"),
        ("Nina Roos", "528"),
        ("Nina Roos", "1017"),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_owned(), b.to_owned()))
    .collect();
    assert_eq!(stances, expected);
    let transitions = &map.ext.as_ref().unwrap()["aif"]["transitions"];
    assert_eq!(transitions.as_array().map(Vec::len), Some(7), "TA order");
}

#[test]
fn the_xaif_sample_imports_with_the_documented_counts() {
    let loaded = aif::from_str(&sample("sample.xaif.json")).unwrap();
    let map = &loaded.map;
    assert!(loaded.warnings.is_empty(), "{:#?}", loaded.warnings);
    assert_eq!(
        counts(map),
        Counts {
            claims: 5,
            arguments: 1,
            actors: 3,
            supports: 1,
            premise_links: 2,
            rebuttals: 2,
            undercuts: 0,
            contradicts: 0,
            stances: BTreeMap::from([("asserts", 5), ("endorses", 1)]),
            relation_makers: 3,
            rephrases: 0,
            sources: 1,
        }
    );
    let endorsement = map
        .stances()
        .find(|s| s.kind == StanceKind::Endorses)
        .unwrap();
    assert_eq!(name(map, &endorsement.actor), "Nina Roos");
    assert_eq!(origin(map, &endorsement.target), "3");
    let arg = map.arguments().next().unwrap();
    assert_eq!(
        arg.meta.ext().unwrap()["aif"]["scheme"],
        "Default Inference"
    );
    let makers: BTreeSet<(String, String)> = map
        .relations()
        .filter(|r| !r.by.is_empty())
        .map(|r| (origin(map, &r.from), name(map, &r.by[0])))
        .collect();
    assert_eq!(
        makers,
        BTreeSet::from([
            ("10".into(), "Mara Lind".into()),
            ("15".into(), "Tomas Ek".into()),
            ("21".into(), "Nina Roos".into()),
        ])
    );
    let source = map.sources().next().unwrap();
    assert!(source.title.starts_with("Mara Lind: We should ban"));
    // Claims anchored in locutions point to the analysed text.
    assert_eq!(
        map.claim(&by_origin(map, "3")).unwrap().source.as_ref(),
        Some(&source.id)
    );
    assert_eq!(map.ext.as_ref().unwrap()["aif"]["analyst"], "Alex Analyst");
    // OVA3's layout stays with the claims.
    let claim = map.claim(&by_origin(map, "6")).unwrap();
    let aif_ext = &claim.meta.ext().unwrap()["aif"];
    assert_eq!((&aif_ext["x"], &aif_ext["y"]), (&150.into(), &350.into()));
}

#[test]
fn arguebufs_aif_export_imports_without_speakers() {
    // arguebuf 3.0's own AIF export of the AIF sample writes `locutions: []` and no L-, YA-
    // or TA-nodes: the argument survives, the speakers do not.
    let loaded = aif::from_str(&sample("arguebuf-sample.aif.json")).unwrap();
    assert_eq!(
        counts(&loaded.map),
        Counts {
            claims: 7,
            arguments: 1,
            supports: 2,
            premise_links: 2,
            rebuttals: 2,
            undercuts: 1,
            rephrases: 1,
            ..Counts::default()
        }
    );
    assert!(loaded
        .warnings
        .iter()
        .any(|w| w.message.contains("no claim is anchored")));
}

#[test]
fn imported_maps_save_as_map_files() {
    // `convert --from aif --to json`: the imported map, with its extension data, survives our
    // own map file unchanged, and the map file passes its own checks.
    for file in ["sample.aif.json", "sample.xaif.json"] {
        let map = aif::from_str(&sample(file)).unwrap().map;
        let text = json::to_string(&map);
        let back = json::from_str(&text)
            .unwrap_or_else(|e| panic!("{file}: {e:?}"))
            .map;
        assert!(back == map, "{file}");
        assert_eq!(kept(&back), kept(&map), "{file}");
    }
}

/// A map as what AIF can carry: claim texts, relations between element labels, stances and
/// makers by actor name. Arguments are labelled by their premises and conclusion.
fn aif_view(map: &Map) -> BTreeSet<String> {
    let label = |id: &str| -> String {
        if let Some(c) = map.claim(id) {
            return format!("[{}]", c.text);
        }
        let mut premises: Vec<String> = map
            .premises(id)
            .iter()
            .map(|p| map.claim(p).map_or(String::new(), |c| c.text.clone()))
            .collect();
        premises.sort();
        let conclusion = map
            .conclusion(id)
            .and_then(|c| map.claim(c))
            .map_or(String::new(), |c| c.text.clone());
        format!("<{} => {}>", premises.join(" & "), conclusion)
    };
    let mut view = BTreeSet::new();
    for c in map.claims() {
        view.insert(format!("claim {}", c.text));
    }
    for a in map.actors() {
        view.insert(format!("actor {}", a.name));
    }
    for r in map.relations() {
        let mut by: Vec<String> = r.by.iter().map(|a| name(map, a)).collect();
        by.sort();
        view.insert(format!(
            "{} {} {} by {:?}",
            label(&r.from),
            r.kind.as_str(),
            label(&r.to),
            by
        ));
    }
    for s in map.stances() {
        view.insert(format!(
            "{} {} {}",
            name(map, &s.actor),
            s.kind.as_str(),
            label(&s.target)
        ));
    }
    view
}

#[test]
fn the_samples_survive_aif_to_argumap_to_aif() {
    for file in ["sample.aif.json", "sample.xaif.json"] {
        let first = aif::from_str(&sample(file)).unwrap().map;
        let written = aif::to_string(&first);
        let second = aif::from_str(&written)
            .unwrap_or_else(|e| panic!("{file}: our export does not load: {e:?}"))
            .map;
        assert_eq!(counts(&second).claims, counts(&first).claims, "{file}");
        let (mut a, mut b) = (counts(&first), counts(&second));
        // The xAIF text becomes a locution source, which names it by its title.
        a.sources = 0;
        b.sources = 0;
        assert_eq!(a, b, "{file}");
        assert_eq!(aif_view(&first), aif_view(&second), "{file}");
        // What each speaker said survives, not only the claim it anchors.
        assert_eq!(
            asserting_locutions(&sample(file)),
            asserting_locutions(&written),
            "{file}"
        );
        // A second trip changes nothing more: the export is a fixed point.
        let third = aif::from_str(&aif::to_string(&second)).unwrap().map;
        assert_eq!(aif::to_string(&third), aif::to_string(&second), "{file}");
    }
}

/// The texts of the L-nodes that anchor an I-node (L → YA → I), in AIF or xAIF.
fn asserting_locutions(src: &str) -> BTreeSet<String> {
    let doc: serde_json::Value = serde_json::from_str(src).unwrap();
    let doc = doc.get("AIF").unwrap_or(&doc);
    let key = |v: &serde_json::Value| v.to_string().trim_matches('"').to_owned();
    let nodes: BTreeMap<String, (&str, &str)> = doc["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            let t = (n["type"].as_str().unwrap(), n["text"].as_str().unwrap());
            (key(&n["nodeID"]), t)
        })
        .collect();
    let edges: Vec<(String, String)> = doc["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (key(&e["fromID"]), key(&e["toID"])))
        .collect();
    let kind = |id: &str| nodes.get(id).map_or("", |n| n.0);
    let mut out = BTreeSet::new();
    for (l, ya) in &edges {
        if kind(l) == "L"
            && kind(ya) == "YA"
            && edges.iter().any(|(a, b)| a == ya && kind(b) == "I")
        {
            out.insert(nodes[l].1.to_owned());
        }
    }
    assert!(!out.is_empty());
    out
}

/// A [`Meta`](argumap::model::Meta) without what the AIF import adds (origin, `ext.aif`).
fn meta_view(meta: &argumap::model::Meta) -> String {
    let ext: Option<Vec<(&String, &serde_json::Value)>> = meta
        .ext()
        .map(|e| e.iter().filter(|(k, _)| k.as_str() != "aif").collect());
    format!(
        "tags {:?} note {:?} ext {:?}",
        meta.tags(),
        meta.note(),
        ext.filter(|e| !e.is_empty())
    )
}

/// What an AIF trip must keep of a map of ours: everything, ids included, since our export
/// records what AIF has no place for.
fn kept(map: &Map) -> Vec<String> {
    let mut out = vec![format!("map {:?} {:?}", map.title, map.description)];
    for s in map.sources() {
        out.push(format!(
            "source {} {} {:?} {:?} {:?} {:?} {:?} {}",
            s.id,
            s.kind.as_str(),
            s.title,
            s.author,
            s.publisher,
            s.date,
            s.url,
            meta_view(&s.meta)
        ));
    }
    for c in map.claims() {
        out.push(format!(
            "claim {} {:?} {:?} {:?} {:?} {:?} {}",
            c.id,
            c.text,
            c.title,
            c.source,
            c.quote,
            c.date,
            meta_view(&c.meta)
        ));
    }
    for a in map.arguments() {
        out.push(format!(
            "argument {} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {}",
            a.id,
            a.title,
            a.text,
            a.source,
            a.quote,
            a.date,
            map.premises(&a.id),
            map.conclusion(&a.id),
            meta_view(&a.meta)
        ));
    }
    for a in map.actors() {
        out.push(format!(
            "actor {} {:?} {} {:?} {}",
            a.id,
            a.name,
            a.kind.as_str(),
            a.role,
            meta_view(&a.meta)
        ));
    }
    let mut links: Vec<String> = map
        .actor_links()
        .iter()
        .map(|(a, k, b)| format!("{a} {} {b}", k.as_str()))
        .collect();
    links.sort();
    out.extend(links);
    for g in map.groups() {
        out.push(format!(
            "group {} {:?} {:?} {:?} {}",
            g.id,
            g.title,
            g.members,
            g.parent,
            meta_view(&g.meta)
        ));
    }
    let mut relations: Vec<String> = map
        .relations()
        .map(|r| {
            let mut by: Vec<&str> = r.by.iter().map(|a| a.as_str()).collect();
            by.sort();
            format!(
                "{} {} {} by {:?} {:?} {:?} {}",
                r.from,
                r.kind.as_str(),
                r.to,
                by,
                r.source,
                r.quote,
                meta_view(&r.meta)
            )
        })
        .collect();
    relations.sort();
    out.extend(relations);
    let mut stances: Vec<String> = map
        .stances()
        .map(|s| {
            format!(
                "{} {} {} {:?} {:?} {:?} {}",
                s.actor,
                s.kind.as_str(),
                s.target,
                s.source,
                s.quote,
                s.date,
                meta_view(&s.meta)
            )
        })
        .collect();
    stances.sort();
    out.extend(stances);
    out
}

fn assert_trip(label: &str, map: &Map) {
    let written = aif::to_string(map);
    let back = aif::from_str(&written)
        .unwrap_or_else(|e| panic!("{label}: our export does not load: {e:?}"))
        .map;
    let (want, got) = (kept(map), kept(&back));
    if want != got {
        let missing: Vec<&String> = want.iter().filter(|x| !got.contains(x)).collect();
        let extra: Vec<&String> = got.iter().filter(|x| !want.contains(x)).collect();
        panic!("{label}: lost {missing:#?}\ngained {extra:#?}");
    }
    assert_eq!(aif::to_string(map), written, "{label}: not deterministic");
}

#[test]
fn every_map_survives_argumap_to_aif_to_argumap() {
    for path in support::maps() {
        let map = json::from_str(&std::fs::read_to_string(&path).unwrap())
            .unwrap()
            .map;
        assert_trip(&path.display().to_string(), &map);
    }
}

#[test]
fn a_bare_argument_sketch_survives_too() {
    let map = argumap::model::MapBuilder::new("Sketches")
        .claim("c", "A claim")
        .with_argument(argumap::model::Argument::new(
            argumap::model::Id::new("bare").unwrap(),
        ))
        .supports("bare", "c")
        .build()
        .unwrap();
    assert_trip("a sketch with no text", &map);
}

#[test]
fn generated_maps_survive_argumap_to_aif_to_argumap() {
    let mut undercuts = 0;
    for (claims, seed) in [(40, 1), (200, 7), (500, 3)] {
        let map = generate(&GenOptions::new(claims).seed(seed));
        assert!(map.arguments().any(|a| map.premises(&a.id).is_empty()));
        undercuts += map
            .relations()
            .filter(|r| r.kind == RelationKind::Undercuts)
            .count();
        assert_trip(&format!("generated N={claims} seed={seed}"), &map);
    }
    assert!(undercuts > 0, "the generated maps have undercuts to carry");
}

#[test]
fn other_aif_readers_still_get_claims_actors_and_speakers() {
    // Without our extension object (as OVA3 or AIFdb would give the file back), the claim
    // texts, actor names and stances survive; ids become slugs.
    for path in support::maps() {
        let map = json::from_str(&std::fs::read_to_string(&path).unwrap())
            .unwrap()
            .map;
        let mut doc: serde_json::Value = serde_json::from_str(&aif::to_string(&map)).unwrap();
        doc.as_object_mut().unwrap().remove("argumap_ext");
        let back = aif::from_str(&doc.to_string()).unwrap().map;
        let texts = |m: &Map| m.claims().map(|c| c.text.clone()).collect::<BTreeSet<_>>();
        assert!(texts(&map).is_subset(&texts(&back)), "{}", path.display());
        let names = |m: &Map| m.actors().map(|a| a.name.clone()).collect::<BTreeSet<_>>();
        assert_eq!(names(&map), names(&back), "{}", path.display());
        let claim_stances = map
            .stances()
            .filter(|s| map.claim(&s.target).is_some())
            .count();
        let back_stances = back
            .stances()
            .filter(|s| back.claim(&s.target).is_some())
            .count();
        assert_eq!(claim_stances, back_stances, "{}", path.display());
    }
}

#[test]
fn the_export_has_the_shape_ova3_posts() {
    let map = aif::from_str(&sample("sample.aif.json")).unwrap().map;
    let doc: serde_json::Value = serde_json::from_str(&aif::to_string(&map)).unwrap();
    for key in [
        "nodes",
        "edges",
        "locutions",
        "participants",
        "schemefulfillments",
    ] {
        assert!(doc[key].is_array(), "{key}");
    }
    let nodes = doc["nodes"].as_array().unwrap();
    let types: BTreeSet<&str> = nodes.iter().map(|n| n["type"].as_str().unwrap()).collect();
    assert_eq!(
        types,
        BTreeSet::from(["CA", "I", "L", "MA", "RA", "TA", "YA"])
    );
    for n in nodes {
        assert!(n["nodeID"].as_str().unwrap().parse::<u64>().is_ok());
        if n["type"] != "I" && n["type"] != "L" {
            assert!(n["scheme"].is_string() && n["schemeID"].is_string(), "{n}");
        }
    }
    let edge_ids: BTreeSet<&str> = doc["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["edgeID"].as_str().unwrap())
        .collect();
    assert_eq!(edge_ids.len(), doc["edges"].as_array().unwrap().len());
    let participants = doc["participants"].as_array().unwrap();
    assert_eq!(participants.len(), 3);
    // Every locution names a participant, and its L-node begins with that name.
    for l in doc["locutions"].as_array().unwrap() {
        let p = participants
            .iter()
            .find(|p| p["participantID"] == l["personID"])
            .expect("locution names a participant");
        let node = nodes.iter().find(|n| n["nodeID"] == l["nodeID"]).unwrap();
        let prefix = format!(
            "{} {} : ",
            p["firstname"].as_str().unwrap(),
            p["surname"].as_str().unwrap()
        );
        assert!(node["text"].as_str().unwrap().starts_with(&prefix));
    }
}

// ---- quirks (FORMATS.md 1.5) ----------------------------------------------------------------

fn warned(src: &str, needle: &str) -> Map {
    let loaded = aif::from_str(src).unwrap_or_else(|e| panic!("{src}\nfailed: {e:?}"));
    assert!(
        loaded.warnings.iter().any(|w| w.message.contains(needle)),
        "no warning containing {needle:?} in {:#?}",
        loaded.warnings
    );
    loaded.map
}

#[test]
fn string_and_integer_ids_are_one_id() {
    let map = aif::from_str(
        r#"{"nodes": [
            {"nodeID": 1, "text": "A", "type": "I"},
            {"nodeID": "2", "text": "Default Inference", "type": "RA"},
            {"nodeID": "3", "text": "B", "type": "I"}],
          "edges": [{"edgeID": 1, "fromID": "1", "toID": 2}, {"edgeID": "2", "fromID": 2, "toID": 3}]}"#,
    )
    .unwrap()
    .map;
    assert_eq!(counts(&map).supports, 1);
}

#[test]
fn a_missing_scheme_is_read_from_the_type() {
    let map = aif::from_str(
        r#"{"nodes": [
            {"nodeID": "1", "text": "A", "type": "I"},
            {"nodeID": "2", "text": "", "type": "CA"},
            {"nodeID": "3", "text": "B", "type": "I"}],
          "edges": [{"edgeID": "1", "fromID": "1", "toID": "2"}, {"edgeID": "2", "fromID": "2", "toID": "3"}]}"#,
    )
    .unwrap()
    .map;
    assert_eq!(counts(&map).rebuttals, 1);
}

#[test]
fn isolated_annotator_duplicates_are_skipped() {
    let map = warned(
        r#"{"nodes": [
            {"nodeID": "1", "text": "Sam: Tomas Ek : words", "type": "L"},
            {"nodeID": "2", "text": "A", "type": "I"}],
          "edges": [], "locutions": []}"#,
        "with no edges",
    );
    assert_eq!(map.actors().count(), 0, "neither Sam nor Tomas is an actor");
    assert_eq!(skipped(&map, "isolated locutions"), 1);
}

#[test]
fn a_locution_without_an_entry_finds_its_speaker_by_name() {
    let loaded = aif::from_str(
        r#"{"nodes": [
            {"nodeID": "1", "text": "Mara Lind : A", "type": "L"},
            {"nodeID": "2", "text": "Asserting", "type": "YA"},
            {"nodeID": "3", "text": "A", "type": "I"},
            {"nodeID": "4", "text": "Mara Lind : B", "type": "L"},
            {"nodeID": "5", "text": "Asserting", "type": "YA"},
            {"nodeID": "6", "text": "B", "type": "I"},
            {"nodeID": "7", "text": "B again", "type": "L"},
            {"nodeID": "8", "text": "Asserting", "type": "YA"}],
          "edges": [
            {"edgeID": "1", "fromID": "1", "toID": "2"}, {"edgeID": "2", "fromID": "2", "toID": "3"},
            {"edgeID": "3", "fromID": "4", "toID": "5"}, {"edgeID": "4", "fromID": "5", "toID": "6"},
            {"edgeID": "5", "fromID": "7", "toID": "8"}, {"edgeID": "6", "fromID": "8", "toID": "6"}],
          "locutions": [{"nodeID": "1", "personID": "9"}]}"#,
    )
    .unwrap();
    let map = &loaded.map;
    assert_eq!(map.actors().count(), 1, "Mara stays one actor");
    assert_eq!(map.stances().count(), 2);
    assert!(loaded
        .warnings
        .iter()
        .any(|w| w.message.contains("speaker is unknown")));
}

#[test]
fn malformed_structure_is_skipped_with_warnings() {
    let nodes = r#"
        {"nodeID": "1", "text": "A", "type": "I"},
        {"nodeID": "2", "text": "B", "type": "I"},
        {"nodeID": "3", "text": "Default Conflict", "type": "CA"},
        {"nodeID": "4", "text": "Default Conflict", "type": "CA"},
        {"nodeID": "5", "text": "Default Rephrase", "type": "MA"},
        {"nodeID": "6", "text": "Default Rephrase", "type": "MA"},
        {"nodeID": "7", "text": "Mara Lind : A", "type": "L"},
        {"nodeID": "8", "text": "Default Inference", "type": "RA"},
        {"nodeID": "9", "text": "Default Inference", "type": "RA"}"#;
    let doc = |edges: &str| format!(r#"{{"nodes": [{nodes}], "edges": [{edges}]}}"#);
    let e = |id: u32, from: u32, to: u32| {
        format!(r#"{{"edgeID": {id}, "fromID": "{from}", "toID": "{to}"}}"#)
    };
    // A self-loop.
    warned(&doc(&e(1, 1, 1)), "to itself");
    // CA → CA: an attack on an attack.
    let map = warned(
        &doc(&[e(1, 1, 3), e(2, 3, 2), e(3, 2, 4), e(4, 4, 3)].join(",")),
        "attack on an attack",
    );
    assert_eq!(counts(&map).rebuttals, 1);
    // MA → MA.
    warned(
        &doc(&[e(1, 1, 5), e(2, 5, 6), e(3, 6, 2)].join(",")),
        "other than I-nodes",
    );
    // CA → L.
    warned(
        &doc(&[e(1, 1, 3), e(2, 3, 7)].join(",")),
        "from CA node 3 to L node 7",
    );
    // A direct I → I edge.
    warned(&doc(&e(1, 1, 2)), "from I node 1 to I node 2");
    // RA-nodes with no source, and with no target.
    warned(&doc(&e(1, 8, 2)), "has no premise");
    warned(&doc(&e(1, 1, 9)), "has no conclusion");
    // A dangling edge and a duplicate id.
    warned(&doc(&e(1, 1, 99)), "not in `nodes`");
    warned(
        r#"{"nodes": [{"nodeID": "1", "text": "A", "type": "I"}, {"nodeID": 1, "text": "B", "type": "I"}], "edges": []}"#,
        "a second node has the id 1",
    );
}

#[test]
fn a_map_with_no_anchoring_imports_its_claims_without_actors() {
    let map = warned(
        r#"{"nodes": [{"nodeID": "1", "text": "A", "type": "I"}, {"nodeID": "2", "text": "B", "type": "I"}], "edges": [], "locutions": []}"#,
        "no claim is anchored",
    );
    assert_eq!(map.claims().count(), 2);
    assert_eq!(map.actors().count(), 0);
}

#[test]
fn errors_name_the_place_and_say_how_to_fix_it() {
    for (src, line, column, needle) in [
        ("{\"nodes\": [\n  {\"nodeID\": 1,}\n]}", 2, 15, "JSON"),
        ("[1, 2]", 1, 1, "AIF"),
        ("{\"edges\": []}", 1, 1, "nodes"),
        ("{\n  \"nodes\": {}\n}", 2, 12, "array"),
        ("{\"argumap\": 1, \"title\": \"t\"}", 1, 1, "json"),
        (
            "{\"nodes\": [{\"id\": 1, \"x\": 0}], \"analysis\": {}}",
            1,
            1,
            "OVA3",
        ),
    ] {
        let err = aif::from_str(src).unwrap_err();
        let d = &err.diagnostics[0];
        assert!(d.is_error());
        let at = d.location.expect("a place");
        assert_eq!((at.line, at.column), (line, column), "{src}: {d:?}");
        let hint = d.hint.as_deref().unwrap_or("");
        assert!(
            d.message.contains(needle) || hint.contains(needle),
            "{src}: {d:?}"
        );
    }
}

// ---- any input -------------------------------------------------------------------------------

fn id_value() -> impl Strategy<Value = serde_json::Value> {
    prop_oneof![
        (0u8..12).prop_map(|n| serde_json::json!(n)),
        (0u8..12).prop_map(|n| serde_json::json!(n.to_string())),
        Just(serde_json::json!(null)),
        Just(serde_json::json!("")),
        Just(serde_json::json!([1])),
    ]
}

fn node_value() -> impl Strategy<Value = serde_json::Value> {
    let types = prop_oneof![
        Just("I"),
        Just("L"),
        Just("RA"),
        Just("CA"),
        Just("MA"),
        Just("PA"),
        Just("TA"),
        Just("YA"),
        Just("EN"),
        Just(""),
    ];
    let texts = prop_oneof![
        Just("Mara Lind : words"),
        Just("Sam: Tomas Ek : words"),
        Just("Agreeing"),
        Just("Challenging"),
        Just("Analysing"),
        Just("a claim"),
        Just(""),
    ];
    (id_value(), types, texts, any::<bool>()).prop_map(|(id, t, text, scheme)| {
        let mut n = serde_json::json!({"nodeID": id, "type": t, "text": text});
        if scheme {
            n["scheme"] = serde_json::json!(text);
        }
        n
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_aif_document_loads_or_fails_without_panicking(
        nodes in prop::collection::vec(node_value(), 0..14),
        edges in prop::collection::vec((id_value(), id_value()), 0..24),
        locutions in prop::collection::vec((id_value(), id_value()), 0..5),
        participants in prop::collection::vec(id_value(), 0..3),
        wrap in any::<bool>(),
    ) {
        let edges: Vec<_> = edges
            .into_iter()
            .enumerate()
            .map(|(i, (f, t))| serde_json::json!({"edgeID": i, "fromID": f, "toID": t}))
            .collect();
        let locutions: Vec<_> = locutions
            .into_iter()
            .map(|(n, p)| serde_json::json!({"nodeID": n, "personID": p}))
            .collect();
        let participants: Vec<_> = participants
            .into_iter()
            .map(|p| serde_json::json!({"participantID": p, "firstname": "Nina", "surname": "Roos"}))
            .collect();
        let aif_block = serde_json::json!({
            "nodes": nodes, "edges": edges, "locutions": locutions, "participants": participants
        });
        let doc = if wrap {
            serde_json::json!({"AIF": aif_block, "text": "words"})
        } else {
            aif_block
        };
        if let Ok(loaded) = aif::from_str(&doc.to_string()) {
            // Whatever was read can be written and read again.
            let written = aif::to_string(&loaded.map);
            prop_assert!(aif::from_str(&written).is_ok());
        }
    }

    #[test]
    fn any_text_loads_or_fails_without_panicking(text in ".{0,200}") {
        let _ = aif::from_str(&text);
        let _ = aif::sniff(&text);
    }
}

/// Writes our AIF export of every map in `maps/` and of two generated maps to the folder
/// named by `AIF_EXPORT_DIR`, for `scripts/check_arguebuf.py`:
///
/// ```text
/// AIF_EXPORT_DIR=/tmp/aif cargo test --test it aif::write_exports -- --ignored
/// ```
#[test]
#[ignore = "writes files for scripts/check_arguebuf.py"]
fn write_exports() {
    let dir = std::path::PathBuf::from(
        std::env::var_os("AIF_EXPORT_DIR").expect("set AIF_EXPORT_DIR to a folder"),
    );
    std::fs::create_dir_all(&dir).unwrap();
    for path in support::maps() {
        let map = json::from_str(&std::fs::read_to_string(&path).unwrap())
            .unwrap()
            .map;
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        std::fs::write(dir.join(format!("{name}.aif.json")), aif::to_string(&map)).unwrap();
    }
    for file in ["sample.aif.json", "sample.xaif.json"] {
        let map = aif::from_str(&sample(file)).unwrap().map;
        let stem = file.trim_end_matches(".json").replace('.', "-");
        std::fs::write(
            dir.join(format!("{stem}-roundtrip.aif.json")),
            aif::to_string(&map),
        )
        .unwrap();
    }
    for claims in [200, 1000] {
        let map = generate(&GenOptions::new(claims));
        std::fs::write(
            dir.join(format!("generated-{claims}.aif.json")),
            aif::to_string(&map),
        )
        .unwrap();
    }
}
