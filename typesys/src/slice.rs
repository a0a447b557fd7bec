//! Slicing: the part of a set of packages the invalidation analysis depends
//! on (SPEC.md §11.6). Resolving every text of every package costs about a
//! microsecond per text; almost none of them can change the answer, because
//! only a method of a package outside a code instance's closure can change
//! one of its edges (SPEC.md §11.4). The slice keeps:
//!
//! 1. every method of a *shared* function name (one that methods of two or
//!    more packages use);
//! 2. every code instance with an edge that a method outside its package's
//!    closure may change — a call (`Call`, `CallMatched`) that such a
//!    method takes over, or a callee edge (`Invoke`, `Instance`,
//!    `InvokeSig`) of a function such a method extends — with those edges.
//!    Which calls are taken over is found by a probe: only (1) and each
//!    distinct candidate call text are resolved, once per package;
//! 3. every callee edge that may reach a kept code instance (same defining
//!    package and function name, the target's package in the caller's
//!    closure, and a specialization text that may denote the same type:
//!    [`crate::scan::may_be_same_spec`]; any `CallMatched` edge recording a
//!    method of that name), with its code instance, to a fixpoint;
//! 4. every method and type that a kept text names, and what their
//!    declarations name in turn; every alias, and the types named in
//!    aliases and parameter bounds; all packages.
//!
//! `Binding` edges never invalidate and are dropped. A call whose callee is
//! not written `Tuple{typeof(f), ...}` could be taken over by any method,
//! so its presence keeps everything. Everything kept is kept whole and in
//! order, so the analysis of the slice, with indices mapped back
//! ([`Slice::unslice`]), equals the analysis of the whole (the tests compare
//! the two on every scenario and on random ecosystems with every edge
//! kind). Declarations outside the slice are not resolved, so not checked.

use std::collections::HashSet;

use crate::analysis::{analyze_universe, calls_taken, Analysis, Cause};
use crate::decl::{CodeDecl, MethodDecl, PackageDecl, TypeKind};
use crate::parallel::{free_in_background, load_builtins_in_background, per_package};
use crate::scan::{call_head, may_be_same_keyed, mentions, spec_key, Mention};
use crate::source::{DeclSource, EdgeRef};
use crate::world::{DeclError, FxMap, Universe};

type FxSet<K> = HashSet<K, foldhash::fast::FixedState>;

fn last_segment(name: &str) -> &str {
    name.rsplit('.').next().unwrap_or(name)
}

/// The sliced packages and the maps from their indices back to the
/// originals (each map ascending, so order is preserved).
#[derive(Debug)]
pub struct Slice {
    /// The sliced packages, in the same order as the input.
    pub decls: Vec<PackageDecl>,
    methods: Vec<Vec<u32>>,
    codes: Vec<Vec<u32>>,
    edges: Vec<Vec<Vec<u32>>>,
    /// What was kept.
    pub stats: SliceStats,
}

impl Slice {
    /// An analysis of [`Slice::decls`] with indices of the original packages.
    pub fn unslice(&self, mut a: Analysis) -> Analysis {
        let code = |p: usize, c: usize| self.codes[p][c] as usize;
        let edge = |p: usize, c: usize, e: usize| self.edges[p][c][e] as usize;
        let method = |p: usize, m: usize| self.methods[p][m] as usize;
        for inv in &mut a.invalidated {
            inv.cause = match inv.cause {
                Cause::Method {
                    pkg,
                    method: m,
                    edge: e,
                } => Cause::Method {
                    pkg,
                    method: method(pkg, m),
                    edge: edge(inv.pkg, inv.code, e),
                },
                Cause::Dependency {
                    edge: e,
                    pkg,
                    code: c,
                } => Cause::Dependency {
                    edge: edge(inv.pkg, inv.code, e),
                    pkg,
                    code: code(pkg, c),
                },
            };
            inv.code = code(inv.pkg, inv.code);
        }
        for t in &mut a.trees {
            t.method = method(t.pkg, t.method);
            for n in &mut t.nodes {
                n.code = code(n.pkg, n.code);
            }
            for b in &mut t.backedges {
                if let Some(p) = b.pkg {
                    b.method = method(p, b.method);
                }
            }
        }
        a
    }
}

