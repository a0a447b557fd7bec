//! The fixed binary frame of an image (SPEC.md §3): header and section
//! table. Parsing checks every claimed count and offset against the bytes
//! present before allocating; writing lays sections out 16-aligned.

use std::io::Write;

use crate::error::{Error, Result};
use crate::limits;

/// `\x89PCI\r\n\x1a\n`.
pub const MAGIC: [u8; 8] = *b"\x89PCI\r\n\x1a\n";
/// The major version this library reads and writes (2: the section table
/// holds each section's summary, SPEC.md §3.2).
pub const MAJOR: u16 = 3;
/// The minor version this library writes.
pub const MINOR: u16 = 0;
/// Bytes in the header.
pub const HEADER_LEN: usize = 64;
/// Bytes in one section table entry.
pub const ENTRY_LEN: usize = 80;
/// Every section starts at a multiple of this.
pub const ALIGN: u64 = 16;

/// Section kinds.
pub mod section_kind {
    /// A package section.
    pub const PACKAGE: u32 = 1;
    /// The global index of a merged image.
    pub const INDEX: u32 = 2;
    /// The invalidation record of a merged image.
    pub const INVALIDATIONS: u32 = 3;
}

/// The parsed header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    /// Format major version.
    pub major: u16,
    /// Format minor version.
    pub minor: u16,
    /// Claimed file length.
    pub file_len: u64,
    /// Number of sections.
    pub section_count: u32,
    /// The stored header checksum.
    pub checksum: [u8; 32],
}

/// One section table entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SectionEntry {
    /// `section_kind::*`.
    pub kind: u32,
    /// File offset.
    pub offset: u64,
    /// Length without padding.
    pub len: u64,
    /// Package uuid, zero for other kinds.
    pub uuid: [u8; 16],
    /// blake3 of the section (for a package: its build id).
    pub checksum: [u8; 32],
    /// What a reader may know without reading the section, covered by the
    /// header checksum (see [`summary_of`]).
    pub summary: [u8; 8],
}

/// The summary of a section, stored in its table entry (SPEC.md §3.2) so
/// that `inspect` reads nothing it has not checked: for a package, the
/// first 8 bytes of the blake3 of its `meta` part (which `meta` is checked
/// against before use); for the index, the number of global roots (u64);
/// for the invalidations record, the number of packages analyzed and of
/// code instances invalidated (two u32). Sections too damaged to tell give
/// zeros (and fail verify).
pub fn summary_of(kind: u32, bytes: &[u8]) -> [u8; 8] {
    use crate::archive::{ArchivedIndex, ArchivedInvalidations};
    let mut out = [0u8; 8];
    match kind {
        section_kind::PACKAGE => {
            if let Some(meta) = meta_part(bytes) {
                out.copy_from_slice(&blake3::hash(meta).as_bytes()[..8]);
            }
        }
        section_kind::INDEX => {
            if let Ok(ix) = rkyv::access::<ArchivedIndex, rkyv::rancor::Error>(bytes) {
                out.copy_from_slice(&(ix.global.len() as u64).to_le_bytes());
            }
        }
        section_kind::INVALIDATIONS => {
            if let Ok(inv) = rkyv::access::<ArchivedInvalidations, rkyv::rancor::Error>(bytes) {
                out[..4].copy_from_slice(&(inv.analyzed.len() as u32).to_le_bytes());
                out[4..].copy_from_slice(&(inv.entries.len() as u32).to_le_bytes());
            }
        }
        _ => {}
    }
    out
}

/// The bytes of a package section's `meta` part (part 0), if its part
/// table says where they are.
pub fn meta_part(section: &[u8]) -> Option<&[u8]> {
    let field = |at: usize| -> Option<u64> {
        Some(u64::from_le_bytes(
            section.get(at..at + 8)?.try_into().ok()?,
        ))
    };
    let (off, len) = (field(8)?, field(16)?);
    let end = off.checked_add(len)?;
    section.get(usize::try_from(off).ok()?..usize::try_from(end).ok()?)
}

/// The stripped bits (`archive::stripped::*`) of a package section's
/// `meta` part, if it validates. The header's flags are the OR of these
/// over the image's packages (SPEC.md §3.1).
pub fn stripped_of(section: &[u8]) -> Option<u32> {
    let meta =
        rkyv::access::<crate::archive::ArchivedMeta, rkyv::rancor::Error>(meta_part(section)?)
            .ok()?;
    Some(meta.stripped.to_native())
}

/// The flags field of an image's header (bytes 12..16): the stripped bits
/// of its packages (SPEC.md §3.1). `parse` has checked that only defined
/// bits are set.
pub fn header_flags(bytes: &[u8]) -> u32 {
    bytes.get(12..16).map_or(0, u32_at_start)
}

fn u32_at_start(b: &[u8]) -> u32 {
    u32::from_le_bytes(b.try_into().expect("4 bytes"))
}

/// Rounds up to the section alignment.
pub fn align_up(n: u64) -> u64 {
    n.div_ceil(ALIGN) * ALIGN
}

/// Offset of the first section for `count` sections.
pub fn first_section_offset(count: usize) -> u64 {
    (HEADER_LEN + count * ENTRY_LEN) as u64
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes(b[at..at + 2].try_into().expect("2 bytes"))
}
fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().expect("4 bytes"))
}
fn u64_at(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().expect("8 bytes"))
}

