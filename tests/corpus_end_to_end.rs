//! Real data end to end (issue 12, part 4): the 19 public Julia packages of
//! `typesys/tests/data/julia-corpus` (converted from source by a crude
//! extractor, see the README there) through `pack`, `pack --deps`, `merge`,
//! `verify`, `unpack` and `invalidations` of the built binary.
//!
//! The documents hold things Julia could not have produced: a run-time
//! expression copied as a signature, types used with parameters the
//! extractor did not capture, names imported with `using` (which it does
//! not record), call edges naming a local variable (`f(x)` recorded as a
//! call of `typeof(f)`). pcache must refuse each of them, and the tests
//! below assert exactly which refusals happen and why.
//!
//! The *repaired set* (`repaired_set_packs_with_deps_and_merges`) stands in
//! for a real exporter, which writes the types Julia resolved: from each
//! document it derives a copy without exactly the items pcache's own
//! resolution refuses (a type whose supertype does not resolve; a method
//! whose signature does not resolve, with its code instances; a code
//! instance whose specialization does not resolve; an edge whose call does
//! not resolve), one refusal at a time (the library's
//! `pcache_typesys::check_package` against the repaired closure, which is
//! what `pack --deps` runs), and counts
//! what it removed per package and kind. It never loosens a pcache rule:
//! every repaired document still goes through `pcache pack --deps` with the
//! unchanged checks, and the counts are asserted exactly, so a change in
//! the extractor data or in pcache's rules shows up here.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::{merge, pcache, verify, Run};
use pcache_format::model::decl::decl_of_package;
use pcache_format::model::Package;
use pcache_typesys::builtin_packages::builtin_package;
use pcache_typesys::{DeclError, DeclErrorKind};
use serde_json::Value;

/// The in-repo copy of the corpus (tests never read `/work/shared`).
fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../typesys/tests/data/julia-corpus")
}

const NAMES: [&str; 19] = [
    "Accessors",
    "Adapt",
    "BenchmarkTools",
    "ChainRulesCore",
    "Combinatorics",
    "ConstructionBase",
    "DiffRules",
    "Distributions",
    "ForwardDiff",
    "InlineStrings",
    "MacroTools",
    "NaNMath",
    "OffsetArrays",
    "Polynomials",
    "ProgressMeter",
    "QuadGK",
    "StaticArrays",
    "Statistics",
    "TimerOutputs",
];

/// The packages whose dependencies are all in the set or built in, in an
/// order with dependencies first (Adapt before OffsetArrays).
const RESOLVABLE: [&str; 7] = [
    "Adapt",
    "Combinatorics",
    "ConstructionBase",
    "MacroTools",
    "OffsetArrays",
    "ProgressMeter",
    "Statistics",
];

fn doc_path(name: &str) -> PathBuf {
    corpus_dir().join(format!("{name}.json"))
}

fn load(name: &str) -> Package {
    Package::from_json(&std::fs::read(doc_path(name)).unwrap()).unwrap()
}

fn load_all() -> BTreeMap<&'static str, Package> {
    NAMES.iter().map(|&n| (n, load(n))).collect()
}

fn os(p: &Path) -> &std::ffi::OsStr {
    p.as_os_str()
}

/// `pcache pack doc [--deps deps...] -o out`.
fn pack(doc: &Path, deps: &[PathBuf], out: &Path) -> Run {
    let mut args: Vec<&std::ffi::OsStr> = vec!["pack".as_ref(), os(doc)];
    if !deps.is_empty() {
        args.push("--deps".as_ref());
        args.extend(deps.iter().map(|p| os(p)));
    }
    args.extend(["-o".as_ref(), os(out)]);
    pcache(args)
}

/// Packs every raw document into `dir`; the images of those that pack.
fn pack_raw(
    dir: &Path,
) -> (
    BTreeMap<&'static str, PathBuf>,
    BTreeMap<&'static str, String>,
) {
    let mut ok = BTreeMap::new();
    let mut failed = BTreeMap::new();
    for name in NAMES {
        let out = dir.join(format!("{name}.pci"));
        let run = pack(&doc_path(name), &[], &out);
        assert!(!run.stderr.contains("panicked"), "{name}: {}", run.stderr);
        match run.code {
            0 => {
                ok.insert(name, out);
            }
            1 => {
                failed.insert(name, run.stderr);
            }
            c => panic!("{name}: exit {c}\n{}", run.stderr),
        }
    }
    (ok, failed)
}

