//! Mermaid export: the map as a Mermaid flowchart, for Markdown on GitHub, GitLab and in
//! docs (` ```mermaid ` blocks), drawn by the reader's browser.
//!
//! # What is drawn
//!
//! Claims are rectangles, arguments stadiums (rounded ends) and actors hexagons; each kind
//! also gets a `classDef` (`claim`, `argument`, `actor`, and `group` for subgraphs) that a
//! page can restyle. A node
//! shows the short title, else the text, wrapped and cut to a few lines. Actors are drawn
//! only when they take a stance or are linked to another actor, as in [`dot`](super::dot).
//! Groups become subgraphs, nested as they are; an element listed in several groups is
//! drawn in the deepest.
//!
//! Edges differ in line and head, not only in colour, and say what they are:
//!
//! | link         | drawn as                          |
//! |--------------|-----------------------------------|
//! | supports     | `-->` labelled "supports"         |
//! | rebuts       | thick `==x` labelled "rebuts"     |
//! | undercuts    | `--x` labelled "undercuts"        |
//! | premise      | `--o`, a circle at the argument   |
//! | conclusion   | `-->`                             |
//! | contradicts  | `x--x` labelled "contradicts"     |
//! | rephrases    | `---` labelled "rephrases"        |
//! | asserts      | dotted `-.->`                     |
//! | other stances| dotted `-.->` (`-.-x` for denies) labelled with the stance |
//! | actor links  | dotted `-.->` labelled "member of" or "speaks for" |
//!
//! Left out: sources, quotes, tags, dates and actors' roles (a picture has no room for
//! them; [`graphml`](super::graphml) and [`cytoscape`](super::cytoscape) keep them). Mermaid
//! refuses diagrams over 50,000 characters or 500 edges unless its `maxTextSize` and
//! `maxEdges` are raised, so this suits maps of a few dozen claims.
//!
//! # Escaping
//!
//! Mermaid has no quoting that makes any text safe, so ids and text are kept apart:
//!
//! - node ids are `n0`, `n1`, ... and subgraph ids `g0`, `g1`, ... in map order; a map id
//!   (which may hold `.` or `-`, or be a keyword such as `end`) is written nowhere;
//! - every label is double-quoted and goes through [`escape`], which writes the characters
//!   that Mermaid reads before or inside a quoted label as Mermaid's entity codes (`#35;`
//!   for `#`); Mermaid turns them back into the characters, shown as text. So a label
//!   cannot end its quotes, open a comment or a `%%{init}%%` directive, start a Markdown
//!   string or KaTeX formula, or inject HTML;
//! - the map's title goes into the YAML front matter as a double-quoted YAML string (and
//!   is left out when it holds `&`, `<` or `>`, which Mermaid would show escaped).
//!
//! One thing no escaping can stop: Mermaid 11 sanitizes a label (decoding its codes) before
//! it looks for Font Awesome icons, so text like `fa:fa-car` is drawn as an (empty,
//! harmless) icon element instead of as text.

use std::io::{self, Write};

use crate::model::{Element, Map, RelationKind, StanceKind};

use super::{non_blank, HashMap};
use crate::diagram::{Clusters, Palette, RankDir, Theme};

/// What to draw and how. `MermaidOptions::default()` is what [`write()`] draws; the setters
/// change one thing each:
///
/// ```
/// use argumap::export::dot::RankDir;
/// use argumap::export::mermaid::MermaidOptions;
///
/// let options = MermaidOptions::default().direction(RankDir::LeftToRight).actors(false);
/// assert!(options.groups);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct MermaidOptions {
    /// Which way the chart flows. Default [`RankDir::BottomToTop`]: conclusions on top.
    pub direction: RankDir,
    /// Draw the actors who take a stance or are linked to another actor, with their stances
    /// and links. Default `true`.
    pub actors: bool,
    /// Draw groups as subgraphs. Default `true`.
    pub groups: bool,
    /// Put the map's title above the chart. Default `true`. A title holding `&`, `<` or `>`
    /// is left out all the same: Mermaid would show those as `&amp;`, `&lt;` and `&gt;`.
    pub title: bool,
    /// Wrap labels at this many characters; `0` keeps text on the lines it has. Default 26,
    /// which fits Mermaid's default label width.
    pub wrap: usize,
    /// Cut labels to this many lines, ending the last with `…`; `0` means no limit.
    /// Default 10.
    pub max_lines: usize,
}

