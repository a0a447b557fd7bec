//! `pcache type`: ask the type system. Type texts are read as Julia source
//! or printed form, resolved in `Main` against the built-in declarations of
//! Julia's Core, Base and standard libraries, and answered by the rules of
//! `pcache_typesys::types` (subtyping, intersection, specificity, method
//! matching). One query from the command line, or many as JSON lines.

use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use pcache_format::Error;
use pcache_typesys::builtin;
use pcache_typesys::types::declfile::enter_module;
use pcache_typesys::types::{
    intersect_checked, match_methods, morespecific, show, subtype_checked, type_from_text,
    types_equal_checked, Exhausted, Registry, Ty,
};
use serde_json::{json, Value};

use crate::global::GlobalOpts;
use crate::out;

/// The module type texts are resolved in: it sees Core's and Base's exports;
/// other names are written qualified (`Base.IEEEFloat`, `LinearAlgebra.Hermitian`).
const MODULE: &str = "Main";

/// Longest line `--batch` reads; a longer line gets an error line.
pub const MAX_BATCH_LINE: usize = 1 << 20;

/// Ask the type system: parse, subtyping, equality, intersection, specificity, method matching.
#[derive(clap::Args)]
#[command(
    arg_required_else_help = true,
    after_help = "\
Examples:
  pcache type parse 'Vector{Int}'
  pcache type sub 'Tuple{Int, Int}' 'Tuple{T, T} where T'
  pcache type intersect 'Tuple{T, Vector{T}} where T' 'Tuple{Char, Vector{Int}}'
  pcache type morespecific 'Tuple{Union{Int, String}}' 'Tuple{Number}'
  pcache type match 'Tuple{typeof(+), Int, Int}' --method 'Tuple{typeof(+), Number, Number}'
  echo '{\"op\": \"sub\", \"a\": \"Int\", \"b\": \"Integer\"}' | pcache type --batch -

Type texts are Julia's, as written in source or printed by Julia: where
clauses, <:T parameters, Vararg, typeof(f) of any callable (typeof(+),
typeof(Base.:(==)), typeof(∘)), values (Val{1}, Val{:a}), MIME\"text/plain\".
Names are resolved in Main against the built-in declarations of Julia 1.11's
Core, Base and standard libraries; other modules' names are written qualified
(Base.IEEEFloat, LinearAlgebra.Hermitian). Answers are printed canonically, as
Julia prints types. Each query has a step budget; a query that runs out of it
is an error (no answer), never a guess.

