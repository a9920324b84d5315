//! JSON with byte spans, and a serde deserializer that reports where errors are.
//!
//! [`parse`] reads JSON text into a [`Spanned<Value>`] tree in which every value
//! and every object key remembers its byte [`Span`] in the source. [`from_value`]
//! deserializes any serde type from such a tree; its [`DeError`] carries the span
//! of the innermost value or key at fault (an unknown field's key, a wrongly typed
//! value, the object that lacks a field), so that mistakes in a map file can be
//! reported at their exact line and column, several at once.

use std::fmt;

use serde::de::{
    self, DeserializeSeed, EnumAccess, Error as _, IntoDeserializer, MapAccess, SeqAccess,
    Unexpected, VariantAccess, Visitor,
};

/// The deepest nesting of arrays and objects that [`parse`] accepts.
pub const MAX_DEPTH: usize = 128;

pub use crate::diagnostic::Span;

/// A value together with the span of source text it was parsed from.
#[derive(Clone, Debug, PartialEq)]
pub struct Spanned<T> {
    /// Where the value is in the source.
    pub span: Span,
    /// The value itself.
    pub value: T,
}

/// A parsed JSON value whose children carry their spans.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number: an integer if it fits `i64` or `u64`, else a finite `f64`.
    Number(serde_json::Number),
    /// A string, with escapes decoded.
    String(String),
    /// An array.
    Array(Vec<Spanned<Value>>),
    /// Keys in source order; duplicates kept (the caller reports them).
    Object(Vec<(Spanned<String>, Spanned<Value>)>),
}

impl Value {
    /// The kind of value, with an article, for messages: "null", "a boolean",
    /// "a number", "a string", "an array" or "an object".
    pub fn kind_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }
}

/// Why the text is not valid JSON, and where.
#[derive(Clone, Debug, PartialEq)]
pub struct ParseError {
    /// The offending character(s); zero-width at the end of the input when it
    /// ended too early.
    pub span: Span,
    /// A message meant for the person who wrote the file.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ParseError {}

// ---------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------

/// Parses one JSON document (RFC 8259; leading UTF-8 BOM allowed; trailing
/// whitespace allowed, anything else after the value is an error).
///
/// Nesting deeper than [`MAX_DEPTH`] arrays and objects is an error.
///
/// # Errors
///
/// A [`ParseError`] for the first mistake in the text, with its span.
pub fn parse(src: &str) -> Result<Spanned<Value>, ParseError> {
    let mut p = Parser {
        src,
        bytes: src.as_bytes(),
        pos: 0,
        depth: 0,
        items: Vec::new(),
        members: Vec::new(),
    };
    if p.bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        p.pos = 3;
    }
    p.skip_ws();
    if p.pos >= p.bytes.len() {
        return Err(p.err(p.pos, p.pos, "the input is empty: expected a JSON value"));
    }
    let value = p.parse_value("expected a JSON value")?;
    p.skip_ws();
    if p.pos < p.bytes.len() {
        return Err(p.unexpected("expected the end of the input after the JSON value"));
    }
    Ok(value)
}

struct Parser<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
    /// Elements of the arrays being parsed, innermost last; each array takes
    /// its own off the top when it closes, so it is allocated once, at its size.
    items: Vec<Spanned<Value>>,
    /// The same for the members of objects.
    members: Vec<(Spanned<String>, Spanned<Value>)>,
}

/// Escapes that may follow a backslash, for messages.
const VALID_ESCAPES: &str = "\\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t and \\uXXXX";

impl<'a> Parser<'a> {
    fn err(&self, start: usize, end: usize, message: impl Into<String>) -> ParseError {
        ParseError {
            span: Span::new(start, end),
            message: message.into(),
        }
    }

