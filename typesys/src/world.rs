//! Name resolution: turns [`PackageDecl`]s into a resolved [`Universe`].

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};

use crate::decl::{EdgeDecl, MethodKey, PackageDecl};
use crate::parse::{parse_sig, ParseError, SigExpr, TypeExpr};
use crate::old_types::{
    canonicalize, match_methods, mk_tuple, mk_union, subtype, MatchResult, NominalDef, Sig, Ty,
    TypeTable,
};

/// Small fast non-cryptographic hasher (FxHash); values never leave memory.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut it = bytes.chunks_exact(8);
        for c in &mut it {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.write_u64(u64::from_le_bytes(b));
        }
        let mut tail = 0u64;
        for (i, &x) in it.remainder().iter().enumerate() {
            tail |= (x as u64) << (8 * i);
        }
        self.write_u64(tail ^ (bytes.len() as u64) << 56);
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_u32(&mut self, i: u32) {
        self.write_u64(i as u64)
    }
    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64)
    }
    fn write_u8(&mut self, i: u8) {
        self.write_u64(i as u64)
    }
}

pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Names that packages may not declare as types.
pub const RESERVED: &[&str] = &["Any", "Union", "Tuple", "Type", "typeof", "where"];

/// What is wrong with a declaration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeclErrorKind {
    /// The text does not parse.
    Parse(ParseError),
    /// A type name that resolves to nothing visible.
    UnknownType(String),
    /// A function name that resolves to nothing visible.
    UnknownFunction(String),
    /// A qualifier that names no package in the dependency closure.
    UnknownPackage(String),
    /// A name visible from several unrelated packages.
    Ambiguous {
        /// The name.
        name: String,
        /// Names of the packages it could come from.
        candidates: Vec<String>,
    },
    /// Wrong number of type parameters.
    Arity {
        /// Type name.
        name: String,
        /// Declared number of parameters.
        expected: usize,
        /// Number written.
        found: usize,
    },
    /// A `MethodKey` that names no method.
    UnknownMethod(String),
    /// Any other malformed declaration.
    Invalid(String),
}

/// A declaration error: which package, where in it, the offending text, and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeclError {
    /// Package name.
    pub package: String,
    /// Where in the package, e.g. `method score` or `code 0 edge 1`.
    pub context: String,
    /// The text being resolved (may be empty).
    pub text: String,
    /// The problem (boxed to keep `Result`s small).
    pub kind: Box<DeclErrorKind>,
}

impl fmt::Display for DeclError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "package {}: {}: ", self.package, self.context)?;
        match &*self.kind {
            DeclErrorKind::Parse(e) => write!(f, "syntax error {e} in `{}`", self.text),
            DeclErrorKind::UnknownType(n) => write!(f, "unknown type `{n}` in `{}`", self.text),
            DeclErrorKind::UnknownFunction(n) => {
                write!(f, "unknown function `{n}` in `{}`", self.text)
            }
            DeclErrorKind::UnknownPackage(n) => {
                write!(
                    f,
                    "`{n}` is not a package in the dependency closure, in `{}`",
                    self.text
                )
            }
            DeclErrorKind::Ambiguous { name, candidates } => write!(
                f,
                "name `{name}` is ambiguous (defined by {}); qualify it, in `{}`",
                candidates.join(", "),
                self.text
            ),
            DeclErrorKind::Arity {
                name,
                expected,
                found,
            } => write!(
                f,
                "type `{name}` takes {expected} parameters, {found} given, in `{}`",
                self.text
            ),
            DeclErrorKind::UnknownMethod(m) => write!(f, "no method {m}"),
            DeclErrorKind::Invalid(m) => {
                if self.text.is_empty() {
                    write!(f, "{m}")
                } else {
                    write!(f, "{m}, in `{}`", self.text)
                }
            }
        }
    }
}

impl std::error::Error for DeclError {}

/// Hex form of a uuid, for messages.
pub fn uuid_hex(u: &[u8; 16]) -> String {
    u.iter().map(|b| format!("{b:02x}")).collect()
}

/// A resolved method.
#[derive(Clone, Debug)]
pub struct RMethod {
    /// Load-order index of the defining package.
    pub pkg: usize,
    /// Index in that package's `methods`.
    pub idx: usize,
    /// Function id.
    pub func: u32,
    /// Interned signature id.
    pub sig: u32,
}

/// A resolved edge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum REdge {
    /// Call edge with interned signature id.
    Call(u32),
    /// Invoke edge: global method id and interned spec id.
    Invoke(u32, u32),
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
    /// Edges in declaration order.
    pub edges: Vec<REdge>,
}

/// A function: name and owning package.
#[derive(Clone, Debug)]
pub struct FuncInfo {
    /// Unqualified name.
    pub name: String,
    /// Load-order index of the owning package.
    pub owner: usize,
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
    /// Nominal types.
    pub types: TypeTable,
    /// Functions.
    pub funcs: Vec<FuncInfo>,
    /// Interned signatures.
    pub sigs: Vec<Sig>,
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
    /// Type names owner lookup, used only while building.
    type_names: FxMap<String, Vec<(usize, u32)>>,
    func_names: FxMap<String, Vec<(usize, u32)>>,
    sig_ids: FxMap<u64, u32>,
}

