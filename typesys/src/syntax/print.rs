//! Printing a syntax tree back as text (as written, spacing normalized),
//! and Julia's call form of a signature (`f(::A, ::B) where T`).

use std::fmt;

use super::ast::{Expr, ExprKind, FloatTy, IntTy, Literal, WhereVar};
use super::parser::parse_type;

fn list(f: &mut fmt::Formatter<'_>, items: &[Expr]) -> fmt::Result {
    for (i, p) in items.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{p}")?;
    }
    Ok(())
}

fn path(f: &mut fmt::Formatter<'_>, p: &[String]) -> fmt::Result {
    for (i, seg) in p.iter().enumerate() {
        if i > 0 {
            f.write_str(".")?;
        }
        let ident = seg
            .chars()
            .next()
            .is_some_and(|c| c == '_' || c.is_alphabetic())
            && seg
                .chars()
                .all(|c| c == '_' || c == '!' || c.is_alphanumeric());
        let op = !seg.is_empty()
            && seg
                .chars()
                .all(|c| !c.is_alphanumeric() && c != '_' && c != '"');
        if ident || (op && i == 0) {
            f.write_str(seg)?;
        } else if op {
            write!(f, ":({seg})")?;
        } else {
            write!(f, "var{seg:?}")?;
        }
    }
    Ok(())
}

impl fmt::Display for WhereVar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(l) = &self.lower {
            write!(f, "{l}<:")?;
        }
        f.write_str(&self.name)?;
        if let Some(u) = &self.upper {
            write!(f, "<:{u}")?;
        }
        Ok(())
    }
}

/// ` where T` or ` where {T, S<:Real}` for a clause.
pub fn where_clause(vars: &[WhereVar]) -> String {
    match vars {
        [] => String::new(),
        [v] => format!(" where {v}"),
        vs => {
            let inner: Vec<String> = vs.iter().map(WhereVar::to_string).collect();
            format!(" where {{{}}}", inner.join(", "))
        }
    }
}

impl fmt::Display for Literal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Literal::Int {
                value,
                ty: IntTy::I64,
            } => write!(f, "{value}"),
            Literal::Int { value, ty } if ty.signed() => write!(f, "{}({value})", ty.name()),
            Literal::Int { value, ty } => {
                write!(f, "0x{:0w$x}", *value as u128, w = (ty.bits() / 4) as usize)
            }
            Literal::Bool(b) => write!(f, "{b}"),
            Literal::Char(c) => write!(f, "{c:?}"),
            Literal::Float {
                value,
                ty: FloatTy::F64,
            } => write!(f, "{value:?}"),
            Literal::Float { value, ty } => write!(f, "{}({value:?})", ty.name()),
            Literal::Symbol(s) => write!(f, "Symbol({s:?})"),
            Literal::Nothing => f.write_str("nothing"),
        }
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ExprKind::Name(p) => path(f, p),
            ExprKind::Apply { head, params } => {
                write!(f, "{head}{{")?;
                list(f, params)?;
                f.write_str("}")
            }
            ExprKind::TypeOf(p) => {
                f.write_str("typeof(")?;
                path(f, p)?;
                f.write_str(")")
            }
            ExprKind::TypeOfCall { callee, args } => {
                f.write_str("typeof(")?;
                path(f, callee)?;
                f.write_str("(")?;
                for (i, a) in args.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    path(f, a)?;
                }
                f.write_str("))")
            }
            ExprKind::Where { body, vars } => {
                write!(f, "{body}")?;
                f.write_str(&where_clause(vars))
            }
            ExprKind::Wildcard { upper, bound } => {
                let op = if *upper { "<:" } else { ">:" };
                if matches!(bound.kind, ExprKind::Where { .. }) {
                    write!(f, "{op}({bound})")
                } else {
                    write!(f, "{op}{bound}")
                }
            }
            ExprKind::StrMacro { name, text } => write!(f, "{name}{text:?}"),
            ExprKind::NamedTupleMacro(fields) => {
                f.write_str("@NamedTuple{")?;
                for (i, (n, t)) in fields.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    f.write_str(n)?;
                    if let Some(t) = t {
                        write!(f, "::{t}")?;
                    }
                }
                f.write_str("}")
            }
            ExprKind::Value(l) => write!(f, "{l}"),
            ExprKind::Tuple(items) => {
                f.write_str("(")?;
                list(f, items)?;
                if items.len() == 1 {
                    f.write_str(",")?;
                }
                f.write_str(")")
            }
        }
    }
}

/// Render a method or code-instance signature `Tuple{typeof(f), A, B} where T`
/// as `f(::A, ::B) where T`, using `name` for the function. Falls back to
/// the name followed by the raw text when it does not have that shape.
pub fn call_display(name: &str, sig: &str) -> String {
    let Ok(e) = parse_type(sig) else {
        return format!("{name}{sig}");
    };
    let mut clauses = Vec::new();
    let mut body = &e;
    while let ExprKind::Where { body: b, vars } = &body.kind {
        clauses.push(vars);
        body = b;
    }
    match &body.kind {
        ExprKind::Apply { head, params }
            if matches!(&head.kind, ExprKind::Name(p) if p.len() == 1 && p[0] == "Tuple")
                && !params.is_empty() =>
        {
            let args: Vec<String> = params[1..].iter().map(|p| format!("::{p}")).collect();
            let mut out = format!("{name}({})", args.join(", "));
            for vars in clauses.iter().rev() {
                out.push_str(&where_clause(vars));
            }
            out
        }
        _ => format!("{name}{sig}"),
    }
}
