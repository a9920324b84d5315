//! The DOT exporter against the real Graphviz: maps full of hostile text (quotes,
//! backslashes, injected DOT, NUL and other control characters, right-to-left scripts,
//! HTML-looking markup, a 20 KB label) go through `dot`, and what `dot` reads back must be
//! exactly the nodes, edges and labels we meant.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use argumap::export::dot::{self, ClusterBy, DotOptions, RankDir};
use argumap::model::{
    ActorKind, Argument, Claim, Group, Id, Map, MapBuilder, RelationKind, StanceKind,
};
use serde_json::Value;

/// The Graphviz `dot` program on `PATH`.
///
/// When it is missing, a test should skip: this prints a note and returns `None`. Under CI
/// (`CI=true`) a missing `dot` is a failure instead, so CI cannot pass by skipping.
pub fn graphviz() -> Option<PathBuf> {
    let name = format!("dot{}", std::env::consts::EXE_SUFFIX);
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(&name))
            .find(|path| path.is_file())
    });
    if found.is_none() {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!(
                "Graphviz `dot` is not on PATH and CI=true: install Graphviz (Debian: graphviz)"
            );
        }
        eprintln!("note: Graphviz `dot` is not on PATH; skipping (with CI=true this fails)");
    }
    found
}

/// Runs `dot -T<format>` on DOT text and returns what it prints. Fails the test when `dot`
/// fails or says anything on stderr (an error or a warning about our output).
pub fn run_dot(dot: &Path, input: &str, format: &str) -> String {
    let mut child = Command::new(dot)
        .arg(format!("-T{format}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start dot");
    let mut stdin = child.stdin.take().expect("dot's stdin");
    let input = input.to_owned();
    // Write from another thread: dot may fill its stdout pipe before it has read all input.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().expect("run dot");
    writer.join().expect("writer thread").expect("write to dot");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stderr.trim().is_empty(),
        "dot -T{format} failed ({}):\n{stderr}",
        output.status
    );
    String::from_utf8(output.stdout).expect("dot prints UTF-8")
}

/// What `dot -Tjson` read: nodes by name, edges as (tail, head), subgraphs by name.
pub(crate) struct ReadBack {
    pub(crate) nodes: BTreeMap<String, Value>,
    pub(crate) edges: Vec<(String, String, Value)>,
    subgraphs: BTreeMap<String, Value>,
    graph: Value,
}

pub(crate) fn read_back(dot: &Path, text: &str) -> ReadBack {
    let json: Value = serde_json::from_str(&run_dot(dot, text, "json")).expect("dot's JSON");
    let subgraph_count = json["_subgraph_cnt"].as_u64().unwrap_or(0) as usize;
    let objects = json["objects"].as_array().cloned().unwrap_or_default();
    // Subgraphs (clusters and rank groups) come first among the objects, then the nodes.
    let (subgraphs, nodes) = objects.split_at(subgraph_count.min(objects.len()));
    let name = |o: &Value| o["name"].as_str().expect("a name").to_owned();
    let by_gvid: BTreeMap<u64, String> = nodes
        .iter()
        .map(|n| (n["_gvid"].as_u64().expect("node _gvid"), name(n)))
        .collect();
    let edges = json["edges"]
        .as_array()
        .map(|edges| {
            edges
                .iter()
                .map(|e| {
                    let end = |k: &str| by_gvid[&e[k].as_u64().expect("edge end")].clone();
                    (end("tail"), end("head"), e.clone())
                })
                .collect()
        })
        .unwrap_or_default();
    ReadBack {
        nodes: nodes.iter().map(|n| (name(n), n.clone())).collect(),
        edges,
        subgraphs: subgraphs.iter().map(|s| (name(s), s.clone())).collect(),
        graph: json,
    }
}

/// An attribute as Graphviz stores it, with our escapes undone: `\\` is a backslash, `\n` a
/// line break and `&amp;` an ampersand (the lexer has already turned `\"` into `"`).
fn attr(object: &Value, key: &str) -> String {
    let raw = object[key]
        .as_str()
        .unwrap_or_else(|| panic!("no {key} in {object}"));
    let mut out = String::new();
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('\\') => out.push('\\'),
            Some('n') => out.push('\n'),
            other => panic!("unexpected escape \\{other:?} in {key}: {raw:.80}"),
        }
    }
    // Every `&` was written as `&amp;`, which Graphviz stores as it is.
    out.replace("&amp;", "&")
}

