//! One test per construct of the type language and per rule, each naming
//! the Julia source that decides the behaviour it checks.

use pcache_typesys::builtin;
use pcache_typesys::types::{
    intersect, match_methods, morespecific, show, subtype, subtype_checked, type_from_text,
    types_equal, Registry, Ty,
};

fn reg() -> Registry {
    let mut r = builtin::julia();
    // Functions a test file would define in Main.
    for f in ["f", "g", "#f#2"] {
        r.declare_function("Main", f).expect("declare");
    }
    r
}

fn t(r: &Registry, s: &str) -> Ty {
    type_from_text(r, "Main", s).unwrap_or_else(|e| panic!("`{s}`: {e}"))
}

fn eq(r: &Registry, a: &str, b: &str) -> bool {
    types_equal(r, &t(r, a), &t(r, b))
}

fn sub(r: &Registry, a: &str, b: &str) -> bool {
    subtype(r, &t(r, a), &t(r, b))
}

fn printed(r: &Registry, s: &str) -> String {
    show(r, &t(r, s))
}

// --- the language ---------------------------------------------------------

/// Function types of every callable (base/show.jl prints `typeof(+)`, and
/// jl_static_show `typeof(Base.:(==))`, src/rtutils.c).
#[test]
fn function_types_of_every_callable() {
    let r = reg();
    for (text, shown) in [
        ("typeof(+)", "typeof(+)"),
        ("typeof(Base.:(==))", "typeof(==)"),
        ("typeof(Base.:+)", "typeof(+)"),
        ("typeof(∘)", "typeof(∘)"),
        ("typeof(Core.kwcall)", "typeof(Core.kwcall)"),
        (
            "typeof(Base.Broadcast.broadcastable)",
            "typeof(Base.Broadcast.broadcastable)",
        ),
        ("typeof(var\"#f#2\")", "typeof(Main.var\"#f#2\")"),
        ("typeof(Main.var\"#f#2\")", "typeof(Main.var\"#f#2\")"),
    ] {
        assert_eq!(printed(&r, text), shown, "{text}");
    }
    assert!(eq(&r, "typeof(Base.:(==))", "typeof(==)"));
    // Each function type is a concrete subtype of Function (src/jltypes.c:
    // a generic function's type has supertype `Function`).
    assert!(sub(&r, "typeof(sin)", "Function"));
    assert!(!sub(&r, "typeof(sin)", "typeof(cos)"));
    assert!(r.is_concrete(&t(&r, "typeof(sin)")));
}

/// Names of any module depth (base/show.jl qualifies names that are not
/// exported).
#[test]
fn names_of_any_module_depth() {
    let r = reg();
    assert_eq!(
        printed(&r, "Base.Iterators.Reverse{Vector{Int}}"),
        "Base.Iterators.Reverse{Vector{Int64}}"
    );
    assert!(sub(&r, "Base.OneTo{Int}", "AbstractUnitRange{Int}"));
}

/// `where` with both bounds, bounds naming earlier variables, several
/// clauses (src/julia-syntax.scm lowers `where {T, V<:AbstractVector{T}}`
/// to nested UnionAlls, outermost first).
#[test]
fn where_clauses_with_bounds() {
    let r = reg();
    assert!(sub(&r, "Vector{Int}", "Vector{T} where T<:Real"));
    assert!(!sub(&r, "Vector{String}", "Vector{T} where T<:Real"));
    assert!(sub(&r, "Vector{Number}", "Vector{T} where T>:Int"));
    assert!(!sub(&r, "Vector{Int8}", "Vector{T} where T>:Int"));
    assert!(sub(&r, "Vector{Signed}", "Vector{T} where Int<:T<:Integer"));
    assert!(!sub(&r, "Vector{Real}", "Vector{T} where Int<:T<:Integer"));
    assert!(sub(
        &r,
        "Tuple{Int, Vector{Int}}",
        "Tuple{T, V} where {T, V<:AbstractVector{T}}"
    ));
    assert!(!sub(
        &r,
        "Tuple{Int, Vector{Float64}}",
        "Tuple{T, V} where {T, V<:AbstractVector{T}}"
    ));
    assert!(eq(
        &r,
        "Tuple{T, S} where S where T",
        "Tuple{T, S} where {T, S}"
    ));
}

