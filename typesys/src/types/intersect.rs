//! Type intersection: the largest type contained in both (Julia's
//! `jl_type_intersection`, src/subtype.c).
//!
//! Julia's own algorithm shares subtyping's search; this one is a direct
//! solver with the same observable rules where they matter for dispatch:
//! a subtype is its own intersection with its supertype; unions
//! distribute; variables in invariant position are solved for (and the
//! solution checked against their bounds, so `Tuple{T, Vector{T}} where T`
//! against `Tuple{Char, Vector{Int}}` is empty); variables in covariant
//! position narrow their upper bound; a variable bounded by a concrete type
//! and not used invariantly becomes that type (subtype.c
//! `finish_unionall`). Where it cannot decide exactly it over-approximates,
//! as Julia does (SPEC §11.7 lists the known differences).

use super::construct::{self, normalize};
use super::registry::{Registry, TUPLE};
use super::subtype::{
    ident, is_any, obviously_disjoint, subtype_checked, types_equal_checked, var_occurs_invariant,
    Exhausted,
};
use super::ty::{Node, Ty, Var};

/// `a ∩ b` (`Union{}` when empty; over-approximated when the budget runs
/// out — use [`intersect_checked`] to know).
pub fn intersect(reg: &Registry, a: &Ty, b: &Ty) -> Ty {
    intersect_checked(reg, a, b).unwrap_or_else(|_| a.clone())
}

/// `a ∩ b`, or [`Exhausted`].
pub fn intersect_checked(reg: &Registry, a: &Ty, b: &Ty) -> Result<Ty, Exhausted> {
    // Unions in covariant position are split, each choice intersected on
    // its own and the results joined (subtype.c tries every choice in
    // covariant position and unions them at the top).
    let alts_a = split_covariant_unions(a);
    let alts_b = split_covariant_unions(b);
    if alts_a.len() * alts_b.len() > 1 {
        let mut parts = Vec::new();
        for x in &alts_a {
            for y in &alts_b {
                let r = intersect_one(reg, x, y)?;
                if !r.is_bottom() {
                    parts.push(r);
                }
            }
        }
        return Ok(construct::union(reg, parts));
    }
    intersect_one(reg, a, b)
}

/// Most alternatives [`split_covariant_unions`] makes.
const MAX_SPLIT: usize = 16;

/// The choices of the unions among a closed tuple's elements:
/// `Tuple{Union{A, B}, C}` is `[Tuple{A, C}, Tuple{B, C}]` (one alternative,
/// itself, when there are none, too many, or variables).
fn split_covariant_unions(t: &Ty) -> Vec<Ty> {
    if t.data_name() != Some(TUPLE) || t.has_free_vars() {
        return vec![t.clone()];
    }
    let mut alts: Vec<Vec<Ty>> = vec![Vec::new()];
    for p in t.params() {
        let members = construct::union_members(p);
        if alts.len() * members.len() > MAX_SPLIT {
            return vec![t.clone()];
        }
        alts = alts
            .into_iter()
            .flat_map(|prefix| {
                members.iter().map(move |m| {
                    let mut v = prefix.clone();
                    v.push(m.clone());
                    v
                })
            })
            .collect();
    }
    if alts.len() == 1 {
        return vec![t.clone()];
    }
    alts.into_iter()
        .filter_map(|ps| construct::tuple(ps).ok())
        .collect()
}

fn intersect_one(reg: &Registry, a: &Ty, b: &Ty) -> Result<Ty, Exhausted> {
    let r = intersect_solve(reg, a, b)?;
    // A result may not mention a variable neither operand leaves free; if
    // the solver let one escape, fall back to an operand (a sound
    // over-approximation).
    let free_ok = r.free_vars().iter().all(|v| a.has_var(v) || b.has_var(v));
    if !free_ok {
        return Ok(if subtype_checked(reg, b, a)? {
            b.clone()
        } else {
            a.clone()
        });
    }
    Ok(r)
}

