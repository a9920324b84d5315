//! Synthetic maps for benchmarks and tests: deterministic from a seed, written both as a
//! [`Map`] and as Argdown text, so that argumap and Argdown can be timed on the same work.
//!
//! The shape follows the Argdown benchmark generator: N claims split into sections; N - 1
//! claim-to-claim supports and rebuttals in a tree (every claim answers an earlier one), and
//! N/10 random cross links; N/10 arguments, each supporting or attacking a claim, every second
//! one with two premises and a conclusion. On top of that,
//! which Argdown has no place for: actors who assert the claims, sources, tags, and an
//! undercut on every tenth reconstructed argument.

use crate::model::Date;
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
    /// The map's shape.
    pub shape: Shape,
}

/// The shape of a generated map. Each stresses a different part of the work: many actors,
/// one actor with every stance, a node with every link, a path as long as the map, many
/// groups, many small components.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Shape {
    /// The benchmark's map: a tree of supports and rebuttals with cross links, arguments
    /// (half reconstructed, some undercut), N/100 actors, N/1000 sources, ten sections.
    #[default]
    Default,
    /// A rebuttal tree in which every claim has its own actor, who asserts it.
    ActorPerClaim,
    /// One actor asserts every claim of a tree of supports.
    OneSpeaker,
    /// Every claim but the first rebuts or supports the first (one node with every link).
    Fan,
    /// A chain: each claim supports the one before it (a path as long as the map).
    Chain,
    /// Twenty actors, each asserting and denying a tenth of the claims at random, so that
    /// some both assert and deny a claim or assert both ends of a rebuttal.
    Crowd,
    /// A group per ten claims, nested in a tree of groups (each in the one at half its
    /// number), and a source per claim.
    Groups,
    /// Many small dialogues of 1 to 6 claims each, not linked to each other, two actors each.
    Dialogue,
    /// A debate tree: 10 to 30 answers to each claim at the top two levels, then 2 to 4.
    Debate,
}

impl Shape {
    /// Every shape, in the order of the list above.
    pub const ALL: [Shape; 9] = [
        Shape::Default,
        Shape::ActorPerClaim,
        Shape::OneSpeaker,
        Shape::Fan,
        Shape::Chain,
        Shape::Crowd,
        Shape::Groups,
        Shape::Dialogue,
        Shape::Debate,
    ];

    /// The shape's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Shape::Default => "default",
            Shape::ActorPerClaim => "actor-per-claim",
            Shape::OneSpeaker => "one-speaker",
            Shape::Fan => "fan",
            Shape::Chain => "chain",
            Shape::Crowd => "crowd",
            Shape::Groups => "groups",
            Shape::Dialogue => "dialogue",
            Shape::Debate => "debate",
        }
    }

    /// The shape named `name` on the command line.
    pub fn from_name(name: &str) -> Option<Shape> {
        Shape::ALL.into_iter().find(|s| s.name() == name)
    }

    /// One line on what the shape is, for `--help`.
    pub fn about(self) -> &'static str {
        match self {
            Shape::Default => {
                "tree of supports and rebuttals, cross links, arguments, N/100 actors"
            }
            Shape::ActorPerClaim => "rebuttal tree; every claim asserted by its own actor",
            Shape::OneSpeaker => "tree of supports; one actor asserts every claim",
            Shape::Fan => "every claim supports or rebuts the first",
            Shape::Chain => "each claim supports the one before",
            Shape::Crowd => "20 actors asserting and denying claims, with contradictions",
            Shape::Groups => "a group per ten claims, nested; a source per claim",
            Shape::Dialogue => "many separate dialogues of 1-6 claims, two actors each",
            Shape::Debate => "debate tree: 10-30 answers at the top two levels, then 2-4",
        }
    }
}

impl GenOptions {
    /// Options for a map of `claims` claims with the default seed and shape.
    pub fn new(claims: usize) -> GenOptions {
        GenOptions {
            claims,
            seed: 1,
            sections: 10,
            argument_ratio: 0.1,
            shape: Shape::Default,
        }
    }

