//! Records the commit a build was made from, for `argumap --version` ("unknown" in a build
//! from a package, which has no history), and, for WebAssembly, deflates the bundled fonts,
//! which the program inflates on first use: 1.45 MB of font is 0.75 MB smaller stored so,
//! which keeps the npm package under its 4 MB.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        deflate_fonts(&root);
    }
    let dot_git = root.join(".git");
    // Only this folder's own history: a package unpacked inside another repository has none.
    let commit = dot_git
        .exists()
        .then(|| {
            Command::new("git")
                .args(["rev-parse", "--short=12", "HEAD"])
                .current_dir(&root)
                .output()
                .ok()
        })
        .flatten()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown".to_owned());
    println!("cargo:rustc-env=ARGUMAP_COMMIT={commit}");
    println!("cargo:rerun-if-changed=build.rs");
    // Built again when HEAD moves. A worktree's `.git` is a file naming its own folder.
    let git_dir = std::fs::read_to_string(&dot_git)
        .ok()
        .and_then(|t| t.strip_prefix("gitdir:").map(|d| root.join(d.trim())))
        .unwrap_or(dot_git);
    for watched in ["HEAD", "refs/heads", "packed-refs"] {
        let path = git_dir.join(watched);
        if Path::new(&path).exists() {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }
}

/// Writes each bundled font, deflated, into `OUT_DIR` (`src/render/font.rs` includes them).
fn deflate_fonts(root: &Path) {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for name in ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"] {
        let path = root.join("assets/fonts").join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        let font = std::fs::read(&path).expect("the bundled font is in assets/fonts");
        let deflated = miniz_oxide::deflate::compress_to_vec(&font, 10);
        std::fs::write(out.join(format!("{name}.deflate")), deflated).expect("OUT_DIR is writable");
    }
}
