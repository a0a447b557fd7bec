//! Hostile counts and lengths: a header, table entry, part table or archive
//! vector claiming 2^60 (or 2^32 − 1) entries or bytes, or a length past the
//! end of the file, is rejected with a located problem before anything is
//! allocated in proportion to the claim. A counting global allocator
//! measures the peak memory of parsing, verifying, loading and unpacking.
//!
//! This file holds a single test so that no other test allocates while it
//! measures.

mod support;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use pcache_format::read::image::{Image, ImageFile};
use pcache_format::session::{Session, SessionOptions};
use pcache_format::spec::frame::{ENTRY_LEN, HEADER_LEN};
use pcache_format::spec::limits;
use pcache_format::verify::verify_file;
use support::{demo_merged, part, put_u32, put_u64, reseal, section, u32_at};

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let now = CURRENT.fetch_add(by, Ordering::SeqCst) + by;
    PEAK.fetch_max(now, Ordering::SeqCst);
}

// SAFETY: every call is passed on unchanged to the system allocator; the
// counters only observe sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = // SAFETY: the caller's contract for this method is passed on as is.
        unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = // SAFETY: the caller's contract for this method is passed on as is.
        unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract for this method is passed on as is.
        unsafe { System.dealloc(ptr, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::SeqCst);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = // SAFETY: the caller's contract for this method is passed on as is.
        unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            CURRENT.fetch_sub(layout.size(), Ordering::SeqCst);
            grew(new_size);
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Peak bytes allocated by `f` beyond what was allocated before it.
fn peak_of(f: impl FnOnce()) -> usize {
    let base = CURRENT.load(Ordering::SeqCst);
    PEAK.store(base, Ordering::SeqCst);
    f();
    PEAK.load(Ordering::SeqCst) - base
}

/// Runs every reader on `bytes`; returns the peak allocation and verify's
/// problems as text.
fn read_everything(bytes: &[u8]) -> (usize, Vec<String>) {
    let file = ImageFile::from_bytes("hostile.pci", bytes);
    let mut problems = Vec::new();
    let peak = peak_of(|| {
        if let Ok(image) = Image::parse(file.bytes()) {
            let _ = image.index();
            for view in &image.packages {
                let _ = view.to_package();
            }
        }
        let files = std::slice::from_ref(&file);
        if let Ok(session) = Session::load(files, SessionOptions::default()) {
            let _ = pcache_testkit::arbitrary_ecosystem::check_reindex(&session);
        }
        problems = verify_file(&file)
            .problems
            .iter()
            .map(|p| {
                assert_ne!(p.section, "file", "problem without a section: {p}");
                p.to_string()
            })
            .collect();
    });
    (peak, problems)
}

/// Offset of the root struct's `field`-th 8-byte vector in an archive.
fn vec_len_at(part_start: usize, part_len: usize, struct_len: usize, field: usize) -> usize {
    part_start + part_len - struct_len + 8 * field + 4
}

#[test]
fn hostile_claims_are_rejected_without_proportional_allocation() {
    // The allocator counts: a 10 MiB vector shows up.
    assert!(peak_of(|| drop(std::hint::black_box(vec![1u8; 10 << 20]))) >= 10 << 20);

    // The built-in declarations of Core and Base (types, thousands of
    // methods) are loaded once per process, whatever the input: load them
    // before measuring.
    drop(pcache_typesys::Universe::build(&[]));
    let image = demo_merged();
    let (baseline, ok) = read_everything(&image);
    assert!(ok.is_empty(), "{ok:?}");
    let budget = 64 * image.len() + (1 << 20);
    assert!(baseline < budget);

    type Edit = Box<dyn Fn(&mut Vec<u8>)>;
    let index_section = 3;
    let (ix_off, ix_len) = section(&image, index_section);
    let (roots_off, roots_len) = part(&image, 0, 1);
    let (code_off, code_len) = part(&image, 0, 3);
    let cases: Vec<(&str, Edit, &str)> = vec![
        (
            "file_len 2^60",
            Box::new(|b| put_u64(b, 16, 1 << 60)),
            "header",
        ),
        (
            "section count 2^32-1",
            Box::new(|b| put_u32(b, 24, u32::MAX)),
            "out of range",
        ),
        (
            "section count at the cap",
            Box::new(|b| put_u32(b, 24, limits::MAX_SECTIONS)),
            "runs past the end",
        ),
        (
            "section length 2^60",
            Box::new(|b| put_u64(b, HEADER_LEN + 16, 1 << 60)),
            "runs past the end",
        ),
        (
            "section length 2^64-1",
            Box::new(|b| put_u64(b, HEADER_LEN + 16, u64::MAX)),
            "runs past the end",
        ),
        (
            "index section offset 2^60",
            Box::new(|b| put_u64(b, HEADER_LEN + 3 * ENTRY_LEN + 8, 1 << 60)),
            "section table entry 3",
        ),
        (
            "part count 2^31",
            Box::new(|b| {
                let (off, _) = section(b, 0);
                put_u32(b, off + 4, 1 << 31)
            }),
            "part count",
        ),
        (
            "part count at the cap",
            Box::new(|b| {
                let (off, _) = section(b, 0);
                put_u32(b, off + 4, limits::MAX_PARTS)
            }),
            "package",
        ),
        (
            "roots part length 2^60",
            Box::new(|b| {
                let (off, _) = section(b, 0);
                put_u64(b, off + 8 + 16 + 8, 1 << 60)
            }),
            "runs past the section",
        ),
        (
            "root kinds vector of 2^32-1",
            Box::new(move |b| put_u32(b, vec_len_at(roots_off, roots_len, 32, 0), u32::MAX)),
            "fails validation",
        ),
        (
            "root data vector of 2^31",
            Box::new(move |b| put_u32(b, vec_len_at(roots_off, roots_len, 32, 2), 1 << 31)),
            "fails validation",
        ),
        (
            "payload vector of 2^32-1",
            Box::new(move |b| put_u32(b, vec_len_at(code_off, code_len, 40, 3), u32::MAX)),
            "fails validation",
        ),
        (
            "global table of 2^32-1",
            Box::new(move |b| put_u32(b, vec_len_at(ix_off, ix_len, 32, 1), u32::MAX)),
            "index",
        ),
        (
            "reindex vector of 2^31",
            Box::new(move |b| put_u32(b, vec_len_at(ix_off, ix_len, 32, 3), 1 << 31)),
            "index",
        ),
    ];
    for (what, edit, needle) in &cases {
        let mut hostile = image.clone();
        edit(&mut hostile);
        assert_ne!(hostile, image, "{what}: the edit changed nothing");
        reseal(&mut hostile);
        let (peak, problems) = read_everything(&hostile);
        assert!(!problems.is_empty(), "{what}: accepted");
        assert!(
            problems.iter().any(|p| p.contains(needle)),
            "{what}: {problems:?}"
        );
        assert!(
            peak < budget,
            "{what}: peak allocation {peak} bytes for a {}-byte file",
            hostile.len()
        );
    }

    // A stored reindex_starts entry claiming 2^32-1: the session refuses
    // the stored index, never indexing with it.
    let mut hostile = image.clone();
    let starts_field = vec_len_at(ix_off, ix_len, 32, 2) - 4;
    let rel = i32::from_le_bytes(hostile[starts_field..starts_field + 4].try_into().unwrap());
    let starts_at = (starts_field as i64 + rel as i64) as usize;
    assert_eq!(u32_at(&hostile, starts_at), 0);
    put_u32(&mut hostile, starts_at + 4, u32::MAX);
    reseal(&mut hostile);
    let (peak, problems) = read_everything(&hostile);
    assert!(peak < budget);
    assert!(problems.iter().any(|p| p.contains("index")), "{problems:?}");
    let files = vec![ImageFile::from_bytes("h.pci", &hostile)];
    let err = Session::load(&files, SessionOptions::default())
        .err()
        .expect("a lying reindex_starts is rejected");
    assert!(err.to_string().contains("reindex"), "{err}");
}
