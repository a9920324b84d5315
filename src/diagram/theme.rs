//! The colours and fonts of a diagram: a [`Theme`] names a palette, and every part of the
//! drawing takes its colour from the palette and its font from [`Font`] and the sizes here.

/// The colours of a diagram. Every kind of relation also differs in line style or arrowhead,
/// so each theme still reads in black and white.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Theme {
    /// Green supports and red attacks, as Argdown and Kialo colour them: what debaters know.
    #[default]
    Colour,
    /// For colour-blind readers: the Okabe–Ito palette (blue supports, vermilion rebuttals,
    /// reddish purple undercuts), which stays distinct under every common colour blindness.
    ColourBlind,
    /// Black, white and greys for a printed handout: kinds differ by line and arrowhead.
    Print,
}

crate::names::choice_names!(Theme, "theme" {
    Colour => "colour" | "color",
    ColourBlind => "colourblind" | "colorblind" | "colour-blind" | "color-blind",
    Print => "print" | "grey" | "gray" | "greyscale" | "grayscale",
});

impl Theme {
    pub(crate) fn palette(self) -> &'static Palette {
        match self {
            Theme::Colour => &COLOUR,
            Theme::ColourBlind => &COLOUR_BLIND,
            Theme::Print => &PRINT,
        }
    }
}

/// The colours one theme gives each part of the diagram.
pub(crate) struct Palette {
    pub(crate) supports: &'static str,
    pub(crate) rebuts: &'static str,
    pub(crate) undercuts: &'static str,
    pub(crate) premise: &'static str,
    pub(crate) contradicts: &'static str,
    /// Drawn as two lines with a gap, as in "=".
    pub(crate) rephrases: &'static str,
    /// Stances and actor links: context rather than argument.
    pub(crate) context: &'static str,
    pub(crate) ink: &'static str,
    /// Secondary text: edge labels, cluster headings.
    pub(crate) muted: &'static str,
    pub(crate) claim_fill: &'static str,
    pub(crate) argument_fill: &'static str,
    pub(crate) argument_line: &'static str,
    pub(crate) actor_fill: &'static str,
    pub(crate) actor_line: &'static str,
    pub(crate) cluster_line: &'static str,
    /// Nested clusters alternate these two fills.
    pub(crate) cluster_fills: [&'static str; 2],
}

const COLOUR: Palette = Palette {
    supports: "#2E8B3E",
    rebuts: "#D62728",
    undercuts: "#8E44AD",
    premise: "#666666",
    contradicts: "#E67E22",
    rephrases: "#666666",
    context: "#999999",
    ink: "#333333",
    muted: "#666666",
    claim_fill: "#FFFBEA",
    argument_fill: "#E3F2E5",
    argument_line: "#2E8B3E",
    actor_fill: "#E8EEF7",
    actor_line: "#3B5B8C",
    cluster_line: "#BBBBBB",
    cluster_fills: ["#F4F4F4", "#FFFFFF"],
};

const COLOUR_BLIND: Palette = Palette {
    supports: "#0072B2",
    rebuts: "#D55E00",
    undercuts: "#CC79A7",
    premise: "#666666",
    contradicts: "#E69F00",
    rephrases: "#666666",
    context: "#999999",
    ink: "#333333",
    muted: "#666666",
    claim_fill: "#FFF4CC",
    argument_fill: "#DCEFFB",
    argument_line: "#0072B2",
    actor_fill: "#D5EFE6",
    actor_line: "#009E73",
    cluster_line: "#BBBBBB",
    cluster_fills: ["#F4F4F4", "#FFFFFF"],
};

const PRINT: Palette = Palette {
    supports: "#000000",
    rebuts: "#000000",
    undercuts: "#000000",
    premise: "#555555",
    contradicts: "#000000",
    rephrases: "#000000",
    context: "#888888",
    ink: "#000000",
    muted: "#444444",
    claim_fill: "#FFFFFF",
    argument_fill: "#EEEEEE",
    argument_line: "#000000",
    actor_fill: "#FFFFFF",
    actor_line: "#555555",
    cluster_line: "#999999",
    cluster_fills: ["#F2F2F2", "#FFFFFF"],
};

/// The three faces a diagram sets text in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Font {
    /// Claims and arguments.
    Regular,
    /// The title, actors, cluster headings and the legend's heading.
    Bold,
    /// Edge labels.
    Italic,
}

/// Font sizes, in points.
pub(crate) const TITLE_FONTSIZE: f64 = 18.0;
pub(crate) const NODE_FONTSIZE: f64 = 11.0;
pub(crate) const EDGE_FONTSIZE: f64 = 9.0;
pub(crate) const CLUSTER_FONTSIZE: f64 = 12.0;
pub(crate) const LEGEND_FONTSIZE: f64 = 11.0;
pub(crate) const LEGEND_ENTRY_FONTSIZE: f64 = 10.0;
