//! The interactive notebook.

/// Runs the interactive notebook; returns the exit status.
pub fn run(_no_color: bool) -> i32 {
    eprintln!(
        "gradlab: the interactive notebook is not available yet; pipe statements in or use `gradlab run FILE`"
    );
    2
}
