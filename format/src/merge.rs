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
    check_index_checksums(files)?;
    check_stored_index(session, files)?;
    session
        .packages()
        .iter()
        .map(|p| {
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

/// A session over exactly a merged image's packages uses that image's
/// stored index without scanning it (opening is O(packages)), and merge
/// would copy it. A checksummed but wrong index (a buggy or hostile writer)
/// must not be passed on: before writing, the stored index must be the one
/// interning afresh gives (SPEC.md §5). Only such re-merges pay for this.
fn check_stored_index(session: &Session<'_>, files: &[ImageFile]) -> Result<()> {
    if !session.stats().used_stored_index {
        return Ok(());
    }
    let fresh = Session::load_interning(files, SessionOptions::default())?;
    if archive::to_bytes(&session.index()).as_slice()
        == archive::to_bytes(&fresh.index()).as_slice()
    {
        return Ok(());
    }
    // The file whose index was used: merged, holding exactly these sections.
    let same = |f: &ImageFile| {
        f.image().is_ok_and(|i| {
            i.is_merged()
                && i.packages.len() == session.packages().len()
                && i.packages
                    .iter()
                    .zip(session.packages())
                    .all(|(v, p)| v.build_id == p.view.build_id)
        })
    };
    let holder = files
        .iter()
        .find(|f| same(f))
        .map_or(Path::new("?"), |f| f.path());
    Err(Error::invalid(
        "the stored index is not the one its packages intern to (a wrong index with a valid checksum)",
    )
    .in_file(holder)
    .in_section("index")
    .with_hint("run pcache verify on this file"))
}
