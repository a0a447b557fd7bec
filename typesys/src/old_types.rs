//! Resolved types, subtyping, intersection and specificity.
//!
//! Types here are fully resolved: nominal types are indices into a
//! [`TypeTable`], functions are numeric ids. A [`Sig`] is a body type plus the
//! upper bounds of its existential `where` variables (`Ty::Var(i)` refers to
//! `Sig::vars[i]`). See `SPEC.md` for the rules.

use std::fmt;

/// A resolved type (the body of a [`Sig`]).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Ty {
    /// `Union{}`, the empty type.
    Bottom,
    /// `Any`, the top type.
    Any,
    /// A declared nominal type with all its parameters, e.g. `Vector{Int}`.
    Nominal(u32, Vec<Ty>),
    /// A parametric nominal type written without parameters (`Vector`):
    /// the union of all its instances.
    NominalAll(u32),
    /// `Tuple{A, B, ...}` (covariant).
    Tuple(Vec<Ty>),
    /// Bare `Tuple`: any tuple.
    TupleAll,
    /// `Union{A, B, ...}` in normal form (>= 2 members, sorted, no nesting).
    Union(Vec<Ty>),
    /// `typeof(f)`: the singleton type of function `f`.
    Func(u32),
    /// `Type{T}`: the singleton type of the type `T` (invariant).
    Type(Box<Ty>),
    /// Bare `Type`: any `Type{T}`.
    TypeAll,
    /// A type variable: index into the enclosing [`Sig::vars`] (or into the
    /// parameters of a [`NominalDef`] inside its supertype).
    Var(u32),
    /// An integer literal parameter (only valid as a parameter).
    Lit(i64),
}

/// A type with existential `where` variables: `body where vars...`.
///
/// `vars[i]` is the (closed) upper bound of `Ty::Var(i)`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sig {
    /// Upper bounds of the `where` variables (closed types).
    pub vars: Vec<Ty>,
    /// The body.
    pub body: Ty,
}

impl Sig {
    /// A signature without variables.
    pub fn closed(body: Ty) -> Sig {
        Sig {
            vars: Vec::new(),
            body,
        }
    }
}

/// Definition of a nominal type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NominalDef {
    /// Display name (possibly qualified).
    pub name: String,
    /// Number of parameters.
    pub nparams: usize,
    /// Supertype as `(id, params)` where params may use `Ty::Var(i)` for this
    /// type's own parameter `i`; `None` means `Any`.
    pub supertype: Option<(u32, Vec<Ty>)>,
}

/// The table of nominal types; ids are indices.
///
/// Invariant: a type's supertype has a smaller id, so chains terminate.
#[derive(Clone, Debug, Default)]
pub struct TypeTable {
    types: Vec<NominalDef>,
}

/// Error from [`TypeTable::add`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableError(pub String);

impl fmt::Display for TableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TableError {}

impl TypeTable {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// Add a nominal type; its supertype must already exist and have the
    /// right number of parameters. Returns the new id.
    pub fn add(&mut self, def: NominalDef) -> Result<u32, TableError> {
        let id = self.types.len() as u32;
        if let Some((sup, ps)) = &def.supertype {
            let Some(s) = self.types.get(*sup as usize) else {
                return Err(TableError(format!(
                    "supertype of `{}` must be declared before it",
                    def.name
                )));
            };
            if s.nparams != ps.len() {
                return Err(TableError(format!(
                    "supertype `{}` of `{}` needs {} parameters, got {}",
                    s.name,
                    def.name,
                    s.nparams,
                    ps.len()
                )));
            }
        }
        self.types.push(def);
        Ok(id)
    }

    /// The definition of type `id`.
    pub fn get(&self, id: u32) -> &NominalDef {
        &self.types[id as usize]
    }

    /// Number of types.
    pub fn len(&self) -> usize {
        self.types.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.types.is_empty()
    }

    /// Whether nominal `a` is `b` or has `b` as an ancestor.
    pub fn reaches(&self, mut a: u32, b: u32) -> bool {
        loop {
            if a == b {
                return true;
            }
            match &self.types[a as usize].supertype {
                Some((s, _)) => a = *s,
                None => return false,
            }
        }
    }

