//! The loader: the decoded elements added to a map, then the links between them, each
//! refused step reported at its place in the file.
//!
//! Time: linear in the file (each reference is one hash probe).

use super::*;

/// What a claim or argument writes inline, held until every element is in: who asserts it,
/// and what it supports, rebuts, undercuts and contradicts (an argument contradicts nothing).
pub(super) struct InlineLinks<'a> {
    by: Vec<FileId<'a>>,
    supports: Vec<FileId<'a>>,
    rebuts: Vec<FileId<'a>>,
    undercuts: Vec<FileId<'a>>,
    contradicts: Vec<FileId<'a>>,
}

pub(super) struct Loader<'s> {
    pub(super) src: &'s str,
    pub(super) diags: Vec<Diagnostic>,
    /// Where each id was first defined, for "first defined at" hints.
    pub(super) defined: HashMap<Id, Span, foldhash::fast::RandomState>,
    /// Ids whose definition failed; references to them are not reported again.
    pub(super) rejected: HashSet<String>,
    /// Where the file's lines start, made at the first problem.
    pub(super) lines: std::cell::OnceCell<LineIndex>,
}

pub(super) fn object_field<'v>(v: &'v Spanned<Value>, key: &str) -> Option<&'v Spanned<Value>> {
    match &v.value {
        Value::Object(fields) => fields.iter().find(|(k, _)| k.value == key).map(|(_, v)| v),
        _ => None,
    }
}

/// Span of `key`'s value in an object, or of its `i`-th item.
pub(super) fn span_of(v: &Spanned<Value>, key: &str, i: Option<usize>) -> Span {
    match (object_field(v, key), i) {
        (Some(f), None) => f.span,
        (
            Some(Spanned {
                value: Value::Array(items),
                ..
            }),
            Some(i),
        ) => items.get(i).map_or(v.span, |item| item.span),
        (Some(f), Some(_)) => f.span,
        (None, _) => v.span,
    }
}

/// Where an element stands in the file, for diagnostics.
pub(super) trait Place: Copy {
    /// The place of `key`'s value, or of its `i`-th item.
    fn at(self, key: &str, i: Option<usize>) -> Span;
    /// The place of the whole element.
    fn span(self) -> Span;
    /// Whether places are known (a located load), so problems are worth explaining here.
    fn is_placed(self) -> bool {
        true
    }
}

impl Place for &Spanned<Value> {
    fn at(self, key: &str, i: Option<usize>) -> Span {
        span_of(self, key, i)
    }
    fn span(self) -> Span {
        self.span
    }
}

/// No place: the fast path decodes without a tree, and goes back for places only when
/// something needs reporting.
#[derive(Clone, Copy)]
pub(super) struct Unplaced;

impl Place for Unplaced {
    fn at(self, _: &str, _: Option<usize>) -> Span {
        Span::default()
    }
    fn span(self) -> Span {
        Span::default()
    }
    fn is_placed(self) -> bool {
        false
    }
}