/// Why [`analyze_sources`] failed.
#[derive(Debug)]
pub enum SliceError<E> {
    /// Reading a package failed.
    Source(E),
    /// A declaration in the slice does not resolve.
    Decl(DeclError),
}

impl<E> From<DeclError> for SliceError<E> {
    fn from(e: DeclError) -> Self {
        SliceError::Decl(e)
    }
}

/// Runs the invalidation analysis on the slice of `packages` (load order:
/// dependencies first). Returns the analysis, with the packages' own
/// indices, and the slice's sizes.
pub fn analyze_sources<S: DeclSource + Sync>(
    packages: &[S],
) -> Result<(Analysis, SliceStats), SliceError<S::Error>>
where
    S::Error: Send,
{
    let codes = packages.iter().map(|s| s.code_count()).sum();
    load_builtins_in_background(codes);
    let sliced = slice(packages)?;
    let u = Universe::build(&sliced.decls)?;
    let analysis = sliced.unslice(analyze_universe(&u, &sliced.decls));
    let stats = sliced.stats;
    free_in_background((u, sliced), stats.codes);
    Ok((analysis, stats))
}

/// How much of the input the slice kept.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SliceStats {
    /// (package, distinct call text) pairs the probe resolved.
    pub calls_probed: usize,
    /// Types kept.
    pub types: usize,
    /// Methods kept.
    pub methods: usize,
    /// Code instances kept.
    pub codes: usize,
    /// Edges kept.
    pub edges: usize,
}

/// Items (package, index) of all packages grouped by name, flat.
struct ByName<'a> {
    slots: FxMap<&'a str, Slot>,
    starts: Vec<u32>,
    items: Vec<(u32, u32)>,
    /// Per slot, the distinct packages of its items, ascending
    /// (`owners[owner_starts[s]..owner_starts[s + 1]]`): a few per name,
    /// where a common name has thousands of items.
    owner_starts: Vec<u32>,
    owners: Vec<u32>,
}

/// A name's slot: its index, and its one package (or [`SEVERAL`]) — most
/// names have one, and the slicer asks for it hundreds of thousands of times.
#[derive(Clone, Copy)]
struct Slot {
    index: u32,
    owner: u32,
}

/// [`Slot::owner`] of a name that items of two or more packages have.
const SEVERAL: u32 = u32::MAX;

impl<'a> ByName<'a> {
    /// `name_of(p, i)` for every item `i < count(p)` of every package `p`.
    fn build<E>(
        counts: &[usize],
        mut name_of: impl FnMut(usize, usize) -> Result<&'a str, E>,
    ) -> Result<Self, E> {
        let total = counts.iter().sum();
        // Sized for every item at once: growing a table of hundreds of
        // thousands of names rehashes it again and again.
        let mut slots: FxMap<&str, Slot> =
            FxMap::with_capacity_and_hasher(total, Default::default());
        let mut slot_of = Vec::with_capacity(total);
        let mut sizes: Vec<u32> = Vec::new();
        for (p, &n) in counts.iter().enumerate() {
            let p = p as u32;
            for i in 0..n {
                let next = slots.len() as u32;
                let slot = slots
                    .entry(last_segment(name_of(p as usize, i)?))
                    .or_insert(Slot {
                        index: next,
                        owner: p,
                    });
                if slot.owner != p {
                    slot.owner = SEVERAL;
                }
                let index = slot.index;
                if index == next {
                    sizes.push(0);
                }
                sizes[index as usize] += 1;
                slot_of.push(index);
            }
        }
        let mut starts = Vec::with_capacity(sizes.len() + 1);
        let mut at = 0u32;
        for size in &sizes {
            starts.push(at);
            at += size;
        }
        starts.push(at);
        let mut fill = starts.clone();
        let mut items = vec![(0, 0); at as usize];
        let mut k = 0;
        for (p, &n) in counts.iter().enumerate() {
            for i in 0..n {
                let slot = slot_of[k] as usize;
                items[fill[slot] as usize] = (p as u32, i as u32);
                fill[slot] += 1;
                k += 1;
            }
        }
        let mut owner_starts = Vec::with_capacity(starts.len());
        let mut owners = Vec::new();
        for slot in 0..sizes.len() {
            owner_starts.push(owners.len() as u32);
            let mut last = None;
            for &(p, _) in &items[starts[slot] as usize..starts[slot + 1] as usize] {
                if last != Some(p) {
                    owners.push(p);
                    last = Some(p);
                }
            }
        }
        owner_starts.push(owners.len() as u32);
        Ok(ByName {
            slots,
            starts,
            items,
            owner_starts,
            owners,
        })
    }

