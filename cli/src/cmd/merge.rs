use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::files::{self, Output};
use crate::global::GlobalOpts;
use crate::progress::Bar;
use pcache_format::{
    merge,
    session::{Session, SessionOptions},
    Error,
};

/// Merge images into one merged image; the bytes do not depend on input order or grouping.
#[derive(clap::Args)]
#[command(after_help = concat!(
    "\
Examples:
  pcache merge Base.pci Blackjack.pci BlackjackFacecards.pci -o session.pci
  pcache merge session.pci Extra.pci -o bigger.pci --complete

Inputs may be single-package or merged images. The same package in two
inputs is fine when the sections are equal, when one root table is a prefix
of the other (append-only growth: the longer wins), or when they are builds
stripped differently (pcache strip) that agree on everything both carry
(the one that carries more wins). Dependencies may be missing
unless --complete is given; a stale pinned build id or a dependency cycle is
always an error. The output is written to a temporary file and renamed into
place.

",
    crate::exit_status!(
        "merged",
        "a conflict, a stale pin, a cycle, a missing dependency (--complete), or a malformed or damaged input"
    )
))]
pub struct Opts {
    /// The images to merge (- reads one from standard input).
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Where to write the merged image (- writes standard output). It may be
    /// one of the inputs: the new image replaces it only once complete.
    #[arg(short, long)]
    output: PathBuf,
    /// Replace a write-protected output file.
    #[arg(long)]
    force: bool,
    /// Require every dependency of every package to be present.
    #[arg(long)]
    complete: bool,
}

pub fn run(opts: Opts, global: &GlobalOpts) -> Result<ExitCode, Error> {
    let inputs: Vec<&Path> = opts.inputs.iter().map(|p| p.as_path()).collect();
    let output = files::output(&opts.output, &inputs, true, opts.force)?;
    let files = files::open_images(&opts.inputs)?;
    let bar = Bar::new(global);
    let options = SessionOptions {
        require_complete: opts.complete,
    };
    match output {
        Output::File(dest) => merge::merge_files_with(&files, options, &dest, &bar)?,
        Output::Stdout => {
            let session = Session::load(&files, options)?;
            let mut out = std::io::stdout().lock();
            merge::write_merged_to(&session, &files, &mut out, &bar)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
