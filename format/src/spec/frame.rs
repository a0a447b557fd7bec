//! The fixed binary frame of an image (SPEC.md §3): header and section
//! table, as definitions. [`crate::read::image::Image::parse`] parses it,
//! [`crate::write::frame`] writes it.

/// `\x89PCI\r\n\x1a\n`.
pub(crate) const MAGIC: [u8; 8] = *b"\x89PCI\r\n\x1a\n";
/// The major version this library reads and writes (2: the section table
/// holds each section's summary, SPEC.md §3.2).
pub(crate) const MAJOR: u16 = 3;
/// The minor version this library writes.
pub(crate) const MINOR: u16 = 0;
/// Bytes in the header.
pub const HEADER_LEN: usize = 64;
/// Bytes in one section table entry.
pub const ENTRY_LEN: usize = 80;
/// Every section starts at a multiple of this.
pub(crate) const ALIGN: u64 = 16;

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
    use crate::spec::archive::{ArchivedIndex, ArchivedInvalidations};
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
pub(crate) fn meta_part(section: &[u8]) -> Option<&[u8]> {
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
pub(crate) fn stripped_of(section: &[u8]) -> Option<u32> {
    let meta = rkyv::access::<crate::spec::archive::ArchivedMeta, rkyv::rancor::Error>(meta_part(
        section,
    )?)
    .ok()?;
    Some(meta.stripped.to_native())
}

/// Rounds up to the section alignment.
pub(crate) fn align_up(n: u64) -> u64 {
    n.div_ceil(ALIGN) * ALIGN
}

/// Offset of the first section for `count` sections.
pub(crate) fn first_section_offset(count: usize) -> u64 {
    (HEADER_LEN + count * ENTRY_LEN) as u64
}
