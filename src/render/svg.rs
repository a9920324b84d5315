//! The built-in engine's SVG: a [`Scene`] drawn where a [`Layout`] put it.
//!
//! The markup follows Graphviz's SVG, so that the HTML page and anything else written for
//! it read this too: one `<g class="node claim">` per node and `<g class="edge rebuts">` per
//! edge, each with the element's id (`from->to` for an edge) as its first `<title>`, shapes
//! drawn as `path`, `polygon` and `ellipse` with `fill` and `stroke` attributes, edges drawn
//! before nodes. The full text of each element is a second `<title>` one level down, which a
//! browser shows as the tooltip. Arrowheads are polygons drawn at the end of each line, in
//! Graphviz's shapes and proportions.
//!
//! Every piece of map text reaches the SVG only as escaped character data ([`push_text`]):
//! never inside an attribute, a comment or CDATA.

use std::fmt::Write as _;

use crate::diagram::Arrow;
use crate::render::font::{Size, Weight, FAMILY};
use crate::render::layout::{Layout, Point, Rect};
use crate::render::scene::{
    corner_radius, EdgeStyle, LegendEntry, NodeStyle, Scene, Shape, TextStyle, HEADING_PAD,
};

/// Room around the whole drawing.
const PAD: f64 = 16.0;
/// Between the title and the drawing.
const TITLE_GAP: f64 = 12.0;
/// Between the drawing and the legend.
const LEGEND_GAP: f64 = 24.0;
/// Inside the legend's box, around its entries.
const LEGEND_PAD: f64 = 10.0;
/// Between legend entries, down and across.
const LEGEND_ROW_GAP: f64 = 6.0;
const LEGEND_COLUMN_GAP: f64 = 18.0;
/// The stretch of line an edge sample shows, and the room between it and its name.
const LEGEND_LINE: f64 = 44.0;
const LEGEND_TEXT_GAP: f64 = 8.0;
/// The slant of italic text, in degrees: DejaVu Sans Oblique's.
const SLANT: f64 = 11.0;
/// Graphviz's arrowhead length at arrowsize 1.
const ARROW_LENGTH: f64 = 10.0;
/// A cluster's heading starts this far in from the box's left side.
const HEADING_INSET: f64 = HEADING_PAD.0;

/// The SVG of a scene laid out.
pub(crate) fn to_string(scene: &Scene, layout: &Layout) -> String {
    let frame = Frame::new(scene, layout);
    let mut svg = Svg {
        out: String::with_capacity(1024 + scene.nodes.len() * 600 + scene.edges.len() * 400),
    };
    svg.document(scene, layout, &frame);
    svg.out
}

/// Where the parts go on the page: the title on top, the layout below it, the legend
/// beside or below the layout, whichever makes the smaller picture.
struct Frame {
    width: f64,
    height: f64,
    /// Where the layout's origin lands.
    origin: Point,
    /// The top of the title's first line.
    title_top: f64,
    legend: Option<(Point, LegendBox)>,
}

impl Frame {
    fn new(scene: &Scene, layout: &Layout) -> Frame {
        let title = scene
            .title_style
            .block(scene.title.iter().map(String::as_str));
        let top = if scene.title.is_empty() {
            PAD
        } else {
            PAD + title.height + TITLE_GAP
        };
        let (lw, lh) = (layout.width.max(0.0), layout.height.max(0.0));
        let placed = if scene.legend.is_empty() {
            None
        } else {
            // Beside: one column, its top level with the layout's.
            let beside = LegendBox::new(scene, 1);
            let beside_size = (lw + LEGEND_GAP + beside.width, lh.max(beside.height));
            // Below: a few columns, at the right.
            let below = LegendBox::new(scene, scene.legend.len().min(4));
            let below_size = (lw.max(below.width), lh + LEGEND_GAP + below.height);
            if beside_size.0 * beside_size.1 <= below_size.0 * below_size.1 {
                let at = Point {
                    x: lw + LEGEND_GAP,
                    y: 0.0,
                };
                Some((at, beside, beside_size))
            } else {
                let at = Point {
                    x: below_size.0 - below.width,
                    y: lh + LEGEND_GAP,
                };
                Some((at, below, below_size))
            }
        };
        let content = placed.as_ref().map_or((lw, lh), |(_, _, size)| *size);
        let width = (content.0 + 2.0 * PAD).max(title.width + 2.0 * PAD);
        // A title wider than the drawing: the drawing is centred under it.
        let left = (width - content.0) / 2.0;
        Frame {
            width,
            height: top + content.1 + PAD,
            origin: Point { x: left, y: top },
            title_top: PAD,
            legend: placed.map(|(at, legend, _)| {
                (
                    Point {
                        x: left + at.x,
                        y: top + at.y,
                    },
                    legend,
                )
            }),
        }
    }
}

