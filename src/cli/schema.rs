//! `argumap schema`: print the JSON Schema of the map file.

use argumap::format::json;

use super::io::{write_output, Failure};
use super::OK;

pub(super) fn run() -> Result<u8, Failure> {
    let mut text = serde_json::to_string_pretty(&json::schema()).expect("schema serializes");
    text.push('\n');
    write_output(None, text.as_bytes())?;
    Ok(OK)
}
