//! Turns Argdown text into tokens, the way Argdown's own lexer does: line breaks are not
//! tokens (text runs on across lines), an empty line separates blocks, relation symbols,
//! `(n)` and `--` count only at the start of a line, and the indentation of relation and
//! list lines becomes `Indent` / `Dedent` tokens through a stack of indentation widths.
//! Comments are skipped; escaped characters become literal text. Where Argdown's own tools
//! fail or silently misread, the lexer notes an error with its fix: front matter or inline
//! data never closed, and a near-miss of a relation symbol (`--`, `=>`, an en dash), which
//! becomes a [`Tok::BadRelation`] so that the parser reads on as if the line were a relation.

use crate::diagnostic::{Location, Span};

/// The direction-and-kind symbol at the start of a relation line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Rel {
    /// `+` or `<+`: the child supports the parent.
    SupportedBy,
    /// `+>`: the parent supports the child.
    Supports,
    /// `-` or `<-`: the child attacks the parent.
    AttackedBy,
    /// `->`: the parent attacks the child.
    Attacks,
    /// `><`: the two contradict each other.
    Contradicts,
    /// `_>`: the parent undercuts the child (an argument).
    Undercuts,
    /// `<_`: the child undercuts the parent.
    UndercutBy,
}

impl Rel {
    pub(crate) fn symbol(self) -> &'static str {
        match self {
            Rel::SupportedBy => "+",
            Rel::Supports => "+>",
            Rel::AttackedBy => "-",
            Rel::Attacks => "->",
            Rel::Contradicts => "><",
            Rel::Undercuts => "_>",
            Rel::UndercutBy => "<_",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Tok {
    /// One or more empty lines: the end of a block.
    Emptyline,
    /// A relation or list line indented deeper than the one before.
    Indent,
    /// A relation or list line indented less deeply (one per level left).
    Dedent,
    /// The YAML between the `===` lines at the top.
    FrontMatter(String),
    /// Inline data, braces included.
    Data(String),
    Relation(Rel),
    InferenceStart,
    InferenceEnd,
    /// A comma between inference rules.
    Comma,
    /// `#`, `##`, ... at the start of a block.
    Heading(usize),
    /// `(n)` at the start of a line.
    StatementNumber(String),
    OrderedItem,
    UnorderedItem,
    StatementDefinition(String),
    StatementReference(String),
    ArgumentDefinition(String),
    ArgumentReference(String),
    /// `@[Title]` or `@<Title>`, kept in the text as written.
    Mention(String),
    Link {
        text: String,
        url: String,
    },
    Tag {
        name: String,
        image: String,
    },
    Text(String),
    /// A character written with a backslash: never markup.
    Escaped(char),
    /// A symbol at the start of a line that Argdown's tools would reject or read as text
    /// (`--`, `=>`, `++`, an en dash), with the relation symbol it most likely means.
    BadRelation {
        symbol: String,
        meant: Option<(&'static str, Rel)>,
    },
}

#[derive(Clone, Debug)]
pub(crate) struct Token {
    pub(crate) tok: Tok,
    pub(crate) span: Span,
    /// Whether white space or a line break stands between this token and the one before.
    pub(crate) space_before: bool,
    /// Whether the token is the first of its line (layout tokens aside).
    pub(crate) line_start: bool,
}

/// Something the lexer noticed: an unclosed comment, kept as text (a warning), or front
/// matter or inline data never closed (an error, which Argdown's tools would silently read
/// as text), with the edit that fixes it when there is one.
pub(crate) struct LexNote {
    pub(crate) span: Span,
    pub(crate) message: String,
    pub(crate) hint: String,
    pub(crate) error: bool,
    pub(crate) fix: Option<(Span, String)>,
}

pub(crate) struct Lexed {
    pub(crate) tokens: Vec<Token>,
    pub(crate) notes: Vec<LexNote>,
}

struct Lexer<'a> {
    src: &'a str,
    at: usize,
    tokens: Vec<Token>,
    notes: Vec<LexNote>,
    indents: Vec<usize>,
    /// A line break was read since the last token.
    newline: bool,
    space: bool,
    inference: bool,
    /// Closing marks (`*/`, `-->`) known to be missing from here to the end, so that many
    /// unclosed comments do not each search the rest of the file.
    unclosed_from: [Option<usize>; 2],
    /// The current block has a numbered line `(n)`: a premise-conclusion structure, where
    /// `--` starts an inference line and nothing else.
    numbered_block: bool,
}

pub(crate) fn lex(src: &str) -> Lexed {
    let mut lx = Lexer {
        src,
        // A byte-order mark is not text.
        at: if src.starts_with('\u{feff}') { 3 } else { 0 },
        tokens: Vec::new(),
        notes: Vec::new(),
        indents: vec![0],
        newline: false,
        space: false,
        inference: false,
        unclosed_from: [None, None],
        numbered_block: false,
    };
    lx.run();
    Lexed {
        tokens: lx.tokens,
        notes: lx.notes,
    }
}

/// Characters that may start a token inside text, so a run of plain text stops before them.
fn is_special(c: char) -> bool {
    matches!(
        c,
        '\\' | '@' | '#' | '[' | '<' | '/' | '{' | '\n' | '\r' | ' ' | '\t'
    )
}

fn is_tag_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || c == '-'
        || c == '_'
        || (('\u{a0}'..='\u{ffef}').contains(&c) && !('\u{fdd0}'..='\u{fdef}').contains(&c))
}

impl<'a> Lexer<'a> {
    fn rest(&self) -> &'a str {
        self.src.get(self.at..).unwrap_or("")
    }

