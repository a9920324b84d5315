//! The parts of an AIF file the map is built from ([`Raw`]), as the fast path deserializes
//! them and the located path assembles them, and the marks of our own extension object.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use serde_json::{Map as JsonMap, Value as Json};

use crate::diagnostic::Span;

/// Hash maps keyed by what one file holds, with a fast hasher (seeded per process).
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

// ---- the parts of a file -------------------------------------------------------------------

/// The parts of a file the map is built from, as the located path or the fast path read
/// them. The fast path deserializes the lists straight into these types; it knows no places,
/// so its spans are empty, and it gives up on anything that would be warned about.
pub(super) struct Raw<'v> {
    pub(super) nodes: Vec<RawNode<'v>>,
    pub(super) edges: Vec<RawEdge<'v>>,
    pub(super) locutions: Vec<RawLocution<'v>>,
    pub(super) participants: Vec<RawParticipant<'v>>,
    pub(super) fulfilled: Vec<RawFulfillment<'v>>,
    pub(super) extras: Extras<'v>,
}

/// An entry of `nodes`: ids as `id_of` reads them, other fields when they are strings.
#[derive(Deserialize)]
pub(super) struct RawNode<'v> {
    #[serde(skip)]
    pub(super) span: Span,
    /// What the entry is when it is not an object.
    #[serde(skip)]
    pub(super) not_object: Option<&'static str>,
    #[serde(rename = "nodeID", default, borrow, deserialize_with = "foreign_id")]
    pub(super) id: Option<Cow<'v, str>>,
    #[serde(rename = "type", default, borrow, deserialize_with = "string")]
    pub(super) type_name: Option<Cow<'v, str>>,
    #[serde(default, borrow, deserialize_with = "string")]
    pub(super) text: Option<Cow<'v, str>>,
    #[serde(default, borrow, deserialize_with = "string")]
    pub(super) scheme: Option<Cow<'v, str>>,
    #[serde(rename = "schemeID", default, borrow, deserialize_with = "foreign_id")]
    pub(super) scheme_id: Option<Cow<'v, str>>,
    #[serde(default, borrow, deserialize_with = "string")]
    pub(super) timestamp: Option<Cow<'v, str>>,
}

/// An entry of `edges`.
#[derive(Deserialize)]
pub(super) struct RawEdge<'v> {
    #[serde(skip)]
    pub(super) span: Span,
    #[serde(rename = "fromID", default, borrow, deserialize_with = "foreign_id")]
    pub(super) from: Option<Cow<'v, str>>,
    #[serde(rename = "toID", default, borrow, deserialize_with = "foreign_id")]
    pub(super) to: Option<Cow<'v, str>>,
}

/// An entry of `locutions`.
#[derive(Deserialize)]
pub(super) struct RawLocution<'v> {
    #[serde(skip)]
    pub(super) span: Span,
    #[serde(rename = "nodeID", default, borrow, deserialize_with = "foreign_id")]
    pub(super) node: Option<Cow<'v, str>>,
    #[serde(rename = "personID", default, borrow, deserialize_with = "foreign_id")]
    pub(super) person: Option<Cow<'v, str>>,
    #[serde(default, borrow, deserialize_with = "string")]
    pub(super) start: Option<Cow<'v, str>>,
    #[serde(default, borrow, deserialize_with = "string")]
    pub(super) source: Option<Cow<'v, str>>,
}

/// An entry of `participants`.
#[derive(Deserialize)]
pub(super) struct RawParticipant<'v> {
    #[serde(skip)]
    pub(super) span: Span,
    #[serde(
        rename = "participantID",
        default,
        borrow,
        deserialize_with = "foreign_id"
    )]
    pub(super) id: Option<Cow<'v, str>>,
    #[serde(default, borrow, deserialize_with = "string")]
    pub(super) firstname: Option<Cow<'v, str>>,
    #[serde(default, borrow, deserialize_with = "string")]
    pub(super) surname: Option<Cow<'v, str>>,
}

/// An entry of xAIF `schemefulfillments`: the scheme of a node by number.
#[derive(Deserialize)]
pub(super) struct RawFulfillment<'v> {
    #[serde(rename = "nodeID", default, borrow, deserialize_with = "foreign_id")]
    pub(super) node: Option<Cow<'v, str>>,
    #[serde(rename = "schemeID", default, borrow, deserialize_with = "foreign_id")]
    pub(super) scheme: Option<Cow<'v, str>>,
}

