//! Stripped builds: merge order, semantic ids, the carrying order, pack's
//! refusals and the JSON round trip (moved from `strip.rs`'s unit tests,
//! which needed the demo ecosystem of the test kit).

use pcache_format::model::Package;
use pcache_format::model::{Base64, GeneratedSource, World};
use pcache_format::read::image::ImageFile;
use pcache_format::session::{Session, SessionOptions};
use pcache_format::spec::archive::stripped;
use pcache_format::strip::*;
use pcache_format::Result;

fn image(pkg: &Package) -> Vec<u8> {
    pcache_format::write::section::image_bytes(pkg).unwrap()
}

fn merged(images: &[&[u8]]) -> Result<Vec<u8>> {
    let files: Vec<ImageFile> = images
        .iter()
        .enumerate()
        .map(|(i, b)| ImageFile::from_bytes(format!("{i}.pci"), b))
        .collect();
    let session = Session::load(&files, SessionOptions::default())?;
    pcache_format::merge::merged_bytes(&session, &files)
}

fn strip_bytes(bytes: &[u8], options: StripOptions) -> Vec<u8> {
    strip_image(&ImageFile::from_bytes("in.pci", bytes), options)
        .unwrap()
        .0
}

/// Blackjack whose `tallyscores` generator caches its output.
fn generator_blackjack() -> Package {
    let mut bj = pcache_testkit::demo::blackjack();
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
        image(&pcache_testkit::demo::base()),
        image(&generator_blackjack()),
        image(&pcache_testkit::demo::facecards()),
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
    let a = pcache_testkit::demo::facecards();
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
        p.stripped = pcache_format::model::Stripped(stripped::PAYLOADS);
        pcache_format::hash::semantic::semantic_id(&p)
    };
    assert_eq!(strip_all(&a), strip_all(&b));
    assert_ne!(
        strip_all(&a),
        pcache_format::hash::semantic::semantic_id(&a)
    );
    // The bits count: an unstripped package without payloads differs
    // from one that promises to carry none.
    let mut empty = a.clone();
    for c in &mut empty.code {
        c.payload = Base64::default();
    }
    assert_ne!(
        strip_all(&a),
        pcache_format::hash::semantic::semantic_id(&empty)
    );
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
        bj.stripped = pcache_format::model::Stripped(bits);
        pcache_format::write::section::package_section(&bj).unwrap_err()
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
    assert!(pcache_format::write::section::image_bytes(&back).unwrap() == lean);
    // Unknown and repeated names are refused.
    for bad in ["[\"generatd\"]", "[\"payloads\", \"payloads\"]"] {
        let text = json.replace("[\n    \"generated\",\n    \"payloads\"\n  ]", bad);
        assert!(Package::from_json(text.as_bytes()).is_err(), "{bad}");
    }
}
