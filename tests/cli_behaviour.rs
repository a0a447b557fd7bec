//! How the command behaves around its output: a closed pipe, no progress
//! bar without a terminal, timings with -v, colors only when wanted, and the
//! completion and man page generators.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use pcache_format::{model::Base64, write::section::image_bytes};
use pcache_testkit::demo;

fn pcache() -> Command {
    Command::new(env!("CARGO_BIN_EXE_pcache"))
}

fn demo_files(dir: &Path) {
    for pkg in demo::ecosystem() {
        std::fs::write(
            dir.join(format!("{}.pci", pkg.name)),
            image_bytes(&pkg).unwrap(),
        )
        .unwrap();
    }
}

#[test]
fn closed_pipe_exits_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let mut pkg = demo::blackjack();
    pkg.code[0].payload = Base64(vec![7u8; 4 << 20]);
    let path = dir.path().join("big.pci");
    std::fs::write(&path, image_bytes(&pkg).unwrap()).unwrap();
    let mut child = pcache()
        .arg("unpack")
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut head = [0u8; 100];
    child.stdout.take().unwrap().read_exact(&mut head).unwrap(); // then the pipe closes
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "status {status:?}, stderr {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn no_progress_bar_without_a_terminal_and_timings_with_verbose() {
    let dir = tempfile::tempdir().unwrap();
    demo_files(dir.path());
    let merge = |extra: &[&str]| {
        pcache()
            .current_dir(dir.path())
            .args([
                "merge",
                "Base.pci",
                "Blackjack.pci",
                "BlackjackFacecards.pci",
                "-o",
                "m.pci",
            ])
            .args(extra)
            .output()
            .unwrap()
    };
    let quiet = merge(&[]);
    assert!(quiet.status.success());
    assert!(
        quiet.stderr.is_empty(),
        "stderr is not a terminal: nothing may be drawn"
    );
    let verbose = String::from_utf8(merge(&["-v"]).stderr).unwrap();
    for phase in ["merge:", "write:", "total:"] {
        assert!(verbose.contains(phase), "{verbose}");
    }
    // --quiet and --verbose contradict each other: a usage error.
    assert_eq!(merge(&["-v", "--quiet"]).status.code(), Some(2));
    assert!(merge(&["--quiet"]).stderr.is_empty());
}

#[test]
fn color_only_when_wanted() {
    let dir = tempfile::tempdir().unwrap();
    demo_files(dir.path());
    let verify = |args: &[&str], no_color: bool| {
        let mut cmd = pcache();
        cmd.current_dir(dir.path())
            .arg("verify")
            .arg("Base.pci")
            .args(args);
        if no_color {
            cmd.env("NO_COLOR", "1");
        } else {
            cmd.env_remove("NO_COLOR");
        }
        String::from_utf8(cmd.output().unwrap().stdout).unwrap()
    };
    assert!(verify(&["--color", "always"], false).contains('\x1b'));
    assert!(
        !verify(&[], false).contains('\x1b'),
        "stdout is not a terminal"
    );
    assert!(!verify(&["--color", "never"], false).contains('\x1b'));
    assert!(!verify(&["--color", "auto"], true).contains('\x1b'));
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish"] {
        let out = pcache().args(["completions", shell]).output().unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("merge") && text.contains("verify"), "{shell}");
    }
    let man = pcache().arg("man").output().unwrap();
    assert!(String::from_utf8(man.stdout)
        .unwrap()
        .contains(".TH pcache"));
    let dir = tempfile::tempdir().unwrap();
    assert!(pcache()
        .arg("man")
        .arg("--dir")
        .arg(dir.path())
        .status()
        .unwrap()
        .success());
    for page in [
        "pcache.1",
        "pcache-merge.1",
        "pcache-verify.1",
        "pcache-diff.1",
    ] {
        assert!(dir.path().join(page).exists(), "{page}");
    }
}