    #[inline]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    #[inline]
    fn skip_ws(&mut self) {
        while let Some(&b) = self.bytes.get(self.pos) {
            if matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    fn char_at(&self, pos: usize) -> Option<char> {
        self.src.get(pos..).and_then(|s| s.chars().next())
    }

    fn at_comment(&self) -> bool {
        self.bytes.get(self.pos) == Some(&b'/')
            && matches!(self.bytes.get(self.pos + 1), Some(b'/' | b'*'))
    }

    /// An error for the character at the current position, which does not fit
    /// `context` (e.g. "expected `:` after an object key").
    fn unexpected(&self, context: &str) -> ParseError {
        let pos = self.pos;
        if self.at_comment() {
            return self.err(pos, pos + 2, "comments are not allowed in JSON");
        }
        match self.char_at(pos) {
            None => self.err(pos, pos, format!("{context}, found the end of the input")),
            Some('\'') => self.err(
                pos,
                pos + 1,
                "strings must be in double quotes `\"`, not single quotes `'`",
            ),
            Some(c) => self.err(
                pos,
                pos + c.len_utf8(),
                format!("{context}, found {}", describe_char(c)),
            ),
        }
    }

    fn enter(&mut self) -> Result<(), ParseError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.err(
                self.pos,
                self.pos + 1,
                format!("nesting is too deep: more than {MAX_DEPTH} levels of arrays and objects"),
            ));
        }
        self.depth += 1;
        Ok(())
    }

    /// Parses a value at the current position (whitespace already skipped).
    fn parse_value(&mut self, context: &str) -> Result<Spanned<Value>, ParseError> {
        let start = self.pos;
        let value = match self.peek() {
            Some(b'{') => self.parse_object()?,
            Some(b'[') => self.parse_array()?,
            Some(b'"') => Value::String(self.parse_string()?),
            Some(b'-' | b'0'..=b'9') => Value::Number(self.parse_number()?),
            Some(b) if b.is_ascii_alphabetic() || b == b'_' => self.parse_word()?,
            Some(b'+') => {
                return Err(self.err(
                    start,
                    start + 1,
                    "a number must not start with `+`: write it without the sign",
                ))
            }
            Some(b'.') if matches!(self.bytes.get(start + 1), Some(b'0'..=b'9')) => {
                return Err(self.err(
                    start,
                    start + 1,
                    "a number must start with a digit: write `0.5`, not `.5`",
                ))
            }
            _ => return Err(self.unexpected(context)),
        };
        Ok(Spanned {
            span: Span::new(start, self.pos),
            value,
        })
    }

    fn word_end(&self, start: usize) -> usize {
        let mut i = start;
        while let Some(&b) = self.bytes.get(i) {
            if b.is_ascii_alphanumeric() || b == b'_' {
                i += 1;
            } else {
                break;
            }
        }
        i
    }

    /// `true`, `false`, `null`, or an error about a bare word.
    fn parse_word(&mut self) -> Result<Value, ParseError> {
        let start = self.pos;
        let end = self.word_end(start);
        let word = &self.src[start..end];
        let value = match word {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            "null" => Value::Null,
            _ => {
                let lower = word.to_ascii_lowercase();
                let message = match lower.as_str() {
                    "true" | "false" | "null" => {
                        format!("`{word}` is not valid JSON: write `{lower}` in lowercase")
                    }
                    "none" | "nil" | "undefined" => {
                        format!("`{word}` is not valid JSON: write `null`")
                    }
                    "nan" | "infinity" | "inf" => {
                        format!("`{word}` is not a valid JSON number")
                    }
                    _ => {
                        let shown = truncate(word, 40);
                        format!(
                            "unexpected word `{shown}`: text must be in double quotes, e.g. `\"{shown}\"`"
                        )
                    }
                };
                return Err(self.err(start, end, message));
            }
        };
        self.pos = end;
        Ok(value)
    }

    /// Enters an array or object at its opening bracket. True when it closes at once.
    fn open(&mut self, close: u8) -> Result<bool, ParseError> {
        self.enter()?;
        self.pos += 1;
        self.skip_ws();
        let empty = self.peek() == Some(close);
        if empty {
            self.pos += 1;
            self.depth -= 1;
        }
        Ok(empty)
    }

    /// Reads what follows a member or an element: a `,` not followed by `close`, or `close`.
    /// True when the array or object goes on.
    fn next_or_close(&mut self, close: u8, context: &str) -> Result<bool, ParseError> {
        match self.peek() {
            Some(b',') => {
                let comma = self.pos;
                self.pos += 1;
                self.skip_ws();
                if self.peek() == Some(close) {
                    return Err(self.err(
                        comma,
                        comma + 1,
                        "trailing comma is not allowed in JSON",
                    ));
                }
                Ok(true)
            }
            Some(b) if b == close => {
                self.pos += 1;
                Ok(false)
            }
            _ => Err(self.unexpected(context)),
        }
    }

    fn parse_object(&mut self) -> Result<Value, ParseError> {
        if self.open(b'}')? {
            return Ok(Value::Object(Vec::new()));
        }
        let base = self.members.len();
        let mut key_context = "expected a string key or `}`";
        loop {
            if self.peek() != Some(b'"') {
                return Err(self.bad_key(key_context));
            }
            let key_start = self.pos;
            let key = self.parse_string()?;
            let key = Spanned {
                span: Span::new(key_start, self.pos),
                value: key,
            };
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.unexpected("expected `:` after an object key"));
            }
            self.pos += 1;
            self.skip_ws();
            let value = self.parse_value("expected a value after `:`")?;
            self.members.push((key, value));
            self.skip_ws();
            if !self.next_or_close(b'}', "expected `,` or `}` after an object value")? {
                break;
            }
            key_context = "expected a string key after `,`";
        }
        self.depth -= 1;
        Ok(Value::Object(self.members.drain(base..).collect()))
    }

    fn bad_key(&self, context: &str) -> ParseError {
        match self.peek() {
            Some(b) if b.is_ascii_alphanumeric() || b == b'_' => {
                let end = self.word_end(self.pos);
                let shown = truncate(&self.src[self.pos..end], 40);
                self.err(
                    self.pos,
                    end,
                    format!("object keys must be in double quotes, e.g. `\"{shown}\"`"),
                )
            }
            _ => self.unexpected(context),
        }
    }

    fn parse_array(&mut self) -> Result<Value, ParseError> {
        if self.open(b']')? {
            return Ok(Value::Array(Vec::new()));
        }
        let base = self.items.len();
        let mut context = "expected a value or `]`";
        loop {
            let item = self.parse_value(context)?;
            self.items.push(item);
            self.skip_ws();
            if !self.next_or_close(b']', "expected `,` or `]` after an array element")? {
                break;
            }
            context = "expected a value after `,`";
        }
        self.depth -= 1;
        Ok(Value::Array(self.items.drain(base..).collect()))
    }

    /// Parses a string starting at the opening quote; leaves `pos` after the
    /// closing quote.
    fn parse_string(&mut self) -> Result<String, ParseError> {
        let open = self.pos;
        let start = open + 1;
        let mut end = scan_plain(self.bytes, start);
        if self.bytes.get(end) == Some(&b'"') {
            // Fast path: no escapes.
            self.pos = end + 1;
            return Ok(self.src[start..end].to_owned());
        }
        let mut out = String::with_capacity(end - start + 16);
        let mut seg = start;
        loop {
            out.push_str(&self.src[seg..end]);
            match self.bytes.get(end) {
                None => {
                    return Err(self.err(
                        open,
                        open + 1,
                        "unterminated string: the closing `\"` is missing",
                    ))
                }
                Some(b'"') => {
                    self.pos = end + 1;
                    return Ok(out);
                }
                Some(b'\\') => seg = self.parse_escape(open, end, &mut out)?,
                Some(&b) => return Err(self.control_char(end, b)),
            }
            end = scan_plain(self.bytes, seg);
        }
    }

    fn control_char(&self, pos: usize, b: u8) -> ParseError {
        let escape = match b {
            b'\n' => "\\n".to_owned(),
            b'\r' => "\\r".to_owned(),
            b'\t' => "\\t".to_owned(),
            0x08 => "\\b".to_owned(),
            0x0C => "\\f".to_owned(),
            _ => format!("\\u{:04X}", b),
        };
        self.err(
            pos,
            pos + 1,
            format!("control character in string: write it as `{escape}`"),
        )
    }

    /// Decodes the escape whose backslash is at `at`; returns the offset after it.
    fn parse_escape(&self, open: usize, at: usize, out: &mut String) -> Result<usize, ParseError> {
        let Some(&c) = self.bytes.get(at + 1) else {
            return Err(self.err(
                open,
                open + 1,
                "unterminated string: the closing `\"` is missing",
            ));
        };
        let decoded = match c {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.parse_unicode_escape(at, out),
            _ => {
                let ch = self.char_at(at + 1).unwrap_or('?');
                let end = at + 1 + ch.len_utf8();
                let message = if ch.is_control() || ch.is_whitespace() {
                    format!(
                        "invalid escape: `\\` followed by {}; the valid escapes are {VALID_ESCAPES}",
                        describe_char(ch)
                    )
                } else {
                    format!("invalid escape `\\{ch}`; the valid escapes are {VALID_ESCAPES}")
                };
                return Err(self.err(at, end, message));
            }
        };
        out.push(decoded);
        Ok(at + 2)
    }

    /// Four hex digits at `pos`, or the offset of the first non-hex byte.
    fn hex4(&self, pos: usize) -> Result<u32, usize> {
        let mut n = 0u32;
        for i in pos..pos + 4 {
            let d = match self.bytes.get(i) {
                Some(&b @ b'0'..=b'9') => b - b'0',
                Some(&b @ b'a'..=b'f') => b - b'a' + 10,
                Some(&b @ b'A'..=b'F') => b - b'A' + 10,
                _ => return Err(i),
            };
            n = n * 16 + u32::from(d);
        }
        Ok(n)
    }

    fn parse_unicode_escape(&self, at: usize, out: &mut String) -> Result<usize, ParseError> {
        let first = self.hex4(at + 2).map_err(|bad| {
            self.err(
                at,
                bad,
                "invalid unicode escape: `\\u` must be followed by four hex digits, e.g. `\\u00e9`",
            )
        })?;
        let unpaired = || {
            self.err(
                at,
                at + 6,
                format!(
                    "unpaired surrogate `{}` in string: `\\uD800`-`\\uDBFF` must be followed by `\\uDC00`-`\\uDFFF`",
                    &self.src[at..at + 6]
                ),
            )
        };
        let (code, next) = match first {
            0xD800..=0xDBFF => {
                let low = if self.bytes.get(at + 6) == Some(&b'\\')
                    && self.bytes.get(at + 7) == Some(&b'u')
                {
                    self.hex4(at + 8).ok()
                } else {
                    None
                };
                match low {
                    Some(low @ 0xDC00..=0xDFFF) => {
                        (0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00), at + 12)
                    }
                    _ => return Err(unpaired()),
                }
            }
            0xDC00..=0xDFFF => return Err(unpaired()),
            _ => (first, at + 6),
        };
        out.push(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER));
        Ok(next)
    }

    fn digits_end(&self, mut i: usize) -> usize {
        while matches!(self.bytes.get(i), Some(b'0'..=b'9')) {
            i += 1;
        }
        i
    }

    /// An error pointing at the character at `pos` (zero-width at the end).
    fn err_char(&self, pos: usize, message: impl Into<String>) -> ParseError {
        let end = pos + self.char_at(pos).map_or(0, char::len_utf8);
        self.err(pos, end, message)
    }

    fn parse_number(&mut self) -> Result<serde_json::Number, ParseError> {
        let start = self.pos;
        let negative = self.bytes.get(start) == Some(&b'-');
        let int_start = start + usize::from(negative);
        let int_end = match self.bytes.get(int_start) {
            Some(b'0') => {
                let end = self.digits_end(int_start + 1);
                if end > int_start + 1 {
                    let digits = self.src[int_start..end].trim_start_matches('0');
                    let digits = if digits.is_empty() { "0" } else { digits };
                    return Err(self.err(
                        int_start,
                        end,
                        format!(
                            "numbers must not have leading zeros: write `{}`",
                            truncate(digits, 40)
                        ),
                    ));
                }
                end
            }
            Some(b'1'..=b'9') => self.digits_end(int_start + 1),
            _ => {
                let word_end = self.word_end(int_start);
                let word = &self.src[int_start..word_end];
                if matches!(
                    word.to_ascii_lowercase().as_str(),
                    "infinity" | "inf" | "nan"
                ) {
                    return Err(self.err(
                        start,
                        word_end,
                        format!("`-{word}` is not a valid JSON number"),
                    ));
                }
                return Err(self.err_char(int_start, "expected a digit after `-`"));
            }
        };
        let mut end = int_end;
        let mut is_float = false;
        if self.bytes.get(end) == Some(&b'.') {
            is_float = true;
            let frac_end = self.digits_end(end + 1);
            if frac_end == end + 1 {
                return Err(self.err_char(end + 1, "expected a digit after the decimal point"));
            }
            end = frac_end;
        }
        if matches!(self.bytes.get(end), Some(b'e' | b'E')) {
            is_float = true;
            let mut exp = end + 1;
            if matches!(self.bytes.get(exp), Some(b'+' | b'-')) {
                exp += 1;
            }
            let exp_end = self.digits_end(exp);
            if exp_end == exp {
                return Err(self.err_char(exp, "expected a digit in the exponent"));
            }
            end = exp_end;
        }
        self.pos = end;
        if !is_float {
            if let Some(n) = integer(&self.bytes[int_start..int_end], negative) {
                return Ok(n);
            }
        }
        let text = &self.src[start..end];
        text.parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .ok_or_else(|| {
                self.err(
                    start,
                    end,
                    format!("the number `{}` is too large", truncate(text, 40)),
                )
            })
    }
}

