//! The parser: Argdown's tokens into the document ([`Doc`](super::Doc)), block by block,
//! with relation trees nested by indentation and premise-conclusion structures.

use serde_json::{Map as JsonMap, Value};

use super::super::lex::{self, Tok, Token};
use super::super::yaml;
use super::*;
use crate::diagnostic::{Diagnostic, Fix, LineIndex, Severity, Span};
use crate::format::json::LoadError;
use crate::model::*;

mod trees;

/// Parses a document; `Err` with every error found (the parser recovers at the next line
/// or block after each) and the warnings.
pub(super) fn parse(src: &str) -> Result<(Doc, Vec<Diagnostic>), LoadError> {
    let lexed = lex::lex(src);
    let mut p = Parser {
        src,
        lines: LineIndex::new(src),
        toks: lexed.tokens,
        pos: 0,
        warnings: Vec::new(),
        errors: Vec::new(),
        doc: Doc::default(),
        prev_argument: None,
        pending_relation: None,
    };
    for note in lexed.notes {
        if note.error {
            let mut d = p.error(note.span, note.message, note.hint);
            if let Some((span, replacement)) = note.fix {
                d = p.with_fix(d, span, replacement);
            }
            p.fail(d);
        } else {
            push_warning(src, &mut p.warnings, note.span, note.message, note.hint);
        }
    }
    p.document();
    if !p.errors.is_empty() {
        let mut diagnostics = std::mem::take(&mut p.errors);
        diagnostics.sort_by_key(|d| d.span.map(|s| s.start));
        if let Some(next) = diagnostics.get(MAX_ERRORS).and_then(|d| d.span) {
            diagnostics.truncate(MAX_ERRORS);
            diagnostics.push(p.error(
                next,
                "more errors follow from here; only the first ones are listed",
                "fix the errors above and read the file again",
            ));
        }
        diagnostics.append(&mut p.warnings);
        return Err(LoadError { diagnostics });
    }
    Ok((p.doc, p.warnings))
}

/// Past this many errors the parser stops: a coach fixes the first ones, and a file of
/// something else than Argdown is not worth a message per line.
const MAX_ERRORS: usize = 100;

struct Parser<'a> {
    src: &'a str,
    /// Where each line starts, to place many errors without scanning the text each time.
    lines: LineIndex,
    toks: Vec<Token>,
    pos: usize,
    warnings: Vec<Diagnostic>,
    errors: Vec<Diagnostic>,
    doc: Doc,
    /// The argument block just before the current block, which a PCS reconstructs.
    prev_argument: Option<usize>,
    /// The `relation` data of the element just read, for the relation line it stands on.
    pending_relation: Option<JsonMap<String, Value>>,
}

type Parse<T> = Result<T, Diagnostic>;

/// Where an element stands, which decides what may follow it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Block,
    Relation,
    Premise,
    ListItem,
}

