//! Revalidation of cached code in the merged world, edge kind by edge kind,
//! as Julia does it when it loads packages together (base/staticdata.jl
//! `insert_backedges` → `verify_method`, `verify_call`, `verify_invokesig`;
//! src/gf.c `ml_matches`, `jl_method_table_activate`, `is_replacing`).
//! Every analysis here is also run on the slice and in every load order
//! consistent with the dependencies, which must agree (SPEC.md §11.4–§11.6).

use crate::support::{
    call, code, instance, invoke, invokesig, key, lines, matched, meth, orders, outline, pkg, ty,
};
use pcache_typesys::{
    analyze, analyze_sliced, AliasDecl, Analysis, Cause, CodeDecl, DeclErrorKind, EdgeDecl,
    MethodKey, PackageDecl, TypeKind, Universe,
};

/// The invalidated code instances as (package name, code index), sorted.
fn names(a: &Analysis, pkgs: &[PackageDecl]) -> Vec<(String, usize)> {
    let mut v: Vec<(String, usize)> = a
        .invalidated
        .iter()
        .map(|i| (pkgs[i.pkg].name.clone(), i.code))
        .collect();
    v.sort();
    v
}

/// The analysis, checked against the slice's and against every other load
/// order's invalidated set (which never depends on the order, SPEC §11.4).
fn check(pkgs: &[PackageDecl]) -> Analysis {
    let a = analyze(pkgs).unwrap();
    assert_eq!(analyze_sliced(pkgs).unwrap(), a, "the slice disagrees");
    let set = names(&a, pkgs);
    for o in orders(pkgs) {
        let b = analyze(&o).unwrap();
        assert_eq!(names(&b, &o), set, "load order changes the invalidated set");
        assert_eq!(analyze_sliced(&o).unwrap(), b, "the slice disagrees");
    }
    a
}

fn invalidated(a: &Analysis, pkgs: &[PackageDecl], name: &str) -> Vec<usize> {
    names(a, pkgs)
        .into_iter()
        .filter(|(p, _)| p == name)
        .map(|(_, c)| c)
        .collect()
}

/// Package A (uuid 2): a function `f` with the one method `fallback`, and
/// a `caller` whose code instance `i`, specialized on the `i`-th of `Int`,
/// `Char`, `Float64`, makes the call `calls[i].0`, recorded as matching
/// `fallback` when `calls[i].1` holds and nothing otherwise.
fn caller_of_f(fallback: &str, calls: &[(&str, bool)]) -> PackageDecl {
    let mut a = pkg(2, "A", &[]);
    a.methods = vec![
        meth("f", fallback),
        meth("caller", "Tuple{typeof(caller), Any}"),
    ];
    let f = key(2, "f", fallback);
    let caller = key(2, "caller", "Tuple{typeof(caller), Any}");
    a.code = calls
        .iter()
        .zip(["Int", "Char", "Float64"])
        .map(|(&(sig, records_fallback), arg)| {
            let matches: &[&MethodKey] = if records_fallback { &[&f] } else { &[] };
            code(
                &caller,
                &format!("Tuple{{typeof(caller), {arg}}}"),
                vec![matched(sig, matches)],
            )
        })
        .collect();
    a
}

/// Package `name` (uuid 3, depending on A) adding the methods `sigs` to `A.f`.
fn extends_f(name: &str, sigs: &[&str]) -> PackageDecl {
    let mut b = pkg(3, name, &[2]);
    b.methods = sigs.iter().map(|sig| meth("A.f", sig)).collect();
    b
}

/// A constructor is a method of the type (src/gf.c: `Float64(x)` is
/// dispatched on `Tuple{Type{Float64}, typeof(x)}` in Float64's method
/// table). A package adding `Float64(::MyNum)` supersedes `Float64(::Real)`
/// for `MyNum`: verify_call on the method-instance edge
/// `Float64(::MyNum)` now finds the new method instead of the expected
/// one, and the dispatched call's match set changes.
#[test]
fn constructor_for_a_new_type_invalidates_callers_of_the_real_fallback() {
    let mut num = pkg(2, "Num", &[]);
    num.methods = vec![meth("Float64", "Tuple{Type{Float64}, Real}")];
    let fallback = key(2, "Float64", "Tuple{Type{Float64}, Real}");
    let mut a = pkg(3, "A", &[2]);
    a.types = vec![ty("MyNum", &[], "Real", Some(TypeKind::Struct))];
    a.methods = vec![meth("g", "Tuple{typeof(g), Any}")];
    let g = key(3, "g", "Tuple{typeof(g), Any}");
    a.code = vec![
        code(
            &g,
            "Tuple{typeof(g), MyNum}",
            vec![invoke(&fallback, "Tuple{Type{Float64}, MyNum}")],
        ),
        code(
            &g,
            "Tuple{typeof(g), Int}",
            vec![invoke(&fallback, "Tuple{Type{Float64}, Int}")],
        ),
        code(
            &g,
            "Tuple{typeof(g), Real}",
            vec![matched("Tuple{Type{Float64}, Real}", &[&fallback])],
        ),
    ];
    let mut b = pkg(4, "B", &[3]);
    b.methods = vec![meth("Float64", "Tuple{Type{Float64}, A.MyNum}")];
    let pkgs = vec![num, a, b];
    let r = check(&pkgs);
    assert_eq!(invalidated(&r, &pkgs, "A"), vec![0, 2]);
    assert_eq!(
        r.invalidated[0].cause,
        Cause::Method {
            pkg: 2,
            method: 0,
            edge: 0
        }
    );
    assert_eq!(r.invalidated[0].max_world, 2);
    assert_eq!(r.trees.len(), 1);
    assert_eq!(
        outline(&r.trees[0], &pkgs),
        lines(&[
            (0, "Float64(::A.MyNum) @ B"),
            (1, "signature Tuple{Type{Float64}, Real}"),
            (2, "g(::Real) @ A"),
            (
                1,
                "superseding Float64(::Real) @ Num with Tuple{Type{Float64}, MyNum}",
            ),
            (2, "g(::MyNum) @ A"),
        ])
    );
}

/// A call that matched nothing when compiled (recorded with no matches)
/// is invalidated by a method that now matches it: verify_call's result
/// no longer has the recorded length (base/staticdata.jl), and gf.c
/// `jl_method_table_activate` invalidates the method table backedge of a
/// signature no previous method covered (`missing`).
#[test]
fn new_vararg_method_takes_a_call_that_matched_nothing() {
    let a = caller_of_f(
        "Tuple{typeof(f), String}",
        &[
            ("Tuple{typeof(f), Int, Int}", false),
            ("Tuple{typeof(f), Int, Char}", false),
        ],
    );
    let pkgs = vec![a, extends_f("B", &["Tuple{typeof(f), Vararg{Int}}"])];
    let r = check(&pkgs);
    assert_eq!(invalidated(&r, &pkgs, "A"), vec![0]);
    assert_eq!(
        outline(&r.trees[0], &pkgs)[1..],
        lines(&[
            (1, "signature Tuple{typeof(f), Int, Int}"),
            (2, "caller(::Int) @ A"),
        ])
    );
}

