//! The merged world: packages resolved together against Julia's built-in
//! Core, Base and standard libraries.
//!
//! Each package is a module named after it. A name written in a package
//! resolves, in order, to the package's own declarations, then to those of
//! the packages in its dependency closure (a name two of them declare is
//! ambiguous), then to what Core and Base export, then to module paths
//! (`Base.Iterators.Reverse`, `OtherPkg.f`). Methods extend the function
//! their name resolves to (`Base.getindex`, or an unqualified `+` that Base
//! exports), or define a new function of the package.

mod build;
pub(crate) use build::supertype_head;
mod check;
mod error;

use std::collections::HashMap;

pub use check::{check_package, check_syntax};
pub use error::{uuid_hex, DeclError, DeclErrorKind};

use crate::types::dispatch::{match_methods, Matches};
use crate::types::registry::{Binding, TUPLE};
use crate::types::resolve::{resolve_in, Names};
use crate::types::show::show_with;
use crate::types::{Exhausted, NameId, Registry, Ty};
use error::Cx;

/// Hash maps of in-memory indices; never persisted, deterministic order.
pub(crate) type FxMap<K, V> = HashMap<K, V, foldhash::fast::FixedState>;

/// Names that packages may not declare as types.
pub const RESERVED: &[&str] = &["Any", "Union", "Tuple", "Type", "typeof", "where", "Vararg"];

/// The [`RMethod::pkg`] of a method of the built-in declarations (Core,
/// Base, the standard libraries): in every package's dependency closure.
pub const BUILTIN: usize = usize::MAX;

/// A resolved method.
#[derive(Clone, Debug)]
pub struct RMethod {
    /// Load-order index of the defining package, or [`BUILTIN`].
    pub pkg: usize,
    /// Index in that package's `methods` (for [`BUILTIN`]: in the built-in
    /// registry's [`Registry::methods`]).
    pub idx: usize,
    /// Function id.
    pub func: u32,
    /// Interned signature id.
    pub sig: u32,
}

/// A resolved edge (the resolved form of [`crate::decl::EdgeDecl`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum REdge {
    /// A dispatched call: interned signature id, and the global ids of the
    /// methods it matched when compiled (`None`: not recorded, so they are
    /// the matches in the caching package's compile world).
    Call {
        /// Interned call signature id.
        sig: u32,
        /// Recorded matches: (global method id, interned id of the call
        /// signature's intersection with the method's signature: the
        /// specialization the call reaches), ascending, distinct.
        matches: Option<Vec<(u32, u32)>>,
    },
    /// A direct call of a method instance: global method id and interned
    /// spec id.
    Invoke {
        /// Global method id.
        method: u32,
        /// Interned spec id.
        spec: u32,
    },
    /// A direct call of one code instance, by identity.
    Instance {
        /// Global method id.
        method: u32,
        /// Interned spec id.
        spec: u32,
        /// The code instance's owner (`None`: native).
        owner: Option<std::sync::Arc<str>>,
        /// Its world range.
        world: crate::decl::WorldRange,
    },
    /// `invoke(f, sig, args…)`: the interned invoke signature, the method it
    /// selected and the spec called.
    InvokeSig {
        /// Interned invoke signature id.
        sig: u32,
        /// Global method id of the selected method.
        method: u32,
        /// Interned spec id.
        spec: u32,
    },
    /// A global binding read: the module path (a package's name or a
    /// built-in module) and the name.
    Binding {
        /// Module path.
        module: std::sync::Arc<str>,
        /// Binding name.
        name: std::sync::Arc<str>,
    },
}

impl REdge {
    /// The method instance this edge calls directly, if any: (method, spec).
    pub fn callee(&self) -> Option<(u32, u32)> {
        match *self {
            REdge::Invoke { method, spec }
            | REdge::Instance { method, spec, .. }
            | REdge::InvokeSig { method, spec, .. } => Some((method, spec)),
            REdge::Call { .. } | REdge::Binding { .. } => None,
        }
    }
}

/// A resolved code instance.
#[derive(Clone, Debug)]
pub struct RCode {
    /// Load-order index of the caching package.
    pub pkg: usize,
    /// Index in that package's `code`.
    pub idx: usize,
    /// Global method id.
    pub method: u32,
    /// Interned spec id.
    pub spec: u32,
    /// The compiler that made it (`None`: native).
    pub owner: Option<std::sync::Arc<str>>,
    /// Its world range at save time.
    pub world: crate::decl::WorldRange,
    /// Edges in declaration order.
    pub edges: Vec<REdge>,
}

