//! Hashes over the model: root fingerprints, the semantic id of a package,
//! and the flat fingerprint table used for interning and duplicate checks.

pub mod fingerprint;
pub(crate) mod fptable;
pub mod semantic;
