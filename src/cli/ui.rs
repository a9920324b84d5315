//! How the command talks to a person: how much it says (`--quiet`, `--verbose`) and whether
//! its diagnostics are coloured (only on a terminal, never with `NO_COLOR` set, unless
//! `--color always`).

use std::io::IsTerminal;
use std::sync::OnceLock;

/// When to colour diagnostics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColourChoice {
    /// When standard error is a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always, even into a file or a pipe.
    Always,
    /// Never.
    Never,
}

/// The settings of one run.
#[derive(Clone, Copy, Debug, Default)]
pub struct Ui {
    /// Errors only: no warnings, notes or summaries of success.
    pub quiet: bool,
    /// Also each stage as it starts, with the time so far.
    pub verbose: bool,
    /// Colour in diagnostics.
    pub colour: bool,
    /// Every warning and every item of a long list (`--all`), not the first few of each.
    pub all: bool,
}

static UI: OnceLock<Ui> = OnceLock::new();

impl Ui {
    /// The settings the flags and the environment ask for.
    pub fn new(quiet: bool, verbose: bool, colour: ColourChoice, all: bool) -> Ui {
        let colour = match colour {
            ColourChoice::Always => true,
            ColourChoice::Never => false,
            ColourChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stderr().is_terminal()
            }
        };
        Ui {
            quiet,
            verbose,
            colour,
            all,
        }
    }

    /// Makes these the settings of the run (the first call wins).
    pub fn install(self) {
        let _ = UI.set(self);
    }
}

/// The run's settings: the defaults until [`Ui::install`].
pub fn get() -> Ui {
    UI.get().copied().unwrap_or_default()
}

/// Prints a note on standard error, unless `--quiet`.
pub fn note(message: impl std::fmt::Display) {
    if !get().quiet {
        eprintln!("{message}");
    }
}
