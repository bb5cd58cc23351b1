//! Parser tables: source → S-expression, source → error message + span,
//! chunk splitting, input completeness, lossless tokens.

use gradlab::syntax::{
    Chunk, TokenKind, needs_more_input, parse_chunk, parse_chunk_at, sexpr, split_statements,
    tokens,
};

#[track_caller]
fn ok(src: &str, want: &str) {
    match parse_chunk(src) {
        Ok(stmts) => assert_eq!(sexpr::stmts(&stmts), want, "source: {src:?}"),
        Err(e) => panic!("source {src:?}: unexpected error {e:?}"),
    }
}

/// `col` and `end` are the error span's byte offsets plus one (on a first
/// line these are Python's `offset`/`end_offset` columns).
#[track_caller]
fn bad(src: &str, message: &str, col: usize, end: usize) {
    match parse_chunk(src) {
        Ok(stmts) => panic!("source {src:?}: parsed as {}", sexpr::stmts(&stmts)),
        Err(e) => {
            assert_eq!(e.message, message, "source: {src:?}");
            assert_eq!(
                (e.span.start + 1, e.span.end + 1),
                (col, end),
                "span for {src:?}"
            );
        }
    }
}

#[test]
fn atoms() {
    ok("1", "1");
    ok("1_000", "1000");
    ok("0x1F", "31");
    ok("0b101", "5");
    ok("0o17", "15");
    ok(
        "123456789012345678901234567890",
        "(big 123456789012345678901234567890)",
    );
    ok("1e-3", "0.001");
    ok(".5", "0.5");
    ok("1.", "1.0");
    ok("1_000.5", "1000.5");
    ok("1E5", "100000.0");
    ok("True; False; None", "True; False; None");
    ok("'a'", "\"a\"");
    ok("\"it's\"", "\"it's\"");
    ok("'a\\tb'", "\"a\\tb\"");
    ok("r'\\d'", "\"\\\\d\"");
    ok("'''multi\nline'''", "\"multi\\nline\"");
    ok("'a' \"b\"  'c'", "\"abc\"");
    ok("f'{x}'", "(f {x})");
    ok("...", "...");
    ok("x", "x");
    ok("été", "été");
}

#[test]
fn containers() {
    ok("[]", "[]");
    ok("[1, 2.5, [3]]", "[1 2.5 [3]]");
    ok("[1, 2,]", "[1 2]");
    ok("()", "(tuple)");
    ok("(1)", "1");
    ok("(1,)", "(tuple 1)");
    ok("(1, 2)", "(tuple 1 2)");
    ok("1, 2", "(tuple 1 2)");
    ok("1,", "(tuple 1)");
    ok("[1,\n 2]", "[1 2]");
    ok("((1, 2), [3, (4,)])", "(tuple (tuple 1 2) [3 (tuple 4)])");
}

#[test]
fn precedence() {
    ok("1 + 2 * 3", "(+ 1 (* 2 3))");
    ok("(1 + 2) * 3", "(* (+ 1 2) 3)");
    ok("1 - 2 - 3", "(- (- 1 2) 3)");
    ok("a / b // c % d @ e", "(@ (% (// (/ a b) c) d) e)");
    ok("-2**2", "(- (** 2 2))");
    ok("2**-1", "(** 2 (- 1))");
    ok("2**3**2", "(** 2 (** 3 2))");
    ok("-x**-y", "(- (** x (- y)))");
    ok("--1", "(- (- 1))");
    ok("+x", "(+ x)");
    ok("~a & b", "(& (~ a) b)");
    ok("a | b ^ c & d", "(| a (^ b (& c d)))");
    ok("a + b < c * d", "(cmp (+ a b) < (* c d))");
    ok(
        "a < b <= c == d != e > f >= g",
        "(cmp a < b <= c == d != e > f >= g)",
    );
    ok("a | b == c", "(cmp (| a b) == c)");
    ok("not a == b", "(not (cmp a == b))");
    ok("not not a", "(not (not a))");
    ok("a and not b or c", "(or (and a (not b)) c)");
    ok("a or b or c", "(or (or a b) c)");
    ok("a or b and c", "(or a (and b c))");
    ok("x if c else y", "(if c x y)");
    ok("a if b else c if d else e", "(if b a (if d c e))");
    ok("a or b if c and d else e", "(if (and c d) (or a b) e)");
    ok("lambda x: x ** 2", "(lambda (x) (** x 2))");
    ok("lambda: 0", "(lambda () 0)");
    ok(
        "lambda x, h=0.1: x if h else -x",
        "(lambda (x h=0.1) (if h x (- x)))",
    );
    ok(
        "lambda x: lambda y: x + y",
        "(lambda (x) (lambda (y) (+ x y)))",
    );
}

