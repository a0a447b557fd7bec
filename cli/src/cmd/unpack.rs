use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::files;
use crate::global::GlobalOpts;
use pcache_format::{read::section::PackageView, write::output, Error};
use serde::ser::{Error as _, SerializeSeq};

use crate::out;

/// Print an image as JSON: one package document, or {"packages": [...]} for a merged image.
#[derive(clap::Args)]
#[command(after_help = concat!(
    "\
Examples:
  pcache unpack Blackjack.pci > Blackjack.json
  pcache unpack session.pci --package Blackjack > Blackjack.json
  pcache unpack session.pci Extra.pci --dir docs/     # one NAME.json per package
  pcache unpack merged.pci | head

A single-package image prints its package document (what pack reads). A
merged image prints {\"packages\": [...]}; --package prints one of its
packages as a document pack accepts, and --dir writes every package of
every image given as its own document. Packages are decoded and printed
one at a time, each after its section is checked against its build id.

",
    crate::exit_status!("printed", "an image is malformed or damaged, or holds no such package")
))]
pub struct Opts {
    /// The images to unpack; - reads standard input.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Print only this package (name or uuid) as a package document.
    #[arg(long, value_name = "NAME|UUID", conflicts_with = "dir")]
    package: Option<String>,
    /// Write one document per package into this folder (NAME.json, or
    /// UUID.json when the name cannot be a file name).
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
    /// With --dir, replace documents that exist.
    #[arg(long, requires = "dir")]
    force: bool,
}

pub fn run(opts: Opts, _: &GlobalOpts) -> Result<ExitCode, Error> {
    if let Some(dir) = &opts.dir {
        return unpack_into(&opts.inputs, dir, opts.force);
    }
    let [input] = opts.inputs.as_slice() else {
        return Err(Error::io(
            "several images: give --dir DIR to write one document per package",
        ));
    };
    let file = files::open_image(input)?;
    let image = file.image()?;
    let checked = |v: &PackageView<'_>| v.check_checksum().map_err(|e| e.in_file(input));
    let mut w = out::data_writer();
    let result = match &opts.package {
        Some(which) => {
            let view = super::extract::find_package(&image, which).map_err(|e| e.in_file(input))?;
            checked(&view)?;
            let pkg = view.to_package().map_err(|e| e.in_file(input))?;
            serde_json::to_writer_pretty(&mut w, &pkg)
        }
        None if image.is_merged() => {
            for v in &image.packages {
                checked(v)?;
            }
            serde_json::to_writer_pretty(
                &mut w,
                &Set {
                    packages: Lazy(&image.packages),
                },
            )
        }
        None => {
            checked(&image.packages[0])?;
            let pkg = image.packages[0]
                .to_package()
                .map_err(|e| e.in_file(input))?;
            serde_json::to_writer_pretty(&mut w, &pkg)
        }
    };
    // A package that does not decode fails the serialization: that is a
    // malformed image, not an output error.
    result.map_err(|e| {
        if e.is_io() {
            out::data_error(e.into())
        } else {
            Error::invalid(e.to_string()).in_file(input)
        }
    })?;
    std::io::Write::write_all(&mut w, b"\n")
        .and_then(|()| std::io::Write::flush(&mut w))
        .map_err(out::data_error)?;
    Ok(ExitCode::SUCCESS)
}

/// `{"packages": [...]}`, each package decoded only when it is written, so
/// that one package's model is in memory at a time.
#[derive(serde::Serialize)]
struct Set<'a> {
    packages: Lazy<'a>,
}

struct Lazy<'a>(&'a [PackageView<'a>]);

impl serde::Serialize for Lazy<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for view in self.0 {
            let pkg = view
                .to_package()
                .map_err(|e| S::Error::custom(e.to_string()))?;
            seq.serialize_element(&pkg)?;
        }
        seq.end()
    }
}

/// Writes every package of every image as `dir/NAME.json`.
fn unpack_into(inputs: &[PathBuf], dir: &Path, force: bool) -> Result<ExitCode, Error> {
    let images = files::open_images(inputs)?;
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::io(format!("cannot create the folder: {e}")).in_file(dir))?;
    let mut written = std::collections::BTreeMap::new();
    for (file, input) in images.iter().zip(inputs) {
        let image = file.image()?;
        for view in &image.packages {
            view.check_checksum().map_err(|e| e.in_file(input))?;
            let pkg = view.to_package().map_err(|e| e.in_file(input))?;
            let plain = !pkg.name.is_empty()
                && !pkg.name.starts_with('.')
                && pkg
                    .name
                    .chars()
                    .all(|c| c.is_alphanumeric() || "_-+@".contains(c));
            let stem = if plain {
                pkg.name.clone()
            } else {
                pkg.uuid.to_string()
            };
            let path = dir.join(format!("{stem}.json"));
            if let Some(other) = written.insert(path.clone(), pkg.uuid) {
                if other != pkg.uuid {
                    return Err(Error::invalid(format!(
                        "two packages named {} ({other} and {}): unpack them one by one with --package UUID",
                        out::text(&pkg.name),
                        pkg.uuid
                    )));
                }
                continue;
            }
            if !force && std::fs::symlink_metadata(&path).is_ok() {
                return Err(Error::io("exists")
                    .in_file(&path)
                    .with_hint("pass --force to replace the documents in the folder"));
            }
            let dest = output::destination(&path, force)?;
            output::write_atomic(&dest, |w| {
                serde_json::to_writer_pretty(&mut *w, &pkg)?;
                w.write_all(b"\n")
            })?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
