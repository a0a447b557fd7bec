//! Reading images: the frame (header and section table, parsed by
//! [`image::Image::parse`]), the image and its sections ([`image`]) and a
//! package section in place ([`section`]), every access validated. Every
//! read of file bytes goes through one checked reader, the crate-private
//! `Window`, which knows its offset in the file; errors carry absolute
//! offsets. Never imports [`crate::write`].

#![deny(clippy::indexing_slicing)]

pub(crate) mod frame;
pub mod image;
pub mod section;
mod window;

pub(crate) use window::Window;

/// Whether a checksum computed from file bytes matches the one stored for
/// them. This is the one place where fuzzing builds skip checksums, so that
/// mutated inputs reach the structure behind them.
pub(crate) fn checksum_matches(computed: &[u8], stored: &[u8]) -> bool {
    cfg!(fuzzing) || computed == stored
}
