//! Synthetic maps for benchmarks and tests: deterministic from a seed, written both as a
//! [`Map`] and as Argdown text, so that argumap and Argdown can be timed on the same work.
//!
//! The shape follows the Argdown benchmark generator: N claims split into sections; N - 1
//! claim-to-claim supports and rebuttals in a tree (every claim answers an earlier one), and
//! N/10 random cross links; N/10 arguments, each supporting or attacking a claim, every second
//! one with two premises and a conclusion. On top of that,
//! which Argdown has no place for: actors who assert the claims, sources, tags, and an
//! undercut on every tenth reconstructed argument.

use std::collections::HashSet;
use std::io::{self, Write};

use crate::model::{
    Actor, ActorKind, Argument, Claim, Group, Id, Map, Relation, RelationKind, Source, Stance,
    StanceKind,
};

/// What to generate.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct GenOptions {
    /// Number of claims.
    pub claims: usize,
    /// The seed: the same options give the same map.
    pub seed: u64,
    /// Number of sections (groups; Argdown headings).
    pub sections: usize,
    /// Arguments per claim.
    pub argument_ratio: f64,
}

impl GenOptions {
    /// Options for a map of `claims` claims with the default seed and shape.
    pub fn new(claims: usize) -> GenOptions {
        GenOptions {
            claims,
            seed: 1,
            sections: 10,
            argument_ratio: 0.1,
        }
    }

    /// The same options with another seed.
    pub fn seed(mut self, seed: u64) -> GenOptions {
        self.seed = seed;
        self
    }
}

/// A small, fast, deterministic generator (SplitMix64); quality is ample for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
}

