//! SADFace, Simon Wells's JSON for argument analyses: `metadata`, `nodes`, `edges` and
//! `resources`.
//!
//! Atoms become claims. A scheme node (`scheme`, `inference` or `conflict`) sits between the
//! atoms it joins, as AIF's RA and CA nodes do: a support scheme with one premise becomes a
//! direct `supports`, with several premises (or a name of its own, or an attack on it) an
//! [`Argument`] with premise and conclusion links; a conflict becomes a
//! `rebuts`, or an `undercuts` when it points at another scheme node. Both node-type
//! generations are read: v0.2 (`atom`, `scheme` named `support` or `conflict`) and the 0.5.x
//! Python library (`atom`, `inference`, `conflict`).
//!
//! Odd parts (nodes without ids, edges to nothing, unknown node types, self-loops) are skipped
//! with a warning at their place; only text that is not JSON, or JSON that is not shaped like
//! SADFace, is an error.

use std::collections::{HashMap, HashSet};

use serde_json::{json, Map as JsonMap, Value as Json};

use crate::diagnostic::{did_you_mean, Diagnostic, Span};
use crate::format::import::{self, ext_under, field, origin, str_of, title_of, to_json, Repeated};
use crate::format::json::{LoadError, Loaded};
use crate::format::spanned::{self, Spanned, Value};
use crate::model::{
    Argument, Claim, Id, IdPool, Map, MetaData, ModelError, Relation, RelationKind, Source,
    SourceKind,
};

/// The format's short name, used in provenance and as the `ext` key.
const FORMAT: &str = "sadface";

/// Scheme names that make a scheme node an attack, compared without case.
const ATTACK_NAMES: [&str; 4] = ["conflict", "attack", "disagree", "defeat"];

/// Support scheme names that name no particular inference, compared without case.
const DEFAULT_SUPPORT_NAMES: [&str; 4] = ["support", "inference", "default inference", ""];

/// The node types SADFace writers use.
const NODE_TYPES: [&str; 4] = ["atom", "scheme", "inference", "conflict"];

/// How much of a text [`sniff`] looks at.
const SNIFF_BYTES: usize = 8192;

/// Whether a text is very likely a SADFace document rather than another JSON format: a JSON
/// object with SADFace's marks (`"type": "atom"` nodes, `source_id` edges, an
/// `analyst_name`) in its first few kilobytes, and none of AIF's (`nodeID`, an `AIF` block)
/// or of our own map file's (`argumap`, `claims`).
pub fn sniff(src: &str) -> bool {
    let mut end = src.len().min(SNIFF_BYTES);
    while !src.is_char_boundary(end) {
        end -= 1;
    }
    let head = &src[..end];
    if !head
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{')
    {
        return false;
    }
    let foreign = ["nodeID", "AIF", "argumap", "claims", "fromID"];
    if foreign.iter().any(|k| has_key(head, k)) {
        return false;
    }
    let marks = has_key(head, "source_id")
        || has_key(head, "analyst_name")
        || has_key(head, "sadface")
        || has_pair(head, "type", "atom");
    marks && (has_key(head, "nodes") || has_key(head, "metadata"))
}

/// Whether `"key"` followed by `:` occurs in a JSON text. A key inside a string value would be
/// escaped (`\"key\"`), so it does not match.
fn has_key(text: &str, key: &str) -> bool {
    key_positions(text, key).next().is_some()
}

/// Whether `"key": "value"` occurs in a JSON text.
fn has_pair(text: &str, key: &str, value: &str) -> bool {
    let quoted = format!("\"{value}\"");
    key_positions(text, key).any(|after| text[after..].trim_start().starts_with(&quoted))
}

/// The offsets just past `"key":` for each occurrence of the key in a JSON text.
fn key_positions<'t>(text: &'t str, key: &str) -> impl Iterator<Item = usize> + 't {
    let quoted = format!("\"{key}\"");
    let len = quoted.len();
    let starts: Vec<usize> = text.match_indices(&quoted).map(|(at, _)| at).collect();
    starts.into_iter().filter_map(move |at| {
        let colon = text[at + len..].trim_start().strip_prefix(':')?;
        Some(text.len() - colon.len())
    })
}

