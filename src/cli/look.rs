//! The look of the diagram, shared by `convert` (DOT, Mermaid) and `render`: the flags, made
//! from the library's table of look options, and the [`DotOptions`] they ask for.

use argumap::diagram::look::{self, Actors, Evaluation, Look};
use argumap::export::dot::{ClusterBy, DotOptions, RankDir, Theme};
use argumap::model::Map;

use super::choice;
use super::ui;

// Each flag's help, value name and default come from its row of `look::OPTIONS`, which the
// browser editor's toolbar is made from too.
#[derive(clap::Args)]
#[command(next_help_heading = "Look of the diagram (DOT, SVG, PNG, PDF, HTML)")]
pub(super) struct DotArgs {
    #[arg(long, value_name = look::ACTORS.value_name, help = look::ACTORS.help,
          default_value = look::ACTORS.default, value_parser = choice::actors())]
    actors: Actors,
    #[arg(long, help = look::NO_BUNDLE.help)]
    no_bundle: bool,
    #[arg(long, help = look::NO_LEGEND.help)]
    no_legend: bool,
    #[arg(long, value_name = look::CLUSTER.value_name, help = look::CLUSTER.help,
          default_value = look::CLUSTER.default, value_parser = choice::named::<ClusterBy>())]
    pub(super) cluster: ClusterBy,
    #[arg(long, value_name = look::THEME.value_name, help = look::THEME.help,
          default_value = look::THEME.default, value_parser = choice::named::<Theme>())]
    theme: Theme,
    #[arg(long, value_name = look::RANKDIR.value_name, help = look::RANKDIR.help,
          value_parser = choice::rankdir())]
    pub(super) rankdir: Option<RankDir>,
    #[arg(long, value_name = look::WRAP.value_name, help = look::WRAP.help)]
    pub(super) wrap: Option<usize>,
    #[arg(long, value_name = look::STATUS.value_name, help = look::STATUS.help,
          value_parser = choice::evaluation())]
    status: Option<Evaluation>,
}

impl DotArgs {
    /// The look the flags ask for.
    pub(super) fn look(&self) -> Look {
        let mut look = Look::default();
        look.actors = self.actors;
        look.no_bundle = self.no_bundle;
        look.no_legend = self.no_legend;
        look.cluster = self.cluster;
        look.theme = self.theme;
        look.rankdir = self.rankdir;
        look.wrap = self.wrap;
        look.status = self.status;
        look
    }

    /// The diagram options the flags ask for; `--actors auto` looks at the map, and says on
    /// standard error when it draws badges (as `--status` does when it has no marks).
    pub(super) fn options(&self, map: &Map, name: &str) -> DotOptions {
        let (options, notes) = self.look().options(map);
        for note in notes {
            ui::note(format!("{name}: {note}"));
        }
        options
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory as _;

    #[derive(clap::Parser)]
    #[allow(dead_code)] // only its flags are looked at
    struct Probe {
        #[command(flatten)]
        dot: DotArgs,
    }

    /// Every row of the library's table is a flag, with its values and default: the
    /// command line and the editor's toolbar offer the same options.
    #[test]
    fn the_flags_are_the_table() {
        let command = Probe::command();
        for option in look::OPTIONS {
            let arg = command
                .get_arguments()
                .find(|a| a.get_long() == Some(option.name))
                .unwrap_or_else(|| panic!("no flag --{}", option.name));
            let values: Vec<String> = arg
                .get_possible_values()
                .iter()
                .map(|v| v.get_name().to_owned())
                .collect();
            // A flag (`--no-legend`) takes no value; clap lists `true` and `false` for it.
            if arg.get_action().takes_values() {
                assert_eq!(values, option.values(), "--{}", option.name);
            }
            let default: Vec<String> = arg
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            assert_eq!(
                default,
                option.default.into_iter().collect::<Vec<_>>(),
                "--{}",
                option.name
            );
        }
        let flags = command
            .get_arguments()
            .filter(|a| a.get_long().is_some_and(|l| l != "help"))
            .count();
        assert_eq!(flags, look::OPTIONS.len());
    }
}
