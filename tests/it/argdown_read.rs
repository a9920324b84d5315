//! The Argdown reader: the synthetic sample's documented counts, Argdown's own JSON export of
//! every corpus file, located errors, and no panic on arbitrary input.

use std::collections::BTreeMap;

use argumap::format::argdown;
use argumap::model::{Map, RelationKind, StanceKind};
use proptest::prelude::*;

use crate::support::root;

fn data(name: &str) -> String {
    let path = root(&format!("tests/data/argdown/{name}"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn load(name: &str) -> Map {
    let src = data(name);
    match argdown::from_str(&src) {
        Ok(loaded) => loaded.map,
        Err(e) => panic!("{name}: {:#?}", e.diagnostics),
    }
}

fn relations(map: &Map, kind: RelationKind) -> usize {
    map.relations().filter(|r| r.kind == kind).count()
}

#[test]
fn sample_imports_with_the_documented_counts() {
    let loaded = argdown::from_str(&data("sample.argdown")).expect("sample.argdown loads");
    let map = &loaded.map;
    assert_eq!(map.title, "Should the city ban cars from its centre?");
    assert_eq!(map.claims().count(), 6);
    assert_eq!(map.arguments().count(), 4);
    assert_eq!(map.actors().count(), 3);
    // Supports count one conclusion link per argument (FORMATS.md, section 0).
    let supports =
        relations(map, RelationKind::Supports) + relations(map, RelationKind::Conclusion);
    assert_eq!(supports, 2);
    assert_eq!(relations(map, RelationKind::Premise), 2);
    assert_eq!(relations(map, RelationKind::Rebuts), 3);
    assert_eq!(relations(map, RelationKind::Undercuts), 1);
    assert_eq!(relations(map, RelationKind::Contradicts), 1);
    assert_eq!(map.stances().count(), 6);
    assert!(map.stances().all(|s| s.kind == StanceKind::Asserts));
    assert_eq!(map.sources().count(), 0);

    let id = |title: &str| {
        map.claims()
            .find(|c| c.title.as_deref() == Some(title))
            .map(|c| c.id.clone())
            .or_else(|| {
                map.arguments()
                    .find(|a| a.title.as_deref() == Some(title))
                    .map(|a| a.id.clone())
            })
            .unwrap_or_else(|| panic!("no element titled {title}"))
    };
    let clean_air = id("Clean air");
    let premises: Vec<_> = map.premises(&clean_air).into_iter().cloned().collect();
    assert_eq!(premises, [id("Traffic pollution"), id("Health gain")]);
    assert_eq!(map.conclusion(&clean_air), Some(&id("Car ban")));
    let undercut = map
        .relations()
        .find(|r| r.kind == RelationKind::Undercuts)
        .unwrap();
    assert_eq!(
        (&undercut.from, &undercut.to),
        (&id("Low-emission zone"), &clean_air)
    );
    let restocking = map
        .relations()
        .find(|r| r.kind == RelationKind::Supports)
        .unwrap();
    assert_eq!(
        (&restocking.from, &restocking.to),
        (&id("Daily restocking"), &id("Deliveries"))
    );
    assert!(map.relations().any(|r| r.kind == RelationKind::Rebuts
        && r.from == id("Deliveries")
        && r.to == id("Car ban")));

    // Speakers: who asserts what.
    let speaker_of = |title: &str| -> Vec<String> {
        let target = id(title);
        map.stances_on(&target)
            .iter()
            .map(|s| map.actor(&s.actor).unwrap().name.clone())
            .collect()
    };
    assert_eq!(speaker_of("Car ban"), ["Mara Lind"]);
    assert_eq!(speaker_of("Clean air"), ["Mara Lind"]);
    assert_eq!(speaker_of("Shops suffer"), ["Tomas Ek"]);
    assert_eq!(speaker_of("Car-free elsewhere"), ["Nina Roos"]);
    assert_eq!(speaker_of("Deliveries"), ["Tomas Ek"]);

    let car_ban = map.claim(&id("Car ban")).unwrap();
    assert_eq!(car_ban.date.as_deref(), Some("2024-05-12"));
    // The trailing tag is the claim's tag, not part of its text.
    assert_eq!(
        car_ban.text,
        "The city should ban private cars from its centre."
    );
    assert_eq!(car_ban.meta.tags(), ["council"]);
    let mut tags: Vec<String> = map
        .claims()
        .flat_map(|c| c.meta.tags().to_vec())
        .chain(map.arguments().flat_map(|a| a.meta.tags().to_vec()))
        .collect();
    tags.sort();
    tags.dedup();
    assert_eq!(tags, ["business", "council", "cycling group"]);

    // Sections: Proposal holds 4 claims and 3 arguments, Objections 1 argument and 2 claims.
    let groups: Vec<_> = map.groups().collect();
    assert_eq!(groups.len(), 2);
    assert_eq!(groups[0].title, "Proposal");
    let mut proposal: Vec<String> = groups[0].members.iter().map(|m| m.to_string()).collect();
    proposal.sort();
    let mut expected: Vec<String> = [
        "Car ban",
        "Full access",
        "Traffic pollution",
        "Health gain",
        "Clean air",
        "Shops suffer",
        "Car-free elsewhere",
    ]
    .iter()
    .map(|t| id(t).to_string())
    .collect();
    expected.sort();
    assert_eq!(proposal, expected);
    assert_eq!(groups[1].title, "Objections");
    assert_eq!(groups[1].members.len(), 3);
    assert!(loaded.warnings.is_empty(), "{:#?}", loaded.warnings);
}

/// Statements, arguments and relations by kind, as Argdown's JSON export lists them.
#[derive(Debug, Default, PartialEq, Eq)]
struct Counts {
    statements: usize,
    arguments: usize,
    relations: BTreeMap<&'static str, usize>,
}

/// Argdown's relation types in our words: `support` and `entails` are supports, `attack` is
/// a rebuttal, `contradictory` and `contrary` contradict (FORMATS.md 3.4).
fn our_kind(argdown_type: &str) -> &'static str {
    match argdown_type {
        "support" | "entails" => "supports",
        "attack" => "rebuts",
        "undercut" => "undercuts",
        "contradictory" | "contrary" => "contradicts",
        other => panic!("unknown Argdown relation type {other}"),
    }
}

fn argdown_counts(json: &serde_json::Value) -> Counts {
    let mut counts = Counts {
        statements: json["statements"].as_object().expect("statements").len(),
        arguments: json["arguments"].as_object().expect("arguments").len(),
        ..Counts::default()
    };
    for r in json["relations"].as_array().expect("relations") {
        let kind = our_kind(r["relationType"].as_str().expect("relationType"));
        *counts.relations.entry(kind).or_default() += 1;
    }
    counts
}

fn our_counts(map: &Map) -> Counts {
    let mut counts = Counts {
        statements: map.claims().count(),
        arguments: map.arguments().count(),
        ..Counts::default()
    };
    for r in map.relations() {
        let kind = match r.kind {
            RelationKind::Supports => "supports",
            RelationKind::Rebuts => "rebuts",
            RelationKind::Undercuts => "undercuts",
            RelationKind::Contradicts => "contradicts",
            _ => continue,
        };
        *counts.relations.entry(kind).or_default() += 1;
    }
    counts
}

/// Argdown keeps a reconstruction with intermediary conclusions as one argument; we make
/// one argument per inference step (FORMATS.md 3.4, Argdown's own `explodeArguments`), so we
/// have one more argument per intermediary conclusion.
fn intermediary_conclusions(json: &serde_json::Value) -> usize {
    json["arguments"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|a| a["pcs"].as_array().cloned().unwrap_or_default())
        .filter(|s| s["role"] == "intermediary-conclusion")
        .count()
}

#[test]
fn counts_match_argdowns_own_json_for_every_corpus_file() {
    let dir = root("tests/data/argdown/argdown-cli-json");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 5, "the corpus has five JSON exports");
    for json_path in files {
        let stem = json_path.file_stem().unwrap().to_str().unwrap().to_owned();
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&json_path).unwrap()).unwrap();
        let mut expected = argdown_counts(&json);
        expected.arguments += intermediary_conclusions(&json);
        let ours = our_counts(&load(&format!("{stem}.argdown")));
        assert_eq!(ours, expected, "{stem}");
    }
}

