//! Graphviz DOT export: a [`Map`] drawn as claims, arguments and actors joined by supports,
//! rebuttals, undercuts and stances, ready for `dot`.
//!
//! What is drawn and how it looks is decided by [`crate::diagram`]; this module only writes
//! it in DOT's syntax, turning each typed look into Graphviz attributes. The options and
//! their choices live there and are re-exported here, where they have always been.
//!
//! The DOT text is written by hand, not through a DOT library, so that every id and every
//! attribute value goes through one escaping function, [`quote`]: a claim's text can never
//! add nodes or edges to the graph, and Graphviz's limits (a NUL ends a label, a quoted string
//! of 16 KiB is refused) cannot bite. Node ids are the model's ids; nodes this module adds
//! itself (the legend's) use a `:` that model ids cannot hold. The output is deterministic,
//! one statement per line, with the graph, node and edge defaults at the top.
//!
//! Every kind of relation differs in line style or arrowhead as well as in colour, so the
//! picture reads in black and white. The colours come from a [`Theme`]: green supports and
//! red attacks by default, the Okabe–Ito palette for colour-blind readers, or greys for print.
//! Boxes around nodes stand for groups, actors or tags ([`ClusterBy`]).

use std::borrow::Cow;
use std::collections::HashMap as StdHashMap;
use std::io::{self, Write};

use crate::diagram::{
    edge_defaults, node_defaults, status_legend, Arrow, Drawing, EdgeAttr, EdgeKind, Font, Legend,
    Line, NodeAttr, NodeSort, Outline, Shape, CLUSTER_FONTSIZE, LEGEND_ENTRY_FONTSIZE,
    LEGEND_FONTSIZE, TITLE_FONTSIZE,
};
use crate::model::{Element, Map};

pub use crate::diagram::{
    stance_arrows, ClusterBy, DotOptions, ParseRankDirError, RankDir, Status, Theme, Verdict,
};

// Hash tables are only looked up here, never iterated: output follows map order. foldhash,
// seeded per run, so crafted ids cannot make a table slow.
type HashMap<K, V> = StdHashMap<K, V, foldhash::fast::RandomState>;

/// Attributes as written: a name and a value.
type Attrs<'a> = Vec<(&'static str, &'a str)>;

/// A typed look turned into attributes; numbers are written out, the rest is borrowed.
type Style = Vec<(&'static str, Cow<'static, str>)>;

/// Writes a map as a Graphviz DOT graph.
///
/// The same map and options always give the same bytes. Any text is safe: ids and values are
/// quoted by [`quote`].
///
/// # Errors
///
/// Only the errors of `out`; the map itself cannot make writing fail.
pub fn write(map: &Map, options: &DotOptions, out: impl Write) -> io::Result<()> {
    let mut dot = Dot {
        d: Drawing::new(map, options),
        w: Out {
            legend: Legend::default(),
            buf: String::new(),
            out,
        },
        node_styles: HashMap::default(),
    };
    dot.graph()?;
    dot.w.flush()
}

/// The map as a Graphviz DOT graph, as [`write()`] writes it.
pub fn to_string(map: &Map, options: &DotOptions) -> String {
    let mut out = Vec::new();
    // Writing into a Vec cannot fail, and everything written is UTF-8.
    let _ = write(map, options, &mut out);
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Any text as a quoted DOT string, safe as an id or as any attribute value.
///
/// - `"` and `\` are escaped, so Graphviz reads `\l` or `\N` in a label as the two characters
///   they are, not as its label escapes;
/// - `&` becomes `&amp;`: Graphviz decodes HTML entities in labels, so a claim reading
///   `AT&amp;T` would otherwise be drawn `AT&T`;
/// - a newline becomes `\n` and a tab a space; carriage returns and the other control
///   characters (C0, DEL, C1) are dropped, since a NUL would silently end a label;
/// - Graphviz refuses a quoted string of about 16 KB (16,383 bytes or more), so longer text
///   is split into pieces of at most 8,000 bytes joined by `+`, which Graphviz reads as one
///   string. Pieces end between characters, never inside a character or an escape.
///
/// ```
/// use argumap::export::dot::quote;
///
/// assert_eq!(quote("say \"hi\"\\\nbye\u{0}"), r#""say \"hi\"\\\nbye""#);
/// assert_eq!(quote("AT&T"), r#""AT&amp;T""#);
/// ```
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_quoted(&mut out, text);
    out
}

/// The most bytes of escaped text in one quoted piece: well under Graphviz's limit.
const PIECE: usize = 8000;