#[test]
fn trailers() {
    ok("np.gradient", "(. np gradient)");
    ok("np.gradient(a)", "(call (. np gradient) a)");
    ok("f()", "(call f)");
    ok("f(a, b,)", "(call f a b)");
    ok(
        "np.gradient(f, 2.0, axis=0, edge_order=2)",
        "(call (. np gradient) f 2.0 axis=0 edge_order=2)",
    );
    ok("f(a == 1)", "(call f (cmp a == 1))");
    ok(
        "nd.Derivative(f, n=1)(x)",
        "(call (call (. nd Derivative) f n=1) x)",
    );
    ok("a.T.shape[0]", "(index (. (. a T) shape) 0)");
    ok("a[1:-1]", "(index a (slice 1 (- 1) _))");
    ok("a[::2]", "(index a (slice _ _ 2))");
    ok("a[:]", "(index a (slice _ _ _))");
    ok("a[::]", "(index a (slice _ _ _))");
    ok("a[1:]", "(index a (slice 1 _ _))");
    ok("a[:3]", "(index a (slice _ 3 _))");
    ok("a[1:2:3]", "(index a (slice 1 2 3))");
    ok("m[:, 0]", "(index m (slice _ _ _) 0)");
    ok("m[1, 2]", "(index m 1 2)");
    ok("a[...]", "(index a ...)");
    ok("a[..., 0]", "(index a ... 0)");
    ok("a[i][j]", "(index (index a i) j)");
    ok("-a[0]", "(- (index a 0))");
    ok(
        "a.reshape(2, 3).sum(axis=1)",
        "(call (. (call (. a reshape) 2 3) sum) axis=1)",
    );
    ok("f(\n  a,\n  b\n)", "(call f a b)");
}

#[test]
fn statements() {
    ok("x = 1", "(= x 1)");
    ok("a = b = 2", "(= a b 2)");
    ok(
        "dx, dy = np.gradient(m)",
        "(= (tuple dx dy) (call (. np gradient) m))",
    );
    ok("(a, b) = 1, 2", "(= (tuple a b) (tuple 1 2))");
    ok("[a, b] = c", "(= (tuple a b) c)");
    ok("a, = c", "(= (tuple a) c)");
    ok("(a, [b, c]) = d", "(= (tuple a (tuple b c)) d)");
    ok("a[0] = 5", "(= (index a 0) 5)");
    ok("m[:, 0] = 1", "(= (index m (slice _ _ _) 0) 1)");
    ok("x += 1", "(+= x 1)");
    ok("x -= 1; x *= 2; x /= 3", "(-= x 1); (*= x 2); (/= x 3)");
    ok("x //= 2; x %= 3; x **= 2", "(//= x 2); (%= x 3); (**= x 2)");
    ok("a[1] += 1", "(+= (index a 1) 1)");
    ok("f = lambda x: x**2", "(= f (lambda (x) (** x 2)))");
    ok("import numpy as np", "(import numpy as np)");
    ok("import numpy", "(import numpy)");
    ok("import numdifftools as nd", "(import numdifftools as nd)");
    ok(
        "import numpy.linalg as la, math",
        "(import numpy.linalg as la); (import math)",
    );
    ok(
        "from numpy import gradient, diff as d",
        "(from numpy gradient diff:d)",
    );
    ok(
        "from numpy import (gradient,\n diff,)",
        "(from numpy gradient diff)",
    );
    ok("def f(x): return x**2", "(def f (x) (** x 2))");
    ok(
        "def f(x, h=0.1):\n    return (f(x+h) - f(x)) / h",
        "(def f (x h=0.1) (/ (- (call f (+ x h)) (call f x)) h))",
    );
    ok("def f(x: float) -> float: return x", "(def f (x) x)");
    ok("def g(): return 1, 2", "(def g () (tuple 1 2))");
    ok("def g(): pass", "(def g () None)");
    ok("def f(x):\n\n    # comment\n    return x", "(def f (x) x)");
    ok("pass", "pass");
    ok("a = 1; b = 2", "(= a 1); (= b 2)");
    ok("a = 1;", "(= a 1)");
    ok("a = 1\nb = 2\n", "(= a 1); (= b 2)");
    ok("x = 1  # comment", "(= x 1)");
    ok("# only a comment", "");
    ok("", "");
    ok("x = 1 + \\\n    2", "(= x (+ 1 2))");
    ok("print(a, b)", "(call print a b)");
}

