//! The rkyv structs of each part of a package section and of the index
//! section (SPEC.md §4–§6). Only fixed-width fields, byte arrays and vectors
//! of such structs appear, laid out without implicit padding, so validation
//! is cheap and the layout is simple to describe.

use rkyv::{Archive, Serialize};

/// A range of another vector of the same part (text: a range of `strings`).
#[derive(Archive, Serialize, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Span {
    /// First element.
    pub start: u32,
    /// Number of elements.
    pub len: u32,
}

/// Part 0: identity, dependencies and counts.
#[derive(Archive, Serialize, Debug, Default)]
pub struct Meta {
    /// The package uuid.
    pub uuid: [u8; 16],
    /// The semantic id (SPEC.md §4.6), computed at pack time.
    pub semantic_id: [u8; 32],
    /// Name (text).
    pub name: Span,
    /// Version (text).
    pub version: Span,
    /// Dependencies, sorted by uuid.
    pub deps: Vec<DepRec>,
    /// What the other parts hold.
    pub counts: Counts,
    /// What was stripped from this package (`stripped::*` bits; 0: nothing).
    pub stripped: u32,
    /// Text of this part.
    pub strings: Vec<u8>,
}

/// Bits of [`Meta::stripped`] and of the header's flags: optional data a
/// package section no longer carries.
pub mod stripped {
    /// Generated sources (part 4) were removed.
    pub const GENERATED: u32 = 1;
    /// Payloads of code instances the invalidation analysis closed were removed.
    pub const INVALIDATED: u32 = 2;
    /// All payloads were removed.
    pub const PAYLOADS: u32 = 4;
    /// Every defined bit.
    pub const ALL: u32 = GENERATED | INVALIDATED | PAYLOADS;
}

/// A dependency.
#[derive(Archive, Serialize, Debug, Clone)]
pub struct DepRec {
    /// Its uuid.
    pub uuid: [u8; 16],
    /// The pinned build id, zero when not pinned.
    pub build_id: [u8; 32],
    /// Its name (text).
    pub name: Span,
    /// 1 when `build_id` is pinned, else 0.
    pub has_build_id: u32,
}

/// Counts of what a package holds.
#[derive(Archive, Serialize, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Roots in the root table.
    pub roots: u32,
    /// Types defined.
    pub types: u32,
    /// Type aliases defined.
    pub aliases: u32,
    /// Methods defined.
    pub methods: u32,
    /// Code instances.
    pub code: u32,
    /// Edges over all code instances.
    pub edges: u32,
    /// Code instances of other packages' methods.
    pub external_code: u32,
    /// Generated sources (part 4).
    pub generated: u32,
    /// Total bytes of the generated sources.
    pub generated_bytes: u32,
}

/// Part 1: the root table, in columns.
#[derive(Archive, Serialize, Debug, Default)]
pub struct Roots {
    /// Kind code of each root.
    pub kinds: Vec<u8>,
    /// End offset in `data` of each root's encoding.
    pub ends: Vec<u32>,
    /// Concatenated encodings.
    pub data: Vec<u8>,
    /// Fingerprint of each root.
    pub fingerprints: Vec<[u8; 16]>,
}

/// Part 2: types, aliases and methods defined.
#[derive(Archive, Serialize, Debug, Default)]
pub struct Defs {
    /// Types.
    pub types: Vec<TypeRec>,
    /// Type aliases.
    pub aliases: Vec<AliasRec>,
    /// Methods.
    pub methods: Vec<MethodRec>,
    /// Type parameters (text spans), referenced by `TypeRec::params` and
    /// `AliasRec::params`.
    pub params: Vec<Span>,
    /// Text of this part.
    pub strings: Vec<u8>,
}

/// A type definition.
#[derive(Archive, Serialize, Debug, Clone, Copy)]
pub struct TypeRec {
    /// Name (text).
    pub name: Span,
    /// Supertype expression (text).
    pub supertype: Span,
    /// Range of `Defs::params`.
    pub params: Span,
    /// `TypeKind::code`: 0 not recorded, 1 abstract, 2 struct, 3 mutable, 4 primitive.
    pub kind: u32,
}

/// A type alias.
#[derive(Archive, Serialize, Debug, Clone, Copy)]
pub struct AliasRec {
    /// Name (text).
    pub name: Span,
    /// Range of `Defs::params`.
    pub params: Span,
    /// The aliased type expression (text).
    pub body: Span,
}

/// Bits of [`MethodRec::flags`].
pub mod method_flags {
    /// The method's generator opted in to caching (`Core.CachedGenerator`).
    pub const CACHED_GENERATOR: u32 = 1;
}

