//! The built-in layered layout: positions for the boxes and routes for the arrows of a
//! drawing, with no outside program.
//!
//! The input is an abstract [`Graph`]: node sizes (measured from their wrapped text),
//! directed edges, nested clusters and a direction. The output is a [`Layout`] in points
//! (1/72 inch), the unit SVG and PDF use, with y growing downwards.
//!
//! Edges point from a reason to what it is a reason for (premise to conclusion, attacker to
//! target), as in the DOT export: with [`RankDir::BottomToTop`] conclusions end up on top.

use crate::diagram::RankDir;

/// A point, in points, y downwards.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Point {
    /// Across.
    pub x: f64,
    /// Down.
    pub y: f64,
}

/// An axis-aligned box: its top-left corner and its size.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

/// A node to place: its size, and the innermost cluster it belongs to.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeSpec {
    /// Width of the node's box.
    pub width: f64,
    /// Height of the node's box.
    pub height: f64,
    /// The innermost cluster holding the node, by index into [`Graph::clusters`].
    pub cluster: Option<usize>,
}

/// An edge to route, from a node to a node (indices into [`Graph::nodes`]).
#[derive(Clone, Debug, PartialEq)]
pub struct EdgeSpec {
    /// Where the edge starts.
    pub from: usize,
    /// Where the edge ends.
    pub to: usize,
    /// The size of the edge's label, if it has one (placed beside the edge's middle).
    pub label: Option<(f64, f64)>,
    /// Whether the edge takes part in ranking (`false` for symmetric relations such as
    /// contradicts, which are routed but do not push their ends apart).
    pub ranked: bool,
}

/// A box drawn around nodes (a group, an actor's claims, a tag).
#[derive(Clone, Debug, PartialEq)]
pub struct ClusterSpec {
    /// The enclosing cluster, by index into [`Graph::clusters`]; clusters nest as a forest.
    pub parent: Option<usize>,
    /// The size of the cluster's heading, drawn inside the box at its top.
    pub label: (f64, f64),
}

/// What to lay out.
#[derive(Clone, Debug, PartialEq)]
pub struct Graph {
    /// The nodes, in map order (the order is a tie-breaker everywhere, so the same graph
    /// always gets the same layout, and a small edit keeps most of it).
    pub nodes: Vec<NodeSpec>,
    /// The edges, in map order.
    pub edges: Vec<EdgeSpec>,
    /// The clusters.
    pub clusters: Vec<ClusterSpec>,
    /// Which way edges flow.
    pub direction: RankDir,
}

/// Spacing, in points.
#[derive(Clone, Debug, PartialEq)]
pub struct LayoutOptions {
    /// Space between neighbouring nodes on one rank. Default 22.
    pub node_gap: f64,
    /// Space between ranks. Default 36.
    pub rank_gap: f64,
    /// Padding inside a cluster's box, around its nodes. Default 12.
    pub cluster_padding: f64,
}

impl Default for LayoutOptions {
    fn default() -> LayoutOptions {
        LayoutOptions {
            node_gap: 22.0,
            rank_gap: 36.0,
            cluster_padding: 12.0,
        }
    }
}

/// The result: where everything goes.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// Each node's box, by node index.
    pub nodes: Vec<Rect>,
    /// Each edge's route, by edge index: a cubic Bézier path as a start point followed by
    /// groups of three points (two control points and an end point). The path starts on the
    /// border of the `from` node's box and ends on the border of the `to` node's box.
    pub edges: Vec<Vec<Point>>,
    /// Where each edge's label goes (its box), for edges with a label.
    pub labels: Vec<Option<Rect>>,
    /// Each cluster's box, by cluster index (heading included).
    pub clusters: Vec<Rect>,
    /// Each node's rank (0 is the first rank in the flow direction).
    pub ranks: Vec<usize>,
    /// Each node's position within its rank, counted from the left (top for LR/RL).
    pub order: Vec<usize>,
    /// The size of the whole drawing; every box and path lies inside it.
    pub width: f64,
    /// See [`Layout::width`].
    pub height: f64,
}

mod layered;
mod ns;
mod order;
mod position;
#[cfg(test)]
mod quality;
mod rank;
mod route;
#[cfg(test)]
mod tests;

/// Lays a graph out: ranks, order within ranks, coordinates, edge routes, label and cluster
/// boxes, turned to the graph's direction.
///
/// Never fails: an edge with an end that is not a node gets an empty path and no label; a
/// cluster whose parent is not a cluster, or whose parents form a cycle, becomes top-level;
/// negative or non-finite sizes count as 0. The same graph always gives the same layout.
///
/// Ranks come from a network simplex over the ranked edges (cycles broken by a depth-first
/// search in index order); the order within ranks from a forest walk, smoothed and then
/// sifted, with clusters kept whole (see the `order` module: it changes little when the
/// graph changes little); x coordinates from a network simplex that keeps long edges
/// straight and clusters rectangular; edges are cubic Béziers that pass between nodes,
/// never through them.
pub fn layout(graph: &Graph, options: &LayoutOptions) -> Layout {
    layout_counting(graph, options).0
}

