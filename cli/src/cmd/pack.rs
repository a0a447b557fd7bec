use std::path::PathBuf;
use std::process::ExitCode;

use crate::global::GlobalOpts;
use crate::progress::Bar;
use pcache_format::progress::Progress;
use pcache_format::{output::write_atomic, pack, Error, Package};

/// Pack a package's JSON document into a single-package image.
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  pcache pack Blackjack.json -o Blackjack.pci

Exit status: 0 packed; 1 the document breaks a rule (duplicate roots, a root
index out of range, ...); 2 the file cannot be read or is not valid JSON.")]
pub struct Opts {
    /// The package document (JSON, see SPEC.md §2).
    input: PathBuf,
    /// Where to write the image (.pci).
    #[arg(short, long)]
    output: PathBuf,
}

pub fn run(opts: Opts, global: &GlobalOpts) -> Result<ExitCode, Error> {
    let bar = Bar::new(global);
    bar.phase("read", 0);
    bar.item(&opts.input.display().to_string());
    let pkg = read_package(&opts.input)?;
    bar.phase("pack", 0);
    let bytes = pack::image_bytes(&pkg).map_err(|e| e.in_file(&opts.input))?;
    bar.phase("write", bytes.len() as u64);
    write_atomic(&opts.output, |w| {
        w.write_all(&bytes)?;
        bar.advance(bytes.len() as u64);
        Ok(())
    })?;
    bar.finish();
    Ok(ExitCode::SUCCESS)
}

/// Reads and parses one package document.
pub fn read_package(path: &std::path::Path) -> Result<Package, Error> {
    let len = std::fs::metadata(path)
        .map_err(|e| Error::io(format!("cannot read: {e}")).in_file(path))?
        .len();
    if len > pcache_format::limits::MAX_JSON_LEN {
        return Err(
            Error::io(format!("document is {len} bytes, more than pack reads")).in_file(path),
        );
    }
    let text =
        std::fs::read(path).map_err(|e| Error::io(format!("cannot read: {e}")).in_file(path))?;
    Package::from_json(&text).map_err(|e| e.in_file(path))
}
