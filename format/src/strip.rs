//! Removing optional data from an image (`pcache strip`, SPEC.md §4.2):
//! generated sources, the payloads of code instances the invalidation
//! analysis closed, or every payload. Each package section is re-packed from
//! its decoded package with the data removed and its `meta.stripped` bits
//! set; a merged image is then merged afresh from the stripped sections, so
//! its index, invalidation record and header are the canonical ones.
//!
//! ```
//! use pcache_format::{demo, image::ImageFile, pack, strip, verify};
//! let bytes = pack::image_bytes(&demo::blackjack())?;
//! let file = ImageFile::from_bytes("Blackjack.pci", &bytes);
//! let options = strip::StripOptions { payloads: true, ..Default::default() };
//! let (stripped, report) = strip::strip_image(&file, options)?;
//! assert!(report.packages[0].payload_bytes > 0);
//! let out = ImageFile::from_bytes("lean.pci", &stripped);
//! assert!(verify::verify_file(&out).problems.is_empty());
//! # Ok::<(), pcache_format::Error>(())
//! ```

use std::collections::HashMap;

use uuid::Uuid;

use crate::archive::stripped;
use crate::error::{Error, Result};
use crate::image::ImageFile;
use crate::layout::{self, section_kind, OutSection};
use crate::model::{BuildId, Package};
use crate::session::{Session, SessionOptions};

/// What to remove.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StripOptions {
    /// Generated sources (part 4).
    pub generated: bool,
    /// Payloads of the code instances the invalidation record closes
    /// (merged images only).
    pub invalidated: bool,
    /// Every payload.
    pub payloads: bool,
}

impl StripOptions {
    /// The `archive::stripped` bits these options set.
    pub fn bits(&self) -> u32 {
        (self.generated as u32 * stripped::GENERATED)
            | (self.invalidated as u32 * stripped::INVALIDATED)
            | (self.payloads as u32 * stripped::PAYLOADS)
    }
}

/// What was removed from one package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageStrip {
    /// The package uuid.
    pub uuid: Uuid,
    /// Its name.
    pub name: String,
    /// Generated sources removed.
    pub generated: usize,
    /// Their bytes.
    pub generated_bytes: u64,
    /// Non-empty payloads removed.
    pub payloads: usize,
    /// Their bytes.
    pub payload_bytes: u64,
    /// The stripped bits of the package before.
    pub before: u32,
    /// The stripped bits of the package after.
    pub after: u32,
}

/// What `strip_image` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StripReport {
    /// Whether the image is merged.
    pub merged: bool,
    /// Per package, in section order.
    pub packages: Vec<PackageStrip>,
    /// Bytes of the input image.
    pub bytes_before: u64,
    /// Bytes of the output image.
    pub bytes_after: u64,
}

/// The stripped bits with what they imply: all payloads stripped implies
/// the invalidated ones are too.
pub fn effective_stripped(bits: u32) -> u32 {
    if bits & stripped::PAYLOADS != 0 {
        bits | stripped::INVALIDATED
    } else {
        bits
    }
}

/// Whether a package stripped of `a` carries everything one stripped of
/// `b` carries.
pub fn carries_all_of(a: u32, b: u32) -> bool {
    effective_stripped(a) & !effective_stripped(b) == 0
}

/// The names of stripped bits, for messages: `generated, payloads`, or
/// `nothing`.
pub fn describe(bits: u32) -> String {
    let names: Vec<&str> = [
        (stripped::GENERATED, "generated"),
        (stripped::INVALIDATED, "invalidated"),
        (stripped::PAYLOADS, "payloads"),
    ]
    .iter()
    .filter(|(b, _)| bits & b != 0)
    .map(|(_, n)| *n)
    .collect();
    if names.is_empty() {
        "nothing".into()
    } else {
        names.join(", ")
    }
}

