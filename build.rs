//! Records the commit a build was made from, for `argumap --version`: "unknown" in a build
//! from a package, which has no history.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
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
