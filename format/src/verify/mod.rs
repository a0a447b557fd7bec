//! `verify`: every invariant of SPEC.md §9, each failure reported with its
//! section and byte offset. Checking goes on after a problem where the
//! structure allows, so one run lists everything it can.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::hash::fingerprint;
use crate::hash::fptable::prefetch;
use crate::model::BuildId;
use crate::progress::{Progress, Silent};
use crate::read::checksum_matches;
use crate::read::image::{Image, ImageFile};
use crate::read::section::{span_items, PackageView};
use crate::session::{LoadedPackage, Session, SessionOptions};
use crate::spec::archive::{
    edge_flags, edge_kind, instance_flags, method_flags, stripped, ArchivedSpan, Counts,
};
use crate::spec::frame::{align_up, SectionEntry};

/// A fast hasher for sets that never reach the disk.
type Fast = foldhash::fast::RandomState;

/// Sections longer than this are hashed with both cores.
const RAYON_HASH_MIN: usize = 1 << 20;

/// blake3 of a section, with rayon for long ones.
fn section_hash(bytes: &[u8]) -> [u8; 32] {
    if bytes.len() >= RAYON_HASH_MIN {
        *blake3::Hasher::new()
            .update_rayon(bytes)
            .finalize()
            .as_bytes()
    } else {
        *blake3::hash(bytes).as_bytes()
    }
}

/// One problem found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The section (`header`, `package <uuid>`, `index`, …).
    pub section: String,
    /// Byte offset in the file.
    pub offset: u64,
    /// What is wrong.
    pub message: String,
}

impl From<Error> for Problem {
    fn from(e: Error) -> Self {
        Problem {
            section: e.section().unwrap_or("file").to_owned(),
            offset: e.offset().unwrap_or(0),
            message: e.message().to_owned(),
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} at offset {:#x}",
            self.section, self.message, self.offset
        )
    }
}

/// What verify found in one file.
#[derive(Debug, Default)]
pub struct Report {
    /// Problems (empty: the file is valid).
    pub problems: Vec<Problem>,
    /// Packages seen: uuid, name, build id, semantic id.
    pub packages: Vec<(Uuid, String, BuildId, [u8; 32])>,
    /// Whether the image is merged.
    pub merged: bool,
}

/// How much `verify` checks (SPEC.md §10).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct VerifyOptions {
    /// Also recompute everything derived: root encodings and fingerprints,
    /// duplicates, semantic ids, the canonical index, the invalidation
    /// record, and every name's resolution. Without it, verify checks
    /// integrity and structure: every checksum, padding, every part's rkyv
    /// validation, ranges, spans, counts, the index's shape and bounds, and
    /// pins, at about the speed of hashing the file.
    pub deep: bool,
}

/// Verifies one file completely (`deep`).
///
/// ```
/// use pcache_testkit::demo;
/// use pcache_format::{read::ImageFile, verify::verify_file, write::section::image_bytes};
/// let mut bytes = image_bytes(&demo::base())?;
/// assert!(verify_file(&ImageFile::from_bytes("ok.pci", &bytes)).problems.is_empty());
/// bytes[300] ^= 1;
/// let report = verify_file(&ImageFile::from_bytes("bad.pci", &bytes));
/// assert!(!report.problems.is_empty());
/// # Ok::<(), pcache_format::Error>(())
/// ```
pub fn verify_file(file: &ImageFile) -> Report {
    verify_file_with(file, VerifyOptions { deep: true }, &Silent)
}

