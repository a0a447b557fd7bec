//! The owned data model of one package, and its JSON interchange form
//! (SPEC.md §2). Serde derives give the exact field names of the contract;
//! the few values JSON cannot carry directly (floats, bytes, build ids) have
//! wrapper types with their own encodings.

use base64::Engine as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use uuid::Uuid;

use crate::error::{Error, Result};

pub mod decl;
pub mod root;
pub mod stripped;
mod validate;

/// One package's precompile output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
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
    /// Type aliases this package defines (`const A{T} = B{T, 1}`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<AliasDef>,
    /// Methods this package defines.
    #[serde(default)]
    pub methods: Vec<MethodDef>,
    /// Specializations this package compiled.
    #[serde(default)]
    pub code: Vec<CodeInstance>,
    /// Optional data this package no longer carries (`pcache strip`,
    /// SPEC.md §4.2); written only when not empty.
    #[serde(default, skip_serializing_if = "Stripped::is_empty")]
    pub stripped: Stripped,
}

/// What was stripped from a package: `archive::stripped::*` bits, written
/// in JSON as an array of names (`["generated", "payloads"]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stripped(pub u32);

impl Stripped {
    /// The names of the bits, in bit order.
    pub(crate) const NAMES: [(u32, &'static str); 3] = [
        (crate::spec::archive::stripped::GENERATED, "generated"),
        (crate::spec::archive::stripped::INVALIDATED, "invalidated"),
        (crate::spec::archive::stripped::PAYLOADS, "payloads"),
    ];

    /// Nothing was stripped.
    pub(crate) fn is_empty(&self) -> bool {
        self.0 == 0
    }

    /// Whether every bit of `bits` is set.
    pub(crate) fn has(&self, bits: u32) -> bool {
        self.0 & bits == bits
    }
}

impl Serialize for Stripped {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let names: Vec<&str> = Self::NAMES
            .iter()
            .filter(|(bit, _)| self.0 & bit != 0)
            .map(|(_, n)| *n)
            .collect();
        let mut seq = s.serialize_seq(Some(names.len()))?;
        for n in names {
            seq.serialize_element(n)?;
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for Stripped {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let names = Vec::<String>::deserialize(d)?;
        let mut bits = 0;
        for name in names {
            let Some((bit, _)) = Self::NAMES.iter().find(|(_, n)| *n == name) else {
                return Err(serde::de::Error::custom(format!(
                    "unknown stripped data {name:?}: expected generated, invalidated or payloads"
                )));
            };
            if bits & bit != 0 {
                return Err(serde::de::Error::custom(format!(
                    "stripped data {name:?} is listed twice"
                )));
            }
            bits |= bit;
        }
        Ok(Stripped(bits))
    }
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
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct TypeDef {
    /// The type's name.
    pub name: String,
    /// Its declared supertype (a type expression).
    #[serde(rename = "super")]
    pub supertype: String,
    /// Its type parameters as a `where` clause writes them: `T`,
    /// `T<:Real`, `Int<:T<:Real`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<String>,
    /// What kind of type it is; absent in documents that predate kinds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<TypeKind>,
}

/// Julia's four kinds of declared type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TypeKind {
    /// `abstract type`.
    Abstract,
    /// `struct`.
    Struct,
    /// `mutable struct`.
    Mutable,
    /// `primitive type`.
    Primitive,
}

impl TypeKind {
    /// Its code on disk (SPEC.md §4.4); 0 means "not recorded".
    pub fn code(self) -> u32 {
        match self {
            TypeKind::Abstract => 1,
            TypeKind::Struct => 2,
            TypeKind::Mutable => 3,
            TypeKind::Primitive => 4,
        }
    }

