//! Specificity: which of two method signatures dispatch prefers, as
//! Julia's `jl_type_morespecific` decides it (src/subtype.c,
//! `type_morespecific_`, `tuple_morespecific`, `args_morespecific_fix1`).
//!
//! Subtyping decides first (a strict subtype is more specific); otherwise
//! the rules compare element by element: the Union rule (a union is more
//! specific when one of its members is), `Type{T}` over the kinds, the
//! Vararg rules, and the diagonal tie-break (`Tuple{T, T} where T` over
//! `Tuple{Any, Any}`).

use super::construct::instantiate;
use super::registry::{Registry, DATATYPE, TYPE, TYPEOFBOTTOM, UNION, UNIONALL};
use super::resolve::wrap;
use super::subtype::{
    ident, is_any, obviously_disjoint, subtype, types_equal, vararg_kind, VarargKind,
};
use super::ty::{Node, Ty, Var};

/// [`morespecific`], or [`super::Exhausted`] when a subtyping query
/// inside ran out of budget.
pub fn morespecific_checked(reg: &Registry, a: &Ty, b: &Ty) -> Result<bool, super::Exhausted> {
    let (r, hit) = super::subtype::watch_budget(|| morespecific(reg, a, b));
    if hit {
        Err(super::Exhausted)
    } else {
        Ok(r)
    }
}

/// `a` is more specific than `b` (`jl_type_morespecific`).
pub fn morespecific(reg: &Registry, a: &Ty, b: &Ty) -> bool {
    if obviously_disjoint(reg, a, b, true) {
        return false;
    }
    if a.has_free_vars() || b.has_free_vars() {
        return false;
    }
    if subtype(reg, b, a) {
        return false;
    }
    if subtype(reg, a, b) {
        return true;
    }
    let mut cx = Cx {
        reg,
        env: Vec::new(),
    };
    cx.morespecific(a, b, false)
}

struct Cx<'r> {
    reg: &'r Registry,
    /// Variables unwrapped so far, innermost last, with their occurrence
    /// counts (`num_occurs`).
    env: Vec<(Var, usize)>,
}

fn count_occurs(t: &Ty, v: &Var) -> usize {
    match t.node() {
        Node::Var(w) => usize::from(w == v),
        Node::Union(a, b) => count_occurs(a, v).max(count_occurs(b, v)),
        Node::UnionAll(w, body) => {
            if w == v {
                0
            } else {
                count_occurs(body, v)
            }
        }
        Node::Data { params, .. } => params.iter().map(|p| count_occurs(p, v)).sum(),
        Node::Vararg(e, n) => count_occurs(e, v) + n.as_ref().map_or(0, |n| count_occurs(n, v)),
        _ => 0,
    }
}

fn nth_tuple_elt(t: &Ty, i: usize) -> Option<Ty> {
    let ps = t.params();
    let len = ps.len();
    if len == 0 {
        return None;
    }
    if i < len - 1 {
        return Some(ps[i].clone());
    }
    if let Node::Vararg(e, n) = ps[len - 1].node() {
        if let Some(k) = n.as_ref().and_then(Ty::as_long) {
            if i as i64 >= len as i64 - 1 + k {
                return None;
            }
        }
        return Some(e.clone());
    }
    if i == len - 1 {
        return Some(ps[i].clone());
    }
    None
}

fn tuple_full_length(t: &Ty) -> i64 {
    let ps = t.params();
    let n = ps.len() as i64;
    if let Some(Node::Vararg(_, Some(k))) = ps.last().map(Ty::node) {
        if let Some(k) = k.as_long() {
            return n + k - 1;
        }
    }
    n
}

fn va_tuple_kind(t: &Ty) -> VarargKind {
    t.params().last().map_or(VarargKind::None, vararg_kind)
}

