//! The fuzz targets of `pcache_format::fuzzing` under plain `cargo test`:
//! each runs on the checked-in seed corpus, on every crash input found so far
//! (`fuzz/regressions/<target>/`), and on a few hundred seeded inputs.

mod support;

use std::path::PathBuf;

use pcache_format::fuzzing;

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
    let mut state = 0x1234_5678_u64;
    for _ in 0..300 {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let mut data = seed.clone();
        let at = (state >> 33) as usize % data.len();
        match state % 3 {
            0 => data[at] ^= 1 << ((state >> 8) % 8),
            1 => data[at] = (state >> 16) as u8,
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
