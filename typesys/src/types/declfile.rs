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
//! export Number, Real
//! ```

use std::fmt;

use super::registry::{Binding, Kind, Registry};
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
