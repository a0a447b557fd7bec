//! Peers of `pcache merge` and the helpers `bench/run` needs.
//!
//! ```text
//! pcache-peers export IMAGE_DIR OUT_DIR     # pcache images -> one bincode file per package (setup, untimed)
//! pcache-peers bincode-merge IN_DIR OUT     # full deserialize -> HashMap interning -> re-encode, fsync
//! pcache-peers sqlite-merge IN_DIR OUT.db   # SQLite: UNIQUE roots, INSERT OR IGNORE, remap by join, fsync
//! pcache-peers session FILE...              # open a Session, resolve one root per package (min of runs)
//! pcache-peers run -- CMD ARGS...           # wall time, cpu time and peak RssAnon of a command
//! pcache-peers time -- CMD ARGS...          # wall and cpu time only (no sampling: for short commands)
//! ```
//!
//! Every merger prints `seconds=<wall> rows=<roots read> distinct=<global roots>`.
//! The peers intern in file order, which `pcache synth` makes a valid load
//! order (dependencies have smaller numbers).

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use bincode::{Decode, Encode};
use pcache_format::read::image::ImageFile;
use pcache_format::model::root::RootKey;
use pcache_format::session::{Session, SessionOptions};

/// A package as the full-deserialize peer stores it.
#[derive(Encode, Decode)]
struct PeerPackage {
    uuid: [u8; 16],
    name: String,
    version: String,
    deps: Vec<[u8; 16]>,
    roots: Vec<PeerRoot>,
    types: Vec<(String, String, Vec<String>)>,
    methods: Vec<(String, String)>,
    code: Vec<PeerCode>,
}

#[derive(Encode, Decode, Clone, PartialEq, Eq, Hash)]
struct PeerRoot {
    kind: u8,
    bytes: Vec<u8>,
}

#[derive(Encode, Decode)]
struct PeerMethod {
    pkg: [u8; 16],
    name: String,
    sig: String,
}

#[derive(Encode, Decode)]
struct PeerCode {
    method: PeerMethod,
    spec: String,
    world: (u64, u64),
    roots: Vec<u32>,
    edges: Vec<(u8, Option<PeerMethod>, String)>,
    payload: Vec<u8>,
}

#[derive(Encode)]
struct PeerMerged<'a> {
    packages: &'a [PeerPackage],
    global: Vec<(u8, &'a [u8])>,
    reindex: Vec<Vec<u32>>,
}

fn config() -> impl bincode::config::Config {
    bincode::config::standard()
        .with_little_endian()
        .with_fixed_int_encoding()
}

fn die(msg: String) -> ! {
    eprintln!("pcache-peers: {msg}");
    std::process::exit(2)
}

fn inputs(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| die(format!("{}: {e}", dir.display())))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    v.sort();
    v
}

fn method(m: &pcache_format::model::MethodRef) -> PeerMethod {
    PeerMethod {
        pkg: *m.pkg.as_bytes(),
        name: m.name.clone(),
        sig: m.sig.clone(),
    }
}

fn export(dir: &Path, out: &Path) {
    std::fs::create_dir_all(out).unwrap_or_else(|e| die(format!("{}: {e}", out.display())));
    for (i, path) in inputs(dir, "pci").iter().enumerate() {
        let file = ImageFile::open(path).unwrap_or_else(|e| die(e.to_string()));
        let image = file.image().unwrap_or_else(|e| die(e.to_string()));
        let p = image.packages[0]
            .to_package()
            .unwrap_or_else(|e| die(e.to_string()));
        let peer = PeerPackage {
            uuid: *p.uuid.as_bytes(),
            name: p.name.clone(),
            version: p.version.clone(),
            deps: p.deps.iter().map(|d| *d.uuid.as_bytes()).collect(),
            roots: p
                .roots
                .iter()
                .map(|r| {
                    let k = RootKey::of(r);
                    PeerRoot {
                        kind: k.kind,
                        bytes: k.bytes,
                    }
                })
                .collect(),
            types: p
                .types
                .iter()
                .map(|t| (t.name.clone(), t.supertype.clone(), t.params.clone()))
                .collect(),
            methods: p
                .methods
                .iter()
                .map(|m| (m.name.clone(), m.sig.clone()))
                .collect(),
            code: p
                .code
                .iter()
                .map(|c| PeerCode {
                    method: method(&c.method),
                    spec: c.spec.clone(),
                    world: (c.world.0, c.world.1.unwrap_or(u64::MAX)),
                    roots: c.roots.clone(),
                    edges: c
                        .edges
                        .iter()
                        .map(|e| match e {
                            pcache_format::model::Edge::Call(c) => (1, None, c.call.clone()),
                            pcache_format::model::Edge::Invoke(v) => {
                                (2, Some(method(&v.invoke)), v.spec.clone())
                            }
                            pcache_format::model::Edge::Instance(v) => {
                                (3, Some(method(&v.instance)), v.spec.clone())
                            }
                            pcache_format::model::Edge::InvokeSig(v) => {
                                (4, Some(method(&v.target)), v.invokesig.clone())
                            }
                            pcache_format::model::Edge::Binding(v) => {
                                (5, None, format!("{}.{}", v.module, v.binding))
                            }
                        })
                        .collect(),
                    payload: c.payload.0.clone(),
                })
                .collect(),
        };
        let bytes = bincode::encode_to_vec(&peer, config()).expect("encode");
        std::fs::write(out.join(format!("{i:03}.bin")), bytes)
            .unwrap_or_else(|e| die(e.to_string()));
    }
}

