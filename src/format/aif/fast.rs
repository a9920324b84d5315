//! The fast path of AIF reading: serde_json straight into borrowed types, without the tree of
//! places the diagnostics need.
//!
//! It reads the common, clean case (our own export, clean AIFdb and xAIF files) and gives up,
//! returning `None`, on anything the located path ([`super::located`]) would warn about
//! or read differently: a field of an unexpected type, a key given twice, a float where the
//! two parsers may round apart, a warning while building. The located path then reads the
//! file again and says where each problem stands, so that the diagnostics never depend on the
//! path.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, value::MapAccessDeserializer, Deserializer, IgnoredAny, Visitor};
use serde::Deserialize;
use serde_json::{Map as JsonMap, Value as Json};

use super::build;
use super::raw::{
    foreign_id, full_name, string, Extras, Marks, Raw, RawEdge, RawFulfillment, RawLocution,
    RawNode, RawParticipant,
};
use crate::format::json::Loaded;

/// Loads a clean AIF or xAIF file, or `None` when the located path must read it.
pub(super) fn load(src: &str) -> Option<Loaded> {
    read_unplaced(src).filter(|loaded| loaded.warnings.is_empty())
}

/// Reads a file the way the fast path does, warnings and all (which have no places).
fn read_unplaced(src: &str) -> Option<Loaded> {
    let body = src.strip_prefix('\u{feff}').unwrap_or(src);
    if !plain(body) {
        return None;
    }
    let root: Root<'_> = serde_json::from_str(body).ok()?;
    Some(build::load(src, root.raw()?))
}

/// Whether the text holds nothing that serde_json lets pass in a value it skips but that
/// the located parser refuses: a `\u` escape that may be a lone surrogate, a number too
/// large for a float (an exponent of three digits or more, or 64 digits in a row at a
/// 64-byte boundary, which every run of 128 digits has). Such text goes the located way,
/// which tells an error from a clean file.
///
/// It looks at 64 bytes at a time without branching, so that the compiler can vectorize it,
/// and only looks closer at a block with a backslash or an exponent-like `e` in it.
fn plain(src: &str) -> bool {
    const BLOCK: usize = 64;
    let bytes = src.as_bytes();
    let suspect = |x: u8, y: u8| {
        (x == b'\\' && y == b'u') || ((x | 0x20) == b'e' && (y.is_ascii_digit() || y == b'+'))
    };
    let mut start = 0;
    while start < bytes.len() {
        let end = (start + BLOCK).min(bytes.len());
        let block = &bytes[start..end];
        if block.len() == BLOCK && block.iter().fold(true, |all, b| all & b.is_ascii_digit()) {
            return false;
        }
        // Pairs that start in the block; the last one reaches into the next block.
        let pairs = bytes
            .get(start..(end + 1).min(bytes.len()))
            .unwrap_or(block);
        let flagged = pairs
            .windows(2)
            .fold(false, |any, w| any | suspect(w[0], w[1]));
        if flagged && !plain_closely(bytes, start, end) {
            return false;
        }
        start = end;
    }
    true
}

/// [`plain`] byte by byte, for the pairs that start between `start` and `end`.
fn plain_closely(bytes: &[u8], start: usize, end: usize) -> bool {
    (start..end).all(|i| {
        let at = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
        match at(0) {
            b'\\' => !(at(1) == b'u' && matches!(at(2), b'd' | b'D')),
            b'e' | b'E' => {
                let exponent = 1 + usize::from(at(1) == b'+');
                !(0..3).all(|k| at(exponent + k).is_ascii_digit())
            }
            _ => true,
        }
    })
}

/// The top level of an AIFdb file, or of an xAIF file with its lists in `AIF`.
#[derive(Deserialize)]
struct Root<'a> {
    #[serde(rename = "AIF", default, borrow, deserialize_with = "present")]
    aif: Option<Lists<'a>>,
    #[serde(default, borrow, deserialize_with = "present")]
    nodes: Option<Vec<RawNode<'a>>>,
    #[serde(default, borrow)]
    edges: Vec<RawEdge<'a>>,
    #[serde(default, borrow)]
    locutions: Vec<RawLocution<'a>>,
    #[serde(default, borrow)]
    participants: Vec<RawParticipant<'a>>,
    #[serde(default, borrow)]
    schemefulfillments: Vec<RawFulfillment<'a>>,
    #[serde(default, borrow)]
    text: Text<'a>,
    #[serde(rename = "OVA", default, borrow, deserialize_with = "present")]
    ova: Option<Ova<'a>>,
    #[serde(rename = "argumap_ext", default, deserialize_with = "present")]
    ext: Option<Ext>,
    /// OVA2's analysis: such files go the located way, which refuses them.
    #[serde(default, deserialize_with = "present")]
    analysis: Option<IgnoredAny>,
}