// ---------------------------------------------------------------- 1. pack

#[test]
fn every_document_packs_except_what_julia_could_not_have_produced() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, failed) = pack_raw(dir.path());
    let want_ok: Vec<&str> = NAMES
        .iter()
        .copied()
        .filter(|&n| n != "BenchmarkTools")
        .collect();
    assert_eq!(ok.keys().copied().collect::<Vec<_>>(), want_ok);
    // BenchmarkTools: `JSON.lower(x::Union{values(SUPPORTED_TYPES)...})` is a
    // signature computed at run time (a splat of a dictionary's values);
    // the extractor copied the expression as text, Julia would have
    // evaluated it to a Union of concrete types.
    assert_eq!(
        failed.keys().copied().collect::<Vec<_>>(),
        ["BenchmarkTools"]
    );
    assert_eq!(
        failed["BenchmarkTools"],
        format!(
            "error: {}: package BenchmarkTools: method JSON.lower: syntax error at byte 38: \
             unexpected `(`, expected `,` or `}}` in \
             `Tuple{{typeof(JSON.lower), Union{{values(SUPPORTED_TYPES)...}}}}`\n",
            doc_path("BenchmarkTools").display()
        )
    );
}

// --------------------------------------------------------- 2. pack --deps

/// The dependencies of `name`'s closure that are neither in the set nor
/// built in, as `pack --deps` names them (by name, then uuid).
fn missing_closure(docs: &BTreeMap<&'static str, Package>, name: &str) -> Vec<(String, String)> {
    let by_uuid: BTreeMap<_, _> = docs.values().map(|p| (p.uuid, p)).collect();
    let mut seen = BTreeSet::new();
    let mut stack = vec![&docs[name]];
    let mut missing = BTreeSet::new();
    while let Some(p) = stack.pop() {
        for d in &p.deps {
            if !seen.insert(d.uuid) {
                continue;
            }
            if let Some(q) = by_uuid.get(&d.uuid) {
                stack.push(q);
            } else if builtin_package(d.uuid.as_bytes()).is_none() {
                missing.insert((d.name.clone(), d.uuid.to_string()));
            }
        }
    }
    missing.into_iter().collect()
}

/// What `pack X.json --deps <all other raw images>` says for each package
/// whose dependency closure is in the set or built in (after
/// `error: PATH: `), each classified.
fn deps_errors() -> BTreeMap<&'static str, String> {
    [
        // Extractor artifact, a name imported with `using`: Adapt's source
        // says `using Base.Broadcast: Broadcasted` and then writes the
        // bare `Broadcasted{Style}`; the extractor does not record `using`.
        (
            "Adapt",
            "package Adapt: method adapt_structure: unknown type `Broadcasted` in \
             `Tuple{typeof(adapt_structure), Any, Broadcasted{Style}} where Style`",
        ),
        // Extractor artifact, type parameters not captured: the document
        // declares `MultiSetCombinations` without its parameter `T`.
        (
            "Combinatorics",
            "package Combinatorics: method Base.eltype: `MultiSetCombinations` takes no \
             parameters, in `Tuple{typeof(Base.eltype), Type{MultiSetCombinations{T}}} where {T}`",
        ),
        // Version skew, not a pcache bug: `Base.Fix` is a type Julia 1.12
        // added, while the built-in declarations are Julia 1.11's
        // (`typesys/builtin/julia-1.11.jl`); a 1.11 build of ConstructionBase
        // could not have defined this method.
        (
            "ConstructionBase",
            "package ConstructionBase: method constructorof: unknown type `Base.Fix` in \
             `Tuple{typeof(constructorof), Type{<:Base.Fix{N}}} where {N}`",
        ),
        // Extractor artifact, a call of a local variable: `f(x)` with `f` an
        // argument recorded as a call edge on `typeof(f)`.
        (
            "MacroTools",
            "package MacroTools: code 2 (atoms) edge 2: unknown function `f` in \
             `Tuple{typeof(f), Any}`",
        ),
        // Its dependency Adapt does not resolve (the `using` artifact above):
        // pack --deps resolves the whole closure.
        (
            "OffsetArrays",
            "package Adapt: method adapt_structure: unknown type `Broadcasted` in \
             `Tuple{typeof(adapt_structure), Any, Broadcasted{Style}} where Style`",
        ),
        // Extractor artifact, type parameters not captured (`ProgressThresh{T}`).
        (
            "ProgressMeter",
            "package ProgressMeter: method ProgressThresh: `ProgressThresh` takes no \
             parameters, in `Tuple{Type{ProgressThresh{T}}, Any} where T`",
        ),
        // Extractor artifact, a call of a local variable (`f` an argument of `mean`).
        (
            "Statistics",
            "package Statistics: code 1 (mean) edge 3: unknown function `f` in \
             `Tuple{typeof(f), Any}`",
        ),
    ]
    .into_iter()
    .map(|(n, m)| (n, m.to_string()))
    .collect()
}

