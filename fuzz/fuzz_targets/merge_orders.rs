#![no_main]
//! See `pcache_format::fuzzing::merge_orders`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| pcache_format::fuzzing::merge_orders(data));
