//! The answers to an editor's questions about an open file: hover, definition, references,
//! rename, completion, the outline and quick fixes. Each takes a document and a place and
//! reads what the document already knows; none re-reads the text whole except completion
//! in our map file, which walks the text before the cursor once.

use std::collections::HashMap;
use std::fmt::Write as _;

use argumap::analysis::report::short_name;
use argumap::diagnostic::{Diagnostic, Severity};
use argumap::format::{Format, Occurrence, Role};
use argumap::model::{Element, Id};
use lsp_types::{
    CodeAction, CodeActionKind, CompletionItem, CompletionItemKind, DocumentSymbol, Documentation,
    Hover, HoverContents, MarkupContent, MarkupKind, NumberOrString, Range, SymbolKind, TextEdit,
    Uri, WorkspaceEdit,
};
use serde_json::Value;

use super::document::{Document, Known, Snapshot};
use super::position::Encoding;
use super::structure::{self, Context};

/// A replacement of the text's bytes `start..end`.
pub type Edit = ((usize, usize), String);

/// The protocol's form of one of the core's problems.
pub fn diagnostic(doc: &Document, d: &Diagnostic, encoding: Encoding) -> lsp_types::Diagnostic {
    let range = problem_range(doc, d, encoding);
    let mut message = d.message.clone();
    if let Some(hint) = &d.hint {
        message.push_str("\nhint: ");
        message.push_str(hint);
    }
    lsp_types::Diagnostic {
        range,
        severity: Some(match d.severity {
            Severity::Error => lsp_types::DiagnosticSeverity::ERROR,
            _ => lsp_types::DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.code.as_str().to_owned())),
        source: Some("argumap".to_owned()),
        message,
        ..Default::default()
    }
}

/// Where a problem stands: its span, else its start and end, else the file's start.
fn problem_range(doc: &Document, d: &Diagnostic, encoding: Encoding) -> Range {
    let (text, lines) = (&doc.text, &doc.lines);
    if let Some(span) = d.span {
        return lines.range(text, span.start, span.end, encoding);
    }
    match (d.location, d.end) {
        (Some(start), end) => {
            let start = lines.offset_of_location(text, start);
            let end = end.map_or(start, |end| lines.offset_of_location(text, end));
            lines.range(text, start, end.max(start), encoding)
        }
        _ => Range::default(),
    }
}

/// The quick fixes of the problems whose range meets `range`: each "did you mean" hint's
/// edit.
pub fn code_actions(
    doc: &Document,
    uri: &Uri,
    range: Range,
    encoding: Encoding,
) -> Vec<CodeAction> {
    let mut out = Vec::new();
    for d in &doc.problems {
        let Some(fix) = &d.fix else { continue };
        let lsp = diagnostic(doc, d, encoding);
        let fix_range = doc
            .lines
            .range(&doc.text, fix.span.start, fix.span.end, encoding);
        if !meets(lsp.range, range) && !meets(fix_range, range) {
            continue;
        }
        let edit = TextEdit::new(fix_range, fix.replacement.clone());
        let shown = fix.replacement.trim_matches('"').trim();
        let title = if fix.span.start == fix.span.end {
            format!("Insert `{shown}`")
        } else {
            format!("Change to `{shown}`")
        };
        out.push(CodeAction {
            title,
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![lsp]),
            edit: Some(WorkspaceEdit {
                changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                ..Default::default()
            }),
            is_preferred: Some(true),
            ..Default::default()
        });
    }
    out
}