/// A method definition.
#[derive(Archive, Serialize, Debug, Clone, Copy)]
pub struct MethodRec {
    /// Function name (text).
    pub name: Span,
    /// Signature (text).
    pub sig: Span,
    /// The world it was defined in; 0 when not recorded.
    pub world: u64,
    /// Bit p−1 set: argument position p is `@nospecialize`.
    pub nospecialize: u64,
    /// `method_flags::*`.
    pub flags: u32,
    /// Zero.
    pub reserved: u32,
}

/// Part 3: code instances.
#[derive(Archive, Serialize, Debug, Default)]
pub struct Code {
    /// The instances.
    pub instances: Vec<InstanceRec>,
    /// Root indices, referenced by `InstanceRec::roots`.
    pub root_refs: Vec<u32>,
    /// Edges, referenced by `InstanceRec::edges`.
    pub edges: Vec<EdgeRec>,
    /// Methods matched by call edges, referenced by `EdgeRec::matches`.
    pub matches: Vec<MethodRefRec>,
    /// Payload bytes, referenced by `InstanceRec::payload`.
    pub payloads: Vec<u8>,
    /// Text of this part.
    pub strings: Vec<u8>,
}

/// A method named by value.
#[derive(Archive, Serialize, Debug, Clone, Copy, Default)]
pub struct MethodRefRec {
    /// Defining package.
    pub pkg: [u8; 16],
    /// Function name (text).
    pub name: Span,
    /// Signature (text).
    pub sig: Span,
}

/// Bits of [`InstanceRec::flags`].
pub mod instance_flags {
    /// Inferred code only, no native code.
    pub const INFERRED_ONLY: u32 = 1;
}

/// One code instance.
#[derive(Archive, Serialize, Debug, Clone, Copy)]
pub struct InstanceRec {
    /// The method specialized.
    pub method: MethodRefRec,
    /// Specialization signature (text).
    pub spec: Span,
    /// Owner (text); empty for native code.
    pub owner: Span,
    /// First valid world.
    pub min_world: u64,
    /// Last valid world; `u64::MAX` when still valid.
    pub max_world: u64,
    /// `instance_flags::*`.
    pub flags: u32,
    /// Range of `Code::root_refs`.
    pub roots: Span,
    /// Range of `Code::edges`.
    pub edges: Span,
    /// Range of `Code::payloads`.
    pub payload: Span,
    /// Zero.
    pub reserved: u32,
}

/// Edge kind codes.
pub mod edge_kind {
    /// A dispatch by call signature.
    pub const CALL: u32 = 1;
    /// A direct call of one method instance.
    pub const INVOKE: u32 = 2;
    /// A direct call of one code instance.
    pub const INSTANCE: u32 = 3;
    /// An `invoke` with its invoke signature.
    pub const INVOKE_SIG: u32 = 4;
    /// A global binding.
    pub const BINDING: u32 = 5;
}

/// Bits of [`EdgeRec::flags`].
pub mod edge_flags {
    /// A call edge's matched methods are recorded in `matches`.
    pub const MATCHES: u32 = 1;
    /// Those matches covered the whole call signature.
    pub const COVERED: u32 = 2;
}

/// One edge. Which fields are used depends on `kind` (SPEC.md §4.5);
/// unused fields are zero.
#[derive(Archive, Serialize, Debug, Clone, Copy, Default)]
pub struct EdgeRec {
    /// `edge_kind::*`.
    pub kind: u32,
    /// The callee's method (invoke, instance, invokesig); for a binding,
    /// `name` is the binding's name.
    pub method: MethodRefRec,
    /// The call signature (call), the callee's specialization (invoke,
    /// instance, invokesig), or the module path (binding) (text).
    pub sig: Span,
    /// The invoke signature (invokesig) or the callee's owner (instance) (text).
    pub extra: Span,
    /// Range of `Code::matches` (call with `edge_flags::MATCHES`).
    pub matches: Span,
    /// `edge_flags::*`.
    pub flags: u32,
    /// The callee's first world (instance).
    pub min_world: u64,
    /// The callee's last world, `u64::MAX` when open (instance).
    pub max_world: u64,
}

/// Part 4: generated sources, for code instances of methods whose
/// generator opted in to caching.
#[derive(Archive, Serialize, Debug, Default)]
pub struct Generated {
    /// One entry per code instance that carries a source, by code index.
    pub entries: Vec<GeneratedRec>,
    /// Source bytes, referenced by `GeneratedRec::source`.
    pub sources: Vec<u8>,
}

