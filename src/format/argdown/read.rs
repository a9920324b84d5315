//! Reads Argdown text into a [`Map`]: the blocks of the document (headings, statements,
//! arguments, premise-conclusion structures, lists) with their relation trees, then the
//! model: one claim per statement class, arguments with premise and conclusion links,
//! relations, actors from inline data, groups from headings.

use std::collections::{HashMap, HashSet};

use serde_json::{Map as JsonMap, Value};

use super::lex::{self, Rel, Tok, Token};
use super::yaml;
use crate::diagnostic::{Diagnostic, Span};
use crate::format::json::{LoadError, Loaded};
use crate::model::*;

/// Reads an Argdown document.
///
/// # Errors
///
/// A [`LoadError`] when the text is not valid Argdown: a relation that is not indented under
/// a statement, a relation after an empty line, a premise-conclusion structure without an
/// inference line or a conclusion, an unclosed title, text after a reference. Each error
/// names its line and column and says how to fix it.
pub fn from_str(src: &str) -> Result<Loaded, LoadError> {
    let lexed = lex::lex(src);
    let mut p = Parser {
        src,
        toks: lexed.tokens,
        pos: 0,
        warnings: Vec::new(),
        doc: Doc::default(),
        prev_argument: None,
        pending_relation: None,
    };
    for note in lexed.notes {
        push_warning(src, &mut p.warnings, note.span, note.message, note.hint);
    }
    if let Err(error) = p.document() {
        let mut diagnostics = vec![error];
        diagnostics.append(&mut p.warnings);
        return Err(LoadError { diagnostics });
    }
    let Parser { doc, warnings, .. } = p;
    let mut build = Build {
        src,
        doc,
        warnings,
        map: Map::new(""),
        ids: IdPool::new(),
        claim_ids: Vec::new(),
        arg_ids: Vec::new(),
        actor_ids: HashMap::new(),
        actor_names: HashMap::new(),
        source_ids: HashMap::new(),
        group_ids: HashMap::new(),
        pending: Vec::new(),
        structure: Vec::new(),
    };
    build.run();
    let mut loaded = Loaded {
        map: build.map,
        warnings: build.warnings,
    };
    super::super::settle_dates(&mut loaded, src);
    Ok(loaded)
}

/// More warnings than this are not listed (each one costs a pass over the text to find its
/// line, and a coach reads the first few).
const MAX_WARNINGS: usize = 100;

fn push_warning(
    src: &str,
    warnings: &mut Vec<Diagnostic>,
    span: Span,
    message: String,
    hint: String,
) {
    match warnings.len().cmp(&MAX_WARNINGS) {
        std::cmp::Ordering::Less => {
            warnings.push(Diagnostic::warning(src, Some(span), message).with_hint(hint));
        }
        std::cmp::Ordering::Equal => warnings.push(
            Diagnostic::warning(
                src,
                Some(span),
                "more warnings follow; only the first ones are listed",
            )
            .with_hint("fix the warnings above and read the file again"),
        ),
        std::cmp::Ordering::Greater => {}
    }
}

/// Whether the text is very likely Argdown: front matter between `===` lines, or a line
/// that starts with a statement or argument title (`[T]:`, `<A>:`), a relation symbol under
/// an indented line, or a `(1)` premise followed later by `----`.
pub fn sniff(src: &str) -> bool {
    let head: String = src
        .trim_start_matches('\u{feff}')
        .chars()
        .take(1024)
        .collect();
    let trimmed = head.trim_start();
    if trimmed.starts_with('{') {
        return false;
    }
    if trimmed.starts_with("===") {
        return true;
    }
    let titled = |l: &str| {
        let l = l.trim_start();
        (l.starts_with('[') && l.contains("]:")) || (l.starts_with('<') && l.contains(">:"))
    };
    let relation = |l: &str| {
        let body = l.trim_start();
        l.len() > body.len()
            && ["+ ", "- ", "+> ", "-> ", "<+ ", "<- ", ">< ", "_> ", "<_ "]
                .iter()
                .any(|s| body.starts_with(s))
            && (body.contains('[') || body.contains('<'))
    };
    let pcs = head.lines().any(|l| l.trim_start().starts_with("(1)"))
        && head.lines().any(|l| l.trim_start().starts_with("--"));
    head.lines().any(|l| titled(l) || relation(l)) || pcs
}

