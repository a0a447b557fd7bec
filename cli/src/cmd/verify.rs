use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::global::GlobalOpts;
use crate::progress::Bar;
use pcache_format::progress::Progress;
use pcache_format::{verify, Error};
use serde_json::json;

use crate::out;

/// Check the checksums and structure of images (--deep: recompute everything).
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  pcache verify merged.pci
  pcache verify Base.pci Blackjack.pci --json
  pcache verify --deep merged.pci

Checks integrity and structure, at about the speed of hashing the file:
checksums of header, table and every section; zero padding; rkyv validation
of every part; string ranges and UTF-8; spans, counts and world ranges; every
root index in range; a merged image's index shape (canonical load order,
vector bounds, every entry in range) and invalidation record shape; every
pinned dependency build id against the packages present (in all files given).

--deep also recomputes what the writer derived: root encodings and
fingerprints; no duplicate roots, types, methods or code instances; semantic
ids; a merged image's index equal to interning afresh; its invalidation
record equal to the analysis run afresh; every name resolving.

Exit status: 0 every file is valid; 1 a problem was found; 2 a file cannot be read.")]
pub struct Opts {
    /// The images to verify.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
    /// Also recompute everything derived (fingerprints, semantic ids, the
    /// index, the invalidation record, name resolution).
    #[arg(long)]
    deep: bool,
}

pub fn run(opts: Opts, global: &GlobalOpts) -> Result<ExitCode, Error> {
    let files = crate::files::open_images(&opts.inputs)?;
    let bar = Bar::new(global);
    let mut reports: Vec<verify::Report> = files
        .iter()
        .map(|f| verify::verify_file_with(f, verify::VerifyOptions { deep: opts.deep }, &bar))
        .collect();
    bar.finish();
    // Pins across all files given.
    let present: HashMap<_, _> = reports
        .iter()
        .flat_map(|r| r.packages.iter().map(|(u, _, b, _)| (*u, *b)))
        .collect();
    for (file, report) in files.iter().zip(&mut reports) {
        if let Ok(image) = file.image() {
            for p in verify::pin_problems(&image, &present) {
                if !report.problems.contains(&p) {
                    report.problems.push(p);
                }
            }
        }
    }
    let failed = reports.iter().any(|r| !r.problems.is_empty());
    let text = if opts.json {
        let files: Vec<_> = opts
            .inputs
            .iter()
            .zip(&reports)
            .map(|(path, r)| {
                json!({
                    "file": path,
                    "ok": r.problems.is_empty(),
                    "merged": r.merged,
                    "packages": r.packages.iter().map(|(u, n, b, sem)| json!({"uuid": u, "name": n, "build_id": b.to_hex(), "semantic_id": hex::encode(sem)})).collect::<Vec<_>>(),
                    "problems": r.problems.iter().map(|p| json!({"section": p.section, "offset": p.offset, "message": p.message})).collect::<Vec<_>>(),
                })
            })
            .collect();
        out::json(&json!({"json_version": 1, "ok": !failed, "files": files}))
    } else {
        let mut s = String::new();
        for (path, r) in opts.inputs.iter().zip(&reports) {
            if r.problems.is_empty() {
                s += &format!(
                    "{}: {} ({}, {} packages)\n",
                    path.display(),
                    out::paint(out::GOOD, "ok"),
                    if r.merged { "merged" } else { "single-package" },
                    r.packages.len()
                );
                for (uuid, name, build, sem) in &r.packages {
                    s += &format!(
                        "  {name} {uuid} build {} semantic {}\n",
                        &build.to_hex()[..16],
                        &hex::encode(sem)[..16]
                    );
                }
            } else {
                for p in &r.problems {
                    s += &format!(
                        "{}: {} {p}\n",
                        path.display(),
                        out::paint(out::BAD, "problem:")
                    );
                }
            }
        }
        s
    };
    if opts.json {
        out::print_data(&text)?;
    } else {
        out::print(&text)?;
    }
    Ok(ExitCode::from(if failed { out::NO } else { out::OK }))
}