    /// The kind of a code on disk; `Ok(None)` for 0.
    pub(crate) fn from_code(code: u32) -> std::result::Result<Option<TypeKind>, u32> {
        Ok(Some(match code {
            0 => return Ok(None),
            1 => TypeKind::Abstract,
            2 => TypeKind::Struct,
            3 => TypeKind::Mutable,
            4 => TypeKind::Primitive,
            other => return Err(other),
        }))
    }
}

/// A type alias: `const name{params…} = type`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AliasDef {
    /// The alias name.
    pub name: String,
    /// Its parameters, written as in [`TypeDef::params`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<String>,
    /// The aliased type expression.
    #[serde(rename = "type")]
    pub body: String,
}

/// A method this package defines. Its function may be any callable: a
/// function of any module (`Base.Broadcast.broadcastable`), a type (a
/// constructor, `Tuple{Type{Float64}, MyNum}`), a functor or closure
/// type, `Core.kwcall`; the signature's first parameter says which.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct MethodDef {
    /// The function's name, qualified by its owner's module path when the
    /// function is not this package's own.
    pub name: String,
    /// The method's signature.
    pub sig: String,
    /// The world in which it was defined (Julia's `primary_world`); absent
    /// when not recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub world: Option<u64>,
    /// Argument positions marked `@nospecialize` (1 is the callable
    /// itself, 2 the first argument), ascending, at most 64.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nospecialize: Vec<u32>,
    /// Whether a `@generated` method's generator opted in to having its
    /// output cached (Julia's `Core.CachedGenerator`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub cached_generator: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// One compiled specialization. Its identity is (method, spec, owner,
/// world): Julia keeps several code instances per method instance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct CodeInstance {
    /// The method it specializes.
    pub method: MethodRef,
    /// The specialization signature.
    pub spec: String,
    /// The compiler that made it (an external compiler's token, such as a
    /// GPU compiler's); absent for Julia's native compiler.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Inferred code only, without native code.
    #[serde(default, skip_serializing_if = "is_false")]
    pub inferred_only: bool,
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
    /// The source a caching generator produced for it (only for methods
    /// with `cached_generator`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated: Option<GeneratedSource>,
}

/// A generator's output, cached with its own world range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GeneratedSource {
    /// The worlds in which it is valid.
    pub world: World,
    /// The unoptimized source, opaque to pcache.
    pub source: Base64,
}

/// A world-age range `[min, max]`; `max = None` while still valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct World(pub u64, pub Option<u64>);

/// A dependency of compiled code, as Julia records it (base/staticdata.jl,
/// `verify_method`). The key that names the edge's kind (`call`, `invoke`,
/// `instance`, `invokesig`, `binding`) decides which fields it has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Edge {
    /// A dispatch by call signature.
    Call(CallEdge),
    /// A direct call of one method instance.
    Invoke(InvokeEdge),
    /// A direct call of one code instance.
    Instance(InstanceEdge),
    /// An `invoke(f, sig, args…)`.
    InvokeSig(InvokeSigEdge),
    /// A read of a global binding.
    Binding(BindingEdge),
}

impl<'de> Deserialize<'de> for Edge {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        let value = serde_json::Value::deserialize(d)?;
        let Some(map) = value.as_object() else {
            return Err(D::Error::custom("an edge must be an object"));
        };
        let kinds = ["call", "invoke", "instance", "invokesig", "binding"];
        let present: Vec<&str> = kinds
            .iter()
            .copied()
            .filter(|k| map.contains_key(*k))
            .collect();
        let one = |e: serde_json::Error| D::Error::custom(plain(&e.to_string()));
        match present.as_slice() {
            ["call"] => serde_json::from_value(value).map(Edge::Call).map_err(one),
            ["invoke"] => serde_json::from_value(value).map(Edge::Invoke).map_err(one),
            ["instance"] => serde_json::from_value(value).map(Edge::Instance).map_err(one),
            ["invokesig"] => serde_json::from_value(value).map(Edge::InvokeSig).map_err(one),
            ["binding"] => serde_json::from_value(value).map(Edge::Binding).map_err(one),
            [] => Err(D::Error::custom(
                "an edge needs one of the fields call, invoke, instance, invokesig, binding",
            )),
            several => Err(D::Error::custom(format!(
                "an edge has exactly one of call, invoke, instance, invokesig, binding; this one has {}",
                several.join(" and ")
            ))),
        }
    }
}