/// One generated source.
#[derive(Archive, Serialize, Debug, Clone, Copy)]
pub struct GeneratedRec {
    /// Index of the code instance it belongs to.
    pub code: u32,
    /// Zero.
    pub reserved: u32,
    /// First valid world.
    pub min_world: u64,
    /// Last valid world; `u64::MAX` when still valid.
    pub max_world: u64,
    /// Range of `Generated::sources`.
    pub source: Span,
}

/// The global index of a merged image.
#[derive(Archive, Serialize, Debug, Default, PartialEq, Eq)]
pub struct Index {
    /// Package ordinals (section order) in load order.
    pub load_order: Vec<u32>,
    /// The global root table, by first occurrence.
    pub global: Vec<GlobalRoot>,
    /// `package_count + 1` offsets into `reindex`.
    pub reindex_starts: Vec<u32>,
    /// All reindex vectors, concatenated in section order.
    pub reindex: Vec<u32>,
}

/// A global root: root `index` of package ordinal `package`.
#[derive(Archive, Serialize, Debug, Clone, Copy, PartialEq, Eq)]
pub struct GlobalRoot {
    /// Package ordinal (section order).
    pub package: u32,
    /// Local root index.
    pub index: u32,
}

/// The invalidation record of a merged image (SPEC.md §5.1).
#[derive(Archive, Serialize, Debug, Default, PartialEq, Eq)]
pub struct Invalidations {
    /// Section ordinals of the packages analyzed (those whose dependency
    /// closure is present), in load order.
    pub analyzed: Vec<u32>,
    /// Invalidated code instances, by (package ordinal, code index).
    pub entries: Vec<InvalidRec>,
}

/// Cause kinds of an invalidated code instance.
pub mod cause_kind {
    /// A method of another package took over one of its edges.
    pub const METHOD: u32 = 1;
    /// An invoke edge targets an invalidated code instance.
    pub const DEPENDENCY: u32 = 2;
}

/// One invalidated code instance and why.
#[derive(Archive, Serialize, Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidRec {
    /// Section ordinal of the package caching the code.
    pub package: u32,
    /// Index in that package's code instances.
    pub code: u32,
    /// Last world (canonical numbering) in which the code is valid.
    pub max_world: u64,
    /// `cause_kind::*`.
    pub cause_kind: u32,
    /// Index of the edge of this code instance that broke.
    pub edge: u32,
    /// Section ordinal of the package of the cause.
    pub cause_package: u32,
    /// The causing method's index in that package's methods, or the
    /// invalidated target's index in its code instances.
    pub cause_index: u32,
}

impl ArchivedInvalidations {
    /// An owned copy.
    pub fn to_owned_record(&self) -> Invalidations {
        Invalidations {
            analyzed: self.analyzed.iter().map(|v| v.to_native()).collect(),
            entries: self
                .entries
                .iter()
                .map(|e| InvalidRec {
                    package: e.package.to_native(),
                    code: e.code.to_native(),
                    max_world: e.max_world.to_native(),
                    cause_kind: e.cause_kind.to_native(),
                    edge: e.edge.to_native(),
                    cause_package: e.cause_package.to_native(),
                    cause_index: e.cause_index.to_native(),
                })
                .collect(),
        }
    }
}

impl ArchivedCounts {
    /// The counts as native integers.
    pub fn to_native(&self) -> Counts {
        Counts {
            roots: self.roots.to_native(),
            types: self.types.to_native(),
            aliases: self.aliases.to_native(),
            methods: self.methods.to_native(),
            code: self.code.to_native(),
            edges: self.edges.to_native(),
            external_code: self.external_code.to_native(),
            generated: self.generated.to_native(),
            generated_bytes: self.generated_bytes.to_native(),
        }
    }
}

impl ArchivedIndex {
    /// An owned copy.
    pub(crate) fn to_owned_index(&self) -> Index {
        Index {
            load_order: self.load_order.iter().map(|v| v.to_native()).collect(),
            global: self
                .global
                .iter()
                .map(|r| GlobalRoot {
                    package: r.package.to_native(),
                    index: r.index.to_native(),
                })
                .collect(),
            reindex_starts: self.reindex_starts.iter().map(|v| v.to_native()).collect(),
            reindex: self.reindex.iter().map(|v| v.to_native()).collect(),
        }
    }
}

/// Builds a part's `strings` vector, storing each distinct text once.
#[derive(Default)]
pub(crate) struct StringPool {
    bytes: Vec<u8>,
    seen: std::collections::HashMap<String, Span>,
}

