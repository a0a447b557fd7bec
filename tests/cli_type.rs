//! `pcache type`: each operation, its exit status, `--json`, `--batch`
//! (streaming, in order, bad lines answered with an error line), and that
//! no input makes it panic.

use crate::common;

use std::io::Write;
use std::process::Stdio;

use common::{pcache, Run};
use serde_json::{json, Value};

fn ty(args: &[&str]) -> Run {
    let mut all = vec!["type"];
    all.extend_from_slice(args);
    pcache(all)
}

fn json_out(run: &Run) -> Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", run.stdout))
}

/// Runs `pcache type --batch -` on `input`; returns the run and its output lines as JSON.
fn batch(input: &[u8]) -> (Run, Vec<Value>) {
    let mut child = common::bin()
        .args(["type", "--batch", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pcache runs");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        raw_stdout: out.stdout,
    };
    let lines = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("line {l:?}: {e}")))
        .collect();
    (run, lines)
}

#[test]
fn parse_prints_canonically() {
    assert_eq!(
        ty(&["parse", "Vector{Int}"]).expect(0).stdout,
        "Vector{Int64}\n"
    );
    assert_eq!(
        ty(&["parse", "Array{Int64, 1}"]).expect(0).stdout,
        "Vector{Int64}\n"
    );
    assert_eq!(
        ty(&["parse", "Vector{<:Real}"]).expect(0).stdout,
        "Vector{<:Real}\n"
    );
    assert_eq!(ty(&["parse", "typeof(∘)"]).expect(0).stdout, "typeof(∘)\n");
    let r = ty(&["parse", "Tuple{typeof(Base.:(==)), Int, Int}"]).expect(0);
    assert_eq!(r.stdout, "Tuple{typeof(==), Int64, Int64}\n");
    // Qualified names of other modules.
    ty(&["parse", "LinearAlgebra.Hermitian"]).expect(0);
    ty(&["parse", "Base.IEEEFloat"]).expect(0);
}

#[test]
fn sub_equal_morespecific_answer_by_exit_status() {
    let yes = ty(&["sub", "Tuple{Int, Int}", "Tuple{T, T} where T"]).expect(0);
    assert_eq!(yes.stdout, "true\n");
    // The diagonal rule: T must be one concrete type.
    let no = ty(&["sub", "Tuple{Int, Float64}", "Tuple{T, T} where T"]).expect(1);
    assert_eq!(no.stdout, "false\n");
    ty(&["sub", "Vector{Int}", "Vector{<:Real}"]).expect(0);
    ty(&["sub", "Vector{Int}", "Vector{Real}"]).expect(1);
    ty(&["sub", "typeof(∘)", "Function"]).expect(0);
    ty(&[
        "sub",
        "Tuple{typeof(Base.:(==)), Int, Int}",
        "Tuple{Function, Vararg{Any}}",
    ])
    .expect(0);
    ty(&["equal", "Vector{Int}", "Array{Int64, 1}"]).expect(0);
    ty(&["equal", "Vector{<:Real}", "Vector{T} where T<:Real"]).expect(0);
    ty(&["equal", "Vector{Int}", "Vector{Int32}"]).expect(1);
    let r = ty(&["morespecific", "Tuple{Union{Int, String}}", "Tuple{Number}"]).expect(0);
    assert_eq!(r.stdout, "true\n");
    ty(&["morespecific", "Tuple{Number}", "Tuple{Int}"]).expect(1);
}

#[test]
fn intersect_prints_the_intersection() {
    let empty = ty(&[
        "intersect",
        "Tuple{T, Vector{T}} where T",
        "Tuple{Char, Vector{Int}}",
    ])
    .expect(1);
    assert_eq!(empty.stdout, "Union{}\n");
    let r = ty(&["intersect", "Vector{<:Real}", "AbstractVector{Int}"]).expect(0);
    assert_eq!(r.stdout, "Vector{Int64}\n");
}

