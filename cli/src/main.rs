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

const EXIT_STATUS: &str = concat!(
    "\
Examples:
  pcache demo --dir demo
  pcache pack demo/Blackjack.json -o Blackjack.pci
  pcache merge demo/Base.pci Blackjack.pci -o session.pci
  pcache verify session.pci
  pcache unpack - < session.pci | head     # - is standard input or output

",
    exit_status!(
        "success: done, every file valid, no difference",
        "the answer is \"no\": verify found a problem, diff found a difference, merge found a conflict, or an input is malformed or damaged (an image or a document that breaks a rule of SPEC.md, a format version this pcache does not read)"
    )
);

/// The exit status table, the same for every command: what 0 and 1 mean
/// for this command, and the common meaning of 2.
#[macro_export]
macro_rules! exit_status {
    ($zero:literal, $one:literal) => {
        concat!(
            "Exit status (the same table for every command; see pcache --help):\n",
            "  0  ",
            $zero,
            "\n  1  ",
            $one,
            "\n  2  usage error, or a file that cannot be read or written (missing, no \
             permission, not a regular file, write-protected without --force, an output \
             that is one of the inputs)"
        )
    };
}

#[derive(Subcommand)]
enum Command {
    Pack(cmd::pack::Opts),
    Unpack(cmd::unpack::Opts),
    Inspect(cmd::inspect::Opts),
    Verify(cmd::verify::Opts),
    Merge(cmd::merge::Opts),
    Diff(cmd::diff::Opts),
    Extract(cmd::extract::Opts),
    Strip(cmd::strip::Opts),
    Invalidations(cmd::invalidations::Opts),
    Demo(cmd::demo::Opts),
    Completions(cmd::completions::Opts),
    Man(cmd::man::Opts),
    Synth(cmd::synth::Opts),
    #[command(name = "type")]
    Type(cmd::type_query::Opts),
}

/// On SIGINT, SIGTERM or SIGHUP, removes the temporary files being written
/// (a killed merge would leave a full-size `.pcache-tmp-*` file), then dies
/// of the signal as if it had not been caught.
#[cfg(unix)]
fn remove_temporaries_on_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            pcache_format::write::output::remove_temporaries();
            let _ = signal_hook::low_level::emulate_default_handler(signal);
            std::process::exit(128 + signal);
        }
    });
}

#[cfg(not(unix))]
fn remove_temporaries_on_signals() {}

fn main() -> ExitCode {
    remove_temporaries_on_signals();
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
        Command::Extract(o) => cmd::extract::run(o, g),
        Command::Strip(o) => cmd::strip::run(o, g),
        Command::Invalidations(o) => cmd::invalidations::run(o, g),
        Command::Demo(o) => cmd::demo::run(o, g),
        Command::Completions(o) => cmd::completions::run(o, g),
        Command::Man(o) => cmd::man::run(o, g),
        Command::Synth(o) => cmd::synth::run(o, g),
        Command::Type(o) => cmd::type_query::run(o, g),
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
