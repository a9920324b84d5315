//! The shape of a map file around a place, for what the index of ids does not say: which
//! list an element stands in (the outline, and which ids suit a reference field) and what
//! the cursor is in (a field name, a field's value, an item of a list), for completion.
//!
//! One forward pass over the text with a stack of open objects and arrays; it never fails,
//! so it also reads a file that is being typed and does not parse yet.

/// An open object or array.
#[derive(Clone, Debug)]
enum Frame {
    Object {
        /// The last key read in it.
        key: Option<String>,
        /// Where that key starts (its opening quote).
        key_start: usize,
        /// Whether that key's colon has been read (so a value comes next).
        after_colon: bool,
        /// Where the object opens.
        start: usize,
    },
    Array {
        /// The key whose value it is.
        key: Option<String>,
        /// Where the key (or, with no key, the array) starts.
        start: usize,
    },
}

/// An element of the map file: an object in one of the top-level lists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// The list (`claims`, `actors`, ...).
    pub list: String,
    /// The object's bytes, braces included.
    pub span: (usize, usize),
    /// Its `id`, and the bytes of the id inside its quotes.
    pub id: Option<(String, (usize, usize))>,
}

/// A top-level list, from its key to its closing bracket.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct List {
    /// The key.
    pub name: String,
    /// The bytes from the key's opening quote to the closing bracket.
    pub span: (usize, usize),
}

/// The elements and lists of a map file.
#[derive(Clone, Debug, Default)]
pub struct Outline {
    /// The top-level lists, in text order.
    pub lists: Vec<List>,
    /// Their elements, in text order.
    pub items: Vec<Item>,
}

/// What the cursor is in, for completion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Context {
    /// Where a field name goes, in an element of `list` (`None`: the top level).
    Key {
        /// The list whose element it is, if any.
        list: Option<String>,
        /// Whether the cursor is inside the key's quotes.
        quoted: bool,
    },
    /// Where the value of `key` goes (as itself, or as an item of its array).
    Value {
        /// The list whose element it is, if any.
        list: Option<String>,
        /// The field.
        key: String,
        /// Whether the cursor is inside a string.
        quoted: bool,
    },
    /// Anywhere else.
    Other,
}

struct Walker<'a> {
    bytes: &'a [u8],
    stack: Vec<Frame>,
    outline: Outline,
}

impl Walker<'_> {
    /// The top-level list the innermost element stands in: the key of the array at depth 2.
    fn list(&self) -> Option<String> {
        match (self.stack.first(), self.stack.get(1), self.stack.len()) {
            (Some(Frame::Object { .. }), Some(Frame::Array { key, .. }), n) if n >= 3 => {
                key.clone()
            }
            _ => None,
        }
    }

    /// Where the string opening at `start` ends: the end of its text and the place after
    /// it (past the closing quote; an unclosed string ends at its line's end). `Err` when
    /// `stop` comes first (the cursor is inside it).
    fn string_end(&self, start: usize, stop: usize) -> Result<(usize, usize), ()> {
        let mut i = start + 1;
        while i < self.bytes.len() {
            if i >= stop {
                return Err(());
            }
            match self.bytes[i] {
                b'\\' => i += 2,
                b'"' => return Ok((i, i + 1)),
                b'\n' => return Ok((i, i)),
                _ => i += 1,
            }
        }
        if i >= stop {
            Err(())
        } else {
            Ok((self.bytes.len(), self.bytes.len()))
        }
    }

    /// The context at the top of the stack, the cursor inside a string or not.
    fn context(&self, quoted: bool) -> Context {
        let list = self.list();
        match self.stack.last() {
            Some(Frame::Object {
                after_colon: false, ..
            }) => Context::Key { list, quoted },
            Some(Frame::Object {
                key: Some(key),
                after_colon: true,
                ..
            }) => Context::Value {
                list,
                key: key.clone(),
                quoted,
            },
            Some(Frame::Array { key: Some(key), .. }) => {
                // An array's items belong to the element holding the array.
                Context::Value {
                    list,
                    key: key.clone(),
                    quoted,
                }
            }
            _ => Context::Other,
        }
    }

    /// Walks to `stop` (or the end), returning the context there if it is reached.
    fn walk(&mut self, src: &str, stop: usize) -> Option<Context> {
        let mut i = 0;
        while i < self.bytes.len() {
            if i >= stop {
                return Some(self.context(false));
            }
            match self.bytes[i] {
                b'"' => {
                    let Ok((text_end, end)) = self.string_end(i, stop) else {
                        return Some(self.context(true));
                    };
                    // An escape at the very end may step past the text.
                    let text_end = text_end.min(self.bytes.len());
                    let inner = src.get(i + 1..text_end).unwrap_or("");
                    let depth = self.stack.len();
                    let in_item = depth == 3 && self.list().is_some();
                    if let Some(Frame::Object {
                        key,
                        after_colon,
                        key_start,
                        ..
                    }) = self.stack.last_mut()
                    {
                        if *after_colon {
                            if in_item && key.as_deref() == Some("id") {
                                if let Some(item) = self.outline.items.last_mut() {
                                    item.id = Some((inner.to_owned(), (i + 1, text_end)));
                                }
                            }
                        } else {
                            *key = Some(inner.to_owned());
                            *key_start = i;
                        }
                    }
                    i = end;
                    continue;
                }
                b':' => {
                    if let Some(Frame::Object { after_colon, .. }) = self.stack.last_mut() {
                        *after_colon = true;
                    }
                }
                b',' => {
                    if let Some(Frame::Object {
                        after_colon, key, ..
                    }) = self.stack.last_mut()
                    {
                        *after_colon = false;
                        *key = None;
                    }
                }
                b'{' => {
                    self.stack.push(Frame::Object {
                        key: None,
                        key_start: i,
                        after_colon: false,
                        start: i,
                    });
                    if self.stack.len() == 3 {
                        if let Some(list) = self.list() {
                            self.outline.items.push(Item {
                                list,
                                span: (i, i + 1),
                                id: None,
                            });
                        }
                    }
                }
                b'[' => {
                    let (key, start) = match self.stack.last() {
                        Some(Frame::Object { key, key_start, .. }) => {
                            (key.clone(), if key.is_some() { *key_start } else { i })
                        }
                        _ => (None, i),
                    };
                    self.stack.push(Frame::Array { key, start });
                }
                b'}' => {
                    let depth = self.stack.len();
                    let in_item = depth == 3 && self.list().is_some();
                    if let Some(Frame::Object { start, .. }) = self.stack.pop() {
                        if in_item {
                            if let Some(item) = self.outline.items.last_mut() {
                                if item.span.0 == start {
                                    item.span.1 = i + 1;
                                }
                            }
                        }
                    }
                }
                b']' => {
                    let depth = self.stack.len();
                    if let Some(Frame::Array {
                        key: Some(key),
                        start,
                    }) = self.stack.pop()
                    {
                        if depth == 2 {
                            self.outline.lists.push(List {
                                name: key,
                                span: (start, i + 1),
                            });
                        }
                    }
                }
                _ => {}
            }
            i += 1;
        }
        (stop <= self.bytes.len()).then(|| self.context(false))
    }
}

