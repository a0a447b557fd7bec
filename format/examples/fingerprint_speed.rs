//! Times root fingerprinting of every root of some images, the hand-written
//! batched BLAKE3 of `root::fingerprint_many` against the `blake3` crate
//! (one `Hasher` per root), on one and on two threads. The numbers in
//! ARCHITECTURE.md ("Fingerprints") come from this, on the bench small set:
//!
//! ```text
//! cargo run --release -p pcache-format --example fingerprint_speed -- target/bench-data/small/images/*.pci
//! ```

use std::time::Instant;

use pcache_format::hash::fingerprint::{self as root, Fingerprint, FINGERPRINT_CONTEXT};
use pcache_format::read::image::ImageFile;
use rayon::prelude::*;

fn crate_fingerprint(kind: u8, bytes: &[u8]) -> Fingerprint {
    let mut hasher = blake3::Hasher::new_derive_key(FINGERPRINT_CONTEXT);
    hasher.update(&[kind]);
    hasher.update(bytes);
    let mut out = [0u8; 16];
    hasher.finalize_xof().fill(&mut out);
    out
}

fn crate_fingerprint_keyed(
    key: &blake3::hazmat::ContextKey,
    kind: u8,
    bytes: &[u8],
) -> Fingerprint {
    use blake3::hazmat::HasherExt;
    let mut hasher = blake3::Hasher::new_from_context_key(key);
    hasher.update(&[kind]);
    hasher.update(bytes);
    let mut out = [0u8; 16];
    hasher.finalize_xof().fill(&mut out);
    out
}

fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::MAX;
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let v = f();
        best = best.min(t.elapsed().as_secs_f64());
        last = Some(v);
    }
    (best, last.unwrap())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let files = ImageFile::open_all(&paths)?;
    let mut inputs: Vec<(u8, &[u8])> = Vec::new();
    for f in &files {
        let image = f.image()?;
        for p in &image.packages {
            let roots = p.roots()?;
            for i in 0..roots.len() {
                inputs.push(roots.raw(i)?);
            }
        }
    }
    let bytes: usize = inputs.iter().map(|(_, b)| b.len() + 1).sum();
    println!(
        "{} roots, {} bytes of encodings, {} files",
        inputs.len(),
        bytes,
        files.len()
    );
    let key = blake3::hazmat::hash_derive_key_context(FINGERPRINT_CONTEXT);
    let report = |what: &str, s: f64| {
        println!(
            "{what:<58} {:8.1} ms  {:6.1} M roots/s",
            s * 1e3,
            inputs.len() as f64 / s / 1e6
        )
    };
    let chunk = 4096;
    let (s, hand) = best(5, || {
        let mut out = Vec::with_capacity(inputs.len());
        root::fingerprint_many(&inputs, &mut out);
        out
    });
    report("hand-written, batched (fingerprint_many), 1 thread", s);
    let (s, one) = best(5, || {
        inputs
            .iter()
            .map(|&(k, b)| root::fingerprint(k, b))
            .collect::<Vec<_>>()
    });
    report(
        "hand-written, one root at a time (fingerprint), 1 thread",
        s,
    );
    let (s, crate1) = best(5, || {
        inputs
            .iter()
            .map(|&(k, b)| crate_fingerprint_keyed(&key, k, b))
            .collect::<Vec<_>>()
    });
    report("blake3 crate, context key hashed once, 1 thread", s);
    let (s, crate0) = best(5, || {
        inputs
            .iter()
            .map(|&(k, b)| crate_fingerprint(k, b))
            .collect::<Vec<_>>()
    });
    report("blake3 crate, new_derive_key per root, 1 thread", s);
    let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build()?;
    let (s, hand2) = best(5, || {
        pool.install(|| {
            inputs
                .par_chunks(chunk)
                .flat_map_iter(|c| {
                    let mut out = Vec::with_capacity(c.len());
                    root::fingerprint_many(c, &mut out);
                    out
                })
                .collect::<Vec<_>>()
        })
    });
    report("hand-written, batched, 2 threads", s);
    let (s, crate2) = best(5, || {
        pool.install(|| {
            inputs
                .par_iter()
                .map(|&(k, b)| crate_fingerprint_keyed(&key, k, b))
                .collect::<Vec<_>>()
        })
    });
    report("blake3 crate, context key hashed once, 2 threads", s);
    assert!(hand == one && hand == crate1 && hand == crate0 && hand == hand2 && hand == crate2);
    println!("all six agree");
    Ok(())
}
