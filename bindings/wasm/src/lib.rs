//! argumap on WebAssembly: the functions the npm package `argumap` wraps.
//!
//! Each takes the map's text and its options as a JSON object (text), and answers with text
//! (JSON where the answer is structured) or bytes; the package's JavaScript parses the JSON
//! and turns a refusal into an `ArgumapError`. A refusal is `Err` with the JSON
//! `{"message": ..., "problems": [...]}`, never a trap, so the module stays usable after it.
//!
//! The answers come from the library's [`argumap::surface`], [`argumap::diagram::look`] and
//! [`argumap::render`], as the command line's do, so they are the same bytes. Nothing here
//! reads a file, starts a thread or reads the clock: searches have no deadline (the page runs
//! them in a worker it can stop).

use std::path::Path;

use argumap::analysis::semantics::{
    bipolar_from_map, extensions, from_map, strengths, Budget, Framework, Gradual, Semantics,
    Tolerance,
};
use argumap::diagnostic::Diagnostic;
use argumap::diagram::look::{self, Look, LookKind};
use argumap::format::{Format, Limits, Role, SourceIndex};
use argumap::model::{ElementKind, Map};
use argumap::render::{Engine, Output, RenderOptions};
use serde_json::{json, Map as Object, Value};
use wasm_bindgen::prelude::*;

/// A refusal: a message, and the problems of the map when it has some.
#[derive(Debug)]
pub struct Refusal {
    message: String,
    problems: Vec<Value>,
}

impl Refusal {
    fn new(message: impl Into<String>) -> Refusal {
        Refusal {
            message: message.into(),
            problems: Vec::new(),
        }
    }

    /// The refusal as the JSON the package reads.
    pub fn to_json(&self) -> String {
        json!({ "message": self.message, "problems": self.problems }).to_string()
    }
}

impl From<Refusal> for JsValue {
    fn from(r: Refusal) -> JsValue {
        JsValue::from_str(&r.to_json())
    }
}

type Answer<T> = Result<T, Refusal>;

/// A problem as the package gives it: the keys of `check --message-format json` in camel
/// case (`endLine`), without the path.
pub fn problem(d: &Diagnostic) -> Value {
    camel(d.to_json(""), true)
}

/// `end_line` → `endLine`, in every object key; `path` left out at the top when `top`.
fn camel(value: Value, top: bool) -> Value {
    match value {
        Value::Object(o) => Value::Object(
            o.into_iter()
                .filter(|(k, _)| !(top && k == "path"))
                .map(|(k, v)| {
                    let mut key = String::with_capacity(k.len());
                    let mut upper = false;
                    for c in k.chars() {
                        if c == '_' {
                            upper = true;
                        } else if upper {
                            key.extend(c.to_uppercase());
                            upper = false;
                        } else {
                            key.push(c);
                        }
                    }
                    (key, camel(v, false))
                })
                .collect(),
        ),
        other => other,
    }
}

/// The options object, or a refusal for text that is not one.
fn options(text: &str) -> Answer<Object<String, Value>> {
    if text.trim().is_empty() {
        return Ok(Object::new());
    }
    match serde_json::from_str(text) {
        Ok(Value::Object(o)) => Ok(o),
        Ok(Value::Null) => Ok(Object::new()),
        _ => Err(Refusal::new("the options must be an object")),
    }
}

/// A string option; `None` when absent or null.
fn string<'a>(o: &'a Object<String, Value>, key: &str) -> Answer<Option<&'a str>> {
    match o.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(Refusal::new(format!(
            "the option `{key}` must be a string, not {other}"
        ))),
    }
}

/// The name the map's messages give it: the option `name`, else `map`.
fn name(o: &Object<String, Value>) -> Answer<String> {
    Ok(string(o, "name")?.unwrap_or("map").to_owned())
}

