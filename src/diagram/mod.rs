//! The diagram of a map, apart from any way of drawing it: what is drawn (nodes, edges,
//! boxes, legend), with what text, and how it looks.
//!
//! Every picture of a map reads this layer: the DOT writer ([`crate::export::dot`]) turns
//! it into Graphviz's syntax, the built-in engine lays it out and draws it as SVG, and the
//! HTML page and the Mermaid writer take their choices from it. So the engines draw the same
//! diagram, and a look the built-in engine cannot draw fails to compile.
//!
//! - [`DotOptions`] says what to draw; [`RankDir`], [`ClusterBy`], [`Theme`] and [`Status`]
//!   are its choices.
//! - The drawing decisions (which actors are drawn and bundled, each node's text and
//!   tooltip, each edge, the direction) are made once per drawing; boxes around nodes are
//!   nested by one implementation, which the GraphML, Cytoscape.js and Mermaid writers use
//!   for groups too.
//! - Looks are typed values (shape, outline, line, arrowheads, colours, pen widths, fonts,
//!   margins) over defaults, in the order a writer writes them.

mod bundle;
mod cluster;
mod drawing;
mod legend;
pub mod look;
mod options;
mod style;
mod theme;
mod wrap;

use std::collections::{HashMap as StdHashMap, HashSet as StdHashSet};

use indexmap::IndexMap as StdIndexMap;

pub use bundle::stance_arrows;
pub use options::{ClusterBy, DotOptions, ParseRankDirError, RankDir, Status, Verdict};
pub use theme::Theme;

pub(crate) use bundle::actor_bundles;
pub(crate) use cluster::Clusters;
pub(crate) use drawing::Drawing;
pub(crate) use legend::{status_legend, Legend};
pub(crate) use style::{
    edge_defaults, node_defaults, Arrow, EdgeAttr, EdgeKind, Line, NodeAttr, NodeSort, Outline,
    Shape,
};
pub(crate) use theme::{
    Font, Palette, CLUSTER_FONTSIZE, LEGEND_ENTRY_FONTSIZE, LEGEND_FONTSIZE, TITLE_FONTSIZE,
};

// Hash tables keyed by ids use foldhash: several times faster than SipHash on short keys,
// and seeded per run, so crafted ids cannot make a table slow. They are only looked up here,
// never iterated for output: output follows map order.
type HashMap<K, V> = StdHashMap<K, V, foldhash::fast::RandomState>;
type HashSet<K> = StdHashSet<K, foldhash::fast::RandomState>;
type IndexMap<K, V> = StdIndexMap<K, V, foldhash::fast::RandomState>;

/// The text to show, when it is not only white space.
pub(crate) fn non_blank(text: Option<&str>) -> Option<&str> {
    text.filter(|t| !t.trim().is_empty())
}

/// Which node of the diagram draws each claim, argument and actor, by id: its own, or for an
/// actor drawn in a bundle the bundle's first actor's (the `<title>` of its `<g class="node">`
/// in SVG, its name in DOT). Elements that are not drawn are left out. For editors that map
/// a picture's nodes back to the text.
///
/// Time: linear in the map.
pub fn drawn_as(map: &crate::model::Map, options: &DotOptions) -> StdHashMap<String, String> {
    let drawing = Drawing::new(map, options);
    map.elements()
        .filter_map(|e| {
            drawing
                .node_of(e)
                .map(|node| (e.id().to_string(), node.to_owned()))
        })
        .collect()
}
