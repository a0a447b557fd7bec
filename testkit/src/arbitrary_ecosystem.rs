//! The structured generator of random package ecosystems (`Arbitrary`
//! over fuzzer or proptest bytes) and what tests of generated ecosystems
//! share: merging images in memory and checking that every root resolves.
//! The property tests, the CLI tests and the fuzz targets (`fuzz/`) use it.

use std::collections::HashSet;

use arbitrary::{Arbitrary, Unstructured};
use uuid::Uuid;

use pcache_format::error::Result;
use pcache_format::merge;
use pcache_format::model::root::RootKey;
use pcache_format::model::{
    AliasDef, Base64, BindingEdge, BuildId, CallEdge, CodeInstance, Dep, Edge, F64Bits,
    GeneratedSource, InstanceEdge, InvokeEdge, InvokeSigEdge, MethodDef, MethodRef, Package, Root,
    TypeDef, TypeKind, World,
};
use pcache_format::read::image::ImageFile;
use pcache_format::session::{Session, SessionOptions};
use pcache_format::write;

/// Every root of every package resolves through the global table to its own
/// value: `global[reindex[p][i]] == local[p][i]`. Returns the first failure.
pub fn check_reindex(session: &Session<'_>) -> std::result::Result<(), String> {
    for (p, pkg) in session.packages().iter().enumerate() {
        for i in 0..pkg.roots.len() {
            let g = session.global_index(p, i).map_err(|e| e.to_string())?;
            let (gp, gi) = session.global_ref(g).map_err(|e| e.to_string())?;
            let global = session
                .packages()
                .get(gp)
                .ok_or_else(|| format!("global root {g} names package ordinal {gp}"))?
                .roots
                .raw(gi)
                .map_err(|e| e.to_string())?;
            let local = pkg.roots.raw(i).map_err(|e| e.to_string())?;
            if global != local {
                return Err(format!(
                    "package {}: root {i} maps to global {g}, a different value",
                    pkg.label()
                ));
            }
        }
    }
    Ok(())
}

/// Merges images given as bytes into a merged image, in memory.
pub fn merge_images(images: &[&[u8]]) -> Result<Vec<u8>> {
    let files: Vec<ImageFile> = images
        .iter()
        .enumerate()
        .map(|(i, b)| ImageFile::from_bytes(format!("input-{i}.pci"), b))
        .collect();
    let session = Session::load(&files, SessionOptions::default())?;
    merge::merged_bytes(&session, &files)
}

/// One code instance of a package before compilation: its roots are values,
/// which compiling turns into indices of the package's root table.
#[derive(Debug, Clone)]
pub struct CodeSpec {
    /// The method specialized.
    pub method: MethodRef,
    /// The specialization signature.
    pub spec: String,
    /// World range.
    pub world: World,
    /// The roots this code uses, by value.
    pub roots: Vec<Root>,
    /// Its edges.
    pub edges: Vec<Edge>,
    /// Its payload.
    pub payload: Vec<u8>,
    /// The compiler that made it (`None`: native).
    pub owner: Option<String>,
    /// Inferred code only.
    pub inferred_only: bool,
    /// A cached generated source (methods with a caching generator only).
    pub generated: Option<GeneratedSource>,
}

/// A package before compilation: compiling its code in some order yields a
/// root table in first-use order (after `extra_roots`).
#[derive(Debug, Clone)]
pub struct PackageSpec {
    /// Identity.
    pub uuid: Uuid,
    /// Name.
    pub name: String,
    /// Version.
    pub version: String,
    /// Dependencies; `build_id` is filled in by `ArbitraryEcosystem::packages` when pinned.
    pub deps: Vec<Dep>,
    /// Whether each dependency is pinned to the present build.
    pub pinned: Vec<bool>,
    /// Roots that come first, whatever the compile order.
    pub extra_roots: Vec<Root>,
    /// Types defined.
    pub types: Vec<TypeDef>,
    /// Type aliases defined.
    pub aliases: Vec<AliasDef>,
    /// Methods defined.
    pub methods: Vec<MethodDef>,
    /// Code instances, in the default compile order.
    pub code: Vec<CodeSpec>,
}

