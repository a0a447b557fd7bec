//! Types as Julia represents them (src/julia.h): data types with
//! parameters, binary unions, `UnionAll` with a bounded type variable,
//! `Vararg`, and plain values used as parameters.
//!
//! A [`Ty`] is a cheap handle (an `Arc`); type variables have an identity
//! ([`Var`]) as Julia's `TypeVar` objects do, so the same variable can be
//! found again in a body after its `UnionAll` is unwrapped.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use crate::syntax::{FloatTy, IntTy};

/// Index of a type name in a [`super::Registry`].
pub type NameId = u32;

/// A type (or a value used where a type parameter is expected).
#[derive(Clone)]
pub struct Ty(pub(crate) Arc<Node>);

/// The node behind a [`Ty`].
#[derive(Debug)]
pub enum Node {
    /// `Union{}`.
    Bottom,
    /// An instance of a type name with all its parameters: `Int64`,
    /// `Array{Int64, 1}`, `Tuple{Int64, Vararg{Any}}`, `Type{Int64}`,
    /// `typeof(sin)`.
    Data {
        /// The type name.
        name: NameId,
        /// Parameters.
        params: Box<[Ty]>,
        /// No type variable occurs anywhere inside (bound or free).
        varfree: bool,
    },
    /// `Union{a, b}` (right-nested for more members, as Julia builds it).
    Union(Ty, Ty),
    /// `body where var`.
    UnionAll(Var, Ty),
    /// A type variable.
    Var(Var),
    /// `Vararg{T, N}`: only as the last parameter of a `Tuple`; `None`
    /// is an unbounded length.
    Vararg(Ty, Option<Ty>),
    /// A plain value: `1`, `:a`, `'c'`, `(1, 2)`, `nothing`.
    Value(Value),
}

/// A value used as a type parameter (`Val{1}`, `Val{:a}`).
#[derive(Clone, Debug)]
pub enum Value {
    /// An integer of one of Julia's integer types.
    Int(IntTy, i128),
    /// `true` / `false`.
    Bool(bool),
    /// A `Char`.
    Char(char),
    /// A float of one of Julia's float types (widened to f64, exactly).
    Float(FloatTy, f64),
    /// A `Symbol`.
    Symbol(Arc<str>),
    /// A tuple of values.
    Tuple(Vec<Ty>),
    /// `nothing`.
    Nothing,
    /// A function used as a value (`Tangent{<:, …}`): its type's name and
    /// the function's name.
    Function(NameId, Arc<str>),
    /// A named global constant that is neither a type nor a literal
    /// (`Core.CPU`, an `AddrSpace`): equal only to itself.
    Named(Arc<str>),
}

impl Value {
    /// Julia's `===` on values: floats by bits (so `-0.0 !== 0.0` and
    /// `NaN === NaN`).
    pub fn egal(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Float(a, x), Value::Float(b, y)) => a == b && x.to_bits() == y.to_bits(),
            (Value::Tuple(a), Value::Tuple(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.egal(y))
            }
            (Value::Int(a, x), Value::Int(b, y)) => a == b && x == y,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Char(a), Value::Char(b)) => a == b,
            (Value::Symbol(a), Value::Symbol(b)) => a == b,
            (Value::Nothing, Value::Nothing) => true,
            (Value::Named(a), Value::Named(b)) => a == b,
            (Value::Function(a, _), Value::Function(b, _)) => a == b,
            _ => false,
        }
    }
}

/// A type variable: a name, bounds, and an identity.
#[derive(Clone)]
pub struct Var(pub(crate) Arc<VarData>);

/// What a [`Var`] holds.
#[derive(Debug)]
pub struct VarData {
    /// Identity: unique for every variable ever made.
    pub id: u64,
    /// The name it was written with.
    pub name: Arc<str>,
    /// Lower bound.
    pub lb: Ty,
    /// Upper bound.
    pub ub: Ty,
}

static NEXT_VAR: AtomicU64 = AtomicU64::new(1);

