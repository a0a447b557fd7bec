//! A realistic synthetic ecosystem, for benchmarks and stress tests.
//!
//! [`Ecosystem::new`] lays out `packages` packages from a seed: random
//! UUIDs, a dependency DAG (package 0 is `Base`, which everything uses; a few
//! core libraries come next; the long tail depends on Base plus a handful of
//! earlier, mostly popular, packages), and a shared vocabulary of root values.
//! [`Ecosystem::package`] then builds any one package on its own, so packages
//! can be generated and packed in parallel and in any order with the same
//! result.
//!
//! Each package's root table (`roots` entries) is half drawn from the shared
//! vocabulary — item `j` is included with probability `min(1, a/√(j+1))`, a
//! Zipf-like popularity, so the head (common symbols, `Int64`, `Base` methods)
//! is in every package and the tail in few — and half private to the package
//! (gensyms, local strings, its own methods). Every root kind occurs. Each
//! package also defines types and methods, and compiles code instances with
//! root references, edges (most of them `call` edges whose signatures come
//! from a shared Zipf-distributed pool, the rest `invoke` edges into
//! dependencies) and payloads from a few hundred bytes to tens of KiB
//! (log-normal, scaled by `payload`).
//!
//! Everything is derived from the seed through [`crate::random::Rng`] (a
//! portable generator of the `rand` crate, one stream per seed, purpose and
//! item), never from a platform hash or iteration order, so equal options
//! give equal bytes (across platforms too, up to the last bits of `ln` and
//! `exp` in the Zipf and log-normal draws).
//!
//! ```
//! use pcache_testkit::synth::{Ecosystem, SynthOptions};
//! let eco = Ecosystem::new(SynthOptions { packages: 3, roots: 200, payload: 0.1, seed: 7 });
//! let a = eco.package(1);
//! assert_eq!(a.roots.len(), 200);
//! assert_eq!(a, Ecosystem::new(eco.options()).package(1)); // deterministic
//! let image = eco.image(1).unwrap();
//! assert!(image.starts_with(b"\x89PCI"));
//! ```

use uuid::Uuid;

use crate::random::{Rng, Zipf};
use pcache_format::error::Result;
use pcache_format::model::{
    Base64, CallEdge, CodeInstance, Dep, Edge, F64Bits, InvokeEdge, MethodDef, MethodRef, Package,
    Root, TypeDef, World,
};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SynthOptions {
    /// Number of packages (at least 1).
    pub packages: usize,
    /// Roots per package (at least 1).
    pub roots: usize,
    /// Scale of payload sizes: 1.0 gives a median near 700 bytes, clipped to
    /// 128 B ..= 48 KiB before scaling.
    pub payload: f64,
    /// The seed: equal options give equal packages, byte for byte.
    pub seed: u64,
}

impl Default for SynthOptions {
    fn default() -> Self {
        SynthOptions {
            packages: 20,
            roots: 200_000,
            payload: 1.0,
            seed: 1,
        }
    }
}

const SYLLABLES: [&str; 32] = [
    "ka", "lo", "mi", "ser", "tan", "vec", "dict", "arr", "ind", "get", "set", "push", "map",
    "red", "fold", "sum", "len", "key", "val", "str", "num", "conv", "prom", "show", "io", "buf",
    "sort", "hash", "eq", "iter", "next", "pair",
];
/// Argument types of generated signatures; every name is declared by Base
/// (see `BASE_TYPES`), so all signatures resolve (SPEC.md §11.2).
const TYPES: [&str; 16] = [
    "Int64",
    "Float64",
    "String",
    "Symbol",
    "Bool",
    "Char",
    "UInt8",
    "Any",
    "Nothing",
    "Vector{Int64}",
    "Vector{Any}",
    "Dict{Symbol, Any}",
    "Tuple{Int64, Int64}",
    "AbstractString",
    "Union{Nothing, Int64}",
    "Matrix{Float64}",
];

/// What a specialization puts for an abstract argument type.
const CONCRETE: [&str; 6] = [
    "Int64",
    "Float64",
    "String",
    "Symbol",
    "Vector{Any}",
    "Nothing",
];

