//! Behavioural tests: the tutorial scenarios, ambiguity, transitivity,
//! order independence, name resolution and subtyping laws.

use crate::support::{self, call, key, lines, meth, orders, outline, pkg, uuid};
use pcache_typesys::analysis::{analyze as analyze_whole, Analysis, Cause};
use pcache_typesys::slice::analyze_sliced;
use pcache_typesys::world::DeclError;

/// The analysis of the whole, checked against the analysis of the slice
/// (which must agree whenever the whole resolves).
fn analyze(packages: &[PackageDecl]) -> Result<Analysis, DeclError> {
    let whole = analyze_whole(packages);
    if let Ok(a) = &whole {
        assert_eq!(&analyze_sliced(packages).unwrap(), a, "slice disagrees");
    }
    whole
}
use pcache_typesys::decl::*;
use pcache_typesys::types::{intersect, subtype, Ty};
use pcache_typesys::world::{check_package, check_syntax, DeclErrorKind, Universe};

/// A type declared without a kind (as documents before format 3 write it).
fn ty(name: &str, params: &[&str], sup: &str) -> TypeDecl {
    support::ty(name, params, sup, None)
}

fn code(k: MethodKey, spec: &str, edges: Vec<EdgeDecl>) -> CodeDecl {
    support::code(&k, spec, edges)
}

fn invoke(k: MethodKey, spec: &str) -> EdgeDecl {
    support::invoke(&k, spec)
}

fn base() -> PackageDecl {
    let mut b = pkg(1, "Base", &[]);
    b.types = vec![
        ty("Number", &[], "Any"),
        ty("Integer", &[], "Number"),
        ty("Int", &[], "Integer"),
        ty("Bool", &[], "Integer"),
        ty("Char", &[], "Any"),
        ty("AbstractVector", &["T"], "Any"),
        ty("Vector", &["T"], "AbstractVector{T}"),
    ];
    b
}

/// Blackjack ecosystem; `spec_arg` is the element type tallyscores was
/// compiled for and `edge_arg` the inferred argument type of `score`.
fn blackjack(spec_arg: &str, edge_arg: &str) -> Vec<PackageDecl> {
    let mut bj = pkg(2, "Blackjack", &[1]);
    bj.methods = vec![
        meth("score", "Tuple{typeof(score), Int}"),
        meth("tallyscores", "Tuple{typeof(tallyscores), Any}"),
        meth("playgame", "Tuple{typeof(playgame)}"),
    ];
    let tally_spec = format!("Tuple{{typeof(tallyscores), Vector{{{spec_arg}}}}}");
    let tally = key(2, "tallyscores", "Tuple{typeof(tallyscores), Any}");
    bj.code = vec![
        code(
            tally.clone(),
            &tally_spec,
            vec![call(&format!("Tuple{{typeof(score), {edge_arg}}}"))],
        ),
        code(
            key(2, "playgame", "Tuple{typeof(playgame)}"),
            "Tuple{typeof(playgame)}",
            vec![invoke(tally, &tally_spec)],
        ),
    ];
    let mut fc = pkg(3, "BlackjackFacecards", &[2, 1]);
    fc.methods = vec![meth("score", "Tuple{typeof(score), Char}")];
    vec![base(), bj, fc]
}

#[test]
fn blackjack_invalidates_tallyscores_and_playgame() {
    let pkgs = blackjack("Any", "Any");
    let a = analyze(&pkgs).unwrap();
    assert_eq!(a.invalidated.len(), 2);
    let t = &a.invalidated[0];
    assert_eq!((t.pkg, t.code, t.max_world), (1, 0, 2));
    assert_eq!(
        t.cause,
        Cause::Method {
            pkg: 2,
            method: 0,
            edge: 0
        }
    );
    let p = &a.invalidated[1];
    assert_eq!((p.pkg, p.code, p.max_world), (1, 1, 2));
    assert_eq!(
        p.cause,
        Cause::Dependency {
            edge: 0,
            pkg: 1,
            code: 0
        }
    );
    assert_eq!(a.trees.len(), 1);
    let tree = &a.trees[0];
    assert_eq!((tree.pkg, tree.method, tree.count), (2, 0, 2));
    assert_eq!(tree.mt_backedges.len(), 1);
    assert_eq!(tree.mt_backedges[0].sig, "Tuple{typeof(score), Any}");
    let root = &tree.nodes[tree.mt_backedges[0].root];
    assert_eq!((root.pkg, root.code, root.descendants), (1, 0, 1));
    assert_eq!(
        outline(tree, &pkgs),
        lines(&[
            (0, "score(::Char) @ BlackjackFacecards"),
            (1, "signature Tuple{typeof(score), Any}"),
            (2, "tallyscores(::Vector{Any}) @ Blackjack"),
            (3, "playgame() @ Blackjack"),
        ])
    );
}

#[test]
fn blackjack_with_concrete_cards_is_not_invalidated() {
    let pkgs = blackjack("Int", "Int");
    let a = analyze(&pkgs).unwrap();
    assert!(a.invalidated.is_empty(), "{a:?}");
    assert!(a.trees.is_empty());
}

