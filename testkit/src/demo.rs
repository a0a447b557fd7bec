//! The built-in demo ecosystem: the SnoopCompile invalidation tutorial's
//! Blackjack example, as package documents. Used by `pcache demo`, the
//! tests and the documentation examples.

use uuid::{uuid, Uuid};

use pcache_format::error::Result;
use pcache_format::model::{
    Base64, CallEdge, CodeInstance, Dep, Edge, F64Bits, InvokeEdge, MethodDef, MethodRef, Package,
    Root, TypeDef, World,
};

/// The Base-like package.
pub const BASE: Uuid = uuid!("2b6c3c1d-8f1e-4a55-9a3e-0d1f5b7a9c01");
/// `Blackjack`: score(::Int), tallyscores, playgame.
pub const BLACKJACK: Uuid = uuid!("9a1f3a4e-0d7c-4f52-8f0e-2b8f1b7e6a01");
/// `BlackjackFacecards`: adds score(::Char) to Blackjack's score.
pub const FACECARDS: Uuid = uuid!("c4e2d0a7-3b9f-4e18-b6d2-7f0a1c5e9b02");
/// `Tracer`: a Cassette-like package whose generator caches its output.
pub const TRACER: Uuid = uuid!("6b7e2a40-51c3-4d8e-9f21-3a6c0e5d7b14");

/// A method named by value.
pub fn method(pkg: Uuid, name: &str, sig: &str) -> MethodRef {
    MethodRef {
        pkg,
        name: name.into(),
        sig: sig.into(),
    }
}

/// An unpinned dependency.
pub fn dep(uuid: Uuid, name: &str) -> Dep {
    Dep {
        uuid,
        name: name.into(),
        build_id: None,
    }
}

/// A type definition.
pub fn ty(name: &str, supertype: &str, params: &[&str]) -> TypeDef {
    TypeDef {
        name: name.into(),
        supertype: supertype.into(),
        params: params.iter().map(|p| p.to_string()).collect(),
        ..Default::default()
    }
}

/// A code instance valid from world 1.
pub fn code(
    m: MethodRef,
    spec: &str,
    roots: &[u32],
    edges: Vec<Edge>,
    payload: &[u8],
) -> CodeInstance {
    CodeInstance {
        method: m,
        spec: spec.into(),
        world: World(1, None),
        roots: roots.to_vec(),
        edges,
        payload: Base64(payload.to_vec()),
        ..Default::default()
    }
}

/// A call edge.
pub fn call(sig: &str) -> Edge {
    Edge::Call(CallEdge {
        call: sig.into(),
        ..Default::default()
    })
}

/// An invoke edge.
pub fn invoke(m: MethodRef, spec: &str) -> Edge {
    Edge::Invoke(InvokeEdge {
        invoke: m,
        spec: spec.into(),
    })
}

/// The Base-like package: Any's tree of Int, Char and Vector.
pub fn base() -> Package {
    Package {
        uuid: BASE,
        name: "Base".into(),
        version: "1.12.0".into(),
        deps: vec![],
        roots: vec![
            Root::Sym("length".into()),
            Root::Sym("getindex".into()),
            Root::Type("Vector{Any}".into()),
            Root::Int(0),
            Root::Float(F64Bits((-0.0f64).to_bits())),
            Root::Float(F64Bits(0x7ff8_0000_0000_0001)),
        ],
        types: vec![
            ty("Number", "Any", &[]),
            ty("Real", "Number", &[]),
            ty("Integer", "Real", &[]),
            ty("Signed", "Integer", &[]),
            ty("Int", "Signed", &[]),
            ty("Bool", "Integer", &[]),
            ty("AbstractChar", "Any", &[]),
            ty("Char", "AbstractChar", &[]),
            ty("AbstractVector", "Any", &["T"]),
            ty("Vector", "AbstractVector{T}", &["T"]),
        ],
        methods: vec![
            MethodDef {
                name: "length".into(),
                sig: "Tuple{typeof(length), Vector{T}} where T".into(),
                ..Default::default()
            },
            MethodDef {
                name: "getindex".into(),
                sig: "Tuple{typeof(getindex), Vector{T}, Int} where T".into(),
                ..Default::default()
            },
        ],
        code: vec![code(
            method(BASE, "length", "Tuple{typeof(length), Vector{T}} where T"),
            "Tuple{typeof(length), Vector{Any}}",
            &[0],
            vec![],
            b"\x01length",
        )],
        ..Default::default()
    }
}

