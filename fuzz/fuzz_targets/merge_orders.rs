#![no_main]
//! See `pcache_testkit::fuzzing::merge_orders`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| pcache_testkit::fuzzing::merge_orders(data));