    /// The distinct packages with items in slot `index`, ascending.
    fn owners_of(&self, index: u32) -> &[u32] {
        let s = index as usize;
        &self.owners[self.owner_starts[s] as usize..self.owner_starts[s + 1] as usize]
    }

    /// The slot of `name`, if an item has it.
    fn slot(&self, name: &str) -> Option<u32> {
        self.slots.get(name).map(|s| s.index)
    }

    /// The items of slot `index`.
    fn items(&self, index: u32) -> &[(u32, u32)] {
        let s = index as usize;
        &self.items[self.starts[s] as usize..self.starts[s + 1] as usize]
    }

    /// The names that items of two or more packages have.
    fn shared(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.slots
            .iter()
            .filter(|(_, slot)| slot.owner == SEVERAL)
            .map(|(name, _)| *name)
    }

    /// Whether a package outside `closure` has an item named `name`.
    fn outside(&self, name: &str, closure: &Closure) -> bool {
        match self.slots.get(name) {
            None => false,
            Some(&Slot { owner, .. }) if owner != SEVERAL => !closure.contains(owner),
            Some(&Slot { index, .. }) => {
                self.owners_of(index).iter().any(|&p| !closure.contains(p))
            }
        }
    }
}

/// The types and methods kept: every one of a name a kept text mentions,
/// and what their own texts mention, to a fixpoint.
struct Keep<'a, S> {
    packages: &'a [S],
    types: ByName<'a>,
    methods: ByName<'a>,
    type_kept: Vec<Vec<bool>>,
    method_kept: Vec<Vec<bool>>,
    /// Per name slot of `types` and `methods`: whether its items were
    /// visited (a name is mentioned by thousands of texts).
    type_done: Vec<bool>,
    method_done: Vec<bool>,
    /// What is still to settle.
    pending: Named<'a>,
}

impl<'a, S: DeclSource> Keep<'a, S> {
    fn new(packages: &'a [S]) -> Result<Self, S::Error> {
        let type_counts: Vec<usize> = packages.iter().map(|s| s.type_count()).collect();
        let method_counts: Vec<usize> = packages.iter().map(|s| s.method_count()).collect();
        Ok(Keep {
            packages,
            types: ByName::build(&type_counts, |p, i| Ok(packages[p].type_names(i)?.0))?,
            methods: ByName::build(&method_counts, |p, i| Ok(packages[p].method(i)?.0))?,
            type_kept: type_counts.iter().map(|&n| vec![false; n]).collect(),
            method_kept: method_counts.iter().map(|&n| vec![false; n]).collect(),
            type_done: Vec::new(),
            method_done: Vec::new(),
            pending: Named::default(),
        })
    }

    fn everything(&mut self) {
        for kept in self.type_kept.iter_mut().chain(&mut self.method_kept) {
            kept.fill(true);
        }
    }

    fn func(&mut self, name: &'a str) {
        self.pending.func(name);
    }

    fn text(&mut self, text: &'a str) {
        self.pending.text(text);
    }

    fn settle(&mut self) -> Result<(), S::Error> {
        let packages = self.packages;
        self.type_done.resize(self.types.starts.len() - 1, false);
        self.method_done
            .resize(self.methods.starts.len() - 1, false);
        while let Some(m) = self.pending.mentions.pop() {
            let (by_name, kept, done, name) = match m {
                Mention::Func(name) => (
                    &self.methods,
                    &mut self.method_kept,
                    &mut self.method_done,
                    name,
                ),
                Mention::Type(name) => {
                    (&self.types, &mut self.type_kept, &mut self.type_done, name)
                }
            };
            let Some(index) = by_name.slot(name) else {
                continue;
            };
            if std::mem::replace(&mut done[index as usize], true) {
                continue;
            }
            // Every item of that name, and what its own text mentions.
            for &(p, i) in by_name.items(index) {
                let slot = &mut kept[p as usize][i as usize];
                if !*slot {
                    *slot = true;
                    let src = &packages[p as usize];
                    let text = match m {
                        Mention::Func(_) => src.method(i as usize)?.1,
                        Mention::Type(_) => src.type_names(i as usize)?.1,
                    };
                    mentions(text, |m| self.pending.mentions.push(m));
                }
            }
        }
        Ok(())
    }
}

