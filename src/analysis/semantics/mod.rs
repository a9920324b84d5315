//! Which arguments stand: Dung's semantics on a compact abstract framework.
//!
//! A [`Framework`] holds arguments `0..n` and attacks between them in flat arrays (each
//! argument's attackers and targets as one slice of a shared list), so that a framework of a
//! million arguments takes a few tens of megabytes and every pass over it runs through memory
//! in order. Maps translate into one ([`from_map`], which says how supports, premises and
//! undercuts are read); ICCMA files
//! build one directly ([`crate::format::iccma`]).
//!
//! - [`grounded`] labels every argument IN, OUT or UNDEC in time linear in the framework, with
//!   the attacker that put each OUT argument out: the reason a coach reads.
//! - [`extensions`] finds the complete, preferred or stable labellings. It starts from the
//!   grounded labelling (which every complete labelling extends), then searches the undecided
//!   rest with propagation, one strongly connected part at a time, within a [`Budget`]: past it,
//!   the answer is "not decided", never a wrong one.

mod bipolar;
mod gradual;
mod search;

pub use bipolar::{bipolar_from_map, from_map, Translation};
pub use gradual::{strengths, Bipolar, Gradual, Strengths, Tolerance};
pub use search::{extensions, Budget, Extensions, Semantics, Undecided};

/// An abstract argumentation framework: arguments `0..len()` and who attacks whom.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Framework {
    /// For each argument, where its targets start in `targets` (one more entry at the end).
    target_start: Vec<u32>,
    targets: Vec<u32>,
    /// For each argument, where its attackers start in `attackers`.
    attacker_start: Vec<u32>,
    attackers: Vec<u32>,
}

impl Framework {
    /// A framework of `n` arguments and the given attacks `(attacker, target)`. A repeated
    /// attack counts once.
    ///
    /// # Panics
    ///
    /// When an attack names an argument `>= n`.
    pub fn new(n: usize, attacks: impl IntoIterator<Item = (u32, u32)>) -> Framework {
        let mut pairs: Vec<(u32, u32)> = attacks.into_iter().collect();
        assert!(
            pairs
                .iter()
                .all(|&(a, b)| (a as usize) < n && (b as usize) < n),
            "an attack names an argument outside 0..{n}"
        );
        pairs.sort_unstable();
        pairs.dedup();
        let (target_start, targets) = csr(n, pairs.iter().copied());
        let (attacker_start, attackers) = csr(n, pairs.iter().map(|&(a, b)| (b, a)));
        Framework {
            target_start,
            targets,
            attacker_start,
            attackers,
        }
    }

    /// How many arguments.
    pub fn len(&self) -> usize {
        self.target_start.len().saturating_sub(1)
    }

    /// Whether there are no arguments.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many attacks.
    pub fn attack_count(&self) -> usize {
        self.targets.len()
    }

    /// The arguments `a` attacks, in increasing order.
    pub fn targets(&self, a: u32) -> &[u32] {
        let a = a as usize;
        &self.targets[self.target_start[a] as usize..self.target_start[a + 1] as usize]
    }

    /// The arguments that attack `a`, in increasing order.
    pub fn attackers(&self, a: u32) -> &[u32] {
        let a = a as usize;
        &self.attackers[self.attacker_start[a] as usize..self.attacker_start[a + 1] as usize]
    }

    /// Every attack `(attacker, target)`, by attacker then target.
    pub fn attacks(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        (0..self.len() as u32).flat_map(move |a| self.targets(a).iter().map(move |&b| (a, b)))
    }
}

/// Each argument's list of neighbours in one flat array, from pairs sorted by their first.
fn csr(n: usize, pairs: impl Iterator<Item = (u32, u32)> + Clone) -> (Vec<u32>, Vec<u32>) {
    let mut start = vec![0u32; n + 1];
    for (a, _) in pairs.clone() {
        start[a as usize + 1] += 1;
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let mut fill = start.clone();
    let mut list = vec![0u32; start[n] as usize];
    for (a, b) in pairs {
        list[fill[a as usize] as usize] = b;
        fill[a as usize] += 1;
    }
    // Each list sorted, whatever the order of the pairs.
    for i in 0..n {
        list[start[i] as usize..start[i + 1] as usize].sort_unstable();
    }
    (start, list)
}

/// An argument's status in a labelling.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    /// Accepted: every attacker is OUT.
    In,
    /// Rejected: some attacker is IN.
    Out,
    /// Neither: it depends on a conflict the semantics leaves open.
    Undec,
}

