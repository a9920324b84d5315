//! Network simplex (Gansner, Koutsofios, North and Vo, "A technique for drawing directed
//! graphs", 1993): integer values for the nodes of a graph such that every edge `t -> h` has
//! `value(h) - value(t) >= minlen`, minimising the sum of `weight * (value(h) - value(t))`.
//!
//! The layout uses it twice, as Graphviz's `dot` does: for ranks (edges are the map's edges)
//! and for x coordinates (an auxiliary graph whose optimum keeps edges short and straight).
//! Everything is iterative, so deep trees cannot overflow the stack. The solver keeps a
//! feasible solution at every step, so stopping it after `max_iter` pivots still gives valid
//! values, only less tidy ones.

const NONE: usize = usize::MAX;

/// One constraint and cost term: `value(head) - value(tail) >= minlen`, costing `weight`
/// per unit of length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Edge {
    pub tail: usize,
    pub head: usize,
    pub minlen: i64,
    pub weight: i64,
}

/// Values satisfying every constraint, each node as low as its predecessors allow (nodes
/// without predecessors at 0), or `None` when the constraints form a cycle. Kahn's algorithm
/// in index order.
pub(super) fn longest_path(n: usize, edges: &[Edge]) -> Option<Vec<i64>> {
    let (start, list) = csr(n, edges, |e| e.tail);
    let mut indegree = vec![0usize; n];
    for e in edges {
        indegree[e.head] += 1;
    }
    let mut value = vec![0i64; n];
    let mut queue: Vec<usize> = (0..n).filter(|&v| indegree[v] == 0).collect();
    let mut head = 0;
    while head < queue.len() {
        let v = queue[head];
        head += 1;
        for &id in &list[start[v]..start[v + 1]] {
            let e = edges[id];
            value[e.head] = value[e.head].max(value[v] + e.minlen);
            indegree[e.head] -= 1;
            if indegree[e.head] == 0 {
                queue.push(e.head);
            }
        }
    }
    (queue.len() == n).then_some(value)
}

/// Edge ids grouped by `key`, as compressed rows: the ids of node `v` are
/// `list[start[v]..start[v + 1]]`, in id order.
fn csr(n: usize, edges: &[Edge], key: impl Fn(&Edge) -> usize) -> (Vec<usize>, Vec<usize>) {
    let mut start = vec![0usize; n + 1];
    for e in edges {
        start[key(e) + 1] += 1;
    }
    for v in 0..n {
        start[v + 1] += start[v];
    }
    let mut fill = start.clone();
    let mut list = vec![0usize; edges.len()];
    for (id, e) in edges.iter().enumerate() {
        let k = key(e);
        list[fill[k]] = id;
        fill[k] += 1;
    }
    (start, list)
}

/// Improves `value` (which must satisfy every edge) towards the minimum cost, stopping after
/// `max_work` units of work (one unit per node visited while pivoting; a pivot on a big graph
/// visits up to all of them). With `balance`, nodes whose position costs nothing either way are moved
/// to the middle of their free range afterwards (dot's left-right balancing), which centres a
/// parent over its children. Self-loops are ignored. Deterministic.
pub(super) fn solve(n: usize, edges: &[Edge], value: &mut [i64], max_work: usize, balance: bool) {
    if n <= 1 {
        return;
    }
    let mut all: Vec<Edge> = edges.iter().copied().filter(|e| e.tail != e.head).collect();
    // The tree must span the graph: tie every component to one extra node placed below all
    // of them, by edges that neither constrain nor cost anything.
    let roots = component_roots(n, &all);
    let total = if roots.len() > 1 { n + 1 } else { n };
    let mut values = value.to_vec();
    if total > n {
        let low = values.iter().copied().min().unwrap_or(0);
        values.push(low);
        for r in roots {
            all.push(Edge {
                tail: n,
                head: r,
                minlen: 0,
                weight: 0,
            });
        }
    }
    let mut ns = Simplex::new(total, all, values);
    ns.feasible_tree();
    ns.init_cut_values();
    let mut work = 0;
    while work < max_work {
        let (leave, looked) = ns.leave_edge();
        work += looked;
        let Some(leave) = leave else { break };
        let Some(enter) = ns.enter_edge(leave) else {
            break;
        };
        work += ns.update(leave, enter);
    }
    if balance {
        ns.balance_left_right();
    }
    value.copy_from_slice(&ns.value[..n]);
}