impl PackageSpec {
    /// Compiles the code instances `order` (indices into `code`, a
    /// permutation of a subset) in that order.
    pub fn compile(&self, order: &[usize]) -> Package {
        let mut roots: Vec<Root> = Vec::new();
        let mut index: std::collections::HashMap<RootKey, u32> = Default::default();
        let mut intern = |r: &Root, roots: &mut Vec<Root>| -> u32 {
            *index.entry(RootKey::of(r)).or_insert_with(|| {
                roots.push(r.clone());
                roots.len() as u32 - 1
            })
        };
        for r in &self.extra_roots {
            intern(r, &mut roots);
        }
        let code = order
            .iter()
            .map(|&c| {
                let c = &self.code[c];
                CodeInstance {
                    method: c.method.clone(),
                    spec: c.spec.clone(),
                    world: c.world,
                    roots: c.roots.iter().map(|r| intern(r, &mut roots)).collect(),
                    edges: c.edges.clone(),
                    payload: Base64(c.payload.clone()),
                    owner: c.owner.clone(),
                    inferred_only: c.inferred_only,
                    generated: c.generated.clone(),
                }
            })
            .collect();
        Package {
            uuid: self.uuid,
            name: self.name.clone(),
            version: self.version.clone(),
            deps: self.deps.clone(),
            roots,
            types: self.types.clone(),
            aliases: self.aliases.clone(),
            methods: self.methods.clone(),
            code,
            stripped: Default::default(),
        }
    }

    /// Compiles every code instance in the default order.
    pub fn compile_all(&self) -> Package {
        self.compile(&(0..self.code.len()).collect::<Vec<_>>())
    }
}

/// A random set of packages with distinct uuids whose dependencies form a
/// DAG (a package depends only on packages generated before it).
#[derive(Debug, Clone)]
pub struct ArbitraryEcosystem {
    /// The packages, in generation (dependency) order.
    pub specs: Vec<PackageSpec>,
}

impl ArbitraryEcosystem {
    /// Compiles every package in its default order, filling pinned
    /// dependency build ids with the build ids of the dependencies' images.
    pub fn packages(&self) -> Vec<Package> {
        self.packages_with(|s| s.compile_all())
    }

    /// Like `packages`, compiling each spec with `compile`.
    pub fn packages_with(&self, mut compile: impl FnMut(&PackageSpec) -> Package) -> Vec<Package> {
        let mut out: Vec<Package> = Vec::with_capacity(self.specs.len());
        let mut ids: std::collections::HashMap<Uuid, BuildId> = Default::default();
        for spec in &self.specs {
            let mut pkg = compile(spec);
            for (dep, &pin) in pkg.deps.iter_mut().zip(&spec.pinned) {
                // Pins to packages outside the ecosystem stay as generated.
                if let Some(&id) = ids.get(&dep.uuid) {
                    dep.build_id = pin.then_some(id);
                }
            }
            let section = write::section::package_section(&pkg).expect("a generated package packs");
            ids.insert(pkg.uuid, BuildId(*blake3::hash(&section).as_bytes()));
            out.push(pkg);
        }
        out
    }

    /// Removes every pin (so packages may be rebuilt independently).
    pub fn unpinned(mut self) -> Self {
        for s in &mut self.specs {
            s.pinned.iter_mut().for_each(|p| *p = false);
        }
        self
    }
}

/// Inputs to merge and two ways to merge them.
#[derive(Debug, Clone)]
pub struct MergeCase {
    /// Single-package images: the final version of every package plus some
    /// older (prefix) versions.
    pub images: Vec<Vec<u8>>,
    /// A grouping: each group (indices into `images`, in order) is merged
    /// first, then the groups' results are merged in order.
    pub first: Vec<Vec<usize>>,
    /// Another grouping of the same images.
    pub second: Vec<Vec<usize>>,
}