fn intersect_solve(reg: &Registry, a: &Ty, b: &Ty) -> Result<Ty, Exhausted> {
    if subtype_checked(reg, a, b)? {
        return Ok(a.clone());
    }
    if subtype_checked(reg, b, a)? {
        return Ok(b.clone());
    }
    if obviously_disjoint(reg, a, b, false) {
        return Ok(Ty::bottom());
    }
    // First pass: solve the variables that invariant positions fix, and
    // substitute them, so that covariant positions then meet the values
    // (`Tuple{T, Ref{T}} where T` against `Tuple{Array{Int}, Ref{AbstractVector}}`
    // fixes `T` before its first element is met).
    let (a, b) = match presolve(reg, a, b)? {
        Presolved::Empty => return Ok(Ty::bottom()),
        Presolved::Same => (a.clone(), b.clone()),
        Presolved::Substituted(a2, b2) => {
            if subtype_checked(reg, &a2, &b2)? {
                return Ok(a2);
            }
            if subtype_checked(reg, &b2, &a2)? {
                return Ok(b2);
            }
            (a2, b2)
        }
    };
    let mut ix = Ix::new(reg, false);
    let a = ix.open(&a);
    let b = ix.open(&b);
    let r = ix.ix(&a, &b, false);
    if ix.exhausted {
        return Err(Exhausted);
    }
    let Some(r) = r else {
        return Ok(Ty::bottom());
    };
    Ok(ix.close(r, 0).unwrap_or_else(Ty::bottom))
}

enum Presolved {
    Empty,
    Same,
    Substituted(Ty, Ty),
}

/// The first pass of [`intersect_checked`].
fn presolve(reg: &Registry, a: &Ty, b: &Ty) -> Result<Presolved, Exhausted> {
    let mut ix = Ix::new(reg, true);
    let na = count_wheres(a);
    let a_body = ix.open(a);
    let b_body = ix.open(b);
    let r = ix.ix(&a_body, &b_body, false);
    if ix.exhausted {
        return Err(Exhausted);
    }
    if r.is_none() {
        return Ok(Presolved::Empty);
    }
    // Values that are closed and within their declared bounds.
    let mut solved: Vec<(Var, Ty)> = Vec::new();
    for v in &ix.vars {
        let Some(val) = &v.val else { continue };
        if val.has_free_vars() || val.as_var().is_some() {
            continue;
        }
        let (lb, ub) = (v.var.lb(), v.var.ub());
        if !val.is_type() {
            if !(lb.is_bottom() && is_any(ub)) {
                return Ok(Presolved::Empty);
            }
        } else if !lb.has_free_vars() && !ub.has_free_vars() {
            let within = subtype_checked(reg, lb, val)? && subtype_checked(reg, val, ub)?;
            if !within {
                return Ok(Presolved::Empty);
            }
        }
        solved.push((v.var.clone(), val.clone()));
    }
    if solved.is_empty() {
        return Ok(Presolved::Same);
    }
    let rebuild = |body: &Ty, vars: &[IVar]| -> Option<Ty> {
        let mut t = body.clone();
        let mut keep: Vec<Var> = Vec::new();
        for v in vars {
            if solved.iter().any(|(w, _)| *w == v.var) {
                continue;
            }
            keep.push(v.var.clone());
        }
        for (w, x) in &solved {
            t = t.subst(w, x);
        }
        // Kept variables' bounds may mention solved ones.
        let mut renamed: Vec<Var> = Vec::new();
        for v in &keep {
            let (mut lb, mut ub) = (v.lb().clone(), v.ub().clone());
            for (w, x) in &solved {
                lb = lb.subst(w, x);
                ub = ub.subst(w, x);
            }
            let nv = if lb.same(v.lb()) && ub.same(v.ub()) {
                v.clone()
            } else {
                let nv = v.with_bounds(lb, ub);
                t = t.subst(v, &Ty::var(&nv));
                nv
            };
            renamed.push(nv);
        }
        for v in renamed.iter().rev() {
            t = super::resolve::wrap(v, t);
        }
        normalize(&t).ok()
    };
    let (va, vb) = ix.vars.split_at(na.min(ix.vars.len()));
    match (rebuild(&a_body, va), rebuild(&b_body, vb)) {
        (Some(a2), Some(b2)) => Ok(Presolved::Substituted(a2, b2)),
        _ => Ok(Presolved::Same),
    }
}