    fn push(&mut self, tok: Tok, start: usize, end: usize) {
        let line_start = self.at_line_start();
        self.tokens.push(Token {
            tok,
            span: Span::new(start, end),
            space_before: self.space || self.newline,
            line_start,
        });
        self.newline = false;
        self.space = false;
    }

    fn last_is_emptyline(&self) -> bool {
        matches!(self.tokens.last(), Some(t) if t.tok == Tok::Emptyline)
    }

    fn at_line_start(&self) -> bool {
        self.tokens.is_empty() || self.newline || self.last_is_emptyline()
    }

    fn note(&mut self, span: Span, message: String, hint: String) {
        self.notes.push(LexNote {
            span,
            message,
            hint,
            error: false,
            fix: None,
        });
    }

    fn error(&mut self, span: Span, message: String, hint: String, fix: Option<(Span, String)>) {
        self.notes.push(LexNote {
            span,
            message,
            hint,
            error: true,
            fix,
        });
    }

    fn run(&mut self) {
        while self.at < self.src.len() {
            if self.skip_comment() {
                continue;
            }
            if self.inference {
                self.inference_token();
                continue;
            }
            if self.front_matter() || self.data() || self.line_break() {
                continue;
            }
            if self.at_line_start() && self.line_start_token() {
                continue;
            }
            self.inline_token();
        }
        self.dedent_all(self.src.len());
    }

    /// `//` to the end of the line, `/* ... */`, `<!-- ... -->`.
    fn skip_comment(&mut self) -> bool {
        let rest = self.rest();
        let (open, close) = if rest.starts_with("//") {
            let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
            self.at += end;
            return true;
        } else if rest.starts_with("/*") {
            ("/*", "*/")
        } else if rest.starts_with("<!--") {
            ("<!--", "-->")
        } else {
            return false;
        };
        let slot = usize::from(open == "<!--");
        let known_unclosed = self.unclosed_from[slot].is_some_and(|from| from <= self.at);
        let found = if known_unclosed {
            None
        } else {
            rest[open.len()..].find(close)
        };
        if found.is_none() && self.unclosed_from[slot].is_none() {
            self.unclosed_from[slot] = Some(self.at);
        }
        match found {
            Some(i) => {
                self.at += open.len() + i + close.len();
                true
            }
            None => {
                self.note(
                    Span::new(self.at, self.at + open.len()),
                    format!("the comment `{open}` is never closed, so it is read as text"),
                    format!("close the comment with `{close}`"),
                );
                false
            }
        }
    }

    fn front_matter(&mut self) -> bool {
        if !self.tokens.is_empty() || !self.rest().starts_with("===") {
            return false;
        }
        let rest = self.rest();
        // As Argdown's `/===+[\s\S]*?===+/`: up to the next `===`, so a lone `=` in the
        // YAML (`title: N=50`) does not end it.
        let open = rest.len() - rest.trim_start_matches('=').len();
        let Some(close) = rest[open..].find("===") else {
            return self.unclosed_front_matter(open);
        };
        // A later `===` that closes YAML with the map's own lines in it (`[A]: text`): the
        // closing line was forgotten after the YAML (Argdown rejects the file).
        let inner = &rest[open..open + close];
        let swallowed = inner.lines().skip(1).any(|l| {
            !l.trim().is_empty() && !l.starts_with([' ', '\t', '-', '#']) && !is_yaml_key_line(l)
        });
        if swallowed && super::yaml::block(inner).is_err() && self.unclosed_front_matter(open) {
            return true;
        }
        let rest = self.rest();
        let after = &rest[open + close..];
        let close_len = after.len() - after.trim_start_matches('=').len();
        let inner = rest[open..open + close].to_owned();
        let start = self.at;
        self.at += open + close + close_len;
        self.push(Tok::FrontMatter(inner), start, self.at);
        true
    }

