//! The WebAssembly module's stack: 8 MiB instead of the linker's 1 MiB, the main thread's
//! stack on Linux, so that what runs on the command line runs here too.

fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg=-zstack-size=8388608");
    }
}
