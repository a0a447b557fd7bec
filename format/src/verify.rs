//! `verify`: every invariant of SPEC.md §9, each failure reported with its
//! section and byte offset. Checking goes on after a problem where the
//! structure allows, so one run lists everything it can.

use std::collections::{HashMap, HashSet};

use uuid::Uuid;

use crate::archive::{edge_kind, Counts};
use crate::error::{Error, Result};
use crate::image::{Image, ImageFile};
use crate::layout::{align_up, SectionEntry};
use crate::model::BuildId;
use crate::package::{slice, PackageView};
use crate::progress::{Progress, Silent};
use crate::root;
use crate::session::{Session, SessionOptions};

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

/// Verifies one file completely.
///
/// ```
/// use pcache_format::{demo, image::ImageFile, pack::image_bytes, verify::verify_file};
/// let mut bytes = image_bytes(&demo::base())?;
/// assert!(verify_file(&ImageFile::from_bytes("ok.pci", &bytes)).problems.is_empty());
/// bytes[300] ^= 1;
/// let report = verify_file(&ImageFile::from_bytes("bad.pci", &bytes));
/// assert!(!report.problems.is_empty());
/// # Ok::<(), pcache_format::Error>(())
/// ```
pub fn verify_file(file: &ImageFile) -> Report {
    verify_file_with(file, &Silent)
}

/// `verify_file`, reporting progress.
pub fn verify_file_with(file: &ImageFile, progress: &dyn Progress) -> Report {
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
    for entry in &image.sections {
        let bytes = &image.bytes[entry.offset as usize..(entry.offset + entry.len) as usize];
        if !cfg!(fuzzing) && *blake3::hash(bytes).as_bytes() != entry.checksum {
            report.problems.push(Problem {
                section: section_name(entry),
                offset: entry.offset,
                message: "checksum mismatch (section damaged)".into(),
            });
        }
        progress.advance(entry.len);
    }
    for view in &image.packages {
        match check_package(view) {
            Ok((name, semantic)) => {
                report
                    .packages
                    .push((view.uuid, name, view.build_id, semantic))
            }
            Err(e) => report.problems.push(e.into()),
        }
    }
    if report.problems.is_empty() && image.is_merged() {
        if let Err(e) = check_index(file) {
            report.problems.push(e.into());
        }
        if let Err(e) = check_invalidations(file) {
            report.problems.push(e.into());
        }
        check_pins(&image, &mut report.problems);
    }
    report
}

