//! Named caps on what a file or document may claim. Every count or length
//! read from untrusted bytes is checked against the bytes that remain; these
//! caps bound what is left (nesting, text sizes, table sizes).

/// Most sections one image may have (packages plus the index).
pub const MAX_SECTIONS: u32 = 1 << 20;
/// Most parts a package section may declare (newer minor versions may add parts).
pub const MAX_PARTS: u32 = 64;
/// Longest section an rkyv part may be: 32-bit relative pointers.
pub(crate) const MAX_PART_LEN: u64 = (i32::MAX as u64) - 16;
/// Longest name, version or signature text in a package.
pub(crate) const MAX_TEXT_LEN: usize = 1 << 20;
/// Longest JSON document `pack` reads.
pub const MAX_JSON_LEN: u64 = 1 << 32;
/// Files smaller than this are read into memory rather than mapped.
pub const MAP_THRESHOLD: u64 = 64 * 1024;
/// Most bytes read from a stream (a pipe, standard input) that cannot be
/// mapped: the buffer grows only with bytes actually read, up to this.
pub(crate) const MAX_STREAM_LEN: u64 = 1 << 36;