/// The legend's box: a heading, then its entries in columns.
struct LegendBox {
    width: f64,
    height: f64,
    /// Each entry's box, from the legend's top-left corner.
    items: Vec<Rect>,
}

impl LegendBox {
    fn new(scene: &Scene, columns: usize) -> LegendBox {
        let heading = scene.legend_heading.block(["Legend"]);
        let sizes: Vec<Size> = scene.legend.iter().map(entry_size).collect();
        let rows = sizes.len().div_ceil(columns.max(1)).max(1);
        let mut items = Vec::with_capacity(sizes.len());
        let mut x = LEGEND_PAD;
        let mut bottom: f64 = 0.0;
        for column in sizes.chunks(rows) {
            let column_width = column.iter().map(|s| s.width).fold(0.0, f64::max);
            let mut y = LEGEND_PAD + heading.height + LEGEND_ROW_GAP;
            for size in column {
                items.push(Rect {
                    x,
                    y,
                    width: size.width,
                    height: size.height,
                });
                y += size.height + LEGEND_ROW_GAP;
            }
            bottom = bottom.max(y - LEGEND_ROW_GAP);
            x += column_width + LEGEND_COLUMN_GAP;
        }
        LegendBox {
            width: (x - LEGEND_COLUMN_GAP + LEGEND_PAD).max(heading.width + 2.0 * LEGEND_PAD),
            height: bottom + LEGEND_PAD,
            items,
        }
    }
}

/// The room one legend entry takes.
fn entry_size(entry: &LegendEntry) -> Size {
    match entry {
        LegendEntry::Node { size, .. } => *size,
        LegendEntry::Edge(kind, style) => {
            let text = style.label_style.block([kind.legend_text()]);
            Size {
                width: LEGEND_LINE + LEGEND_TEXT_GAP + text.width,
                height: text.height.max(12.0),
            }
        }
    }
}

/// The SVG being written.
struct Svg {
    out: String,
}

