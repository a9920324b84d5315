//! Graphviz DOT export: a [`Map`] drawn as claims, arguments and actors joined by supports,
//! rebuttals, undercuts and stances, ready for `dot`.
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

// Hash maps and sets are only looked up here, never iterated: output follows map order.
use std::collections::{HashMap as StdHashMap, HashSet as StdHashSet};
use std::fmt;
use std::io::{self, Write};
use std::str::FromStr;

use indexmap::IndexMap as StdIndexMap;

// Hash tables keyed by ids use foldhash: several times faster than SipHash on short keys,
// and seeded per run, so crafted ids cannot make a table slow.
type HashMap<K, V> = StdHashMap<K, V, foldhash::fast::RandomState>;
type HashSet<K> = StdHashSet<K, foldhash::fast::RandomState>;
type IndexMap<K, V> = StdIndexMap<K, V, foldhash::fast::RandomState>;

use crate::model::{Actor, ActorLinkKind, Element, Group, Map, Relation, RelationKind, StanceKind};

/// Which way the diagram flows: where Graphviz puts the first rank.
///
/// Every edge points from a reason to what it is a reason for (premise to conclusion,
/// attacker to target), so [`RankDir::BottomToTop`] puts conclusions at the top.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RankDir {
    /// Conclusions at the bottom (Graphviz `TB`).
    TopToBottom,
    /// Conclusions at the top, premises below them (Graphviz `BT`); the usual argument map.
    #[default]
    BottomToTop,
    /// Conclusions on the right (Graphviz `LR`).
    LeftToRight,
    /// Conclusions on the left (Graphviz `RL`).
    RightToLeft,
}

impl RankDir {
    /// Every direction.
    pub const ALL: [RankDir; 4] = [
        RankDir::TopToBottom,
        RankDir::BottomToTop,
        RankDir::LeftToRight,
        RankDir::RightToLeft,
    ];

    /// Graphviz's name for the direction: `TB`, `BT`, `LR` or `RL`.
    pub fn as_str(self) -> &'static str {
        match self {
            RankDir::TopToBottom => "TB",
            RankDir::BottomToTop => "BT",
            RankDir::LeftToRight => "LR",
            RankDir::RightToLeft => "RL",
        }
    }
}

impl fmt::Display for RankDir {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A string that names no [`RankDir`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a direction: use TB, BT, LR or RL")]
pub struct ParseRankDirError(pub String);

impl FromStr for RankDir {
    type Err = ParseRankDirError;

    /// Reads Graphviz's names `TB`, `BT`, `LR`, `RL`, in any case.
    fn from_str(s: &str) -> Result<RankDir, ParseRankDirError> {
        RankDir::ALL
            .into_iter()
            .find(|d| d.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| ParseRankDirError(s.to_owned()))
    }
}

/// What to draw and how. `DotOptions::default()` gives the diagram a coach would hand out;
/// the setters change one thing each:
///
/// ```
/// use argumap::export::dot::{DotOptions, RankDir};
///
/// let options = DotOptions::default().actors(false).rankdir(RankDir::LeftToRight);
/// assert!(!options.actors && options.legend);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct DotOptions {
    /// Draw the actors, linked to what they assert, endorse, deny or question, and to the
    /// actors they belong to or speak for. An actor with none of these links is left out:
    /// it would stand alone. Default `true`.
    pub actors: bool,
    /// When actors are not drawn, name the asserting actors on a last line of each claim
    /// ("— Barr, Patel"). Default `true`.
    pub attribution: bool,
    /// Draw actors who take exactly the same stances (the four signatories of one letter) as
    /// one node listing their names, so that one arrow stands for all of them. Default `true`.
    pub bundle_actors: bool,
    /// Draw a legend of the node and edge kinds the diagram uses. Default `true`.
    pub legend: bool,
    /// What the boxes around nodes stand for. Default [`ClusterBy::Groups`].
    pub clusters: ClusterBy,
    /// The colours. Default [`Theme::Colour`].
    pub theme: Theme,
    /// How each claim and argument fares, marked on its node with a legend. Default `None`.
    pub status: Option<Status>,
    /// Print the map's title above the diagram. Default `true`.
    pub title: bool,
    /// Wrap labels at this many characters (words longer than that are broken); `0` keeps
    /// text on the lines it has. Default 28.
    pub wrap: usize,
    /// Cut labels to this many lines, ending the last with `…`; the tooltip keeps the whole
    /// text. `0` means no limit. Default 12.
    pub max_lines: usize,
    /// Which way the diagram flows; `None` (the default) chooses from the map's shape:
    /// conclusions on top ([`RankDir::BottomToTop`]) unless the map is much wider than it is
    /// deep, when conclusions go on the left ([`RankDir::RightToLeft`]) so that it fits a
    /// portrait page.
    pub rankdir: Option<RankDir>,
}

impl Default for DotOptions {
    fn default() -> DotOptions {
        DotOptions {
            actors: true,
            attribution: true,
            bundle_actors: true,
            legend: true,
            clusters: ClusterBy::Groups,
            theme: Theme::Colour,
            status: None,
            title: true,
            wrap: 28,
            max_lines: 12,
            rankdir: None,
        }
    }
}

impl DotOptions {
    /// Sets [`DotOptions::actors`].
    pub fn actors(mut self, on: bool) -> Self {
        self.actors = on;
        self
    }

    /// Sets [`DotOptions::attribution`].
    pub fn attribution(mut self, on: bool) -> Self {
        self.attribution = on;
        self
    }

    /// Sets [`DotOptions::bundle_actors`].
    pub fn bundle_actors(mut self, on: bool) -> Self {
        self.bundle_actors = on;
        self
    }

    /// Sets [`DotOptions::legend`].
    pub fn legend(mut self, on: bool) -> Self {
        self.legend = on;
        self
    }

    /// Sets [`DotOptions::clusters`].
    pub fn clusters(mut self, by: ClusterBy) -> Self {
        self.clusters = by;
        self
    }

    /// Sets [`DotOptions::status`].
    pub fn status(mut self, status: Status) -> Self {
        self.status = Some(status);
        self
    }

    /// Sets [`DotOptions::theme`].
    pub fn theme(mut self, theme: Theme) -> Self {
        self.theme = theme;
        self
    }

    /// Sets [`DotOptions::title`].
    pub fn title(mut self, on: bool) -> Self {
        self.title = on;
        self
    }

    /// Sets [`DotOptions::wrap`].
    pub fn wrap(mut self, width: usize) -> Self {
        self.wrap = width;
        self
    }

    /// Sets [`DotOptions::max_lines`].
    pub fn max_lines(mut self, lines: usize) -> Self {
        self.max_lines = lines;
        self
    }

    /// Sets [`DotOptions::rankdir`].
    pub fn rankdir(mut self, rankdir: RankDir) -> Self {
        self.rankdir = Some(rankdir);
        self
    }
}

/// Writes a map as a Graphviz DOT graph.
///
/// The same map and options always give the same bytes. Any text is safe: ids and values are
/// quoted by [`quote`].
///
/// Time: linear in elements plus links, with the sorting the layout needs (n log n): the
/// drawing's preparation (bundling actors by their stances, boxes by group or actor, the
/// legend) indexes what it looks up once per map.
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

/// Text broken into lines of at most `width` characters at spaces, words longer than the
/// width broken where they must be, and cut to `max_lines` lines ending in `…`. Existing line
/// breaks are kept. `width` 0 keeps the lines as they are; `max_lines` 0 keeps all lines.
pub(crate) fn wrap(text: &str, width: usize, max_lines: usize) -> String {
    let mut lines = Lines {
        out: String::with_capacity(text.len() + text.len() / width.max(1) + 4),
        count: 0,
        last: 0,
        max: max_lines,
        cut: false,
    };
    if width == 0 {
        for line in text.split('\n') {
            if !lines.start() {
                break;
            }
            lines.out.push_str(line);
        }
    } else {
        'text: for paragraph in text.trim().split('\n') {
            if !lines.start() {
                break;
            }
            let mut len = 0;
            for word in paragraph.split_whitespace() {
                let mut word = word;
                let mut word_len = word.chars().count();
                if len > 0 && len + 1 + word_len <= width {
                    lines.out.push(' ');
                    lines.out.push_str(word);
                    len += 1 + word_len;
                    continue;
                }
                if len > 0 && !lines.start() {
                    break 'text;
                }
                while word_len > width {
                    let cut = word
                        .char_indices()
                        .nth(width)
                        .map_or(word.len(), |(i, _)| i);
                    lines.out.push_str(&word[..cut]);
                    if !lines.start() {
                        break 'text;
                    }
                    word = &word[cut..];
                    word_len -= width;
                }
                lines.out.push_str(word);
                len = word_len;
            }
        }
    }
    if lines.cut {
        let last = &lines.out[lines.last..];
        let mut keep = last.len();
        if width > 0 && last.chars().count() >= width {
            keep = last
                .char_indices()
                .nth(width.saturating_sub(1))
                .map_or(last.len(), |(i, _)| i);
        }
        keep = last[..keep].trim_end().len();
        lines.out.truncate(lines.last + keep);
        lines.out.push('…');
    }
    lines.out
}

