//! Building the merged world from package declarations.

use std::collections::HashSet;

use super::error::{top_err, uuid_hex, Cx, DeclError, DeclErrorKind};
use super::{resolve_error_kind, FxMap, PackageScope, RCode, REdge, RMethod, Universe};
use crate::builtin_packages::builtin_package;
use crate::decl::{AliasDecl, EdgeDecl, MethodKey, PackageDecl, TypeDecl, TypeKind};
use crate::syntax::{parse_type, Expr, ExprKind, WhereVar};
use crate::types::registry::{Binding, Kind, TUPLE};
use crate::types::resolve::{resolve_in, resolve_with_in};
use crate::types::{subtype_checked, Registry, Ty, Var};

#[derive(Default)]
pub(crate) struct Builder<'a> {
    /// Every text resolved, with what it resolved to in each package:
    /// one lookup per text asked for (they are asked for half a million
    /// times in a large set).
    texts: FxMap<&'a str, TextSigs>,
    method_ids: FxMap<(usize, u32, u32), u32>,
    /// Method keys already resolved, by (package, name, signature text):
    /// thousands of edges name the same few callees.
    method_keys: FxMap<([u8; 16], &'a str, &'a str), u32>,
    /// Interned intersections of a call signature with a recorded match's
    /// signature, by (signature id, method id).
    reached: FxMap<(u32, u32), u32>,
    /// Name paths that shared texts look up, numbered.
    paths: Vec<Vec<String>>,
    path_ids: FxMap<Vec<String>, u32>,
    /// Names already looked up from a package (valid once the package's
    /// own types and functions are declared, before its signatures).
    looked_up: FxMap<(usize, u32), Option<Binding>>,
    /// The same for resolution (started once declarations are complete).
    resolve_cache: super::LookupCache,
}

/// A resolved signature id with the (name path id, binding) pairs it
/// depends on.
type SharedSig = (u32, Vec<(u32, Option<Binding>)>);

/// A text's interned signature in each package that resolved it, and its
/// scope-independent reuse. Small: a large set resolves a million texts,
/// and most occur in one package only (specializations).
struct TextSigs {
    /// (package, id) of the first resolution.
    first: (u32, u32),
    /// What a text that recurs in other packages needs.
    recurring: Option<Box<Recurring>>,
}

/// The other packages' resolutions of a text, and a resolution with the
/// names it looked up, recorded once the text recurs in a second package:
/// reused in another package when each name resolves to the same binding
/// there.
#[derive(Default)]
struct Recurring {
    more: Vec<(u32, u32)>,
    shared: Option<SharedSig>,
}

impl TextSigs {
    fn id_in(&self, q: usize) -> Option<u32> {
        if self.first.0 as usize == q {
            return Some(self.first.1);
        }
        let more = &self.recurring.as_ref()?.more;
        more.iter()
            .find(|(p, _)| *p as usize == q)
            .map(|&(_, id)| id)
    }
}

impl<'a> Builder<'a> {
    fn sig(
        &mut self,
        u: &mut Universe,
        q: usize,
        text: &'a str,
        context: &dyn Fn() -> String,
    ) -> Result<u32, DeclError> {
        use std::collections::hash_map::Entry;
        let sigs = match self.texts.entry(text) {
            Entry::Occupied(o) => o.into_mut(),
            Entry::Vacant(v) => {
                let e = u.parse_in(q, text, context)?;
                let s = u.resolve_parsed(q, text, &e, context, Some(&self.resolve_cache))?;
                let id = u.intern(s);
                v.insert(TextSigs {
                    first: (q as u32, id),
                    recurring: None,
                });
                return Ok(id);
            }
        };
        if let Some(id) = sigs.id_in(q) {
            return Ok(id);
        }
        let sigs = sigs.recurring.get_or_insert_with(Box::default);
        if let Some((id, names)) = &sigs.shared {
            let (cache, paths) = (&mut self.looked_up, &self.paths);
            let same = names.iter().all(|(pid, want)| {
                let got = cache
                    .entry((q, *pid))
                    .or_insert_with(|| u.lookup(q, &paths[*pid as usize]).ok().flatten())
                    .clone();
                match (got, want) {
                    (None, None) => true,
                    (Some(got), Some(want)) => super::same_binding(&got, want),
                    _ => false,
                }
            });
            if same {
                let id = *id;
                sigs.more.push((q as u32, id));
                return Ok(id);
            }
        }
        let e = u.parse_in(q, text, context)?;
        let s = u.resolve_parsed(q, text, &e, context, Some(&self.resolve_cache))?;
        let id = u.intern(s);
        sigs.more.push((q as u32, id));
        // The text recurs: record what a reuse elsewhere must check.
        if sigs.shared.is_none() {
            let mut paths = Vec::new();
            names_of(&e, &mut Vec::new(), &mut paths);
            let names = paths
                .into_iter()
                .map(|p| {
                    let b = u.lookup(q, &p).ok().flatten();
                    let pid = match self.path_ids.get(&p) {
                        Some(&i) => i,
                        None => {
                            let i = self.paths.len() as u32;
                            self.paths.push(p.clone());
                            self.path_ids.insert(p, i);
                            i
                        }
                    };
                    (pid, b)
                })
                .collect();
            sigs.shared = Some((id, names));
        }
        Ok(id)
    }

