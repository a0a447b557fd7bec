use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use pcache_format::invalidation::Outcome;
use pcache_format::{
    invalidation,
    session::{Session, SessionOptions},
    Error,
};
use pcache_typesys as ts;
use pcache_typesys::analysis::{code_display, method_display, superseded_display, superseded_name};
use pcache_typesys::syntax::call_display;
use serde_json::{json, Value};

use crate::files::Doc;
use crate::global::GlobalOpts;
use crate::out;

/// Show which cached code a merged image's packages invalidate, and why.
#[derive(clap::Args)]
#[command(after_help = concat!(
    "\
Examples:
  pcache invalidations session.pci
  pcache invalidations session.pci --json

For each method that caused invalidations, in the spirit of SnoopCompile's
invalidation_trees: the call signatures whose dispatch it changed
(mt_backedges) and the invoke targets it superseded (backedges), each with
the code instances beneath it; the trees with the most dependents last. The
analysis is recomputed from the packages and checked against the record the
merged image stores.

",
    crate::exit_status!(
        "printed, whether or not anything is invalidated",
        "an image is not merged, is malformed or damaged, or its stored record disagrees with the analysis"
    )
))]
pub struct Opts {
    /// Merged images; - reads standard input.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Print JSON (every field is described in docs/json.md).
    #[arg(long)]
    json: bool,
}

pub fn run(opts: Opts, _: &GlobalOpts) -> Result<ExitCode, Error> {
    crate::files::each_file(&opts.inputs, opts.json, |input| one(input, opts.json))
}

fn one(input: &Path, as_json: bool) -> Result<Doc, Error> {
    let files = [crate::files::open_image(input)?];
    let image = files[0].image()?;
    // The analysis reads every package: check every section first.
    image.check_sections().map_err(|e| e.in_file(input))?;
    let stored = image
        .invalidations()?
        .ok_or_else(|| {
            Error::invalid("not a merged image: it holds no invalidation record")
                .in_file(input)
                .with_hint("merge it first: pcache merge FILE.pci -o merged.pci")
        })?
        .to_owned_record();
    let session = Session::load(&files, SessionOptions::default())?;
    let outcome = invalidation::analyze(session.packages(), session.load_order())
        .map_err(|e| e.in_file(input))?;
    if outcome.record != stored {
        return Err(Error::invalid(
            "the stored invalidation record differs from the analysis of its packages",
        )
        .in_file(input)
        .in_section("invalidations")
        .with_hint("run pcache verify on this file"));
    }
    let decls = outcome
        .decls(session.packages())
        .map_err(|e| e.in_file(input))?;
    // Whether each invalidated code instance carries a generated source:
    // its world range closes at the same max_world (SPEC.md §5.1).
    let generated = stored
        .entries
        .iter()
        .map(|e| {
            let view = &session.packages()[e.package as usize].view;
            let part = view.generated().map_err(|e| e.in_file(input))?;
            Ok(part
                .entries
                .binary_search_by_key(&e.code, |g| g.code.to_native())
                .is_ok())
        })
        .collect::<Result<Vec<bool>, Error>>()?;
    let text = if as_json {
        let invalidated: Vec<_> = stored
            .entries
            .iter()
            .zip(&generated)
            .map(|(e, &generated)| {
                let p = &session.packages()[e.package as usize];
                json!({
                    "package": p.view.uuid,
                    "code": e.code,
                    "max_world": e.max_world,
                    "generated": generated,
                })
            })
            .collect();
        let not_analyzed: Vec<_> = outcome
            .not_analyzed
            .iter()
            .map(|n| {
                let p = &session.packages()[n.package as usize];
                json!({
                    "package": p.view.uuid,
                    "name": p.meta.name().unwrap_or("?"),
                    "reason": n.reason,
                })
            })
            .collect();
        Doc::Json(json!({
            "json_version": 1,
            "packages_analyzed": stored.analyzed.len(),
            "not_analyzed": not_analyzed,
            "invalidated": invalidated,
            "trees": trees_json(&outcome, &decls),
        }))
    } else {
        let mut text = if stored.entries.is_empty() {
            "no invalidations\n".to_owned()
        } else {
            out::text_lines(&render_text(&outcome, &decls))
        };
        let closed = generated.iter().filter(|&&g| g).count();
        if closed > 0 {
            text += &format!(
                "{} of the invalidated code instances {} a generated source, closed at the same world\n",
                closed,
                if closed == 1 { "carries" } else { "carry" }
            );
        }
        text += &format!(
            "{} analyzed, {} not\n",
            out::count(stored.analyzed.len(), "package"),
            outcome.not_analyzed.len()
        );
        for n in &outcome.not_analyzed {
            let p = &session.packages()[n.package as usize];
            text += &out::text_lines(&format!(
                "  not analyzed: {}: {}\n",
                p.meta.name().unwrap_or("?"),
                n.reason
            ));
        }
        Doc::Text(text)
    };
    Ok(text)
}

