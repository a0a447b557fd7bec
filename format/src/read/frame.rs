//! Parsing the frame of an image (SPEC.md §3): every claimed count and
//! offset is checked against the bytes present before allocating.

use crate::error::{Error, Result};
use crate::spec::frame::*;
use crate::spec::limits;

use super::Window;

/// The flags field of an image's header (bytes 12..16): the stripped bits
/// of its packages (SPEC.md §3.1). `parse` has checked that only defined
/// bits are set.
pub(crate) fn header_flags(bytes: &[u8]) -> u32 {
    Window::file(bytes).u32_at(12).unwrap_or(0)
}

/// Parses and checks the header and section table: magic, version, lengths,
/// the header checksum, ordering, alignment and bounds of every section.
/// Padding and section checksums are left to `verify`.
pub(crate) fn parse(bytes: &[u8]) -> Result<(Header, Vec<SectionEntry>)> {
    let err = |msg: String, at: u64| Error::invalid(msg).in_section("header").at(at);
    let file = Window::file(bytes);
    let Some(head) = file.window(0, HEADER_LEN as u64) else {
        return Err(err(
            format!(
                "file is {} bytes, shorter than the {HEADER_LEN}-byte header",
                bytes.len()
            ),
            0,
        ));
    };
    // Fields of the header, which is all there (an absent one reads as 0).
    let u16_at = |at| head.u16_at(at).unwrap_or_default();
    let u32_at = |at| head.u32_at(at).unwrap_or_default();
    let u64_at = |at| head.u64_at(at).unwrap_or_default();
    if head.array(0) != Some(MAGIC) {
        let hint = if head.get(1, 3) == Some(b"PCI") {
            "the magic is damaged: the file was probably transferred in text mode"
        } else {
            "this is not a pcache image"
        };
        return Err(err("bad magic".into(), 0).with_hint(hint));
    }
    let header = Header {
        major: u16_at(8),
        minor: u16_at(10),
        file_len: u64_at(16),
        section_count: u32_at(24),
        checksum: head.array(32).unwrap_or_default(),
    };
    if header.major != MAJOR {
        return Err(Error::invalid(format!(
            "this file was written by {} pcache: format {}.{}, this reader knows {MAJOR}.x",
            if header.major > MAJOR {
                "a newer"
            } else {
                "an older"
            },
            header.major,
            header.minor
        ))
        .in_section("header")
        .at(8)
        .with_hint(if header.major > MAJOR {
            "upgrade pcache to read it"
        } else {
            "re-run pack with this pcache"
        }));
    }
    let flags = u32_at(12);
    if flags & !crate::spec::archive::stripped::ALL != 0 {
        return Err(err(
            format!("flags {flags:#x} hold bits this format does not define"),
            12,
        ));
    }
    if u32_at(28) != 0 {
        return Err(err("reserved field must be zero".into(), 28));
    }
    if header.file_len != bytes.len() as u64 {
        return Err(err(
            format!(
                "header claims {} bytes but the file has {} (truncated or extended)",
                header.file_len,
                bytes.len()
            ),
            16,
        ));
    }
    let count = header.section_count;
    if count == 0 || count > limits::MAX_SECTIONS {
        return Err(err(format!("section count {count} is out of range"), 24));
    }
    let table = (count as u64)
        .checked_mul(ENTRY_LEN as u64)
        .and_then(|n| n.checked_add(HEADER_LEN as u64))
        .and_then(|end| file.window(HEADER_LEN as u64, end - HEADER_LEN as u64))
        .ok_or_else(|| {
            err(
                format!("section table of {count} entries runs past the end of the file"),
                24,
            )
        })?;
    let table_end = HEADER_LEN + table.len();
    let mut hasher = blake3::Hasher::new();
    hasher.update(head.get(0, 32).unwrap_or_default());
    hasher.update(table.bytes());
    if !super::checksum_matches(hasher.finalize().as_bytes(), &header.checksum) {
        return Err(err(
            "header checksum mismatch (header or section table damaged)".into(),
            32,
        ));
    }
    let mut entries = Vec::with_capacity(count as usize);
    let mut expected = table_end as u64;
    let mut seen_index = false;
    let mut seen_invalidations = false;
    let mut prev_uuid: Option<[u8; 16]> = None;
    for i in 0..count as usize {
        let at = HEADER_LEN + i * ENTRY_LEN;
        let Some(e) = table.window((i * ENTRY_LEN) as u64, ENTRY_LEN as u64) else {
            return Err(err(
                format!("section table entry {i} runs past the table"),
                at as u64,
            ));
        };
        // Inside the entry, which is all there (an absent field reads as 0).
        let entry = SectionEntry {
            kind: e.u32_at(0).unwrap_or_default(),
            offset: e.u64_at(8).unwrap_or_default(),
            len: e.u64_at(16).unwrap_or_default(),
            uuid: e.array(24).unwrap_or_default(),
            checksum: e.array(40).unwrap_or_default(),
            summary: e.array(72).unwrap_or_default(),
        };
        let eerr = |msg: String, field: usize| {
            Error::invalid(msg)
                .in_section(format!("section table entry {i}"))
                .at((at + field) as u64)
        };
        if e.u32_at(4) != Some(0) {
            return Err(eerr("reserved field must be zero".into(), 4));
        }
        if entry.offset != expected {
            return Err(eerr(
                format!(
                    "section starts at {:#x}, expected {expected:#x}",
                    entry.offset
                ),
                8,
            ));
        }
        let end = entry
            .offset
            .checked_add(entry.len)
            .filter(|&end| end <= bytes.len() as u64)
            .ok_or_else(|| {
                eerr(
                    format!(
                        "section of {} bytes runs past the end of the file",
                        entry.len
                    ),
                    16,
                )
            })?;
        match entry.kind {
            section_kind::PACKAGE => {
                if seen_index {
                    return Err(eerr("package section after the index section".into(), 0));
                }
                if prev_uuid.is_some_and(|p| p >= entry.uuid) {
                    return Err(eerr(
                        "package sections are not sorted by distinct uuid".into(),
                        24,
                    ));
                }
                prev_uuid = Some(entry.uuid);
            }
            section_kind::INDEX => {
                if seen_index || prev_uuid.is_none() {
                    return Err(eerr(
                        "an index section must follow the package sections, once".into(),
                        0,
                    ));
                }
                if entry.uuid != [0; 16] {
                    return Err(eerr("index section has a uuid".into(), 24));
                }
                seen_index = true;
            }
            section_kind::INVALIDATIONS => {
                if !seen_index || seen_invalidations {
                    return Err(eerr(
                        "an invalidations section must follow the index section, once".into(),
                        0,
                    ));
                }
                if entry.uuid != [0; 16] {
                    return Err(eerr("invalidations section has a uuid".into(), 24));
                }
                seen_invalidations = true;
            }
            // A newer minor version may add section kinds; skip them.
            _ if header.minor > MINOR => {}
            other => return Err(eerr(format!("unknown section kind {other}"), 0)),
        }
        expected = align_up(end);
        entries.push(entry);
    }
    if prev_uuid.is_none() {
        return Err(err("image has no package section".into(), 24));
    }
    if !seen_index && entries.len() > 1 {
        return Err(err(
            "several package sections but no index section".into(),
            24,
        ));
    }
    if seen_index && !seen_invalidations {
        return Err(err(
            "a merged image needs an invalidations section".into(),
            24,
        ));
    }
    if expected != header.file_len {
        return Err(err(
            format!(
                "sections end at {expected:#x} but the file is {:#x} bytes",
                header.file_len
            ),
            16,
        ));
    }
    Ok((header, entries))
}
