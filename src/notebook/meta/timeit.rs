//! `%timeit` / `%%timeit` and `%time`, as IPython runs and prints them.
//!
//! `%timeit` evaluates the statement in a scope of its own: names it binds
//! (`%timeit x = 5`) are put back afterwards, as IPython's timing function
//! keeps them local. `%time` runs the statement once in the session, as a
//! normal cell, and shows its CPU and wall time before its value.

use std::rc::Rc;
use std::time::Instant;

use crate::engine::limits;
use crate::eval::{ErrorKind, EvalError, Event, NamedTuple, Session, Timing, Value};

use super::{Call, MetaResult};

/// `%timeit` options, IPython's letters.
#[derive(Debug, Default, PartialEq)]
struct Options {
    loops: Option<u64>,
    runs: Option<u32>,
    quiet: bool,
    result: bool,
}

/// Splits leading `-n N`, `-r R`, `-o`, `-q` (and IPython's ignored `-t`,
/// `-c`) from the statement; returns the options and where the statement
/// starts in `rest`.
fn options(rest: &str) -> Result<(Options, usize), EvalError> {
    let mut o = Options::default();
    let mut at = 0;
    loop {
        let tail = &rest[at..];
        let skip = tail.len() - tail.trim_start().len();
        let word_start = at + skip;
        let word = rest[word_start..].split_whitespace().next().unwrap_or("");
        if !word.starts_with('-') || word.len() < 2 || !word.as_bytes()[1].is_ascii_alphabetic() {
            return Ok((o, word_start));
        }
        at = word_start + word.len();
        for (i, flag) in word[1..].char_indices() {
            match flag {
                'o' => o.result = true,
                'q' => o.quiet = true,
                't' | 'c' => {}
                'n' | 'r' => {
                    // The value follows the letter (`-n3`) or is the next word.
                    let attached = &word[2 + i..];
                    let value = if attached.is_empty() {
                        let tail = &rest[at..];
                        let v = tail.split_whitespace().next().unwrap_or("");
                        at += tail.find(v).unwrap_or(0) + v.len();
                        v
                    } else {
                        attached
                    };
                    let n: u64 = value.parse().ok().filter(|&n| n > 0).ok_or_else(|| {
                        usage(format!(
                            "-{flag} needs a positive whole number, not {value:?}"
                        ))
                    })?;
                    if flag == 'n' {
                        o.loops = Some(n);
                    } else {
                        o.runs = Some(u32::try_from(n).map_err(|_| usage("-r is too large"))?);
                    }
                    break;
                }
                other => {
                    return Err(usage(format!(
                        "%timeit option -{other} is not supported (use -n, -r, -o, -q)"
                    )));
                }
            }
        }
    }
}

fn usage(msg: impl Into<String>) -> EvalError {
    EvalError::new(ErrorKind::UsageError, msg)
}

/// `%timeit [-n N] [-r R] [-o] [-q] STMT`, or `%%timeit [options] [SETUP]`
/// with the statement as the cell's following lines. Loops per run grow 1,
/// 10, 100, ... until a run takes at least 0.2 s (unless `-n`); then `-r`
/// (7) runs; times are per loop.
pub fn timeit(s: &mut Session, c: &Call) -> MetaResult {
    let (first, body) = match c.is_cell() {
        true => c.rest.split_once('\n').unwrap_or((c.rest, "")),
        false => (c.rest, ""),
    };
    let (opts, at) = options(first)?;
    let (setup, stmt) = if c.is_cell() {
        (first[at..].trim(), body)
    } else {
        ("", first[at..].trim())
    };
    if stmt.trim().is_empty() {
        return Err(usage(if c.is_cell() {
            "usage: %%timeit [options] [setup], then the statement on the lines below"
        } else {
            "usage: %timeit [-n N] [-r R] [-o] [-q] STATEMENT"
        }));
    }
    let stmt_from = if c.is_cell() {
        c.rest.len() - body.len()
    } else {
        at
    };
    // The warnings the runs emit, each shown once before the timing.
    let mut events = Vec::new();
    let measured = s.with_bindings_restored(|s| measure(s, setup, stmt, &opts, &mut events));
    let (timing, worst) = measured.map_err(|(e, in_setup)| {
        let from = if in_setup { at } else { stmt_from };
        c.locate(e, from, 0)
    })?;
    if !opts.quiet {
        if worst > 4.0 * timing.best_s && timing.best_s > 0.0 && worst > 1e-6 {
            events.push(Event::Stdout(format!(
                "The slowest run took {:.2} times longer than the fastest. This could mean that an intermediate result is being cached.\n",
                worst / timing.best_s
            )));
        }
        events.push(Event::Timing(timing.clone()));
    }
    if opts.result {
        events.push(Event::Value(result_value(&timing, worst)));
    }
    Ok(events)
}

