//! Integration tests: one test binary, one module per concern.

mod aif;
mod argdown_read;
mod argdown_write;
mod big;
mod broken;
mod browser;
mod builtin;
mod cli;
mod dot;
mod everyday;
mod examples;
mod exporters;
mod fuzz_regressions;
mod interop;
mod kialo;
mod maps;
mod microtexts;
mod render;
mod roundtrip;
mod sadface;
mod schema;
mod semantics;
mod support;
