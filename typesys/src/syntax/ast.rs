//! The syntax tree of a type text, before names are resolved.
//!
//! One tree serves both forms Julia writes types in: source form (method
//! definitions, `precompile` statements) and printed form (`Base.show`,
//! `jl_static_show`). Sugar that only abbreviates another form is kept as
//! written (`Vector{<:Real}`, `MIME"text/plain"`, `@NamedTuple{…}`) and
//! expanded by resolution, so errors can point at what the user wrote.

/// A type expression with the byte offset where it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// Byte offset of the first character in the source text.
    pub offset: usize,
    /// What was written.
    pub kind: ExprKind,
}

/// The forms a type expression takes.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// A name, possibly qualified: `Int`, `Base.Iterators.Reverse`,
    /// `var"#f#2"`, `Main.var"#f#2"`.
    Name(Vec<String>),
    /// `head{params…}`; `Union{}` has no parameters.
    Apply {
        /// What is applied (a name, or a parenthesised type).
        head: Box<Expr>,
        /// The parameters as written.
        params: Vec<Expr>,
    },
    /// `typeof(f)`: the type of a named function or callable, with the
    /// path of the function (`["Base", "=="]` for `typeof(Base.:(==))`).
    TypeOf(Vec<String>),
    /// `typeof(f(g, …))` with function names as arguments: the type of a
    /// call's result (`typeof(Base.splat(=>))` is `Base.Splat{typeof(=>)}`).
    TypeOfCall {
        /// The called function's path.
        callee: Vec<String>,
        /// The arguments, each a function's path.
        args: Vec<Vec<String>>,
    },
    /// `body where {vars…}`; several clauses nest (`A where B where C` is
    /// `(A where B) where C`).
    Where {
        /// The quantified body.
        body: Box<Expr>,
        /// The variables of one clause, in order.
        vars: Vec<WhereVar>,
    },
    /// `<:X` (upper) or `>:X` (lower) written as a parameter: an anonymous
    /// variable quantified at that parameter.
    Wildcard {
        /// `true` for `<:X`, `false` for `>:X`.
        upper: bool,
        /// The bound.
        bound: Box<Expr>,
    },
    /// `MIME"text/plain"`: a string macro naming `MIME{Symbol("…")}`.
    StrMacro {
        /// The macro's name (`MIME`).
        name: String,
        /// The string contents, unescaped.
        text: String,
    },
    /// `@NamedTuple{a::Int64, b}` (an untyped field is `Any`).
    NamedTupleMacro(Vec<(String, Option<Expr>)>),
    /// A value used as a type parameter.
    Value(Literal),
    /// A tuple of expressions `(a, b)` (a value tuple: `Val{(1, 2)}`).
    Tuple(Vec<Expr>),
}

/// A value literal.
#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    /// An integer as written: its value and the type its spelling implies
    /// (`1` is `Int64`, `0x01` is `UInt8`, `Int32(1)` is `Int32`).
    Int {
        /// The value.
        value: i128,
        /// The integer type's name.
        ty: IntTy,
    },
    /// `true` / `false`.
    Bool(bool),
    /// `'p'`.
    Char(char),
    /// A floating-point literal and its width.
    Float {
        /// The value's bits widened to `f64` (exact for every narrower width).
        value: f64,
        /// The float type.
        ty: FloatTy,
    },
    /// `:a`, `:var"text/plain"`, `Symbol("text/plain")`.
    Symbol(String),
    /// `nothing`.
    Nothing,
}

/// Julia's integer types that a literal can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IntTy {
    /// `Int8`
    I8,
    /// `Int16`
    I16,
    /// `Int32`
    I32,
    /// `Int64` (what a plain decimal literal is on 64-bit Julia)
    I64,
    /// `Int128`
    I128,
    /// `UInt8`
    U8,
    /// `UInt16`
    U16,
    /// `UInt32`
    U32,
    /// `UInt64`
    U64,
    /// `UInt128`
    U128,
}

impl IntTy {
    /// Every integer type, for lookups by name.
    pub const ALL: [IntTy; 10] = [
        IntTy::I8,
        IntTy::I16,
        IntTy::I32,
        IntTy::I64,
        IntTy::I128,
        IntTy::U8,
        IntTy::U16,
        IntTy::U32,
        IntTy::U64,
        IntTy::U128,
    ];

    /// Julia's name of the type.
    pub fn name(self) -> &'static str {
        match self {
            IntTy::I8 => "Int8",
            IntTy::I16 => "Int16",
            IntTy::I32 => "Int32",
            IntTy::I64 => "Int64",
            IntTy::I128 => "Int128",
            IntTy::U8 => "UInt8",
            IntTy::U16 => "UInt16",
            IntTy::U32 => "UInt32",
            IntTy::U64 => "UInt64",
            IntTy::U128 => "UInt128",
        }
    }

    /// Width in bits.
    pub fn bits(self) -> u32 {
        match self {
            IntTy::I8 | IntTy::U8 => 8,
            IntTy::I16 | IntTy::U16 => 16,
            IntTy::I32 | IntTy::U32 => 32,
            IntTy::I64 | IntTy::U64 => 64,
            IntTy::I128 | IntTy::U128 => 128,
        }
    }

    /// Whether the type is signed.
    pub fn signed(self) -> bool {
        matches!(
            self,
            IntTy::I8 | IntTy::I16 | IntTy::I32 | IntTy::I64 | IntTy::I128
        )
    }

    /// Whether `v` is representable in this type.
    pub fn holds(self, v: i128) -> bool {
        let bits = self.bits();
        if self.signed() {
            bits == 128 || (v >= -(1i128 << (bits - 1)) && v < (1i128 << (bits - 1)))
        } else {
            v >= 0 && (bits >= 127 || v < (1i128 << bits))
        }
    }

    /// The type named `name`, if it is an integer type.
    pub fn from_name(name: &str) -> Option<IntTy> {
        IntTy::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// Julia's floating-point types that a literal can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FloatTy {
    /// `Float16`, written `Float16(1.0)`.
    F16,
    /// `Float32`, written `1.0f0`.
    F32,
    /// `Float64`, written `1.0`.
    F64,
}

impl FloatTy {
    /// Julia's name of the type.
    pub fn name(self) -> &'static str {
        match self {
            FloatTy::F16 => "Float16",
            FloatTy::F32 => "Float32",
            FloatTy::F64 => "Float64",
        }
    }
}

/// One variable of a `where` clause: `T`, `T<:Real`, `T>:Int`,
/// `Int<:T<:Integer`.
#[derive(Clone, Debug, PartialEq)]
pub struct WhereVar {
    /// The variable's name.
    pub name: String,
    /// Byte offset of the name.
    pub offset: usize,
    /// Lower bound (`Union{}` when absent).
    pub lower: Option<Expr>,
    /// Upper bound (`Any` when absent).
    pub upper: Option<Expr>,
}
