//! The elements of a map (claims, arguments, actors, sources, groups) and the links between
//! them (relations, stances, actor links). Plain data; the [`Map`](super::Map) keeps them
//! consistent.

use super::{Date, Id};

/// What every element may carry besides its own fields: tags, origin, extension data and a
/// note. Most elements carry none of it, so it takes one pointer until something is set.
#[derive(Clone, Debug, Default)]
pub struct Meta(Option<Box<MetaData>>);

/// The contents of a [`Meta`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MetaData {
    /// Free labels, e.g. `framing` or `proposition`.
    pub tags: Vec<String>,
    /// Where the element was imported from.
    pub origin: Option<Origin>,
    /// What a foreign format holds that the model has no place for, kept so that the same
    /// format can be written back.
    pub ext: Option<serde_json::Map<String, serde_json::Value>>,
    /// A note for the map's author or reader, e.g. how a source words something.
    pub note: Option<String>,
    /// What the source leaves out here, e.g. "The article announces Facebook's statement
    /// and prints none of it". The report says so beside "nobody answered it", so silence
    /// in the source is not read as the other side having nothing to say.
    pub silent: Option<String>,
}

static EMPTY: MetaData = MetaData {
    tags: Vec::new(),
    origin: None,
    ext: None,
    note: None,
    silent: None,
};

impl Meta {
    /// Metadata with these contents (no allocation when they are empty).
    pub fn new(data: MetaData) -> Meta {
        if data == EMPTY {
            Meta(None)
        } else {
            Meta(Some(Box::new(data)))
        }
    }

    /// The contents; empty when nothing is set.
    pub fn data(&self) -> &MetaData {
        self.0.as_deref().unwrap_or(&EMPTY)
    }

    /// The contents, to change them.
    pub fn data_mut(&mut self) -> &mut MetaData {
        self.0.get_or_insert_with(Box::default)
    }

    /// The tags.
    pub fn tags(&self) -> &[String] {
        &self.data().tags
    }

    /// Where the element was imported from.
    pub fn origin(&self) -> Option<&Origin> {
        self.data().origin.as_ref()
    }

    /// The extension data.
    pub fn ext(&self) -> Option<&serde_json::Map<String, serde_json::Value>> {
        self.data().ext.as_ref()
    }

    /// The note.
    pub fn note(&self) -> Option<&str> {
        self.data().note.as_deref()
    }

    /// What the source leaves out here (see [`MetaData::silent`]).
    pub fn silent(&self) -> Option<&str> {
        self.data().silent.as_deref()
    }

    /// Whether nothing is set.
    pub fn is_empty(&self) -> bool {
        *self.data() == EMPTY
    }
}

impl PartialEq for Meta {
    fn eq(&self, other: &Meta) -> bool {
        self.data() == other.data()
    }
}

impl From<MetaData> for Meta {
    fn from(data: MetaData) -> Meta {
        Meta::new(data)
    }
}

/// The place in a foreign format an element came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The format's short name, e.g. `aif` or `argdown`.
    pub format: String,
    /// The element's id in that format.
    pub id: String,
}

/// A proposition: something that can be true or false.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    /// The claim's id.
    pub id: Id,
    /// The full statement. Never empty.
    pub text: String,
    /// A short label for diagrams.
    pub title: Option<String>,
    /// The source the claim was read in.
    pub source: Option<Id>,
    /// The exact words of the source, when it prints them.
    pub quote: Option<String>,
    /// When the claim was made (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub date: Option<Date>,
    /// A move in the debate (the default), the reporter's framing, or background.
    pub kind: ClaimKind,
    /// Tags, origin, extension data and note.
    pub meta: Meta,
}

impl Claim {
    /// A claim with an id and a text and nothing else.
    pub fn new(id: Id, text: impl Into<String>) -> Claim {
        Claim {
            id,
            text: text.into(),
            title: None,
            source: None,
            quote: None,
            date: None,
            kind: ClaimKind::default(),
            meta: Meta::default(),
        }
    }
}

/// What part a claim plays in the map. Only a [`ClaimKind::Debate`] claim is expected to be
/// said by someone and joined to the rest; the lints leave the others alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[non_exhaustive]
pub enum ClaimKind {
    /// A move in the debate: something a side says, supports or attacks.
    #[default]
    Debate,
    /// How a reporter presents the debate (a headline, a summing-up): kept apart from what
    /// the actors said, and not expected to support or attack anything.
    Framing,
    /// A fact given as context (a precedent, a figure), not argued by anyone in the map.
    Background,
}