/// The first node of every connected component (edges taken as undirected).
fn component_roots(n: usize, edges: &[Edge]) -> Vec<usize> {
    let root = component_of(n, edges);
    (0..n).filter(|&v| root[v] == v).collect()
}

/// Each node's component, named by its lowest node (edges taken as undirected): union-find
/// with path halving, near-linear in nodes plus edges.
pub(super) fn component_of(n: usize, edges: &[Edge]) -> Vec<usize> {
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], mut v: usize) -> usize {
        while parent[v] != v {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        v
    }
    for e in edges {
        let a = find(&mut parent, e.tail);
        let b = find(&mut parent, e.head);
        if a != b {
            parent[a.max(b)] = a.min(b);
        }
    }
    (0..n).map(|v| find(&mut parent, v)).collect()
}

struct Simplex {
    n: usize,
    edges: Vec<Edge>,
    out_start: Vec<usize>,
    out_list: Vec<usize>,
    in_start: Vec<usize>,
    in_list: Vec<usize>,
    value: Vec<i64>,
    /// Tree edges at each node.
    tree_adj: Vec<Vec<usize>>,
    /// Each edge's slot in `tree_edges`, or `NONE` when it is not a tree edge.
    tree_index: Vec<usize>,
    tree_edges: Vec<usize>,
    /// The tree edge to a node's parent (`NONE` at the root).
    par: Vec<usize>,
    /// Postorder numbers: the subtree of `v` is every `w` with `low[v] <= lim[w] <= lim[v]`.
    low: Vec<usize>,
    lim: Vec<usize>,
    /// The node with each postorder number.
    at_lim: Vec<usize>,
    cut: Vec<i64>,
    search_from: usize,
    /// Scratch for `dfs_range`.
    stack: Vec<(usize, usize)>,
}

impl Simplex {
    fn new(n: usize, edges: Vec<Edge>, value: Vec<i64>) -> Simplex {
        let (out_start, out_list) = csr(n, &edges, |e| e.tail);
        let (in_start, in_list) = csr(n, &edges, |e| e.head);
        let m = edges.len();
        Simplex {
            n,
            out_start,
            out_list,
            in_start,
            in_list,
            value,
            tree_adj: vec![Vec::new(); n],
            tree_index: vec![NONE; m],
            tree_edges: Vec::with_capacity(n.saturating_sub(1)),
            par: vec![NONE; n],
            low: vec![0; n],
            lim: vec![0; n],
            at_lim: vec![0; n],
            cut: vec![0; m],
            search_from: 0,
            stack: Vec::new(),
            edges,
        }
    }

    fn slack(&self, id: usize) -> i64 {
        let e = self.edges[id];
        self.value[e.head] - self.value[e.tail] - e.minlen
    }

    fn other(&self, id: usize, v: usize) -> usize {
        let e = self.edges[id];
        if e.tail == v {
            e.head
        } else {
            e.tail
        }
    }

    fn add_tree_edge(&mut self, id: usize) {
        let e = self.edges[id];
        self.tree_index[id] = self.tree_edges.len();
        self.tree_edges.push(id);
        self.tree_adj[e.tail].push(id);
        self.tree_adj[e.head].push(id);
    }

