//! The look of a diagram as a person chooses it, by name: one table of options ([`OPTIONS`]:
//! name, values, default and help) that the command line's flags (`--theme`, `--actors`, ...)
//! and the browser editor's toolbar are both made from, and [`Look`], the choices made, which
//! turns into the [`DotOptions`] every renderer reads. A new look option is a row here, and
//! every surface offers it.

use std::str::FromStr;

use super::{ClusterBy, DotOptions, RankDir, Status, Theme, Verdict};
use crate::analysis::semantics::{
    bipolar_from_map, extensions, from_map, strengths, Budget, Gradual, Label, Semantics, Tolerance,
};
use crate::model::Map;
use crate::names::UnknownName;

/// How to show who said what.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Actors {
    /// Nodes when that takes few stance arrows, badges beyond.
    #[default]
    Auto,
    /// Actors as nodes linked to what they say.
    Nodes,
    /// Actors named on the claims they assert.
    Badges,
    /// Actors left out.
    None,
}

impl Actors {
    /// Every way, in the order the help lists them.
    pub const ALL: [Actors; 4] = [Actors::Auto, Actors::Nodes, Actors::Badges, Actors::None];

    /// The name on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Actors::Auto => "auto",
            Actors::Nodes => "nodes",
            Actors::Badges => "badges",
            Actors::None => "none",
        }
    }
}

impl FromStr for Actors {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Actors, UnknownName> {
        Actors::ALL
            .into_iter()
            .find(|a| a.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownName::new("way to show actors", s, &ACTOR_NAMES))
    }
}

const ACTOR_NAMES: [&str; 4] = ["auto", "nodes", "badges", "none"];

/// The semantics, in the order the help lists them.
pub const SEMANTICS: [Semantics; 4] = [
    Semantics::Grounded,
    Semantics::Complete,
    Semantics::Preferred,
    Semantics::Stable,
];

/// The gradual semantics, in the order the help lists them.
pub const GRADUAL: [Gradual; 3] = [
    Gradual::DfQuad,
    Gradual::QuadraticEnergy,
    Gradual::HCategorizer,
];

/// What a diagram's status marks show: a semantics' verdicts, or a gradual semantics'
/// strengths.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Evaluation {
    /// Stands, falls or undecided, by grounded, complete, preferred or stable semantics.
    Verdicts(Semantics),
    /// Each element's strength in [0, 1].
    Strength(Gradual),
}

impl Evaluation {
    /// The name on the command line (`grounded`, `dfquad`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Evaluation::Verdicts(s) => s.as_str(),
            Evaluation::Strength(g) => g.as_str(),
        }
    }

    /// Every evaluation's name: the semantics, then the gradual semantics.
    pub fn names() -> Vec<&'static str> {
        SEMANTICS
            .map(Semantics::as_str)
            .into_iter()
            .chain(GRADUAL.map(Gradual::as_str))
            .collect()
    }
}

impl FromStr for Evaluation {
    type Err = String;

    /// Any spelling the semantics' own parsers take.
    fn from_str(s: &str) -> Result<Evaluation, String> {
        s.parse()
            .map(Evaluation::Strength)
            .or_else(|_| s.parse().map(Evaluation::Verdicts))
            .map_err(|_| {
                format!(
                    "unknown evaluation `{s}`; use {}",
                    Evaluation::names().join(", ")
                )
            })
    }
}

/// One look option, as a command-line flag and a toolbar control show it.
#[derive(Clone, Copy, Debug)]
pub struct LookOption {
    /// The flag's name without `--` (`theme`, `no-legend`).
    pub name: &'static str,
    /// What the value stands for in the help (`THEME`); empty for a switch.
    pub value_name: &'static str,
    /// One paragraph of help.
    pub help: &'static str,
    /// The value taken when none is given; `None` when the map decides (or for a switch).
    pub default: Option<&'static str>,
    /// What the option takes.
    pub kind: LookKind,
}

/// What a [`LookOption`] takes.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub enum LookKind {
    /// One of a list of names.
    Choice(fn() -> Vec<&'static str>),
    /// A whole number.
    Number,
    /// A switch, off unless given.
    Switch,
}

impl LookOption {
    /// The names a choice takes (empty for a number or a switch).
    pub fn values(&self) -> Vec<&'static str> {
        match self.kind {
            LookKind::Choice(values) => values(),
            LookKind::Number | LookKind::Switch => Vec::new(),
        }
    }
}