#[test]
fn applyf_abstract_edge_invalidated_concrete_not() {
    let mut a = pkg(2, "A", &[1]);
    a.methods = vec![
        meth("f", "Tuple{typeof(f), Int}"),
        meth("applyf", "Tuple{typeof(applyf), Any}"),
    ];
    let k = key(2, "applyf", "Tuple{typeof(applyf), Any}");
    a.code = vec![
        code(
            k.clone(),
            "Tuple{typeof(applyf), Vector{Any}}",
            vec![call("Tuple{typeof(f), Any}")],
        ),
        code(
            k,
            "Tuple{typeof(applyf), Vector{Int}}",
            vec![call("Tuple{typeof(f), Int}")],
        ),
    ];
    let mut b = pkg(3, "B", &[2, 1]);
    b.methods = vec![meth("f", "Tuple{typeof(f), Bool}")];
    let pkgs = vec![base(), a, b];
    let r = analyze(&pkgs).unwrap();
    assert_eq!(r.invalidated.len(), 1);
    assert_eq!((r.invalidated[0].pkg, r.invalidated[0].code), (1, 0));
    assert_eq!(
        outline(&r.trees[0], &pkgs),
        lines(&[
            (0, "f(::Bool) @ B"),
            (1, "signature Tuple{typeof(f), Any}"),
            (2, "applyf(::Vector{Any}) @ A"),
        ])
    );
}

fn convert_ecosystem() -> Vec<PackageDecl> {
    let mut b = base();
    b.methods = vec![meth("convert", "Tuple{typeof(convert), Type{Tuple}, Any}")];
    let conv_any = key(1, "convert", "Tuple{typeof(convert), Type{Tuple}, Any}");
    let mut p = pkg(2, "Vecs", &[1]);
    p.types = vec![ty("Vec", &[], "Any")];
    p.methods = vec![
        meth("totuple", "Tuple{typeof(totuple), Vec}"),
        meth("main", "Tuple{typeof(main)}"),
    ];
    let spec = "Tuple{typeof(convert), Type{Tuple}, Vec}";
    p.code = vec![
        code(conv_any.clone(), spec, vec![]),
        code(
            key(2, "totuple", "Tuple{typeof(totuple), Vec}"),
            "Tuple{typeof(totuple), Vec}",
            vec![invoke(conv_any, spec)],
        ),
        code(
            key(2, "main", "Tuple{typeof(main)}"),
            "Tuple{typeof(main)}",
            vec![invoke(
                key(2, "totuple", "Tuple{typeof(totuple), Vec}"),
                "Tuple{typeof(totuple), Vec}",
            )],
        ),
    ];
    let mut q = pkg(3, "VecConvert", &[2, 1]);
    q.methods = vec![meth("convert", "Tuple{typeof(convert), Type{Tuple}, Vec}")];
    vec![b, p, q]
}

#[test]
fn more_specific_convert_supersedes_invoke_target() {
    let pkgs = convert_ecosystem();
    let a = analyze(&pkgs).unwrap();
    let got: Vec<(usize, usize)> = a.invalidated.iter().map(|i| (i.pkg, i.code)).collect();
    // The convert specialization itself stays valid (usable via invoke);
    // its caller and the caller's caller are invalidated.
    assert_eq!(got, vec![(1, 1), (1, 2)]);
    assert_eq!(
        a.invalidated[0].cause,
        Cause::Method {
            pkg: 2,
            method: 0,
            edge: 0
        }
    );
    let tree = &a.trees[0];
    assert!(tree.mt_backedges.is_empty());
    assert_eq!(tree.backedges.len(), 1);
    assert_eq!(tree.backedges[0].count, 2);
    assert_eq!(
        (tree.backedges[0].pkg, tree.backedges[0].method),
        (Some(0), 0)
    );
    assert_eq!(
        outline(tree, &pkgs),
        lines(&[
            (0, "convert(::Type{Tuple}, ::Vec) @ VecConvert"),
            (
                1,
                "superseding convert(::Type{Tuple}, ::Any) @ Base with Tuple{typeof(convert), Type{Tuple}, Vec}",
            ),
            (2, "totuple(::Vec) @ Vecs"),
            (3, "main() @ Vecs"),
        ])
    );
}

fn ambiguity_ecosystem(new_sig: &str) -> Vec<PackageDecl> {
    let mut a = pkg(2, "A", &[1]);
    a.methods = vec![
        meth("g", "Tuple{typeof(g), Int, Any}"),
        meth("h", "Tuple{typeof(h), Any}"),
    ];
    let g = key(2, "g", "Tuple{typeof(g), Int, Any}");
    a.code = vec![
        code(
            key(2, "h", "Tuple{typeof(h), Any}"),
            "Tuple{typeof(h), Int}",
            vec![call("Tuple{typeof(g), Int, Int}")],
        ),
        code(
            key(2, "h", "Tuple{typeof(h), Any}"),
            "Tuple{typeof(h), Char}",
            vec![invoke(g, "Tuple{typeof(g), Int, Int}")],
        ),
    ];
    let mut b = pkg(3, "B", &[2]);
    b.methods = vec![meth("A.g", new_sig)];
    vec![base(), a, b]
}

