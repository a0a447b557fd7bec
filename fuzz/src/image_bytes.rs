//! The `image_bytes` target: arbitrary bytes as an image file.

use pcache_format::model::Package;
use pcache_format::read::image::{Image, ImageFile};
use pcache_format::session::{Session, SessionOptions};
use pcache_format::{merge, verify, write};
use pcache_testkit::arbitrary_ecosystem::check_reindex;
use pcache_testkit::demo;

/// Arbitrary bytes as an image. Parsing, verifying, loading and
/// unpacking must each return an error or a valid result; when `verify`
/// finds no problem, every package must unpack and every root must resolve
/// through the global index to its own value.
pub fn run(data: &[u8]) {
    let file = ImageFile::from_bytes("fuzz.pci", data);
    if let Ok(image) = Image::parse(file.bytes()) {
        let _ = image.index();
        for view in &image.packages {
            let _ = view.to_package();
            let _ = view.defs();
            let _ = view.code();
        }
    }
    let report = verify::verify_file(&file);
    let files = std::slice::from_ref(&file);
    let loaded = Session::load(files, SessionOptions::default());
    if let Ok(session) = &loaded {
        // Resolving must never panic, whatever the stored index holds.
        for p in 0..session.packages().len() {
            for i in 0..session.packages()[p].roots.len() {
                if let Ok(g) = session.global_index(p, i) {
                    let _ = session.global_root(g);
                }
            }
        }
        let _ = merge::merged_bytes(session, files);
    }
    // Alongside genuine images of the demo packages (and itself), so that
    // choosing among sections of one uuid compares hostile root tables.
    static DEMO: std::sync::OnceLock<Vec<Vec<u8>>> = std::sync::OnceLock::new();
    let demo = DEMO.get_or_init(|| {
        [demo::base(), demo::blackjack()]
            .iter()
            .map(|p| write::section::image_bytes(p).expect("the demo packs"))
            .collect()
    });
    let mut others = vec![ImageFile::from_bytes("fuzz.pci", data)];
    for (i, bytes) in demo.iter().enumerate() {
        others.push(ImageFile::from_bytes(format!("demo-{i}.pci"), bytes));
    }
    others.push(ImageFile::from_bytes("again.pci", data));
    if let Ok(session) = Session::load(&others, SessionOptions::default()) {
        let _ = merge::merged_bytes(&session, &others);
    }
    if !report.problems.is_empty() {
        return;
    }
    let image = Image::parse(file.bytes()).expect("verify accepted the frame");
    for view in &image.packages {
        let pkg = match view.to_package() {
            Ok(p) => p,
            Err(e) => panic!("verify accepted a package that does not unpack: {e}"),
        };
        // What verify accepts, pack accepts, and it unpacks the same.
        let back = Package::from_json(pkg.to_json().as_bytes()).expect("unpacked JSON parses");
        assert_eq!(back, pkg, "JSON round trip changed a verified package");
        let repacked = match write::section::image_bytes(&pkg) {
            Ok(b) => b,
            Err(e) => panic!("verify accepted a package that pack rejects: {e}"),
        };
        let again = Image::parse(&repacked)
            .expect("pack output parses")
            .packages[0]
            .to_package()
            .expect("pack output unpacks");
        assert_eq!(again, pkg, "repacking changed a verified package");
    }
    let session = match loaded {
        Ok(s) => s,
        Err(e) => panic!("verify accepted a file that does not load: {e}"),
    };
    check_reindex(&session).expect("verify accepted a file whose index does not resolve");
    // Merging what verify accepts gives a file verify accepts. Under
    // cfg(fuzzing) a stored checksum (a build id) may be wrong; merge writes
    // the true one, which can make a pin that matched the stored id stale.
    let genuine = image.sections.iter().all(|e| {
        let bytes = &file.bytes()[e.offset as usize..(e.offset + e.len) as usize];
        *blake3::hash(bytes).as_bytes() == e.checksum
    });
    let merged = merge::merged_bytes(&session, files).expect("a verified file merges");
    let report = verify::verify_file(&ImageFile::from_bytes("merged.pci", &merged));
    let problems: Vec<_> = report
        .problems
        .iter()
        .filter(|p| genuine || !p.message.contains("stale"))
        .collect();
    assert!(
        problems.is_empty(),
        "merging a verified file gave problems: {problems:?}"
    );
}