impl Var {
    /// A new variable, distinct from every other.
    pub fn new(name: &str, lb: Ty, ub: Ty) -> Var {
        Var(Arc::new(VarData {
            id: NEXT_VAR.fetch_add(1, Ordering::Relaxed),
            name: name.into(),
            lb,
            ub,
        }))
    }

    /// A fresh variable with the same name and bounds (Julia's `rename_unionall`).
    pub fn renamed(&self) -> Var {
        Var::new(&self.0.name, self.0.lb.clone(), self.0.ub.clone())
    }

    /// The same name and identity's successor with other bounds.
    pub fn with_bounds(&self, lb: Ty, ub: Ty) -> Var {
        Var::new(&self.0.name, lb, ub)
    }

    /// Identity.
    pub fn id(&self) -> u64 {
        self.0.id
    }

    /// The name.
    pub fn name(&self) -> &str {
        &self.0.name
    }

    /// Lower bound.
    pub fn lb(&self) -> &Ty {
        &self.0.lb
    }

    /// Upper bound.
    pub fn ub(&self) -> &Ty {
        &self.0.ub
    }
}

impl PartialEq for Var {
    fn eq(&self, other: &Var) -> bool {
        self.0.id == other.0.id
    }
}

impl Eq for Var {}

impl fmt::Debug for Var {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.0.name, self.0.id)
    }
}

impl fmt::Debug for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl Ty {
    /// Wrap a node.
    pub fn new(node: Node) -> Ty {
        Ty(Arc::new(node))
    }

    /// The node.
    pub fn node(&self) -> &Node {
        &self.0
    }

    /// `Union{}`.
    pub fn bottom() -> Ty {
        thread_local! {
            static BOTTOM: Ty = Ty::new(Node::Bottom);
        }
        BOTTOM.with(Ty::clone)
    }

    /// A data type `name{params…}` as given (no normalization).
    pub fn data_raw(name: NameId, params: Vec<Ty>) -> Ty {
        let varfree = params.iter().all(Ty::is_varfree);
        Ty::new(Node::Data {
            name,
            params: params.into_boxed_slice(),
            varfree,
        })
    }

    /// A type variable as a type.
    pub fn var(v: &Var) -> Ty {
        Ty::new(Node::Var(v.clone()))
    }

    /// `body where v`.
    pub fn unionall(v: &Var, body: Ty) -> Ty {
        Ty::new(Node::UnionAll(v.clone(), body))
    }

    /// A value.
    pub fn value(v: Value) -> Ty {
        Ty::new(Node::Value(v))
    }

