//! What every fuzz target checks of a parser's answer, beyond "it returned".
//!
//! - An error lists at least one error, and every diagnostic (error or warning) renders
//!   against the text it came from, as the command line shows it.
//! - A map a parser makes saves as our map file and that file loads again.
//! - An ICCMA framework written in its dialect reads back as the same framework.

use argumap::diagnostic::Diagnostic;
use argumap::format::iccma::{self, Dialect};
use argumap::format::{json, LoadError, Loaded};
use argumap::model::Map;

/// The bytes as text, when they are UTF-8: every reader takes text.
pub fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// Checks the answer of a reader that makes a map.
pub fn check_loaded(src: &str, result: Result<Loaded, LoadError>) {
    match result {
        Ok(loaded) => {
            render(src, &loaded.warnings);
            check_saves_and_loads(&loaded.map);
        }
        Err(error) => {
            assert!(
                error.errors().next().is_some(),
                "a LoadError without an error: {:?}",
                error.diagnostics
            );
            render(src, &error.diagnostics);
        }
    }
}

/// Renders each diagnostic, as the command line does.
pub fn render(src: &str, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        let shown = d.render("fuzz", src);
        assert!(!shown.is_empty());
    }
}

/// Every map a parser makes must save as a map file that loads again.
pub fn check_saves_and_loads(map: &Map) {
    let saved = json::to_string(map);
    if let Err(e) = json::from_str(&saved) {
        panic!(
            "a map read without error does not load again once saved: {:?}\n--- saved ---\n{saved}",
            e.diagnostics
        );
    }
}

/// Reads a framework in a dialect and checks it: as a map it saves and loads; written in
/// the dialect, it reads back the same.
pub fn check_iccma(src: &str, dialect: Dialect) {
    match iccma::read(src, dialect) {
        Ok(named) => {
            assert_eq!(
                named.names.len(),
                named.af.len(),
                "a name for each argument"
            );
            check_saves_and_loads(&iccma::to_map(&named, "fuzz"));
            let mut out = Vec::new();
            iccma::write(&named.af, dialect, Some(&named.names), &mut out)
                .expect("writing to memory");
            let written = String::from_utf8(out).expect("the writer writes UTF-8");
            match iccma::read(&written, dialect) {
                Ok(again) => assert_eq!(
                    again.af,
                    named.af,
                    "the framework written in {} reads back different:\n{written}",
                    dialect.name()
                ),
                Err(d) => panic!(
                    "the framework written in {} does not read back: {}\n{written}",
                    dialect.name(),
                    d.render("written", &written)
                ),
            }
        }
        Err(d) => {
            assert!(d.is_error(), "a read error that is not an error: {d:?}");
            render(src, std::slice::from_ref(&d));
        }
    }
}
