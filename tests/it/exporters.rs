//! The GraphML, Mermaid and Cytoscape.js exporters against their real consumers: networkx
//! reads the GraphML, mermaid-cli draws the Mermaid in Chromium, Cytoscape.js loads the JSON
//! headless. Each runs on every map in `maps/` and on a hostile map (markup, quotes,
//! Mermaid keywords and directives, entity codes, control and right-to-left characters,
//! ids like `end` and `a.b-c`), and what the consumer reads back must be the map: every
//! node, every edge, every text.
//!
//! The files the tests write are left in `target/tmp/exporters/` for a look.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use argumap::export::{cytoscape, graphml, mermaid};
use argumap::format::json;
use argumap::model::{
    Actor, ActorKind, ActorLinkKind, Argument, Claim, Element, Group, Id, Map, MapBuilder,
    MetaData, Relation, RelationKind, Stance, StanceKind,
};
use serde_json::Value;

use crate::support::{maps, mermaid_cli, node_package, python, python_networkx, root};

// ---- inputs -------------------------------------------------------------------------------

/// Claim texts that break exporters that trust their input, by id.
const HOSTILE: &[(&str, &str)] = &[
    ("end", "end"),
    ("a.b-c", "<script>alert(1)</script>"),
    ("cdata", "]]> <![CDATA[ x ]]>"),
    ("quotes", "\"quotes\" & 'apostrophes'"),
    ("comment", "%% comment"),
    ("entity", "#35; &amp; #quot; &#60; #9829;"),
    ("ticks", "`backticks` and ```fences```"),
    ("rtl", "\u{202E}txet desrever\u{202C} and \u{200F}marks"),
    ("lines", "first line\nsecond line\r\nthird\ttabbed\rcr"),
    (
        "controls",
        "nul\u{0} bell\u{7} esc\u{1b} del\u{7f} c1\u{85} nonchar\u{FFFE}\u{FFFF} done",
    ),
    ("direction", "turn direction TB now, direction LR"),
    ("katex", "costs $$x^2$$ or $5"),
    ("brackets", "[x] {y} (z) |w| ([a]) {{b}} ((c)) >d] [/e/] \\"),
    ("directive", "%%{init: {\"securityLevel\": \"loose\"}}%%"),
    ("icon", "fa:fa-car and lifestyle:fill#f00;"),
    (
        "html",
        "<img src=x onerror=alert(1)> <a href=\"javascript:alert(2)\">link</a>",
    ),
    (
        "keywords",
        "subgraph click n0 call alert() style n0 fill:#f00 classDef x",
    ),
    ("unicode", "日本語 العربية 👍🏽 e\u{301}"),
];

const HOSTILE_TITLE: &str =
    "<script>alert(\"title\")</script> & %%{init: {\"securityLevel\": \"loose\"}}%%";

fn id(s: &str) -> Id {
    Id::new(s).unwrap()
}

