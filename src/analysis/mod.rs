//! What can be learnt from a map once it is loaded: lints (things allowed but probably not
//! meant) and statistics.

mod lint;
pub mod report;
pub mod semantics;
mod stats;

pub use lint::{lint, Lint};
pub use stats::{layers, stats, Layers, Stats};
