//! The dispatcher on any text, as the command line reads standard input: the format is
//! sniffed from the content, then read. It returns a map or an error, and a map saves and
//! loads again.
#![no_main]

use std::path::Path;

use argumap::format::{self, Format};
use argumap_fuzz::{check_loaded, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(src) = text(data) {
        let detected = Format::detect(Path::new("-"), src);
        check_loaded(src, format::read(src, detected, "fuzz"));
    }
});