#[test]
fn bracket_errors() {
    // Python says "'(' was never closed" here (its lookahead reached EOF).
    bad("(1 2", "invalid syntax. Perhaps you forgot a comma?", 2, 5);
    bad("(1, 2", "'(' was never closed", 1, 2);
    bad("f(1", "'(' was never closed", 2, 3);
    bad("a = (1 + ", "'(' was never closed", 5, 6);
    bad("(((", "'(' was never closed", 3, 4);
    bad("x = [1,\n 2", "'[' was never closed", 5, 6);
    bad(
        "[1, 2)",
        "closing parenthesis ')' does not match opening parenthesis '['",
        6,
        7,
    );
    bad(
        "[1,\n2)",
        "closing parenthesis ')' does not match opening parenthesis '[' on line 1",
        6,
        7,
    );
    bad("1)", "unmatched ')'", 2, 3);
    bad(")))", "unmatched ')'", 1, 2);
    bad("a]", "unmatched ']'", 2, 3);
    bad(
        &format!("{}1{}", "(".repeat(201), ")".repeat(201)),
        "too many nested parentheses",
        201,
        202,
    );
    bad("x = 1 2 (", "invalid syntax", 7, 8);
    bad("x = (1 if 2", "'(' was never closed", 5, 6);
    bad("f(1, 2", "'(' was never closed", 2, 3);
    bad(
        "(a b] c",
        "closing parenthesis ']' does not match opening parenthesis '('",
        5,
        6,
    );
    bad("a b 1abc", "invalid decimal literal", 5, 9);
}

#[test]
fn literal_errors() {
    bad("1abc", "invalid decimal literal", 1, 5);
    bad("x = 1_", "invalid decimal literal", 5, 7);
    bad("1__0", "invalid decimal literal", 1, 5);
    bad("1e", "invalid decimal literal", 1, 3);
    bad("0x", "invalid hexadecimal literal", 1, 3);
    bad("0b102", "invalid digit '2' in binary literal", 1, 6);
    bad(
        "01",
        "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
        1,
        3,
    );
    bad(
        "'abc",
        "unterminated string literal (detected at line 1)",
        1,
        5,
    );
    bad(
        "x = 'abc\ny'",
        "unterminated string literal (detected at line 1)",
        5,
        9,
    );
    bad(
        "\"\"\"abc\n",
        "unterminated triple-quoted string literal (detected at line 2)",
        1,
        8,
    );
    bad(
        "'\\x4'",
        "(unicode error) 'unicodeescape' codec can't decode bytes: truncated \\xXX escape",
        1,
        6,
    );
    bad("a € b", "invalid character '€' (U+20AC)", 3, 6);
    bad("a\u{1}b", "invalid non-printable character U+0001", 2, 3);
    bad("a\0", "source code string cannot contain null bytes", 2, 3);
    bad(
        "x = \\ 1",
        "unexpected character after line continuation character",
        5,
        6,
    );
    bad("x = 1 + \\", "unexpected EOF while parsing", 9, 10);
}

