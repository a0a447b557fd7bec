//! Session: order independence, dependency errors, stored-index use, and
//! the semantic id's invariance under compile order.

use pcache_format::{
    hash::semantic::semantic_id,
    merge::merged_bytes,
    model::{BuildId, Dep, Package, Root},
    read::image::ImageFile,
    session::{Session, SessionOptions},
    write::section::image_bytes,
};
use pcache_testkit::demo;
use pcache_testkit::random::Rng;
use proptest::prelude::*;
use uuid::Uuid;

fn files(pkgs: &[Package]) -> Vec<ImageFile> {
    pkgs.iter()
        .map(|p| ImageFile::from_bytes(format!("{}.pci", p.name), &image_bytes(p).unwrap()))
        .collect()
}

fn permutations(n: usize) -> Vec<Vec<usize>> {
    if n == 0 {
        return vec![vec![]];
    }
    let mut out = Vec::new();
    for p in permutations(n - 1) {
        for i in 0..=p.len() {
            let mut q = p.clone();
            q.insert(i, n - 1);
            out.push(q);
        }
    }
    out
}

#[test]
fn every_permutation_of_paths_gives_the_same_session() {
    let mut pkgs = demo::ecosystem();
    pkgs.push(Package {
        uuid: Uuid::from_u128(7),
        name: "Extra".into(),
        version: "1.0.0".into(),
        deps: vec![],
        roots: vec![
            Root::Sym("score".into()),
            Root::Int(21),
            Root::Str("x".into()),
        ],
        types: vec![],
        methods: vec![],
        code: vec![],
        ..Default::default()
    });
    let all = files(&pkgs);
    let reference = {
        let s = Session::load(&all, SessionOptions::default()).unwrap();
        (s.load_order().to_vec(), merged_bytes(&s, &all).unwrap())
    };
    for perm in permutations(pkgs.len()) {
        let shuffled: Vec<Package> = perm.iter().map(|&i| pkgs[i].clone()).collect();
        let fs = files(&shuffled);
        let s = Session::load(
            &fs,
            SessionOptions {
                require_complete: true,
            },
        )
        .unwrap();
        assert_eq!(s.load_order(), reference.0.as_slice(), "order {perm:?}");
        assert_eq!(
            merged_bytes(&s, &fs).unwrap(),
            reference.1,
            "order {perm:?}"
        );
    }
}

#[test]
fn load_order_puts_dependencies_first_and_breaks_ties_by_uuid() {
    let all = files(&demo::ecosystem());
    let s = Session::load(&all, SessionOptions::default()).unwrap();
    let order: Vec<Uuid> = s
        .load_order()
        .iter()
        .map(|&p| s.packages()[p as usize].view.uuid)
        .collect();
    assert_eq!(order, vec![demo::BASE, demo::BLACKJACK, demo::FACECARDS]);
}

#[test]
fn stale_pin_names_package_dependency_and_both_ids() {
    let mut fc = demo::facecards();
    fc.deps[1].build_id = Some(BuildId([0xab; 32]));
    let all = files(&[demo::base(), demo::blackjack(), fc]);
    let err = Session::load(&all, SessionOptions::default())
        .err()
        .expect("stale");
    let msg = err.to_string();
    let present = all[1].image().unwrap().packages[0].build_id.to_hex();
    assert!(msg.contains("stale"), "{msg}");
    assert!(
        msg.contains("BlackjackFacecards") && msg.contains("Blackjack ("),
        "{msg}"
    );
    assert!(
        msg.contains(&"ab".repeat(32)) && msg.contains(&present),
        "{msg}"
    );
}

#[test]
fn missing_dependency_is_an_error_only_when_complete_is_required() {
    let all = files(&[demo::blackjack(), demo::facecards()]);
    assert!(Session::load(&all, SessionOptions::default()).is_ok());
    let msg = Session::load(
        &all,
        SessionOptions {
            require_complete: true,
        },
    )
    .err()
    .expect("missing Base")
    .to_string();
    assert!(
        msg.contains("missing dependency") && msg.contains("Base"),
        "{msg}"
    );
}

#[test]
fn cycle_is_named() {
    let mk = |n: u128, name: &str, dep: u128, dep_name: &str| Package {
        uuid: Uuid::from_u128(n),
        name: name.into(),
        version: "1".into(),
        deps: vec![Dep {
            uuid: Uuid::from_u128(dep),
            name: dep_name.into(),
            build_id: None,
        }],
        roots: vec![],
        types: vec![],
        methods: vec![],
        code: vec![],
        ..Default::default()
    };
    let all = files(&[mk(1, "A", 2, "B"), mk(2, "B", 3, "C"), mk(3, "C", 1, "A")]);
    let msg = Session::load(&all, SessionOptions::default())
        .err()
        .expect("cycle")
        .to_string();
    assert!(msg.contains("dependency cycle"), "{msg}");
    for name in ["A (", "B (", "C ("] {
        assert!(msg.contains(name), "{msg}");
    }
}

fn tiny_ecosystem(n: usize, roots: usize) -> Vec<Package> {
    (0..n)
        .map(|i| Package {
            uuid: Uuid::from_u128(1000 + i as u128),
            name: format!("P{i}"),
            version: "1".into(),
            deps: if i > 0 {
                vec![Dep {
                    uuid: Uuid::from_u128(1000),
                    name: "P0".into(),
                    build_id: None,
                }]
            } else {
                vec![]
            },
            roots: (0..roots)
                .map(|j| {
                    if j % 2 == 0 {
                        Root::Int(j as i64)
                    } else {
                        Root::Sym(format!("p{i}r{j}"))
                    }
                })
                .collect(),
            types: vec![],
            methods: vec![],
            code: vec![],
            ..Default::default()
        })
        .collect()
}

