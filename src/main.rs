//! The `argumap` command: parses the command line and hands it to `cli::run`.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(cli::run())
}
