//! The on-disk definitions (SPEC.md §3, §4): the frame of an image, the
//! part table of a package section, the archived (rkyv) section structs and
//! the limits on what a file may claim. Nothing here reads or writes a file.

pub mod archive;
pub mod frame;
pub mod limits;
pub(crate) mod parts;
