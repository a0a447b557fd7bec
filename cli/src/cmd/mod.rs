//! One module per subcommand: its options (`Opts`) and `run`.

pub mod completions;
pub mod demo;
pub mod diff;
pub mod extract;
pub mod inspect;
pub mod invalidations;
pub mod man;
pub mod merge;
pub mod pack;
pub mod strip;
pub mod synth;
pub mod type_query;
pub mod unpack;
pub mod verify;
