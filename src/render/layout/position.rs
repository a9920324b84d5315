//! Coordinates in the computing frame (ranks top to bottom).
//!
//! Across the ranks: dot's method. Each node's x is a variable; neighbours on a rank must be
//! a gap apart; every cluster gets a left and a right border variable that all its nodes stay
//! inside and all foreign nodes on its ranks stay outside, which makes each cluster a true
//! rectangle. The cost is the weighted horizontal length of the segments (long edges
//! weigh most, so they run straight), solved exactly by network simplex on the auxiliary
//! graph, then balanced so a parent sits midway over its children.
//!
//! Along the ranks: each rank is as tall as its tallest node; the gap between two ranks
//! grows where cluster borders and headings, flat-edge arcs or edge labels need room.

use super::layered::{Kind, Layered, Route};
use super::{ns, LayoutOptions};

/// Work allowed to the network simplex (see [`ns::solve`]), about a second at most. A map of
/// a thousand claims reaches the optimum with half of it to spare; much bigger graphs stop
/// short of the optimum, with edges a little less straight (every constraint still holds).
const WORK: usize = 30_000_000;

/// Coordinates are solved in integer units of a quarter point.
const SCALE: f64 = 4.0;

fn units(d: f64) -> i64 {
    (d * SCALE).ceil() as i64
}

/// How clusters take room, in the computing frame (the heading sits on a different side
/// for each direction).
#[derive(Clone, Debug, Default)]
pub(super) struct ClusterRoom {
    /// Extra room inside the left border (the heading, for left-to-right drawings).
    pub lead: Vec<f64>,
    /// The least width across the ranks.
    pub min_across: Vec<f64>,
    /// Extra room above the first rank and below the last (the heading).
    pub top_extra: Vec<f64>,
    pub bottom_extra: Vec<f64>,
    /// The least extent along the ranks.
    pub min_along: Vec<f64>,
}

/// Where everything is, in the computing frame.
pub(super) struct Frame {
    /// Each layout node's anchor (the middle of its box).
    pub x: Vec<f64>,
    pub row_top: Vec<f64>,
    pub row_bottom: Vec<f64>,
    /// Each cluster's box: left, right, top, bottom.
    pub cluster: Vec<[f64; 4]>,
}

