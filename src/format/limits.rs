//! Limits on what a file may ask of argumap, so that hostile or broken input fails fast, with
//! a message that names the limit, instead of taking all the memory or time there is.
//!
//! [`Limits`] holds them; [`read_limited`](super::read_limited) applies them around any
//! reader:
//!
//! - **size**: the text itself (the command line checks a file's size before reading it);
//! - **depth**: nesting of JSON arrays and objects (AIF, SADFace and our map file), of XML
//!   elements (microtexts), of Kialo's numbered levels, and the indentation of an Argdown
//!   line, each found by one scan of the text before it is parsed;
//! - **elements**: claims, arguments, actors, sources and groups, and links between them, in
//!   the map that was read;
//! - **text**: the characters of one claim's or argument's text or title.
//!
//! Ids have a limit of their own that is a rule of the map format, not a resource limit: at
//! most [`MAX_ID_LEN`](crate::model::MAX_ID_LEN) bytes, as the schema says. Importers make
//! shorter ids from long foreign ones.

use super::{Format, LoadError};
use crate::diagnostic::{Code, Diagnostic, Severity, Span};
use crate::model::{Element, Map};

/// How much a file may ask for. The defaults are far above any real debate map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The most bytes of text read. Default 256 MiB.
    pub max_bytes: u64,
    /// The deepest nesting (JSON, XML, Kialo levels; Argdown indentation in columns).
    /// Default 128.
    pub max_depth: usize,
    /// The most elements and links in a map. Default 20 million.
    pub max_elements: usize,
    /// The most characters in one text or title. Default 100,000.
    pub max_text: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_bytes: 256 << 20,
            max_depth: 128,
            max_elements: 20_000_000,
            max_text: 100_000,
        }
    }
}

/// One error, at a place in the text when there is one.
fn refuse(src: &str, at: Option<usize>, message: String, hint: String) -> LoadError {
    let mut d = match at {
        Some(at) => Diagnostic::error(
            src,
            Span {
                start: at,
                end: at + 1,
            },
            message,
        ),
        None => Diagnostic::unplaced(Severity::Error, Code::Limit, message),
    };
    d.code = Code::Limit;
    d.hint = Some(hint);
    LoadError {
        diagnostics: vec![d],
    }
}

/// Checks the text before it is parsed: its size and its nesting.
///
/// # Errors
///
/// A [`LoadError`] naming the limit that was passed, where, and the flag that raises it.
pub fn check_text(src: &str, format: Format, limits: &Limits) -> Result<(), LoadError> {
    if src.len() as u64 > limits.max_bytes {
        return Err(refuse(
            src,
            None,
            format!(
                "the text is {}, more than the {} argumap reads",
                size(src.len() as u64),
                size(limits.max_bytes)
            ),
            "if it really is a map, raise the limit with --max-input-size".into(),
        ));
    }
    let deepest = match format {
        Format::Json | Format::Aif | Format::Sadface => json_depth(src, limits.max_depth),
        Format::Microtexts => xml_depth(src, limits.max_depth),
        Format::Kialo => kialo_depth(src, limits.max_depth),
        Format::Argdown => indent_depth(src, limits.max_depth),
        _ => None,
    };
    match deepest {
        Some(at) => Err(refuse(
            src,
            Some(at),
            format!(
                "nesting deeper than {} levels ({} here)",
                limits.max_depth,
                match format {
                    Format::Argdown => "indentation, counted in columns",
                    Format::Kialo => "numbered levels",
                    Format::Microtexts => "XML elements",
                    _ => "JSON arrays and objects",
                }
            ),
            "no real map nests this deep: look for a runaway bracket or indentation; if it is meant, raise the limit with --max-depth".into(),
        )),
        None => Ok(()),
    }
}

/// Checks the map that was read: its size and the length of its texts.
///
/// # Errors
///
/// A [`LoadError`] naming the limit, the element that passes it, and the flag that raises it.
pub fn check_map(src: &str, map: &Map, limits: &Limits) -> Result<(), LoadError> {
    let count = map.node_count() + map.graph().edge_count();
    if count > limits.max_elements {
        return Err(refuse(
            src,
            None,
            format!(
                "the map has {count} elements and links, more than the {} argumap takes",
                limits.max_elements
            ),
            "draw or convert a part of it, or raise the limit with --max-elements".into(),
        ));
    }
    for element in map.elements() {
        let texts: Vec<&str> = match element {
            Element::Claim(c) => [Some(c.text.as_str()), c.title.as_deref()]
                .into_iter()
                .flatten()
                .collect(),
            Element::Argument(a) => [a.text.as_deref(), a.title.as_deref()]
                .into_iter()
                .flatten()
                .collect(),
            _ => Vec::new(),
        };
        for text in texts {
            // Counting stops at the limit: a text of a gigabyte is not counted whole.
            if text.chars().nth(limits.max_text).is_some() {
                return Err(refuse(
                    src,
                    None,
                    format!(
                        "the text of `{}` is longer than {} characters",
                        element.id(),
                        limits.max_text
                    ),
                    "shorten it (a claim is one statement), or raise the limit with --max-text"
                        .into(),
                ));
            }
        }
    }
    Ok(())
}