#[test]
fn parse_errors() {
    bad("x = ", "invalid syntax", 5, 5);
    bad("= 5", "invalid syntax", 1, 2);
    bad("a $ b", "invalid syntax", 3, 4);
    bad("a + not b", "invalid syntax", 5, 8);
    bad("1 2", "invalid syntax", 3, 4);
    bad("a.1", "invalid syntax", 2, 4);
    bad("not", "invalid syntax", 4, 4);
    bad("1 +", "invalid syntax", 4, 4);
    bad("(,)", "invalid syntax", 2, 3);
    bad("a[]", "invalid syntax", 3, 4);
    bad("a[1:2:3:4]", "invalid syntax", 8, 9);
    bad("a = 1;;", "invalid syntax", 7, 8);
    bad(";", "invalid syntax", 1, 2);
    bad("import", "invalid syntax", 7, 7);
    bad("from numpy import", "invalid syntax", 18, 18);
    bad(
        "from numpy import a,",
        "trailing comma not allowed without surrounding parentheses",
        20,
        21,
    );
    bad(
        "f(1 2)",
        "invalid syntax. Perhaps you forgot a comma?",
        3,
        6,
    );
    bad("[a b]", "invalid syntax. Perhaps you forgot a comma?", 2, 5);
    bad(
        "x = (1\n 2)",
        "invalid syntax. Perhaps you forgot a comma?",
        6,
        10,
    );
    bad(
        "f(x=1, 2)",
        "positional argument follows keyword argument",
        8,
        9,
    );
    bad("f(x=1, x=2)", "keyword argument repeated: x", 8, 11);
    bad(
        "f(x+1=2)",
        "expression cannot contain assignment, perhaps you meant \"==\"?",
        3,
        7,
    );
    bad("x = 1 if 2", "expected 'else' after 'if' expression", 5, 11);
    bad("x = 1 if 2 else", "invalid syntax", 16, 16);
    bad("lambda: ", "invalid syntax", 9, 9);
    bad("lambda x 1", "expected ':'", 10, 11);
    bad(
        "print 1",
        "Missing parentheses in call to 'print'. Did you mean print(...)?",
        1,
        8,
    );
    ok("[x for x in y]", "(listcomp x (for x y))");
    ok("{1: 2}", "(dict (1 2))");
    ok("a in b", "(cmp a in b)");
    ok("a << 1", "(<< a 1)");
    ok("f(*a)", "(call f (* a))");
    ok("for x in y: pass", "(for x y (do pass))");
    // Python underlines the whole statement (checked in syntax_python.jsonl).
    bad("return 1", "'return' outside function", 1, 9);
}

#[test]
fn assignment_errors() {
    bad(
        "f() = 1",
        "cannot assign to function call here. Maybe you meant '==' instead of '='?",
        1,
        4,
    );
    bad(
        "f(1)(2) = 3",
        "cannot assign to function call here. Maybe you meant '==' instead of '='?",
        1,
        8,
    );
    bad(
        "1 = a",
        "cannot assign to literal here. Maybe you meant '==' instead of '='?",
        1,
        2,
    );
    bad(
        "a + 1 = 2",
        "cannot assign to expression here. Maybe you meant '==' instead of '='?",
        1,
        6,
    );
    bad("a, 1 = x", "cannot assign to literal", 4, 5);
    bad(
        "a if b else c = 1",
        "cannot assign to conditional expression",
        1,
        14,
    );
    bad("lambda x: x = 1", "cannot assign to lambda", 1, 12);
    bad("None = 1", "cannot assign to None", 1, 5);
    bad("a.b = 1", "assigning to attributes is not supported", 1, 4);
    bad(
        "a, b += 1",
        "'tuple' is an illegal expression for augmented assignment",
        1,
        5,
    );
    bad(
        "(a, b) += 1",
        "'tuple' is an illegal expression for augmented assignment",
        1,
        7,
    );
    bad(
        "f() += 1",
        "'function call' is an illegal expression for augmented assignment",
        1,
        4,
    );
}