/// `Vector{Int}` is `Array{Int, 1}` (base/boot.jl `const Vector{T} =
/// Array{T,1}`): a new `f(::Vector{Int})` enters the match set of a call
/// compiled on `Array{Int, 1}` (verify_call), but not of one on
/// `Array{Float64, 1}`.
#[test]
fn vector_method_takes_a_call_on_array_int_1() {
    let a = caller_of_f(
        "Tuple{typeof(f), AbstractVector}",
        &[
            ("Tuple{typeof(f), Array{Int, 1}}", true),
            ("Tuple{typeof(f), Array{Float64, 1}}", true),
        ],
    );
    let pkgs = vec![a, extends_f("B", &["Tuple{typeof(f), Vector{Int}}"])];
    let r = check(&pkgs);
    assert_eq!(invalidated(&r, &pkgs, "A"), vec![0]);
}

/// The diagonal rule (src/subtype.c: a variable occurring twice in
/// covariant position must be concrete and equal): `f(::T, ::T) where T`
/// enters the match set of a call on `(Int, Int)` only.
#[test]
fn diagonal_method_invalidates_only_the_equal_argument_caller() {
    let a = caller_of_f(
        "Tuple{typeof(f), Any, Any}",
        &[
            ("Tuple{typeof(f), Int, Int}", true),
            ("Tuple{typeof(f), Int, Float64}", true),
        ],
    );
    let pkgs = vec![a, extends_f("B", &["Tuple{typeof(f), T, T} where T"])];
    let r = check(&pkgs);
    assert_eq!(invalidated(&r, &pkgs, "A"), vec![0]);
}

/// `typeof(sin) <: Function` and `Type{Int} <: DataType` (src/jltypes.c):
/// new methods on `::Function` and `::DataType` enter the match sets of
/// calls made with `sin` and `Int`; one on `::UnionAll` does not.
#[test]
fn function_and_datatype_methods_invalidate_calls_with_sin_and_int() {
    let a = caller_of_f(
        "Tuple{typeof(f), Any}",
        &[
            ("Tuple{typeof(f), typeof(sin)}", true),
            ("Tuple{typeof(f), Type{Int}}", true),
        ],
    );
    let b = extends_f(
        "B",
        &["Tuple{typeof(f), Function}", "Tuple{typeof(f), DataType}"],
    );
    let pkgs = vec![a.clone(), b];
    let r = check(&pkgs);
    assert_eq!(invalidated(&r, &pkgs, "A"), vec![0, 1]);
    let causes: Vec<&Cause> = r.invalidated.iter().map(|i| &i.cause).collect();
    assert_eq!(
        causes,
        vec![
            &Cause::Method {
                pkg: 1,
                method: 0,
                edge: 0
            },
            &Cause::Method {
                pkg: 1,
                method: 1,
                edge: 0
            }
        ]
    );
    let pkgs = vec![a, extends_f("C", &["Tuple{typeof(f), UnionAll}"])];
    assert!(check(&pkgs).invalidated.is_empty());
}

/// A new method ambiguous with the dispatched one over the call: gf.c
/// `jl_method_table_activate` computes `ambig == morespec_is` and
/// `is_replacing` finds no other method covering the intersection, so the
/// backedges are invalidated; on load, verify_call's limited match returns
/// both methods. Callers through a dispatched call and through a direct
/// call of the method instance are invalidated alike.
#[test]
fn newly_ambiguous_call_invalidates_its_callers() {
    let mut a = pkg(2, "A", &[]);
    a.methods = vec![
        meth("g", "Tuple{typeof(g), Int, Any}"),
        meth("h", "Tuple{typeof(h), Any}"),
    ];
    let g = key(2, "g", "Tuple{typeof(g), Int, Any}");
    let h = key(2, "h", "Tuple{typeof(h), Any}");
    a.code = vec![
        code(
            &h,
            "Tuple{typeof(h), Int}",
            vec![matched("Tuple{typeof(g), Int, Int}", &[&g])],
        ),
        code(
            &h,
            "Tuple{typeof(h), Char}",
            vec![instance(&g, "Tuple{typeof(g), Int, Int}", None)],
        ),
        // Not touched: g(::Any, ::Int) does not meet (Int, Char).
        code(
            &h,
            "Tuple{typeof(h), Float64}",
            vec![matched("Tuple{typeof(g), Int, Char}", &[&g])],
        ),
    ];
    let mut b = pkg(3, "B", &[2]);
    b.methods = vec![meth("A.g", "Tuple{typeof(g), Any, Int}")];
    let pkgs = vec![a, b];
    let r = check(&pkgs);
    assert_eq!(invalidated(&r, &pkgs, "A"), vec![0, 1]);
    let u = Universe::build(&pkgs).unwrap();
    let t = u.resolve_text(0, "Tuple{typeof(g), Int, Int}").unwrap();
    let merged = u.match_in_world(&t, None).unwrap();
    // Global method ids: built-in methods first, then A's, then B's.
    assert_eq!(
        merged.ambiguous,
        vec![(u.method_start[0], u.method_start[1])]
    );
}

/// Invalidity climbs through every callee edge (verify_method's Tarjan
/// walk over the `CodeInstance` callees, base/staticdata.jl): a recorded
/// match reaching the invalid code instance, a method-instance edge and a
/// code-instance edge, then two levels up through the same three kinds.
#[test]
fn invalidity_reaches_callers_two_levels_up_through_every_callee_edge() {
    let mut a = pkg(2, "A", &[]);
    a.methods = vec![
        meth("f", "Tuple{typeof(f), Integer}"),
        meth("leaf", "Tuple{typeof(leaf), Any}"),
        meth("mid", "Tuple{typeof(mid), Any}"),
    ];
    let f = key(2, "f", "Tuple{typeof(f), Integer}");
    let leaf = key(2, "leaf", "Tuple{typeof(leaf), Any}");
    let mid = key(2, "mid", "Tuple{typeof(mid), Any}");
    a.code = vec![
        // 0: invalidated directly by B's f(::Int).
        code(
            &leaf,
            "Tuple{typeof(leaf), Int}",
            vec![matched("Tuple{typeof(f), Int}", &[&f])],
        ),
        // 1–3: one level up, one edge kind each.
        code(
            &mid,
            "Tuple{typeof(mid), Int}",
            vec![matched("Tuple{typeof(leaf), Int}", &[&leaf])],
        ),
        code(
            &mid,
            "Tuple{typeof(mid), Char}",
            vec![invoke(&leaf, "Tuple{typeof(leaf), Int}")],
        ),
        code(
            &mid,
            "Tuple{typeof(mid), Float64}",
            vec![instance(&leaf, "Tuple{typeof(leaf), Int}", None)],
        ),
        // 4: untouched (leaf at Char has no cached code instance).
        code(
            &mid,
            "Tuple{typeof(mid), String}",
            vec![invoke(&leaf, "Tuple{typeof(leaf), Char}")],
        ),
    ];
    let mut c = pkg(4, "C", &[2]);
    c.methods = vec![meth("top", "Tuple{typeof(top), Any}")];
    let top = key(4, "top", "Tuple{typeof(top), Any}");
    c.code = vec![
        code(
            &top,
            "Tuple{typeof(top), Int}",
            vec![invoke(&mid, "Tuple{typeof(mid), Int}")],
        ),
        code(
            &top,
            "Tuple{typeof(top), Char}",
            vec![instance(&mid, "Tuple{typeof(mid), Char}", None)],
        ),
        code(
            &top,
            "Tuple{typeof(top), Float64}",
            vec![matched("Tuple{typeof(mid), Float64}", &[&mid])],
        ),
        code(
            &top,
            "Tuple{typeof(top), String}",
            vec![invoke(&mid, "Tuple{typeof(mid), String}")],
        ),
    ];
    let mut b = pkg(3, "B", &[2]);
    b.methods = vec![meth("A.f", "Tuple{typeof(f), Int}")];
    let pkgs = vec![a, b, c];
    let r = check(&pkgs);
    assert_eq!(invalidated(&r, &pkgs, "A"), vec![0, 1, 2, 3]);
    assert_eq!(invalidated(&r, &pkgs, "C"), vec![0, 1, 2]);
    assert_eq!(r.trees.len(), 1);
    let t = &r.trees[0];
    assert_eq!(t.count, 7);
    assert_eq!(t.nodes.iter().map(|n| n.depth).max(), Some(2));
    // Every dependent names its parent and the edge to it.
    for i in &r.invalidated {
        if (i.pkg, i.code) != (0, 0) {
            assert!(
                matches!(i.cause, Cause::Dependency { edge: 0, .. }),
                "{i:?}"
            );
        }
        assert_eq!(i.max_world, 1);
    }
    let o = outline(t, &pkgs);
    assert_eq!(
        o[..7],
        lines(&[
            (0, "f(::Int) @ B"),
            (1, "signature Tuple{typeof(f), Int}"),
            (2, "leaf(::Int) @ A"),
            (3, "mid(::Int) @ A"),
            (4, "top(::Int) @ C"),
            (3, "mid(::Char) @ A"),
            (4, "top(::Char) @ C"),
        ]),
        "{o:?}"
    );
    assert_eq!(t.nodes[t.mt_backedges[0].root].descendants, 6);
}

