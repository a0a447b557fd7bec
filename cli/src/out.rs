//! Writing to stdout and stderr: colors only where wanted, a closed pipe
//! ends the program quietly, errors print with their location and what to
//! do next, sizes read as people read them.

use std::io::Write;
use std::process::ExitCode;

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

/// Writes human output to stdout, with colors only where wanted (control
/// sequences are stripped otherwise); a closed pipe exits quietly.
pub fn print(text: &str) -> Result<(), Error> {
    write_out(&mut anstream::stdout().lock(), text)
}

/// Writes data (JSON, documents, generated files) to stdout byte for byte:
/// never stripped or colored, since stripping a control character would
/// change the data.
pub fn print_data(text: &str) -> Result<(), Error> {
    write_out(&mut std::io::stdout().lock(), text)
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
    let _ = writeln!(stderr, "{} {e}", paint(BAD, "error:"));
    if let Some(hint) = e.hint() {
        let _ = writeln!(stderr, "  {} {hint}", paint(HEAD, "hint:"));
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
