//! The indented and numbered parts of a block: relation trees (with the near-misses of
//! relation symbols), premise-conclusion structures and their inference lines, and lists.
//! Each broken line of a relation tree is reported and reading goes on at the next one.

use serde_json::{Map as JsonMap, Value};

use super::super::super::lex::{Rel, Tok};
use super::super::*;
use super::{clip, normalise, Parse, Parser, Place, SYMBOLS_IN_WORDS};
use crate::diagnostic::{Diagnostic, Span};

impl Parser<'_> {
    /// A line that starts with something like a relation symbol that is none: which symbol
    /// was likely meant (with the edit), between which elements.
    pub(super) fn bad_relation(
        &self,
        span: Span,
        symbol: &str,
        meant: Option<(&'static str, Rel)>,
        parent: Option<String>,
        child: Option<String>,
    ) -> Diagnostic {
        let between = match (&parent, &child) {
            (Some(p), Some(c)) => format!(", so {c} is not related to {p}"),
            (None, Some(c)) => format!(" before {c}"),
            (Some(p), None) => format!(" under {p}"),
            (None, None) => String::new(),
        };
        let message = format!("`{symbol}` is not a relation symbol{between}");
        let line_start = self.src[..span.start].rfind('\n').map_or(0, |i| i + 1);
        let indented = span.start > line_start;
        let Some((sym, rel)) = meant else {
            return self.error(
                span,
                message,
                format!("start the line with a relation symbol: {SYMBOLS_IN_WORDS}"),
            );
        };
        let says = match (&parent, &child) {
            (Some(p), Some(c)) => {
                let other = match rel {
                    Rel::Supports => format!(" (`+ {c}` says that {c} supports {p})"),
                    Rel::Attacks => format!(" (`- {c}` says that {c} attacks {p})"),
                    _ => String::new(),
                };
                format!(" {}{other}.", rel_says(sym, rel, p, c))
            }
            _ => String::new(),
        };
        let indent_note = if indented {
            ""
        } else {
            ", indented under the statement it relates to"
        };
        let hint = format!(
            "did you mean `{sym}`{indent_note}?{says} The relation symbols are {SYMBOLS_IN_WORDS}."
        );
        let replacement = if indented {
            sym.to_owned()
        } else {
            format!("    {sym}")
        };
        let d = self.error(span, message, hint);
        self.with_fix(d, span, replacement)
    }

    /// The relation tree under `parent`: an explicit stack instead of recursion, so deep
    /// indentation cannot exhaust the call stack. A broken line is reported and skipped
    /// (the lines under it are read, related to nothing), and reading goes on.
    pub(super) fn relations(&mut self, parent: Node) -> Parse<()> {
        self.bump(); // Indent
                     // `None`: a line that could not be read, whose children relate to nothing.
        let mut stack: Vec<Option<Node>> = vec![Some(parent)];
        let mut last: Option<Option<Node>> = None;
        while let Some(tok) = self.peek().cloned() {
            if self.full() {
                return Ok(());
            }
            let span = self.span();
            match tok {
                Tok::Relation(rel) => {
                    self.bump();
                    let owner = stack.last().copied().flatten();
                    let mut allowed = true;
                    if matches!(owner, Some(Node::Inference(..)))
                        && stack.len() == 1
                        && rel != Rel::UndercutBy
                    {
                        let e = self.error(
                            span,
                            format!(
                                "only undercuts (`<_`) can hang under an inference line, not `{}`",
                                rel.symbol()
                            ),
                            "attach supports and attacks to a premise or the conclusion instead",
                        );
                        self.fail(e);
                        allowed = false;
                    }
                    self.pending_relation = None;
                    let child = self.relation_child();
                    if let (Some(owner), Some(child), true) = (owner, child, allowed) {
                        match self.relate(owner, rel, child, span) {
                            Ok(()) => {
                                if let Some(r) = self.doc.relations.last_mut() {
                                    r.data = self.pending_relation.take();
                                }
                            }
                            Err(e) => self.fail(e),
                        }
                    }
                    last = Some(child);
                }
                Tok::BadRelation { symbol, meant } => {
                    self.bump();
                    let owner = stack.last().copied().flatten();
                    let child = self.relation_child();
                    let parent = owner.map(|n| self.name(n));
                    let named = child.map(|n| self.name(n));
                    let e = self.bad_relation(span, &symbol, meant, parent, named);
                    self.fail(e);
                    last = Some(child);
                }
                Tok::Indent => {
                    self.bump();
                    match last.take() {
                        Some(child) => stack.push(child),
                        None => {
                            let e = self.error(
                                span,
                                "this line is indented deeper than anything it could belong to",
                                "indent a relation one level deeper than the statement it relates to",
                            );
                            self.fail(e);
                            stack.push(None);
                        }
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
                Tok::OrderedItem | Tok::UnorderedItem => {
                    let e = self.error(
                        span,
                        format!("a list item cannot stand among relations, whose lines start with a relation symbol: {SYMBOLS_IN_WORDS}"),
                        "put an empty line before the list, or start the line with a relation symbol",
                    );
                    self.fail(e);
                    self.bump();
                    self.skip_to_structure();
                    last = Some(None);
                }
                Tok::Emptyline | Tok::StatementNumber(_) | Tok::InferenceStart => return Ok(()),
                _ => {
                    let e = self.error(
                        span,
                        "a relation line must start with a relation symbol",
                        format!("start the line with {SYMBOLS_IN_WORDS}"),
                    );
                    self.fail(e);
                    self.bump();
                    self.skip_to_structure();
                    last = Some(None);
                }
            }
        }
        Ok(())
    }

    /// The element after a relation symbol; `None`, with the error recorded and the rest of
    /// the line skipped, when it cannot be read.
    fn relation_child(&mut self) -> Option<Node> {
        match self.element_head(Place::Relation) {
            Ok(child) => Some(child),
            Err(e) => {
                self.fail(e);
                self.skip_to_structure();
                None
            }
        }
    }

    /// An element as its writer typed it: `[Title]`, `<Title>`, or the start of an untitled
    /// statement's text in quotes.
    fn name(&self, node: Node) -> String {
        match node {
            Node::Statement(s) => {
                let class = &self.doc.statements[s];
                match &class.title {
                    Some(t) => format!("[{t}]"),
                    None => format!(
                        "\"{}\"",
                        clip(class.texts.first().map_or("", String::as_str))
                    ),
                }
            }
            Node::Argument(a) | Node::Inference(a, _) => {
                let class = &self.doc.arguments[a].class;
                format!("<{}>", class.title.as_deref().unwrap_or("argument"))
            }
        }
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

    pub(super) fn pcs(&mut self, prev_argument: Option<usize>) -> Parse<()> {
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

    pub(super) fn list(&mut self) -> Parse<()> {
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

/// What a relation line (`symbol`, which means `rel`) says, in words: `- [B]` says that [B]
/// attacks [A].
fn rel_says(symbol: &str, rel: Rel, parent: &str, child: &str) -> String {
    let says = match rel {
        Rel::SupportedBy => format!("{child} supports {parent}"),
        Rel::Supports => format!("{parent} supports {child}"),
        Rel::AttackedBy => format!("{child} attacks {parent}"),
        Rel::Attacks => format!("{parent} attacks {child}"),
        Rel::Contradicts => format!("{parent} and {child} contradict each other"),
        Rel::Undercuts => format!("{parent} undercuts {child}"),
        Rel::UndercutBy => format!("{child} undercuts {parent}"),
    };
    format!("`{symbol} {child}` says that {says}")
}
