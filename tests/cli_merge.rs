//! `pcache merge` through the real binary: order and grouping independence,
//! append-only growth, conflicts, stale pins, missing dependencies, cycles,
//! and the reindex vectors of what it writes.

use crate::common;

use std::path::{Path, PathBuf};

use arbitrary::{Arbitrary, Unstructured};
use common::{merge, verify, write_image};
use pcache_format::model::root::RootKey;
use pcache_format::model::{BuildId, Root};
use pcache_format::read::image::ImageFile;
use pcache_format::session::{Session, SessionOptions};
use pcache_testkit::arbitrary_ecosystem::MergeCase;
use pcache_testkit::demo;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

fn demo_images(dir: &Path) -> Vec<PathBuf> {
    demo::ecosystem()
        .iter()
        .map(|p| write_image(dir, &p.name, p))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 24,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    /// Generated ecosystems (with older prefix builds among the inputs)
    /// merged by the binary in two random orders and groupings: same bytes,
    /// equal to the library's merge, and the result verifies.
    #[test]
    fn merge_order_and_grouping_do_not_matter(data in proptest::collection::vec(any::<u8>(), 0..2500)) {
        let Ok(case) = MergeCase::arbitrary(&mut Unstructured::new(&data)) else { return Ok(()) };
        let dir = tempfile::tempdir().unwrap();
        let inputs: Vec<PathBuf> = case.images.iter().enumerate().map(|(i, bytes)| {
            let p = dir.path().join(format!("in{i}.pci"));
            std::fs::write(&p, bytes).unwrap();
            p
        }).collect();
        let mut outputs = Vec::new();
        for (name, groups) in [("first", &case.first), ("second", &case.second)] {
            let mut parts = Vec::new();
            for (g, group) in groups.iter().enumerate() {
                let out = dir.path().join(format!("{name}-part{g}.pci"));
                let ins: Vec<&Path> = group.iter().map(|&i| inputs[i].as_path()).collect();
                merge(&ins, &out, &[]).expect(0);
                parts.push(out);
            }
            let out = dir.path().join(format!("{name}.pci"));
            merge(&parts.iter().map(|p| p.as_path()).collect::<Vec<_>>(), &out, &[]).expect(0);
            verify(&out).expect(0);
            outputs.push(std::fs::read(&out).unwrap());
        }
        prop_assert!(outputs[0] == outputs[1], "two orders/groupings gave different files");
        prop_assert!(outputs[0] == case.merge_grouped(&case.first).unwrap(), "binary and library differ");
    }
}

#[test]
fn demo_merges_identically_in_every_order() {
    let dir = tempfile::tempdir().unwrap();
    let [a, b, c] = <[PathBuf; 3]>::try_from(demo_images(dir.path())).unwrap();
    let mut results = Vec::new();
    for (i, order) in [
        [&a, &b, &c],
        [&a, &c, &b],
        [&b, &a, &c],
        [&b, &c, &a],
        [&c, &a, &b],
        [&c, &b, &a],
    ]
    .iter()
    .enumerate()
    {
        let out = dir.path().join(format!("m{i}.pci"));
        merge(&order.map(|p| p.as_path()), &out, &["--complete"]).expect(0);
        results.push(std::fs::read(&out).unwrap());
    }
    // Grouped: (c (b a)) and ((a c) b), and merging a merged image again.
    let ba = dir.path().join("ba.pci");
    merge(&[&b, &a], &ba, &[]).expect(0);
    let g1 = dir.path().join("g1.pci");
    merge(&[&c, &ba], &g1, &[]).expect(0);
    let ac = dir.path().join("ac.pci");
    merge(&[&a, &c], &ac, &[]).expect(0);
    let g2 = dir.path().join("g2.pci");
    merge(&[&ac, &b, &g1], &g2, &[]).expect(0);
    results.push(std::fs::read(&g1).unwrap());
    results.push(std::fs::read(&g2).unwrap());
    assert!(results.windows(2).all(|w| w[0] == w[1]));
}

/// Blackjack grown: the old root table plus two roots and a code instance.
fn blackjack_grown() -> pcache_format::Package {
    let mut p = demo::blackjack();
    p.roots.push(Root::Str("Blackjack!".into()));
    p.roots.push(Root::Int(11));
    let mut ci = p.code[1].clone();
    ci.spec = "Tuple{typeof(tallyscores), Vector{Int}}".into();
    ci.roots = vec![8, 9, 2];
    p.code.push(ci);
    p
}

