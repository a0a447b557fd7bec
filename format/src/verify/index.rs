//! Checks of a merged image's global index (SPEC.md §5): its shape on
//! every run, and with `deep` that it is exactly what interning produces.

use super::*;

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
pub(super) fn index_is_canonical(file: &ImageFile) -> bool {
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
pub(super) fn check_index_by_interning(file: &ImageFile) -> Result<()> {
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
pub(super) fn check_index_shape(image: &Image<'_>) -> Result<()> {
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
