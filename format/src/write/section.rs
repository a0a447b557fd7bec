//! Writing a package section from the owned model (SPEC.md §4).

use crate::error::{Error, Result};
use crate::hash::fingerprint::fingerprint;
use crate::model::root::RootKey;
use crate::model::{Edge, MethodRef, Package, World};
use crate::spec::archive::{
    self, edge_flags, edge_kind, instance_flags, method_flags, AliasRec, Code, Counts, Defs,
    DepRec, EdgeRec, Generated, GeneratedRec, InstanceRec, Meta, MethodRec, MethodRefRec, Roots,
    Span, StringPool, TypeRec,
};
use crate::spec::frame::{align_up, section_kind};
use crate::spec::limits;
use crate::spec::parts::{PART_MAGIC, PART_NAMES};
use crate::write::frame::{self, OutSection};

/// Builds the bytes of a package section. Validates the package first
/// (including that it carries nothing its `stripped` says it lacks).
pub fn package_section(pkg: &Package) -> Result<Vec<u8>> {
    pkg.validate()?;
    crate::model::decl::check_declarations(pkg, None)?;
    let mut deps: Vec<_> = pkg.deps.iter().collect();
    deps.sort_by_key(|d| d.uuid);

    let mut meta_strings = StringPool::default();
    let mut meta = Meta {
        uuid: *pkg.uuid.as_bytes(),
        semantic_id: crate::hash::semantic::semantic_id(pkg),
        stripped: pkg.stripped.0,
        name: meta_strings.add(&pkg.name),
        version: meta_strings.add(&pkg.version),
        ..Default::default()
    };
    meta.deps = deps
        .iter()
        .map(|d| DepRec {
            uuid: *d.uuid.as_bytes(),
            build_id: d.build_id.map(|b| b.0).unwrap_or([0; 32]),
            name: meta_strings.add(&d.name),
            has_build_id: d.build_id.is_some() as u32,
        })
        .collect();

    let mut roots = Roots::default();
    for root in &pkg.roots {
        let key = RootKey::of(root);
        roots.kinds.push(key.kind);
        roots.data.extend_from_slice(&key.bytes);
        roots.ends.push(to_u32(roots.data.len(), "root data")?);
        roots.fingerprints.push(fingerprint(key.kind, &key.bytes));
    }

    let mut defs_strings = StringPool::default();
    let mut defs = Defs::default();
    for t in &pkg.types {
        let params = params(&mut defs, &mut defs_strings, &t.params)?;
        defs.types.push(TypeRec {
            name: defs_strings.add(&t.name),
            supertype: defs_strings.add(&t.supertype),
            params,
            kind: t.kind.map_or(0, |k| k.code()),
        });
    }
    for a in &pkg.aliases {
        let params = params(&mut defs, &mut defs_strings, &a.params)?;
        defs.aliases.push(AliasRec {
            name: defs_strings.add(&a.name),
            params,
            body: defs_strings.add(&a.body),
        });
    }
    for m in &pkg.methods {
        defs.methods.push(MethodRec {
            name: defs_strings.add(&m.name),
            sig: defs_strings.add(&m.sig),
            world: m.world.unwrap_or(0),
            nospecialize: m
                .nospecialize
                .iter()
                .fold(0u64, |bits, &p| bits | 1u64 << (p - 1)),
            flags: if m.cached_generator {
                method_flags::CACHED_GENERATOR
            } else {
                0
            },
            reserved: 0,
        });
    }
    defs.strings = defs_strings.finish();

    let mut code_strings = StringPool::default();
    let mut code = Code::default();
    let mut generated = Generated::default();
    let mut edge_count = 0u32;
    let mut external = 0u32;
    for (index, ci) in pkg.code.iter().enumerate() {
        let roots_span = span(code.root_refs.len(), ci.roots.len(), "root references")?;
        code.root_refs.extend_from_slice(&ci.roots);
        let edges_span = span(code.edges.len(), ci.edges.len(), "edges")?;
        for edge in &ci.edges {
            let rec = edge_rec(&mut code_strings, &mut code.matches, edge)?;
            code.edges.push(rec);
        }
        edge_count = edge_count
            .checked_add(to_u32(ci.edges.len(), "edges")?)
            .ok_or_else(|| Error::invalid("too many edges"))?;
        external += (ci.method.pkg != pkg.uuid) as u32;
        let payload = span(code.payloads.len(), ci.payload.0.len(), "payloads")?;
        code.payloads.extend_from_slice(&ci.payload.0);
        let (min_world, max_world) = world_fields(ci.world);
        code.instances.push(InstanceRec {
            method: method_ref(&mut code_strings, &ci.method),
            spec: code_strings.add(&ci.spec),
            owner: optional_text(&mut code_strings, ci.owner.as_deref()),
            min_world,
            max_world,
            flags: if ci.inferred_only {
                instance_flags::INFERRED_ONLY
            } else {
                0
            },
            roots: roots_span,
            edges: edges_span,
            payload,
            reserved: 0,
        });
        if let Some(g) = &ci.generated {
            let (min_world, max_world) = world_fields(g.world);
            let source = span(
                generated.sources.len(),
                g.source.0.len(),
                "generated sources",
            )?;
            generated.sources.extend_from_slice(&g.source.0);
            generated.entries.push(GeneratedRec {
                code: to_u32(index, "code instances")?,
                reserved: 0,
                min_world,
                max_world,
                source,
            });
        }
    }
    code.strings = code_strings.finish();

    meta.counts = Counts {
        roots: to_u32(pkg.roots.len(), "roots")?,
        types: to_u32(pkg.types.len(), "types")?,
        aliases: to_u32(pkg.aliases.len(), "aliases")?,
        methods: to_u32(pkg.methods.len(), "methods")?,
        code: to_u32(pkg.code.len(), "code instances")?,
        edges: edge_count,
        external_code: external,
        generated: to_u32(generated.entries.len(), "generated sources")?,
        generated_bytes: to_u32(generated.sources.len(), "generated source bytes")?,
    };
    meta.strings = meta_strings.finish();

    let parts = [
        archive::to_bytes(&meta),
        archive::to_bytes(&roots),
        archive::to_bytes(&defs),
        archive::to_bytes(&code),
        archive::to_bytes(&generated),
    ];
    for (part, name) in parts.iter().zip(PART_NAMES) {
        if part.len() as u64 > limits::MAX_PART_LEN {
            return Err(Error::invalid(format!(
                "package {}: the {name} part would be {} bytes, more than the {} a part may hold",
                pkg.name,
                part.len(),
                limits::MAX_PART_LEN
            )));
        }
    }
    Ok(assemble(
        &parts.iter().map(|p| p.as_slice()).collect::<Vec<_>>(),
    ))
}

