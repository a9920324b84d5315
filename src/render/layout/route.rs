//! Edge routes, as cubic Bézier paths in the computing frame, and edge label boxes.
//!
//! A route never enters a box that is not one of its ends, by construction rather than by
//! search: node boxes lie inside their rank's row, so between rows there is nothing to hit,
//! and a curve whose control points stay between two rows stays there too. Inside a row an
//! edge is a straight line, either in the column of its own end node (below or above the
//! box) or, at a virtual node, in the free interval between the virtual node's neighbours.
//! Joints have matching tangents, so the path is smooth. Edges within one rank run straight
//! between neighbours, or arc over the rank through the gap above it; loops use the room
//! reserved at their node's right side.

use super::layered::{Kind, Layered, Route, LABEL_GAP};
use super::position::Frame;
use super::{Input, LayoutOptions, Point, Rect};

/// Steepest slope (across per along) a curve leaves or enters a row with.
const MAX_SLOPE: f64 = 8.0;

/// How high an arc over a rank rises.
pub(super) fn arc_height(opts: &LayoutOptions) -> f64 {
    (opts.rank_gap * 0.6).clamp(6.0, 30.0)
}

fn positions(g: &Layered, layers: &[Vec<usize>]) -> Vec<usize> {
    let mut pos = vec![0usize; g.len()];
    for layer in layers {
        for (i, &v) in layer.iter().enumerate() {
            pos[v] = i;
        }
    }
    pos
}

/// Whether a straight line between `a` and `b` on one rank crosses no box: only virtual
/// nodes without labels and fillers lie between them.
fn clear_between(g: &Layered, layers: &[Vec<usize>], pos: &[usize], a: usize, b: usize) -> bool {
    let (i, j) = if pos[a] < pos[b] {
        (pos[a], pos[b])
    } else {
        (pos[b], pos[a])
    };
    layers[g.rank[a]][i + 1..j]
        .iter()
        .all(|&v| match g.kind[v] {
            Kind::Real => false,
            Kind::Virtual { label, .. } => !label,
            Kind::Filler => true,
        })
}

/// How an edge between two nodes of one rank goes.
#[derive(Clone, Copy, PartialEq)]
enum FlatWay {
    /// A straight line: nothing but edges lies between the two.
    Straight,
    /// An arc through the gap above the rank.
    Over,
    /// An arc through the gap below it.
    Under,
}

/// The way with the fewest crossings: an arc over the rank crosses the segments coming
/// into the nodes between from above, one under it those leaving them below.
fn flat_way(g: &Layered, layers: &[Vec<usize>], pos: &[usize], a: usize, b: usize) -> FlatWay {
    if clear_between(g, layers, pos, a, b) {
        return FlatWay::Straight;
    }
    let (i, j) = (pos[a].min(pos[b]), pos[a].max(pos[b]));
    let between = &layers[g.rank[a]][i + 1..j];
    let over: usize = between.iter().map(|&v| g.up[v].len()).sum();
    let under: usize = between.iter().map(|&v| g.down[v].len()).sum();
    if under < over {
        FlatWay::Under
    } else {
        FlatWay::Over
    }
}

/// Room each gap must have for arcs and labels: index `k` is the gap above rank `k`, the
/// last index the room below the last rank.
pub(super) fn gap_needs(
    g: &Layered,
    layers: &[Vec<usize>],
    input: &Input,
    opts: &LayoutOptions,
) -> Vec<f64> {
    let pos = positions(g, layers);
    let mut need = vec![0.0f64; g.ranks + 1];
    for (id, route) in g.routes.iter().enumerate() {
        let label_h = input.edges[id]
            .as_ref()
            .and_then(|e| e.label)
            .map_or(0.0, |(_, h)| h + 2.0 * LABEL_GAP);
        match route {
            Route::Flat { from, to } => {
                let r = g.rank[*from];
                let (k, arc) = match flat_way(g, layers, &pos, *from, *to) {
                    FlatWay::Straight => (r, 0.0),
                    FlatWay::Over => (r, arc_height(opts) + 2.0),
                    FlatWay::Under => (r + 1, arc_height(opts) + 2.0),
                };
                need[k] = need[k].max(arc + label_h);
            }
            Route::Chain { nodes, .. } if nodes.len() == 2 && label_h > 0.0 => {
                let r = g.rank[nodes[1]];
                need[r] = need[r].max(label_h);
            }
            _ => {}
        }
    }
    need
}

