//! The `type_query` target: two type texts, read against the built-in
//! declarations and asked every question.
//!
//! What must hold, whatever the texts: nothing panics; a text that does not
//! read has an error whose offset lies within it; a type prints as a text
//! that reads back (unless printing made it longer or deeper than the
//! parser's limits), to a type equal to it (when the step budget decides
//! that) that prints the same; the intersection prints and reads back too;
//! every query answers or runs out of its step budget; equality is
//! subtyping both ways; matching answers in range.

use std::sync::OnceLock;

use pcache_typesys::builtin;
use pcache_typesys::syntax::ParseErrorKind;
use pcache_typesys::types::declfile::enter_module;
use pcache_typesys::types::{
    intersect_checked, match_methods, morespecific, show, subtype_checked, type_from_text,
    types_equal_checked, Exhausted, Registry, Ty, TypeTextError,
};

/// The module texts are read in.
pub const MODULE: &str = "Main";

/// Splits the fuzzer's bytes into the two texts (never valid UTF-8, so it
/// cannot occur inside a text).
pub const SEPARATOR: u8 = 0xff;

/// The built-in declarations, loaded once, with `Main` using Core and Base.
pub fn registry() -> &'static Registry {
    static REG: OnceLock<Registry> = OnceLock::new();
    REG.get_or_init(|| {
        let mut reg = builtin::try_julia().expect("the built-in declarations load");
        if reg.module(MODULE).is_none() {
            enter_module(&mut reg, MODULE);
        }
        reg
    })
}

/// What one pair of texts did (for the smoke tests to check that their
/// inputs reach the rules, not only the parser).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Whether each text read as a type.
    pub read: [bool; 2],
    /// Queries that answered.
    pub answered: usize,
    /// Queries that ran out of their step budget.
    pub exhausted: usize,
    /// Printed texts that could not be read back because printing made them
    /// longer or deeper than the parser's limits.
    pub over_limits: usize,
    /// Broken properties (the fuzz target panics on the first).
    pub findings: Vec<String>,
}

impl Report {
    fn count<T>(&mut self, r: Result<T, Exhausted>) -> Option<T> {
        match r {
            Ok(v) => {
                self.answered += 1;
                Some(v)
            }
            Err(Exhausted) => {
                self.exhausted += 1;
                None
            }
        }
    }
}

/// The fuzz target: the bytes up to the first [`SEPARATOR`] and those after
/// it are the two texts (one text for both when there is none), invalid
/// UTF-8 replaced.
///
/// A broken property of a kind the engine is known to have ([`known_kind`])
/// is passed over, so that the fuzzer looks for new ones, unless the
/// environment sets `PCACHE_FUZZ_STRICT`.
pub fn run(data: &[u8]) {
    let (a, b) = split(data);
    let report = check_pair(&a, &b);
    let strict = std::env::var_os("PCACHE_FUZZ_STRICT").is_some();
    for f in &report.findings {
        if strict || known_kind(f).is_none() {
            panic!("{f}");
        }
    }
}

/// The two texts of the fuzzer's bytes.
pub fn split(data: &[u8]) -> (String, String) {
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    match data.iter().position(|&b| b == SEPARATOR) {
        Some(i) => (text(&data[..i]), text(&data[i + 1..])),
        None => (text(data), text(data)),
    }
}

/// The fuzzer's bytes for two texts.
pub fn join(a: &str, b: &str) -> Vec<u8> {
    let mut v = a.as_bytes().to_vec();
    v.push(SEPARATOR);
    v.extend_from_slice(b.as_bytes());
    v
}

