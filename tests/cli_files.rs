//! Files, pipes and the command line (issue 13): no output replaces an
//! input or anything that is not a regular file; symbolic links are written
//! through; permissions are kept; `-` is standard input and output; inputs
//! from pipes are read to their end.

use crate::common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{bin, pcache, write_image};
use pcache_format::model::Base64;
use pcache_format::write::section::image_bytes;
use pcache_testkit::demo;

fn json(dir: &Path) -> PathBuf {
    let path = dir.join("Blackjack.json");
    std::fs::write(&path, demo::blackjack().to_json()).unwrap();
    path
}

/// Runs `pcache args` with `stdin` as standard input.
fn with_stdin(args: &[&std::ffi::OsStr], stdin: &[u8]) -> (i32, Vec<u8>, String) {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out.status.code().unwrap_or(-1), out.stdout, stderr)
}

fn os(s: &str) -> &std::ffi::OsStr {
    s.as_ref()
}

#[test]
fn pack_refuses_to_write_over_its_input_by_any_name() {
    let dir = tempfile::tempdir().unwrap();
    let src = json(dir.path());
    let original = std::fs::read(&src).unwrap();
    let hard = dir.path().join("hard.json");
    std::fs::hard_link(&src, &hard).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&src, dir.path().join("soft.json")).unwrap();
    for out in [
        "Blackjack.json",
        "hard.json",
        "soft.json",
        "./Blackjack.json",
    ] {
        let out = dir.path().join(out);
        if !out.exists() {
            continue;
        }
        let run = pcache([os("pack"), src.as_os_str(), os("-o"), out.as_os_str()]).expect(2);
        assert!(run.stderr.contains("is the input"), "{}", run.stderr);
    }
    // As a --deps input too.
    let image = dir.path().join("Base.pci");
    std::fs::write(&image, image_bytes(&demo::base()).unwrap()).unwrap();
    let base_before = std::fs::read(&image).unwrap();
    pcache([
        os("pack"),
        src.as_os_str(),
        os("-o"),
        image.as_os_str(),
        os("--deps"),
        image.as_os_str(),
    ])
    .expect(2);
    assert_eq!(std::fs::read(&src).unwrap(), original);
    assert_eq!(std::fs::read(&image).unwrap(), base_before);
}

#[test]
fn merge_may_still_replace_one_of_its_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let base = write_image(dir.path(), "Base", &demo::base());
    let bj = write_image(dir.path(), "Blackjack", &demo::blackjack());
    common::merge(&[&base, &bj], &base, &[]).expect(0);
    common::verify(&base).expect(0);
}

#[cfg(unix)]
#[test]
fn outputs_write_through_links_and_refuse_what_is_not_a_regular_file() {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let src = json(dir.path());
    let pack = |out: &Path, extra: &[&str]| {
        let mut args = vec![os("pack"), src.as_os_str(), os("-o"), out.as_os_str()];
        args.extend(extra.iter().map(|s| os(s)));
        pcache(args)
    };
    // A symbolic link is written through: the link stays, its target gets the image.
    let target = dir.path().join("target.pci");
    let link = dir.path().join("link.pci");
    std::os::unix::fs::symlink("target.pci", &link).unwrap();
    pack(&link, &[]).expect(0);
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(
        std::fs::read(&target).unwrap(),
        image_bytes(&demo::blackjack()).unwrap()
    );
    // A FIFO is not replaced.
    let fifo = dir.path().join("fifo");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let run = pack(&fifo, &[]).expect(2);
    assert!(run.stderr.contains("not a regular file"), "{}", run.stderr);
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());
    // A device is not replaced (as root, renaming over /dev/null would succeed).
    let run = pack(Path::new("/dev/null"), &[]).expect(2);
    assert!(run.stderr.contains("a device"), "{}", run.stderr);
    // A directory is not replaced.
    pack(dir.path(), &[]).expect(2);
    // A write-protected file is refused unless --force.
    let ro = dir.path().join("ro.pci");
    std::fs::write(&ro, b"keep").unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o444)).unwrap();
    let run = pack(&ro, &[]).expect(2);
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    assert_eq!(std::fs::read(&ro).unwrap(), b"keep");
    pack(&ro, &["--force"]).expect(0);
    let meta = std::fs::metadata(&ro).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o444);
    assert_ne!(std::fs::read(&ro).unwrap(), b"keep");
    // An existing file keeps its permission bits.
    let private = dir.path().join("private.pci");
    std::fs::write(&private, b"old").unwrap();
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o600)).unwrap();
    pack(&private, &[]).expect(0);
    let mode = std::fs::metadata(&private).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    // The same rules hold for merge.
    let m = common::merge(&[&target], &fifo, &[]).expect(2);
    assert!(m.stderr.contains("not a regular file"), "{}", m.stderr);
}