    /// `===` and YAML lines with no closing `===`: Argdown reads them as a statement
    /// (`=== title: ...`). An error at the opening line; the front matter is read up to its
    /// first line that is not YAML, so the rest of the file is still checked.
    fn unclosed_front_matter(&mut self, open: usize) -> bool {
        let rest = self.rest();
        let after = &rest[open..];
        let Some(first_break) = after.find('\n') else {
            return false;
        };
        if !after[..first_break].trim().is_empty() {
            return false;
        }
        let body = &after[first_break + 1..];
        if !body.lines().next().is_some_and(is_yaml_key_line) {
            return false;
        }
        // The front matter ends before its first empty line or line that is no YAML.
        let mut end = 0;
        for line in body.split_inclusive('\n') {
            let text = line.trim_end_matches(['\n', '\r']);
            let yaml = is_yaml_key_line(text)
                || (text.starts_with([' ', '\t', '-']) && !text.trim().is_empty());
            if !yaml {
                break;
            }
            end += line.len();
        }
        let start = self.at;
        let body_at = start + open + first_break + 1;
        let inner = after[..first_break + 1 + end].to_owned();
        let last_line = Location::of(self.src, body_at + end.saturating_sub(1)).line;
        let ends_blank = body[end..].starts_with(['\n', '\r']) || end == body.len();
        let newline = if self.src.contains("\r\n") {
            "\r\n"
        } else {
            "\n"
        };
        let (at, replacement) = if end == body.len() && !body.ends_with('\n') {
            (self.src.len(), format!("{newline}==="))
        } else if ends_blank {
            (body_at + end, format!("==={newline}"))
        } else {
            (body_at + end, format!("==={newline}{newline}"))
        };
        self.error(
            Span::new(start, start + open),
            format!("the front matter is never closed: `===` opens it, but no line `===` follows its last line (line {last_line}), so Argdown reads the file otherwise than meant"),
            format!("put a line `===` after line {last_line}"),
            Some((Span::new(at, at), replacement)),
        );
        // The last line break stays, so that an empty line after it still ends a block.
        let taken = (first_break + 1 + end).saturating_sub(usize::from(end > 0));
        self.at = start + open + taken;
        self.push(
            Tok::FrontMatter(inner),
            start,
            (start + open + taken).max(start + open),
        );
        if !ends_blank {
            // The missing empty line after it is part of the same mistake: not a second one.
            self.at += usize::from(end > 0);
            self.push(Tok::Emptyline, self.at, self.at);
        }
        true
    }

    /// Inline data: `{` to its matching `}`, within one block (it stops at an empty line).
    fn data(&mut self) -> bool {
        if !self.rest().starts_with('{') {
            return false;
        }
        let Some(len) = data_len(self.rest()) else {
            return self.unclosed_data();
        };
        let start = self.at;
        self.at += len;
        let text = self.src[start..self.at].to_owned();
        self.push(Tok::Data(text), start, self.at);
        true
    }

