//! The part of a big map to show (`--focus`, `--actor`, `--tag`, `--group`, `--max-nodes`),
//! shared by `convert` and `render`.

use argumap::model::Map;
use argumap::view::View;

use super::io::Failure;
use super::load::exit_without_freeing;
use super::ui;

#[derive(clap::Args)]
#[command(next_help_heading = "Part of the map (for big maps)")]
pub(super) struct ViewArgs {
    /// Show only the neighbourhood of this claim or argument.
    #[arg(long, value_name = "ID")]
    focus: Option<String>,
    /// With --focus: how many relations away to go.
    #[arg(long, value_name = "K", requires = "focus")]
    depth: Option<usize>,
    /// Show only what this actor (or its members and spokespeople) takes a stance on.
    #[arg(long, value_name = "ID")]
    actor: Option<String>,
    /// Show only the claims and arguments with this tag.
    #[arg(long, value_name = "TAG")]
    tag: Option<String>,
    /// Show only the members of this group and of the groups inside it.
    #[arg(long, value_name = "ID")]
    group: Option<String>,
    /// Show at most this many claims and arguments: those nearest the theses.
    #[arg(long, value_name = "N")]
    max_nodes: Option<usize>,
}

impl ViewArgs {
    fn view(&self) -> View {
        View {
            focus: self.focus.clone(),
            depth: self.depth,
            actor: self.actor.clone(),
            tag: self.tag.clone(),
            group: self.group.clone(),
            max_nodes: self.max_nodes,
        }
    }
}

/// Narrows a map to a view, saying on standard error what was left out.
pub(super) fn apply_view(map: Map, args: &ViewArgs, name: &str) -> Result<Map, Failure> {
    let view = args.view();
    if view.is_whole() {
        return Ok(map);
    }
    let part = view
        .apply(&map)
        .map_err(|e| Failure::Usage(format!("{name}: {e}")))?;
    if part.left_out() > 0 {
        ui::note(format!(
            "{name}: showing {} of {} claims and arguments ({}); {} left out",
            part.shown,
            part.total,
            view.describe(),
            part.left_out()
        ));
    }
    exit_without_freeing(map);
    Ok(part.map)
}