    /// Whether two handles are the same node.
    pub fn same(&self, other: &Ty) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }

    /// `Union{}`?
    pub fn is_bottom(&self) -> bool {
        matches!(*self.0, Node::Bottom)
    }

    /// Whether no type variable occurs anywhere inside (cheap, conservative
    /// for [`Ty::has_free_vars`]).
    pub fn is_varfree(&self) -> bool {
        match &*self.0 {
            Node::Bottom => true,
            Node::Data { varfree, .. } => *varfree,
            Node::Value(Value::Tuple(items)) => items.iter().all(Ty::is_varfree),
            Node::Value(_) => true,
            _ => false,
        }
    }

    /// The data type's name, if this is one.
    pub fn data_name(&self) -> Option<NameId> {
        match &*self.0 {
            Node::Data { name, .. } => Some(*name),
            _ => None,
        }
    }

    /// The data type's parameters (empty for anything else).
    pub fn params(&self) -> &[Ty] {
        match &*self.0 {
            Node::Data { params, .. } => params,
            _ => &[],
        }
    }

    /// `jl_is_type`: a type rather than a value or a variable (`Vararg`
    /// is not a type either).
    pub fn is_type(&self) -> bool {
        matches!(
            &*self.0,
            Node::Bottom | Node::Data { .. } | Node::Union(..) | Node::UnionAll(..)
        )
    }

    /// The variable, if this is one.
    pub fn as_var(&self) -> Option<&Var> {
        match &*self.0 {
            Node::Var(v) => Some(v),
            _ => None,
        }
    }

    /// `jl_unwrap_unionall`.
    pub fn unwrap_unionall(&self) -> &Ty {
        let mut t = self;
        while let Node::UnionAll(_, body) = &*t.0 {
            t = body;
        }
        t
    }

    /// Whether `v` occurs free in this type.
    pub fn has_var(&self, v: &Var) -> bool {
        if self.is_varfree() {
            return false;
        }
        match &*self.0 {
            Node::Var(w) => w == v,
            Node::Data { params, .. } => params.iter().any(|p| p.has_var(v)),
            Node::Union(a, b) => a.has_var(v) || b.has_var(v),
            Node::UnionAll(w, body) => {
                w.lb().has_var(v) || w.ub().has_var(v) || (w != v && body.has_var(v))
            }
            Node::Vararg(t, n) => t.has_var(v) || n.as_ref().is_some_and(|n| n.has_var(v)),
            Node::Value(Value::Tuple(items)) => items.iter().any(|p| p.has_var(v)),
            _ => false,
        }
    }

    /// Whether any variable occurs free.
    pub fn has_free_vars(&self) -> bool {
        if self.is_varfree() {
            return false;
        }
        let mut bound = Vec::new();
        self.free_vars_inner(&mut bound, &mut |_| true)
    }

    /// Call `f` on each free variable (with repeats) until it returns true.
    pub fn any_free_var(&self, mut f: impl FnMut(&Var) -> bool) -> bool {
        let mut bound = Vec::new();
        self.free_vars_inner(&mut bound, &mut f)
    }

    fn free_vars_inner(&self, bound: &mut Vec<u64>, f: &mut dyn FnMut(&Var) -> bool) -> bool {
        if self.is_varfree() {
            return false;
        }
        match &*self.0 {
            Node::Var(v) => !bound.contains(&v.id()) && f(v),
            Node::Data { params, .. } => params.iter().any(|p| p.free_vars_inner(bound, f)),
            Node::Union(a, b) => a.free_vars_inner(bound, f) || b.free_vars_inner(bound, f),
            Node::UnionAll(v, body) => {
                if v.lb().free_vars_inner(bound, f) || v.ub().free_vars_inner(bound, f) {
                    return true;
                }
                bound.push(v.id());
                let r = body.free_vars_inner(bound, f);
                bound.pop();
                r
            }
            Node::Vararg(t, n) => {
                t.free_vars_inner(bound, f)
                    || n.as_ref().is_some_and(|n| n.free_vars_inner(bound, f))
            }
            Node::Value(Value::Tuple(items)) => items.iter().any(|p| p.free_vars_inner(bound, f)),
            _ => false,
        }
    }

    /// The free variables, each once, in order of first occurrence.
    pub fn free_vars(&self) -> Vec<Var> {
        let mut out: Vec<Var> = Vec::new();
        self.any_free_var(|v| {
            if !out.contains(v) {
                out.push(v.clone());
            }
            false
        });
        out
    }

    /// The integer, if this is an `Int64` value (Julia's `jl_is_long`).
    pub fn as_long(&self) -> Option<i64> {
        match &*self.0 {
            Node::Value(Value::Int(IntTy::I64, v)) => i64::try_from(*v).ok(),
            _ => None,
        }
    }

    /// An `Int64` value.
    pub fn long(v: i64) -> Ty {
        Ty::value(Value::Int(IntTy::I64, v as i128))
    }

    /// Substitute `x` for the free variable `v` (`jl_substitute_var`).
    /// Returns the same handle where nothing changes.
    pub fn subst(&self, v: &Var, x: &Ty) -> Ty {
        if !self.has_var(v) {
            return self.clone();
        }
        match &*self.0 {
            Node::Var(w) if w == v => x.clone(),
            Node::Data { name, params, .. } => {
                let ps: Vec<Ty> = params.iter().map(|p| p.subst(v, x)).collect();
                if *name == super::registry::TUPLE {
                    tuple_after_subst(ps)
                } else {
                    Ty::data_raw(*name, ps)
                }
            }
            Node::Union(a, b) => {
                let (a, b) = (a.subst(v, x), b.subst(v, x));
                if a.is_bottom() {
                    b
                } else if b.is_bottom() {
                    a
                } else {
                    Ty::new(Node::Union(a, b))
                }
            }
            Node::UnionAll(w, body) => {
                let lb = w.lb().subst(v, x);
                let ub = w.ub().subst(v, x);
                if w == v {
                    // Shadowed: only the bounds can mention an outer `v`.
                    let nw = w.with_bounds(lb, ub);
                    return Ty::unionall(&nw, body.subst(w, &Ty::var(&nw)));
                }
                if lb.same(w.lb()) && ub.same(w.ub()) && !x.has_var(w) {
                    return Ty::unionall(w, body.subst(v, x));
                }
                // New bounds, or `x` mentions `w`: rename to stay capture-free.
                let nw = w.with_bounds(lb, ub);
                let body = body.subst(w, &Ty::var(&nw));
                Ty::unionall(&nw, body.subst(v, x))
            }
            Node::Vararg(t, n) => Ty::new(Node::Vararg(
                t.subst(v, x),
                n.as_ref().map(|n| n.subst(v, x)),
            )),
            Node::Value(Value::Tuple(items)) => {
                Ty::value(Value::Tuple(items.iter().map(|p| p.subst(v, x)).collect()))
            }
            _ => self.clone(),
        }
    }

    /// Structural identity up to the names of bound variables (Julia's
    /// `jl_egal` on types, which compares `UnionAll`s by variable identity;
    /// here bound variables are matched by position instead, so two texts
    /// that resolve separately compare equal).
    pub fn egal(&self, other: &Ty) -> bool {
        let mut pairs = Vec::new();
        egal_in(self, other, &mut pairs, false)
    }

    /// Identity with bound variables compared by object, as subtype.c's
    /// pointer comparisons of `UnionAll`s see it.
    pub fn egal_strict(&self, other: &Ty) -> bool {
        egal_in(self, other, &mut Vec::new(), true)
    }
}