/// A new method ambiguous with the one a call dispatched to invalidates
/// the call: base/staticdata.jl `verify_call` matches the call again
/// (`_methods_by_ftype` with the limit of one expected match) and gets two
/// methods, and src/gf.c `jl_method_table_activate` (`is_replacing` with
/// `ambig == morespec_is` and no other covering method) replaces the
/// dispatch. Both the dispatched call and the direct call of the method
/// instance `g(::Int, ::Int)` are invalidated.
#[test]
fn ambiguous_new_method_invalidates_its_callers() {
    let pkgs = ambiguity_ecosystem("Tuple{typeof(g), Any, Int}");
    let a = analyze(&pkgs).unwrap();
    let got: Vec<(usize, usize)> = a.invalidated.iter().map(|i| (i.pkg, i.code)).collect();
    assert_eq!(got, vec![(1, 0), (1, 1)], "{a:?}");
    for i in &a.invalidated {
        assert!(matches!(
            i.cause,
            Cause::Method {
                pkg: 2,
                method: 0,
                ..
            }
        ));
    }
    // The merged world sees the ambiguity for (Int, Int): both methods match.
    let u = Universe::build(&pkgs).unwrap();
    let t = u.resolve_text(1, "Tuple{typeof(g), Int, Int}").unwrap();
    let ms: Vec<Ty> = u.methods.iter().map(|m| u.sig(m.sig).clone()).collect();
    let r = pcache_typesys::types::match_methods(&u.reg, &t, &ms).unwrap();
    // Global method ids: the built-in methods come first.
    let o = u.method_start[0];
    assert_eq!(r.ambiguous, vec![(o, o + 2)]);
    let merged = u.match_in_world(&t, None).unwrap();
    assert_eq!(merged.methods, vec![o, o + 2]);
    assert_eq!(merged.ambiguous, vec![(o, o + 2)]);
    let compile = u.match_in_world(&t, Some(1)).unwrap();
    assert_eq!(compile.methods, vec![o]);
    assert!(compile.fully_covers && compile.ambiguous.is_empty());
    // A strictly more specific method invalidates both as well.
    let pkgs = ambiguity_ecosystem("Tuple{typeof(g), Int, Int}");
    assert_eq!(analyze(&pkgs).unwrap().invalidated.len(), 2);
    // A less specific one that the old method shadows on (Int, Int) does
    // not (is_replacing: the existing method is still better).
    let pkgs = ambiguity_ecosystem("Tuple{typeof(g), Any, Any}");
    assert!(analyze(&pkgs).unwrap().invalidated.is_empty());
}

fn chain_ecosystem() -> Vec<PackageDecl> {
    let mut a = pkg(2, "A", &[1]);
    a.methods = vec![
        meth("f", "Tuple{typeof(f), Int}"),
        meth("c0", "Tuple{typeof(c0), Any}"),
    ];
    let k0 = key(2, "c0", "Tuple{typeof(c0), Any}");
    a.code = vec![code(
        k0.clone(),
        "Tuple{typeof(c0), Vector{Any}}",
        vec![call("Tuple{typeof(f), Any}")],
    )];
    let mut b = pkg(3, "B", &[2]);
    b.methods = vec![meth("c1", "Tuple{typeof(c1)}")];
    let k1 = key(3, "c1", "Tuple{typeof(c1)}");
    b.code = vec![code(
        k1.clone(),
        "Tuple{typeof(c1)}",
        vec![invoke(k0, "Tuple{typeof(c0), Vector{Any}}")],
    )];
    let mut c = pkg(4, "C", &[3]);
    c.methods = vec![meth("c2", "Tuple{typeof(c2)}")];
    c.code = vec![code(
        key(4, "c2", "Tuple{typeof(c2)}"),
        "Tuple{typeof(c2)}",
        vec![
            call("Tuple{typeof(f), Int}"),
            invoke(k1, "Tuple{typeof(c1)}"),
        ],
    )];
    let mut d = pkg(5, "D", &[1, 2]);
    d.methods = vec![meth("f", "Tuple{typeof(f), Char}")];
    let mut e = pkg(6, "E", &[1]);
    e.types = vec![ty("Card", &[], "Any")];
    vec![base(), a, b, c, d, e]
}

#[test]
fn transitive_invalidation_chain_of_three() {
    let pkgs = chain_ecosystem();
    let a = analyze(&pkgs).unwrap();
    let got: Vec<(usize, usize, u64)> = a
        .invalidated
        .iter()
        .map(|i| (i.pkg, i.code, i.max_world))
        .collect();
    assert_eq!(got, vec![(1, 0, 4), (2, 0, 4), (3, 0, 4)]);
    assert_eq!(
        a.invalidated[2].cause,
        Cause::Dependency {
            edge: 1,
            pkg: 2,
            code: 0
        }
    );
    assert_eq!(a.trees.len(), 1);
    assert_eq!(
        outline(&a.trees[0], &pkgs),
        lines(&[
            (0, "f(::Char) @ D"),
            (1, "signature Tuple{typeof(f), Any}"),
            (2, "c0(::Vector{Any}) @ A"),
            (3, "c1() @ B"),
            (4, "c2() @ C"),
        ])
    );
}

type Outline = Vec<(usize, String)>;

fn canonical(pkgs: &[PackageDecl]) -> (Vec<(String, usize, String)>, Vec<Outline>) {
    let a = analyze(pkgs).unwrap();
    let mut v: Vec<(String, usize, String)> = a
        .invalidated
        .iter()
        .map(|i| {
            let cause = match &i.cause {
                Cause::Method { pkg, method, edge } => {
                    format!("method {}#{method} edge {edge}", pkgs[*pkg].name)
                }
                Cause::Dependency { edge, pkg, code } => {
                    format!("dep {}#{code} edge {edge}", pkgs[*pkg].name)
                }
            };
            // max_world names the causing package's load position.
            let world_pkg = &pkgs[i.max_world as usize].name;
            (
                pkgs[i.pkg].name.clone(),
                i.code,
                format!("{cause} via {world_pkg}"),
            )
        })
        .collect();
    v.sort();
    let trees = a.trees.iter().map(|t| outline(t, pkgs)).collect();
    (v, trees)
}

