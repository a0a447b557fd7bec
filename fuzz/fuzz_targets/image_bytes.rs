#![no_main]
//! See `pcache_testkit::fuzzing::image_bytes`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| pcache_testkit::fuzzing::image_bytes(data));