/// The lines of a label as Graphviz drew them (the text operations of `_ldraw_`).
fn drawn_lines(object: &Value) -> Vec<String> {
    object["_ldraw_"]
        .as_array()
        .map(|ops| {
            ops.iter()
                .filter(|op| op["op"] == "T")
                .map(|op| op["text"].as_str().expect("text").to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// Text as the exporter promises to pass it on: control characters dropped, tabs as spaces,
/// line breaks kept.
fn sanitized(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            '\n' => Some('\n'),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// The lines Graphviz draws for a label: it draws no empty lines.
fn expected_lines(text: &str) -> Vec<String> {
    sanitized(text)
        .split('\n')
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

const QUOTES: &str = r#"She said "no", then "yes" and "'maybe'""#;
const BACKSLASHES: &str = r#"C:\new\table \l \N \G \E \T \H \L \r \\ \" ends with \"#;
const NEWLINES: &str = "line one\nline two\r\nline three\rstill three\n\nafter a blank";
const INJECTION: &str = r#"x"]; evil -> y; a [label=""#;
const NUL: &str = "before\0after the NUL";
const CONTROL: &str = "bell\u{7} esc\u{1b}[31mred\u{7f} del\u{85} nel\ttab\u{9f}end";
const ARABIC: &str = "التشفير يحمي خصوصية المستخدمين";
const HEBREW: &str = "הצפנה מגינה על \"פרטיות\" המשתמשים";
const HTML: &str = "<b>bold</b> &amp; <i>not html</i> <br/>";
const HTML_WHOLE: &str = "<<TABLE><TR><TD>cell</TD></TR></TABLE>>";

/// About 20 KB in one label: escapes and multi-byte characters all the way through, so the
/// split into pieces lands on every kind of boundary.
fn big() -> String {
    "ab\"\\é€𝄞 \u{0}x".repeat(1400)
}

fn id(s: &str) -> Id {
    Id::new(s).expect("a valid id")
}

/// A map with hostile text in every field the diagram shows.
fn hostile() -> Map {
    let mut titled = Claim::new(id("c-titled"), format!("{QUOTES}\n{BACKSLASHES}"));
    titled.title = Some(HTML.to_owned());
    titled.source = Some(id("src"));
    let mut injected = Claim::new(id("c-injection"), INJECTION);
    injected.title = Some(format!("{INJECTION}\n{INJECTION}"));
    injected.source = Some(id("src"));
    let mut argument = Argument::new(id("arg"));
    argument.title = Some(BACKSLASHES.to_owned());
    argument.text = Some(NUL.to_owned());
    let mut outer = Group::new(id("g-outer"), format!("{NEWLINES} {QUOTES}"));
    outer.members = vec![id("c-quotes"), id("c-backslash"), id("c-injection")];
    let mut inner = Group::new(id("g-inner"), INJECTION);
    inner.members = vec![id("c-injection")];
    inner.parent = Some(id("g-outer"));
    MapBuilder::new(format!("{INJECTION}\n{BACKSLASHES}"))
        .source("src", &format!("{INJECTION} {ARABIC} {NUL}"))
        .actor("a-quotes", QUOTES, ActorKind::Person)
        .actor("a-backslash", BACKSLASHES, ActorKind::Organisation)
        .actor("a-hebrew", HEBREW, ActorKind::Government)
        .actor("a-alone", INJECTION, ActorKind::Other)
        .claim("c-quotes", QUOTES)
        .claim("c-backslash", BACKSLASHES)
        .claim("c-newlines", NEWLINES)
        .with_claim(injected)
        .claim("c-nul", NUL)
        .claim("c-control", CONTROL)
        .claim("c-arabic", ARABIC)
        .claim("c-hebrew", HEBREW)
        .claim("c-html", HTML_WHOLE)
        .claim("c-big", &big())
        .with_claim(titled)
        .with_argument(argument)
        .relation("c-quotes", RelationKind::Premise, "arg")
        .relation("c-nul", RelationKind::Premise, "arg")
        .relation("arg", RelationKind::Conclusion, "c-arabic")
        .supports("c-backslash", "c-arabic")
        .rebuts("c-injection", "c-arabic")
        .rebuts("c-big", "c-injection")
        .undercuts("c-html", "arg")
        .relation("c-hebrew", RelationKind::Contradicts, "c-arabic")
        .relation("c-newlines", RelationKind::Rephrases, "c-control")
        .supports("c-titled", "c-hebrew")
        .asserts("a-quotes", "c-quotes")
        .stance("a-backslash", StanceKind::Denies, "c-injection")
        .stance("a-hebrew", StanceKind::Questions, "arg")
        .member_of("a-quotes", "a-hebrew")
        .with_group(outer)
        .with_group(inner)
        .build()
        .expect("the hostile map is a valid map")
}

/// What each drawn node's label should say with wrapping off: a claim's title or text, an
/// argument's title, an actor's name. The actor with no links is not drawn.
fn expected_labels(map: &Map) -> BTreeMap<String, String> {
    let mut labels = BTreeMap::new();
    for claim in map.claims() {
        let shown = claim.title.clone().unwrap_or_else(|| claim.text.clone());
        labels.insert(claim.id.to_string(), shown);
    }
    for argument in map.arguments() {
        labels.insert(argument.id.to_string(), argument.title.clone().unwrap());
    }
    for actor in map.actors().filter(|a| a.id != "a-alone") {
        labels.insert(actor.id.to_string(), actor.name.clone());
    }
    labels
}

fn expected_edges(map: &Map) -> Vec<(String, String, &'static str)> {
    let mut edges: Vec<(String, String, &'static str)> = map
        .relations()
        .map(|r| (r.from.to_string(), r.to.to_string(), r.kind.as_str()))
        .collect();
    edges.extend(
        map.stances()
            .map(|s| (s.actor.to_string(), s.target.to_string(), s.kind.as_str())),
    );
    edges.push(("a-quotes".into(), "a-hebrew".into(), "member-of"));
    edges.sort();
    edges
}

fn unwrapped() -> DotOptions {
    DotOptions::default().wrap(0).max_lines(0).legend(false)
}

#[test]
fn hostile_text_gives_exactly_the_nodes_and_edges_of_the_map() {
    let Some(dot) = graphviz() else { return };
    let map = hostile();
    let back = read_back(&dot, &dot::to_string(&map, &unwrapped()));

    let labels = expected_labels(&map);
    let names: Vec<&String> = back.nodes.keys().collect();
    assert_eq!(names, labels.keys().collect::<Vec<_>>());

    let mut edges: Vec<(String, String, &str)> = back
        .edges
        .iter()
        .map(|(t, h, e)| (t.clone(), h.clone(), e["class"].as_str().unwrap_or("")))
        .map(|(t, h, c)| (t, h, c.split(' ').next().unwrap_or("")))
        .collect();
    edges.sort();
    assert_eq!(edges, expected_edges(&map));

    let mut subgraphs: Vec<&String> = back.subgraphs.keys().collect();
    subgraphs.sort();
    assert_eq!(subgraphs, ["cluster_g-inner", "cluster_g-outer"]);
}

#[test]
fn hostile_labels_read_back_as_the_text() {
    let Some(dot) = graphviz() else { return };
    let map = hostile();
    let back = read_back(&dot, &dot::to_string(&map, &unwrapped()));
    for (id, text) in expected_labels(&map) {
        let node = &back.nodes[&id];
        assert_eq!(attr(node, "label"), sanitized(&text), "label of {id}");
        assert_eq!(
            drawn_lines(node),
            expected_lines(&text),
            "drawn label of {id}"
        );
    }
    // A NUL is dropped, not the end of the label.
    assert_eq!(attr(&back.nodes["c-nul"], "label"), "beforeafter the NUL");
    assert_eq!(drawn_lines(&back.nodes["c-backslash"]), [BACKSLASHES]);
    // Tooltips hold the whole text and the source's title.
    let tooltip = attr(&back.nodes["c-injection"], "tooltip");
    let source = sanitized(&format!("{INJECTION} {ARABIC} {NUL}"));
    assert_eq!(tooltip, format!("{INJECTION}\nSource: {source}"));
    let tooltip = attr(&back.nodes["c-quotes"], "tooltip");
    assert_eq!(tooltip, sanitized(&format!("{QUOTES}\n— {QUOTES}")));
    assert_eq!(
        attr(&back.nodes["c-titled"], "tooltip"),
        format!("{QUOTES}\n{BACKSLASHES}\nSource: {source}")
    );
    // Group titles and the map's title.
    let outer = &back.subgraphs["cluster_g-outer"];
    assert_eq!(
        attr(outer, "label"),
        sanitized(&format!("{NEWLINES} {QUOTES}"))
    );
    assert_eq!(attr(&back.subgraphs["cluster_g-inner"], "label"), INJECTION);
    let title = format!("{INJECTION}\n{BACKSLASHES}");
    assert_eq!(attr(&back.graph, "label"), title);
    assert_eq!(attr(&back.graph, "name"), title);
}

#[test]
fn a_twenty_kilobyte_label_survives_whole() {
    let Some(dot) = graphviz() else { return };
    let map = hostile();
    let text = dot::to_string(&map, &unwrapped());
    assert!(text.contains("\" + \""), "the long label is split");
    let back = read_back(&dot, &text);
    let node = &back.nodes["c-big"];
    let expected = sanitized(&big());
    assert!(expected.len() > 20_000);
    assert_eq!(attr(node, "label"), expected);
    assert_eq!(drawn_lines(node), [expected.as_str()]);
    assert!(attr(node, "tooltip").starts_with(&expected));
}

#[test]
fn every_option_gives_dot_that_graphviz_accepts() {
    let Some(dot) = graphviz() else { return };
    let map = hostile();
    let model_nodes = expected_labels(&map);
    for actors in [true, false] {
        for legend in [true, false] {
            for clusters in ClusterBy::ALL {
                for rankdir in RankDir::ALL {
                    let options = DotOptions::default()
                        .actors(actors)
                        .legend(legend)
                        .clusters(clusters)
                        .rankdir(rankdir);
                    let text = dot::to_string(&map, &options);
                    let back = read_back(&dot, &text);
                    let context = format!("{options:?}");
                    let (legend_nodes, nodes): (Vec<&String>, Vec<&String>) =
                        back.nodes.keys().partition(|n| n.starts_with("legend:"));
                    let wanted: Vec<&String> = model_nodes
                        .keys()
                        .filter(|n| actors || !n.starts_with("a-"))
                        .collect();
                    assert_eq!(nodes, wanted, "{context}");
                    assert_eq!(legend, !legend_nodes.is_empty(), "{context}");
                    let drawn = back
                        .edges
                        .iter()
                        .filter(|(t, _, _)| !t.starts_with("legend:"))
                        .count();
                    let stances_and_links = map.stances().count() + 1;
                    let relations = map.relations().count();
                    let wanted_edges = relations + if actors { stances_and_links } else { 0 };
                    assert_eq!(drawn, wanted_edges, "{context}");
                    assert_eq!(
                        back.subgraphs.contains_key("cluster_g-outer"),
                        clusters == ClusterBy::Groups,
                        "{context}"
                    );
                    // Actor boxes are drawn only around what one actor alone asserts.
                    let actor_boxes = back
                        .subgraphs
                        .keys()
                        .filter(|k| k.starts_with("cluster_actor:"))
                        .count();
                    assert_eq!(actor_boxes > 0, clusters == ClusterBy::Actors, "{context}");
                    // Wrapped labels still carry every word; without actors, who asserted
                    // the claim is named on its last line.
                    let label = attr(&back.nodes["c-quotes"], "label");
                    let wanted = if actors {
                        QUOTES.to_owned()
                    } else {
                        format!("{QUOTES} — {QUOTES}")
                    };
                    assert_eq!(label.replace('\n', " "), wanted, "{context}");
                }
            }
        }
    }
}

#[test]
fn svg_and_canonical_dot_render() {
    let Some(dot) = graphviz() else { return };
    let text = dot::to_string(&hostile(), &DotOptions::default());
    let svg = run_dot(&dot, &text, "svg");
    assert!(svg.contains("<svg"));
    assert!(svg.contains("class=\"edge rebuts\""));
    let small = MapBuilder::new("Small")
        .claim("a", "A")
        .claim("b", "B")
        .supports("a", "b")
        .build()
        .expect("a map");
    let canon = run_dot(
        &dot,
        &dot::to_string(&small, &DotOptions::default()),
        "canon",
    );
    assert!(canon.contains("\"legend:supports\""));
}

/// A small random map from a seed: claims, arguments and actors joined by every kind of
/// relation, stance and actor link, in nested and overlapping groups.
fn random_map(seed: u64) -> (Map, DotOptions) {
    let mut state = seed.wrapping_mul(6_364_136_223_846_793_005) | 1;
    let mut next = |n: usize| {
        // xorshift64: deterministic, and enough to vary the shapes.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n.max(1) as u64) as usize
    };
    let (claims, arguments, actors, groups) = (3 + next(20), next(4), next(5), next(4));
    let mut map = Map::new(format!("random {seed}"));
    let nodes: Vec<Id> = (0..claims)
        .map(|i| id(&format!("c{i}")))
        .chain((0..arguments).map(|i| id(&format!("a{i}"))))
        .collect();
    for (i, node) in nodes.iter().enumerate() {
        if i < claims {
            let text = format!("claim {i} with a few words, some of them \"quoted\"");
            map.add_claim(Claim::new(node.clone(), text)).unwrap();
        } else {
            map.add_argument(Argument::new(node.clone())).unwrap();
        }
    }
    let people: Vec<Id> = (0..actors).map(|i| id(&format!("p{i}"))).collect();
    for person in &people {
        let actor = argumap::model::Actor::new(person.clone(), person.as_str(), ActorKind::Person);
        map.add_actor(actor).unwrap();
    }
    // Refused links (wrong kinds, duplicates, self-loops) are simply not added.
    for _ in 0..claims * 2 {
        let kind = RelationKind::ALL[next(RelationKind::ALL.len())];
        let (from, to) = (&nodes[next(nodes.len())], &nodes[next(nodes.len())]);
        let _ = map.add_relation(argumap::model::Relation::new(
            from.clone(),
            kind,
            to.clone(),
        ));
    }
    for _ in 0..actors * 3 {
        let kind = StanceKind::ALL[next(StanceKind::ALL.len())];
        let (actor, target) = (&people[next(actors)], &nodes[next(nodes.len())]);
        let _ = map.add_stance(argumap::model::Stance::new(
            actor.clone(),
            kind,
            target.clone(),
        ));
    }
    for _ in 0..actors {
        let link = if next(2) == 0 {
            argumap::model::ActorLinkKind::MemberOf
        } else {
            argumap::model::ActorLinkKind::SpeaksFor
        };
        if actors > 1 {
            let _ = map.add_actor_link(&people[next(actors)], link, &people[next(actors)]);
        }
    }
    for g in 0..groups {
        let mut group = Group::new(id(&format!("g{g}")), format!("group {g}"));
        group.members = (0..next(6))
            .map(|_| nodes[next(nodes.len())].clone())
            .collect();
        if g > 0 && next(2) == 0 {
            group.parent = Some(id(&format!("g{}", next(g))));
        }
        map.add_group(group).unwrap();
    }
    let options = DotOptions::default()
        .rankdir(RankDir::ALL[next(RankDir::ALL.len())])
        .actors(next(4) != 0)
        .legend(next(4) != 0);
    (map, options)
}

#[test]
fn graphviz_lays_out_random_maps_without_complaint() {
    let Some(dot) = graphviz() else { return };
    // dot 2.43 fails to route edges ("triangulation failed", "lost edge") or crashes on some
    // constructs with clusters (flat `minlen=0` edges, `constraint=false`); the exporter
    // avoids them, and this keeps it so.
    for seed in 1..=60 {
        let (map, options) = random_map(seed);
        let text = dot::to_string(&map, &options);
        let back = read_back(&dot, &text);
        let drawn = back
            .nodes
            .keys()
            .filter(|n| !n.starts_with("legend:"))
            .count();
        assert!(drawn >= map.claims().count(), "seed {seed}");
    }
}
