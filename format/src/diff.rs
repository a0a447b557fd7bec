//! Semantic diff of two images (single or merged). Packages are matched by
//! uuid and skipped unread when their build ids match; within a changed
//! package, types, methods and code instances are matched by identity,
//! never by position.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use uuid::Uuid;

use crate::error::Result;
use crate::model::root::{self, RootKey};
use crate::model::{CodeInstance, Edge, Package, Root};
use crate::read::image::ImageFile;
use crate::read::section::PackageView;

/// The whole difference between two images.
#[derive(Debug, Serialize)]
pub struct Diff {
    /// One entry per package that differs, in uuid order.
    pub packages: Vec<PackageDiff>,
    /// Packages present in both with the same build id.
    pub unchanged: usize,
    /// Whether the sections of unchanged packages (and the index and
    /// invalidation record) were hashed: they are skipped unread unless
    /// asked (`DiffOptions::verify`). Changed, added and removed packages
    /// are always checked against their checksums before they are read.
    pub verified: bool,
}

/// How to diff.
#[derive(Debug, Clone, Copy, Default)]
pub struct DiffOptions {
    /// Also hash every section of both images (unchanged packages too).
    pub verify: bool,
}

impl Diff {
    /// Whether the images hold different packages or package bytes.
    pub fn is_empty(&self) -> bool {
        self.packages.is_empty()
    }
}

/// How one package differs.
#[derive(Debug, Serialize)]
pub struct PackageDiff {
    /// Its uuid.
    pub uuid: Uuid,
    /// Its name (in B when present there).
    pub name: String,
    /// `added`, `removed`, `changed` or `equivalent` (same semantic id and
    /// the same dependency pins: only root order differs).
    pub status: &'static str,
    /// What changed (for `changed` and `equivalent`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changes: Option<Changes>,
}

/// What changed within a package present in both images.
#[derive(Debug, Serialize)]
pub struct Changes {
    /// Build ids in A and B.
    pub build_id: [String; 2],
    /// Semantic ids in A and B.
    pub semantic_id: [String; 2],
    /// Versions, when they differ.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<[String; 2]>,
    /// What was stripped from each build (`pcache strip`: names as
    /// `crate::model::stripped::describe` gives them), when it differs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stripped: Option<[String; 2]>,
    /// Dependency changes, one line each.
    pub deps: Vec<String>,
    /// The root tables.
    pub roots: RootsChange,
    /// Types added, removed, changed (by name).
    pub types: ItemChanges,
    /// Methods added and removed (by name and signature).
    pub methods: ItemChanges,
    /// Code instances added, removed, changed (by method and spec).
    pub code: ItemChanges,
}

/// How two root tables relate.
#[derive(Debug, Serialize)]
pub struct RootsChange {
    /// Lengths in A and B.
    pub len: [usize; 2],
    /// `equal`, `growth` (A is a prefix of B), `shrink` (B a prefix of A) or `diverged`.
    pub relation: &'static str,
    /// The first differing index and both whole values (`None` past a
    /// table's end).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_difference: Option<(usize, Option<String>, Option<String>)>,
}

/// Items added, removed and changed, each described in one line.
#[derive(Debug, Default, Serialize)]
pub struct ItemChanges {
    /// Only in B.
    pub added: Vec<String>,
    /// Only in A.
    pub removed: Vec<String>,
    /// In both, different.
    pub changed: Vec<String>,
}

