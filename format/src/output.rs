//! Writing files so that nothing is lost: a temporary file in the
//! destination's directory, synced, then renamed over the destination.

use std::io::{BufWriter, Write};
use std::path::Path;

use crate::error::{Error, Result};

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
    let mut builder = tempfile::Builder::new();
    builder.prefix(".pcache-tmp-");
    // Like any new file: 0666 less the umask, not a temporary file's 0600.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let tmp = builder
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
