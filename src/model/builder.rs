//! A builder for making a map in code: ids as plain strings, every mistake collected and
//! reported together by [`MapBuilder::build`].

use super::element::*;
use super::{Id, Map, ModelError};

/// All the mistakes a [`MapBuilder`] found, in the order the calls were made.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the map has {} problem(s){}", .0.len(), first_of(&.0))]
pub struct BuildError(pub Vec<ModelError>);

/// "; the first: …", or nothing for an empty list.
fn first_of(errors: &[ModelError]) -> String {
    errors
        .first()
        .map_or_else(String::new, |e| format!("; the first: {e}"))
}

enum Step {
    Source(Source),
    Actor(Actor),
    Claim(Claim),
    Argument(Argument),
    Group(Group),
    Relation(Relation),
    Stance(Stance),
    ActorLink(Id, ActorLinkKind, Id),
    Side(Side),
}

impl Step {
    /// Elements go in before the links that name them.
    fn phase(&self) -> u8 {
        match self {
            Step::Source(_) | Step::Actor(_) | Step::Claim(_) | Step::Argument(_) => 0,
            Step::Relation(_) | Step::Stance(_) | Step::ActorLink(..) => 1,
            Step::Group(_) | Step::Side(_) => 2,
        }
    }
}

/// Builds a [`Map`] from short calls. Elements may be named before they are added; all
/// problems (bad ids, unknown references, duplicates) come back together from `build`.
///
/// ```
/// use argumap::model::{ActorKind, MapBuilder};
///
/// let map = MapBuilder::new("School uniforms")
///     .actor("prop", "Proposition", ActorKind::Group)
///     .claim("motion", "Schools should require uniforms")
///     .claim("equal", "Uniforms hide differences in family income")
///     .claim("cost", "Uniforms cost poor families more")
///     .supports("equal", "motion")
///     .rebuts("cost", "equal")
///     .asserts("prop", "motion")
///     .build()?;
/// assert_eq!(map.rebuttals("equal").len(), 1);
/// # Ok::<(), argumap::model::BuildError>(())
/// ```
pub struct MapBuilder {
    title: String,
    steps: Vec<Step>,
    errors: Vec<ModelError>,
}

impl MapBuilder {
    /// A builder for a map with this title.
    pub fn new(title: impl Into<String>) -> MapBuilder {
        MapBuilder {
            title: title.into(),
            steps: Vec::new(),
            errors: Vec::new(),
        }
    }

    fn id(&mut self, text: &str) -> Id {
        Id::new(text).unwrap_or_else(|reason| {
            self.errors.push(ModelError::InvalidId {
                text: text.to_owned(),
                reason,
            });
            Id::slugify(text)
        })
    }

    /// Adds a source given whole.
    pub fn with_source(mut self, source: Source) -> Self {
        self.steps.push(Step::Source(source));
        self
    }

    /// Adds an actor given whole.
    pub fn with_actor(mut self, actor: Actor) -> Self {
        self.steps.push(Step::Actor(actor));
        self
    }

    /// Adds a claim given whole.
    pub fn with_claim(mut self, claim: Claim) -> Self {
        self.steps.push(Step::Claim(claim));
        self
    }

    /// Adds an argument given whole (premises and conclusion come from [`Self::relation`] or
    /// [`Self::argument`]).
    pub fn with_argument(mut self, argument: Argument) -> Self {
        self.steps.push(Step::Argument(argument));
        self
    }

    /// Adds a relation given whole.
    pub fn with_relation(mut self, relation: Relation) -> Self {
        self.steps.push(Step::Relation(relation));
        self
    }

    /// Adds a stance given whole.
    pub fn with_stance(mut self, stance: Stance) -> Self {
        self.steps.push(Step::Stance(stance));
        self
    }

    /// Adds a group given whole.
    pub fn with_group(mut self, group: Group) -> Self {
        self.steps.push(Step::Group(group));
        self
    }