#[test]
fn intermediary_conclusions_make_chained_steps() {
    let map = load("state-censorship.argdown");
    let main = map
        .arguments()
        .find(|a| a.title.as_deref() == Some("Importance of inclusive public debate"))
        .unwrap();
    let step = map
        .arguments()
        .find(|a| a.title.as_deref() == Some("Importance of inclusive public debate (step 1)"))
        .unwrap();
    // Step 1: (1), (2) give (3); the whole argument: (3), (4) give (5).
    assert_eq!(map.premises(&step.id).len(), 2);
    let intermediary = map.conclusion(&step.id).unwrap().clone();
    assert!(map.premises(&main.id).contains(&&intermediary));
    assert_eq!(map.premises(&main.id).len(), 2);
    assert_eq!(map.title, "Censorship from the State");
    // removeTagsFromText: true in the front matter.
    assert!(!main.text.as_deref().unwrap().contains("#con"));
    assert_eq!(main.meta.tags(), ["con"]);
    // `source` data names a source.
    assert!(map.sources().any(|s| s.title == "C1b"));
}

#[test]
fn lexer_relations_is_rejected_with_a_located_error() {
    let err = argdown::from_str(&data("lexer-relations.argdown")).unwrap_err();
    let first = &err.diagnostics[0];
    assert!(first.is_error());
    let at = first.location.unwrap();
    assert_eq!((at.line, at.column), (1, 1));
    assert!(
        first
            .message
            .contains("must be indented under the statement"),
        "{}",
        first.message
    );
    assert!(first.hint.is_some());
}

