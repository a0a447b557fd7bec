//! Input model: package declarations as written in the package JSON
//! (SPEC.md §2), as the type system needs them.

/// A package: its types, aliases, methods and cached code instances.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct PackageDecl {
    /// Package uuid.
    pub uuid: [u8; 16],
    /// Package name (unique in an ecosystem; used for qualified names).
    pub name: String,
    /// Direct dependencies, by uuid.
    pub deps: Vec<[u8; 16]>,
    /// Nominal types declared (owned) by this package, in declaration order.
    pub types: Vec<TypeDecl>,
    /// Type aliases (`const A{T} = B{T, 1}`), in declaration order, after
    /// the types.
    pub aliases: Vec<AliasDecl>,
    /// Methods defined by this package (possibly extending other packages' functions).
    pub methods: Vec<MethodDecl>,
    /// Cached code instances (specializations) with their dependency edges.
    pub code: Vec<CodeDecl>,
}

/// What kind of type a declaration makes (Julia's `abstract type`,
/// `struct`, `mutable struct`, `primitive type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TypeKind {
    /// `abstract type`: may have subtypes, has no instances.
    Abstract,
    /// `struct`: concrete, immutable.
    Struct,
    /// `mutable struct`: concrete, mutable.
    Mutable,
    /// `primitive type`: concrete bits.
    Primitive,
}

/// A nominal type declaration, e.g. `Vector{T} <: AbstractVector{T}`.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct TypeDecl {
    /// Type name (unqualified).
    pub name: String,
    /// Parameters as a `where` clause writes them: `T`, `T<:Real`,
    /// `Int<:T<:Real`.
    pub params: Vec<String>,
    /// Supertype text, e.g. `AbstractVector{T}` or `Any`.
    pub supertype: String,
    /// The declared kind; `None` (documents that predate kinds): abstract
    /// when a declaration of the set names it as a supertype, else a struct.
    pub kind: Option<TypeKind>,
}

/// A type alias: `const name{params…} = body`.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct AliasDecl {
    /// Alias name (unqualified).
    pub name: String,
    /// Parameters, as in [`TypeDecl::params`].
    pub params: Vec<String>,
    /// The aliased type expression, which may use the parameters.
    pub body: String,
}

/// A method: function name (optionally qualified `Pkg.f`) and signature text.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct MethodDecl {
    /// Function name, e.g. `score` or `Blackjack.score`.
    pub name: String,
    /// Signature, e.g. `Tuple{typeof(score), Int}`.
    pub sig: String,
}

/// A method named by value: defining package, function name, signature.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct MethodKey {
    /// Uuid of the package that defines the method.
    pub pkg: [u8; 16],
    /// Function name as written in that package's `MethodDecl`.
    pub name: String,
    /// Signature (compared as a type, not as text).
    pub sig: String,
}

/// A world-age range `[min, max]`; `max = None` while still valid.
pub type WorldRange = (u64, Option<u64>);

/// A cached code instance: a method specialized at `spec`, with edges.
/// Its identity is (method, spec, owner, world).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct CodeDecl {
    /// The specialized method.
    pub method: MethodKey,
    /// Concrete specialization signature.
    pub spec: String,
    /// The compiler that made it (`None`: Julia's native compiler).
    pub owner: Option<String>,
    /// Its world range at save time.
    pub world: WorldRange,
    /// Dependency edges recorded at compile time.
    pub edges: Vec<EdgeDecl>,
}

/// A dependency edge of a code instance, as Julia records it
/// (base/staticdata.jl, `verify_method`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EdgeDecl {
    /// A dispatched call with the given (possibly abstract) call
    /// signature, whose matches were not recorded: they are the methods
    /// the signature matches in the package's own dependency closure.
    Call(String),
    /// A dispatched call and the methods it matched when compiled.
    CallMatched {
        /// The call signature.
        sig: String,
        /// The methods it matched, in any order.
        matches: Vec<MethodKey>,
    },
    /// A direct call of a method instance: `method` specialized at `spec`.
    Invoke {
        /// The method dispatch selected.
        method: MethodKey,
        /// The specialization signature.
        spec: String,
    },
    /// A direct call of one code instance, named by its identity.
    Instance {
        /// The method.
        method: MethodKey,
        /// The specialization signature.
        spec: String,
        /// The code instance's owner (`None`: native).
        owner: Option<String>,
        /// The code instance's world range.
        world: WorldRange,
    },
    /// An `invoke(f, sig, args…)`: the invoke signature and the callee
    /// (`method` specialized at `spec`) it selected.
    InvokeSig {
        /// The invoke signature (`Tuple{typeof(f), Real}`).
        sig: String,
        /// The method it selected.
        method: MethodKey,
        /// The specialization called.
        spec: String,
    },
    /// A read of a global binding.
    Binding {
        /// Module path (`Base.Math`, or a package's name).
        module: String,
        /// Binding name.
        name: String,
    },
}