/// A cycle of callees is valid only if all its members are (verify_method
/// resolves a strongly connected component at its root).
#[test]
fn a_cycle_is_invalid_when_one_member_is() {
    let mut a = pkg(2, "A", &[]);
    a.methods = vec![
        meth("f", "Tuple{typeof(f), Integer}"),
        meth("even", "Tuple{typeof(even), Any}"),
        meth("odd", "Tuple{typeof(odd), Any}"),
        meth("user", "Tuple{typeof(user), Any}"),
    ];
    let f = key(2, "f", "Tuple{typeof(f), Integer}");
    let even = key(2, "even", "Tuple{typeof(even), Any}");
    let odd = key(2, "odd", "Tuple{typeof(odd), Any}");
    let user = key(2, "user", "Tuple{typeof(user), Any}");
    a.code = vec![
        code(
            &even,
            "Tuple{typeof(even), Int}",
            vec![instance(&odd, "Tuple{typeof(odd), Int}", None)],
        ),
        code(
            &odd,
            "Tuple{typeof(odd), Int}",
            vec![
                matched("Tuple{typeof(even), Int}", &[&even]),
                matched("Tuple{typeof(f), Int}", &[&f]),
            ],
        ),
        code(
            &user,
            "Tuple{typeof(user), Int}",
            vec![invoke(&even, "Tuple{typeof(even), Int}")],
        ),
    ];
    let mut b = pkg(3, "B", &[2]);
    b.methods = vec![meth("A.f", "Tuple{typeof(f), Int}")];
    let pkgs = vec![a.clone(), b];
    let r = check(&pkgs);
    assert_eq!(invalidated(&r, &pkgs, "A"), vec![0, 1, 2]);
    assert_eq!(
        r.invalidated[1].cause,
        Cause::Method {
            pkg: 1,
            method: 0,
            edge: 1
        }
    );
    // Without the new method the whole cycle stays valid.
    assert!(check(&[a]).invalidated.is_empty());
}

/// `CallMatched` and `Call`: verify_call compares the merged world's
/// matches with the recorded ones, or (no record) with the compile world's.
/// A package precompiles against its closure, so the record is that
/// world's match set and both decide alike; the recorded methods must
/// resolve, to methods of the called function.
#[test]
fn recorded_and_unrecorded_call_edges_decide_alike() {
    let build = |recorded: bool, new_sig: &str| {
        let mut a = pkg(2, "A", &[]);
        a.methods = vec![
            meth("f", "Tuple{typeof(f), Integer}"),
            meth("f", "Tuple{typeof(f), String}"),
            meth("caller", "Tuple{typeof(caller), Any}"),
        ];
        let fi = key(2, "f", "Tuple{typeof(f), Integer}");
        let fs = key(2, "f", "Tuple{typeof(f), String}");
        let caller = key(2, "caller", "Tuple{typeof(caller), Any}");
        let edge = |sig: &str, ms: &[&MethodKey]| {
            if recorded {
                matched(sig, ms)
            } else {
                call(sig)
            }
        };
        a.code = vec![
            code(
                &caller,
                "Tuple{typeof(caller), Int}",
                vec![edge("Tuple{typeof(f), Int}", &[&fi])],
            ),
            code(
                &caller,
                "Tuple{typeof(caller), Any}",
                vec![edge("Tuple{typeof(f), Any}", &[&fi, &fs])],
            ),
            code(
                &caller,
                "Tuple{typeof(caller), String}",
                vec![edge("Tuple{typeof(f), String}", &[&fs])],
            ),
        ];
        let mut b = pkg(3, "B", &[2]);
        b.methods = vec![meth("A.f", new_sig)];
        vec![a, b]
    };
    for new_sig in [
        "Tuple{typeof(f), Int}",
        "Tuple{typeof(f), Char}",
        "Tuple{typeof(f), Any}",
        "Tuple{typeof(f), Union{Int, String}}",
    ] {
        let with = build(true, new_sig);
        let without = build(false, new_sig);
        let (rw, ro) = (check(&with), check(&without));
        assert_eq!(names(&rw, &with), names(&ro, &without), "{new_sig}");
        assert_eq!(rw.invalidated, ro.invalidated, "{new_sig}");
    }
    // f(::Int): (Int) and (Any); f(::Char): (Any); f(::Any) is shadowed by
    // f(::Integer) on Int and by f(::String) on String: (Any) only.
    let n = |s: &str| {
        let p = build(true, s);
        invalidated(&check(&p), &p, "A")
    };
    assert_eq!(n("Tuple{typeof(f), Int}"), vec![0, 1]);
    assert_eq!(n("Tuple{typeof(f), Char}"), vec![1]);
    assert_eq!(n("Tuple{typeof(f), Any}"), vec![1]);
    // A recorded match must be a method of the function called.
    let mut bad = build(true, "Tuple{typeof(f), Char}");
    bad[0].code[0].edges = vec![matched(
        "Tuple{typeof(f), Int}",
        &[&key(2, "caller", "Tuple{typeof(caller), Any}")],
    )];
    let e = analyze(&bad).unwrap_err();
    assert!(
        e.to_string().contains("is not a method of the function"),
        "{e}"
    );
    let mut bad = build(true, "Tuple{typeof(f), Char}");
    bad[0].code[0].edges = vec![matched(
        "Tuple{typeof(f), Int}",
        &[&key(2, "f", "Tuple{typeof(f), Int8}")],
    )];
    assert!(matches!(
        *analyze(&bad).unwrap_err().kind,
        DeclErrorKind::UnknownMethod(_)
    ));
}

