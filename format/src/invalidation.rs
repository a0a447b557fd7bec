//! Invalidation analysis of a set of loaded packages (SPEC.md §5.1, §11):
//! which cached code instances stay valid when the packages are loaded
//! together, and why not. The analysis itself lives in `pcache-typesys`;
//! this module feeds it the packages of a session and maps its answer to
//! section ordinals and the canonical world numbering.

use pcache_typesys as ts;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::archive::{cause_kind, edge_kind, InvalidRec, Invalidations};
use crate::error::{Error, Result};
use crate::model::{Edge, Package};
use crate::package::{slice, PackageView};
use crate::session::LoadedPackage;

/// The declarations of a package section, without payloads or roots.
pub fn decl_of(view: &PackageView<'_>) -> Result<ts::PackageDecl> {
    let meta = view.meta()?;
    let (defs, ds) = view.defs()?;
    let (code, cs) = view.code()?;
    let types = defs
        .types
        .iter()
        .map(|t| {
            let params = slice(&defs.params, &t.params)
                .ok_or_else(|| ds.err("type parameter span out of range"))?
                .iter()
                .map(|p| ds.get(p).map(str::to_owned))
                .collect::<Result<Vec<_>>>()?;
            Ok(ts::TypeDecl {
                name: ds.get(&t.name)?.to_owned(),
                params,
                supertype: ds.get(&t.supertype)?.to_owned(),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let methods = defs
        .methods
        .iter()
        .map(|m| {
            Ok(ts::MethodDecl {
                name: ds.get(&m.name)?.to_owned(),
                sig: ds.get(&m.sig)?.to_owned(),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let key = |m: &crate::archive::ArchivedMethodRefRec| -> Result<ts::MethodKey> {
        Ok(ts::MethodKey {
            pkg: m.pkg,
            name: cs.get(&m.name)?.to_owned(),
            sig: cs.get(&m.sig)?.to_owned(),
        })
    };
    let code = code
        .instances
        .iter()
        .map(|ci| {
            let edges = slice(&code.edges, &ci.edges)
                .ok_or_else(|| cs.err("edge span out of range"))?
                .iter()
                .map(|e| match e.kind.to_native() {
                    edge_kind::CALL => Ok(ts::EdgeDecl::Call(cs.get(&e.sig)?.to_owned())),
                    edge_kind::INVOKE => Ok(ts::EdgeDecl::Invoke {
                        method: key(&e.method)?,
                        spec: cs.get(&e.sig)?.to_owned(),
                    }),
                    k => Err(cs.err(&format!("unknown edge kind {k}"))),
                })
                .collect::<Result<Vec<_>>>()?;
            Ok(ts::CodeDecl {
                method: key(&ci.method)?,
                spec: cs.get(&ci.spec)?.to_owned(),
                edges,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(ts::PackageDecl {
        uuid: *view.uuid.as_bytes(),
        name: meta.name()?.to_owned(),
        deps: meta.meta.deps.iter().map(|d| d.uuid).collect(),
        types,
        methods,
        code,
    })
}

/// The declarations of an owned package.
pub fn decl_of_package(pkg: &Package) -> ts::PackageDecl {
    let key = |m: &crate::model::MethodRef| ts::MethodKey {
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
                edges: c
                    .edges
                    .iter()
                    .map(|e| match e {
                        Edge::Call(c) => ts::EdgeDecl::Call(c.call.clone()),
                        Edge::Invoke(i) => ts::EdgeDecl::Invoke {
                            method: key(&i.invoke),
                            spec: i.spec.clone(),
                        },
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// Checks a package's texts: always their syntax, and, when `closure`
/// (its transitive dependencies) is given, that every name resolves.
pub fn check_package(pkg: &Package, closure: Option<&[Package]>) -> Result<()> {
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

/// The analysis of a session's packages.
pub struct Outcome {
    /// What a merged image stores.
    pub record: Invalidations,
    /// The full analysis, with trees, indexed by position in `decls`.
    pub analysis: ts::Analysis,
    /// Declarations of the analyzed packages, in load order.
    pub decls: Vec<ts::PackageDecl>,
}

/// Analyzes the packages whose dependency closure is present, in load order.
/// The result depends only on the set of packages.
pub fn analyze(packages: &[LoadedPackage<'_>], load_order: &[u32]) -> Result<Outcome> {
    // A package is analyzable when all its dependencies are present and analyzable.
    let mut complete = vec![false; packages.len()];
    let mut subset = Vec::new();
    for &p in load_order {
        let pkg = &packages[p as usize];
        let ok = pkg.meta.meta.deps.iter().all(|d| {
            packages
                .binary_search_by_key(&Uuid::from_bytes(d.uuid), |q| q.view.uuid)
                .is_ok_and(|q| complete[q])
        });
        complete[p as usize] = ok;
        if ok {
            subset.push(p);
        }
    }
    let decls = {
        use rayon::prelude::*;
        subset
            .par_iter()
            .map(|&p| decl_of(&packages[p as usize].view))
            .collect::<Result<Vec<_>>>()?
    };
    let universe = ts::Universe::build(&decls).map_err(|e| {
        Error::invalid(format!(
            "cannot resolve the packages' types and methods: {e}"
        ))
        .with_hint("fix the package document and re-run pack")
    })?;
    let analysis = ts::analysis::analyze_universe(&universe, &decls);
    let mut position = vec![0u64; packages.len()];
    for (i, &p) in load_order.iter().enumerate() {
        position[p as usize] = i as u64;
    }
    // Subset index k loads in world k+1 of the analysis; canonically, a
    // package loads in world (position in the full load order) + 1.
    let canonical_max = |m: u64| position[subset[m as usize] as usize];
    let entries = analysis
        .invalidated
        .iter()
        .map(|inv| {
            let (kind, edge, cause_package, cause_index) = match inv.cause {
                ts::Cause::Method { pkg, method, edge } => (cause_kind::METHOD, edge, pkg, method),
                ts::Cause::Dependency { edge, pkg, code } => {
                    (cause_kind::DEPENDENCY, edge, pkg, code)
                }
            };
            InvalidRec {
                package: subset[inv.pkg],
                code: inv.code as u32,
                max_world: canonical_max(inv.max_world),
                cause_kind: kind,
                edge: edge as u32,
                cause_package: subset[cause_package],
                cause_index: cause_index as u32,
            }
        })
        .collect();
    Ok(Outcome {
        record: Invalidations {
            analyzed: subset,
            entries,
        },
        analysis,
        decls,
    })
}

impl Outcome {
    /// SnoopCompile-style trees, most dependents last.
    pub fn render_text(&self) -> String {
        ts::render_text(&self.analysis, &self.decls)
    }

    /// The trees as JSON (flat node lists in preorder, with depths).
    pub fn trees_json(&self) -> Value {
        let d = &self.decls;
        let trees: Vec<Value> = self
            .analysis
            .trees
            .iter()
            .map(|t| {
                let nodes = |root: usize| -> Vec<Value> {
                    let mut out = Vec::new();
                    let mut stack = vec![root];
                    while let Some(n) = stack.pop() {
                        let node = &t.nodes[n];
                        out.push(json!({
                            "instance": ts::analysis::code_display(d, node.pkg, node.code),
                            "package": d[node.pkg].name,
                            "depth": node.depth,
                            "dependents": node.descendants,
                        }));
                        stack.extend(node.children.iter().rev());
                    }
                    out
                };
                json!({
                    "method": ts::analysis::method_display(d, t.pkg, t.method),
                    "package": d[t.pkg].name,
                    "count": t.count,
                    "mt_backedges": t.mt_backedges.iter().map(|m| json!({
                        "signature": m.sig,
                        "nodes": nodes(m.root),
                    })).collect::<Vec<_>>(),
                    "backedges": t.backedges.iter().map(|b| json!({
                        "superseded": ts::analysis::method_display(d, b.pkg, b.method),
                        "spec": b.spec,
                        "count": b.count,
                        "callers": b.callers.iter().flat_map(|&c| nodes(c)).collect::<Vec<_>>(),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        json!(trees)
    }
}
