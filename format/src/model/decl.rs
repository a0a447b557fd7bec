//! The owned model as the type system's declarations ([`pcache_typesys`]),
//! and the check of a package's type and method texts that `pack` runs.

use pcache_typesys as ts;

use super::{Edge, MethodRef, Package, TypeKind, World};
use crate::error::{Error, Result};

/// The type system's name for a type kind.
pub(crate) fn kind_decl(k: TypeKind) -> ts::TypeKind {
    match k {
        TypeKind::Abstract => ts::TypeKind::Abstract,
        TypeKind::Struct => ts::TypeKind::Struct,
        TypeKind::Mutable => ts::TypeKind::Mutable,
        TypeKind::Primitive => ts::TypeKind::Primitive,
    }
}

pub(crate) fn world_decl(w: World) -> ts::WorldRange {
    (w.0, w.1)
}

/// The declarations of an owned package.
pub fn decl_of_package(pkg: &Package) -> ts::PackageDecl {
    let key = |m: &MethodRef| ts::MethodKey {
        pkg: *m.pkg.as_bytes(),
        name: m.name.clone(),
        sig: m.sig.clone(),
    };
    ts::PackageDecl {
        uuid: *pkg.uuid.as_bytes(),
        name: pkg.name.clone(),
        deps: pkg.deps.iter().map(|d| *d.uuid.as_bytes()).collect(),
        types: pkg
            .types
            .iter()
            .map(|t| ts::TypeDecl {
                name: t.name.clone(),
                params: t.params.clone(),
                supertype: t.supertype.clone(),
                kind: t.kind.map(kind_decl),
            })
            .collect(),
        aliases: pkg
            .aliases
            .iter()
            .map(|a| ts::AliasDecl {
                name: a.name.clone(),
                params: a.params.clone(),
                body: a.body.clone(),
            })
            .collect(),
        methods: pkg
            .methods
            .iter()
            .map(|m| ts::MethodDecl {
                name: m.name.clone(),
                sig: m.sig.clone(),
            })
            .collect(),
        code: pkg
            .code
            .iter()
            .map(|c| ts::CodeDecl {
                method: key(&c.method),
                spec: c.spec.clone(),
                owner: c.owner.clone(),
                world: world_decl(c.world),
                edges: c
                    .edges
                    .iter()
                    .map(|e| match e {
                        Edge::Call(c) => match &c.matches {
                            None => ts::EdgeDecl::Call(c.call.clone()),
                            Some(list) => ts::EdgeDecl::CallMatched {
                                sig: c.call.clone(),
                                matches: list.iter().map(key).collect(),
                            },
                        },
                        Edge::Invoke(i) => ts::EdgeDecl::Invoke {
                            method: key(&i.invoke),
                            spec: i.spec.clone(),
                        },
                        Edge::Instance(i) => ts::EdgeDecl::Instance {
                            method: key(&i.instance),
                            spec: i.spec.clone(),
                            owner: i.owner.clone(),
                            world: world_decl(i.world),
                        },
                        Edge::InvokeSig(i) => ts::EdgeDecl::InvokeSig {
                            sig: i.invokesig.clone(),
                            method: key(&i.target),
                            spec: i.spec.clone(),
                        },
                        Edge::Binding(b) => ts::EdgeDecl::Binding {
                            module: b.module.clone(),
                            name: b.binding.clone(),
                        },
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// Checks a package's texts: always their syntax, and, when `closure`
/// (its transitive dependencies) is given, that every name resolves.
pub fn check_declarations(pkg: &Package, closure: Option<&[Package]>) -> Result<()> {
    let decl = decl_of_package(pkg);
    let result = match closure {
        None => ts::check_syntax(&decl),
        Some(deps) => {
            let deps: Vec<_> = deps.iter().map(decl_of_package).collect();
            ts::check_package(&decl, &deps)
        }
    };
    result.map_err(|e| Error::invalid(e.to_string()))
}

/// Whether `uuid` names a built-in package (Core, Base and the standard
/// libraries, SPEC.md §11.2.1), which a package may depend on without its
/// image being loaded.
pub(crate) fn is_builtin(uuid: &[u8; 16]) -> bool {
    ts::builtin_packages::builtin_package(uuid).is_some()
}