    /// A call signature: a non-empty `Tuple{...}`.
    fn call_sig(
        &mut self,
        u: &mut Universe,
        q: usize,
        text: &'a str,
        context: &dyn Fn() -> String,
    ) -> Result<u32, DeclError> {
        let sid = self.sig(u, q, text, context)?;
        u.add_builtin_methods_for_call(sid);
        let t = u.sig(sid).unwrap_unionall();
        if t.data_name() != Some(TUPLE) || t.params().is_empty() {
            return Err(Cx {
                pkg: &u.names[q],
                context,
                text,
            }
            .err(DeclErrorKind::Invalid(
                "a call signature must be a non-empty `Tuple{...}`".into(),
            )));
        }
        Ok(sid)
    }

    /// A method key and a spec that must be a subtype of its signature
    /// (`what` names the spec in the error).
    #[allow(clippy::too_many_arguments)]
    fn callee(
        &mut self,
        u: &mut Universe,
        q: usize,
        (method, spec): (&'a MethodKey, &'a str),
        uuid_idx: &FxMap<[u8; 16], usize>,
        context: &dyn Fn() -> String,
        what: &str,
    ) -> Result<(u32, u32), DeclError> {
        let mid = self.method_key(u, q, method, uuid_idx, context)?;
        let sid = self.sig(u, q, spec, context)?;
        let msig = u.methods[mid as usize].sig;
        let ecx = Cx {
            pkg: &u.names[q],
            context,
            text: spec,
        };
        if !sub(u, sid, msig, &ecx)? {
            return Err(ecx.err(DeclErrorKind::Invalid(format!(
                "{what} is not a subtype of the method signature `{}`",
                method.sig
            ))));
        }
        Ok((mid, sid))
    }

    /// Resolves one edge of a code instance of package `q`.
    fn edge(
        &mut self,
        u: &mut Universe,
        q: usize,
        e: &'a EdgeDecl,
        uuid_idx: &FxMap<[u8; 16], usize>,
        ectx: &dyn Fn() -> String,
    ) -> Result<REdge, DeclError> {
        Ok(match e {
            EdgeDecl::Call(s) => REdge::Call {
                sig: self.call_sig(u, q, s, ectx)?,
                matches: None,
            },
            EdgeDecl::CallMatched { sig, matches } => {
                let sid = self.call_sig(u, q, sig, ectx)?;
                let f = u.call_function(u.sig(sid));
                let mut ms = Vec::with_capacity(matches.len());
                for k in matches {
                    let mid = self.method_key(u, q, k, uuid_idx, ectx)?;
                    // A match is a method of the called function (when the
                    // signature names one: `Tuple{typeof(f), …}`).
                    if f.is_some_and(|f| u.methods[mid as usize].func != f) {
                        return Err(Cx {
                            pkg: &u.names[q],
                            context: ectx,
                            text: &k.sig,
                        }
                        .err(DeclErrorKind::Invalid(format!(
                            "recorded match {} is not a method of the function `{sig}` calls",
                            k.name
                        ))));
                    }
                    // The specialization the call reaches in that method.
                    let spec = match self.reached.get(&(sid, mid)) {
                        Some(&spec) => spec,
                        None => {
                            let isect = crate::types::intersect(
                                &u.reg,
                                u.sig(sid),
                                u.sig(u.methods[mid as usize].sig),
                            );
                            let spec = u.intern(isect);
                            self.reached.insert((sid, mid), spec);
                            spec
                        }
                    };
                    ms.push((mid, spec));
                }
                ms.sort_unstable();
                ms.dedup();
                REdge::Call {
                    sig: sid,
                    matches: Some(ms),
                }
            }
            EdgeDecl::Invoke { method, spec } => {
                let (method, spec) =
                    self.callee(u, q, (method, spec), uuid_idx, ectx, "invoke spec")?;
                REdge::Invoke { method, spec }
            }
            EdgeDecl::Instance {
                method,
                spec,
                owner,
                world,
            } => {
                let (method, spec) =
                    self.callee(u, q, (method, spec), uuid_idx, ectx, "instance spec")?;
                REdge::Instance {
                    method,
                    spec,
                    owner: owner.as_deref().map(Into::into),
                    world: *world,
                }
            }
            EdgeDecl::InvokeSig { sig, method, spec } => {
                let sid = self.call_sig(u, q, sig, ectx)?;
                let (mid, spec) =
                    self.callee(u, q, (method, spec), uuid_idx, ectx, "invoke spec")?;
                // jl_gf_invoke_lookup: the invoke signature selects a
                // method whose signature contains it.
                let ecx = Cx {
                    pkg: &u.names[q],
                    context: ectx,
                    text: sig,
                };
                if !sub(u, sid, u.methods[mid as usize].sig, &ecx)? {
                    return Err(ecx.err(DeclErrorKind::Invalid(format!(
                        "invoke signature is not a subtype of the selected method's signature `{}`",
                        method.sig
                    ))));
                }
                REdge::InvokeSig {
                    sig: sid,
                    method: mid,
                    spec,
                }
            }
            EdgeDecl::Binding { module, name } => {
                let cx = Cx {
                    pkg: &u.names[q],
                    context: ectx,
                    text: module,
                };
                if name.is_empty() {
                    return Err(Cx { text: name, ..cx }
                        .err(DeclErrorKind::Invalid("a binding needs a name".into())));
                }
                let known = match u.pkg_by_name(module) {
                    Some(p) => u.in_closure(q, p),
                    None => u.reg.module(module).is_some(),
                };
                if !known {
                    return Err(cx.err(DeclErrorKind::Invalid(format!(
                        "`{module}` is not a known module (a package of the closure or a built-in module)"
                    ))));
                }
                REdge::Binding {
                    module: module.as_str().into(),
                    name: name.as_str().into(),
                }
            }
        })
    }

