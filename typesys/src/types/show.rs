//! Printing types the way Julia's `Base.show` does (base/show.jl): names
//! exported by Core and Base unqualified and others qualified,
//! `Array{T, 1}` as `Vector{T}`, `Vector{<:Real}` for a variable used once,
//! trailing parameters left as the name's own variables dropped
//! (`Array{Int64}`), `MIME"text/plain"`, `@NamedTuple{a::Int64}`, typed
//! values (`0x01`, `Int32(1)`, `1.0f0`, `'c'`, `:a`). What this prints
//! parses back to an equal type.

use std::fmt::Write;

use super::registry::{Binding, Registry, TUPLE, TYPE};
use super::ty::{Node, Ty, Value, Var};
use crate::syntax::{FloatTy, IntTy};

/// Julia's printed form of `t`.
pub fn show(reg: &Registry, t: &Ty) -> String {
    show_with(reg, t, &|_| false)
}

/// [`show`], with the names of the modules `visible` accepts printed
/// unqualified too (as after `using` them).
pub fn show_with(reg: &Registry, t: &Ty, visible: &dyn Fn(&str) -> bool) -> String {
    let mut p = Printer {
        reg,
        visible_modules: visible,
        names: Vec::new(),
        out: String::new(),
    };
    p.ty(t);
    p.out
}

struct Printer<'a> {
    reg: &'a Registry,
    visible_modules: &'a dyn Fn(&str) -> bool,
    /// Variables in scope and the names they print as.
    names: Vec<(Var, String)>,
    out: String,
}

/// Whether `s` is a plain identifier (else it prints as `var"…"`).
pub fn is_identifier(s: &str) -> bool {
    let mut cs = s.chars();
    let Some(c0) = cs.next() else { return false };
    (c0 == '_' || c0.is_alphabetic())
        && cs.all(|c| c == '_' || c == '!' || c.is_alphanumeric())
        && !matches!(
            s,
            "where" | "end" | "function" | "true" | "false" | "nothing"
        )
}

fn is_operator(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| !c.is_alphanumeric() && c != '_' && !c.is_whitespace() && c != '"')
}

/// A name as it must be written in a path: plain, `var"…"`, or an operator.
pub fn name_text(s: &str) -> String {
    if is_identifier(s) || is_operator(s) {
        s.to_string()
    } else {
        format!("var{}", julia_string(s))
    }
}