/// The integer with these ASCII `digits`, if it fits `u64` (or `i64` when
/// negative).
#[inline]
fn integer(digits: &[u8], negative: bool) -> Option<serde_json::Number> {
    if digits.len() > 20 {
        return None;
    }
    let mut n: u64 = 0;
    for &d in digits {
        n = n.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
    }
    if !negative || n == 0 {
        Some(n.into())
    } else if n <= 1 << 63 {
        Some((n as i64).wrapping_neg().into())
    } else {
        None
    }
}

/// The offset of the first `"`, `\` or control byte at or after `i`, or the
/// length. Looks at eight bytes at a time.
#[inline]
fn scan_plain(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let Ok(chunk) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let x = u64::from_le_bytes(chunk);
        let quote = x ^ (ONES * u64::from(b'"'));
        let backslash = x ^ (ONES * u64::from(b'\\'));
        // A high bit marks each byte that is zero (after the xor) or below 0x20;
        // the lowest marked byte is always a true match.
        let found = (quote.wrapping_sub(ONES) & !quote)
            | (backslash.wrapping_sub(ONES) & !backslash)
            | (x.wrapping_sub(ONES * 0x20) & !x);
        let found = found & HIGH;
        if found != 0 {
            return i + (found.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&b) = bytes.get(i) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            break;
        }
        i += 1;
    }
    i
}

fn describe_char(c: char) -> String {
    if c.is_control() || c.is_whitespace() || c == '\u{feff}' {
        format!("the invisible character U+{:04X}", u32::from(c))
    } else if c == '`' {
        "a backtick".to_owned()
    } else {
        format!("`{c}`")
    }
}