    /// A method of the built-in package `module` (not replaced by a
    /// package): its name and signature resolve in that module.
    fn builtin_method_key(
        &mut self,
        u: &mut Universe,
        q: usize,
        module: &str,
        key: &'a MethodKey,
        context: &dyn Fn() -> String,
    ) -> Result<u32, DeclError> {
        let err = |u: &Universe, kind: DeclErrorKind| {
            Cx {
                pkg: &u.names[q],
                context,
                text: &key.sig,
            }
            .err(kind)
        };
        let unknown = |u: &Universe| {
            err(
                u,
                DeclErrorKind::UnknownMethod(format!("{}{} in {module}", key.name, key.sig)),
            )
        };
        // The built-in methods are in every closure: a key resolves the
        // same from every package.
        if let Some(&id) = self
            .method_keys
            .get(&(key.pkg, key.name.as_str(), key.sig.as_str()))
        {
            return Ok(id);
        }
        let path = name_path(&key.name);
        let tn = match u.reg.lookup(module, &path) {
            Some(Binding::Function(tn) | Binding::Type(tn)) => tn,
            Some(Binding::Alias(t)) => match t.unwrap_unionall().data_name() {
                Some(tn) => tn,
                None => return Err(unknown(u)),
            },
            _ => return Err(err(u, DeclErrorKind::UnknownFunction(key.name.clone()))),
        };
        u.add_builtin_methods(tn);
        let Some(&f) = u.func_ids.get(&tn) else {
            return Err(unknown(u));
        };
        let e = parse_type(&key.sig).map_err(|p| err(u, DeclErrorKind::Parse(p)))?;
        let t = crate::types::resolve::resolve(&u.reg, module, &e)
            .map_err(|e| err(u, resolve_error_kind(&e.message)))?;
        let sig = u.intern(t);
        match u.builtin.ids.get(&(f, sig)) {
            Some(&id) => {
                self.method_keys
                    .insert((key.pkg, key.name.as_str(), key.sig.as_str()), id);
                Ok(id)
            }
            None => Err(unknown(u)),
        }
    }

    fn method_key(
        &mut self,
        u: &mut Universe,
        q: usize,
        key: &'a MethodKey,
        uuid_idx: &FxMap<[u8; 16], usize>,
        context: &dyn Fn() -> String,
    ) -> Result<u32, DeclError> {
        let err = |u: &Universe, p: usize, kind: DeclErrorKind| {
            Cx {
                pkg: &u.names[p],
                context,
                text: &key.sig,
            }
            .err(kind)
        };
        let describe = || format!("{}{} in package {}", key.name, key.sig, uuid_hex(&key.pkg));
        let Some(&kp) = uuid_idx.get(&key.pkg) else {
            if let Some(b) = builtin_package(&key.pkg) {
                return self.builtin_method_key(u, q, b.name, key, context);
            }
            return Err(err(
                u,
                q,
                DeclErrorKind::UnknownMethod(format!("{} (unknown package)", describe())),
            ));
        };
        if !u.in_closure(q, kp) {
            let msg = format!(
                "method key names package {} outside the dependency closure",
                u.names[kp]
            );
            return Err(err(u, q, DeclErrorKind::Invalid(msg)));
        }
        // Name and signature resolve in the defining package, so the
        // answer is the same from every package that may name it.
        if let Some(&id) = self
            .method_keys
            .get(&(key.pkg, key.name.as_str(), key.sig.as_str()))
        {
            return Ok(id);
        }
        let path = name_path(&key.name);
        // A function, or a type whose constructors the key names.
        let func_name = |b: Binding| match b {
            Binding::Function(tn) | Binding::Type(tn) => Some(tn),
            Binding::Alias(t) => t.unwrap_unionall().data_name(),
            _ => None,
        };
        let f = match u.lookup(kp, &path).map(|b| b.and_then(func_name)) {
            Ok(Some(tn)) => match u.func_ids.get(&tn) {
                Some(&f) => f,
                None => {
                    let msg = format!("{} @ {}", describe(), u.names[kp]);
                    return Err(err(u, q, DeclErrorKind::UnknownMethod(msg)));
                }
            },
            Ok(_) => return Err(err(u, kp, DeclErrorKind::UnknownFunction(key.name.clone()))),
            Err(k) => return Err(err(u, kp, k)),
        };
        let sig = self.sig(u, kp, &key.sig, context)?;
        match self.method_ids.get(&(kp, f, sig)) {
            Some(&id) => {
                self.method_keys
                    .insert((key.pkg, key.name.as_str(), key.sig.as_str()), id);
                Ok(id)
            }
            None => {
                let msg = format!("{} @ {}", describe(), u.names[kp]);
                Err(err(u, q, DeclErrorKind::UnknownMethod(msg)))
            }
        }
    }