/// `invoke(f, Tuple{Real}, x)`: verify_invokesig checks that `_findsup` of
/// the invoke signature still selects the recorded method. A new, more
/// specific `f(::Int)` does not contain `Tuple{Real}`, so the invoke keeps
/// its method (a direct method-instance call of `f` at `Int` is
/// invalidated by it); a new `f(::Real)` is selected instead and
/// invalidates the invoke and, through it, its caller.
#[test]
fn invoke_signature_edges_follow_what_invoke_selects() {
    let mut a = pkg(2, "A", &[]);
    a.methods = vec![
        meth("f", "Tuple{typeof(f), Number}"),
        meth("caller", "Tuple{typeof(caller), Any}"),
        meth("outer", "Tuple{typeof(outer), Any}"),
    ];
    let f = key(2, "f", "Tuple{typeof(f), Number}");
    let caller = key(2, "caller", "Tuple{typeof(caller), Any}");
    let outer = key(2, "outer", "Tuple{typeof(outer), Any}");
    a.code = vec![
        code(
            &caller,
            "Tuple{typeof(caller), Int}",
            vec![invokesig(
                "Tuple{typeof(f), Real}",
                &f,
                "Tuple{typeof(f), Int}",
            )],
        ),
        code(
            &caller,
            "Tuple{typeof(caller), Char}",
            vec![invoke(&f, "Tuple{typeof(f), Int}")],
        ),
        code(
            &outer,
            "Tuple{typeof(outer), Int}",
            vec![invoke(&caller, "Tuple{typeof(caller), Int}")],
        ),
    ];
    let mut b = pkg(3, "B", &[2]);
    b.methods = vec![meth("A.f", "Tuple{typeof(f), Int}")];
    let pkgs = vec![a.clone(), b];
    let r = check(&pkgs);
    assert_eq!(invalidated(&r, &pkgs, "A"), vec![1]);
    let mut c = pkg(3, "C", &[2]);
    c.methods = vec![meth("A.f", "Tuple{typeof(f), Real}")];
    let pkgs = vec![a, c];
    let r = check(&pkgs);
    assert_eq!(invalidated(&r, &pkgs, "A"), vec![0, 1, 2]);
    let o = outline(&r.trees[0], &pkgs);
    let at = o
        .iter()
        .position(|l| l.1.starts_with("superseding"))
        .expect("a backedge");
    assert_eq!(
        o[at..],
        lines(&[
            (1, "superseding f(::Number) @ A with Tuple{typeof(f), Int}"),
            (2, "caller(::Int) @ A"),
            (3, "outer(::Int) @ A"),
            (2, "caller(::Char) @ A"),
        ]),
        "{o:?}"
    );
    assert_eq!(r.trees[0].backedges[0].count, 3);
}

/// Two code instances of one method instance, made by different compilers
/// (owners): an `Instance` edge depends on the one it names; an `Invoke`
/// edge on the one of its caller's owner (code instances of an owner call
/// that owner's code; staticdata.jl verifies each code instance's edges).
#[test]
fn instance_edges_name_one_code_instance_of_a_method_instance() {
    let mut a = pkg(2, "A", &[]);
    a.methods = vec![
        meth("f", "Tuple{typeof(f), Integer}"),
        meth("k", "Tuple{typeof(k), Integer}"),
        meth("leaf", "Tuple{typeof(leaf), Any}"),
        meth("user", "Tuple{typeof(user), Any}"),
    ];
    let f = key(2, "f", "Tuple{typeof(f), Integer}");
    let k = key(2, "k", "Tuple{typeof(k), Integer}");
    let leaf = key(2, "leaf", "Tuple{typeof(leaf), Any}");
    let user = key(2, "user", "Tuple{typeof(user), Any}");
    let spec = "Tuple{typeof(leaf), Int}";
    let mut interp = code(&leaf, spec, vec![matched("Tuple{typeof(k), Int}", &[&k])]);
    interp.owner = Some("Interp".into());
    let with_owner = |mut c: CodeDecl, o: &str| {
        c.owner = Some(o.into());
        c
    };
    a.code = vec![
        // 0: native leaf, invalidated by B's f(::Int).
        code(&leaf, spec, vec![matched("Tuple{typeof(f), Int}", &[&f])]),
        // 1: the Interp compiler's leaf, which calls k instead: valid.
        interp,
        code(
            &user,
            "Tuple{typeof(user), Int}",
            vec![instance(&leaf, spec, None)],
        ),
        code(
            &user,
            "Tuple{typeof(user), Char}",
            vec![instance(&leaf, spec, Some("Interp"))],
        ),
        code(
            &user,
            "Tuple{typeof(user), Float64}",
            vec![invoke(&leaf, spec)],
        ),
        with_owner(
            code(
                &user,
                "Tuple{typeof(user), Float64}",
                vec![invoke(&leaf, spec)],
            ),
            "Interp",
        ),
    ];
    let mut b = pkg(3, "B", &[2]);
    b.methods = vec![meth("A.f", "Tuple{typeof(f), Int}")];
    let pkgs = vec![a, b];
    let r = check(&pkgs);
    assert_eq!(invalidated(&r, &pkgs, "A"), vec![0, 2, 4]);
}

/// Explicit kinds (base/boot.jl): a `mutable struct` is concrete and a
/// declared `abstract type` is abstract even with no subtype in the set
/// (under the old rule it would be a struct); only an abstract type may be
/// a supertype (jltypes.c: `invalid subtyping`). Concreteness is what the
/// diagonal rule asks of `T` (src/subtype.c), so it decides whether
/// `f(::T, ::T) where T` covers a call.
#[test]
fn declared_kinds_decide_concreteness_and_subtyping() {
    let mut a = pkg(2, "A", &[]);
    a.types = vec![
        ty("Shape", &[], "Any", Some(TypeKind::Abstract)),
        ty("Box", &[], "Any", Some(TypeKind::Mutable)),
        ty("Pt", &[], "Any", Some(TypeKind::Struct)),
        ty("Bits", &[], "Any", Some(TypeKind::Primitive)),
        ty("Legacy", &[], "Any", None),
    ];
    a.methods = vec![meth("f", "Tuple{typeof(f), T, T} where T")];
    let u = Universe::build(std::slice::from_ref(&a)).unwrap();
    let concrete = |t: &str| u.reg.is_concrete(&u.resolve_text(0, t).unwrap());
    assert!(!concrete("Shape"));
    assert!(concrete("Box") && concrete("Pt") && concrete("Bits") && concrete("Legacy"));
    let covers = |t: &str| {
        u.match_in_world(&u.resolve_text(0, t).unwrap(), None)
            .unwrap()
            .fully_covers
    };
    assert!(covers("Tuple{typeof(f), Box, Box}"));
    assert!(!covers("Tuple{typeof(f), Shape, Shape}"));
    // Subtyping a declared struct is an error; a declared abstract type
    // may be subtyped by another package.
    let mut b = pkg(3, "B", &[2]);
    b.types = vec![ty("Sq", &[], "Shape", Some(TypeKind::Struct))];
    assert!(Universe::build(&[a.clone(), b.clone()]).is_ok());
    b.types = vec![ty("Sq", &[], "Box", None)];
    let e = Universe::build(&[a, b]).unwrap_err();
    assert!(e.to_string().contains("supertype must be abstract"), "{e}");
}

