//! The argument-microtexts (arggraph XML) reader on any text: it returns a map or an error, and a map it returns saves
//! and loads again.
#![no_main]

use argumap::format::microtexts;
use argumap_fuzz::{check_loaded, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(src) = text(data) {
        check_loaded(src, microtexts::from_str(src));
    }
});