/// A byte count for people: `1.5 GB`, `256 MB`, `12 KB`.
pub fn size(bytes: u64) -> String {
    const UNITS: [(&str, u64); 3] = [("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)];
    for (unit, scale) in UNITS {
        if bytes >= scale {
            let value = bytes as f64 / scale as f64;
            return if value >= 10.0 {
                format!("{value:.0} {unit}")
            } else {
                format!("{value:.1} {unit}")
            };
        }
    }
    format!("{bytes} bytes")
}

/// Where JSON nesting first passes `max`, if it does (strings are skipped).
fn json_depth(src: &str, max: usize) -> Option<usize> {
    let bytes = src.as_bytes();
    let (mut depth, mut i) = (0usize, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                // Inside a string only its end matters: jump from escape to escape (most of
                // a map's bytes are in strings).
                i += 1;
                loop {
                    match memchr::memchr2(b'"', b'\\', bytes.get(i..)?) {
                        Some(at) if bytes[i + at] == b'\\' => i += at + 2,
                        Some(at) => {
                            i += at;
                            break;
                        }
                        None => return None,
                    }
                }
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// Where XML element nesting first passes `max`, if it does (comments, CDATA, declarations
/// and processing instructions are skipped).
fn xml_depth(src: &str, max: usize) -> Option<usize> {
    let bytes = src.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(offset) = src[i..].find('<') {
        let at = i + offset;
        let rest = &src[at..];
        let skip_to = |end: &str| rest.find(end).map_or(src.len(), |e| at + e + end.len());
        i = if rest.starts_with("<!--") {
            skip_to("-->")
        } else if rest.starts_with("<![CDATA[") {
            skip_to("]]>")
        } else if rest.starts_with("<?") || rest.starts_with("<!") {
            skip_to(">")
        } else if rest.starts_with("</") {
            depth = depth.saturating_sub(1);
            skip_to(">")
        } else {
            let end = skip_to(">");
            let self_closing = end >= 2 && bytes.get(end - 2) == Some(&b'/');
            if !self_closing {
                depth += 1;
                if depth > max {
                    return Some(at);
                }
            }
            end
        };
    }
    None
}

/// Where a Kialo line's number first has more than `max` levels (`1.2.3.` has three).
fn kialo_depth(src: &str, max: usize) -> Option<usize> {
    let mut offset = 0;
    for line in src.split_inclusive('\n') {
        let number = line
            .trim_start()
            .split(|c: char| !(c.is_ascii_digit() || c == '.'))
            .next()
            .unwrap_or("");
        if number.matches('.').count() > max {
            return Some(offset + (line.len() - line.trim_start().len()));
        }
        offset += line.len();
    }
    None
}

/// Where an Argdown line is first indented by more than `max` columns (a tab counts four).
fn indent_depth(src: &str, max: usize) -> Option<usize> {
    let mut offset = 0;
    for line in src.split_inclusive('\n') {
        let mut columns = 0;
        for c in line.chars() {
            match c {
                ' ' => columns += 1,
                '\t' => columns += 4,
                _ => break,
            }
            if columns > max {
                return Some(offset);
            }
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_found_where_it_passes_the_limit() {
        assert_eq!(json_depth(r#"{"a": "[[[[", "b": [[1]]}"#, 2), Some(20));
        assert_eq!(json_depth(r#"{"a": "\"[[[["}"#, 1), None);
        assert_eq!(xml_depth("<a><!-- <b><c> --><b/><b><c/></b></a>", 2), None);
        assert_eq!(xml_depth("<a><b><c></c></b></a>", 2), Some(6));
        assert_eq!(
            kialo_depth("1. x\n1.1. Pro: y\n1.1.1. Con: z\n", 2),
            Some(17)
        );
        assert_eq!(indent_depth("[a]: x\n  + [b]\n\t\t+ [c]\n", 6), Some(15));
        assert_eq!(indent_depth("[a]: x\n  + [b]\n", 6), None);
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(size(256 << 20), "256 MB");
        assert_eq!(size(3 << 29), "1.5 GB");
        assert_eq!(size(500), "500 bytes");
    }
}
