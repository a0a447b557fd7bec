//! Root values in their canonical byte encoding (SPEC.md §4.3): encoding,
//! decoding and display. Equality of roots is equality of (kind, encoding);
//! their fingerprints are [`crate::hash::fingerprint`].

use uuid::Uuid;

use super::{Base64, F64Bits, MethodRef, Root};
use crate::error::{Error, Result};

/// Kind codes on disk.
pub mod kind {
    /// A symbol.
    pub const SYM: u8 = 1;
    /// A string.
    pub const STR: u8 = 2;
    /// An i64.
    pub const INT: u8 = 3;
    /// An f64, as bits.
    pub const FLOAT: u8 = 4;
    /// Bytes.
    pub const BYTES: u8 = 5;
    /// A type expression.
    pub const TYPE: u8 = 6;
    /// A method named by value.
    pub const METHOD: u8 = 7;
}

/// A root as (kind, canonical encoding): the form equality is defined on.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RootKey {
    /// Kind code.
    pub kind: u8,
    /// Encoding.
    pub bytes: Vec<u8>,
}

impl RootKey {
    /// Encodes a root.
    pub fn of(root: &Root) -> RootKey {
        let (kind, bytes) = match root {
            Root::Sym(s) => (kind::SYM, s.as_bytes().to_vec()),
            Root::Str(s) => (kind::STR, s.as_bytes().to_vec()),
            Root::Int(i) => (kind::INT, i.to_le_bytes().to_vec()),
            Root::Float(f) => (kind::FLOAT, f.0.to_le_bytes().to_vec()),
            Root::Bytes(b) => (kind::BYTES, b.0.clone()),
            Root::Type(t) => (kind::TYPE, t.as_bytes().to_vec()),
            Root::Method(m) => {
                let mut out = Vec::with_capacity(20 + m.name.len() + m.sig.len());
                out.extend_from_slice(m.pkg.as_bytes());
                out.extend_from_slice(&(m.name.len() as u32).to_le_bytes());
                out.extend_from_slice(m.name.as_bytes());
                out.extend_from_slice(m.sig.as_bytes());
                (kind::METHOD, out)
            }
        };
        RootKey { kind, bytes }
    }
}

/// A root read in place from its encoding: texts and bytes borrowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RootRef<'a> {
    /// A symbol.
    Sym(&'a str),
    /// A string.
    Str(&'a str),
    /// An i64.
    Int(i64),
    /// An f64's bits.
    Float(u64),
    /// Bytes.
    Bytes(&'a [u8]),
    /// A type expression.
    Type(&'a str),
    /// A method named by value: package, name, signature.
    Method(Uuid, &'a str, &'a str),
}

impl RootRef<'_> {
    /// The owned value.
    pub(crate) fn to_root(self) -> Root {
        match self {
            RootRef::Sym(t) => Root::Sym(t.to_owned()),
            RootRef::Str(t) => Root::Str(t.to_owned()),
            RootRef::Int(v) => Root::Int(v),
            RootRef::Float(bits) => Root::Float(F64Bits(bits)),
            RootRef::Bytes(b) => Root::Bytes(Base64(b.to_vec())),
            RootRef::Type(t) => Root::Type(t.to_owned()),
            RootRef::Method(pkg, name, sig) => Root::Method(MethodRef {
                pkg,
                name: name.to_owned(),
                sig: sig.to_owned(),
            }),
        }
    }
}

/// Reads the encoding of a root of kind `kind` (SPEC.md §4.3), checking
/// it: the one reader both [`decode`] and [`check`] use.
pub(crate) fn parse(kind: u8, bytes: &[u8]) -> Result<RootRef<'_>> {
    let text = |what: &str| {
        std::str::from_utf8(bytes)
            .map_err(|e| Error::invalid(format!("{what} root is not UTF-8: {e}")))
    };
    let word = || -> Result<[u8; 8]> {
        bytes
            .try_into()
            .map_err(|_| Error::invalid(format!("number root has {} bytes, not 8", bytes.len())))
    };
    Ok(match kind {
        kind::SYM => RootRef::Sym(text("sym")?),
        kind::STR => RootRef::Str(text("str")?),
        kind::TYPE => RootRef::Type(text("type")?),
        kind::INT => RootRef::Int(i64::from_le_bytes(word()?)),
        kind::FLOAT => RootRef::Float(u64::from_le_bytes(word()?)),
        kind::BYTES => RootRef::Bytes(bytes),
        kind::METHOD => parse_method(bytes)?,
        other => return Err(Error::invalid(format!("unknown root kind {other}"))),
    })
}

/// Decodes a root from its kind and encoding.
pub(crate) fn decode(kind: u8, bytes: &[u8]) -> Result<Root> {
    parse(kind, bytes).map(RootRef::to_root)
}

/// Checks that (kind, encoding) is a well-formed root, without building it.
pub(crate) fn check(kind: u8, bytes: &[u8]) -> Result<()> {
    parse(kind, bytes).map(drop)
}

fn parse_method(bytes: &[u8]) -> Result<RootRef<'_>> {
    let bad = |why: &str| Error::invalid(format!("method root: {why}"));
    let (Some(pkg), Some(len)) = (bytes.get(..16), bytes.get(16..20)) else {
        return Err(bad("shorter than 20 bytes"));
    };
    let pkg = Uuid::from_bytes(pkg.try_into().expect("16 bytes"));
    let name_len = u32::from_le_bytes(len.try_into().expect("4 bytes")) as usize;
    let rest = &bytes[20..];
    if name_len > rest.len() {
        return Err(bad("name length runs past the root"));
    }
    let (name, sig) = rest.split_at(name_len);
    let utf8 = |b| std::str::from_utf8(b).map_err(|_| bad("not UTF-8"));
    Ok(RootRef::Method(pkg, utf8(name)?, utf8(sig)?))
}

