//! Text wrapped for a label: lines of a given width, cut to a given number of lines.

/// Text broken into lines of at most `width` characters at spaces, words longer than the
/// width broken where they must be, and cut to `max_lines` lines ending in `…`. Existing line
/// breaks are kept. `width` 0 keeps the lines as they are; `max_lines` 0 keeps all lines.
///
/// One pass over the text, written into one string: linear in its length.
pub(crate) fn wrap(text: &str, width: usize, max_lines: usize) -> String {
    let mut lines = Lines {
        out: String::with_capacity(text.len() + text.len() / width.max(1) + 4),
        count: 0,
        last: 0,
        max: max_lines,
        cut: false,
    };
    if width == 0 {
        for line in text.split('\n') {
            if !lines.start() {
                break;
            }
            lines.out.push_str(line);
        }
    } else {
        'text: for paragraph in text.trim().split('\n') {
            if !lines.start() {
                break;
            }
            let mut len = 0;
            for word in paragraph.split_whitespace() {
                let mut word = word;
                let mut word_len = word.chars().count();
                if len > 0 && len + 1 + word_len <= width {
                    lines.out.push(' ');
                    lines.out.push_str(word);
                    len += 1 + word_len;
                    continue;
                }
                if len > 0 && !lines.start() {
                    break 'text;
                }
                while word_len > width {
                    let cut = word
                        .char_indices()
                        .nth(width)
                        .map_or(word.len(), |(i, _)| i);
                    lines.out.push_str(&word[..cut]);
                    if !lines.start() {
                        break 'text;
                    }
                    word = &word[cut..];
                    word_len -= width;
                }
                lines.out.push_str(word);
                len = word_len;
            }
        }
    }
    if lines.cut {
        let last = &lines.out[lines.last..];
        let mut keep = last.len();
        if width > 0 && last.chars().count() >= width {
            keep = last
                .char_indices()
                .nth(width.saturating_sub(1))
                .map_or(last.len(), |(i, _)| i);
        }
        keep = last[..keep].trim_end().len();
        lines.out.truncate(lines.last + keep);
        lines.out.push('…');
    }
    lines.out
}

/// The lines of a wrapped label, written straight into one string.
struct Lines {
    out: String,
    /// Lines started so far.
    count: usize,
    /// Where the last line starts in `out`.
    last: usize,
    /// The most lines (0: no limit).
    max: usize,
    /// Whether text was left out because the limit was reached.
    cut: bool,
}

impl Lines {
    /// Starts a new line; false (and `cut` set) when the limit is reached.
    fn start(&mut self) -> bool {
        if self.max > 0 && self.count == self.max {
            self.cut = true;
            return false;
        }
        if self.count > 0 {
            self.out.push('\n');
        }
        self.last = self.out.len();
        self.count += 1;
        true
    }
}

/// A wrap width for headings, which may run wider than node labels; 0 stays 0 (no wrap).
pub(crate) fn wider(wrap: usize, at_least: usize) -> usize {
    if wrap == 0 {
        0
    } else {
        wrap.max(at_least)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The first, simpler version of `wrap`, kept to check the faster one against.
    fn wrap_reference(text: &str, width: usize, max_lines: usize) -> String {
        let mut lines: Vec<String> = Vec::new();
        if width == 0 {
            lines.extend(text.split('\n').map(str::to_owned));
        } else {
            for paragraph in text.trim().split('\n') {
                let mut line = String::new();
                let mut len = 0;
                for word in paragraph.split_whitespace() {
                    let mut word = word;
                    let mut word_len = word.chars().count();
                    if len > 0 && len + 1 + word_len <= width {
                        line.push(' ');
                        line.push_str(word);
                        len += 1 + word_len;
                        continue;
                    }
                    if len > 0 {
                        lines.push(std::mem::take(&mut line));
                    }
                    while word_len > width {
                        let cut = word
                            .char_indices()
                            .nth(width)
                            .map_or(word.len(), |(i, _)| i);
                        lines.push(word[..cut].to_owned());
                        word = &word[cut..];
                        word_len -= width;
                    }
                    line.push_str(word);
                    len = word_len;
                }
                lines.push(line);
            }
        }
        if max_lines > 0 && lines.len() > max_lines {
            lines.truncate(max_lines);
            if let Some(last) = lines.last_mut() {
                if width > 0 && last.chars().count() >= width {
                    let keep = last
                        .char_indices()
                        .nth(width.saturating_sub(1))
                        .map_or(last.len(), |(i, _)| i);
                    last.truncate(keep);
                }
                let trimmed = last.trim_end().len();
                last.truncate(trimmed);
                last.push('…');
            }
        }
        lines.join("\n")
    }

    proptest! {
        #[test]
        fn wrap_agrees_with_the_reference(
            text in "[a-z \\né]{0,120}",
            width in 0usize..30,
            max_lines in 0usize..6,
        ) {
            prop_assert_eq!(wrap(&text, width, max_lines), wrap_reference(&text, width, max_lines));
        }

        #[test]
        fn wrap_keeps_every_word_and_the_width(text in "[a-zé ]{0,200}", width in 1usize..40) {
            let wrapped = wrap(&text, width, 0);
            for line in wrapped.split('\n') {
                prop_assert!(line.chars().count() <= width, "{:?}", line);
            }
            prop_assert_eq!(
                wrapped.split_whitespace().collect::<String>(),
                text.split_whitespace().collect::<String>()
            );
        }
    }

    #[test]
    fn wrap_breaks_at_spaces_and_breaks_long_words() {
        assert_eq!(wrap("the quick brown fox", 10, 0), "the quick\nbrown fox");
        assert_eq!(wrap("abcdefghijkl xy", 5, 0), "abcde\nfghij\nkl xy");
        assert_eq!(wrap("  spaced   out  ", 20, 0), "spaced out");
        assert_eq!(wrap("keep\nlines", 20, 0), "keep\nlines");
        assert_eq!(wrap("exactly ten", 11, 0), "exactly ten");
        assert_eq!(
            wrap("no wrap at all, even when long", 0, 0),
            "no wrap at all, even when long"
        );
        assert_eq!(wrap("ééééé ééééé", 5, 0), "ééééé\nééééé");
    }

    #[test]
    fn wrap_cuts_to_max_lines_with_an_ellipsis() {
        assert_eq!(wrap("one two three four", 5, 2), "one\ntwo…");
        assert_eq!(wrap("aaaaa bbbbb ccccc", 5, 2), "aaaaa\nbbbb…");
        assert_eq!(wrap("a\nb\nc", 0, 2), "a\nb…");
        assert_eq!(wrap("one two", 5, 2), "one\ntwo");
    }
}