/// A function: its name, owner and singleton type.
#[derive(Clone, Debug)]
pub struct FuncInfo {
    /// Unqualified name.
    pub name: String,
    /// Load-order index of the owning package; `None` for a function of
    /// Core, Base or a standard library.
    pub owner: Option<usize>,
    /// The name of `typeof(f)` in the registry.
    pub type_name: NameId,
}

/// All packages resolved together (the merged world), with per-package
/// dependency closures.
#[derive(Debug)]
pub struct Universe {
    /// Package names in load order.
    pub names: Vec<String>,
    /// Package uuids in load order.
    pub uuids: Vec<[u8; 16]>,
    pub(crate) closure: Vec<Vec<u64>>,
    /// Type names, modules and bindings: the built-in declarations plus
    /// every package's.
    pub reg: Registry,
    /// Functions that have methods or are named by texts.
    pub funcs: Vec<FuncInfo>,
    /// Interned signatures.
    pub sigs: Vec<Ty>,
    /// Methods, grouped by package in load order.
    pub methods: Vec<RMethod>,
    /// First global method id of each package.
    pub method_start: Vec<usize>,
    /// Methods of each function (global ids, ascending).
    pub func_methods: Vec<Vec<u32>>,
    /// Code instances, grouped by package in load order.
    pub codes: Vec<RCode>,
    /// First global code id of each package.
    pub code_start: Vec<usize>,
    /// Type names each package declared.
    pub pkg_types: Vec<Vec<NameId>>,
    func_ids: FxMap<NameId, u32>,
    sig_ids: FxMap<u64, Vec<u32>>,
    /// Which built-in methods this universe holds.
    pub(crate) builtin: BuiltinMethods,
    /// Every name a package binds, with the packages binding it: lookups
    /// through a dependency closure visit only those.
    pkg_names: FxMap<String, Vec<(usize, Binding)>>,
    /// Package load-order index by name.
    pkg_index: FxMap<String, usize>,
}

/// The built-in methods a universe holds. They are added per function,
/// when a package extends it or an edge names it (a call of it, a key of
/// one of its methods): the other thousands of Base's methods cannot
/// change any answer of the analysis. A call naming no function adds all.
#[derive(Debug, Default)]
pub(crate) struct BuiltinMethods {
    /// Top-level modules packages replace (their methods are left out).
    pub(crate) replaced: Vec<std::sync::Arc<str>>,
    /// Functions (type names) whose built-in methods were added.
    added: std::collections::HashSet<NameId, foldhash::fast::FixedState>,
    /// Whether every built-in method was added.
    all: bool,
    /// Global method id by (function id, interned signature id).
    pub(crate) ids: FxMap<(u32, u32), u32>,
}

/// Bindings already looked up, by (package, path): valid while the
/// packages' declarations do not change.
pub(crate) type LookupCache = std::cell::RefCell<FxMap<usize, FxMap<Vec<String>, Option<Binding>>>>;

/// Names as package `q` sees them.
pub(crate) struct PackageScope<'u> {
    pub(crate) u: &'u Universe,
    pub(crate) q: usize,
    pub(crate) cache: Option<&'u LookupCache>,
}

impl Names for PackageScope<'_> {
    fn lookup(&self, path: &[String]) -> Result<Option<Binding>, String> {
        if let Some(cache) = self.cache {
            if let Some(b) = cache.borrow().get(&self.q).and_then(|m| m.get(path)) {
                return Ok(b.clone());
            }
        }
        let r = self.u.lookup(self.q, path);
        if let (Some(cache), Ok(b)) = (self.cache, &r) {
            cache
                .borrow_mut()
                .entry(self.q)
                .or_default()
                .insert(path.to_vec(), b.clone());
        }
        r.map_err(|k| match k {
            DeclErrorKind::Ambiguous { name, candidates } => format!(
                "name `{name}` is ambiguous (defined by {}); qualify it",
                candidates.join(", ")
            ),
            DeclErrorKind::UnknownPackage(p) => {
                format!("`{p}` is not a package in the dependency closure")
            }
            other => format!("{other:?}"),
        })
    }
}

impl Universe {
    /// Whether package `p` is in the dependency closure of package `q` (or
    /// is `q`); the built-in declarations ([`BUILTIN`]) are in every one.
    pub fn in_closure(&self, q: usize, p: usize) -> bool {
        p == BUILTIN || self.closure[q][p / 64] >> (p % 64) & 1 == 1
    }

