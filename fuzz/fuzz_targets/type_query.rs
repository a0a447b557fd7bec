#![no_main]
//! Two type texts (split at a 0xff byte) read against the built-in Julia
//! declarations and asked every question; see
//! `typesys/tests/type_query_fuzz/mod.rs`, which `cargo test` also runs
//! (`typesys/tests/fuzz_smoke_types.rs`).

use libfuzzer_sys::fuzz_target;

#[path = "../../typesys/tests/type_query_fuzz/mod.rs"]
mod type_query_fuzz;

fuzz_target!(|data: &[u8]| type_query_fuzz::type_query(data));
