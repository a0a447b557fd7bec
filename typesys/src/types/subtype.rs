//! Subtyping, as Julia decides it (src/subtype.c, `jl_subtype_env` and
//! `forall_exists_subtype`; the formal account is Zappa Nardelli et al.,
//! "Julia Subtyping: A Rational Reconstruction", OOPSLA 2018).
//!
//! The structure follows subtype.c function by function so that each rule
//! can be checked against it: an environment of variable bindings with
//! bounds that tighten as the search goes (`var_lt`, `var_gt`), occurrence
//! counts for the diagonal rule (`record_var_occurrence`, `with_tvar`), and
//! two bit stacks that enumerate the choices of union members on the left
//! (for all) and on the right (there exists).
//!
//! Julia's search is exponential in the worst case. Every query here runs
//! under a step budget ([`crate::limits::SUBTYPE_STEPS`]); a query that runs
//! out answers "unknown" ([`Exhausted`]), and callers decide conservatively.

use super::registry::{Registry, ANY, TUPLE, TYPE, TYPEOFBOTTOM};
use super::ty::{Node, Ty, Value, Var};

/// A query ran out of its step budget.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Exhausted;

impl std::fmt::Display for Exhausted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the type query needed more than {} steps",
            crate::limits::SUBTYPE_STEPS
        )
    }
}

impl std::error::Error for Exhausted {}

/// Most union decisions one search may stack (subtype.c limits its depth
/// counter to 32767).
const STATE_BITS: usize = 32767;

/// A stack of union decisions (`jl_unionstate_t`): bit `i` is 0 for the
/// first member of the `i`-th union met, 1 for the second.
#[derive(Clone, Default)]
struct UnionState {
    depth: usize,
    more: usize,
    used: usize,
    stack: Vec<u32>,
}

impl UnionState {
    fn get(&self, i: usize) -> bool {
        self.stack
            .get(i >> 5)
            .is_some_and(|w| w & (1 << (i & 31)) != 0)
    }

    fn set(&mut self, i: usize, val: bool) {
        let w = i >> 5;
        if w >= self.stack.len() {
            self.stack.resize(w + 1, 0);
        }
        if val {
            self.stack[w] |= 1 << (i & 31);
        } else {
            self.stack[w] &= !(1 << (i & 31));
        }
    }
}

/// One variable's binding (`jl_varbinding_t`).
#[derive(Clone)]
struct Binding {
    var: Var,
    lb: Ty,
    ub: Ty,
    /// Came from the right side of `A <: B` (exists), else forall.
    right: bool,
    occurs_inv: u8,
    occurs_cov: u8,
    /// Another variable forces this one to be concrete.
    concrete: bool,
    /// Occurs as the length of a Vararg.
    intvalued: bool,
    /// Invariant constructors around this variable's `UnionAll`.
    depth0: i32,
}

/// Saved bounds and occurrence counts of every binding, and the depth of
/// the right union stack (`jl_savedenv_t`).
struct Saved {
    vars: Vec<(Ty, Ty, u8, u8)>,
    rdepth: usize,
}

/// The search state (`jl_stenv_t`).
pub(crate) struct Env<'r> {
    reg: &'r Registry,
    vars: Vec<Binding>,
    lunions: UnionState,
    runions: UnionState,
    /// Invariant constructors we are nested in.
    invdepth: i32,
    /// Length difference of two Varargs being equated (`X = Y + offset`).
    loffset: i64,
    steps: u64,
    depth: usize,
    exhausted: bool,
}

/// `a <: b`, or `false` when the budget runs out (use [`subtype_checked`]
/// to tell the two apart).
pub fn subtype(reg: &Registry, a: &Ty, b: &Ty) -> bool {
    subtype_checked(reg, a, b).unwrap_or(false)
}

/// `a <: b` (`jl_subtype`), or [`Exhausted`].
pub fn subtype_checked(reg: &Registry, a: &Ty, b: &Ty) -> Result<bool, Exhausted> {
    if is_any(b) || a.is_bottom() || ident(a, b) {
        return Ok(true);
    }
    let mut e = Env::new(reg);
    let r = e.forall_exists_subtype(a, b, 0);
    if e.exhausted {
        EXHAUSTED.with(|x| x.set(true));
        Err(Exhausted)
    } else {
        Ok(r)
    }
}

thread_local! {
    /// Set when a query on this thread ran out of budget, for composite
    /// queries ([`crate::types::specificity::morespecific_checked`]) that
    /// call subtyping many times.
    static EXHAUSTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Run `f` and report whether a subtyping query inside it ran out of budget.
pub(crate) fn watch_budget<R>(f: impl FnOnce() -> R) -> (R, bool) {
    let before = EXHAUSTED.with(|x| x.replace(false));
    let r = f();
    let hit = EXHAUSTED.with(|x| x.replace(before));
    (r, hit)
}

/// `a == b` as types (`jl_types_equal`): subtypes both ways.
pub fn types_equal(reg: &Registry, a: &Ty, b: &Ty) -> bool {
    types_equal_checked(reg, a, b).unwrap_or(false)
}

/// [`types_equal`], or [`Exhausted`].
pub fn types_equal_checked(reg: &Registry, a: &Ty, b: &Ty) -> Result<bool, Exhausted> {
    if obviously_egal(reg, a, b) {
        return Ok(true);
    }
    if obviously_unequal(reg, a, b) {
        return Ok(false);
    }
    Ok(subtype_checked(reg, a, b)? && subtype_checked(reg, b, a)?)
}

/// `Any`?
pub fn is_any(t: &Ty) -> bool {
    matches!(t.node(), Node::Data { name: ANY, params, .. } if params.is_empty())
}

/// Identity as Julia's pointer comparison sees it: hash-consed data types
/// are equal when their parts are; variables by identity.
pub fn ident(a: &Ty, b: &Ty) -> bool {
    // Julia's `jl_egal` on types (`jl_types_egal`) matches bound variables
    // by position, so two resolutions of one text are identical.
    a.egal(b)
}

/// Identity with bound variables compared by object, as subtype.c's
/// pointer comparisons on `UnionAll`s see it.
pub fn ident_strict(a: &Ty, b: &Ty) -> bool {
    a.egal_strict(b)
}

fn same_kind(a: &Ty, b: &Ty) -> bool {
    std::mem::discriminant(a.node()) == std::mem::discriminant(b.node())
}

/// subtype.c `obviously_egal`.
pub fn obviously_egal(reg: &Registry, a: &Ty, b: &Ty) -> bool {
    if ident(a, b) {
        return true;
    }
    if !same_kind(a, b) {
        return false;
    }
    match (a.node(), b.node()) {
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
            if n1 != n2 || reg.is_concrete(a) || reg.is_concrete(b) || p1.len() != p2.len() {
                return false;
            }
            p1.iter()
                .zip(p2.iter())
                .all(|(x, y)| obviously_egal(reg, x, y))
        }
        (Node::Union(a1, b1), Node::Union(a2, b2)) => {
            obviously_egal(reg, a1, a2) && obviously_egal(reg, b1, b2)
        }
        (Node::UnionAll(v, b1), Node::UnionAll(w, b2)) => v == w && obviously_egal(reg, b1, b2),
        (Node::Var(_), _) => false,
        (Node::Value(x), Node::Value(y)) => x.egal(y),
        _ => false,
    }
}

