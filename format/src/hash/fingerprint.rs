//! Root fingerprints (SPEC.md §4.3): the BLAKE3 derive-key hash of
//! `[kind] ++ encoding`, truncated to 128 bits.

/// The derive-key context of root fingerprints; never change it within major 1.
pub const FINGERPRINT_CONTEXT: &str = "pcache 2026-11 root fingerprint v1";

/// A 128-bit root fingerprint.
pub type Fingerprint = [u8; 16];

/// The derive-key context, hashed once (blake3 would re-hash the context
/// string for every root otherwise).
fn context_key() -> &'static blake3::hazmat::ContextKey {
    static KEY: std::sync::OnceLock<blake3::hazmat::ContextKey> = std::sync::OnceLock::new();
    KEY.get_or_init(|| blake3::hazmat::hash_derive_key_context(FINGERPRINT_CONTEXT))
}

/// Roots whose input (`[kind] ++ encoding`) fits one 64-byte BLAKE3 block
/// are fingerprinted by one compression, computed here directly; longer ones
/// go through `blake3::Hasher`. Tests check both against `blake3::derive_key`.
mod block {
    const IV: [u32; 8] = [
        0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A, 0x510E527F, 0x9B05688C, 0x1F83D9AB,
        0x5BE0CD19,
    ];
    const SCHEDULE: [[usize; 16]; 7] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
        [2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8],
        [3, 4, 10, 12, 13, 2, 7, 14, 6, 5, 9, 0, 11, 15, 8, 1],
        [10, 7, 12, 9, 14, 3, 13, 15, 4, 0, 11, 2, 5, 8, 1, 6],
        [12, 13, 9, 11, 15, 10, 14, 8, 7, 2, 5, 3, 0, 1, 6, 4],
        [9, 14, 11, 5, 8, 12, 15, 1, 13, 3, 0, 10, 2, 6, 4, 7],
        [11, 15, 5, 0, 1, 9, 8, 6, 14, 10, 2, 12, 3, 4, 7, 13],
    ];

    /// Lanes hashed together (the loops vectorize).
    pub(crate) const LANES: usize = 8;

    #[inline(always)]
    #[allow(clippy::too_many_arguments)]
    fn g<const L: usize>(
        s: &mut [[u32; L]; 16],
        a: usize,
        b: usize,
        c: usize,
        d: usize,
        x: &[u32; L],
        y: &[u32; L],
    ) {
        for l in 0..L {
            s[a][l] = s[a][l].wrapping_add(s[b][l]).wrapping_add(x[l]);
            s[d][l] = (s[d][l] ^ s[a][l]).rotate_right(16);
            s[c][l] = s[c][l].wrapping_add(s[d][l]);
            s[b][l] = (s[b][l] ^ s[c][l]).rotate_right(12);
            s[a][l] = s[a][l].wrapping_add(s[b][l]).wrapping_add(y[l]);
            s[d][l] = (s[d][l] ^ s[a][l]).rotate_right(8);
            s[c][l] = s[c][l].wrapping_add(s[d][l]);
            s[b][l] = (s[b][l] ^ s[c][l]).rotate_right(7);
        }
    }

    /// One compression per lane: chaining values `cv[word][lane]`, message
    /// words `m[word][lane]`, block lengths `len[lane]`, counter 0, `flags`.
    /// Returns the first 8 output words (the next chaining value, or the
    /// root output's first 32 bytes).
    #[inline(always)]
    fn compress<const L: usize>(
        cv: &[[u32; L]; 8],
        m: &[[u32; L]; 16],
        len: &[u32; L],
        flags: u32,
    ) -> [[u32; L]; 8] {
        let mut s = [[0u32; L]; 16];
        s[..8].copy_from_slice(cv);
        for i in 0..4 {
            s[8 + i] = [IV[i]; L];
        }
        // counter 0 in s[12], s[13]
        s[14] = *len;
        s[15] = [flags; L];
        for r in &SCHEDULE {
            g(&mut s, 0, 4, 8, 12, &m[r[0]], &m[r[1]]);
            g(&mut s, 1, 5, 9, 13, &m[r[2]], &m[r[3]]);
            g(&mut s, 2, 6, 10, 14, &m[r[4]], &m[r[5]]);
            g(&mut s, 3, 7, 11, 15, &m[r[6]], &m[r[7]]);
            g(&mut s, 0, 5, 10, 15, &m[r[8]], &m[r[9]]);
            g(&mut s, 1, 6, 11, 12, &m[r[10]], &m[r[11]]);
            g(&mut s, 2, 7, 8, 13, &m[r[12]], &m[r[13]]);
            g(&mut s, 3, 4, 9, 14, &m[r[14]], &m[r[15]]);
        }
        let mut out = [[0u32; L]; 8];
        for i in 0..8 {
            for l in 0..L {
                out[i][l] = s[i][l] ^ s[i + 8][l];
            }
        }
        out
    }

    /// Root hashes (first 4 words) of `B` blocks per lane, one chunk each:
    /// every block but the last is full; `last_len[lane]` is the last's length.
    #[inline(always)]
    pub(crate) fn root_hash<const L: usize, const B: usize>(
        key: &[u32; 8],
        m: &[[[u32; L]; 16]; B],
        last_len: &[u32; L],
    ) -> [[u32; L]; 4] {
        const START: u32 = 1;
        const END: u32 = 2;
        const ROOT: u32 = 8;
        const MATERIAL: u32 = 64;
        let mut cv = [[0u32; L]; 8];
        for (w, k) in cv.iter_mut().zip(key) {
            *w = [*k; L];
        }
        for (b, block) in m.iter().enumerate() {
            let first = if b == 0 { START } else { 0 };
            if b + 1 < B {
                cv = compress(&cv, block, &[64; L], MATERIAL | first);
            } else {
                cv = compress(&cv, block, last_len, MATERIAL | first | END | ROOT);
            }
        }
        [cv[0], cv[1], cv[2], cv[3]]
    }

    /// [`root_hash`] of `LANES` lanes, with AVX2 when the CPU has it.
    pub(crate) fn root_hash_lanes<const B: usize>(
        key: &[u32; 8],
        m: &[[[u32; LANES]; 16]; B],
        last_len: &[u32; LANES],
    ) -> [[u32; LANES]; 4] {
        #[cfg(target_arch = "x86_64")]
        {
            if std::is_x86_feature_detected!("avx2") {
                // SAFETY: the CPU supports AVX2, checked just above.
                return unsafe { avx2::root_hash(key, m, last_len) };
            }
        }
        root_hash(key, m, last_len)
    }

    /// The same compression with AVX2 intrinsics: one 256-bit vector holds
    /// one state word of all 8 lanes.
    #[cfg(target_arch = "x86_64")]
    mod avx2 {
        use super::{IV, LANES, SCHEDULE};
        use std::arch::x86_64::*;

        #[inline(always)]
        unsafe fn rot16(x: __m256i) -> __m256i {
            // SAFETY: the caller runs on a CPU with AVX2 (`root_hash_lanes`
            // checks it); loads and stores are of whole in-bounds arrays.
            unsafe {
                let m = _mm256_setr_epi8(
                    2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13, 2, 3, 0, 1, 6, 7, 4, 5,
                    10, 11, 8, 9, 14, 15, 12, 13,
                );
                _mm256_shuffle_epi8(x, m)
            }
        }
        #[inline(always)]
        unsafe fn rot8(x: __m256i) -> __m256i {
            // SAFETY: the caller runs on a CPU with AVX2 (`root_hash_lanes`
            // checks it); loads and stores are of whole in-bounds arrays.
            unsafe {
                let m = _mm256_setr_epi8(
                    1, 2, 3, 0, 5, 6, 7, 4, 9, 10, 11, 8, 13, 14, 15, 12, 1, 2, 3, 0, 5, 6, 7, 4,
                    9, 10, 11, 8, 13, 14, 15, 12,
                );
                _mm256_shuffle_epi8(x, m)
            }
        }
        #[inline(always)]
        unsafe fn rot12(x: __m256i) -> __m256i {
            // SAFETY: the caller runs on a CPU with AVX2 (`root_hash_lanes`
            // checks it); loads and stores are of whole in-bounds arrays.
            unsafe { _mm256_or_si256(_mm256_srli_epi32(x, 12), _mm256_slli_epi32(x, 20)) }
        }
        #[inline(always)]
        unsafe fn rot7(x: __m256i) -> __m256i {
            // SAFETY: the caller runs on a CPU with AVX2 (`root_hash_lanes`
            // checks it); loads and stores are of whole in-bounds arrays.
            unsafe { _mm256_or_si256(_mm256_srli_epi32(x, 7), _mm256_slli_epi32(x, 25)) }
        }

        #[inline(always)]
        #[allow(clippy::too_many_arguments)]
        unsafe fn g(
            s: &mut [__m256i; 16],
            a: usize,
            b: usize,
            c: usize,
            d: usize,
            x: __m256i,
            y: __m256i,
        ) {
            // SAFETY: the caller runs on a CPU with AVX2 (`root_hash_lanes`
            // checks it); loads and stores are of whole in-bounds arrays.
            unsafe {
                s[a] = _mm256_add_epi32(_mm256_add_epi32(s[a], s[b]), x);
                s[d] = rot16(_mm256_xor_si256(s[d], s[a]));
                s[c] = _mm256_add_epi32(s[c], s[d]);
                s[b] = rot12(_mm256_xor_si256(s[b], s[c]));
                s[a] = _mm256_add_epi32(_mm256_add_epi32(s[a], s[b]), y);
                s[d] = rot8(_mm256_xor_si256(s[d], s[a]));
                s[c] = _mm256_add_epi32(s[c], s[d]);
                s[b] = rot7(_mm256_xor_si256(s[b], s[c]));
            }
        }

        #[inline(always)]
        unsafe fn compress(
            cv: &[__m256i; 8],
            m: &[[u32; LANES]; 16],
            len: __m256i,
            flags: u32,
        ) -> [__m256i; 8] {
            // SAFETY: the caller runs on a CPU with AVX2 (`root_hash_lanes`
            // checks it); loads and stores are of whole in-bounds arrays.
            unsafe {
                let mw: [__m256i; 16] =
                    std::array::from_fn(|w| _mm256_loadu_si256(m[w].as_ptr() as *const __m256i));
                let mut s = [_mm256_setzero_si256(); 16];
                s[..8].copy_from_slice(cv);
                for i in 0..4 {
                    s[8 + i] = _mm256_set1_epi32(IV[i] as i32);
                }
                s[14] = len;
                s[15] = _mm256_set1_epi32(flags as i32);
                for r in &SCHEDULE {
                    g(&mut s, 0, 4, 8, 12, mw[r[0]], mw[r[1]]);
                    g(&mut s, 1, 5, 9, 13, mw[r[2]], mw[r[3]]);
                    g(&mut s, 2, 6, 10, 14, mw[r[4]], mw[r[5]]);
                    g(&mut s, 3, 7, 11, 15, mw[r[6]], mw[r[7]]);
                    g(&mut s, 0, 5, 10, 15, mw[r[8]], mw[r[9]]);
                    g(&mut s, 1, 6, 11, 12, mw[r[10]], mw[r[11]]);
                    g(&mut s, 2, 7, 8, 13, mw[r[12]], mw[r[13]]);
                    g(&mut s, 3, 4, 9, 14, mw[r[14]], mw[r[15]]);
                }
                std::array::from_fn(|i| _mm256_xor_si256(s[i], s[i + 8]))
            }
        }

        /// See [`super::root_hash`].
        #[target_feature(enable = "avx2")]
        pub(crate) unsafe fn root_hash<const B: usize>(
            key: &[u32; 8],
            m: &[[[u32; LANES]; 16]; B],
            last_len: &[u32; LANES],
        ) -> [[u32; LANES]; 4] {
            // SAFETY: the caller runs on a CPU with AVX2 (`root_hash_lanes`
            // checks it); loads and stores are of whole in-bounds arrays.
            unsafe {
                const START: u32 = 1;
                const END: u32 = 2;
                const ROOT: u32 = 8;
                const MATERIAL: u32 = 64;
                let mut cv: [__m256i; 8] =
                    std::array::from_fn(|i| _mm256_set1_epi32(key[i] as i32));
                for (b, block) in m.iter().enumerate() {
                    let first = if b == 0 { START } else { 0 };
                    cv = if b + 1 < B {
                        compress(&cv, block, _mm256_set1_epi32(64), MATERIAL | first)
                    } else {
                        let len = _mm256_loadu_si256(last_len.as_ptr() as *const __m256i);
                        compress(&cv, block, len, MATERIAL | first | END | ROOT)
                    };
                }
                let mut out = [[0u32; LANES]; 4];
                for (o, v) in out.iter_mut().zip(&cv) {
                    _mm256_storeu_si256(o.as_mut_ptr() as *mut __m256i, *v);
                }
                out
            }
        }
    }

    /// The context key as words.
    pub(crate) fn key_words() -> &'static [u32; 8] {
        static WORDS: std::sync::OnceLock<[u32; 8]> = std::sync::OnceLock::new();
        WORDS.get_or_init(|| {
            let k = super::context_key();
            std::array::from_fn(|i| u32::from_le_bytes(k[4 * i..4 * i + 4].try_into().unwrap()))
        })
    }

    /// Writes `[kind] ++ bytes` (at most 64·B bytes) as lane `l` of `m`;
    /// returns the length of the last block.
    #[inline(always)]
    pub(crate) fn load<const L: usize, const B: usize>(
        m: &mut [[[u32; L]; 16]; B],
        l: usize,
        kind: u8,
        bytes: &[u8],
    ) -> u32 {
        let mut buf = [[0u8; 64]; B];
        let flat = buf.as_flattened_mut();
        flat[0] = kind;
        flat[1..1 + bytes.len()].copy_from_slice(bytes);
        for (block, words) in buf.iter().zip(m.iter_mut()) {
            for (w, word) in words.iter_mut().enumerate() {
                word[l] = u32::from_le_bytes(block[4 * w..4 * w + 4].try_into().unwrap());
            }
        }
        (bytes.len() + 1 - 64 * (B - 1)) as u32
    }
}