impl Svg {
    fn document(&mut self, scene: &Scene, layout: &Layout, frame: &Frame) {
        let (w, h) = (frame.width, frame.height);
        self.out
            .push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n");
        self.out.push_str("<svg width=\"");
        self.num(w);
        self.out.push_str("pt\" height=\"");
        self.num(h);
        self.out.push_str("pt\" viewBox=\"0 0 ");
        self.num(w);
        self.out.push(' ');
        self.num(h);
        self.out.push_str(
            "\" xmlns=\"http://www.w3.org/2000/svg\">\n<g id=\"graph0\" class=\"graph\">\n<title>",
        );
        push_text(&mut self.out, &scene.name);
        self.out.push_str("</title>\n");
        self.out
            .push_str("<rect fill=\"#FFFFFF\" stroke=\"none\" x=\"0\" y=\"0\" width=\"");
        self.num(w);
        self.out.push_str("\" height=\"");
        self.num(h);
        self.out.push_str("\"/>\n");

        // The title, centred.
        let mut y = frame.title_top;
        for line in &scene.title {
            self.text(line, w / 2.0, y, &scene.title_style, Anchor::Middle);
            y += scene.title_style.line_height();
        }

        let at = |r: &Rect| Rect {
            x: r.x + frame.origin.x,
            y: r.y + frame.origin.y,
            ..*r
        };
        for (i, (cluster, r)) in scene.clusters.iter().zip(&layout.clusters).enumerate() {
            let r = at(r);
            let _ = write!(
                self.out,
                "<g id=\"clust{}\" class=\"cluster\">\n<title>",
                i + 1
            );
            push_text(&mut self.out, &cluster.id);
            self.out.push_str("</title>\n<g>\n<title>");
            push_text(&mut self.out, &cluster.tooltip);
            self.out.push_str("</title>\n");
            self.rounded(&r, cluster.fill, scene.palette.cluster_line, 1.0);
            let style = &scene.heading_style;
            let mut y = r.y
                + (cluster.heading_size.height
                    - style.line_height() * cluster.heading.len() as f64)
                    / 2.0;
            for line in &cluster.heading {
                self.text(line, r.x + HEADING_INSET, y, style, Anchor::Start);
                y += style.line_height();
            }
            self.out.push_str("</g>\n</g>\n");
        }

        for (i, edge) in scene.edges.iter().enumerate() {
            let _ = write!(
                self.out,
                "<g id=\"edge{}\" class=\"edge {}\">\n<title>",
                i + 1,
                Escaped(&edge.class)
            );
            push_text(&mut self.out, &scene.nodes[edge.from].id);
            self.out.push_str("-&gt;");
            push_text(&mut self.out, &scene.nodes[edge.to].id);
            self.out.push_str("</title>\n<g>\n<title>");
            push_text(&mut self.out, &edge.tooltip);
            self.out.push_str("</title>\n");
            let route = layout.edges.get(i).map(|points| {
                points
                    .iter()
                    .map(|p| Point {
                        x: p.x + frame.origin.x,
                        y: p.y + frame.origin.y,
                    })
                    .collect::<Vec<_>>()
            });
            let ends = (
                layout
                    .nodes
                    .get(edge.from)
                    .map(|r| (at(r), scene.nodes[edge.from].style.shape)),
                layout
                    .nodes
                    .get(edge.to)
                    .map(|r| (at(r), scene.nodes[edge.to].style.shape)),
            );
            if let (Some(route), (Some(from), Some(to))) = (route, ends) {
                let route = cubic(&route);
                if route.len() >= 4 {
                    let route = touch_shapes(route, from, to);
                    self.line(route.clone(), &edge.style);
                    if let Some(label) = edge.style.label {
                        let place = layout
                            .labels
                            .get(i)
                            .copied()
                            .flatten()
                            .map(|r| at(&r))
                            .map(|r| Point {
                                x: r.x + r.width / 2.0,
                                y: r.y + r.height / 2.0,
                            })
                            .unwrap_or_else(|| middle(&route));
                        let style = &edge.style.label_style;
                        let y = place.y - style.line_height() / 2.0;
                        self.text(label, place.x, y, style, Anchor::Middle);
                    }
                }
            }
            self.out.push_str("</g>\n</g>\n");
        }

        for (i, (node, r)) in scene.nodes.iter().zip(&layout.nodes).enumerate() {
            let r = at(r);
            let _ = write!(
                self.out,
                "<g id=\"node{}\" class=\"node {}\">\n<title>",
                i + 1,
                node.class
            );
            push_text(&mut self.out, &node.id);
            self.out.push_str("</title>\n<g>\n<title>");
            push_text(&mut self.out, &node.tooltip);
            self.out.push_str("</title>\n");
            self.shape(&r, &node.style);
            let style = &node.style.text;
            let badge = TextStyle {
                colour: scene.palette.muted,
                ..*style
            };
            let count = node.lines.len() + node.badge.len();
            let cx = r.x + r.width / 2.0;
            let mut y = r.y + (r.height - style.line_height() * count as f64) / 2.0;
            for line in &node.lines {
                self.text(line, cx, y, style, Anchor::Middle);
                y += style.line_height();
            }
            for line in &node.badge {
                self.text(line, cx, y, &badge, Anchor::Middle);
                y += style.line_height();
            }
            self.out.push_str("</g>\n</g>\n");
        }

        if let Some((at, legend)) = &frame.legend {
            self.legend(scene, *at, legend);
        }
        self.out.push_str("</g>\n</svg>\n");
    }

    fn legend(&mut self, scene: &Scene, at: Point, legend: &LegendBox) {
        let p = scene.palette;
        self.out.push_str(
            "<g id=\"legend\" class=\"cluster legend\">\n<title>cluster:legend</title>\n",
        );
        let frame = Rect {
            x: at.x,
            y: at.y,
            width: legend.width,
            height: legend.height,
        };
        self.rounded(&frame, "none", p.cluster_line, 1.0);
        self.text(
            "Legend",
            at.x + LEGEND_PAD,
            at.y + LEGEND_PAD,
            &scene.legend_heading,
            Anchor::Start,
        );
        for (entry, item) in scene.legend.iter().zip(&legend.items) {
            let r = Rect {
                x: at.x + item.x,
                y: at.y + item.y,
                ..*item
            };
            let class = match entry {
                LegendEntry::Node { .. } => "legend sample-node",
                LegendEntry::Edge(..) => "legend sample-edge",
            };
            let _ = write!(
                self.out,
                "<g class=\"{class}\">\n<title>{}</title>\n",
                Escaped(&entry.text())
            );
            match entry {
                LegendEntry::Node { lines, style, .. } => {
                    self.shape(&r, style);
                    let line = style.text.line_height();
                    let mut y = r.y + (r.height - line * lines.len() as f64) / 2.0;
                    for text in lines {
                        self.text(text, r.x + r.width / 2.0, y, &style.text, Anchor::Middle);
                        y += line;
                    }
                }
                LegendEntry::Edge(kind, style) => {
                    let y = r.y + r.height / 2.0;
                    let start = Point { x: r.x, y };
                    let end = Point {
                        x: r.x + LEGEND_LINE,
                        y,
                    };
                    self.line(straight(start, end), style);
                    let text = TextStyle {
                        colour: p.ink,
                        ..style.label_style
                    };
                    let top = y - text.line_height() / 2.0;
                    self.text(
                        kind.legend_text(),
                        end.x + LEGEND_TEXT_GAP,
                        top,
                        &text,
                        Anchor::Start,
                    );
                }
            }
            self.out.push_str("</g>\n");
        }
        self.out.push_str("</g>\n");
    }