/// Base's type tree: (name, parameters, supertype).
const BASE_TYPES: [(&str, &[&str], &str); 19] = [
    ("Number", &[], "Any"),
    ("Real", &[], "Number"),
    ("Integer", &[], "Real"),
    ("Signed", &[], "Integer"),
    ("Int64", &[], "Signed"),
    ("UInt8", &[], "Integer"),
    ("Bool", &[], "Integer"),
    ("AbstractFloat", &[], "Real"),
    ("Float64", &[], "AbstractFloat"),
    ("AbstractString", &[], "Any"),
    ("String", &[], "AbstractString"),
    ("Symbol", &[], "Any"),
    ("Char", &[], "Any"),
    ("Nothing", &[], "Any"),
    ("AbstractArray", &["T"], "Any"),
    ("Vector", &["T"], "AbstractArray{T}"),
    ("Matrix", &["T"], "AbstractArray{T}"),
    ("AbstractDict", &["K", "V"], "Any"),
    ("Dict", &["K", "V"], "AbstractDict{K, V}"),
];

/// A concrete specialization of `sig`: every `Any` and `AbstractString`
/// argument replaced by a concrete type.
fn specialize(sig: &str, rng: &mut Rng) -> String {
    let inner = sig
        .strip_prefix("Tuple{")
        .and_then(|s| s.strip_suffix('}'))
        .unwrap_or(sig);
    // Arguments are TYPES entries, whose own commas sit inside braces.
    let mut args = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (k, ch) in inner.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                args.push(inner[start..k].trim());
                start = k + 1;
            }
            _ => {}
        }
    }
    args.push(inner[start..].trim());
    let args: Vec<String> = args
        .into_iter()
        .map(|a| match a {
            "Any" => CONCRETE[rng.below(CONCRETE.len() as u64) as usize].to_owned(),
            "AbstractString" => "String".to_owned(),
            "Union{Nothing, Int64}" => ["Nothing", "Int64"][rng.below(2) as usize].to_owned(),
            other => other.to_owned(),
        })
        .collect();
    format!("Tuple{{{}}}", args.join(", "))
}

fn word(rng: &mut Rng, syllables: u64) -> String {
    let n = 1 + rng.below(syllables);
    let mut s = String::new();
    for _ in 0..n {
        s.push_str(SYLLABLES[rng.below(SYLLABLES.len() as u64) as usize]);
    }
    s
}

/// Kind pattern over 20 consecutive items: sym ×8, type ×4, method ×3,
/// str ×2, int, float, bytes.
const KIND_PATTERN: [u8; 20] = [1, 6, 1, 7, 1, 2, 6, 1, 3, 7, 1, 6, 1, 4, 2, 1, 6, 7, 1, 5];

/// The generator of one ecosystem.
#[derive(Debug, Clone)]
pub struct Ecosystem {
    opts: SynthOptions,
    uuids: Vec<Uuid>,
    names: Vec<String>,
    deps: Vec<Vec<usize>>,
    vocab: usize,
    share_a: f64,
    calls: Zipf,
}

impl Ecosystem {
    /// Lays out an ecosystem: uuids, names, the dependency DAG and the
    /// vocabulary's parameters. Cheap; packages are built on demand.
    pub fn new(opts: SynthOptions) -> Ecosystem {
        let opts = SynthOptions {
            packages: opts.packages.max(1),
            roots: opts.roots.max(1),
            payload: if opts.payload > 0.0 {
                opts.payload
            } else {
                1.0
            },
            seed: opts.seed,
        };
        let p = opts.packages;
        let mut rng = Rng::new(&[opts.seed, 1]);
        let mut uuids = Vec::with_capacity(p);
        let mut names = Vec::with_capacity(p);
        for i in 0..p {
            let mut b = [0u8; 16];
            rng.fill(&mut b);
            uuids.push(uuid::Builder::from_random_bytes(b).into_uuid());
            names.push(match i {
                0 => "Base".to_owned(),
                _ => {
                    let mut w = word(&mut rng, 3);
                    w[..1].make_ascii_uppercase();
                    format!("{w}{i}")
                }
            });
        }
        // DAG: edges only to earlier packages; popular ones (low index) more often.
        let popular = Zipf::new(p.max(1), 1.1);
        let mut deps = Vec::with_capacity(p);
        for i in 0..p {
            let mut d: Vec<usize> = Vec::new();
            if i > 0 {
                d.push(0);
                let extra = if i <= 3 { 0 } else { 1 + rng.below(4) };
                for _ in 0..extra {
                    let q = popular.sample(&mut rng) % i;
                    if !d.contains(&q) {
                        d.push(q);
                    }
                }
            }
            d.sort_unstable();
            deps.push(d);
        }
        // Vocabulary: as many items as a package has roots; inclusion
        // min(1, a/sqrt(j+1)) with a chosen so a package draws about half its
        // roots from it (sum over j of a/sqrt(j+1) ≈ 2a·sqrt(V)).
        let vocab = opts.roots;
        let share_a = (opts.roots as f64 / 2.0) / (2.0 * (vocab as f64).sqrt());
        let calls = Zipf::new((opts.roots / 4).max(16), 1.0);
        Ecosystem {
            opts,
            uuids,
            names,
            deps,
            vocab,
            share_a,
            calls,
        }
    }

