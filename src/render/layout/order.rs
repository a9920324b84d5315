//! The order of the nodes within each rank: few crossings, clusters kept whole, and an order
//! that changes little when the graph changes little.
//!
//! Three steps, none of which depends on chance or on ties between far-apart parts:
//!
//! 1. **A first order** from the forest in which every node hangs from its first neighbour
//!    below (for an argument map: each claim under the first claim it supports). A preorder
//!    walk of that forest, children in edge order, draws the forest without crossings; a
//!    depth-first search in index order places what the forest does not reach.
//! 2. **Smoothing**: each node's place becomes the solution of a spring system in which every
//!    segment pulls its ends together and a weak spring ties each node to its first place
//!    (Gauss-Seidel, a fixed number of rounds). The ranks are sorted by the result. This does
//!    what barycentre sweeps do, moving subtrees towards the nodes they link to, but it is a
//!    smooth function of the graph: one more node moves the solution a little, not the
//!    whole drawing. (Median sweeps that keep the best order seen, as dot does, left one
//!    edit in ten with fewer than nine tenths of node pairs in their order, some with under
//!    a third; on the same map-like graphs this falls below nine tenths about once in a
//!    hundred, with about as few crossings.)
//! 3. **Sifting**: each node in turn moves to the place in its rank where its segments cross
//!    fewest others, and neighbouring sibling clusters swap places when that removes a tenth
//!    of their crossings. Both only ever remove crossings, so they stop, and a tie keeps the
//!    node where it is.
//!
//! Clusters are drawn as boxes, so on every rank the nodes of a cluster form one block, and
//! sibling clusters keep one left-to-right order on all ranks (two boxes that swapped places
//! from one rank to the next would overlap). Sorting a rank works on the tree of clusters:
//! within a cluster, its own nodes and its child clusters' blocks are sorted by where they
//! want to be, with the child blocks held in their sibling order by pooling adjacent
//! violators (a block that wants to pass its sibling moves together with it).

use super::layered::{Kind, Layered};

/// Weight of the spring tying each node to its first place, against 1 per segment.
const ANCHOR: f64 = 0.01;
/// Gauss-Seidel rounds of smoothing.
const SMOOTHING_ROUNDS: usize = 60;
/// Work allowed to sifting, in pairs of segments compared: a few hundred milliseconds.
const SIFT_WORK: u64 = 300_000_000;
/// Sibling clusters swap only when that removes more than a tenth of the crossings around
/// them (the divisor), so a small edit does not flip whole boxes.
const SWAP_GAIN: u64 = 10;

/// The nodes of each rank, left to right.
pub(super) fn order(g: &Layered) -> Vec<Vec<usize>> {
    let mut s = State::new(g);
    s.initial();
    s.smooth();
    s.sift_until_stable();
    s.layers
}

/// Crossings between consecutive ranks of an order (segments only; flat edges and loops are
/// routed around nodes and not counted).
pub(super) fn crossings(g: &Layered, layers: &[Vec<usize>]) -> u64 {
    let mut pos = vec![0usize; g.len()];
    for layer in layers {
        for (i, &v) in layer.iter().enumerate() {
            pos[v] = i;
        }
    }
    (0..layers.len().saturating_sub(1))
        .map(|r| crossings_between(g, layers, &pos, r))
        .sum()
}

/// Bilayer crossings by counting inversions (Barth, Jünger and Mutzel's accumulator idea,
/// with a Fenwick tree).
fn crossings_between(g: &Layered, layers: &[Vec<usize>], pos: &[usize], r: usize) -> u64 {
    let lower = layers[r + 1].len();
    if lower == 0 {
        return 0;
    }
    let mut tree = vec![0u32; lower + 1];
    let mut seen = 0u64;
    let mut count = 0u64;
    let mut ends: Vec<usize> = Vec::new();
    for &u in &layers[r] {
        ends.clear();
        ends.extend(g.down[u].iter().map(|&w| pos[w]));
        ends.sort_unstable();
        for &p in &ends {
            // Segments seen so far that end right of p cross this one.
            let mut at_most = 0u64;
            let mut i = p + 1;
            while i > 0 {
                at_most += u64::from(tree[i]);
                i &= i - 1;
            }
            count += seen - at_most;
            let mut i = p + 1;
            while i <= lower {
                tree[i] += 1;
                i += i & i.wrapping_neg();
            }
            seen += 1;
        }
    }
    count
}

#[derive(Clone, Copy)]
enum Item {
    /// A node, by its index in the rank being sorted.
    Node(usize),
    Cluster(usize),
}

