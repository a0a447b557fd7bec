//! `pcache pack` and `unpack` through the real binary: round trips are
//! byte-identical, and bad documents get a clear message and the right exit
//! status (2 for malformed JSON, 1 for a document that breaks a rule).

use crate::common;

use arbitrary::{Arbitrary, Unstructured};
use common::{pack_json, pcache};
use pcache_format::Package;
use pcache_testkit::arbitrary_ecosystem::ArbitraryEcosystem;
use pcache_testkit::demo;
use pcache_testkit::random::Rng;

/// pack → unpack → pack gives the same image bytes, and unpack gives the
/// same JSON text twice.
fn assert_pack_unpack_pack(dir: &std::path::Path, name: &str, pkg: &Package) {
    let first = pack_json(dir, name, pkg);
    let unpacked = pcache(["unpack".as_ref(), first.as_os_str()]).expect(0);
    let json2 = dir.join(format!("{name}-2.json"));
    std::fs::write(&json2, &unpacked.raw_stdout).unwrap();
    let second = dir.join(format!("{name}-2.pci"));
    pcache([
        "pack".as_ref(),
        json2.as_os_str(),
        "-o".as_ref(),
        second.as_os_str(),
    ])
    .expect(0);
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&second).unwrap(),
        "{name}: pack -> unpack -> pack changed the image"
    );
    let again = pcache(["unpack".as_ref(), second.as_os_str()]).expect(0);
    assert_eq!(unpacked.stdout, again.stdout);
    // What unpack prints is the package (deps in pack's uuid order).
    let mut canonical = pkg.clone();
    canonical.deps.sort_by_key(|d| d.uuid);
    assert_eq!(Package::from_json(&unpacked.raw_stdout).unwrap(), canonical);
}

#[test]
fn demo_packages_round_trip_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    for pkg in demo::ecosystem() {
        assert_pack_unpack_pack(dir.path(), &pkg.name, &pkg);
    }
}

#[test]
fn generated_packages_round_trip_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng::new(&[5]);
    let mut count = 0;
    for case in 0..12 {
        let data = rng.bytes(2500);
        let eco = ArbitraryEcosystem::arbitrary(&mut Unstructured::new(&data)).unwrap();
        for (i, pkg) in eco.packages().iter().enumerate() {
            assert_pack_unpack_pack(dir.path(), &format!("gen{case}-{i}"), pkg);
            count += 1;
        }
    }
    assert!(count >= 20);
}

#[test]
fn merged_image_unpacks_to_every_package() {
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<_> = demo::ecosystem()
        .iter()
        .map(|p| pack_json(dir.path(), &p.name, p))
        .collect();
    let merged = dir.path().join("merged.pci");
    let refs: Vec<&std::path::Path> = paths.iter().map(|p| p.as_path()).collect();
    common::merge(&refs, &merged, &[]).expect(0);
    let out = pcache(["unpack".as_ref(), merged.as_os_str()]).expect(0);
    let set: pcache_format::model::PackageSet = serde_json::from_slice(&out.raw_stdout).unwrap();
    let mut want = demo::ecosystem();
    want.sort_by_key(|p| p.uuid);
    for p in &mut want {
        p.deps.sort_by_key(|d| d.uuid);
    }
    assert_eq!(set.packages, want);
}