    /// Interned signature by id.
    pub fn sig(&self, id: u32) -> &Ty {
        &self.sigs[id as usize]
    }

    /// The id of `s`, appending it if new (types equal up to the names of
    /// their variables share an id).
    pub(crate) fn intern(&mut self, s: Ty) -> u32 {
        use std::hash::{BuildHasher, Hasher};
        let mut h = foldhash::fast::FixedState::default().build_hasher();
        s.canon_hash(&mut h);
        let key = h.finish();
        if let Some(ids) = self.sig_ids.get(&key) {
            for &id in ids {
                if self.sigs[id as usize].egal(&s) {
                    return id;
                }
            }
        }
        let id = self.sigs.len() as u32;
        self.sigs.push(s);
        self.sig_ids.entry(key).or_default().push(id);
        id
    }

    fn pkg_by_name(&self, name: &str) -> Option<usize> {
        self.pkg_index.get(name).copied()
    }

    /// What `path` names from package `q` (see the module docs).
    pub(crate) fn lookup(
        &self,
        q: usize,
        path: &[String],
    ) -> Result<Option<Binding>, DeclErrorKind> {
        let Some((first, rest)) = path.split_first() else {
            return Ok(None);
        };
        let own = &self.names[q];
        let in_module = |m: &str, name: &str| -> Option<Binding> {
            self.reg
                .module(m)
                .and_then(|md| md.bindings.get(name).cloned())
        };
        let mut b = in_module(own, first);
        if b.is_none() {
            // The dependency closure, by load order; two different bindings
            // of one name are ambiguous.
            let mut found: Vec<(usize, Binding)> = Vec::new();
            for (p, x) in self.pkg_names.get(first.as_str()).into_iter().flatten() {
                if *p == q || !self.in_closure(q, *p) {
                    continue;
                }
                if !found.iter().any(|(_, y)| same_binding(y, x)) {
                    found.push((*p, x.clone()));
                }
            }
            match found.len() {
                0 => {}
                1 => b = found.pop().map(|(_, x)| x),
                _ => {
                    return Err(DeclErrorKind::Ambiguous {
                        name: first.clone(),
                        candidates: found.iter().map(|(p, _)| self.names[*p].clone()).collect(),
                    })
                }
            }
        }
        if b.is_none() {
            if let Some(p) = self.pkg_by_name(first) {
                if !self.in_closure(q, p) {
                    return Err(DeclErrorKind::UnknownPackage(first.clone()));
                }
            }
            b = self.reg.lookup(own, std::slice::from_ref(first));
        }
        let Some(mut b) = b else { return Ok(None) };
        for seg in rest {
            let Binding::Module(m) = &b else {
                return Ok(None);
            };
            match self
                .reg
                .module(m)
                .and_then(|md| md.bindings.get(seg.as_str()))
            {
                Some(x) => b = x.clone(),
                None => return Ok(None),
            }
        }
        Ok(Some(b))
    }

    /// Parse and resolve a signature text in the scope of package `q`.
    pub fn resolve_text(&self, q: usize, text: &str) -> Result<Ty, DeclError> {
        self.resolve_in(q, text, &|| "signature".into())
    }

    pub(crate) fn resolve_in(
        &self,
        q: usize,
        text: &str,
        context: &dyn Fn() -> String,
    ) -> Result<Ty, DeclError> {
        let e = self.parse_in(q, text, context)?;
        self.resolve_parsed(q, text, &e, context, None)
    }

    /// `text` parsed, or its parse error located in package `q`.
    pub(crate) fn parse_in(
        &self,
        q: usize,
        text: &str,
        context: &dyn Fn() -> String,
    ) -> Result<crate::syntax::Expr, DeclError> {
        crate::syntax::parse_type(text).map_err(|p| {
            Cx {
                pkg: &self.names[q],
                context,
                text,
            }
            .err(DeclErrorKind::Parse(p))
        })
    }

    /// `text`, already parsed to `e`, resolved in the scope of package `q`
    /// (name lookups remembered in `cache`, if given).
    pub(crate) fn resolve_parsed(
        &self,
        q: usize,
        text: &str,
        e: &crate::syntax::Expr,
        context: &dyn Fn() -> String,
        cache: Option<&LookupCache>,
    ) -> Result<Ty, DeclError> {
        let cx = Cx {
            pkg: &self.names[q],
            context,
            text,
        };
        resolve_in(&self.reg, &PackageScope { u: self, q, cache }, e)
            .map_err(|e| cx.err(resolve_error_kind(&e.message)))
    }

