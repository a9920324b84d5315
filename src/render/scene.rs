//! The scene: what the built-in engine draws, decided exactly as the DOT writer decides it.
//!
//! [`Scene::new`] asks [`crate::diagram`]'s [`Drawing`] which nodes, labels, tooltips,
//! edges, boxes and legend entries a map gets, and folds the typed look of each (shape,
//! colours, line style, arrowheads, font size) that the DOT writer writes as attributes, so
//! the two engines cannot drift apart: a look this engine does not draw fails to compile. What Graphviz would measure itself is
//! measured here with the bundled font ([`crate::render::font`]): every node's size is its
//! wrapped text plus the margins its shape needs for the text to fit inside it. The layout
//! then places what [`Scene::graph`] describes, and [`crate::render::svg`] draws the two.

use std::collections::HashMap;

use crate::diagram::{
    self, status_legend, Arrow, DotOptions, Drawing, EdgeAttr, EdgeKind, Font, Legend, Line,
    NodeAttr, NodeSort, Palette, RankDir, CLUSTER_FONTSIZE, LEGEND_ENTRY_FONTSIZE, LEGEND_FONTSIZE,
    TITLE_FONTSIZE,
};
use crate::model::Map;
use crate::render::font::{font, Size, Weight};
use crate::render::layout::{ClusterSpec, EdgeSpec, Graph, NodeSpec, Point, Rect};

/// Points per inch: Graphviz gives margins and sizes in inches.
const POINTS: f64 = 72.0;

/// Graphviz's smallest node: 0.75 by 0.5 inches.
const MIN_WIDTH: f64 = 54.0;
const MIN_HEIGHT: f64 = 36.0;

/// The radius of rounded corners, as Graphviz draws them (at most a third of the box's
/// smaller side). A claim's margins keep its text clear of them: the text's corner sits
/// 10 points in and at least 5 down, inside the arc.
const CORNER: f64 = 12.0;

/// The radius of the rounded corners of a box.
pub(crate) fn corner_radius(r: &Rect) -> f64 {
    CORNER.min(r.width / 3.0).min(r.height / 3.0).max(0.0)
}

/// Room around a cluster's heading, and around an edge's label.
pub(crate) const HEADING_PAD: (f64, f64) = (8.0, 4.0);
const LABEL_PAD: f64 = 3.0;

/// Everything to draw.
pub(crate) struct Scene {
    /// The graph's name, for the SVG's own `<title>`.
    pub(crate) name: String,
    /// The map's title, wrapped; empty when none is drawn.
    pub(crate) title: Vec<String>,
    pub(crate) title_style: TextStyle,
    pub(crate) nodes: Vec<Node>,
    pub(crate) edges: Vec<Edge>,
    /// Outer boxes before the boxes inside them.
    pub(crate) clusters: Vec<Cluster>,
    pub(crate) heading_style: TextStyle,
    /// Empty when no legend is drawn.
    pub(crate) legend: Vec<LegendEntry>,
    pub(crate) legend_heading: TextStyle,
    pub(crate) direction: RankDir,
    pub(crate) palette: &'static Palette,
}

/// A claim, argument or actor (or a bundle of actors).
pub(crate) struct Node {
    /// The element's id, which the SVG gives as the node's `<title>`.
    pub(crate) id: String,
    /// The CSS class after `node`: `claim`, `argument`, `actor` or `actor bundle`.
    pub(crate) class: &'static str,
    /// The wrapped text, one entry a line.
    pub(crate) lines: Vec<String>,
    /// Who asserts it ("— Barr, Patel"), when actors are not drawn as nodes.
    pub(crate) badge: Vec<String>,
    pub(crate) tooltip: String,
    /// The innermost box holding the node, by index into [`Scene::clusters`].
    pub(crate) cluster: Option<usize>,
    pub(crate) style: NodeStyle,
    /// The size of the node's shape.
    pub(crate) size: Size,
}

/// A relation, stance or actor link.
pub(crate) struct Edge {
    /// Indices into [`Scene::nodes`].
    pub(crate) from: usize,
    pub(crate) to: usize,
    pub(crate) kind: EdgeKind,
    pub(crate) tooltip: String,
    /// The CSS class after `edge`: the kind, or the kinds of an actor pair.
    pub(crate) class: String,
    pub(crate) style: EdgeStyle,
}