#[test]
fn def_errors() {
    bad("def f(x) return x", "expected ':'", 10, 16);
    bad("def f: return 1", "expected '('", 6, 7);
    bad("def f(:", "invalid syntax", 7, 8);
    bad("def f(: pass", "invalid syntax", 7, 8);
    bad(
        "def f(x):\nreturn x",
        "expected an indented block after function definition on line 1",
        11,
        17,
    );
    bad(
        "def f(x):",
        "expected an indented block after function definition on line 1",
        10,
        10,
    );
    ok("def f(x): x", "(def f (x) x)");
    bad(
        "def f(x, x): return 1",
        "duplicate argument 'x' in function definition",
        10,
        11,
    );
    bad(
        "def f(x=1, y): return 1",
        "non-default argument follows default argument",
        12,
        13,
    );
    ok(
        "def f(x): return x; y = 1",
        "(def f (x) (return x) (= y 1))",
    );
    ok(
        "def f(x):\n    return x\n    return 2",
        "(def f (x) (return x) (return 2))",
    );
    bad("a = 1\n  b = 2", "unexpected indent", 9, 10);
    bad("  b = 2", "unexpected indent", 3, 4);
}

#[test]
fn line_numbers_follow_the_script() {
    let e = parse_chunk_at("'abc", 7).unwrap_err();
    assert_eq!(
        e.message,
        "unterminated string literal (detected at line 7)"
    );
    let e = parse_chunk_at("def f(x):\nreturn x", 3).unwrap_err();
    assert_eq!(
        e.message,
        "expected an indented block after function definition on line 3"
    );
}

#[test]
fn node_spans() {
    let src = "dx, dy = np.gradient(m[1:], axis=0)  # c";
    let stmts = parse_chunk(src).unwrap();
    assert_eq!(
        &src[stmts[0].span.clone()],
        "dx, dy = np.gradient(m[1:], axis=0)"
    );
    let gradlab::syntax::ast::StmtKind::Assign { targets, value } = &stmts[0].kind else {
        panic!("not an assignment")
    };
    let gradlab::syntax::ast::Target::Tuple(_, span) = &targets[0] else {
        panic!("not a tuple target")
    };
    assert_eq!(&src[span.clone()], "dx, dy");
    assert_eq!(&src[value.span.clone()], "np.gradient(m[1:], axis=0)");
    let gradlab::syntax::ast::ExprKind::Call { func, args, kwargs } = &value.kind else {
        panic!("not a call")
    };
    assert_eq!(&src[func.span.clone()], "np.gradient");
    assert_eq!(&src[args[0].span.clone()], "m[1:]");
    assert_eq!(&src[kwargs[0].name.as_ref().unwrap().span.clone()], "axis");
    assert_eq!(&src[kwargs[0].value.span.clone()], "0");
    let stmts = parse_chunk("a = 1; (b)").unwrap();
    assert_eq!(
        (stmts[0].span.clone(), stmts[1].span.clone()),
        (0..5, 7..10)
    );
}

fn chunks(src: &str) -> Vec<(&str, usize)> {
    split_statements(src)
        .into_iter()
        .map(|Chunk { range, line }| (&src[range], line))
        .collect()
}

