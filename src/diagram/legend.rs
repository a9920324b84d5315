//! The legend: which kinds of node and edge a diagram draws, and the samples of the marks a
//! status puts on nodes.

use super::style::{EdgeKind, NodeAttr, NodeSort};
use super::theme::Palette;
use super::{HashSet, Status, Verdict};

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

/// The legend's samples of the verdicts a status shows, in a fixed order: each one's node
/// id, label and look over a claim's. One pass over the verdicts (at most four kinds are
/// kept): linear.
pub(crate) fn status_legend(
    status: &Status,
    p: &'static Palette,
) -> Vec<(String, String, Vec<NodeAttr>)> {
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
