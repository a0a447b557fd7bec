use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::global::GlobalOpts;
use pcache_format::{
    invalidation, merge, read::image::ImageFile, session::Session, session::SessionOptions, verify,
    write, write::output::write_file, Error,
};
use pcache_testkit::demo;

use crate::out;

/// Build the Blackjack ecosystem of the SnoopCompile tutorial, merge it two ways, inspect it and show what it invalidates.
#[derive(clap::Args)]
#[command(after_help = concat!(
    "\
Examples:
  pcache demo
  pcache demo --dir demo-files   # keep the JSON and images
  pcache demo --dir demo-files --force   # replace an earlier demo's files

Writes Base, Blackjack and BlackjackFacecards as JSON and .pci images,
merges them in two different orders and groupings, checks that both outputs
are byte-identical, verifies the result and inspects it, then shows the
tutorial's invalidation (BlackjackFacecards' score(::Char) invalidates
tallyscores(::Vector{Any}) and playgame() beneath it) and that the same
ecosystem with tallyscores compiled for Vector{Int} loses nothing. Also
writes Blackjack-rebuilt.json (try pcache diff) and Tracer.json, a package
with cached generated sources (try pcache strip). Nothing is downloaded.

",
    crate::exit_status!(
        "the demo ran and every check held",
        "a check failed"
    )
))]
pub struct Opts {
    /// Write the files here (kept) instead of a temporary folder.
    #[arg(long)]
    dir: Option<PathBuf>,
    /// With --dir, replace files of an earlier demo there.
    #[arg(long, requires = "dir")]
    force: bool,
}

/// The rebuild of Blackjack the demo writes as JSON.
const REBUILT: &str = "Blackjack-rebuilt.json";
/// The package with cached generated sources the demo writes as JSON.
const TRACER: &str = "Tracer.json";

/// The files the demo writes.
fn file_names() -> Vec<String> {
    let mut names: Vec<String> = demo::ecosystem()
        .iter()
        .flat_map(|p| [format!("{}.json", p.name), format!("{}.pci", p.name)])
        .collect();
    names.extend(
        [
            REBUILT,
            TRACER,
            "merged-a.pci",
            "merged-bj-base.pci",
            "merged-b.pci",
        ]
        .map(String::from),
    );
    names
}

