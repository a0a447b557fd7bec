//! From syntax to types: names looked up in a module of a [`Registry`],
//! `where` variables bound, sugar expanded (`Vector{<:Real}`,
//! `MIME"text/plain"`, `@NamedTuple{…}`), parameters checked against
//! their bounds (jltypes.c `jl_apply_type`).

use std::fmt;

use super::construct::{self, ApplyError};
use super::registry::{Binding, Registry, TUPLE, TYPE, UNION};
use super::ty::{Node, Ty, Value, Var};
use crate::syntax::{parse_type, Expr, ExprKind, Literal, ParseError};

/// Why a type text does not name a type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolveError {
    /// Byte offset in the text.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at byte {}: {}", self.offset, self.message)
    }
}

impl std::error::Error for ResolveError {}

/// A parse or resolution error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeTextError {
    /// The text does not parse.
    Parse(ParseError),
    /// It parses but does not name a type.
    Resolve(ResolveError),
}

impl fmt::Display for TypeTextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypeTextError::Parse(e) => e.fmt(f),
            TypeTextError::Resolve(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for TypeTextError {}

impl TypeTextError {
    /// Byte offset of the error.
    pub fn offset(&self) -> usize {
        match self {
            TypeTextError::Parse(e) => e.offset,
            TypeTextError::Resolve(e) => e.offset,
        }
    }
}

/// How names are looked up while resolving: a module of a registry by
/// default ([`ModuleScope`]); the package world supplies its own, with
/// dependency closures and ambiguity errors.
pub trait Names {
    /// The binding of `path`, `Ok(None)` when nothing is bound, or an error
    /// message (an ambiguous or unreachable name).
    fn lookup(&self, path: &[String]) -> Result<Option<Binding>, String>;
}

/// Names as a module of a registry sees them ([`Registry::lookup`]).
pub struct ModuleScope<'a> {
    /// The registry.
    pub reg: &'a Registry,
    /// The module's path.
    pub module: &'a str,
}

impl Names for ModuleScope<'_> {
    fn lookup(&self, path: &[String]) -> Result<Option<Binding>, String> {
        Ok(self.reg.lookup(self.module, path))
    }
}

/// Parse and resolve `text` in `module`.
pub fn type_from_text(reg: &Registry, module: &str, text: &str) -> Result<Ty, TypeTextError> {
    let e = parse_type(text).map_err(TypeTextError::Parse)?;
    resolve(reg, module, &e).map_err(TypeTextError::Resolve)
}

/// Resolve a parsed type in `module`.
pub fn resolve(reg: &Registry, module: &str, e: &Expr) -> Result<Ty, ResolveError> {
    resolve_in(reg, &ModuleScope { reg, module }, e)
}

/// Resolve a parsed type with names looked up in `names`.
pub fn resolve_in(reg: &Registry, names: &dyn Names, e: &Expr) -> Result<Ty, ResolveError> {
    let mut r = Resolver {
        reg,
        names,
        scope: Vec::new(),
        in_param: false,
    };
    let t = r.ty(e)?;
    if !t.is_type() && t.as_var().is_none() {
        return Err(err(e.offset, "a value, not a type".into()));
    }
    Ok(t)
}

/// Resolve with type variables already in scope (a declaration's
/// parameters while its supertype is read).
pub fn resolve_with(
    reg: &Registry,
    module: &str,
    vars: &[Var],
    e: &Expr,
) -> Result<Ty, ResolveError> {
    resolve_with_in(reg, &ModuleScope { reg, module }, vars, e)
}

/// [`resolve_with`] with names looked up in `names`.
pub fn resolve_with_in(
    reg: &Registry,
    names: &dyn Names,
    vars: &[Var],
    e: &Expr,
) -> Result<Ty, ResolveError> {
    let mut r = Resolver {
        reg,
        names,
        scope: vars
            .iter()
            .map(|v| (v.name().to_string(), v.clone()))
            .collect(),
        in_param: false,
    };
    r.ty(e)
}

fn err(offset: usize, message: String) -> ResolveError {
    ResolveError { offset, message }
}

struct Resolver<'a> {
    reg: &'a Registry,
    names: &'a dyn Names,
    scope: Vec<(String, Var)>,
    /// Resolving a parameter, where values (functions too) may stand.
    in_param: bool,
}

