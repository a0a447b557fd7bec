//! Properties of merging, over random ecosystems (the generator of
//! `pcache_testkit::arbitrary_ecosystem`, driven by proptest's bytes so
//! failures shrink and persist in `proptest-regressions/`): packages with random uuids, roots of every kind
//! (unicode and empty text, NaNs with payloads, -0.0, large byte strings),
//! types, methods, code instances with in-range roots and edges, a
//! dependency DAG with some pinned build ids, random compile orders.

use std::collections::BTreeMap;

use arbitrary::{Arbitrary, Unstructured};
use pcache_format::model::root::RootKey;
use pcache_format::model::{MethodRef, Package, Root};
use pcache_format::read::image::{Image, ImageFile};
use pcache_format::session::{Session, SessionOptions};
use pcache_format::write;
use pcache_testkit::arbitrary_ecosystem::{
    self, grouping, merge_images, permutation, ArbitraryEcosystem,
};
use pcache_testkit::random::Rng;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use uuid::Uuid;

fn bytes() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<u8>(), 0..3000)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..ProptestConfig::default()
    }
}

fn images_of(packages: &[Package]) -> Vec<Vec<u8>> {
    packages
        .iter()
        .map(|p| write::section::image_bytes(p).expect("a generated package packs"))
        .collect()
}

fn merge(inputs: &[&Vec<u8>]) -> Vec<u8> {
    let inputs: Vec<&[u8]> = inputs.iter().map(|v| v.as_slice()).collect();
    merge_images(&inputs).expect("a generated ecosystem merges")
}

/// Identity of a code instance across builds: package, method, spec.
type CodeKey = (Uuid, MethodRef, String, Option<String>);

/// What every code instance of a merged image refers to, by value, resolved
/// through the global table. The keys identify code across builds; a later
/// semantic-id property can compare its own view of a merged image the same
/// way (add a function returning a map keyed by `CodeKey`).
fn resolved_code(merged: &[u8]) -> BTreeMap<CodeKey, Vec<Root>> {
    let files = vec![ImageFile::from_bytes("merged.pci", merged)];
    let session = Session::load(&files, SessionOptions::default()).expect("loads");
    let mut out = BTreeMap::new();
    for (p, loaded) in session.packages().iter().enumerate() {
        let pkg = loaded.view.to_package().expect("unpacks");
        for ci in &pkg.code {
            let values = ci
                .roots
                .iter()
                .map(|&i| {
                    let g = session.global_index(p, i as usize).expect("in range");
                    session.global_root(g).expect("resolves")
                })
                .collect();
            out.insert(
                (
                    pkg.uuid,
                    ci.method.clone(),
                    ci.spec.clone(),
                    ci.owner.clone(),
                ),
                values,
            );
        }
    }
    out
}

/// Root equality is equality of (kind, encoding): bit-exact for floats.
fn same_roots(a: &[Root], b: &[Root]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| RootKey::of(x) == RootKey::of(y))
}

