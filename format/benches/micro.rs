//! Micro-benchmarks of the hot paths: interning, reindexing, validation,
//! the invalidation analysis and diff-like comparison, on a synthetic
//! ecosystem made in memory
//! (8 packages × 20k roots). Run with `cargo bench -p pcache-format`.

use std::sync::OnceLock;

use divan::{black_box, Bencher};
use pcache_format::hash::fingerprint;
use pcache_format::merge::merged_bytes;
use pcache_format::progress::Silent;
use pcache_format::read::image::ImageFile;
use pcache_format::session::{Session, SessionOptions};
use pcache_format::verify::{verify_file, verify_file_with, VerifyOptions};
use pcache_testkit::synth::{Ecosystem, SynthOptions};

fn main() {
    divan::main();
}

struct Data {
    /// Single-package images.
    images: Vec<ImageFile>,
    /// Their merged image.
    merged: ImageFile,
    /// The merged image of all packages but the last.
    merged_less: ImageFile,
}

fn data() -> &'static Data {
    static DATA: OnceLock<Data> = OnceLock::new();
    DATA.get_or_init(|| {
        let eco = Ecosystem::new(SynthOptions {
            packages: 8,
            roots: 20_000,
            payload: 0.05,
            seed: 11,
        });
        let images: Vec<ImageFile> = (0..eco.len())
            .map(|i| ImageFile::from_bytes(format!("{i}.pci"), &eco.image(i).unwrap()))
            .collect();
        let merge = |files: &[ImageFile]| {
            let s = Session::load(files, SessionOptions::default()).unwrap();
            ImageFile::from_bytes("merged.pci", &merged_bytes(&s, files).unwrap())
        };
        let merged = merge(&images);
        let merged_less = merge(&images[..images.len() - 1]);
        Data {
            images,
            merged,
            merged_less,
        }
    })
}

/// Interning every root of the separate images into one global table.
#[divan::bench]
fn intern_separate_images(b: Bencher) {
    let d = data();
    b.bench(|| {
        let s = Session::load_interning(&d.images, SessionOptions::default()).unwrap();
        black_box(s.global_len())
    });
}

/// Opening a merged image's stored index (no interning).
#[divan::bench]
fn open_merged_session(b: Bencher) {
    let d = data();
    b.bench(|| {
        let s = Session::load(std::slice::from_ref(&d.merged), SessionOptions::default()).unwrap();
        black_box(s.global_len())
    });
}

/// Reindexing: local → global for every root of every package.
#[divan::bench]
fn reindex_every_root(b: Bencher) {
    let d = data();
    let s = Session::load(std::slice::from_ref(&d.merged), SessionOptions::default()).unwrap();
    b.bench(|| {
        let mut sum = 0u64;
        for (p, pkg) in s.packages().iter().enumerate() {
            for i in 0..pkg.roots.len() {
                sum += s.global_index(p, i).unwrap() as u64;
            }
        }
        black_box(sum)
    });
}

/// Building the index section of a session.
#[divan::bench]
fn build_index_section(b: Bencher) {
    let d = data();
    let s = Session::load_interning(&d.images, SessionOptions::default()).unwrap();
    b.bench(|| black_box(s.index().reindex.len()));
}

/// Default verification (integrity and structure) of the merged image.
#[divan::bench]
fn verify_merged_structure(b: Bencher) {
    let d = data();
    b.bench(|| {
        let r = verify_file_with(&d.merged, VerifyOptions { deep: false }, &Silent);
        assert!(r.problems.is_empty());
        black_box(r.packages.len())
    });
}

/// The invalidation analysis of all packages, sliced (what merge runs).
#[divan::bench]
fn analyze_invalidations(b: Bencher) {
    let d = data();
    let s = Session::load(std::slice::from_ref(&d.merged), SessionOptions::default()).unwrap();
    b.bench(|| {
        let outcome = pcache_format::invalidation::analyze(s.packages(), s.load_order()).unwrap();
        black_box(outcome.record.entries.len())
    });
}

/// Full (deep) verification of the merged image.
#[divan::bench]
fn verify_merged(b: Bencher) {
    let d = data();
    b.bench(|| {
        let r = verify_file(&d.merged);
        assert!(r.problems.is_empty());
        black_box(r.packages.len())
    });
}

/// Recomputing every root fingerprint of one package (batched).
#[divan::bench]
fn fingerprints_one_package(b: Bencher) {
    let d = data();
    let image = d.images[1].image().unwrap();
    let roots = image.packages[0].roots().unwrap();
    let inputs: Vec<(u8, &[u8])> = (0..roots.len()).map(|i| roots.raw(i).unwrap()).collect();
    let mut out = Vec::with_capacity(inputs.len());
    b.bench_local(|| {
        out.clear();
        fingerprint::fingerprint_many(&inputs, &mut out);
        black_box(out.len())
    });
}

/// rkyv validation of every part of every package of the merged image.
#[divan::bench]
fn validate_parts(b: Bencher) {
    let d = data();
    b.bench(|| {
        let image = d.merged.image().unwrap();
        for p in &image.packages {
            p.meta().unwrap();
            p.roots().unwrap();
            p.defs().unwrap();
            p.code().unwrap();
        }
        black_box(image.index().unwrap().is_some())
    });
}

/// Diff-like comparison of two merged images one package apart: match
/// packages by uuid, compare build ids, and compare root tables of
/// packages whose sections differ (first differing root).
#[divan::bench]
fn diff_like_compare(b: Bencher) {
    let d = data();
    b.bench(|| {
        let a = d.merged.image().unwrap();
        let c = d.merged_less.image().unwrap();
        let mut changed = 0;
        let mut firsts = 0usize;
        for pa in &a.packages {
            match c.packages.binary_search_by_key(&pa.uuid, |p| p.uuid) {
                Ok(k) if c.packages[k].build_id == pa.build_id => {}
                Ok(k) => {
                    let (ra, rc) = (pa.roots().unwrap(), c.packages[k].roots().unwrap());
                    let fa = &ra.roots.fingerprints;
                    let fc = &rc.roots.fingerprints;
                    firsts += fa.iter().zip(fc.iter()).take_while(|(x, y)| x == y).count();
                    changed += 1;
                }
                Err(_) => changed += 1,
            }
        }
        // Global tables: how much of the shorter one is a common prefix.
        let (ia, ic) = (a.index().unwrap().unwrap(), c.index().unwrap().unwrap());
        let common = ia
            .reindex
            .iter()
            .zip(ic.reindex.iter())
            .take_while(|(x, y)| x == y)
            .count();
        black_box((changed, firsts, common))
    });
}
