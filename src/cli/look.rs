//! The look of the diagram, shared by `convert` (DOT, Mermaid) and `render`: the flags, and
//! the [`DotOptions`] they ask for.

use argumap::analysis::semantics::{
    bipolar_from_map, extensions, from_map, strengths, Budget, Label, Semantics, Tolerance,
};
use argumap::export::dot::{ClusterBy, DotOptions, RankDir, Status, Theme, Verdict};
use argumap::model::Map;

use super::choice::{self, Actors, Evaluation};
use super::ui;

#[derive(clap::Args)]
#[command(next_help_heading = "Look of the diagram (DOT, SVG, PNG, PDF, HTML)")]
pub(super) struct DotArgs {
    /// How to show who said what: actors as nodes linked to what they say, as badges
    /// ("— Barr, Patel") on the claims, or not at all. `auto` draws nodes when that takes at
    /// most 30 stance arrows, and badges beyond: more arrows tangle the picture (and from
    /// about 500 Graphviz takes minutes).
    #[arg(long, value_name = "HOW", default_value = "auto")]
    actors: Actors,
    /// Draw every actor on its own, even those who take the same stances.
    #[arg(long)]
    no_bundle: bool,
    /// Leave out the legend.
    #[arg(long)]
    no_legend: bool,
    /// What the boxes around claims stand for: groups, actors (what each actor alone
    /// asserts), tags (elements with one tag), or none.
    #[arg(long, value_name = "BY", default_value = "groups", value_parser = choice::named::<ClusterBy>())]
    pub(super) cluster: ClusterBy,
    /// Colours: colour (green supports, red attacks), colourblind (Okabe–Ito), or print
    /// (black and white).
    #[arg(long, value_name = "THEME", default_value = "colour", value_parser = choice::named::<Theme>())]
    theme: Theme,
    /// Which way the diagram flows: TB, BT (conclusions on top), LR or RL (conclusions
    /// on the left). Chosen from the map's shape when not given.
    #[arg(long, value_name = "DIR", value_parser = choice::rankdir())]
    pub(super) rankdir: Option<RankDir>,
    /// Wrap claim text at this many characters.
    #[arg(long, value_name = "CHARS")]
    pub(super) wrap: Option<usize>,
    /// Mark each claim and argument with how it fares: grounded, complete, preferred or
    /// stable (stands, falls, undecided), or dfquad, qe or hcat (strength, as border width).
    /// Marks are a sign, a word and a border style, so they read in greyscale.
    #[arg(long, value_name = "EVALUATION", value_parser = choice::evaluation())]
    status: Option<Evaluation>,
}

/// Above this many stance arrows, `--actors auto` draws badges: the encryption map's 15
/// arrows read well, the school map's 37 cross the whole picture, and Graphviz lays out 500
/// in about 2.5 s and 1,000 in minutes.
const AUTO_ACTOR_NODES: usize = 30;

/// Above this many stance arrows, `--actors auto` also says why it drew badges.
const LOUD_ACTOR_NODES: usize = 500;

impl DotArgs {
    /// The look the flags ask for; `--actors auto` looks at the map, and says on standard
    /// error when it draws badges.
    pub(super) fn options(&self, map: &Map, name: &str) -> DotOptions {
        let actors = match self.actors {
            Actors::Auto => {
                let arrows = argumap::export::dot::stance_arrows(map);
                if arrows > AUTO_ACTOR_NODES {
                    if arrows > LOUD_ACTOR_NODES {
                        ui::note(format!(
                            "{name}: {arrows} stance arrows would take Graphviz minutes to lay out, so actors are named on the claims they assert (--actors nodes draws them anyway)"
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
                Err(message) => ui::note(format!("{name}: no status marks: {message}")),
            }
        }
        options
    }
}

/// The verdicts of an evaluation, to mark on a diagram; `Err` when there are none to mark (a
/// gradual semantics that does not converge, a search past its budget).
fn status_of(map: &Map, evaluation: Evaluation) -> Result<Status, String> {
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
