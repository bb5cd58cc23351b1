//! Meta commands (`:help`, `:timeit`, ...; IPython's `%` spellings too), in
//! one table that feeds execution, `:help` and completion.

use crate::eval::ErrorKind;
use std::time::Instant;

use crate::engine::limits;
use crate::eval::{EvalError, Event, Session, Timing, builtins};

/// Where a meta command can run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// In scripts and the notebook.
    Anywhere,
    /// Only at the interactive prompt (the REPL handles it).
    Interactive,
}

/// One meta command.
#[derive(Debug)]
pub struct Meta {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub args: &'static str,
    pub help: &'static str,
    pub scope: Scope,
}

/// Every meta command, in `:help` order.
pub static METAS: &[Meta] = &[
    Meta {
        name: "help",
        aliases: &[],
        args: "[name]",
        help: "this list, or the signature, doc and an example of a function",
        scope: Scope::Anywhere,
    },
    Meta {
        name: "vars",
        aliases: &["who", "whos"],
        args: "",
        help: "your variables: name, type, dtype, shape",
        scope: Scope::Anywhere,
    },
    Meta {
        name: "reset",
        aliases: &[],
        args: "",
        help: "forget every variable and output",
        scope: Scope::Anywhere,
    },
    Meta {
        name: "timeit",
        aliases: &[],
        args: "STMT",
        help: "time a statement like IPython's %timeit (7 runs, >= 0.2 s each)",
        scope: Scope::Anywhere,
    },
    Meta {
        name: "set",
        aliases: &[],
        args: "precision N",
        help: "print options (precision of array floats, default 8)",
        scope: Scope::Anywhere,
    },
    Meta {
        name: "run",
        aliases: &[],
        args: "FILE",
        help: "replay a session script into this session",
        scope: Scope::Interactive,
    },
    Meta {
        name: "history",
        aliases: &[],
        args: "[n]",
        help: "this session's inputs and outputs, as :save would write them",
        scope: Scope::Interactive,
    },
    Meta {
        name: "save",
        aliases: &[],
        args: "FILE",
        help: "save this session as a checked script (.grad)",
        scope: Scope::Interactive,
    },
    Meta {
        name: "export",
        aliases: &[],
        args: "FILE.py|.md|.ipynb",
        help: "export this session as a NumPy script, Markdown or a notebook",
        scope: Scope::Interactive,
    },
    Meta {
        name: "explore",
        aliases: &[],
        args: "[name or expression]",
        help: "full-screen explorer of a 1-D or 2-D array",
        scope: Scope::Interactive,
    },
    Meta {
        name: "quit",
        aliases: &["exit", "q"],
        args: "",
        help: "leave gradlab (Ctrl-D also works)",
        scope: Scope::Interactive,
    },
];

/// Splits `:name rest` / `%name rest` into the table entry and the rest.
pub fn parse(text: &str) -> Result<(&'static Meta, &str), EvalError> {
    let t = text.trim_start().trim_start_matches([':', '%']);
    let (word, rest) = t.split_once(char::is_whitespace).unwrap_or((t, ""));
    METAS
        .iter()
        .find(|m| m.name == word || m.aliases.contains(&word))
        .map(|m| (m, rest.trim()))
        .ok_or_else(|| {
            let names = METAS.iter().map(|m| m.name.to_string());
            let hint = crate::eval::closest_name(word, names)
                .map(|b| format!(" Did you mean: ':{b}'?"))
                .unwrap_or_default();
            EvalError::new(
                ErrorKind::UsageError,
                format!("unknown meta command ':{word}'.{hint} Try :help"),
            )
        })
}

/// Runs a meta command that works anywhere; interactive-only ones are an error here.
pub fn run(s: &mut Session, text: &str) -> Vec<Event> {
    match run_inner(s, text) {
        Ok(events) => events,
        Err(e) => vec![Event::Error(e)],
    }
}

fn run_inner(s: &mut Session, text: &str) -> Result<Vec<Event>, EvalError> {
    let (meta, rest) = parse(text)?;
    match meta.name {
        "help" => Ok(vec![Event::Stdout(help_text(rest))]),
        "vars" => Ok(vec![Event::Stdout(vars_text(s))]),
        "reset" => {
            s.reset();
            Ok(vec![])
        }
        "timeit" => timeit(s, rest).map(|t| vec![Event::Timing(t)]),
        "set" => set(s, rest).map(|()| vec![]),
        _ => Err(EvalError::new(
            ErrorKind::UsageError,
            format!(":{} works only at the interactive prompt", meta.name),
        )),
    }
}

fn set(s: &mut Session, rest: &str) -> Result<(), EvalError> {
    let mut words = rest.split_whitespace();
    match (words.next(), words.next().map(str::parse::<usize>)) {
        (Some("precision"), Some(Ok(n))) if n <= 17 => {
            s.opts.precision = n;
            Ok(())
        }
        _ => Err(EvalError::new(
            ErrorKind::UsageError,
            "usage: :set precision N (0 to 17)",
        )),
    }
}

