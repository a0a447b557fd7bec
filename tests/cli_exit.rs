//! One exit-status table for every command (issue 13): 0 success, 1 the
//! answer is "no" (a problem, a difference, a conflict, a malformed or
//! damaged input), 2 usage error or a file that cannot be read or written.
//! Also: no path makes any command panic, `-q` prints nothing to standard
//! output, verify reports every file it is given.

use crate::common;

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use common::{pcache, write_image};
use pcache_testkit::demo;

/// Every command that reads an image, run on `image` (with good images from
/// `dir` where a second input is needed).
fn image_commands(dir: &Path, image: &Path) -> Vec<Vec<OsString>> {
    let base = dir.join("Base.pci");
    let out = dir.join("out.pci");
    let doc = dir.join("Facecards.json");
    let v = |args: &[&std::ffi::OsStr]| args.iter().map(|a| a.to_os_string()).collect();
    let i = image.as_os_str();
    vec![
        v(&["inspect".as_ref(), i]),
        v(&["inspect".as_ref(), i, "--json".as_ref()]),
        v(&["verify".as_ref(), i]),
        v(&["verify".as_ref(), i, "--json".as_ref()]),
        v(&["unpack".as_ref(), i]),
        v(&["invalidations".as_ref(), i]),
        v(&["diff".as_ref(), base.as_os_str(), i]),
        v(&["diff".as_ref(), i, base.as_os_str(), "--json".as_ref()]),
        v(&[
            "merge".as_ref(),
            i,
            base.as_os_str(),
            "-o".as_ref(),
            out.as_os_str(),
        ]),
        v(&[
            "pack".as_ref(),
            doc.as_os_str(),
            "-o".as_ref(),
            out.as_os_str(),
            "--deps".as_ref(),
            i,
        ]),
    ]
}

fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let base = write_image(dir.path(), "Base", &demo::base());
    std::fs::write(
        dir.path().join("Facecards.json"),
        demo::facecards().to_json(),
    )
    .unwrap();
    (dir, base)
}

#[test]
fn every_command_answers_damaged_and_missing_inputs_alike() {
    let (dir, base) = setup();
    let good = std::fs::read(&base).unwrap();
    let mut cases: Vec<(&str, Vec<u8>)> = Vec::new();
    let mut header = good.clone();
    header[12] ^= 1; // flags
    cases.push(("damaged header", header));
    let mut newer = good.clone();
    newer[8] = 4; // format 4.0
    common::reseal_header(&mut newer);
    cases.push(("newer format", newer));
    cases.push(("truncated", good[..good.len() / 2].to_vec()));
    cases.push(("not an image", b"hello, world\n".to_vec()));
    let mut table = good.clone();
    table[64 + 40] ^= 0x55; // the package section's checksum in the table
    cases.push(("damaged table", table));
    for (what, bytes) in &cases {
        let path = dir.path().join("bad.pci");
        std::fs::write(&path, bytes).unwrap();
        for args in image_commands(dir.path(), &path) {
            let run = pcache(&args);
            assert!(
                run.code == 1 && !run.stderr.contains("panicked"),
                "{what}: pcache {args:?} exited {} (wanted 1)\n{}{}",
                run.code,
                run.stdout,
                run.stderr
            );
        }
    }
    let missing = dir.path().join("missing.pci");
    for args in image_commands(dir.path(), &missing) {
        let run = pcache(&args);
        assert_eq!(run.code, 2, "missing: pcache {args:?}\n{}", run.stderr);
    }
}

#[test]
fn every_malformed_document_is_a_no() {
    let dir = tempfile::tempdir().unwrap();
    let good = demo::base().to_json();
    let mut dup = demo::base();
    dup.roots.push(dup.roots[0].clone());
    let cases = [
        (
            "typo",
            good.replacen("\"roots\"", "\"rootz\"", 1).into_bytes(),
        ),
        ("duplicate root", dup.to_json().into_bytes()),
        ("not JSON", b"{\"uuid\": ".to_vec()),
        (
            "byte-order mark",
            [&b"\xef\xbb\xbf"[..], good.as_bytes()].concat(),
        ),
    ];
    for (what, text) in cases {
        let doc = dir.path().join("doc.json");
        std::fs::write(&doc, &text).unwrap();
        let out = dir.path().join("doc.pci");
        let run = pcache([
            "pack".as_ref(),
            doc.as_os_str(),
            "-o".as_ref(),
            out.as_os_str(),
        ]);
        assert_eq!(run.code, 1, "{what}: {}", run.stderr);
        assert!(!out.exists());
    }
    let run = pcache([
        "pack".as_ref(),
        dir.path().join("nope.json").as_os_str(),
        "-o".as_ref(),
        dir.path().join("x.pci").as_os_str(),
    ]);
    assert_eq!(run.code, 2);
    let bom = dir.path().join("bom.json");
    std::fs::write(&bom, [&b"\xef\xbb\xbf"[..], good.as_bytes()].concat()).unwrap();
    let run = pcache([
        "pack".as_ref(),
        bom.as_os_str(),
        "-o".as_ref(),
        dir.path().join("b.pci").as_os_str(),
    ]);
    assert!(run.stderr.contains("byte-order mark"), "{}", run.stderr);
}

