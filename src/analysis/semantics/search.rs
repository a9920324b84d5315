//! Complete, preferred and stable labellings: a search over what the grounded labelling
//! leaves undecided.
//!
//! Every complete labelling agrees with the grounded one on its IN and OUT arguments, so only
//! the grounded-UNDEC arguments are searched. They are taken one strongly connected part at
//! a time, attackers' parts first, so that a choice upstream settles much downstream by
//! propagation before the next choice. The propagation rules are those of a complete
//! labelling: an argument is IN exactly when all its attackers are OUT, OUT exactly when one
//! is IN; an IN argument makes its attackers OUT; an OUT argument with one attacker left
//! undecided makes it IN; an UNDEC argument with one attacker left and the rest OUT makes it
//! UNDEC.
//!
//! Preferred labellings are the complete ones with a maximal IN set; stable ones are complete
//! with nothing UNDEC (the search does not try UNDEC at all). The search is exhaustive, so its
//! answers are exact; a [`Budget`] bounds it, and running out is reported as [`Undecided`].

use std::time::Instant;

use petgraph::graph::{DiGraph, NodeIndex};

use super::{grounded, Framework, Label};

/// Which semantics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Semantics {
    /// The one grounded labelling.
    Grounded,
    /// Every complete labelling.
    Complete,
    /// The complete labellings with a maximal set of IN arguments.
    Preferred,
    /// The complete labellings with no UNDEC argument (there may be none).
    Stable,
}

crate::names::choice_names!(Semantics, "semantics" {
    Grounded => "grounded" | "gr",
    Complete => "complete" | "co",
    Preferred => "preferred" | "pr",
    Stable => "stable" | "st",
});

/// How far the search may go before it gives up.
#[derive(Clone, Copy, Debug)]
pub struct Budget {
    /// Stop after finding this many complete labellings (for preferred: complete labellings
    /// looked at, since the maximal ones are known only at the end). `None`: no limit.
    pub labellings: Option<usize>,
    /// Stop at this moment. `None`: no limit.
    pub deadline: Option<Instant>,
}

impl Default for Budget {
    /// One million labellings, and no time limit.
    fn default() -> Budget {
        Budget {
            labellings: Some(1_000_000),
            deadline: None,
        }
    }
}

/// The search ran out of its budget: the answer is not known.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not decided within the budget: {reason} after finding {found} labellings")]
pub struct Undecided {
    /// Which limit was reached.
    pub reason: &'static str,
    /// How many labellings were found before stopping.
    pub found: usize,
}

/// The labellings of one semantics.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Extensions {
    /// Each labelling, every argument's label; in the order found (deterministic).
    pub labellings: Vec<Vec<Label>>,
}

impl Extensions {
    /// Each labelling's IN arguments, in increasing order.
    pub fn sets(&self) -> Vec<Vec<u32>> {
        self.labellings
            .iter()
            .map(|l| {
                (0..l.len() as u32)
                    .filter(|&a| l[a as usize] == Label::In)
                    .collect()
            })
            .collect()
    }

    /// Whether an argument is IN in some labelling (credulous acceptance).
    pub fn credulous(&self, a: u32) -> bool {
        self.labellings.iter().any(|l| l[a as usize] == Label::In)
    }

    /// Whether an argument is IN in every labelling (sceptical acceptance). With no labelling
    /// at all (no stable one), every argument is sceptically accepted, as the definition
    /// says; callers should say that there is none.
    pub fn sceptical(&self, a: u32) -> bool {
        self.labellings.iter().all(|l| l[a as usize] == Label::In)
    }
}