#[test]
fn a_merged_image_of_1000_packages_opens_without_touching_roots() {
    let pkgs = tiny_ecosystem(1000, 20);
    let inputs = files(&pkgs);
    let merged = {
        let s = Session::load(&inputs, SessionOptions::default()).unwrap();
        assert_eq!(s.stats().roots_interned, 20_000);
        merged_bytes(&s, &inputs).unwrap()
    };
    let one = [ImageFile::from_bytes("merged.pci", &merged)];
    let stored = Session::load(
        &one,
        SessionOptions {
            require_complete: true,
        },
    )
    .unwrap();
    assert!(stored.stats().used_stored_index);
    assert_eq!(
        stored.stats().roots_interned,
        0,
        "no root may be hashed or looked up"
    );
    let fresh = Session::load_interning(&one, SessionOptions::default()).unwrap();
    assert_eq!(fresh.stats().roots_interned, 20_000);
    assert_eq!(stored.global_len(), fresh.global_len());
    for (p, pkg) in pkgs.iter().enumerate() {
        for i in 0..20 {
            let (a, b) = (
                stored.global_index(p, i).unwrap(),
                fresh.global_index(p, i).unwrap(),
            );
            assert_eq!(a, b);
            assert_eq!(stored.global_root(a).unwrap(), pkg.roots[i]);
            assert_eq!(stored.resolve(p, i).unwrap(), pkg.roots[i]);
        }
    }
}

/// A package's compile order changed: roots permuted (code indices remapped),
/// and the type, method and code lists shuffled.
fn recompiled(pkg: &Package, perm: &[usize], rotate: usize) -> Package {
    let mut out = pkg.clone();
    let mut new_index = vec![0u32; perm.len()];
    out.roots = perm.iter().map(|&old| pkg.roots[old].clone()).collect();
    for (new, &old) in perm.iter().enumerate() {
        new_index[old] = new as u32;
    }
    for c in &mut out.code {
        for r in &mut c.roots {
            *r = new_index[*r as usize];
        }
    }
    if !out.code.is_empty() {
        let k = rotate % out.code.len();
        out.code.rotate_left(k);
    }
    out.types.reverse();
    out.methods.reverse();
    out
}

proptest! {
    #[test]
    fn semantic_id_ignores_compile_order(seed in any::<u64>(), rotate in 0usize..8) {
        let pkg = demo::blackjack();
        let mut perm: Vec<usize> = (0..pkg.roots.len()).collect();
        Rng::new(&[seed]).shuffle(&mut perm);
        let other = recompiled(&pkg, &perm, rotate);
        prop_assert_eq!(semantic_id(&pkg), semantic_id(&other));
        // Same meaning also after merging with the same packages.
        let a = files(&[demo::base(), pkg.clone()]);
        let b = files(&[demo::base(), other.clone()]);
        let (sa, sb) = (Session::load(&a, SessionOptions::default()).unwrap(), Session::load(&b, SessionOptions::default()).unwrap());
        let p = sa.find(demo::BLACKJACK).unwrap();
        for (ca, cb) in pkg.code.iter().zip(other.code.iter().cycle().skip(other.code.len() - rotate % other.code.len())) {
            prop_assert_eq!(&ca.spec, &cb.spec);
            for (&ra, &rb) in ca.roots.iter().zip(&cb.roots) {
                let ga = sa.global_index(p, ra as usize).unwrap();
                let gb = sb.global_index(p, rb as usize).unwrap();
                prop_assert_eq!(sa.global_root(ga).unwrap(), sb.global_root(gb).unwrap());
            }
        }
    }
}

#[test]
fn semantic_id_changes_with_any_single_edit() {
    let base = demo::blackjack();
    let id = semantic_id(&base);
    type Edit = Box<dyn Fn(&mut Package)>;
    let edits: Vec<(&str, Edit)> = vec![
        ("name", Box::new(|p| p.name.push('x'))),
        ("version", Box::new(|p| p.version = "0.1.1".into())),
        ("dep", Box::new(|p| p.deps.clear())),
        ("root value", Box::new(|p| p.roots[2] = Root::Int(22))),
        (
            "root added",
            Box::new(|p| p.roots.push(Root::Sym("new".into()))),
        ),
        ("type", Box::new(|p| p.types[0].supertype = "Number".into())),
        ("method", Box::new(|p| p.methods[0].sig.push(' '))),
        ("code spec", Box::new(|p| p.code[0].spec.push(' '))),
        ("code world", Box::new(|p| p.code[0].world.1 = Some(5))),
        ("code roots", Box::new(|p| p.code[1].roots.swap(0, 1))),
        (
            "code edge",
            Box::new(|p| p.code[1].edges.pop().map(|_| ()).unwrap()),
        ),
        ("payload", Box::new(|p| p.code[2].payload.0[0] ^= 1)),
    ];
    for (what, edit) in edits {
        let mut p = base.clone();
        edit(&mut p);
        assert_ne!(
            semantic_id(&p),
            id,
            "edit of {what} must change the semantic id"
        );
    }
}
