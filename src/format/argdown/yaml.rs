//! The small part of YAML that Argdown files use: front matter (block mappings, block
//! sequences, flow collections, scalars) and inline data (`{key: value}` in flow style, or a
//! block mapping between `{` and `}`). Values become JSON values, for `ext`.
//!
//! Anchors, tags, multi-document streams and block scalars (`|`, `>`) are not read: a file
//! that uses them gets a warning and its data is kept as text (inline data) or ignored
//! (front matter). Nesting is bounded, so hostile input cannot exhaust the stack.

use serde_json::{Map as JsonMap, Value};

/// Deeper nesting than this is refused rather than recursed into. A map file's extension
/// data may nest 128 deep (JSON's limit), and argumap's data wraps it in a few levels more.
const MAX_DEPTH: usize = 160;

/// Reads inline data: the text between `{` and `}`, braces included.
pub(crate) fn inline(data: &str) -> Result<JsonMap<String, Value>, String> {
    let inner = data
        .strip_prefix('{')
        .and_then(|d| d.strip_suffix('}'))
        .ok_or("inline data must be written between { and }")?;
    // `{` followed by a line break switches to block YAML until `}`.
    let first_line_blank = inner
        .split('\n')
        .next()
        .is_some_and(|l| l.trim().is_empty());
    if inner.contains('\n') && first_line_blank {
        return match block(inner)? {
            Value::Object(map) => Ok(map),
            Value::Null => Ok(JsonMap::new()),
            _ => Err("the data must be a list of `key: value` lines".into()),
        };
    }
    let mut p = Flow {
        s: data.as_bytes(),
        src: data,
        at: 0,
    };
    let value = p.value(0)?;
    p.skip_ws();
    if p.at != p.s.len() {
        return Err(format!("unexpected `{}` after the data", p.rest_char()));
    }
    match value {
        Value::Object(map) => Ok(map),
        _ => Err("the data must be a mapping such as {key: value}".into()),
    }
}

/// Reads a block YAML document (front matter).
pub(crate) fn block(text: &str) -> Result<Value, String> {
    let lines: Vec<Line> = text
        .lines()
        .filter_map(|raw| {
            let content = strip_comment(raw);
            let trimmed = content.trim_end();
            let indent = trimmed.len() - trimmed.trim_start().len();
            let body = trimmed.trim_start();
            (!body.is_empty()).then_some(Line { indent, body })
        })
        .collect();
    if lines.is_empty() {
        return Ok(Value::Null);
    }
    let mut at = 0;
    let indent = lines[0].indent;
    let value = block_node(&lines, &mut at, indent, 0)?;
    if at < lines.len() {
        return Err(format!(
            "the line `{}` is indented inconsistently",
            lines[at].body
        ));
    }
    Ok(value)
}

struct Line<'a> {
    indent: usize,
    body: &'a str,
}

/// The line without a `#` comment (one that starts the line or follows a space, outside
/// quotes).
fn strip_comment(line: &str) -> &str {
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        if escaped {
            // The character after a backslash in a double-quoted string ends nothing.
            escaped = false;
            prev = c;
            continue;
        }
        match quote {
            Some('"') if c == '\\' => escaped = true,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' && prev.is_whitespace() => return &line[..i],
            None => {}
        }
        prev = c;
    }
    line
}

fn block_node(
    lines: &[Line],
    at: &mut usize,
    indent: usize,
    depth: usize,
) -> Result<Value, String> {
    if depth > MAX_DEPTH {
        return Err("the data is nested too deeply".into());
    }
    let Some(first) = lines.get(*at) else {
        return Ok(Value::Null);
    };
    if first.body == "-" || first.body.starts_with("- ") {
        let mut items = Vec::new();
        while let Some(line) = lines.get(*at) {
            if line.indent != indent || !(line.body == "-" || line.body.starts_with("- ")) {
                break;
            }
            let rest = line.body[1..].trim_start();
            *at += 1;
            if rest.is_empty() {
                items.push(nested(lines, at, indent, depth)?);
            } else if let Some((key, value)) = split_key(rest) {
                // `- key: value` starts a mapping inside the item.
                let inner_indent = indent + (line.body.len() - rest.len());
                let mut map = JsonMap::new();
                map.insert(key, entry_value(value, lines, at, inner_indent, depth)?);
                if let Value::Object(more) = mapping(lines, at, inner_indent, depth)? {
                    map.extend(more);
                }
                items.push(Value::Object(map));
            } else {
                items.push(scalar_or_flow(rest, depth)?);
            }
        }
        return Ok(Value::Array(items));
    }
    if split_key(first.body).is_some() {
        return mapping(lines, at, indent, depth);
    }
    *at += 1;
    scalar_or_flow(first.body, depth)
}