/// Diffs image A against image B.
///
/// ```
/// use pcache_testkit::demo;
/// use pcache_format::diff::{diff_files_with, DiffOptions};
/// use pcache_format::{model::Root, read::image::ImageFile, write::section::image_bytes};
/// let old = demo::blackjack();
/// let mut new = old.clone();
/// new.roots.push(Root::Sym("extra".into()));
/// let a = ImageFile::from_bytes("a.pci", &image_bytes(&old)?);
/// let b = ImageFile::from_bytes("b.pci", &image_bytes(&new)?);
/// let d = diff_files_with(&a, &b, DiffOptions::default())?;
/// assert_eq!(d.packages[0].changes.as_ref().unwrap().roots.relation, "growth");
/// # Ok::<(), pcache_format::Error>(())
/// ```
pub fn diff_files_with(a: &ImageFile, b: &ImageFile, options: DiffOptions) -> Result<Diff> {
    let (ia, ib) = (a.image()?, b.image()?);
    if options.verify {
        ia.check_sections().map_err(|e| e.in_file(a.path()))?;
        ib.check_sections().map_err(|e| e.in_file(b.path()))?;
    }
    let map = |v: &[PackageView<'_>]| -> BTreeMap<Uuid, usize> {
        v.iter().enumerate().map(|(i, p)| (p.uuid, i)).collect()
    };
    let (ma, mb) = (map(&ia.packages), map(&ib.packages));
    let uuids: BTreeSet<Uuid> = ma.keys().chain(mb.keys()).copied().collect();
    let mut packages = Vec::new();
    let mut unchanged = 0;
    for uuid in uuids {
        let pa = ma.get(&uuid).map(|&i| ia.packages[i]);
        let pb = mb.get(&uuid).map(|&i| ib.packages[i]);
        // Only the name of an added or removed package is read: its meta
        // part, which `meta` checks against its summary (SPEC.md §3.2).
        let name = |v: &PackageView<'_>, f: &ImageFile| -> Result<String> {
            Ok(v.meta()
                .map_err(|e| e.in_file(f.path()))?
                .name()?
                .to_owned())
        };
        match (pa, pb) {
            (Some(pa), Some(pb)) if pa.build_id == pb.build_id => unchanged += 1,
            (Some(pa), Some(pb)) => {
                pa.check_checksum().map_err(|e| e.in_file(a.path()))?;
                pb.check_checksum().map_err(|e| e.in_file(b.path()))?;
                let da = pa.to_package().map_err(|e| e.in_file(a.path()))?;
                let db = pb.to_package().map_err(|e| e.in_file(b.path()))?;
                let changes = package_changes(&pa, &pb, &da, &db)?;
                // The semantic id leaves pins out: a pin change is a change.
                let status = if changes.semantic_id[0] == changes.semantic_id[1]
                    && changes.deps.is_empty()
                {
                    "equivalent"
                } else {
                    "changed"
                };
                packages.push(PackageDiff {
                    uuid,
                    name: db.name.clone(),
                    status,
                    changes: Some(changes),
                });
            }
            (Some(pa), None) => packages.push(PackageDiff {
                uuid,
                name: name(&pa, a)?,
                status: "removed",
                changes: None,
            }),
            (None, Some(pb)) => packages.push(PackageDiff {
                uuid,
                name: name(&pb, b)?,
                status: "added",
                changes: None,
            }),
            (None, None) => unreachable!("uuid comes from one of the maps"),
        }
    }
    Ok(Diff {
        packages,
        unchanged,
        verified: options.verify,
    })
}

fn package_changes(
    va: &PackageView<'_>,
    vb: &PackageView<'_>,
    a: &Package,
    b: &Package,
) -> Result<Changes> {
    let sem =
        |v: &PackageView<'_>| -> Result<String> { Ok(hex::encode(v.meta()?.meta.semantic_id)) };
    let stripped = |v: &PackageView<'_>| -> Result<u32> { Ok(v.meta()?.meta.stripped.to_native()) };
    let (sa, sb) = (stripped(va)?, stripped(vb)?);
    Ok(Changes {
        stripped: (sa != sb).then(|| {
            [
                crate::model::stripped::describe(sa),
                crate::model::stripped::describe(sb),
            ]
        }),
        build_id: [va.build_id.to_hex(), vb.build_id.to_hex()],
        semantic_id: [sem(va)?, sem(vb)?],
        version: (a.version != b.version).then(|| [a.version.clone(), b.version.clone()]),
        deps: dep_changes(a, b),
        roots: roots_change(&a.roots, &b.roots),
        types: keyed_changes(type_labels(a), type_labels(b), |x, y| format!("{x} -> {y}")),
        methods: keyed_changes(method_labels(a), method_labels(b), |x, y| {
            format!("{x} -> {y}")
        }),
        code: code_changes(a, b),
    })
}

