//! Argument-microtexts import: the sample's documented counts, undercuts and added premises
//! resolved after the ADU-to-ADU edges, quirks skipped with located warnings, XML errors at
//! their line and column, a bounded answer to entity bombs, and no panic on random documents.

use argumap::diagnostic::Diagnostic;
use argumap::format::{json, microtexts};
use argumap::model::{Map, RelationKind};
use proptest::prelude::*;

use crate::support::root;

fn sample() -> String {
    std::fs::read_to_string(root("tests/data/microtexts/sample.microtexts.xml")).unwrap()
}

fn load(src: &str) -> (Map, Vec<Diagnostic>) {
    match microtexts::from_str(src) {
        Ok(loaded) => (loaded.map, loaded.warnings),
        Err(e) => panic!("does not load: {:#?}", e.diagnostics),
    }
}

/// The id of the claim or argument that came from an ADU or edge id.
fn from(map: &Map, id: &str) -> String {
    map.claims()
        .map(|c| (c.id.as_str(), c.meta.origin()))
        .chain(map.arguments().map(|a| (a.id.as_str(), a.meta.origin())))
        .find(|(_, o)| o.is_some_and(|o| o.format == "microtexts" && o.id == id))
        .map(|(id, _)| id.to_owned())
        .unwrap_or_else(|| panic!("no element from {id}"))
}

fn has(map: &Map, from: &str, kind: RelationKind, to: &str) -> bool {
    map.relations()
        .any(|r| r.from.as_str() == from && r.kind == kind && r.to.as_str() == to)
}

fn count(map: &Map, kind: RelationKind) -> usize {
    map.relations().filter(|r| r.kind == kind).count()
}

/// Supports by the convention of FORMATS.md section 0: an Argument's conclusion link counts.
fn supports(map: &Map) -> usize {
    count(map, RelationKind::Supports) + count(map, RelationKind::Conclusion)
}

#[test]
fn the_sample_imports_with_the_documented_counts() {
    let (map, warnings) = load(&sample());
    assert!(warnings.is_empty(), "{warnings:#?}");
    assert_eq!(map.claims().count(), 6);
    assert_eq!(map.arguments().count(), 2);
    assert_eq!(map.actors().count(), 0);
    assert_eq!(supports(&map), 2);
    assert_eq!(count(&map, RelationKind::Premise), 3);
    assert_eq!(count(&map, RelationKind::Rebuts), 1);
    assert_eq!(count(&map, RelationKind::Undercuts), 1);
    assert_eq!(count(&map, RelationKind::Contradicts), 0);
    assert_eq!(map.stances().count(), 0);
    assert_eq!(map.sources().count(), 0);

    let [a1, a2, a3, a4, a5, a6] = ["a1", "a2", "a3", "a4", "a5", "a6"].map(|a| from(&map, a));
    assert_eq!(
        map.claim(&a1).unwrap().text,
        "The city should ban private cars from its centre."
    );
    // c2 with its `add` c1: premises a2 and a3, conclusion a1.
    let c2 = from(&map, "c2");
    let premises: Vec<&str> = map.premises(&c2).iter().map(|p| p.as_str()).collect();
    assert_eq!(premises, [a2.as_str(), a3.as_str()]);
    assert_eq!(map.conclusion(&c2).map(|c| c.as_str()), Some(a1.as_str()));
    // c3 is undercut by c5, so it is an Argument from a4 that rebuts a1.
    let c3 = from(&map, "c3");
    let premises: Vec<&str> = map.premises(&c3).iter().map(|p| p.as_str()).collect();
    assert_eq!(premises, [a4.as_str()]);
    assert!(has(&map, &c3, RelationKind::Rebuts, &a1));
    assert!(has(&map, &a6, RelationKind::Undercuts, &c3));
    // The example keeps its kind.
    let exa = map
        .relations()
        .find(|r| r.kind == RelationKind::Supports)
        .unwrap();
    assert_eq!(
        (exa.from.as_str(), exa.to.as_str()),
        (a5.as_str(), a4.as_str())
    );
    assert_eq!(exa.meta.ext().unwrap()["kind"], "example");
    // Roles as tags.
    for (claim, role) in [(&a1, "proponent"), (&a2, "proponent"), (&a3, "proponent")]
        .into_iter()
        .chain([(&a4, "opponent"), (&a5, "opponent"), (&a6, "proponent")])
    {
        assert_eq!(map.claim(claim).unwrap().meta.tags(), [role], "{claim}");
    }
    // The central claim is the one root; the document's attributes are map metadata.
    let roots: Vec<&str> = map.root_theses().iter().map(|c| c.id.as_str()).collect();
    assert_eq!(roots, [a1.as_str()]);
    let ext = &map.ext.as_ref().unwrap()["microtexts"];
    assert_eq!(ext["topic_id"], "car_free_centre");
    assert_eq!(ext["stance"], "pro");
    assert_eq!(ext["id"], "sample_car_ban");
    assert_eq!(ext["central"], "a1");
    assert_eq!(map.title, map.claim(&a1).unwrap().text);
}

