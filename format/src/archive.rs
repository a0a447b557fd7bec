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
    /// Text of this part.
    pub strings: Vec<u8>,
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
    /// Methods defined.
    pub methods: u32,
    /// Code instances.
    pub code: u32,
    /// Edges over all code instances.
    pub edges: u32,
    /// Code instances of other packages' methods.
    pub external_code: u32,
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

/// Part 2: types and methods defined.
#[derive(Archive, Serialize, Debug, Default)]
pub struct Defs {
    /// Types.
    pub types: Vec<TypeRec>,
    /// Methods.
    pub methods: Vec<MethodRec>,
    /// Type parameter names (text spans), referenced by `TypeRec::params`.
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
}

/// A method definition.
#[derive(Archive, Serialize, Debug, Clone, Copy)]
pub struct MethodRec {
    /// Function name (text).
    pub name: Span,
    /// Signature (text).
    pub sig: Span,
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

/// One code instance.
#[derive(Archive, Serialize, Debug, Clone, Copy)]
pub struct InstanceRec {
    /// The method specialized.
    pub method: MethodRefRec,
    /// Specialization signature (text).
    pub spec: Span,
    /// First valid world.
    pub min_world: u64,
    /// Last valid world; `u64::MAX` when still valid.
    pub max_world: u64,
    /// Range of `Code::root_refs`.
    pub roots: Span,
    /// Range of `Code::edges`.
    pub edges: Span,
    /// Range of `Code::payloads`.
    pub payload: Span,
}

/// Edge kind codes.
pub mod edge_kind {
    /// A dispatch by call signature.
    pub const CALL: u32 = 1;
    /// A direct call of one specialization.
    pub const INVOKE: u32 = 2;
}

/// One edge.
#[derive(Archive, Serialize, Debug, Clone, Copy)]
pub struct EdgeRec {
    /// `edge_kind::CALL` or `edge_kind::INVOKE`.
    pub kind: u32,
    /// The invoked method (zero for a call).
    pub method: MethodRefRec,
    /// The call signature, or the invoked specialization (text).
    pub sig: Span,
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
            methods: self.methods.to_native(),
            code: self.code.to_native(),
            edges: self.edges.to_native(),
            external_code: self.external_code.to_native(),
        }
    }
}

impl ArchivedIndex {
    /// An owned copy.
    pub fn to_owned_index(&self) -> Index {
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
pub struct StringPool {
    bytes: Vec<u8>,
    seen: std::collections::HashMap<String, Span>,
}

impl StringPool {
    /// The span of `text`, appending it if new.
    pub fn add(&mut self, text: &str) -> Span {
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
    pub fn finish(self) -> Vec<u8> {
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
                104,
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
                24,
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
                32,
                4,
            ),
            (
                "TypeDef",
                size_of::<ArchivedTypeRec>(),
                align_of::<ArchivedTypeRec>(),
                24,
                4,
            ),
            (
                "MethodDef",
                size_of::<ArchivedMethodRec>(),
                align_of::<ArchivedMethodRec>(),
                16,
                4,
            ),
            (
                "Code",
                size_of::<ArchivedCode>(),
                align_of::<ArchivedCode>(),
                40,
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
                80,
                8,
            ),
            (
                "Edge",
                size_of::<ArchivedEdgeRec>(),
                align_of::<ArchivedEdgeRec>(),
                44,
                4,
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
