//! Saving: the canonical form of a map, collected or streamed, and the conversions between
//! the file's kinds and the model's.
//!
//! Time: linear in the map.

use super::*;

pub(super) fn file_ids<'a>(ids: impl IntoIterator<Item = &'a Id>) -> Vec<FileId<'a>> {
    ids.into_iter().map(file_id).collect()
}

pub(super) fn file_id(id: &Id) -> FileId<'_> {
    FileId(Cow::Borrowed(id.as_str()))
}

pub(super) fn file_origin(o: Option<&Origin>) -> Option<OriginFile> {
    o.map(|o| OriginFile {
        format: o.format.clone(),
        id: o.id.clone(),
    })
}

pub(super) fn file_date(d: &Option<Date>) -> Option<FileDate> {
    d.as_ref().map(|d| FileDate(d.to_string()))
}

/// The canonical file form of a map (the types serde writes): what [`to_writer`] streams,
/// kept to hold the stream to the derived form in a test.
#[cfg(test)]
pub(crate) fn to_file(map: &Map) -> MapFile<'_> {
    let c = Canon::new(map);
    MapFile {
        schema: map.schema.clone(),
        argumap: Version(VERSION),
        title: map.title.clone(),
        description: map.description.clone(),
        sources: c.sources().collect(),
        actors: c.actors().collect(),
        claims: c.claims().collect(),
        arguments: c.arguments().collect(),
        relations: c.relations().collect(),
        stances: c.stances().collect(),
        groups: c.groups().collect(),
        sides: c.sides().collect(),
        ext: map.ext.clone(),
    }
}

/// The canonical form, element by element: [`to_file`] collects it, [`to_writer`] streams
/// it (a million-claim map need not exist twice in memory).
pub(super) struct Canon<'m> {
    pub(super) map: &'m Map,
    pub(super) adj: Adjacency<'m>,
    /// Per argument node: whether all its premises and its conclusion are plain, so they can
    /// go inline on the argument and keep their order.
    pub(super) plain_structure: Vec<bool>,
}

impl<'m> Canon<'m> {
    pub(super) fn new(map: &'m Map) -> Canon<'m> {
        let adj = map.adjacency();
        let mut plain_structure =
            vec![false; petgraph::visit::NodeIndexable::node_bound(map.graph())];
        for (ix, e) in map.indexed_elements() {
            if let Element::Argument(_) = e {
                plain_structure[ix.index()] = adj
                    .relations_to(ix)
                    .filter(|r| r.kind == RelationKind::Premise)
                    .chain(
                        adj.relations_from(ix)
                            .filter(|r| r.kind == RelationKind::Conclusion),
                    )
                    .all(Relation::is_bare);
            }
        }
        Canon {
            map,
            adj,
            plain_structure,
        }
    }

    pub(super) fn structure_inline(&self, arg: &Id) -> bool {
        self.map
            .node_index(arg)
            .is_some_and(|ix| self.plain_structure[ix.index()])
    }

    /// Plain relations go inline on their `from` element.
    pub(super) fn is_inline(&self, r: &Relation) -> bool {
        r.is_bare()
            && match r.kind {
                RelationKind::Premise => self.structure_inline(&r.to),
                RelationKind::Conclusion => self.structure_inline(&r.from),
                RelationKind::Rephrases => false,
                _ => true,
            }
    }

    pub(super) fn out_of(&self, ix: NodeIndex, kind: RelationKind) -> Vec<FileId<'m>> {
        file_ids(
            self.adj
                .relations_from(ix)
                .filter(|r| r.kind == kind && self.is_inline(r))
                .map(|r| &r.to),
        )
    }

