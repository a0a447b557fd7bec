//! Merging images into one merged image (SPEC.md §7), on top of `Session`.

use std::path::Path;

use crate::archive;
use crate::error::{Error, Result};
use crate::image::ImageFile;
use crate::layout::{self, section_kind, OutSection};
use crate::output::write_atomic;
use crate::session::{Session, SessionOptions};

/// Merges `files` into the bytes of a merged image written to `out`.
/// The bytes depend only on the set of packages, not on the order or
/// grouping of `files`.
pub fn merge_files(files: &[ImageFile], options: SessionOptions, out: &Path) -> Result<()> {
    let session = Session::load(files, options)?;
    write_merged(&session, files, out)
}

/// Writes the merged image of a loaded session to `out`, atomically.
/// Each package section's bytes are copied unchanged after checking that
/// they still hash to their build id.
pub fn write_merged(session: &Session<'_>, files: &[ImageFile], out: &Path) -> Result<()> {
    let sections = merged_sections(session, files)?;
    let index = archive::to_bytes(&session.index());
    let all = with_index(sections, &index);
    write_atomic(out, |w| layout::write_image(w, &all))
}

/// The merged image as bytes in memory (tests, fuzzing, libraries).
pub fn merged_bytes(session: &Session<'_>, files: &[ImageFile]) -> Result<Vec<u8>> {
    let sections = merged_sections(session, files)?;
    let index = archive::to_bytes(&session.index());
    let mut out = Vec::new();
    layout::write_image(&mut out, &with_index(sections, &index))
        .expect("writing to memory cannot fail");
    Ok(out)
}

fn with_index<'s>(mut sections: Vec<OutSection<'s>>, index: &'s [u8]) -> Vec<OutSection<'s>> {
    sections.push(OutSection {
        kind: section_kind::INDEX,
        uuid: [0; 16],
        bytes: index,
        checksum: *blake3::hash(index).as_bytes(),
    });
    sections
}

fn merged_sections<'s>(session: &Session<'s>, files: &[ImageFile]) -> Result<Vec<OutSection<'s>>> {
    use rayon::prelude::*;
    // Sections are hashed on both cores; the first damaged one in section
    // order is reported.
    session
        .packages()
        .par_iter()
        .map(|p| {
            let sum = *blake3::hash(p.view.bytes).as_bytes();
            if sum != p.view.build_id.0 {
                return Err(Error::invalid(format!(
                    "package {}: section checksum mismatch (the file is damaged)",
                    p.label()
                ))
                .in_file(files[p.file].path())
                .in_section(p.view.section_name())
                .at(p.view.file_offset)
                .with_hint("run pcache verify on this file"));
            }
            Ok(OutSection {
                kind: section_kind::PACKAGE,
                uuid: *p.view.uuid.as_bytes(),
                bytes: p.view.bytes,
                checksum: sum,
            })
        })
        .collect::<Vec<Result<OutSection<'s>>>>()
        .into_iter()
        .collect()
}
