//! Why a change to a map was refused.

use super::element::{ActorLinkKind, ElementKind, RelationKind, StanceKind};
use super::Id;

/// Why a change to a map was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    /// A string that is not a valid id.
    #[error("`{text}` is not a valid id: {reason}")]
    InvalidId {
        /// The string.
        text: String,
        /// What is wrong with it.
        reason: super::IdError,
    },
    /// Another element already has this id.
    #[error("the id `{0}` is used twice")]
    DuplicateId(Id),
    /// A claim whose text is blank, which the map file would refuse.
    #[error("the claim `{0}` has an empty text")]
    EmptyText(Id),
    /// A reference names no element.
    #[error("no element has the id `{id}`")]
    UnknownId {
        /// The missing id.
        id: Id,
    },
    /// A reference names an element of the wrong sort.
    #[error("`{id}` is {found}, but {wanted} is needed here")]
    WrongKind {
        /// The id.
        id: Id,
        /// What it names, e.g. "an actor".
        found: &'static str,
        /// What the reference needs, e.g. "a claim or an argument".
        wanted: &'static str,
        /// The sorts of element the reference may name.
        expected: &'static [ElementKind],
    },
    /// A relation from an element to itself.
    #[error("`{0}` cannot relate to itself")]
    SelfLoop(Id),
    /// The same relation is stated twice.
    #[error("`{from}` {kind} `{to}` is stated twice", kind = kind.as_str())]
    DuplicateRelation {
        /// Start of the relation.
        from: Id,
        /// End of the relation.
        to: Id,
        /// Its kind.
        kind: RelationKind,
    },
    /// The same stance is stated twice.
    #[error("`{actor}` {kind} `{target}` is stated twice", kind = kind.as_str())]
    DuplicateStance {
        /// The actor.
        actor: Id,
        /// The claim or argument.
        target: Id,
        /// The stance.
        kind: StanceKind,
    },
    /// The same actor link is stated twice.
    #[error("`{member}` {kind} `{of}` is stated twice", kind = kind.as_str())]
    DuplicateActorLink {
        /// The member.
        member: Id,
        /// The link.
        kind: ActorLinkKind,
        /// The other actor.
        of: Id,
    },
    /// An argument with two conclusions.
    #[error("the argument `{argument}` already has the conclusion `{existing}`")]
    SecondConclusion {
        /// The argument.
        argument: Id,
        /// Its conclusion so far.
        existing: Id,
    },
    /// A group that contains itself through its parents.
    #[error("the group `{0}` would be its own ancestor")]
    GroupCycle(Id),
}