/// The declaration texts the slice keeps whatever the edges: every alias's
/// body and parameters (every alias is kept) and every type parameter with
/// a bound (so a bound's types resolve wherever the type is kept).
fn decl_texts<S: DeclSource>(packages: &[S]) -> Result<Vec<String>, S::Error> {
    let mut out = Vec::new();
    for src in packages {
        for i in 0..src.alias_count() {
            let a = src.alias(i)?;
            out.push(a.body);
            out.extend(a.params);
        }
        for i in 0..src.type_count() {
            let t = src.type_decl(i)?;
            out.extend(
                t.params
                    .into_iter()
                    .filter(|p| p.contains("<:") || p.contains(">:")),
            );
        }
    }
    Ok(out)
}

/// A package's dependency closure as a bit set over load-order indices.
struct Closure(Vec<u64>);

impl Closure {
    fn contains(&self, p: u32) -> bool {
        self.0
            .get(p as usize / 64)
            .is_some_and(|w| w >> (p % 64) & 1 == 1)
    }
}

/// Per package (load order), the packages of its dependency closure,
/// itself included. Unknown dependencies are left out (resolution
/// reports them).
fn closures(headers: &[PackageDecl]) -> Vec<Closure> {
    let index: FxMap<[u8; 16], u32> = headers
        .iter()
        .enumerate()
        .map(|(p, h)| (h.uuid, p as u32))
        .collect();
    let words = headers.len().div_ceil(64);
    let mut out: Vec<Closure> = Vec::with_capacity(headers.len());
    for (p, h) in headers.iter().enumerate() {
        let mut bits = vec![0u64; words];
        bits[p / 64] |= 1 << (p % 64);
        for d in &h.deps {
            if let Some(&q) = index.get(d) {
                if (q as usize) < p {
                    for (w, b) in bits.iter_mut().zip(&out[q as usize].0) {
                        *w |= b;
                    }
                }
            }
        }
        out.push(Closure(bits));
    }
    out
}

/// Packages with only the kept types and methods and the code instances
/// with kept edges (`edges[p][c]` non-empty), with only those edges.
fn materialize<S: DeclSource + Sync>(
    keep: &Keep<'_, S>,
    headers: &[PackageDecl],
    heads: &FxSet<String>,
    edges: Vec<Vec<Vec<u32>>>,
) -> Result<Slice, S::Error>
where
    S::Error: Send,
{
    let n = headers.len();
    let kept_codes = edges.iter().flatten().filter(|e| !e.is_empty()).count();
    let parts = per_package(n, kept_codes, |p| {
        let src = &keep.packages[p];
        let mut decl = headers[p].clone();
        // Every alias (few; what they name is kept, see `decl_texts`).
        decl.aliases = (0..src.alias_count())
            .map(|i| src.alias(i))
            .collect::<Result<_, _>>()?;
        for (i, _) in keep.type_kept[p].iter().enumerate().filter(|(_, k)| **k) {
            let mut t = src.type_decl(i)?;
            // A type without a declared kind is abstract when a declaration
            // of the whole set subtypes it: the slice may not keep that
            // declaration, so it states the kind the whole set gives.
            if t.kind.is_none() {
                t.kind = Some(if heads.contains(&t.name) {
                    TypeKind::Abstract
                } else {
                    TypeKind::Struct
                });
            }
            decl.types.push(t);
        }
        let mut methods = Vec::new();
        for (i, _) in keep.method_kept[p].iter().enumerate().filter(|(_, k)| **k) {
            let (name, sig) = src.method(i)?;
            decl.methods.push(MethodDecl {
                name: name.to_owned(),
                sig: sig.to_owned(),
            });
            methods.push(i as u32);
        }
        let mut codes = Vec::new();
        let mut code_edges = Vec::new();
        for (c, kept) in edges.get(p).into_iter().flatten().enumerate() {
            if kept.is_empty() {
                continue;
            }
            let (key, spec) = src.code(c)?;
            let (owner, world) = src.code_identity(c)?;
            decl.code.push(CodeDecl {
                method: key.to_owned(),
                spec: spec.to_owned(),
                owner: owner.map(str::to_owned),
                world,
                edges: kept
                    .iter()
                    .map(|&e| Ok(src.edge(c, e as usize)?.to_owned()))
                    .collect::<Result<_, S::Error>>()?,
            });
            codes.push(c as u32);
            code_edges.push(kept.clone());
        }
        Ok((decl, methods, codes, code_edges))
    })?;
    let mut out = Slice {
        decls: Vec::with_capacity(n),
        methods: Vec::with_capacity(n),
        codes: Vec::with_capacity(n),
        edges: Vec::with_capacity(n),
        stats: SliceStats::default(),
    };
    for (decl, methods, codes, code_edges) in parts {
        out.stats.types += decl.types.len();
        out.stats.methods += methods.len();
        out.stats.codes += codes.len();
        out.stats.edges += code_edges.iter().map(Vec::len).sum::<usize>();
        out.decls.push(decl);
        out.methods.push(methods);
        out.codes.push(codes);
        out.edges.push(code_edges);
    }
    Ok(out)
}

