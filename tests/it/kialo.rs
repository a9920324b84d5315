//! The Kialo importer: the sample's documented counts, line-end variants, the newer layout,
//! escapes and links, located errors, deep trees and random input.

use argumap::format::{json, kialo};
use argumap::model::{Map, RelationKind};
use proptest::prelude::*;

use crate::support::root;

fn sample() -> String {
    std::fs::read_to_string(root("tests/data/kialo/sample-kialo.txt")).expect("the sample")
}

fn load(src: &str) -> json::Loaded {
    match kialo::from_str(src) {
        Ok(loaded) => loaded,
        Err(e) => panic!("{:#?}", e.diagnostics),
    }
}

/// `from -> to` for every relation of a kind, sorted.
fn pairs(map: &Map, kind: RelationKind) -> Vec<String> {
    let mut out: Vec<String> = map
        .relations()
        .filter(|r| r.kind == kind)
        .map(|r| format!("{} -> {}", r.from, r.to))
        .collect();
    out.sort();
    out
}

fn text<'m>(map: &'m Map, id: &str) -> &'m str {
    &map.claim(id)
        .unwrap_or_else(|| panic!("no claim {id}"))
        .text
}

/// The first error as `line:column: message (hint)`.
fn first_error(src: &str) -> String {
    let e = match kialo::from_str(src) {
        Ok(loaded) => panic!("loaded, with warnings {:#?}", loaded.warnings),
        Err(e) => e,
    };
    let d = e.errors().next().expect("an error");
    let at = d.location.expect("a location");
    format!(
        "{}:{}: {} ({})",
        at.line,
        at.column,
        d.message,
        d.hint.clone().unwrap_or_default()
    )
}

/// Every warning as `line:column: message`.
fn warnings(src: &str) -> Vec<String> {
    load(src)
        .warnings
        .iter()
        .map(|d| match d.location {
            Some(at) => format!("{}:{}: {}", at.line, at.column, d.message),
            None => d.message.clone(),
        })
        .collect()
}

#[test]
fn the_sample_imports_with_the_documented_counts() {
    let src = sample();
    assert!(kialo::sniff(&src));
    let loaded = load(&src);
    assert!(loaded.warnings.is_empty(), "{:#?}", loaded.warnings);
    let map = &loaded.map;
    assert_eq!(
        map.title,
        "Should the city ban private cars from its centre?"
    );
    // 11 numbered lines, one of them a link.
    assert_eq!(map.claims().count(), 10);
    assert_eq!(map.arguments().count(), 0);
    assert_eq!(map.actors().count(), 0);
    assert_eq!(
        pairs(map, RelationKind::Supports),
        [
            "k1-1 -> k1",
            "k1-1-1-1-1 -> k1-1-1-1",
            "k1-1-2 -> k1-1",
            "k1-2-1 -> k1-3",
            "k1-2-2 -> k1-2",
            "k1-3 -> k1",
        ]
    );
    assert_eq!(
        pairs(map, RelationKind::Rebuts),
        [
            "k1-1-1 -> k1-1",
            "k1-1-1-1 -> k1-1-1",
            "k1-2 -> k1",
            "k1-2-1 -> k1-2"
        ]
    );
    assert_eq!(map.relations().count(), 10);
    let roots: Vec<&str> = map.root_theses().iter().map(|c| c.id.as_str()).collect();
    assert_eq!(roots, ["k1"]);

    // The link reuses claim 1.2.1; no claim comes from the link line 1.3.1.
    assert!(map.claim("k1-3-1").is_none());
    let link = map
        .relations()
        .find(|r| r.from == "k1-2-1" && r.to == "k1-3")
        .expect("the link's relation");
    assert_eq!(link.meta.origin().map(|o| o.id.as_str()), Some("1.3.1."));
    let origins: Vec<&str> = map
        .claims()
        .filter_map(|c| c.meta.origin())
        .inspect(|o| assert_eq!(o.format, "kialo"))
        .map(|o| o.id.as_str())
        .collect();
    assert_eq!(origins.len(), 10);
    assert!(origins.contains(&"1.1.1.1.1."));

    assert!(text(map, "k1-1-1-1")
        .contains("inside the centre (away from the ring road) are the highest"));
    assert_eq!(
        text(map, "k1-1-1-1-1"),
        "The city's [air quality report](https://example.org/air-quality-2024) places its three worst monitoring stations inside the centre."
    );
    let sources: Vec<_> = map.sources().collect();
    assert_eq!(sources.len(), 1);
    assert_eq!(sources[0].title, "air quality report");
    assert_eq!(
        sources[0].url.as_deref(),
        Some("https://example.org/air-quality-2024")
    );
    assert_eq!(
        map.claim("k1-1-1-1-1").unwrap().source.as_ref(),
        Some(&sources[0].id)
    );
    // The raw text is kept for a Kialo export where unescaping changed it.
    let ext = map.claim("k1-1-1-1").unwrap().meta.ext().expect("ext");
    assert!(ext["kialo_text"]
        .as_str()
        .unwrap()
        .contains(r"\(away from the ring road\)"));
}

