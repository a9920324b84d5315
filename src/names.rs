//! Choices read by name (an engine, a semantics, a theme): `choice_names!` gives such an
//! enum its names from one table, and [`UnknownName`] is the one error of them all, saying
//! what was given and what would have been understood.

use std::fmt;

/// A name that is none of the choices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownName {
    /// What was being chosen, e.g. "engine".
    pub what: &'static str,
    /// The name given.
    pub given: String,
    /// The names understood, in the order they are offered.
    pub expected: &'static [&'static str],
}

impl UnknownName {
    /// The error for `given`, among `expected`.
    pub fn new(what: &'static str, given: &str, expected: &'static [&'static str]) -> Self {
        UnknownName {
            what,
            given: given.to_owned(),
            expected,
        }
    }
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (last, init) = self.expected.split_last().unwrap_or((&"", &[]));
        let choices = if init.is_empty() {
            (*last).to_owned()
        } else {
            format!("{} or {last}", init.join(", "))
        };
        write!(f, "unknown {} `{}`; use {choices}", self.what, self.given)
    }
}

impl std::error::Error for UnknownName {}

/// A choice read by name, as `choice_names!` makes it: what code that lists the choices of
/// any such enum needs (the command line's value parsers).
pub trait Named: Copy + std::str::FromStr<Err = UnknownName> + 'static {
    /// Every choice, in the order offered.
    const ALL: &'static [Self];

    /// The choice's name.
    fn name(self) -> &'static str;
}

/// Names the variants of a choice from one table: each variant's name on the command line
/// first, then the other names it is known by. Gives the enum `ALL` (every variant, in the
/// order offered), `as_str` (the first name), `Display` (the same), a `FromStr` that takes any
/// name in any case and otherwise fails with an [`UnknownName`] offering the first names, and
/// [`Named`].
///
/// ```ignore
/// choice_names!(Engine, "engine" {
///     Auto => "auto",
///     Graphviz => "graphviz" | "dot",
///     Builtin => "builtin" | "built-in",
/// });
/// ```
macro_rules! choice_names {
    ($ty:ident, $what:literal {
        $($variant:ident => $name:literal $(| $alias:literal)*),+ $(,)?
    }) => {
        impl $ty {
            /// Every choice, in the order `--help` lists them.
            pub const ALL: [$ty; [$($name),+].len()] = [$($ty::$variant),+];

            /// The choice's name on the command line.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $name,)+
                }
            }
        }

        impl $crate::names::Named for $ty {
            const ALL: &'static [$ty] = &$ty::ALL;

            fn name(self) -> &'static str {
                self.as_str()
            }
        }

        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $ty {
            type Err = $crate::names::UnknownName;

            /// Reads any of the choice's names, in any case.
            fn from_str(s: &str) -> Result<$ty, Self::Err> {
                match s.to_ascii_lowercase().as_str() {
                    $($name $(| $alias)* => Ok($ty::$variant),)+
                    _ => Err($crate::names::UnknownName::new($what, s, &[$($name),+])),
                }
            }
        }
    };
}

pub(crate) use choice_names;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_what_was_given_and_what_would_do() {
        let e = UnknownName::new("engine", "dto", &["auto", "graphviz", "builtin"]);
        assert_eq!(
            e.to_string(),
            "unknown engine `dto`; use auto, graphviz or builtin"
        );
    }
}
