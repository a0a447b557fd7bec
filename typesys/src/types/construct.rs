//! Building types the way Julia normalizes them (src/jltypes.c):
//! `jl_apply_type` (parameters, bounds, fewer parameters than declared),
//! `jl_apply_tuple_type` (`Vararg` expansion), `jl_type_union`
//! (flattening, dropping members that another member contains, sorting).

use std::cmp::Ordering;

use super::registry::{Kind, Registry, ANY, TUPLE, TYPE};
use super::subtype::subtype;
use super::ty::{Node, Ty, Value, Var};

/// Why a type cannot be built.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApplyError(pub String);

impl std::fmt::Display for ApplyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// `Tuple{params…}`: a trailing `Vararg{T, n}` with a known `n` becomes `n`
/// copies of `T`; a `Union{}` element makes the whole tuple `Union{}`
/// (Julia ≥ 1.10, jltypes.c `jl_apply_tuple_type`).
pub fn tuple(params: Vec<Ty>) -> Result<Ty, ApplyError> {
    let n = params.len();
    let mut out = Vec::with_capacity(n);
    for (i, p) in params.into_iter().enumerate() {
        if let Node::Vararg(t, len) = p.node() {
            if i + 1 != n {
                return Err(ApplyError(
                    "`Vararg` may only be the last parameter of a `Tuple`".into(),
                ));
            }
            if t.is_bottom() {
                // `Vararg{Union{}}` can only be empty; of a known length > 0
                // it empties the tuple.
                match len.as_ref().map(|l| l.as_long()) {
                    None | Some(Some(0)) => continue,
                    Some(Some(_)) => return Ok(Ty::bottom()),
                    Some(None) => {}
                }
            }
            if let Some(k) = len.as_ref().and_then(Ty::as_long) {
                if k < 0 {
                    return Err(ApplyError(format!("`Vararg` length {k} is negative")));
                }
                if k > crate::limits::MAX_TUPLE_EXPANSION as i64 {
                    return Err(ApplyError(format!(
                        "`Vararg` length {k} is over the limit of {}",
                        crate::limits::MAX_TUPLE_EXPANSION
                    )));
                }
                for _ in 0..k {
                    out.push(t.clone());
                }
                continue;
            }
        }
        if p.is_bottom() {
            return Ok(Ty::bottom());
        }
        out.push(p);
    }
    Ok(Ty::data_raw(TUPLE, out))
}

/// `Vararg{t, n}` (`n` = `None`: unbounded).
pub fn vararg(t: Ty, n: Option<Ty>) -> Result<Ty, ApplyError> {
    if let Some(n) = &n {
        match n.node() {
            Node::Var(_) => {}
            Node::Value(_) if n.as_long().is_some_and(|k| k >= 0) => {}
            _ => {
                return Err(ApplyError(
                    "the length of a `Vararg` must be a non-negative `Int` or a variable".into(),
                ))
            }
        }
    }
    if matches!(t.node(), Node::Vararg(..)) {
        return Err(ApplyError("`Vararg` of a `Vararg`".into()));
    }
    Ok(Ty::new(Node::Vararg(t, n)))
}

/// Apply a type (a name's wrapper or an alias, a chain of `UnionAll`s) to
/// parameters, checking each against its variable's bounds. Fewer
/// parameters than variables leave the rest quantified (`Array{Int}` is
/// `Array{Int, N} where N`).
pub fn apply(reg: &Registry, head: &Ty, params: Vec<Ty>, what: &str) -> Result<Ty, ApplyError> {
    let mut t = head.clone();
    let given = params.len();
    for (i, p) in params.into_iter().enumerate() {
        let Node::UnionAll(v, body) = t.node() else {
            return Err(ApplyError(format!(
                "too many parameters for `{what}`: it takes {i}, {given} given"
            )));
        };
        let p = normalize_unionalls(reg, &p);
        check_bounds(reg, v, &p, what)?;
        t = instantiate(body, v, &p)?;
    }
    if !bounds_are_types(&t) {
        // A value substituted into a bound (`Hermitian{3}` makes
        // `S<:AbstractMatrix{<:3}`): Julia's TypeVar takes only types.
        return Err(ApplyError(format!(
            "a parameter of `{what}` makes a variable's bound a value"
        )));
    }
    Ok(t)
}

