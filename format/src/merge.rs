//! Merging images into one merged image (SPEC.md §7), on top of `Session`.

use std::path::Path;

use crate::archive;
use crate::error::{Error, Result};
use crate::image::ImageFile;
use crate::invalidation;
use crate::layout::{self, section_kind, OutSection};
use crate::output::write_atomic;
use crate::progress::{CountingWriter, Progress, Silent};
use crate::session::{Session, SessionOptions};

/// Merges `files` into the bytes of a merged image written to `out`.
/// The bytes depend only on the set of packages, not on the order or
/// grouping of `files`.
pub fn merge_files(files: &[ImageFile], options: SessionOptions, out: &Path) -> Result<()> {
    merge_files_with(files, options, out, &Silent)
}

/// `merge_files`, reporting progress.
pub fn merge_files_with(
    files: &[ImageFile],
    options: SessionOptions,
    out: &Path,
    progress: &dyn Progress,
) -> Result<()> {
    let input_bytes = files.iter().map(|f| f.bytes().len() as u64).sum();
    progress.phase("load", input_bytes);
    let session = Session::load(files, options)?;
    progress.advance(input_bytes);
    write_merged_with(&session, files, out, progress)
}

/// Writes the merged image of a loaded session to `out`, atomically.
/// Each package section's bytes are copied unchanged after checking that
/// they still hash to their build id.
pub fn write_merged(session: &Session<'_>, files: &[ImageFile], out: &Path) -> Result<()> {
    write_merged_with(session, files, out, &Silent)
}

/// `write_merged`, reporting progress.
pub fn write_merged_with(
    session: &Session<'_>,
    files: &[ImageFile],
    out: &Path,
    progress: &dyn Progress,
) -> Result<()> {
    let section_bytes: u64 = session
        .packages()
        .iter()
        .map(|p| p.view.bytes.len() as u64)
        .sum();
    progress.phase("check", section_bytes);
    // Checksums first: nothing below may read a damaged section.
    let sections = merged_sections(session, files, progress)?;
    progress.phase("analyze", 0);
    let record = invalidation::analyze(session.packages(), session.load_order())?.record;
    let index = archive::to_bytes(&session.index());
    let record = archive::to_bytes(&record);
    let all = with_index(sections, &index, &record);
    progress.phase("write", section_bytes + index.len() as u64);
    progress.item(&out.display().to_string());
    write_atomic(out, |w| {
        layout::write_image(&mut CountingWriter::new(w, progress), &all)
    })?;
    progress.finish();
    Ok(())
}

/// The merged image as bytes in memory (tests, fuzzing, libraries).
pub fn merged_bytes(session: &Session<'_>, files: &[ImageFile]) -> Result<Vec<u8>> {
    let sections = merged_sections(session, files, &Silent)?;
    let record = invalidation::analyze(session.packages(), session.load_order())?.record;
    let index = archive::to_bytes(&session.index());
    let record = archive::to_bytes(&record);
    let mut out = Vec::new();
    layout::write_image(&mut out, &with_index(sections, &index, &record))
        .expect("writing to memory cannot fail");
    Ok(out)
}

fn with_index<'s>(
    mut sections: Vec<OutSection<'s>>,
    index: &'s [u8],
    invalidations: &'s [u8],
) -> Vec<OutSection<'s>> {
    for (kind, bytes) in [
        (section_kind::INDEX, index),
        (section_kind::INVALIDATIONS, invalidations),
    ] {
        sections.push(OutSection {
            kind,
            uuid: [0; 16],
            bytes,
            checksum: *blake3::hash(bytes).as_bytes(),
        });
    }
    sections
}

fn merged_sections<'s>(
    session: &Session<'s>,
    files: &[ImageFile],
    progress: &dyn Progress,
) -> Result<Vec<OutSection<'s>>> {
    check_index_checksums(files)?;
    session
        .packages()
        .iter()
        .map(|p| {
            progress.item(&p.label());
            let sum = *blake3::hash(p.view.bytes).as_bytes();
            if !cfg!(fuzzing) && sum != p.view.build_id.0 {
                return Err(Error::invalid(format!(
                    "package {}: section checksum mismatch (the file is damaged)",
                    p.label()
                ))
                .in_file(files[p.file].path())
                .in_section(p.view.section_name())
                .at(p.view.file_offset)
                .with_hint("run pcache verify on this file"));
            }
            progress.advance(p.view.bytes.len() as u64);
            Ok(OutSection {
                kind: section_kind::PACKAGE,
                uuid: *p.view.uuid.as_bytes(),
                bytes: p.view.bytes,
                checksum: sum,
            })
        })
        .collect()
}

/// A stored index may be copied into the output (a session over exactly a
/// merged image's packages uses it): it must not carry damage into a file
/// with a fresh, valid checksum. Every input index is checked.
fn check_index_checksums(files: &[ImageFile]) -> Result<()> {
    for file in files {
        let image = file.image()?;
        if let Some(entry) = image.index_entry() {
            let bytes = &file.bytes()[entry.offset as usize..(entry.offset + entry.len) as usize];
            if !cfg!(fuzzing) && *blake3::hash(bytes).as_bytes() != entry.checksum {
                return Err(Error::invalid(
                    "index section checksum mismatch (the file is damaged)",
                )
                .in_file(file.path())
                .in_section("index")
                .at(entry.offset)
                .with_hint("run pcache verify on this file"));
            }
        }
    }
    Ok(())
}