struct Cx<'a> {
    pkg: &'a str,
    /// Built only when an error is reported.
    context: &'a dyn Fn() -> String,
    text: &'a str,
}

impl Cx<'_> {
    fn err(&self, kind: DeclErrorKind) -> DeclError {
        DeclError {
            package: self.pkg.to_string(),
            context: (self.context)(),
            text: self.text.to_string(),
            kind: Box::new(kind),
        }
    }
}

impl Universe {
    /// Whether package `p` is in the dependency closure of package `q` (or is `q`).
    pub fn in_closure(&self, q: usize, p: usize) -> bool {
        self.closure[q][p / 64] >> (p % 64) & 1 == 1
    }

    /// Interned signature by id.
    pub fn sig(&self, id: u32) -> &Sig {
        &self.sigs[id as usize]
    }

    /// The id of `s`, appending it if new. The map holds ids under the
    /// signature's hash (probing on to the next key when two signatures
    /// share one), so each signature is stored once, in `sigs`.
    fn intern(&mut self, s: Sig) -> u32 {
        use std::hash::{BuildHasher, BuildHasherDefault};
        let mut h = BuildHasherDefault::<FxHasher>::default().hash_one(&s);
        loop {
            match self.sig_ids.get(&h) {
                Some(&id) if self.sigs[id as usize] == s => return id,
                Some(_) => h = h.wrapping_add(1),
                None => break,
            }
        }
        let id = self.sigs.len() as u32;
        self.sigs.push(s);
        self.sig_ids.insert(h, id);
        id
    }

    fn pkg_by_name(&self, q: usize, name: &str) -> Option<usize> {
        (0..self.names.len()).find(|&p| self.names[p] == name && self.in_closure(q, p))
    }

    fn lookup_type(&self, q: usize, path: &[String], cx: &Cx) -> Result<u32, DeclError> {
        let (scope_pkg, name) = match path {
            [n] => (None, n),
            [p, n] => match self.pkg_by_name(q, p) {
                Some(pi) => (Some(pi), n),
                None => return Err(cx.err(DeclErrorKind::UnknownPackage(p.clone()))),
            },
            _ => return Err(cx.err(DeclErrorKind::UnknownType(path.join(".")))),
        };
        let entries = self
            .type_names
            .get(name.as_str())
            .map(|v| v.as_slice())
            .unwrap_or(&[]);
        if let Some(sp) = scope_pkg {
            return entries
                .iter()
                .find(|(p, _)| *p == sp)
                .map(|(_, id)| *id)
                .ok_or_else(|| cx.err(DeclErrorKind::UnknownType(path.join("."))));
        }
        if let Some((_, id)) = entries.iter().find(|(p, _)| *p == q) {
            return Ok(*id);
        }
        let vis: Vec<&(usize, u32)> = entries
            .iter()
            .filter(|(p, _)| self.in_closure(q, *p))
            .collect();
        match vis.as_slice() {
            [] => Err(cx.err(DeclErrorKind::UnknownType(name.clone()))),
            [(_, id)] => Ok(*id),
            many => Err(cx.err(DeclErrorKind::Ambiguous {
                name: name.clone(),
                candidates: many.iter().map(|(p, _)| self.names[*p].clone()).collect(),
            })),
        }
    }

    /// Distinct functions named `name` used (given methods) by packages
    /// selected by `pred`. Allocation-free unless there are several.
    fn funcs_where(&self, name: &str, pred: impl Fn(usize) -> bool) -> Vec<u32> {
        let Some(es) = self.func_names.get(name) else {
            return Vec::new();
        };
        let mut first = None;
        let mut several = false;
        for (p, f) in es {
            if pred(*p) {
                match first {
                    None => first = Some(*f),
                    Some(g) if g != *f => several = true,
                    _ => {}
                }
            }
        }
        match (first, several) {
            (None, _) => Vec::new(),
            (Some(f), false) => vec![f],
            (Some(_), true) => {
                let mut out: Vec<u32> = Vec::new();
                for (p, f) in es {
                    if pred(*p) && !out.contains(f) {
                        out.push(*f);
                    }
                }
                out
            }
        }
    }

    fn ambiguous_funcs(&self, name: &str, fs: &[u32], cx: &Cx) -> DeclError {
        cx.err(DeclErrorKind::Ambiguous {
            name: name.to_string(),
            candidates: fs
                .iter()
                .map(|f| self.names[self.funcs[*f as usize].owner].clone())
                .collect(),
        })
    }