    /// `{key: value` never closed: Argdown keeps it in the text. An error (with a closing
    /// `}` as the fix when the rest of the line is the whole data); the line is skipped.
    fn unclosed_data(&mut self) -> bool {
        let rest = self.rest();
        // The key stands on the line of the `{` or the next one.
        let two_lines = rest
            .match_indices('\n')
            .nth(1)
            .map_or(rest.len(), |(i, _)| i);
        let inner = rest[1..two_lines].trim_start();
        let key = inner.trim_start_matches(['"', '\'']);
        let key_len = key
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(key.len());
        if key_len == 0
            || !key[key_len..]
                .trim_start_matches(['"', '\''])
                .starts_with(':')
        {
            return false;
        }
        let line_len = rest.find(['\n', '\r']).unwrap_or(rest.len());
        let line = rest[..line_len].trim_end();
        let start = self.at;
        let balanced = line.matches('"').count() % 2 == 0
            && line.matches('[').count() == line.matches(']').count()
            && line.matches('{').count() == line.matches('}').count() + 1;
        let fix = balanced.then(|| {
            (
                Span::new(start + line.len(), start + line.len()),
                "}".to_owned(),
            )
        });
        let shown = if line.chars().count() > 40 {
            format!("{}…", line.chars().take(40).collect::<String>())
        } else {
            line.to_owned()
        };
        // The element it was meant for: the nearest title before it in the block.
        let owner = self
            .tokens
            .iter()
            .rev()
            .take(64)
            .take_while(|t| t.tok != Tok::Emptyline)
            .find_map(|t| match &t.tok {
                Tok::StatementDefinition(title) | Tok::StatementReference(title) => {
                    Some(format!(" of [{title}]"))
                }
                Tok::ArgumentDefinition(title) | Tok::ArgumentReference(title) => {
                    Some(format!(" of <{title}>"))
                }
                _ => None,
            })
            .unwrap_or_default();
        self.error(
            Span::new(start, start + line.len()),
            format!("the data `{shown}`{owner} is never closed, so Argdown would read it as part of the text"),
            if balanced {
                "close it with `}` at the end of the line".to_owned()
            } else {
                "close it with `}`, and each quote and `[` in it with its pair".to_owned()
            },
            fix,
        );
        self.at += line_len;
        true
    }

    /// A line break, or an empty line (two or more breaks with only blanks between).
    fn line_break(&mut self) -> bool {
        let rest = self.rest();
        let Some(first) = break_len(rest) else {
            return false;
        };
        let after = &rest[first..];
        let blanks = after.len() - after.trim_start_matches([' ', '\t']).len();
        let mut more = 0;
        let mut tail = &after[blanks..];
        loop {
            if tail.starts_with("\r\n") {
                more += 2;
                tail = &tail[2..];
            } else if tail.starts_with(['\n', '\r']) {
                more += 1;
                tail = &tail[1..];
            } else {
                break;
            }
        }
        let len = first + blanks + more;
        // Trailing empty lines end nothing; repeated empty lines are one.
        if more > 0 && len < rest.len() && !self.last_is_emptyline() && !self.tokens.is_empty() {
            let start = self.at;
            self.dedent_all(start);
            self.at += len;
            self.numbered_block = false;
            self.push(Tok::Emptyline, start, self.at);
        } else {
            self.at += first;
            self.newline = true;
        }
        true
    }

    fn line_start_token(&mut self) -> bool {
        let rest = self.rest();
        let indent_len = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        let indent = rest[..indent_len].chars().count();
        let body = &rest[indent_len..];
        let start = self.at;
        let body_at = start + indent_len;
        if !self.numbered_block {
            if let Some((symbol, meant)) = bad_relation(body, indent > 0) {
                self.indent_to(indent, start, body_at);
                self.at = body_at + symbol.len();
                let symbol = symbol.to_owned();
                self.push(Tok::BadRelation { symbol, meant }, body_at, self.at);
                return true;
            }
        }
        if body.starts_with("--") {
            self.dedent_all(start);
            self.at = body_at + 2;
            self.push(Tok::InferenceStart, body_at, self.at);
            self.inference = true;
            return true;
        }
        // `_` followed by a blank is Argdown's short form of `<_`.
        if body.starts_with('_') && body[1..].starts_with([' ', '\t']) {
            self.indent_to(indent, start, body_at);
            self.at = body_at + 1;
            self.push(Tok::Relation(Rel::UndercutBy), body_at, self.at);
            return true;
        }
        const RELATIONS: [(&str, Rel); 9] = [
            ("+>", Rel::Supports),
            ("->", Rel::Attacks),
            ("<+", Rel::SupportedBy),
            ("+", Rel::SupportedBy),
            ("<-", Rel::AttackedBy),
            ("-", Rel::AttackedBy),
            ("><", Rel::Contradicts),
            ("_>", Rel::Undercuts),
            ("<_", Rel::UndercutBy),
        ];
        if let Some(&(sym, rel)) = RELATIONS.iter().find(|(sym, _)| body.starts_with(sym)) {
            self.indent_to(indent, start, body_at);
            self.at = body_at + sym.len();
            self.push(Tok::Relation(rel), body_at, self.at);
            return true;
        }
        if self.tokens.is_empty() || self.last_is_emptyline() {
            let hashes = body.len() - body.trim_start_matches('#').len();
            if hashes > 0 && body[hashes..].starts_with(' ') {
                self.at = body_at + hashes + 1;
                self.push(Tok::Heading(hashes), body_at, body_at + hashes);
                return true;
            }
        }
        if let Some(inner) = body.strip_prefix('(') {
            let digits = inner.len() - inner.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            if digits > 0 && inner[digits..].starts_with(')') {
                self.dedent_all(start);
                self.numbered_block = true;
                self.at = body_at + digits + 2;
                self.push(
                    Tok::StatementNumber(inner[..digits].to_owned()),
                    body_at,
                    self.at,
                );
                return true;
            }
        }
        if indent > 0 {
            let followed_by_space = |s: &str| s.starts_with([' ', '\t', '\n', '\r']);
            let digits = body.len() - body.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            let ordered = digits > 0
                && body[digits..].starts_with('.')
                && followed_by_space(&body[digits + 1..]);
            let unordered = body.starts_with('*') && followed_by_space(&body[1..]);
            if ordered || unordered {
                self.indent_to(indent, start, body_at);
                let len = if ordered { digits + 1 } else { 1 };
                self.at = body_at + len;
                let tok = if ordered {
                    Tok::OrderedItem
                } else {
                    Tok::UnorderedItem
                };
                self.push(tok, body_at, self.at);
                return true;
            }
        }
        false
    }