/// The labellings of a semantics, exactly, or [`Undecided`] when the budget runs out.
///
/// # Errors
///
/// [`Undecided`] when the search needs more than the budget allows.
pub fn extensions(
    af: &Framework,
    semantics: Semantics,
    budget: &Budget,
) -> Result<Extensions, Undecided> {
    let ground = grounded(af).labels;
    if semantics == Semantics::Grounded {
        return Ok(Extensions {
            labellings: vec![ground],
        });
    }
    let order = search_order(af, &ground);
    let mut search = Search::new(af, semantics == Semantics::Stable);
    // The grounded labelling holds in every complete labelling: decide it first. It is
    // complete itself, so deciding it meets no conflict.
    for (a, &l) in ground.iter().enumerate() {
        if l != Label::Undec {
            let ok = search.assign(a as u32, l == Label::In);
            debug_assert!(ok, "the grounded labelling is complete");
        }
    }
    // Grounded IN arguments have all their attackers OUT, and grounded OUT ones are beaten:
    // they never leave an obligation, so the search looks past them.
    search.base = search.trail.len();
    let mut found: Vec<Vec<Label>> = Vec::new();
    let limit = budget.labellings.unwrap_or(usize::MAX);
    // Depth-first over choices: each frame is an argument, the next value to try (IN first,
    // then not IN), and where the trail stood before it was chosen.
    const VALUES: [bool; 2] = [true, false];
    let mut frames: Vec<(u32, usize, usize)> = Vec::new();
    let mut tries: u64 = 0;
    loop {
        match search.pick(&order) {
            None => {
                if found.len() == limit {
                    return Err(Undecided {
                        reason: "the limit on labellings was reached",
                        found: limit,
                    });
                }
                found.push(search.labels());
            }
            Some(x) => frames.push((x, 0, search.trail.len())),
        }
        // Try the next value of the deepest frame that has one left.
        loop {
            let Some(frame) = frames.last_mut() else {
                return Ok(finish(semantics, found));
            };
            let (x, next, mark) = *frame;
            search.undo(mark);
            if next == VALUES.len() {
                frames.pop();
                continue;
            }
            frame.1 += 1;
            tries += 1;
            if tries % 1024 == 0 {
                if let Some(deadline) = budget.deadline {
                    if Instant::now() >= deadline {
                        return Err(Undecided {
                            reason: "the time limit was reached",
                            found: found.len(),
                        });
                    }
                }
            }
            if search.assign(x, VALUES[next]) {
                break;
            }
        }
    }
}

/// Keeps the labellings the semantics wants from the complete ones found.
fn finish(semantics: Semantics, mut found: Vec<Vec<Label>>) -> Extensions {
    if semantics == Semantics::Preferred {
        let ins: Vec<Vec<bool>> = found
            .iter()
            .map(|l| l.iter().map(|&x| x == Label::In).collect())
            .collect();
        let subset = |a: &[bool], b: &[bool]| a.iter().zip(b).all(|(&x, &y)| !x || y);
        let keep: Vec<bool> = (0..found.len())
            .map(|i| {
                !(0..found.len()).any(|j| j != i && subset(&ins[i], &ins[j]) && ins[i] != ins[j])
            })
            .collect();
        let mut i = 0;
        found.retain(|_| {
            i += 1;
            keep[i - 1]
        });
    }
    Extensions { labellings: found }
}

/// The grounded-UNDEC arguments in the order to decide them: strongly connected parts of
/// the attack graph among them, attackers' parts first; by index inside a part.
fn search_order(af: &Framework, ground: &[Label]) -> Vec<u32> {
    let open: Vec<u32> = (0..af.len() as u32)
        .filter(|&a| ground[a as usize] == Label::Undec)
        .collect();
    let mut local = vec![u32::MAX; af.len()];
    for (i, &a) in open.iter().enumerate() {
        local[a as usize] = i as u32;
    }
    let mut g: DiGraph<(), ()> = DiGraph::with_capacity(open.len(), 0);
    for _ in &open {
        g.add_node(());
    }
    for &a in &open {
        for &b in af.targets(a) {
            if local[b as usize] != u32::MAX {
                g.add_edge(
                    NodeIndex::new(local[a as usize] as usize),
                    NodeIndex::new(local[b as usize] as usize),
                    (),
                );
            }
        }
    }
    // Kosaraju is iterative in petgraph, and lists the parts in reverse topological order.
    let mut parts = petgraph::algo::kosaraju_scc(&g);
    parts.reverse();
    let mut order = Vec::with_capacity(open.len());
    for mut part in parts {
        part.sort_unstable();
        order.extend(part.into_iter().map(|n| open[n.index()]));
    }
    order
}

const OPEN: u8 = 0;
const IN: u8 = 1;
const NOT_IN: u8 = 2;

/// A partial choice of the IN set, with the counts that make each step of propagation cheap,
/// and an undo trail. An argument ends OUT when some attacker is IN, and UNDEC when it is
/// neither IN nor OUT; the search only decides IN or not.
///
/// The rules kept, as a complete labelling needs them:
/// - no IN argument attacks another (conflict-free);
/// - every attacker of an IN argument ends OUT (the IN set defends its members);
/// - an argument whose attackers are all OUT is IN (the IN set holds all it defends);
/// - for stable labellings, every argument that is not IN ends OUT.
struct Search<'a> {
    af: &'a Framework,
    state: Vec<u8>,
    /// IN attackers of each argument: OUT when positive.
    in_attackers: Vec<u32>,
    /// Attackers not yet decided.
    open: Vec<u32>,
    /// Attackers that are OUT.
    beaten: Vec<u32>,
    /// IN arguments each argument attacks.
    attacks_in: Vec<u32>,
    trail: Vec<u32>,
    /// Where the search's own decisions start on the trail.
    base: usize,
    stable: bool,
    queue: Vec<(u32, bool)>,
}

