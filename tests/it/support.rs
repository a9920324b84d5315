//! Shared test helpers: paths, golden files, outside programs.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A path inside the package.
pub fn root(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Runs the `argumap` program in `dir` as a person at a terminal would, whatever `NO_COLOR`
/// the test runner has.
pub fn argumap_in(dir: &Path, args: &[impl AsRef<OsStr>]) -> Output {
    run(args).dir(dir).output()
}

/// The one way the tests run the `argumap` program: in the package's folder, with nothing
/// on standard input, unless told otherwise.
pub struct Run {
    command: Command,
    stdin: Option<Vec<u8>>,
}

/// A run of `argumap` with these arguments (see [`Run`]).
pub fn run(args: &[impl AsRef<OsStr>]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_argumap"));
    command
        .args(args)
        .current_dir(root(""))
        .env_remove("NO_COLOR");
    Run {
        command,
        stdin: None,
    }
}

impl Run {
    /// Runs in this folder.
    pub fn dir(mut self, dir: &Path) -> Run {
        self.command.current_dir(dir);
        self
    }

    /// Feeds this text on standard input.
    pub fn stdin(mut self, input: &str) -> Run {
        self.stdin = Some(input.as_bytes().to_vec());
        self
    }

    /// Runs with this `PATH` (to hide or fake an outside program).
    pub fn path(mut self, path: &Path) -> Run {
        self.command.env("PATH", path);
        self
    }

    /// Runs to the end and returns what it printed.
    pub fn output(mut self) -> Output {
        use std::io::Write as _;
        use std::process::Stdio;
        let Some(input) = self.stdin else {
            return self.command.stdin(Stdio::null()).output().unwrap();
        };
        let mut child = self
            .command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut pipe = child.stdin.take().unwrap();
        // A command that refuses its input early may close the pipe: not a test failure.
        let _ = pipe.write_all(&input);
        drop(pipe);
        child.wait_with_output().unwrap()
    }
}

/// What a run printed on standard error.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The map files in `maps/`, sorted.
pub fn maps() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(root("maps"))
        .expect("maps/ exists")
        .map(|e| e.expect("readable dir").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    out.sort();
    assert!(!out.is_empty(), "maps/ holds no map");
    out
}

/// Compares text with a golden file, whole. `UPDATE_GOLDEN=1` rewrites the file instead.
pub fn assert_golden(rel: &str, actual: &str) {
    let path = root(rel);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!("missing golden file {rel}; run with UPDATE_GOLDEN=1 to create it")
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        let show = |t: &str| {
            t.lines()
                .skip(line.saturating_sub(2))
                .take(5)
                .collect::<Vec<_>>()
                .join("\n")
        };
        panic!(
            "{rel} differs from the output at line {}\n--- expected\n{}\n--- actual\n{}\n(run with UPDATE_GOLDEN=1 if the change is intended)",
            line + 1,
            show(&expected),
            show(actual)
        );
    }
}

/// Whether a test that needs an outside program must fail rather than skip without it.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// Finds an outside program by running it with `version_arg`. Without it the test skips
/// (returns `None`) on a developer's machine and fails under `CI=true`.
pub fn tool(name: &str, version_arg: &str) -> Option<PathBuf> {
    let found = Command::new(name)
        .arg(version_arg)
        .output()
        .is_ok_and(|o| o.status.success());
    if found {
        return Some(PathBuf::from(name));
    }
    assert!(
        !in_ci(),
        "`{name}` is needed under CI=true; .ci/run must install it"
    );
    skipped(&format!("`{name}` is not installed"));
    None
}

/// Where skipping tests write down what they lacked, for `tests/skipped.rs` to list at the
/// end of the run.
pub const SKIPS: &str = concat!(env!("CARGO_TARGET_TMPDIR"), "/skipped-tests.txt");

/// Which `cargo test` this is: the process that started the test binaries.
fn run_id() -> u32 {
    #[cfg(unix)]
    return std::os::unix::process::parent_id();
    #[cfg(not(unix))]
    return 0;
}

