//! Invalidation analysis from images alone: packed single-package images are
//! merged by the real binary, and `pcache invalidations` reports what the
//! merged image records (SPEC.md §5.1, §11).

use std::path::{Path, PathBuf};
use std::process::Command;

use pcache_format::{
    model::{CodeInstance, Edge, MethodDef, MethodRef, Package},
    read::image::ImageFile,
    write::section::image_bytes,
};
use pcache_testkit::demo;
use uuid::Uuid;

fn uuid(n: u128) -> Uuid {
    Uuid::from_u128(0x1000 + n)
}

fn pkg(n: u128, name: &str, deps: &[(u128, &str)]) -> Package {
    Package {
        uuid: uuid(n),
        name: name.into(),
        version: "1.0.0".into(),
        deps: deps.iter().map(|&(d, dn)| demo::dep(uuid(d), dn)).collect(),
        roots: vec![],
        types: vec![],
        methods: vec![],
        code: vec![],
        ..Default::default()
    }
}

fn method(name: &str, sig: &str) -> MethodDef {
    MethodDef {
        name: name.into(),
        sig: sig.into(),
        ..Default::default()
    }
}

fn key(n: u128, name: &str, sig: &str) -> MethodRef {
    demo::method(uuid(n), name, sig)
}

fn code(m: MethodRef, spec: &str, edges: Vec<Edge>) -> CodeInstance {
    demo::code(m, spec, &[], edges, &[1])
}

fn base() -> Package {
    let mut b = pkg(1, "Base", &[]);
    b.types = [
        ("Number", "Any"),
        ("Integer", "Number"),
        ("Int", "Integer"),
        ("Bool", "Integer"),
        ("Char", "Any"),
    ]
    .iter()
    .map(|&(n, s)| demo::ty(n, s, &[]))
    .chain([demo::ty("Vector", "Any", &["T"])])
    .collect();
    b
}

/// Packs `pkgs`, merges them with the binary and returns the merged path.
fn merged(dir: &Path, pkgs: &[Package]) -> PathBuf {
    let mut args: Vec<PathBuf> = vec!["merge".into()];
    for p in pkgs {
        let path = dir.join(format!("{}.pci", p.name));
        std::fs::write(&path, image_bytes(p).unwrap()).unwrap();
        args.push(path);
    }
    let out = dir.join("merged.pci");
    args.push("-o".into());
    args.push(out.clone());
    let run = Command::new(env!("CARGO_BIN_EXE_pcache"))
        .args(&args)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    out
}

fn invalidations(path: &Path) -> String {
    let run = Command::new(env!("CARGO_BIN_EXE_pcache"))
        .arg("invalidations")
        .arg(path)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    String::from_utf8(run.stdout).unwrap()
}

/// (package name, code index, max_world) of every recorded invalidation.
fn recorded(path: &Path) -> Vec<(String, u32, u64)> {
    let file = ImageFile::open(path).unwrap();
    let image = file.image().unwrap();
    let record = image.invalidations().unwrap().unwrap().to_owned_record();
    record
        .entries
        .iter()
        .map(|e| {
            let meta = image.packages[e.package as usize].meta().unwrap();
            (meta.name().unwrap().to_owned(), e.code, e.max_world)
        })
        .collect()
}

#[test]
fn blackjack_tree_from_images() {
    let dir = tempfile::tempdir().unwrap();
    let path = merged(dir.path(), &demo::ecosystem());
    assert_eq!(
        invalidations(&path),
        "inserting score(::Char) @ BlackjackFacecards invalidated:\n   \
         mt_backedges: 1: signature Tuple{typeof(score), Any} triggered tallyscores(::Vector{Any}) @ Blackjack (1 children)\n                 \
         playgame() @ Blackjack\n\
         3 packages analyzed, 0 not\n"
    );
    // Base loads in world 1, Blackjack in 2, BlackjackFacecards in 3.
    assert_eq!(
        recorded(&path),
        vec![("Blackjack".into(), 1, 2), ("Blackjack".into(), 2, 2)]
    );
    let json = Command::new(env!("CARGO_BIN_EXE_pcache"))
        .args(["invalidations", "--json"])
        .arg(&path)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        v["trees"][0]["method"],
        "score(::Char) @ BlackjackFacecards"
    );
    assert_eq!(
        v["trees"][0]["mt_backedges"][0]["nodes"][1]["instance"],
        "playgame() @ Blackjack"
    );
}

