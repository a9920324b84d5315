//! Problems found in a user's file: severity, a stable code, place, message, a hint a person
//! can act on, and, for a "did you mean" hint, the fix as an edit.
//!
//! Every surface carries the same fields (the CLI's text and JSON, the language server, the
//! browser and Python): `code`, `line`, `column`, `end_line`, `end_column`, `severity`,
//! `message`, `hint`, `fix`. Places are byte spans; they become 1-based lines and columns,
//! counted in characters (Unicode scalar values, as rustc counts them), for display. A
//! surface that counts otherwise (LSP's 0-based UTF-16) converts from these.
//!
//! This module depends on nothing else in the crate: the parsers report through it.

use std::fmt::{self, Write as _};

/// Byte offsets into the source text, end exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` (inclusive) to `end` (exclusive).
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
}

/// What kind of problem a diagnostic reports: a stable name that tools and CI can filter
/// on. The names never change meaning; new kinds get new names. `docs/diagnostics.md` lists
/// them all (a test holds the table to this list).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Code {
    /// The text is not valid in its format (JSON, Argdown, XML, a Kialo outline, ICCMA).
    Syntax,
    /// The file is too big, too deep or too long for the limits in force.
    Limit,
    /// The map file's format version is missing or not one this argumap reads.
    Version,
    /// A field the format does not have (often a typing slip).
    UnknownField,
    /// A field the format requires is missing.
    MissingField,
    /// A value of the wrong type, or a name outside its list (a relation kind, an actor kind).
    WrongValue,
    /// A key given twice in one object.
    DuplicateKey,
    /// An id that breaks the id rule (ASCII letters, digits, `-`, `_`, `.`).
    InvalidId,
    /// An id given to two elements.
    DuplicateId,
    /// A reference to an id that no element has.
    UnknownId,
    /// A reference to an element of the wrong sort (a stance on an actor, a source that is a
    /// claim).
    WrongKind,
    /// A date that is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    InvalidDate,
    /// A claim, title or name that is blank.
    EmptyText,
    /// A link the model refuses: twice the same relation, a relation to itself where that
    /// means nothing, an argument's structure that cannot be built.
    InvalidLink,
    /// Something a foreign format holds that the map cannot, left out or changed on import
    /// (the warning says what).
    ImportLoss,
    /// A claim connected to no other claim.
    Unconnected,
    /// A claim with a quote but no source.
    QuoteWithoutSource,
    /// An argument with no conclusion that supports or attacks nothing.
    ArgumentWithoutConclusion,
    /// An argument with a conclusion but no premises.
    ConclusionWithoutPremises,
    /// A claim that supports itself.
    SelfSupport,
    /// Claims that support each other in a circle.
    CircularSupport,
    /// A claim nobody is said to have made.
    Unattributed,
    /// An actor who both asserts and denies a claim, or holds both ends of an attack.
    SelfContradiction,
    /// A source no claim, relation or stance cites.
    UncitedSource,
    /// Something allowed but badly placed or missing (a map with no title, a key out of its
    /// usual order).
    Style,
}

impl Code {
    /// Every code, in the order of the documentation's table.
    pub const ALL: [Code; 25] = [
        Code::Syntax,
        Code::Limit,
        Code::Version,
        Code::UnknownField,
        Code::MissingField,
        Code::WrongValue,
        Code::DuplicateKey,
        Code::InvalidId,
        Code::DuplicateId,
        Code::UnknownId,
        Code::WrongKind,
        Code::InvalidDate,
        Code::EmptyText,
        Code::InvalidLink,
        Code::ImportLoss,
        Code::Unconnected,
        Code::QuoteWithoutSource,
        Code::ArgumentWithoutConclusion,
        Code::ConclusionWithoutPremises,
        Code::SelfSupport,
        Code::CircularSupport,
        Code::Unattributed,
        Code::SelfContradiction,
        Code::UncitedSource,
        Code::Style,
    ];