impl Default for MermaidOptions {
    fn default() -> MermaidOptions {
        MermaidOptions {
            direction: RankDir::BottomToTop,
            actors: true,
            groups: true,
            title: true,
            wrap: 26,
            max_lines: 10,
        }
    }
}

setters!(MermaidOptions {
    direction(direction: RankDir);
    actors(on: bool);
    groups(on: bool);
    title(on: bool);
    wrap(width: usize);
    max_lines(lines: usize);
});

/// Writes a map as a Mermaid flowchart with the default options.
///
/// The same map always gives the same bytes. Any text is safe: labels go through
/// [`escape`], and no map id is written.
///
/// # Errors
///
/// Only the errors of `out`; the map itself cannot make writing fail.
pub fn write(map: &Map, out: impl Write) -> io::Result<()> {
    write_with(map, &MermaidOptions::default(), out)
}

/// Writes a map as a Mermaid flowchart drawn as `options` say.
///
/// Time: linear in elements plus links.
///
/// # Errors
///
/// Only the errors of `out`.
pub fn write_with(map: &Map, options: &MermaidOptions, out: impl Write) -> io::Result<()> {
    super::buffered(out, |out| Chart::new(map, options).write(out))
}

/// The map as a Mermaid flowchart, as [`write()`] writes it.
pub fn to_string(map: &Map) -> String {
    to_string_with(map, &MermaidOptions::default())
}

/// The map as a Mermaid flowchart drawn as `options` say, as [`write_with`] writes it.
pub fn to_string_with(map: &Map, options: &MermaidOptions) -> String {
    super::written(|out| write_with(map, options, out))
}

/// Any text as the inside of a double-quoted Mermaid label (`n0["…"]`), shown as written.
///
/// - A newline becomes `<br>`, Mermaid's line break, and a tab a space; the other control
///   characters and the noncharacters U+FFFE and U+FFFF are dropped.
/// - These characters are written as Mermaid entity codes (`#` + decimal code + `;`):
///   `"` (it would end the label), `#` (it would start an entity code), `&`, `<` and `>`
///   (HTML), `` ` `` (a Markdown string), `$` (`$$` starts a KaTeX formula), `%` (`%%`
///   starts a comment or a directive anywhere in the text), and `:` (Mermaid's `style` and
///   `classDef` patterns, and its icon syntax, look for it across a whole line).
/// - Bidirectional controls (U+202A to U+202E, U+2066 to U+2069, U+200E, U+200F, U+061C)
///   and the line and paragraph separators are written as codes too: rendered the same,
///   but they cannot reorder or break the lines of the Mermaid source.
/// - Mermaid reads `direction TB` anywhere on a line as a direction statement, so the last
///   letter of `direction` is written as `#110;`.
///
/// ```
/// use argumap::export::mermaid::escape;
///
/// assert_eq!(escape("say \"hi\" #1"), "say #34;hi#34; #35;1");
/// assert_eq!(escape("<b>\nbye"), "#60;b#62;<br>bye");
/// ```
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    push_escaped(&mut out, text);
    out
}

/// The one escaping function for labels: every text in a node, subgraph or title goes
/// through it or through [`push_yaml_quoted`].
fn push_escaped(out: &mut String, text: &str) {
    use std::fmt::Write as _;
    let mut run = 0;
    for (at, c) in text.char_indices() {
        let replacement = match c {
            '\n' => Some("<br>"),
            '\t' => Some(" "),
            '"' | '#' | '&' | '<' | '>' | '`' | '$' | '%' | ':' => None,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' => None,
            '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}' => None,
            'n' if text[..at].ends_with("directio") => None,
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => Some(""),
            _ => continue,
        };
        out.push_str(&text[run..at]);
        match replacement {
            Some(r) => out.push_str(r),
            None => {
                let _ = write!(out, "#{};", u32::from(c));
            }
        }
        run = at + c.len_utf8();
    }
    out.push_str(&text[run..]);
}

