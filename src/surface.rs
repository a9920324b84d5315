//! What every surface of argumap answers the same way: the command line and the WebAssembly
//! bindings (the npm package, the browser editor) call these functions for the problems of a
//! text, a map written in a format, the JSON of an evaluation and of the report, and the
//! template of a new map, so their outputs are byte for byte the same.

use std::io::{self, Write};

use crate::analysis::report::Report;
use crate::analysis::semantics::{
    grounded, Extensions, Framework, Gradual, Grounded, Label, Semantics, Strengths,
};
use crate::diagnostic::Diagnostic;
use crate::diagram::look::Look;
use crate::diagram::ClusterBy;
use crate::format::{Format, Limits};
use crate::model::{Element, Map, RelationKind};

/// Every problem of a text read as `format`: the errors that stop it loading, or the
/// warnings of the map it loads. `name` names the text in messages (and titles maps from
/// formats without a title).
///
/// Time: the reader's (linear in the text).
pub fn problems(src: &str, format: Format, name: &str, limits: &Limits) -> Vec<Diagnostic> {
    match crate::format::read_limited(src, format, name, limits) {
        Ok(loaded) => loaded.warnings,
        Err(e) => e.diagnostics,
    }
}

/// The document `argumap check --message-format json` prints: `{"problems": [...]}`, each
/// problem as [`Diagnostic::to_json`] gives it, pretty-printed, with a final newline.
///
/// Time: linear in the problems.
pub fn problems_json(diagnostics: &[Diagnostic], name: &str) -> String {
    let problems: Vec<serde_json::Value> = diagnostics.iter().map(|d| d.to_json(name)).collect();
    pretty(&serde_json::json!({ "problems": problems }))
}

/// A JSON value as the command line prints it: two-space indents and a final newline.
pub fn pretty(value: &impl serde::Serialize) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("JSON serializes");
    text.push('\n');
    text
}

/// The formats [`write()`] writes, for messages: `json, argdown, aif, ...`.
pub fn writable_names() -> String {
    names(Format::can_write)
}

/// The formats argumap reads, for messages: `json, argdown, aif, ...`.
pub fn readable_names() -> String {
    names(Format::can_read)
}

fn names(keep: fn(Format) -> bool) -> String {
    Format::ALL
        .into_iter()
        .filter(|&f| keep(f))
        .map(Format::name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The format to read a text in: the one `name` names (any name the command line's `--from`
/// takes), else the one the command line detects from `path` (empty for none) and the text.
///
/// # Errors
///
/// A message naming the formats argumap reads, for an unknown name or a format it only
/// writes.
pub fn input_format(
    name: Option<&str>,
    path: &std::path::Path,
    src: &str,
) -> Result<Format, String> {
    let format = match name {
        Some(n) => Format::from_name(n)
            .ok_or_else(|| format!("unknown format `{n}`; argumap reads {}", readable_names()))?,
        None => Format::detect(path, src),
    };
    if !format.can_read() {
        return Err(format!(
            "argumap writes {} but cannot read it; it reads {}",
            format.name(),
            readable_names()
        ));
    }
    Ok(format)
}

/// Writes `map` in `format` (any format argumap writes), with the diagram look `look` for
/// DOT and Mermaid. Returns notes for the person: what the format cannot hold, and what the
/// look decided on its own (badges for many actors, no status marks).
///
/// Time: linear in the map, plus the evaluation `look.status` asks for.
///
/// # Errors
///
/// `out`'s error, or [`io::ErrorKind::InvalidInput`] for a format argumap only reads.
pub fn write(
    map: &Map,
    format: Format,
    look: &Look,
    out: &mut dyn Write,
) -> io::Result<Vec<String>> {
    use crate::export::{cytoscape, dot, graphml, mermaid};
    let mut notes = Vec::new();
    match format {
        Format::Json => crate::format::json::to_writer(map, out)?,
        Format::Dot => {
            let (options, look_notes) = look.options(map);
            notes.extend(look_notes);
            dot::write(map, &options, out)?
        }
        Format::GraphMl => graphml::write(map, out)?,
        Format::Apx | Format::Tgf | Format::I23 => {
            let t = crate::analysis::semantics::from_map(map);
            let legend: Vec<String> = t
                .ids
                .iter()
                .map(|id| match map.element(id) {
                    Some(Element::Claim(c)) => format!("{id}: {}", c.text),
                    Some(Element::Argument(a)) => {
                        let text = a.title.as_deref().or(a.text.as_deref()).unwrap_or("");
                        format!("{id}: {text}")
                    }
                    _ => id.to_string(),
                })
                .collect();
            let dialect = format.iccma().expect("an ICCMA format");
            let dropped = map
                .relations()
                .filter(|r| matches!(r.kind, RelationKind::Supports | RelationKind::Conclusion))
                .count();
            if dropped > 0 {
                notes.push(format!(
                    "{dropped} supports and conclusions have no place in {} (attacks only); premises became attacks on their arguments",
                    format.name()
                ));
            }
            crate::format::iccma::write(&t.af, dialect, Some(&legend), out)?
        }
        Format::Cytoscape => cytoscape::write(map, out)?,
        Format::Argdown => crate::format::argdown::to_writer(map, out)?,
        Format::Aif => crate::format::aif::to_writer(map, out)?,
        Format::Kialo => {
            notes.extend(crate::format::kialo::lost(map));
            crate::format::kialo::to_writer(map, out)?
        }
        Format::Mermaid => {
            let (look_options, look_notes) = look.options(map);
            notes.extend(look_notes);
            let mut options = mermaid::MermaidOptions::default()
                .actors(look_options.actors)
                .groups(look_options.clusters == ClusterBy::Groups);
            if let Some(dir) = look.rankdir {
                options = options.direction(dir);
            }
            if let Some(w) = look.wrap {
                options = options.wrap(w);
            }
            mermaid::write_with(map, &options, out)?
        }
        _ => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "argumap reads {} but cannot write it; write one of {}",
                    format.name(),
                    writable_names()
                ),
            ))
        }
    }
    Ok(notes)
}

