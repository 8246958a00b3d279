//! Any text scanned at the outer-carton station: the parser answers with a result or an error, never
//! a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = labels::scan::parse_scan(text);
    }
});
