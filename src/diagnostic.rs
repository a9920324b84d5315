//! Problems found in a user's file: severity, place, message and a hint a person can act on.
//!
//! Places are byte spans; they become 1-based lines and columns (counted in Unicode scalar
//! values, as rustc does) only for display.

use std::fmt::{self, Write as _};

pub use crate::format::spanned::Span;

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The file cannot be used as it is.
    Error,
    /// The file is usable, but probably not what its author meant.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A 1-based line and column; the column counts characters, not bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// Line, starting at 1.
    pub line: usize,
    /// Column in characters, starting at 1.
    pub column: usize,
}

impl Location {
    /// The line and column of a byte offset in a text. An offset past the end, or inside a
    /// character, is moved back to the nearest character start.
    pub fn of(src: &str, offset: usize) -> Location {
        let mut offset = offset.min(src.len());
        while !src.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &src[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Location {
            line: before.bytes().filter(|&b| b == b'\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Where each line of a text starts, to turn many byte offsets into lines and columns
/// without scanning the text from its start each time (a map with a warning on each of
/// 100,000 claims would otherwise take minutes).
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// The index of a text.
    pub fn new(src: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(
            src.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// The same as [`Location::of`] for the text the index was made from.
    pub fn location(&self, src: &str, offset: usize) -> Location {
        let mut offset = offset.min(src.len());
        while !src.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self.starts[line - 1];
        Location {
            line,
            column: src[start..offset].chars().count() + 1,
        }
    }
}

/// The most characters of a source line a rendered diagnostic shows.
const SHOWN_LINE: usize = 160;

/// One problem in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
    /// Where, as bytes of the file.
    pub span: Option<Span>,
    /// Where, as line and column (set together with `span`).
    pub location: Option<Location>,
}

impl Diagnostic {
    /// An error at a place in a text.
    pub fn error(src: &str, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at(Severity::Error, src, Some(span), message)
    }

    /// A warning at a place in a text.
    pub fn warning(src: &str, span: Option<Span>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at(Severity::Warning, src, span, message)
    }

    /// A diagnostic at a place in a text, located through the text's [`LineIndex`]: for
    /// code that reports many problems in one text.
    pub fn indexed(
        severity: Severity,
        src: &str,
        lines: &LineIndex,
        span: Option<Span>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            severity,
            message: message.into(),
            hint: None,
            span,
            location: span.map(|s| lines.location(src, s.start)),
        }
    }

    fn at(
        severity: Severity,
        src: &str,
        span: Option<Span>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            severity,
            message: message.into(),
            hint: None,
            span,
            location: span.map(|s| Location::of(src, s.start)),
        }
    }

    /// The same diagnostic with a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders the diagnostic for a terminal: `file:line:col: error: message`, the source
    /// line with the place underlined, and the hint.
    pub fn render(&self, file: &str, src: &str) -> String {
        self.render_with(file, src, Palette::PLAIN)
    }

    /// [`Diagnostic::render`] with ANSI colours, as rustc colours its messages: the
    /// severity in red or yellow, the gutter in blue, the underline in the severity's
    /// colour. For a terminal that shows colour; the text is otherwise the same.
    pub fn render_coloured(&self, file: &str, src: &str) -> String {
        self.render_with(file, src, Palette::ANSI)
    }

    fn render_with(&self, file: &str, src: &str, p: Palette) -> String {
        let mut out = String::new();
        let (sev, colour) = match self.severity {
            Severity::Error => ("error", p.red),
            Severity::Warning => ("warning", p.yellow),
        };
        let (bold, blue, cyan, reset) = (p.bold, p.blue, p.cyan, p.reset);
        match self.location {
            Some(loc) => {
                let _ = writeln!(
                    out,
                    "{bold}{file}:{loc}:{reset} {colour}{sev}:{reset} {bold}{}{reset}",
                    self.message
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "{bold}{file}:{reset} {colour}{sev}:{reset} {bold}{}{reset}",
                    self.message
                );
            }
        }
        if let (Some(span), Some(loc)) = (self.span, self.location) {
            let line: Vec<char> = src
                .lines()
                .nth(loc.line - 1)
                .unwrap_or("")
                .chars()
                .map(|c| if c == '\t' { ' ' } else { c })
                .collect();
            // A long line (minified JSON, a file of garbage) is shown as a window around
            // the place, with an ellipsis for what is cut.
            let at = (loc.column - 1).min(line.len());
            let first = if line.len() > SHOWN_LINE {
                at.saturating_sub(SHOWN_LINE / 3)
            } else {
                0
            };
            let last = (first + SHOWN_LINE).min(line.len());
            let mut shown: String = if first > 0 {
                "…".into()
            } else {
                String::new()
            };
            shown.extend(&line[first..last]);
            if last < line.len() {
                shown.push('…');
            }
            let rest = last.saturating_sub(at).max(1);
            let width = src
                .get(span.start..span.end.min(src.len()))
                .map_or(1, |s| s.lines().next().unwrap_or("").chars().count())
                .clamp(1, rest);
            let gutter = loc.line.to_string().len();
            let _ = writeln!(out, "{blue}{:gutter$} |{reset}", "");
            let _ = writeln!(out, "{blue}{} |{reset} {}", loc.line, shown);
            let _ = writeln!(
                out,
                "{blue}{:gutter$} |{reset} {}{colour}{}{reset}",
                "",
                " ".repeat(at - first + usize::from(first > 0)),
                "^".repeat(width)
            );
        }
        if let Some(hint) = &self.hint {
            let gutter = self.location.map_or(1, |l| l.line.to_string().len());
            let _ = writeln!(
                out,
                "{blue}{:gutter$} ={reset} {cyan}hint:{reset} {hint}",
                ""
            );
        }
        out
    }
}

/// The escape sequences a rendering uses: all empty for plain text.
#[derive(Clone, Copy)]
struct Palette {
    bold: &'static str,
    red: &'static str,
    yellow: &'static str,
    blue: &'static str,
    cyan: &'static str,
    reset: &'static str,
}

impl Palette {
    const PLAIN: Palette = Palette {
        bold: "",
        red: "",
        yellow: "",
        blue: "",
        cyan: "",
        reset: "",
    };
    const ANSI: Palette = Palette {
        bold: "\x1b[1m",
        red: "\x1b[1;31m",
        yellow: "\x1b[1;33m",
        blue: "\x1b[1;34m",
        cyan: "\x1b[1;36m",
        reset: "\x1b[0m",
    };
}

/// The closest candidate to a mistyped name, if one is close enough to be a typo.
pub fn did_you_mean<'a>(
    typo: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (typo.chars().count() / 3).clamp(1, 4);
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(typo, c), c))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, c)| (d, c))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let src = "{\n  \"téxt\": \"ünïcode\", \"x\": 1\n}";
        let at = src.find("\"x\"").unwrap();
        // Before `"x"` on line 2 stand 24 bytes but 21 characters.
        assert_eq!(
            Location::of(src, at),
            Location {
                line: 2,
                column: 22
            }
        );
        assert_eq!(Location::of(src, 0), Location { line: 1, column: 1 });
        // Inside a multi-byte character: moved back to its start.
        let e = src.find('é').unwrap();
        assert_eq!(Location::of(src, e + 1), Location::of(src, e));
    }

    #[test]
    fn a_long_line_is_shown_as_a_window_around_the_place() {
        let src = format!("{}@{}", "a".repeat(5_000), "b".repeat(5_000));
        let at = src.find('@').unwrap();
        let text = Diagnostic::error(
            &src,
            Span {
                start: at,
                end: at + 1,
            },
            "bad",
        )
        .render("f", &src);
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[2].chars().count() < SHOWN_LINE + 20, "{}", lines[2]);
        assert!(lines[2].contains("…a") && lines[2].contains("@b") && lines[2].ends_with('…'));
        // The caret stands under the `@`.
        let caret = lines[3].chars().position(|c| c == '^').unwrap();
        assert_eq!(lines[2].chars().nth(caret), Some('@'));
        // Short lines are shown whole.
        let d = Diagnostic::error("ab@c", Span { start: 2, end: 3 }, "bad").render("f", "ab@c");
        assert!(d.contains("1 | ab@c\n") && d.contains("  |   ^\n"), "{d}");
    }

    #[test]
    fn the_line_index_finds_what_location_of_finds() {
        let src = "ab\n\nünï\r\nx\n\u{1F600}y\nlast";
        let lines = LineIndex::new(src);
        for offset in 0..=src.len() + 2 {
            assert_eq!(
                lines.location(src, offset),
                Location::of(src, offset),
                "{offset}"
            );
        }
        assert_eq!(
            LineIndex::new("").location("", 0),
            Location { line: 1, column: 1 }
        );
    }

    #[test]
    fn coloured_rendering_is_the_plain_text_with_escapes() {
        let src = "{\n  \"supprts\": []\n}";
        let start = src.find("\"supprts\"").unwrap();
        for d in [
            Diagnostic::error(
                src,
                Span {
                    start,
                    end: start + 9,
                },
                "unknown field",
            )
            .with_hint("did you mean `supports`?"),
            Diagnostic::warning(src, None, "no claims"),
        ] {
            let coloured = d.render_coloured("m.json", src);
            assert!(coloured.contains("\x1b[1;3"), "{coloured:?}");
            let mut stripped = String::new();
            let mut rest = coloured.as_str();
            while let Some(at) = rest.find('\x1b') {
                stripped.push_str(&rest[..at]);
                let end = rest[at..].find('m').expect("an escape ends in m");
                rest = &rest[at + end + 1..];
            }
            stripped.push_str(rest);
            assert_eq!(stripped, d.render("m.json", src));
        }
    }

    #[test]
    fn render_underlines_the_span() {
        let src = "{\n  \"supprts\": []\n}";
        let start = src.find("\"supprts\"").unwrap();
        let d = Diagnostic::error(
            src,
            Span {
                start,
                end: start + 9,
            },
            "unknown field",
        )
        .with_hint("did you mean `supports`?");
        let text = d.render("m.json", src);
        assert!(
            text.starts_with("m.json:2:3: error: unknown field\n"),
            "{text}"
        );
        assert!(text.contains("  |   ^^^^^^^^^\n"), "{text}");
        assert!(
            text.ends_with("  = hint: did you mean `supports`?\n"),
            "{text}"
        );
    }

    #[test]
    fn suggestions_only_for_near_misses() {
        let ids = ["pause-encryption", "police-blocked", "barr"];
        assert_eq!(
            did_you_mean("pause-encrypton", ids),
            Some("pause-encryption")
        );
        assert_eq!(did_you_mean("bar", ids), Some("barr"));
        assert_eq!(did_you_mean("zuckerberg", ids), None);
    }
}
