//! Read access to package declarations by index, without copying, so the
//! slicer ([`mod@crate::slice`]) can look at every text of a stored package and
//! copy only what it keeps.

use crate::decl::{CodeDecl, EdgeDecl, MethodDecl, MethodKey, PackageDecl, TypeDecl};

/// A method key by reference.
#[derive(Clone, Copy, Debug)]
pub struct KeyRef<'a> {
    /// Uuid of the defining package.
    pub pkg: [u8; 16],
    /// Function name as written.
    pub name: &'a str,
    /// Signature text.
    pub sig: &'a str,
}

impl KeyRef<'_> {
    /// An owned copy.
    pub fn to_owned(self) -> MethodKey {
        MethodKey {
            pkg: self.pkg,
            name: self.name.to_owned(),
            sig: self.sig.to_owned(),
        }
    }
}

/// An edge by reference.
#[derive(Clone, Copy, Debug)]
pub enum EdgeRef<'a> {
    /// A dispatched call with this signature text.
    Call(&'a str),
    /// A call resolved to `method` specialized at `spec`.
    Invoke {
        /// The target method.
        method: KeyRef<'a>,
        /// Specialization text.
        spec: &'a str,
    },
}

impl EdgeRef<'_> {
    /// An owned copy.
    pub fn to_owned(self) -> EdgeDecl {
        match self {
            EdgeRef::Call(text) => EdgeDecl::Call(text.to_owned()),
            EdgeRef::Invoke { method, spec } => EdgeDecl::Invoke {
                method: method.to_owned(),
                spec: spec.to_owned(),
            },
        }
    }
}

/// Read access to one package's declarations, by index: implemented for
/// [`PackageDecl`] and by readers of stored packages.
pub trait DeclSource {
    /// Error from reading the underlying storage.
    type Error;
    /// The package's uuid, name and dependencies, with no types, methods
    /// or code instances.
    fn header(&self) -> Result<PackageDecl, Self::Error>;
    /// Number of types.
    fn type_count(&self) -> usize;
    /// Type `i`: (name, supertype text).
    fn type_names(&self, i: usize) -> Result<(&str, &str), Self::Error>;
    /// Type `i`, copied.
    fn type_decl(&self, i: usize) -> Result<TypeDecl, Self::Error>;
    /// Number of methods.
    fn method_count(&self) -> usize;
    /// Method `i`: (function name, signature).
    fn method(&self, i: usize) -> Result<(&str, &str), Self::Error>;
    /// Number of code instances.
    fn code_count(&self) -> usize;
    /// Code instance `i`: (method key, specialization).
    fn code(&self, i: usize) -> Result<(KeyRef<'_>, &str), Self::Error>;
    /// Number of edges of code instance `code`.
    fn edge_count(&self, code: usize) -> Result<usize, Self::Error>;
    /// Edge `e` of code instance `code`.
    fn edge(&self, code: usize, e: usize) -> Result<EdgeRef<'_>, Self::Error>;
}

/// A copy of every declaration of `src`.
pub fn to_decl<S: DeclSource>(src: &S) -> Result<PackageDecl, S::Error> {
    let mut decl = src.header()?;
    decl.types = (0..src.type_count())
        .map(|i| src.type_decl(i))
        .collect::<Result<_, _>>()?;
    decl.methods = (0..src.method_count())
        .map(|i| {
            let (name, sig) = src.method(i)?;
            Ok(MethodDecl {
                name: name.to_owned(),
                sig: sig.to_owned(),
            })
        })
        .collect::<Result<_, _>>()?;
    decl.code = (0..src.code_count())
        .map(|c| {
            let (key, spec) = src.code(c)?;
            Ok(CodeDecl {
                method: key.to_owned(),
                spec: spec.to_owned(),
                edges: (0..src.edge_count(c)?)
                    .map(|e| Ok(src.edge(c, e)?.to_owned()))
                    .collect::<Result<_, _>>()?,
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(decl)
}

fn key_ref(k: &MethodKey) -> KeyRef<'_> {
    KeyRef {
        pkg: k.pkg,
        name: &k.name,
        sig: &k.sig,
    }
}

impl DeclSource for PackageDecl {
    type Error = std::convert::Infallible;
    fn header(&self) -> Result<PackageDecl, Self::Error> {
        Ok(PackageDecl {
            uuid: self.uuid,
            name: self.name.clone(),
            deps: self.deps.clone(),
            ..PackageDecl::default()
        })
    }
    fn type_count(&self) -> usize {
        self.types.len()
    }
    fn type_names(&self, i: usize) -> Result<(&str, &str), Self::Error> {
        Ok((&self.types[i].name, &self.types[i].supertype))
    }
    fn type_decl(&self, i: usize) -> Result<TypeDecl, Self::Error> {
        Ok(self.types[i].clone())
    }
    fn method_count(&self) -> usize {
        self.methods.len()
    }
    fn method(&self, i: usize) -> Result<(&str, &str), Self::Error> {
        Ok((&self.methods[i].name, &self.methods[i].sig))
    }
    fn code_count(&self) -> usize {
        self.code.len()
    }
    fn code(&self, i: usize) -> Result<(KeyRef<'_>, &str), Self::Error> {
        let c = &self.code[i];
        Ok((key_ref(&c.method), &c.spec))
    }
    fn edge_count(&self, code: usize) -> Result<usize, Self::Error> {
        Ok(self.code[code].edges.len())
    }
    fn edge(&self, code: usize, e: usize) -> Result<EdgeRef<'_>, Self::Error> {
        Ok(match &self.code[code].edges[e] {
            EdgeDecl::Call(s) => EdgeRef::Call(s),
            EdgeDecl::Invoke { method, spec } => EdgeRef::Invoke {
                method: key_ref(method),
                spec,
            },
        })
    }
}