    /// The same options with another shape.
    pub fn shape(mut self, shape: Shape) -> GenOptions {
        self.shape = shape;
        self
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

/// Generates a map of the options' [`Shape`]. Claims are `s1`..`sN`, arguments `a1`..,
/// actors `p1`.., sources `src1`.., sections `sec1`... Linear in N.
pub fn generate(options: &GenOptions) -> Map {
    match options.shape {
        Shape::Default => generate_default(options),
        shape => generate_shape(options, shape),
    }
}

fn claim(map: &mut Map, rng: &mut Rng, i: usize) {
    map.add_claim(Claim::new(id("s", i), sentence(rng, 10)))
        .expect("fresh id");
}

fn relate(map: &mut Map, from: usize, kind: RelationKind, to: usize) {
    map.add_relation(Relation::new(id("s", from), kind, id("s", to)))
        .expect("new relation between claims");
}

/// Relates claim `i` to an earlier claim picked at random (the first claim stands alone), by
/// the kind `kind` picks once the parent is picked, so that a seed keeps giving the same map.
fn attach(map: &mut Map, rng: &mut Rng, i: usize, kind: fn(&mut Rng) -> RelationKind) {
    if i > 1 {
        let parent = rng.range(1, i - 1);
        let kind = kind(rng);
        relate(map, i, kind, parent);
    }
}

fn stance(map: &mut Map, actor: usize, kind: StanceKind, claim: usize) {
    map.add_stance(Stance::new(id("p", actor), kind, id("s", claim)))
        .expect("claim and actor exist");
}

fn actor(map: &mut Map, p: usize) {
    let kind = [
        ActorKind::Person,
        ActorKind::Organisation,
        ActorKind::Government,
    ][p % 3];
    map.add_actor(Actor::new(id("p", p), format!("Actor {p}"), kind))
        .expect("fresh id");
}

/// The shapes other than the default one.
fn generate_shape(options: &GenOptions, shape: Shape) -> Map {
    let n = options.claims.max(1);
    let mut rng = Rng(options.seed);
    let mut map = Map::new(format!("Synthetic map N={n}, {}", shape.name()));
    match shape {
        Shape::Default => unreachable!("generated by generate_default"),
        Shape::ActorPerClaim => {
            for i in 1..=n {
                actor(&mut map, i);
            }
            for i in 1..=n {
                claim(&mut map, &mut rng, i);
                attach(&mut map, &mut rng, i, |_| RelationKind::Rebuts);
                stance(&mut map, i, StanceKind::Asserts, i);
            }
        }
        Shape::OneSpeaker => {
            actor(&mut map, 1);
            for i in 1..=n {
                claim(&mut map, &mut rng, i);
                attach(&mut map, &mut rng, i, |_| RelationKind::Supports);
                stance(&mut map, 1, StanceKind::Asserts, i);
            }
        }
        Shape::Fan => {
            actor(&mut map, 1);
            actor(&mut map, 2);
            claim(&mut map, &mut rng, 1);
            stance(&mut map, 1, StanceKind::Asserts, 1);
            for i in 2..=n {
                claim(&mut map, &mut rng, i);
                let rebuts = rng.chance(0.5);
                let kind = if rebuts {
                    RelationKind::Rebuts
                } else {
                    RelationKind::Supports
                };
                relate(&mut map, i, kind, 1);
                stance(&mut map, if rebuts { 2 } else { 1 }, StanceKind::Asserts, i);
            }
        }
        Shape::Chain => {
            actor(&mut map, 1);
            for i in 1..=n {
                claim(&mut map, &mut rng, i);
                if i > 1 {
                    relate(&mut map, i, RelationKind::Supports, i - 1);
                }
                stance(&mut map, 1, StanceKind::Asserts, i);
            }
        }
        Shape::Crowd => {
            const ACTORS: usize = 20;
            for p in 1..=ACTORS {
                actor(&mut map, p);
            }
            for i in 1..=n {
                claim(&mut map, &mut rng, i);
                attach(&mut map, &mut rng, i, pro_or_con);
            }
            // Each actor takes a tenth of the claims, asserting three in four and denying
            // the rest; an actor meets a claim at most once per kind of stance.
            let mut taken: HashSet<(usize, usize, bool)> = HashSet::new();
            for p in 1..=ACTORS {
                for _ in 0..n.div_ceil(10) {
                    let c = rng.range(1, n);
                    let asserts = rng.chance(0.75);
                    if taken.insert((p, c, asserts)) {
                        let kind = if asserts {
                            StanceKind::Asserts
                        } else {
                            StanceKind::Denies
                        };
                        stance(&mut map, p, kind, c);
                    }
                }
            }
        }
        Shape::Groups => {
            let n_groups = n.div_ceil(10);
            for i in 1..=n {
                let mut source = Source::new(id("src", i), format!("Source {i}"));
                source.author = Some(format!("Author {}", i % 97));
                map.add_source(source).expect("fresh id");
                let mut c = Claim::new(id("s", i), sentence(&mut rng, 10));
                c.source = Some(id("src", i));
                map.add_claim(c).expect("fresh id");
                attach(&mut map, &mut rng, i, pro_or_con);
            }
            for g in 1..=n_groups {
                let mut group = Group::new(id("sec", g), format!("Section {g}"));
                group.members = ((g - 1) * 10 + 1..=(g * 10).min(n))
                    .map(|i| id("s", i))
                    .collect();
                group.parent = (g > 1).then(|| id("sec", g / 2));
                map.add_group(group).expect("members and parent exist");
            }
        }
        Shape::Dialogue => {
            // The sizes first, so that actors come before claims as in a map file.
            let mut sizes = Vec::new();
            let mut left = n;
            while left > 0 {
                let size = rng.range(1, 6).min(left);
                sizes.push(size);
                left -= size;
            }
            for p in 1..=2 * sizes.len() {
                actor(&mut map, p);
            }
            let mut i = 1;
            for (d, &size) in sizes.iter().enumerate() {
                let (pro, con) = (2 * d + 1, 2 * d + 2);
                let mut side = vec![false; size];
                for k in 0..size {
                    claim(&mut map, &mut rng, i + k);
                    if k > 0 {
                        let parent = rng.range(0, k - 1);
                        let kind = pro_or_con(&mut rng);
                        side[k] = side[parent] ^ (kind == RelationKind::Rebuts);
                        relate(&mut map, i + k, kind, i + parent);
                    }
                    let speaker = if side[k] { con } else { pro };
                    stance(&mut map, speaker, StanceKind::Asserts, i + k);
                }
                i += size;
            }
        }
        Shape::Debate => {
            // Breadth first: claim `next` answers the claim at the head of the queue.
            let actors = (n / 100).max(2);
            for p in 1..=actors {
                actor(&mut map, p);
            }
            claim(&mut map, &mut rng, 1);
            stance(&mut map, 1, StanceKind::Asserts, 1);
            let mut queue = std::collections::VecDeque::from([(1usize, 0usize)]);
            let mut next = 2;
            while next <= n {
                let Some((parent, depth)) = queue.pop_front() else {
                    break;
                };
                let answers = if depth < 2 {
                    rng.range(10, 30)
                } else {
                    rng.range(2, 4)
                };
                for _ in 0..answers {
                    if next > n {
                        break;
                    }
                    claim(&mut map, &mut rng, next);
                    relate(&mut map, next, pro_or_con(&mut rng), parent);
                    stance(&mut map, rng.range(1, actors), StanceKind::Asserts, next);
                    queue.push_back((next, depth + 1));
                    next += 1;
                }
            }
        }
    }
    map
}

/// The default shape; see the module's documentation.
fn generate_default(options: &GenOptions) -> Map {
    let n = options.claims.max(1);
    let mut rng = Rng(options.seed);
    let mut map = Map::new(format!("Synthetic map N={n}"));
    let n_actors = (n / 100).max(3);
    let n_sources = (n / 1000).max(1);
    for s in 1..=n_sources {
        let mut source = Source::new(id("src", s), format!("Source {s}"));
        source.author = Some(format!("Author {s}"));
        source.date = Date::new("2019-10-04").ok();
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

    /// Each shape's map saves, loads back equal, and has the shape its name promises.
    #[test]
    fn every_shape_loads_checks_and_has_its_shape() {
        use crate::format::json;
        let n = 600;
        for shape in Shape::ALL {
            assert_eq!(Shape::from_name(shape.name()), Some(shape));
            let map = generate(&GenOptions::new(n).shape(shape));
            let loaded =
                json::from_str(&json::to_string(&map)).unwrap_or_else(|e| panic!("{shape:?}: {e}"));
            assert!(loaded.map == map, "{shape:?} round trip");
            let stats = crate::analysis::stats(&map);
            assert_eq!(stats.claims, n, "{shape:?}");
            let relations: usize = stats.relations.values().sum();
            let incoming = |id: &str| map.relations_to(id).len();
            let max_in = map.claims().map(|c| incoming(&c.id)).max().unwrap();
            match shape {
                Shape::Default => assert!(stats.arguments > 0 && stats.actors == 6),
                Shape::ActorPerClaim => {
                    assert_eq!(stats.actors, n);
                    assert_eq!(stats.relations["rebuts"], n - 1);
                    assert!(map.actors().all(|a| map.stances_of(&a.id).len() == 1));
                }
                Shape::OneSpeaker => {
                    assert_eq!((stats.actors, stats.stances), (1, n));
                    assert_eq!(stats.relations["supports"], n - 1);
                }
                Shape::Fan => {
                    assert_eq!(incoming("s1"), n - 1);
                    assert_eq!(stats.depth, Some(1));
                }
                Shape::Chain => {
                    assert_eq!(stats.depth, Some(n - 1));
                    assert_eq!(max_in, 1);
                }
                Shape::Crowd => {
                    assert_eq!(stats.actors, 20);
                    let denials = map
                        .stances()
                        .filter(|s| s.kind == StanceKind::Denies)
                        .count();
                    assert!(denials > n / 4 && stats.stances > n, "{denials}");
                    let lints = crate::analysis::lint(&map);
                    assert!(lints
                        .iter()
                        .any(|l| l.message.contains("both asserts and denies")));
                    assert!(lints
                        .iter()
                        .any(|l| l.message.contains(", which rebuts it")));
                }
                Shape::Groups => {
                    assert_eq!((stats.groups, stats.sources), (n / 10, n));
                    assert!(map.groups().skip(1).all(|g| g.parent.is_some()));
                    assert!(map.claims().all(|c| c.source.is_some()));
                }
                Shape::Dialogue => {
                    // Components of 1 to 6 claims: as many roots as dialogues.
                    assert_eq!(relations + stats.root_theses, n);
                    assert!(stats.root_theses >= n / 6 && stats.root_theses <= n / 2);
                    assert_eq!(stats.actors, 2 * stats.root_theses);
                    assert!(stats.depth.unwrap() <= 5);
                }
                Shape::Debate => {
                    assert_eq!(stats.root_theses, 1);
                    assert!((10..=30).contains(&incoming("s1")), "{}", incoming("s1"));
                    assert!(max_in <= 30);
                    assert_eq!(relations, n - 1);
                }
            }
        }
    }
}
