//! Method matching, as Julia's `_methods_by_ftype` / `ml_matches`
//! (src/gf.c) answers it: the methods whose signatures intersect a call
//! signature, most specific first; those a more specific method already
//! covers for the whole call are left out; whether the matches cover the
//! call fully; and which pairs are ambiguous.

use super::intersect::intersect_checked;
use super::registry::Registry;
use super::specificity::morespecific;
use super::subtype::{subtype_checked, Exhausted};
use super::ty::Ty;

/// What a call signature matches among a list of method signatures.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Matches {
    /// Indices of matched methods, most specific first.
    pub methods: Vec<usize>,
    /// Whether some matched method's signature contains the whole call
    /// (the call cannot fall through to a `MethodError`).
    pub fully_covers: bool,
    /// Pairs of matched methods (indices) that are ambiguous for the call.
    pub ambiguous: Vec<(usize, usize)>,
}

/// Match `call` against `sigs` (gf.c `ml_matches`).
pub fn match_methods(reg: &Registry, call: &Ty, sigs: &[Ty]) -> Result<Matches, Exhausted> {
    let mut cands: Vec<usize> = Vec::new();
    for (i, s) in sigs.iter().enumerate() {
        if !intersect_checked(reg, call, s)?.is_bottom() {
            cands.push(i);
        }
    }
    // Order by specificity: a stable insertion sort, placing each method
    // before the first one it is more specific than.
    let mut order: Vec<usize> = Vec::with_capacity(cands.len());
    for c in cands {
        let pos = order
            .iter()
            .position(|&j| morespecific(reg, &sigs[c], &sigs[j]))
            .unwrap_or(order.len());
        order.insert(pos, c);
    }
    let mut out = Matches::default();
    let mut covering: Vec<usize> = Vec::new();
    for i in &order {
        // A more specific method that covers the whole call hides this one.
        if covering
            .iter()
            .any(|&c| morespecific(reg, &sigs[c], &sigs[*i]))
        {
            continue;
        }
        if subtype_checked(reg, call, &sigs[*i])? {
            out.fully_covers = true;
            covering.push(*i);
        }
        out.methods.push(*i);
    }
    // Ambiguity: two matches, neither more specific, whose common part of
    // the call no third match more specific than both covers.
    for (a_pos, &a) in out.methods.iter().enumerate() {
        for &b in &out.methods[a_pos + 1..] {
            if morespecific(reg, &sigs[a], &sigs[b]) || morespecific(reg, &sigs[b], &sigs[a]) {
                continue;
            }
            let ab = intersect_checked(reg, &sigs[a], &sigs[b])?;
            let common = intersect_checked(reg, call, &ab)?;
            if common.is_bottom() {
                continue;
            }
            let mut resolved = false;
            for &c in &out.methods {
                if c != a
                    && c != b
                    && morespecific(reg, &sigs[c], &sigs[a])
                    && morespecific(reg, &sigs[c], &sigs[b])
                    && subtype_checked(reg, &common, &sigs[c])?
                {
                    resolved = true;
                    break;
                }
            }
            if !resolved {
                out.ambiguous.push((a, b));
            }
        }
    }
    Ok(out)
}
