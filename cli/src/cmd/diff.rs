use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::global::GlobalOpts;
use pcache_format::{
    diff::{self, Changes, Diff, ItemChanges},
    read::image::ImageFile,
    Error,
};
use serde_json::json;

use crate::out;

/// Show what differs between two images, package by package, by meaning.
#[derive(clap::Args)]
#[command(after_help = concat!(
    "\
Examples:
  pcache diff old.pci new.pci
  pcache diff old.pci new.pci --stat
  pcache diff old.pci new.pci --json
  pcache diff -q old.pci new.pci && echo same
  pcache diff --verify old.pci new.pci

Packages with equal build ids are skipped without being read or hashed
(the output says so; --verify hashes every section of both images). Every
section that is read is first checked against its checksum. Within a
changed package, types, methods and code instances are matched by identity
(method by package/name/signature, code instance by method and spec).

",
    crate::exit_status!(
        "no difference",
        "the images differ, or one is malformed or damaged"
    )
))]
pub struct Opts {
    /// The old image.
    a: PathBuf,
    /// The new image.
    b: PathBuf,
    /// One line per package.
    #[arg(long, conflicts_with = "json")]
    stat: bool,
    /// Print JSON (every field is described in docs/json.md).
    #[arg(long)]
    json: bool,
    /// Treat packages that differ only in root order (same semantic id, same
    /// dependency pins) as equal.
    #[arg(long)]
    semantic: bool,
    /// Also hash the sections of unchanged packages, the index and the
    /// invalidation record (by default they are skipped unread).
    #[arg(long)]
    verify: bool,
}

pub fn run(opts: Opts, _: &GlobalOpts) -> Result<ExitCode, Error> {
    let [a, b]: [ImageFile; 2] = crate::files::open_images(&[&opts.a, &opts.b])?
        .try_into()
        .map_err(|_| Error::io("two images are needed"))?;
    let mut d = diff::diff_files_with(
        &a,
        &b,
        diff::DiffOptions {
            verify: opts.verify,
        },
    )?;
    if opts.semantic {
        let before = d.packages.len();
        d.packages.retain(|p| p.status != "equivalent");
        d.unchanged += before - d.packages.len();
    }
    let text = if opts.json {
        out::json(
            &json!({"json_version": 1, "differ": !d.is_empty(), "unchanged": d.unchanged, "verified": d.verified, "packages": d.packages}),
        )
    } else if opts.stat {
        stat(&d)
    } else {
        render(&d)
    };
    if opts.json {
        out::print_data(&text)?;
    } else {
        out::print(&text)?;
    }
    Ok(ExitCode::from(if d.is_empty() { out::OK } else { out::NO }))
}

fn sign(status: &str) -> char {
    match status {
        "added" => '+',
        "removed" => '-',
        "equivalent" => '=',
        _ => '~',
    }
}

fn items(c: &ItemChanges) -> String {
    format!(
        "+{} -{} ~{}",
        c.added.len(),
        c.removed.len(),
        c.changed.len()
    )
}

fn roots_line(c: &Changes) -> String {
    let r = &c.roots;
    match r.relation {
        "equal" => format!("unchanged ({} roots)", r.len[0]),
        "growth" => format!(
            "append-only growth: +{} roots ({} -> {})",
            r.len[1] - r.len[0],
            r.len[0],
            r.len[1]
        ),
        _ => {
            let (i, a, b) = r
                .first_difference
                .as_ref()
                .expect("set unless equal or growth");
            let (a, b) = match (a, b) {
                (Some(a), Some(b)) => {
                    let (a, b) = pcache_format::model::root::display_pair(a, b);
                    (Some(a), Some(b))
                }
                _ => (a.clone(), b.clone()),
            };
            let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "(none)".into());
            format!(
                "{} at index {i}: {} -> {} ({} -> {} roots)",
                if r.relation == "shrink" {
                    "shrunk"
                } else {
                    "diverged"
                },
                show(&a),
                show(&b),
                r.len[0],
                r.len[1]
            )
        }
    }
}

