#![no_main]
//! See `pcache_fuzz::image_bytes`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| pcache_fuzz::image_bytes::run(data));
