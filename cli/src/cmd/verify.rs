use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::global::GlobalOpts;
use crate::progress::Bar;
use pcache_format::progress::Progress;
use pcache_format::{read::image::ImageFile, verify, Error};
use serde_json::json;

use crate::out;

/// Check the checksums and structure of images (--deep: recompute everything).
#[derive(clap::Args)]
#[command(after_help = concat!(
    "\
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

Outputs are written to a hidden temporary file beside the destination and
renamed into place; on Ctrl-C, SIGTERM or SIGHUP pcache removes it. Only a
process killed outright (SIGKILL, a power loss) leaves a stray
.pcache-tmp-* file; no reader uses it. When no pcache is running, find and
remove strays with: find DIR -name '.pcache-tmp-*' -delete

",
    crate::exit_status!(
        "every file is valid",
        "a problem was found in a file (damaged, malformed, a format version this pcache does not read, a stale pin)"
    )
))]
pub struct Opts {
    /// The images to verify.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Print JSON (every field is described in docs/json.md).
    #[arg(long)]
    json: bool,
    /// Also recompute everything derived (fingerprints, semantic ids, the
    /// index, the invalidation record, name resolution).
    #[arg(long)]
    deep: bool,
}

pub fn run(opts: Opts, global: &GlobalOpts) -> Result<ExitCode, Error> {
    crate::files::stdin_at_most_once(opts.inputs.iter().map(|p| p.as_path()))?;
    // Every file is reported, as sha256sum -c does: one that cannot be read
    // gets an error (exit 2) and the others are still verified.
    let opened: Vec<Result<ImageFile, Error>> = opts
        .inputs
        .iter()
        .map(|p| crate::files::open_image(p))
        .collect();
    let bar = Bar::new(global);
    let mut reports: Vec<Option<verify::Report>> = opened
        .iter()
        .map(|f| {
            f.as_ref().ok().map(|f| {
                verify::verify_file_with(f, verify::VerifyOptions { deep: opts.deep }, &bar)
            })
        })
        .collect();
    bar.finish();
    // Pins across all files given.
    let present: HashMap<_, _> = reports
        .iter()
        .flatten()
        .flat_map(|r| r.packages.iter().map(|(u, _, b, _)| (*u, *b)))
        .collect();
    for (file, report) in opened.iter().zip(&mut reports) {
        if let (Ok(file), Some(report)) = (file, report) {
            if let Ok(image) = file.image() {
                for p in verify::pin_problems(&image, &present) {
                    if !report.problems.contains(&p) {
                        report.problems.push(p);
                    }
                }
            }
        }
    }
    let failed = reports.iter().flatten().any(|r| !r.problems.is_empty());
    let unreadable = opened.iter().any(|f| f.is_err());
    for e in opened.iter().filter_map(|f| f.as_ref().err()) {
        out::report_error(e);
    }
    let text = if opts.json {
        let files: Vec<_> = opts
            .inputs
            .iter()
            .zip(&reports)
            .zip(&opened)
            .map(|((path, r), opened)| {
                let name = out::path_text(path);
                match (r, opened) {
                    (Some(r), _) => json!({
                        "file": name,
                        "ok": r.problems.is_empty(),
                        "error": null,
                        "merged": r.merged,
                        "packages": r.packages.iter().map(|(u, n, b, sem)| json!({"uuid": u, "name": n, "build_id": b.to_hex(), "semantic_id": hex::encode(sem)})).collect::<Vec<_>>(),
                        "problems": r.problems.iter().map(|p| json!({"section": p.section, "offset": p.offset, "message": p.message})).collect::<Vec<_>>(),
                    }),
                    (None, opened) => json!({
                        "file": name,
                        "ok": false,
                        "error": opened.as_ref().err().map(|e| e.message().to_owned()),
                        "merged": null,
                        "packages": [],
                        "problems": [],
                    }),
                }
            })
            .collect();
        out::json(&json!({"json_version": 1, "ok": !failed && !unreadable, "files": files}))
    } else {
        let mut s = String::new();
        for (path, r) in opts.inputs.iter().zip(&reports) {
            let name = out::path_text(path);
            let Some(r) = r else {
                s += &format!("{name}: {}\n", out::paint(out::BAD, "cannot be read"));
                continue;
            };
            if r.problems.is_empty() {
                s += &format!(
                    "{name}: {} ({}, {})\n",
                    out::paint(out::GOOD, "ok"),
                    if r.merged { "merged" } else { "single-package" },
                    out::count(r.packages.len(), "package")
                );
                for (uuid, name, build, sem) in &r.packages {
                    s += &format!(
                        "  {} {uuid} build {} semantic {}\n",
                        out::text(name),
                        &build.to_hex()[..16],
                        &hex::encode(sem)[..16]
                    );
                }
            } else {
                for p in &r.problems {
                    s += &format!("{name}: {} {p}\n", out::paint(out::BAD, "problem:"));
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
    Ok(ExitCode::from(if unreadable {
        out::TROUBLE
    } else if failed {
        out::NO
    } else {
        out::OK
    }))
}
