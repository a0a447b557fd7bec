//! Checks of a merged image's invalidations record (SPEC.md §5.1).

use super::*;

/// The invalidation record's shape: analyzed packages and entries name
/// packages and code instances of the image, causes name real ones.
pub(super) fn check_record_shape(image: &Image<'_>) -> Result<()> {
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
pub(super) fn check_invalidations(file: &ImageFile) -> Result<()> {
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