/// Verifies one file as deeply as `options` say, reporting progress.
pub fn verify_file_with(
    file: &ImageFile,
    options: VerifyOptions,
    progress: &dyn Progress,
) -> Report {
    let deep = options.deep;
    progress.phase("verify", file.bytes().len() as u64);
    progress.item(&file.path().display().to_string());
    let mut report = Report::default();
    let image = match Image::parse(file.bytes()) {
        Ok(image) => image,
        Err(e) => {
            report.problems.push(e.into());
            return report;
        }
    };
    report.merged = image.is_merged();
    check_padding(&image, &mut report.problems);
    check_header_flags(&image, &mut report.problems);
    // Both cores: sections are hashed, packages checked and the index
    // checked (speculatively: its answer counts only when nothing else is
    // wrong) all in parallel; results keep section order.
    let ((damaged, checked), canonical) = rayon::join(
        || {
            rayon::join(
                || {
                    image
                        .sections
                        .par_iter()
                        .map(|entry| {
                            let damaged = image.section(entry).map_or(true, |w| {
                                !checksum_matches(&section_hash(w.bytes()), &entry.checksum)
                            });
                            progress.advance(entry.len);
                            damaged
                        })
                        .collect::<Vec<bool>>()
                },
                || {
                    image
                        .packages
                        .par_iter()
                        .map(|view| check_package_section(view, deep))
                        .collect::<Vec<Result<(String, [u8; 32])>>>()
                },
            )
        },
        || image.is_merged() && (!deep || index_is_canonical(file)),
    );
    for (entry, _) in image.sections.iter().zip(&damaged).filter(|(_, &d)| d) {
        report.problems.push(Problem {
            section: section_name(entry),
            offset: entry.offset,
            message: "checksum mismatch (section damaged)".into(),
        });
    }
    // The summaries of the index and the record (a package's is checked by
    // every read of its meta part, in check_package_section).
    for (i, entry) in image.sections.iter().enumerate() {
        if entry.kind == crate::spec::frame::section_kind::PACKAGE {
            continue;
        }
        let bytes = image.section(entry).map(|w| w.bytes()).unwrap_or_default();
        if crate::spec::frame::summary_of(entry.kind, bytes) != entry.summary {
            report.problems.push(Problem {
                section: format!("section table entry {i}"),
                offset: (crate::spec::frame::HEADER_LEN + i * crate::spec::frame::ENTRY_LEN + 72)
                    as u64,
                message: format!(
                    "the summary of the {} section disagrees with the section",
                    section_name(entry)
                ),
            });
        }
    }
    for (view, result) in image.packages.iter().zip(checked) {
        match result {
            Ok((name, semantic)) => {
                report
                    .packages
                    .push((view.uuid, name, view.build_id, semantic))
            }
            Err(e) => report.problems.push(e.into()),
        }
    }
    if report.problems.is_empty() && image.is_merged() {
        if deep {
            // Interning and the analysis: no byte count to show.
            progress.phase("deep", 0);
        }
        let checked = if deep {
            if canonical {
                Ok(())
            } else {
                check_index_by_interning(file)
            }
            .and_then(|()| check_invalidations(file))
        } else {
            check_index_shape(&image).and_then(|()| check_record_shape(&image))
        };
        if let Err(e) = checked {
            report.problems.push(e.into());
        }
        check_pins(&image, &mut report.problems);
    }
    report
}

/// The header's flags are the OR of the packages' stripped bits (SPEC.md §3.1).
fn check_header_flags(image: &Image<'_>, problems: &mut Vec<Problem>) {
    let stored = crate::read::frame::header_flags(image.bytes);
    let packages = image
        .packages
        .iter()
        .filter_map(|v| v.meta().ok())
        .fold(0, |bits, m| bits | m.meta.stripped.to_native());
    if stored != packages {
        problems.push(Problem {
            section: "header".into(),
            offset: 12,
            message: format!(
                "flags {stored:#x} differ from the stripped bits of the packages ({packages:#x})"
            ),
        });
    }
}

fn section_name(entry: &SectionEntry) -> String {
    match entry.kind {
        crate::spec::frame::section_kind::PACKAGE => {
            format!("package {}", Uuid::from_bytes(entry.uuid))
        }
        crate::spec::frame::section_kind::INDEX => "index".into(),
        crate::spec::frame::section_kind::INVALIDATIONS => "invalidations".into(),
        k => format!("section of kind {k}"),
    }
}

fn check_padding(image: &Image<'_>, problems: &mut Vec<Problem>) {
    for entry in &image.sections {
        let end = entry.offset + entry.len;
        let pad = &image.bytes[end as usize..align_up(end) as usize];
        if let Some(i) = pad.iter().position(|&b| b != 0) {
            problems.push(Problem {
                section: section_name(entry),
                offset: end + i as u64,
                message: "padding after the section is not zero".into(),
            });
        }
    }
    for view in &image.packages {
        // Padding between the part table and parts, and between parts.
        let mut at = 8 + 16 * crate::spec::parts::PART_COUNT;
        for i in 0..crate::spec::parts::PART_COUNT {
            let (part, start) = view.part_bytes(i);
            if let Some(j) = view.bytes[at..start].iter().position(|&b| b != 0) {
                problems.push(Problem {
                    section: view.section_name(),
                    offset: view.file_offset + (at + j) as u64,
                    message: "padding between parts is not zero".into(),
                });
            }
            at = start + part.len();
        }
    }
}