fn pack_text(text: &str) -> common::Run {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("in.json");
    std::fs::write(&json, text).unwrap();
    let out = dir.path().join("out.pci");
    let run = pcache([
        "pack".as_ref(),
        json.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    if run.code != 0 {
        assert!(!out.exists(), "a failed pack left an output file");
    }
    run
}

fn base_json() -> serde_json::Value {
    serde_json::from_str(&demo::base().to_json()).unwrap()
}

#[test]
fn malformed_json_exits_1_with_location() {
    // A malformed document is an invalid input: 1, as in every command.
    for (text, needle) in [
        ("{\"uuid\": ", "EOF"),
        ("not json", "expected"),
        (
            "{\"uuid\": \"2b6c3c1d-8f1e-4a55-9a3e-0d1f5b7a9c01\", \"name\": \"X\"}",
            "version",
        ),
        ("[]", "malformed package JSON"),
    ] {
        let run = pack_text(text).expect(1);
        assert!(
            run.stderr.contains("malformed package JSON") && run.stderr.contains(needle),
            "{text:?}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("in.json"),
            "the file is named: {}",
            run.stderr
        );
    }
    // A typo in a field name is rejected, naming the field.
    let mut v = base_json();
    v["verison"] = "1".into();
    let run = pack_text(&v.to_string()).expect(1);
    assert!(run.stderr.contains("verison"), "{}", run.stderr);
    // A float string that is not 0x + 16 hex digits.
    let mut v = base_json();
    v["roots"][0] = serde_json::json!({"float": "0x12"});
    let run = pack_text(&v.to_string()).expect(1);
    assert!(run.stderr.contains("16 hex digits"), "{}", run.stderr);
}

#[test]
fn root_index_out_of_range_exits_1_naming_it() {
    let mut v = base_json();
    v["code"][0]["roots"] = serde_json::json!([0, 6]);
    let run = pack_text(&v.to_string()).expect(1);
    assert!(
        run.stderr.contains("package Base")
            && run.stderr.contains("code[0]")
            && run.stderr.contains("uses root 6")
            && run.stderr.contains("6 roots"),
        "{}",
        run.stderr
    );
}

#[test]
fn duplicate_root_exits_1_naming_both_indices() {
    let mut v = base_json();
    v["roots"][3] = serde_json::json!({"sym": "length"});
    let run = pack_text(&v.to_string()).expect(1);
    assert!(
        run.stderr.contains("duplicate root") && run.stderr.contains("roots 0 and 3"),
        "{}",
        run.stderr
    );
    // 0.0 and -0.0 are different roots; two equal NaN bit patterns are not.
    let mut v = base_json();
    v["roots"][3] = serde_json::json!({"float": 0.0});
    pack_text(&v.to_string()).expect(0);
    v["roots"][3] = serde_json::json!({"float": "0x7ff8000000000001"});
    let run = pack_text(&v.to_string()).expect(1);
    assert!(run.stderr.contains("roots 3 and 5"), "{}", run.stderr);
}

#[test]
fn other_rule_violations_exit_1() {
    let mut v = base_json();
    v["code"][0]["world"] = serde_json::json!([5, 4]);
    let run = pack_text(&v.to_string()).expect(1);
    assert!(run.stderr.contains("[5, 4] is empty"), "{}", run.stderr);
    let mut v = base_json();
    v["methods"][1] = v["methods"][0].clone();
    let run = pack_text(&v.to_string()).expect(1);
    assert!(
        run.stderr.contains("method 0 and method 1"),
        "{}",
        run.stderr
    );
}

#[test]
fn missing_input_exits_2() {
    let run = pcache(["pack", "/nonexistent/in.json", "-o", "/tmp/x.pci"]).expect(2);
    assert!(
        run.stderr.contains("/nonexistent/in.json"),
        "{}",
        run.stderr
    );
    let run = pcache(["verify", "/nonexistent/x.pci"]).expect(2);
    assert!(run.stderr.contains("/nonexistent/x.pci"), "{}", run.stderr);
}

/// Outputs get the permissions of any newly created file (0666 less the
/// umask), not the 0600 of a private temporary file.
#[cfg(unix)]
#[test]
fn outputs_have_ordinary_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain");
    std::fs::write(&plain, b"x").unwrap();
    let want = std::fs::metadata(&plain).unwrap().permissions().mode() & 0o777;
    let base = pack_json(dir.path(), "Base", &demo::base());
    let merged = dir.path().join("merged.pci");
    common::merge(&[&base], &merged, &[]).expect(0);
    for p in [&base, &merged] {
        let mode = std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, want, "{}: mode {mode:o}, want {want:o}", p.display());
    }
}

/// `pcache pack INPUT -o OUT`, with `--deps DEPS…` when `deps` is given
/// (an empty list: resolve against the built-ins only).
fn pack_file(
    input: &std::path::Path,
    out: &std::path::Path,
    deps: Option<&[&std::path::Path]>,
) -> common::Run {
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "pack".as_ref(),
        input.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
    ];
    if let Some(deps) = deps {
        args.push("--deps".as_ref());
        args.extend(deps.iter().map(|d| d.as_os_str()));
    }
    pcache(args)
}

/// Methods of any callable pack and resolve against the built-in Core,
/// Base and LinearAlgebra: a constructor `Float64(::MyNum)`, a functor of a
/// parametric type, a closure type `#f#2`, a `Core.kwcall` method, a
/// function of a Base submodule, a LinearAlgebra function on an alias; and
/// unpack gives them back (SPEC.md §2, §11.2.4; src/gf.c
/// `jl_method_table_for` puts functor and constructor methods in the
/// table of their type's name).
#[test]
fn methods_of_any_callable_pack_against_the_builtins() {
    let dir = tempfile::tempdir().unwrap();
    let input =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/callables.json");
    let out = dir.path().join("c.pci");
    pack_file(&input, &out, Some(&[])).expect(0);
    let unpacked = pcache(["unpack".as_ref(), out.as_os_str()]).expect(0);
    let pkg = Package::from_json(&unpacked.raw_stdout).unwrap();
    let names: Vec<&str> = pkg.methods.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Float64",
            "Foo",
            "#f#2",
            "Core.kwcall",
            "Base.Broadcast.broadcastable",
            "LinearAlgebra.norm"
        ]
    );
    assert_eq!(pkg.types[2].name, "#f#2");
}