#[test]
fn splitting() {
    assert_eq!(chunks("a = 1\nb = 2\n"), vec![("a = 1", 1), ("b = 2", 2)]);
    assert_eq!(
        chunks("\n\n# c\n## prose\na = [1,\n  2]\n#> [1, 2]\n"),
        vec![("a = [1,\n  2]", 5)]
    );
    assert_eq!(chunks("a = 1; b = 2  # c"), vec![("a = 1; b = 2  # c", 1)]);
    assert_eq!(
        chunks("def f(x):\n    return x\nf(1)"),
        vec![("def f(x):\n    return x", 1), ("f(1)", 3)]
    );
    assert_eq!(
        chunks("def f(x):\n\n    return x\n"),
        vec![("def f(x):\n\n    return x", 1)]
    );
    assert_eq!(
        chunks("def f(x): return x\ny = 1"),
        vec![("def f(x): return x", 1), ("y = 1", 2)]
    );
    assert_eq!(
        chunks("def f(x):\n    return x\n    return 2"),
        vec![("def f(x):\n    return x\n    return 2", 1)]
    );
    assert_eq!(
        chunks("x = 1 + \\\n  2\ny"),
        vec![("x = 1 + \\\n  2", 1), ("y", 3)]
    );
    assert_eq!(
        chunks("s = '''a\n(b\n'''\nt"),
        vec![("s = '''a\n(b\n'''", 1), ("t", 4)]
    );
    assert_eq!(chunks("s = '('\nt = 2"), vec![("s = '('", 1), ("t = 2", 2)]);
    assert_eq!(chunks("a = 1\n  b = 2"), vec![("a = 1", 1), ("  b = 2", 2)]);
    assert_eq!(
        chunks("a = 1\r\nb = (2,\r\n 3)\r\n"),
        vec![("a = 1", 1), ("b = (2,\r\n 3)", 2)]
    );
    assert_eq!(chunks("x = (1\ny = 2"), vec![("x = (1\ny = 2", 1)]);
    assert_eq!(chunks("x = 1)\ny = 2"), vec![("x = 1)", 1), ("y = 2", 2)]);
    assert_eq!(chunks(""), vec![]);
}

#[test]
fn every_split_chunk_of_a_script_parses() {
    let script = "import numpy as np\n## prose\nx = np.linspace(0, 1,\n    5)\ndef f(t):\n    return t**2\ny = f(x); dy = np.gradient(y, x)\n#> array([...])\n";
    for c in split_statements(script) {
        assert!(
            parse_chunk_at(&script[c.range.clone()], c.line).is_ok(),
            "{c:?}"
        );
    }
    assert_eq!(split_statements(script).len(), 4);
}

#[test]
fn completeness() {
    for (src, more) in [
        ("", false),
        ("x = 1", false),
        ("x = [1,", true),
        ("f(a, (b", true),
        ("f(a, (b))", false),
        ("x = 1)", false),
        ("x = (1))(", false),
        ("x = [1)", false),
        ("s = '''abc", true),
        ("s = '''abc'''", false),
        ("s = 'abc", false),
        ("s = '('", false),
        ("# (", false),
        ("x = 1 + \\", true),
        ("x = 1 + \\\n", true),
        ("x = 1 + \\\n  2", false),
        ("def f(x):", true),
        ("def f(x):  # comment", true),
        ("def f(x):\n", false),
        ("def f(x):\n    return x", true),
        ("def f(x):\n    return x\n", false),
        ("def f(x): return x", false),
        ("lambda x:", false),
    ] {
        assert_eq!(needs_more_input(src), more, "{src:?}");
    }
}

#[test]
fn tokens_cover_every_byte() {
    for src in [
        "dx, dy = np.gradient(m, axis=0)  # comment\n",
        "s = '''a\nb''' + r\"\\d\" $ € 1abc 0x 'open",
        "def f(x):\r\n\treturn -x**2 \\\n + 1",
        "\u{0}\u{1}😀 ..., ... ;;",
    ] {
        let toks = tokens(src);
        let mut pos = 0;
        for t in &toks {
            assert_eq!(t.span.start, pos, "gap in {src:?}");
            assert!(t.span.end > t.span.start);
            pos = t.span.end;
        }
        assert_eq!(pos, src.len());
    }
    let kinds: Vec<TokenKind> = tokens("def f(x): return 'a'  # c")
        .into_iter()
        .filter(|t| t.kind != TokenKind::Whitespace)
        .map(|t| t.kind)
        .collect();
    use TokenKind::*;
    assert_eq!(
        kinds,
        vec![
            Keyword,
            Name,
            OpenBracket,
            Name,
            CloseBracket,
            Op,
            Keyword,
            Str,
            Comment
        ]
    );
}