/// Text as a double-quoted YAML string on one line, for the front matter: `\` and `"`
/// escaped, `<` as `\x3C` (Mermaid rewrites anything like an HTML tag before it reads the
/// YAML), bidirectional controls as `\u` escapes, and line breaks, tabs and the characters
/// YAML may not hold (controls, U+FFFE, U+FFFF) as a space or dropped.
fn push_yaml_quoted(out: &mut String, text: &str) {
    use std::fmt::Write as _;
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '<' => out.push_str("\\x3C"),
            '\n' | '\t' | '\r' => out.push(' '),
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}' => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Text broken into lines of at most `width` characters at white space, words longer than
/// the width cut, and at most `max_lines` lines, the last ending in `…` when text was left
/// out. Line breaks in the text are kept. `width` 0 keeps the lines as they are;
/// `max_lines` 0 keeps all of them.
fn wrap(text: &str, width: usize, max_lines: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    for paragraph in text.split('\n') {
        if width == 0 {
            lines.push(paragraph.split_whitespace().collect::<Vec<_>>().join(" "));
            continue;
        }
        let mut line = String::new();
        let mut len = 0;
        for word in paragraph.split_whitespace() {
            let mut word: Vec<char> = word.chars().collect();
            if len > 0 && len + 1 + word.len() <= width {
                line.push(' ');
                line.extend(&word);
                len += 1 + word.len();
                continue;
            }
            if len > 0 {
                lines.push(std::mem::take(&mut line));
            }
            while word.len() > width {
                lines.push(word.drain(..width).collect());
            }
            line.extend(&word);
            len = word.len();
        }
        lines.push(line);
    }
    if max_lines > 0 && lines.len() > max_lines {
        lines.truncate(max_lines);
        let last = &mut lines[max_lines - 1];
        // Room for the ellipsis within the width.
        if width > 0 && last.chars().count() >= width {
            let keep = last
                .char_indices()
                .nth(width - 1)
                .map_or(last.len(), |(i, _)| i);
            last.truncate(keep);
        }
        let kept = last.trim_end().len();
        last.truncate(kept);
        last.push('…');
    }
    lines.join("\n")
}

// ---- style ----------------------------------------------------------------------------------

/// The colours of the chart: the diagram's default theme.
fn palette() -> &'static Palette {
    Theme::Colour.palette()
}

/// The node classes, in the order they are written.
const CLASSES: [&str; 4] = ["claim", "argument", "actor", "group"];

/// Node fills and lines, as in the diagram's default theme, and a neutral grey for
/// subgraphs (Mermaid's own pale yellow would hide the claims' fill).
fn class_defs(p: &Palette) -> [String; 4] {
    let look =
        |fill: &str, stroke: &str, text: &str| format!("fill:{fill},stroke:{stroke},color:{text}");
    [
        look(p.claim_fill, p.ink, p.ink),
        look(p.argument_fill, p.argument_line, p.ink),
        look(p.actor_fill, p.actor_line, p.ink),
        look("#F6F6F6", p.cluster_line, "#555555"),
    ]
}

/// A link's colour, and whether it is drawn wide, as the diagram draws its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct LinkStyle {
    colour: &'static str,
    wide: bool,
}

/// Every kind of edge the chart draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum EdgeKind {
    Relation(RelationKind),
    Stance(StanceKind),
    MemberOf,
    SpeaksFor,
}