struct State<'a> {
    g: &'a Layered,
    layers: Vec<Vec<usize>>,
    pos: Vec<usize>,
    /// Each cluster's place among its siblings.
    ckey: Vec<usize>,
    /// Child clusters of each cluster, in sibling order; the last entry holds the top level.
    children: Vec<Vec<usize>>,
    sorter: Sorter,
}

impl<'a> State<'a> {
    fn new(g: &'a Layered) -> State<'a> {
        let nc = g.cparent.len();
        let mut children = vec![Vec::new(); nc + 1];
        for c in 0..nc {
            children[g.cparent[c].unwrap_or(nc)].push(c);
        }
        State {
            g,
            layers: vec![Vec::new(); g.ranks],
            pos: vec![0; g.len()],
            ckey: (0..nc).collect(),
            children,
            sorter: Sorter::new(nc),
        }
    }

    fn set_layer(&mut self, r: usize, layer: Vec<usize>) {
        for (i, &v) in layer.iter().enumerate() {
            self.pos[v] = i;
        }
        self.layers[r] = layer;
    }

    /// The forest preorder (see the module docs), then a depth-first search in index order,
    /// up-neighbours before down-neighbours, for what the forest leaves.
    fn initial(&mut self) {
        let g = self.g;
        let n = g.len();
        let mut disc = vec![usize::MAX; n];
        let mut counter = 0;
        let mut stack = Vec::new();
        for root in 0..n {
            if !g.down[root].is_empty() || matches!(g.kind[root], Kind::Filler) {
                continue;
            }
            stack.push(root);
            while let Some(v) = stack.pop() {
                if disc[v] != usize::MAX {
                    continue;
                }
                disc[v] = counter;
                counter += 1;
                for &u in g.up[v].iter().rev() {
                    if g.down[u].first() == Some(&v) && disc[u] == usize::MAX {
                        stack.push(u);
                    }
                }
            }
        }
        for s in 0..n {
            if disc[s] != usize::MAX || matches!(g.kind[s], Kind::Filler) {
                continue;
            }
            stack.push(s);
            while let Some(v) = stack.pop() {
                if disc[v] != usize::MAX {
                    continue;
                }
                disc[v] = counter;
                counter += 1;
                for &w in g.up[v].iter().rev().chain(g.down[v].iter().rev()) {
                    if disc[w] == usize::MAX {
                        stack.push(w);
                    }
                }
            }
        }
        for (v, d) in disc.iter_mut().enumerate() {
            if *d == usize::MAX {
                *d = counter + v;
            }
        }
        self.install(&disc);
    }

    /// Orders each rank by `disc`, then gathers clusters into blocks, sibling clusters in
    /// the order their first node comes.
    fn install(&mut self, disc: &[usize]) {
        let g = self.g;
        let n = g.len();
        let mut layers = vec![Vec::new(); g.ranks];
        for v in 0..n {
            layers[g.rank[v]].push(v);
        }
        for (r, mut layer) in layers.into_iter().enumerate() {
            layer.sort_by_key(|&v| disc[v]);
            self.set_layer(r, layer);
        }
        // Sibling clusters in the order the search first met them.
        let nc = g.cparent.len();
        if nc > 0 {
            let mut first = vec![usize::MAX; nc];
            for (v, &d) in disc.iter().enumerate() {
                let mut c = g.cluster[v];
                while let Some(k) = c {
                    first[k] = first[k].min(d);
                    c = g.cparent[k];
                }
            }
            for group in &mut self.children {
                group.sort_by_key(|&c| (first[c], c));
                for (i, &c) in group.iter().enumerate() {
                    self.ckey[c] = i;
                }
            }
            for r in 0..g.ranks {
                let layer = std::mem::take(&mut self.layers[r]);
                let value: Vec<Option<f64>> = layer
                    .iter()
                    .map(|&v| match g.kind[v] {
                        Kind::Filler => None,
                        _ => Some(disc[v] as f64),
                    })
                    .collect();
                let sorted = self
                    .sorter
                    .sort(g, &self.ckey, &layer, &value, Aggregate::Min);
                self.set_layer(r, sorted);
            }
        }
    }

    /// Step 2 of the module docs.
    fn smooth(&mut self) {
        let g = self.g;
        let n = g.len();
        let prior: Vec<f64> = (0..n)
            .map(|v| (self.pos[v] as f64 + 0.5) / self.layers[g.rank[v]].len() as f64)
            .collect();
        let mut x = prior.clone();
        for _ in 0..SMOOTHING_ROUNDS {
            for v in 0..n {
                let mut sum = ANCHOR * prior[v];
                let mut weight = ANCHOR;
                for &u in g.up[v].iter().chain(&g.down[v]).chain(&g.flat[v]) {
                    sum += x[u];
                    weight += 1.0;
                }
                x[v] = sum / weight;
            }
        }
        for r in 0..g.ranks {
            let layer = std::mem::take(&mut self.layers[r]);
            let value: Vec<Option<f64>> = layer.iter().map(|&v| Some(x[v])).collect();
            let sorted = self
                .sorter
                .sort(g, &self.ckey, &layer, &value, Aggregate::Median);
            self.set_layer(r, sorted);
        }
    }

    /// Step 3 of the module docs, within a budget of passes that shrinks on big graphs.
    fn sift_until_stable(&mut self) {
        let g = self.g;
        // A pass compares every node with every other node of its rank, segment by segment:
        // about the square of the segments at each rank.
        let pass: u64 = self
            .layers
            .iter()
            .map(|layer| {
                let ends: u64 = layer
                    .iter()
                    .map(|&v| (g.up[v].len() + g.down[v].len()) as u64)
                    .sum();
                (ends + layer.len() as u64).pow(2)
            })
            .sum();
        let passes = (SIFT_WORK / pass.max(1)).min(12);
        for _ in 0..passes {
            let moved = self.sift();
            let swapped = self.swap_clusters();
            if !moved && !swapped {
                break;
            }
        }
    }

    /// Sifting: each node in turn moves to the place in its rank (among the items of its
    /// own cluster) where its segments cross fewest others; a tie keeps it where it is.
    /// Returns whether any node moved.
    fn sift(&mut self) -> bool {
        let mut moved = false;
        for v in 0..self.g.len() {
            moved |= self.sift_node(v);
        }
        moved
    }

    fn sift_node(&mut self, v: usize) -> bool {
        let g = self.g;
        let n = g.len();
        let r = g.rank[v];
        let own = g.cluster[v];
        let within = |w: usize| own.is_none_or(|k| g.in_cluster(w, k));
        // The item of `w` at `v`'s level: itself, or the child cluster block holding it.
        let item = |w: usize| -> usize {
            let mut c = g.cluster[w];
            if c == own {
                return w;
            }
            while let Some(x) = c {
                if g.cparent[x] == own {
                    return n + x;
                }
                c = g.cparent[x];
            }
            w
        };
        let layer = &self.layers[r];
        let p = self.pos[v];
        let mut lo = p;
        while lo > 0 && within(layer[lo - 1]) {
            lo -= 1;
        }
        let mut hi = p + 1;
        while hi < layer.len() && within(layer[hi]) {
            hi += 1;
        }
        // (first index, crossings with v left of it, with v right of it)
        let mut items: Vec<(usize, u64, u64)> = Vec::new();
        let mut prev = usize::MAX;
        let mut at = 0;
        for (i, &w) in layer.iter().enumerate().take(hi).skip(lo) {
            if w == v {
                at = items.len();
                prev = usize::MAX;
                continue;
            }
            let key = item(w);
            let (left, right) = self.pair_crossings(v, w);
            match items.last_mut() {
                Some(last) if key == prev && key >= n => {
                    last.1 += left;
                    last.2 += right;
                }
                _ => items.push((i, left, right)),
            }
            prev = key;
        }
        // cost(t) with v before item t: right-of crossings for items before, left-of after.
        let mut cost: u64 = items.iter().map(|x| x.1).sum();
        let mut best = (cost, 0usize);
        let mut here = cost;
        for (t, x) in items.iter().enumerate() {
            if t == at {
                here = cost;
            }
            cost = cost - x.1 + x.2;
            let slot = t + 1;
            if cost < best.0 || (cost == best.0 && slot.abs_diff(at) < best.1.abs_diff(at)) {
                best = (cost, slot);
            }
        }
        if at == items.len() {
            here = cost;
        }
        if at == 0 {
            here = items.iter().map(|x| x.1).sum();
        }
        if best.0 >= here {
            return false;
        }
        let target = items.get(best.1).map_or(hi, |x| x.0);
        let layer = &mut self.layers[r];
        layer.remove(p);
        let target = if target > p { target - 1 } else { target };
        layer.insert(target, v);
        for i in lo..hi {
            self.pos[self.layers[r][i]] = i;
        }
        true
    }

    /// Crossings among the segments of `u` and `v` with `u` left of `v`, and swapped.
    fn pair_crossings(&self, u: usize, v: usize) -> (u64, u64) {
        let g = self.g;
        let (mut keep, mut swap) = (0, 0);
        for (nu, nv) in [(&g.up[u], &g.up[v]), (&g.down[u], &g.down[v])] {
            for &a in nu {
                for &b in nv {
                    let (pa, pb) = (self.pos[a], self.pos[b]);
                    if pa > pb {
                        keep += 1;
                    } else if pa < pb {
                        swap += 1;
                    }
                }
            }
        }
        (keep, swap)
    }

    /// Crossings between ranks `lo..=hi` and their neighbouring ranks.
    fn crossings_around(&self, lo: usize, hi: usize) -> u64 {
        let g = self.g;
        (lo.saturating_sub(1)..(hi + 1).min(g.ranks - 1))
            .map(|r| crossings_between(g, &self.layers, &self.pos, r))
            .sum()
    }

    /// Swaps neighbouring sibling clusters (on every rank at once) where that removes enough
    /// crossings; returns whether any pair swapped.
    fn swap_clusters(&mut self) -> bool {
        let g = self.g;
        let mut swapped = false;
        for p in 0..self.children.len() {
            for i in 0..self.children[p].len().saturating_sub(1) {
                let (a, b) = (self.children[p][i], self.children[p][i + 1]);
                let lo = g.span[a].0.max(g.span[b].0);
                let hi = g.span[a].1.min(g.span[b].1);
                if lo > hi {
                    continue;
                }
                let before = self.crossings_around(lo, hi);
                let saved: Vec<Vec<usize>> = self.layers[lo..=hi].to_vec();
                self.children[p].swap(i, i + 1);
                self.ckey.swap(a, b);
                self.resort(lo, hi);
                if self.crossings_around(lo, hi) + before / SWAP_GAIN + 1 >= before {
                    self.children[p].swap(i, i + 1);
                    self.ckey.swap(a, b);
                    for (k, layer) in saved.into_iter().enumerate() {
                        self.set_layer(lo + k, layer);
                    }
                } else {
                    swapped = true;
                }
            }
        }
        swapped
    }

    /// Puts the cluster blocks of ranks `lo..=hi` in the sibling order, moving as little as
    /// possible.
    fn resort(&mut self, lo: usize, hi: usize) {
        let g = self.g;
        for r in lo..=hi {
            let layer = std::mem::take(&mut self.layers[r]);
            let value: Vec<Option<f64>> = (0..layer.len()).map(|i| Some(i as f64)).collect();
            let sorted = self
                .sorter
                .sort(g, &self.ckey, &layer, &value, Aggregate::Median);
            self.set_layer(r, sorted);
        }
    }
}

/// How a cluster's block gets its wanted place from its nodes' wanted places.
#[derive(Clone, Copy, PartialEq)]
enum Aggregate {
    /// The least: where the block's first node was found.
    Min,
    /// The (lower) median, which like the median of neighbours does not change when the
    /// places of the fixed rank are renumbered in the same order.
    Median,
}

/// Sorts one rank as a tree of clusters (see the module docs), with scratch space kept
/// between calls.
struct Sorter {
    nc: usize,
    items: Vec<Vec<Item>>,
    seq: Vec<Vec<usize>>,
    /// Per group: the defined values of the nodes below it, and the least current index.
    vals: Vec<Vec<f64>>,
    first: Vec<usize>,
    mark: Vec<bool>,
}

fn lower_median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    Some(values[(values.len() - 1) / 2])
}

