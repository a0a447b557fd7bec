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

/// Recomputes the checksum and summary of every section whose table entry is in range
/// (what a writer that made the wrong bytes would store).
pub fn reseal_sections(b: &mut [u8]) {
    if b.len() < 64 {
        return;
    }
    let u64_at = |b: &[u8], at: usize| u64::from_le_bytes(b[at..at + 8].try_into().unwrap());
    let count = u32::from_le_bytes(b[24..28].try_into().unwrap()) as usize;
    for i in 0..count {
        let at = 64 + i * 80;
        if at + 80 > b.len() {
            break;
        }
        let (off, len) = (u64_at(b, at + 8), u64_at(b, at + 16));
        if let Some(end) = off.checked_add(len).filter(|&e| e <= b.len() as u64) {
            let section = &b[off as usize..end as usize];
            let sum = *blake3::hash(section).as_bytes();
            let kind = u32::from_le_bytes(b[at..at + 4].try_into().unwrap());
            let summary = pcache_format::spec::frame::summary_of(kind, section);
            b[at + 40..at + 72].copy_from_slice(&sum);
            b[at + 72..at + 80].copy_from_slice(&summary);
        }
    }
}

/// Recomputes the header checksum over the header and the section table.
pub fn reseal_header(b: &mut [u8]) {
    if b.len() < 64 {
        return;
    }
    let count = u32::from_le_bytes(b[24..28].try_into().unwrap()) as usize;
    let table_end = (64 + count.saturating_mul(80)).min(b.len());
    let mut h = blake3::Hasher::new();
    h.update(&b[..32]);
    h.update(&b[64..table_end]);
    let sum = *h.finalize().as_bytes();
    b[32..64].copy_from_slice(&sum);
}