/// Longest encoding hashed as one block (`[kind]` plus 63 bytes).
const SHORT: usize = 63;
/// Longest encoding hashed as two blocks.
const MEDIUM: usize = 127;

/// Lanes of roots of `B` blocks waiting to be hashed together.
struct Lanes<const B: usize> {
    m: [[[u32; block::LANES]; 16]; B],
    len: [u32; block::LANES],
    slot: [usize; block::LANES],
    n: usize,
}

impl<const B: usize> Lanes<B> {
    fn new() -> Self {
        Lanes {
            m: [[[0; block::LANES]; 16]; B],
            len: [0; block::LANES],
            slot: [0; block::LANES],
            n: 0,
        }
    }

    fn push(&mut self, at: usize, kind: u8, bytes: &[u8], out: &mut [Fingerprint]) {
        self.len[self.n] = block::load(&mut self.m, self.n, kind, bytes);
        self.slot[self.n] = at;
        self.n += 1;
        if self.n == block::LANES {
            self.flush(out);
        }
    }

    fn flush(&mut self, out: &mut [Fingerprint]) {
        if self.n == 0 {
            return;
        }
        let words = block::root_hash_lanes(block::key_words(), &self.m, &self.len);
        for (l, &at) in self.slot[..self.n].iter().enumerate() {
            for (i, w) in words.iter().enumerate() {
                out[at][4 * i..4 * i + 4].copy_from_slice(&w[l].to_le_bytes());
            }
        }
        self.n = 0;
    }
}

