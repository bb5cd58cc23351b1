//! The table of meta commands, with how a Jupyter export writes each.

use super::{Call, Complete, Meta, Run, commands, history, timeit};

fn same(c: &Call) -> Option<String> {
    let name = c.word.trim_start_matches([':', '%']);
    Some(format!("%{name} {}", c.rest).trim_end().to_string())
}

fn cell_same(c: &Call) -> Option<String> {
    let name = c.word.trim_start_matches([':', '%']);
    let sigil = if c.is_cell() { "%%" } else { "%" };
    let gap = if c.rest.starts_with('\n') { "" } else { " " };
    Some(
        format!("{sigil}{name}{gap}{}", c.rest)
            .trim_end()
            .to_string(),
    )
}

fn none(_: &Call) -> Option<String> {
    None
}

/// Every meta command, in `:help` order.
pub static METAS: &[Meta] = &[
    Meta {
        name: "help",
        aliases: &[],
        args: "[name]",
        help: "this list, or the signature, doc and an example of a function",
        run: Run::Session(commands::help),
        complete: Complete::Topics,
        ipython: none,
    },
    Meta {
        name: "vars",
        aliases: &["who", "whos"],
        args: "",
        help: "your variables: name, type, dtype, shape",
        run: Run::Session(commands::vars),
        complete: Complete::Nothing,
        ipython: |_| Some("%whos".into()),
    },
    Meta {
        name: "reset",
        aliases: &[],
        args: "",
        help: "forget every variable and output",
        run: Run::Session(commands::reset),
        complete: Complete::Nothing,
        ipython: |_| Some("%reset -f".into()),
    },
    Meta {
        name: "timeit",
        aliases: &[],
        args: "[-n N] [-r R] [-o] [-q] STMT",
        help: "time a statement as IPython does (7 runs of enough loops for 0.2 s)",
        run: Run::Session(timeit::timeit),
        complete: Complete::Code,
        ipython: cell_same,
    },
    Meta {
        name: "time",
        aliases: &[],
        args: "STMT",
        help: "run a statement once and show its CPU and wall time",
        run: Run::Session(timeit::time),
        complete: Complete::Code,
        ipython: cell_same,
    },
    Meta {
        name: "precision",
        aliases: &[],
        args: "[N]",
        help: "digits of floats and arrays in outputs (np.set_printoptions(precision=N)); no N resets",
        run: Run::Session(commands::precision),
        complete: Complete::Nothing,
        ipython: same,
    },
    Meta {
        name: "set",
        aliases: &[],
        args: "precision N",
        help: "print options: :set precision N is %precision N",
        run: Run::Session(commands::set),
        complete: Complete::Words(&["precision"]),
        ipython: |c| {
            let n = c.rest.strip_prefix("precision")?;
            Some(format!("%precision {}", n.trim()).trim_end().to_string())
        },
    },
    Meta {
        name: "history",
        aliases: &["hist"],
        args: "[-n] [-o] [-g PATTERN] [N | N-M ...]",
        help: "your inputs: -n numbers them, -o adds outputs, -g searches every session's",
        run: Run::Prompt(history::history),
        complete: Complete::Nothing,
        ipython: same,
    },
    Meta {
        name: "xmode",
        aliases: &[],
        args: "[Minimal|Plain|Context|Verbose]",
        help: "how errors are shown (no argument: the next mode)",
        run: Run::Prompt(commands::xmode),
        complete: Complete::Words(&["Minimal", "Plain", "Context", "Verbose"]),
        ipython: same,
    },
    Meta {
        name: "pwd",
        aliases: &[],
        args: "",
        help: "the current folder (where relative file names start)",
        run: Run::Session(commands::pwd),
        complete: Complete::Nothing,
        ipython: same,
    },
    Meta {
        name: "cd",
        aliases: &[],
        args: "DIR",
        help: "change the current folder",
        run: Run::Session(commands::cd),
        complete: Complete::Dirs,
        ipython: same,
    },
    Meta {
        name: "run",
        aliases: &[],
        args: "FILE",
        help: "replay a session script into this session (its paths start in its folder)",
        run: Run::Prompt(commands::run),
        complete: Complete::Files,
        ipython: none,
    },
    Meta {
        name: "load",
        aliases: &[],
        args: "FILE",
        help: "put a file's text at the next prompt, to edit and run",
        run: Run::Prompt(commands::load),
        complete: Complete::Files,
        ipython: none,
    },
    Meta {
        name: "save",
        aliases: &[],
        args: "FILE",
        help: "save this session as a checked script (.grad)",
        run: Run::Prompt(commands::save),
        complete: Complete::Files,
        ipython: none,
    },
    Meta {
        name: "export",
        aliases: &[],
        args: "FILE.py|.md|.ipynb",
        help: "export this session as a NumPy script, Markdown or a notebook",
        run: Run::Prompt(commands::export),
        complete: Complete::Files,
        ipython: none,
    },
    Meta {
        name: "explore",
        aliases: &[],
        args: "[name or expression]",
        help: "full-screen explorer of a 1-D or 2-D array",
        run: Run::Prompt(|h, c| h.explore(c)),
        complete: Complete::Variables,
        ipython: none,
    },
    Meta {
        name: "lsmagic",
        aliases: &[],
        args: "",
        help: "the meta commands, as IPython lists its magics",
        run: Run::Session(commands::lsmagic),
        complete: Complete::Nothing,
        ipython: same,
    },
    Meta {
        name: "quickref",
        aliases: &[],
        args: "",
        help: "a one-screen reference of gradlab",
        run: Run::Session(commands::quickref),
        complete: Complete::Nothing,
        ipython: none,
    },
    Meta {
        name: "quit",
        aliases: &["exit", "q"],
        args: "",
        help: "leave gradlab (Ctrl-D, exit and quit also work)",
        run: Run::Prompt(|h, _| {
            h.quit();
            Ok(vec![])
        }),
        complete: Complete::Nothing,
        ipython: none,
    },
];