/// A single-package image of `pkg`, as bytes.
///
/// ```
/// let bytes = pcache_format::write::section::image_bytes(&pcache_testkit::demo::base())?;
/// assert_eq!(&bytes[..8], b"\x89PCI\r\n\x1a\n");
/// # Ok::<(), pcache_format::Error>(())
/// ```
pub fn image_bytes(pkg: &Package) -> Result<Vec<u8>> {
    let section = package_section(pkg)?;
    let mut out = Vec::with_capacity(section.len() + 256);
    frame::write_image(
        &mut out,
        &[OutSection {
            kind: section_kind::PACKAGE,
            uuid: *pkg.uuid.as_bytes(),
            bytes: &section,
            checksum: *blake3::hash(&section).as_bytes(),
        }],
    )
    .expect("writing to memory cannot fail");
    Ok(out)
}

/// Lays parts out behind a part table.
fn assemble(parts: &[&[u8]]) -> Vec<u8> {
    let table_len = 8 + 16 * parts.len() as u64;
    let mut offsets = Vec::with_capacity(parts.len());
    let mut at = align_up(table_len);
    for p in parts {
        offsets.push(at);
        at = align_up(at + p.len() as u64);
    }
    let total = offsets
        .last()
        .map_or(table_len, |o| o + parts.last().unwrap().len() as u64);
    let mut out = Vec::with_capacity(total as usize);
    out.extend_from_slice(&PART_MAGIC);
    out.extend_from_slice(&(parts.len() as u32).to_le_bytes());
    for (p, o) in parts.iter().zip(&offsets) {
        out.extend_from_slice(&o.to_le_bytes());
        out.extend_from_slice(&(p.len() as u64).to_le_bytes());
    }
    for (p, &o) in parts.iter().zip(&offsets) {
        out.resize(o as usize, 0);
        out.extend_from_slice(p);
    }
    out
}

