//! Times the invalidation analysis of a merged image (what `merge` and
//! `verify --deep` run), for profiling:
//!
//! ```text
//! cargo run --release -p pcache-format --example analyze -- merged.pci [RUNS]
//! ```

use std::time::Instant;

use pcache_format::invalidation;
use pcache_format::read::image::ImageFile;
use pcache_format::session::{Session, SessionOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: analyze MERGED.pci [RUNS]")?;
    let runs: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(3);
    let files = [ImageFile::open(&path)?];
    let session = Session::load(&files, SessionOptions::default())?;
    for _ in 0..runs {
        let start = Instant::now();
        let outcome = invalidation::analyze(session.packages(), session.load_order())?;
        println!(
            "{:.1} ms: {} invalidated; slice {:?}",
            start.elapsed().as_secs_f64() * 1e3,
            outcome.record.entries.len(),
            outcome.slice
        );
    }
    Ok(())
}
