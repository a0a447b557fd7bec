//! Reading one package section (SPEC.md §4): the part table, validated rkyv
//! access to each part on demand, and decoding back to the owned model.

use uuid::Uuid;

use crate::error::{Error, Result};
use crate::hash::fingerprint::Fingerprint;
use crate::model::root;
use crate::model::{
    AliasDef, Base64, BindingEdge, BuildId, CallEdge, CodeInstance, Dep, Edge, GeneratedSource,
    InstanceEdge, InvokeEdge, InvokeSigEdge, MethodDef, MethodRef, Package, Root, TypeDef,
    TypeKind, World,
};
use crate::spec::archive::{
    edge_flags, edge_kind, instance_flags, method_flags, ArchivedCode, ArchivedDefs,
    ArchivedEdgeRec, ArchivedGenerated, ArchivedMeta, ArchivedMethodRefRec, ArchivedRoots,
    ArchivedSpan,
};
use crate::spec::frame::{align_up, SectionEntry};
use crate::spec::limits;
use crate::spec::parts::{part_name, PART_COUNT, PART_MAGIC};

use super::Window;

/// A package section inside an image.
#[derive(Clone, Copy)]
pub struct PackageView<'a> {
    /// The package uuid (from the section table).
    pub uuid: Uuid,
    /// Its build id: the blake3 of the section, as stored in the table.
    pub build_id: BuildId,
    /// The section's bytes.
    pub bytes: &'a [u8],
    /// The section's offset in its file.
    pub file_offset: u64,
    parts: [(usize, usize); PART_COUNT],
    // The table's checksum of the meta part (SPEC.md §3.2).
    meta_sum: [u8; 8],
}

impl<'a> PackageView<'a> {
    /// Parses the part table of the section `entry` of `file`.
    pub(crate) fn new(file: &'a [u8], entry: &SectionEntry) -> Result<Self> {
        let uuid = Uuid::from_bytes(entry.uuid);
        let section = format!("package {uuid}");
        let err = |msg: String, at: usize| {
            Error::invalid(msg)
                .in_section(section.clone())
                .at(entry.offset + at as u64)
        };
        let w = Window::file(file)
            .window(entry.offset, entry.len)
            .ok_or_else(|| err("section runs past the end of the file".into(), 0))?;
        let bytes = w.bytes();
        if w.array::<4>(0) != Some(PART_MAGIC) {
            return Err(err("missing part table magic PCPK".into(), 0));
        }
        let count = w.u32_at(4).unwrap_or_default();
        if (count as usize) < PART_COUNT || count > limits::MAX_PARTS {
            return Err(err(format!("part count {count} is out of range"), 4));
        }
        let table_end = 8 + 16 * count as usize;
        if table_end > bytes.len() {
            return Err(err("part table runs past the section".into(), 4));
        }
        let mut parts = [(0usize, 0usize); PART_COUNT];
        let mut expected = align_up(table_end as u64);
        for i in 0..count as usize {
            let at = 8 + 16 * i;
            // Inside the part table, checked above.
            let (Some(off), Some(len)) = (w.u64_at(at), w.u64_at(at + 8)) else {
                return Err(err("part table runs past the section".into(), at));
            };
            let name = part_name(i);
            if off != expected {
                return Err(err(
                    format!("{name} part starts at {off:#x}, expected {expected:#x}"),
                    at,
                ));
            }
            let end = off
                .checked_add(len)
                .filter(|&e| e <= bytes.len() as u64 && len <= limits::MAX_PART_LEN)
                .ok_or_else(|| err(format!("{name} part runs past the section"), at + 8))?;
            if let Some(slot) = parts.get_mut(i) {
                *slot = (off as usize, end as usize);
            }
            expected = align_up(end);
        }
        if parts[PART_COUNT - 1].1 as u64 > bytes.len() as u64
            || (count as usize == PART_COUNT && parts[PART_COUNT - 1].1 != bytes.len())
        {
            return Err(err(
                "section does not end where its last part ends".into(),
                0,
            ));
        }
        Ok(PackageView {
            uuid,
            build_id: BuildId(entry.checksum),
            bytes,
            file_offset: entry.offset,
            parts,
            meta_sum: entry.summary,
        })
    }

