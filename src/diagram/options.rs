//! What a diagram shows and which way it runs: the options every way of drawing a map reads
//! (the DOT writer, the built-in engine and the HTML page around them), and the evaluation
//! marks a drawing may carry.

use std::fmt;
use std::str::FromStr;

use super::Theme;

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
/// use argumap::diagram::{DotOptions, RankDir};
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

setters!(DotOptions {
    actors(on: bool);
    attribution(on: bool);
    bundle_actors(on: bool);
    legend(on: bool);
    clusters(by: ClusterBy);
    status(status: Status) => Some;
    theme(theme: Theme);
    title(on: bool);
    wrap(width: usize);
    max_lines(lines: usize);
    rankdir(rankdir: RankDir) => Some;
});

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
    pub(crate) fn marker(self) -> String {
        match self {
            Verdict::Stands => "✔ stands".into(),
            Verdict::Falls => "✘ falls".into(),
            Verdict::Undecided => "? undecided".into(),
            Verdict::Strength(t) => format!("strength {:.2}", f64::from(t) / 1000.0),
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

crate::names::choice_names!(ClusterBy, "clustering" {
    Groups => "groups" | "group",
    Actors => "actors" | "actor",
    Tags => "tags" | "tag",
    None => "none",
});