fn stat(d: &Diff) -> String {
    let mut s = String::new();
    for p in &d.packages {
        let _ = write!(
            s,
            "{} {:<24} {}",
            sign(p.status),
            out::text(&p.name),
            p.status
        );
        if let Some(c) = &p.changes {
            let _ = write!(
                s,
                ", roots {}, types {}, methods {}, code {}",
                match c.roots.relation {
                    "growth" => format!("+{}", c.roots.len[1] - c.roots.len[0]),
                    other => other.to_owned(),
                },
                items(&c.types),
                items(&c.methods),
                items(&c.code)
            );
        }
        s.push('\n');
    }
    let _ = writeln!(s, "{} changed, {} unchanged", d.packages.len(), d.unchanged);
    s += &skipped(d);
    s
}

/// Says plainly what was not hashed.
fn skipped(d: &Diff) -> String {
    if d.verified || d.unchanged == 0 {
        return String::new();
    }
    format!(
        "{} with equal build ids not read or hashed (--verify hashes every section)\n",
        out::count(d.unchanged, "unchanged package")
    )
}

fn render(d: &Diff) -> String {
    let mut s = String::new();
    for p in &d.packages {
        let style = match p.status {
            "added" => out::GOOD,
            "removed" => out::BAD,
            "equivalent" => out::DIM,
            _ => out::CHANGED,
        };
        let _ = writeln!(
            s,
            "{} {} {}",
            out::paint(style, format!("{} {}", sign(p.status), out::text(&p.name))),
            p.uuid,
            p.status
        );
        let Some(c) = &p.changes else { continue };
        if p.status == "equivalent" {
            let _ = writeln!(
                s,
                "    equivalent: same semantic id, only root order differs"
            );
        } else if c.semantic_id[0] == c.semantic_id[1] {
            let _ = writeln!(
                s,
                "    same semantic id, but dependency pins changed (see deps)"
            );
        }
        let _ = writeln!(
            s,
            "    build id   {} -> {}",
            &c.build_id[0][..16],
            &c.build_id[1][..16]
        );
        if c.semantic_id[0] == c.semantic_id[1] {
            let _ = writeln!(s, "    semantic   {} (same)", &c.semantic_id[0][..16]);
        } else {
            let _ = writeln!(
                s,
                "    semantic   {} -> {}",
                &c.semantic_id[0][..16],
                &c.semantic_id[1][..16]
            );
        }
        if let Some([a, b]) = &c.stripped {
            let _ = writeln!(s, "    stripped   {a} -> {b}");
        }
        if let Some([a, b]) = &c.version {
            let _ = writeln!(s, "    version    {} -> {}", out::text(a), out::text(b));
        }
        for (i, line) in c.deps.iter().enumerate() {
            let _ = writeln!(
                s,
                "    {:<10} {}",
                if i == 0 { "deps" } else { "" },
                out::text(line)
            );
        }
        let _ = writeln!(s, "    roots      {}", out::text(&roots_line(c)));
        for (what, list) in [
            ("types", &c.types),
            ("methods", &c.methods),
            ("code", &c.code),
        ] {
            let lines = list
                .added
                .iter()
                .map(|x| out::paint(out::GOOD, format!("+ {}", out::text(x))))
                .chain(
                    list.removed
                        .iter()
                        .map(|x| out::paint(out::BAD, format!("- {}", out::text(x)))),
                )
                .chain(
                    list.changed
                        .iter()
                        .map(|x| out::paint(out::CHANGED, format!("~ {}", out::text(x)))),
                );
            for (i, line) in lines.enumerate() {
                let _ = writeln!(s, "    {:<10} {line}", if i == 0 { what } else { "" });
            }
        }
    }
    if d.is_empty() {
        let _ = writeln!(s, "no difference ({})", out::count(d.unchanged, "package"));
    } else {
        let n = d.packages.len();
        let _ = writeln!(
            s,
            "{n} {}, {} unchanged",
            if n == 1 {
                "package differs"
            } else {
                "packages differ"
            },
            d.unchanged
        );
    }
    s += &skipped(d);
    s
}