impl ClaimKind {
    /// The kind's name in the map file (`debate` is the default and is not written).
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Debate => "debate",
            ClaimKind::Framing => "framing",
            ClaimKind::Background => "background",
        }
    }
}

/// An inference: premises that only jointly support a conclusion (a linked argument). It is
/// also what an undercut attacks. Premises and conclusion are links in the map; an argument
/// without them is a sketch that can still support, rebut and be undercut.
#[derive(Clone, Debug, PartialEq)]
pub struct Argument {
    /// The argument's id.
    pub id: Id,
    /// A description of the argument.
    pub text: Option<String>,
    /// A short label for diagrams.
    pub title: Option<String>,
    /// The source the argument was read in.
    pub source: Option<Id>,
    /// The exact words of the source.
    pub quote: Option<String>,
    /// When the argument was made.
    pub date: Option<Date>,
    /// Tags, origin, extension data and note.
    pub meta: Meta,
}

impl Argument {
    /// An argument with an id and nothing else.
    pub fn new(id: Id) -> Argument {
        Argument {
            id,
            text: None,
            title: None,
            source: None,
            quote: None,
            date: None,
            meta: Meta::default(),
        }
    }
}

/// What sort of actor someone is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ActorKind {
    /// A single person.
    Person,
    /// A company, agency, charity or other organisation.
    Organisation,
    /// A national or local government.
    Government,
    /// An unnamed or loose group of people, e.g. "law enforcement".
    Group,
    /// Anything else.
    Other,
}

impl ActorKind {
    /// Every kind, in file order.
    pub const ALL: [ActorKind; 5] = [
        ActorKind::Person,
        ActorKind::Organisation,
        ActorKind::Government,
        ActorKind::Group,
        ActorKind::Other,
    ];

    /// The kind's name in the map file.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Organisation => "organisation",
            ActorKind::Government => "government",
            ActorKind::Group => "group",
            ActorKind::Other => "other",
        }
    }
}

/// Someone who makes claims: a person, organisation, government or group.
#[derive(Clone, Debug, PartialEq)]
pub struct Actor {
    /// The actor's id.
    pub id: Id,
    /// The actor's name as a reader knows it.
    pub name: String,
    /// Person, organisation, government, ...
    pub kind: ActorKind,
    /// The actor's office or part, e.g. "UK Home Secretary".
    pub role: Option<String>,
    /// Tags, origin, extension data and note.
    pub meta: Meta,
}

impl Actor {
    /// An actor with an id, a name and a kind.
    pub fn new(id: Id, name: impl Into<String>, kind: ActorKind) -> Actor {
        Actor {
            id,
            name: name.into(),
            kind,
            role: None,
            meta: Meta::default(),
        }
    }
}

/// What sort of document a source is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[non_exhaustive]
pub enum SourceKind {
    /// A news or magazine article.
    #[default]
    Article,
    /// A letter.
    Letter,
    /// A public statement.
    Statement,
    /// A speech.
    Speech,
    /// A transcript of spoken words.
    Transcript,
    /// A book.
    Book,
    /// A web page.
    Web,
    /// Anything else, e.g. a coach's notes.
    Other,
}

impl SourceKind {
    /// The kind's name in the map file.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Article => "article",
            SourceKind::Letter => "letter",
            SourceKind::Statement => "statement",
            SourceKind::Speech => "speech",
            SourceKind::Transcript => "transcript",
            SourceKind::Book => "book",
            SourceKind::Web => "web",
            SourceKind::Other => "other",
        }
    }
}

/// A document claims are read in.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    /// The source's id.
    pub id: Id,
    /// Article, letter, statement, ...
    pub kind: SourceKind,
    /// The document's title.
    pub title: String,
    /// Who wrote it.
    pub author: Option<String>,
    /// Who published it.
    pub publisher: Option<String>,
    /// When it was published.
    pub date: Option<Date>,
    /// Where it can be read.
    pub url: Option<String>,
    /// The source through which this one is known, when it is not read directly: a letter
    /// that an article reports but does not print. Such a source need not be cited itself.
    pub via: Option<Id>,
    /// Tags, origin, extension data and note.
    pub meta: Meta,
}

impl Source {
    /// A source with an id and a title.
    pub fn new(id: Id, title: impl Into<String>) -> Source {
        Source {
            id,
            kind: SourceKind::default(),
            title: title.into(),
            author: None,
            publisher: None,
            date: None,
            url: None,
            via: None,
            meta: Meta::default(),
        }
    }
}