#[test]
fn identical_results_for_every_valid_order() {
    let mut pkgs = chain_ecosystem();
    // Add the convert scenario in unrelated packages, uuids shifted.
    let mut conv = convert_ecosystem();
    conv.remove(0);
    for p in &mut conv {
        p.uuid[14] = 1;
        for d in &mut p.deps {
            if d[15] != 1 {
                d[14] = 1;
            }
        }
        for c in &mut p.code {
            c.method.pkg[14] = if c.method.pkg[15] == 1 { 0 } else { 1 };
            for e in &mut c.edges {
                if let EdgeDecl::Invoke { method, .. } = e {
                    method.pkg[14] = if method.pkg[15] == 1 { 0 } else { 1 };
                }
            }
        }
    }
    pkgs[0].methods = vec![meth("convert", "Tuple{typeof(convert), Type{Tuple}, Any}")];
    pkgs.extend(conv);
    let orders = orders(&pkgs);
    assert!(orders.len() > 20, "{}", orders.len());
    let reference = canonical(&pkgs);
    assert_eq!(reference.0.len(), 5);
    for o in &orders {
        assert_eq!(canonical(o), reference);
    }
}

#[test]
fn independent_causes_same_invalidated_set_in_every_order() {
    // Two unrelated packages both add score methods; which one is blamed
    // depends on load order, the invalidated set does not.
    let mut pkgs = blackjack("Any", "Any");
    let mut other = pkg(4, "BlackjackBool", &[2, 1]);
    other.methods = vec![meth("score", "Tuple{typeof(score), Bool}")];
    pkgs.push(other);
    let orders = orders(&pkgs);
    assert_eq!(orders.len(), 2);
    for o in &orders {
        let a = analyze(o).unwrap();
        let mut set: Vec<(String, usize)> = a
            .invalidated
            .iter()
            .map(|i| (o[i.pkg].name.clone(), i.code))
            .collect();
        set.sort();
        assert_eq!(
            set,
            vec![("Blackjack".to_string(), 0), ("Blackjack".to_string(), 1)]
        );
        assert!(a.invalidated.iter().all(|i| i.max_world == 2));
        assert_eq!(a.trees.len(), 1);
    }
}

#[test]
fn where_signatures_match() {
    let mut a = pkg(2, "A", &[1]);
    a.methods = vec![
        meth("k", "Tuple{typeof(k), Vector{T}} where T"),
        meth("user", "Tuple{typeof(user), Any}"),
    ];
    a.code = vec![
        code(
            key(2, "user", "Tuple{typeof(user), Any}"),
            "Tuple{typeof(user), Int}",
            vec![call("Tuple{typeof(k), Vector{Int}}")],
        ),
        code(
            key(2, "user", "Tuple{typeof(user), Any}"),
            "Tuple{typeof(user), Char}",
            vec![call("Tuple{typeof(k), Vector{Any}}")],
        ),
        code(
            key(2, "user", "Tuple{typeof(user), Any}"),
            "Tuple{typeof(user), Bool}",
            vec![call("Tuple{typeof(k), Vector{Char}}")],
        ),
    ];
    let mut b = pkg(3, "B", &[2]);
    b.methods = vec![
        meth("A.k", "Tuple{typeof(k), Vector{T}} where T<:Integer"),
        // Not more specific and not applicable to Vector{Any}: parameters are invariant.
        meth("A.k", "Tuple{typeof(k), Vector{Any}, Int}"),
    ];
    let pkgs = vec![base(), a, b];
    let r = analyze(&pkgs).unwrap();
    let got: Vec<usize> = r.invalidated.iter().map(|i| i.code).collect();
    assert_eq!(got, vec![0]);
}

#[test]
fn method_overwrite_invalidates() {
    let mut a = pkg(2, "A", &[1]);
    a.methods = vec![
        meth("f", "Tuple{typeof(f), Int}"),
        meth("u", "Tuple{typeof(u)}"),
    ];
    a.code = vec![code(
        key(2, "u", "Tuple{typeof(u)}"),
        "Tuple{typeof(u)}",
        vec![invoke(
            key(2, "f", "Tuple{typeof(f), Int}"),
            "Tuple{typeof(f), Int}",
        )],
    )];
    let mut b = pkg(3, "B", &[2]);
    b.methods = vec![meth("A.f", "Tuple{typeof(f), Int}")];
    let r = analyze(&[base(), a, b]).unwrap();
    assert_eq!(r.invalidated.len(), 1);
}

#[test]
fn resolution_errors_are_clear() {
    let mut bj = pkg(2, "Blackjack", &[1]);
    bj.methods = vec![meth("score", "Tuple{typeof(score), Chr}")];
    let err = analyze(&[base(), bj.clone()]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "package Blackjack: method score: unknown type `Chr` in `Tuple{typeof(score), Chr}`"
    );
    assert!(check_syntax(&bj).is_ok());
    let e2 = check_package(&bj, &[base()]).unwrap_err();
    assert_eq!(e2, err);

    // Syntax errors name the byte offset.
    bj.methods = vec![meth("score", "Tuple{typeof(score), Int")];
    let e = check_syntax(&bj).unwrap_err();
    assert!(e.to_string().contains("at byte 24"), "{e}");
    bj.methods = vec![meth("score", "Tuple{typeof(other), Int}")];
    assert!(check_syntax(&bj).is_err());

    // Arity.
    bj.methods = vec![meth("score", "Tuple{typeof(score), Vector{Int, Int}}")];
    let e = check_package(&bj, &[base()]).unwrap_err();
    assert!(matches!(*e.kind, DeclErrorKind::Arity { .. }), "{e}");

    // Dependencies must be loaded first.
    let e = analyze(&[blackjack("Any", "Any")[1].clone(), base()]).unwrap_err();
    assert!(e.to_string().contains("must be loaded before"), "{e}");
}