    fn incident(&self, v: usize) -> impl Iterator<Item = usize> + '_ {
        self.out_list[self.out_start[v]..self.out_start[v + 1]]
            .iter()
            .chain(&self.in_list[self.in_start[v]..self.in_start[v + 1]])
            .copied()
    }

    /// A spanning tree of tight edges (slack 0), shifting grown parts of the tree as needed:
    /// grow along tight edges; when stuck, make the least slack edge leaving the tree tight.
    fn feasible_tree(&mut self) {
        let n = self.n;
        let mut in_tree = vec![false; n];
        let mut members: Vec<usize> = Vec::with_capacity(n);
        let mut stack = vec![0usize];
        in_tree[0] = true;
        members.push(0);
        loop {
            while let Some(v) = stack.pop() {
                let ids: Vec<usize> = self.incident(v).collect();
                for id in ids {
                    let w = self.other(id, v);
                    if !in_tree[w] && self.slack(id) == 0 {
                        in_tree[w] = true;
                        members.push(w);
                        self.add_tree_edge(id);
                        stack.push(w);
                    }
                }
            }
            if members.len() == n {
                break;
            }
            let mut best = NONE;
            let mut best_slack = i64::MAX;
            for (id, e) in self.edges.iter().enumerate() {
                if in_tree[e.tail] != in_tree[e.head] {
                    let s = self.value[e.head] - self.value[e.tail] - e.minlen;
                    if s < best_slack {
                        best = id;
                        best_slack = s;
                    }
                }
            }
            if best == NONE {
                // Unreachable for a connected graph; keep the values as they are.
                break;
            }
            let e = self.edges[best];
            let delta = if in_tree[e.tail] {
                best_slack
            } else {
                -best_slack
            };
            if delta != 0 {
                for &v in &members {
                    self.value[v] += delta;
                }
            }
            // Every member may now have new tight edges.
            stack.extend(members.iter().copied());
        }
    }

    /// Parent links, postorder ranges and cut values of the whole tree.
    fn init_cut_values(&mut self) {
        let order = self.dfs_range(0, NONE, 0, true);
        for v in order {
            let f = self.par[v];
            if f != NONE {
                self.cut[f] = self.cut_value(f);
            }
        }
    }

    /// Renumbers the subtree hanging from `root` (through the tree edge `par`), giving it
    /// postorder numbers from `low`; returns its nodes in postorder when `collect`.
    fn dfs_range(&mut self, root: usize, par: usize, low: usize, collect: bool) -> Vec<usize> {
        let mut order = Vec::new();
        let mut counter = low;
        let mut stack = std::mem::take(&mut self.stack);
        stack.clear();
        stack.push((root, 0));
        self.par[root] = par;
        self.low[root] = counter;
        while let Some(top) = stack.last_mut() {
            let (v, i) = *top;
            if i < self.tree_adj[v].len() {
                top.1 += 1;
                let id = self.tree_adj[v][i];
                if id == self.par[v] {
                    continue;
                }
                let w = self.other(id, v);
                self.par[w] = id;
                self.low[w] = counter;
                stack.push((w, 0));
            } else {
                self.lim[v] = counter;
                self.at_lim[counter] = v;
                counter += 1;
                if collect {
                    order.push(v);
                }
                stack.pop();
            }
        }
        self.stack = stack;
        order
    }

    fn in_subtree(&self, v: usize, w: usize) -> bool {
        self.low[v] <= self.lim[w] && self.lim[w] <= self.lim[v]
    }

    /// The cut value of tree edge `f`, from the cut values of the tree edges below it.
    fn cut_value(&self, f: usize) -> i64 {
        let e = self.edges[f];
        let (v, dir) = if self.par[e.tail] == f {
            (e.tail, true)
        } else {
            (e.head, false)
        };
        self.incident(v).map(|id| self.x_val(id, v, dir)).sum()
    }

    fn x_val(&self, id: usize, v: usize, dir: bool) -> i64 {
        let e = self.edges[id];
        let other = if e.tail == v { e.head } else { e.tail };
        let outside = !self.in_subtree(v, other);
        let mut rv = if outside {
            e.weight
        } else {
            let c = if self.tree_index[id] != NONE {
                self.cut[id]
            } else {
                0
            };
            c - e.weight
        };
        let mut d = if dir { e.head == v } else { e.tail == v };
        if outside {
            d = !d;
        }
        if !d {
            rv = -rv;
        }
        rv
    }

    /// A tree edge with a negative cut value (the most negative of the next few found,
    /// searching on from where the last search stopped), or `None` at the optimum.
    /// Also returns the work done: a quarter unit per tree edge looked at.
    fn leave_edge(&mut self) -> (Option<usize>, usize) {
        const SEARCH_SIZE: usize = 30;
        let len = self.tree_edges.len();
        if len == 0 {
            return (None, 0);
        }
        let mut best: Option<usize> = None;
        let mut found = 0;
        let start = self.search_from.min(len - 1);
        for k in 0..len {
            let slot = (start + k) % len;
            let f = self.tree_edges[slot];
            if self.cut[f] < 0 {
                match best {
                    Some(b) if self.cut[b] <= self.cut[f] => {}
                    _ => best = Some(f),
                }
                found += 1;
                if found >= SEARCH_SIZE {
                    self.search_from = slot;
                    return (best, k / 4);
                }
            }
        }
        self.search_from = start;
        (best, len / 4)
    }

    /// The non-tree edge with least slack that reconnects the two halves of the tree once
    /// `leave` is removed, in the direction that keeps the solution feasible.
    fn enter_edge(&self, leave: usize) -> Option<usize> {
        let e = self.edges[leave];
        let (v, out_search) = if self.lim[e.tail] < self.lim[e.head] {
            (e.tail, false)
        } else {
            (e.head, true)
        };
        let (low, lim) = (self.low[v], self.lim[v]);
        let mut best = None;
        let mut best_slack = i64::MAX;
        for l in low..=lim {
            let w = self.at_lim[l];
            let ids = if out_search {
                &self.out_list[self.out_start[w]..self.out_start[w + 1]]
            } else {
                &self.in_list[self.in_start[w]..self.in_start[w + 1]]
            };
            for &id in ids {
                if self.tree_index[id] != NONE {
                    continue;
                }
                let other = self.other(id, w);
                let lo = self.lim[other];
                if lo >= low && lo <= lim {
                    continue;
                }
                let s = self.slack(id);
                if s < best_slack {
                    best = Some(id);
                    best_slack = s;
                    if s == 0 {
                        return best;
                    }
                }
            }
        }
        best
    }

    /// Shifts the subtree below tree edge `f` by `-delta`.
    fn shift_below(&mut self, f: usize, delta: i64) {
        let e = self.edges[f];
        let v = if self.lim[e.tail] < self.lim[e.head] {
            e.tail
        } else {
            e.head
        };
        for l in self.low[v]..=self.lim[v] {
            let w = self.at_lim[l];
            self.value[w] -= delta;
        }
    }

    /// Exchanges the tree edges; returns the work done (nodes searched and renumbered).
    fn update(&mut self, leave: usize, enter: usize) -> usize {
        let e = self.edges[leave];
        let below = if self.lim[e.tail] < self.lim[e.head] {
            e.tail
        } else {
            e.head
        };
        let searched = self.lim[below] - self.low[below] + 1;
        let delta = self.slack(enter);
        if delta > 0 {
            let e = self.edges[leave];
            if self.lim[e.tail] < self.lim[e.head] {
                self.shift_below(leave, delta);
            } else {
                self.shift_below(leave, -delta);
            }
        }
        let cut = self.cut[leave];
        let f = self.edges[enter];
        let lca = self.tree_update(f.tail, f.head, cut, true);
        let lca2 = self.tree_update(f.head, f.tail, cut, false);
        debug_assert_eq!(lca, lca2, "network simplex: paths meet at different nodes");
        self.cut[enter] = -cut;
        self.cut[leave] = 0;
        self.exchange(leave, enter);
        let (par, low) = (self.par[lca], self.low[lca]);
        self.dfs_range(lca, par, low, false);
        searched + self.lim[lca] - self.low[lca] + 1
    }

    fn tree_update(&mut self, mut v: usize, w: usize, cut: i64, dir: bool) -> usize {
        while !self.in_subtree(v, w) {
            let id = self.par[v];
            let e = self.edges[id];
            let d = if v == e.tail { dir } else { !dir };
            if d {
                self.cut[id] += cut;
            } else {
                self.cut[id] -= cut;
            }
            v = if self.lim[e.tail] > self.lim[e.head] {
                e.tail
            } else {
                e.head
            };
        }
        v
    }

    fn exchange(&mut self, leave: usize, enter: usize) {
        let slot = self.tree_index[leave];
        self.tree_index[leave] = NONE;
        self.tree_index[enter] = slot;
        self.tree_edges[slot] = enter;
        let e = self.edges[leave];
        for v in [e.tail, e.head] {
            if let Some(i) = self.tree_adj[v].iter().position(|&id| id == leave) {
                self.tree_adj[v].swap_remove(i);
            }
        }
        let f = self.edges[enter];
        self.tree_adj[f.tail].push(enter);
        self.tree_adj[f.head].push(enter);
    }

    /// dot's `LR_balance`: a subtree whose tree edge has cut value 0 can move freely between
    /// its neighbours; put it halfway.
    fn balance_left_right(&mut self) {
        for slot in 0..self.tree_edges.len() {
            let f = self.tree_edges[slot];
            if self.cut[f] != 0 {
                continue;
            }
            let Some(enter) = self.enter_edge(f) else {
                continue;
            };
            let delta = self.slack(enter);
            if delta <= 1 {
                continue;
            }
            let e = self.edges[f];
            if self.lim[e.tail] < self.lim[e.head] {
                self.shift_below(f, delta / 2);
            } else {
                self.shift_below(f, -delta / 2);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edge(tail: usize, head: usize, minlen: i64, weight: i64) -> Edge {
        Edge {
            tail,
            head,
            minlen,
            weight,
        }
    }

    fn cost(edges: &[Edge], value: &[i64]) -> i64 {
        edges
            .iter()
            .map(|e| e.weight * (value[e.head] - value[e.tail]))
            .sum()
    }

    fn feasible(edges: &[Edge], value: &[i64]) -> bool {
        edges
            .iter()
            .all(|e| value[e.head] - value[e.tail] >= e.minlen)
    }

    #[test]
    fn a_leaf_moves_down_next_to_its_target() {
        // 0 -> 1 -> 2 -> 3, and 4 -> 3: longest path puts 4 at 0, the optimum at 2.
        let edges = [
            edge(0, 1, 1, 1),
            edge(1, 2, 1, 1),
            edge(2, 3, 1, 1),
            edge(4, 3, 1, 1),
        ];
        let mut v = longest_path(5, &edges).unwrap();
        assert_eq!(v[4], 0);
        solve(5, &edges, &mut v, usize::MAX, false);
        assert!(feasible(&edges, &v));
        assert_eq!(v[3] - v[4], 1);
        assert_eq!(cost(&edges, &v), 4);
    }

    #[test]
    fn cycles_have_no_longest_path() {
        let edges = [edge(0, 1, 1, 1), edge(1, 0, 1, 1)];
        assert!(longest_path(2, &edges).is_none());
    }

    #[test]
    fn disconnected_graphs_are_solved_per_component() {
        let edges = [edge(0, 1, 2, 1), edge(2, 3, 1, 5), edge(4, 3, 1, 1)];
        let mut v = longest_path(6, &edges).unwrap();
        solve(6, &edges, &mut v, usize::MAX, false);
        assert!(feasible(&edges, &v));
        assert_eq!(cost(&edges, &v), 2 + 5 + 1);
    }

    #[test]
    fn a_deep_chain_does_not_overflow() {
        let n = 200_000;
        let edges: Vec<Edge> = (1..n).map(|i| edge(i - 1, i, 1, 1)).collect();
        let mut v = longest_path(n, &edges).unwrap();
        solve(n, &edges, &mut v, 10, true);
        assert_eq!(v[n - 1], (n - 1) as i64);
    }

    #[test]
    fn matches_brute_force_on_small_graphs() {
        // Small random DAGs; the optimum of min sum w*(h-t) s.t. h-t >= minlen, checked by
        // trying every assignment of values in a small range.
        let mut seed = 7u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..200 {
            let n = 2 + (next() % 4) as usize;
            let mut edges = Vec::new();
            for a in 0..n {
                for b in a + 1..n {
                    if next() % 3 == 0 {
                        edges.push(edge(a, b, 1 + (next() % 2) as i64, (next() % 4) as i64));
                    }
                }
            }
            let mut v = longest_path(n, &edges).unwrap();
            solve(n, &edges, &mut v, usize::MAX, false);
            assert!(feasible(&edges, &v));
            let got = cost(&edges, &v);
            let span = 2 * n as i64 + 1;
            let mut best = i64::MAX;
            let total = (span as usize).pow(n as u32);
            for code in 0..total {
                let mut c = code;
                let vals: Vec<i64> = (0..n)
                    .map(|_| {
                        let d = (c % span as usize) as i64;
                        c /= span as usize;
                        d
                    })
                    .collect();
                if feasible(&edges, &vals) {
                    best = best.min(cost(&edges, &vals));
                }
            }
            assert_eq!(got, best, "{edges:?}");
        }
    }
}