    /// The function a method named `path` in package `q` adds to: the one
    /// the name resolves to, or a new function of `q`.
    fn define_func(
        &mut self,
        u: &mut Universe,
        q: usize,
        path: &[String],
        cx: &Cx,
    ) -> Result<u32, DeclError> {
        match u.lookup(q, path).map_err(|k| cx.err(k))? {
            Some(Binding::Function(tn)) => {
                let owner = u.names.iter().position(|n| **n == *u.reg.name(tn).module);
                Ok(u.func_of(tn, owner))
            }
            Some(b @ (Binding::Type(_) | Binding::Alias(_))) => {
                // A constructor: a method of the type itself
                // (`Tuple{Type{Float64}, MyNum}`).
                let target = match b {
                    Binding::Type(id) => Some(id),
                    Binding::Alias(t) => t.unwrap_unionall().data_name(),
                    _ => None,
                };
                let Some(tn) = target else {
                    return Err(cx.err(DeclErrorKind::Invalid(format!(
                        "`{}` names no data type to construct",
                        path.join(".")
                    ))));
                };
                let owner = u.names.iter().position(|n| **n == *u.reg.name(tn).module);
                Ok(u.func_of(tn, owner))
            }
            Some(_) if path.len() == 1 => Err(cx.err(DeclErrorKind::Invalid(format!(
                "`{}` names a module, not a function",
                path[0]
            )))),
            Some(_) => Err(cx.err(DeclErrorKind::UnknownFunction(path.join(".")))),
            None if path.len() == 1 => {
                let module = u.names[q].clone();
                let tn = u
                    .reg
                    .declare_function(&module, &path[0])
                    .map_err(|e| cx.err(DeclErrorKind::Invalid(e.0)))?;
                u.note_binding(q, &path[0], Binding::Function(tn));
                Ok(u.func_of(tn, Some(q)))
            }
            None => match u.lookup(q, &path[..path.len() - 1]) {
                Ok(Some(Binding::Module(_))) | Ok(None) => {
                    Err(cx.err(DeclErrorKind::UnknownFunction(path.join("."))))
                }
                _ => Err(cx.err(DeclErrorKind::UnknownFunction(path.join(".")))),
            },
        }
    }

