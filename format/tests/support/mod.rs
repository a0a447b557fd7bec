//! Shared by the corruption and limits tests: demo images, and resealing a
//! hand-edited image (recomputing section and header checksums) so that an
//! edit reaches the structural checks behind the checksums.

#![allow(dead_code)]

use pcache_format::spec::frame::{ENTRY_LEN, HEADER_LEN};
use pcache_format::write;
use pcache_testkit::arbitrary_ecosystem::merge_images;
use pcache_testkit::demo;

/// The demo's three packages merged.
pub fn demo_merged() -> Vec<u8> {
    let singles: Vec<Vec<u8>> = demo::ecosystem()
        .iter()
        .map(|p| write::section::image_bytes(p).unwrap())
        .collect();
    merge_images(&singles.iter().map(Vec::as_slice).collect::<Vec<_>>()).unwrap()
}

pub fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().unwrap())
}

pub fn u64_at(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().unwrap())
}

pub fn put_u32(b: &mut [u8], at: usize, v: u32) {
    b[at..at + 4].copy_from_slice(&v.to_le_bytes());
}

pub fn put_u64(b: &mut [u8], at: usize, v: u64) {
    b[at..at + 8].copy_from_slice(&v.to_le_bytes());
}

/// Offset and length of section `i`, from its table entry.
pub fn section(b: &[u8], i: usize) -> (usize, usize) {
    let at = HEADER_LEN + i * ENTRY_LEN;
    (u64_at(b, at + 8) as usize, u64_at(b, at + 16) as usize)
}

#[allow(unused_imports)]
pub use pcache_testkit::reseal::reseal;

/// File offset and length of part `part` of package section `i`.
pub fn part(b: &[u8], i: usize, part: usize) -> (usize, usize) {
    let (off, _) = section(b, i);
    let at = off + 8 + 16 * part;
    (off + u64_at(b, at) as usize, u64_at(b, at + 8) as usize)
}
