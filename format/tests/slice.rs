//! The sliced invalidation analysis (what merge and verify run) equals the
//! analysis of every declaration, on random ecosystems, on generated
//! ecosystems of realistic shape, and on the demo.

use arbitrary::{Arbitrary, Unstructured};
use pcache_format::model::decl::decl_of_package;
use pcache_format::model::Package;
use pcache_testkit::arbitrary_ecosystem::ArbitraryEcosystem;
use pcache_testkit::random::Rng;
use pcache_testkit::synth::{self, SynthOptions};
use pcache_typesys as ts;

/// Whole and sliced analyses of `packages` (in dependency order); `None`
/// when the whole does not resolve. Panics when they differ.
fn compare(packages: &[Package]) -> Option<(ts::Analysis, ts::SliceStats)> {
    let decls: Vec<ts::PackageDecl> = packages.iter().map(decl_of_package).collect();
    let whole = ts::analyze(&decls).ok()?;
    let (sliced, stats) = match ts::analyze_sources(&decls) {
        Ok(r) => r,
        Err(ts::SliceError::Decl(e)) => panic!("the slice does not resolve, the whole does: {e}"),
        Err(ts::SliceError::Source(e)) => match e {},
    };
    assert_eq!(sliced, whole, "sliced analysis differs from the whole");
    Some((whole, stats))
}

fn dependency_causes(a: &ts::Analysis) -> usize {
    a.invalidated
        .iter()
        .filter(|i| matches!(i.cause, ts::Cause::Dependency { .. }))
        .count()
}

#[test]
fn random_ecosystems() {
    let (mut analyzed, mut invalidated, mut through_invokes) = (0, 0, 0);
    for seed in 0..400u64 {
        let data = Rng::new(&[seed, 77]).bytes(4096);
        let Ok(eco) = ArbitraryEcosystem::arbitrary(&mut Unstructured::new(&data)) else {
            continue;
        };
        if let Some((a, _)) = compare(&eco.packages()) {
            analyzed += 1;
            invalidated += a.invalidated.len();
            through_invokes += dependency_causes(&a);
        }
    }
    // The comparison means something only if the cases invalidate code,
    // directly and through invoke edges.
    assert!(analyzed > 200, "{analyzed}");
    assert!(invalidated > 100, "{invalidated}");
    assert!(through_invokes > 10, "{through_invokes}");
}

#[test]
fn generated_ecosystems_slice_small() {
    for seed in 1..=3 {
        let eco = synth::Ecosystem::new(SynthOptions {
            packages: 8,
            roots: 4000,
            payload: 0.01,
            seed,
        });
        let packages: Vec<Package> = (0..eco.len()).map(|i| eco.package(i)).collect();
        let (a, stats) = compare(&packages).expect("generated packages resolve");
        let codes: usize = packages.iter().map(|p| p.code.len()).sum();
        assert!(!a.invalidated.is_empty(), "seed {seed}");
        assert!(
            stats.codes < codes,
            "seed {seed}: the slice kept {} of {codes} code instances",
            stats.codes
        );
    }
}

#[test]
fn demo_ecosystem() {
    let (a, _) = compare(&pcache_testkit::demo::ecosystem()).expect("the demo resolves");
    assert_eq!(a.invalidated.len(), 2);
}