/// `--actors`.
pub const ACTORS: LookOption = LookOption {
    name: "actors",
    value_name: "HOW",
    help: "How to show who said what: actors as nodes linked to what they say, as badges (\"— Barr, Patel\") on the claims, or not at all. `auto` draws nodes when that takes at most 30 stance arrows, and badges beyond: more arrows tangle the picture (and from about 500 Graphviz takes minutes).",
    default: Some("auto"),
    kind: LookKind::Choice(|| Actors::ALL.map(Actors::as_str).to_vec()),
};

/// `--no-bundle`.
pub const NO_BUNDLE: LookOption = LookOption {
    name: "no-bundle",
    value_name: "",
    help: "Draw every actor on its own, even those who take the same stances.",
    default: None,
    kind: LookKind::Switch,
};

/// `--no-legend`.
pub const NO_LEGEND: LookOption = LookOption {
    name: "no-legend",
    value_name: "",
    help: "Leave out the legend.",
    default: None,
    kind: LookKind::Switch,
};

/// `--cluster`.
pub const CLUSTER: LookOption = LookOption {
    name: "cluster",
    value_name: "BY",
    help: "What the boxes around claims stand for: groups, actors (what each actor alone asserts), tags (elements with one tag), or none.",
    default: Some("groups"),
    kind: LookKind::Choice(|| ClusterBy::ALL.map(ClusterBy::as_str).to_vec()),
};

/// `--theme`.
pub const THEME: LookOption = LookOption {
    name: "theme",
    value_name: "THEME",
    help: "Colours: colour (green supports, red attacks), colourblind (Okabe–Ito), or print (black and white).",
    default: Some("colour"),
    kind: LookKind::Choice(|| Theme::ALL.map(Theme::as_str).to_vec()),
};

/// `--rankdir`.
pub const RANKDIR: LookOption = LookOption {
    name: "rankdir",
    value_name: "DIR",
    help: "Which way the diagram flows: TB, BT (conclusions on top), LR or RL (conclusions on the left). Chosen from the map's shape when not given.",
    default: None,
    kind: LookKind::Choice(|| RankDir::ALL.map(RankDir::as_str).to_vec()),
};

/// `--wrap`.
pub const WRAP: LookOption = LookOption {
    name: "wrap",
    value_name: "CHARS",
    help: "Wrap claim text at this many characters.",
    default: None,
    kind: LookKind::Number,
};

/// `--status`.
pub const STATUS: LookOption = LookOption {
    name: "status",
    value_name: "EVALUATION",
    help: "Mark each claim and argument with how it fares: grounded, complete, preferred or stable (stands, falls, undecided), or dfquad, qe or hcat (strength, as border width). Marks are a sign, a word and a border style, so they read in greyscale.",
    default: None,
    kind: LookKind::Choice(Evaluation::names),
};

/// Every look option, in the order the help lists them.
pub const OPTIONS: [LookOption; 8] = [
    ACTORS, NO_BUNDLE, NO_LEGEND, CLUSTER, THEME, RANKDIR, WRAP, STATUS,
];

/// Above this many stance arrows, [`Actors::Auto`] draws badges: the encryption map's 15
/// arrows read well, the school map's 37 cross the whole picture, and Graphviz lays out 500
/// in about 2.5 s and 1,000 in minutes.
pub const AUTO_ACTOR_NODES: usize = 30;

/// Above this many stance arrows, [`Look::options`] also says why it drew badges.
const LOUD_ACTOR_NODES: usize = 500;

/// The look options chosen: every field is one row of [`OPTIONS`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Look {
    /// `--actors`.
    pub actors: Actors,
    /// `--no-bundle`.
    pub no_bundle: bool,
    /// `--no-legend`.
    pub no_legend: bool,
    /// `--cluster`.
    pub cluster: ClusterBy,
    /// `--theme`.
    pub theme: Theme,
    /// `--rankdir`; `None` lets the map's shape decide.
    pub rankdir: Option<RankDir>,
    /// `--wrap`; `None` keeps the default.
    pub wrap: Option<usize>,
    /// `--status`.
    pub status: Option<Evaluation>,
}