/// A path being written: a start point and groups of three.
struct Path(Vec<Point>);

impl Path {
    fn start(p: Point) -> Path {
        Path(vec![p])
    }

    fn last(&self) -> Point {
        *self.0.last().expect("a path has a start")
    }

    fn line(&mut self, p: Point) {
        let a = self.last();
        self.0.push(lerp(a, p, 1.0 / 3.0));
        self.0.push(lerp(a, p, 2.0 / 3.0));
        self.0.push(p);
    }

    fn curve(&mut self, c1: Point, c2: Point, p: Point) {
        self.0.extend([c1, c2, p]);
    }

    /// From the current point, leaving downwards with `slope_out`, to `p`, arriving with
    /// `slope_in`; the control points stay between the two ends' heights.
    fn down_curve(&mut self, slope_out: f64, p: Point, slope_in: f64) {
        let a = self.last();
        let t = (p.y - a.y) / 3.0;
        let (so, si) = (
            slope_out.clamp(-MAX_SLOPE, MAX_SLOPE),
            slope_in.clamp(-MAX_SLOPE, MAX_SLOPE),
        );
        self.curve(pt(a.x + so * t, a.y + t), pt(p.x - si * t, p.y - t), p);
    }
}

fn pt(x: f64, y: f64) -> Point {
    Point { x, y }
}

fn lerp(a: Point, b: Point, t: f64) -> Point {
    pt(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t)
}

fn slope(dx: f64, dy: f64) -> f64 {
    if dy.abs() < 1e-9 {
        0.0
    } else {
        dx / dy
    }
}

/// Point `t` of the cubic starting at `p[0]`.
fn bezier(p: &[Point], t: f64) -> Point {
    let u = 1.0 - t;
    let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
    pt(
        a * p[0].x + b * p[1].x + c * p[2].x + d * p[3].x,
        a * p[0].y + b * p[1].y + c * p[2].y + d * p[3].y,
    )
}

/// Every edge's path and label box, in the computing frame.
pub(super) fn route(
    g: &Layered,
    layers: &[Vec<usize>],
    frame: &Frame,
    input: &Input,
    opts: &LayoutOptions,
) -> (Vec<Vec<Point>>, Vec<Option<Rect>>) {
    let pos = positions(g, layers);
    let router = Router {
        g,
        layers,
        pos: &pos,
        frame,
        input,
        margin: (opts.node_gap / 4.0).min(2.0),
        arc: arc_height(opts),
    };
    let mut paths = Vec::with_capacity(g.routes.len());
    let mut labels = Vec::with_capacity(g.routes.len());
    for (id, route) in g.routes.iter().enumerate() {
        let label = input.edges[id].as_ref().and_then(|e| e.label);
        let (path, rect) = match route {
            Route::None => (Vec::new(), None),
            Route::Chain { nodes, reversed } => {
                let (mut path, rect) = router.chain(nodes, label);
                if *reversed {
                    path.reverse();
                }
                (path, rect)
            }
            Route::Flat { from, to } => router.flat(*from, *to, label),
            Route::Loop { node, index } => router.self_loop(*node, *index, label),
        };
        paths.push(path);
        labels.push(rect);
    }
    (paths, labels)
}

struct Router<'a> {
    g: &'a Layered,
    layers: &'a [Vec<usize>],
    pos: &'a [usize],
    frame: &'a Frame,
    input: &'a Input,
    margin: f64,
    arc: f64,
}