/// `{"call": SIG, "matches": [METHOD…], "covered": BOOL}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct CallEdge {
    /// The call signature.
    pub call: String,
    /// The methods it matched when compiled; absent: the methods it
    /// matches in the package's own dependency closure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matches: Option<Vec<MethodRef>>,
    /// Whether those methods together covered the whole signature (no
    /// `MethodError` was possible); only with `matches`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub covered: Option<bool>,
}

/// `{"invoke": METHOD, "spec": SIG}`: a direct call of a method instance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvokeEdge {
    /// The method called.
    pub invoke: MethodRef,
    /// The specialization called.
    pub spec: String,
}

/// `{"instance": METHOD, "spec": SIG, "owner": TEXT, "world": WORLD}`: a
/// direct call of one code instance, named by its identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstanceEdge {
    /// The callee's method.
    pub instance: MethodRef,
    /// The callee's specialization.
    pub spec: String,
    /// The callee's owner; absent for native code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// The callee's world range.
    pub world: World,
}

/// `{"invokesig": SIG, "target": METHOD, "spec": SIG}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvokeSigEdge {
    /// The invoke signature (`Tuple{typeof(f), Real}`).
    pub invokesig: String,
    /// The method it selected.
    pub target: MethodRef,
    /// The specialization called.
    pub spec: String,
}

