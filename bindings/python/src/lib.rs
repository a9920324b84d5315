//! argumap for Python: the native module `argumap._argumap` behind the package `argumap`.
//!
//! The Python layer (`python/argumap/__init__.py`) shapes the answers; this module reads
//! maps and writes them, and its answers come from the library's [`argumap::surface`],
//! [`argumap::diagram::look`] and [`argumap::render`], as the command line's do, so they are
//! the same bytes. A map that does not load raises `_NativeError(message, problems_json)`,
//! which the Python layer turns into `argumap.MapError`.

use std::path::Path;

use argumap::analysis::semantics::{
    bipolar_from_map, extensions, from_map, grounded, strengths, Budget, Gradual, Semantics,
    Tolerance, Translation,
};
use argumap::diagnostic::Diagnostic;
use argumap::diagram::look::{self, Look};
use argumap::format::{Format, Limits};
use argumap::model::Map;
use argumap::render::{Engine, Output, RenderOptions};
use pyo3::create_exception;
use pyo3::exceptions::{PyKeyError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyBytes;

create_exception!(_argumap, _NativeError, PyValueError);

/// A refusal: the message, and the problems as the JSON array of `check --message-format
/// json` (each with its path).
struct Refusal {
    message: String,
    problems: String,
}

impl Refusal {
    fn plain(message: impl Into<String>) -> Refusal {
        Refusal {
            message: message.into(),
            problems: "[]".into(),
        }
    }

    fn into_err(self) -> PyErr {
        _NativeError::new_err((self.message, self.problems))
    }
}

fn problems_json(diagnostics: &[Diagnostic], name: &str) -> String {
    serde_json::Value::Array(diagnostics.iter().map(|d| d.to_json(name)).collect()).to_string()
}

/// Every format's name that `keep` accepts, for messages.
/// The format named `format`, else the one the CLI detects from `path` and the text.
fn input_format(format: Option<&str>, path: &str, src: &str) -> Result<Format, Refusal> {
    argumap::surface::input_format(format, Path::new(path), src).map_err(Refusal::plain)
}

/// The map in `src`, named `name` in messages, or a refusal carrying every problem.
fn read(src: &str, format: Option<&str>, path: &str, name: &str) -> Result<NativeMap, Refusal> {
    let format = input_format(format, path, src)?;
    match argumap::format::read_limited(src, format, name, &Limits::default()) {
        Ok(loaded) => Ok(NativeMap {
            map: loaded.map,
            warnings: problems_json(&loaded.warnings, name),
            format: format.name(),
        }),
        Err(e) => {
            let errors: Vec<&Diagnostic> = e.diagnostics.iter().filter(|d| d.is_error()).collect();
            let first = errors
                .first()
                .map(|d| match d.location {
                    Some(at) => format!(": {at}: {}", d.message),
                    None => format!(": {}", d.message),
                })
                .unwrap_or_default();
            Err(Refusal {
                message: format!(
                    "{name} has {} error{} (read as {}){first}",
                    errors.len(),
                    if errors.len() == 1 { "" } else { "s" },
                    format.name()
                ),
                problems: problems_json(&e.diagnostics, name),
            })
        }
    }
}

/// The file at `path`, read and loaded.
fn read_path(path: &str, format: Option<&str>) -> Result<NativeMap, Refusal> {
    let bytes =
        std::fs::read(path).map_err(|e| Refusal::plain(format!("cannot read `{path}`: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Refusal::plain(format!(
            "`{path}` is not UTF-8 text (byte {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    read(&text, format, path, path)
}

/// The look from `(name, value)` pairs, by the names of [`look::OPTIONS`] (`no-legend`).
fn look_of(options: Vec<(String, String)>) -> PyResult<Look> {
    let mut chosen = Look::default();
    for (key, value) in options {
        let Some(option) = look::OPTIONS.iter().find(|o| o.name == key) else {
            let names: Vec<String> = look::OPTIONS
                .iter()
                .map(|o| o.name.replace('-', "_"))
                .collect();
            return Err(PyValueError::new_err(format!(
                "unknown look option `{}`; the look options are {}",
                key.replace('-', "_"),
                names.join(", ")
            )));
        };
        chosen
            .set(option.name, &value)
            .map_err(PyValueError::new_err)?;
    }
    Ok(chosen)
}

/// A map that loaded, with its warnings.
#[pyclass(frozen, module = "argumap._argumap")]
struct NativeMap {
    map: Map,
    /// The warnings, as the JSON array of `check --message-format json`.
    warnings: String,
    /// The format it was read as.
    format: &'static str,
}

impl NativeMap {
    fn translation(&self) -> Translation {
        from_map(&self.map)
    }
}

#[pymethods]
impl NativeMap {
    /// The warnings, as JSON.
    fn warnings(&self) -> &str {
        &self.warnings
    }

    /// The format the text was read as.
    fn format(&self) -> &'static str {
        self.format
    }

    /// The map in `to` (any format the CLI writes), with the look for DOT and Mermaid.
    fn convert(&self, py: Python<'_>, to: &str, look: Vec<(String, String)>) -> PyResult<String> {
        let format = Format::from_name(to).ok_or_else(|| {
            PyValueError::new_err(format!(
                "unknown format `{to}`; argumap writes {}",
                argumap::surface::writable_names()
            ))
        })?;
        if !format.can_write() {
            return Err(PyValueError::new_err(format!(
                "argumap reads {} but cannot write it; write one of {}",
                format.name(),
                argumap::surface::writable_names()
            )));
        }
        let chosen = look_of(look)?;
        py.detach(|| {
            let mut out = Vec::new();
            argumap::surface::write(&self.map, format, &chosen, &mut out)
                .map_err(|e| PyValueError::new_err(e.to_string()))?;
            String::from_utf8(out).map_err(|_| PyValueError::new_err("the writer wrote no UTF-8"))
        })
    }

    /// The picture in `to` (svg, png, pdf), by the built-in engine or, with `graphviz`, by
    /// Graphviz's `dot`.
    fn render<'py>(
        &self,
        py: Python<'py>,
        to: &str,
        look: Vec<(String, String)>,
        graphviz: bool,
        dpi: Option<u32>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let output = Output::from_name(to).ok_or_else(|| {
            PyValueError::new_err(format!(
                "unknown picture format `{to}`; use svg, png or pdf"
            ))
        })?;
        let chosen = look_of(look)?;
        let mut options = RenderOptions {
            engine: if graphviz {
                Engine::Graphviz
            } else {
                Engine::Builtin
            },
            ..RenderOptions::default()
        };
        if let Some(dpi) = dpi {
            options.dpi = dpi.clamp(1, 10_000);
        }
        options.dot = chosen.options(&self.map).0;
        let bytes = py
            .detach(|| argumap::render::render(&self.map, output, &options))
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok(PyBytes::new(py, &bytes))
    }

    /// The JSON of `argumap eval --semantics S --json`.
    #[pyo3(signature = (semantics, limit=None))]
    fn evaluate(&self, py: Python<'_>, semantics: &str, limit: Option<usize>) -> PyResult<String> {
        let semantics: Semantics = semantics
            .parse()
            .map_err(|e: argumap::names::UnknownName| PyValueError::new_err(e.to_string()))?;
        py.detach(|| {
            let t = self.translation();
            let names: Vec<String> = t.ids.iter().map(|id| id.to_string()).collect();
            let mut budget = Budget::default();
            if limit.is_some() {
                budget.labellings = limit;
            }
            let found = extensions(&t.af, semantics, &budget).map_err(|e| {
                PyValueError::new_err(format!(
                    "{e}\n  hint: raise the limit, or ask for grounded semantics, which is always decided"
                ))
            })?;
            Ok(argumap::surface::verdicts_json(
                &t.af, &names, semantics, &found, false,
            ))
        })
    }

    /// The JSON of `argumap eval --strength MODEL --json`.
    fn strengths(&self, py: Python<'_>, model: &str) -> PyResult<String> {
        let model: Gradual = model
            .parse()
            .map_err(|e: argumap::names::UnknownName| PyValueError::new_err(e.to_string()))?;
        py.detach(|| {
            let (graph, ids) = bipolar_from_map(&self.map, model.default_base());
            let names: Vec<String> = ids.iter().map(|id| id.to_string()).collect();
            let result = strengths(&graph, model, &Tolerance::default());
            if !result.converged {
                return Err(PyValueError::new_err(argumap::surface::not_converged(
                    model, &result,
                )));
            }
            Ok(argumap::surface::strengths_json(&names, model, &result))
        })
    }

    /// Why `id` has its grounded label, as `argumap eval` says it.
    fn explain(&self, id: &str) -> PyResult<(String, String)> {
        let t = self.translation();
        let names: Vec<String> = t.ids.iter().map(|id| id.to_string()).collect();
        let Some(a) = names.iter().position(|n| n == id) else {
            return Err(PyKeyError::new_err(format!(
                "`{id}` is no claim or argument of the map"
            )));
        };
        let g = grounded(&t.af);
        let reason =
            argumap::surface::grounded_reason(&t.af, &g, &names, Some(&t.through), a as u32);
        Ok((g.labels[a].as_str().to_owned(), reason))
    }

    /// The JSON of `argumap report --json`.
    fn report(&self, py: Python<'_>) -> String {
        py.detach(|| argumap::surface::report_json(&argumap::analysis::report::report(&self.map)))
    }
}

/// The map in `text`; `path` (may be empty) helps detect the format, `name` names it in
/// messages.
#[pyfunction]
#[pyo3(signature = (text, format=None, path="", name="map"))]
fn loads(
    py: Python<'_>,
    text: &str,
    format: Option<&str>,
    path: &str,
    name: &str,
) -> PyResult<NativeMap> {
    py.detach(|| read(text, format, path, name))
        .map_err(Refusal::into_err)
}

/// The map in the file at `path`.
#[pyfunction]
#[pyo3(signature = (path, format=None))]
fn load(py: Python<'_>, path: &str, format: Option<&str>) -> PyResult<NativeMap> {
    py.detach(|| read_path(path, format))
        .map_err(Refusal::into_err)
}

/// One result of [`load_many`]: the map, or the message and the problems.
type Loaded = Result<NativeMap, (String, String)>;

/// One result of [`load_many`] as Python gets it: `(map, None)` or `(None, (message,
/// problems_json))`.
type Outcome = (Option<NativeMap>, Option<(String, String)>);

/// A look option: `(name, value_name, help, default, values)`.
type LookOption = (String, String, String, Option<String>, Vec<String>);

/// The files at `paths`, read on `workers` threads (every core by default) without the
/// GIL; for each, in order, the map or `(message, problems_json)`.
#[pyfunction]
#[pyo3(signature = (paths, format=None, workers=None))]
fn load_many(
    py: Python<'_>,
    paths: Vec<String>,
    format: Option<String>,
    workers: Option<usize>,
) -> PyResult<Vec<Outcome>> {
    let workers = workers
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .clamp(1, paths.len().max(1));
    let results: Vec<Loaded> = py.detach(|| {
        let next = std::sync::atomic::AtomicUsize::new(0);
        let mut slots: Vec<Option<Loaded>> = (0..paths.len()).map(|_| None).collect();
        let done = std::sync::Mutex::new(Vec::with_capacity(paths.len()));
        std::thread::scope(|scope| {
            for _ in 0..workers {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(path) = paths.get(i) else { break };
                        let r =
                            read_path(path, format.as_deref()).map_err(|r| (r.message, r.problems));
                        mine.push((i, r));
                    }
                    done.lock().unwrap_or_else(|p| p.into_inner()).extend(mine);
                });
            }
        });
        for (i, r) in done.into_inner().unwrap_or_else(|p| p.into_inner()) {
            slots[i] = Some(r);
        }
        slots
            .into_iter()
            .map(|s| s.expect("every path is read"))
            .collect()
    });
    Ok(results
        .into_iter()
        .map(|r| match r {
            Ok(m) => (Some(m), None),
            Err(e) => (None, Some(e)),
        })
        .collect())
}