#[test]
fn pack_with_deps_resolves_or_names_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let docs = load_all();
    let (images, _) = pack_raw(dir.path());
    let mut results: BTreeMap<&str, String> = BTreeMap::new();
    for name in NAMES {
        let deps: Vec<PathBuf> = images
            .iter()
            .filter(|(n, _)| **n != name)
            .map(|(_, p)| p.clone())
            .collect();
        let out = dir.path().join(format!("{name}-deps.pci"));
        let run = pack(&doc_path(name), &deps, &out);
        assert!(!run.stderr.contains("panicked"), "{name}: {}", run.stderr);
        let missing = missing_closure(&docs, name);
        assert_eq!(
            missing.is_empty(),
            RESOLVABLE.contains(&name),
            "{name}: {missing:?}"
        );
        if !missing.is_empty() {
            // Not an extractor artifact: these packages are simply not in the set.
            let list: Vec<String> = missing.iter().map(|(n, u)| format!("{n} ({u})")).collect();
            let head = if missing.len() == 1 {
                "one package of the dependency closure is in none of the --deps images and not built in"
            } else {
                "packages of the dependency closure are in none of the --deps images and not built in"
            };
            assert_eq!(
                (run.code, run.stderr.as_str()),
                (
                    1,
                    format!(
                        "error: {head}: {}\n  hint: add the images that hold them to --deps\n",
                        list.join(", ")
                    )
                    .as_str()
                ),
                "{name}"
            );
            continue;
        }
        let prefix = format!("error: {}: ", doc_path(name).display());
        let msg = match run.code {
            0 => "ok".to_string(),
            1 => run
                .stderr
                .strip_prefix(&prefix)
                .unwrap_or_else(|| panic!("{name}: {}", run.stderr))
                .trim_end()
                .to_string(),
            c => panic!("{name}: exit {c}: {}", run.stderr),
        };
        results.insert(name, msg);
    }
    assert_eq!(results, deps_errors());
}

// ---------------------------------------------------- 3. the repaired set

/// What the repair removed from one package, per kind of item.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Removed {
    /// Type declarations that do not resolve (a parametric supertype
    /// written without parameters: the extractor drops them).
    types: usize,
    /// Methods whose signature does not resolve (or parse).
    methods: usize,
    /// Code instances of those methods, removed with them.
    code_of_methods: usize,
    /// Code instances whose own specialization does not resolve.
    code: usize,
    /// Edges whose call does not resolve.
    edges: usize,
}

fn removed(
    types: usize,
    methods: usize,
    code_of_methods: usize,
    code: usize,
    edges: usize,
) -> Removed {
    Removed {
        types,
        methods,
        code_of_methods,
        code,
        edges,
    }
}

/// The variant name of a resolution error (`UnknownType`, `Arity`, ...).
fn kind_name(e: &DeclError) -> String {
    let k: &DeclErrorKind = &e.kind;
    let d = format!("{k:?}");
    d.split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap()
        .to_string()
}

