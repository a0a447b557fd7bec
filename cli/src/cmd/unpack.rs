use std::path::PathBuf;
use std::process::ExitCode;

use crate::global::GlobalOpts;
use pcache_format::{model::PackageSet, Error};

use crate::out;

/// Print an image as JSON: one package document, or {"packages": [...]} for a merged image.
#[derive(clap::Args)]
#[command(after_help = concat!(
    "\
Examples:
  pcache unpack Blackjack.pci > Blackjack.json
  pcache unpack merged.pci | head

",
    crate::exit_status!(
        "printed",
        "the image is malformed or damaged"
    )
))]
pub struct Opts {
    /// The image to unpack.
    input: PathBuf,
}

pub fn run(opts: Opts, _: &GlobalOpts) -> Result<ExitCode, Error> {
    let file = crate::files::open_image(&opts.input)?;
    let image = file.image()?;
    let packages = image
        .packages
        .iter()
        .map(|p| {
            p.check_checksum()
                .and_then(|()| p.to_package())
                .map_err(|e| e.in_file(&opts.input))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let text = if image.is_merged() {
        serde_json::to_string_pretty(&PackageSet { packages })
    } else {
        serde_json::to_string_pretty(&packages[0])
    }
    .expect("packages serialize");
    out::print_data(&text)?;
    out::print_data("\n")?;
    Ok(ExitCode::SUCCESS)
}