    /// Resolve a function reference (`typeof(f)`, method keys) from package `q`.
    fn lookup_func<P: AsRef<str>>(&self, q: usize, path: &[P], cx: &Cx) -> Result<u32, DeclError> {
        let joined = || path.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(".");
        let (q, name) = match path {
            [n] => (q, n.as_ref()),
            [p, n] => match self.pkg_by_name(q, p.as_ref()) {
                Some(pi) => (pi, n.as_ref()),
                None => return Err(cx.err(DeclErrorKind::UnknownPackage(p.as_ref().into()))),
            },
            _ => return Err(cx.err(DeclErrorKind::UnknownFunction(joined()))),
        };
        match self.unique_func(name, |p| p == q) {
            Ok(Some(f)) => return Ok(f),
            Ok(None) => {}
            Err(()) => {
                let many = self.funcs_where(name, |p| p == q);
                return Err(self.ambiguous_funcs(name, &many, cx));
            }
        }
        match self.unique_func(name, |p| self.in_closure(q, p)) {
            Ok(Some(f)) => Ok(f),
            Ok(None) => Err(cx.err(DeclErrorKind::UnknownFunction(joined()))),
            Err(()) => {
                let many = self.funcs_where(name, |p| self.in_closure(q, p));
                Err(self.ambiguous_funcs(name, &many, cx))
            }
        }
    }

    /// The one function named `name` that packages selected by `pred` use:
    /// `Ok(None)` for none, `Err(())` for several. Allocates nothing.
    fn unique_func(&self, name: &str, pred: impl Fn(usize) -> bool) -> Result<Option<u32>, ()> {
        let mut found = None;
        for &(p, f) in self.func_names.get(name).map(Vec::as_slice).unwrap_or(&[]) {
            if pred(p) {
                match found {
                    None => found = Some(f),
                    Some(g) if g != f => return Err(()),
                    _ => {}
                }
            }
        }
        Ok(found)
    }

    /// Resolve the function a method named `path` in package `q` adds to,
    /// creating a new function owned by `q` when none is visible.
    fn define_func(&mut self, q: usize, path: &[String], cx: &Cx) -> Result<u32, DeclError> {
        let fid = match path {
            [name] => {
                let deps = self.funcs_where(name, |p| p != q && self.in_closure(q, p));
                match deps.as_slice() {
                    [f] => *f,
                    [] => {
                        let own: Vec<u32> = self
                            .funcs_where(name, |p| p == q)
                            .into_iter()
                            .filter(|f| self.funcs[*f as usize].owner == q)
                            .collect();
                        match own.first() {
                            Some(f) => *f,
                            None => {
                                let f = self.funcs.len() as u32;
                                self.funcs.push(FuncInfo {
                                    name: name.clone(),
                                    owner: q,
                                });
                                self.func_methods.push(Vec::new());
                                f
                            }
                        }
                    }
                    many => return Err(self.ambiguous_funcs(name, many, cx)),
                }
            }
            _ => self.lookup_func(q, path, cx)?,
        };
        let name = self.funcs[fid as usize].name.clone();
        let es = self.func_names.entry(name).or_default();
        if !es.contains(&(q, fid)) {
            es.push((q, fid));
        }
        Ok(fid)
    }

    fn resolve_ty(
        &self,
        q: usize,
        e: &TypeExpr,
        vars: &[&str],
        param_pos: bool,
        cx: &Cx,
    ) -> Result<Ty, DeclError> {
        match e {
            TypeExpr::Int(v) => {
                if param_pos {
                    Ok(Ty::Lit(*v))
                } else {
                    Err(cx.err(DeclErrorKind::Invalid(format!(
                        "integer literal `{v}` is only allowed as a parameter of a declared type"
                    ))))
                }
            }
            TypeExpr::TypeOf { path, .. } => Ok(Ty::Func(self.lookup_func(q, path, cx)?)),
            TypeExpr::Name { path, params, .. } => {
                let no_params = |what: &str| -> Result<(), DeclError> {
                    if params.is_some() {
                        Err(cx.err(DeclErrorKind::Invalid(format!(
                            "{what} takes no parameters"
                        ))))
                    } else {
                        Ok(())
                    }
                };
                if let [n] = path.as_slice() {
                    if let Some(i) = vars.iter().rposition(|v| v == n) {
                        no_params(&format!("type variable `{n}`"))?;
                        return Ok(Ty::Var(i as u32));
                    }
                    let sub = |ps: &Vec<TypeExpr>| -> Result<Vec<Ty>, DeclError> {
                        ps.iter()
                            .map(|p| self.resolve_ty(q, p, vars, false, cx))
                            .collect()
                    };
                    match n.as_str() {
                        "Any" => {
                            no_params("`Any`")?;
                            return Ok(Ty::Any);
                        }
                        "Union" => {
                            return match params {
                                Some(ps) => Ok(mk_union(&self.types, sub(ps)?)),
                                None => Err(cx.err(DeclErrorKind::Invalid(
                                    "bare `Union` is not a type".into(),
                                ))),
                            }
                        }
                        "Tuple" => {
                            return match params {
                                Some(ps) => Ok(mk_tuple(sub(ps)?)),
                                None => Ok(Ty::TupleAll),
                            }
                        }
                        "Type" => {
                            return match params.as_deref() {
                                None => Ok(Ty::TypeAll),
                                Some([p]) => {
                                    Ok(Ty::Type(Box::new(self.resolve_ty(q, p, vars, false, cx)?)))
                                }
                                Some(ps) => Err(cx.err(DeclErrorKind::Arity {
                                    name: "Type".into(),
                                    expected: 1,
                                    found: ps.len(),
                                })),
                            }
                        }
                        _ => {}
                    }
                }
                let id = self.lookup_type(q, path, cx)?;
                let def = self.types.get(id);
                match params {
                    None if def.nparams == 0 => Ok(Ty::Nominal(id, Vec::new())),
                    None => Ok(Ty::NominalAll(id)),
                    Some(ps) if ps.is_empty() && def.nparams == 0 => {
                        Ok(Ty::Nominal(id, Vec::new()))
                    }
                    Some(ps) if ps.len() == def.nparams => {
                        let ps = ps
                            .iter()
                            .map(|p| self.resolve_ty(q, p, vars, true, cx))
                            .collect::<Result<_, _>>()?;
                        Ok(Ty::Nominal(id, ps))
                    }
                    Some(ps) => Err(cx.err(DeclErrorKind::Arity {
                        name: path.join("."),
                        expected: def.nparams,
                        found: ps.len(),
                    })),
                }
            }
        }
    }

