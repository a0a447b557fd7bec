//! Writing files so that nothing is lost: a temporary file in the
//! destination's directory, synced, then renamed over the destination.
//!
//! Before anything is written, [`destination`] decides where the bytes go:
//! a symbolic link is followed to its target (the new file replaces the
//! target, atomically, beside it); anything that is not a regular file
//! (a device, a FIFO, a socket, a directory) is refused; a write-protected
//! file is refused unless forced; an existing file's permission bits are
//! kept. Temporary files in flight are listed, so that a signal handler can
//! remove them ([`remove_temporaries`]).

use std::collections::BTreeSet;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{Error, Result};

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Where an output's bytes go, decided before anything is written.
#[derive(Debug, Clone)]
pub struct Destination {
    /// The path the user gave (named in messages).
    pub(crate) given: PathBuf,
    /// The file that is replaced: `given`, or the target of the symbolic
    /// links it names.
    pub target: PathBuf,
    /// The permission bits of the file replaced, if it exists.
    pub mode: Option<u32>,
}

/// Most symbolic links followed to find an output's target.
const MAX_LINKS: usize = 40;

/// Decides where the output `path` is written: follows symbolic links to
/// the file they name, refuses anything that exists and is not a regular
/// file, and refuses a write-protected file unless `force`.
pub fn destination(path: &Path, force: bool) -> Result<Destination> {
    let mut target = path.to_path_buf();
    let mut hops = 0;
    let meta = loop {
        match std::fs::symlink_metadata(&target) {
            Ok(m) if m.file_type().is_symlink() => {
                hops += 1;
                if hops > MAX_LINKS {
                    return Err(Error::io("too many levels of symbolic links").in_file(path));
                }
                let link = std::fs::read_link(&target)
                    .map_err(|e| Error::from_io(e, "read the link", path))?;
                target = parent(&target).join(link);
            }
            Ok(m) => break Some(m),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => break None,
            Err(e) => return Err(Error::from_io(e, "stat", path)),
        }
    };
    let mut mode = None;
    if let Some(meta) = meta {
        if !meta.is_file() {
            return Err(Error::io(format!(
                "is {}, not a regular file: pcache only writes regular files",
                file_kind(&meta)
            ))
            .in_file(path)
            .with_hint("give a path to a regular file, or - for standard output"));
        }
        if meta.permissions().readonly() && !force {
            return Err(Error::io("is write-protected")
                .in_file(path)
                .with_hint("pass --force to replace it anyway"));
        }
        mode = Some(permission_bits(&meta));
    }
    Ok(Destination {
        given: path.to_path_buf(),
        target,
        mode,
    })
}

#[cfg(unix)]
fn permission_bits(meta: &std::fs::Metadata) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o7777
}

#[cfg(not(unix))]
fn permission_bits(meta: &std::fs::Metadata) -> u32 {
    if meta.permissions().readonly() {
        0o444
    } else {
        0o666
    }
}

fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    "not a regular file"
}

/// The temporary files being written now (removed by a signal handler).
static TEMPORARIES: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());

/// Removes every temporary file being written now, and keeps any new one
/// from being created: for a signal handler, just before the process ends.
/// Never returns the list's lock, so call it only on the way out.
pub fn remove_temporaries() {
    let list = TEMPORARIES.lock().unwrap_or_else(|e| e.into_inner());
    for path in list.iter() {
        let _ = std::fs::remove_file(path);
    }
    // Held until the process ends: temp_beside blocks, persist's rename
    // may still complete (then the removal above found nothing).
    std::mem::forget(list);
}

/// A temporary file beside an output, listed in [`temporaries`] until it
/// is renamed into place or dropped (which removes it).
pub(crate) struct TempFile {
    // Some until `persist` takes it.
    tmp: Option<tempfile::NamedTempFile>,
    file: std::fs::File,
    path: PathBuf,
}

impl TempFile {
    /// The open file.
    pub(crate) fn as_file(&self) -> &std::fs::File {
        &self.file
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        // Removes the file unless it was renamed into place.
        drop(self.tmp.take());
        let mut list = TEMPORARIES.lock().unwrap_or_else(|e| e.into_inner());
        list.remove(&self.path);
    }
}

impl Write for TempFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        (&self.file).write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        (&self.file).flush()
    }
}

/// A new temporary file beside `dest`'s target, for [`persist`]. It gets
/// the permission bits of the file it replaces, or those of any new file
/// (0666 less the umask), not a temporary file's 0600.
pub(crate) fn temp_beside(dest: &Destination) -> Result<TempFile> {
    let dir = parent(&dest.target);
    let mut builder = tempfile::Builder::new();
    builder.prefix(".pcache-tmp-");
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    // Listed before it exists, so that a signal between creating and
    // listing cannot leave it behind.
    let mut list = TEMPORARIES.lock().unwrap_or_else(|e| e.into_inner());
    // tempfile's error names the temporary path; the user named the output.
    let tmp = builder.tempfile_in(dir).map_err(|e| {
        let text = e.to_string();
        let cause = text.split(" at path ").next().unwrap_or_default();
        Error::io(format!(
            "cannot create a temporary file in {}: {cause}",
            dir.display()
        ))
        .in_file(&dest.given)
    })?;
    let path = tmp.path().to_path_buf();
    list.insert(path.clone());
    drop(list);
    let file = tmp
        .as_file()
        .try_clone()
        .map_err(|e| Error::from_io(e, "write", &dest.given))?;
    let tmp = TempFile {
        tmp: Some(tmp),
        file,
        path,
    };
    if let Some(mode) = dest.mode {
        set_mode(tmp.as_file(), mode).map_err(|e| Error::from_io(e, "write", &dest.given))?;
    }
    Ok(tmp)
}

#[cfg(unix)]
fn set_mode(file: &std::fs::File, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(file: &std::fs::File, mode: u32) -> std::io::Result<()> {
    let mut p = file.metadata()?.permissions();
    p.set_readonly(mode & 0o222 == 0);
    file.set_permissions(p)
}

/// Syncs a filled temporary file and renames it over `dest`'s target, then
/// syncs the directory: the second half of [`write_atomic`], for writers
/// that fill the file out of order.
pub(crate) fn persist(tmp: TempFile, dest: &Destination) -> Result<()> {
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::from_io(e, "sync", &dest.given))?;
    let mut tmp = tmp;
    if let Some(inner) = tmp.tmp.take() {
        inner
            .persist(&dest.target)
            .map_err(|e| Error::from_io(e.error, "rename into place", &dest.given))?;
    }
    drop(tmp);
    // Make the rename itself durable.
    if let Ok(d) = std::fs::File::open(parent(&dest.target)) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Writes `dest` atomically with `fill`. A process killed at any point
/// leaves either the old file or the complete new one at the destination.
pub fn write_atomic(
    dest: &Destination,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let mut out = BufWriter::with_capacity(1 << 20, temp_beside(dest)?);
    fill(&mut out).map_err(|e| Error::from_io(e, "write", &dest.given))?;
    let tmp = out
        .into_inner()
        .map_err(|e| Error::from_io(e.into_error(), "write", &dest.given))?;
    persist(tmp, dest)
}

/// [`write_atomic`] to a path, with the checks of [`destination`] (no
/// `--force`): for writers of files the user did not name one by one.
pub fn write_file(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    write_atomic(&destination(path, false)?, fill)
}