/// Parameter bounds (`struct Wrap{T<:Real}`) are the bounds of the type's
/// variable: applying it outside them is jltypes.c `jl_apply_type`'s error,
/// and the unapplied name means `Wrap{T} where T<:Real` in a signature.
#[test]
fn parameter_bounds_are_checked_and_used_by_dispatch() {
    let mut a = pkg(2, "A", &[]);
    a.types = vec![
        ty("Wrap", &["T<:Real"], "Any", Some(TypeKind::Struct)),
        ty("Between", &["Int<:T<:Real"], "Any", Some(TypeKind::Struct)),
        ty("Pair2", &["T<:Real", "S<:AbstractVector{T}"], "Any", None),
    ];
    a.methods = vec![
        meth("f", "Tuple{typeof(f), Any}"),
        meth("caller", "Tuple{typeof(caller), Any}"),
    ];
    let f = key(2, "f", "Tuple{typeof(f), Any}");
    let caller = key(2, "caller", "Tuple{typeof(caller), Any}");
    a.code = vec![
        code(
            &caller,
            "Tuple{typeof(caller), Int}",
            vec![matched("Tuple{typeof(f), Wrap{Int}}", &[&f])],
        ),
        code(
            &caller,
            "Tuple{typeof(caller), Char}",
            vec![matched("Tuple{typeof(f), Vector{Wrap{Float64}}}", &[&f])],
        ),
    ];
    let u = Universe::build(std::slice::from_ref(&a)).unwrap();
    assert!(u.resolve_text(0, "Wrap{Int}").is_ok());
    assert!(u.resolve_text(0, "Between{Integer}").is_ok());
    assert!(u.resolve_text(0, "Pair2{Int, Vector{Int}}").is_ok());
    for bad in [
        "Wrap{String}",
        "Between{Int8}",
        "Pair2{Int, Vector{Float64}}",
    ] {
        let e = u.resolve_text(0, bad).unwrap_err();
        assert!(e.to_string().contains("within its bounds"), "{bad}: {e}");
    }
    // `Wrap` alone is `Wrap{T} where T<:Real`: it takes the Wrap{Int} call,
    // not the one on a vector of wraps.
    let mut b = pkg(3, "B", &[2]);
    b.methods = vec![meth("A.f", "Tuple{typeof(f), Wrap}")];
    let pkgs = vec![a.clone(), b];
    let r = check(&pkgs);
    assert_eq!(invalidated(&r, &pkgs, "A"), vec![0]);
    // A bound naming an unknown type is an error of the declaration.
    let mut bad = a;
    bad.types[0].params = vec!["T<:Reall".into()];
    let e = Universe::build(&[bad]).unwrap_err();
    assert!(
        matches!(*e.kind, DeclErrorKind::UnknownType(ref n) if n == "Reall"),
        "{e}"
    );
}

/// A package alias is a module binding to a type, as `const` makes it
/// (base/boot.jl `const Vector{T} = Array{T,1}`): a signature written with
/// it is the aliased type, so `f(::MyVec{Int})` takes a call compiled on
/// `Vector{Int}`.
#[test]
fn package_aliases_resolve_to_their_types() {
    let mut a = pkg(2, "A", &[]);
    a.types = vec![ty("Cell", &["T"], "Any", Some(TypeKind::Mutable))];
    a.aliases = vec![
        AliasDecl {
            name: "MyVec".into(),
            params: vec!["T".into()],
            body: "Vector{T}".into(),
        },
        AliasDecl {
            name: "RealCell".into(),
            params: vec!["T<:Real".into()],
            body: "Cell{T}".into(),
        },
        AliasDecl {
            name: "IntCell".into(),
            params: vec![],
            body: "Cell{Int}".into(),
        },
    ];
    a.methods = vec![
        meth("f", "Tuple{typeof(f), Any}"),
        meth("caller", "Tuple{typeof(caller), Any}"),
    ];
    let f = key(2, "f", "Tuple{typeof(f), Any}");
    let caller = key(2, "caller", "Tuple{typeof(caller), Any}");
    a.code = vec![
        code(
            &caller,
            "Tuple{typeof(caller), Int}",
            vec![matched("Tuple{typeof(f), Vector{Int}}", &[&f])],
        ),
        code(
            &caller,
            "Tuple{typeof(caller), Char}",
            vec![matched("Tuple{typeof(f), IntCell}", &[&f])],
        ),
    ];
    let u = Universe::build(std::slice::from_ref(&a)).unwrap();
    let same = |x: &str, y: &str| {
        pcache_typesys::types_equal(
            &u.reg,
            &u.resolve_text(0, x).unwrap(),
            &u.resolve_text(0, y).unwrap(),
        )
    };
    assert!(same("MyVec{Int}", "Array{Int, 1}"));
    assert!(same("MyVec", "Vector"));
    assert!(same("RealCell", "Cell{T} where T<:Real"));
    assert!(same("IntCell", "Cell{Int}"));
    assert!(u.resolve_text(0, "RealCell{String}").is_err());
    let mut b = pkg(3, "B", &[2]);
    b.methods = vec![
        meth("A.f", "Tuple{typeof(f), MyVec{Int}}"),
        meth("A.f", "Tuple{typeof(f), A.RealCell}"),
    ];
    let pkgs = vec![a.clone(), b];
    let r = check(&pkgs);
    assert_eq!(invalidated(&r, &pkgs, "A"), vec![0, 1]);
    // An alias may not reuse a type's name, nor a reserved one.
    let mut bad = a.clone();
    bad.aliases[0].name = "Cell".into();
    assert!(Universe::build(&[bad]).is_err());
    let mut bad = a;
    bad.aliases[0].name = "Tuple".into();
    assert!(Universe::build(&[bad]).is_err());
}

