//! load(save(map)) == map for any map the model accepts, and either form of the file gives
//! the same model.

use argumap::format::json;
use argumap::model::*;
use proptest::prelude::*;

pub(crate) fn id(s: &str) -> Id {
    Id::new(s).unwrap()
}

/// Tags, origin, extension data and note, each set by one bit of a seed.
pub(crate) fn meta(seed: u8, text: &str) -> Meta {
    let mut m = MetaData::default();
    if seed & 1 != 0 {
        m.tags = vec![text.to_owned(), "t".into()];
    }
    if seed & 2 != 0 {
        m.origin = Some(Origin {
            format: "aif".into(),
            id: text.to_owned(),
        });
    }
    if seed & 4 != 0 {
        let mut ext = serde_json::Map::new();
        ext.insert("k".into(), serde_json::json!([1, 2.5, null, {"s": text}]));
        m.ext = Some(ext);
    }
    if seed & 8 != 0 {
        m.note = Some(text.to_owned());
    }
    if seed & 24 == 24 {
        m.silent = Some(format!("{text} (not printed)"));
    }
    Meta::new(m)
}

prop_compose! {
    /// Random maps with texts drawn from `text`: every kind of element, relation, stance
    /// and link, with every field set somewhere (sides, claim kinds, a source known via
    /// another, silence included). With `raw`, every third claim's text is the text as
    /// drawn (unless blank, which the model refuses); else it ends in a full stop.
    pub(crate) fn arb_map_from(text: BoxedStrategy<String>, raw: bool)(
        texts in prop::collection::vec(text, 1..12),
        n_args in 0usize..4,
        n_actors in 0usize..4,
        n_sources in 0usize..3,
        links in prop::collection::vec((any::<u8>(), any::<u8>(), any::<u8>(), any::<u8>()), 0..40),
        metas in prop::collection::vec(any::<u8>(), 30),
    ) -> Map {
        let mut m = Map::new(texts[0].clone() + "title");
        m.description = (metas[0] & 16 != 0).then(|| texts[0].clone());
        m.ext = (metas[1] & 16 != 0).then(|| serde_json::json!({"map": texts[0]}).as_object().cloned()).flatten();
        let text = |i: usize| texts[i % texts.len()].clone();
        for s in 0..n_sources {
            let mut src = Source::new(id(&format!("s{s}")), text(s) + "x");
            src.kind = [SourceKind::Article, SourceKind::Letter, SourceKind::Other][s % 3];
            src.date = (s == 1).then(|| argumap::model::Date::new("2019-10-04").unwrap());
            src.author = (s == 0).then(|| text(s + 1));
            src.url = (s == 1).then(|| text(s + 2));
            src.meta = meta(metas[s], &text(s));
            m.add_source(src).unwrap();
        }
        if n_sources > 1 {
            m.set_source_via("s1", id("s0"));
        }
        for a in 0..n_actors {
            let mut actor = Actor::new(id(&format!("p{a}")), text(a) + "n", ActorKind::ALL[a % 5]);
            actor.role = (a % 2 == 0).then(|| text(a + 1));
            actor.meta = meta(metas[a + 3], &text(a));
            m.add_actor(actor).unwrap();
        }
        let n_claims = texts.len();
        for c in 0..n_claims {
            // Every third claim's text is the text as drawn, when that is not blank.
            let body = if raw && c % 3 == 2 && !text(c).trim().is_empty() { text(c) } else { text(c) + "." };
            let mut claim = Claim::new(id(&format!("c{c}")), body);
            claim.title = (c % 3 == 0).then(|| text(c + 1));
            claim.quote = (c % 4 == 1).then(|| text(c + 2));
            claim.source = (n_sources > 0 && c % 2 == 0).then(|| id(&format!("s{}", c % n_sources)));
            claim.date = (c % 5 == 2).then(|| argumap::model::Date::new("2019").unwrap());
            claim.kind = [ClaimKind::Debate, ClaimKind::Debate, ClaimKind::Framing, ClaimKind::Background][c % 4];
            claim.meta = meta(metas[c + 7], &text(c));
            m.add_claim(claim).unwrap();
        }
        for a in 0..n_args {
            let mut arg = Argument::new(id(&format!("a{a}")));
            arg.text = (a % 2 == 0).then(|| text(a));
            arg.title = (a % 3 == 1).then(|| text(a + 1));
            arg.meta = meta(metas[a + 20], &text(a + 2));
            m.add_argument(arg).unwrap();
        }
        let node = |k: u8| -> Id {
            let k = k as usize % (n_claims + n_args);
            if k < n_claims { id(&format!("c{k}")) } else { id(&format!("a{}", k - n_claims)) }
        };
        for (i, &(from, to, kind, extra)) in links.iter().enumerate() {
            match extra % 4 {
                0 if n_actors > 0 => {
                    let mut s = Stance::new(
                        id(&format!("p{}", from as usize % n_actors)),
                        StanceKind::ALL[kind as usize % 4],
                        node(to),
                    );
                    if extra & 16 != 0 { s.quote = Some(text(i)); }
                    if extra & 32 != 0 { s.date = Some(argumap::model::Date::new("2020-01").unwrap()); }
                    if extra & 64 != 0 && n_sources > 0 { s.source = Some(id("s0")); }
                    s.meta = meta(extra >> 5, &text(i));
                    let _ = m.add_stance(s);
                }
                1 if n_actors > 1 => {
                    let kind = if kind % 2 == 0 { ActorLinkKind::MemberOf } else { ActorLinkKind::SpeaksFor };
                    let _ = m.add_actor_link(
                        &id(&format!("p{}", from as usize % n_actors)),
                        kind,
                        &id(&format!("p{}", to as usize % n_actors)),
                    );
                }
                _ => {
                    let mut r = Relation::new(node(from), RelationKind::ALL[kind as usize % 7], node(to));
                    if extra & 16 != 0 && n_actors > 0 { r.by = vec![id("p0")]; }
                    if extra & 32 != 0 { r.quote = Some(text(i)); }
                    if extra & 64 != 0 && n_sources > 0 { r.source = Some(id("s0")); }
                    r.meta = meta(extra >> 4, &text(i));
                    let _ = m.add_relation(r);
                }
            }
        }
        if n_claims > 2 {
            let mut g = Group::new(id("g0"), text(0) + "g");
            g.members = vec![id("c0"), id("c1")];
            g.meta = meta(metas[28], &text(1));
            m.add_group(g).unwrap();
            let mut inner = Group::new(id("g1"), text(2));
            // c0 is also in the outer group, and comes second here.
            inner.members = vec![id("c2"), id("c0")];
            m.add_group(inner).unwrap();
            m.set_group_parent(&id("g1"), Some(id("g0"))).unwrap();
        }
        if n_actors > 1 {
            let mut side = Side::new(id("side-a"), text(0) + "side");
            side.actors = vec![id("p0")];
            side.meta = meta(metas[29], &text(3));
            m.add_side(side).unwrap();
            let mut other = Side::new(id("side-b"), "Other side");
            other.actors = vec![id("p1")];
            m.add_side(other).unwrap();
        }
        m
    }
}