/// Every per-package rule (`deep`: also those that recompute); returns
/// the package name and semantic id.
fn check_package_section(view: &PackageView<'_>, deep: bool) -> Result<(String, [u8; 32])> {
    let meta = view.meta()?;
    let name = meta.name()?.to_owned();
    printable(&meta.strings, "name", &name)?;
    printable(&meta.strings, "version", meta.version()?)?;
    let m = meta.meta;
    let stripped_bits = m.stripped.to_native();
    if stripped_bits & !stripped::ALL != 0 {
        return Err(meta.strings.err(&format!(
            "stripped flags {stripped_bits:#x} hold bits this format does not define"
        )));
    }
    let mut prev: Option<[u8; 16]> = None;
    for dep in m.deps.iter() {
        printable(
            &meta.strings,
            "dependency name",
            meta.strings.get(&dep.name)?,
        )?;
        if prev.is_some_and(|p| p >= dep.uuid) {
            return Err(meta
                .strings
                .err("dependencies are not sorted by distinct uuid"));
        }
        if dep.uuid == m.uuid {
            return Err(meta.strings.err("package depends on itself"));
        }
        let pinned = dep.has_build_id.to_native();
        if pinned > 1 || (pinned == 0 && dep.build_id != [0; 32]) {
            return Err(meta.strings.err("malformed dependency build id"));
        }
        prev = Some(dep.uuid);
    }

    // Roots: layout, encodings, fingerprints, no duplicates.
    let roots = view.roots()?;
    let r = roots.roots;
    let mut last = 0u32;
    for (i, end) in r.ends.iter().enumerate() {
        let end = end.to_native();
        if end < last {
            return Err(meta.strings.err(&format!("root {i}: ends go backwards")));
        }
        last = end;
    }
    if last as usize != r.data.len() {
        return Err(meta.strings.err("root ends do not cover the root data"));
    }
    if deep {
        check_roots(view, &roots)?;
    }
    let (defs, ds) = view.defs()?;
    let ds = ds.checked_once();
    let (code, cs) = view.code()?;
    let cs = cs.checked_once();
    let generators = check_defs(defs, &ds, deep)?;
    let edges = check_code(view, code, &cs, roots.len(), deep)?;
    let (generated_count, generated_bytes) = check_generated(view, code, &cs, &generators)?;
    let external = code
        .instances
        .iter()
        .filter(|ci| ci.method.pkg != *view.uuid.as_bytes())
        .count() as u32;
    let actual = Counts {
        roots: roots.len() as u32,
        types: defs.types.len() as u32,
        aliases: defs.aliases.len() as u32,
        methods: defs.methods.len() as u32,
        code: code.instances.len() as u32,
        edges,
        external_code: external,
        generated: generated_count,
        generated_bytes,
    };
    if stripped_bits & stripped::GENERATED != 0 && generated_count != 0 {
        return Err(view.part_err(
            4,
            "the package says its generated sources were stripped, but it carries some",
        ));
    }
    if stripped_bits & stripped::PAYLOADS != 0 && !code.payloads.is_empty() {
        return Err(view.part_err(
            3,
            "the package says its payloads were stripped, but it carries some",
        ));
    }
    let stored = m.counts.to_native();
    if actual != stored {
        let show = |c: &Counts| {
            format!(
                "{} roots, {} types, {} aliases, {} methods, {} code instances, {} edges, {} external, {} generated sources of {} bytes",
                c.roots, c.types, c.aliases, c.methods, c.code, c.edges, c.external_code, c.generated, c.generated_bytes
            )
        };
        return Err(meta.strings.err(&format!(
            "the meta part counts {} but the package holds {}",
            show(&stored),
            show(&actual)
        )));
    }
    if deep {
        let pkg = view.to_package_without_payloads()?;
        let generated = view.generated()?;
        let hashes = |i: usize| {
            let span = &code.instances[i].payload;
            crate::hash::semantic::ContentHashes {
                payload: *blake3::hash(span_items(&code.payloads, span).unwrap_or_default())
                    .as_bytes(),
                generated: generated
                    .entries
                    .iter()
                    .find(|g| g.code.to_native() as usize == i)
                    .map(|g| {
                        *blake3::hash(span_items(&generated.sources, &g.source).unwrap_or_default())
                            .as_bytes()
                    }),
            }
        };
        if crate::hash::semantic::semantic_id_with(&pkg, hashes) != m.semantic_id {
            return Err(meta
                .strings
                .err("stored semantic id differs from the contents"));
        }
    }
    Ok((name, m.semantic_id))
}

/// Names hold no control characters (pack refuses them, SPEC.md §2).
fn printable(strings: &crate::read::section::Strings<'_>, what: &str, text: &str) -> Result<()> {
    match text.chars().find(|c| c.is_control()) {
        Some(c) => Err(strings.err(&format!(
            "{what} {:?} holds the control character {c:?}",
            text
        ))),
        None => Ok(()),
    }
}

