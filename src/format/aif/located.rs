//! The located path of AIF reading: the file parsed with byte spans, so that every warning
//! and error names where it stands, then assembled into the same [`Raw`] parts the fast
//! path deserializes.

use std::borrow::Cow;

use serde_json::Value as Json;

use super::build;
use super::raw::{
    full_name, Extras, Marks, Raw, RawEdge, RawFulfillment, RawLocution, RawNode, RawParticipant,
};
use super::EXT_KEY;
use crate::diagnostic::{Diagnostic, Span};
use crate::format::import::{field, id_of, str_of, to_json, Repeated};
use crate::format::json::{LoadError, Loaded};
use crate::format::spanned::{self, Spanned, Value};

/// Loads through the tree of places, so that every warning and error names where it stands.
pub(super) fn load(src: &str) -> Result<Loaded, LoadError> {
    let root = spanned::parse(src).map_err(|e| {
        fail(
            src,
            e.span,
            e.message,
            "an AIF file must be valid JSON; check the character marked above",
        )
    })?;
    let doc = Document::locate(src, &root)?;
    Ok(build::load(src, doc.raw()))
}

fn fail(src: &str, span: Span, message: impl Into<String>, hint: &str) -> LoadError {
    LoadError {
        diagnostics: vec![Diagnostic::error(src, span, message).with_hint(hint)],
    }
}

// ---- spanned JSON helpers ------------------------------------------------------------------

fn items(v: Option<&Spanned<Value>>) -> &[Spanned<Value>] {
    match v.map(|v| &v.value) {
        Some(Value::Array(items)) => items,
        _ => &[],
    }
}

// ---- the document --------------------------------------------------------------------------

/// The parts of the file that matter, wherever the wrapper puts them.
struct Document<'v> {
    aif: &'v Spanned<Value>,
    nodes: &'v [Spanned<Value>],
    edges: &'v [Spanned<Value>],
    /// The xAIF `text`, when there is one.
    text: Option<&'v str>,
    /// The xAIF `OVA` block.
    ova: Option<&'v Spanned<Value>>,
    /// Our own extension object, from an export of ours.
    ext: Option<&'v Spanned<Value>>,
    xaif: bool,
}

