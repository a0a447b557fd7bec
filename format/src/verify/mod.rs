//! `verify`: every invariant of SPEC.md §9, each failure reported with its
//! section and byte offset. Checking goes on after a problem where the
//! structure allows, so one run lists everything it can.
//!
//! This file runs the checks in order; each kind lives in its own file:
//! `frame` (header flags, padding, pins), `package` (one package
//! section, part by part), `index` (a merged image's global index) and
//! `record` (its invalidations record).

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::hash::fingerprint;
use crate::hash::fptable::prefetch;
use crate::model::BuildId;
use crate::progress::{Progress, Silent};
use crate::read::checksum_matches;
use crate::read::image::{Image, ImageFile};
use crate::read::section::{span_items, PackageView};
use crate::session::{LoadedPackage, Session, SessionOptions};
use crate::spec::archive::{
    edge_flags, edge_kind, instance_flags, method_flags, stripped, ArchivedSpan, Counts,
};
use crate::spec::frame::{align_up, SectionEntry};

mod frame;
mod index;
mod package;
mod record;

pub use frame::pin_problems;
use frame::{check_header_flags, check_padding, check_pins};
use index::{check_index_by_interning, check_index_shape, index_is_canonical};
use package::check_package_section;
use record::{check_invalidations, check_record_shape};

/// A fast hasher for sets that never reach the disk.
type Fast = foldhash::fast::RandomState;

/// Sections longer than this are hashed with both cores.
const RAYON_HASH_MIN: usize = 1 << 20;

/// blake3 of a section, with rayon for long ones.
fn section_hash(bytes: &[u8]) -> [u8; 32] {
    if bytes.len() >= RAYON_HASH_MIN {
        *blake3::Hasher::new()
            .update_rayon(bytes)
            .finalize()
            .as_bytes()
    } else {
        *blake3::hash(bytes).as_bytes()
    }
}

/// One problem found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The section (`header`, `package <uuid>`, `index`, …).
    pub section: String,
    /// Byte offset in the file.
    pub offset: u64,
    /// What is wrong.
    pub message: String,
}

impl From<Error> for Problem {
    fn from(e: Error) -> Self {
        Problem {
            section: e.section().unwrap_or("file").to_owned(),
            offset: e.offset().unwrap_or(0),
            message: e.message().to_owned(),
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} at offset {:#x}",
            self.section, self.message, self.offset
        )
    }
}

/// What verify found in one file.
#[derive(Debug, Default)]
pub struct Report {
    /// Problems (empty: the file is valid).
    pub problems: Vec<Problem>,
    /// Packages seen: uuid, name, build id, semantic id.
    pub packages: Vec<(Uuid, String, BuildId, [u8; 32])>,
    /// Whether the image is merged.
    pub merged: bool,
}

/// How much `verify` checks (SPEC.md §10).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct VerifyOptions {
    /// Also recompute everything derived: root encodings and fingerprints,
    /// duplicates, semantic ids, the canonical index, the invalidation
    /// record, and every name's resolution. Without it, verify checks
    /// integrity and structure: every checksum, padding, every part's rkyv
    /// validation, ranges, spans, counts, the index's shape and bounds, and
    /// pins, at about the speed of hashing the file.
    pub deep: bool,
}

/// Verifies one file completely (`deep`).
///
/// ```
/// use pcache_testkit::demo;
/// use pcache_format::{read::image::ImageFile, verify::verify_file, write::section::image_bytes};
/// let mut bytes = image_bytes(&demo::base())?;
/// assert!(verify_file(&ImageFile::from_bytes("ok.pci", &bytes)).problems.is_empty());
/// bytes[300] ^= 1;
/// let report = verify_file(&ImageFile::from_bytes("bad.pci", &bytes));
/// assert!(!report.problems.is_empty());
/// # Ok::<(), pcache_format::Error>(())
/// ```
pub fn verify_file(file: &ImageFile) -> Report {
    verify_file_with(file, VerifyOptions { deep: true }, &Silent)
}