/// Parses and checks the header and section table: magic, version, lengths,
/// the header checksum, ordering, alignment and bounds of every section.
/// Padding and section checksums are left to `verify`.
pub fn parse(bytes: &[u8]) -> Result<(Header, Vec<SectionEntry>)> {
    let err = |msg: String, at: u64| Error::invalid(msg).in_section("header").at(at);
    if bytes.len() < HEADER_LEN {
        return Err(err(
            format!(
                "file is {} bytes, shorter than the {HEADER_LEN}-byte header",
                bytes.len()
            ),
            0,
        ));
    }
    if bytes[..8] != MAGIC {
        let hint = if bytes[1..4] == *b"PCI" {
            "the magic is damaged: the file was probably transferred in text mode"
        } else {
            "this is not a pcache image"
        };
        return Err(err("bad magic".into(), 0).with_hint(hint));
    }
    let header = Header {
        major: u16_at(bytes, 8),
        minor: u16_at(bytes, 10),
        file_len: u64_at(bytes, 16),
        section_count: u32_at(bytes, 24),
        checksum: bytes[32..64].try_into().expect("32 bytes"),
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
    let flags = u32_at(bytes, 12);
    if flags & !crate::archive::stripped::ALL != 0 {
        return Err(err(
            format!("flags {flags:#x} hold bits this format does not define"),
            12,
        ));
    }
    if u32_at(bytes, 28) != 0 {
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
    let table_end = (count as u64)
        .checked_mul(ENTRY_LEN as u64)
        .and_then(|n| n.checked_add(HEADER_LEN as u64))
        .filter(|&end| end <= bytes.len() as u64)
        .ok_or_else(|| {
            err(
                format!("section table of {count} entries runs past the end of the file"),
                24,
            )
        })? as usize;
    let mut hasher = blake3::Hasher::new();
    hasher.update(&bytes[..32]);
    hasher.update(&bytes[HEADER_LEN..table_end]);
    // Fuzzing skips checksums so that mutated inputs reach the structure.
    if !cfg!(fuzzing) && *hasher.finalize().as_bytes() != header.checksum {
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
        let e = &bytes[at..at + ENTRY_LEN];
        let entry = SectionEntry {
            kind: u32_at(e, 0),
            offset: u64_at(e, 8),
            len: u64_at(e, 16),
            uuid: e[24..40].try_into().expect("16 bytes"),
            checksum: e[40..72].try_into().expect("32 bytes"),
            summary: e[72..80].try_into().expect("8 bytes"),
        };
        let eerr = |msg: String, field: usize| {
            Error::invalid(msg)
                .in_section(format!("section table entry {i}"))
                .at((at + field) as u64)
        };
        if u32_at(e, 4) != 0 {
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

/// A section to write: its kind, uuid, bytes and checksum.
pub struct OutSection<'a> {
    /// `section_kind::*`.
    pub kind: u32,
    /// Package uuid or zero.
    pub uuid: [u8; 16],
    /// The bytes.
    pub bytes: &'a [u8],
    /// blake3 of `bytes`.
    pub checksum: [u8; 32],
}

/// Where the sections of the given lengths start, and the file length.
pub fn section_offsets(lens: &[u64]) -> (Vec<u64>, u64) {
    let mut offset = first_section_offset(lens.len());
    let offsets = lens
        .iter()
        .map(|&len| {
            let at = offset;
            offset = align_up(offset + len);
            at
        })
        .collect();
    (offsets, offset)
}

/// The header and section table of an image of `sections`.
pub fn header_and_table(sections: &[OutSection<'_>]) -> Vec<u8> {
    let mut table = Vec::with_capacity(sections.len() * ENTRY_LEN);
    let mut offset = first_section_offset(sections.len());
    let mut flags = 0u32;
    for s in sections {
        if s.kind == section_kind::PACKAGE {
            flags |= stripped_of(s.bytes).unwrap_or(0);
        }
        table.extend_from_slice(&s.kind.to_le_bytes());
        table.extend_from_slice(&0u32.to_le_bytes());
        table.extend_from_slice(&offset.to_le_bytes());
        table.extend_from_slice(&(s.bytes.len() as u64).to_le_bytes());
        table.extend_from_slice(&s.uuid);
        table.extend_from_slice(&s.checksum);
        table.extend_from_slice(&summary_of(s.kind, s.bytes));
        offset = align_up(offset + s.bytes.len() as u64);
    }
    let mut header = [0u8; HEADER_LEN];
    header[..8].copy_from_slice(&MAGIC);
    header[8..10].copy_from_slice(&MAJOR.to_le_bytes());
    header[10..12].copy_from_slice(&MINOR.to_le_bytes());
    header[12..16].copy_from_slice(&flags.to_le_bytes());
    header[16..24].copy_from_slice(&offset.to_le_bytes());
    header[24..28].copy_from_slice(&(sections.len() as u32).to_le_bytes());
    let mut hasher = blake3::Hasher::new();
    hasher.update(&header[..32]);
    hasher.update(&table);
    header[32..].copy_from_slice(hasher.finalize().as_bytes());
    let mut out = header.to_vec();
    out.extend_from_slice(&table);
    out
}

/// Writes a whole image: header, table, sections with zero padding.
pub fn write_image(
    out: &mut (impl Write + ?Sized),
    sections: &[OutSection<'_>],
) -> std::io::Result<()> {
    out.write_all(&header_and_table(sections))?;
    let zeros = [0u8; ALIGN as usize];
    for s in sections {
        // Moderate writes: one huge write(2) of a mapped section is slower
        // in the kernel than a sequence of 256 KiB ones.
        for chunk in s.bytes.chunks(256 << 10) {
            out.write_all(chunk)?;
        }
        let pad = align_up(s.bytes.len() as u64) - s.bytes.len() as u64;
        out.write_all(&zeros[..pad as usize])?;
    }
    Ok(())
}