--batch reads one JSON object per line, {\"op\": OP, \"a\": TEXT, \"b\": TEXT}
(OP: parse, sub, equal, intersect, morespecific, or match with \"a\" the call
and \"methods\": [TEXT, ...]), and writes one JSON line per input line, in
order: {\"result\": ...} or {\"error\": \"...\"}. A malformed line gets an error
line; the batch goes on. See docs/json.md.

Exit status: sub, equal, morespecific: 0 true, 1 false; intersect: 0 non-empty,
1 empty; match: 0 some method matches, 1 none; parse: 0. 2 a text does not
parse or name a type, the query ran out of its step budget, or usage error.
--batch: 0 the batch ran (whatever its lines answered), 2 FILE cannot be read."
)]
pub struct Opts {
    #[command(subcommand)]
    query: Option<Query>,
    /// Answer many queries: one JSON object per line of FILE ('-' reads
    /// standard input), one JSON line out per line in.
    #[arg(long, value_name = "FILE")]
    batch: Option<PathBuf>,
}

/// Print JSON: {"result": ...} or {"error": "..."}.
#[derive(clap::Args)]
struct JsonOpt {
    /// Print one JSON object: {"result": ...} or {"error": "..."} (see docs/json.md).
    #[arg(long)]
    json: bool,
}

/// Two type texts.
#[derive(clap::Args)]
struct Pair {
    /// The first type.
    a: String,
    /// The second type.
    b: String,
    #[command(flatten)]
    out: JsonOpt,
}

#[derive(clap::Subcommand)]
enum Query {
    /// Print a type as Julia prints it (exit 0).
    Parse {
        /// The type text.
        text: String,
        #[command(flatten)]
        out: JsonOpt,
    },
    /// Whether A <: B (exit 0 true, 1 false).
    Sub(Pair),
    /// Whether A == B as types (A <: B and B <: A; exit 0 true, 1 false).
    Equal(Pair),
    /// The intersection of A and B, Union{} when empty (exit 0 non-empty, 1 empty).
    Intersect(Pair),
    /// Whether A is more specific than B, as dispatch ranks method
    /// signatures (exit 0 true, 1 false).
    Morespecific(Pair),
    /// The methods a call signature matches, most specific first, whether
    /// they cover the call and which are ambiguous (exit 0 some match, 1 none).
    Match(MatchOpts),
}

/// `pcache type match`.
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  pcache type match 'Tuple{typeof(sin), Float32}' --method 'Tuple{typeof(sin), Real}'
  pcache type match 'Tuple{typeof(+), Integer, Int}' --method 'Tuple{typeof(+), Number, Number}' --method 'Tuple{typeof(+), T, T} where T<:Integer' --json

Prints the matched methods, most specific first, as `[i] SIGNATURE` where i
counts the --method options from 0; methods that a more specific match covering
the whole call hides are left out. Then whether the matches cover the call
(else it can end in a MethodError) and the pairs of ambiguous methods.")]
struct MatchOpts {
    /// The call signature, e.g. Tuple{typeof(f), Int}.
    call: String,
    /// A method signature (repeat for each method).
    #[arg(
        long = "method",
        value_name = "SIG",
        required_unless_present = "images"
    )]
    methods: Vec<String>,
    /// Match among the methods of these pcache images (their packages
    /// resolved together with Julia's Core and Base, dependencies first);
    /// the call is read in the last package. --method signatures are read
    /// in Main and matched too.
    #[arg(long = "in", value_name = "IMAGE", num_args = 1..)]
    images: Vec<PathBuf>,
    #[command(flatten)]
    out: JsonOpt,
}

/// A query's answer.
enum Answer {
    /// sub, equal, morespecific.
    Bool(bool),
    /// parse, intersect: the canonical text (and, for intersect, emptiness).
    Type { text: String, empty: bool },
    /// match.
    Match {
        /// Matched methods, most specific first: index among the methods given, canonical text.
        methods: Vec<(usize, String)>,
        fully_covers: bool,
        ambiguous: Vec<(usize, usize)>,
    },
}

impl Answer {
    /// `{"result": ...}`.
    fn json(&self) -> Value {
        let result = match self {
            Answer::Bool(b) => json!(b),
            Answer::Type { text, .. } => json!(text),
            Answer::Match {
                methods,
                fully_covers,
                ambiguous,
            } => json!({
                "methods": methods.iter().map(|(_, t)| t).collect::<Vec<_>>(),
                "indices": methods.iter().map(|(i, _)| i).collect::<Vec<_>>(),
                "fully_covers": fully_covers,
                "ambiguous": ambiguous.iter().map(|&(i, j)| [i, j]).collect::<Vec<_>>(),
            }),
        };
        json!({ "result": result })
    }

    /// Exit status: 0 yes / non-empty / some match, 1 otherwise.
    fn status(&self) -> u8 {
        let yes = match self {
            Answer::Bool(b) => *b,
            Answer::Type { empty, .. } => !*empty,
            Answer::Match { methods, .. } => !methods.is_empty(),
        };
        if yes {
            out::OK
        } else {
            out::NO
        }
    }

