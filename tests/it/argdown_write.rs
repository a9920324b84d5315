//! The Argdown writer against Argdown's own CLI (`@argdown/cli` 1.7.5 from `tests/js`):
//! every map in `maps/`, generated maps and a hostile map are written as Argdown, and
//! `argdown json` must accept each file and read back the map: every claim as a statement
//! titled by its id with its text, tags and actor data; every argument with its
//! premise-conclusion structure; every relation with its kind and ends; every group as a
//! section. The front matter is read with the YAML parser Argdown uses. Random texts and
//! tags made of Argdown's syntax characters must come back exactly.
//!
//! The files the tests write are left in `target/tmp/argdown/` for a look.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use argumap::format::{argdown, json};
use argumap::gen::{generate, GenOptions};
use argumap::model::{
    Actor, ActorKind, Argument, Claim, Group, Id, Map, MapBuilder, MetaData, Origin, Relation,
    RelationKind, Source, Stance, StanceKind,
};
use serde_json::Value;

use crate::support::{assert_golden, maps, node_package, root};

/// Claim texts that Argdown would read as syntax if they were not escaped, by id.
const HOSTILE: &[(&str, &str)] = &[
    (
        "brackets",
        "[x] [y]: z <a> <b>: c [label](http://e.org) @[x] @<a>",
    ),
    ("tags", "#12 #tag #(two words) C# and a#b"),
    (
        "html",
        "<b>bold</b> <img src=x onerror=alert(1)> <!-- hidden -->",
    ),
    ("data", "{a: 1} trailing {b: [2, {c: 3}]}"),
    ("comments", "a // line, /* block */ and http://e.org/x//y"),
    (
        "italics",
        "3*4 a_b *it* _it_ **bold** __bold__ snake_case_name",
    ),
    (
        "shortcodes",
        ":smile: .~. .^. .v. .<->. e.g. U.S.A. 16.8 a:b:c",
    ),
    ("frontmatter", "=== not front matter === and ==="),
    (
        "lines",
        "first line\n(2) second line\r\n+ third\n- fourth\n# fifth\n----\n[x]: y",
    ),
    (
        "quotes",
        "\"double\" 'single' `back` \\ and \\n and \\[ and \\",
    ),
    (
        "unicode",
        "日本語 العربية 👍🏽 e\u{301} \u{202E}rtl\u{202C} \u{2028}sep",
    ),
    ("spaces", "  leading, double  spaces,\ttab and trailing  "),
    ("relations", "+ > <+ -> <- >< _> <_ ----"),
    ("blank-edges", " \n\t x \t "),
    (
        "controls",
        "nul\u{0} bell\u{7} esc\u{1b} del\u{7f} c1\u{85} done",
    ),
];

fn id(s: &str) -> Id {
    Id::new(s).unwrap()
}

