//! Julia's own answers about its types (test/subtype.jl and
//! test/specificity.jl of JuliaLang/julia, as data in
//! `tests/data/julia-tests/`): every assertion is checked here. The few
//! pcache does not meet are listed, each with its reason, in
//! `tests/data/julia-tests/exceptions.txt` and SPEC §11.7; an exception that
//! starts to pass fails the test too, so the list stays true.

use std::collections::BTreeMap;
use std::path::PathBuf;

use pcache_typesys::builtin;
use pcache_typesys::types::declfile::load;
use pcache_typesys::types::{
    intersect, morespecific, subtype, type_from_text, types_equal, Registry, Ty,
};
use serde_json::Value as Json;

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/julia-tests")
        .join(name)
}

fn registry() -> Registry {
    let mut reg = builtin::julia();
    let text = std::fs::read_to_string(data("test_types.jl")).expect("test_types.jl");
    load(&mut reg, &text, "test_types.jl").expect("test types load");
    // test/subtype.jl runs `using LinearAlgebra` (Hermitian, Symmetric).
    reg.module_mut("Main").uses.push("LinearAlgebra".into());
    reg
}

fn ty(reg: &Registry, text: &str) -> Result<Ty, String> {
    type_from_text(reg, "Main", text).map_err(|e| format!("`{text}`: {e}"))
}

fn entries(file: &str) -> Vec<Json> {
    let text = std::fs::read_to_string(data(file)).expect("data file");
    match serde_json::from_str(&text).expect("json") {
        Json::Array(a) => a,
        _ => panic!("{file}: not a list"),
    }
}

/// `src` of each assertion pcache does not meet, with the reason.
fn exceptions() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(data("exceptions.txt")).unwrap_or_default();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

/// The key of an assertion: file, relation and both operands.
fn key(kind: &str, e: &Json) -> String {
    format!(
        "{kind} {} | {} | {}",
        e["src"].as_str().unwrap_or(""),
        e["a"].as_str().unwrap_or(""),
        e["b"].as_str().unwrap_or("")
    )
}

fn check_subtype(reg: &Registry, e: &Json) -> Result<(), String> {
    let a = ty(reg, e["a"].as_str().unwrap_or(""))?;
    let b = ty(reg, e["b"].as_str().unwrap_or(""))?;
    let ab = subtype(reg, &a, &b);
    let ba = subtype(reg, &b, &a);
    let mut want = match e["rel"].as_str().unwrap_or("") {
        "sub" => ab,
        "notsub" => !ab,
        "strict" => ab && !ba,
        "equal" => ab && ba && types_equal(reg, &a, &b),
        "notequal" => !(ab && ba),
        r => return Err(format!("unknown relation {r}")),
    };
    if e["broken"].as_bool() == Some(true) {
        // Julia's current answer is the opposite of the written one.
        want = !want;
    }
    if want {
        Ok(())
    } else {
        Err(format!("a <: b is {ab}, b <: a is {ba}"))
    }
}

fn check_specificity(reg: &Registry, e: &Json) -> Result<(), String> {
    let a = ty(reg, e["a"].as_str().unwrap_or(""))?;
    let b = ty(reg, e["b"].as_str().unwrap_or(""))?;
    let ab = morespecific(reg, &a, &b);
    let ba = morespecific(reg, &b, &a);
    let ok = match e["rel"].as_str().unwrap_or("") {
        "more" => ab && !ba,
        "notmore" => !ab,
        r => return Err(format!("unknown relation {r}")),
    };
    if ok {
        Ok(())
    } else {
        Err(format!("a more specific: {ab}, b more specific: {ba}"))
    }
}

fn check_intersect(reg: &Registry, e: &Json) -> Result<(), String> {
    let a = ty(reg, e["a"].as_str().unwrap_or(""))?;
    let b = ty(reg, e["b"].as_str().unwrap_or(""))?;
    let ab = intersect(reg, &a, &b);
    let ba = intersect(reg, &b, &a);
    let show = |t: &Ty| pcache_typesys::types::show(reg, t);
    match e["rel"].as_str().unwrap_or("") {
        "equal" => {
            let want = ty(reg, e["result"].as_str().unwrap_or(""))?;
            if types_equal(reg, &ab, &want) && types_equal(reg, &ba, &want) {
                Ok(())
            } else if subtype(reg, &want, &ab) && subtype(reg, &want, &ba) {
                Err(format!(
                    "over-approximated: got {} and {}",
                    show(&ab),
                    show(&ba)
                ))
            } else {
                Err(format!(
                    "UNDER-approximated: got {} and {}",
                    show(&ab),
                    show(&ba)
                ))
            }
        }
        "nonempty" => {
            if !ab.is_bottom() && !ba.is_bottom() {
                Ok(())
            } else {
                Err("got Union{}".into())
            }
        }
        r => Err(format!("unknown relation {r}")),
    }
}

#[test]
fn julia_assertions_hold() {
    let reg = registry();
    let exceptions = exceptions();
    let mut failures = Vec::new();
    let mut passed_exceptions = Vec::new();
    let mut counts = BTreeMap::new();
    type Check = fn(&Registry, &Json) -> Result<(), String>;
    let files: [(&str, &str, Check); 3] = [
        ("subtype", "subtype.json", check_subtype),
        ("specificity", "specificity.json", check_specificity),
        ("intersect", "intersect.json", check_intersect),
    ];
    for (kind, file, check) in files {
        for e in entries(file) {
            let k = key(kind, &e);
            if std::env::var_os("PCACHE_TRACE").is_some() {
                eprintln!("checking {k}");
            }
            let r = check(&reg, &e);
            let c = counts.entry(kind).or_insert((0, 0));
            c.1 += 1;
            match (r, exceptions.contains_key(&k)) {
                (Ok(()), false) => c.0 += 1,
                (Ok(()), true) => passed_exceptions.push(k),
                (Err(why), true)
                    if why.starts_with("UNDER")
                        && !exceptions[&k].starts_with("under-approximation:")
                        && !exceptions[&k].starts_with("exact:") =>
                {
                    // An exception must say which way it errs.
                    failures.push(format!("{k}\n    listed as over-approximated, but {why}"))
                }
                (Err(_), true) => {}
                (Err(why), false) => failures.push(format!("{k}\n    {why}")),
            }
        }
    }
    eprintln!("passed (of all): {counts:?}");
    assert!(
        failures.is_empty() && passed_exceptions.is_empty(),
        "{} assertions of Julia's test suite fail:\n{}\n{} listed exceptions now pass (remove them):\n{}",
        failures.len(),
        failures.join("\n"),
        passed_exceptions.len(),
        passed_exceptions.join("\n")
    );
}
