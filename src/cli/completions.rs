//! `argumap completions`: a shell's completion script, from the same clap definitions as
//! `--help`.

use clap::CommandFactory;

use super::io::{write_output, Failure};
use super::{Cli, OK};

pub(super) fn run(shell: clap_complete::Shell) -> Result<u8, Failure> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "argumap", &mut out);
    write_output(None, &out)?;
    Ok(OK)
}
