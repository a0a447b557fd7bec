//! The one error type of the library: what failed, where (file, section,
//! byte offset) and whether the answer is "no" or the operation could not run.

use std::fmt;
use std::path::{Path, PathBuf};

/// How an error should be treated by a caller (the CLI maps it to an exit code).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorClass {
    /// The data breaks a rule of the format: a corrupt or hostile file, an
    /// invalid or malformed package document, a format version this reader
    /// does not read, a merge conflict, a stale or missing dependency. The
    /// answer is "no" (exit status 1).
    Invalid,
    /// A file could not be read or written at all (missing, permissions,
    /// not a regular file), or the command was used wrongly: exit status 2.
    Io,
}

/// An error with its location.
#[derive(Debug)]
pub struct Error {
    class: ErrorClass,
    message: String,
    file: Option<PathBuf>,
    section: Option<String>,
    offset: Option<u64>,
    hint: Option<String>,
}

/// Result alias of the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A rule of the format is broken.
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorClass::Invalid, message)
    }

    /// Input that cannot be read or parsed.
    pub fn io(message: impl Into<String>) -> Self {
        Self::new(ErrorClass::Io, message)
    }

    fn new(class: ErrorClass, message: impl Into<String>) -> Self {
        Error {
            class,
            message: message.into(),
            file: None,
            section: None,
            offset: None,
            hint: None,
        }
    }

    /// Names the file, unless one is named already.
    pub fn in_file(mut self, file: &Path) -> Self {
        self.file.get_or_insert_with(|| file.to_path_buf());
        self
    }

    /// Names the section, unless one is named already.
    pub fn in_section(mut self, section: impl Into<String>) -> Self {
        if self.section.is_none() {
            self.section = Some(section.into());
        }
        self
    }

    /// Sets the byte offset, unless one is set already.
    pub(crate) fn at(mut self, offset: u64) -> Self {
        self.offset.get_or_insert(offset);
        self
    }

    /// Adds what the user can do about it.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Whether the answer is "no" or the operation could not run.
    pub fn class(&self) -> ErrorClass {
        self.class
    }

    /// The message without location.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The file, if known.
    pub fn file(&self) -> Option<&Path> {
        self.file.as_deref()
    }

    /// The section, if known.
    pub fn section(&self) -> Option<&str> {
        self.section.as_deref()
    }

    /// The byte offset in the file (or in the section, before rebasing).
    pub fn offset(&self) -> Option<u64> {
        self.offset
    }

    /// What to do next, if there is something to do.
    pub fn hint(&self) -> Option<&str> {
        self.hint.as_deref()
    }

    pub(crate) fn from_io(err: std::io::Error, what: &str, path: &Path) -> Self {
        Error::io(format!("cannot {what}: {err}")).in_file(path)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{}: ", file.display())?;
        }
        if let Some(section) = &self.section {
            write!(f, "{section}: ")?;
        }
        f.write_str(&self.message)?;
        if let Some(offset) = self.offset {
            write!(f, " at offset {offset:#x}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}