    /// Walk `a{params}` up to ancestor `target`, returning the ancestor's
    /// parameters, or `None` if `target` is not an ancestor.
    pub fn lift(&self, mut a: u32, params: &[Ty], target: u32) -> Option<Vec<Ty>> {
        let mut cur: Vec<Ty> = params.to_vec();
        loop {
            if a == target {
                return Some(cur);
            }
            let (s, sps) = self.types[a as usize].supertype.as_ref()?;
            cur = sps.iter().map(|t| subst(t, &cur)).collect();
            a = *s;
        }
    }
}

/// Replace `Var(i)` by `args[i]` (variables out of range are kept).
pub fn subst(t: &Ty, args: &[Ty]) -> Ty {
    match t {
        Ty::Var(i) => args.get(*i as usize).cloned().unwrap_or(Ty::Var(*i)),
        Ty::Nominal(id, ps) => Ty::Nominal(*id, ps.iter().map(|p| subst(p, args)).collect()),
        Ty::Tuple(ps) => Ty::Tuple(ps.iter().map(|p| subst(p, args)).collect()),
        Ty::Union(ps) => Ty::Union(ps.iter().map(|p| subst(p, args)).collect()),
        Ty::Type(x) => Ty::Type(Box::new(subst(x, args))),
        other => other.clone(),
    }
}

/// Whether `t` mentions any type variable.
pub fn has_vars(t: &Ty) -> bool {
    match t {
        Ty::Var(_) => true,
        Ty::Nominal(_, ps) | Ty::Tuple(ps) | Ty::Union(ps) => ps.iter().any(has_vars),
        Ty::Type(x) => has_vars(x),
        _ => false,
    }
}

fn contains_var(t: &Ty, v: u32) -> bool {
    match t {
        Ty::Var(i) => *i == v,
        Ty::Nominal(_, ps) | Ty::Tuple(ps) | Ty::Union(ps) => ps.iter().any(|p| contains_var(p, v)),
        Ty::Type(x) => contains_var(x, v),
        _ => false,
    }
}

/// Build a normalised `Tuple{...}`: any `Union{}` element makes it `Union{}`.
pub fn mk_tuple(elems: Vec<Ty>) -> Ty {
    if elems.contains(&Ty::Bottom) {
        Ty::Bottom
    } else {
        Ty::Tuple(elems)
    }
}

/// Build a normalised union: flattened, `Union{}` dropped, `Any` absorbing,
/// sorted, deduplicated, and closed members that are subtypes of another
/// closed member dropped. Zero members give `Union{}`, one gives itself.
pub fn mk_union(tab: &TypeTable, members: Vec<Ty>) -> Ty {
    let mut flat = Vec::new();
    for m in members {
        match m {
            Ty::Bottom => {}
            Ty::Any => return Ty::Any,
            Ty::Union(ms) => flat.extend(ms),
            other => flat.push(other),
        }
    }
    flat.sort();
    flat.dedup();
    if flat.len() > 1 {
        let closed: Vec<bool> = flat.iter().map(|m| !has_vars(m)).collect();
        let mut keep = vec![true; flat.len()];
        for i in 0..flat.len() {
            if !closed[i] {
                continue;
            }
            for j in 0..flat.len() {
                if i != j && closed[j] && keep[j] && sub_closed(tab, &flat[i], &flat[j]) {
                    keep[i] = false;
                    break;
                }
            }
        }
        let mut k = keep.into_iter();
        flat.retain(|_| k.next().unwrap_or(true));
    }
    match flat.len() {
        0 => Ty::Bottom,
        1 => flat.pop().unwrap_or(Ty::Bottom),
        _ => Ty::Union(flat),
    }
}

/// Put a signature in canonical form: variables renumbered by first
/// occurrence in the body, unused variables dropped.
pub fn canonicalize(s: Sig) -> Sig {
    if s.vars.is_empty() {
        return s;
    }
    fn visit(t: &Ty, order: &mut Vec<u32>) {
        match t {
            Ty::Var(i) if !order.contains(i) => order.push(*i),
            Ty::Nominal(_, ps) | Ty::Tuple(ps) | Ty::Union(ps) => {
                ps.iter().for_each(|p| visit(p, order))
            }
            Ty::Type(x) => visit(x, order),
            _ => {}
        }
    }
    let mut order = Vec::new();
    visit(&s.body, &mut order);
    let mut map: Vec<Ty> = (0..s.vars.len() as u32).map(Ty::Var).collect();
    for (new, old) in order.iter().enumerate() {
        if let Some(slot) = map.get_mut(*old as usize) {
            *slot = Ty::Var(new as u32);
        }
    }
    let vars = order
        .iter()
        .map(|o| s.vars.get(*o as usize).cloned().unwrap_or(Ty::Any))
        .collect();
    Sig {
        vars,
        body: subst(&s.body, &map),
    }
}