pub fn run(opts: Opts, _: &GlobalOpts) -> Result<ExitCode, Error> {
    let tmp;
    let dir = match &opts.dir {
        Some(d) => {
            std::fs::create_dir_all(d)
                .map_err(|e| Error::io(format!("cannot create {}: {e}", d.display())))?;
            if !opts.force {
                if let Some(name) = file_names()
                    .into_iter()
                    .find(|n| std::fs::symlink_metadata(d.join(n)).is_ok())
                {
                    return Err(Error::io("exists: the demo would replace it")
                        .in_file(&d.join(name))
                        .with_hint("pass --force to replace the files of an earlier demo, or give another --dir"));
                }
            }
            d.clone()
        }
        None => {
            tmp = tempfile::tempdir()
                .map_err(|e| Error::io(format!("cannot create a temporary folder: {e}")))?;
            tmp.path().to_path_buf()
        }
    };
    let mut s = String::new();
    let _ = writeln!(
        s,
        "pcache demo: the Blackjack ecosystem in {}\n",
        dir.display()
    );
    let mut images = Vec::new();
    for pkg in demo::ecosystem() {
        let json_path = dir.join(format!("{}.json", pkg.name));
        let pci_path = dir.join(format!("{}.pci", pkg.name));
        let text = pkg.to_json();
        write_file(&json_path, |w| w.write_all(text.as_bytes()))?;
        let bytes = write::section::image_bytes(&pkg)?;
        write_file(&pci_path, |w| w.write_all(&bytes))?;
        let _ = writeln!(
            s,
            "packed {:<20} {:>9} JSON -> {:>9} image, {} roots",
            pkg.name,
            out::size(text.len() as u64),
            out::size(bytes.len() as u64),
            pkg.roots.len()
        );
        images.push(pci_path);
    }
    // For the README's diff: a rebuild that compiled more.
    let rebuilt = demo::blackjack_rebuilt().to_json();
    write_file(&dir.join(REBUILT), |w| w.write_all(rebuilt.as_bytes()))?;
    let _ = writeln!(
        s,
        "wrote  {REBUILT:<20} a rebuild of Blackjack that compiled more (try pcache diff)"
    );
    // For the README's strip: a package whose generator caches its output.
    let tracer = demo::tracer().to_json();
    write_file(&dir.join(TRACER), |w| w.write_all(tracer.as_bytes()))?;
    let _ = writeln!(
        s,
        "wrote  {TRACER:<22} a package with cached generated sources (try pcache strip)"
    );
    let [base, blackjack, facecards] = [&images[0], &images[1], &images[2]];
    let a = dir.join("merged-a.pci");
    let ab = dir.join("merged-bj-base.pci");
    let b = dir.join("merged-b.pci");
    merge_paths(&[base, blackjack, facecards], &a)?;
    merge_paths(&[blackjack, base], &ab)?;
    merge_paths(&[facecards, &ab], &b)?;
    let (bytes_a, bytes_b) = (read(&a)?, read(&b)?);
    let same = bytes_a == bytes_b;
    let _ = writeln!(
        s,
        "\nmerge Base Blackjack BlackjackFacecards        -> merged-a.pci ({})",
        out::size(bytes_a.len() as u64)
    );
    let _ = writeln!(
        s,
        "merge BlackjackFacecards (merge Blackjack Base) -> merged-b.pci ({})",
        out::size(bytes_b.len() as u64)
    );
    let _ = writeln!(
        s,
        "byte-identical: {} (blake3 {})",
        if same { "yes" } else { "NO" },
        &blake3::hash(&bytes_a).to_hex()[..16]
    );
    let file = ImageFile::open(&a)?;
    let report = verify::verify_file(&file);
    let _ = writeln!(
        s,
        "verify merged-a.pci: {}\n",
        if report.problems.is_empty() {
            "ok".to_owned()
        } else {
            format!("{} problems", report.problems.len())
        }
    );
    for p in &report.problems {
        let _ = writeln!(s, "  {p}");
    }
    s += &super::inspect::render(&file.image()?, "merged-a.pci")?;
    let _ = writeln!(s, "\npcache invalidations merged-a.pci");
    let session = Session::load(std::slice::from_ref(&file), SessionOptions::default())?;
    let outcome = invalidation::analyze(session.packages(), session.load_order())?;
    s += &super::invalidations::render_text(&outcome, &outcome.decls(session.packages())?);
    let tutorial_holds = outcome.record.entries.len() == 2;

    // The same ecosystem with tallyscores compiled for Vector{Int}: no
    // method added later can change how score(::Int) dispatches.
    let int_variant = [demo::base(), demo::blackjack_with("Int"), demo::facecards()]
        .iter()
        .map(|p| {
            Ok(ImageFile::from_bytes(
                format!("{}.pci", p.name),
                &write::section::image_bytes(p)?,
            ))
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let session = Session::load(&int_variant, SessionOptions::default())?;
    let int_outcome = invalidation::analyze(session.packages(), session.load_order())?;
    let _ = writeln!(
        s,
        "\nwith tallyscores compiled for Vector{{Int}} instead: {} code instances invalidated",
        int_outcome.record.entries.len()
    );
    let int_holds = int_outcome.record.entries.is_empty();
    out::print(&s)?;
    Ok(ExitCode::from(
        if same && report.problems.is_empty() && tutorial_holds && int_holds {
            out::OK
        } else {
            out::NO
        },
    ))
}

fn merge_paths(inputs: &[&PathBuf], output: &Path) -> Result<(), Error> {
    let files = inputs
        .iter()
        .map(ImageFile::open)
        .collect::<Result<Vec<_>, _>>()?;
    merge::merge_files(&files, SessionOptions::default(), output)
}

fn read(path: &Path) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(|e| Error::io(format!("cannot read: {e}")).in_file(path))
}
