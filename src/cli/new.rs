//! `argumap new`: a first map that explains itself. Every element carries a note saying what
//! it is and what to change, and the map passes `argumap check` as it is, so a coach can
//! render it at once and then edit it piece by piece.

use std::path::{Path, PathBuf};

use super::io::{display_name, write_output, Failure};
use super::{ui, OK};

/// The template, with `{TITLE}` where the motion goes (as a JSON string, quotes included).
const TEMPLATE: &str = r#"{
  "argumap": 1,
  "title": {TITLE},
  "description": "A new map. Each element below has a note saying what it is for: change the texts, add claims, and run `argumap check` after each change. Ids (like \"motion\") are short names of ASCII letters, digits, `-`, `_` and `.`, starting with a letter or a digit; relations and stances refer to elements by id.",
  "sources": [
    {
      "id": "coach-notes",
      "title": "Coach's notes",
      "kind": "other",
      "note": "Where the claims were read. Add one source per article, speech or letter (kind: article, letter, statement, speech, transcript, book, web or other), and give a claim `\"source\": \"its-id\"`, with the exact words in `\"quote\"` when the source prints them."
    }
  ],
  "actors": [
    {
      "id": "proposition",
      "name": "Proposition",
      "kind": "group",
      "note": "The side for the motion. Actors are who says what: persons, groups, organisations or governments. Add speakers with \"member_of\": [\"proposition\"]."
    },
    {
      "id": "opposition",
      "name": "Opposition",
      "kind": "group",
      "note": "The side against the motion."
    }
  ],
  "claims": [
    {
      "id": "motion",
      "title": "The motion",
      "text": {TITLE},
      "by": ["proposition"],
      "source": "coach-notes",
      "note": "The thesis: the claim everything else is for or against. `by` names the actors who assert it."
    },
    {
      "id": "first-reason",
      "title": "A first reason",
      "text": "Write the proposition's first reason for the motion here, as one full sentence.",
      "by": ["proposition"],
      "supports": ["motion"],
      "source": "coach-notes",
      "note": "`supports` makes this a reason for the motion. A short `title` is what the diagram shows; `text` is the full statement."
    },
    {
      "id": "first-objection",
      "title": "An objection",
      "text": "Write the opposition's objection to the first reason here.",
      "by": ["opposition"],
      "rebuts": ["first-reason"],
      "source": "coach-notes",
      "note": "`rebuts` attacks the truth of another claim. A rebuttal nobody answers makes the claim it attacks fall: `argumap report` lists them."
    },
    {
      "id": "answer",
      "title": "The answer",
      "text": "Write the proposition's answer to the objection here.",
      "by": ["proposition"],
      "rebuts": ["first-objection"],
      "source": "coach-notes",
      "note": "An answer is a rebuttal of the objection; with it, the first reason stands again. Delete this claim to see the reason fall in `argumap report`."
    }
  ]
}
"#;

/// The template's text for a motion.
pub fn text(title: &str) -> String {
    let quoted = serde_json::to_string(title).expect("a string serializes");
    TEMPLATE.replace("{TITLE}", &quoted)
}

// The subcommand's help is on its variant of `Command`.
#[derive(clap::Args)]
pub(super) struct NewArgs {
    /// Where to write the map; an existing file is never overwritten.
    #[arg(value_name = "MAP")]
    output: PathBuf,
    /// The motion or question the map is about.
    #[arg(long, default_value = "This House would ...")]
    title: String,
}

pub(super) fn run(args: &NewArgs) -> Result<u8, Failure> {
    new_map(&args.output, &args.title)
}

/// Writes the template to `output`, which must not exist yet.
fn new_map(output: &Path, title: &str) -> Result<u8, Failure> {
    let name = display_name(output);
    if title.trim().is_empty() {
        return Err(Failure::Usage(
            "the title is empty; give the motion or question, e.g. --title \"This House would ban homework\"".into(),
        ));
    }
    if output == Path::new("-") {
        write_output(None, text(title).as_bytes())?;
        return Ok(OK);
    }
    if output.exists() {
        return Err(Failure::Usage(format!(
            "`{name}` already exists; argumap new never overwrites a file: choose another name"
        )));
    }
    write_output(Some(output), text(title).as_bytes())?;
    ui::note(format!(
        "wrote {name}: edit it, then `argumap check {name}` and `argumap render {name} -o map.svg`"
    ));
    Ok(OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_is_a_clean_map_for_any_title() {
        for title in [
            "This House would ...",
            "Quote \" and \\ and\nnewline",
            "Über 🎓",
        ] {
            let loaded = argumap::format::json::from_str(&text(title))
                .unwrap_or_else(|e| panic!("{title:?}: {:?}", e.diagnostics));
            assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
            assert_eq!(loaded.map.title, title);
            assert_eq!(loaded.map.claims().count(), 4);
            assert!(loaded.map.elements().all(|e| e.meta().note().is_some()));
        }
    }
}
