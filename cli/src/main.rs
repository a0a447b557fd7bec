//! `pcache`: pack, inspect, verify, merge and diff precompiled package caches.

mod cmd;
mod files;
mod global;
mod out;
mod progress;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

// The invalidation analysis allocates and frees many small type terms;
// with glibc's allocator a third of merge time went to malloc and free.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Precompiled package caches that merge deterministically.
#[derive(Parser)]
#[command(
    name = "pcache",
    version,
    about,
    long_about = "Precompiled package caches that merge deterministically.\n\n\
        Every package has its own append-only root table; a merged image holds one \
        global root table and a reindex vector per package, so images built \
        independently merge to the same bytes in any order. The format is defined \
        in SPEC.md.",
    after_help = EXIT_STATUS,
    propagate_version = true
)]
pub struct Cli {
    #[command(flatten)]
    global: global::GlobalOpts,
    #[command(subcommand)]
    command: Command,
}

const EXIT_STATUS: &str = "\
Examples:
  pcache demo
  pcache pack Blackjack.json -o Blackjack.pci
  pcache merge Base.pci Blackjack.pci -o session.pci
  pcache verify session.pci

Exit status: 0 success; 1 the answer is \"no\" (verify found a problem, merge \
found a conflict, a file is malformed, diff found a difference); 2 usage or I/O error.";

#[derive(Subcommand)]
enum Command {
    Pack(cmd::pack::Opts),
    Unpack(cmd::unpack::Opts),
    Inspect(cmd::inspect::Opts),
    Verify(cmd::verify::Opts),
    Merge(cmd::merge::Opts),
    Diff(cmd::diff::Opts),
    Invalidations(cmd::invalidations::Opts),
    Demo(cmd::demo::Opts),
    Completions(cmd::completions::Opts),
    Man(cmd::man::Opts),
    Synth(cmd::synth::Opts),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let g = &cli.global;
    g.apply();
    let result = match cli.command {
        Command::Pack(o) => cmd::pack::run(o, g),
        Command::Unpack(o) => cmd::unpack::run(o, g),
        Command::Inspect(o) => cmd::inspect::run(o, g),
        Command::Verify(o) => cmd::verify::run(o, g),
        Command::Merge(o) => cmd::merge::run(o, g),
        Command::Diff(o) => cmd::diff::run(o, g),
        Command::Invalidations(o) => cmd::invalidations::run(o, g),
        Command::Demo(o) => cmd::demo::run(o, g),
        Command::Completions(o) => cmd::completions::run(o, g),
        Command::Man(o) => cmd::man::run(o, g),
        Command::Synth(o) => cmd::synth::run(o, g),
    };
    match result {
        Ok(code) => code,
        Err(e) => out::report_error(&e),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn cli_definition_is_consistent() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }

    #[test]
    fn progress_bar_only_on_a_terminal_and_never_when_quiet() {
        use crate::global::progress_enabled;
        assert!(progress_enabled(false, true));
        assert!(!progress_enabled(true, true));
        assert!(!progress_enabled(false, false));
    }
}
