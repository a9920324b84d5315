//! The HTML page in a real browser: every map in `maps/` and a map of hostile text, drawn by
//! Graphviz, put in a page, and driven in headless Chromium by `tests/browser/page_test.js`
//! (Playwright). The script reports what the page did; this test judges it: no error, no
//! request, no dialog; clicking, searching, filtering, panning and zooming do what a reader
//! expects; hostile text shows as text and runs nothing. The pages and screenshots land in
//! `target/tmp/browser/` for a person to look at.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use argumap::format::json;
use argumap::model::{
    ActorKind, Claim, Element, Id, Map, MapBuilder, Meta, MetaData, Source, Stance, StanceKind,
};
use argumap::render::{render, Engine, Output, RenderOptions};
use serde_json::{json, Value};

use crate::support;

/// The programs the test needs: Graphviz, Node, Chromium and Playwright. Each missing one
/// skips the test on a developer's machine and fails it under `CI=true`.
struct Programs {
    node: PathBuf,
    chromium: PathBuf,
}

fn programs() -> Option<Programs> {
    support::tool("dot", "-V")?;
    let node = support::tool("node", "--version")?;
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let chromium = support::tool(&chromium, "--version")?;
    let playwright = support::root("tests/js/node_modules/playwright-core/package.json");
    if !support::needs(
        "playwright-core in tests/js (npm ci --prefix tests/js)",
        playwright.is_file(),
    ) {
        return None;
    }
    Some(Programs { node, chromium })
}

fn id(text: &str) -> Id {
    Id::new(text).unwrap()
}

/// Text that would run, or break the page, if the page ever treated it as markup.
const SCRIPT_TAG: &str = "<script>alert(1)</script>";
const CLOSE_SCRIPT: &str = "</script><script>alert(2)</script>";
const QUOTES: &str = "\"quotes\" & 'apostrophes'";
const RTL: &str = "\u{202E}gnp.exe reversed\u{2028}and a line separator";
const IMG: &str = "<img src=x onerror=alert(5)>";
const STANCE_QUOTE: &str = "</script><!-- a stance's quote -->";
const TAG: &str = "<svg onload=alert(6)>";
const TITLE: &str = "</title><script>alert(7)</script> Hostile & map";
const SOURCE_TITLE: &str = "<iframe src=javascript:alert(4)></iframe>";
const AUTHOR: &str = "</style><b onclick=alert(8)>author</b>";

/// A map made of hostile text, with ids that are awkward in CSS (`a.b-c`) and in
/// JavaScript objects (`constructor`, `toString`).
fn hostile_map() -> Map {
    let mut source = Source::new(id("src"), SOURCE_TITLE);
    source.url = Some("javascript:alert(3)".into());
    source.author = Some(AUTHOR.into());
    source.date = Some(argumap::model::Date::new("2024-01-02").unwrap());

    let mut first = Claim::new(id("a.b-c"), SCRIPT_TAG);
    first.source = Some(id("src"));
    first.quote = Some(format!("]]> <!-- {QUOTES}"));
    first.meta = Meta::new(MetaData {
        tags: vec![TAG.into()],
        note: Some("--> <![CDATA[ note ]]>".into()),
        ..MetaData::default()
    });
    let mut second = Claim::new(id("constructor"), CLOSE_SCRIPT);
    second.title = Some("<b>bold?</b>".into());
    second.meta = Meta::new(MetaData {
        tags: vec![TAG.into(), "plain".into()],
        ..MetaData::default()
    });
    let third = Claim::new(id("toString"), RTL);
    let mut stance = Stance::new(id("mallory"), StanceKind::Denies, id("a.b-c"));
    stance.quote = Some(STANCE_QUOTE.into());
    stance.source = Some(id("src"));
    stance.date = Some(argumap::model::Date::new("2024-01-03").unwrap());

    let mut map = MapBuilder::new(TITLE)
        .with_source(source)
        .actor("mallory", IMG, ActorKind::Person)
        .with_claim(first)
        .with_claim(second)
        .with_claim(third)
        .claim("x1", "]]>")
        .claim("x2", "<!--")
        .claim("x3", QUOTES)
        .supports("constructor", "a.b-c")
        .rebuts("toString", "a.b-c")
        .supports("x1", "constructor")
        .rebuts("x2", "toString")
        .supports("x3", "x2")
        .asserts("mallory", "constructor")
        .with_stance(stance)
        .build()
        .unwrap();
    map.description = Some(CLOSE_SCRIPT.into());
    map
}

