//! Removing optional data from an image (`pcache strip`, SPEC.md §4.2):
//! generated sources, the payloads of code instances the invalidation
//! analysis closed, or every payload. Each package section is re-packed from
//! its decoded package with the data removed and its `meta.stripped` bits
//! set; a merged image is then merged afresh from the stripped sections, so
//! its index, invalidation record and header are the canonical ones.
//!
//! ```
//! use pcache_format::{read::image::ImageFile, strip, verify, write};
//! use pcache_testkit::demo;
//! let bytes = write::section::image_bytes(&demo::blackjack())?;
//! let file = ImageFile::from_bytes("Blackjack.pci", &bytes);
//! let options = strip::StripOptions { payloads: true, ..Default::default() };
//! let (stripped, report) = strip::strip_image(&file, options)?;
//! assert!(report.packages[0].payload_bytes > 0);
//! let out = ImageFile::from_bytes("lean.pci", &stripped);
//! assert!(verify::verify_file(&out).problems.is_empty());
//! # Ok::<(), pcache_format::Error>(())
//! ```

use std::collections::HashMap;

use uuid::Uuid;

use crate::error::{Error, Result};
use crate::model::{BuildId, Package};
use crate::read::image::ImageFile;
use crate::session::{Session, SessionOptions};
use crate::spec::archive::stripped;
use crate::spec::frame::section_kind;
use crate::write::frame::{self, OutSection};

/// What to remove.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StripOptions {
    /// Generated sources (part 4).
    pub generated: bool,
    /// Payloads of the code instances the invalidation record closes
    /// (merged images only).
    pub invalidated: bool,
    /// Every payload.
    pub payloads: bool,
}

impl StripOptions {
    /// The `archive::stripped` bits these options set.
    pub fn bits(&self) -> u32 {
        (self.generated as u32 * stripped::GENERATED)
            | (self.invalidated as u32 * stripped::INVALIDATED)
            | (self.payloads as u32 * stripped::PAYLOADS)
    }
}

/// What was removed from one package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageStrip {
    /// The package uuid.
    pub uuid: Uuid,
    /// Its name.
    pub name: String,
    /// Generated sources removed.
    pub generated: usize,
    /// Their bytes.
    pub generated_bytes: u64,
    /// Non-empty payloads removed.
    pub payloads: usize,
    /// Their bytes.
    pub payload_bytes: u64,
    /// The stripped bits of the package before.
    pub before: u32,
    /// The stripped bits of the package after.
    pub after: u32,
}

/// What `strip_image` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StripReport {
    /// Whether the image is merged.
    pub merged: bool,
    /// Per package, in section order.
    pub packages: Vec<PackageStrip>,
    /// Bytes of the input image.
    pub bytes_before: u64,
    /// Bytes of the output image.
    pub bytes_after: u64,
}

pub use crate::model::stripped::{carries_all_of, describe};

