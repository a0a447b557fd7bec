//! Writing the frame of an image (SPEC.md §3): header, section table and
//! sections laid out 16-aligned.

use std::io::Write;

use crate::spec::frame::*;

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
pub(crate) fn section_offsets(lens: &[u64]) -> (Vec<u64>, u64) {
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
pub(crate) fn header_and_table(sections: &[OutSection<'_>]) -> Vec<u8> {
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