    pub(super) fn by(&self, ix: NodeIndex) -> Vec<FileId<'m>> {
        file_ids(self.adj.incoming(ix).filter_map(|(link, _)| match link {
            Link::Stance(s) if s.is_plain_assertion() => Some(&s.actor),
            _ => None,
        }))
    }

    pub(super) fn actor_links(&self, ix: NodeIndex, kind: ActorLinkKind) -> Vec<FileId<'m>> {
        file_ids(
            self.adj
                .outgoing(ix)
                .filter_map(|(link, other)| match link {
                    Link::Actor(k) if *k == kind => Some(other.id()),
                    _ => None,
                }),
        )
    }

    pub(super) fn sources(&self) -> impl Iterator<Item = SourceFile<'m>> + '_ {
        self.map.sources().map(|s| SourceFile {
            id: file_id(&s.id),
            kind: (s.kind != SourceKind::Article).then(|| s.kind.into()),
            title: s.title.clone(),
            author: s.author.clone(),
            publisher: s.publisher.clone(),
            date: file_date(&s.date),
            url: s.url.clone(),
            via: s.via.as_ref().map(file_id),
            tags: s.meta.tags().to_vec(),
            origin: file_origin(s.meta.origin()),
            ext: s.meta.ext().cloned(),
            note: s.meta.note().map(str::to_owned),
            silent: s.meta.silent().map(str::to_owned),
        })
    }

    pub(super) fn actors(&self) -> impl Iterator<Item = ActorFile<'m>> + '_ {
        self.map.indexed_elements().filter_map(|(ix, e)| match e {
            Element::Actor(a) => Some(ActorFile {
                id: file_id(&a.id),
                name: a.name.clone(),
                kind: a.kind.into(),
                role: a.role.clone(),
                member_of: self.actor_links(ix, ActorLinkKind::MemberOf),
                speaks_for: self.actor_links(ix, ActorLinkKind::SpeaksFor),
                tags: a.meta.tags().to_vec(),
                origin: file_origin(a.meta.origin()),
                ext: a.meta.ext().cloned(),
                note: a.meta.note().map(str::to_owned),
                silent: a.meta.silent().map(str::to_owned),
            }),
            _ => None,
        })
    }

    pub(super) fn claims(&self) -> impl Iterator<Item = ClaimFile<'m>> + '_ {
        self.map.indexed_elements().filter_map(|(ix, e)| match e {
            Element::Claim(c) => Some(ClaimFile {
                id: file_id(&c.id),
                text: Cow::Borrowed(&c.text),
                title: c.title.clone(),
                kind: (c.kind != ClaimKind::Debate).then(|| c.kind.into()),
                by: self.by(ix),
                source: c.source.as_ref().map(file_id),
                quote: c.quote.clone(),
                date: file_date(&c.date),
                supports: self.out_of(ix, RelationKind::Supports),
                rebuts: self.out_of(ix, RelationKind::Rebuts),
                undercuts: self.out_of(ix, RelationKind::Undercuts),
                contradicts: self.out_of(ix, RelationKind::Contradicts),
                tags: c.meta.tags().to_vec(),
                origin: file_origin(c.meta.origin()),
                ext: c.meta.ext().cloned(),
                note: c.meta.note().map(str::to_owned),
                silent: c.meta.silent().map(str::to_owned),
            }),
            _ => None,
        })
    }

    pub(super) fn arguments(&self) -> impl Iterator<Item = ArgumentFile<'m>> + '_ {
        self.map.indexed_elements().filter_map(|(ix, e)| {
            let Element::Argument(a) = e else {
                return None;
            };
            let inline = self.plain_structure[ix.index()];
            Some(ArgumentFile {
                id: file_id(&a.id),
                text: a.text.clone(),
                title: a.title.clone(),
                premises: if inline {
                    file_ids(
                        self.adj
                            .relations_to(ix)
                            .filter(|r| r.kind == RelationKind::Premise)
                            .map(|r| &r.from),
                    )
                } else {
                    Vec::new()
                },
                conclusion: if inline {
                    self.adj
                        .relations_from(ix)
                        .find(|r| r.kind == RelationKind::Conclusion)
                        .map(|r| file_id(&r.to))
                } else {
                    None
                },
                by: self.by(ix),
                source: a.source.as_ref().map(file_id),
                quote: a.quote.clone(),
                date: file_date(&a.date),
                supports: self.out_of(ix, RelationKind::Supports),
                rebuts: self.out_of(ix, RelationKind::Rebuts),
                undercuts: self.out_of(ix, RelationKind::Undercuts),
                tags: a.meta.tags().to_vec(),
                origin: file_origin(a.meta.origin()),
                ext: a.meta.ext().cloned(),
                note: a.meta.note().map(str::to_owned),
                silent: a.meta.silent().map(str::to_owned),
            })
        })
    }

    pub(super) fn relations(&self) -> impl Iterator<Item = RelationFile<'m>> + '_ {
        self.map
            .relations()
            .filter(|r| !self.is_inline(r))
            .map(|r| RelationFile {
                from: file_id(&r.from),
                to: file_id(&r.to),
                kind: r.kind.into(),
                by: file_ids(&r.by),
                source: r.source.as_ref().map(file_id),
                quote: r.quote.clone(),
                tags: r.meta.tags().to_vec(),
                origin: file_origin(r.meta.origin()),
                ext: r.meta.ext().cloned(),
                note: r.meta.note().map(str::to_owned),
                silent: r.meta.silent().map(str::to_owned),
            })
    }

    pub(super) fn stances(&self) -> impl Iterator<Item = StanceFile<'m>> + '_ {
        self.map
            .stances()
            .filter(|s| !s.is_plain_assertion())
            .map(|s| StanceFile {
                actor: file_id(&s.actor),
                target: file_id(&s.target),
                kind: s.kind.into(),
                source: s.source.as_ref().map(file_id),
                quote: s.quote.clone(),
                date: file_date(&s.date),
                tags: s.meta.tags().to_vec(),
                origin: file_origin(s.meta.origin()),
                ext: s.meta.ext().cloned(),
                note: s.meta.note().map(str::to_owned),
                silent: s.meta.silent().map(str::to_owned),
            })
    }

    pub(super) fn sides(&self) -> impl Iterator<Item = SideFile<'m>> + '_ {
        self.map.sides().map(|s| SideFile {
            id: file_id(&s.id),
            name: s.name.clone(),
            actors: file_ids(&s.actors),
            tags: s.meta.tags().to_vec(),
            origin: file_origin(s.meta.origin()),
            ext: s.meta.ext().cloned(),
            note: s.meta.note().map(str::to_owned),
            silent: s.meta.silent().map(str::to_owned),
        })
    }

    pub(super) fn groups(&self) -> impl Iterator<Item = GroupFile<'m>> + '_ {
        self.map.groups().map(|g| GroupFile {
            id: file_id(&g.id),
            title: g.title.clone(),
            members: file_ids(&g.members),
            parent: g.parent.as_ref().map(file_id),
            tags: g.meta.tags().to_vec(),
            origin: file_origin(g.meta.origin()),
            ext: g.meta.ext().cloned(),
            note: g.meta.note().map(str::to_owned),
            silent: g.meta.silent().map(str::to_owned),
        })
    }
}