impl Label {
    /// The label's name, as the command line prints it.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::In => "in",
            Label::Out => "out",
            Label::Undec => "undec",
        }
    }
}

/// The grounded labelling, with the reason for every OUT argument.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grounded {
    /// Each argument's label.
    pub labels: Vec<Label>,
    /// For each OUT argument, the IN attacker that put it out (the first one found).
    pub cause: Vec<Option<u32>>,
}

impl Grounded {
    /// The IN arguments, in increasing order.
    pub fn extension(&self) -> Vec<u32> {
        (0..self.labels.len() as u32)
            .filter(|&a| self.labels[a as usize] == Label::In)
            .collect()
    }
}

/// The grounded labelling: what stands whatever choice is made in the open conflicts.
///
/// The queue algorithm: arguments with no attacker are IN; what an IN argument attacks is
/// OUT; an argument whose attackers are all OUT is IN; what is left is UNDEC. Each argument
/// is queued at most once and each attack looked at twice at most, so it runs in time linear
/// in the framework, without recursion.
pub fn grounded(af: &Framework) -> Grounded {
    let n = af.len();
    let mut live: Vec<u32> = (0..n as u32)
        .map(|a| af.attackers(a).len() as u32)
        .collect();
    let mut labels = vec![Label::Undec; n];
    let mut cause = vec![None; n];
    let mut queue: Vec<u32> = (0..n as u32).filter(|&a| live[a as usize] == 0).collect();
    for &a in &queue {
        labels[a as usize] = Label::In;
    }
    let mut next = 0;
    while next < queue.len() {
        let a = queue[next];
        next += 1;
        for &b in af.targets(a) {
            if labels[b as usize] != Label::Undec {
                continue;
            }
            labels[b as usize] = Label::Out;
            cause[b as usize] = Some(a);
            for &d in af.targets(b) {
                let l = &mut live[d as usize];
                *l -= 1;
                if *l == 0 && labels[d as usize] == Label::Undec {
                    labels[d as usize] = Label::In;
                    queue.push(d);
                }
            }
        }
    }
    Grounded { labels, cause }
}

/// Whether a labelling is complete: IN exactly when every attacker is OUT, OUT exactly when
/// some attacker is IN.
pub fn is_complete(af: &Framework, labels: &[Label]) -> bool {
    (0..af.len() as u32).all(|a| {
        let attackers = af.attackers(a);
        let any_in = attackers.iter().any(|&b| labels[b as usize] == Label::In);
        let all_out = attackers.iter().all(|&b| labels[b as usize] == Label::Out);
        match labels[a as usize] {
            Label::In => all_out,
            Label::Out => any_in,
            Label::Undec => !any_in && !all_out,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grounded_of_a_chain_alternates_and_names_the_cause() {
        // 0 -> 1 -> 2 -> 3
        let af = Framework::new(4, [(0, 1), (1, 2), (2, 3)]);
        let g = grounded(&af);
        assert_eq!(g.labels, [Label::In, Label::Out, Label::In, Label::Out]);
        assert_eq!(g.cause, [None, Some(0), None, Some(2)]);
        assert!(is_complete(&af, &g.labels));
    }

    #[test]
    fn cycles_and_self_attacks_stay_undecided() {
        // 0 <-> 1, 1 -> 2, 3 -> 3, 3 -> 4
        let af = Framework::new(5, [(0, 1), (1, 0), (1, 2), (3, 3), (3, 4)]);
        let g = grounded(&af);
        assert!(g.labels.iter().all(|&l| l == Label::Undec));
        assert!(is_complete(&af, &g.labels));
    }

    #[test]
    fn repeated_attacks_count_once() {
        let af = Framework::new(2, [(0, 1), (0, 1)]);
        assert_eq!(af.attack_count(), 1);
        assert_eq!(grounded(&af).labels, [Label::In, Label::Out]);
    }

    #[test]
    fn a_million_long_chain_needs_no_stack() {
        let n = 1_000_000u32;
        let af = Framework::new(n as usize, (0..n - 1).map(|a| (a, a + 1)));
        let g = grounded(&af);
        assert_eq!(g.labels[n as usize - 1], Label::Out);
        assert_eq!(g.labels[n as usize - 2], Label::In);
    }
}
