//! Every type text of 19 real Julia packages (`tests/data/julia-corpus/`,
//! converted from their source by a crude extractor) parses, resolves,
//! prints canonically, and reads back as the same type.
//!
//! The extractor does not record type parameters or the names packages
//! import from dependencies outside the corpus, so for this test a name a
//! package uses but nobody declares is declared in the package's module
//! (a type with as many parameters as its uses show, a function for each
//! `typeof(name)`). Core, Base and the standard libraries come from the
//! built-in declarations.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use pcache_typesys::builtin;
use pcache_typesys::syntax::{parse_type, Expr, ExprKind};
use pcache_typesys::types::declfile::enter_module;
use pcache_typesys::types::{resolve, show, types_equal, Binding, Kind, Registry};

fn corpus() -> Vec<(String, serde_json::Value)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/julia-corpus");
    let mut out = Vec::new();
    for f in std::fs::read_dir(&dir).expect("corpus dir") {
        let p = f.expect("entry").path();
        if p.extension().is_some_and(|e| e == "json") {
            let v =
                serde_json::from_str(&std::fs::read_to_string(&p).expect("read")).expect("json");
            out.push((p.file_stem().unwrap().to_string_lossy().to_string(), v));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn texts(doc: &serde_json::Value) -> Vec<String> {
    let mut out = Vec::new();
    let s = |v: &serde_json::Value| v.as_str().map(str::to_string);
    for t in doc["types"].as_array().into_iter().flatten() {
        out.extend(s(&t["super"]));
    }
    for m in doc["methods"].as_array().into_iter().flatten() {
        out.extend(s(&m["sig"]));
    }
    for c in doc["code"].as_array().into_iter().flatten() {
        out.extend(s(&c["spec"]));
        for e in c["edges"].as_array().into_iter().flatten() {
            out.extend(s(&e["call"]));
        }
    }
    out
}

/// Names a text uses: type heads with their largest parameter count, and
/// function paths.
#[derive(Default)]
struct Uses {
    types: BTreeMap<Vec<String>, usize>,
    functions: BTreeSet<Vec<String>>,
}

fn collect(e: &Expr, bound: &mut Vec<String>, uses: &mut Uses) {
    match &e.kind {
        ExprKind::Name(path) => {
            if !(path.len() == 1 && bound.contains(&path[0])) {
                uses.types.entry(path.clone()).or_insert(0);
            }
        }
        ExprKind::Apply { head, params } => {
            if let ExprKind::Name(path) = &head.kind {
                if !(path.len() == 1 && bound.contains(&path[0])) {
                    let n = uses.types.entry(path.clone()).or_insert(0);
                    *n = (*n).max(params.len());
                }
            } else {
                collect(head, bound, uses);
            }
            for p in params {
                collect(p, bound, uses);
            }
        }
        ExprKind::TypeOf(path) => {
            uses.functions.insert(path.clone());
        }
        ExprKind::TypeOfCall { callee, args } => {
            uses.functions.insert(callee.clone());
            for a in args {
                uses.functions.insert(a.clone());
            }
        }
        ExprKind::Where { body, vars } => {
            let base = bound.len();
            for v in vars {
                for b in [&v.lower, &v.upper].into_iter().flatten() {
                    collect(b, bound, uses);
                }
                bound.push(v.name.clone());
            }
            collect(body, bound, uses);
            bound.truncate(base);
        }
        ExprKind::Wildcard { bound: b, .. } => collect(b, bound, uses),
        ExprKind::NamedTupleMacro(fields) => {
            for (_, t) in fields {
                if let Some(t) = t {
                    collect(t, bound, uses);
                }
            }
        }
        ExprKind::Tuple(items) => {
            for i in items {
                collect(i, bound, uses);
            }
        }
        ExprKind::StrMacro { .. } | ExprKind::Value(_) => {}
    }
}

/// Declare what a package uses and nobody declares.
fn declare_missing(reg: &mut Registry, module: &str, doc: &serde_json::Value, uses: &Uses) {
    enter_module(reg, module);
    let own: BTreeSet<String> = doc["types"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| t["name"].as_str().map(str::to_string))
        .collect();
    for (path, n) in &uses.types {
        let found = reg.lookup(module, path);
        let missing = match &found {
            None => true,
            Some(Binding::Type(id)) => own.contains(&path[0]) && reg.name(*id).params.len() < *n,
            _ => false,
        };
        if !missing || found.is_some() {
            continue;
        }
        let (m, name) = owner(reg, module, path);
        enter_module(reg, &m);
        let params = (0..*n)
            .map(|i| {
                pcache_typesys::types::Var::new(
                    &format!("P{i}"),
                    pcache_typesys::types::Ty::bottom(),
                    reg.any(),
                )
            })
            .collect();
        let any = reg.any();
        let _ = reg.declare_type(&m, &name, params, any, Kind::Abstract);
    }
    for path in &uses.functions {
        if reg.lookup(module, path).is_none() && !is_field_access(reg, module, path) {
            let (m, name) = owner(reg, module, path);
            enter_module(reg, &m);
            let _ = reg.declare_function(&m, &name);
        }
    }
}

/// `typeof(f.g)` where `f` is a function, not a module: the extractor read
/// a call through a field of a local value (`f.f!(x)`) as a function
/// name. Julia records such a call by its callee's type, never this text.
fn is_field_access(reg: &Registry, module: &str, path: &[String]) -> bool {
    path.len() > 1
        && !matches!(
            reg.lookup(module, &path[..1]),
            Some(Binding::Module(_)) | None
        )
        || path.len() > 1
            && reg.lookup(module, &path[..1]).is_none()
            && path[0].chars().next().is_some_and(char::is_lowercase)
}

/// The module a possibly qualified name would live in: its prefix as the
/// package sees it (`NGCD` inside Polynomials is `Polynomials.NGCD`).
fn owner(reg: &Registry, module: &str, path: &[String]) -> (String, String) {
    match path.split_last() {
        Some((name, [])) => (module.to_string(), name.clone()),
        Some((name, rest)) => match reg.lookup(module, rest) {
            Some(Binding::Module(m)) => (m.to_string(), name.clone()),
            _ => (rest.join("."), name.clone()),
        },
        None => (module.to_string(), String::new()),
    }
}

/// Whether a text names a function through a field of a local value.
fn has_field_access(reg: &Registry, module: &str, e: &Expr) -> bool {
    let mut uses = Uses::default();
    collect(e, &mut Vec::new(), &mut uses);
    uses.functions
        .iter()
        .any(|p| reg.lookup(module, p).is_none() && is_field_access(reg, module, p))
}

#[test]
fn every_corpus_type_text_parses_resolves_and_prints_canonically() {
    let mut failures = Vec::new();
    let mut total = 0;
    let mut artifacts = 0;
    // A type computed when Julia defines the method; not a type text.
    let runtime_computed = "Union{values(SUPPORTED_TYPES)...}";
    for (pkg, doc) in corpus() {
        let mut reg = builtin::julia();
        let all = texts(&doc);
        let mut uses = Uses::default();
        let mut parsed = Vec::new();
        for t in &all {
            total += 1;
            match parse_type(t) {
                Ok(e) => {
                    collect(&e, &mut Vec::new(), &mut uses);
                    parsed.push((t.clone(), e));
                }
                Err(_) if t.contains(runtime_computed) => {}
                Err(e) => failures.push(format!("{pkg}: parse `{t}`: {e}")),
            }
        }
        declare_missing(&mut reg, &pkg, &doc, &uses);
        for (text, e) in parsed {
            if has_field_access(&reg, &pkg, &e) {
                if std::env::var_os("PCACHE_TRACE").is_some() {
                    eprintln!("artifact: {pkg}: {text}");
                }
                artifacts += 1;
                continue;
            }
            let ty = match resolve(&reg, &pkg, &e) {
                Ok(t) => t,
                Err(err) => {
                    failures.push(format!("{pkg}: resolve `{text}`: {err}"));
                    continue;
                }
            };
            let printed = show(&reg, &ty);
            let again = match parse_type(&printed)
                .map_err(|e| e.to_string())
                .and_then(|e| resolve(&reg, &pkg, &e).map_err(|e| e.to_string()))
            {
                Ok(t) => t,
                Err(err) => {
                    failures.push(format!(
                        "{pkg}: `{text}` prints as `{printed}`, which does not read back: {err}"
                    ));
                    continue;
                }
            };
            if !types_equal(&reg, &ty, &again) {
                failures.push(format!(
                    "{pkg}: `{text}` prints as `{printed}`, a different type"
                ));
            } else if show(&reg, &again) != printed {
                failures.push(format!(
                    "{pkg}: `{text}` prints as `{printed}`, then as `{}`",
                    show(&reg, &again)
                ));
            }
        }
    }
    assert!(total > 25_000, "the corpus has {total} texts");
    // Extractor artifacts (see `is_field_access`): few, and counted so that
    // a change in them is seen.
    assert!(
        artifacts <= 24,
        "{artifacts} texts name functions through fields"
    );
    assert!(
        failures.is_empty(),
        "{} of {total} corpus texts fail:\n{}",
        failures.len(),
        failures
            .iter()
            .take(60)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
