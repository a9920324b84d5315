//! `argumap man`: the manual page (roff), from the same clap definitions as `--help`.

use clap::CommandFactory;

use super::io::{write_output, Failure};
use super::{Cli, OK};

pub(super) fn run() -> Result<u8, Failure> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .map_err(|e| Failure::Usage(format!("cannot write the manual page: {e}")))?;
    write_output(None, &out)?;
    Ok(OK)
}