    /// The options (normalized) this ecosystem was made from.
    pub fn options(&self) -> SynthOptions {
        self.opts
    }

    /// Number of packages.
    pub fn len(&self) -> usize {
        self.uuids.len()
    }

    /// Whether there are no packages (never: at least one is made).
    pub fn is_empty(&self) -> bool {
        self.uuids.is_empty()
    }

    /// The uuid of package `i`.
    pub fn uuid(&self, i: usize) -> Uuid {
        self.uuids[i]
    }

    /// The name of package `i` (`Base` for 0).
    pub fn name(&self, i: usize) -> &str {
        &self.names[i]
    }

    /// Dependencies (package numbers) of package `i`.
    pub fn deps(&self, i: usize) -> &[usize] {
        &self.deps[i]
    }

    fn methods_of(&self) -> usize {
        (self.opts.roots / 20).max(4)
    }

    /// Method `m` that package `q` defines: (name, signature).
    fn method_def(&self, q: usize, m: usize) -> (String, String) {
        let mut rng = Rng::new(&[self.opts.seed, 2, q as u64, m as u64]);
        let name = format!("{}_{q}_{m}", word(&mut rng, 2));
        let args = 1 + rng.below(3);
        let mut sig = format!("Tuple{{typeof({name})");
        for _ in 0..args {
            sig.push_str(", ");
            sig.push_str(TYPES[rng.below(TYPES.len() as u64) as usize]);
        }
        sig.push('}');
        (name, sig)
    }

    fn method_ref(&self, q: usize, m: usize) -> MethodRef {
        let (name, sig) = self.method_def(q, m);
        MethodRef {
            pkg: self.uuids[q],
            name,
            sig,
        }
    }

    /// Vocabulary item `j` (shared between packages).
    pub fn vocab_root(&self, j: usize) -> Root {
        let mut rng = Rng::new(&[self.opts.seed, 3, j as u64]);
        let rank = j / 20;
        match KIND_PATTERN[j % 20] {
            1 => Root::Sym(format!("{}{}", word(&mut rng, 3), j)),
            2 => Root::Str(format!("{} {} ({j})", word(&mut rng, 4), word(&mut rng, 6))),
            3 => Root::Int(j as i64 * 7 + 3),
            4 => Root::Float(F64Bits(match rank {
                0 => 0x8000_0000_0000_0000, // -0.0
                1 => 0x7ff8_0000_0000_0000, // NaN
                2 => f64::INFINITY.to_bits(),
                _ => (j as f64 + 0.5).to_bits(),
            })),
            5 => {
                let mut b = vec![0u8; 4 + rng.below(28) as usize];
                rng.fill(&mut b);
                b[0] = 0;
                b[1..4].copy_from_slice(&(j as u32).to_le_bytes()[..3]);
                Root::Bytes(Base64(b))
            }
            6 => Root::Type(format!(
                "{}{{{}, S{j}}}",
                ["Vector", "Dict", "Pair", "Ref", "Tuple"][rng.below(5) as usize],
                TYPES[rng.below(TYPES.len() as u64) as usize]
            )),
            _ => {
                // The k-th method item names even method 2·(k / P) of package k % P.
                let k = rank * 3 + [3, 9, 17].iter().position(|&x| x == j % 20).unwrap_or(0);
                let p = self.len();
                Root::Method(self.method_ref(k % p, 2 * (k / p)))
            }
        }
    }

