//! Declaration errors: which package, where in it, the text, and what.

use std::fmt;

use crate::syntax::ParseError;

/// What is wrong with a declaration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeclErrorKind {
    /// The text does not parse.
    Parse(ParseError),
    /// A type name that resolves to nothing visible.
    UnknownType(String),
    /// A function name that resolves to nothing visible.
    UnknownFunction(String),
    /// A qualifier that names no package in the dependency closure.
    UnknownPackage(String),
    /// A name visible from several unrelated packages.
    Ambiguous {
        /// The name.
        name: String,
        /// Names of the packages it could come from.
        candidates: Vec<String>,
    },
    /// Wrong number of type parameters.
    Arity {
        /// Type name.
        name: String,
        /// Declared number of parameters.
        expected: usize,
        /// Number written.
        found: usize,
    },
    /// A `MethodKey` that names no method.
    UnknownMethod(String),
    /// A type query ran out of its step budget
    /// ([`crate::limits::SUBTYPE_STEPS`]).
    Budget,
    /// Any other malformed declaration.
    Invalid(String),
}

/// A declaration error: which package, where in it, the offending text, and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeclError {
    /// Package name.
    pub package: String,
    /// Where in the package, e.g. `method score` or `code 0 edge 1`.
    pub context: String,
    /// The text being resolved (may be empty).
    pub text: String,
    /// The problem (boxed to keep `Result`s small).
    pub kind: Box<DeclErrorKind>,
}

impl fmt::Display for DeclError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "package {}: {}: ", self.package, self.context)?;
        match &*self.kind {
            DeclErrorKind::Parse(e) => write!(f, "syntax error {e} in `{}`", self.text),
            DeclErrorKind::UnknownType(n) => write!(f, "unknown type `{n}` in `{}`", self.text),
            DeclErrorKind::UnknownFunction(n) => {
                write!(f, "unknown function `{n}` in `{}`", self.text)
            }
            DeclErrorKind::UnknownPackage(n) => {
                write!(
                    f,
                    "`{n}` is not a package in the dependency closure, in `{}`",
                    self.text
                )
            }
            DeclErrorKind::Ambiguous { name, candidates } => write!(
                f,
                "name `{name}` is ambiguous (defined by {}); qualify it, in `{}`",
                candidates.join(", "),
                self.text
            ),
            DeclErrorKind::Arity {
                name,
                expected,
                found,
            } => write!(
                f,
                "type `{name}` takes {expected} parameters, {found} given, in `{}`",
                self.text
            ),
            DeclErrorKind::UnknownMethod(m) => write!(f, "no method {m}"),
            DeclErrorKind::Budget => write!(
                f,
                "a type query on `{}` needed more than {} steps",
                self.text,
                crate::limits::SUBTYPE_STEPS
            ),
            DeclErrorKind::Invalid(m) => {
                if self.text.is_empty() {
                    write!(f, "{m}")
                } else {
                    write!(f, "{m}, in `{}`", self.text)
                }
            }
        }
    }
}

impl std::error::Error for DeclError {}

/// Hex form of a uuid, for messages.
pub fn uuid_hex(u: &[u8; 16]) -> String {
    u.iter().map(|b| format!("{b:02x}")).collect()
}

/// An error's place: package, context (built only when reported), text.
pub(crate) struct Cx<'a> {
    pub(crate) pkg: &'a str,
    pub(crate) context: &'a dyn Fn() -> String,
    pub(crate) text: &'a str,
}

impl Cx<'_> {
    pub(crate) fn err(&self, kind: DeclErrorKind) -> DeclError {
        DeclError {
            package: self.pkg.to_string(),
            context: (self.context)(),
            text: self.text.to_string(),
            kind: Box::new(kind),
        }
    }
}

/// An error outside any text.
pub(crate) fn top_err(pkg: &str, context: String, msg: String) -> DeclError {
    DeclError {
        package: pkg.to_string(),
        context,
        text: String::new(),
        kind: Box::new(DeclErrorKind::Invalid(msg)),
    }
}