#[test]
fn function_ownership_and_ambiguity() {
    let mut x = pkg(2, "X", &[1]);
    x.types = vec![ty("Point", &[], "Any")];
    x.methods = vec![meth("f", "Tuple{typeof(f), Int}")];
    let mut y = pkg(3, "Y", &[1]);
    y.types = vec![ty("Point", &[], "Any")];
    y.methods = vec![meth("f", "Tuple{typeof(f), Char}")];
    let mut z = pkg(4, "Z", &[2, 3]);
    z.methods = vec![meth("f", "Tuple{typeof(f), Bool}")];
    let e = analyze(&[base(), x.clone(), y.clone(), z.clone()]).unwrap_err();
    assert!(matches!(*e.kind, DeclErrorKind::Ambiguous { .. }), "{e}");
    assert!(e.to_string().contains("X, Y"), "{e}");
    z.methods = vec![meth("X.f", "Tuple{typeof(X.f), Bool}")];
    let u = Universe::build(&[base(), x.clone(), y.clone(), z.clone()]).unwrap();
    // Z's method extends X's function.
    let o = u.method_start[0];
    assert_eq!(u.methods[o + 2].func, u.methods[o].func);
    assert_eq!(u.funcs[u.methods[o].func as usize].owner, Some(1));
    // Types: ambiguous unless qualified.
    z.methods = vec![meth("X.f", "Tuple{typeof(X.f), Point}")];
    let e = analyze(&[base(), x.clone(), y.clone(), z.clone()]).unwrap_err();
    assert!(matches!(*e.kind, DeclErrorKind::Ambiguous { .. }), "{e}");
    z.methods = vec![meth("X.f", "Tuple{typeof(X.f), Y.Point}")];
    assert!(analyze(&[base(), x, y, z]).is_ok());
}

#[test]
fn equal_sized_trees_render_identically_in_every_order() {
    // Two unrelated victims/causes with the same number of invalidations:
    // tree order must not depend on load order.
    let mut a = pkg(2, "A", &[1]);
    a.methods = vec![
        meth("f", "Tuple{typeof(f), Int}"),
        meth("ua", "Tuple{typeof(ua), Any}"),
    ];
    a.code = vec![code(
        key(2, "ua", "Tuple{typeof(ua), Any}"),
        "Tuple{typeof(ua), Char}",
        vec![call("Tuple{typeof(f), Any}")],
    )];
    let mut b = pkg(3, "B", &[1]);
    b.methods = vec![
        meth("g", "Tuple{typeof(g), Int}"),
        meth("ub", "Tuple{typeof(ub), Any}"),
    ];
    b.code = vec![code(
        key(3, "ub", "Tuple{typeof(ub), Any}"),
        "Tuple{typeof(ub), Char}",
        vec![call("Tuple{typeof(g), Any}")],
    )];
    let mut c = pkg(4, "C", &[2]);
    c.methods = vec![meth("f", "Tuple{typeof(f), Char}")];
    let mut d = pkg(5, "D", &[3]);
    d.methods = vec![meth("g", "Tuple{typeof(g), Char}")];
    let pkgs = vec![base(), a, b, c, d];
    let orders = orders(&pkgs);
    assert!(orders.len() >= 6);
    let reference = canonical(&pkgs);
    assert_eq!(reference.0.len(), 2);
    for o in &orders {
        assert_eq!(canonical(o), reference);
    }
    // Ties broken by uuid: C (uuid ..04) before D (uuid ..05).
    let inserted: Vec<&str> = reference.1.iter().map(|t| t[0].1.as_str()).collect();
    assert_eq!(inserted, ["f(::Char) @ C", "g(::Char) @ D"]);
}

#[test]
fn recursive_invoke_cycle_is_invalidated_once() {
    let mut a = pkg(2, "A", &[1]);
    a.methods = vec![
        meth("f", "Tuple{typeof(f), Int}"),
        meth("even", "Tuple{typeof(even), Any}"),
        meth("odd", "Tuple{typeof(odd), Any}"),
    ];
    let ke = key(2, "even", "Tuple{typeof(even), Any}");
    let ko = key(2, "odd", "Tuple{typeof(odd), Any}");
    a.code = vec![
        code(
            ke.clone(),
            "Tuple{typeof(even), Int}",
            vec![
                invoke(ko.clone(), "Tuple{typeof(odd), Int}"),
                call("Tuple{typeof(f), Any}"),
            ],
        ),
        code(
            ko,
            "Tuple{typeof(odd), Int}",
            vec![invoke(ke, "Tuple{typeof(even), Int}")],
        ),
    ];
    let mut b = pkg(3, "B", &[2]);
    b.methods = vec![meth("A.f", "Tuple{typeof(f), Char}")];
    let pkgs = vec![base(), a, b];
    let r = analyze(&pkgs).unwrap();
    assert_eq!(r.invalidated.len(), 2);
    assert_eq!(r.trees.len(), 1);
    assert_eq!(r.trees[0].count, 2);
    assert_eq!(
        outline(&r.trees[0], &pkgs),
        lines(&[
            (0, "f(::Char) @ B"),
            (1, "signature Tuple{typeof(f), Any}"),
            (2, "even(::Int) @ A"),
            (3, "odd(::Int) @ A"),
        ])
    );
}