/// The fields the page's search looks in, lower-cased.
fn haystack(element: &Element) -> String {
    let mut words: Vec<&str> = vec![element.id()];
    match element {
        Element::Claim(c) => {
            words.push(&c.text);
            words.extend(c.title.as_deref());
            words.extend(c.quote.as_deref());
        }
        Element::Argument(a) => {
            words.extend(a.text.as_deref());
            words.extend(a.title.as_deref());
            words.extend(a.quote.as_deref());
        }
        Element::Actor(a) => {
            words.push(&a.name);
            words.extend(a.role.as_deref());
        }
    }
    words.extend(element.meta().tags().iter().map(String::as_str));
    words.join("\n").to_lowercase()
}

/// What one page should be asked to do, and what it should then show.
struct Case {
    name: String,
    map: Map,
    /// The claim to click: one with stances and relations.
    click: String,
    /// A word of that claim's text to search for.
    search: String,
    /// The actor to filter by.
    actor: Option<String>,
    /// The tag to filter by.
    tag: Option<String>,
    /// Nodes to click, each with the texts its panel must show.
    hostile: Vec<(String, Vec<String>)>,
    /// Which engine draws the diagram.
    engine: Engine,
}

impl Case {
    fn new(name: &str, map: Map) -> Case {
        let click = map
            .claims()
            .filter(|c| !map.stances_on(&c.id).is_empty())
            .max_by_key(|c| {
                (
                    map.relations_to(&c.id).len() + map.relations_from(&c.id).len(),
                    std::cmp::Reverse(c.id.to_string()),
                )
            })
            .expect("a claim with stances")
            .id
            .to_string();
        let text = &map.claim(&click).unwrap().text;
        let search = text
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| w.len() >= 5)
            .max_by_key(|w| w.len())
            .unwrap_or("claim")
            .to_lowercase();
        // The actor with the most stances; a tie goes to the first in the map.
        let actor = map
            .actors()
            .enumerate()
            .map(|(i, a)| (map.stances_of(&a.id).len(), std::cmp::Reverse(i), a))
            .filter(|(n, _, _)| *n > 0)
            .max_by_key(|(n, i, _)| (*n, *i))
            .map(|(_, _, a)| a.id.to_string());
        let tag = map.elements().flat_map(|e| e.meta().tags()).min().cloned();
        Case {
            name: name.to_owned(),
            map,
            click,
            search,
            actor,
            tag,
            hostile: Vec::new(),
            engine: Engine::Auto,
        }
    }

    /// The node an element is drawn as: its own, or for an actor left out of the drawing,
    /// the drawn actor with exactly the same stances (its bundle).
    fn drawn_as(&self, id: &str, drawn: &BTreeSet<String>) -> Option<String> {
        if drawn.contains(id) {
            return Some(id.to_owned());
        }
        let map = &self.map;
        map.actor(id)?;
        let stances = |actor: &str| -> BTreeSet<_> {
            map.stances_of(actor)
                .iter()
                .map(|s| (s.kind, s.target.clone(), s.source.clone()))
                .collect()
        };
        let mine = stances(id);
        map.actors()
            .find(|a| drawn.contains(a.id.as_str()) && stances(&a.id) == mine)
            .map(|a| a.id.to_string())
    }

    fn expected_search(&self, drawn: &BTreeSet<String>) -> BTreeSet<String> {
        self.map
            .elements()
            .filter(|e| haystack(e).contains(&self.search))
            .filter_map(|e| self.drawn_as(e.id(), drawn))
            .collect()
    }

    /// The actor's own node (or its bundle's), what it takes a stance on, and the sources of
    /// the relations it made.
    fn expected_actor(&self, actor: &str, drawn: &BTreeSet<String>) -> BTreeSet<String> {
        let map = &self.map;
        let mut out: BTreeSet<String> = map
            .stances_of(actor)
            .iter()
            .map(|s| s.target.to_string())
            .chain(
                map.relations()
                    .filter(|r| r.by.iter().any(|b| b == actor))
                    .map(|r| r.from.to_string()),
            )
            .collect();
        out.extend(self.drawn_as(actor, drawn));
        out.retain(|id| drawn.contains(id));
        out
    }

    fn expected_tag(&self, tag: &str, drawn: &BTreeSet<String>) -> BTreeSet<String> {
        self.map
            .elements()
            .filter(|e| drawn.contains(e.id().as_str()))
            .filter(|e| e.meta().tags().iter().any(|t| t == tag))
            .map(|e| e.id().to_string())
            .collect()
    }
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("a list, not {value}"))
        .iter()
        .map(|v| v.as_str().expect("a string").to_owned())
        .collect()
}