/// Every format's name, for messages.
/// The format named by `key` (any name the command line's `--from` takes), else the one the
/// text looks like, as the command line detects it for standard input.
fn input_format(o: &Object<String, Value>, key: &str, src: &str) -> Answer<Format> {
    argumap::surface::input_format(string(o, key)?, Path::new(""), src).map_err(Refusal::new)
}

/// The map in `src`, or a refusal carrying every problem; with its warnings.
fn load(src: &str, o: &Object<String, Value>, key: &str) -> Answer<(Map, Vec<Diagnostic>)> {
    let format = input_format(o, key, src)?;
    let name = name(o)?;
    match argumap::format::read_limited(src, format, &name, &Limits::default()) {
        Ok(loaded) => Ok((loaded.map, loaded.warnings)),
        Err(e) => {
            let errors = e.diagnostics.iter().filter(|d| d.is_error()).count();
            let first = e
                .diagnostics
                .iter()
                .find(|d| d.is_error())
                .map(|d| match d.location {
                    Some(at) => format!(": {at}: {}", d.message),
                    None => format!(": {}", d.message),
                })
                .unwrap_or_default();
            Err(Refusal {
                message: format!(
                    "{name} has {errors} error{} (read as {}){first}",
                    if errors == 1 { "" } else { "s" },
                    format.name()
                ),
                problems: e.diagnostics.iter().map(problem).collect(),
            })
        }
    }
}

/// The options that are not look options.
const NOT_LOOK: [&str; 8] = [
    "format",
    "from",
    "to",
    "name",
    "dpi",
    "scale",
    "semantics",
    "strength",
];

/// The look options of `o`, by the names of [`look::OPTIONS`] (`no-legend`) or their camel
/// case (`noLegend`).
fn look_of(o: &Object<String, Value>) -> Answer<Look> {
    let mut chosen = Look::default();
    for (key, value) in o {
        if NOT_LOOK.contains(&key.as_str()) || value.is_null() {
            continue;
        }
        let option = look::OPTIONS
            .iter()
            .find(|opt| opt.name == key || camel_name(opt.name) == *key);
        let Some(option) = option else {
            let names: Vec<String> = look::OPTIONS.iter().map(|o| camel_name(o.name)).collect();
            return Err(Refusal::new(format!(
                "unknown option `{key}`; the look options are {}",
                names.join(", ")
            )));
        };
        let text = match value {
            Value::String(s) => s.clone(),
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => n.to_string(),
            other => {
                return Err(Refusal::new(format!(
                    "the option `{key}` takes a string, a number or true/false, not {other}"
                )))
            }
        };
        chosen.set(option.name, &text).map_err(Refusal::new)?;
    }
    Ok(chosen)
}

