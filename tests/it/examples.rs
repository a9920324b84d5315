//! The programs in `examples/` are compiled into this test binary and run, so they cannot rot.

#[path = "../../examples/build_map.rs"]
mod build_map;
#[path = "../../examples/who_said_what.rs"]
mod who_said_what;

#[test]
fn build_map_runs() {
    build_map::main().unwrap();
}

#[test]
fn who_said_what_runs() {
    who_said_what::main().unwrap();
}
