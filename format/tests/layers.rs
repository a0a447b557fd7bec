//! The layering check of ARCHITECTURE.md: no import circle between the
//! modules of a crate, and `read/` and `write/` never import each other.
//!
//! Run it alone with `cargo test -p pcache-format --test format layers -- --nocapture`;
//! it prints the module graph it checked.
//!
//! The graph is read from the source text: every path `crate::a::b…`,
//! `super::…` and `self::…` (including the members of `use crate::{…}`
//! groups) in a file is an edge from that file's module to the deepest
//! module the path names. Edges between a module and its own submodules
//! (a `mod.rs` facade re-exporting its children, a child using its parent)
//! are one unit and not counted; every other circle is reported, both
//! between files and between the top-level modules (the layers) they
//! belong to.
//!
//! One exception is declared in [`UNITS`]: typesys's `types` module, whose
//! files (subtyping, intersection, construction, the registry) call each
//! other as Julia's subtype.c does and are one unit.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Module = Vec<String>;

/// Modules whose files form one unit: (crate directory, module).
const UNITS: &[(&str, &str)] = &[("typesys", "types")];

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

fn module_of(src: &Path, file: &Path) -> Module {
    let rel = file.strip_prefix(src).unwrap();
    let mut parts: Vec<String> = rel
        .iter()
        .map(|c| c.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if !matches!(stem, "mod" | "lib" | "main") || !parts.is_empty() && stem != "mod" {
        parts.push(stem.to_string());
    }
    parts
}

/// The source without comments (line comments and doc comments), so that
/// intra-doc links and prose do not count as imports.
fn code_of(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Expands `a::{b, c::{d, e}}` (the text after `crate::`) into its paths.
fn expand(text: &str) -> (Vec<Vec<String>>, usize) {
    let mut paths = Vec::new();
    let mut prefix: Vec<String> = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    loop {
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        let start = i;
        while i < chars.len() && ident_char(chars[i]) {
            i += 1;
        }
        if i > start {
            prefix.push(chars[start..i].iter().collect());
        }
        if text[char_offset(&chars, i)..].starts_with("::{") {
            i += 3;
            loop {
                let (inner, used) = expand(&text[char_offset(&chars, i)..]);
                for p in inner {
                    let mut full = prefix.clone();
                    full.extend(p);
                    paths.push(full);
                }
                i += used;
                while i < chars.len() && chars[i].is_whitespace() {
                    i += 1;
                }
                if i < chars.len() && chars[i] == ',' {
                    i += 1;
                    while i < chars.len() && chars[i].is_whitespace() {
                        i += 1;
                    }
                    if i < chars.len() && chars[i] == '}' {
                        i += 1;
                        break;
                    }
                    continue;
                }
                if i < chars.len() && chars[i] == '}' {
                    i += 1;
                }
                break;
            }
            return (paths, i);
        }
        if text[char_offset(&chars, i)..].starts_with("::") {
            i += 2;
            continue;
        }
        paths.push(prefix);
        return (paths, i);
    }
}

fn char_offset(chars: &[char], i: usize) -> usize {
    chars[..i.min(chars.len())]
        .iter()
        .map(|c| c.len_utf8())
        .sum()
}

/// The modules a file names.
fn references(code: &str, me: &Module) -> Vec<Module> {
    let mut out = Vec::new();
    for (anchor, base) in [
        ("crate::", Vec::new()),
        ("super::", me[..me.len().saturating_sub(1)].to_vec()),
        ("self::", me.clone()),
    ] {
        let mut from = 0;
        while let Some(at) = code[from..].find(anchor) {
            let at = from + at;
            from = at + anchor.len();
            if at > 0
                && code[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| ident_char(c) || c == ':')
            {
                continue;
            }
            let (paths, _) = expand(&code[from..]);
            for p in paths {
                let mut full = base.clone();
                full.extend(p.into_iter().filter(|s| s != "self"));
                out.push(full);
            }
        }
    }
    out
}

struct Graph {
    modules: BTreeSet<Module>,
    edges: BTreeMap<Module, BTreeSet<Module>>,
}

fn graph(src: &Path, units: &[Module]) -> Graph {
    let unit = |m: Module| {
        units
            .iter()
            .find(|u| m.starts_with(u))
            .cloned()
            .unwrap_or(m)
    };
    let mut list = Vec::new();
    files(src, &mut list);
    let modules: BTreeSet<Module> = list.iter().map(|f| module_of(src, f)).collect();
    let mut edges: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for f in &list {
        let me = unit(module_of(src, f));
        let code = code_of(&std::fs::read_to_string(f).unwrap());
        for path in references(&code, &me) {
            // The deepest module the path names.
            let target = (0..=path.len())
                .rev()
                .map(|n| path[..n].to_vec())
                .find(|p| modules.contains(p))
                .unwrap_or_default();
            let target = unit(target);
            let related = target.starts_with(&me) || me.starts_with(&target);
            if !related {
                edges.entry(me.clone()).or_default().insert(target);
            }
        }
    }
    Graph { modules, edges }
}

fn name(m: &Module) -> String {
    if m.is_empty() {
        "crate".into()
    } else {
        m.join("::")
    }
}

/// Every elementary circle found by a depth-first search (one per back edge).
fn circles(edges: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<Vec<Module>> {
    fn visit(
        m: &Module,
        edges: &BTreeMap<Module, BTreeSet<Module>>,
        stack: &mut Vec<Module>,
        done: &mut BTreeSet<Module>,
        found: &mut Vec<Vec<Module>>,
    ) {
        if let Some(i) = stack.iter().position(|s| s == m) {
            found.push(stack[i..].to_vec());
            return;
        }
        if done.contains(m) {
            return;
        }
        stack.push(m.clone());
        for next in edges.get(m).into_iter().flatten() {
            visit(next, edges, stack, done, found);
        }
        stack.pop();
        done.insert(m.clone());
    }
    let mut found = Vec::new();
    let mut done = BTreeSet::new();
    for m in edges.keys() {
        visit(m, edges, &mut Vec::new(), &mut done, &mut found);
    }
    found
}

fn check(crate_dir: &str) -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(crate_dir)
        .join("src");
    let units: Vec<Module> = UNITS
        .iter()
        .filter(|(c, _)| *c == crate_dir)
        .map(|(_, m)| m.split("::").map(str::to_owned).collect())
        .collect();
    let g = graph(&src, &units);
    println!("{crate_dir}: {} modules", g.modules.len());
    for (from, to) in &g.edges {
        let to: Vec<_> = to.iter().map(name).collect();
        println!("  {} -> {}", name(from), to.join(", "));
    }
    let mut problems = Vec::new();
    for c in circles(&g.edges) {
        let mut text: Vec<_> = c.iter().map(name).collect();
        text.push(name(&c[0]));
        problems.push(format!("{crate_dir}: file circle {}", text.join(" -> ")));
    }
    // The same graph between top-level modules (layers).
    let mut layers: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for (from, to) in &g.edges {
        for t in to {
            let (a, b) = (
                from[..1.min(from.len())].to_vec(),
                t[..1.min(t.len())].to_vec(),
            );
            if a != b && !a.is_empty() && !b.is_empty() {
                layers.entry(a).or_default().insert(b);
            }
        }
    }
    for c in circles(&layers) {
        let mut text: Vec<_> = c.iter().map(name).collect();
        text.push(name(&c[0]));
        problems.push(format!("{crate_dir}: layer circle {}", text.join(" -> ")));
    }
    // `read` and `write` never import each other.
    for (a, b) in [("read", "write"), ("write", "read")] {
        for (from, to) in &g.edges {
            if from.first().is_some_and(|f| f == a) {
                for t in to.iter().filter(|t| t.first().is_some_and(|f| f == b)) {
                    problems.push(format!("{crate_dir}: {} imports {}", name(from), name(t)));
                }
            }
        }
    }
    problems
}

/// The layers of `pcache-format`, bottom first (ARCHITECTURE.md): a
/// top-level module imports only modules of lower layers.
const FORMAT_LAYERS: &[&[&str]] = &[
    &["error", "progress"],
    &["spec"],
    &["model"],
    &["hash"],
    &["read", "write"],
    &["session"],
    &["invalidation"],
    &["merge"],
    &["strip", "diff", "verify"],
];

fn rank(module: &str) -> Option<usize> {
    FORMAT_LAYERS.iter().position(|l| l.contains(&module))
}

#[test]
fn format_imports_point_downward() {
    let src = root().join("format").join("src");
    let g = graph(&src, &[]);
    let mut problems = Vec::new();
    for (from, to) in &g.edges {
        let Some(a) = from.first() else { continue };
        let Some(ra) = rank(a) else {
            problems.push(format!("{a} is in no layer of FORMAT_LAYERS"));
            continue;
        };
        for t in to {
            let Some(b) = t.first() else { continue };
            if a == b {
                continue;
            }
            match rank(b) {
                Some(rb) if rb < ra => {}
                _ => problems.push(format!(
                    "{} imports {} (not a lower layer)",
                    name(from),
                    name(t)
                )),
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The only files of `format/src` that may name `pcache_typesys`.
const TYPESYS_USERS: &[&str] = &["model/decl.rs", "invalidation.rs"];

/// The only files of the workspace that may hold `unsafe`.
const UNSAFE_FILES: &[&str] = &[
    "format/src/hash/fingerprint.rs",
    "format/src/hash/fptable.rs",
    "format/src/read/image.rs",
    "format/tests/limits.rs",
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn rel(path: &Path) -> String {
    let root = root();
    path.strip_prefix(&root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

#[test]
fn only_named_modules_touch_typesys() {
    let src = root().join("format").join("src");
    let mut list = Vec::new();
    files(&src, &mut list);
    for f in list {
        let code = code_of(&std::fs::read_to_string(&f).unwrap());
        let name = f
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if code.contains("pcache_typesys") {
            assert!(
                TYPESYS_USERS.contains(&name.as_str()),
                "format/src/{name} names pcache_typesys"
            );
        }
    }
}

#[test]
fn unsafe_only_in_named_files() {
    let mut list = Vec::new();
    for krate in ["format", "typesys", "cli", "testkit", "fuzz"] {
        for dir in ["src", "tests", "examples", "benches", "fuzz_targets"] {
            let d = root().join(krate).join(dir);
            if d.is_dir() {
                files(&d, &mut list);
            }
        }
    }
    files(&root().join("tests"), &mut list);
    for f in list {
        let code = code_of(&std::fs::read_to_string(&f).unwrap());
        let has = code.match_indices("unsafe").any(|(i, _)| {
            !code[..i].ends_with(|c: char| ident_char(c) || c == '"' || c == '`')
                && !code[i + 6..].starts_with(|c: char| ident_char(c) || c == '"' || c == '`')
        });
        if has {
            let name = rel(&f);
            assert!(UNSAFE_FILES.contains(&name.as_str()), "{name} holds unsafe");
        }
    }
}

#[test]
fn no_import_circles() {
    let mut problems = Vec::new();
    for krate in ["format", "typesys", "cli", "testkit", "fuzz"] {
        if Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join(krate)
            .join("src")
            .is_dir()
        {
            problems.extend(check(krate));
        }
    }
    for p in &problems {
        println!("{p}");
    }
    assert!(
        problems.is_empty(),
        "{} import problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