impl MergeCase {
    /// Merges the images group by group, then the groups' results.
    pub fn merge_grouped(&self, groups: &[Vec<usize>]) -> Result<Vec<u8>> {
        let mut partial = Vec::with_capacity(groups.len());
        for g in groups {
            let inputs: Vec<&[u8]> = g.iter().map(|&i| self.images[i].as_slice()).collect();
            partial.push(merge_images(&inputs)?);
        }
        merge_images(&partial.iter().map(Vec::as_slice).collect::<Vec<_>>())
    }
}

impl<'a> Arbitrary<'a> for MergeCase {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let mut eco = ArbitraryEcosystem::arbitrary(u)?;
        // Some packages also appear as an older build: a prefix of the code,
        // hence of the root table. Nobody pins those (a group holding only
        // the older build and a dependent pinning the newer one is stale).
        let mut older = Vec::with_capacity(eco.specs.len());
        for spec in &eco.specs {
            older.push(if !spec.code.is_empty() && u.ratio(1, 3)? {
                Some(u.int_in_range(0..=spec.code.len() - 1)?)
            } else {
                None
            });
        }
        let grown: HashSet<Uuid> = eco
            .specs
            .iter()
            .zip(&older)
            .filter(|(_, k)| k.is_some())
            .map(|(s, _)| s.uuid)
            .collect();
        for spec in &mut eco.specs {
            for (dep, pin) in spec.deps.iter().zip(spec.pinned.iter_mut()) {
                *pin &= !grown.contains(&dep.uuid);
            }
        }
        let finals = eco.packages();
        let mut images = Vec::new();
        for ((spec, pkg), k) in eco.specs.iter().zip(&finals).zip(older) {
            images.push(write::section::image_bytes(pkg).expect("a generated package packs"));
            if let Some(k) = k {
                let mut old = spec.compile(&(0..k).collect::<Vec<_>>());
                old.deps = pkg.deps.clone();
                if old.roots.len() < pkg.roots.len() {
                    images.push(
                        write::section::image_bytes(&old).expect("a generated package packs"),
                    );
                }
            }
        }
        let n = images.len();
        let order = permutation(u, n)?;
        let first = grouping(u, order)?;
        let order = permutation(u, n)?;
        let second = grouping(u, order)?;
        Ok(MergeCase {
            images,
            first,
            second,
        })
    }
}

/// A random permutation of `0..n`.
pub fn permutation(u: &mut Unstructured<'_>, n: usize) -> arbitrary::Result<Vec<usize>> {
    let mut v: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = u.int_in_range(0..=i)?;
        v.swap(i, j);
    }
    Ok(v)
}

/// Cuts `items` into consecutive non-empty groups at random points.
pub fn grouping<T>(u: &mut Unstructured<'_>, items: Vec<T>) -> arbitrary::Result<Vec<Vec<T>>> {
    let mut groups: Vec<Vec<T>> = Vec::new();
    for item in items {
        match groups.last_mut() {
            Some(g) if !u.ratio(1, 3)? => g.push(item),
            _ => groups.push(vec![item]),
        }
    }
    Ok(groups)
}

const FLOAT_SPECIALS: [u64; 10] = [
    0,                     // 0.0
    0x8000_0000_0000_0000, // -0.0
    0x7ff8_0000_0000_0000, // the default NaN
    0x7ff0_0000_0000_0001, // a signalling NaN with a payload
    0xfff8_0000_0000_00ff, // a negative NaN with a payload
    0x7ff0_0000_0000_0000, // +inf
    0xfff0_0000_0000_0000, // -inf
    0x0000_0000_0000_0001, // the smallest subnormal
    0x3ff0_0000_0000_0000, // 1.0
    0x4035_0000_0000_0000, // 21.0
];

/// One of `pool`, never anything else (names that must resolve).
fn pick(u: &mut Unstructured<'_>, pool: &[&str]) -> arbitrary::Result<String> {
    Ok((*u.choose(pool)?).to_owned())
}

fn text(u: &mut Unstructured<'_>, pool: &[&str]) -> arbitrary::Result<String> {
    if u.ratio(1, 2)? {
        Ok((*u.choose(pool)?).to_owned())
    } else {
        let s: &str = u.arbitrary()?;
        Ok(s.chars().take(40).collect())
    }
}