impl EdgeKind {
    /// The link as Mermaid writes it, with its label between `|`.
    fn arrow(self) -> &'static str {
        match self {
            EdgeKind::Relation(kind) => match kind {
                RelationKind::Supports => "-->|supports|",
                RelationKind::Rebuts => "==x|rebuts|",
                RelationKind::Undercuts => "--x|undercuts|",
                RelationKind::Premise => "--o",
                RelationKind::Conclusion => "-->",
                RelationKind::Contradicts => "x--x|contradicts|",
                RelationKind::Rephrases => "---|rephrases|",
            },
            EdgeKind::Stance(kind) => match kind {
                // The usual stance, unlabelled as in the DOT export: dozens of "asserts"
                // would bury the chart.
                StanceKind::Asserts => "-.->",
                StanceKind::Endorses => "-.->|endorses|",
                StanceKind::Denies => "-.-x|denies|",
                StanceKind::Questions => "-.->|questions|",
            },
            EdgeKind::MemberOf => "-.->|member of|",
            EdgeKind::SpeaksFor => "-.->|speaks for|",
        }
    }

    /// The `linkStyle` for this kind: its colour, and width where it matters.
    fn style(self, p: &'static Palette) -> LinkStyle {
        let (colour, wide) = match self {
            EdgeKind::Relation(kind) => match kind {
                RelationKind::Supports | RelationKind::Conclusion => (p.supports, false),
                RelationKind::Rebuts => (p.rebuts, false),
                RelationKind::Undercuts => (p.undercuts, true),
                RelationKind::Premise => (p.premise, false),
                RelationKind::Rephrases => (p.rephrases, false),
                RelationKind::Contradicts => (p.contradicts, true),
            },
            EdgeKind::Stance(_) | EdgeKind::MemberOf | EdgeKind::SpeaksFor => (p.context, false),
        };
        LinkStyle { colour, wide }
    }
}

// ---- writer ---------------------------------------------------------------------------------

struct Chart<'a> {
    map: &'a Map,
    options: &'a MermaidOptions,
    /// The Mermaid number of every drawn node, by map id.
    number: HashMap<&'a str, usize>,
    /// The groups, nested, when they are drawn.
    nesting: Option<Clusters<'a>>,
    /// Edges drawn so far, with the `linkStyle` of each in drawing order.
    styles: Vec<LinkStyle>,
    /// The subgraphs drawn, as `g0`, `g1`, ...
    subgraphs: Vec<String>,
    line: String,
}