/// The one escaping function: every id and every value in the output goes through it.
fn push_quoted(out: &mut String, text: &str) {
    out.push('"');
    let bytes = text.as_bytes();
    // An escape is at most five bytes: a text this short cannot reach the piece limit, so it
    // needs no splitting, and a table finds the next byte that matters.
    if bytes.len() * 5 <= PIECE {
        let mut run = 0;
        let mut from = 0;
        while let Some(offset) = bytes[from..].iter().position(|&b| SPECIAL[b as usize]) {
            let at = from + offset;
            let Some((escaped, width)) = escape(bytes, at) else {
                from = at + 1; // 0xC2 that starts an ordinary character
                continue;
            };
            out.push_str(&text[run..at]);
            out.push_str(escaped);
            run = at + width;
            from = run;
        }
        out.push_str(&text[run..]);
        out.push('"');
        return;
    }
    // A long text, cut into pieces. Plain runs are copied whole; only the characters that
    // need it are replaced.
    let mut piece = 0;
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (escaped, width) = match escape(bytes, i) {
            Some((escaped, width)) => (Some(escaped), width),
            None => (None, utf8_width(bytes[i])),
        };
        let len = escaped.map_or(width, str::len);
        // Split between characters, never inside one or inside an escape.
        if piece + len > PIECE {
            out.push_str(&text[run..i]);
            out.push_str("\" + \"");
            piece = 0;
            run = i;
        }
        if let Some(escaped) = escaped {
            out.push_str(&text[run..i]);
            out.push_str(escaped);
            run = i + width;
        }
        piece += len;
        i += width;
    }
    out.push_str(&text[run..]);
    out.push('"');
}

/// The length of a UTF-8 character from its first byte.
fn utf8_width(lead: u8) -> usize {
    match lead {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

/// The bytes that may need escaping or dropping: `"`, `\`, `&`, the C0 controls and DEL,
/// and 0xC2, which starts the C1 controls (U+0080 to U+009F) and other characters.
static SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table[b'&' as usize] = true;
    table[0x7F] = true;
    table[0xC2] = true;
    table
};

/// What the byte at `at` becomes, and how many bytes it takes: `None` for the start of an
/// ordinary character.
fn escape(bytes: &[u8], at: usize) -> Option<(&'static str, usize)> {
    Some(match bytes[at] {
        b'"' => ("\\\"", 1),
        b'\\' => ("\\\\", 1),
        // Graphviz decodes HTML entities (`&amp;`, `&#65;`) in labels, and an SVG reader
        // decodes them in tooltips: so `&` must be an entity too.
        b'&' => ("&amp;", 1),
        b'\n' => ("\\n", 1),
        b'\t' => (" ", 1),
        0..=0x1F | 0x7F => ("", 1),
        0xC2 if matches!(bytes.get(at + 1), Some(0x80..=0x9F)) => ("", 2),
        _ => return None,
    })
}

/// The DOT writer: what to draw, and where the text goes.
struct Dot<'a, W> {
    d: Drawing<'a>,
    w: Out<W>,
    /// Each sort's look with each verdict, as attributes: made once each.
    node_styles: HashMap<(NodeSort, Option<Verdict>), Style>,
}

/// Buffered output: statements go into `buf`, which is handed to `out` in large blocks.
struct Out<W> {
    /// The node kinds and edge styles drawn so far.
    legend: Legend,
    buf: String,
    out: W,
}

/// What a statement is about: `graph`, `node` or `edge` defaults, a node, or an edge.
enum Head<'h> {
    Defaults(&'h str),
    Node(&'h str),
    Edge(&'h str, &'h str),
}

/// How much to gather before writing: big maps stream in constant memory.
const FLUSH_AT: usize = 1 << 16;

impl<W: Write> Out<W> {
    fn flush(&mut self) -> io::Result<()> {
        self.out.write_all(self.buf.as_bytes())?;
        self.buf.clear();
        self.out.flush()
    }

    fn end_line(&mut self) -> io::Result<()> {
        self.buf.push('\n');
        if self.buf.len() >= FLUSH_AT {
            self.out.write_all(self.buf.as_bytes())?;
            self.buf.clear();
        }
        Ok(())
    }

    fn indent(&mut self, depth: usize) {
        for _ in 0..depth {
            self.buf.push_str("  ");
        }
    }

    /// Attributes given in two slices (a look, then this statement's own), written as one
    /// list.
    fn attrs_of<V: AsRef<str>>(&mut self, style: &[(&str, V)], own: &[(&str, &str)]) {
        if style.is_empty() && own.is_empty() {
            return;
        }
        self.buf.push_str(" [");
        let all = style
            .iter()
            .map(|(n, v)| (*n, v.as_ref()))
            .chain(own.iter().copied());
        for (i, (name, value)) in all.enumerate() {
            if i > 0 {
                self.buf.push_str(", ");
            }
            self.buf.push_str(name);
            self.buf.push('=');
            push_quoted(&mut self.buf, value);
        }
        self.buf.push(']');
    }

    /// `graph [...]`, `node [...]` or `edge [...]`.
    fn defaults(&mut self, depth: usize, what: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        self.statement(depth, Head::Defaults(what), NONE, attrs)
    }

    fn node(&mut self, depth: usize, id: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        self.statement(depth, Head::Node(id), NONE, attrs)
    }

    /// One statement on a line of its own: defaults, a node or an edge, with a look and its
    /// own attributes.
    fn statement<V: AsRef<str>>(
        &mut self,
        depth: usize,
        head: Head,
        style: &[(&str, V)],
        own: &[(&str, &str)],
    ) -> io::Result<()> {
        self.indent(depth);
        match head {
            Head::Defaults(what) => self.buf.push_str(what),
            Head::Node(id) => push_quoted(&mut self.buf, id),
            Head::Edge(from, to) => {
                push_quoted(&mut self.buf, from);
                self.buf.push_str(" -> ");
                push_quoted(&mut self.buf, to);
            }
        }
        self.attrs_of(style, own);
        self.buf.push(';');
        self.end_line()
    }

    fn open_subgraph(&mut self, depth: usize, name: &str) -> io::Result<()> {
        self.indent(depth);
        self.buf.push_str("subgraph ");
        push_quoted(&mut self.buf, name);
        self.buf.push_str(" {");
        self.end_line()
    }

    fn close(&mut self, depth: usize) -> io::Result<()> {
        self.indent(depth);
        self.buf.push('}');
        self.end_line()
    }

    /// A legend subgraph `name` that keeps the nodes `ids` on one rank.
    fn same_rank<'i>(
        &mut self,
        name: &str,
        ids: impl IntoIterator<Item = &'i String>,
    ) -> io::Result<()> {
        self.open_subgraph(2, name)?;
        self.defaults(3, "graph", &[("rank", "same")])?;
        for id in ids {
            self.node(3, id, &[])?;
        }
        self.close(2)
    }
}