#[test]
fn tallyscores_for_vector_int_is_not_invalidated() {
    let dir = tempfile::tempdir().unwrap();
    let path = merged(
        dir.path(),
        &[demo::base(), demo::blackjack_with("Int"), demo::facecards()],
    );
    assert!(recorded(&path).is_empty());
    assert!(invalidations(&path).starts_with("no invalidations"));
}

#[test]
fn applyf_any_is_invalidated_but_not_int() {
    let mut a = pkg(2, "A", &[(1, "Base")]);
    a.methods = vec![
        method("f", "Tuple{typeof(f), Int}"),
        method("applyf", "Tuple{typeof(applyf), Any}"),
    ];
    let k = key(2, "applyf", "Tuple{typeof(applyf), Any}");
    a.code = vec![
        code(
            k.clone(),
            "Tuple{typeof(applyf), Vector{Any}}",
            vec![demo::call("Tuple{typeof(f), Any}")],
        ),
        code(
            k,
            "Tuple{typeof(applyf), Vector{Int}}",
            vec![demo::call("Tuple{typeof(f), Int}")],
        ),
    ];
    let mut b = pkg(3, "B", &[(2, "A"), (1, "Base")]);
    b.methods = vec![method("f", "Tuple{typeof(f), Bool}")];
    let dir = tempfile::tempdir().unwrap();
    let path = merged(dir.path(), &[base(), a, b]);
    assert_eq!(recorded(&path), vec![("A".into(), 0, 2)]);
    assert!(invalidations(&path)
        .contains("signature Tuple{typeof(f), Any} triggered applyf(::Vector{Any}) @ A"));
}

#[test]
fn more_specific_convert_invalidates_callers_compiled_against_any() {
    let mut b = base();
    b.methods = vec![method(
        "convert",
        "Tuple{typeof(convert), Type{Tuple}, Any}",
    )];
    let conv_any = key(1, "convert", "Tuple{typeof(convert), Type{Tuple}, Any}");
    let mut v = pkg(2, "Vecs", &[(1, "Base")]);
    v.types = vec![demo::ty("Vec", "Any", &[])];
    v.methods = vec![method("totuple", "Tuple{typeof(totuple), Vec}")];
    let spec = "Tuple{typeof(convert), Type{Tuple}, Vec}";
    v.code = vec![code(
        key(2, "totuple", "Tuple{typeof(totuple), Vec}"),
        "Tuple{typeof(totuple), Vec}",
        vec![demo::invoke(conv_any, spec)],
    )];
    let mut w = pkg(3, "VecConvert", &[(2, "Vecs"), (1, "Base")]);
    w.methods = vec![method(
        "convert",
        "Tuple{typeof(convert), Type{Tuple}, Vec}",
    )];
    let dir = tempfile::tempdir().unwrap();
    let path = merged(dir.path(), &[b, v, w]);
    assert_eq!(recorded(&path), vec![("Vecs".into(), 0, 2)]);
    let text = invalidations(&path);
    assert!(
        text.contains("inserting convert(::Type{Tuple}, ::Vec) @ VecConvert invalidated:"),
        "{text}"
    );
    assert!(
        text.contains("superseding convert(::Type{Tuple}, ::Any) @ Base"),
        "{text}"
    );
}

