//! Rendering maps to pictures and pages: SVG, PNG and PDF, and a self-contained interactive
//! HTML page around the SVG, through Graphviz or through the built-in engine.
//!
//! Two engines draw the same diagram:
//!
//! - **Graphviz**: [`crate::export::dot`] (our DOT text) → [`graphviz`] (the `dot` program,
//!   run with a time limit) → the bytes of the picture. Big maps are drawn through a
//!   [`crate::view`] of them: Graphviz cannot lay out ten thousand clustered nodes in any
//!   reasonable time, so [`render`] refuses a drawing larger than
//!   [`RenderOptions::max_layout`] and says which view to ask for.
//! - **Built-in**, which needs nothing installed: the same nodes, labels, styles, boxes and
//!   legend as the DOT text, sized with the bundled DejaVu Sans font, placed by
//!   the built-in layout (`render::layout`), drawn as SVG by us, and turned into PNG by resvg and into PDF by svg2pdf
//!   (the `raster` feature, part of the default `cli` feature).
//!
//! [`Engine::Auto`] uses Graphviz when `dot` is on the PATH, and the built-in engine
//! otherwise.

mod font;
pub mod graphviz;
pub mod html;
pub(crate) mod layout;
#[cfg(feature = "raster")]
mod raster;
mod scene;
mod svg;

use std::path::Path;
use std::time::Duration;

use crate::diagram::DotOptions;
use crate::model::Map;

pub use graphviz::{GraphvizError, Target};

/// What a render writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Output {
    /// SVG, for the web and for editing.
    Svg,
    /// PNG, for slides and documents.
    Png,
    /// PDF, for printing a handout.
    Pdf,
    /// One self-contained HTML page: the diagram with search, filters and details.
    Html,
}

impl Output {
    /// Every output, in the order messages list them.
    pub const ALL: [Output; 4] = [Output::Svg, Output::Png, Output::Pdf, Output::Html];

    /// The output's name, which is also its file extension.
    pub fn name(self) -> &'static str {
        match self {
            Output::Svg => "svg",
            Output::Png => "png",
            Output::Pdf => "pdf",
            Output::Html => "html",
        }
    }

    /// The output a name or extension stands for (`htm` is HTML too).
    pub fn from_name(name: &str) -> Option<Output> {
        Output::ALL
            .into_iter()
            .find(|o| o.name().eq_ignore_ascii_case(name))
            .or_else(|| name.eq_ignore_ascii_case("htm").then_some(Output::Html))
    }

    /// The output a file's extension names.
    pub fn from_path(path: &Path) -> Option<Output> {
        Output::from_name(path.extension()?.to_str()?)
    }
}

/// Which layout engine draws the map.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Engine {
    /// Graphviz when `dot` is on the PATH, else the built-in engine.
    #[default]
    Auto,
    /// Graphviz's `dot`, run as a separate program.
    Graphviz,
    /// The built-in engine, which needs nothing installed. It draws SVG and HTML always,
    /// and PNG and PDF with the `raster` feature.
    Builtin,
}

crate::names::choice_names!(Engine, "engine" {
    Auto => "auto",
    Graphviz => "graphviz" | "dot",
    Builtin => "builtin" | "built-in",
});

/// How to render.
#[derive(Clone, Debug)]
pub struct RenderOptions {
    /// The look of the diagram.
    pub dot: DotOptions,
    /// Which engine lays it out.
    pub engine: Engine,
    /// How long Graphviz may take before it is stopped. Default 120 s. The built-in engine
    /// takes no time limit: it draws thousands of nodes in seconds.
    pub timeout: Duration,
    /// PNG resolution in dots per inch. Default 144: sharp on a slide and in print. The
    /// built-in engine draws a picture that would exceed 32,767 pixels a side or 64 million
    /// pixels at the largest resolution that fits.
    pub dpi: u32,
    /// The most nodes a drawing may have before [`render`] refuses to hand it to Graphviz and
    /// suggests a view or the built-in engine. Default 2,000: `dot` takes about a minute
    /// there with clusters, and it does not finish ten thousand in ten minutes. The built-in
    /// engine takes any size.
    pub max_layout: usize,
    /// The page around the diagram, for [`Output::Html`].
    pub html: html::HtmlOptions,
}

impl Default for RenderOptions {
    fn default() -> RenderOptions {
        RenderOptions {
            dot: DotOptions::default(),
            engine: Engine::Auto,
            timeout: Duration::from_secs(120),
            dpi: 144,
            max_layout: 2_000,
            html: html::HtmlOptions::default(),
        }
    }
}

/// Why a map could not be rendered.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RenderError {
    /// Graphviz is missing, failed or timed out.
    #[error(transparent)]
    Graphviz(#[from] GraphvizError),
    /// The built-in engine was asked for a PNG or a PDF, and this build of the library has
    /// no `raster` feature (SVG and HTML it always draws).
    #[error(
        "this build of argumap draws PNG and PDF only through Graphviz: it was built without \
         the `raster` feature\n  \
         hint: render to .svg or .html, install Graphviz and use --engine graphviz, or build \
         argumap with `--features raster`"
    )]
    NoBuiltinEngine,
    /// `--engine auto` found no Graphviz for a PNG or a PDF, and this build of the library
    /// has no `raster` feature for the built-in engine to draw one.
    #[error(
        "no engine can draw a PNG or PDF here: Graphviz's `dot` was not found on the PATH, \
         and this build of argumap has no `raster` feature\n  \
         hint: render to .svg or .html, install Graphviz (Debian or Ubuntu: \
         `sudo apt-get install graphviz`; macOS: `brew install graphviz`; Windows: \
         `winget install graphviz`), or build argumap with `--features raster`"
    )]
    NoEngine,
    /// The built-in engine's SVG could not be turned into a PNG or a PDF.
    #[error("could not convert the drawing to {output}: {message}")]
    Raster {
        /// `PNG` or `PDF`.
        output: &'static str,
        /// What went wrong.
        message: String,
    },
    /// The drawing has more nodes than Graphviz can lay out in reasonable time.
    #[error(
        "the map is too big to draw whole: {nodes} nodes, and Graphviz cannot lay out more \
         than about {limit} in reasonable time\n  \
         hint: draw it with the built-in engine (--engine builtin), or draw a view of it: \
         --max-nodes 300 (the part nearest the theses), --focus ID --depth 2, --actor ID, \
         --tag TAG or --group ID; or raise the limit with --max-layout {nodes}"
    )]
    TooBig {
        /// Nodes the drawing would have.
        nodes: usize,
        /// The limit.
        limit: usize,
    },
}

