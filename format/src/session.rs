//! Loading several images into one session: choosing one section per
//! package, checking dependencies, deciding the load order, and interning
//! every root into one global table with a reindex vector per package
//! (SPEC.md §7). `merge` is built on this.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

use uuid::Uuid;

use crate::error::{Error, Result};
use crate::hash::fingerprint::Fingerprint;
use crate::hash::fptable::{prefetch, FpTable, BATCH};
use crate::model::root;
use crate::model::Root;
use crate::read::image::{Image, ImageFile};
use crate::read::section::{MetaView, PackageView, RootsView};
use crate::spec::archive::{ArchivedIndex, GlobalRoot, Index};

/// How strict loading is.
#[derive(Debug, Clone, Copy, Default)]
pub struct SessionOptions {
    /// Every dependency of every package must be present (loading always
    /// requires this; `merge` without `--complete` does not).
    pub require_complete: bool,
}

/// One package in a session.
#[derive(Clone, Copy)]
pub struct LoadedPackage<'a> {
    /// Its section.
    pub view: PackageView<'a>,
    /// Its validated meta part.
    pub meta: MetaView<'a>,
    /// Its validated root table.
    pub roots: RootsView<'a>,
    /// Which input file it came from.
    pub(crate) file: usize,
}

impl<'a> LoadedPackage<'a> {
    /// Package `view` of input file `file`, with its meta and root table
    /// validated.
    pub(crate) fn new(view: &PackageView<'a>, file: usize) -> Result<Self> {
        Ok(LoadedPackage {
            view: *view,
            meta: view.meta()?,
            roots: view.roots()?,
            file,
        })
    }

    /// Name for messages: `Name (uuid)`.
    pub fn label(&self) -> String {
        format!("{} ({})", self.meta.name().unwrap_or("?"), self.view.uuid)
    }
}

/// What a session did, for benchmarks and tests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SessionStats {
    /// Roots looked up in the interning table.
    pub roots_interned: u64,
    /// Whether a merged image's stored index was used instead of interning.
    pub used_stored_index: bool,
}

enum Reindex<'a> {
    Stored(&'a ArchivedIndex),
    Built {
        global: Vec<GlobalRoot>,
        starts: Vec<u32>,
        reindex: Vec<u32>,
    },
}

/// Packages loaded together, with a global root table.
pub struct Session<'a> {
    packages: Vec<LoadedPackage<'a>>,
    load_order: Vec<u32>,
    reindex: Reindex<'a>,
    stats: SessionStats,
}

