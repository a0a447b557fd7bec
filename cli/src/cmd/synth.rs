use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use pcache_format::synth::{Ecosystem, SynthOptions};
use pcache_format::Error;
use rayon::prelude::*;

use crate::global::GlobalOpts;
use crate::out;
use crate::progress::Bar;
use pcache_format::progress::Progress;

/// Generate a synthetic ecosystem: one single-package image per package.
#[derive(clap::Args)]
#[command(after_help = concat!(
    "\
Examples:
  pcache synth -o eco/                                 # 20 packages x 200k roots
  pcache synth --packages 5 --roots 1000 --seed 7 -o small/
  pcache synth --packages 40 --payload 4 -o big/ && pcache merge big/*.pci -o big.pci

Packages get random uuids and a dependency DAG (Base first, which everything
uses, then a long tail). About half of each root table is drawn from a shared
Zipf-like vocabulary, the rest is private to the package; every root kind
occurs. Code instances carry root references, call and invoke edges and
payloads from hundreds of bytes to tens of KiB (scaled by --payload). The
same options give the same bytes on every machine. Files are named
NNN-Name.pci, packed in parallel, and written directly (not synced).

",
    crate::exit_status!(
        "written",
        "(not used)"
    )
))]
pub struct Opts {
    /// Number of packages.
    #[arg(long, default_value_t = 20)]
    packages: usize,
    /// Roots per package.
    #[arg(long, default_value_t = 200_000)]
    roots: usize,
    /// Payload size scale (1.0: median ~700 bytes per code instance).
    #[arg(long, default_value_t = 1.0)]
    payload: f64,
    /// Seed of the generator.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Directory to write the images into (created if missing).
    #[arg(short, long)]
    output: PathBuf,
}

pub fn run(opts: Opts, global: &GlobalOpts) -> Result<ExitCode, Error> {
    let start = Instant::now();
    let bar = Bar::new(global);
    let eco = Ecosystem::new(SynthOptions {
        packages: opts.packages,
        roots: opts.roots,
        payload: opts.payload,
        seed: opts.seed,
    });
    std::fs::create_dir_all(&opts.output)
        .map_err(|e| Error::io(format!("cannot create: {e}")).in_file(&opts.output))?;
    bar.phase("synth", 0);
    let sizes = (0..eco.len())
        .into_par_iter()
        .map(|i| {
            let bytes = eco.image(i)?;
            let path = opts.output.join(format!("{:03}-{}.pci", i, eco.name(i)));
            std::fs::write(&path, &bytes)
                .map_err(|e| Error::io(format!("cannot write: {e}")).in_file(&path))?;
            bar.item(&path.display().to_string());
            bar.advance(bytes.len() as u64);
            Ok(bytes.len() as u64)
        })
        .collect::<Result<Vec<u64>, Error>>()?;
    bar.finish();
    if !global.quiet {
        let total: u64 = sizes.iter().sum();
        out::print(&format!(
            "{}: {} packages, {} roots each, {} in {:.2} s\n",
            opts.output.display(),
            eco.len(),
            eco.options().roots,
            out::size(total),
            start.elapsed().as_secs_f64()
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}
