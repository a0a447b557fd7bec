//! The one checked reader of file bytes: a window onto a file that knows
//! where it starts in the file. Every read is bounds-checked (`None` past
//! the end, never a panic) and [`Window::offset`] turns a position in the
//! window into a file offset, so errors carry absolute offsets.

/// A run of file bytes and its offset in the file.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Window<'a> {
    bytes: &'a [u8],
    base: u64,
}

impl<'a> Window<'a> {
    /// A whole file.
    pub(crate) fn file(bytes: &'a [u8]) -> Self {
        Window { bytes, base: 0 }
    }

    /// The bytes of the window.
    pub(crate) fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// Bytes in the window.
    pub(crate) fn len(&self) -> usize {
        self.bytes.len()
    }

    /// The file offset of position `at` of the window.
    // Only the tests ask yet: the section readers take their absolute error
    // offsets from `PackageView::part_offset` (ARCHITECTURE.md, issue 14).
    #[allow(dead_code)]
    pub(crate) fn offset(&self, at: usize) -> u64 {
        self.base + at as u64
    }

    /// `len` bytes from `at`, if inside the window.
    pub(crate) fn get(&self, at: usize, len: usize) -> Option<&'a [u8]> {
        self.bytes.get(at..at.checked_add(len)?)
    }

    /// `N` bytes from `at`, if inside the window.
    pub(crate) fn array<const N: usize>(&self, at: usize) -> Option<[u8; N]> {
        self.get(at, N)?.try_into().ok()
    }

    /// The little-endian u16 at `at`.
    pub(crate) fn u16_at(&self, at: usize) -> Option<u16> {
        self.array(at).map(u16::from_le_bytes)
    }

    /// The little-endian u32 at `at`.
    pub(crate) fn u32_at(&self, at: usize) -> Option<u32> {
        self.array(at).map(u32::from_le_bytes)
    }

    /// The little-endian u64 at `at`.
    pub(crate) fn u64_at(&self, at: usize) -> Option<u64> {
        self.array(at).map(u64::from_le_bytes)
    }

    /// The part of the window `len` bytes from `at` (both relative to this
    /// window, as stored in a file), as a window of its own, if inside.
    pub(crate) fn window(&self, at: u64, len: u64) -> Option<Window<'a>> {
        let start = usize::try_from(at).ok()?;
        let end = usize::try_from(at.checked_add(len)?).ok()?;
        Some(Window {
            bytes: self.bytes.get(start..end)?,
            base: self.base + at,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_are_checked_and_offsets_absolute() {
        let data: Vec<u8> = (0..32).collect();
        let file = Window::file(&data);
        let w = file.window(8, 16).unwrap();
        assert_eq!(w.offset(4), 12);
        assert_eq!(w.u16_at(0), Some(u16::from_le_bytes([8, 9])));
        assert_eq!(
            w.u64_at(8),
            Some(u64::from_le_bytes([16, 17, 18, 19, 20, 21, 22, 23]))
        );
        assert_eq!(w.u64_at(9), None);
        assert_eq!(w.get(usize::MAX, 2), None);
        assert!(file.window(30, 4).is_none());
        assert!(file.window(u64::MAX, 1).is_none());
        assert_eq!(w.window(4, 4).unwrap().offset(0), 12);
    }
}