/// Root encodings, stored fingerprints and duplicates (deep only).
fn check_roots(view: &PackageView<'_>, roots: &crate::read::section::RootsView<'_>) -> Result<()> {
    let r = roots.roots;
    // Duplicates by stored fingerprint, in one pass of a flat table; the
    // first repeat is reported where a root-by-root loop would report it.
    let duplicate = crate::hash::fptable::first_duplicate(&r.fingerprints);
    let stop = duplicate.map_or(roots.len(), |(_, i)| i);
    // In blocks, so short roots are fingerprinted several at a time; the
    // first problem in root order is still the one reported.
    const BLOCK: usize = 256;
    let mut inputs = Vec::with_capacity(BLOCK);
    let mut fps = Vec::with_capacity(BLOCK);
    for start in (0..stop).step_by(BLOCK) {
        let end = (start + BLOCK).min(stop);
        inputs.clear();
        fps.clear();
        let mut malformed = None;
        for i in start..end {
            match roots.check(i) {
                Ok(input) => inputs.push(input),
                Err(e) => {
                    malformed = Some(e);
                    break;
                }
            }
        }
        fingerprint::fingerprint_many(&inputs, &mut fps);
        for (k, fp) in fps.iter().enumerate() {
            let i = start + k;
            if Some(*fp) != roots.fingerprint(i) {
                return Err(root_err(
                    view,
                    &format!("root {i}: stored fingerprint is wrong"),
                ));
            }
        }
        if let Some(e) = malformed {
            return Err(e);
        }
    }
    if let Some((j, i)) = duplicate {
        // Root i itself must be well-formed with a correct fingerprint first.
        let (kind, bytes) = roots.check(i)?;
        if Some(fingerprint::fingerprint(kind, bytes)) != roots.fingerprint(i) {
            return Err(root_err(
                view,
                &format!("root {i}: stored fingerprint is wrong"),
            ));
        }
        return Err(root_err(
            view,
            &format!("duplicate root: roots {j} and {i} are equal"),
        ));
    }
    Ok(())
}

/// Types, aliases and methods: every text readable, kinds and flags
/// defined, no duplicates (deep). Returns the (name, sig) of the methods
/// whose generator opted in to caching.
fn check_defs<'a>(
    defs: &'a crate::spec::archive::ArchivedDefs,
    ds: &crate::read::section::Strings<'a>,
    deep: bool,
) -> Result<HashSet<(&'a str, &'a str), Fast>> {
    let params = |span: &ArchivedSpan| -> Result<()> {
        for p in span_items(&defs.params, span)
            .ok_or_else(|| ds.err("type parameter span out of range"))?
        {
            ds.get(p)?;
        }
        Ok(())
    };
    let mut type_names = HashSet::with_hasher(Fast::default());
    for t in defs.types.iter() {
        let name = ds.get(&t.name)?;
        printable(ds, "type name", name)?;
        ds.get(&t.supertype)?;
        params(&t.params)?;
        if let Err(k) = crate::model::TypeKind::from_code(t.kind.to_native()) {
            return Err(ds.err(&format!("type {name}: unknown kind {k}")));
        }
        if deep && !type_names.insert(name) {
            return Err(ds.err(&format!("type {name} is defined twice")));
        }
    }
    for a in defs.aliases.iter() {
        let name = ds.get(&a.name)?;
        printable(ds, "alias name", name)?;
        ds.get(&a.body)?;
        params(&a.params)?;
        if deep && !type_names.insert(name) {
            return Err(ds.err(&format!("type or alias {name} is defined twice")));
        }
    }
    let mut methods = HashSet::with_hasher(Fast::default());
    let mut generators = HashSet::with_hasher(Fast::default());
    for md in defs.methods.iter() {
        let key = (ds.get(&md.name)?, ds.get(&md.sig)?);
        printable(ds, "method name", key.0)?;
        let flags = md.flags.to_native();
        if flags & !method_flags::CACHED_GENERATOR != 0 || md.reserved.to_native() != 0 {
            return Err(ds.err(&format!(
                "method {}{}: flags {flags:#x} or its reserved field hold bits this format does not define",
                key.0, key.1
            )));
        }
        if flags & method_flags::CACHED_GENERATOR != 0 {
            generators.insert(key);
        }
        if deep && !methods.insert(key) {
            return Err(ds.err(&format!("method {}{} is defined twice", key.0, key.1)));
        }
    }
    Ok(generators)
}

