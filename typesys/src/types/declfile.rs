//! Reading declaration files: Julia's own declaration syntax, one
//! declaration per line, as `typesys/builtin/julia-1.11.jl` writes Core,
//! Base and the standard libraries (see its README for the grammar).
//!
//! ```text
//! module Base.Iterators
//! abstract type AbstractArray{T,N} end
//! primitive type Int64 <: Signed 64 end
//! struct Complex{T<:Real} <: Number end
//! mutable struct Array{T,N} <: DenseArray{T,N} end
//! const Vector{T} = Array{T,1}
//! function + end
//! function +(::T, ::T) where T<:BitInteger end
//! function Complex{T}(::Real) where T<:Real end
//! export Number, Real
//! ```

use std::fmt;

use super::registry::{Binding, DeclaredMethod, Kind, Registry, TUPLE};
use super::resolve::{resolve, resolve_with};
use super::ty::{Ty, Var};
use crate::syntax::{parse_type, Expr, ExprKind};

/// An error in a declaration file, with its line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeclFileError {
    /// Name of the file (for messages).
    pub file: String,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for DeclFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for DeclFileError {}

/// The modules whose exports a module sees unqualified.
fn default_uses(module: &str) -> Vec<&'static str> {
    match module {
        "Core" => vec![],
        "Base" => vec!["Core"],
        _ => vec!["Core", "Base"],
    }
}

/// Enter a module (creating it and its parents' bindings).
pub fn enter_module(reg: &mut Registry, path: &str) {
    let mut parent = String::new();
    for seg in path.split('.') {
        let full = if parent.is_empty() {
            seg.to_string()
        } else {
            format!("{parent}.{seg}")
        };
        if !parent.is_empty() {
            reg.declare_submodule(&parent, seg, &full);
        }
        let m = reg.module_mut(&full);
        if m.uses.is_empty() {
            m.uses = default_uses(&full).into_iter().map(Into::into).collect();
        }
        parent = full;
    }
}

/// Strip a trailing `# comment` (a `#` at the start or after white space;
/// `var"#f#2"` keeps its `#`).
fn strip_comment(line: &str) -> &str {
    let b = line.as_bytes();
    let mut in_str = false;
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'"' => in_str = !in_str,
            b'#' if !in_str && (i == 0 || b[i - 1].is_ascii_whitespace()) => return &line[..i],
            _ => {}
        }
    }
    line
}

/// Split `Name{P…} <: Super` into the head and the supertype text.
fn split_head(s: &str) -> (&str, Option<&str>) {
    let mut depth = 0i32;
    let b = s.as_bytes();
    for i in 0..b.len() {
        match b[i] {
            b'{' | b'(' => depth += 1,
            b'}' | b')' => depth -= 1,
            b'<' if depth == 0 && b.get(i + 1) == Some(&b':') => {
                return (s[..i].trim(), Some(s[i + 2..].trim()));
            }
            _ => {}
        }
    }
    (s.trim(), None)
}

