//! Argdown (`.argdown`), the Markdown-like text format of argument maps.

mod write;

pub use write::{to_string, to_writer};