/// The lines of a wrapped label, written straight into one string.
struct Lines {
    out: String,
    /// Lines started so far.
    count: usize,
    /// Where the last line starts in `out`.
    last: usize,
    /// The most lines (0: no limit).
    max: usize,
    /// Whether text was left out because the limit was reached.
    cut: bool,
}

impl Lines {
    /// Starts a new line; false (and `cut` set) when the limit is reached.
    fn start(&mut self) -> bool {
        if self.max > 0 && self.count == self.max {
            self.cut = true;
            return false;
        }
        if self.count > 0 {
            self.out.push('\n');
        }
        self.last = self.out.len();
        self.count += 1;
        true
    }
}

// ---- style ----------------------------------------------------------------------------------

/// The Okabe–Ito palette (Okabe & Ito 2008), safe for the common kinds of colour blindness.
/// The colours of a diagram. Every kind of relation also differs in line style or arrowhead,
/// so each theme still reads in black and white.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Theme {
    /// Green supports and red attacks, as Argdown and Kialo colour them: what debaters know.
    #[default]
    Colour,
    /// For colour-blind readers: the Okabe–Ito palette (blue supports, vermilion rebuttals,
    /// reddish purple undercuts), which stays distinct under every common colour blindness.
    ColourBlind,
    /// Black, white and greys for a printed handout: kinds differ by line and arrowhead.
    Print,
}

impl Theme {
    /// Every theme, in the order `--help` lists them.
    pub const ALL: [Theme; 3] = [Theme::Colour, Theme::ColourBlind, Theme::Print];

    /// The theme's name on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Colour => "colour",
            Theme::ColourBlind => "colourblind",
            Theme::Print => "print",
        }
    }

    pub(crate) fn palette(self) -> &'static Palette {
        match self {
            Theme::Colour => &COLOUR,
            Theme::ColourBlind => &COLOUR_BLIND,
            Theme::Print => &PRINT,
        }
    }
}

impl fmt::Display for Theme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Theme {
    type Err = String;

    fn from_str(s: &str) -> Result<Theme, String> {
        match s.to_ascii_lowercase().as_str() {
            "colour" | "color" => Ok(Theme::Colour),
            "colourblind" | "colorblind" | "colour-blind" | "color-blind" => Ok(Theme::ColourBlind),
            "print" | "grey" | "gray" | "greyscale" | "grayscale" => Ok(Theme::Print),
            _ => Err(format!(
                "unknown theme `{s}`; use colour, colourblind or print"
            )),
        }
    }
}

/// The colours one theme gives each part of the diagram.
pub(crate) struct Palette {
    pub(crate) supports: &'static str,
    pub(crate) rebuts: &'static str,
    pub(crate) undercuts: &'static str,
    pub(crate) premise: &'static str,
    pub(crate) contradicts: &'static str,
    /// Two lines with a gap: Graphviz draws one line per colour in a list.
    pub(crate) rephrases: &'static str,
    /// Stances and actor links: context rather than argument.
    pub(crate) context: &'static str,
    pub(crate) ink: &'static str,
    /// Secondary text: edge labels, cluster headings.
    pub(crate) muted: &'static str,
    pub(crate) claim_fill: &'static str,
    pub(crate) argument_fill: &'static str,
    pub(crate) argument_line: &'static str,
    pub(crate) actor_fill: &'static str,
    pub(crate) actor_line: &'static str,
    pub(crate) cluster_line: &'static str,
    /// Nested clusters alternate these two fills.
    pub(crate) cluster_fills: [&'static str; 2],
}

const COLOUR: Palette = Palette {
    supports: "#2E8B3E",
    rebuts: "#D62728",
    undercuts: "#8E44AD",
    premise: "#666666",
    contradicts: "#E67E22",
    rephrases: "#666666:invis:#666666",
    context: "#999999",
    ink: "#333333",
    muted: "#666666",
    claim_fill: "#FFFBEA",
    argument_fill: "#E3F2E5",
    argument_line: "#2E8B3E",
    actor_fill: "#E8EEF7",
    actor_line: "#3B5B8C",
    cluster_line: "#BBBBBB",
    cluster_fills: ["#F4F4F4", "#FFFFFF"],
};

const COLOUR_BLIND: Palette = Palette {
    supports: "#0072B2",
    rebuts: "#D55E00",
    undercuts: "#CC79A7",
    premise: "#666666",
    contradicts: "#E69F00",
    rephrases: "#666666:invis:#666666",
    context: "#999999",
    ink: "#333333",
    muted: "#666666",
    claim_fill: "#FFF4CC",
    argument_fill: "#DCEFFB",
    argument_line: "#0072B2",
    actor_fill: "#D5EFE6",
    actor_line: "#009E73",
    cluster_line: "#BBBBBB",
    cluster_fills: ["#F4F4F4", "#FFFFFF"],
};

const PRINT: Palette = Palette {
    supports: "#000000",
    rebuts: "#000000",
    undercuts: "#000000",
    premise: "#555555",
    contradicts: "#000000",
    rephrases: "#000000:invis:#000000",
    context: "#888888",
    ink: "#000000",
    muted: "#444444",
    claim_fill: "#FFFFFF",
    argument_fill: "#EEEEEE",
    argument_line: "#000000",
    actor_fill: "#FFFFFF",
    actor_line: "#555555",
    cluster_line: "#999999",
    cluster_fills: ["#F2F2F2", "#FFFFFF"],
};

pub(crate) const FONT: &str = "Helvetica";
pub(crate) const FONT_BOLD: &str = "Helvetica-Bold";
pub(crate) const FONT_ITALIC: &str = "Helvetica-Oblique";

pub(crate) type Attrs<'a> = Vec<(&'static str, &'a str)>;

/// How a claim or argument fares under an evaluation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Verdict {
    /// It stands (IN).
    Stands,
    /// It falls (OUT).
    Falls,
    /// It is undecided (UNDEC).
    Undecided,
    /// A gradual strength, in thousandths (0 to 1000).
    Strength(u16),
}

impl Verdict {
    /// The line the node shows: a sign and a word, so that it reads without colour.
    fn marker(self) -> String {
        match self {
            Verdict::Stands => "✔ stands".into(),
            Verdict::Falls => "✘ falls".into(),
            Verdict::Undecided => "? undecided".into(),
            Verdict::Strength(t) => format!("strength {:.2}", f64::from(t) / 1000.0),
        }
    }

