//! Inputs and outputs as the user names them: `-` is standard input (for
//! an input) or standard output (for an output); an output is checked
//! before anything is written (not one of the inputs, a regular file or
//! nothing yet, not write-protected unless `--force`).

use std::io::{IsTerminal, Read, Write};
use std::path::Path;

use pcache_format::{
    read::image::ImageFile,
    write::output::{self, Destination},
    Error,
};

/// Whether `path` names a standard stream (`-`).
pub fn is_std(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Fails unless `-` (standard input) is given at most once.
pub fn stdin_at_most_once<'a>(paths: impl IntoIterator<Item = &'a Path>) -> Result<(), Error> {
    if paths.into_iter().filter(|p| is_std(p)).count() > 1 {
        return Err(Error::io(
            "- (standard input) is given more than once; it can be read only once",
        )
        .with_hint("save it to a file and name the file instead"));
    }
    Ok(())
}

/// Opens an image, `-` being standard input (read to its end).
pub fn open_image(path: &Path) -> Result<ImageFile, Error> {
    if is_std(path) {
        ImageFile::from_reader(path, std::io::stdin().lock())
    } else {
        ImageFile::open(path)
    }
}

/// Opens several images; the first failure is the error.
pub fn open_images<P: AsRef<Path>>(paths: &[P]) -> Result<Vec<ImageFile>, Error> {
    stdin_at_most_once(paths.iter().map(|p| p.as_ref()))?;
    paths.iter().map(|p| open_image(p.as_ref())).collect()
}

/// Reads a whole document (at most `max` bytes), `-` being standard input.
pub fn read_document(path: &Path, max: u64) -> Result<Vec<u8>, Error> {
    let too_long = |len: u64| {
        Error::io(format!(
            "document is {len} bytes or more, more than the {max} bytes pcache reads"
        ))
        .in_file(path)
    };
    let mut text = Vec::new();
    let read = |r: &mut dyn Read, text: &mut Vec<u8>| {
        r.take(max + 1)
            .read_to_end(text)
            .map_err(|e| Error::io(format!("cannot read: {e}")).in_file(path))
    };
    if is_std(path) {
        read(&mut std::io::stdin().lock(), &mut text)?;
    } else {
        let mut file = std::fs::File::open(path)
            .map_err(|e| Error::io(format!("cannot open: {e}")).in_file(path))?;
        let meta = file
            .metadata()
            .map_err(|e| Error::io(format!("cannot read: {e}")).in_file(path))?;
        if meta.is_dir() {
            return Err(Error::io("is a directory, not a document").in_file(path));
        }
        if meta.is_file() && meta.len() > max {
            return Err(too_long(meta.len()));
        }
        read(&mut file, &mut text)?;
    }
    if text.len() as u64 > max {
        return Err(too_long(text.len() as u64));
    }
    Ok(text)
}

/// Where a command writes its output.
pub enum Output {
    /// Standard output (`-o -`).
    Stdout,
    /// A file, replaced atomically.
    File(Destination),
}

/// Checks the output `path` before anything is read or written: `-` is
/// standard output (refused when it is a terminal); otherwise see
/// [`output::destination`], and the output may not be any of `inputs`
/// (the same file by any name: a hard or symbolic link) unless
/// `may_replace_input`.
pub fn output(
    path: &Path,
    inputs: &[&Path],
    may_replace_input: bool,
    force: bool,
) -> Result<Output, Error> {
    if is_std(path) {
        if std::io::stdout().is_terminal() {
            return Err(
                Error::io("standard output is a terminal: an image is binary data")
                    .with_hint("redirect it (> FILE.pci) or pipe it to another command"),
            );
        }
        return Ok(Output::Stdout);
    }
    let dest = output::destination(path, force)?;
    if !may_replace_input && dest.mode.is_some() {
        for input in inputs.iter().filter(|p| !is_std(p)) {
            if same_file::is_same_file(input, &dest.target).unwrap_or(false) {
                return Err(Error::io(format!(
                    "the output {} is the input {}: writing it would destroy the input",
                    path.display(),
                    input.display()
                ))
                .with_hint("write the output to another file"));
            }
        }
    }
    Ok(Output::File(dest))
}

impl Output {
    /// Writes `bytes` to the output: atomically to a file, or to standard output.
    pub fn write(
        &self,
        bytes: &[u8],
        progress: &dyn pcache_format::progress::Progress,
    ) -> Result<(), Error> {
        match self {
            Output::Stdout => {
                let mut out = std::io::stdout().lock();
                out.write_all(bytes)
                    .and_then(|()| out.flush())
                    .map_err(|e| Error::io(format!("cannot write to standard output: {e}")))?;
                progress.advance(bytes.len() as u64);
                Ok(())
            }
            Output::File(dest) => output::write_atomic(dest, |w| {
                w.write_all(bytes)?;
                progress.advance(bytes.len() as u64);
                Ok(())
            }),
        }
    }
}

/// What one file gave a command that reads several.
pub enum Doc {
    /// Human text.
    Text(String),
    /// A JSON document.
    Json(serde_json::Value),
}

/// Runs `one` on every input. One input: its output, or its error (as a
/// command of one file). Several: each one's output in turn (texts
/// separated by a blank line; JSON as `{"json_version": 1, "files": [...]}`
/// with each document's `file`, or `file` and `error`), errors on stderr,
/// and the worst exit status.
pub fn each_file(
    inputs: &[std::path::PathBuf],
    json: bool,
    one: impl Fn(&Path) -> Result<Doc, Error>,
) -> Result<std::process::ExitCode, Error> {
    use crate::out;
    stdin_at_most_once(inputs.iter().map(|p| p.as_path()))?;
    if let [input] = inputs {
        match one(input)? {
            Doc::Text(t) => out::print(&t)?,
            Doc::Json(v) => out::print_data(&out::json(&v))?,
        }
        return Ok(std::process::ExitCode::SUCCESS);
    }
    let mut worst = out::OK;
    let mut docs = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        match one(input) {
            // As head(1) does: each file's output under its name.
            Ok(Doc::Text(t)) => out::print(&format!(
                "{}==> {} <==\n{t}",
                if i == 0 { "" } else { "\n" },
                out::path_text(input)
            ))?,
            Ok(Doc::Json(mut v)) => {
                if let Some(o) = v.as_object_mut() {
                    o.remove("json_version");
                    o.insert("file".into(), out::path_text(input).into());
                }
                docs.push(v);
            }
            Err(e) => {
                out::report_error(&e);
                worst = worst.max(match e.class() {
                    pcache_format::ErrorClass::Invalid => out::NO,
                    pcache_format::ErrorClass::Io => out::TROUBLE,
                });
                if json {
                    docs.push(serde_json::json!({
                        "file": out::path_text(input),
                        "error": e.message(),
                    }));
                }
            }
        }
    }
    if json {
        out::print_data(&out::json(
            &serde_json::json!({"json_version": 1, "files": docs}),
        ))?;
    }
    Ok(std::process::ExitCode::from(worst))
}