    /// Adds a source with a title.
    pub fn source(mut self, id: &str, title: &str) -> Self {
        let id = self.id(id);
        self.with_source(Source::new(id, title))
    }

    /// Adds an actor.
    pub fn actor(mut self, id: &str, name: &str, kind: ActorKind) -> Self {
        let id = self.id(id);
        self.with_actor(Actor::new(id, name, kind))
    }

    /// Adds a claim.
    pub fn claim(mut self, id: &str, text: &str) -> Self {
        let id = self.id(id);
        self.with_claim(Claim::new(id, text))
    }

    /// Adds a claim with a short title for diagrams.
    pub fn titled_claim(mut self, id: &str, title: &str, text: &str) -> Self {
        let mut claim = Claim::new(self.id(id), text);
        claim.title = Some(title.to_owned());
        self.with_claim(claim)
    }

    /// Adds a linked argument: premises that jointly support a conclusion.
    pub fn argument(mut self, id: &str, premises: &[&str], conclusion: &str) -> Self {
        let arg = self.id(id);
        self.steps.push(Step::Argument(Argument::new(arg.clone())));
        self.link_argument(arg, premises, conclusion)
    }

    fn link_argument(mut self, arg: Id, premises: &[&str], conclusion: &str) -> Self {
        for p in premises {
            let p = self.id(p);
            self.steps.push(Step::Relation(Relation::new(
                p,
                RelationKind::Premise,
                arg.clone(),
            )));
        }
        let c = self.id(conclusion);
        self.steps.push(Step::Relation(Relation::new(
            arg,
            RelationKind::Conclusion,
            c,
        )));
        self
    }

    /// Adds a relation of any kind.
    pub fn relation(mut self, from: &str, kind: RelationKind, to: &str) -> Self {
        let (from, to) = (self.id(from), self.id(to));
        self.with_relation(Relation::new(from, kind, to))
    }

    /// `from` supports `to`.
    pub fn supports(self, from: &str, to: &str) -> Self {
        self.relation(from, RelationKind::Supports, to)
    }

    /// `from` rebuts `to`.
    pub fn rebuts(self, from: &str, to: &str) -> Self {
        self.relation(from, RelationKind::Rebuts, to)
    }

    /// `from` and `to` contradict each other: each attacks the other.
    pub fn contradicts(self, from: &str, to: &str) -> Self {
        self.relation(from, RelationKind::Contradicts, to)
    }

    /// Adds a side of the debate argued by these actors (added after every element).
    pub fn side(mut self, id: &str, name: &str, actors: &[&str]) -> Self {
        let mut side = Side::new(self.id(id), name);
        side.actors = actors.iter().map(|a| self.id(a)).collect();
        self.steps.push(Step::Side(side));
        self
    }

    /// `from` undercuts the argument `to`.
    pub fn undercuts(self, from: &str, to: &str) -> Self {
        self.relation(from, RelationKind::Undercuts, to)
    }

    /// An actor takes a stance toward a claim or argument.
    pub fn stance(mut self, actor: &str, kind: StanceKind, target: &str) -> Self {
        let (actor, target) = (self.id(actor), self.id(target));
        self.with_stance(Stance::new(actor, kind, target))
    }

    /// An actor asserts a claim or argument.
    pub fn asserts(self, actor: &str, target: &str) -> Self {
        self.stance(actor, StanceKind::Asserts, target)
    }

    /// An actor is a member of another.
    pub fn member_of(self, member: &str, of: &str) -> Self {
        self.actor_link(member, ActorLinkKind::MemberOf, of)
    }

    /// An actor speaks for another.
    pub fn speaks_for(self, speaker: &str, of: &str) -> Self {
        self.actor_link(speaker, ActorLinkKind::SpeaksFor, of)
    }