/// A section of a map (an Argdown heading, a coach's "Proposition" side); diagrams can draw
/// it as a cluster.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// The group's id.
    pub id: Id,
    /// The heading.
    pub title: String,
    /// The claims and arguments in the group, in order.
    pub members: Vec<Id>,
    /// The enclosing group.
    pub parent: Option<Id>,
    /// Tags, origin, extension data and note.
    pub meta: Meta,
}

impl Group {
    /// An empty group with an id and a title.
    pub fn new(id: Id, title: impl Into<String>) -> Group {
        Group {
            id,
            title: title.into(),
            members: Vec::new(),
            parent: None,
            meta: Meta::default(),
        }
    }
}

/// One side of the debate (Proposition, Opposition; the governments, Facebook): the actors
/// who argue it. An actor is on a side when the side names it, or when it is a member of, or
/// speaks for, an actor the side names (at any depth).
#[derive(Clone, Debug, PartialEq)]
pub struct Side {
    /// The side's id.
    pub id: Id,
    /// What the report calls it, e.g. "Opposition".
    pub name: String,
    /// The actors who argue it, in order.
    pub actors: Vec<Id>,
    /// Tags, origin, extension data and note.
    pub meta: Meta,
}

impl Side {
    /// A side with an id and a name, and no actors yet.
    pub fn new(id: Id, name: impl Into<String>) -> Side {
        Side {
            id,
            name: name.into(),
            actors: Vec::new(),
            meta: Meta::default(),
        }
    }
}

/// The kinds of relation between claims and arguments.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum RelationKind {
    /// Pro: `from` gives a reason to accept `to`.
    Supports,
    /// Con: `from` attacks the truth of `to`.
    Rebuts,
    /// `from` attacks the inference of the argument `to`, not its conclusion.
    Undercuts,
    /// The claim `from` is a premise of the argument `to`.
    Premise,
    /// The argument `from` concludes the claim `to`.
    Conclusion,
    /// The claims cannot both hold (symmetric).
    Contradicts,
    /// `from` restates `to`; not a support, ignored by evaluation.
    Rephrases,
}

impl RelationKind {
    /// Every kind, in file order.
    pub const ALL: [RelationKind; 7] = [
        RelationKind::Supports,
        RelationKind::Rebuts,
        RelationKind::Undercuts,
        RelationKind::Premise,
        RelationKind::Conclusion,
        RelationKind::Contradicts,
        RelationKind::Rephrases,
    ];

    /// The kind's name in the map file.
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Supports => "supports",
            RelationKind::Rebuts => "rebuts",
            RelationKind::Undercuts => "undercuts",
            RelationKind::Premise => "premise",
            RelationKind::Conclusion => "conclusion",
            RelationKind::Contradicts => "contradicts",
            RelationKind::Rephrases => "rephrases",
        }
    }

    /// Whether the relation attacks its target (rebuts, undercuts, contradicts).
    pub fn is_attack(self) -> bool {
        matches!(
            self,
            RelationKind::Rebuts | RelationKind::Undercuts | RelationKind::Contradicts
        )
    }
}

/// A relation between two claims or arguments, with who made it and where.
#[derive(Clone, Debug, PartialEq)]
pub struct Relation {
    /// Where the relation starts: the supporter, the attacker, the premise.
    pub from: Id,
    /// Where the relation points: the supported or attacked element.
    pub to: Id,
    /// Supports, rebuts, ...
    pub kind: RelationKind,
    /// The actors who made this relation (e.g. who offered this rebuttal).
    pub by: Vec<Id>,
    /// Where the relation was read.
    pub source: Option<Id>,
    /// The exact words of the source.
    pub quote: Option<String>,
    /// Tags, origin, extension data and note.
    pub meta: Meta,
}

impl Relation {
    /// A bare relation of a kind between two elements.
    pub fn new(from: Id, kind: RelationKind, to: Id) -> Relation {
        Relation {
            from,
            to,
            kind,
            by: Vec::new(),
            source: None,
            quote: None,
            meta: Meta::default(),
        }
    }

    /// Whether the relation carries nothing beyond its two ends and kind, so the map file can
    /// write it inline on its `from` element.
    pub fn is_bare(&self) -> bool {
        self.by.is_empty() && self.source.is_none() && self.quote.is_none() && self.meta.is_empty()
    }
}

/// An actor's attitude toward a claim or argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum StanceKind {
    /// The actor puts the claim forward.
    Asserts,
    /// The actor agrees with a claim someone else made.
    Endorses,
    /// The actor says the claim is false.
    Denies,
    /// The actor doubts the claim without denying it.
    Questions,
}

