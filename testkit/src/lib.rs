//! Test and demo code for pcache, kept out of the public library
//! `pcache-format` (ARCHITECTURE.md): the demo ecosystem ([`demo`], what
//! `pcache demo` writes), the synthetic benchmark ecosystem ([`synth`], what
//! `pcache synth` writes), the one random-number generator ([`random`]),
//! the structured `Arbitrary` generator of package ecosystems that property
//! tests and the fuzz targets (`fuzz/`) share ([`arbitrary_ecosystem`]), and
//! helpers for tests that damage files on purpose ([`reseal`]).

#![deny(missing_docs)]

pub mod arbitrary_ecosystem;
pub mod demo;
pub mod random;
pub mod reseal;
pub mod synth;
