//! `pcache diff` on real files: output and exit status for prefix growth,
//! divergence, added and removed packages, world ranges and reordering.

use std::path::{Path, PathBuf};
use std::process::Command;

use pcache_format::{model::Package, model::Root, write::section::image_bytes};
use pcache_testkit::demo;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn pcache(args: &[&Path]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_pcache"))
        .args(args)
        .output()
        .expect("run pcache");
    Run {
        code: out.status.code().expect("exit code"),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn write(dir: &Path, name: &str, pkg: &Package) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, image_bytes(pkg).unwrap()).unwrap();
    path
}

fn merge(dir: &Path, name: &str, inputs: &[&Path]) -> PathBuf {
    let out = dir.join(name);
    let mut args: Vec<&Path> = vec![Path::new("merge")];
    args.extend_from_slice(inputs);
    args.push(Path::new("-o"));
    args.push(&out);
    let r = pcache(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    out
}

fn diff(a: &Path, b: &Path, extra: &[&str]) -> Run {
    let mut args: Vec<&Path> = vec![Path::new("diff"), a, b];
    args.extend(extra.iter().map(Path::new));
    pcache(&args)
}

#[test]
fn identical_images_exit_zero() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.pci", &demo::blackjack());
    let b = write(dir.path(), "b.pci", &demo::blackjack());
    let r = diff(&a, &b, &[]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("no difference"), "{}", r.stdout);
}

#[test]
fn prefix_growth_and_world_range_change() {
    let dir = tempfile::tempdir().unwrap();
    let old = demo::blackjack();
    let mut new = old.clone();
    new.roots.push(Root::Sym("extra".into()));
    new.roots.push(Root::Int(99));
    new.code[0].world.1 = Some(5);
    let a = write(dir.path(), "a.pci", &old);
    let b = write(dir.path(), "b.pci", &new);
    let r = diff(&a, &b, &[]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains("append-only growth: +2 roots"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("world [1, null] -> [1, 5]"),
        "{}",
        r.stdout
    );
    let stat = diff(&a, &b, &["--stat"]);
    assert_eq!(stat.code, 1);
    assert!(
        stat.stdout.contains("roots +2") && stat.stdout.contains("code +0 -0 ~1"),
        "{}",
        stat.stdout
    );
}

#[test]
fn divergence_names_first_index_and_both_values() {
    let dir = tempfile::tempdir().unwrap();
    let old = demo::blackjack();
    let mut new = old.clone();
    new.roots[3] = Root::Str("changed".into());
    let r = diff(
        &write(dir.path(), "a.pci", &old),
        &write(dir.path(), "b.pci", &new),
        &[],
    );
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("diverged at index 3"), "{}", r.stdout);
    assert!(r.stdout.contains("\"changed\""), "{}", r.stdout);
}

#[test]
fn added_and_removed_packages_in_merged_images() {
    let dir = tempfile::tempdir().unwrap();
    let base = write(dir.path(), "base.pci", &demo::base());
    let bj = write(dir.path(), "bj.pci", &demo::blackjack());
    let fc = write(dir.path(), "fc.pci", &demo::facecards());
    let a = merge(dir.path(), "a.pci", &[&base, &bj]);
    let b = merge(dir.path(), "b.pci", &[&base, &fc]);
    let r = diff(&a, &b, &[]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains("+ BlackjackFacecards") && r.stdout.contains("added"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("- Blackjack ") && r.stdout.contains("removed"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("1 unchanged"), "{}", r.stdout);
    let json = diff(&a, &b, &["--json"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["differ"], true);
    assert_eq!(v["unchanged"], 1);
    let statuses: Vec<&str> = v["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["removed", "added"]);
}

#[test]
fn reordering_is_equivalent() {
    let dir = tempfile::tempdir().unwrap();
    let old = demo::blackjack();
    let mut new = old.clone();
    new.roots.swap(0, 1);
    for c in &mut new.code {
        for r in &mut c.roots {
            *r = match *r {
                0 => 1,
                1 => 0,
                x => x,
            };
        }
    }
    let (a, b) = (
        write(dir.path(), "a.pci", &old),
        write(dir.path(), "b.pci", &new),
    );
    let r = diff(&a, &b, &[]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout
            .contains("equivalent: same semantic id, only root order differs"),
        "{}",
        r.stdout
    );
    let r = diff(&a, &b, &["--semantic"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
}

#[test]
fn unreadable_input_exits_two() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.pci", &demo::base());
    let r = diff(&a, &dir.path().join("missing.pci"), &[]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("missing.pci"), "{}", r.stderr);
}

#[test]
fn long_values_show_where_they_differ_and_json_holds_them_whole() {
    let dir = tempfile::tempdir().unwrap();
    let stem = "x".repeat(100);
    let mut old = demo::blackjack();
    old.roots[1] = Root::Str(format!("{stem}AAAA tail"));
    let mut new = demo::blackjack();
    new.roots[1] = Root::Str(format!("{stem}BBBB tail"));
    let (a, b) = (
        write(dir.path(), "a.pci", &old),
        write(dir.path(), "b.pci", &new),
    );
    let r = diff(&a, &b, &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let line = r.stdout.lines().find(|l| l.contains("diverged")).unwrap();
    assert!(line.contains("AAAA") && line.contains("BBBB"), "{line}");
    assert!(line.contains("character 101"), "{line}");
    let r = diff(&a, &b, &["--json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let first = &v["packages"][0]["changes"]["roots"]["first_difference"];
    assert_eq!(
        first[1],
        serde_json::json!(format!("{:?}", format!("{stem}AAAA tail")))
    );
    assert_eq!(
        first[2],
        serde_json::json!(format!("{:?}", format!("{stem}BBBB tail")))
    );
    // A merge conflict shows the differing region too.
    let out = dir.path().join("m.pci");
    let r = pcache(&[Path::new("merge"), &a, &b, Path::new("-o"), &out]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("AAAA") && r.stderr.contains("BBBB"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_changed_dependency_pin_is_a_change_not_an_equivalence() {
    let dir = tempfile::tempdir().unwrap();
    let mut old = demo::blackjack();
    let mut new = old.clone();
    old.deps[0].build_id = Some(pcache_format::model::BuildId([1; 32]));
    new.deps[0].build_id = Some(pcache_format::model::BuildId([2; 32]));
    let (a, b) = (
        write(dir.path(), "a.pci", &old),
        write(dir.path(), "b.pci", &new),
    );
    let r = diff(&a, &b, &[]);
    assert_eq!(r.code, 1);
    assert!(
        !r.stdout.contains("only root order differs"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("pin"), "{}", r.stdout);
    let r = diff(&a, &b, &["--semantic"]);
    assert_eq!(r.code, 1, "--semantic hid a pin change:\n{}", r.stdout);
    assert!(r.stdout.contains("pin"), "{}", r.stdout);
    let r = diff(&a, &b, &["--json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["packages"][0]["status"], "changed");
}