/// `<:X` as a parameter is a variable quantified at that parameter
/// (src/julia-syntax.scm, `Vector{<:Real}` ≡ `Vector{T} where T<:Real`),
/// not hoisted further out.
#[test]
fn wildcard_parameters_are_scoped_at_the_parameter() {
    let r = reg();
    assert!(eq(&r, "Vector{<:Real}", "Vector{T} where T<:Real"));
    assert!(eq(&r, "Ref{>:Int}", "Ref{T} where T>:Int"));
    assert!(!eq(
        &r,
        "Vector{Vector{<:Real}}",
        "Vector{Vector{T}} where T<:Real"
    ));
    assert!(eq(
        &r,
        "Vector{Vector{<:Real}}",
        "Vector{Vector{T} where T<:Real}"
    ));
    assert!(sub(
        &r,
        "Vector{Vector{Int}}",
        "Vector{Vector{T}} where T<:Real"
    ));
    assert!(!sub(&r, "Vector{Vector{Int}}", "Vector{Vector{<:Real}}"));
    assert_eq!(printed(&r, "Vector{T} where T<:Real"), "Vector{<:Real}");
}

/// Vararg, NTuple, Union{}, parentheses (src/jltypes.c
/// `jl_apply_tuple_type`: `Vararg{T, n}` with a known `n` expands).
#[test]
fn varargs_ntuple_bottom_parentheses() {
    let r = reg();
    assert!(eq(&r, "NTuple{2, Int}", "Tuple{Int, Int}"));
    assert!(eq(&r, "Tuple{Vararg{Int, 3}}", "Tuple{Int, Int, Int}"));
    assert!(sub(&r, "Tuple{Int, Int, Int}", "Tuple{Vararg{Int}}"));
    assert!(sub(&r, "Tuple{}", "Tuple{Vararg{Int}}"));
    assert!(sub(&r, "Tuple{Int, Int}", "NTuple{N, Int} where N"));
    assert!(!sub(&r, "Tuple{Int, Float64}", "NTuple{N, Int} where N"));
    assert!(sub(&r, "Union{}", "Int"));
    assert!(eq(&r, "(Union{Int, String})", "Union{String, Int}"));
    assert!(eq(&r, "Dims{2}", "Tuple{Int, Int}"));
    // `Vararg{T}` is not a one-parameter type of its own.
    assert!(!sub(&r, "Tuple{Int, String}", "Tuple{Vararg{Int}}"));
}

/// Typed values as parameters (src/jltypes.c accepts any isbits value;
/// base/show.jl prints `0x01`, `Int32(1)`, `1.0f0`, `'p'`, `:a`).
#[test]
fn typed_values() {
    let r = reg();
    assert!(!eq(&r, "Val{1}", "Val{0x01}"));
    assert!(!eq(&r, "Val{1}", "Val{Int32(1)}"));
    assert!(!eq(&r, "Val{1}", "Val{1.0}"));
    assert!(!eq(&r, "Val{1.0}", "Val{1.0f0}"));
    assert!(eq(
        &r,
        "Val{Symbol(\"text/plain\")}",
        "Val{:var\"text/plain\"}"
    ));
    assert!(!eq(&r, "Val{:a}", "Val{:b}"));
    for text in [
        "Val{1}",
        "Val{0x01}",
        "Val{Int32(1)}",
        "Val{true}",
        "Val{'p'}",
        "Val{1.0}",
        "Val{1.0f0}",
        "Val{:a}",
        "Val{(1, 2)}",
        "Val{(:a,)}",
        "Val{nothing}",
    ] {
        let p = printed(&r, text);
        assert_eq!(p, text, "prints back as written");
        assert!(eq(&r, &p, text));
    }
    // The type of a value parameter decides subtyping against a variable
    // bounded by a type: none is a type.
    assert!(!sub(&r, "Val{1}", "Val{T} where T<:Integer"));
}

/// `MIME"text/plain"` and `@NamedTuple` (base/multimedia.jl, base/namedtuple.jl).
#[test]
fn string_and_namedtuple_macros() {
    let r = reg();
    assert!(eq(&r, "MIME\"text/plain\"", "MIME{Symbol(\"text/plain\")}"));
    assert_eq!(
        printed(&r, "MIME{Symbol(\"text/plain\")}"),
        "MIME\"text/plain\""
    );
    assert!(eq(
        &r,
        "@NamedTuple{a::Int64}",
        "NamedTuple{(:a,), Tuple{Int64}}"
    ));
    assert_eq!(
        printed(&r, "NamedTuple{(:a, :b), Tuple{Int64, Any}}"),
        "@NamedTuple{a::Int64, b::Any}"
    );
}

/// Source form and both printed forms read the same (`Array{Int64, 1}` as
/// jl_static_show writes it, `Vector{Int64}` as Base.show does).
#[test]
fn source_and_printed_forms() {
    let r = reg();
    assert!(eq(&r, "Array{Int64, 1}", "Vector{Int}"));
    assert_eq!(printed(&r, "Array{Int, 1}"), "Vector{Int64}");
    assert_eq!(printed(&r, "Array{Int}"), "Array{Int64}");
    assert_eq!(printed(&r, "AbstractArray{T, 1} where T"), "AbstractVector");
    assert!(eq(
        &r,
        "Tuple{typeof(Base.:(==)), Int64, Vararg{Int64, 4}}",
        "Tuple{typeof(==), Int, Int, Int, Int, Int}"
    ));
}