/// `no-legend` → `noLegend`.
fn camel_name(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        if c == '-' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Every problem of the text (errors and warnings), as JSON: an array of problems, the same
/// as `argumap check --message-format json` lists for it. Refuses only a format it cannot
/// read.
#[wasm_bindgen]
pub fn check(source: &str, options_json: &str) -> Result<String, JsValue> {
    Ok(check_text(source, options_json)?)
}

/// [`check`], for Rust callers.
pub fn check_text(source: &str, options_json: &str) -> Answer<String> {
    let o = options(options_json)?;
    let format = input_format(&o, "format", source)?;
    let found = argumap::surface::problems(source, format, &name(&o)?, &Limits::default());
    Ok(Value::Array(found.iter().map(problem).collect()).to_string())
}

/// The map in another format: options `from` (read as; detected when absent), `to` (any
/// format argumap writes) and the look options (for DOT and Mermaid).
#[wasm_bindgen]
pub fn convert(source: &str, options_json: &str) -> Result<String, JsValue> {
    Ok(convert_text(source, options_json)?)
}

/// [`convert`], for Rust callers.
pub fn convert_text(source: &str, options_json: &str) -> Answer<String> {
    let o = options(options_json)?;
    let to = match string(&o, "to")? {
        Some(n) => Format::from_name(n).ok_or_else(|| {
            Refusal::new(format!(
                "unknown format `{n}`; argumap writes {}",
                argumap::surface::writable_names()
            ))
        })?,
        None => {
            return Err(Refusal::new(format!(
                "which format? give `to`, one of {}",
                argumap::surface::writable_names()
            )))
        }
    };
    if !to.can_write() {
        return Err(Refusal::new(format!(
            "argumap reads {} but cannot write it; write one of {}",
            to.name(),
            argumap::surface::writable_names()
        )));
    }
    let chosen = look_of(&o)?;
    let (map, _) = load(source, &o, "from")?;
    let mut out = Vec::new();
    argumap::surface::write(&map, to, &chosen, &mut out)
        .map_err(|e| Refusal::new(e.to_string()))?;
    String::from_utf8(out).map_err(|_| Refusal::new("the writer wrote no UTF-8"))
}

/// The picture, by the built-in engine: options `format`, `to` (`svg`, `png`, `pdf`;
/// default `svg`), `dpi` or `scale` (PNG: pixels an inch, or `scale` × 96) and the look
/// options.
#[wasm_bindgen]
pub fn render(source: &str, options_json: &str) -> Result<Vec<u8>, JsValue> {
    Ok(render_bytes(source, options_json)?)
}

/// [`render`], for Rust callers.
pub fn render_bytes(source: &str, options_json: &str) -> Answer<Vec<u8>> {
    let o = options(options_json)?;
    let output = match string(&o, "to")? {
        None => Output::Svg,
        Some(n) => Output::from_name(n).ok_or_else(|| {
            Refusal::new(format!("unknown picture format `{n}`; use svg, png or pdf"))
        })?,
    };
    let mut render_options = RenderOptions {
        engine: Engine::Builtin,
        ..RenderOptions::default()
    };
    let number = |key: &str| -> Answer<Option<f64>> {
        match o.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => v
                .as_f64()
                .filter(|x| x.is_finite() && *x > 0.0)
                .map(Some)
                .ok_or_else(|| Refusal::new(format!("`{key}` must be a positive number"))),
        }
    };
    if let Some(dpi) = number("dpi")? {
        render_options.dpi = dpi.round().clamp(1.0, 10_000.0) as u32;
    }
    if let Some(scale) = number("scale")? {
        render_options.dpi = (scale * 96.0).round().clamp(1.0, 10_000.0) as u32;
    }
    let chosen = look_of(&o)?;
    let (map, _) = load(source, &o, "format")?;
    // Notes (badges for many actors, no status marks) are for a terminal; the picture shows
    // what was drawn.
    render_options.dot = chosen.options(&map).0;
    argumap::render::render(&map, output, &render_options).map_err(|e| Refusal::new(e.to_string()))
}

/// The JSON of `argumap eval --json`: options `format`, and `semantics` (default grounded)
/// or `strength` (dfquad, qe, hcat), `enumerate` (list the extensions), `limit` (labellings
/// looked at).
#[wasm_bindgen]
pub fn evaluate(source: &str, options_json: &str) -> Result<String, JsValue> {
    Ok(evaluate_text(source, options_json)?)
}