fn error_at(src: &str) -> (usize, usize, String) {
    let err = match argdown::from_str(src) {
        Ok(loaded) => panic!("accepted: {src:?} -> {:?}", loaded.map),
        Err(e) => e,
    };
    let d = err.errors().next().expect("an error");
    let at = d.location.expect("located");
    (at.line, at.column, d.message.clone())
}

#[test]
fn broken_inputs_name_line_column_and_the_fix() {
    let cases: [(&str, (usize, usize), &str); 12] = [
        (
            "# Heading\n[A]: a\n",
            (2, 1),
            "[A]: must start a new block, but it follows the heading",
        ),
        (
            "[A]: a\n(1) p\n----\n(2) q\n",
            (2, 1),
            "the premise (1) does not start a new block",
        ),
        (
            "(1) p\n-- rule\n",
            (2, 1),
            "the inference line is not closed",
        ),
        (
            "Text [A] more\n",
            (1, 6),
            "[A] stands in the middle of a text",
        ),
        (
            "[A]: a\n    >< <B>\n",
            (2, 5),
            "`><` (contradiction) relates two statements",
        ),
        (
            "[A]: text\n+ [B]: not indented\n",
            (2, 1),
            "a relation must be indented under the statement it relates to",
        ),
        (
            "[A]: text\n\n    + [B]: after an empty line\n",
            (3, 5),
            "with no empty line between",
        ),
        ("[Title: text\n", (1, 1), "unclosed [ in a statement title"),
        (
            "(1) P\n(2) Q\n----\n",
            (3, 1),
            "ends with an inference line but no conclusion",
        ),
        ("(1) P\n(2) Q\n", (1, 1), "no inference line"),
        ("[A] more words\n", (1, 5), "text after the reference [A]"),
        ("[A]: a\n    _> [B]\n", (2, 5), "`_>` undercuts an argument"),
    ];
    for (src, (line, column), message) in cases {
        let (l, c, m) = error_at(src);
        assert_eq!((l, c), (line, column), "{src:?}: {m}");
        assert!(m.contains(message), "{src:?}: {m}");
    }
}

#[test]
fn columns_count_characters_before_an_error() {
    // "Ünïcödé " is 8 characters but 12 bytes: the column counts characters.
    let (line, column, message) = error_at("[Ä]: Ünïcödé\n\nÜnïcödé [Ä] x\n");
    assert_eq!((line, column), (3, 9));
    assert!(
        message.contains("[Ä] stands in the middle of a text"),
        "{message}"
    );
    let (line, column, message) = error_at("[Ä]: Ünïcödé\n\n[Ä] ünï\n");
    assert_eq!((line, column), (3, 5), "{message}");
}