/// Aliases declared, expanded and printed back (base/array.jl `const
/// Vector{T} = Array{T,1}`).
#[test]
fn aliases() {
    let r = reg();
    assert!(eq(&r, "Vector{Int}", "Array{Int, 1}"));
    assert!(eq(&r, "AbstractVector{Int}", "AbstractArray{Int, 1}"));
    assert!(eq(&r, "Matrix{Float64}", "Array{Float64, 2}"));
    assert!(eq(&r, "Int", "Int64"));
    assert!(sub(&r, "Base.IEEEFloat", "AbstractFloat"));
}

/// Kinds: `Type{Int} <: DataType`, `typeof(sin) <: Function`, `Vector` is
/// a `UnionAll` (src/subtype.c, `Type{T}` against a kind compares
/// `typeof(T)`).
#[test]
fn kinds() {
    let r = reg();
    assert!(sub(&r, "Type{Int}", "DataType"));
    assert!(!sub(&r, "Type{Int}", "UnionAll"));
    assert!(sub(&r, "Type{Vector}", "UnionAll"));
    assert!(sub(&r, "Type{Union{Int, String}}", "Union"));
    assert!(sub(&r, "DataType", "Type"));
    assert!(sub(&r, "Type{Int}", "Type"));
    assert!(!sub(&r, "DataType", "Type{Int}"));
}

/// Parameter bounds of declarations are checked (src/jltypes.c
/// `check_datatype_parameters`: `Complex{String}` is a TypeError).
#[test]
fn declaration_bounds_are_checked() {
    let r = reg();
    assert!(type_from_text(&r, "Main", "Complex{String}").is_err());
    assert!(type_from_text(&r, "Main", "Complex{Float64}").is_ok());
    let e = type_from_text(&r, "Main", "Tuple{Int, NoSuchType}").unwrap_err();
    assert_eq!(e.offset(), 11, "{e}");
}

// --- the rules ------------------------------------------------------------

/// The diagonal rule (src/subtype.c `subtype_unionall`): a variable that
/// occurs more than once, only covariantly, ranges over concrete types.
#[test]
fn diagonal_rule() {
    let r = reg();
    assert!(sub(&r, "Tuple{Int, Int}", "Tuple{T, T} where T"));
    assert!(!sub(&r, "Tuple{Int, Float64}", "Tuple{T, T} where T"));
    assert!(!sub(&r, "Tuple{Integer, Integer}", "Tuple{T, T} where T"));
    // Not diagonal once it also occurs invariantly.
    assert!(sub(
        &r,
        "Tuple{Integer, Integer, Vector{Integer}}",
        "Tuple{T, T, Vector{T}} where T"
    ));
    // Distinct from `f(::Any, ::Any)`.
    assert!(!eq(
        &r,
        "Tuple{typeof(f), T, T} where T",
        "Tuple{typeof(f), Any, Any}"
    ));
}

/// Invariance with existential variables and unions on either side
/// (src/subtype.c `forall_exists_equal`, the union state stacks).
#[test]
fn invariance_and_unions() {
    let r = reg();
    assert!(!sub(&r, "Vector{Int}", "Vector{Integer}"));
    assert!(sub(&r, "Vector{Int}", "Vector{<:Integer}"));
    assert!(sub(&r, "Union{Int, String}", "Union{String, Int, Char}"));
    assert!(!sub(&r, "Union{Int, String}", "Union{Int, Char}"));
    assert!(sub(
        &r,
        "Tuple{Union{Int, String}}",
        "Union{Tuple{Int}, Tuple{String}}"
    ));
    assert!(sub(&r, "Vector{Union{Int, String}}", "Vector{T} where T"));
    assert!(!sub(
        &r,
        "Vector{Union{Int, String}}",
        "Union{Vector{Int}, Vector{String}}"
    ));
}

/// Intersection (src/subtype.c `jl_type_intersection`): empty where a
/// variable cannot satisfy both uses.
#[test]
fn intersection() {
    let r = reg();
    let i = |a: &str, b: &str| show(&r, &intersect(&r, &t(&r, a), &t(&r, b)));
    assert_eq!(
        i("Tuple{T, Vector{T}} where T", "Tuple{Char, Vector{Int}}"),
        "Union{}"
    );
    assert_eq!(
        i("Tuple{T, Vector{T}} where T", "Tuple{Int, Vector{Int}}"),
        "Tuple{Int64, Vector{Int64}}"
    );
    assert_eq!(i("Integer", "Union{Int, String}"), "Int64");
    assert_eq!(i("AbstractVector{<:Real}", "Vector{Int}"), "Vector{Int64}");
    assert_eq!(
        i("Tuple{Integer, Any}", "Tuple{Any, String}"),
        "Tuple{Integer, String}"
    );
}

