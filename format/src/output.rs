//! Writing files so that nothing is lost: a temporary file in the
//! destination's directory, synced, then renamed over the destination.

use std::io::{BufWriter, Write};
use std::path::Path;

use crate::error::{Error, Result};

/// A new temporary file beside `path`, for [`persist`].
pub fn temp_beside(path: &Path) -> Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    tempfile::Builder::new()
        .prefix(".pcache-tmp-")
        .tempfile_in(dir)
        .map_err(|e| Error::from_io(e, "create a temporary file in", dir))
}

/// Syncs a filled temporary file and renames it over `path`, then syncs
/// the directory: the second half of [`write_atomic`], for writers that
/// fill the file out of order.
pub fn persist(tmp: tempfile::NamedTempFile, path: &Path) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::from_io(e, "sync", path))?;
    tmp.persist(path)
        .map_err(|e| Error::from_io(e.error, "rename into place", path))?;
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Writes `path` atomically with `fill`. A process killed at any point leaves
/// either the old file or the complete new one at `path`.
pub fn write_atomic(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let tmp = tempfile::Builder::new()
        .prefix(".pcache-tmp-")
        .tempfile_in(dir)
        .map_err(|e| Error::from_io(e, "create a temporary file in", dir))?;
    let mut out = BufWriter::with_capacity(1 << 20, tmp);
    fill(&mut out).map_err(|e| Error::from_io(e, "write", path))?;
    let tmp = out
        .into_inner()
        .map_err(|e| Error::from_io(e.into_error(), "write", path))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::from_io(e, "sync", path))?;
    tmp.persist(path)
        .map_err(|e| Error::from_io(e.error, "rename into place", path))?;
    // Make the rename itself durable.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}