impl<'a> Chart<'a> {
    fn new(map: &'a Map, options: &'a MermaidOptions) -> Chart<'a> {
        let mut linked: HashMap<&str, ()> = HashMap::default();
        if options.actors {
            for stance in map.stances() {
                linked.insert(stance.actor.as_str(), ());
            }
            for (member, _, of) in map.actor_links() {
                linked.insert(member.as_str(), ());
                linked.insert(of.as_str(), ());
            }
        }
        let mut number = HashMap::default();
        for element in map.elements() {
            let id = element.id().as_str();
            if !matches!(element, Element::Actor(_)) || linked.contains_key(id) {
                let n = number.len();
                number.insert(id, n);
            }
        }
        Chart {
            map,
            options,
            number,
            nesting: options.groups.then(|| Clusters::groups(map)),
            styles: Vec::new(),
            subgraphs: Vec::new(),
            line: String::new(),
        }
    }

    fn send(&mut self, out: &mut impl Write) -> io::Result<()> {
        self.line.push('\n');
        out.write_all(self.line.as_bytes())?;
        self.line.clear();
        Ok(())
    }

    fn write(mut self, out: &mut impl Write) -> io::Result<()> {
        let map = self.map;
        // Mermaid 11 escapes a title as HTML and then shows it as plain text, so `&`, `<`
        // and `>` would show as `&amp;`, `&lt;`, `&gt;`: better no title than a wrong one.
        let showable = !map.title.contains(['&', '<', '>']);
        if self.options.title && showable && !map.title.trim().is_empty() {
            self.line.push_str("---\ntitle: ");
            push_yaml_quoted(&mut self.line, &map.title);
            self.line.push_str("\n---");
            self.send(out)?;
        }
        writeln!(out, "flowchart {}", self.options.direction.as_str())?;
        for (class, style) in CLASSES.into_iter().zip(class_defs(palette())) {
            writeln!(out, "  classDef {class} {style}")?;
        }

        // Nodes outside every group, then each group with what it holds.
        for element in map.elements() {
            let id = element.id().as_str();
            let home = self.nesting.as_ref().and_then(|n| n.home_of(id));
            if home.is_none() {
                self.node(1, element, out)?;
            }
        }
        self.subgraphs(out)?;

        let relations = map
            .relations()
            .map(|r| (EdgeKind::Relation(r.kind), &r.from, &r.to));
        let stances = map
            .stances()
            .map(|s| (EdgeKind::Stance(s.kind), &s.actor, &s.target));
        for (kind, from, to) in relations.chain(stances) {
            self.edge(kind, from, to, out)?;
        }
        for (member, kind, of) in map.actor_links() {
            let kind = match kind {
                crate::model::ActorLinkKind::SpeaksFor => EdgeKind::SpeaksFor,
                _ => EdgeKind::MemberOf,
            };
            self.edge(kind, member, of, out)?;
        }

        // Classes and link styles last, each kind on one line.
        for kind in CLASSES {
            let numbers: Vec<String> = map
                .elements()
                .filter(|e| kind_name(e) == kind)
                .filter_map(|e| self.number.get(e.id().as_str()))
                .map(|n| format!("n{n}"))
                .collect();
            if !numbers.is_empty() {
                writeln!(out, "  class {} {kind}", numbers.join(","))?;
            }
        }
        if !self.subgraphs.is_empty() {
            writeln!(out, "  class {} group", self.subgraphs.join(","))?;
        }
        let mut seen: Vec<LinkStyle> = Vec::new();
        for style in &self.styles {
            if !seen.contains(style) {
                seen.push(*style);
            }
        }
        for style in seen {
            let edges: Vec<String> = self
                .styles
                .iter()
                .enumerate()
                .filter(|(_, s)| **s == style)
                .map(|(i, _)| i.to_string())
                .collect();
            let width = if style.wide { ",stroke-width:2px" } else { "" };
            writeln!(
                out,
                "  linkStyle {} stroke:{}{width}",
                edges.join(","),
                style.colour
            )?;
        }
        Ok(())
    }

    /// One node with its shape and label.
    fn node(&mut self, depth: usize, element: &Element, out: &mut impl Write) -> io::Result<()> {
        let Some(&n) = self.number.get(element.id().as_str()) else {
            return Ok(());
        };
        let (shown, open, close) = match element {
            Element::Claim(claim) => (
                non_blank(claim.title.as_deref()).unwrap_or(&claim.text),
                "[\"",
                "\"]",
            ),
            Element::Argument(argument) => (
                non_blank(argument.title.as_deref())
                    .or(non_blank(argument.text.as_deref()))
                    .unwrap_or("argument"),
                "([\"",
                "\"])",
            ),
            Element::Actor(actor) => (actor.name.as_str(), "{{\"", "\"}}"),
        };
        let label = wrap(shown, self.options.wrap, self.options.max_lines);
        indent(&mut self.line, depth);
        self.line.push('n');
        self.line.push_str(&n.to_string());
        self.line.push_str(open);
        push_escaped(&mut self.line, &label);
        self.line.push_str(close);
        self.send(out)
    }

    /// The groups as nested subgraphs, each holding its elements. A depth-first walk with an
    /// explicit stack, so a deep chain of groups cannot overflow the call stack.
    fn subgraphs(&mut self, out: &mut impl Write) -> io::Result<()> {
        let Some(nesting) = self.nesting.take() else {
            return Ok(());
        };
        let map = self.map;
        // Each group's elements, in map order.
        let mut members: Vec<Vec<&Element>> = vec![Vec::new(); nesting.boxes.len()];
        for element in map.elements() {
            if let Some(g) = nesting.home_of(element.id()) {
                members[g].push(element);
            }
        }
        let mut stack: Vec<(usize, bool)> = nesting.roots().map(|g| (g, true)).collect();
        stack.reverse();
        let mut depth = 1;
        while let Some((g, opening)) = stack.pop() {
            if !opening {
                depth -= 1;
                indent(&mut self.line, depth);
                self.line.push_str("end");
                self.send(out)?;
                continue;
            }
            if !nesting.drawn[g] {
                continue;
            }
            indent(&mut self.line, depth);
            self.line.push_str(&format!("subgraph g{g}[\""));
            self.subgraphs.push(format!("g{g}"));
            let title = wrap(&nesting.boxes[g].title, self.options.wrap.max(40), 0);
            push_escaped(&mut self.line, &title);
            self.line.push_str("\"]");
            self.send(out)?;
            depth += 1;
            for element in &members[g] {
                self.node(depth, element, out)?;
            }
            stack.push((g, false));
            stack.extend(nesting.children[g].iter().rev().map(|&c| (c, true)));
        }
        self.nesting = Some(nesting);
        Ok(())
    }

    /// One edge, when both its ends are drawn.
    fn edge(
        &mut self,
        kind: EdgeKind,
        from: &str,
        to: &str,
        out: &mut impl Write,
    ) -> io::Result<()> {
        let (Some(&a), Some(&b)) = (self.number.get(from), self.number.get(to)) else {
            return Ok(());
        };
        self.styles.push(kind.style(palette()));
        writeln!(out, "  n{a} {} n{b}", kind.arrow())
    }
}

