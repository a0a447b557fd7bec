//! What the stripped bits of a package mean (SPEC.md §7): which builds of
//! one package carry what, and where two builds disagree on what both
//! carry. Used by `session` (choosing among builds) and `strip`.

use uuid::Uuid;

use super::Package;
use crate::spec::archive::stripped;

/// The stripped bits with what they imply: all payloads stripped implies
/// the invalidated ones are too.
pub(crate) fn effective_stripped(bits: u32) -> u32 {
    if bits & stripped::PAYLOADS != 0 {
        bits | stripped::INVALIDATED
    } else {
        bits
    }
}

/// Whether a package stripped of `a` carries everything one stripped of
/// `b` carries.
pub fn carries_all_of(a: u32, b: u32) -> bool {
    effective_stripped(a) & !effective_stripped(b) == 0
}

/// The names of stripped bits, for messages: `generated, payloads`, or
/// `nothing`.
pub fn describe(bits: u32) -> String {
    let names: Vec<&str> = [
        (stripped::GENERATED, "generated"),
        (stripped::INVALIDATED, "invalidated"),
        (stripped::PAYLOADS, "payloads"),
    ]
    .iter()
    .filter(|(b, _)| bits & b != 0)
    .map(|(_, n)| *n)
    .collect();
    if names.is_empty() {
        "nothing".into()
    } else {
        names.join(", ")
    }
}

/// The first thing two builds of one package disagree on among what both
/// carry, or `None` (SPEC.md §7). `a_bits` and `b_bits` are their stripped
/// bits: a payload counts as carried unless the package's payloads were
/// stripped, or its invalidated ones were and the payload is empty; a
/// generated source unless the package's generated sources were stripped.
/// Pinned dependency build ids are not compared (a stripped dependency is
/// another build; the pin check of the merge decides).
pub(crate) fn first_disagreement(
    a: &Package,
    a_bits: u32,
    b: &Package,
    b_bits: u32,
) -> Option<String> {
    if a.uuid != b.uuid || a.name != b.name || a.version != b.version {
        return Some("name or version".into());
    }
    let deps = |p: &Package| {
        let mut d: Vec<(Uuid, String)> = p.deps.iter().map(|d| (d.uuid, d.name.clone())).collect();
        d.sort();
        d
    };
    if deps(a) != deps(b) {
        return Some("dependencies".into());
    }
    if a.roots != b.roots {
        return Some("root tables".into());
    }
    if a.types != b.types {
        return Some("types".into());
    }
    if a.aliases != b.aliases {
        return Some("type aliases".into());
    }
    if a.methods != b.methods {
        return Some("methods".into());
    }
    if a.code.len() != b.code.len() {
        return Some(format!(
            "{} vs {} code instances",
            a.code.len(),
            b.code.len()
        ));
    }
    let payload_carried = |bits: u32, payload: &[u8]| {
        bits & stripped::PAYLOADS == 0 && !(bits & stripped::INVALIDATED != 0 && payload.is_empty())
    };
    for (i, (x, y)) in a.code.iter().zip(&b.code).enumerate() {
        let what = |part: &str| format!("code instance {i} ({}): {part}", x.method.name);
        if x.method != y.method
            || x.spec != y.spec
            || x.owner != y.owner
            || x.world != y.world
            || x.inferred_only != y.inferred_only
            || x.roots != y.roots
            || x.edges != y.edges
        {
            return Some(what("identity, roots or edges"));
        }
        if payload_carried(a_bits, &x.payload.0)
            && payload_carried(b_bits, &y.payload.0)
            && x.payload != y.payload
        {
            return Some(what("payload"));
        }
        if a_bits & stripped::GENERATED == 0
            && b_bits & stripped::GENERATED == 0
            && x.generated != y.generated
        {
            return Some(what("generated source"));
        }
    }
    None
}
