//! Running Graphviz's `dot` as a separate process: DOT text in, SVG, PNG or PDF out.
//!
//! We run `dot` ourselves instead of through a binding: the DOT text is ours (see
//! [`crate::export::dot`]), so all that is needed is a process with a time limit, and a clear
//! message when `dot` is missing, fails or takes too long.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What Graphviz should write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Target {
    /// Scalable vector graphics (`-Tsvg`).
    Svg,
    /// A bitmap (`-Tpng`), at the resolution given in dots per inch.
    Png {
        /// Dots per inch; Graphviz's own default is 96.
        dpi: u32,
    },
    /// A vector PDF (`-Tpdf`, through cairo).
    Pdf,
}

impl Target {
    fn flag(self) -> &'static str {
        match self {
            Target::Svg => "-Tsvg",
            Target::Png { .. } => "-Tpng",
            Target::Pdf => "-Tpdf",
        }
    }
}

/// Why Graphviz gave no picture.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GraphvizError {
    /// `dot` is not on the PATH.
    #[error(
        "Graphviz's `dot` program was not found on the PATH\n  \
         hint: install Graphviz (Debian or Ubuntu: `sudo apt-get install graphviz`; macOS: \
         `brew install graphviz`; Windows: `winget install graphviz`), or draw it with the \
         built-in engine (`--engine builtin`), or write the DOT text with \
         `argumap convert MAP -o map.dot` and lay it out elsewhere"
    )]
    Missing,
    /// `dot` could not be started or talked to.
    #[error("could not run `{program}`: {source}")]
    Io {
        /// The program that was run.
        program: String,
        /// What the system said.
        source: std::io::Error,
    },
    /// `dot` ran and failed.
    #[error("Graphviz failed ({status}){}", stderr_tail(.stderr))]
    Failed {
        /// How the process ended.
        status: String,
        /// What it wrote to standard error.
        stderr: String,
    },
    /// `dot` was stopped after the time limit.
    #[error(
        "Graphviz did not finish within {} s and was stopped\n  \
         hint: draw part of the map (--focus ID --depth 2, --actor ID, --tag TAG, \
         --max-nodes 300), or allow more time with --timeout SECONDS",
        .limit.as_secs()
    )]
    TimedOut {
        /// The limit that was reached.
        limit: Duration,
    },
}

fn stderr_tail(stderr: &str) -> String {
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.is_empty() {
        return String::new();
    }
    let shown = &lines[lines.len().saturating_sub(8)..];
    format!(":\n  {}", shown.join("\n  "))
}

/// The `dot` program on the PATH, if there is one.
pub fn find() -> Option<PathBuf> {
    let name = if cfg!(windows) { "dot.exe" } else { "dot" };
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

fn is_executable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        path.metadata()
            .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        path.is_file()
    }
}

/// Lays out DOT text with `dot` and returns what it wrote, stopping it after `limit`.
///
/// # Errors
///
/// [`GraphvizError::Missing`] when `dot` is not on the PATH, [`GraphvizError::Failed`] with
/// its messages when it fails, [`GraphvizError::TimedOut`] when it runs past `limit`.
pub fn run(dot_text: &str, target: Target, limit: Duration) -> Result<Vec<u8>, GraphvizError> {
    let program = find().ok_or(GraphvizError::Missing)?;
    run_program(&program, dot_text, target, limit)
}

/// As [`run`], with a given `dot` program.
///
/// # Errors
///
/// As [`run`]; a program that cannot be started is an [`GraphvizError::Io`].
pub fn run_program(
    program: &Path,
    dot_text: &str,
    target: Target,
    limit: Duration,
) -> Result<Vec<u8>, GraphvizError> {
    let io = |source| GraphvizError::Io {
        program: program.display().to_string(),
        source,
    };
    let mut command = Command::new(program);
    command.arg(target.flag());
    if let Target::Png { dpi } = target {
        command.arg(format!("-Gdpi={dpi}"));
    }
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(io)?;
    let started = Instant::now();
    // Three threads feed and drain the pipes, so that a full pipe never blocks `dot`.
    let mut stdin = child.stdin.take().expect("piped stdin");
    let mut stdout = child.stdout.take().expect("piped stdout");
    let mut stderr = child.stderr.take().expect("piped stderr");
    let input = dot_text.as_bytes().to_vec();
    let feeder = std::thread::spawn(move || {
        // `dot` may exit early (a syntax error); a broken pipe then is not our error.
        let _ = stdin.write_all(&input);
    });
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        stdout.read_to_end(&mut buf).map(|_| buf)
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stderr.read_to_end(&mut buf);
        buf
    });
    let status = loop {
        if let Some(status) = child.try_wait().map_err(io)? {
            break status;
        }
        if started.elapsed() >= limit {
            let _ = child.kill();
            let _ = child.wait();
            return Err(GraphvizError::TimedOut { limit });
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let _ = feeder.join();
    let out = out_reader
        .join()
        .unwrap_or_else(|_| Ok(Vec::new()))
        .map_err(io)?;
    let err = err_reader.join().unwrap_or_default();
    let stderr = String::from_utf8_lossy(&err).into_owned();
    if !status.success() {
        return Err(GraphvizError::Failed {
            status: status.to_string(),
            stderr,
        });
    }
    if out.is_empty() {
        return Err(GraphvizError::Failed {
            status: "no output".into(),
            stderr,
        });
    }
    Ok(out)
}