#[test]
fn odd_but_usable_input_warns() {
    let loaded = argdown::from_str("[A]: a {actor: [}\n\n(1) p\n----\n(3) c\n\n[B]\n").unwrap();
    let messages: Vec<&str> = loaded.warnings.iter().map(|w| w.message.as_str()).collect();
    assert!(
        messages.iter().any(|m| m.contains("not valid YAML")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("(3) should be (2)")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("never defined")),
        "{messages:?}"
    );
    assert!(loaded.warnings.iter().all(|w| w.location.is_some()));

    // A relation indented between two levels belongs to the outer one (as in Argdown).
    let loaded = argdown::from_str("[A]: a\n  + [B]: b\n      + [C]: c\n    - [D]: d\n").unwrap();
    let warning = &loaded.warnings[0];
    assert!(
        warning.message.contains("matches no line above"),
        "{}",
        warning.message
    );
    assert_eq!(warning.location.map(|l| (l.line, l.column)), Some((4, 5)));
    let map = &loaded.map;
    assert!(map
        .relations()
        .any(|r| r.from == "d" && r.to == "a" && r.kind == RelationKind::Rebuts));
}

#[test]
fn tags_titles_and_fallbacks() {
    // A tag inside the sentence stays; trailing tags leave the text but stay tags.
    let loaded = argdown::from_str("# Notes #section\n\nA #big claim. #x #(y z)\n").unwrap();
    let map = &loaded.map;
    assert_eq!(map.title, "Notes");
    let claim = map.claims().next().unwrap();
    assert_eq!(claim.text, "A #big claim.");
    assert_eq!(claim.meta.tags(), ["big", "x", "y z"]);
    let group = map.groups().next().unwrap();
    assert_eq!(group.title, "Notes");
    assert_eq!(group.meta.tags(), ["section"]);
    // Without a heading or front matter title, the map still has a title.
    assert_eq!(
        argdown::from_str("text\n").unwrap().map.title,
        "Argdown map"
    );
}

#[test]
fn comments_escapes_links_and_multiline_text() {
    let src = "[A]: one // a comment\n  two /* inline */ \\[not a title\\] \n  [site](https://example.org/x) and https:\\/\\/x\n{proponent: [\"Ann\", \"Bo\"], note: kept}\n";
    let loaded = argdown::from_str(src).unwrap();
    let map = &loaded.map;
    let claim = map.claims().next().unwrap();
    assert_eq!(claim.text, "one two [not a title] site and https://x");
    let ext = claim.meta.ext().unwrap();
    assert_eq!(ext["note"], "kept");
    assert_eq!(ext["links"][0]["url"], "https://example.org/x");
    assert_eq!(map.actors().count(), 2);
    assert_eq!(map.stances_on(&claim.id).len(), 2);
}

#[test]
fn line_ends_and_byte_order_marks_do_not_matter() {
    let lf = data("sample.argdown");
    let crlf = format!("\u{feff}{}", lf.replace('\n', "\r\n"));
    let a = argdown::from_str(&lf).unwrap().map;
    let b = argdown::from_str(&crlf).unwrap().map;
    assert_eq!(
        argumap::format::json::to_string(&a),
        argumap::format::json::to_string(&b)
    );
    // Columns of errors are the same too (the mark is not counted).
    let (line, column, _) = error_at("\u{feff}[A]: a\r\n+ [B]\r\n");
    assert_eq!((line, column), (2, 1));
}

#[test]
fn sniff_tells_argdown_from_other_text() {
    for name in [
        "argdown-primer.argdown",
        "intro.argdown",
        "parser-mix.argdown",
    ] {
        assert!(argdown::sniff(&data(name)), "{name}");
    }
    assert!(argdown::sniff(&data("sample.argdown")));
    assert!(argdown::sniff(&data("veggie_debate.argdown")));
    assert!(argdown::sniff(&data("state-censorship.argdown")));
    assert!(!argdown::sniff("{\"argumap\": 1}"));
    assert!(!argdown::sniff("arg(a1).\natt(a1,a2).\n"));
    assert!(!argdown::sniff(
        "Discussion Title: x\n\n1. Thesis\n1.1. Pro: y\n"
    ));
}

fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("[A]: ".to_owned()),
        Just("[A]".to_owned()),
        Just("<B>: ".to_owned()),
        Just("<B>".to_owned()),
        Just("text ".to_owned()),
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        Just("  + ".to_owned()),
        Just("    - ".to_owned()),
        Just("  +> ".to_owned()),
        Just("  >< ".to_owned()),
        Just("  _> ".to_owned()),
        Just("  <_ ".to_owned()),
        Just("(1) ".to_owned()),
        Just("(2) ".to_owned()),
        Just("----".to_owned()),
        Just("-- rule, other {uses: [1]} --".to_owned()),
        Just("# Heading ".to_owned()),
        Just("## Sub ".to_owned()),
        Just("#tag ".to_owned()),
        Just("{actor: \"Ann\"}".to_owned()),
        Just("{a: [".to_owned()),
        Just("===\ntitle: t\n===\n".to_owned()),
        Just("===\ntitle: t\n".to_owned()),
        Just("    -- ".to_owned()),
        Just("    => ".to_owned()),
        Just("  – ".to_owned()),
        Just("{actor: \"Ann\"".to_owned()),
        Just("// c".to_owned()),
        Just("/* c ".to_owned()),
        Just("*/".to_owned()),
        Just("\\".to_owned()),
        Just("@[A] ".to_owned()),
        Just("[l](u) ".to_owned()),
        Just("  * item".to_owned()),
        Just("  1. item".to_owned()),
        Just("é".to_owned()),
        Just("_it_ **b**".to_owned()),
        "[ -~]{0,6}".prop_map(|s| s),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn random_text_never_panics(src in "\\PC{0,200}") {
        let _ = argdown::from_str(&src);
        let _ = argdown::sniff(&src);
    }

    #[test]
    fn random_argdown_tokens_never_panic(tokens in prop::collection::vec(token(), 0..40)) {
        let src: String = tokens.concat();
        match argdown::from_str(&src) {
            Ok(loaded) => {
                for w in &loaded.warnings {
                    prop_assert!(w.location.is_some());
                }
            }
            Err(e) => {
                prop_assert!(e.errors().next().is_some());
                prop_assert!(e.diagnostics[0].location.is_some());
                // Every fix is an edit inside the text.
                for d in &e.diagnostics {
                    if let Some(fix) = &d.fix {
                        prop_assert!(fix.span.start <= fix.span.end && fix.span.end <= src.len());
                        prop_assert!(src.is_char_boundary(fix.span.start) && src.is_char_boundary(fix.span.end));
                    }
                }
            }
        }
    }
}

#[test]
fn deep_indentation_does_not_overflow() {
    let mut src = String::from("[A]: a\n");
    for depth in 1..5000 {
        src.push_str(&" ".repeat(depth));
        src.push_str("+ b\n");
    }
    let loaded = argdown::from_str(&src).unwrap();
    assert_eq!(loaded.map.claims().count(), 5000);
}

#[test]
fn the_documented_speaker_example_reads_as_documented() {
    let src = "[Car ban]: The city should ban private cars from its centre. #council\n{actor: \"Mara Lind\", date: \"2024-05-12\"}\n    - <Shops suffer>: A ban would drive shoppers away. {proponent: [\"Tomas Ek\", \"Shop owners' guild\"]}\n";
    let map = argdown::from_str(src).unwrap().map;
    let names: Vec<&str> = map.actors().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Mara Lind", "Tomas Ek", "Shop owners' guild"]);
    let by = |target: &str| -> Vec<String> {
        map.stances_on(target)
            .iter()
            .map(|s| s.actor.to_string())
            .collect()
    };
    assert_eq!(by("car-ban"), ["mara-lind"]);
    assert_eq!(by("shops-suffer"), ["tomas-ek", "shop-owners-guild"]);
    let docs = std::fs::read_to_string(root("docs/formats/argdown.md")).unwrap();
    assert!(
        docs.contains(src.trim_end()),
        "the example in docs/formats/argdown.md changed"
    );
}