/// [`layout`], and the crossings between ranks its order has (for tests and tuning).
fn layout_counting(graph: &Graph, options: &LayoutOptions) -> (Layout, u64) {
    let opts = LayoutOptions {
        node_gap: clean(options.node_gap, 1e4),
        rank_gap: clean(options.rank_gap, 1e4),
        cluster_padding: clean(options.cluster_padding, 1e4),
    };
    let input = Input::new(graph);
    let n = input.w.len();

    // Ranks.
    let mut rank_edges = Vec::new();
    let mut rank_edge_of = Vec::new();
    for (id, e) in input.edges.iter().enumerate() {
        if let Some(e) = e {
            if e.ranked && e.from != e.to {
                rank_edges.push(rank::RankEdge {
                    from: e.from,
                    to: e.to,
                    // A labelled edge spans two ranks, so its label has a rank of its own.
                    minlen: if e.label.is_some() { 2 } else { 1 },
                });
                rank_edge_of.push(id);
            }
        }
    }
    let (ranks, reversed_ranked) = rank::assign(n, &rank_edges);
    let mut reversed = vec![false; input.edges.len()];
    for (k, &id) in rank_edge_of.iter().enumerate() {
        reversed[id] = reversed_ranked[k];
    }

    let g = layered::build(&input, &ranks, &reversed, opts.node_gap);
    let layers = order::order(&g);
    let crossings = order::crossings(&g, &layers);
    let need = route::gap_needs(&g, &layers, &input, &opts);
    let room = input.cluster_room(opts.cluster_padding);
    let frame = position::place(&g, &layers, &room, &opts, &need);
    let (paths, labels) = route::route(&g, &layers, &frame, &input, &opts);

    // Boxes in the computing frame.
    let nodes: Vec<Rect> = (0..n)
        .map(|v| {
            let y = frame.row_middle(g.rank[v]);
            Rect {
                x: frame.x[v] - input.w[v] / 2.0,
                y: y - input.h[v] / 2.0,
                width: input.w[v],
                height: input.h[v],
            }
        })
        .collect();
    let clusters: Vec<Rect> = frame
        .cluster
        .iter()
        .map(|&[l, r, t, b]| Rect {
            x: l,
            y: t,
            width: r - l,
            height: b - t,
        })
        .collect();
    let mut order = vec![0usize; n];
    for layer in &layers {
        let mut i = 0;
        for &v in layer {
            if v < n {
                order[v] = i;
                i += 1;
            }
        }
    }
    let computed = Layout {
        nodes,
        edges: paths,
        labels,
        clusters,
        ranks,
        order,
        width: 0.0,
        height: 0.0,
    };
    (turn(computed, input.direction), crossings)
}

/// A finite, non-negative spacing no larger than `max`.
fn clean(x: f64, max: f64) -> f64 {
    if x.is_finite() {
        x.clamp(0.0, max)
    } else {
        0.0
    }
}

/// An edge in the computing frame.
#[derive(Clone, Debug)]
struct InputEdge {
    from: usize,
    to: usize,
    /// Label size across and along the ranks.
    label: Option<(f64, f64)>,
    ranked: bool,
}

/// The graph, checked and turned into the computing frame, where ranks run top to bottom:
/// for left-to-right drawings a node's width along the ranks is its height on the page.
struct Input {
    /// Box sizes across and along the ranks.
    w: Vec<f64>,
    h: Vec<f64>,
    cluster: Vec<Option<usize>>,
    edges: Vec<Option<InputEdge>>,
    cparent: Vec<Option<usize>>,
    /// Cluster heading sizes, as drawn (width, height on the page).
    clabel: Vec<(f64, f64)>,
    direction: RankDir,
}

