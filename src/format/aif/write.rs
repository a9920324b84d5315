//! Writing a map as AIFdb JSON, in the shape OVA3 posts to AIFdb (FORMATS.md 1.7): the
//! argument layer (I, RA, CA, MA) and a dialogue layer (L, YA, TA with `locutions` and
//! `participants`) that carries the actors, their stances and who made each relation.
//!
//! Node and edge ids are digit strings numbered from 1 in the order the map holds its
//! elements, so the same map always gives the same bytes.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;
use serde_json::{json, Map as JsonMap, Value as Json};

use super::build::{canonical_act, stance_kind};
use super::{scheme_id, EXT_KEY};
use crate::model::{
    ActorLinkKind, ClaimKind, Date, Group, Id, Map, Meta, RelationKind, Side, Source, Stance,
};

/// Writes a map as AIFdb JSON (nodes, edges, locutions, participants, schemefulfillments and
/// the `argumap_ext` object our import reads back).
///
/// # Errors
///
/// Only the writer's own errors.
pub fn to_writer(map: &Map, mut out: impl Write) -> io::Result<()> {
    let doc = Builder::new(map).build();
    let mut text = String::with_capacity(256 * (doc.nodes.len() + doc.edges.len()));
    text.push_str("{\n");
    section(&mut text, "nodes", &doc.nodes)?;
    text.push_str(",\n");
    section(&mut text, "edges", &doc.edges)?;
    text.push_str(",\n");
    section(&mut text, "locutions", &doc.locutions)?;
    text.push_str(",\n");
    section(&mut text, "participants", &doc.participants)?;
    text.push_str(",\n");
    section(&mut text, "schemefulfillments", &doc.fulfilments)?;
    text.push_str(",\n  \"");
    text.push_str(EXT_KEY);
    text.push_str("\": ");
    text.push_str(&serde_json::to_string(&doc.ext)?);
    text.push_str("\n}\n");
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// The map as AIFdb JSON text (see [`to_writer`]).
pub fn to_string(map: &Map) -> String {
    let mut out = Vec::new();
    to_writer(map, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// One array, one item per line, as AIFdb's own exports look.
fn section<T: Serialize>(text: &mut String, key: &str, items: &[T]) -> io::Result<()> {
    text.push_str("  \"");
    text.push_str(key);
    text.push_str("\": [");
    for (i, item) in items.iter().enumerate() {
        text.push_str(if i == 0 { "\n    " } else { ",\n    " });
        text.push_str(&serde_json::to_string(item)?);
    }
    text.push_str(if items.is_empty() { "]" } else { "\n  ]" });
    Ok(())
}

#[derive(Serialize)]
struct NodeOut {
    #[serde(rename = "nodeID")]
    id: String,
    text: String,
    #[serde(rename = "type")]
    kind: &'static str,
    timestamp: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    scheme: Option<String>,
    #[serde(rename = "schemeID", skip_serializing_if = "Option::is_none")]
    scheme_id: Option<String>,
}

#[derive(Serialize)]
struct EdgeOut {
    #[serde(rename = "edgeID")]
    id: String,
    #[serde(rename = "fromID")]
    from: String,
    #[serde(rename = "toID")]
    to: String,
    #[serde(rename = "formEdgeID")]
    form_edge: Option<String>,
}

#[derive(Serialize)]
struct LocutionOut {
    #[serde(rename = "nodeID")]
    node: String,
    #[serde(rename = "personID")]
    person: String,
    timestamp: String,
    start: Option<String>,
    end: Option<String>,
    source: Option<String>,
}

#[derive(Serialize)]
struct ParticipantOut {
    #[serde(rename = "participantID")]
    id: String,
    firstname: String,
    surname: String,
}

#[derive(Serialize)]
struct FulfilmentOut {
    #[serde(rename = "nodeID")]
    node: String,
    #[serde(rename = "schemeID")]
    scheme: String,
}

struct Document {
    nodes: Vec<NodeOut>,
    edges: Vec<EdgeOut>,
    locutions: Vec<LocutionOut>,
    participants: Vec<ParticipantOut>,
    fulfilments: Vec<FulfilmentOut>,
    ext: Json,
}

struct Builder<'m> {
    map: &'m Map,
    doc: Document,
    /// Our element → its AIF node (an I-node, or the RA of an argument).
    node_of: HashMap<&'m str, String>,
    /// Actor → participantID.
    person: HashMap<&'m str, String>,
    /// The L-nodes written so far, in order.
    said: Vec<String>,
    /// (actor, element) → the first L-node in `said` where the actor asserts it.
    said_about: HashMap<(Id, Id), usize>,
    marks: JsonMap<String, Json>,
}

impl<'m> Builder<'m> {
    fn new(map: &'m Map) -> Builder<'m> {
        Builder {
            map,
            doc: Document {
                nodes: Vec::new(),
                edges: Vec::new(),
                locutions: Vec::new(),
                participants: Vec::new(),
                fulfilments: Vec::new(),
                ext: Json::Null,
            },
            node_of: HashMap::new(),
            person: HashMap::new(),
            said: Vec::new(),
            said_about: HashMap::new(),
            marks: JsonMap::new(),
        }
    }

    fn node(&mut self, kind: &'static str, text: &str, scheme: Option<&str>) -> String {
        self.timed_node(kind, text, scheme, "")
    }

    fn timed_node(
        &mut self,
        kind: &'static str,
        text: &str,
        scheme: Option<&str>,
        timestamp: &str,
    ) -> String {
        let id = (self.doc.nodes.len() + 1).to_string();
        let number = scheme.and_then(scheme_id).map(str::to_owned);
        if let Some(n) = &number {
            self.doc.fulfilments.push(FulfilmentOut {
                node: id.clone(),
                scheme: n.clone(),
            });
        }
        self.doc.nodes.push(NodeOut {
            id: id.clone(),
            text: text.to_owned(),
            kind,
            timestamp: timestamp.to_owned(),
            scheme: scheme.map(str::to_owned),
            scheme_id: number,
        });
        id
    }

    fn edge(&mut self, from: &str, to: &str) {
        self.doc.edges.push(EdgeOut {
            id: (self.doc.edges.len() + 1).to_string(),
            from: from.to_owned(),
            to: to.to_owned(),
            form_edge: None,
        });
    }

    /// Adds several marks to a node.
    fn mark_all(&mut self, node: &str, marks: JsonMap<String, Json>) {
        for (k, v) in marks {
            self.mark(node, &k, v);
        }
    }

    fn mark(&mut self, node: &str, key: &str, value: impl Into<Json>) {
        let entry = self
            .marks
            .entry(node.to_owned())
            .or_insert_with(|| Json::Object(JsonMap::new()));
        if let Json::Object(entry) = entry {
            entry.insert(key.to_owned(), value.into());
        }
    }

    fn build(mut self) -> Document {
        let map = self.map;
        let mut participants = JsonMap::new();
        for (i, actor) in map.actors().enumerate() {
            let id = (i + 1).to_string();
            let name = actor.name.trim();
            let (first, last) = name.split_once(char::is_whitespace).unwrap_or((name, ""));
            self.doc.participants.push(ParticipantOut {
                id: id.clone(),
                firstname: first.to_owned(),
                surname: last.trim().to_owned(),
            });
            let mut mark = JsonMap::new();
            mark.insert("id".into(), json!(actor.id.as_str()));
            mark.insert("kind".into(), json!(actor.kind.as_str()));
            let read_back = if last.trim().is_empty() {
                first.to_owned()
            } else {
                format!("{first} {}", last.trim())
            };
            if read_back != actor.name {
                // The participant's name is trimmed and split in two; ours is kept whole.
                mark.insert("name".into(), json!(actor.name));
            }
            if let Some(role) = &actor.role {
                mark.insert("role".into(), json!(role));
            }
            for kind in ActorLinkKind::ALL {
                let to: Vec<&str> = map
                    .actor_links_of(&actor.id, kind)
                    .iter()
                    .map(|a| a.as_str())
                    .collect();
                if !to.is_empty() {
                    mark.insert(kind.as_str().into(), json!(to));
                }
            }
            mark.extend(meta_marks(&actor.meta));
            participants.insert(id.clone(), Json::Object(mark));
            self.person.insert(actor.id.as_str(), id);
        }

        for claim in map.claims() {
            let stamp = aif_ext_str(claim.meta.ext(), "timestamp").unwrap_or("");
            let id = self.timed_node("I", &claim.text, None, stamp);
            self.mark(&id, "id", claim.id.as_str());
            if claim.text.trim() != claim.text {
                // AIF readers trim a proposition; the exact text is kept for ours.
                self.mark(&id, "text", claim.text.as_str());
            }
            if let Some(title) = &claim.title {
                self.mark(&id, "title", title.as_str());
            }
            if claim.kind != ClaimKind::Debate {
                self.mark(&id, "kind", claim.kind.as_str());
            }
            let mut marks = meta_marks(&claim.meta);
            cited(
                &mut marks,
                claim.source.as_ref(),
                claim.quote.as_ref(),
                claim.date.as_ref(),
            );
            self.mark_all(&id, marks);
            self.node_of.insert(claim.id.as_str(), id);
        }

        for argument in map.arguments() {
            let scheme = aif_ext_str(argument.meta.ext(), "scheme").unwrap_or("Default Inference");
            let stamp = aif_ext_str(argument.meta.ext(), "timestamp").unwrap_or("");
            let ra = self.timed_node("RA", scheme, Some(scheme), stamp);
            if scheme_id(scheme).is_none() {
                if let Some(number) = aif_ext_str(argument.meta.ext(), "schemeID") {
                    if let Some(node) = self.doc.nodes.last_mut() {
                        node.scheme_id = Some(number.to_owned());
                    }
                    self.doc.fulfilments.push(FulfilmentOut {
                        node: ra.clone(),
                        scheme: number.to_owned(),
                    });
                }
            }
            self.mark(&ra, "id", argument.id.as_str());
            self.mark(&ra, "as", "argument");
            if let Some(title) = &argument.title {
                self.mark(&ra, "title", title.as_str());
            }
            let mut marks = meta_marks(&argument.meta);
            cited(
                &mut marks,
                argument.source.as_ref(),
                argument.quote.as_ref(),
                argument.date.as_ref(),
            );
            self.mark_all(&ra, marks);
            let premises = map.premises(&argument.id);
            if premises.is_empty() {
                // A sketch: its description stands as the premise, so that AIF tools show it.
                let text = argument
                    .text
                    .as_deref()
                    .or(argument.title.as_deref())
                    .unwrap_or(argument.id.as_str());
                let desc = self.node("I", text, None);
                self.edge(&desc, &ra);
                self.mark(&desc, "describes", ra.as_str());
            }
            if let Some(text) = &argument.text {
                self.mark(&ra, "text", text.as_str());
            }
            for p in premises {
                if let Some(from) = self.node_of.get(p.as_str()).cloned() {
                    self.edge(&from, &ra);
                }
            }
            if let Some(to) = map
                .conclusion(&argument.id)
                .and_then(|c| self.node_of.get(c.as_str()).cloned())
            {
                self.edge(&ra, &to);
            }
            self.node_of.insert(argument.id.as_str(), ra);
        }

        // Relations, and who made them.
        let mut made: Vec<(String, &'static str, &'m Id, &'m Id)> = Vec::new(); // (S-node, act, actor, from)
        let mut pairs: HashMap<(&str, &str), String> = HashMap::new();
        let mut premise_marks: std::collections::BTreeMap<String, JsonMap<String, Json>> =
            Default::default();
        for relation in map.relations() {
            let (Some(from), Some(to)) = (
                self.node_of.get(relation.from.as_str()).cloned(),
                self.node_of.get(relation.to.as_str()).cloned(),
            ) else {
                continue;
            };
            let is_argument = |id: &Id| map.argument(id).is_some();
            let mut marks = meta_marks(&relation.meta);
            cited(
                &mut marks,
                relation.source.as_ref(),
                relation.quote.as_ref(),
                None,
            );
            if !relation.by.is_empty() && relation.kind != RelationKind::Premise {
                // Who made it, exactly: the dialogue layer below says it for other tools, but
                // one locution may anchor several relations.
                let by: Vec<&str> = relation.by.iter().map(Id::as_str).collect();
                marks.insert("by".into(), json!(by));
            }
            let (s, act) = match relation.kind {
                RelationKind::Premise => {
                    let mut marks = marks;
                    if !relation.by.is_empty() {
                        // AIF gives the makers to the whole argument; ours keep the link's.
                        let by: Vec<&str> = relation.by.iter().map(Id::as_str).collect();
                        marks.insert("by".into(), json!(by));
                    }
                    if !marks.is_empty() {
                        // Under the argument's RA, by the premise's id.
                        premise_marks
                            .entry(to.clone())
                            .or_default()
                            .insert(relation.from.to_string(), Json::Object(marks));
                    }
                    for actor in &relation.by {
                        made.push((to.clone(), "Arguing", actor, &relation.from));
                    }
                    continue;
                }
                RelationKind::Conclusion => {
                    if !marks.is_empty() {
                        self.mark(&from, "relation", marks);
                    }
                    for actor in &relation.by {
                        made.push((from.clone(), "Arguing", actor, &relation.to));
                    }
                    continue;
                }
                RelationKind::Supports => {
                    let ra = self.node("RA", "Default Inference", Some("Default Inference"));
                    if is_argument(&relation.from) || is_argument(&relation.to) {
                        self.mark(&ra, "as", "supports");
                    }
                    (ra, "Arguing")
                }
                RelationKind::Rebuts | RelationKind::Undercuts => {
                    let ca = self.node("CA", "Default Conflict", Some("Default Conflict"));
                    if relation.kind == RelationKind::Rebuts && is_argument(&relation.to) {
                        self.mark(&ca, "as", "rebuts");
                    }
                    (ca, "Disagreeing")
                }
                RelationKind::Contradicts => {
                    // Two conflicts, one each way, marked as one pair.
                    let ca = self.node("CA", "Default Conflict", Some("Default Conflict"));
                    let back = self.node("CA", "Default Conflict", Some("Default Conflict"));
                    self.edge(&to, &back);
                    self.edge(&back, &from);
                    self.mark(&ca, "pair", back.as_str());
                    self.mark(&back, "pair", ca.as_str());
                    pairs.insert((relation.from.as_str(), relation.to.as_str()), back);
                    (ca, "Disagreeing")
                }
                RelationKind::Rephrases => (
                    self.node("MA", "Default Rephrase", Some("Default Rephrase")),
                    "Restating",
                ),
            };
            self.edge(&from, &s);
            self.edge(&s, &to);
            if !marks.is_empty() {
                self.mark(&s, "relation", marks);
            }
            for actor in &relation.by {
                made.push((s.clone(), act, actor, &relation.from));
                if let Some(back) = pairs.get(&(relation.from.as_str(), relation.to.as_str())) {
                    made.push((back.clone(), act, actor, &relation.to));
                }
            }
        }

        for (ra, marks) in premise_marks {
            self.mark(&ra, "premises", Json::Object(marks));
        }
        for stance in map.stances() {
            self.stance(stance);
        }
        for (s, act, actor, from) in made {
            self.maker(&s, act, actor, from);
        }

        let mut ext = JsonMap::new();
        ext.insert("version".into(), json!(1));
        ext.insert("title".into(), json!(map.title));
        if let Some(map_ext) = &map.ext {
            ext.insert("map_ext".into(), Json::Object(map_ext.clone()));
        }
        if let Some(d) = &map.description {
            ext.insert("description".into(), json!(d));
        }
        ext.insert(
            "nodes".into(),
            Json::Object(std::mem::take(&mut self.marks)),
        );
        ext.insert("participants".into(), Json::Object(participants));
        insert_list(&mut ext, "sources", map.sources().map(source_marks));
        insert_list(&mut ext, "groups", map.groups().map(group_marks));
        insert_list(&mut ext, "sides", map.sides().map(side_marks));
        self.doc.ext = Json::Object(ext);
        self.doc
    }

    /// The text an L-node gives for an element.
    fn words(&self, element: &str) -> String {
        if let Some(c) = self.map.claim(element) {
            c.text.clone()
        } else if let Some(a) = self.map.argument(element) {
            a.text
                .clone()
                .or_else(|| a.title.clone())
                .unwrap_or_else(|| a.id.to_string())
        } else {
            element.to_owned()
        }
    }

    /// An L-node `"Name : words"` spoken by an actor, with its locution.
    fn locution(
        &mut self,
        actor: &'m Id,
        words: &str,
        start: Option<String>,
        source: Option<String>,
    ) -> Option<String> {
        let person = self.person.get(actor.as_str())?.clone();
        let name = self
            .map
            .actor(actor)
            .map_or(actor.as_str(), |a| a.name.as_str())
            .replace(':', "-");
        let l = self.node("L", &format!("{} : {}", name.trim(), words), None);
        self.doc.locutions.push(LocutionOut {
            node: l.clone(),
            person,
            timestamp: String::new(),
            start,
            end: None,
            source,
        });
        Some(l)
    }

    fn stance(&mut self, stance: &'m Stance) {
        let Some(target) = self.node_of.get(stance.target.as_str()).cloned() else {
            return;
        };
        let words = stance
            .quote
            .clone()
            .unwrap_or_else(|| self.words(&stance.target));
        let start = aif_ext_str(stance.meta.ext(), "start")
            .map(str::to_owned)
            .or_else(|| {
                stance
                    .date
                    .as_deref()
                    .filter(|d| d.len() == 10)
                    .map(|d| format!("{d} 00:00:00"))
            });
        let source = stance.source.as_ref().and_then(|s| {
            let s = self.map.source(s)?;
            Some(s.url.clone().unwrap_or_else(|| s.title.clone()))
        });
        let Some(l) = self.locution(&stance.actor, &words, start, source) else {
            return;
        };
        let act = aif_ext_str(stance.meta.ext(), "act")
            .filter(|act| stance_kind(act) == Some(stance.kind))
            .unwrap_or_else(|| canonical_act(stance.kind));
        let ya = self.node("YA", act, Some(act));
        self.edge(&l, &ya);
        self.edge(&ya, &target);
        let mut marks = meta_marks(&stance.meta);
        cited(
            &mut marks,
            stance.source.as_ref(),
            None,
            stance.date.as_ref(),
        );
        // An argument's words are its description or id, which an import would take for a
        // quote: the mark says there is none.
        let on_argument = self.map.argument(&stance.target).is_some();
        if !marks.is_empty() || stance.quote.is_some() || on_argument {
            // Also marks a quote that matches the claim's words, which the import drops.
            marks.insert("stance".into(), json!(true));
            if let Some(q) = &stance.quote {
                marks.insert("quote".into(), json!(q));
            }
            self.mark_all(&l, marks);
        }
        self.said_about
            .entry((stance.actor.clone(), stance.target.clone()))
            .or_insert(self.said.len());
        self.said.push(l);
    }

    /// A transition into the maker's locution, anchoring the act that made a relation.
    fn maker(&mut self, s: &str, act: &'static str, actor: &'m Id, from: &'m Id) {
        let reuse = self.said_about.get(&(actor.clone(), from.clone())).copied();
        let (l, before) = match reuse {
            Some(k) => (
                self.said[k].clone(),
                k.checked_sub(1).map(|b| self.said[b].clone()),
            ),
            None => {
                let before = self.said.last().cloned();
                let words = self.words(from);
                let Some(l) = self.locution(actor, &words, None, None) else {
                    return;
                };
                self.said.push(l.clone());
                (l, before)
            }
        };
        let ta = self.node("TA", "Default Transition", Some("Default Transition"));
        if let Some(before) = before {
            self.edge(&before, &ta);
        }
        self.edge(&ta, &l);
        let ya = self.node("YA", act, Some(act));
        self.edge(&ta, &ya);
        self.edge(&ya, s);
    }
}

/// Adds a list to our extension object under `key`, unless it is empty.
fn insert_list(ext: &mut JsonMap<String, Json>, key: &str, list: impl Iterator<Item = Json>) {
    let list: Vec<Json> = list.collect();
    if !list.is_empty() {
        ext.insert(key.into(), Json::Array(list));
    }
}

/// The ids as strings, for a list in our extension object.
fn id_strs(ids: &[Id]) -> Vec<&str> {
    ids.iter().map(Id::as_str).collect()
}

/// An element the AIF has no place for, whole, for our extension object: its id, its own
/// fields that have a value, then its tags, origin, data and note.
fn whole(
    id: &Id,
    fields: impl IntoIterator<Item = (&'static str, Option<Json>)>,
    meta: &Meta,
) -> Json {
    let mut out = JsonMap::new();
    out.insert("id".into(), json!(id.as_str()));
    for (key, value) in fields {
        if let Some(value) = value {
            out.insert(key.into(), value);
        }
    }
    out.extend(meta_marks(meta));
    Json::Object(out)
}

fn source_marks(source: &Source) -> Json {
    let text = |value: &Option<String>| value.as_ref().map(|v| json!(v));
    let fields = [
        ("kind", Some(json!(source.kind.as_str()))),
        ("title", Some(json!(source.title))),
        ("author", text(&source.author)),
        ("publisher", text(&source.publisher)),
        ("date", source.date.as_ref().map(|d| json!(d.to_string()))),
        ("url", text(&source.url)),
        ("via", source.via.as_ref().map(|v| json!(v.as_str()))),
    ];
    whole(&source.id, fields, &source.meta)
}

fn group_marks(group: &Group) -> Json {
    let fields = [
        ("title", Some(json!(group.title))),
        ("members", Some(json!(id_strs(&group.members)))),
        ("parent", group.parent.as_ref().map(|p| json!(p.as_str()))),
    ];
    whole(&group.id, fields, &group.meta)
}

fn side_marks(side: &Side) -> Json {
    let fields = [
        ("name", Some(json!(side.name))),
        ("actors", Some(json!(id_strs(&side.actors)))),
    ];
    whole(&side.id, fields, &side.meta)
}

/// What a [`Meta`] holds besides the AIF data our import put there: tags, note and any other
/// extension data.
fn meta_marks(meta: &Meta) -> JsonMap<String, Json> {
    let mut out = JsonMap::new();
    if !meta.tags().is_empty() {
        out.insert("tags".into(), json!(meta.tags()));
    }
    if let Some(note) = meta.note() {
        out.insert("note".into(), json!(note));
    }
    if let Some(silent) = meta.silent() {
        out.insert("silent".into(), json!(silent));
    }
    if let Some(ext) = meta.ext() {
        let rest: JsonMap<String, Json> = ext
            .iter()
            .filter(|(k, _)| k.as_str() != "aif")
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if !rest.is_empty() {
            out.insert("ext".into(), Json::Object(rest));
        }
    }
    out
}

/// The fields a claim, argument, relation or stance may carry: source, quote, date.
fn cited(
    out: &mut JsonMap<String, Json>,
    source: Option<&Id>,
    quote: Option<&String>,
    date: Option<&Date>,
) {
    if let Some(s) = source {
        out.insert("source".into(), json!(s.as_str()));
    }
    if let Some(q) = quote {
        out.insert("quote".into(), json!(q));
    }
    if let Some(d) = date {
        out.insert("date".into(), json!(d.as_str()));
    }
}

/// A string under `ext.aif.<key>`.
fn aif_ext_str<'a>(ext: Option<&'a JsonMap<String, Json>>, key: &str) -> Option<&'a str> {
    ext?.get("aif")?.get(key)?.as_str()
}
