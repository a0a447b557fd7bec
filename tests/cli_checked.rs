//! Nothing unchecked is presented as valid (issue 13, item 6): with one
//! byte flipped in a package's meta part, another part, the index or the
//! invalidation record, every command either reports the damage (exit 1)
//! or prints exactly what it prints for the good file, and `diff` says
//! plainly what it did not hash.

use crate::common;

use std::path::Path;

use common::{pcache, write_image};
use pcache_format::read::image::Image;
use pcache_testkit::demo;

/// Where to flip a byte of the merged demo image: (what, file offset).
fn damage_sites(bytes: &[u8]) -> Vec<(&'static str, usize)> {
    let image = Image::parse(bytes).unwrap();
    let bj = &image.packages[1];
    let (meta, meta_at) = bj.part_bytes(0);
    let (roots, roots_at) = bj.part_bytes(1);
    let index = image.index_entry().unwrap();
    let inv = image.invalidations_entry().unwrap();
    vec![
        ("meta", bj.file_offset as usize + meta_at + meta.len() - 40),
        (
            "roots",
            bj.file_offset as usize + roots_at + roots.len() / 2,
        ),
        ("index", (index.offset + index.len / 2) as usize),
        ("invalidations", (inv.offset + inv.len - 20) as usize),
    ]
}

fn run(args: &[&Path]) -> common::Run {
    pcache(args.iter().map(|p| p.as_os_str()))
}

#[test]
fn damaged_bytes_are_never_presented_as_valid() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let base = write_image(d, "Base", &demo::base());
    let bj = write_image(d, "Blackjack", &demo::blackjack());
    let fc = write_image(d, "Facecards", &demo::facecards());
    let good = d.join("good.pci");
    common::merge(&[&base, &bj, &fc], &good, &[]).expect(0);
    let good_bytes = std::fs::read(&good).unwrap();
    let doc = d.join("Facecards.json");
    std::fs::write(&doc, demo::facecards().to_json()).unwrap();
    let p = Path::new;
    for (what, at) in damage_sites(&good_bytes) {
        let mut bytes = good_bytes.clone();
        bytes[at] ^= 0x01;
        let bad = d.join("bad.pci");
        std::fs::write(&bad, &bytes).unwrap();
        // Commands that decode everything report the damage.
        for args in [
            vec![p("verify"), &bad],
            vec![p("invalidations"), &bad],
            vec![p("diff"), p("--verify"), &good, &bad],
            vec![p("diff"), p("--verify"), &bad, &good],
        ] {
            let r = run(&args);
            assert_eq!(r.code, 1, "{what}: {args:?}\n{}{}", r.stdout, r.stderr);
        }
        // Package damage fails merge, unpack and pack --deps.
        if what == "meta" || what == "roots" {
            for args in [
                vec![p("merge"), &bad, &base, p("-o"), &d.join("m.pci")],
                vec![p("unpack"), &bad],
                vec![p("inspect"), p("--roots"), p("Blackjack"), &bad],
                vec![
                    p("pack"),
                    &doc,
                    p("-o"),
                    &d.join("f.pci"),
                    p("--deps"),
                    &bad,
                ],
            ] {
                let r = run(&args);
                assert_eq!(r.code, 1, "{what}: {args:?}\n{}{}", r.stdout, r.stderr);
            }
        }
        // inspect reads the table and the meta parts: it reports damage to
        // a meta part, and prints exactly the good file's summary otherwise.
        for json in [false, true] {
            let mut args = vec![p("inspect"), &bad];
            let mut good_args = vec![p("inspect"), &good];
            if json {
                args.push(p("--json"));
                good_args.push(p("--json"));
            }
            let r = run(&args);
            if what == "meta" {
                assert_eq!(r.code, 1, "{what}: {}{}", r.stdout, r.stderr);
                assert!(r.stderr.contains("meta part checksum"), "{}", r.stderr);
            } else {
                assert_eq!(r.code, 0, "{what}: {}", r.stderr);
                let g = run(&good_args).expect(0);
                assert_eq!(r.stdout.replace("bad.pci", "good.pci"), g.stdout);
            }
        }
        // Without --verify, diff says plainly that it did not hash them.
        let r = run(&[p("diff"), &good, &bad]);
        if r.code == 0 {
            assert!(
                r.stdout.contains("not read or hashed") && r.stdout.contains("--verify"),
                "{what}: {}",
                r.stdout
            );
        }
        let r = run(&[p("diff"), p("--json"), &good, &bad]);
        let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        assert_eq!(v["verified"], false);
    }
    let r = run(&[p("diff"), p("--verify"), p("--json"), &good, &good]).expect(0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["verified"], true);
    assert!(!run(&[p("diff"), p("--verify"), &good, &good])
        .stdout
        .contains("not read"));
}

#[test]
fn inspect_counts_come_from_checked_bytes() {
    // The table's summaries agree with the sections (verify checks them),
    // and a damaged summary is caught by the header checksum.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let base = write_image(d, "Base", &demo::base());
    let bj = write_image(d, "Blackjack", &demo::blackjack());
    let good = d.join("good.pci");
    common::merge(&[&base, &bj], &good, &[]).expect(0);
    let bytes = std::fs::read(&good).unwrap();
    let image = Image::parse(&bytes).unwrap();
    let index = image.index().unwrap().unwrap();
    assert_eq!(image.global_root_count(), Some(index.global.len() as u64));
    let inv = image.invalidations().unwrap().unwrap();
    assert_eq!(
        image.invalidation_counts(),
        Some((inv.analyzed.len() as u32, inv.entries.len() as u32))
    );
    // A summary changed and the header resealed (a wrong writer): verify says so.
    let mut wrong = bytes.clone();
    let entry = 64 + 80 * image.packages.len();
    wrong[entry + 72] ^= 1;
    common::reseal_header(&mut wrong);
    let path = d.join("wrong.pci");
    std::fs::write(&path, &wrong).unwrap();
    let r = common::verify(&path).expect(1);
    assert!(r.stdout.contains("summary"), "{}", r.stdout);
}

/// SPEC.md §4.2 and §6, as a reader decoding from the text would need them:
/// a Dep holds uuid (0), build_id (16), name (48), has_build_id (56, a u32).
#[test]
fn dep_layout_is_as_spec_says() {
    let mut pkg = demo::blackjack();
    let pin = [0xabu8; 32];
    pkg.deps[0].build_id = Some(pcache_format::model::BuildId(pin));
    let bytes = pcache_format::write::section::image_bytes(&pkg).unwrap();
    let image = Image::parse(&bytes).unwrap();
    let (meta, _) = image.packages[0].part_bytes(0);
    let uuid = *pkg.deps[0].uuid.as_bytes();
    let at = meta.windows(16).position(|w| w == uuid).unwrap();
    assert_eq!(meta[at + 16..at + 48], pin);
    assert_eq!(meta[at + 56..at + 60], [1, 0, 0, 0]);
    // The name span at 48 names the dependency's name in `strings`.
    let start = u32::from_le_bytes(meta[at + 48..at + 52].try_into().unwrap());
    let len = u32::from_le_bytes(meta[at + 52..at + 56].try_into().unwrap());
    assert_eq!(len as usize, pkg.deps[0].name.len());
    assert!(start as usize + len as usize <= meta.len());
    let spec = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../SPEC.md")).unwrap();
    assert!(spec.contains("struct Dep { uuid: [u8; 16], build_id: [u8; 32]"));
    assert!(spec.contains("uuid 0, build_id 16, name 48, has_build_id 56"));
}