/// Whether every variable's bounds inside `t` are types or variables.
fn bounds_are_types(t: &Ty) -> bool {
    let ok = |b: &Ty| b.is_type() || b.as_var().is_some();
    match t.node() {
        Node::UnionAll(v, body) => {
            ok(v.lb())
                && ok(v.ub())
                && bounds_are_types(v.lb())
                && bounds_are_types(v.ub())
                && bounds_are_types(body)
        }
        Node::Data {
            params, varfree, ..
        } => *varfree || params.iter().all(bounds_are_types),
        Node::Union(a, b) => bounds_are_types(a) && bounds_are_types(b),
        Node::Vararg(e, _) => bounds_are_types(e),
        _ => true,
    }
}

/// `jl_instantiate_unionall`: the body with `v` replaced by `x`, then
/// re-normalized (tuples, unions).
pub fn instantiate(body: &Ty, v: &Var, x: &Ty) -> Result<Ty, ApplyError> {
    normalize(&body.subst(v, x))
}

/// Re-normalize tuples after a substitution made `Vararg` lengths known.
pub fn normalize(t: &Ty) -> Result<Ty, ApplyError> {
    if t.is_varfree() {
        return Ok(t.clone());
    }
    Ok(match t.node() {
        Node::Data { name, params, .. } => {
            let ps = params
                .iter()
                .map(normalize)
                .collect::<Result<Vec<_>, _>>()?;
            if *name == TUPLE {
                tuple(ps)?
            } else {
                Ty::data_raw(*name, ps)
            }
        }
        Node::Union(a, b) => {
            let (a, b) = (normalize(a)?, normalize(b)?);
            if a.is_bottom() {
                b
            } else if b.is_bottom() {
                a
            } else {
                Ty::new(Node::Union(a, b))
            }
        }
        Node::UnionAll(v, body) => {
            let body = normalize(body)?;
            if body.is_bottom() {
                body
            } else if body.has_var(v) {
                Ty::unionall(v, body)
            } else {
                // `T where T` around a body without `T` is the body.
                body
            }
        }
        Node::Vararg(e, n) => vararg(normalize(e)?, n.clone())?,
        _ => t.clone(),
    })
}

fn check_bounds(reg: &Registry, v: &Var, p: &Ty, what: &str) -> Result<(), ApplyError> {
    if matches!(p.node(), Node::Vararg(..)) {
        return Err(ApplyError(format!(
            "`Vararg` is not a valid parameter of `{what}`"
        )));
    }
    let is_value = matches!(p.node(), Node::Value(_));
    if is_value {
        // A value fits only a variable without a type bound (jltypes.c,
        // `check_datatype_parameters`).
        let ub_any = v.ub().data_name() == Some(ANY) && v.ub().params().is_empty();
        if !ub_any || !v.lb().is_bottom() {
            return Err(ApplyError(format!(
                "parameter `{}` of `{what}` must be a type",
                v.name()
            )));
        }
        return Ok(());
    }
    if p.has_free_vars() || v.lb().has_free_vars() || v.ub().has_free_vars() {
        return Ok(());
    }
    if p.as_var().is_none() && !(subtype(reg, v.lb(), p) && subtype(reg, p, v.ub())) {
        return Err(ApplyError(format!(
            "parameter `{}` of `{what}` must be within its bounds",
            v.name()
        )));
    }
    Ok(())
}

/// `Type{t}`.
pub fn type_of_type(t: Ty) -> Ty {
    Ty::data_raw(TYPE, vec![t])
}