    /// The node's look: a heavy border when it stands, a dashed one and grey text when it
    /// falls, a dotted one when undecided; strengths as border width.
    pub(crate) fn style(self, sort: NodeSort, p: &Palette) -> Attrs<'static> {
        let shape_style = |extra: &'static str| -> &'static str {
            match (sort, extra) {
                (NodeSort::Claim, "dashed") => "rounded,filled,dashed",
                (NodeSort::Claim, "dotted") => "rounded,filled,dotted",
                (NodeSort::Claim, _) => "rounded,filled",
                (_, "dashed") => "filled,dashed",
                (_, "dotted") => "filled,dotted",
                _ => "filled",
            }
        };
        match self {
            Verdict::Stands => vec![("penwidth", "3"), ("style", shape_style(""))],
            Verdict::Falls => vec![
                ("style", shape_style("dashed")),
                ("fontcolor", p.muted),
                ("color", p.muted),
            ],
            Verdict::Undecided => vec![("style", shape_style("dotted")), ("penwidth", "2")],
            Verdict::Strength(t) => {
                const WIDTHS: [&str; 6] = ["0.5", "1", "1.5", "2.2", "3", "4"];
                vec![(
                    "penwidth",
                    WIDTHS[(usize::from(t.min(1000)) * 5 + 500) / 1000],
                )]
            }
        }
    }
}

/// What an evaluation says of each claim and argument, by id, to mark on a diagram.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Status {
    /// Each element's verdict.
    pub verdicts: std::collections::BTreeMap<String, Verdict>,
    /// What the verdicts come from, for the legend ("grounded semantics", "DF-QuAD").
    pub source: String,
}

/// What the boxes (Graphviz clusters) around nodes stand for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ClusterBy {
    /// The map's groups, nested as they are. A node listed in several groups is drawn in the
    /// deepest, the first in map order among equals.
    #[default]
    Groups,
    /// One box per actor, holding the actor and what it alone asserts. A claim asserted by
    /// several actors sits outside every actor's box, between them (unless the actors are
    /// drawn as one bundle: then it sits in the bundle's box).
    Actors,
    /// One box per tag, holding what has that tag. An element with several tags sits outside
    /// the boxes, as does one with none.
    Tags,
    /// No boxes.
    None,
}

impl ClusterBy {
    /// Every choice, in the order `--help` lists them.
    pub const ALL: [ClusterBy; 4] = [
        ClusterBy::Groups,
        ClusterBy::Actors,
        ClusterBy::Tags,
        ClusterBy::None,
    ];

    /// The choice's name on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            ClusterBy::Groups => "groups",
            ClusterBy::Actors => "actors",
            ClusterBy::Tags => "tags",
            ClusterBy::None => "none",
        }
    }
}

impl fmt::Display for ClusterBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ClusterBy {
    type Err = String;

    fn from_str(s: &str) -> Result<ClusterBy, String> {
        ClusterBy::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(s))
            .or_else(|| match s.to_ascii_lowercase().as_str() {
                "group" => Some(ClusterBy::Groups),
                "actor" => Some(ClusterBy::Actors),
                "tag" => Some(ClusterBy::Tags),
                _ => None,
            })
            .ok_or_else(|| format!("unknown clustering `{s}`; use groups, actors, tags or none"))
    }
}

/// Every kind of edge the diagram draws, each with its own look.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum EdgeKind {
    Relation(RelationKind),
    Stance(StanceKind),
    Actor(ActorLinkKind),
}

impl EdgeKind {
    /// Legend order: the argument's own relations first, then the actors'.
    pub(crate) fn all() -> impl Iterator<Item = EdgeKind> {
        let relations = RelationKind::ALL.into_iter().map(EdgeKind::Relation);
        let stances = StanceKind::ALL.into_iter().map(EdgeKind::Stance);
        let actors = [ActorLinkKind::MemberOf, ActorLinkKind::SpeaksFor]
            .into_iter()
            .map(EdgeKind::Actor);
        relations.chain(stances).chain(actors)
    }

    /// The CSS class Graphviz puts on the edge in SVG.
    pub(crate) fn class(self) -> &'static str {
        match self {
            EdgeKind::Relation(k) => k.as_str(),
            EdgeKind::Stance(k) => k.as_str(),
            EdgeKind::Actor(ActorLinkKind::MemberOf) => "member-of",
            EdgeKind::Actor(ActorLinkKind::SpeaksFor) => "speaks-for",
        }
    }

    /// The legend entry that explains this kind of edge. Conclusions look like supports and
    /// speaks-for like member-of, so they share an entry; endorses, denies and questions
    /// carry their name on the edge and need none.
    pub(crate) fn legend_entry(self) -> Option<EdgeKind> {
        match self {
            EdgeKind::Relation(RelationKind::Conclusion) => {
                Some(EdgeKind::Relation(RelationKind::Supports))
            }
            EdgeKind::Relation(_) | EdgeKind::Stance(StanceKind::Asserts) => Some(self),
            EdgeKind::Stance(_) => None,
            EdgeKind::Actor(_) => Some(EdgeKind::Actor(ActorLinkKind::MemberOf)),
        }
    }

    pub(crate) fn legend_text(self) -> &'static str {
        match self {
            EdgeKind::Relation(RelationKind::Premise) => "premise of",
            EdgeKind::Relation(RelationKind::Conclusion) => "concludes",
            EdgeKind::Actor(ActorLinkKind::MemberOf) => "member of",
            EdgeKind::Actor(ActorLinkKind::SpeaksFor) => "speaks for",
            other => other.class(),
        }
    }

    /// The attributes that differ from the edge defaults (which are those of supports).
    pub(crate) fn style(self, p: &Palette) -> Attrs<'static> {
        match self {
            EdgeKind::Relation(kind) => match kind {
                RelationKind::Supports | RelationKind::Conclusion => vec![],
                RelationKind::Rebuts => vec![
                    ("color", p.rebuts),
                    ("style", "dashed"),
                    ("arrowhead", "tee"),
                ],
                RelationKind::Undercuts => vec![
                    ("color", p.undercuts),
                    ("style", "dotted"),
                    ("penwidth", "2.2"),
                    ("arrowhead", "teetee"),
                    ("arrowsize", "0.9"),
                ],
                RelationKind::Premise => vec![
                    ("color", p.premise),
                    ("penwidth", "1.2"),
                    ("arrowhead", "dot"),
                    ("arrowsize", "0.5"),
                ],
                RelationKind::Contradicts => vec![
                    ("color", p.contradicts),
                    ("penwidth", "2"),
                    ("dir", "both"),
                    ("arrowhead", "diamond"),
                    // Symmetric, yet ranked like any edge: letting the two claims share a
                    // rank (`minlen=0`) or leaving the edge out of the ranking
                    // (`constraint=false`) makes dot 2.43 fail to route edges, or crash, on
                    // maps with clusters.
                    ("arrowtail", "diamond"),
                ],
                // A double line, as in "=": the same claim in other words.
                RelationKind::Rephrases => vec![
                    ("color", p.rephrases),
                    ("penwidth", "1.2"),
                    ("arrowhead", "empty"),
                ],
            },
            EdgeKind::Stance(kind) => {
                let mut attrs = vec![
                    ("color", p.context),
                    ("penwidth", "0.9"),
                    ("arrowhead", "vee"),
                    ("arrowsize", "0.6"),
                ];
                match kind {
                    StanceKind::Asserts => {}
                    StanceKind::Endorses => attrs.push(("label", "endorses")),
                    StanceKind::Denies => {
                        attrs.push(("label", "denies"));
                        attrs.push(("style", "dashed"));
                    }
                    StanceKind::Questions => {
                        attrs.push(("label", "questions"));
                        attrs.push(("style", "dashed"));
                    }
                }
                attrs
            }
            EdgeKind::Actor(kind) => {
                let mut attrs = vec![
                    ("color", p.context),
                    ("style", "dotted"),
                    ("penwidth", "1.2"),
                    ("arrowhead", "empty"),
                    ("arrowsize", "0.7"),
                ];
                if kind == ActorLinkKind::SpeaksFor {
                    attrs.push(("label", "speaks for"));
                }
                attrs
            }
        }
    }
}

/// The look of each sort of node, over the node defaults (which are those of claims).
pub(crate) fn argument_style(p: &Palette) -> Attrs<'static> {
    vec![
        ("shape", "hexagon"),
        ("style", "filled"),
        ("fillcolor", p.argument_fill),
        ("color", p.argument_line),
        ("margin", "0.05,0.04"),
    ]
}

pub(crate) fn actor_style(p: &Palette) -> Attrs<'static> {
    vec![
        ("shape", "ellipse"),
        ("style", "filled"),
        ("fillcolor", p.actor_fill),
        ("color", p.actor_line),
        ("fontname", FONT_BOLD),
        ("margin", "0.06,0.03"),
    ]
}

