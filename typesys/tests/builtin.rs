//! The built-in declarations (`typesys/builtin/`): they load, and method
//! lines read as Julia reads a method definition's head.

use pcache_typesys::builtin;
use pcache_typesys::types::declfile::load;
use pcache_typesys::types::{show, Registry};

#[test]
fn builtin_declarations_load() {
    if let Err(e) = builtin::try_julia() {
        panic!("{e}");
    }
}

/// Load `text` after the built-in declarations; the signatures it declares.
fn declare(text: &str) -> Result<Vec<String>, String> {
    let mut reg: Registry = builtin::julia();
    let before = reg.methods().len();
    load(&mut reg, text, "t.jl").map_err(|e| e.to_string())?;
    Ok(reg.methods()[before..]
        .iter()
        .map(|m| show(&reg, &m.sig))
        .collect())
}

/// A method line is Julia's `function f(args) where … end` with the body
/// left out: `x::T...` is `Vararg{T}`, an unannotated argument is `Any`, a
/// type's name makes a constructor (`Tuple{Type{T}, …}`, as src/gf.c
/// stores `(::Type{T})(…)`), a free name a new function of the module.
#[test]
fn method_lines_read_as_julia_method_heads() {
    let got = declare(
        "module Base\n\
         function +(::T, ::T) where T<:BitInteger end\n\
         function (==)(x, y::Int) end\n\
         function getindex(A::Array, i::Int...) end\n\
         function Complex{T}(::Real) where T<:Real end  # a constructor\n\
         function Float64(x::Int8) end\n\
         function Base.Broadcast.broadcastable(::Any) end\n\
         function brand_new_function(::Char) end\n",
    )
    .unwrap();
    assert_eq!(
        got,
        [
            "Tuple{typeof(+), T, T} where T<:Union{Int128, Int16, Int32, Int64, Int8, UInt128, UInt16, UInt32, UInt64, UInt8}",
            "Tuple{typeof(==), Any, Int64}",
            "Tuple{typeof(getindex), Array, Vararg{Int64}}",
            "Tuple{Type{Complex{T}}, Real} where T<:Real",
            "Tuple{Type{Float64}, Int8}",
            "Tuple{typeof(Base.Broadcast.broadcastable), Any}",
            "Tuple{typeof(Base.brand_new_function), Char}",
        ]
    );
}

/// What a method line may not hold is refused with its line number:
/// defaults and keywords (Julia makes one method per arity, and keywords
/// do not dispatch), unknown types, anything after the arguments.
#[test]
fn bad_method_lines_are_refused_with_their_line() {
    for (text, want) in [
        (
            "module Base\nfunction f(x=1) end\n",
            "t.jl:2: `x=1`: default values",
        ),
        (
            "module Base\n\nfunction f(x; k) end\n",
            "t.jl:3: keyword arguments",
        ),
        (
            "module Base\nfunction f(::NoSuchType) end\n",
            "t.jl:2: in `Tuple{typeof(f), NoSuchType}`",
        ),
        (
            "module Base\nfunction f(x) y end\n",
            "t.jl:2: after the arguments",
        ),
        ("module Base\nfunction f(x end\n", "t.jl:2: unbalanced"),
        (
            "module Base\nfunction Core.nothing_here(x) end\n",
            "t.jl:2: unknown function",
        ),
    ] {
        let e = declare(text).unwrap_err();
        assert!(e.starts_with(want), "{text:?}: {e}");
    }
}
