//! Text measured with the font the built-in engine draws with, so that every label fits its
//! box.
//!
//! The font is DejaVu Sans (regular and bold), bundled in `assets/fonts/` under its own
//! licence: the SVG names it first, PNG and PDF are drawn with these very files, and no
//! system font is needed anywhere. A line's width is the sum of its glyphs' advances at the
//! font size; kerning only ever narrows DejaVu's lines, so the sum is a safe bound. A line's
//! height comes from the font's ascender, descender and line gap.

use std::sync::LazyLock;

use ttf_parser::Face;

/// DejaVu Sans.
pub(crate) fn regular_ttf() -> &'static [u8] {
    stored::regular()
}

/// DejaVu Sans Bold.
pub(crate) fn bold_ttf() -> &'static [u8] {
    stored::bold()
}

/// The font files as they are, where a program's size matters little.
#[cfg(not(target_arch = "wasm32"))]
mod stored {
    pub(super) fn regular() -> &'static [u8] {
        include_bytes!("../../assets/fonts/DejaVuSans.ttf")
    }

    pub(super) fn bold() -> &'static [u8] {
        include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf")
    }
}

/// On WebAssembly the fonts are stored deflated (`build.rs`), which keeps the package 0.75 MB
/// smaller, and inflated on first use (about 10 ms).
#[cfg(target_arch = "wasm32")]
mod stored {
    use std::sync::LazyLock;

    static REGULAR: LazyLock<Vec<u8>> = LazyLock::new(|| {
        inflate(include_bytes!(concat!(
            env!("OUT_DIR"),
            "/DejaVuSans.ttf.deflate"
        )))
    });
    static BOLD: LazyLock<Vec<u8>> = LazyLock::new(|| {
        inflate(include_bytes!(concat!(
            env!("OUT_DIR"),
            "/DejaVuSans-Bold.ttf.deflate"
        )))
    });

    pub(super) fn regular() -> &'static [u8] {
        &REGULAR
    }

    pub(super) fn bold() -> &'static [u8] {
        &BOLD
    }

    /// A bundled font, inflated: `build.rs` deflated it.
    fn inflate(deflated: &[u8]) -> Vec<u8> {
        miniz_oxide::inflate::decompress_to_vec(deflated).expect("the bundled font inflates")
    }
}

/// The `font-family` of every text in the SVG: the bundled font, then fonts of about its
/// width for a browser that lacks it.
pub(crate) const FAMILY: &str = "DejaVu Sans, Verdana, sans-serif";

/// Regular or bold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Weight {
    Regular,
    Bold,
}

/// One face's metrics, in font units.
pub(crate) struct Font {
    face: Face<'static>,
    units_per_em: f64,
    ascender: f64,
    /// Below the baseline, as a positive number.
    descender: f64,
    line_gap: f64,
    /// The advances of the ASCII characters, the common case, looked up once.
    ascii: [u16; 128],
}

static REGULAR: LazyLock<Font> = LazyLock::new(|| Font::parse(regular_ttf()));
static BOLD: LazyLock<Font> = LazyLock::new(|| Font::parse(bold_ttf()));

/// The bundled face of a weight.
pub(crate) fn font(weight: Weight) -> &'static Font {
    match weight {
        Weight::Regular => &REGULAR,
        Weight::Bold => &BOLD,
    }
}

impl Font {
    fn parse(data: &'static [u8]) -> Font {
        // The bundled files are known to parse: a test below reads both.
        let face = Face::parse(data, 0).expect("the bundled font parses");
        let mut ascii = [0; 128];
        for (c, advance) in ascii.iter_mut().enumerate() {
            *advance = face
                .glyph_index(char::from(c as u8))
                .and_then(|g| face.glyph_hor_advance(g))
                .unwrap_or(0);
        }
        Font {
            units_per_em: f64::from(face.units_per_em()),
            ascender: f64::from(face.ascender()),
            descender: -f64::from(face.descender()),
            line_gap: f64::from(face.line_gap()),
            face,
            ascii,
        }
    }

