//! Helpers for tests that damage an image on purpose and then make its
//! checksums agree again (what a writer that made the wrong bytes would
//! store), so that the damage reaches the checks behind the checksums.

use pcache_format::spec::frame::{summary_of, ENTRY_LEN, HEADER_LEN};

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

/// Recomputes the checksum and summary of every section whose table entry
/// and bytes are in range.
pub fn reseal_sections(b: &mut [u8]) {
    let Some(count) = u32_at(b, 24) else {
        return;
    };
    for i in 0..count as usize {
        let at = HEADER_LEN + i * ENTRY_LEN;
        let (Some(kind), Some(off), Some(len)) =
            (u32_at(b, at), u64_at(b, at + 8), u64_at(b, at + 16))
        else {
            break;
        };
        if at + ENTRY_LEN > b.len() {
            break;
        }
        if let Some(end) = off.checked_add(len).filter(|&e| e <= b.len() as u64) {
            let section = &b[off as usize..end as usize];
            let sum = *blake3::hash(section).as_bytes();
            let summary = summary_of(kind, section);
            b[at + 40..at + 72].copy_from_slice(&sum);
            b[at + 72..at + 80].copy_from_slice(&summary);
        }
    }
}

/// Recomputes the header checksum over the header and the section table.
pub fn reseal_header(b: &mut [u8]) {
    if b.len() < HEADER_LEN {
        return;
    }
    let count = u32_at(b, 24).unwrap_or(0) as usize;
    let table_end = HEADER_LEN
        .saturating_add(count.saturating_mul(ENTRY_LEN))
        .min(b.len());
    let mut h = blake3::Hasher::new();
    h.update(&b[..32]);
    h.update(&b[HEADER_LEN..table_end]);
    let sum = *h.finalize().as_bytes();
    b[32..64].copy_from_slice(&sum);
}

/// [`reseal_sections`], then [`reseal_header`].
pub fn reseal(b: &mut [u8]) {
    reseal_sections(b);
    reseal_header(b);
}