/// A text's identity by address and length (see `slice`).
type TextId = (usize, usize);

fn text_id(text: &str) -> TextId {
    (text.as_ptr() as usize, text.len())
}

/// Per package and code instance, the indices of some of its edges.
type EdgeSets = Vec<Vec<Vec<u32>>>;

/// What texts mention, each text scanned once (stored packages share equal
/// texts; texts of different packages lie apart, so a package's texts may
/// be scanned on their own, and a name mentioned twice costs the settling
/// one look-up).
#[derive(Default)]
struct Named<'t> {
    scanned: FxSet<TextId>,
    mentions: Vec<Mention<'t>>,
}

impl<'t> Named<'t> {
    fn func(&mut self, name: &'t str) {
        self.mentions.push(Mention::Func(last_segment(name)));
    }

    fn text(&mut self, text: &'t str) {
        if self.scanned.insert(text_id(text)) {
            mentions(text, |m| self.mentions.push(m));
        }
    }
}

/// Slices `packages` (in load order) for the invalidation analysis.
pub fn slice<S: DeclSource + Sync>(packages: &[S]) -> Result<Slice, SliceError<S::Error>>
where
    S::Error: Send,
{
    let src_err = SliceError::Source;
    let headers = packages
        .iter()
        .map(DeclSource::header)
        .collect::<Result<Vec<_>, _>>()
        .map_err(src_err)?;
    let closure = closures(&headers);
    let decl_texts = decl_texts(packages).map_err(src_err)?;
    // The names some type declaration subtypes (abstract when declared
    // without a kind).
    let mut heads: FxSet<String> = FxSet::default();
    for src in packages {
        for i in 0..src.type_count() {
            heads.extend(crate::world::supertype_head(
                src.type_names(i).map_err(src_err)?.1,
            ));
        }
    }
    let mut keep = Keep::new(packages).map_err(src_err)?;
    for text in &decl_texts {
        keep.text(text);
    }
    let by_func = &keep.methods;
    // Edges that a method of a package outside the caller's closure may
    // change (its function has such a method); the other callee edges,
    // with a hash of their target (defining package, function name).
    let closure = &closure;
    let codes = packages.iter().map(|s| s.code_count()).sum();
    let scanned = per_package(packages.len(), codes, |p| {
        let src = &packages[p];
        let outside = |f: &str, p: usize| by_func.outside(f, &closure[p]);
        // What a call text decides, by where the text lies: a package's
        // edges name the same few call texts thousands of times, and a
        // source hands out each stored text at one address (`None`: the
        // call names no function).
        let mut by_text: FxMap<(usize, usize), Option<bool>> = FxMap::default();
        let mut call = |text: &str| {
            *by_text
                .entry((text.as_ptr() as usize, text.len()))
                .or_insert_with(|| call_head(text).map(|f| outside(f, p)))
        };
        // The same for the callee names of invoke edges.
        let mut by_name: FxMap<(usize, usize), bool> = FxMap::default();
        let mut per_code = vec![Vec::new(); src.code_count()];
        // The candidate calls' texts, by code instance (for the probe).
        let mut calls: Vec<(u32, &str)> = Vec::new();
        let mut invokes = Vec::new();
        let mut keep_all = false;
        for (c, edges) in per_code.iter_mut().enumerate() {
            for e in 0..src.edge_count(c)? {
                match src.edge(c, e)? {
                    EdgeRef::Binding { .. } => {}
                    EdgeRef::Call(text) => match call(text) {
                        Some(false) => {}
                        Some(true) => {
                            edges.push(e as u32);
                            calls.push((c as u32, text));
                        }
                        None => keep_all = true,
                    },
                    EdgeRef::CallMatched { sig, matches } => {
                        match call(sig) {
                            Some(false) => {}
                            Some(true) => {
                                edges.push(e as u32);
                                calls.push((c as u32, sig));
                            }
                            None => keep_all = true,
                        }
                        // Its matches reach code instances (see `propagate`).
                        let mut targets: Vec<u64> = matches
                            .iter()
                            .map(|m| target_hash(m.pkg, last_segment(m.name)))
                            .collect();
                        targets.sort_unstable();
                        targets.dedup();
                        invokes.extend(targets.into_iter().map(|target| Invoke {
                            target,
                            at: (p as u32, c as u32, e as u32),
                        }));
                    }
                    EdgeRef::Invoke { method, .. }
                    | EdgeRef::Instance { method, .. }
                    | EdgeRef::InvokeSig { method, .. } => {
                        let name = last_segment(method.name);
                        let taken = *by_name
                            .entry((name.as_ptr() as usize, name.len()))
                            .or_insert_with(|| outside(name, p));
                        if taken {
                            edges.push(e as u32);
                        } else {
                            invokes.push(Invoke {
                                target: target_hash(method.pkg, name),
                                at: (p as u32, c as u32, e as u32),
                            });
                        }
                    }
                }
            }
        }
        Ok((per_code, calls, invokes, keep_all))
    })
    .map_err(src_err)?;
    let mut candidates: EdgeSets = Vec::with_capacity(packages.len());
    let mut candidate_calls = Vec::with_capacity(packages.len());
    let mut invokes: Vec<Invoke> = Vec::new();
    let mut keep_all = false;
    for (per_code, calls, inv, all) in scanned {
        candidates.push(per_code);
        candidate_calls.push(calls);
        invokes.extend(inv);
        keep_all |= all;
    }
    let mut calls_probed = 0;
    let mut kept: EdgeSets = if keep_all {
        keep.everything();
        packages
            .iter()
            .map(|src| {
                (0..src.code_count())
                    .map(|c| Ok((0..src.edge_count(c)? as u32).collect()))
                    .collect::<Result<Vec<Vec<u32>>, S::Error>>()
            })
            .collect::<Result<_, _>>()
            .map_err(src_err)?
    } else {
        let (kept, probed) = probe(&mut keep, &headers, &heads, candidates, &candidate_calls)?;
        calls_probed = probed;
        kept
    };
    propagate(packages, closure, &mut invokes, &mut kept).map_err(src_err)?;
    // What the kept code instances name, read on all cores.
    let kept_codes = kept.iter().flatten().filter(|e| !e.is_empty()).count();
    let named = per_package(packages.len(), kept_codes, |p| {
        let src = &packages[p];
        let mut named = Named::default();
        for (c, edges) in kept[p].iter().enumerate() {
            if edges.is_empty() {
                continue;
            }
            let (key, spec) = src.code(c)?;
            named.func(key.name);
            named.text(key.sig);
            named.text(spec);
            for &e in edges {
                match src.edge(c, e as usize)? {
                    EdgeRef::Call(text) => named.text(text),
                    EdgeRef::CallMatched { sig, matches } => {
                        named.text(sig);
                        for m in matches {
                            named.func(m.name);
                            named.text(m.sig);
                        }
                    }
                    EdgeRef::Invoke { method, spec } | EdgeRef::Instance { method, spec, .. } => {
                        named.func(method.name);
                        named.text(method.sig);
                        named.text(spec);
                    }
                    EdgeRef::InvokeSig { sig, method, spec } => {
                        named.text(sig);
                        named.func(method.name);
                        named.text(method.sig);
                        named.text(spec);
                    }
                    EdgeRef::Binding { .. } => {}
                }
            }
        }
        Ok(named.mentions)
    })
    .map_err(src_err)?;
    for mentions in named {
        keep.pending.mentions.extend(mentions);
    }
    keep.settle().map_err(src_err)?;
    let mut out = materialize(&keep, &headers, &heads, kept).map_err(src_err)?;
    out.stats.calls_probed = calls_probed;
    Ok(out)
}