fn count_wheres(t: &Ty) -> usize {
    let mut n = 0;
    let mut t = t;
    while let Node::UnionAll(_, body) = t.node() {
        n += 1;
        t = body;
    }
    n
}

/// Whether `a` and `b` intersect (their intersection is not `Union{}`).
pub fn intersects(reg: &Registry, a: &Ty, b: &Ty) -> Result<bool, Exhausted> {
    Ok(!intersect_checked(reg, a, b)?.is_bottom())
}

struct IVar {
    var: Var,
    lb: Ty,
    ub: Ty,
    val: Option<Ty>,
    /// Occurs in invariant position in its body: narrowing its bound for
    /// a covariant use would narrow the invariant one too.
    invariant: bool,
}

struct Ix<'r> {
    reg: &'r Registry,
    vars: Vec<IVar>,
    steps: u64,
    depth: usize,
    exhausted: bool,
    /// First pass: only solve invariant positions; covariant occurrences
    /// neither narrow nor fail.
    presolve: bool,
}

impl<'r> Ix<'r> {
    fn new(reg: &'r Registry, presolve: bool) -> Ix<'r> {
        Ix {
            reg,
            vars: Vec::new(),
            steps: 0,
            depth: 0,
            exhausted: false,
            presolve,
        }
    }

    fn tick(&mut self) -> bool {
        self.steps += 1;
        if self.steps > crate::limits::SUBTYPE_STEPS {
            self.exhausted = true;
        }
        self.exhausted
    }

    fn lookup(&self, v: &Var) -> Option<usize> {
        self.vars.iter().rposition(|b| b.var == *v)
    }

    /// Move the outer `UnionAll`s of `t` into the environment (renaming a
    /// variable already there).
    fn open(&mut self, t: &Ty) -> Ty {
        let mut t = t.clone();
        while let Node::UnionAll(v, body) = t.node() {
            let (v, body) = if self.lookup(v).is_some() {
                let nv = v.renamed();
                let nb = body.subst(v, &Ty::var(&nv));
                (nv, nb)
            } else {
                (v.clone(), body.clone())
            };
            self.vars.push(IVar {
                lb: v.lb().clone(),
                ub: v.ub().clone(),
                invariant: var_occurs_invariant(&body, &v),
                var: v,
                val: None,
            });
            t = body;
        }
        t
    }

    /// Substitute the solved variables from `first` on into `r`, check
    /// bounds, and quantify the rest (subtype.c `finish_unionall`).
    fn close(&mut self, r: Ty, first: usize) -> Option<Ty> {
        let mut r = r;
        let opened: Vec<IVar> = self.vars.drain(first..).collect();
        // Values may name other variables: substitute until none remains.
        let mut vals: Vec<(Var, Ty)> = opened
            .iter()
            .filter_map(|b| b.val.clone().map(|v| (b.var.clone(), v)))
            .collect();
        for _ in 0..=vals.len() {
            let snapshot = vals.clone();
            for (v, x) in &snapshot {
                r = r.subst(v, x);
                for (_, y) in vals.iter_mut() {
                    *y = y.subst(v, x);
                }
            }
        }
        let mut frees: Vec<(Var, Ty, Ty)> = Vec::new();
        for b in &opened {
            if b.val.is_some() {
                continue;
            }
            let mut lb = b.lb.clone();
            let mut ub = b.ub.clone();
            for (v, x) in &vals {
                lb = lb.subst(v, x);
                ub = ub.subst(v, x);
            }
            frees.push((b.var.clone(), lb, ub));
        }
        // Check solved values against their declared bounds.
        for b in &opened {
            let Some(val) = &b.val else { continue };
            let mut v = val.clone();
            let mut lb = b.var.lb().clone();
            let mut ub = b.var.ub().clone();
            for (w, x) in &vals {
                v = v.subst(w, x);
                lb = lb.subst(w, x);
                ub = ub.subst(w, x);
            }
            if v.has_free_vars() || lb.has_free_vars() || ub.has_free_vars() {
                continue;
            }
            if !v.is_type() {
                if !(lb.is_bottom() && is_any(&ub)) {
                    return None;
                }
                continue;
            }
            let ok_lb = subtype_checked(self.reg, &lb, &v).unwrap_or(true);
            let ok_ub = subtype_checked(self.reg, &v, &ub).unwrap_or(true);
            if !ok_lb || !ok_ub {
                return None;
            }
        }
        // Remaining variables: equal bounds or a concrete bound used only
        // covariantly become that type; the others stay quantified.
        let mut wraps: Vec<Var> = Vec::new();
        for (v, lb, ub) in frees {
            if !lb.has_free_vars()
                && !ub.has_free_vars()
                && !subtype_checked(self.reg, &lb, &ub).unwrap_or(true)
            {
                return None;
            }
            let eq = lb.egal(&ub);
            if eq || (!var_occurs_invariant(&r, &v) && is_leaf(self.reg, &ub)) {
                r = r.subst(&v, &ub);
                continue;
            }
            if !r.has_var(&v) {
                continue;
            }
            let nv = if lb.same(v.lb()) && ub.same(v.ub()) {
                v.clone()
            } else {
                v.with_bounds(lb, ub)
            };
            r = r.subst(&v, &Ty::var(&nv));
            for w in wraps.iter_mut() {
                if w.lb().has_var(&v) || w.ub().has_var(&v) {
                    *w = w.with_bounds(
                        w.lb().subst(&v, &Ty::var(&nv)),
                        w.ub().subst(&v, &Ty::var(&nv)),
                    );
                }
            }
            wraps.push(nv);
        }
        for v in wraps.iter().rev() {
            if r.has_var(v) {
                r = Ty::unionall(v, r);
            }
        }
        normalize(&r).ok()
    }

    fn ix(&mut self, x: &Ty, y: &Ty, inv: bool) -> Option<Ty> {
        if self.tick() || self.depth > crate::limits::MAX_QUERY_DEPTH {
            self.exhausted = true;
            return Some(x.clone());
        }
        self.depth += 1;
        let r = self.ix_inner(x, y, inv);
        self.depth -= 1;
        r
    }

    fn ix_inner(&mut self, x: &Ty, y: &Ty, inv: bool) -> Option<Ty> {
        if ident(x, y) {
            return Some(x.clone());
        }
        if let Some(i) = x.as_var().and_then(|v| self.lookup(v)) {
            return self.var_ix(i, y, inv);
        }
        if let Some(j) = y.as_var().and_then(|v| self.lookup(v)) {
            return self.var_ix(j, x, inv);
        }
        if x.as_var().is_some() || y.as_var().is_some() {
            // A variable bound outside: opaque, over-approximated.
            return Some(x.clone());
        }
        if x.is_bottom() || y.is_bottom() {
            return None;
        }
        if inv {
            return self.ix_invariant(x, y);
        }
        if !self.presolve
            && x.is_type()
            && y.is_type()
            && !x.has_free_vars()
            && !y.has_free_vars()
            && !self.has_env_vars(x)
            && !self.has_env_vars(y)
        {
            match (
                subtype_checked(self.reg, x, y),
                subtype_checked(self.reg, y, x),
            ) {
                (Ok(true), _) => return Some(x.clone()),
                (_, Ok(true)) => return Some(y.clone()),
                (Err(_), _) | (_, Err(_)) => {
                    self.exhausted = true;
                    return Some(x.clone());
                }
                _ => {}
            }
        }
        if matches!(x.node(), Node::Union(..)) {
            return self.ix_union(x, y, false);
        }
        if matches!(y.node(), Node::Union(..)) {
            return self.ix_union(y, x, true);
        }
        if matches!(x.node(), Node::UnionAll(..)) || matches!(y.node(), Node::UnionAll(..)) {
            return self.ix_local(x, y, false);
        }
        match (x.node(), y.node()) {
            (Node::Data { .. }, Node::Data { .. }) => self.ix_data(x, y),
            (Node::Vararg(xe, xn), Node::Vararg(ye, yn)) => {
                let e = self.ix(xe, ye, false)?;
                let n = match (xn, yn) {
                    (Some(a), Some(b)) => Some(self.ix(a, b, true)?),
                    (Some(a), None) | (None, Some(a)) => Some(a.clone()),
                    (None, None) => None,
                };
                construct::vararg(e, n).ok()
            }
            (Node::Value(_), Node::Value(_)) => None,
            (Node::Value(_), _) if is_any(y) => Some(x.clone()),
            (_, Node::Value(_)) if is_any(x) => Some(y.clone()),
            _ => None,
        }
    }

    /// Each member meets `other` from the same environment (subtype.c
    /// `intersect_union` saves and restores it): what one member fixed
    /// holds only when that member alone is left.
    fn ix_union(&mut self, u: &Ty, other: &Ty, swapped: bool) -> Option<Ty> {
        let before = self.snapshot();
        let mut parts = Vec::new();
        let mut after = Vec::new();
        for m in construct::union_members(u) {
            self.restore(&before);
            let r = if swapped {
                self.ix(other, &m, false)
            } else {
                self.ix(&m, other, false)
            };
            if let Some(r) = r {
                parts.push(r);
                after.push(self.snapshot());
            }
        }
        match after.len() {
            0 => {
                self.restore(&before);
                None
            }
            1 => {
                self.restore(&after[0]);
                parts.pop()
            }
            _ => {
                self.restore(&before);
                Some(construct::union(self.reg, parts))
            }
        }
    }

    fn snapshot(&self) -> Vec<(Ty, Ty, Option<Ty>)> {
        self.vars
            .iter()
            .map(|v| (v.lb.clone(), v.ub.clone(), v.val.clone()))
            .collect()
    }

    fn restore(&mut self, snap: &[(Ty, Ty, Option<Ty>)]) {
        for (v, (lb, ub, val)) in self.vars.iter_mut().zip(snap) {
            v.lb = lb.clone();
            v.ub = ub.clone();
            v.val = val.clone();
        }
    }

    /// Intersection of a `UnionAll` inside a type: its variable is solved
    /// locally and quantified again around the result.
    fn ix_local(&mut self, x: &Ty, y: &Ty, inv: bool) -> Option<Ty> {
        let first = self.vars.len();
        let x = self.open(x);
        let y = self.open(y);
        let r = self.ix(&x, &y, inv);
        match r {
            Some(r) => self.close(r, first),
            None => {
                self.vars.truncate(first);
                None
            }
        }
    }

    fn ix_invariant(&mut self, x: &Ty, y: &Ty) -> Option<Ty> {
        if !x.has_free_vars()
            && !y.has_free_vars()
            && !self.has_env_vars(x)
            && !self.has_env_vars(y)
        {
            return match types_equal_checked(self.reg, x, y) {
                Ok(true) => Some(x.clone()),
                Ok(false) => None,
                Err(_) => {
                    self.exhausted = true;
                    None
                }
            };
        }
        match (x.node(), y.node()) {
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
                if n1 != n2 || p1.len() != p2.len() {
                    return None;
                }
                let has_va = |ps: &[Ty]| ps.iter().any(|p| matches!(p.node(), Node::Vararg(..)));
                if *n1 == TUPLE && (has_va(p1) || has_va(p2)) {
                    let t = self.ix_tuple(x, y)?;
                    return Some(t);
                }
                // Tuples of one length inside an invariant position are
                // equal element by element.
                let mut out = Vec::with_capacity(p1.len());
                for (a, b) in p1.iter().zip(p2.iter()) {
                    out.push(self.ix(a, b, true)?);
                }
                Some(Ty::data_raw(*n1, out))
            }
            (Node::Value(a), Node::Value(b)) => a.egal(b).then(|| x.clone()),
            // One data type never equals a union of several or a `UnionAll`
            // whose variable occurs (both are normalized).
            (Node::Data { .. }, Node::Union(..) | Node::UnionAll(..))
            | (Node::Union(..) | Node::UnionAll(..), Node::Data { .. }) => None,
            (Node::Value(_), _) | (_, Node::Value(_)) => None,
            // Unions or `UnionAll`s with variables inside: Julia, too,
            // over-approximates here.
            _ => Some(x.clone()),
        }
    }

