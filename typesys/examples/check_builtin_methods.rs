//! Loads each method line of a methods file on its own after the built-in
//! declarations and prints every line that does not load, with the reason
//! (the loader itself stops at the first): a check for regenerating
//! `builtin/julia-1.11-methods.jl`.
//!
//! `cargo run -p pcache-typesys --example check_builtin_methods -- builtin/julia-1.11-methods.jl`

use pcache_typesys::types::declfile::load;
use pcache_typesys::types::Registry;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: check_builtin_methods METHODS_FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let mut reg = Registry::new();
    if let Err(e) = load(
        &mut reg,
        pcache_typesys::builtin::DECLARATIONS,
        "julia-1.11.jl",
    ) {
        eprintln!("{e}");
        std::process::exit(1);
    }
    let mut module = String::from("Main");
    let mut bad = 0usize;
    for (n, line) in text.lines().enumerate() {
        let t = line.trim();
        if let Some(m) = t.strip_prefix("module ") {
            module = m.split('#').next().unwrap_or(m).trim().to_string();
            continue;
        }
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let one = format!("module {module}\n{line}\n");
        if let Err(e) = load(&mut reg, &one, &path) {
            bad += 1;
            println!("{}\t{}", n + 1, e.message);
        }
    }
    eprintln!("{bad} lines do not load");
    std::process::exit(i32::from(bad > 0));
}