/// A package whose id is a built-in package's replaces the built-in one:
/// with the user's own Statistics image, a dependent resolves a type only
/// that image declares; against the built-in Statistics it does not
/// (SPEC.md §11.2.1).
#[test]
fn an_image_with_a_builtin_id_replaces_the_builtin() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    let stats = write(
        "S.json",
        r#"{"uuid": "10745b16-79ce-11e8-11f9-7d13ad32a3b2", "name": "Statistics", "version": "1.12.0",
            "types": [{"name": "MyWeights", "super": "Any", "kind": "struct"}],
            "methods": [{"name": "mean", "sig": "Tuple{typeof(mean), MyWeights}"}]}"#,
    );
    let dependent = write(
        "D.json",
        r#"{"uuid": "22222222-2222-3333-4444-555555555555", "name": "D", "version": "1.0.0",
            "deps": [{"uuid": "10745b16-79ce-11e8-11f9-7d13ad32a3b2", "name": "Statistics"}],
            "methods": [{"name": "g", "sig": "Tuple{typeof(g), Any}"}],
            "code": [{"method": {"pkg": "22222222-2222-3333-4444-555555555555", "name": "g", "sig": "Tuple{typeof(g), Any}"},
                      "spec": "Tuple{typeof(g), Int}", "world": [1, null],
                      "edges": [{"call": "Tuple{typeof(Statistics.mean), Statistics.MyWeights}"}]}]}"#,
    );
    let s_img = dir.path().join("S.pci");
    pack_file(&stats, &s_img, None).expect(0);
    pack_file(&dependent, &dir.path().join("D.pci"), Some(&[&s_img])).expect(0);
    let run = pack_file(&dependent, &dir.path().join("D2.pci"), Some(&[])).expect(1);
    assert!(
        run.stderr.contains("unknown type `Statistics.MyWeights`"),
        "{}",
        run.stderr
    );
    // Merged, both are analyzed: the dependency is present, not built in.
    let merged = dir.path().join("SD.pci");
    common::merge(&[&s_img, &dir.path().join("D.pci")], &merged, &[]).expect(0);
    let text = pcache(["invalidations".as_ref(), merged.as_os_str()]).expect(0);
    assert!(
        text.stdout.contains("2 packages analyzed, 0 not"),
        "{}",
        text.stdout
    );
}

/// Edges may name Base's built-in methods by key under Base's built-in id
/// (SPEC §11.2.1): such a package packs with `--deps` and no images, and a
/// package adding `+(::Int, ::Int)` supersedes the Base method instance
/// its code called, which `invalidations` names `@ Base` (base/staticdata.jl
/// `verify_call` on the method instance's spec finds the new method).
#[test]
fn an_edge_may_name_a_builtin_base_method() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    let base = "736291d9-de99-58b7-9b82-2a0f6ea57f21";
    let caller = write(
        "C.json",
        &format!(
            r#"{{"uuid": "33333333-2222-3333-4444-555555555555", "name": "C", "version": "1.0.0",
            "methods": [{{"name": "g", "sig": "Tuple{{typeof(g), Any}}"}}],
            "code": [{{"method": {{"pkg": "33333333-2222-3333-4444-555555555555", "name": "g", "sig": "Tuple{{typeof(g), Any}}"}},
                      "spec": "Tuple{{typeof(g), Int}}", "world": [1, null],
                      "edges": [{{"invoke": {{"pkg": "{base}", "name": "+", "sig": "Tuple{{typeof(+), T, T}} where T<:Base.BitInteger"}},
                                 "spec": "Tuple{{typeof(+), Int, Int}}"}}]}}]}}"#
        ),
    );
    let pirate = write(
        "P.json",
        r#"{"uuid": "44444444-2222-3333-4444-555555555555", "name": "P", "version": "1.0.0",
            "methods": [{"name": "Base.+", "sig": "Tuple{typeof(+), Int, Int}"}]}"#,
    );
    let c_img = dir.path().join("C.pci");
    let p_img = dir.path().join("P.pci");
    pack_file(&caller, &c_img, Some(&[])).expect(0);
    pack_file(&pirate, &p_img, Some(&[])).expect(0);
    let merged = dir.path().join("CP.pci");
    common::merge(&[&c_img, &p_img], &merged, &[]).expect(0);
    let text = pcache(["invalidations".as_ref(), merged.as_os_str()]).expect(0);
    assert!(
        text.stdout.contains(
            "superseding +(::T, ::T) where T<:BitInteger @ Base with +(::Int, ::Int) (1 children)"
        ),
        "{}",
        text.stdout
    );
    assert!(
        text.stdout.contains("2 packages analyzed, 0 not"),
        "{}",
        text.stdout
    );
}