/// A box around nodes: a group, an actor's assertions or a tag.
pub(crate) struct Cluster {
    /// `cluster_` and the box's id, as Graphviz names the subgraph.
    pub(crate) id: String,
    pub(crate) heading: Vec<String>,
    pub(crate) tooltip: String,
    pub(crate) parent: Option<usize>,
    pub(crate) fill: &'static str,
    /// The heading's room at the top of the box.
    pub(crate) heading_size: Size,
}

/// One entry of the legend: a sample node with its name inside (a kind of node, or how a
/// verdict marks a node), or a stretch of edge and its name.
pub(crate) enum LegendEntry {
    Node {
        lines: Vec<String>,
        style: NodeStyle,
        size: Size,
    },
    Edge(EdgeKind, EdgeStyle),
}

impl LegendEntry {
    /// What the entry says, on one line.
    pub(crate) fn text(&self) -> String {
        match self {
            LegendEntry::Node { lines, .. } => lines.join(" "),
            LegendEntry::Edge(kind, _) => kind.legend_text().to_owned(),
        }
    }

    /// A sample node: a claim, argument or actor, or a verdict's look.
    fn node(text: &str, style: NodeStyle) -> LegendEntry {
        let lines = lines_of(text);
        let size = style.shape.size_around(
            style.text.block(lines.iter().map(String::as_str)),
            style.margin,
        );
        LegendEntry::Node { lines, style, size }
    }
}

/// How a text is set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct TextStyle {
    pub(crate) weight: Weight,
    pub(crate) italic: bool,
    /// In points.
    pub(crate) size: f64,
    pub(crate) colour: &'static str,
}

impl TextStyle {
    /// The room a block of lines takes in this style.
    pub(crate) fn block<'t>(&self, lines: impl IntoIterator<Item = &'t str>) -> Size {
        font(self.weight).block(lines, self.size)
    }

    pub(crate) fn line_height(&self) -> f64 {
        font(self.weight).line_height(self.size)
    }

    pub(crate) fn ascent(&self) -> f64 {
        font(self.weight).ascent(self.size)
    }
}

/// The outline of a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    /// A box with rounded corners: a claim.
    RoundedBox,
    /// Flat top and bottom, pointed sides: an argument.
    Hexagon,
    /// An actor.
    Ellipse,
}

/// A hexagon's pointed sides run in this far per unit of height (60° corners, as in a
/// regular hexagon: tan 30° / 2).
const HEXAGON_SLANT: f64 = 0.288_675_134_594_812_9;

impl Shape {
    /// The smallest shape around a block of text with `margin` (across, down) on every
    /// side of it, and no smaller than Graphviz's smallest node.
    pub(crate) fn size_around(self, text: Size, margin: (f64, f64)) -> Size {
        let inner = Size {
            width: text.width + 2.0 * margin.0,
            height: text.height + 2.0 * margin.1,
        };
        let size = match self {
            Shape::RoundedBox => inner,
            // The flat top is as wide as the text's box; the points stick out beyond it.
            Shape::Hexagon => {
                let height = inner.height.max(MIN_HEIGHT);
                Size {
                    width: inner.width + 2.0 * HEXAGON_SLANT * height,
                    height,
                }
            }
            // The smallest ellipse through the corners of a box is the box scaled by √2.
            Shape::Ellipse => Size {
                width: inner.width * std::f64::consts::SQRT_2,
                height: inner.height * std::f64::consts::SQRT_2,
            },
        };
        Size {
            width: size.width.max(MIN_WIDTH),
            height: size.height.max(MIN_HEIGHT),
        }
    }

    /// The hexagon's corners in `r`, clockwise from the left point.
    pub(crate) fn hexagon(r: &Rect) -> [Point; 6] {
        let slant = (HEXAGON_SLANT * r.height).min(r.width / 2.0);
        let (mid, right, bottom) = (r.y + r.height / 2.0, r.x + r.width, r.y + r.height);
        [
            Point { x: r.x, y: mid },
            Point {
                x: r.x + slant,
                y: r.y,
            },
            Point {
                x: right - slant,
                y: r.y,
            },
            Point { x: right, y: mid },
            Point {
                x: right - slant,
                y: bottom,
            },
            Point {
                x: r.x + slant,
                y: bottom,
            },
        ]
    }