fn egal_in(a: &Ty, b: &Ty, pairs: &mut Vec<(u64, u64)>, strict: bool) -> bool {
    if a.same(b) && (a.is_varfree() || pairs.is_empty()) {
        return true;
    }
    match (&*a.0, &*b.0) {
        (Node::Bottom, Node::Bottom) => true,
        (
            Node::Data {
                name: n1,
                params: p1,
                ..
            },
            Node::Data {
                name: n2,
                params: p2,
                ..
            },
        ) => {
            n1 == n2
                && p1.len() == p2.len()
                && p1
                    .iter()
                    .zip(p2.iter())
                    .all(|(x, y)| egal_in(x, y, pairs, strict))
        }
        (Node::Union(a1, b1), Node::Union(a2, b2)) => {
            egal_in(a1, a2, pairs, strict) && egal_in(b1, b2, pairs, strict)
        }
        (Node::UnionAll(v1, b1), Node::UnionAll(v2, b2)) if strict => {
            v1 == v2 && egal_in(b1, b2, pairs, strict)
        }
        (Node::UnionAll(v1, b1), Node::UnionAll(v2, b2)) => {
            if !(egal_in(v1.lb(), v2.lb(), pairs, strict)
                && egal_in(v1.ub(), v2.ub(), pairs, strict))
            {
                return false;
            }
            pairs.push((v1.id(), v2.id()));
            let r = egal_in(b1, b2, pairs, strict);
            pairs.pop();
            r
        }
        (Node::Var(v1), Node::Var(v2)) => {
            for &(x, y) in pairs.iter().rev() {
                if x == v1.id() || y == v2.id() {
                    return x == v1.id() && y == v2.id();
                }
            }
            v1 == v2
        }
        (Node::Vararg(t1, n1), Node::Vararg(t2, n2)) => {
            egal_in(t1, t2, pairs, strict) && opt_egal(n1, n2, pairs, strict)
        }
        (Node::Value(Value::Tuple(x)), Node::Value(Value::Tuple(y))) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| egal_in(p, q, pairs, strict))
        }
        (Node::Value(x), Node::Value(y)) => x.egal(y),
        _ => false,
    }
}

