//! `--watch`: run a command again each time its input file is saved, until Ctrl-C.
//!
//! The file is polled (its size and modification time, four times a second) rather than
//! watched through the operating system: it needs no dependency, works the same on every
//! system and network drive, and catches editors that save by writing a new file and
//! renaming it over the old one.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime};

use super::io::{display_name, Failure};
use super::ui;

/// How often the file is looked at.
const POLL: Duration = Duration::from_millis(250);

static WATCHING: AtomicBool = AtomicBool::new(false);

/// Whether this run watches a file (so each pass must free what it used).
pub fn watching() -> bool {
    WATCHING.load(Ordering::Relaxed)
}

/// What tells one saved version of a file from the next.
fn stamp(path: &Path) -> Option<(u64, SystemTime)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// Runs `once` now and after every change to `path`; never returns but for a usage error
/// (standard input cannot be watched). `once` reports its own problems and returns its exit
/// code, which does not stop the watch.
pub fn watch(path: &Path, mut once: impl FnMut() -> u8) -> Result<u8, Failure> {
    if path == Path::new("-") {
        return Err(Failure::Usage(
            "--watch needs a file to watch, not standard input".into(),
        ));
    }
    WATCHING.store(true, Ordering::Relaxed);
    let name = display_name(path);
    loop {
        let before = stamp(path);
        once();
        ui::note(format!("watching {name} for changes (Ctrl-C stops)"));
        loop {
            std::thread::sleep(POLL);
            let now = stamp(path);
            // A file that is gone is being saved (written anew and renamed): wait for it.
            if now.is_some() && now != before {
                break;
            }
        }
        // Let the editor finish writing before reading.
        std::thread::sleep(POLL / 2);
    }
}
