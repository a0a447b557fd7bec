//! The pcache image format: precompiled package caches with per-package root
//! tables, append-only interning and reindex vectors, so that images built
//! independently merge deterministically. See SPEC.md for the format.

#![deny(missing_docs)]

pub mod archive;
pub mod demo;
pub mod error;
mod fptable;
pub mod image;
pub mod layout;
pub mod limits;
pub mod merge;
pub mod model;
pub mod output;
pub mod pack;
pub mod package;
pub mod root;
pub mod session;
pub mod synth;
pub mod verify;

pub use error::{Error, ErrorClass, Result};
pub use model::Package;