    /// Private root `k` of package `p` (never equal to a vocabulary item or
    /// another package's private root).
    fn private_root(&self, p: usize, k: usize) -> Root {
        let mut rng = Rng::new(&[self.opts.seed, 4, p as u64, k as u64]);
        match KIND_PATTERN[k % 20] {
            1 => Root::Sym(format!("#{k}#{}", word(&mut rng, 2))),
            2 => Root::Str(format!("{}: {} #{k}", self.names[p], word(&mut rng, 8))),
            3 => Root::Int(-(((p as i64) << 36) | k as i64) - 1),
            4 => Root::Float(F64Bits(
                (-((p as f64) * 16_777_216.0 + k as f64) - 0.25).to_bits(),
            )),
            5 => {
                let mut b = vec![0u8; 8 + rng.below(56) as usize];
                rng.fill(&mut b);
                b[0] = 1;
                b[1..4].copy_from_slice(&(p as u32).to_le_bytes()[..3]);
                b[4..8].copy_from_slice(&(k as u32).to_le_bytes());
                Root::Bytes(Base64(b))
            }
            6 => Root::Type(format!("{}.T{k}{{{}}}", self.names[p], word(&mut rng, 1))),
            _ => {
                // Odd methods of its own: never a vocabulary method.
                let m = (2 * k + 1) % self.methods_of().max(2);
                let m = m | 1;
                let mut r = self.method_ref(p, m);
                r.sig = format!("{}#{k}", r.sig);
                Root::Method(r)
            }
        }
    }