    pub(crate) fn build(mut self, decls: &'a [PackageDecl]) -> Result<Universe, DeclError> {
        // Sized for a text per method and code instance (edges mostly
        // repeat texts): growing rehashes, and more would be memory unused.
        let texts: usize = decls.iter().map(|d| d.methods.len() + d.code.len()).sum();
        self.texts.reserve(texts);
        let n = decls.len();
        let words = n.div_ceil(64).max(1);
        let mut u = Universe::empty(decls);
        let mut uuid_idx: FxMap<[u8; 16], usize> = FxMap::default();
        for (q, d) in decls.iter().enumerate() {
            if uuid_idx.insert(d.uuid, q).is_some() {
                return Err(top_err(
                    &d.name,
                    "package".into(),
                    format!("duplicate uuid {}", uuid_hex(&d.uuid)),
                ));
            }
            if decls[..q].iter().any(|o| o.name == d.name) {
                return Err(top_err(
                    &d.name,
                    "package".into(),
                    "duplicate package name".into(),
                ));
            }
            let mut bits = vec![0u64; words];
            bits[q / 64] |= 1 << (q % 64);
            for dep in &d.deps {
                match uuid_idx.get(dep) {
                    Some(&p) if p != q => {
                        for (w, b) in bits.iter_mut().zip(&u.closure[p]) {
                            *w |= *b;
                        }
                    }
                    // Core, Base and the standard libraries are always
                    // loaded: their declarations are built in.
                    None if crate::builtin_packages::builtin_package(dep).is_some() => {}
                    _ => {
                        let later = decls.iter().position(|o| o.uuid == *dep);
                        let msg = match later {
                            Some(i) if i != q => format!(
                                "dependency {} must be loaded before its dependent",
                                decls[i].name
                            ),
                            Some(_) => "package depends on itself".to_string(),
                            None => format!("unknown dependency {}", uuid_hex(dep)),
                        };
                        return Err(top_err(&d.name, "deps".into(), msg));
                    }
                }
            }
            u.closure.push(bits);
            // The package's module, by its name as it is (a name that is
            // no identifier just cannot be written qualified).
            let m = u.reg.module_mut(&d.name);
            if m.uses.is_empty() {
                m.uses = vec!["Core".into(), "Base".into()];
            }
        }
        u.builtin.replaced = replaced_builtin_modules(decls);
        // A declared type that some declaration names as its supertype is
        // abstract (Julia cannot subtype a concrete type); the others are
        // concrete structs.
        let supers = supertype_heads(decls);
        for (q, d) in decls.iter().enumerate() {
            let mut declared = Vec::with_capacity(d.types.len());
            for (ti, t) in d.types.iter().enumerate() {
                let ctx = || format!("type {}", t.name);
                let cx = Cx {
                    pkg: &d.name,
                    context: &ctx,
                    text: &t.supertype,
                };
                let (e, wvars) = check_type_decl(t, &d.types[..ti], &cx)?;
                let params = resolve_params(&u, q, &wvars, &t.params, &cx)?;
                let kind = match t.kind {
                    Some(TypeKind::Abstract) => Kind::Abstract,
                    Some(TypeKind::Struct) => Kind::Struct,
                    Some(TypeKind::Mutable) => Kind::Mutable,
                    // The model does not record the size in bits.
                    Some(TypeKind::Primitive) => Kind::Primitive(0),
                    None if supers.contains(t.name.as_str()) => Kind::Abstract,
                    None => Kind::Struct,
                };
                // Declared before its supertype is read, so that the
                // supertype's parameters may name the type itself.
                let id = declare_type(&mut u.reg, &d.name, &t.name, params.clone(), kind)
                    .map_err(|m| cx.err(DeclErrorKind::Invalid(m)))?;
                let sup = resolve_with_in(
                    &u.reg,
                    &PackageScope {
                        u: &u,
                        q,
                        cache: None,
                    },
                    &params,
                    &e,
                )
                .map_err(|e| cx.err(resolve_error_kind(&e.message)))?;
                let ok = match sup.node() {
                    crate::types::Node::Data { name, .. } => {
                        *name != id && *name != TUPLE && !u.reg.is_function_type(*name)
                    }
                    _ => false,
                };
                if !ok {
                    return Err(cx.err(DeclErrorKind::Invalid(
                        "supertype must be `Any` or a declared type with all its parameters".into(),
                    )));
                }
                // jltypes.c / boot.jl: only an abstract type may be
                // subtyped (`invalid subtyping in definition`).
                let sup_abstract = sup
                    .data_name()
                    .is_some_and(|n| u.reg.name(n).kind == Kind::Abstract);
                if !sup_abstract || u.reg.is_concrete(&sup) {
                    return Err(cx.err(DeclErrorKind::Invalid("supertype must be abstract".into())));
                }
                if reaches(&u.reg, &sup, id) {
                    return Err(cx.err(DeclErrorKind::Invalid(
                        "supertype must be declared before the type".into(),
                    )));
                }
                u.reg.set_supertype(id, sup);
                u.note_binding(q, &t.name, Binding::Type(id));
                declared.push(id);
            }
            u.pkg_types.push(declared);
            // Aliases: module bindings to types (`const MyVec{T} = Vector{T}`),
            // resolved like the built-in aliases of the declaration file.
            for (ai, a) in d.aliases.iter().enumerate() {
                let ctx = || format!("alias {}", a.name);
                let cx = Cx {
                    pkg: &d.name,
                    context: &ctx,
                    text: &a.body,
                };
                let e = check_alias_decl(a, &d.types, &d.aliases[..ai], &cx)?;
                let t = resolve_in(
                    &u.reg,
                    &PackageScope {
                        u: &u,
                        q,
                        cache: None,
                    },
                    &e,
                )
                .map_err(|e| cx.err(resolve_error_kind(&e.message)))?;
                if u.reg
                    .module(&d.name)
                    .is_some_and(|m| m.bindings.contains_key(a.name.as_str()))
                {
                    // A package named like a built-in module replaces its
                    // binding (as for types).
                    u.reg.unbind(&d.name, &a.name);
                }
                u.reg
                    .declare_alias(&d.name, &a.name, t.clone())
                    .map_err(|m| cx.err(DeclErrorKind::Invalid(m.0)))?;
                u.note_binding(q, &a.name, Binding::Alias(t));
            }
            // Functions of methods, then signatures.
            u.method_start.push(u.methods.len());
            let mut fids = Vec::with_capacity(d.methods.len());
            for m in &d.methods {
                let ctx = || format!("method {}", m.name);
                let cx = Cx {
                    pkg: &d.name,
                    context: &ctx,
                    text: &m.name,
                };
                let path = name_path(&m.name);
                if path.iter().any(|p| p.is_empty()) {
                    return Err(cx.err(DeclErrorKind::Invalid(format!(
                        "`{}` is not a valid name",
                        m.name
                    ))));
                }
                fids.push(self.define_func(&mut u, q, &path, &cx)?);
            }
            for (mi, m) in d.methods.iter().enumerate() {
                let ctx = || format!("method {}", m.name);
                let sig = self.sig(&mut u, q, &m.sig, &ctx)?;
                let f = fids[mi];
                if u.call_function(u.sig(sig)) != Some(f) {
                    return Err(Cx {
                        pkg: &d.name,
                        context: &ctx,
                        text: &m.sig,
                    }
                    .err(DeclErrorKind::Invalid(format!(
                        "a method signature must be `Tuple{{typeof({0}), ...}}` (or `Tuple{{Type{{{0}}}, ...}}` for a constructor, `Tuple{{{0}, ...}}` for a functor)",
                        m.name
                    ))));
                }
                let gid = u.methods.len() as u32;
                if self.method_ids.insert((q, f, sig), gid).is_some() {
                    return Err(top_err(
                        &d.name,
                        ctx(),
                        format!("method {} defined twice", m.sig),
                    ));
                }
                u.methods.push(RMethod {
                    pkg: q,
                    idx: mi,
                    func: f,
                    sig,
                });
                u.func_methods[f as usize].push(gid);
                // A key written as the method was declared names it: code
                // instances name their methods so, by the hundred thousand.
                self.method_keys
                    .insert((d.uuid, m.name.as_str(), m.sig.as_str()), gid);
            }
        }
        u.method_start.push(u.methods.len());
        // Base's methods of the functions packages extend (others as edges
        // name them): after every package's, so each package's stay
        // contiguous.
        let extended: Vec<_> = u.funcs.iter().map(|f| f.type_name).collect();
        for tn in extended {
            u.add_builtin_methods(tn);
        }
        // Code instances (after all methods, so keys can name any visible method).
        for (q, d) in decls.iter().enumerate() {
            u.code_start.push(u.codes.len());
            for (ci, c) in d.code.iter().enumerate() {
                let ctx = || format!("code {ci} ({})", c.method.name);
                let m = self.method_key(&mut u, q, &c.method, &uuid_idx, &ctx)?;
                let spec = self.sig(&mut u, q, &c.spec, &ctx)?;
                let msig = u.methods[m as usize].sig;
                let cx = Cx {
                    pkg: &d.name,
                    context: &ctx,
                    text: &c.spec,
                };
                if !sub(&u, spec, msig, &cx)? {
                    return Err(cx.err(DeclErrorKind::Invalid(format!(
                        "specialization is not a subtype of the method signature `{}`",
                        c.method.sig
                    ))));
                }
                let mut edges = Vec::with_capacity(c.edges.len());
                for (ei, e) in c.edges.iter().enumerate() {
                    let ectx = || format!("code {ci} ({}) edge {ei}", c.method.name);
                    edges.push(self.edge(&mut u, q, e, &uuid_idx, &ectx)?);
                }
                u.codes.push(RCode {
                    pkg: q,
                    idx: ci,
                    method: m,
                    spec,
                    owner: c.owner.as_deref().map(Into::into),
                    world: c.world,
                    edges,
                });
            }
        }
        u.code_start.push(u.codes.len());
        Ok(u)
    }
}

