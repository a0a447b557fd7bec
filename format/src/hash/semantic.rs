//! The semantic id of a package (SPEC.md §4.6): a digest of what the package
//! means — its values, not their positions — so that compiling the same
//! things in another order keeps it, and any real change alters it.

use crate::model::root::RootKey;
use crate::model::{Edge, MethodRef, Package, World};

/// The derive-key context of semantic ids; never change it within major 3.
pub(crate) const SEMANTIC_CONTEXT: &str = "pcache 2026-12 semantic id v3";

/// Feeds length-prefixed fields to blake3 so that no two encodings collide.
struct Fields(blake3::Hasher);

impl Fields {
    fn bytes(&mut self, b: &[u8]) {
        self.0.update(&(b.len() as u64).to_le_bytes());
        self.0.update(b);
    }
    fn text(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.0.update(&v.to_le_bytes());
    }
    fn count(&mut self, n: usize) {
        self.u64(n as u64);
    }
    fn root(&mut self, key: &RootKey) {
        self.0.update(&[key.kind]);
        self.bytes(&key.bytes);
    }
    fn world(&mut self, w: World) {
        self.u64(w.0);
        self.u64(w.1.unwrap_or(u64::MAX));
    }
    fn method(&mut self, m: &MethodRef) {
        self.0.update(m.pkg.as_bytes());
        self.text(&m.name);
        self.text(&m.sig);
    }
}

/// Computes the semantic id of `pkg` (hashing each payload and generated source).
pub fn semantic_id(pkg: &Package) -> [u8; 32] {
    semantic_id_with(pkg, |i| ContentHashes {
        payload: *blake3::hash(&pkg.code[i].payload.0).as_bytes(),
        generated: pkg.code[i]
            .generated
            .as_ref()
            .map(|g| *blake3::hash(&g.source.0).as_bytes()),
    })
}

/// The blake3 hashes of one code instance's opaque bytes.
pub(crate) struct ContentHashes {
    /// Of its payload.
    pub(crate) payload: [u8; 32],
    /// Of its generated source, when it has one.
    pub(crate) generated: Option<[u8; 32]>,
}