// ---------------------------------------------------------------------------
// Subtyping

/// Recursion budget of the subtyping and intersection walks; deeper
/// (adversarial) types compare as "not a subtype" / intersect as `Union{}`.
pub const MAX_RECURSION: u32 = 256;

struct SubEnv<'a> {
    depth: u32,
    tab: &'a TypeTable,
    avars: &'a [Ty],
    bvars: &'a [Ty],
    /// Whether variables on the right are existential (solvable).
    flex: bool,
    lbs: Vec<(u32, Ty)>,
    eqs: Vec<(u32, Ty)>,
}

impl<'a> SubEnv<'a> {
    fn new(tab: &'a TypeTable, avars: &'a [Ty], bvars: &'a [Ty], flex: bool) -> Self {
        SubEnv {
            depth: 0,
            tab,
            avars,
            bvars,
            flex,
            lbs: Vec::new(),
            eqs: Vec::new(),
        }
    }

    fn sub(&mut self, a: &Ty, b: &Ty) -> bool {
        if self.depth >= MAX_RECURSION {
            return false;
        }
        self.depth += 1;
        let r = self.sub_inner(a, b);
        self.depth -= 1;
        r
    }

    fn sub_inner(&mut self, a: &Ty, b: &Ty) -> bool {
        if *a == Ty::Bottom {
            return true;
        }
        if let (true, Ty::Var(j)) = (self.flex, b) {
            self.lbs.push((*j, a.clone()));
            return true;
        }
        if let Ty::Union(ms) = a {
            return ms.iter().all(|m| self.sub(m, b));
        }
        if *b == Ty::Any {
            return true;
        }
        if let Ty::Var(i) = a {
            if !self.flex && *b == Ty::Var(*i) {
                return true;
            }
            // Bounds are closed, so checking the bound in this env is sound.
            let ub = self.avars.get(*i as usize).cloned().unwrap_or(Ty::Any);
            return self.sub(&ub, b);
        }
        if let Ty::Union(ms) = b {
            for m in ms {
                let (l, q) = (self.lbs.len(), self.eqs.len());
                if self.sub(a, m) {
                    return true;
                }
                self.lbs.truncate(l);
                self.eqs.truncate(q);
            }
            return false;
        }
        match (a, b) {
            (Ty::Nominal(x, ps), Ty::Nominal(y, qs)) => match self.tab.lift(*x, ps, *y) {
                Some(lifted) => {
                    lifted.len() == qs.len() && lifted.iter().zip(qs).all(|(p, q)| self.eq(p, q))
                }
                None => false,
            },
            (Ty::NominalAll(x), Ty::Nominal(y, _)) => {
                // Bare `A` is `A{S...} where S...`: every instance must fit.
                // Solved as a separate problem (right-hand variables are not
                // shared with the enclosing problem's constraints).
                if !self.tab.reaches(*x, *y) || (!self.flex && has_vars(b)) {
                    return false;
                }
                let n = self.tab.get(*x).nparams;
                let left = Sig {
                    vars: vec![Ty::Any; n],
                    body: Ty::Nominal(*x, (0..n as u32).map(Ty::Var).collect()),
                };
                let right = Sig {
                    vars: if self.flex {
                        self.bvars.to_vec()
                    } else {
                        Vec::new()
                    },
                    body: b.clone(),
                };
                subtype_at(self.tab, &left, &right, self.depth)
            }
            (Ty::TypeAll, Ty::Type(y)) => match **y {
                Ty::Var(j) if self.flex => {
                    matches!(self.bvars.get(j as usize), None | Some(Ty::Any))
                }
                _ => false,
            },
            (Ty::Nominal(x, _), Ty::NominalAll(y)) | (Ty::NominalAll(x), Ty::NominalAll(y)) => {
                self.tab.reaches(*x, *y)
            }
            (Ty::Tuple(xs), Ty::Tuple(ys)) => {
                xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| self.sub(x, y))
            }
            (Ty::Tuple(_) | Ty::TupleAll, Ty::TupleAll) => true,
            (Ty::Func(f), Ty::Func(g)) => f == g,
            (Ty::Type(x), Ty::Type(y)) => self.eq(x, y),
            (Ty::Type(_) | Ty::TypeAll, Ty::TypeAll) => true,
            (Ty::Lit(x), Ty::Lit(y)) => x == y,
            _ => false,
        }
    }

    /// Invariant equality `a == b` (a from the left, b from the right).
    fn eq(&mut self, a: &Ty, b: &Ty) -> bool {
        if self.depth >= MAX_RECURSION {
            return false;
        }
        self.depth += 1;
        let r = self.eq_inner(a, b);
        self.depth -= 1;
        r
    }

    fn eq_inner(&mut self, a: &Ty, b: &Ty) -> bool {
        if let (true, Ty::Var(j)) = (self.flex, b) {
            self.eqs.push((*j, a.clone()));
            return true;
        }
        if !has_vars(b) {
            if !self.sub(a, b) {
                return false;
            }
            let mut rev = SubEnv::new(self.tab, self.bvars, self.avars, false);
            rev.depth = self.depth;
            return rev.sub(b, a);
        }
        match (a, b) {
            (Ty::Nominal(x, ps), Ty::Nominal(y, qs)) => {
                x == y && ps.len() == qs.len() && ps.iter().zip(qs).all(|(p, q)| self.eq(p, q))
            }
            (Ty::Tuple(ps), Ty::Tuple(qs)) | (Ty::Union(ps), Ty::Union(qs)) => {
                ps.len() == qs.len() && ps.iter().zip(qs).all(|(p, q)| self.eq(p, q))
            }
            (Ty::Type(x), Ty::Type(y)) => self.eq(x, y),
            (Ty::Var(i), Ty::Var(j)) => !self.flex && i == j,
            _ => false,
        }
    }
}

