//! Exporters: functions from a [`Map`] to another format.
//!
//! Each module writes one format and escapes every text it writes through one function:
//!
//! - [`dot`]: Graphviz DOT, for drawing with `dot`;
//! - [`graphml`]: GraphML, for yEd, Gephi and networkx;
//! - [`mermaid`]: a Mermaid flowchart, for Markdown on GitHub and in docs;
//! - [`cytoscape`]: Cytoscape.js JSON, for interactive graphs in a browser.
//!
//! The last three share one shape, so that a caller picks one by format alone:
//! `write(&Map, impl Write) -> io::Result<()>` streams the output and `to_string(&Map)`
//! returns it.

pub mod cytoscape;
pub mod dot;
pub mod graphml;
#[cfg(feature = "graphviz-rust")]
pub mod graphviz_rust;
pub mod mermaid;

use std::collections::HashMap as StdHashMap;
use std::io::{self, BufWriter, Write};

use crate::model::{Map, StanceKind};

/// What a writer writes into memory, as a string. Every writer here writes UTF-8 and fails
/// only when its output fails, which a `Vec` never does.
pub(crate) fn written(write: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> String {
    let mut out = Vec::new();
    let _ = write(&mut out);
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Streams a document to `out` through a 64 KiB buffer, then flushes it: the body of each
/// exporter's `write`.
pub(crate) fn buffered<W: Write>(
    out: W,
    document: impl FnOnce(&mut BufWriter<W>) -> io::Result<()>,
) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 16, out);
    document(&mut out)?;
    out.flush()
}

/// Who asserts each element: the ids of the actors, in the order of the stances, by the id
/// of what they assert. One pass over the stances.
pub(crate) fn asserters(map: &Map) -> HashMap<&str, Vec<&str>> {
    let mut asserters: HashMap<&str, Vec<&str>> = HashMap::default();
    for stance in map.stances() {
        if stance.kind == StanceKind::Asserts {
            asserters
                .entry(stance.target.as_str())
                .or_default()
                .push(stance.actor.as_str());
        }
    }
    asserters
}

/// Hash tables keyed by ids, as in [`crate::diagram`]: foldhash, seeded per run. Only looked up, never
/// iterated for output.
pub(crate) type HashMap<K, V> = StdHashMap<K, V, foldhash::fast::RandomState>;

/// The text to show, when it is not only white space.
pub(crate) use crate::diagram::non_blank;
