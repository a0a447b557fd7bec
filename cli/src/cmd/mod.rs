//! One module per subcommand: its options (`Opts`) and `run`.

pub mod demo;
pub mod inspect;
pub mod merge;
pub mod pack;
pub mod synth;
pub mod unpack;
pub mod verify;