#[test]
fn every_help_page_states_the_exit_status_table() {
    let top = pcache(["--help"]).expect(0);
    assert!(top.stdout.contains("Exit status"), "{}", top.stdout);
    for cmd in [
        "pack",
        "unpack",
        "inspect",
        "verify",
        "merge",
        "diff",
        "extract",
        "invalidations",
        "demo",
        "completions",
        "man",
        "synth",
    ] {
        let run = pcache([cmd, "--help"]).expect(0);
        assert!(
            run.stdout
                .contains("Exit status (the same table for every command")
                && run.stdout.contains("  2  usage error"),
            "{cmd}:\n{}",
            run.stdout
        );
    }
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
    assert!(readme.contains("## Exit status"));
}

#[cfg(unix)]
#[test]
fn no_path_makes_any_command_panic() {
    use std::os::unix::ffi::OsStringExt;
    let (dir, base) = setup();
    // A file whose name is not UTF-8 and holds an escape sequence.
    let name = OsString::from_vec(b"bad\xff\x1b[31m.pci".to_vec());
    let odd = dir.path().join(&name);
    std::fs::copy(&base, &odd).unwrap();
    let mut runs = image_commands(dir.path(), &odd);
    runs.extend(image_commands(
        dir.path(),
        &dir.path()
            .join(OsString::from_vec(b"gone\xfe.pci".to_vec())),
    ));
    runs.push(vec![
        "verify".into(),
        odd.clone().into(),
        base.clone().into(),
        "--json".into(),
    ]);
    runs.push(vec![
        "merge".into(),
        base.clone().into(),
        "-o".into(),
        dir.path()
            .join(OsString::from_vec(b"out\xff.pci".to_vec()))
            .into(),
    ]);
    runs.push(vec![
        "pack".into(),
        odd.clone().into(),
        "-o".into(),
        dir.path().join("p.pci").into(),
    ]);
    runs.push(vec![
        "demo".into(),
        "--dir".into(),
        dir.path()
            .join(OsString::from_vec(b"d\xff".to_vec()))
            .into(),
    ]);
    for args in runs {
        let run = pcache(&args);
        assert!(
            run.code >= 0 && run.code <= 2 && !run.stderr.contains("panicked"),
            "pcache {args:?}: exit {}\n{}",
            run.code,
            run.stderr
        );
        assert!(
            !run.stdout.contains('\x1b') && !run.stderr.contains('\x1b'),
            "pcache {args:?} printed an escape sequence from a file name\n{}{}",
            run.stdout,
            run.stderr
        );
    }
    let json = pcache(["verify".as_ref(), odd.as_os_str(), "--json".as_ref()]).expect(0);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert!(v["files"][0]["file"].as_str().unwrap().contains('\u{fffd}'));
}

#[test]
fn quiet_prints_nothing_and_the_exit_status_answers() {
    let (dir, base) = setup();
    let bj = write_image(dir.path(), "Blackjack", &demo::blackjack());
    let cases: Vec<(Vec<&std::ffi::OsStr>, i32)> = vec![
        (vec!["diff".as_ref(), base.as_os_str(), bj.as_os_str()], 1),
        (vec!["diff".as_ref(), base.as_os_str(), base.as_os_str()], 0),
        (vec!["verify".as_ref(), base.as_os_str()], 0),
        (
            vec!["verify".as_ref(), base.as_os_str(), "--json".as_ref()],
            0,
        ),
        (vec!["inspect".as_ref(), base.as_os_str()], 0),
        (vec!["unpack".as_ref(), base.as_os_str()], 0),
    ];
    for (args, code) in cases {
        let loud = pcache(&args).expect(code);
        assert!(!loud.stdout.is_empty());
        let mut quiet = args.clone();
        quiet.push("-q".as_ref());
        let run = pcache(&quiet).expect(code);
        assert!(
            run.stdout.is_empty(),
            "{args:?} -q printed:\n{}",
            run.stdout
        );
    }
    // Errors still print.
    let missing = dir.path().join("missing.pci");
    let run = pcache(["-q".as_ref(), "verify".as_ref(), missing.as_os_str()]).expect(2);
    assert!(run.stderr.contains("missing.pci"), "{}", run.stderr);
    // -q -v is a usage error.
    pcache([
        "-q".as_ref(),
        "-v".as_ref(),
        "verify".as_ref(),
        base.as_os_str(),
    ])
    .expect(2);
}

