//! Integration tests: one test binary, one module per concern.

mod argdown_write;
mod big;
mod broken;
mod browser;
mod builtin;
mod cli;
mod dot;
mod examples;
mod exporters;
mod maps;
mod render;
mod roundtrip;
mod schema;
mod semantics;
mod support;