/// Load a declaration file into `reg`.
pub fn load(reg: &mut Registry, text: &str, file: &str) -> Result<(), DeclFileError> {
    // Exports first: a module may use a name its parent exports further down.
    let mut module = String::from("Main");
    for raw in text.lines() {
        let line = strip_comment(raw).trim();
        if let Some(m) = line.strip_prefix("module ") {
            module = m.trim().to_string();
        } else if let Some(names) = line.strip_prefix("export ") {
            enter_module(reg, &module);
            let m = reg.module_mut(&module);
            for name in names.split(',') {
                let name = name.trim();
                if !name.is_empty() {
                    m.exports.insert(name.into());
                }
            }
        }
    }
    let mut module = String::from("Main");
    for (n, raw) in text.lines().enumerate() {
        let line = strip_comment(raw).trim();
        if line.is_empty() {
            continue;
        }
        let err = |message: String| DeclFileError {
            file: file.to_string(),
            line: n + 1,
            message,
        };
        if let Some(m) = line.strip_prefix("module ") {
            module = m.trim().to_string();
            enter_module(reg, &module);
            continue;
        }
        if module == "Main" && reg.module("Main").is_none() {
            enter_module(reg, "Main");
        }
        if let Some(names) = line.strip_prefix("export ") {
            let m = reg.module_mut(&module);
            for name in names.split(',') {
                let name = name.trim();
                if !name.is_empty() {
                    m.exports.insert(name.into());
                }
            }
            continue;
        }
        if let Some(names) = line.strip_prefix("using ") {
            let m = reg.module_mut(&module);
            for name in names.split(',') {
                let name = name.trim();
                if !name.is_empty() && !m.uses.iter().any(|u| u.as_ref() == name) {
                    m.uses.push(name.into());
                }
            }
            continue;
        }
        if let Some(rest) = line.strip_prefix("function ") {
            let body = rest.trim_end().strip_suffix("end").unwrap_or(rest).trim();
            if let Some(head) = split_method_head(body) {
                let m = declare_method(reg, &module, head.map_err(&err)?).map_err(&err)?;
                reg.declare_method(m);
                continue;
            }
            let name = rest.strip_suffix("end").unwrap_or(rest).trim();
            if name.is_empty() {
                return Err(err("a function needs a name".into()));
            }
            reg.declare_function(&module, name).map_err(|e| err(e.0))?;
            continue;
        }
        if let Some(rest) = line.strip_prefix("const ") {
            let Some((lhs, rhs)) = rest.split_once(" = ") else {
                return Err(err("an alias needs ` = `".into()));
            };
            let (name, params) = match lhs.trim().split_once('{') {
                Some((n, p)) => (
                    n.trim(),
                    p.trim_end().strip_suffix('}').unwrap_or(p).to_string(),
                ),
                None => (lhs.trim(), String::new()),
            };
            if params.is_empty() {
                // `const f = g` binds a second name to a function, type or
                // module (an import).
                let path = match parse_type(rhs.trim()) {
                    Ok(Expr {
                        kind: ExprKind::Name(path),
                        ..
                    }) => Some(path),
                    Ok(_) => None,
                    // An operator (`const ≠ = !=`).
                    Err(_) => Some(vec![rhs.trim().to_string()]),
                };
                if let Some(path) = path {
                    {
                        if let Some(
                            b @ (Binding::Function(_) | Binding::Type(_) | Binding::Module(_)),
                        ) = reg.lookup(&module, &path)
                        {
                            reg.bind(&module, name, b).map_err(|e| err(e.0))?;
                            continue;
                        }
                    }
                }
            }
            let full = if params.is_empty() {
                rhs.trim().to_string()
            } else {
                format!("({}) where {{{}}}", rhs.trim(), params)
            };
            let e = parse_type(&full).map_err(|e| err(format!("in `{full}`: {e}")))?;
            let t = resolve(reg, &module, &e).map_err(|e| err(format!("in `{full}`: {e}")))?;
            reg.declare_alias(&module, name, t).map_err(|e| err(e.0))?;
            continue;
        }
        let (kind, rest) = if let Some(r) = line.strip_prefix("abstract type ") {
            (Kind::Abstract, r)
        } else if let Some(r) = line.strip_prefix("mutable struct ") {
            (Kind::Mutable, r)
        } else if let Some(r) = line.strip_prefix("struct ") {
            (Kind::Struct, r)
        } else if let Some(r) = line.strip_prefix("primitive type ") {
            (Kind::Primitive(0), r)
        } else {
            return Err(err(format!("not a declaration: `{line}`")));
        };
        let rest = rest
            .trim_end()
            .strip_suffix("end")
            .ok_or_else(|| err("a declaration ends with `end`".into()))?
            .trim();
        let (rest, kind) = match kind {
            Kind::Primitive(_) => {
                let (r, bits) = rest
                    .rsplit_once(char::is_whitespace)
                    .ok_or_else(|| err("a primitive type needs its size in bits".into()))?;
                let bits: u32 = bits
                    .parse()
                    .map_err(|_| err(format!("`{bits}` is not a size in bits")))?;
                (r.trim(), Kind::Primitive(bits))
            }
            k => (rest, k),
        };
        let (head, sup_text) = split_head(rest);
        let (name, params_text) = match head.split_once('{') {
            Some((n, p)) => (n.trim(), p.strip_suffix('}').unwrap_or(p).trim()),
            None => (head, ""),
        };
        if let Some(super::registry::Binding::Type(id)) =
            reg.module(&module).and_then(|m| m.bindings.get(name))
        {
            if *id <= super::registry::TYPEVAR {
                // The kernel is built in (src/jltypes.c).
                continue;
            }
        }
        if name == "Vararg" {
            // Core.Vararg is a tuple tail, not a declared type (boot.jl).
            continue;
        }
        let params: Vec<Var> = if params_text.is_empty() {
            Vec::new()
        } else {
            let full = format!("Any where {{{params_text}}}");
            let e =
                parse_type(&full).map_err(|e| err(format!("parameters `{params_text}`: {e}")))?;
            let ExprKind::Where { vars, .. } = &e.kind else {
                return Err(err("bad parameters".into()));
            };
            let mut made: Vec<Var> = Vec::new();
            for v in vars {
                let lb = match &v.lower {
                    Some(x) => resolve_with(reg, &module, &made, x),
                    None => Ok(Ty::bottom()),
                }
                .map_err(|e| err(format!("bound of `{}`: {e}", v.name)))?;
                let ub = match &v.upper {
                    Some(x) => resolve_with(reg, &module, &made, x),
                    None => Ok(reg.any()),
                }
                .map_err(|e| err(format!("bound of `{}`: {e}", v.name)))?;
                made.push(Var::new(&v.name, lb, ub));
            }
            made
        };
        let sup = match sup_text {
            Some(s) => {
                let e = parse_type(s).map_err(|e| err(format!("supertype `{s}`: {e}")))?;
                let t = resolve_with(reg, &module, &params, &e)
                    .map_err(|e| err(format!("supertype `{s}`: {e}")))?;
                if t.data_name().is_none() {
                    return Err(err(format!("supertype `{s}` is not a data type")));
                }
                t
            }
            None => reg.any(),
        };
        reg.declare_type(&module, name, params, sup, kind)
            .map_err(|e| err(e.0))?;
    }
    Ok(())
}