/// Resolves the shared functions' methods and each distinct candidate
/// call text once per package; keeps the candidate edges of the code
/// instances with a call taken over or an invoke candidate. `calls` holds,
/// per package, the candidate calls' (code instance, text), in order.
/// Returns the kept edges and the number of calls resolved.
fn probe<'a, S: DeclSource + Sync>(
    keep: &mut Keep<'a, S>,
    headers: &[PackageDecl],
    heads: &FxSet<String>,
    mut candidates: EdgeSets,
    calls: &[Vec<(u32, &'a str)>],
) -> Result<(EdgeSets, usize), SliceError<S::Error>>
where
    S::Error: Send,
{
    let src_err = SliceError::Source;
    let shared: Vec<&str> = keep.methods.shared().collect();
    for name in shared {
        keep.func(name);
    }
    // Each distinct text of a package, numbered; each call's number.
    let mut texts: FxMap<(usize, TextId), (usize, &str)> = FxMap::default();
    let mut numbers: Vec<Vec<u32>> = Vec::with_capacity(calls.len());
    for (p, calls) in calls.iter().enumerate() {
        let mut ks = Vec::with_capacity(calls.len());
        for &(_, text) in calls {
            let next = texts.len();
            let k = texts.entry((p, text_id(text))).or_insert((next, text)).0;
            if k == next {
                keep.text(text);
            }
            ks.push(k as u32);
        }
        numbers.push(ks);
    }
    keep.settle().map_err(src_err)?;
    let probe = materialize(keep, headers, heads, Vec::new()).map_err(src_err)?;
    let mut u = Universe::build(&probe.decls)?;
    let mut resolved = vec![(0, 0); texts.len()];
    for (&(p, _), &(k, text)) in &texts {
        resolved[k] = (p, u.intern_call(p, text, &|| "call edge".into())?);
    }
    let taken = calls_taken(&u, &resolved);
    for (p, per_code) in candidates.iter_mut().enumerate() {
        let (calls, ks) = (&calls[p], &numbers[p]);
        let mut i = 0;
        for (c, edges) in per_code.iter_mut().enumerate() {
            // A code instance is kept for a call taken over, or for any
            // other candidate (a callee edge: its edges minus its calls).
            let mut hit = false;
            let mut its_calls = 0;
            while i < calls.len() && calls[i].0 as usize == c {
                hit |= taken[ks[i] as usize];
                its_calls += 1;
                i += 1;
            }
            if !hit && edges.len() == its_calls {
                edges.clear();
            }
        }
    }
    Ok((candidates, resolved.len()))
}

/// An invoke edge outside the shared functions: where it is, and a hash
/// of its target (defining package, function name).
struct Invoke {
    target: u64,
    at: (u32, u32, u32),
}

fn target_hash(pkg: [u8; 16], name: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::default().hash_one((pkg, name))
}

/// Adds the invoke edges that may target a kept code instance, to a
/// fixpoint. Works in rounds: the code instances kept last round, sorted
/// by the hash of their target, walk forward through the invoke edges
/// sorted the same way (a merge, not one binary search each: the edges are
/// hundreds of thousands). The fixpoint does not depend on the order in
/// which instances are visited. Leaves every edge list sorted.
fn propagate<S: DeclSource>(
    packages: &[S],
    closure: &[Closure],
    invokes: &mut [Invoke],
    kept: &mut EdgeSets,
) -> Result<(), S::Error> {
    invokes.sort_unstable_by_key(|inv| (inv.target, inv.at));
    // A kept code instance as its callers' edges name it.
    struct Callee<'s> {
        target: u64,
        p: u32,
        c: u32,
        pkg: [u8; 16],
        name: &'s str,
        spec: &'s str,
    }
    let callee = |p: u32, c: u32| -> Result<Callee<'_>, S::Error> {
        let (key, spec) = packages[p as usize].code(c as usize)?;
        let name = last_segment(key.name);
        Ok(Callee {
            target: target_hash(key.pkg, name),
            p,
            c,
            pkg: key.pkg,
            name,
            spec,
        })
    };
    let mut round: Vec<Callee<'_>> = Vec::new();
    for (p, per_code) in kept.iter().enumerate() {
        for (c, edges) in per_code.iter().enumerate() {
            if !edges.is_empty() {
                round.push(callee(p as u32, c as u32)?);
            }
        }
    }
    while !round.is_empty() {
        round.sort_unstable_by_key(|k| (k.target, k.p, k.c));
        let mut next = Vec::new();
        let mut from = 0;
        for k in &round {
            let (target, p) = (k.target, k.p);
            from = first_at_least(invokes, from, target);
            let callees = invokes[from..]
                .iter()
                .take_while(|inv| inv.target == target);
            let mut callees = callees.peekable();
            if callees.peek().is_none() {
                continue;
            }
            let (spec, name) = (k.spec, k.name);
            let spec_tokens = spec_key(spec);
            for inv in callees {
                let (p2, c2, e2) = inv.at;
                // Already kept: nothing to learn from reading the edge again
                // (popular callees are reached from thousands of edges).
                if !closure[p2 as usize].contains(p) || kept[p2 as usize][c2 as usize].contains(&e2)
                {
                    continue;
                }
                let reaches = match packages[p2 as usize].edge(c2 as usize, e2 as usize)? {
                    EdgeRef::Invoke { method, spec: s2 }
                    | EdgeRef::Instance {
                        method, spec: s2, ..
                    }
                    | EdgeRef::InvokeSig {
                        method, spec: s2, ..
                    } => {
                        method.pkg == k.pkg
                            && last_segment(method.name) == name
                            && may_be_same_keyed(spec_tokens.as_deref(), s2)
                    }
                    // The specialization a recorded match reaches is an
                    // intersection, not a text: any code instance of the
                    // method may be it.
                    EdgeRef::CallMatched { matches, .. } => matches
                        .iter()
                        .any(|m| m.pkg == k.pkg && last_segment(m.name) == name),
                    EdgeRef::Call(_) | EdgeRef::Binding { .. } => false,
                };
                if !reaches {
                    continue;
                }
                let edges = &mut kept[p2 as usize][c2 as usize];
                if edges.is_empty() {
                    next.push(callee(p2, c2)?);
                }
                edges.push(e2);
            }
        }
        round = next;
    }
    for edges in kept.iter_mut().flatten() {
        edges.sort_unstable();
    }
    Ok(())
}

