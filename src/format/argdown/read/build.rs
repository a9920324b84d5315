//! The builder: the parsed document into a map. One claim per statement class, arguments
//! with their premise and conclusion links (one per inference step), relations, actors and
//! sources from the front matter and inline data, groups from headings.

use crate::model::Date;
use std::collections::{HashMap, HashSet};

use serde_json::{Map as JsonMap, Value};

use super::*;
use crate::diagnostic::{Diagnostic, Span};
use crate::format::import::Names;
use crate::format::json::Loaded;
use crate::model::*;

mod front;

/// One inference step of a reconstruction: premises and conclusion (each with its line in
/// the structure), rules and data.
type Step = (
    Vec<(usize, usize)>,
    (usize, usize),
    Vec<String>,
    JsonMap<String, Value>,
);

/// Builds the map of a parsed document, adding to its warnings, with how the file names each
/// element (its ids in the warnings are put so).
pub(super) fn build(src: &str, doc: Doc, warnings: Vec<Diagnostic>) -> (Loaded, Names) {
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
        names: Names::default(),
    };
    build.run();
    let names = build.names;
    let mut warnings = build.warnings;
    for w in &mut warnings {
        w.message = names.rename(&w.message);
    }
    (
        Loaded {
            map: build.map,
            warnings,
        },
        names,
    )
}

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
    /// How the file names each element, and where.
    names: Names,
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

/// How a statement (`open` is `[`) or an argument (`<`) was named, and where: its title in
/// brackets at its definition, or the start of its text in quotes.
fn typed_name(
    src: &str,
    open: char,
    title: Option<&str>,
    text: &str,
    span: Span,
) -> (String, Span) {
    let close = if open == '[' { ']' } else { '>' };
    match title {
        Some(t) => {
            let end = span.start + t.len() + 2;
            let at = if src.get(span.start..end).is_some_and(|s| s.ends_with(close)) {
                Span::new(span.start, end)
            } else {
                span
            };
            (format!("{open}{t}{close}"), at)
        }
        None if text.is_empty() => ("the untitled argument".to_owned(), span),
        None => {
            let mut shown: String = text.chars().take(40).collect();
            if text.chars().count() > 40 {
                shown.push('…');
            }
            let line_end = src
                .get(span.start..)
                .and_then(|rest| rest.find(['\n', '\r']))
                .map_or(src.len(), |i| span.start + i);
            (
                format!("\"{shown}\""),
                Span::new(span.start, line_end.max(span.end)),
            )
        }
    }
}

/// The opening `===` of the front matter.
fn front_span(src: &str) -> Span {
    let start = usize::from(src.starts_with('\u{feff}')) * 3;
    Span::new(start, (start + 3).min(src.len()))
}

fn stance_kind(s: &str) -> Option<StanceKind> {
    StanceKind::ALL.into_iter().find(|k| k.as_str() == s)
}

impl Build<'_> {
    fn warn(&mut self, span: Span, message: impl Into<String>, hint: impl Into<String>) {
        push_warning(self.src, &mut self.warnings, span, message, hint);
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
        let mut named: Vec<(Span, String)> = Vec::new();
        for class in self
            .doc
            .statements
            .iter()
            .chain(self.doc.arguments.iter().map(|a| &a.class))
        {
            named.extend(class.actors.iter().map(|(_, n)| (class.span, n.clone())));
        }
        named.sort_by_key(|&(at, _)| at.start);
        for (span, name) in named {
            let id = self.actor(&name);
            self.names.insert(&id, name.trim().to_owned(), span);
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
        let span = match class_index {
            Node::Statement(s) => self.doc.statements[s].span,
            Node::Argument(a) | Node::Inference(a, _) => self.doc.arguments[a].class.span,
        };
        self.names
            .insert(&id, format!("the source \"{title}\""), span);
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

    fn date_of(class: &Class, own: bool) -> (Option<Date>, Option<(String, Value)>) {
        let given = |d: &str| Date::new(if own { d } else { d.trim() }).ok();
        match class.data.get("date") {
            // A date the map cannot hold stays in the element's data, so nothing is lost.
            Some(Value::String(d)) if given(d).is_some() => (given(d), None),
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
            let (name, at) = typed_name(self.src, '[', title.as_deref(), &text, span);
            self.names.insert(&id, name, at);
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
                let (name, at) = typed_name(
                    self.src,
                    '<',
                    title.as_deref(),
                    text.as_deref().unwrap_or(""),
                    span,
                );
                let name = if last {
                    name
                } else {
                    format!("{name} (step {})", step + 1)
                };
                self.names.insert(&id, name, at);
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
                stance.date = string(d.get("date")).and_then(|d| Date::new(&d).ok());
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
                                let id = self.claim_ids[s].clone();
                                self.warn(
                                    r.span,
                                    format!("an undercut attacks an inference, but `{id}` is a statement that no reconstructed argument concludes, so the undercut is dropped"),
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