impl<'a> Search<'a> {
    fn new(af: &'a Framework, stable: bool) -> Search<'a> {
        let n = af.len();
        Search {
            af,
            state: vec![OPEN; n],
            in_attackers: vec![0; n],
            open: (0..n as u32)
                .map(|a| af.attackers(a).len() as u32)
                .collect(),
            beaten: vec![0; n],
            attacks_in: vec![0; n],
            trail: Vec::new(),
            base: 0,
            stable,
            queue: Vec::new(),
        }
    }

    fn labels(&self) -> Vec<Label> {
        (0..self.state.len())
            .map(|a| {
                if self.state[a] == IN {
                    Label::In
                } else if self.in_attackers[a] > 0 {
                    Label::Out
                } else {
                    Label::Undec
                }
            })
            .collect()
    }

    fn undo(&mut self, mark: usize) {
        while self.trail.len() > mark {
            let z = self.trail.pop().expect("above the mark");
            let af = self.af;
            if self.state[z as usize] == IN {
                for &t in af.targets(z) {
                    self.open[t as usize] += 1;
                    self.in_attackers[t as usize] -= 1;
                    if self.in_attackers[t as usize] == 0 {
                        for &u in af.targets(t) {
                            self.beaten[u as usize] -= 1;
                        }
                    }
                }
                for &y in af.attackers(z) {
                    self.attacks_in[y as usize] -= 1;
                }
            } else {
                for &t in af.targets(z) {
                    self.open[t as usize] += 1;
                }
            }
            self.state[z as usize] = OPEN;
        }
    }

    /// Decides an argument and propagates; `false` on a conflict (the caller undoes).
    fn assign(&mut self, a: u32, is_in: bool) -> bool {
        self.queue.clear();
        self.queue.push((a, is_in));
        while let Some((x, is_in)) = self.queue.pop() {
            let want = if is_in { IN } else { NOT_IN };
            match self.state[x as usize] {
                OPEN => {}
                s if s == want => continue,
                _ => return false,
            }
            let ok = if is_in {
                self.set_in(x)
            } else {
                self.set_not_in(x)
            };
            if !ok {
                return false;
            }
        }
        true
    }

    /// The argument to decide next, or `None` when all are decided. An obligation comes
    /// first: an attacker of an IN argument (or, for stable, a not-IN argument) that nothing
    /// IN attacks yet needs one of its open attackers IN, so one of those is tried. Then the
    /// first open argument in the search order.
    fn pick(&self, order: &[u32]) -> Option<u32> {
        let unbeaten_open_attacker = |y: u32| {
            if self.in_attackers[y as usize] > 0 {
                return None;
            }
            self.af
                .attackers(y)
                .iter()
                .copied()
                .find(|&b| self.state[b as usize] == OPEN)
        };
        for &z in &self.trail[self.base..] {
            let obliged: Option<u32> = if self.state[z as usize] == IN {
                self.af
                    .attackers(z)
                    .iter()
                    .find_map(|&y| unbeaten_open_attacker(y))
            } else if self.stable {
                unbeaten_open_attacker(z)
            } else {
                None
            };
            if obliged.is_some() {
                return obliged;
            }
        }
        order
            .iter()
            .copied()
            .find(|&a| self.state[a as usize] == OPEN)
    }

    /// The one attacker of `y` still undecided (the caller knows there is exactly one).
    fn open_attacker(&self, y: u32) -> u32 {
        *self
            .af
            .attackers(y)
            .iter()
            .find(|&&b| self.state[b as usize] == OPEN)
            .expect("one open attacker")
    }

    /// `y` attacks an IN argument, so some attacker of `y` must end IN.
    fn must_be_beaten(&mut self, y: u32) -> bool {
        if self.in_attackers[y as usize] > 0 {
            return true;
        }
        match self.open[y as usize] {
            0 => false,
            1 => {
                let b = self.open_attacker(y);
                self.queue.push((b, true));
                true
            }
            _ => true,
        }
    }

    fn set_in(&mut self, z: u32) -> bool {
        let af = self.af;
        self.state[z as usize] = IN;
        self.trail.push(z);
        // All counts are updated before any conflict is reported, so that undo stays exact.
        let mut ok = true;
        for &t in af.targets(z) {
            let t = t as usize;
            self.open[t] -= 1;
            self.in_attackers[t] += 1;
            if self.in_attackers[t] == 1 {
                for &u in af.targets(t as u32) {
                    self.beaten[u as usize] += 1;
                    if self.beaten[u as usize] as usize == af.attackers(u).len() {
                        // u is defended: it must be IN.
                        match self.state[u as usize] {
                            NOT_IN => ok = false,
                            OPEN => self.queue.push((u, true)),
                            _ => {}
                        }
                    }
                }
            }
            match self.state[t] {
                IN => ok = false,
                OPEN => self.queue.push((t as u32, false)),
                _ => {}
            }
        }
        for &y in af.attackers(z) {
            self.attacks_in[y as usize] += 1;
            match self.state[y as usize] {
                IN => ok = false,
                OPEN => self.queue.push((y, false)),
                _ => {}
            }
        }
        if !ok {
            return false;
        }
        af.attackers(z).iter().all(|&y| self.must_be_beaten(y))
    }

    fn set_not_in(&mut self, z: u32) -> bool {
        let af = self.af;
        self.state[z as usize] = NOT_IN;
        self.trail.push(z);
        for &t in af.targets(z) {
            self.open[t as usize] -= 1;
        }
        // An argument all of whose attackers are OUT must be IN.
        if self.beaten[z as usize] as usize == af.attackers(z).len() {
            return false;
        }
        if self.stable && !self.must_be_beaten(z) {
            return false;
        }
        for &t in af.targets(z) {
            let needs = self.attacks_in[t as usize] > 0
                || (self.stable && self.state[t as usize] == NOT_IN);
            if needs && !self.must_be_beaten(t) {
                return false;
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::super::is_complete;
    use super::*;

    fn sets(af: &Framework, s: Semantics) -> Vec<Vec<u32>> {
        let mut out = extensions(af, s, &Budget::default()).unwrap().sets();
        out.sort();
        out
    }

    #[test]
    fn a_mutual_attack_has_three_complete_two_preferred_two_stable() {
        let af = Framework::new(2, [(0, 1), (1, 0)]);
        assert_eq!(sets(&af, Semantics::Complete), [vec![], vec![0], vec![1]]);
        assert_eq!(sets(&af, Semantics::Preferred), [vec![0], vec![1]]);
        assert_eq!(sets(&af, Semantics::Stable), [vec![0], vec![1]]);
        assert_eq!(sets(&af, Semantics::Grounded), [Vec::<u32>::new()]);
    }

    #[test]
    fn an_odd_cycle_has_no_stable_labelling() {
        let af = Framework::new(3, [(0, 1), (1, 2), (2, 0)]);
        assert_eq!(sets(&af, Semantics::Complete), [Vec::<u32>::new()]);
        assert_eq!(sets(&af, Semantics::Preferred), [Vec::<u32>::new()]);
        assert!(sets(&af, Semantics::Stable).is_empty());
    }

    #[test]
    fn every_labelling_found_is_complete_and_none_is_missed() {
        // Brute force over all 3^n labellings of small random frameworks.
        let mut seed = 7u64;
        let mut rand = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..500 {
            let n = (rand() % 8) as usize + 1;
            let attacks: Vec<(u32, u32)> = (0..rand() % 18)
                .map(|_| ((rand() % n as u64) as u32, (rand() % n as u64) as u32))
                .collect();
            let af = Framework::new(n, attacks);
            let mut brute = Vec::new();
            for code in 0..3usize.pow(n as u32) {
                let labels: Vec<Label> = (0..n)
                    .map(|i| [Label::In, Label::Out, Label::Undec][code / 3usize.pow(i as u32) % 3])
                    .collect();
                if is_complete(&af, &labels) {
                    brute.push(labels);
                }
            }
            let mut found = extensions(&af, Semantics::Complete, &Budget::default())
                .unwrap()
                .labellings;
            found.sort();
            brute.sort();
            assert_eq!(found, brute, "{af:?}");
            let stable: Vec<_> = brute
                .iter()
                .filter(|l| !l.contains(&Label::Undec))
                .cloned()
                .collect();
            let mut got = extensions(&af, Semantics::Stable, &Budget::default())
                .unwrap()
                .labellings;
            got.sort();
            assert_eq!(got, stable, "{af:?}");
        }
    }

    #[test]
    fn the_budget_stops_the_search_with_a_clear_answer() {
        // Ten independent mutual attacks: 3^10 complete labellings.
        let af = Framework::new(
            20,
            (0..10).flat_map(|i| [(2 * i, 2 * i + 1), (2 * i + 1, 2 * i)]),
        );
        let budget = Budget {
            labellings: Some(100),
            deadline: None,
        };
        let err = extensions(&af, Semantics::Complete, &budget).unwrap_err();
        assert_eq!(err.found, 100);
        assert!(err.to_string().starts_with("not decided within the budget"));
        assert_eq!(
            extensions(&af, Semantics::Stable, &Budget::default())
                .unwrap()
                .labellings
                .len(),
            1024
        );
    }
}