#[test]
fn strict_mode_reads_statement_relations_as_entailment_and_contrariety() {
    let src = "===\nmodel:\n    mode: strict\n===\n\n[A]: a\n    + [B]: b\n    - [C]: c\n    + <D>: d\n\n[C]\n    - [A]\n";
    let map = argdown::from_str(src).unwrap().map;
    let kind_ext = |from: &str, to: &str, kind: RelationKind| {
        map.relations()
            .find(|r| r.from == from && r.to == to && r.kind == kind)
            .map(|r| r.meta.ext().and_then(|e| e.get("kind")).cloned())
    };
    assert_eq!(
        kind_ext("b", "a", RelationKind::Supports),
        Some(Some(serde_json::json!("entails")))
    );
    // `[C] - [A]` and `[A] - [C]` are one contrary pair.
    assert_eq!(
        kind_ext("c", "a", RelationKind::Contradicts),
        Some(Some(serde_json::json!("contrary")))
    );
    assert_eq!(relations(&map, RelationKind::Contradicts), 1);
    // An argument's support stays a support.
    assert_eq!(kind_ext("d", "a", RelationKind::Supports), Some(None));
    assert_eq!(relations(&map, RelationKind::Rebuts), 0);
}

#[test]
fn undercuts_of_inference_steps_and_statements() {
    let src = "<A>\n\n(1) p\n(2) q\n-- rule --\n    <_ [U]: only sometimes\n(3) r\n----\n(4) s\n    <_ [V]: not here\n\n[W]: w\n    <_ [X]: x\n";
    let loaded = argdown::from_str(src).unwrap();
    let map = &loaded.map;
    let undercut = |from: &str| {
        map.relations()
            .find(|r| r.kind == RelationKind::Undercuts && r.from == from)
            .map(|r| r.to.to_string())
    };
    // `<_` under the first inference line undercuts that step; under the main conclusion,
    // the step that concludes it.
    assert_eq!(undercut("u").as_deref(), Some("a-step-1"));
    assert_eq!(undercut("v").as_deref(), Some("a"));
    // [W] is concluded by no argument: nothing to undercut.
    assert_eq!(undercut("x"), None);
    assert!(loaded
        .warnings
        .iter()
        .any(|w| w.message.contains("no reconstructed argument concludes")));
    assert_eq!(map.conclusion("a-step-1").map(|c| c.as_str()), Some("r"));
}

#[test]
fn merged_and_dropped_relations() {
    let src = "<A>: a\n    +> [C]\n    -> [X]: x\n\n<A>\n\n(1) p\n----\n(2) [C]: c\n    -> [X]\n\n[Y]: y\n    + [Y]\n    + [Z]: z\n    + [Z]\n";
    let loaded = argdown::from_str(src).unwrap();
    let map = &loaded.map;
    // <A> +> [C] is A's conclusion link; <A> -> [X] is the same attack as its conclusion's.
    assert_eq!(relations(map, RelationKind::Supports), 1);
    assert_eq!(relations(map, RelationKind::Rebuts), 1);
    assert_eq!(relations(map, RelationKind::Conclusion), 1);
    assert!(loaded
        .warnings
        .iter()
        .any(|w| w.message.contains("relates to itself")));
}

#[test]
fn imported_maps_are_valid_map_files() {
    for name in [
        "sample.argdown",
        "argdown-primer.argdown",
        "intro.argdown",
        "parser-mix.argdown",
        "state-censorship.argdown",
        "veggie_debate.argdown",
    ] {
        let map = load(name);
        check_map_file(name, &map);
    }
    // An empty section, a speaker who is also a statement's title, a source.
    let src = "# Empty\n\n## Full\n\n[Ann]: a {actor: Ann, source: Hansard, url: \"https://example.org\"}\n";
    let map = argdown::from_str(src).unwrap().map;
    assert_eq!(map.groups().next().unwrap().members.len(), 0);
    assert_eq!(
        map.sources().next().unwrap().url.as_deref(),
        Some("https://example.org")
    );
    check_map_file("inline", &map);
}

/// The map saves as a map file that loads back to the same file.
fn check_map_file(name: &str, map: &Map) {
    let text = argumap::format::json::to_string(map);
    let again = argumap::format::json::from_str(&text)
        .unwrap_or_else(|e| panic!("{name}: {:#?}", e.diagnostics));
    assert_eq!(argumap::format::json::to_string(&again.map), text, "{name}");
}