    /// Resolves and interns a call signature of package `q` (used when
    /// probing edges outside any code instance); `context` names it in errors.
    pub(crate) fn intern_call(
        &mut self,
        q: usize,
        text: &str,
        context: &dyn Fn() -> String,
    ) -> Result<u32, DeclError> {
        let s = self.resolve_in(q, text, context)?;
        if !is_tuple(&s) {
            return Err(Cx {
                pkg: &self.names[q],
                context,
                text,
            }
            .err(DeclErrorKind::Invalid(
                "a call signature must be a `Tuple{…}`".into(),
            )));
        }
        let id = self.intern(s);
        self.add_builtin_methods_for_call(id);
        Ok(id)
    }

    /// Add the built-in methods of the function (or constructors of the
    /// type) named `tn`, once; a later line with the same signature
    /// replaces an earlier one, as a method definition does in Julia.
    pub(crate) fn add_builtin_methods(&mut self, tn: NameId) {
        if self.builtin.all || !self.builtin.added.insert(tn) {
            return;
        }
        for &i in crate::builtin::methods_of(tn) {
            let m = &self.reg.methods()[i];
            let top = m.module.split('.').next().unwrap_or(&m.module);
            if self.builtin.replaced.iter().any(|r| **r == *top) {
                continue;
            }
            let sig = m.sig.clone();
            let f = self.func_of(tn, None);
            let sig = self.intern(sig);
            if let Some(&gid) = self.builtin.ids.get(&(f, sig)) {
                self.methods[gid as usize].idx = i;
                continue;
            }
            let gid = self.methods.len() as u32;
            self.builtin.ids.insert((f, sig), gid);
            self.methods.push(RMethod {
                pkg: BUILTIN,
                idx: i,
                func: f,
                sig,
            });
            self.func_methods[f as usize].push(gid);
        }
    }

    /// Add the built-in methods a call signature may dispatch to: those of
    /// the function it calls, or all when it names none.
    pub(crate) fn add_builtin_methods_for_call(&mut self, sig: u32) {
        match self.call_target(self.sig(sig)) {
            Some(tn) => self.add_builtin_methods(tn),
            None if !self.builtin.all => {
                let names: Vec<NameId> = self.reg.methods().iter().map(|m| m.func).collect();
                for tn in names {
                    self.add_builtin_methods(tn);
                }
                self.builtin.all = true;
            }
            None => {}
        }
    }

    /// The type name whose method table a call signature searches:
    /// `typeof(f)`'s, a constructor's type, a functor's type.
    fn call_target(&self, s: &Ty) -> Option<NameId> {
        let body = s.unwrap_unionall();
        if body.data_name() != Some(TUPLE) {
            return None;
        }
        // A functor of a parametric type is called as the UnionAll itself
        // (`Tuple{Foo, …}`); its table is that of the type's name
        // (src/gf.c `jl_method_table_for` unwraps it).
        let first = body.params().first()?.unwrap_unionall();
        let tn = first.data_name()?;
        if tn == crate::types::registry::TYPE {
            // A constructor call `Tuple{Type{F…}, …}`: F's methods.
            let target = first.params().first()?.unwrap_unionall();
            let target = match target.as_var() {
                Some(v) => v.ub().unwrap_unionall().clone(),
                None => target.clone(),
            };
            return target.data_name();
        }
        Some(tn)
    }

    /// The function a call signature `Tuple{typeof(f), …}` calls, if it is
    /// one with methods here.
    pub fn call_function(&self, s: &Ty) -> Option<u32> {
        self.func_ids.get(&self.call_target(s)?).copied()
    }

    /// Record that package `p` binds `name` (for closure lookups).
    pub(crate) fn note_binding(&mut self, p: usize, name: &str, b: Binding) {
        let es = self.pkg_names.entry(name.to_string()).or_default();
        if !es.iter().any(|(q, x)| *q == p && same_binding(x, &b)) {
            es.push((p, b));
        }
    }

