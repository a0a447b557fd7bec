//! An image in memory: its frame, its package sections and its index. Files
//! are opened read-only and mapped (or read, when small); a mapping is never
//! written through.

use std::fs::File;
use std::path::{Path, PathBuf};

use memmap2::Mmap;
use rkyv::util::AlignedVec;

use crate::error::{Error, Result};
use crate::read::frame;
use crate::read::section::PackageView;
use crate::read::Window;
use crate::spec::archive::{ArchivedIndex, ArchivedInvalidations};
use crate::spec::frame::{section_kind, Header, SectionEntry};
use crate::spec::limits;

/// The bytes of an image file: a read-only mapping, or a 16-aligned copy.
pub(crate) enum Bytes {
    /// A read-only memory map.
    Mapped(Mmap),
    /// Bytes held in memory (small files, or data made in memory).
    Owned(AlignedVec<16>),
}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Mapped(m) => m,
            Bytes::Owned(v) => v,
        }
    }
}

/// An image file opened for reading.
pub struct ImageFile {
    path: PathBuf,
    bytes: Bytes,
}

impl ImageFile {
    /// Opens `path` read-only: regular files of at least
    /// `limits::MAP_THRESHOLD` bytes are mapped, smaller ones read. Anything
    /// else (a pipe, `/dev/stdin`, a process substitution) is read to its
    /// end, up to `limits::MAX_STREAM_LEN` bytes.
    pub fn open(path: impl AsRef<Path>) -> Result<ImageFile> {
        let path = path.as_ref();
        let file = File::open(path).map_err(|e| Error::from_io(e, "open", path))?;
        let meta = file
            .metadata()
            .map_err(|e| Error::from_io(e, "stat", path))?;
        if meta.is_dir() {
            return Err(Error::io("is a directory, not an image").in_file(path));
        }
        let bytes = if meta.is_file() && meta.len() >= limits::MAP_THRESHOLD {
            // SAFETY: the mapping is read-only and pcache never modifies a file
            // in place; SPEC.md §10 states what happens if another process does.
            let map = unsafe { Mmap::map(&file) }.map_err(|e| Error::from_io(e, "map", path))?;
            Bytes::Mapped(map)
        } else {
            Bytes::Owned(read_all(file, path)?)
        };
        Ok(ImageFile {
            path: path.to_path_buf(),
            bytes,
        })
    }

    /// Reads an image from a stream (standard input) to its end, up to
    /// `limits::MAX_STREAM_LEN` bytes; `name` stands for the path.
    pub fn from_reader(name: impl Into<PathBuf>, reader: impl std::io::Read) -> Result<ImageFile> {
        let path = name.into();
        let bytes = read_all(reader, &path)?;
        Ok(ImageFile {
            path,
            bytes: Bytes::Owned(bytes),
        })
    }

    /// Opens several files; the first failure is the error.
    pub fn open_all<P: AsRef<Path>>(paths: &[P]) -> Result<Vec<ImageFile>> {
        paths.iter().map(ImageFile::open).collect()
    }

    /// Wraps bytes made in memory (tests, fuzzing); `name` stands for the path.
    pub fn from_bytes(name: impl Into<PathBuf>, data: &[u8]) -> ImageFile {
        let mut aligned = AlignedVec::<16>::with_capacity(data.len());
        aligned.extend_from_slice(data);
        ImageFile {
            path: name.into(),
            bytes: Bytes::Owned(aligned),
        }
    }

    /// The path it was opened from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// All its bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Parses the frame; errors name this file.
    pub fn image(&self) -> Result<Image<'_>> {
        Image::parse(&self.bytes).map_err(|e| e.in_file(&self.path))
    }
}

/// Reads `reader` to its end into aligned memory. The buffer grows with the
/// bytes actually read (never with a length the input claims), up to
/// `limits::MAX_STREAM_LEN`.
fn read_all(reader: impl std::io::Read, path: &Path) -> Result<AlignedVec<16>> {
    use std::io::Read;
    let mut reader = reader.take(limits::MAX_STREAM_LEN + 1);
    let mut out = AlignedVec::<16>::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Error::from_io(e, "read", path)),
        };
        out.extend_from_slice(chunk.get(..n).unwrap_or_default());
    }
    if out.len() as u64 > limits::MAX_STREAM_LEN {
        return Err(Error::io(format!(
            "more than {} bytes from a stream; save it to a file first",
            limits::MAX_STREAM_LEN
        ))
        .in_file(path));
    }
    Ok(out)
}

/// A parsed image frame with its package sections.
pub struct Image<'a> {
    /// The whole file.
    pub(crate) bytes: &'a [u8],
    /// The header.
    pub header: Header,
    /// The section table.
    pub sections: Vec<SectionEntry>,
    /// The package sections, in file order (sorted by uuid).
    pub packages: Vec<PackageView<'a>>,
    index: Option<SectionEntry>,
    invalidations: Option<SectionEntry>,
}

