//! Synthetic ecosystem benchmark for the invalidation analysis.
//!
//! `cargo run --release -p pcache-typesys --example bench_invalidation`
//!
//! Builds a Base package and a few hundred packages with 200,000 external
//! call edges drawn from a shared signature pool (plus invoke edges forming
//! chains), then times resolution and the analysis.

use std::time::Instant;

use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};

use pcache_typesys::{analyze, CodeDecl, EdgeDecl, MethodDecl, MethodKey, PackageDecl, TypeDecl};

fn uuid(i: usize) -> [u8; 16] {
    let mut u = [0u8; 16];
    u[8..].copy_from_slice(&(i as u64 + 1).to_be_bytes());
    u
}

const NPKG: usize = 300;
const NBASEF: usize = 400;
const NCONC: usize = 24;
const CALL_EDGES: usize = 200_000;
const EDGES_PER_CODE: usize = 10;

fn main() {
    // The portable generator of the test kit (testkit/src/random.rs), used
    // directly: pcache-testkit depends on this crate.
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(1);
    let mut base = PackageDecl {
        uuid: uuid(0),
        name: "Base".into(),
        ..Default::default()
    };
    base.types.push(TypeDecl {
        name: "Number".into(),
        params: vec![],
        supertype: "Any".into(),
        kind: None,
    });
    base.types.push(TypeDecl {
        name: "Integer".into(),
        params: vec![],
        supertype: "Number".into(),
        kind: None,
    });
    for i in 0..NCONC {
        base.types.push(TypeDecl {
            name: format!("I{i}"),
            params: vec![],
            supertype: "Integer".into(),
            kind: None,
        });
        base.types.push(TypeDecl {
            name: format!("S{i}"),
            params: vec![],
            supertype: "Any".into(),
            kind: None,
        });
    }
    base.types.push(TypeDecl {
        name: "AbstractVector".into(),
        params: vec!["T".into()],
        supertype: "Any".into(),
        kind: None,
    });
    base.types.push(TypeDecl {
        name: "Vector".into(),
        params: vec!["T".into()],
        supertype: "AbstractVector{T}".into(),
        kind: None,
    });
    for f in 0..NBASEF {
        for k in 0..3 {
            let arg = match k {
                0 => format!("I{}", (f + k) % NCONC),
                1 => format!("S{}", (f * 7 + k) % NCONC),
                _ => "Vector{T} where T".into(),
            };
            let sig = if arg.contains("where") {
                format!("Tuple{{typeof(bf{f}), Vector{{T}}}} where T")
            } else {
                format!("Tuple{{typeof(bf{f}), {arg}}}")
            };
            base.methods.push(MethodDecl {
                name: format!("bf{f}"),
                sig,
            });
        }
    }
    // Shared pool of call signatures over Base functions.
    let arg_pool: Vec<String> = {
        let mut v = vec!["Any".to_string(), "Integer".into(), "Number".into()];
        for i in 0..NCONC {
            v.push(format!("I{i}"));
            v.push(format!("S{i}"));
            v.push(format!("Vector{{I{i}}}"));
        }
        v.push("Vector{Any}".into());
        v
    };
    let pool: Vec<String> = (0..4000)
        .map(|_| {
            let f = rng.random_range(0..NBASEF);
            let a = &arg_pool[rng.random_range(0..arg_pool.len())];
            format!("Tuple{{typeof(bf{f}), {a}}}")
        })
        .collect();
    let mut pkgs = vec![base];
    let ncodes = CALL_EDGES / EDGES_PER_CODE;
    let mut total_call = 0usize;
    let mut total_invoke = 0usize;
    for p in 1..=NPKG {
        let name = format!("P{p}");
        let mut deps = vec![uuid(0)];
        for _ in 0..3 {
            if p > 1 {
                let d = 1 + rng.random_range(0..p - 1);
                if !deps.contains(&uuid(d)) {
                    deps.push(uuid(d));
                }
            }
        }
        let mut d = PackageDecl {
            uuid: uuid(p),
            name: name.clone(),
            deps,
            ..Default::default()
        };
        d.types.push(TypeDecl {
            name: format!("T{p}"),
            params: vec![],
            supertype: "Any".into(),
            kind: None,
        });
        // Own functions used for code instances.
        for j in 0..4 {
            d.methods.push(MethodDecl {
                name: format!("p{p}f{j}"),
                sig: format!("Tuple{{typeof(p{p}f{j}), Any}}"),
            });
        }
        // Extensions of Base functions: some on own types (harmless), some
        // more specific on Base types (these cause invalidations elsewhere).
        let f0 = rng.random_range(0..NBASEF);
        for f in [f0, (f0 + 1 + rng.random_range(0..NBASEF - 1)) % NBASEF] {
            d.methods.push(MethodDecl {
                name: format!("bf{f}"),
                sig: format!("Tuple{{typeof(bf{f}), T{p}}}"),
            });
        }
        if p % 10 == 0 {
            let f = rng.random_range(0..NBASEF);
            let i = rng.random_range(0..NCONC);
            d.methods.push(MethodDecl {
                name: format!("bf{f}"),
                sig: format!("Tuple{{typeof(bf{f}), Vector{{I{i}}}}}"),
            });
        }
        let ncode_here = ncodes / NPKG + usize::from(p <= ncodes % NPKG);
        for c in 0..ncode_here {
            let j = c % 4;
            let method = MethodKey {
                pkg: uuid(p),
                name: format!("p{p}f{j}"),
                sig: format!("Tuple{{typeof(p{p}f{j}), Any}}"),
            };
            // Distinct (method, spec) pairs within the package.
            let k = c / 4;
            let arg = match k / NCONC {
                0 => format!("S{}", k % NCONC),
                1 => format!("I{}", k % NCONC),
                _ => format!("Vector{{S{}}}", k % NCONC),
            };
            let spec = format!("Tuple{{typeof(p{p}f{j}), {arg}}}");
            let mut edges: Vec<EdgeDecl> = (0..EDGES_PER_CODE)
                .map(|_| EdgeDecl::Call(pool[rng.random_range(0..pool.len())].clone()))
                .collect();
            total_call += edges.len();
            if c > 0 && c % 3 != 0 {
                // Invoke an earlier code instance of this package.
                let prev: &CodeDecl = &d.code[rng.random_range(0..c)];
                edges.push(EdgeDecl::Invoke {
                    method: prev.method.clone(),
                    spec: prev.spec.clone(),
                });
                total_invoke += 1;
            }
            if c % 5 == 0 {
                let f = rng.random_range(0..NBASEF);
                edges.push(EdgeDecl::Invoke {
                    method: MethodKey {
                        pkg: uuid(0),
                        name: format!("bf{f}"),
                        sig: format!("Tuple{{typeof(bf{f}), Vector{{T}}}} where T"),
                    },
                    spec: format!("Tuple{{typeof(bf{f}), Vector{{I{}}}}}", c % NCONC),
                });
                total_invoke += 1;
            }
            d.code.push(CodeDecl {
                method,
                spec,
                owner: None,
                world: (1, None),
                edges,
            });
        }
        pkgs.push(d);
    }
    println!(
        "ecosystem: {} packages, {} code instances, {} call edges ({} distinct signatures in pool), {} invoke edges",
        pkgs.len(),
        pkgs.iter().map(|p| p.code.len()).sum::<usize>(),
        total_call,
        pool.len(),
        total_invoke
    );
    let mut best = f64::MAX;
    let mut last = None;
    for _ in 0..3 {
        let t0 = Instant::now();
        let u = pcache_typesys::Universe::build(&pkgs).expect("valid ecosystem");
        let t1 = Instant::now();
        let a = pcache_typesys::analysis::analyze_universe(&u, &pkgs);
        let t2 = Instant::now();
        println!(
            "resolve {:.1} ms, analysis {:.1} ms, total {:.1} ms",
            (t1 - t0).as_secs_f64() * 1e3,
            (t2 - t1).as_secs_f64() * 1e3,
            (t2 - t0).as_secs_f64() * 1e3
        );
        best = best.min((t2 - t0).as_secs_f64());
        last = Some(a);
    }
    let a = last.expect("ran");
    let check = analyze(&pkgs).expect("valid");
    assert_eq!(check, a);
    println!(
        "invalidated {} code instances in {} trees; best total {:.1} ms",
        a.invalidated.len(),
        a.trees.len(),
        best * 1e3
    );
    // The same ecosystem written with format 3's edge kinds: calls with
    // their (here: no) recorded matches, calls of the package's own code
    // instances by identity, and Base's invokes through `invoke` with the
    // specialization as invoke signature.
    for d in &mut pkgs {
        for c in &mut d.code {
            for e in &mut c.edges {
                *e = match std::mem::replace(e, EdgeDecl::Call(String::new())) {
                    EdgeDecl::Call(sig) => EdgeDecl::CallMatched {
                        sig,
                        matches: vec![],
                    },
                    EdgeDecl::Invoke { method, spec } if method.pkg == uuid(0) => {
                        EdgeDecl::InvokeSig {
                            sig: spec.clone(),
                            method,
                            spec,
                        }
                    }
                    EdgeDecl::Invoke { method, spec } => EdgeDecl::Instance {
                        method,
                        spec,
                        owner: None,
                        world: (1, None),
                    },
                    other => other,
                };
            }
        }
    }
    let mut best3 = f64::MAX;
    let mut last3 = None;
    for _ in 0..3 {
        let t0 = Instant::now();
        let u = pcache_typesys::Universe::build(&pkgs).expect("valid ecosystem");
        let t1 = Instant::now();
        let a = pcache_typesys::analysis::analyze_universe(&u, &pkgs);
        let t2 = Instant::now();
        println!(
            "format-3 edges: resolve {:.1} ms, analysis {:.1} ms, total {:.1} ms",
            (t1 - t0).as_secs_f64() * 1e3,
            (t2 - t1).as_secs_f64() * 1e3,
            (t2 - t0).as_secs_f64() * 1e3
        );
        best3 = best3.min((t2 - t0).as_secs_f64());
        last3 = Some(a);
    }
    let a3 = last3.expect("ran");
    assert_eq!(analyze(&pkgs).expect("valid"), a3);
    println!(
        "format-3 edges: invalidated {} code instances in {} trees; best total {:.1} ms",
        a3.invalidated.len(),
        a3.trees.len(),
        best3 * 1e3
    );
}