    fn resolve_sig(&self, q: usize, e: &SigExpr, cx: &Cx) -> Result<Sig, DeclError> {
        let mut names: Vec<&str> = Vec::new();
        let mut bounds = Vec::new();
        for v in &e.vars {
            if names.contains(&v.name.as_str()) {
                return Err(cx.err(DeclErrorKind::Invalid(format!(
                    "type variable `{}` declared twice",
                    v.name
                ))));
            }
            let ub = match &v.upper {
                None => Ty::Any,
                Some(u) => {
                    if let TypeExpr::Name { path, .. } = u {
                        if path.len() == 1 && e.vars.iter().any(|w| w.name == path[0]) {
                            return Err(cx.err(DeclErrorKind::Invalid(format!(
                                "bound of `{}` refers to type variable `{}` (bounds must be closed types)",
                                v.name, path[0]
                            ))));
                        }
                    }
                    self.resolve_ty(q, u, &[], false, cx)?
                }
            };
            names.push(&v.name);
            bounds.push(ub);
        }
        let body = self.resolve_ty(q, &e.body, &names, false, cx)?;
        Ok(canonicalize(Sig { vars: bounds, body }))
    }

    /// Parse and resolve a signature text in the scope of package `q`.
    pub fn resolve_text(&self, q: usize, text: &str) -> Result<Sig, DeclError> {
        self.resolve_in(q, text, &|| "signature".into())
    }

    fn resolve_in(
        &self,
        q: usize,
        text: &str,
        context: &dyn Fn() -> String,
    ) -> Result<Sig, DeclError> {
        let cx = Cx {
            pkg: &self.names[q],
            context,
            text,
        };
        let e = parse_sig(text).map_err(|p| cx.err(DeclErrorKind::Parse(p)))?;
        self.resolve_sig(q, &e, &cx)
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
        if !matches!(&s.body, Ty::Tuple(es) if matches!(es.first(), Some(Ty::Func(_)))) {
            return Err(Cx {
                pkg: &self.names[q],
                context,
                text,
            }
            .err(DeclErrorKind::Invalid(
                "a call signature written `Tuple{typeof(f), ...}` must stay one".into(),
            )));
        }
        Ok(self.intern(s))
    }

    /// Print a resolved signature back as type text, e.g.
    /// `Tuple{typeof(f), Vector{T1}} where T1<:Integer`. Nominal types and
    /// functions print with their unqualified names.
    pub fn display_sig(&self, s: &Sig) -> String {
        let mut out = String::new();
        self.write_ty(&mut out, &s.body);
        let vars: Vec<String> = s
            .vars
            .iter()
            .enumerate()
            .map(|(i, ub)| {
                if *ub == Ty::Any {
                    format!("T{}", i + 1)
                } else {
                    let mut b = String::new();
                    self.write_ty(&mut b, ub);
                    format!("T{}<:{b}", i + 1)
                }
            })
            .collect();
        match vars.len() {
            0 => {}
            1 => out.push_str(&format!(" where {}", vars[0])),
            _ => out.push_str(&format!(" where {{{}}}", vars.join(", "))),
        }
        out
    }

