#![no_main]
//! See `pcache_testkit::fuzzing::round_trip`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| pcache_testkit::fuzzing::round_trip(data));