/// Check the constraints collected for the right-hand variables.
fn solve(
    tab: &TypeTable,
    avars: &[Ty],
    bvars: &[Ty],
    lbs: &[(u32, Ty)],
    eqs: &[(u32, Ty)],
) -> bool {
    let mut e = SubEnv::new(tab, avars, avars, false);
    for (j, ub) in bvars.iter().enumerate() {
        let j = j as u32;
        let mut my_eqs = eqs.iter().filter(|(v, _)| *v == j).map(|(_, t)| t);
        let lower = lbs.iter().filter(|(v, _)| *v == j).map(|(_, t)| t);
        let mut ube = SubEnv::new(tab, avars, &[], false);
        if let Some(first) = my_eqs.next() {
            for other in my_eqs {
                if !(e.sub(other, first) && e.sub(first, other)) {
                    return false;
                }
            }
            for l in lower {
                if !e.sub(l, first) {
                    return false;
                }
            }
            if !ube.sub(first, ub) {
                return false;
            }
        } else {
            for l in lower {
                if !ube.sub(l, ub) {
                    return false;
                }
            }
        }
    }
    true
}

/// Subtyping between closed types (no variables on either side).
pub fn sub_closed(tab: &TypeTable, a: &Ty, b: &Ty) -> bool {
    SubEnv::new(tab, &[], &[], false).sub(a, b)
}

/// `a <: b`: every instance of `a` (for all values of its variables) is an
/// instance of `b` (for some values of its variables).
pub fn subtype(tab: &TypeTable, a: &Sig, b: &Sig) -> bool {
    subtype_at(tab, a, b, 0)
}

fn subtype_at(tab: &TypeTable, a: &Sig, b: &Sig, depth: u32) -> bool {
    let mut e = SubEnv::new(tab, &a.vars, &b.vars, !b.vars.is_empty());
    e.depth = depth;
    if !e.sub(&a.body, &b.body) {
        return false;
    }
    b.vars.is_empty() || solve(tab, &a.vars, &b.vars, &e.lbs, &e.eqs)
}