/// Whether two ranges share a place (touching counts: a cursor at a word's end is in it).
fn meets(a: Range, b: Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// The occurrence of an id at a byte offset of the fresh text.
fn occurrence_at(snapshot: &Snapshot, offset: usize) -> Option<&Occurrence> {
    snapshot.index.at(offset)
}

/// The id at a place: from the index when it is of the current text, else the word there
/// (an id's characters, or an Argdown title between its brackets) looked up in the last
/// index that parsed.
pub fn id_at(doc: &Document, offset: usize) -> Option<String> {
    if let Some(s) = doc.fresh() {
        return occurrence_at(s, offset).map(|o| o.id.clone());
    }
    let snapshot = doc.snapshot.as_ref()?;
    let text = &doc.text;
    let line_start = text[..offset.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line_end = text[offset.min(text.len())..]
        .find('\n')
        .map_or(text.len(), |i| offset + i);
    let line = &text[line_start..line_end];
    let at = offset - line_start;
    let word = if doc.format == Format::Argdown {
        let open = line[..at].rfind(['[', '<'])?;
        let close = line[at..].find([']', '>'])? + at;
        Id::slugify(line[open + 1..close].trim()).to_string()
    } else {
        let is_id = |c: char| c.is_ascii_alphanumeric() || "-_.".contains(c);
        let start = line[..at].rfind(|c: char| !is_id(c)).map_or(0, |i| i + 1);
        let end = line[at..]
            .find(|c: char| !is_id(c))
            .map_or(line.len(), |i| at + i);
        line[start..end].to_owned()
    };
    snapshot.index.of_id(&word).next().is_some().then_some(word)
}

/// What hover shows of an id: the element's text, who asserts it (and the other stances
/// on it), its relations, and its grounded status.
pub fn hover(doc: &Document, offset: usize, encoding: Encoding) -> Option<Hover> {
    let id = id_at(doc, offset)?;
    let range = doc.fresh().and_then(|s| occurrence_at(s, offset)).map(|o| {
        doc.lines
            .range(&doc.text, o.span.start, o.span.end, encoding)
    });
    let text = match &doc.known {
        Some(known) if known.map.contains(&id) => describe(known, &id),
        _ => {
            let kind = doc
                .snapshot
                .as_ref()
                .and_then(|s| s.kinds.get(&id))
                .map_or("element", |k| singular(k));
            format!("**{kind}** `{id}`\n\n(the map does not load yet: see its problems)")
        }
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range,
    })
}

/// The name of one element of a list.
fn singular(list: &str) -> &str {
    match list {
        "claims" | "statement" => "claim",
        "arguments" | "argument" => "argument",
        "actors" => "actor",
        "sources" => "source",
        "groups" => "group",
        "sides" => "side",
        other => other,
    }
}

/// An element of a map that loaded, in Markdown.
fn describe(known: &Known, id: &str) -> String {
    let map = &known.map;
    let mut out = String::new();
    match map.element(id) {
        Some(Element::Claim(c)) => {
            let _ = write!(out, "**claim** `{id}`");
            if let Some(title) = &c.title {
                let _ = write!(out, ": {title}");
            }
            let _ = write!(out, "\n\n{}", quoted(&c.text));
        }
        Some(Element::Argument(a)) => {
            let _ = write!(out, "**argument** `{id}`");
            if let Some(title) = &a.title {
                let _ = write!(out, ": {title}");
            }
            if let Some(text) = &a.text {
                let _ = write!(out, "\n\n{}", quoted(text));
            }
            let premises: Vec<String> = map.premises(id).iter().map(|p| named(known, p)).collect();
            if !premises.is_empty() {
                let _ = write!(out, "\n\npremises: {}", premises.join(", "));
            }
            if let Some(c) = map.conclusion(id) {
                let _ = write!(out, "\n\nconclusion: {}", named(known, c));
            }
        }
        Some(Element::Actor(a)) => {
            let _ = write!(out, "**actor** `{id}`: {} ({})", a.name, a.kind.as_str());
            if let Some(role) = &a.role {
                let _ = write!(out, "\n\n{role}");
            }
            let stances = map.stances_of(id);
            if !stances.is_empty() {
                out.push_str("\n\nstances:");
                for s in stances {
                    let _ = write!(out, "\n- {} {}", s.kind.as_str(), named(known, &s.target));
                }
            }
            return out;
        }
        None => {
            if let Some(s) = map.source(id) {
                let _ = write!(out, "**source** `{id}`: {}", s.title);
                if let Some(author) = &s.author {
                    let _ = write!(out, "\n\nby {author}");
                }
            } else if let Some(g) = map.group(id) {
                let _ = write!(
                    out,
                    "**group** `{id}`: {}\n\n{} members",
                    g.title,
                    g.members.len()
                );
            } else if let Some(s) = map.side(id) {
                let _ = write!(out, "**side** `{id}`: {}", s.name);
            } else {
                let _ = write!(out, "`{id}`");
            }
            return out;
        }
    }
    // Claims and arguments: who takes a stance, the relations, the status.
    let asserted: Vec<String> = map.asserted_by(id).iter().map(|a| a.name.clone()).collect();
    if asserted.is_empty() {
        out.push_str("\n\nasserted by nobody");
    } else {
        let _ = write!(out, "\n\nasserted by {}", asserted.join(", "));
    }
    for s in map.stances_on(id) {
        if s.kind.as_str() != "asserts" {
            let _ = write!(out, "\n\n{} {} it", named(known, &s.actor), s.kind.as_str());
        }
    }
    let from = map.relations_from(id);
    let to = map.relations_to(id);
    if !from.is_empty() || !to.is_empty() {
        out.push_str("\n\nrelations:");
        for r in from {
            let _ = write!(out, "\n- {} {}", r.kind.as_str(), named(known, &r.to));
        }
        for r in to {
            let _ = write!(out, "\n- {} {} it", named(known, &r.from), r.kind.as_str());
        }
    }
    if let Some(label) = known.labels.get(id) {
        let meaning = match label.as_str() {
            "in" => "accepted: every attacker is out",
            "out" => "rejected: an accepted attacker stands against it",
            _ => "undecided: it depends on a conflict left open",
        };
        let _ = write!(out, "\n\ngrounded: **{}** ({meaning})", label.as_str());
    }
    out
}

/// An id with its element's short name.
fn named(known: &Known, id: &str) -> String {
    format!("`{id}` ({})", short_name(&known.map, id))
}

/// A text as a Markdown quotation.
fn quoted(text: &str) -> String {
    text.lines()
        .map(|l| format!("> {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The places of an id at an offset of the fresh text: its definition (if asked) and
/// references, as byte spans.
pub fn places(doc: &Document, offset: usize, declaration: bool) -> Vec<(usize, usize)> {
    let Some(s) = doc.fresh() else {
        return Vec::new();
    };
    let Some(o) = occurrence_at(s, offset) else {
        return Vec::new();
    };
    s.index
        .of_id(&o.id)
        .filter(|o| declaration || o.role == Role::Reference)
        .map(|o| (o.span.start, o.span.end))
        .collect()
}

/// Where the id at an offset is defined.
pub fn definition(doc: &Document, offset: usize) -> Option<(usize, usize)> {
    let s = doc.fresh()?;
    let o = occurrence_at(s, offset)?;
    let d = s.index.definition(&o.id)?;
    Some((d.span.start, d.span.end))
}

/// The span and text of the id a rename would change.
pub fn prepare_rename(doc: &Document, offset: usize) -> Option<((usize, usize), String)> {
    let s = doc.fresh()?;
    let o = occurrence_at(s, offset)?;
    Some((
        (o.span.start, o.span.end),
        s.text[o.span.start..o.span.end].to_owned(),
    ))
}

/// The edits of renaming the id at an offset everywhere in the file.
///
/// # Errors
///
/// A message when the text does not parse, the cursor is on no id, or the new name is not
/// a valid id (our map file) or title (Argdown), or already names another element.
pub fn rename(doc: &Document, offset: usize, new_name: &str) -> Result<Vec<Edit>, String> {
    let s = doc
        .fresh()
        .ok_or("the file does not parse: fix its syntax first")?;
    let o = occurrence_at(s, offset).ok_or("there is no id here")?;
    let new_id = if doc.format == Format::Argdown {
        if new_name.trim().is_empty() || new_name.contains([']', '>', '[', '<', '\n']) {
            return Err(format!("`{new_name}` cannot be an Argdown title"));
        }
        Id::slugify(new_name.trim()).to_string()
    } else {
        Id::check(new_name).map_err(|e| format!("`{new_name}` is not a valid id: {e}"))?;
        new_name.to_owned()
    };
    if new_id != o.id && s.index.definition(&new_id).is_some() {
        return Err(format!("`{new_name}` already names another element"));
    }
    Ok(s.index
        .of_id(&o.id)
        .map(|o| ((o.span.start, o.span.end), new_name.to_owned()))
        .collect())
}

/// Which lists' ids suit a reference field.
fn suits(field: &str) -> &'static [&'static str] {
    match field {
        "by" | "actor" | "member_of" | "speaks_for" | "actors" => &["actors"],
        "source" | "via" => &["sources"],
        "parent" => &["groups"],
        "members" => &["claims", "arguments", "groups"],
        "supports" | "rebuts" | "undercuts" | "contradicts" | "premises" | "conclusion"
        | "from" | "to" | "target" => &["claims", "arguments"],
        _ => &[],
    }
}

/// The schema definition of a list's elements.
fn definition_of(list: &str) -> Option<&'static str> {
    Some(match list {
        "sources" => "Source",
        "actors" => "Actor",
        "claims" => "Claim",
        "arguments" => "Argument",
        "relations" => "Relation",
        "stances" => "Stance",
        "groups" => "Group",
        "sides" => "Side",
        _ => return None,
    })
}

/// The completions at an offset: in our map file ids in reference fields, names in `kind`
/// fields (and every other field with a list of names), and field names; in Argdown the
/// titles of statements after `[` and of arguments after `<`.
pub fn completion(doc: &Document, offset: usize, schema: &Value) -> Vec<CompletionItem> {
    if doc.format == Format::Argdown {
        return argdown_completion(doc, offset);
    }
    let Some(snapshot) = doc.snapshot.as_ref() else {
        return Vec::new();
    };
    match structure::context(&doc.text, offset) {
        Context::Key { list, quoted } => {
            let properties = match list.as_deref() {
                None => schema.get("properties"),
                Some(list) => definition_of(list)
                    .and_then(|d| schema.pointer(&format!("/$defs/{d}/properties"))),
            };
            let Some(Value::Object(properties)) = properties else {
                return Vec::new();
            };
            properties
                .iter()
                .map(|(name, p)| CompletionItem {
                    label: name.clone(),
                    kind: Some(CompletionItemKind::FIELD),
                    documentation: description(p),
                    insert_text: Some(if quoted {
                        name.clone()
                    } else {
                        format!("\"{name}\": ")
                    }),
                    ..Default::default()
                })
                .collect()
        }
        Context::Value { list, key, quoted } => {
            let wrap = |s: &str| {
                if quoted {
                    s.to_owned()
                } else {
                    format!("\"{s}\"")
                }
            };
            let lists = suits(&key);
            if !lists.is_empty() {
                return snapshot
                    .index
                    .occurrences()
                    .iter()
                    .filter(|o| o.role == Role::Definition)
                    .filter(|o| {
                        snapshot
                            .kinds
                            .get(&o.id)
                            .is_some_and(|k| lists.contains(&k.as_str()))
                    })
                    .map(|o| CompletionItem {
                        label: o.id.clone(),
                        kind: Some(CompletionItemKind::REFERENCE),
                        detail: doc
                            .known
                            .as_ref()
                            .filter(|k| k.map.contains(&o.id))
                            .map(|k| short_name(&k.map, &o.id)),
                        insert_text: Some(wrap(&o.id)),
                        ..Default::default()
                    })
                    .collect();
            }
            let property = match list.as_deref() {
                None => schema.pointer(&format!("/properties/{key}")),
                Some(list) => definition_of(list)
                    .and_then(|d| schema.pointer(&format!("/$defs/{d}/properties/{key}"))),
            };
            let Some(property) = property else {
                return Vec::new();
            };
            let mut names = Vec::new();
            enum_values(schema, property, &mut names, 0);
            names
                .into_iter()
                .map(|name| CompletionItem {
                    label: name.clone(),
                    kind: Some(CompletionItemKind::ENUM_MEMBER),
                    insert_text: Some(wrap(&name)),
                    ..Default::default()
                })
                .collect()
        }
        Context::Other => Vec::new(),
    }
}

/// A schema property's description, for a completion's documentation.
fn description(property: &Value) -> Option<Documentation> {
    property
        .get("description")
        .and_then(Value::as_str)
        .map(|d| Documentation::String(d.to_owned()))
}

/// The names a property's schema allows (its `enum`, through `$ref`s, `anyOf`s and array
/// items).
fn enum_values(schema: &Value, property: &Value, out: &mut Vec<String>, depth: usize) {
    if depth > 8 {
        return;
    }
    match property {
        Value::Object(fields) => {
            if let Some(Value::Array(names)) = fields.get("enum") {
                out.extend(names.iter().filter_map(Value::as_str).map(str::to_owned));
            }
            if let Some(target) = fields
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix('#'))
                .and_then(|r| schema.pointer(r))
            {
                enum_values(schema, target, out, depth + 1);
            }
            for key in ["anyOf", "oneOf", "allOf", "items"] {
                if let Some(v) = fields.get(key) {
                    enum_values(schema, v, out, depth + 1);
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                enum_values(schema, item, out, depth + 1);
            }
        }
        _ => {}
    }
}

/// Argdown: after an unclosed `[` the statements' titles, after `<` the arguments'.
fn argdown_completion(doc: &Document, offset: usize) -> Vec<CompletionItem> {
    let Some(snapshot) = doc.snapshot.as_ref() else {
        return Vec::new();
    };
    let text = &doc.text;
    let offset = offset.min(text.len());
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..offset];
    let Some(open) = before.rfind(['[', '<']) else {
        return Vec::new();
    };
    if before[open..].contains([']', '>']) {
        return Vec::new();
    }
    let field = if before[open..].starts_with('[') {
        "statement"
    } else {
        "argument"
    };
    let mut seen = std::collections::HashSet::new();
    snapshot
        .index
        .occurrences()
        .iter()
        .filter(|o| o.role == Role::Definition && o.field == field)
        .filter(|o| seen.insert(o.id.clone()))
        .map(|o| {
            let title = snapshot.text[o.span.start..o.span.end].to_owned();
            CompletionItem {
                label: title.clone(),
                kind: Some(CompletionItemKind::REFERENCE),
                detail: doc
                    .known
                    .as_ref()
                    .filter(|k| k.map.contains(&o.id))
                    .map(|k| short_name(&k.map, &o.id)),
                insert_text: Some(title),
                ..Default::default()
            }
        })
        .collect()
}

/// The outline, as byte spans in the snapshot's text: for our map file a symbol per
/// top-level list with its elements inside; for Argdown the headings (groups), with the
/// statements and arguments defined under them.
pub fn symbols(doc: &Document, encoding: Encoding) -> Vec<DocumentSymbol> {
    let Some(s) = doc.snapshot.as_ref() else {
        return Vec::new();
    };
    let range = |(a, b): (usize, usize)| s.lines.range(&s.text, a, b, encoding);
    let detail = |id: &str| -> Option<String> {
        let known = doc.known.as_ref()?;
        let map = &known.map;
        if let Some(g) = map.group(id) {
            Some(g.title.clone())
        } else if let Some(src) = map.source(id) {
            Some(src.title.clone())
        } else if let Some(side) = map.side(id) {
            Some(side.name.clone())
        } else {
            map.contains(id).then(|| short_name(map, id))
        }
    };
    if doc.format == Format::Json {
        return s
            .outline
            .lists
            .iter()
            .map(|list| {
                let kind = match list.name.as_str() {
                    "groups" => SymbolKind::NAMESPACE,
                    "claims" => SymbolKind::STRING,
                    "arguments" => SymbolKind::FUNCTION,
                    "actors" => SymbolKind::CLASS,
                    "sources" => SymbolKind::FILE,
                    "sides" => SymbolKind::ENUM,
                    _ => SymbolKind::ARRAY,
                };
                let children = s
                    .outline
                    .items
                    .iter()
                    .filter(|i| {
                        i.list == list.name && i.span.0 >= list.span.0 && i.span.1 <= list.span.1
                    })
                    .filter_map(|i| {
                        let (id, id_span) = i.id.as_ref()?;
                        Some(symbol(
                            id.clone(),
                            detail(id),
                            kind,
                            range(i.span),
                            range(*id_span),
                            None,
                        ))
                    })
                    .collect();
                let key = (list.span.0, list.span.0 + list.name.len() + 2);
                symbol(
                    list.name.clone(),
                    None,
                    SymbolKind::ARRAY,
                    range(list.span),
                    range(key),
                    Some(children),
                )
            })
            .collect();
    }
    argdown_symbols(s, &range, &detail)
}

/// A symbol.
fn symbol(
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    range: Range,
    selection_range: Range,
    children: Option<Vec<DocumentSymbol>>,
) -> DocumentSymbol {
    #[allow(deprecated)] // `deprecated` is a field every client still reads
    DocumentSymbol {
        name,
        detail,
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range,
        children,
    }
}

/// Argdown's outline: `#` headings nest by level; each statement and argument definition
/// goes under the heading above it. Linear in the text.
fn argdown_symbols(
    s: &Snapshot,
    range: &dyn Fn((usize, usize)) -> Range,
    detail: &dyn Fn(&str) -> Option<String>,
) -> Vec<DocumentSymbol> {
    // (level, symbol) of the open headings.
    let mut open: Vec<(usize, DocumentSymbol, usize)> = Vec::new();
    let mut top: Vec<DocumentSymbol> = Vec::new();
    let text = &s.text;
    let mut defs = s
        .index
        .occurrences()
        .iter()
        .filter(|o| o.role == Role::Definition)
        .peekable();
    fn close(
        open: &mut Vec<(usize, DocumentSymbol, usize)>,
        top: &mut Vec<DocumentSymbol>,
        end: usize,
        range: &dyn Fn((usize, usize)) -> Range,
    ) {
        let (_, mut sym, start) = open.pop().expect("a heading is open");
        sym.range = range((start, end));
        match open.last_mut() {
            Some((_, parent, _)) => parent.children.get_or_insert_with(Vec::new).push(sym),
            None => top.push(sym),
        }
    }
    let push = |open: &mut Vec<(usize, DocumentSymbol, usize)>,
                top: &mut Vec<DocumentSymbol>,
                o: &Occurrence| {
        let line_end = text[o.span.end..]
            .find('\n')
            .map_or(text.len(), |i| o.span.end + i);
        let kind = if o.field == "argument" {
            SymbolKind::FUNCTION
        } else {
            SymbolKind::STRING
        };
        let sym = symbol(
            text[o.span.start..o.span.end].to_owned(),
            detail(&o.id),
            kind,
            range((o.span.start.saturating_sub(1), line_end)),
            range((o.span.start, o.span.end)),
            None,
        );
        match open.last_mut() {
            Some((_, parent, _)) => parent.children.get_or_insert_with(Vec::new).push(sym),
            None => top.push(sym),
        }
    };
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let here = line_start;
        line_start += line.len();
        let trimmed = line.trim_end();
        let level = trimmed.bytes().take_while(|&b| b == b'#').count();
        if level == 0 || !trimmed[level..].starts_with(' ') {
            continue;
        }
        while let Some(o) = defs.next_if(|o| o.span.start < here) {
            push(&mut open, &mut top, o);
        }
        while open.last().is_some_and(|(l, _, _)| *l >= level) {
            close(&mut open, &mut top, here, range);
        }
        let title = trimmed[level..].trim();
        let title_start = here + trimmed.find(title).unwrap_or(level);
        let sym = symbol(
            title.to_owned(),
            None,
            SymbolKind::NAMESPACE,
            range((here, here + trimmed.len())),
            range((title_start, title_start + title.len())),
            None,
        );
        open.push((level, sym, here));
    }
    for o in defs {
        push(&mut open, &mut top, o);
    }
    while !open.is_empty() {
        close(&mut open, &mut top, text.len(), range);
    }
    top
}
