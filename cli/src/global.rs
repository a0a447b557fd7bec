//! Options every subcommand takes.

use std::io::IsTerminal;

/// When to color output.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorWhen {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Flattened into every subcommand.
#[derive(clap::Args, Clone, Debug)]
pub struct GlobalOpts {
    /// Print nothing to standard output and no progress bar: the exit status
    /// answers (errors still go to standard error).
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print how long each phase took, on stderr.
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// When to use color: auto (a terminal, and NO_COLOR unset), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,
}

impl GlobalOpts {
    /// Sets the color choice for all output streams.
    pub fn apply(&self) {
        crate::out::set_quiet(self.quiet);
        match self.color {
            ColorWhen::Auto => anstream::ColorChoice::Auto,
            ColorWhen::Always => anstream::ColorChoice::Always,
            ColorWhen::Never => anstream::ColorChoice::Never,
        }
        .write_global();
    }

    /// Whether a progress bar may be drawn.
    pub fn progress_bar(&self) -> bool {
        progress_enabled(self.quiet, std::io::stderr().is_terminal())
    }
}

/// A progress bar is drawn only on a terminal, and never with `--quiet`.
pub fn progress_enabled(quiet: bool, stderr_is_terminal: bool) -> bool {
    !quiet && stderr_is_terminal
}