/// [`evaluate`], for Rust callers.
pub fn evaluate_text(source: &str, options_json: &str) -> Answer<String> {
    let o = options(options_json)?;
    let format = input_format(&o, "format", source)?;
    let map_name = name(&o)?;
    let (af, names, map): (Framework, Vec<String>, Option<Map>) = match format.iccma() {
        Some(dialect) => {
            let named =
                argumap::format::iccma::read_with(source, dialect, Limits::default().max_elements)
                    .map_err(|d| Refusal {
                        message: format!("{map_name}: {}", d.message),
                        problems: vec![problem(&d)],
                    })?;
            (named.af, named.names, None)
        }
        None => {
            let (map, _) = load(source, &o, "format")?;
            let t = from_map(&map);
            let names = t.ids.iter().map(|id| id.to_string()).collect();
            (t.af, names, Some(map))
        }
    };
    if let Some(model) = string(&o, "strength")? {
        let model: Gradual = model
            .parse()
            .map_err(|e: argumap::names::UnknownName| Refusal::new(e.to_string()))?;
        let graph = match &map {
            Some(map) => bipolar_from_map(map, model.default_base()).0,
            None => {
                let mut g =
                    argumap::analysis::semantics::Bipolar::new(af.len(), model.default_base());
                for (a, b) in af.attacks() {
                    g.attack(a, b);
                }
                g
            }
        };
        let result = strengths(&graph, model, &Tolerance::default());
        if !result.converged {
            return Err(Refusal::new(format!(
                "{map_name}: {}",
                argumap::surface::not_converged(model, &result)
            )));
        }
        return Ok(argumap::surface::strengths_json(&names, model, &result));
    }
    let semantics: Semantics = match string(&o, "semantics")? {
        Some(s) => s
            .parse()
            .map_err(|e: argumap::names::UnknownName| Refusal::new(e.to_string()))?,
        None => Semantics::Grounded,
    };
    let enumerate = o.get("enumerate").and_then(Value::as_bool).unwrap_or(false);
    let mut budget = Budget::default();
    if let Some(limit) = o.get("limit").and_then(Value::as_u64) {
        budget.labellings = Some(limit as usize);
    }
    let found = extensions(&af, semantics, &budget).map_err(|e| {
        Refusal::new(format!(
            "{map_name}: {e}\n  hint: raise the limit, or ask for grounded semantics, which is always decided"
        ))
    })?;
    Ok(argumap::surface::verdicts_json(
        &af, &names, semantics, &found, enumerate,
    ))
}

/// The JSON of `argumap report --json`: options `format`.
#[wasm_bindgen]
pub fn report(source: &str, options_json: &str) -> Result<String, JsValue> {
    Ok(report_text(source, options_json)?)
}

/// [`report`], for Rust callers.
pub fn report_text(source: &str, options_json: &str) -> Answer<String> {
    let o = options(options_json)?;
    let (map, _) = load(source, &o, "format")?;
    Ok(argumap::surface::report_json(
        &argumap::analysis::report::report(&map),
    ))
}

/// Where each id stands in the text, as JSON: `[{id, kind, line, column, endLine,
/// endColumn, node, references: [{line, column, endLine, endColumn, field}]}]` in text
/// order, `kind` from the map when it loads (else null), `node` the id of the node that
/// draws it in the SVG (`<title>` of its `<g class="node">`; a bundled actor is drawn by
/// the bundle's first actor), null when it is no node. Works on text with errors as long as
/// its syntax is whole; `[]` when it is not (or for a format with no ids in its text).
#[wasm_bindgen]
pub fn locate(source: &str, options_json: &str) -> Result<String, JsValue> {
    Ok(locate_text(source, options_json)?)
}

/// [`locate`], for Rust callers.
pub fn locate_text(source: &str, options_json: &str) -> Answer<String> {
    let o = options(options_json)?;
    let format = input_format(&o, "format", source)?;
    let Some(index) = SourceIndex::of(source, format) else {
        return Ok("[]".into());
    };
    let map = argumap::format::read(source, format, &name(&o)?)
        .ok()
        .map(|l| l.map);
    let chosen = look_of(&o)?;
    let drawn = map.as_ref().map(|m| {
        let options = chosen.options(m).0;
        argumap::diagram::drawn_as(m, &options)
    });
    let place = |oc: &argumap::format::Occurrence| {
        json!({
            "line": oc.start.line,
            "column": oc.start.column,
            "endLine": oc.end.line,
            "endColumn": oc.end.column,
        })
    };
    let mut out = Vec::new();
    for oc in index
        .occurrences()
        .iter()
        .filter(|oc| oc.role == Role::Definition)
    {
        let mut entry = place(oc);
        let kind = map.as_ref().and_then(|m| m.kind_of(&oc.id));
        entry["id"] = json!(oc.id);
        entry["kind"] = json!(kind.map(kind_name));
        entry["node"] = json!(drawn
            .as_ref()
            .and_then(|d| d.get(oc.id.as_str()))
            .map(String::as_str));
        entry["references"] = Value::Array(
            index
                .references(&oc.id)
                .map(|r| {
                    let mut p = place(r);
                    p["field"] = json!(r.field);
                    p
                })
                .collect(),
        );
        out.push(entry);
    }
    Ok(Value::Array(out).to_string())
}