/// The first thing two builds of one package disagree on among what both
/// carry, or `None` (SPEC.md §7). `a_bits` and `b_bits` are their stripped
/// bits: a payload counts as carried unless the package's payloads were
/// stripped, or its invalidated ones were and the payload is empty; a
/// generated source unless the package's generated sources were stripped.
/// Pinned dependency build ids are not compared (a stripped dependency is
/// another build; the pin check of the merge decides).
pub fn first_disagreement(a: &Package, a_bits: u32, b: &Package, b_bits: u32) -> Option<String> {
    if a.uuid != b.uuid || a.name != b.name || a.version != b.version {
        return Some("name or version".into());
    }
    let deps = |p: &Package| {
        let mut d: Vec<(Uuid, String)> = p.deps.iter().map(|d| (d.uuid, d.name.clone())).collect();
        d.sort();
        d
    };
    if deps(a) != deps(b) {
        return Some("dependencies".into());
    }
    if a.roots != b.roots {
        return Some("root tables".into());
    }
    if a.types != b.types {
        return Some("types".into());
    }
    if a.aliases != b.aliases {
        return Some("type aliases".into());
    }
    if a.methods != b.methods {
        return Some("methods".into());
    }
    if a.code.len() != b.code.len() {
        return Some(format!(
            "{} vs {} code instances",
            a.code.len(),
            b.code.len()
        ));
    }
    let payload_carried = |bits: u32, payload: &[u8]| {
        bits & stripped::PAYLOADS == 0 && !(bits & stripped::INVALIDATED != 0 && payload.is_empty())
    };
    for (i, (x, y)) in a.code.iter().zip(&b.code).enumerate() {
        let what = |part: &str| format!("code instance {i} ({}): {part}", x.method.name);
        if x.method != y.method
            || x.spec != y.spec
            || x.owner != y.owner
            || x.world != y.world
            || x.inferred_only != y.inferred_only
            || x.roots != y.roots
            || x.edges != y.edges
        {
            return Some(what("identity, roots or edges"));
        }
        if payload_carried(a_bits, &x.payload.0)
            && payload_carried(b_bits, &y.payload.0)
            && x.payload != y.payload
        {
            return Some(what("payload"));
        }
        if a_bits & stripped::GENERATED == 0
            && b_bits & stripped::GENERATED == 0
            && x.generated != y.generated
        {
            return Some(what("generated source"));
        }
    }
    None
}

/// Strips `file` as `options` say; returns the new image's bytes and what
/// was removed. Every section is checked against its checksum first.
/// `invalidated` needs the invalidation record of a merged image; on a
/// single-package image it is an error. The analysis is run afresh and must
/// equal the stored record (a damaged or wrong record is an error, as for
/// `pcache invalidations`).
pub fn strip_image(file: &ImageFile, options: StripOptions) -> Result<(Vec<u8>, StripReport)> {
    let bits = options.bits();
    if bits == 0 {
        return Err(Error::invalid(
            "nothing to strip: choose --generated, --invalidated or --payloads",
        ));
    }
    let image = file.image()?;
    image.check_sections().map_err(|e| e.in_file(file.path()))?;
    let merged = image.is_merged();
    if options.invalidated && !merged {
        return Err(Error::invalid(
            "--invalidated needs the invalidation record of a merged image, and this is a single-package image",
        )
        .in_file(file.path())
        .with_hint(
            "merge it with the packages that may invalidate it first (pcache merge FILE.pci … -o merged.pci), or strip --payloads",
        ));
    }
    // Code instances (ordinal, code index) the record closes.
    let mut closed: HashMap<u32, Vec<u32>> = HashMap::new();
    let mut load_order: Vec<u32> = (0..image.packages.len() as u32).collect();
    if merged {
        let session = Session::load(std::slice::from_ref(file), SessionOptions::default())?;
        load_order = session.load_order().to_vec();
        if options.invalidated {
            let stored = image
                .invalidations()?
                .expect("a merged image has a record")
                .to_owned_record();
            let fresh = crate::invalidation::analyze(session.packages(), session.load_order())
                .map_err(|e| e.in_file(file.path()))?;
            if fresh.record != stored {
                return Err(Error::invalid(
                    "the stored invalidation record differs from the analysis of its packages",
                )
                .in_file(file.path())
                .in_section("invalidations")
                .with_hint("run pcache verify on this file"));
            }
            for e in &stored.entries {
                closed.entry(e.package).or_default().push(e.code);
            }
        }
    }

    // Dependencies first, so a dependent's pins can follow its
    // dependencies' new build ids.
    let mut new_ids: HashMap<Uuid, (BuildId, BuildId)> = HashMap::new();
    let mut sections: Vec<Option<(Uuid, Vec<u8>)>> = vec![None; image.packages.len()];
    let mut report: Vec<Option<PackageStrip>> = vec![None; image.packages.len()];
    for &p in &load_order {
        let view = &image.packages[p as usize];
        let before = view
            .meta()
            .map_err(|e| e.in_file(file.path()))?
            .meta
            .stripped
            .to_native();
        let mut pkg = view.to_package().map_err(|e| e.in_file(file.path()))?;
        let mut done = PackageStrip {
            uuid: pkg.uuid,
            name: pkg.name.clone(),
            generated: 0,
            generated_bytes: 0,
            payloads: 0,
            payload_bytes: 0,
            before,
            after: before | bits,
        };
        let mut take_payload = |i: usize, pkg: &mut Package| {
            let payload = std::mem::take(&mut pkg.code[i].payload.0);
            if !payload.is_empty() {
                done.payloads += 1;
                done.payload_bytes += payload.len() as u64;
            }
        };
        if options.payloads {
            for i in 0..pkg.code.len() {
                take_payload(i, &mut pkg);
            }
        } else if let Some(codes) = closed.get(&p) {
            for &c in codes {
                if (c as usize) < pkg.code.len() {
                    take_payload(c as usize, &mut pkg);
                }
            }
        }
        if options.generated {
            for ci in &mut pkg.code {
                if let Some(g) = ci.generated.take() {
                    done.generated += 1;
                    done.generated_bytes += g.source.0.len() as u64;
                }
            }
        }
        for dep in &mut pkg.deps {
            if let (Some(pin), Some((old, new))) = (dep.build_id, new_ids.get(&dep.uuid)) {
                if pin == *old {
                    dep.build_id = Some(*new);
                }
            }
        }
        pkg.stripped = crate::model::Stripped(done.after);
        let bytes = crate::pack::package_section(&pkg).map_err(|e| e.in_file(file.path()))?;
        new_ids.insert(
            view.uuid,
            (view.build_id, BuildId(*blake3::hash(&bytes).as_bytes())),
        );
        sections[p as usize] = Some((view.uuid, bytes));
        report[p as usize] = Some(done);
    }
    let sections: Vec<(Uuid, Vec<u8>)> = sections
        .into_iter()
        .map(|s| s.expect("every package"))
        .collect();
    let out = if merged {
        let files: Vec<ImageFile> = sections
            .iter()
            .map(|(uuid, bytes)| {
                let mut one = Vec::new();
                write_single(&mut one, *uuid, bytes);
                ImageFile::from_bytes(format!("{}", file.path().display()), &one)
            })
            .collect();
        let session = Session::load(&files, SessionOptions::default())?;
        crate::merge::merged_bytes(&session, &files)?
    } else {
        let (uuid, bytes) = &sections[0];
        let mut one = Vec::new();
        write_single(&mut one, *uuid, bytes);
        one
    };
    let report = StripReport {
        merged,
        packages: report
            .into_iter()
            .map(|r| r.expect("every package"))
            .collect(),
        bytes_before: file.bytes().len() as u64,
        bytes_after: out.len() as u64,
    };
    Ok((out, report))
}