#[test]
fn match_lists_methods_most_specific_first() {
    let r = ty(&[
        "match",
        "Tuple{typeof(+), Integer, Integer}",
        "--method",
        "Tuple{typeof(+), Number, Number}",
        "--method",
        "Tuple{typeof(+), String, String}",
        "--method",
        "Tuple{typeof(+), Int, Int}",
    ])
    .expect(0);
    assert_eq!(
        r.stdout,
        "[2] Tuple{typeof(+), Int64, Int64}\n[0] Tuple{typeof(+), Number, Number}\n\
         covers the call: yes\nambiguous: none\n"
    );
    let none = ty(&[
        "match",
        "Tuple{typeof(+), Int, Int}",
        "--method",
        "Tuple{typeof(+), String, String}",
    ])
    .expect(1);
    assert!(
        none.stdout.starts_with("no method matches\n"),
        "{}",
        none.stdout
    );
    // Two methods, neither more specific, both matching part of the call.
    let amb = ty(&[
        "match",
        "Tuple{typeof(f), Int, Int}",
        "--method",
        "Tuple{typeof(f), Int, Any}",
        "--method",
        "Tuple{typeof(f), Any, Int}",
        "--json",
    ]);
    // `f` is not a built-in function: an error naming the text and offset.
    amb.expect(2);
    let amb = ty(&[
        "match",
        "Tuple{typeof(sin), Int, Int}",
        "--method",
        "Tuple{typeof(sin), Int, Any}",
        "--method",
        "Tuple{typeof(sin), Any, Int}",
        "--json",
    ])
    .expect(0);
    let v = json_out(&amb);
    assert_eq!(v["result"]["ambiguous"], json!([[0, 1]]));
    assert_eq!(v["result"]["fully_covers"], json!(true));
    // --method is required.
    ty(&["match", "Tuple{typeof(sin), Int}"]).expect(2);
}

#[test]
fn errors_exit_2_with_the_offset() {
    let r = ty(&["sub", "Vector{Int", "Int"]).expect(2);
    assert!(r.stderr.contains("A at byte 10"), "{}", r.stderr);
    assert!(r.stdout.is_empty());
    let r = ty(&["parse", "Vector{Nope}"]).expect(2);
    assert!(r.stderr.contains("at byte 7"), "{}", r.stderr);
    assert!(r.stderr.contains("Nope"), "{}", r.stderr);
    let r = ty(&["equal", "Int", "Tuple{Int,,}"]).expect(2);
    assert!(r.stderr.contains("B at byte"), "{}", r.stderr);
    // Usage errors.
    ty(&[]).expect(2);
    ty(&["sub", "Int"]).expect(2);
    ty(&["--batch", "-", "parse", "Int"]).expect(2);
}

#[test]
fn json_for_single_queries() {
    let v = json_out(&ty(&["parse", "Vector{Int}", "--json"]).expect(0));
    assert_eq!(v, json!({"json_version": 1, "result": "Vector{Int64}"}));
    let v = json_out(&ty(&["sub", "Int", "String", "--json"]).expect(1));
    assert_eq!(v, json!({"json_version": 1, "result": false}));
    let v = json_out(&ty(&["intersect", "Int", "String", "--json"]).expect(1));
    assert_eq!(v, json!({"json_version": 1, "result": "Union{}"}));
    let v = json_out(
        &ty(&[
            "match",
            "Tuple{typeof(sin), Float64}",
            "--method",
            "Tuple{typeof(sin), Real}",
            "--method",
            "Tuple{typeof(sin), Float64}",
            "--json",
        ])
        .expect(0),
    );
    // The Float64 method covers the call: the less specific one is hidden
    // (as Julia's `_methods_by_ftype` leaves it out).
    assert_eq!(
        v,
        json!({"json_version": 1, "result": {
            "methods": ["Tuple{typeof(sin), Float64}"],
            "indices": [1],
            "fully_covers": true,
            "ambiguous": [],
        }})
    );
    let r = ty(&["parse", "Vector{", "--json"]).expect(2);
    let v = json_out(&r);
    assert!(
        v["error"].as_str().unwrap().starts_with("TEXT at byte 7"),
        "{v}"
    );
    assert!(!r.stderr.is_empty());
}