/// Removes from `p` exactly the item `e` names; panics on an error the
/// repair does not know how to attribute to one item (it never guesses).
fn remove_named(
    p: &mut Package,
    e: &DeclError,
    r: &mut Removed,
    why: &mut BTreeMap<String, usize>,
) {
    assert_eq!(e.package, p.name, "a dependency does not resolve: {e}");
    if let Some(name) = e.context.strip_prefix("method ") {
        let i = p
            .methods
            .iter()
            .position(|m| m.name == name && m.sig == e.text)
            .unwrap_or_else(|| panic!("{}: no method for the error {e}", p.name));
        let m = p.methods.remove(i);
        let before = p.code.len();
        let uuid = p.uuid;
        p.code.retain(|c| {
            !(c.method.pkg == uuid && c.method.name == m.name && c.method.sig == m.sig)
        });
        r.methods += 1;
        r.code_of_methods += before - p.code.len();
        *why.entry(format!("method: {}", kind_name(e))).or_default() += 1;
    } else if let Some(rest) = e.context.strip_prefix("code ") {
        let ci: usize = rest.split(' ').next().unwrap().parse().unwrap();
        if let Some((_, ei)) = rest.split_once(") edge ") {
            let ei: usize = ei.parse().unwrap();
            p.code[ci].edges.remove(ei);
            r.edges += 1;
            *why.entry(format!("edge: {}", kind_name(e))).or_default() += 1;
        } else {
            p.code.remove(ci);
            r.code += 1;
            *why.entry(format!("code: {}", kind_name(e))).or_default() += 1;
        }
    } else if let Some(name) = e.context.strip_prefix("type ") {
        let i = p
            .types
            .iter()
            .position(|t| t.name == name)
            .unwrap_or_else(|| panic!("{}: no type for the error {e}", p.name));
        p.types.remove(i);
        r.types += 1;
        *why.entry(format!("type: {}", kind_name(e))).or_default() += 1;
    } else {
        panic!("{}: the repair cannot attribute {e}", p.name);
    }
}

/// A copy of `pkg` without the items pcache's resolution refuses: against
/// `closure` (the repaired packages of its dependency closure in the set;
/// the built-in packages are always there), or by syntax alone (`None`)
/// for a package whose closure is not in the set.
fn repair(
    pkg: &Package,
    closure: Option<&[Package]>,
) -> (Package, Removed, BTreeMap<String, usize>) {
    let deps: Option<Vec<_>> = closure.map(|c| c.iter().map(decl_of_package).collect());
    let mut p = pkg.clone();
    let mut r = Removed::default();
    let mut why = BTreeMap::new();
    loop {
        let decl = decl_of_package(&p);
        let res = match &deps {
            None => pcache_typesys::check_syntax(&decl),
            Some(d) => pcache_typesys::check_package(&decl, d),
        };
        match res {
            Ok(()) => return (p, r, why),
            Err(e) => remove_named(&mut p, &e, &mut r, &mut why),
        }
    }
}

