//! The pcache image format: precompiled package caches with per-package root
//! tables, append-only interning and reindex vectors, so that images built
//! independently merge deterministically. See SPEC.md for the format.
//!
//! The crate is layered (ARCHITECTURE.md): [`spec`] holds the on-disk
//! definitions, [`model`] the owned data (and its JSON form), [`hash`] the
//! fingerprints and semantic ids; [`read`] reads images through validated
//! rkyv access and [`write`](mod@write) writes them, neither importing the other;
//! [`session`] loads several images into one global root table, [`merge`]
//! writes merged images, [`verify`] checks every invariant, [`diff`]
//! compares images by meaning and [`invalidation`] runs the analysis.
//!
//! The public items are what a loader or a tool needs; everything else is
//! crate-private. The entry points:
//!
//! | to | use |
//! |---|---|
//! | build a package, read or write its JSON | [`Package`] and [`model`] |
//! | pack a package into an image | [`write::section::image_bytes`] |
//! | open an image, read its sections in place | [`read::image::ImageFile`], [`read::image::Image`], [`read::section::PackageView`] |
//! | load images together, resolve roots | [`session::Session`] |
//! | merge | [`merge::merge_files_with`], [`merge::merged_bytes`] |
//! | verify, strip, diff | [`verify::verify_file_with`], [`strip::strip_image`], [`diff::diff_files_with`] |
//! | the invalidation analysis | [`invalidation::analyze`] |
//! | the on-disk layout | [`spec`] |
//!
//! ```
//! use pcache_testkit::demo;
//! use pcache_format::{read::image::ImageFile, merge, session::{Session, SessionOptions}, verify, write};
//!
//! // Pack each package of the demo ecosystem into a single-package image.
//! let files: Vec<ImageFile> = demo::ecosystem()
//!     .iter()
//!     .map(|p| Ok(ImageFile::from_bytes(format!("{}.pci", p.name), &write::section::image_bytes(p)?)))
//!     .collect::<Result<_, pcache_format::Error>>()?;
//!
//! // Load them together: one global root table, a reindex vector per package.
//! let session = Session::load(&files, SessionOptions { require_complete: true })?;
//! let blackjack = session.find(demo::BLACKJACK).unwrap();
//! let g = session.global_index(blackjack, 0)?;
//! assert_eq!(session.global_root(g)?, demo::blackjack().roots[0]);
//!
//! // The merged image is the same whatever the input order, and verifies.
//! let merged = merge::merged_bytes(&session, &files)?;
//! let report = verify::verify_file(&ImageFile::from_bytes("merged.pci", &merged));
//! assert!(report.problems.is_empty());
//! # Ok::<(), pcache_format::Error>(())
//! ```

#![deny(missing_docs)]

pub mod diff;
pub mod error;
pub mod hash;
pub mod invalidation;
pub mod merge;
pub mod model;
pub mod progress;
pub mod read;
pub mod session;
pub mod spec;
pub mod strip;
pub mod verify;
pub mod write;

pub use error::{Error, ErrorClass, Result};
pub use model::Package;
