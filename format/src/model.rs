//! The owned data model of one package, and its JSON interchange form
//! (SPEC.md §2). Serde derives give the exact field names of the contract;
//! the few values JSON cannot carry directly (floats, bytes, build ids) have
//! wrapper types with their own encodings.

use std::collections::HashMap;

use base64::Engine as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::limits;
use crate::root::RootKey;

/// One package's precompile output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Package {
    /// The package's identity.
    pub uuid: Uuid,
    /// Its name.
    pub name: String,
    /// Its version, as text.
    pub version: String,
    /// What it was compiled against.
    #[serde(default)]
    pub deps: Vec<Dep>,
    /// The root table: index i is root i.
    #[serde(default)]
    pub roots: Vec<Root>,
    /// Types this package defines.
    #[serde(default)]
    pub types: Vec<TypeDef>,
    /// Methods this package defines.
    #[serde(default)]
    pub methods: Vec<MethodDef>,
    /// Specializations this package compiled.
    #[serde(default)]
    pub code: Vec<CodeInstance>,
}

/// A dependency of a package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dep {
    /// The dependency's uuid.
    pub uuid: Uuid,
    /// Its name.
    pub name: String,
    /// The build id of the image this package was compiled against, if pinned.
    pub build_id: Option<BuildId>,
}

/// A blake3 build id: the hash of a package section.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BuildId(pub [u8; 32]);

impl BuildId {
    /// Lower-case hex.
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }
}

impl std::fmt::Debug for BuildId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "BuildId({})", self.to_hex())
    }
}

impl std::fmt::Display for BuildId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl Serialize for BuildId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_hex())
    }
}

impl<'de> Deserialize<'de> for BuildId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        let mut out = [0u8; 32];
        hex::decode_to_slice(&text, &mut out).map_err(|_| {
            serde::de::Error::custom(format!("build_id must be 64 hex digits, got {text:?}"))
        })?;
        Ok(BuildId(out))
    }
}

/// A root value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Root {
    /// An interned symbol.
    Sym(String),
    /// A string literal.
    Str(String),
    /// A 64-bit integer literal.
    Int(i64),
    /// A float literal, kept as its bits.
    Float(F64Bits),
    /// A byte-string literal.
    Bytes(Base64),
    /// A type expression, as text.
    Type(String),
    /// A method, named by value.
    Method(MethodRef),
}

/// An f64 kept as its IEEE 754 bits so that NaN payloads and -0.0 survive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct F64Bits(pub u64);

impl F64Bits {
    /// The float value.
    pub fn value(self) -> f64 {
        f64::from_bits(self.0)
    }

    /// Whether JSON can carry it as a number that reads back to the same bits.
    fn is_plain(self) -> bool {
        let v = self.value();
        v.is_finite() && !(v == 0.0 && v.is_sign_negative())
    }
}

impl Serialize for F64Bits {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.is_plain() {
            s.serialize_f64(self.value())
        } else {
            s.serialize_str(&format!("0x{:016x}", self.0))
        }
    }
}

impl<'de> Deserialize<'de> for F64Bits {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Repr {
            Number(f64),
            Bits(String),
        }
        match Repr::deserialize(d)? {
            Repr::Number(v) => Ok(F64Bits(v.to_bits())),
            Repr::Bits(text) => text
                .strip_prefix("0x")
                .filter(|h| h.len() == 16)
                .and_then(|h| u64::from_str_radix(h, 16).ok())
                .map(F64Bits)
                .ok_or_else(|| {
                    serde::de::Error::custom(format!(
                        "a float string must be \"0x\" and 16 hex digits of its bits, got {text:?}"
                    ))
                }),
        }
    }
}

/// Bytes written as standard base64 with padding.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Base64(pub Vec<u8>);

impl Serialize for Base64 {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&base64::engine::general_purpose::STANDARD.encode(&self.0))
    }
}

impl<'de> Deserialize<'de> for Base64 {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        base64::engine::general_purpose::STANDARD
            .decode(text.as_bytes())
            .map(Base64)
            .map_err(|e| serde::de::Error::custom(format!("invalid base64: {e}")))
    }
}

