//! The layered graph the later stages work on: the real nodes, a virtual node on every rank
//! a long edge crosses, and a filler node wherever a cluster spans a rank without a node on
//! it (so that every cluster is a block on every rank of its box, and nothing foreign can sit
//! inside the box). All sizes are in the computing frame: across a rank (`left`/`right` of
//! the node's anchor) and along the ranks (`height`).

use super::Input;

/// Gap between an edge and its label, and between a loop and its label.
pub(super) const LABEL_GAP: f64 = 4.0;

/// What a layout node stands for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Kind {
    /// One of the graph's nodes.
    Real,
    /// A point of a long edge on a rank it crosses; `label` when the edge's label sits
    /// beside it.
    Virtual { edge: usize, label: bool },
    /// Holds a cluster's place on a rank where it has no node.
    Filler,
}

/// How an edge is drawn.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Route {
    /// Nothing to draw (an edge with an end that is not a node).
    None,
    /// Down the ranks through `nodes` (first node on the lowest rank); `reversed` when the
    /// edge itself points up, so the path is drawn the other way.
    Chain { nodes: Vec<usize>, reversed: bool },
    /// Between two nodes on one rank.
    Flat { from: usize, to: usize },
    /// From a node back to itself: the `index`-th loop on that node.
    Loop { node: usize, index: usize },
}

pub(super) struct Layered {
    pub ranks: usize,
    pub rank: Vec<usize>,
    pub cluster: Vec<Option<usize>>,
    pub kind: Vec<Kind>,
    /// Space the node takes left and right of its anchor, and its height on the rank.
    pub left: Vec<f64>,
    pub right: Vec<f64>,
    pub height: Vec<f64>,
    /// Neighbours on the rank above and below, one entry per segment.
    pub up: Vec<Vec<usize>>,
    pub down: Vec<Vec<usize>>,
    /// The other ends of each node's edges within its rank.
    pub flat: Vec<Vec<usize>>,
    /// Segments between consecutive ranks: upper node, lower node, weight of straightness.
    pub segs: Vec<(usize, usize, i64)>,
    /// One per graph edge.
    pub routes: Vec<Route>,
    /// Loop sizes: `LOOP_BASE + index * LOOP_STEP` outwards from the node's right side.
    pub loop_base: f64,
    pub loop_step: f64,
    pub cparent: Vec<Option<usize>>,
    pub cdepth: Vec<usize>,
    /// The rank range of each cluster (after fillers, never empty).
    pub span: Vec<(usize, usize)>,
}

impl Layered {
    pub fn len(&self) -> usize {
        self.rank.len()
    }

    /// Whether node `v` lies in cluster `c`, directly or in a cluster inside it.
    pub fn in_cluster(&self, v: usize, c: usize) -> bool {
        let mut k = self.cluster[v];
        while let Some(x) = k {
            if x == c {
                return true;
            }
            k = self.cparent[x];
        }
        false
    }

    /// The innermost cluster holding both `a` and `b`.
    pub fn common_cluster(&self, a: Option<usize>, b: Option<usize>) -> Option<usize> {
        let (mut a, mut b) = (a, b);
        loop {
            match (a, b) {
                (Some(x), Some(y)) if x == y => return Some(x),
                (Some(x), Some(y)) => {
                    if self.cdepth[x] >= self.cdepth[y] {
                        a = self.cparent[x];
                    } else {
                        b = self.cparent[y];
                    }
                }
                _ => return None,
            }
        }
    }

    fn push(&mut self, rank: usize, cluster: Option<usize>, kind: Kind) -> usize {
        self.rank.push(rank);
        self.cluster.push(cluster);
        self.kind.push(kind);
        self.left.push(0.0);
        self.right.push(0.0);
        self.height.push(0.0);
        self.up.push(Vec::new());
        self.down.push(Vec::new());
        self.flat.push(Vec::new());
        self.rank.len() - 1
    }

    fn link(&mut self, upper: usize, lower: usize) {
        let virtuals = [upper, lower]
            .iter()
            .filter(|&&v| !matches!(self.kind[v], Kind::Real))
            .count();
        // dot's weights: long edges are kept straightest.
        let weight = [1, 2, 8][virtuals];
        self.segs.push((upper, lower, weight));
        self.down[upper].push(lower);
        self.up[lower].push(upper);
    }
}

