//! Cached generated sources (opt-in per method) and `pcache strip`: the
//! opt-in rule, the size report, merge and diff of generated sources, world
//! ranges closed by invalidation, each strip mode (verified, merged), the
//! merge rule for stripped and unstripped builds, and the header flags.

use crate::common;

use std::path::{Path, PathBuf};

use common::{merge, pcache, write_image, Run};
use pcache_format::{
    model::{Base64, GeneratedSource, World},
    Package,
};
use pcache_testkit::demo;
use serde_json::Value;

/// Blackjack whose `tallyscores` generator opted in to caching, with a
/// generated source of `len` bytes for its code instance (code[1]).
fn generator_blackjack(len: usize) -> Package {
    let mut bj = demo::blackjack();
    let tally = bj
        .methods
        .iter_mut()
        .find(|m| m.name == "tallyscores")
        .unwrap();
    tally.cached_generator = true;
    assert_eq!(bj.code[1].method.name, "tallyscores");
    bj.code[1].generated = Some(GeneratedSource {
        world: World(1, None),
        source: Base64((0..len).map(|i| (i % 251) as u8).collect()),
    });
    bj
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn json(run: Run) -> Value {
    serde_json::from_str(&run.stdout).unwrap()
}

fn strip(input: &Path, out: &Path, modes: &[&str]) -> Run {
    let mut args = vec!["strip", p(input), "-o", p(out)];
    args.extend(modes);
    pcache(args)
}

/// `pcache unpack --package NAME` of `image`, as JSON.
fn unpacked(image: &Path, name: &str) -> Value {
    json(pcache(["unpack", p(image), "--package", name]).expect(0))
}

fn verify_both_ways(path: &Path) {
    pcache(["verify", p(path)]).expect(0);
    pcache(["verify", "--deep", p(path)]).expect(0);
}

fn header_flags(path: &Path) -> u32 {
    let b = std::fs::read(path).unwrap();
    u32::from_le_bytes(b[12..16].try_into().unwrap())
}

/// Base, Blackjack (with a generated source) and Facecards, merged.
fn merged_ecosystem(dir: &Path) -> (PathBuf, [PathBuf; 3]) {
    let base = write_image(dir, "Base", &demo::base());
    let bj = write_image(dir, "Blackjack", &generator_blackjack(100));
    let fc = write_image(dir, "Facecards", &demo::facecards());
    let out = dir.join("merged.pci");
    merge(&[&base, &bj, &fc], &out, &[]).expect(0);
    (out, [base, bj, fc])
}

#[test]
fn pack_refuses_a_generated_source_unless_the_method_opted_in() {
    let dir = tempfile::tempdir().unwrap();
    let mut bj = generator_blackjack(10);
    bj.methods[1].cached_generator = false;
    let json = dir.path().join("bj.json");
    std::fs::write(&json, bj.to_json()).unwrap();
    let out = dir.path().join("bj.pci");
    let run = pcache(["pack", p(&json), "-o", p(&out)]).expect(1);
    assert!(
        run.stderr
            .contains("code[1] (tallyscores) carries a generated source")
            && run.stderr.contains("cached_generator"),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
    // Another package's method never qualifies, even when it opted in there.
    let mut ext = demo::facecards();
    ext.code[0].generated = generator_blackjack(10).code[1].generated.clone();
    std::fs::write(&json, ext.to_json()).unwrap();
    let run = pcache(["pack", p(&json), "-o", p(&out)]).expect(1);
    assert!(
        run.stderr.contains("carries a generated source"),
        "{}",
        run.stderr
    );
    // With the opt-in, it packs and verifies.
    std::fs::write(&json, generator_blackjack(10).to_json()).unwrap();
    pcache(["pack", p(&json), "-o", p(&out)]).expect(0);
    verify_both_ways(&out);
}

#[test]
fn inspect_reports_the_count_and_size_of_generated_sources() {
    let dir = tempfile::tempdir().unwrap();
    let bj = write_image(dir.path(), "bj", &generator_blackjack(1500));
    let text = pcache(["inspect", p(&bj)]).expect(0).stdout;
    assert!(
        text.contains("  generated   1 cached generated source, 1.5 KiB\n"),
        "{text}"
    );
    assert!(!text.contains("stripped"), "{text}");
    let v = json(pcache(["inspect", p(&bj), "--json"]).expect(0));
    let pkg = &v["packages"][0];
    assert_eq!(pkg["generated_sources"], 1);
    assert_eq!(pkg["generated_bytes"], 1500);
    assert_eq!(pkg["stripped"], serde_json::json!([]));
    // A package without generated sources prints no such line.
    let base = write_image(dir.path(), "base", &demo::base());
    let text = pcache(["inspect", p(&base)]).expect(0).stdout;
    assert!(!text.contains("generated"), "{text}");
}

#[test]
fn merge_keeps_generated_sources_and_diff_reports_added_removed_changed() {
    let dir = tempfile::tempdir().unwrap();
    let (merged, _) = merged_ecosystem(dir.path());
    verify_both_ways(&merged);
    let bj = unpacked(&merged, "Blackjack");
    let want = serde_json::to_value(generator_blackjack(100).code[1].generated.clone()).unwrap();
    assert_eq!(bj["code"][1]["generated"], want);
    let v = json(pcache(["inspect", p(&merged), "--json"]).expect(0));
    assert_eq!(v["packages"][1]["name"], "Blackjack");
    assert_eq!(v["packages"][1]["generated_sources"], 1);

    let with = write_image(dir.path(), "with", &generator_blackjack(100));
    let mut without = generator_blackjack(100);
    without.code[1].generated = None;
    let without = write_image(dir.path(), "without", &without);
    let mut changed = generator_blackjack(100);
    changed.code[1].generated.as_mut().unwrap().world = World(1, Some(7));
    let changed = write_image(dir.path(), "changed", &changed);
    let diff = |a: &Path, b: &Path| pcache(["diff", p(a), p(b)]).expect(1).stdout;
    let removed = diff(&with, &without);
    assert!(
        removed.contains("generated source removed (100 bytes, world [1, null])"),
        "{removed}"
    );
    let added = diff(&without, &with);
    assert!(
        added.contains("generated source added (100 bytes, world [1, null])"),
        "{added}"
    );
    let moved = diff(&with, &changed);
    assert!(
        moved.contains("generated source ")
            && moved.contains("world [1, null] -> ")
            && moved.contains("world [1, 7]"),
        "{moved}"
    );
    let v = json(pcache(["diff", p(&with), p(&without), "--json"]).expect(1));
    let code = &v["packages"][0]["changes"]["code"]["changed"];
    assert!(
        code.to_string().contains("generated source removed"),
        "{code}"
    );
}

#[test]
fn invalidation_closes_generated_sources_with_their_code_instances() {
    let dir = tempfile::tempdir().unwrap();
    let (merged, _) = merged_ecosystem(dir.path());
    let v = json(pcache(["invalidations", p(&merged), "--json"]).expect(0));
    let entries = v["invalidated"].as_array().unwrap();
    // tallyscores (code 1, with a generated source) and playgame (code 2).
    let tally = entries
        .iter()
        .find(|e| e["code"] == 1 && e["package"] == demo::BLACKJACK.to_string())
        .expect("tallyscores is invalidated");
    let play = entries
        .iter()
        .find(|e| e["code"] == 2 && e["package"] == demo::BLACKJACK.to_string())
        .expect("playgame is invalidated");
    assert_eq!(tally["generated"], true);
    assert_eq!(play["generated"], false);
    assert_eq!(tally["max_world"], play["max_world"]);
    let text = pcache(["invalidations", p(&merged)]).expect(0).stdout;
    assert!(
        text.contains(
            "1 of the invalidated code instances carries a generated source, closed at the same world"
        ),
        "{text}"
    );
    // Without the generated source, the flag is false and the line absent.
    let base = write_image(dir.path(), "b2", &demo::base());
    let bj = write_image(dir.path(), "bj2", &demo::blackjack());
    let fc = write_image(dir.path(), "fc2", &demo::facecards());
    let plain = dir.path().join("plain.pci");
    merge(&[&base, &bj, &fc], &plain, &[]).expect(0);
    let v = json(pcache(["invalidations", p(&plain), "--json"]).expect(0));
    assert!(v["invalidated"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["generated"] == false));
    let text = pcache(["invalidations", p(&plain)]).expect(0).stdout;
    assert!(!text.contains("generated source"), "{text}");
}

#[test]
fn strip_generated_removes_them_verifies_and_says_so_in_the_header() {
    let dir = tempfile::tempdir().unwrap();
    let bj = write_image(dir.path(), "bj", &generator_blackjack(700));
    let out = dir.path().join("lean.pci");
    let run = strip(&bj, &out, &["--generated"]).expect(0);
    assert!(
        run.stdout
            .contains("Blackjack  removed 1 generated source, 700 B"),
        "{}",
        run.stdout
    );
    verify_both_ways(&out);
    assert_eq!(header_flags(&bj), 0);
    assert_eq!(header_flags(&out), 1);
    let before = std::fs::metadata(&bj).unwrap().len();
    let after = std::fs::metadata(&out).unwrap().len();
    assert!(after + 700 <= before, "{before} -> {after}");
    let text = pcache(["inspect", p(&out)]).expect(0).stdout;
    assert!(text.contains("  stripped    generated\n"), "{text}");
    assert!(!text.contains("cached generated source"), "{text}");
    let v = json(pcache(["inspect", p(&out), "--json"]).expect(0));
    assert_eq!(
        v["packages"][0]["stripped"],
        serde_json::json!(["generated"])
    );
    assert_eq!(v["packages"][0]["generated_sources"], 0);
    let doc = unpacked(&out, "Blackjack");
    assert!(doc["code"][1].get("generated").is_none(), "{doc}");
    assert_eq!(doc["stripped"], serde_json::json!(["generated"]));
    // The document says what was stripped, so it packs back to the same bytes.
    let json_path = dir.path().join("lean.json");
    std::fs::write(&json_path, doc.to_string()).unwrap();
    let repacked = dir.path().join("repacked.pci");
    pcache(["pack", p(&json_path), "-o", p(&repacked)]).expect(0);
    assert_same(&repacked, &out);
    // An unstripped document has no such field.
    assert!(unpacked(&bj, "Blackjack").get("stripped").is_none());
    // Everything else is kept: the payloads are those of the input.
    let orig = unpacked(&bj, "Blackjack");
    for i in 0..3 {
        assert_eq!(doc["code"][i]["payload"], orig["code"][i]["payload"]);
    }
    // The semantic id covers what is carried and the stripped bits.
    let sem = |f: &Path| {
        json(pcache(["inspect", p(f), "--json"]).expect(0))["packages"][0]["semantic_id"].clone()
    };
    assert_ne!(sem(&bj), sem(&out));
    // Stripping again changes nothing.
    let again = dir.path().join("again.pci");
    strip(&out, &again, &["--generated"]).expect(0);
    assert_same(&again, &out);
}

#[test]
fn strip_payloads_leaves_an_index_only_image_that_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let (merged, _) = merged_ecosystem(dir.path());
    let out = dir.path().join("index-only.pci");
    let run = strip(&merged, &out, &["--payloads"]).expect(0);
    assert!(
        run.stdout
            .contains("Base                removed 1 payload, 7 B"),
        "{}",
        run.stdout
    );
    verify_both_ways(&out);
    assert_eq!(header_flags(&out), 4);
    for name in ["Base", "Blackjack", "BlackjackFacecards"] {
        let doc = unpacked(&out, name);
        for c in doc["code"].as_array().unwrap() {
            assert!(c.get("payload").is_none_or(|p| p == ""), "{name}: {c}");
        }
    }
    // Generated sources stay unless asked for.
    assert!(unpacked(&out, "Blackjack")["code"][1]["generated"].is_object());
    // The invalidation record and the index are the input's.
    let inv =
        |f: &Path| json(pcache(["invalidations", p(f), "--json"]).expect(0))["invalidated"].clone();
    assert_eq!(inv(&out), inv(&merged));
    let ix = |f: &Path| json(pcache(["inspect", p(f), "--json"]).expect(0))["index"].clone();
    assert_eq!(ix(&out), ix(&merged));
    // Both modes at once: flags 5.
    let both = dir.path().join("both.pci");
    strip(&merged, &both, &["--payloads", "--generated"]).expect(0);
    verify_both_ways(&both);
    assert_eq!(header_flags(&both), 5);
}

#[test]
fn strip_invalidated_needs_a_merged_image_and_removes_only_closed_payloads() {
    let dir = tempfile::tempdir().unwrap();
    let bj = write_image(dir.path(), "bj", &generator_blackjack(10));
    let out = dir.path().join("x.pci");
    let run = strip(&bj, &out, &["--invalidated"]).expect(1);
    assert!(
        run.stderr
            .contains("--invalidated needs the invalidation record of a merged image"),
        "{}",
        run.stderr
    );
    assert!(!out.exists());

    let (merged, _) = merged_ecosystem(dir.path());
    let run = strip(&merged, &out, &["--invalidated"]).expect(0);
    assert!(
        run.stdout
            .contains("Blackjack           removed 2 payloads"),
        "{}",
        run.stdout
    );
    verify_both_ways(&out);
    assert_eq!(header_flags(&out), 2);
    let doc = unpacked(&out, "Blackjack");
    let orig = unpacked(&merged, "Blackjack");
    // code 0 (score(::Int)) stays valid; 1 and 2 were closed by Facecards.
    assert_eq!(doc["code"][0]["payload"], orig["code"][0]["payload"]);
    assert!(orig["code"][1]["payload"] != "");
    for i in [1, 2] {
        assert!(
            doc["code"][i].get("payload").is_none_or(|p| p == ""),
            "{}",
            doc["code"][i]
        );
    }
    assert_eq!(
        unpacked(&out, "Base")["code"],
        unpacked(&merged, "Base")["code"]
    );
}

#[test]
fn strip_needs_a_mode_and_never_writes_over_its_input() {
    let dir = tempfile::tempdir().unwrap();
    let bj = write_image(dir.path(), "bj", &generator_blackjack(10));
    let before = std::fs::read(&bj).unwrap();
    let out = dir.path().join("x.pci");
    let run = strip(&bj, &out, &[]).expect(2);
    assert!(
        run.stderr.contains("--generated|--invalidated|--payloads"),
        "{}",
        run.stderr
    );
    let run = strip(&bj, &bj, &["--payloads"]).expect(2);
    assert!(
        run.stderr.contains("would destroy the input"),
        "{}",
        run.stderr
    );
    assert!(std::fs::read(&bj).unwrap() == before, "the input changed");
    // Damage is reported, not stripped.
    let mut bad = before.clone();
    let at = bad.len() - 40;
    bad[at] ^= 1;
    let damaged = dir.path().join("damaged.pci");
    std::fs::write(&damaged, &bad).unwrap();
    let run = strip(&damaged, &out, &["--payloads"]).expect(1);
    assert!(run.stderr.contains("checksum mismatch"), "{}", run.stderr);
    assert!(!out.exists());
}

/// A stripped and an unstripped build of one package: the richer wins in
/// either order, byte for byte.
#[test]
fn merging_stripped_and_unstripped_builds_keeps_the_richer_one_in_any_order() {
    let dir = tempfile::tempdir().unwrap();
    let (merged, [base, bj, fc]) = merged_ecosystem(dir.path());
    // Single-package: Blackjack stripped of its generated source.
    let lean = dir.path().join("bj-lean.pci");
    strip(&bj, &lean, &["--generated"]).expect(0);
    let a = dir.path().join("a.pci");
    let b = dir.path().join("b.pci");
    merge(&[&lean, &base, &bj, &fc], &a, &[]).expect(0);
    merge(&[&fc, &bj, &base, &lean], &b, &[]).expect(0);
    assert_same(&a, &b);
    assert_same(&a, &merged);
    // Without the unstripped one, the stripped build is kept and verifies.
    let c = dir.path().join("c.pci");
    merge(&[&lean, &base, &fc], &c, &[]).expect(0);
    verify_both_ways(&c);
    assert_eq!(header_flags(&c), 1);
    // Merged: an index-only image and the full one, both orders.
    let index_only = dir.path().join("index-only.pci");
    strip(&merged, &index_only, &["--payloads"]).expect(0);
    let d = dir.path().join("d.pci");
    let e = dir.path().join("e.pci");
    merge(&[&index_only, &merged], &d, &[]).expect(0);
    merge(&[&merged, &index_only], &e, &[]).expect(0);
    assert_same(&d, &merged);
    assert_same(&e, &merged);
    // Invalidated payloads stripped carries more than all payloads stripped.
    let inval = dir.path().join("inval.pci");
    strip(&merged, &inval, &["--invalidated"]).expect(0);
    let f = dir.path().join("f.pci");
    let g = dir.path().join("g.pci");
    merge(&[&index_only, &inval], &f, &[]).expect(0);
    merge(&[&inval, &index_only], &g, &[]).expect(0);
    assert_same(&f, &inval);
    assert_same(&g, &inval);
    verify_both_ways(&f);
    // A stripped image merges with others deterministically.
    let h = dir.path().join("h.pci");
    let i = dir.path().join("i.pci");
    merge(&[&index_only, &c], &h, &[]).expect(1); // generated vs payloads: neither carries more
    let j = dir.path().join("j.pci");
    merge(&[&index_only, &fc, &base], &i, &[]).expect(0);
    merge(&[&base, &fc, &index_only], &j, &[]).expect(0);
    assert_same(&i, &j);
    verify_both_ways(&i);
    // The unstripped Base and Facecards won; Blackjack is the stripped one.
    assert_eq!(
        unpacked(&i, "Base")["code"],
        unpacked(&merged, "Base")["code"]
    );
    assert_eq!(
        unpacked(&i, "BlackjackFacecards")["code"],
        unpacked(&merged, "BlackjackFacecards")["code"]
    );
    assert!(unpacked(&i, "Blackjack")["code"][0]
        .get("payload")
        .is_none_or(|p| p == ""));
    assert_eq!(header_flags(&i), 4);
}

/// The two files are byte-identical (without printing them).
#[track_caller]
fn assert_same(a: &Path, b: &Path) {
    let (x, y) = (std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
    assert!(x == y, "{} and {} differ", a.display(), b.display());
}

#[test]
fn stripped_and_unstripped_builds_that_disagree_are_a_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let bj = write_image(dir.path(), "bj", &generator_blackjack(10));
    // Same roots, a different payload, generated sources stripped.
    let mut other = generator_blackjack(10);
    other.code[0].payload = Base64(b"another build".to_vec());
    let other = write_image(dir.path(), "other", &other);
    let lean = dir.path().join("lean.pci");
    strip(&other, &lean, &["--generated"]).expect(0);
    for inputs in [[bj.as_path(), &lean], [&lean, &bj]] {
        let run = merge(&inputs, &dir.path().join("m.pci"), &[]).expect(1);
        assert!(
            run.stderr.contains("conflict: package Blackjack")
                && run.stderr.contains("disagree on something both carry")
                && run.stderr.contains("code instance 0 (score): payload"),
            "{}",
            run.stderr
        );
    }
    // What only the unstripped one carries cannot disagree: a different
    // generated source against a build without generated sources is fine.
    let mut changed = generator_blackjack(10);
    changed.code[1].generated.as_mut().unwrap().source = Base64(b"elsewhere".to_vec());
    let changed = write_image(dir.path(), "changed", &changed);
    let out = dir.path().join("ok.pci");
    merge(&[&lean, &changed], &out, &[]).expect(1); // payload of code 0 still differs
    let lean_bj = dir.path().join("lean-bj.pci");
    strip(&bj, &lean_bj, &["--generated"]).expect(0);
    merge(&[&lean_bj, &changed], &out, &[]).expect(0);
    assert_eq!(
        unpacked(&out, "Blackjack")["code"][1]["generated"]["source"],
        serde_json::to_value(Base64(b"elsewhere".to_vec())).unwrap()
    );
    // Stripped differently, neither carrying everything: a conflict.
    let index_only = dir.path().join("index-only.pci");
    strip(&bj, &index_only, &["--payloads"]).expect(0);
    let run = merge(&[&lean_bj, &index_only], &out, &[]).expect(1);
    assert!(
        run.stderr
            .contains("neither carries everything the other does"),
        "{}",
        run.stderr
    );
}

#[test]
fn verify_checks_the_header_flags_and_the_stripped_bits() {
    let dir = tempfile::tempdir().unwrap();
    let bj = write_image(dir.path(), "bj", &generator_blackjack(10));
    let lean = dir.path().join("lean.pci");
    strip(&bj, &lean, &["--generated"]).expect(0);
    // Header flags cleared and the header resealed: verify names the flags.
    let mut b = std::fs::read(&lean).unwrap();
    b[12..16].copy_from_slice(&0u32.to_le_bytes());
    let count = u32::from_le_bytes(b[24..28].try_into().unwrap()) as usize;
    let mut h = blake3::Hasher::new();
    h.update(&b[..32]);
    h.update(&b[64..64 + 80 * count]);
    let sum = *h.finalize().as_bytes();
    b[32..64].copy_from_slice(&sum);
    let bad = dir.path().join("bad.pci");
    std::fs::write(&bad, &b).unwrap();
    let run = pcache(["verify", p(&bad)]).expect(1);
    assert!(
        run.stdout
            .contains("flags 0x0 differ from the stripped bits of the packages (0x1)"),
        "{}",
        run.stdout
    );
    // An unstripped image whose header claims a strip: also named.
    let mut b = std::fs::read(&bj).unwrap();
    b[12..16].copy_from_slice(&4u32.to_le_bytes());
    let mut h = blake3::Hasher::new();
    h.update(&b[..32]);
    h.update(&b[64..144]);
    let sum = *h.finalize().as_bytes();
    b[32..64].copy_from_slice(&sum);
    std::fs::write(&bad, &b).unwrap();
    let run = pcache(["verify", p(&bad)]).expect(1);
    assert!(run.stdout.contains("flags 0x4 differ"), "{}", run.stdout);
}

/// Pins among the packages of a stripped merged image follow the stripped
/// builds, so the image verifies; a pin from outside names the unstripped
/// build and is stale against a stripped one (SPEC.md §7).
#[test]
fn strip_keeps_the_pins_of_a_merged_image_consistent() {
    let dir = tempfile::tempdir().unwrap();
    let base = write_image(dir.path(), "Base", &demo::base());
    let base_id = pcache_format::model::BuildId(
        *blake3::hash(&pcache_format::write::section::package_section(&demo::base()).unwrap())
            .as_bytes(),
    );
    let mut bj = generator_blackjack(10);
    bj.deps[0].build_id = Some(base_id);
    let bj = write_image(dir.path(), "Blackjack", &bj);
    let merged = dir.path().join("merged.pci");
    merge(&[&base, &bj], &merged, &[]).expect(0);
    verify_both_ways(&merged);
    let lean = dir.path().join("lean.pci");
    strip(&merged, &lean, &["--payloads"]).expect(0);
    verify_both_ways(&lean);
    let pin = |f: &Path| unpacked(f, "Blackjack")["deps"][0]["build_id"].clone();
    let lean_base =
        json(pcache(["inspect", p(&lean), "--json"]).expect(0))["packages"][0]["build_id"].clone();
    assert_eq!(pin(&lean), lean_base);
    assert_ne!(pin(&lean), pin(&merged));
    // With the unstripped Base (which carries more, so wins), the stripped
    // Blackjack's pin is stale; with the unstripped Blackjack too, all is well.
    let out = dir.path().join("out.pci");
    let run = merge(&[&lean, &base], &out, &[]).expect(1);
    assert!(run.stderr.contains("stale"), "{}", run.stderr);
    merge(&[&lean, &base, &bj], &out, &[]).expect(0);
    assert_same(&out, &merged);
}

/// A merged image whose invalidation record is checksummed but wrong (a
/// buggy or hostile writer): strip --invalidated refuses to trust it.
#[test]
fn strip_invalidated_refuses_a_wrong_record() {
    let dir = tempfile::tempdir().unwrap();
    let (merged, _) = merged_ecosystem(dir.path());
    let mut b = std::fs::read(&merged).unwrap();
    let image = pcache_format::read::image::Image::parse(&b).unwrap();
    let entry = *image.invalidations_entry().unwrap();
    let record = image.invalidations().unwrap().unwrap().to_owned_record();
    assert!(!record.entries.is_empty());
    // The first entry's max_world, one world later: still a valid shape.
    let bytes = pcache_format::spec::archive::to_bytes(&record);
    let e0 = &record.entries[0];
    let mut pattern = Vec::new();
    pattern.extend(e0.package.to_le_bytes());
    pattern.extend(e0.code.to_le_bytes());
    pattern.extend(e0.max_world.to_le_bytes());
    let at = (0..bytes.len() - 16)
        .find(|&i| bytes[i..i + 16] == pattern[..])
        .unwrap();
    let at = entry.offset as usize + at + 8;
    let v = u64::from_le_bytes(b[at..at + 8].try_into().unwrap());
    b[at..at + 8].copy_from_slice(&(v + 1).to_le_bytes());
    common::reseal_sections(&mut b);
    common::reseal_header(&mut b);
    let bad = dir.path().join("bad.pci");
    std::fs::write(&bad, &b).unwrap();
    pcache(["verify", p(&bad)]).expect(0); // the shape is fine
    let out = dir.path().join("out.pci");
    let run = strip(&bad, &out, &["--invalidated"]).expect(1);
    assert!(
        run.stderr
            .contains("stored invalidation record differs from the analysis"),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
}