    fn write_ty(&self, out: &mut String, t: &Ty) {
        let list = |out: &mut String, ps: &[Ty]| {
            out.push('{');
            for (i, p) in ps.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                self.write_ty(out, p);
            }
            out.push('}');
        };
        match t {
            Ty::Bottom => out.push_str("Union{}"),
            Ty::Any => out.push_str("Any"),
            Ty::Nominal(id, ps) => {
                out.push_str(&self.types.get(*id).name);
                if !ps.is_empty() {
                    list(out, ps);
                }
            }
            Ty::NominalAll(id) => out.push_str(&self.types.get(*id).name),
            Ty::Tuple(ps) => {
                out.push_str("Tuple");
                list(out, ps);
            }
            Ty::TupleAll => out.push_str("Tuple"),
            Ty::Union(ps) => {
                out.push_str("Union");
                list(out, ps);
            }
            Ty::Func(f) => {
                out.push_str("typeof(");
                out.push_str(
                    self.funcs
                        .get(*f as usize)
                        .map(|f| f.name.as_str())
                        .unwrap_or("?"),
                );
                out.push(')');
            }
            Ty::Type(x) => {
                out.push_str("Type{");
                self.write_ty(out, x);
                out.push('}');
            }
            Ty::TypeAll => out.push_str("Type"),
            Ty::Var(i) => out.push_str(&format!("T{}", i + 1)),
            Ty::Lit(v) => out.push_str(&v.to_string()),
        }
    }

    /// Method matching (see [`crate::old_types::match_methods`]) for `t` among the
    /// methods of the compile world of package `q` (`Some(q)`: `q` and its
    /// dependency closure) or of the merged world (`None`). Indices in the
    /// result are global method ids (into [`Universe::methods`]).
    pub fn match_in_world(&self, t: &Sig, world: Option<usize>) -> MatchResult {
        let ids: Vec<u32> = match &t.body {
            Ty::Tuple(es) if matches!(es.first(), Some(Ty::Func(_))) => match es[0] {
                Ty::Func(f) => self.func_methods[f as usize].clone(),
                _ => Vec::new(),
            },
            _ => (0..self.methods.len() as u32).collect(),
        };
        let ids: Vec<u32> = ids
            .into_iter()
            .filter(|m| match world {
                None => true,
                Some(q) => self.in_closure(q, self.methods[*m as usize].pkg),
            })
            .collect();
        let sigs: Vec<Sig> = ids
            .iter()
            .map(|m| self.sig(self.methods[*m as usize].sig).clone())
            .collect();
        let mut r = match_methods(&self.types, t, &sigs);
        for i in r.matches.iter_mut() {
            *i = ids[*i] as usize;
        }
        r.selected = r.selected.map(|i| ids[i] as usize);
        r
    }

    /// Resolve all packages (in load order: dependencies first) into one universe.
    pub fn build(decls: &[PackageDecl]) -> Result<Universe, DeclError> {
        Builder::default().build(decls)
    }
}

#[derive(Default)]
struct Builder<'a> {
    sig_cache: FxMap<(usize, &'a str), u32>,
    /// Scope-independent reuse: the first resolution of a text, with the
    /// names it looked up; reused in another package when every name
    /// resolves to the same entity there.
    shared: FxMap<&'a str, SharedSig>,
    /// Texts resolved at least once.
    seen: std::collections::HashSet<&'a str, BuildHasherDefault<FxHasher>>,
    method_ids: FxMap<(usize, u32, u32), u32>,
}

/// A resolved signature id with the (name, resolved id) pairs it depends on.
type SharedSig = (u32, Vec<(NameRef, u32)>);

/// A name looked up while resolving a signature.
#[derive(Clone, Debug, PartialEq, Eq)]
enum NameRef {
    Type(Vec<String>),
    Func(Vec<String>),
}

/// The nominal-type and function names a signature's resolution looks up
/// (builtins and where-variables excluded), deduplicated.
fn collect_names(e: &SigExpr, out: &mut Vec<NameRef>) {
    fn walk(t: &TypeExpr, vars: &[&str], out: &mut Vec<NameRef>) {
        match t {
            TypeExpr::Int(_) => {}
            TypeExpr::TypeOf { path, .. } => {
                let r = NameRef::Func(path.clone());
                if !out.contains(&r) {
                    out.push(r);
                }
            }
            TypeExpr::Name { path, params, .. } => {
                let builtin = path.len() == 1
                    && (vars.contains(&path[0].as_str())
                        || matches!(path[0].as_str(), "Any" | "Union" | "Tuple" | "Type"));
                if !builtin {
                    let r = NameRef::Type(path.clone());
                    if !out.contains(&r) {
                        out.push(r);
                    }
                }
                for p in params.iter().flatten() {
                    walk(p, vars, out);
                }
            }
        }
    }
    let vars: Vec<&str> = e.vars.iter().map(|v| v.name.as_str()).collect();
    for v in &e.vars {
        if let Some(u) = &v.upper {
            walk(u, &[], out);
        }
    }
    walk(&e.body, &vars, out);
}

