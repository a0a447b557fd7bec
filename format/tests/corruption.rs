//! Every single-bit flip of a small merged image (all bits, not a sample)
//! and every truncation is detected by `verify`, each with a problem naming
//! a section and an offset that locates it.

use crate::support;

use pcache_format::progress::Silent;
use pcache_format::read::image::ImageFile;
use pcache_format::spec::frame::{ENTRY_LEN, HEADER_LEN};
use pcache_format::verify::{verify_file, verify_file_with, Problem, VerifyOptions};
use support::{demo_merged, section, u32_at};

/// Where byte `at` of `image` lies: the header and table, a section (by
/// the name verify uses), or the padding after a section.
enum Place {
    Frame,
    Section(String, usize, usize),
    Padding(String),
}

fn place(image: &[u8], at: usize) -> Place {
    let count = u32_at(image, 24) as usize;
    if at < HEADER_LEN + count * ENTRY_LEN {
        return Place::Frame;
    }
    let names = section_names(image);
    for (i, name) in names.iter().enumerate() {
        let (off, len) = section(image, i);
        if (off..off + len).contains(&at) {
            return Place::Section(name.clone(), off, len);
        }
        if (off + len..(off + len).next_multiple_of(16)).contains(&at) {
            return Place::Padding(name.clone());
        }
    }
    unreachable!("every byte is in the frame, a section or padding")
}

fn section_names(image: &[u8]) -> Vec<String> {
    let count = u32_at(image, 24) as usize;
    (0..count)
        .map(|i| {
            let at = HEADER_LEN + i * ENTRY_LEN;
            match u32_at(image, at) {
                1 => format!(
                    "package {}",
                    uuid::Uuid::from_bytes(image[at + 24..at + 40].try_into().unwrap())
                ),
                2 => "index".to_owned(),
                _ => "invalidations".to_owned(),
            }
        })
        .collect()
}

/// Problems found by the default and the deep check, which must agree on
/// whether the file is damaged (a flipped bit always breaks a checksum).
fn problems(bytes: &[u8]) -> Vec<Problem> {
    let file = ImageFile::from_bytes("t.pci", bytes);
    let deep = verify_file(&file).problems;
    let fast = verify_file_with(&file, VerifyOptions { deep: false }, &Silent).problems;
    assert_eq!(
        fast.is_empty(),
        deep.is_empty(),
        "fast {fast:?}, deep {deep:?}"
    );
    deep
}

#[test]
fn every_bit_flip_is_detected_and_located() {
    let image = demo_merged();
    assert!(problems(&image).is_empty());
    assert_eq!(
        section_names(&image).len(),
        5,
        "three packages, the index and the invalidations"
    );
    let mut corrupt = image.clone();
    for at in 0..image.len() {
        for bit in 0..8 {
            corrupt[at] ^= 1 << bit;
            let found = problems(&corrupt);
            corrupt[at] ^= 1 << bit;
            assert!(!found.is_empty(), "flip of bit {bit} at {at:#x} undetected");
            for p in &found {
                assert!(p.section != "file", "{at:#x}/{bit}: unlocated problem {p}");
                assert!(p.offset < image.len() as u64, "{at:#x}/{bit}: {p}");
            }
            let located = match place(&image, at) {
                // The header checksum (at 32) covers the header and table.
                Place::Frame => found.iter().any(|p| {
                    (p.section == "header" || p.section.starts_with("section table entry"))
                        && p.offset < (HEADER_LEN + 4 * ENTRY_LEN) as u64
                }),
                Place::Section(name, start, len) => found.iter().any(|p| {
                    p.section == name && (start..start + len).contains(&(p.offset as usize))
                }),
                Place::Padding(name) => found
                    .iter()
                    .any(|p| p.section == name && p.offset == at as u64),
            };
            assert!(located, "flip of bit {bit} at {at:#x}: {found:?}");
        }
    }
}

#[test]
fn every_truncation_is_rejected_naming_the_header() {
    let image = demo_merged();
    for len in 0..image.len() {
        let found = problems(&image[..len]);
        assert_eq!(found.len(), 1, "truncation to {len}: {found:?}");
        let p = &found[0];
        assert_eq!(p.section, "header", "truncation to {len}: {p}");
        if len >= HEADER_LEN {
            assert_eq!(p.offset, 16, "the file_len field: {p}");
            assert!(p.message.contains("truncated"), "{p}");
        }
    }
    // Extended by any number of bytes (zeros, so the padding rule alone
    // would not catch it) is rejected as well.
    for extra in [1, 15, 16, 4096] {
        let mut longer = image.clone();
        longer.resize(image.len() + extra, 0);
        let found = problems(&longer);
        assert!(found
            .iter()
            .any(|p| p.section == "header" && p.offset == 16));
    }
}