impl Look {
    /// Sets the option named `name` (a row of [`OPTIONS`]) from its text: a switch takes
    /// `true` or `false`.
    ///
    /// # Errors
    ///
    /// A message naming the option and what it takes, for an unknown name or value.
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), String> {
        let switch = || match value {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(format!(
                "`{name}` is a switch: give true or false, not `{value}`"
            )),
        };
        let named = |e: &dyn std::fmt::Display| format!("{name}: {e}");
        match name {
            "actors" => self.actors = value.parse().map_err(|e| named(&e))?,
            "no-bundle" => self.no_bundle = switch()?,
            "no-legend" => self.no_legend = switch()?,
            "cluster" => self.cluster = value.parse().map_err(|e| named(&e))?,
            "theme" => self.theme = value.parse().map_err(|e| named(&e))?,
            "rankdir" => self.rankdir = Some(value.parse().map_err(|e| named(&e))?),
            "wrap" => {
                self.wrap = Some(
                    value
                        .parse()
                        .map_err(|_| format!("wrap: `{value}` is not a number of characters"))?,
                )
            }
            "status" => self.status = Some(value.parse().map_err(|e| named(&e))?),
            _ => {
                let names: Vec<&str> = OPTIONS.iter().map(|o| o.name).collect();
                return Err(format!(
                    "unknown look option `{name}`; the options are {}",
                    names.join(", ")
                ));
            }
        }
        Ok(())
    }

    /// The diagram options this look asks for on `map`, with notes to show the person:
    /// `auto` actors looks at the map's stance arrows, and `status` evaluates the map.
    ///
    /// Time: linear in the map, plus the evaluation `status` asks for.
    pub fn options(&self, map: &Map) -> (DotOptions, Vec<String>) {
        let mut notes = Vec::new();
        let actors = match self.actors {
            Actors::Auto => {
                let arrows = super::stance_arrows(map);
                if arrows > AUTO_ACTOR_NODES {
                    if arrows > LOUD_ACTOR_NODES {
                        notes.push(format!(
                            "{arrows} stance arrows would take Graphviz minutes to lay out, so actors are named on the claims they assert (--actors nodes draws them anyway)"
                        ));
                    }
                    Actors::Badges
                } else {
                    Actors::Nodes
                }
            }
            other => other,
        };
        let mut options = DotOptions::default()
            .actors(actors == Actors::Nodes)
            .attribution(actors == Actors::Badges)
            .bundle_actors(!self.no_bundle)
            .legend(!self.no_legend)
            .clusters(self.cluster)
            .theme(self.theme);
        if let Some(w) = self.wrap {
            options = options.wrap(w);
        }
        if let Some(dir) = self.rankdir {
            options = options.rankdir(dir);
        }
        if let Some(status) = self.status {
            match status_of(map, status) {
                Ok(status) => options = options.status(status),
                Err(message) => notes.push(format!("no status marks: {message}")),
            }
        }
        (options, notes)
    }
}

/// The verdicts of an evaluation, to mark on a diagram; `Err` when there are none to mark (a
/// gradual semantics that does not converge, a search past its budget).
///
/// Time: the evaluation's.
pub fn status_of(map: &Map, evaluation: Evaluation) -> Result<Status, String> {
    let mut verdicts = std::collections::BTreeMap::new();
    let source = match evaluation {
        Evaluation::Strength(model) => {
            let (graph, ids) = bipolar_from_map(map, model.default_base());
            let result = strengths(&graph, model, &Tolerance::default());
            if !result.converged {
                return Err(format!("{} did not converge", model.as_str()));
            }
            for (id, v) in ids.iter().zip(result.values) {
                verdicts.insert(
                    id.to_string(),
                    Verdict::Strength((v * 1000.0).round() as u16),
                );
            }
            model.as_str()
        }
        Evaluation::Verdicts(semantics) => {
            let t = from_map(map);
            let found =
                extensions(&t.af, semantics, &Budget::default()).map_err(|e| e.to_string())?;
            for (i, id) in t.ids.iter().enumerate() {
                let a = i as u32;
                let verdict = if semantics == Semantics::Grounded {
                    match found.labellings[0][i] {
                        Label::In => Verdict::Stands,
                        Label::Out => Verdict::Falls,
                        Label::Undec => Verdict::Undecided,
                    }
                } else if !found.labellings.is_empty() && found.sceptical(a) {
                    Verdict::Stands
                } else if !found.credulous(a) {
                    Verdict::Falls
                } else {
                    Verdict::Undecided
                };
                verdicts.insert(id.to_string(), verdict);
            }
            semantics.as_str()
        }
    };
    Ok(Status {
        verdicts,
        source: source.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_option_of_the_table_can_be_set_by_name() {
        for option in OPTIONS {
            let value = match option.kind {
                LookKind::Choice(_) => option.values()[1],
                LookKind::Number => "20",
                LookKind::Switch => "true",
            };
            let mut look = Look::default();
            look.set(option.name, value)
                .unwrap_or_else(|e| panic!("{}: {e}", option.name));
            assert_ne!(look, Look::default(), "{} changed nothing", option.name);
            if let Some(default) = option.default {
                assert!(option.values().contains(&default), "{}", option.name);
            }
        }
        let mut look = Look::default();
        assert!(look.set("colour", "print").unwrap_err().contains("theme"));
        assert!(look
            .set("theme", "neon")
            .unwrap_err()
            .contains("colourblind"));
    }
}