fn write_single(out: &mut Vec<u8>, uuid: Uuid, bytes: &[u8]) {
    layout::write_image(
        out,
        &[OutSection {
            kind: section_kind::PACKAGE,
            uuid: *uuid.as_bytes(),
            bytes,
            checksum: *blake3::hash(bytes).as_bytes(),
        }],
    )
    .expect("writing to memory cannot fail");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Base64, GeneratedSource, World};

    fn image(pkg: &Package) -> Vec<u8> {
        crate::pack::image_bytes(pkg).unwrap()
    }

    fn merged(images: &[&[u8]]) -> Result<Vec<u8>> {
        let files: Vec<ImageFile> = images
            .iter()
            .enumerate()
            .map(|(i, b)| ImageFile::from_bytes(format!("{i}.pci"), b))
            .collect();
        let session = Session::load(&files, SessionOptions::default())?;
        crate::merge::merged_bytes(&session, &files)
    }

    fn strip_bytes(bytes: &[u8], options: StripOptions) -> Vec<u8> {
        strip_image(&ImageFile::from_bytes("in.pci", bytes), options)
            .unwrap()
            .0
    }

    /// Blackjack whose `tallyscores` generator caches its output.
    fn generator_blackjack() -> Package {
        let mut bj = crate::demo::blackjack();
        bj.methods[1].cached_generator = true;
        bj.code[1].generated = Some(GeneratedSource {
            world: World(1, None),
            source: Base64(b"generated".to_vec()),
        });
        bj
    }

    fn permutations(items: &[usize]) -> Vec<Vec<usize>> {
        if items.len() <= 1 {
            return vec![items.to_vec()];
        }
        let mut out = Vec::new();
        for (i, &first) in items.iter().enumerate() {
            let mut rest = items.to_vec();
            rest.remove(i);
            for mut p in permutations(&rest) {
                p.insert(0, first);
                out.push(p);
            }
        }
        out
    }

    /// Stripped and unstripped builds among the inputs: every order gives
    /// the same bytes, those of the build that carries the most.
    #[test]
    fn merging_stripped_builds_does_not_depend_on_order() {
        let (base, bj, fc) = (
            image(&crate::demo::base()),
            image(&generator_blackjack()),
            image(&crate::demo::facecards()),
        );
        let full = merged(&[&base, &bj, &fc]).unwrap();
        let payloads = strip_bytes(
            &full,
            StripOptions {
                payloads: true,
                ..Default::default()
            },
        );
        let invalidated = strip_bytes(
            &full,
            StripOptions {
                invalidated: true,
                ..Default::default()
            },
        );
        assert_ne!(payloads, full);
        assert_ne!(invalidated, full);
        let inputs: [&[u8]; 5] = [&payloads, &invalidated, &base, &bj, &fc];
        for order in permutations(&[0, 1, 2, 3, 4]) {
            let list: Vec<&[u8]> = order.iter().map(|&i| inputs[i]).collect();
            assert!(merged(&list).unwrap() == full, "order {order:?}");
        }
        for order in permutations(&[0, 1]) {
            let list: Vec<&[u8]> = order.iter().map(|&i| inputs[i]).collect();
            assert!(merged(&list).unwrap() == invalidated, "order {order:?}");
        }
    }

    /// Builds that differ only in compile order and are stripped alike
    /// keep equal semantic ids; stripping changes the id.
    #[test]
    fn semantic_id_of_stripped_builds_ignores_root_order() {
        let a = crate::demo::facecards();
        let mut b = a.clone();
        b.roots.swap(1, 2);
        for c in &mut b.code {
            for r in &mut c.roots {
                *r = match *r {
                    1 => 2,
                    2 => 1,
                    x => x,
                };
            }
        }
        let strip_all = |p: &Package| {
            let mut p = p.clone();
            for c in &mut p.code {
                c.payload = Base64::default();
            }
            p.stripped = crate::model::Stripped(stripped::PAYLOADS);
            crate::semantic::semantic_id(&p)
        };
        assert_eq!(strip_all(&a), strip_all(&b));
        assert_ne!(strip_all(&a), crate::semantic::semantic_id(&a));
        // The bits count: an unstripped package without payloads differs
        // from one that promises to carry none.
        let mut empty = a.clone();
        for c in &mut empty.code {
            c.payload = Base64::default();
        }
        assert_ne!(strip_all(&a), crate::semantic::semantic_id(&empty));
    }

    #[test]
    fn carrying_is_a_partial_order_on_stripped_bits() {
        use stripped::{GENERATED as G, INVALIDATED as I, PAYLOADS as P};
        assert!(carries_all_of(0, G | I | P));
        assert!(carries_all_of(I, P));
        assert!(!carries_all_of(P, I));
        assert!(!carries_all_of(G, P));
        assert!(!carries_all_of(P, G));
        assert!(carries_all_of(G, G | P));
        assert_eq!(describe(0), "nothing");
        assert_eq!(describe(G | P), "generated, payloads");
    }

    #[test]
    fn pack_refuses_stripped_bits_that_the_package_contradicts() {
        let with = |bits: u32| {
            let mut bj = generator_blackjack();
            bj.stripped = crate::model::Stripped(bits);
            crate::pack::package_section(&bj).unwrap_err()
        };
        let e = with(stripped::GENERATED);
        assert!(
            e.message().contains("generated sources were stripped"),
            "{e}"
        );
        let e = with(stripped::PAYLOADS);
        assert!(e.message().contains("payloads were stripped"), "{e}");
        let e = with(8);
        assert!(
            e.message().contains("bits this format does not define"),
            "{e}"
        );
    }

    /// A stripped package's document names what it lacks, and packs back
    /// to the same bytes.
    #[test]
    fn stripped_packages_round_trip_through_json() {
        let bytes = image(&generator_blackjack());
        let lean = strip_bytes(
            &bytes,
            StripOptions {
                generated: true,
                payloads: true,
                ..Default::default()
            },
        );
        let file = ImageFile::from_bytes("lean.pci", &lean);
        let pkg = file.image().unwrap().packages[0].to_package().unwrap();
        let json = pkg.to_json();
        assert!(
            json.contains("\"stripped\": [\n    \"generated\",\n    \"payloads\"\n  ]"),
            "{json}"
        );
        let back = Package::from_json(json.as_bytes()).unwrap();
        assert_eq!(back, pkg);
        assert!(crate::pack::image_bytes(&back).unwrap() == lean);
        // Unknown and repeated names are refused.
        for bad in ["[\"generatd\"]", "[\"payloads\", \"payloads\"]"] {
            let text = json.replace("[\n    \"generated\",\n    \"payloads\"\n  ]", bad);
            assert!(Package::from_json(text.as_bytes()).is_err(), "{bad}");
        }
    }
}
