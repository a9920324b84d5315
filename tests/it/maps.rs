//! Every map in `maps/`: it loads without errors or warnings, its DOT and canonical JSON match
//! the golden files, the canonical JSON loads back to the same map, and Graphviz accepts the
//! DOT.

use std::process::Command;

use argumap::export::dot::{self, ClusterBy, DotOptions, RankDir, Theme};
use argumap::format::json;
use argumap::model::Map;

use crate::support::{assert_golden, maps, tool};

fn load(path: &std::path::Path) -> Map {
    let text = std::fs::read_to_string(path).unwrap();
    match json::from_str(&text) {
        Ok(loaded) => {
            assert!(
                loaded.warnings.is_empty(),
                "{}: {:#?}",
                path.display(),
                loaded.warnings
            );
            loaded.map
        }
        Err(e) => panic!("{} does not load: {:#?}", path.display(), e.diagnostics),
    }
}

fn stem(path: &std::path::Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

#[test]
fn every_map_matches_its_golden_json_and_dot() {
    for path in maps() {
        let map = load(&path);
        let name = stem(&path);
        assert_golden(&format!("tests/golden/{name}.json"), &json::to_string(&map));
        assert_golden(
            &format!("tests/golden/{name}.dot"),
            &dot::to_string(&map, &DotOptions::default()),
        );
    }
}

#[test]
fn canonical_json_is_a_fixed_point() {
    for path in maps() {
        let map = load(&path);
        let canonical = json::to_string(&map);
        let again = json::from_str(&canonical).unwrap().map;
        assert!(
            again == map,
            "{}: reloading changes the map",
            path.display()
        );
        assert_eq!(json::to_string(&again), canonical, "{}", path.display());
    }
}

#[test]
fn graphviz_accepts_every_map_in_every_view() {
    let Some(dot_exe) = tool("dot", "-V") else {
        return;
    };
    let views = [
        DotOptions::default(),
        DotOptions::default()
            .actors(false)
            .legend(false)
            .clusters(ClusterBy::None)
            .theme(Theme::Print),
        DotOptions::default()
            .clusters(ClusterBy::Actors)
            .theme(Theme::ColourBlind),
        DotOptions::default()
            .clusters(ClusterBy::Tags)
            .rankdir(RankDir::RightToLeft),
    ];
    for path in maps() {
        let map = load(&path);
        for options in &views {
            let text = dot::to_string(&map, options);
            let dir = tempfile::tempdir().unwrap();
            let file = dir.path().join("map.dot");
            std::fs::write(&file, &text).unwrap();
            let out = Command::new(&dot_exe)
                .args(["-Tsvg", "-o"])
                .arg(dir.path().join("map.svg"))
                .arg(&file)
                .output()
                .unwrap();
            assert!(
                out.status.success() && out.stderr.is_empty(),
                "{}: dot said {}",
                path.display(),
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

#[test]
fn the_encryption_map_answers_the_questions_a_coach_asks() {
    let map = load(&crate::support::root("maps/encryption-debate.json"));
    // Every actor the article names is there, with a role or a kind that says what it is.
    for who in [
        "dutton",
        "patel",
        "mcaleenan",
        "barr",
        "zuckerberg",
        "facebook",
        "apple",
        "fbi",
    ] {
        assert!(
            map.actors().any(|a| a.id.as_str().contains(who)),
            "no actor for {who}"
        );
    }
    let barr = map
        .actors()
        .find(|a| a.id.as_str().contains("barr"))
        .unwrap();
    assert_eq!(barr.role.as_deref(), Some("US Attorney General"));
    assert!(barr
        .meta
        .note()
        .unwrap_or("")
        .contains("General William Barr (US Attorney)"));
    // Every claim is sourced to the article and asserted by someone.
    for claim in map.claims() {
        assert!(claim.source.is_some(), "claim {} has no source", claim.id);
        assert!(
            !map.asserted_by(&claim.id).is_empty(),
            "claim {} has no author",
            claim.id
        );
    }
    // Quotes are the article's own words, never invented.
    let article =
        std::fs::read_to_string(crate::support::root("tests/data/encryption-article.txt")).unwrap();
    {
        let quotes = map
            .claims()
            .filter_map(|c| c.quote.as_deref())
            .chain(map.stances().filter_map(|s| s.quote.as_deref()))
            .chain(map.relations().filter_map(|r| r.quote.as_deref()));
        for quote in quotes {
            assert!(article.contains(quote), "quote not in the article: {quote}");
        }
    }
    assert!(!map.root_theses().is_empty());
    assert!(map.arguments().any(|a| map.premises(&a.id).len() >= 2));
}

/// The encryption map says what its article says and no more: Facebook's position stands
/// against the pause with nothing to break the tie, no claim of the officials falls, the
/// unnamed officials' words are not pinned on the Australian or UK government, and the
/// article's comparisons are not drawn as reasons.
#[test]
fn the_encryption_map_says_what_the_article_says() {
    use argumap::analysis::report::report;
    use argumap::analysis::semantics::{from_map, grounded, Label};
    use argumap::model::{ClaimKind, RelationKind, StanceKind};

    let map = load(&crate::support::root("maps/encryption-debate.json"));
    // Facebook's own position, asserted by Facebook, in conflict with the pause.
    let asserted_by_facebook = |id: &str| {
        map.stances_on(id)
            .iter()
            .any(|s| s.actor.as_str() == "facebook" && s.kind == StanceKind::Asserts)
    };
    let conflict = map.relations().find(|r| {
        r.to.as_str() == "pause-encryption"
            && matches!(r.kind, RelationKind::Contradicts | RelationKind::Rebuts)
            && asserted_by_facebook(&r.from)
    });
    let conflict = conflict.expect("a claim of Facebook's attacks the pause");
    assert_eq!(conflict.kind, RelationKind::Contradicts);
    // Under grounded semantics no claim of the officials falls, and the pause and
    // Facebook's plan are left open.
    let t = from_map(&map);
    let g = grounded(&t.af);
    let label = |id: &str| g.labels[t.ids.iter().position(|x| x.as_str() == id).unwrap()];
    let sides = map.sides_of_actors();
    for claim in map.claims() {
        let governments = map.stances_on(&claim.id).iter().any(|s| {
            sides
                .get(&s.actor)
                .is_some_and(|side| side.id.as_str() == "governments")
        });
        if governments {
            assert_ne!(label(&claim.id), Label::Out, "{} falls", claim.id);
        }
    }
    assert_eq!(label("pause-encryption"), Label::Undec);
    assert_eq!(label(&conflict.from), Label::Undec);
    // The precautions deny neither concern of the governments.
    assert!(map.rebuttals("police-blocked").is_empty());
    assert!(map.rebuttals("predators-hide").is_empty());
    // Unnamed officials are not the Australian or UK government.
    for id in ["evidence-lost", "not-demonize", "fb-cooperative"] {
        for s in map.stances_on(id) {
            assert!(
                !["australian-government", "uk-government", "us-government"]
                    .contains(&s.actor.as_str()),
                "{id} is pinned on {}",
                s.actor
            );
        }
    }
    // No invented inferential links; no future event recorded as a stance taken.
    assert!(map.supporters("fb-against-governments").is_empty());
    assert!(map.relations_from("apple-refused").is_empty());
    assert!(map.supporters("headline-framing").is_empty());
    assert!(map.stances().all(|s| s.actor.as_str() != "us-doj"));
    // Every sourced stance is sourced to the article, where it was read; the letter and
    // Facebook's statement are known only through it.
    assert!(map
        .stances()
        .all(|s| s.source.is_none() || s.source.as_deref() == Some("article")));
    for s in ["letter", "facebook-statement"] {
        assert_eq!(map.source(s).unwrap().via.as_deref(), Some("article"));
    }
    // The framing and the background are marked as such, and the sides are named.
    assert_eq!(
        map.claim("headline-framing").unwrap().kind,
        ClaimKind::Framing
    );
    assert_eq!(
        map.claim("apple-refused").unwrap().kind,
        ClaimKind::Background
    );
    assert_eq!(map.sides().count(), 2);
    // The article's own words: "about 16.8 million cases", not "reports".
    let ncmec = map.claim("ncmec-reports").unwrap();
    assert!(ncmec.text.contains("about 16.8 million cases"));
    // The report says the conflict is open, and where the source is silent.
    let r = report(&map);
    assert!(r.defeated.is_empty(), "{:?}", r.defeated);
    assert_eq!(r.open.len(), 1);
    assert!(r.silent.iter().any(|i| i.id == conflict.from.as_str()));
    let text = argumap::analysis::report::to_text(&map, &r);
    assert!(
        text.contains("- Open: \"Pause Facebook's pivot to privacy\" against"),
        "{text}"
    );
}
