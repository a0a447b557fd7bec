//! Merging images into one merged image (SPEC.md §7), on top of `Session`.

use std::path::Path;

use crate::error::{Error, Result};
use crate::invalidation;
use crate::progress::{CountingWriter, Progress, Silent};
use crate::read::{self, image::ImageFile};
use crate::session::{holds_exactly, index_difference, LoadedPackage, Session, SessionOptions};
use crate::spec::archive;
use crate::spec::frame::section_kind;
use crate::write::frame::{self, OutSection};
use crate::write::output::{destination, persist, temp_beside, Destination, TempFile};

/// Merges `files` into the bytes of a merged image written to `out`.
/// The bytes depend only on the set of packages, not on the order or
/// grouping of `files`.
pub fn merge_files(files: &[ImageFile], options: SessionOptions, out: &Path) -> Result<()> {
    merge_files_with(files, options, &destination(out, false)?, &Silent)
}

/// `merge_files`, reporting progress.
///
/// While one core interns the roots, the other checks each package section
/// against its build id and writes it at its final offset in a temporary
/// file (package offsets do not depend on the index and the invalidation
/// record, which come last) and flushes them to disk, while a third thread
/// runs the invalidation analysis. Then the index is written while the
/// analysis may still run; then the record, header and table, and the file
/// is synced and renamed into place.
pub fn merge_files_with(
    files: &[ImageFile],
    options: SessionOptions,
    out: &Destination,
    progress: &dyn Progress,
) -> Result<()> {
    check_index_checksums(files)?;
    let input_bytes = files.iter().map(|f| f.bytes().len() as u64).sum();
    progress.phase("merge", input_bytes);
    progress.item(&out.given.display().to_string());
    std::thread::scope(|s| {
        let (session, (written, analysis)) =
            Session::load_overlapped(files, options, |packages, order| {
                let (packages_, order_) = (packages.to_vec(), order.to_vec());
                let analysis =
                    s.spawn(move || invalidation::analyze(&packages_, &order_).map(|o| o.record));
                // The disk writes back while the analysis computes; a
                // failure shows again in the final sync.
                let written = write_packages(packages, files, out, progress).inspect(|(tmp, _)| {
                    let _ = tmp.as_file().sync_data();
                });
                (written, analysis)
            })?;
        let (tmp, checksums) = written?;
        refuse_wrong_stored_index(&session, files)?;
        let packages: Vec<OutSection<'_>> = session
            .packages()
            .iter()
            .zip(checksums)
            .map(|(p, checksum)| OutSection {
                kind: section_kind::PACKAGE,
                uuid: *p.view.uuid.as_bytes(),
                bytes: p.view.bytes,
                checksum,
            })
            .collect();
        progress.phase("write", 0);
        // The index follows the packages: it is written while the analysis
        // may still run; the record, header and table come after it.
        let index = archive::to_bytes(&session.into_index());
        let mut lens: Vec<u64> = packages.iter().map(|s| s.bytes.len() as u64).collect();
        lens.extend([index.len() as u64, 0]);
        let index_at = frame::section_offsets(&lens).0[packages.len()];
        let write = |bytes: &[u8], at: u64| write_at(tmp.as_file(), bytes, at);
        write(&index, index_at).map_err(|e| Error::from_io(e, "write", &out.given))?;
        let record = analysis.join().expect("the analysis does not panic")?;
        let record = archive::to_bytes(&record);
        let all = with_index(packages, &index, &record);
        let lens: Vec<u64> = all.iter().map(|s| s.bytes.len() as u64).collect();
        let (offsets, file_len) = frame::section_offsets(&lens);
        debug_assert_eq!(offsets[offsets.len() - 2], index_at);
        write(&frame::header_and_table(&all), 0)
            .and_then(|()| write(&record, offsets[offsets.len() - 1]))
            .and_then(|()| tmp.as_file().set_len(file_len))
            .map_err(|e| Error::from_io(e, "write", &out.given))?;
        persist(tmp, out)?;
        progress.finish();
        Ok(())
    })
}

/// Writes `bytes` at offset `at` of `file`, in moderate writes.
fn write_at(mut file: &std::fs::File, bytes: &[u8], at: u64) -> std::io::Result<()> {
    use std::io::{Seek, SeekFrom, Write};
    file.seek(SeekFrom::Start(at))?;
    for chunk in bytes.chunks(256 << 10) {
        file.write_all(chunk)?;
    }
    Ok(())
}