/// A new method that makes an existing call ambiguous invalidates its
/// caller: re-matching the call signature in the merged world (Julia's
/// base/staticdata.jl `verify_call`, `_methods_by_ftype` with ambiguity
/// reporting) no longer gives the one method it matched when compiled.
#[test]
fn ambiguous_new_method_invalidates_its_caller() {
    let mut a = pkg(2, "A", &[(1, "Base")]);
    a.methods = vec![
        method("g", "Tuple{typeof(g), Int, Any}"),
        method("h", "Tuple{typeof(h), Any}"),
    ];
    a.code = vec![code(
        key(2, "h", "Tuple{typeof(h), Any}"),
        "Tuple{typeof(h), Int}",
        vec![demo::call("Tuple{typeof(g), Int, Int}")],
    )];
    let mut b = pkg(3, "B", &[(2, "A")]);
    b.methods = vec![method("A.g", "Tuple{typeof(g), Any, Int}")];
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        recorded(&merged(dir.path(), &[base(), a.clone(), b.clone()])),
        vec![("A".into(), 0, 2)]
    );
    // A strictly more specific method invalidates too.
    b.methods = vec![method("A.g", "Tuple{typeof(g), Int, Int}")];
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(recorded(&merged(dir.path(), &[base(), a, b])).len(), 1);
}

#[test]
fn invalidation_is_transitive_through_invoke_edges() {
    let mut a = pkg(2, "A", &[(1, "Base")]);
    a.methods = vec![
        method("f", "Tuple{typeof(f), Int}"),
        method("c0", "Tuple{typeof(c0), Any}"),
        method("c1", "Tuple{typeof(c1)}"),
        method("c2", "Tuple{typeof(c2)}"),
    ];
    let c0 = key(2, "c0", "Tuple{typeof(c0), Any}");
    let c1 = key(2, "c1", "Tuple{typeof(c1)}");
    a.code = vec![
        code(
            c0.clone(),
            "Tuple{typeof(c0), Vector{Any}}",
            vec![demo::call("Tuple{typeof(f), Any}")],
        ),
        code(
            c1.clone(),
            "Tuple{typeof(c1)}",
            vec![demo::invoke(c0, "Tuple{typeof(c0), Vector{Any}}")],
        ),
        code(
            key(2, "c2", "Tuple{typeof(c2)}"),
            "Tuple{typeof(c2)}",
            vec![demo::invoke(c1, "Tuple{typeof(c1)}")],
        ),
    ];
    let mut b = pkg(3, "B", &[(2, "A")]);
    b.methods = vec![method("A.f", "Tuple{typeof(f), Bool}")];
    let dir = tempfile::tempdir().unwrap();
    let path = merged(dir.path(), &[base(), a, b]);
    assert_eq!(
        recorded(&path),
        vec![("A".into(), 0, 2), ("A".into(), 1, 2), ("A".into(), 2, 2)]
    );
    // Each level beneath an entry two columns further in.
    assert_eq!(
        invalidations(&path),
        "inserting f(::Bool) @ B invalidated:\n   \
         mt_backedges: 1: signature Tuple{typeof(f), Any} triggered c0(::Vector{Any}) @ A (2 children)\n                 \
         c1() @ A\n                   \
         c2() @ A\n\
         3 packages analyzed, 0 not\n"
    );
}