#[test]
fn verify_reports_every_file_and_exits_with_the_worst() {
    let (dir, base) = setup();
    let bj = write_image(dir.path(), "Blackjack", &demo::blackjack());
    let missing = dir.path().join("missing.pci");
    let bad = dir.path().join("bad.pci");
    std::fs::write(&bad, b"not an image").unwrap();
    let args = [
        base.as_os_str(),
        missing.as_os_str(),
        bad.as_os_str(),
        bj.as_os_str(),
    ];
    let mut cmd = vec!["verify".as_ref()];
    cmd.extend(args);
    let run = pcache(&cmd).expect(2);
    for name in ["Base.pci: ok", "Blackjack.pci: ok", "bad.pci: problem"] {
        assert!(run.stdout.contains(name), "{name}:\n{}", run.stdout);
    }
    assert!(run.stderr.contains("missing.pci"), "{}", run.stderr);
    cmd.push("--json".as_ref());
    let run = pcache(&cmd).expect(2);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 4);
    assert_eq!(v["ok"], false);
    assert_eq!(files[0]["ok"], true);
    assert_eq!(files[1]["ok"], false);
    assert!(files[1]["error"].as_str().unwrap().contains("cannot open"));
    assert_eq!(files[2]["ok"], false);
    assert!(!files[2]["problems"].as_array().unwrap().is_empty());
    assert_eq!(files[3]["ok"], true);
    // Without the missing file, the worst is a problem: 1.
    pcache([
        "verify".as_ref(),
        base.as_os_str(),
        bad.as_os_str(),
        bj.as_os_str(),
    ])
    .expect(1);
}

#[test]
fn control_characters_in_names_are_refused_at_pack_and_escaped_in_output() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // pack refuses them.
    let mut pkg = demo::blackjack();
    pkg.name = "A\nB\u{1b}[31m".into();
    let doc = d.join("evil.json");
    std::fs::write(&doc, pkg.to_json()).unwrap();
    let run = pcache([
        "pack".as_ref(),
        doc.as_os_str(),
        "-o".as_ref(),
        d.join("e.pci").as_os_str(),
    ])
    .expect(1);
    assert!(run.stderr.contains("control character"), "{}", run.stderr);
    assert!(!run.stderr.contains('\u{1b}'), "{}", run.stderr);
    // An image made elsewhere with such a name (and a string root holding
    // an escape sequence) is printed escaped by every command.
    let mut pkg = demo::blackjack();
    pkg.roots
        .push(pcache_format::model::Root::Str("x\u{1b}[2Jy\nz".into()));
    let path = write_image(d, "Blackjack", &pkg);
    let mut bytes = std::fs::read(&path).unwrap();
    let image = pcache_format::read::image::Image::parse(&bytes).unwrap();
    let (meta, start) = image.packages[0].part_bytes(0);
    let at = start + meta.windows(9).position(|w| w == b"Blackjack").unwrap();
    let at = image.packages[0].file_offset as usize + at;
    bytes[at..at + 9].copy_from_slice(b"B\n\x1b[31mXY");
    common::reseal_sections(&mut bytes);
    common::reseal_header(&mut bytes);
    std::fs::write(&path, &bytes).unwrap();
    let base = write_image(d, "Base", &demo::base());
    let p = path.as_os_str();
    for args in [
        vec!["inspect".as_ref(), p],
        vec![
            "inspect".as_ref(),
            "--roots".as_ref(),
            "B\n\x1b[31mXY".as_ref(),
            p,
        ],
        vec!["verify".as_ref(), p],
        vec!["diff".as_ref(), base.as_os_str(), p],
        vec!["diff".as_ref(), p, base.as_os_str()],
        vec!["unpack".as_ref(), p],
        vec!["inspect".as_ref(), "--json".as_ref(), p],
    ] {
        let run = pcache(&args);
        assert!(run.code == 0 || run.code == 1, "{args:?}: {}", run.stderr);
        assert!(
            !run.stdout.contains('\u{1b}') && !run.stderr.contains('\u{1b}'),
            "{args:?} sent an escape sequence:\n{}{}",
            run.stdout,
            run.stderr
        );
    }
    // verify refuses what pack refuses.
    let run = pcache(["verify".as_ref(), p]).expect(1);
    assert!(run.stdout.contains("control character"), "{}", run.stdout);
    let inspect = pcache(["inspect".as_ref(), p]).expect(0);
    assert!(
        inspect.stdout.contains("package B\\n\\u{1b}[31mXY"),
        "{}",
        inspect.stdout
    );
}