#[test]
fn prefix_growth_is_accepted_and_the_longer_wins_in_any_order() {
    let dir = tempfile::tempdir().unwrap();
    let base = write_image(dir.path(), "Base", &demo::base());
    let old = write_image(dir.path(), "Blackjack-old", &demo::blackjack());
    let new = write_image(dir.path(), "Blackjack-new", &blackjack_grown());
    let want = dir.path().join("want.pci");
    merge(&[&base, &new], &want, &[]).expect(0);
    let want = std::fs::read(&want).unwrap();
    for (i, order) in [
        vec![&base, &old, &new],
        vec![&new, &old, &base],
        vec![&old, &base, &new],
    ]
    .into_iter()
    .enumerate()
    {
        let out = dir.path().join(format!("out{i}.pci"));
        merge(
            &order.iter().map(|p| p.as_path()).collect::<Vec<_>>(),
            &out,
            &[],
        )
        .expect(0);
        assert!(std::fs::read(&out).unwrap() == want, "order {i}");
    }
    // A merged image holding the old build, merged with the new one.
    let old_merged = dir.path().join("old-merged.pci");
    merge(&[&base, &old], &old_merged, &[]).expect(0);
    let out = dir.path().join("grown.pci");
    merge(&[&old_merged, &new], &out, &[]).expect(0);
    assert!(std::fs::read(&out).unwrap() == want);
}

#[test]
fn divergence_is_rejected_naming_package_and_first_differing_index() {
    let dir = tempfile::tempdir().unwrap();
    let a = write_image(dir.path(), "a", &blackjack_grown());
    let mut other = demo::blackjack();
    other.roots[5] = Root::Type("Vector{Int}".into());
    let b = write_image(dir.path(), "b", &other);
    for order in [[&a, &b], [&b, &a]] {
        let out = dir.path().join("out.pci");
        let run = merge(&order.map(|p| p.as_path()), &out, &[]).expect(1);
        assert!(
            run.stderr.contains("conflict")
                && run.stderr.contains("Blackjack")
                && run.stderr.contains(&demo::BLACKJACK.to_string())
                && run.stderr.contains("first differing root index 5")
                && run.stderr.contains("Vector{Any}")
                && run.stderr.contains("Vector{Int}"),
            "{}",
            run.stderr
        );
        assert!(!out.exists(), "a failed merge wrote its output");
    }
    // Equal root tables, different code: also a conflict.
    let mut same_roots = demo::blackjack();
    same_roots.code[0].payload.0.push(0);
    let c = write_image(dir.path(), "c", &same_roots);
    let d = write_image(dir.path(), "d", &demo::blackjack());
    let run = merge(&[&c, &d], &dir.path().join("out.pci"), &[]).expect(1);
    assert!(run.stderr.contains("Blackjack") && run.stderr.contains("equal root tables"));
    // Different versions of the same uuid.
    let mut v2 = blackjack_grown();
    v2.version = "0.2.0".into();
    let e = write_image(dir.path(), "e", &v2);
    let run = merge(&[&d, &e], &dir.path().join("out.pci"), &[]).expect(1);
    assert!(
        run.stderr.contains("version \"0.2.0\" vs \"0.1.0\""),
        "{}",
        run.stderr
    );
}