/// The relation symbols, for messages about a line that has none or a wrong one.
const SYMBOLS_IN_WORDS: &str =
    "`+`, `-`, `_`, `><`, or the arrow forms `+>`, `->`, `_>` and `<+`, `<-`, `<_`";

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|t| &t.tok)
    }

    fn span(&self) -> Span {
        match self.toks.get(self.pos) {
            Some(t) => t.span,
            None => Span::new(self.src.len(), self.src.len()),
        }
    }

    fn bump(&mut self) -> Option<Token> {
        let t = self.toks.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    fn error(&self, span: Span, message: impl Into<String>, hint: impl Into<String>) -> Diagnostic {
        Diagnostic::indexed(Severity::Error, self.src, &self.lines, Some(span), message)
            .with_hint(hint)
    }

    /// The diagnostic with an edit that fixes it.
    fn with_fix(&self, mut d: Diagnostic, span: Span, replacement: String) -> Diagnostic {
        d.fix = Some(Fix {
            span,
            start: self.lines.location(self.src, span.start),
            end: self.lines.location(self.src, span.end),
            replacement,
        });
        d
    }

    /// Records an error; the caller goes on.
    fn fail(&mut self, d: Diagnostic) {
        self.errors.push(d);
    }

    /// Whether enough errors are known to stop.
    fn full(&self) -> bool {
        self.errors.len() > MAX_ERRORS
    }

    fn warn(&mut self, span: Span, message: impl Into<String>, hint: impl Into<String>) {
        push_warning(self.src, &mut self.warnings, span, message, hint);
    }

    fn document(&mut self) {
        if let Some(Tok::FrontMatter(yaml_text)) = self.peek() {
            let yaml_text = yaml_text.clone();
            let span = self.span();
            self.bump();
            match yaml::block(&yaml_text) {
                Ok(Value::Object(map)) => {
                    self.doc.own = map.get("titles_are_ids") == Some(&Value::Bool(true));
                    self.doc.front = map;
                }
                Ok(Value::Null) => {}
                Ok(_) => self.warn(
                    span,
                    "the front matter is not a list of `key: value` lines, so it is ignored",
                    "write the front matter as YAML keys, e.g. `title: My debate`",
                ),
                Err(e) => self.warn(
                    span,
                    format!("the front matter is not valid YAML ({e}), so it is ignored"),
                    "check the YAML between the two `===` lines",
                ),
            }
            self.end_of_block("the front matter");
        }
        while self.peek().is_some() && !self.full() {
            let what = match self.peek() {
                Some(Tok::Heading(_)) => "the heading",
                Some(Tok::StatementNumber(_)) => "the premise-conclusion structure",
                Some(Tok::Indent) => "the list",
                _ => "the statement above",
            };
            let start = self.pos;
            if let Err(e) = self.block() {
                self.fail(e);
                self.resync();
            }
            self.end_of_block(what);
            if self.pos == start {
                // Nothing was read: step over the token rather than stop.
                self.bump();
            }
        }
    }

    /// After an error in a block: on to the next empty line, or to the next line that
    /// starts a block of its own (a definition, a numbered premise), where reading resumes.
    fn resync(&mut self) {
        while let Some(t) = self.toks.get(self.pos) {
            let starts_block = t.line_start
                && matches!(
                    t.tok,
                    Tok::StatementDefinition(_)
                        | Tok::ArgumentDefinition(_)
                        | Tok::StatementNumber(_)
                );
            if t.tok == Tok::Emptyline || starts_block {
                return;
            }
            self.pos += 1;
        }
    }

    /// After an error in a relation line: on to the next line with a structure of its own (a
    /// relation, a change of indentation, the end of the block), over the text that
    /// continues the broken line.
    fn skip_to_structure(&mut self) {
        while let Some(t) = self.toks.get(self.pos) {
            let structural = matches!(
                t.tok,
                Tok::Relation(_)
                    | Tok::BadRelation { .. }
                    | Tok::Indent
                    | Tok::Dedent
                    | Tok::Emptyline
                    | Tok::StatementNumber(_)
                    | Tok::InferenceStart
                    | Tok::OrderedItem
                    | Tok::UnorderedItem
            ) || (t.line_start
                && matches!(
                    t.tok,
                    Tok::StatementDefinition(_) | Tok::ArgumentDefinition(_)
                ));
            if structural {
                return;
            }
            self.pos += 1;
        }
    }

    /// Skips the line at hand and every line indented under it.
    fn skip_line_and_children(&mut self) {
        self.bump();
        self.skip_to_structure();
        if self.peek() != Some(&Tok::Indent) {
            return;
        }
        let mut depth = 0usize;
        while let Some(tok) = self.peek() {
            match tok {
                Tok::Indent => depth += 1,
                Tok::Dedent => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        self.bump();
                        return;
                    }
                }
                Tok::Emptyline => return,
                _ => {}
            }
            self.bump();
        }
    }

    /// After a block: an empty line or the end. Anything else is one of the usual mistakes,
    /// each reported; reading goes on after it.
    fn end_of_block(&mut self, what: &str) {
        while !self.full() {
            let span = self.span();
            let error = match self.peek().cloned() {
                None => return,
                Some(Tok::Emptyline) => {
                    self.bump();
                    return;
                }
                Some(Tok::Relation(rel)) => {
                    // As written: `<+` and `+` are one symbol to the lexer.
                    let symbol = self.src.get(span.start..span.end).unwrap_or(rel.symbol());
                    let e = self.error(
                        span,
                        format!("a relation must be indented under the statement it relates to (`{symbol}` starts the line)"),
                        "indent the relation with spaces under its statement or argument, e.g. `    + [Reason]`",
                    );
                    self.fail(e);
                    self.skip_line_and_children();
                    continue;
                }
                Some(Tok::BadRelation { symbol, meant }) => {
                    self.bump();
                    let child = match self.peek() {
                        Some(
                            Tok::StatementDefinition(t)
                            | Tok::StatementReference(t),
                        ) => Some(format!("[{t}]")),
                        Some(Tok::ArgumentDefinition(t) | Tok::ArgumentReference(t)) => {
                            Some(format!("<{t}>"))
                        }
                        _ => None,
                    };
                    let e = self.bad_relation(span, &symbol, meant, None, child);
                    self.fail(e);
                    self.pos -= 1;
                    self.skip_line_and_children();
                    continue;
                }
                Some(Tok::StatementNumber(n)) => {
                    let e = self.error(
                        span,
                        format!("the premise ({n}) does not start a new block"),
                        "put an empty line before the first premise (1) of a premise-conclusion structure",
                    );
                    self.fail(e);
                    // Read on from it, as the structure it starts.
                    return;
                }
                Some(Tok::InferenceStart) => self.error(
                    span,
                    "an inference line `--` must come between numbered premises and their conclusion",
                    "write the premises as (1), (2), ... directly above the `----` line",
                ),
                Some(Tok::Indent) => self.error(
                    span,
                    "an indented list cannot follow text in the same block",
                    "put an empty line before the list",
                ),
                Some(Tok::Data(_)) => self.error(
                    span,
                    "this data does not follow a statement, argument or heading",
                    "put the {key: value} data right after the element it describes",
                ),
                Some(Tok::StatementReference(title)) | Some(Tok::ArgumentReference(title)) => {
                    let (open, close) = brackets(matches!(self.peek(), Some(Tok::StatementReference(_))));
                    self.error(
                        span,
                        format!("{open}{title}{close} stands in the middle of a text, where a reference cannot be"),
                        format!("write @{open}{title}{close} to mention it inside a text, start a new block with it, or escape the brackets as \\{open} \\{close}"),
                    )
                }
                Some(Tok::InferenceEnd) | Some(Tok::Comma) => self.error(
                    span,
                    "this is not valid here",
                    "an inference line is written `----` or `-- rule --`",
                ),
                Some(Tok::StatementDefinition(title)) | Some(Tok::ArgumentDefinition(title)) => {
                    let (open, close) = brackets(matches!(self.peek(), Some(Tok::StatementDefinition(_))));
                    let e = self.error(
                        span,
                        format!("{open}{title}{close}: must start a new block, but it follows {what} with no empty line between"),
                        format!("put an empty line before {open}{title}{close}:"),
                    );
                    self.fail(e);
                    // Read on from it, as the block it was meant to start.
                    return;
                }
                Some(_) => self.error(
                    span,
                    format!("unexpected text after {what}"),
                    "separate blocks with an empty line",
                ),
            };
            self.fail(error);
            self.bump();
            self.resync();
        }
    }

    fn block(&mut self) -> Parse<()> {
        let span = self.span();
        let prev_argument = self.prev_argument.take();
        match self.peek() {
            Some(Tok::Heading(level)) => {
                let level = *level;
                self.heading(level)
            }
            Some(Tok::StatementNumber(_)) => self.pcs(prev_argument),
            Some(Tok::Indent) => {
                let next = self.toks.get(self.pos + 1).map(|t| &t.tok);
                match next {
                    Some(Tok::OrderedItem | Tok::UnorderedItem) => self.list(),
                    _ => Err(self.error(
                        self.toks.get(self.pos + 1).map_or(span, |t| t.span),
                        "a relation must come directly under the statement or argument it relates to, with no empty line between",
                        "remove the empty line above, or write the statement this relation belongs to above it",
                    )),
                }
            }
            Some(Tok::InferenceStart) => Err(self.error(
                span,
                "an inference line `--` must follow numbered premises",
                "write the premises as (1), (2), ... directly above the `----` line",
            )),
            Some(Tok::Relation(_) | Tok::BadRelation { .. } | Tok::Data(_)) => {
                self.end_of_block("nothing");
                Ok(())
            }
            Some(Tok::FrontMatter(_)) => Err(self.error(
                span,
                "front matter (`===`) must come first in the file",
                "move the `===` block to the top, or remove it",
            )),
            _ => {
                let node = self.element(Place::Block)?;
                if let Node::Argument(a) = node {
                    self.prev_argument = Some(a);
                }
                Ok(())
            }
        }
    }

    fn heading(&mut self, level: usize) -> Parse<()> {
        let span = self.span();
        self.bump();
        let content = self.content();
        if content.text.is_empty() {
            return Err(self.error(
                span,
                "a heading needs a title after the `#`",
                "write the heading as `# Title`",
            ));
        }
        let data = self.data();
        // The parent is the nearest open section of a lower level.
        let mut parent = self.doc.current_section;
        while let Some(p) = parent {
            if self.doc.sections[p].level < level {
                break;
            }
            parent = self.doc.sections[p].parent;
        }
        self.doc.sections.push(Section {
            title: content.text,
            parent,
            tags: content.tags,
            data: data.map(|(d, _)| d).unwrap_or_default(),
            level,
        });
        self.doc.current_section = Some(self.doc.sections.len() - 1);
        Ok(())
    }

    /// Text, links, tags and mentions, across line breaks, up to the next structural token.
    /// Inline data followed by more text is kept as text, with a warning. Tags at the end of
    /// the text are taken out of it (they are the element's tags); with the front matter's
    /// `model: {removeTagsFromText: true}`, every tag is.
    fn content(&mut self) -> Content {
        // (space before, text, literal, is a tag)
        let mut pieces: Vec<(bool, String, bool, bool)> = Vec::new();
        let mut out = Content::default();
        while let Some(t) = self.toks.get(self.pos) {
            let space = t.space_before;
            match &t.tok {
                Tok::Text(s) => pieces.push((space, s.clone(), false, false)),
                Tok::Escaped(c) => pieces.push((space, c.to_string(), true, false)),
                Tok::Mention(image) => pieces.push((space, image.clone(), true, false)),
                Tok::Link { text, url } => {
                    pieces.push((space, text.clone(), false, false));
                    out.links.push((text.clone(), url.clone()));
                }
                Tok::Tag { name, image } => {
                    pieces.push((space, image.clone(), true, true));
                    if !out.tags.contains(name) {
                        out.tags.push(name.clone());
                    }
                }
                Tok::Data(d) => {
                    let more_text = matches!(
                        self.toks.get(self.pos + 1).map(|t| &t.tok),
                        Some(
                            Tok::Text(_)
                                | Tok::Escaped(_)
                                | Tok::Link { .. }
                                | Tok::Mention(_)
                                | Tok::Tag { .. }
                        )
                    );
                    if !more_text {
                        break;
                    }
                    pieces.push((space, d.clone(), true, false));
                    let span = t.span;
                    self.warn(
                        span,
                        "`{` ... `}` in the middle of a text is kept as text",
                        "inline data goes at the end of a statement; to write braces in a text, escape them as \\{ and \\}",
                    );
                }
                _ => break,
            }
            self.pos += 1;
        }
        let remove_all = self
            .doc
            .front
            .get("model")
            .and_then(|m| m.get("removeTagsFromText"))
            .and_then(Value::as_bool)
            == Some(true);
        let last_word = pieces
            .iter()
            .rposition(|(_, text, _, tag)| !tag && !text.trim().is_empty());
        let mut chars: Vec<(char, bool)> = Vec::new();
        for (i, (space, text, literal, tag)) in pieces.iter().enumerate() {
            if *tag && last_word.is_some_and(|w| remove_all || i > w) {
                continue;
            }
            if *space && !chars.is_empty() {
                chars.push((' ', true));
            }
            chars.extend(text.chars().map(|c| (c, *literal)));
        }
        out.text = normalise(&strip_emphasis(&chars));
        out
    }

    /// Optional inline data after an element; actors are taken out of it.
    fn data(&mut self) -> Option<(JsonMap<String, Value>, Span)> {
        let Some(Tok::Data(text)) = self.peek() else {
            return None;
        };
        let text = text.clone();
        let span = self.span();
        self.bump();
        match yaml::inline(&text) {
            Ok(map) => Some((map, span)),
            Err(e) => {
                self.warn(
                    span,
                    format!("the data `{}` is not valid YAML ({e}), so it is ignored", clip(&text)),
                    "write data as {key: value, other: [a, b]}; quote values that contain `:` or `,`",
                );
                None
            }
        }
    }

    /// One statement or argument (definition, reference or plain text), with its data and,
    /// when indented lines follow, its relations.
    fn element(&mut self, place: Place) -> Parse<Node> {
        let node = self.element_head(place)?;
        if self.peek() == Some(&Tok::Indent) {
            self.relations(node)?;
        }
        Ok(node)
    }

    fn element_head(&mut self, place: Place) -> Parse<Node> {
        let span = self.span();
        let Some(tok) = self.peek().cloned() else {
            return Err(self.error(
                span,
                "a statement or argument is missing at the end of the file",
                "write the statement, [Title] or <Argument> the line refers to",
            ));
        };
        let node = match tok {
            Tok::StatementDefinition(title) => {
                self.bump();
                let content = self.content();
                if content.text.is_empty() {
                    self.warn(
                        span,
                        format!("`[{title}]:` has no text after the colon, so it is read as a reference"),
                        format!("write the statement after the colon, or drop the colon to refer to [{title}]"),
                    );
                }
                let s = self.statement(Some(title), span, !content.text.is_empty());
                self.add_member(Node::Statement(s), content);
                Node::Statement(s)
            }
            Tok::ArgumentDefinition(title) => {
                self.bump();
                let content = self.content();
                let a = self.argument(Some(title), span, !content.text.is_empty());
                self.add_member(Node::Argument(a), content);
                Node::Argument(a)
            }
            Tok::StatementReference(ref title) | Tok::ArgumentReference(ref title) => {
                let title = title.clone();
                let is_statement = matches!(tok, Tok::StatementReference(_));
                self.bump();
                let tags = self.tags();
                if let Some(Tok::Text(_) | Tok::Escaped(_) | Tok::Link { .. } | Tok::Mention(_)) =
                    self.peek()
                {
                    let (open, close) = brackets(is_statement);
                    let what = if is_statement {
                        "statement"
                    } else {
                        "argument"
                    };
                    return Err(self.error(
                        self.span(),
                        format!("text after the reference {open}{title}{close}"),
                        format!(
                            "write {open}{title}{close}: text to define the {what}, @{open}{title}{close} to mention it inside a text, or escape the brackets as \\{open} \\{close}"
                        ),
                    ));
                }
                let content = Content {
                    tags,
                    ..Content::default()
                };
                // In argumap's files a reference standing as a block is the element's place
                // (a claim without text, an argument without description).
                let defines = self.doc.own && place == Place::Block;
                let node = if is_statement {
                    Node::Statement(self.statement(Some(title), span, defines))
                } else {
                    Node::Argument(self.argument(Some(title), span, defines))
                };
                self.add_member(node, content);
                node
            }
            Tok::Text(_)
            | Tok::Escaped(_)
            | Tok::Link { .. }
            | Tok::Tag { .. }
            | Tok::Mention(_) => {
                if let Tok::Text(t) = &tok {
                    self.check_unclosed_title(t, span)?;
                }
                let content = self.content();
                if content.text.is_empty() {
                    return Err(self.error(
                        span,
                        "a statement has no text",
                        "write the statement's text",
                    ));
                }
                let s = self.statement(None, span, true);
                self.add_member(Node::Statement(s), content);
                Node::Statement(s)
            }
            other => return Err(self.missing_element(other, span, place)),
        };
        if let Some((data, data_span)) = self.data() {
            self.add_data(node, data, data_span);
        }
        Ok(node)
    }

    fn missing_element(&self, tok: Tok, span: Span, place: Place) -> Diagnostic {
        let what = match place {
            Place::Relation => "after a relation symbol",
            Place::Premise => "after a premise number",
            Place::ListItem => "after a list bullet",
            Place::Block => "here",
        };
        let message = match tok {
            Tok::Emptyline => format!("a statement or argument is missing {what}"),
            Tok::Relation(r) => format!(
                "a statement or argument is missing {what}, before `{}`",
                r.symbol()
            ),
            _ => format!("a statement or argument is expected {what}"),
        };
        self.error(
            span,
            message,
            "write a text, a [Statement] or an <Argument> on the same line",
        )
    }

    /// A line that starts `[Title` or `<Title` with no closing bracket was meant as a title.
    fn check_unclosed_title(&self, text: &str, span: Span) -> Parse<()> {
        let starts_line = self.src[..span.start.min(self.src.len())]
            .chars()
            .rev()
            .take_while(|c| *c != '\n')
            .all(|c| c == ' ' || c == '\t');
        if !starts_line {
            return Ok(());
        }
        let rest_of_line = self.src[span.start.min(self.src.len())..]
            .split(['\n', '\r'])
            .next()
            .unwrap_or("");
        let (what, close) = if text.starts_with('[') {
            ("a statement", ']')
        } else if text.starts_with('<') {
            ("an argument", '>')
        } else {
            return Ok(());
        };
        let open = if close == ']' { '[' } else { '<' };
        if rest_of_line.contains(close) || !rest_of_line.contains(':') {
            return Ok(());
        }
        Err(self.error(
            Span::new(span.start, span.start + 1),
            format!("unclosed {open} in {what} title"),
            format!("close the title with {close} before the colon, e.g. {open}Title{close}: text, or escape the bracket as \\{open}"),
        ))
    }

    fn tags(&mut self) -> Vec<String> {
        let mut tags = Vec::new();
        while let Some(Tok::Tag { name, .. }) = self.peek() {
            if !tags.contains(name) {
                tags.push(name.clone());
            }
            self.bump();
        }
        tags
    }

    /// The class of a statement, made on first use. A definition places the class in the
    /// current section (the first definition wins); a reference only when nothing else did.
    fn statement(&mut self, title: Option<String>, span: Span, defines: bool) -> usize {
        let section = self.doc.current_section;
        let existing = title.as_ref().and_then(|t| self.doc.titled.get(t).copied());
        let index = existing.unwrap_or_else(|| {
            self.doc.statements.push(Class {
                title: title.clone(),
                span,
                section,
                ..Class::default()
            });
            let i = self.doc.statements.len() - 1;
            if let Some(t) = title {
                self.doc.titled.insert(t, i);
            }
            i
        });
        let class = &mut self.doc.statements[index];
        if defines && !class.section_fixed {
            class.section = section;
            class.section_fixed = true;
            class.span = span;
        }
        index
    }

    fn argument(&mut self, title: Option<String>, span: Span, defines: bool) -> usize {
        let section = self.doc.current_section;
        let existing = title
            .as_ref()
            .and_then(|t| self.doc.titled_arguments.get(t).copied());
        let index = existing.unwrap_or_else(|| {
            self.doc.arguments.push(ArgumentClass {
                class: Class {
                    title: title.clone(),
                    span,
                    section,
                    ..Class::default()
                },
                pcs: Vec::new(),
                pcs_data: Vec::new(),
            });
            let i = self.doc.arguments.len() - 1;
            if let Some(t) = title {
                self.doc.titled_arguments.insert(t, i);
            }
            i
        });
        let class = &mut self.doc.arguments[index].class;
        if defines && !class.section_fixed {
            class.section = section;
            class.section_fixed = true;
            class.span = span;
        }
        index
    }

    fn class_mut(&mut self, node: Node) -> &mut Class {
        match node {
            Node::Statement(s) => &mut self.doc.statements[s],
            Node::Argument(a) | Node::Inference(a, _) => &mut self.doc.arguments[a].class,
        }
    }

    fn add_member(&mut self, node: Node, content: Content) {
        let class = self.class_mut(node);
        for tag in content.tags {
            if !class.tags.contains(&tag) {
                class.tags.push(tag);
            }
        }
        if !content.text.is_empty() {
            class.texts.push(content.text);
        }
        class.links.extend(content.links);
    }

    fn add_data(&mut self, node: Node, mut data: JsonMap<String, Value>, span: Span) {
        let mut names = Vec::new();
        let keys = [
            ("actor", StanceKind::Asserts),
            ("actors", StanceKind::Asserts),
            ("proponent", StanceKind::Asserts),
            ("proponents", StanceKind::Asserts),
            ("endorsed_by", StanceKind::Endorses),
            ("denied_by", StanceKind::Denies),
            ("questioned_by", StanceKind::Questions),
        ];
        for (key, kind) in keys {
            let Some(value) = data.remove(key) else {
                continue;
            };
            match value {
                Value::String(s) => names.push((kind, s)),
                Value::Array(items) => {
                    for item in items {
                        match item {
                            Value::String(s) => names.push((kind, s)),
                            other => self.warn(
                                span,
                                format!("the {key} `{other}` is not a name, so it is ignored"),
                                format!("write {key}: \"First Last\" or {key}: [\"A\", \"B\"]"),
                            ),
                        }
                    }
                }
                other => self.warn(
                    span,
                    format!("the {key} `{other}` is not a name, so it is ignored"),
                    format!("write {key}: \"First Last\" or {key}: [\"A\", \"B\"]"),
                ),
            }
        }
        if self.doc.own {
            if let Some(Value::Object(relation)) = data.remove("relation") {
                self.pending_relation = Some(relation);
            }
        }
        let class = self.class_mut(node);
        for (kind, name) in names {
            let name = name.trim().to_owned();
            if !name.is_empty() && !class.actors.contains(&(kind, name.clone())) {
                class.actors.push((kind, name));
            }
        }
        // Later data overrides earlier data, key by key, as in Argdown.
        class.data.extend(data);
    }
}