/// Binding edges: a package cannot rebind another module's globals
/// (pcache models no `eval` into other modules), so
/// `Base.binding_was_invalidated` is false for every binding in the
/// merged world and verify_method's Binding branch keeps the edge valid.
/// The module must still be a built-in module or a package of the closure.
#[test]
fn binding_edges_never_invalidate_and_name_known_modules() {
    let binding = |m: &str| EdgeDecl::Binding {
        module: m.into(),
        name: "counter".into(),
    };
    let mut a = pkg(2, "A", &[]);
    a.methods = vec![
        meth("f", "Tuple{typeof(f), Any}"),
        meth("caller", "Tuple{typeof(caller), Any}"),
    ];
    let f = key(2, "f", "Tuple{typeof(f), Any}");
    let caller = key(2, "caller", "Tuple{typeof(caller), Any}");
    a.code = vec![code(
        &caller,
        "Tuple{typeof(caller), Int}",
        vec![
            binding("Base.Math"),
            binding("A"),
            matched("Tuple{typeof(f), Int}", &[&f]),
        ],
    )];
    let mut b = pkg(3, "B", &[2]);
    b.methods = vec![meth("A.f", "Tuple{typeof(f), Int}")];
    let pkgs = vec![a.clone(), b.clone()];
    let r = check(&pkgs);
    // Only the call edge (index 2) is the cause.
    assert_eq!(
        r.invalidated[0].cause,
        Cause::Method {
            pkg: 1,
            method: 0,
            edge: 2
        }
    );
    let mut only_bindings = a.clone();
    only_bindings.code[0].edges.truncate(2);
    assert!(check(&[only_bindings, b.clone()]).invalidated.is_empty());
    for unknown in ["Nowhere", "B", "Base.Nowhere"] {
        let mut bad = a.clone();
        bad.code[0].edges = vec![binding(unknown)];
        let e = Universe::build(&[bad, b.clone()]).unwrap_err();
        assert!(
            e.to_string().contains("is not a known module"),
            "{unknown}: {e}"
        );
    }
}

/// A function whose only methods come from a package outside the caller's
/// closure (here Base's `show`, extended by B alone): the call's match set
/// gains B's method in the merged world (verify_call), in the slice too.
#[test]
fn a_builtin_function_extended_by_one_unrelated_package() {
    let mut a = pkg(2, "A", &[]);
    a.methods = vec![meth("caller", "Tuple{typeof(caller), Any}")];
    let caller = key(2, "caller", "Tuple{typeof(caller), Any}");
    a.code = vec![
        code(
            &caller,
            "Tuple{typeof(caller), Int}",
            vec![call("Tuple{typeof(show), Any}")],
        ),
        code(
            &caller,
            "Tuple{typeof(caller), Char}",
            vec![matched("Tuple{typeof(show), Char}", &[])],
        ),
    ];
    let mut b = pkg(3, "B", &[]);
    b.methods = vec![meth("Base.show", "Tuple{typeof(show), Int}")];
    let pkgs = vec![a, b];
    let r = check(&pkgs);
    assert_eq!(invalidated(&r, &pkgs, "A"), vec![0]);
}

/// The id under which Base is built in.
fn base_uuid() -> [u8; 16] {
    pcache_typesys::builtin_packages::BUILTIN_PACKAGES
        .iter()
        .find(|p| p.name == "Base")
        .map(|p| p.uuid)
        .unwrap()
}

/// A key naming a built-in method of Base.
fn base_key(name: &str, sig: &str) -> MethodKey {
    MethodKey {
        pkg: base_uuid(),
        name: name.into(),
        sig: sig.into(),
    }
}

/// Base's methods are in every compile world (builtin/julia-1.11-methods.jl).
/// A package's `+(::Integer, ::Integer)` is less specific than Base's
/// `+(::T, ::T) where T<:BitInteger` (base/int.jl), which fully covers a
/// call on `(Int, Int)`: src/gf.c `ml_matches` drops a method a more
/// specific full match dominates, so base/staticdata.jl `verify_call` finds
/// the same single match and the caller stays valid. On `(Int8, Bool)` only
/// Base's `+(::Number, ::Number)` (base/promotion.jl) matched, and the new
/// method is more specific than it: the caller is invalidated. On
/// `(Int, Float64)` the new method does not apply.
#[test]
fn a_base_method_that_covers_the_call_shields_it_from_a_less_specific_one() {
    let mut a = pkg(2, "A", &[]);
    a.methods = vec![meth("caller", "Tuple{typeof(caller), Any}")];
    let caller = key(2, "caller", "Tuple{typeof(caller), Any}");
    a.code = ["Int", "Int8", "Float64"]
        .iter()
        .zip([
            "Tuple{typeof(+), Int, Int}",
            "Tuple{typeof(+), Int8, Bool}",
            "Tuple{typeof(+), Int, Float64}",
        ])
        .map(|(arg, sig)| {
            code(
                &caller,
                &format!("Tuple{{typeof(caller), {arg}}}"),
                vec![call(sig)],
            )
        })
        .collect();
    let mut b = pkg(3, "B", &[]);
    b.methods = vec![meth("Base.+", "Tuple{typeof(+), Integer, Integer}")];
    let pkgs = vec![a, b];
    let r = check(&pkgs);
    assert_eq!(invalidated(&r, &pkgs, "A"), vec![1]);
    // The same calls recorded with the Base methods they matched decide alike.
    let bitint = base_key("+", "Tuple{typeof(+), T, T} where T<:Base.BitInteger");
    let number = base_key("+", "Tuple{typeof(+), Number, Number}");
    let mut recorded = pkgs.clone();
    for (c, m) in recorded[0].code.iter_mut().zip([&bitint, &number, &number]) {
        let EdgeDecl::Call(sig) = &c.edges[0] else {
            unreachable!()
        };
        c.edges[0] = matched(&sig.clone(), &[m]);
    }
    let r = check(&recorded);
    assert_eq!(invalidated(&r, &recorded, "A"), vec![1]);
}

/// Edges may name Base's methods by key (package id = Base's built-in id):
/// a direct call of the method instance `+(::Int64, ::Int64)` of Base's
/// `+(::T, ::T) where T<:BitInteger` is superseded by a package's
/// `+(::Int, ::Int)` (base/staticdata.jl `verify_call` on the method
/// instance's spec now finds the new method), and the tree names the
/// superseded method `@ Base`, as SnoopCompile's `backedges` do.
#[test]
fn a_package_method_supersedes_a_base_method_instance() {
    let bitint = base_key("+", "Tuple{typeof(+), T, T} where T<:Base.BitInteger");
    let mut a = pkg(2, "A", &[]);
    a.methods = vec![meth("caller", "Tuple{typeof(caller), Any}")];
    let caller = key(2, "caller", "Tuple{typeof(caller), Any}");
    a.code = vec![
        code(
            &caller,
            "Tuple{typeof(caller), Int}",
            vec![invoke(&bitint, "Tuple{typeof(+), Int, Int}")],
        ),
        code(
            &caller,
            "Tuple{typeof(caller), Int8}",
            vec![invoke(&bitint, "Tuple{typeof(+), Int8, Int8}")],
        ),
    ];
    let mut b = pkg(3, "B", &[]);
    b.methods = vec![meth("Base.+", "Tuple{typeof(+), Int, Int}")];
    let pkgs = vec![a, b];
    let r = check(&pkgs);
    assert_eq!(invalidated(&r, &pkgs, "A"), vec![0]);
    assert_eq!(r.trees[0].backedges[0].pkg, None);
    assert_eq!(
        outline(&r.trees[0], &pkgs),
        lines(&[
            (0, "+(::Int, ::Int) @ B"),
            (
                1,
                "superseding +(::T, ::T) where T<:BitInteger @ Base with Tuple{typeof(+), Int, Int}",
            ),
            (2, "caller(::Int) @ A"),
        ])
    );
    // A key naming no method of Base is refused, naming it.
    let mut bad = pkgs.clone();
    bad[0].code[0].edges[0] = invoke(
        &base_key("+", "Tuple{typeof(+), String, String}"),
        "Tuple{typeof(+), String, String}",
    );
    let e = analyze(&bad).unwrap_err();
    assert!(
        matches!(&*e.kind, DeclErrorKind::UnknownMethod(m) if m.contains("in Base")),
        "{e}"
    );
}