/// The packages of the set that `name` depends on, transitively.
fn closure_in_set(docs: &BTreeMap<&'static str, Package>, name: &str) -> Vec<&'static str> {
    let by_uuid: BTreeMap<_, _> = docs.iter().map(|(n, p)| (p.uuid, *n)).collect();
    let mut out = BTreeSet::new();
    let mut stack = vec![name];
    while let Some(n) = stack.pop() {
        for d in &docs[n].deps {
            if let Some(&q) = by_uuid.get(&d.uuid) {
                if out.insert(q) {
                    stack.push(q);
                }
            }
        }
    }
    out.into_iter().collect()
}

/// Per package: what the repair removed, and how many resolution errors of
/// each kind (`edge: UnknownFunction`) named those items.
type Repairs = BTreeMap<&'static str, (Removed, BTreeMap<String, usize>)>;

/// Per package: what was removed and the errors by kind, as asserted.
type RepairSummary<'a> = BTreeMap<&'a str, (Removed, Vec<(&'a str, usize)>)>;

/// The repaired set: the resolvable packages repaired against their
/// (repaired) closure, the others by syntax alone.
fn repaired_set() -> (BTreeMap<&'static str, Package>, Repairs) {
    let docs = load_all();
    let mut out: BTreeMap<&'static str, Package> = BTreeMap::new();
    let mut counts = BTreeMap::new();
    for name in RESOLVABLE {
        // RESOLVABLE lists dependencies first, so the closure is repaired.
        let closure: Vec<Package> = closure_in_set(&docs, name)
            .iter()
            .map(|d| out[d].clone())
            .collect();
        let (p, r, why) = repair(&docs[name], Some(&closure));
        out.insert(name, p);
        counts.insert(name, (r, why));
    }
    for name in NAMES.iter().filter(|n| !RESOLVABLE.contains(n)) {
        let (p, r, why) = repair(&docs[name], None);
        out.insert(name, p);
        counts.insert(name, (r, why));
    }
    (out, counts)
}

// ------------------------------------------------------------ 4. merge

/// Names of the packages a merged image's `invalidations --json` left out,
/// with the kind of reason (the resolution error's text is asserted by the
/// pack --deps test).
fn reason_kind(reason: &str) -> String {
    if reason.starts_with("its declarations do not resolve: ") {
        return "declarations do not resolve".into();
    }
    if let Some(rest) = reason.strip_prefix("its dependency ") {
        if let Some(dep) = rest.strip_suffix(" is not analyzed") {
            return format!("dependency {dep} not analyzed");
        }
        if let Some(dep) = rest.strip_suffix(" is not in this image") {
            let name = dep.split(" (").next().unwrap();
            return format!("dependency {name} missing");
        }
    }
    panic!("unknown reason: {reason}")
}

/// What the analysis of a merged image reported.
struct Analysis {
    analyzed: u64,
    not_analyzed: BTreeMap<String, String>,
    invalidated: usize,
    /// Invalidated code instances per package.
    per_package: BTreeMap<String, usize>,
    /// The `pcache invalidations` report.
    report: String,
}

/// Merges `images` (name -> image) in two orders and as two halves merged
/// again, asserts the same bytes, verifies (also `--deep`), round-trips
/// every package through `unpack --dir` and `pack`, and reads
/// `invalidations`.
fn merge_everything(dir: &Path, images: &BTreeMap<&'static str, PathBuf>) -> Analysis {
    let all: Vec<&Path> = images.values().map(|p| p.as_path()).collect();
    let rev: Vec<&Path> = all.iter().rev().copied().collect();
    let a = dir.join("all.pci");
    let b = dir.join("all-reversed.pci");
    merge(&all, &a, &[]).expect(0);
    merge(&rev, &b, &[]).expect(0);
    // Halves: every other package, so that dependencies and dependents are split.
    let odd: Vec<&Path> = all.iter().copied().skip(1).step_by(2).collect();
    let even: Vec<&Path> = all.iter().copied().step_by(2).rev().collect();
    let h1 = dir.join("half1.pci");
    let h2 = dir.join("half2.pci");
    merge(&odd, &h1, &[]).expect(0);
    merge(&even, &h2, &[]).expect(0);
    let g = dir.join("grouped.pci");
    merge(&[&h2, &h1], &g, &[]).expect(0);
    let bytes = std::fs::read(&a).unwrap();
    assert!(
        bytes == std::fs::read(&b).unwrap(),
        "two orders gave different files"
    );
    assert!(
        bytes == std::fs::read(&g).unwrap(),
        "merging two halves gave another file"
    );

    let v = verify(&a).expect(0);
    assert!(
        v.stdout
            .contains(&format!("ok (merged, {} packages)", images.len())),
        "{}",
        v.stdout
    );
    pcache(["verify".as_ref(), "--deep".as_ref(), os(&a)]).expect(0);

    // unpack, re-pack each package document: the very image that was merged.
    let un = dir.join("unpacked");
    pcache(["unpack".as_ref(), "--dir".as_ref(), os(&un), os(&a)]).expect(0);
    for (name, img) in images {
        let doc = un.join(format!("{name}.json"));
        let again = dir.join(format!("{name}-again.pci"));
        pack(&doc, &[], &again).expect(0);
        assert!(
            std::fs::read(&again).unwrap() == std::fs::read(img).unwrap(),
            "{name}: unpack of the merged image and pack differ from the image merged"
        );
    }

    let text = pcache(["invalidations".as_ref(), os(&a)]).expect(0);
    let json = pcache(["invalidations".as_ref(), "--json".as_ref(), os(&a)]).expect(0);
    let j: Value = serde_json::from_str(&json.stdout).unwrap();
    let analyzed = j["packages_analyzed"].as_u64().unwrap();
    let not: Vec<&Value> = j["not_analyzed"].as_array().unwrap().iter().collect();
    let summary = format!("{analyzed} packages analyzed, {} not", not.len());
    assert!(text.stdout.contains(&summary), "{summary}\n{}", text.stdout);
    let mut not_analyzed = BTreeMap::new();
    for n in not {
        let name = n["name"].as_str().unwrap();
        let reason = n["reason"].as_str().unwrap();
        assert!(
            text.stdout
                .contains(&format!("  not analyzed: {name}: {reason}\n")),
            "{name}: {reason}\n{}",
            text.stdout
        );
        assert!(not_analyzed
            .insert(name.to_string(), reason_kind(reason))
            .is_none());
    }
    assert_eq!(analyzed as usize + not_analyzed.len(), images.len());

    // inspect says the same, and names the packages of the invalidated code.
    let ins = pcache(["inspect".as_ref(), "--json".as_ref(), os(&a)]).expect(0);
    let ins: Value = serde_json::from_str(&ins.stdout).unwrap();
    let invalidated = j["invalidated"].as_array().unwrap();
    assert_eq!(
        ins["invalidations"]["packages_analyzed"].as_u64(),
        Some(analyzed)
    );
    assert_eq!(
        ins["invalidations"]["invalidated"].as_u64(),
        Some(invalidated.len() as u64)
    );
    let names: BTreeMap<&str, &str> = ins["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["uuid"].as_str().unwrap(), p["name"].as_str().unwrap()))
        .collect();
    let mut per_package = BTreeMap::new();
    for i in invalidated {
        let name = names[i["package"].as_str().unwrap()].to_string();
        assert!(
            !not_analyzed.contains_key(&name),
            "{name} was not analyzed but has invalidated code"
        );
        *per_package.entry(name).or_default() += 1;
    }
    Analysis {
        analyzed,
        not_analyzed,
        invalidated: invalidated.len(),
        per_package,
        report: text.stdout,
    }
}

fn kinds(v: &[(&str, &str)]) -> BTreeMap<String, String> {
    v.iter()
        .map(|(n, k)| (n.to_string(), k.to_string()))
        .collect()
}

/// The packages left out for a dependency not in the set (the same for the
/// raw and the repaired set).
const MISSING: [(&str, &str); 8] = [
    ("ChainRulesCore", "dependency Compat missing"),
    ("DiffRules", "dependency SpecialFunctions missing"),
    ("ForwardDiff", "dependency DiffResults missing"),
    ("InlineStrings", "dependency Parsers missing"),
    ("NaNMath", "dependency OpenLibm_jll missing"),
    ("Polynomials", "dependency OrderedCollections missing"),
    ("QuadGK", "dependency DataStructures missing"),
    ("TimerOutputs", "dependency PrettyTables missing"),
];

#[test]
fn raw_set_merges_identically_verifies_and_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let (images, _) = pack_raw(dir.path());
    let got = merge_everything(dir.path(), &images);
    // Nothing resolves on the raw data: the seven packages whose closure is
    // in the set each hold an extractor artifact (see the pack --deps
    // test), and every other package misses a dependency or depends on one
    // of those.
    assert_eq!(got.analyzed, 0);
    let mut want = kinds(&MISSING);
    want.extend(kinds(&[
        ("Accessors", "dependency ConstructionBase not analyzed"),
        ("Adapt", "declarations do not resolve"),
        ("Combinatorics", "declarations do not resolve"),
        ("ConstructionBase", "declarations do not resolve"),
        ("Distributions", "dependency Statistics not analyzed"),
        ("MacroTools", "declarations do not resolve"),
        ("OffsetArrays", "dependency Adapt not analyzed"),
        ("ProgressMeter", "declarations do not resolve"),
        ("StaticArrays", "dependency Statistics not analyzed"),
        ("Statistics", "declarations do not resolve"),
    ]));
    assert_eq!(got.not_analyzed, want);
    assert_eq!(got.invalidated, 0);
    assert!(got.per_package.is_empty());
}

#[test]
fn repaired_set_packs_with_deps_and_merges() {
    let dir = tempfile::tempdir().unwrap();
    let start = std::time::Instant::now();
    let (set, counts) = repaired_set();
    eprintln!("repair: {:?}", start.elapsed());
    for (name, (r, why)) in &counts {
        eprintln!("repaired {name}: {r:?} {why:?}");
    }
    let got: RepairSummary = counts
        .iter()
        .filter(|(_, (r, _))| *r != Removed::default())
        .map(|(n, (r, why))| {
            (
                *n,
                (*r, why.iter().map(|(k, c)| (k.as_str(), *c)).collect()),
            )
        })
        .collect();
    // (types, methods, code instances of those methods, code instances,
    // edges) removed, and the resolution errors that named them. Every
    // package not listed lost nothing (the twelve whose closure is not in
    // the set are checked by syntax alone).
    let want: RepairSummary = [
        // `using Base.Broadcast: Broadcasted` not recorded (4 methods).
        (
            "Adapt",
            (removed(0, 4, 4, 0, 0), vec![("method: UnknownType", 4)]),
        ),
        // The run-time computed signature (see the pack test).
        (
            "BenchmarkTools",
            (removed(0, 1, 1, 0, 0), vec![("method: Parse", 1)]),
        ),
        // Type parameters not captured; calls of local variables.
        (
            "Combinatorics",
            (
                removed(0, 5, 5, 0, 14),
                vec![
                    ("edge: UnknownFunction", 12),
                    ("edge: UnknownType", 2),
                    ("method: Invalid", 5),
                ],
            ),
        ),
        // `Base.Fix` (Julia 1.12).
        (
            "ConstructionBase",
            (removed(0, 1, 1, 0, 0), vec![("method: UnknownType", 1)]),
        ),
        // Calls of local variables.
        (
            "MacroTools",
            (removed(0, 0, 0, 0, 10), vec![("edge: UnknownFunction", 10)]),
        ),
        // `struct OffsetArray <: AbstractArray` and `struct IdOffsetRange <:
        // AbstractUnitRange`: the supertypes' parameters (`{T,N}`, `{T}`)
        // were not captured, and Julia refuses a bare parametric supertype
        // too; the methods naming those types go with them (and 13 edges:
        // calls of local variables and of unknown types).
        (
            "OffsetArrays",
            (
                removed(2, 141, 141, 0, 13),
                vec![
                    ("edge: UnknownFunction", 8),
                    ("edge: UnknownType", 5),
                    ("method: Invalid", 32),
                    ("method: UnknownType", 109),
                    ("type: Invalid", 2),
                ],
            ),
        ),
        // Type parameters not captured; calls of local variables.
        (
            "ProgressMeter",
            (
                removed(0, 3, 3, 0, 9),
                vec![
                    ("edge: UnknownFunction", 7),
                    ("edge: UnknownType", 2),
                    ("method: Invalid", 1),
                    ("method: UnknownFunction", 2),
                ],
            ),
        ),
        // Calls of local variables (`f` an argument of `mean`, ...).
        (
            "Statistics",
            (removed(0, 0, 0, 0, 12), vec![("edge: UnknownFunction", 12)]),
        ),
    ]
    .into_iter()
    .collect();
    assert_eq!(got, want);

    // Every repaired document packs; those whose closure is in the set
    // also with --deps of all the other repaired images (the unchanged rules).
    let mut images = BTreeMap::new();
    for (name, p) in &set {
        let doc = dir.path().join(format!("{name}.json"));
        std::fs::write(&doc, p.to_json()).unwrap();
        let img = dir.path().join(format!("{name}.pci"));
        pack(&doc, &[], &img).expect(0);
        images.insert(*name, img);
    }
    for name in RESOLVABLE {
        let deps: Vec<PathBuf> = images
            .iter()
            .filter(|(n, _)| **n != name)
            .map(|(_, p)| p.clone())
            .collect();
        let doc = dir.path().join(format!("{name}.json"));
        let out = dir.path().join(format!("{name}-deps.pci"));
        pack(&doc, &deps, &out).expect(0);
        assert!(
            std::fs::read(&out).unwrap() == std::fs::read(&images[name]).unwrap(),
            "{name}: --deps changed the image"
        );
    }

    let got = merge_everything(dir.path(), &images);
    eprintln!(
        "repaired set: {} analyzed, {:?} not, {} code instances invalidated",
        got.analyzed, got.not_analyzed, got.invalidated
    );
    eprintln!("{}", got.report);
    assert_eq!(got.analyzed, 7);
    // The seven packages whose closure is in the set resolve once
    // repaired; the others each miss a dependency that is not in the set.
    let mut want = kinds(&MISSING);
    want.extend(kinds(&[
        ("Accessors", "dependency InverseFunctions missing"),
        ("BenchmarkTools", "dependency Compat missing"),
        ("Distributions", "dependency FillArrays missing"),
        ("StaticArrays", "dependency StaticArraysCore missing"),
    ]));
    assert_eq!(got.not_analyzed, want);
    // Loading the seven together invalidates 110 of their code instances:
    // each defines methods of Base functions for its own types
    // (`length(::Combinations)`, `axes(::ProgressWrapper, ...)`,
    // `zeros(::Type{T}, ::NTuple{N, ...})`, ...), and the extractor records
    // every call as `Tuple{typeof(f), Any...}`, which such a method
    // intersects, so the other packages' code that calls `length`, `axes`,
    // `eltype`, ... loses its compiled dispatch (Julia's mt_backedges). With
    // the concrete call signatures Julia infers, far fewer would be. No
    // trees have children: the extractor records no edges between a
    // package's own code instances.
    assert_eq!(got.invalidated, 110);
    assert_eq!(
        got.per_package,
        [
            ("Adapt", 6),
            ("Combinatorics", 34),
            ("ConstructionBase", 3),
            ("MacroTools", 11),
            ("OffsetArrays", 15),
            ("ProgressMeter", 15),
            ("Statistics", 26),
        ]
        .into_iter()
        .map(|(n, c)| (n.to_string(), c))
        .collect()
    );
}

/// The reason `invalidations` gives for a package whose declarations do not
/// resolve is the resolution error `pack --deps` reports for it, naming
/// code instances by their index in the document (for Statistics, edge 3
/// of code instance 1, `mean(f, itr)`), not by their index in the slice
/// the analysis resolved (it once said `code 0`).
#[test]
fn not_analyzed_reason_names_the_document_code_index() {
    let dir = tempfile::tempdir().unwrap();
    let (images, _) = pack_raw(dir.path());
    let all: Vec<&Path> = images.values().map(|p| p.as_path()).collect();
    let m = dir.path().join("all.pci");
    merge(&all, &m, &[]).expect(0);
    let json = pcache(["invalidations".as_ref(), "--json".as_ref(), os(&m)]).expect(0);
    let j: Value = serde_json::from_str(&json.stdout).unwrap();
    let mut got = BTreeMap::new();
    for n in j["not_analyzed"].as_array().unwrap() {
        let reason = n["reason"].as_str().unwrap();
        if let Some(e) = reason.strip_prefix("its declarations do not resolve: ") {
            got.insert(n["name"].as_str().unwrap().to_string(), e.to_string());
        }
    }
    let want: BTreeMap<String, String> = deps_errors()
        .into_iter()
        .filter(|(n, _)| *n != "OffsetArrays")
        .map(|(n, e)| (n.to_string(), e))
        .collect();
    assert_eq!(got, want);
}
