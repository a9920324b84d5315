//! The Python package (`bindings/python`): its pytest suite, run in the virtual environment
//! `scripts/build-python.sh` builds (`target/py-venv`), with the command line's binary at
//! hand so that the tests compare the package's answers with the command line's.

use std::process::Command;

use crate::support;

#[test]
fn python_package_passes_its_tests() {
    let python = support::root("target/py-venv/bin/python");
    let installed = python.is_file()
        && Command::new(&python)
            .args(["-c", "import argumap, pytest, networkx"])
            .output()
            .is_ok_and(|o| o.status.success());
    if !support::needs(
        "the Python package in target/py-venv (scripts/build-python.sh)",
        installed,
    ) {
        return;
    }
    let out = Command::new(&python)
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider"])
        .arg(support::root("bindings/python/tests"))
        .current_dir(support::root(""))
        .env("ARGUMAP_BIN", env!("CARGO_BIN_EXE_argumap"))
        .output()
        .expect("pytest runs");
    assert!(
        out.status.success(),
        "pytest failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