/// Verifies one file as deeply as `options` say, reporting progress.
pub fn verify_file_with(
    file: &ImageFile,
    options: VerifyOptions,
    progress: &dyn Progress,
) -> Report {
    let deep = options.deep;
    progress.phase("verify", file.bytes().len() as u64);
    progress.item(&file.path().display().to_string());
    let mut report = Report::default();
    let image = match Image::parse(file.bytes()) {
        Ok(image) => image,
        Err(e) => {
            report.problems.push(e.into());
            return report;
        }
    };
    report.merged = image.is_merged();
    check_padding(&image, &mut report.problems);
    check_header_flags(&image, &mut report.problems);
    // Both cores: sections are hashed, packages checked and the index
    // checked (speculatively: its answer counts only when nothing else is
    // wrong) all in parallel; results keep section order.
    let ((damaged, checked), canonical) = rayon::join(
        || {
            rayon::join(
                || {
                    image
                        .sections
                        .par_iter()
                        .map(|entry| {
                            let damaged = image.section(entry).map_or(true, |w| {
                                !checksum_matches(&section_hash(w.bytes()), &entry.checksum)
                            });
                            progress.advance(entry.len);
                            damaged
                        })
                        .collect::<Vec<bool>>()
                },
                || {
                    image
                        .packages
                        .par_iter()
                        .map(|view| check_package_section(view, deep))
                        .collect::<Vec<Result<(String, [u8; 32])>>>()
                },
            )
        },
        || image.is_merged() && (!deep || index_is_canonical(file)),
    );
    for (entry, _) in image.sections.iter().zip(&damaged).filter(|(_, &d)| d) {
        report.problems.push(Problem {
            section: section_name(entry),
            offset: entry.offset,
            message: "checksum mismatch (section damaged)".into(),
        });
    }
    // The summaries of the index and the record (a package's is checked by
    // every read of its meta part, in check_package_section).
    for (i, entry) in image.sections.iter().enumerate() {
        if entry.kind == crate::spec::frame::section_kind::PACKAGE {
            continue;
        }
        let bytes = image.section(entry).map(|w| w.bytes()).unwrap_or_default();
        if crate::spec::frame::summary_of(entry.kind, bytes) != entry.summary {
            report.problems.push(Problem {
                section: format!("section table entry {i}"),
                offset: (crate::spec::frame::HEADER_LEN + i * crate::spec::frame::ENTRY_LEN + 72)
                    as u64,
                message: format!(
                    "the summary of the {} section disagrees with the section",
                    section_name(entry)
                ),
            });
        }
    }
    for (view, result) in image.packages.iter().zip(checked) {
        match result {
            Ok((name, semantic)) => {
                report
                    .packages
                    .push((view.uuid, name, view.build_id, semantic))
            }
            Err(e) => report.problems.push(e.into()),
        }
    }
    if report.problems.is_empty() && image.is_merged() {
        if deep {
            // Interning and the analysis: no byte count to show.
            progress.phase("deep", 0);
        }
        let checked = if deep {
            if canonical {
                Ok(())
            } else {
                check_index_by_interning(file)
            }
            .and_then(|()| check_invalidations(file))
        } else {
            check_index_shape(&image).and_then(|()| check_record_shape(&image))
        };
        if let Err(e) = checked {
            report.problems.push(e.into());
        }
        check_pins(&image, &mut report.problems);
    }
    report
}

fn section_name(entry: &SectionEntry) -> String {
    match entry.kind {
        crate::spec::frame::section_kind::PACKAGE => {
            format!("package {}", Uuid::from_bytes(entry.uuid))
        }
        crate::spec::frame::section_kind::INDEX => "index".into(),
        crate::spec::frame::section_kind::INVALIDATIONS => "invalidations".into(),
        k => format!("section of kind {k}"),
    }
}