    /// Links one actor to another.
    pub fn actor_link(mut self, member: &str, kind: ActorLinkKind, of: &str) -> Self {
        let (member, of) = (self.id(member), self.id(of));
        self.steps.push(Step::ActorLink(member, kind, of));
        self
    }

    /// Adds a group of claims and arguments (added after every element, so members may be
    /// named before they are added).
    pub fn group(mut self, id: &str, title: &str, members: &[&str]) -> Self {
        let mut group = Group::new(self.id(id), title);
        group.members = members.iter().map(|m| self.id(m)).collect();
        self.with_group(group)
    }

    /// Adds a linked argument given whole (with its title, text, source), with its premises
    /// and conclusion.
    pub fn with_linked_argument(
        mut self,
        argument: Argument,
        premises: &[&str],
        conclusion: &str,
    ) -> Self {
        let arg = argument.id.clone();
        self.steps.push(Step::Argument(argument));
        self.link_argument(arg, premises, conclusion)
    }

    /// Makes the map, adding elements before the links that name them.
    ///
    /// # Errors
    ///
    /// A [`BuildError`] listing every invalid id, duplicate and unresolved reference.
    pub fn build(self) -> Result<Map, BuildError> {
        let mut map = Map::new(self.title);
        let mut errors = self.errors;
        let mut steps = self.steps;
        steps.sort_by_key(Step::phase); // stable: keeps call order within a phase
        for step in steps {
            let done = match step {
                Step::Source(s) => map.add_source(s),
                Step::Actor(a) => map.add_actor(a),
                Step::Claim(c) => map.add_claim(c),
                Step::Argument(a) => map.add_argument(a),
                Step::Group(g) => map.add_group(g),
                Step::Relation(r) => map.add_relation(r),
                Step::Stance(s) => map.add_stance(s),
                Step::ActorLink(a, k, b) => map.add_actor_link(&a, k, &b),
                Step::Side(side) => map.add_side(side),
            };
            if let Err(e) = done {
                errors.push(e);
            }
        }
        if errors.is_empty() {
            Ok(map)
        } else {
            Err(BuildError(errors))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_every_mistake_at_once() {
        let err = MapBuilder::new("t")
            .claim("a", "A")
            .claim("a", "again")
            .claim("bad id", "B")
            .supports("a", "missing")
            .build()
            .unwrap_err();
        assert_eq!(err.0.len(), 3, "{err:?}");
    }

    #[test]
    fn groups_and_titled_arguments() {
        let mut arg = Argument::new(Id::new("arg").unwrap());
        arg.title = Some("Joint".into());
        let m = MapBuilder::new("t")
            .claim("p1", "P1")
            .claim("p2", "P2")
            .claim("c", "C")
            .with_linked_argument(arg, &["p1", "p2"], "c")
            .group("g", "Side", &["p1", "arg"])
            .actor("a", "A", ActorKind::Person)
            .actor("b", "B", ActorKind::Group)
            .speaks_for("a", "b")
            .build()
            .unwrap();
        assert_eq!(m.argument("arg").unwrap().title.as_deref(), Some("Joint"));
        assert_eq!(m.premises("arg").len(), 2);
        assert_eq!(m.group("g").unwrap().members.len(), 2);
        assert_eq!(
            m.actor_links_of("a", ActorLinkKind::SpeaksFor)[0].as_str(),
            "b"
        );
    }

    #[test]
    fn arguments_link_premises_in_order() {
        let m = MapBuilder::new("t")
            .claim("p1", "P1")
            .claim("p2", "P2")
            .claim("c", "C")
            .argument("arg", &["p2", "p1"], "c")
            .build()
            .unwrap();
        let premises: Vec<&str> = m.premises("arg").iter().map(|p| p.as_str()).collect();
        assert_eq!(premises, ["p2", "p1"]);
        assert_eq!(m.conclusion("arg").unwrap().as_str(), "c");
        assert_eq!(m.supporters("c")[0].0.as_str(), "arg");
    }
}