/// Loads a map from the text of a SADFace document.
///
/// # Errors
///
/// A [`LoadError`] when the text is not JSON (at the line and column of the mistake), when it
/// is not a JSON object, when it has no `nodes` array or its `edges` is not an array, or when
/// it is AIF or an argumap map file rather than SADFace. Everything else that is odd is
/// skipped with a warning in [`Loaded::warnings`].
pub fn from_str(src: &str) -> Result<Loaded, LoadError> {
    let root = spanned::parse(src).map_err(|e| LoadError {
        diagnostics: vec![Diagnostic::error(src, e.span, e.message)
            .with_hint("a SADFace document must be valid JSON; check the character marked above")],
    })?;
    let mut reader = Reader {
        src,
        warnings: Vec::new(),
        skipped: HashSet::new(),
        ids: IdPool::new(),
    };
    let map = reader.read(&root).map_err(|d| LoadError {
        diagnostics: vec![d],
    })?;
    Ok(Loaded {
        map,
        warnings: reader.warnings,
    })
}

struct Reader<'s> {
    src: &'s str,
    warnings: Vec<Diagnostic>,
    /// Ids of nodes skipped with a warning, whose edges are dropped without another.
    skipped: HashSet<String>,
    ids: IdPool,
}

/// A node of the document that was read.
struct Node<'v> {
    id: String,
    span: Span,
    raw: &'v Spanned<Value>,
    kind: NodeKind<'v>,
}

enum NodeKind<'v> {
    Atom {
        text: String,
        sources: Option<&'v Spanned<Value>>,
    },
    Scheme {
        /// `scheme`, `inference` or `conflict`, as written.
        ty: String,
        name: Option<String>,
        attack: bool,
    },
}

impl NodeKind<'_> {
    fn is_atom(&self) -> bool {
        matches!(self, NodeKind::Atom { .. })
    }
}

/// What a scheme node became in the map.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Skipped: no premise or no target.
    Skipped,
    /// A direct relation from its one premise.
    Direct,
    /// An Argument.
    Argument,
}

impl<'s> Reader<'s> {
    fn warn(&mut self, span: Span, message: impl Into<String>, hint: impl Into<String>) {
        self.warnings
            .push(Diagnostic::warning(self.src, Some(span), message).with_hint(hint));
    }