    fn has_env_vars(&self, t: &Ty) -> bool {
        !t.is_varfree() && t.any_free_var(|v| self.lookup(v).is_some())
    }

    /// Follow `T = S` links to the variable that stands for both.
    fn repr(&self, mut i: usize) -> usize {
        for _ in 0..self.vars.len() {
            match self.vars[i]
                .val
                .as_ref()
                .and_then(Ty::as_var)
                .and_then(|v| self.lookup(v))
            {
                Some(k) if k != i => i = k,
                _ => break,
            }
        }
        i
    }

    fn var_ix(&mut self, i: usize, t: &Ty, inv: bool) -> Option<Ty> {
        let i = self.repr(i);
        if let Some(val) = self.vars[i].val.clone() {
            if val.as_var().and_then(|v| self.lookup(v)).is_none() {
                return self.ix(&val, t, inv);
            }
        }
        let var = self.vars[i].var.clone();
        if let Some(j) = t.as_var().and_then(|w| self.lookup(w)) {
            let j = self.repr(j);
            if i == j {
                return Some(Ty::var(&var));
            }
            if let Some(val) = self.vars[j].val.clone() {
                return self.var_ix(i, &val, inv);
            }
            // Unify into the outer one (opened first): an inner variable is
            // closed, and substituted, before the outer one.
            let (keep, drop) = if i < j { (i, j) } else { (j, i) };
            let ub = self
                .ix(
                    &self.vars[keep].ub.clone(),
                    &self.vars[drop].ub.clone(),
                    false,
                )
                .unwrap_or_else(Ty::bottom);
            let lb = construct::union(
                self.reg,
                vec![self.vars[keep].lb.clone(), self.vars[drop].lb.clone()],
            );
            self.vars[keep].ub = ub;
            self.vars[keep].lb = lb;
            self.vars[keep].invariant |= self.vars[drop].invariant;
            let kept = self.vars[keep].var.clone();
            self.vars[drop].val = Some(Ty::var(&kept));
            return Some(Ty::var(&kept));
        }
        if inv || !t.is_type() {
            if self.occurs(i, t, 0) {
                // `T = Vector{T}` (also through other variables' values)
                // has no solution.
                return None;
            }
            let (lb, ub) = (self.vars[i].lb.clone(), self.vars[i].ub.clone());
            if !t.is_type() {
                if !(lb.is_bottom() && is_any(&ub)) {
                    return None;
                }
            } else if !self.within(&lb, t, &ub) {
                return None;
            }
            self.vars[i].val = Some(t.clone());
            return Some(t.clone());
        }
        if self.presolve {
            return Some(Ty::var(&var));
        }
        if !self.vars[i].lb.is_bottom() || self.vars[i].invariant {
            // `T >: L`, or a `T` also used invariantly, in covariant
            // position: the element is whatever of `t` fits under the upper
            // bound; `T` itself need not shrink.
            let ub = self.vars[i].ub.clone();
            return self.ix(&ub, t, false);
        }
        let ub = self.vars[i].ub.clone();
        // An empty meet is a bound of `Union{}`, not a failure: the
        // variable may still be `Union{}` (`Array{Union{}}`).
        let new_ub = self.ix(&ub, t, false).unwrap_or_else(Ty::bottom);
        let lb = self.vars[i].lb.clone();
        if !lb.has_free_vars() && !new_ub.has_free_vars() && !self.has_env_vars(&new_ub) {
            match subtype_checked(self.reg, &lb, &new_ub) {
                Ok(false) => return None,
                Err(_) => self.exhausted = true,
                Ok(true) => {}
            }
        }
        self.vars[i].ub = new_ub;
        Some(Ty::var(&var))
    }