impl StringPool {
    /// The span of `text`, appending it if new.
    pub(crate) fn add(&mut self, text: &str) -> Span {
        if let Some(span) = self.seen.get(text) {
            return *span;
        }
        let span = Span {
            start: self.bytes.len() as u32,
            len: text.len() as u32,
        };
        self.bytes.extend_from_slice(text.as_bytes());
        self.seen.insert(text.to_owned(), span);
        span
    }

    /// The finished bytes.
    pub(crate) fn finish(self) -> Vec<u8> {
        self.bytes
    }
}

/// Serializes one part.
pub fn to_bytes<T>(value: &T) -> rkyv::util::AlignedVec
where
    T: for<'a> Serialize<
        rkyv::api::high::HighSerializer<
            rkyv::util::AlignedVec,
            rkyv::ser::allocator::ArenaHandle<'a>,
            rkyv::rancor::Error,
        >,
    >,
{
    rkyv::to_bytes::<rkyv::rancor::Error>(value).expect("serializing into memory cannot fail")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::mem::{align_of, size_of};

    /// SPEC.md §6 lists these sizes; an independent reader relies on them.
    #[test]
    fn archived_layouts_match_the_spec() {
        let layouts = [
            (
                "Span",
                size_of::<ArchivedSpan>(),
                align_of::<ArchivedSpan>(),
                8,
                4,
            ),
            (
                "Meta",
                size_of::<ArchivedMeta>(),
                align_of::<ArchivedMeta>(),
                120,
                4,
            ),
            (
                "Dep",
                size_of::<ArchivedDepRec>(),
                align_of::<ArchivedDepRec>(),
                60,
                4,
            ),
            (
                "Counts",
                size_of::<ArchivedCounts>(),
                align_of::<ArchivedCounts>(),
                36,
                4,
            ),
            (
                "Roots",
                size_of::<ArchivedRoots>(),
                align_of::<ArchivedRoots>(),
                32,
                4,
            ),
            (
                "Defs",
                size_of::<ArchivedDefs>(),
                align_of::<ArchivedDefs>(),
                40,
                4,
            ),
            (
                "TypeDef",
                size_of::<ArchivedTypeRec>(),
                align_of::<ArchivedTypeRec>(),
                28,
                4,
            ),
            (
                "MethodDef",
                size_of::<ArchivedMethodRec>(),
                align_of::<ArchivedMethodRec>(),
                40,
                8,
            ),
            (
                "Code",
                size_of::<ArchivedCode>(),
                align_of::<ArchivedCode>(),
                48,
                4,
            ),
            (
                "MethodRef",
                size_of::<ArchivedMethodRefRec>(),
                align_of::<ArchivedMethodRefRec>(),
                32,
                4,
            ),
            (
                "Instance",
                size_of::<ArchivedInstanceRec>(),
                align_of::<ArchivedInstanceRec>(),
                96,
                8,
            ),
            (
                "Edge",
                size_of::<ArchivedEdgeRec>(),
                align_of::<ArchivedEdgeRec>(),
                80,
                8,
            ),
            (
                "Alias",
                size_of::<ArchivedAliasRec>(),
                align_of::<ArchivedAliasRec>(),
                24,
                4,
            ),
            (
                "Generated",
                size_of::<ArchivedGenerated>(),
                align_of::<ArchivedGenerated>(),
                16,
                4,
            ),
            (
                "GeneratedRec",
                size_of::<ArchivedGeneratedRec>(),
                align_of::<ArchivedGeneratedRec>(),
                32,
                8,
            ),
            (
                "Index",
                size_of::<ArchivedIndex>(),
                align_of::<ArchivedIndex>(),
                32,
                4,
            ),
            (
                "GlobalRoot",
                size_of::<ArchivedGlobalRoot>(),
                align_of::<ArchivedGlobalRoot>(),
                8,
                4,
            ),
        ];
        for (name, size, align, want_size, want_align) in layouts {
            assert_eq!((size, align), (want_size, want_align), "{name}");
        }
    }

    /// A vector is an i32 offset relative to the offset field, then a u32 length.
    #[test]
    fn vector_encoding_matches_the_spec() {
        let roots = Roots {
            kinds: vec![1, 2, 3],
            ..Default::default()
        };
        let bytes = to_bytes(&roots);
        let root_at = bytes.len() - size_of::<ArchivedRoots>();
        let rel = i32::from_le_bytes(bytes[root_at..root_at + 4].try_into().unwrap());
        let len = u32::from_le_bytes(bytes[root_at + 4..root_at + 8].try_into().unwrap());
        let target = (root_at as i64 + rel as i64) as usize;
        assert_eq!(len, 3);
        assert_eq!(&bytes[target..target + 3], &[1, 2, 3]);
    }
}
