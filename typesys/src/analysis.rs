//! The invalidation analysis: which cached code instances stay valid when
//! all packages are loaded together, and invalidation trees explaining why.

use crate::decl::{EdgeDecl, PackageDecl};
use crate::syntax::call_display;
use crate::types::{intersect, morespecific_checked, subtype_checked};
use crate::world::{DeclError, FxMap, REdge, Universe, BUILTIN};

/// Why a code instance is invalid.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Cause {
    /// Edge `edge` of the code instance was taken over by method `method` of
    /// package `pkg` (load-order index), which is outside its compile world.
    Method {
        /// Load-order index of the package defining the method.
        pkg: usize,
        /// Index of the method in that package's `methods`.
        method: usize,
        /// Index of the edge in the code instance's `edges`.
        edge: usize,
    },
    /// Callee edge `edge` (`Invoke`, `Instance`, `InvokeSig`, or a
    /// `CallMatched` match) reaches code instance `code` of package `pkg`,
    /// which is itself invalid.
    Dependency {
        /// Index of the edge in the code instance's `edges`.
        edge: usize,
        /// Load-order index of the package caching the target.
        pkg: usize,
        /// Index of the target in that package's `code`.
        code: usize,
    },
}

/// One invalidated code instance.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Invalidated {
    /// Load-order index of the package caching the code instance.
    pub pkg: usize,
    /// Index in that package's `code`.
    pub code: usize,
    /// Last world in which the code is valid: the world just before the
    /// package (package `k` loads in world `k + 1`) whose method caused it.
    pub max_world: u64,
    /// The (attributed) cause.
    pub cause: Cause,
}

/// A node of an invalidation tree (stored flat; see [`InvalidationTree::nodes`]).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TreeNode {
    /// Load-order index of the package caching the code instance.
    pub pkg: usize,
    /// Index in that package's `code`.
    pub code: usize,
    /// Depth below its root entry (roots are 0).
    pub depth: usize,
    /// Number of transitive dependents beneath this node.
    pub descendants: usize,
    /// Child node indices into [`InvalidationTree::nodes`], sorted by (package uuid, code index).
    pub children: Vec<usize>,
}

/// A call-signature ("method table") backedge: the signature of a `Call` or
/// `CallMatched` edge whose dispatch changed and the code instance with that
/// edge (SnoopCompile's `mt_backedges`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MtBackedge {
    /// The call signature as written in the edge.
    pub sig: String,
    /// Root node index into [`InvalidationTree::nodes`].
    pub root: usize,
}

/// A method-instance callee (of `Invoke`, `Instance` or `InvokeSig`
/// edges) superseded by the new method, with the callers whose edges to it
/// changed (SnoopCompile's `backedges`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Backedge {
    /// Load-order index of the package defining the superseded method;
    /// `None` for a method of the built-in declarations (Base's).
    pub pkg: Option<usize>,
    /// Index of the superseded method in that package's `methods` (for a
    /// built-in one, see [`crate::builtin::method`]).
    pub method: usize,
    /// The specialization signature, as written in the first such edge.
    pub spec: String,
    /// Root node indices (callers) into [`InvalidationTree::nodes`].
    pub callers: Vec<usize>,
    /// Number of invalidated code instances beneath this entry.
    pub count: usize,
}

/// All invalidations attributed to one inserted method.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct InvalidationTree {
    /// Load-order index of the package defining the method.
    pub pkg: usize,
    /// Index of the method in that package's `methods`.
    pub method: usize,
    /// Total number of code instances invalidated in this tree.
    pub count: usize,
    /// Call-signature backedges, fewest dependents first.
    pub mt_backedges: Vec<MtBackedge>,
    /// Superseded invoke targets, fewest dependents first.
    pub backedges: Vec<Backedge>,
    /// All nodes of the tree.
    pub nodes: Vec<TreeNode>,
}

