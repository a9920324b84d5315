//! AIF, the Argument Interchange Format, as AIFdb writes it (JSON with `nodes`, `edges` and
//! `locutions`) and as OVA3 wraps it (xAIF: an `AIF` block, the analysed `text`, an `OVA`
//! layout block).
//!
//! Reading ([`from_str`]) turns I-nodes into claims; RA-nodes into supports, or into an
//! [`Argument`](crate::model::Argument) when several premises enter one RA, when a CA
//! undercuts it or when it names a scheme; CA-nodes into rebuttals and undercuts; MA-nodes into
//! `rephrases`. The dialogue layer (L → YA → I, TA → YA → S) gives the actors, their stances
//! and who made each relation. Odd but usable input (the quirks of real AIFdb corpora) gives
//! warnings, never a failure.
//!
//! Writing ([`to_writer`], [`to_string`]) gives the shape OVA3 posts to AIFdb: I, RA, CA and
//! MA nodes for the arguments, and L, YA and TA nodes with `locutions` and `participants`
//! for the speakers, so that they survive. What AIF has no place for (our ids and titles,
//! `contradicts`, a rebuttal of an argument) goes in one extra top-level object,
//! `argumap_ext`, that other readers ignore and ours reads back.
//!
//! `docs/formats/aif.md` describes the mapping in full.

// Reading: `from_str` below tries the fast path, then the located one; both give the parts
// of a file (`raw`) that `build` makes the map of, so the dependencies run one way. Writing:
// `write`.
mod build;
mod fast;
mod located;
mod raw;
mod write;

pub use write::{to_string, to_writer};

use crate::format::json::{LoadError, Loaded};

/// Loads a map from AIFdb JSON or xAIF text.
///
/// # Errors
///
/// A [`LoadError`] when the text is not JSON (at the line and column of the mistake), or when
/// it is not an AIF object: no `nodes` array (AIFdb) and no `AIF` object (xAIF), an OVA2 file,
/// or `nodes`/`edges` that are not arrays. Everything else (odd nodes and edges, missing
/// schemes, unknown speakers) is skipped or guessed with a warning.
pub fn from_str(src: &str) -> Result<Loaded, LoadError> {
    let mut loaded = match fast::load(src) {
        Some(loaded) => loaded,
        None => located::load(src)?,
    };
    crate::format::settle_title(&mut loaded, src);
    Ok(loaded)
}

/// The name of the extra top-level object our export writes and our import reads.
pub(crate) const EXT_KEY: &str = "argumap_ext";

/// The AIFdb schemes a file may name only by number (xAIF `schemefulfillments`), with the
/// names of FORMATS.md 1.2.
pub(crate) const SCHEMES: [(&str, &str); 16] = [
    ("71", "Default Conflict"),
    ("72", "Default Inference"),
    ("73", "Assertive Questioning"),
    ("74", "Asserting"),
    ("75", "Analysing"),
    ("77", "Agreeing"),
    ("78", "Disagreeing"),
    ("79", "Challenging"),
    ("80", "Arguing"),
    ("82", "Default Transition"),
    ("85", "Rhetorical Questioning"),
    ("91", "Pure Questioning"),
    ("101", "Restating"),
    ("144", "Default Rephrase"),
    ("161", "Default Preference"),
    ("168", "Default Illocuting"),
];

/// A scheme's name from its AIFdb number.
pub(crate) fn scheme_name(id: &str) -> Option<&'static str> {
    SCHEMES
        .iter()
        .find(|(n, _)| *n == id)
        .map(|(_, name)| *name)
}

/// A scheme's AIFdb number from its name (spaces and case ignored, so that
/// `AssertiveQuestioning` is found too).
pub(crate) fn scheme_id(name: &str) -> Option<&'static str> {
    // Compared character by character, with nothing copied: the writer asks once per node.
    let squash = |s: &'static str| {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
    };
    let wanted = || {
        name.chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
    };
    SCHEMES
        .iter()
        .find(|(_, n)| *n == name)
        .or_else(|| SCHEMES.iter().find(|(_, n)| squash(n).eq(wanted())))
        .map(|(id, _)| *id)
}

/// Whether a text is very likely AIF or xAIF rather than another JSON format: a JSON object
/// whose top-level keys include `nodes`, `edges` or `locutions` (AIF) or `AIF` (xAIF), before
/// any key of our own map files (`argumap`, `claims`, `version`). Reads the top-level keys in
/// the first 64 KiB only.
pub fn sniff(src: &str) -> bool {
    let bytes = src.as_bytes();
    let bytes = bytes.get(..bytes.len().min(1 << 16)).unwrap_or(bytes);
    let mut depth = 0usize;
    let mut i = 0;
    let mut started = false;
    while i < bytes.len() {
        match bytes[i] {
            b'{' | b'[' => {
                if !started && bytes[i] == b'[' {
                    return false;
                }
                started = true;
                depth += 1;
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                let Some(text) = src.get(start..i.min(bytes.len())) else {
                    return false;
                };
                // A key is a string at depth 1 followed by a colon.
                let rest = &bytes[(i + 1).min(bytes.len())..];
                let is_key = rest
                    .iter()
                    .find(|b| !b.is_ascii_whitespace())
                    .is_some_and(|&b| b == b':');
                if depth == 1 && is_key {
                    match text {
                        "AIF" | "nodes" | "edges" | "locutions" => return true,
                        "argumap" | "claims" | "version" => return false,
                        _ => {}
                    }
                }
            }
            b if b.is_ascii_whitespace() || started => {}
            0xEF | 0xBB | 0xBF if i < 3 => {}
            _ => return false,
        }
        i += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniff_tells_aif_from_our_map_files() {
        assert!(sniff(r#"{"nodes": [{"nodeID": "1"}], "edges": []}"#));
        assert!(sniff(r#"  {"AIF": {"nodes": []}, "text": ""}"#));
        assert!(!sniff(r#"{"argumap": 1, "title": "t", "claims": []}"#));
        assert!(!sniff(r#"{"version": 1, "claims": []}"#));
        assert!(!sniff("arg(a1)."));
        assert!(!sniff(""));
        assert!(!sniff("[1, 2]"));
        // Keys inside values, or words inside strings, do not count.
        assert!(!sniff(
            r#"{"title": "nodes", "claims": [{"text": "\"nodes\": 1"}]}"#
        ));
        assert!(!sniff(r#"{"meta": {"nodes": []}}"#));
        assert!(sniff("\u{feff}{\"edges\": [], \"nodes\": []}"));
    }

    #[test]
    fn schemes_by_name_and_number() {
        assert_eq!(scheme_name("72"), Some("Default Inference"));
        assert_eq!(scheme_id("AssertiveQuestioning"), Some("73"));
        assert_eq!(scheme_id("default conflict"), Some("71"));
        assert_eq!(scheme_id("Expert Opinion"), None);
    }
}
