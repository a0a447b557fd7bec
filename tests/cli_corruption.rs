//! `pcache verify` (and the other readers) on damaged and hostile files,
//! through the real binary: every single changed byte and every truncation
//! of a small image exits 1 without a panic; a mapped (large) image too;
//! huge claims are rejected within a small address-space limit.

use crate::common;

use std::path::{Path, PathBuf};

use common::{pcache, write_image, Run};
use pcache_format::model::{Base64, Root};
use pcache_testkit::demo;

/// Runs `check` for every index in `0..n`, on two threads.
fn in_parallel(n: usize, check: impl Fn(usize) + Sync) {
    std::thread::scope(|s| {
        for t in 0..2 {
            let check = &check;
            s.spawn(move || (t..n).step_by(2).for_each(check));
        }
    });
}

fn verify_bytes(dir: &Path, name: &str, bytes: &[u8]) -> Run {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    pcache(["verify".as_ref(), p.as_os_str()])
}

#[test]
fn every_changed_byte_and_every_truncation_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_image(dir.path(), "Facecards", &demo::facecards());
    let image = std::fs::read(&path).unwrap();
    assert!(image.len() < 1536);
    common::verify(&path).expect(0);
    in_parallel(image.len(), |at| {
        let mut bad = image.clone();
        bad[at] ^= (at % 255 + 1) as u8;
        let run = verify_bytes(dir.path(), &format!("byte{at}.pci"), &bad).expect(1);
        assert!(
            run.stdout.contains("at offset 0x"),
            "byte {at}: no location in {}",
            run.stdout
        );
    });
    in_parallel(image.len(), |len| {
        let run = verify_bytes(dir.path(), &format!("len{len}.pci"), &image[..len]).expect(1);
        assert!(
            run.stdout.contains("header"),
            "length {len}: {}",
            run.stdout
        );
    });
}

#[test]
fn damaged_inputs_make_every_command_exit_1_without_panicking() {
    let dir = tempfile::tempdir().unwrap();
    let good = write_image(dir.path(), "Base", &demo::base());
    let image = std::fs::read(&good).unwrap();
    let out = dir.path().join("out.pci");
    let section_end =
        64 + 80 + u64::from_le_bytes(image[64 + 16..64 + 24].try_into().unwrap()) as usize;
    for (i, at) in [0usize, 16, 40, 100, 300, 700, image.len() - 1]
        .into_iter()
        .enumerate()
    {
        let mut bad = image.clone();
        bad[at] ^= 0x41;
        let p = dir.path().join(format!("bad{i}.pci"));
        std::fs::write(&p, &bad).unwrap();
        for args in [
            vec!["inspect".as_ref(), p.as_os_str()],
            vec!["unpack".as_ref(), p.as_os_str()],
            vec![
                "merge".as_ref(),
                p.as_os_str(),
                good.as_os_str(),
                "-o".as_ref(),
                out.as_os_str(),
            ],
        ] {
            let run = pcache(&args);
            // inspect reads only what it prints, so a damaged byte it does
            // not read may pass; damaged padding changes no content, so
            // unpack and merge may pass it (verify does not). Nothing may
            // panic.
            assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
            if (args[0] != "inspect" || at < 64) && at < section_end {
                assert_eq!(run.code, 1, "{args:?} at {at}: {}", run.stderr);
                assert!(run.stderr.contains("bad"), "names the file: {}", run.stderr);
            }
        }
        assert!(at >= section_end || !out.exists(), "merge wrote damage");
        let _ = std::fs::remove_file(&out);
    }
}

/// A package with a large root, so that its image is mapped, not read.
fn big_package() -> pcache_format::Package {
    let mut p = demo::base();
    p.roots.push(Root::Bytes(Base64(
        (0..200_000u32).map(|i| (i % 251) as u8).collect(),
    )));
    p
}

#[test]
fn mapped_images_are_checked_the_same_way() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_image(dir.path(), "big", &big_package());
    let image = std::fs::read(&path).unwrap();
    assert!(image.len() as u64 > pcache_format::spec::limits::MAP_THRESHOLD);
    common::verify(&path).expect(0);
    let step = image.len() / 40;
    in_parallel(40, |k| {
        let at = k * step + k;
        let mut bad = image.clone();
        bad[at] ^= 0x80;
        verify_bytes(dir.path(), &format!("flip{k}.pci"), &bad).expect(1);
        verify_bytes(dir.path(), &format!("cut{k}.pci"), &image[..at]).expect(1);
    });
}