    /// The code's name, as every surface prints it: `unknown-id`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Syntax => "syntax",
            Code::Limit => "limit",
            Code::Version => "version",
            Code::UnknownField => "unknown-field",
            Code::MissingField => "missing-field",
            Code::WrongValue => "wrong-value",
            Code::DuplicateKey => "duplicate-key",
            Code::InvalidId => "invalid-id",
            Code::DuplicateId => "duplicate-id",
            Code::UnknownId => "unknown-id",
            Code::WrongKind => "wrong-kind",
            Code::InvalidDate => "invalid-date",
            Code::EmptyText => "empty-text",
            Code::InvalidLink => "invalid-link",
            Code::ImportLoss => "import-loss",
            Code::Unconnected => "unconnected",
            Code::QuoteWithoutSource => "quote-without-source",
            Code::ArgumentWithoutConclusion => "argument-without-conclusion",
            Code::ConclusionWithoutPremises => "conclusion-without-premises",
            Code::SelfSupport => "self-support",
            Code::CircularSupport => "circular-support",
            Code::Unattributed => "unattributed",
            Code::SelfContradiction => "self-contradiction",
            Code::UncitedSource => "uncited-source",
            Code::Style => "style",
        }
    }

    /// The code with this name.
    pub fn from_name(name: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An edit that fixes a problem: replace the text at `span` (from `start` to `end`) with
/// `replacement`. Offered where the hint is a single obvious correction ("did you mean").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// The bytes to replace.
    pub span: Span,
    /// Where they start.
    pub start: Location,
    /// Where they end (exclusive).
    pub end: Location,
    /// The text to put there.
    pub replacement: String,
}

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
#[derive(Clone, Debug, Default)]
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

    /// How many lines the text has (a text with no line break has one).
    pub fn lines(&self) -> usize {
        self.starts.len()
    }

    /// The byte where a 0-based line starts, if the text has that line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line).copied()
    }

    /// The 0-based line that holds a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset) - 1
    }

    /// The same as [`Location::of`] for the text the index was made from.
    pub fn location(&self, src: &str, offset: usize) -> Location {
        let mut offset = offset.min(src.len());
        while !src.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.starts[line];
        Location {
            line: line + 1,
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
    /// What kind of problem it is, by a stable name.
    pub code: Code,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
    /// Where, as bytes of the file.
    pub span: Option<Span>,
    /// Where it starts, as line and column (set together with `span`).
    pub location: Option<Location>,
    /// Where it ends (exclusive), as line and column (set together with `span`).
    pub end: Option<Location>,
    /// The edit that fixes it, when there is one obvious fix.
    pub fix: Option<Fix>,
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

    /// A diagnostic about the whole file, with no place in it.
    pub fn unplaced(severity: Severity, code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity,
            code,
            message: message.into(),
            hint: None,
            span: None,
            location: None,
            end: None,
            fix: None,
        }
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
        Diagnostic::placed(severity, span, message, |at| lines.location(src, at))
    }

    fn at(
        severity: Severity,
        src: &str,
        span: Option<Span>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::placed(severity, span, message, |at| Location::of(src, at))
    }

    /// A diagnostic at `span`, its ends located by `locate`, with the code its severity
    /// implies until [`Diagnostic::with_code`] says otherwise.
    fn placed(
        severity: Severity,
        span: Option<Span>,
        message: impl Into<String>,
        locate: impl Fn(usize) -> Location,
    ) -> Diagnostic {
        Diagnostic {
            severity,
            code: default_code(severity),
            message: message.into(),
            hint: None,
            span,
            location: span.map(|s| locate(s.start)),
            end: span.map(|s| locate(s.end)),
            fix: None,
        }
    }

    /// The same diagnostic with a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    /// The same diagnostic with a code.
    pub fn with_code(mut self, code: Code) -> Diagnostic {
        self.code = code;
        self
    }

    /// The same diagnostic with a fix: `replacement` in place of the text at `span`.
    pub fn with_fix(mut self, src: &str, span: Span, replacement: impl Into<String>) -> Diagnostic {
        self.fix = Some(Fix {
            span,
            start: Location::of(src, span.start),
            end: Location::of(src, span.end),
            replacement: replacement.into(),
        });
        self
    }

    /// The problem as every machine-readable surface gives it: `path`, `code`, `line`,
    /// `column`, `end_line`, `end_column` (1-based, columns in characters; `null` without a
    /// place), `severity`, `message`, `hint` and `fix` (`{line, column, end_line,
    /// end_column, replacement}` or `null`). `docs/diagnostics.md` describes the fields.
    pub fn to_json(&self, path: &str) -> serde_json::Value {
        let fix = self.fix.as_ref().map(|f| {
            serde_json::json!({
                "line": f.start.line,
                "column": f.start.column,
                "end_line": f.end.line,
                "end_column": f.end.column,
                "replacement": f.replacement,
            })
        });
        serde_json::json!({
            "path": path,
            "code": self.code.as_str(),
            "line": self.location.map(|l| l.line),
            "column": self.location.map(|l| l.column),
            "end_line": self.end.map(|l| l.line),
            "end_column": self.end.map(|l| l.column),
            "severity": self.severity.as_str(),
            "message": self.message,
            "hint": self.hint,
            "fix": fix,
        })
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

/// The code of a diagnostic made without one: a syntax error or an import's warning, the
/// two kinds of problem every reader reports.
fn default_code(severity: Severity) -> Code {
    match severity {
        Severity::Error => Code::Syntax,
        Severity::Warning => Code::ImportLoss,
    }
}

impl fmt::Display for Diagnostic {
    /// `line:column: error[code]: message (hint)`, on one line; without a place, no
    /// position. [`Diagnostic::render`] draws the source line as well.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(at) = self.location {
            write!(f, "{at}: ")?;
        }
        write!(
            f,
            "{}[{}]: {}",
            self.severity.as_str(),
            self.code,
            self.message
        )?;
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

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