    /// Whether variable `i` occurs in `t`, following solved values.
    fn occurs(&self, i: usize, t: &Ty, depth: usize) -> bool {
        if depth > self.vars.len() {
            return true;
        }
        let var = &self.vars[i].var;
        if t.has_var(var) {
            return true;
        }
        t.any_free_var(|w| {
            self.lookup(w).is_some_and(|k| {
                k != i
                    && self.vars[k]
                        .val
                        .as_ref()
                        .is_some_and(|val| self.occurs(i, val, depth + 1))
            })
        })
    }

    /// `lb <: t <: ub` where all three are closed; true when undecidable here.
    fn within(&mut self, lb: &Ty, t: &Ty, ub: &Ty) -> bool {
        let closed = |s: &Self, x: &Ty| !x.has_free_vars() && !s.has_env_vars(x);
        if !(closed(self, lb) && closed(self, t) && closed(self, ub)) {
            return true;
        }
        let a = subtype_checked(self.reg, lb, t);
        let b = subtype_checked(self.reg, t, ub);
        match (a, b) {
            (Ok(a), Ok(b)) => a && b,
            _ => {
                self.exhausted = true;
                true
            }
        }
    }

    fn ix_data(&mut self, x: &Ty, y: &Ty) -> Option<Ty> {
        let reg = self.reg;
        if is_any(x) {
            return Some(y.clone());
        }
        if is_any(y) {
            return Some(x.clone());
        }
        let (xn, yn) = (x.data_name()?, y.data_name()?);
        if xn == yn {
            if xn == TUPLE {
                return self.ix_tuple(x, y);
            }
            let (p1, p2) = (x.params(), y.params());
            if p1.len() != p2.len() {
                return None;
            }
            let mut out = Vec::with_capacity(p1.len());
            for (a, b) in p1.iter().zip(p2.iter()) {
                out.push(self.ix(a, b, true)?);
            }
            return Some(Ty::data_raw(xn, out));
        }
        // `Type{A}` against a kind.
        if reg.is_type_type(x) && reg.is_kind(y) {
            return self.type_vs_kind(x, y);
        }
        if reg.is_type_type(y) && reg.is_kind(x) {
            return self.type_vs_kind(y, x);
        }
        // One name below the other: lift it and solve its parameters.
        if let Some(r) = self.lift_ix(x, y) {
            return r;
        }
        if let Some(r) = self.lift_ix(y, x) {
            return r;
        }
        None
    }