impl Frame {
    pub fn row_middle(&self, r: usize) -> f64 {
        (self.row_top[r] + self.row_bottom[r]) / 2.0
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Token {
    Node(usize),
    Left(usize),
    Right(usize),
}

/// Places the layout nodes and cluster boxes. `need[k]` is room wanted in the gap above
/// rank `k` (`need[ranks]`: below the last rank).
pub(super) fn place(
    g: &Layered,
    layers: &[Vec<usize>],
    room: &ClusterRoom,
    opts: &LayoutOptions,
    need: &[f64],
) -> Frame {
    let (x, borders) = across(g, layers, room, opts);
    let (row_top, row_bottom, margins) = along(g, layers, room, opts, need);
    let cluster = (0..g.cparent.len())
        .map(|c| {
            let (lo, hi) = g.span[c];
            [
                borders[c].0,
                borders[c].1,
                row_top[lo] - margins[c].0,
                row_bottom[hi] + margins[c].1,
            ]
        })
        .collect();
    Frame {
        x,
        row_top,
        row_bottom,
        cluster,
    }
}

/// The x of every layout node and the left and right border of every cluster.
fn across(
    g: &Layered,
    layers: &[Vec<usize>],
    room: &ClusterRoom,
    opts: &LayoutOptions,
) -> (Vec<f64>, Vec<(f64, f64)>) {
    let n = g.len();
    let nc = g.cparent.len();
    let left = |c: usize| n + 2 * c;
    let right = |c: usize| n + 2 * c + 1;
    let (gap, pad) = (opts.node_gap, opts.cluster_padding);
    // Each cluster's ancestors, outermost first, itself last.
    let mut path: Vec<Vec<usize>> = Vec::with_capacity(nc);
    for c in 0..nc {
        let mut p = vec![c];
        let mut k = g.cparent[c];
        while let Some(q) = k {
            p.push(q);
            k = g.cparent[q];
        }
        p.reverse();
        path.push(p);
    }
    let sep = |a: Token, b: Token| -> f64 {
        match (a, b) {
            (Token::Node(u), Token::Node(v)) => g.right[u] + gap + g.left[v],
            (Token::Node(u), Token::Left(_)) => g.right[u] + gap,
            (Token::Node(u), Token::Right(_)) => g.right[u] + pad,
            (Token::Left(c), Token::Node(v)) => pad + room.lead[c] + g.left[v],
            (Token::Left(c), Token::Left(_)) => pad + room.lead[c],
            (Token::Left(c), Token::Right(_)) => 2.0 * pad + room.lead[c],
            (Token::Right(_), Token::Right(_)) => pad,
            (Token::Right(_), Token::Node(v)) => gap + g.left[v],
            (Token::Right(_), Token::Left(_)) => gap,
        }
    };
    let var = |t: Token| match t {
        Token::Node(v) => v,
        Token::Left(c) => left(c),
        Token::Right(c) => right(c),
    };
    // A virtual node of an edge with an end inside a cluster may overlap that cluster's
    // border (as in dot): the edge then runs along the inside of the box to leave it,
    // instead of going around it. It still keeps clear of every node.
    let holds = |c: usize, v: usize| g.in_cluster(v, c);
    let porous = |a: Token, b: Token| -> bool {
        let (v, c) = match (a, b) {
            (Token::Node(v), Token::Left(c) | Token::Right(c))
            | (Token::Left(c) | Token::Right(c), Token::Node(v)) => (v, c),
            _ => return false,
        };
        let Kind::Virtual { edge, label: false } = g.kind[v] else {
            return false;
        };
        match &g.routes[edge] {
            Route::Chain { nodes, .. } => holds(c, nodes[0]) || holds(c, nodes[nodes.len() - 1]),
            _ => false,
        }
    };
    let mut constraints: Vec<ns::Edge> = Vec::new();
    let mut tokens: Vec<Token> = Vec::new();
    for layer in layers {
        tokens.clear();
        let mut open: Vec<usize> = Vec::new();
        for &v in layer {
            let chain: &[usize] = g.cluster[v].map_or(&[], |c| &path[c]);
            let common = open.iter().zip(chain).take_while(|(a, b)| a == b).count();
            while open.len() > common {
                tokens.push(Token::Right(open.pop().expect("open cluster")));
            }
            for &c in &chain[common..] {
                tokens.push(Token::Left(c));
                open.push(c);
            }
            tokens.push(Token::Node(v));
        }
        while let Some(c) = open.pop() {
            tokens.push(Token::Right(c));
        }
        // Each token keeps clear of the nearest token on either side it may not overlap.
        let mut keep = |p: Token, t: Token| {
            constraints.push(ns::Edge {
                tail: var(p),
                head: var(t),
                minlen: units(sep(p, t)),
                weight: 0,
            });
        };
        for (i, &t) in tokens.iter().enumerate() {
            if let Some(&p) = tokens[..i].iter().rev().find(|&&p| !porous(p, t)) {
                keep(p, t);
            }
            if let Some(&q) = tokens[i + 1..].iter().find(|&&q| !porous(t, q)) {
                keep(t, q);
            }
        }
    }
    constraints.sort_by_key(|e| (e.tail, e.head, std::cmp::Reverse(e.minlen)));
    constraints.dedup_by_key(|e| (e.tail, e.head));
    let mut edges = constraints;
    for c in 0..nc {
        edges.push(ns::Edge {
            tail: left(c),
            head: right(c),
            minlen: units(room.min_across[c].max(2.0 * pad + room.lead[c])),
            weight: 1,
        });
    }
    let vars = n + 2 * nc;
    let mut total = vars;
    let mut pulls: Vec<(usize, usize, i64)> = g.segs.clone();
    for route in &g.routes {
        if let super::layered::Route::Flat { from, to } = *route {
            pulls.push((from, to, 1));
        }
    }
    for &(u, v, w) in &pulls {
        edges.push(ns::Edge {
            tail: total,
            head: u,
            minlen: 0,
            weight: w,
        });
        edges.push(ns::Edge {
            tail: total,
            head: v,
            minlen: 0,
            weight: w,
        });
        total += 1;
    }
    let value = match ns::longest_path(total, &edges) {
        Some(mut value) => {
            for (i, &(u, v, _)) in pulls.iter().enumerate() {
                value[vars + i] = value[u].min(value[v]);
            }
            ns::solve(total, &edges, &mut value, WORK, true);
            value
        }
        // The order keeps clusters consistent, so the constraints have no cycle; should they
        // ever, pack each rank from the left rather than fail.
        None => packed(g, layers, gap, total),
    };
    let x = (0..n).map(|v| value[v] as f64 / SCALE).collect();
    let borders = (0..nc)
        .map(|c| {
            (
                value[left(c)] as f64 / SCALE,
                value[right(c)] as f64 / SCALE,
            )
        })
        .collect();
    (x, borders)
}

fn packed(g: &Layered, layers: &[Vec<usize>], gap: f64, total: usize) -> Vec<i64> {
    let mut value = vec![0i64; total];
    for layer in layers {
        let mut at = 0.0;
        for &v in layer {
            at += g.left[v];
            value[v] = units(at);
            at += g.right[v] + gap;
        }
    }
    value
}

/// Row tops and bottoms, and each cluster's margins above its first rank and below its last.
fn along(
    g: &Layered,
    layers: &[Vec<usize>],
    room: &ClusterRoom,
    opts: &LayoutOptions,
    need: &[f64],
) -> (Vec<f64>, Vec<f64>, Vec<(f64, f64)>) {
    let ranks = g.ranks;
    let nc = g.cparent.len();
    let pad = opts.cluster_padding;
    let height: Vec<f64> = layers
        .iter()
        .map(|l| l.iter().map(|&v| g.height[v]).fold(0.0, f64::max))
        .collect();
    let mut margins = vec![(0.0f64, 0.0f64); nc];
    let mut inner = vec![(0.0f64, 0.0f64); nc];
    let mut deepest_first: Vec<usize> = (0..nc).collect();
    deepest_first.sort_by_key(|&c| (std::cmp::Reverse(g.cdepth[c]), c));
    for &c in &deepest_first {
        let (lo, hi) = g.span[c];
        let mut top = pad + room.top_extra[c] + inner[c].0;
        let mut bottom = pad + room.bottom_extra[c] + inner[c].1;
        if room.min_along[c] > 0.0 {
            let rows: f64 = height[lo..=hi].iter().sum();
            let extent = top + bottom + rows + opts.rank_gap * (hi - lo) as f64;
            if extent < room.min_along[c] {
                let d = (room.min_along[c] - extent) / 2.0;
                top += d;
                bottom += d;
            }
        }
        margins[c] = (top, bottom);
        if let Some(p) = g.cparent[c] {
            if g.span[p].0 == lo {
                inner[p].0 = inner[p].0.max(top);
            }
            if g.span[p].1 == hi {
                inner[p].1 = inner[p].1.max(bottom);
            }
        }
    }
    let mut above = vec![0.0f64; ranks];
    let mut below = vec![0.0f64; ranks];
    for (&(lo, hi), &(top, bottom)) in g.span.iter().zip(&margins) {
        above[lo] = above[lo].max(top);
        below[hi] = below[hi].max(bottom);
    }
    let mut row_top = vec![0.0; ranks];
    let mut row_bottom = vec![0.0; ranks];
    let mut y = 0.0;
    for r in 0..ranks {
        let gap = if r == 0 {
            above[0].max(need[0])
        } else {
            let boxes = above[r] + below[r - 1];
            let boxes = if boxes > 0.0 {
                boxes + opts.rank_gap / 2.0
            } else {
                0.0
            };
            opts.rank_gap.max(boxes).max(need[r])
        };
        y += gap;
        row_top[r] = y;
        y += height[r];
        row_bottom[r] = y;
    }
    (row_top, row_bottom, margins)
}