/// `s` without control characters (pack refuses them in names).
fn printable(s: String) -> String {
    s.chars().filter(|c| !c.is_control()).collect()
}

const NAMES: [&str; 10] = [
    "",
    "score",
    "length",
    "getindex",
    "λ",
    "tally scores",
    "日本",
    "x\u{0}y",
    "🃏",
    "Any",
];

fn root(u: &mut Unstructured<'_>, uuids: &[Uuid]) -> arbitrary::Result<Root> {
    Ok(match u.int_in_range(0..=6u8)? {
        0 => Root::Sym(text(u, &NAMES)?),
        1 => Root::Str(text(u, &NAMES)?),
        2 => Root::Int(if u.ratio(1, 2)? {
            *u.choose(&[0, 1, -1, 21, i64::MIN, i64::MAX])?
        } else {
            u.arbitrary()?
        }),
        3 => Root::Float(F64Bits(if u.ratio(2, 3)? {
            *u.choose(&FLOAT_SPECIALS)?
        } else {
            u.arbitrary()?
        })),
        4 => {
            let len = if u.ratio(1, 16)? {
                u.int_in_range(1000..=70_000)?
            } else {
                u.int_in_range(0..=16)?
            };
            let seed: u8 = u.arbitrary()?;
            let mut bytes: Vec<u8> = (0..len).map(|i| (i as u8).wrapping_mul(seed)).collect();
            if let Some(b) = bytes.first_mut() {
                *b = u.arbitrary()?;
            }
            Root::Bytes(Base64(bytes))
        }
        5 => Root::Type(text(u, &["Any", "Int", "Vector{Any}", "Tuple{}", ""])?),
        _ => Root::Method(MethodRef {
            pkg: *u.choose(uuids)?,
            name: text(u, &NAMES)?,
            sig: text(u, &["Tuple{typeof(f), Int}", "Tuple{}", ""])?,
        }),
    })
}

/// Functions of generated ecosystems: all owned by the core package (the
/// first one), which every other package depends on.
const FUNCTIONS: [&str; 3] = ["f", "g", "score"];
/// Argument types of generated method signatures (declared by the core package).
const ARG_TYPES: [&str; 4] = ["Int", "Char", "Number", "Any"];

/// One edge of each kind Julia records (SPEC.md §2), on the generated
/// functions and methods, so that every edge resolves.
fn edge(u: &mut Unstructured<'_>, callable: &[MethodRef]) -> arbitrary::Result<Edge> {
    let target = u.choose(callable)?.clone();
    Ok(match u.int_in_range(0..=5u8)? {
        0 => {
            let f = pick(u, &FUNCTIONS)?;
            let arg = pick(u, &ARG_TYPES)?;
            Edge::Call(CallEdge {
                call: format!("Tuple{{typeof({f}), {arg}}}"),
                ..Default::default()
            })
        }
        1 => Edge::Call(CallEdge {
            call: concrete_spec(u, &target)?,
            covered: Some(u.ratio(1, 2)?),
            matches: Some(vec![target]),
        }),
        2 => Edge::Invoke(InvokeEdge {
            spec: concrete_spec(u, &target)?,
            invoke: target,
        }),
        3 => Edge::Instance(InstanceEdge {
            spec: concrete_spec(u, &target)?,
            owner: u.ratio(1, 3)?.then(|| "GPUCompiler".to_owned()),
            world: World(u.int_in_range(0..=10)?, None),
            instance: target,
        }),
        4 => Edge::InvokeSig(InvokeSigEdge {
            invokesig: target.sig.clone(),
            spec: concrete_spec(u, &target)?,
            target,
        }),
        _ => Edge::Binding(BindingEdge {
            binding: pick(u, &["pi", "DEPOT_PATH"])?,
            module: "Base".into(),
        }),
    })
}