#[test]
fn messages_name_what_the_user_gave_without_rust_internals() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let good: serde_json::Value = serde_json::from_str(&demo::blackjack().to_json()).unwrap();
    let bad = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut v = good.clone();
        edit(&mut v);
        let doc = d.join("doc.json");
        std::fs::write(&doc, v.to_string()).unwrap();
        pcache([
            "pack".as_ref(),
            doc.as_os_str(),
            "-o".as_ref(),
            d.join("o.pci").as_os_str(),
        ])
        .expect(1)
        .stderr
    };
    let world = bad(&|v| v["code"][0]["world"] = serde_json::json!([1]));
    assert!(world.contains("world range"), "{world}");
    let huge = bad(&|v| {
        v["code"][0]["world"] = serde_json::from_str("[1, 18446744073709551616]").unwrap()
    });
    assert!(
        huge.contains("an integer from 0 to 18446744073709551615"),
        "{huge}"
    );
    for text in [&world, &huge] {
        for internal in ["tuple struct", "floating point", "u64", "World"] {
            assert!(!text.contains(internal), "{internal} in {text}");
        }
    }
    // A count that disagrees with the contents, in words.
    let base = write_image(d, "Base", &demo::base());
    let mut bytes = std::fs::read(&base).unwrap();
    let image = pcache_format::read::image::Image::parse(&bytes).unwrap();
    let (meta, start) = image.packages[0].part_bytes(0);
    // Counts sit at the end of the Meta struct, 24 bytes before its tail.
    let counts_at = image.packages[0].file_offset as usize + start + meta.len() - 24;
    bytes[counts_at] ^= 0x80; // roots count
    common::reseal_sections(&mut bytes);
    common::reseal_header(&mut bytes);
    std::fs::write(&base, &bytes).unwrap();
    let run = pcache(["verify".as_ref(), base.as_os_str()]).expect(1);
    assert!(!run.stdout.contains("Counts {"), "{}", run.stdout);
    assert!(run.stdout.contains("roots"), "{}", run.stdout);
    // The output the user named, never the temporary file.
    let out = d.join("no-such-dir").join("o.pci");
    let base = write_image(d, "Base", &demo::base());
    let run = common::merge(&[&base], &out, &[]).expect(2);
    assert!(
        run.stderr.contains("o.pci") && !run.stderr.contains(".pcache-tmp"),
        "{}",
        run.stderr
    );
    // --roots with a name that is not there lists the names that are.
    let bj = write_image(d, "Blackjack", &demo::blackjack());
    let merged = d.join("m.pci");
    common::merge(&[&base, &bj], &merged, &[]).expect(0);
    let run = pcache([
        "inspect".as_ref(),
        "--roots".as_ref(),
        "Nope".as_ref(),
        merged.as_os_str(),
    ])
    .expect(1);
    assert!(run.stderr.contains("Base, Blackjack"), "{}", run.stderr);
    // Plurals.
    let run = pcache(["verify".as_ref(), bj.as_os_str()]).expect(0);
    assert!(
        run.stdout.contains("(single-package, 1 package)"),
        "{}",
        run.stdout
    );
    let run = pcache(["inspect".as_ref(), bj.as_os_str()]).expect(0);
    assert!(
        run.stdout.contains("8 roots, 1 type, 3 methods") && !run.stdout.contains("1 types"),
        "{}",
        run.stdout
    );
}

#[test]
fn synth_demo_and_man_keep_to_their_bounds() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = d.join("syn");
    for bad in [
        &["--packages", "0"][..],
        &["--roots", "99999999999"],
        &["--roots", "0"],
        &["--payload", "nan"],
        &["--payload", "-1"],
    ] {
        let mut args = vec!["synth", "-o", out.to_str().unwrap()];
        args.extend(bad);
        pcache(&args).expect(2);
        assert!(!out.exists(), "{bad:?} wrote something");
    }
    // demo --dir does not replace an earlier demo's files silently.
    let demo_dir = d.join("demo");
    pcache(["demo".as_ref(), "--dir".as_ref(), demo_dir.as_os_str()]).expect(0);
    let run = pcache(["demo".as_ref(), "--dir".as_ref(), demo_dir.as_os_str()]).expect(2);
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    pcache([
        "demo".as_ref(),
        "--dir".as_ref(),
        demo_dir.as_os_str(),
        "--force".as_ref(),
    ])
    .expect(0);
    // Man pages: EXAMPLES and EXIT STATUS sections, no EXTRA.
    let man_dir = d.join("man");
    pcache(["man".as_ref(), "--dir".as_ref(), man_dir.as_os_str()]).expect(0);
    for page in [
        "pcache.1",
        "pcache-merge.1",
        "pcache-verify.1",
        "pcache-extract.1",
        "pcache-strip.1",
    ] {
        let text = std::fs::read_to_string(man_dir.join(page)).unwrap();
        assert!(
            text.contains(".SH EXAMPLES") && text.contains(".SH \"EXIT STATUS\""),
            "{page}:\n{text}"
        );
        assert!(!text.contains(".SH EXTRA"), "{page}");
    }
}