impl StanceKind {
    /// Every kind, in file order.
    pub const ALL: [StanceKind; 4] = [
        StanceKind::Asserts,
        StanceKind::Endorses,
        StanceKind::Denies,
        StanceKind::Questions,
    ];

    /// The kind's name in the map file.
    pub fn as_str(self) -> &'static str {
        match self {
            StanceKind::Asserts => "asserts",
            StanceKind::Endorses => "endorses",
            StanceKind::Denies => "denies",
            StanceKind::Questions => "questions",
        }
    }
}

/// An actor's stance toward a claim or argument, with where it was read.
#[derive(Clone, Debug, PartialEq)]
pub struct Stance {
    /// Who takes the stance.
    pub actor: Id,
    /// The claim or argument.
    pub target: Id,
    /// Asserts, endorses, denies or questions.
    pub kind: StanceKind,
    /// Where the stance was read.
    pub source: Option<Id>,
    /// The exact words of the source.
    pub quote: Option<String>,
    /// When the stance was taken.
    pub date: Option<Date>,
    /// Tags, origin, extension data and note.
    pub meta: Meta,
}

impl Stance {
    /// A bare stance.
    pub fn new(actor: Id, kind: StanceKind, target: Id) -> Stance {
        Stance {
            actor,
            target,
            kind,
            source: None,
            quote: None,
            date: None,
            meta: Meta::default(),
        }
    }

    /// Whether this is a plain assertion the map file writes as `by` on its target.
    pub fn is_plain_assertion(&self) -> bool {
        self.kind == StanceKind::Asserts
            && self.source.is_none()
            && self.quote.is_none()
            && self.date.is_none()
            && self.meta.is_empty()
    }
}

/// How one actor relates to another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ActorLinkKind {
    /// The actor belongs to the other (a minister of a government).
    MemberOf,
    /// The actor speaks on behalf of the other (a spokesperson).
    SpeaksFor,
}

impl ActorLinkKind {
    /// Every kind, in file order.
    pub const ALL: [ActorLinkKind; 2] = [ActorLinkKind::MemberOf, ActorLinkKind::SpeaksFor];

    /// The kind's name in the map file.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorLinkKind::MemberOf => "member_of",
            ActorLinkKind::SpeaksFor => "speaks_for",
        }
    }
}

/// A node of the map's graph.
#[derive(Clone, Debug, PartialEq)]
pub enum Element {
    /// A claim.
    Claim(Claim),
    /// An argument.
    Argument(Argument),
    /// An actor.
    Actor(Actor),
}

/// Which sort of thing an id names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ElementKind {
    /// A claim.
    Claim,
    /// An argument.
    Argument,
    /// An actor.
    Actor,
    /// A source.
    Source,
    /// A group.
    Group,
    /// A side of the debate.
    Side,
}

impl ElementKind {
    /// The kind with an article, for messages: "a claim", "an argument".
    pub fn with_article(self) -> &'static str {
        match self {
            ElementKind::Claim => "a claim",
            ElementKind::Argument => "an argument",
            ElementKind::Actor => "an actor",
            ElementKind::Source => "a source",
            ElementKind::Group => "a group",
            ElementKind::Side => "a side",
        }
    }
}

impl Element {
    /// The element's id.
    pub fn id(&self) -> &Id {
        match self {
            Element::Claim(c) => &c.id,
            Element::Argument(a) => &a.id,
            Element::Actor(a) => &a.id,
        }
    }

    /// Which sort of element this is.
    pub fn kind(&self) -> ElementKind {
        match self {
            Element::Claim(_) => ElementKind::Claim,
            Element::Argument(_) => ElementKind::Argument,
            Element::Actor(_) => ElementKind::Actor,
        }
    }

    /// The element's tags, origin, extension data and note.
    pub fn meta(&self) -> &Meta {
        match self {
            Element::Claim(c) => &c.meta,
            Element::Argument(a) => &a.meta,
            Element::Actor(a) => &a.meta,
        }
    }
}

/// An edge of the map's graph.
#[derive(Clone, Debug, PartialEq)]
pub enum Link {
    /// A relation between claims and arguments.
    Relation(Relation),
    /// An actor's stance toward a claim or argument.
    Stance(Stance),
    /// One actor's tie to another.
    Actor(ActorLinkKind),
}

impl Link {
    /// The relation, when the link is one.
    pub fn relation(&self) -> Option<&Relation> {
        match self {
            Link::Relation(r) => Some(r),
            _ => None,
        }
    }

    /// The stance, when the link is one.
    pub fn stance(&self) -> Option<&Stance> {
        match self {
            Link::Stance(s) => Some(s),
            _ => None,
        }
    }
}