fn method_ref(pool: &mut StringPool, m: &MethodRef) -> MethodRefRec {
    MethodRefRec {
        pkg: *m.pkg.as_bytes(),
        name: pool.add(&m.name),
        sig: pool.add(&m.sig),
    }
}

/// A world range as its two stored fields (`u64::MAX` for an open end).
pub(crate) fn world_fields(world: World) -> (u64, u64) {
    (world.0, world.1.unwrap_or(u64::MAX))
}

fn params(defs: &mut Defs, pool: &mut StringPool, list: &[String]) -> Result<Span> {
    let at = span(defs.params.len(), list.len(), "type parameters")?;
    defs.params.extend(list.iter().map(|p| pool.add(p)));
    Ok(at)
}

/// An optional text: a zero span when absent (an absent owner is native code).
fn optional_text(pool: &mut StringPool, text: Option<&str>) -> Span {
    text.map_or(Span::default(), |t| pool.add(t))
}

fn edge_rec(
    pool: &mut StringPool,
    matches: &mut Vec<MethodRefRec>,
    edge: &Edge,
) -> Result<EdgeRec> {
    Ok(match edge {
        Edge::Call(c) => {
            let mut flags = 0;
            let mut at = Span::default();
            if let Some(list) = &c.matches {
                flags |= edge_flags::MATCHES;
                if c.covered == Some(true) {
                    flags |= edge_flags::COVERED;
                }
                at = span(matches.len(), list.len(), "matched methods")?;
                for m in list {
                    let r = method_ref(pool, m);
                    matches.push(r);
                }
            }
            EdgeRec {
                kind: edge_kind::CALL,
                sig: pool.add(&c.call),
                matches: at,
                flags,
                ..EdgeRec::default()
            }
        }
        Edge::Invoke(inv) => EdgeRec {
            kind: edge_kind::INVOKE,
            method: method_ref(pool, &inv.invoke),
            sig: pool.add(&inv.spec),
            ..EdgeRec::default()
        },
        Edge::Instance(inst) => {
            let (min_world, max_world) = world_fields(inst.world);
            EdgeRec {
                kind: edge_kind::INSTANCE,
                method: method_ref(pool, &inst.instance),
                sig: pool.add(&inst.spec),
                extra: optional_text(pool, inst.owner.as_deref()),
                min_world,
                max_world,
                ..EdgeRec::default()
            }
        }
        Edge::InvokeSig(inv) => EdgeRec {
            kind: edge_kind::INVOKE_SIG,
            method: method_ref(pool, &inv.target),
            sig: pool.add(&inv.spec),
            extra: pool.add(&inv.invokesig),
            ..EdgeRec::default()
        },
        Edge::Binding(b) => EdgeRec {
            kind: edge_kind::BINDING,
            method: MethodRefRec {
                name: pool.add(&b.binding),
                ..MethodRefRec::default()
            },
            sig: pool.add(&b.module),
            ..EdgeRec::default()
        },
    })
}

fn span(start: usize, len: usize, what: &str) -> Result<Span> {
    Ok(Span {
        start: to_u32(start, what)?,
        len: to_u32(len, what)?,
    })
}

fn to_u32(n: usize, what: &str) -> Result<u32> {
    u32::try_from(n).map_err(|_| Error::invalid(format!("too many {what}: {n}")))
}