/// Result of [`analyze`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct Analysis {
    /// Invalidated code instances sorted by (package uuid, code index).
    pub invalidated: Vec<Invalidated>,
    /// One tree per causing method, those with the most invalidations last.
    pub trees: Vec<InvalidationTree>,
}

/// The methods a call signature (or a method instance's spec) may
/// dispatch to, each decided lazily, the first time it is new to some
/// package: whether it can enter the match set at all (its signature
/// meets the call; for a method instance, its method is not strictly more
/// specific), and then the methods that shadow it for that call (strictly
/// more specific, their signature containing its whole part of the call).
/// A method enters the match set of a world (gf.c `ml_matches` with a
/// result limit, as base/staticdata.jl `verify_call` runs it) iff it can
/// and none of its shadows is in that world.
struct Cands {
    /// (method, `None` until decided, then `Some(None)` if it never
    /// enters, else `Some(Some(shadows))`); decided non-entrants are
    /// dropped.
    list: Vec<(u32, Option<Option<Vec<u32>>>)>,
}

struct Engine<'u> {
    u: &'u Universe,
    /// Per call signature (or method instance spec): the candidates.
    call_merged: FxMap<u32, Cands>,
    /// Per (signature, package): the methods outside the package's
    /// closure that enter the merged match set, ascending.
    call_world: FxMap<(u32, usize), Vec<u32>>,
    /// Per method instance (method, spec): the candidates other than the
    /// method that it is not strictly more specific than (it shadows the
    /// others: the spec lies in its signature).
    mi_merged: FxMap<(u32, u32), Cands>,
    /// Per (method, spec, package): the new methods entering `M(spec)`.
    mi_world: FxMap<(u32, u32, usize), Vec<u32>>,
    /// Per invoke signature: the methods whose signature contains it
    /// (those `invoke` may select: `_findsup`).
    sups_merged: FxMap<u32, Vec<u32>>,
    /// Per (invoke signature, selected method, package): the methods
    /// outside the closure that now stop `invoke` from selecting it.
    invokesig_world: FxMap<(u32, u32, usize), Vec<u32>>,
    /// Per function: the packages defining its methods (ascending).
    func_pkgs: Vec<Vec<usize>>,
    /// Per interned signature: its function (see [`Engine::func`]).
    sig_func: Vec<u32>,
}

impl<'u> Engine<'u> {
    fn new(u: &'u Universe) -> Self {
        Engine {
            u,
            call_merged: FxMap::default(),
            call_world: FxMap::default(),
            mi_merged: FxMap::default(),
            mi_world: FxMap::default(),
            sups_merged: FxMap::default(),
            invokesig_world: FxMap::default(),
            func_pkgs: u
                .func_methods
                .iter()
                .map(|ms| {
                    let mut ps: Vec<usize> =
                        ms.iter().map(|&m| u.methods[m as usize].pkg).collect();
                    ps.dedup();
                    ps
                })
                .collect(),
            sig_func: vec![u32::MAX; u.sigs.len()],
        }
    }

    /// The function a call signature calls (`None`: it names none),
    /// memoised per interned signature.
    fn func(&mut self, t: u32) -> Option<u32> {
        const UNKNOWN: u32 = u32::MAX;
        const NONE: u32 = u32::MAX - 1;
        match self.sig_func[t as usize] {
            UNKNOWN => {
                let f = self.u.call_function(self.u.sig(t));
                self.sig_func[t as usize] = f.unwrap_or(NONE);
                f
            }
            NONE => None,
            f => Some(f),
        }
    }

    /// Whether every method of function `f` is in package `p`'s closure
    /// (then no new method can change a call of it).
    fn closed(&self, f: Option<u32>, p: usize) -> bool {
        let u = self.u;
        f.is_some_and(|f| {
            self.func_pkgs[f as usize]
                .iter()
                .all(|&q| u.in_closure(p, q))
        })
    }