fn set(value: &Value) -> BTreeSet<String> {
    strings(value).into_iter().collect()
}

fn view(value: &Value) -> [f64; 4] {
    ["x", "y", "w", "h"].map(|k| {
        value[k]
            .as_f64()
            .unwrap_or_else(|| panic!("{k} in {value}"))
    })
}

fn is_png(path: &Path) -> bool {
    std::fs::read(path).is_ok_and(|b| b.starts_with(b"\x89PNG\r\n\x1a\n") && b.len() > 10_000)
}

/// Checks everything a page reported that does not depend on the map.
fn check_common(case: &Case, report: &Value) {
    let name = &case.name;
    for list in ["console_errors", "page_errors", "dialogs", "blocked"] {
        assert_eq!(report[list], json!([]), "{name}: {list}");
    }
    assert_eq!(
        strings(&report["requests"]),
        [report["url"].as_str().unwrap()],
        "{name}: the page asked for something besides itself"
    );
    assert_eq!(report["scripts_before"], 2, "{name}");
    assert_eq!(report["scripts_after"], 2, "{name}");
    let injected = &report["injected"];
    assert_eq!(injected["elements"], 0, "{name}: {injected}");
    assert_eq!(injected["handlers"], 0, "{name}: {injected}");
    assert_eq!(injected["svg_links"], 0, "{name}: {injected}");
    assert_eq!(injected["pwned"], false, "{name}");
    for link in strings(&injected["links"]) {
        assert!(
            link.starts_with("http://") || link.starts_with("https://"),
            "{name}: link to {link}"
        );
    }

    // Every claim and argument is drawn and known to the page.
    let drawn = set(&report["drawn"]);
    for e in case.map.claims() {
        assert!(drawn.contains(e.id.as_str()), "{name}: {} not drawn", e.id);
    }

    // At first the whole drawing shows, as large as the diagram allows; with the panel
    // open, Fit puts it beside the panel.
    let fit = &report["initial_fit"];
    assert_eq!(fit["panel_open"], false, "{name}: the panel starts closed");
    assert_eq!(fit["inside"], true, "{name}: {fit}");
    assert!(fit["fills"].as_f64().unwrap() > 0.95, "{name}: {fit}");
    let beside = &report["fit_beside_panel"];
    assert_eq!(beside["panel_open"], true, "{name}: {beside}");
    assert_eq!(beside["inside"], true, "{name}: {beside}");
    assert!(beside["fills"].as_f64().unwrap() > 0.95, "{name}: {beside}");

    // The help opens and closes from its button.
    assert_eq!(report["help"]["help_visible"], true, "{name}");
    assert_eq!(report["help"]["details_open"], false, "{name}");
    assert_eq!(report["help_closed"], true, "{name}");

    // Pan and zoom.
    let v = &report["view"];
    let [bx, by, bw, bh] = view(&v["before"]);
    let [dx, dy, dw, dh] = view(&v["dragged"]);
    assert!(
        dx < bx && dy < by,
        "{name}: dragging right and down moves the view: {v}"
    );
    assert_eq!((dw, dh), (bw, bh), "{name}: dragging does not zoom");
    let wheeled = view(&v["wheeled"])[2];
    assert!(wheeled < dw * 0.8, "{name}: the wheel zooms in: {v}");
    let zoomed_in = view(&v["zoomed_in"])[2];
    assert!(zoomed_in < wheeled, "{name}: + zooms in: {v}");
    assert!(
        view(&v["zoomed_out"])[2] > zoomed_in,
        "{name}: − zooms out: {v}"
    );
    assert_eq!(
        v["reset"], report["view_initial"],
        "{name}: Fit restores the view"
    );
}

