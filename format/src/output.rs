//! Writing files so that nothing is lost: a temporary file in the
//! destination's directory, synced, then renamed over the destination.

use std::io::{BufWriter, Write};
use std::path::Path;

use crate::error::{Error, Result};

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// A new temporary file beside `path`, for [`persist`]. It is created like
/// any new file (0666 less the umask), not with a temporary file's 0600.
pub fn temp_beside(path: &Path) -> Result<tempfile::NamedTempFile> {
    let dir = parent(path);
    let mut builder = tempfile::Builder::new();
    builder.prefix(".pcache-tmp-");
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    builder
        .tempfile_in(dir)
        .map_err(|e| Error::from_io(e, "create a temporary file in", dir))
}

/// Syncs a filled temporary file and renames it over `path`, then syncs
/// the directory: the second half of [`write_atomic`], for writers that
/// fill the file out of order.
pub fn persist(tmp: tempfile::NamedTempFile, path: &Path) -> Result<()> {
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::from_io(e, "sync", path))?;
    tmp.persist(path)
        .map_err(|e| Error::from_io(e.error, "rename into place", path))?;
    // Make the rename itself durable.
    if let Ok(d) = std::fs::File::open(parent(path)) {
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
    let mut out = BufWriter::with_capacity(1 << 20, temp_beside(path)?);
    fill(&mut out).map_err(|e| Error::from_io(e, "write", path))?;
    let tmp = out
        .into_inner()
        .map_err(|e| Error::from_io(e.into_error(), "write", path))?;
    persist(tmp, path)
}