#[test]
fn batch_answers_every_line_in_order() {
    let input = concat!(
        r#"{"op": "sub", "a": "Int", "b": "Integer"}"#,
        "\n",
        r#"{"op": "sub", "a": "Vector{Int}", "b": "Vector{Integer}"}"#,
        "\n",
        "this is not JSON\n",
        r#"{"op": "equal", "a": "Vector{Int}", "b": "Array{Int64, 1}"}"#,
        "\n",
        r#"{"op": "fly", "a": "Int"}"#,
        "\n",
        r#"{"op": "parse", "a": "Vector{<:Real}"}"#,
        "\n",
        r#"{"op": "parse"}"#,
        "\n",
        r#"{"op": "intersect", "a": "Tuple{T, Vector{T}} where T", "b": "Tuple{Char, Vector{Int}}"}"#,
        "\n",
        r#"{"op": "morespecific", "a": "Tuple{Int}", "b": "Tuple{Real}"}"#,
        "\n",
        r#"{"op": "sub", "a": "Int", "b": "Vector{"}"#,
        "\n",
        r#"{"op": "match", "a": "Tuple{typeof(sin), Int}", "methods": ["Tuple{typeof(sin), Real}", "Tuple{typeof(sin), String}"]}"#,
        "\r\n",
        "\n",
        "[1, 2]\n",
        r#"{"op": "match", "a": "Tuple{typeof(sin), Int}", "methods": "Real"}"#,
        "\n",
        r#"{"op": "sub", "a": 1, "b": "Int"}"#,
        "\n",
        r#"{"op": "parse", "a": "Tuple{typeof(Base.:(==)), Int, Int}"}"#,
    );
    let (run, lines) = batch(input.as_bytes());
    run.expect(0);
    assert_eq!(lines.len(), 16, "{lines:?}");
    assert_eq!(lines[0], json!({"result": true}));
    assert_eq!(lines[1], json!({"result": false}));
    assert!(lines[2]["error"].as_str().unwrap().starts_with("not JSON"));
    assert_eq!(lines[3], json!({"result": true}));
    assert!(lines[4]["error"].as_str().unwrap().contains("unknown op"));
    assert_eq!(lines[5], json!({"result": "Vector{<:Real}"}));
    assert_eq!(lines[6], json!({"error": "no \"a\""}));
    assert_eq!(lines[7], json!({"result": "Union{}"}));
    assert_eq!(lines[8], json!({"result": true}));
    assert_eq!(
        lines[9]["error"].as_str().unwrap(),
        "b at byte 7: unexpected end of input, expected a type"
    );
    assert_eq!(
        lines[10],
        json!({"result": {"methods": ["Tuple{typeof(sin), Real}"], "indices": [0], "fully_covers": true, "ambiguous": []}})
    );
    assert!(lines[11]["error"].is_string());
    assert_eq!(lines[12], json!({"error": "not a JSON object"}));
    assert!(lines[13]["error"].is_string());
    assert_eq!(lines[14], json!({"error": "\"a\" is not a string"}));
    assert_eq!(
        lines[15],
        json!({"result": "Tuple{typeof(==), Int64, Int64}"})
    );
    for l in &lines {
        let o = l.as_object().unwrap();
        assert_eq!(o.len(), 1, "{l}");
        assert!(o.contains_key("result") || o.contains_key("error"), "{l}");
    }
}

#[test]
fn batch_bounds_lines_and_survives_bad_bytes() {
    let mut input = Vec::new();
    input.extend_from_slice(b"{\"op\": \"parse\", \"a\": \"Int\"}\n");
    // A line over 1 MiB: an error line, and the batch goes on.
    input.extend_from_slice(b"{\"op\": \"parse\", \"a\": \"");
    input.extend_from_slice(&vec![b'x'; 1 << 21]);
    input.extend_from_slice(b"\"}\n");
    // Invalid UTF-8.
    input.extend_from_slice(b"{\"op\": \"parse\", \"a\": \"\xff\xfe\"}\n");
    input.extend_from_slice(b"\0\0\0\n");
    input.extend_from_slice(b"{\"op\": \"parse\", \"a\": \"Vector{Int}\"}");
    let (run, lines) = batch(&input);
    run.expect(0);
    assert_eq!(lines.len(), 5, "{lines:?}");
    assert_eq!(lines[0], json!({"result": "Int64"}));
    assert!(lines[1]["error"]
        .as_str()
        .unwrap()
        .contains("longer than the limit"));
    assert!(lines[2]["error"].is_string());
    assert!(lines[3]["error"].is_string());
    assert_eq!(lines[4], json!({"result": "Vector{Int64}"}));
}