/// Strips `file` as `options` say; returns the new image's bytes and what
/// was removed. Every section is checked against its checksum first.
/// `invalidated` needs the invalidation record of a merged image; on a
/// single-package image it is an error. The analysis is run afresh and must
/// equal the stored record (a damaged or wrong record is an error, as for
/// `pcache invalidations`).
pub fn strip_image(file: &ImageFile, options: StripOptions) -> Result<(Vec<u8>, StripReport)> {
    let bits = options.bits();
    if bits == 0 {
        return Err(Error::invalid(
            "nothing to strip: choose --generated, --invalidated or --payloads",
        ));
    }
    let image = file.image()?;
    image.check_sections().map_err(|e| e.in_file(file.path()))?;
    let merged = image.is_merged();
    if options.invalidated && !merged {
        return Err(Error::invalid(
            "--invalidated needs the invalidation record of a merged image, and this is a single-package image",
        )
        .in_file(file.path())
        .with_hint(
            "merge it with the packages that may invalidate it first (pcache merge FILE.pci … -o merged.pci), or strip --payloads",
        ));
    }
    // Code instances (ordinal, code index) the record closes.
    let mut closed: HashMap<u32, Vec<u32>> = HashMap::new();
    let mut load_order: Vec<u32> = (0..image.packages.len() as u32).collect();
    if merged {
        let session = Session::load(std::slice::from_ref(file), SessionOptions::default())?;
        load_order = session.load_order().to_vec();
        if options.invalidated {
            let stored = image
                .invalidations()?
                .expect("a merged image has a record")
                .to_owned_record();
            let fresh = crate::invalidation::analyze(session.packages(), session.load_order())
                .map_err(|e| e.in_file(file.path()))?;
            if fresh.record != stored {
                return Err(Error::invalid(
                    "the stored invalidation record differs from the analysis of its packages",
                )
                .in_file(file.path())
                .in_section("invalidations")
                .with_hint("run pcache verify on this file"));
            }
            for e in &stored.entries {
                closed.entry(e.package).or_default().push(e.code);
            }
        }
    }

    // Dependencies first, so a dependent's pins can follow its
    // dependencies' new build ids.
    let mut new_ids: HashMap<Uuid, (BuildId, BuildId)> = HashMap::new();
    let mut sections: Vec<Option<(Uuid, Vec<u8>)>> = vec![None; image.packages.len()];
    let mut report: Vec<Option<PackageStrip>> = vec![None; image.packages.len()];
    for &p in &load_order {
        let view = &image.packages[p as usize];
        let before = view
            .meta()
            .map_err(|e| e.in_file(file.path()))?
            .meta
            .stripped
            .to_native();
        let mut pkg = view.to_package().map_err(|e| e.in_file(file.path()))?;
        let mut done = PackageStrip {
            uuid: pkg.uuid,
            name: pkg.name.clone(),
            generated: 0,
            generated_bytes: 0,
            payloads: 0,
            payload_bytes: 0,
            before,
            after: before | bits,
        };
        let mut take_payload = |i: usize, pkg: &mut Package| {
            let payload = std::mem::take(&mut pkg.code[i].payload.0);
            if !payload.is_empty() {
                done.payloads += 1;
                done.payload_bytes += payload.len() as u64;
            }
        };
        if options.payloads {
            for i in 0..pkg.code.len() {
                take_payload(i, &mut pkg);
            }
        } else if let Some(codes) = closed.get(&p) {
            for &c in codes {
                if (c as usize) < pkg.code.len() {
                    take_payload(c as usize, &mut pkg);
                }
            }
        }
        if options.generated {
            for ci in &mut pkg.code {
                if let Some(g) = ci.generated.take() {
                    done.generated += 1;
                    done.generated_bytes += g.source.0.len() as u64;
                }
            }
        }
        for dep in &mut pkg.deps {
            if let (Some(pin), Some((old, new))) = (dep.build_id, new_ids.get(&dep.uuid)) {
                if pin == *old {
                    dep.build_id = Some(*new);
                }
            }
        }
        pkg.stripped = crate::model::Stripped(done.after);
        let bytes =
            crate::write::section::package_section(&pkg).map_err(|e| e.in_file(file.path()))?;
        new_ids.insert(
            view.uuid,
            (view.build_id, BuildId(*blake3::hash(&bytes).as_bytes())),
        );
        sections[p as usize] = Some((view.uuid, bytes));
        report[p as usize] = Some(done);
    }
    let sections: Vec<(Uuid, Vec<u8>)> = sections
        .into_iter()
        .map(|s| s.expect("every package"))
        .collect();
    let out = if merged {
        let files: Vec<ImageFile> = sections
            .iter()
            .map(|(uuid, bytes)| {
                let mut one = Vec::new();
                write_single(&mut one, *uuid, bytes);
                ImageFile::from_bytes(format!("{}", file.path().display()), &one)
            })
            .collect();
        let session = Session::load(&files, SessionOptions::default())?;
        crate::merge::merged_bytes(&session, &files)?
    } else {
        let (uuid, bytes) = &sections[0];
        let mut one = Vec::new();
        write_single(&mut one, *uuid, bytes);
        one
    };
    let report = StripReport {
        merged,
        packages: report
            .into_iter()
            .map(|r| r.expect("every package"))
            .collect(),
        bytes_before: file.bytes().len() as u64,
        bytes_after: out.len() as u64,
    };
    Ok((out, report))
}

fn write_single(out: &mut Vec<u8>, uuid: Uuid, bytes: &[u8]) {
    frame::write_image(
        out,
        &[OutSection {
            kind: section_kind::PACKAGE,
            uuid: *uuid.as_bytes(),
            bytes,
            checksum: *blake3::hash(bytes).as_bytes(),
        }],
    )
    .expect("writing to memory cannot fail");
}