#[test]
fn unrelated_new_methods_do_not_invalidate() {
    // A method for a package-private type never intersects Base-typed edges.
    let mut pkgs = blackjack("Any", "Any");
    pkgs[2].types = vec![ty("Card", &[], "Any")];
    pkgs[2].methods = vec![meth("score", "Tuple{typeof(score), Card}")];
    // Tuple{typeof(score), Any} does intersect score(::Card): invalidated.
    assert_eq!(analyze(&pkgs).unwrap().invalidated.len(), 2);
    // But an edge for Int does not.
    let mut pkgs = blackjack("Int", "Int");
    pkgs[2].types = vec![ty("Card", &[], "Any")];
    pkgs[2].methods = vec![meth("score", "Tuple{typeof(score), Card}")];
    assert!(analyze(&pkgs).unwrap().invalidated.is_empty());
    // Methods from the victim's own dependency closure are part of its
    // compile world and never invalidate it.
    let mut pkgs = blackjack("Any", "Any");
    let mut fc = pkgs.pop().unwrap();
    fc.deps = vec![uuid(1)];
    pkgs[1].deps.push(fc.uuid);
    pkgs.insert(1, fc);
    let u = Universe::build(&pkgs).unwrap();
    // Blackjack's score now extends BlackjackFacecards' function.
    let first = u.method_start[0];
    assert_eq!(u.funcs[u.methods[first].func as usize].owner, Some(1));
    assert!(analyze(&pkgs).unwrap().invalidated.is_empty());
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    const TOKENS: &[&str] = &[
        "Tuple{",
        "typeof(f)",
        "typeof(g)",
        "Int",
        "Char",
        "Vector{",
        "AbstractVector{",
        "}",
        ", ",
        "Union{",
        "T",
        " where T",
        " where T<:Integer",
        "Type{",
        "Any",
        "Tuple",
        "Vector",
        "1",
        "Base.Int",
        "A.f",
        "typeof(A.f)",
        "{",
        "(",
        ")",
        "<:",
        " where {T, S}",
    ];

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(0..TOKENS.len(), 0..14)
            .prop_map(|v| v.into_iter().map(|i| TOKENS[i]).collect())
    }

    fn sigish() -> impl Strategy<Value = String> {
        prop_oneof![
            text(),
            text().prop_map(|t| format!("Tuple{{typeof(f), {t}}}")),
            text().prop_map(|t| format!("Tuple{{typeof(f), {t}}} where T")),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn analyze_never_panics(sigs in prop::collection::vec(sigish(), 1..5), specs in prop::collection::vec(sigish(), 1..4), sup in text()) {
            let mut a = pkg(2, "A", &[1]);
            a.types = vec![ty("P", &["T"], &sup)];
            a.methods = sigs.iter().map(|s| meth("f", s)).collect();
            a.code = specs
                .iter()
                .map(|s| code(key(2, "f", &sigs[0]), s, vec![call(s), invoke(key(2, "f", &sigs[0]), s)]))
                .collect();
            let mut b = pkg(3, "B", &[2]);
            b.methods = sigs.iter().rev().map(|s| meth("A.f", s)).collect();
            let pkgs = vec![base(), a, b];
            let _ = check_syntax(&pkgs[1]);
            if let Ok(r) = analyze(&pkgs) {
                for t in &r.trees {
                    let _ = outline(t, &pkgs);
                }
            }
        }

        #[test]
        fn where_sig_laws(x in sigish(), y in sigish()) {
            let mut b = base();
            b.types.push(ty("Pair", &["A", "B"], "Any"));
            b.methods = vec![meth("f", "Tuple{typeof(f), Any}")];
            let u = Universe::build(&[b]).unwrap();
            let (Ok(a), Ok(b)) = (u.resolve_text(0, &x), u.resolve_text(0, &y)) else { return Ok(()); };
            let t = &u.reg;
            prop_assert!(subtype(t, &a, &a), "{}", x);
            prop_assert!(subtype(t, &a, &t.any()));
            prop_assert!(subtype(t, &Ty::bottom(), &a));
            let i = intersect(t, &a, &b);
            if subtype(t, &a, &b) {
                prop_assert!(pcache_typesys::types::types_equal(t, &i, &a), "{} ∩ {} = {:?}", x, y, i);
            }
            let _ = pcache_typesys::types::morespecific(t, &a, &b);
        }
    }
}