/// The look options: `(name, value_name, help, default, values)`, names as the CLI spells
/// them (`no-legend`).
#[pyfunction]
fn look_options() -> Vec<LookOption> {
    look::OPTIONS
        .iter()
        .map(|o| {
            (
                o.name.to_owned(),
                o.value_name.to_owned(),
                o.help.to_owned(),
                o.default.map(str::to_owned),
                o.values().into_iter().map(str::to_owned).collect(),
            )
        })
        .collect()
}

/// The formats: `(name, extension, reads, writes)`.
#[pyfunction]
fn formats() -> Vec<(&'static str, &'static str, bool, bool)> {
    Format::ALL
        .into_iter()
        .map(|f| (f.name(), f.extension(), f.can_read(), f.can_write()))
        .collect()
}

/// The format a file at `path` is written in, from its extension.
#[pyfunction]
fn format_of_path(path: &str) -> Option<&'static str> {
    Format::from_path(Path::new(path))
        .filter(|f| f.can_write())
        .map(Format::name)
}

#[pymodule]
fn _argumap(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("_NativeError", m.py().get_type::<_NativeError>())?;
    m.add_class::<NativeMap>()?;
    m.add_function(wrap_pyfunction!(loads, m)?)?;
    m.add_function(wrap_pyfunction!(load, m)?)?;
    m.add_function(wrap_pyfunction!(load_many, m)?)?;
    m.add_function(wrap_pyfunction!(look_options, m)?)?;
    m.add_function(wrap_pyfunction!(formats, m)?)?;
    m.add_function(wrap_pyfunction!(format_of_path, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
