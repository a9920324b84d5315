//! The look of every node and edge, as typed values: shapes, outlines, line styles,
//! arrowheads, colours, pen widths, fonts and margins.
//!
//! A look is a list of settings over defaults ([`node_defaults`], [`edge_defaults`]), the
//! later setting winning, as Graphviz reads a node's attributes over its `node [...]`
//! defaults. The DOT writer turns each setting into one attribute, in the order given here;
//! the built-in engine folds the same list into what it draws. Neither reads a string to
//! learn a look, so a look the engine cannot draw is a compile error, not a silent default.

use crate::model::{ActorLinkKind, RelationKind, StanceKind};

use super::theme::{Font, Palette, EDGE_FONTSIZE, NODE_FONTSIZE};
use super::Verdict;

/// The outline of a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Shape {
    /// A box (rounded when its [`Outline`] says so): a claim.
    Box,
    /// Flat top and bottom, pointed sides: an argument.
    Hexagon,
    /// An actor.
    Ellipse,
}

/// How a line is drawn: a node's border or an edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Line {
    /// Unbroken.
    Solid,
    /// Dashes.
    Dashed,
    /// Dots.
    Dotted,
}

/// How a node's outline is drawn: its corners, whether it is filled, and its line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Outline {
    /// Rounded corners (boxes only).
    pub(crate) rounded: bool,
    /// Filled with the node's fill colour.
    pub(crate) filled: bool,
    pub(crate) line: Line,
}

impl Outline {
    /// A filled outline of this line, rounded or not.
    const fn filled(rounded: bool, line: Line) -> Outline {
        Outline {
            rounded,
            filled: true,
            line,
        }
    }
}

/// An arrowhead, at either end of an edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Arrow {
    /// A filled triangle.
    Normal,
    /// A triangle in outline.
    Empty,
    /// A filled arrow with a notch.
    Vee,
    /// A bar across the line.
    Tee,
    /// A filled circle.
    Dot,
    /// A filled diamond.
    Diamond,
}

impl Arrow {
    /// How long the arrow is, as a share of Graphviz's 10 points at arrow size 1.
    pub(crate) fn length_factor(self) -> f64 {
        match self {
            Arrow::Normal | Arrow::Empty | Arrow::Vee => 1.0,
            Arrow::Tee => 0.5,
            Arrow::Dot => 0.8,
            Arrow::Diamond => 1.2,
        }
    }
}

