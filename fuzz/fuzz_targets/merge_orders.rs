#![no_main]
//! See `pcache_fuzz::merge_orders`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| pcache_fuzz::merge_orders::run(data));