/// `tallyscores` compiled for `elt` (`Any` in the tutorial; `Int` is the
/// variant that no later method can invalidate).
pub fn blackjack_with(elt: &str) -> Package {
    let score_int = method(BLACKJACK, "score", "Tuple{typeof(score), Int}");
    let tally = method(BLACKJACK, "tallyscores", "Tuple{typeof(tallyscores), Any}");
    let play = method(BLACKJACK, "playgame", "Tuple{typeof(playgame)}");
    let tally_spec = format!("Tuple{{typeof(tallyscores), Vector{{{elt}}}}}");
    Package {
        uuid: BLACKJACK,
        name: "Blackjack".into(),
        version: "0.1.0".into(),
        deps: vec![dep(BASE, "Base")],
        roots: vec![
            Root::Sym("score".into()),
            Root::Str("Busted".into()),
            Root::Int(21),
            Root::Float(F64Bits(21.0f64.to_bits())),
            Root::Bytes(Base64(vec![0xde, 0xad, 0xbe, 0xef])),
            Root::Type(format!("Vector{{{elt}}}")),
            Root::Method(score_int.clone()),
            Root::Method(method(
                BASE,
                "length",
                "Tuple{typeof(length), Vector{T}} where T",
            )),
        ],
        types: vec![ty("Card", "Any", &[])],
        methods: vec![
            MethodDef {
                name: "score".into(),
                sig: score_int.sig.clone(),
                ..Default::default()
            },
            MethodDef {
                name: "tallyscores".into(),
                sig: tally.sig.clone(),
                ..Default::default()
            },
            MethodDef {
                name: "playgame".into(),
                sig: play.sig.clone(),
                ..Default::default()
            },
        ],
        code: vec![
            code(
                score_int.clone(),
                "Tuple{typeof(score), Int}",
                &[2],
                vec![],
                b"\x02score-int",
            ),
            code(
                tally.clone(),
                &tally_spec,
                &[0, 2, 6],
                vec![
                    call(&format!("Tuple{{typeof(score), {elt}}}")),
                    invoke(
                        method(BASE, "length", "Tuple{typeof(length), Vector{T}} where T"),
                        &format!("Tuple{{typeof(length), Vector{{{elt}}}}}"),
                    ),
                ],
                b"\x03tallyscores",
            ),
            code(
                play,
                "Tuple{typeof(playgame)}",
                &[1, 5],
                vec![invoke(tally, &tally_spec)],
                b"\x04playgame",
            ),
        ],
        ..Default::default()
    }
}

/// The tutorial's `Blackjack`, with `tallyscores(::Vector{Any})`.
pub fn blackjack() -> Package {
    blackjack_with("Any")
}

/// A rebuild of `Blackjack` that compiled more: two roots appended (the old
/// table is a prefix) and the world range of `score(::Int)` closed at 5.
pub fn blackjack_rebuilt() -> Package {
    let mut pkg = blackjack();
    pkg.roots.push(Root::Sym("extra".into()));
    pkg.roots.push(Root::Int(99));
    if let Some(c) = pkg
        .code
        .iter_mut()
        .find(|c| c.method.name == "score" && c.spec == "Tuple{typeof(score), Int}")
    {
        c.world.1 = Some(5);
    }
    pkg
}

