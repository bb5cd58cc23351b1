//! Giving the terminal back: one panic hook, installed once at start-up,
//! that restores the modes the program may have changed (raw mode of the
//! line editor or the explorer, a hidden cursor, the alternate screen) on
//! every exit path, plus the terminal's size for laying out cells.

use std::io::Write;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::terminal::LeaveAlternateScreen;
use crossterm::{cursor, execute};

/// The terminal modes of standard input at start-up (cooked mode).
static COOKED: OnceLock<Option<libc::termios>> = OnceLock::new();
/// Whether the full-screen explorer is on the alternate screen now.
static ALTERNATE: AtomicBool = AtomicBool::new(false);

/// Remembers the terminal's modes and installs the restoring panic hook.
/// Calling it again does nothing.
pub fn install_restore_hook() {
    if COOKED.get().is_some() {
        return;
    }
    let _ = COOKED.set(current_modes());
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Tells the hook that the alternate screen was entered (`true`) or left.
pub fn set_alternate_screen(active: bool) {
    ALTERNATE.store(active, Ordering::SeqCst);
}

/// Raw mode off (the start-up modes back), cursor shown, alternate screen
/// left if the explorer was on it. Safe to call at any time.
pub fn restore() {
    let _ = crossterm::terminal::disable_raw_mode();
    if let Some(Some(modes)) = COOKED.get() {
        // SAFETY: tcsetattr on fd 0 with a termios that tcgetattr filled in.
        unsafe {
            libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, modes);
        }
    }
    let mut out = std::io::stdout();
    if ALTERNATE.swap(false, Ordering::SeqCst) {
        let _ = execute!(out, LeaveAlternateScreen);
    }
    let _ = execute!(out, cursor::Show);
    let _ = out.flush();
}

fn current_modes() -> Option<libc::termios> {
    // SAFETY: isatty/tcgetattr only read fd 0's state into a zeroed struct.
    unsafe {
        if libc::isatty(libc::STDIN_FILENO) != 1 {
            return None;
        }
        let mut t: libc::termios = std::mem::zeroed();
        (libc::tcgetattr(libc::STDIN_FILENO, &mut t) == 0).then_some(t)
    }
}

/// (columns, rows) of the terminal, from the kernel (no cursor query);
/// 80×24 when unknown.
pub fn size() -> (u16, u16) {
    match crossterm::terminal::size() {
        Ok((w, h)) if w > 0 && h > 0 => (w, h),
        _ => (80, 24),
    }
}