fn mapping(lines: &[Line], at: &mut usize, indent: usize, depth: usize) -> Result<Value, String> {
    let mut map = JsonMap::new();
    while let Some(line) = lines.get(*at) {
        if line.indent < indent {
            break;
        }
        if line.indent > indent {
            return Err(format!("the line `{}` is indented too far", line.body));
        }
        let Some((key, value)) = split_key(line.body) else {
            return Err(format!("`{}` is not a `key: value` line", line.body));
        };
        *at += 1;
        let value = entry_value(value, lines, at, indent, depth)?;
        map.insert(key, value);
    }
    Ok(Value::Object(map))
}

fn entry_value(
    value: &str,
    lines: &[Line],
    at: &mut usize,
    indent: usize,
    depth: usize,
) -> Result<Value, String> {
    if value.is_empty() {
        nested(lines, at, indent, depth)
    } else if value == "|" || value == ">" || value.starts_with("| ") || value.starts_with("> ") {
        Err("block scalars (`|`, `>`) are not supported".into())
    } else {
        scalar_or_flow(value, depth)
    }
}

/// The block under a `key:` or `-` line: more indented lines, or a sequence at the same
/// indentation as the key (YAML allows that for sequences).
fn nested(lines: &[Line], at: &mut usize, indent: usize, depth: usize) -> Result<Value, String> {
    match lines.get(*at) {
        Some(next) if next.indent > indent => block_node(lines, at, next.indent, depth + 1),
        Some(next) if next.indent == indent && next.body.starts_with("- ") => {
            block_node(lines, at, indent, depth + 1)
        }
        _ => Ok(Value::Null),
    }
}

/// `key: value` (the value may be empty), with the key unquoted.
fn split_key(body: &str) -> Option<(String, &str)> {
    let (key, rest) = if let Some(q @ ('"' | '\'')) = body.chars().next() {
        let end = body[1..].find(q)? + 1;
        let rest = body[end + 1..].trim_start().strip_prefix(':')?;
        (body[1..end].to_owned(), rest)
    } else {
        let colon = body
            .char_indices()
            .find(|&(i, c)| c == ':' && body[i + 1..].chars().next().is_none_or(|n| n == ' '))?
            .0;
        let key = body[..colon].trim();
        if key.is_empty() || key.starts_with(['{', '[', '-']) {
            return None;
        }
        (key.to_owned(), &body[colon + 1..])
    };
    if !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    Some((key, rest.trim()))
}

fn scalar_or_flow(text: &str, depth: usize) -> Result<Value, String> {
    let text = text.trim();
    if text.starts_with(['{', '[', '"', '\'']) {
        let mut p = Flow {
            s: text.as_bytes(),
            src: text,
            at: 0,
        };
        let value = p.value(depth)?;
        p.skip_ws();
        if p.at != p.s.len() {
            return Err(format!("unexpected `{}` after a value", p.rest_char()));
        }
        Ok(value)
    } else if text.starts_with(['&', '*', '!']) {
        Err("YAML anchors, aliases and tags are not supported".into())
    } else {
        Ok(plain(text))
    }
}

/// A plain scalar with YAML's core types: null, booleans, numbers, else a string.
fn plain(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    if let Ok(i) = text.parse::<i64>() {
        return Value::from(i);
    }
    if let Ok(u) = text.parse::<u64>() {
        return Value::from(u);
    }
    let numeric = text
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'));
    if numeric && text.chars().any(|c| c.is_ascii_digit()) {
        if let Some(n) = text
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
        {
            return Value::Number(n);
        }
    }
    Value::String(text.to_owned())
}

