//! The model: a [`Map`] of claims, arguments and actors, with sources and groups, joined by
//! relations, stances and actor links. Everything else in the crate is a function into or
//! out of it.

mod builder;
mod element;
mod id;
mod id_pool;
mod map;

pub use builder::{BuildError, MapBuilder};
pub use element::{
    Actor, ActorKind, ActorLinkKind, Argument, Claim, ClaimKind, Element, ElementKind, Group, Link,
    Meta, MetaData, Origin, Relation, RelationKind, Side, Source, SourceKind, Stance, StanceKind,
};
pub use id::{Id, IdError, ID_PATTERN, MAX_ID_LEN};
pub use id_pool::IdPool;
pub use map::{Adjacency, Edge, Map, ModelError};