/// A map whose every text, tag, title and name is an attack on the Argdown syntax.
pub(crate) fn hostile() -> Map {
    let mut b = MapBuilder::new("Title \"quoted\" === {braces} # not a heading");
    b = b.with_source({
        let mut s = Source::new(id("src"), "A \"source\"} with {braces} and === signs");
        s.url = Some("https://e.org/a?b=c#d".into());
        s
    });
    for (claim, text) in HOSTILE {
        b = b.claim(claim, text);
    }
    let mut titled = Claim::new(id("Titled_Claim.v2"), "A claim with all the extras.");
    titled.title = Some("Short \"t\" <i> {x} #y".into());
    titled.quote = Some("quoted } with, {braces".into());
    titled.date = Some(argumap::model::Date::new("2019-10-04").unwrap());
    titled.source = Some(id("src"));
    titled.meta = MetaData {
        tags: vec![
            "plain".into(),
            "two words".into(),
            "ünïcode".into(),
            "has)paren".into(),
            " padded ".into(),
        ],
        note: Some("A note: with } braces {and} \"quotes\"\nand a second line.".into()),
        origin: Some(Origin {
            format: "aif".into(),
            id: "7 } {".into(),
        }),
        ext: serde_json::json!({
            "a": {"b": [1, 2.5, true, null, {"c": "}{ ===", "d": {}}]},
            "empty": {},
            "list": [],
        })
        .as_object()
        .cloned(),
        silent: Some("The source announces a statement and prints none of it.".into()),
    }
    .into();
    let mut argument = Argument::new(id("arg"));
    argument.text = Some("The argument's <own> text with [brackets] and #hash.".into());
    let mut bare = Argument::new(id("bare-arg"));
    bare.meta = MetaData {
        tags: vec!["sketch".into()],
        ..MetaData::default()
    }
    .into();
    let mut evil = Actor::new(id("1e5"), "\"Evil\" {actor} === #1", ActorKind::Person);
    evil.role = Some("Role & \"office\" }".into());
    let mut rebuttal = Relation::new(id("html"), RelationKind::Rebuts, id("brackets"));
    rebuttal.quote = Some("\"they said\" <b> }".into());
    rebuttal.by = vec![id("1e5"), id("true")];
    let mut denial = Stance::new(id("true"), StanceKind::Denies, id("quotes"));
    denial.quote = Some("no } never".into());
    denial.date = Some(argumap::model::Date::new("2019-10-04").unwrap());
    let mut group = Group::new(id("g1"), "<b>Group</b> #1 {x} // not a comment");
    group.members = vec![id("html"), id("quotes"), id("lines"), id("arg")];
    let mut inner = Group::new(id("g.inner"), "inner \"group\"\nwith a line break");
    inner.members = vec![id("lines"), id("spaces")];
    inner.parent = Some(id("g1"));
    let mut innermost = Group::new(id("g3"), "");
    innermost.members = vec![id("controls")];
    innermost.parent = Some(id("g.inner"));
    b.with_claim(titled)
        .with_argument(argument)
        .with_argument(bare)
        .with_actor(evil)
        .actor("true", "null", ActorKind::Organisation)
        .actor("idle", "Nobody at all", ActorKind::Other)
        .supports("quotes", "brackets")
        .supports("Titled_Claim.v2", "brackets")
        .with_relation(rebuttal)
        .undercuts("data", "arg")
        .undercuts("italics", "bare-arg")
        .relation("comments", RelationKind::Premise, "arg")
        .relation("tags", RelationKind::Premise, "arg")
        .relation("arg", RelationKind::Conclusion, "brackets")
        .relation("arg", RelationKind::Rebuts, "unicode")
        .supports("arg", "brackets")
        .relation("shortcodes", RelationKind::Premise, "bare-arg")
        .supports("bare-arg", "frontmatter")
        .relation("frontmatter", RelationKind::Contradicts, "relations")
        .relation("lines", RelationKind::Rephrases, "quotes")
        .supports("controls", "lines")
        .rebuts("spaces", "arg")
        .supports("unicode", "bare-arg")
        .asserts("1e5", "brackets")
        .asserts("true", "brackets")
        .stance("1e5", StanceKind::Endorses, "html")
        .with_stance(denial)
        .stance("true", StanceKind::Questions, "arg")
        .member_of("1e5", "true")
        .with_group(group)
        .with_group(inner)
        .with_group(innermost)
        .build()
        .unwrap()
}

/// Every map in `maps/`, two generated maps and the hostile one, by name.
fn inputs() -> Vec<(String, Map)> {
    let mut out: Vec<(String, Map)> = maps()
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap();
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            (name, json::from_str(&text).unwrap().map)
        })
        .collect();
    out.push(("gen-300".into(), generate(&GenOptions::new(300))));
    out.push((
        "gen-120-seed-7".into(),
        generate(&GenOptions::new(120).seed(7)),
    ));
    out.push(("hostile".into(), hostile()));
    out
}

fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("argdown");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Argdown's JSON export of a file, after checking that the CLI accepted it.
fn argdown_json(file: &Path) -> Value {
    let out = file.with_extension("out");
    let _ = std::fs::remove_dir_all(&out);
    let output = Command::new(root("tests/js/node_modules/.bin/argdown"))
        .arg("json")
        .arg(file)
        .arg(&out)
        .output()
        .expect("run argdown");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.status.success() && !said.to_lowercase().contains("error"),
        "argdown rejected {} ({}):\n{said}",
        file.display(),
        output.status
    );
    let name = file.file_stem().unwrap().to_string_lossy();
    let text = std::fs::read_to_string(out.join(format!("{name}.json"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The front matter read by js-yaml, the YAML parser Argdown itself uses.
fn front_matter(text: &str) -> Value {
    let body = text
        .strip_prefix("===\n")
        .and_then(|rest| rest.split_once("\n===\n"))
        .expect("front matter between === lines")
        .0;
    let script = "const core = require.resolve('@argdown/core');\
        const yaml = require(require.resolve('js-yaml', {paths: [core]}));\
        let s = ''; process.stdin.on('data', d => s += d);\
        process.stdin.on('end', () => console.log(JSON.stringify(yaml.load(s))));";
    let mut child = Command::new("node")
        .arg("-e")
        .arg(script)
        .current_dir(root("tests/js"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(body.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "js-yaml failed");
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Argdown's name for a relation kind, or `None` for what is not an Argdown relation.
fn argdown_kind(kind: RelationKind) -> Option<&'static str> {
    Some(match kind {
        RelationKind::Supports => "support",
        RelationKind::Rebuts => "attack",
        RelationKind::Undercuts => "undercut",
        RelationKind::Contradicts => "contradictory",
        _ => return None,
    })
}

/// The relations Argdown's JSON should list for a map, as (type, from, to). Argdown moves a
/// support or attack that starts at a reconstructed argument to the argument's conclusion,
/// and drops it when that is its target (the structure says it already).
fn expected_relations(map: &Map) -> Vec<(String, String, String)> {
    let reconstructed = |a: &str| {
        map.premises(a)
            .first()
            .and(map.conclusion(a))
            .map(|c| c.to_string())
    };
    let mut out = BTreeSet::new();
    for r in map.relations() {
        let Some(kind) = argdown_kind(r.kind) else {
            continue;
        };
        let from = match r.kind {
            RelationKind::Supports | RelationKind::Rebuts => {
                reconstructed(&r.from).unwrap_or_else(|| r.from.to_string())
            }
            _ => r.from.to_string(),
        };
        if from != r.to.as_str() {
            out.insert((kind.to_owned(), from, r.to.to_string()));
        }
    }
    out.into_iter().collect()
}

/// The text Argdown reads for an element: the text of its defining member (or, when it has
/// none, of the reference that carries its tags and data), without the inline tags, which
/// Argdown leaves in the text.
fn member_text(class: &Value, role: &str) -> String {
    let members: Vec<&Value> = class["members"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["role"] == role)
        .collect();
    let member = members
        .iter()
        .find(|m| m["isReference"] != true && m["text"].is_string())
        .or_else(|| {
            members
                .iter()
                .find(|m| m.get("data").is_some() || m.get("tags").is_some())
        });
    let Some(member) = member else {
        return String::new();
    };
    let mut text = member["text"].as_str().unwrap_or("").trim().to_owned();
    for tag in member["tags"].as_array().into_iter().flatten().rev() {
        let tag = tag.as_str().unwrap();
        for form in [format!("#{tag}"), format!("#({tag})")] {
            if let Some(rest) = text.strip_suffix(&form) {
                text = rest.trim_end().to_owned();
                break;
            }
        }
    }
    text
}

/// Text on one line as the writer documents it: control characters and white space (line
/// breaks, tabs, no-break spaces) become spaces, runs of spaces one, and the ends are
/// trimmed.
fn flattened(text: &str) -> String {
    let spaced: String = text
        .chars()
        .map(|c| {
            if c.is_control() || c.is_whitespace() {
                ' '
            } else {
                c
            }
        })
        .collect();
    spaced
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The actors taking each kind of stance on an element, as the data should name them.
fn stance_data(map: &Map, id: &str) -> BTreeMap<&'static str, Value> {
    let mut out = BTreeMap::new();
    for (kind, key) in [
        (StanceKind::Asserts, "actor"),
        (StanceKind::Endorses, "endorsed_by"),
        (StanceKind::Denies, "denied_by"),
        (StanceKind::Questions, "questioned_by"),
    ] {
        let actors: Vec<Value> = map
            .stances_on(id)
            .iter()
            .filter(|s| s.kind == kind)
            .map(|s| Value::from(s.actor.as_str()))
            .collect();
        match actors.len() {
            0 => {}
            1 => {
                out.insert(key, actors[0].clone());
            }
            _ => {
                out.insert(key, Value::Array(actors));
            }
        }
    }
    out
}

#[test]
fn argdown_accepts_every_file_and_reads_back_the_map() {
    let Some(_) = node_package("@argdown/cli") else {
        return;
    };
    for (name, map) in inputs() {
        let text = argdown::to_string(&map);
        assert_eq!(text, argdown::to_string(&map), "{name}: deterministic");
        let path = out_dir().join(format!("{name}.argdown"));
        std::fs::write(&path, &text).unwrap();
        let read = argdown_json(&path);

        // Claims and arguments, by title = id.
        let statements = read["statements"].as_object().unwrap();
        let arguments = read["arguments"].as_object().unwrap();
        let claim_ids: BTreeSet<&str> = map.claims().map(|c| c.id.as_str()).collect();
        let argument_ids: BTreeSet<&str> = map.arguments().map(|a| a.id.as_str()).collect();
        assert_eq!(
            statements
                .keys()
                .map(String::as_str)
                .collect::<BTreeSet<_>>(),
            claim_ids,
            "{name}: statements"
        );
        assert_eq!(
            arguments
                .keys()
                .map(String::as_str)
                .collect::<BTreeSet<_>>(),
            argument_ids,
            "{name}: arguments"
        );

        // Texts, tags and actor data survive: nothing was read as syntax.
        for c in map.claims() {
            let class = &statements[c.id.as_str()];
            let data = &class["data"];
            let written = member_text(class, "top-level-statement");
            match data["text"].as_str() {
                Some(exact) => {
                    assert_eq!(exact, c.text, "{name} {}: exact text in data", c.id);
                    assert_eq!(
                        written,
                        flattened(&c.text),
                        "{name} {}: one-line text",
                        c.id
                    );
                }
                None => assert_eq!(written, c.text, "{name} {}: text", c.id),
            }
            let inline: Vec<&str> = class["tags"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|t| t.as_str().unwrap())
                .collect();
            let in_data: Vec<&str> = data["tags"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|t| t.as_str().unwrap())
                .collect();
            let mut tags: Vec<&str> = inline.iter().chain(&in_data).copied().collect();
            tags.sort_unstable();
            let mut ours: Vec<&str> = c.meta.tags().iter().map(String::as_str).collect();
            ours.sort_unstable();
            assert_eq!(tags, ours, "{name} {}: tags", c.id);
            for (key, value) in stance_data(&map, &c.id) {
                assert_eq!(data[key], value, "{name} {}: {key}", c.id);
            }
            assert_eq!(
                data["title"].as_str(),
                c.title.as_deref(),
                "{name} {}",
                c.id
            );
            assert_eq!(
                data["quote"].as_str(),
                c.quote.as_deref(),
                "{name} {}",
                c.id
            );
            assert_eq!(data["note"].as_str(), c.meta.note(), "{name} {}", c.id);
            let ext = c.meta.ext().map(|e| Value::Object(e.clone()));
            assert_eq!(data.get("ext"), ext.as_ref(), "{name} {}: ext", c.id);
            let origin = c.meta.origin().map(|o| (o.format.as_str(), o.id.as_str()));
            let read = data["origin"]["format"]
                .as_str()
                .zip(data["origin"]["id"].as_str());
            assert_eq!(read, origin, "{name} {}: origin", c.id);
        }
        for a in map.arguments() {
            let class = &arguments[a.id.as_str()];
            let data = &class["data"];
            for (key, value) in stance_data(&map, &a.id) {
                assert_eq!(data[key], value, "{name} {}: {key}", a.id);
            }
            if data["text"].is_null() {
                let text = member_text(class, "argument-description");
                assert_eq!(text, a.text.as_deref().unwrap_or(""), "{name} {}", a.id);
            }
            let premises = map.premises(&a.id);
            let pcs: Vec<(&str, &str)> = class["pcs"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|s| (s["role"].as_str().unwrap(), s["title"].as_str().unwrap()))
                .collect();
            match map.conclusion(&a.id).filter(|_| !premises.is_empty()) {
                Some(conclusion) => {
                    let mut expected: Vec<(&str, &str)> =
                        premises.iter().map(|p| ("premise", p.as_str())).collect();
                    expected.push(("main-conclusion", conclusion.as_str()));
                    assert_eq!(pcs, expected, "{name} {}: structure", a.id);
                }
                None => assert!(pcs.is_empty(), "{name} {}: no structure", a.id),
            }
        }

        // Relations, by kind and ends.
        let mut relations: Vec<(String, String, String)> = read["relations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let s = |k: &str| r[k].as_str().unwrap().to_owned();
                (s("relationType"), s("from"), s("to"))
            })
            .collect();
        relations.sort();
        assert_eq!(relations, expected_relations(&map), "{name}: relations");

        // Groups as sections: titles, nesting and the element each holds.
        let mut sections = Vec::new();
        let mut stack: Vec<&Value> = read["sections"].as_array().unwrap().iter().rev().collect();
        while let Some(s) = stack.pop() {
            sections.push(s);
            stack.extend(s["children"].as_array().unwrap().iter().rev());
        }
        assert_eq!(sections.len(), map.groups().count(), "{name}: sections");
        let mut group_of_section = BTreeMap::new();
        for s in &sections {
            let group = map.group(s["data"]["id"].as_str().unwrap()).unwrap();
            let title = match s["data"]["title"].as_str() {
                Some(exact) => {
                    assert_eq!(exact, group.title, "{name}: exact section title");
                    let flat = flattened(&group.title);
                    if flat.is_empty() {
                        group.id.to_string()
                    } else {
                        flat
                    }
                }
                None => group.title.clone(),
            };
            assert_eq!(s["title"], title.as_str(), "{name}: section title");
            let parent = s["parent"].as_str().map(|p| group_of_section[p]);
            assert_eq!(parent, group.parent.as_ref(), "{name}: section parent");
            group_of_section.insert(s["id"].as_str().unwrap(), &group.id);
        }
        for g in map.groups() {
            for m in &g.members {
                let first_home = map.groups().find(|h| h.members.contains(m)).map(|h| &h.id);
                if first_home != Some(&g.id) {
                    continue;
                }
                let element = statements.get(m.as_str()).or(arguments.get(m.as_str()));
                let section = element.unwrap()["section"].as_str();
                assert_eq!(
                    section.map(|s| group_of_section[s]),
                    Some(&g.id),
                    "{name} {m}: section"
                );
            }
        }

        // The front matter: title and every actor and source, with their ids.
        let fm = front_matter(&text);
        assert_eq!(fm["title"], map.title.as_str(), "{name}");
        assert_eq!(fm["model"]["mode"], "loose", "{name}");
        let actors = fm["actors"].as_array().map_or(&[][..], Vec::as_slice);
        assert_eq!(actors.len(), map.actors().count(), "{name}: actors");
        for (read, actor) in actors.iter().zip(map.actors()) {
            assert_eq!(read["id"], actor.id.as_str(), "{name}");
            assert_eq!(read["name"], actor.name.as_str(), "{name}");
            assert_eq!(read["kind"], actor.kind.as_str(), "{name}");
            assert_eq!(read["role"].as_str(), actor.role.as_deref(), "{name}");
        }
        let sources = fm["sources"].as_array().map_or(&[][..], Vec::as_slice);
        assert_eq!(sources.len(), map.sources().count(), "{name}: sources");
        for (read, source) in sources.iter().zip(map.sources()) {
            assert_eq!(read["id"], source.id.as_str(), "{name}");
            assert_eq!(read["title"], source.title.as_str(), "{name}");
            assert_eq!(read["url"].as_str(), source.url.as_deref(), "{name}");
        }
    }
}

#[test]
fn argdown_counts_equal_the_maps_claims_arguments_and_relations() {
    let Some(_) = node_package("@argdown/cli") else {
        return;
    };
    // The maps in `maps/` and the generated ones have no relation that Argdown would fold
    // into a premise-conclusion structure, so every count must match one to one.
    for (name, map) in inputs().into_iter().filter(|(n, _)| n != "hostile") {
        let path = out_dir().join(format!("{name}-counts.argdown"));
        std::fs::write(&path, argdown::to_string(&map)).unwrap();
        let read = argdown_json(&path);
        assert_eq!(
            read["statements"].as_object().unwrap().len(),
            map.claims().count(),
            "{name}: statements"
        );
        assert_eq!(
            read["arguments"].as_object().unwrap().len(),
            map.arguments().count(),
            "{name}: arguments"
        );
        let mut theirs: BTreeMap<String, usize> = BTreeMap::new();
        for r in read["relations"].as_array().unwrap() {
            *theirs
                .entry(r["relationType"].as_str().unwrap().to_owned())
                .or_default() += 1;
        }
        let mut ours: BTreeMap<String, usize> = BTreeMap::new();
        for r in map.relations() {
            if let Some(kind) = argdown_kind(r.kind) {
                *ours.entry(kind.to_owned()).or_default() += 1;
            }
        }
        assert_eq!(theirs, ours, "{name}: relations by type");
        assert!(
            ours.values().sum::<usize>() > 0,
            "{name}: a map with relations"
        );
    }
}

/// Texts drawn at random from Argdown's syntax characters, with letters, spaces and line
/// breaks between them: a seeded generator, so a failure can be reproduced.
fn random_texts(count: usize, seed: u64) -> Vec<String> {
    const ALPHABET: &[char] = &[
        '\\', '[', ']', '<', '>', '{', '}', '#', '*', '_', '/', '.', ':', '=', '-', '+', '(', ')',
        '@', ',', ';', '!', '?', '~', '^', '&', '%', '"', '\'', '`', '|', '1', 'a', 'b', 'x', ' ',
        ' ', ' ', '\n', '\t', 'é', '日', '👍',
    ];
    let mut state = seed;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize
    };
    (0..count)
        .map(|_| {
            let len = 1 + next() % 24;
            let text: String = (0..len)
                .map(|_| ALPHABET[next() % ALPHABET.len()])
                .collect();
            // A claim's text is never blank.
            format!("{text}z")
        })
        .collect()
}

#[test]
fn random_syntax_heavy_texts_and_tags_read_back_exactly() {
    let Some(_) = node_package("@argdown/cli") else {
        return;
    };
    let texts = random_texts(400, 2026);
    let tags = random_texts(400, 7);
    let mut map = Map::new("Random texts");
    for (i, (text, tag)) in texts.iter().zip(&tags).enumerate() {
        let mut claim = Claim::new(id(&format!("c{i}")), text.as_str());
        claim.meta.data_mut().tags.push(tag.clone());
        map.add_claim(claim).unwrap();
    }
    let path = out_dir().join("random.argdown");
    std::fs::write(&path, argdown::to_string(&map)).unwrap();
    let read = argdown_json(&path);
    let statements = read["statements"].as_object().unwrap();
    assert_eq!(statements.len(), texts.len());
    for (i, (text, tag)) in texts.iter().zip(&tags).enumerate() {
        let class = &statements[&format!("c{i}")];
        let data = &class["data"];
        let written = member_text(class, "top-level-statement");
        assert_eq!(written, flattened(text), "c{i}: {text:?}");
        assert_eq!(
            data["text"].as_str().unwrap_or(&written),
            text.as_str(),
            "c{i}"
        );
        let read_tags: Vec<&Value> = class["tags"]
            .as_array()
            .into_iter()
            .flatten()
            .chain(data["tags"].as_array().into_iter().flatten())
            .collect();
        assert_eq!(read_tags, [&Value::from(tag.as_str())], "c{i}: {tag:?}");
    }
}

#[test]
fn encryption_debate_argdown_matches_its_golden_file() {
    let text = std::fs::read_to_string(root("maps/encryption-debate.json")).unwrap();
    let map = json::from_str(&text).unwrap().map;
    assert_golden(
        "tests/golden/encryption-debate.argdown",
        &argdown::to_string(&map),
    );
}