impl<W: Write> Dot<'_, W> {
    /// Cluster labels sit at the top of their box; Graphviz flips `t` and `b` in a BT graph.
    fn cluster_labelloc(&self) -> &'static str {
        if self.d.rankdir == RankDir::BottomToTop {
            "b"
        } else {
            "t"
        }
    }

    fn graph(&mut self) -> io::Result<()> {
        let map = self.d.map;
        let options = self.d.options;
        let p = self.d.palette;
        let name = if map.title.trim().is_empty() {
            "argumap"
        } else {
            map.title.as_str()
        };
        self.w.buf.push_str("digraph ");
        push_quoted(&mut self.w.buf, name);
        self.w.buf.push_str(" {");
        self.w.end_line()?;

        let title = self.d.title();
        let title_size = number(TITLE_FONTSIZE);
        let mut graph: Attrs = vec![
            ("newrank", "true"),
            ("rankdir", self.d.rankdir.as_str()),
            ("charset", "UTF-8"),
            ("fontname", font_name(Font::Bold)),
            ("fontsize", &title_size),
            ("nodesep", "0.3"),
            ("ranksep", "0.45"),
            ("pad", "0.3"),
            ("outputorder", "edgesfirst"),
        ];
        if !title.is_empty() {
            graph.extend([("label", title.as_str()), ("labelloc", "t")]);
        }
        self.w.defaults(1, "graph", &graph)?;
        self.w.statement(
            1,
            Head::Defaults("node"),
            &node_style(&node_defaults(p)),
            NONE,
        )?;
        self.w.statement(
            1,
            Head::Defaults("edge"),
            &edge_style(&edge_defaults(p)),
            NONE,
        )?;

        self.nodes()?;
        self.edges()?;
        if options.legend {
            self.legend()?;
        }
        self.w.buf.push('}');
        self.w.end_line()
    }

    // ---- nodes ----------------------------------------------------------------------------

    fn nodes(&mut self) -> io::Result<()> {
        let map = self.d.map;
        let clusters = self.d.clusters();
        for element in map.elements() {
            if clusters.home_of(element.id()).is_none() {
                self.element(1, element)?;
            }
        }
        // Clusters nest as groups do: a depth-first walk with an explicit stack, so a deep
        // chain of groups cannot overflow the call stack.
        let mut stack: Vec<(usize, bool)> = clusters.roots().map(|g| (g, true)).collect();
        stack.reverse();
        let heading_size = number(CLUSTER_FONTSIZE);
        let mut depth = 1;
        while let Some((g, opening)) = stack.pop() {
            if !opening {
                depth -= 1;
                self.w.close(depth)?;
                continue;
            }
            if !clusters.drawn[g] {
                continue;
            }
            let group = &clusters.boxes[g];
            self.w
                .open_subgraph(depth, &format!("cluster_{}", group.id))?;
            depth += 1;
            let fill = self.d.palette.cluster_fills[depth % 2];
            self.w.defaults(
                depth,
                "graph",
                &[
                    ("label", &self.d.cluster_heading(&group.title)),
                    ("tooltip", &group.title),
                    ("labelloc", self.cluster_labelloc()),
                    ("labeljust", "l"),
                    ("fontname", font_name(Font::Bold)),
                    ("fontsize", &heading_size),
                    ("fontcolor", self.d.palette.muted),
                    ("style", "rounded,filled"),
                    ("fillcolor", fill),
                    ("color", self.d.palette.cluster_line),
                    ("penwidth", "1"),
                    ("margin", "12"),
                ],
            )?;
            for id in clusters.members(g) {
                if let Some(element) = map.element(id) {
                    self.element(depth, element)?;
                }
            }
            stack.push((g, false));
            stack.extend(clusters.children[g].iter().rev().map(|&c| (c, true)));
        }
        Ok(())
    }

    fn element(&mut self, depth: usize, element: &Element) -> io::Result<()> {
        let Some(look) = self.d.node(element) else {
            return Ok(());
        };
        let label = look.label();
        let verdict = self.d.verdict(element.id());
        let p = self.d.palette;
        let style = self
            .node_styles
            .entry((look.sort, verdict))
            .or_insert_with(|| {
                let mut attrs = look.sort.style(p);
                if let Some(verdict) = verdict {
                    // Later attributes win in DOT: the verdict's look overrides the sort's.
                    attrs.extend(verdict.style(look.sort, p));
                }
                node_style(&attrs)
            });
        self.w.legend.note_node(look.sort);
        self.w.statement(
            depth,
            Head::Node(element.id()),
            style,
            &[
                ("label", &*label),
                ("tooltip", look.tooltip.as_str()),
                ("class", look.class),
            ],
        )
    }

    // ---- edges ----------------------------------------------------------------------------

    fn edges(&mut self) -> io::Result<()> {
        // Each kind's style is made once.
        let mut styles: HashMap<EdgeKind, Style> = HashMap::default();
        let (d, w) = (&self.d, &mut self.w);
        d.edges(|kind, from, to, tooltip, class| {
            let style = styles
                .entry(kind)
                .or_insert_with(|| edge_style(&kind.style(d.palette)));
            w.legend.note_edge(kind);
            w.statement(
                1,
                Head::Edge(from, to),
                style,
                &[("tooltip", tooltip), ("class", class)],
            )
        })
    }

    // ---- legend ----------------------------------------------------------------------------

    /// A boxed key in the corner: samples of the node kinds and edge styles the diagram
    /// uses, three to a row. It is a component of its own, so it takes no part in the layout
    /// of the map. Graphviz ranks each component on its own from rank 0 (`rank=max` or
    /// `sink` cannot lift it to the top), so the key sits beside the map on its first ranks:
    /// the bottom-right corner of a bottom-to-top map. With at most four rows it seldom
    /// makes the picture taller.
    fn legend(&mut self) -> io::Result<()> {
        let (nodes, edges) = self.w.legend.entries();
        if nodes.is_empty() {
            return Ok(());
        }
        let labelloc = self.cluster_labelloc();
        let p = self.d.palette;
        let (heading_size, entry_size) = (number(LEGEND_FONTSIZE), number(LEGEND_ENTRY_FONTSIZE));
        let w = &mut self.w;
        w.open_subgraph(1, "cluster:legend")?;
        w.defaults(
            2,
            "graph",
            &[
                ("label", "Legend"),
                ("labelloc", labelloc),
                ("labeljust", "l"),
                ("fontname", font_name(Font::Bold)),
                ("fontsize", &heading_size),
                ("fontcolor", p.muted),
                ("style", "rounded"),
                ("color", p.cluster_line),
                ("penwidth", "1"),
                ("margin", "10"),
            ],
        )?;
        // Rows of samples, each row a rank of its own with its items kept in order by
        // invisible edges. Edge samples are a name and a short stretch of the edge.
        let mut items: Vec<Vec<String>> = Vec::new();
        for sort in nodes {
            let kind = sort.as_str();
            let id = format!("legend:{kind}");
            let own = [("label", kind), ("tooltip", kind), ("class", "legend")];
            w.statement(2, Head::Node(&id), &node_style(&sort.style(p)), &own)?;
            items.push(vec![id]);
        }
        if let Some(status) = &self.d.options.status {
            for (id, text, look) in status_legend(status, p) {
                let own = [("label", text.as_str()), ("class", "legend")];
                w.statement(2, Head::Node(&id), &node_style(&look), &own)?;
                items.push(vec![id]);
            }
        }
        for kind in edges {
            let text = format!("legend:{}", kind.class());
            let end = format!("legend:{}:end", kind.class());
            w.node(
                2,
                &text,
                &[
                    ("shape", "plain"),
                    ("style", ""),
                    ("label", kind.legend_text()),
                    ("fontsize", &entry_size),
                    ("class", "legend"),
                ],
            )?;
            w.node(
                2,
                &end,
                &[
                    ("shape", "box"),
                    ("style", "invis"),
                    ("label", ""),
                    ("width", "0.45"),
                    ("height", "0.1"),
                    ("fixedsize", "true"),
                ],
            )?;
            let mut look = kind.style(p);
            look.retain(|attr| !matches!(attr, EdgeAttr::Label(_)));
            let own = [
                ("headclip", "false"),
                ("tooltip", kind.legend_text()),
                ("class", "legend"),
            ];
            w.statement(2, Head::Edge(&text, &end), &edge_style(&look), &own)?;
            items.push(vec![text, end]);
        }
        let invisible = [("style", "invis")];
        let rankdir = self.d.rankdir;
        if matches!(rankdir, RankDir::LeftToRight | RankDir::RightToLeft) {
            // Ranks run across: one column of names and node samples, the edge samples
            // running from it into a second column. Graphviz stacks a rank's nodes upwards
            // in the order of the edges between them, so the chain runs from the last entry.
            let column: Vec<&String> = items.iter().map(|item| &item[0]).collect();
            let ends: Vec<&String> = items.iter().filter_map(|item| item.get(1)).collect();
            for (i, rank) in [column.clone(), ends].iter().enumerate() {
                if rank.is_empty() {
                    continue;
                }
                w.same_rank(&format!("legend:rank{i}"), rank.iter().copied())?;
            }
            for pair in column.windows(2) {
                w.statement(2, Head::Edge(pair[1], pair[0]), NONE, &invisible)?;
            }
            return w.close(1);
        }
        // Ranks run down: rows of a few samples, each row a rank of its own and its items
        // kept in order by invisible edges.
        let rows: Vec<Vec<String>> = items.chunks(LEGEND_ROW).map(|c| c.concat()).collect();
        for (i, row) in rows.iter().enumerate() {
            w.same_rank(&format!("legend:row{i}"), row)?;
            for pair in row.windows(2) {
                if !pair[1].ends_with(":end") {
                    w.statement(2, Head::Edge(&pair[0], &pair[1]), NONE, &invisible)?;
                }
            }
        }
        // Rows read from the top down: in a BT graph that means edges from each row up to
        // the one before it.
        for pair in rows.windows(2) {
            let (above, below) = (&pair[0][0], &pair[1][0]);
            if rankdir == RankDir::BottomToTop {
                w.statement(2, Head::Edge(below, above), NONE, &invisible)?;
            } else {
                w.statement(2, Head::Edge(above, below), NONE, &invisible)?;
            }
        }
        w.close(1)
    }
}

