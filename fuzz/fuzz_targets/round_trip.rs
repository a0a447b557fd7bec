#![no_main]
//! See `pcache_fuzz::round_trip`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| pcache_fuzz::round_trip::run(data));