    /// The items of the top-level list `key`; `None` when there is none; an error at the
    /// value, with `hint`, when it is not an array.
    fn list<'v>(
        &self,
        root: &'v Spanned<Value>,
        key: &str,
        hint: &str,
    ) -> Result<Option<&'v [Spanned<Value>]>, Diagnostic> {
        match field(root, key) {
            Some(Spanned {
                value: Value::Array(items),
                ..
            }) => Ok(Some(items.as_slice())),
            Some(other) => Err(self.error(
                other.span,
                format!("`{key}` must be an array, not {}", other.value.kind_name()),
                hint,
            )),
            None => Ok(None),
        }
    }

    fn error(&self, span: Span, message: impl Into<String>, hint: impl Into<String>) -> Diagnostic {
        Diagnostic::error(self.src, span, message).with_hint(hint)
    }

    fn read(&mut self, root: &Spanned<Value>) -> Result<Map, Diagnostic> {
        let opening = Span::new(root.span.start, root.span.start + 1);
        let Value::Object(_) = &root.value else {
            return Err(self.error(
                root.span,
                format!(
                    "a SADFace document is a JSON object, not {}",
                    root.value.kind_name()
                ),
                "a SADFace document is an object with `metadata`, `nodes`, `edges` and `resources`",
            ));
        };
        self.refuse_other_formats(root)?;
        let nodes = match self.list(
            root,
            "nodes",
            "write the atoms and scheme nodes as \"nodes\": [{\"id\": ..., \"type\": \"atom\", ...}]",
        )? {
            Some(items) => items,
            None => {
                return Err(self.error(
                    opening,
                    "the document has no `nodes` list",
                    "a SADFace document lists its atoms and scheme nodes in \"nodes\": [...]",
                ))
            }
        };
        let edges = match self.list(
            root,
            "edges",
            "write the edges as \"edges\": [{\"id\": ..., \"source_id\": ..., \"target_id\": ...}]",
        )? {
            Some(items) => items,
            None => {
                if !nodes.is_empty() {
                    self.warn(
                        opening,
                        "the document has no `edges` list, so its nodes are not linked",
                        "add \"edges\": [...] joining atoms to scheme nodes",
                    );
                }
                &[]
            }
        };
        let metadata = match field(root, "metadata") {
            Some(
                m @ Spanned {
                    value: Value::Object(_),
                    ..
                },
            ) => Some(m),
            Some(other) => {
                self.warn(
                    other.span,
                    format!(
                        "`metadata` must be an object, not {}; ignored",
                        other.value.kind_name()
                    ),
                    "write \"metadata\": {\"core\": {\"title\": ..., \"analyst_name\": ...}}",
                );
                None
            }
            None => None,
        };
        let core = metadata.and_then(|m| field(m, "core"));

        let nodes = self.nodes(nodes);
        let index: HashMap<&str, usize> = nodes
            .iter()
            .enumerate()
            .map(|(ix, n)| (n.id.as_str(), ix))
            .collect();
        let (inc, out) = self.edges(edges, &nodes, &index);

        let mut map = Map::new("");
        let resources = self.resources(field(root, "resources"), &mut map);
        let claims = self.claims(&nodes, &resources, &mut map);
        self.schemes(&nodes, &inc, &out, &claims, &mut map);

        // Title, description and the rest of the metadata.
        let core_str = |key: &str| {
            core.and_then(|c| str_of(field(c, key)))
                .map(str::trim)
                .filter(|s| !s.is_empty())
        };
        let main_claim = core.and_then(|c| field(c, "claim"));
        let main = main_claim.and_then(|c| {
            let id = id_of(c)?;
            let claim = index
                .get(id.as_str())
                .and_then(|&ix| claims.get(ix).cloned().flatten());
            if claim.is_none() {
                self.warn(
                    c.span,
                    format!("the main claim `{id}` is not an atom of the document"),
                    "set metadata.core.claim to the id of an atom",
                );
            }
            claim
        });
        if let (Some(main), Some(at)) = (&main, main_claim) {
            let supports_others = map
                .relations_from(main)
                .iter()
                .any(|r| !matches!(r.kind, RelationKind::Rephrases | RelationKind::Contradicts));
            if supports_others {
                self.warn(
                    at.span,
                    "the main claim supports or attacks other claims, so it is not a root thesis of the map",
                    "argumap finds the root theses from the relations; name the claim nothing else rests on",
                );
            }
        }
        map.title = core_str("title")
            .map(str::to_owned)
            .or_else(|| {
                let main = main.as_ref()?;
                map.claim(main).map(|c| c.text.clone())
            })
            .unwrap_or_else(|| "SADFace analysis".to_owned());
        map.description = core_str("description").map(str::to_owned);
        if let Some(Json::Object(mut meta)) = metadata.map(|v| to_json(v, Repeated::First)) {
            if let Some(Json::Object(core)) = meta.get_mut("core") {
                if map.description.is_some() {
                    core.remove("description");
                }
                if core_str("title").is_some() {
                    core.remove("title");
                }
                if core.is_empty() {
                    meta.remove("core");
                }
            }
            if !meta.is_empty() {
                map.ext = Some(ext_under(FORMAT, Json::Object(meta)));
            }
        }
        if nodes.iter().all(|n| !n.kind.is_atom()) {
            self.warn(
                opening,
                "the document has no atoms, so the map has no claims",
                "atoms are nodes with \"type\": \"atom\" and a \"text\"",
            );
        }
        Ok(map)
    }

    /// Refuses AIF, xAIF and our own map file with a hint to read them as what they are.
    fn refuse_other_formats(&self, root: &Spanned<Value>) -> Result<(), Diagnostic> {
        let first_node = field(root, "nodes").and_then(|n| match &n.value {
            Value::Array(items) => items.first(),
            _ => None,
        });
        let (what, hint) = if let Some(k) = field_key(root, "argumap") {
            (k, "this is an argumap map file; read it as `json`")
        } else if let Some(k) = field_key(root, "AIF") {
            (k, "this is xAIF (OVA3); read it as `aif`")
        } else if let Some(k) = first_node.and_then(|n| field_key(n, "nodeID")) {
            (k, "nodes with `nodeID` are AIF; read the file as `aif`")
        } else {
            return Ok(());
        };
        Err(self.error(what, "this is not a SADFace document", hint))
    }

    fn nodes<'v>(&mut self, items: &'v [Spanned<Value>]) -> Vec<Node<'v>> {
        let mut nodes = Vec::with_capacity(items.len());
        let mut seen: HashMap<String, Span> = HashMap::new();
        for raw in items {
            let span = raw.span;
            if !matches!(raw.value, Value::Object(_)) {
                self.warn(
                    span,
                    format!(
                        "a node must be an object, not {}; skipped",
                        raw.value.kind_name()
                    ),
                    "write a node as {\"id\": ..., \"type\": \"atom\", \"text\": ...}",
                );
                continue;
            }
            let Some(id) = field(raw, "id").and_then(id_of) else {
                self.warn(
                    span,
                    "a node has no `id`; skipped",
                    "give every node a unique `id` (SADFace uses UUID4 strings)",
                );
                continue;
            };
            if let Some(first) = seen.get(&id) {
                let at = crate::diagnostic::Location::of(self.src, first.start);
                self.warn(
                    span,
                    format!(
                        "the id `{id}` is used by an earlier node (at {at}); this one is skipped"
                    ),
                    "give every node its own id",
                );
                continue;
            }
            let ty = str_of(field(raw, "type")).map(str::trim);
            let kind = match ty.map(str::to_ascii_lowercase).as_deref() {
                Some("atom") => {
                    let text = str_of(field(raw, "text")).map(str::trim).unwrap_or("");
                    let text = if text.is_empty() {
                        self.warn(
                            span,
                            format!("atom `{id}` has no text"),
                            "give the atom its proposition in \"text\"",
                        );
                        format!("atom {id}")
                    } else {
                        text.to_owned()
                    };
                    NodeKind::Atom {
                        text,
                        sources: field(raw, "sources"),
                    }
                }
                Some(t @ ("scheme" | "inference" | "conflict")) => {
                    let name = str_of(field(raw, "name")).map(|n| n.trim().to_owned());
                    if name.is_none() && t == "scheme" {
                        self.warn(
                            span,
                            format!("scheme node `{id}` has no `name`; read as a support"),
                            "name the scheme: \"name\": \"support\" or \"conflict\"",
                        );
                    }
                    let attack = t == "conflict"
                        || name.as_deref().is_some_and(|n| {
                            ATTACK_NAMES.iter().any(|a| a.eq_ignore_ascii_case(n))
                        });
                    NodeKind::Scheme {
                        ty: t.to_owned(),
                        name,
                        attack,
                    }
                }
                Some(other) => {
                    let hint = match did_you_mean(other, NODE_TYPES) {
                        Some(near) => format!("did you mean `{near}`? SADFace nodes are `atom`, `scheme`, `inference` or `conflict`"),
                        None => "SADFace nodes are `atom`, `scheme`, `inference` or `conflict`".to_owned(),
                    };
                    self.warn(
                        field(raw, "type").map_or(span, |t| t.span),
                        format!("node `{id}` has the unknown type `{other}`; it and its edges are skipped"),
                        hint,
                    );
                    self.skipped.insert(id.clone());
                    seen.insert(id, span);
                    continue;
                }
                None => {
                    self.warn(
                        span,
                        format!("node `{id}` has no `type`; it and its edges are skipped"),
                        "give the node \"type\": \"atom\", \"scheme\", \"inference\" or \"conflict\"",
                    );
                    self.skipped.insert(id.clone());
                    seen.insert(id, span);
                    continue;
                }
            };
            seen.insert(id.clone(), span);
            nodes.push(Node {
                id,
                span,
                raw,
                kind,
            });
        }
        nodes
    }

    /// Reads the edges into in- and out-neighbour lists by node, dropping (with a warning)
    /// edges to nothing, self-loops, repeats and atom-to-atom links.
    fn edges(
        &mut self,
        items: &[Spanned<Value>],
        nodes: &[Node],
        index: &HashMap<&str, usize>,
    ) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
        let mut inc = vec![Vec::new(); nodes.len()];
        let mut out = vec![Vec::new(); nodes.len()];
        let mut seen: HashSet<(usize, usize)> = HashSet::new();
        let mut suggestions = 0;
        for raw in items {
            let span = raw.span;
            if !matches!(raw.value, Value::Object(_)) {
                self.warn(
                    span,
                    format!("an edge must be an object, not {}; skipped", raw.value.kind_name()),
                    "write an edge as {\"id\": ..., \"source_id\": <node id>, \"target_id\": <node id>}",
                );
                continue;
            }
            let end = |key: &str| field(raw, key).and_then(|v| Some((id_of(v)?, v.span)));
            let (Some((from, from_at)), Some((to, to_at))) = (end("source_id"), end("target_id"))
            else {
                self.warn(
                    span,
                    "an edge needs a `source_id` and a `target_id`; skipped",
                    "write an edge as {\"id\": ..., \"source_id\": <node id>, \"target_id\": <node id>}",
                );
                continue;
            };
            if self.skipped.contains(&from) || self.skipped.contains(&to) {
                continue;
            }
            let mut ends = [None, None];
            for (slot, (id, at, key)) in ends
                .iter_mut()
                .zip([(&from, from_at, "source_id"), (&to, to_at, "target_id")])
            {
                *slot = index.get(id.as_str()).copied();
                if slot.is_none() {
                    // A suggestion compares the id with every node's: only for the first few.
                    suggestions += 1;
                    let near = (suggestions <= 10)
                        .then(|| did_you_mean(id, nodes.iter().map(|n| n.id.as_str())))
                        .flatten();
                    let hint = match near {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => "every edge joins two nodes of the `nodes` list".to_owned(),
                    };
                    self.warn(
                        at,
                        format!(
                            "the edge's `{key}` is `{id}`, which no node has; the edge is skipped"
                        ),
                        hint,
                    );
                    break;
                }
            }
            let [Some(a), Some(b)] = ends else {
                continue;
            };
            if a == b {
                self.warn(
                    span,
                    format!("the edge joins node `{from}` to itself; skipped"),
                    "an edge runs from a premise or attacker to a scheme node, or from a scheme node to its target",
                );
                continue;
            }
            if nodes[a].kind.is_atom() && nodes[b].kind.is_atom() {
                self.warn(
                    span,
                    format!("the edge joins atom `{from}` straight to atom `{to}`; skipped"),
                    "SADFace puts a scheme node between two atoms: premise → support → conclusion, attacker → conflict → target",
                );
                continue;
            }
            if !seen.insert((a, b)) {
                self.warn(
                    span,
                    format!(
                        "the edge from `{from}` to `{to}` is given twice; the second is skipped"
                    ),
                    "remove the repeated edge",
                );
                continue;
            }
            out[a].push(b);
            inc[b].push(a);
        }
        (inc, out)
    }

    /// Makes a source of every resource; returns their ids by SADFace id.
    fn resources(&mut self, v: Option<&Spanned<Value>>, map: &mut Map) -> HashMap<String, Id> {
        let mut ids = HashMap::new();
        let items = match v {
            None => return ids,
            Some(Spanned {
                value: Value::Array(items),
                ..
            }) => items,
            Some(other) => {
                self.warn(
                    other.span,
                    format!(
                        "`resources` must be an array, not {}; ignored",
                        other.value.kind_name()
                    ),
                    "write \"resources\": [{\"id\": ..., \"content\": ..., \"type\": \"text\"}]",
                );
                return ids;
            }
        };
        for raw in items {
            let Some(id) = field(raw, "id").and_then(id_of) else {
                self.warn(
                    raw.span,
                    "a resource has no `id`; skipped",
                    "give the resource an `id` that atoms' `sources` can name",
                );
                continue;
            };
            if ids.contains_key(&id) {
                self.warn(
                    raw.span,
                    format!("the resource id `{id}` is used twice; the second is skipped"),
                    "give every resource its own id",
                );
                continue;
            }
            let content = str_of(field(raw, "content"));
            let title = str_of(field(raw, "title"))
                .or_else(|| {
                    str_of(
                        field(raw, "metadata")
                            .and_then(|m| field(m, "core"))
                            .and_then(|c| field(c, "title")),
                    )
                })
                .or(content)
                .map(title_of)
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| format!("SADFace resource {id}"));
            let source_id = self.ids.fresh_slug(&title);
            let mut source = Source::new(source_id.clone(), title);
            source.kind = SourceKind::Other;
            if let Some(url) = str_of(field(raw, "url")).filter(|u| !u.trim().is_empty()) {
                source.url = Some(url.trim().to_owned());
                source.kind = SourceKind::Web;
            }
            let mut kept = JsonMap::new();
            for key in ["type", "content", "metadata"] {
                if let Some(v) = field(raw, key) {
                    kept.insert(key.to_owned(), to_json(v, Repeated::First));
                }
            }
            source.meta = MetaData {
                origin: Some(origin(FORMAT, &id)),
                ext: (!kept.is_empty()).then(|| ext_under(FORMAT, Json::Object(kept))),
                ..MetaData::default()
            }
            .into();
            match map.add_source(source) {
                Ok(()) => {
                    ids.insert(id, source_id);
                }
                Err(e) => self.model_error(raw.span, &e),
            }
        }
        ids
    }

    /// Makes a claim of every atom; returns the claim ids by node index.
    fn claims(
        &mut self,
        nodes: &[Node],
        resources: &HashMap<String, Id>,
        map: &mut Map,
    ) -> Vec<Option<Id>> {
        let mut ids = vec![None; nodes.len()];
        for (ix, node) in nodes.iter().enumerate() {
            let NodeKind::Atom { text, sources } = &node.kind else {
                continue;
            };
            let id = self.ids.fresh_slug(text);
            let mut claim = Claim::new(id.clone(), text.clone());
            let mut kept = JsonMap::new();
            match sources {
                None => {}
                Some(Spanned {
                    value: Value::Array(entries),
                    ..
                }) => {
                    for entry in entries {
                        let resource = field(entry, "resource_id").and_then(id_of);
                        let known = resource.as_ref().and_then(|r| resources.get(r));
                        if known.is_none() {
                            let message = match &resource {
                                Some(r) => format!("atom `{}` quotes the resource `{r}`, which the document does not have", node.id),
                                None => format!("a source of atom `{}` has no `resource_id`", node.id),
                            };
                            self.warn(
                                entry.span,
                                message,
                                "list the quoted text in \"resources\": [{\"id\": ..., \"content\": ...}]",
                            );
                        }
                        if claim.source.is_none() && claim.quote.is_none() {
                            claim.source = known.cloned();
                            claim.quote = str_of(field(entry, "text"))
                                .map(str::trim)
                                .filter(|q| !q.is_empty())
                                .map(str::to_owned);
                        }
                    }
                    if !entries.is_empty() {
                        kept.insert("sources".into(), to_json(sources.unwrap_or(node.raw), Repeated::First));
                    }
                }
                Some(other) => self.warn(
                    other.span,
                    format!("`sources` must be an array, not {}; ignored", other.value.kind_name()),
                    "write \"sources\": [{\"resource_id\": ..., \"text\": ..., \"offset\": ..., \"length\": ...}]",
                ),
            }
            if let Some(m) = field(node.raw, "metadata").filter(|m| !is_empty_object(m)) {
                kept.insert("metadata".into(), to_json(m, Repeated::First));
            }
            claim.meta = MetaData {
                origin: Some(origin(FORMAT, &node.id)),
                ext: (!kept.is_empty()).then(|| ext_under(FORMAT, Json::Object(kept))),
                ..MetaData::default()
            }
            .into();
            match map.add_claim(claim) {
                Ok(()) => ids[ix] = Some(id),
                Err(e) => self.model_error(node.span, &e),
            }
        }
        ids
    }

    /// Turns the scheme nodes into arguments and relations (FORMATS.md 5.3 and rule 1 of
    /// section 0).
    fn schemes(
        &mut self,
        nodes: &[Node],
        inc: &[Vec<usize>],
        out: &[Vec<usize>],
        claims: &[Option<Id>],
        map: &mut Map,
    ) {
        let premises = |ix: usize| -> Vec<usize> {
            inc[ix]
                .iter()
                .copied()
                .filter(|&p| nodes[p].kind.is_atom())
                .collect()
        };
        // First which scheme nodes can be read at all, then which need an Argument: one with
        // several premises, a name of its own, or a scheme node pointing at it.
        let mut shape = vec![Shape::Skipped; nodes.len()];
        for (ix, node) in nodes.iter().enumerate() {
            let NodeKind::Scheme { attack, .. } = &node.kind else {
                continue;
            };
            let what = if *attack { "conflict" } else { "support" };
            if premises(ix).is_empty() {
                self.warn(
                    node.span,
                    format!(
                        "{what} node `{}` has no atom leading into it; skipped",
                        node.id
                    ),
                    "add an edge from the premise (or attacker) atom to the scheme node",
                );
            } else if out[ix].is_empty() {
                self.warn(
                    node.span,
                    format!("{what} node `{}` points at nothing; skipped", node.id),
                    "add an edge from the scheme node to the atom it supports or attacks",
                );
            } else {
                shape[ix] = Shape::Direct;
            }
        }
        for (ix, node) in nodes.iter().enumerate() {
            if shape[ix] == Shape::Skipped {
                continue;
            }
            let attacked = inc[ix]
                .iter()
                .any(|&s| !nodes[s].kind.is_atom() && shape[s] != Shape::Skipped);
            if premises(ix).len() >= 2 || attacked || named(node).is_some() {
                shape[ix] = Shape::Argument;
            }
        }

        let mut arguments: Vec<Option<Id>> = vec![None; nodes.len()];
        for (ix, node) in nodes.iter().enumerate() {
            let NodeKind::Scheme { ty, name, attack } = &node.kind else {
                continue;
            };
            if shape[ix] != Shape::Argument {
                continue;
            }
            let label = named(node).unwrap_or(if *attack { "attack" } else { "support" });
            let short: String = node
                .id
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .take(8)
                .collect();
            let id = self.ids.fresh_slug(&format!("{label} {short}"));
            let mut argument = Argument::new(id.clone());
            argument.title = named(node).map(str::to_owned);
            let mut kept = scheme_ext(ty, name.as_deref());
            if let Some(m) = field(node.raw, "metadata").filter(|m| !is_empty_object(m)) {
                kept.insert("metadata".into(), to_json(m, Repeated::First));
            }
            argument.meta = MetaData {
                origin: Some(origin(FORMAT, &node.id)),
                ext: Some(ext_under(FORMAT, Json::Object(kept))),
                ..MetaData::default()
            }
            .into();
            match map.add_argument(argument) {
                Ok(()) => arguments[ix] = Some(id),
                Err(e) => self.model_error(node.span, &e),
            }
        }

        for (ix, node) in nodes.iter().enumerate() {
            let NodeKind::Scheme { ty, name, attack } = &node.kind else {
                continue;
            };
            let as_argument = match shape[ix] {
                Shape::Skipped => continue,
                Shape::Direct => false,
                Shape::Argument => true,
            };
            let from = if as_argument {
                let Some(arg) = arguments[ix].clone() else {
                    continue;
                };
                for p in premises(ix) {
                    if let Some(claim) = claims[p].clone() {
                        let relation = Relation::new(claim, RelationKind::Premise, arg.clone());
                        self.add(map, relation, node.span);
                    }
                }
                arg
            } else {
                let Some(claim) = premises(ix).first().and_then(|&p| claims[p].clone()) else {
                    continue;
                };
                claim
            };
            if out[ix].len() > 1 {
                self.warn(
                    node.span,
                    format!(
                        "scheme node `{}` points at {} nodes; each becomes a relation of its own",
                        node.id,
                        out[ix].len()
                    ),
                    "a scheme node has one conclusion or target; split it in two",
                );
            }
            let mut concluded = false;
            for &t in &out[ix] {
                let (to, to_claim) = if nodes[t].kind.is_atom() {
                    (claims[t].clone(), true)
                } else {
                    (arguments[t].clone(), false)
                };
                let Some(to) = to else {
                    if shape[t] == Shape::Skipped {
                        self.warn(
                            node.span,
                            format!(
                                "scheme node `{}` points at scheme node `{}`, which was skipped; so is this link",
                                node.id, nodes[t].id
                            ),
                            "give the targeted scheme node its premise and conclusion",
                        );
                    }
                    continue;
                };
                let kind = match (*attack, to_claim) {
                    (true, true) => RelationKind::Rebuts,
                    (true, false) => RelationKind::Undercuts,
                    (false, true) if as_argument && !concluded => {
                        concluded = true;
                        RelationKind::Conclusion
                    }
                    (false, _) => RelationKind::Supports,
                };
                let mut relation = Relation::new(from.clone(), kind, to);
                if !as_argument {
                    relation.meta = MetaData {
                        origin: Some(origin(FORMAT, &node.id)),
                        ext: Some(ext_under(
                            FORMAT,
                            Json::Object(scheme_ext(ty, name.as_deref())),
                        )),
                        ..MetaData::default()
                    }
                    .into();
                }
                self.add(map, relation, node.span);
            }
        }
    }

    /// Adds a relation, or says at the scheme node why it cannot be added.
    fn add(&mut self, map: &mut Map, relation: Relation, at: Span) {
        if let Err(e) = map.add_relation(relation) {
            self.model_error(at, &e);
        }
    }

    fn model_error(&mut self, at: Span, e: &ModelError) {
        let hint = match e {
            ModelError::SelfLoop(_) => {
                "a claim cannot support or attack itself; check the edges of this scheme node"
            }
            ModelError::DuplicateRelation { .. } => "two scheme nodes say the same; remove one",
            _ => "check the ids and edges of this node",
        };
        self.warn(at, format!("{e}; skipped"), hint);
    }
}