impl Printer<'_> {
    /// Whether `module.name` prints unqualified: exported by Core or Base.
    fn visible(&self, module: &str, name: &str) -> bool {
        if (self.visible_modules)(module) {
            return true;
        }
        for m in ["Core", "Base"] {
            if let Some(md) = self.reg.module(m) {
                if md.exports.contains(name) {
                    if let Some(b) = md.bindings.get(name) {
                        let owner = match b {
                            Binding::Type(id) | Binding::Function(id) => {
                                self.reg.name(*id).module.to_string()
                            }
                            _ => m.to_string(),
                        };
                        if owner == module || module == m {
                            return true;
                        }
                    }
                }
            }
        }
        false
    }

    fn qualified(&mut self, module: &str, name: &str) {
        if !self.visible(module, name) {
            self.out.push_str(module);
            self.out.push('.');
            if is_operator(name) {
                let _ = write!(self.out, ":({name})");
                return;
            }
        }
        self.out.push_str(&name_text(name));
    }

    fn ty(&mut self, t: &Ty) {
        match t.node() {
            Node::Bottom => self.out.push_str("Union{}"),
            Node::Data { .. } => self.data(t),
            Node::Union(..) => {
                self.out.push_str("Union{");
                let ms = super::construct::union_members(t);
                for (i, m) in ms.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(", ");
                    }
                    self.ty(m);
                }
                self.out.push('}');
            }
            Node::UnionAll(..) => self.unionall(t),
            Node::Var(v) => {
                let name = self
                    .names
                    .iter()
                    .rev()
                    .find(|(w, _)| w == v)
                    .map(|(_, n)| n.clone())
                    .unwrap_or_else(|| name_text(v.name()));
                self.out.push_str(&name);
            }
            Node::Vararg(e, n) => {
                let any = super::subtype::is_any(e);
                if any && n.is_none() {
                    self.out.push_str("Vararg");
                    return;
                }
                self.out.push_str("Vararg{");
                self.ty(e);
                if let Some(n) = n {
                    self.out.push_str(", ");
                    self.ty(n);
                }
                self.out.push('}');
            }
            Node::Value(v) => self.value(v),
        }
    }

    fn value(&mut self, v: &Value) {
        match v {
            Value::Int(IntTy::I64, x) => {
                let _ = write!(self.out, "{x}");
            }
            Value::Int(ty, x) if ty.signed() => {
                let _ = write!(self.out, "{}({x})", ty.name());
            }
            Value::Int(ty, x) => {
                let digits = (ty.bits() / 4) as usize;
                let _ = write!(self.out, "0x{:0digits$x}", *x as u128);
            }
            Value::Bool(b) => {
                let _ = write!(self.out, "{b}");
            }
            Value::Char(c) => {
                let _ = write!(self.out, "'{}'", char_escape(*c));
            }
            Value::Float(FloatTy::F64, x) => self.out.push_str(&float_text(*x)),
            Value::Float(FloatTy::F32, x) => {
                let s = if x.is_finite() {
                    float_text_f32(*x as f32)
                } else {
                    float_text(*x)
                };
                let s = match s.split_once('e') {
                    Some((m, e)) => format!("{m}f{e}"),
                    None if x.is_finite() => format!("{s}f0"),
                    None => format!("{s}32"),
                };
                self.out.push_str(&s);
            }
            Value::Float(FloatTy::F16, x) if !x.is_finite() => {
                let _ = write!(self.out, "{}16", float_text(*x));
            }
            Value::Float(FloatTy::F16, x) => {
                let _ = write!(self.out, "Float16({})", float_text(*x));
            }
            Value::Symbol(s) => {
                if is_identifier(s) {
                    let _ = write!(self.out, ":{s}");
                } else {
                    let _ = write!(self.out, "Symbol({})", julia_string(s));
                }
            }
            Value::Tuple(items) => {
                self.out.push('(');
                for (i, it) in items.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(", ");
                    }
                    self.ty(it);
                }
                if items.len() == 1 {
                    self.out.push(',');
                }
                self.out.push(')');
            }
            Value::Nothing => self.out.push_str("nothing"),
            Value::Named(n) => self.out.push_str(n),
            Value::Function(id, f) => {
                let m = self.reg.name(*id).module.to_string();
                let f = f.to_string();
                self.qualified(&m, &f);
            }
        }
    }

    /// The head and the parameters a data type prints with (an alias may
    /// stand for it).
    fn data_head(&self, t: &Ty) -> (String, Vec<Ty>, Vec<Var>) {
        let Node::Data { name, params, .. } = t.node() else {
            return (String::new(), Vec::new(), Vec::new());
        };
        if let Some((alias, ps, vars)) = self.alias_for(*name, params) {
            return (alias, ps, vars);
        }
        let n = self.reg.name(*name);
        let mut s = String::new();
        if !self.visible(&n.module, &n.name) {
            s.push_str(&n.module);
            s.push('.');
        }
        s.push_str(&name_text(&n.name));
        (s, params.to_vec(), n.params.clone())
    }

    /// A Base alias that prints in place of `name{params}`: `Vector{T}` for
    /// `Array{T, 1}` and the like (parametric aliases of one data type whose
    /// fixed parameters match).
    fn alias_for(&self, name: u32, params: &[Ty]) -> Option<(String, Vec<Ty>, Vec<Var>)> {
        let base = self.reg.module("Base")?;
        for alias in [
            "Vector",
            "Matrix",
            "AbstractVector",
            "AbstractMatrix",
            "DenseVector",
            "DenseMatrix",
        ] {
            if !base.exports.contains(alias) {
                continue;
            }
            let Some(Binding::Alias(at)) = base.bindings.get(alias) else {
                continue;
            };
            let mut vars = Vec::new();
            let mut body = at;
            while let Node::UnionAll(v, b) = body.node() {
                vars.push(v.clone());
                body = b;
            }
            let Node::Data {
                name: an,
                params: aps,
                ..
            } = body.node()
            else {
                continue;
            };
            if *an != name || aps.len() != params.len() {
                continue;
            }
            let mut out: Vec<Option<Ty>> = vec![None; vars.len()];
            let mut ok = true;
            for (ap, p) in aps.iter().zip(params) {
                match ap.as_var().and_then(|v| vars.iter().position(|w| w == v)) {
                    Some(k) if out[k].is_none() => out[k] = Some(p.clone()),
                    Some(_) => ok = false,
                    None => ok &= super::subtype::ident(ap, p),
                }
            }
            if ok && out.iter().all(Option::is_some) {
                return Some((alias.to_string(), out.into_iter().flatten().collect(), vars));
            }
        }
        None
    }

    fn data(&mut self, t: &Ty) {
        let Node::Data { name, params, .. } = t.node() else {
            return;
        };
        let n = self.reg.name(*name);
        if let Some(f) = &n.function {
            self.out.push_str("typeof(");
            let (m, f) = (n.module.to_string(), f.to_string());
            self.qualified(&m, &f);
            self.out.push(')');
            return;
        }
        if *name == TYPE || *name == TUPLE {
            self.out
                .push_str(if *name == TYPE { "Type" } else { "Tuple" });
            self.params(params);
            return;
        }
        if n.name.as_ref() == "MIME" && params.len() == 1 {
            if let Node::Value(Value::Symbol(s)) = params[0].node() {
                let prefix = if self.visible(&n.module, "MIME") {
                    String::new()
                } else {
                    format!("{}.", n.module)
                };
                let _ = write!(self.out, "{prefix}MIME{}", julia_string(s));
                return;
            }
        }
        if n.name.as_ref() == "NamedTuple" && params.len() == 2 && self.named_tuple(params) {
            return;
        }
        let (head, ps, _) = self.data_head(t);
        self.out.push_str(&head);
        if !ps.is_empty() {
            self.params(&ps);
        }
    }

    fn named_tuple(&mut self, params: &[Ty]) -> bool {
        let Node::Value(Value::Tuple(names)) = params[0].node() else {
            return false;
        };
        if params[1].data_name() != Some(TUPLE) {
            return false;
        }
        let types = params[1].params();
        if types.len() != names.len() || types.iter().any(|t| matches!(t.node(), Node::Vararg(..)))
        {
            return false;
        }
        let mut fields = Vec::new();
        for n in names {
            match n.node() {
                Node::Value(Value::Symbol(s)) if is_identifier(s) => fields.push(s.clone()),
                _ => return false,
            }
        }
        self.out.push_str("@NamedTuple{");
        for (i, (f, t)) in fields.iter().zip(types).enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            let _ = write!(self.out, "{f}::");
            self.ty(t);
        }
        self.out.push('}');
        true
    }

    fn params(&mut self, ps: &[Ty]) {
        self.out.push('{');
        for (i, p) in ps.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            self.ty(p);
        }
        self.out.push('}');
    }

    fn unionall(&mut self, t: &Ty) {
        let mut vars = Vec::new();
        let mut body = t;
        while let Node::UnionAll(v, b) = body.node() {
            vars.push(v.clone());
            body = b;
        }
        // `Array{Int64, N} where N` prints `Array{Int64}`: trailing
        // parameters that are the innermost variables, in order, with the
        // bounds the name declares, are left out.
        if let Node::Data { name, .. } = body.node() {
            if self.reg.name(*name).function.is_none() && *name != TUPLE {
                let (head, ps, declared) = self.data_head(body);
                let mut k = 0;
                while k < vars.len() && k < ps.len() {
                    let v = &vars[vars.len() - 1 - k];
                    let p = &ps[ps.len() - 1 - k];
                    let d = &declared[ps.len() - 1 - k];
                    let only_here = ps[..ps.len() - 1 - k].iter().all(|q| !q.has_var(v))
                        && vars[..vars.len() - 1 - k]
                            .iter()
                            .all(|w| !w.lb().has_var(v) && !w.ub().has_var(v));
                    if p.as_var() == Some(v)
                        && only_here
                        && super::subtype::ident(v.lb(), d.lb())
                        && same_bound(v.ub(), d.ub())
                    {
                        k += 1;
                    } else {
                        break;
                    }
                }
                if k > 0 {
                    let outer = &vars[..vars.len() - k];
                    let rest = &ps[..ps.len() - k];
                    let mark = self.names.len();
                    let mut text = Printer {
                        reg: self.reg,
                        visible_modules: self.visible_modules,
                        names: self.names.clone(),
                        out: String::new(),
                    };
                    for v in outer {
                        let n = text.fresh_name(v);
                        text.names.push((v.clone(), n));
                    }
                    text.out.push_str(&head);
                    if !rest.is_empty() {
                        text.params_with_wild(rest, outer);
                    }
                    let used: Vec<Var> = outer
                        .iter()
                        .filter(|v| !text.wild_used(v))
                        .cloned()
                        .collect();
                    let body_text = text.out;
                    let names = text.names;
                    self.out.push_str(&body_text);
                    self.wheres(&used, &names);
                    self.names.truncate(mark);
                    return;
                }
            }
        }
        let mark = self.names.len();
        for v in &vars {
            let n = self.fresh_name(v);
            self.names.push((v.clone(), n));
        }
        let names = self.names.clone();
        let mut inner = Printer {
            reg: self.reg,
            visible_modules: self.visible_modules,
            names: self.names.clone(),
            out: String::new(),
        };
        if let Node::Data { name, params, .. } = body.node() {
            if self.reg.name(*name).function.is_none() && *name != TUPLE && *name != TYPE {
                let (head, ps, _) = inner.data_head(body);
                inner.out.push_str(&head);
                if !ps.is_empty() {
                    inner.params_with_wild(&ps, &vars);
                }
                let _ = params;
            } else {
                inner.ty(body);
            }
        } else {
            inner.ty(body);
        }
        let used: Vec<Var> = vars
            .iter()
            .filter(|v| !inner.wild_used(v))
            .cloned()
            .collect();
        self.out.push_str(&inner.out);
        self.wheres(&used, &names);
        self.names.truncate(mark);
    }

    /// A bound after `<:`: a `where` inside needs parentheses, or it would
    /// quantify the whole.
    fn bound(&mut self, t: &Ty) {
        let mut inner = Printer {
            reg: self.reg,
            visible_modules: self.visible_modules,
            names: self.names.clone(),
            out: String::new(),
        };
        inner.ty(t);
        if inner.out.contains(" where ") {
            self.out.push('(');
            self.out.push_str(&inner.out);
            self.out.push(')');
        } else {
            self.out.push_str(&inner.out);
        }
    }

    fn fresh_name(&self, v: &Var) -> String {
        let base = name_text(v.name());
        let taken = |s: &str| self.names.iter().any(|(_, n)| n == s);
        if !taken(&base) {
            return base;
        }
        (1..)
            .map(|i| format!("{}{i}", v.name()))
            .find(|s| !taken(s))
            .unwrap_or(base)
    }

    /// Parameters where a variable of `vars` used exactly once, directly as
    /// this parameter, with no lower bound, prints as `<:ub` (Julia ≥ 1.6).
    fn params_with_wild(&mut self, ps: &[Ty], vars: &[Var]) {
        self.out.push('{');
        for (i, p) in ps.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            let wild = p.as_var().filter(|v| {
                vars.contains(v)
                    && v.lb().is_bottom()
                    && ps.iter().filter(|q| q.has_var(v)).count() == 1
                    && vars
                        .iter()
                        .all(|w| !w.lb().has_var(v) && !w.ub().has_var(v))
            });
            match wild {
                Some(v) => {
                    self.out.push_str("<:");
                    let ub = v.ub().clone();
                    self.bound(&ub);
                    self.names.push((v.clone(), "\u{0}wild".into()));
                }
                None => self.ty(p),
            }
        }
        self.out.push('}');
    }

    fn wild_used(&self, v: &Var) -> bool {
        self.names.iter().any(|(w, n)| w == v && n == "\u{0}wild")
    }

    fn wheres(&mut self, vars: &[Var], names: &[(Var, String)]) {
        if vars.is_empty() {
            return;
        }
        let mut scoped = Printer {
            reg: self.reg,
            visible_modules: self.visible_modules,
            names: names.to_vec(),
            out: String::new(),
        };
        let mut parts = Vec::new();
        for v in vars {
            scoped.out.clear();
            let name = names
                .iter()
                .rev()
                .find(|(w, _)| w == v)
                .map(|(_, n)| n.clone())
                .unwrap_or_else(|| name_text(v.name()));
            let has_lb = !v.lb().is_bottom();
            let has_ub = !super::subtype::is_any(v.ub());
            if has_lb && !has_ub {
                // Julia prints a lower bound alone as `T>:L`.
                scoped.out.push_str(&name);
                scoped.out.push_str(">:");
                scoped.bound(v.lb());
            } else {
                if has_lb {
                    scoped.bound(v.lb());
                    scoped.out.push_str("<:");
                }
                scoped.out.push_str(&name);
                if has_ub {
                    scoped.out.push_str("<:");
                    scoped.bound(v.ub());
                }
            }
            parts.push(scoped.out.clone());
        }
        self.out.push_str(" where ");
        if parts.len() == 1 {
            let p = &parts[0];
            // `where T>:Int` is `where Int<:T`; both parse.
            self.out.push_str(p);
        } else {
            self.out.push('{');
            self.out.push_str(&parts.join(", "));
            self.out.push('}');
        }
    }
}