impl Input {
    fn new(graph: &Graph) -> Input {
        let size = |x: f64| clean(x, 1e6);
        let across = matches!(graph.direction, RankDir::LeftToRight | RankDir::RightToLeft);
        let turn = |w: f64, h: f64| {
            if across {
                (size(h), size(w))
            } else {
                (size(w), size(h))
            }
        };
        let n = graph.nodes.len();
        let nc = graph.clusters.len();
        let (w, h): (Vec<f64>, Vec<f64>) =
            graph.nodes.iter().map(|s| turn(s.width, s.height)).unzip();
        let cluster = graph
            .nodes
            .iter()
            .map(|s| s.cluster.filter(|&c| c < nc))
            .collect();
        let edges = graph
            .edges
            .iter()
            .map(|e| {
                (e.from < n && e.to < n).then(|| InputEdge {
                    from: e.from,
                    to: e.to,
                    label: e.label.map(|(lw, lh)| turn(lw, lh)),
                    ranked: e.ranked,
                })
            })
            .collect();
        let mut cparent: Vec<Option<usize>> = graph
            .clusters
            .iter()
            .enumerate()
            .map(|(c, s)| s.parent.filter(|&p| p < nc && p != c))
            .collect();
        // Break parent cycles: a cluster whose ancestors lead back to itself loses its parent.
        for c in 0..nc {
            let mut steps = 0;
            let mut p = cparent[c];
            while let Some(q) = p {
                if q == c {
                    cparent[c] = None;
                    break;
                }
                steps += 1;
                if steps > nc {
                    break;
                }
                p = cparent[q];
            }
        }
        let clabel = graph
            .clusters
            .iter()
            .map(|s| (size(s.label.0), size(s.label.1)))
            .collect();
        Input {
            w,
            h,
            cluster,
            edges,
            cparent,
            clabel,
            direction: graph.direction,
        }
    }

    /// Where each cluster's heading takes room: at the top of the box as drawn, which is
    /// the top of the computing frame (TB), its bottom (BT), or its left (LR, RL).
    fn cluster_room(&self, pad: f64) -> position::ClusterRoom {
        let nc = self.clabel.len();
        let mut room = position::ClusterRoom {
            lead: vec![0.0; nc],
            min_across: vec![0.0; nc],
            top_extra: vec![0.0; nc],
            bottom_extra: vec![0.0; nc],
            min_along: vec![0.0; nc],
        };
        for (c, &(lw, lh)) in self.clabel.iter().enumerate() {
            match self.direction {
                RankDir::TopToBottom => {
                    room.top_extra[c] = lh;
                    room.min_across[c] = lw + 2.0 * pad;
                }
                RankDir::BottomToTop => {
                    room.bottom_extra[c] = lh;
                    room.min_across[c] = lw + 2.0 * pad;
                }
                _ => {
                    room.lead[c] = lh;
                    room.min_along[c] = lw + 2.0 * pad;
                }
            }
        }
        room
    }
}

/// Moves a layout from the computing frame to the page: everything at non-negative
/// coordinates, then flipped or transposed for the direction.
fn turn(mut l: Layout, direction: RankDir) -> Layout {
    let (mut x0, mut y0, mut x1, mut y1) = (
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    );
    let mut take = |x: f64, y: f64| {
        x0 = x0.min(x);
        y0 = y0.min(y);
        x1 = x1.max(x);
        y1 = y1.max(y);
    };
    for r in l
        .nodes
        .iter()
        .chain(&l.clusters)
        .chain(l.labels.iter().flatten())
    {
        take(r.x, r.y);
        take(r.x + r.width, r.y + r.height);
    }
    for p in l.edges.iter().flatten() {
        take(p.x, p.y);
    }
    if x0 > x1 {
        (x0, y0, x1, y1) = (0.0, 0.0, 0.0, 0.0);
    }
    let (w, h) = (x1 - x0, y1 - y0);
    let point = |p: Point| -> Point {
        let (x, y) = (p.x - x0, p.y - y0);
        let (x, y) = match direction {
            RankDir::TopToBottom => (x, y),
            RankDir::BottomToTop => (x, h - y),
            RankDir::LeftToRight => (y, x),
            RankDir::RightToLeft => (h - y, x),
        };
        // Rounding can leave -0.0 or a hair below zero.
        Point {
            x: x.max(0.0),
            y: y.max(0.0),
        }
    };
    let rect = |r: Rect| -> Rect {
        let a = point(Point { x: r.x, y: r.y });
        let b = point(Point {
            x: r.x + r.width,
            y: r.y + r.height,
        });
        Rect {
            x: a.x.min(b.x),
            y: a.y.min(b.y),
            width: (a.x - b.x).abs(),
            height: (a.y - b.y).abs(),
        }
    };
    for r in l
        .nodes
        .iter_mut()
        .chain(l.clusters.iter_mut())
        .chain(l.labels.iter_mut().flatten())
    {
        *r = rect(*r);
    }
    for p in l.edges.iter_mut().flatten() {
        *p = point(*p);
    }
    (l.width, l.height) = match direction {
        RankDir::TopToBottom | RankDir::BottomToTop => (w, h),
        _ => (h, w),
    };
    l
}
