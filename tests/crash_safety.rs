//! Crash safety of `pcache merge`'s output (written to a temporary file in
//! the same directory, synced, renamed into place): killed with SIGKILL at
//! many points of a large write, it leaves at the output path either the
//! previous complete file or the new complete file, never a partial one;
//! and two merges racing to one path both finish and leave one complete,
//! valid file.

use crate::common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::write_image;
use pcache_format::model::{Base64, Root};
use pcache_format::read::image::ImageFile;
use pcache_format::verify;
use pcache_testkit::demo;

/// The demo packages, each with a multi-MB byte-string root and payload,
/// so that writing their merge takes a while.
fn big_inputs(dir: &Path, mib: usize) -> Vec<PathBuf> {
    demo::ecosystem()
        .into_iter()
        .enumerate()
        .map(|(i, mut p)| {
            let big: Vec<u8> = (0..mib << 20)
                .map(|k| {
                    (k as u32)
                        .wrapping_mul(2654435761)
                        .rotate_right(i as u32 + 3) as u8
                })
                .collect();
            p.roots.push(Root::Bytes(Base64(big.clone())));
            p.code[0].payload = Base64(big);
            write_image(dir, &format!("big-{}", p.name), &p)
        })
        .collect()
}

fn merge_cmd(inputs: &[PathBuf], out: &Path) -> std::process::Command {
    let mut cmd = common::bin();
    cmd.arg("merge").args(inputs).arg("-o").arg(out);
    cmd.stdout(std::process::Stdio::null());
    cmd.stderr(std::process::Stdio::null());
    cmd
}

fn is_valid(bytes: &[u8]) -> bool {
    verify::verify_file(&ImageFile::from_bytes("x.pci", bytes))
        .problems
        .is_empty()
}

fn temp_files(dir: &Path) -> Vec<(PathBuf, u64)> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".pcache-tmp-"))
        .map(|e| (e.path(), e.metadata().unwrap().len()))
        .collect()
}

#[test]
fn killed_merge_leaves_the_old_or_the_new_file() {
    let inputs_dir = tempfile::tempdir().unwrap();
    let inputs = big_inputs(inputs_dir.path(), 10);
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("session.pci");

    // The new file, from a complete run elsewhere; and how long a run takes.
    let reference = inputs_dir.path().join("reference.pci");
    let start = Instant::now();
    assert!(merge_cmd(&inputs, &reference).status().unwrap().success());
    let full = start.elapsed();
    let new = std::fs::read(&reference).unwrap();
    assert!(new.len() > 30 << 20 && is_valid(&new));

    // The previous file: the demo merged.
    let small: Vec<PathBuf> = demo::ecosystem()
        .iter()
        .map(|p| write_image(inputs_dir.path(), &p.name, p))
        .collect();
    let old_path = inputs_dir.path().join("old.pci");
    assert!(merge_cmd(&small, &old_path).status().unwrap().success());
    let old = std::fs::read(&old_path).unwrap();

    const POINTS: u32 = 20;
    let (mut saw_old, mut saw_new, mut saw_partial_temp) = (0, 0, 0);
    // 20 kill points; should timing noise keep every kill out of the write,
    // up to two more passes at points in between.
    for k in 0..3 * POINTS {
        if k >= POINTS && saw_partial_temp > 0 && saw_old > 0 {
            break;
        }
        let offset = [0.0, 0.5, 0.25][(k / POINTS) as usize];
        std::fs::copy(&old_path, &out).unwrap();
        for (tmp, _) in temp_files(out_dir.path()) {
            std::fs::remove_file(tmp).unwrap();
        }
        let mut child = merge_cmd(&inputs, &out).spawn().unwrap();
        // Kill points spread over the whole run and a little past it.
        std::thread::sleep(full.mul_f64(1.1 * ((k % POINTS) as f64 + offset) / POINTS as f64));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let now = std::fs::read(&out).unwrap();
        if now == old {
            saw_old += 1;
        } else if now == new {
            saw_new += 1;
        } else {
            panic!(
                "kill point {k}: the output holds {} bytes that are neither file (valid: {})",
                now.len(),
                is_valid(&now)
            );
        }
        assert!(is_valid(&now));
        if temp_files(out_dir.path())
            .iter()
            .any(|&(_, len)| len > 0 && len < new.len() as u64)
        {
            saw_partial_temp += 1;
        }
    }
    eprintln!(
        "full run {full:?}: old {saw_old}, new {saw_new}, killed mid-write {saw_partial_temp}"
    );
    assert!(saw_old > 0, "no kill landed before the rename");
    assert!(
        saw_partial_temp > 0,
        "no kill landed during the write: the test did not test anything"
    );
}