/// A method line's parts: `function NAME(ARGS) [where …] end`.
#[derive(Debug, PartialEq, Eq)]
struct MethodHead<'a> {
    /// The function (`+`, `Base.Math.sin`) or type (`Complex{T}`).
    name: &'a str,
    /// The argument texts, split at top-level commas.
    args: Vec<&'a str>,
    /// `where …` (with the keyword), or empty.
    wheres: &'a str,
}

/// The index just past the bracket closing the one at `open`, skipping
/// string literals (`MIME"text/plain"`).
fn closing(b: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0i32;
    let mut in_str = false;
    for (i, &c) in b.iter().enumerate().skip(open) {
        match c {
            b'"' => in_str = !in_str,
            _ if in_str => {}
            b'(' | b'{' | b'[' => depth += 1,
            b')' | b'}' | b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// Split the text between `function` and `end` into a method head, or
/// `None` when it is a bare function name (`function f end`).
fn split_method_head(body: &str) -> Option<Result<MethodHead<'_>, String>> {
    let b = body.as_bytes();
    // `(op)(…)`: a parenthesized operator name.
    let (name, open) = if b.first() == Some(&b'(') {
        let end = closing(b, 0)?;
        if b.get(end) != Some(&b'(') {
            return None;
        }
        (body[1..end - 1].trim(), end)
    } else {
        // The first `(` outside `{…}` (a constructor `Complex{T}(…)`).
        let mut depth = 0i32;
        let open = b.iter().enumerate().find_map(|(i, &c)| match c {
            b'{' => {
                depth += 1;
                None
            }
            b'}' => {
                depth -= 1;
                None
            }
            b'(' if depth == 0 => Some(i),
            _ => None,
        })?;
        (body[..open].trim(), open)
    };
    let Some(close) = closing(b, open) else {
        return Some(Err("unbalanced parentheses in a method head".into()));
    };
    let wheres = body[close..].trim();
    if !(wheres.is_empty() || wheres.starts_with("where ") || wheres.starts_with("where{")) {
        return Some(Err(format!(
            "after the arguments, only `where …` may follow, not `{wheres}`"
        )));
    }
    if name.is_empty() {
        return Some(Err("a method needs a function name".into()));
    }
    let inner = &body[open + 1..close - 1];
    let mut args = Vec::new();
    let (mut depth, mut start, mut in_str) = (0i32, 0usize, false);
    for (i, &c) in inner.as_bytes().iter().enumerate() {
        match c {
            b'"' => in_str = !in_str,
            _ if in_str => {}
            b'(' | b'{' | b'[' => depth += 1,
            b')' | b'}' | b']' => depth -= 1,
            b',' if depth == 0 => {
                args.push(inner[start..i].trim());
                start = i + 1;
            }
            b';' if depth == 0 => {
                return Some(Err(
                    "keyword arguments are not declared (the positional method is)".into(),
                ))
            }
            _ => {}
        }
    }
    if !inner[start..].trim().is_empty() || !args.is_empty() {
        args.push(inner[start..].trim());
    }
    Some(Ok(MethodHead { name, args, wheres }))
}

/// The type an argument declares: `::T`, `x::T`, `x` (`Any`), and with a
/// trailing `...` the `Vararg` of it.
fn argument_type(arg: &str) -> Result<String, String> {
    let (arg, vararg) = match arg.strip_suffix("...") {
        Some(a) => (a.trim_end(), true),
        None => (arg, false),
    };
    if arg.contains('=') && !arg.contains("::") {
        return Err(format!(
            "`{arg}`: default values are not declared (one line per arity)"
        ));
    }
    let ty = match arg.split_once("::") {
        Some((name, ty)) if name.trim().chars().all(|c| c == '_' || c.is_alphanumeric()) => {
            ty.trim()
        }
        Some(_) => return Err(format!("`{arg}` is not an argument")),
        None if !arg.is_empty() && arg.chars().all(|c| c == '_' || c.is_alphanumeric()) => "Any",
        None => return Err(format!("`{arg}` is not an argument")),
    };
    if ty.is_empty() {
        return Err(format!("`{arg}`: a type follows `::`"));
    }
    Ok(if vararg {
        format!("Vararg{{{ty}}}")
    } else {
        ty.to_string()
    })
}

/// Resolve a method line in `module`: the function its name resolves to
/// (declaring a new one of `module` when the name is free), or the type
/// whose constructor it is, and the signature `Tuple{…}`.
fn declare_method(
    reg: &mut Registry,
    module: &str,
    head: MethodHead<'_>,
) -> Result<DeclaredMethod, String> {
    let name = head.name;
    let is_ident = name
        .chars()
        .next()
        .is_some_and(|c| c == '_' || c.is_alphabetic());
    let type_head = name.split_once('{').map(|(h, _)| h.trim());
    let path: Vec<String> = if is_ident {
        type_head
            .unwrap_or(name)
            .split('.')
            .map(str::to_string)
            .collect()
    } else {
        vec![name.to_string()]
    };
    let (func, first) = match reg.lookup(module, &path) {
        Some(Binding::Function(tn)) if type_head.is_none() => {
            let first = if is_ident {
                format!("typeof({name})")
            } else {
                format!("typeof(({name}))")
            };
            (tn, first)
        }
        Some(Binding::Type(id)) => (id, format!("Type{{{name}}}")),
        Some(Binding::Alias(t)) => match t.unwrap_unionall().data_name() {
            Some(id) => (id, format!("Type{{{name}}}")),
            None => return Err(format!("`{name}` names no data type to construct")),
        },
        None if path.len() == 1 && type_head.is_none() => {
            let tn = reg.declare_function(module, name).map_err(|e| e.0)?;
            let first = if is_ident {
                format!("typeof({name})")
            } else {
                format!("typeof(({name}))")
            };
            (tn, first)
        }
        Some(_) => return Err(format!("`{name}` names neither a function nor a type")),
        None => return Err(format!("unknown function `{name}`")),
    };
    let mut text = format!("Tuple{{{first}");
    for a in &head.args {
        text.push_str(", ");
        text.push_str(&argument_type(a)?);
    }
    text.push('}');
    if !head.wheres.is_empty() {
        text.push(' ');
        text.push_str(head.wheres);
    }
    let e = parse_type(&text).map_err(|e| format!("in `{text}`: {e}"))?;
    let sig = resolve(reg, module, &e).map_err(|e| format!("in `{text}`: {e}"))?;
    if sig.unwrap_unionall().data_name() != Some(TUPLE) {
        return Err(format!("`{text}` is not a signature"));
    }
    Ok(DeclaredMethod {
        module: module.into(),
        name: name.into(),
        func,
        sig,
        sig_text: text.into(),
    })
}