fn top_err(pkg: &str, context: String, msg: String) -> DeclError {
    DeclError {
        package: pkg.to_string(),
        context,
        text: String::new(),
        kind: Box::new(DeclErrorKind::Invalid(msg)),
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
        if let Some(&id) = self.sig_cache.get(&(q, text)) {
            return Ok(id);
        }
        if let Some((id, names)) = self.shared.get(text) {
            let cx = Cx {
                pkg: "",
                context,
                text,
            };
            let same = names.iter().all(|(r, want)| {
                let got = match r {
                    NameRef::Type(p) => u.lookup_type(q, p, &cx),
                    NameRef::Func(p) => u.lookup_func(q, p, &cx),
                };
                got.ok() == Some(*want)
            });
            if same {
                let id = *id;
                self.sig_cache.insert((q, text), id);
                return Ok(id);
            }
        }
        // Parsed afresh: a text resolved once is cached above by id, so
        // keeping every syntax tree alive would only cost memory.
        let parsed = parse_sig(text);
        let cx = Cx {
            pkg: &u.names[q],
            context,
            text,
        };
        let e = &parsed.map_err(|p| cx.err(DeclErrorKind::Parse(p)))?;
        let s = u.resolve_sig(q, e, &cx)?;
        let cx = Cx {
            pkg: "",
            context,
            text,
        };
        let id = u.intern(s);
        // Most texts occur in one package only (specializations): record
        // what a reuse elsewhere must check only once a text recurs.
        if self.seen.insert(text) {
            self.sig_cache.insert((q, text), id);
            return Ok(id);
        }
        if !self.shared.contains_key(text) {
            let mut names = Vec::new();
            collect_names(e, &mut names);
            let resolved: Option<Vec<(NameRef, u32)>> = names
                .into_iter()
                .map(|r| {
                    let got = match &r {
                        NameRef::Type(p) => u.lookup_type(q, p, &cx),
                        NameRef::Func(p) => u.lookup_func(q, p, &cx),
                    };
                    got.ok().map(|id| (r, id))
                })
                .collect();
            if let Some(resolved) = resolved {
                self.shared.insert(text, (id, resolved));
            }
        }
        self.sig_cache.insert((q, text), id);
        Ok(id)
    }

    fn method_key(
        &mut self,
        u: &mut Universe,
        q: usize,
        key: &'a MethodKey,
        uuid_idx: &FxMap<[u8; 16], usize>,
        context: &dyn Fn() -> String,
    ) -> Result<u32, DeclError> {
        // Errors name package `p`; built only when reported.
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
        let path: Vec<&str> = key.name.split('.').collect();
        let f = {
            let cx = Cx {
                pkg: &u.names[kp],
                context,
                text: &key.sig,
            };
            u.lookup_func(kp, &path, &cx)?
        };
        let sig = self.sig(u, kp, &key.sig, context)?;
        match self.method_ids.get(&(kp, f, sig)) {
            Some(&id) => Ok(id),
            None => {
                let msg = format!("{} @ {}", describe(), u.names[kp]);
                Err(err(u, q, DeclErrorKind::UnknownMethod(msg)))
            }
        }
    }

    fn build(mut self, decls: &'a [PackageDecl]) -> Result<Universe, DeclError> {
        let n = decls.len();
        let words = n.div_ceil(64).max(1);
        let mut u = Universe {
            names: decls.iter().map(|d| d.name.clone()).collect(),
            uuids: decls.iter().map(|d| d.uuid).collect(),
            closure: Vec::with_capacity(n),
            types: TypeTable::new(),
            funcs: Vec::new(),
            sigs: Vec::new(),
            methods: Vec::new(),
            method_start: Vec::with_capacity(n + 1),
            func_methods: Vec::new(),
            codes: Vec::new(),
            code_start: Vec::with_capacity(n + 1),
            type_names: FxMap::default(),
            func_names: FxMap::default(),
            sig_ids: FxMap::default(),
        };
        let mut uuid_idx: FxMap<[u8; 16], usize> = FxMap::default();
        // Packages and closures.
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
        }
        for (q, d) in decls.iter().enumerate() {
            // Types.
            for (ti, t) in d.types.iter().enumerate() {
                let cx = Cx {
                    pkg: &d.name,
                    context: &|| format!("type {}", t.name),
                    text: &t.supertype,
                };
                let e = check_type_decl(t, &d.types[..ti], &cx)?;
                // Register first so the supertype's parameters may mention the type itself.
                let id = u.types.len() as u32;
                u.types
                    .add(NominalDef {
                        name: t.name.clone(),
                        nparams: t.params.len(),
                        supertype: None,
                    })
                    .map_err(|e| cx.err(DeclErrorKind::Invalid(e.0)))?;
                u.type_names
                    .entry(t.name.clone())
                    .or_default()
                    .push((q, id));
                let pnames: Vec<&str> = t.params.iter().map(String::as_str).collect();
                let sup = u.resolve_ty(q, &e.body, &pnames, false, &cx)?;
                let sup =
                    match sup {
                        Ty::Any => None,
                        Ty::Nominal(sid, ps) if sid < id => Some((sid, ps)),
                        Ty::Nominal(..) => {
                            return Err(cx.err(DeclErrorKind::Invalid(
                                "supertype must be declared before the type".into(),
                            )))
                        }
                        _ => return Err(cx.err(DeclErrorKind::Invalid(
                            "supertype must be `Any` or a declared type with all its parameters"
                                .into(),
                        ))),
                    };
                u.types.set_supertype(id, sup);
            }
            // Functions of methods, then signatures.
            u.method_start.push(u.methods.len());
            let mut fids = Vec::with_capacity(d.methods.len());
            for m in &d.methods {
                let cx = Cx {
                    pkg: &d.name,
                    context: &|| format!("method {}", m.name),
                    text: &m.name,
                };
                let path: Vec<String> = m.name.split('.').map(str::to_string).collect();
                for p in &path {
                    check_ident(p, &cx)?;
                }
                if path.len() > 2 {
                    return Err(cx.err(DeclErrorKind::Invalid(
                        "function names have at most one qualifier".into(),
                    )));
                }
                fids.push(u.define_func(q, &path, &cx)?);
            }
            for (mi, m) in d.methods.iter().enumerate() {
                let ctx = || format!("method {}", m.name);
                let sig = self.sig(&mut u, q, &m.sig, &ctx)?;
                let f = fids[mi];
                let ok =
                    matches!(&u.sig(sig).body, Ty::Tuple(es) if es.first() == Some(&Ty::Func(f)));
                if !ok {
                    return Err(Cx {
                        pkg: &d.name,
                        context: &ctx,
                        text: &m.sig,
                    }
                    .err(DeclErrorKind::Invalid(format!(
                        "a method signature must be `Tuple{{typeof({}), ...}}`",
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
            }
        }
        u.method_start.push(u.methods.len());
        // Code instances (after all methods, so keys can name any visible method).
        for (q, d) in decls.iter().enumerate() {
            u.code_start.push(u.codes.len());
            for (ci, c) in d.code.iter().enumerate() {
                let ctx = || format!("code {ci} ({})", c.method.name);
                let m = self.method_key(&mut u, q, &c.method, &uuid_idx, &ctx)?;
                let spec = self.sig(&mut u, q, &c.spec, &ctx)?;
                let msig = u.methods[m as usize].sig;
                if !subtype(&u.types, u.sig(spec), u.sig(msig)) {
                    return Err(Cx {
                        pkg: &d.name,
                        context: &ctx,
                        text: &c.spec,
                    }
                    .err(DeclErrorKind::Invalid(format!(
                        "specialization is not a subtype of the method signature `{}`",
                        c.method.sig
                    ))));
                }
                let mut edges = Vec::with_capacity(c.edges.len());
                for (ei, e) in c.edges.iter().enumerate() {
                    let ectx = || format!("code {ci} ({}) edge {ei}", c.method.name);
                    match e {
                        EdgeDecl::Call(s) => {
                            let sid = self.sig(&mut u, q, s, &ectx)?;
                            if !matches!(&u.sig(sid).body, Ty::Tuple(es) if !es.is_empty()) {
                                return Err(Cx {
                                    pkg: &d.name,
                                    context: &ectx,
                                    text: s,
                                }
                                .err(DeclErrorKind::Invalid(
                                    "a call signature must be a non-empty `Tuple{...}`".into(),
                                )));
                            }
                            edges.push(REdge::Call(sid));
                        }
                        EdgeDecl::Invoke { method, spec } => {
                            let mid = self.method_key(&mut u, q, method, &uuid_idx, &ectx)?;
                            let sid = self.sig(&mut u, q, spec, &ectx)?;
                            let msig = u.methods[mid as usize].sig;
                            if !subtype(&u.types, u.sig(sid), u.sig(msig)) {
                                return Err(Cx {
                                    pkg: &d.name,
                                    context: &ectx,
                                    text: spec,
                                }
                                .err(DeclErrorKind::Invalid(format!(
                                    "invoke spec is not a subtype of the method signature `{}`",
                                    method.sig
                                ))));
                            }
                            edges.push(REdge::Invoke(mid, sid));
                        }
                    }
                }
                u.codes.push(RCode {
                    pkg: q,
                    idx: ci,
                    method: m,
                    spec,
                    edges,
                });
            }
        }
        u.code_start.push(u.codes.len());
        Ok(u)
    }
}

fn check_ident(s: &str, cx: &Cx) -> Result<(), DeclError> {
    let mut cs = s.chars();
    let ok = match cs.next() {
        Some(c) => {
            (c == '_' || c.is_alphabetic())
                && cs.all(|c| c == '_' || c == '!' || c.is_alphanumeric())
        }
        None => false,
    };
    if ok && s != "where" {
        Ok(())
    } else {
        Err(cx.err(DeclErrorKind::Invalid(format!("`{s}` is not a valid name"))))
    }
}

/// The checks of one type declaration that need no other package: names,
/// no earlier declaration of the same name, distinct parameters, and a
/// supertype that parses without `where`. Returns the parsed supertype.
fn check_type_decl(
    t: &crate::decl::TypeDecl,
    earlier: &[crate::decl::TypeDecl],
    cx: &Cx,
) -> Result<SigExpr, DeclError> {
    check_ident(&t.name, cx)?;
    if RESERVED.contains(&t.name.as_str()) {
        return Err(cx.err(DeclErrorKind::Invalid(format!(
            "`{}` is a reserved name",
            t.name
        ))));
    }
    if earlier.iter().any(|o| o.name == t.name) {
        return Err(cx.err(DeclErrorKind::Invalid("type declared twice".into())));
    }
    for (pi, p) in t.params.iter().enumerate() {
        check_ident(p, cx)?;
        if t.params[..pi].contains(p) {
            return Err(cx.err(DeclErrorKind::Invalid(format!(
                "parameter `{p}` declared twice"
            ))));
        }
    }
    let e = parse_sig(&t.supertype).map_err(|p| cx.err(DeclErrorKind::Parse(p)))?;
    if !e.vars.is_empty() {
        return Err(cx.err(DeclErrorKind::Invalid(
            "a supertype may not have `where`".into(),
        )));
    }
    Ok(e)
}

/// Purely syntactic check of one package, usable without its dependencies:
/// every text parses, names are identifiers, types and parameters are not
/// declared twice, method signatures have the shape `Tuple{typeof(f), ...}`
/// with `f` matching the method name.
pub fn check_syntax(pkg: &PackageDecl) -> Result<(), DeclError> {
    let mk = |context: String, text: &str, kind| DeclError {
        package: pkg.name.clone(),
        context,
        text: text.to_string(),
        kind: Box::new(kind),
    };
    let parse = |context: &dyn Fn() -> String, text: &str| {
        parse_sig(text).map_err(|e| mk(context(), text, DeclErrorKind::Parse(e)))
    };
    for (ti, t) in pkg.types.iter().enumerate() {
        let cx = Cx {
            pkg: &pkg.name,
            context: &|| format!("type {}", t.name),
            text: &t.supertype,
        };
        check_type_decl(t, &pkg.types[..ti], &cx)?;
    }
    for m in &pkg.methods {
        let ctx = || format!("method {}", m.name);
        let cx = Cx {
            pkg: &pkg.name,
            context: &ctx,
            text: &m.sig,
        };
        for p in m.name.split('.') {
            check_ident(p, &cx)?;
        }
        let e = parse(&ctx, &m.sig)?;
        let last = m.name.rsplit('.').next().unwrap_or("");
        let ok = matches!(&e.body, TypeExpr::Name { path, params: Some(ps), .. }
            if path.len() == 1 && path[0] == "Tuple"
            && matches!(ps.first(), Some(TypeExpr::TypeOf { path: fp, .. }) if fp.last().map(String::as_str) == Some(last)));
        if !ok {
            return Err(cx.err(DeclErrorKind::Invalid(format!(
                "a method signature must be `Tuple{{typeof({last}), ...}}`"
            ))));
        }
    }
    for (ci, c) in pkg.code.iter().enumerate() {
        let ctx = || format!("code {ci} ({})", c.method.name);
        parse(&ctx, &c.method.sig)?;
        parse(&ctx, &c.spec)?;
        for (ei, e) in c.edges.iter().enumerate() {
            let ectx = || format!("code {ci} ({}) edge {ei}", c.method.name);
            match e {
                EdgeDecl::Call(s) => {
                    parse(&ectx, s)?;
                }
                EdgeDecl::Invoke { method, spec } => {
                    parse(&ectx, &method.sig)?;
                    parse(&ectx, spec)?;
                }
            }
        }
    }
    Ok(())
}

/// Check one package against its dependency closure (the packages it
/// transitively depends on, in any order): all names resolve, all method keys
/// name existing methods, specializations fit their methods.
pub fn check_package(pkg: &PackageDecl, closure: &[PackageDecl]) -> Result<(), DeclError> {
    check_syntax(pkg)?;
    // Order the closure so dependencies come first (stable by input order).
    let mut ordered: Vec<PackageDecl> = Vec::with_capacity(closure.len() + 1);
    let mut placed = vec![false; closure.len()];
    loop {
        let mut progress = false;
        for (i, d) in closure.iter().enumerate() {
            if placed[i] {
                continue;
            }
            let ready = d.deps.iter().all(|dep| {
                ordered.iter().any(|o| o.uuid == *dep) || !closure.iter().any(|c| c.uuid == *dep)
            });
            if ready {
                ordered.push(d.clone());
                placed[i] = true;
                progress = true;
            }
        }
        if !progress {
            break;
        }
    }
    if let Some(i) = placed.iter().position(|p| !p) {
        return Err(top_err(
            &closure[i].name,
            "deps".into(),
            "dependency cycle".into(),
        ));
    }
    ordered.push(pkg.clone());
    Universe::build(&ordered).map(|_| ())
}