/// The timing and the worst run per loop; an error says whether the setup
/// raised it.
fn measure(
    s: &mut Session,
    setup: &str,
    stmt: &str,
    opts: &Options,
    warned: &mut Vec<Event>,
) -> Result<(Timing, f64), (EvalError, bool)> {
    // Compiled once, as IPython compiles the statement once.
    let setup = Session::compile(setup).map_err(|e| (e, true))?;
    let stmt = Session::compile(stmt).map_err(|e| (e, false))?;
    let mut seen = Vec::new();
    let mut run = |s: &mut Session, loops: u64| -> Result<f64, (EvalError, bool)> {
        s.eval_compiled_warned(&setup, &mut seen, warned)
            .map_err(|e| (e, true))?;
        let t = Instant::now();
        for _ in 0..loops {
            limits::check_interrupt().map_err(|e| (EvalError::from(e), false))?;
            s.eval_compiled_warned(&stmt, &mut seen, warned)
                .map_err(|e| (e, false))?;
        }
        Ok(t.elapsed().as_secs_f64())
    };
    let loops = match opts.loops {
        Some(n) => n,
        None => {
            let mut loops = 1u64;
            while run(s, loops)? < 0.2 && loops < 1_000_000_000 {
                loops *= 10;
            }
            loops
        }
    };
    let runs = opts.runs.unwrap_or(7);
    let mut times = Vec::with_capacity(runs as usize);
    for _ in 0..runs {
        times.push(run(s, loops)? / loops as f64);
    }
    let mean = times.iter().sum::<f64>() / f64::from(runs);
    let var = times.iter().map(|t| (t - mean).powi(2)).sum::<f64>() / f64::from(runs);
    let best = times.iter().copied().fold(f64::INFINITY, f64::min);
    let worst = times.iter().copied().fold(0.0, f64::max);
    let timing = Timing {
        best_s: best,
        mean_s: mean,
        std_s: var.sqrt(),
        loops,
        runs,
    };
    Ok((timing, worst))
}

/// `%timeit -o`'s result, with IPython's `TimeitResult` attributes.
fn result_value(t: &Timing, worst: f64) -> Value {
    Value::Named(Rc::new(NamedTuple {
        name: "TimeitResult",
        fields: &["loops", "repeat", "best", "worst", "average", "stdev"],
        items: vec![
            Value::Int(i64::try_from(t.loops).unwrap_or(i64::MAX)),
            Value::Int(i64::from(t.runs)),
            Value::Float(t.best_s),
            Value::Float(worst),
            Value::Float(t.mean_s),
            Value::Float(t.std_s),
        ],
    }))
}

/// `%time STMT` (or `%%time` with the statement below): runs it once in
/// the session and shows `CPU times: ...` and `Wall time: ...` before its
/// value; an error shows instead of the times, as in IPython.
pub fn time(s: &mut Session, c: &Call) -> MetaResult {
    let (stmt, from) = if c.is_cell() {
        let (first, body) = c.rest.split_once('\n').unwrap_or((c.rest, ""));
        if !first.trim().is_empty() {
            return Err(usage("Can't use statement directly after '%%time'!"));
        }
        (body, c.rest.len() - body.len())
    } else {
        (c.rest, 0)
    };
    if stmt.trim().is_empty() {
        return Err(usage("usage: %time STATEMENT"));
    }
    // The statement is this cell's: its value is recorded as Out[n] of
    // the meta command's number, which was taken before it ran.
    s.count = s.count.saturating_sub(1).max(1);
    let (cpu0, wall) = (cpu_times(), Instant::now());
    let outcomes = s.run_chunk(stmt);
    let (cpu1, wall) = (cpu_times(), wall.elapsed().as_secs_f64());
    let mut events: Vec<Event> = outcomes.into_iter().flat_map(|o| o.events).collect();
    if let Some(i) = events.iter().position(|e| matches!(e, Event::Error(_))) {
        let Event::Error(e) = events.remove(i) else {
            unreachable!("found above")
        };
        return Err(c.locate(e, from, 0));
    }
    let (user, sys) = (cpu1.0 - cpu0.0, cpu1.1 - cpu0.1);
    let times = format!(
        "CPU times: user {}, sys: {}, total: {}\nWall time: {}\n",
        format_time(user),
        format_time(sys),
        format_time(user + sys),
        format_time(wall)
    );
    let at = events
        .iter()
        .position(|e| matches!(e, Event::Value(_)))
        .unwrap_or(events.len());
    events.insert(at, Event::Stdout(times));
    Ok(events)
}