/// Generated sources: by strictly increasing code index, contiguous
/// sources, non-empty world ranges, only for code instances of this
/// package's methods whose generator opted in. Returns (count, bytes).
fn check_generated(
    view: &PackageView<'_>,
    code: &crate::spec::archive::ArchivedCode,
    cs: &crate::read::section::Strings<'_>,
    generators: &HashSet<(&str, &str), Fast>,
) -> Result<(u32, u32)> {
    let generated = view.generated()?;
    let err = |msg: String| view.part_err(4, &msg);
    let mut at = 0u32;
    let mut prev: Option<u32> = None;
    for g in generated.entries.iter() {
        let c = g.code.to_native();
        if prev.is_some_and(|p| p >= c) {
            return Err(err(format!(
                "generated source for code instance {c} is out of order"
            )));
        }
        prev = Some(c);
        let Some(ci) = code.instances.get(c as usize) else {
            return Err(err(format!(
                "generated source for code instance {c}, but the package has {}",
                code.instances.len()
            )));
        };
        let own = ci.method.pkg == *view.uuid.as_bytes()
            && generators.contains(&(cs.get(&ci.method.name)?, cs.get(&ci.method.sig)?));
        if !own {
            return Err(err(format!(
                "code instance {c} carries a generated source, but its method is not one of this package's methods marked as a caching generator"
            )));
        }
        if g.reserved.to_native() != 0 {
            return Err(err(format!(
                "generated source {c}: reserved field is not zero"
            )));
        }
        let (min, max) = (g.min_world.to_native(), g.max_world.to_native());
        if max < min {
            return Err(err(format!(
                "generated source {c}: empty world range [{min}, {max}]"
            )));
        }
        let start = g.source.start.to_native();
        let len = g.source.len.to_native();
        if start != at || start as u64 + len as u64 > generated.sources.len() as u64 {
            return Err(err(format!("generated source {c}: span is not contiguous")));
        }
        at += len;
    }
    if at as usize != generated.sources.len() {
        return Err(err("source bytes no entry names".into()));
    }
    Ok((generated.entries.len() as u32, at))
}

/// Code instances: contiguous spans, root references in range, edge kinds,
/// texts, world ranges; no duplicates (deep). Returns the number of edges.
fn check_code(
    view: &PackageView<'_>,
    code: &crate::spec::archive::ArchivedCode,
    cs: &crate::read::section::Strings<'_>,
    roots: usize,
    deep: bool,
) -> Result<u32> {
    let (mut at_refs, mut at_edges, mut at_payload, mut at_matches) = (0u32, 0u32, 0u32, 0u32);
    let mut instances = HashSet::with_capacity_and_hasher(
        if deep { code.instances.len() } else { 0 },
        Fast::default(),
    );
    let mut edges = 0u32;
    for (i, ci) in code.instances.iter().enumerate() {
        for (span, at, total, what) in [
            (
                &ci.roots,
                &mut at_refs,
                code.root_refs.len(),
                "root reference",
            ),
            (&ci.edges, &mut at_edges, code.edges.len(), "edge"),
            (&ci.payload, &mut at_payload, code.payloads.len(), "payload"),
        ] {
            let start = span.start.to_native();
            if start != *at || (start as u64 + span.len.to_native() as u64) > total as u64 {
                return Err(cs.err(&format!("code instance {i}: {what} span is not contiguous")));
            }
            *at += span.len.to_native();
        }
        let method_name = cs.get(&ci.method.name)?;
        printable(cs, "method name", method_name)?;
        let method_sig = cs.get(&ci.method.sig)?;
        let spec = cs.get(&ci.spec)?;
        let owner = cs.get(&ci.owner)?;
        printable(cs, "owner", owner)?;
        if ci.flags.to_native() & !instance_flags::INFERRED_ONLY != 0
            || ci.reserved.to_native() != 0
        {
            return Err(cs.err(&format!(
                "code instance {i}: flags or reserved field hold bits this format does not define"
            )));
        }
        let refs = span_items(&code.root_refs, &ci.roots).expect("checked above");
        if let Some(bad) = refs.iter().find(|r| r.to_native() as usize >= roots) {
            return Err(cs.err(&format!(
                "code instance {i} ({}) uses root {}, but the table has {} roots",
                method_name,
                bad.to_native(),
                roots
            )));
        }
        for (k, e) in span_items(&code.edges, &ci.edges)
            .expect("checked above")
            .iter()
            .enumerate()
        {
            check_edge(code, cs, e, &mut at_matches)
                .map_err(|msg| cs.err(&format!("code instance {i} edge {k}: {msg}")))?;
            edges += 1;
        }
        let (min, max) = (ci.min_world.to_native(), ci.max_world.to_native());
        if max < min {
            return Err(cs.err(&format!(
                "code instance {i}: empty world range [{min}, {max}]"
            )));
        }
        if deep
            && !instances.insert((
                ci.method.pkg,
                method_name,
                method_sig,
                spec,
                owner,
                min,
                max,
            ))
        {
            return Err(cs.err(&format!("code instance {i} is a duplicate")));
        }
    }
    if (
        at_refs as usize,
        at_edges as usize,
        at_payload as usize,
        at_matches as usize,
    ) != (
        code.root_refs.len(),
        code.edges.len(),
        code.payloads.len(),
        code.matches.len(),
    ) {
        return Err(cs.err("code vectors hold entries no instance names"));
    }
    let _ = view;
    Ok(edges)
}