/// Specificity (src/subtype.c `jl_type_morespecific`).
#[test]
fn specificity_rules() {
    let r = reg();
    let ms = |a: &str, b: &str| morespecific(&r, &t(&r, a), &t(&r, b));
    // A strict subtype is more specific.
    assert!(ms("Tuple{typeof(f), Int}", "Tuple{typeof(f), Integer}"));
    // The Union rule: a union is more specific when one of its members is.
    assert!(ms(
        "Tuple{typeof(f), Union{Int, String}}",
        "Tuple{typeof(f), Number}"
    ));
    assert!(!ms(
        "Tuple{typeof(f), Number}",
        "Tuple{typeof(f), Union{Int, String}}"
    ));
    // Type{T} over kinds.
    assert!(ms(
        "Tuple{typeof(f), Type{Int}}",
        "Tuple{typeof(f), DataType}"
    ));
    assert!(ms(
        "Tuple{typeof(f), Type{T}} where T<:Integer",
        "Tuple{typeof(f), DataType}"
    ));
    // `Type{T} where T` is all of `Type`, of which `DataType` is a part.
    assert!(ms(
        "Tuple{typeof(f), DataType}",
        "Tuple{typeof(f), Type{T}} where T"
    ));
    // Vararg: a fixed argument beats a Vararg of the same type.
    assert!(ms("Tuple{typeof(f), Int}", "Tuple{typeof(f), Vararg{Int}}"));
    // The diagonal tie-break.
    assert!(ms(
        "Tuple{typeof(f), T, T} where T",
        "Tuple{typeof(f), Any, Any}"
    ));
    // Type{Union{}} is the most specific, left to right (tuple_cmp_typeofbottom).
    assert!(ms("Tuple{Type{Union{}}, Any}", "Tuple{Any, Type{Union{}}}"));
}

/// Method matching (src/gf.c `ml_matches`): the sorted match list, full
/// coverage, ambiguity.
#[test]
fn method_matching() {
    let r = reg();
    let sigs: Vec<Ty> = [
        "Tuple{typeof(f), Any}",
        "Tuple{typeof(f), Integer}",
        "Tuple{typeof(f), Int}",
        "Tuple{typeof(f), Int, Any}",
        "Tuple{typeof(f), Any, Int}",
    ]
    .iter()
    .map(|s| t(&r, s))
    .collect();
    let m = |c: &str| match_methods(&r, &t(&r, c), &sigs).unwrap();
    let x = m("Tuple{typeof(f), Int}");
    assert_eq!(x.methods, vec![2]);
    assert!(x.fully_covers);
    let x = m("Tuple{typeof(f), Integer}");
    assert_eq!(x.methods, vec![2, 1]);
    let x = m("Tuple{typeof(f), Real}");
    assert_eq!(x.methods, vec![2, 1, 0]);
    // f(::Int, ::Any) and f(::Any, ::Int) are ambiguous for (Int, Int).
    let x = m("Tuple{typeof(f), Int, Int}");
    assert_eq!(x.ambiguous.len(), 1);
    let x = m("Tuple{typeof(f), String, String}");
    assert!(x.methods.is_empty() && !x.fully_covers);
}

/// Julia's search is exponential in the worst case; every query runs
/// under a step budget and answers "unknown" past it (SPEC §11.6).
#[test]
fn adversarial_unions_stay_bounded() {
    let r = reg();
    let members: Vec<String> = (1..=14).map(|i| format!("Val{{{i}}}")).collect();
    let u = format!("Union{{{}}}", members.join(", "));
    let x = format!("Tuple{{{}}}", vec![u.clone(); 12].join(", "));
    let y = format!(
        "Tuple{{{}}} where T",
        (0..12)
            .map(|i| if i % 2 == 0 {
                "T".to_string()
            } else {
                u.clone()
            })
            .collect::<Vec<_>>()
            .join(", ")
    );
    let (a, b) = (t(&r, &x), t(&r, &y));
    let _ = subtype_checked(&r, &a, &b);
    let _ = subtype_checked(&r, &b, &a);
    let _ = pcache_typesys::types::intersect_checked(&r, &a, &b);
    let nested = format!("{}Int{}", "Vector{T} where T<:".repeat(30), "");
    let _ = type_from_text(&r, "Main", &nested);
}
