use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use pcache_format::{
    progress::Progress,
    strip::{self, StripOptions},
    Error,
};

use crate::files::{self, Output};
use crate::global::GlobalOpts;
use crate::out;
use crate::progress::Bar;

/// Remove optional data from an image: generated sources, invalidated or all payloads.
#[derive(clap::Args)]
#[command(after_help = concat!(
    "\
Examples:
  pcache strip Tracer.pci --generated -o Tracer-lean.pci
  pcache strip session.pci --invalidated -o session-lean.pci
  pcache strip session.pci --payloads -o session-index.pci   # for analysis only

Each package is re-packed without the data and its header says what was
stripped (pcache inspect shows it). The result verifies, and merges with
other images: merging a stripped and an unstripped build of one package
keeps the one that carries more. --invalidated needs the invalidation record
of a merged image. A stripped package is a different build (a new build
id): pins of the image's own packages follow it, pins from outside do not.

",
    crate::exit_status!(
        "written",
        "the image is malformed or damaged, or --invalidated was given for a single-package image"
    )
))]
#[command(group(clap::ArgGroup::new("mode").required(true).multiple(true)))]
pub struct Opts {
    /// The image (merged or single-package); - reads standard input.
    input: PathBuf,
    /// Where to write the stripped image; - writes standard output.
    #[arg(short, long)]
    output: PathBuf,
    /// Replace a write-protected output file.
    #[arg(long)]
    force: bool,
    /// Remove the cached generated sources.
    #[arg(long, group = "mode")]
    generated: bool,
    /// Remove the payloads of the code instances the invalidation analysis closed (merged images).
    #[arg(long, group = "mode")]
    invalidated: bool,
    /// Remove every compiled payload, leaving an index-only image for analysis.
    #[arg(long, group = "mode")]
    payloads: bool,
}

pub fn run(opts: Opts, global: &GlobalOpts) -> Result<ExitCode, Error> {
    let output = files::output(&opts.output, &[opts.input.as_path()], false, opts.force)?;
    let file = files::open_image(&opts.input)?;
    let options = StripOptions {
        generated: opts.generated,
        invalidated: opts.invalidated,
        payloads: opts.payloads,
    };
    let bar = Bar::new(global);
    bar.phase("strip", 0);
    bar.item(&opts.input.display().to_string());
    let (bytes, report) = strip::strip_image(&file, options)?;
    bar.phase("write", bytes.len() as u64);
    output.write(&bytes, &bar)?;
    bar.finish();
    if let Output::File(_) = output {
        out::print(&summary(&opts, options, &report))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn summary(opts: &Opts, options: StripOptions, report: &strip::StripReport) -> String {
    let mut s = format!(
        "strip {} -> {} ({})\n",
        out::path_text(&opts.input),
        out::path_text(&opts.output),
        strip::describe(options.bits())
    );
    let width = report
        .packages
        .iter()
        .map(|p| out::text(&p.name).chars().count())
        .max()
        .unwrap_or(0);
    for p in &report.packages {
        let mut removed = Vec::new();
        if p.generated > 0 {
            removed.push(format!(
                "{}, {}",
                out::count(p.generated, "generated source"),
                out::size(p.generated_bytes)
            ));
        }
        if p.payloads > 0 {
            removed.push(format!(
                "{}, {}",
                out::count(p.payloads, "payload"),
                out::size(p.payload_bytes)
            ));
        }
        let removed = if removed.is_empty() {
            "nothing to remove".to_owned()
        } else {
            format!("removed {}", removed.join("; "))
        };
        let _ = writeln!(s, "  {:width$}  {removed}", out::text(&p.name));
    }
    let _ = writeln!(
        s,
        "{} -> {} ({} less)",
        out::size(report.bytes_before),
        out::size(report.bytes_after),
        out::size(report.bytes_before.saturating_sub(report.bytes_after))
    );
    s
}