/// `:help [name]`.
pub fn help_text(name: &str) -> String {
    if name.is_empty() {
        let mut out = String::from("gradlab meta commands (IPython's %name works too):\n");
        for m in METAS {
            let head = format!(":{} {}", m.name, m.args);
            out.push_str(&format!("  {head:<26} {}\n", m.help));
        }
        out.push_str("\nType :help NAME for a function, e.g. :help gradient. Functions:\n");
        let names: Vec<&str> = builtins::all()
            .filter(|b| b.name != "Out")
            .map(|b| b.name)
            .collect();
        for line in names.chunks(10) {
            out.push_str(&format!("  {}\n", line.join(" ")));
        }
        return out;
    }
    let bare = name
        .trim_start_matches("np.")
        .trim_start_matches("numpy.")
        .trim_start_matches("nd.");
    if let Some(b) = builtins::lookup(bare) {
        return format!("{}\n    {}\n  Example: {}\n", b.sig, b.doc, b.example);
    }
    if let Ok((m, _)) = parse(name) {
        return format!(":{} {}\n    {}\n", m.name, m.args, m.help);
    }
    format!("No help for '{name}'. Try :help for the list.\n")
}

fn vars_text(s: &Session) -> String {
    let vars = s.variables();
    if vars.is_empty() {
        return "No variables yet.\n".into();
    }
    let rows: Vec<[String; 4]> = vars
        .iter()
        .map(|(name, v)| {
            let (dtype, shape) = match v {
                crate::eval::Value::Array(a) => (
                    a.dtype().name().to_string(),
                    crate::eval::convert::shape_str(a.shape()),
                ),
                crate::eval::Value::Scalar(sc) => (sc.dtype().name().to_string(), "()".to_string()),
                _ => (String::new(), String::new()),
            };
            [name.to_string(), v.type_name(), dtype, shape]
        })
        .collect();
    let head = ["name", "type", "dtype", "shape"];
    let widths: Vec<usize> = (0..4)
        .map(|k| {
            rows.iter()
                .map(|r| r[k].len())
                .max()
                .unwrap_or(0)
                .max(head[k].len())
        })
        .collect();
    let fmt = |r: [&str; 4]| {
        let cells: Vec<String> = (0..4)
            .map(|k| format!("{:<w$}", r[k], w = widths[k]))
            .collect();
        format!("{}\n", cells.join("  ").trim_end())
    };
    let mut out = fmt(head);
    for r in &rows {
        out.push_str(&fmt([&r[0], &r[1], &r[2], &r[3]]));
    }
    out
}

/// IPython's `%timeit`: loops per run grow 1, 10, 100, ... until a run takes
/// at least 0.2 s; then 7 runs; best and mean are per loop.
pub fn timeit(s: &mut Session, stmt: &str) -> Result<Timing, EvalError> {
    if stmt.trim().is_empty() {
        return Err(EvalError::new(
            ErrorKind::UsageError,
            "usage: :timeit STATEMENT",
        ));
    }
    let run = |s: &mut Session, loops: u64| -> Result<f64, EvalError> {
        let t = Instant::now();
        for _ in 0..loops {
            limits::check_interrupt().map_err(EvalError::from)?;
            s.eval_source(stmt)?;
        }
        Ok(t.elapsed().as_secs_f64())
    };
    let mut loops = 1u64;
    loop {
        let t = run(s, loops)?;
        if t >= 0.2 || loops >= 1_000_000_000 {
            break;
        }
        loops *= 10;
    }
    let runs = 7u32;
    let mut times = Vec::with_capacity(runs as usize);
    for _ in 0..runs {
        times.push(run(s, loops)? / loops as f64);
    }
    let mean = times.iter().sum::<f64>() / runs as f64;
    let var = times.iter().map(|t| (t - mean).powi(2)).sum::<f64>() / runs as f64;
    Ok(Timing {
        best_s: times.iter().copied().fold(f64::INFINITY, f64::min),
        mean_s: mean,
        std_s: var.sqrt(),
        loops,
        runs,
    })
}

/// IPython's line: `1.23 ms ± 4.5 µs per loop (mean ± std. dev. of 7 runs, 100 loops each)`.
pub fn timing_text(t: &Timing) -> String {
    format!(
        "{} ± {} per loop (mean ± std. dev. of {} runs, {} loop{} each)",
        human_time(t.mean_s),
        human_time(t.std_s),
        t.runs,
        t.loops,
        if t.loops == 1 { "" } else { "s" }
    )
}

fn human_time(s: f64) -> String {
    let (v, unit) = if s >= 1.0 {
        (s, "s")
    } else if s >= 1e-3 {
        (s * 1e3, "ms")
    } else if s >= 1e-6 {
        (s * 1e6, "µs")
    } else {
        (s * 1e9, "ns")
    };
    // Three significant digits, as IPython prints.
    let digits = if v >= 100.0 {
        0
    } else if v >= 10.0 {
        1
    } else {
        2
    };
    format!("{v:.digits$} {unit}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_spellings() {
        assert_eq!(parse(":timeit a + 1").unwrap().0.name, "timeit");
        assert_eq!(parse("%timeit a + 1").unwrap().1, "a + 1");
        assert_eq!(parse("%who").unwrap().0.name, "vars");
        assert!(
            parse(":timit x")
                .unwrap_err()
                .message
                .contains("Did you mean: ':timeit'?")
        );
    }

    #[test]
    fn timing_reads_like_ipython() {
        let t = Timing {
            best_s: 0.001,
            mean_s: 0.00123,
            std_s: 4.5e-6,
            loops: 100,
            runs: 7,
        };
        assert_eq!(
            timing_text(&t),
            "1.23 ms ± 4.50 µs per loop (mean ± std. dev. of 7 runs, 100 loops each)"
        );
    }
}