/// `Union{members…}` as `jl_type_union` builds it.
pub fn union(reg: &Registry, members: Vec<Ty>) -> Ty {
    let mut flat = Vec::new();
    for m in members {
        flatten(&m, &mut flat);
    }
    // Drop duplicates, then members another member contains (only when both
    // are closed: with variables, containment depends on their values).
    let mut keep: Vec<Option<Ty>> = Vec::new();
    for m in flat {
        if m.is_bottom() || keep.iter().flatten().any(|k| k.egal(&m)) {
            continue;
        }
        keep.push(Some(m));
    }
    let n = keep.len();
    for i in 0..n {
        let Some(ti) = keep[i].clone() else { continue };
        if ti.has_free_vars() {
            continue;
        }
        for j in 0..n {
            if i == j {
                continue;
            }
            let Some(tj) = &keep[j] else { continue };
            if tj.has_free_vars() {
                continue;
            }
            // jltypes.c: `Type{A}` and `Type{B}` with different kinds of A and
            // B are kept apart (issue #24521).
            if reg.is_type_type(&ti)
                && reg.is_type_type(tj)
                && !reg
                    .type_of(&ti.params()[0])
                    .egal(&reg.type_of(&tj.params()[0]))
            {
                continue;
            }
            if subtype(reg, &ti, tj) {
                keep[i] = None;
                break;
            }
        }
    }
    let mut items: Vec<Ty> = keep.into_iter().flatten().collect();
    if items
        .iter()
        .any(|t| t.data_name() == Some(ANY) && t.params().is_empty())
    {
        return reg.any();
    }
    items.sort_by(|a, b| union_order(reg, a, b));
    let Some(mut t) = items.pop() else {
        return Ty::bottom();
    };
    while let Some(prev) = items.pop() {
        t = Ty::new(Node::Union(prev, t));
    }
    t
}

fn flatten(t: &Ty, out: &mut Vec<Ty>) {
    match t.node() {
        Node::Union(a, b) => {
            flatten(a, out);
            flatten(b, out);
        }
        _ => out.push(t.clone()),
    }
}

/// The members of a union, in order (one member for anything else).
pub fn union_members(t: &Ty) -> Vec<Ty> {
    let mut out = Vec::new();
    flatten(t, &mut out);
    out
}

/// jltypes.c `union_sort_cmp`: singletons first, then bits types, then
/// other data types, then everything else; ties by module and name.
fn union_order(reg: &Registry, a: &Ty, b: &Ty) -> Ordering {
    let rank = |t: &Ty| -> u8 {
        match t.node() {
            Node::Data { name, params, .. } => {
                let n = reg.name(*name);
                if n.function.is_some() || (params.is_empty() && is_known_singleton(&n.name)) {
                    0
                } else if matches!(n.kind, Kind::Primitive(_)) {
                    1
                } else {
                    2
                }
            }
            _ => 3,
        }
    };
    rank(a)
        .cmp(&rank(b))
        .then_with(|| name_key(reg, a).cmp(&name_key(reg, b)))
        .then_with(|| a.params().len().cmp(&b.params().len()))
        .then_with(|| {
            for (p, q) in a.params().iter().zip(b.params()).take(3) {
                let c = name_key(reg, p).cmp(&name_key(reg, q));
                if c != Ordering::Equal {
                    return c;
                }
            }
            Ordering::Equal
        })
}

fn is_known_singleton(name: &str) -> bool {
    matches!(name, "Nothing" | "Missing" | "Colon")
}

fn name_key(reg: &Registry, t: &Ty) -> (String, String) {
    match t.unwrap_unionall().node() {
        Node::Data { name, .. } => {
            let n = reg.name(*name);
            (n.name.to_string(), n.module.to_string())
        }
        Node::Var(v) => (String::new(), v.name().to_string()),
        Node::Value(Value::Symbol(s)) => (String::new(), s.to_string()),
        _ => (String::new(), String::new()),
    }
}