/// One edge: a known kind, its texts readable, the fields its kind does not
/// use zero, matched-method spans contiguous in edge order.
fn check_edge(
    code: &crate::spec::archive::ArchivedCode,
    cs: &crate::read::section::Strings<'_>,
    e: &crate::spec::archive::ArchivedEdgeRec,
    at_matches: &mut u32,
) -> std::result::Result<(), String> {
    let text = |span: &ArchivedSpan| {
        cs.get(span)
            .map(|_| ())
            .map_err(|e| e.message().to_string())
    };
    let zero = |span: &ArchivedSpan| span.start.to_native() == 0 && span.len.to_native() == 0;
    let flags = e.flags.to_native();
    let kind = e.kind.to_native();
    let method_used = matches!(
        kind,
        edge_kind::INVOKE | edge_kind::INSTANCE | edge_kind::INVOKE_SIG
    );
    let unused_ok = (kind == edge_kind::CALL || (zero(&e.matches) && flags == 0))
        && (matches!(kind, edge_kind::INSTANCE | edge_kind::INVOKE_SIG) || zero(&e.extra))
        && (kind == edge_kind::INSTANCE
            || (e.min_world.to_native() == 0 && e.max_world.to_native() == 0))
        && (method_used
            || (e.method.pkg == [0; 16]
                && zero(&e.method.sig)
                && (kind == edge_kind::BINDING || zero(&e.method.name))));
    if !(1..=5).contains(&kind) {
        return Err(format!("unknown edge kind {kind}"));
    }
    if !unused_ok {
        return Err("a field this kind of edge does not use is not zero".into());
    }
    text(&e.sig)?;
    text(&e.extra)?;
    text(&e.method.name)?;
    text(&e.method.sig)?;
    match kind {
        edge_kind::CALL => {
            if flags & !(edge_flags::MATCHES | edge_flags::COVERED) != 0
                || (flags & edge_flags::MATCHES == 0 && (flags != 0 || !zero(&e.matches)))
            {
                return Err(format!("call edge flags {flags:#x} are malformed"));
            }
            if flags & edge_flags::MATCHES != 0 {
                let start = e.matches.start.to_native();
                let Some(list) =
                    span_items(&code.matches, &e.matches).filter(|_| start == *at_matches)
                else {
                    return Err("matched-methods span is not contiguous".into());
                };
                for m in list {
                    text(&m.name)?;
                    text(&m.sig)?;
                }
                *at_matches += e.matches.len.to_native();
            }
        }
        edge_kind::INSTANCE => {
            let (min, max) = (e.min_world.to_native(), e.max_world.to_native());
            if max < min {
                return Err(format!("callee world range [{min}, {max}] is empty"));
            }
        }
        _ => {}
    }
    Ok(())
}

fn root_err(view: &PackageView<'_>, msg: &str) -> Error {
    let (_, start) = view.part_bytes(1);
    Error::invalid(format!("roots part: {msg}"))
        .in_section(view.section_name())
        .at(view.file_offset + start as u64)
}