    fn type_vs_kind(&mut self, tt: &Ty, kind: &Ty) -> Option<Ty> {
        let a = &tt.params()[0];
        if let Some(v) = a.as_var() {
            // `Type{T} where T` contains every kind: the kind is the meet.
            if let Some(i) = self.lookup(v) {
                let b = &self.vars[i];
                if b.val.is_none() && b.lb.is_bottom() && is_any(&b.ub) {
                    return Some(kind.clone());
                }
            }
            return Some(tt.clone());
        }
        if a.has_free_vars() {
            return Some(tt.clone());
        }
        ident(&self.reg.type_of(a), kind).then(|| tt.clone())
    }

    /// If `x`'s name descends from `y`'s, `Some(result)`.
    fn lift_ix(&mut self, x: &Ty, y: &Ty) -> Option<Option<Ty>> {
        let yn = y.data_name()?;
        let mut sup = x.clone();
        loop {
            if is_any(&sup) {
                return None;
            }
            sup = self.reg.supertype(&sup);
            if sup.data_name() == Some(yn) {
                break;
            }
        }
        if sup.data_name() == Some(TUPLE) {
            return Some(self.ix_tuple(&sup, y).map(|_| x.clone()));
        }
        let (p1, p2) = (sup.params().to_vec(), y.params().to_vec());
        if p1.len() != p2.len() {
            return Some(None);
        }
        for (a, b) in p1.iter().zip(p2.iter()) {
            if self.ix(a, b, true).is_none() {
                return Some(None);
            }
        }
        Some(Some(x.clone()))
    }

