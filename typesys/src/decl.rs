//! Input model: package declarations as written in the package JSON.

/// A package: its types, methods and cached code instances.
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
    /// Methods defined by this package (possibly extending other packages' functions).
    pub methods: Vec<MethodDecl>,
    /// Cached code instances (specializations) with their dependency edges.
    pub code: Vec<CodeDecl>,
}

/// A nominal type declaration, e.g. `Vector{T} <: AbstractVector{T}`.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct TypeDecl {
    /// Type name (unqualified).
    pub name: String,
    /// Parameter names.
    pub params: Vec<String>,
    /// Supertype text, e.g. `AbstractVector{T}` or `Any`.
    pub supertype: String,
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

/// A cached code instance: a method specialized at `spec`, with edges.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct CodeDecl {
    /// The specialized method.
    pub method: MethodKey,
    /// Concrete specialization signature.
    pub spec: String,
    /// Dependency edges recorded at compile time.
    pub edges: Vec<EdgeDecl>,
}

/// A dependency edge of a code instance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EdgeDecl {
    /// A dispatched call with the given (possibly abstract) call signature.
    Call(String),
    /// A call resolved to `method` specialized at `spec`.
    Invoke {
        /// The method dispatch selected.
        method: MethodKey,
        /// The specialization signature.
        spec: String,
    },
}