/// The node defaults: the look of a claim.
pub(crate) fn node_defaults(p: &Palette) -> Attrs<'static> {
    vec![
        ("fontname", FONT),
        ("fontsize", NODE_FONTSIZE),
        ("fontcolor", p.ink),
        ("shape", "box"),
        ("style", "rounded,filled"),
        ("fillcolor", p.claim_fill),
        ("color", p.ink),
        ("penwidth", "1.2"),
        ("margin", "0.14,0.07"),
    ]
}

/// The edge defaults: the look of a support.
pub(crate) fn edge_defaults(p: &Palette) -> Attrs<'static> {
    vec![
        ("fontname", FONT_ITALIC),
        ("fontsize", EDGE_FONTSIZE),
        ("fontcolor", p.muted),
        ("color", p.supports),
        ("penwidth", "1.6"),
        ("arrowhead", "normal"),
        ("arrowsize", "0.8"),
    ]
}

/// Font sizes, in points, as Graphviz reads them.
pub(crate) const TITLE_FONTSIZE: &str = "18";
pub(crate) const NODE_FONTSIZE: &str = "11";
pub(crate) const EDGE_FONTSIZE: &str = "9";
pub(crate) const CLUSTER_FONTSIZE: &str = "12";
pub(crate) const LEGEND_FONTSIZE: &str = "11";
pub(crate) const LEGEND_ENTRY_FONTSIZE: &str = "10";

// ---- what is drawn --------------------------------------------------------------------------

/// The sorts of node a diagram draws, each with its own shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum NodeSort {
    Claim,
    Argument,
    Actor,
}

impl NodeSort {
    /// Legend order.
    pub(crate) const ALL: [NodeSort; 3] = [NodeSort::Claim, NodeSort::Argument, NodeSort::Actor];

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            NodeSort::Claim => "claim",
            NodeSort::Argument => "argument",
            NodeSort::Actor => "actor",
        }
    }

    /// The attributes over the node defaults.
    pub(crate) fn style(self, p: &Palette) -> Attrs<'static> {
        match self {
            NodeSort::Claim => Vec::new(),
            NodeSort::Argument => argument_style(p),
            NodeSort::Actor => actor_style(p),
        }
    }
}

/// A node as drawn.
pub(crate) struct NodeLook {
    pub(crate) sort: NodeSort,
    /// The wrapped text.
    pub(crate) text: String,
    /// Who asserts it, wrapped ("— Barr, Patel"), when actors are not drawn as nodes.
    pub(crate) badge: Option<String>,
    /// The whole text, who asserts it and where it was read.
    pub(crate) tooltip: String,
    /// The CSS class Graphviz puts on the node in SVG.
    pub(crate) class: &'static str,
}

impl NodeLook {
    /// The label as Graphviz draws it: the text, then the badge on lines of its own.
    pub(crate) fn label(&self) -> std::borrow::Cow<'_, str> {
        match &self.badge {
            Some(badge) => format!("{}\n{badge}", self.text).into(),
            None => self.text.as_str().into(),
        }
    }
}

/// The node kinds and edge styles drawn so far, for the legend.
#[derive(Default)]
pub(crate) struct Legend {
    nodes: HashSet<NodeSort>,
    edges: HashSet<EdgeKind>,
}

impl Legend {
    pub(crate) fn note_node(&mut self, sort: NodeSort) {
        self.nodes.insert(sort);
    }

    pub(crate) fn note_edge(&mut self, kind: EdgeKind) {
        if let Some(entry) = kind.legend_entry() {
            self.edges.insert(entry);
        }
    }

    /// The legend entries for what the diagram draws: each node kind, then each edge style,
    /// in a fixed order.
    pub(crate) fn entries(&self) -> (Vec<NodeSort>, Vec<EdgeKind>) {
        let nodes = NodeSort::ALL
            .into_iter()
            .filter(|sort| self.nodes.contains(sort))
            .collect();
        let edges = EdgeKind::all()
            .filter(|kind| self.edges.contains(kind))
            .collect();
        (nodes, edges)
    }
}

/// What every drawing of a map decides before it draws anything: which actors are drawn and
/// how they are bundled, who asserts what, the direction and the colours. The DOT writer and
/// the built-in engine both draw from it, so that they draw the same diagram.
pub(crate) struct Drawing<'a> {
    pub(crate) map: &'a Map,
    pub(crate) options: &'a DotOptions,
    /// Actors with a stance or a tie to another actor; the others would stand alone.
    linked_actors: HashSet<&'a str>,
    /// The names of the actors who assert each claim or argument, in stance order.
    asserters: HashMap<&'a str, Vec<&'a str>>,
    /// Actors drawn together with others who take the same stances.
    bundles: Bundles<'a>,
    /// The direction, chosen.
    pub(crate) rankdir: RankDir,
    pub(crate) palette: &'static Palette,
}

