//! A spinner on standard error for long runs: the current stage and the time so far. It
//! appears only when standard error is a terminal and the run has lasted half a second, so
//! quick runs, pipes and tests see nothing. With `--verbose`, each stage is also printed as
//! a line with the time since the start; with `--quiet` there is no spinner.

use std::io::IsTerminal;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a run goes before the spinner shows.
const DELAY: Duration = Duration::from_millis(500);

/// The spinner of one run; cleared when dropped.
pub struct Progress {
    bar: Option<ProgressBar>,
    /// When the run started, for `--verbose`.
    started: Instant,
    /// Set once the run is over, so the delayed start does not draw after it.
    done: Arc<Mutex<bool>>,
}

impl Progress {
    /// Starts timing a run at its first stage.
    pub fn start(stage: impl Into<String>) -> Progress {
        let done = Arc::new(Mutex::new(false));
        let started = Instant::now();
        let ui = super::ui::get();
        if ui.quiet || ui.verbose || !std::io::stderr().is_terminal() {
            return Progress {
                bar: None,
                started,
                done,
            };
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
            bar.set_style(style);
        }
        bar.set_message(stage.into());
        let (later, flag) = (bar.clone(), Arc::clone(&done));
        std::thread::spawn(move || {
            std::thread::sleep(DELAY);
            if let Ok(done) = flag.lock() {
                if !*done {
                    later.set_draw_target(ProgressDrawTarget::stderr());
                    later.enable_steady_tick(Duration::from_millis(120));
                }
            }
        });
        Progress {
            bar: Some(bar),
            started,
            done,
        }
    }

    /// Names the stage the run is in now.
    pub fn stage(&self, stage: impl Into<String>) {
        let stage = stage.into();
        if super::ui::get().verbose {
            eprintln!(
                "argumap: [{:.3} s] {stage}",
                self.started.elapsed().as_secs_f64()
            );
        }
        if let Some(bar) = &self.bar {
            bar.set_message(stage);
        }
    }

    /// Removes the spinner when `condition` holds (there are messages to print).
    pub fn clear_if(&self, condition: bool) {
        if condition {
            self.clear();
        }
    }

    /// Removes the spinner (before printing messages, or at the end).
    pub fn clear(&self) {
        if let Ok(mut done) = self.done.lock() {
            *done = true;
        }
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.clear();
    }
}