/// Checks every chosen package section against its build id (the first
/// damaged one in section order is reported) and writes it at its offset
/// in a new temporary file beside `out`; returns the file and checksums.
fn write_packages(
    packages: &[LoadedPackage<'_>],
    files: &[ImageFile],
    out: &Destination,
    progress: &dyn Progress,
) -> Result<(TempFile, Vec<[u8; 32]>)> {
    let tmp = temp_beside(out)?;
    let mut lens: Vec<u64> = packages.iter().map(|p| p.view.bytes.len() as u64).collect();
    // The index and the invalidation record come last: they do not move the packages.
    lens.extend([0, 0]);
    let (offsets, _) = frame::section_offsets(&lens);
    let mut sums = Vec::with_capacity(packages.len());
    for (p, &at) in packages.iter().zip(&offsets) {
        let sum = *blake3::hash(p.view.bytes).as_bytes();
        if !read::checksum_matches(&sum, &p.view.build_id.0) {
            return Err(damaged(p, files));
        }
        write_at(tmp.as_file(), p.view.bytes, at)
            .map_err(|e| Error::from_io(e, "write", &out.given))?;
        progress.advance(p.view.bytes.len() as u64);
        sums.push(sum);
    }
    Ok((tmp, sums))
}

fn damaged(p: &LoadedPackage<'_>, files: &[ImageFile]) -> Error {
    Error::invalid(format!(
        "package {}: section checksum mismatch (the file is damaged)",
        p.label()
    ))
    .in_file(files[p.file].path())
    .in_section(p.view.section_name())
    .at(p.view.file_offset)
    .with_hint("run pcache verify on this file")
}

/// Writes the merged image of a loaded session to `w` as a stream (standard
/// output), in order.
pub fn write_merged_to(
    session: &Session<'_>,
    files: &[ImageFile],
    w: &mut dyn std::io::Write,
    progress: &dyn Progress,
) -> Result<()> {
    merged_image(session, files, progress, |all| {
        progress.phase("write", all.iter().map(|s| s.bytes.len() as u64).sum());
        frame::write_image(&mut CountingWriter::new(w, progress), all)
            .map_err(|e| Error::io(format!("cannot write to standard output: {e}")))?;
        progress.finish();
        Ok(())
    })
}

/// The merged image as bytes in memory (tests, fuzzing, libraries).
pub fn merged_bytes(session: &Session<'_>, files: &[ImageFile]) -> Result<Vec<u8>> {
    merged_image(session, files, &Silent, |all| {
        let mut out = Vec::new();
        frame::write_image(&mut out, all).expect("writing to memory cannot fail");
        Ok(out)
    })
}

/// The sections of the merged image of `session`, handed to `write`:
/// package sections (checked against their build ids first, so nothing
/// below reads a damaged one), the index and the invalidation record.
fn merged_image<R>(
    session: &Session<'_>,
    files: &[ImageFile],
    progress: &dyn Progress,
    write: impl FnOnce(&[OutSection<'_>]) -> Result<R>,
) -> Result<R> {
    let sections = merged_sections(session, files)?;
    progress.phase("analyze", 0);
    let record = invalidation::analyze(session.packages(), session.load_order())?.record;
    let index = archive::to_bytes(&session.index());
    let record = archive::to_bytes(&record);
    write(&with_index(sections, &index, &record))
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

fn merged_sections<'s>(session: &Session<'s>, files: &[ImageFile]) -> Result<Vec<OutSection<'s>>> {
    check_index_checksums(files)?;
    refuse_wrong_stored_index(session, files)?;
    use rayon::prelude::*;
    // Sections are hashed on both cores; the first damaged one in section
    // order is reported.
    session
        .packages()
        .par_iter()
        .map(|p| {
            let sum = *blake3::hash(p.view.bytes).as_bytes();
            if !read::checksum_matches(&sum, &p.view.build_id.0) {
                return Err(damaged(p, files));
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

/// Merge reuses a merged input's stored index only when it is intact.
fn check_index_checksums(files: &[ImageFile]) -> Result<()> {
    for file in files {
        let image = file.image()?;
        if let Some(entry) = image.index_entry() {
            let bytes = image.section(entry)?.bytes();
            if !read::checksum_matches(blake3::hash(bytes).as_bytes(), &entry.checksum) {
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
fn refuse_wrong_stored_index(session: &Session<'_>, files: &[ImageFile]) -> Result<()> {
    if !session.stats().used_stored_index {
        return Ok(());
    }
    let fresh = Session::load_interning(files, SessionOptions::default())?;
    if index_difference(&session.index(), &fresh.index()).is_none() {
        return Ok(());
    }
    // The file whose index was used: merged, holding exactly these sections.
    let same = |f: &ImageFile| {
        f.image()
            .is_ok_and(|i| i.is_merged() && holds_exactly(&i, session.packages()))
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