impl<'a> Drawing<'a> {
    pub(crate) fn new(map: &'a Map, options: &'a DotOptions) -> Drawing<'a> {
        // One pass over the stances and actor links for what every node needs to know.
        let mut linked_actors = HashSet::default();
        let mut asserters: HashMap<&str, Vec<&str>> = HashMap::default();
        for stance in map.stances() {
            linked_actors.insert(stance.actor.as_str());
            if stance.kind == StanceKind::Asserts {
                if let Some(actor) = map.actor(&stance.actor) {
                    asserters
                        .entry(stance.target.as_str())
                        .or_default()
                        .push(actor.name.as_str());
                }
            }
        }
        for (member, _, of) in map.actor_links() {
            linked_actors.extend([member.as_str(), of.as_str()]);
        }
        if !options.actors {
            linked_actors.clear();
        }
        let bundles = if options.bundle_actors {
            bundle_actors(map)
        } else {
            Bundles::default()
        };
        Drawing {
            map,
            options,
            linked_actors,
            asserters,
            bundles,
            rankdir: options.rankdir.unwrap_or_else(|| auto_rankdir(map)),
            palette: options.theme.palette(),
        }
    }

    /// The map's title as drawn above the diagram, wrapped; empty when there is none.
    pub(crate) fn title(&self) -> String {
        if self.options.title {
            wrap(&self.map.title, wider(self.options.wrap, 60), 0)
        } else {
            String::new()
        }
    }

    /// A cluster's heading, wrapped.
    pub(crate) fn cluster_heading(&self, title: &str) -> String {
        wrap(title, wider(self.options.wrap, 40), 0)
    }

    /// The boxes around nodes that [`DotOptions::clusters`] asks for.
    pub(crate) fn clusters(&self) -> Clusters<'a> {
        let map = self.map;
        let boxes = match self.options.clusters {
            ClusterBy::Groups => group_boxes(map),
            ClusterBy::Actors => actor_boxes(map, &self.bundles),
            ClusterBy::Tags => tag_boxes(map),
            ClusterBy::None => Vec::new(),
        };
        Clusters::new(map, boxes)
    }

    /// How an element is drawn; `None` for an actor that is not drawn (actors are left out,
    /// it is linked to nothing, or it is drawn in another actor's bundle).
    pub(crate) fn node(&self, element: &Element) -> Option<NodeLook> {
        match element {
            Element::Claim(claim) => {
                let shown = non_blank(claim.title.as_deref()).unwrap_or(&claim.text);
                let (text, badge) = self.label(shown, &claim.id);
                Some(NodeLook {
                    sort: NodeSort::Claim,
                    text,
                    badge,
                    tooltip: self.tooltip(&claim.text, claim.source.as_deref(), &claim.id),
                    class: "claim",
                })
            }
            Element::Argument(argument) => {
                let shown = non_blank(argument.title.as_deref())
                    .or(non_blank(argument.text.as_deref()))
                    .unwrap_or("argument");
                let (text, badge) = self.label(shown, &argument.id);
                let whole = argument
                    .text
                    .as_deref()
                    .or(argument.title.as_deref())
                    .unwrap_or("argument");
                Some(NodeLook {
                    sort: NodeSort::Argument,
                    text,
                    badge,
                    tooltip: self.tooltip(whole, argument.source.as_deref(), &argument.id),
                    class: "argument",
                })
            }
            Element::Actor(actor)
                if self.is_drawn_actor(&actor.id) && self.bundles.is_drawn(&actor.id) =>
            {
                let map = self.map;
                let members: Vec<&Actor> = match self.bundles.members.get(actor.id.as_str()) {
                    Some(ids) => ids.iter().filter_map(|id| map.actor(id)).collect(),
                    None => vec![actor],
                };
                let (width, lines) = (self.options.wrap, self.options.max_lines);
                let text = members
                    .iter()
                    .map(|a| wrap(&a.name, width, lines))
                    .collect::<Vec<_>>()
                    .join("\n");
                let tooltip = members
                    .iter()
                    .map(|a| match &a.role {
                        Some(role) => format!("{}: {role}", a.name),
                        None => a.name.clone(),
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
                let class = if members.len() > 1 {
                    "actor bundle"
                } else {
                    "actor"
                };
                Some(NodeLook {
                    sort: NodeSort::Actor,
                    text,
                    badge: None,
                    tooltip,
                    class,
                })
            }
            Element::Actor(_) => None,
        }
    }

    /// A claim's or argument's label: its text wrapped, and when actors are not drawn, who
    /// asserts it.
    fn label(&self, shown: &str, id: &str) -> (String, Option<String>) {
        let options = self.options;
        let text = wrap(shown, options.wrap, options.max_lines);
        let mut badge: Option<String> = None;
        if !options.actors && options.attribution {
            if let Some(names) = self.asserters.get(id) {
                badge = Some(wrap(
                    &format!("— {}", names.join(", ")),
                    options.wrap,
                    options.max_lines,
                ));
            }
        }
        if let Some(verdict) = self.verdict(id) {
            badge = Some(match badge {
                Some(b) => format!("{b}\n{}", verdict.marker()),
                None => verdict.marker(),
            });
        }
        (text, badge)
    }

    /// The evaluation's verdict on an element, when the diagram shows one.
    pub(crate) fn verdict(&self, id: &str) -> Option<Verdict> {
        self.options.status.as_ref()?.verdicts.get(id).copied()
    }

    /// The whole text, who asserts it and where it was read: shown when the pointer rests on
    /// the node in SVG.
    fn tooltip(&self, text: &str, source: Option<&str>, id: &str) -> String {
        let mut tooltip = text.to_owned();
        if let Some(names) = self.asserters.get(id) {
            tooltip.push_str("\n— ");
            tooltip.push_str(&names.join(", "));
        }
        if let Some(source) = source.and_then(|s| self.map.source(s)) {
            tooltip.push_str("\nSource: ");
            tooltip.push_str(&source.title);
            if let Some(date) = &source.date {
                tooltip.push_str(", ");
                tooltip.push_str(date);
            }
        }
        tooltip
    }

    /// Every edge drawn, in drawing order: relations, then stances (one per bundle), then
    /// one edge per pair of actors. `each` gets the kind, the ends, the tooltip and the CSS
    /// class.
    pub(crate) fn edges<E>(
        &self,
        mut each: impl FnMut(EdgeKind, &'a str, &'a str, &str, &str) -> Result<(), E>,
    ) -> Result<(), E> {
        let map = self.map;
        // Each tooltip is written into one reused string.
        let mut tooltip = String::new();
        for relation in map.relations() {
            let kind = EdgeKind::Relation(relation.kind);
            self.relation_tooltip(relation, &mut tooltip);
            each(kind, &relation.from, &relation.to, &tooltip, kind.class())?;
        }
        if !self.options.actors {
            return Ok(());
        }
        for stance in map.stances() {
            if !self.bundles.is_drawn(&stance.actor) {
                continue; // its bundle's first actor takes the same stance
            }
            let kind = EdgeKind::Stance(stance.kind);
            tooltip.clear();
            match self.bundles.members.get(stance.actor.as_str()) {
                Some(ids) => tooltip.push_str(&ids.join(", ")),
                None => tooltip.push_str(&stance.actor),
            }
            tooltip.push(' ');
            tooltip.push_str(kind.class());
            tooltip.push(' ');
            tooltip.push_str(&stance.target);
            if let Some(quote) = &stance.quote {
                tooltip.push_str("\n“");
                tooltip.push_str(quote);
                tooltip.push('”');
            }
            each(kind, &stance.actor, &stance.target, &tooltip, kind.class())?;
        }
        // One edge per pair of actors: a spokesperson is usually a member too.
        let mut pairs: IndexMap<(&str, &str), Vec<ActorLinkKind>> = IndexMap::default();
        for (member, link, of) in map.actor_links() {
            let (member, of) = (self.bundles.drawn_as(member), self.bundles.drawn_as(of));
            if member == of {
                continue; // inside one bundle
            }
            let links = pairs.entry((member, of)).or_default();
            if !links.contains(&link) {
                links.push(link);
            }
        }
        for ((member, of), links) in pairs {
            let speaks = links.contains(&ActorLinkKind::SpeaksFor);
            let kind = EdgeKind::Actor(if speaks {
                ActorLinkKind::SpeaksFor
            } else {
                ActorLinkKind::MemberOf
            });
            let tooltip = links
                .iter()
                .map(|&link| format!("{member} {} {of}", EdgeKind::Actor(link).legend_text()))
                .collect::<Vec<_>>()
                .join("\n");
            let class = links
                .iter()
                .map(|&link| EdgeKind::Actor(link).class())
                .collect::<Vec<_>>()
                .join(" ");
            each(kind, member, of, &tooltip, &class)?;
        }
        Ok(())
    }

    /// Whether an actor is drawn: actors are drawn when they are linked to something.
    fn is_drawn_actor(&self, id: &str) -> bool {
        self.options.actors && self.linked_actors.contains(id)
    }

    /// Writes a relation's tooltip into `tooltip`: its ends and kind, who made it, and the
    /// quote.
    fn relation_tooltip(&self, relation: &Relation, tooltip: &mut String) {
        tooltip.clear();
        tooltip.push_str(&relation.from);
        tooltip.push(' ');
        tooltip.push_str(relation.kind.as_str());
        tooltip.push(' ');
        tooltip.push_str(&relation.to);
        let mut names = relation.by.iter().filter_map(|a| self.map.actor(a));
        if let Some(first) = names.next() {
            tooltip.push_str("\n— ");
            tooltip.push_str(&first.name);
            for actor in names {
                tooltip.push_str(", ");
                tooltip.push_str(&actor.name);
            }
        }
        if let Some(quote) = &relation.quote {
            tooltip.push_str("\n“");
            tooltip.push_str(quote);
            tooltip.push('”');
        }
    }
}

// ---- writer ---------------------------------------------------------------------------------

/// The DOT writer: what to draw, and where the text goes.
struct Dot<'a, W> {
    d: Drawing<'a>,
    w: Out<W>,
}

/// Buffered output: statements go into `buf`, which is handed to `out` in large blocks.
struct Out<W> {
    /// The node kinds and edge styles drawn so far.
    legend: Legend,
    buf: String,
    out: W,
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

    fn attrs(&mut self, attrs: &[(&str, &str)]) {
        self.attrs_of(&[attrs]);
    }

