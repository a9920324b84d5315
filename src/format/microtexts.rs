//! Argument microtexts (Peldszus & Stede): short monologues annotated as an `arggraph` XML
//! document of text segments (`edu`), argumentative units (`adu`, proponent or opponent) and
//! the `edge`s between them.
//!
//! ADUs become claims, their text joined from the EDUs segmented into them, their role a tag
//! (`proponent` or `opponent`). `sup` and `exa` edges become supports (an example keeps
//! `ext.kind = "example"`), `reb` rebuttals. `und` and `add` point at another edge: an `und`
//! undercuts it and an `add` gives it a second, linked premise, so the targeted edge becomes an
//! [`Argument`] with premise links (FORMATS.md 6.2). These are
//! resolved after every ADU-to-ADU edge is known, so an edge may name one further down.
//!
//! Odd parts (elements without ids, edges to nothing, unknown edge types, self-loops) are
//! skipped with a warning at their place; text that is not well-formed XML, or XML whose root is
//! not `arggraph`, is an error.

use std::collections::HashMap;

use roxmltree::{Document, Node, ParsingOptions};
use serde_json::{json, Map as JsonMap, Value as Json};

use crate::diagnostic::{did_you_mean, Diagnostic, Span};
use crate::format::import::origin;
use crate::format::json::{LoadError, Loaded};
use crate::model::{
    Argument, Claim, Id, IdPool, Map, MetaData, ModelError, Relation, RelationKind,
};

/// The format's short name, used in provenance and as the map's `ext` key.
const FORMAT: &str = "microtexts";

/// The edge types of the `arggraph` DTD.
const EDGE_TYPES: [&str; 6] = ["seg", "sup", "exa", "reb", "und", "add"];

/// How much of a text [`sniff`] looks at.
const SNIFF_BYTES: usize = 4096;

/// Whether a text is very likely an argument microtext: XML whose first element is
/// `arggraph` (after an XML declaration, comments and a DOCTYPE), within the first few
/// kilobytes.
pub fn sniff(src: &str) -> bool {
    let mut end = src.len().min(SNIFF_BYTES);
    while !src.is_char_boundary(end) {
        end -= 1;
    }
    let mut rest = src[..end].trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("<?") {
            match after.find("?>") {
                Some(close) => rest = &after[close + 2..],
                None => return false,
            }
        } else if let Some(after) = rest.strip_prefix("<!--") {
            match after.find("-->") {
                Some(close) => rest = &after[close + 3..],
                None => return false,
            }
        } else if let Some(after) = rest.strip_prefix("<!DOCTYPE") {
            return after.trim_start().starts_with("arggraph");
        } else if let Some(after) = rest.strip_prefix("<arggraph") {
            return after.is_empty()
                || after.starts_with(|c: char| c.is_whitespace() || c == '>' || c == '/');
        } else {
            return false;
        }
    }
}

/// Loads a map from the text of an argument microtext (`arggraph` XML).
///
/// A DOCTYPE is allowed (the corpus's `arggraph.dtd`); entity expansion is bounded, so a
/// "billion laughs" document fails at once with an error.
///
/// # Errors
///
/// A [`LoadError`] when the text is not well-formed XML (at the line and column the XML parser
/// names, with a hint), when its entities expand without bound, or when the root element is
/// not `arggraph`. Everything else that is odd is skipped with a warning in
/// [`Loaded::warnings`].
pub fn from_str(src: &str) -> Result<Loaded, LoadError> {
    let options = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    let doc = Document::parse_with_options(src, options).map_err(|e| LoadError {
        diagnostics: vec![xml_error(src, &e)],
    })?;
    let root = doc.root_element();
    if root.tag_name().name() != "arggraph" {
        let start = root.range().start;
        let name = root.tag_name().name();
        return Err(LoadError {
            diagnostics: vec![Diagnostic::error(
                src,
                Span::new(start, start + 1 + name.len()),
                format!("the root element is <{name}>, not <arggraph>"),
            )
            .with_hint(
                "an argument microtext is an <arggraph> holding <edu>, <adu> and <edge> elements",
            )],
        });
    }
    let mut reader = Reader {
        src,
        warnings: Vec::new(),
    };
    let map = reader.read(root);
    Ok(Loaded {
        map,
        warnings: reader.warnings,
    })
}

