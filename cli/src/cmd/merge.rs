use std::path::PathBuf;
use std::process::ExitCode;

use crate::global::GlobalOpts;
use crate::progress::Bar;
use pcache_format::{image::ImageFile, merge, session::SessionOptions, Error};

/// Merge images into one merged image; the bytes do not depend on input order or grouping.
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  pcache merge Base.pci Blackjack.pci BlackjackFacecards.pci -o session.pci
  pcache merge session.pci Extra.pci -o bigger.pci --complete

Inputs may be single-package or merged images. The same package in two
inputs is fine when the sections are equal or one root table is a prefix of
the other (append-only growth: the longer wins). Dependencies may be missing
unless --complete is given; a stale pinned build id or a dependency cycle is
always an error. The output is written to a temporary file and renamed into
place.

Exit status: 0 merged; 1 conflict, stale pin, cycle, missing dependency
(--complete) or a damaged input; 2 an input cannot be read or the output
cannot be written.")]
pub struct Opts {
    /// The images to merge.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Where to write the merged image.
    #[arg(short, long)]
    output: PathBuf,
    /// Require every dependency of every package to be present.
    #[arg(long)]
    complete: bool,
}

pub fn run(opts: Opts, global: &GlobalOpts) -> Result<ExitCode, Error> {
    let files = ImageFile::open_all(&opts.inputs)?;
    let bar = Bar::new(global);
    merge::merge_files_with(
        &files,
        SessionOptions {
            require_complete: opts.complete,
        },
        &opts.output,
        &bar,
    )?;
    Ok(ExitCode::SUCCESS)
}