/// A reader of flow-style YAML (`{a: 1, b: [x, y]}`, quoted strings, plain scalars).
struct Flow<'a> {
    s: &'a [u8],
    src: &'a str,
    at: usize,
}

impl Flow<'_> {
    fn skip_ws(&mut self) {
        while self.at < self.s.len() && self.s[self.at].is_ascii_whitespace() {
            self.at += 1;
        }
    }

    fn rest_char(&self) -> char {
        self.src
            .get(self.at..)
            .and_then(|r| r.chars().next())
            .unwrap_or(' ')
    }

    fn value(&mut self, depth: usize) -> Result<Value, String> {
        if depth > MAX_DEPTH {
            return Err("the data is nested too deeply".into());
        }
        self.skip_ws();
        match self.s.get(self.at) {
            Some(b'{') => self.map(depth),
            Some(b'[') => self.seq(depth),
            Some(b'"') => self.double_quoted().map(Value::String),
            Some(b'\'') => self.single_quoted().map(Value::String),
            Some(_) => Ok(plain(&self.plain_text())),
            None => Err("a value is missing".into()),
        }
    }

    fn map(&mut self, depth: usize) -> Result<Value, String> {
        let mut map = JsonMap::new();
        self.flow('{', b'}', |p| {
            let key = match p.s.get(p.at) {
                Some(b'"') => p.double_quoted()?,
                Some(b'\'') => p.single_quoted()?,
                _ => p.plain_text(),
            };
            if key.is_empty() {
                return Err(format!("a key is missing before `{}`", p.rest_char()));
            }
            p.skip_ws();
            let value = if p.s.get(p.at) == Some(&b':') {
                p.at += 1;
                p.skip_ws();
                if matches!(p.s.get(p.at), Some(b',' | b'}')) {
                    Value::Null
                } else {
                    p.value(depth + 1)?
                }
            } else {
                Value::Null
            };
            map.insert(key, value);
            Ok(())
        })?;
        Ok(Value::Object(map))
    }

    fn seq(&mut self, depth: usize) -> Result<Value, String> {
        let mut items = Vec::new();
        self.flow('[', b']', |p| {
            items.push(p.value(depth + 1)?);
            Ok(())
        })?;
        Ok(Value::Array(items))
    }

    /// A flow collection from its `open` bracket to its `close` one: each entry read by
    /// `entry`, which starts at the entry's first character, the entries separated by commas.
    fn flow(
        &mut self,
        open: char,
        close: u8,
        mut entry: impl FnMut(&mut Self) -> Result<(), String>,
    ) -> Result<(), String> {
        self.at += 1;
        loop {
            self.skip_ws();
            match self.s.get(self.at) {
                Some(&c) if c == close => {
                    self.at += 1;
                    return Ok(());
                }
                None => return Err(format!("a `{open}` is not closed")),
                _ => {}
            }
            entry(self)?;
            self.skip_ws();
            match self.s.get(self.at) {
                Some(b',') => self.at += 1,
                Some(&c) if c == close => {}
                None => return Err(format!("a `{open}` is not closed")),
                Some(_) => {
                    return Err(format!(
                        "expected `,` or `{}` before `{}`",
                        char::from(close),
                        self.rest_char()
                    ))
                }
            }
        }
    }

    /// A plain scalar in flow context: up to `,`, `}`, `]`, or a `:` followed by a space.
    fn plain_text(&mut self) -> String {
        let start = self.at;
        while let Some(&b) = self.s.get(self.at) {
            let colon_ends = b == b':'
                && self
                    .s
                    .get(self.at + 1)
                    .is_none_or(|n| n.is_ascii_whitespace() || matches!(n, b',' | b'}' | b']'));
            if matches!(b, b',' | b'}' | b']' | b'{' | b'[') || colon_ends {
                break;
            }
            self.at += 1;
        }
        self.src.get(start..self.at).unwrap_or("").trim().to_owned()
    }

    fn single_quoted(&mut self) -> Result<String, String> {
        self.at += 1;
        let mut out = String::new();
        let rest = self.src.get(self.at..).unwrap_or("");
        let mut chars = rest.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c == '\'' {
                if let Some(&(_, '\'')) = chars.peek() {
                    chars.next();
                    out.push('\'');
                    continue;
                }
                self.at += i + 1;
                return Ok(out);
            }
            out.push(c);
        }
        Err("a quoted string is not closed".into())
    }

    fn double_quoted(&mut self) -> Result<String, String> {
        self.at += 1;
        let mut out = String::new();
        let rest = self.src.get(self.at..).unwrap_or("");
        let mut chars = rest.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    self.at += i + 1;
                    return Ok(out);
                }
                '\\' => {
                    let Some((_, e)) = chars.next() else {
                        break;
                    };
                    let digits = match e {
                        'x' => 2,
                        'u' => 4,
                        'U' => 8,
                        _ => 0,
                    };
                    if digits > 0 {
                        let hex: String = chars.by_ref().take(digits).map(|(_, h)| h).collect();
                        let c = u32::from_str_radix(&hex, 16)
                            .ok()
                            .filter(|_| hex.len() == digits)
                            .and_then(char::from_u32)
                            .ok_or_else(|| format!("`\\{e}{hex}` is not a character"))?;
                        out.push(c);
                        continue;
                    }
                    out.push(match e {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        '0' => '\0',
                        'a' => '\u{7}',
                        'b' => '\u{8}',
                        'e' => '\u{1b}',
                        'f' => '\u{c}',
                        'v' => '\u{b}',
                        'N' => '\u{85}',
                        '_' => '\u{a0}',
                        'L' => '\u{2028}',
                        'P' => '\u{2029}',
                        other => other,
                    });
                }
                _ => out.push(c),
            }
        }
        Err("a quoted string is not closed".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn flow_data() {
        let d =
            inline(r#"{actor: "Mara Lind", date: "2024-05-12", uses: [1,2,3], isInMap: false}"#)
                .unwrap();
        assert_eq!(d["actor"], json!("Mara Lind"));
        assert_eq!(d["uses"], json!([1, 2, 3]));
        assert_eq!(d["isInMap"], json!(false));
        let d = inline("{url: https://example.org/a, note: it's fine}").unwrap();
        assert_eq!(d["url"], json!("https://example.org/a"));
        assert_eq!(d["note"], json!("it's fine"));
        assert!(inline("{a: [1, 2}").is_err());
        assert!(inline("{: x}").is_err());
    }

    #[test]
    fn block_data_and_front_matter() {
        let d = inline("{\n  actor: Tomas Ek\n  proponent:\n    - A\n    - B\n}").unwrap();
        assert_eq!(d["actor"], json!("Tomas Ek"));
        assert_eq!(d["proponent"], json!(["A", "B"]));
        let v = block(
            "title: Censorship from the State \nauthor: Gregor Betz # who\nmodel:\n    mode: strict\ncolor:\n    tagColors:\n        pro: 0\n",
        )
        .unwrap();
        assert_eq!(v["title"], json!("Censorship from the State"));
        assert_eq!(v["author"], json!("Gregor Betz"));
        assert_eq!(v["model"]["mode"], json!("strict"));
        assert_eq!(v["color"]["tagColors"]["pro"], json!(0));
        assert!(block("a: |\n  text\n").is_err());
        assert!(block("a: 1\n   b: 2\n").is_err());
    }

    #[test]
    fn escapes_of_double_quoted_strings() {
        let d = inline(r#"{a: "x\u007By\u007D \"q\" \\ \n\r\t \x41 \U0001F44D", b: "\u12"}"#);
        assert!(d.is_err(), "a short \\u escape is refused");
        let d = inline(r#"{a: "x\u007By\u007D \"q\" \\ \n\r\t \x41 \U0001F44D"}"#).unwrap();
        assert_eq!(d["a"], json!("x{y} \"q\" \\ \n\r\t A 👍"));
        // A `#` after an escaped quote is inside the string, not a comment.
        let v = block("title: \"a \\\" #b\"\n").unwrap();
        assert_eq!(v["title"], json!("a \" #b"));
        let v = block("big: 18446744073709551615\n").unwrap();
        assert_eq!(v["big"], json!(18_446_744_073_709_551_615u64));
    }

    #[test]
    fn deep_nesting_is_refused_not_recursed() {
        let deep = format!("{{a: {}{}}}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(inline(&deep).is_err());
    }
}