    /// Whether a point lies inside the shape drawn in `r` (its border counts as inside).
    pub(crate) fn contains(self, r: &Rect, p: Point) -> bool {
        const EPS: f64 = 1e-6;
        let (cx, cy) = (r.x + r.width / 2.0, r.y + r.height / 2.0);
        let (dx, dy) = ((p.x - cx).abs(), (p.y - cy).abs());
        let (hw, hh) = (r.width / 2.0, r.height / 2.0);
        if dx > hw + EPS || dy > hh + EPS {
            return false;
        }
        match self {
            Shape::RoundedBox => {
                let radius = corner_radius(r);
                let (ox, oy) = (dx - (hw - radius), dy - (hh - radius));
                ox <= 0.0 || oy <= 0.0 || ox * ox + oy * oy <= radius * radius + EPS
            }
            Shape::Hexagon => {
                let slant = (HEXAGON_SLANT * r.height).min(hw);
                // The slanted side runs from (hw - slant, hh) to (hw, 0).
                slant <= 0.0 || dx <= hw - slant * (dy / hh.max(EPS)) + EPS
            }
            Shape::Ellipse => {
                let (a, b) = (hw.max(EPS), hh.max(EPS));
                (dx / a).powi(2) + (dy / b).powi(2) <= 1.0 + EPS
            }
        }
    }

    /// Where the straight line from the middle of `r` towards `p` leaves the shape: the
    /// point of the outline an edge aimed at `p` should touch. `p` itself when it is
    /// inside.
    pub(crate) fn boundary_towards(self, r: &Rect, p: Point) -> Point {
        let c = Point {
            x: r.x + r.width / 2.0,
            y: r.y + r.height / 2.0,
        };
        if self.contains(r, p) {
            return p;
        }
        let at = |s: f64| Point {
            x: c.x + (p.x - c.x) * s,
            y: c.y + (p.y - c.y) * s,
        };
        let (mut inside, mut outside) = (0.0, 1.0);
        for _ in 0..40 {
            let mid = (inside + outside) / 2.0;
            if self.contains(r, at(mid)) {
                inside = mid;
            } else {
                outside = mid;
            }
        }
        at(inside)
    }
}

/// The look of a node.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct NodeStyle {
    pub(crate) shape: Shape,
    pub(crate) fill: &'static str,
    pub(crate) stroke: &'static str,
    pub(crate) pen: f64,
    pub(crate) text: TextStyle,
    /// Room left around the text, across and down, on each side.
    pub(crate) margin: (f64, f64),
    /// An SVG `stroke-dasharray` for a dashed or dotted outline (a verdict's mark).
    pub(crate) dash: Option<&'static str>,
}

/// The look of an edge.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct EdgeStyle {
    /// One colour, or two for a double line (Graphviz's `a:invis:b`).
    pub(crate) colours: Vec<&'static str>,
    /// An SVG `stroke-dasharray`, for dashed and dotted lines.
    pub(crate) dash: Option<&'static str>,
    pub(crate) pen: f64,
    /// The arrowheads at the end, from the line towards the node.
    pub(crate) head: Vec<Arrow>,
    /// The arrowheads at the start, when the edge has them (`dir=both`).
    pub(crate) tail: Vec<Arrow>,
    pub(crate) arrow_size: f64,
    /// The word on the edge ("denies"), when it has one.
    pub(crate) label: Option<&'static str>,
    pub(crate) label_style: TextStyle,
}

impl EdgeStyle {
    /// The colour of the line and its arrowheads.
    pub(crate) fn colour(&self) -> &'static str {
        self.colours.first().copied().unwrap_or("#000000")
    }

    /// The size of the label's box, for the layout.
    pub(crate) fn label_size(&self) -> Option<Size> {
        let label = self.label?;
        let text = self.label_style.block([label]);
        Some(Size {
            width: text.width + 2.0 * LABEL_PAD,
            height: text.height + LABEL_PAD,
        })
    }
}

fn weight_of(font: Font) -> Weight {
    match font {
        Font::Bold => Weight::Bold,
        Font::Regular | Font::Italic => Weight::Regular,
    }
}

/// The dash pattern of a line, as Graphviz's SVG draws it.
fn dash_of(line: Line) -> Option<&'static str> {
    match line {
        Line::Solid => None,
        Line::Dashed => Some("5,2"),
        Line::Dotted => Some("1,5"),
    }
}