fn truncate(s: &str, max_chars: usize) -> String {
    match s.char_indices().nth(max_chars) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

// ---------------------------------------------------------------------------
// Deserializer
// ---------------------------------------------------------------------------

/// A deserialization error, with the span of the innermost value or key at fault.
#[derive(Clone, Debug, PartialEq)]
pub struct DeError {
    /// What went wrong, in serde's words (e.g. "unknown field `x`, expected one of ...").
    pub message: String,
    /// Where: set by [`from_value`] for every error it returns.
    pub span: Option<Span>,
}

impl DeError {
    /// Sets the span unless one is already set.
    fn or_span(mut self, span: Span) -> Self {
        if self.span.is_none() {
            self.span = Some(span);
        }
        self
    }

    fn at(message: impl Into<String>, span: Span) -> Self {
        DeError {
            message: message.into(),
            span: Some(span),
        }
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError {
            message: msg.to_string(),
            span: None,
        }
    }
}

/// Deserializes T from a parsed value. On error the span is that of the innermost
/// value or object key where the error arose (for `deny_unknown_fields` errors:
/// the unknown key's span; for a missing field: the object's span; for a wrong
/// type: that value's span; for an unknown enum variant: the string's span).
///
/// # Errors
///
/// The first error that `T`'s `Deserialize` impl meets, always with a span.
pub fn from_value<'de, T: serde::Deserialize<'de>>(v: &'de Spanned<Value>) -> Result<T, DeError> {
    T::deserialize(ValueDeserializer::new(v)).map_err(|e: DeError| e.or_span(v.span))
}

/// A serde [`Deserializer`](serde::Deserializer) over a borrowed [`Spanned<Value>`];
/// strings are lent out as `&'de str`.
#[derive(Clone, Copy, Debug)]
pub struct ValueDeserializer<'de> {
    value: &'de Spanned<Value>,
}

impl<'de> ValueDeserializer<'de> {
    /// A deserializer for `value`.
    pub fn new(value: &'de Spanned<Value>) -> Self {
        ValueDeserializer { value }
    }
}

impl<'de> IntoDeserializer<'de, DeError> for &'de Spanned<Value> {
    type Deserializer = ValueDeserializer<'de>;

    fn into_deserializer(self) -> ValueDeserializer<'de> {
        ValueDeserializer::new(self)
    }
}

fn unexpected(value: &Value) -> Unexpected<'_> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                Unexpected::Unsigned(u)
            } else if let Some(i) = n.as_i64() {
                Unexpected::Signed(i)
            } else {
                Unexpected::Float(n.as_f64().unwrap_or(f64::NAN))
            }
        }
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

fn visit_number<'de, V: Visitor<'de>>(
    n: &serde_json::Number,
    visitor: V,
) -> Result<V::Value, DeError> {
    if let Some(u) = n.as_u64() {
        visitor.visit_u64(u)
    } else if let Some(i) = n.as_i64() {
        visitor.visit_i64(i)
    } else if let Some(f) = n.as_f64() {
        visitor.visit_f64(f)
    } else {
        Err(DeError::custom(format_args!("unsupported number `{n}`")))
    }
}

fn visit_array<'de, V: Visitor<'de>>(
    items: &'de [Spanned<Value>],
    visitor: V,
) -> Result<V::Value, DeError> {
    let mut seq = SeqDeserializer { iter: items.iter() };
    let value = visitor.visit_seq(&mut seq)?;
    match seq.iter.next() {
        None => Ok(value),
        Some(extra) => {
            let used = items.len() - seq.iter.len() - 1;
            Err(DeError::at(
                format!(
                    "too many elements: expected {used} in this array, found {}",
                    items.len()
                ),
                extra.span,
            ))
        }
    }
}

fn visit_object<'de, V: Visitor<'de>>(
    members: &'de [(Spanned<String>, Spanned<Value>)],
    visitor: V,
) -> Result<V::Value, DeError> {
    let mut map = MapDeserializer {
        iter: members.iter(),
        value: None,
        key_span: None,
    };
    match visitor.visit_map(&mut map) {
        Ok(value) => match map.iter.next() {
            None => Ok(value),
            Some((key, _)) => Err(DeError::at(
                format!("unexpected key `{}`", truncate(&key.value, 60)),
                key.span,
            )),
        },
        // An error raised right after a key was read (e.g. a duplicate field)
        // belongs to that key.
        Err(e) => match map.key_span {
            Some(span) if map.value.is_some() => Err(e.or_span(span)),
            _ => Err(e),
        },
    }
}

impl<'de> de::Deserializer<'de> for ValueDeserializer<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let span = self.value.span;
        match &self.value.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => visit_number(n, visitor),
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(items) => visit_array(items, visitor),
            Value::Object(members) => visit_object(members, visitor),
        }
        .map_err(|e: DeError| e.or_span(span))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let span = self.value.span;
        match self.value.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
        .map_err(|e: DeError| e.or_span(span))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let span = self.value.span;
        visitor
            .visit_newtype_struct(self)
            .map_err(|e: DeError| e.or_span(span))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let span = self.value.span;
        match &self.value.value {
            Value::String(s) => visitor.visit_enum(StrEnumAccess { name: s, span }),
            Value::Object(members) => match members.as_slice() {
                [(key, value)] => visitor.visit_enum(ObjectEnumAccess { key, value }),
                _ => Err(DeError::custom(format_args!(
                    "expected an object with exactly one key naming the variant, found {} keys",
                    members.len()
                ))),
            },
            other => Err(DeError::invalid_type(unexpected(other), &visitor)),
        }
        .map_err(|e: DeError| e.or_span(span))
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier
    }
}

struct SeqDeserializer<'de> {
    iter: std::slice::Iter<'de, Spanned<Value>>,
}

impl<'de> SeqAccess<'de> for SeqDeserializer<'de> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        match self.iter.next() {
            Some(value) => seed
                .deserialize(ValueDeserializer::new(value))
                .map(Some)
                .map_err(|e: DeError| e.or_span(value.span)),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

struct MapDeserializer<'de> {
    iter: std::slice::Iter<'de, (Spanned<String>, Spanned<Value>)>,
    /// The value of the key just read, until it is taken.
    value: Option<&'de Spanned<Value>>,
    key_span: Option<Span>,
}

impl<'de> MapAccess<'de> for MapDeserializer<'de> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        match self.iter.next() {
            Some((key, value)) => {
                self.value = Some(value);
                self.key_span = Some(key.span);
                seed.deserialize(KeyDeserializer { key })
                    .map(Some)
                    .map_err(|e: DeError| e.or_span(key.span))
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        match self.value.take() {
            Some(value) => seed
                .deserialize(ValueDeserializer::new(value))
                .map_err(|e: DeError| e.or_span(value.span)),
            None => Err(DeError::custom("a map value was asked for before its key")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

/// Deserializes an object key: a string, or a number or boolean written as one.
struct KeyDeserializer<'de> {
    key: &'de Spanned<String>,
}

macro_rules! key_from_str {
    ($($method:ident => $visit:ident($ty:ty)),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            let span = self.key.span;
            match self.key.value.parse::<$ty>() {
                Ok(n) => visitor.$visit(n),
                Err(_) => visitor.visit_borrowed_str(&self.key.value),
            }
            .map_err(|e: DeError| e.or_span(span))
        }
    )*};
}