/// `{"binding": NAME, "module": PATH}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BindingEdge {
    /// The binding's name.
    pub binding: String,
    /// The module path it lives in (`Base.Math`, or a package's name).
    pub module: String,
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

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str =
        r#""uuid": "9a1f3a4e-0d7c-4f52-8f0e-2b8f1b7e6a01", "name": "P", "version": "1""#;

    fn doc(rest: &str) -> Result<Package> {
        let pkg = Package::from_json(format!("{{{HEAD}, {rest}}}").as_bytes())?;
        pkg.validate()?;
        Ok(pkg)
    }

    fn err(rest: &str) -> String {
        doc(rest).expect_err("must be refused").to_string()
    }

    const M: &str = r#"{"pkg": "9a1f3a4e-0d7c-4f52-8f0e-2b8f1b7e6a01", "name": "f", "sig": "Tuple{typeof(f), Int}"}"#;

    /// Every edge kind of SPEC.md §2 reads, and writes back the same.
    #[test]
    fn every_edge_kind_round_trips() {
        let edges = format!(
            r#"[{{"call": "Tuple{{typeof(f), Any}}"}},
                {{"call": "Tuple{{typeof(f), Int}}", "matches": [{M}], "covered": true}},
                {{"invoke": {M}, "spec": "Tuple{{typeof(f), Int}}"}},
                {{"instance": {M}, "spec": "Tuple{{typeof(f), Int}}", "owner": "GPU", "world": [3, 9]}},
                {{"invokesig": "Tuple{{typeof(f), Int}}", "target": {M}, "spec": "Tuple{{typeof(f), Int}}"}},
                {{"binding": "pi", "module": "Base.MathConstants"}}]"#
        );
        let pkg = doc(&format!(
            r#""methods": [{{"name": "f", "sig": "Tuple{{typeof(f), Int}}", "world": 7, "nospecialize": [2]}}],
               "code": [{{"method": {M}, "spec": "Tuple{{typeof(f), Int}}", "world": [1, null], "edges": {edges}}},
                        {{"method": {M}, "spec": "Tuple{{typeof(f), Int}}", "owner": "GPU", "inferred_only": true, "world": [1, null]}}]"#
        ))
        .unwrap();
        let kinds: Vec<&str> = pkg.code[0]
            .edges
            .iter()
            .map(|e| match e {
                Edge::Call(c) if c.matches.is_some() => "matched call",
                Edge::Call(_) => "call",
                Edge::Invoke(_) => "invoke",
                Edge::Instance(_) => "instance",
                Edge::InvokeSig(_) => "invokesig",
                Edge::Binding(_) => "binding",
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "call",
                "matched call",
                "invoke",
                "instance",
                "invokesig",
                "binding"
            ]
        );
        // Two code instances of one method instance, told apart by owner.
        assert_eq!(pkg.code[1].owner.as_deref(), Some("GPU"));
        assert!(pkg.code[1].inferred_only);
        assert_eq!(pkg.methods[0].world, Some(7));
        let again = Package::from_json(pkg.to_json().as_bytes()).unwrap();
        assert_eq!(again, pkg);
    }

    /// Documents of the earlier contract (no kinds, no owners, call edges
    /// without matches) stay valid input and mean what they meant.
    #[test]
    fn documents_of_the_earlier_contract_stay_valid() {
        let pkg = doc(&format!(
            r#""types": [{{"name": "Card", "super": "Any", "params": ["T"]}}],
               "methods": [{{"name": "f", "sig": "Tuple{{typeof(f), Int}}"}}],
               "code": [{{"method": {M}, "spec": "Tuple{{typeof(f), Int}}", "world": [1, null],
                          "edges": [{{"call": "Tuple{{typeof(g), Any}}"}}, {{"invoke": {M}, "spec": "Tuple{{typeof(f), Int}}"}}]}}]"#
        ))
        .unwrap();
        assert_eq!(pkg.types[0].kind, None);
        assert_eq!(pkg.code[0].owner, None);
        assert!(matches!(&pkg.code[0].edges[0], Edge::Call(c) if c.matches.is_none()));
        // Written back, the document holds no field the earlier contract lacked.
        let text = pkg.to_json();
        for field in [
            "kind",
            "owner",
            "matches",
            "inferred_only",
            "nospecialize",
            "generated",
        ] {
            assert!(!text.contains(&format!("\"{field}\"")), "{field} in {text}");
        }
    }

    #[test]
    fn malformed_edges_and_identities_are_refused_with_a_reason() {
        let code = |edges: &str| {
            format!(
                r#""code": [{{"method": {M}, "spec": "Tuple{{typeof(f), Int}}", "world": [1, null], "edges": [{edges}]}}]"#
            )
        };
        assert!(err(&code(r#"{"call": "Tuple{typeof(f)}", "binding": "x", "module": "Base"}"#))
            .contains("exactly one of call, invoke, instance, invokesig, binding; this one has call and binding"));
        assert!(err(&code(r#"{"spec": "Tuple{typeof(f)}"}"#)).contains("an edge needs one of"));
        assert!(
            err(&code(r#"{"call": "Tuple{typeof(f)}", "covered": true}"#))
                .contains("needs `matches`")
        );
        assert!(err(&code(r#"{"call": "Tuple{typeof(f)}", "matched": []}"#))
            .contains("unknown field `matched`"));
        assert!(err(&code(&format!(
            r#"{{"instance": {M}, "spec": "Tuple{{typeof(f), Int}}", "world": [5, 2]}}"#
        )))
        .contains("world range [5, 2] is empty"));
        assert!(err(&format!(
            r#""code": [{{"method": {M}, "spec": "S", "owner": "", "world": [1, null]}}]"#
        ))
        .contains("an owner is a non-empty name"));
        // The same (method, spec, owner, world) twice is a duplicate.
        assert!(err(&format!(
            r#""code": [{{"method": {M}, "spec": "S", "world": [1, null]}}, {{"method": {M}, "spec": "S", "world": [1, null]}}]"#
        ))
        .contains("code instance 0 and code instance 1 are the same"));
        // Another world range is another code instance.
        doc(&format!(
            r#""code": [{{"method": {M}, "spec": "S", "world": [1, 4]}}, {{"method": {M}, "spec": "S", "world": [5, null]}}]"#
        ))
        .unwrap();
        assert!(
            err(r#""methods": [{"name": "f", "sig": "S", "nospecialize": [3, 2]}]"#)
                .contains("nospecialize must list argument positions from 1 to 64, ascending")
        );
        assert!(
            err(r#""methods": [{"name": "f", "sig": "S", "nospecialize": [65]}]"#)
                .contains("nospecialize")
        );
        assert!(
            err(r#""types": [{"name": "A", "super": "Any", "kind": "bits"}]"#)
                .contains("unknown variant `bits`")
        );
        assert!(err(
            r#""types": [{"name": "A", "super": "Any"}], "aliases": [{"name": "A", "type": "Int"}]"#
        )
        .contains("type or alias 0 and type or alias 1 are the same"));
    }
}