    fn ix_tuple(&mut self, x: &Ty, y: &Ty) -> Option<Ty> {
        let (xp, yp) = (x.params().to_vec(), y.params().to_vec());
        let split = |ps: &[Ty]| -> (Vec<Ty>, Option<(Ty, Option<Ty>)>) {
            match ps.last().map(Ty::node) {
                Some(Node::Vararg(e, n)) => {
                    (ps[..ps.len() - 1].to_vec(), Some((e.clone(), n.clone())))
                }
                _ => (ps.to_vec(), None),
            }
        };
        let (xf, xv) = split(&xp);
        let (yf, yv) = split(&yp);
        // A Vararg whose length is a variable, against a fixed length: solve it.
        let xv2 = self.fix_len(xv.clone(), xf.len(), &yf, &yv)?;
        let yv2 = self.fix_len(yv, yf.len(), &xf, &xv)?;
        let (xv, yv) = (xv2, yv2);
        let (xf, xv) = expand(xf, xv);
        let (yf, yv) = expand(yf, yv);
        let n = xf.len().max(yf.len());
        let elem = |fixed: &[Ty], va: &Option<(Ty, Option<Ty>)>, i: usize| -> Option<Ty> {
            fixed
                .get(i)
                .cloned()
                .or_else(|| va.as_ref().map(|(e, _)| e.clone()))
        };
        if (xv.is_none() && yf.len() > xf.len()) || (yv.is_none() && xf.len() > yf.len()) {
            return None;
        }
        let mut out = Vec::with_capacity(n + 1);
        for i in 0..n {
            let (a, b) = (elem(&xf, &xv, i)?, elem(&yf, &yv, i)?);
            out.push(self.ix(&a, &b, false)?);
        }
        match (xv, yv) {
            (Some((xe, xn)), Some((ye, yn))) => {
                let n = match (xn, yn) {
                    (Some(a), Some(b)) => Some(self.ix(&a, &b, true)?),
                    (Some(a), None) | (None, Some(a)) => Some(a),
                    (None, None) => None,
                };
                let e = match self.ix(&xe, &ye, false) {
                    Some(e) => e,
                    // No element fits: only the empty tail remains.
                    None => return construct::tuple(out).ok(),
                };
                out.push(construct::vararg(e, n).ok()?);
            }
            (Some((_, Some(len))), None) | (None, Some((_, Some(len)))) => {
                // The Vararg ran out: its length is what the other side left.
                let k = self.len_value(&len);
                if let Some(k) = k {
                    if k != 0 {
                        return None;
                    }
                }
            }
            _ => {}
        }
        construct::tuple(out).ok()
    }