impl<'a> Image<'a> {
    /// Parses and checks the header, table and part tables. Touches only
    /// those bytes: sections are validated when accessed.
    pub fn parse(bytes: &'a [u8]) -> Result<Image<'a>> {
        let (header, sections) = frame::parse(bytes)?;
        let mut packages = Vec::new();
        let mut index = None;
        let mut invalidations = None;
        for entry in &sections {
            match entry.kind {
                section_kind::PACKAGE => packages.push(PackageView::new(bytes, entry)?),
                section_kind::INDEX => index = Some(*entry),
                section_kind::INVALIDATIONS => invalidations = Some(*entry),
                _ => {}
            }
        }
        Ok(Image {
            bytes,
            header,
            sections,
            packages,
            index,
            invalidations,
        })
    }

    /// Whether this is a merged image (it has an index section).
    pub fn is_merged(&self) -> bool {
        self.index.is_some()
    }

    /// The index section's entry, if merged.
    pub fn index_entry(&self) -> Option<&SectionEntry> {
        self.index.as_ref()
    }

    /// The validated index section of a merged image.
    pub fn index(&self) -> Result<Option<&'a ArchivedIndex>> {
        self.access(self.index, "index")
    }

    /// The invalidations section's entry, if merged.
    pub fn invalidations_entry(&self) -> Option<&SectionEntry> {
        self.invalidations.as_ref()
    }

    /// The validated invalidations section of a merged image.
    pub fn invalidations(&self) -> Result<Option<&'a ArchivedInvalidations>> {
        self.access(self.invalidations, "invalidations")
    }

    /// The bytes of section `entry`, as a window that knows its offset in
    /// the file (the frame parser checked the bounds; a damaged entry is an
    /// error here, not a panic).
    pub(crate) fn section(&self, entry: &SectionEntry) -> Result<Window<'a>> {
        Window::file(self.bytes)
            .window(entry.offset, entry.len)
            .ok_or_else(|| {
                Error::invalid("section runs past the end of the file")
                    .in_section(section_name(entry))
                    .at(entry.offset)
            })
    }

    /// Checks that section `entry` still hashes to the checksum in the
    /// table (cost: hashing that section, on all cores when long).
    pub(crate) fn check_section(&self, entry: &SectionEntry) -> Result<()> {
        let bytes = self.section(entry)?.bytes();
        let sum = if bytes.len() >= 1 << 20 {
            *blake3::Hasher::new()
                .update_rayon(bytes)
                .finalize()
                .as_bytes()
        } else {
            *blake3::hash(bytes).as_bytes()
        };
        if !super::checksum_matches(&sum, &entry.checksum) {
            return Err(
                Error::invalid("section checksum mismatch (the file is damaged)")
                    .in_section(section_name(entry))
                    .at(entry.offset)
                    .with_hint("run pcache verify on this file"),
            );
        }
        Ok(())
    }

    /// Checks every section against its checksum: what a reader that
    /// decodes the whole image does first.
    pub fn check_sections(&self) -> Result<()> {
        self.sections.iter().try_for_each(|e| self.check_section(e))
    }

    /// The number of global roots of a merged image, from the section
    /// table (covered by the header checksum; verify checks it against
    /// the index).
    pub fn global_root_count(&self) -> Option<u64> {
        self.index.map(|e| u64::from_le_bytes(e.summary))
    }

    /// The packages analyzed and code instances invalidated of a merged
    /// image, from the section table (covered by the header checksum;
    /// verify checks them against the record).
    pub fn invalidation_counts(&self) -> Option<(u32, u32)> {
        self.invalidations.map(|e| {
            let [a0, a1, a2, a3, b0, b1, b2, b3] = e.summary;
            (
                u32::from_le_bytes([a0, a1, a2, a3]),
                u32::from_le_bytes([b0, b1, b2, b3]),
            )
        })
    }

    /// The validated index section, after checking its checksum.
    pub fn checked_index(&self) -> Result<Option<&'a ArchivedIndex>> {
        if let Some(e) = &self.index {
            self.check_section(e)?;
        }
        self.index()
    }

    fn access<T>(&self, entry: Option<SectionEntry>, name: &str) -> Result<Option<&'a T>>
    where
        T: rkyv::Portable
            + for<'b> rkyv::bytecheck::CheckBytes<
                rkyv::api::high::HighValidator<'b, rkyv::rancor::Error>,
            >,
    {
        let Some(entry) = entry else {
            return Ok(None);
        };
        let bytes = self.section(&entry)?.bytes();
        rkyv::access::<T, rkyv::rancor::Error>(bytes)
            .map(Some)
            .map_err(|e| {
                Error::invalid(format!("fails validation: {e}"))
                    .in_section(name)
                    .at(entry.offset)
            })
    }
}

/// How messages name a section.
fn section_name(entry: &SectionEntry) -> String {
    match entry.kind {
        section_kind::PACKAGE => format!("package {}", uuid::Uuid::from_bytes(entry.uuid)),
        section_kind::INDEX => "index".to_owned(),
        section_kind::INVALIDATIONS => "invalidations".to_owned(),
        k => format!("section of kind {k}"),
    }
}
