//! Our map file's loader on any bytes: from text, and from a reader (which must refuse
//! bytes that are not UTF-8 with an error, not a panic). A map it loads saves and loads
//! again.
#![no_main]

use argumap::format::json;
use argumap_fuzz::{check_loaded, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let from_bytes = json::from_reader(data);
    match text(data) {
        Some(src) => {
            let from_text = json::from_str(src);
            assert_eq!(
                from_bytes.is_ok(),
                from_text.is_ok(),
                "from_reader and from_str disagree"
            );
            check_loaded(src, from_text);
        }
        None => assert!(from_bytes.is_err(), "bytes that are not UTF-8 loaded"),
    }
});