/// A method named by value: defining package, function name, signature.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MethodRef {
    /// The package that defines the method.
    pub pkg: Uuid,
    /// The function's name.
    pub name: String,
    /// The method's signature.
    pub sig: String,
}

/// A type this package defines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeDef {
    /// The type's name.
    pub name: String,
    /// Its declared supertype (a type expression).
    #[serde(rename = "super")]
    pub supertype: String,
    /// Names of its type parameters.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<String>,
}

/// A method this package defines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MethodDef {
    /// The function's name.
    pub name: String,
    /// The method's signature.
    pub sig: String,
}

/// One compiled specialization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeInstance {
    /// The method it specializes.
    pub method: MethodRef,
    /// The specialization signature.
    pub spec: String,
    /// Its world-age range in this package's build.
    pub world: World,
    /// Indices into this package's root table.
    #[serde(default)]
    pub roots: Vec<u32>,
    /// What this code depends on.
    #[serde(default)]
    pub edges: Vec<Edge>,
    /// The compiled code, opaque to pcache.
    #[serde(default)]
    pub payload: Base64,
}

/// A world-age range `[min, max]`; `max = None` while still valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct World(pub u64, pub Option<u64>);

/// A dependency of compiled code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Edge {
    /// A dispatch by call signature.
    Call(CallEdge),
    /// A direct call of one specialization.
    Invoke(InvokeEdge),
}

/// `{"call": SIG}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CallEdge {
    /// The call signature.
    pub call: String,
}

/// `{"invoke": METHOD, "spec": SIG}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvokeEdge {
    /// The method called.
    pub invoke: MethodRef,
    /// The specialization called.
    pub spec: String,
}

/// A merged image's JSON form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackageSet {
    /// The packages, in section order.
    pub packages: Vec<Package>,
}

impl Package {
    /// Parses one package document.
    ///
    /// ```
    /// let pkg = pcache_format::Package::from_json(br#"{
    ///     "uuid": "9a1f3a4e-0d7c-4f52-8f0e-2b8f1b7e6a01", "name": "P", "version": "1",
    ///     "roots": [{"float": "0x8000000000000000"}, {"float": 21.0}]
    /// }"#)?;
    /// assert!(pkg.validate().is_ok());
    /// assert_eq!(pkg.to_json(), pcache_format::Package::from_json(pkg.to_json().as_bytes())?.to_json());
    /// # Ok::<(), pcache_format::Error>(())
    /// ```
    pub fn from_json(text: &[u8]) -> Result<Package> {
        if text.starts_with(b"\xef\xbb\xbf") {
            return Err(Error::invalid(
                "the document starts with a UTF-8 byte-order mark (EF BB BF), which JSON does not allow",
            )
            .with_hint("save it as UTF-8 without a byte-order mark"));
        }
        serde_json::from_slice(text).map_err(|e| {
            Error::invalid(format!("malformed package JSON: {}", plain(&e.to_string())))
        })
    }