#[test]
fn racing_merges_leave_one_complete_file() {
    let inputs_dir = tempfile::tempdir().unwrap();
    let big = big_inputs(inputs_dir.path(), 4);
    let small: Vec<PathBuf> = demo::ecosystem()
        .iter()
        .map(|p| write_image(inputs_dir.path(), &p.name, p))
        .collect();
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("session.pci");
    let mut expected = Vec::new();
    for (i, inputs) in [&big, &small].into_iter().enumerate() {
        let p = inputs_dir.path().join(format!("expected{i}.pci"));
        assert!(merge_cmd(inputs, &p).status().unwrap().success());
        expected.push(std::fs::read(&p).unwrap());
    }
    for round in 0..6 {
        let mut a = merge_cmd(&big, &out).spawn().unwrap();
        // Vary which starts first and by how much.
        std::thread::sleep(Duration::from_millis(round * 3));
        let mut b = merge_cmd(if round % 2 == 0 { &small } else { &big }, &out)
            .spawn()
            .unwrap();
        assert!(
            a.wait().unwrap().success(),
            "round {round}: first merge failed"
        );
        assert!(
            b.wait().unwrap().success(),
            "round {round}: second merge failed"
        );
        let now = std::fs::read(&out).unwrap();
        assert!(
            expected.contains(&now),
            "round {round}: a mixed or partial file"
        );
        assert!(is_valid(&now));
        assert!(
            temp_files(out_dir.path()).is_empty(),
            "a finished merge left a temp file"
        );
    }
}

#[test]
fn readers_see_a_complete_file_while_merges_replace_it() {
    let inputs_dir = tempfile::tempdir().unwrap();
    let big = big_inputs(inputs_dir.path(), 2);
    let small: Vec<PathBuf> = demo::ecosystem()
        .iter()
        .map(|p| write_image(inputs_dir.path(), &p.name, p))
        .collect();
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("session.pci");
    assert!(merge_cmd(&small, &out).status().unwrap().success());
    let done = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|s| {
        s.spawn(|| {
            for round in 0..8 {
                let inputs = if round % 2 == 0 { &big } else { &small };
                assert!(merge_cmd(inputs, &out).status().unwrap().success());
            }
            done.store(true, std::sync::atomic::Ordering::SeqCst);
        });
        let mut reads = 0;
        while !done.load(std::sync::atomic::Ordering::SeqCst) || reads < 5 {
            common::verify(&out).expect(0);
            reads += 1;
        }
    });
}

#[test]
fn merging_into_one_of_the_inputs_replaces_it_safely() {
    let dir = tempfile::tempdir().unwrap();
    let big = big_inputs(dir.path(), 1);
    // The first input is large enough to be mapped while it is replaced.
    let merged = dir.path().join("merged.pci");
    assert!(merge_cmd(&big[..2], &merged).status().unwrap().success());
    let expected = dir.path().join("expected.pci");
    assert!(merge_cmd(&big, &expected).status().unwrap().success());
    let inputs = vec![merged.clone(), big[2].clone()];
    assert!(merge_cmd(&inputs, &merged).status().unwrap().success());
    assert_eq!(
        std::fs::read(&merged).unwrap(),
        std::fs::read(&expected).unwrap()
    );
}

/// SIGINT, SIGTERM and SIGHUP during a merge remove the temporary file and
/// leave the old output; the process dies of the signal.
#[cfg(unix)]
#[test]
fn interrupted_merge_removes_its_temporary_file() {
    use std::os::unix::process::ExitStatusExt;
    let inputs_dir = tempfile::tempdir().unwrap();
    let inputs = big_inputs(inputs_dir.path(), 10);
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("session.pci");
    std::fs::write(&out, b"old").unwrap();
    for (name, signal) in [("INT", 2), ("TERM", 15), ("HUP", 1)] {
        let mut caught = false;
        for _attempt in 0..5 {
            let mut child = merge_cmd(&inputs, &out).spawn().unwrap();
            // Wait for the temporary file to appear, then signal.
            let start = Instant::now();
            while temp_files(out_dir.path()).is_empty() && start.elapsed() < Duration::from_secs(20)
            {
                std::thread::sleep(Duration::from_millis(1));
            }
            let seen = !temp_files(out_dir.path()).is_empty();
            let kill = std::process::Command::new("kill")
                .arg(format!("-{name}"))
                .arg(child.id().to_string())
                .status()
                .unwrap();
            assert!(kill.success());
            let status = child.wait().unwrap();
            let left = temp_files(out_dir.path());
            assert!(left.is_empty(), "SIG{name} left {left:?}");
            if status.signal() == Some(signal) && seen {
                assert_eq!(std::fs::read(&out).unwrap(), b"old");
                caught = true;
                break;
            }
            // The merge finished first: try again.
            std::fs::write(&out, b"old").unwrap();
        }
        assert!(caught, "SIG{name} never landed during the write");
    }
}
