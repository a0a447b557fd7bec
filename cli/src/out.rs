//! Writing to stdout and stderr: colors only where wanted, a closed pipe
//! ends the program quietly, errors print with their location and what to
//! do next, sizes read as people read them.

use std::io::Write;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use anstyle::{AnsiColor, Style};
use pcache_format::{Error, ErrorClass};

/// Exit status for success.
pub const OK: u8 = 0;
/// Exit status when the answer is "no".
pub const NO: u8 = 1;
/// Exit status for usage and I/O errors.
pub const TROUBLE: u8 = 2;

/// Something good (ok, added).
pub const GOOD: Style = AnsiColor::Green.on_default();
/// Something bad (a problem, removed).
pub const BAD: Style = AnsiColor::Red.on_default().bold();
/// Something changed.
pub const CHANGED: Style = AnsiColor::Yellow.on_default();
/// A heading.
pub const HEAD: Style = Style::new().bold();
/// Less important text.
pub const DIM: Style = Style::new().dimmed();

/// `text` in `style` (the escape codes are stripped where color is off).
pub fn paint(style: Style, text: impl std::fmt::Display) -> String {
    format!("{style}{text}{style:#}")
}

/// Set by `--quiet`: nothing is written to standard output (the exit
/// status answers).
static QUIET: AtomicBool = AtomicBool::new(false);

/// With `quiet`, [`print()`] and [`print_data`] write nothing.
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

/// Writes human output to stdout, with colors only where wanted (control
/// sequences are stripped otherwise); a closed pipe exits quietly. Nothing
/// with `--quiet`.
pub fn print(text: &str) -> Result<(), Error> {
    if QUIET.load(Ordering::Relaxed) {
        return Ok(());
    }
    write_out(&mut anstream::stdout().lock(), text)
}

/// Writes data (JSON, documents, generated files) to stdout byte for byte:
/// never stripped or colored, since stripping a control character would
/// change the data. Nothing with `--quiet`.
pub fn print_data(text: &str) -> Result<(), Error> {
    if QUIET.load(Ordering::Relaxed) {
        return Ok(());
    }
    write_out(&mut std::io::stdout().lock(), text)
}

/// `text` with every character that is not printable (control characters,
/// escape sequences, line breaks) escaped as Rust does (`\n`, `\u{1b}`),
/// so that names from files cannot move the cursor, recolor or fake lines.
pub fn text(text: &str) -> String {
    if !text.chars().any(unprintable) {
        return text.to_owned();
    }
    let mut s = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unprintable(c) {
            s.extend(c.escape_debug());
        } else {
            s.push(c);
        }
    }
    s
}

fn unprintable(c: char) -> bool {
    c.is_control()
        // Bidirectional overrides and isolates reorder what follows them.
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Text made by the library (lines of a rendering): every unprintable
/// character but the line breaks escaped, as [`text`] does.
pub fn text_lines(text: &str) -> String {
    text.split('\n')
        .map(self::text)
        .collect::<Vec<_>>()
        .join("\n")
}

/// A path as text: not-UTF-8 bytes replaced (U+FFFD), unprintable
/// characters escaped.
pub fn path_text(path: &std::path::Path) -> String {
    text(&path.to_string_lossy())
}

/// `n noun`, with an `s` unless `n` is 1 ("1 package", "3 packages").
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// A writer of data to stdout (nothing with `--quiet`), buffered.
pub fn data_writer() -> Box<dyn Write> {
    if QUIET.load(Ordering::Relaxed) {
        Box::new(std::io::sink())
    } else {
        Box::new(std::io::BufWriter::with_capacity(
            1 << 16,
            std::io::stdout().lock(),
        ))
    }
}

/// The error of writing data to stdout: a closed pipe exits quietly.
pub fn data_error(e: std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    Error::io(format!("cannot write to standard output: {e}"))
}

fn write_out(stdout: &mut impl Write, text: &str) -> Result<(), Error> {
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => Err(Error::io(format!("cannot write to standard output: {e}"))),
    }
}

/// Prints an error and its hint to stderr; returns its exit status.
pub fn report_error(e: &Error) -> ExitCode {
    let mut stderr = anstream::stderr().lock();
    let _ = writeln!(stderr, "{} {}", paint(BAD, "error:"), text(&e.to_string()));
    if let Some(hint) = e.hint() {
        let _ = writeln!(stderr, "  {} {}", paint(HEAD, "hint:"), text(hint));
    }
    ExitCode::from(match e.class() {
        ErrorClass::Invalid => NO,
        ErrorClass::Io => TROUBLE,
    })
}

/// The JSON form of a value, pretty-printed, newline-terminated.
pub fn json(value: &serde_json::Value) -> String {
    let mut s = serde_json::to_string_pretty(value).expect("JSON values serialize");
    s.push('\n');
    s
}

/// A byte count as people read it (`4.1 KiB`).
pub fn size(bytes: u64) -> String {
    bytesize::ByteSize::b(bytes).display().iec().to_string()
}