/// A package holding Base's own id replaces the built-in Base, methods
/// included (SPEC §11.2.1): with it, none of the built-in Base methods of
/// `+` is in the merged world; without it, they are.
#[test]
fn a_package_with_bases_id_replaces_the_builtin_methods() {
    let builtin_base_methods = |u: &Universe| {
        u.methods
            .iter()
            .filter(|m| m.pkg == pcache_typesys::world::BUILTIN)
            .filter(|m| {
                pcache_typesys::builtin::method(m.idx).is_some_and(|d| d.module.starts_with("Base"))
            })
            .count()
    };
    let mut a = pkg(2, "A", &[]);
    a.methods = vec![meth("Base.+", "Tuple{typeof(+), Char, Char}")];
    assert!(builtin_base_methods(&Universe::build(&[a]).unwrap()) > 40);
    let mut own_base = pkg(9, "Base", &[]);
    own_base.uuid = base_uuid();
    own_base.methods = vec![meth("+", "Tuple{typeof(+), Char, Char}")];
    assert_eq!(
        builtin_base_methods(&Universe::build(&[own_base]).unwrap()),
        0
    );
}

/// Random ecosystems with every edge kind: the slice's analysis equals the
/// whole's, and the invalidated set does not depend on the load order.
mod random {
    use super::*;
    use proptest::prelude::*;

    /// Method signatures of `f`.
    const METHOD_SIGS: &[&str] = &[
        "Tuple{typeof(f), Int}",
        "Tuple{typeof(f), Integer}",
        "Tuple{typeof(f), Real}",
        "Tuple{typeof(f), Char}",
        "Tuple{typeof(f), String}",
        "Tuple{typeof(f), Vector{Int}}",
        "Tuple{typeof(f), AbstractVector}",
        "Tuple{typeof(f), Union{Int, Char}}",
        "Tuple{typeof(f), Vector{T}} where T",
        "Tuple{typeof(f), T, T} where T<:Integer",
        "Tuple{typeof(f), Vararg{Int}}",
        "Tuple{typeof(f), Any}",
        "Tuple{typeof(f), Number}",
    ];
    /// Argument types of calls.
    const CALL_ARGS: &[&str] = &[
        "Int",
        "Int8",
        "Integer",
        "Char",
        "String",
        "Any",
        "Array{Int, 1}",
        "Vector{Float64}",
        "Union{Int, String}",
    ];
    const SPECS: &[&str] = &["Int", "Char", "Float64", "String"];
    const OWNERS: &[Option<&str>] = &[None, None, Some("Interp")];

    /// (kind, a, b, c) choices for one edge.
    type EdgeChoice = (u8, usize, usize, usize);

    fn ecosystem(
        deps: &[u8],
        methods: &[Vec<usize>],
        codes: &[Vec<(usize, usize, Vec<EdgeChoice>)>],
    ) -> Vec<PackageDecl> {
        let n = methods.len();
        let mut p0 = pkg(1, "P0", &[]);
        p0.methods = vec![
            meth("f", "Tuple{typeof(f), Any}"),
            meth("f", "Tuple{typeof(f), Number}"),
        ];
        let mut pkgs = vec![p0.clone()];
        for i in 0..n {
            let mut d: Vec<u8> = vec![1];
            for j in 0..i {
                if deps[i] >> j & 1 == 1 {
                    d.push(j as u8 + 2);
                }
            }
            let mut p = pkg(i as u8 + 2, &format!("P{}", i + 1), &d);
            let mut sigs: Vec<usize> = methods[i].clone();
            sigs.sort_unstable();
            sigs.dedup();
            for s in sigs {
                p.methods.push(meth("P0.f", METHOD_SIGS[s]));
            }
            p.methods.push(meth(
                &format!("c{}", i + 1),
                &format!("Tuple{{typeof(c{}), Any}}", i + 1),
            ));
            pkgs.push(p);
        }
        // Code instances, with edges only to what their package sees.
        let closure = |i: usize| -> Vec<usize> {
            // Packages (1-based load index) in the closure of package i+1.
            let mut out = vec![i + 1];
            let mut k = 0;
            while k < out.len() {
                let q = out[k];
                for j in 0..q.saturating_sub(1) {
                    if deps[q - 1] >> j & 1 == 1 && !out.contains(&(j + 1)) {
                        out.push(j + 1);
                    }
                }
                k += 1;
            }
            out.sort_unstable();
            out
        };
        let any = key(1, "f", "Tuple{typeof(f), Any}");
        let number = key(1, "f", "Tuple{typeof(f), Number}");
        let mut made: Vec<Vec<(String, Option<&str>)>> = vec![Vec::new(); n + 1];
        for i in 0..n {
            let cl = closure(i);
            let ck = |q: usize| {
                key(
                    q as u8 + 1,
                    &format!("c{q}"),
                    &format!("Tuple{{typeof(c{q}), Any}}"),
                )
            };
            for (spec, owner, edges) in &codes[i] {
                let spec = format!("Tuple{{typeof(c{}), {}}}", i + 1, SPECS[spec % SPECS.len()]);
                let owner = OWNERS[owner % OWNERS.len()];
                if made[i + 1].contains(&(spec.clone(), owner)) {
                    continue;
                }
                let mut es = Vec::new();
                for &(kind, a, b, c) in edges {
                    let fcall = format!("Tuple{{typeof(f), {}}}", CALL_ARGS[a % CALL_ARGS.len()]);
                    // A code instance made earlier in the closure.
                    let target = {
                        let qs: Vec<usize> = cl
                            .iter()
                            .copied()
                            .filter(|q| !made[*q].is_empty())
                            .collect();
                        (!qs.is_empty()).then(|| {
                            let q = qs[b % qs.len()];
                            let (s, o) = made[q][c % made[q].len()].clone();
                            (ck(q), s, o)
                        })
                    };
                    es.push(match (kind % 7, target) {
                        (0, _) => call(&fcall),
                        (1, _) => {
                            let ms: Vec<MethodKey> =
                                [&any, &number].into_iter().take(b % 3).cloned().collect();
                            EdgeDecl::CallMatched {
                                sig: fcall,
                                matches: ms,
                            }
                        }
                        (2, _) => invoke(&any, "Tuple{typeof(f), Int}"),
                        (3, _) => invokesig(
                            if c % 2 == 0 {
                                "Tuple{typeof(f), Real}"
                            } else {
                                "Tuple{typeof(f), Integer}"
                            },
                            &number,
                            "Tuple{typeof(f), Int}",
                        ),
                        (4, Some((k, s, _))) => invoke(&k, &s),
                        (5, Some((k, s, o))) => instance(&k, &s, o),
                        (6, Some((k, s, _))) => matched(
                            &s.replace(&format!("c{}", k.name.trim_start_matches('c')), &k.name),
                            &[&k],
                        ),
                        _ => EdgeDecl::Binding {
                            module: "Base".into(),
                            name: "x".into(),
                        },
                    });
                }
                let mut cd = code(&ck(i + 1), &spec, es);
                cd.owner = owner.map(str::to_string);
                pkgs[i + 1].code.push(cd);
                made[i + 1].push((spec, owner));
            }
        }
        pkgs
    }

