//! The fuzz targets under plain `cargo test` on stable, as one binary: each
//! runs on its checked-in seeds (`corpus/<target>/`), on every crash input
//! found so far (`regressions/<target>/`) and on seeded inputs.

mod format_targets;
mod type_query;

use std::path::PathBuf;

use pcache_testkit::random::Rng;

/// A path under the fuzz crate's directory.
fn fuzz_dir(parts: &[&str]) -> PathBuf {
    let mut d = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    for p in parts {
        d.push(p);
    }
    d
}

/// Runs `target` on every file of `corpus/<name>` and `regressions/<name>`;
/// returns how many there were.
fn run_files(name: &str, target: fn(&[u8])) -> usize {
    let mut n = 0;
    for sub in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(fuzz_dir(&[sub, name])) else {
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

/// Runs `target` on `cases` random inputs of up to `max_len` bytes from the
/// stream named by `seed`.
fn run_seeded(target: fn(&[u8]), seed: u64, cases: usize, max_len: usize) {
    let mut rng = Rng::new(&[seed]);
    for _ in 0..cases {
        let len = rng.below(max_len as u64 + 1) as usize;
        target(&rng.bytes(len));
    }
}