    /// Checks that the section's bytes still hash to its build id (the
    /// checksum in the section table): readers that turn a whole section
    /// into something else (unpack, merge) must not pass damage on.
    pub fn check_checksum(&self) -> Result<()> {
        if !super::checksum_matches(blake3::hash(self.bytes).as_bytes(), &self.build_id.0) {
            return Err(Error::invalid(format!(
                "package {}: section checksum mismatch (the file is damaged)",
                self.uuid
            ))
            .in_section(self.section_name())
            .at(self.file_offset)
            .with_hint("run pcache verify on this file"));
        }
        Ok(())
    }

    /// A short name for messages.
    pub(crate) fn section_name(&self) -> String {
        format!("package {}", self.uuid)
    }

    /// The bytes of part `i` and their offset in the section (empty, at 0,
    /// for a part this reader does not know).
    pub fn part_bytes(&self, i: usize) -> (&'a [u8], usize) {
        let (start, end) = self.parts.get(i).copied().unwrap_or_default();
        (self.bytes.get(start..end).unwrap_or_default(), start)
    }

    /// The file offset of part `i`.
    fn part_offset(&self, i: usize) -> u64 {
        self.file_offset + self.part_bytes(i).1 as u64
    }

    fn access<T>(&self, i: usize) -> Result<&'a T>
    where
        T: rkyv::Portable
            + for<'b> rkyv::bytecheck::CheckBytes<
                rkyv::api::high::HighValidator<'b, rkyv::rancor::Error>,
            >,
    {
        let (bytes, start) = self.part_bytes(i);
        rkyv::access::<T, rkyv::rancor::Error>(bytes).map_err(|e| {
            Error::invalid(format!("{} part fails validation: {e}", part_name(i)))
                .in_section(self.section_name())
                .at(self.file_offset + start as u64)
        })
    }

