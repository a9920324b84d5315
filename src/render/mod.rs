//! Rendering maps to pictures and pages: SVG, PNG and PDF through Graphviz, and a
//! self-contained interactive HTML page around the SVG.
//!
//! The pipeline is [`crate::export::dot`] (our DOT text) → [`graphviz`] (the `dot` program,
//! run with a time limit) → the bytes of the picture. Big maps are drawn through a
//! [`crate::view`] of them: Graphviz cannot lay out ten thousand clustered nodes in any
//! reasonable time, so [`render`] refuses a drawing larger than
//! [`RenderOptions::max_layout`] and says which view to ask for.

pub mod graphviz;
pub mod html;
pub mod layout;

use std::path::Path;
use std::time::Duration;

use crate::export::dot::DotOptions;
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
    /// The built-in layout, which needs nothing installed.
    Builtin,
}

impl std::str::FromStr for Engine {
    type Err = String;

    fn from_str(s: &str) -> Result<Engine, String> {
        match s.to_ascii_lowercase().as_str() {
            "auto" => Ok(Engine::Auto),
            "graphviz" | "dot" => Ok(Engine::Graphviz),
            "builtin" | "built-in" => Ok(Engine::Builtin),
            _ => Err(format!(
                "unknown engine `{s}`; use auto, graphviz or builtin"
            )),
        }
    }
}

/// How to render.
#[derive(Clone, Debug)]
pub struct RenderOptions {
    /// The look of the diagram.
    pub dot: DotOptions,
    /// Which engine lays it out.
    pub engine: Engine,
    /// How long Graphviz may take before it is stopped. Default 120 s.
    pub timeout: Duration,
    /// PNG resolution in dots per inch. Default 144: sharp on a slide and in print.
    pub dpi: u32,
    /// The most nodes a drawing may have before [`render`] refuses it and suggests a view.
    /// Default 2,000: `dot` takes about a minute there with clusters, and it does not finish
    /// ten thousand in ten minutes.
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
    /// The built-in engine was asked for, and this version has none.
    #[error(
        "the built-in layout engine is not part of this version of argumap\n  \
         hint: install Graphviz (Debian or Ubuntu: `sudo apt-get install graphviz`; macOS: \
         `brew install graphviz`; Windows: `winget install graphviz`) and use --engine graphviz"
    )]
    NoBuiltinEngine,
    /// `--engine auto` found no Graphviz, and there is no built-in engine to fall back on.
    #[error(
        "no layout engine: Graphviz's `dot` was not found on the PATH, and this version of \
         argumap has no built-in engine\n  \
         hint: install Graphviz (Debian or Ubuntu: `sudo apt-get install graphviz`; macOS: \
         `brew install graphviz`; Windows: `winget install graphviz`)"
    )]
    NoEngine,
    /// The drawing has more nodes than Graphviz can lay out in reasonable time.
    #[error(
        "the map is too big to draw whole: {nodes} nodes, and Graphviz cannot lay out more \
         than about {limit} in reasonable time\n  \
         hint: draw a view of it: --max-nodes 300 (the part nearest the theses), \
         --focus ID --depth 2, --actor ID, --tag TAG or --group ID; or raise the limit with \
         --max-layout {nodes}"
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
/// A [`RenderError`] when no engine is available, the drawing is too big, or Graphviz fails.
pub fn render(map: &Map, output: Output, options: &RenderOptions) -> Result<Vec<u8>, RenderError> {
    let program = match options.engine {
        Engine::Builtin => return Err(RenderError::NoBuiltinEngine),
        Engine::Graphviz => graphviz::find().ok_or(GraphvizError::Missing)?,
        Engine::Auto => graphviz::find().ok_or(RenderError::NoEngine)?,
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

/// How many nodes Graphviz would lay out: claims, arguments, and actors when they are drawn.
fn drawn_nodes(map: &Map, options: &DotOptions) -> usize {
    let actors = if options.actors {
        map.actors().count()
    } else {
        0
    };
    map.claims().count() + map.arguments().count() + actors
}