    /// The JSON document, pretty-printed.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a package always serializes")
    }

    /// Checks the rules of SPEC.md §2 that pack enforces.
    pub fn validate(&self) -> Result<()> {
        let escaped = self.name.escape_debug().to_string();
        let pkg = &escaped;
        check_text(pkg, "name", &self.name)?;
        check_text(pkg, "version", &self.version)?;
        check_printable(pkg, "name", &self.name)?;
        check_printable(pkg, "version", &self.version)?;
        for t in &self.types {
            check_printable(pkg, "type name", &t.name)?;
        }
        for m in &self.methods {
            check_printable(pkg, "method name", &m.name)?;
        }
        for c in &self.code {
            check_printable(pkg, "method name", &c.method.name)?;
        }
        let mut dep_seen = HashMap::new();
        for (i, dep) in self.deps.iter().enumerate() {
            check_text(pkg, "dependency name", &dep.name)?;
            check_printable(pkg, "dependency name", &dep.name)?;
            if dep.uuid == self.uuid {
                return Err(Error::invalid(format!("package {pkg}: depends on itself")));
            }
            if let Some(j) = dep_seen.insert(dep.uuid, i) {
                return Err(Error::invalid(format!(
                    "package {pkg}: dependency {} listed twice (deps {j} and {i})",
                    dep.uuid
                )));
            }
        }
        let mut root_seen: HashMap<RootKey, usize> = HashMap::with_capacity(self.roots.len());
        for (i, root) in self.roots.iter().enumerate() {
            let key = RootKey::of(root);
            if key.bytes.len() > u32::MAX as usize / 2 {
                return Err(Error::invalid(format!(
                    "package {pkg}: root {i} is too large"
                )));
            }
            if let Some(j) = root_seen.insert(key, i) {
                return Err(Error::invalid(format!(
                    "package {pkg}: duplicate root: roots {j} and {i} are both {}",
                    crate::root::display(root)
                )));
            }
        }
        check_unique(pkg, "type", self.types.iter().map(|t| t.name.as_str()))?;
        check_unique(
            pkg,
            "method",
            self.methods
                .iter()
                .map(|m| (m.name.as_str(), m.sig.as_str())),
        )?;
        check_unique(
            pkg,
            "code instance",
            self.code.iter().map(|c| (&c.method, c.spec.as_str())),
        )?;
        for (i, code) in self.code.iter().enumerate() {
            for &r in &code.roots {
                if r as usize >= self.roots.len() {
                    return Err(Error::invalid(format!(
                        "package {pkg}: code[{i}] ({}) uses root {r}, but the root table has {} roots",
                        code.method.name,
                        self.roots.len()
                    )));
                }
            }
            let World(min, max) = code.world;
            match max {
                Some(u64::MAX) => {
                    return Err(Error::invalid(format!(
                        "package {pkg}: code[{i}]: max_world 2^64-1 is reserved (write null)"
                    )))
                }
                Some(max) if max < min => {
                    return Err(Error::invalid(format!(
                        "package {pkg}: code[{i}]: world range [{min}, {max}] is empty"
                    )))
                }
                _ => {}
            }
        }
        Ok(())
    }
}

fn check_text(pkg: &str, what: &str, text: &str) -> Result<()> {
    if text.len() > limits::MAX_TEXT_LEN {
        return Err(Error::invalid(format!(
            "package {pkg}: {what} is {} bytes, more than the limit of {}",
            text.len(),
            limits::MAX_TEXT_LEN
        )));
    }
    Ok(())
}

/// A serde message in the words of the JSON document rather than of the
/// Rust types behind it ("expected u64" reads "expected an integer from 0
/// to 18446744073709551615").
fn plain(message: &str) -> String {
    let mut m = message
        .replace(
            "tuple struct World with 2 elements",
            "a world range [min_world, max_world or null]",
        )
        .replace(
            "expected u64",
            "expected an integer from 0 to 18446744073709551615",
        )
        .replace("expected u32", "expected an integer from 0 to 4294967295")
        .replace("expected u8", "expected an integer from 0 to 255")
        .replace(
            "expected i64",
            "expected an integer from -9223372036854775808 to 9223372036854775807",
        )
        .replace("invalid type: floating point", "invalid value: the number")
        .replace("invalid length", "wrong number of elements:");
    // "expected struct Dep" -> "expected an object (Dep)".
    while let Some(at) = m.find("expected struct ") {
        let rest = &m[at + "expected struct ".len()..];
        let name: String = rest.chars().take_while(|c| c.is_alphanumeric()).collect();
        m = format!(
            "{}expected an object ({name}){}",
            &m[..at],
            &rest[name.len()..]
        );
    }
    m
}

/// Names are printed: no control characters (line breaks, escape
/// sequences), which could fake or hide output on a terminal.
fn check_printable(pkg: &str, what: &str, text: &str) -> Result<()> {
    if let Some(c) = text.chars().find(|c| c.is_control()) {
        return Err(Error::invalid(format!(
            "package {pkg}: {what} {:?} holds the control character {:?}; names may not",
            text, c
        )));
    }
    Ok(())
}

fn check_unique<K: std::hash::Hash + Eq + std::fmt::Debug>(
    pkg: &str,
    what: &str,
    keys: impl Iterator<Item = K>,
) -> Result<()> {
    let mut seen = HashMap::new();
    for (i, key) in keys.enumerate() {
        if let Some(j) = seen.insert(key, i) {
            return Err(Error::invalid(format!(
                "package {pkg}: {what} {j} and {what} {i} are the same"
            )));
        }
    }
    Ok(())
}