    /// The methods a call of `f` may dispatch to: `f`'s, or every method
    /// when the call names no function.
    fn pool(u: &'u Universe, f: Option<u32>) -> std::borrow::Cow<'u, [u32]> {
        match f {
            Some(f) => std::borrow::Cow::Borrowed(&u.func_methods[f as usize]),
            None => (0..u.methods.len() as u32).collect(),
        }
    }

    /// Whether method `n` can enter the match set of `t` and, if so, its
    /// shadows among `pool`; `m`: the method of a method instance whose
    /// spec `t` is (it shadows what it is more specific than).
    fn decide(u: &Universe, t: u32, m: Option<u32>, n: u32, pool: &[u32]) -> Option<Vec<u32>> {
        let tab = &u.reg;
        let nsig = u.sig(u.methods[n as usize].sig);
        if let Some(m) = m {
            // Over budget, `m` does not shadow (the conservative side).
            if n == m
                || morespecific_checked(tab, u.sig(u.methods[m as usize].sig), nsig) == Ok(true)
            {
                return None;
            }
        }
        let isect = intersect(tab, u.sig(t), nsig);
        if isect.is_bottom() {
            return None;
        }
        // Only a strictly more specific method shadows: an ambiguous one
        // leaves both in the match set. A query over budget shadows
        // nothing. A method containing the intersection meets the call,
        // so the whole pool may be searched.
        Some(
            pool.iter()
                .copied()
                .filter(|&m2| {
                    let m2sig = u.sig(u.methods[m2 as usize].sig);
                    m2 != n
                        && subtype_checked(tab, &isect, m2sig) == Ok(true)
                        && morespecific_checked(tab, m2sig, nsig) == Ok(true)
                })
                .collect(),
        )
    }

    /// The methods outside `p`'s closure that enter the merged match set
    /// of `t` (none of their shadows in `p`'s closure), ascending.
    fn world_takers(
        u: &Universe,
        c: &mut Cands,
        (t, func): (u32, Option<u32>),
        m: Option<u32>,
        p: usize,
    ) -> Vec<u32> {
        let mut v = Vec::new();
        let mut dropped = false;
        for k in 0..c.list.len() {
            let n = c.list[k].0;
            if u.in_closure(p, u.methods[n as usize].pkg) {
                continue;
            }
            if c.list[k].1.is_none() {
                // Shadows are searched among the function's methods (or,
                // for a call naming no function, among those still
                // listed: a dropped one does not meet the call).
                let decided = match func {
                    Some(f) => Self::decide(u, t, m, n, &u.func_methods[f as usize]),
                    None => {
                        let pool: Vec<u32> = c.list.iter().map(|e| e.0).collect();
                        Self::decide(u, t, m, n, &pool)
                    }
                };
                c.list[k].1 = Some(decided);
            }
            match &c.list[k].1 {
                Some(Some(shadows)) => {
                    if !shadows
                        .iter()
                        .any(|b| u.in_closure(p, u.methods[*b as usize].pkg))
                    {
                        v.push(n);
                    }
                }
                _ => dropped = true,
            }
        }
        if dropped {
            c.list.retain(|e| !matches!(e.1, Some(None)));
        }
        v
    }

    /// [`Engine::world_takers`] of a call signature, memoised.
    fn call_takers(&mut self, t: u32, p: usize) -> Vec<u32> {
        if let Some(v) = self.call_world.get(&(t, p)) {
            return v.clone();
        }
        let f = self.func(t);
        let v = if self.closed(f, p) {
            Vec::new()
        } else {
            let u = self.u;
            let c = self.call_merged.entry(t).or_insert_with(|| Cands {
                list: Self::pool(u, f).iter().map(|&n| (n, None)).collect(),
            });
            Self::world_takers(u, c, (t, f), None, p)
        };
        self.call_world.insert((t, p), v.clone());
        v
    }

    /// [`Engine::world_takers`] for the spec `s` of a method instance of
    /// `m` (`s <: m.sig`), memoised: `m` shadows every method it is
    /// strictly more specific than, which needs no intersection.
    fn mi_takers(&mut self, m: u32, s: u32, p: usize) -> Vec<u32> {
        if let Some(v) = self.mi_world.get(&(m, s, p)) {
            return v.clone();
        }
        let f = self.func(s);
        let v = if self.closed(f, p) {
            Vec::new()
        } else {
            let u = self.u;
            let c = self.mi_merged.entry((m, s)).or_insert_with(|| Cands {
                list: Self::pool(u, f).iter().map(|&n| (n, None)).collect(),
            });
            Self::world_takers(u, c, (s, f), Some(m), p)
        };
        self.mi_world.insert((m, s, p), v.clone());
        v
    }

    /// Methods outside `p`'s closure that stop `invoke` with signature
    /// `sig` from selecting `m` (verify_invokesig: `_findsup` must still
    /// return `m`): those whose signature contains `sig` and that `m` is
    /// not strictly more specific than; ascending.
    fn invokesig_takers(&mut self, sig: u32, m: u32, p: usize) -> Vec<u32> {
        if let Some(v) = self.invokesig_world.get(&(sig, m, p)) {
            return v.clone();
        }
        let f = self.func(sig);
        if self.closed(f, p) {
            self.invokesig_world.insert((sig, m, p), Vec::new());
            return Vec::new();
        }
        let u = self.u;
        let tab = &u.reg;
        let sups = self.sups_merged.entry(sig).or_insert_with(|| {
            let ts = u.sig(sig);
            // Over budget, a method counts as containing the signature.
            Self::pool(u, f)
                .iter()
                .copied()
                .filter(|&n| {
                    subtype_checked(tab, ts, u.sig(u.methods[n as usize].sig)) != Ok(false)
                })
                .collect()
        });
        let msig = u.sig(u.methods[m as usize].sig);
        let v: Vec<u32> = sups
            .iter()
            .copied()
            .filter(|&n| {
                n != m
                    && !u.in_closure(p, u.methods[n as usize].pkg)
                    && morespecific_checked(tab, msig, u.sig(u.methods[n as usize].sig)) != Ok(true)
            })
            .collect();
        self.invokesig_world.insert((sig, m, p), v.clone());
        v
    }

    /// New methods (outside the closure of package `p`) that change the
    /// outcome of edge `e`'s check in the merged world, ascending.
    fn takers(&mut self, e: &REdge, p: usize) -> Vec<u32> {
        match *e {
            // verify_call on the call signature.
            REdge::Call { sig, .. } => self.call_takers(sig, p),
            // verify_call on `typeintersect(m.sig, spec)` (= spec, which
            // resolution checks is a subtype of m.sig), expecting `m`
            // alone.
            REdge::Invoke { method, spec } | REdge::Instance { method, spec, .. } => {
                self.mi_takers(method, spec, p)
            }
            REdge::InvokeSig { sig, method, .. } => self.invokesig_takers(sig, method, p),
            // A package cannot rebind another module's globals.
            REdge::Binding { .. } => Vec::new(),
        }
    }
}

/// For each (package, interned call signature): whether a method outside
/// the package's dependency closure takes the call over.
pub(crate) fn calls_taken(u: &Universe, calls: &[(usize, u32)]) -> Vec<bool> {
    let mut eng = Engine::new(u);
    calls
        .iter()
        .map(|&(p, sig)| !eng.call_takers(sig, p).is_empty())
        .collect()
}

#[derive(Clone, Copy)]
enum Assign {
    Direct { n: u32, edge: u32 },
    Dep { parent: u32, edge: u32 },
}

/// Resolve `packages` (load order: dependencies first) and run the
/// invalidation analysis on the merged world.
pub fn analyze(packages: &[PackageDecl]) -> Result<Analysis, DeclError> {
    let u = Universe::build(packages)?;
    Ok(analyze_universe(&u, packages))
}

/// Run the invalidation analysis on a universe already resolved from `decls`.
pub fn analyze_universe(u: &Universe, decls: &[PackageDecl]) -> Analysis {
    let mut eng = Engine::new(u);
    // 1. Direct hits (method, code, first edge).
    let mut hits: Vec<(u32, u32, u32)> = Vec::new();
    for (ci, c) in u.codes.iter().enumerate() {
        for (ei, e) in c.edges.iter().enumerate() {
            for n in eng.takers(e, c.pkg) {
                hits.push((n, ci as u32, ei as u32));
            }
        }
    }
    hits.sort_unstable();
    hits.dedup_by(|b, a| a.0 == b.0 && a.1 == b.1);
    // 2. Reverse callee graph: target code -> (dependent code, edge). An
    // `Invoke` or `InvokeSig` edge reaches the code instances of its
    // method instance made by the caller's own compiler (same owner); an
    // `Instance` edge the code instance of exactly that identity; each
    // cached by a package of the caller's closure.
    let mut by_target: FxMap<(u32, u32, Option<&str>), Vec<u32>> = FxMap::default();
    for (ci, c) in u.codes.iter().enumerate() {
        by_target
            .entry((c.method, c.spec, c.owner.as_deref()))
            .or_default()
            .push(ci as u32);
    }
    let mut rev: Vec<Vec<(u32, u32)>> = vec![Vec::new(); u.codes.len()];
    for (ci, c) in u.codes.iter().enumerate() {
        for (ei, e) in c.edges.iter().enumerate() {
            let one;
            let (keys, owner, world): (&[(u32, u32)], _, _) = match e {
                REdge::Invoke { method, spec } | REdge::InvokeSig { method, spec, .. } => {
                    one = [(*method, *spec)];
                    (&one, c.owner.as_deref(), None)
                }
                REdge::Instance {
                    method,
                    spec,
                    owner,
                    world,
                } => {
                    one = [(*method, *spec)];
                    (&one, owner.as_deref(), Some(*world))
                }
                // A recorded match reaches the code instance of the
                // specialization the call reaches (verify_method follows
                // every CodeInstance among an edge's callees).
                REdge::Call {
                    matches: Some(ms), ..
                } => (ms.as_slice(), c.owner.as_deref(), None),
                REdge::Call { matches: None, .. } | REdge::Binding { .. } => continue,
            };
            for &(m, s) in keys {
                for &t in by_target.get(&(m, s, owner)).into_iter().flatten() {
                    let tc = &u.codes[t as usize];
                    if t as usize != ci
                        && u.in_closure(c.pkg, tc.pkg)
                        && world.is_none_or(|w| w == tc.world)
                    {
                        rev[t as usize].push((ci as u32, ei as u32));
                    }
                }
            }
        }
    }
    for r in &mut rev {
        r.sort_unstable();
        r.dedup_by_key(|x| x.0);
    }
    // 3. Attribution in load order of causing methods, breadth-first.
    let mut assigned: Vec<Option<Assign>> = vec![None; u.codes.len()];
    let mut trees = Vec::new();
    let mut i = 0;
    while i < hits.len() {
        let n = hits[i].0;
        let mut j = i;
        let mut roots = Vec::new();
        while j < hits.len() && hits[j].0 == n {
            let (_, ci, e) = hits[j];
            if assigned[ci as usize].is_none() {
                assigned[ci as usize] = Some(Assign::Direct { n, edge: e });
                roots.push(ci);
            }
            j += 1;
        }
        i = j;
        if roots.is_empty() {
            continue;
        }
        // Breadth-first, level by level, each level in (uuid, code) order so
        // a dependent's parent is its smallest shallowest invalid target,
        // whatever the load order.
        let ukey = |ci: &u32| {
            let c = &u.codes[*ci as usize];
            (u.uuids[c.pkg], c.idx)
        };
        roots.sort_by_key(ukey);
        let mut order: Vec<u32> = roots.clone();
        let mut frontier = roots.clone();
        while !frontier.is_empty() {
            let mut next = Vec::new();
            for &x in &frontier {
                for &(d, e) in &rev[x as usize] {
                    if assigned[d as usize].is_none() {
                        assigned[d as usize] = Some(Assign::Dep { parent: x, edge: e });
                        next.push(d);
                    }
                }
            }
            next.sort_by_key(ukey);
            order.extend_from_slice(&next);
            frontier = next;
        }
        trees.push(build_tree(u, decls, n, &roots, &order, &assigned));
    }
    trees.sort_by_key(|t| (t.count, u.uuids[t.pkg], t.method));
    // 4. Flat list with max_world.
    let mut invalidated = Vec::new();
    let mut world_of = vec![0u64; u.codes.len()];
    // Parents are always assigned before their dependents within a tree and
    // trees are processed in method order, so resolve roots first.
    let resolve = |ci: usize, assigned: &[Option<Assign>]| -> u64 {
        let mut cur = ci;
        loop {
            match assigned[cur] {
                Some(Assign::Direct { n, .. }) => return u.methods[n as usize].pkg as u64,
                Some(Assign::Dep { parent, .. }) => cur = parent as usize,
                None => return 0,
            }
        }
    };
    for (ci, w) in world_of.iter_mut().enumerate() {
        *w = resolve(ci, &assigned);
    }
    for (ci, a) in assigned.iter().enumerate() {
        let Some(a) = a else { continue };
        let c = &u.codes[ci];
        let cause = match *a {
            Assign::Direct { n, edge } => {
                let m = &u.methods[n as usize];
                Cause::Method {
                    pkg: m.pkg,
                    method: m.idx,
                    edge: edge as usize,
                }
            }
            Assign::Dep { parent, edge } => {
                let t = &u.codes[parent as usize];
                Cause::Dependency {
                    edge: edge as usize,
                    pkg: t.pkg,
                    code: t.idx,
                }
            }
        };
        invalidated.push(Invalidated {
            pkg: c.pkg,
            code: c.idx,
            max_world: world_of[ci],
            cause,
        });
    }
    Analysis { invalidated, trees }
}

fn build_tree(
    u: &Universe,
    decls: &[PackageDecl],
    n: u32,
    roots: &[u32],
    order: &[u32],
    assigned: &[Option<Assign>],
) -> InvalidationTree {
    let mut index: FxMap<u32, usize> = FxMap::default();
    let mut nodes: Vec<TreeNode> = Vec::with_capacity(order.len());
    for (k, &ci) in order.iter().enumerate() {
        index.insert(ci, k);
        let c = &u.codes[ci as usize];
        let depth = match assigned[ci as usize] {
            Some(Assign::Dep { parent, .. }) => nodes[index[&parent]].depth + 1,
            _ => 0,
        };
        nodes.push(TreeNode {
            pkg: c.pkg,
            code: c.idx,
            depth,
            descendants: 0,
            children: Vec::new(),
        });
    }
    // Children lists and descendant counts (reverse BFS order = children first).
    for k in (0..order.len()).rev() {
        if let Some(Assign::Dep { parent, .. }) = assigned[order[k] as usize] {
            if let Some(&pk) = index.get(&parent) {
                let d = nodes[k].descendants + 1;
                nodes[pk].descendants += d;
                nodes[pk].children.push(k);
            }
        }
    }
    for k in 0..nodes.len() {
        let mut ch = std::mem::take(&mut nodes[k].children);
        ch.sort_by_key(|&c| (u.uuids[nodes[c].pkg], nodes[c].code));
        nodes[k].children = ch;
    }
    let mut mt = Vec::new();
    let mut be: FxMap<(u32, u32), Vec<usize>> = FxMap::default();
    let mut be_edge: FxMap<(u32, u32), (usize, usize, usize)> = FxMap::default();
    for &r in roots {
        let k = index[&r];
        let Some(Assign::Direct { edge, .. }) = assigned[r as usize] else {
            continue;
        };
        let c = &u.codes[r as usize];
        match c.edges[edge as usize].callee() {
            None => mt.push((k, c.pkg, c.idx, edge as usize)),
            Some((m, s)) => {
                be.entry((m, s)).or_default().push(k);
                be_edge
                    .entry((m, s))
                    .or_insert((c.pkg, c.idx, edge as usize));
            }
        }
    }
    let m = &u.methods[n as usize];
    let mut tree = InvalidationTree {
        pkg: m.pkg,
        method: m.idx,
        count: nodes.len(),
        mt_backedges: Vec::new(),
        backedges: Vec::new(),
        nodes,
    };
    mt.sort_by_key(|&(k, p, c, _)| (tree.nodes[k].descendants, u.uuids[p], c));
    let edge_text = |p: usize, c: usize, e: usize| match &decls[p].code[c].edges[e] {
        EdgeDecl::Call(s) | EdgeDecl::CallMatched { sig: s, .. } => s.clone(),
        EdgeDecl::Invoke { spec, .. }
        | EdgeDecl::Instance { spec, .. }
        | EdgeDecl::InvokeSig { spec, .. } => spec.clone(),
        EdgeDecl::Binding { module, name } => format!("{module}.{name}"),
    };
    for (k, p, c, e) in mt {
        tree.mt_backedges.push(MtBackedge {
            sig: edge_text(p, c, e),
            root: k,
        });
    }
    let mut bes: Vec<Backedge> = be
        .into_iter()
        .map(|((mid, sid), mut callers)| {
            callers.sort_by_key(|&k| (u.uuids[tree.nodes[k].pkg], tree.nodes[k].code));
            let count = callers.iter().map(|&k| tree.nodes[k].descendants + 1).sum();
            let tm = &u.methods[mid as usize];
            let (p, c, e) = be_edge[&(mid, sid)];
            Backedge {
                pkg: (tm.pkg != BUILTIN).then_some(tm.pkg),
                method: tm.idx,
                spec: edge_text(p, c, e),
                callers,
                count,
            }
        })
        .collect();
    let bkey = |b: &Backedge| {
        let first = b
            .callers
            .first()
            .map(|&k| (u.uuids[tree.nodes[k].pkg], tree.nodes[k].code));
        (
            b.count,
            b.pkg.map(|p| u.uuids[p]),
            b.method,
            b.spec.clone(),
            first,
        )
    };
    bes.sort_by_cached_key(bkey);
    tree.backedges = bes;
    tree
}

fn last_segment(name: &str) -> &str {
    name.rsplit('.').next().unwrap_or(name)
}

/// `f(::A, ::B) @ Pkg` for method `idx` of package `pkg`.
pub fn method_display(decls: &[PackageDecl], pkg: usize, idx: usize) -> String {
    let d = &decls[pkg];
    let m = &d.methods[idx];
    format!(
        "{} @ {}",
        call_display(last_segment(&m.name), &m.sig),
        d.name
    )
}

/// `f(::A, ::B) @ Pkg` for the method a backedge supersedes (`@ Base` for
/// a built-in one).
pub fn superseded_display(decls: &[PackageDecl], b: &Backedge) -> String {
    match b.pkg {
        Some(p) => method_display(decls, p, b.method),
        None => match crate::builtin::method(b.method) {
            Some(m) => format!(
                "{} @ {}",
                call_display(last_segment(&m.name), &m.sig_text),
                m.module
            ),
            None => format!("built-in method {}", b.method),
        },
    }
}

/// The name of the function of the method a backedge supersedes.
pub fn superseded_name<'d>(decls: &'d [PackageDecl], b: &Backedge) -> &'d str {
    match b.pkg {
        Some(p) => last_segment(&decls[p].methods[b.method].name),
        None => crate::builtin::method(b.method).map_or("?", |m| last_segment(&m.name)),
    }
}

/// `f(::A, ::B) @ Pkg` for code instance `code` of package `pkg` (the
/// package that caches it).
pub fn code_display(decls: &[PackageDecl], pkg: usize, code: usize) -> String {
    let d = &decls[pkg];
    let c = &d.code[code];
    format!(
        "{} @ {}",
        call_display(last_segment(&c.method.name), &c.spec),
        d.name
    )
}
