//! Any ZPL: the preview renders what it understands and reports the rest, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = labels::preview::zpl_to_svg(&String::from_utf8_lossy(data));
});
