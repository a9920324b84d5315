//! PNG and PDF from the built-in engine's SVG, in pure Rust: resvg draws the PNG and svg2pdf
//! writes the PDF (they share usvg, which reads the SVG once for either).
//!
//! Text is set in the bundled DejaVu Sans, loaded from the binary into the font database:
//! no system font is looked for, so a picture comes out the same on every machine, and the
//! text fits the boxes measured for it ([`crate::render::font`]). The PDF embeds the font
//! (subset), so its text can be selected and searched.

use std::sync::{Arc, LazyLock};

use resvg::tiny_skia;
use resvg::usvg::{self, fontdb};

use crate::render::font::{bold_ttf, regular_ttf};

/// The most pixels a PNG side may have (cairo's limit, which Graphviz shares).
const MAX_SIDE: f64 = 32_767.0;
/// The most pixels a PNG may have: 64 million, 256 MiB while it is drawn.
const MAX_PIXELS: f64 = 64.0 * 1024.0 * 1024.0;

/// The bundled fonts, loaded once.
static FONTS: LazyLock<Arc<fontdb::Database>> = LazyLock::new(|| {
    let mut db = fontdb::Database::new();
    for data in [regular_ttf(), bold_ttf()] {
        db.load_font_source(fontdb::Source::Binary(Arc::new(data)));
    }
    let family = "DejaVu Sans";
    db.set_sans_serif_family(family);
    db.set_serif_family(family);
    db.set_monospace_family(family);
    db.set_cursive_family(family);
    db.set_fantasy_family(family);
    Arc::new(db)
});

/// The SVG read by usvg, at 96 pixels an inch (usvg's own measure for `pt`).
fn tree(svg: &str) -> Result<usvg::Tree, String> {
    let options = usvg::Options {
        font_family: "DejaVu Sans".to_owned(),
        fontdb: Arc::clone(&FONTS),
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &options).map_err(|e| e.to_string())
}

/// The SVG drawn as a PNG at `dpi` pixels an inch: a point is `dpi / 72` pixels. A picture
/// that would be larger than 32,767 pixels a side or 64 million pixels in all is drawn at
/// the largest resolution that stays within both, as Graphviz scales its own down.
///
/// # Errors
///
/// A message when the SVG cannot be read or the PNG cannot be written.
pub(crate) fn png(svg: &str, dpi: u32) -> Result<Vec<u8>, String> {
    let tree = tree(svg)?;
    let size = tree.size();
    let (w, h) = (f64::from(size.width()), f64::from(size.height()));
    let mut scale = f64::from(dpi.max(1)) / 96.0;
    scale = scale
        .min(MAX_SIDE / w.max(1.0))
        .min(MAX_SIDE / h.max(1.0))
        .min((MAX_PIXELS / (w * h).max(1.0)).sqrt());
    let width = (w * scale).ceil().max(1.0) as u32;
    let height = (h * scale).ceil().max(1.0) as u32;
    let mut pixmap = tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| format!("cannot make a {width} by {height} pixel picture"))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    let scale = scale as f32;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().map_err(|e| e.to_string())
}

/// The SVG as a one-page PDF of the same size in points, its text embedded as text.
///
/// # Errors
///
/// A message when the SVG cannot be read or converted.
pub(crate) fn pdf(svg: &str) -> Result<Vec<u8>, String> {
    let tree = tree(svg)?;
    svg2pdf::to_pdf(
        &tree,
        svg2pdf::ConversionOptions::default(),
        // usvg read `pt` at 96 pixels an inch; the page is in points again.
        svg2pdf::PageOptions { dpi: 96.0 },
    )
    .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<svg width="144pt" height="72pt" viewBox="0 0 144 72" xmlns="http://www.w3.org/2000/svg">
<rect x="0" y="0" width="144" height="72" fill="#FFFBEA"/>
<text x="72" y="40" text-anchor="middle" font-family="DejaVu Sans, Verdana, sans-serif" font-size="11">Encryption</text>
</svg>"##;

    fn png_size(png: &[u8]) -> (u32, u32) {
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
        let be = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
        (be(16), be(20))
    }

    #[test]
    fn png_is_sized_by_dpi() {
        assert_eq!(png_size(&png(SVG, 72).unwrap()), (144, 72));
        assert_eq!(png_size(&png(SVG, 144).unwrap()), (288, 144));
        assert_eq!(png_size(&png(SVG, 96).unwrap()), (192, 96));
    }

    #[test]
    fn huge_pictures_are_scaled_down_to_fit() {
        let huge = SVG
            .replace("width=\"144pt\"", "width=\"100000pt\"")
            .replace("0 0 144 72", "0 0 100000 72");
        let (w, h) = png_size(&png(&huge, 144).unwrap());
        assert!(w <= 32_767 && h >= 1, "{w}x{h}");
    }

    #[test]
    fn text_is_drawn_with_the_bundled_font() {
        let tree = tree(SVG).unwrap();
        assert_eq!(FONTS.len(), 2);
        // The text became glyph outlines: the font was found.
        fn glyphs(group: &usvg::Group) -> usize {
            group
                .children()
                .iter()
                .map(|node| match node {
                    usvg::Node::Text(text) => text.flattened().children().len(),
                    usvg::Node::Group(group) => glyphs(group),
                    _ => 0,
                })
                .sum()
        }
        assert!(glyphs(tree.root()) > 0, "the text has glyphs");
        let blank = png(&SVG.replace("Encryption", ""), 72).unwrap();
        assert_ne!(png(SVG, 72).unwrap(), blank);
    }

    #[test]
    fn pdf_is_a_page_of_the_same_size() {
        let pdf = pdf(SVG).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&pdf);
        assert!(
            text.contains("/MediaBox [0 0 144 72]"),
            "{}",
            &text[..text.len().min(2000)]
        );
        assert!(text.contains("DejaVu"), "the font is embedded");
    }
}
