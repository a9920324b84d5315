//! What can be learnt from a map once it is loaded: lints (things allowed but probably not
//! meant) and statistics.

mod lint;
pub mod report;
pub mod semantics;
mod stats;

pub use lint::{lint, Lint};
pub use stats::{layers, stats, Layers, Stats};

/// Each node's successors in one flat list, gathered from `(from, to)` pairs by a counting
/// sort (two linear passes), so that Kahn's algorithm never walks petgraph's linked edge
/// lists.
struct Successors {
    /// Where each node's successors start in `next`; one more entry than nodes.
    start: Vec<u32>,
    /// Every node's successors, node by node, each node's in the order of the pairs.
    next: Vec<u32>,
}

impl Successors {
    /// Gathers the pairs `ends` over nodes `0..n`; also how many pairs end at each node.
    fn new(n: usize, ends: &[(u32, u32)]) -> (Self, Vec<u32>) {
        let mut start = vec![0u32; n + 1];
        let mut indegree = vec![0u32; n];
        for &(a, b) in ends {
            start[a as usize + 1] += 1;
            indegree[b as usize] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut next = vec![0u32; ends.len()];
        let mut fill = start.clone();
        for &(a, b) in ends {
            next[fill[a as usize] as usize] = b;
            fill[a as usize] += 1;
        }
        (Successors { start, next }, indegree)
    }

    /// The successors of node `a`.
    fn of(&self, a: usize) -> &[u32] {
        &self.next[self.start[a] as usize..self.start[a + 1] as usize]
    }
}
