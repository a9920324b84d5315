//! Reading inputs and writing outputs for the command line: `-` for standard streams,
//! atomic replacement of output files, and errors a person can act on.

use std::io::{ErrorKind, Read, Write};
use std::path::Path;
use std::sync::OnceLock;

use argumap::format::Limits;

/// Why a subcommand stopped.
pub enum Failure {
    /// The command line or a file is wrong; the message says how (exit 2).
    Usage(String),
    /// The map has problems, already reported (exit 1).
    MapProblems,
    /// Standard output was closed by the reader (e.g. `| head`): not an error.
    BrokenPipe,
}

/// The name a path is shown by in messages.
pub fn display_name(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    }
}

static LIMITS: OnceLock<Limits> = OnceLock::new();

/// Makes these the run's limits on input (the first call wins).
pub fn set_limits(limits: Limits) {
    let _ = LIMITS.set(limits);
}

/// The run's limits on input: the defaults until [`set_limits`].
pub fn limits() -> Limits {
    LIMITS.get().copied().unwrap_or_default()
}

/// A size as the command line takes it: bytes, or a number with `K`, `M` or `G` (powers of
/// 1,024; `KB`, `MiB` and lower case are accepted too).
pub fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(digits);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a size; write e.g. 512M or 2G"))?;
    let scale: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => return Err(format!("`{text}` has an unknown unit; use K, M or G")),
    };
    number
        .checked_mul(scale)
        .ok_or_else(|| format!("`{text}` is too big"))
}

/// Reads a whole input file, or standard input for `-`, refusing more than the limit's
/// bytes before reading them.
pub fn read_input(path: &Path) -> Result<String, Failure> {
    let name = display_name(path);
    let limit = limits().max_bytes;
    let too_big = |bytes: u64| {
        Failure::Usage(format!(
            "`{name}` is {}, more than the {} argumap reads; if it really is a map, raise the limit with --max-input-size",
            argumap::format::limits::size(bytes),
            argumap::format::limits::size(limit)
        ))
    };
    let mut bytes = Vec::new();
    let read = if path == Path::new("-") {
        let read = std::io::stdin()
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes)
            .map(drop);
        if bytes.len() as u64 > limit {
            return Err(too_big(bytes.len() as u64));
        }
        read
    } else {
        if let Ok(meta) = std::fs::metadata(path) {
            if meta.len() > limit {
                return Err(too_big(meta.len()));
            }
        }
        // Sized from the file's length, so a big map is read without regrowing the buffer.
        std::fs::read(path).map(|read| bytes = read)
    };
    read.map_err(|e| {
        Failure::Usage(match e.kind() {
            ErrorKind::NotFound => format!("cannot read `{name}`: no such file"),
            _ => format!("cannot read `{name}`: {}", reason(&e)),
        })
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let text = String::from_utf8_lossy(good);
        let line = text.matches('\n').count() + 1;
        let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Failure::Usage(format!(
            "`{name}` is not UTF-8 text: line {line}, column {column} holds a byte that is not UTF-8 (the file was probably saved as Latin-1 or Windows-1252); save it as UTF-8"
        ))
    })
}

/// Why an input or output failed, in words: the system's message without its error number
/// (`Permission denied`, not `Permission denied (os error 13)`), and never the name of a
/// temporary file.
pub fn reason(e: &std::io::Error) -> String {
    match e.kind() {
        ErrorKind::NotFound => "no such file or folder".to_owned(),
        ErrorKind::PermissionDenied => "permission denied".to_owned(),
        ErrorKind::IsADirectory => "it is a folder".to_owned(),
        ErrorKind::StorageFull => "the disk is full".to_owned(),
        ErrorKind::ReadOnlyFilesystem => "the disk is read-only".to_owned(),
        _ => {
            let text = e.to_string();
            // tempfile adds ` at path "…/.argumap-XXXX.tmp"`; the system adds ` (os error N)`.
            let text = text.split(" at path ").next().unwrap_or(&text);
            match text.find(" (os error ") {
                Some(at) => text[..at].to_owned(),
                None => text.to_owned(),
            }
        }
    }
}

/// Writes bytes to a file, or to standard output for `None` (see [`write_with`]).
pub fn write_output(path: Option<&Path>, bytes: &[u8]) -> Result<(), Failure> {
    write_with(path, |out| out.write_all(bytes))
}

/// Streams output into a file, or to standard output for `None`. A file is written beside
/// its final place and renamed over it only when complete, so a failed run never leaves a
/// half-written or clobbered file; a link is followed, and a device or a named pipe is
/// written in place.
pub fn write_with(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Failure> {
    let Some(path) = path else {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        return write(&mut out).and_then(|()| out.flush()).map_err(|e| {
            if e.kind() == ErrorKind::BrokenPipe {
                Failure::BrokenPipe
            } else {
                Failure::Usage(format!("cannot write to standard output: {e}"))
            }
        });
    };
    let name = display_name(path);
    let fail = |e: std::io::Error| Failure::Usage(format!("cannot write `{name}`: {}", reason(&e)));
    // A symbolic link stays a link: the file it points to is the one replaced.
    let resolved;
    let path = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            resolved = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            resolved.as_path()
        }
        _ => path,
    };
    // A device, a named pipe or a socket (`-o /dev/null`) cannot be replaced by renaming a
    // file over it, and must not be: it is written in place.
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(fail)?;
        let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
        return write(&mut out).and_then(|()| out.flush()).map_err(fail);
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(Failure::Usage(format!(
            "cannot write `{name}`: the folder `{}` does not exist; make it first (mkdir -p {}) or write elsewhere",
            dir.display(),
            dir.display()
        )));
    }
    // A temporary file is private (0600); the result gets the mode a new file would get
    // (0666 less the umask), or keeps the mode of the file it replaces.
    let existing = std::fs::metadata(path).ok().map(|m| m.permissions());
    let mut builder = tempfile::Builder::new();
    builder.prefix(".argumap-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = existing.clone();
        builder.permissions(mode.unwrap_or_else(|| std::fs::Permissions::from_mode(0o666)));
    }
    let tmp = builder.tempfile_in(dir).map_err(fail)?;
    if let Some(mode) = existing {
        // Creation applied the umask; the replaced file's mode is kept exactly.
        std::fs::set_permissions(tmp.path(), mode).map_err(fail)?;
    }
    let mut out = std::io::BufWriter::with_capacity(1 << 16, tmp);
    write(&mut out).and_then(|()| out.flush()).map_err(fail)?;
    let tmp = out.into_inner().map_err(|e| fail(e.into_error()))?;
    // No fsync: the rename is atomic for a running system, which is what a failed run needs;
    // syncing tens of megabytes cost more than the whole conversion.
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}