/// Fingerprints of several roots (any number), equal to calling
/// [`fingerprint`] on each, but hashing roots of one or two blocks several
/// at a time (SIMD lanes).
pub fn fingerprint_many(roots: &[(u8, &[u8])], out: &mut Vec<Fingerprint>) {
    let base = out.len();
    out.resize(base + roots.len(), [0; 16]);
    let out = &mut out[base..];
    let mut one = Lanes::<1>::new();
    let mut two = Lanes::<2>::new();
    for (at, &(k, b)) in roots.iter().enumerate() {
        if b.len() <= SHORT {
            one.push(at, k, b, out);
        } else if b.len() <= MEDIUM {
            two.push(at, k, b, out);
        } else {
            out[at] = fingerprint(k, b);
        }
    }
    one.flush(out);
    two.flush(out);
}

/// The fingerprint of an encoded root.
pub fn fingerprint(kind: u8, bytes: &[u8]) -> Fingerprint {
    use blake3::hazmat::HasherExt;
    if bytes.len() <= SHORT {
        let mut m = [[[0u32; 1]; 16]; 1];
        let len = block::load(&mut m, 0, kind, bytes);
        let words = block::root_hash(block::key_words(), &m, &[len]);
        let mut fp = [0u8; 16];
        for (i, w) in words.iter().enumerate() {
            fp[4 * i..4 * i + 4].copy_from_slice(&w[0].to_le_bytes());
        }
        return fp;
    }
    let mut hasher = blake3::Hasher::new_from_context_key(context_key());
    hasher.update(&[kind]);
    hasher.update(bytes);
    let mut out = [0u8; 16];
    hasher.finalize_xof().fill(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::root::kind;

    #[test]
    fn fingerprint_is_the_specified_derive_key() {
        let mut input = vec![kind::SYM];
        input.extend_from_slice(b"score");
        let full = blake3::derive_key(FINGERPRINT_CONTEXT, &input);
        assert_eq!(fingerprint(kind::SYM, b"score")[..], full[..16]);
    }

    #[test]
    fn fast_fingerprints_equal_blake3_at_every_length() {
        let data: Vec<u8> = (0..300u32).map(|i| (i * 7 + 3) as u8).collect();
        let mut inputs = Vec::new();
        for len in 0..250 {
            inputs.push(((len % 7) as u8 + 1, &data[len % 50..len % 50 + len]));
        }
        let mut many = Vec::new();
        fingerprint_many(&inputs, &mut many);
        for (&(k, b), fast) in inputs.iter().zip(&many) {
            let mut input = vec![k];
            input.extend_from_slice(b);
            let full = blake3::derive_key(FINGERPRINT_CONTEXT, &input);
            assert_eq!(fast[..], full[..16], "len {}", b.len());
            assert_eq!(fingerprint(k, b)[..], full[..16], "len {}", b.len());
        }
    }
}
