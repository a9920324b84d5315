//! `argumap new`: a first map that explains itself. Every element carries a note saying what
//! it is and what to change, and the map passes `argumap check` as it is, so a coach can
//! render it at once and then edit it piece by piece.

use std::path::{Path, PathBuf};

use argumap::format::Format;

use super::io::{display_name, write_output, Failure};
use super::{ui, OK};

/// The template's text for a motion.
pub fn text(title: &str) -> String {
    argumap::surface::template(title)
}

/// The map text with `"$schema": schema` as its first key, when a schema is given.
fn with_schema(text: &str, schema: Option<&str>) -> String {
    match schema {
        Some(schema) => {
            let quoted = serde_json::to_string(schema).expect("a string serializes");
            text.replacen("{\n", &format!("{{\n  \"$schema\": {quoted},\n"), 1)
        }
        None => text.to_owned(),
    }
}

// The subcommand's help is on its variant of `Command`.
#[derive(clap::Args)]
pub(super) struct NewArgs {
    /// Where to write the map; an existing file is never overwritten.
    #[arg(value_name = "MAP")]
    output: PathBuf,
    /// The motion or question the map is about.
    #[arg(long, default_value = argumap::surface::NEW_TITLE)]
    title: String,
    /// The map's JSON Schema file (`argumap schema > argumap-1.schema.json` writes it):
    /// the map names it in `"$schema"`, by its path from the map's folder, so editors that
    /// read JSON Schema check and complete the map with no plug-in.
    #[arg(long, value_name = "SCHEMA")]
    schema: Option<PathBuf>,
}

pub(super) fn run(args: &NewArgs) -> Result<u8, Failure> {
    let schema = match &args.schema {
        Some(schema) => Some(relative_to_map(schema, &args.output)?),
        None => None,
    };
    new_map(&args.output, &args.title, schema.as_deref())
}

/// The schema's path as the map names it: from the map's folder, with `/` between parts.
fn relative_to_map(schema: &Path, map: &Path) -> Result<String, Failure> {
    let schema_at = std::fs::canonicalize(schema).map_err(|e| {
        Failure::Usage(format!(
            "cannot find the schema file `{}` ({e}); write it first with `argumap schema > {}`",
            schema.display(),
            schema.display()
        ))
    })?;
    let folder = map
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let folder = std::fs::canonicalize(folder).map_err(|e| {
        Failure::Usage(format!(
            "cannot find the folder `{}` ({e})",
            folder.display()
        ))
    })?;
    let from: Vec<_> = folder.components().collect();
    let to: Vec<_> = schema_at.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_owned(); from.len() - common];
    parts.extend(
        to[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    Ok(parts.join("/"))
}

/// Writes the template to `output`, which must not exist yet, naming `schema` in
/// `"$schema"` when given.
fn new_map(output: &Path, title: &str, schema: Option<&str>) -> Result<u8, Failure> {
    let name = display_name(output);
    // `new debate.argdown` writes Argdown; anything else, our map file.
    let argdown = Format::from_path(output) == Some(Format::Argdown);
    let text = if argdown {
        if schema.is_some() {
            return Err(Failure::Usage(format!(
                "`{name}` is Argdown, which names no JSON Schema; leave out --schema, or name the map .json"
            )));
        }
        argumap::surface::template_in(title, Format::Argdown)
            .map_err(|e| Failure::Usage(format!("cannot write the template: {e}")))?
    } else {
        with_schema(&text(title), schema)
    };
    if title.trim().is_empty() {
        return Err(Failure::Usage(
            "the title is empty; give the motion or question, e.g. --title \"This House would ban homework\"".into(),
        ));
    }
    if output == Path::new("-") {
        write_output(None, text.as_bytes())?;
        return Ok(OK);
    }
    if output.exists() {
        return Err(Failure::Usage(format!(
            "`{name}` already exists; argumap new never overwrites a file: choose another name"
        )));
    }
    write_output(Some(output), text.as_bytes())?;
    ui::note(format!(
        "wrote {name}: edit it, then `argumap check {name}` and `argumap render {name} -o map.svg`"
    ));
    Ok(OK)
}