/// One setting of a node's look.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum NodeAttr {
    Font(Font),
    /// In points.
    FontSize(f64),
    FontColour(&'static str),
    Shape(Shape),
    Outline(Outline),
    Fill(&'static str),
    /// The colour of the outline.
    Colour(&'static str),
    /// The width of the outline, in points.
    Pen(f64),
    /// Room around the text, across and down, in inches.
    Margin(f64, f64),
}

/// One setting of an edge's look.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum EdgeAttr {
    /// The label's font.
    Font(Font),
    /// The label's size, in points.
    FontSize(f64),
    FontColour(&'static str),
    /// The colour of the line and its arrowheads.
    Colour(&'static str),
    /// Two lines of this colour with a gap between them, as in "=".
    DoubleLine(&'static str),
    Line(Line),
    /// The width of the line, in points.
    Pen(f64),
    /// The arrowheads at the end, from the line towards the node.
    Head(&'static [Arrow]),
    /// The arrowheads at the start; drawn only with [`EdgeAttr::BothEnds`].
    Tail(&'static [Arrow]),
    /// Arrowheads at both ends.
    BothEnds,
    /// A scale for the arrowheads.
    ArrowSize(f64),
    /// A word on the edge ("denies").
    Label(&'static str),
}

/// The sorts of node a diagram draws, each with its own shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum NodeSort {
    Claim,
    Argument,
    Actor,
}

impl NodeSort {
    /// Legend order.
    pub(crate) const ALL: [NodeSort; 3] = [NodeSort::Claim, NodeSort::Argument, NodeSort::Actor];

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            NodeSort::Claim => "claim",
            NodeSort::Argument => "argument",
            NodeSort::Actor => "actor",
        }
    }

    /// The settings over the node defaults (which are those of claims).
    pub(crate) fn style(self, p: &'static Palette) -> Vec<NodeAttr> {
        match self {
            NodeSort::Claim => Vec::new(),
            NodeSort::Argument => vec![
                NodeAttr::Shape(Shape::Hexagon),
                NodeAttr::Outline(Outline::filled(false, Line::Solid)),
                NodeAttr::Fill(p.argument_fill),
                NodeAttr::Colour(p.argument_line),
                NodeAttr::Margin(0.05, 0.04),
            ],
            NodeSort::Actor => vec![
                NodeAttr::Shape(Shape::Ellipse),
                NodeAttr::Outline(Outline::filled(false, Line::Solid)),
                NodeAttr::Fill(p.actor_fill),
                NodeAttr::Colour(p.actor_line),
                NodeAttr::Font(Font::Bold),
                NodeAttr::Margin(0.06, 0.03),
            ],
        }
    }
}

/// The node defaults: the look of a claim.
pub(crate) fn node_defaults(p: &'static Palette) -> Vec<NodeAttr> {
    vec![
        NodeAttr::Font(Font::Regular),
        NodeAttr::FontSize(NODE_FONTSIZE),
        NodeAttr::FontColour(p.ink),
        NodeAttr::Shape(Shape::Box),
        NodeAttr::Outline(Outline::filled(true, Line::Solid)),
        NodeAttr::Fill(p.claim_fill),
        NodeAttr::Colour(p.ink),
        NodeAttr::Pen(1.2),
        NodeAttr::Margin(0.14, 0.07),
    ]
}

/// The edge defaults: the look of a support.
pub(crate) fn edge_defaults(p: &'static Palette) -> Vec<EdgeAttr> {
    vec![
        EdgeAttr::Font(Font::Italic),
        EdgeAttr::FontSize(EDGE_FONTSIZE),
        EdgeAttr::FontColour(p.muted),
        EdgeAttr::Colour(p.supports),
        EdgeAttr::Pen(1.6),
        EdgeAttr::Head(&[Arrow::Normal]),
        EdgeAttr::ArrowSize(0.8),
    ]
}

impl Verdict {
    /// The node's look over its sort's: a heavy border when it stands, a dashed one and grey
    /// text when it falls, a dotted one when undecided; strengths as border width.
    pub(crate) fn style(self, sort: NodeSort, p: &'static Palette) -> Vec<NodeAttr> {
        let outline = |line| NodeAttr::Outline(Outline::filled(sort == NodeSort::Claim, line));
        match self {
            Verdict::Stands => vec![NodeAttr::Pen(3.0), outline(Line::Solid)],
            Verdict::Falls => vec![
                outline(Line::Dashed),
                NodeAttr::FontColour(p.muted),
                NodeAttr::Colour(p.muted),
            ],
            Verdict::Undecided => vec![outline(Line::Dotted), NodeAttr::Pen(2.0)],
            Verdict::Strength(t) => {
                const WIDTHS: [f64; 6] = [0.5, 1.0, 1.5, 2.2, 3.0, 4.0];
                vec![NodeAttr::Pen(
                    WIDTHS[(usize::from(t.min(1000)) * 5 + 500) / 1000],
                )]
            }
        }
    }
}

/// Every kind of edge the diagram draws, each with its own look.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum EdgeKind {
    Relation(RelationKind),
    Stance(StanceKind),
    Actor(ActorLinkKind),
}

impl EdgeKind {
    /// Legend order: the argument's own relations first, then the actors'.
    pub(crate) fn all() -> impl Iterator<Item = EdgeKind> {
        let relations = RelationKind::ALL.into_iter().map(EdgeKind::Relation);
        let stances = StanceKind::ALL.into_iter().map(EdgeKind::Stance);
        let actors = [ActorLinkKind::MemberOf, ActorLinkKind::SpeaksFor]
            .into_iter()
            .map(EdgeKind::Actor);
        relations.chain(stances).chain(actors)
    }

    /// The CSS class Graphviz puts on the edge in SVG.
    pub(crate) fn class(self) -> &'static str {
        match self {
            EdgeKind::Relation(k) => k.as_str(),
            EdgeKind::Stance(k) => k.as_str(),
            EdgeKind::Actor(ActorLinkKind::MemberOf) => "member-of",
            EdgeKind::Actor(ActorLinkKind::SpeaksFor) => "speaks-for",
        }
    }

    /// The legend entry that explains this kind of edge. Conclusions look like supports and
    /// speaks-for like member-of, so they share an entry; endorses, denies and questions
    /// carry their name on the edge and need none.
    pub(crate) fn legend_entry(self) -> Option<EdgeKind> {
        match self {
            EdgeKind::Relation(RelationKind::Conclusion) => {
                Some(EdgeKind::Relation(RelationKind::Supports))
            }
            EdgeKind::Relation(_) | EdgeKind::Stance(StanceKind::Asserts) => Some(self),
            EdgeKind::Stance(_) => None,
            EdgeKind::Actor(_) => Some(EdgeKind::Actor(ActorLinkKind::MemberOf)),
        }
    }

    pub(crate) fn legend_text(self) -> &'static str {
        match self {
            EdgeKind::Relation(RelationKind::Premise) => "premise of",
            EdgeKind::Relation(RelationKind::Conclusion) => "concludes",
            EdgeKind::Actor(ActorLinkKind::MemberOf) => "member of",
            EdgeKind::Actor(ActorLinkKind::SpeaksFor) => "speaks for",
            other => other.class(),
        }
    }

    /// The settings that differ from the edge defaults (which are those of supports).
    pub(crate) fn style(self, p: &'static Palette) -> Vec<EdgeAttr> {
        use EdgeAttr::{
            ArrowSize, BothEnds, Colour, DoubleLine, Head, Label, Line as Drawn, Pen, Tail,
        };
        match self {
            EdgeKind::Relation(kind) => match kind {
                RelationKind::Supports | RelationKind::Conclusion => vec![],
                RelationKind::Rebuts => {
                    vec![Colour(p.rebuts), Drawn(Line::Dashed), Head(&[Arrow::Tee])]
                }
                RelationKind::Undercuts => vec![
                    Colour(p.undercuts),
                    Drawn(Line::Dotted),
                    Pen(2.2),
                    Head(&[Arrow::Tee, Arrow::Tee]),
                    ArrowSize(0.9),
                ],
                RelationKind::Premise => vec![
                    Colour(p.premise),
                    Pen(1.2),
                    Head(&[Arrow::Dot]),
                    ArrowSize(0.5),
                ],
                RelationKind::Contradicts => vec![
                    Colour(p.contradicts),
                    Pen(2.0),
                    BothEnds,
                    Head(&[Arrow::Diamond]),
                    // Symmetric, yet ranked like any edge: letting the two claims share a
                    // rank (`minlen=0`) or leaving the edge out of the ranking
                    // (`constraint=false`) makes dot 2.43 fail to route edges, or crash, on
                    // maps with clusters.
                    Tail(&[Arrow::Diamond]),
                ],
                // A double line, as in "=": the same claim in other words.
                RelationKind::Rephrases => {
                    vec![DoubleLine(p.rephrases), Pen(1.2), Head(&[Arrow::Empty])]
                }
            },
            EdgeKind::Stance(kind) => {
                let mut attrs = vec![
                    Colour(p.context),
                    Pen(0.9),
                    Head(&[Arrow::Vee]),
                    ArrowSize(0.6),
                ];
                match kind {
                    StanceKind::Asserts => {}
                    StanceKind::Endorses => attrs.push(Label("endorses")),
                    StanceKind::Denies => attrs.extend([Label("denies"), Drawn(Line::Dashed)]),
                    StanceKind::Questions => {
                        attrs.extend([Label("questions"), Drawn(Line::Dashed)]);
                    }
                }
                attrs
            }
            EdgeKind::Actor(kind) => {
                let mut attrs = vec![
                    Colour(p.context),
                    Drawn(Line::Dotted),
                    Pen(1.2),
                    Head(&[Arrow::Empty]),
                    ArrowSize(0.7),
                ];
                if kind == ActorLinkKind::SpeaksFor {
                    attrs.push(Label("speaks for"));
                }
                attrs
            }
        }
    }
}
