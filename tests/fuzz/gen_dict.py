"""Writes the libFuzzer dictionary of gradlab's language: Python keywords
and operators, literals that reach edge cases, every builtin with its
keyword arguments, the module attributes, and the meta commands — read
from the builtins and meta tables so the dictionary follows the language.

Run from the repository root: python3 tests/fuzz/gen_dict.py > tests/fuzz/session.dict
(tests/fuzz_statements.rs checks that every builtin and meta command is in it.)
"""
import glob
import re

KEYWORDS = """False None True and as assert break continue def del elif else
except finally for from global if import in is lambda nonlocal not or pass
raise return try while with yield""".split()

OPERATORS = """+ - * / // % ** @ << >> & | ^ ~ < > <= >= == != = += -= *= /=
//= %= **= ( ) [ ] { } , : ; . ... -> : = *args **kwargs""".split()

LITERALS = [
    "0", "1", "-1", "2", "3", "10", "0.5", "1e-3", "1e308", "1e-320", "-0.0",
    "1_000", "0x1F", "0o17", "0b101", "1j", "2**63", "2**64", "-2**63",
    "2**63-1", "10**9", "10**18", "2**1000", "nan", "inf", "-inf",
    "'a'", '"b"', "''", "r'\\d'", "'\\n'", "'\\x41'", "'\\u00e9'", "'''x\ny'''",
    'f"{x}"', "f'{x:.3f}'", "f'{x!r:>8}'", "'%.2f' % x", "'{:.2e}'.format(x)",
    "[1, 2, 4, 7, 11, 16]", "[[1, 2], [3, 4]]", "(1,)", "()", "[]", "{}",
    "{'a': 1}", "{1, 2}", "[x for x in range(3)]", "lambda x: x**2",
    "\n", "\n    ", "\t", "# ", "## ", "#> ", ">>> ", "... ", "In [1]: ",
    "   ...: ", "\\\n", "\r\n",
]

EXTRA_NAMES = ["np", "numpy", "nd", "numdifftools", "math", "pd", "pandas", "plt",
               "matplotlib", "matplotlib.pyplot", "df", "a", "b", "f", "x",
               "y", "m", "dx", "dy", "_", "__", "_1", "Out", "Out[1]", "In"]


def entry(word):
    """A dictionary line: printable ASCII as is, `\\` and `\"` escaped,
    every other byte (UTF-8) as `\xAB`, as libFuzzer reads it."""
    out = []
    for b in word.encode("utf8"):
        c = chr(b)
        if c in '\\"':
            out.append("\\" + c)
        elif 0x20 <= b < 0x7F:
            out.append(c)
        else:
            out.append(f"\\x{b:02X}")
    return '"' + "".join(out) + '"'


def main():
    words = []
    # The builtins table is spread over src/eval/builtins.rs and its
    # submodules; a row is `"name", Home, function,` then the signature.
    paths = ["src/eval/builtins.rs"] + sorted(
        glob.glob("src/eval/builtins/**/*.rs", recursive=True))
    src = "\n".join(open(p).read() for p in paths)
    # A signature is a string literal or a constant holding one
    # (`twins::NORMAL`, shared by the np.random and Generator rows).
    consts = dict(re.findall(r'const (\w+): &str = "([^"]*)";', src))
    rows = re.findall(r'^\s*"([\w.]+)", \w+, [\w:]+,\s*(?:"([^"]*)"|(?:\w+::)*(\w+),)', src, re.M)
    for name, literal, const in rows:
        sig = literal or consts.get(const, "")
        words += [name, f"np.{name}(", f"{name}("]
        inner = sig[sig.find("(") + 1: sig.rfind(")")]
        for param in inner.split(","):
            p = param.strip().lstrip("*").split("=")[0].strip()
            if p and p != "/":
                words.append(f"{p}=")
    for name in re.findall(r'\("(\w+)", f64::', src):
        words.append(f"np.{name}")
    meta = "\n".join(open(p).read() for p in ["src/notebook/meta.rs"] + sorted(
        glob.glob("src/notebook/meta/**/*.rs", recursive=True)))
    for name in re.findall(r'Meta \{\s*name: "(\w+)"', meta):
        words += [f":{name} ", f"%{name} "]
    words += KEYWORDS + OPERATORS + LITERALS + EXTRA_NAMES
    seen = set()
    for w in words:
        if w not in seen:
            seen.add(w)
            print(entry(w))


main()