fn read_packages(dir: &Path) -> Vec<PeerPackage> {
    inputs(dir, "bin")
        .iter()
        .map(|path| {
            let mut bytes = Vec::new();
            BufReader::new(File::open(path).unwrap_or_else(|e| die(e.to_string())))
                .read_to_end(&mut bytes)
                .unwrap_or_else(|e| die(e.to_string()));
            bincode::decode_from_slice(&bytes, config())
                .unwrap_or_else(|e| die(format!("{}: {e}", path.display())))
                .0
        })
        .collect()
}

fn bincode_merge(dir: &Path, out: &Path) {
    let start = Instant::now();
    let packages = read_packages(dir);
    let rows: usize = packages.iter().map(|p| p.roots.len()).sum();
    let mut map: hashbrown::HashMap<(u8, &[u8]), u32, foldhash::fast::FixedState> =
        hashbrown::HashMap::with_capacity_and_hasher(rows / 2, Default::default());
    let mut global: Vec<(u8, &[u8])> = Vec::with_capacity(rows / 2);
    let mut reindex = Vec::with_capacity(packages.len());
    for p in &packages {
        let mut local = Vec::with_capacity(p.roots.len());
        for r in &p.roots {
            let key = (r.kind, r.bytes.as_slice());
            let next = global.len() as u32;
            let g = *map.entry(key).or_insert_with(|| {
                global.push(key);
                next
            });
            local.push(g);
        }
        reindex.push(local);
    }
    let distinct = global.len();
    let merged = PeerMerged {
        packages: &packages,
        global,
        reindex,
    };
    let f = File::create(out).unwrap_or_else(|e| die(e.to_string()));
    let mut w = BufWriter::with_capacity(1 << 20, f);
    bincode::encode_into_std_write(&merged, &mut w, config()).expect("encode");
    let f = w.into_inner().unwrap_or_else(|e| die(e.to_string()));
    f.sync_all().unwrap_or_else(|e| die(e.to_string()));
    println!(
        "seconds={:.3} rows={rows} distinct={distinct}",
        start.elapsed().as_secs_f64()
    );
}

fn sqlite_merge(dir: &Path, out: &Path) {
    let _ = std::fs::remove_file(out);
    let start = Instant::now();
    let packages = read_packages(dir);
    let rows: usize = packages.iter().map(|p| p.roots.len()).sum();
    let mut db = rusqlite::Connection::open(out).unwrap_or_else(|e| die(e.to_string()));
    db.execute_batch(
        "PRAGMA journal_mode = OFF;
         PRAGMA synchronous = OFF;
         PRAGMA locking_mode = EXCLUSIVE;
         PRAGMA temp_store = MEMORY;
         PRAGMA cache_size = -2000000;
         PRAGMA page_size = 16384;
         CREATE TABLE roots (id INTEGER PRIMARY KEY, kind INTEGER NOT NULL, val BLOB NOT NULL, UNIQUE (kind, val));
         CREATE TABLE local (pkg INTEGER NOT NULL, idx INTEGER NOT NULL, kind INTEGER NOT NULL, val BLOB NOT NULL);
         CREATE TABLE remap (pkg INTEGER NOT NULL, idx INTEGER NOT NULL, gid INTEGER NOT NULL, PRIMARY KEY (pkg, idx)) WITHOUT ROWID;",
    )
    .unwrap_or_else(|e| die(e.to_string()));
    for (p, pkg) in packages.iter().enumerate() {
        let tx = db.transaction().unwrap_or_else(|e| die(e.to_string()));
        {
            let mut ins = tx
                .prepare_cached("INSERT INTO local (pkg, idx, kind, val) VALUES (?1, ?2, ?3, ?4)")
                .unwrap_or_else(|e| die(e.to_string()));
            let mut intern = tx
                .prepare_cached("INSERT OR IGNORE INTO roots (kind, val) VALUES (?1, ?2)")
                .unwrap_or_else(|e| die(e.to_string()));
            for (i, r) in pkg.roots.iter().enumerate() {
                ins.execute(rusqlite::params![
                    p as i64,
                    i as i64,
                    r.kind as i64,
                    r.bytes
                ])
                .unwrap_or_else(|e| die(e.to_string()));
                intern
                    .execute(rusqlite::params![r.kind as i64, r.bytes])
                    .unwrap_or_else(|e| die(e.to_string()));
            }
        }
        tx.commit().unwrap_or_else(|e| die(e.to_string()));
    }
    db.execute_batch(
        "BEGIN;
         INSERT INTO remap (pkg, idx, gid)
           SELECT l.pkg, l.idx, r.id - 1 FROM local AS l JOIN roots AS r ON r.kind = l.kind AND r.val = l.val;
         DROP TABLE local;
         COMMIT;",
    )
    .unwrap_or_else(|e| die(e.to_string()));
    let distinct: i64 = db
        .query_row("SELECT count(*) FROM roots", [], |r| r.get(0))
        .unwrap_or_else(|e| die(e.to_string()));
    let remapped: i64 = db
        .query_row("SELECT count(*) FROM remap", [], |r| r.get(0))
        .unwrap_or_else(|e| die(e.to_string()));
    assert_eq!(remapped as usize, rows, "every root remapped");
    drop(db);
    File::open(out)
        .and_then(|f| f.sync_all())
        .unwrap_or_else(|e| die(e.to_string()));
    println!(
        "seconds={:.3} rows={rows} distinct={distinct}",
        start.elapsed().as_secs_f64()
    );
}