#[test]
fn readme_tour_is_the_real_output() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
    let tour =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/cmd/tour.md"))
            .unwrap()
            + &std::fs::read_to_string(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../tests/cmd/real.md"
            ))
            .unwrap();
    let blocks = |text: &str| -> Vec<String> {
        text.split("```console\n")
            .skip(1)
            .map(|b| b.split("```").next().unwrap().to_owned())
            .collect()
    };
    let checked = blocks(&tour);
    let shown = blocks(&readme);
    assert!(shown.len() >= 5);
    for block in shown.iter().filter(|b| b.starts_with("$ ")) {
        assert!(
            checked.contains(block),
            "README block not in tests/cmd/tour.md or real.md:\n{block}"
        );
    }
}

/// Runs `line` in `dir` on a pseudo-terminal (util-linux `script`); the screen.
fn on_a_terminal(dir: &Path, line: &str) -> String {
    let out = Command::new("script")
        .current_dir(dir)
        .args(["-qec", line, "/dev/null"])
        .stdin(Stdio::null())
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    let screen = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{screen}");
    screen
}

/// Drives the progress bar path on a pseudo-terminal: nothing for quick
/// commands, real progress with a known total, a spinner (never a full or
/// empty bar) when the total is unknown, nothing with --quiet.
#[test]
fn progress_bar_on_a_pseudo_terminal() {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: util-linux `script` is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    demo_files(dir.path());
    let bin = env!("CARGO_BIN_EXE_pcache");
    // A quick merge draws nothing: no frame flashes.
    let quick = on_a_terminal(
        dir.path(),
        &format!("{bin} merge Base.pci Blackjack.pci BlackjackFacecards.pci -o m.pci"),
    );
    assert!(!quick.contains('['), "{quick}");
    // A longer run: synth has no known total (a spinner and the bytes
    // written), verify hashes with a known total, --deep then analyzes.
    let synth = on_a_terminal(
        dir.path(),
        &format!("{bin} synth --packages 4 --roots 60000 -o syn"),
    );
    assert!(synth.contains("synth") && synth.contains("MiB"), "{synth}");
    assert!(
        !synth.contains("0 B/0 B") && !synth.contains("[="),
        "{synth}"
    );
    let merged = on_a_terminal(
        dir.path(),
        &format!(
            "{bin} merge syn/000-Base.pci syn/001-*.pci syn/002-*.pci syn/003-*.pci -o syn.pci -q"
        ),
    );
    assert!(!merged.contains('['), "--quiet drew: {merged}");
    let deep = on_a_terminal(dir.path(), &format!("{bin} verify --deep syn.pci"));
    // (Whether it runs long enough to draw depends on the machine; what
    // it draws never claims a total of zero.)
    assert!(!deep.contains("0 B/0 B"), "{deep}");
}

/// Every `$ pcache ...` command of the README, run in order in an empty
/// folder (a fresh clone's view), exits as the README says (`? N`, else 0).
#[test]
fn readme_commands_work_from_a_fresh_start() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    // The README shows `queries.jsonl` (for `pcache type --batch`) in a
    // json block right after naming it: the reader writes that file.
    if let Some(rest) = readme.split("With `queries.jsonl`").nth(1) {
        let body = rest
            .split("```json\n")
            .nth(1)
            .and_then(|b| b.split("```").next())
            .unwrap();
        std::fs::write(dir.path().join("queries.jsonl"), body).unwrap();
    }
    // The real packages the README packs (tests/cmd/real.in).
    let real = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/cmd/real.in");
    for entry in std::fs::read_dir(real).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    let mut ran = 0;
    for block in readme.split("```console\n").skip(1) {
        let block = block.split("```").next().unwrap();
        let mut lines = block.lines();
        let Some(cmd) = lines.next().and_then(|l| l.strip_prefix("$ pcache ")) else {
            continue;
        };
        let want = lines
            .next()
            .and_then(|l| l.strip_prefix("? "))
            .map_or(0, |c| c.parse::<i32>().unwrap());
        let out = pcache()
            .current_dir(dir.path())
            .args(shell_words(cmd))
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(want),
            "pcache {cmd}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        ran += 1;
    }
    assert!(ran >= 8, "{ran} commands");
}