/// A superseded invoke target: its callers start at the column after
/// `backedges: `, and what calls them two columns further in.
#[test]
fn backedges_list_callers_and_their_callers() {
    let mut b = base();
    b.methods = vec![method(
        "convert",
        "Tuple{typeof(convert), Type{Tuple}, Any}",
    )];
    let conv_any = key(1, "convert", "Tuple{typeof(convert), Type{Tuple}, Any}");
    let mut v = pkg(2, "Vecs", &[(1, "Base")]);
    v.types = vec![demo::ty("Vec", "Any", &[])];
    v.methods = vec![
        method("totuple", "Tuple{typeof(totuple), Vec}"),
        method("main", "Tuple{typeof(main)}"),
    ];
    let totuple = key(2, "totuple", "Tuple{typeof(totuple), Vec}");
    v.code = vec![
        code(
            totuple.clone(),
            "Tuple{typeof(totuple), Vec}",
            vec![demo::invoke(
                conv_any,
                "Tuple{typeof(convert), Type{Tuple}, Vec}",
            )],
        ),
        code(
            key(2, "main", "Tuple{typeof(main)}"),
            "Tuple{typeof(main)}",
            vec![demo::invoke(totuple, "Tuple{typeof(totuple), Vec}")],
        ),
    ];
    let mut w = pkg(3, "VecConvert", &[(2, "Vecs"), (1, "Base")]);
    w.methods = vec![method(
        "convert",
        "Tuple{typeof(convert), Type{Tuple}, Vec}",
    )];
    let dir = tempfile::tempdir().unwrap();
    let path = merged(dir.path(), &[b, v, w]);
    assert_eq!(
        invalidations(&path),
        "inserting convert(::Type{Tuple}, ::Vec) @ VecConvert invalidated:\n   \
         backedges: 1: superseding convert(::Type{Tuple}, ::Any) @ Base with convert(::Type{Tuple}, ::Vec) (2 children)\n              \
         totuple(::Vec) @ Vecs\n                \
         main() @ Vecs\n\
         3 packages analyzed, 0 not\n"
    );
}

/// Ten or more entries are numbered right-aligned, as SnoopCompile's
/// `showlist` prints them (`lpad(i, ndigits(n))`), continuation lines at
/// the column after `mt_backedges: `.
#[test]
fn tree_entries_are_numbered_as_snoopcompile_prints_them() {
    let mut a = pkg(2, "A", &[(1, "Base")]);
    a.types = (0..10)
        .map(|i| demo::ty(&format!("N{i}"), "Number", &[]))
        .collect();
    a.methods = vec![
        method("f", "Tuple{typeof(f), Any}"),
        method("caller", "Tuple{typeof(caller), Any}"),
    ];
    let caller = key(2, "caller", "Tuple{typeof(caller), Any}");
    a.code = (0..10)
        .map(|i| {
            code(
                caller.clone(),
                &format!("Tuple{{typeof(caller), N{i}}}"),
                vec![demo::call(&format!("Tuple{{typeof(f), N{i}}}"))],
            )
        })
        .collect();
    let mut b = pkg(3, "B", &[(2, "A"), (1, "Base")]);
    b.methods = vec![method("A.f", "Tuple{typeof(f), Number}")];
    let dir = tempfile::tempdir().unwrap();
    let text = invalidations(&merged(dir.path(), &[base(), a, b]));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 12, "{text}");
    assert_eq!(lines[0], "inserting f(::Number) @ B invalidated:");
    assert_eq!(
        lines[1],
        "   mt_backedges:  1: signature Tuple{typeof(f), N0} triggered caller(::N0) @ A (0 children)"
    );
    assert_eq!(
        lines[10],
        "                 10: signature Tuple{typeof(f), N9} triggered caller(::N9) @ A (0 children)"
    );
}

#[test]
fn every_input_order_gives_the_same_merged_image() {
    let pkgs = demo::ecosystem();
    let dir = tempfile::tempdir().unwrap();
    let orders: [[usize; 3]; 6] = [
        [0, 1, 2],
        [0, 2, 1],
        [1, 0, 2],
        [1, 2, 0],
        [2, 0, 1],
        [2, 1, 0],
    ];
    let mut outputs = Vec::new();
    for (i, order) in orders.iter().enumerate() {
        let sub = dir.path().join(i.to_string());
        std::fs::create_dir(&sub).unwrap();
        let shuffled: Vec<Package> = order.iter().map(|&k| pkgs[k].clone()).collect();
        outputs.push(std::fs::read(merged(&sub, &shuffled)).unwrap());
    }
    assert!(outputs.windows(2).all(|w| w[0] == w[1]));
}