/// SnoopCompile-style trees, most dependents last (the layout of
/// SnoopCompile's `show` for `invalidation_trees`, SPEC.md §11).
pub(crate) fn render_text(outcome: &Outcome, decls: &[ts::PackageDecl]) -> String {
    let mut out = String::new();
    for t in &outcome.analysis.trees {
        let _ = writeln!(
            out,
            "inserting {} invalidated:",
            method_display(decls, t.pkg, t.method)
        );
        if !t.mt_backedges.is_empty() {
            let head = "   mt_backedges: ";
            let base = head.len();
            // SnoopCompile's `showlist`: entries numbered `lpad(i, nd)`.
            let nd_width = t.mt_backedges.len().to_string().len();
            for (i, m) in t.mt_backedges.iter().enumerate() {
                let nd = &t.nodes[m.root];
                let _ = writeln!(
                    out,
                    "{}{:>nd_width$}: signature {} triggered {} ({} children)",
                    if i == 0 {
                        head.to_string()
                    } else {
                        " ".repeat(base)
                    },
                    i + 1,
                    m.sig,
                    code_display(decls, nd.pkg, nd.code),
                    nd.descendants
                );
                render_children(&mut out, t, m.root, decls, base);
            }
        }
        if !t.backedges.is_empty() {
            let head = "   backedges: ";
            let base = head.len();
            let nd_width = t.backedges.len().to_string().len();
            for (i, b) in t.backedges.iter().enumerate() {
                let fname = superseded_name(decls, b);
                let _ = writeln!(
                    out,
                    "{}{:>nd_width$}: superseding {} with {} ({} children)",
                    if i == 0 {
                        head.to_string()
                    } else {
                        " ".repeat(base)
                    },
                    i + 1,
                    superseded_display(decls, b),
                    call_display(fname, &b.spec),
                    b.count
                );
                for &c in &b.callers {
                    let nd = &t.nodes[c];
                    let _ = writeln!(out, "{:base$}{}", "", code_display(decls, nd.pkg, nd.code));
                    render_children(&mut out, t, c, decls, base + 2);
                }
            }
        }
    }
    out
}

/// The nodes beneath `root`, one per line, indented two spaces per level
/// from `base`.
fn render_children(
    out: &mut String,
    t: &ts::InvalidationTree,
    root: usize,
    decls: &[ts::PackageDecl],
    base: usize,
) {
    let mut stack: Vec<usize> = t.nodes[root].children.iter().rev().copied().collect();
    while let Some(k) = stack.pop() {
        let nd = &t.nodes[k];
        let indent = base + 2 * (nd.depth - t.nodes[root].depth - 1);
        let _ = writeln!(
            out,
            "{:indent$}{}",
            "",
            code_display(decls, nd.pkg, nd.code)
        );
        stack.extend(nd.children.iter().rev().copied());
    }
}

/// The trees as JSON (flat node lists in preorder, with depths).
pub(crate) fn trees_json(outcome: &Outcome, decls: &[ts::PackageDecl]) -> Value {
    let d = decls;
    let trees: Vec<Value> = outcome
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
                        "instance": code_display(d, node.pkg, node.code),
                        "package": d[node.pkg].name,
                        "depth": node.depth,
                        "dependents": node.descendants,
                    }));
                    stack.extend(node.children.iter().rev());
                }
                out
            };
            json!({
                "method": method_display(d, t.pkg, t.method),
                "package": d[t.pkg].name,
                "count": t.count,
                "mt_backedges": t.mt_backedges.iter().map(|m| json!({
                    "signature": m.sig,
                    "nodes": nodes(m.root),
                })).collect::<Vec<_>>(),
                "backedges": t.backedges.iter().map(|b| json!({
                    "superseded": superseded_display(d, b),
                    "spec": b.spec,
                    "count": b.count,
                    "callers": b.callers.iter().flat_map(|&c| nodes(c)).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!(trees)
}
