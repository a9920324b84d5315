//! The one error of every choice read by name (an engine, a semantics, a theme): what was
//! given and what would have been understood.

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
