//! The part table of a package section (SPEC.md §4): magic, count and the
//! names of the parts, in order.

/// Magic of a package section's part table.
pub(crate) const PART_MAGIC: [u8; 4] = *b"PCPK";
/// Parts in a version 3.0 package section.
pub(crate) const PART_COUNT: usize = 5;
/// Names of the parts, in order.
pub(crate) const PART_NAMES: [&str; PART_COUNT] = ["meta", "roots", "defs", "code", "generated"];

/// The name of part `i` ("unknown" for a part a newer minor version added).
pub(crate) fn part_name(i: usize) -> &'static str {
    PART_NAMES.get(i).copied().unwrap_or("unknown")
}
