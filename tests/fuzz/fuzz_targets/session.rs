//! libFuzzer target: any text as a gradlab script, through the parser, the
//! evaluator and every renderer (`harness::exercise`). Run from the
//! repository root (README, "Fuzzing"):
//! `cargo +nightly fuzz run session --fuzz-dir tests/fuzz -- -dict=tests/fuzz/session.dict`

#![no_main]

use std::time::Duration;

use libfuzzer_sys::fuzz_target;

#[path = "../harness.rs"]
mod harness;

/// The same accounting as the `gradlab` binary, so the memory cap covers
/// everything an input allocates.
#[global_allocator]
static ALLOC: gradlab::memory::Counting = gradlab::memory::Counting;

fuzz_target!(|data: &[u8]| {
    // Scripts are text; long inputs add time, not new paths.
    if let Ok(src) = std::str::from_utf8(data)
        && src.len() <= 4096
    {
        harness::exercise(src, Duration::from_millis(300));
    }
});