/// Longest value [`display`] shows whole.
const SHOWN: usize = 80;

/// A short human form of a root, for listings: at most 80 characters
/// (longer values are cut, marked with `…`).
pub fn display(root: &Root) -> String {
    let mut s = display_full(root);
    if s.chars().count() > SHOWN {
        s = s.chars().take(SHOWN).collect();
        s.push('…');
    }
    s
}

/// The whole human form of a root (byte strings in full hex).
pub(crate) fn display_full(root: &Root) -> String {
    match root {
        Root::Sym(s) => format!(":{s}"),
        Root::Str(s) => format!("{s:?}"),
        Root::Int(i) => format!("{i}"),
        Root::Float(f) => format!("{:?} (0x{:016x})", f.value(), f.0),
        Root::Bytes(b) => format!("bytes[{}] {}", b.0.len(), hex::encode(&b.0)),
        Root::Type(t) => format!("type {t}"),
        Root::Method(m) => format!("method {} {} @ {}", m.name, m.sig, m.pkg),
    }
}

/// Two values as people compare them: whole when both are short;
/// otherwise the region where they differ, with context on both sides and
/// `…` where text is left out, and the character position of the first
/// difference.
pub fn display_pair(a: &str, b: &str) -> (String, String) {
    let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if ca.len() <= SHOWN && cb.len() <= SHOWN {
        return (a.to_owned(), b.to_owned());
    }
    let first = ca
        .iter()
        .zip(&cb)
        .position(|(x, y)| x != y)
        .unwrap_or(ca.len().min(cb.len()));
    const BEFORE: usize = 20;
    const AFTER: usize = 40;
    let start = first.saturating_sub(BEFORE);
    let window = |c: &[char]| {
        let end = (first + AFTER).min(c.len());
        let mut s = String::new();
        if start > 0 {
            s.push('…');
        }
        s.extend(&c[start.min(c.len())..end]);
        if end < c.len() {
            s.push('…');
        }
        format!("{s} (differs from character {first} of {})", c.len())
    };
    (window(&ca), window(&cb))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_agrees_with_decode() {
        let mut method = vec![7u8; 16];
        method.extend_from_slice(&3u32.to_le_bytes());
        method.extend_from_slice(b"abcTuple{}");
        let cases: Vec<(u8, Vec<u8>)> = vec![
            (kind::SYM, b"ok".to_vec()),
            (kind::STR, vec![0xff, 0xfe]),
            (kind::TYPE, vec![b'a', 0xc0]),
            (kind::INT, vec![0; 8]),
            (kind::INT, vec![0; 7]),
            (kind::FLOAT, vec![0; 9]),
            (kind::BYTES, vec![1, 2, 3]),
            (kind::METHOD, method.clone()),
            (kind::METHOD, method[..19].to_vec()),
            (kind::METHOD, {
                let mut m = method.clone();
                m[16] = 200;
                m
            }),
            (kind::METHOD, {
                let mut m = method.clone();
                m.push(0xff);
                m
            }),
            (9, vec![]),
        ];
        for (k, b) in cases {
            let a = check(k, &b).map_err(|e| e.message().to_owned());
            let d = decode(k, &b)
                .map(|_| ())
                .map_err(|e| e.message().to_owned());
            assert_eq!(a, d, "kind {k} bytes {b:?}");
        }
    }
}
