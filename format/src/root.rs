//! Root values in their canonical byte encoding (SPEC.md §4.3) and their
//! fingerprints. Equality of roots is equality of (kind, encoding).

use uuid::Uuid;

use crate::error::{Error, Result};
use crate::model::{Base64, F64Bits, MethodRef, Root};

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

/// The derive-key context of root fingerprints; never change it within major 1.
pub const FINGERPRINT_CONTEXT: &str = "pcache 2026-11 root fingerprint v1";

/// A 128-bit root fingerprint.
pub type Fingerprint = [u8; 16];

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

/// The fingerprint of an encoded root.
pub fn fingerprint(kind: u8, bytes: &[u8]) -> Fingerprint {
    let mut hasher = blake3::Hasher::new_derive_key(FINGERPRINT_CONTEXT);
    hasher.update(&[kind]);
    hasher.update(bytes);
    let mut out = [0u8; 16];
    hasher.finalize_xof().fill(&mut out);
    out
}

/// Decodes an encoded root; the error says what is wrong (no location).
pub fn decode(kind: u8, bytes: &[u8]) -> Result<Root> {
    let text = |what: &str| {
        std::str::from_utf8(bytes)
            .map(str::to_owned)
            .map_err(|e| Error::invalid(format!("{what} root is not UTF-8: {e}")))
    };
    let word = || -> Result<[u8; 8]> {
        bytes
            .try_into()
            .map_err(|_| Error::invalid(format!("number root has {} bytes, not 8", bytes.len())))
    };
    Ok(match kind {
        kind::SYM => Root::Sym(text("sym")?),
        kind::STR => Root::Str(text("str")?),
        kind::TYPE => Root::Type(text("type")?),
        kind::INT => Root::Int(i64::from_le_bytes(word()?)),
        kind::FLOAT => Root::Float(F64Bits(u64::from_le_bytes(word()?))),
        kind::BYTES => Root::Bytes(Base64(bytes.to_vec())),
        kind::METHOD => Root::Method(decode_method(bytes)?),
        other => return Err(Error::invalid(format!("unknown root kind {other}"))),
    })
}

fn decode_method(bytes: &[u8]) -> Result<MethodRef> {
    let bad = |why: &str| Error::invalid(format!("method root: {why}"));
    if bytes.len() < 20 {
        return Err(bad("shorter than 20 bytes"));
    }
    let pkg = Uuid::from_bytes(bytes[..16].try_into().expect("16 bytes"));
    let name_len = u32::from_le_bytes(bytes[16..20].try_into().expect("4 bytes")) as usize;
    let rest = &bytes[20..];
    if name_len > rest.len() {
        return Err(bad("name length runs past the root"));
    }
    let (name, sig) = rest.split_at(name_len);
    let utf8 = |b: &[u8]| {
        std::str::from_utf8(b)
            .map(str::to_owned)
            .map_err(|_| bad("not UTF-8"))
    };
    Ok(MethodRef {
        pkg,
        name: utf8(name)?,
        sig: utf8(sig)?,
    })
}

/// A short human form of a root, for messages and listings.
pub fn display(root: &Root) -> String {
    const MAX: usize = 80;
    let mut s = match root {
        Root::Sym(s) => format!(":{s}"),
        Root::Str(s) => format!("{s:?}"),
        Root::Int(i) => format!("{i}"),
        Root::Float(f) => format!("{:?} (0x{:016x})", f.value(), f.0),
        Root::Bytes(b) => format!(
            "bytes[{}] {}",
            b.0.len(),
            hex::encode(&b.0[..b.0.len().min(16)])
        ),
        Root::Type(t) => format!("type {t}"),
        Root::Method(m) => format!("method {} {} @ {}", m.name, m.sig, m.pkg),
    };
    if s.len() > MAX {
        let mut cut = MAX;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
        s.push('…');
    }
    s
}
