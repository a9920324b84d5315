//! Typed choices on the command line: `--from`, `--to`, `--engine`, `--semantics`,
//! `--strength`, `--status`, `--theme`, `--cluster`, `--rankdir`, `--actors` and `--shape`.
//!
//! Each is read straight into the library's own type, so a command never sees a string. The
//! values `--help`, the manual page and the shell completions list come from the library's
//! lists (`Format::ALL`, `Theme::ALL`, ...), and a value no choice takes is a usage error
//! (exit 2) that lists them. Every spelling the library's parser takes stays accepted (`color`,
//! `gr`, `lr`, `xaif`), though only the main names are listed.
//!
//! The library's types are not clap value enums (clap is the binary's dependency, not the
//! library's), so a [`Choice`] parser stands in for the derive.

use std::ffi::OsStr;
use std::fmt::Display;
use std::str::FromStr;

use clap::builder::{PossibleValue, PossibleValuesParser, StringValueParser, TypedValueParser};
use clap::error::ErrorKind;

use argumap::diagram::look::{Actors, Evaluation};
use argumap::export::dot::RankDir;
use argumap::format::Format;
use argumap::gen::Shape;
use argumap::names::Named;
use argumap::render::Output;

/// A value parser for one choice: the listed values, and how to read any spelling of them
/// (`Err` with the library's own message, or an empty one where the library has none).
#[derive(Clone)]
pub(super) struct Choice<T> {
    values: Vec<PossibleValue>,
    parse: fn(&str) -> Result<T, String>,
}

impl<T> Choice<T> {
    fn new(
        values: impl IntoIterator<Item = PossibleValue>,
        parse: fn(&str) -> Result<T, String>,
    ) -> Self {
        Choice {
            values: values.into_iter().collect(),
            parse,
        }
    }

    fn named(
        names: impl IntoIterator<Item = &'static str>,
        parse: fn(&str) -> Result<T, String>,
    ) -> Self {
        Choice::new(names.into_iter().map(PossibleValue::new), parse)
    }
}

impl<T: Clone + Send + Sync + 'static> TypedValueParser for Choice<T> {
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<T, clap::Error> {
        let message = match value.to_str().map(self.parse) {
            Some(Ok(parsed)) => return Ok(parsed),
            Some(Err(message)) => message,
            None => String::new(),
        };
        let refused = if message.is_empty() {
            // clap's own check against the listed values words the error, with the list.
            PossibleValuesParser::new(self.values.clone())
                .parse_ref(cmd, arg, value)
                .err()
        } else {
            // The library's message names the values: `invalid value 'neon' for '--theme
            // <THEME>': unknown theme `neon`; use colour, colourblind or print`.
            StringValueParser::new()
                .try_map(move |_| Err::<(), String>(message.clone()))
                .parse_ref(cmd, arg, value)
                .err()
        };
        Err(refused.unwrap_or_else(|| clap::Error::new(ErrorKind::InvalidValue).with_cmd(cmd)))
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(self.values.iter().cloned()))
    }
}

/// A library parser, with its message for a name it does not know.
fn described<T: FromStr>(s: &str) -> Result<T, String>
where
    T::Err: Display,
{
    s.parse().map_err(|e: T::Err| e.to_string())
}

/// A library name lookup as a parser without a message of its own.
fn found<T>(value: Option<T>) -> Result<T, String> {
    value.ok_or_else(String::new)
}

/// `--from`: the formats argumap reads are listed; a format it only writes is taken, so that
/// the command can say it cannot read it.
pub(super) fn input_format() -> Choice<Format> {
    formats(Format::can_read)
}

/// `convert --to`: the formats argumap writes are listed; a format it only reads is taken,
/// so that the command can say it cannot write it.
pub(super) fn output_format() -> Choice<Format> {
    formats(Format::can_write)
}

/// Every format's name and other names are taken; those `listed` are listed.
fn formats(listed: fn(Format) -> bool) -> Choice<Format> {
    Choice::named(
        Format::ALL
            .into_iter()
            .filter(|&f| listed(f))
            .map(Format::name),
        |s| found(Format::from_name(s)),
    )
}

/// `render --to`: svg, png, pdf or html.
pub(super) fn picture() -> Choice<Output> {
    Choice::named(Output::ALL.map(Output::name), |s| {
        found(Output::from_name(s))
    })
}

/// `--status`: a semantics or a gradual semantics.
pub(super) fn evaluation() -> Choice<Evaluation> {
    Choice::named(Evaluation::names(), |s| found(s.parse().ok()))
}

/// `--actors`.
pub(super) fn actors() -> Choice<Actors> {
    Choice::named(Actors::ALL.map(Actors::as_str), |s| found(s.parse().ok()))
}

/// A choice the library names (`--engine`, `--semantics`, `--strength`, `--theme`,
/// `--cluster`): its names, in the library's order.
pub(super) fn named<T: Named + Send + Sync>() -> Choice<T> {
    Choice::named(T::ALL.iter().map(|c| c.name()), described)
}

/// `--rankdir`: TB, BT, LR or RL, in any case.
pub(super) fn rankdir() -> Choice<RankDir> {
    Choice::named(RankDir::ALL.map(RankDir::as_str), described)
}

/// `gen --shape`, each with its line of help.
pub(super) fn shape() -> Choice<Shape> {
    Choice::new(
        Shape::ALL.map(|s| PossibleValue::new(s.name()).help(s.about())),
        |s| found(Shape::from_name(s)),
    )
}