/// Type equality: `a <: b && b <: a`.
pub fn type_equal(tab: &TypeTable, a: &Sig, b: &Sig) -> bool {
    a == b || (subtype(tab, a, b) && subtype(tab, b, a))
}

/// `a` is more specific than `b`: `a <: b` and not `b <: a`.
pub fn morespecific(tab: &TypeTable, a: &Sig, b: &Sig) -> bool {
    subtype(tab, a, b) && !subtype(tab, b, a)
}

// ---------------------------------------------------------------------------
// Intersection

struct InterEnv<'a> {
    depth: u32,
    tab: &'a TypeTable,
    ub: Vec<Ty>,
    bind: Vec<Option<Ty>>,
}

impl<'a> InterEnv<'a> {
    fn deref(&self, t: &Ty) -> Ty {
        let mut cur = t.clone();
        let mut guard = 0;
        while let Ty::Var(i) = cur {
            match self.bind.get(i as usize).and_then(|b| b.clone()) {
                Some(b) if guard < self.bind.len() + 1 => {
                    cur = b;
                    guard += 1;
                }
                _ => break,
            }
        }
        cur
    }

    fn resolve_deep(&self, t: &Ty, depth: usize) -> Ty {
        if depth > 2 * MAX_RECURSION as usize + self.bind.len() {
            return t.clone();
        }
        match self.deref(t) {
            Ty::Nominal(id, ps) => Ty::Nominal(
                id,
                ps.iter().map(|p| self.resolve_deep(p, depth + 1)).collect(),
            ),
            Ty::Tuple(ps) => mk_tuple(ps.iter().map(|p| self.resolve_deep(p, depth + 1)).collect()),
            Ty::Union(ps) => mk_union(
                self.tab,
                ps.iter().map(|p| self.resolve_deep(p, depth + 1)).collect(),
            ),
            Ty::Type(x) => Ty::Type(Box::new(self.resolve_deep(&x, depth + 1))),
            other => other,
        }
    }

    /// `A{T1, ..., Tn}` with fresh existential variables (the `A` UnionAll).
    fn fresh_instance(&mut self, a: u32) -> Ty {
        let n = self.tab.get(a).nparams;
        let mut ps = Vec::with_capacity(n);
        for _ in 0..n {
            ps.push(Ty::Var(self.ub.len() as u32));
            self.ub.push(Ty::Any);
            self.bind.push(None);
        }
        Ty::Nominal(a, ps)
    }

    fn ub_of(&self, i: u32) -> Ty {
        self.ub.get(i as usize).cloned().unwrap_or(Ty::Any)
    }

    fn unify_vars(&mut self, i: u32, j: u32) -> Ty {
        if i != j {
            let u = self.inter(&self.ub_of(i), &self.ub_of(j));
            self.ub[i as usize] = u;
            self.bind[j as usize] = Some(Ty::Var(i));
        }
        Ty::Var(i)
    }

    fn inter(&mut self, x: &Ty, y: &Ty) -> Ty {
        if self.depth >= MAX_RECURSION {
            return Ty::Bottom;
        }
        self.depth += 1;
        let r = self.inter_inner(x, y);
        self.depth -= 1;
        r
    }