/// Computes the semantic id of `pkg`, taking the blake3 of code instance
/// i's payload and generated source from `hashes(i)`: `verify` hashes them
/// where they lie in the file instead of copying them into `pkg`.
///
///
/// ```
/// use pcache_testkit::demo;
/// use pcache_format::hash::semantic::semantic_id;
/// let a = demo::facecards();
/// let mut b = a.clone();
/// b.roots.swap(1, 2); // compiled in another order...
/// for c in &mut b.code {
///     for r in &mut c.roots {
///         *r = match *r { 1 => 2, 2 => 1, x => x };
///     }
/// }
/// assert_eq!(semantic_id(&a), semantic_id(&b)); // ...means the same
/// # Ok::<(), pcache_format::Error>(())
/// ```
pub(crate) fn semantic_id_with(pkg: &Package, hashes: impl Fn(usize) -> ContentHashes) -> [u8; 32] {
    let mut f = Fields(blake3::Hasher::new_derive_key(SEMANTIC_CONTEXT));
    f.0.update(pkg.uuid.as_bytes());
    f.text(&pkg.name);
    f.text(&pkg.version);

    let mut deps: Vec<_> = pkg.deps.iter().collect();
    deps.sort_by_key(|d| d.uuid);
    f.count(deps.len());
    for d in deps {
        f.0.update(d.uuid.as_bytes());
        f.text(&d.name);
    }

    let keys: Vec<RootKey> = pkg.roots.iter().map(RootKey::of).collect();
    let mut sorted: Vec<&RootKey> = keys.iter().collect();
    sorted.sort();
    f.count(sorted.len());
    for k in sorted {
        f.root(k);
    }

    let mut types: Vec<_> = pkg.types.iter().collect();
    types.sort_by(|a, b| a.name.cmp(&b.name));
    f.count(types.len());
    for t in types {
        f.text(&t.name);
        f.text(&t.supertype);
        f.count(t.params.len());
        for p in &t.params {
            f.text(p);
        }
        f.u64(t.kind.map_or(0, |k| k.code()) as u64);
    }

    let mut aliases: Vec<_> = pkg.aliases.iter().collect();
    aliases.sort_by(|a, b| a.name.cmp(&b.name));
    f.count(aliases.len());
    for a in aliases {
        f.text(&a.name);
        f.count(a.params.len());
        for p in &a.params {
            f.text(p);
        }
        f.text(&a.body);
    }

    let mut methods: Vec<_> = pkg.methods.iter().collect();
    methods.sort_by(|a, b| (&a.name, &a.sig).cmp(&(&b.name, &b.sig)));
    f.count(methods.len());
    for m in methods {
        f.text(&m.name);
        f.text(&m.sig);
        f.u64(m.world.unwrap_or(0));
        f.u64(
            m.nospecialize
                .iter()
                .fold(0u64, |bits, &p| bits | 1u64 << (p.clamp(1, 64) - 1)),
        );
        f.u64(m.cached_generator as u64);
    }

    let mut code: Vec<(usize, &crate::model::CodeInstance)> = pkg.code.iter().enumerate().collect();
    // Borrowed keys: sorting compares in place, copying nothing.
    fn key(c: &crate::model::CodeInstance) -> (&MethodRef, &str, Option<&str>, u64, u64) {
        (
            &c.method,
            c.spec.as_str(),
            c.owner.as_deref(),
            c.world.0,
            c.world.1.unwrap_or(u64::MAX),
        )
    }
    code.sort_by(|(_, a), (_, b)| key(a).cmp(&key(b)));
    f.count(code.len());
    for (index, ci) in code {
        f.method(&ci.method);
        f.text(&ci.spec);
        f.text(ci.owner.as_deref().unwrap_or(""));
        f.world(ci.world);
        f.u64(ci.inferred_only as u64);
        f.count(ci.roots.len());
        for &r in &ci.roots {
            // Validated packages only: every index is in range.
            match keys.get(r as usize) {
                Some(k) => f.root(k),
                None => f.u64(u64::MAX),
            }
        }
        f.count(ci.edges.len());
        for e in &ci.edges {
            match e {
                Edge::Call(c) => {
                    f.0.update(&[1]);
                    f.text(&c.call);
                    match &c.matches {
                        None => f.u64(0),
                        Some(list) => {
                            f.u64(1 + c.covered.unwrap_or(false) as u64);
                            f.count(list.len());
                            for m in list {
                                f.method(m);
                            }
                        }
                    }
                }
                Edge::Invoke(i) => {
                    f.0.update(&[2]);
                    f.method(&i.invoke);
                    f.text(&i.spec);
                }
                Edge::Instance(i) => {
                    f.0.update(&[3]);
                    f.method(&i.instance);
                    f.text(&i.spec);
                    f.text(i.owner.as_deref().unwrap_or(""));
                    f.world(i.world);
                }
                Edge::InvokeSig(i) => {
                    f.0.update(&[4]);
                    f.text(&i.invokesig);
                    f.method(&i.target);
                    f.text(&i.spec);
                }
                Edge::Binding(b) => {
                    f.0.update(&[5]);
                    f.text(&b.module);
                    f.text(&b.binding);
                }
            }
        }
        let h = hashes(index);
        f.0.update(&h.payload);
        match (&ci.generated, h.generated) {
            (Some(g), Some(hash)) => {
                f.0.update(&[1]);
                f.world(g.world);
                f.0.update(&hash);
            }
            _ => {
                f.0.update(&[0]);
            }
        }
    }
    // A stripped package (SPEC.md §4.6 item 8): what it carries, and what
    // it promises not to.
    if !pkg.stripped.is_empty() {
        f.u64(u64::from(pkg.stripped.0));
    }
    *f.0.finalize().as_bytes()
}
