//! Ranks: which row each node goes in.
//!
//! Cycles are broken by a depth-first search in index order (sources first) that reverses
//! the edges closing a cycle; then ranks are the network simplex optimum of the total edge
//! length, started from the longest path, so edges are as short as the order of the graph
//! allows. Each connected component starts at rank 0.

use super::ns;

/// Work allowed to the network simplex (see [`ns::solve`]).
const WORK: usize = 400_000_000;

/// An edge that takes part in ranking: `to` must end up at least `minlen` ranks below `from`
/// (unless the edge is reversed to break a cycle).
#[derive(Clone, Copy, Debug)]
pub(super) struct RankEdge {
    pub from: usize,
    pub to: usize,
    pub minlen: i64,
}

/// The ranks of `n` nodes, and for each edge whether it was reversed to break a cycle.
/// Self-loops are never reversed and do not constrain anything.
pub(super) fn assign(n: usize, edges: &[RankEdge]) -> (Vec<usize>, Vec<bool>) {
    let reversed = break_cycles(n, edges);
    let mut pairs: Vec<ns::Edge> = edges
        .iter()
        .zip(&reversed)
        .filter(|(e, _)| e.from != e.to)
        .map(|(e, &rev)| {
            let (tail, head) = if rev { (e.to, e.from) } else { (e.from, e.to) };
            ns::Edge {
                tail,
                head,
                minlen: e.minlen.max(0),
                weight: 1,
            }
        })
        .collect();
    // Parallel edges become one, heavier edge.
    pairs.sort_by_key(|e| (e.tail, e.head));
    let mut merged: Vec<ns::Edge> = Vec::with_capacity(pairs.len());
    for e in pairs {
        match merged.last_mut() {
            Some(last) if last.tail == e.tail && last.head == e.head => {
                last.minlen = last.minlen.max(e.minlen);
                last.weight += e.weight;
            }
            _ => merged.push(e),
        }
    }
    let Some(mut value) = ns::longest_path(n, &merged) else {
        // Unreachable: the reversed edges leave a DAG. Every node on rank 0 is still a layout.
        return (vec![0; n], reversed);
    };
    // Ranking graphs are small next to the coordinate graph; the cap only guards against
    // pathological inputs.
    ns::solve(n, &merged, &mut value, WORK, false);
    (normalize(n, &merged, &value), reversed)
}

/// Which edges a depth-first search closes a cycle with. The search starts from the sources
/// in index order, then from any node left, and follows out-edges in index order.
fn break_cycles(n: usize, edges: &[RankEdge]) -> Vec<bool> {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut indegree = vec![0usize; n];
    for (id, e) in edges.iter().enumerate() {
        if e.from != e.to {
            out[e.from].push(id);
            indegree[e.to] += 1;
        }
    }
    const WHITE: u8 = 0;
    const ON_STACK: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![WHITE; n];
    let mut reversed = vec![false; edges.len()];
    let starts = (0..n)
        .filter(|&v| indegree[v] == 0)
        .chain(0..n)
        .collect::<Vec<_>>();
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for s in starts {
        if state[s] != WHITE {
            continue;
        }
        state[s] = ON_STACK;
        stack.push((s, 0));
        while let Some(top) = stack.last_mut() {
            let (v, i) = *top;
            if i < out[v].len() {
                top.1 += 1;
                let id = out[v][i];
                let w = edges[id].to;
                match state[w] {
                    WHITE => {
                        state[w] = ON_STACK;
                        stack.push((w, 0));
                    }
                    ON_STACK => reversed[id] = true,
                    _ => {}
                }
            } else {
                state[v] = DONE;
                stack.pop();
            }
        }
    }
    reversed
}

/// Shifts each connected component so that its first rank is 0.
fn normalize(n: usize, edges: &[ns::Edge], value: &[i64]) -> Vec<usize> {
    let root = ns::component_of(n, edges);
    let mut low = vec![i64::MAX; n];
    for (v, &x) in value.iter().enumerate() {
        low[root[v]] = low[root[v]].min(x);
    }
    (0..n).map(|v| (value[v] - low[root[v]]) as usize).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(from: usize, to: usize) -> RankEdge {
        RankEdge {
            from,
            to,
            minlen: 1,
        }
    }

    #[test]
    fn edges_point_down_and_are_short() {
        // A deep conclusion with a premise chain and a lone premise.
        let edges = [e(0, 1), e(1, 2), e(2, 3), e(4, 3), e(5, 4)];
        let (rank, rev) = assign(6, &edges);
        assert!(rev.iter().all(|r| !r));
        for x in &edges {
            assert!(rank[x.to] > rank[x.from]);
        }
        assert_eq!(rank[3] - rank[4], 1);
        assert_eq!(rank[4] - rank[5], 1);
    }

    #[test]
    fn a_cycle_loses_one_edge() {
        let edges = [e(0, 1), e(1, 2), e(2, 0)];
        let (rank, rev) = assign(3, &edges);
        assert_eq!(rev, vec![false, false, true]);
        assert_eq!(rank, vec![0, 1, 2]);
    }

    #[test]
    fn components_start_at_rank_zero() {
        let edges = [e(0, 1), e(2, 3), e(3, 4)];
        let (rank, _) = assign(6, &edges);
        assert_eq!(rank, vec![0, 1, 0, 1, 2, 0]);
    }

    #[test]
    fn a_long_chain_with_a_back_edge() {
        let n = 100_000;
        let mut edges: Vec<RankEdge> = (1..n).map(|i| e(i - 1, i)).collect();
        edges.push(e(n - 1, 0));
        let (rank, rev) = assign(n, &edges);
        assert!(rev[n - 1]);
        assert_eq!(rank[n - 1], n - 1);
    }
}