/// A node sort's look: the node defaults and the sort's own settings.
pub(crate) fn node_style(sort: NodeSort, p: &'static Palette) -> NodeStyle {
    node_look(&[&diagram::node_defaults(p), &sort.style(p)])
}

/// A node's look, from layers of settings, the last winning as in the DOT text. What no
/// layer sets has Graphviz's default.
fn node_look(layers: &[&[NodeAttr]]) -> NodeStyle {
    let mut style = NodeStyle {
        shape: Shape::RoundedBox,
        fill: "#FFFFFF",
        stroke: "#000000",
        pen: 1.0,
        text: TextStyle {
            weight: Weight::Regular,
            italic: false,
            size: 14.0,
            colour: "#000000",
        },
        margin: (0.11 * POINTS, 0.055 * POINTS),
        dash: None,
    };
    for &attr in layers.iter().flat_map(|layer| layer.iter()) {
        match attr {
            NodeAttr::Font(font) => style.text.weight = weight_of(font),
            NodeAttr::FontSize(size) => style.text.size = size,
            NodeAttr::FontColour(colour) => style.text.colour = colour,
            NodeAttr::Shape(shape) => {
                style.shape = match shape {
                    diagram::Shape::Box => Shape::RoundedBox,
                    diagram::Shape::Hexagon => Shape::Hexagon,
                    diagram::Shape::Ellipse => Shape::Ellipse,
                }
            }
            NodeAttr::Outline(outline) => style.dash = dash_of(outline.line),
            NodeAttr::Fill(colour) => style.fill = colour,
            NodeAttr::Colour(colour) => style.stroke = colour,
            NodeAttr::Pen(width) => style.pen = width,
            NodeAttr::Margin(x, y) => style.margin = (x * POINTS, y * POINTS),
        }
    }
    style
}

/// An edge kind's look: the edge defaults and the kind's own settings, the last winning.
pub(crate) fn edge_style(kind: EdgeKind, p: &'static Palette) -> EdgeStyle {
    let mut style = EdgeStyle {
        colours: vec!["#000000"],
        dash: None,
        pen: 1.0,
        head: vec![Arrow::Normal],
        tail: Vec::new(),
        arrow_size: 1.0,
        label: None,
        label_style: TextStyle {
            weight: Weight::Regular,
            italic: false,
            size: 14.0,
            colour: "#000000",
        },
    };
    let mut tail = vec![Arrow::Normal];
    let mut both_ends = false;
    for attr in diagram::edge_defaults(p).into_iter().chain(kind.style(p)) {
        match attr {
            EdgeAttr::Font(font) => {
                style.label_style.weight = weight_of(font);
                style.label_style.italic = font == Font::Italic;
            }
            EdgeAttr::FontSize(size) => style.label_style.size = size,
            EdgeAttr::FontColour(colour) => style.label_style.colour = colour,
            EdgeAttr::Colour(colour) => style.colours = vec![colour],
            EdgeAttr::DoubleLine(colour) => style.colours = vec![colour, colour],
            EdgeAttr::Line(line) => style.dash = dash_of(line),
            EdgeAttr::Pen(width) => style.pen = width,
            EdgeAttr::Head(arrows) => style.head = arrows.to_vec(),
            EdgeAttr::Tail(arrows) => tail = arrows.to_vec(),
            EdgeAttr::BothEnds => both_ends = true,
            EdgeAttr::ArrowSize(size) => style.arrow_size = size,
            EdgeAttr::Label(text) => style.label = Some(text),
        }
    }
    if both_ends {
        style.tail = tail;
    }
    style
}

