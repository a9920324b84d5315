//! The map file's types, as serde and the JSON Schema see them. They mirror the file, not the
//! model: ids are plain strings, relations may be written inline. `json.rs` turns them into a
//! [`Map`](crate::model::Map) and back.

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Serialize};

use crate::model::ID_PATTERN;

/// The only version of the map file this crate reads and writes.
pub const VERSION: u64 = 1;

type Object = serde_json::Map<String, serde_json::Value>;

/// A reference to an element, or an element's own id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FileId<'a>(#[serde(borrow)] pub Cow<'a, str>);

impl JsonSchema for FileId<'_> {
    fn schema_name() -> Cow<'static, str> {
        "Id".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An id: ASCII letters, digits, `-`, `_` and `.`, starting with a letter or digit; unique across the whole map.",
            "type": "string",
            "pattern": ID_PATTERN,
            "maxLength": crate::model::MAX_ID_LEN,
        })
    }
}

/// A date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FileDate(pub String);

/// The date rule as a regular expression.
pub const DATE_PATTERN: &str = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$";

impl JsonSchema for FileDate {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.",
            "type": "string",
            "pattern": DATE_PATTERN,
        })
    }
}

impl FileDate {
    /// Whether the text follows the date rule (the model's [`crate::model::Date`]).
    pub fn is_valid(text: &str) -> bool {
        crate::model::Date::is_valid(text)
    }
}

/// The format version: always 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Version(pub u64);

impl JsonSchema for Version {
    fn schema_name() -> Cow<'static, str> {
        "Version".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "The map file's format version. Write it as the first key.",
            "const": VERSION,
        })
    }
}