impl<'de> de::Deserializer<'de> for KeyDeserializer<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let span = self.key.span;
        visitor
            .visit_borrowed_str(&self.key.value)
            .map_err(|e: DeError| e.or_span(span))
    }

    key_from_str! {
        deserialize_bool => visit_bool(bool),
        deserialize_i8 => visit_i64(i64),
        deserialize_i16 => visit_i64(i64),
        deserialize_i32 => visit_i64(i64),
        deserialize_i64 => visit_i64(i64),
        deserialize_i128 => visit_i128(i128),
        deserialize_u8 => visit_u64(u64),
        deserialize_u16 => visit_u64(u64),
        deserialize_u32 => visit_u64(u64),
        deserialize_u64 => visit_u64(u64),
        deserialize_u128 => visit_u128(u128),
        deserialize_f32 => visit_f64(f64),
        deserialize_f64 => visit_f64(f64),
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let span = self.key.span;
        visitor
            .visit_some(self)
            .map_err(|e: DeError| e.or_span(span))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let span = self.key.span;
        visitor
            .visit_newtype_struct(self)
            .map_err(|e: DeError| e.or_span(span))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let span = self.key.span;
        visitor
            .visit_enum(StrEnumAccess {
                name: &self.key.value,
                span,
            })
            .map_err(|e: DeError| e.or_span(span))
    }

    serde::forward_to_deserialize_any! {
        char str string bytes byte_buf unit unit_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}

/// An enum written as a string: only unit variants fit.
struct StrEnumAccess<'de> {
    name: &'de str,
    span: Span,
}

impl<'de> EnumAccess<'de> for StrEnumAccess<'de> {
    type Error = DeError;
    type Variant = UnitOnly;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, UnitOnly), DeError> {
        let deserializer = de::value::BorrowedStrDeserializer::<DeError>::new(self.name);
        let variant = seed
            .deserialize(deserializer)
            .map_err(|e: DeError| e.or_span(self.span))?;
        Ok((variant, UnitOnly { span: self.span }))
    }
}

struct UnitOnly {
    span: Span,
}

impl UnitOnly {
    fn needs_value<T>(&self, kind: &str) -> Result<T, DeError> {
        Err(DeError::at(
            format!(
                "this is a {kind}: write it as an object with the variant name as its only key, e.g. {{\"name\": ...}}"
            ),
            self.span,
        ))
    }
}

impl<'de> VariantAccess<'de> for UnitOnly {
    type Error = DeError;

    fn unit_variant(self) -> Result<(), DeError> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _seed: T) -> Result<T::Value, DeError> {
        self.needs_value("variant that holds a value")
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value, DeError> {
        self.needs_value("variant that holds a list")
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, DeError> {
        self.needs_value("variant that holds fields")
    }
}

/// An enum written as `{"Variant": value}`.
struct ObjectEnumAccess<'de> {
    key: &'de Spanned<String>,
    value: &'de Spanned<Value>,
}

impl<'de> EnumAccess<'de> for ObjectEnumAccess<'de> {
    type Error = DeError;
    type Variant = ValueDeserializer<'de>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, ValueDeserializer<'de>), DeError> {
        let variant = seed
            .deserialize(KeyDeserializer { key: self.key })
            .map_err(|e: DeError| e.or_span(self.key.span))?;
        Ok((variant, ValueDeserializer::new(self.value)))
    }
}

