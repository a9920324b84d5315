//! The drawing decisions: which nodes and edges a map's diagram has, with what text,
//! tooltips and classes, in which boxes, which way it runs and in which colours. Every way
//! of drawing a map (the DOT writer, the built-in engine) draws from one [`Drawing`], so that
//! they draw the same diagram.

use crate::model::{Actor, ActorLinkKind, Element, Map, Relation, StanceKind};

use super::bundle::{bundle_actors, Bundles};
use super::cluster::Clusters;
use super::style::{EdgeKind, NodeSort};
use super::theme::Palette;
use super::wrap::{wider, wrap};
use super::{non_blank, ClusterBy, DotOptions, HashMap, HashSet, IndexMap, RankDir, Verdict};

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
    /// The decisions for drawing `map` with `options`. Linear in the map: one pass over the
    /// stances and actor links, the actor bundles, and the direction when it is chosen.
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
        match self.options.clusters {
            ClusterBy::Groups => Clusters::groups(map),
            ClusterBy::Actors => Clusters::actors(map, &self.bundles),
            ClusterBy::Tags => Clusters::tags(map),
            ClusterBy::None => Clusters::none(map),
        }
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
    /// class. Linear in the relations, stances and actor links (and their tooltips).
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
            push_quote(&mut tooltip, stance.quote.as_deref());
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

    /// The id of the node that draws an element: its own for a claim or an argument, the
    /// bundle's first actor for an actor drawn in a bundle; `None` for an actor not drawn.
    pub(crate) fn node_of<'m>(&self, element: &'m Element) -> Option<&'m str>
    where
        'a: 'm,
    {
        match element {
            Element::Actor(actor) => self
                .is_drawn_actor(&actor.id)
                .then(|| self.bundles.drawn_as(actor.id.as_str())),
            other => Some(other.id().as_str()),
        }
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
        push_quote(tooltip, relation.quote.as_deref());
    }
}

/// Conclusions on top, unless the widest layer holds more than two and a half times as
/// many elements as there are layers: such a map drawn top-down is a long strip, drawn
/// right-to-left it fits a page.
///
/// Linear: one layering of the map by longest path.
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

/// A tooltip's quote, on a line of its own in curly quotes.
fn push_quote(tooltip: &mut String, quote: Option<&str>) {
    if let Some(quote) = quote {
        tooltip.push_str("\n“");
        tooltip.push_str(quote);
        tooltip.push('”');
    }
}
