use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use pcache_format::Error;
use pcache_testkit::synth::{Ecosystem, SynthOptions};
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
    /// Number of packages (1 to 10000).
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    packages: u32,
    /// Roots per package (1 to 10000000).
    #[arg(long, default_value_t = 200_000, value_parser = clap::value_parser!(u32).range(1..=10_000_000))]
    roots: u32,
    /// Payload size scale (1.0: median ~700 bytes per code instance; above 0, at most 100).
    #[arg(long, default_value_t = 1.0, value_parser = payload_scale)]
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
        packages: opts.packages as usize,
        roots: opts.roots as usize,
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

/// A payload scale: a number above 0 and at most 100.
fn payload_scale(text: &str) -> Result<f64, String> {
    let x: f64 = text
        .parse()
        .map_err(|_| format!("{text:?} is not a number"))?;
    if x > 0.0 && x <= 100.0 {
        Ok(x)
    } else {
        Err(format!("{text} is not above 0 and at most 100"))
    }
}