/// The kind of a broken property the engine is known to have (each has a
/// reproducer in `known_engine_bugs` of `fuzz/tests/type_query.rs`), or
/// `None`.
pub fn known_kind(finding: &str) -> Option<&'static str> {
    // Everything after the printed text's opening quote (the text itself
    // may hold a backquote).
    let rest = finding.split("prints as `").nth(1).unwrap_or("");
    if rest.contains("\\u{") || rest.contains("expected a valid escape") {
        Some("escapes print as \\u{...}")
    } else if rest.contains("Inf") || rest.contains("NaN") {
        Some("Inf and NaN print as names")
    } else if finding.contains("does not read back")
        && (finding.contains("unknown type `")
            || rest.contains(" where ")
            || rest.contains(", not a type")
            || rest.contains("bound must be a type"))
    {
        // `where {Int64<:T}`, `where \<:T1` and `Hermitian{-, <:AbstractMatrix{<:-}}`
        // (a function as a bound), a variable free or with a cyclic bound
        // after an intersection.
        Some("a lower bound or a variable printed outside its binding")
    } else if finding.contains("reads back and prints as") {
        // Union members in construction order; alias bodies with a
        // trailing `<:Any` and variables named apart (`StridedMatrix`).
        Some("printing is not a fixed point")
    } else if rest.contains("Vararg{Union{}}") {
        Some("Vararg{Union{}} left after substitution")
    } else {
        None
    }
}

/// Reads both texts and asks every question of them.
pub fn check_pair(a: &str, b: &str) -> Report {
    let reg = registry();
    let mut report = Report::default();
    let ta = read(reg, a, &mut report);
    let tb = read(reg, b, &mut report);
    report.read = [ta.is_some(), tb.is_some()];
    for (t, text) in [(&ta, a), (&tb, b)] {
        if let Some(t) = t {
            round_trip(reg, t, &format!("`{text}`"), &mut report);
        }
    }
    let (Some(ta), Some(tb)) = (ta, tb) else {
        return report;
    };
    let ab = report.count(subtype_checked(reg, &ta, &tb));
    let ba = report.count(subtype_checked(reg, &tb, &ta));
    if let Some(eq) = report.count(types_equal_checked(reg, &ta, &tb)) {
        // Equality is subtyping both ways.
        if let (Some(ab), Some(ba)) = (ab, ba) {
            if eq != (ab && ba) {
                report.findings.push(format!(
                    "`{a}` == `{b}` is {eq}, but <: is {ab} and >: is {ba}"
                ));
            }
        }
    }
    if let Some(i) = report.count(intersect_checked(reg, &ta, &tb)) {
        round_trip(
            reg,
            &i,
            &format!("the intersection of `{a}` and `{b}`"),
            &mut report,
        );
    }
    // `morespecific` has no checked form: it answers false when the budget runs out.
    let _ = morespecific(reg, &ta, &tb);
    let _ = morespecific(reg, &tb, &ta);
    report.answered += 2;
    if let Some(m) = report.count(match_methods(reg, &ta, &[tb.clone(), ta.clone()])) {
        assert!(m.methods.iter().all(|&i| i < 2), "{m:?}");
        assert!(m.ambiguous.iter().all(|&(i, j)| i < 2 && j < 2), "{m:?}");
    }
    report
}

/// Reads a text; an error's offset must lie within the text.
fn read(reg: &Registry, text: &str, report: &mut Report) -> Option<Ty> {
    match type_from_text(reg, MODULE, text) {
        Ok(t) => Some(t),
        Err(e) => {
            if e.offset() > text.len() {
                report.findings.push(format!(
                    "error offset {} past the end of {text:?} ({} bytes): {e}",
                    e.offset(),
                    text.len()
                ));
            }
            None
        }
    }
}

/// Prints `t` (read from `source`), reads the text back, and compares.
fn round_trip(reg: &Registry, t: &Ty, source: &str, report: &mut Report) {
    let printed = show(reg, t);
    let back = match type_from_text(reg, MODULE, &printed) {
        Ok(back) => back,
        Err(TypeTextError::Parse(e))
            if matches!(
                e.kind,
                ParseErrorKind::TooLong { .. } | ParseErrorKind::TooDeep
            ) =>
        {
            report.over_limits += 1;
            return;
        }
        Err(e) => {
            report.findings.push(format!(
                "{source} prints as `{printed}`, which does not read back: {e}"
            ));
            return;
        }
    };
    if report.count(types_equal_checked(reg, t, &back)) == Some(false) {
        report.findings.push(format!(
            "{source} prints as `{printed}`, which reads back as a different type"
        ));
    }
    let again = show(reg, &back);
    if again != printed {
        report.findings.push(format!(
            "{source} prints as `{printed}`, which reads back and prints as `{again}`"
        ));
    }
}
