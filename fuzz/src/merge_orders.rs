//! The `merge_orders` target: a generated ecosystem merged in two orders
//! and groupings.

use arbitrary::{Arbitrary, Unstructured};
use pcache_format::read::image::ImageFile;
use pcache_format::verify;
use pcache_testkit::arbitrary_ecosystem::{merge_images, MergeCase};

/// A random ecosystem (with older, prefix versions of some
/// packages among the inputs) merged in two random orders and groupings
/// gives identical bytes; the result verifies and merging it again, alone
/// or with itself, gives it back.
pub fn run(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(case) = MergeCase::arbitrary(&mut u) else {
        return;
    };
    let a = case
        .merge_grouped(&case.first)
        .expect("a generated ecosystem merges");
    let b = case
        .merge_grouped(&case.second)
        .expect("a generated ecosystem merges");
    assert!(a == b, "two orders/groupings gave different bytes");
    let report = verify::verify_file(&ImageFile::from_bytes("merged.pci", &a));
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(merge_images(&[&a]).expect("merged image reloads"), a);
    assert_eq!(merge_images(&[&a, &a]).expect("merged image reloads"), a);
}