    /// The function id of a function type name, creating the entry.
    pub(crate) fn func_of(&mut self, tn: NameId, owner: Option<usize>) -> u32 {
        if let Some(&f) = self.func_ids.get(&tn) {
            return f;
        }
        let n = self.reg.name(tn);
        // A function's name, or the name of a type whose constructors these are.
        let name = n.function.as_deref().unwrap_or(&n.name).to_string();
        let f = self.funcs.len() as u32;
        self.funcs.push(FuncInfo {
            name,
            owner,
            type_name: tn,
        });
        self.func_methods.push(Vec::new());
        self.func_ids.insert(tn, f);
        f
    }

    /// Print a resolved signature as Julia shows it; names of packages print
    /// unqualified.
    pub fn display_sig(&self, s: &Ty) -> String {
        show_with(&self.reg, s, &|m| self.names.iter().any(|n| n == m))
    }

    /// Method matching (gf.c `ml_matches`) for `t` among the methods of the
    /// compile world of package `q` (`Some(q)`: `q` and its dependency
    /// closure) or of the merged world (`None`). Indices in the result are
    /// global method ids (into [`Universe::methods`]).
    pub fn match_in_world(&self, t: &Ty, world: Option<usize>) -> Result<Matches, Exhausted> {
        let ids: Vec<u32> = match self.call_function(t) {
            Some(f) => self.func_methods[f as usize].clone(),
            None if is_tuple(t) && self.first_is_function_type(t) => Vec::new(),
            None => (0..self.methods.len() as u32).collect(),
        };
        let ids: Vec<u32> = ids
            .into_iter()
            .filter(|m| match world {
                None => true,
                Some(q) => self.in_closure(q, self.methods[*m as usize].pkg),
            })
            .collect();
        let sigs: Vec<Ty> = ids
            .iter()
            .map(|m| self.sig(self.methods[*m as usize].sig).clone())
            .collect();
        let mut r = match_methods(&self.reg, t, &sigs)?;
        for i in r.methods.iter_mut() {
            *i = ids[*i] as usize;
        }
        for (a, b) in r.ambiguous.iter_mut() {
            *a = ids[*a] as usize;
            *b = ids[*b] as usize;
        }
        Ok(r)
    }

    fn first_is_function_type(&self, t: &Ty) -> bool {
        let body = t.unwrap_unionall();
        body.params()
            .first()
            .and_then(Ty::data_name)
            .is_some_and(|n| self.reg.is_function_type(n))
    }

    /// Resolve all packages (in load order: dependencies first) into one universe.
    pub fn build(decls: &[crate::decl::PackageDecl]) -> Result<Universe, DeclError> {
        build::Builder::default().build(decls)
    }
}

fn is_tuple(t: &Ty) -> bool {
    t.unwrap_unionall().data_name() == Some(TUPLE)
}

fn same_binding(a: &Binding, b: &Binding) -> bool {
    match (a, b) {
        (Binding::Type(x), Binding::Type(y)) | (Binding::Function(x), Binding::Function(y)) => {
            x == y
        }
        (Binding::Module(x), Binding::Module(y)) => x == y,
        (Binding::Alias(x), Binding::Alias(y)) | (Binding::Const(x), Binding::Const(y)) => {
            x.egal(y)
        }
        _ => false,
    }
}

/// The error kind a resolution message stands for.
pub(crate) fn resolve_error_kind(message: &str) -> DeclErrorKind {
    let quoted = || message.split('`').nth(1).unwrap_or_default().to_string();
    if message.starts_with("unknown type") {
        DeclErrorKind::UnknownType(quoted())
    } else if message.starts_with("unknown function") {
        DeclErrorKind::UnknownFunction(quoted())
    } else if message.starts_with("name `") && message.contains("is ambiguous") {
        let candidates = message
            .split("defined by ")
            .nth(1)
            .and_then(|s| s.split(')').next())
            .map(|s| s.split(", ").map(str::to_string).collect())
            .unwrap_or_default();
        DeclErrorKind::Ambiguous {
            name: quoted(),
            candidates,
        }
    } else if message.contains("is not a package in the dependency closure") {
        DeclErrorKind::UnknownPackage(quoted())
    } else if message.starts_with("too many parameters") {
        let num = |s: Option<&str>| {
            s.and_then(|s| s.split_whitespace().next())
                .and_then(|n| n.trim_end_matches(',').parse().ok())
                .unwrap_or(0)
        };
        DeclErrorKind::Arity {
            name: quoted(),
            expected: num(message.split("it takes ").nth(1)),
            found: num(message.split(", ").last()),
        }
    } else {
        DeclErrorKind::Invalid(message.to_string())
    }
}