/// Lines of a label as they are drawn: runs of white space as one space (SVG draws them so),
/// no control characters, no blank lines at either end.
fn lines_of(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = text
        .split('\n')
        .map(|line| {
            line.split(|c: char| c.is_whitespace() || c.is_control())
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    while lines.first().is_some_and(String::is_empty) {
        lines.remove(0);
    }
    lines
}

impl Scene {
    /// The scene of a map drawn with these options: the same nodes, edges, boxes and legend
    /// as [`crate::export::dot::write`] writes.
    pub(crate) fn new(map: &Map, options: &DotOptions) -> Scene {
        let d = Drawing::new(map, options);
        let p = d.palette;
        let mut legend = Legend::default();

        // Boxes, outer before inner, each with its nesting depth.
        let boxes = d.clusters();
        let mut clusters: Vec<Cluster> = Vec::new();
        let mut scene_of_box: Vec<Option<usize>> = vec![None; boxes.boxes.len()];
        let heading_style = TextStyle {
            weight: Weight::Bold,
            italic: false,
            size: CLUSTER_FONTSIZE,
            colour: p.muted,
        };
        let mut stack: Vec<(usize, Option<usize>, usize)> =
            boxes.roots().map(|g| (g, None, 0)).collect();
        stack.reverse();
        while let Some((g, parent, depth)) = stack.pop() {
            if !boxes.drawn[g] {
                continue;
            }
            let b = &boxes.boxes[g];
            let heading = lines_of(&d.cluster_heading(&b.title));
            let text = heading_style.block(heading.iter().map(String::as_str));
            scene_of_box[g] = Some(clusters.len());
            clusters.push(Cluster {
                id: format!("cluster_{}", b.id),
                heading,
                tooltip: b.title.to_string(),
                parent,
                fill: p.cluster_fills[depth % 2],
                heading_size: Size {
                    width: text.width + 2.0 * HEADING_PAD.0,
                    height: text.height + 2.0 * HEADING_PAD.1,
                },
            });
            let me = clusters.len() - 1;
            stack.extend(
                boxes.children[g]
                    .iter()
                    .rev()
                    .map(|&c| (c, Some(me), depth + 1)),
            );
        }

        // Nodes, in map order.
        let mut nodes: Vec<Node> = Vec::new();
        let mut index: HashMap<&str, usize> = HashMap::new();
        for element in map.elements() {
            let Some(look) = d.node(element) else {
                continue;
            };
            legend.note_node(look.sort);
            let id = element.id().as_str();
            let style = match d.verdict(id) {
                // The verdict's look over the sort's, as in the DOT.
                Some(verdict) => node_look(&[
                    &diagram::node_defaults(p),
                    &look.sort.style(p),
                    &verdict.style(look.sort, p),
                ]),
                None => node_style(look.sort, p),
            };
            let lines = lines_of(&look.text);
            let badge = look.badge.as_deref().map(lines_of).unwrap_or_default();
            let text = style
                .text
                .block(lines.iter().chain(&badge).map(String::as_str));
            index.insert(id, nodes.len());
            nodes.push(Node {
                id: id.to_owned(),
                class: look.class,
                lines,
                badge,
                tooltip: look.tooltip,
                cluster: boxes
                    .home_of(id)
                    .and_then(|g| scene_of_box.get(g).copied().flatten()),
                size: style.shape.size_around(text, style.margin),
                style,
            });
        }

        // Edges, in the DOT writer's order.
        let mut edges: Vec<Edge> = Vec::new();
        let mut styles: HashMap<EdgeKind, EdgeStyle> = HashMap::new();
        let _ = d.edges(|kind, from, to, tooltip, class| {
            let (Some(&from), Some(&to)) = (index.get(from), index.get(to)) else {
                return Ok::<(), ()>(());
            };
            legend.note_edge(kind);
            let style = styles
                .entry(kind)
                .or_insert_with(|| edge_style(kind, p))
                .clone();
            edges.push(Edge {
                from,
                to,
                kind,
                tooltip: tooltip.to_owned(),
                class: class.to_owned(),
                style,
            });
            Ok(())
        });

        let legend = if options.legend && !nodes.is_empty() {
            let (sorts, kinds) = legend.entries();
            let sample = TextStyle {
                size: LEGEND_ENTRY_FONTSIZE,
                ..node_style(NodeSort::Claim, p).text
            };
            let verdicts = options.status.as_ref().map_or(Vec::new(), |status| {
                status_legend(status, p)
                    .into_iter()
                    .map(|(_, text, look)| {
                        let claim = [diagram::node_defaults(p), NodeSort::Claim.style(p)];
                        LegendEntry::node(&text, node_look(&[&claim[0], &claim[1], &look]))
                    })
                    .collect()
            });
            sorts
                .into_iter()
                .map(|sort| LegendEntry::node(sort.as_str(), node_style(sort, p)))
                .chain(verdicts)
                .chain(kinds.into_iter().map(|kind| {
                    let mut style = edge_style(kind, p);
                    style.label = None;
                    style.label_style = sample;
                    LegendEntry::Edge(kind, style)
                }))
                .collect()
        } else {
            Vec::new()
        };

        Scene {
            name: if map.title.trim().is_empty() {
                "argumap".to_owned()
            } else {
                map.title.clone()
            },
            title: lines_of(&d.title()),
            // The graph's label has Graphviz's default colour.
            title_style: TextStyle {
                weight: Weight::Bold,
                italic: false,
                size: TITLE_FONTSIZE,
                colour: "#000000",
            },
            nodes,
            edges,
            clusters,
            heading_style,
            legend,
            legend_heading: TextStyle {
                weight: Weight::Bold,
                italic: false,
                size: LEGEND_FONTSIZE,
                colour: p.muted,
            },
            direction: d.rankdir,
            palette: p,
        }
    }

    /// What the layout places: the nodes' sizes and boxes, the edges and their labels.
    pub(crate) fn graph(&self) -> Graph {
        Graph {
            nodes: self
                .nodes
                .iter()
                .map(|n| NodeSpec {
                    width: n.size.width,
                    height: n.size.height,
                    cluster: n.cluster,
                })
                .collect(),
            edges: self
                .edges
                .iter()
                .map(|e| EdgeSpec {
                    from: e.from,
                    to: e.to,
                    label: e.style.label_size().map(|s| (s.width, s.height)),
                    // Symmetric: neither end is a reason for the other.
                    ranked: e.kind != EdgeKind::Relation(crate::model::RelationKind::Contradicts),
                })
                .collect(),
            clusters: self
                .clusters
                .iter()
                .map(|c| ClusterSpec {
                    parent: c.parent,
                    label: (c.heading_size.width, c.heading_size.height),
                })
                .collect(),
            direction: self.direction,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::{ClusterBy, Theme};
    use crate::export::dot;
    use crate::model::{RelationKind, StanceKind};

    fn sample() -> Map {
        crate::testing::uniforms().build().unwrap()
    }

    #[test]
    fn draws_what_the_dot_writer_draws() {
        let map = sample();
        let options = DotOptions::default();
        let scene = Scene::new(&map, &options);
        let dot = dot::to_string(&map, &options);
        for node in &scene.nodes {
            assert!(
                dot.contains(&format!("\n  \"{}\" [", node.id)),
                "{}",
                node.id
            );
        }
        let drawn_nodes = dot
            .lines()
            .filter(|l| l.contains("class=\"") && !l.contains(" -> ") && !l.contains("legend"))
            .count();
        assert_eq!(scene.nodes.len(), drawn_nodes);
        let drawn_edges = dot
            .lines()
            .filter(|l| l.contains(" -> ") && !l.contains("legend"))
            .count();
        assert_eq!(scene.edges.len(), drawn_edges);
        let classes: Vec<&str> = scene.edges.iter().map(|e| e.class.as_str()).collect();
        for class in [
            "supports",
            "rebuts",
            "undercuts",
            "premise",
            "conclusion",
            "contradicts",
            "rephrases",
            "asserts",
            "denies",
            "questions",
            "member-of",
        ] {
            assert!(classes.contains(&class), "{class}");
        }
        assert_eq!(scene.title, ["Uniforms"]);
        assert!(!scene.legend.is_empty());
    }

    #[test]
    fn looks_come_from_the_typed_styles() {
        let p = Theme::Colour.palette();
        let rebuts = edge_style(EdgeKind::Relation(RelationKind::Rebuts), p);
        assert_eq!(rebuts.colours, [p.rebuts]);
        assert_eq!(rebuts.dash, Some("5,2"));
        assert_eq!(rebuts.head, [Arrow::Tee]);
        assert_eq!(rebuts.pen, 1.6);
        let undercuts = edge_style(EdgeKind::Relation(RelationKind::Undercuts), p);
        assert_eq!(undercuts.head, [Arrow::Tee, Arrow::Tee]);
        assert_eq!(undercuts.dash, Some("1,5"));
        let contradicts = edge_style(EdgeKind::Relation(RelationKind::Contradicts), p);
        assert_eq!(
            (contradicts.head.as_slice(), contradicts.tail.as_slice()),
            (&[Arrow::Diamond][..], &[Arrow::Diamond][..])
        );
        let rephrases = edge_style(EdgeKind::Relation(RelationKind::Rephrases), p);
        assert_eq!(rephrases.colours.len(), 2, "a double line");
        assert_eq!(rephrases.head, [Arrow::Empty]);
        let premise = edge_style(EdgeKind::Relation(RelationKind::Premise), p);
        assert_eq!((premise.head[0], premise.arrow_size), (Arrow::Dot, 0.5));
        let denies = edge_style(EdgeKind::Stance(StanceKind::Denies), p);
        assert_eq!(denies.label, Some("denies"));
        assert_eq!(denies.head, [Arrow::Vee]);
        assert!(denies.label_style.italic && denies.label_style.size == 9.0);
        let claim = node_style(NodeSort::Claim, p);
        assert_eq!(claim.shape, Shape::RoundedBox);
        assert_eq!(claim.fill, p.claim_fill);
        assert!((claim.margin.0 - 0.14 * 72.0).abs() < 1e-9);
        let actor = node_style(NodeSort::Actor, p);
        assert_eq!(
            (actor.shape, actor.text.weight),
            (Shape::Ellipse, Weight::Bold)
        );
        assert_eq!(node_style(NodeSort::Argument, p).shape, Shape::Hexagon);
    }

    #[test]
    fn text_fits_inside_every_shape() {
        let text = Size {
            width: 150.0,
            height: 40.0,
        };
        let p = Theme::Colour.palette();
        for sort in NodeSort::ALL {
            let NodeStyle { shape, margin, .. } = node_style(sort, p);
            let size = shape.size_around(text, margin);
            let r = Rect {
                x: 10.0,
                y: 20.0,
                width: size.width,
                height: size.height,
            };
            let (cx, cy) = (r.x + r.width / 2.0, r.y + r.height / 2.0);
            for (sx, sy) in [(-1.0, -1.0), (1.0, -1.0), (1.0, 1.0), (-1.0, 1.0)] {
                let corner = Point {
                    x: cx + sx * text.width / 2.0,
                    y: cy + sy * text.height / 2.0,
                };
                assert!(shape.contains(&r, corner), "{shape:?}");
            }
            // A tiny label still gets Graphviz's smallest node.
            let small = shape.size_around(Size::default(), (1.0, 1.0));
            assert!(small.width >= MIN_WIDTH && small.height >= MIN_HEIGHT);
            // The outline point towards a far point lies on the outline.
            let far = Point {
                x: cx + 1000.0,
                y: cy + 3.0,
            };
            let b = shape.boundary_towards(&r, far);
            assert!(shape.contains(&r, b));
            let beyond = Point {
                x: b.x + 0.5,
                y: b.y,
            };
            assert!(!shape.contains(&r, beyond), "{shape:?} {b:?}");
        }
    }

    #[test]
    fn labels_are_wrapped_text_with_the_badge_apart() {
        let map = sample();
        let scene = Scene::new(&map, &DotOptions::default().actors(false));
        let motion = scene.nodes.iter().find(|n| n.id == "motion").unwrap();
        assert_eq!(motion.lines, ["Schools should require", "uniforms"]);
        assert_eq!(motion.badge, ["— Proposition"]);
        assert!(scene.nodes.iter().all(|n| n.class != "actor"));
        assert!(scene
            .edges
            .iter()
            .all(|e| matches!(e.kind, EdgeKind::Relation(_))));
        assert_eq!(lines_of("  a \t b \u{0}\n\nc\n"), ["a b", "", "c"]);
    }

    #[test]
    fn clusters_nest_and_hold_their_nodes() {
        let map = sample();
        let scene = Scene::new(&map, &DotOptions::default().clusters(ClusterBy::Actors));
        assert!(scene.clusters.iter().any(|c| c.id == "cluster_actor:opp"));
        let cost = scene.nodes.iter().find(|n| n.id == "cost").unwrap();
        let home = &scene.clusters[cost.cluster.unwrap()];
        assert_eq!(home.id, "cluster_actor:opp");
        let graph = scene.graph();
        assert_eq!(graph.nodes.len(), scene.nodes.len());
        assert_eq!(graph.clusters.len(), scene.clusters.len());
        assert!(
            graph.edges.iter().any(|e| !e.ranked),
            "contradicts is not ranked"
        );
        assert!(
            graph.edges.iter().any(|e| e.label.is_some()),
            "denies has a label"
        );
    }
}