/// Every key of every `--json` output is described in docs/json.md; every
/// `--json` help names it; help pages cite only SPEC.md sections that exist.
#[test]
fn json_fields_and_spec_references_are_documented() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let docs = std::fs::read_to_string(format!("{root}/docs/json.md")).unwrap();
    let spec = std::fs::read_to_string(format!("{root}/SPEC.md")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(pcache()
        .args(["demo", "--dir"])
        .arg(d)
        .output()
        .unwrap()
        .status
        .success());
    let m = d.join("merged-a.pci");
    let b = d.join("Base.pci");
    // A stripped image, so that diff shows its `stripped` pair.
    let s = d.join("stripped.pci");
    assert!(pcache()
        .args(["strip", "--payloads", "-o"])
        .arg(&s)
        .arg(&m)
        .output()
        .unwrap()
        .status
        .success());
    let runs: Vec<Vec<&std::ffi::OsStr>> = vec![
        vec![
            "diff".as_ref(),
            "--json".as_ref(),
            m.as_os_str(),
            s.as_os_str(),
        ],
        vec!["inspect".as_ref(), "--json".as_ref(), s.as_os_str()],
        vec!["inspect".as_ref(), "--json".as_ref(), m.as_os_str()],
        vec![
            "inspect".as_ref(),
            "--json".as_ref(),
            m.as_os_str(),
            b.as_os_str(),
        ],
        vec![
            "inspect".as_ref(),
            "--json".as_ref(),
            "--roots".as_ref(),
            "Blackjack".as_ref(),
            m.as_os_str(),
        ],
        vec![
            "verify".as_ref(),
            "--json".as_ref(),
            m.as_os_str(),
            b.as_os_str(),
        ],
        vec![
            "diff".as_ref(),
            "--json".as_ref(),
            b.as_os_str(),
            m.as_os_str(),
        ],
        vec!["invalidations".as_ref(), "--json".as_ref(), m.as_os_str()],
    ];
    fn keys(v: &serde_json::Value, out: &mut std::collections::BTreeSet<String>) {
        match v {
            serde_json::Value::Object(o) => {
                for (k, v) in o {
                    out.insert(k.clone());
                    keys(v, out);
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|v| keys(v, out)),
            _ => {}
        }
    }
    for args in runs {
        let out = pcache().args(&args).output().unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut found = Default::default();
        keys(&v, &mut found);
        for k in found {
            // Root values ({"sym": ...}) are the document form of SPEC.md §2.
            if [
                "sym", "str", "int", "float", "bytes", "type", "method", "pkg", "name", "sig",
            ]
            .contains(&k.as_str())
                && args.contains(&"--roots".as_ref())
            {
                continue;
            }
            assert!(
                docs.contains(&format!("`{k}`")),
                "{args:?}: `{k}` is not in docs/json.md"
            );
        }
    }
    for cmd in ["inspect", "verify", "diff", "invalidations"] {
        let help = pcache().args([cmd, "--help"]).output().unwrap();
        let help = String::from_utf8(help.stdout).unwrap();
        assert!(help.contains("docs/json.md"), "{cmd} --help");
    }
    for cmd in [
        "",
        "pack",
        "unpack",
        "inspect",
        "verify",
        "merge",
        "diff",
        "extract",
        "invalidations",
        "demo",
        "synth",
    ] {
        let help = pcache()
            .args([cmd, "--help"].iter().filter(|a| !a.is_empty()))
            .output()
            .unwrap();
        let help = String::from_utf8(help.stdout).unwrap();
        for cite in help.split("SPEC.md").skip(1) {
            let cite = cite.trim_start_matches([',', ' ']);
            if let Some(section) = cite.strip_prefix('§') {
                let number: String = section
                    .chars()
                    .take_while(|c| c.is_ascii_digit() || *c == '.')
                    .collect();
                let number = number.trim_end_matches('.');
                assert!(
                    spec.contains(&format!("## {number} "))
                        || spec.contains(&format!("## {number}.")),
                    "{cmd} --help cites SPEC.md §{number}, which does not exist"
                );
            } else {
                assert!(
                    !cite.starts_with('"'),
                    "{cmd} --help cites a SPEC.md section by name: {cite}"
                );
            }
        }
    }
}

/// Words of a command line as a shell splits them: white space separates,
/// single quotes keep everything inside (the README's type texts).
fn shell_words(cmd: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut quoted = false;
    for c in cmd.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                in_word = true;
            }
            c if c.is_whitespace() && !quoted => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            c => {
                cur.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    words
}