fn path_text(path: &[String]) -> String {
    path.join(".")
}

impl Resolver<'_> {
    fn apply_err(&self, offset: usize) -> impl Fn(ApplyError) -> ResolveError {
        move |e| err(offset, e.0)
    }

    fn ty(&mut self, e: &Expr) -> Result<Ty, ResolveError> {
        match &e.kind {
            ExprKind::Name(path) => self.name(e.offset, path),
            ExprKind::Apply { head, params } => self.apply(e.offset, head, params),
            ExprKind::TypeOf(path) => match self.lookup(e.offset, path)? {
                Some(Binding::Function(id)) => Ok(self.reg.leaf(id)),
                Some(Binding::Type(id)) => Ok(self.reg.type_of(&self.reg.wrapper(id))),
                Some(Binding::Alias(t)) | Some(Binding::Const(t)) => Ok(self.reg.type_of(&t)),
                Some(Binding::Module(_)) => Err(err(
                    e.offset,
                    format!("`{}` is a module, not a function", path_text(path)),
                )),
                None => Err(err(
                    e.offset,
                    format!("unknown function `{}`", path_text(path)),
                )),
            },
            ExprKind::TypeOfCall { callee, args } => self.type_of_call(e.offset, callee, args),
            ExprKind::Where { body, vars } => {
                let base = self.scope.len();
                let mut made = Vec::with_capacity(vars.len());
                for v in vars {
                    let lb = match &v.lower {
                        Some(x) => self.bound(x)?,
                        None => Ty::bottom(),
                    };
                    let ub = match &v.upper {
                        Some(x) => self.bound(x)?,
                        None => self.reg.any(),
                    };
                    let var = Var::new(&v.name, lb, ub);
                    self.scope.push((v.name.clone(), var.clone()));
                    made.push(var);
                }
                let body = self.ty(body);
                self.scope.truncate(base);
                let mut t = body?;
                for v in made.iter().rev() {
                    t = wrap(v, t);
                }
                Ok(t)
            }
            ExprKind::Wildcard { .. } => Err(err(
                e.offset,
                "`<:T` and `>:T` stand only as parameters of a type".into(),
            )),
            ExprKind::StrMacro { name, text } => {
                if name != "MIME" {
                    return Err(err(e.offset, format!("unknown string macro `{name}\"…\"`")));
                }
                let head = self.name(e.offset, &["MIME".to_string()])?;
                construct::apply(
                    self.reg,
                    &head,
                    vec![Ty::value(Value::Symbol(text.as_str().into()))],
                    "MIME",
                )
                .map_err(self.apply_err(e.offset))
            }
            ExprKind::NamedTupleMacro(fields) => {
                let mut names = Vec::new();
                let mut types = Vec::new();
                for (n, t) in fields {
                    names.push(Ty::value(Value::Symbol(n.as_str().into())));
                    types.push(match t {
                        Some(t) => self.ty(t)?,
                        None => self.reg.any(),
                    });
                }
                let head = self.name(e.offset, &["NamedTuple".to_string()])?;
                let tt = construct::tuple(types).map_err(self.apply_err(e.offset))?;
                construct::apply(
                    self.reg,
                    &head,
                    vec![Ty::value(Value::Tuple(names)), tt],
                    "NamedTuple",
                )
                .map_err(self.apply_err(e.offset))
            }
            ExprKind::Value(l) => Ok(Ty::value(literal(l))),
            ExprKind::Tuple(items) => {
                let items = items
                    .iter()
                    .map(|i| self.ty(i))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(Ty::value(Value::Tuple(items)))
            }
        }
    }

    /// The result type of the calls Julia source writes inside `typeof`:
    /// `splat(f)` is `Base.Splat{typeof(f)}` (base/operators.jl, Julia ≥ 1.9),
    /// `∘(f, g)` is `ComposedFunction{typeof(f), typeof(g)}`.
    fn type_of_call(
        &mut self,
        offset: usize,
        callee: &[String],
        args: &[Vec<String>],
    ) -> Result<Ty, ResolveError> {
        let target = self.lookup(offset, callee)?;
        let func_type = |r: &mut Self, p: &[String]| -> Result<Ty, ResolveError> {
            match r.lookup(offset, p)? {
                Some(Binding::Function(id)) => Ok(r.reg.leaf(id)),
                Some(Binding::Type(id)) => Ok(r.reg.type_of(&r.reg.wrapper(id))),
                _ => Err(err(offset, format!("unknown function `{}`", path_text(p)))),
            }
        };
        let base_fn = |r: &Self, name: &str| r.reg.lookup("Base", &[name.to_string()]);
        let is = |name: &str| matches!((&target, base_fn(self, name)), (Some(Binding::Function(a)), Some(Binding::Function(b))) if *a == b);
        let (wrapper_name, n) = if is("splat") {
            ("Splat", 1)
        } else if is("∘") {
            ("ComposedFunction", 2)
        } else {
            return Err(err(
                offset,
                format!(
                    "the type of a call of `{}` is not known statically (known: `splat`, `∘`)",
                    path_text(callee)
                ),
            ));
        };
        if args.len() != n {
            return Err(err(
                offset,
                format!("`{}` takes {n} argument(s) here", path_text(callee)),
            ));
        }
        let ps = args
            .iter()
            .map(|a| func_type(self, a))
            .collect::<Result<Vec<_>, _>>()?;
        let head = match self.reg.lookup("Base", &[wrapper_name.to_string()]) {
            Some(Binding::Type(id)) => self.reg.wrapper(id),
            _ => {
                return Err(err(
                    offset,
                    format!("`Base.{wrapper_name}` is not declared"),
                ))
            }
        };
        construct::apply(self.reg, &head, ps, wrapper_name).map_err(self.apply_err(offset))
    }

    fn bound(&mut self, e: &Expr) -> Result<Ty, ResolveError> {
        let t = self.ty(e)?;
        if matches!(t.node(), Node::Vararg(..)) {
            return Err(err(e.offset, "a `Vararg` cannot bound a variable".into()));
        }
        if !t.is_type() && t.as_var().is_none() {
            // Julia's TypeVar takes only types as bounds.
            return Err(err(e.offset, "a variable's bound must be a type".into()));
        }
        Ok(t)
    }

    fn name(&mut self, offset: usize, path: &[String]) -> Result<Ty, ResolveError> {
        if path.len() == 1 {
            if let Some((_, v)) = self.scope.iter().rev().find(|(n, _)| *n == path[0]) {
                return Ok(Ty::var(v));
            }
        }
        if is_vararg_name(path) {
            return construct::vararg(self.reg.any(), None).map_err(self.apply_err(offset));
        }
        match self.lookup(offset, path)? {
            Some(Binding::Type(id)) => Ok(self.reg.wrapper(id)),
            Some(Binding::Alias(t)) | Some(Binding::Const(t)) => Ok(t),
            Some(Binding::Function(id)) if self.in_param => {
                // A function as a parameter (`Tangent{<:, …}`): a singleton value.
                let n = self.reg.name(id);
                let f = n.function.clone().unwrap_or_default();
                Ok(Ty::value(Value::Function(id, f)))
            }
            Some(Binding::Function(_)) => Err(err(
                offset,
                format!(
                    "`{}` is a function, not a type (its type is `typeof({})`)",
                    path_text(path),
                    path_text(path)
                ),
            )),
            Some(Binding::Module(_)) => Err(err(
                offset,
                format!("`{}` is a module, not a type", path_text(path)),
            )),
            None => Err(err(offset, format!("unknown type `{}`", path_text(path)))),
        }
    }

    /// A parameter: wildcards become variables quantified around the
    /// applied type.
    fn param(&mut self, e: &Expr, wild: &mut Vec<Var>) -> Result<Ty, ResolveError> {
        if let ExprKind::Wildcard { upper, bound } = &e.kind {
            let b = self.bound(bound)?;
            let v = if *upper {
                Var::new("T", Ty::bottom(), b)
            } else {
                Var::new("T", b, self.reg.any())
            };
            wild.push(v.clone());
            return Ok(Ty::var(&v));
        }
        let saved = std::mem::replace(&mut self.in_param, true);
        let r = self.ty(e);
        self.in_param = saved;
        r
    }

    fn apply(&mut self, offset: usize, head: &Expr, params: &[Expr]) -> Result<Ty, ResolveError> {
        let special = match &head.kind {
            ExprKind::Name(path) if !self.is_var(path) => {
                if is_vararg_name(path) {
                    Some(Special::Vararg)
                } else {
                    match self.lookup(head.offset, path)? {
                        Some(Binding::Type(UNION)) => Some(Special::Union),
                        Some(Binding::Type(TUPLE)) => Some(Special::Tuple),
                        _ => None,
                    }
                }
            }
            _ => None,
        };
        let mut wild = Vec::new();
        let mut ps = Vec::with_capacity(params.len());
        for p in params {
            ps.push(self.param(p, &mut wild)?);
        }
        let applied = match special {
            Some(Special::Union) => {
                for (p, e) in ps.iter().zip(params) {
                    if !p.is_type() && p.as_var().is_none() {
                        return Err(err(e.offset, "a `Union` member must be a type".into()));
                    }
                }
                construct::union(self.reg, ps)
            }
            // Julia accepts values as tuple parameters too (`Tuple{3, 3}`,
            // test/subtype.jl), a type no value has.
            Some(Special::Tuple) => construct::tuple(ps).map_err(self.apply_err(offset))?,
            Some(Special::Vararg) => {
                if ps.is_empty() || ps.len() > 2 {
                    return Err(err(offset, "`Vararg` takes one or two parameters".into()));
                }
                let mut it = ps.into_iter();
                let t = it.next().unwrap_or_else(|| self.reg.any());
                construct::vararg(t, it.next()).map_err(self.apply_err(offset))?
            }
            None => {
                let h = self.ty(head)?;
                if !matches!(h.node(), Node::UnionAll(..)) {
                    return Err(err(
                        offset,
                        format!("`{}` takes no parameters", head_text(head)),
                    ));
                }
                if h.unwrap_unionall().data_name() == Some(TYPE) && ps.len() == 1 {
                    if matches!(ps[0].node(), Node::Vararg(..)) {
                        return Err(err(offset, "`Type{Vararg}` is not supported".into()));
                    }
                    // Julia leaves `Type{…}` parameters as written
                    // (test/subtype.jl:142, a `@test_broken`).
                    construct::type_of_type(ps[0].clone())
                } else {
                    construct::apply(self.reg, &h, ps, &head_text(head))
                        .map_err(self.apply_err(offset))?
                }
            }
        };
        let mut t = applied;
        for v in wild.iter().rev() {
            t = wrap(v, t);
        }
        Ok(t)
    }

    fn lookup(&self, offset: usize, path: &[String]) -> Result<Option<Binding>, ResolveError> {
        self.names.lookup(path).map_err(|m| err(offset, m))
    }

    fn is_var(&self, path: &[String]) -> bool {
        path.len() == 1 && self.scope.iter().any(|(n, _)| *n == path[0])
    }
}

enum Special {
    Union,
    Tuple,
    Vararg,
}

fn is_vararg_name(path: &[String]) -> bool {
    match path {
        [n] => n == "Vararg",
        [m, n] => m == "Core" && n == "Vararg",
        _ => false,
    }
}

fn head_text(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Name(p) => path_text(p),
        _ => "the type".into(),
    }
}

/// `body where v`, dropping the `where` when `v` does not occur
/// (`jl_type_unionall`).
pub fn wrap(v: &Var, body: Ty) -> Ty {
    if body.as_var() == Some(v) {
        // `T where T<:S` is `S` (jltypes.c `jl_type_unionall`).
        return v.ub().clone();
    }
    if body.has_var(v) {
        Ty::unionall(v, body)
    } else {
        body
    }
}

/// The value a literal denotes.
pub fn literal(l: &Literal) -> Value {
    match l {
        Literal::Int { value, ty } => Value::Int(*ty, *value),
        Literal::Bool(b) => Value::Bool(*b),
        Literal::Char(c) => Value::Char(*c),
        Literal::Float { value, ty } => Value::Float(*ty, *value),
        Literal::Symbol(s) => Value::Symbol(s.as_str().into()),
        Literal::Nothing => Value::Nothing,
    }
}