    /// A node's outline.
    fn shape(&mut self, r: &Rect, style: &NodeStyle) {
        match style.shape {
            Shape::RoundedBox => {
                self.rounded_dashed(r, style.fill, style.stroke, style.pen, style.dash);
            }
            Shape::Hexagon => {
                self.out.push_str("<polygon");
                self.paint(style.fill, style.stroke, style.pen);
                self.dash(style.dash);
                self.out.push_str(" points=\"");
                for (i, p) in Shape::hexagon(r).iter().enumerate() {
                    if i > 0 {
                        self.out.push(' ');
                    }
                    self.point(*p);
                }
                self.out.push_str("\"/>\n");
            }
            Shape::Ellipse => {
                self.out.push_str("<ellipse");
                self.paint(style.fill, style.stroke, style.pen);
                self.dash(style.dash);
                self.out.push_str(" cx=\"");
                self.num(r.x + r.width / 2.0);
                self.out.push_str("\" cy=\"");
                self.num(r.y + r.height / 2.0);
                self.out.push_str("\" rx=\"");
                self.num(r.width / 2.0);
                self.out.push_str("\" ry=\"");
                self.num(r.height / 2.0);
                self.out.push_str("\"/>\n");
            }
        }
    }

    /// A box with rounded corners, as a path (Graphviz draws rounded boxes as paths).
    fn rounded(&mut self, r: &Rect, fill: &str, stroke: &str, pen: f64) {
        self.rounded_dashed(r, fill, stroke, pen, None);
    }

    fn rounded_dashed(&mut self, r: &Rect, fill: &str, stroke: &str, pen: f64, dash: Option<&str>) {
        let radius = corner_radius(r);
        self.out.push_str("<path");
        self.paint(fill, stroke, pen);
        self.dash(dash);
        self.out.push_str(" d=\"M");
        self.point(Point {
            x: r.x + radius,
            y: r.y,
        });
        self.out.push_str(" H");
        self.num(r.x + r.width - radius);
        self.arc(radius, r.x + r.width, r.y + radius);
        self.out.push_str(" V");
        self.num(r.y + r.height - radius);
        self.arc(radius, r.x + r.width - radius, r.y + r.height);
        self.out.push_str(" H");
        self.num(r.x + radius);
        self.arc(radius, r.x, r.y + r.height - radius);
        self.out.push_str(" V");
        self.num(r.y + radius);
        self.arc(radius, r.x + radius, r.y);
        self.out.push_str(" Z\"/>\n");
    }

    fn arc(&mut self, radius: f64, x: f64, y: f64) {
        self.out.push_str(" A");
        self.num(radius);
        self.out.push(',');
        self.num(radius);
        self.out.push_str(" 0 0 1 ");
        self.point(Point { x, y });
    }

    fn dash(&mut self, dash: Option<&str>) {
        if let Some(dash) = dash {
            let _ = write!(self.out, " stroke-dasharray=\"{}\"", Escaped(dash));
        }
    }

    fn paint(&mut self, fill: &str, stroke: &str, pen: f64) {
        let _ = write!(
            self.out,
            " fill=\"{}\" stroke=\"{}\" stroke-width=\"",
            Escaped(fill),
            Escaped(stroke)
        );
        self.num(pen);
        self.out.push('"');
    }

    /// A line along a cubic Bézier route with its arrowheads: the route is cut short at
    /// each end that has one, and the arrowhead fills the gap up to the end point.
    fn line(&mut self, mut route: Vec<Point>, style: &EdgeStyle) {
        let colour = style.colour();
        let mut heads = Vec::new();
        if !style.head.is_empty() {
            let length = arrows_length(&style.head, style.arrow_size);
            let tip = route[route.len() - 1];
            let (cut, base) = shorten_end(route, length);
            route = cut;
            heads.push((base, tip, &style.head));
        }
        if !style.tail.is_empty() {
            let length = arrows_length(&style.tail, style.arrow_size);
            route.reverse();
            let tip = route[route.len() - 1];
            let (mut cut, base) = shorten_end(route, length);
            cut.reverse();
            route = cut;
            heads.push((base, tip, &style.tail));
        }
        if route.len() >= 4 {
            if style.colours.len() > 1 {
                // A double line: the route moved half a gap to either side.
                let offset = style.pen;
                for (i, colour) in style.colours.iter().take(2).enumerate() {
                    let side = if i == 0 { offset } else { -offset };
                    self.path(&parallel(&route, side), colour, style);
                }
            } else {
                self.path(&route, colour, style);
            }
        }
        for (base, tip, arrows) in heads {
            self.arrowheads(base, tip, arrows, style);
        }
    }