#[test]
fn stale_pin_is_rejected_naming_both_packages() {
    let dir = tempfile::tempdir().unwrap();
    let old_base = pcache_format::write::section::package_section(&demo::base()).unwrap();
    let old_id = BuildId(*blake3::hash(&old_base).as_bytes());
    let mut new_base = demo::base();
    new_base.roots.push(Root::Sym("push!".into()));
    let mut bj = demo::blackjack();
    bj.deps[0].build_id = Some(old_id);
    let base = write_image(dir.path(), "Base", &new_base);
    let bj = write_image(dir.path(), "Blackjack", &bj);
    let out = dir.path().join("out.pci");
    let run = merge(&[&bj, &base], &out, &[]).expect(1);
    assert!(
        run.stderr.contains("stale")
            && run.stderr.contains("Blackjack")
            && run.stderr.contains("Base")
            && run.stderr.contains(&old_id.to_hex()),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
    // verify over both files reports it too.
    let run = common::pcache(["verify".as_ref(), bj.as_os_str(), base.as_os_str()]).expect(1);
    assert!(run.stdout.contains("stale"), "{}", run.stdout);
    // Pinned to the present build: fine.
    let old_base_img = write_image(dir.path(), "Base-old", &demo::base());
    merge(&[&bj, &old_base_img], &out, &["--complete"]).expect(0);
    verify(&out).expect(0);
}

#[test]
fn missing_dependency_fails_only_with_complete() {
    let dir = tempfile::tempdir().unwrap();
    let bj = write_image(dir.path(), "Blackjack", &demo::blackjack());
    let fc = write_image(dir.path(), "Facecards", &demo::facecards());
    let out = dir.path().join("out.pci");
    let run = merge(&[&bj, &fc], &out, &["--complete"]).expect(1);
    assert!(
        run.stderr.contains("missing dependency")
            && run.stderr.contains("Blackjack")
            && run.stderr.contains("Base")
            && run.stderr.contains(&demo::BASE.to_string()),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
    merge(&[&bj, &fc], &out, &[]).expect(0);
    verify(&out).expect(0);
}

#[test]
fn dependency_cycle_is_rejected_naming_the_cycle() {
    let dir = tempfile::tempdir().unwrap();
    let mut base = demo::base();
    base.deps.push(pcache_format::model::Dep {
        uuid: demo::FACECARDS,
        name: "BlackjackFacecards".into(),
        build_id: None,
    });
    let paths = [
        write_image(dir.path(), "Base", &base),
        write_image(dir.path(), "Blackjack", &demo::blackjack()),
        write_image(dir.path(), "Facecards", &demo::facecards()),
    ];
    let out = dir.path().join("out.pci");
    let run = merge(&paths.each_ref().map(|p| p.as_path()), &out, &[]).expect(1);
    assert!(
        run.stderr.contains("dependency cycle")
            && run.stderr.contains("Base")
            && run.stderr.contains("BlackjackFacecards")
            && run.stderr.contains(" -> "),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
}

#[test]
fn merged_reindex_vectors_resolve_every_root() {
    let dir = tempfile::tempdir().unwrap();
    let paths = demo_images(dir.path());
    let mut packages = demo::ecosystem();
    let grown = blackjack_grown();
    let grown_path = write_image(dir.path(), "grown", &grown);
    packages[1] = grown;
    let out = dir.path().join("out.pci");
    merge(
        &[&paths[2], &grown_path, &paths[1], &paths[0]],
        &out,
        &["--complete"],
    )
    .expect(0);
    let files = vec![ImageFile::open(&out).unwrap()];
    for session in [
        Session::load(&files, SessionOptions::default()).unwrap(),
        Session::load_interning(&files, SessionOptions::default()).unwrap(),
    ] {
        let mut resolved = 0;
        for pkg in &packages {
            let p = session.find(pkg.uuid).expect("present");
            for (i, root) in pkg.roots.iter().enumerate() {
                let g = session.global_index(p, i).unwrap();
                assert_eq!(
                    RootKey::of(&session.global_root(g).unwrap()),
                    RootKey::of(root),
                    "{} root {i}",
                    pkg.name
                );
                resolved += 1;
            }
        }
        assert_eq!(resolved, 6 + 10 + 6);
        // Shared values are stored once: type Vector{Any} (Base and
        // Blackjack), :score and 21 (Blackjack and Facecards).
        assert_eq!(session.global_len(), resolved - 3);
    }
}

#[test]
fn unwritable_output_exits_2_and_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let base = write_image(dir.path(), "Base", &demo::base());
    let missing = dir.path().join("no-such-dir").join("out.pci");
    let run = merge(&[&base], &missing, &[]).expect(2);
    assert!(run.stderr.contains("no-such-dir"), "{}", run.stderr);
    // The output path is a directory: the rename fails, the temp file goes.
    let as_dir = dir.path().join("out.pci");
    std::fs::create_dir(&as_dir).unwrap();
    let run = merge(&[&base], &as_dir, &[]).expect(2);
    assert!(run.stderr.contains("out.pci"), "{}", run.stderr);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.starts_with(".pcache-tmp-")),
        "a failed write left {names:?}"
    );
    // An unknown major version is a malformed input (1, the exit-status
    // table of every command), naming both versions: an image of the
    // previous format (2.0, before the package model of format 3) and one
    // of a future format.
    let mut bytes = std::fs::read(&base).unwrap();
    bytes[8] = 2;
    let old = dir.path().join("v2.pci");
    std::fs::write(&old, &bytes).unwrap();
    let run = merge(&[&old], &dir.path().join("o.pci"), &[]).expect(1);
    assert!(
        run.stderr.contains("format 2.0")
            && run.stderr.contains("3.x")
            && run.stderr.contains("older"),
        "{}",
        run.stderr
    );
    bytes[8] = 4;
    let v2 = dir.path().join("v4.pci");
    std::fs::write(&v2, &bytes).unwrap();
    let run = merge(&[&v2], &dir.path().join("o.pci"), &[]).expect(1);
    assert!(
        run.stderr.contains("format 4.0") && run.stderr.contains("3.x"),
        "{}",
        run.stderr
    );
}
