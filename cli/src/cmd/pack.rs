use std::path::PathBuf;
use std::process::ExitCode;

use crate::global::GlobalOpts;
use crate::progress::Bar;
use pcache_format::progress::Progress;
use std::collections::{BTreeMap, BTreeSet};

use pcache_format::{model, write, Error, Package};
use pcache_typesys::builtin_packages::builtin_package;

use crate::files;
use uuid::Uuid;

/// Pack a package's JSON document into a single-package image.
#[derive(clap::Args)]
#[command(after_help = concat!(
    "\
Examples:
  pcache pack Blackjack.json -o Blackjack.pci
  pcache pack BlackjackFacecards.json -o BlackjackFacecards.pci --deps session.pci
  pcache pack Adapt.json -o Adapt.pci --deps

Every type expression and signature is parsed (SPEC.md §11). With --deps,
every name is also resolved against the dependencies' declarations and
Julia's built-in Core, Base and standard libraries (SPEC.md §11.2), so a
misspelled type or function is rejected here rather than at merge.

",
    crate::exit_status!(
        "packed",
        "the document is malformed (not JSON, an unknown field, a byte-order mark) or breaks a rule (duplicate roots, a root index out of range, a name that does not resolve with --deps), or a --deps image is malformed"
    )
))]
pub struct Opts {
    /// The package document (JSON, see SPEC.md §2); - reads standard input.
    input: PathBuf,
    /// Where to write the image (.pci); - writes standard output.
    #[arg(short, long)]
    output: PathBuf,
    /// Replace a write-protected output file.
    #[arg(long)]
    force: bool,
    /// Resolve every name against Julia's built-in Core, Base and standard
    /// libraries and the images given, which hold the package's other
    /// dependencies (transitively); `--deps` alone: the built-ins only.
    #[arg(long, num_args = 0.., value_name = "IMAGE")]
    deps: Option<Vec<PathBuf>>,
}

pub fn run(opts: Opts, global: &GlobalOpts) -> Result<ExitCode, Error> {
    let dep_images = opts.deps.as_deref().unwrap_or_default();
    files::stdin_at_most_once(
        std::iter::once(opts.input.as_path()).chain(dep_images.iter().map(|p| p.as_path())),
    )?;
    let inputs: Vec<&std::path::Path> = std::iter::once(opts.input.as_path())
        .chain(dep_images.iter().map(|p| p.as_path()))
        .collect();
    let output = files::output(&opts.output, &inputs, false, opts.force)?;
    let bar = Bar::new(global);
    bar.phase("read", 0);
    bar.item(&opts.input.display().to_string());
    let pkg = read_package(&opts.input)?;
    if opts.deps.is_some() {
        bar.phase("resolve", 0);
        let closure = dependency_closure(&pkg, dep_images)?;
        model::decl::check_declarations(&pkg, Some(&closure))
            .map_err(|e| e.in_file(&opts.input))?;
    }
    bar.phase("pack", 0);
    let bytes = write::section::image_bytes(&pkg).map_err(|e| e.in_file(&opts.input))?;
    bar.phase("write", bytes.len() as u64);
    output.write(&bytes, &bar)?;
    bar.finish();
    Ok(ExitCode::SUCCESS)
}

/// The packages `pkg` depends on, transitively, from the images `paths`.
fn dependency_closure(pkg: &Package, paths: &[PathBuf]) -> Result<Vec<Package>, Error> {
    let files = files::open_images(paths)?;
    let mut available = BTreeMap::new();
    for file in &files {
        for view in &file.image()?.packages {
            available.insert(view.uuid, (*view, file.path()));
        }
    }
    let mut closure = Vec::new();
    let mut seen = BTreeSet::new();
    let mut missing = BTreeMap::new();
    let mut todo: Vec<(Uuid, String)> = pkg.deps.iter().map(|d| (d.uuid, d.name.clone())).collect();
    while let Some((uuid, name)) = todo.pop() {
        if !seen.insert(uuid) {
            continue;
        }
        let Some((view, path)) = available.get(&uuid) else {
            // Core, Base and the standard libraries are built in, unless
            // an image holds a package with the same id, which replaces them.
            if builtin_package(uuid.as_bytes()).is_none() {
                missing.insert(name, uuid);
            }
            continue;
        };
        let dep = view
            .check_checksum()
            .and_then(|()| view.to_package())
            .map_err(|e| e.in_file(path))?;
        todo.extend(dep.deps.iter().map(|d| (d.uuid, d.name.clone())));
        closure.push(dep);
    }
    if !missing.is_empty() {
        let list: Vec<String> = missing
            .iter()
            .map(|(name, uuid)| format!("{name} ({uuid})"))
            .collect();
        return Err(Error::invalid(format!(
            "{} of the dependency closure {} in none of the --deps images and not built in: {}",
            if list.len() == 1 {
                "one package"
            } else {
                "packages"
            },
            if list.len() == 1 { "is" } else { "are" },
            list.join(", ")
        ))
        .with_hint("add the images that hold them to --deps"));
    }
    Ok(closure)
}

/// Reads and parses one package document.
pub fn read_package(path: &std::path::Path) -> Result<Package, Error> {
    let text = files::read_document(path, pcache_format::spec::limits::MAX_JSON_LEN)?;
    Package::from_json(&text).map_err(|e| e.in_file(path))
}