/// Declares an element of the file with the fields every element ends with: its tags, where
/// it was imported from, a foreign format's data, a note and what the source leaves out (the
/// last documented as the element's own lines before `silent` say, else as here).
macro_rules! element_file {
    (
        $(#[$attr:meta])*
        pub struct $name:ident<$a:lifetime> { $($fields:tt)* }
    ) => {
        element_file! {
            $(#[$attr])*
            pub struct $name<$a> { $($fields)* }
            /// What the source leaves out here (an announced quotation it does not print, a reply
            /// it does not report). The report shows it beside "nobody answered it".
            silent
        }
    };
    (
        $(#[$attr:meta])*
        pub struct $name:ident<$a:lifetime> { $($fields:tt)* }
        $(#[$silent:meta])*
        silent
    ) => {
        $(#[$attr])*
        pub struct $name<$a> {
            $($fields)*
            /// Free labels.
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub tags: Vec<String>,
            /// Where it was imported from.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub origin: Option<OriginFile>,
            /// Data of a foreign format.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub ext: Option<Object>,
            /// A note for the reader.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub note: Option<String>,
            $(#[$silent])*
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub silent: Option<String>,
        }
    };
}

/// Where an element was imported from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Origin")]
pub struct OriginFile {
    /// The format's short name, e.g. `aif`.
    pub format: String,
    /// The element's id in that format.
    pub id: String,
}

/// An argument map, version 1.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "argumap map file",
    description = "An argument map: claims, the actors who made them, and the supports and rebuttals between them."
)]
pub struct MapFile<'a> {
    /// Where the JSON Schema of this file is, for editors that validate and complete JSON
    /// with it (a path relative to the map, as `argumap new --schema` writes it). Before
    /// `argumap` when given.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The format version, `1`. Write it first (after `$schema`).
    pub argumap: Version,
    /// The map's title.
    #[schemars(length(min = 1))]
    pub title: String,
    /// A longer description of the map.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Documents the claims were read in.
    #[serde(default, skip_serializing_if = "Vec::is_empty", borrow)]
    pub sources: Vec<SourceFile<'a>>,
    /// People, organisations, governments and groups.
    #[serde(default, skip_serializing_if = "Vec::is_empty", borrow)]
    pub actors: Vec<ActorFile<'a>>,
    /// Propositions.
    #[serde(default, skip_serializing_if = "Vec::is_empty", borrow)]
    pub claims: Vec<ClaimFile<'a>>,
    /// Linked arguments: premises that only jointly support a conclusion.
    #[serde(default, skip_serializing_if = "Vec::is_empty", borrow)]
    pub arguments: Vec<ArgumentFile<'a>>,
    /// Relations that carry more than their two ends (who made them, a source, a quote).
    #[serde(default, skip_serializing_if = "Vec::is_empty", borrow)]
    pub relations: Vec<RelationFile<'a>>,
    /// Stances other than plain assertion (`by`).
    #[serde(default, skip_serializing_if = "Vec::is_empty", borrow)]
    pub stances: Vec<StanceFile<'a>>,
    /// Sections of the map.
    #[serde(default, skip_serializing_if = "Vec::is_empty", borrow)]
    pub groups: Vec<GroupFile<'a>>,
    /// The sides of the debate and the actors who argue each.
    #[serde(default, skip_serializing_if = "Vec::is_empty", borrow)]
    pub sides: Vec<SideFile<'a>>,
    /// Data of a foreign format for the whole map.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ext: Option<Object>,
}

/// The top-level keys, in file order.
pub const MAP_KEYS: [&str; 13] = [
    "$schema",
    "argumap",
    "title",
    "description",
    "sources",
    "actors",
    "claims",
    "arguments",
    "relations",
    "stances",
    "groups",
    "sides",
    "ext",
];

element_file! {
    /// A document.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[schemars(rename = "Source")]
    pub struct SourceFile<'a> {
        /// The source's id.
        #[serde(borrow)]
        pub id: FileId<'a>,
        /// Article (the default), letter, statement, speech, transcript, book, web or other.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub kind: Option<SourceKindFile>,
        /// The document's title.
        pub title: String,
        /// Who wrote it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub author: Option<String>,
        /// Who published it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub publisher: Option<String>,
        /// When it was published.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub date: Option<FileDate>,
        /// Where it can be read.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub url: Option<String>,
        /// The source through which this one is known, when it is not read directly (a letter
        /// an article reports but does not print). Such a source need not be cited.
        #[serde(default, skip_serializing_if = "Option::is_none", borrow)]
        pub via: Option<FileId<'a>>,
    }
}

/// What sort of document a source is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
#[schemars(rename = "SourceKind")]
pub enum SourceKindFile {
    Article,
    Letter,
    Statement,
    Speech,
    Transcript,
    Book,
    Web,
    Other,
}

element_file! {
    /// A person, organisation, government or group.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[schemars(rename = "Actor")]
    pub struct ActorFile<'a> {
        /// The actor's id.
        #[serde(borrow)]
        pub id: FileId<'a>,
        /// The actor's name.
        pub name: String,
        /// Person, organisation, government, group or other.
        pub kind: ActorKindFile,
        /// The actor's office or part, e.g. "UK Home Secretary".
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub role: Option<String>,
        /// The actors this one is a member of.
        #[serde(default, skip_serializing_if = "Vec::is_empty", borrow)]
        pub member_of: Vec<FileId<'a>>,
        /// The actors this one speaks for.
        #[serde(default, skip_serializing_if = "Vec::is_empty", borrow)]
        pub speaks_for: Vec<FileId<'a>>,
    }
}

/// What sort of actor someone is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
#[schemars(rename = "ActorKind")]
pub enum ActorKindFile {
    Person,
    Organisation,
    Government,
    Group,
    Other,
}

element_file! {
    /// A proposition.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[schemars(rename = "Claim")]
    pub struct ClaimFile<'a> {
        /// The claim's id.
        #[serde(borrow)]
        pub id: FileId<'a>,
        /// The full statement.
        #[schemars(length(min = 1))]
        #[serde(borrow)]
        pub text: Cow<'a, str>,
        /// A short label for diagrams.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub title: Option<String>,
        /// `framing` for how a reporter presents the debate, `background` for a fact given as
        /// context; absent (or `debate`) for a move in the debate. Only moves in the debate are
        /// expected to be said by an actor and joined to other claims.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub kind: Option<ClaimKindFile>,
        /// The actors who assert the claim.
        #[serde(default, skip_serializing_if = "Vec::is_empty", borrow)]
        pub by: Vec<FileId<'a>>,
        /// The source it was read in.
        #[serde(default, skip_serializing_if = "Option::is_none", borrow)]
        pub source: Option<FileId<'a>>,
        /// The exact words of the source.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub quote: Option<String>,
        /// When it was made.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub date: Option<FileDate>,
        /// Claims and arguments this claim supports.
        #[serde(default, skip_serializing_if = "Vec::is_empty", borrow)]
        pub supports: Vec<FileId<'a>>,
        /// Claims and arguments this claim rebuts.
        #[serde(default, skip_serializing_if = "Vec::is_empty", borrow)]
        pub rebuts: Vec<FileId<'a>>,
        /// Arguments whose inference this claim undercuts.
        #[serde(default, skip_serializing_if = "Vec::is_empty", borrow)]
        pub undercuts: Vec<FileId<'a>>,
        /// Claims that cannot hold together with this one.
        #[serde(default, skip_serializing_if = "Vec::is_empty", borrow)]
        pub contradicts: Vec<FileId<'a>>,
    }
}

