//! A flat hash table from root fingerprint to a dense index, used by
//! interning (`session`) and by `verify`'s duplicate checks.

use crate::hash::fingerprint::Fingerprint;

/// Open-addressing table from fingerprint to global index, with linear
/// probing. A slot is one u64: a 32-bit tag from the hash, then the global
/// index (fingerprints themselves live densely in global order, so a table
/// of 8-byte slots stays small and a miss costs one cache line). The hash is
/// keyed per process, so crafted fingerprints cannot make probing quadratic;
/// nothing of it reaches the disk.
pub(crate) struct FpTable {
    slots: Vec<u64>,
    mask: usize,
    len: usize,
    k0: u64,
    k1: u64,
}

const EMPTY: u64 = u64::MAX;
/// Roots hashed and prefetched together before probing.
pub(crate) const BATCH: usize = 32;

impl FpTable {
    pub(crate) fn new(expected: usize) -> FpTable {
        use std::hash::BuildHasher;
        let cap = (expected * 4 / 3 + 1).next_power_of_two().max(1024);
        let keys = std::collections::hash_map::RandomState::new();
        FpTable {
            slots: vec![EMPTY; cap],
            mask: cap - 1,
            len: 0,
            k0: keys.hash_one(0u8),
            k1: keys.hash_one(1u8) | 1,
        }
    }

    #[inline(always)]
    pub(crate) fn hash(&self, fp: &Fingerprint) -> u64 {
        let lo = u64::from_le_bytes(fp[..8].try_into().expect("8 bytes"));
        let hi = u64::from_le_bytes(fp[8..].try_into().expect("8 bytes"));
        let x = ((lo ^ self.k0) as u128).wrapping_mul((hi ^ self.k1) as u128);
        (x as u64) ^ ((x >> 64) as u64)
    }

    #[inline(always)]
    pub(crate) fn prefetch(&self, h: u64) {
        #[cfg(target_arch = "x86_64")]
        {
            let at = &self.slots[h as usize & self.mask] as *const u64 as *const i8;
            // SAFETY: a prefetch is only a hint; the address is in bounds.
            unsafe { std::arch::x86_64::_mm_prefetch(at, std::arch::x86_64::_MM_HINT_T0) };
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = h;
    }

    /// Room for `extra` more entries at a load of at most 3/4.
    pub(crate) fn reserve(&mut self, extra: usize, fps: &[Fingerprint]) {
        if (self.len + extra) * 4 <= self.slots.len() * 3 {
            return;
        }
        let mut cap = self.slots.len();
        while (self.len + extra) * 4 > cap * 3 {
            cap *= 2;
        }
        self.slots = vec![EMPTY; cap];
        self.mask = cap - 1;
        for (g, fp) in fps.iter().enumerate() {
            let h = self.hash(fp);
            let mut i = h as usize & self.mask;
            while self.slots[i] != EMPTY {
                i = (i + 1) & self.mask;
            }
            self.slots[i] = ((h >> 32) << 32) | g as u64;
        }
    }

    /// Adds root `i` of `fps` (all of `fps[..i]` being in the table, at
    /// their own indices); returns the earlier root equal to it, if any.
    #[inline(always)]
    pub(crate) fn insert_new(&mut self, h: u64, i: usize, fps: &[Fingerprint]) -> Option<usize> {
        let tag = h >> 32;
        let mut at = h as usize & self.mask;
        loop {
            let s = self.slots[at];
            if s == EMPTY {
                self.slots[at] = (tag << 32) | i as u64;
                self.len += 1;
                return None;
            }
            if s >> 32 == tag && fps[s as u32 as usize] == fps[i] {
                return Some(s as u32 as usize);
            }
            at = (at + 1) & self.mask;
        }
    }

    /// The global index of `fp`, appending it to `fps` if new.
    #[inline(always)]
    pub(crate) fn intern(
        &mut self,
        h: u64,
        fp: &Fingerprint,
        fps: &mut Vec<Fingerprint>,
    ) -> (u32, bool) {
        let tag = h >> 32;
        let mut i = h as usize & self.mask;
        loop {
            let s = self.slots[i];
            if s == EMPTY {
                let g = fps.len() as u32;
                fps.push(*fp);
                self.slots[i] = (tag << 32) | g as u64;
                self.len += 1;
                return (g, true);
            }
            if s >> 32 == tag && fps[s as u32 as usize] == *fp {
                return (s as u32, false);
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// Hints the CPU to fetch `r`'s cache line (batched random lookups).
#[inline(always)]
pub(crate) fn prefetch<T>(r: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is only a hint, of a valid reference.
    unsafe {
        std::arch::x86_64::_mm_prefetch(r as *const T as *const i8, std::arch::x86_64::_MM_HINT_T0)
    };
    #[cfg(not(target_arch = "x86_64"))]
    let _ = r;
}

/// The first root that repeats an earlier one: `(j, i)` with `j < i`,
/// `fps[j] == fps[i]`, and `i` as small as possible.
pub(crate) fn first_duplicate(fps: &[Fingerprint]) -> Option<(usize, usize)> {
    let mut table = FpTable::new(fps.len());
    for (c, chunk) in fps.chunks(BATCH).enumerate() {
        let mut hs = [0u64; BATCH];
        for (h, fp) in hs.iter_mut().zip(chunk) {
            *h = table.hash(fp);
            table.prefetch(*h);
        }
        for (k, &h) in hs[..chunk.len()].iter().enumerate() {
            // Until the first repeat, dense index i is root i: the table
            // can name roots of `fps` itself, without a copy.
            let i = c * BATCH + k;
            if let Some(j) = table.insert_new(h, i, fps) {
                return Some((j, i));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_repeat_and_grows() {
        let fp = |v: u32| {
            let mut f = [0u8; 16];
            f[..4].copy_from_slice(&v.to_le_bytes());
            f[8] = (v % 7) as u8;
            f
        };
        let mut fps: Vec<Fingerprint> = (0..5000).map(fp).collect();
        assert_eq!(first_duplicate(&fps), None);
        fps.push(fp(4000));
        fps.push(fp(10));
        assert_eq!(first_duplicate(&fps), Some((4000, 5000)));
        let mut table = FpTable::new(1);
        let mut dense = Vec::new();
        for v in 0..3000 {
            table.reserve(1, &dense);
            let f = fp(v % 2000);
            let (g, new) = table.intern(table.hash(&f), &f, &mut dense);
            assert_eq!((g, new), (v % 2000, v < 2000));
        }
    }
}