    /// Part 0, checked against its checksum in the section table (so a
    /// reader of the meta alone reads nothing unchecked), then validated.
    pub fn meta(&self) -> Result<MetaView<'a>> {
        let (bytes, start) = self.part_bytes(0);
        if !super::checksum_matches(&blake3::hash(bytes).as_bytes()[..8], &self.meta_sum) {
            return Err(
                Error::invalid("meta part checksum mismatch (the file is damaged)")
                    .in_section(self.section_name())
                    .at(self.file_offset + start as u64)
                    .with_hint("run pcache verify on this file"),
            );
        }
        let meta: &ArchivedMeta = self.access(0)?;
        let view = MetaView {
            meta,
            strings: Strings::new(&meta.strings, *self, 0),
        };
        if meta.uuid != *self.uuid.as_bytes() {
            return Err(view.strings.err("uuid differs from the section table's"));
        }
        Ok(view)
    }

    /// Part 1, validated (columns checked for equal length).
    pub fn roots(&self) -> Result<RootsView<'a>> {
        let roots: &ArchivedRoots = self.access(1)?;
        let n = roots.kinds.len();
        if roots.ends.len() != n || roots.fingerprints.len() != n {
            return Err(Error::invalid("root columns have different lengths")
                .in_section(self.section_name())
                .at(self.part_offset(1)));
        }
        Ok(RootsView { roots, pkg: *self })
    }

    /// Part 2, validated.
    pub fn defs(&self) -> Result<(&'a ArchivedDefs, Strings<'a>)> {
        let defs: &ArchivedDefs = self.access(2)?;
        Ok((defs, Strings::new(&defs.strings, *self, 2)))
    }

    /// Part 3, validated.
    pub fn code(&self) -> Result<(&'a ArchivedCode, Strings<'a>)> {
        let code: &ArchivedCode = self.access(3)?;
        Ok((code, Strings::new(&code.strings, *self, 3)))
    }

    /// Part 4, validated.
    pub fn generated(&self) -> Result<&'a ArchivedGenerated> {
        self.access(4)
    }

    /// Decodes the whole package back to the owned model.
    pub fn to_package(&self) -> Result<Package> {
        self.decode(true)
    }

    /// Decodes the package with every payload left empty (what `verify`
    /// needs: it hashes payloads in place).
    pub(crate) fn to_package_without_payloads(self) -> Result<Package> {
        self.decode(false)
    }

    fn decode(&self, payloads: bool) -> Result<Package> {
        let meta = self.meta()?;
        let roots = self.roots()?;
        let (defs, ds) = self.defs()?;
        let (code, cs) = self.code()?;
        let m = meta.meta;
        let deps = m
            .deps
            .iter()
            .map(|d| {
                Ok(Dep {
                    uuid: Uuid::from_bytes(d.uuid),
                    name: meta.strings.get(&d.name)?.to_owned(),
                    build_id: (d.has_build_id.to_native() != 0).then_some(BuildId(d.build_id)),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let roots = (0..roots.len())
            .map(|i| roots.get(i))
            .collect::<Result<Vec<_>>>()?;
        let params = |span: &ArchivedSpan| -> Result<Vec<String>> {
            let list = span_items(&defs.params, span)
                .ok_or_else(|| ds.err("type parameter span out of range"))?;
            list.iter().map(|s| ds.get(s).map(str::to_owned)).collect()
        };
        let types = defs
            .types
            .iter()
            .map(|t| {
                Ok(TypeDef {
                    name: ds.get(&t.name)?.to_owned(),
                    supertype: ds.get(&t.supertype)?.to_owned(),
                    params: params(&t.params)?,
                    kind: TypeKind::from_code(t.kind.to_native())
                        .map_err(|k| ds.err(&format!("unknown type kind {k}")))?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let aliases = defs
            .aliases
            .iter()
            .map(|a| {
                Ok(AliasDef {
                    name: ds.get(&a.name)?.to_owned(),
                    params: params(&a.params)?,
                    body: ds.get(&a.body)?.to_owned(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let methods = defs
            .methods
            .iter()
            .map(|md| {
                let bits = md.nospecialize.to_native();
                let world = md.world.to_native();
                Ok(MethodDef {
                    name: ds.get(&md.name)?.to_owned(),
                    sig: ds.get(&md.sig)?.to_owned(),
                    world: (world != 0).then_some(world),
                    nospecialize: (1..=64u32).filter(|p| bits >> (p - 1) & 1 == 1).collect(),
                    cached_generator: md.flags.to_native() & method_flags::CACHED_GENERATOR != 0,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let generated = self.generated()?;
        let mut sources = generated.entries.iter().peekable();
        let instances = code
            .instances
            .iter()
            .enumerate()
            .map(|(index, ci)| {
                let refs = span_items(&code.root_refs, &ci.roots)
                    .ok_or_else(|| cs.err("root reference span out of range"))?;
                let edges = span_items(&code.edges, &ci.edges)
                    .ok_or_else(|| cs.err("edge span out of range"))?;
                let payload = span_items(&code.payloads, &ci.payload)
                    .ok_or_else(|| cs.err("payload span out of range"))?;
                let edges = edges
                    .iter()
                    .map(|e| decode_edge(code, &cs, e))
                    .collect::<Result<Vec<_>>>()?;
                let generated = match sources.next_if(|g| g.code.to_native() as usize == index) {
                    None => None,
                    Some(g) => {
                        let bytes = span_items(&generated.sources, &g.source).ok_or_else(|| {
                            self.part_err(4, "generated source span out of range")
                        })?;
                        Some(GeneratedSource {
                            world: world(g.min_world.to_native(), g.max_world.to_native()),
                            source: Base64(if payloads { bytes.to_vec() } else { Vec::new() }),
                        })
                    }
                };
                Ok(CodeInstance {
                    method: cs.method_ref(&ci.method)?,
                    spec: cs.get(&ci.spec)?.to_owned(),
                    owner: optional_text(&cs, &ci.owner)?,
                    inferred_only: ci.flags.to_native() & instance_flags::INFERRED_ONLY != 0,
                    world: world(ci.min_world.to_native(), ci.max_world.to_native()),
                    roots: refs.iter().map(|r| r.to_native()).collect(),
                    edges,
                    payload: Base64(if payloads {
                        payload.to_vec()
                    } else {
                        Vec::new()
                    }),
                    generated,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        if let Some(g) = sources.next() {
            return Err(self.part_err(
                4,
                &format!(
                    "generated source for code instance {} is out of order or out of range",
                    g.code.to_native()
                ),
            ));
        }
        Ok(Package {
            uuid: self.uuid,
            name: meta.name()?.to_owned(),
            version: meta.version()?.to_owned(),
            deps,
            roots,
            types,
            aliases,
            methods,
            code: instances,
            stripped: crate::model::Stripped(m.stripped.to_native()),
        })
    }

    /// An error located at the start of part `i`.
    pub(crate) fn part_err(&self, i: usize, msg: &str) -> Error {
        Error::invalid(format!("{} part: {msg}", part_name(i)))
            .in_section(self.section_name())
            .at(self.part_offset(i))
    }
}

/// A world range from its two stored fields.
pub(crate) fn world(min: u64, max: u64) -> World {
    World(min, (max != u64::MAX).then_some(max))
}

/// An optional text: absent when its span is empty.
fn optional_text(strings: &Strings<'_>, span: &ArchivedSpan) -> Result<Option<String>> {
    let text = strings.get(span)?;
    Ok((!text.is_empty()).then(|| text.to_owned()))
}

/// One stored edge, decoded.
pub(crate) fn decode_edge(
    code: &ArchivedCode,
    cs: &Strings<'_>,
    e: &ArchivedEdgeRec,
) -> Result<Edge> {
    let flags = e.flags.to_native();
    Ok(match e.kind.to_native() {
        edge_kind::CALL => Edge::Call(CallEdge {
            call: cs.get(&e.sig)?.to_owned(),
            matches: if flags & edge_flags::MATCHES != 0 {
                Some(
                    span_items(&code.matches, &e.matches)
                        .ok_or_else(|| cs.err("matched-methods span out of range"))?
                        .iter()
                        .map(|m| cs.method_ref(m))
                        .collect::<Result<Vec<_>>>()?,
                )
            } else {
                None
            },
            covered: (flags & edge_flags::MATCHES != 0).then_some(flags & edge_flags::COVERED != 0),
        }),
        edge_kind::INVOKE => Edge::Invoke(InvokeEdge {
            invoke: cs.method_ref(&e.method)?,
            spec: cs.get(&e.sig)?.to_owned(),
        }),
        edge_kind::INSTANCE => Edge::Instance(InstanceEdge {
            instance: cs.method_ref(&e.method)?,
            spec: cs.get(&e.sig)?.to_owned(),
            owner: optional_text(cs, &e.extra)?,
            world: world(e.min_world.to_native(), e.max_world.to_native()),
        }),
        edge_kind::INVOKE_SIG => Edge::InvokeSig(InvokeSigEdge {
            invokesig: cs.get(&e.extra)?.to_owned(),
            target: cs.method_ref(&e.method)?,
            spec: cs.get(&e.sig)?.to_owned(),
        }),
        edge_kind::BINDING => Edge::Binding(BindingEdge {
            binding: cs.get(&e.method.name)?.to_owned(),
            module: cs.get(&e.sig)?.to_owned(),
        }),
        k => return Err(cs.err(&format!("unknown edge kind {k}"))),
    })
}

/// The elements of `v` named by `span` (a span lookup), if in range.
pub(crate) fn span_items<'v, T>(v: &'v [T], span: &ArchivedSpan) -> Option<&'v [T]> {
    let start = span.start.to_native() as usize;
    let end = start.checked_add(span.len.to_native() as usize)?;
    v.get(start..end)
}

/// A part's string pool, with enough context for error messages.
#[derive(Clone, Copy)]
pub struct Strings<'a> {
    bytes: &'a [u8],
    /// The whole pool, when it was checked as UTF-8 in one pass.
    whole: Option<&'a str>,
    pkg: PackageView<'a>,
    part: usize,
}

impl<'a> Strings<'a> {
    fn new(bytes: &'a [u8], pkg: PackageView<'a>, part: usize) -> Self {
        Strings {
            bytes,
            whole: None,
            pkg,
            part,
        }
    }

    /// The same pool, checked as UTF-8 once, so each `get` only checks
    /// its range and character boundaries (for readers of many texts).
    pub(crate) fn checked_once(mut self) -> Self {
        self.whole = std::str::from_utf8(self.bytes).ok();
        self
    }

    /// An error located at this part.
    pub(crate) fn err(&self, msg: &str) -> Error {
        Error::invalid(format!("{} part: {msg}", part_name(self.part)))
            .in_section(self.pkg.section_name())
            .at(self.pkg.part_offset(self.part))
    }

    /// The text a span names, checked for range and UTF-8.
    pub fn get(&self, span: &ArchivedSpan) -> Result<&'a str> {
        if let Some(text) = self.whole.and_then(|w| {
            let start = span.start.to_native() as usize;
            w.get(start..start.checked_add(span.len.to_native() as usize)?)
        }) {
            return Ok(text);
        }
        let bytes =
            span_items(self.bytes, span).ok_or_else(|| self.err("text span out of range"))?;
        std::str::from_utf8(bytes).map_err(|_| self.err("text is not UTF-8"))
    }

    /// A method reference.
    pub(crate) fn method_ref(&self, m: &ArchivedMethodRefRec) -> Result<MethodRef> {
        Ok(MethodRef {
            pkg: Uuid::from_bytes(m.pkg),
            name: self.get(&m.name)?.to_owned(),
            sig: self.get(&m.sig)?.to_owned(),
        })
    }
}

/// The validated meta part.
#[derive(Clone, Copy)]
pub struct MetaView<'a> {
    /// The archived struct.
    pub meta: &'a ArchivedMeta,
    /// Its text.
    pub strings: Strings<'a>,
}

impl<'a> MetaView<'a> {
    /// The package name.
    pub fn name(&self) -> Result<&'a str> {
        self.strings.get(&self.meta.name)
    }

    /// The package version.
    pub fn version(&self) -> Result<&'a str> {
        self.strings.get(&self.meta.version)
    }
}

/// The validated root table.
#[derive(Clone, Copy)]
pub struct RootsView<'a> {
    /// The archived columns.
    pub roots: &'a ArchivedRoots,
    pkg: PackageView<'a>,
}

impl<'a> RootsView<'a> {
    /// Number of roots.
    pub fn len(&self) -> usize {
        self.roots.kinds.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Root i as (kind, encoding), bounds-checked.
    pub fn raw(&self, i: usize) -> Result<(u8, &'a [u8])> {
        let r = self.roots;
        if i >= self.len() {
            return Err(Error::invalid(format!(
                "root index {i} is out of range: the table has {} roots",
                self.len()
            ))
            .in_section(self.pkg.section_name()));
        }
        let end = r.ends.get(i).map_or(0, |e| e.to_native() as usize);
        let start = match i.checked_sub(1) {
            None => 0,
            Some(j) => r.ends.get(j).map_or(0, |e| e.to_native() as usize),
        };
        match (r.data.get(start..end), r.kinds.get(i)) {
            (Some(bytes), Some(&kind)) => Ok((kind, bytes)),
            _ => Err(Error::invalid(format!(
                "roots part: root {i} has a bad range {start}..{end}"
            ))
            .in_section(self.pkg.section_name())
            .at(self.pkg.part_offset(1))),
        }
    }

    /// Hints the cache to load the first byte of root i's encoding (a
    /// no-op when i is out of range).
    pub(crate) fn prefetch_data(&self, i: usize) {
        let r = self.roots;
        let from = if i == 0 {
            Some(0)
        } else {
            r.ends.get(i - 1).map(|e| e.to_native())
        };
        if let Some(b) = from.and_then(|at| r.data.get(at as usize)) {
            crate::hash::fptable::prefetch(b);
        }
    }

    /// Root i's stored fingerprint, if i is in range.
    pub(crate) fn fingerprint(&self, i: usize) -> Option<Fingerprint> {
        self.roots.fingerprints.get(i).copied()
    }

    /// Checks that root i is well-formed, with the errors of `get` but
    /// without decoding it.
    pub(crate) fn check(&self, i: usize) -> Result<(u8, &'a [u8])> {
        let (kind, bytes) = self.raw(i)?;
        root::check(kind, bytes).map_err(|e| {
            Error::invalid(format!("roots part: root {i}: {}", e.message()))
                .in_section(self.pkg.section_name())
                .at(self.pkg.part_offset(1))
        })?;
        Ok((kind, bytes))
    }

    /// Root i decoded.
    pub fn get(&self, i: usize) -> Result<Root> {
        let (kind, bytes) = self.raw(i)?;
        root::decode(kind, bytes).map_err(|e| {
            Error::invalid(format!("roots part: root {i}: {}", e.message()))
                .in_section(self.pkg.section_name())
                .at(self.pkg.part_offset(1))
        })
    }
}