/// The stored index must equal the one interning afresh produces. This fast
/// parallel check proves equality without interning; when it finds anything
/// wrong, interning afresh and comparing names the first difference.
///
/// Whether the stored index is exactly what interning produces, without
/// interning: with the root tables already verified (fingerprints correct,
/// no duplicates within a package), the stored index is canonical iff
/// 1. load order and vector bounds are the canonical ones;
/// 2. global entries name real roots, in strictly increasing load position,
///    and each one's own reindex entry points back at it;
/// 3. global values are distinct (by fingerprint: verified fingerprints of
///    equal values are equal, so distinct fingerprints mean distinct values);
/// 4. every root maps to itself or to an earlier root of equal value
///    (encodings compared).
///
/// Then each value's global entry is its first occurrence, so global table
/// and reindex vectors equal interning's. Packages are checked in parallel.
fn index_is_canonical(file: &ImageFile) -> bool {
    let Ok(image) = file.image() else {
        return false;
    };
    let Ok(Some(ix)) = image.index() else {
        return false;
    };
    let mut packages = Vec::with_capacity(image.packages.len());
    for view in &image.packages {
        let Ok(loaded) = LoadedPackage::new(view, 0) else {
            return false;
        };
        packages.push(loaded);
    }
    let Ok(order) = crate::session::load_order(&packages) else {
        return false;
    };
    let n = packages.len();
    // 1. Load order and bounds.
    if ix.load_order.len() != n
        || ix
            .load_order
            .iter()
            .zip(&order)
            .any(|(a, b)| a.to_native() != *b)
    {
        return false;
    }
    let starts: Vec<usize> = ix
        .reindex_starts
        .iter()
        .map(|v| v.to_native() as usize)
        .collect();
    if starts.len() != n + 1 || starts[0] != 0 || starts[n] != ix.reindex.len() {
        return false;
    }
    if (0..n)
        .any(|p| starts[p + 1] < starts[p] || starts[p + 1] - starts[p] != packages[p].roots.len())
    {
        return false;
    }
    let mut pos = vec![0u32; n];
    for (k, &p) in order.iter().enumerate() {
        pos[p as usize] = k as u32;
    }
    let reindex = &ix.reindex;
    let global = &ix.global;
    // 2. Global entries: real roots, increasing load position, self-mapped.
    let mut last: Option<(u32, u32)> = None;
    for (g, r) in global.iter().enumerate() {
        let (q, j) = (r.package.to_native() as usize, r.index.to_native() as usize);
        if q >= n || j >= packages[q].roots.len() {
            return false;
        }
        let key = (pos[q], j as u32);
        if last.is_some_and(|l| l >= key) || reindex[starts[q] + j].to_native() as usize != g {
            return false;
        }
        last = Some(key);
    }
    // 3. Distinct global values: split by one fingerprint bit, both halves
    // in parallel (equal values have equal fingerprints, so land in one half).
    let global_fps: Vec<fingerprint::Fingerprint> = global
        .as_slice()
        .par_iter()
        .map(|r| {
            packages[r.package.to_native() as usize]
                .roots
                .fingerprint(r.index.to_native() as usize)
                .expect("in range: checked above")
        })
        .collect();
    let distinct = (0..2u8).into_par_iter().all(|half| {
        let fps: Vec<fingerprint::Fingerprint> = global_fps
            .iter()
            .filter(|f| f[15] & 1 == half)
            .copied()
            .collect();
        crate::hash::fptable::first_duplicate(&fps).is_none()
    });
    drop(global_fps);
    if !distinct {
        return false;
    }
    // 4. Every root maps to itself or to an earlier equal root. In batches:
    // fetch the global entries, then the ends, then the bytes of the first
    // occurrences, so the cache misses of a batch overlap.
    (0..n).into_par_iter().all(|p| {
        let roots = &packages[p].roots;
        let local = &reindex[starts[p]..starts[p + 1]];
        const BATCH: usize = 64;
        let mut firsts = [(0usize, 0usize); BATCH];
        local.chunks(BATCH).enumerate().all(|(c, chunk)| {
            for g in chunk {
                if let Some(r) = global.get(g.to_native() as usize) {
                    prefetch(r);
                }
            }
            for (f, g) in firsts.iter_mut().zip(chunk) {
                *f = global
                    .get(g.to_native() as usize)
                    .map_or((usize::MAX, 0), |r| {
                        (r.package.to_native() as usize, r.index.to_native() as usize)
                    });
                if let Some(e) = packages.get(f.0).and_then(|q| q.roots.roots.ends.get(f.1)) {
                    prefetch(e);
                }
            }
            for &(q, j) in &firsts[..chunk.len()] {
                if let Some(q) = packages.get(q) {
                    q.roots.prefetch_data(j);
                }
            }
            firsts[..chunk.len()]
                .iter()
                .enumerate()
                .all(|(k, &(q, j))| {
                    let i = c * BATCH + k;
                    if q == usize::MAX {
                        return false;
                    }
                    if q == p && j == i {
                        return true;
                    }
                    // Equal encodings; the fingerprints, verified against the
                    // encodings, are then equal too.
                    (pos[q], j as u32) < (pos[p], i as u32)
                        && matches!(
                            (packages[q].roots.raw(j), roots.raw(i)),
                            (Ok(a), Ok(b)) if a == b
                        )
                })
        })
    })
}

/// The stored index compared with interning afresh, naming the first difference.
fn check_index_by_interning(file: &ImageFile) -> Result<()> {
    let image = file.image()?;
    let entry = *image.index_entry().expect("merged");
    let stored = image.index()?.expect("merged");
    let fresh_files = std::slice::from_ref(file);
    // Interning afresh: load the packages without letting the stored index be used.
    let session = Session::load_interning(fresh_files, SessionOptions::default())
        .map_err(|e| e.in_section("index").at(entry.offset))?;
    let fresh = session.index();
    let stored = stored.to_owned_index();
    let Some(differing) = crate::session::index_difference(&stored, &fresh) else {
        return Ok(());
    };
    Err(Error::invalid(format!(
        "{differing} differs from interning the packages afresh"
    ))
    .in_section("index")
    .at(entry.offset))
}

