//! Draws the library's progress hooks as an indicatif bar on stderr, and
//! prints phase timings with `-v`.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use pcache_format::progress::Progress;

use crate::global::GlobalOpts;

/// A progress bar (or nothing) plus phase timings.
pub struct Bar {
    bar: Option<ProgressBar>,
    verbose: bool,
    phase: Mutex<Option<(String, Instant)>>,
    started: Instant,
}

/// A bar appears only when an operation takes longer than this, so that
/// quick commands never flash one (as cargo does).
const DELAY: Duration = Duration::from_millis(300);

fn style(known_total: bool) -> ProgressStyle {
    let template = if known_total {
        "{prefix:>7} [{bar:30}] {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} {wide_msg}"
    } else {
        // No total known: no bar that would read full or empty, only what is done.
        "{prefix:>7} {spinner} {binary_bytes} {elapsed} {wide_msg}"
    };
    ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ")
}

impl Bar {
    /// A bar when stderr is a terminal and `--quiet` is off. It is drawn
    /// only once the operation has run for a moment, and shows a bar only
    /// while the phase's total is known.
    pub fn new(global: &GlobalOpts) -> Bar {
        let bar = global.progress_bar().then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
            bar.set_style(style(false));
            let shown = bar.clone();
            std::thread::spawn(move || {
                std::thread::sleep(DELAY);
                if !shown.is_finished() {
                    shown.set_draw_target(ProgressDrawTarget::stderr());
                    shown.enable_steady_tick(Duration::from_millis(100));
                }
            });
            bar
        });
        Bar {
            bar,
            verbose: global.verbose && !global.quiet,
            phase: Mutex::new(None),
            started: Instant::now(),
        }
    }

    fn end_phase(&self) {
        let ended = self.phase.lock().expect("not poisoned").take();
        if let (true, Some((name, at))) = (self.verbose, ended) {
            self.say(&format!("{name:>7}: {}", ms(at.elapsed())));
        }
    }

    fn say(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.println(line),
            None => eprintln!("{line}"),
        }
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

impl Progress for Bar {
    fn phase(&self, name: &str, total_bytes: u64) {
        self.end_phase();
        *self.phase.lock().expect("not poisoned") = Some((name.to_owned(), Instant::now()));
        if let Some(bar) = &self.bar {
            // In an order where no frame between two calls claims a total
            // of zero or shows the old phase's numbers under the new name.
            bar.set_position(0);
            if total_bytes > 0 {
                bar.set_length(total_bytes);
                bar.set_style(style(true));
            } else {
                bar.set_style(style(false));
                bar.unset_length();
            }
            bar.reset_eta();
            bar.set_prefix(name.to_owned());
        }
    }

    fn item(&self, item: &str) {
        if let Some(bar) = &self.bar {
            bar.set_message(item.to_owned());
        }
    }

    fn advance(&self, bytes: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
        }
    }

    fn finish(&self) {
        self.end_phase();
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        if self.verbose {
            eprintln!("{:>7}: {}", "total", ms(self.started.elapsed()));
        }
    }
}
