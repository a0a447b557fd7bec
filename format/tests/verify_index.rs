//! verify's check of a merged image's stored index: the canonical index
//! passes and every tampering is named (moved from `verify`'s unit tests,
//! which needed the synthetic ecosystem of the test kit).

use pcache_format::read::image::ImageFile;
use pcache_format::session::{Session, SessionOptions};
use pcache_format::spec::archive::{self, Index};
use pcache_format::spec::frame::section_kind;
use pcache_format::verify::verify_file;
use pcache_format::write::frame::{self, OutSection};
use pcache_testkit::synth::{Ecosystem, SynthOptions};

/// Single-package images of a small synthetic ecosystem and their session index.
fn merged_parts() -> (Vec<ImageFile>, Index) {
    let eco = Ecosystem::new(SynthOptions {
        packages: 4,
        roots: 600,
        payload: 0.02,
        seed: 5,
    });
    let files: Vec<ImageFile> = (0..eco.len())
        .map(|i| ImageFile::from_bytes(format!("{i}.pci"), &eco.image(i).unwrap()))
        .collect();
    let index = Session::load(&files, SessionOptions::default())
        .unwrap()
        .index();
    (files, index)
}

/// A merged image of `files` with `index` stored (checksums recomputed).
fn with_index(files: &[ImageFile], index: &Index) -> ImageFile {
    let session = Session::load_interning(files, SessionOptions::default()).unwrap();
    let index_bytes = archive::to_bytes(index);
    let mut sections: Vec<OutSection<'_>> = session
        .packages()
        .iter()
        .map(|p| OutSection {
            kind: section_kind::PACKAGE,
            uuid: *p.view.uuid.as_bytes(),
            bytes: p.view.bytes,
            checksum: p.view.build_id.0,
        })
        .collect();
    let record = pcache_format::invalidation::analyze(session.packages(), session.load_order())
        .unwrap()
        .record;
    let record_bytes = archive::to_bytes(&record);
    for (kind, bytes) in [
        (section_kind::INDEX, &index_bytes),
        (section_kind::INVALIDATIONS, &record_bytes),
    ] {
        sections.push(OutSection {
            kind,
            uuid: [0; 16],
            bytes,
            checksum: *blake3::hash(bytes).as_bytes(),
        });
    }
    let mut out = Vec::new();
    frame::write_image(&mut out, &sections).unwrap();
    ImageFile::from_bytes("merged.pci", &out)
}

fn messages(file: &ImageFile) -> Vec<String> {
    verify_file(file)
        .problems
        .iter()
        .map(|p| p.message.clone())
        .collect()
}

#[test]
fn canonical_index_passes_and_every_tampering_is_named() {
    let (files, index) = merged_parts();
    let good = with_index(&files, &index);
    assert_eq!(messages(&good), Vec::<String>::new());

    // A reindex entry pointing at another (valid) global root.
    let mut bad = Index {
        load_order: index.load_order.clone(),
        global: index.global.clone(),
        reindex_starts: index.reindex_starts.clone(),
        reindex: index.reindex.clone(),
    };
    let at = bad.reindex.len() - 1;
    bad.reindex[at] = (bad.reindex[at] + 1) % bad.global.len() as u32;
    let file = with_index(&files, &bad);
    assert_eq!(
        messages(&file),
        vec![format!(
            "reindex entry {at} differs from interning the packages afresh"
        )]
    );

    // Two global entries swapped: not canonical.
    let mut bad = Index {
        load_order: index.load_order.clone(),
        global: index.global.clone(),
        reindex_starts: index.reindex_starts.clone(),
        reindex: index.reindex.clone(),
    };
    bad.global.swap(3, 4);
    let file = with_index(&files, &bad);
    assert_eq!(
        messages(&file),
        vec!["global root table differs from interning the packages afresh".to_owned()]
    );

    // A duplicated global value (a later root appended again).
    let mut bad = Index {
        load_order: index.load_order.clone(),
        global: index.global.clone(),
        reindex_starts: index.reindex_starts.clone(),
        reindex: index.reindex.clone(),
    };
    let last = *bad.global.last().unwrap();
    bad.global.push(last);
    assert!(!messages(&with_index(&files, &bad)).is_empty());
}