impl<'a> Session<'a> {
    /// Loads the packages of `files`. The result does not depend on the
    /// order of `files`.
    ///
    /// ```
    /// # fn main() -> Result<(), pcache_format::Error> {
    /// use pcache_format::{read::image::ImageFile, session::{Session, SessionOptions}};
    /// let files = vec![ImageFile::from_bytes("demo.pci", &pcache_testkit::demo::base_image()?)];
    /// let session = Session::load(&files, SessionOptions { require_complete: true })?;
    /// let base = session.find(pcache_testkit::demo::BASE).unwrap();
    /// let g = session.global_index(base, 0)?;
    /// assert_eq!(session.global_root(g)?, session.resolve(base, 0)?);
    /// # Ok(()) }
    /// ```
    pub fn load(files: &'a [ImageFile], options: SessionOptions) -> Result<Session<'a>> {
        Self::load_with(files, options, true, |_, _| ()).map(|(s, ())| s)
    }

    /// Like `load`, but runs `during` on the chosen packages (sorted by
    /// uuid, as `packages()` will be) and the load order on another core while roots are
    /// interned; its result comes back beside the session. `during` runs
    /// only once loading got past choosing sections and checking
    /// dependencies and load order; an interning error is returned in
    /// preference to `during`'s result. `merge` uses it to check and write
    /// package sections meanwhile.
    pub(crate) fn load_overlapped<T: Send>(
        files: &'a [ImageFile],
        options: SessionOptions,
        during: impl FnOnce(&[LoadedPackage<'a>], &[u32]) -> T + Send,
    ) -> Result<(Session<'a>, T)> {
        Self::load_with(files, options, true, during)
    }

    /// Like `load`, but always interns afresh, never using a stored index
    /// (what `verify` compares a stored index with).
    pub fn load_interning(files: &'a [ImageFile], options: SessionOptions) -> Result<Session<'a>> {
        Self::load_with(files, options, false, |_, _| ()).map(|(s, ())| s)
    }

    fn load_with<T: Send>(
        files: &'a [ImageFile],
        options: SessionOptions,
        use_stored: bool,
        during: impl FnOnce(&[LoadedPackage<'a>], &[u32]) -> T + Send,
    ) -> Result<(Session<'a>, T)> {
        let mut candidates: BTreeMap<Uuid, Vec<LoadedPackage<'a>>> = BTreeMap::new();
        let mut images = Vec::with_capacity(files.len());
        for (fi, file) in files.iter().enumerate() {
            let image = file.image()?;
            for view in &image.packages {
                let loaded = LoadedPackage::new(view, fi).map_err(|e| e.in_file(file.path()))?;
                candidates.entry(view.uuid).or_default().push(loaded);
            }
            images.push(image);
        }
        let mut packages = Vec::with_capacity(candidates.len());
        for (_, group) in candidates {
            packages.push(choose(group, files)?);
        }
        check_deps(&packages, options)?;
        let load_order = load_order(&packages)?;

        // A merged image holding exactly the chosen sections already has the
        // canonical index: use it without touching any root.
        for (fi, image) in images.iter().enumerate() {
            let same = use_stored && holds_exactly(image, &packages);
            if !same {
                continue;
            }
            if let Some(index) = image.index().map_err(|e| e.in_file(files[fi].path()))? {
                check_index_bounds(index, &packages, &load_order)
                    .map_err(|e| e.in_file(files[fi].path()))?;
                let t = during(&packages, &load_order);
                let session = Session {
                    packages,
                    load_order,
                    reindex: Reindex::Stored(index),
                    stats: SessionStats {
                        roots_interned: 0,
                        used_stored_index: true,
                    },
                };
                return Ok((session, t));
            }
        }
        let (interned, t) = rayon::join(
            || intern(&packages, &load_order, files),
            || during(&packages, &load_order),
        );
        let (global, starts, reindex, interned) = interned?;
        let session = Session {
            packages,
            load_order,
            reindex: Reindex::Built {
                global,
                starts,
                reindex,
            },
            stats: SessionStats {
                roots_interned: interned,
                used_stored_index: false,
            },
        };
        Ok((session, t))
    }

    /// The packages, sorted by uuid (section order of a merged image).
    pub fn packages(&self) -> &[LoadedPackage<'a>] {
        &self.packages
    }

    /// Package ordinals in load order.
    pub fn load_order(&self) -> &[u32] {
        &self.load_order
    }

    /// The ordinal of a package.
    pub fn find(&self, uuid: Uuid) -> Option<usize> {
        self.packages
            .binary_search_by_key(&uuid, |p| p.view.uuid)
            .ok()
    }

    /// What loading did.
    pub fn stats(&self) -> SessionStats {
        self.stats
    }

    /// Number of roots in the global table.
    pub fn global_len(&self) -> usize {
        match &self.reindex {
            Reindex::Stored(ix) => ix.global.len(),
            Reindex::Built { global, .. } => global.len(),
        }
    }

    /// Global index of root `local` of package ordinal `pkg`, in O(1).
    pub fn global_index(&self, pkg: usize, local: usize) -> Result<u32> {
        let p = self
            .packages
            .get(pkg)
            .ok_or_else(|| Error::invalid(format!("no package ordinal {pkg}")))?;
        if local >= p.roots.len() {
            return Err(Error::invalid(format!(
                "package {}: root index {local} is out of range ({} roots)",
                p.label(),
                p.roots.len()
            )));
        }
        Ok(match &self.reindex {
            Reindex::Stored(ix) => {
                ix.reindex[ix.reindex_starts[pkg].to_native() as usize + local].to_native()
            }
            Reindex::Built {
                starts, reindex, ..
            } => reindex[starts[pkg] as usize + local],
        })
    }

    /// Root `local` of package ordinal `pkg`, in O(1).
    pub fn resolve(&self, pkg: usize, local: usize) -> Result<Root> {
        let p = self
            .packages
            .get(pkg)
            .ok_or_else(|| Error::invalid(format!("no package ordinal {pkg}")))?;
        p.roots.get(local)
    }

    /// The first occurrence of global root `g`: (package ordinal, local index).
    pub fn global_ref(&self, g: u32) -> Result<(usize, usize)> {
        let (package, index) = match &self.reindex {
            Reindex::Stored(ix) => ix
                .global
                .get(g as usize)
                .map(|r| (r.package.to_native(), r.index.to_native())),
            Reindex::Built { global, .. } => global.get(g as usize).map(|r| (r.package, r.index)),
        }
        .ok_or_else(|| Error::invalid(format!("global root {g} is out of range")))?;
        Ok((package as usize, index as usize))
    }

    /// The value of global root `g`, in O(1).
    pub fn global_root(&self, g: u32) -> Result<Root> {
        let (p, i) = self.global_ref(g)?;
        self.resolve(p, i)
    }

    /// The index section a merged image of this session holds, moving the
    /// interned tables out rather than copying them.
    pub(crate) fn into_index(self) -> Index {
        match self.reindex {
            Reindex::Built {
                global,
                starts,
                reindex,
            } => Index {
                load_order: self.load_order,
                global,
                reindex_starts: starts,
                reindex,
            },
            Reindex::Stored(_) => self.index(),
        }
    }

    /// The index section a merged image of this session holds.
    pub fn index(&self) -> Index {
        match &self.reindex {
            Reindex::Stored(ix) => ix.to_owned_index(),
            Reindex::Built {
                global,
                starts,
                reindex,
            } => Index {
                load_order: self.load_order.clone(),
                global: global.clone(),
                reindex_starts: starts.clone(),
                reindex: reindex.clone(),
            },
        }
    }
}

/// Picks one section among several of the same uuid (SPEC.md §7).
fn choose<'a>(mut group: Vec<LoadedPackage<'a>>, files: &[ImageFile]) -> Result<LoadedPackage<'a>> {
    // Longest root table first; among equals, the one that carries the
    // most (fewest stripped bits), then a deterministic tie-break.
    let carried = |p: &LoadedPackage<'_>| {
        crate::model::stripped::effective_stripped(p.meta.meta.stripped.to_native()).count_ones()
    };
    group.sort_by(|a, b| {
        b.roots
            .len()
            .cmp(&a.roots.len())
            .then(carried(a).cmp(&carried(b)))
            .then(a.view.build_id.cmp(&b.view.build_id))
    });
    if group.len() > 1 {
        check_stripped_builds(&group, files)?;
    }
    let winner = group.swap_remove(0);
    for other in &group {
        if other.view.build_id == winner.view.build_id {
            continue;
        }
        let conflict = |what: String| conflict_between(&winner, other, files, &what);
        for (what, a, b) in [
            ("name", winner.meta.name()?, other.meta.name()?),
            ("version", winner.meta.version()?, other.meta.version()?),
        ] {
            if a != b {
                return Err(conflict(format!("{what} {a:?} vs {b:?}")));
            }
        }
        for i in 0..other.roots.len() {
            if winner.roots.raw(i)? != other.roots.raw(i)? {
                let (a, b) = root::display_pair(
                    &root::display_full(&winner.roots.get(i)?),
                    &root::display_full(&other.roots.get(i)?),
                );
                return Err(conflict(format!(
                    "first differing root index {i}: {a} vs {b}"
                )));
            }
        }
        if other.roots.len() == winner.roots.len() && !stripped_apart(&winner, other) {
            return Err(conflict(format!(
                "equal root tables ({} roots) but different sections (build ids {} and {})",
                winner.roots.len(),
                winner.view.build_id,
                other.view.build_id
            )));
        }
    }
    Ok(winner)
}

/// Whether two sections of one package are builds that differ in what was
/// stripped from them (`check_stripped_builds` has checked that they agree
/// on everything both carry).
fn stripped_apart(a: &LoadedPackage<'_>, b: &LoadedPackage<'_>) -> bool {
    a.meta.meta.stripped.to_native() != b.meta.meta.stripped.to_native()
}

/// Sections of one package with equal root tables but different stripped
/// bits (SPEC.md §7): the first (the winner, sorted by `choose`) must carry
/// everything each other one carries, and they must agree on everything
/// both carry; anything else is a conflict naming what differs. Sections
/// are decoded (after checking their checksums) only in this case.
fn check_stripped_builds(group: &[LoadedPackage<'_>], files: &[ImageFile]) -> Result<()> {
    let winner = &group[0];
    let others: Vec<&LoadedPackage<'_>> = group[1..]
        .iter()
        .filter(|o| {
            o.roots.len() == winner.roots.len()
                && o.view.build_id != winner.view.build_id
                && stripped_apart(winner, o)
        })
        .collect();
    if others.is_empty() {
        return Ok(());
    }
    let decode = |p: &LoadedPackage<'_>| -> Result<crate::model::Package> {
        p.view
            .check_checksum()
            .and_then(|()| p.view.to_package())
            .map_err(|e| e.in_file(files[p.file].path()))
    };
    let wbits = winner.meta.meta.stripped.to_native();
    let wpkg = decode(winner)?;
    for other in others {
        let obits = other.meta.meta.stripped.to_native();
        let conflict = |what: String| conflict_between(winner, other, files, &what);
        if !crate::model::stripped::carries_all_of(wbits, obits) {
            return Err(conflict(format!(
                "the builds were stripped differently ({} vs {}) and neither carries everything the other does",
                crate::model::stripped::describe(wbits),
                crate::model::stripped::describe(obits)
            ))
            .with_hint("strip both alike, or merge with the unstripped build"));
        }
        let opkg = decode(other)?;
        if let Some(what) = crate::model::stripped::first_disagreement(&wpkg, wbits, &opkg, obits) {
            return Err(conflict(format!(
                "stripped ({}) and {} builds disagree on something both carry: {what}",
                crate::model::stripped::describe(obits),
                if wbits == 0 {
                    "unstripped".to_owned()
                } else {
                    format!("stripped ({})", crate::model::stripped::describe(wbits))
                }
            )));
        }
    }
    Ok(())
}

fn check_deps(packages: &[LoadedPackage<'_>], options: SessionOptions) -> Result<()> {
    for p in packages {
        for dep in p.meta.meta.deps.iter() {
            let uuid = Uuid::from_bytes(dep.uuid);
            let name = p.meta.strings.get(&dep.name)?;
            match packages.binary_search_by_key(&uuid, |q| q.view.uuid) {
                Ok(q) => {
                    let present = packages[q].view.build_id;
                    if dep.has_build_id.to_native() != 0 && dep.build_id != present.0 {
                        return Err(Error::invalid(format!(
                            "stale: package {} was compiled against {name} ({uuid}) build {}, but the loaded {name} is build {present}",
                            p.label(),
                            hex::encode(dep.build_id),
                        ))
                        .with_hint(format!("rebuild {} against the present {name}", p.label())));
                    }
                }
                Err(_) if crate::model::decl::is_builtin(&dep.uuid) => {}
                Err(_) if options.require_complete => {
                    return Err(Error::invalid(format!(
                        "missing dependency: package {} needs {name} ({uuid}), which is not loaded",
                        p.label()
                    ))
                    .with_hint("add the image that holds it"));
                }
                Err(_) => {}
            }
        }
    }
    Ok(())
}

/// Dependencies before dependents, ties broken by uuid (Kahn's algorithm).
pub(crate) fn load_order(packages: &[LoadedPackage<'_>]) -> Result<Vec<u32>> {
    let n = packages.len();
    let mut indegree = vec![0usize; n];
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut deps_of: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (p, pkg) in packages.iter().enumerate() {
        for dep in pkg.meta.meta.deps.iter() {
            let uuid = Uuid::from_bytes(dep.uuid);
            if let Ok(q) = packages.binary_search_by_key(&uuid, |x| x.view.uuid) {
                indegree[p] += 1;
                dependents[q].push(p);
                deps_of[p].push(q);
            }
        }
    }
    // Ordinals follow uuid order, so the smallest ordinal is the smallest uuid.
    let mut ready: BinaryHeap<Reverse<usize>> =
        (0..n).filter(|&p| indegree[p] == 0).map(Reverse).collect();
    let mut order = Vec::with_capacity(n);
    while let Some(Reverse(p)) = ready.pop() {
        order.push(p as u32);
        for &d in &dependents[p] {
            indegree[d] -= 1;
            if indegree[d] == 0 {
                ready.push(Reverse(d));
            }
        }
    }
    if order.len() < n {
        let cycle = find_cycle(&deps_of, &indegree);
        let names: Vec<String> = cycle.iter().map(|&p| packages[p].label()).collect();
        return Err(Error::invalid(format!(
            "dependency cycle: {}",
            names.join(" -> ")
        )));
    }
    Ok(order)
}

/// A cycle among the nodes Kahn's algorithm could not order, starting at the
/// smallest such ordinal, as a closed path.
fn find_cycle(deps_of: &[Vec<usize>], indegree: &[usize]) -> Vec<usize> {
    let stuck = |p: usize| indegree[p] > 0;
    let start = (0..indegree.len())
        .find(|&p| stuck(p))
        .expect("a stuck node");
    let mut path = vec![start];
    let mut pos = vec![usize::MAX; indegree.len()];
    pos[start] = 0;
    let mut at = start;
    loop {
        // Every stuck node has a stuck dependency; follow the smallest.
        let next = deps_of[at]
            .iter()
            .copied()
            .filter(|&q| stuck(q))
            .min()
            .expect("a stuck node has a stuck dependency");
        if pos[next] != usize::MAX {
            let mut cycle = path[pos[next]..].to_vec();
            cycle.push(next);
            return cycle;
        }
        pos[next] = path.len();
        path.push(next);
        at = next;
    }
}

type Interned = (Vec<GlobalRoot>, Vec<u32>, Vec<u32>, u64);

/// Interns every root in load order (SPEC.md §7), by stored fingerprint;
/// then confirms every hit by comparing encodings, packages in parallel,
/// reporting the first bad hit in load order as interning in one pass would.
fn intern(packages: &[LoadedPackage<'_>], order: &[u32], files: &[ImageFile]) -> Result<Interned> {
    use rayon::prelude::*;
    let total: usize = packages.iter().map(|p| p.roots.len()).sum();
    if total >= u32::MAX as usize {
        return Err(Error::invalid(format!(
            "{total} roots in all: more than a merged image can index"
        )));
    }
    let mut starts = Vec::with_capacity(packages.len() + 1);
    starts.push(0u32);
    for p in packages {
        starts.push(starts.last().expect("one") + p.roots.len() as u32);
    }
    let mut reindex = vec![0u32; total];
    let mut table = FpTable::new(total / 2);
    // Room for every root to be distinct: only the pages used are touched,
    // and growing by copying (tens of MiB) is what this avoids.
    let mut fps: Vec<Fingerprint> = Vec::with_capacity(total);
    let mut global = Vec::with_capacity(total);
    for &p in order {
        let pkg = &packages[p as usize];
        let local = &pkg.roots.roots.fingerprints;
        let start = starts[p as usize] as usize;
        let out = &mut reindex[start..start + local.len()];
        table.reserve(local.len(), &fps);
        for (c, chunk) in local.chunks(BATCH).enumerate() {
            let mut hs = [0u64; BATCH];
            for (h, fp) in hs.iter_mut().zip(chunk) {
                *h = table.hash(fp);
                table.prefetch(*h);
            }
            for (k, (fp, &h)) in chunk.iter().zip(&hs).enumerate() {
                let i = c * BATCH + k;
                let (g, new) = table.intern(h, fp, &mut fps);
                if new {
                    global.push(GlobalRoot {
                        package: p,
                        index: i as u32,
                    });
                }
                out[i] = g;
            }
        }
    }
    drop(table);
    drop(fps);
    // Confirm hits: the first problem per package, then the first in load order.
    let first_bad = order
        .par_iter()
        .map(|&p| {
            let pkg = &packages[p as usize];
            let start = starts[p as usize] as usize;
            let local = &reindex[start..start + pkg.roots.len()];
            // In batches: fetch the first occurrences' entries, then their
            // ends, then their bytes, so the cache misses of a batch overlap.
            const CONFIRM_BATCH: usize = 64;
            let mut firsts = [GlobalRoot {
                package: 0,
                index: 0,
            }; CONFIRM_BATCH];
            for (c, chunk) in local.chunks(CONFIRM_BATCH).enumerate() {
                for &g in chunk {
                    prefetch(&global[g as usize]);
                }
                for (f, &g) in firsts.iter_mut().zip(chunk) {
                    *f = global[g as usize];
                    let r = packages[f.package as usize].roots.roots;
                    if let Some(e) = r.ends.get(f.index as usize) {
                        prefetch(e);
                    }
                }
                for f in &firsts[..chunk.len()] {
                    packages[f.package as usize]
                        .roots
                        .prefetch_data(f.index as usize);
                }
                for (k, &first) in firsts[..chunk.len()].iter().enumerate() {
                    let i = c * CONFIRM_BATCH + k;
                    if first.package == p && first.index == i as u32 {
                        continue;
                    }
                let there = packages[first.package as usize]
                    .roots
                    .raw(first.index as usize)?;
                if there != pkg.roots.raw(i)? {
                    return Err(Error::invalid(format!(
                        "package {}: root {i} has the fingerprint of a different value (corrupt fingerprint)",
                        pkg.label()
                    ))
                    .in_file(files[pkg.file].path())
                    .with_hint("run pcache verify on this file"));
                }
                }
            }
            Ok(())
        })
        .collect::<Vec<Result<()>>>();
    for r in first_bad {
        r?;
    }
    Ok((global, starts, reindex, total as u64))
}

/// Whether `image` holds exactly the package sections of `packages`, in
/// order (the image whose stored index a session over `packages` may use).
pub(crate) fn holds_exactly(image: &Image<'_>, packages: &[LoadedPackage<'_>]) -> bool {
    image.packages.len() == packages.len()
        && image
            .packages
            .iter()
            .zip(packages)
            .all(|(v, p)| v.build_id == p.view.build_id)
}

/// The first part of `stored` that differs from `fresh` (the index
/// interning gives), named for messages; `None` when they are equal.
pub(crate) fn index_difference(stored: &Index, fresh: &Index) -> Option<String> {
    if stored.load_order != fresh.load_order {
        Some("load order".to_owned())
    } else if stored.global != fresh.global {
        Some("global root table".to_owned())
    } else if stored.reindex_starts != fresh.reindex_starts {
        Some("reindex vector bounds".to_owned())
    } else {
        (0..stored.reindex.len().max(fresh.reindex.len()))
            .find(|&i| stored.reindex.get(i) != fresh.reindex.get(i))
            .map(|i| format!("reindex entry {i}"))
    }
}

/// Checks a stored index against its packages in O(packages): vector
/// lengths and load order. Entries are range-checked when resolved, so
/// opening never scans a root or a reindex vector.
pub(crate) fn check_index_bounds(
    ix: &ArchivedIndex,
    packages: &[LoadedPackage<'_>],
    order: &[u32],
) -> Result<()> {
    let bad = |msg: &str| Error::invalid(msg.to_owned()).in_section("index");
    if ix.load_order.len() != order.len()
        || ix
            .load_order
            .iter()
            .zip(order)
            .any(|(a, b)| a.to_native() != *b)
    {
        return Err(bad("stored load order is not the canonical one"));
    }
    if ix.reindex_starts.len() != packages.len() + 1 || ix.reindex_starts[0].to_native() != 0 {
        return Err(bad("reindex_starts has the wrong length"));
    }
    for (p, pkg) in packages.iter().enumerate() {
        let (a, b) = (
            ix.reindex_starts[p].to_native(),
            ix.reindex_starts[p + 1].to_native(),
        );
        if b < a || (b - a) as usize != pkg.roots.len() {
            return Err(bad(&format!(
                "reindex vector of package {} has the wrong length",
                pkg.label()
            )));
        }
    }
    if ix.reindex_starts[packages.len()].to_native() as usize != ix.reindex.len() {
        return Err(bad("reindex_starts does not cover reindex"));
    }
    Ok(())
}

/// A merge conflict: package `a` differs between two inputs.
fn conflict_between(
    a: &LoadedPackage<'_>,
    b: &LoadedPackage<'_>,
    files: &[ImageFile],
    what: &str,
) -> Error {
    Error::invalid(format!(
        "conflict: package {} differs between {} and {}: {what}",
        a.label(),
        files[a.file].path().display(),
        files[b.file].path().display()
    ))
}
