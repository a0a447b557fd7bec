use std::path::PathBuf;
use std::process::ExitCode;

use pcache_format::{
    progress::Silent,
    read::image::Image,
    read::section::PackageView,
    spec::frame::section_kind,
    write::frame::{self, OutSection},
    Error,
};

use crate::files;
use crate::global::GlobalOpts;
use crate::out;

/// Write one package of an image as a single-package image (byte-identical to the one merged).
#[derive(clap::Args)]
#[command(after_help = concat!(
    "\
Examples:
  pcache extract session.pci Blackjack -o Blackjack.pci
  pcache extract session.pci 9a1f3a4e-0d7c-4f52-8f0e-2b8f1b7e6a01 -o - | pcache inspect -

The package's section is checked against its build id and copied
unchanged, so the output is byte-identical to the single-package image
that was merged (pack's output for the same document).

",
    crate::exit_status!(
        "written",
        "the image is malformed or damaged, or holds no such package"
    )
))]
pub struct Opts {
    /// The image (merged or single-package); - reads standard input.
    input: PathBuf,
    /// The package: its name or its uuid.
    #[arg(value_name = "NAME|UUID")]
    package: String,
    /// Where to write the single-package image; - writes standard output.
    #[arg(short, long)]
    output: PathBuf,
    /// Replace a write-protected output file.
    #[arg(long)]
    force: bool,
}

pub fn run(opts: Opts, _: &GlobalOpts) -> Result<ExitCode, Error> {
    let output = files::output(&opts.output, &[opts.input.as_path()], false, opts.force)?;
    let file = files::open_image(&opts.input)?;
    let image = file.image()?;
    let view = find_package(&image, &opts.package).map_err(|e| e.in_file(&opts.input))?;
    view.check_checksum().map_err(|e| e.in_file(&opts.input))?;
    let mut bytes = Vec::with_capacity(view.bytes.len() + 160);
    frame::write_image(
        &mut bytes,
        &[OutSection {
            kind: section_kind::PACKAGE,
            uuid: *view.uuid.as_bytes(),
            bytes: view.bytes,
            checksum: view.build_id.0,
        }],
    )
    .map_err(|e| Error::io(format!("cannot write: {e}")))?;
    output.write(&bytes, &Silent)?;
    Ok(ExitCode::SUCCESS)
}

/// The package of `image` named `which` (a name or a uuid); the error
/// lists the packages there are.
pub fn find_package<'a>(image: &Image<'a>, which: &str) -> Result<PackageView<'a>, Error> {
    let found = image.packages.iter().position(|v| {
        v.uuid.to_string() == which.to_ascii_lowercase()
            || v.meta().and_then(|m| m.name()).is_ok_and(|n| n == which)
    });
    match found {
        Some(i) => Ok(image.packages[i]),
        None => {
            let names: Vec<String> = image
                .packages
                .iter()
                .map(|v| {
                    v.meta()
                        .and_then(|m| m.name().map(out::text))
                        .unwrap_or_else(|_| v.uuid.to_string())
                })
                .collect();
            Err(Error::invalid(format!(
                "no package named {} in this image, which holds {}: {}",
                out::text(which),
                out::count(names.len(), "package"),
                names.join(", ")
            ))
            .with_hint("give one of these names, or a package uuid"))
        }
    }
}
