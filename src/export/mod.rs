//! Exporters: functions from a [`Map`](crate::model::Map) to another format.
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
use std::io;

/// What a writer writes into memory, as a string. Every writer here writes UTF-8 and fails
/// only when its output fails, which a `Vec` never does.
pub(crate) fn written(write: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> String {
    let mut out = Vec::new();
    let _ = write(&mut out);
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Hash tables keyed by ids, as in [`crate::diagram`]: foldhash, seeded per run. Only looked up, never
/// iterated for output.
pub(crate) type HashMap<K, V> = StdHashMap<K, V, foldhash::fast::RandomState>;

/// The text to show, when it is not only white space.
pub(crate) use crate::diagram::non_blank;