/// The JSON `argumap eval --json` prints for `semantics`: the number of extensions and each
/// argument's label (grounded, with the attacker that defeats it) or its credulous and
/// sceptical acceptance; with `enumerate`, the extensions themselves. `names` names the
/// framework's arguments.
///
/// Time: linear in the framework and the extensions.
pub fn verdicts_json(
    af: &Framework,
    names: &[String],
    semantics: Semantics,
    found: &Extensions,
    enumerate: bool,
) -> String {
    let g = (semantics == Semantics::Grounded).then(|| grounded(af));
    let elements: Vec<serde_json::Value> = (0..af.len() as u32)
        .map(|a| {
            let mut v = serde_json::json!({ "id": names[a as usize] });
            if let Some(g) = &g {
                v["label"] = serde_json::json!(g.labels[a as usize].as_str());
                if let Some(by) = g.cause[a as usize] {
                    v["defeated_by"] = serde_json::json!(names[by as usize]);
                }
            } else {
                v["credulous"] = serde_json::json!(found.credulous(a));
                v["sceptical"] =
                    serde_json::json!(!found.labellings.is_empty() && found.sceptical(a));
            }
            v
        })
        .collect();
    let mut doc = serde_json::json!({
        "semantics": semantics.as_str(),
        "extensions": found.labellings.len(),
        "elements": elements,
    });
    if enumerate {
        doc["sets"] = serde_json::json!(found
            .sets()
            .iter()
            .map(|set| set
                .iter()
                .map(|&a| names[a as usize].clone())
                .collect::<Vec<_>>())
            .collect::<Vec<_>>());
    }
    pretty(&doc)
}

