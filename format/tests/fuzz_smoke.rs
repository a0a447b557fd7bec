//! The fuzz targets of `pcache_testkit::fuzzing` under plain `cargo test`:
//! each runs on the checked-in seed corpus, on every crash input found so far
//! (`fuzz/regressions/<target>/`), and on a few hundred seeded inputs.

use crate::support;

use std::path::PathBuf;

use pcache_testkit::fuzzing;
use pcache_testkit::random::Rng;

fn dir(parts: &[&str]) -> PathBuf {
    let mut d = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("fuzz");
    for p in parts {
        d.push(p);
    }
    d
}

/// Runs `target` on every file of `fuzz/corpus/<name>` and
/// `fuzz/regressions/<name>`; returns how many there were.
fn run_files(name: &str, target: fn(&[u8])) -> usize {
    let mut n = 0;
    for sub in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(dir(&[sub, name])) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.file_name().unwrap() == ".keep" {
                continue;
            }
            let data = std::fs::read(&path).unwrap();
            eprintln!("{}", path.display());
            target(&data);
            n += 1;
        }
    }
    n
}

#[test]
fn image_bytes_seeds_and_mutations() {
    assert!(run_files("image_bytes", fuzzing::image_bytes) >= 4);
    fuzzing::smoke(fuzzing::image_bytes, 1, 200, 512);
    // Mutations of a real merged image: flips, overwrites, truncations.
    let seed = std::fs::read(dir(&["corpus", "image_bytes", "seed-merged.pci"])).unwrap();
    let mut rng = Rng::new(&[0x1234_5678]);
    for _ in 0..300 {
        let mut data = seed.clone();
        let at = rng.below(data.len() as u64) as usize;
        match rng.below(3) {
            0 => data[at] ^= 1 << rng.below(8),
            1 => data[at] = rng.below(256) as u8,
            _ => data.truncate(at),
        }
        fuzzing::image_bytes(&data);
        // The same mutation with checksums recomputed, so that it reaches
        // the structural checks (as under cfg(fuzzing)).
        if data.len() >= 64 {
            support::reseal(&mut data);
            fuzzing::image_bytes(&data);
        }
    }
}

#[test]
fn merge_orders_smoke() {
    run_files("merge_orders", fuzzing::merge_orders);
    fuzzing::smoke(fuzzing::merge_orders, 2, 200, 2048);
}

#[test]
fn round_trip_smoke() {
    assert!(run_files("round_trip", fuzzing::round_trip) >= 3);
    fuzzing::smoke(fuzzing::round_trip, 3, 300, 2048);
}

/// Rewrites the image seeds of `fuzz/corpus/image_bytes` in the current
/// format (run after a format change:
/// `cargo test -p pcache-format --test fuzz_smoke -- --ignored regenerate`).
#[test]
#[ignore]
fn regenerate_image_seeds() {
    use arbitrary::{Arbitrary, Unstructured};
    use pcache_format::{merge, read::image::ImageFile, session, write::section::image_bytes};
    use pcache_testkit::demo;
    let out = dir(&["corpus", "image_bytes"]);
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
        let eco = fuzzing::ArbitraryEcosystem::arbitrary(&mut Unstructured::new(&data)).unwrap();
        let pkg = eco.packages().pop().unwrap();
        write(&format!("seed-gen{k}.pci"), &image_bytes(&pkg).unwrap());
    }
    let mut m = all.clone();
    m[24] = 0xff; // section count
    support::reseal(&mut m);
    write("seed-mut-count.pci", &m);
    let mut m = all.clone();
    m[200] ^= 0x10;
    write("seed-mut-flip200.pci", &m);
    let mut m = all.clone();
    let image = pcache_format::read::image::Image::parse(&all).unwrap();
    let (roots, start) = image.packages[1].part_bytes(1);
    let at = image.packages[1].file_offset as usize + start + roots.len() / 2;
    m[at] ^= 0x55;
    support::reseal(&mut m);
    write("seed-mut-roots.pci", &m);
    write("seed-mut-trunc.pci", &all[..all.len() / 2]);
}