impl Universe {
    /// A universe of `decls`' names and ids with nothing resolved yet.
    fn empty(decls: &[PackageDecl]) -> Universe {
        let n = decls.len();
        Universe {
            names: decls.iter().map(|d| d.name.clone()).collect(),
            uuids: decls.iter().map(|d| d.uuid).collect(),
            closure: Vec::with_capacity(n),
            reg: crate::builtin::julia(),
            funcs: Vec::new(),
            sigs: Vec::new(),
            methods: Vec::new(),
            method_start: Vec::with_capacity(n + 1),
            func_methods: Vec::new(),
            codes: Vec::new(),
            code_start: Vec::with_capacity(n + 1),
            pkg_types: Vec::with_capacity(n),
            func_ids: FxMap::default(),
            sig_ids: FxMap::default(),
            builtin: Default::default(),
            pkg_names: FxMap::default(),
            pkg_index: decls
                .iter()
                .enumerate()
                .map(|(i, d)| (d.name.clone(), i))
                .collect(),
        }
    }
}

/// The built-in modules (by top-level name) that packages replace: a
/// package holding a built-in package's id, or named like one.
fn replaced_builtin_modules(decls: &[PackageDecl]) -> Vec<std::sync::Arc<str>> {
    let mut v: Vec<std::sync::Arc<str>> = Vec::new();
    for d in decls {
        for name in [
            Some(d.name.as_str()),
            builtin_package(&d.uuid).map(|b| b.name),
        ]
        .into_iter()
        .flatten()
        {
            if !v.iter().any(|x| **x == *name) {
                v.push(name.into());
            }
        }
    }
    v
}

fn sub(u: &Universe, a: u32, b: u32, cx: &Cx) -> Result<bool, DeclError> {
    subtype_checked(&u.reg, u.sig(a), u.sig(b)).map_err(|_| cx.err(DeclErrorKind::Budget))
}

/// A dotted function name as a path (`Base.getindex`, `Base.:+` written
/// `Base.+`).
pub(crate) fn name_path(name: &str) -> Vec<String> {
    // Plain dotted names, nearly all of them, split as the parser would
    // read them (the test below checks that); a package's methods are read
    // this way by the tens of thousands.
    if crate::syntax::is_plain_path(name) {
        return name.split('.').map(str::to_string).collect();
    }
    parsed_name_path(name)
}

fn parsed_name_path(name: &str) -> Vec<String> {
    match parse_type(&format!("typeof({name})")) {
        Ok(Expr {
            kind: ExprKind::TypeOf(path),
            ..
        }) => path,
        _ => name.split('.').map(str::to_string).collect(),
    }
}

