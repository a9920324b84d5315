//! Places in a text, converted between the core's byte offsets and 1-based character
//! columns and the protocol's 0-based positions, whose columns count UTF-16 code units (the
//! protocol's default) or bytes (when the client offers `utf-8` and we choose it).

use argumap::diagnostic::{LineIndex, Location};
use lsp_types::{Position, Range};

/// How a position's `character` counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 code units: bytes.
    Utf8,
    /// UTF-16 code units: one for a character of the Basic Multilingual Plane, two for the
    /// others (most emoji).
    Utf16,
}

/// Where each line of a text starts (the core's [`LineIndex`]): each conversion is a binary
/// search plus a walk along one line.
#[derive(Clone, Debug, Default)]
pub struct Lines {
    index: LineIndex,
}

impl Lines {
    /// The line starts of a text.
    pub fn new(text: &str) -> Lines {
        Lines {
            index: LineIndex::new(text),
        }
    }

    /// The bytes of a line, without its line break.
    fn line_span(&self, text: &str, line: usize) -> (usize, usize) {
        let start = self
            .index
            .line_start(line)
            .unwrap_or(text.len())
            .min(text.len());
        let end = self
            .index
            .line_start(line + 1)
            .map_or(text.len(), |next| next - 1);
        let end = if text[start..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        (start, end.max(start))
    }

    /// The protocol position of a byte offset (moved back to a character boundary).
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.index.line_of(offset);
        let start = self.index.line_start(line).unwrap_or(0);
        let before = &text[start..offset];
        let character = match encoding {
            Encoding::Utf8 => before.len(),
            Encoding::Utf16 => before.encode_utf16().count(),
        };
        Position::new(line as u32, character as u32)
    }

    /// The protocol range of a byte span.
    pub fn range(&self, text: &str, start: usize, end: usize, encoding: Encoding) -> Range {
        Range::new(
            self.position(text, start, encoding),
            self.position(text, end, encoding),
        )
    }

    /// The byte offset of a protocol position. A position past the end of its line stands
    /// at the line's end; one inside a character, at the character's start.
    pub fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        let line = position.line as usize;
        if line >= self.index.lines() {
            return text.len();
        }
        let (start, end) = self.line_span(text, line);
        let want = position.character as usize;
        let mut units = 0;
        for (i, c) in text[start..end].char_indices() {
            let width = match encoding {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
            };
            if units + width > want {
                return start + i;
            }
            units += width;
        }
        end
    }

    /// The byte offset of one of the core's locations (1-based line, 1-based column in
    /// characters).
    pub fn offset_of_location(&self, text: &str, location: Location) -> usize {
        let line = location.line.saturating_sub(1);
        if line >= self.index.lines() {
            return text.len();
        }
        let (start, end) = self.line_span(text, line);
        text[start..end]
            .char_indices()
            .nth(location.column.saturating_sub(1))
            .map_or(end, |(i, _)| start + i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_utf16_units_and_bytes() {
        let text = "ab\n😀 漢字 x\r\nz";
        let lines = Lines::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(
            lines.position(text, x, Encoding::Utf16),
            Position::new(1, 6)
        );
        assert_eq!(
            lines.position(text, x, Encoding::Utf8),
            Position::new(1, 12)
        );
        assert_eq!(lines.offset(text, Position::new(1, 6), Encoding::Utf16), x);
        assert_eq!(lines.offset(text, Position::new(1, 12), Encoding::Utf8), x);
        // Inside the emoji's surrogate pair: its start.
        assert_eq!(
            lines.offset(text, Position::new(1, 1), Encoding::Utf16),
            x - 12
        );
        // Past the end of the line: before its `\r\n`.
        assert_eq!(
            lines.offset(text, Position::new(1, 99), Encoding::Utf16),
            x + 1
        );
        let at = lines.offset_of_location(text, Location { line: 2, column: 6 });
        assert_eq!(at, x);
        assert_eq!(
            lines.position(text, text.len(), Encoding::Utf16),
            Position::new(2, 1)
        );
    }
}
