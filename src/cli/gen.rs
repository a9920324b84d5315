//! `argumap gen`: a synthetic map for benchmarks, as a map file and optionally as Argdown.

use std::path::{Path, PathBuf};

use argumap::format::json;
use argumap::gen::Shape;

use super::choice;
use super::io::{write_with, Failure};
use super::OK;

// The subcommand's help is on its variant of `Command`.
#[derive(clap::Args)]
pub(super) struct GenArgs {
    /// Number of claims.
    claims: usize,
    /// Where to write the map file (`-` for standard output).
    #[arg(short, long, default_value = "-")]
    output: PathBuf,
    /// Also write the same map as Argdown here.
    #[arg(long, value_name = "FILE")]
    argdown: Option<PathBuf>,
    /// The seed; the same seed gives the same map.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The map's shape (each stresses another part of the work).
    #[arg(long, default_value = "default", value_parser = choice::shape())]
    shape: Shape,
}

pub(super) fn run(args: &GenArgs) -> Result<u8, Failure> {
    let options = argumap::gen::GenOptions::new(args.claims)
        .seed(args.seed)
        .shape(args.shape);
    let map = argumap::gen::generate(&options);
    if let Some(path) = &args.argdown {
        write_with(Some(path), |out| argumap::gen::write_argdown(&map, out))?;
    }
    let to = (args.output != Path::new("-")).then_some(args.output.as_path());
    write_with(to, |out| json::to_writer(&map, out))?;
    Ok(OK)
}
