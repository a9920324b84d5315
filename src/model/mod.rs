//! The model: a [`Map`] of claims, arguments and actors, with sources and groups, joined by
//! relations, stances and actor links. Everything else in the crate is a function into or
//! out of it.

mod adjacency;
mod builder;
mod date;
mod element;
mod error;
mod id;
mod id_pool;
mod map;

pub use adjacency::Adjacency;
pub use builder::{BuildError, MapBuilder};
pub use date::{Date, DateError};
pub use element::{
    Actor, ActorKind, ActorLinkKind, Argument, Claim, ClaimKind, Element, ElementKind, Group, Link,
    Meta, MetaData, Origin, Relation, RelationKind, Side, Source, SourceKind, Stance, StanceKind,
};
pub use error::ModelError;
pub use id::{Id, IdError, ID_PATTERN, MAX_ID_LEN};
pub use id_pool::IdPool;
pub use map::{Edge, Map};
