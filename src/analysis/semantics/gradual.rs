//! Gradual strengths: how strong each claim is, in `[0, 1]`, when support and attack both
//! count.
//!
//! - **DF-QuAD** (Rago, Toni, Aurisicchio and Baroni, KR 2016): attack and support are each
//!   aggregated as `1 − Π(1 − v)`; the stronger side moves the base score towards 0 or 1 in
//!   proportion to the difference.
//! - **Quadratic energy**, continuous (Potyka, KR 2018): the energy is the supporters' total
//!   minus the attackers'; strengths follow `dσ/dt = f(τ, E) − σ`, integrated with RK4.
//! - **h-categorizer** (Besnard and Hunter 2001, weighted by Amgoud et al. 2017): attacks
//!   only, `σ = τ / (1 + Σ attackers)`.
//!
//! On an acyclic graph every strength is computed exactly, in one pass in topological order.
//! On a cyclic one the computation iterates to a tolerance and says whether it converged:
//! DF-QuAD can oscillate on an odd cycle of attacks, and then [`Strengths::converged`] is
//! `false` and the values are the last iterate, not an answer.

/// A bipolar graph with base scores: who attacks and who supports each node.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Bipolar {
    /// Each node's attackers.
    pub attackers: Vec<Vec<u32>>,
    /// Each node's supporters.
    pub supporters: Vec<Vec<u32>>,
    /// Each node's base score (intrinsic strength), in `[0, 1]`.
    pub base: Vec<f64>,
}

impl Bipolar {
    /// `n` nodes with the given base score and no edges.
    pub fn new(n: usize, base: f64) -> Bipolar {
        Bipolar {
            attackers: vec![Vec::new(); n],
            supporters: vec![Vec::new(); n],
            base: vec![base; n],
        }
    }

    /// Adds an attack.
    pub fn attack(&mut self, from: u32, to: u32) {
        self.attackers[to as usize].push(from);
    }

    /// Adds a support.
    pub fn support(&mut self, from: u32, to: u32) {
        self.supporters[to as usize].push(from);
    }

    fn len(&self) -> usize {
        self.base.len()
    }
}

/// Which gradual semantics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Gradual {
    /// DF-QuAD.
    DfQuad,
    /// The continuous quadratic energy model.
    QuadraticEnergy,
    /// h-categorizer (attacks only).
    HCategorizer,
}

crate::names::choice_names!(Gradual, "strength semantics" {
    DfQuad => "dfquad" | "df-quad",
    QuadraticEnergy => "qe" | "quadratic-energy",
    HCategorizer => "hcat" | "h-categorizer",
});

impl Gradual {
    /// The base score a node gets when the map gives none: the neutral 0.5 for DF-QuAD and
    /// quadratic energy, 1 for h-categorizer (its classic, unweighted form).
    pub fn default_base(self) -> f64 {
        match self {
            Gradual::HCategorizer => 1.0,
            _ => 0.5,
        }
    }
}

/// The result.
#[derive(Clone, Debug, PartialEq)]
pub struct Strengths {
    /// Each node's strength.
    pub values: Vec<f64>,
    /// Whether the values are the fixpoint (always on an acyclic graph).
    pub converged: bool,
    /// Iterations used (0 for the exact pass on an acyclic graph).
    pub iterations: usize,
    /// The largest change in the last iteration (0 for the exact pass).
    pub residual: f64,
}

/// How far to iterate on a cyclic graph.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tolerance {
    /// Stop when no strength changes by more than this. Default 1e-9.
    pub epsilon: f64,
    /// Give up after this many iterations (steps of the integration for quadratic energy).
    /// Default 100,000.
    pub max_iterations: usize,
}

impl Default for Tolerance {
    fn default() -> Tolerance {
        Tolerance {
            epsilon: 1e-9,
            max_iterations: 100_000,
        }
    }
}

/// The strengths of every node.
pub fn strengths(g: &Bipolar, semantics: Gradual, tolerance: &Tolerance) -> Strengths {
    if let Some(order) = topological(g, semantics) {
        let mut values = g.base.clone();
        for a in order {
            values[a] = fixpoint_value(g, semantics, a, &values);
        }
        return Strengths {
            values,
            converged: true,
            iterations: 0,
            residual: 0.0,
        };
    }
    match semantics {
        Gradual::QuadraticEnergy => integrate(g, tolerance),
        _ => iterate(g, semantics, tolerance),
    }
}