    fn path(&mut self, route: &[Point], colour: &str, style: &EdgeStyle) {
        self.out.push_str("<path");
        self.paint("none", colour, style.pen);
        self.dash(style.dash);
        self.out.push_str(" d=\"M");
        self.point(route[0]);
        for (i, p) in route[1..].iter().enumerate() {
            self.out.push_str(if i % 3 == 0 { " C" } else { " " });
            self.point(*p);
        }
        self.out.push_str("\"/>\n");
    }

    /// Arrowheads from `base` to `tip`, the first of `arrows` nearest the tip, as Graphviz
    /// orders them.
    fn arrowheads(&mut self, base: Point, tip: Point, arrows: &[Arrow], style: &EdgeStyle) {
        let (dx, dy) = (tip.x - base.x, tip.y - base.y);
        let length = (dx * dx + dy * dy).sqrt();
        if length < 1e-9 {
            return;
        }
        let total = arrows_length(arrows, style.arrow_size);
        // The room there is, shared out as the arrows' lengths ask.
        let scale = length / total;
        let d = Point {
            x: dx / length,
            y: dy / length,
        };
        let n = Point { x: -d.y, y: d.x };
        let colour = style.colour();
        let mut s = base;
        for arrow in arrows.iter().rev() {
            let l = arrow.length_factor() * ARROW_LENGTH * style.arrow_size * scale;
            let along = |from: Point, by: f64, across: f64| Point {
                x: from.x + d.x * by + n.x * across,
                y: from.y + d.y * by + n.y * across,
            };
            match arrow {
                Arrow::Normal | Arrow::Empty => {
                    let w = 0.35 * l;
                    let fill = if *arrow == Arrow::Empty {
                        "none"
                    } else {
                        colour
                    };
                    self.polygon(
                        &[along(s, 0.0, w), along(s, l, 0.0), along(s, 0.0, -w)],
                        fill,
                        colour,
                        style.pen,
                    );
                }
                Arrow::Vee => {
                    let w = 0.45 * l;
                    self.polygon(
                        &[
                            along(s, l, 0.0),
                            along(s, 0.0, w),
                            along(s, 0.5 * l, 0.0),
                            along(s, 0.0, -w),
                        ],
                        colour,
                        colour,
                        style.pen,
                    );
                }
                Arrow::Tee => {
                    // The line runs on to the tip; a bar crosses it near the node.
                    let end = along(s, l, 0.0);
                    self.out.push_str("<path");
                    self.paint("none", colour, style.pen);
                    self.out.push_str(" d=\"M");
                    self.point(s);
                    self.out.push_str(" L");
                    self.point(end);
                    self.out.push_str("\"/>\n");
                    self.polygon(
                        &[
                            along(s, 0.2 * l, l),
                            along(s, 0.2 * l, -l),
                            along(s, 0.6 * l, -l),
                            along(s, 0.6 * l, l),
                        ],
                        colour,
                        colour,
                        style.pen.min(1.0),
                    );
                }
                Arrow::Dot => {
                    let c = along(s, l / 2.0, 0.0);
                    self.out.push_str("<ellipse");
                    self.paint(colour, colour, style.pen.min(1.0));
                    self.out.push_str(" cx=\"");
                    self.num(c.x);
                    self.out.push_str("\" cy=\"");
                    self.num(c.y);
                    self.out.push_str("\" rx=\"");
                    self.num(l / 2.0);
                    self.out.push_str("\" ry=\"");
                    self.num(l / 2.0);
                    self.out.push_str("\"/>\n");
                }
                Arrow::Diamond => {
                    let w = l / 3.0;
                    self.polygon(
                        &[
                            s,
                            along(s, l / 2.0, w),
                            along(s, l, 0.0),
                            along(s, l / 2.0, -w),
                        ],
                        colour,
                        colour,
                        style.pen.min(1.0),
                    );
                }
            }
            s = along(s, l, 0.0);
        }
    }

    fn polygon(&mut self, points: &[Point], fill: &str, stroke: &str, pen: f64) {
        self.out.push_str("<polygon");
        self.paint(fill, stroke, pen);
        self.out.push_str(" points=\"");
        for (i, p) in points.iter().enumerate() {
            if i > 0 {
                self.out.push(' ');
            }
            self.point(*p);
        }
        self.out.push_str("\"/>\n");
    }

