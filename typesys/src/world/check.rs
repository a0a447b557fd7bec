//! Checks of package declarations: syntax alone, and against a closure.

use super::build::{check_alias_decl, check_ident, check_type_decl, name_path};
use super::error::{top_err, Cx, DeclError, DeclErrorKind};
use super::Universe;
use crate::decl::{EdgeDecl, PackageDecl};
use crate::syntax::{parse_type, Expr, ExprKind};

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
        parse_type(text).map_err(|e| mk(context(), text, DeclErrorKind::Parse(e)))
    };
    for (ti, t) in pkg.types.iter().enumerate() {
        let cx = Cx {
            pkg: &pkg.name,
            context: &|| format!("type {}", t.name),
            text: &t.supertype,
        };
        check_type_decl(t, &pkg.types[..ti], &cx)?;
    }
    for (ai, a) in pkg.aliases.iter().enumerate() {
        let cx = Cx {
            pkg: &pkg.name,
            context: &|| format!("alias {}", a.name),
            text: &a.body,
        };
        check_alias_decl(a, &pkg.types, &pkg.aliases[..ai], &cx)?;
    }
    for m in &pkg.methods {
        let ctx = || format!("method {}", m.name);
        let cx = Cx {
            pkg: &pkg.name,
            context: &ctx,
            text: &m.sig,
        };
        let path = name_path(&m.name);
        if path.iter().any(String::is_empty) {
            return Err(cx.err(DeclErrorKind::Invalid(format!(
                "`{}` is not a valid name",
                m.name
            ))));
        }
        let e = parse(&ctx, &m.sig)?;
        let last = path.last().cloned().unwrap_or_default();
        let mut body = &e;
        while let ExprKind::Where { body: b, .. } = &body.kind {
            body = b;
        }
        // `Tuple{typeof(f), …}`, or a constructor `Tuple{Type{F…}, …}`.
        let first = match &body.kind {
            ExprKind::Apply { head, params } if matches!(&head.kind, ExprKind::Name(p) if p.len() == 1 && p[0] == "Tuple") => {
                params.first()
            }
            _ => None,
        };
        let ok = match first.map(|p| &p.kind) {
            Some(ExprKind::TypeOf(fp)) => fp.last() == Some(&last),
            Some(ExprKind::Apply { head, params })
                if params.len() == 1
                    && matches!(&head.kind, ExprKind::Name(p) if p.len() == 1 && p[0] == "Type") =>
            {
                constructed_name(&params[0]).as_deref() == Some(last.as_str())
            }
            // A functor or closure: `(x::Foo)(args…)` has the signature
            // `Tuple{Foo, …}` and is a method of the type Foo
            // (src/gf.c `jl_method_table_for`: the table of its type name).
            Some(_) => first.and_then(constructed_name).as_deref() == Some(last.as_str()),
            None => false,
        };
        if !ok {
            return Err(cx.err(DeclErrorKind::Invalid(format!(
                "a method signature must be `Tuple{{typeof({last}), ...}}` (or `Tuple{{Type{{{last}}}, ...}}` for a constructor, `Tuple{{{last}, ...}}` for a functor)"
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
                EdgeDecl::CallMatched { sig, matches } => {
                    parse(&ectx, sig)?;
                    for m in matches {
                        parse(&ectx, &m.sig)?;
                    }
                }
                EdgeDecl::Invoke { method, spec } | EdgeDecl::Instance { method, spec, .. } => {
                    parse(&ectx, &method.sig)?;
                    parse(&ectx, spec)?;
                }
                EdgeDecl::InvokeSig { sig, method, spec } => {
                    parse(&ectx, sig)?;
                    parse(&ectx, &method.sig)?;
                    parse(&ectx, spec)?;
                }
                EdgeDecl::Binding { module, name } => {
                    let cx = Cx {
                        pkg: &pkg.name,
                        context: &ectx,
                        text: module,
                    };
                    for seg in module.split('.') {
                        check_ident(seg, &cx)?;
                    }
                    if name.is_empty() {
                        return Err(Cx { text: name, ..cx }
                            .err(DeclErrorKind::Invalid("a binding needs a name".into())));
                    }
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

/// The last name segment of the type a constructor's `Type{…}` names
/// (`Foo`, `Foo{T}`, `Base.Complex`, `Foo{T} where T`, `<:Foo`).
fn constructed_name(e: &Expr) -> Option<String> {
    match &e.kind {
        ExprKind::Name(p) => p.last().cloned(),
        ExprKind::Apply { head, .. } => constructed_name(head),
        ExprKind::Where { body, .. } => constructed_name(body),
        ExprKind::Wildcard { bound, upper: true } => constructed_name(bound),
        _ => None,
    }
}