impl<'v> Document<'v> {
    fn locate(src: &str, root: &'v Spanned<Value>) -> Result<Document<'v>, LoadError> {
        if !matches!(root.value, Value::Object(_)) {
            return Err(fail(
                src,
                root.span,
                format!(
                    "the file holds {}, not an AIF object",
                    root.value.kind_name()
                ),
                "AIF is a JSON object with `nodes` and `edges` (AIFdb), or with an `AIF` object holding them (xAIF, OVA3)",
            ));
        }
        let (aif, xaif) = match field(root, "AIF") {
            Some(inner) if matches!(inner.value, Value::Object(_)) => (inner, true),
            Some(inner) => return Err(fail(
                src,
                inner.span,
                format!("`AIF` is {}, not an object", inner.value.kind_name()),
                "in xAIF, `AIF` is an object with `nodes`, `edges`, `locutions` and `participants`",
            )),
            None => (root, false),
        };
        if field(root, "analysis").is_some() && field(root, "nodes").is_some_and(first_node_has_id)
        {
            return Err(fail(
                src,
                root.span,
                "this is an OVA2 file (nodes with `id`, a top-level `analysis`), which is not read",
                "open it in OVA3 and save it again: OVA3 writes xAIF, which is read",
            ));
        }
        let Some(nodes) = field(aif, "nodes") else {
            let hint = if field(root, "argumap").is_some() {
                "this looks like an argumap map file: load it as `json`, not as `aif`"
            } else {
                "an AIF file has a `nodes` array (AIFdb), or an `AIF` object holding one (xAIF)"
            };
            return Err(fail(
                src,
                aif.span,
                "no `nodes`: this is not an AIF file",
                hint,
            ));
        };
        let Value::Array(nodes) = &nodes.value else {
            return Err(fail(
                src,
                nodes.span,
                format!("`nodes` is {}, not an array", nodes.value.kind_name()),
                "`nodes` must be an array of objects with `nodeID`, `text` and `type`",
            ));
        };
        let edges = match field(aif, "edges") {
            None => &[][..],
            Some(Spanned {
                value: Value::Array(edges),
                ..
            }) => edges,
            Some(edges) => {
                return Err(fail(
                    src,
                    edges.span,
                    format!("`edges` is {}, not an array", edges.value.kind_name()),
                    "`edges` must be an array of objects with `edgeID`, `fromID` and `toID`",
                ))
            }
        };
        let text = match field(root, "text").map(|t| &t.value) {
            Some(Value::String(s)) => Some(s.as_str()),
            Some(Value::Object(_)) => str_of(field(field(root, "text").unwrap_or(root), "txt")),
            _ => None,
        };
        Ok(Document {
            aif,
            nodes,
            edges,
            text: text.filter(|t| !t.trim().is_empty()),
            ova: field(root, "OVA").filter(|o| matches!(o.value, Value::Object(_))),
            ext: field(root, EXT_KEY).filter(|o| matches!(o.value, Value::Object(_))),
            xaif,
        })
    }

    /// The parts the map is built from.
    fn raw(&self) -> Raw<'v> {
        let nodes = self
            .nodes
            .iter()
            .map(|n| RawNode {
                span: n.span,
                not_object: (!matches!(n.value, Value::Object(_))).then(|| n.value.kind_name()),
                id: field(n, "nodeID").and_then(id_of),
                type_name: str_of(field(n, "type")).map(Cow::Borrowed),
                text: str_of(field(n, "text")).map(Cow::Borrowed),
                scheme: str_of(field(n, "scheme")).map(Cow::Borrowed),
                scheme_id: field(n, "schemeID").and_then(id_of),
                timestamp: str_of(field(n, "timestamp")).map(Cow::Borrowed),
            })
            .collect();
        let edges = self
            .edges
            .iter()
            .map(|e| RawEdge {
                span: e.span,
                from: field(e, "fromID").and_then(id_of),
                to: field(e, "toID").and_then(id_of),
            })
            .collect();
        let locutions = items(field(self.aif, "locutions"))
            .iter()
            .map(|l| RawLocution {
                span: l.span,
                node: field(l, "nodeID").and_then(id_of),
                person: field(l, "personID").and_then(id_of),
                start: str_of(field(l, "start")).map(Cow::Borrowed),
                source: str_of(field(l, "source")).map(Cow::Borrowed),
            })
            .collect();
        let participants = items(field(self.aif, "participants"))
            .iter()
            .map(|p| RawParticipant {
                span: p.span,
                id: field(p, "participantID").and_then(id_of),
                firstname: str_of(field(p, "firstname")).map(Cow::Borrowed),
                surname: str_of(field(p, "surname")).map(Cow::Borrowed),
            })
            .collect();
        let fulfilled = items(field(self.aif, "schemefulfillments"))
            .iter()
            .map(|f| RawFulfillment {
                node: field(f, "nodeID").and_then(id_of),
                scheme: field(f, "schemeID").and_then(id_of),
            })
            .collect();
        let ext_str = |key: &str| {
            self.ext
                .and_then(|e| str_of(field(e, key)))
                .map(str::to_owned)
        };
        let marks = match self.ext.map(|v| to_json(v, Repeated::Last)) {
            Some(Json::Object(ext)) => Marks::new(ext),
            _ => Marks::default(),
        };
        let layout = items(self.ova.and_then(|o| field(o, "nodes")))
            .iter()
            .filter_map(|n| {
                let (x, y) = (field(n, "x")?, field(n, "y")?);
                Some((
                    id_of(field(n, "nodeID")?)?,
                    to_json(x, Repeated::Last),
                    to_json(y, Repeated::Last),
                ))
            })
            .collect();
        let extras = Extras {
            xaif: self.xaif,
            title: ext_str("title"),
            description: ext_str("description"),
            marks,
            text: self.text.map(Cow::Borrowed),
            url: self
                .ova
                .and_then(|o| str_of(field(o, "url")))
                .map(Cow::Borrowed),
            analyst: self.ova.map_or_else(String::new, |ova| {
                full_name(
                    str_of(field(ova, "firstname")),
                    str_of(field(ova, "surname")),
                )
            }),
            layout,
        };
        Raw {
            nodes,
            edges,
            locutions,
            participants,
            fulfilled,
            extras,
        }
    }
}

fn first_node_has_id(nodes: &Spanned<Value>) -> bool {
    items(Some(nodes))
        .first()
        .is_some_and(|n| field(n, "id").is_some() && field(n, "nodeID").is_none())
}