/// Renders a map (or a view of one) to the bytes of an SVG, PNG, PDF or HTML file.
///
/// # Errors
///
/// A [`RenderError`] when Graphviz is asked for and missing, fails or times out, the
/// drawing is too big for Graphviz, or the built-in engine cannot draw a PNG or PDF in a
/// build without the `raster` feature.
pub fn render(map: &Map, output: Output, options: &RenderOptions) -> Result<Vec<u8>, RenderError> {
    let program = match options.engine {
        Engine::Builtin => return builtin(map, output, options, RenderError::NoBuiltinEngine),
        Engine::Graphviz => graphviz::find().ok_or(GraphvizError::Missing)?,
        Engine::Auto => match graphviz::find() {
            Some(program) => program,
            None => return builtin(map, output, options, RenderError::NoEngine),
        },
    };
    let nodes = drawn_nodes(map, &options.dot);
    if nodes > options.max_layout {
        return Err(RenderError::TooBig {
            nodes,
            limit: options.max_layout,
        });
    }
    let dot_text = crate::export::dot::to_string(map, &options.dot);
    let target = match output {
        Output::Svg | Output::Html => Target::Svg,
        Output::Png => Target::Png { dpi: options.dpi },
        Output::Pdf => Target::Pdf,
    };
    let picture = graphviz::run_program(&program, &dot_text, target, options.timeout)?;
    if output == Output::Html {
        let svg = String::from_utf8_lossy(&picture);
        return Ok(html::page(map, &svg, &options.html).into_bytes());
    }
    Ok(picture)
}

/// The built-in engine: the scene, laid out, drawn as SVG, and from there PNG, PDF or the
/// page. `no_raster` is the error for a PNG or PDF in a build without the `raster` feature.
fn builtin(
    map: &Map,
    output: Output,
    options: &RenderOptions,
    no_raster: RenderError,
) -> Result<Vec<u8>, RenderError> {
    if matches!(output, Output::Png | Output::Pdf) && !cfg!(feature = "raster") {
        return Err(no_raster);
    }
    let scene = scene::Scene::new(map, &options.dot);
    let placed = layout::layout(&scene.graph(), &layout::LayoutOptions::default());
    let svg = svg::to_string(&scene, &placed);
    match output {
        Output::Svg => Ok(svg.into_bytes()),
        Output::Html => Ok(html::page(map, &svg, &options.html).into_bytes()),
        #[cfg(feature = "raster")]
        Output::Png => raster::png(&svg, options.dpi).map_err(|message| RenderError::Raster {
            output: "PNG",
            message,
        }),
        #[cfg(feature = "raster")]
        Output::Pdf => raster::pdf(&svg).map_err(|message| RenderError::Raster {
            output: "PDF",
            message,
        }),
        #[cfg(not(feature = "raster"))]
        Output::Png | Output::Pdf => Err(no_raster),
    }
}

/// How many nodes Graphviz would lay out: claims, arguments, and actors when they are drawn.
fn drawn_nodes(map: &Map, options: &DotOptions) -> usize {
    let actors = if options.actors {
        map.actors().count()
    } else {
        0
    };
    map.claims().count() + map.arguments().count() + actors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MapBuilder;

    fn builtin(output: Output) -> Result<Vec<u8>, RenderError> {
        let map = MapBuilder::new("t")
            .claim("a", "A")
            .claim("b", "B")
            .supports("b", "a")
            .build()
            .unwrap();
        let options = RenderOptions {
            engine: Engine::Builtin,
            ..RenderOptions::default()
        };
        render(&map, output, &options)
    }

    #[test]
    fn the_builtin_engine_draws_svg_and_html_in_every_build() {
        let svg = String::from_utf8(builtin(Output::Svg).unwrap()).unwrap();
        assert!(svg.contains("<title>a</title>") && svg.contains("<title>b-&gt;a</title>"));
        let page = String::from_utf8(builtin(Output::Html).unwrap()).unwrap();
        assert!(page.starts_with("<!DOCTYPE html>") && page.contains("<title>a</title>"));
    }

    #[cfg(feature = "raster")]
    #[test]
    fn the_builtin_engine_draws_png_and_pdf() {
        assert!(builtin(Output::Png).unwrap().starts_with(b"\x89PNG"));
        assert!(builtin(Output::Pdf).unwrap().starts_with(b"%PDF-"));
    }

    #[cfg(not(feature = "raster"))]
    #[test]
    fn png_and_pdf_need_the_raster_feature() {
        assert!(matches!(
            builtin(Output::Png),
            Err(RenderError::NoBuiltinEngine)
        ));
        assert!(matches!(
            builtin(Output::Pdf),
            Err(RenderError::NoBuiltinEngine)
        ));
    }
}
