//! Merging to a file: the same bytes as merging in memory, a damaged
//! section refused with nothing left behind (moved from `merge.rs`'s unit
//! tests, which needed the synthetic ecosystem of the test kit).

use pcache_format::merge::{merge_files, merged_bytes};
use pcache_format::read::image::ImageFile;
use pcache_format::session::{Session, SessionOptions};
use pcache_testkit::synth::{Ecosystem, SynthOptions};

fn images() -> Vec<Vec<u8>> {
    let eco = Ecosystem::new(SynthOptions {
        packages: 5,
        roots: 500,
        payload: 0.05,
        seed: 9,
    });
    (0..eco.len()).map(|i| eco.image(i).unwrap()).collect()
}

fn files(images: &[Vec<u8>]) -> Vec<ImageFile> {
    images
        .iter()
        .enumerate()
        .map(|(i, b)| ImageFile::from_bytes(format!("{i}.pci"), b))
        .collect()
}

#[test]
fn overlapped_file_merge_equals_in_memory_merge() {
    let files = files(&images());
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("m.pci");
    merge_files(&files, SessionOptions::default(), &out).unwrap();
    let session = Session::load(&files, SessionOptions::default()).unwrap();
    assert_eq!(
        std::fs::read(&out).unwrap(),
        merged_bytes(&session, &files).unwrap()
    );
    // Merging the merged image again uses its stored index: same bytes.
    let again = dir.path().join("again.pci");
    let merged = [ImageFile::open(&out).unwrap()];
    merge_files(&merged, SessionOptions::default(), &again).unwrap();
    assert_eq!(std::fs::read(&again).unwrap(), std::fs::read(&out).unwrap());
}

#[test]
fn damaged_section_is_refused_and_nothing_is_left_behind() {
    let mut bytes = images();
    let image = pcache_format::read::image::Image::parse(&bytes[2]).unwrap();
    let view = image.packages[0];
    let (code, start) = view.part_bytes(3);
    let at = view.file_offset as usize + start + code.len() / 2;
    bytes[2][at] ^= 0x40;
    let files = files(&bytes);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("m.pci");
    let e = merge_files(&files, SessionOptions::default(), &out).unwrap_err();
    assert!(e.message().contains("section checksum mismatch"), "{e}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
