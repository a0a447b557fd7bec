//! Invalidation analysis of a set of loaded packages (SPEC.md §5.1, §11):
//! which cached code instances stay valid when the packages are loaded
//! together, and why not. The analysis itself lives in `pcache-typesys`;
//! this module feeds it the packages of a session and maps its answer to
//! section ordinals and the canonical world numbering.

use pcache_typesys as ts;
use std::collections::BTreeMap;

use uuid::Uuid;

use crate::error::{Error, Result};
use crate::model::decl::{kind_decl, world_decl};
use crate::model::TypeKind;
use crate::read::section::{span_items, PackageView, Strings};
use crate::session::LoadedPackage;
use crate::spec::archive::{
    cause_kind, edge_flags, edge_kind, ArchivedCode, ArchivedDefs, ArchivedEdgeRec,
    ArchivedMethodRefRec, ArchivedTypeRec, InvalidRec, Invalidations,
};

/// The declarations of a package section, without payloads or roots.
pub(crate) fn decl_of(view: &PackageView<'_>) -> Result<ts::PackageDecl> {
    ts::to_decl(&StoredDecls::new(view)?)
}

fn type_decl(defs: &ArchivedDefs, ds: &Strings<'_>, t: &ArchivedTypeRec) -> Result<ts::TypeDecl> {
    let params = span_items(&defs.params, &t.params)
        .ok_or_else(|| ds.err("type parameter span out of range"))?
        .iter()
        .map(|p| ds.get(p).map(str::to_owned))
        .collect::<Result<Vec<_>>>()?;
    Ok(ts::TypeDecl {
        name: ds.get(&t.name)?.to_owned(),
        params,
        supertype: ds.get(&t.supertype)?.to_owned(),
        kind: TypeKind::from_code(t.kind.to_native())
            .map_err(|k| ds.err(&format!("unknown type kind {k}")))?
            .map(kind_decl),
    })
}

/// A stored package read in place as analysis input: texts are borrowed
/// from the section, and only what the slice keeps is copied.
struct StoredDecls<'a> {
    view: &'a PackageView<'a>,
    name: &'a str,
    defs: &'a ArchivedDefs,
    ds: Strings<'a>,
    code: &'a ArchivedCode,
    cs: Strings<'a>,
}

impl<'a> StoredDecls<'a> {
    fn new(view: &'a PackageView<'a>) -> Result<Self> {
        let (defs, ds) = view.defs()?;
        let (code, cs) = view.code()?;
        Ok(StoredDecls {
            view,
            name: view.meta()?.name()?,
            defs,
            ds: ds.checked_once(),
            code,
            cs: cs.checked_once(),
        })
    }

    fn key(&self, m: &ArchivedMethodRefRec) -> Result<ts::KeyRef<'a>> {
        Ok(ts::KeyRef {
            pkg: m.pkg,
            name: self.cs.get(&m.name)?,
            sig: self.cs.get(&m.sig)?,
        })
    }

    fn edges(&self, code: usize) -> Result<&'a [ArchivedEdgeRec]> {
        span_items(&self.code.edges, &self.code.instances[code].edges)
            .ok_or_else(|| self.cs.err("edge span out of range"))
    }
}

