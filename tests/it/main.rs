//! Integration tests: one test binary, one module per concern.

mod big;
mod broken;
mod browser;
mod builtin;
mod cli;
mod dot;
mod examples;
mod exporters;
mod maps;
mod microtexts;
mod render;
mod roundtrip;
mod sadface;
mod schema;
mod semantics;
mod support;