/// Random maps with any text (see [`arb_map_from`]).
pub(crate) fn arb_map() -> impl Strategy<Value = Map> {
    arb_map_from(any::<String>().boxed(), false)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn save_then_load_gives_the_same_map(map in arb_map()) {
        let text = json::to_string(&map);
        let loaded = json::from_str(&text);
        prop_assert!(loaded.is_ok(), "{:#?}\n{}", loaded.err(), text);
        let back = loaded.unwrap().map;
        prop_assert!(back == map, "round trip changed the map:\n{}", text);
        prop_assert_eq!(json::to_string(&back), text);
    }
}

#[test]
fn inline_and_listed_forms_load_to_the_same_model() {
    let inline = r#"{
      "argumap": 1, "title": "Forms",
      "actors": [{"id": "ann", "name": "Ann", "kind": "person"}],
      "claims": [
        {"id": "thesis", "text": "T", "by": ["ann"]},
        {"id": "p1", "text": "P1", "supports": ["thesis"]},
        {"id": "p2", "text": "P2"},
        {"id": "con", "text": "C", "rebuts": ["thesis"], "contradicts": ["p1"]},
        {"id": "cut", "text": "U", "undercuts": ["arg"]}
      ],
      "arguments": [{"id": "arg", "premises": ["p1", "p2"], "conclusion": "thesis"}]
    }"#;
    let listed = r#"{
      "argumap": 1, "title": "Forms",
      "actors": [{"id": "ann", "name": "Ann", "kind": "person"}],
      "claims": [
        {"id": "thesis", "text": "T"},
        {"id": "p1", "text": "P1"},
        {"id": "p2", "text": "P2"},
        {"id": "con", "text": "C"},
        {"id": "cut", "text": "U"}
      ],
      "arguments": [{"id": "arg"}],
      "relations": [
        {"from": "p1", "to": "thesis", "kind": "supports"},
        {"from": "con", "to": "thesis", "kind": "rebuts"},
        {"from": "con", "to": "p1", "kind": "contradicts"},
        {"from": "cut", "to": "arg", "kind": "undercuts"},
        {"from": "p1", "to": "arg", "kind": "premise"},
        {"from": "p2", "to": "arg", "kind": "premise"},
        {"from": "arg", "to": "thesis", "kind": "conclusion"}
      ],
      "stances": [{"actor": "ann", "target": "thesis", "kind": "asserts"}]
    }"#;
    let a = json::from_str(inline).unwrap().map;
    let b = json::from_str(listed).unwrap().map;
    assert!(a == b);
    assert_eq!(json::to_string(&a), json::to_string(&b));
    assert_eq!(a.premises("arg").len(), 2);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// A damaged map never makes the loader panic, and every diagnostic renders.
    #[test]
    fn a_damaged_map_is_reported_not_a_crash(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..6),
    ) {
        let original = include_str!("../../maps/school-uniforms.json");
        let mut bytes = original.as_bytes().to_vec();
        for (at, byte, op) in edits {
            let i = at.index(bytes.len().max(1));
            match op {
                0 if i < bytes.len() => bytes[i] = byte,
                1 if i < bytes.len() => {
                    bytes.remove(i);
                }
                _ => bytes.insert(i.min(bytes.len()), byte),
            }
        }
        let text = String::from_utf8_lossy(&bytes).into_owned();
        match json::from_str(&text) {
            Ok(loaded) => {
                for w in &loaded.warnings {
                    prop_assert!(!w.render("m.json", &text).is_empty());
                }
            }
            Err(e) => {
                prop_assert!(!e.diagnostics.is_empty());
                for d in &e.diagnostics {
                    prop_assert!(d.render("m.json", &text).starts_with("m.json:"));
                }
            }
        }
    }
}

/// What the map file refuses, the model refuses: a claim built in code with a blank text
/// cannot be added, so no map in memory fails to load once saved.
#[test]
fn the_model_refuses_a_blank_claim_as_the_file_does() {
    let mut map = Map::new("t");
    let err = map
        .add_claim(Claim::new(id("blank"), " \n\t "))
        .unwrap_err();
    assert_eq!(err, ModelError::EmptyText(id("blank")));
    assert!(json::from_str(
        r#"{"argumap": 1, "title": "t", "claims": [{"id": "blank", "text": " "}]}"#
    )
    .is_err());
}
