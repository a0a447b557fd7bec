//! Several files for inspect, unpack and invalidations; `pcache extract`;
//! unpack of a merged image into documents pack accepts (issue 13, item 14).

use crate::common;

use std::path::Path;

use common::{pcache, write_image};
use pcache_testkit::demo;

fn setup(d: &Path) -> (Vec<std::path::PathBuf>, std::path::PathBuf) {
    let singles: Vec<_> = demo::ecosystem()
        .iter()
        .map(|p| common::pack_json(d, &p.name, p))
        .collect();
    let merged = d.join("merged.pci");
    let refs: Vec<&Path> = singles.iter().map(|p| p.as_path()).collect();
    common::merge(&refs, &merged, &[]).expect(0);
    (singles, merged)
}

#[test]
fn extract_gives_back_the_packed_image_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (singles, merged) = setup(d);
    for (pkg, single) in demo::ecosystem().iter().zip(&singles) {
        for which in [pkg.name.clone(), pkg.uuid.to_string()] {
            let out = d.join(format!("x-{which}.pci"));
            pcache([
                "extract".as_ref(),
                merged.as_os_str(),
                which.as_ref(),
                "-o".as_ref(),
                out.as_os_str(),
            ])
            .expect(0);
            assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(single).unwrap());
        }
    }
    // To standard output, and from a single-package image.
    let run = pcache([
        "extract".as_ref(),
        singles[0].as_os_str(),
        "Base".as_ref(),
        "-o".as_ref(),
        "-".as_ref(),
    ])
    .expect(0);
    assert_eq!(run.raw_stdout, std::fs::read(&singles[0]).unwrap());
    // No such package: 1, naming those there are.
    let run = pcache([
        "extract".as_ref(),
        merged.as_os_str(),
        "Nope".as_ref(),
        "-o".as_ref(),
        d.join("n.pci").as_os_str(),
    ])
    .expect(1);
    assert!(run.stderr.contains("Blackjack"), "{}", run.stderr);
    assert!(!d.join("n.pci").exists());
}

#[test]
fn unpack_of_a_merged_image_gives_documents_pack_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (singles, merged) = setup(d);
    let docs = d.join("docs");
    pcache([
        "unpack".as_ref(),
        merged.as_os_str(),
        "--dir".as_ref(),
        docs.as_os_str(),
    ])
    .expect(0);
    for (pkg, single) in demo::ecosystem().iter().zip(&singles) {
        let doc = docs.join(format!("{}.json", pkg.name));
        let out = d.join(format!("re-{}.pci", pkg.name));
        pcache([
            "pack".as_ref(),
            doc.as_os_str(),
            "-o".as_ref(),
            out.as_os_str(),
        ])
        .expect(0);
        assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(single).unwrap());
        // One package at a time.
        let run = pcache([
            "unpack".as_ref(),
            merged.as_os_str(),
            "--package".as_ref(),
            pkg.name.as_ref(),
        ])
        .expect(0);
        assert_eq!(run.stdout, std::fs::read_to_string(&doc).unwrap());
    }
    // --dir does not replace documents silently.
    let run = pcache([
        "unpack".as_ref(),
        merged.as_os_str(),
        "--dir".as_ref(),
        docs.as_os_str(),
    ])
    .expect(2);
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    pcache([
        "unpack".as_ref(),
        merged.as_os_str(),
        "--dir".as_ref(),
        docs.as_os_str(),
        "--force".as_ref(),
    ])
    .expect(0);
    // The whole merged image still unpacks to {"packages": [...]}.
    let run = pcache(["unpack".as_ref(), merged.as_os_str()]).expect(0);
    let set: pcache_format::model::PackageSet = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(set.packages.len(), 3);
}

#[test]
fn inspect_and_invalidations_take_several_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (singles, merged) = setup(d);
    let missing = d.join("missing.pci");
    let run = pcache([
        "inspect".as_ref(),
        singles[0].as_os_str(),
        missing.as_os_str(),
        merged.as_os_str(),
    ])
    .expect(2);
    assert!(run.stdout.contains("single-package image") && run.stdout.contains("merged image"));
    assert!(run.stderr.contains("missing.pci"), "{}", run.stderr);
    let run = pcache([
        "inspect".as_ref(),
        "--json".as_ref(),
        singles[0].as_os_str(),
        merged.as_os_str(),
    ])
    .expect(0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["files"].as_array().unwrap().len(), 2);
    assert_eq!(v["files"][1]["merged"], true);
    let other = d.join("other.pci");
    common::merge(&[&singles[0], &singles[1]], &other, &[]).expect(0);
    let run = pcache([
        "invalidations".as_ref(),
        merged.as_os_str(),
        other.as_os_str(),
    ])
    .expect(0);
    assert!(
        run.stdout.contains("==> ") && run.stdout.contains("other.pci <=="),
        "{}",
        run.stdout
    );
    let run = pcache([
        "invalidations".as_ref(),
        "--json".as_ref(),
        merged.as_os_str(),
        singles[0].as_os_str(),
    ])
    .expect(1);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(v["files"][1]["error"]
        .as_str()
        .unwrap()
        .contains("not a merged image"));
    // A single-package image in unpack, too.
    let bj = write_image(d, "bj", &demo::blackjack());
    let run = pcache(["unpack".as_ref(), bj.as_os_str(), singles[0].as_os_str()]).expect(2);
    assert!(run.stderr.contains("--dir"), "{}", run.stderr);
}
