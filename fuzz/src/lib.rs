//! The fuzz targets of pcache, as library functions: the libFuzzer binaries
//! in `fuzz_targets/` call them (`cargo fuzz`, nightly, feature `libfuzzer`),
//! and the smoke tests in `tests/` run them on stable under plain
//! `cargo test` (on the checked-in seeds, the crash inputs found so far and
//! seeded random inputs).
//!
//! Each target panics only when a property is broken (a bug), never on bad
//! input: bad input must come back as an `Err`. Under `cfg(fuzzing)` (set by
//! cargo-fuzz) the header and section checksums are not enforced
//! (`pcache_format`'s `read::checksum_matches`), so mutated inputs reach the
//! structure behind them.

#![deny(missing_docs)]

pub mod image_bytes;
pub mod merge_orders;
pub mod round_trip;
pub mod type_query;