impl ts::DeclSource for StoredDecls<'_> {
    type Error = Error;

    fn header(&self) -> Result<ts::PackageDecl> {
        let meta = self.view.meta()?;
        Ok(ts::PackageDecl {
            uuid: *self.view.uuid.as_bytes(),
            name: self.name.to_owned(),
            deps: meta.meta.deps.iter().map(|d| d.uuid).collect(),
            ..Default::default()
        })
    }
    fn type_count(&self) -> usize {
        self.defs.types.len()
    }
    fn type_names(&self, i: usize) -> Result<(&str, &str)> {
        let t = &self.defs.types[i];
        Ok((self.ds.get(&t.name)?, self.ds.get(&t.supertype)?))
    }
    fn type_decl(&self, i: usize) -> Result<ts::TypeDecl> {
        type_decl(self.defs, &self.ds, &self.defs.types[i])
    }
    fn method_count(&self) -> usize {
        self.defs.methods.len()
    }
    fn method(&self, i: usize) -> Result<(&str, &str)> {
        let m = &self.defs.methods[i];
        Ok((self.ds.get(&m.name)?, self.ds.get(&m.sig)?))
    }
    fn code_count(&self) -> usize {
        self.code.instances.len()
    }
    fn code(&self, i: usize) -> Result<(ts::KeyRef<'_>, &str)> {
        let c = &self.code.instances[i];
        Ok((self.key(&c.method)?, self.cs.get(&c.spec)?))
    }
    fn code_identity(&self, i: usize) -> Result<(Option<&str>, ts::WorldRange)> {
        let c = &self.code.instances[i];
        let owner = self.cs.get(&c.owner)?;
        let w = crate::read::section::world(c.min_world.to_native(), c.max_world.to_native());
        Ok(((!owner.is_empty()).then_some(owner), world_decl(w)))
    }
    fn alias_count(&self) -> usize {
        self.defs.aliases.len()
    }
    fn alias(&self, i: usize) -> Result<ts::AliasDecl> {
        let a = &self.defs.aliases[i];
        let params = span_items(&self.defs.params, &a.params)
            .ok_or_else(|| self.ds.err("alias parameter span out of range"))?
            .iter()
            .map(|p| self.ds.get(p).map(str::to_owned))
            .collect::<Result<Vec<_>>>()?;
        Ok(ts::AliasDecl {
            name: self.ds.get(&a.name)?.to_owned(),
            params,
            body: self.ds.get(&a.body)?.to_owned(),
        })
    }
    fn edge_count(&self, code: usize) -> Result<usize> {
        Ok(self.edges(code)?.len())
    }
    fn edge(&self, code: usize, e: usize) -> Result<ts::EdgeRef<'_>> {
        let rec = &self.edges(code)?[e];
        let text = self.cs.get(&rec.sig)?;
        match rec.kind.to_native() {
            edge_kind::CALL if rec.flags.to_native() & edge_flags::MATCHES != 0 => {
                let matches = span_items(&self.code.matches, &rec.matches)
                    .ok_or_else(|| self.cs.err("matched-methods span out of range"))?
                    .iter()
                    .map(|m| self.key(m))
                    .collect::<Result<Vec<_>>>()?;
                Ok(ts::EdgeRef::CallMatched { sig: text, matches })
            }
            edge_kind::CALL => Ok(ts::EdgeRef::Call(text)),
            edge_kind::INVOKE => Ok(ts::EdgeRef::Invoke {
                method: self.key(&rec.method)?,
                spec: text,
            }),
            edge_kind::INSTANCE => {
                let owner = self.cs.get(&rec.extra)?;
                let w = crate::read::section::world(
                    rec.min_world.to_native(),
                    rec.max_world.to_native(),
                );
                Ok(ts::EdgeRef::Instance {
                    method: self.key(&rec.method)?,
                    spec: text,
                    owner: (!owner.is_empty()).then_some(owner),
                    world: world_decl(w),
                })
            }
            edge_kind::INVOKE_SIG => Ok(ts::EdgeRef::InvokeSig {
                sig: self.cs.get(&rec.extra)?,
                method: self.key(&rec.method)?,
                spec: text,
            }),
            edge_kind::BINDING => Ok(ts::EdgeRef::Binding {
                module: text,
                name: self.cs.get(&rec.method.name)?,
            }),
            k => Err(self
                .cs
                .err(&format!("{}: unknown edge kind {k}", self.name))),
        }
    }
}

/// The analysis of a session's packages.
pub struct Outcome {
    /// What a merged image stores.
    pub record: Invalidations,
    /// The full analysis, indexed by position in the analyzed subset
    /// (`record.analyzed`), with the packages' own method and code indices.
    pub analysis: ts::Analysis,
    /// How much of the packages the analysis resolved.
    pub slice: ts::SliceStats,
    /// The packages left out, by section ordinal, each with its reason.
    pub not_analyzed: Vec<NotAnalyzed>,
}