    fn len_value(&self, len: &Ty) -> Option<i64> {
        if let Some(k) = len.as_long() {
            return Some(k);
        }
        let i = self.lookup(len.as_var()?)?;
        self.vars[i].val.as_ref().and_then(Ty::as_long)
    }

    /// A Vararg `va` after `nfixed` fixed elements, with a variable length,
    /// against a tuple of fixed length: bind the length.
    fn fix_len(
        &mut self,
        va: Option<(Ty, Option<Ty>)>,
        nfixed: usize,
        other_fixed: &[Ty],
        other_va: &Option<(Ty, Option<Ty>)>,
    ) -> Option<Option<(Ty, Option<Ty>)>> {
        let Some((e, Some(len))) = va.clone() else {
            return Some(va);
        };
        if other_va.is_some() {
            return Some(va);
        }
        let Some(v) = len.as_var() else {
            return Some(va);
        };
        let Some(i) = self.lookup(v) else {
            return Some(va);
        };
        if other_fixed.len() < nfixed {
            return None;
        }
        let k = (other_fixed.len() - nfixed) as i64;
        let kt = Ty::long(k);
        match self.vars[i].val.clone() {
            Some(val) if val.as_long() != Some(k) => return None,
            _ => self.vars[i].val = Some(kt.clone()),
        }
        Some(Some((e, Some(kt))))
    }
}

/// A Vararg of known length `k` becomes `k` fixed elements.
fn expand(mut fixed: Vec<Ty>, va: Option<(Ty, Option<Ty>)>) -> (Vec<Ty>, Option<(Ty, Option<Ty>)>) {
    if let Some((e, Some(n))) = &va {
        if let Some(k) = n.as_long() {
            for _ in 0..k.max(0) {
                fixed.push(e.clone());
            }
            return (fixed, None);
        }
    }
    (fixed, va)
}

fn is_leaf(reg: &Registry, t: &Ty) -> bool {
    reg.is_concrete(t) || (!t.is_type() && t.as_var().is_none())
}