/// Declare a package's type; a package may redeclare a name of the
/// built-in declarations in its own module (a package named `Base` replaces
/// Base's), but not one of its own.
fn declare_type(
    reg: &mut Registry,
    module: &str,
    name: &str,
    params: Vec<Var>,
    kind: Kind,
) -> Result<u32, String> {
    let any = reg.any();
    if reg
        .module(module)
        .is_some_and(|m| m.bindings.contains_key(name))
    {
        reg.unbind(module, name);
    }
    reg.declare_type(module, name, params, any, kind)
        .map_err(|e| e.0)
}

/// Whether `t`'s supertype chain reaches type name `id`.
fn reaches(reg: &Registry, t: &Ty, id: u32) -> bool {
    let mut t = t.clone();
    for _ in 0..10_000 {
        if t.data_name() == Some(id) {
            return true;
        }
        if crate::types::subtype::is_any(&t) {
            return false;
        }
        t = reg.supertype(&t);
    }
    true
}

/// Names written as the head of some supertype.
fn supertype_heads(decls: &[PackageDecl]) -> HashSet<String> {
    decls
        .iter()
        .flat_map(|d| &d.types)
        .filter_map(|t| supertype_head(&t.supertype))
        .collect()
}

/// The last name segment of a supertype text's head (`Base.AbstractVector`
/// in `Base.AbstractVector{T}`), if it parses to a name or an application.
pub(crate) fn supertype_head(text: &str) -> Option<String> {
    let e = parse_type(text).ok()?;
    match &e.kind {
        ExprKind::Apply { head, .. } => match &head.kind {
            ExprKind::Name(p) => p.last().cloned(),
            _ => None,
        },
        ExprKind::Name(p) => p.last().cloned(),
        _ => None,
    }
}

/// The checks of one type declaration that need no other package: names,
/// no earlier declaration of the same name, distinct parameters that parse
/// as `where` variables, and a supertype that parses without `where`.
/// Returns the parsed supertype and parameters.
pub(crate) fn check_type_decl(
    t: &TypeDecl,
    earlier: &[TypeDecl],
    cx: &Cx,
) -> Result<(Expr, Vec<WhereVar>), DeclError> {
    check_ident(&t.name, cx)?;
    if super::RESERVED.contains(&t.name.as_str()) {
        return Err(cx.err(DeclErrorKind::Invalid(format!(
            "`{}` is a reserved name",
            t.name
        ))));
    }
    if earlier.iter().any(|o| o.name == t.name) {
        return Err(cx.err(DeclErrorKind::Invalid("type declared twice".into())));
    }
    let vars = check_params(&t.params, cx)?;
    let e = parse_type(&t.supertype).map_err(|p| cx.err(DeclErrorKind::Parse(p)))?;
    if matches!(e.kind, ExprKind::Where { .. }) {
        return Err(cx.err(DeclErrorKind::Invalid(
            "a supertype may not have `where`".into(),
        )));
    }
    Ok((e, vars))
}

/// Parameters as a `where` clause writes them (`T`, `T<:Real`,
/// `Int<:T<:Real`), each one variable with a distinct identifier name.
pub(crate) fn check_params(params: &[String], cx: &Cx) -> Result<Vec<WhereVar>, DeclError> {
    let mut vars: Vec<WhereVar> = Vec::with_capacity(params.len());
    for p in params {
        let pcx = Cx { text: p, ..*cx };
        let e = parse_type(&format!("Any where {{{p}}}"))
            .map_err(|e| pcx.err(DeclErrorKind::Parse(e)))?;
        let v = match e.kind {
            ExprKind::Where { body, mut vars }
                if vars.len() == 1
                    && matches!(&body.kind, ExprKind::Name(n) if n.len() == 1 && n[0] == "Any") =>
            {
                vars.pop()
            }
            _ => None,
        };
        let Some(v) = v else {
            return Err(pcx.err(DeclErrorKind::Invalid(format!(
                "`{p}` is not one type parameter"
            ))));
        };
        check_ident(&v.name, &pcx)?;
        if vars.iter().any(|o| o.name == v.name) {
            return Err(pcx.err(DeclErrorKind::Invalid(format!(
                "parameter `{}` declared twice",
                v.name
            ))));
        }
        vars.push(v);
    }
    Ok(vars)
}

/// The parameters' variables with their bounds resolved in package `q`,
/// each bound seeing the parameters before it (as in a `where` clause).
fn resolve_params(
    u: &Universe,
    q: usize,
    vars: &[WhereVar],
    texts: &[String],
    cx: &Cx,
) -> Result<Vec<Var>, DeclError> {
    let scope = PackageScope { u, q, cache: None };
    let mut made: Vec<Var> = Vec::with_capacity(vars.len());
    for (v, text) in vars.iter().zip(texts) {
        let pcx = Cx { text, ..*cx };
        let bound = |b: &Option<Expr>, dflt: Ty, made: &[Var]| -> Result<Ty, DeclError> {
            let Some(b) = b else { return Ok(dflt) };
            let t = resolve_with_in(&u.reg, &scope, made, b)
                .map_err(|e| pcx.err(resolve_error_kind(&e.message)))?;
            if !t.is_type() && t.as_var().is_none() {
                return Err(pcx.err(DeclErrorKind::Invalid(
                    "a variable's bound must be a type".into(),
                )));
            }
            Ok(t)
        };
        let lb = bound(&v.lower, Ty::bottom(), &made)?;
        let ub = bound(&v.upper, u.reg.any(), &made)?;
        made.push(Var::new(&v.name, lb, ub));
    }
    Ok(made)
}