/// Legend entries per row.
const LEGEND_ROW: usize = 3;

/// No look: a statement with only its own attributes.
const NONE: &[(&str, &str)] = &[];

// ---- typed looks as attributes --------------------------------------------------------------

/// Graphviz's name for a font.
fn font_name(font: Font) -> &'static str {
    match font {
        Font::Regular => "Helvetica",
        Font::Bold => "Helvetica-Bold",
        Font::Italic => "Helvetica-Oblique",
    }
}

/// A number as Graphviz reads it: the shortest form that reads back the same (`1.2`, `3`).
fn number(x: f64) -> Cow<'static, str> {
    Cow::Owned(x.to_string())
}

fn line_name(line: Line) -> &'static str {
    match line {
        Line::Solid => "solid",
        Line::Dashed => "dashed",
        Line::Dotted => "dotted",
    }
}

/// A node's `style`: its corners, fill and line, comma-separated (a solid line is not named).
fn outline(o: Outline) -> Cow<'static, str> {
    let line = match o.line {
        Line::Solid => None,
        other => Some(line_name(other)),
    };
    let words: Vec<&str> = [
        o.rounded.then_some("rounded"),
        o.filled.then_some("filled"),
        line,
    ]
    .into_iter()
    .flatten()
    .collect();
    Cow::Owned(words.join(","))
}