/// The name of a support scheme node that names a particular inference (not `support`).
fn named<'n>(node: &'n Node) -> Option<&'n str> {
    match &node.kind {
        NodeKind::Scheme {
            name: Some(name),
            attack: false,
            ..
        } if !DEFAULT_SUPPORT_NAMES
            .iter()
            .any(|d| d.eq_ignore_ascii_case(name)) =>
        {
            Some(name)
        }
        _ => None,
    }
}

fn scheme_ext(ty: &str, name: Option<&str>) -> JsonMap<String, Json> {
    let mut kept = JsonMap::new();
    kept.insert("type".into(), json!(ty));
    if let Some(name) = name {
        kept.insert("name".into(), json!(name));
    }
    kept
}

/// Where the key of a member of an object is.
fn field_key(v: &Spanned<Value>, key: &str) -> Option<Span> {
    match &v.value {
        Value::Object(members) => members
            .iter()
            .find(|(k, _)| k.value == key)
            .map(|(k, _)| k.span),
        _ => None,
    }
}

/// A foreign id as an owned string (`7` and `"7"` are the same id).
fn id_of(v: &Spanned<Value>) -> Option<String> {
    import::id_of(v).map(std::borrow::Cow::into_owned)
}

fn is_empty_object(v: &Spanned<Value>) -> bool {
    matches!(&v.value, Value::Object(m) if m.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_found_outside_strings_only() {
        let text = r#"{"nodes" : [{"type":"atom", "text": "say \"type\": \"atom\""}]}"#;
        assert!(has_key(text, "nodes"));
        assert!(has_pair(text, "type", "atom"));
        assert!(!has_key(text, "atom"));
        let quoted = r#"{"text": "\"source_id\": 1"}"#;
        assert!(!has_key(quoted, "source_id"));
    }

    #[test]
    fn ids_are_numbered_when_taken_even_at_the_slug_limit() {
        let mut map = Map::new("t");
        let mut ids = IdPool::new();
        let long = "word ".repeat(40);
        let mut made = Vec::new();
        for _ in 0..3 {
            let id = ids.fresh_slug(&long);
            map.add_claim(Claim::new(id.clone(), "x")).unwrap();
            made.push(id);
        }
        assert!(made[1].as_str().ends_with("-2"), "{made:?}");
        assert!(made[2].as_str().ends_with("-3"), "{made:?}");
    }

    #[test]
    fn attack_names_and_default_support_names() {
        let src = r#"{"nodes": [
            {"id": "a", "type": "atom", "text": "A"}, {"id": "b", "type": "atom", "text": "B"},
            {"id": "s1", "type": "scheme", "name": "Defeat"},
            {"id": "s2", "type": "inference", "name": "Default Inference"}],
          "edges": [{"source_id": "a", "target_id": "s1"}, {"source_id": "s1", "target_id": "b"},
                    {"source_id": "b", "target_id": "s2"}, {"source_id": "s2", "target_id": "a"}]}"#;
        let map = from_str(src).unwrap().map;
        let kinds: Vec<RelationKind> = map.relations().map(|r| r.kind).collect();
        assert_eq!(kinds, [RelationKind::Rebuts, RelationKind::Supports]);
        assert_eq!(map.arguments().count(), 0);
    }
}