#[test]
fn batch_from_a_file_and_a_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("q.jsonl");
    std::fs::write(
        &file,
        "{\"op\": \"sub\", \"a\": \"Int\", \"b\": \"Real\"}\n",
    )
    .unwrap();
    let r = pcache(["type".as_ref(), "--batch".as_ref(), file.as_os_str()]).expect(0);
    assert_eq!(r.stdout, "{\"result\":true}\n");
    let r = pcache([
        "type".as_ref(),
        "--batch".as_ref(),
        dir.path().join("missing").as_os_str(),
    ])
    .expect(2);
    assert!(r.stderr.contains("cannot read"), "{}", r.stderr);
    // An empty batch answers nothing.
    std::fs::write(&file, "").unwrap();
    let r = pcache(["type".as_ref(), "--batch".as_ref(), file.as_os_str()]).expect(0);
    assert_eq!(r.stdout, "");
}

#[test]
fn batch_answers_each_line_before_the_next_arrives() {
    use std::io::{BufRead, BufReader};
    let mut child = common::bin()
        .args(["type", "--batch", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    for (q, want) in [
        (
            r#"{"op": "sub", "a": "Int", "b": "Real"}"#,
            r#"{"result":true}"#,
        ),
        (
            r#"{"op": "sub", "a": "Real", "b": "Int"}"#,
            r#"{"result":false}"#,
        ),
    ] {
        writeln!(stdin, "{q}").unwrap();
        stdin.flush().unwrap();
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        assert_eq!(line.trim_end(), want);
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

/// Odd texts, as both operands of every operation: an answer or an error,
/// never a panic or a crash.
#[test]
fn odd_inputs_never_panic() {
    let deep = format!("{}Int{}", "Vector{".repeat(60), "}".repeat(60));
    let too_deep = format!("{}Int{}", "Vector{".repeat(200), "}".repeat(200));
    let wide = format!(
        "Union{{{}}}",
        (0..200)
            .map(|i| format!("Val{{{i}}}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let texts: Vec<String> = [
        "",
        " ",
        "{",
        "}",
        "Union{}",
        "Union{",
        "Tuple{",
        "where",
        "T where T",
        "Tuple{T} where T<:T",
        "Vector{T} where T>:Vector{T}",
        "Vararg",
        "Vararg{Int, -1}",
        "NTuple{99999999999999999999999, Int}",
        "NTuple{4000, Int}",
        "Val{99999999999999999999999999999999999999}",
        "Val{-0x1}",
        "Val{'\\u{10ffff}'}",
        "Val{'ab'}",
        "Val{:var\"\"}",
        "var\"\"",
        "typeof(",
        "typeof(+",
        "typeof(Base.:(==))",
        "typeof(∘)",
        "typeof(⊗)",
        "Type{Type{Type{Union{}}}}",
        "MIME\"text/plain\"",
        "MIME\"",
        "@NamedTuple{a::Int}",
        "@NamedTuple{",
        "Tuple{Vararg{Int}, Int}",
        "Tuple{Union{Int, String, Char, Float64}, Union{Int, String, Char, Float64}} where T",
        "\u{202e}Int",
        "ℝ",
        "Int\0",
        "Base.",
        "Base..Int",
        "Core.Compiler",
        "Main",
        "1",
        "(1, 2)",
        ":a",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain([deep, too_deep, wide])
    .collect();
    let mut lines = String::new();
    for a in &texts {
        // (A NUL cannot be in an argument; the batch below has it.)
        if !a.contains('\0') {
            let r = ty(&["parse", a]);
            assert!(r.code == 0 || r.code == 2, "parse {a:?}: {}", r.code);
            assert!(!r.stderr.contains("panicked"), "parse {a:?}: {}", r.stderr);
        }
        for b in &texts {
            for op in ["sub", "equal", "intersect", "morespecific"] {
                lines += &json!({"op": op, "a": a, "b": b}).to_string();
                lines.push('\n');
            }
            lines += &json!({"op": "match", "a": a, "methods": [b, a]}).to_string();
            lines.push('\n');
        }
    }
    let (run, out) = batch(lines.as_bytes());
    run.expect(0);
    assert_eq!(out.len(), lines.lines().count());
}

/// Unions on the left against a variable per element on the right: Julia's
/// search is exponential here; past the step budget the answer is an error
/// (exit 2), not a guess.
#[test]
fn running_out_of_the_step_budget_is_an_error() {
    let u = "Union{Int8, Int16, Int32, Int64, UInt8, UInt16}";
    let a = format!("Tuple{{{}}}", [u; 8].join(", "));
    let b = format!(
        "Tuple{{{}}} where {{{}}}",
        (0..8)
            .map(|i| format!("Union{{T{i}, Int8}}"))
            .collect::<Vec<_>>()
            .join(", "),
        (0..8)
            .map(|i| format!("T{i}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let r = ty(&["sub", &a, &b]).expect(2);
    assert!(r.stderr.contains("no answer"), "{}", r.stderr);
    let r = ty(&["sub", &a, &b, "--json"]).expect(2);
    assert!(json_out(&r)["error"]
        .as_str()
        .unwrap()
        .starts_with("no answer: "));
    let (run, lines) = batch(
        format!(
            "{}\n{}\n",
            json!({"op": "sub", "a": a, "b": b}),
            json!({"op": "sub", "a": "Int", "b": "Real"})
        )
        .as_bytes(),
    );
    run.expect(0);
    assert!(lines[0]["error"]
        .as_str()
        .unwrap()
        .starts_with("no answer: "));
    assert_eq!(lines[1], json!({"result": true}));
}

/// `match --in IMAGE…`: the methods of pcache images, their packages
/// resolved together (the demo's Blackjack ecosystem); the call read in the
/// last package. A merged image serves the same; a damaged one is refused.
#[test]
fn match_in_images() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    pcache(["demo", "--dir", d.to_str().unwrap()]).expect(0);
    let p = |f: &str| d.join(f).to_str().unwrap().to_string();
    let (base, bj, fc) = (
        p("Base.pci"),
        p("Blackjack.pci"),
        p("BlackjackFacecards.pci"),
    );
    let run = ty(&[
        "match",
        "Tuple{typeof(score), Char}",
        "--in",
        &base,
        &bj,
        &fc,
    ])
    .expect(0);
    assert!(
        run.stdout.contains("score(::Char) @ BlackjackFacecards"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("covers the call: yes"),
        "{}",
        run.stdout
    );
    // Without BlackjackFacecards, `score(::Char)` does not exist: no match.
    let run = ty(&["match", "Tuple{typeof(score), Char}", "--in", &base, &bj]).expect(1);
    assert!(!run.stdout.contains("Char"), "{}", run.stdout);
    let run = ty(&[
        "match",
        "Tuple{typeof(score), Any}",
        "--in",
        &p("merged-a.pci"),
        "--json",
    ])
    .expect(0);
    let v = json_out(&run);
    assert_eq!(
        v["result"]["methods"],
        json!([
            "score(::Int) @ Blackjack",
            "score(::Char) @ BlackjackFacecards"
        ])
    );
    assert_eq!(v["result"]["fully_covers"], json!(false));
    // A flipped byte in a package section: refused, never matched.
    let mut bytes = std::fs::read(&bj).unwrap();
    let n = bytes.len();
    bytes[n - 40] ^= 1;
    let bad = p("bad.pci");
    std::fs::write(&bad, bytes).unwrap();
    let run = ty(&["match", "Tuple{typeof(score), Any}", "--in", &base, &bad]).expect(2);
    assert!(run.stderr.contains("error"), "{}", run.stderr);
}