/// The first index at or after `from` whose invoke edge's target is not
/// below `target` (`invokes` sorted by target), found by galloping: the
/// targets asked for ascend, so each search starts where the last ended.
fn first_at_least(invokes: &[Invoke], from: usize, target: u64) -> usize {
    let below = |i: usize| invokes[i].target < target;
    if from >= invokes.len() || !below(from) {
        return from;
    }
    // invokes[lo] is below; find hi with invokes[hi] not below (or the end).
    let mut lo = from;
    let mut step = 1;
    let hi = loop {
        let probe = lo + step;
        if probe >= invokes.len() {
            break invokes.len();
        }
        if !below(probe) {
            break probe;
        }
        lo = probe;
        step *= 2;
    };
    lo + 1 + invokes[lo + 1..hi].partition_point(|inv| inv.target < target)
}

/// [`analyze`](crate::analysis::analyze) on the slice of `packages` ([`slice()`]): the same
/// answer, resolving only the declarations it depends on. Declarations
/// outside the slice are not checked.
pub fn analyze_sliced(packages: &[PackageDecl]) -> Result<Analysis, DeclError> {
    match analyze_sources(packages) {
        Ok((a, _)) => Ok(a),
        Err(SliceError::Decl(e)) => Err(e),
        Err(SliceError::Source(e)) => match e {},
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn galloping_finds_what_a_binary_search_finds() {
        for len in [0usize, 1, 2, 3, 5, 17, 100] {
            // Runs of equal targets, gaps, and targets past both ends.
            let mut targets: Vec<u64> = (0..len as u64).map(|i| (i * i * 7 + 3) % 12).collect();
            targets.sort_unstable();
            let invokes: Vec<Invoke> = targets
                .iter()
                .map(|&target| Invoke {
                    target,
                    at: (0, 0, 0),
                })
                .collect();
            for from in 0..=len {
                for target in 0..14 {
                    let want = from + invokes[from..].partition_point(|i| i.target < target);
                    assert_eq!(
                        first_at_least(&invokes, from, target),
                        want,
                        "{targets:?} from {from} target {target}"
                    );
                }
            }
        }
    }
}