/// jltypes.c `normalize_unionalls`: a `UnionAll` parameter whose variable
/// has equal bounds, or occurs only covariantly and at most once (or any
/// number of times with a concrete bound), is its body at the upper bound:
/// `Tuple{T} where T` is `Tuple{Any}`, `T where T<:Int` is `Int`.
pub fn normalize_unionalls(reg: &Registry, t: &Ty) -> Ty {
    let r = normalize_unionalls_inner(reg, t);
    if r.same(t) {
        return r;
    }
    resimplify(reg, &r)
}

/// Unions rebuilt by `jl_type_union` after a substitution changed members
/// (`Union{T, Integer} where T` becomes `Any`, not `Union{Any, Integer}`).
fn resimplify(reg: &Registry, t: &Ty) -> Ty {
    match t.node() {
        Node::Union(..) => union(
            reg,
            union_members(t)
                .iter()
                .map(|m| resimplify(reg, m))
                .collect(),
        ),
        Node::Data { name, params, .. }
            if !t.is_varfree() || params.iter().any(|p| matches!(p.node(), Node::Union(..))) =>
        {
            let ps: Vec<Ty> = params.iter().map(|p| resimplify(reg, p)).collect();
            if *name == TUPLE {
                tuple(ps).unwrap_or_else(|_| t.clone())
            } else {
                Ty::data_raw(*name, ps)
            }
        }
        Node::UnionAll(v, body) => Ty::unionall(v, resimplify(reg, body)),
        _ => t.clone(),
    }
}

fn normalize_unionalls_inner(reg: &Registry, t: &Ty) -> Ty {
    match t.node() {
        Node::Union(a, b) => {
            let (na, nb) = (
                normalize_unionalls_inner(reg, a),
                normalize_unionalls_inner(reg, b),
            );
            if na.same(a) && nb.same(b) {
                t.clone()
            } else {
                Ty::new(Node::Union(na, nb))
            }
        }
        Node::UnionAll(v, body) => {
            let nbody = normalize_unionalls_inner(reg, body);
            if nbody.as_var() == Some(v) {
                // `T where T<:S` is `S`.
                return v.ub().clone();
            }
            let eq = super::subtype::ident(v.lb(), v.ub());
            if eq || may_substitute_ub(reg, &nbody, v) {
                if let Ok(r) = instantiate(&nbody, v, v.ub()) {
                    return r;
                }
            }
            if nbody.same(body) {
                t.clone()
            } else {
                Ty::unionall(v, nbody)
            }
        }
        _ => t.clone(),
    }
}

fn may_substitute_ub(reg: &Registry, body: &Ty, v: &Var) -> bool {
    let mut count = 0;
    let concrete_ub = reg.is_concrete(v.ub());
    may_sub(body, v, false, &mut count, concrete_ub)
}

fn may_sub(t: &Ty, v: &Var, inside_inv: bool, count: &mut usize, concrete_ub: bool) -> bool {
    match t.node() {
        Node::Var(w) if w == v => {
            if inside_inv {
                return false;
            }
            *count += 1;
            *count <= 1 || concrete_ub
        }
        Node::UnionAll(w, body) => {
            if w == v {
                return true;
            }
            if w.lb().has_var(v) || w.ub().has_var(v) {
                return false;
            }
            may_sub(body, v, inside_inv, count, concrete_ub)
        }
        Node::Data { name, params, .. } => {
            let inv = inside_inv || *name != TUPLE;
            params
                .iter()
                .all(|p| may_sub(p, v, inv, count, concrete_ub))
        }
        Node::Union(a, b) => {
            let mut ca = *count;
            let mut cb = *count;
            let r = may_sub(a, v, inside_inv, &mut ca, concrete_ub)
                && may_sub(b, v, inside_inv, &mut cb, concrete_ub);
            *count = ca.max(cb);
            r
        }
        Node::Vararg(e, n) => {
            if n.as_ref().is_some_and(|n| n.has_var(v)) {
                return false;
            }
            // A Vararg element stands for any number of elements.
            if e.has_var(v) {
                *count += 1;
            }
            may_sub(e, v, inside_inv, count, concrete_ub)
        }
        _ => true,
    }
}