/// The lists of an xAIF `AIF` object.
#[derive(Deserialize)]
struct Lists<'a> {
    #[serde(default, borrow, deserialize_with = "present")]
    nodes: Option<Vec<RawNode<'a>>>,
    #[serde(default, borrow)]
    edges: Vec<RawEdge<'a>>,
    #[serde(default, borrow)]
    locutions: Vec<RawLocution<'a>>,
    #[serde(default, borrow)]
    participants: Vec<RawParticipant<'a>>,
    #[serde(default, borrow)]
    schemefulfillments: Vec<RawFulfillment<'a>>,
}

/// OVA3's block: the layout of the nodes and the analyst.
#[derive(Deserialize)]
struct Ova<'a> {
    #[serde(default, borrow)]
    nodes: Vec<OvaNode<'a>>,
    #[serde(default, borrow, deserialize_with = "string")]
    firstname: Option<Cow<'a, str>>,
    #[serde(default, borrow, deserialize_with = "string")]
    surname: Option<Cow<'a, str>>,
    #[serde(default, borrow, deserialize_with = "string")]
    url: Option<Cow<'a, str>>,
}

/// A node's place in OVA3's layout.
#[derive(Deserialize)]
struct OvaNode<'a> {
    #[serde(rename = "nodeID", default, borrow, deserialize_with = "foreign_id")]
    id: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "exact")]
    x: Option<Json>,
    #[serde(default, deserialize_with = "exact")]
    y: Option<Json>,
}

impl<'a> Root<'a> {
    /// The parts the map is built from; `None` for what the located path must refuse or read.
    fn raw(self) -> Option<Raw<'a>> {
        if self.analysis.is_some() {
            return None;
        }
        let (xaif, lists) = match self.aif {
            Some(aif) => (true, aif),
            None => (
                false,
                Lists {
                    nodes: self.nodes,
                    edges: self.edges,
                    locutions: self.locutions,
                    participants: self.participants,
                    schemefulfillments: self.schemefulfillments,
                },
            ),
        };
        let ext = self.ext.map(|e| e.0);
        let ext_str =
            |key: &str| -> Option<String> { Some(ext.as_ref()?.get(key)?.as_str()?.to_owned()) };
        let (title, description) = (ext_str("title"), ext_str("description"));
        let (url, analyst, layout) = match self.ova {
            Some(ova) => (
                ova.url,
                full_name(ova.firstname.as_deref(), ova.surname.as_deref()),
                ova.nodes
                    .into_iter()
                    .filter_map(|n| Some((n.id?, n.x?, n.y?)))
                    .collect(),
            ),
            None => (None, String::new(), Vec::new()),
        };
        Some(Raw {
            nodes: lists.nodes?,
            edges: lists.edges,
            locutions: lists.locutions,
            participants: lists.participants,
            fulfilled: lists.schemefulfillments,
            extras: Extras {
                xaif,
                title,
                description,
                marks: ext.map(Marks::new).unwrap_or_default(),
                text: self.text.0.filter(|t| !t.trim().is_empty()),
                url,
                analyst,
                layout,
            },
        })
    }
}

/// A field that is there, even as `null` (which `Option` would read as missing).
fn present<'de, D, T>(de: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(de).map(Some)
}

/// The xAIF `text`: a string, or an object with the string in `txt`.
#[derive(Default)]
struct Text<'a>(Option<Cow<'a, str>>);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Wrapped<'a> {
            #[serde(default, borrow, deserialize_with = "string")]
            txt: Option<Cow<'a, str>>,
        }
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or an object with `txt`")
            }

            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Text(Some(Cow::Borrowed(v))))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Text(Some(Cow::Owned(v.to_owned()))))
            }

            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Text(None))
            }

            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                Ok(Text(
                    Wrapped::deserialize(MapAccessDeserializer::new(map))?.txt,
                ))
            }
        }
        de.deserialize_any(TextVisitor)
    }
}

/// Our extension object, whose top-level keys must each come once (the located path reads
/// the title from the first and the marks from the last).
struct Ext(JsonMap<String, Json>);

