use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::global::GlobalOpts;
use pcache_format::{
    model::root, read::image::Image, read::section::PackageView, spec::archive::Counts,
    spec::frame::section_kind, Error,
};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::files::Doc;
use crate::out;

/// Show an image's header, sections and packages, reading only what it prints.
#[derive(clap::Args)]
#[command(after_help = concat!(
    "\
Examples:
  pcache inspect merged.pci
  pcache inspect merged.pci --json
  pcache inspect merged.pci --roots Blackjack

",
    crate::exit_status!(
        "printed",
        "the image (or the part it reads) is malformed or damaged"
    )
))]
pub struct Opts {
    /// The images to inspect; - reads standard input.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Print JSON (every field is described in docs/json.md).
    #[arg(long)]
    json: bool,
    /// List the root table of the package with this name or uuid.
    #[arg(long, value_name = "NAME|UUID")]
    roots: Option<String>,
}

pub fn run(opts: Opts, _: &GlobalOpts) -> Result<ExitCode, Error> {
    crate::files::each_file(&opts.inputs, opts.json, |input| {
        let file = crate::files::open_image(input)?;
        let image = file.image()?;
        let doc = match &opts.roots {
            Some(which) => roots(&image, which, opts.json),
            None if opts.json => summary_json(&image).map(Doc::Json),
            None => render(&image, &input.display().to_string()).map(Doc::Text),
        };
        doc.map_err(|e| e.in_file(input))
    })
}

struct PackageInfo {
    uuid: Uuid,
    name: String,
    version: String,
    build_id: String,
    semantic_id: String,
    deps: Vec<(Uuid, String, Option<String>)>,
    counts: Counts,
    stripped: u32,
    size: u64,
}

fn package_info(view: &PackageView<'_>) -> Result<PackageInfo, Error> {
    let meta = view.meta()?;
    let deps = meta
        .meta
        .deps
        .iter()
        .map(|d| {
            Ok((
                Uuid::from_bytes(d.uuid),
                meta.strings.get(&d.name)?.to_owned(),
                (d.has_build_id.to_native() != 0).then(|| hex::encode(d.build_id)),
            ))
        })
        .collect::<Result<Vec<_>, Error>>()?;
    Ok(PackageInfo {
        uuid: view.uuid,
        name: meta.name()?.to_owned(),
        version: meta.version()?.to_owned(),
        build_id: view.build_id.to_hex(),
        semantic_id: hex::encode(meta.meta.semantic_id),
        deps,
        counts: meta.meta.counts.to_native(),
        stripped: meta.meta.stripped.to_native(),
        size: view.bytes.len() as u64,
    })
}

fn kind_name(kind: u32) -> &'static str {
    match kind {
        section_kind::PACKAGE => "package",
        section_kind::INDEX => "index",
        section_kind::INVALIDATIONS => "invalidations",
        _ => "unknown",
    }
}

/// The human summary (also printed by `pcache demo`).
pub fn render(image: &Image<'_>, name: &str) -> Result<String, Error> {
    let mut s = String::new();
    let h = &image.header;
    let what = if image.is_merged() {
        "merged image"
    } else {
        "single-package image"
    };
    let _ = writeln!(
        s,
        "{}: {what}, format {}.{}, {}",
        out::paint(out::HEAD, out::text(name)),
        h.major,
        h.minor,
        out::size(h.file_len)
    );
    let _ = writeln!(s, "sections: {}", image.sections.len());
    let _ = writeln!(
        s,
        "  {:>3}  {:<13} {:>10} {:>10}  checksum",
        "#", "kind", "offset", "length"
    );
    for (i, e) in image.sections.iter().enumerate() {
        let _ = writeln!(
            s,
            "  {:>3}  {:<13} {:>#10x} {:>10}  {}",
            i,
            kind_name(e.kind),
            e.offset,
            out::size(e.len),
            &hex::encode(e.checksum)[..16]
        );
    }
    for view in &image.packages {
        let p = package_info(view)?;
        let _ = writeln!(
            s,
            "{} {}",
            out::paint(out::HEAD, format!("package {}", out::text(&p.name))),
            p.uuid
        );
        let _ = writeln!(s, "  version     {}", out::text(&p.version));
        let _ = writeln!(s, "  build id    {}", p.build_id);
        let _ = writeln!(s, "  semantic id {}", p.semantic_id);
        let _ = writeln!(s, "  size        {}", out::size(p.size));
        if p.deps.is_empty() {
            let _ = writeln!(s, "  deps        (none)");
        }
        for (i, (uuid, name, build)) in p.deps.iter().enumerate() {
            let label = if i == 0 { "deps" } else { "" };
            let pin = build
                .as_deref()
                .map_or("unpinned".to_owned(), |b| format!("build {}", &b[..16]));
            let _ = writeln!(s, "  {label:<11} {} {uuid} ({pin})", out::text(name));
        }
        let c = &p.counts;
        let _ = writeln!(
            s,
            "  contents    {}, {}, {}, {} ({} external), {}",
            out::count(c.roots as usize, "root"),
            out::count(c.types as usize, "type"),
            out::count(c.methods as usize, "method"),
            out::count(c.code as usize, "code instance"),
            c.external_code,
            out::count(c.edges as usize, "edge")
        );
        if c.aliases > 0 {
            let _ = writeln!(
                s,
                "  aliases     {}",
                out::count(c.aliases as usize, "type alias")
            );
        }
        if c.generated > 0 {
            let _ = writeln!(
                s,
                "  generated   {}, {}",
                out::count(c.generated as usize, "cached generated source"),
                out::size(u64::from(c.generated_bytes))
            );
        }
        if p.stripped != 0 {
            let _ = writeln!(s, "  stripped    {}", stripped_names(p.stripped).join(", "));
        }
    }
    if let Some(global) = image.global_root_count() {
        let _ = writeln!(
            s,
            "index: {}, {} reindex entries",
            out::count(global as usize, "global root"),
            reindex_entries(image)?
        );
    }
    if let Some((analyzed, invalidated)) = image.invalidation_counts() {
        let _ = writeln!(
            s,
            "invalidations: {} analyzed, {} invalidated (see pcache invalidations)",
            out::count(analyzed as usize, "package"),
            out::count(invalidated as usize, "code instance")
        );
    }
    Ok(s)
}

