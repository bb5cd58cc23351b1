//! The table: names, spellings, errors, and what exports write.

use super::*;

#[test]
fn parses_every_spelling() {
    for (text, name, rest) in [
        (":timeit a + 1", "timeit", "a + 1"),
        ("%timeit  a + 1 ", "timeit", "a + 1"),
        ("%who", "vars", ""),
        ("%hist -n", "history", "-n"),
        ("%%timeit -n 3\nx + 1", "timeit", "-n 3\nx + 1"),
        ("  :q", "quit", ""),
    ] {
        let (m, c) = parse(text).unwrap();
        assert_eq!((m.name, c.rest), (name, rest), "{text}");
        assert_eq!(&c.text[c.at..c.at + c.rest.len()], c.rest, "{text}");
    }
}

#[test]
fn unknown_names_say_what_ipython_says() {
    for (text, message) in [
        (":timit x", "Line magic function `:timit` not found."),
        ("%foo", "Line magic function `%foo` not found."),
        ("%%who\nx", "Cell magic `%%who` not found."),
    ] {
        let e = parse(text).unwrap_err();
        assert_eq!(
            (e.kind, e.message.as_str()),
            (ErrorKind::UsageError, message)
        );
    }
    assert!(
        parse("!ls")
            .unwrap_err()
            .message
            .starts_with("shell commands")
    );
}

#[test]
fn every_name_is_unique() {
    let mut names: Vec<&str> = METAS
        .iter()
        .flat_map(|m| std::iter::once(m.name).chain(m.aliases.iter().copied()))
        .collect();
    let n = names.len();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), n);
}

#[test]
fn exports_write_ipythons_magic_or_nothing() {
    for (text, want) in [
        (":timeit np.gradient(a)", Some("%timeit np.gradient(a)")),
        ("%%timeit\nx + 1", Some("%%timeit\nx + 1")),
        (":vars", Some("%whos")),
        (":reset", Some("%reset -f")),
        (":set precision 3", Some("%precision 3")),
        ("%precision", Some("%precision")),
        (":explore a", None),
        (":save x.grad", None),
        (":help gradient", None),
    ] {
        let (m, c) = parse(text).unwrap();
        assert_eq!((m.ipython)(&c).as_deref(), want, "{text}");
    }
}

#[test]
fn scripts_refuse_prompt_only_commands() {
    let mut s = Session::new();
    let events = run(&mut s, ":explore a");
    assert!(
        matches!(&events[..], [Event::Error(e)] if e.message == ":explore works only at the interactive prompt"),
        "{events:?}"
    );
}