/// A map whose every text is an attack on some output format.
fn hostile() -> Map {
    let mut b = MapBuilder::new(HOSTILE_TITLE);
    for (claim, text) in HOSTILE {
        b = b.claim(claim, text);
    }
    let long = "a rather long claim that has to be wrapped ".repeat(15);
    let mut titled = Claim::new(id("titled"), long.trim());
    titled.title = Some("Short \"t\" <i>".into());
    titled.quote = Some("quoted </data> & ]]>".into());
    titled.meta = MetaData {
        tags: vec!["<tag>".into(), "a,b".into()],
        ..MetaData::default()
    }
    .into();
    let mut argument = Argument::new(id("subgraph"));
    argument.title = Some("direction RL".into());
    argument.text = Some("the argument's <own> text".into());
    let mut evil = Actor::new(
        id("style"),
        "<img src=x onerror=alert(1)>",
        ActorKind::Person,
    );
    evil.role = Some("Role & \"office\"".into());
    let mut rebuttal = Relation::new(id("a.b-c"), RelationKind::Rebuts, id("end"));
    rebuttal.quote = Some("\"they said\" <b>".into());
    rebuttal.by = vec![id("style"), id("class")];
    let mut denial = Stance::new(id("class"), StanceKind::Denies, id("quotes"));
    denial.quote = Some("no & never".into());
    denial.date = Some(argumap::model::Date::new("2019-10-04").unwrap());
    let mut group = Group::new(id("click"), "<b>Group</b> %%{init}%% end");
    group.members = vec![id("a.b-c"), id("quotes"), id("lines")];
    let mut inner = Group::new(id("g.inner"), "inner \"group\"");
    inner.members = vec![id("lines")];
    inner.parent = Some(id("click"));
    b.with_claim(titled)
        .with_argument(argument)
        .with_actor(evil)
        .actor("class", "Class \"A\" & B", ActorKind::Organisation)
        .actor("idle", "Nobody at all", ActorKind::Other)
        .supports("quotes", "end")
        .supports("titled", "end")
        .with_relation(rebuttal)
        .undercuts("cdata", "subgraph")
        .relation("comment", RelationKind::Premise, "subgraph")
        .relation("entity", RelationKind::Premise, "subgraph")
        .relation("subgraph", RelationKind::Conclusion, "end")
        .relation("ticks", RelationKind::Contradicts, "rtl")
        .relation("lines", RelationKind::Rephrases, "quotes")
        .supports("controls", "lines")
        .rebuts("direction", "quotes")
        .supports("katex", "direction")
        .supports("brackets", "katex")
        .supports("directive", "brackets")
        .supports("icon", "directive")
        .supports("html", "icon")
        .supports("keywords", "html")
        .supports("unicode", "keywords")
        .supports("rtl", "end")
        .asserts("style", "end")
        .stance("style", StanceKind::Endorses, "a.b-c")
        .with_stance(denial)
        .stance("class", StanceKind::Questions, "subgraph")
        .member_of("style", "class")
        .actor_link("class", ActorLinkKind::SpeaksFor, "style")
        .with_group(group)
        .with_group(inner)
        .build()
        .unwrap()
}

/// Every map in `maps/` and the hostile one, by name.
fn inputs() -> Vec<(String, Map)> {
    let mut out: Vec<(String, Map)> = maps()
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap();
            let map = json::from_str(&text)
                .unwrap_or_else(|e| panic!("{}: {:?}", path.display(), e.diagnostics))
                .map;
            (
                path.file_stem().unwrap().to_string_lossy().into_owned(),
                map,
            )
        })
        .collect();
    out.push(("hostile".into(), hostile()));
    out
}

/// Where the tests leave what they write.
fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("exporters");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs a consumer and returns what it printed; fails the test on a failure or on anything
/// it says on stderr.
fn run(command: &mut Command) -> String {
    let output = command.output().expect("start the consumer");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stderr.trim().is_empty(),
        "{command:?} failed ({}):\n{stderr}",
        output.status
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

// ---- what each consumer should read -------------------------------------------------------

/// Every edge of a map in the order the exporters write them: relations, stances, actor
/// links.
fn edges(map: &Map) -> Vec<(String, String, &'static str)> {
    let relations = map
        .relations()
        .map(|r| (r.from.to_string(), r.to.to_string(), r.kind.as_str()));
    let stances = map
        .stances()
        .map(|s| (s.actor.to_string(), s.target.to_string(), s.kind.as_str()));
    let links = map
        .actor_links()
        .into_iter()
        .map(|(a, k, b)| (a.to_string(), b.to_string(), k.as_str()));
    relations.chain(stances).chain(links).collect()
}

fn kind(element: &Element) -> &'static str {
    match element {
        Element::Claim(_) => "claim",
        Element::Argument(_) => "argument",
        Element::Actor(_) => "actor",
    }
}

fn non_blank(text: Option<&str>) -> Option<&str> {
    text.filter(|t| !t.trim().is_empty())
}

/// What a data format labels an element with: the short title, else the text, else the id;
/// an actor's name.
fn data_label(element: &Element) -> &str {
    match element {
        Element::Claim(c) => non_blank(c.title.as_deref()).unwrap_or(&c.text),
        Element::Argument(a) => non_blank(a.title.as_deref())
            .or(non_blank(a.text.as_deref()))
            .unwrap_or(&a.id),
        Element::Actor(a) => &a.name,
    }
}

/// The text as XML 1.0 can hold it: without the C0 controls other than tab, newline and
/// carriage return, and without U+FFFE and U+FFFF.
fn xml_text(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            !(c < ' ' && !matches!(c, '\t' | '\n' | '\r') || c == '\u{FFFE}' || c == '\u{FFFF}')
        })
        .collect()
}