/// The XML parser's complaint as a diagnostic at its place, with a hint.
fn xml_error(src: &str, e: &roxmltree::Error) -> Diagnostic {
    use roxmltree::Error as E;
    let pos = e.pos();
    let at = match e {
        E::UnexpectedEndOfStream | E::UnclosedRootNode => src.len(),
        _ => offset_of(src, pos.row, pos.col),
    };
    let message = match e {
        E::EntityReferenceLoop(_) => {
            "the document's entities expand too far (a loop, or an expansion attack such as \"billion laughs\"); it is refused".to_owned()
        }
        E::UnclosedRootNode | E::UnexpectedEndOfStream => {
            "the document ends before its elements are closed".to_owned()
        }
        E::NoRootNode => "the document holds no element".to_owned(),
        other => {
            // roxmltree ends its messages with " at row:col"; the diagnostic places it.
            let text = other.to_string();
            let suffix = format!(" at {}:{}", pos.row, pos.col);
            text.strip_suffix(&suffix).unwrap_or(&text).to_owned()
        }
    };
    let hint = match e {
        E::EntityReferenceLoop(_) => {
            "a microtext needs no entities of its own: remove the entity declarations from the DOCTYPE"
        }
        E::UnknownEntityReference(..) | E::MalformedEntityReference(_) => {
            "XML knows only &amp; &lt; &gt; &quot; and &apos;: write a bare & as &amp;, or put the text in <![CDATA[...]]>"
        }
        E::UnclosedRootNode | E::UnexpectedEndOfStream => {
            "the file may be cut short: it must end with </arggraph>"
        }
        E::UnexpectedCloseTag(..) => "every element must be closed by its own end tag, in order",
        E::NoRootNode => "an argument microtext is an <arggraph> element",
        _ => "the file must be well-formed XML; check the place marked",
    };
    Diagnostic::error(src, Span::new(at, (at + 1).min(src.len()).max(at)), message).with_hint(hint)
}

/// The byte offset of a 1-based row and a column counted in characters, clamped to the text.
fn offset_of(src: &str, row: u32, col: u32) -> usize {
    let mut start = 0;
    for _ in 1..row {
        match src[start..].find('\n') {
            Some(nl) => start += nl + 1,
            None => return src.len(),
        }
    }
    let line_end = src[start..].find('\n').map_or(src.len(), |nl| start + nl);
    src[start..line_end]
        .char_indices()
        .nth(col.saturating_sub(1) as usize)
        .map_or(line_end, |(i, _)| start + i)
}

struct Reader<'s> {
    src: &'s str,
    warnings: Vec<Diagnostic>,
}

/// One element of the `arggraph`, by its place in the document.
struct Element<'a, 'i> {
    id: &'a str,
    node: Node<'a, 'i>,
    item: Item<'a>,
}

enum Item<'a> {
    Edu(String),
    Joint,
    Adu(Option<&'a str>),
    Edge {
        ty: &'a str,
        src: Option<usize>,
        trg: Option<usize>,
    },
}

fn span_of(node: Node) -> Span {
    let range = node.range();
    Span::new(range.start, range.end)
}

fn attr_span(node: Node, name: &str) -> Span {
    node.attribute_node(name).map_or_else(
        || span_of(node),
        |a| {
            let r = a.range_value();
            Span::new(r.start, r.end)
        },
    )
}

impl<'s> Reader<'s> {
    fn warn(&mut self, span: Span, message: impl Into<String>, hint: impl Into<String>) {
        self.warnings
            .push(Diagnostic::warning(self.src, Some(span), message).with_hint(hint));
    }