    /// What a person reads.
    fn human(&self) -> String {
        match self {
            Answer::Bool(b) => format!("{b}\n"),
            Answer::Type { text, .. } => format!("{text}\n"),
            Answer::Match {
                methods,
                fully_covers,
                ambiguous,
            } => {
                let mut s = String::new();
                if methods.is_empty() {
                    s += "no method matches\n";
                }
                for (i, text) in methods {
                    let _ = writeln!(s, "[{i}] {text}");
                }
                let _ = writeln!(
                    s,
                    "covers the call: {}",
                    if *fully_covers { "yes" } else { "no" }
                );
                if ambiguous.is_empty() {
                    s += "ambiguous: none\n";
                } else {
                    let pairs: Vec<_> = ambiguous
                        .iter()
                        .map(|(i, j)| format!("[{i}] [{j}]"))
                        .collect();
                    let _ = writeln!(s, "ambiguous: {}", pairs.join(", "));
                }
                s
            }
        }
    }
}

/// Why a query has no answer.
struct QueryError {
    message: String,
    /// The text the error is in and the byte offset, to point at it.
    at: Option<(String, usize)>,
}

impl From<Exhausted> for QueryError {
    fn from(e: Exhausted) -> QueryError {
        QueryError {
            message: format!("no answer: {e} (the step budget ran out)"),
            at: None,
        }
    }
}

/// Parses and resolves one text; `label` names it in the error.
fn read_type(reg: &Registry, label: &str, text: &str) -> Result<Ty, QueryError> {
    type_from_text(reg, MODULE, text).map_err(|e| QueryError {
        message: format!("{label} {e}"),
        at: Some((text.to_owned(), e.offset())),
    })
}

/// The operations, by their batch names.
#[derive(Clone, Copy)]
enum Op {
    Parse,
    Sub,
    Equal,
    Intersect,
    Morespecific,
}

/// Answers `op` on the texts `a` and (except for parse) `b`.
fn answer(
    reg: &Registry,
    op: Op,
    (la, a): (&str, &str),
    b: Option<(&str, &str)>,
) -> Result<Answer, QueryError> {
    let ta = read_type(reg, la, a)?;
    let tb = match b {
        Some((lb, b)) => read_type(reg, lb, b)?,
        None => reg.any(),
    };
    Ok(match op {
        Op::Parse => Answer::Type {
            text: show(reg, &ta),
            empty: false,
        },
        Op::Sub => Answer::Bool(subtype_checked(reg, &ta, &tb)?),
        Op::Equal => Answer::Bool(types_equal_checked(reg, &ta, &tb)?),
        Op::Intersect => {
            let t = intersect_checked(reg, &ta, &tb)?;
            Answer::Type {
                text: show(reg, &t),
                empty: t.is_bottom(),
            }
        }
        Op::Morespecific => {
            // `morespecific` decides by subtyping first and has no checked
            // form: ask those two questions checked, so that a budget that
            // runs out there is reported rather than read as "no".
            subtype_checked(reg, &tb, &ta)?;
            subtype_checked(reg, &ta, &tb)?;
            Answer::Bool(morespecific(reg, &ta, &tb))
        }
    })
}

/// Answers a match of `call` against `methods` (label, text).
fn answer_match(
    reg: &Registry,
    call: (&str, &str),
    methods: &[(String, &str)],
) -> Result<Answer, QueryError> {
    let call = read_type(reg, call.0, call.1)?;
    let sigs = methods
        .iter()
        .map(|(label, text)| read_type(reg, label, text))
        .collect::<Result<Vec<_>, _>>()?;
    let m = match_methods(reg, &call, &sigs)?;
    Ok(Answer::Match {
        methods: m
            .methods
            .iter()
            .map(|&i| (i, show(reg, &sigs[i])))
            .collect(),
        fully_covers: m.fully_covers,
        ambiguous: m.ambiguous,
    })
}

