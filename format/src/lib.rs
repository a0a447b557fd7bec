//! The pcache image format: precompiled package caches with per-package root
//! tables, append-only interning and reindex vectors, so that images built
//! independently merge deterministically. See SPEC.md for the format.
//!
//! Reading and writing are kept apart: [`model`] is the owned data (and its
//! JSON form), [`pack`] writes package sections, [`image`] and [`package`]
//! read them through validated rkyv access, [`session`] loads several images
//! into one global root table, [`merge`] writes merged images, [`verify`]
//! checks every invariant, [`diff`] compares images by meaning.
//!
//! ```
//! use pcache_format::{demo, image::ImageFile, merge, pack, session::{Session, SessionOptions}, verify};
//!
//! // Pack each package of the demo ecosystem into a single-package image.
//! let files: Vec<ImageFile> = demo::ecosystem()
//!     .iter()
//!     .map(|p| Ok(ImageFile::from_bytes(format!("{}.pci", p.name), &pack::image_bytes(p)?)))
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

pub mod archive;
pub mod demo;
pub mod diff;
pub mod error;
mod fptable;
pub mod fuzzing;
pub mod image;
pub mod invalidation;
pub mod layout;
pub mod limits;
pub mod merge;
pub mod model;
pub mod output;
pub mod pack;
pub mod package;
pub mod progress;
pub mod root;
pub mod semantic;
pub mod session;
pub mod strip;
pub mod synth;
pub mod verify;

pub use error::{Error, ErrorClass, Result};
pub use model::Package;