/// Analyzes the packages whose dependency closure is present, in load order.
/// The result depends only on the set of packages. Only the slice the
/// analysis depends on is resolved (SPEC.md §11.6). A package whose
/// declarations do not resolve is left out, with its dependents, and says why.
pub fn analyze(packages: &[LoadedPackage<'_>], load_order: &[u32]) -> Result<Outcome> {
    analyze_excluding(packages, load_order, |subset| {
        let sources = subset
            .iter()
            .map(|&p| StoredDecls::new(&packages[p as usize].view))
            .collect::<Result<Vec<_>>>()?;
        match ts::analyze_sources(&sources) {
            Ok(done) => Ok(Ok(done)),
            Err(ts::SliceError::Source(e)) => Err(e),
            Err(ts::SliceError::Decl(e)) => Ok(Err(e)),
        }
    })
}

/// `analyze` over every declaration, not a slice: every name of every
/// analyzed package must resolve (`verify --deep`). Same answer.
pub(crate) fn analyze_whole(packages: &[LoadedPackage<'_>], load_order: &[u32]) -> Result<Outcome> {
    analyze_excluding(packages, load_order, |subset| {
        let decls = decls(packages, subset)?;
        let universe = match ts::Universe::build(&decls) {
            Ok(u) => u,
            Err(e) => return Ok(Err(e)),
        };
        let analysis = ts::analysis::analyze_universe(&universe, &decls);
        let slice = ts::SliceStats {
            types: universe.pkg_types.iter().map(Vec::len).sum(),
            methods: universe.methods.len(),
            codes: universe.codes.len(),
            edges: universe.codes.iter().map(|c| c.edges.len()).sum(),
            ..Default::default()
        };
        Ok(Ok((analysis, slice)))
    })
}

/// A package the analysis left out, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotAnalyzed {
    /// Its section ordinal.
    pub package: u32,
    /// Why, in words.
    pub reason: String,
}

type Attempt = std::result::Result<(ts::Analysis, ts::SliceStats), ts::DeclError>;

/// Runs `attempt` on the analyzable packages; when a package's declarations
/// do not resolve, leaves it (and so its dependents) out and runs again.
fn analyze_excluding(
    packages: &[LoadedPackage<'_>],
    load_order: &[u32],
    attempt: impl Fn(&[u32]) -> Result<Attempt>,
) -> Result<Outcome> {
    let mut unresolved_in: BTreeMap<u32, String> = BTreeMap::new();
    loop {
        let (subset, mut not_analyzed) = analyzable(packages, load_order, &unresolved_in);
        match attempt(&subset)? {
            Ok((analysis, slice)) => {
                not_analyzed.sort_by_key(|n| n.package);
                let mut outcome = outcome(analysis, slice, subset, load_order, packages.len());
                outcome.not_analyzed = not_analyzed;
                return Ok(outcome);
            }
            Err(e) => {
                let culprit = subset.iter().copied().find(|&p| {
                    packages[p as usize]
                        .meta
                        .name()
                        .is_ok_and(|name| name == e.package)
                });
                match culprit {
                    Some(p) => {
                        let first = first_unresolved(packages, &subset, p).unwrap_or(e);
                        unresolved_in
                            .insert(p, format!("its declarations do not resolve: {first}"));
                    }
                    None => return Err(unresolved(e)),
                }
            }
        }
    }
}

/// The first declaration of package `p` that does not resolve against its
/// dependency closure among `subset`, named as in its own document (the
/// sliced analysis numbers only what it kept).
fn first_unresolved(
    packages: &[LoadedPackage<'_>],
    subset: &[u32],
    p: u32,
) -> Option<ts::DeclError> {
    let mut closure = Vec::new();
    let mut todo = vec![p];
    while let Some(q) = todo.pop() {
        for d in packages[q as usize].meta.meta.deps.iter() {
            let uuid = Uuid::from_bytes(d.uuid);
            if let Ok(r) = packages.binary_search_by_key(&uuid, |x| x.view.uuid) {
                let r = r as u32;
                if subset.contains(&r) && !closure.contains(&r) {
                    closure.push(r);
                    todo.push(r);
                }
            }
        }
    }
    let pkg = decl_of(&packages[p as usize].view).ok()?;
    let deps = decls(packages, &closure).ok()?;
    ts::check_package(&pkg, &deps).err()
}

/// The outcome of analyzing `subset` (section ordinals in load order), with
/// the record in section ordinals and canonical world numbering.
fn outcome(
    analysis: ts::Analysis,
    slice: ts::SliceStats,
    subset: Vec<u32>,
    load_order: &[u32],
    packages: usize,
) -> Outcome {
    let mut position = vec![0u64; packages];
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
    Outcome {
        record: Invalidations {
            analyzed: subset,
            entries,
        },
        analysis,
        slice,
        not_analyzed: Vec::new(),
    }
}

/// The declarations of `subset` (section ordinals), in parallel.
pub fn decls(packages: &[LoadedPackage<'_>], subset: &[u32]) -> Result<Vec<ts::PackageDecl>> {
    use rayon::prelude::*;
    subset
        .par_iter()
        .map(|&p| decl_of(&packages[p as usize].view))
        .collect()
}

fn unresolved(e: ts::DeclError) -> Error {
    Error::invalid(format!(
        "cannot resolve the packages' types and methods: {e}"
    ))
    .with_hint("fix the package document and re-run pack")
}

/// The packages whose dependencies are all present and analyzable (or
/// built in) and which are not known not to resolve, in load order; and
/// the others, with why.
fn analyzable(
    packages: &[LoadedPackage<'_>],
    load_order: &[u32],
    unresolved_in: &BTreeMap<u32, String>,
) -> (Vec<u32>, Vec<NotAnalyzed>) {
    let mut complete = vec![false; packages.len()];
    let mut subset = Vec::new();
    let mut left_out = Vec::new();
    for &p in load_order {
        let pkg = &packages[p as usize];
        let mut why = unresolved_in.get(&p).cloned();
        for d in pkg.meta.meta.deps.iter() {
            if why.is_some() {
                break;
            }
            let name = pkg.meta.strings.get(&d.name).unwrap_or("?");
            let uuid = Uuid::from_bytes(d.uuid);
            match packages.binary_search_by_key(&uuid, |q| q.view.uuid) {
                Ok(q) if complete[q] => {}
                Ok(_) => why = Some(format!("its dependency {name} is not analyzed")),
                // Core, Base and the standard libraries are built in.
                Err(_) if ts::builtin_packages::builtin_package(&d.uuid).is_some() => {}
                Err(_) => {
                    why = Some(format!(
                        "its dependency {name} ({uuid}) is not in this image"
                    ))
                }
            }
        }
        match why {
            None => {
                complete[p as usize] = true;
                subset.push(p);
            }
            Some(reason) => left_out.push(NotAnalyzed { package: p, reason }),
        }
    }
    (subset, left_out)
}

impl Outcome {
    /// The declarations of the analyzed packages, which renderings of the
    /// analysis name code instances and methods from.
    pub fn decls(&self, packages: &[LoadedPackage<'_>]) -> Result<Vec<ts::PackageDecl>> {
        decls(packages, &self.record.analyzed)
    }
}
