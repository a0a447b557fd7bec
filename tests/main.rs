//! The integration tests of the pcache command, as one binary (wired from
//! `cli/Cargo.toml`).

mod common;

mod cli_behaviour;
mod cli_checked;
mod cli_corpus;
mod cli_corruption;
mod cli_exit;
mod cli_extract;
mod cli_files;
mod cli_merge;
mod cli_pack;
mod cli_snapshots;
mod cli_strip;
mod cli_type;
mod corpus_end_to_end;
mod crash_safety;
mod diff;
mod invalidations;