/// The text a picture shows, compared without white space (wrapping moves it): control
/// characters and noncharacters dropped.
fn shown(text: &str) -> String {
    text.chars()
        .filter(|&c| !(c.is_whitespace() || c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}'))
        .collect()
}

// ---- GraphML, read by networkx --------------------------------------------------------------

#[test]
fn graphml_read_by_networkx_gives_back_every_node_edge_and_text() {
    let Some(python) = python_networkx() else {
        return;
    };
    for (name, map) in inputs() {
        let path = out_dir().join(format!("{name}.graphml"));
        std::fs::write(&path, graphml::to_string(&map)).unwrap();
        let read: Value = serde_json::from_str(&run(Command::new(&python)
            .arg(root("tests/consumers/graphml_check.py"))
            .arg(&path)))
        .unwrap();

        assert_eq!(read["directed"], true, "{name}");
        assert_eq!(read["graph"]["title"], xml_text(&map.title), "{name}");
        assert_eq!(read["node_count"], map.node_count(), "{name}");
        let nodes = read["nodes"].as_object().unwrap();
        for element in map.elements() {
            let id = element.id().as_str();
            let node = &nodes[id];
            assert_eq!(node["kind"], kind(element), "{name} {id}");
            assert_eq!(node["label"], xml_text(data_label(element)), "{name} {id}");
            let asserters: Vec<&str> = map.asserted_by(id).iter().map(|a| a.id.as_str()).collect();
            let tags = element.meta().tags().join(",");
            match element {
                Element::Claim(c) => {
                    assert_eq!(node["text"], xml_text(&c.text), "{name} {id}");
                    assert_eq!(node["title"], json_opt(c.title.as_deref()), "{name} {id}");
                    assert_eq!(node["quote"], json_opt(c.quote.as_deref()), "{name} {id}");
                    assert_eq!(node["source"], json_opt(c.source.as_deref()), "{name} {id}");
                }
                Element::Argument(a) => {
                    assert_eq!(node["text"], json_opt(a.text.as_deref()), "{name} {id}");
                    assert_eq!(node["title"], json_opt(a.title.as_deref()), "{name} {id}");
                }
                Element::Actor(a) => {
                    assert_eq!(node["actor_kind"], a.kind.as_str(), "{name} {id}");
                    assert_eq!(node["role"], json_opt(a.role.as_deref()), "{name} {id}");
                }
            }
            let joined = asserters.join(",");
            assert_eq!(
                node["actors"],
                json_opt(Some(&joined).filter(|j| !j.is_empty()).map(|s| s.as_str())),
                "{name} {id}"
            );
            assert_eq!(
                node["tags"],
                json_opt(Some(tags.as_str()).filter(|t| !t.is_empty())),
                "{name} {id}"
            );
        }

        let expected = edges(&map);
        assert_eq!(read["edge_count"], expected.len(), "{name}");
        let by_id: BTreeMap<&str, &Value> = read["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e[2].as_str().unwrap(), e))
            .collect();
        for (i, (from, to, kind)) in expected.iter().enumerate() {
            let edge = by_id[format!("e{i}").as_str()];
            assert_eq!(edge[0], from.as_str(), "{name} e{i}");
            assert_eq!(edge[1], to.as_str(), "{name} e{i}");
            assert_eq!(edge[3]["kind"], *kind, "{name} e{i}");
        }
    }
    // The hostile texts come back byte for byte, less what XML cannot hold.
    let read = std::fs::read_to_string(out_dir().join("hostile.graphml")).unwrap();
    assert!(read.contains("<data key=\"n_text\">&lt;script&gt;alert(1)&lt;/script&gt;</data>"));
    assert!(!read.contains('\u{0}') && !read.contains('\u{FFFE}'));
}

/// An optional text as networkx gives it back: a string, or nothing (`null` here).
fn json_opt(text: Option<&str>) -> Value {
    text.map_or(Value::Null, |t| Value::from(xml_text(t)))
}

// ---- Mermaid, drawn by mermaid-cli ----------------------------------------------------------

/// The elements the chart draws, in the order of their Mermaid ids `n0`, `n1`, ...: claims,
/// arguments, and actors with a stance or an actor link.
fn drawn(map: &Map) -> Vec<&Element> {
    let linked: Vec<String> = edges(map)
        .into_iter()
        .filter(|(_, _, kind)| !RelationKind::ALL.iter().any(|k| k.as_str() == *kind))
        .flat_map(|(a, b, _)| [a, b])
        .collect();
    map.elements()
        .filter(|e| !matches!(e, Element::Actor(_)) || linked.iter().any(|l| l == e.id().as_str()))
        .collect()
}

/// What the chart shows on a node: the short title, else the text; "argument" for an
/// argument with neither; an actor's name.
fn picture_label(element: &Element) -> &str {
    match element {
        Element::Argument(a) if data_label(element) == a.id.as_str() => "argument",
        _ => data_label(element),
    }
}

/// The label Mermaid puts on each kind of edge ("" for none).
fn edge_label(kind: &str) -> &str {
    match kind {
        "premise" | "conclusion" | "asserts" => "",
        "member_of" => "member of",
        "speaks_for" => "speaks for",
        other => other,
    }
}

#[test]
fn mermaid_drawn_by_mermaid_cli_shows_every_node_as_text_and_runs_nothing() {
    let (Some((mmdc, config)), Some(python)) = (mermaid_cli(), python()) else {
        return;
    };
    let inputs = inputs();
    // One Markdown file with every chart: mmdc starts the browser once and draws each block
    // into its own SVG (`charts-1.svg`, ...).
    let dir = out_dir();
    let mut markdown = String::new();
    for (name, map) in &inputs {
        let chart = mermaid::to_string(map);
        std::fs::write(dir.join(format!("{name}.mmd")), &chart).unwrap();
        markdown.push_str(&format!("# {name}\n\n```mermaid\n{chart}```\n\n"));
    }
    let source = dir.join("charts.md");
    std::fs::write(&source, markdown).unwrap();
    for old in std::fs::read_dir(&dir).unwrap() {
        let old = old.unwrap().path();
        if old.extension().is_some_and(|e| e == "svg") {
            std::fs::remove_file(old).unwrap();
        }
    }
    let output = Command::new(&mmdc)
        .arg("-p")
        .arg(&config)
        .arg("-i")
        .arg(&source)
        .arg("-o")
        .arg(dir.join("charts-out.md"))
        .arg("-q")
        .output()
        .expect("start mmdc");
    assert!(
        output.status.success(),
        "mmdc failed ({}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );

    for (i, (name, map)) in inputs.iter().enumerate() {
        let svg_path = dir.join(format!("charts-out-{}.svg", i + 1));
        let svg = std::fs::read_to_string(&svg_path)
            .unwrap_or_else(|_| panic!("mmdc drew no {}", svg_path.display()));
        assert!(
            !svg.contains("Syntax error"),
            "{name}: Mermaid could not read the chart"
        );
        let read: Value = serde_json::from_str(&run(Command::new(&python)
            .arg(root("tests/consumers/svg_text.py"))
            .arg(&svg_path)))
        .unwrap();

        // Nothing that runs: no script element, no event handler, no link out.
        assert_eq!(read["scripts"], 0, "{name}");
        assert_eq!(read["handlers"], Value::Array(vec![]), "{name}");
        assert_eq!(read["links"], Value::Array(vec![]), "{name}");

        // Every drawn element is a node showing its text.
        let drawn = drawn(map);
        let nodes = read["nodes"].as_object().unwrap();
        assert_eq!(nodes.len(), drawn.len(), "{name}: {:?}", nodes.keys());
        for (n, element) in drawn.iter().enumerate() {
            let text = nodes
                .get(&format!("n{n}"))
                .and_then(Value::as_str)
                .unwrap_or_else(|| panic!("{name}: no node n{n} for {}", element.id()));
            // Mermaid draws `fa:fa-car` as a Font Awesome icon whatever the escaping (its
            // sanitizer decodes the label before it looks for icons): a known limit,
            // harmless, as the icon is an empty `<i class="fa fa-car">`.
            let expected = shown(&picture_label(element).replace("fa:fa-car", ""));
            let seen = shown(text);
            // A long label is cut, ending in "…".
            match seen.strip_suffix('…') {
                Some(start) => assert!(expected.starts_with(start), "{name} n{n}: {text:?}"),
                None => assert_eq!(seen, expected, "{name} n{n} ({})", element.id()),
            }
        }

        // Every labelled edge, and the groups and title.
        let mut labels: Vec<String> = read["edge_labels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap().trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect();
        let mut expected: Vec<String> = edges(map)
            .iter()
            .map(|(_, _, kind)| edge_label(kind).to_owned())
            .filter(|l| !l.is_empty())
            .collect();
        labels.sort();
        expected.sort();
        assert_eq!(labels, expected, "{name}");
        let clusters: Vec<String> = read["clusters"]
            .as_object()
            .unwrap()
            .values()
            .map(|t| shown(t.as_str().unwrap()))
            .collect();
        for group in map.groups().filter(|g| !g.members.is_empty()) {
            assert!(
                clusters.contains(&shown(&group.title)),
                "{name}: {}",
                group.title
            );
        }
        // Mermaid would garble a title with `&`, `<` or `>` (it escapes titles twice), so
        // such a title is left out.
        let title: Vec<&str> = Some(map.title.as_str())
            .filter(|t| !t.contains(['&', '<', '>']))
            .into_iter()
            .collect();
        assert_eq!(read["titles"], serde_json::json!(title), "{name}");
    }

    // The hostile texts are text: the script is shown, not run.
    let svg =
        std::fs::read_to_string(dir.join(format!("charts-out-{}.svg", inputs.len()))).unwrap();
    assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!svg.contains("<script"));
}

// ---- Cytoscape.js, loaded headless ----------------------------------------------------------

#[test]
fn cytoscape_loaded_by_cytoscape_js_gives_back_every_node_edge_and_text() {
    let Some(_) = node_package("cytoscape") else {
        return;
    };
    for (name, map) in inputs() {
        let path = out_dir().join(format!("{name}.cyjs"));
        std::fs::write(&path, cytoscape::to_string(&map)).unwrap();
        let read: Value = serde_json::from_str(&run(Command::new("node")
            .arg(root("tests/consumers/cytoscape_check.js"))
            .arg(&path)))
        .unwrap();

        assert_eq!(read["name"], map.title.as_str(), "{name}");
        let nodes: BTreeMap<&str, &Value> = read["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| (n["id"].as_str().unwrap(), n))
            .collect();
        let groups = nodes.values().filter(|n| n["kind"] == "group").count();
        assert_eq!(read["node_count"], map.node_count() + groups, "{name}");
        for element in map.elements() {
            let id = element.id().as_str();
            let node = nodes[id];
            assert_eq!(node["kind"], kind(element), "{name} {id}");
            assert_eq!(node["label"], data_label(element), "{name} {id}");
            if let Element::Claim(c) = element {
                assert_eq!(node["text"], c.text.as_str(), "{name} {id}");
            }
        }
        for group in map.groups().filter(|g| !g.members.is_empty()) {
            let node = nodes[group.id.as_str()];
            assert_eq!(node["label"], group.title.as_str(), "{name} {}", group.id);
            for member in &group.members {
                let parent = nodes[member.as_str()]["parent"].as_str().unwrap();
                // The member sits in this group or in a subgroup of it.
                let mut at = Some(parent);
                while at.is_some_and(|g| g != group.id.as_str()) {
                    at = nodes[at.unwrap()]["parent"].as_str();
                }
                assert_eq!(at, Some(group.id.as_str()), "{name} {member}");
            }
        }

        let expected = edges(&map);
        assert_eq!(read["edge_count"], expected.len(), "{name}");
        for (i, ((from, to, kind), edge)) in expected
            .iter()
            .zip(read["edges"].as_array().unwrap())
            .enumerate()
        {
            assert_eq!(edge["id"], format!("e:{i}"), "{name}");
            assert_eq!(
                (
                    edge["source"].as_str(),
                    edge["target"].as_str(),
                    edge["kind"].as_str()
                ),
                (Some(from.as_str()), Some(to.as_str()), Some(*kind)),
                "{name} e:{i}"
            );
        }
    }
    let hostile = std::fs::read_to_string(out_dir().join("hostile.cyjs")).unwrap();
    assert!(!hostile.contains('<') && !hostile.contains('>'));
}

#[test]
fn hostile_map_reaches_every_kind_of_link() {
    let map = hostile();
    let kinds: Vec<&str> = edges(&map).into_iter().map(|(_, _, k)| k).collect();
    for kind in RelationKind::ALL
        .map(RelationKind::as_str)
        .into_iter()
        .chain(StanceKind::ALL.map(StanceKind::as_str))
        .chain(ActorLinkKind::ALL.map(ActorLinkKind::as_str))
    {
        assert!(kinds.contains(&kind), "{kind}");
    }
    // Actors who take no stance are written by the data formats, not drawn by Mermaid.
    assert_eq!(drawn(&map).len() + 1, map.node_count());
}