/// The index's shape: canonical load order and vector bounds, every global
/// entry naming a real root, every reindex entry naming a global entry.
fn check_index_shape(image: &Image<'_>) -> Result<()> {
    let entry = *image.index_entry().expect("merged");
    let ix = image.index()?.expect("merged");
    let at = |e: Error| e.in_section("index").at(entry.offset);
    let mut packages = Vec::with_capacity(image.packages.len());
    for view in &image.packages {
        packages.push(LoadedPackage::new(view, 0)?);
    }
    let order = crate::session::load_order(&packages).map_err(at)?;
    crate::session::check_index_bounds(ix, &packages, &order).map_err(at)?;
    let global = ix.global.len() as u32;
    let bad_reindex = first_where(&ix.reindex, |g| g.to_native() >= global);
    if let Some(i) = bad_reindex {
        return Err(at(Error::invalid(format!(
            "reindex entry {i} names global root {}, but there are {global}",
            ix.reindex[i].to_native()
        ))));
    }
    let lens: Vec<u32> = packages.iter().map(|p| p.roots.len() as u32).collect();
    let bad_global = first_where(&ix.global, |g| {
        lens.get(g.package.to_native() as usize)
            .is_none_or(|&len| g.index.to_native() >= len)
    });
    if let Some(i) = bad_global {
        return Err(at(Error::invalid(format!(
            "global root {i} names no root of a package in the image"
        ))));
    }
    Ok(())
}

/// The first index where `bad` holds, scanning blocks on both cores with
/// a plain loop each (which the compiler vectorizes).
fn first_where<T: Sync>(items: &[T], bad: impl Fn(&T) -> bool + Sync) -> Option<usize> {
    const BLOCK: usize = 1 << 16;
    let block = items
        .par_chunks(BLOCK)
        .position_first(|chunk| chunk.iter().fold(false, |any, x| any | bad(x)))?;
    let start = block * BLOCK;
    items[start..].iter().position(bad).map(|i| start + i)
}

/// The invalidation record's shape: analyzed packages and entries name
/// packages and code instances of the image, causes name real ones.
fn check_record_shape(image: &Image<'_>) -> Result<()> {
    let entry = *image.invalidations_entry().expect("merged");
    let record = image.invalidations()?.expect("merged");
    let bad = |msg: String| {
        Error::invalid(msg)
            .in_section("invalidations")
            .at(entry.offset)
    };
    let n = image.packages.len();
    if let Some(p) = record.analyzed.iter().find(|p| p.to_native() as usize >= n) {
        return Err(bad(format!(
            "analyzed package {} is not in the image",
            p.to_native()
        )));
    }
    let code_count = |p: u32| -> Result<usize> {
        Ok(image.packages[p as usize]
            .meta()?
            .meta
            .counts
            .code
            .to_native() as usize)
    };
    for (i, e) in record.entries.iter().enumerate() {
        let (p, cp) = (e.package.to_native(), e.cause_package.to_native());
        if p as usize >= n || cp as usize >= n || e.code.to_native() as usize >= code_count(p)? {
            return Err(bad(format!(
                "entry {i} names no code instance of the image"
            )));
        }
    }
    Ok(())
}

/// The stored invalidation record equals the analysis run afresh.
fn check_invalidations(file: &ImageFile) -> Result<()> {
    let image = file.image()?;
    let entry = *image.invalidations_entry().expect("merged");
    let stored = image.invalidations()?.expect("merged").to_owned_record();
    let session = Session::load(std::slice::from_ref(file), SessionOptions::default())?;
    let fresh = crate::invalidation::analyze_whole(session.packages(), session.load_order())
        .map_err(|e| e.in_section("invalidations").at(entry.offset))?;
    if stored != fresh.record {
        return Err(Error::invalid(
            "stored invalidation record differs from analyzing the packages afresh",
        )
        .in_section("invalidations")
        .at(entry.offset));
    }
    Ok(())
}

fn check_pins(image: &Image<'_>, problems: &mut Vec<Problem>) {
    let present: HashMap<Uuid, BuildId> = image
        .packages
        .iter()
        .map(|p| (p.uuid, p.build_id))
        .collect();
    problems.extend(pin_problems(image, &present));
}

/// Pinned dependency build ids that differ from the present package's.
pub fn pin_problems(image: &Image<'_>, present: &HashMap<Uuid, BuildId>) -> Vec<Problem> {
    let mut out = Vec::new();
    for view in &image.packages {
        let Ok(meta) = view.meta() else { continue };
        for dep in meta.meta.deps.iter() {
            let uuid = Uuid::from_bytes(dep.uuid);
            if dep.has_build_id.to_native() == 0 {
                continue;
            }
            if let Some(b) = present.get(&uuid) {
                if b.0 != dep.build_id {
                    out.push(Problem {
                        section: view.section_name(),
                        offset: view.file_offset,
                        message: format!(
                            "stale: compiled against {} build {}, but the present one is build {}",
                            meta.strings.get(&dep.name).unwrap_or("?"),
                            hex::encode(dep.build_id),
                            b
                        ),
                    });
                }
            }
        }
    }
    out
}
