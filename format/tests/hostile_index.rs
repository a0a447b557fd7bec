//! Merged images whose index section is checksummed correctly but wrong
//! (as a buggy or hostile writer could make them): verify rejects them, and
//! merge must not copy such an index into a new image.

use crate::support;

use pcache_format::progress::Silent;
use pcache_format::read::image::{Image, ImageFile};
use pcache_format::session::{Session, SessionOptions};
use pcache_format::spec::archive::{self, Index};
use pcache_format::spec::frame::section_kind;
use pcache_format::verify::{verify_file, verify_file_with, VerifyOptions};
use pcache_format::write::frame::{self, OutSection};
use pcache_testkit::arbitrary_ecosystem::merge_images;

/// The demo merged image with its index replaced by `edit(index)`.
fn with_index(edit: impl FnOnce(&mut Index)) -> (Vec<u8>, Vec<u8>) {
    let good = support::demo_merged();
    let files = vec![ImageFile::from_bytes("m.pci", &good)];
    let session = Session::load(&files, SessionOptions::default()).unwrap();
    let mut index = session.index();
    edit(&mut index);
    let index_bytes = archive::to_bytes(&index);
    let image = Image::parse(&good).unwrap();
    let mut sections: Vec<OutSection<'_>> = image
        .packages
        .iter()
        .map(|v| OutSection {
            kind: section_kind::PACKAGE,
            uuid: *v.uuid.as_bytes(),
            bytes: v.bytes,
            checksum: v.build_id.0,
        })
        .collect();
    sections.push(OutSection {
        kind: section_kind::INDEX,
        uuid: [0; 16],
        bytes: &index_bytes,
        checksum: *blake3::hash(&index_bytes).as_bytes(),
    });
    // The invalidation record is kept as it was.
    let record = image.invalidations_entry().expect("merged");
    sections.push(OutSection {
        kind: section_kind::INVALIDATIONS,
        uuid: [0; 16],
        bytes: &good[record.offset as usize..(record.offset + record.len) as usize],
        checksum: record.checksum,
    });
    let mut out = Vec::new();
    frame::write_image(&mut out, &sections).unwrap();
    (good, out)
}

fn check_merge_refuses_or_repairs(good: &[u8], bad: &[u8]) {
    let problems = verify_file(&ImageFile::from_bytes("bad.pci", bad)).problems;
    assert!(
        problems.iter().any(|p| p.section == "index"),
        "verify accepted a wrong index: {problems:?}"
    );
    match merge_images(&[bad]) {
        Err(e) => assert!(
            e.to_string().contains("index") && e.to_string().contains("input-0.pci"),
            "{e}"
        ),
        Ok(out) => assert!(out == good, "merge copied a wrong index into a new image"),
    }
}

#[test]
fn non_canonical_but_consistent_index() {
    // Swap global roots 0 and 1 and every reindex entry naming them: each
    // root still resolves to its value, but the table is not canonical.
    let (good, bad) = with_index(|ix| {
        ix.global.swap(0, 1);
        for r in &mut ix.reindex {
            *r = match *r {
                0 => 1,
                1 => 0,
                g => g,
            };
        }
    });
    assert_ne!(good, bad);
    check_merge_refuses_or_repairs(&good, &bad);
}

#[test]
fn reindex_entry_naming_the_wrong_value() {
    let (good, bad) = with_index(|ix| ix.reindex[0] = 1);
    check_merge_refuses_or_repairs(&good, &bad);
}

#[test]
fn global_root_naming_a_root_out_of_range() {
    let (good, bad) = with_index(|ix| ix.global[0].index = 1 << 30);
    check_merge_refuses_or_repairs(&good, &bad);
}

fn fast_problems(bytes: &[u8]) -> Vec<String> {
    let options = VerifyOptions { deep: false };
    verify_file_with(&ImageFile::from_bytes("bad.pci", bytes), options, &Silent)
        .problems
        .iter()
        .map(|p| format!("{}: {}", p.section, p.message))
        .collect()
}

#[test]
fn fast_verify_checks_the_index_shape() {
    let (good, _) = with_index(|_| {});
    assert_eq!(fast_problems(&good), Vec::<String>::new());
    let (_, bad) = with_index(|ix| ix.reindex[3] = ix.global.len() as u32);
    let problems = fast_problems(&bad);
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("index: reindex entry 3 names global root")),
        "{problems:?}"
    );
    let (_, bad) = with_index(|ix| ix.global[1].index = 1 << 30);
    let problems = fast_problems(&bad);
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("index: global root 1 names no root")),
        "{problems:?}"
    );
    let (_, bad) = with_index(|ix| {
        ix.reindex_starts.pop();
    });
    assert!(fast_problems(&bad).iter().any(|p| p.starts_with("index:")));
}

#[test]
fn only_deep_verify_interns_afresh() {
    // In range but not what interning gives: the shape is sound, so the
    // default check passes it; --deep names it.
    let (_, bad) = with_index(|ix| ix.reindex[0] = 1);
    assert_eq!(fast_problems(&bad), Vec::<String>::new());
    let deep = verify_file(&ImageFile::from_bytes("bad.pci", &bad)).problems;
    assert!(deep.iter().any(|p| p.section == "index"), "{deep:?}");
}