/// What the map takes from outside the AIF lists: our extension object, the xAIF text and
/// OVA's layout and analyst.
pub(super) struct Extras<'v> {
    pub(super) xaif: bool,
    /// The map's title and description from our extension object.
    pub(super) title: Option<String>,
    pub(super) description: Option<String>,
    pub(super) marks: Marks,
    /// The xAIF `text`, when it is not blank.
    pub(super) text: Option<Cow<'v, str>>,
    /// OVA's `url`.
    pub(super) url: Option<Cow<'v, str>>,
    /// OVA's analyst, or nothing.
    pub(super) analyst: String,
    /// OVA's `x` and `y` of each node, in file order.
    pub(super) layout: Vec<(Cow<'v, str>, Json, Json)>,
}

/// A first name and a surname, either of which may be missing or blank.
pub(super) fn full_name(first: Option<&str>, last: Option<&str>) -> String {
    [first, last]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// What our own export wrote about a node in `argumap_ext`.
#[derive(Default)]
pub(super) struct Marks {
    pub(super) nodes: HashMap<String, JsonMap<String, Json>>,
    pub(super) participants: HashMap<String, JsonMap<String, Json>>,
    pub(super) sources: Vec<JsonMap<String, Json>>,
    pub(super) groups: Vec<JsonMap<String, Json>>,
    pub(super) sides: Vec<JsonMap<String, Json>>,
    /// The map's own extension data.
    pub(super) map_ext: Option<JsonMap<String, Json>>,
}

impl Marks {
    /// The marks in our extension object.
    pub(super) fn new(mut ext: JsonMap<String, Json>) -> Marks {
        let mut table = |key: &str| -> HashMap<String, JsonMap<String, Json>> {
            match ext.remove(key) {
                Some(Json::Object(entries)) => entries
                    .into_iter()
                    .filter_map(|(k, v)| match v {
                        Json::Object(v) => Some((k, v)),
                        _ => None,
                    })
                    .collect(),
                _ => HashMap::default(),
            }
        };
        let (nodes, participants) = (table("nodes"), table("participants"));
        let map_ext = match ext.remove("map_ext") {
            Some(Json::Object(o)) => Some(o),
            _ => None,
        };
        let mut list = |key: &str| -> Vec<JsonMap<String, Json>> {
            match ext.remove(key) {
                Some(Json::Array(entries)) => entries
                    .into_iter()
                    .filter_map(|v| match v {
                        Json::Object(v) => Some(v),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            }
        };
        Marks {
            nodes,
            participants,
            sources: list("sources"),
            groups: list("groups"),
            sides: list("sides"),
            map_ext,
        }
    }

    pub(super) fn node(&self, id: &str, key: &str) -> Option<&str> {
        self.nodes.get(id)?.get(key)?.as_str()
    }

    pub(super) fn of(&self, id: &str) -> Option<&JsonMap<String, Json>> {
        self.nodes.get(id)
    }

    /// Whether the file is our own export (it marks every node it writes).
    pub(super) fn is_ours(&self) -> bool {
        !self.nodes.is_empty()
    }
}

/// A string field of a mark.
pub(super) fn mark_str<'a>(mark: Option<&'a JsonMap<String, Json>>, key: &str) -> Option<&'a str> {
    mark?.get(key)?.as_str()
}

/// A foreign id as the located path reads it: a string that is not blank (trimmed), or an
/// integer; `null` and a blank string are no id. A float, or anything else, fails.
pub(super) fn foreign_id<'de: 'a, 'a, D>(de: D) -> Result<Option<Cow<'a, str>>, D::Error>
where
    D: Deserializer<'de>,
{
    struct IdVisitor;
    impl<'de> Visitor<'de> for IdVisitor {
        type Value = Option<Cow<'de, str>>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a string or an integer")
        }

        fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
            Ok(Some(v.trim()).filter(|v| !v.is_empty()).map(Cow::Borrowed))
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(v.trim())
                .filter(|v| !v.is_empty())
                .map(|v| Cow::Owned(v.to_owned())))
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(Cow::Owned(v.to_string())))
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(Cow::Owned(v.to_string())))
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
    }
    de.deserialize_any(IdVisitor)
}

/// A string field as the located path reads it: a string, or nothing for `null`. Anything
/// else fails.
pub(super) fn string<'de: 'a, 'a, D>(de: D) -> Result<Option<Cow<'a, str>>, D::Error>
where
    D: Deserializer<'de>,
{
    struct StringVisitor;
    impl<'de> Visitor<'de> for StringVisitor {
        type Value = Option<Cow<'de, str>>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a string or null")
        }

        fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
            Ok(Some(Cow::Borrowed(v)))
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(Cow::Owned(v.to_owned())))
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
    }
    de.deserialize_any(StringVisitor)
}
