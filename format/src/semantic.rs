//! The semantic id of a package (SPEC.md §4.6): a digest of what the package
//! means — its values, not their positions — so that compiling the same
//! things in another order keeps it, and any real change alters it.

use crate::model::{Edge, MethodRef, Package};
use crate::root::RootKey;

/// The derive-key context of semantic ids; never change it within major 1.
pub const SEMANTIC_CONTEXT: &str = "pcache 2026-11 semantic id v1";

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
    fn method(&mut self, m: &MethodRef) {
        self.0.update(m.pkg.as_bytes());
        self.text(&m.name);
        self.text(&m.sig);
    }
}

/// Computes the semantic id of `pkg` (hashing each payload).
pub fn semantic_id(pkg: &Package) -> [u8; 32] {
    semantic_id_with(pkg, |i| *blake3::hash(&pkg.code[i].payload.0).as_bytes())
}

/// Computes the semantic id of `pkg`, taking the blake3 of code instance
/// i's payload from `payload_hash(i)`: `verify` hashes the payloads where
/// they lie in the file instead of copying them into `pkg`.
///
///
/// ```
/// use pcache_format::{demo, semantic::semantic_id};
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
pub fn semantic_id_with(pkg: &Package, payload_hash: impl Fn(usize) -> [u8; 32]) -> [u8; 32] {
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
    }

    let mut methods: Vec<_> = pkg.methods.iter().map(|m| (&m.name, &m.sig)).collect();
    methods.sort();
    f.count(methods.len());
    for (name, sig) in methods {
        f.text(name);
        f.text(sig);
    }

    let mut code: Vec<(usize, &crate::model::CodeInstance)> = pkg.code.iter().enumerate().collect();
    code.sort_by(|(_, a), (_, b)| (&a.method, &a.spec).cmp(&(&b.method, &b.spec)));
    f.count(code.len());
    for (index, ci) in code {
        f.method(&ci.method);
        f.text(&ci.spec);
        f.u64(ci.world.0);
        f.u64(ci.world.1.unwrap_or(u64::MAX));
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
                }
                Edge::Invoke(i) => {
                    f.0.update(&[2]);
                    f.method(&i.invoke);
                    f.text(&i.spec);
                }
            }
        }
        f.0.update(&payload_hash(index));
    }
    *f.0.finalize().as_bytes()
}