    fn inter_inner(&mut self, x: &Ty, y: &Ty) -> Ty {
        let x = self.deref(x);
        let y = self.deref(y);
        match (&x, &y) {
            (Ty::Bottom, _) | (_, Ty::Bottom) => Ty::Bottom,
            (Ty::Any, _) => y.clone(),
            (_, Ty::Any) => x.clone(),
            (Ty::Var(i), Ty::Var(j)) => self.unify_vars(*i, *j),
            (Ty::Var(i), _) => {
                let u = self.ub_of(*i);
                self.inter(&u, &y)
            }
            (_, Ty::Var(j)) => {
                let u = self.ub_of(*j);
                self.inter(&x, &u)
            }
            (Ty::Union(xs), _) => {
                let ms = xs.iter().map(|m| self.inter(m, &y)).collect();
                mk_union(self.tab, ms)
            }
            (_, Ty::Union(ys)) => {
                let ms = ys.iter().map(|m| self.inter(&x, m)).collect();
                mk_union(self.tab, ms)
            }
            (Ty::Nominal(a, ps), Ty::Nominal(b, qs)) => {
                if a == b {
                    let mut out = Vec::with_capacity(ps.len());
                    for (p, q) in ps.iter().zip(qs) {
                        match self.eqinter(p, q) {
                            Some(v) => out.push(v),
                            None => return Ty::Bottom,
                        }
                    }
                    Ty::Nominal(*a, out)
                } else if let Some(l) = self.tab.lift(*a, ps, *b) {
                    if l.iter().zip(qs).all(|(p, q)| self.eqinter(p, q).is_some()) {
                        x.clone()
                    } else {
                        Ty::Bottom
                    }
                } else if let Some(l) = self.tab.lift(*b, qs, *a) {
                    if l.iter().zip(ps).all(|(q, p)| self.eqinter(p, q).is_some()) {
                        y.clone()
                    } else {
                        Ty::Bottom
                    }
                } else {
                    Ty::Bottom
                }
            }
            (Ty::NominalAll(a), Ty::NominalAll(b)) => {
                if self.tab.reaches(*a, *b) {
                    x.clone()
                } else if self.tab.reaches(*b, *a) {
                    y.clone()
                } else {
                    Ty::Bottom
                }
            }
            (Ty::NominalAll(a), Ty::Nominal(b, _)) => {
                if self.tab.reaches(*b, *a) {
                    y.clone()
                } else if self.tab.reaches(*a, *b) {
                    let fresh = self.fresh_instance(*a);
                    self.inter(&fresh, &y)
                } else {
                    Ty::Bottom
                }
            }
            (Ty::Nominal(..), Ty::NominalAll(_)) => self.inter(&y, &x),
            (Ty::Tuple(xs), Ty::Tuple(ys)) => {
                if xs.len() != ys.len() {
                    return Ty::Bottom;
                }
                let mut out = Vec::with_capacity(xs.len());
                for (a, b) in xs.iter().zip(ys) {
                    let t = self.inter(a, b);
                    if t == Ty::Bottom {
                        return Ty::Bottom;
                    }
                    out.push(t);
                }
                Ty::Tuple(out)
            }
            (Ty::Tuple(_), Ty::TupleAll) | (Ty::Type(_), Ty::TypeAll) => x.clone(),
            (Ty::TupleAll, Ty::Tuple(_) | Ty::TupleAll)
            | (Ty::TypeAll, Ty::Type(_) | Ty::TypeAll) => y.clone(),
            (Ty::Func(f), Ty::Func(g)) if f == g => x.clone(),
            (Ty::Type(a), Ty::Type(b)) => match self.eqinter(a, b) {
                Some(v) => Ty::Type(Box::new(v)),
                None => Ty::Bottom,
            },
            (Ty::Lit(a), Ty::Lit(b)) if a == b => x.clone(),
            _ => Ty::Bottom,
        }
    }

    fn bind_var(&mut self, i: u32, y: &Ty) -> Option<Ty> {
        let full = self.resolve_deep(y, 0);
        if contains_var(&full, i) {
            return None;
        }
        if !has_vars(&full) && !sub_closed(self.tab, &full, &self.ub_of(i)) {
            return None;
        }
        self.bind[i as usize] = Some(full.clone());
        Some(full)
    }

    /// Invariant intersection: the common value, or `None` if impossible.
    fn eqinter(&mut self, x: &Ty, y: &Ty) -> Option<Ty> {
        if self.depth >= MAX_RECURSION {
            return None;
        }
        self.depth += 1;
        let r = self.eqinter_inner(x, y);
        self.depth -= 1;
        r
    }