// ---- the document as Argdown sees it ---------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Node {
    Statement(usize),
    Argument(usize),
    /// The inference line at this index of the argument's premise-conclusion structure.
    Inference(usize, usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RelType {
    Support,
    Attack,
    Undercut,
    Contradictory,
}

struct RawRelation {
    from: Node,
    to: Node,
    kind: RelType,
    span: Span,
    /// The `relation` data on the line (files argumap writes).
    data: Option<JsonMap<String, Value>>,
}

/// Text, tags, data and links of one definition or reference.
#[derive(Default)]
struct Content {
    text: String,
    tags: Vec<String>,
    links: Vec<(String, String)>,
}

#[derive(Default)]
struct Class {
    title: Option<String>,
    /// The texts of the definitions, in order.
    texts: Vec<String>,
    tags: Vec<String>,
    data: JsonMap<String, Value>,
    /// The actors named in the data, with the stance each takes.
    actors: Vec<(StanceKind, String)>,
    links: Vec<(String, String)>,
    span: Span,
    section: Option<usize>,
    /// The section came from a definition, not a reference.
    section_fixed: bool,
}

enum PcsItem {
    Statement(usize),
    Inference {
        rules: Vec<String>,
        data: JsonMap<String, Value>,
    },
}

#[derive(Default)]
struct ArgumentClass {
    class: Class,
    pcs: Vec<PcsItem>,
    /// The `relation` data of each line of the structure (files argumap writes).
    pcs_data: Vec<Option<JsonMap<String, Value>>>,
}

struct Section {
    title: String,
    parent: Option<usize>,
    tags: Vec<String>,
    data: JsonMap<String, Value>,
    level: usize,
}

#[derive(Default)]
struct Doc {
    front: JsonMap<String, Value>,
    statements: Vec<Class>,
    titled: HashMap<String, usize>,
    arguments: Vec<ArgumentClass>,
    titled_arguments: HashMap<String, usize>,
    relations: Vec<RawRelation>,
    sections: Vec<Section>,
    current_section: Option<usize>,
    /// The front matter says `titles_are_ids: true`, as argumap's writer does: titles that
    /// are valid ids are the ids, and the data keys of the writer are read.
    own: bool,
}

struct Parser<'a> {
    src: &'a str,
    toks: Vec<Token>,
    pos: usize,
    warnings: Vec<Diagnostic>,
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
        Diagnostic::error(self.src, span, message).with_hint(hint)
    }

    fn warn(&mut self, span: Span, message: impl Into<String>, hint: impl Into<String>) {
        push_warning(
            self.src,
            &mut self.warnings,
            span,
            message.into(),
            hint.into(),
        );
    }

    fn document(&mut self) -> Parse<()> {
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
            self.end_of_block("the front matter")?;
        }
        while self.peek().is_some() {
            let what = match self.peek() {
                Some(Tok::Heading(_)) => "the heading",
                Some(Tok::StatementNumber(_)) => "the premise-conclusion structure",
                Some(Tok::Indent) => "the list",
                _ => "the statement above",
            };
            self.block()?;
            self.end_of_block(what)?;
        }
        Ok(())
    }

    /// After a block: an empty line or the end. Anything else is the usual mistake.
    fn end_of_block(&mut self, what: &str) -> Parse<()> {
        let span = self.span();
        match self.peek() {
            None => Ok(()),
            Some(Tok::Emptyline) => {
                self.bump();
                Ok(())
            }
            Some(Tok::Relation(rel)) => Err(self.error(
                span,
                format!("a relation must be indented under the statement it relates to (`{}` starts the line)", rel.symbol()),
                "indent the relation with spaces under its statement or argument, e.g. `    + [Reason]`",
            )),
            Some(Tok::StatementNumber(n)) => Err(self.error(
                span,
                format!("the premise ({n}) does not start a new block"),
                "put an empty line before the first premise (1) of a premise-conclusion structure",
            )),
            Some(Tok::InferenceStart) => Err(self.error(
                span,
                "an inference line `--` must come between numbered premises and their conclusion",
                "write the premises as (1), (2), ... directly above the `----` line",
            )),
            Some(Tok::Indent) => Err(self.error(
                span,
                "an indented list cannot follow text in the same block",
                "put an empty line before the list",
            )),
            Some(Tok::Data(_)) => Err(self.error(
                span,
                "this data does not follow a statement, argument or heading",
                "put the {key: value} data right after the element it describes",
            )),
            Some(Tok::StatementReference(title)) | Some(Tok::ArgumentReference(title)) => {
                let (open, close) = if matches!(self.peek(), Some(Tok::StatementReference(_))) {
                    ('[', ']')
                } else {
                    ('<', '>')
                };
                Err(self.error(
                    span,
                    format!("{open}{title}{close} stands in the middle of a text, where a reference cannot be"),
                    format!("write @{open}{title}{close} to mention it inside a text, start a new block with it, or escape the brackets as \\{open} \\{close}"),
                ))
            }
            Some(Tok::InferenceEnd) | Some(Tok::Comma) => Err(self.error(
                span,
                "this is not valid here",
                "an inference line is written `----` or `-- rule --`",
            )),
            Some(Tok::StatementDefinition(title)) | Some(Tok::ArgumentDefinition(title)) => {
                let (open, close) = if matches!(self.peek(), Some(Tok::StatementDefinition(_))) {
                    ('[', ']')
                } else {
                    ('<', '>')
                };
                Err(self.error(
                    span,
                    format!("{open}{title}{close}: must start a new block, but it follows {what} with no empty line between"),
                    format!("put an empty line before {open}{title}{close}:"),
                ))
            }
            Some(_) => Err(self.error(
                span,
                format!("unexpected text after {what}"),
                "separate blocks with an empty line",
            )),
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
            Some(Tok::Relation(_)) | Some(Tok::Data(_)) => self.end_of_block("nothing"),
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
                    let (open, close) = if is_statement { ('[', ']') } else { ('<', '>') };
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

    /// The relation tree under `parent`: an explicit stack instead of recursion, so deep
    /// indentation cannot exhaust the call stack.
    fn relations(&mut self, parent: Node) -> Parse<()> {
        self.bump(); // Indent
        let mut stack = vec![parent];
        let mut last: Option<Node> = None;
        while let Some(tok) = self.peek().cloned() {
            let span = self.span();
            match tok {
                Tok::Relation(rel) => {
                    self.bump();
                    let Some(&owner) = stack.last() else {
                        break;
                    };
                    if matches!(owner, Node::Inference(..))
                        && stack.len() == 1
                        && rel != Rel::UndercutBy
                    {
                        return Err(self.error(
                            span,
                            format!(
                                "only undercuts (`<_`) can hang under an inference line, not `{}`",
                                rel.symbol()
                            ),
                            "attach supports and attacks to a premise or the conclusion instead",
                        ));
                    }
                    self.pending_relation = None;
                    let child = self.element_head(Place::Relation)?;
                    self.relate(owner, rel, child, span)?;
                    if let Some(r) = self.doc.relations.last_mut() {
                        r.data = self.pending_relation.take();
                    }
                    last = Some(child);
                }
                Tok::Indent => {
                    self.bump();
                    match last.take() {
                        Some(child) => stack.push(child),
                        None => return Err(self.error(
                            span,
                            "this line is indented deeper than anything it could belong to",
                            "indent a relation one level deeper than the statement it relates to",
                        )),
                    }
                }
                Tok::Dedent => {
                    self.bump();
                    stack.pop();
                    last = None;
                    if stack.is_empty() {
                        return Ok(());
                    }
                }
                Tok::OrderedItem | Tok::UnorderedItem => return Err(self.error(
                    span,
                    "a list item cannot stand among relations",
                    "put an empty line before the list, or start the line with a relation symbol",
                )),
                _ => {
                    return Err(self.error(
                        span,
                        "a relation line must start with a relation symbol",
                        "start the line with +, -, +>, ->, <+, <-, ><, _> or <_",
                    ))
                }
            }
        }
        Ok(())
    }

    fn relate(&mut self, parent: Node, rel: Rel, child: Node, span: Span) -> Parse<()> {
        let (from, to, kind) = match rel {
            Rel::SupportedBy => (child, parent, RelType::Support),
            Rel::Supports => (parent, child, RelType::Support),
            Rel::AttackedBy => (child, parent, RelType::Attack),
            Rel::Attacks => (parent, child, RelType::Attack),
            Rel::Contradicts => (parent, child, RelType::Contradictory),
            Rel::Undercuts => (parent, child, RelType::Undercut),
            Rel::UndercutBy => (child, parent, RelType::Undercut),
        };
        if rel == Rel::Contradicts && !matches!(child, Node::Statement(_)) {
            return Err(self.error(
                span,
                "`><` (contradiction) relates two statements, but an argument follows it",
                "use `-` or `->` for an attack on or by an argument",
            ));
        }
        if rel == Rel::Undercuts && !matches!(child, Node::Argument(_)) {
            return Err(self.error(
                span,
                "`_>` undercuts an argument, but a statement follows it",
                "write the argument as <Title>, or use `->` to attack a statement",
            ));
        }
        self.doc.relations.push(RawRelation {
            from,
            to,
            kind,
            span,
            data: None,
        });
        Ok(())
    }

    fn pcs(&mut self, prev_argument: Option<usize>) -> Parse<()> {
        let start = self.span();
        let mut items: Vec<PcsItem> = Vec::new();
        let mut items_data = Vec::new();
        let argument = match prev_argument {
            Some(a) => a,
            None => self.argument(None, start, true),
        };
        if !self.doc.arguments[argument].pcs.is_empty() {
            let title = self.doc.arguments[argument]
                .class
                .title
                .clone()
                .unwrap_or_default();
            self.warn(
                start,
                format!("<{title}> is reconstructed twice; the later premise-conclusion structure replaces the earlier"),
                "remove one of the two reconstructions",
            );
        }
        // An argument belongs to the section where its reconstruction is.
        let section = self.doc.current_section;
        self.doc.arguments[argument].class.section = section;
        self.doc.arguments[argument].class.section_fixed = true;
        let mut expected_number = 1u64;
        let mut last_was_inference = false;
        let mut last_inference_span = start;
        loop {
            let span = self.span();
            match self.peek().cloned() {
                Some(Tok::StatementNumber(n)) => {
                    self.bump();
                    if n.parse::<u64>().ok() != Some(expected_number) {
                        self.warn(
                            span,
                            format!("({n}) should be ({expected_number}): premises and conclusions are numbered in order"),
                            "renumber the lines of the premise-conclusion structure",
                        );
                    }
                    expected_number = n
                        .parse::<u64>()
                        .map_or(expected_number, |n| n.saturating_add(1));
                    self.pending_relation = None;
                    let node = self.element_head(Place::Premise)?;
                    items_data.push(self.pending_relation.take());
                    let Node::Statement(s) = node else {
                        return Err(self.error(
                            span,
                            format!("({n}) must be a statement, not an argument"),
                            "write a premise or conclusion as text or as [Title]: text",
                        ));
                    };
                    if self.peek() == Some(&Tok::Indent) {
                        self.relations(node)?;
                    }
                    items.push(PcsItem::Statement(s));
                    last_was_inference = false;
                }
                Some(Tok::InferenceStart) => {
                    self.bump();
                    if items.is_empty() || last_was_inference {
                        return Err(self.error(
                            span,
                            "an inference line must follow a numbered premise",
                            "write at least one premise (1) ... above the inference line, and the conclusion below it",
                        ));
                    }
                    let (rules, data) = self.inference(span)?;
                    items.push(PcsItem::Inference { rules, data });
                    items_data.push(None);
                    let index = items.len() - 1;
                    if self.peek() == Some(&Tok::Indent) {
                        self.relations(Node::Inference(argument, index))?;
                    }
                    last_was_inference = true;
                    last_inference_span = span;
                }
                _ => break,
            }
        }
        if last_was_inference {
            return Err(self.error(
                last_inference_span,
                "the premise-conclusion structure ends with an inference line but no conclusion",
                "add the conclusion as the next numbered line, e.g. (3) [Conclusion]",
            ));
        }
        if !items.iter().any(|i| matches!(i, PcsItem::Inference { .. })) {
            return Err(self.error(
                start,
                "numbered statements with no inference line: a premise-conclusion structure needs `----` before its conclusion",
                "put a line `----` between the premises and the conclusion",
            ));
        }
        self.doc.arguments[argument].pcs = items;
        self.doc.arguments[argument].pcs_data = items_data;
        Ok(())
    }

    fn inference(&mut self, start: Span) -> Parse<(Vec<String>, JsonMap<String, Value>)> {
        let mut rules = Vec::new();
        let mut rule = String::new();
        let mut data = JsonMap::new();
        loop {
            match self.peek().cloned() {
                Some(Tok::InferenceEnd) => {
                    self.bump();
                    break;
                }
                Some(Tok::Text(t)) => {
                    if self.toks.get(self.pos).is_some_and(|t| t.space_before) && !rule.is_empty() {
                        rule.push(' ');
                    }
                    rule.push_str(&t);
                    self.bump();
                }
                Some(Tok::Comma) => {
                    rules.push(std::mem::take(&mut rule));
                    self.bump();
                }
                Some(Tok::Data(_)) => {
                    if let Some((d, _)) = self.data() {
                        data = d;
                    }
                }
                _ => {
                    return Err(self.error(
                        start,
                        "the inference line is not closed",
                        "write `----`, or `-- rule --` with the rule between two pairs of hyphens",
                    ))
                }
            }
        }
        rules.push(rule);
        let rules = rules
            .into_iter()
            .map(|r| normalise(&r))
            .filter(|r| !r.is_empty())
            .collect();
        Ok((rules, data))
    }

    fn list(&mut self) -> Parse<()> {
        self.bump(); // Indent
        loop {
            let span = self.span();
            match self.peek() {
                Some(Tok::OrderedItem | Tok::UnorderedItem) => {
                    self.bump();
                    self.element(Place::ListItem)?;
                }
                Some(Tok::Dedent) => {
                    self.bump();
                    return Ok(());
                }
                Some(Tok::Indent) => {
                    return Err(self.error(
                        span,
                        "Argdown lists cannot be nested",
                        "indent every item of the list by the same amount",
                    ))
                }
                None => return Ok(()),
                Some(_) => {
                    return Err(self.error(
                        span,
                        "a list item must start with `*` or a number and a dot",
                        "start the line with `  * ` or `  1. `",
                    ))
                }
            }
        }
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

/// One inference step of a reconstruction: premises and conclusion (each with its line in
/// the structure), rules and data.
type Step = (
    Vec<(usize, usize)>,
    (usize, usize),
    Vec<String>,
    JsonMap<String, Value>,
);

// ---- the model ---------------------------------------------------------------------------

struct Build<'a> {
    src: &'a str,
    doc: Doc,
    warnings: Vec<Diagnostic>,
    map: Map,
    /// The ids given so far: the map's own, and fresh ones from titles and texts.
    ids: IdPool,
    claim_ids: Vec<Id>,
    /// Per argument: the id of each inference step's argument, last = the whole argument.
    arg_ids: Vec<Vec<Id>>,
    /// The actors of the front matter, by their id there.
    actor_ids: HashMap<String, Id>,
    /// The actors made from names in the data, by name.
    actor_names: HashMap<String, Id>,
    /// The sources of the front matter, by their id there.
    source_ids: HashMap<String, Id>,
    /// The groups whose heading data names their id, by that id.
    group_ids: HashMap<String, usize>,
    /// Claims and arguments, with where they stand, until they are added in order.
    pending: Vec<(Span, Element)>,
    /// Premise and conclusion links, added once every claim and argument is in the map.
    structure: Vec<(Relation, Span)>,
}

/// Data keys of argumap's own files that the model reads (the others go to `ext`).
const OWN_KEYS: [&str; 22] = [
    "premise_details",
    "conclusion_details",
    "title",
    "stances",
    "source",
    "quote",
    "date",
    "text",
    "rephrases",
    "rephrase_details",
    "also_in",
    "premises",
    "conclusion",
    "tags",
    "origin",
    "ext",
    "note",
    "silent",
    "kind",
    "via",
    "members",
    "id",
];

/// A string value.
fn string(v: Option<&Value>) -> Option<String> {
    match v {
        Some(Value::String(s)) => Some(s.clone()),
        _ => None,
    }
}

/// A string, or the strings of a list.
fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|i| i.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

/// The mappings of a list.
fn mappings(v: Option<&Value>) -> Vec<&JsonMap<String, Value>> {
    match v {
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_object).collect(),
        _ => Vec::new(),
    }
}

/// `tags`, `origin`, `ext` and `note` of argumap's data.
fn meta_data(d: &JsonMap<String, Value>) -> MetaData {
    MetaData {
        tags: strings(d.get("tags")),
        origin: d.get("origin").and_then(Value::as_object).and_then(|o| {
            Some(Origin {
                format: string(o.get("format"))?,
                id: string(o.get("id"))?,
            })
        }),
        ext: d.get("ext").and_then(Value::as_object).cloned(),
        note: string(d.get("note")),
        silent: string(d.get("silent")),
    }
}

fn stance_kind(s: &str) -> Option<StanceKind> {
    StanceKind::ALL.into_iter().find(|k| k.as_str() == s)
}

impl Build<'_> {
    fn warn(&mut self, span: Span, message: impl Into<String>, hint: impl Into<String>) {
        push_warning(
            self.src,
            &mut self.warnings,
            span,
            message.into(),
            hint.into(),
        );
    }

    /// A new id from a title or text: its slug, or the slug with the next free `-2`, `-3`.
    fn unique(&mut self, base: &str) -> Id {
        self.ids.fresh_slug(base)
    }

    /// In argumap's files: the title itself when it is a valid id not yet taken, else
    /// [`Build::unique`].
    fn own_id(&mut self, title: &str) -> Id {
        if self.doc.own {
            if let Ok(id) = Id::new(title) {
                if self.ids.take(id.clone()) {
                    return id;
                }
            }
        }
        self.unique(title)
    }

    fn strict(&self) -> bool {
        self.doc
            .front
            .get("model")
            .and_then(|m| m.get("mode"))
            .and_then(Value::as_str)
            == Some("strict")
    }

    fn run(&mut self) {
        let own = self.doc.own;
        let mut front = std::mem::take(&mut self.doc.front);
        let actors = front.remove("actors");
        let sources = front.remove("sources");
        let sides = if own { front.remove("sides") } else { None };
        if own {
            self.map.title = string(front.get("title")).unwrap_or_default();
            self.map.description = string(front.get("description"));
            // The map's `ext`, and any key a coach added (`color`, ...).
            let mut ext = front.get("ext").and_then(Value::as_object).cloned();
            for (k, v) in &front {
                let written = ["title", "description", "model", "titles_are_ids", "ext"];
                if !written.contains(&k.as_str()) {
                    ext.get_or_insert_with(JsonMap::new)
                        .insert(k.clone(), v.clone());
                }
            }
            self.map.ext = ext;
        } else {
            if let Some(Value::String(title)) = front.remove("title") {
                self.map.title = title.trim().to_owned();
            }
            if !front.is_empty() {
                self.map.ext = Some(front.clone());
            }
        }
        self.doc.front = front;
        if self.map.title.trim().is_empty() {
            // Our map files need a title: the first heading, else a plain one.
            self.map.title = self
                .doc
                .sections
                .first()
                .map_or_else(|| "Argdown map".to_owned(), |s| s.title.clone());
        }
        self.front_sources(sources.as_ref());
        self.front_actors(actors.as_ref());
        self.front_sides(sides.as_ref());
        if own {
            for i in 0..self.doc.sections.len() {
                if let Some(id) = string(self.doc.sections[i].data.get("id")) {
                    if Id::new(&id).is_ok_and(|checked| self.ids.take(checked)) {
                        self.group_ids.insert(id, i);
                    }
                }
            }
        }
        self.named_actors();
        let mut sources: HashMap<String, Id> = HashMap::new();
        self.claims(&mut sources);
        self.arguments(&mut sources);
        self.add_pending();
        self.stances();
        self.relations();
        self.groups();
    }

    /// The front matter's `sources`: mappings with `id`, `kind`, `title`, ...
    fn front_sources(&mut self, list: Option<&Value>) {
        let end = Span::new(0, 0);
        for d in mappings(list) {
            let Some(name) = string(d.get("id")) else {
                continue;
            };
            let id = self.own_id(&name);
            let mut source = Source::new(id.clone(), string(d.get("title")).unwrap_or_default());
            if let Some(kind) = string(d.get("kind")) {
                source.kind = match kind.as_str() {
                    "letter" => SourceKind::Letter,
                    "statement" => SourceKind::Statement,
                    "speech" => SourceKind::Speech,
                    "transcript" => SourceKind::Transcript,
                    "book" => SourceKind::Book,
                    "web" => SourceKind::Web,
                    "other" => SourceKind::Other,
                    _ => SourceKind::Article,
                };
            }
            source.author = string(d.get("author"));
            source.publisher = string(d.get("publisher"));
            source.date = string(d.get("date"));
            source.url = string(d.get("url"));
            source.meta = Meta::new(meta_data(d));
            if let Err(e) = self.map.add_source(source) {
                self.warn(
                    end,
                    format!("a source of the front matter was dropped: {e}"),
                    "give every source its own id",
                );
                continue;
            }
            self.source_ids.insert(name, id);
        }
        // `via` may name a source further down the list.
        for d in mappings(list) {
            let (Some(name), Some(via)) = (string(d.get("id")), string(d.get("via"))) else {
                continue;
            };
            let found = self.source_ids.get(&name).zip(self.source_ids.get(&via));
            let set =
                found.is_some_and(|(id, via)| self.map.set_source_via(&id.clone(), via.clone()));
            if !set {
                self.warn(
                    end,
                    format!(
                        "`via: {via}` of the source `{name}` was dropped: it names no other source"
                    ),
                    "name the source of the front matter through which this one is known",
                );
            }
        }
    }

    /// The front matter's `sides` (argumap's own files): mappings with `id`, `name` and
    /// `actors`, naming actors of the front matter by their id.
    fn front_sides(&mut self, list: Option<&Value>) {
        let end = Span::new(0, 0);
        for d in mappings(list) {
            let Some(name) = string(d.get("id")) else {
                continue;
            };
            let id = self.own_id(&name);
            let mut side = Side::new(id, string(d.get("name")).unwrap_or_else(|| name.clone()));
            for actor in strings(d.get("actors")) {
                match self.actor_ids.get(&actor) {
                    Some(a) => side.actors.push(a.clone()),
                    None => self.warn(
                        end,
                        format!("`{actor}` of the side `{name}` was dropped: it names no actor"),
                        "name an actor of the front matter by its id",
                    ),
                }
            }
            side.meta = Meta::new(meta_data(d));
            if let Err(e) = self.map.add_side(side) {
                self.warn(
                    end,
                    format!("a side of the front matter was dropped: {e}"),
                    "give every side its own id, and each actor one side",
                );
            }
        }
    }

    /// The front matter's `actors`: mappings with `id`, `name`, `kind`, `role`,
    /// `member_of`, `speaks_for`, ...
    fn front_actors(&mut self, list: Option<&Value>) {
        let end = Span::new(0, 0);
        let list = mappings(list);
        for d in &list {
            let Some(name) = string(d.get("id")) else {
                continue;
            };
            let id = self.own_id(&name);
            let kind = string(d.get("kind"))
                .and_then(|k| ActorKind::ALL.into_iter().find(|a| a.as_str() == k))
                .unwrap_or(ActorKind::Other);
            let mut actor = Actor::new(
                id.clone(),
                string(d.get("name")).unwrap_or_else(|| name.clone()),
                kind,
            );
            actor.role = string(d.get("role"));
            actor.meta = Meta::new(meta_data(d));
            if let Err(e) = self.map.add_actor(actor) {
                self.warn(
                    end,
                    format!("an actor of the front matter was dropped: {e}"),
                    "give every actor its own id",
                );
                continue;
            }
            self.actor_ids.insert(name, id);
        }
        for d in &list {
            let Some(member) = string(d.get("id")).and_then(|n| self.actor_ids.get(&n).cloned())
            else {
                continue;
            };
            for kind in ActorLinkKind::ALL {
                for other in strings(d.get(kind.as_str())) {
                    let result = match self.actor_ids.get(&other) {
                        Some(of) => self.map.add_actor_link(&member, kind, &of.clone()),
                        None => Err(ModelError::UnknownId {
                            id: Id::slugify(&other),
                        }),
                    };
                    if let Err(e) = result {
                        self.warn(
                            end,
                            format!(
                                "`{}: {other}` of the actor `{member}` was dropped: {e}",
                                kind.as_str()
                            ),
                            "name an actor of the front matter by its id",
                        );
                    }
                }
            }
        }
    }

    /// An actor named in the data: the front matter's actor with that id, else the actor of
    /// that name (made on first use).
    fn actor(&mut self, name: &str) -> Id {
        if let Some(id) = self.actor_ids.get(name) {
            return id.clone();
        }
        if let Some(id) = self.actor_names.get(name) {
            return id.clone();
        }
        let id = self.unique(name);
        let _ = self
            .map
            .add_actor(Actor::new(id.clone(), name.to_owned(), ActorKind::Other));
        self.actor_names.insert(name.to_owned(), id.clone());
        id
    }

    /// One actor per distinct name in the data that is no front matter id, in order of
    /// first mention.
    fn named_actors(&mut self) {
        let mut named: Vec<(usize, String)> = Vec::new();
        for class in self
            .doc
            .statements
            .iter()
            .chain(self.doc.arguments.iter().map(|a| &a.class))
        {
            named.extend(
                class
                    .actors
                    .iter()
                    .map(|(_, n)| (class.span.start, n.clone())),
            );
        }
        named.sort_by_key(|&(at, _)| at);
        for (_, name) in named {
            self.actor(&name);
        }
    }

    /// The text of a class: its first definition.
    fn text_of(class: &Class) -> Option<String> {
        class.texts.first().cloned()
    }

    /// The extension data of a class: other wordings, links, data keys the model has no
    /// place for.
    fn ext_of(class: &Class, alternatives_key: &str, own: bool) -> JsonMap<String, Value> {
        let mut ext = JsonMap::new();
        if own {
            if let Some(Value::Object(e)) = class.data.get("ext") {
                ext.extend(e.clone());
            }
        }
        if class.texts.len() > 1 {
            let others = class.texts[1..]
                .iter()
                .cloned()
                .map(Value::String)
                .collect();
            ext.insert(alternatives_key.into(), Value::Array(others));
        }
        if !class.links.is_empty() {
            let links = class
                .links
                .iter()
                .map(|(text, url)| serde_json::json!({"text": text, "url": url}))
                .collect();
            ext.insert("links".into(), Value::Array(links));
        }
        for (k, v) in &class.data {
            let read = if own {
                OWN_KEYS.contains(&k.as_str())
            } else {
                matches!(
                    k.as_str(),
                    "date" | "source" | "url" | "stances" | "rephrases" | "rephrase_details"
                )
            };
            if !read {
                ext.insert(k.clone(), v.clone());
            }
        }
        ext
    }

    /// The source named in a class's data: a front matter source by id, else one made on
    /// first use from the name (`source`, with `url`).
    fn source_of(&mut self, class_index: Node, sources: &mut HashMap<String, Id>) -> Option<Id> {
        let data = match class_index {
            Node::Statement(s) => &self.doc.statements[s].data,
            Node::Argument(a) | Node::Inference(a, _) => &self.doc.arguments[a].class.data,
        };
        if let Some(id) = string(data.get("source")).and_then(|s| self.source_ids.get(&s)) {
            return Some(id.clone());
        }
        let title = match data.get("source") {
            Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_owned(),
            Some(Value::Number(n)) => n.to_string(),
            _ => return None,
        };
        let url = data.get("url").and_then(Value::as_str).map(str::to_owned);
        if let Some(id) = sources.get(&title) {
            return Some(id.clone());
        }
        let id = self.unique(&format!("source {title}"));
        let mut source = Source::new(id.clone(), title.clone());
        source.url = url;
        self.map.add_source(source).ok()?;
        sources.insert(title, id.clone());
        Some(id)
    }

    /// Tags, origin, extension data and note of a class.
    fn meta_of(class: &Class, ext: JsonMap<String, Value>, own: bool, id: &Id) -> Meta {
        if own {
            let mut data = meta_data(&class.data);
            let mut tags = class.tags.clone();
            tags.append(&mut data.tags);
            data.tags = tags;
            data.ext = (!ext.is_empty()).then_some(ext);
            // A title that is not the id itself is the foreign id.
            if data.origin.is_none() {
                data.origin = class
                    .title
                    .as_ref()
                    .filter(|t| t.as_str() != id.as_str())
                    .map(|t| Origin {
                        format: "argdown".into(),
                        id: t.clone(),
                    });
            }
            return Meta::new(data);
        }
        Meta::new(MetaData {
            tags: class.tags.clone(),
            origin: class.title.as_ref().map(|t| Origin {
                format: "argdown".into(),
                id: t.clone(),
            }),
            ext: (!ext.is_empty()).then_some(ext),
            note: None,
            silent: None,
        })
    }

    fn date_of(class: &Class, own: bool) -> (Option<String>, Option<(String, Value)>) {
        match class.data.get("date") {
            Some(Value::String(d)) if own => (Some(d.clone()), None),
            Some(Value::String(d)) if is_date(d.trim()) => (Some(d.trim().to_owned()), None),
            Some(other) => (None, Some(("date".into(), other.clone()))),
            None => (None, None),
        }
    }

    fn claims(&mut self, sources: &mut HashMap<String, Id>) {
        let own = self.doc.own;
        for index in 0..self.doc.statements.len() {
            let class = &self.doc.statements[index];
            let exact = own.then(|| string(class.data.get("text"))).flatten();
            let title = class.title.clone();
            let span = class.span;
            // A map file cannot hold a claim without words.
            let blank = exact.as_ref().filter(|t| t.trim().is_empty()).is_some();
            let text = exact
                .filter(|t| !t.trim().is_empty())
                .or_else(|| Self::text_of(class));
            let text = match (text, &title) {
                (Some(t), _) => t,
                (None, Some(t)) if blank => {
                    let t = t.clone();
                    self.warn(
                        span,
                        format!(
                            "the statement [{t}] has a blank text, so its title stands as its text"
                        ),
                        format!("write the statement's words as [{t}]: text"),
                    );
                    t
                }
                (None, Some(t)) => {
                    let t = t.clone();
                    self.warn(
                        span,
                        format!("the statement [{t}] is referred to but never defined, so its title stands as its text"),
                        format!("define it somewhere as [{t}]: text"),
                    );
                    t
                }
                (None, None) => "(empty statement)".to_owned(),
            };
            let id = match &title {
                Some(t) => self.own_id(t),
                None => self.unique(&text),
            };
            let source = self.source_of(Node::Statement(index), sources);
            let class = &self.doc.statements[index];
            let mut ext = Self::ext_of(class, "alternatives", own);
            let (date, odd_date) = Self::date_of(class, own);
            ext.extend(odd_date);
            let mut claim = Claim::new(id.clone(), text);
            claim.title = if own {
                string(class.data.get("title"))
            } else {
                title
            };
            if own {
                claim.quote = string(class.data.get("quote"));
                claim.kind = match string(class.data.get("kind")).as_deref() {
                    Some("framing") => ClaimKind::Framing,
                    Some("background") => ClaimKind::Background,
                    _ => ClaimKind::Debate,
                };
            }
            claim.source = source;
            claim.date = date;
            claim.meta = Self::meta_of(class, ext, own, &id);
            self.pending.push((span, Element::Claim(claim)));
            self.claim_ids.push(id);
        }
    }

    fn arguments(&mut self, sources: &mut HashMap<String, Id>) {
        let own = self.doc.own;
        for index in 0..self.doc.arguments.len() {
            let class = &self.doc.arguments[index].class;
            let span = class.span;
            let title = class.title.clone();
            let exact = own.then(|| string(class.data.get("text"))).flatten();
            let text = exact.or_else(|| Self::text_of(class));
            let base = title.clone().unwrap_or_else(|| "argument".to_owned());
            // Steps of the reconstruction: the statements before each inference line
            // (with the conclusion of the step before) lead to the statement after it.
            let mut steps: Vec<Step> = Vec::new();
            let mut premises: Vec<(usize, usize)> = Vec::new();
            let pcs = &self.doc.arguments[index].pcs;
            let mut k = 0;
            while k < pcs.len() {
                match &pcs[k] {
                    PcsItem::Statement(s) => {
                        if !premises.iter().any(|(p, _)| p == s) {
                            premises.push((*s, k));
                        }
                    }
                    PcsItem::Inference { rules, data } => {
                        if let Some(PcsItem::Statement(c)) = pcs.get(k + 1) {
                            if !own {
                                premises.retain(|(p, _)| p != c);
                            }
                            steps.push((
                                std::mem::take(&mut premises),
                                (*c, k + 1),
                                rules.clone(),
                                data.clone(),
                            ));
                            premises.push((*c, k + 1));
                            k += 1;
                        }
                    }
                }
                k += 1;
            }
            let source = self.source_of(Node::Argument(index), sources);
            let (date, odd_date) = Self::date_of(&self.doc.arguments[index].class, own);
            let step_count = steps.len().max(1);
            let mut ids = Vec::new();
            for step in 0..step_count {
                let last = step + 1 == step_count;
                let id = if last {
                    self.own_id(&base)
                } else {
                    self.unique(&format!("{base} step {}", step + 1))
                };
                let class = &self.doc.arguments[index].class;
                let mut argument = Argument::new(id.clone());
                let mut ext = JsonMap::new();
                if last {
                    argument.text = text.clone();
                    argument.title = if own {
                        string(class.data.get("title"))
                    } else {
                        title.clone()
                    };
                    if own {
                        argument.quote = string(class.data.get("quote"));
                    }
                    argument.source = source.clone();
                    argument.date = date.clone();
                    ext = Self::ext_of(class, "descriptions", own);
                    ext.extend(odd_date.clone());
                } else {
                    argument.title = title.as_ref().map(|t| format!("{t} (step {})", step + 1));
                }
                argument.meta = Self::meta_of(class, JsonMap::new(), own && last, &id);
                if let Some((_, _, rules, data)) = steps.get(step) {
                    if !rules.is_empty() || !data.is_empty() {
                        let mut inference = JsonMap::new();
                        if !rules.is_empty() {
                            inference.insert("rules".into(), rules.clone().into());
                        }
                        if !data.is_empty() {
                            inference.insert("data".into(), Value::Object(data.clone()));
                        }
                        ext.insert("inference".into(), Value::Object(inference));
                    }
                }
                if !ext.is_empty() {
                    argument.meta.data_mut().ext = Some(ext);
                }
                self.pending.push((span, Element::Argument(argument)));
                ids.push(id);
            }
            let pcs_data = &self.doc.arguments[index].pcs_data;
            let line_data = |k: usize| pcs_data.get(k).cloned().flatten();
            let mut links = Vec::new();
            for (step, (premises, (conclusion, at), _, _)) in steps.iter().enumerate() {
                let arg = ids[step].clone();
                for (p, at) in premises {
                    links.push((
                        Relation::new(
                            self.claim_ids[*p].clone(),
                            RelationKind::Premise,
                            arg.clone(),
                        ),
                        line_data(*at),
                    ));
                }
                links.push((
                    Relation::new(
                        arg.clone(),
                        RelationKind::Conclusion,
                        self.claim_ids[*conclusion].clone(),
                    ),
                    line_data(*at),
                ));
            }
            // An incomplete structure of argumap's files is in the data.
            let class = &self.doc.arguments[index].class;
            if steps.is_empty() && own {
                let arg = ids[0].clone();
                for p in strings(class.data.get("premises")) {
                    match Id::new(&p) {
                        Ok(p) => {
                            links.push((Relation::new(p, RelationKind::Premise, arg.clone()), None))
                        }
                        Err(_) => continue,
                    }
                }
                let details = mappings(class.data.get("premise_details"));
                for link in &mut links {
                    let from = link.0.from.as_str();
                    link.1 = details
                        .iter()
                        .find(|d| d.get("from").and_then(Value::as_str) == Some(from))
                        .map(|d| (*d).clone());
                }
                if let Some(Ok(c)) = string(class.data.get("conclusion")).map(|c| Id::new(&c)) {
                    let details = class
                        .data
                        .get("conclusion_details")
                        .and_then(Value::as_object)
                        .cloned();
                    links.push((
                        Relation::new(arg.clone(), RelationKind::Conclusion, c),
                        details,
                    ));
                }
            }
            for (mut relation, data) in links {
                if let Some(data) = data {
                    self.relation_data(&mut relation, &data);
                }
                self.structure.push((relation, span));
            }
            self.arg_ids.push(ids);
        }
    }

    /// Adds the claims and arguments (in file order in argumap's files), then their premise
    /// and conclusion links.
    fn add_pending(&mut self) {
        let mut pending = std::mem::take(&mut self.pending);
        if self.doc.own {
            pending.sort_by_key(|(span, _)| span.start);
        }
        for (span, element) in pending {
            if let Err(e) = self.map.add_element(element) {
                self.warn(
                    span,
                    format!("a statement or argument was dropped: {e}"),
                    "report this as a bug in argumap",
                );
            }
        }
        for (relation, span) in std::mem::take(&mut self.structure) {
            if let Err(e) = self.map.add_relation(relation) {
                self.warn(
                    span,
                    format!("a premise or conclusion was dropped: {e}"),
                    "check the premise-conclusion structure",
                );
            }
        }
    }

    /// `by`, `source`, `quote`, `tags`, `origin`, `ext` and `note` of a relation.
    fn relation_data(&mut self, relation: &mut Relation, d: &JsonMap<String, Value>) {
        relation.by = strings(d.get("by")).iter().map(|n| self.actor(n)).collect();
        relation.source = string(d.get("source")).and_then(|s| self.source_ids.get(&s).cloned());
        relation.quote = string(d.get("quote"));
        relation.meta = Meta::new(meta_data(d));
    }

    /// Each actor named in an element's data takes the stance of the key naming them;
    /// `stances` adds what a stance carries.
    fn stances(&mut self) {
        let mut targets: Vec<(usize, Id, Span)> = Vec::new();
        for (i, class) in self.doc.statements.iter().enumerate() {
            targets.push((i, self.claim_ids[i].clone(), class.span));
        }
        let statements = self.doc.statements.len();
        for (i, arg) in self.doc.arguments.iter().enumerate() {
            if let Some(id) = self.arg_ids[i].last() {
                targets.push((statements + i, id.clone(), arg.class.span));
            }
        }
        for (i, target, span) in targets {
            let class = if i < statements {
                &self.doc.statements[i]
            } else {
                &self.doc.arguments[i - statements].class
            };
            let named = class.actors.clone();
            let details: Vec<JsonMap<String, Value>> = mappings(class.data.get("stances"))
                .into_iter()
                .cloned()
                .collect();
            let mut stances: Vec<Stance> = Vec::new();
            for (kind, name) in named {
                let actor = self.actor(&name);
                stances.push(Stance::new(actor, kind, target.clone()));
            }
            for d in details {
                let (Some(name), Some(kind)) = (
                    string(d.get("actor")),
                    string(d.get("kind")).and_then(|k| stance_kind(&k)),
                ) else {
                    continue;
                };
                let actor = self.actor(&name);
                let at = match stances
                    .iter()
                    .position(|s| s.actor == actor && s.kind == kind)
                {
                    Some(at) => at,
                    None => {
                        stances.push(Stance::new(actor, kind, target.clone()));
                        stances.len() - 1
                    }
                };
                let source = string(d.get("source")).and_then(|s| self.source_ids.get(&s).cloned());
                let stance = &mut stances[at];
                stance.source = source;
                stance.quote = string(d.get("quote"));
                stance.date = string(d.get("date"));
                stance.meta = Meta::new(meta_data(&d));
            }
            for stance in stances {
                if let Err(e) = self.map.add_stance(stance) {
                    self.warn(
                        span,
                        format!("a speaker was dropped: {e}"),
                        "report this as a bug in argumap",
                    );
                }
            }
        }
    }

    fn is_reconstructed(&self, a: usize) -> bool {
        !self.doc.arguments[a].pcs.is_empty()
    }

    fn main_conclusion(&self, a: usize) -> Option<usize> {
        match self.doc.arguments[a].pcs.last() {
            Some(PcsItem::Statement(s)) => Some(*s),
            _ => None,
        }
    }

    fn id_of(&self, node: Node) -> Id {
        match node {
            Node::Statement(s) => self.claim_ids[s].clone(),
            Node::Argument(a) => self.arg_ids[a]
                .last()
                .cloned()
                .unwrap_or_else(|| Id::slugify("x")),
            Node::Inference(a, item) => {
                // The step whose inference line is at `item`.
                let step = self.doc.arguments[a].pcs[..item]
                    .iter()
                    .filter(|i| matches!(i, PcsItem::Inference { .. }))
                    .count();
                let ids = &self.arg_ids[a];
                ids.get(step)
                    .or(ids.last())
                    .cloned()
                    .unwrap_or_else(|| Id::slugify("x"))
            }
        }
    }

    /// The argument an undercut of a statement means: the step that concludes it.
    fn concluding_step(&self, s: usize) -> Option<Node> {
        for (a, arg) in self.doc.arguments.iter().enumerate() {
            for (i, item) in arg.pcs.iter().enumerate() {
                if i > 0 && matches!(item, PcsItem::Statement(c) if *c == s) {
                    if let Some(PcsItem::Inference { .. }) = arg.pcs.get(i - 1) {
                        return Some(Node::Inference(a, i - 1));
                    }
                }
            }
        }
        None
    }

    fn relations(&mut self) {
        let strict = self.strict();
        let own = self.doc.own;
        let raw = std::mem::take(&mut self.doc.relations);
        let mut out: Vec<(Relation, Span, Node)> = Vec::new();
        let mut seen: HashSet<(Id, Id, RelationKind)> = HashSet::new();
        for r in &raw {
            let mut to = r.to;
            let kind = match r.kind {
                RelType::Support => RelationKind::Supports,
                RelType::Attack => RelationKind::Rebuts,
                RelType::Contradictory => RelationKind::Contradicts,
                RelType::Undercut => {
                    if let Node::Statement(s) = to {
                        match self.concluding_step(s) {
                            Some(step) => to = step,
                            None => {
                                let text = self.claim_ids[s].clone();
                                self.warn(
                                    r.span,
                                    format!("an undercut attacks an inference, but `{text}` is a statement that no reconstructed argument concludes, so the undercut is dropped"),
                                    "undercut an argument (<Title>), or use `-` to attack the statement",
                                );
                                continue;
                            }
                        }
                    }
                    RelationKind::Undercuts
                }
            };
            let both_statements = matches!((r.from, to), (Node::Statement(_), Node::Statement(_)));
            if kind == RelationKind::Contradicts && !both_statements {
                self.warn(
                    r.span,
                    "`><` (contradiction) relates two statements, so this one with an argument is dropped",
                    "use `-` or `->` for an attack on or by an argument",
                );
                continue;
            }
            // A reconstructed argument already supports its own conclusion (argumap's files
            // say so only when the map has both links).
            if let (Node::Argument(a), Node::Statement(s), RelationKind::Supports, false) =
                (r.from, to, kind, own)
            {
                if self.is_reconstructed(a) && self.main_conclusion(a) == Some(s) {
                    continue;
                }
            }
            let (from_id, to_id) = (self.id_of(r.from), self.id_of(to));
            if from_id == to_id {
                self.warn(
                    r.span,
                    format!("`{from_id}` relates to itself, so the relation is dropped"),
                    "a statement or argument cannot support or attack itself",
                );
                continue;
            }
            let mut relation = Relation::new(from_id, kind, to_id);
            if strict && both_statements {
                let meaning = match kind {
                    RelationKind::Supports => Some("entails"),
                    RelationKind::Rebuts => {
                        relation.kind = RelationKind::Contradicts;
                        Some("contrary")
                    }
                    _ => None,
                };
                if let Some(meaning) = meaning {
                    let mut ext = JsonMap::new();
                    ext.insert("kind".into(), meaning.into());
                    relation.meta.data_mut().ext = Some(ext);
                }
            }
            if let Some(data) = &r.data {
                self.relation_data(&mut relation, data);
            }
            let key = (relation.from.clone(), relation.to.clone(), relation.kind);
            let reverse = (relation.to.clone(), relation.from.clone(), relation.kind);
            if seen.contains(&key)
                || (relation.kind == RelationKind::Contradicts && seen.contains(&reverse))
            {
                continue;
            }
            seen.insert(key);
            out.push((relation, r.span, r.from));
        }
        // A reconstructed argument's relation that its main conclusion also has is one
        // relation (Argdown moves it to the conclusion and merges it). argumap's files
        // write each relation of the map once, so there both are kept.
        let keys: HashSet<(Id, Id, RelationKind)> = out
            .iter()
            .map(|(r, _, _)| (r.from.clone(), r.to.clone(), r.kind))
            .collect();
        for (relation, span, from) in out {
            if let (Node::Argument(a), false) = (from, own) {
                if let Some(c) = self.main_conclusion(a) {
                    let c = self.claim_ids[c].clone();
                    if keys.contains(&(c, relation.to.clone(), relation.kind)) {
                        continue;
                    }
                }
            }
            if let Err(e) = self.map.add_relation(relation) {
                self.warn(
                    span,
                    format!("a relation was dropped: {e}"),
                    "check the two ends of this relation",
                );
            }
        }
        self.rephrases();
    }

    /// `rephrases` (with `rephrase_details`) in a claim's data.
    fn rephrases(&mut self) {
        for i in 0..self.doc.statements.len() {
            let data = &self.doc.statements[i].data;
            let span = self.doc.statements[i].span;
            let targets = strings(data.get("rephrases"));
            if targets.is_empty() {
                continue;
            }
            let details: Vec<JsonMap<String, Value>> = mappings(data.get("rephrase_details"))
                .into_iter()
                .cloned()
                .collect();
            for to in targets {
                let Ok(to_id) = Id::new(&to) else {
                    continue;
                };
                let mut relation =
                    Relation::new(self.claim_ids[i].clone(), RelationKind::Rephrases, to_id);
                if let Some(d) = details
                    .iter()
                    .find(|d| string(d.get("to")) == Some(to.clone()))
                {
                    self.relation_data(&mut relation, d);
                }
                if let Err(e) = self.map.add_relation(relation) {
                    self.warn(
                        span,
                        format!("a rephrase was dropped: {e}"),
                        "name the restated claim by its id",
                    );
                }
            }
        }
    }

    fn groups(&mut self) {
        let own = self.doc.own;
        // Members with where they stand, so that each group lists them in file order.
        let mut members: Vec<Vec<(usize, Id)>> = vec![Vec::new(); self.doc.sections.len()];
        let classes = self
            .doc
            .statements
            .iter()
            .zip(self.claim_ids.iter().map(std::slice::from_ref))
            .chain(
                self.doc
                    .arguments
                    .iter()
                    .map(|a| &a.class)
                    .zip(self.arg_ids.iter().map(Vec::as_slice)),
            );
        for (class, ids) in classes {
            let mut sections: Vec<usize> = class.section.into_iter().collect();
            if own {
                for g in strings(class.data.get("also_in")) {
                    sections.extend(self.group_ids.get(&g).copied());
                }
            }
            for s in sections {
                members[s].extend(ids.iter().map(|id| (class.span.start, id.clone())));
            }
        }
        let mut ids: Vec<Id> = Vec::new();
        for i in 0..self.doc.sections.len() {
            let section = &self.doc.sections[i];
            let named = own
                .then(|| string(section.data.get("id")))
                .flatten()
                .filter(|id| self.group_ids.get(id) == Some(&i))
                .and_then(|id| Id::new(&id).ok());
            let id = match named {
                Some(id) => id,
                None => {
                    let title = if section.title.is_empty() {
                        format!("Section {}", i + 1)
                    } else {
                        section.title.clone()
                    };
                    self.unique(&title)
                }
            };
            ids.push(id);
        }
        for i in 0..self.doc.sections.len() {
            let section = &self.doc.sections[i];
            let mut list = std::mem::take(&mut members[i]);
            if own {
                list.sort_by_key(|(at, _)| *at);
            }
            let mut group = Group::new(ids[i].clone(), section.title.clone());
            group.members = list.into_iter().map(|(_, id)| id).collect();
            group.parent = section.parent.map(|p| ids[p].clone());
            if own {
                if let Some(title) = string(section.data.get("title")) {
                    group.title = title;
                }
                // The exact order, when the file gives it.
                if section.data.contains_key("members") {
                    group.members = strings(section.data.get("members"))
                        .iter()
                        .filter_map(|m| Id::new(m).ok())
                        .filter(|m| self.map.claim(m).is_some() || self.map.argument(m).is_some())
                        .collect();
                }
                let mut data = meta_data(&section.data);
                let mut tags = section.tags.clone();
                tags.append(&mut data.tags);
                data.tags = tags;
                for (k, v) in &section.data {
                    if !OWN_KEYS.contains(&k.as_str()) {
                        data.ext
                            .get_or_insert_with(JsonMap::new)
                            .insert(k.clone(), v.clone());
                    }
                }
                group.meta = Meta::new(data);
            } else {
                let mut ext = JsonMap::new();
                ext.insert("level".into(), section.level.into());
                ext.extend(section.data.clone());
                group.meta = Meta::new(MetaData {
                    tags: section.tags.clone(),
                    origin: Some(Origin {
                        format: "argdown".into(),
                        id: format!("s{}", i + 1),
                    }),
                    ext: Some(ext),
                    note: None,
                    silent: None,
                });
            }
            if let Err(e) = self.map.add_group(group) {
                let end = self.src.len();
                self.warn(
                    Span::new(end, end),
                    format!("a section was dropped: {e}"),
                    "report this as a bug in argumap",
                );
            }
        }
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let lens: Vec<usize> = parts.iter().map(|p| p.len()).collect();
    matches!(lens.as_slice(), [4] | [4, 2] | [4, 2, 2])
        && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
}