fn section_name(entry: &SectionEntry) -> String {
    match entry.kind {
        crate::layout::section_kind::PACKAGE => format!("package {}", Uuid::from_bytes(entry.uuid)),
        crate::layout::section_kind::INDEX => "index".into(),
        crate::layout::section_kind::INVALIDATIONS => "invalidations".into(),
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
        let mut at = 8 + 16 * crate::pack::PART_COUNT;
        for i in 0..crate::pack::PART_COUNT {
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

/// Every per-package rule; returns the package name and semantic id.
fn check_package(view: &PackageView<'_>) -> Result<(String, [u8; 32])> {
    let meta = view.meta()?;
    let name = meta.name()?.to_owned();
    meta.version()?;
    let m = meta.meta;
    let mut prev: Option<[u8; 16]> = None;
    for dep in m.deps.iter() {
        meta.strings.get(&dep.name)?;
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
    let mut seen: HashMap<[u8; 16], usize> = HashMap::with_capacity(roots.len());
    for i in 0..roots.len() {
        let (kind, bytes) = roots.raw(i)?;
        roots.get(i)?;
        if root::fingerprint(kind, bytes) != roots.fingerprint(i) {
            return Err(root_err(
                view,
                &format!("root {i}: stored fingerprint is wrong"),
            ));
        }
        if let Some(j) = seen.insert(roots.fingerprint(i), i) {
            return Err(root_err(
                view,
                &format!("duplicate root: roots {j} and {i} are equal"),
            ));
        }
    }

    // Definitions.
    let (defs, ds) = view.defs()?;
    let mut type_names = HashSet::new();
    for t in defs.types.iter() {
        let name = ds.get(&t.name)?;
        ds.get(&t.supertype)?;
        let params = slice(&defs.params, &t.params)
            .ok_or_else(|| ds.err("type parameter span out of range"))?;
        for p in params {
            ds.get(p)?;
        }
        if !type_names.insert(name) {
            return Err(ds.err(&format!("type {name} is defined twice")));
        }
    }
    let mut methods = HashSet::new();
    for md in defs.methods.iter() {
        let key = (ds.get(&md.name)?, ds.get(&md.sig)?);
        if !methods.insert(key) {
            return Err(ds.err(&format!("method {}{} is defined twice", key.0, key.1)));
        }
    }

    // Code.
    let (code, cs) = view.code()?;
    let (mut at_refs, mut at_edges, mut at_payload) = (0u32, 0u32, 0u32);
    let mut instances = HashSet::new();
    let mut edges = 0u32;
    let mut external = 0u32;
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
        let method = cs.method_ref(&ci.method)?;
        let spec = cs.get(&ci.spec)?;
        external += (method.pkg != view.uuid) as u32;
        let refs = slice(&code.root_refs, &ci.roots).expect("checked above");
        if let Some(bad) = refs.iter().find(|r| r.to_native() as usize >= roots.len()) {
            return Err(cs.err(&format!(
                "code instance {i} ({}) uses root {}, but the table has {} roots",
                method.name,
                bad.to_native(),
                roots.len()
            )));
        }
        for e in slice(&code.edges, &ci.edges).expect("checked above") {
            match e.kind.to_native() {
                edge_kind::CALL => {}
                edge_kind::INVOKE => {
                    cs.method_ref(&e.method)?;
                }
                k => return Err(cs.err(&format!("code instance {i}: unknown edge kind {k}"))),
            }
            cs.get(&e.sig)?;
            edges += 1;
        }
        let (min, max) = (ci.min_world.to_native(), ci.max_world.to_native());
        if max < min {
            return Err(cs.err(&format!(
                "code instance {i}: empty world range [{min}, {max}]"
            )));
        }
        if !instances.insert((method, spec)) {
            return Err(cs.err(&format!("code instance {i} is a duplicate")));
        }
    }
    if (at_refs as usize, at_edges as usize, at_payload as usize)
        != (code.root_refs.len(), code.edges.len(), code.payloads.len())
    {
        return Err(cs.err("code vectors hold entries no instance names"));
    }
    let actual = Counts {
        roots: roots.len() as u32,
        types: defs.types.len() as u32,
        methods: defs.methods.len() as u32,
        code: code.instances.len() as u32,
        edges,
        external_code: external,
    };
    let stored = m.counts.to_native();
    if actual != stored {
        return Err(meta.strings.err(&format!(
            "counts {stored:?} differ from the contents {actual:?}"
        )));
    }
    let pkg = view.to_package()?;
    if crate::semantic::semantic_id(&pkg) != m.semantic_id {
        return Err(meta
            .strings
            .err("stored semantic id differs from the contents"));
    }
    Ok((name, m.semantic_id))
}

fn root_err(view: &PackageView<'_>, msg: &str) -> Error {
    let (_, start) = view.part_bytes(1);
    Error::invalid(format!("roots part: {msg}"))
        .in_section(view.section_name())
        .at(view.file_offset + start as u64)
}

/// The stored index equals the one interning afresh produces.
fn check_index(file: &ImageFile) -> Result<()> {
    let image = file.image()?;
    let entry = *image.index_entry().expect("merged");
    let stored = image.index()?.expect("merged");
    let fresh_files = std::slice::from_ref(file);
    // Interning afresh: load the packages without letting the stored index be used.
    let session = Session::load_interning(fresh_files, SessionOptions::default())
        .map_err(|e| e.in_section("index").at(entry.offset))?;
    let fresh = session.index();
    let stored = stored.to_owned_index();
    let differing = if stored.load_order != fresh.load_order {
        "load order"
    } else if stored.global != fresh.global {
        "global root table"
    } else if stored.reindex_starts != fresh.reindex_starts {
        "reindex vector bounds"
    } else if stored.reindex != fresh.reindex {
        "reindex vectors"
    } else {
        return Ok(());
    };
    Err(Error::invalid(format!(
        "{differing} differs from interning the packages afresh"
    ))
    .in_section("index")
    .at(entry.offset))
}

/// The stored invalidation record equals the analysis run afresh.
fn check_invalidations(file: &ImageFile) -> Result<()> {
    let image = file.image()?;
    let entry = *image.invalidations_entry().expect("merged");
    let stored = image.invalidations()?.expect("merged").to_owned_record();
    let session = Session::load(std::slice::from_ref(file), SessionOptions::default())?;
    let fresh = crate::invalidation::analyze(session.packages(), session.load_order())
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