#[test]
fn the_import_survives_our_map_file() {
    let (map, _) = load(&sample());
    let back =
        json::from_str(&json::to_string(&map)).unwrap_or_else(|e| panic!("{:#?}", e.diagnostics));
    assert_eq!(back.map, map);
}

/// An arggraph from ADU texts and edges `(id, src, trg, type)`, one EDU per ADU.
fn arggraph(adus: &[(&str, &str)], edges: &[(&str, &str, &str, &str)]) -> String {
    let mut out = String::from("<arggraph id=\"t\">\n");
    for (i, (_, text)) in adus.iter().enumerate() {
        out += &format!("  <edu id=\"e{i}\"><![CDATA[{text}]]></edu>\n");
    }
    for (id, _) in adus {
        out += &format!("  <adu id=\"{id}\" type=\"pro\"/>\n");
    }
    for (i, (id, _)) in adus.iter().enumerate() {
        out += &format!("  <edge id=\"s{i}\" src=\"e{i}\" trg=\"{id}\" type=\"seg\"/>\n");
    }
    for (id, src, trg, ty) in edges {
        out += &format!("  <edge id=\"{id}\" src=\"{src}\" trg=\"{trg}\" type=\"{ty}\"/>\n");
    }
    out + "</arggraph>\n"
}

#[test]
fn an_undercut_support_becomes_an_argument() {
    let src = arggraph(
        &[("a1", "C"), ("a2", "P"), ("a3", "U")],
        &[("c1", "a2", "a1", "sup"), ("c2", "a3", "c1", "und")],
    );
    let (map, warnings) = load(&src);
    assert!(warnings.is_empty(), "{warnings:#?}");
    let c1 = from(&map, "c1");
    assert_eq!(map.premises(&c1).len(), 1);
    assert_eq!(map.conclusion(&c1).map(|c| c.as_str()), Some("c"));
    assert!(has(&map, "u", RelationKind::Undercuts, &c1));
    assert_eq!(
        (supports(&map), count(&map, RelationKind::Supports)),
        (1, 0)
    );
}

#[test]
fn adds_and_undercuts_of_attacks_and_of_undercuts() {
    // c1 reb with an `add` (c2) → a linked rebutting Argument; c3 und on c1, undercut in turn
    // by c4 (named before it), and c3 gets a premise by `add` c5 pointing forward.
    let src = arggraph(
        &[
            ("a1", "C"),
            ("a2", "R1"),
            ("a3", "R2"),
            ("a4", "U"),
            ("a5", "V"),
            ("a6", "W"),
        ],
        &[
            ("c4", "a5", "c3", "und"),
            ("c1", "a2", "a1", "reb"),
            ("c2", "a3", "c1", "add"),
            ("c3", "a4", "c1", "und"),
            ("c5", "a6", "c3", "add"),
        ],
    );
    let (map, warnings) = load(&src);
    assert!(warnings.is_empty(), "{warnings:#?}");
    let (c1, c3) = (from(&map, "c1"), from(&map, "c3"));
    assert_eq!(map.arguments().count(), 2);
    let premises: Vec<&str> = map.premises(&c1).iter().map(|p| p.as_str()).collect();
    assert_eq!(premises, ["r1", "r2"]);
    assert!(has(&map, &c1, RelationKind::Rebuts, "c"));
    let premises: Vec<&str> = map.premises(&c3).iter().map(|p| p.as_str()).collect();
    assert_eq!(premises, ["u", "w"]);
    assert!(has(&map, &c3, RelationKind::Undercuts, &c1));
    assert!(has(&map, "v", RelationKind::Undercuts, &c3));
    let roots: Vec<&str> = map.root_theses().iter().map(|c| c.id.as_str()).collect();
    assert_eq!(roots, ["c"]);
}