/// Removes `*`, `**`, `_` and `__` emphasis marks that open and close in pairs; marks
/// that do not pair (`3*4`, `a_b`) and escaped characters stay as written.
fn strip_emphasis(chars: &[(char, bool)]) -> String {
    let n = chars.len();
    let mut remove = vec![false; n];
    // Open marks: (index, length, char).
    let mut open: Vec<(usize, usize, char)> = Vec::new();
    let is_mark = |i: usize| matches!(chars.get(i), Some(&(c, false)) if c == '*' || c == '_');
    let mut i = 0;
    while i < n {
        if !is_mark(i) {
            i += 1;
            continue;
        }
        let c = chars[i].0;
        let len = if i + 1 < n && chars[i + 1] == (c, false) {
            2
        } else {
            1
        };
        let before = i.checked_sub(1).map(|j| chars[j].0);
        let after = chars.get(i + len).map(|p| p.0);
        let closes_ok = before.is_some_and(|b| !b.is_whitespace())
            && after.is_none_or(|a| a.is_whitespace() || ".,;:!?)]}-*_'\"".contains(a));
        let opens_ok = after.is_some_and(|a| !a.is_whitespace())
            && before.is_none_or(|b| b.is_whitespace() || "([{\"'-*_".contains(b));
        if closes_ok {
            if let Some(pos) = open.iter().rposition(|&(_, l, oc)| l == len && oc == c) {
                let (start, l, _) = open[pos];
                open.truncate(pos);
                for k in 0..l {
                    remove[start + k] = true;
                }
                for k in 0..len {
                    remove[i + k] = true;
                }
                i += len;
                continue;
            }
        }
        if opens_ok {
            open.push((i, len, c));
        }
        i += len;
    }
    chars
        .iter()
        .zip(remove)
        .filter(|(_, r)| !r)
        .map(|(&(c, _), _)| c)
        .collect()
}

/// The brackets around a statement's title (`[` `]`) or an argument's (`<` `>`).
fn brackets(statement: bool) -> (char, char) {
    if statement {
        ('[', ']')
    } else {
        ('<', '>')
    }
}

/// One space between words, none at the ends.
fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn clip(text: &str) -> String {
    let mut out: String = text.chars().take(40).collect();
    if text.chars().count() > 40 {
        out.push('…');
    }
    out
}