/// Runs `pcache args` with its address space limited to `kib` KiB.
fn pcache_limited(kib: u64, args: &[&std::ffi::OsStr]) -> std::process::Output {
    let mut script = format!("ulimit -v {kib} && exec \"$0\"");
    for i in 0..args.len() {
        script += &format!(" \"${}\"", i + 1);
    }
    std::process::Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_pcache"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn huge_claims_are_rejected_within_a_small_address_space() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_image(dir.path(), "Base", &demo::base());
    let image = std::fs::read(&path).unwrap();
    // The limit must be enough to run at all: a valid file passes under it.
    const LIMIT_KIB: u64 = 256 * 1024;
    let ok = pcache_limited(LIMIT_KIB, &["verify".as_ref(), path.as_os_str()]);
    assert_eq!(ok.status.code(), Some(0), "{ok:?}");
    let cases: [(&str, usize, u64, usize); 5] = [
        ("section count 2^32-1", 24, u32::MAX as u64, 4),
        ("section count 2^20", 24, 1 << 20, 4),
        ("section length 2^60", 64 + 16, 1 << 60, 8),
        ("part length 2^60", 0, 1 << 60, 8),
        ("file length 2^60", 16, 1 << 60, 8),
    ];
    let mut paths: Vec<PathBuf> = Vec::new();
    for (i, (what, at, value, width)) in cases.into_iter().enumerate() {
        let mut bad = image.clone();
        // The roots part's length field in the package's part table.
        let at = if at == 0 { 64 + 80 + 8 + 16 + 8 } else { at };
        bad[at..at + width].copy_from_slice(&value.to_le_bytes()[..width]);
        common::reseal_header(&mut bad);
        let p = dir.path().join(format!("huge{i}.pci"));
        std::fs::write(&p, &bad).unwrap();
        for cmd in ["verify", "inspect", "unpack"] {
            let out = pcache_limited(LIMIT_KIB, &[cmd.as_ref(), p.as_os_str()]);
            let stderr = String::from_utf8_lossy(&out.stderr);
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert_eq!(
                out.status.code(),
                Some(1),
                "{what}, {cmd}: {stdout}{stderr}"
            );
            assert!(!stderr.contains("panicked") && !stderr.contains("memory allocation"));
            assert!(
                format!("{stdout}{stderr}").contains("at offset 0x"),
                "{what}, {cmd}: {stdout}{stderr}"
            );
        }
        paths.push(p);
    }
    let out_path = dir.path().join("out.pci");
    let mut args: Vec<&std::ffi::OsStr> = vec!["merge".as_ref()];
    args.extend(paths.iter().map(|p| p.as_os_str()));
    args.extend(["-o".as_ref(), out_path.as_os_str()]);
    let out = pcache_limited(LIMIT_KIB, &args);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
}

#[test]
fn merge_does_not_launder_a_damaged_index() {
    let dir = tempfile::tempdir().unwrap();
    let inputs: Vec<PathBuf> = demo::ecosystem()
        .iter()
        .map(|p| write_image(dir.path(), &p.name, p))
        .collect();
    let merged = dir.path().join("merged.pci");
    let refs: Vec<&Path> = inputs.iter().map(|p| p.as_path()).collect();
    common::merge(&refs, &merged, &[]).expect(0);
    let mut bytes = std::fs::read(&merged).unwrap();
    // The index is the last section; its struct's last vector is `reindex`.
    let entry = 64 + 3 * 80;
    let off = u64::from_le_bytes(bytes[entry + 8..entry + 16].try_into().unwrap()) as usize;
    let len = u64::from_le_bytes(bytes[entry + 16..entry + 24].try_into().unwrap()) as usize;
    let field = off + len - 8;
    let rel = i32::from_le_bytes(bytes[field..field + 4].try_into().unwrap());
    let count = u32::from_le_bytes(bytes[field + 4..field + 8].try_into().unwrap());
    assert!(count > 2);
    let data = (field as i64 + rel as i64) as usize;
    // Point reindex[0] at global root 1: in range, but the wrong value.
    bytes[data..data + 4].copy_from_slice(&1u32.to_le_bytes());
    let damaged = dir.path().join("damaged.pci");
    std::fs::write(&damaged, &bytes).unwrap();
    let run = common::verify(&damaged).expect(1);
    assert!(run.stdout.contains("index"), "{}", run.stdout);
    // The same index with its checksum and the header sealed again (a wrong
    // writer): its shape is sound, so only --deep, which interns afresh,
    // finds it.
    let mut sealed = bytes.clone();
    common::reseal_sections(&mut sealed);
    common::reseal_header(&mut sealed);
    let wrong = dir.path().join("wrong.pci");
    std::fs::write(&wrong, &sealed).unwrap();
    common::verify(&wrong).expect(0);
    let run = pcache(["verify".as_ref(), "--deep".as_ref(), wrong.as_os_str()]).expect(1);
    assert!(
        run.stdout
            .contains("index: reindex entry 0 differs from interning"),
        "{}",
        run.stdout
    );
    let out = dir.path().join("out.pci");
    let run = common::merge(&[&damaged], &out, &[]).expect(1);
    assert!(
        run.stderr.contains("index") && run.stderr.contains("checksum"),
        "{}",
        run.stderr
    );
    assert!(
        !out.exists(),
        "merge wrote the damaged index with a fresh checksum"
    );
    // Merged with more packages the stored index is not used; still refused.
    let run = common::merge(&[&damaged, &inputs[0]], &out, &[]).expect(1);
    assert!(run.stderr.contains("damaged"), "{}", run.stderr);
}