#[test]
fn joints_and_several_edus_make_one_text() {
    let src = r#"<?xml version="1.0"?>
<!DOCTYPE arggraph SYSTEM "arggraph.dtd">
<arggraph id="j">
  <edu id="e1">Bikes are cheap,</edu>
  <edu id="e2"><![CDATA[and  fast.]]></edu>
  <edu id="e3">So ride one.</edu>
  <joint id="j1"/>
  <adu id="a1" type="pro"/>
  <adu id="a2" type="opp"/>
  <edge id="c1" src="e2" trg="j1" type="seg"/>
  <edge id="c2" src="e1" trg="j1" type="seg"/>
  <edge id="c3" src="j1" trg="a2" type="seg"/>
  <edge id="c4" src="e3" trg="a1" type="seg"/>
  <edge id="c5" src="a2" trg="a1" type="sup"/>
</arggraph>"#;
    let (map, warnings) = load(src);
    assert!(warnings.is_empty(), "{warnings:#?}");
    let a2 = from(&map, "a2");
    assert_eq!(map.claim(&a2).unwrap().text, "Bikes are cheap, and fast.");
    assert_eq!(map.claim(&a2).unwrap().meta.tags(), ["opponent"]);
    assert!(has(&map, &a2, RelationKind::Supports, &from(&map, "a1")));
}

fn warning_at(warnings: &[Diagnostic], needle: &str) -> String {
    let d = warnings
        .iter()
        .find(|d| d.message.contains(needle))
        .unwrap_or_else(|| panic!("no warning with {needle:?} in {warnings:#?}"));
    assert!(d.hint.is_some(), "{d:?}");
    let at = d.location.unwrap();
    format!("{}:{}", at.line, at.column)
}

#[test]
fn odd_elements_and_edges_are_skipped_with_located_warnings() {
    let src = r#"<arggraph id="q">
<edu id="e1">A</edu>
<edu id="e2">B</edu>
<adu id="a1" type="pro"/>
<adu id="a2" type="opp"/>
<adu id="a3" type="neutral"/>
<adu type="pro"/>
<adu id="a1" type="pro"/>
<note id="n1"/>
<edge id="c1" src="e1" trg="a1" type="seg"/>
<edge id="c2" src="e2" trg="a2" type="seg"/>
<edge id="c3" src="a2" trg="a1" type="sup"/>
<edge id="c4" src="a3" trg="c9" type="und"/>
<edge id="c5" src="a3" trg="c3" type="udn"/>
<edge id="c6" src="a3" trg="a1" type="add"/>
<edge id="c7" src="a2" trg="a2" type="reb"/>
<edge id="c8" src="a3" trg="c4" type="und"/>
</arggraph>"#;
    let (map, warnings) = load(src);
    assert_eq!(warning_at(&warnings, "unknown role `neutral`"), "6:20");
    assert_eq!(warning_at(&warnings, "an <adu> has no `id`"), "7:1");
    assert_eq!(
        warning_at(&warnings, "used by an earlier element (at 4:1)"),
        "8:10"
    );
    assert_eq!(warning_at(&warnings, "<note> is not part"), "9:1");
    assert_eq!(
        warning_at(&warnings, "`trg=\"c9\"`, which no element has"),
        "13:29"
    );
    // The suggestion for an `und` is an edge it could undercut, not the `seg` edge c1.
    assert!(warnings
        .iter()
        .any(|d| d.hint.as_deref() == Some("did you mean `c3`?")));
    assert_eq!(warning_at(&warnings, "unknown type `udn`"), "14:39");
    assert!(warnings.iter().any(|d| d
        .hint
        .as_deref()
        .is_some_and(|h| h.contains("did you mean `und`"))));
    assert_eq!(
        warning_at(
            &warnings,
            "`add` edge `c6` points at `a1`, which is not an edge"
        ),
        "15:29"
    );
    assert_eq!(warning_at(&warnings, "to itself"), "16:1");
    assert_eq!(
        warning_at(&warnings, "`c8` points at the edge `c4`, which was skipped"),
        "17:29"
    );
    assert_eq!(warning_at(&warnings, "ADU `a3` has no text"), "6:1");
    assert_eq!(warnings.len(), 10, "{warnings:#?}");
    assert_eq!(map.claims().count(), 3);
    assert_eq!(count(&map, RelationKind::Supports), 1);
    assert_eq!(map.arguments().count(), 0);
}