impl Sorter {
    fn new(nc: usize) -> Sorter {
        Sorter {
            nc,
            items: vec![Vec::new(); nc + 1],
            seq: vec![Vec::new(); nc + 1],
            vals: vec![Vec::new(); nc + 1],
            first: vec![usize::MAX; nc + 1],
            mark: vec![false; nc],
        }
    }

    /// The rank `layer` (in its current order) sorted by `value`, where each node wants to
    /// be. A node with no wish (`None`) sticks to the item on its left, so it moves only
    /// with its neighbourhood. Ties keep the current order.
    fn sort(
        &mut self,
        g: &Layered,
        ckey: &[usize],
        layer: &[usize],
        value: &[Option<f64>],
        aggregate: Aggregate,
    ) -> Vec<usize> {
        let root = self.nc;
        // The clusters on this rank, deepest first.
        let mut present = Vec::new();
        for &v in layer {
            let mut c = g.cluster[v];
            while let Some(k) = c {
                if self.mark[k] {
                    break;
                }
                self.mark[k] = true;
                present.push(k);
                c = g.cparent[k];
            }
        }
        present.sort_by_key(|&c| (std::cmp::Reverse(g.cdepth[c]), c));
        for &k in present.iter().chain(std::iter::once(&root)) {
            self.items[k].clear();
            self.seq[k].clear();
            self.vals[k].clear();
            self.first[k] = usize::MAX;
        }
        for (i, &v) in layer.iter().enumerate() {
            self.items[g.cluster[v].unwrap_or(root)].push(Item::Node(i));
        }
        for &k in &present {
            self.items[g.cparent[k].unwrap_or(root)].push(Item::Cluster(k));
        }
        // (wanted place, current index, what)
        let mut wants: Vec<(Option<f64>, usize, Item)> = Vec::new();
        let mut nodes: Vec<(f64, usize, usize)> = Vec::new();
        let mut blocks: Vec<(f64, usize, usize)> = Vec::new();
        let mut scratch: Vec<f64> = Vec::new();
        for &k in present.iter().chain(std::iter::once(&root)) {
            let items = std::mem::take(&mut self.items[k]);
            let mut vals = std::mem::take(&mut self.vals[k]);
            wants.clear();
            let mut first = usize::MAX;
            for &item in &items {
                match item {
                    Item::Node(i) => {
                        if let Some(x) = value[i] {
                            vals.push(x);
                        }
                        first = first.min(i);
                        wants.push((value[i], i, item));
                    }
                    Item::Cluster(c) => {
                        vals.extend_from_slice(&self.vals[c]);
                        first = first.min(self.first[c]);
                        let want = match aggregate {
                            Aggregate::Min => self.vals[c].iter().copied().reduce(f64::min),
                            Aggregate::Median => {
                                scratch.clear();
                                scratch.extend_from_slice(&self.vals[c]);
                                lower_median(&mut scratch)
                            }
                        };
                        wants.push((want, self.first[c], item));
                    }
                }
            }
            self.items[k] = items;
            self.vals[k] = vals;
            self.first[k] = first;
            // Items without a wish take the wish of the item on their left (the first ones:
            // of the first item with a wish), and stay right of it on a tie.
            wants.sort_by_key(|w| w.1);
            let lead = wants.iter().find_map(|w| w.0).unwrap_or(0.0);
            let mut carried = lead;
            nodes.clear();
            blocks.clear();
            for &(want, at, item) in &wants {
                let x = want.unwrap_or(carried);
                carried = x;
                match item {
                    Item::Node(i) => nodes.push((x, at, layer[i])),
                    Item::Cluster(c) => blocks.push((x, at, c)),
                }
            }
            nodes.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            blocks.sort_by_key(|b| ckey[b.2]);
            pool_adjacent_violators(&mut blocks);
            let mut seq = std::mem::take(&mut self.seq[k]);
            let (mut i, mut j) = (0, 0);
            while i < nodes.len() || j < blocks.len() {
                let take_node = j == blocks.len()
                    || (i < nodes.len()
                        && nodes[i]
                            .0
                            .total_cmp(&blocks[j].0)
                            .then(nodes[i].1.cmp(&blocks[j].1))
                            .is_lt());
                if take_node {
                    seq.push(nodes[i].2);
                    i += 1;
                } else {
                    let c = blocks[j].2;
                    let inner = std::mem::take(&mut self.seq[c]);
                    seq.extend_from_slice(&inner);
                    self.seq[c] = inner;
                    j += 1;
                }
            }
            self.seq[k] = seq;
        }
        for &k in &present {
            self.mark[k] = false;
        }
        std::mem::take(&mut self.seq[root])
    }
}

/// Makes the wanted places of blocks (in their fixed order) non-decreasing, replacing each
/// run that is out of order by its lower median.
fn pool_adjacent_violators(blocks: &mut [(f64, usize, usize)]) {
    // (pooled value, first index)
    let mut pools: Vec<(f64, usize)> = Vec::with_capacity(blocks.len());
    let mut scratch: Vec<f64> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        pools.push((b.0, i));
        while pools.len() >= 2 && pools[pools.len() - 2].0 > pools[pools.len() - 1].0 {
            pools.pop();
            let start = pools.last().expect("two pools").1;
            scratch.clear();
            scratch.extend(blocks[start..=i].iter().map(|b| b.0));
            let median = lower_median(&mut scratch).expect("a pool is not empty");
            pools.last_mut().expect("two pools").0 = median;
        }
    }
    for (k, &(x, first)) in pools.iter().enumerate() {
        let end = pools.get(k + 1).map_or(blocks.len(), |p| p.1);
        for b in &mut blocks[first..end] {
            b.0 = x;
        }
    }
}