/// Types and aliases by name (names are unique across both), each with
/// everything that defines it.
fn type_labels(p: &Package) -> impl Iterator<Item = (String, String)> + '_ {
    let types = p.types.iter().map(|t| {
        let kind = t
            .kind
            .map_or(String::new(), |k| format!("{k:?} ").to_lowercase());
        (
            t.name.clone(),
            format!("{kind}{} <: {} {:?}", t.name, t.supertype, t.params),
        )
    });
    let aliases = p.aliases.iter().map(|a| {
        (
            a.name.clone(),
            format!("const {} {:?} = {}", a.name, a.params, a.body),
        )
    });
    types.chain(aliases)
}

/// Methods by (name, sig), with their flags.
fn method_labels(p: &Package) -> impl Iterator<Item = ((String, String), String)> + '_ {
    p.methods.iter().map(|m| {
        let mut label = format!("{} {}", m.name, m.sig);
        if let Some(w) = m.world {
            label += &format!(" world {w}");
        }
        if !m.nospecialize.is_empty() {
            label += &format!(" nospecialize {:?}", m.nospecialize);
        }
        if m.cached_generator {
            label += " cached_generator";
        }
        ((m.name.clone(), m.sig.clone()), label)
    })
}

fn dep_changes(a: &Package, b: &Package) -> Vec<String> {
    let pin = |d: &crate::model::Dep| d.build_id.map_or("unpinned".to_owned(), |b| b.to_hex());
    let ma: BTreeMap<_, _> = a.deps.iter().map(|d| (d.uuid, d)).collect();
    let mb: BTreeMap<_, _> = b.deps.iter().map(|d| (d.uuid, d)).collect();
    let mut out = Vec::new();
    for (u, d) in &ma {
        match mb.get(u) {
            None => out.push(format!("- {} {u}", d.name)),
            Some(e) if d.build_id != e.build_id => {
                out.push(format!("~ {} {u}: pin {} -> {}", d.name, pin(d), pin(e)))
            }
            Some(_) => {}
        }
    }
    for (u, d) in &mb {
        if !ma.contains_key(u) {
            out.push(format!("+ {} {u}", d.name));
        }
    }
    out
}

fn roots_change(a: &[Root], b: &[Root]) -> RootsChange {
    let first = (0..a.len().max(b.len())).find(|&i| a.get(i) != b.get(i));
    let relation = match first {
        None => "equal",
        Some(i) if i == a.len() => "growth",
        Some(i) if i == b.len() => "shrink",
        Some(_) => "diverged",
    };
    RootsChange {
        len: [a.len(), b.len()],
        relation,
        first_difference: first.filter(|_| relation != "growth").map(|i| {
            (
                i,
                a.get(i).map(root::display_full),
                b.get(i).map(root::display_full),
            )
        }),
    }
}

fn keyed_changes<K: Ord>(
    a: impl Iterator<Item = (K, String)>,
    b: impl Iterator<Item = (K, String)>,
    describe: impl Fn(&String, &String) -> String,
) -> ItemChanges {
    let ma: BTreeMap<K, String> = a.collect();
    let mb: BTreeMap<K, String> = b.collect();
    let mut out = ItemChanges::default();
    for (k, x) in &ma {
        match mb.get(k) {
            None => out.removed.push(x.clone()),
            Some(y) if x != y => out.changed.push(describe(x, y)),
            Some(_) => {}
        }
    }
    for (k, y) in &mb {
        if !ma.contains_key(k) {
            out.added.push(y.clone());
        }
    }
    out
}