/// A concrete specialization of a generated method `Tuple{typeof(f), ARG}`.
fn concrete_spec(u: &mut Unstructured<'_>, m: &MethodRef) -> arbitrary::Result<String> {
    let arg = m
        .sig
        .rsplit(", ")
        .next()
        .and_then(|a| a.strip_suffix('}'))
        .unwrap_or("Any");
    let concrete = match arg {
        "Int" | "Number" => "Int",
        "Char" => "Char",
        _ => *u.choose(&["Int", "Char"])?,
    };
    Ok(format!("Tuple{{typeof({}), {concrete}}}", m.name))
}

fn unique_uuid(u: &mut Unstructured<'_>, used: &mut HashSet<Uuid>) -> arbitrary::Result<Uuid> {
    let mut n = u128::from_le_bytes(u.arbitrary()?);
    while !used.insert(Uuid::from_u128(n)) {
        n = n.wrapping_add(1);
    }
    Ok(Uuid::from_u128(n))
}

impl<'a> Arbitrary<'a> for ArbitraryEcosystem {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let count = u.int_in_range(1..=6usize)?;
        let mut used = HashSet::new();
        let uuids: Vec<Uuid> = (0..count)
            .map(|_| unique_uuid(u, &mut used))
            .collect::<arbitrary::Result<_>>()?;
        // Values several packages share, so interning finds duplicates.
        let shared: Vec<Root> = (0..u.int_in_range(0..=8usize)?)
            .map(|_| root(u, &uuids))
            .collect::<arbitrary::Result<_>>()?;
        let mut specs: Vec<PackageSpec> = Vec::with_capacity(count);
        for (p, &uuid) in uuids.iter().enumerate() {
            let mut deps = Vec::new();
            let mut pinned = Vec::new();
            for q in 0..p {
                if q == 0 || u.ratio(1, 2)? {
                    deps.push(Dep {
                        uuid: uuids[q],
                        name: specs[q].name.clone(),
                        build_id: None,
                    });
                    pinned.push(u.ratio(1, 3)?);
                }
            }
            // A dependency outside the ecosystem, perhaps pinned: ignored
            // for ordering, and its pin checked against nothing.
            if u.ratio(1, 8)? {
                let absent = unique_uuid(u, &mut used)?;
                deps.push(Dep {
                    uuid: absent,
                    name: "Absent".into(),
                    build_id: u.ratio(1, 2)?.then_some(BuildId([7; 32])),
                });
                pinned.push(false);
            }
            let value = |u: &mut Unstructured<'a>| -> arbitrary::Result<Root> {
                if !shared.is_empty() && u.ratio(1, 2)? {
                    Ok(u.choose(&shared)?.clone())
                } else {
                    root(u, &uuids)
                }
            };
            let extra_roots = (0..u.int_in_range(0..=4usize)?)
                .map(|_| value(u))
                .collect::<arbitrary::Result<_>>()?;
            let mut type_names = HashSet::new();
            let mut types = Vec::new();
            if p == 0 {
                // The core package: every other package depends on it, so
                // every signature's names resolve (SPEC.md §11.2).
                for (name, sup, kind) in [
                    ("Number", "Any", TypeKind::Abstract),
                    ("Int", "Number", TypeKind::Primitive),
                    ("Char", "Any", TypeKind::Struct),
                ] {
                    type_names.insert(name.to_owned());
                    types.push(TypeDef {
                        name: name.into(),
                        supertype: sup.into(),
                        params: vec![],
                        kind: u.ratio(2, 3)?.then_some(kind),
                    });
                }
            }
            let mut aliases = Vec::new();
            if p == 0 && u.ratio(1, 2)? {
                aliases.push(AliasDef {
                    name: "Num".into(),
                    params: vec![],
                    body: "Number".into(),
                });
            }
            for _ in 0..u.int_in_range(0..=3usize)? {
                let name = pick(u, &["Card", "Deck", "Hand"])?;
                if type_names.insert(name.clone()) {
                    let params = if u.ratio(1, 3)? {
                        vec![pick(u, &["T", "T<:Number"])?]
                    } else {
                        vec![]
                    };
                    types.push(TypeDef {
                        name,
                        supertype: pick(u, &["Any", "Number"])?,
                        params,
                        kind: *u.choose(&[
                            None,
                            Some(TypeKind::Struct),
                            Some(TypeKind::Mutable),
                        ])?,
                    });
                }
            }
            let mut method_keys = HashSet::new();
            let mut methods = Vec::new();
            if p == 0 {
                for f in FUNCTIONS {
                    method_keys.insert((f.to_owned(), format!("Tuple{{typeof({f}), Number}}")));
                    methods.push(MethodDef {
                        name: f.into(),
                        sig: format!("Tuple{{typeof({f}), Number}}"),
                        ..Default::default()
                    });
                }
            }
            for _ in 0..u.int_in_range(0..=4usize)? {
                let f = pick(u, &FUNCTIONS)?;
                let arg = pick(u, &ARG_TYPES)?;
                let m = MethodDef {
                    sig: format!("Tuple{{typeof({f}), {arg}}}"),
                    name: f,
                    world: u.ratio(1, 3)?.then_some(u.int_in_range(1..=1000)?),
                    nospecialize: if u.ratio(1, 4)? { vec![2] } else { vec![] },
                    cached_generator: u.ratio(1, 4)?,
                };
                if method_keys.insert((m.name.clone(), m.sig.clone())) {
                    methods.push(m);
                }
            }
            // Methods code may specialize: own ones, and those of dependencies.
            let mut callable: Vec<MethodRef> = methods
                .iter()
                .map(|m| MethodRef {
                    pkg: uuid,
                    name: m.name.clone(),
                    sig: m.sig.clone(),
                })
                .collect();
            for d in &deps {
                let Some(q) = uuids.iter().position(|x| *x == d.uuid) else {
                    continue; // outside the ecosystem
                };
                callable.extend(specs[q].methods.iter().map(|m| MethodRef {
                    pkg: d.uuid,
                    name: m.name.clone(),
                    sig: m.sig.clone(),
                }));
            }
            let mut code_keys = HashSet::new();
            let mut code = Vec::new();
            if !callable.is_empty() {
                for _ in 0..u.int_in_range(0..=6usize)? {
                    let method = u.choose(&callable)?.clone();
                    let spec = concrete_spec(u, &method)?;
                    let owner = u.ratio(1, 4)?.then(|| "GPUCompiler".to_owned());
                    if !code_keys.insert((method.clone(), spec.clone(), owner.clone())) {
                        continue;
                    }
                    let min: u64 = u.int_in_range(0..=1000)?;
                    let max = if u.ratio(1, 2)? {
                        None
                    } else {
                        Some(u.int_in_range(min..=u64::MAX - 1)?)
                    };
                    let roots = (0..u.int_in_range(0..=5usize)?)
                        .map(|_| value(u))
                        .collect::<arbitrary::Result<_>>()?;
                    let mut edges = Vec::new();
                    for _ in 0..u.int_in_range(0..=3usize)? {
                        edges.push(edge(u, &callable)?);
                    }
                    let own_generator = method.pkg == uuid
                        && methods.iter().any(|m| {
                            m.cached_generator && m.name == method.name && m.sig == method.sig
                        });
                    let generated = if own_generator && u.ratio(1, 2)? {
                        let len = u.int_in_range(0..=32usize)?;
                        Some(GeneratedSource {
                            world: World(min, max),
                            source: Base64(u.bytes(len)?.to_vec()),
                        })
                    } else {
                        None
                    };
                    let payload_len = u.int_in_range(0..=64usize)?;
                    let payload = u.bytes(payload_len)?.to_vec();
                    code.push(CodeSpec {
                        method,
                        spec,
                        world: World(min, max),
                        roots,
                        edges,
                        payload,
                        owner,
                        inferred_only: u.ratio(1, 4)?,
                        generated,
                    });
                }
            }
            specs.push(PackageSpec {
                uuid,
                name: format!("P{p}{}", printable(text(u, &["", "λ", "Jack"])?)),
                version: printable(text(u, &["0.1.0", "1.0.0", ""])?),
                deps,
                pinned,
                extra_roots,
                types,
                aliases,
                methods,
                code,
            });
        }
        Ok(ArbitraryEcosystem { specs })
    }
}