    fn read(&mut self, root: Node) -> Map {
        let elements = self.elements(root);
        let index: HashMap<&str, usize> = elements
            .iter()
            .enumerate()
            .map(|(ix, e)| (e.id, ix))
            .collect();
        let elements = self.resolve_ends(elements, &index);
        let n = elements.len();
        let is = |ix: Option<usize>, f: fn(&Item) -> bool| ix.is_some_and(|i| f(&elements[i].item));
        let adu = |item: &Item| matches!(item, Item::Adu(_));
        let edge_of = |ix: usize| match &elements[ix].item {
            Item::Edge { ty, src, trg } => Some((*ty, *src, *trg)),
            _ => None,
        };

        // Segmentation: which EDUs (or joints) make up each ADU.
        let mut segments: Vec<Vec<usize>> = vec![Vec::new(); n];
        // Basic checks of every ADU-level edge, before their targets are known to hold.
        let mut basic = vec![false; n];
        let mut target_edge: Vec<Option<usize>> = vec![None; n];
        for (ix, el) in elements.iter().enumerate() {
            let Some((ty, src, trg)) = edge_of(ix) else {
                continue;
            };
            let (Some(s), Some(t)) = (src, trg) else {
                continue;
            };
            let span = span_of(el.node);
            if s == t {
                self.warn(
                    span,
                    format!(
                        "edge `{}` runs from `{}` to itself; skipped",
                        el.id, elements[s].id
                    ),
                    "an edge joins two different elements",
                );
                continue;
            }
            match ty {
                "seg" => {
                    let from_ok = matches!(elements[s].item, Item::Edu(_) | Item::Joint);
                    let to_ok = matches!(elements[t].item, Item::Adu(_) | Item::Joint);
                    if from_ok && to_ok {
                        segments[t].push(s);
                    } else {
                        self.warn(
                            span,
                            format!("`seg` edge `{}` must run from an EDU or joint to an ADU or joint; skipped", el.id),
                            "a `seg` edge gives an ADU its text: <edge src=\"e1\" trg=\"a1\" type=\"seg\"/>",
                        );
                    }
                }
                "sup" | "exa" | "reb" | "und" | "add" => {
                    if !is(Some(s), adu) {
                        self.warn(
                            attr_span(el.node, "src"),
                            format!("the source of `{ty}` edge `{}` is `{}`, which is not an ADU; skipped", el.id, elements[s].id),
                            "supports and attacks start at an ADU",
                        );
                        continue;
                    }
                    let on_edge = matches!(ty, "und" | "add");
                    match (&elements[t].item, on_edge) {
                        (Item::Adu(_), false) => basic[ix] = true,
                        (Item::Edge { ty: tt, .. }, true) if matches!(*tt, "sup" | "exa" | "reb" | "und") => {
                            basic[ix] = true;
                            target_edge[ix] = Some(t);
                        }
                        (Item::Edge { ty: tt, .. }, true) => self.warn(
                            attr_span(el.node, "trg"),
                            format!("`{ty}` edge `{}` points at the `{tt}` edge `{}`; skipped", el.id, elements[t].id),
                            format!("an `{ty}` edge points at a `sup`, `exa`, `reb` or `und` edge"),
                        ),
                        (Item::Edge { .. }, false) => self.warn(
                            attr_span(el.node, "trg"),
                            format!("`{ty}` edge `{}` points at the edge `{}`, not at an ADU; skipped", el.id, elements[t].id),
                            "only `und` and `add` edges point at edges; to attack an inference use `und`",
                        ),
                        (_, true) => self.warn(
                            attr_span(el.node, "trg"),
                            format!("`{ty}` edge `{}` points at `{}`, which is not an edge; skipped", el.id, elements[t].id),
                            if ty == "und" {
                                "an `und` edge names the edge whose inference it attacks; to attack the ADU itself use `reb`"
                            } else {
                                "an `add` edge names the edge it adds a premise to"
                            },
                        ),
                        (_, false) => self.warn(
                            attr_span(el.node, "trg"),
                            format!("`{ty}` edge `{}` points at `{}`, which is not an ADU; skipped", el.id, elements[t].id),
                            "supports and rebuttals point at an ADU",
                        ),
                    }
                }
                _ => {}
            }
        }
        let valid = self.chain_validity(&elements, &basic, &target_edge);

        // Premises of each relation edge (its source, then every `add`), and whether an
        // `und` attacks it: either makes it an Argument.
        let mut premises: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut attacked = vec![false; n];
        for ix in 0..n {
            let Some((ty, Some(s), _)) = edge_of(ix).filter(|_| valid[ix]) else {
                continue;
            };
            if ty != "add" {
                premises[ix].insert(0, s);
            }
            match (ty, target_edge[ix]) {
                ("add", Some(t)) => premises[t].push(s),
                ("und", Some(t)) => attacked[t] = true,
                _ => {}
            }
        }

        let mut map = Map::new("");
        let mut ids = IdPool::new();
        // Claims, in document order.
        let mut claim_of: Vec<Option<Id>> = vec![None; n];
        for (ix, el) in elements.iter().enumerate() {
            let Item::Adu(role) = el.item else {
                continue;
            };
            let text = self.text_of(&elements, &segments, ix);
            let text = if text.is_empty() {
                self.warn(
                    span_of(el.node),
                    format!("ADU `{}` has no text: no `seg` edge leads to it from an EDU", el.id),
                    "add <edge src=\"e…\" trg=\"…\" type=\"seg\"/> from the EDU that holds its words",
                );
                format!("ADU {}", el.id)
            } else {
                text
            };
            let tag = match role {
                Some("pro") => Some("proponent"),
                Some("opp") => Some("opponent"),
                other => {
                    self.warn(
                        attr_span(el.node, "type"),
                        match other {
                            Some(r) => {
                                format!("ADU `{}` has the unknown role `{r}`; no role tag", el.id)
                            }
                            None => format!("ADU `{}` has no `type`; no role tag", el.id),
                        },
                        "an ADU's type is `pro` (proponent) or `opp` (opponent)",
                    );
                    None
                }
            };
            let id = ids.fresh_slug(&text);
            let mut claim = Claim::new(id.clone(), text);
            claim.meta = MetaData {
                tags: tag.into_iter().map(str::to_owned).collect(),
                origin: Some(origin(FORMAT, el.id)),
                ..MetaData::default()
            }
            .into();
            match map.add_claim(claim) {
                Ok(()) => claim_of[ix] = Some(id),
                Err(e) => self.model_error(span_of(el.node), &e),
            }
        }

        // Arguments, for the relation edges that need one.
        let mut argument_of: Vec<Option<Id>> = vec![None; n];
        for (ix, el) in elements.iter().enumerate() {
            let Some((ty, _, _)) = edge_of(ix) else {
                continue;
            };
            if !valid[ix] || ty == "add" || !(premises[ix].len() >= 2 || attacked[ix]) {
                continue;
            }
            let label = match ty {
                "reb" => "rebuttal",
                "und" => "undercut",
                _ => "argument",
            };
            let id = ids.fresh_slug(&format!("{label} {}", el.id));
            let mut argument = Argument::new(id.clone());
            argument.meta = MetaData {
                origin: Some(origin(FORMAT, el.id)),
                ext: (ty == "exa").then(example),
                ..MetaData::default()
            }
            .into();
            match map.add_argument(argument) {
                Ok(()) => argument_of[ix] = Some(id),
                Err(e) => self.model_error(span_of(el.node), &e),
            }
        }

        // Relations, in document order; an `add` is already among its target's premises.
        for (ix, el) in elements.iter().enumerate() {
            let Some((ty, Some(s), Some(t))) = edge_of(ix) else {
                continue;
            };
            if !valid[ix] || ty == "add" {
                continue;
            }
            let span = span_of(el.node);
            let to = if ty == "und" {
                argument_of[t].clone()
            } else {
                claim_of[t].clone()
            };
            let Some(to) = to else {
                continue;
            };
            let kind = match ty {
                "reb" => RelationKind::Rebuts,
                "und" => RelationKind::Undercuts,
                _ => RelationKind::Supports,
            };
            if let Some(arg) = argument_of[ix].clone() {
                for &p in &premises[ix] {
                    if let Some(claim) = claim_of[p].clone() {
                        self.add(
                            &mut map,
                            Relation::new(claim, RelationKind::Premise, arg.clone()),
                            span,
                        );
                    }
                }
                let kind = if kind == RelationKind::Supports {
                    RelationKind::Conclusion
                } else {
                    kind
                };
                self.add(&mut map, Relation::new(arg, kind, to), span);
            } else if let Some(from) = claim_of[s].clone() {
                let mut relation = Relation::new(from, kind, to);
                relation.meta = MetaData {
                    origin: Some(origin(FORMAT, el.id)),
                    ext: (ty == "exa").then(example),
                    ..MetaData::default()
                }
                .into();
                self.add(&mut map, relation, span);
            }
        }

        // The central claim: the one ADU with no outgoing edge but `seg`.
        let mut argues = vec![false; n];
        for ix in 0..n {
            if let Some((ty, Some(s), _)) = edge_of(ix) {
                argues[s] |= ty != "seg";
            }
        }
        let central: Vec<usize> = (0..n)
            .filter(|&ix| is(Some(ix), adu) && !argues[ix])
            .collect();
        let adus = elements.iter().filter(|e| adu(&e.item)).count();
        let root_span = span_of(root);
        let root_span = Span::new(root_span.start, root_span.start + 1);
        match central.as_slice() {
            [_] => {}
            [] if adus == 0 => self.warn(
                root_span,
                "the arggraph has no ADUs, so the map has no claims",
                "an argument microtext has <adu id=\"a1\" type=\"pro\"/> elements joined to EDUs by `seg` edges",
            ),
            [] => self.warn(
                root_span,
                "every ADU supports or attacks another, so there is no central claim",
                "the central claim is the one ADU with no outgoing edge but `seg`; check the edges for a cycle",
            ),
            several => {
                let names: Vec<&str> = several.iter().map(|&ix| elements[ix].id).collect();
                self.warn(
                    root_span,
                    format!("{} ADUs have no outgoing edge, so the central claim is unclear: {}", several.len(), names.join(", ")),
                    "a microtext has one central claim; link the other ADUs to it",
                );
            }
        }
        let central_claim = match central.as_slice() {
            [c] => claim_of[*c].clone(),
            _ => None,
        };

        let mut kept = JsonMap::new();
        for key in ["id", "topic_id", "stance"] {
            if let Some(v) = root.attribute(key) {
                kept.insert(key.to_owned(), json!(v));
            }
        }
        if let [c] = central.as_slice() {
            kept.insert("central".into(), json!(elements[*c].id));
        }
        if !kept.is_empty() {
            let mut ext = JsonMap::new();
            ext.insert(FORMAT.into(), Json::Object(kept));
            map.ext = Some(ext);
        }
        map.title = central_claim
            .and_then(|c| map.claim(&c).map(|c| c.text.clone()))
            .or_else(|| root.attribute("id").map(str::to_owned))
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| "Argument microtext".to_owned());
        map
    }

    /// The children of the `arggraph` with their ids; elements without an id, with a taken id
    /// or of an unknown name are skipped with a warning.
    fn elements<'a, 'i>(&mut self, root: Node<'a, 'i>) -> Vec<Element<'a, 'i>> {
        let mut out = Vec::new();
        let mut seen: HashMap<&str, Span> = HashMap::new();
        for node in root.children().filter(Node::is_element) {
            let name = node.tag_name().name();
            let span = span_of(node);
            if !matches!(name, "edu" | "joint" | "adu" | "edge") {
                self.warn(
                    Span::new(span.start, span.start + 1 + name.len()),
                    format!("<{name}> is not part of an arggraph; skipped"),
                    "an arggraph holds <edu>, <joint>, <adu> and <edge> elements",
                );
                continue;
            }
            let Some(id) = node
                .attribute("id")
                .map(str::trim)
                .filter(|id| !id.is_empty())
            else {
                self.warn(
                    span,
                    format!("an <{name}> has no `id`; skipped"),
                    "give every element an id (`e1`, `a1`, `c1`, ...) unique in the file",
                );
                continue;
            };
            if let Some(first) = seen.get(id) {
                let at = crate::diagnostic::Location::of(self.src, first.start);
                self.warn(
                    attr_span(node, "id"),
                    format!("the id `{id}` is used by an earlier element (at {at}); this <{name}> is skipped"),
                    "all ids of an arggraph share one space: give every element its own",
                );
                continue;
            }
            seen.insert(id, span);
            let item = match name {
                "edu" => Item::Edu(
                    node.descendants()
                        .filter(Node::is_text)
                        .filter_map(|t| t.text())
                        .collect::<String>()
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
                "joint" => Item::Joint,
                "adu" => Item::Adu(node.attribute("type").map(str::trim)),
                _ => Item::Edge {
                    ty: node.attribute("type").map_or("", str::trim),
                    src: None,
                    trg: None,
                },
            };
            out.push(Element { id, node, item });
        }
        out
    }

    /// Finds each edge's two ends once every id is known, warning about edges to nothing and
    /// edges of unknown types.
    fn resolve_ends<'a, 'i>(
        &mut self,
        mut elements: Vec<Element<'a, 'i>>,
        index: &HashMap<&str, usize>,
    ) -> Vec<Element<'a, 'i>> {
        let ids: Vec<&str> = elements.iter().map(|e| e.id).collect();
        // What `und` and `add` may point at: the edges of a relation.
        let relation_ids: Vec<&str> = elements
            .iter()
            .filter(|e| {
                matches!(
                    e.item,
                    Item::Edge {
                        ty: "sup" | "exa" | "reb" | "und",
                        ..
                    }
                )
            })
            .map(|e| e.id)
            .collect();
        let mut suggestions = 0;
        for el in &mut elements {
            let Item::Edge { ty, src, trg } = &mut el.item else {
                continue;
            };
            if !EDGE_TYPES.contains(ty) {
                let hint = match did_you_mean(ty, EDGE_TYPES) {
                    Some(near) => format!(
                        "did you mean `{near}`? edge types are seg, sup, exa, reb, und and add"
                    ),
                    None => "edge types are seg, sup, exa, reb, und and add".to_owned(),
                };
                self.warnings.push(
                    Diagnostic::warning(
                        self.src,
                        Some(attr_span(el.node, "type")),
                        format!("edge `{}` has the unknown type `{ty}`; skipped", el.id),
                    )
                    .with_hint(hint),
                );
                continue;
            }
            for (slot, key) in [(&mut *src, "src"), (&mut *trg, "trg")] {
                let Some(name) = el.node.attribute(key).map(str::trim) else {
                    self.warnings.push(
                        Diagnostic::warning(
                            self.src,
                            Some(span_of(el.node)),
                            format!("edge `{}` has no `{key}`; skipped", el.id),
                        )
                        .with_hint("an edge names its two ends: <edge id=\"c1\" src=\"a2\" trg=\"a1\" type=\"sup\"/>"),
                    );
                    break;
                };
                *slot = index.get(name).copied();
                if slot.is_none() {
                    // A suggestion compares the id with every element's: only for the first few.
                    suggestions += 1;
                    let candidates = if key == "trg" && matches!(*ty, "und" | "add") {
                        &relation_ids
                    } else {
                        &ids
                    };
                    let near = (suggestions <= 10)
                        .then(|| did_you_mean(name, candidates.iter().copied()))
                        .flatten();
                    let hint = match near {
                        Some(near) => format!("did you mean `{near}`?"),
                        None if matches!(*ty, "und" | "add") => {
                            format!("an `{ty}` edge names the id of the edge it targets")
                        }
                        None => {
                            "an edge joins two elements of the arggraph by their ids".to_owned()
                        }
                    };
                    self.warnings.push(
                        Diagnostic::warning(
                            self.src,
                            Some(attr_span(el.node, key)),
                            format!(
                                "edge `{}` has `{key}=\"{name}\"`, which no element has; skipped",
                                el.id
                            ),
                        )
                        .with_hint(hint),
                    );
                    break;
                }
            }
            if src.is_none() || trg.is_none() {
                *src = None;
                *trg = None;
            }
        }
        elements
    }

    /// Which edges hold: an `und` or `add` holds only if the edge it targets does, and so on
    /// down the chain (a cycle of undercuts holds). Walks each chain once.
    fn chain_validity(
        &mut self,
        elements: &[Element],
        basic: &[bool],
        target_edge: &[Option<usize>],
    ) -> Vec<bool> {
        let n = basic.len();
        let mut status: Vec<Option<bool>> = vec![None; n];
        let mut on_path = vec![false; n];
        for start in 0..n {
            let mut path = Vec::new();
            let mut at = start;
            let result = loop {
                if let Some(s) = status[at] {
                    break s;
                }
                if !basic[at] {
                    status[at] = Some(false);
                    break false;
                }
                if on_path[at] {
                    break true;
                }
                on_path[at] = true;
                path.push(at);
                match target_edge[at] {
                    Some(t) => at = t,
                    None => break true,
                }
            };
            for &p in &path {
                on_path[p] = false;
                status[p] = Some(result);
            }
            if !result {
                // Name the edges that fail only because what they target failed.
                for &p in &path {
                    if let Some(t) = target_edge[p] {
                        let el = &elements[p];
                        self.warn(
                            attr_span(el.node, "trg"),
                            format!("edge `{}` points at the edge `{}`, which was skipped; so is this one", el.id, elements[t].id),
                            "fix the targeted edge first",
                        );
                    }
                }
            }
        }
        status.into_iter().map(|s| s == Some(true)).collect()
    }

    /// An ADU's text: its EDUs (through joints) in document order, joined by spaces.
    fn text_of(&self, elements: &[Element], segments: &[Vec<usize>], adu: usize) -> String {
        let mut edus = Vec::new();
        let mut seen = vec![false; elements.len()];
        let mut stack = segments[adu].clone();
        while let Some(ix) = stack.pop() {
            if std::mem::replace(&mut seen[ix], true) {
                continue;
            }
            match &elements[ix].item {
                Item::Edu(_) => edus.push(ix),
                Item::Joint => stack.extend(&segments[ix]),
                _ => {}
            }
        }
        edus.sort_unstable();
        edus.iter()
            .filter_map(|&ix| match &elements[ix].item {
                Item::Edu(text) if !text.is_empty() => Some(text.as_str()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Adds a relation, or says at the edge why it cannot be added.
    fn add(&mut self, map: &mut Map, relation: Relation, at: Span) {
        if let Err(e) = map.add_relation(relation) {
            self.model_error(at, &e);
        }
    }

    fn model_error(&mut self, at: Span, e: &ModelError) {
        let hint = match e {
            ModelError::DuplicateRelation { .. } => "two edges say the same; remove one",
            ModelError::SelfLoop(_) => "an ADU cannot support or attack itself",
            _ => "check the ids and ends of this edge",
        };
        self.warn(at, format!("{e}; skipped"), hint);
    }
}

/// The extension data of a support by example (`exa`).
fn example() -> JsonMap<String, Json> {
    let mut ext = JsonMap::new();
    ext.insert("kind".into(), json!("example"));
    ext
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_and_character_columns_become_byte_offsets() {
        let src = "ab\nçé<x\nz";
        assert_eq!(offset_of(src, 1, 1), 0);
        assert_eq!(offset_of(src, 2, 3), src.find('<').unwrap());
        assert_eq!(offset_of(src, 2, 99), src.find("\nz").unwrap());
        assert_eq!(offset_of(src, 9, 1), src.len());
    }

    #[test]
    fn undercut_chains_hold_only_when_their_target_holds() {
        // c1 sup (holds); c2 und → c1; c3 und → c4; c4 und → c3 (a cycle, holds);
        // c5 und → c6, which failed its own checks.
        let src = r#"<arggraph>
<edu id="e1">A</edu><edu id="e2">B</edu>
<adu id="a1" type="pro"/><adu id="a2" type="pro"/>
<edge id="s1" src="e1" trg="a1" type="seg"/><edge id="s2" src="e2" trg="a2" type="seg"/>
<edge id="c1" src="a2" trg="a1" type="sup"/>
<edge id="c2" src="a1" trg="c1" type="und"/>
<edge id="c3" src="a1" trg="c4" type="und"/>
<edge id="c4" src="a2" trg="c3" type="und"/>
<edge id="c5" src="a2" trg="c6" type="und"/>
<edge id="c6" src="e1" trg="a1" type="sup"/>
</arggraph>"#;
        let loaded = from_str(src).unwrap();
        let undercuts = loaded
            .map
            .relations()
            .filter(|r| r.kind == RelationKind::Undercuts)
            .count();
        assert_eq!(undercuts, 3);
        let messages: Vec<&str> = loaded.warnings.iter().map(|d| d.message.as_str()).collect();
        assert!(
            messages
                .iter()
                .any(|m| m.contains("`c5` points at the edge `c6`, which was skipped")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("`e1`, which is not an ADU")),
            "{messages:?}"
        );
    }
}