/// Opens a session over `files` and resolves one root per package; the
/// minimum over runs of at least 0.3 s.
fn session(files: &[PathBuf]) {
    let mut best = Duration::MAX;
    let mut runs = 0;
    let begin = Instant::now();
    let mut interned = 0;
    while runs < 3 || (begin.elapsed() < Duration::from_millis(300) && runs < 1000) {
        let start = Instant::now();
        let opened: Vec<ImageFile> = files
            .iter()
            .map(|p| ImageFile::open(p).unwrap_or_else(|e| die(e.to_string())))
            .collect();
        let s = Session::load(&opened, SessionOptions::default())
            .unwrap_or_else(|e| die(e.to_string()));
        for p in 0..s.packages().len() {
            let n = s.packages()[p].roots.len();
            let g = s
                .global_index(p, n / 2)
                .unwrap_or_else(|e| die(e.to_string()));
            let v = s.global_root(g).unwrap_or_else(|e| die(e.to_string()));
            std::hint::black_box(v);
        }
        interned = s.stats().roots_interned;
        best = best.min(start.elapsed());
        runs += 1;
    }
    println!(
        "seconds={:.6} runs={runs} roots_interned={interned}",
        best.as_secs_f64()
    );
}

fn rss_anon_kib(pid: u32) -> Option<u64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    text.lines()
        .find(|l| l.starts_with("RssAnon:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
}

/// Runs a command, sampling its RssAnon every millisecond (every 50 µs
/// during the first 20 ms); prints wall
/// time, CPU time (user + system, from wait4) and peak RssAnon.
fn run(cmd: &[String], sample: bool) -> ExitCode {
    let start = Instant::now();
    // Reaped by wait4 below (which also gives its rusage), not Child::wait.
    #[allow(clippy::zombie_processes)]
    let child = Command::new(&cmd[0])
        .args(&cmd[1..])
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap_or_else(|e| die(format!("{}: {e}", cmd[0])));
    let pid = child.id();
    let mut peak = 0;
    let (status, usage) = loop {
        if sample {
            if let Some(kib) = rss_anon_kib(pid) {
                peak = peak.max(kib);
            }
        }
        let mut status = 0;
        // Without sampling, block: reading /proc/PID/status contends with
        // the child's page faults and slows a short command down.
        let flags = if sample { libc::WNOHANG } else { 0 };
        // SAFETY: plain wait4 on our own child with valid out-pointers.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let r = unsafe { libc::wait4(pid as i32, &mut status, flags, &mut usage) };
        match r {
            // Fine polling at first, so short commands are timed to ~50 µs.
            0 if start.elapsed() < Duration::from_millis(20) => {
                std::thread::sleep(Duration::from_micros(50))
            }
            0 => std::thread::sleep(Duration::from_millis(1)),
            r if r == pid as i32 => break (status, usage),
            _ => die(format!("wait4: {}", std::io::Error::last_os_error())),
        }
    };
    let secs = start.elapsed().as_secs_f64();
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    let cpu = tv(usage.ru_utime) + tv(usage.ru_stime);
    println!("seconds={secs:.6} cpu={cpu:.6} peak_anon_kib={peak}");
    let _ = std::io::stdout().flush();
    if libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let a = |i: usize| -> PathBuf {
        args.get(i)
            .map(PathBuf::from)
            .unwrap_or_else(|| die("missing argument (see the doc comment of main.rs)".into()))
    };
    match args.first().map(String::as_str) {
        Some("export") => export(&a(1), &a(2)),
        Some("bincode-merge") => bincode_merge(&a(1), &a(2)),
        Some("sqlite-merge") => sqlite_merge(&a(1), &a(2)),
        Some("session") => session(&args[1..].iter().map(PathBuf::from).collect::<Vec<_>>()),
        Some("run") if args.get(1).map(String::as_str) == Some("--") && args.len() > 2 => {
            return run(&args[2..], true)
        }
        Some("time") if args.get(1).map(String::as_str) == Some("--") && args.len() > 2 => {
            return run(&args[2..], false)
        }
        _ => die("usage: export | bincode-merge | sqlite-merge | session | run -- CMD".into()),
    }
    ExitCode::SUCCESS
}
