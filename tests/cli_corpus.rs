//! Every command of the built `pcache` on every image of the fuzz seed
//! corpus and regression inputs, as stored and with checksums recomputed
//! (so that the damage reaches the structure): exit 0, 1 or 2, never a
//! panic or a signal. Set `PCACHE_CORPUS_DIR` to sweep another folder too
//! (e.g. a corpus grown by `cargo fuzz run image_bytes`).

use crate::common;

use std::path::{Path, PathBuf};

use common::pcache;

fn images() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut dirs = vec![
        root.join("corpus/image_bytes"),
        root.join("regressions/image_bytes"),
    ];
    if let Some(extra) = std::env::var_os("PCACHE_CORPUS_DIR") {
        dirs.push(extra.into());
    }
    let mut out = Vec::new();
    for d in dirs {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.file_name().unwrap() != ".keep" {
                out.push(p);
            }
        }
    }
    out
}

#[test]
fn every_command_on_every_corpus_image() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.pci");
    let base = common::write_image(dir.path(), "Base", &pcache_testkit::demo::base());
    let files = images();
    assert!(files.len() >= 8);
    let mut codes = [0usize; 3];
    for (n, path) in files.iter().enumerate() {
        let mut bytes = std::fs::read(path).unwrap();
        common::reseal_sections(&mut bytes);
        common::reseal_header(&mut bytes);
        for (k, data) in [std::fs::read(path).unwrap(), bytes].iter().enumerate() {
            let p = dir.path().join(format!("c{n}-{k}.pci"));
            std::fs::write(&p, data).unwrap();
            let p = p.as_os_str();
            let input_valid = common::verify(Path::new(p)).code == 0;
            for args in [
                vec!["verify".as_ref(), p],
                vec!["verify".as_ref(), "--json".as_ref(), p, base.as_os_str()],
                vec!["inspect".as_ref(), p],
                vec!["inspect".as_ref(), "--json".as_ref(), p],
                vec!["inspect".as_ref(), "--roots".as_ref(), "Base".as_ref(), p],
                vec!["unpack".as_ref(), p],
                vec![
                    "merge".as_ref(),
                    p,
                    base.as_os_str(),
                    p,
                    "-o".as_ref(),
                    out.as_os_str(),
                ],
            ] {
                let run = pcache(&args);
                assert!(
                    (0..=2).contains(&run.code) && !run.stderr.contains("panicked"),
                    "{args:?} on {}: exit {}\n{}",
                    path.display(),
                    run.code,
                    run.stderr
                );
                codes[run.code as usize] += 1;
                // merge reads only the meta and roots parts of a package
                // (and copies its section unchanged), so it may pass on a
                // checksummed but invalid defs or code part; from valid
                // inputs it must make a valid image.
                if args[0] == "merge" && run.code == 0 && input_valid {
                    common::verify(&out).expect(0);
                }
            }
        }
    }
    eprintln!("exit statuses 0/1/2: {codes:?}");
    assert!(codes[0] > 0 && codes[1] > 0);
}