    /// One line of text; `top` is the top of its line box. Italic text is the upright
    /// face slanted, as DejaVu Sans Oblique is drawn: the same in a browser, in the PNG and
    /// in the PDF, with no third font to bundle.
    fn text(&mut self, text: &str, x: f64, top: f64, style: &TextStyle, anchor: Anchor) {
        self.out.push_str("<text text-anchor=\"");
        self.out.push_str(match anchor {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
        });
        let baseline = top + style.ascent();
        if style.italic {
            self.out
                .push_str("\" x=\"0\" y=\"0\" transform=\"translate(");
            self.point(Point { x, y: baseline });
            let _ = write!(self.out, ") skewX(-{SLANT})");
        } else {
            self.out.push_str("\" x=\"");
            self.num(x);
            self.out.push_str("\" y=\"");
            self.num(baseline);
        }
        let _ = write!(self.out, "\" font-family=\"{FAMILY}\"");
        if style.weight == Weight::Bold {
            self.out.push_str(" font-weight=\"bold\"");
        }
        self.out.push_str(" font-size=\"");
        self.num(style.size);
        let _ = write!(self.out, "\" fill=\"{}\">", Escaped(style.colour));
        push_text(&mut self.out, text);
        self.out.push_str("</text>\n");
    }

    fn point(&mut self, p: Point) {
        self.num(p.x);
        self.out.push(',');
        self.num(p.y);
    }

    /// A number with at most two decimals, as short as it goes.
    fn num(&mut self, x: f64) {
        let x = if x.is_finite() { x } else { 0.0 };
        let hundredths = (x * 100.0).round() as i64;
        if hundredths < 0 {
            self.out.push('-');
        }
        let abs = hundredths.unsigned_abs();
        let _ = write!(self.out, "{}", abs / 100);
        match abs % 100 {
            0 => {}
            f if f % 10 == 0 => {
                let _ = write!(self.out, ".{}", f / 10);
            }
            f => {
                let _ = write!(self.out, ".{f:02}");
            }
        }
    }
}

#[derive(Clone, Copy)]
enum Anchor {
    Start,
    Middle,
}

/// Text made safe as XML character data or as an attribute value: `&`, `<`, `>` and both
/// quotes become entities; control characters (which XML 1.0 forbids or a browser would
/// not show) and the noncharacters U+FFFE and U+FFFF are dropped, and a tab becomes a
/// space. Line breaks stay: they are text in a tooltip.
pub(crate) fn push_text(out: &mut String, text: &str) {
    for c in text.chars() {
        match (entity(c), c) {
            (Some(entity), _) => out.push_str(entity),
            (None, '\n') => out.push('\n'),
            (None, '\t') => out.push(' '),
            (None, '\u{FFFE}' | '\u{FFFF}') => {}
            (None, c) if c.is_control() => {}
            (None, c) => out.push(c),
        }
    }
}

/// The entity that stands for `c` in XML or HTML text and quoted attribute values, for the
/// five characters that need one: `&`, `<`, `>` and both quotes.
pub(crate) fn entity(c: char) -> Option<&'static str> {
    match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' => Some("&quot;"),
        '\'' => Some("&#39;"),
        _ => None,
    }
}

/// [`push_text`] for `write!`.
struct Escaped<'t>(&'t str);

impl std::fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut out = String::with_capacity(self.0.len());
        push_text(&mut out, self.0);
        f.write_str(&out)
    }
}

// ---- geometry -------------------------------------------------------------------------------

/// A route as a start point and groups of three points. A route of another length (a
/// polyline) becomes straight cubic pieces.
fn cubic(points: &[Point]) -> Vec<Point> {
    if points.len() >= 4 && (points.len() - 1) % 3 == 0 {
        return points.to_vec();
    }
    let mut out = Vec::with_capacity(points.len() * 3);
    for pair in points.windows(2) {
        let piece = straight(pair[0], pair[1]);
        if out.is_empty() {
            out.push(piece[0]);
        }
        out.extend_from_slice(&piece[1..]);
    }
    out
}

/// A straight line as one cubic piece.
fn straight(a: Point, b: Point) -> Vec<Point> {
    vec![a, lerp(a, b, 1.0 / 3.0), lerp(a, b, 2.0 / 3.0), b]
}

fn lerp(a: Point, b: Point, t: f64) -> Point {
    Point {
        x: a.x + (b.x - a.x) * t,
        y: a.y + (b.y - a.y) * t,
    }
}

fn distance(a: Point, b: Point) -> f64 {
    ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt()
}

