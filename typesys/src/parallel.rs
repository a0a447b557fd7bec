//! Spreading per-package work over the machine's cores, and freeing what
//! the caller no longer needs off its critical path. The invalidation
//! analysis of a large set reads, resolves and frees hundreds of thousands
//! of texts; results are always gathered in package order, so threads
//! change the time taken, never the answer.

/// One thread's results (package, value), or its first error (package, error).
type ThreadPart<R, E> = Result<Vec<(usize, R)>, (usize, E)>;

/// Below this many code instances in all, threads cost more than they save.
pub(crate) const PARALLEL_CODES: usize = 20_000;

/// `f(p)` for every package `p < n`, in order, spreading packages over the
/// machine's cores (at most 8 threads) when there are `codes` code instances
/// enough to be worth it.
pub(crate) fn per_package<R: Send, E: Send>(
    n: usize,
    codes: usize,
    f: impl Fn(usize) -> Result<R, E> + Sync,
) -> Result<Vec<R>, E> {
    let threads = if codes < PARALLEL_CODES {
        1
    } else {
        std::thread::available_parallelism()
            .map_or(1, |t| t.get())
            .clamp(1, 8)
            .min(n.max(1))
    };
    if threads == 1 {
        return (0..n).map(f).collect();
    }
    // Interleaved, so one large package does not leave a thread idle. Each
    // thread stops at its first error; the error of the lowest package is
    // reported, as a sequential pass would.
    let parts: Vec<ThreadPart<R, E>> = std::thread::scope(|s| {
        let f = &f;
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                s.spawn(move || {
                    (t..n)
                        .step_by(threads)
                        .map(|p| f(p).map(|r| (p, r)).map_err(|e| (p, e)))
                        .collect::<Result<Vec<_>, _>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("per-package work does not panic"))
            .collect()
    });
    let mut out: Vec<Option<R>> = (0..n).map(|_| None).collect();
    let mut first_err: Option<(usize, E)> = None;
    for part in parts {
        match part {
            Ok(rs) => rs.into_iter().for_each(|(p, r)| out[p] = Some(r)),
            Err((p, e)) => {
                if first_err.as_ref().is_none_or(|(q, _)| p < *q) {
                    first_err = Some((p, e));
                }
            }
        }
    }
    if let Some((_, e)) = first_err {
        return Err(e);
    }
    Ok(out.into_iter().map(|r| r.expect("every package")).collect())
}

/// Frees `value` on a thread of its own when it holds `codes` code
/// instances enough to be worth it: a large set's universe and slice are
/// millions of small allocations, and freeing them took a tenth of the
/// analysis, which its caller waits for and which needs only the answer.
/// (If the thread cannot start, the value is freed here.)
pub(crate) fn free_in_background<T: Send + 'static>(value: T, codes: usize) {
    if codes < PARALLEL_CODES {
        return drop(value);
    }
    let _ = std::thread::Builder::new()
        .name("pcache-free".into())
        .spawn(move || drop(value));
}

/// Loads the built-in declarations (Julia's Core, Base and standard
/// libraries, read once per process) on a thread of their own when there
/// are `codes` code instances enough: slicing a large set does not need
/// them, so they are ready by the time resolution does, instead of being
/// read on its critical path. (Whoever needs them first waits for them.)
pub(crate) fn load_builtins_in_background(codes: usize) {
    if codes >= PARALLEL_CODES && !crate::builtin::is_loaded() {
        let _ = std::thread::Builder::new()
            .name("pcache-builtins".into())
            .spawn(crate::builtin::load_now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_package_keeps_order_and_reports_the_first_error() {
        for n in [0, 1, 2, 3, 17] {
            let out: Result<Vec<usize>, ()> = per_package(n, PARALLEL_CODES, |p| Ok(p * p));
            assert_eq!(out.unwrap(), (0..n).map(|p| p * p).collect::<Vec<_>>());
        }
        let out: Result<Vec<usize>, usize> =
            per_package(
                9,
                PARALLEL_CODES,
                |p| if p % 4 == 3 { Err(p) } else { Ok(p) },
            );
        assert_eq!(out, Err(3));
    }
}
