//! Read access to package declarations by index, without copying, so the
//! slicer ([`mod@crate::slice`]) can look at every text of a stored package and
//! copy only what it keeps.

use crate::decl::{
    AliasDecl, CodeDecl, EdgeDecl, MethodDecl, MethodKey, PackageDecl, TypeDecl, WorldRange,
};

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

/// An edge by reference (the borrowed form of [`EdgeDecl`]).
#[derive(Clone, Debug)]
pub enum EdgeRef<'a> {
    /// A dispatched call with this signature text, matches not recorded.
    Call(&'a str),
    /// A dispatched call and the methods it matched when compiled.
    CallMatched {
        /// The call signature.
        sig: &'a str,
        /// The methods it matched.
        matches: Vec<KeyRef<'a>>,
    },
    /// A direct call of `method` specialized at `spec`.
    Invoke {
        /// The target method.
        method: KeyRef<'a>,
        /// Specialization text.
        spec: &'a str,
    },
    /// A direct call of one code instance.
    Instance {
        /// The target method.
        method: KeyRef<'a>,
        /// Specialization text.
        spec: &'a str,
        /// Owner (`None`: native).
        owner: Option<&'a str>,
        /// World range.
        world: WorldRange,
    },
    /// An `invoke` with its invoke signature and callee.
    InvokeSig {
        /// The invoke signature.
        sig: &'a str,
        /// The selected method.
        method: KeyRef<'a>,
        /// Specialization text.
        spec: &'a str,
    },
    /// A global binding.
    Binding {
        /// Module path.
        module: &'a str,
        /// Binding name.
        name: &'a str,
    },
}

impl EdgeRef<'_> {
    /// An owned copy.
    pub fn to_owned(&self) -> EdgeDecl {
        match self {
            EdgeRef::Call(text) => EdgeDecl::Call((*text).to_owned()),
            EdgeRef::CallMatched { sig, matches } => EdgeDecl::CallMatched {
                sig: (*sig).to_owned(),
                matches: matches.iter().map(|m| KeyRef::to_owned(*m)).collect(),
            },
            EdgeRef::Invoke { method, spec } => EdgeDecl::Invoke {
                method: KeyRef::to_owned(*method),
                spec: (*spec).to_owned(),
            },
            EdgeRef::Instance {
                method,
                spec,
                owner,
                world,
            } => EdgeDecl::Instance {
                method: KeyRef::to_owned(*method),
                spec: (*spec).to_owned(),
                owner: owner.map(str::to_owned),
                world: *world,
            },
            EdgeRef::InvokeSig { sig, method, spec } => EdgeDecl::InvokeSig {
                sig: (*sig).to_owned(),
                method: KeyRef::to_owned(*method),
                spec: (*spec).to_owned(),
            },
            EdgeRef::Binding { module, name } => EdgeDecl::Binding {
                module: (*module).to_owned(),
                name: (*name).to_owned(),
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
    /// Code instance `i`'s owner and world range, the rest of its identity.
    fn code_identity(&self, i: usize) -> Result<(Option<&str>, WorldRange), Self::Error>;
    /// Number of type aliases.
    fn alias_count(&self) -> usize;
    /// Alias `i`, copied.
    fn alias(&self, i: usize) -> Result<AliasDecl, Self::Error>;
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
    decl.aliases = (0..src.alias_count())
        .map(|i| src.alias(i))
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
            let (owner, world) = src.code_identity(c)?;
            Ok(CodeDecl {
                method: key.to_owned(),
                spec: spec.to_owned(),
                owner: owner.map(str::to_owned),
                world,
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
    fn code_identity(&self, i: usize) -> Result<(Option<&str>, WorldRange), Self::Error> {
        let c = &self.code[i];
        Ok((c.owner.as_deref(), c.world))
    }
    fn alias_count(&self) -> usize {
        self.aliases.len()
    }
    fn alias(&self, i: usize) -> Result<AliasDecl, Self::Error> {
        Ok(self.aliases[i].clone())
    }
    fn edge(&self, code: usize, e: usize) -> Result<EdgeRef<'_>, Self::Error> {
        Ok(match &self.code[code].edges[e] {
            EdgeDecl::Call(s) => EdgeRef::Call(s),
            EdgeDecl::CallMatched { sig, matches } => EdgeRef::CallMatched {
                sig,
                matches: matches.iter().map(key_ref).collect(),
            },
            EdgeDecl::Invoke { method, spec } => EdgeRef::Invoke {
                method: key_ref(method),
                spec,
            },
            EdgeDecl::Instance {
                method,
                spec,
                owner,
                world,
            } => EdgeRef::Instance {
                method: key_ref(method),
                spec,
                owner: owner.as_deref(),
                world: *world,
            },
            EdgeDecl::InvokeSig { sig, method, spec } => EdgeRef::InvokeSig {
                sig,
                method: key_ref(method),
                spec,
            },
            EdgeDecl::Binding { module, name } => EdgeRef::Binding { module, name },
        })
    }
}