/// `BlackjackFacecards`: adds `score(::Char)` to Blackjack's `score`.
pub fn facecards() -> Package {
    let score_char = method(FACECARDS, "score", "Tuple{typeof(score), Char}");
    Package {
        uuid: FACECARDS,
        name: "BlackjackFacecards".into(),
        version: "0.1.0".into(),
        deps: vec![dep(BASE, "Base"), dep(BLACKJACK, "Blackjack")],
        roots: vec![
            Root::Sym("score".into()),
            Root::Str("J".into()),
            Root::Str("Q".into()),
            Root::Str("K".into()),
            Root::Int(10),
            Root::Int(21),
        ],
        types: vec![],
        methods: vec![MethodDef {
            name: "score".into(),
            sig: score_char.sig.clone(),
            ..Default::default()
        }],
        code: vec![code(
            score_char,
            "Tuple{typeof(score), Char}",
            &[1, 2, 3, 4],
            vec![],
            b"\x05score-char",
        )],
        ..Default::default()
    }
}

/// `Tracer`, a Cassette-like package: its `@generated` `overdub` opted in
/// to having its output cached (`cached_generator`), so its two code
/// instances carry the unoptimized source the generator produced, 300
/// bytes each, beside their payloads; `trace` is an ordinary method.
pub fn tracer() -> Package {
    let overdub = method(
        TRACER,
        "overdub",
        "Tuple{typeof(overdub), Any, Vararg{Any}}",
    );
    let trace = method(TRACER, "trace", "Tuple{typeof(trace), Any, Vararg{Any}}");
    let source = |f: &str| {
        Base64(
            format!(
                "CodeInfo(\n  %1 = Tracer.record(ctx, {f})\n  %2 = {f}(args...)\n  return %2\n)\n"
            )
            .repeat(4)
            .into_bytes(),
        )
    };
    let bytes = |n: u8, times: usize| Base64((0..n).collect::<Vec<u8>>().repeat(times));
    let generated = |f: &str| {
        Some(pcache_format::model::GeneratedSource {
            world: World(31620, None),
            source: source(f),
        })
    };
    let instance = |m: &MethodRef, spec: &str, world: u64, roots: &[u32]| CodeInstance {
        method: m.clone(),
        spec: spec.into(),
        world: World(world, None),
        roots: roots.to_vec(),
        ..Default::default()
    };
    Package {
        uuid: TRACER,
        name: "Tracer".into(),
        version: "0.3.1".into(),
        deps: vec![],
        roots: vec![
            Root::Sym("overdub".into()),
            Root::Sym("record".into()),
            Root::Type("Tuple{typeof(sin), Float64}".into()),
        ],
        methods: vec![
            MethodDef {
                name: "overdub".into(),
                sig: overdub.sig.clone(),
                world: Some(31620),
                cached_generator: true,
                ..Default::default()
            },
            MethodDef {
                name: "trace".into(),
                sig: trace.sig.clone(),
                world: Some(31621),
                ..Default::default()
            },
        ],
        code: vec![
            CodeInstance {
                payload: bytes(255, 3),
                generated: generated("sin"),
                ..instance(
                    &overdub,
                    "Tuple{typeof(overdub), typeof(sin), Float64}",
                    31620,
                    &[0, 2],
                )
            },
            CodeInstance {
                payload: bytes(200, 3),
                generated: generated("cos"),
                ..instance(
                    &overdub,
                    "Tuple{typeof(overdub), typeof(cos), Float64}",
                    31620,
                    &[0],
                )
            },
            CodeInstance {
                payload: bytes(128, 2),
                edges: vec![invoke(
                    overdub.clone(),
                    "Tuple{typeof(overdub), typeof(sin), Float64}",
                )],
                ..instance(
                    &trace,
                    "Tuple{typeof(trace), typeof(sin), Float64}",
                    31621,
                    &[1],
                )
            },
        ],
        ..Default::default()
    }
}

/// The three packages of the tutorial.
pub fn ecosystem() -> Vec<Package> {
    vec![base(), blackjack(), facecards()]
}

/// The Base package as a single-package image (for examples).
pub fn base_image() -> Result<Vec<u8>> {
    pcache_format::write::section::image_bytes(&base())
}