#[test]
fn adversarial_depth_does_not_overflow() {
    // A supertype chain that nests one level deeper per type.
    let mut b = base();
    b.types.push(ty("F0", &["T"], "Any"));
    for i in 1..400 {
        b.types.push(ty(
            &format!("F{i}"),
            &["T"],
            &format!("F{}{{Vector{{T}}}}", i - 1),
        ));
    }
    b.methods = vec![meth("f", "Tuple{typeof(f), F0{Int}}")];
    let u = Universe::build(std::slice::from_ref(&b)).unwrap();
    let deep = u.resolve_text(0, "F399{Int}").unwrap();
    let top = u.resolve_text(0, "F0{Int}").unwrap();
    let top_var = u.resolve_text(0, "F0{T} where T").unwrap();
    assert!(!subtype(&u.reg, &deep, &top));
    // Beyond the recursion budget the answer is conservative, never a crash.
    let _ = subtype(&u.reg, &deep, &top_var);
    let _ = intersect(&u.reg, &deep, &top_var);
    assert!(subtype(&u.reg, &deep, &deep));

    // A long chain of invoke edges: iterative tree building and walking.
    let mut a = pkg(2, "A", &[1]);
    a.methods = vec![
        meth("g", "Tuple{typeof(g), Int}"),
        meth("h", "Tuple{typeof(h), Any}"),
    ];
    let n = 3000;
    let hk = key(2, "h", "Tuple{typeof(h), Any}");
    a.code.push(code(
        hk.clone(),
        "Tuple{typeof(h), F0{Int}}",
        vec![call("Tuple{typeof(g), Any}")],
    ));
    let mut prev = "Tuple{typeof(h), F0{Int}}".to_string();
    let args = [
        "Int",
        "Char",
        "Bool",
        "Vector{Int}",
        "Vector{Char}",
        "Vector{Bool}",
        "Integer",
        "Number",
    ];
    for i in 1..n {
        let spec = format!("Tuple{{typeof(h), F{}{{{}}}}}", i % 400, args[i / 400]);
        a.code
            .push(code(hk.clone(), &spec, vec![invoke(hk.clone(), &prev)]));
        prev = spec;
    }
    let mut c = pkg(3, "C", &[2]);
    c.methods = vec![meth("A.g", "Tuple{typeof(g), Char}")];
    let count = a.code.len();
    let pkgs = vec![b, a, c];
    let r = analyze(&pkgs).unwrap();
    assert_eq!(r.invalidated.len(), count);
    assert_eq!(r.trees.len(), 1);
    // The method, its one entry, and every code instance beneath it.
    assert_eq!(outline(&r.trees[0], &pkgs).len(), count + 2);
}

#[test]
fn matching_drops_fully_shadowed_methods() {
    let mut b = base();
    b.methods = vec![
        meth("f", "Tuple{typeof(f), Any}"),
        meth("f", "Tuple{typeof(f), Integer}"),
        meth("f", "Tuple{typeof(f), Int}"),
        meth("f", "Tuple{typeof(f), Vector{T}} where T<:Integer"),
    ];
    let u = Universe::build(std::slice::from_ref(&b)).unwrap();
    let m = |t: &str| {
        let r = u
            .match_in_world(&u.resolve_text(0, t).unwrap(), None)
            .unwrap();
        // Ids within the package (the built-in methods come first).
        let local: Vec<usize> = r.methods.iter().map(|i| i - u.method_start[0]).collect();
        (local, r.fully_covers, r.ambiguous.is_empty())
    };
    // gf.c `ml_matches`: most specific first; a method a more specific
    // match covers for the whole call is left out.
    assert_eq!(m("Tuple{typeof(f), Int}"), (vec![2], true, true));
    assert_eq!(m("Tuple{typeof(f), Integer}"), (vec![2, 1], true, true));
    assert_eq!(m("Tuple{typeof(f), Any}"), (vec![2, 1, 3, 0], true, true));
    assert_eq!(m("Tuple{typeof(f), Vector{Int}}"), (vec![3], true, true));
    assert_eq!(m("Tuple{typeof(f), Vector{Any}}"), (vec![0], true, true));
    assert_eq!(m("Tuple{typeof(f), Char}"), (vec![0], true, true));
    assert_eq!(
        u.display_sig(
            &u.resolve_text(
                0,
                "Tuple{typeof(f), Vector{S}, Union{Char, Int}} where S<:Integer"
            )
            .unwrap()
        ),
        "Tuple{typeof(f), Vector{S}, Union{Char, Int}} where S<:Integer"
    );
}

#[test]
fn generic_type_parameter_method_is_superseded() {
    let mut b = base();
    b.methods = vec![meth(
        "convert",
        "Tuple{typeof(convert), Type{T}, Any} where T",
    )];
    let generic = key(1, "convert", "Tuple{typeof(convert), Type{T}, Any} where T");
    let mut p = pkg(2, "Vecs", &[1]);
    p.types = vec![ty("Vec", &[], "Any")];
    p.methods = vec![meth("use1", "Tuple{typeof(use1), Any}")];
    let u1 = key(2, "use1", "Tuple{typeof(use1), Any}");
    p.code = vec![
        code(
            u1.clone(),
            "Tuple{typeof(use1), Vec}",
            vec![invoke(
                generic.clone(),
                "Tuple{typeof(convert), Type{Tuple}, Vec}",
            )],
        ),
        code(
            u1.clone(),
            "Tuple{typeof(use1), Int}",
            vec![invoke(generic, "Tuple{typeof(convert), Type{Int}, Int}")],
        ),
        code(
            u1,
            "Tuple{typeof(use1), Any}",
            vec![call("Tuple{typeof(convert), Type{Tuple}, Any}")],
        ),
    ];
    let mut q = pkg(3, "VecConvert", &[2]);
    q.methods = vec![meth(
        "Base.convert",
        "Tuple{typeof(convert), Type{Tuple}, Vec}",
    )];
    let pkgs = vec![b, p, q];
    let a = analyze(&pkgs).unwrap();
    let got: Vec<usize> = a.invalidated.iter().map(|i| i.code).collect();
    assert_eq!(got, vec![0, 2]);
    assert_eq!(
        outline(&a.trees[0], &pkgs),
        lines(&[
            (0, "convert(::Type{Tuple}, ::Vec) @ VecConvert"),
            (1, "signature Tuple{typeof(convert), Type{Tuple}, Any}"),
            (2, "use1(::Any) @ Vecs"),
            (
                1,
                "superseding convert(::Type{T}, ::Any) where T @ Base with Tuple{typeof(convert), Type{Tuple}, Vec}",
            ),
            (2, "use1(::Vec) @ Vecs"),
        ])
    );
}