/// Notes that the running test skips for want of `what`: at once on the terminal (the
/// harness does not capture a direct write to standard error) and in [`SKIPS`], which the
/// last test target prints as a list.
pub fn skipped(what: &str) {
    use std::io::Write as _;
    let test = std::thread::current().name().unwrap_or("a test").to_owned();
    let line = format!("skipped {test}: {what}\n");
    let _ = std::io::stderr().write_all(line.as_bytes());
    if let Ok(mut file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(SKIPS)
    {
        // Marked with the run: every test binary of one `cargo test` has cargo as parent.
        let _ = file.write_all(format!("{} {line}", run_id()).as_bytes());
    }
}

/// Python with the `jsonschema` package, for validating JSON against our schema.
pub fn python_jsonschema() -> Option<PathBuf> {
    let ok = Command::new("python3")
        .args(["-c", "import jsonschema"])
        .output()
        .is_ok_and(|o| o.status.success());
    if ok {
        return Some(PathBuf::from("python3"));
    }
    assert!(
        !in_ci(),
        "python3 with jsonschema is needed under CI=true; .ci/run must install it"
    );
    skipped("python3 -m jsonschema is not available");
    None
}

/// Validates JSON documents against the committed schema with Python's `jsonschema`
/// (an independent validator). Returns the validator's complaints, empty when all pass.
pub fn validate_with_jsonschema(documents: &[(String, String)]) -> Option<String> {
    let python = python_jsonschema()?;
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec![];
    for (name, text) in documents {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        args.push(p);
    }
    let script = r#"
import json, sys
from jsonschema import Draft202012Validator
schema = json.load(open(sys.argv[1]))
Draft202012Validator.check_schema(schema)
v = Draft202012Validator(schema)
bad = []
for path in sys.argv[2:]:
    for e in v.iter_errors(json.load(open(path))):
        bad.append(f"{path}: {list(e.absolute_path)}: {e.message}")
print("\n".join(bad))
"#;
    let out = Command::new(python)
        .arg("-c")
        .arg(script)
        .arg(root("schema/argumap-1.schema.json"))
        .args(&args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "validator failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8(out.stdout).unwrap().trim().to_owned())
}

/// Whether something a test needs from outside is present. Without it the test skips
/// (returns `false`, after a note) on a developer's machine and fails under `CI=true`.
pub fn needs(what: &str, present: bool) -> bool {
    if present {
        return true;
    }
    assert!(
        !in_ci(),
        "{what} is needed under CI=true; .ci/run must install it"
    );
    skipped(&format!("{what} is not available"));
    false
}

/// Python with networkx, for reading GraphML.
pub fn python_networkx() -> Option<PathBuf> {
    let ok = Command::new("python3")
        .args(["-c", "import networkx"])
        .output()
        .is_ok_and(|o| o.status.success());
    needs("python3 with networkx (pip install networkx)", ok).then(|| PathBuf::from("python3"))
}

/// Python alone, for reading what another tool wrote (its standard library parses XML).
pub fn python() -> Option<PathBuf> {
    tool("python3", "--version")
}

/// Node with a package from `tests/js` installed (`npm ci --prefix tests/js`): the path of
/// the package's directory.
pub fn node_package(name: &str) -> Option<PathBuf> {
    tool("node", "--version")?;
    let dir = root("tests/js/node_modules").join(name);
    needs(
        &format!("the npm package {name} in tests/js (npm ci --prefix tests/js)"),
        dir.join("package.json").is_file(),
    )
    .then_some(dir)
}

/// mermaid-cli's `mmdc` from `tests/js`, with the browser that
/// `tests/consumers/puppeteer-config.json` names: the paths of `mmdc` and of that config.
pub fn mermaid_cli() -> Option<(PathBuf, PathBuf)> {
    node_package("@mermaid-js/mermaid-cli")?;
    let mmdc = root("tests/js/node_modules/.bin/mmdc");
    let config = root("tests/consumers/puppeteer-config.json");
    let browser = std::fs::read_to_string(&config)
        .ok()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .and_then(|json| json["executablePath"].as_str().map(PathBuf::from));
    let found = mmdc.is_file() && browser.as_ref().is_some_and(|b| b.is_file());
    needs(
        &format!(
            "mmdc and the browser {} names ({})",
            config.display(),
            browser.map_or("none".into(), |b| b.display().to_string())
        ),
        found,
    )
    .then_some((mmdc, config))
}