/// The built-in declarations, with a `Main` module that uses Core and Base.
fn registry() -> Result<Registry, Error> {
    let mut reg = builtin::try_julia()
        .map_err(|e| Error::invalid(format!("the built-in declarations do not load: {e}")))?;
    // `try_julia` (unlike `julia`, which falls back to an empty registry
    // on an error) leaves Main to the caller.
    if reg.module(MODULE).is_none() {
        enter_module(&mut reg, MODULE);
    }
    Ok(reg)
}

pub fn run(opts: Opts, _: &GlobalOpts) -> Result<ExitCode, Error> {
    if opts.batch.is_some() && opts.query.is_some() {
        eprintln!("error: --batch reads its queries from FILE; give it without a query");
        return Ok(ExitCode::from(out::TROUBLE));
    }
    let reg = registry()?;
    if let Some(file) = opts.batch {
        return run_batch(&reg, &file);
    }
    let Some(query) = opts.query else {
        // clap prints the help when neither is given (arg_required_else_help).
        return Ok(ExitCode::from(out::TROUBLE));
    };
    let (result, json_out) = match &query {
        Query::Parse { text, out } => (answer(&reg, Op::Parse, ("TEXT", text), None), out.json),
        Query::Sub(p) | Query::Equal(p) | Query::Intersect(p) | Query::Morespecific(p) => {
            let op = match query {
                Query::Sub(_) => Op::Sub,
                Query::Equal(_) => Op::Equal,
                Query::Intersect(_) => Op::Intersect,
                _ => Op::Morespecific,
            };
            (answer(&reg, op, ("A", &p.a), Some(("B", &p.b))), p.out.json)
        }
        Query::Match(m) => (run_match(&reg, m), m.out.json),
    };
    match result {
        Ok(a) => {
            if json_out {
                let mut v = a.json();
                v["json_version"] = json!(1);
                out::print_data(&out::json(&v))?;
            } else {
                out::print(&a.human())?;
            }
            Ok(ExitCode::from(a.status()))
        }
        Err(e) => {
            if json_out {
                out::print_data(&out::json(&json!({"json_version": 1, "error": e.message})))?;
            }
            report(&e);
            Ok(ExitCode::from(out::TROUBLE))
        }
    }
}

fn run_match(reg: &Registry, m: &MatchOpts) -> Result<Answer, QueryError> {
    if !m.images.is_empty() {
        return match_in_images(m);
    }
    let methods: Vec<(String, &str)> = m
        .methods
        .iter()
        .enumerate()
        .map(|(i, t)| (format!("method [{i}]"), t.as_str()))
        .collect();
    answer_match(reg, ("CALL", &m.call), &methods)
}

/// `match --in IMAGE…`: the packages of the images, verified and resolved
/// together; the call read in the last package in load order. Matched
/// methods are named `f(::A, …) @ Package` and numbered by their place
/// among all methods (load order, then declaration order).
fn match_in_images(m: &MatchOpts) -> Result<Answer, QueryError> {
    use pcache_format::invalidation::decls;
    use pcache_format::session::{Session, SessionOptions};
    let plain = |message: String| QueryError { message, at: None };
    let files = m
        .images
        .iter()
        .map(|p| crate::files::open_image(p))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| plain(e.to_string()))?;
    for (f, p) in files.iter().zip(&m.images) {
        // Whatever is decoded is checked first.
        let image = f.image().map_err(|e| plain(e.to_string()))?;
        image
            .check_sections()
            .map_err(|e| plain(e.in_file(p).to_string()))?;
    }
    let session =
        Session::load(&files, SessionOptions::default()).map_err(|e| plain(e.to_string()))?;
    let mut pkgs =
        decls(session.packages(), session.load_order()).map_err(|e| plain(e.to_string()))?;
    let world = pcache_typesys::Universe::build(&pkgs).map_err(|e| plain(e.to_string()))?;
    let q = pkgs
        .len()
        .checked_sub(1)
        .ok_or_else(|| plain("the images hold no package".into()))?;
    let call = world
        .resolve_text(q, &m.call)
        .map_err(|e| plain(format!("CALL: {e}")))?;
    let r = world
        .match_in_world(&call, None)
        .map_err(|e| plain(e.to_string()))?;
    let name = |g: usize| {
        let rm = &world.methods[g];
        let d = &pkgs[rm.pkg].methods[rm.idx];
        let f = d.name.rsplit('.').next().unwrap_or(&d.name);
        format!(
            "{} @ {}",
            pcache_typesys::syntax::call_display(f, &d.sig),
            pkgs[rm.pkg].name
        )
    };
    let methods = r.methods.iter().map(|&g| (g, name(g))).collect();
    pkgs.clear();
    Ok(Answer::Match {
        methods,
        fully_covers: r.fully_covers,
        ambiguous: r.ambiguous,
    })
}

