//! Writing to stdout and stderr: a closed pipe ends the program quietly,
//! errors print with their location and what to do next.

use std::io::Write;
use std::process::ExitCode;

use pcache_format::{Error, ErrorClass};

/// Exit status for success.
pub const OK: u8 = 0;
/// Exit status when the answer is "no".
pub const NO: u8 = 1;
/// Exit status for usage and I/O errors.
pub const TROUBLE: u8 = 2;

/// Writes `text` to stdout; a closed pipe exits quietly with status 0.
pub fn print(text: &str) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
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
    eprintln!("error: {e}");
    if let Some(hint) = e.hint() {
        eprintln!("  hint: {hint}");
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