fn bezier(p: &[Point], t: f64) -> Point {
    let (a, b, c) = (
        lerp(p[0], p[1], t),
        lerp(p[1], p[2], t),
        lerp(p[2], p[3], t),
    );
    let (d, e) = (lerp(a, b, t), lerp(b, c, t));
    lerp(d, e, t)
}

/// The first part of a cubic piece, up to `t`.
fn split_left(p: &[Point], t: f64) -> [Point; 4] {
    let (a, b, c) = (
        lerp(p[0], p[1], t),
        lerp(p[1], p[2], t),
        lerp(p[2], p[3], t),
    );
    let (d, e) = (lerp(a, b, t), lerp(b, c, t));
    [p[0], a, d, lerp(d, e, t)]
}

/// The route's ends moved onto the outlines of the shapes it joins: the layout ends routes
/// on a node's box, and an ellipse or a hexagon lies inside its box.
fn touch_shapes(mut route: Vec<Point>, from: (Rect, Shape), to: (Rect, Shape)) -> Vec<Point> {
    let last = route.len() - 1;
    route[0] = from.1.boundary_towards(&from.0, route[0]);
    route[last] = to.1.boundary_towards(&to.0, route[last]);
    route
}

/// The route cut `length` short of its end (measured straight from the end), and the point
/// where it now ends. Pieces shorter than that are dropped whole.
fn shorten_end(mut route: Vec<Point>, length: f64) -> (Vec<Point>, Point) {
    let tip = route[route.len() - 1];
    while route.len() > 4 && distance(route[route.len() - 4], tip) <= length {
        route.truncate(route.len() - 3);
    }
    let n = route.len();
    if n < 4 {
        return (route, tip);
    }
    let piece = [route[n - 4], route[n - 3], route[n - 2], route[n - 1]];
    if distance(piece[0], tip) <= length {
        // The whole route is shorter than the arrow: the arrow starts where it does.
        let start = piece[0];
        return (vec![start], start);
    }
    let (mut near, mut far) = (1.0, 0.0);
    for _ in 0..40 {
        let mid = (near + far) / 2.0;
        if distance(bezier(&piece, mid), tip) < length {
            near = mid;
        } else {
            far = mid;
        }
    }
    let left = split_left(&piece, far);
    route.truncate(n - 4);
    route.extend_from_slice(&left);
    (route, left[3])
}

/// The total length of a row of arrowheads.
fn arrows_length(arrows: &[Arrow], size: f64) -> f64 {
    arrows.iter().map(|a| a.length_factor()).sum::<f64>() * ARROW_LENGTH * size
}

/// A route moved sideways by `offset` (positive to the left of its direction): each point
/// along the normal of the control polygon there. Close enough for the gentle curves of
/// a layout, and exact for straight pieces.
fn parallel(route: &[Point], offset: f64) -> Vec<Point> {
    let n = route.len();
    (0..n)
        .map(|i| {
            let prev = route[i.saturating_sub(1)];
            let next = route[(i + 1).min(n - 1)];
            let (mut dx, mut dy) = (next.x - prev.x, next.y - prev.y);
            if dx == 0.0 && dy == 0.0 {
                // Coinciding control points: look further along.
                let (a, b) = (route[0], route[n - 1]);
                (dx, dy) = (b.x - a.x, b.y - a.y);
            }
            let len = (dx * dx + dy * dy).sqrt().max(1e-9);
            Point {
                x: route[i].x - dy / len * offset,
                y: route[i].y + dx / len * offset,
            }
        })
        .collect()
}