    /// Argdown's indentation stack: deeper pushes one level, shallower pops every level
    /// deeper than the line (and pushes nothing, even when the line stops between levels).
    fn indent_to(&mut self, indent: usize, start: usize, end: usize) {
        let top = self.indents.last().copied().unwrap_or(0);
        if indent > top {
            self.indents.push(indent);
            self.push_layout(Tok::Indent, start, end);
        } else {
            while self.indents.len() > 1 && indent < self.indents.last().copied().unwrap_or(0) {
                self.indents.pop();
                self.push_layout(Tok::Dedent, start, end);
            }
            if indent > self.indents.last().copied().unwrap_or(0) {
                self.note(
                    Span::new(end, end + 1),
                    "this relation's indentation matches no line above it, so it is read as a relation of the outer element".into(),
                    "indent the relation exactly as deep as its siblings".into(),
                );
            }
        }
    }

    fn dedent_all(&mut self, at: usize) {
        while self.indents.len() > 1 {
            self.indents.pop();
            self.push_layout(Tok::Dedent, at, at);
        }
    }

    /// Layout tokens do not use up the pending line break, so the token after them still
    /// counts as starting a line.
    fn push_layout(&mut self, tok: Tok, start: usize, end: usize) {
        let (newline, space) = (self.newline, self.space);
        self.push(tok, start, end);
        self.newline = newline;
        self.space = space;
    }

    fn inline_token(&mut self) {
        let rest = self.rest();
        let start = self.at;
        let Some(c) = rest.chars().next() else {
            self.at = self.src.len();
            return;
        };
        if c == ' ' || c == '\t' {
            self.at += rest.len() - rest.trim_start_matches([' ', '\t']).len();
            self.space = true;
            return;
        }
        if c == '\\' {
            let escaped = rest[1..].chars().next();
            match escaped {
                Some(e) if e != '\n' && e != '\r' => {
                    self.at += 1 + e.len_utf8();
                    self.push(Tok::Escaped(e), start, self.at);
                }
                _ => {
                    self.at += 1;
                    self.push(Tok::Text("\\".into()), start, self.at);
                }
            }
            return;
        }
        if let Some((tok, len)) = markup(rest) {
            self.at += len;
            let trailing = self.rest().starts_with([' ', '\t']);
            if trailing {
                self.at += 1;
            }
            self.push(tok, start, self.at);
            self.space = trailing;
            return;
        }
        let run = rest
            .char_indices()
            .skip(1)
            .find(|&(_, c)| is_special(c))
            .map_or(rest.len(), |(i, _)| i);
        self.at += run;
        self.push(Tok::Text(rest[..run].to_owned()), start, self.at);
    }

    fn inference_token(&mut self) {
        let rest = self.rest();
        let start = self.at;
        if self.line_break_in_inference() || self.data() {
            return;
        }
        let rest_dashes = rest.len() - rest.trim_start_matches('-').len();
        if rest_dashes >= 2 {
            self.at += rest_dashes;
            self.push(Tok::InferenceEnd, start, self.at);
            self.inference = false;
            return;
        }
        let Some(c) = rest.chars().next() else {
            self.at = self.src.len();
            return;
        };
        match c {
            ' ' | '\t' => {
                self.at += 1;
                self.space = true;
            }
            ',' => {
                self.at += 1;
                self.push(Tok::Comma, start, self.at);
            }
            _ => {
                let run = rest
                    .char_indices()
                    .skip(1)
                    .find(|&(_, c)| matches!(c, '-' | ',' | '{' | '/' | '<' | '\n' | '\r'))
                    .map_or(rest.len(), |(i, _)| i);
                self.at += run;
                self.push(Tok::Text(rest[..run].to_owned()), start, self.at);
            }
        }
    }