    /// Attributes given in several slices (a kind's style, then this edge's own), written as
    /// one list.
    fn attrs_of(&mut self, parts: &[&[(&str, &str)]]) {
        if parts.iter().all(|p| p.is_empty()) {
            return;
        }
        self.buf.push_str(" [");
        for (i, (name, value)) in parts.iter().flat_map(|p| p.iter()).enumerate() {
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
        self.indent(depth);
        self.buf.push_str(what);
        self.attrs(attrs);
        self.buf.push(';');
        self.end_line()
    }

    fn node(&mut self, depth: usize, id: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        self.indent(depth);
        push_quoted(&mut self.buf, id);
        self.attrs(attrs);
        self.buf.push(';');
        self.end_line()
    }

    /// An edge of the map with its kind's style and its own attributes, noted for the
    /// legend.
    fn styled_link(
        &mut self,
        kind: EdgeKind,
        from: &str,
        to: &str,
        style: &[(&str, &str)],
        own: &[(&str, &str)],
    ) -> io::Result<()> {
        self.legend.note_edge(kind);
        self.indent(1);
        push_quoted(&mut self.buf, from);
        self.buf.push_str(" -> ");
        push_quoted(&mut self.buf, to);
        self.attrs_of(&[style, own]);
        self.buf.push(';');
        self.end_line()
    }

    fn edge(
        &mut self,
        depth: usize,
        from: &str,
        to: &str,
        attrs: &[(&str, &str)],
    ) -> io::Result<()> {
        self.indent(depth);
        push_quoted(&mut self.buf, from);
        self.buf.push_str(" -> ");
        push_quoted(&mut self.buf, to);
        self.attrs(attrs);
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
        let mut graph: Attrs = vec![
            ("newrank", "true"),
            ("rankdir", self.d.rankdir.as_str()),
            ("charset", "UTF-8"),
            ("fontname", FONT_BOLD),
            ("fontsize", TITLE_FONTSIZE),
            ("nodesep", "0.3"),
            ("ranksep", "0.45"),
            ("pad", "0.3"),
            ("outputorder", "edgesfirst"),
        ];
        if !title.is_empty() {
            graph.extend([("label", title.as_str()), ("labelloc", "t")]);
        }
        self.w.defaults(1, "graph", &graph)?;
        self.w.defaults(1, "node", &node_defaults(p))?;
        self.w.defaults(1, "edge", &edge_defaults(p))?;

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
            if !clusters.home.contains_key(element.id().as_str()) {
                self.element(1, element)?;
            }
        }
        // Clusters nest as groups do: a depth-first walk with an explicit stack, so a deep
        // chain of groups cannot overflow the call stack.
        let mut stack: Vec<(usize, bool)> =
            clusters.roots.iter().rev().map(|&g| (g, true)).collect();
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
                    ("fontname", FONT_BOLD),
                    ("fontsize", CLUSTER_FONTSIZE),
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
        let mut attrs = look.sort.style(self.d.palette);
        if let Some(verdict) = self.d.verdict(element.id()) {
            // Later attributes win in DOT: the verdict's look overrides the sort's.
            attrs.extend(verdict.style(look.sort, self.d.palette));
        }
        attrs.extend([
            ("label", &*label),
            ("tooltip", look.tooltip.as_str()),
            ("class", look.class),
        ]);
        self.w.legend.note_node(look.sort);
        self.w.node(depth, element.id(), &attrs)
    }

    // ---- edges ----------------------------------------------------------------------------

    fn edges(&mut self) -> io::Result<()> {
        // Each kind's style is made once.
        let mut styles: HashMap<EdgeKind, Attrs<'static>> = HashMap::default();
        let (d, w) = (&self.d, &mut self.w);
        d.edges(|kind, from, to, tooltip, class| {
            let style = styles.entry(kind).or_insert_with(|| kind.style(d.palette));
            w.styled_link(
                kind,
                from,
                to,
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
        let w = &mut self.w;
        w.open_subgraph(1, "cluster:legend")?;
        w.defaults(
            2,
            "graph",
            &[
                ("label", "Legend"),
                ("labelloc", labelloc),
                ("labeljust", "l"),
                ("fontname", FONT_BOLD),
                ("fontsize", LEGEND_FONTSIZE),
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
            let mut attrs = sort.style(p);
            attrs.extend([("label", kind), ("tooltip", kind), ("class", "legend")]);
            w.node(2, &id, &attrs)?;
            items.push(vec![id]);
        }
        if let Some(status) = &self.d.options.status {
            for (id, text, look) in status_legend(status, p) {
                let mut attrs = look;
                attrs.extend([("label", text.as_str()), ("class", "legend")]);
                w.node(2, &id, &attrs)?;
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
                    ("fontsize", LEGEND_ENTRY_FONTSIZE),
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
            let mut attrs = kind.style(p);
            attrs.retain(|(name, _)| *name != "label");
            attrs.extend([
                ("headclip", "false"),
                ("tooltip", kind.legend_text()),
                ("class", "legend"),
            ]);
            w.edge(2, &text, &end, &attrs)?;
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
                w.open_subgraph(2, &format!("legend:rank{i}"))?;
                w.defaults(3, "graph", &[("rank", "same")])?;
                for id in rank {
                    w.node(3, id, &[])?;
                }
                w.close(2)?;
            }
            for pair in column.windows(2) {
                w.edge(2, pair[1], pair[0], &invisible)?;
            }
            return w.close(1);
        }
        // Ranks run down: rows of a few samples, each row a rank of its own and its items
        // kept in order by invisible edges.
        let rows: Vec<Vec<String>> = items.chunks(LEGEND_ROW).map(|c| c.concat()).collect();
        for (i, row) in rows.iter().enumerate() {
            w.open_subgraph(2, &format!("legend:row{i}"))?;
            w.defaults(3, "graph", &[("rank", "same")])?;
            for id in row {
                w.node(3, id, &[])?;
            }
            w.close(2)?;
            for pair in row.windows(2) {
                if !pair[1].ends_with(":end") {
                    w.edge(2, &pair[0], &pair[1], &invisible)?;
                }
            }
        }
        // Rows read from the top down: in a BT graph that means edges from each row up to
        // the one before it.
        for pair in rows.windows(2) {
            let (above, below) = (&pair[0][0], &pair[1][0]);
            if rankdir == RankDir::BottomToTop {
                w.edge(2, below, above, &invisible)?;
            } else {
                w.edge(2, above, below, &invisible)?;
            }
        }
        w.close(1)
    }
}

/// The legend's samples of the verdicts a status shows, in a fixed order: each one's node
/// id, label and look over a claim's.
pub(crate) fn status_legend(status: &Status, p: &Palette) -> Vec<(String, String, Attrs<'static>)> {
    let mut shown: Vec<Verdict> = Vec::new();
    for v in status.verdicts.values() {
        let v = match v {
            Verdict::Strength(_) => Verdict::Strength(0),
            other => *other,
        };
        if !shown.contains(&v) {
            shown.push(v);
        }
    }
    shown.sort_by_key(|v| match v {
        Verdict::Stands => 0,
        Verdict::Falls => 1,
        Verdict::Undecided => 2,
        Verdict::Strength(_) => 3,
    });
    shown
        .into_iter()
        .map(|v| match v {
            Verdict::Strength(_) => (
                "legend:strength".to_owned(),
                format!("{}:\nthicker border,\nstronger claim", status.source),
                Verdict::Strength(900).style(NodeSort::Claim, p),
            ),
            v => (
                format!("legend:{}", v.marker()),
                format!("{}\n({})", v.marker(), status.source),
                v.style(NodeSort::Claim, p),
            ),
        })
        .collect()
}

/// Legend entries per row.
const LEGEND_ROW: usize = 3;

/// A wrap width for headings, which may run wider than node labels; 0 stays 0 (no wrap).
fn wider(wrap: usize, at_least: usize) -> usize {
    if wrap == 0 {
        0
    } else {
        wrap.max(at_least)
    }
}

fn non_blank(text: Option<&str>) -> Option<&str> {
    text.filter(|t| !t.trim().is_empty())
}

/// A box to draw around nodes: a group, an actor's assertions, or a tag's elements.
pub(crate) struct ClusterBox<'a> {
    /// Unique among the boxes; `cluster_` and this name the Graphviz subgraph.
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) members: Vec<&'a str>,
    /// The enclosing box, by index.
    pub(crate) parent: Option<usize>,
}

/// The map's groups as boxes, nested as they are.
fn group_boxes(map: &Map) -> Vec<ClusterBox<'_>> {
    let index: HashMap<&str, usize> = map
        .groups()
        .enumerate()
        .map(|(i, g)| (g.id.as_str(), i))
        .collect();
    map.groups()
        .map(|g: &Group| ClusterBox {
            id: g.id.to_string(),
            title: g.title.clone(),
            members: g.members.iter().map(|m| m.as_str()).collect(),
            parent: g.parent.as_deref().and_then(|p| index.get(p).copied()),
        })
        .collect()
}

/// One box per drawn actor (or bundle of actors), holding it and what it alone asserts.
fn actor_boxes<'a>(map: &'a Map, bundles: &Bundles<'a>) -> Vec<ClusterBox<'a>> {
    let mut asserters: IndexMap<&str, Vec<&str>> = IndexMap::default();
    // A set of pairs, not a search of the list: a claim may have thousands of asserters.
    let mut seen: HashSet<(&str, &str)> = HashSet::default();
    for stance in map.stances() {
        if stance.kind == StanceKind::Asserts {
            let drawn = bundles.drawn_as(stance.actor.as_str());
            if seen.insert((stance.target.as_str(), drawn)) {
                asserters
                    .entry(stance.target.as_str())
                    .or_default()
                    .push(drawn);
            }
        }
    }
    let mut boxes: Vec<ClusterBox> = Vec::new();
    let mut of_actor: HashMap<&str, usize> = HashMap::default();
    for (target, actors) in &asserters {
        let [actor] = actors[..] else { continue };
        let b = *of_actor.entry(actor).or_insert_with(|| {
            let names: Vec<&str> = match bundles.members.get(actor) {
                Some(ids) => ids
                    .iter()
                    .filter_map(|id| map.actor(id))
                    .map(|a| a.name.as_str())
                    .collect(),
                None => map
                    .actor(actor)
                    .map(|a| a.name.as_str())
                    .into_iter()
                    .collect(),
            };
            boxes.push(ClusterBox {
                id: format!("actor:{actor}"),
                title: names.join(", "),
                members: vec![actor],
                parent: None,
            });
            boxes.len() - 1
        });
        boxes[b].members.push(target);
    }
    boxes
}

/// One box per tag, holding the claims and arguments that have that tag and no other.
fn tag_boxes(map: &Map) -> Vec<ClusterBox<'_>> {
    let mut boxes: Vec<ClusterBox> = Vec::new();
    let mut of_tag: HashMap<&str, usize> = HashMap::default();
    for element in map.elements() {
        if matches!(element, Element::Actor(_)) {
            continue;
        }
        let [tag] = element.meta().tags() else {
            continue;
        };
        let b = *of_tag.entry(tag.as_str()).or_insert_with(|| {
            boxes.push(ClusterBox {
                id: format!("tag:{tag}"),
                title: format!("#{tag}"),
                members: Vec::new(),
                parent: None,
            });
            boxes.len() - 1
        });
        boxes[b].members.push(element.id().as_str());
    }
    boxes
}

