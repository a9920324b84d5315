//! The ICCMA apx reader on any text: it returns a framework or an error; a framework saves
//! as a map that loads again, and written as apx it reads back the same.
#![no_main]

use argumap::format::iccma::Dialect;
use argumap_fuzz::{check_iccma, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(src) = text(data) {
        check_iccma(src, Dialect::Apx);
    }
});