/// The decoded lists of a map file, each element with its place.
pub(super) struct Parts<'a, P> {
    pub(super) sources: Vec<(P, SourceFile<'a>)>,
    pub(super) actors: Vec<(P, ActorFile<'a>)>,
    pub(super) claims: Vec<(P, ClaimFile<'a>)>,
    pub(super) arguments: Vec<(P, ArgumentFile<'a>)>,
    pub(super) relations: Vec<(P, RelationFile<'a>)>,
    pub(super) stances: Vec<(P, StanceFile<'a>)>,
    pub(super) groups: Vec<(P, GroupFile<'a>)>,
    pub(super) sides: Vec<(P, SideFile<'a>)>,
}

pub(super) fn meta(
    tags: Vec<String>,
    origin: Option<OriginFile>,
    ext: Option<ObjectMap>,
    note: Option<String>,
    silent: Option<String>,
) -> Meta {
    Meta::new(MetaData {
        tags,
        origin: origin.map(|o| Origin {
            format: o.format,
            id: o.id,
        }),
        ext,
        note,
        silent,
    })
}

pub(super) type ObjectMap = serde_json::Map<String, serde_json::Value>;

impl<'s> Loader<'s> {
    /// A loader of `src` that has found nothing yet.
    pub(super) fn new(src: &'s str) -> Loader<'s> {
        Loader {
            src,
            diags: Vec::new(),
            defined: HashMap::default(),
            rejected: HashSet::new(),
            lines: std::cell::OnceCell::new(),
        }
    }

    /// The lines of the file, found once.
    pub(super) fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(self.src))
    }

    pub(super) fn error(
        &mut self,
        code: Code,
        span: Span,
        message: impl Into<String>,
        hint: Option<String>,
    ) {
        let mut d =
            Diagnostic::indexed(Severity::Error, self.src, self.lines(), Some(span), message)
                .with_code(code);
        d.hint = hint;
        self.diags.push(d);
    }

    /// Offers `replacement` (a JSON string, quoted) in place of the string at `span`.
    pub(super) fn fix_last(&mut self, span: Span, replacement: &str) {
        let quoted = serde_json::to_string(replacement).unwrap_or_default();
        if let Some(d) = self.diags.pop() {
            self.diags.push(d.with_fix(self.src, span, quoted));
        }
    }

    pub(super) fn finish(self, map: Map) -> Result<Loaded, LoadError> {
        let lints = crate::analysis::lint(&map);
        self.finish_with(map, lints)
    }

    /// [`Loader::finish`] with the map's lints found already.
    pub(super) fn finish_with(
        mut self,
        map: Map,
        lints: Vec<crate::analysis::Lint>,
    ) -> Result<Loaded, LoadError> {
        let warnings: Vec<Diagnostic> = lints
            .into_iter()
            .map(|lint| {
                let span = lint
                    .subject
                    .as_ref()
                    .and_then(|id| self.defined.get(id.as_str()).copied());
                let mut d = Diagnostic::indexed(
                    Severity::Warning,
                    self.src,
                    self.lines(),
                    span,
                    lint.message,
                )
                .with_code(lint.code);
                d.hint = lint.hint;
                d
            })
            .collect();
        if self.diags.iter().all(|d| !d.is_error()) {
            self.diags.extend(warnings);
            Ok(Loaded {
                map,
                warnings: self.diags,
            })
        } else {
            // Warnings are left out: with elements missing, most would be echoes of the
            // errors ("not connected" because its relation was refused).
            self.diags.retain(Diagnostic::is_error);
            self.diags.sort_by_key(|d| d.span.map(|s| s.start));
            Err(LoadError {
                diagnostics: self.diags,
            })
        }
    }

    pub(super) fn load(&mut self, root: &Spanned<Value>) -> Map {
        let mut map = Map::new("");
        let Value::Object(fields) = &root.value else {
            self.error(
                Code::WrongValue,
                root.span,
                format!(
                    "a map file holds one JSON object, not {}",
                    root.value.kind_name()
                ),
                Some(
                    "start the file with {\"argumap\": 1, \"title\": \"...\", \"claims\": [...]}"
                        .into(),
                ),
            );
            return map;
        };
        let mut seen: HashMap<&str, Span> = HashMap::new();
        for (i, (key, value)) in fields.iter().enumerate() {
            if let Some(first) = seen.insert(&key.value, key.span) {
                let at = crate::diagnostic::Location::of(self.src, first.start);
                self.error(
                    Code::DuplicateKey,
                    key.span,
                    format!("the key `{}` appears twice", key.value),
                    Some(format!("it is first given at line {}; keep one", at.line)),
                );
                continue;
            }
            if !MAP_KEYS.contains(&key.value.as_str()) {
                let near = did_you_mean(&key.value, MAP_KEYS);
                let hint = match near {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("a map file has the keys {}", backticked(&MAP_KEYS)),
                };
                self.error(
                    Code::UnknownField,
                    key.span,
                    format!("unknown key `{}` in the map", key.value),
                    Some(hint),
                );
                if let Some(near) = near {
                    self.fix_last(key.span, near);
                }
                continue;
            }
            let after_schema = i == 1 && fields[0].0.value == "$schema";
            if key.value == "argumap" && i != 0 && !after_schema {
                self.diags.push(
                    Diagnostic::warning(
                        self.src,
                        Some(key.span),
                        "`argumap` should be the first key",
                    )
                    .with_code(Code::Style)
                    .with_hint("move \"argumap\": 1 to the top so readers see the version first"),
                );
            }
            let _ = value;
        }
        match object_field(root, "argumap") {
            None => self.error(
                Code::Version,
                Span {
                    start: root.span.start,
                    end: root.span.start + 1,
                },
                "the map file does not say its format version",
                Some("add \"argumap\": 1 as the first key".into()),
            ),
            Some(v) => match &v.value {
                Value::Number(n) if n.as_u64() == Some(VERSION) => {}
                Value::Number(n) => self.error(
                    Code::Version,
                    v.span,
                    format!(
                        "this file is format version {n}, but this argumap reads version {VERSION}"
                    ),
                    Some(
                        "write \"argumap\": 1, or use the argumap release that wrote this file"
                            .into(),
                    ),
                ),
                other => self.error(
                    Code::Version,
                    v.span,
                    format!(
                        "the format version must be a number, not {}",
                        other.kind_name()
                    ),
                    Some("write \"argumap\": 1".into()),
                ),
            },
        }
        match object_field(root, "title").map(|v| (v, &v.value)) {
            Some((_, Value::String(t))) if !t.trim().is_empty() => map.title = t.clone(),
            Some((v, _)) => self.error(
                Code::EmptyText,
                v.span,
                "the map's title must be a non-empty string",
                Some("write \"title\": \"What the debate is about\"".into()),
            ),
            None => self.error(
                Code::MissingField,
                Span {
                    start: root.span.start,
                    end: root.span.start + 1,
                },
                "the map has no title",
                Some("add \"title\": \"...\" after \"argumap\": 1".into()),
            ),
        }
        if let Some(v) = object_field(root, "description") {
            match &v.value {
                Value::String(d) => map.description = Some(d.clone()),
                other => self.error(
                    Code::WrongValue,
                    v.span,
                    format!(
                        "the description must be a string, not {}",
                        other.kind_name()
                    ),
                    None,
                ),
            }
        }
        if let Some(v) = object_field(root, "ext") {
            map.ext = self.decode::<ObjectMap>(v, "the map's `ext`");
        }
        if let Some(v) = object_field(root, "$schema") {
            match &v.value {
                Value::String(s) => map.schema = Some(s.clone()),
                other => self.error(
                    Code::WrongValue,
                    v.span,
                    format!("`$schema` must be a string, not {}", other.kind_name()),
                    Some("write the path of the schema file, e.g. \"$schema\": \"argumap-1.schema.json\"".into()),
                ),
            }
        }

        let parts = Parts {
            sources: self.list(root, "sources", "source"),
            actors: self.list(root, "actors", "actor"),
            claims: self.list(root, "claims", "claim"),
            arguments: self.list(root, "arguments", "argument"),
            relations: self.list(root, "relations", "relation"),
            stances: self.list(root, "stances", "stance"),
            groups: self.list(root, "groups", "group"),
            sides: self.list(root, "sides", "side"),
        };
        self.build(map, parts)
    }

    /// Adds the decoded elements to the map, then the links between them, reporting each
    /// refused step at its place.
    pub(super) fn build<P: Place>(&mut self, mut map: Map, parts: Parts<'_, P>) -> Map {
        let Parts {
            sources,
            actors,
            claims,
            arguments,
            relations,
            stances,
            groups,
            sides,
        } = parts;
        let elements = actors.len() + claims.len() + arguments.len();
        let inline: usize = claims
            .iter()
            .map(|(_, c)| {
                c.by.len()
                    + c.supports.len()
                    + c.rebuts.len()
                    + c.undercuts.len()
                    + c.contradicts.len()
            })
            .chain(arguments.iter().map(|(_, a)| {
                a.premises.len()
                    + 1
                    + a.by.len()
                    + a.supports.len()
                    + a.rebuts.len()
                    + a.undercuts.len()
            }))
            .chain(
                actors
                    .iter()
                    .map(|(_, a)| a.member_of.len() + a.speaks_for.len()),
            )
            .sum();
        map.reserve(elements, inline + relations.len() + stances.len());
        let mut source_vias = Vec::new();
        // Elements first, so that links may name elements defined further down.
        for (v, s) in sources {
            let Some(id) = self.new_id(&map, v, &s.id) else {
                continue;
            };
            self.check_date(v, &s.date);
            let source = Source {
                id: id.clone(),
                kind: s.kind.map_or(SourceKind::Article, Into::into),
                title: s.title,
                author: s.author,
                publisher: s.publisher,
                date: s.date.and_then(|d| Date::new(&d.0).ok()),
                url: s.url,
                via: None,
                meta: meta(s.tags, s.origin, s.ext, s.note, s.silent),
            };
            if self.added(map.add_source(source), v, &[]) {
                if let Some(via) = s.via {
                    source_vias.push((v, id, via));
                }
            }
        }
        let mut actor_links = Vec::new();
        for (v, a) in actors {
            let Some(id) = self.new_id(&map, v, &a.id) else {
                continue;
            };
            let actor = Actor {
                id: id.clone(),
                name: a.name,
                kind: a.kind.into(),
                role: a.role,
                meta: meta(a.tags, a.origin, a.ext, a.note, a.silent),
            };
            self.added(map.add_actor(actor), v, &[]);
            actor_links.push((v, id, a.member_of, a.speaks_for));
        }
        let mut claim_links = Vec::new();
        for (v, c) in claims {
            let Some(id) = self.new_id(&map, v, &c.id) else {
                continue;
            };
            if c.text.trim().is_empty() {
                self.error(
                    Code::EmptyText,
                    v.at("text", None),
                    format!("the claim `{id}` has an empty text"),
                    Some("write the claim as a full sentence".into()),
                );
            }
            self.check_date(v, &c.date);
            let source = self.source_of(&map, v, c.source.as_ref());
            let claim = Claim {
                id: id.clone(),
                text: c.text.into_owned(),
                title: c.title,
                source,
                quote: c.quote,
                date: c.date.and_then(|d| Date::new(&d.0).ok()),
                kind: c.kind.map_or(ClaimKind::Debate, Into::into),
                meta: meta(c.tags, c.origin, c.ext, c.note, c.silent),
            };
            let added = map.add_element(Element::Claim(claim));
            if let Some(ix) = self.added_at(added, v) {
                let links = InlineLinks {
                    by: c.by,
                    supports: c.supports,
                    rebuts: c.rebuts,
                    undercuts: c.undercuts,
                    contradicts: c.contradicts,
                };
                claim_links.push((v, (id, ix), links));
            }
        }
        let mut argument_links = Vec::new();
        for (v, a) in arguments {
            let Some(id) = self.new_id(&map, v, &a.id) else {
                continue;
            };
            self.check_date(v, &a.date);
            let source = self.source_of(&map, v, a.source.as_ref());
            let argument = Argument {
                id: id.clone(),
                text: a.text,
                title: a.title,
                source,
                quote: a.quote,
                date: a.date.and_then(|d| Date::new(&d.0).ok()),
                meta: meta(a.tags, a.origin, a.ext, a.note, a.silent),
            };
            let added = map.add_element(Element::Argument(argument));
            if let Some(ix) = self.added_at(added, v) {
                let links = InlineLinks {
                    by: a.by,
                    supports: a.supports,
                    rebuts: a.rebuts,
                    undercuts: a.undercuts,
                    contradicts: Vec::new(),
                };
                argument_links.push((v, (id, ix), a.premises, a.conclusion, links));
            }
        }
        let mut group_parents = Vec::new();
        for (v, g) in groups {
            let Some(id) = self.new_id(&map, v, &g.id) else {
                continue;
            };
            let mut members = Vec::with_capacity(g.members.len());
            for (i, m) in g.members.iter().enumerate() {
                match map.node_id(&m.0) {
                    Some((ix, id)) if is_claim_or_argument(&map, ix) => members.push(id.clone()),
                    _ => {
                        let span = v.at("members", Some(i));
                        if let Some(id) = self.resolve(&map, &m.0, span) {
                            let found = map.kind_of(&id).map_or("unknown", |k| k.with_article());
                            self.error(
                                Code::WrongKind,
                                span,
                                format!(
                                    "`{id}` is {found}, but a group holds claims and arguments"
                                ),
                                Some(kind_hint(&[ElementKind::Claim, ElementKind::Argument])),
                            );
                        }
                    }
                }
            }
            let group = Group {
                id: id.clone(),
                title: g.title,
                members,
                parent: None,
                meta: meta(g.tags, g.origin, g.ext, g.note, g.silent),
            };
            if self.added(map.add_group_of_checked_members(group), v, &[]) {
                group_parents.push((v, id, g.parent));
            }
        }

        // Then the links, in the order the canonical form writes them.
        for (v, id, member_of, speaks_for) in actor_links {
            for (key, list, kind) in [
                ("member_of", member_of, ActorLinkKind::MemberOf),
                ("speaks_for", speaks_for, ActorLinkKind::SpeaksFor),
            ] {
                for (i, other) in list.iter().enumerate() {
                    let span = v.at(key, Some(i));
                    if let Some(other) = self.resolve(&map, &other.0, span) {
                        self.added(
                            map.add_actor_link(&id, kind, &other),
                            v,
                            &[(other.as_str(), span)],
                        );
                    }
                }
            }
        }
        for (v, id, links) in claim_links {
            self.inline_links(&mut map, v, &id, links);
        }
        for (v, arg, premises, conclusion, links) in argument_links {
            let id = arg;
            let arg = &id.0;
            for (i, p) in premises.iter().enumerate() {
                let span = v.at("premises", Some(i));
                if let Some(p) = self.resolve(&map, &p.0, span) {
                    let rel = Relation::new(p.clone(), RelationKind::Premise, arg.clone());
                    self.added(map.add_relation(rel), v, &[(p.as_str(), span)]);
                }
            }
            if let Some(c) = conclusion {
                let span = v.at("conclusion", None);
                if let Some(c) = self.resolve(&map, &c.0, span) {
                    let rel = Relation::new(arg.clone(), RelationKind::Conclusion, c.clone());
                    self.added(map.add_relation(rel), v, &[(c.as_str(), span)]);
                }
            }
            self.inline_links(&mut map, v, &id, links);
        }
        for (v, r) in relations {
            let from_span = v.at("from", None);
            let to_span = v.at("to", None);
            let from = self.resolve(&map, &r.from.0, from_span);
            let to = self.resolve(&map, &r.to.0, to_span);
            let by = self.references(&map, v, "by", &r.by);
            let source = self.source_of(&map, v, r.source.as_ref());
            let (Some(from), Some(to)) = (from, to) else {
                continue;
            };
            let relation = Relation {
                from,
                to,
                kind: r.kind.into(),
                by,
                source,
                quote: r.quote,
                meta: meta(r.tags, r.origin, r.ext, r.note, r.silent),
            };
            let refs = [(r.from.0.as_ref(), from_span), (r.to.0.as_ref(), to_span)];
            self.added(map.add_relation(relation), v, &refs);
        }
        for (v, s) in stances {
            let actor_span = v.at("actor", None);
            let target_span = v.at("target", None);
            let actor = self.resolve(&map, &s.actor.0, actor_span);
            let target = self.resolve(&map, &s.target.0, target_span);
            self.check_date(v, &s.date);
            let source = self.source_of(&map, v, s.source.as_ref());
            let (Some(actor), Some(target)) = (actor, target) else {
                continue;
            };
            let stance = Stance {
                actor,
                target,
                kind: s.kind.into(),
                source,
                quote: s.quote,
                date: s.date.and_then(|d| Date::new(&d.0).ok()),
                meta: meta(s.tags, s.origin, s.ext, s.note, s.silent),
            };
            let refs = [
                (s.actor.0.as_ref(), actor_span),
                (s.target.0.as_ref(), target_span),
            ];
            self.added(map.add_stance(stance), v, &refs);
        }
        // Whether a parent closes a circle, by union-find over the groups, each set's root
        // being the top group of its tree (a group's set is always put under its parent's):
        // every group starts without a parent, so a group is the top of its own tree when its
        // parent is set, and the parent closes a circle exactly when the parent's tree is the
        // group's own. Near-constant time per group, however deep the nesting.
        let mut set: Vec<usize> = (0..map.groups().count()).collect();
        fn find(set: &mut [usize], mut x: usize) -> usize {
            while set[x] != x {
                set[x] = set[set[x]];
                x = set[x];
            }
            x
        }
        for (v, id, parent) in group_parents {
            if let Some(p) = parent {
                let span = v.at("parent", None);
                if let Some(resolved) = self.resolve(&map, &p.0, span) {
                    let r = match (map.group_index(&id), map.group_index(&resolved)) {
                        (Some(g), Some(q)) => {
                            let (rg, rq) = (find(&mut set, g), find(&mut set, q));
                            debug_assert_eq!(rg, g, "a group gets its parent once");
                            if rq == rg {
                                Err(crate::model::ModelError::GroupCycle(id.clone()))
                            } else {
                                set[rg] = rq;
                                map.set_group_parent_acyclic(&id, resolved)
                            }
                        }
                        // Not a group: the model says what it is instead.
                        _ => map.set_group_parent(&id, Some(resolved)),
                    };
                    self.added(r, v, &[(p.0.as_ref(), span)]);
                }
            }
        }
        // A source's `via`, once every element is in (it may name any of them, wrongly).
        for (v, id, via) in source_vias {
            let span = v.at("via", None);
            let Some(resolved) = self.resolve(&map, &via.0, span) else {
                continue;
            };
            if map.source(&resolved).is_none() || resolved == id {
                let found = map
                    .kind_of(&resolved)
                    .map_or("unknown", |k| k.with_article());
                let found = if resolved == id {
                    "the source itself"
                } else {
                    found
                };
                self.error(Code::WrongKind,
                    span,
                    format!("`{resolved}` is {found}, but `via` must name another source"),
                    Some("name the document through which this one is known, e.g. the article that reports a letter".into()),
                );
                continue;
            }
            map.set_source_via(&id, resolved);
        }
        self.sides(&mut map, sides);
        map
    }

    /// Adds the sides, each naming actors. An actor named by two sides is refused at its
    /// second mention.
    ///
    /// Time: linear in the sides' actors.
    pub(super) fn sides<P: Place>(&mut self, map: &mut Map, sides: Vec<(P, SideFile<'_>)>) {
        let mut taken: HashMap<Id, Id> = HashMap::new();
        for (v, s) in sides {
            let Some(id) = self.new_id(map, v, &s.id) else {
                continue;
            };
            if s.name.trim().is_empty() {
                self.error(
                    Code::EmptyText,
                    v.at("name", None),
                    format!("the side `{id}` has an empty name"),
                    Some("name the side as the report should call it, e.g. \"Opposition\"".into()),
                );
            }
            let mut actors = Vec::new();
            for (i, a) in s.actors.iter().enumerate() {
                let span = v.at("actors", Some(i));
                let Some(resolved) = self.resolve(map, &a.0, span) else {
                    continue;
                };
                if map.actor(&resolved).is_none() {
                    let found = map
                        .kind_of(&resolved)
                        .map_or("unknown", |k| k.with_article());
                    self.error(
                        Code::WrongKind,
                        span,
                        format!("`{resolved}` is {found}, but a side lists actors"),
                        Some(kind_hint(&[ElementKind::Actor])),
                    );
                    continue;
                }
                if let Some(other) = taken.get(&resolved) {
                    self.error(
                        Code::InvalidLink,
                        span,
                        format!("the actor `{resolved}` is already on the side `{other}`"),
                        Some("an actor argues one side: remove it from one of the two".into()),
                    );
                    continue;
                }
                taken.insert(resolved.clone(), id.clone());
                actors.push(resolved);
            }
            let side = Side {
                id,
                name: s.name,
                actors,
                meta: meta(s.tags, s.origin, s.ext, s.note, s.silent),
            };
            self.added(map.add_side(side), v, &[]);
        }
    }

    /// Decodes each item of a top-level list on its own, reporting every bad item.
    pub(super) fn list<'v, T: serde::Deserialize<'v>>(
        &mut self,
        root: &'v Spanned<Value>,
        key: &str,
        what: &str,
    ) -> Vec<(&'v Spanned<Value>, T)> {
        let Some(list) = object_field(root, key) else {
            return Vec::new();
        };
        let Value::Array(items) = &list.value else {
            self.error(
                Code::WrongValue,
                list.span,
                format!("`{key}` must be a list, not {}", list.value.kind_name()),
                Some(format!(
                    "write \"{key}\": [ ... ] with one object per {what}"
                )),
            );
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            if let Some(t) = self.decode(item, &with_article(what)) {
                out.push((item, t));
            } else if let Some(Value::String(id)) = object_field(item, "id").map(|v| &v.value) {
                // The element is reported already; references to it are not reported again.
                self.rejected.insert(id.clone());
            }
        }
        out
    }

    pub(super) fn decode<'v, T: serde::Deserialize<'v>>(
        &mut self,
        v: &'v Spanned<Value>,
        what: &str,
    ) -> Option<T> {
        match spanned::from_value::<T>(v) {
            Ok(t) => Some(t),
            Err(e) => {
                let span = e.span.unwrap_or(v.span);
                let key = key_of(v, span);
                let (message, hint) = explain(&e.message, what, key);
                let code = if e.message.starts_with("unknown field") {
                    Code::UnknownField
                } else if e.message.starts_with("missing field") {
                    Code::MissingField
                } else {
                    Code::WrongValue
                };
                self.error(code, span, message, hint);
                // One id where a list goes: the fix puts it in brackets.
                if e.message.starts_with("invalid type: string")
                    && e.message.ends_with("expected a sequence")
                {
                    if let Some(text) = self.src.get(span.start..span.end) {
                        let listed = format!("[{text}]");
                        if let Some(d) = self.diags.pop() {
                            self.diags.push(d.with_fix(self.src, span, listed));
                        }
                    }
                }
                // A misspelt field or kind: "did you mean" is offered as a fix too.
                if code == Code::UnknownField || e.message.starts_with("unknown variant") {
                    let near = self.diags.last().and_then(|d| suggested(d.hint.as_deref()));
                    if let Some(near) = near {
                        self.fix_last(span, &near);
                    }
                }
                None
            }
        }
    }

    /// Checks a new element's id; remembers where it is defined.
    pub(super) fn new_id(&mut self, map: &Map, v: impl Place, id: &FileId) -> Option<Id> {
        let span = v.at("id", None);
        match Id::new(&id.0) {
            Ok(new) => {
                // Unplaced, a duplicate is refused by the map itself, and the located load
                // that follows explains it.
                if v.is_placed() && map.contains(&new) {
                    let first = self.defined.get(new.as_str()).copied();
                    let hint = first.map(|f| {
                        format!(
                            "`{new}` is first defined at line {}; give one of them another id",
                            crate::diagnostic::Location::of(self.src, f.start).line
                        )
                    });
                    self.error(
                        Code::DuplicateId,
                        span,
                        format!("the id `{new}` is used twice"),
                        hint,
                    );
                    return None;
                }
                if v.is_placed() {
                    self.defined.insert(new.clone(), span);
                }
                Some(new)
            }
            Err(reason) => {
                self.rejected.insert(id.0.to_string());
                self.error(
                    Code::InvalidId,
                    span,
                    format!("`{}` is not a valid id: {reason}", id.0),
                    Some(format!(
                        "ids are ASCII letters, digits, `-`, `_` and `.`; try `{}`",
                        Id::slugify(&id.0)
                    )),
                );
                None
            }
        }
    }

    /// Resolves a reference, reporting an unknown id with the nearest existing one.
    pub(super) fn resolve(&mut self, map: &Map, text: &str, span: Span) -> Option<Id> {
        if let Some(id) = map.id(text) {
            return Some(id.clone());
        }
        if self.rejected.contains(text) {
            return None; // already reported where it was defined
        }
        let known = map
            .ids()
            .map(Id::as_str)
            .chain(self.rejected.iter().map(String::as_str));
        let near = did_you_mean(text, known).map(str::to_owned);
        let hint = match &near {
            Some(near) => format!("did you mean `{near}`?"),
            None if map.node_count() > 0 && map.node_count() <= 12 => {
                let ids: Vec<String> = map.ids().map(|id| format!("`{id}`")).collect();
                format!("check the spelling; the map's ids are {}", ids.join(", "))
            }
            None => "check the spelling, or define an element with this id".to_owned(),
        };
        self.error(
            Code::UnknownId,
            span,
            format!("no element has the id `{text}`"),
            Some(hint),
        );
        if let Some(near) = near {
            self.fix_last(span, &near);
        }
        None
    }

    /// Resolves an element's `source`, which must name a source.
    pub(super) fn source_of(
        &mut self,
        map: &Map,
        v: impl Place,
        id: Option<&FileId>,
    ) -> Option<Id> {
        let id = id?;
        if let Some(source) = map.source(&id.0) {
            return Some(source.id.clone());
        }
        let span = v.at("source", None);
        let resolved = self.resolve(map, &id.0, span)?;
        let found = map
            .kind_of(&resolved)
            .map_or("unknown", |k| k.with_article());
        self.error(
            Code::WrongKind,
            span,
            format!("`{resolved}` is {found}, but `source` must name a source"),
            Some("list the document under \"sources\" and name its id here".into()),
        );
        None
    }

    pub(super) fn references(
        &mut self,
        map: &Map,
        v: impl Place,
        key: &str,
        ids: &[FileId],
    ) -> Vec<Id> {
        ids.iter()
            .enumerate()
            .filter_map(|(i, id)| self.resolve(map, &id.0, v.at(key, Some(i))))
            .collect()
    }

    pub(super) fn check_date(&mut self, v: impl Place, date: &Option<FileDate>) {
        if let Some(d) = date {
            if !FileDate::is_valid(&d.0) {
                self.error(
                    Code::InvalidDate,
                    v.at("date", None),
                    format!("`{}` is not a date", d.0),
                    Some("write dates as YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2019-10-04".into()),
                );
            }
        }
    }

    /// [`Self::added`] for a change that gives back the new element's node.
    pub(super) fn added_at<T>(
        &mut self,
        result: Result<T, ModelError>,
        v: impl Place,
    ) -> Option<T> {
        match result {
            Ok(t) => Some(t),
            // Reported at its text already; references to it are not reported again.
            Err(ModelError::EmptyText(id)) => {
                self.rejected.insert(id.to_string());
                None
            }
            Err(e) => {
                self.added(Err(e), v, &[]);
                None
            }
        }
    }

    pub(super) fn assertions(
        &mut self,
        map: &mut Map,
        v: impl Place,
        (target, b): &(Id, NodeIndex),
        by: &[FileId],
    ) {
        for (i, actor) in by.iter().enumerate() {
            let span = v.at("by", Some(i));
            // One lookup finds both the actor's id and its node; anything else goes the
            // long way, which explains what is wrong.
            let result = if let Some((a, actor)) = map.node_id(&actor.0) {
                let stance = Stance::new(actor.clone(), StanceKind::Asserts, target.clone());
                map.add_stance_at(a, *b, stance)
            } else if let Some(actor) = self.resolve(map, &actor.0, span) {
                let stance = Stance::new(actor, StanceKind::Asserts, target.clone());
                map.add_stance(stance)
            } else {
                continue;
            };
            self.added(result, v, &[(&actor.0, span)]);
        }
    }

    /// Adds what a claim or argument writes inline, in the order the canonical form writes
    /// it: who asserts it, then what it supports, rebuts, undercuts and contradicts.
    fn inline_links(
        &mut self,
        map: &mut Map,
        v: impl Place,
        element: &(Id, NodeIndex),
        links: InlineLinks<'_>,
    ) {
        self.assertions(map, v, element, &links.by);
        for (key, kind, targets) in [
            ("supports", RelationKind::Supports, links.supports),
            ("rebuts", RelationKind::Rebuts, links.rebuts),
            ("undercuts", RelationKind::Undercuts, links.undercuts),
            ("contradicts", RelationKind::Contradicts, links.contradicts),
        ] {
            self.inline(map, v, element, key, kind, &targets);
        }
    }

    pub(super) fn inline(
        &mut self,
        map: &mut Map,
        v: impl Place,
        (from, a): &(Id, NodeIndex),
        key: &str,
        kind: RelationKind,
        targets: &[FileId],
    ) {
        for (i, to) in targets.iter().enumerate() {
            let span = v.at(key, Some(i));
            let result = if let Some((b, to)) = map.node_id(&to.0) {
                let rel = Relation::new(from.clone(), kind, to.clone());
                map.add_relation_at(*a, b, rel)
            } else if let Some(to) = self.resolve(map, &to.0, span) {
                map.add_relation(Relation::new(from.clone(), kind, to))
            } else {
                continue;
            };
            self.added(result, v, &[(&to.0, span)]);
        }
    }

    /// Reports a refused change at the reference it concerns. Returns whether it was made.
    pub(super) fn added(
        &mut self,
        result: Result<(), ModelError>,
        v: impl Place,
        refs: &[(&str, Span)],
    ) -> bool {
        let Err(err) = result else { return true };
        let at = |id: &str| {
            refs.iter()
                .find(|(r, _)| *r == id)
                .map_or(v.span(), |(_, s)| *s)
        };
        let (span, hint) = match &err {
            ModelError::WrongKind { id, expected, .. } => (at(id), Some(kind_hint(expected))),
            ModelError::UnknownId { id } => (at(id), None),
            ModelError::SelfLoop(_) => (
                v.span(),
                Some("point the relation at another element".to_owned()),
            ),
            ModelError::DuplicateRelation { to, .. } => {
                (at(to), Some("remove one of the two".to_owned()))
            }
            ModelError::DuplicateStance { target, .. } => {
                (at(target), Some("remove one of the two".to_owned()))
            }
            ModelError::DuplicateActorLink { of, .. } => {
                (at(of), Some("remove one of the two".to_owned()))
            }
            ModelError::SecondConclusion { .. } => (
                v.span(),
                Some(
                    "an argument has one conclusion; make a second argument for the other"
                        .to_owned(),
                ),
            ),
            ModelError::GroupCycle(_) => {
                (v.span(), Some("a group cannot be inside itself".to_owned()))
            }
            _ => (v.span(), None),
        };
        let code = match &err {
            ModelError::InvalidId { .. } => Code::InvalidId,
            ModelError::DuplicateId(_) => Code::DuplicateId,
            ModelError::UnknownId { .. } => Code::UnknownId,
            ModelError::WrongKind { .. } => Code::WrongKind,
            _ => Code::InvalidLink,
        };
        self.error(code, span, err.to_string(), hint);
        false
    }
}