/// The lists and elements of a map file. Linear in the text.
pub fn outline(src: &str) -> Outline {
    let mut walker = Walker {
        bytes: src.as_bytes(),
        stack: Vec::new(),
        outline: Outline::default(),
    };
    walker.walk(src, usize::MAX);
    walker.outline
}

/// What the byte offset `at` stands in. Linear in the text before it.
pub fn context(src: &str, at: usize) -> Context {
    let mut walker = Walker {
        bytes: src.as_bytes(),
        stack: Vec::new(),
        outline: Outline::default(),
    };
    walker
        .walk(src, at.min(src.len()))
        .unwrap_or(Context::Other)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAP: &str = r#"{"argumap": 1, "title": "T",
  "claims": [
    {"id": "a", "text": "A [x]", "supports": ["b", ""]},
    {"id": "b", "text": "B", "kind": ""}
  ],
  "relations": [{"from": "a", "to": "b", "kind": "rebuts"}]
}"#;

    #[test]
    fn finds_the_lists_and_their_elements() {
        let o = outline(MAP);
        let names: Vec<&str> = o.lists.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["claims", "relations"]);
        assert!(MAP[o.lists[0].span.0..].starts_with("\"claims\""));
        assert!(MAP[..o.lists[0].span.1].ends_with(']'));
        let ids: Vec<Option<&str>> = o
            .items
            .iter()
            .map(|i| i.id.as_ref().map(|(id, _)| id.as_str()))
            .collect();
        assert_eq!(ids, [Some("a"), Some("b"), None]);
        let (a, span) = o.items[0].id.clone().unwrap();
        assert_eq!(&MAP[span.0..span.1], a);
        assert!(MAP[o.items[0].span.0..o.items[0].span.1].ends_with("\"\"]}"));
    }

    #[test]
    fn says_what_the_cursor_is_in() {
        let in_array = MAP.find(r#""]}"#).unwrap();
        assert_eq!(
            context(MAP, in_array),
            Context::Value {
                list: Some("claims".into()),
                key: "supports".into(),
                quoted: true
            }
        );
        let kind = MAP.find(r#""kind": ""#).unwrap() + 9;
        assert_eq!(
            context(MAP, kind),
            Context::Value {
                list: Some("claims".into()),
                key: "kind".into(),
                quoted: true
            }
        );
        let key = MAP.find(r#""text": "B""#).unwrap() + 2;
        assert_eq!(
            context(MAP, key),
            Context::Key {
                list: Some("claims".into()),
                quoted: true
            }
        );
        let top = MAP.find("\n  \"relations").unwrap() + 1;
        assert_eq!(
            context(MAP, top),
            Context::Key {
                list: None,
                quoted: false
            }
        );
        let rel = MAP.find(r#""rebuts""#).unwrap() + 2;
        assert_eq!(
            context(MAP, rel),
            Context::Value {
                list: Some("relations".into()),
                key: "kind".into(),
                quoted: true
            }
        );
    }

    #[test]
    fn never_fails_on_a_text_cut_anywhere() {
        let text = "{\"claims\": [{\"id\": \"ä😀\\\"\", \"text\": \"漢字\n\"by\": [\"a\\";
        for (cut, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let part = &text[..cut];
            outline(part);
            for (at, _) in part.char_indices() {
                context(part, at);
            }
            context(part, part.len());
        }
    }
}