fn code_changes(a: &Package, b: &Package) -> ItemChanges {
    // Matched by identity without max_world, so that a world range closed
    // by a rebuild shows as a change of the same code instance.
    let key = |c: &CodeInstance| (c.method.clone(), c.spec.clone(), c.owner.clone(), c.world.0);
    let ma: BTreeMap<_, _> = a.code.iter().map(|c| (key(c), c)).collect();
    let mb: BTreeMap<_, _> = b.code.iter().map(|c| (key(c), c)).collect();
    let label = |c: &CodeInstance| {
        let owner = c
            .owner
            .as_ref()
            .map_or(String::new(), |o| format!(" owner {o}"));
        format!(
            "{} {} ({}){owner} from world {}",
            c.method.name, c.spec, c.method.pkg, c.world.0
        )
    };
    let mut out = ItemChanges::default();
    for (k, ca) in &ma {
        match mb.get(k) {
            None => out.removed.push(label(ca)),
            Some(cb) => {
                let what = instance_changes(a, ca, b, cb);
                if !what.is_empty() {
                    out.changed
                        .push(format!("{}: {}", label(ca), what.join("; ")));
                }
            }
        }
    }
    for (k, cb) in &mb {
        if !ma.contains_key(k) {
            out.added.push(label(cb));
        }
    }
    out
}

fn instance_changes(pa: &Package, a: &CodeInstance, pb: &Package, b: &CodeInstance) -> Vec<String> {
    let mut what = Vec::new();
    if a.world != b.world {
        what.push(format!(
            "world {} -> {}",
            world_text(a.world),
            world_text(b.world)
        ));
    }
    if a.inferred_only != b.inferred_only {
        what.push(format!(
            "inferred_only {} -> {}",
            a.inferred_only, b.inferred_only
        ));
    }
    let values = |p: &Package, c: &CodeInstance| -> Vec<Option<RootKey>> {
        c.roots
            .iter()
            .map(|&r| p.roots.get(r as usize).map(RootKey::of))
            .collect()
    };
    if values(pa, a) != values(pb, b) {
        let show = |p: &Package, c: &CodeInstance| {
            c.roots
                .iter()
                .map(|&r| p.roots.get(r as usize).map_or("?".into(), root::display))
                .collect::<Vec<_>>()
                .join(", ")
        };
        what.push(format!("roots [{}] -> [{}]", show(pa, a), show(pb, b)));
    }
    if a.edges != b.edges {
        let show = |c: &CodeInstance| c.edges.iter().map(edge_text).collect::<Vec<_>>().join(", ");
        what.push(format!("edges [{}] -> [{}]", show(a), show(b)));
    }
    let short = |bytes: &[u8]| blake3::hash(bytes).to_hex()[..16].to_owned();
    if a.payload != b.payload {
        what.push(format!(
            "payload {} -> {}",
            short(&a.payload.0),
            short(&b.payload.0)
        ));
    }
    match (&a.generated, &b.generated) {
        (None, None) => {}
        (Some(g), None) => what.push(format!(
            "generated source removed ({} bytes, world {})",
            g.source.0.len(),
            world_text(g.world)
        )),
        (None, Some(g)) => what.push(format!(
            "generated source added ({} bytes, world {})",
            g.source.0.len(),
            world_text(g.world)
        )),
        (Some(x), Some(y)) if x != y => what.push(format!(
            "generated source {} world {} -> {} world {}",
            short(&x.source.0),
            world_text(x.world),
            short(&y.source.0),
            world_text(y.world)
        )),
        _ => {}
    }
    what
}

fn world_text(w: crate::model::World) -> String {
    match w.1 {
        Some(max) => format!("[{}, {max}]", w.0),
        None => format!("[{}, null]", w.0),
    }
}

fn edge_text(e: &Edge) -> String {
    match e {
        Edge::Call(c) => match &c.matches {
            None => format!("call {}", c.call),
            Some(list) => format!(
                "call {} matching [{}]{}",
                c.call,
                list.iter()
                    .map(|m| format!("{} {}", m.name, m.sig))
                    .collect::<Vec<_>>()
                    .join(", "),
                if c.covered == Some(true) {
                    " covered"
                } else {
                    ""
                }
            ),
        },
        Edge::Invoke(i) => format!("invoke {} {}", i.invoke.name, i.spec),
        Edge::Instance(i) => format!(
            "instance {} {}{} {}",
            i.instance.name,
            i.spec,
            i.owner
                .as_ref()
                .map_or(String::new(), |o| format!(" owner {o}")),
            world_text(i.world)
        ),
        Edge::InvokeSig(i) => format!("invoke {} as {} {}", i.target.name, i.invokesig, i.spec),
        Edge::Binding(b) => format!("binding {}.{}", b.module, b.binding),
    }
}