fn vararg_kind_of_tuple(t: &Ty) -> VarargKind {
    match t.params().last().map(Ty::node) {
        Some(Node::Vararg(_, None)) => VarargKind::Unbound,
        Some(Node::Vararg(_, Some(n))) if n.as_var().is_some() => VarargKind::Bound,
        Some(Node::Vararg(..)) => VarargKind::Int,
        _ => VarargKind::None,
    }
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub(crate) enum VarargKind {
    None,
    Int,
    Bound,
    Unbound,
}

pub(crate) fn vararg_kind(t: &Ty) -> VarargKind {
    match t.node() {
        Node::Vararg(_, None) => VarargKind::Unbound,
        Node::Vararg(_, Some(n)) if n.as_var().is_some() => VarargKind::Bound,
        Node::Vararg(..) => VarargKind::Int,
        _ => VarargKind::None,
    }
}

/// subtype.c `obviously_unequal`.
pub fn obviously_unequal(reg: &Registry, a: &Ty, b: &Ty) -> bool {
    if ident(a, b) {
        return false;
    }
    let a = a.unwrap_unionall();
    let b = b.unwrap_unionall();
    if let (
        Node::Data {
            name: an,
            params: ap,
            ..
        },
        bn,
    ) = (a.node(), b.node())
    {
        if matches!(bn, Node::Bottom) {
            return true;
        }
        if let Node::Data {
            name: bname,
            params: bp,
            ..
        } = bn
        {
            if *an == TYPEOFBOTTOM && ap.is_empty() && *bname == TYPE {
                return obviously_unequal(reg, &Ty::bottom(), &bp[0]);
            }
            if *an == TYPE && *bname == TYPEOFBOTTOM && bp.is_empty() {
                return obviously_unequal(reg, &ap[0], &Ty::bottom());
            }
            if an != bname {
                return true;
            }
            let istuple = *an == TUPLE;
            if (reg.is_concrete(a) || reg.is_concrete(b)) && !istuple && *an != TYPE {
                return true;
            }
            let np = if istuple {
                let (mut na, mut nb) = (ap.len(), bp.len());
                let va = vararg_kind_of_tuple(a) != VarargKind::None;
                let vb = vararg_kind_of_tuple(b) != VarargKind::None;
                if va {
                    na -= 1;
                    if vb {
                        nb -= 1;
                    }
                } else if vb {
                    nb -= 1;
                } else if na != nb {
                    return true;
                }
                na.min(nb)
            } else {
                if ap.len() != bp.len() {
                    return true;
                }
                ap.len()
            };
            for i in 0..np {
                if obviously_unequal(reg, &ap[i], &bp[i]) {
                    return true;
                }
            }
        }
    } else if a.is_bottom() && matches!(b.node(), Node::Data { .. }) {
        return true;
    }
    if let (Node::Var(x), Node::Var(y)) = (a.node(), b.node()) {
        if obviously_unequal(reg, x.ub(), y.ub()) {
            return true;
        }
    }
    match (a.as_long(), b.as_long()) {
        (Some(x), Some(y)) if x != y => return true,
        (None, Some(_)) => return true,
        _ => {}
    }
    let is_sym = |t: &Ty| matches!(t.node(), Node::Value(Value::Symbol(_)));
    if (is_sym(a) || is_sym(b)) && !ident(a, b) {
        return true;
    }
    false
}

/// subtype.c `obviously_disjoint` (`specificity` relaxes it as
/// `jl_type_morespecific` needs).
pub fn obviously_disjoint(reg: &Registry, a: &Ty, b: &Ty, specificity: bool) -> bool {
    if ident(a, b) || is_any(a) || is_any(b) {
        return false;
    }
    if specificity && a.data_name() == Some(TYPEOFBOTTOM) {
        return false;
    }
    let a = a.unwrap_unionall();
    let b = b.unwrap_unionall();
    if let Node::Union(x, y) = a.node() {
        return obviously_disjoint(reg, x, b, specificity)
            && obviously_disjoint(reg, y, b, specificity);
    }
    if let Node::Union(x, y) = b.node() {
        return obviously_disjoint(reg, a, x, specificity)
            && obviously_disjoint(reg, a, y, specificity);
    }
    if let (Node::Data { name: an, .. }, Node::Data { name: bn, .. }) = (a.node(), b.node()) {
        let (mut ad, mut bd) = (a.clone(), b.clone());
        if an != bn {
            let mut temp = ad.clone();
            while !is_any(&temp) && temp.data_name() != Some(*bn) {
                temp = reg.supertype(&temp);
            }
            if is_any(&temp) && *bn != ANY {
                let mut temp = bd.clone();
                while !is_any(&temp) && temp.data_name() != Some(*an) {
                    temp = reg.supertype(&temp);
                }
                if is_any(&temp) {
                    return true;
                }
                bd = temp;
            } else {
                ad = temp;
            }
            if specificity {
                // Declared subtypes take priority (issue #21710).
                return false;
            }
        }
        let istuple = ad.data_name() == Some(TUPLE);
        let (ap, bp) = (ad.params(), bd.params());
        let np = if istuple {
            let (mut na, mut nb) = (ap.len(), bp.len());
            let va = vararg_kind_of_tuple(&ad) != VarargKind::None;
            let vb = vararg_kind_of_tuple(&bd) != VarargKind::None;
            if va {
                na -= 1;
                if vb {
                    nb -= 1;
                }
            } else if vb {
                nb -= 1;
            } else if !specificity && na != nb {
                return true;
            }
            na.min(nb)
        } else {
            ap.len().min(bp.len())
        };
        for i in 0..np {
            let (ai, bi) = (&ap[i], &bp[i]);
            if ai.as_var().is_some() || bi.as_var().is_some() {
                continue;
            }
            if ai.is_type() {
                if bi.is_type() {
                    if istuple && (ai.is_bottom() || bi.is_bottom()) {
                    } else if obviously_disjoint(reg, ai, bi, specificity) {
                        return true;
                    }
                } else if !is_any(ai) {
                    return true;
                }
            } else if bi.is_type() {
                if !is_any(bi) {
                    return true;
                }
            } else if !ident(ai, bi) {
                return true;
            }
        }
    } else if a.is_bottom() || b.is_bottom() {
        return true;
    }
    false
}

/// Whether `t` is `Type{x}` with `typeof(x)` the kind `k`.
fn kind_of(reg: &Registry, k: &Ty, t: &Ty) -> bool {
    reg.is_kind(k) && reg.is_type_type(t) && ident(&reg.type_of(&t.params()[0]), k)
}

fn in_union(u: &Ty, x: &Ty) -> bool {
    if ident(u, x) {
        return true;
    }
    match u.node() {
        Node::Union(a, b) => in_union(a, x) || in_union(b, x),
        _ => false,
    }
}

/// subtype.c `is_leaf_bound`: concrete, or quasi-concrete (`Type{T}`), or
/// a value.
fn is_leaf_bound(reg: &Registry, v: &Ty) -> bool {
    if v.is_bottom() {
        return true;
    }
    if let Node::Data { name, .. } = v.node() {
        if reg.name(*name).kind == super::registry::Kind::Abstract {
            return *name == TYPE;
        }
        return reg.is_concrete(v);
    }
    !v.is_type() && v.as_var().is_none()
}

/// `Type{x}` in argument position widened to `typeof(x)`.
fn widen_type(reg: &Registry, t: &Ty) -> Ty {
    if reg.is_type_type(t) && t.params()[0].as_var().is_none() {
        return reg.type_of(&t.params()[0]);
    }
    if let Node::Union(a, b) = t.node() {
        let a = widen_type(reg, a);
        let b = widen_type(reg, b);
        if ident(&a, &b) {
            return a;
        }
    }
    t.clone()
}

/// subtype.c `var_occurs_inside`.
pub(crate) fn var_occurs_inside(v: &Ty, var: &Var, inside: bool, want_inv: bool) -> bool {
    match v.node() {
        Node::Var(w) => w == var && inside,
        Node::Union(a, b) => {
            var_occurs_inside(a, var, inside, want_inv)
                || var_occurs_inside(b, var, inside, want_inv)
        }
        Node::UnionAll(w, body) => {
            if w == var {
                return false;
            }
            if var_occurs_inside(w.lb(), var, inside, want_inv)
                || var_occurs_inside(w.ub(), var, inside, want_inv)
            {
                return true;
            }
            var_occurs_inside(body, var, inside, want_inv)
        }
        Node::Vararg(t, n) => {
            if var_occurs_inside(t, var, inside || !want_inv, want_inv) {
                return true;
            }
            n.as_ref()
                .is_some_and(|n| var_occurs_inside(n, var, true, want_inv))
        }
        Node::Data {
            name,
            params,
            varfree,
        } => {
            if *varfree {
                return false;
            }
            let istuple = *name == TUPLE;
            params
                .iter()
                .any(|p| var_occurs_inside(p, var, inside || !want_inv || !istuple, want_inv))
        }
        _ => false,
    }
}

/// Whether `var` occurs in invariant position in `v`.
pub(crate) fn var_occurs_invariant(v: &Ty, var: &Var) -> bool {
    var_occurs_inside(v, var, false, true)
}

impl<'r> Env<'r> {
    pub(crate) fn new(reg: &'r Registry) -> Env<'r> {
        Env {
            reg,
            vars: Vec::new(),
            lunions: UnionState::default(),
            runions: UnionState::default(),
            invdepth: 0,
            loffset: 0,
            steps: 0,
            depth: 0,
            exhausted: false,
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

    fn save_env(&self) -> Saved {
        Saved {
            vars: self
                .vars
                .iter()
                .map(|b| (b.lb.clone(), b.ub.clone(), b.occurs_inv, b.occurs_cov))
                .collect(),
            rdepth: self.runions.depth,
        }
    }

    fn restore_env(&mut self, saved: &Saved) {
        for (b, (lb, ub, inv, cov)) in self.vars.iter_mut().zip(saved.vars.iter()) {
            b.lb = lb.clone();
            b.ub = ub.clone();
            b.occurs_inv = *inv;
            b.occurs_cov = *cov;
        }
        self.runions.depth = saved.rdepth;
    }

    fn state(&mut self, right: bool) -> &mut UnionState {
        if right {
            &mut self.runions
        } else {
            &mut self.lunions
        }
    }

    /// subtype.c `pick_union_decision`.
    fn pick_union_decision(&mut self, right: bool) -> bool {
        let st = self.state(right);
        if st.depth >= st.used {
            let u = st.used;
            st.set(u, false);
            st.used += 1;
        }
        let ui = st.get(st.depth);
        st.depth += 1;
        if !ui {
            // The deepest choice still open.
            st.more = st.depth;
        }
        if st.depth >= STATE_BITS {
            self.exhausted = true;
        }
        ui
    }

    /// subtype.c `next_union_state`: move to the next combination.
    fn next_union_state(&mut self, right: bool) -> bool {
        let st = self.state(right);
        if st.more == 0 {
            return false;
        }
        st.used = st.more;
        let u = st.used - 1;
        st.set(u, true);
        true
    }

    fn pick_union_element(&mut self, u: &Ty, right: bool) -> Ty {
        let mut u = u.clone();
        while let Node::Union(a, b) = u.node() {
            u = if self.pick_union_decision(right) {
                b.clone()
            } else {
                a.clone()
            };
            if self.exhausted {
                break;
            }
        }
        u
    }

    fn simple_join(&mut self, a: &Ty, b: &Ty) -> Ty {
        let reg = self.reg;
        if a.is_bottom() || is_any(b) || obviously_egal(reg, a, b) {
            return b.clone();
        }
        if b.is_bottom() || is_any(a) {
            return a.clone();
        }
        let typeish = |t: &Ty| t.is_type() || t.as_var().is_some();
        if !typeish(a) || !typeish(b) {
            return reg.any();
        }
        // A kind contains every `Type{x}` whose `x` is of that kind.
        if kind_of(reg, a, b) {
            return a.clone();
        }
        if kind_of(reg, b, a) {
            return b.clone();
        }
        if let Some(v) = a.as_var() {
            if obviously_egal(reg, b, v.lb()) {
                return a.clone();
            }
        }
        if let Some(v) = b.as_var() {
            if obviously_egal(reg, a, v.lb()) {
                return b.clone();
            }
        }
        // jltypes.c `simple_union`: members another member contains go.
        if matches!(a.node(), Node::Union(..)) && in_union(a, b) {
            return a.clone();
        }
        if matches!(b.node(), Node::Union(..)) && in_union(b, a) {
            return b.clone();
        }
        // jltypes.c: `Type{A}` and `Type{B}` of different kinds stay apart
        // (issue #24521).
        let kinds_differ = reg.is_type_type(a)
            && reg.is_type_type(b)
            && !ident(&reg.type_of(&a.params()[0]), &reg.type_of(&b.params()[0]));
        if !a.has_free_vars() && !b.has_free_vars() && !kinds_differ {
            if self.sub_nested(a, b) {
                return b.clone();
            }
            if self.sub_nested(b, a) {
                return a.clone();
            }
        }
        Ty::new(Node::Union(a.clone(), b.clone()))
    }

    /// A greatest lower bound, over-estimated by `b` where unsure
    /// (subtype.c `simple_meet` on the subtyping path).
    fn simple_meet(&mut self, a: &Ty, b: &Ty) -> Ty {
        let reg = self.reg;
        if is_any(a) || b.is_bottom() || obviously_egal(reg, a, b) {
            return b.clone();
        }
        if is_any(b) || a.is_bottom() {
            return a.clone();
        }
        let typeish = |t: &Ty| t.is_type() || t.as_var().is_some();
        if !typeish(a) || !typeish(b) {
            return Ty::bottom();
        }
        if kind_of(reg, a, b) {
            return b.clone();
        }
        if kind_of(reg, b, a) {
            return a.clone();
        }
        if let Some(v) = a.as_var() {
            if obviously_egal(reg, b, v.ub()) {
                return a.clone();
            }
        }
        if let Some(v) = b.as_var() {
            if obviously_egal(reg, a, v.ub()) {
                return b.clone();
            }
        }
        if matches!(a.node(), Node::Union(..)) && in_union(a, b) {
            return b.clone();
        }
        if matches!(b.node(), Node::Union(..)) && in_union(b, a) {
            return a.clone();
        }
        if obviously_disjoint(reg, a, b, false) {
            return Ty::bottom();
        }
        if !a.has_free_vars() && !b.has_free_vars() {
            if self.sub_nested(a, b) {
                return a.clone();
            }
            if self.sub_nested(b, a) {
                return b.clone();
            }
            // subtype.c `simple_intersect`: closed types meet exactly.
            if let Ok(m) = super::intersect::intersect_checked(reg, a, b) {
                return m;
            }
        }
        b.clone()
    }

    /// A closed `jl_subtype` inside a search, sharing its budget.
    fn sub_nested(&mut self, a: &Ty, b: &Ty) -> bool {
        if is_any(b) || a.is_bottom() || ident(a, b) {
            return true;
        }
        let mut e = Env::new(self.reg);
        e.steps = self.steps;
        e.depth = self.depth;
        let r = e.forall_exists_subtype(a, b, 0);
        self.steps = e.steps;
        self.exhausted |= e.exhausted;
        r
    }

    fn longs_equal(&self, x: &Ty, y: &Ty) -> Option<bool> {
        match (x.as_long(), y.as_long()) {
            (Some(a), Some(b)) => Some(a == b + self.loffset),
            _ => None,
        }
    }

    /// subtype.c `subtype_ccheck`: a bounds check with a local union search.
    fn subtype_ccheck(&mut self, x: &Ty, y: &Ty) -> bool {
        if let Some(eq) = self.longs_equal(x, y) {
            return eq;
        }
        if ident(x, y) {
            return true;
        }
        if x.is_bottom() && y.is_type() {
            return true;
        }
        if is_any(y) && x.is_type() {
            return true;
        }
        if matches!(x.node(), Node::Union(..)) && ident(x, y) {
            return true;
        }
        if is_any(x) && matches!(y.node(), Node::Data { .. }) {
            return false;
        }
        let old = self.lunions.clone();
        let sub = self.local_forall_exists_subtype(x, y, 0, 1);
        self.lunions = old;
        sub
    }

    fn subtype_left_var(&mut self, x: &Ty, y: &Ty, param: u8) -> bool {
        if let Some(eq) = self.longs_equal(x, y) {
            return eq;
        }
        if ident(x, y) && !matches!(y.node(), Node::UnionAll(..)) {
            return true;
        }
        if x.is_bottom() && y.is_type() {
            return true;
        }
        if is_any(y) && x.is_type() {
            return true;
        }
        if matches!(x.node(), Node::Union(..)) && ident(x, y) {
            return true;
        }
        if is_any(x) && matches!(y.node(), Node::Data { .. }) {
            return false;
        }
        self.subtype(x, y, param)
    }

    fn record_var_occurrence(&mut self, vb: Option<usize>, param: u8) {
        let Some(i) = vb else { return };
        if param == 0 {
            return;
        }
        let depth = self.invdepth;
        let b = &mut self.vars[i];
        if param == 2 && depth > b.depth0 {
            if b.occurs_inv < 2 {
                b.occurs_inv += 1;
            }
        } else if b.occurs_cov < 2 {
            b.occurs_cov += 1;
        }
    }

    /// Whether `x`'s quantifier is outside `y`'s.
    fn var_outside(&self, x: &Var, y: &Var) -> bool {
        for b in self.vars.iter().rev() {
            if b.var == *x {
                return false;
            }
            if b.var == *y {
                return true;
            }
        }
        false
    }

    /// `b <: a` for a variable `b`; tightens an existential `b`'s upper bound.
    fn var_lt(&mut self, b: &Var, a: &Ty, param: u8) -> bool {
        let Some(bi) = self.lookup(b) else {
            return self.subtype_left_var(&b.ub().clone(), a, param);
        };
        self.record_var_occurrence(Some(bi), param);
        if self.loffset != 0 && a.as_var().is_none() && !a.is_bottom() && !is_any(a) {
            return false;
        }
        if !self.vars[bi].right {
            let ub = self.vars[bi].ub.clone();
            return self.subtype_left_var(&ub, a, param);
        }
        if ident(&self.vars[bi].ub, a) {
            return true;
        }
        let lb = self.vars[bi].lb.clone();
        if !((lb.is_bottom() && !a.is_type() && a.as_var().is_none())
            || self.subtype_ccheck(&lb, a))
        {
            return false;
        }
        let ub = self.vars[bi].ub.clone();
        let m = self.simple_meet(&ub, a);
        self.vars[bi].ub = m;
        if let Some(av) = a.as_var() {
            if let Some(ai) = self.lookup(av) {
                let aa = &self.vars[ai];
                if !aa.right
                    && in_union(&self.vars[bi].lb, a)
                    && self.vars[bi].depth0 != aa.depth0
                    && self.var_outside(b, av)
                {
                    // An "exists" variable cannot equal a "forall" variable
                    // inside it unless the latter has equal bounds.
                    let (ub, lb) = (aa.ub.clone(), aa.lb.clone());
                    return self.subtype_left_var(&ub, &lb, param);
                }
            }
        }
        true
    }

    /// `b >: a` for a variable `b`; widens an existential `b`'s lower bound.
    fn var_gt(&mut self, b: &Var, a: &Ty, param: u8) -> bool {
        let Some(bi) = self.lookup(b) else {
            return self.subtype_left_var(a, &b.lb().clone(), param);
        };
        self.record_var_occurrence(Some(bi), param);
        if self.loffset != 0 && a.as_var().is_none() && !a.is_bottom() && !is_any(a) {
            return false;
        }
        if !self.vars[bi].right {
            let lb = self.vars[bi].lb.clone();
            return self.subtype_left_var(a, &lb, param);
        }
        let (lb, ub) = (self.vars[bi].lb.clone(), self.vars[bi].ub.clone());
        if ident(&lb, a) {
            return true;
        }
        if !((is_any(&ub) && !a.is_type() && a.as_var().is_none()) || self.subtype_ccheck(a, &ub)) {
            return false;
        }
        let j = self.simple_join(&lb, a);
        self.vars[bi].lb = j;
        if let Some(av) = a.as_var() {
            if let Some(ai) = self.lookup(av) {
                let aa = &self.vars[ai];
                if !aa.right
                    && self.vars[bi].depth0 != aa.depth0
                    && param == 2
                    && self.var_outside(b, av)
                {
                    let (ub, lb) = (aa.ub.clone(), aa.lb.clone());
                    return self.subtype_left_var(&ub, &lb, param);
                }
            }
        }
        true
    }

    /// subtype.c `subtype_var`: `b <: a` (`right` false) or `a <: b`.
    fn subtype_var(&mut self, b: &Var, a: &Ty, right: bool, param: u8) -> bool {
        if self.loffset != 0 {
            if let Some(k) = a.as_long() {
                let old = if right { -self.loffset } else { self.loffset };
                let na = Ty::long(k + old);
                self.loffset = 0;
                let sub = if right {
                    self.var_gt(b, &na, param)
                } else {
                    self.var_lt(b, &na, param)
                };
                self.loffset = if right { -old } else { old };
                return sub;
            }
        }
        if right {
            self.var_gt(b, a, param)
        } else {
            self.var_lt(b, a, param)
        }
    }

    /// Rename `u`'s variable if it is already bound, or an outer bound
    /// mentions it (subtype.c `unalias_unionall`).
    fn unalias(&self, var: &Var, body: &Ty) -> (Var, Ty) {
        for b in self.vars.iter().rev() {
            if b.var == *var
                || (!ident(&b.lb, b.var.lb()) && b.lb.has_var(var))
                || (!ident(&b.ub, b.var.ub()) && b.ub.has_var(var))
            {
                let nv = var.renamed();
                let nb = body.subst(var, &Ty::var(&nv));
                return (nv, nb);
            }
        }
        (var.clone(), body.clone())
    }

    /// subtype.c `subtype_unionall`: bind the variable, compare the body,
    /// then apply the diagonal rule and check that no outer bound captured
    /// the variable.
    fn subtype_unionall(&mut self, t: &Ty, u: &Ty, right: bool, param: u8) -> bool {
        let Node::UnionAll(var, body) = u.node() else {
            return false;
        };
        let (var, body) = self.unalias(var, body);
        self.vars.push(Binding {
            var: var.clone(),
            lb: var.lb().clone(),
            ub: var.ub().clone(),
            right,
            occurs_inv: 0,
            occurs_cov: 0,
            concrete: false,
            intvalued: false,
            depth0: self.invdepth,
        });
        let idx = self.vars.len() - 1;
        let mut ans = if right {
            let r = self.subtype(t, &body, param);
            if self.vars[idx].occurs_inv == 0 {
                // Widen Type{x} to typeof(x) in argument position.
                let w = widen_type(self.reg, &self.vars[idx].lb);
                self.vars[idx].lb = w;
            }
            r
        } else {
            self.subtype(&body, t, param)
        };
        let vb = self.vars[idx].clone();
        // The diagonal rule: a variable occurring more than once, and only
        // in covariant position, ranges over concrete types.
        let diagonal = vb.occurs_cov > 1 && !var_occurs_invariant(&body, &var);
        if ans && (vb.concrete || (diagonal && is_leaf_bound(self.reg, var.lb()))) {
            if vb.concrete && !diagonal && !is_leaf_bound(self.reg, &vb.ub) {
                // A non-diagonal variable can only be a subtype of a
                // diagonal one if its upper bound is concrete.
                ans = false;
            } else if let Some(lv) = vb.lb.as_var() {
                if let Some(li) = self.vars[..idx].iter().rposition(|b| b.var == *lv) {
                    self.vars[li].concrete = true;
                }
            } else if !is_leaf_bound(self.reg, &vb.lb) {
                ans = false;
            }
        }
        self.vars.pop();
        if !ans {
            return false;
        }
        if !ident(&vb.lb, &vb.ub) {
            let vvar = Ty::var(&vb.var);
            for bt in self.vars.iter().rev() {
                let (vu, vl) = (&bt.ub, &bt.lb);
                if bt.depth0 != vb.depth0
                    && ((!ident(vu, &vvar)
                        && !ident(bt.var.ub(), vu)
                        && var_occurs_inside(vu, &vb.var, false, false))
                        || (!ident(vl, &vvar)
                            && !ident(bt.var.lb(), vl)
                            && var_occurs_inside(vl, &vb.var, false, false)))
                {
                    return false;
                }
            }
        }
        true
    }

    /// `n <: length of the Vararg v` (subtype.c `check_vararg_length`).
    fn check_vararg_length(&mut self, v: &Ty, n: i64) -> bool {
        let Node::Vararg(_, Some(len)) = v.node() else {
            return true;
        };
        let nn = Ty::long(n);
        self.invdepth += 1;
        let ans = self.subtype(&nn, len, 2) && self.subtype(len, &nn, 0);
        self.invdepth -= 1;
        ans
    }

    fn subtype_tuple_varargs(&mut self, vtx: &Ty, vty: &Ty, vx: i64, vy: i64, param: u8) -> bool {
        let (Node::Vararg(xp0, xp1), Node::Vararg(yp0, yp1)) = (vtx.node(), vty.node()) else {
            return false;
        };
        let xlv = xp1
            .as_ref()
            .and_then(Ty::as_var)
            .and_then(|v| self.lookup(v));
        let ylv = yp1
            .as_ref()
            .and_then(Ty::as_var)
            .and_then(|v| self.lookup(v));
        let xl = xlv.map(|i| self.vars[i].lb.clone()).or_else(|| xp1.clone());
        let yl = ylv.map(|i| self.vars[i].lb.clone()).or_else(|| yp1.clone());
        let mut skip_check = false;
        match xp1 {
            None => {
                // Unconstrained on the left, constrained on the right.
                if yl.as_ref().and_then(Ty::as_long).is_some() {
                    return false;
                }
            }
            Some(_) => {
                if let Some(k) = xl.as_ref().and_then(Ty::as_long) {
                    if k + 1 == vx {
                        // The left side is exhausted: a subtype if the right
                        // is too, or is unbounded (then constrained to 0).
                        match &yl {
                            Some(yl) => {
                                if let Some(m) = yl.as_long() {
                                    return m + 1 == vy;
                                }
                            }
                            None => skip_check = true,
                        }
                    }
                }
            }
        }
        if !skip_check {
            // Checked twice to simulate several arguments, for the diagonal rule.
            if !self.subtype(xp0, yp0, param) || !self.subtype(xp0, yp0, 1) {
                return false;
            }
        }
        let Some(yp1) = yp1 else {
            return true;
        };
        let Some(xp1) = xp1 else {
            let mut ylv = None;
            let mut yl = yp1.clone();
            if let Some(v) = yp1.as_var() {
                if let Some(i) = self.lookup(v) {
                    ylv = Some(i);
                    yl = self.vars[i].lb.clone();
                }
            }
            if yl.as_long().is_some() {
                // The length of x is unconstrained but y's is now fixed.
                return false;
            }
            if let Some(i) = ylv {
                let b = &self.vars[i];
                if b.depth0 != self.invdepth || !b.lb.is_bottom() || !is_any(&b.ub) {
                    return false;
                }
                self.vars[i].intvalued = true;
            }
            // The length variable takes `Any`, read as "any length".
            self.invdepth += 1;
            let any = self.reg.any();
            let ans = self.subtype(&any, yp1, 2);
            self.invdepth -= 1;
            return ans;
        };
        // Vararg{T,N} <: Vararg{T2,N2}: equate N and N2.
        self.invdepth += 1;
        let mut xn = xp1.clone();
        let mut yn = yp1.clone();
        for (n, lv) in [(&mut xn, xlv), (&mut yn, ylv)] {
            if let Some(i) = lv {
                self.vars[i].intvalued = true;
                if self.vars[i].lb.as_long().is_some() {
                    *n = self.vars[i].lb.clone();
                }
            }
        }
        let (mut vx, mut vy) = (vx, vy);
        let ans = match (xn.as_long(), yn.as_long()) {
            (Some(a), Some(b)) => a - vx == b - vy,
            _ => {
                if let Some(a) = xn.as_long() {
                    if vx != vy {
                        xn = Ty::long(a + vy - vx);
                        vx = vy;
                    }
                }
                if let Some(b) = yn.as_long() {
                    if vy != vx {
                        yn = Ty::long(b + vx - vy);
                        vy = vx;
                    }
                }
                let saved = self.loffset;
                self.loffset = vx - vy;
                let r = self.forall_exists_equal(&xn, &yn);
                self.loffset = saved;
                r
            }
        };
        self.invdepth -= 1;
        ans
    }

    fn subtype_tuple_tail(&mut self, xd: &Ty, yd: &Ty, param: u8) -> bool {
        let (xp, yp) = (xd.params(), yd.params());
        let (lx, ly) = (xp.len(), yp.len());
        let (mut i, mut j) = (0usize, 0usize);
        let (mut vx, mut vy) = (0i64, 0i64);
        let mut x_reps = 1;
        let mut lastx: Option<Ty> = None;
        let mut lasty: Option<Ty> = None;
        let mut xi = Ty::bottom();
        let mut yi = Ty::bottom();
        loop {
            if self.exhausted {
                return false;
            }
            if i < lx {
                xi = xp[i].clone();
                if i == lx - 1 && (vx > 0 || matches!(xi.node(), Node::Vararg(..))) {
                    vx += 1;
                }
            }
            if j < ly {
                yi = yp[j].clone();
                if j == ly - 1 && (vy > 0 || matches!(yi.node(), Node::Vararg(..))) {
                    vy += 1;
                }
            }
            if i >= lx {
                break;
            }
            let mut all_varargs = vx > 0 && vy > 0;
            if !all_varargs && vy == 1 {
                if let Node::Vararg(ye, _) = yi.node() {
                    if is_any(ye) {
                        // Tuple{…} <: Tuple{…, Vararg{Any, _}}: no more checks.
                        let xlast = xp[lx - 1].clone();
                        if matches!(xlast.node(), Node::Vararg(..)) {
                            all_varargs = true;
                            vy += (lx - i - 1) as i64;
                            vx = 1;
                            xi = xlast;
                        } else {
                            break;
                        }
                    }
                }
            }
            if all_varargs {
                return self.subtype_tuple_varargs(&xi.clone(), &yi.clone(), vx, vy, param);
            }
            if j >= ly {
                return vx > 0;
            }
            let xe = match xi.node() {
                Node::Vararg(t, _) if vx > 0 => t.clone(),
                _ => xi.clone(),
            };
            let ye = match yi.node() {
                Node::Vararg(t, _) if vy > 0 => t.clone(),
                _ => yi.clone(),
            };
            // An element against the same element type on the right is
            // compared twice at most, which is what the diagonal rule needs.
            let x_same = vx > 1
                || lastx
                    .as_ref()
                    .is_some_and(|l| obviously_egal(self.reg, &xe, l));
            let y_same = vy > 1
                || lasty
                    .as_ref()
                    .is_some_and(|l| obviously_egal(self.reg, &ye, l));
            x_reps = if x_same && y_same { x_reps + 1 } else { 1 };
            if x_reps > 2 {
            } else if x_same
                && self.runions.depth == 0
                && ((y_same && !xe.has_free_vars() && !ye.has_free_vars())
                    || (lastx.as_ref().is_some_and(|l| ident(&ye, l))
                        && vx == 0
                        && vy > 0
                        && self.reg.is_concrete(&xe)))
            {
                // Repeated elements.
            } else if self.runions.depth == 0 && !xe.has_free_vars() && !ye.has_free_vars() {
                // A separable sub-formula.
                if !self.sub_nested(&xe, &ye) {
                    return false;
                }
            } else if !self.subtype(&xe, &ye, param) {
                return false;
            }
            lastx = Some(xe);
            lasty = Some(ye);
            if i + 1 < lx || vx == 0 {
                i += 1;
            }
            if j + 1 < ly || vy == 0 {
                j += 1;
            }
        }
        if vy > 0 && vx == 0 && lx + 1 >= ly {
            // Tuple{…, tn} <: Tuple{…, Vararg{T, N}}: (lx+1-ly) <: N.
            if !self.check_vararg_length(&yi, (lx + 1 - ly) as i64) {
                return false;
            }
        }
        true
    }

    fn subtype_tuple(&mut self, xd: &Ty, yd: &Ty, param: u8) -> bool {
        let (xp, yp) = (xd.params(), yd.params());
        let (lx, ly) = (xp.len(), yp.len());
        if lx == 0 && ly == 0 {
            return true;
        }
        let xva = xp.last();
        let yva = yp.last();
        let vvx = xva.map_or(VarargKind::None, vararg_kind);
        let vvy = yva.map_or(VarargKind::None, vararg_kind);
        let mut xbb: Option<(Ty, bool)> = None;
        if vvx == VarargKind::Bound {
            if let Some(Node::Vararg(_, Some(n))) = xva.map(Ty::node) {
                if let Some(i) = n.as_var().and_then(|v| self.lookup(v)) {
                    xbb = Some((self.vars[i].lb.clone(), self.vars[i].right));
                }
            }
        }
        let xbb_long = xbb.as_ref().and_then(|(lb, _)| lb.as_long());
        if vvx != VarargKind::None && vvx != VarargKind::Int && xbb_long.is_none() {
            if vvx == VarargKind::Unbound || xbb.as_ref().is_some_and(|(_, right)| !right) {
                // Unbounded on the left, bounded on the right.
                if vvy == VarargKind::None || vvy == VarargKind::Int || lx < ly {
                    return false;
                }
            } else if vvy == VarargKind::None {
                let xva = xva.cloned().unwrap_or_else(Ty::bottom);
                if ly + 1 < lx || !self.check_vararg_length(&xva, (ly + 1 - lx) as i64) {
                    return false;
                }
            }
        } else {
            let mut nx = lx as i64;
            if vvx == VarargKind::Int {
                nx += vararg_len(xva) - 1;
            } else if let Some(k) = xbb_long {
                nx += k - 1;
            }
            let mut ny = ly as i64;
            if vvy == VarargKind::Int {
                ny += vararg_len(yva) - 1;
            } else if vvy != VarargKind::None {
                ny -= 1;
            }
            if vvy == VarargKind::None || vvy == VarargKind::Int {
                if nx != ny {
                    return false;
                }
            } else if ny > nx {
                return false;
            }
        }
        let param = if param == 0 { 1 } else { param };
        self.subtype_tuple_tail(xd, yd, param)
    }

    fn subtype_naked_vararg(&mut self, x: &Ty, y: &Ty, param: u8) -> bool {
        let (Node::Vararg(xt, xn), Node::Vararg(yt, yn)) = (x.node(), y.node()) else {
            return false;
        };
        if !self.subtype(xt, yt, param) || !self.subtype(xt, yt, 1) {
            return false;
        }
        self.invdepth += 1;
        let ans = match (xn, yn) {
            (None, None) => true,
            (Some(a), Some(b)) => self.forall_exists_equal(a, b),
            _ => false,
        };
        self.invdepth -= 1;
        ans
    }

    /// Whether `x` mentions an existential variable of the environment.
    fn has_exists_typevar(&self, x: &Ty) -> bool {
        !x.is_varfree() && x.any_free_var(|v| self.lookup(v).is_some_and(|i| self.vars[i].right))
    }

    fn is_exists_typevar(&self, x: &Ty) -> bool {
        x.as_var()
            .and_then(|v| self.lookup(v))
            .is_some_and(|i| self.vars[i].right)
    }

    /// The main relation (subtype.c `subtype`). `param` is 0 outside type
    /// constructors, 1 in covariant and 2 in invariant position.
    pub(crate) fn subtype(&mut self, x: &Ty, y: &Ty, param: u8) -> bool {
        if self.tick() || self.depth > crate::limits::MAX_QUERY_DEPTH {
            self.exhausted = true;
            return false;
        }
        self.depth += 1;
        let r = self.subtype_inner(x, y, param);
        self.depth -= 1;
        r
    }

    fn subtype_inner(&mut self, x: &Ty, y: &Ty, param: u8) -> bool {
        let reg = self.reg;
        let mut x = x.clone();
        let mut y = y.clone();
        if matches!(x.node(), Node::Union(..)) {
            if obviously_egal(reg, &x, &y) {
                return true;
            }
            if self.runions.depth == 0 && !x.has_free_vars() {
                if let Some(yv) = y.as_var().cloned() {
                    // Match or reject the whole union against the variable's
                    // bounds before taking it apart.
                    let yb = self.lookup(&yv);
                    let ok = match yb {
                        None => true,
                        Some(i) => {
                            !self.vars[i].right
                                || !self.has_exists_typevar(&self.vars[i].ub.clone())
                        }
                    };
                    if ok {
                        return self.subtype_var(&yv, &x, true, param);
                    }
                }
            }
            x = self.pick_union_element(&x, false);
        }
        if let Node::Union(ya, yb) = y.node() {
            if ident(&x, ya) || ident(&x, yb) {
                return true;
            }
            if matches!(x.node(), Node::UnionAll(..)) {
                return self.subtype_unionall(&y, &x, false, param);
            }
            let mut ui = true;
            if let Some(xv) = x.as_var() {
                // The `convert(Type{T},T)` pattern: match the whole union
                // against the variable before taking it apart; a forall
                // variable needs no split of a closed union.
                let xr = self.lookup(xv).is_some_and(|i| self.vars[i].right);
                ui = (xr || y.has_free_vars()) && self.pick_union_decision(true);
            }
            if ui {
                y = self.pick_union_element(&y, true);
            }
        }
        if let Some(xv) = x.as_var().cloned() {
            if let Some(yv) = y.as_var().cloned() {
                if xv == yv {
                    return true;
                }
                let xx = self.lookup(&xv);
                let yy = self.lookup(&yv);
                let xub = xx.map_or_else(|| xv.ub().clone(), |i| self.vars[i].ub.clone());
                let ylb = yy.map_or_else(|| yv.lb().clone(), |i| self.vars[i].lb.clone());
                let xr = xx.is_some_and(|i| self.vars[i].right);
                let yr = yy.is_some_and(|i| self.vars[i].right);
                if xr {
                    if yy.is_some() {
                        self.record_var_occurrence(yy, param);
                    }
                    if yr {
                        self.record_var_occurrence(xx, param);
                        let (xlb, yub) = (
                            self.vars[xx.unwrap_or(0)].lb.clone(),
                            self.vars[yy.unwrap_or(0)].ub.clone(),
                        );
                        return self.subtype(&xlb, &yub, 0);
                    }
                    return self.var_lt(&xv, &y, param);
                } else if yr {
                    if xx.is_some() {
                        self.record_var_occurrence(xx, param);
                    }
                    return self.var_gt(&yv, &x, param);
                }
                // ∀x,y . x <: y: bounds of left variables never change.
                return self.subtype(&xub, &y, param) || self.subtype(&x, &ylb, param);
            }
            if matches!(y.node(), Node::UnionAll(..)) {
                let forall = self.lookup(&xv).is_none_or(|i| !self.vars[i].right);
                if forall {
                    // Unwrap `y` eagerly against a forall variable.
                    return self.subtype_unionall(&x, &y, true, param);
                }
            }
            return self.subtype_var(&xv, &y, false, param);
        }
        if let Some(yv) = y.as_var().cloned() {
            return self.subtype_var(&yv, &x, true, param);
        }
        if is_any(&y) && !x.has_free_vars() {
            return true;
        }
        if x.is_bottom() && !y.has_free_vars() {
            return true;
        }
        {
            let ux = x.unwrap_unionall().clone();
            let uy = y.unwrap_unionall().clone();
            let unwrapped = !ux.same(&x) || !uy.same(&y);
            if unwrapped
                && !is_any(&y)
                && matches!(ux.node(), Node::Data { .. })
                && matches!(uy.node(), Node::Data { .. })
                && !reg.is_type_type(&ux)
            {
                if is_any(&uy) {
                    return true;
                }
                let yname = uy.data_name();
                let mut xd = ux;
                while !is_any(&xd) && xd.data_name() != yname {
                    xd = reg.supertype(&xd);
                }
                if is_any(&xd) {
                    return false;
                }
            }
        }
        if matches!(x.node(), Node::UnionAll(..)) {
            if ident_strict(&x, &y) {
                return true;
            }
            return self.subtype_unionall(&y, &x, false, param);
        }
        if matches!(y.node(), Node::UnionAll(..)) {
            return self.subtype_unionall(&x, &y, true, param);
        }
        if let (Node::Vararg(..), Node::Vararg(..)) = (x.node(), y.node()) {
            return self.subtype_naked_vararg(&x, &y, param);
        }
        if let (Node::Data { .. }, Node::Data { name: yname, .. }) = (x.node(), y.node()) {
            if ident(&x, &y) || is_any(&y) {
                return true;
            }
            let yname = *yname;
            if reg.is_type_type(&x) && yname != TYPE {
                let tp0 = &x.params()[0];
                if tp0.as_var().is_none() {
                    // Not strictly correct (subtype.c): `Type{Int}` matches a
                    // `::DataType` slot through `typeof(Int)`.
                    return ident(&reg.type_of(tp0), &y);
                }
                return false;
            }
            if yname == TYPE && !reg.is_type_type(&x) && x.data_name() != Some(TYPEOFBOTTOM) {
                let tp0 = &y.params()[0];
                if tp0.as_var().is_none() || !reg.is_kind(&x) {
                    return false;
                }
                // `DataType <: Type{T}` (T free) holds iff T has full bounds.
                let wrapper = reg.wrapper(TYPE);
                return self.subtype(&wrapper, &y, param);
            }
            let mut xd = x.clone();
            while !is_any(&xd) && xd.data_name() != Some(yname) {
                xd = reg.supertype(&xd);
            }
            if is_any(&xd) {
                return false;
            }
            if yname == TUPLE {
                return self.subtype_tuple(&xd, &y, param);
            }
            let (xp, yp) = (xd.params().to_vec(), y.params().to_vec());
            if xp.len() != yp.len() {
                return false;
            }
            let mut ans = true;
            self.invdepth += 1;
            for (xi, yi) in xp.iter().zip(yp.iter()) {
                if !(ident(xi, yi) || self.forall_exists_equal(xi, yi)) {
                    ans = false;
                    break;
                }
            }
            self.invdepth -= 1;
            return ans;
        }
        if y.is_type() {
            return x.is_bottom();
        }
        if let Some(eq) = self.longs_equal(&x, &y) {
            return eq;
        }
        ident(&x, &y)
    }

    /// subtype.c `local_forall_exists_subtype`: a forall-exists search nested
    /// in the current one, sharing the right union stack.
    fn local_forall_exists_subtype(&mut self, x: &Ty, y: &Ty, param: u8, limit_slow: i32) -> bool {
        let old_rmore = self.runions.more;
        if obviously_in_union(self.reg, y, x) {
            return true;
        }
        let kindx = !x.has_free_vars();
        let kindy = !y.has_free_vars();
        if kindx && kindy {
            return self.sub_nested(x, y);
        }
        let has_exists =
            (!kindx && self.has_exists_typevar(x)) || (!kindy && self.has_exists_typevar(y));
        if has_exists && (self.is_exists_typevar(x) != self.is_exists_typevar(y)) {
            self.lunions.used = 0;
            loop {
                self.lunions.more = 0;
                self.lunions.depth = 0;
                let sub = self.subtype(x, y, param);
                if !sub || self.exhausted || !self.next_union_state(false) {
                    return sub;
                }
            }
        }
        let limit_slow = if limit_slow == -1 {
            kindx || kindy
        } else {
            limit_slow != 0
        };
        let mut se = self.save_env();
        let mut limited = false;
        let mut ini_count = 0;
        let mut latest: Option<UnionState> = None;
        let mut sub;
        loop {
            let mut count = ini_count;
            match (&latest, ini_count) {
                (Some(l), c) if c != 0 => self.lunions = l.clone(),
                _ => self.lunions.used = 0,
            }
            loop {
                self.lunions.more = 0;
                self.lunions.depth = 0;
                if count < 4 {
                    count += 1;
                }
                sub = self.subtype(x, y, param);
                if limit_slow && count == 4 {
                    limited = true;
                }
                if !sub || self.exhausted || !self.next_union_state(false) {
                    break;
                }
                if limited || !has_exists || self.runions.more == old_rmore {
                    // Freeze the exists-decisions for the previous forall-union.
                    ini_count = count;
                    latest = Some(self.lunions.clone());
                    se = self.save_env();
                    self.runions.more = old_rmore;
                }
            }
            if sub || self.runions.more == old_rmore || self.exhausted {
                break;
            }
            self.next_union_state(true);
            self.restore_env(&se);
            self.runions.more = old_rmore;
        }
        if sub && (limited || !has_exists) {
            self.runions.more = old_rmore;
        }
        sub
    }

    /// subtype.c `equal_var`: `v == x` for a variable `v`.
    fn equal_var(&mut self, v: &Var, x: &Ty) -> bool {
        let vb = self.lookup(v);
        self.record_var_occurrence(vb, 2);
        let Some(i) = vb.filter(|&i| self.vars[i].right) else {
            let (lb, ub) = match vb {
                Some(i) => (self.vars[i].lb.clone(), self.vars[i].ub.clone()),
                None => (v.lb().clone(), v.ub().clone()),
            };
            let slow = i32::from(!x.has_free_vars());
            return self.local_forall_exists_subtype(x, &lb, 2, slow)
                && self.local_forall_exists_subtype(&ub, x, 0, 0);
        };
        if ident(&self.vars[i].lb, x) {
            return self.var_lt(v, x, 0);
        }
        let ub = self.vars[i].ub.clone();
        if !self.subtype_ccheck(x, &ub) {
            return false;
        }
        let lb = self.vars[i].lb.clone();
        let j = self.simple_join(&lb, x);
        self.vars[i].lb = j;
        if ident(&self.vars[i].ub, x) {
            return true;
        }
        let lb = self.vars[i].lb.clone();
        if !self.subtype_ccheck(&lb, x) {
            return false;
        }
        self.vars[i].ub = x.clone();
        true
    }

    fn forall_exists_equal(&mut self, x: &Ty, y: &Ty) -> bool {
        if obviously_egal(self.reg, x, y) {
            return true;
        }
        if (is_indefinite_length_tuple(x) && is_definite_length_tuple(y))
            || (is_definite_length_tuple(x) && is_indefinite_length_tuple(y))
        {
            return false;
        }
        if let (Node::Data { name: xn, .. }, Node::Data { name: yn, .. }) = (x.node(), y.node()) {
            // Nested constructors: the `>:` check is not needed.
            if xn != yn {
                return false;
            }
            if *xn != TUPLE {
                return self.subtype(x, y, 2);
            }
        }
        if let (Node::Union(xa, xb), Node::Union(ya, yb)) = (x.node(), y.node()) {
            // Two unions: first try member by member.
            if !self.pick_union_decision(true) {
                return self.forall_exists_equal(xa, ya) && self.forall_exists_equal(xb, yb);
            }
        }
        if self.loffset == 0 && x.is_type() {
            if let Some(yv) = y.as_var().cloned() {
                return self.equal_var(&yv, x);
            }
        }
        let old = self.lunions.clone();
        let mut sub = self.local_forall_exists_subtype(x, y, 2, -1);
        if sub {
            self.loffset = -self.loffset;
            sub = self.local_forall_exists_subtype(y, x, 0, 0);
            self.loffset = -self.loffset;
        }
        self.lunions = old;
        sub
    }

    fn exists_subtype(&mut self, x: &Ty, y: &Ty, saved: &Saved, param: u8) -> bool {
        self.runions.used = 0;
        loop {
            self.runions.depth = 0;
            self.runions.more = 0;
            self.lunions.depth = 0;
            self.lunions.more = 0;
            if self.subtype(x, y, param) {
                return true;
            }
            self.restore_env(saved);
            if self.exhausted || !self.next_union_state(true) {
                return false;
            }
        }
    }

    pub(crate) fn forall_exists_subtype(&mut self, x: &Ty, y: &Ty, param: u8) -> bool {
        let mut saved = self.save_env();
        self.lunions.used = 0;
        loop {
            let sub = self.exists_subtype(x, y, &saved, param);
            if !sub || self.exhausted || !self.next_union_state(false) {
                return sub && !self.exhausted;
            }
            saved = self.save_env();
        }
    }
}

/// subtype.c `obviously_in_union`: every member of `x` is obviously a
/// member of `u`.
fn obviously_in_union(reg: &Registry, u: &Ty, x: &Ty) -> bool {
    if let Node::Union(a, b) = x.node() {
        return obviously_in_union(reg, u, a) && obviously_in_union(reg, u, b);
    }
    if let Node::Union(a, b) = u.node() {
        return obviously_in_union(reg, a, x) || obviously_in_union(reg, b, x);
    }
    obviously_egal(reg, u, x)
}

fn vararg_len(t: Option<&Ty>) -> i64 {
    match t.map(Ty::node) {
        Some(Node::Vararg(_, Some(n))) => n.as_long().unwrap_or(0),
        _ => 0,
    }
}

fn is_indefinite_length_tuple(x: &Ty) -> bool {
    let x = x.unwrap_unionall();
    x.data_name() == Some(TUPLE) && vararg_kind_of_tuple(x) == VarargKind::Unbound
}

fn is_definite_length_tuple(x: &Ty) -> bool {
    let x = match x.as_var() {
        Some(v) => v.ub().clone(),
        None => x.clone(),
    };
    let x = x.unwrap_unionall();
    if x.data_name() != Some(TUPLE) {
        return false;
    }
    matches!(vararg_kind_of_tuple(x), VarargKind::None | VarargKind::Int)
}