fn same_bound(a: &Ty, b: &Ty) -> bool {
    super::subtype::ident(a, b) || (a.is_varfree() && b.is_varfree() && a.egal(b))
}

/// A Julia string literal: `"` and `\\` (and `$`) escaped, control and
/// unprintable characters as `\xNN`, `\uNNNN` or `\UNNNNNNNN`.
pub fn julia_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '$' => out.push_str("\\$"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if c.is_control()
                || (c as u32) >= 0xE000 && (c as u32) <= 0xF8FF
                || (c as u32) > 0xFFFF && !c.is_alphanumeric() =>
            {
                if (c as u32) <= 0xFFFF {
                    let _ = write!(out, "\\u{:04x}", c as u32);
                } else {
                    let _ = write!(out, "\\U{:08x}", c as u32);
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn char_escape(c: char) -> String {
    match c {
        '\'' => "\\'".into(),
        '\\' => "\\\\".into(),
        '\n' => "\\n".into(),
        '\t' => "\\t".into(),
        '\r' => "\\r".into(),
        '\0' => "\\0".into(),
        c if (c as u32) < 0x20 || c as u32 == 0x7f => format!("\\x{:02x}", c as u32),
        c if c.is_control() => format!("\\u{:04x}", c as u32),
        c => c.to_string(),
    }
}

/// [`float_text`] for a `Float32`'s own shortest round trip.
fn float_text_f32(x: f32) -> String {
    let s = format!("{x:?}");
    match s.split_once('e') {
        Some((m, e)) if !m.contains('.') => format!("{m}.0e{e}"),
        _ => s,
    }
}

/// Julia's `repr` of a `Float64`: shortest round trip, always with a point
/// or an exponent.
fn float_text(x: f64) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "Inf".into() } else { "-Inf".into() };
    }
    let s = format!("{x:?}");
    // Rust prints `1e20`, Julia `1.0e20`.
    match s.split_once('e') {
        Some((m, e)) if !m.contains('.') => format!("{m}.0e{e}"),
        _ => s,
    }
}