/// A constructor method is a method of the type itself (Julia stores
/// `(::Type{Float64})(x::MyNum)` with signature `Tuple{Type{Float64}, MyNum}`,
/// src/gf.c): a package adding `Float64(::MyNum)` invalidates a caller of
/// `Float64` compiled on `MyNum` in another package.
#[test]
fn constructor_method_invalidates_caller() {
    let mut a = pkg(2, "A", &[]);
    a.types = vec![ty("MyNum", &[], "Real")];
    a.methods = vec![meth("g", "Tuple{typeof(g), Any}")];
    a.code = vec![code(
        key(2, "g", "Tuple{typeof(g), Any}"),
        "Tuple{typeof(g), MyNum}",
        vec![call("Tuple{Type{Float64}, MyNum}")],
    )];
    let mut b = pkg(3, "B", &[2]);
    b.methods = vec![meth("Float64", "Tuple{Type{Float64}, A.MyNum}")];
    let pkgs = vec![a, b];
    let r = analyze(&pkgs).unwrap();
    assert_eq!(r.invalidated.len(), 1, "{r:?}");
    let u = Universe::build(&pkgs).unwrap();
    // The constructor groups with the type, not with a function `Float64`.
    let f = u.methods[u.method_start[1]].func as usize;
    assert_eq!(u.funcs[f].name, "Float64");
    assert_eq!(u.funcs[f].owner, None);
    let ctor_call = u.resolve_text(0, "Tuple{Type{Float64}, MyNum}").unwrap();
    assert_eq!(u.call_function(&ctor_call), Some(f as u32));
    // A caller compiled on `Int` is untouched.
    let mut a2 = pkgs[0].clone();
    a2.code[0].spec = "Tuple{typeof(g), Int}".into();
    a2.code[0].edges = vec![call("Tuple{Type{Float64}, Int}")];
    let r = analyze(&[a2, pkgs[1].clone()]).unwrap();
    assert!(r.invalidated.is_empty());
}

/// One caller of `f` compiled in package A with the given spec and call
/// edge, and a package B (depending on A) adding `method` to `A.f`: how
/// many of A's code instances B invalidates.
fn invalidated_by(caller_edge: &str, a_methods: &[&str], new_method: &str) -> usize {
    let mut a = pkg(2, "A", &[]);
    a.methods = a_methods.iter().map(|s| meth("f", s)).collect();
    a.methods.push(meth("caller", "Tuple{typeof(caller), Any}"));
    a.code = vec![code(
        key(2, "caller", "Tuple{typeof(caller), Any}"),
        "Tuple{typeof(caller), Int}",
        vec![call(caller_edge)],
    )];
    let mut b = pkg(3, "B", &[2]);
    b.methods = vec![meth("A.f", new_method)];
    analyze(&[a, b]).unwrap().invalidated.len()
}

/// A call that matched nothing when compiled (a `MethodError` path) is
/// invalidated by a method that now matches it (src/gf.c
/// `jl_method_table_insert` checks the backedges of the whole method table).
#[test]
fn new_vararg_method_takes_a_call_that_matched_nothing() {
    assert_eq!(
        invalidated_by(
            "Tuple{typeof(f), Int, Int}",
            &["Tuple{typeof(f), String}"],
            "Tuple{typeof(f), Vararg{Int}}"
        ),
        1
    );
}

/// `Vector{Int}` is `Array{Int, 1}` (base/array.jl alias): a method on one
/// takes a call compiled on the other.
#[test]
fn alias_and_its_expansion_are_one_type() {
    assert_eq!(
        invalidated_by(
            "Tuple{typeof(f), Array{Int, 1}}",
            &["Tuple{typeof(f), AbstractVector}"],
            "Tuple{typeof(f), Vector{Int}}"
        ),
        1
    );
}

/// The diagonal rule (src/subtype.c): `f(::T, ::T) where T` takes a call on
/// `(Int, Int)` but not one on `(Int, Float64)`.
#[test]
fn diagonal_method_takes_only_equal_argument_types() {
    let m = "Tuple{typeof(f), T, T} where T";
    let old = ["Tuple{typeof(f), Any, Any}"];
    assert_eq!(invalidated_by("Tuple{typeof(f), Int, Int}", &old, m), 1);
    assert_eq!(invalidated_by("Tuple{typeof(f), Int, Float64}", &old, m), 0);
}

/// `typeof(sin) <: Function` and `Type{Int} <: DataType` (src/jltypes.c
/// sets these supertypes): methods on `::Function` and `::DataType` take
/// calls made with `sin` and `Int`.
#[test]
fn function_and_datatype_methods_take_sin_and_int() {
    let old = ["Tuple{typeof(f), Any}"];
    assert_eq!(
        invalidated_by(
            "Tuple{typeof(f), typeof(sin)}",
            &old,
            "Tuple{typeof(f), Function}"
        ),
        1
    );
    assert_eq!(
        invalidated_by(
            "Tuple{typeof(f), Type{Int}}",
            &old,
            "Tuple{typeof(f), DataType}"
        ),
        1
    );
    assert_eq!(
        invalidated_by(
            "Tuple{typeof(f), Type{Int}}",
            &old,
            "Tuple{typeof(f), UnionAll}"
        ),
        0
    );
}