/// The names of the stripped bits (SPEC.md §4.2).
fn stripped_names(bits: u32) -> Vec<&'static str> {
    use pcache_format::spec::archive::stripped;
    [
        (stripped::GENERATED, "generated"),
        (stripped::INVALIDATED, "invalidated"),
        (stripped::PAYLOADS, "payloads"),
    ]
    .into_iter()
    .filter(|(bit, _)| bits & bit != 0)
    .map(|(_, name)| name)
    .collect()
}

/// The reindex vectors' total length: one entry per root of every package
/// (from the checked meta parts; verify checks the index against them).
fn reindex_entries(image: &Image<'_>) -> Result<u64, Error> {
    image.packages.iter().try_fold(0u64, |n, v| {
        Ok(n + u64::from(v.meta()?.meta.counts.roots.to_native()))
    })
}

fn summary_json(image: &Image<'_>) -> Result<Value, Error> {
    let sections: Vec<Value> = image
        .sections
        .iter()
        .map(|e| {
            json!({
                "kind": kind_name(e.kind),
                "offset": e.offset,
                "length": e.len,
                "checksum": hex::encode(e.checksum),
            })
        })
        .collect();
    let packages = image
        .packages
        .iter()
        .map(|view| {
            let p = package_info(view)?;
            let c = &p.counts;
            Ok(json!({
                "uuid": p.uuid,
                "name": p.name,
                "version": p.version,
                "build_id": p.build_id,
                "semantic_id": p.semantic_id,
                "size": p.size,
                "deps": p.deps.iter().map(|(u, n, b)| json!({"uuid": u, "name": n, "build_id": b})).collect::<Vec<_>>(),
                "roots": c.roots, "types": c.types, "methods": c.methods,
                "code_instances": c.code, "edges": c.edges, "external_code_instances": c.external_code,
                "aliases": c.aliases,
                "generated_sources": c.generated, "generated_bytes": c.generated_bytes,
                "stripped": stripped_names(p.stripped),
            }))
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let index = match image.global_root_count() {
        Some(global) => {
            Some(json!({"global_roots": global, "reindex_entries": reindex_entries(image)?}))
        }
        None => None,
    };
    let invalidations = image.invalidation_counts().map(
        |(analyzed, invalidated)| json!({"packages_analyzed": analyzed, "invalidated": invalidated}),
    );
    Ok(json!({
        "json_version": 1,
        "format": format!("{}.{}", image.header.major, image.header.minor),
        "file_len": image.header.file_len,
        "merged": image.is_merged(),
        "sections": sections,
        "packages": packages,
        "index": index,
        "invalidations": invalidations,
    }))
}

fn roots(image: &Image<'_>, which: &str, as_json: bool) -> Result<Doc, Error> {
    let found = super::extract::find_package(image, which)?;
    let ordinal = image
        .packages
        .iter()
        .position(|v| v.uuid == found.uuid)
        .unwrap_or_default();
    let view = &image.packages[ordinal];
    view.check_checksum()?;
    let table = view.roots()?;
    let index = image.checked_index()?;
    let global = |i: usize| -> Option<u32> {
        let ix = index?;
        let start = ix.reindex_starts.get(ordinal)?.to_native() as usize;
        ix.reindex.get(start + i).map(|g| g.to_native())
    };
    if as_json {
        let rows = (0..table.len())
            .map(|i| {
                let value = serde_json::to_value(table.get(i)?).expect("roots serialize");
                Ok(json!({"index": i, "global": global(i), "root": value}))
            })
            .collect::<Result<Vec<_>, Error>>()?;
        return Ok(Doc::Json(
            json!({"json_version": 1, "package": view.uuid, "roots": rows}),
        ));
    }
    let mut s = String::new();
    let _ = writeln!(s, "{:>7}  {:>7}  value", "index", "global");
    for i in 0..table.len() {
        let g = global(i).map_or("-".to_owned(), |g| g.to_string());
        let _ = writeln!(
            s,
            "{i:>7}  {g:>7}  {}",
            out::text(&root::display(&table.get(i)?))
        );
    }
    Ok(Doc::Text(s))
}
