use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::Shell;
use pcache_format::Error;

use crate::global::GlobalOpts;

/// Print a shell completion script.
#[derive(clap::Args)]
#[command(after_help = concat!(
    "\
Examples:
  pcache completions bash > ~/.local/share/bash-completion/completions/pcache
  pcache completions zsh > ~/.zfunc/_pcache
  pcache completions fish > ~/.config/fish/completions/pcache.fish

",
    crate::exit_status!(
        "printed",
        "(not used)"
    )
))]
pub struct Opts {
    /// The shell.
    #[arg(value_enum)]
    shell: Shell,
}

pub fn run(opts: Opts, _: &GlobalOpts) -> Result<ExitCode, Error> {
    let mut cmd = crate::Cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(opts.shell, &mut cmd, "pcache", &mut buf);
    crate::out::print_data(&String::from_utf8_lossy(&buf))?;
    Ok(ExitCode::SUCCESS)
}