    fn line_break_in_inference(&mut self) -> bool {
        let rest = self.rest();
        let Some(len) = break_len(rest) else {
            return false;
        };
        // An empty line ends an inference line never closed (an error for the parser, as
        // in Argdown), so that the blocks after it are read as blocks.
        if break_len(rest[len..].trim_start_matches([' ', '\t'])).is_some() {
            self.inference = false;
            return true;
        }
        self.at += len;
        self.newline = true;
        true
    }
}

/// A YAML `key: value` line (or `key:`), as the first line of front matter has.
fn is_yaml_key_line(line: &str) -> bool {
    let key = line.trim_start_matches(['"', '\'']);
    let len = key
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(key.len());
    let after = key[len..].trim_start_matches(['"', '\'']);
    len > 0
        && line.starts_with(|c: char| c.is_alphanumeric() || c == '"' || c == '\'' || c == '_')
        && (after == ":" || after.starts_with(": ") || after.starts_with(":\t"))
}

/// The relation symbols, as written, with what each means.
pub(crate) const SYMBOLS: [(&str, Rel); 10] = [
    ("+", Rel::SupportedBy),
    ("-", Rel::AttackedBy),
    ("_", Rel::UndercutBy),
    ("><", Rel::Contradicts),
    ("+>", Rel::Supports),
    ("->", Rel::Attacks),
    ("_>", Rel::Undercuts),
    ("<+", Rel::SupportedBy),
    ("<-", Rel::AttackedBy),
    ("<_", Rel::UndercutBy),
];

/// A symbol at the start of a line that looks like a relation symbol but is none (`--`,
/// `++`, `=>`, `-->`, an en dash), with the symbol it most likely means. Only where
/// Argdown's tools fail or misread too: before a `[title]` or `<title>` (which they reject),
/// or, on an indented line, a symbol of two or more characters that can only have meant a
/// relation (which they would glue to the text above, or read with a stray `+` in the text).
/// `--` with a closing `--` later on the line is an inference line, left alone.
fn bad_relation(body: &str, indented: bool) -> Option<(&str, Option<(&'static str, Rel)>)> {
    const CHARS: &[char] = &[
        '+', '-', '<', '>', '_', '=', '~', '–', '—', '−', '→', '⇒', '←',
    ];
    // The line only: what follows it is no business of this line's symbol.
    let body = &body[..body.find(['\n', '\r']).unwrap_or(body.len())];
    let len = body.len() - body.trim_start_matches(CHARS).len();
    let symbol = &body[..len];
    let after = &body[len..];
    if len == 0 || !after.starts_with([' ', '\t', '[']) {
        return None;
    }
    if SYMBOLS.iter().any(|(s, _)| *s == symbol) {
        return None;
    }
    let dashes_only = symbol.chars().all(|c| c == '-');
    if dashes_only && (symbol.len() > 2 || after.contains("--")) {
        return None;
    }
    let rest = after.trim_start();
    // A `[title]` or `<title>`; a link `[text](url)` is text, in Argdown too.
    let closed_by = |close: char| {
        rest.find(close)
            .is_some_and(|i| !rest[i + 1..].starts_with('('))
    };
    let titled =
        (rest.starts_with('[') && closed_by(']')) || (rest.starts_with('<') && closed_by('>'));
    let meant = meant_symbol(symbol);
    let comparison = matches!(symbol, "<=" | ">=" | "==" | "<>" | "=<");
    let relation_chars = symbol.chars().all(|c| "+-<>_".contains(c));
    let arrow = indented
        && symbol.chars().count() >= 2
        && (meant.is_some() || relation_chars)
        && !comparison;
    (titled || arrow).then_some((symbol, meant))
}

/// The relation symbol a mistyped one most likely means: dashes of every kind read as `-`,
/// doubled characters as one, `=>` as `+>` and `<=` as `<+`.
fn meant_symbol(symbol: &str) -> Option<(&'static str, Rel)> {
    let mut plain = String::new();
    for c in symbol.chars() {
        let c = match c {
            '–' | '—' | '−' => "-",
            '→' => "->",
            '⇒' => "=>",
            '←' => "<-",
            '+' => "+",
            '-' => "-",
            '<' => "<",
            '>' => ">",
            '_' => "_",
            '=' => "=",
            _ => "~",
        };
        for c in c.chars() {
            if !plain.ends_with(c) {
                plain.push(c);
            }
        }
    }
    let plain = match plain.as_str() {
        "=>" => "+>",
        "<=" => "<+",
        other => other,
    };
    SYMBOLS.iter().copied().find(|(s, _)| *s == plain)
}

/// The length of the inline data at the start of `s` (which starts with `{`): up to the
/// matching `}`, outside quotes; `None` when it is not closed before an empty line.
fn data_len(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut prev_newline = false;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\n' {
            if prev_newline {
                return None;
            }
            prev_newline = true;
            continue;
        }
        if !c.is_whitespace() {
            prev_newline = false;
        }
        match quote {
            Some('"') if c == '\\' => {
                chars.next();
            }
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                '"' | '\'' => {
                    // An apostrophe inside a word is not a quote.
                    let after_word = i > 0
                        && s[..i]
                            .chars()
                            .next_back()
                            .is_some_and(|p| p.is_alphanumeric());
                    if !(c == '\'' && after_word) {
                        quote = Some(c);
                    }
                }
                '{' => depth += 1,
                '}' => {
                    depth = depth.checked_sub(1)?;
                    if depth == 0 {
                        return Some(i + 1);
                    }
                }
                _ => {}
            },
        }
    }
    None
}