/// Builds the layered graph from the input, its ranks, and which edges were reversed.
pub(super) fn build(input: &Input, rank: &[usize], reversed: &[bool], gap: f64) -> Layered {
    let n = input.w.len();
    let cdepth: Vec<usize> = input
        .cparent
        .iter()
        .map(|&parent| {
            let mut d = 0;
            let mut p = parent;
            while let Some(q) = p {
                d += 1;
                p = input.cparent[q];
            }
            d
        })
        .collect();
    let mut g = Layered {
        ranks: rank.iter().map(|&r| r + 1).max().unwrap_or(0),
        rank: Vec::with_capacity(n),
        cluster: Vec::with_capacity(n),
        kind: Vec::with_capacity(n),
        left: Vec::with_capacity(n),
        right: Vec::with_capacity(n),
        height: Vec::with_capacity(n),
        up: Vec::with_capacity(n),
        down: Vec::with_capacity(n),
        flat: Vec::with_capacity(n),
        segs: Vec::new(),
        routes: Vec::with_capacity(input.edges.len()),
        loop_base: (gap * 0.8).max(10.0),
        loop_step: (gap * 0.4).max(6.0),
        cparent: input.cparent.clone(),
        cdepth,
        span: Vec::new(),
    };
    for (v, &r) in rank.iter().enumerate() {
        g.push(r, input.cluster[v], Kind::Real);
        g.left[v] = input.w[v] / 2.0;
        g.right[v] = input.w[v] / 2.0;
        g.height[v] = input.h[v];
    }
    let mut loops = vec![0usize; n];
    for (id, edge) in input.edges.iter().enumerate() {
        let Some(e) = edge else {
            g.routes.push(Route::None);
            continue;
        };
        if e.from == e.to {
            let index = loops[e.from];
            loops[e.from] += 1;
            let size = g.loop_base + index as f64 * g.loop_step;
            let mut reach = 0.75 * size + 2.0;
            if let Some((lw, lh)) = e.label {
                reach += LABEL_GAP + lw;
                g.height[e.from] = g.height[e.from].max(lh);
            }
            g.right[e.from] = g.right[e.from].max(input.w[e.from] / 2.0 + reach);
            g.routes.push(Route::Loop {
                node: e.from,
                index,
            });
            continue;
        }
        let (top, bottom, flipped) = if rank[e.from] < rank[e.to] {
            (e.from, e.to, false)
        } else if rank[e.from] > rank[e.to] {
            (e.to, e.from, true)
        } else {
            g.flat[e.from].push(e.to);
            g.flat[e.to].push(e.from);
            g.routes.push(Route::Flat {
                from: e.from,
                to: e.to,
            });
            continue;
        };
        debug_assert!(!e.ranked || flipped == reversed[id]);
        let cluster = g.common_cluster(input.cluster[top], input.cluster[bottom]);
        let (r0, r1) = (rank[top], rank[bottom]);
        let mut nodes = Vec::with_capacity(r1 - r0 + 1);
        nodes.push(top);
        let middle = r0 + (r1 - r0) / 2;
        for r in r0 + 1..r1 {
            let label = e.label.is_some() && r == middle;
            let v = g.push(r, cluster, Kind::Virtual { edge: id, label });
            if let (true, Some((lw, lh))) = (label, e.label) {
                g.right[v] = LABEL_GAP + lw;
                g.height[v] = lh;
            }
            nodes.push(v);
        }
        nodes.push(bottom);
        for w in nodes.windows(2) {
            g.link(w[0], w[1]);
        }
        g.routes.push(Route::Chain {
            nodes,
            reversed: flipped,
        });
    }
    add_fillers(&mut g);
    g.ranks = g.rank.iter().map(|&r| r + 1).max().unwrap_or(0);
    g
}

/// Gives every cluster a node on every rank of its span (and an empty cluster a node at all),
/// and records the spans.
fn add_fillers(g: &mut Layered) {
    let nc = g.cparent.len();
    if nc == 0 {
        return;
    }
    let mut span: Vec<Option<(usize, usize)>> = vec![None; nc];
    let widen = |s: &mut Option<(usize, usize)>, r: usize| {
        *s = Some(match *s {
            None => (r, r),
            Some((lo, hi)) => (lo.min(r), hi.max(r)),
        });
    };
    for v in 0..g.len() {
        let mut c = g.cluster[v];
        while let Some(k) = c {
            widen(&mut span[k], g.rank[v]);
            c = g.cparent[k];
        }
    }
    // Empty clusters sit on the first rank of their parent (parents first).
    let mut by_depth: Vec<usize> = (0..nc).collect();
    by_depth.sort_by_key(|&c| g.cdepth[c]);
    for &c in &by_depth {
        if span[c].is_none() {
            let r = g.cparent[c].and_then(|p| span[p]).map_or(0, |s| s.0);
            g.push(r, Some(c), Kind::Filler);
            let mut k = Some(c);
            while let Some(x) = k {
                widen(&mut span[x], r);
                k = g.cparent[x];
            }
        }
    }
    let span: Vec<(usize, usize)> = span.into_iter().map(|s| s.unwrap_or((0, 0))).collect();
    // Which ranks each cluster already has a node on.
    let mut present: Vec<Vec<bool>> = span
        .iter()
        .map(|&(lo, hi)| vec![false; hi - lo + 1])
        .collect();
    let mark = |present: &mut Vec<Vec<bool>>, g: &Layered, c: Option<usize>, r: usize| {
        let mut k = c;
        while let Some(x) = k {
            let slot = &mut present[x][r - span[x].0];
            if *slot {
                break;
            }
            *slot = true;
            k = g.cparent[x];
        }
    };
    for v in 0..g.len() {
        mark(&mut present, g, g.cluster[v], g.rank[v]);
    }
    // Deepest first, so a filler also fills its ancestors.
    for &c in by_depth.iter().rev() {
        let (lo, hi) = span[c];
        for r in lo..=hi {
            if !present[c][r - lo] {
                g.push(r, Some(c), Kind::Filler);
                mark(&mut present, g, Some(c), r);
            }
        }
    }
    g.span = span;
}