/// A node's value given the others': the update rule, which on an acyclic graph is exact.
fn fixpoint_value(g: &Bipolar, semantics: Gradual, a: usize, values: &[f64]) -> f64 {
    let tau = g.base[a];
    let att = &g.attackers[a];
    let sup = &g.supporters[a];
    match semantics {
        Gradual::DfQuad => {
            let agg = |list: &[u32]| {
                1.0 - list
                    .iter()
                    .map(|&b| 1.0 - values[b as usize])
                    .product::<f64>()
            };
            let (va, vs) = (agg(att), agg(sup));
            if va >= vs {
                tau - tau * (va - vs)
            } else {
                tau + (1.0 - tau) * (vs - va)
            }
        }
        Gradual::QuadraticEnergy => qe_influence(tau, energy(g, a, values)),
        Gradual::HCategorizer => tau / (1.0 + att.iter().map(|&b| values[b as usize]).sum::<f64>()),
    }
}

fn energy(g: &Bipolar, a: usize, values: &[f64]) -> f64 {
    g.supporters[a]
        .iter()
        .map(|&b| values[b as usize])
        .sum::<f64>()
        - g.attackers[a]
            .iter()
            .map(|&b| values[b as usize])
            .sum::<f64>()
}

fn qe_influence(tau: f64, e: f64) -> f64 {
    let h = |x: f64| {
        let m = x.max(0.0);
        m * m / (1.0 + m * m)
    };
    tau - tau * h(-e) + (1.0 - tau) * h(e)
}

/// The nodes in an order where every attacker (and supporter, when they count) comes before
/// what it acts on; `None` when there is a cycle.
fn topological(g: &Bipolar, semantics: Gradual) -> Option<Vec<usize>> {
    let n = g.len();
    let with_support = semantics != Gradual::HCategorizer;
    let mut indegree: Vec<usize> = (0..n)
        .map(|a| {
            g.attackers[a].len()
                + if with_support {
                    g.supporters[a].len()
                } else {
                    0
                }
        })
        .collect();
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for a in 0..n {
        for &b in &g.attackers[a] {
            out[b as usize].push(a);
        }
        if with_support {
            for &b in &g.supporters[a] {
                out[b as usize].push(a);
            }
        }
    }
    let mut ready: Vec<usize> = (0..n).filter(|&a| indegree[a] == 0).collect();
    let mut order = Vec::with_capacity(n);
    while let Some(a) = ready.pop() {
        order.push(a);
        for &c in &out[a] {
            indegree[c] -= 1;
            if indegree[c] == 0 {
                ready.push(c);
            }
        }
    }
    (order.len() == n).then_some(order)
}

/// Synchronous iteration from the base scores (DF-QuAD, h-categorizer).
fn iterate(g: &Bipolar, semantics: Gradual, tolerance: &Tolerance) -> Strengths {
    let mut values = g.base.clone();
    let mut residual = f64::INFINITY;
    for iteration in 1..=tolerance.max_iterations {
        let next: Vec<f64> = (0..g.len())
            .map(|a| fixpoint_value(g, semantics, a, &values))
            .collect();
        residual = next
            .iter()
            .zip(&values)
            .map(|(x, y)| (x - y).abs())
            .fold(0.0, f64::max);
        values = next;
        if residual < tolerance.epsilon {
            return Strengths {
                values,
                converged: true,
                iterations: iteration,
                residual,
            };
        }
    }
    Strengths {
        values,
        converged: false,
        iterations: tolerance.max_iterations,
        residual,
    }
}

/// The continuous quadratic energy model: RK4 with step 0.1 until the derivative vanishes.
fn integrate(g: &Bipolar, tolerance: &Tolerance) -> Strengths {
    const DT: f64 = 0.1;
    let derivative = |values: &[f64]| -> Vec<f64> {
        (0..g.len())
            .map(|a| qe_influence(g.base[a], energy(g, a, values)) - values[a])
            .collect()
    };
    let step = |values: &[f64], k: &[f64], by: f64| -> Vec<f64> {
        values.iter().zip(k).map(|(v, d)| v + by * d).collect()
    };
    let mut values = g.base.clone();
    let mut residual = f64::INFINITY;
    for iteration in 1..=tolerance.max_iterations {
        let k1 = derivative(&values);
        residual = k1.iter().map(|d| d.abs()).fold(0.0, f64::max);
        if residual < tolerance.epsilon {
            return Strengths {
                values,
                converged: true,
                iterations: iteration - 1,
                residual,
            };
        }
        let k2 = derivative(&step(&values, &k1, DT / 2.0));
        let k3 = derivative(&step(&values, &k2, DT / 2.0));
        let k4 = derivative(&step(&values, &k3, DT));
        for a in 0..values.len() {
            values[a] += DT / 6.0 * (k1[a] + 2.0 * k2[a] + 2.0 * k3[a] + k4[a]);
        }
    }
    Strengths {
        values,
        converged: false,
        iterations: tolerance.max_iterations,
        residual,
    }
}
