//! Pasted interpreter prompts: a cell copied from a docstring or a Python
//! session (`>>> ` / `... `) or from IPython (`In [3]: ` / `   ...: `) runs
//! with the prompts removed, as IPython's prompt strippers do. Lines
//! without a prompt in such a paste are the session's printed output (a
//! doctest's expected value, `Out[3]: ...`) and are dropped.

/// The cell without its prompts, or `None` when its first code line does
/// not start with a prompt.
///
/// ```
/// use gradlab::syntax::strip_prompts;
/// let cell = ">>> x = np.arange(3)\n>>> np.gradient(x)\narray([1., 1., 1.])\n";
/// assert_eq!(strip_prompts(cell).unwrap(), "x = np.arange(3)\nnp.gradient(x)\n");
/// ```
pub fn strip_prompts(src: &str) -> Option<String> {
    // Only how the first non-blank line starts matters: a pasted literal's
    // line is not searched for its end.
    let head = src.trim_start();
    if !head.starts_with(">>>") && !head.starts_with("In [") {
        return None;
    }
    let first = src.lines().find(|l| !l.trim().is_empty())?;
    let strip: fn(&str) -> Option<&str> = if classic(first.trim_start(), ">>>").is_some() {
        |l| classic(l.trim_start(), ">>>").or_else(|| classic(l.trim_start(), "..."))
    } else if ipython_in(first.trim_start()).is_some() {
        |l| ipython_in(l.trim_start()).or_else(|| ipython_more(l))
    } else {
        return None;
    };
    let mut out = String::with_capacity(src.len());
    for line in src.split_inclusive('\n') {
        let (body, eol) = match line.strip_suffix('\n') {
            Some(b) => (b.strip_suffix('\r').unwrap_or(b), "\n"),
            None => (line, ""),
        };
        if let Some(code) = strip(body) {
            out.push_str(code);
            out.push_str(eol);
        }
    }
    Some(out)
}

/// `>>> code` or a bare `>>>` (likewise `...`).
fn classic<'a>(line: &'a str, prompt: &str) -> Option<&'a str> {
    let rest = line.strip_prefix(prompt)?;
    if rest.is_empty() {
        return Some("");
    }
    rest.strip_prefix(' ')
}

/// `In [12]: code`.
fn ipython_in(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("In [")?;
    let close = rest.find("]: ")?;
    rest[..close]
        .bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| &rest[close + 3..])
        .filter(|_| close > 0)
}

/// `   ...: code` (three or more dots, an optional space).
fn ipython_more(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let dots = t.bytes().take_while(|&b| b == b'.').count();
    if dots < 3 {
        return None;
    }
    let rest = t[dots..].strip_prefix(':')?;
    Some(rest.strip_prefix(' ').unwrap_or(rest))
}
