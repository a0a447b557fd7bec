#![no_main]
//! See `pcache_fuzz::type_query`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| pcache_fuzz::type_query::run(data));