impl Cx<'_> {
    fn num_occurs(&self, v: &Var) -> usize {
        self.env
            .iter()
            .rev()
            .find(|(w, _)| w == v)
            .map_or(0, |(_, n)| *n)
    }

    fn wrap_env(&self, t: &Ty) -> Ty {
        let mut t = t.clone();
        for (v, _) in self.env.iter().rev() {
            if t.is_type() || t.as_var().is_some() {
                t = wrap(v, t);
            }
        }
        t
    }

    fn sub_msp(&self, a: &Ty, b: &Ty) -> bool {
        subtype(self.reg, &self.wrap_env(a), &self.wrap_env(b))
    }

    fn eq_msp(&self, a: &Ty, b: &Ty) -> bool {
        let typeish = |t: &Ty| t.is_type() || t.as_var().is_some();
        if !typeish(a) || !typeish(b) {
            return ident(a, b);
        }
        let (mut a, mut b) = (a.clone(), b.clone());
        for (v, _) in self.env.iter().rev() {
            a = wrap(v, a);
            b = wrap(v, b);
        }
        types_equal(self.reg, &a, &b)
    }

    fn with_var<R>(&mut self, v: &Var, body: &Ty, f: impl FnOnce(&mut Self) -> R) -> R {
        let n = count_occurs(body, v);
        self.env.push((v.clone(), n));
        let r = f(self);
        self.env.pop();
        r
    }

    fn tuple_morespecific(&mut self, cdt: &Ty, pdt: &Ty, invariant: bool) -> bool {
        let plen = pdt.params().len();
        if plen == 0 {
            return false;
        }
        let clen = cdt.params().len();
        if clen == 0 {
            return true;
        }
        let clast = cdt.params()[clen - 1].clone();
        let ckind = vararg_kind(&clast);
        let cva = ckind > VarargKind::Int;
        let pva = vararg_kind(&pdt.params()[plen - 1]) > VarargKind::Int;
        let (mut cdiag, mut pdiag) = (false, false);
        let mut some_morespecific = false;
        let mut i = 0usize;
        loop {
            if cva && pva && i >= clen && i >= plen {
                break;
            }
            let ce = nth_tuple_elt(cdt, i);
            let pe = nth_tuple_elt(pdt, i);
            let Some(ce) = ce else {
                if pe.is_none() {
                    break;
                }
                return true;
            };
            let Some(pe) = pe else {
                if !cva && !some_morespecific {
                    return false;
                }
                break;
            };
            if self.morespecific(&pe, &ce, invariant) {
                return false;
            }
            if !cdiag && ce.as_var().is_some_and(|v| self.num_occurs(v) > 1) {
                cdiag = true;
            }
            if !pdiag && pe.as_var().is_some_and(|v| self.num_occurs(v) > 1) {
                pdiag = true;
            }
            // In Tuple{a, b...} and Tuple{c, d...} allow b and d to be disjoint.
            if cva
                && pva
                && i + 1 >= clen
                && i + 1 >= plen
                && (some_morespecific || (cdiag && !pdiag))
            {
                return true;
            }
            let cms = self.morespecific(&ce, &pe, invariant);
            if !cms && !self.sub_msp(&ce, &pe) {
                // A bound vararg tuple can be more specific despite disjoint
                // elements, to keep specificity transitive.
                let bound_n = match clast.node() {
                    Node::Vararg(_, Some(n)) => n.as_var().map_or(0, |v| self.num_occurs(v)),
                    _ => 0,
                };
                return some_morespecific && cva && ckind == VarargKind::Bound && bound_n > 1;
            }
            // Tuple{…, T} is not more specific than Tuple{…, Vararg{S}} if S
            // is diagonal.
            if !cms
                && i + 1 == clen
                && clen == plen
                && !cva
                && pva
                && self.eq_msp(&ce, &pe)
                && ce.as_var().is_some()
                && pe.as_var().is_some()
                && !cdiag
                && pdiag
            {
                return false;
            }
            if cms {
                some_morespecific = true;
            }
            i += 1;
        }
        if cva && pva && clen > plen && (!pdiag || cdiag) {
            return true;
        }
        if cva && !pva && !some_morespecific {
            return false;
        }
        some_morespecific || (cdiag && !pdiag)
    }

    /// Fix a bound Vararg's length in `a` to `b`'s length, when that makes
    /// an earlier argument more specific (`args_morespecific_fix1`):
    /// `Some(answer)` or `None` (no decision).
    fn args_morespecific_fix1(&mut self, a: &Ty, b: &Ty, swap: bool) -> Option<bool> {
        let n = a.params().len() as i64;
        let taillen = tuple_full_length(b) - n + 1;
        if taillen <= 0 {
            return None;
        }
        let Node::Vararg(_, Some(nvar)) = a.params().last()?.node() else {
            return None;
        };
        let v = nvar.as_var()?.clone();
        let new_a = instantiate(a, &v, &Ty::long(taillen)).ok()?;
        let changed = (0..(n - 1) as usize).any(|i| match new_a.params().get(i) {
            Some(p) => !ident(&a.params()[i], p),
            None => true,
        });
        if !changed {
            return None;
        }
        Some(if self.eq_msp(b, &new_a) {
            swap
        } else if swap {
            self.morespecific(b, &new_a, false)
        } else {
            self.morespecific(&new_a, b, false)
        })
    }

    fn morespecific(&mut self, a: &Ty, b: &Ty, invariant: bool) -> bool {
        let reg = self.reg;
        if ident(a, b) {
            return false;
        }
        let is_tuple = |t: &Ty| t.data_name() == Some(super::registry::TUPLE);
        if is_tuple(a) && is_tuple(b) {
            // `Type{Union{}}` makes a signature the most specific, whatever
            // else, left to right (subtype.c `tuple_cmp_typeofbottom`).
            let msp = tuple_cmp_typeofbottom(a, b);
            if msp != 0 {
                return msp > 0;
            }
            // A bound Vararg against a fixed length: let the length fix it.
            let (akind, bkind) = (va_tuple_kind(a), va_tuple_kind(b));
            if akind == VarargKind::Bound && bkind < VarargKind::Bound {
                if let Some(true) = self.args_morespecific_fix1(a, b, false) {
                    return true;
                }
            }
            if bkind == VarargKind::Bound && akind < VarargKind::Bound {
                if let Some(false) = self.args_morespecific_fix1(b, a, true) {
                    return false;
                }
            }
            return self.tuple_morespecific(a, b, invariant);
        }
        if !invariant {
            if is_any(a) {
                return false;
            }
            if is_any(b) && a.as_var().is_none() {
                return true;
            }
        }
        if let Node::Union(ua, ub) = a.node() {
            if let Node::UnionAll(v, body) = b.node() {
                let (v, body) = (v.clone(), body.clone());
                return self.with_var(&v, &body, |cx| cx.morespecific(a, &body, invariant));
            }
            // A union is more specific than b if one of its members is, but
            // not the other way around.
            if self.sub_msp(b, a) {
                return false;
            }
            if self.morespecific(ua, b, invariant) || self.morespecific(ub, b, invariant) {
                if let Node::Union(va, vb) = b.node() {
                    if self.morespecific(va, a, invariant) || self.morespecific(vb, a, invariant) {
                        return false;
                    }
                }
                return true;
            }
            return false;
        }
        if reg.is_type_type(a) && !invariant {
            if b.data_name() == Some(TYPEOFBOTTOM) {
                return false;
            }
            let tp0a = &a.params()[0];
            if let Some(v) = tp0a.as_var() {
                if reg.is_kind(b) && !self.sub_msp(&reg.any(), v.ub()) {
                    return true;
                }
            } else if tp0a.is_bottom() {
                if self.sub_msp(b, &reg.wrapper(TYPE)) {
                    return true;
                }
            } else if matches!(b.data_name(), Some(DATATYPE | UNIONALL | UNION))
                && b.params().is_empty()
            {
                return true;
            }
        }
        if let Node::Union(ba, bb) = b.node() {
            if let Node::UnionAll(v, body) = a.node() {
                let (v, body) = (v.clone(), body.clone());
                return self.with_var(&v, &body, |cx| cx.morespecific(&body, b, invariant));
            }
            if self.morespecific(a, ba, invariant) || self.morespecific(a, bb, invariant) {
                return !self.morespecific(b, a, invariant);
            }
            return false;
        }
        if let (
            Node::Data { .. },
            Node::Data {
                name: bname,
                params: bps,
                ..
            },
        ) = (a.node(), b.node())
        {
            // Type{Union{}} is more specific than other types, so TypeofBottom
            // must be too.
            if a.data_name() == Some(TYPEOFBOTTOM) && (reg.is_kind(b) || reg.is_type_type(b)) {
                return true;
            }
            let mut tta = a.clone();
            let mut is_super = false;
            while !is_any(&tta) {
                if tta.data_name() == Some(*bname) {
                    if is_super {
                        if *bname != TYPE {
                            return true;
                        }
                        if let Some(v) = bps[0].as_var() {
                            if self.sub_msp(&reg.any(), v.ub()) {
                                return true;
                            }
                        }
                    }
                    return self.params_morespecific(&tta, b);
                }
                tta = reg.supertype(&tta);
                is_super = true;
            }
            return false;
        }
        if let Some(av) = a.as_var() {
            if let Some(bv) = b.as_var() {
                return (self.morespecific(av.ub(), bv.ub(), false)
                    && !self.morespecific(av.lb(), bv.lb(), false))
                    || (self.morespecific(bv.lb(), av.lb(), false)
                        && !self.morespecific(bv.ub(), av.ub(), false));
            }
            if !b.is_type() {
                return false;
            }
            if invariant {
                if av.ub().is_bottom() {
                    return true;
                }
                if !b.has_free_vars() {
                    return false;
                }
                if self.eq_msp(av.ub(), b) {
                    return self.num_occurs(av) >= 2;
                }
            } else if is_any(b) && is_any(av.ub()) && self.num_occurs(av) >= 2 {
                // `Tuple{T, T} where T` is more specific than `Tuple{Any, Any}`.
                return true;
            }
            let ub = av.ub().clone();
            return self.morespecific(&ub, b, false);
        }
        if let Some(bv) = b.as_var() {
            if !a.is_type() {
                return true;
            }
            if invariant {
                if bv.ub().is_bottom() {
                    return false;
                }
                if a.has_free_vars() {
                    if self.morespecific(a, bv.ub(), false) {
                        return true;
                    }
                    if self.eq_msp(a, bv.ub()) {
                        return self.num_occurs(bv) < 2;
                    }
                    return false;
                }
                if obviously_disjoint(reg, a, bv.ub(), true) {
                    return false;
                }
                if self.morespecific(bv.ub(), a, false) {
                    return false;
                }
                return true;
            }
            let ub = bv.ub().clone();
            return self.morespecific(a, &ub, false);
        }
        if let Node::UnionAll(v, body) = a.node() {
            let (v, body) = (v.clone(), body.clone());
            return self.with_var(&v, &body, |cx| cx.morespecific(&body, b, invariant));
        }
        if let Node::UnionAll(v, body) = b.node() {
            let (v, body) = (v.clone(), body.clone());
            return self.with_var(&v, &body, |cx| cx.morespecific(a, &body, invariant));
        }
        false
    }

    /// Same type name: compare parameters, scoring each side.
    fn params_morespecific(&mut self, tta: &Ty, ttb: &Ty) -> bool {
        let (ap, bp) = (tta.params().to_vec(), ttb.params().to_vec());
        if ap.len() != bp.len() {
            return false;
        }
        let (mut ascore, mut bscore, mut ascore1, mut bscore1) = (0, 0, 0, 0);
        let (mut adiag, mut bdiag) = (false, false);
        for i in 0..ap.len() {
            let (apara, bpara) = (&ap[i], &bp[i]);
            let afree = apara.has_free_vars();
            let bfree = bpara.has_free_vars();
            if !afree && !bfree && !types_equal(self.reg, apara, bpara) {
                return false;
            }
            if self.morespecific(apara, bpara, true)
                && (apara.as_var().is_some() || !afree || bfree)
            {
                ascore += 1;
            } else if self.morespecific(bpara, apara, true)
                && (bpara.as_var().is_some() || !bfree || afree)
            {
                bscore += 1;
            } else if self.eq_msp(apara, bpara) {
                if !afree && bfree {
                    ascore += 1;
                } else if afree && !bfree {
                    bscore += 1;
                }
            }
            if bpara.as_var().is_some() && apara.as_var().is_none() && !apara.is_type() {
                ascore1 = 1;
            } else if apara.as_var().is_some() && bpara.as_var().is_none() && !bpara.is_type() {
                bscore1 = 1;
            }
            if !adiag {
                if let Some(v) = apara.as_var() {
                    adiag = ap[i + 1..].iter().any(|q| q.has_var(v));
                }
            }
            if !bdiag {
                if let Some(v) = bpara.as_var() {
                    bdiag = bp[i + 1..].iter().any(|q| q.has_var(v));
                }
            }
        }
        if ascore1 > bscore1 {
            return true;
        }
        if bscore1 > ascore1 || bscore > ascore || (bdiag && !adiag) {
            return false;
        }
        ascore > bscore || (adiag && !bdiag)
    }
}

/// Left to right, the first position where exactly one of two tuples has
/// `Type{Union{}}` (or `Core.TypeofBottom`): positive if `a`, negative if
/// `b`, 0 if none.
fn tuple_cmp_typeofbottom(a: &Ty, b: &Ty) -> i32 {
    let is_tb = |t: Option<&Ty>| {
        t.is_some_and(|t| {
            t.data_name() == Some(TYPEOFBOTTOM)
                || (t.data_name() == Some(TYPE) && t.params()[0].is_bottom())
        })
    };
    let (pa, pb) = (a.params(), b.params());
    for i in 0..pa.len().max(pb.len()) {
        let (xa, xb) = (is_tb(pa.get(i)), is_tb(pb.get(i)));
        if xa != xb {
            return if xa { 1 } else { -1 };
        }
    }
    0
}
