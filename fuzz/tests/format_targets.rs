//! The format's targets (`image_bytes`, `merge_orders`, `round_trip`) on
//! their seeds and crash inputs, a few hundred seeded inputs each, and
//! mutations of a real merged image.

use pcache_fuzz::{image_bytes, merge_orders, round_trip};
use pcache_testkit::random::Rng;
use pcache_testkit::reseal::reseal;

use crate::{fuzz_dir, run_files, run_seeded};

#[test]
fn image_bytes_seeds_and_mutations() {
    assert!(run_files("image_bytes", image_bytes::run) >= 4);
    run_seeded(image_bytes::run, 1, 200, 512);
    // Mutations of a real merged image: flips, overwrites, truncations.
    let seed = std::fs::read(fuzz_dir(&["corpus", "image_bytes", "seed-merged.pci"])).unwrap();
    let mut rng = Rng::new(&[0x1234_5678]);
    for _ in 0..300 {
        let mut data = seed.clone();
        let at = rng.below(data.len() as u64) as usize;
        match rng.below(3) {
            0 => data[at] ^= 1 << rng.below(8),
            1 => data[at] = rng.below(256) as u8,
            _ => data.truncate(at),
        }
        image_bytes::run(&data);
        // The same mutation with checksums recomputed, so that it reaches
        // the structural checks (as under cfg(fuzzing)).
        if data.len() >= 64 {
            reseal(&mut data);
            image_bytes::run(&data);
        }
    }
}

#[test]
fn merge_orders_smoke() {
    assert!(run_files("merge_orders", merge_orders::run) >= 4);
    run_seeded(merge_orders::run, 2, 200, 2048);
}

#[test]
fn round_trip_smoke() {
    assert!(run_files("round_trip", round_trip::run) >= 3);
    run_seeded(round_trip::run, 3, 300, 2048);
}

/// Rewrites the image seeds of `fuzz/corpus/image_bytes` in the current
/// format (run after a format change:
/// `cargo test -p pcache-fuzz -- --ignored regenerate`).
#[test]
#[ignore]
fn regenerate_image_seeds() {
    use arbitrary::{Arbitrary, Unstructured};
    use pcache_format::{merge, read::image::ImageFile, session, write::section::image_bytes};
    use pcache_testkit::arbitrary_ecosystem::ArbitraryEcosystem;
    use pcache_testkit::demo;
    let out = fuzz_dir(&["corpus", "image_bytes"]);
    let write = |name: &str, bytes: &[u8]| std::fs::write(out.join(name), bytes).unwrap();
    let merged = |pkgs: &[pcache_format::Package]| {
        let files: Vec<ImageFile> = pkgs
            .iter()
            .map(|p| ImageFile::from_bytes(&p.name, &image_bytes(p).unwrap()))
            .collect();
        let s = session::Session::load(&files, Default::default()).unwrap();
        merge::merged_bytes(&s, &files).unwrap()
    };
    write("seed-base.pci", &image_bytes(&demo::base()).unwrap());
    write(
        "seed-blackjack.pci",
        &image_bytes(&demo::blackjack()).unwrap(),
    );
    let all = merged(&demo::ecosystem());
    write("seed-merged.pci", &all);
    write(
        "seed-merged-two.pci",
        &merged(&[demo::base(), demo::blackjack()]),
    );
    for k in 0..6u8 {
        let data: Vec<u8> = (0..3000u32)
            .map(|i| (i as u8).wrapping_mul(31).wrapping_add(k * 17))
            .collect();
        let eco = ArbitraryEcosystem::arbitrary(&mut Unstructured::new(&data)).unwrap();
        let pkg = eco.packages().pop().unwrap();
        write(&format!("seed-gen{k}.pci"), &image_bytes(&pkg).unwrap());
    }
    let mut m = all.clone();
    m[24] = 0xff; // section count
    reseal(&mut m);
    write("seed-mut-count.pci", &m);
    let mut m = all.clone();
    m[200] ^= 0x10;
    write("seed-mut-flip200.pci", &m);
    let mut m = all.clone();
    let image = pcache_format::read::image::Image::parse(&all).unwrap();
    let (roots, start) = image.packages[1].part_bytes(1);
    let at = image.packages[1].file_offset as usize + start + roots.len() / 2;
    m[at] ^= 0x55;
    reseal(&mut m);
    write("seed-mut-roots.pci", &m);
    write("seed-mut-trunc.pci", &all[..all.len() / 2]);
}