fn kind_name(element: &Element) -> &'static str {
    match element {
        Element::Claim(_) => "claim",
        Element::Argument(_) => "argument",
        Element::Actor(_) => "actor",
    }
}

fn indent(line: &mut String, depth: usize) {
    for _ in 0..depth {
        line.push_str("  ");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActorKind, Claim, Id, MapBuilder};

    #[test]
    fn escape_writes_what_mermaid_reads_as_codes() {
        assert_eq!(
            escape("plain text, é 日本 (a) [b] {c} |d|"),
            "plain text, é 日本 (a) [b] {c} |d|"
        );
        assert_eq!(escape("\"q\""), "#34;q#34;");
        assert_eq!(escape("#35;"), "#35;35;");
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "#60;script#62;alert(1)#60;/script#62;"
        );
        assert_eq!(escape("a & b"), "a #38; b");
        assert_eq!(escape("`code`"), "#96;code#96;");
        assert_eq!(escape("%% comment"), "#37;#37; comment");
        assert_eq!(escape("%%{init: {}}%%"), "#37;#37;{init#58; {}}#37;#37;");
        assert_eq!(escape("$$x$$"), "#36;#36;x#36;#36;");
        assert_eq!(escape("fa:fa-car"), "fa#58;fa-car");
        assert_eq!(escape("direction TB"), "directio#110; TB");
        assert_eq!(escape("one\ntwo\tthree"), "one<br>two three");
        assert_eq!(escape("\0\u{1}\r\u{7F}\u{85}\u{FFFE}\u{FFFF}x"), "x");
        assert_eq!(escape("\u{202E}abc"), "#8238;abc");
        assert_eq!(escape("a\u{2028}b"), "a#8232;b");
        assert_eq!(escape("end"), "end");
    }

    #[test]
    fn yaml_title_stays_on_one_line_and_in_its_quotes() {
        let mut out = String::new();
        push_yaml_quoted(&mut out, "a \"b\" \\c\n<d>\u{202E}\u{1}");
        assert_eq!(out, r#""a \"b\" \\c \x3Cd>\u202E""#);
    }

    #[test]
    fn wrap_breaks_at_spaces_cuts_long_words_and_limits_lines() {
        assert_eq!(wrap("the quick brown fox", 10, 0), "the quick\nbrown fox");
        assert_eq!(wrap("abcdefghijkl xy", 5, 0), "abcde\nfghij\nkl xy");
        assert_eq!(wrap("  spaced   out  ", 20, 0), "spaced out");
        assert_eq!(wrap("keep\nlines", 20, 0), "keep\nlines");
        assert_eq!(wrap("ééééé ééééé", 5, 0), "ééééé\nééééé");
        assert_eq!(wrap("as   it is", 0, 0), "as it is");
        assert_eq!(wrap("one two three four", 5, 2), "one\ntwo…");
        assert_eq!(wrap("aaaaa bbbbb ccccc", 5, 2), "aaaaa\nbbbb…");
        assert_eq!(wrap("one two", 5, 2), "one\ntwo");
    }

    fn sample() -> Map {
        MapBuilder::new("Uniforms")
            .actor("prop", "Proposition", ActorKind::Group)
            .actor("idle", "Nobody", ActorKind::Person)
            .claim("end", "Schools should require uniforms")
            .claim("a.b-c", "Uniforms hide income")
            .claim("cost", "Uniforms cost more")
            .claim("p1", "Premise")
            .supports("a.b-c", "end")
            .rebuts("cost", "a.b-c")
            .argument("arg", &["p1"], "end")
            .undercuts("cost", "arg")
            .asserts("prop", "end")
            .stance("prop", StanceKind::Denies, "cost")
            .group("case", "Case", &["a.b-c"])
            .build()
            .unwrap()
    }

    #[test]
    fn writes_numbered_nodes_shapes_edges_and_styles() {
        let chart = to_string(&sample());
        let expected = "\
---
title: \"Uniforms\"
---
flowchart BT
  classDef claim fill:#FFFBEA,stroke:#333333,color:#333333
  classDef argument fill:#E3F2E5,stroke:#2E8B3E,color:#333333
  classDef actor fill:#E8EEF7,stroke:#3B5B8C,color:#333333
  classDef group fill:#F6F6F6,stroke:#BBBBBB,color:#555555
  n0{{\"Proposition\"}}
  n1[\"Schools should require<br>uniforms\"]
  n3[\"Uniforms cost more\"]
  n4[\"Premise\"]
  n5([\"argument\"])
  subgraph g0[\"Case\"]
    n2[\"Uniforms hide income\"]
  end
  n2 -->|supports| n1
  n3 ==x|rebuts| n2
  n4 --o n5
  n5 --> n1
  n3 --x|undercuts| n5
  n0 -.-> n1
  n0 -.-x|denies| n3
  class n1,n2,n3,n4 claim
  class n5 argument
  class n0 actor
  class g0 group
  linkStyle 0,3 stroke:#2E8B3E
  linkStyle 1 stroke:#D62728
  linkStyle 2 stroke:#666666
  linkStyle 4 stroke:#8E44AD,stroke-width:2px
  linkStyle 5,6 stroke:#999999
";
        assert_eq!(chart, expected);
        let mut streamed = Vec::new();
        write(&sample(), &mut streamed).unwrap();
        assert_eq!(String::from_utf8(streamed).unwrap(), chart);
    }

    #[test]
    fn options_leave_out_actors_groups_and_title_and_turn_the_chart() {
        let options = MermaidOptions::default()
            .actors(false)
            .groups(false)
            .title(false)
            .direction(RankDir::LeftToRight);
        let chart = to_string_with(&sample(), &options);
        assert!(chart.starts_with("flowchart LR\n"));
        assert!(!chart.contains("subgraph"));
        assert!(!chart.contains("Proposition"));
        assert!(!chart.contains("-.-"));
        assert!(chart.contains("\n  n1[\"Uniforms hide income\"]\n"));
    }

    #[test]
    fn a_title_mermaid_would_garble_is_left_out() {
        let mut map = sample();
        map.title = "Crime & punishment".into();
        assert!(to_string(&map).starts_with("flowchart BT\n"));
        map.title = "Crime, punishment".into();
        assert!(to_string(&map).starts_with("---\ntitle: \"Crime, punishment\"\n---\n"));
    }

    #[test]
    fn no_map_id_reaches_the_output() {
        let map = MapBuilder::new("")
            .with_claim(Claim::new(Id::new("subgraph").unwrap(), "x"))
            .claim("click", "y")
            .supports("subgraph", "click")
            .build()
            .unwrap();
        let chart = to_string(&map);
        assert!(!chart.contains("subgraph"), "{chart}");
        assert!(!chart.contains("click"), "{chart}");
        assert!(
            chart.starts_with("flowchart BT\n"),
            "an empty title is left out"
        );
    }
}