/// Links, tags, titles and mentions at the start of `s`, with their length (without the
/// single blank Argdown takes with some of them).
fn markup(s: &str) -> Option<(Tok, usize)> {
    let first = s.chars().next()?;
    match first {
        '[' => {
            let line = s.split(['\n', '\r']).next().unwrap_or("");
            // A link: `[text](url)`, on one line.
            if let Some(close) = line[1..].find(']') {
                let text = &line[1..1 + close];
                let after = &line[close + 2..];
                if !text.is_empty() && after.starts_with('(') {
                    if let Some(end) = after[1..].find(')') {
                        let url = &after[1..1 + end];
                        if !url.is_empty() {
                            let len = close + 2 + end + 2;
                            return Some((
                                Tok::Link {
                                    text: text.to_owned(),
                                    url: url.to_owned(),
                                },
                                len,
                            ));
                        }
                    }
                }
            }
            titled(line, ']', Tok::StatementDefinition, Tok::StatementReference)
        }
        '<' => {
            let line = s.split(['\n', '\r']).next().unwrap_or("");
            titled(line, '>', Tok::ArgumentDefinition, Tok::ArgumentReference)
        }
        '@' => {
            let line = s.split(['\n', '\r']).next().unwrap_or("");
            let (open, close_char) = match line[1..].chars().next()? {
                '[' => ('[', ']'),
                '<' => ('<', '>'),
                _ => return None,
            };
            let _ = open;
            let close = line[2..].find(close_char)?;
            if close == 0 {
                return None;
            }
            let len = close + 3;
            Some((Tok::Mention(line[..len].to_owned()), len))
        }
        '#' => {
            let after = s[1..].split(['\n', '\r']).next().unwrap_or("");
            if let Some(inner) = after.strip_prefix('(') {
                let end = inner.find(')')?;
                if end == 0 {
                    return None;
                }
                let name = &inner[..end];
                return Some((
                    Tok::Tag {
                        name: name.to_owned(),
                        image: s[..end + 3].to_owned(),
                    },
                    end + 3,
                ));
            }
            let len = after.len() - after.trim_start_matches(is_tag_char).len();
            if len == 0 {
                return None;
            }
            Some((
                Tok::Tag {
                    name: after[..len].to_owned(),
                    image: s[..len + 1].to_owned(),
                },
                len + 1,
            ))
        }
        _ => None,
    }
}

/// The length of the line break `rest` starts with (`\r\n`, `\n` or `\r`), if any.
fn break_len(rest: &str) -> Option<usize> {
    if rest.starts_with("\r\n") {
        Some(2)
    } else if rest.starts_with(['\n', '\r']) {
        Some(1)
    } else {
        None
    }
}