impl<'de> Deserialize<'de> for Ext {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        struct ExtVisitor;
        impl<'de> Visitor<'de> for ExtVisitor {
            type Value = Ext;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }

            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut ext = JsonMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    if ext.contains_key(&key) {
                        return Err(de::Error::custom(format!("`{key}` twice")));
                    }
                    let Exact(value) = map.next_value()?;
                    ext.insert(key, value);
                }
                Ok(Ext(ext))
            }
        }
        de.deserialize_map(ExtVisitor)
    }
}

/// `Some` JSON value, which must be [`Exact`].
fn exact<'de, D: Deserializer<'de>>(de: D) -> Result<Option<Json>, D::Error> {
    Exact::deserialize(de).map(|e| Some(e.0))
}

/// A JSON value without floats: serde_json rounds some of them a bit differently from the
/// located parser, which parses them exactly.
struct Exact(Json);

impl<'de> Deserialize<'de> for Exact {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        struct ExactVisitor;
        impl<'de> Visitor<'de> for ExactVisitor {
            type Value = Exact;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON value without floats")
            }

            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                Ok(Exact(Json::Bool(v)))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(Exact(Json::Number(v.into())))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(Exact(Json::Number(v.into())))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Exact(Json::String(v.to_owned())))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(Exact(Json::String(v)))
            }

            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Exact(Json::Null))
            }

            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
                while let Some(Exact(item)) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Exact(Json::Array(items)))
            }

            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut members = JsonMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    let Exact(value) = map.next_value()?;
                    members.insert(key, value);
                }
                Ok(Exact(Json::Object(members)))
            }
        }
        de.deserialize_any(ExactVisitor)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use proptest::prelude::*;
    use serde_json::json;

    use super::*;
    use crate::format::aif::to_string;
    use crate::format::json::LoadError;
    use crate::gen::{generate, GenOptions};

    /// The located path's result, with its map written out so that it can be compared.
    fn located(src: &str) -> Result<Loaded, LoadError> {
        super::super::located::load(src)
    }

    /// The fast path's map and warnings are the located path's.
    fn assert_same(label: &str, fast: &Loaded, src: &str) {
        let slow = located(src).unwrap_or_else(|e| panic!("{label}: {:?}", e.diagnostics));
        assert!(fast.map == slow.map, "{label}: the maps differ");
        assert_eq!(
            crate::format::json::to_string(&fast.map),
            crate::format::json::to_string(&slow.map),
            "{label}"
        );
        assert_eq!(fast.warnings, slow.warnings, "{label}");
    }

    fn root(path: &str) -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
    }

    /// What a warning says, without its place.
    fn said(warnings: &[crate::diagnostic::Diagnostic]) -> Vec<(&str, Option<&str>)> {
        warnings
            .iter()
            .map(|d| (d.message.as_str(), d.hint.as_deref()))
            .collect()
    }

    #[test]
    fn the_samples_read_alike_either_way() {
        for (name, clean) in [
            ("sample.aif.json", false),
            ("sample.xaif.json", true),
            ("arguebuf-sample.aif.json", false),
        ] {
            let src = std::fs::read_to_string(root("tests/data/aif").join(name)).unwrap();
            let slow = located(&src).unwrap();
            // The AIFdb samples show the quirks of real corpora, which give warnings: only the
            // located path can place those, so the fast path leaves them to it.
            assert_eq!(load(&src).is_some(), clean, "{name}");
            assert_eq!(slow.warnings.is_empty(), clean, "{name}");
            // Read the fast way regardless, the map and what the warnings say are the same.
            let fast = read_unplaced(&src).expect("the samples are plain JSON");
            assert!(fast.map == slow.map, "{name}: the maps differ");
            assert_eq!(
                crate::format::json::to_string(&fast.map),
                crate::format::json::to_string(&slow.map),
                "{name}"
            );
            assert_eq!(said(&fast.warnings), said(&slow.warnings), "{name}");
            let loaded = super::super::from_str(&src).unwrap();
            assert!(loaded.map == slow.map, "{name}");
            assert_eq!(loaded.warnings, slow.warnings, "{name}");
        }
    }

    #[test]
    fn our_exports_take_the_fast_path_and_give_the_located_map() {
        let mut maps: Vec<(String, crate::model::Map)> = Vec::new();
        for entry in std::fs::read_dir(root("maps")).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let map = crate::format::json::from_str(&text).unwrap().map;
            maps.push((path.display().to_string(), map));
        }
        assert!(maps.len() >= 2);
        for (claims, seed) in [(1, 1), (20, 2), (57, 3), (218, 4)] {
            let mut options = GenOptions::new(claims);
            options.seed = seed;
            maps.push((format!("generated {claims}/{seed}"), generate(&options)));
        }
        for (label, map) in maps {
            let src = to_string(&map);
            let fast = load(&src).unwrap_or_else(|| panic!("{label}: the fast path gave up"));
            assert_same(&label, &fast, &src);
            assert!(fast.warnings.is_empty());
        }
    }

    /// A small clean AIFdb file: two speakers, a claim each, a support between them.
    fn clean() -> serde_json::Value {
        json!({
            "nodes": [
                {"nodeID": 1, "text": "Uniforms \"cut\" costs.", "type": "I", "timestamp": ""},
                {"nodeID": "2", "text": "Families pay less.", "type": "I"},
                {"nodeID": 3, "text": "Default Inference", "type": "RA"},
                {"nodeID": 4, "text": "Ann Lee : Uniforms \"cut\" costs.", "type": "L"},
                {"nodeID": 5, "text": "Asserting", "type": "YA"},
                {"nodeID": 6, "text": "Bo Ek : Families pay less.", "type": "L"},
                {"nodeID": 7, "text": "Agreeing", "type": "YA"}
            ],
            "edges": [
                {"edgeID": 1, "fromID": 2, "toID": 3, "formEdgeID": null},
                {"edgeID": 2, "fromID": "3", "toID": " 1 "},
                {"edgeID": 3, "fromID": 4, "toID": 5},
                {"edgeID": 4, "fromID": 5, "toID": 1},
                {"edgeID": 5, "fromID": 6, "toID": 7},
                {"edgeID": 6, "fromID": 7, "toID": 2}
            ],
            "locutions": [
                {"nodeID": 4, "personID": 1, "start": "2024-05-12 17:30:05", "source": null},
                {"nodeID": 6, "personID": 2}
            ],
            "participants": [
                {"participantID": 1, "firstname": "Ann", "surname": "Lee"},
                {"participantID": 2, "firstname": "Bo", "surname": "Ek"}
            ]
        })
    }

    #[test]
    fn a_clean_file_takes_the_fast_path() {
        let src = clean().to_string();
        let fast = load(&src).expect("clean");
        assert_same("clean", &fast, &src);
        assert_eq!(fast.map.claims().count(), 2);
        assert_eq!(fast.map.stances().count(), 2);
        let wrapped = json!({"AIF": clean(), "text": {"txt": "Ann Lee : Uniforms cut costs."},
            "OVA": {"firstname": "Sam", "surname": "Roe", "url": "https://example.org",
                "nodes": [{"nodeID": 1, "x": 10, "y": -20}, {"nodeID": "2", "x": "a", "y": null}]}});
        let src = wrapped.to_string();
        let fast = load(&src).expect("clean xAIF");
        assert_same("clean xAIF", &fast, &src);
    }

    #[test]
    fn anything_odd_goes_the_located_way() {
        let odd = |change: &dyn Fn(&mut serde_json::Value)| {
            let mut doc = clean();
            change(&mut doc);
            doc.to_string()
        };
        let cases = [
            // Warnings.
            odd(&|d| d["nodes"][0]["nodeID"] = json!("")),
            odd(&|d| d["nodes"][1]["nodeID"] = json!(1)),
            odd(&|d| d["edges"][0]["toID"] = json!(99)),
            odd(&|d| d["nodes"][2]["type"] = json!("XX")),
            odd(&|d| d["locutions"][1]["nodeID"] = json!(null)),
            odd(&|d| d["nodes"][0]["text"] = json!("  ")),
            // What the two parsers read differently.
            odd(&|d| d["nodes"][0]["text"] = json!(7)),
            odd(&|d| d["nodes"][0]["nodeID"] = json!(1.0)),
            odd(&|d| d["edges"] = json!(null)),
            odd(&|d| d["OVA"] = json!({"nodes": [{"nodeID": 1, "x": 1.5, "y": 2}]})),
            odd(&|d| d["argumap_ext"] = json!({"title": "t", "weights": [0.1]})),
            odd(&|d| d["AIF"] = json!(null)),
            odd(&|d| d["analysis"] = json!({})),
        ];
        for src in &cases {
            assert!(load(src).is_none(), "{src}");
            let slow = located(src);
            let loaded = super::super::from_str(src);
            assert_eq!(
                loaded.as_ref().map(|l| &l.warnings).ok(),
                slow.as_ref().map(|l| &l.warnings).ok(),
                "{src}"
            );
        }
        // serde_json skips over these in fields it ignores; the located parser refuses them.
        let base = clean().to_string();
        for junk in [r#""\ud800""#, "1e400", "-1E+999", &"9".repeat(400)] {
            let src = base.replacen("\"edgeID\":1", &format!("\"edgeID\":{junk}"), 1);
            assert_ne!(src, base);
            assert!(serde_json::from_str::<IgnoredAny>(&src).is_ok(), "{junk}");
            assert!(load(&src).is_none(), "{junk}");
            let err = super::super::from_str(&src).unwrap_err();
            assert_eq!(err.diagnostics, located(&src).unwrap_err().diagnostics);
        }
    }

    #[test]
    fn plain_text_is_told_from_what_serde_json_lets_pass() {
        assert!(plain(
            r#"{"a": "we need 3 uniforms, ey", "b": 12e99, "c": "\u00e9\n"}"#
        ));
        assert!(!plain(r#"{"a": 1e308}"#));
        assert!(!plain(r#"{"a": 1E+400}"#));
        assert!(!plain(r#"{"a": "\uDC00"}"#));
        // A run of 128 digits anywhere, whatever its place in the blocks.
        for pad in 0..70 {
            let src = format!("{}{}", " ".repeat(pad), "1".repeat(128));
            assert!(!plain(&src), "{pad}");
        }
        assert!(plain(&"1".repeat(63)));
        // An exponent across a block boundary.
        for pad in 55..70 {
            let src = format!("{}1e400", " ".repeat(pad));
            assert!(!plain(&src), "{pad}");
        }
    }

    // ---- random documents ----------------------------------------------------------------------

    /// An id as AIF files write them, in the same few forms as the integration proptest.
    fn id_value() -> impl Strategy<Value = serde_json::Value> {
        prop_oneof![
            4 => (0u8..12).prop_map(|n| json!(n)),
            4 => (0u8..12).prop_map(|n| json!(n.to_string())),
            1 => Just(json!(null)),
            1 => Just(json!("")),
            1 => Just(json!([1])),
        ]
    }

    fn node_value() -> impl Strategy<Value = serde_json::Value> {
        let types = prop::sample::select(vec!["I", "L", "RA", "CA", "MA", "PA", "TA", "YA", "EN"]);
        let texts = prop::sample::select(vec![
            "Mara Lind : words",
            "Sam: Tomas Ek : words",
            "Agreeing",
            "Challenging",
            "Analysing",
            "a \"quoted\" claim",
            "",
        ]);
        (id_value(), types, texts, any::<bool>()).prop_map(|(id, t, text, scheme)| {
            let mut n = json!({"nodeID": id, "type": t, "text": text});
            if scheme {
                n["scheme"] = json!(text);
            }
            n
        })
    }

    /// A dialogue that is clean more often than not: claims, S-nodes between them, and
    /// speakers anchoring claims, with ids as strings or integers and an OVA block.
    fn dialogue() -> impl Strategy<Value = serde_json::Value> {
        (
            prop::collection::vec(any::<bool>(), 1..6),
            prop::collection::vec((0usize..4, 0usize..6, 0usize..6), 0..5),
            prop::collection::vec((0usize..6, 0u8..4, 0usize..5), 0..7),
            (any::<bool>(), 0u8..4),
        )
            .prop_map(|(claims, links, stances, (wrap, ova))| {
                let k = claims.len();
                let id = |n: usize| if n % 2 == 0 { json!(n) } else { json!(n.to_string()) };
                let mut nodes = Vec::new();
                let mut edges = Vec::new();
                let mut locutions = Vec::new();
                for (i, as_int) in claims.iter().enumerate() {
                    let nid = if *as_int { json!(i + 1) } else { json!((i + 1).to_string()) };
                    nodes.push(json!({"nodeID": nid, "text": format!("claim {i} \"q\""), "type": "I"}));
                }
                let mut next = k + 1;
                let edge = |from: usize, to: usize, edges: &mut Vec<serde_json::Value>| {
                    edges.push(json!({"edgeID": edges.len(), "fromID": id(from), "toID": id(to)}));
                };
                for (kind, from, to) in links {
                    let (t, scheme) = [("RA", "Default Inference"), ("CA", "Default Conflict"),
                        ("MA", "Default Rephrase"), ("RA", "Expert Opinion")][kind];
                    nodes.push(json!({"nodeID": id(next), "text": scheme, "type": t, "scheme": scheme}));
                    edge(from % k + 1, next, &mut edges);
                    edge(next, to % k + 1, &mut edges);
                    next += 1;
                }
                let acts = ["Asserting", "Agreeing", "Disagreeing", "Pure Questioning", "Analysing"];
                for (claim, person, act) in stances {
                    let (l, ya) = (next, next + 1);
                    next += 2;
                    nodes.push(json!({"nodeID": id(l), "text": format!("Person {person} : claim {claim}"), "type": "L"}));
                    nodes.push(json!({"nodeID": id(ya), "text": acts[act], "type": "YA"}));
                    edge(l, ya, &mut edges);
                    edge(ya, claim % k + 1, &mut edges);
                    if person < 3 {
                        locutions.push(json!({"nodeID": id(l), "personID": person, "start": null}));
                    }
                }
                let participants: Vec<_> = (0..3)
                    .map(|p| json!({"participantID": p.to_string(), "firstname": "Person", "surname": p.to_string()}))
                    .collect();
                let aif = json!({"nodes": nodes, "edges": edges, "locutions": locutions,
                    "participants": participants});
                let mut doc = if wrap { json!({"AIF": aif, "text": "words"}) } else { aif };
                let layout: Vec<_> = (1..=k)
                    .map(|n| match ova {
                        2 => json!({"nodeID": n, "x": n as f64 + 0.5, "y": 1}),
                        _ => json!({"nodeID": n, "x": n * 10, "y": "20"}),
                    })
                    .collect();
                match ova {
                    1 | 2 => doc["OVA"] = json!({"nodes": layout, "firstname": "An", "surname": "Alyst"}),
                    3 => doc["OVA"] = json!({"nodes": null}),
                    _ => {}
                }
                doc
            })
    }

    /// Whenever the fast path reads a document, the located path reads the same map with the
    /// same (no) warnings.
    fn check(doc: &serde_json::Value) -> Result<(), TestCaseError> {
        let src = doc.to_string();
        if let Some(fast) = load(&src) {
            let slow = located(&src);
            prop_assert!(slow.is_ok(), "{src}");
            let slow = slow.unwrap();
            prop_assert!(fast.map == slow.map, "{src}");
            prop_assert_eq!(&fast.warnings, &slow.warnings, "{}", src);
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn the_fast_path_reads_any_document_as_the_located_path_does(
            nodes in prop::collection::vec(node_value(), 0..14),
            edges in prop::collection::vec((id_value(), id_value()), 0..24),
            locutions in prop::collection::vec((id_value(), id_value()), 0..5),
            participants in prop::collection::vec(id_value(), 0..3),
            wrap in any::<bool>(),
        ) {
            let edges: Vec<_> = edges
                .into_iter()
                .enumerate()
                .map(|(i, (f, t))| json!({"edgeID": i, "fromID": f, "toID": t}))
                .collect();
            let locutions: Vec<_> = locutions
                .into_iter()
                .map(|(n, p)| json!({"nodeID": n, "personID": p}))
                .collect();
            let participants: Vec<_> = participants
                .into_iter()
                .map(|p| json!({"participantID": p, "firstname": "Nina", "surname": "Roos"}))
                .collect();
            let aif = json!({
                "nodes": nodes, "edges": edges, "locutions": locutions, "participants": participants
            });
            let doc = if wrap { json!({"AIF": aif, "text": "words"}) } else { aif };
            check(&doc)?;
        }

        #[test]
        fn the_fast_path_reads_any_dialogue_as_the_located_path_does(doc in dialogue()) {
            check(&doc)?;
        }
    }

    #[test]
    fn most_random_dialogues_take_the_fast_path() {
        // So that the proptest above compares maps, not only refusals.
        use proptest::strategy::ValueTree;
        use proptest::test_runner::TestRunner;
        let mut runner = TestRunner::deterministic();
        let strategy = dialogue();
        let fast = (0..200)
            .filter(|_| {
                let doc = strategy.new_tree(&mut runner).unwrap().current();
                load(&doc.to_string()).is_some()
            })
            .count();
        assert!(fast >= 40, "only {fast} of 200 took the fast path");
    }
}
