//! Fixtures the unit tests share: proptest settings and sample maps.

use proptest::prelude::ProptestConfig;

use crate::model::{ActorKind, Claim, Group, Id, Map, MapBuilder, RelationKind, StanceKind};

/// Proptest settings for `cases` cases that write no regression files.
pub(crate) fn proptest_config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// The school-uniforms debate the drawing tests share: every relation kind (an argument with
/// two premises, an undercut, a contradiction, a rephrasing), assertions, a denial, a question
/// and a member of a party.
pub(crate) fn uniforms() -> MapBuilder {
    MapBuilder::new("Uniforms")
        .actor("prop", "Proposition", ActorKind::Group)
        .actor("opp", "Opposition", ActorKind::Group)
        .actor("ann", "Ann", ActorKind::Person)
        .claim("motion", "Schools should require uniforms")
        .claim("equal", "Uniforms hide differences in family income")
        .claim("cost", "Uniforms cost poor families more")
        .claim("grants", "Grants pay for uniforms")
        .claim("p1", "Premise one")
        .claim("never", "Schools should never require uniforms")
        .claim("same", "Uniforms make pupils look alike")
        .supports("equal", "motion")
        .rebuts("cost", "equal")
        .argument("arg", &["p1", "grants"], "motion")
        .undercuts("cost", "arg")
        .relation("never", RelationKind::Contradicts, "motion")
        .relation("same", RelationKind::Rephrases, "equal")
        .asserts("prop", "motion")
        .asserts("opp", "cost")
        .stance("opp", StanceKind::Denies, "motion")
        .stance("ann", StanceKind::Questions, "grants")
        .member_of("ann", "prop")
}

/// Actors who take the same stances, for the bundling tests: Ann and Bob assert `x` and `y`
/// (one bundle), Cat asserts `x` alone; Ann and Bob are members of the government, and Bob
/// also of Ann (a link inside the bundle).
pub(crate) fn signatories() -> Map {
    MapBuilder::new("t")
        .actor("gov", "Government", ActorKind::Government)
        .actor("a", "Ann", ActorKind::Person)
        .actor("b", "Bob", ActorKind::Person)
        .actor("c", "Cat", ActorKind::Person)
        .claim("x", "X")
        .claim("y", "Y")
        .supports("y", "x")
        .asserts("a", "x")
        .asserts("b", "x")
        .asserts("a", "y")
        .asserts("b", "y")
        .asserts("c", "x")
        .member_of("a", "gov")
        .member_of("b", "gov")
        .member_of("b", "a")
        .build()
        .unwrap()
}

/// Claims `a`, `b` and `c` and nested groups: `outer` holds `a` and `b`, `inner` (inside
/// `outer`) holds `inner_members`, and `empty` holds nothing.
pub(crate) fn nested_groups(inner_members: &[&str]) -> Map {
    let id = |s: &str| Id::new(s).unwrap();
    let mut map = Map::new("t");
    for c in ["a", "b", "c"] {
        map.add_claim(Claim::new(id(c), c)).unwrap();
    }
    let mut outer = Group::new(id("outer"), "Outer");
    outer.members = vec![id("a"), id("b")];
    map.add_group(outer).unwrap();
    let mut inner = Group::new(id("inner"), "Inner");
    inner.members = inner_members.iter().map(|m| id(m)).collect();
    inner.parent = Some(id("outer"));
    map.add_group(inner).unwrap();
    map.add_group(Group::new(id("empty"), "Empty")).unwrap();
    map
}