/// Graphviz's arrow names, run together (`teetee`).
fn arrows(arrows: &[Arrow]) -> Cow<'static, str> {
    let name = |arrow: &Arrow| match arrow {
        Arrow::Normal => "normal",
        Arrow::Empty => "empty",
        Arrow::Vee => "vee",
        Arrow::Tee => "tee",
        Arrow::Dot => "dot",
        Arrow::Diamond => "diamond",
    };
    match arrows {
        [one] => Cow::Borrowed(name(one)),
        _ => Cow::Owned(arrows.iter().map(name).collect()),
    }
}

/// A node's look as attributes, in its order.
fn node_style(attrs: &[NodeAttr]) -> Style {
    attrs
        .iter()
        .map(|&attr| match attr {
            NodeAttr::Font(font) => ("fontname", font_name(font).into()),
            NodeAttr::FontSize(size) => ("fontsize", number(size)),
            NodeAttr::FontColour(colour) => ("fontcolor", colour.into()),
            NodeAttr::Shape(shape) => (
                "shape",
                match shape {
                    Shape::Box => "box",
                    Shape::Hexagon => "hexagon",
                    Shape::Ellipse => "ellipse",
                }
                .into(),
            ),
            NodeAttr::Outline(o) => ("style", outline(o)),
            NodeAttr::Fill(colour) => ("fillcolor", colour.into()),
            NodeAttr::Colour(colour) => ("color", colour.into()),
            NodeAttr::Pen(width) => ("penwidth", number(width)),
            NodeAttr::Margin(x, y) => ("margin", format!("{x},{y}").into()),
        })
        .collect()
}