    /// The width of one line of text at `size` points. Control characters take no room
    /// (the SVG writer drops them); a character the font lacks is counted one em wide, the
    /// width of the CJK characters a browser draws from another font.
    pub(crate) fn width(&self, text: &str, size: f64) -> f64 {
        let mut units = 0.0;
        for c in text.chars() {
            if c.is_control() {
                continue;
            }
            if c.is_ascii() {
                units += f64::from(self.ascii[c as usize]);
            } else {
                units += self
                    .face
                    .glyph_index(c)
                    .and_then(|g| self.face.glyph_hor_advance(g))
                    .map_or(self.units_per_em, f64::from);
            }
        }
        units * size / self.units_per_em
    }

    /// The distance from one baseline to the next.
    pub(crate) fn line_height(&self, size: f64) -> f64 {
        (self.ascender + self.descender + self.line_gap) * size / self.units_per_em
    }

    /// From the top of a line to its baseline.
    pub(crate) fn ascent(&self, size: f64) -> f64 {
        (self.ascender + self.line_gap / 2.0) * size / self.units_per_em
    }

    /// The box a block of lines takes: its widest line, and one line height per line.
    pub(crate) fn block<'t>(&self, lines: impl IntoIterator<Item = &'t str>, size: f64) -> Size {
        let mut size_of = Size::default();
        for line in lines {
            size_of.width = size_of.width.max(self.width(line, size));
            size_of.height += self.line_height(size);
        }
        size_of
    }
}

/// A width and a height, in points.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Size {
    pub(crate) width: f64,
    pub(crate) height: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_faces_parse_with_the_metrics_of_dejavu_sans() {
        for weight in [Weight::Regular, Weight::Bold] {
            let f = font(weight);
            assert_eq!(f.units_per_em, 2048.0);
            // DejaVu's hhea metrics: 1901 up, 483 down, no gap.
            assert!((f.line_height(11.0) - 11.0 * 2384.0 / 2048.0).abs() < 1e-9);
            assert!(f.ascent(11.0) > 9.0 && f.ascent(11.0) < 11.0);
        }
    }

    #[test]
    fn widths_add_glyph_advances() {
        let f = font(Weight::Regular);
        // DejaVu Sans: `a` advances 1255 units, a space 651.
        assert!((f.width("a", 2048.0) - 1255.0).abs() < 1e-9);
        assert!((f.width("a a", 2048.0) - (2.0 * 1255.0 + 651.0)).abs() < 1e-9);
        assert_eq!(f.width("", 11.0), 0.0);
        // Twice the size, twice the width.
        let w = f.width("Encryption protects users", 11.0);
        assert!((f.width("Encryption protects users", 22.0) - 2.0 * w).abs() < 1e-9);
        // Bold is wider; `W` wider than `i`.
        assert!(font(Weight::Bold).width("Encryption", 11.0) > f.width("Encryption", 11.0));
        assert!(f.width("W", 11.0) > f.width("i", 11.0));
    }

    #[test]
    fn other_scripts_are_measured_and_missing_glyphs_take_an_em() {
        let f = font(Weight::Regular);
        // Cyrillic, Greek and Arabic are in DejaVu Sans.
        for text in ["шифрование", "κρυπτογράφηση", "تشفير"] {
            let w = f.width(text, 11.0);
            assert!(
                w > 11.0 && w < 11.0 * text.chars().count() as f64,
                "{text}: {w}"
            );
        }
        // CJK is not: one em each.
        assert!((f.width("暗号", 11.0) - 22.0).abs() < 1e-9);
        // Control characters take no room.
        assert_eq!(f.width("a\u{0}\u{7}\u{9f}", 11.0), f.width("a", 11.0));
    }

    #[test]
    fn a_block_is_its_widest_line_by_its_line_count() {
        let f = font(Weight::Regular);
        let block = f.block(["short", "a longer line"], 11.0);
        assert_eq!(block.width, f.width("a longer line", 11.0));
        assert_eq!(block.height, 2.0 * f.line_height(11.0));
    }
}
