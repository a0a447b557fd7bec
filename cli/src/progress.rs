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

impl Bar {
    /// A bar when stderr is a terminal and `--quiet` is off.
    pub fn new(global: &GlobalOpts) -> Bar {
        let bar = global.progress_bar().then(|| {
            let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(
                    "{prefix:>7} [{bar:30}] {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} {wide_msg}",
                )
                .expect("a valid template")
                .progress_chars("=> "),
            );
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
            bar.set_prefix(name.to_owned());
            bar.set_length(total_bytes);
            bar.set_position(0);
            bar.reset_eta();
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