proptest! {
    #![proptest_config(config())]

    /// Property 1: merge is commutative, associative and idempotent, byte for
    /// byte, and merging every single image in any order gives the same bytes.
    #[test]
    fn merge_is_commutative_associative_idempotent(data in bytes()) {
        let mut u = Unstructured::new(&data);
        let Ok(eco) = ArbitraryEcosystem::arbitrary(&mut u) else { return Ok(()) };
        let singles = images_of(&eco.packages());
        let order = permutation(&mut u, singles.len()).unwrap();
        // Three groups A, B, C (some possibly empty are skipped).
        let mut groups: [Vec<&Vec<u8>>; 3] = Default::default();
        for &i in &order {
            groups[u.int_in_range(0..=2usize).unwrap()].push(&singles[i]);
        }
        let all_in_order = merge(&order.iter().map(|&i| &singles[i]).collect::<Vec<_>>());
        let all_sorted = merge(&singles.iter().collect::<Vec<_>>());
        prop_assert!(all_in_order == all_sorted, "input order changed the bytes");
        let parts: Vec<Vec<u8>> = groups.iter().filter(|g| !g.is_empty()).map(|g| merge(g)).collect();
        for a in &parts {
            prop_assert!(&merge(&[a]) == a, "merge of one merged image is not itself");
            prop_assert!(&merge(&[a, a]) == a, "merge is not idempotent");
            for b in &parts {
                prop_assert!(merge(&[a, b]) == merge(&[b, a]), "merge is not commutative");
                let ab = merge(&[a, b]);
                prop_assert!(merge(&[&ab, a]) == ab, "re-merging a part changed the bytes");
                for c in &parts {
                    let left = merge(&[&merge(&[a, b]), c]);
                    let right = merge(&[a, &merge(&[b, c])]);
                    prop_assert!(left == right, "merge is not associative");
                }
            }
        }
        let mut grouped = Vec::new();
        let part_refs: Vec<&Vec<u8>> = parts.iter().collect();
        grouped.push(merge(&part_refs));
        prop_assert!(grouped[0] == all_sorted, "grouping changed the bytes");
    }

    /// Property 1 again, through `MergeCase`: older (prefix) builds among
    /// the inputs, random groupings of singles.
    #[test]
    fn grouped_merges_with_older_builds_agree(data in bytes()) {
        let mut u = Unstructured::new(&data);
        let Ok(case) = arbitrary_ecosystem::MergeCase::arbitrary(&mut u) else { return Ok(()) };
        let a = case.merge_grouped(&case.first).expect("merges");
        let b = case.merge_grouped(&case.second).expect("merges");
        prop_assert!(a == b);
        let flat: Vec<Vec<usize>> = vec![(0..case.images.len()).collect()];
        prop_assert!(case.merge_grouped(&flat).expect("merges") == a);
    }

    /// Property 2: a package compiled in two different orders, merged with
    /// the same other packages, leaves every code instance referring to the
    /// same values.
    #[test]
    fn compile_order_does_not_change_what_code_refers_to(data in bytes()) {
        let mut u = Unstructured::new(&data);
        let Ok(eco) = ArbitraryEcosystem::arbitrary(&mut u) else { return Ok(()) };
        // Rebuilding changes build ids: drop pins so dependents stay valid.
        let eco = eco.unpinned();
        let target = u.int_in_range(0..=eco.specs.len() - 1).unwrap();
        let spec = &eco.specs[target];
        let order1 = permutation(&mut u, spec.code.len()).unwrap();
        let order2 = permutation(&mut u, spec.code.len()).unwrap();
        let build = |order: &[usize]| {
            let packages = eco.packages_with(|s| {
                if s.uuid == spec.uuid { s.compile(order) } else { s.compile_all() }
            });
            let singles = images_of(&packages);
            merge(&singles.iter().collect::<Vec<_>>())
        };
        let (m1, m2) = (build(&order1), build(&order2));
        let (r1, r2) = (resolved_code(&m1), resolved_code(&m2));
        prop_assert_eq!(r1.len(), r2.len());
        for ((k1, v1), (k2, v2)) in r1.iter().zip(&r2) {
            prop_assert_eq!(k1, k2);
            prop_assert!(same_roots(v1, v2), "code {:?} refers to {:?} vs {:?}", k1, v1, v2);
        }
        // And to the values its package's source says.
        for s in &eco.specs {
            for c in &s.code {
                let got = &r1[&(s.uuid, c.method.clone(), c.spec.clone(), c.owner.clone())];
                prop_assert!(same_roots(got, &c.roots));
            }
        }
    }

    /// Property 3: append-only growth. A longer build keeps every old index's
    /// value, and old + new merges to exactly what new alone merges to.
    #[test]
    fn growth_keeps_old_indices(data in bytes()) {
        let mut u = Unstructured::new(&data);
        let Ok(eco) = ArbitraryEcosystem::arbitrary(&mut u) else { return Ok(()) };
        let eco = eco.unpinned();
        let spec = &eco.specs[u.int_in_range(0..=eco.specs.len() - 1).unwrap()];
        let order = permutation(&mut u, spec.code.len()).unwrap();
        let k = u.int_in_range(0..=order.len()).unwrap();
        let old = spec.compile(&order[..k]);
        let new = spec.compile(&order);
        prop_assert!(old.roots.len() <= new.roots.len());
        prop_assert!(same_roots(&old.roots, &new.roots[..old.roots.len()]));
        let (old_i, new_i) = (write::section::image_bytes(&old).unwrap(), write::section::image_bytes(&new).unwrap());
        if old_i != new_i && old.roots.len() == new.roots.len() {
            // Same table, different code: that is a conflict, not growth.
            prop_assert!(merge_images(&[&old_i, &new_i]).is_err());
            return Ok(());
        }
        let others = images_of(&eco.packages_with(|s| s.compile_all()))
            .into_iter()
            .zip(&eco.specs)
            .filter(|(_, s)| s.uuid != spec.uuid)
            .map(|(i, _)| i)
            .collect::<Vec<_>>();
        let mut with_new: Vec<&Vec<u8>> = others.iter().collect();
        with_new.push(&new_i);
        let expected = merge(&with_new);
        let mut with_both = with_new.clone();
        with_both.insert(0, &old_i);
        prop_assert!(merge(&with_both) == expected, "old + new differs from new");
        prop_assert!(merge(&[&old_i, &new_i]) == merge(&[&new_i]));
        prop_assert!(merge(&[&new_i, &old_i]) == merge(&[&new_i]));
        // The merged image still resolves every old index to its old value.
        let files = vec![ImageFile::from_bytes("m.pci", &expected)];
        let session = Session::load(&files, SessionOptions::default()).unwrap();
        let p = session.find(spec.uuid).unwrap();
        for (i, r) in old.roots.iter().enumerate() {
            let g = session.global_index(p, i).unwrap();
            prop_assert_eq!(RootKey::of(&session.global_root(g).unwrap()), RootKey::of(r));
        }
    }

    /// Property 4: JSON → image → JSON → image is byte-identical, and so is
    /// image → JSON → image, for single-package and merged images.
    #[test]
    fn json_image_round_trips(data in bytes()) {
        let mut u = Unstructured::new(&data);
        let Ok(eco) = ArbitraryEcosystem::arbitrary(&mut u) else { return Ok(()) };
        let packages = eco.packages();
        for pkg in &packages {
            let json = pkg.to_json();
            let image = write::section::image_bytes(&Package::from_json(json.as_bytes()).unwrap()).unwrap();
            let back = Image::parse(&image).unwrap().packages[0].to_package().unwrap();
            let json2 = back.to_json();
            let image2 = write::section::image_bytes(&Package::from_json(json2.as_bytes()).unwrap()).unwrap();
            prop_assert!(image == image2, "JSON -> image -> JSON -> image changed bytes");
            // Unpacking gives the document back, with deps in pack's order.
            let mut canonical = pkg.clone();
            canonical.deps.sort_by_key(|d| d.uuid);
            prop_assert_eq!(&back, &canonical);
            prop_assert_eq!(Package::from_json(json2.as_bytes()).unwrap(), canonical);
        }
        // A merged image: unpack every package, repack, merge again.
        let singles = images_of(&packages);
        let merged = merge(&singles.iter().collect::<Vec<_>>());
        let image = Image::parse(&merged).unwrap();
        let repacked: Vec<Vec<u8>> = image
            .packages
            .iter()
            .map(|v| {
                let text = v.to_package().unwrap().to_json();
                write::section::image_bytes(&Package::from_json(text.as_bytes()).unwrap()).unwrap()
            })
            .collect();
        for (v, single) in image.packages.iter().zip(&repacked) {
            let s = Image::parse(single).unwrap();
            prop_assert!(s.packages[0].bytes == v.bytes, "repacked section differs");
        }
        prop_assert!(merge(&repacked.iter().collect::<Vec<_>>()) == merged);
    }

    /// Property 5: global[reindex[p][i]] == local[p][i] for every package and
    /// index, through the stored index, through fresh interning, and against
    /// the packages' own documents.
    #[test]
    fn reindex_resolves_every_root(data in bytes()) {
        let mut u = Unstructured::new(&data);
        let Ok(eco) = ArbitraryEcosystem::arbitrary(&mut u) else { return Ok(()) };
        let packages = eco.packages();
        let singles = images_of(&packages);
        let groups = grouping(&mut u, singles.iter().collect::<Vec<_>>()).unwrap();
        let parts: Vec<Vec<u8>> = groups.iter().map(|g| merge(g)).collect();
        let merged = merge(&parts.iter().collect::<Vec<_>>());
        let files = vec![ImageFile::from_bytes("m.pci", &merged)];
        let stored = Session::load(&files, SessionOptions::default()).unwrap();
        prop_assert!(stored.stats().used_stored_index);
        let fresh = Session::load_interning(&files, SessionOptions::default()).unwrap();
        prop_assert!(!fresh.stats().used_stored_index);
        for session in [&stored, &fresh] {
            prop_assert_eq!(arbitrary_ecosystem::check_reindex(session), Ok(()));
            for pkg in &packages {
                let p = session.find(pkg.uuid).unwrap();
                for (i, r) in pkg.roots.iter().enumerate() {
                    let g = session.global_index(p, i).unwrap();
                    prop_assert_eq!(RootKey::of(&session.global_root(g).unwrap()), RootKey::of(r));
                }
            }
        }
        // The global table holds each distinct value once.
        let mut seen = std::collections::HashSet::new();
        for g in 0..stored.global_len() as u32 {
            prop_assert!(seen.insert(RootKey::of(&stored.global_root(g).unwrap())));
        }
        let distinct: std::collections::HashSet<RootKey> =
            packages.iter().flat_map(|p| p.roots.iter().map(RootKey::of)).collect();
        prop_assert_eq!(seen.len(), distinct.len());
    }
}