/// Checks the click, keyboard, jump, search and filter reports.
fn check_interaction(case: &Case, report: &Value) {
    let name = &case.name;
    let map = &case.map;
    let drawn = set(&report["drawn"]);

    let click = &report["click"];
    assert_eq!(click["selected"], case.click.as_str(), "{name}: {click}");
    let panel = click["panel"].as_str().unwrap();
    let claim = map.claim(&case.click).unwrap();
    assert!(panel.contains(&claim.text), "{name}: full text in {panel}");
    for stance in map.stances_on(&case.click) {
        let actor = map.actor(&stance.actor).unwrap();
        assert!(
            panel.contains(&actor.name),
            "{name}: {} in {panel}",
            actor.name
        );
        assert!(
            panel.contains(stance.kind.as_str()),
            "{name}: stance in {panel}"
        );
    }
    let heading = claim.title.as_deref().unwrap_or(&claim.text);
    assert_eq!(click["heading"], heading, "{name}");
    assert_eq!(
        click["in_view"], true,
        "{name}: the panel covers the node clicked"
    );

    assert_eq!(
        report["after_escape"]["panel_open"], false,
        "{name}: Esc closes"
    );
    assert_eq!(report["after_escape"]["selected"], Value::Null, "{name}");
    assert_eq!(
        report["keyboard"]["selected"],
        case.click.as_str(),
        "{name}: Enter on a focused node selects it"
    );
    let jump = &report["jump"];
    assert!(jump.is_object(), "{name}: the panel lists a relation");
    assert_eq!(jump["selected"], jump["target"], "{name}: {jump}");
    assert_eq!(jump["in_view"], true, "{name}: the jump centres its target");

    let search = &report["search"];
    let expected = case.expected_search(&drawn);
    assert!(
        !expected.is_empty(),
        "{name}: `{}` matches nothing",
        case.search
    );
    assert_eq!(
        set(&search["highlighted"]),
        expected,
        "{name}: search `{}`",
        case.search
    );
    let others: BTreeSet<String> = drawn.difference(&expected).cloned().collect();
    assert_eq!(
        set(&search["dimmed"]),
        others,
        "{name}: search dims the rest"
    );
    let n = expected.len();
    let count = if n == 1 {
        "1 match".to_owned()
    } else {
        format!("{n} matches")
    };
    assert_eq!(search["count_text"], count.as_str(), "{name}");
    let current = strings(&search["current"]);
    assert!(
        current.iter().all(|c| expected.contains(c)),
        "{name}: {search}"
    );
    assert_eq!(
        current[0] != current[1],
        n > 1,
        "{name}: Enter moves on: {search}"
    );
    assert_eq!(
        search["current_in_view"], true,
        "{name}: the match is centred"
    );
    assert_eq!(search["selected"], current[1].as_str(), "{name}");
    assert_eq!(
        search["count_after_enter"],
        format!("{} of {n}", if n > 1 { 2 } else { 1 }).as_str(),
        "{name}"
    );
    let all = &report["after_show_all"];
    assert_eq!(all["dimmed"], json!([]), "{name}: Show all");
    assert_eq!(all["highlighted"], json!([]), "{name}: Show all");
    assert_eq!(all["dimmed_edges"], 0, "{name}: Show all");

    if let Some(actor) = &case.actor {
        let filter = &report["actor_filter"];
        let expected = case.expected_actor(actor, &drawn);
        assert_eq!(set(&filter["undimmed"]), expected, "{name}: actor {actor}");
        assert!(
            expected.len() < drawn.len(),
            "{name}: the filter dims something"
        );
        assert!(
            filter["dimmed_edges"].as_u64().unwrap() > 0,
            "{name}: {filter}"
        );
        assert_eq!(
            filter["count_text"],
            format!("Showing {} of {}", expected.len(), drawn.len()).as_str(),
            "{name}"
        );
    }
    if let Some(tag) = &case.tag {
        let expected = case.expected_tag(tag, &drawn);
        assert!(!expected.is_empty(), "{name}: tag {tag}");
        assert_eq!(
            set(&report["tag_filter"]["undimmed"]),
            expected,
            "{name}: tag {tag}"
        );
    }

    // The lists offer every actor who takes part and every tag.
    let options: Vec<String> = report["actor_options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o[0].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(options[0], "", "{name}: All actors comes first");
    for stance in map.stances() {
        assert!(options.contains(&stance.actor.to_string()), "{name}");
    }
    let mut tags: Vec<&str> = map
        .elements()
        .flat_map(|e| e.meta().tags())
        .map(String::as_str)
        .collect();
    tags.sort_unstable();
    tags.dedup();
    let offered: Vec<String> = report["tag_options"]
        .as_array()
        .unwrap()
        .iter()
        .skip(1)
        .map(|o| o[1].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(offered, tags, "{name}: tag list");
}

#[test]
fn page_works_in_a_browser() {
    let Some(programs) = programs() else { return };
    let out_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&out_dir).unwrap();
    let work = tempfile::tempdir().unwrap();

    let mut cases: Vec<Case> = support::maps()
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap();
            let map = json::from_str(&text)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
                .map;
            Case::new(&path.file_stem().unwrap().to_string_lossy(), map)
        })
        .collect();
    let mut hostile = Case::new("hostile", hostile_map());
    hostile.hostile = vec![
        (
            "a.b-c".into(),
            vec![
                SCRIPT_TAG.into(),
                format!("]]> <!-- {QUOTES}"),
                SOURCE_TITLE.into(),
                AUTHOR.into(),
                IMG.into(),
                STANCE_QUOTE.into(),
                TAG.into(),
                "--> <![CDATA[ note ]]>".into(),
                "<b>bold?</b>".into(),
                RTL.into(),
            ],
        ),
        (
            "constructor".into(),
            vec![CLOSE_SCRIPT.into(), "<b>bold?</b>".into(), "]]>".into()],
        ),
        ("toString".into(), vec![RTL.into(), "<!--".into()]),
        ("x2".into(), vec!["<!--".into(), QUOTES.into()]),
        ("mallory".into(), vec![IMG.into(), STANCE_QUOTE.into()]),
    ];
    // The built-in engine's SVG must work in the page just as Graphviz's does.
    let builtin: Vec<Case> = cases
        .iter()
        .map(|case| Case {
            name: format!("{}-builtin", case.name),
            map: case.map.clone(),
            engine: Engine::Builtin,
            ..Case::new(&case.name, case.map.clone())
        })
        .collect();
    cases.extend(builtin);
    let mut builtin_hostile = Case::new("hostile-builtin", hostile_map());
    builtin_hostile.hostile = hostile.hostile.clone();
    builtin_hostile.engine = Engine::Builtin;
    cases.push(hostile);
    cases.push(builtin_hostile);

    let pages: Vec<Value> = cases
        .iter()
        .map(|case| {
            // The whole pipeline, as `argumap render -o page.html` runs it.
            let options = RenderOptions {
                engine: case.engine,
                ..RenderOptions::default()
            };
            let page = render(&case.map, Output::Html, &options).expect("render the page");
            let page = String::from_utf8(page).expect("the page is UTF-8");
            // Kept beside the screenshots, for a person to open.
            let html_path = out_dir.join(format!("{}.html", case.name));
            std::fs::write(&html_path, &page).unwrap();
            let shot = |what: &str| out_dir.join(format!("{}-{what}.png", case.name));
            json!({
                "name": case.name,
                "html": html_path,
                "screenshots": {
                    "initial": shot("initial"),
                    "selected": shot("selected"),
                    "search": shot("search"),
                    "filtered": shot("filtered"),
                    "help": shot("help"),
                    "hostile": (!case.hostile.is_empty()).then(|| shot("hostile")),
                },
                "click": case.click,
                "search": case.search,
                "actor": case.actor,
                "tag": case.tag,
                "hostile": case.hostile.iter().map(|(id, _)| id).collect::<Vec<_>>(),
            })
        })
        .collect();
    let config = work.path().join("config.json");
    std::fs::write(&config, json!({ "pages": pages }).to_string()).unwrap();

    let out = Command::new(&programs.node)
        .arg(support::root("tests/browser/page_test.js"))
        .arg(&config)
        .env("CHROMIUM", &programs.chromium)
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "page_test.js failed ({}):\n{}\n{stdout}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_str(&stdout).expect("the script prints JSON");
    let reports = report["pages"].as_array().unwrap();
    assert_eq!(reports.len(), cases.len());

    for (case, report) in cases.iter().zip(reports) {
        assert_eq!(report["name"], case.name.as_str());
        check_common(case, report);
        check_interaction(case, report);
        for shot in ["initial", "selected"] {
            let path = out_dir.join(format!("{}-{shot}.png", case.name));
            assert!(
                is_png(&path),
                "{}: no screenshot {}",
                case.name,
                path.display()
            );
        }
    }

    // Hostile text shows as text, everywhere it goes.
    let (case, report) = (cases.last().unwrap(), reports.last().unwrap());
    assert_eq!(report["title"], TITLE, "the tab shows the title as text");
    let shown = report["hostile"].as_array().unwrap();
    assert_eq!(shown.len(), case.hostile.len());
    for ((id, texts), shown) in case.hostile.iter().zip(shown) {
        assert_eq!(shown["selected"], id.as_str(), "{shown}");
        let panel = shown["panel"].as_str().unwrap();
        for text in texts {
            assert!(
                panel.contains(text.as_str()),
                "{id}: {text:?} not in {panel:?}"
            );
        }
    }
}
