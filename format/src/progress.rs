//! Progress reporting for long operations. The library only calls these
//! hooks; the CLI draws them (or not). The default does nothing.

/// Receives progress of a long operation.
pub trait Progress: Sync {
    /// A new phase begins; `total_bytes` is 0 when unknown.
    fn phase(&self, _name: &str, _total_bytes: u64) {}
    /// Work moved on to `item` (a file or section).
    fn item(&self, _item: &str) {}
    /// `bytes` more bytes of the current phase are done.
    fn advance(&self, _bytes: u64) {}
    /// The operation is over.
    fn finish(&self) {}
}

/// Reports nothing.
pub struct Silent;

impl Progress for Silent {}

/// A writer that reports the bytes written through it.
pub(crate) struct CountingWriter<'a, W: ?Sized> {
    inner: &'a mut W,
    progress: &'a dyn Progress,
}

impl<'a, W: std::io::Write + ?Sized> CountingWriter<'a, W> {
    /// Wraps `inner`.
    pub(crate) fn new(inner: &'a mut W, progress: &'a dyn Progress) -> Self {
        CountingWriter { inner, progress }
    }
}

impl<W: std::io::Write + ?Sized> std::io::Write for CountingWriter<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.progress.advance(n as u64);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}