/// The generator reaches what the properties are about: several packages,
/// shared roots, every root kind, NaN payloads, -0.0, large byte strings,
/// empty text, pinned dependencies, code with roots and edges.
#[test]
fn generator_covers_the_interesting_cases() {
    let mut seen = std::collections::BTreeSet::new();
    let mut rng = Rng::new(&[99]);
    for _ in 0..300 {
        let data = rng.bytes(3000);
        let eco = ArbitraryEcosystem::arbitrary(&mut Unstructured::new(&data)).unwrap();
        let packages = eco.packages();
        if packages.len() >= 4 {
            seen.insert("4+ packages");
        }
        let mut owners: BTreeMap<RootKey, usize> = BTreeMap::new();
        for pkg in &packages {
            for r in &pkg.roots {
                *owners.entry(RootKey::of(r)).or_default() += 1;
                seen.insert(match r {
                    Root::Sym(s) | Root::Str(s) if s.is_empty() => "empty text",
                    Root::Sym(s) | Root::Str(s) if !s.is_ascii() => "unicode text",
                    Root::Float(f) if f.value().is_nan() && f.0 & 0xf_ffff_ffff_ffff > 1 << 51 => {
                        "NaN with payload"
                    }
                    Root::Float(f) if f.0 == 0x8000_0000_0000_0000 => "-0.0",
                    Root::Bytes(b) if b.0.len() > 1000 => "large bytes",
                    Root::Int(_) => "int",
                    Root::Type(_) => "type",
                    Root::Method(_) => "method",
                    _ => "other root",
                });
            }
            if pkg.deps.iter().any(|d| d.build_id.is_some()) {
                seen.insert("pinned dep");
            }
            if pkg
                .deps
                .iter()
                .any(|d| packages.iter().all(|p| p.uuid != d.uuid))
            {
                seen.insert("dep outside the ecosystem");
            }
            if pkg
                .code
                .iter()
                .any(|c| !c.roots.is_empty() && !c.edges.is_empty())
            {
                seen.insert("code with roots and edges");
            }
            if !pkg.types.is_empty() {
                seen.insert("types");
            }
        }
        if owners.values().any(|&n| n > 1) {
            seen.insert("root shared by packages");
        }
    }
    for want in [
        "4+ packages",
        "empty text",
        "unicode text",
        "NaN with payload",
        "-0.0",
        "large bytes",
        "int",
        "type",
        "method",
        "pinned dep",
        "dep outside the ecosystem",
        "code with roots and edges",
        "types",
        "root shared by packages",
    ] {
        assert!(
            seen.contains(want),
            "generator never made: {want} (saw {seen:?})"
        );
    }
}