/// The middle of a route, for a label the layout did not place.
fn middle(route: &[Point]) -> Point {
    let pieces = (route.len() - 1) / 3;
    let piece = pieces / 2;
    let t = if pieces % 2 == 1 { 0.5 } else { 0.0 };
    bezier(&route[piece * 3..piece * 3 + 4], t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::DotOptions;
    use crate::model::MapBuilder;

    fn num(x: f64) -> String {
        let mut svg = Svg { out: String::new() };
        svg.num(x);
        svg.out
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(0.0), "0");
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.5), "12.5");
        assert_eq!(num(12.345), "12.35");
        assert_eq!(num(-0.004), "0");
        assert_eq!(num(-3.1), "-3.1");
        assert_eq!(num(0.05), "0.05");
        assert_eq!(num(f64::NAN), "0");
    }

    #[test]
    fn text_is_escaped_and_control_characters_dropped() {
        let mut out = String::new();
        push_text(
            &mut out,
            "<a href=\"x\">&'</a>\u{0}\u{1b}\u{85}\t\u{FFFF}\n\u{202E}é",
        );
        assert_eq!(
            out,
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt; \n\u{202E}é"
        );
        assert_eq!(Escaped("]]>").to_string(), "]]&gt;");
    }

    #[test]
    fn a_route_is_cut_short_by_the_arrow_length() {
        let route = straight(Point { x: 0.0, y: 0.0 }, Point { x: 100.0, y: 0.0 });
        let (cut, base) = shorten_end(route, 8.0);
        assert_eq!(cut.len(), 4);
        assert!((base.x - 92.0).abs() < 1e-6 && base.y.abs() < 1e-9);
        assert_eq!(cut[3], base);
        // Pieces shorter than the arrow are dropped whole.
        let mut two = straight(Point { x: 0.0, y: 0.0 }, Point { x: 100.0, y: 0.0 });
        two.extend_from_slice(
            &straight(Point { x: 100.0, y: 0.0 }, Point { x: 103.0, y: 0.0 })[1..],
        );
        let (cut, base) = shorten_end(two, 8.0);
        assert_eq!(cut.len(), 4);
        assert!((base.x - 95.0).abs() < 1e-6);
        // A route shorter than its arrow: the arrow starts where the route does.
        let (cut, base) = shorten_end(straight(Point::default(), Point { x: 3.0, y: 0.0 }), 8.0);
        assert_eq!((cut.len(), base), (1, Point::default()));
    }

    #[test]
    fn a_double_line_is_two_lines_either_side() {
        let route = straight(Point { x: 0.0, y: 0.0 }, Point { x: 100.0, y: 0.0 });
        let left = parallel(&route, 1.5);
        let right = parallel(&route, -1.5);
        assert!(left.iter().all(|p| (p.y - 1.5).abs() < 1e-9));
        assert!(right.iter().all(|p| (p.y + 1.5).abs() < 1e-9));
    }

    #[test]
    fn polylines_become_cubic_pieces() {
        let points = [
            Point { x: 0.0, y: 0.0 },
            Point { x: 10.0, y: 0.0 },
            Point { x: 10.0, y: 10.0 },
        ];
        let route = cubic(&points);
        assert_eq!(route.len(), 7);
        assert_eq!(
            (route[0], route[3], route[6]),
            (points[0], points[1], points[2])
        );
        assert_eq!(middle(&route), points[1]);
    }

    #[test]
    fn a_hand_made_layout_is_drawn_in_graphviz_markup() {
        let map = MapBuilder::new("Two & two")
            .claim("a", "A claim")
            .claim("b", "Another claim")
            .rebuts("b", "a")
            .build()
            .unwrap();
        let scene = Scene::new(&map, &DotOptions::default());
        let graph = scene.graph();
        let (a, b) = (&graph.nodes[0], &graph.nodes[1]);
        let layout = Layout {
            nodes: vec![
                Rect {
                    x: 0.0,
                    y: 0.0,
                    width: a.width,
                    height: a.height,
                },
                Rect {
                    x: 0.0,
                    y: 100.0,
                    width: b.width,
                    height: b.height,
                },
            ],
            edges: vec![straight(
                Point {
                    x: a.width / 2.0,
                    y: 100.0,
                },
                Point {
                    x: a.width / 2.0,
                    y: a.height,
                },
            )],
            labels: vec![None],
            clusters: vec![],
            ranks: vec![1, 0],
            order: vec![0, 0],
            width: a.width.max(b.width),
            height: 100.0 + b.height,
        };
        let svg = to_string(&scene, &layout);
        assert!(
            svg.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n<svg ")
        );
        assert!(svg.contains("<title>Two &amp; two</title>"));
        assert!(svg.contains(
            "<g id=\"node1\" class=\"node claim\">\n<title>a</title>\n<g>\n<title>A claim</title>"
        ));
        assert!(svg.contains("<g id=\"edge1\" class=\"edge rebuts\">\n<title>b-&gt;a</title>"));
        assert!(svg.contains("stroke-dasharray=\"5,2\""));
        // The line stops short of the node, and the bar reaches it.
        let line = svg.split("stroke-dasharray=\"5,2\" d=\"").nth(1).unwrap();
        let end: f64 = line
            .split('"')
            .next()
            .unwrap()
            .rsplit(',')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let top = Frame::new(&scene, &layout).origin.y;
        assert!((end - (top + a.height + 4.0)).abs() < 0.01, "{end}");
        assert!(
            svg.contains(">supports<") || svg.contains(">rebuts</text>"),
            "legend"
        );
        // Drawn after the edges: nodes cover the ends of lines.
        assert!(svg.find("class=\"edge").unwrap() < svg.find("class=\"node").unwrap());
        assert!(svg.ends_with("</g>\n</svg>\n"));
    }
}
