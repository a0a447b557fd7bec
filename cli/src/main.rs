//! `pcache`: pack, inspect, verify, merge and diff precompiled package caches.

mod cmd;
mod out;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Precompiled package caches that merge deterministically.
#[derive(Parser)]
#[command(name = "pcache", version, about, long_about = None, after_help = EXIT_STATUS)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

const EXIT_STATUS: &str = "\
Exit status: 0 success; 1 the answer is \"no\" (verify found a problem, merge \
found a conflict, a file is malformed); 2 usage or I/O error.";

#[derive(Subcommand)]
enum Command {
    Pack(cmd::pack::Opts),
    Unpack(cmd::unpack::Opts),
    Inspect(cmd::inspect::Opts),
    Verify(cmd::verify::Opts),
    Merge(cmd::merge::Opts),
    Demo(cmd::demo::Opts),
    Synth(cmd::synth::Opts),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Pack(o) => cmd::pack::run(o),
        Command::Unpack(o) => cmd::unpack::run(o),
        Command::Inspect(o) => cmd::inspect::run(o),
        Command::Verify(o) => cmd::verify::run(o),
        Command::Merge(o) => cmd::merge::run(o),
        Command::Demo(o) => cmd::demo::run(o),
        Command::Synth(o) => cmd::synth::run(o),
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
}