impl<'de> VariantAccess<'de> for ValueDeserializer<'de> {
    type Error = DeError;

    fn unit_variant(self) -> Result<(), DeError> {
        let span = self.value.span;
        serde::Deserialize::deserialize(self).map_err(|e: DeError| e.or_span(span))
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DeError> {
        let span = self.value.span;
        seed.deserialize(self).map_err(|e: DeError| e.or_span(span))
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, DeError> {
        de::Deserializer::deserialize_tuple(self, len, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        de::Deserializer::deserialize_struct(self, "", fields, visitor)
    }
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde::Deserialize;
    use serde_json::Value as J;

    fn text_at(src: &str, span: Span) -> &str {
        &src[span.start..span.end]
    }

    fn parse_err(src: &str) -> ParseError {
        match parse(src) {
            Ok(v) => panic!("{src:?} parsed as {v:?}"),
            Err(e) => e,
        }
    }

    fn de_err<T: for<'de> Deserialize<'de> + fmt::Debug>(src: &str) -> (String, String) {
        let tree = parse(src).unwrap();
        let err = match from_value::<T>(&tree) {
            Ok(v) => panic!("{src:?} deserialized as {v:?}"),
            Err(e) => e,
        };
        let span = err.span.expect("every error has a span");
        (err.message, text_at(src, span).to_owned())
    }

    #[test]
    fn spans_of_keys_and_values() {
        let src = "\u{feff} {\"a\": [1, -2.5e3, \"x\\ny\"], \"é\" :{\"b\":null} , \"c\":true}\n";
        let root = parse(src).unwrap();
        assert_eq!(text_at(src, root.span), &src[4..src.len() - 1]);
        let Value::Object(members) = &root.value else {
            panic!("not an object")
        };
        let got: Vec<(&str, &str, &str)> = members
            .iter()
            .map(|(k, v)| (k.value.as_str(), text_at(src, k.span), text_at(src, v.span)))
            .collect();
        assert_eq!(
            got,
            [
                ("a", "\"a\"", "[1, -2.5e3, \"x\\ny\"]"),
                ("é", "\"é\"", "{\"b\":null}"),
                ("c", "\"c\"", "true"),
            ]
        );
        let Value::Array(items) = &members[0].1.value else {
            panic!("not an array")
        };
        let items: Vec<&str> = items.iter().map(|v| text_at(src, v.span)).collect();
        assert_eq!(items, ["1", "-2.5e3", "\"x\\ny\""]);
        assert_eq!(
            members[0].1.value,
            Value::Array(vec![
                Spanned {
                    span: Span::new(11, 12),
                    value: Value::Number(1.into())
                },
                Spanned {
                    span: Span::new(14, 20),
                    value: Value::Number(serde_json::Number::from_f64(-2500.0).unwrap())
                },
                Spanned {
                    span: Span::new(22, 28),
                    value: Value::String("x\ny".into())
                },
            ])
        );
        assert_eq!(members[0].1.value.kind_name(), "an array");
        assert_eq!(members[1].1.value.kind_name(), "an object");
    }

    #[test]
    fn scalars() {
        let cases: &[(&str, Value)] = &[
            ("null", Value::Null),
            ("false", Value::Bool(false)),
            ("0", Value::Number(0u64.into())),
            ("-0", Value::Number(0u64.into())),
            ("18446744073709551615", Value::Number(u64::MAX.into())),
            ("-9223372036854775808", Value::Number(i64::MIN.into())),
            (
                "18446744073709551616",
                Value::Number(serde_json::Number::from_f64(18446744073709551616.0).unwrap()),
            ),
            (
                "-9223372036854775809",
                Value::Number(serde_json::Number::from_f64(-9223372036854775809.0).unwrap()),
            ),
            (
                "1E2",
                Value::Number(serde_json::Number::from_f64(100.0).unwrap()),
            ),
            (
                "1e-400",
                Value::Number(serde_json::Number::from_f64(0.0).unwrap()),
            ),
            (
                "\"\\u00e9\\uD83D\\uDE00\\/\\b\\f\\r\\t\"",
                Value::String("é😀/\u{8}\u{c}\r\t".into()),
            ),
            ("\"plain ünïcode\"", Value::String("plain ünïcode".into())),
        ];
        for (src, want) in cases {
            assert_eq!(&parse(src).unwrap().value, want, "{src}");
        }
        // Duplicate keys are kept in order.
        let v = parse(r#"{"a":1,"a":2}"#).unwrap();
        let Value::Object(m) = v.value else { panic!() };
        assert_eq!(m.len(), 2);
    }

    #[test]
    fn parse_errors_have_messages_and_spans() {
        // (source, start of message, text under the span)
        let cases: &[(&str, &str, &str)] = &[
            ("", "the input is empty", ""),
            ("  \n", "the input is empty", ""),
            (
                "{\"a\": 1 \"b\": 2}",
                "expected `,` or `}` after an object value, found `\"`",
                "\"",
            ),
            (
                "{\"a\": 1",
                "expected `,` or `}` after an object value, found the end",
                "",
            ),
            (
                "[1 2]",
                "expected `,` or `]` after an array element, found `2`",
                "2",
            ),
            ("[1, 2,]", "trailing comma is not allowed in JSON", ","),
            (
                "{\"a\": 1,\n}",
                "trailing comma is not allowed in JSON",
                ",",
            ),
            ("[,]", "expected a value or `]`, found `,`", ","),
            ("[1,,2]", "expected a value after `,`, found `,`", ","),
            (
                "{\"a\" 1}",
                "expected `:` after an object key, found `1`",
                "1",
            ),
            ("{\"a\":}", "expected a value after `:`, found `}`", "}"),
            ("{,}", "expected a string key or `}`, found `,`", ","),
            (
                "{\"a\":1, 2:3}",
                "object keys must be in double quotes, e.g. `\"2\"`",
                "2",
            ),
            (
                "{\"a\":1, [",
                "expected a string key after `,`, found `[`",
                "[",
            ),
            (
                "{name: 1}",
                "object keys must be in double quotes, e.g. `\"name\"`",
                "name",
            ),
            ("[\"ab", "unterminated string", "\""),
            ("{\"a\": \"b\\", "unterminated string", "\""),
            ("\"a\\qb\"", "invalid escape `\\q`", "\\q"),
            ("\"a\\éb\"", "invalid escape `\\é`", "\\é"),
            ("\"\\u12G4\"", "invalid unicode escape", "\\u12"),
            ("\"\\uD800\"", "unpaired surrogate `\\uD800`", "\\uD800"),
            (
                "\"\\uD800\\u0041\"",
                "unpaired surrogate `\\uD800`",
                "\\uD800",
            ),
            ("\"\\uDC00x\"", "unpaired surrogate `\\uDC00`", "\\uDC00"),
            (
                "\"a\nb\"",
                "control character in string: write it as `\\n`",
                "\n",
            ),
            (
                "\"a\tb\"",
                "control character in string: write it as `\\t`",
                "\t",
            ),
            (
                "\"a\u{1}b\"",
                "control character in string: write it as `\\u0001`",
                "\u{1}",
            ),
            ("// note\n{}", "comments are not allowed in JSON", "//"),
            (
                "{\"a\": 1 /* x */}",
                "comments are not allowed in JSON",
                "/*",
            ),
            ("[1] // end", "comments are not allowed in JSON", "//"),
            ("{'a': 1}", "strings must be in double quotes", "'"),
            ("True", "`True` is not valid JSON: write `true`", "True"),
            ("[None]", "`None` is not valid JSON: write `null`", "None"),
            ("NaN", "`NaN` is not a valid JSON number", "NaN"),
            (
                "-Infinity",
                "`-Infinity` is not a valid JSON number",
                "-Infinity",
            ),
            ("{\"a\": hello}", "unexpected word `hello`", "hello"),
            ("truex", "unexpected word `truex`", "truex"),
            ("+1", "a number must not start with `+`", "+"),
            (".5", "a number must start with a digit", "."),
            (
                "012",
                "numbers must not have leading zeros: write `12`",
                "012",
            ),
            ("-", "expected a digit after `-`", ""),
            ("-x", "expected a digit after `-`", "x"),
            ("1.", "expected a digit after the decimal point", ""),
            ("1.e5", "expected a digit after the decimal point", "e"),
            ("1e", "expected a digit in the exponent", ""),
            ("1e+]", "expected a digit in the exponent", "]"),
            ("1e400", "the number `1e400` is too large", "1e400"),
            ("-1e400", "the number `-1e400` is too large", "-1e400"),
            (
                "{} x",
                "expected the end of the input after the JSON value, found `x`",
                "x",
            ),
            (
                "1 2",
                "expected the end of the input after the JSON value, found `2`",
                "2",
            ),
            (
                "[1] ]",
                "expected the end of the input after the JSON value, found `]`",
                "]",
            ),
            (
                "\u{feff}\u{feff}1",
                "expected a JSON value, found the invisible character U+FEFF",
                "\u{feff}",
            ),
            ("[é]", "expected a value or `]`, found `é`", "é"),
        ];
        for &(src, message, under) in cases {
            let e = parse_err(src);
            assert!(
                e.message.starts_with(message),
                "{src:?}: message {:?} does not start with {message:?}",
                e.message
            );
            assert_eq!(
                text_at(src, e.span),
                under,
                "{src:?}: span of {:?}",
                e.message
            );
        }
    }

    #[test]
    fn nesting_limit() {
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        let tree = parse(&ok).unwrap();
        let back: J = from_value(&tree).unwrap();
        assert_eq!(serde_json::to_string(&back).unwrap(), ok);
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        let e = parse_err(&deep);
        assert!(
            e.message.starts_with("nesting is too deep"),
            "{}",
            e.message
        );
        assert_eq!(e.span, Span::new(MAX_DEPTH, MAX_DEPTH + 1));
        // Very deep input fails quickly without overflowing the stack.
        let huge = "[{\"a\":".repeat(100_000);
        assert!(parse_err(&huge).message.starts_with("nesting is too deep"));
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Claim {
        id: String,
        #[serde(default)]
        weight: u8,
        kind: Kind,
        #[serde(default)]
        tags: Vec<String>,
        note: Option<String>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        Fact,
        OpenQuestion,
        Quote { source: String },
        Scored(u32),
    }

    #[test]
    fn derive_ok() {
        let src = r#"[
            {"id": "c1", "kind": "open_question"},
            {"id": "c2", "kind": {"quote": {"source": "x"}}, "weight": 7, "tags": ["a"], "note": null},
            {"id": "c3", "kind": {"scored": 3}, "note": "n"}
        ]"#;
        let tree = parse(src).unwrap();
        let claims: Vec<Claim> = from_value(&tree).unwrap();
        assert_eq!(
            claims,
            [
                Claim {
                    id: "c1".into(),
                    weight: 0,
                    kind: Kind::OpenQuestion,
                    tags: vec![],
                    note: None
                },
                Claim {
                    id: "c2".into(),
                    weight: 7,
                    kind: Kind::Quote { source: "x".into() },
                    tags: vec!["a".into()],
                    note: None
                },
                Claim {
                    id: "c3".into(),
                    weight: 0,
                    kind: Kind::Scored(3),
                    tags: vec![],
                    note: Some("n".into())
                },
            ]
        );
    }

    #[test]
    fn unknown_field_points_at_the_key() {
        let (message, under) = de_err::<Claim>(r#"{"id": "c1", "kind": "fact", "wieght": 3}"#);
        assert!(message.starts_with("unknown field `wieght`"), "{message}");
        assert_eq!(under, "\"wieght\"");
    }

    #[test]
    fn missing_field_points_at_the_object() {
        let src = r#"[{"id": "c1", "kind": "fact"}, {"id": "c2"}]"#;
        let (message, under) = de_err::<Vec<Claim>>(src);
        assert_eq!(message, "missing field `kind`");
        assert_eq!(under, r#"{"id": "c2"}"#);
    }

    #[test]
    fn wrong_type_points_at_the_value() {
        let (message, under) = de_err::<Claim>(r#"{"id": "c1", "kind": "fact", "tags": ["a", 5]}"#);
        assert_eq!(message, "invalid type: integer `5`, expected a string");
        assert_eq!(under, "5");
        let (message, under) = de_err::<Claim>(r#"{"id": 12, "kind": "fact"}"#);
        assert!(
            message.starts_with("invalid type: integer `12`"),
            "{message}"
        );
        assert_eq!(under, "12");
        let (message, under) = de_err::<Claim>(r#"{"id": "c", "kind": "fact", "weight": 300}"#);
        assert_eq!(message, "invalid value: integer `300`, expected u8");
        assert_eq!(under, "300");
        let (message, under) = de_err::<Claim>(r#"{"id": "c", "kind": "fact", "weight": -1.5}"#);
        assert!(
            message.starts_with("invalid type: floating point `-1.5`"),
            "{message}"
        );
        assert_eq!(under, "-1.5");
        let (message, under) = de_err::<Claim>(r#"true"#);
        assert!(
            message.starts_with("invalid type: boolean `true`, expected struct Claim"),
            "{message}"
        );
        assert_eq!(under, "true");
        let (message, under) = de_err::<(u8, u8)>(r#"[1, 2, 3]"#);
        assert!(message.starts_with("too many elements"), "{message}");
        assert_eq!(under, "3");
    }

    #[test]
    fn enum_errors_point_at_the_variant() {
        let (message, under) = de_err::<Claim>(r#"{"id": "c1", "kind": "opinion"}"#);
        assert!(
            message.starts_with("unknown variant `opinion`, expected one of"),
            "{message}"
        );
        assert_eq!(under, "\"opinion\"");
        let (message, under) = de_err::<Claim>(r#"{"id": "c1", "kind": {"guess": 1}}"#);
        assert!(message.starts_with("unknown variant `guess`"), "{message}");
        assert_eq!(under, "\"guess\"");
        let (message, under) = de_err::<Claim>(r#"{"id": "c1", "kind": {"quote": {"src": "x"}}}"#);
        assert_eq!(message, "missing field `source`");
        assert_eq!(under, r#"{"src": "x"}"#);
        let (message, under) = de_err::<Claim>(r#"{"id": "c1", "kind": "quote"}"#);
        assert!(
            message.starts_with("this is a variant that holds fields"),
            "{message}"
        );
        assert_eq!(under, "\"quote\"");
        let (message, under) = de_err::<Claim>(r#"{"id": "c1", "kind": {"fact": null, "x": 1}}"#);
        assert!(
            message.starts_with("expected an object with exactly one key"),
            "{message}"
        );
        assert_eq!(under, r#"{"fact": null, "x": 1}"#);
        let (message, under) = de_err::<Claim>(r#"{"id": "c1", "kind": 4}"#);
        assert!(
            message.starts_with("invalid type: integer `4`, expected enum Kind"),
            "{message}"
        );
        assert_eq!(under, "4");
    }

    #[test]
    fn duplicate_field_points_at_the_second_key() {
        let (message, under) = de_err::<Claim>(r#"{"id": "a", "kind": "fact", "id" : "b"}"#);
        assert_eq!(message, "duplicate field `id`");
        assert_eq!(under, "\"id\"");
    }

    #[test]
    fn untagged_borrowed_and_maps() {
        #[derive(Debug, Deserialize, PartialEq)]
        #[serde(untagged)]
        enum Target<'a> {
            One(&'a str),
            Many(Vec<String>),
            Weighted { id: String, weight: f64 },
        }
        #[derive(Debug, Deserialize, PartialEq)]
        struct Edge<'a> {
            #[serde(borrow)]
            to: Target<'a>,
            label: &'a str,
            #[serde(default)]
            extra: serde_json::Map<String, J>,
        }
        let src = r#"[
            {"to": "c1", "label": "x"},
            {"to": ["c1", "c2"], "label": "y", "extra": {"k": [1, {"n": null}]}},
            {"to": {"id": "c3", "weight": 2}, "label": "z"}
        ]"#;
        let tree = parse(src).unwrap();
        let edges: Vec<Edge> = from_value(&tree).unwrap();
        assert_eq!(edges[0].to, Target::One("c1"));
        assert_eq!(edges[1].to, Target::Many(vec!["c1".into(), "c2".into()]));
        assert_eq!(edges[1].extra["k"], serde_json::json!([1, {"n": null}]));
        assert_eq!(
            edges[2].to,
            Target::Weighted {
                id: "c3".into(),
                weight: 2.0
            }
        );
        assert_eq!(edges[2].label, "z");

        let bad = r#"{"to": 5, "label": "x"}"#;
        let tree = parse(bad).unwrap();
        let err = from_value::<Edge>(&tree).unwrap_err();
        let (message, under) = (err.message, text_at(bad, err.span.unwrap()));
        assert!(
            message.starts_with("data did not match any variant"),
            "{message}"
        );
        assert_eq!(under, "5");

        let tree = parse(r#"{"1": "a", "20": "b"}"#).unwrap();
        let m: std::collections::BTreeMap<u8, char> = from_value(&tree).unwrap();
        assert_eq!(m.into_iter().collect::<Vec<_>>(), [(1, 'a'), (20, 'b')]);
        let src = r#"{"1": "a", "300": "b"}"#;
        let (message, under) = de_err::<std::collections::BTreeMap<u8, char>>(src);
        assert_eq!(message, "invalid value: integer `300`, expected u8");
        assert_eq!(under, "\"300\"");
    }

    #[test]
    fn newtypes_units_and_options() {
        #[derive(Debug, Deserialize, PartialEq)]
        struct Id(String);
        #[derive(Debug, Deserialize, PartialEq)]
        struct Unit;
        #[derive(Debug, Deserialize, PartialEq)]
        struct All {
            id: Id,
            unit: Unit,
            nothing: (),
            maybe: Option<Option<i8>>,
            pair: (i64, f32),
            big: u128,
            c: char,
        }
        let src = r#"{"id": "x", "unit": null, "nothing": null, "maybe": -3, "pair": [-9223372036854775808, 0.5], "big": 18446744073709551615, "c": "é"}"#;
        let tree = parse(src).unwrap();
        let all: All = from_value(&tree).unwrap();
        assert_eq!(
            all,
            All {
                id: Id("x".into()),
                unit: Unit,
                nothing: (),
                maybe: Some(Some(-3)),
                pair: (i64::MIN, 0.5),
                big: u128::from(u64::MAX),
                c: 'é'
            }
        );
        let (message, under) = de_err::<All>(&src.replace("-3", "\"a\""));
        assert!(
            message.starts_with("invalid type: string \"a\", expected i8"),
            "{message}"
        );
        assert_eq!(under, "\"a\"");
    }

    #[test]
    fn error_display() {
        let e = parse_err("[1,]");
        assert_eq!(e.to_string(), "trailing comma is not allowed in JSON");
        let e = DeError::custom("boom");
        assert_eq!(e.to_string(), "boom");
        assert_eq!(e.span, None);
    }

    // -- property tests ----------------------------------------------------

    fn arb_string() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            prop::collection::vec(any::<char>(), 0..12).prop_map(String::from_iter),
            "[a-z\"\\\\/\u{0}-\u{1f}é😀]{0,10}",
        ]
    }

    fn arb_json() -> impl Strategy<Value = J> {
        let leaf = prop_oneof![
            Just(J::Null),
            any::<bool>().prop_map(J::Bool),
            any::<i64>().prop_map(J::from),
            any::<u64>().prop_map(J::from),
            (-1000i64..1000).prop_map(J::from),
            any::<f64>()
                .prop_filter_map("finite", |f| serde_json::Number::from_f64(f).map(J::Number)),
            arb_string().prop_map(J::String),
        ];
        leaf.prop_recursive(5, 96, 8, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..8).prop_map(J::Array),
                prop::collection::vec((arb_string(), inner), 0..8)
                    .prop_map(|members| J::Object(members.into_iter().collect())),
            ]
        })
    }

    /// Equal, allowing serde_json's float parsing (not correctly rounded
    /// without its `float_roundtrip` feature) to be off by a rounding error.
    fn same(a: &J, b: &J) -> bool {
        match (a, b) {
            // serde_json reads `-0` as a float, we read it as an integer.
            (J::Number(x), J::Number(y)) if x.is_f64() || y.is_f64() => {
                let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
                // Within a few units in the last place (subnormals included).
                x == y
                    || (x.is_sign_negative() == y.is_sign_negative()
                        && x.to_bits().abs_diff(y.to_bits()) <= 2)
            }
            (J::Array(x), J::Array(y)) => {
                x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
            }
            (J::Object(x), J::Object(y)) => {
                x.len() == y.len()
                    && x.iter()
                        .zip(y)
                        .all(|((ka, a), (kb, b))| ka == kb && same(a, b))
            }
            _ => a == b,
        }
    }

    /// Parses with both parsers: they must agree on acceptance and on the value.
    fn check_against_serde_json(text: &str) -> Result<(), TestCaseError> {
        let ours = parse(text);
        let theirs = serde_json::from_str::<J>(text);
        match (&ours, &theirs) {
            (Ok(tree), Ok(want)) => {
                let got: J = from_value(tree).map_err(|e| TestCaseError::fail(e.message))?;
                prop_assert!(same(&got, want), "{text:?}: {got:?} != {want:?}");
            }
            (Err(e), Err(_)) => {
                prop_assert!(e.span.start <= e.span.end && e.span.end <= text.len());
                prop_assert!(
                    text.get(e.span.start..e.span.end).is_some(),
                    "span not on char boundaries"
                );
                prop_assert!(!e.message.is_empty());
            }
            _ => prop_assert!(false, "{text:?}: ours {ours:?}, serde_json {theirs:?}"),
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(crate::testing::proptest_config(512))]

        #[test]
        fn round_trips_serde_json(v in arb_json(), pretty in any::<bool>()) {
            let text = if pretty {
                serde_json::to_string_pretty(&v).unwrap()
            } else {
                serde_json::to_string(&v).unwrap()
            };
            let tree = parse(&text).map_err(|e| TestCaseError::fail(format!("{e:?} in {text}")))?;
            prop_assert_eq!(tree.span, Span::new(0, text.len()));
            let back: J = from_value(&tree).map_err(|e| TestCaseError::fail(e.message))?;
            prop_assert_eq!(back, v);
        }

        #[test]
        fn arbitrary_strings_never_panic(s in any::<String>()) {
            let _ = parse(&s);
        }

        #[test]
        fn json_like_strings_agree_with_serde_json(
            s in "[\\[\\]{}:,\" \n0-9a-z.eE+\\-/*\\\\\u{1}é]{0,40}"
        ) {
            check_against_serde_json(&s)?;
        }

        #[test]
        fn mutated_json_agrees_with_serde_json(
            v in arb_json(),
            edits in prop::collection::vec(
                (any::<prop::sample::Index>(), 0u8..3, prop::sample::select(
                    "{}[],:\"\\/* \n0-1.eE+tfnu\u{0}\u{7f}éD8".chars().collect::<Vec<_>>()
                )),
                1..4,
            ),
        ) {
            let mut chars: Vec<char> = serde_json::to_string(&v).unwrap().chars().collect();
            for (at, op, c) in edits {
                let i = at.index(chars.len() + 1);
                match op {
                    0 => chars.insert(i, c),
                    1 if i < chars.len() => { chars.remove(i); }
                    _ if i < chars.len() => chars[i] = c,
                    _ => chars.push(c),
                }
            }
            let text: String = chars.into_iter().collect();
            check_against_serde_json(&text)?;
        }
    }
}
