//! Signals at the interactive prompt. SIGINT never ends the session: it
//! raises the interrupt flag that the evaluator and engine poll (Ctrl-C
//! typed at the prompt reaches the line editor as a key instead). SIGTERM,
//! SIGHUP and SIGQUIT end it as they would any program, but first give the
//! terminal back (cooked mode, echo, cursor, the normal screen if
//! `:explore` was on the alternate one); the history file needs no flush,
//! as every entry is synced when it is entered. The process then dies of
//! the same signal, so its exit status says which (143 for SIGTERM).

use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::engine::limits;
use crate::tui;

/// Installs the handlers (once per process; later calls add nothing).
pub fn install() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: the handler only stores to an atomic, which is
        // async-signal-safe.
        let _ = unsafe { signal_hook::low_level::register(SIGINT, limits::interrupt) };
        let Ok(mut signals) = Signals::new([SIGTERM, SIGHUP, SIGQUIT]) else {
            return;
        };
        let _ = std::thread::Builder::new()
            .name("gradlab-signals".into())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    tui::terminal::restore();
                    let _ = signal_hook::low_level::emulate_default_handler(signal);
                    // Not reached for these signals; in case it is:
                    std::process::exit(128 + signal);
                }
            });
    });
}