    fn eqinter_inner(&mut self, x: &Ty, y: &Ty) -> Option<Ty> {
        let x = self.deref(x);
        let y = self.deref(y);
        match (&x, &y) {
            (Ty::Var(i), Ty::Var(j)) => Some(self.unify_vars(*i, *j)),
            (Ty::Var(i), _) => self.bind_var(*i, &y),
            (_, Ty::Var(j)) => self.bind_var(*j, &x),
            _ if !has_vars(&x) && !has_vars(&y) => {
                if x == y || (sub_closed(self.tab, &x, &y) && sub_closed(self.tab, &y, &x)) {
                    Some(x)
                } else {
                    None
                }
            }
            (Ty::Nominal(a, ps), Ty::Nominal(b, qs)) if a == b && ps.len() == qs.len() => {
                let mut out = Vec::new();
                for (p, q) in ps.iter().zip(qs) {
                    out.push(self.eqinter(p, q)?);
                }
                Some(Ty::Nominal(*a, out))
            }
            (Ty::Tuple(ps), Ty::Tuple(qs)) if ps.len() == qs.len() => {
                let mut out = Vec::new();
                for (p, q) in ps.iter().zip(qs) {
                    out.push(self.eqinter(p, q)?);
                }
                Some(mk_tuple(out))
            }
            (Ty::Union(ps), Ty::Union(qs)) if ps.len() == qs.len() => {
                let mut out = Vec::new();
                for (p, q) in ps.iter().zip(qs) {
                    out.push(self.eqinter(p, q)?);
                }
                Some(mk_union(self.tab, out))
            }
            (Ty::Type(a), Ty::Type(b)) => Some(Ty::Type(Box::new(self.eqinter(a, b)?))),
            _ => None,
        }
    }
}

/// Intersection `a ∩ b`: a signature containing every value of both (exact
/// for the common cases, an over-approximation in corner cases documented in
/// `SPEC.md`). Returns a `Sig` whose body is `Ty::Bottom` when disjoint.
pub fn intersect(tab: &TypeTable, a: &Sig, b: &Sig) -> Sig {
    let na = a.vars.len() as u32;
    let shift: Vec<Ty> = (0..b.vars.len() as u32).map(|i| Ty::Var(i + na)).collect();
    let bbody = subst(&b.body, &shift);
    let mut ub = a.vars.clone();
    ub.extend(b.vars.iter().cloned());
    let n = ub.len();
    let mut env = InterEnv {
        depth: 0,
        tab,
        ub,
        bind: vec![None; n],
    };
    let body = env.inter(&a.body, &bbody);
    let body = env.resolve_deep(&body, 0);
    if body == Ty::Bottom {
        return Sig::closed(Ty::Bottom);
    }
    canonicalize(Sig { vars: env.ub, body })
}

/// Whether `a` and `b` have a non-empty intersection.
pub fn intersects(tab: &TypeTable, a: &Sig, b: &Sig) -> bool {
    intersect(tab, a, b).body != Ty::Bottom
}

/// Result of [`match_methods`].
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct MatchResult {
    /// Indices of the matching methods, ascending.
    pub matches: Vec<usize>,
    /// The method dispatch selects for the whole call signature, if one
    /// method covers it and is more specific than every other covering match.
    pub selected: Option<usize>,
    /// Whether two covering matches are ambiguous (neither more specific).
    pub ambiguous: bool,
}

/// Method matching in the style of Julia's `_methods_by_ftype`: the methods
/// whose signature intersects `t`, minus those whose whole intersection with
/// `t` is covered by a strictly more specific matching method.
pub fn match_methods(tab: &TypeTable, t: &Sig, methods: &[Sig]) -> MatchResult {
    let cands: Vec<(usize, Sig)> = methods
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            let x = intersect(tab, t, m);
            (x.body != Ty::Bottom).then_some((i, x))
        })
        .collect();
    let mut res = MatchResult::default();
    for (i, isect) in &cands {
        let shadowed = cands.iter().any(|(j, _)| {
            j != i
                && subtype(tab, isect, &methods[*j])
                && morespecific(tab, &methods[*j], &methods[*i])
        });
        if !shadowed {
            res.matches.push(*i);
        }
    }
    let covering: Vec<usize> = res
        .matches
        .iter()
        .copied()
        .filter(|i| subtype(tab, t, &methods[*i]))
        .collect();
    for &c in &covering {
        if covering
            .iter()
            .all(|&o| o == c || morespecific(tab, &methods[c], &methods[o]))
        {
            res.selected = Some(c);
        }
    }
    res.ambiguous = covering.len() > 1 && res.selected.is_none();
    res
}

impl TypeTable {
    /// Set the supertype of `id` (crate-internal, used while resolving so a
    /// type's supertype parameters may mention the type itself).
    pub(crate) fn set_supertype(&mut self, id: u32, sup: Option<(u32, Vec<Ty>)>) {
        self.types[id as usize].supertype = sup;
    }
}