element_file! {
    /// A linked argument.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[schemars(rename = "Argument")]
    pub struct ArgumentFile<'a> {
        /// The argument's id.
        #[serde(borrow)]
        pub id: FileId<'a>,
        /// A description of the argument.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub text: Option<String>,
        /// A short label for diagrams.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub title: Option<String>,
        /// The claims that jointly support the conclusion, in order.
        #[serde(default, skip_serializing_if = "Vec::is_empty", borrow)]
        pub premises: Vec<FileId<'a>>,
        /// The claim the premises support.
        #[serde(default, skip_serializing_if = "Option::is_none", borrow)]
        pub conclusion: Option<FileId<'a>>,
        /// The actors who put the argument forward.
        #[serde(default, skip_serializing_if = "Vec::is_empty", borrow)]
        pub by: Vec<FileId<'a>>,
        /// The source it was read in.
        #[serde(default, skip_serializing_if = "Option::is_none", borrow)]
        pub source: Option<FileId<'a>>,
        /// The exact words of the source.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub quote: Option<String>,
        /// When it was made.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub date: Option<FileDate>,
        /// Claims and arguments this argument supports (besides its conclusion).
        #[serde(default, skip_serializing_if = "Vec::is_empty", borrow)]
        pub supports: Vec<FileId<'a>>,
        /// Claims and arguments this argument rebuts.
        #[serde(default, skip_serializing_if = "Vec::is_empty", borrow)]
        pub rebuts: Vec<FileId<'a>>,
        /// Arguments whose inference this argument undercuts.
        #[serde(default, skip_serializing_if = "Vec::is_empty", borrow)]
        pub undercuts: Vec<FileId<'a>>,
    }
}

element_file! {
    /// A relation between claims and arguments.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[schemars(rename = "Relation")]
    pub struct RelationFile<'a> {
        /// The supporter, attacker or premise.
        #[serde(borrow)]
        pub from: FileId<'a>,
        /// The supported or attacked element.
        #[serde(borrow)]
        pub to: FileId<'a>,
        /// What sort of relation.
        pub kind: RelationKindFile,
        /// The actors who made this relation.
        #[serde(default, skip_serializing_if = "Vec::is_empty", borrow)]
        pub by: Vec<FileId<'a>>,
        /// Where it was read.
        #[serde(default, skip_serializing_if = "Option::is_none", borrow)]
        pub source: Option<FileId<'a>>,
        /// The exact words of the source.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub quote: Option<String>,
    }
}

/// What sort of relation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
#[schemars(rename = "RelationKind")]
pub enum RelationKindFile {
    Supports,
    Rebuts,
    Undercuts,
    Premise,
    Conclusion,
    Contradicts,
    Rephrases,
}

element_file! {
    /// An actor's stance toward a claim or argument.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[schemars(rename = "Stance")]
    pub struct StanceFile<'a> {
        /// Who takes the stance.
        #[serde(borrow)]
        pub actor: FileId<'a>,
        /// The claim or argument.
        #[serde(borrow)]
        pub target: FileId<'a>,
        /// Asserts, endorses, denies or questions.
        pub kind: StanceKindFile,
        /// Where it was read.
        #[serde(default, skip_serializing_if = "Option::is_none", borrow)]
        pub source: Option<FileId<'a>>,
        /// The exact words of the source.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub quote: Option<String>,
        /// When the stance was taken.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub date: Option<FileDate>,
    }
}

/// An actor's attitude.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
#[schemars(rename = "StanceKind")]
pub enum StanceKindFile {
    Asserts,
    Endorses,
    Denies,
    Questions,
}

element_file! {
    /// A section of the map.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[schemars(rename = "Group")]
    pub struct GroupFile<'a> {
        /// The group's id.
        #[serde(borrow)]
        pub id: FileId<'a>,
        /// The heading.
        pub title: String,
        /// The claims and arguments in the group.
        #[serde(default, skip_serializing_if = "Vec::is_empty", borrow)]
        pub members: Vec<FileId<'a>>,
        /// The enclosing group.
        #[serde(default, skip_serializing_if = "Option::is_none", borrow)]
        pub parent: Option<FileId<'a>>,
    }
}

element_file! {
    /// A side of the debate.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[schemars(rename = "Side")]
    pub struct SideFile<'a> {
        /// The side's id.
        #[serde(borrow)]
        pub id: FileId<'a>,
        /// What the report calls it, e.g. "Opposition".
        #[schemars(length(min = 1))]
        pub name: String,
        /// The actors who argue it; their members, and those who speak for them, are on it too.
        #[serde(default, skip_serializing_if = "Vec::is_empty", borrow)]
        pub actors: Vec<FileId<'a>>,
    }
    /// What the source leaves out about this side.
    silent
}

/// What part a claim plays: `framing` (how a reporter presents the debate) or `background`
/// (a fact given as context). Without it, a claim is a move in the debate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
#[schemars(rename = "ClaimKind")]
pub enum ClaimKindFile {
    Debate,
    Framing,
    Background,
}