/// The checks of one alias declaration that need no other package: an
/// identifier name, not reserved, not declared before in the package (as a
/// type or alias), parameters as for types, a body that parses. Returns
/// `body where {params…}`.
pub(crate) fn check_alias_decl(
    a: &AliasDecl,
    types: &[TypeDecl],
    earlier: &[AliasDecl],
    cx: &Cx,
) -> Result<Expr, DeclError> {
    let ncx = Cx {
        text: &a.name,
        ..*cx
    };
    check_ident(&a.name, &ncx)?;
    if super::RESERVED.contains(&a.name.as_str()) {
        return Err(ncx.err(DeclErrorKind::Invalid(format!(
            "`{}` is a reserved name",
            a.name
        ))));
    }
    if types.iter().any(|t| t.name == a.name) || earlier.iter().any(|o| o.name == a.name) {
        return Err(ncx.err(DeclErrorKind::Invalid("name declared twice".into())));
    }
    let vars = check_params(&a.params, cx)?;
    let body = parse_type(&a.body).map_err(|p| cx.err(DeclErrorKind::Parse(p)))?;
    Ok(if vars.is_empty() {
        body
    } else {
        Expr {
            offset: 0,
            kind: ExprKind::Where {
                body: Box::new(body),
                vars,
            },
        }
    })
}

/// A declared name: any non-empty text without control characters or a
/// module separator. Julia's generated names (closures `#f#2`, keyword
/// bodies `#f#3`) are names too; a type text writes them `var"#f#2"`.
pub(crate) fn check_ident(s: &str, cx: &Cx) -> Result<(), DeclError> {
    let ok = !s.is_empty() && !s.contains('.') && !s.chars().any(char::is_control);
    if ok && s != "where" {
        Ok(())
    } else {
        Err(cx.err(DeclErrorKind::Invalid(format!("`{s}` is not a valid name"))))
    }
}

/// The name paths a text looks up (where-variables excluded), each once.
fn names_of(e: &Expr, bound: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    let add = |p: &[String], bound: &[String], out: &mut Vec<Vec<String>>| {
        let is_var = p.len() == 1 && bound.contains(&p[0]);
        let known = out.iter().any(|q| q.as_slice() == p);
        if !is_var && !known {
            out.push(p.to_vec());
        }
    };
    match &e.kind {
        ExprKind::Name(p) | ExprKind::TypeOf(p) => add(p, bound, out),
        ExprKind::TypeOfCall { callee, args } => {
            add(callee, bound, out);
            for a in args {
                add(a, bound, out);
            }
            // The result's wrapper types live in Base.
            add(&["splat".to_string()], bound, out);
        }
        ExprKind::Apply { head, params } => {
            names_of(head, bound, out);
            for p in params {
                names_of(p, bound, out);
            }
        }
        ExprKind::Where { body, vars } => {
            let base = bound.len();
            for v in vars {
                for b in [&v.lower, &v.upper].into_iter().flatten() {
                    names_of(b, bound, out);
                }
                bound.push(v.name.clone());
            }
            names_of(body, bound, out);
            bound.truncate(base);
        }
        ExprKind::Wildcard { bound: b, .. } => names_of(b, bound, out),
        ExprKind::StrMacro { name, .. } => add(std::slice::from_ref(name), bound, out),
        ExprKind::NamedTupleMacro(fields) => {
            add(&["NamedTuple".to_string()], bound, out);
            for t in fields.iter().filter_map(|(_, t)| t.as_ref()) {
                names_of(t, bound, out);
            }
        }
        ExprKind::Tuple(items) => {
            for i in items {
                names_of(i, bound, out);
            }
        }
        ExprKind::Value(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::{name_path, parsed_name_path};

    #[test]
    fn plain_names_split_as_the_parser_reads_them() {
        for name in [
            "f",
            "getindex",
            "Base.getindex",
            "Base.Broadcast.broadcastable",
            "push!",
            "Base.push!",
            "a!b",
            "_",
            "_f1",
            "Float64",
            "where",
            "typeof",
            "Union",
            "end",
            "in",
            "isa",
            "Core.kwcall",
            "LinearAlgebra.BLAS.gemm!",
            "x1.y2.z3",
        ] {
            assert_eq!(name_path(name), parsed_name_path(name), "{name}");
        }
        // Operators and non-ASCII names take the parser's way.
        assert_eq!(name_path("Base.:+"), ["Base", "+"]);
        assert_eq!(name_path("Base.+"), ["Base", "+"]);
        assert_eq!(name_path("=="), ["=="]);
        assert_eq!(name_path("Base.:(==)"), ["Base", "=="]);
        assert_eq!(name_path("∘"), ["∘"]);
    }
}