/// A `[title]` or `<title>` at the start of `line`, the title closed by `close` on the same
/// line: a definition when a `:` follows the bracket, a reference otherwise, with the bytes it
/// takes. `None` when the title is empty or not closed.
fn titled(
    line: &str,
    close: char,
    definition: fn(String) -> Tok,
    reference: fn(String) -> Tok,
) -> Option<(Tok, usize)> {
    let end = line[1..].find(close)?;
    let title = &line[1..1 + end];
    if title.is_empty() {
        return None;
    }
    if line[end + 2..].starts_with(':') {
        Some((definition(title.to_owned()), end + 3))
    } else {
        Some((reference(title.to_owned()), end + 2))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<Tok> {
        lex(src).tokens.into_iter().map(|t| t.tok).collect()
    }

    #[test]
    fn relations_make_an_indentation_stack() {
        let toks = kinds("A\n  + B\n      <+ D\n    -> G\n");
        assert_eq!(
            toks,
            vec![
                Tok::Text("A".into()),
                Tok::Indent,
                Tok::Relation(Rel::SupportedBy),
                Tok::Text("B".into()),
                Tok::Indent,
                Tok::Relation(Rel::SupportedBy),
                Tok::Text("D".into()),
                Tok::Dedent,
                Tok::Relation(Rel::Attacks),
                Tok::Text("G".into()),
                Tok::Dedent,
            ]
        );
    }

    #[test]
    fn comments_escapes_and_blocks() {
        let toks = kinds("a // c\n/* x\n y */b \\[c\\]\n\n# H #t\n\n(1) p\n----\n(2) q");
        assert_eq!(toks[0], Tok::Text("a".into()));
        assert_eq!(toks[1], Tok::Text("b".into()));
        assert_eq!(toks[2], Tok::Escaped('['));
        assert_eq!(toks[3], Tok::Text("c".into()));
        assert_eq!(toks[4], Tok::Escaped(']'));
        assert_eq!(toks[5], Tok::Emptyline);
        assert_eq!(toks[6], Tok::Heading(1));
        assert!(matches!(&toks[8], Tok::Tag { name, .. } if name == "t"));
        assert!(toks.contains(&Tok::InferenceStart));
        assert!(toks.contains(&Tok::InferenceEnd));
        assert!(toks.contains(&Tok::StatementNumber("2".into())));
    }

    #[test]
    fn front_matter_ends_at_the_first_triple_equals_and_underscore_undercuts() {
        let toks = kinds("===\ntitle: N=50\n===\n\nA\n    _ B\n");
        assert_eq!(toks[0], Tok::FrontMatter("\ntitle: N=50\n".into()));
        assert!(toks.contains(&Tok::Relation(Rel::UndercutBy)));
        // `_` glued to a word is text.
        assert!(!kinds("A\n    _x\n").contains(&Tok::Relation(Rel::UndercutBy)));
    }

    #[test]
    fn near_misses_of_relation_symbols_say_what_was_meant() {
        let meant = |s: &str| meant_symbol(s).map(|(m, _)| m);
        assert_eq!(meant("--"), Some("-"));
        assert_eq!(meant("–"), Some("-"));
        assert_eq!(meant("++"), Some("+"));
        assert_eq!(meant("=>"), Some("+>"));
        assert_eq!(meant("==>"), Some("+>"));
        assert_eq!(meant("-->"), Some("->"));
        assert_eq!(meant("<="), Some("<+"));
        assert_eq!(meant("<+>"), None);
        // Before a title every near-miss counts; before plain text only arrows of two or
        // more characters on an indented line; an inference line with its rule never.
        assert!(bad_relation("~ [B]: b", true).is_some());
        assert!(bad_relation("~ text", true).is_none());
        assert!(bad_relation("=> text", true).is_some());
        assert!(bad_relation("=> text", false).is_none());
        assert!(bad_relation("<= 5 euros", true).is_none());
        assert!(bad_relation("-- rule --", true).is_none());
        assert!(bad_relation("---- [B]", true).is_none());
        assert!(bad_relation("+ [B]", true).is_none());
        assert!(bad_relation("-> [B]", true).is_none());
        // A link is no title.
        assert!(bad_relation("> [a link](https://example.org)", true).is_none());
        assert!(bad_relation("> [B] and [a link](https://example.org)", true).is_some());
        // Only the line counts.
        assert!(bad_relation("= x\n[B]: b", true).is_none());
    }

    #[test]
    fn data_spans_lines_but_not_blocks() {
        assert_eq!(data_len("{a: 1}"), Some(6));
        assert_eq!(data_len("{\n a: {b: 2}\n}x"), Some(14));
        assert_eq!(data_len("{a: 1\n\n}"), None);
        assert_eq!(data_len("{note: it's}"), Some(12));
        assert_eq!(data_len("{a}}"), Some(3));
    }
}