impl Router<'_> {
    /// The box of a real node: left, right, top, bottom.
    fn node_box(&self, v: usize) -> [f64; 4] {
        let (x, y) = (self.frame.x[v], self.frame.row_middle(self.g.rank[v]));
        let (w, h) = (self.input.w[v] / 2.0, self.input.h[v] / 2.0);
        [x - w, x + w, y - h, y + h]
    }

    /// How far right of its anchor a node's box (or label) reaches, and how far left.
    fn reach(&self, v: usize) -> (f64, f64) {
        match self.g.kind[v] {
            Kind::Real => (self.input.w[v] / 2.0, self.input.w[v] / 2.0),
            Kind::Virtual { label: true, .. } => (0.0, self.g.right[v]),
            _ => (0.0, 0.0),
        }
    }

    /// The interval a path may use across the row of virtual node `v`.
    fn channel(&self, v: usize) -> (f64, f64) {
        let layer = &self.layers[self.g.rank[v]];
        let i = self.pos[v];
        let x = self.frame.x[v];
        let lo = if i > 0 {
            let u = layer[i - 1];
            self.frame.x[u] + self.reach(u).1 + self.margin
        } else {
            f64::NEG_INFINITY
        };
        let mut hi = if i + 1 < layer.len() {
            let w = layer[i + 1];
            self.frame.x[w] - self.reach(w).0 - self.margin
        } else {
            f64::INFINITY
        };
        if matches!(self.g.kind[v], Kind::Virtual { label: true, .. }) {
            hi = x;
        }
        (lo.min(x), hi.max(x))
    }

    /// Down the ranks from `nodes[0]` to its last node.
    fn chain(&self, nodes: &[usize], label: Option<(f64, f64)>) -> (Vec<Point>, Option<Rect>) {
        let g = self.g;
        let f = self.frame;
        let k = nodes.len() - 1;
        let xs: Vec<f64> = nodes.iter().map(|&v| f.x[v]).collect();
        let ys: Vec<f64> = nodes.iter().map(|&v| f.row_middle(g.rank[v])).collect();
        let dir = |i: usize, j: usize| slope(xs[j] - xs[i], ys[j] - ys[i]);
        // Leave the first node through its bottom, where the line to the next point meets it.
        let a = nodes[0];
        let [l, r, _, bottom] = self.node_box(a);
        let s = dir(0, 1);
        let inset = ((r - l) / 4.0).min(6.0);
        let port = (xs[0] + s * (bottom - ys[0])).clamp(l + inset, r - inset);
        let mut path = Path::start(pt(port, bottom));
        let row_bottom = f.row_bottom[g.rank[a]];
        let mut out = s;
        if row_bottom > bottom + 1e-9 {
            let x = (port + s * (row_bottom - bottom)).clamp(l, r);
            out = slope(x - port, row_bottom - bottom);
            path.line(pt(x, row_bottom));
        }
        let mut rect = None;
        for i in 1..k {
            let v = nodes[i];
            let rk = g.rank[v];
            let (top, bot) = (f.row_top[rk], f.row_bottom[rk]);
            let s = dir(i - 1, i + 1);
            let (lo, hi) = self.channel(v);
            let half = (bot - top) / 2.0;
            // Beside a label the edge runs straight down, so the label sits right by it.
            let s = if matches!(g.kind[v], Kind::Virtual { label: true, .. }) {
                0.0
            } else {
                s
            };
            let x_in = (xs[i] - s * half).clamp(lo, hi);
            let x_out = (xs[i] + s * half).clamp(lo, hi);
            let through = if half > 1e-9 {
                slope(x_out - x_in, bot - top)
            } else {
                s
            };
            path.down_curve(out, pt(x_in, top), through);
            if half > 1e-9 {
                path.line(pt(x_out, bot));
            }
            out = through;
            if let (Kind::Virtual { label: true, .. }, Some((lw, lh))) = (g.kind[v], label) {
                rect = Some(Rect {
                    x: xs[i] + LABEL_GAP,
                    y: ys[i] - lh / 2.0,
                    width: lw,
                    height: lh,
                });
            }
        }
        // Enter the last node through its top.
        let b = nodes[k];
        let [l, r, top, _] = self.node_box(b);
        let s = dir(k - 1, k);
        let inset = ((r - l) / 4.0).min(6.0);
        let port = (xs[k] - s * (ys[k] - top)).clamp(l + inset, r - inset);
        let row_top = f.row_top[g.rank[b]];
        if top > row_top + 1e-9 {
            let x = (port - s * (top - row_top)).clamp(l, r);
            let into = slope(port - x, top - row_top);
            path.down_curve(out, pt(x, row_top), into);
            path.line(pt(port, top));
        } else {
            path.down_curve(out, pt(port, top), s);
        }
        if k == 1 {
            if let Some((lw, lh)) = label {
                // No virtual node: the label goes beside the middle of the curve between
                // the rows, where the gap was made tall enough.
                let p = &path.0;
                let seg = (0..(p.len() - 1) / 3)
                    .find(|&j| p[3 * j].y <= row_bottom + 1e-9 && p[3 * j + 3].y >= row_top - 1e-9)
                    .unwrap_or(0);
                let m = bezier(&p[3 * seg..3 * seg + 4], 0.5);
                rect = Some(Rect {
                    x: m.x + LABEL_GAP,
                    y: m.y - lh / 2.0,
                    width: lw,
                    height: lh,
                });
            }
        }
        (path.0, rect)
    }

    /// Between two nodes of one rank: straight when nothing lies between them, else an
    /// arc through the gap above the rank.
    fn flat(
        &self,
        from: usize,
        to: usize,
        label: Option<(f64, f64)>,
    ) -> (Vec<Point>, Option<Rect>) {
        let g = self.g;
        let (a, b, flipped) = if self.pos[from] < self.pos[to] {
            (from, to, false)
        } else {
            (to, from, true)
        };
        let rk = g.rank[a];
        let y = self.frame.row_middle(rk);
        let (row_top, row_bottom) = (self.frame.row_top[rk], self.frame.row_bottom[rk]);
        let [_, ar, at, ab] = self.node_box(a);
        let [bl, _, bt, bb] = self.node_box(b);
        let xa = self.frame.x[a] + (ar - self.frame.x[a]) / 2.0;
        let xb = self.frame.x[b] - (self.frame.x[b] - bl) / 2.0;
        let lift = self.arc / 0.75;
        // Where the label goes: its bottom edge, or its top edge.
        enum LabelAt {
            Above(f64),
            Below(f64),
        }
        use LabelAt::{Above, Below};
        let (mut path, label_at) = match flat_way(g, self.layers, self.pos, a, b) {
            FlatWay::Straight => {
                let mut p = Path::start(pt(ar, y));
                p.line(pt(bl, y));
                (p, Above(row_top - LABEL_GAP))
            }
            FlatWay::Over => {
                let mut p = Path::start(pt(xa, at));
                if at > row_top + 1e-9 {
                    p.line(pt(xa, row_top));
                }
                p.curve(
                    pt(xa, row_top - lift),
                    pt(xb, row_top - lift),
                    pt(xb, row_top),
                );
                if bt > row_top + 1e-9 {
                    p.line(pt(xb, bt));
                }
                (p, Above(row_top - self.arc - LABEL_GAP))
            }
            FlatWay::Under => {
                let mut p = Path::start(pt(xa, ab));
                if ab < row_bottom - 1e-9 {
                    p.line(pt(xa, row_bottom));
                }
                p.curve(
                    pt(xa, row_bottom + lift),
                    pt(xb, row_bottom + lift),
                    pt(xb, row_bottom),
                );
                if bb < row_bottom - 1e-9 {
                    p.line(pt(xb, bb));
                }
                (p, Below(row_bottom + self.arc + LABEL_GAP))
            }
        };
        let rect = label.map(|(lw, lh)| {
            let mid = (self.frame.x[a] + self.frame.x[b]) / 2.0;
            let top = match label_at {
                Above(bottom) => bottom - lh,
                Below(top) => top,
            };
            Rect {
                x: mid - lw / 2.0,
                y: top,
                width: lw,
                height: lh,
            }
        });
        if flipped {
            path.0.reverse();
        }
        (path.0, rect)
    }

    /// A loop out of the right side of `v` and back, inside the room reserved for it.
    fn self_loop(
        &self,
        v: usize,
        index: usize,
        label: Option<(f64, f64)>,
    ) -> (Vec<Point>, Option<Rect>) {
        let [_, r, top, bottom] = self.node_box(v);
        let y = (top + bottom) / 2.0;
        let h = bottom - top;
        let size = self.g.loop_base + index as f64 * self.g.loop_step;
        let mut p = Path::start(pt(r, y - h / 4.0));
        p.curve(
            pt(r + size, y - h * 0.48),
            pt(r + size, y + h * 0.48),
            pt(r, y + h / 4.0),
        );
        let rect = label.map(|(lw, lh)| Rect {
            x: r + 0.75 * size + LABEL_GAP,
            y: y - lh / 2.0,
            width: lw,
            height: lh,
        });
        (p.0, rect)
    }
}