/// An edge's look as attributes, in its order.
fn edge_style(attrs: &[EdgeAttr]) -> Style {
    attrs
        .iter()
        .map(|&attr| match attr {
            EdgeAttr::Font(font) => ("fontname", font_name(font).into()),
            EdgeAttr::FontSize(size) => ("fontsize", number(size)),
            EdgeAttr::FontColour(colour) => ("fontcolor", colour.into()),
            EdgeAttr::Colour(colour) => ("color", colour.into()),
            // Graphviz draws one line per colour in a list; `invis` is the gap.
            EdgeAttr::DoubleLine(colour) => ("color", format!("{colour}:invis:{colour}").into()),
            EdgeAttr::Line(line) => ("style", line_name(line).into()),
            EdgeAttr::Pen(width) => ("penwidth", number(width)),
            EdgeAttr::Head(heads) => ("arrowhead", arrows(heads)),
            EdgeAttr::Tail(tails) => ("arrowtail", arrows(tails)),
            EdgeAttr::BothEnds => ("dir", "both".into()),
            EdgeAttr::ArrowSize(size) => ("arrowsize", number(size)),
            EdgeAttr::Label(text) => ("label", text.into()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MapBuilder;
    use proptest::prelude::*;

    /// Escaping done the plain way, a character at a time (short texts: no pieces).
    fn quote_reference(text: &str) -> String {
        let mut out = String::from("\"");
        for c in text.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '&' => out.push_str("&amp;"),
                '\n' => out.push_str("\\n"),
                '\t' => out.push(' '),
                c if c.is_control() => {}
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }

    proptest! {
        #[test]
        fn quote_agrees_with_the_reference(text in any::<String>()) {
            prop_assert_eq!(quote(&text), quote_reference(&text));
        }
    }

    #[test]
    fn quote_escapes_quotes_and_backslashes() {
        assert_eq!(quote(""), r#""""#);
        assert_eq!(quote("plain"), r#""plain""#);
        assert_eq!(quote(r#"say "hi""#), r#""say \"hi\"""#);
        assert_eq!(quote(r"a\b"), r#""a\\b""#);
        assert_eq!(
            quote(r"\l \N \G \E \T \H \L \r"),
            r#""\\l \\N \\G \\E \\T \\H \\L \\r""#
        );
        assert_eq!(quote("ends with \\"), r#""ends with \\""#);
        assert_eq!(quote("\\\""), r#""\\\"""#);
    }

    #[test]
    fn quote_turns_newlines_and_tabs_and_drops_control_characters() {
        assert_eq!(quote("one\ntwo"), r#""one\ntwo""#);
        assert_eq!(quote("one\r\ntwo\r"), r#""one\ntwo""#);
        assert_eq!(quote("a\tb"), r#""a b""#);
        assert_eq!(quote("cut\0short"), r#""cutshort""#);
        assert_eq!(
            quote("\u{1}\u{7}\u{8}\u{b}\u{c}\u{1b}[0m\u{1f}x"),
            r#""[0mx""#
        );
        assert_eq!(quote("del\u{7f}c1\u{80}\u{85}\u{9f}end"), r#""delc1end""#);
        // Not control characters: kept as they are.
        assert_eq!(
            quote("\u{a0}é\u{200f}ש\u{2028}"),
            "\"\u{a0}é\u{200f}ש\u{2028}\""
        );
    }

    #[test]
    fn quote_makes_ampersands_entities() {
        assert_eq!(quote("AT&T"), r#""AT&amp;T""#);
        assert_eq!(
            quote("&lt;b&gt; &#65; &amp;"),
            r#""&amp;lt;b&amp;gt; &amp;#65; &amp;amp;""#
        );
    }

    #[test]
    fn quote_injection_stays_inside_the_string() {
        let evil = r#"x"]; evil -> y; a [label=""#;
        assert_eq!(quote(evil), r#""x\"]; evil -> y; a [label=\"""#);
    }

    /// The pieces of a quoted string: the text between the quotes of each `"..."`.
    fn pieces(quoted: &str) -> Vec<&str> {
        assert!(
            quoted.starts_with('"') && quoted.ends_with('"'),
            "{quoted:.40}"
        );
        quoted[1..quoted.len() - 1].split("\" + \"").collect()
    }

    /// What Graphviz reads: the pieces joined, `\"` `\\` `\n` undone.
    fn unquote(quoted: &str) -> String {
        let mut out = String::new();
        let mut chars = pieces(quoted)
            .concat()
            .chars()
            .collect::<Vec<_>>()
            .into_iter();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n') => out.push('\n'),
                    Some(e) => out.push(e),
                    None => panic!("dangling backslash"),
                }
            } else {
                out.push(c);
            }
        }
        out.replace("&amp;", "&")
    }

    #[test]
    fn quote_splits_long_strings_under_the_graphviz_limit() {
        let short = "x".repeat(PIECE);
        assert_eq!(pieces(&quote(&short)).len(), 1);
        for len in [16_382, 16_383, 16_384, 20_000, 100_000] {
            let text = "x".repeat(len);
            let quoted = quote(&text);
            let parts = pieces(&quoted);
            assert!(parts.len() >= 2, "{len} bytes in one piece");
            assert!(parts.iter().all(|p| p.len() + 2 < 16_383));
            assert_eq!(unquote(&quoted), text);
        }
    }

    #[test]
    fn quote_splits_between_characters_and_escapes() {
        // Multi-byte characters and two-byte escapes at every offset around the split.
        for pad in 0..4 {
            for unit in ["é", "€", "𝄞", "\\", "\"", "\n", "ع"] {
                let text = format!("{}{}", "x".repeat(pad), unit.repeat(20_000 / unit.len()));
                let quoted = quote(&text);
                let parts = pieces(&quoted);
                assert!(parts.len() >= 2);
                for part in &parts {
                    assert!(part.len() <= PIECE);
                    // A piece never ends inside an escape: its trailing backslashes pair up.
                    let trailing = part.bytes().rev().take_while(|&b| b == b'\\').count();
                    assert_eq!(trailing % 2, 0, "{unit:?} pad {pad}");
                }
                assert_eq!(unquote(&quoted), text.replace('\t', " "));
            }
        }
    }

    proptest! {
        #[test]
        fn quote_never_lets_a_control_character_or_a_bare_quote_out(text in any::<String>()) {
            let quoted = quote(&text);
            prop_assert!(!quoted.chars().any(char::is_control));
            // Scanning as Graphviz does: outside an escape, a quote only opens or closes.
            let body = &quoted[1..quoted.len() - 1];
            let mut chars = body.chars();
            let mut piece = 0;
            while let Some(c) = chars.next() {
                match c {
                    '\\' => {
                        let e = chars.next();
                        prop_assert!(matches!(e, Some('\\' | '"' | 'n')), "escape {:?}", e);
                        piece += 2;
                    }
                    '"' => {
                        // Only as the end of a piece: `" + "`.
                        prop_assert_eq!(chars.next(), Some(' '));
                        prop_assert_eq!(chars.next(), Some('+'));
                        prop_assert_eq!(chars.next(), Some(' '));
                        prop_assert_eq!(chars.next(), Some('"'));
                        piece = 0;
                    }
                    c => piece += c.len_utf8(),
                }
                prop_assert!(piece <= PIECE);
            }
            let expected: String = text
                .chars()
                .filter_map(|c| match c {
                    '\t' => Some(' '),
                    '\n' => Some('\n'),
                    c if c.is_control() => None,
                    c => Some(c),
                })
                .collect();
            prop_assert_eq!(unquote(&quoted), expected);
        }

    }

    #[test]
    fn rankdir_reads_graphviz_names() {
        for dir in RankDir::ALL {
            assert_eq!(dir.as_str().parse(), Ok(dir));
            assert_eq!(dir.as_str().to_lowercase().parse(), Ok(dir));
        }
        assert!("up".parse::<RankDir>().is_err());
        assert_eq!(DotOptions::default().rankdir, None);
    }

    /// The shared uniforms debate with a source and a group.
    fn sample() -> Map {
        crate::testing::uniforms()
            .source("notes", "Coach's notes")
            .group("case", "Proposition case", &["equal", "p1"])
            .build()
            .unwrap()
    }

    #[test]
    fn output_is_deterministic_and_one_statement_per_line() {
        let map = sample();
        let options = DotOptions::default();
        let first = to_string(&map, &options);
        for _ in 0..5 {
            assert_eq!(to_string(&map.clone(), &options), first);
        }
        let mut streamed = Vec::new();
        write(&map, &options, &mut streamed).unwrap();
        assert_eq!(String::from_utf8(streamed).unwrap(), first);
        assert!(first.starts_with("digraph \"Uniforms\" {\n  graph [newrank=\"true\""));
        assert!(first.ends_with("}\n"));
        let lines: Vec<&str> = first.lines().collect();
        assert!(lines[2].starts_with("  node ["));
        assert!(lines[3].starts_with("  edge ["));
        for line in &lines[1..lines.len() - 1] {
            let line = line.trim();
            assert!(
                line.ends_with(';') || line.ends_with('{') || line == "}",
                "{line}"
            );
        }
    }

    #[test]
    fn draws_every_element_and_link_by_its_id() {
        let dot = to_string(&sample(), &DotOptions::default());
        for id in [
            "motion", "equal", "cost", "grants", "p1", "arg", "prop", "opp", "ann",
        ] {
            assert!(
                dot.contains(&format!("\n  \"{id}\" ["))
                    || dot.contains(&format!("\n    \"{id}\" [")),
                "{id}"
            );
        }
        assert!(dot.contains("\"equal\" -> \"motion\" [tooltip="));
        assert!(dot.contains(
            "\"cost\" -> \"equal\" [color=\"#D62728\", style=\"dashed\", arrowhead=\"tee\""
        ));
        assert!(dot.contains("\"opp\" -> \"motion\" ["));
        assert!(dot.contains("label=\"denies\""));
        assert!(dot.contains("\"ann\" -> \"prop\" ["));
        assert!(dot.contains("subgraph \"cluster_case\" {"));
        assert!(dot.contains("subgraph \"cluster:legend\" {"));
    }

    #[test]
    fn actors_with_the_same_stances_share_one_node() {
        let map = crate::testing::signatories();
        let dot = to_string(&map, &DotOptions::default().legend(false));
        let lines: Vec<&str> = dot.lines().map(str::trim).collect();
        assert!(lines
            .iter()
            .any(|l| l.starts_with("\"a\" [") && l.contains("label=\"Ann\\nBob\"")));
        assert!(!lines.iter().any(|l| l.starts_with("\"b\"")), "{dot}");
        assert_eq!(
            lines
                .iter()
                .filter(|l| l.starts_with("\"a\" -> \"x\""))
                .count(),
            1
        );
        assert_eq!(
            lines
                .iter()
                .filter(|l| l.starts_with("\"a\" -> \"gov\""))
                .count(),
            1
        );
        assert!(!lines.iter().any(|l| l.starts_with("\"a\" -> \"a\"")));
        assert!(lines.iter().any(|l| l.starts_with("\"c\" -> \"x\"")));
        let apart = to_string(&map, &DotOptions::default().bundle_actors(false));
        assert!(apart
            .lines()
            .any(|l| l.trim().starts_with("\"b\" -> \"y\"")));
    }

    #[test]
    fn actors_can_be_left_out() {
        let dot = to_string(&sample(), &DotOptions::default().actors(false));
        for id in ["prop", "opp", "ann"] {
            assert!(!dot.contains(&format!("\"{id}\"")), "{id}");
        }
        assert!(!dot.contains("legend:actor"));
        assert!(!dot.contains("legend:denies"));
        // Who asserted a claim is still said, under its label.
        assert!(dot.contains("Schools should require\\nuniforms\\n— Proposition"));
        let bare = to_string(
            &sample(),
            &DotOptions::default().actors(false).attribution(false),
        );
        assert!(bare.contains("label=\"Schools should require\\nuniforms\", tooltip="));
    }

    #[test]
    fn legend_and_groups_can_be_left_out() {
        let dot = to_string(
            &sample(),
            &DotOptions::default()
                .legend(false)
                .clusters(ClusterBy::None),
        );
        assert!(!dot.contains("legend:"));
        assert!(!dot.contains("subgraph"));
        assert!(dot.contains("\n  \"equal\" ["));
    }

    #[test]
    fn legend_shows_only_the_kinds_in_use() {
        let map = MapBuilder::new("t")
            .claim("a", "A")
            .claim("b", "B")
            .supports("a", "b")
            .build()
            .unwrap();
        let dot = to_string(&map, &DotOptions::default());
        assert!(dot.contains("\"legend:claim\""));
        assert!(dot.contains("\"legend:supports\""));
        assert!(!dot.contains("legend:rebuts"));
        assert!(!dot.contains("legend:argument"));
        let empty = to_string(&Map::new(""), &DotOptions::default());
        assert!(!empty.contains("legend"));
        assert!(empty.starts_with("digraph \"argumap\" {"));
    }

    #[test]
    fn nested_groups_nest_and_a_node_is_drawn_once() {
        let map = crate::testing::nested_groups(&["b", "b"]);
        let dot = to_string(&map, &DotOptions::default().legend(false));
        assert_eq!(dot.matches("\"b\" [").count(), 1);
        assert!(!dot.contains("cluster_empty"));
        let outer_at = dot.find("cluster_outer").unwrap();
        let inner_at = dot.find("cluster_inner").unwrap();
        let b_at = dot.find("\"b\" [").unwrap();
        assert!(outer_at < inner_at && inner_at < b_at);
        assert!(dot.contains("\n      \"b\" ["), "{dot}");
        assert!(dot.contains("\n  \"c\" ["));
    }

    #[test]
    fn big_maps_stream_through_small_writes() {
        let mut builder = MapBuilder::new("big");
        for i in 0..2000 {
            builder = builder.claim(&format!("c{i}"), &format!("claim {i}"));
        }
        let map = builder.build().unwrap();
        struct Counting(usize, usize);
        impl Write for Counting {
            fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
                self.0 += buf.len();
                self.1 = self.1.max(buf.len());
                Ok(buf.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut out = Counting(0, 0);
        write(&map, &DotOptions::default(), &mut out).unwrap();
        assert_eq!(out.0, to_string(&map, &DotOptions::default()).len());
        assert!(out.1 < 2 * FLUSH_AT);
    }
}