const WORDS: [&str; 25] = [
    "encryption",
    "police",
    "privacy",
    "safety",
    "children",
    "messages",
    "lawful",
    "access",
    "backdoor",
    "platform",
    "government",
    "experts",
    "report",
    "cases",
    "security",
    "users",
    "data",
    "court",
    "warrant",
    "policy",
    "risk",
    "evidence",
    "harm",
    "trust",
    "summit",
];
const TAGS: [&str; 5] = ["pro", "con", "officials", "industry", "context"];

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::with_capacity(words * 8);
    for i in 0..words {
        let w = WORDS[rng.range(0, WORDS.len() - 1)];
        if i == 0 {
            let mut c = w.chars();
            if let Some(first) = c.next() {
                s.extend(first.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push(' ');
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

/// A support a little more often than a rebuttal, as in the Argdown generator.
fn pro_or_con(rng: &mut Rng) -> RelationKind {
    if rng.chance(0.55) {
        RelationKind::Supports
    } else {
        RelationKind::Rebuts
    }
}

fn id(prefix: &str, n: usize) -> Id {
    Id::new(&format!("{prefix}{n}")).expect("generated ids are valid")
}

/// Generates a map. Claims are `s1`..`sN`, arguments `a1`.., actors `p1`.., sources `src1`..,
/// sections `sec1`...
pub fn generate(options: &GenOptions) -> Map {
    let n = options.claims.max(1);
    let mut rng = Rng(options.seed);
    let mut map = Map::new(format!("Synthetic map N={n}"));
    let n_actors = (n / 100).max(3);
    let n_sources = (n / 1000).max(1);
    for s in 1..=n_sources {
        let mut source = Source::new(id("src", s), format!("Source {s}"));
        source.author = Some(format!("Author {s}"));
        source.date = Some("2019-10-04".into());
        map.add_source(source).expect("fresh id");
    }
    for p in 1..=n_actors {
        let kind = [
            ActorKind::Person,
            ActorKind::Organisation,
            ActorKind::Government,
        ][p % 3];
        let mut actor = Actor::new(id("p", p), format!("Actor {p}"), kind);
        actor.role = Some(format!("Role {}", p % 7));
        map.add_actor(actor).expect("fresh id");
    }
    let sections = options.sections.clamp(1, n);
    let per_section = n.div_ceil(sections);
    let mut groups: Vec<Group> = (1..=sections)
        .map(|g| Group::new(id("sec", g), format!("Section {g}")))
        .collect();
    for i in 1..=n {
        let mut claim = Claim::new(id("s", i), sentence(&mut rng, 10));
        if rng.chance(0.3) {
            let tag = TAGS[rng.range(0, TAGS.len() - 1)];
            claim.meta.data_mut().tags.push(tag.into());
        }
        claim.source = Some(id("src", rng.range(1, n_sources)));
        map.add_claim(claim).expect("fresh id");
        groups[((i - 1) / per_section).min(sections - 1)]
            .members
            .push(id("s", i));
    }

    // Claim-to-claim relations: a tree (every claim answers an earlier one) plus a tenth as
    // many cross links; a pair is related once, as the model requires. Every relation runs
    // from a later claim to an earlier one, so support never goes round in a circle. Each
    // claim has a side: a support keeps its target's side, a rebuttal takes the other, and a
    // cross link supports or rebuts as the sides of its ends say; so no actor, who speaks
    // for one side, asserts both ends of a rebuttal.
    let n_args = ((n as f64 * options.argument_ratio) as usize).max(1);
    let mut side = vec![false; n + 1];
    let mut related: HashSet<(usize, usize)> = HashSet::with_capacity(n + n / 10);
    for child in 2..=n {
        let parent = rng.range(1, child - 1);
        let kind = pro_or_con(&mut rng);
        side[child] = side[parent] ^ (kind == RelationKind::Rebuts);
        related.insert((child, parent));
        map.add_relation(Relation::new(id("s", child), kind, id("s", parent)))
            .expect("new relation between claims");
    }
    for _ in 0..n / 10 {
        let (a, b) = (rng.range(1, n), rng.range(1, n));
        let (later, earlier) = (a.max(b), a.min(b));
        if later == earlier || !related.insert((later, earlier)) {
            continue;
        }
        let kind = if side[later] == side[earlier] {
            RelationKind::Supports
        } else {
            RelationKind::Rebuts
        };
        map.add_relation(Relation::new(id("s", later), kind, id("s", earlier)))
            .expect("new relation between claims");
    }
    // Each claim is asserted by an actor of its side: odd actors take one, even the other.
    for (i, &claim_side) in side.iter().enumerate().skip(1) {
        let actor = loop {
            let p = rng.range(1, n_actors);
            if (p % 2 == 0) == claim_side {
                break p;
            }
        };
        map.add_stance(Stance::new(id("p", actor), StanceKind::Asserts, id("s", i)))
            .expect("claim and actor exist");
    }

    // Arguments: each supports or attacks a claim; every second one is reconstructed.
    for a in 1..=n_args {
        let mut argument = Argument::new(id("a", a));
        argument.text = Some(sentence(&mut rng, 8));
        let tag = TAGS[rng.range(0, TAGS.len() - 1)];
        argument.meta.data_mut().tags.push(tag.into());
        map.add_argument(argument).expect("fresh id");
        let target = rng.range(1, n);
        let kind = pro_or_con(&mut rng);
        map.add_relation(Relation::new(id("a", a), kind, id("s", target)))
            .expect("new relation");
        if a % 2 == 0 && n >= 4 && target > 1 {
            // A conclusion before the target, and two distinct premises after both, so that
            // support still runs from later claims to earlier ones.
            let c = rng.range(1, target - 1);
            let mut pick = |taken: &[usize]| loop {
                let s = rng.range(target, n);
                if !taken.contains(&s) {
                    return s;
                }
            };
            if n - target < 3 {
                continue;
            }
            let p1 = pick(&[target]);
            let p2 = pick(&[target, p1]);
            for p in [p1, p2] {
                map.add_relation(Relation::new(id("s", p), RelationKind::Premise, id("a", a)))
                    .expect("new premise");
            }
            map.add_relation(Relation::new(
                id("a", a),
                RelationKind::Conclusion,
                id("s", c),
            ))
            .expect("new conclusion");
            if a % 20 == 0 {
                let u = pick(&[target, p1, p2]);
                map.add_relation(Relation::new(
                    id("s", u),
                    RelationKind::Undercuts,
                    id("a", a),
                ))
                .expect("new undercut");
            }
        }
    }
    for g in groups {
        map.add_group(g).expect("members exist");
    }
    map
}

/// Writes a map as Argdown: groups as headings with their claims (`[id]: text #tag`) and
/// arguments (`<id>: text`), relations grouped under their target (`+ [child]` supports,
/// `- [child]` attacks, `_ [child]` undercuts), reconstructed arguments as premise-conclusion
/// structures. Actors, stances and sources have no Argdown form and are left out.
///
/// # Errors
///
/// Only the writer's own errors.
pub fn write_argdown(map: &Map, out: impl Write) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    writeln!(out, "===\ntitle: {}\n===\n", map.title.replace('\n', " "))?;
    let element = |out: &mut io::BufWriter<_>, id: &str| -> io::Result<()> {
        if let Some(c) = map.claim(id) {
            write!(out, "[{}]: {}", c.id, c.text)?;
            for t in c.meta.tags() {
                write!(out, " #{t}")?;
            }
            writeln!(out, "\n")
        } else if let Some(a) = map.argument(id) {
            write!(out, "<{}>: {}", a.id, a.text.as_deref().unwrap_or(""))?;
            for t in a.meta.tags() {
                write!(out, " #{t}")?;
            }
            writeln!(out, "\n")
        } else {
            Ok(())
        }
    };
    let mut placed: HashSet<&str> = HashSet::new();
    for g in map.groups() {
        writeln!(out, "# {}\n", g.title)?;
        for m in &g.members {
            if placed.insert(m.as_str()) {
                element(&mut out, m)?;
            }
        }
    }
    writeln!(out, "# Other statements and arguments\n")?;
    for e in map.elements() {
        if !placed.contains(e.id().as_str()) {
            element(&mut out, e.id())?;
        }
    }

    writeln!(out, "# Relations\n")?;
    let bracket = |id: &Id| {
        if map.argument(id).is_some() {
            format!("<{id}>")
        } else {
            format!("[{id}]")
        }
    };
    let mut by_target: indexmap::IndexMap<&Id, Vec<(&str, &Id)>> = indexmap::IndexMap::new();
    for r in map.relations() {
        let sign = match r.kind {
            RelationKind::Supports => "+",
            RelationKind::Rebuts => "-",
            RelationKind::Undercuts => "_",
            RelationKind::Contradicts => "><",
            _ => continue, // premises and conclusions are written as structures below
        };
        by_target.entry(&r.to).or_default().push((sign, &r.from));
    }
    for (target, children) in by_target {
        writeln!(out, "{}", bracket(target))?;
        for (sign, child) in children {
            writeln!(out, "    {sign} {}", bracket(child))?;
        }
        writeln!(out)?;
    }
    writeln!(out, "# Reconstructions\n")?;
    for a in map.arguments() {
        let premises = map.premises(&a.id);
        let Some(conclusion) = map.conclusion(&a.id) else {
            continue;
        };
        writeln!(out, "<{}>\n", a.id)?;
        for (i, p) in premises.iter().enumerate() {
            writeln!(out, "({}) [{p}]", i + 1)?;
        }
        writeln!(out, "----\n({}) [{conclusion}]\n", premises.len() + 1)?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_map() {
        let a = generate(&GenOptions::new(500));
        let b = generate(&GenOptions::new(500));
        assert!(a == b);
        assert!(a != generate(&GenOptions::new(500).seed(2)));
        let stats = crate::analysis::stats(&a);
        assert_eq!(stats.claims, 500);
        assert_eq!(stats.arguments, 50);
        let relations: usize = stats.relations.values().sum();
        assert!(relations > 500, "{relations}");
        assert!(stats.relations["undercuts"] >= 2);
    }

    #[test]
    fn argdown_names_every_claim_and_argument() {
        let map = generate(&GenOptions::new(200));
        let mut text = Vec::new();
        write_argdown(&map, &mut text).unwrap();
        let text = String::from_utf8(text).unwrap();
        for c in map.claims() {
            assert!(text.contains(&format!("[{}]: ", c.id)), "{}", c.id);
        }
        for a in map.arguments() {
            assert!(text.contains(&format!("<{}>: ", a.id)), "{}", a.id);
        }
        assert!(text.contains("----\n(3) ["));
    }
}