fn kind_name(kind: ElementKind) -> &'static str {
    match kind {
        ElementKind::Claim => "claim",
        ElementKind::Argument => "argument",
        ElementKind::Actor => "actor",
        ElementKind::Source => "source",
        ElementKind::Group => "group",
        ElementKind::Side => "side",
        _ => "element",
    }
}

/// The map `argumap new` writes, in `format` (`json`, the default, or `argdown`, or any
/// format argumap writes).
#[wasm_bindgen]
pub fn template(format: &str) -> Result<String, JsValue> {
    Ok(template_text(format)?)
}

/// [`template`], for Rust callers.
pub fn template_text(format: &str) -> Answer<String> {
    let format = if format.is_empty() {
        Format::Json
    } else {
        Format::from_name(format).ok_or_else(|| {
            Refusal::new(format!(
                "unknown format `{format}`; use {}",
                argumap::surface::writable_names()
            ))
        })?
    };
    argumap::surface::template_in(argumap::surface::NEW_TITLE, format)
        .map_err(|e| Refusal::new(e.to_string()))
}

/// The formats, as JSON: `[{name, extension, read, write}]`.
#[wasm_bindgen]
pub fn formats() -> String {
    Value::Array(
        Format::ALL
            .into_iter()
            .map(|f| {
                json!({
                    "name": f.name(),
                    "extension": f.extension(),
                    "read": f.can_read(),
                    "write": f.can_write(),
                })
            })
            .collect(),
    )
    .to_string()
}

/// The look options, as JSON: `[{name, key, valueName, help, default, kind, values}]`,
/// `name` as the command line spells it (`no-legend`), `key` as the options object takes
/// it (`noLegend`), `kind` one of `choice`, `number`, `switch`.
#[wasm_bindgen(js_name = lookOptions)]
pub fn look_options() -> String {
    Value::Array(
        look::OPTIONS
            .iter()
            .map(|o| {
                json!({
                    "name": o.name,
                    "key": camel_name(o.name),
                    "valueName": o.value_name,
                    "help": o.help,
                    "default": o.default,
                    "kind": match o.kind {
                        LookKind::Choice(_) => "choice",
                        LookKind::Number => "number",
                        _ => "switch",
                    },
                    "values": o.values(),
                })
            })
            .collect(),
    )
    .to_string()
}

/// The library's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_are_camel_case_without_the_path() {
        let p = problem(
            &argumap::format::json::from_str("{")
                .unwrap_err()
                .diagnostics[0],
        );
        let keys: Vec<&str> = p.as_object().unwrap().keys().map(String::as_str).collect();
        assert!(
            keys.contains(&"endLine") && !keys.contains(&"path"),
            "{keys:?}"
        );
    }

    #[test]
    fn look_options_by_either_name() {
        let o = options(r#"{"noLegend": true, "theme": "print", "to": "svg"}"#).unwrap();
        let l = look_of(&o).unwrap();
        assert!(l.no_legend);
        let o = options(r#"{"colour": "x"}"#).unwrap();
        assert!(look_of(&o).unwrap_err().message.contains("noLegend"));
    }
}