fn error_at(src: &str) -> (String, Diagnostic) {
    let e = microtexts::from_str(src).expect_err("an error");
    let d = e.diagnostics[0].clone();
    assert!(d.is_error());
    assert!(d.hint.is_some(), "{d:?}");
    let at = d.location.unwrap();
    (format!("{}:{}", at.line, at.column), d)
}

#[test]
fn xml_errors_carry_line_and_column() {
    let (at, d) = error_at("<arggraph>\n  <edu id=\"e1\">A</edx>\n</arggraph>");
    assert_eq!(at, "2:17", "{d:?}");
    // Columns count characters: "ü" and "é" take two bytes each (bytes would say 2:24).
    let (at, d) = error_at("<arggraph>\n  <edu id=\"é\">Grüße & more</edu>\n</arggraph>");
    assert_eq!(at, "2:21", "{d:?}");
    assert!(d.hint.unwrap().contains("&amp;"));
    let (at, d) = error_at("<arggraph>\n  <edu id=\"e1\">A</edu>\n");
    assert_eq!(at, "3:1", "{d:?}");
    assert!(d.hint.unwrap().contains("</arggraph>"));
    let (at, d) = error_at("<?xml version=\"1.0\"?>\n<graphml/>");
    assert_eq!(at, "2:1");
    assert!(d.message.contains("not <arggraph>"), "{d:?}");
    let (_, d) = error_at("");
    assert!(d.message.contains("no element"), "{d:?}");
}

#[test]
fn an_entity_bomb_fails_at_once() {
    let bomb = r#"<?xml version="1.0"?>
<!DOCTYPE arggraph [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<arggraph id="bomb"><edu id="e1">&lol9;</edu></arggraph>"#;
    let (at, d) = error_at(bomb);
    assert!(d.message.contains("billion laughs"), "{d:?}");
    assert!(!at.is_empty());
    // A loop of entities is refused the same way.
    let looped =
        "<!DOCTYPE arggraph [<!ENTITY a \"&b;\"><!ENTITY b \"&a;\">]>\n<arggraph>&a;</arggraph>";
    let (_, d) = error_at(looped);
    assert!(d.message.contains("entities expand too far"), "{d:?}");
}

#[test]
fn sniff_finds_arggraph_documents() {
    assert!(microtexts::sniff(&sample()));
    assert!(microtexts::sniff(
        "<!-- a < b -->\n<!DOCTYPE arggraph SYSTEM \"arggraph.dtd\">\n<arggraph/>"
    ));
    assert!(microtexts::sniff("\u{feff}<arggraph id=\"x\">"));
    assert!(!microtexts::sniff("<arggraphs/>"));
    assert!(!microtexts::sniff("<?xml version=\"1.0\"?><graphml/>"));
    assert!(!microtexts::sniff("{\"nodes\": []}"));
    assert!(!microtexts::sniff(""));
}

fn element() -> impl Strategy<Value = String> {
    let id = prop::sample::select(vec!["e1", "e2", "a1", "a2", "a3", "c1", "c2", "c3", "x"]);
    let ty = prop::sample::select(vec![
        "seg", "sup", "exa", "reb", "und", "add", "pro", "opp", "zzz",
    ]);
    let name = prop::sample::select(vec!["edu", "adu", "edge", "joint", "other"]);
    (name, id.clone(), id.clone(), id, ty, "[a-zé&<> ]{0,6}").prop_map(
        |(name, id, src, trg, ty, text)| match name {
            "edu" => format!("<edu id=\"{id}\"><![CDATA[{text}]]></edu>"),
            "adu" => format!("<adu id=\"{id}\" type=\"{ty}\"/>"),
            "edge" => format!("<edge id=\"{id}\" src=\"{src}\" trg=\"{trg}\" type=\"{ty}\"/>"),
            "joint" => format!("<joint id=\"{id}\"/>"),
            _ => format!("<{name} {text}>"),
        },
    )
}

proptest! {
    #[test]
    fn random_documents_never_panic(
        elements in prop::collection::vec(element(), 0..20),
        cut in 0usize..600,
        junk in "[<>&/a-z\"= ]{0,8}",
    ) {
        let text = format!("<arggraph id=\"p\">\n{}\n</arggraph>", elements.join("\n"));
        if let Ok(loaded) = microtexts::from_str(&text) {
            let again = json::from_str(&json::to_string(&loaded.map));
            prop_assert!(again.is_ok(), "{:?}", again.err());
        }
        let mut end = cut.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let _ = microtexts::from_str(&format!("{}{junk}", &text[..end]));
    }
}