/// Prints a single query's error to stderr, pointing at the offset when the
/// text is one short line.
fn report(e: &QueryError) {
    let mut stderr = anstream::stderr().lock();
    let _ = writeln!(stderr, "{} {}", out::paint(out::BAD, "error:"), e.message);
    if let Some((text, offset)) = &e.at {
        if text.chars().count() <= 120 && !text.chars().any(char::is_control) {
            let before = text.get(..*offset).unwrap_or(text);
            let _ = writeln!(stderr, "  {text}");
            let _ = writeln!(stderr, "  {}^", " ".repeat(before.chars().count()));
        }
    }
}

/// One line of a batch: what to answer.
fn batch_line(reg: &Registry, line: &[u8]) -> Value {
    let result = (|| {
        let v: Value = serde_json::from_slice(line).map_err(|e| format!("not JSON: {e}"))?;
        let Value::Object(obj) = v else {
            return Err("not a JSON object".to_owned());
        };
        let text = |key: &str| -> Result<&str, String> {
            match obj.get(key) {
                Some(Value::String(s)) => Ok(s),
                Some(_) => Err(format!("\"{key}\" is not a string")),
                None => Err(format!("no \"{key}\"")),
            }
        };
        let op = text("op")?;
        let r = match op {
            "parse" => answer(reg, Op::Parse, ("a", text("a")?), None),
            "sub" | "equal" | "intersect" | "morespecific" => {
                let op = match op {
                    "sub" => Op::Sub,
                    "equal" => Op::Equal,
                    "intersect" => Op::Intersect,
                    _ => Op::Morespecific,
                };
                answer(reg, op, ("a", text("a")?), Some(("b", text("b")?)))
            }
            "match" => {
                let call = text("a")?;
                let Some(Value::Array(list)) = obj.get("methods") else {
                    return Err("no \"methods\" array".to_owned());
                };
                let methods = list
                    .iter()
                    .enumerate()
                    .map(|(i, m)| match m {
                        Value::String(s) => Ok((format!("methods[{i}]"), s.as_str())),
                        _ => Err(format!("methods[{i}] is not a string")),
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                answer_match(reg, ("a", call), &methods)
            }
            other => {
                return Err(format!(
                    "unknown op {}: expected parse, sub, equal, intersect, morespecific or match",
                    Value::from(other)
                ))
            }
        };
        r.map_err(|e| e.message)
    })();
    match result {
        Ok(a) => a.json(),
        Err(e) => json!({ "error": e }),
    }
}

fn run_batch(reg: &Registry, file: &Path) -> Result<ExitCode, Error> {
    let (name, input): (String, Box<dyn Read>) = if file.as_os_str() == "-" {
        ("standard input".to_owned(), Box::new(std::io::stdin()))
    } else {
        match std::fs::File::open(file) {
            Ok(f) => (file.display().to_string(), Box::new(f)),
            Err(e) => {
                return Err(Error::io(format!("cannot read {}: {e}", file.display())));
            }
        }
    };
    let mut input = BufReader::with_capacity(64 * 1024, input);
    let mut output = std::io::BufWriter::new(std::io::stdout().lock());
    let mut line = Vec::new();
    loop {
        let read = read_line(&mut input, &mut line, MAX_BATCH_LINE, &mut output)
            .map_err(|e| out_error(&e, &name))?;
        let answer = match read {
            Line::End => break,
            Line::TooLong(len) => json!({
                "error": format!("line of {len} bytes or more, longer than the limit of {MAX_BATCH_LINE}")
            }),
            Line::Ok => {
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                batch_line(reg, &line)
            }
        };
        let mut text = answer.to_string();
        text.push('\n');
        output
            .write_all(text.as_bytes())
            .map_err(|e| out_error(&e, ""))?;
    }
    output.flush().map_err(|e| out_error(&e, ""))?;
    Ok(ExitCode::from(out::OK))
}

/// An I/O error while reading `name` (empty: while writing standard output).
/// A closed output pipe ends the program quietly, as everywhere in pcache.
fn out_error(e: &std::io::Error, name: &str) -> Error {
    if name.is_empty() {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        Error::io(format!("cannot write to standard output: {e}"))
    } else {
        Error::io(format!("cannot read {name}: {e}"))
    }
}

/// What [`read_line`] read.
enum Line {
    /// A line (without its newline) is in the buffer.
    Ok,
    /// A line at least this long was skipped.
    TooLong(usize),
    /// The input has ended.
    End,
}

/// Reads one line into `buf` (cleared first), keeping at most `max` bytes
/// of it in memory. Before waiting for input it flushes `output`, so that a
/// program feeding queries one at a time gets each answer at once.
fn read_line(
    input: &mut BufReader<Box<dyn Read>>,
    buf: &mut Vec<u8>,
    max: usize,
    output: &mut impl Write,
) -> std::io::Result<Line> {
    buf.clear();
    let mut len = 0usize;
    let mut started = false;
    loop {
        if input.buffer().is_empty() {
            output.flush()?;
        }
        let avail = match input.fill_buf() {
            Ok(a) => a,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            return Ok(if !started {
                Line::End
            } else if len > max {
                Line::TooLong(len)
            } else {
                Line::Ok
            });
        }
        started = true;
        let (chunk, newline) = match avail.iter().position(|&b| b == b'\n') {
            Some(i) => (&avail[..i], true),
            None => (avail, false),
        };
        len = len.saturating_add(chunk.len());
        if len <= max {
            buf.extend_from_slice(chunk);
        } else {
            buf.clear();
        }
        let used = chunk.len() + usize::from(newline);
        input.consume(used);
        if newline {
            return Ok(if len > max {
                Line::TooLong(len)
            } else {
                Line::Ok
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8], max: usize) -> Vec<Result<Vec<u8>, usize>> {
        let mut r: BufReader<Box<dyn Read>> =
            BufReader::with_capacity(4, Box::new(std::io::Cursor::new(input.to_vec())));
        let mut buf = Vec::new();
        let mut out = Vec::new();
        let mut sink = Vec::new();
        loop {
            match read_line(&mut r, &mut buf, max, &mut sink).unwrap() {
                Line::End => return out,
                Line::Ok => out.push(Ok(buf.clone())),
                Line::TooLong(n) => out.push(Err(n)),
            }
        }
    }

    #[test]
    fn lines_are_split_and_bounded() {
        assert_eq!(lines(b"", 8), vec![]);
        assert_eq!(lines(b"\n", 8), vec![Ok(vec![])]);
        assert_eq!(
            lines(b"ab\ncd", 8),
            vec![Ok(b"ab".to_vec()), Ok(b"cd".to_vec())]
        );
        assert_eq!(
            lines(b"abcdefghijk\nxy\n", 8),
            vec![Err(11), Ok(b"xy".to_vec())]
        );
        assert_eq!(lines(b"12345678\n", 8), vec![Ok(b"12345678".to_vec())]);
        assert_eq!(lines(b"123456789", 8), vec![Err(9)]);
    }
}