/// Where each node is drawn when there are boxes.
#[derive(Default)]
pub(crate) struct Clusters<'a> {
    pub(crate) boxes: Vec<ClusterBox<'a>>,
    /// The box each node is drawn in: the deepest box that lists it, the first in map order
    /// among equals (Graphviz draws a node in one cluster only).
    pub(crate) home: IndexMap<&'a str, usize>,
    pub(crate) children: Vec<Vec<usize>>,
    pub(crate) roots: Vec<usize>,
    /// Whether the box or one of its descendants holds a node (empty boxes are not drawn).
    pub(crate) drawn: Vec<bool>,
}

impl<'a> Clusters<'a> {
    fn new(map: &'a Map, boxes: Vec<ClusterBox<'a>>) -> Clusters<'a> {
        let parent = |g: usize| boxes[g].parent;
        // Depth by walking up, each box once: a walk stops at a box whose depth is known and
        // hands depths back down its path (linear however deep the nesting). A walk that
        // comes back to its own path found a cycle (the model refuses them, but a picture is
        // no place to fail): the boxes on it and below it get no depth, and are roots.
        const UNSEEN: usize = usize::MAX;
        let mut depth: Vec<Option<usize>> = vec![None; boxes.len()];
        let mut walk = vec![UNSEEN; boxes.len()]; // the walk that reached a box first
        let mut path = Vec::new();
        for g in 0..boxes.len() {
            if walk[g] != UNSEEN {
                continue;
            }
            path.clear();
            let mut at = g;
            // The depth of the last box on the path.
            let mut d = loop {
                if walk[at] == g {
                    break None; // a cycle on this walk
                }
                if walk[at] != UNSEEN {
                    break depth[at].map(|x| x + 1); // an earlier walk's box, depth known
                }
                walk[at] = g;
                path.push(at);
                match parent(at) {
                    Some(p) => at = p,
                    None => break Some(0), // a root
                }
            };
            for &b in path.iter().rev() {
                depth[b] = d;
                d = d.map(|x| x + 1);
            }
        }
        let mut children = vec![Vec::new(); boxes.len()];
        let mut roots = Vec::new();
        for (g, depth) in depth.iter().enumerate() {
            match (parent(g), depth) {
                (Some(p), Some(_)) => children[p].push(g),
                _ => roots.push(g),
            }
        }
        let mut home: IndexMap<&str, usize> = IndexMap::default();
        for (g, b) in boxes.iter().enumerate() {
            for &member in &b.members {
                if map.element(member).is_none() {
                    continue;
                }
                let deeper = |other: usize| depth[g].unwrap_or(0) > depth[other].unwrap_or(0);
                match home.get(member) {
                    Some(&other) if !deeper(other) => {}
                    _ => {
                        home.insert(member, g);
                    }
                }
            }
        }
        let mut drawn = vec![false; boxes.len()];
        for &g in home.values() {
            drawn[g] = true;
        }
        // Deepest first, so a box learns from its children before telling its parent.
        let mut by_depth: Vec<usize> = (0..boxes.len()).collect();
        by_depth.sort_by_key(|&g| std::cmp::Reverse(depth[g].unwrap_or(0)));
        for g in by_depth {
            if let (true, Some(p), Some(_)) = (drawn[g], parent(g), depth[g]) {
                drawn[p] = true;
            }
        }
        Clusters {
            boxes,
            home,
            children,
            roots,
            drawn,
        }
    }

    /// The nodes drawn in a group, in the group's order, each once.
    pub(crate) fn members(&self, g: usize) -> impl Iterator<Item = &'a str> + '_ {
        let mut seen = HashSet::default();
        self.boxes[g]
            .members
            .iter()
            .copied()
            .filter(move |&m| self.home.get(m) == Some(&g) && seen.insert(m))
    }
}

/// Conclusions on top, unless the widest layer holds more than two and a half times as
/// many elements as there are layers: such a map drawn top-down is a long strip, drawn
/// right-to-left it fits a page.
fn auto_rankdir(map: &Map) -> RankDir {
    match crate::analysis::layers(map) {
        Some(layers) => {
            let widest = layers.count.iter().copied().max().unwrap_or(0);
            if widest * 2 > layers.count.len() * 5 {
                RankDir::RightToLeft
            } else {
                RankDir::BottomToTop
            }
        }
        None => RankDir::BottomToTop,
    }
}

// ---- actor bundles --------------------------------------------------------------------------

/// Actors drawn as one node because they take exactly the same stances.
#[derive(Default)]
struct Bundles<'a> {
    /// For each actor drawn in another's node: that node's actor.
    drawn_as: HashMap<&'a str, &'a str>,
    /// For each bundle's first actor: every actor of the bundle, in map order.
    members: HashMap<&'a str, Vec<&'a str>>,
}

impl<'a> Bundles<'a> {
    /// Whether the actor has a node of its own (alone, or first of its bundle).
    fn is_drawn(&self, id: &str) -> bool {
        !self.drawn_as.contains_key(id)
    }