#[test]
fn dash_is_standard_input_and_output() {
    let dir = tempfile::tempdir().unwrap();
    let src = json(dir.path());
    let text = std::fs::read(&src).unwrap();
    let expected = image_bytes(&demo::blackjack()).unwrap();
    // pack - -o -
    let (code, image, err) = with_stdin(&[os("pack"), os("-"), os("-o"), os("-")], &text);
    assert_eq!(code, 0, "{err}");
    assert_eq!(image, expected);
    assert!(!dir.path().join("-").exists());
    // Every reader takes - as standard input.
    for cmd in [&["verify", "-"][..], &["inspect", "-"], &["unpack", "-"]] {
        let args: Vec<_> = cmd.iter().map(|s| os(s)).collect();
        let (code, out, err) = with_stdin(&args, &expected);
        assert_eq!(code, 0, "{cmd:?}: {err}");
        assert!(!out.is_empty(), "{cmd:?}");
    }
    let base = write_image(dir.path(), "Base", &demo::base());
    let (code, _, err) = with_stdin(&[os("diff"), base.as_os_str(), os("-")], &expected);
    assert_eq!(code, 1, "{err}");
    // merge - ... -o - writes the merged image to standard output.
    let (code, merged, err) = with_stdin(
        &[os("merge"), os("-"), base.as_os_str(), os("-o"), os("-")],
        &expected,
    );
    assert_eq!(code, 0, "{err}");
    let file = dir.path().join("merged.pci");
    std::fs::write(&file, &merged).unwrap();
    common::verify(&file).expect(0);
    let (code, _, err) = with_stdin(&[os("invalidations"), os("-")], &merged);
    assert_eq!(code, 0, "{err}");
    assert!(!dir.path().join("-").exists());
    // Standard input can be read only once.
    let (code, _, err) = with_stdin(&[os("diff"), os("-"), os("-")], &expected);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn images_from_pipes_are_read_to_their_end() {
    let dir = tempfile::tempdir().unwrap();
    let mut pkg = demo::blackjack();
    pkg.code[0].payload = Base64(vec![7u8; 300 << 10]);
    let big = image_bytes(&pkg).unwrap();
    assert!(big.len() > 256 << 10);
    let path = dir.path().join("big.pci");
    std::fs::write(&path, &big).unwrap();
    // /dev/stdin is a pipe here, not a regular file.
    let (code, out, err) = with_stdin(&[os("verify"), os("/dev/stdin")], &big);
    assert_eq!(code, 0, "{err}{}", String::from_utf8_lossy(&out));
    let (code, out, err) = with_stdin(&[os("unpack"), os("-")], &big);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        pcache_format::Package::from_json(&out).unwrap(),
        pkg,
        "the whole image was read"
    );
    // A merge of a pipe and a file.
    let base = write_image(dir.path(), "Base", &demo::base());
    let merged = dir.path().join("m.pci");
    let (code, _, err) = with_stdin(
        &[
            os("merge"),
            os("/dev/stdin"),
            base.as_os_str(),
            os("-o"),
            merged.as_os_str(),
        ],
        &big,
    );
    assert_eq!(code, 0, "{err}");
    common::verify(&merged).expect(0);
}
