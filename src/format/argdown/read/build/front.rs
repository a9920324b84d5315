//! The front matter's lists: sources, actors (with their links to each other) and, in
//! argumap's own files, sides; each named as the front matter names it.

use super::super::*;
use super::{front_span, mappings, meta_data, string, strings, Build};
use crate::diagnostic::Span;
use crate::model::*;

impl Build<'_> {
    /// The front matter's `sources`: mappings with `id`, `kind`, `title`, ...
    pub(super) fn front_sources(&mut self, list: Option<&Value>) {
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
            source.date = string(d.get("date")).and_then(|d| Date::new(&d).ok());
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
            self.names.insert(
                &id,
                format!("the front matter's `{name}`"),
                front_span(self.src),
            );
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
    pub(super) fn front_sides(&mut self, list: Option<&Value>) {
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
    pub(super) fn front_actors(&mut self, list: Option<&Value>) {
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
            self.names.insert(
                &id,
                format!("the front matter's `{name}`"),
                front_span(self.src),
            );
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
}