fn opt_egal(a: &Option<Ty>, b: &Option<Ty>, pairs: &mut Vec<(u64, u64)>, strict: bool) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => egal_in(x, y, pairs, strict),
        _ => false,
    }
}

/// A tuple rebuilt after a substitution, normalized as `jl_apply_tuple_type`
/// does: a `Union{}` element empties it; a trailing `Vararg` whose length
/// became a literal is expanded (within the expansion limit).
fn tuple_after_subst(mut ps: Vec<Ty>) -> Ty {
    if let Some(last) = ps.last().cloned() {
        if let Node::Vararg(t, None) = last.node() {
            if t.is_bottom() {
                // `Vararg{Union{}}` can only be empty.
                ps.pop();
            }
        }
        if let Node::Vararg(t, Some(n)) = last.node() {
            if let Some(k) = n.as_long() {
                if (0..=crate::limits::MAX_TUPLE_EXPANSION as i64).contains(&k) {
                    ps.pop();
                    if k > 0 && t.is_bottom() {
                        return Ty::bottom();
                    }
                    for _ in 0..k {
                        ps.push(t.clone());
                    }
                }
            }
        }
    }
    if ps.iter().any(Ty::is_bottom) {
        return Ty::bottom();
    }
    Ty::data_raw(super::registry::TUPLE, ps)
}

impl Ty {
    /// Feed a hash of this type that agrees with [`Ty::egal`]: bound
    /// variables by binding depth, free ones by identity, values by bits.
    pub fn canon_hash<H: std::hash::Hasher>(&self, h: &mut H) {
        let mut bound = Vec::new();
        hash_in(self, h, &mut bound);
    }
}

fn hash_in<H: std::hash::Hasher>(t: &Ty, h: &mut H, bound: &mut Vec<u64>) {
    use std::hash::Hash;
    match t.node() {
        Node::Bottom => 0u8.hash(h),
        Node::Data { name, params, .. } => {
            1u8.hash(h);
            name.hash(h);
            params.len().hash(h);
            for p in params.iter() {
                hash_in(p, h, bound);
            }
        }
        Node::Union(a, b) => {
            2u8.hash(h);
            hash_in(a, h, bound);
            hash_in(b, h, bound);
        }
        Node::UnionAll(v, body) => {
            3u8.hash(h);
            hash_in(v.lb(), h, bound);
            hash_in(v.ub(), h, bound);
            bound.push(v.id());
            hash_in(body, h, bound);
            bound.pop();
        }
        Node::Var(v) => match bound.iter().rposition(|&b| b == v.id()) {
            Some(i) => {
                4u8.hash(h);
                (bound.len() - i).hash(h);
            }
            None => {
                5u8.hash(h);
                v.id().hash(h);
            }
        },
        Node::Vararg(e, n) => {
            6u8.hash(h);
            hash_in(e, h, bound);
            if let Some(n) = n {
                hash_in(n, h, bound);
            }
        }
        Node::Value(v) => {
            7u8.hash(h);
            match v {
                Value::Int(it, x) => (0u8, *it as u8, x).hash(h),
                Value::Bool(b) => (1u8, b).hash(h),
                Value::Char(c) => (2u8, c).hash(h),
                Value::Float(ft, x) => (3u8, *ft as u8, x.to_bits()).hash(h),
                Value::Symbol(s) => (4u8, s).hash(h),
                Value::Tuple(items) => {
                    (5u8, items.len()).hash(h);
                    for i in items {
                        hash_in(i, h, bound);
                    }
                }
                Value::Nothing => 6u8.hash(h),
                Value::Function(id, _) => (7u8, id).hash(h),
                Value::Named(s) => (8u8, s).hash(h),
            }
        }
    }
}
