//! The quality table of `BENCHMARKS.md`: the built-in layout beside Graphviz on the maps in
//! `maps/` and on generated maps, as a user draws them (the CLI's default look).
//!
//! Run in release, with Graphviz installed:
//!
//! ```text
//! cargo test --release --lib render::layout::quality -- --ignored --nocapture
//! ```
//!
//! Graphviz gets the same graph: the same box sizes (measured from the wrapped text with
//! the bundled font), edge label sizes, clusters and direction, through `dot -Tplain`.

use super::tests::{crossings_of, graphviz, inside, kept, overlap, sample};
use super::{layout, Graph, Layout, LayoutOptions, Point, Rect};
use crate::diagram::{stance_arrows, DotOptions};
use crate::model::{Claim, Id, Map, Relation, RelationKind};
use crate::render::scene::Scene;

/// As the CLI's `--actors auto` decides: actors drawn as nodes up to this many arrows.
const AUTO_ACTOR_NODES: usize = 30;

/// The look `argumap render MAP` uses.
fn look(map: &Map) -> DotOptions {
    let nodes = stance_arrows(map) <= AUTO_ACTOR_NODES;
    DotOptions::default().actors(nodes).attribution(!nodes)
}

/// Pairs of node boxes that overlap.
fn overlaps(l: &Layout) -> usize {
    let n = l.nodes.len();
    (0..n)
        .map(|a| {
            (a + 1..n)
                .filter(|&b| overlap(&l.nodes[a], &l.nodes[b], 0.01))
                .count()
        })
        .sum()
}

/// Edges that pass through the box of a node they do not end at (sampled along each cubic
/// piece; a box touched at its border does not count).
fn edges_through_boxes(graph: &Graph, l: &Layout) -> usize {
    graph
        .edges
        .iter()
        .zip(&l.edges)
        .filter(|(e, path)| {
            (0..path.len().saturating_sub(1) / 3).any(|seg| {
                let piece = &path[3 * seg..3 * seg + 4];
                (0..=16).any(|i| {
                    let q = sample(piece, f64::from(i) / 16.0);
                    l.nodes
                        .iter()
                        .enumerate()
                        .any(|(v, r)| v != e.from && v != e.to && inside(q, &shrunk(r), 0.0))
                })
            })
        })
        .count()
}

/// A box one point smaller on every side: an edge that grazes a border is not through it.
fn shrunk(r: &Rect) -> Rect {
    Rect {
        x: r.x + 1.0,
        y: r.y + 1.0,
        width: (r.width - 2.0).max(0.0),
        height: (r.height - 2.0).max(0.0),
    }
}

/// Nodes whose text, measured with the bundled font's metrics, does not fit inside the
/// node's shape as placed: a corner of the text block lies outside the outline.
fn text_overflows(scene: &Scene, l: &Layout) -> usize {
    scene
        .nodes
        .iter()
        .zip(&l.nodes)
        .filter(|(node, r)| {
            let style = &node.style;
            let text = style
                .text
                .block(node.lines.iter().chain(&node.badge).map(String::as_str));
            let (w, h) = (text.width / 2.0, text.height / 2.0);
            let (cx, cy) = (r.x + r.width / 2.0, r.y + r.height / 2.0);
            [(-w, -h), (w, -h), (-w, h), (w, h)].iter().any(|(dx, dy)| {
                !style.shape.contains(
                    r,
                    Point {
                        x: cx + dx,
                        y: cy + dy,
                    },
                )
            })
        })
        .count()
}

/// The map with one more claim, rebutting `target`.
fn with_rebuttal(map: &Map, target: &Id) -> Map {
    let mut grown = map.clone();
    let id = Id::new("zz-new-rebuttal").expect("a valid id");
    grown
        .add_claim(Claim::new(
            id.clone(),
            "A new objection a coach adds while drafting.",
        ))
        .expect("a new id");
    grown
        .add_relation(Relation::new(id, RelationKind::Rebuts, target.clone()))
        .expect("both ends exist");
    grown
}

/// `after` with its nodes put in the order of `before`'s scene, matched by id, so that
/// [`kept`] compares the same nodes.
fn aligned(before: &Scene, after: &Scene, l: &Layout) -> Option<Layout> {
    let index: std::collections::HashMap<&str, usize> = after
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let mut out = l.clone();
    out.nodes.clear();
    out.ranks.clear();
    out.order.clear();
    for n in &before.nodes {
        let i = *index.get(n.id.as_str())?;
        out.nodes.push(l.nodes[i]);
        out.ranks.push(l.ranks[i]);
        out.order.push(l.order[i]);
    }
    Some(out)
}