/// A list serialized as its items are made: `F` gives a fresh iterator.
pub(super) struct Seq<F>(pub(super) F);

impl<F, I> Serialize for Seq<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

/// The canonical form streamed: the same fields, in the same order, with the same lists left
/// out when empty, as [`MapFile`]'s derived `Serialize` (the golden files hold both to it).
pub(super) struct Streamed<'c, 'm>(pub(super) &'c Canon<'m>);

impl Serialize for Streamed<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let c = self.0;
        let map = c.map;
        let mut out = serializer.serialize_struct("MapFile", MAP_KEYS.len())?;
        if let Some(schema) = &map.schema {
            out.serialize_field("$schema", schema)?;
        }
        out.serialize_field("argumap", &Version(VERSION))?;
        out.serialize_field("title", &map.title)?;
        if let Some(description) = &map.description {
            out.serialize_field("description", description)?;
        }
        if map.sources().next().is_some() {
            out.serialize_field("sources", &Seq(|| c.sources()))?;
        }
        if map.actors().next().is_some() {
            out.serialize_field("actors", &Seq(|| c.actors()))?;
        }
        if map.claims().next().is_some() {
            out.serialize_field("claims", &Seq(|| c.claims()))?;
        }
        if map.arguments().next().is_some() {
            out.serialize_field("arguments", &Seq(|| c.arguments()))?;
        }
        if map.relations().any(|r| !c.is_inline(r)) {
            out.serialize_field("relations", &Seq(|| c.relations()))?;
        }
        if map.stances().any(|s| !s.is_plain_assertion()) {
            out.serialize_field("stances", &Seq(|| c.stances()))?;
        }
        if map.groups().next().is_some() {
            out.serialize_field("groups", &Seq(|| c.groups()))?;
        }
        if map.sides().next().is_some() {
            out.serialize_field("sides", &Seq(|| c.sides()))?;
        }
        if let Some(ext) = &map.ext {
            out.serialize_field("ext", ext)?;
        }
        out.end()
    }
}
// ---- enum conversions ---------------------------------------------------------------------

macro_rules! mirror {
    ($file:ident <=> $model:ident { $($v:ident),* $(,)? }) => {
        impl From<$file> for $model {
            fn from(k: $file) -> $model {
                match k { $($file::$v => $model::$v,)* }
            }
        }
        impl From<$model> for $file {
            fn from(k: $model) -> $file {
                #[allow(unreachable_patterns)]
                match k { $($model::$v => $file::$v,)* _ => unreachable!("every kind has a file form") }
            }
        }
    };
}

mirror!(SourceKindFile <=> SourceKind { Article, Letter, Statement, Speech, Transcript, Book, Web, Other });
mirror!(ActorKindFile <=> ActorKind { Person, Organisation, Government, Group, Other });
mirror!(RelationKindFile <=> RelationKind { Supports, Rebuts, Undercuts, Premise, Conclusion, Contradicts, Rephrases });
mirror!(StanceKindFile <=> StanceKind { Asserts, Endorses, Denies, Questions });
mirror!(ClaimKindFile <=> ClaimKind { Debate, Framing, Background });
