//! Kialo's text escapes, both ways: reading a claim's text undoes `\\(`, `\\[`, `\\*`, ...
//! and finds its links and footnotes; writing escapes `( ) [ ]` and keeps Markdown links.

use super::read::canonical;

/// A claim's text with escapes undone, and what it cites.
pub(super) struct Rendered {
    pub(super) text: String,
    /// Markdown links: label (plain) and address.
    pub(super) links: Vec<(String, String)>,
    /// Footnote markers `[1]`.
    pub(super) footnotes: Vec<u32>,
}

/// Undoes Kialo's escapes (a backslash before an ASCII punctuation character, as in
/// Markdown: `\(`, `\]`, `\*`, ...) and finds Markdown links `[label](url)`. A link stays in
/// the text as written, so that it still reads as a link.
pub(super) fn render(raw: &str) -> Rendered {
    let bytes = raw.as_bytes();
    let mut out = Rendered {
        text: String::with_capacity(raw.len()),
        links: Vec::new(),
        footnotes: Vec::new(),
    };
    let mut i = 0;
    let mut copied = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if bytes.get(i + 1).is_some_and(u8::is_ascii_punctuation) => {
                out.text.push_str(&raw[copied..i]);
                copied = i + 1;
                i += 2;
            }
            b'[' => {
                if let Some(link) = scan_link(raw, i) {
                    // The link stays as written: it is Markdown already.
                    out.text.push_str(&raw[copied..link.end]);
                    let label = unescape(&raw[link.label.0..link.label.1]);
                    let url = unescape(&raw[link.url.0..link.url.1]).trim().to_owned();
                    let label = if label.trim().is_empty() {
                        url.clone()
                    } else {
                        label.trim().to_owned()
                    };
                    out.links.push((label, url));
                    i = link.end;
                    copied = i;
                } else {
                    if let Some(n) = footnote(&raw[i..]).map(|(n, _)| n) {
                        out.footnotes.push(n);
                    }
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    out.text.push_str(&raw[copied..]);
    out
}

/// A backslash before ASCII punctuation dropped.
pub(super) fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&next) = chars.peek().filter(|n| n.is_ascii_punctuation()) {
                out.push(next);
                chars.next();
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Byte ranges of a Markdown link's label and address, and the offset after it.
struct LinkAt {
    label: (usize, usize),
    url: (usize, usize),
    end: usize,
}

/// A Markdown link starting at the `[` at `open`: escaped brackets and parentheses do not
/// count; unescaped ones nest. A link does not span lines.
fn scan_link(raw: &str, open: usize) -> Option<LinkAt> {
    let bytes = raw.as_bytes();
    let close = matching(bytes, open + 1, b'[', b']')?;
    if bytes.get(close + 1) != Some(&b'(') {
        return None;
    }
    let end = matching(bytes, close + 2, b'(', b')')?;
    let url = raw[close + 2..end].trim();
    if url.is_empty() || url.contains(char::is_whitespace) {
        return None;
    }
    Some(LinkAt {
        label: (open + 1, close),
        url: (close + 2, end),
        end: end + 1,
    })
}

/// The offset of the `close` byte that ends a group opened just before `from`.
fn matching(bytes: &[u8], from: usize, open: u8, close: u8) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        if b == b'\\' && bytes.get(i + 1).is_some_and(u8::is_ascii_punctuation) {
            i += 2;
            continue;
        }
        if b == b'\n' {
            return None;
        }
        if b == open {
            depth += 1;
        } else if b == close {
            if depth == 0 {
                return Some(i);
            }
            depth -= 1;
        }
        i += 1;
    }
    None
}

/// Newlines and other control characters as single spaces.
pub(super) fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_control())
        .filter(|part| !part.trim().is_empty())
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Escapes `( ) [ ]` and a backslash that would escape what follows; Markdown links are
/// written as they stand.
pub(super) fn escape(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    let mut copied = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'[' {
            if let Some(link) = scan_link(text, i) {
                out.push_str(&text[copied..link.end]);
                i = link.end;
                copied = i;
                continue;
            }
        }
        let escaped = matches!(b, b'(' | b')' | b'[' | b']')
            || (b == b'\\' && bytes.get(i + 1).is_some_and(u8::is_ascii_punctuation));
        if escaped {
            out.push_str(&text[copied..i]);
            out.push('\\');
            copied = i;
        }
        i += 1;
    }
    out.push_str(&text[copied..]);
    out
}

/// Escapes every bracket, parenthesis and escaping backslash of a link label.
pub(super) fn escape_brackets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let escaped = matches!(c, '(' | ')' | '[' | ']')
            || (c == '\\' && chars.peek().is_some_and(char::is_ascii_punctuation));
        if escaped {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The number in `-> See 1.2.3.`, with its offset in the text, if the text is such a link.
pub(super) fn link_target(text: &str) -> Option<(usize, &str)> {
    let rest = text.trim_start().strip_prefix("->")?.trim_start();
    let rest = rest.strip_prefix("See")?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let target = rest.trim();
    let ok = !target.is_empty() && target.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    let offset = text.len() - rest.trim_start().len();
    ok.then_some((offset, target))
}

/// The canonical number of a link target (`1.2` and `1.2.` are the same).
pub(super) fn parse_target(target: &str) -> Option<String> {
    let parts: Option<Vec<u32>> = target
        .trim_end_matches('.')
        .split('.')
        .map(|p| p.parse::<u32>().ok())
        .collect();
    parts.filter(|p| !p.is_empty()).map(|p| canonical(&p))
}

/// A footnote line of the newer layout: `[1] text`.
pub(super) fn footnote(line: &str) -> Option<(u32, &str)> {
    let rest = line.strip_prefix('[')?;
    let close = rest.find(']')?;
    let n = rest[..close].parse::<u32>().ok()?;
    Some((n, rest[close + 1..].trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_keeps_links_and_drops_escapes() {
        let r = render(r"See \[1\] and [the \[draft\] report](https://e.org/a_(b)) \(p. 4\)\*");
        assert_eq!(
            r.text,
            r"See [1] and [the \[draft\] report](https://e.org/a_(b)) (p. 4)*"
        );
        assert_eq!(
            r.links,
            [(
                "the [draft] report".to_owned(),
                "https://e.org/a_(b)".to_owned()
            )]
        );
        assert!(r.footnotes.is_empty());
        assert_eq!(render(r"a \x \\").text, r"a \x \");
        assert_eq!(render("[x] [y](").text, "[x] [y](");
        assert_eq!(render("Fact [2].").footnotes, [2]);
    }

    #[test]
    fn link_targets() {
        assert_eq!(link_target("-> See 1.2.1."), Some((7, "1.2.1.")));
        assert_eq!(link_target("  -> See 1.2 "), Some((9, "1.2")));
        assert_eq!(link_target("-> See the report"), None);
        assert_eq!(link_target("->See 1."), Some((6, "1.")));
        assert_eq!(link_target("-> Seen 1."), None);
        assert_eq!(parse_target("1.02"), Some("1.2.".into()));
        assert_eq!(parse_target("."), None);
    }
}