    /// Builds package `i` (`0 ≤ i < len()`).
    pub fn package(&self, i: usize) -> Package {
        let o = &self.opts;
        let mut rng = Rng::new(&[o.seed, 5, i as u64]);
        // Roots: vocabulary picks and private roots, shuffled together.
        let mut picks: Vec<Root> = Vec::with_capacity(o.roots);
        for j in 0..self.vocab {
            if picks.len() >= o.roots {
                break;
            }
            let p = (self.share_a / ((j + 1) as f64).sqrt()).min(1.0);
            if rng.unit() < p {
                picks.push(self.vocab_root(j));
            }
        }
        let shared = picks.len();
        for k in 0..o.roots - shared {
            picks.push(self.private_root(i, k));
        }
        rng.shuffle(&mut picks);
        let roots = picks;

        let deps: Vec<Dep> = self.deps[i]
            .iter()
            .map(|&q| Dep {
                uuid: self.uuids[q],
                name: self.names[q].clone(),
                build_id: None,
            })
            .collect();
        let core = BASE_TYPES
            .iter()
            .filter(|_| i == 0)
            .map(|&(name, params, sup)| TypeDef {
                name: name.into(),
                supertype: sup.into(),
                params: params.iter().map(|p| p.to_string()).collect(),
                ..Default::default()
            });
        let types: Vec<TypeDef> = core
            .chain((0..(o.roots / 100).max(1)).map(|t| TypeDef {
                name: format!("{}T{t}", self.names[i]),
                supertype:
                    ["Any", "AbstractArray{T}", "Number", "AbstractDict{K, V}"][t % 4].to_owned(),
                params: match t % 4 {
                    1 => vec!["T".into()],
                    3 => vec!["K".into(), "V".into()],
                    _ => Vec::new(),
                },
                ..Default::default()
            }))
            .collect();
        let nm = self.methods_of();
        let mut methods: Vec<MethodDef> = (0..nm)
            .map(|m| {
                let (name, sig) = self.method_def(i, m);
                MethodDef {
                    name,
                    sig,
                    ..Default::default()
                }
            })
            .collect();
        // A few methods add to Base's functions for this package's own type,
        // as packages do: what the invalidation analysis looks for.
        if i > 0 {
            for k in 0..3 {
                let (name, _) = self.method_def(0, self.calls.sample(&mut rng) % nm);
                let sig = format!("Tuple{{typeof({name}), {}T0}}", self.names[i]);
                if !methods.iter().any(|m| m.name == name && m.sig == sig) {
                    methods.push(MethodDef {
                        name,
                        sig,
                        ..Default::default()
                    });
                }
                let _ = k;
            }
        }

        // Code instances: mostly own methods, some of dependencies' methods.
        let n_code = (o.roots / 40).max(1);
        let mut code = Vec::with_capacity(n_code);
        let mut seen = std::collections::HashSet::new();
        let mut c = 0usize;
        while code.len() < n_code {
            c += 1;
            let external = !self.deps[i].is_empty() && rng.below(10) < 3;
            let method = if external {
                let q = self.deps[i][rng.below(self.deps[i].len() as u64) as usize];
                self.method_ref(q, rng.below(nm as u64) as usize)
            } else {
                self.method_ref(i, rng.below(nm as u64) as usize)
            };
            let spec = specialize(&method.sig, &mut rng);
            if !seen.insert((method.pkg, method.name.clone(), spec.clone())) {
                if c > 50 * n_code {
                    break;
                }
                continue;
            }
            let refs = (0..rng.below(17))
                .map(|_| rng.below(roots.len() as u64) as u32)
                .collect();
            let mut edges = Vec::new();
            for _ in 0..2 + rng.below(11) {
                if self.deps[i].is_empty() || rng.below(10) < 7 {
                    // Most calls go to Base's functions, with signatures
                    // many packages share.
                    let s = self.calls.sample(&mut rng);
                    let mut r = Rng::new(&[o.seed, 6, s as u64]);
                    let owner = if rng.below(10) < 8 { 0 } else { i };
                    let (name, _) = self.method_def(owner, s % nm);
                    edges.push(Edge::Call(CallEdge {
                        call: format!(
                            "Tuple{{typeof({name}), {}}}",
                            TYPES[r.below(TYPES.len() as u64) as usize]
                        ),
                        ..Default::default()
                    }));
                } else {
                    let q = self.deps[i][rng.below(self.deps[i].len() as u64) as usize];
                    let invoke = self.method_ref(q, rng.below(nm as u64) as usize);
                    let spec = invoke.sig.clone();
                    edges.push(Edge::Invoke(InvokeEdge { invoke, spec }));
                }
            }
            // Log-normal payload: median ~700 B, clipped to 128 B ..= 48 KiB.
            let base = rng.log_normal(700.0, 1.1).clamp(128.0, 48.0 * 1024.0);
            let mut payload = vec![0u8; (base * o.payload) as usize];
            rng.fill(&mut payload);
            let min_world = 1 + rng.below(30_000);
            let max_world = (rng.below(10) == 0).then(|| min_world + rng.below(1000));
            code.push(CodeInstance {
                method,
                spec,
                world: World(min_world, max_world),
                roots: refs,
                edges,
                payload: Base64(payload),
                ..Default::default()
            });
        }

        Package {
            uuid: self.uuids[i],
            name: self.names[i].clone(),
            version: format!("1.{}.{}", i % 7, i % 3),
            deps,
            roots,
            types,
            methods,
            code,
            ..Default::default()
        }
    }

    /// The single-package image of package `i`.
    pub fn image(&self, i: usize) -> Result<Vec<u8>> {
        pcache_format::write::section::image_bytes(&self.package(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packages_are_valid_deterministic_and_share_half() {
        let opts = SynthOptions {
            packages: 6,
            roots: 2000,
            payload: 0.05,
            seed: 3,
        };
        let eco = Ecosystem::new(opts);
        let pkgs: Vec<Package> = (0..eco.len()).map(|i| eco.package(i)).collect();
        let mut kinds = std::collections::BTreeSet::new();
        for p in &pkgs {
            p.validate().unwrap();
            assert_eq!(p.roots.len(), 2000);
            for r in &p.roots {
                kinds.insert(pcache_format::model::root::RootKey::of(r).kind);
            }
        }
        assert_eq!(kinds.len(), 7, "every root kind occurs");
        assert_eq!(Ecosystem::new(opts).package(4), pkgs[4]);
        // About half of a package's roots occur in another package.
        let keys: Vec<std::collections::HashSet<_>> = pkgs
            .iter()
            .map(|p| {
                p.roots
                    .iter()
                    .map(pcache_format::model::root::RootKey::of)
                    .collect()
            })
            .collect();
        let p = 3;
        let elsewhere = keys[p]
            .iter()
            .filter(|k| (0..pkgs.len()).any(|q| q != p && keys[q].contains(*k)))
            .count();
        assert!((600..=1400).contains(&elsewhere), "{elsewhere}");
    }
}
