//! The `round_trip` target: JSON text or a generated package, through
//! images and back.

use arbitrary::{Arbitrary, Unstructured};
use pcache_format::model::Package;
use pcache_format::read::image::Image;
use pcache_format::write;
use pcache_testkit::arbitrary_ecosystem::ArbitraryEcosystem;

/// Round trips between JSON and images. The first byte chooses
/// between raw JSON text (anything that packs must come back byte-identical)
/// and a generated package (JSON → image → JSON → image, image → JSON →
/// image).
pub fn run(data: &[u8]) {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    if which % 2 == 0 {
        let Ok(pkg) = Package::from_json(rest) else {
            return;
        };
        let Ok(image) = write::section::image_bytes(&pkg) else {
            return;
        };
        assert_round_trip(&image);
    } else {
        let mut u = Unstructured::new(rest);
        let Ok(eco) = ArbitraryEcosystem::arbitrary(&mut u) else {
            return;
        };
        for pkg in eco.packages() {
            let text = pkg.to_json();
            let back = Package::from_json(text.as_bytes()).expect("our JSON parses");
            assert_eq!(back, pkg, "JSON round trip changed the package");
            let image = write::section::image_bytes(&pkg).expect("a generated package packs");
            assert_eq!(write::section::image_bytes(&back).expect("packs"), image);
            assert_round_trip(&image);
        }
    }
}

/// image → package → JSON → package → image is the identity on bytes.
fn assert_round_trip(image: &[u8]) {
    let parsed = Image::parse(image).expect("pack output parses");
    let pkg = parsed.packages[0]
        .to_package()
        .expect("pack output unpacks");
    let text = pkg.to_json();
    let back = Package::from_json(text.as_bytes()).expect("unpacked JSON parses");
    assert_eq!(back, pkg, "JSON round trip changed an unpacked package");
    let again = write::section::image_bytes(&back).expect("an unpacked package packs");
    assert!(again == image, "image -> JSON -> image changed the bytes");
}