/// Why argument `a` has its grounded label, as `argumap eval` says it under the element:
/// "nothing attacks it", "defeated by `b`, which stands", ... `names` names the framework's
/// arguments; `through` gives, for an attack derived through a premise, that premise.
///
/// Time: linear in `a`'s attackers.
pub fn grounded_reason(
    af: &Framework,
    g: &Grounded,
    names: &[String],
    through: Option<&std::collections::HashMap<(u32, u32), u32>>,
    a: u32,
) -> String {
    let name = |a: u32| format!("`{}`", names[a as usize]);
    let attackers = af.attackers(a);
    match g.labels[a as usize] {
        Label::In if attackers.is_empty() => "nothing attacks it".to_owned(),
        Label::In => format!(
            "every attacker is defeated: {}",
            attackers
                .iter()
                .map(|&b| name(b))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Label::Out => {
            let by = g.cause[a as usize].expect("an OUT argument has a cause");
            let through = through
                .and_then(|t| t.get(&(by, a)))
                .map(|&p| format!(", which attacks its premise {}", name(p)))
                .unwrap_or_default();
            format!("defeated by {}{through}, which stands", name(by))
        }
        Label::Undec => {
            let open: Vec<String> = attackers
                .iter()
                .filter(|&&b| g.labels[b as usize] == Label::Undec)
                .map(|&b| name(b))
                .collect();
            format!(
                "attacked by {}, itself undecided: a cycle of attacks nobody has broken",
                open.join(", ")
            )
        }
    }
}

/// The JSON `argumap eval --strength MODEL --json` prints, for a result that converged.
///
/// Time: linear in the arguments.
pub fn strengths_json(names: &[String], model: Gradual, result: &Strengths) -> String {
    let elements: Vec<serde_json::Value> = (0..names.len())
        .map(|a| serde_json::json!({"id": names[a], "strength": result.values[a]}))
        .collect();
    pretty(&serde_json::json!({
        "strength": model.as_str(),
        "converged": true,
        "iterations": result.iterations,
        "elements": elements,
    }))
}

/// Why a gradual semantics gave no strengths, as `argumap eval --strength` says it (after
/// the map's name), with its hint.
pub fn not_converged(model: Gradual, result: &Strengths) -> String {
    format!(
        "{} did not converge within {} iterations (last change {:.2e}); a cycle of attacks makes it oscillate, so it gives no strengths\n  hint: try --strength qe, whose continuous form settles on such cycles",
        model.as_str(),
        result.iterations,
        result.residual
    )
}

/// The JSON `argumap report --json` prints.
pub fn report_json(report: &Report) -> String {
    pretty(report)
}

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

/// The template's notes as an Argdown writer needs them: each note of [`TEMPLATE`] (as it
/// stands in the JSON text) and its Argdown wording.
const ARGDOWN_NOTES: [(&str, &str); 7] = [
    (
        r#"A new map. Each element below has a note saying what it is for: change the texts, add claims, and run `argumap check` after each change. Ids (like \"motion\") are short names of ASCII letters, digits, `-`, `_` and `.`, starting with a letter or a digit; relations and stances refer to elements by id."#,
        r#"A new map in Argdown. Each statement below has a note saying what it is for: change the texts, add statements, and run `argumap check` after each change. A name in brackets (`[motion]`) names a statement; `+` and `-` indented under it give a reason for it and an objection to it."#,
    ),
    (
        r#"Where the claims were read. Add one source per article, speech or letter (kind: article, letter, statement, speech, transcript, book, web or other), and give a claim `\"source\": \"its-id\"`, with the exact words in `\"quote\"` when the source prints them."#,
        r#"Where the claims were read. Add one source per article, speech or letter to this list (kind: article, letter, statement, speech, transcript, book, web or other), and give a statement `source: \"its-id\"` in its braces, with the exact words in `quote:` when the source prints them."#,
    ),
    (
        r#"The side for the motion. Actors are who says what: persons, groups, organisations or governments. Add speakers with \"member_of\": [\"proposition\"]."#,
        r#"The side for the motion. Actors are who says what: persons, groups, organisations or governments. Add speakers to this list with `member_of: [\"proposition\"]`."#,
    ),
    (
        r#"The thesis: the claim everything else is for or against. `by` names the actors who assert it."#,
        r#"The thesis: the statement everything else is for or against. `actor` in its braces names who asserts it."#,
    ),
    (
        r#"`supports` makes this a reason for the motion. A short `title` is what the diagram shows; `text` is the full statement."#,
        r#"`+` under the motion makes this a reason for it. The `title` in its braces is what the diagram shows; the text after the colon is the full statement."#,
    ),
    (
        r#"`rebuts` attacks the truth of another claim. A rebuttal nobody answers makes the claim it attacks fall: `argumap report` lists them."#,
        r#"`-` under a statement attacks its truth. An objection nobody answers makes the statement it attacks fall: `argumap report` lists them."#,
    ),
    (
        r#"An answer is a rebuttal of the objection; with it, the first reason stands again. Delete this claim to see the reason fall in `argumap report`."#,
        r#"An answer is an objection to the objection (`-` under it); with it, the first reason stands again. Delete this statement to see the reason fall in `argumap report`."#,
    ),
];

/// The title `argumap new` gives a map when none is asked for.
pub const NEW_TITLE: &str = "This House would ...";

/// The map `argumap new` writes, for a motion: every element carries a note saying what it
/// is and what to change, and the map loads with no warning.
pub fn template(title: &str) -> String {
    let quoted = serde_json::to_string(title).expect("a string serializes");
    TEMPLATE.replace("{TITLE}", &quoted)
}

/// [`template`] in another format argumap writes (Argdown for the editor), through the map
/// it loads to; our map file as it is.
///
/// # Errors
///
/// The writer's, or [`io::ErrorKind::InvalidInput`] for a format argumap only reads.
pub fn template_in(title: &str, format: Format) -> io::Result<String> {
    let mut text = template(title);
    if format == Format::Json {
        return Ok(text);
    }
    // The notes explain the map file's fields; Argdown says the same with its own signs.
    if format == Format::Argdown {
        for (json, argdown) in ARGDOWN_NOTES {
            text = text.replace(json, argdown);
        }
    }
    let loaded = crate::format::json::from_str(&text).expect("the template loads");
    let mut out = Vec::new();
    write(&loaded.map, format, &Look::default(), &mut out)?;
    Ok(String::from_utf8(out).expect("writers write UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_is_a_clean_map_for_any_title() {
        for title in [NEW_TITLE, "Quote \" and \\ and\nnewline", "Über 🎓"] {
            let loaded = crate::format::json::from_str(&template(title))
                .unwrap_or_else(|e| panic!("{title:?}: {:?}", e.diagnostics));
            assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
            assert_eq!(loaded.map.title, title);
            assert_eq!(loaded.map.claims().count(), 4);
            assert!(loaded.map.elements().all(|e| e.meta().note().is_some()));
        }
    }

    #[test]
    fn the_template_reads_back_from_argdown_with_notes_in_argdown_terms() {
        for (json, _) in ARGDOWN_NOTES {
            assert!(TEMPLATE.contains(json), "{json}");
        }
        let text = template_in(NEW_TITLE, Format::Argdown).unwrap();
        for field in ["`by`", "`supports`", "`rebuts`", "\"member_of\":"] {
            assert!(!text.contains(field), "{field} in\n{text}");
        }
        let loaded = crate::format::argdown::from_str(&text)
            .unwrap_or_else(|e| panic!("{:?}", e.diagnostics));
        assert_eq!(loaded.map.claims().count(), 4);
    }
}