/// (user, system) CPU seconds of this process.
fn cpu_times() -> (f64, f64) {
    // SAFETY: getrusage fills the zeroed struct it is given.
    let u = unsafe {
        let mut u: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut u);
        u
    };
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 * 1e-6;
    (secs(u.ru_utime), secs(u.ru_stime))
}

/// IPython's line: `1.23 ms ± 4.5 µs per loop (mean ± std. dev. of 7 runs,
/// 100,000 loops each)`.
pub fn timing_text(t: &Timing) -> String {
    format!(
        "{} ± {} per loop (mean ± std. dev. of {} run{}, {} loop{} each)",
        format_time(t.mean_s),
        format_time(t.std_s),
        t.runs,
        if t.runs == 1 { "" } else { "s" },
        thousands(t.loops),
        if t.loops == 1 { "" } else { "s" }
    )
}

/// `1,000,000`: Python's `{:,}`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// IPython's `_format_time`: three significant digits (`%.3g`) in s, ms,
/// µs or ns; a minute or more as `1min 5s`.
pub fn format_time(t: f64) -> String {
    if t >= 60.0 {
        let mut parts = Vec::new();
        let mut left = t;
        for (suffix, len) in [("d", 86400.0), ("h", 3600.0), ("min", 60.0), ("s", 1.0)] {
            let value = (left / len).trunc();
            if value > 0.0 {
                left %= len;
                parts.push(format!("{value}{suffix}"));
            }
            if left < 1.0 {
                break;
            }
        }
        return parts.join(" ");
    }
    let order = if t > 0.0 {
        (-(t.log10().floor() as i64).div_euclid(3)).min(3)
    } else {
        3
    };
    let (scale, unit) = [(1.0, "s"), (1e3, "ms"), (1e6, "µs"), (1e9, "ns")][order.max(0) as usize];
    format!("{} {unit}", g3(t * scale))
}

/// Python's `'%.3g' % x` for finite non-negative `x`.
fn g3(x: f64) -> String {
    const P: i32 = 3;
    if x == 0.0 {
        return "0".into();
    }
    let sci = format!("{:.*e}", (P - 1) as usize, x);
    let (mantissa, exp) = sci.split_once('e').expect("{:e} has an exponent");
    let exp: i32 = exp.parse().expect("exponent digits");
    let strip = |s: &str| {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s.to_string()
        }
    };
    if (-4..P).contains(&exp) {
        strip(&format!("{:.*}", (P - 1 - exp) as usize, x))
    } else {
        format!(
            "{}e{}{:02}",
            strip(mantissa),
            if exp < 0 { '-' } else { '+' },
            exp.abs()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_parse_like_ipython() {
        let o = |loops, runs, quiet, result| Options {
            loops,
            runs,
            quiet,
            result,
        };
        for (text, want, stmt) in [
            ("x + 1", o(None, None, false, false), "x + 1"),
            (
                "-n 3 -r 2 x + 1",
                o(Some(3), Some(2), false, false),
                "x + 1",
            ),
            ("-n3 -r2 -o -q x", o(Some(3), Some(2), true, true), "x"),
            ("-qo -n 10 f(-1)", o(Some(10), None, true, true), "f(-1)"),
            ("-1 + x", o(None, None, false, false), "-1 + x"),
        ] {
            let (got, at) = options(text).unwrap();
            assert_eq!((got, &text[at..]), (want, stmt), "{text}");
        }
        assert!(options("-n x 1").is_err());
        assert!(options("-n 0 1").is_err());
        assert!(options("-p 3 1").is_err());
        assert!(options("-x").is_err(), "IPython: option -x not recognized");
    }

    #[test]
    fn times_read_like_ipython() {
        // IPython's _format_time on the same numbers.
        for (t, want) in [
            (0.00123, "1.23 ms"),
            (4.5e-6, "4.5 µs"),
            (0.0, "0 ns"),
            (9.997e-7, "1e+03 ns"),
            (1.0, "1 s"),
            (12.345, "12.3 s"),
            (65.5, "1min 5s"),
            (3725.0, "1h 2min 5s"),
            (3.92e-7, "392 ns"),
        ] {
            assert_eq!(format_time(t), want, "{t}");
        }
        let t = Timing {
            best_s: 0.001,
            mean_s: 0.00123,
            std_s: 4.5e-6,
            loops: 100_000,
            runs: 1,
        };
        assert_eq!(
            timing_text(&t),
            "1.23 ms ± 4.5 µs per loop (mean ± std. dev. of 1 run, 100,000 loops each)"
        );
        assert_eq!(thousands(1), "1");
        assert_eq!(thousands(1_000_000_000), "1,000,000,000");
    }
}