#[derive(Default)]
struct Stability {
    edits: usize,
    /// Edits after which at least 90% keep their rank and 90% of pairs their order.
    good: usize,
    rank_sum: f64,
    order_sum: f64,
    worst_rank: f64,
    worst_order: f64,
}

impl Stability {
    fn add(&mut self, (rank, order): (f64, f64)) {
        if self.edits == 0 {
            self.worst_rank = 1.0;
            self.worst_order = 1.0;
        }
        self.edits += 1;
        self.good += usize::from(rank >= 0.9 && order >= 0.9);
        self.rank_sum += rank;
        self.order_sum += order;
        self.worst_rank = self.worst_rank.min(rank);
        self.worst_order = self.worst_order.min(order);
    }

    fn cell(&self) -> String {
        if self.edits == 0 {
            return "—".into();
        }
        let n = self.edits as f64;
        format!(
            "{}/{} edits; rank {:.0}% (worst {:.0}%), order {:.0}% (worst {:.0}%)",
            self.good,
            self.edits,
            100.0 * self.rank_sum / n,
            100.0 * self.worst_rank,
            100.0 * self.order_sum / n,
            100.0 * self.worst_order
        )
    }
}

fn row(name: &str, map: &Map, edits: usize) {
    let opts = LayoutOptions::default();
    let options = look(map);
    let scene = Scene::new(map, &options);
    let graph = scene.graph();
    let ours = layout(&graph, &opts);
    let theirs = graphviz(&graph).map(|(l, _)| l);

    // Every `step`-th claim gets the new rebuttal.
    let claims: Vec<&Id> = map.claims().map(|c| &c.id).collect();
    let step = (claims.len() / edits.max(1)).max(1);
    let (mut our_stability, mut their_stability) = (Stability::default(), Stability::default());
    for target in claims.iter().step_by(step).take(edits) {
        let grown = with_rebuttal(map, target);
        let after = Scene::new(&grown, &options);
        let after_graph = after.graph();
        let l = layout(&after_graph, &opts);
        if let Some(a) = aligned(&scene, &after, &l) {
            let k = kept(&ours, &a, scene.nodes.len());
            if std::env::var_os("QUALITY_DETAIL").is_some() {
                println!("  rebutting {target}: rank {:.2}, order {:.2}", k.0, k.1);
                for x in 0..scene.nodes.len() {
                    for y in x + 1..scene.nodes.len() {
                        if ours.ranks[x] == ours.ranks[y]
                            && (ours.order[x] < ours.order[y]) != (a.order[x] < a.order[y])
                        {
                            println!("    swapped {} {}", scene.nodes[x].id, scene.nodes[y].id);
                        }
                    }
                }
            }
            our_stability.add(k);
        }
        if let (Some(before), Some((l, _))) = (&theirs, graphviz(&after_graph)) {
            if let Some(a) = aligned(&scene, &after, &l) {
                their_stability.add(kept(before, &a, scene.nodes.len()));
            }
        }
    }

    let ours_x = crossings_of(&graph, &ours);
    println!(
        "| {name} | {} nodes, {} edges, {} boxes | built-in | {} | {} | {} | {} | {} |",
        graph.nodes.len(),
        graph.edges.len(),
        graph.clusters.len(),
        overlaps(&ours),
        edges_through_boxes(&graph, &ours),
        text_overflows(&scene, &ours),
        ours_x,
        our_stability.cell()
    );
    match &theirs {
        Some(l) => {
            let x = crossings_of(&graph, l);
            println!(
                "| | | Graphviz | {} | {} | {} | {} (ours {:.2}×) | {} |",
                overlaps(l),
                edges_through_boxes(&graph, l),
                text_overflows(&scene, l),
                x,
                ours_x as f64 / x.max(1) as f64,
                their_stability.cell()
            );
        }
        None => println!("| | | Graphviz | not installed | | | | |"),
    }
}

/// Prints the quality table (markdown) for `BENCHMARKS.md`.
#[test]
#[ignore]
fn quality_table() {
    println!(
        "| map | drawn | engine | overlapping node pairs | edges through a foreign box | nodes whose text overflows | crossings | stability (one rebuttal added) |"
    );
    println!("|---|---|---|---:|---:|---:|---:|---|");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = std::fs::read_dir(root.join("maps"))
        .expect("maps/")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    for path in files {
        let text = std::fs::read_to_string(&path).expect("a map file");
        let map = crate::format::json::from_str(&text)
            .expect("a valid map")
            .map;
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        // Every claim in turn gets the new rebuttal.
        row(&format!("`maps/{name}`"), &map, usize::MAX);
    }
    for claims in [50, 200, 1000] {
        let map = crate::gen::generate(&crate::gen::GenOptions::new(claims));
        row(&format!("generated, {claims} claims"), &map, 20);
    }
}