#[test]
fn line_ends_and_a_final_newline_change_nothing() {
    let src = sample();
    assert!(!src.ends_with('\n'), "the sample has no final newline");
    let lf = json::to_string(&load(&src).map);
    let crlf = src.replace('\n', "\r\n");
    assert_eq!(json::to_string(&load(&crlf).map), lf);
    assert_eq!(json::to_string(&load(&format!("{src}\n")).map), lf);
    assert_eq!(json::to_string(&load(&format!("{crlf}\r\n")).map), lf);
    assert_eq!(json::to_string(&load(&format!("\u{feff}{src}")).map), lf);
}

const CLASSIC: &str = "Discussion Title: Should homework be banned?

1. Schools should ban homework.
1.1. Pro: Pupils need free time [to play](https://example.org/play).
1.1.1. Con: -> See 1.2.
1.2. Con: Homework builds study habits.
1.2.1. Con: Habits form in class too.";

#[test]
fn the_newer_layout_gives_the_same_map() {
    let newer = "Discussion Title: Should homework be banned?

1. Thesis:
Schools should ban homework.
    1.1. Pro:
    Pupils need free time [to play](https://example.org/play).
        1.1.1. Con:
        -> See 1.2.
    1.2. Con:
    Homework builds study habits.
        1.2.1. Con:
        Habits form in class too.
";
    assert!(kialo::sniff(newer));
    let classic = load(CLASSIC);
    assert!(classic.warnings.is_empty(), "{:#?}", classic.warnings);
    let loaded = load(newer);
    assert!(loaded.warnings.is_empty(), "{:#?}", loaded.warnings);
    assert_eq!(json::to_string(&loaded.map), json::to_string(&classic.map));
    // A forward link: 1.1.1 names 1.2, which comes later.
    assert_eq!(
        pairs(&loaded.map, RelationKind::Rebuts),
        ["k1-2 -> k1", "k1-2 -> k1-1", "k1-2-1 -> k1-2"]
    );
}

#[test]
fn newer_layout_footnotes_become_sources() {
    let src = "Discussion Title: Q

1. Thesis:
Cities should plant more trees. [1]
    1.1. Pro:
    Trees cool streets by several degrees. [2]
    1.2. Con:
    Roots break pavements.
Sources:
[1] Urban forest plan https://example.org/forest
[2] https://example.org/cooling
";
    let map = load(src).map;
    assert_eq!(map.claims().count(), 3);
    assert_eq!(text(&map, "k1"), "Cities should plant more trees. [1]");
    let mut sources: Vec<(String, Option<String>)> = map
        .sources()
        .map(|s| (s.title.clone(), s.url.clone()))
        .collect();
    sources.sort();
    assert_eq!(
        sources,
        [
            (
                "Urban forest plan".to_owned(),
                Some("https://example.org/forest".to_owned())
            ),
            (
                "https://example.org/cooling".to_owned(),
                Some("https://example.org/cooling".to_owned())
            ),
        ]
    );
    let source_of = |id: &str| {
        let s = map.claim(id).unwrap().source.clone()?;
        map.source(&s).and_then(|s| s.url.clone())
    };
    assert_eq!(
        source_of("k1").as_deref(),
        Some("https://example.org/forest")
    );
    assert_eq!(
        source_of("k1-1").as_deref(),
        Some("https://example.org/cooling")
    );
    assert_eq!(source_of("k1-2"), None);
}

#[test]
fn escapes_are_undone_and_links_stay_readable() {
    let src = r"Discussion Title: Are \[square\] brackets \(and stars\) \*fine\*?

1. Escapes work.
1.1. Pro: A list \[1\] \(see below\) costs 5 \* 3 \\ 2 \_units\_.
1.2. Pro: The [\[draft\] report](https://example.org/report_(2024)) said so\).
1.3. Con: See [one](https://a.example/x) and [two](https://b.example/y) and [one again](https://a.example/x).
1.4. Con: A lone \ backslash, a bare [bracket and C:\path stay.";
    let map = load(src).map;
    assert_eq!(map.title, "Are [square] brackets (and stars) *fine*?");
    assert_eq!(
        text(&map, "k1-1"),
        r"A list [1] (see below) costs 5 * 3 \ 2 _units_."
    );
    assert_eq!(
        text(&map, "k1-2"),
        r"The [\[draft\] report](https://example.org/report_(2024)) said so)."
    );
    assert_eq!(
        text(&map, "k1-4"),
        r"A lone \ backslash, a bare [bracket and C:\path stay."
    );
    let mut sources: Vec<(String, String)> = map
        .sources()
        .map(|s| (s.title.clone(), s.url.clone().unwrap()))
        .collect();
    sources.sort();
    assert_eq!(
        sources,
        [
            (
                "[draft] report".into(),
                "https://example.org/report_(2024)".into()
            ),
            ("one".into(), "https://a.example/x".into()),
            ("two".into(), "https://b.example/y".into()),
        ]
    );
    // A claim citing several sources names the first.
    let first = map.claim("k1-3").unwrap().source.clone().unwrap();
    assert_eq!(
        map.source(&first).unwrap().url.as_deref(),
        Some("https://a.example/x")
    );
}

#[test]
fn claims_may_continue_over_several_lines() {
    let src = "Discussion Title: Q

1. The thesis
continues here.
1.1. Pro: A reason

with a second paragraph.

1.2. Con: An objection.";
    let map = load(src).map;
    assert_eq!(text(&map, "k1"), "The thesis\ncontinues here.");
    assert_eq!(text(&map, "k1-1"), "A reason\n\nwith a second paragraph.");
    assert_eq!(text(&map, "k1-2"), "An objection.");
}

#[test]
fn thesis_is_a_mark_only_in_the_newer_layout() {
    let map =
        load("Discussion Title: Q\n\n1. Thesis: cars should go.\n1.1. Pro: Thesis: a word").map;
    assert_eq!(text(&map, "k1"), "Thesis: cars should go.");
    assert_eq!(text(&map, "k1-1"), "Thesis: a word");
    assert_eq!(
        first_error("1. Thesis:\nT\n1.1. Thesis:\nU"),
        "3:1: the claim `1.1.` is marked `Thesis:`, but only a top-level number such as `1.` is a thesis (mark it `Pro:` or `Con:`, or give it a one-part number)"
    );
}

#[test]
fn several_theses_and_old_headers() {
    let src = "Discussion Name: Two questions

1. First thesis.
1.1. Pro: For the first.
2. Second thesis.
2.1. Con: Against the second.
2.2. Pro: -> See 1.1.";
    let map = load(src).map;
    assert_eq!(map.title, "Two questions");
    let mut roots: Vec<&str> = map.root_theses().iter().map(|c| c.id.as_str()).collect();
    roots.sort();
    assert_eq!(roots, ["k1", "k2"]);
    assert_eq!(
        pairs(&map, RelationKind::Supports),
        ["k1-1 -> k1", "k1-1 -> k2"]
    );
}

#[test]
fn oddities_are_warnings() {
    let src = "1. Thesis text
1.1. pro: Lower-case stance.
1.3. Con: After a gap.
  1.3.4. Pro: an indented number is more text
1.3.1. Pro: -> See 1.1.
1.3.2. Pro: -> See 1.1.
1.3.3. Con: -> See 1.3.";
    assert_eq!(
        warnings(src),
        [
            "1:1: the file has no `Discussion Title:` line, so the map has no title",
            "2:6: `pro:` in `1.1.` is read as `Pro:`",
            "3:1: the numbering skips before `1.3.`: `1.2.` is missing",
            "4:3: this indented line looks like a claim, but is read as more text of `1.3.`",
            "6:1: the link `1.3.2.` repeats a relation stated earlier; it is left out",
            "7:1: the link `1.3.3.` makes a claim attack itself; it is left out",
        ]
    );
}

#[test]
fn errors_name_line_column_and_fix() {
    assert_eq!(
        first_error("Discussion Title: Q\n\n1. T\n1.1. Pro: P\n1.2. Con: -> See 1.1.9."),
        "5:18: the link points to `1.1.9.`, but no claim has that number (did you mean `1.1.`? A link names the number of an existing claim)"
    );
    assert_eq!(
        first_error("Discussion Title: Q\n\n1. T\n1.1. Pro: P\n1.2.1. Con: C"),
        "5:1: the claim `1.2.1.` belongs under `1.2.`, but no claim has that number (add the claim `1.2.` before this line, or correct the number)"
    );
    assert_eq!(
        first_error("Discussion Title: Q\n\n1. T\n1.2. Pro: B\n1.1. Pro: A"),
        "5:1: the claim `1.1.` comes after `1.2.`; claims under `1.` are numbered 1, 2, 3, ... in order (renumber the claims in the order they stand in the file)"
    );
    assert_eq!(
        first_error("Discussion Title: Q\n\n1. T\n1.1. Pro: A\n1.2. Con: B\n1.1.1. Pro: C"),
        "6:1: the claim `1.1.1.` is out of order: it comes after `1.2.`, but its parent `1.1.` (line 4) ended before that (Kialo lists each claim right below its parent and siblings: move this line up to the other claims under `1.1.`, or correct the number)"
    );
    assert_eq!(
        first_error("Discussion Title: Q\n\n1. T\n1.1. Pro: A\n1.1. Con: B"),
        "5:1: the number `1.1.` is used twice; it was first used on line 4 (renumber one of the two claims; if this line continues the claim above, join it to that line)"
    );
    assert_eq!(
        first_error("Discussion Title: Q\n\n1. T\n1.1. A reason"),
        "4:1: the claim `1.1.` says neither `Pro:` nor `Con:` (write `1.1. Pro: ...` if it supports `1.`, or `1.1. Con: ...` if it attacks it)"
    );
    assert_eq!(
        first_error("Discussion Title: Q\nA second title line\n1. T"),
        "2:1: `A second title line` is neither a claim nor part of one: claims start with their number, such as `1.` or `1.2.` (start the claims with `1. <the thesis>`; only an empty line may stand between the title and the thesis)"
    );
    assert_eq!(
        first_error("Just some notes\n1. T"),
        "1:1: `Just some notes` is neither a claim nor part of one: claims start with their number, such as `1.` or `1.2.` (a Kialo export starts with `Discussion Title: <the question>`, an empty line and `1. <the thesis>`)"
    );
    assert_eq!(
        first_error("Discussion Title: Q\n\n1. T\n1.1. Pro:\n1.2. Con: C"),
        "4:1: the claim `1.1.` has no text (write the claim after `1.1. Pro:`)"
    );
    assert_eq!(
        first_error("Discussion Title: Q\n\n1. T\n1.1. Pro: -> See 1.\n1.1.1. Con: C"),
        "5:1: the claim `1.1.1.` stands under `1.1.`, which is a `-> See` link, not a claim (number it under the claim the link points to (`1.`), where its other sub-claims are)"
    );
    assert_eq!(
        first_error("Discussion Title: Q\n\n1. T\n2. -> See 1."),
        "4:1: the thesis `2.` is a `-> See` link, but a thesis must state a claim (write the thesis itself here, or number the link under the claim it answers)"
    );
    assert_eq!(
        first_error("Discussion Title: Q\n\n1. T\n1.1. Pro: -> See 1.2.\n1.2. Con: -> See 1.1."),
        "4:18: the link `1.1.` leads through links in a circle and never reaches a claim (point one of the links at a claim)"
    );
    assert_eq!(
        first_error("Discussion Title: Q\n\n1. T\n1.0. Pro: A"),
        "4:1: the number `1.0.` ends in 0, but Kialo counts claims from 1 (renumber the claim and its siblings 1, 2, 3, ...)"
    );
    assert_eq!(
        first_error("Discussion Title: Q\n\n1. T\n1.1. Pro: A\n1.99999999999. Con: B"),
        "5:1: `1.99999999999.` has a part too large to be a claim number (claim numbers count siblings from 1; check the number)"
    );
    assert_eq!(
        first_error(""),
        "1:1: the file is empty (a Kialo export starts with `Discussion Title: <the question>`, an empty line and `1. <the thesis>`)"
    );
    assert_eq!(
        first_error("Discussion Title: Q\n\n"),
        "3:1: the file holds no claims (after the title and an empty line, write the thesis as `1. <the thesis>`)"
    );
}

#[test]
fn columns_count_characters_not_bytes() {
    // Indented with U+00A0 and U+3000 (2 and 3 bytes): the number stands at character 3,
    // byte 6.
    let src = "Discussion Title: Q\n\n1. Thesis:\nT\n\u{a0}\u{a0}1.1. Pro:\n\u{a0}\u{a0}P\n\u{a0}\u{3000}1.2.1. Con:\n  C";
    assert_eq!(
        first_error(src),
        "7:3: the claim `1.2.1.` belongs under `1.2.`, but no claim has that number (add the claim `1.2.` before this line, or correct the number)"
    );
    // A non-breaking space before the link's target: character 19, byte 20.
    let src = "Discussion Title: Q\n\n1. Thé\n1.1. Pro: Über → café\n1.2. Con: ->  See\u{a0}1.3.";
    assert_eq!(
        first_error(src),
        "5:19: the link points to `1.3.`, but no claim has that number (did you mean `1.1.`? A link names the number of an existing claim)"
    );
    // `-> See` inside other text is text, not a link.
    let map = load("Discussion Title: Qé\n\n1. Thé\n1.1. Pro: Über → café [ok](x) -> See 1.").map;
    assert_eq!(text(&map, "k1-1"), "Über → café [ok](x) -> See 1.");
}

#[test]
fn all_errors_are_reported_together() {
    let src = "Discussion Title: Q\n\n1. T\n1.1. Pro: -> See 4.\n1.2. Con: -> See 5.\n1.3. x";
    let e = argumap::format::kialo::from_str(src).unwrap_err();
    let lines: Vec<usize> = e.errors().map(|d| d.location.unwrap().line).collect();
    assert_eq!(lines, [4, 5, 6]);
    assert_eq!(e.position().map(|p| p.line), Some(4));
}

#[test]
fn many_problems_are_counted_past_the_first_hundred() {
    // 150 gaps (warnings), then 150 claims without a stance (errors).
    let mut src = String::from("Discussion Title: Q\n\n1. T\n");
    for i in 1..=150 {
        src.push_str(&format!("1.{}. Pro: gap\n", 2 * i));
    }
    for i in 1..=150 {
        src.push_str(&format!("1.{}. no stance\n", 1000 + i));
    }
    let e = argumap::format::kialo::from_str(&src).unwrap_err();
    assert_eq!(e.diagnostics.len(), 101);
    assert!(e.diagnostics.iter().all(|d| d.is_error()));
    let last = e.diagnostics.last().unwrap();
    assert_eq!(last.message, "50 more error(s) not listed");
    assert_eq!(last.location, None);

    // Warnings alone still load, with the same cap.
    let ok: String = src.lines().take(153).map(|l| format!("{l}\n")).collect();
    let loaded = load(&ok);
    assert_eq!(loaded.map.claims().count(), 151);
    assert_eq!(loaded.warnings.len(), 101);
    assert_eq!(
        loaded.warnings.last().unwrap().message,
        "50 more warning(s) not listed"
    );
}

/// A chain `1.`, `1.1.`, `1.1.1.`, ... `depth` levels deep, each a `Con:` of the one above.
fn chain(depth: usize) -> String {
    let mut out = String::from("Discussion Title: Deep\n\n1. Root\n");
    let mut number = String::from("1.");
    for level in 1..depth {
        number.push_str("1.");
        out.push_str(&format!("{number} Con: Level {level}\n"));
    }
    out
}

#[test]
fn deep_trees_are_read_and_written_without_the_stack() {
    // Each line repeats its whole path, so the file grows with the square of the depth:
    // 3,000 levels make 9 MB. A small stack proves the reader does not recurse per level.
    let depth = 3_000;
    let src = chain(depth);
    let handle = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            let loaded = argumap::format::kialo::from_str(&src).map_err(|e| e.diagnostics)?;
            // Writing walks the tree without recursion too, and gives the file back.
            assert_eq!(argumap::format::kialo::to_string(&loaded.map), src);
            Ok::<_, Vec<argumap::diagnostic::Diagnostic>>((
                loaded.map.claims().count(),
                loaded.map.relations().count(),
                loaded
                    .map
                    .claims()
                    .filter(|c| c.id.starts_with("k-line-"))
                    .count(),
            ))
        })
        .unwrap();
    let (claims, relations, long_ids) = handle.join().expect("no overflow").expect("loads");
    assert_eq!(claims, depth);
    assert_eq!(relations, depth - 1);
    // Numbers longer than an id allows get ids from their line instead.
    assert_eq!(long_ids, depth - 100);
}

fn kialo_line() -> impl Strategy<Value = String> {
    let number = prop::collection::vec(0u32..4, 1..5)
        .prop_map(|parts| parts.iter().map(|p| format!("{p}.")).collect::<String>());
    let stance = prop::sample::select(vec!["Pro: ", "Con: ", "Thesis:", "", "pro: ", "  "]);
    let text = prop::sample::select(vec![
        "text",
        "-> See 1.1.",
        "-> See 1.",
        "-> See 9.9.",
        r"\(x\) [a](b) \[",
        "é → ü",
        "",
        "[1] note",
        "\\",
    ]);
    prop_oneof![
        (number, stance, text).prop_map(|(n, s, t)| format!("{n} {s}{t}")),
        ".*",
        Just("Discussion Title: T".to_owned()),
        Just("Sources:".to_owned()),
        Just(String::new()),
        Just("   2.1. Con:".to_owned()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_text_never_panics(src in ".*") {
        let _ = argumap::format::kialo::from_str(&src);
        let _ = argumap::format::kialo::sniff(&src);
    }

    #[test]
    fn random_kialo_lines_never_panic(
        lines in prop::collection::vec(kialo_line(), 0..30),
        crlf in any::<bool>(),
    ) {
        let src = lines.join(if crlf { "\r\n" } else { "\n" });
        match argumap::format::kialo::from_str(&src) {
            Ok(loaded) => {
                for claim in loaded.map.claims() {
                    prop_assert!(!claim.text.trim().is_empty());
                }
                for d in &loaded.warnings {
                    prop_assert!(!d.is_error());
                }
            }
            Err(e) => {
                prop_assert!(e.errors().next().is_some());
                for d in e.errors() {
                    prop_assert!(d.location.is_some() || d.span.is_none());
                }
            }
        }
    }
}

// ---- writing ------------------------------------------------------------------------------

#[test]
fn the_sample_is_written_back_as_it_was() {
    let src = sample();
    let map = load(&src).map;
    let written = kialo::to_string(&map);
    assert_eq!(written, format!("{src}\n"));
    let mut out = Vec::new();
    kialo::to_writer(&map, &mut out).unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), written);
    assert!(kialo::lost(&map).is_empty(), "{:?}", kialo::lost(&map));
    // Read back, the written file gives the same map.
    assert_eq!(json::to_string(&load(&written).map), json::to_string(&map));
}

#[test]
fn a_claim_stays_where_kialo_had_it_when_a_link_comes_first() {
    // The link 1.1.1. comes before the claim it names, 1.2.1.: written back, the claim stays
    // in full at 1.2.1. and the link stays a (forward) link.
    let src = "Discussion Title: Q

1. T
1.1. Pro: A
1.1.1. Con: -> See 1.2.1.
1.2. Con: B
1.2.1. Pro: C
1.2.2. Con: -> See 1.1.
";
    let map = load(src).map;
    assert_eq!(kialo::to_string(&map), src);
    assert_eq!(
        pairs(&map, RelationKind::Rebuts),
        ["k1-1 -> k1-2", "k1-2 -> k1", "k1-2-1 -> k1-1"]
    );
}

#[test]
fn a_map_from_elsewhere_is_written_escaped_with_links_and_what_is_lost() {
    use argumap::model::{ActorKind, MapBuilder, Source};
    let mut report = Source::new(
        argumap::model::Id::new("report").unwrap(),
        "City (2024) report",
    );
    report.url = Some("https://example.org/report".into());
    let mut cited = argumap::model::Claim::new(
        argumap::model::Id::new("cited").unwrap(),
        "Air is worse [in winter]\nthan in summer",
    );
    cited.source = Some(report.id.clone());
    let map = MapBuilder::new("Ban cars (in the centre)?")
        .with_source(report)
        .claim("motion", "Pro: ban cars")
        .claim(
            "air",
            "Air quality matters (a lot) \\* see [the study](https://example.org/s)",
        )
        .with_claim(cited)
        .claim("shops", "-> See 1.")
        .claim("loop-a", "A")
        .claim("loop-b", "B")
        .claim("p1", "P1")
        .supports("air", "motion")
        .rebuts("shops", "motion")
        .supports("cited", "air")
        .supports("cited", "shops")
        .supports("loop-a", "loop-b")
        .supports("loop-b", "loop-a")
        .argument("arg", &["p1"], "motion")
        .undercuts("shops", "arg")
        .actor("mara", "Mara", ActorKind::Person)
        .asserts("mara", "motion")
        .build()
        .unwrap();
    let written = kialo::to_string(&map);
    assert_eq!(
        written,
        r"Discussion Title: Ban cars \(in the centre\)?

1. Pro\: ban cars
1.1. Pro: Air quality matters \(a lot\) \\* see [the study](https://example.org/s)
1.1.1. Pro: Air is worse \[in winter\] than in summer [City \(2024\) report](https://example.org/report)
1.2. Con: -\> See 1.
1.2.1. Pro: -> See 1.1.1.
"
    );
    assert_eq!(
        kialo::lost(&map),
        [
            "1 `premise` relation(s) have no Kialo form and are left out",
            "1 `conclusion` relation(s) have no Kialo form and are left out",
            "1 `undercuts` relation(s) have no Kialo form and are left out",
            "1 argument(s) have no Kialo form and are left out",
            "1 actor(s), with their stances have no Kialo form and are left out",
            "3 claim(s) stand below no root thesis (they answer each other in a circle, or are only premises of arguments) and are left out",
            "1 claim(s) span several lines and are joined into one",
        ]
    );
    let two = MapBuilder::new("")
        .claim("b", "B")
        .claim("a", "A")
        .build()
        .unwrap();
    assert_eq!(kialo::to_string(&two), "Discussion Title: \n\n1. B\n2. A\n");
    assert_eq!(
        kialo::lost(&two),
        ["the map has 2 root theses; they are written as theses 1. to 2., which Kialo itself may not import"]
    );

    let back = load(&written).map;
    assert_eq!(back.title, "Ban cars (in the centre)?");
    assert_eq!(text(&back, "k1"), "Pro: ban cars");
    assert_eq!(text(&back, "k1-2"), "-> See 1.");
    assert_eq!(
        text(&back, "k1-1"),
        r"Air quality matters (a lot) \* see [the study](https://example.org/s)"
    );
    assert_eq!(
        text(&back, "k1-1-1"),
        "Air is worse [in winter] than in summer [City \\(2024\\) report](https://example.org/report)"
    );
    assert_eq!(
        pairs(&back, RelationKind::Supports),
        ["k1-1 -> k1", "k1-1-1 -> k1-1", "k1-1-1 -> k1-2"]
    );
}

/// A random tree: claim `i > 0` answers a claim before it, and some answer a second one.
fn arb_tree() -> impl Strategy<Value = Map> {
    let text =
        prop::string::string_regex(r"[a-zé ()\[\]\\*>:\n-]{0,14}|Pro: x|-> See 1\.|\[a\]\(b\)")
            .unwrap();
    (
        prop::collection::vec((text, any::<u8>(), any::<bool>()), 1..25),
        prop::collection::vec((any::<u8>(), any::<u8>(), any::<bool>()), 0..8),
    )
        .prop_map(|(claims, extra)| {
            use argumap::model::MapBuilder;
            let mut b = MapBuilder::new("Random (tree)");
            let mut seen = std::collections::HashSet::new();
            for (i, (text, _, _)) in claims.iter().enumerate() {
                let text = if text.trim().is_empty() {
                    "x"
                } else {
                    text.as_str()
                };
                b = b.claim(&format!("c{i}"), text);
            }
            let mut relate = |b: MapBuilder, from: usize, to: usize, pro: bool| {
                if !seen.insert((from, to, pro)) {
                    return b;
                }
                let (f, t) = (format!("c{from}"), format!("c{to}"));
                if pro {
                    b.supports(&f, &t)
                } else {
                    b.rebuts(&f, &t)
                }
            };
            for (i, &(_, parent, pro)) in claims.iter().enumerate().skip(1) {
                b = relate(b, i, parent as usize % i, pro);
            }
            for (from, to, pro) in extra {
                let from = from as usize % claims.len();
                if from > 0 {
                    b = relate(b, from, to as usize % from, pro);
                }
            }
            b.build().unwrap()
        })
}

/// A text on one line, as the writer puts it.
fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_control())
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn writing_then_reading_keeps_texts_and_relations(map in arb_tree()) {
        let written = kialo::to_string(&map);
        let back = kialo::from_str(&written);
        prop_assert!(back.is_ok(), "{:#?}\n{}", back.err(), written);
        let back = back.unwrap().map;
        let mut want: Vec<String> = map.claims().map(|c| one_line(&c.text)).collect();
        let mut got: Vec<String> = back.claims().map(|c| c.text.clone()).collect();
        want.sort();
        got.sort();
        prop_assert_eq!(got, want, "{}", written);
        let count = |m: &Map, kind| m.relations().filter(|r| r.kind == kind).count();
        prop_assert_eq!(count(&back, RelationKind::Supports), count(&map, RelationKind::Supports));
        prop_assert_eq!(count(&back, RelationKind::Rebuts), count(&map, RelationKind::Rebuts));
        // Written again, the map read back gives the same file.
        prop_assert_eq!(kialo::to_string(&back), written);
    }
}