    /// The actor whose node stands for this actor.
    fn drawn_as(&self, id: &'a str) -> &'a str {
        self.drawn_as.get(id).copied().unwrap_or(id)
    }
}

/// Groups the actors whose stances (kind, target and source) are the same and not empty.
/// An actor with a quoted stance stays alone: the quote is theirs.
/// The actors drawn together in one node, each bundle with its first actor first, in map
/// order. The HTML page uses this to name everyone a bundled node stands for.
pub(crate) fn actor_bundles(map: &Map) -> Vec<Vec<&str>> {
    let bundles = bundle_actors(map);
    map.actors()
        .filter_map(|a| bundles.members.get(a.id.as_str()).cloned())
        .collect()
}

/// How many stance arrows the diagram draws when actors are nodes: one per stance, except
/// that actors who take the same stances share their arrows. Graphviz slows down sharply
/// with these arrows, which run from a few actors to claims all over the map.
pub fn stance_arrows(map: &Map) -> usize {
    let bundles = bundle_actors(map);
    map.stances().filter(|s| bundles.is_drawn(&s.actor)).count()
}

fn bundle_actors(map: &Map) -> Bundles<'_> {
    type Signature<'m> = Vec<(StanceKind, &'m str, Option<&'m str>)>;
    let mut stances: IndexMap<&str, Signature> = IndexMap::default();
    let mut plain: HashSet<&str> = map.actors().map(|a| a.id.as_str()).collect();
    for stance in map.stances() {
        if stance.quote.is_some() {
            plain.remove(stance.actor.as_str());
        }
        stances.entry(stance.actor.as_str()).or_default().push((
            stance.kind,
            stance.target.as_str(),
            stance.source.as_deref(),
        ));
    }
    let mut by_stances: IndexMap<Signature, Vec<&str>> = IndexMap::default();
    for actor in map.actors() {
        let id = actor.id.as_str();
        if let Some(mut own) = stances.swap_remove(id).filter(|_| plain.contains(id)) {
            own.sort_unstable();
            by_stances.entry(own).or_default().push(id);
        }
    }
    let mut bundles = Bundles::default();
    for (_, ids) in by_stances {
        if let [first, rest @ ..] = ids.as_slice() {
            if rest.is_empty() {
                continue;
            }
            for other in rest {
                bundles.drawn_as.insert(other, first);
            }
            bundles.members.insert(first, ids);
        }
    }
    bundles
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActorKind, MapBuilder};
    use proptest::prelude::*;

    /// The first, simpler version of `wrap`, kept to check the faster one against.
    fn wrap_reference(text: &str, width: usize, max_lines: usize) -> String {
        let mut lines: Vec<String> = Vec::new();
        if width == 0 {
            lines.extend(text.split('\n').map(str::to_owned));
        } else {
            for paragraph in text.trim().split('\n') {
                let mut line = String::new();
                let mut len = 0;
                for word in paragraph.split_whitespace() {
                    let mut word = word;
                    let mut word_len = word.chars().count();
                    if len > 0 && len + 1 + word_len <= width {
                        line.push(' ');
                        line.push_str(word);
                        len += 1 + word_len;
                        continue;
                    }
                    if len > 0 {
                        lines.push(std::mem::take(&mut line));
                    }
                    while word_len > width {
                        let cut = word
                            .char_indices()
                            .nth(width)
                            .map_or(word.len(), |(i, _)| i);
                        lines.push(word[..cut].to_owned());
                        word = &word[cut..];
                        word_len -= width;
                    }
                    line.push_str(word);
                    len = word_len;
                }
                lines.push(line);
            }
        }
        if max_lines > 0 && lines.len() > max_lines {
            lines.truncate(max_lines);
            if let Some(last) = lines.last_mut() {
                if width > 0 && last.chars().count() >= width {
                    let keep = last
                        .char_indices()
                        .nth(width.saturating_sub(1))
                        .map_or(last.len(), |(i, _)| i);
                    last.truncate(keep);
                }
                let trimmed = last.trim_end().len();
                last.truncate(trimmed);
                last.push('…');
            }
        }
        lines.join("\n")
    }

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

        #[test]
        fn wrap_agrees_with_the_reference(
            text in "[a-z \\né]{0,120}",
            width in 0usize..30,
            max_lines in 0usize..6,
        ) {
            prop_assert_eq!(wrap(&text, width, max_lines), wrap_reference(&text, width, max_lines));
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

        #[test]
        fn wrap_keeps_every_word_and_the_width(text in "[a-zé ]{0,200}", width in 1usize..40) {
            let wrapped = wrap(&text, width, 0);
            for line in wrapped.split('\n') {
                prop_assert!(line.chars().count() <= width, "{:?}", line);
            }
            prop_assert_eq!(
                wrapped.split_whitespace().collect::<String>(),
                text.split_whitespace().collect::<String>()
            );
        }
    }

    #[test]
    fn wrap_breaks_at_spaces_and_breaks_long_words() {
        assert_eq!(wrap("the quick brown fox", 10, 0), "the quick\nbrown fox");
        assert_eq!(wrap("abcdefghijkl xy", 5, 0), "abcde\nfghij\nkl xy");
        assert_eq!(wrap("  spaced   out  ", 20, 0), "spaced out");
        assert_eq!(wrap("keep\nlines", 20, 0), "keep\nlines");
        assert_eq!(wrap("exactly ten", 11, 0), "exactly ten");
        assert_eq!(
            wrap("no wrap at all, even when long", 0, 0),
            "no wrap at all, even when long"
        );
        assert_eq!(wrap("ééééé ééééé", 5, 0), "ééééé\nééééé");
    }

    #[test]
    fn wrap_cuts_to_max_lines_with_an_ellipsis() {
        assert_eq!(wrap("one two three four", 5, 2), "one\ntwo…");
        assert_eq!(wrap("aaaaa bbbbb ccccc", 5, 2), "aaaaa\nbbbb…");
        assert_eq!(wrap("a\nb\nc", 0, 2), "a\nb…");
        assert_eq!(wrap("one two", 5, 2), "one\ntwo");
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

    fn sample() -> Map {
        MapBuilder::new("Uniforms")
            .source("notes", "Coach's notes")
            .actor("prop", "Proposition", ActorKind::Group)
            .actor("opp", "Opposition", ActorKind::Group)
            .actor("ann", "Ann", ActorKind::Person)
            .claim("motion", "Schools should require uniforms")
            .claim("equal", "Uniforms hide differences in family income")
            .claim("cost", "Uniforms cost poor families more")
            .claim("grants", "Grants pay for uniforms")
            .claim("p1", "Premise one")
            .claim("same", "Uniforms make pupils look alike")
            .claim("never", "Schools should never require uniforms")
            .supports("equal", "motion")
            .rebuts("cost", "equal")
            .argument("arg", &["p1", "grants"], "motion")
            .undercuts("cost", "arg")
            .relation("never", RelationKind::Contradicts, "motion")
            .relation("same", RelationKind::Rephrases, "equal")
            .asserts("prop", "motion")
            .asserts("opp", "cost")
            .stance("opp", StanceKind::Denies, "motion")
            .stance("ann", StanceKind::Questions, "grants")
            .member_of("ann", "prop")
            .with_group({
                let mut g = crate::model::Group::new(
                    crate::model::Id::new("case").unwrap(),
                    "Proposition case",
                );
                g.members = vec![
                    crate::model::Id::new("equal").unwrap(),
                    crate::model::Id::new("p1").unwrap(),
                ];
                g
            })
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
        let map = MapBuilder::new("t")
            .actor("gov", "Government", ActorKind::Government)
            .actor("a", "Ann", ActorKind::Person)
            .actor("b", "Bob", ActorKind::Person)
            .actor("c", "Cat", ActorKind::Person)
            .claim("x", "X")
            .claim("y", "Y")
            .supports("y", "x")
            .asserts("a", "x")
            .asserts("b", "x")
            .asserts("a", "y")
            .asserts("b", "y")
            .asserts("c", "x")
            .member_of("a", "gov")
            .member_of("b", "gov")
            .member_of("b", "a")
            .build()
            .unwrap();
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
        use crate::model::{Claim, Group, Id};
        let id = |s: &str| Id::new(s).unwrap();
        let mut map = Map::new("t");
        for c in ["a", "b", "c"] {
            map.add_claim(Claim::new(id(c), c)).unwrap();
        }
        let mut outer = Group::new(id("outer"), "Outer");
        outer.members = vec![id("a"), id("b")];
        map.add_group(outer).unwrap();
        let mut inner = Group::new(id("inner"), "Inner");
        inner.members = vec![id("b"), id("b")];
        inner.parent = Some(id("outer"));
        map.add_group(inner).unwrap();
        map.add_group(Group::new(id("empty"), "Empty")).unwrap();
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
