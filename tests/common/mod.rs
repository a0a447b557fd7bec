//! Helpers shared by the integration tests: running the built `pcache`,
//! writing package documents and images into a temporary folder.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use pcache_format::{write, Package};

/// The `pcache` binary built for these tests.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_pcache"))
}

/// What one run of `pcache` did.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub raw_stdout: Vec<u8>,
}

impl Run {
    /// Fails the test unless the exit status is `code`; never accepts a panic.
    #[track_caller]
    pub fn expect(self, code: i32) -> Run {
        assert!(
            !self.stderr.contains("panicked"),
            "pcache panicked:\n{}",
            self.stderr
        );
        assert_eq!(
            self.code, code,
            "exit status {} (wanted {code})\nstdout:\n{}\nstderr:\n{}",
            self.code, self.stdout, self.stderr
        );
        self
    }
}

/// Runs `pcache args...`.
pub fn pcache<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let out: Output = bin().args(args).output().expect("pcache runs");
    Run {
        // A process killed by a signal (a crash) has no code: -1 fails every expectation.
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        raw_stdout: out.stdout,
    }
}

/// Writes `pkg` as `dir/<file>.json` and packs it with the binary into
/// `dir/<file>.pci`; returns the image path.
pub fn pack_json(dir: &Path, file: &str, pkg: &Package) -> PathBuf {
    let json = dir.join(format!("{file}.json"));
    std::fs::write(&json, pkg.to_json()).unwrap();
    let pci = dir.join(format!("{file}.pci"));
    pcache([
        "pack".as_ref(),
        json.as_os_str(),
        "-o".as_ref(),
        pci.as_os_str(),
    ])
    .expect(0);
    pci
}

/// Writes the image of `pkg` (packed by the library) to `dir/<file>.pci`.
pub fn write_image(dir: &Path, file: &str, pkg: &Package) -> PathBuf {
    let pci = dir.join(format!("{file}.pci"));
    std::fs::write(&pci, write::section::image_bytes(pkg).unwrap()).unwrap();
    pci
}

/// `pcache merge inputs... -o out [extra...]`.
pub fn merge(inputs: &[&Path], out: &Path, extra: &[&str]) -> Run {
    let mut cmd: Vec<std::ffi::OsString> = vec!["merge".into()];
    cmd.extend(inputs.iter().map(|p| p.as_os_str().to_owned()));
    cmd.push("-o".into());
    cmd.push(out.as_os_str().to_owned());
    cmd.extend(extra.iter().map(|s| (*s).into()));
    pcache(cmd)
}

/// `pcache verify path`.
pub fn verify(path: &Path) -> Run {
    pcache(["verify".as_ref(), path.as_os_str()])
}

#[allow(unused_imports)]
pub use pcache_testkit::reseal::{reseal_header, reseal_sections};