    fn edge() -> impl Strategy<Value = EdgeChoice> {
        (0u8..8, 0usize..16, 0usize..16, 0usize..16)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(160))]

        #[test]
        fn slice_and_load_order_agree_with_the_whole(
            deps in prop::collection::vec(0u8..16, 4),
            methods in prop::collection::vec(prop::collection::vec(0..METHOD_SIGS.len(), 0..4), 4),
            codes in prop::collection::vec(
                prop::collection::vec((0usize..4, 0usize..3, prop::collection::vec(edge(), 0..4)), 0..4),
                4,
            ),
        ) {
            let pkgs = ecosystem(&deps, &methods, &codes);
            let whole = analyze(&pkgs);
            let whole = match whole {
                Ok(a) => a,
                Err(e) => panic!("generated ecosystems resolve: {e}"),
            };
            prop_assert_eq!(&analyze_sliced(&pkgs).unwrap(), &whole);
            let set = names(&whole, &pkgs);
            for o in orders(&pkgs).into_iter().take(4) {
                let b = analyze(&o).unwrap();
                prop_assert_eq!(names(&b, &o), set.clone());
                prop_assert_eq!(analyze_sliced(&o).unwrap(), b);
            }
        }
    }
}

/// The case SPEC §11.4 gives of Julia answering by load order: an abstract
/// call matched `f(::Int, ::Int8)` and `f(::Int, ::Integer)`; a new
/// `f(::Integer, ::Int)` meets it in `(Int, Int)`, where it is ambiguous
/// with `f(::Int, ::Integer)`. Load-time `verify_call` (base/staticdata.jl)
/// finds three matches and invalidates; pcache does so in every order.
#[test]
fn ambiguity_within_an_abstract_call_invalidates_in_every_order() {
    let mut lib = pkg(1, "Lib", &[]);
    lib.methods = vec![
        meth("f", "Tuple{typeof(f), Int, Int8}"),
        meth("f", "Tuple{typeof(f), Int, Integer}"),
    ];
    let f8 = key(1, "f", "Tuple{typeof(f), Int, Int8}");
    let fi = key(1, "f", "Tuple{typeof(f), Int, Integer}");
    let mut a = pkg(2, "A", &[1]);
    a.methods = vec![meth("caller", "Tuple{typeof(caller), Any}")];
    let caller = key(2, "caller", "Tuple{typeof(caller), Any}");
    a.code = vec![code(
        &caller,
        "Tuple{typeof(caller), Int}",
        vec![matched("Tuple{typeof(f), Int, Integer}", &[&f8, &fi])],
    )];
    // B does not depend on A: it may load before or after it.
    let mut b = pkg(3, "B", &[1]);
    b.methods = vec![meth("Lib.f", "Tuple{typeof(f), Integer, Int}")];
    let pkgs = vec![lib, a, b];
    assert_eq!(orders(&pkgs).len(), 2);
    let r = check(&pkgs);
    assert_eq!(invalidated(&r, &pkgs, "A"), vec![0]);
}

/// The slice states the kind the whole set gives a type declared without
/// one (abstract when some declaration, perhaps one the slice leaves out,
/// subtypes it), so it resolves the type as the whole does.
#[test]
fn the_slice_keeps_the_kind_the_whole_set_gives() {
    let mut a = pkg(2, "A", &[]);
    a.types = vec![
        ty("Shape", &[], "Any", None),
        ty("Sq", &[], "Shape", None),
        ty("Dot", &[], "Any", None),
    ];
    a.methods = vec![
        meth("f", "Tuple{typeof(f), Any}"),
        meth("caller", "Tuple{typeof(caller), Any}"),
    ];
    let caller = key(2, "caller", "Tuple{typeof(caller), Any}");
    a.code = vec![code(
        &caller,
        "Tuple{typeof(caller), Int}",
        vec![call("Tuple{typeof(f), Shape, Dot}")],
    )];
    let mut b = pkg(3, "B", &[2]);
    b.methods = vec![meth("A.f", "Tuple{typeof(f), Any, Any}")];
    let pkgs = vec![a, b];
    check(&pkgs);
    let s = pcache_typesys::slice(&pkgs).unwrap();
    let kinds: Vec<(&str, Option<TypeKind>)> = s.decls[0]
        .types
        .iter()
        .map(|t| (t.name.as_str(), t.kind))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("Shape", Some(TypeKind::Abstract)),
            ("Dot", Some(TypeKind::Struct))
        ]
    );
}

/// What resolution checks of the new edges (SPEC §11.2): an `Instance`
/// spec within its method's signature, an `InvokeSig` signature within
/// the selected method's (jl_gf_invoke_lookup selects a method containing
/// it); and `check_syntax` parses parameters and alias bodies.
#[test]
fn resolution_checks_callee_edges_and_syntax() {
    let mut a = pkg(2, "A", &[]);
    a.methods = vec![
        meth("f", "Tuple{typeof(f), Integer}"),
        meth("caller", "Tuple{typeof(caller), Any}"),
    ];
    let f = key(2, "f", "Tuple{typeof(f), Integer}");
    let caller = key(2, "caller", "Tuple{typeof(caller), Any}");
    let with = |e: EdgeDecl| {
        let mut p = a.clone();
        p.code = vec![code(&caller, "Tuple{typeof(caller), Int}", vec![e])];
        Universe::build(&[p])
    };
    assert!(with(instance(&f, "Tuple{typeof(f), Int}", None)).is_ok());
    let e = with(instance(&f, "Tuple{typeof(f), Char}", None)).unwrap_err();
    assert!(
        e.to_string().contains("instance spec is not a subtype"),
        "{e}"
    );
    assert!(with(invokesig(
        "Tuple{typeof(f), Signed}",
        &f,
        "Tuple{typeof(f), Int}"
    ))
    .is_ok());
    let e = with(invokesig(
        "Tuple{typeof(f), Real}",
        &f,
        "Tuple{typeof(f), Int}",
    ))
    .unwrap_err();
    assert!(
        e.to_string().contains("invoke signature is not a subtype"),
        "{e}"
    );
    let mut bad = a.clone();
    bad.types = vec![ty("W", &["T<:"], "Any", None)];
    assert!(pcache_typesys::check_syntax(&bad).is_err());
    let mut bad = a.clone();
    bad.types = vec![ty("W", &["T", "T<:Real"], "Any", None)];
    assert!(pcache_typesys::check_syntax(&bad)
        .unwrap_err()
        .to_string()
        .contains("declared twice"));
    let mut bad = a;
    bad.aliases = vec![AliasDecl {
        name: "V".into(),
        params: vec![],
        body: "Vector{".into(),
    }];
    assert!(pcache_typesys::check_syntax(&bad).is_err());
}
