"""A small safe parser for LaTeX / plain math, and equivalence by numeric evaluation.

The parser builds a tuple tree (never ``eval``/``sympify``). Equivalence of two trees is tested
by evaluating both at random points with complex floats: linear in the tree size, every
operation bounded (an overflow is an unusable point, factorials only up to 170). Equations
compare ``lhs - rhs`` up to a constant factor; inequalities up to a positive one.
"""

from __future__ import annotations

import cmath
import math
import random
import re
from collections.abc import Iterable, Iterator

from general_reasoner.verify.deadline import MAX_FACTORIAL, MAX_NODES, Deadline, TooComplex

Node = tuple

FUNCS = {
    "sin": cmath.sin, "cos": cmath.cos, "tan": cmath.tan, "sec": lambda z: 1 / cmath.cos(z),
    "csc": lambda z: 1 / cmath.sin(z), "cot": lambda z: 1 / cmath.tan(z), "arcsin": cmath.asin,
    "arccos": cmath.acos, "arctan": cmath.atan, "sinh": cmath.sinh, "cosh": cmath.cosh, "tanh": cmath.tanh,
    "ln": cmath.log, "log": cmath.log, "exp": cmath.exp, "sqrt": cmath.sqrt, "abs": abs,
    "asin": cmath.asin, "acos": cmath.acos, "atan": cmath.atan, "lg": cmath.log10,
    "arccot": lambda z: cmath.atan(1 / z), "arcsec": lambda z: cmath.acos(1 / z), "arccsc": lambda z: cmath.asin(1 / z),
    "cis": lambda z: cmath.exp(1j * z),
    "arcsinh": cmath.asinh, "arccosh": cmath.acosh, "arctanh": cmath.atanh, "arsinh": cmath.asinh,
    "arcosh": cmath.acosh, "artanh": cmath.atanh, "asinh": cmath.asinh, "acosh": cmath.acosh, "atanh": cmath.atanh,
    "sgn": lambda z: complex((z.real > 0) - (z.real < 0)) if z.imag == 0 else z / abs(z),
    "sign": lambda z: complex((z.real > 0) - (z.real < 0)) if z.imag == 0 else z / abs(z),
    "floor": lambda z: complex(math.floor(z.real)) if abs(z.imag) < 1e-12 else _no_value("floor of a complex value"),
    "ceil": lambda z: complex(math.ceil(z.real)) if abs(z.imag) < 1e-12 else _no_value("ceiling of a complex value"),
    "erf": lambda z: complex(math.erf(z.real)) if abs(z.imag) < 1e-12 else _no_value("erf of a complex value"),
    "erfc": lambda z: complex(math.erfc(z.real)) if abs(z.imag) < 1e-12 else _no_value("erfc of a complex value"),
}
_INVERSE = {"sin": "arcsin", "cos": "arccos", "tan": "arctan", "cot": "arccot", "sec": "arcsec", "csc": "arccsc",
            "sinh": "arcsinh", "cosh": "arccosh", "tanh": "arctanh"}
_TRIG = {"sin", "cos", "tan", "sec", "csc", "cot", "cis"}  # read 60° in degrees
_RELATIONS = ("<", "<=", ">", ">=", "=", "!=")
GREEK = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu",
         "nu", "xi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega", "Gamma", "Delta", "Theta",
         "Lambda", "Xi", "Sigma", "Phi", "Psi", "Omega", "ell", "hbar"}
CONSTS = {"pi": math.pi, "e": math.e}
_ARG_COMMANDS = GREEK | {"pi"}  # commands that continue a function's bare argument
_MATHY_RE = re.compile(r"[=+\-*/^(){}\\\d]")
_WORDS = {"and", "the", "for", "not", "are", "was", "with", "from", "that", "this", "then", "than", "over", "into",
          "unit", "units", "per", "mod", "rad", "deg", "one", "two", "six", "ten", "all", "any", "has", "its", "yes",
          "true", "none", "half", "only", "each", "both", "some", "also", "when", "thus", "hence", "gives", "equal",
          "year", "days", "mole", "mass", "time", "rate", "cost", "area", "volt", "watt", "ohms", "inch", "feet"}
_TOKEN_RE = re.compile(
    r"\s*(?:(?P<num>\d+\.\d*|\.\d+|\d+)|(?P<cmd>\\[A-Za-z]+|\\[{}|])|(?P<id>[A-Za-z]+)"
    r"|(?P<op><=|>=|!=|\\\\|[-+*/^_(){}\[\]|!=<>,°%≈'&;:]))")


class ParseError(Exception):
    """The text is not an expression this parser understands."""


def tokenize(s: str, deadline: Deadline | None = None) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    pos, n = 0, len(s)
    while pos < n:
        m = _TOKEN_RE.match(s, pos)
        if not m or m.end() == pos:
            if s[pos:].strip() == "":
                break
            raise ParseError(f"unexpected character {s[pos]!r}")
        pos = m.end()
        kind = m.lastgroup
        tokens.append((kind, m.group(kind)))  # type: ignore[arg-type]
        if deadline and len(tokens) % 256 == 0:
            deadline.check()
        if len(tokens) > MAX_NODES:
            raise TooComplex("expression too long")
    return tokens


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]], deadline: Deadline | None, mathy: bool = False):
        self.t, self.i, self.deadline, self.nodes, self.abs_depth = tokens, 0, deadline, 0, 0
        self.mathy = mathy  # the text has operators or digits: letter runs may be products

    def peek(self, k: int = 0) -> tuple[str, str] | None:
        j = self.i + k
        return self.t[j] if j < len(self.t) else None

    def take(self) -> tuple[str, str]:
        tok = self.peek()
        if tok is None:
            raise ParseError("unexpected end")
        self.i += 1
        return tok

    def expect(self, value: str) -> None:
        tok = self.take()
        if tok[1] != value:
            raise ParseError(f"expected {value!r}, got {tok[1]!r}")

    def node(self, *parts) -> Node:  # type: ignore[no-untyped-def]
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise TooComplex("expression too large")
        if self.deadline and self.nodes % 128 == 0:
            self.deadline.check()
        return tuple(parts)

    # expr := term (+|-|\pm term)*
    def expr(self) -> Node:
        left = self.term()
        while (tok := self.peek()) and tok[1] in ("+", "-", "\\pm", "\\mp"):
            self.i += 1
            right = self.term()
            if tok[1] == "+":
                left = self.node("+", left, right)
            elif tok[1] == "-":
                left = self.node("+", left, self.node("neg", right))
            else:
                left = self.node("pm", left, right if tok[1] == "\\pm" else self.node("neg", right))
        return left

    def _starts_primary(self, tok: tuple[str, str] | None) -> bool:
        if tok is None:
            return False
        kind, v = tok
        if kind in ("num", "id"):
            return True
        if kind == "cmd":
            return v not in ("\\pm", "\\mp", "\\cup", "\\cap", "\\in", "\\}", "\\|", "\\rfloor", "\\rceil") and \
                not v.startswith("\\end")
        if v == "|":
            return self.abs_depth == 0
        return v in ("(", "{", "\\{", "[")  # [N2][H2]^3: concentrations multiply

    def term(self) -> Node:
        left = self.unary()
        while True:
            tok = self.peek()
            if tok and tok[1] in ("*", "/"):
                self.i += 1
                right = self.unary()
                left = self.node("*", left, right) if tok[1] == "*" else self.node("/", left, right)
            elif self._starts_primary(tok):
                left = self.node("*", left, self.power())
            else:
                return left

    def unary(self) -> Node:
        tok = self.peek()
        if tok and tok[1] in ("-", "+"):
            self.i += 1
            inner = self.unary()
            return self.node("neg", inner) if tok[1] == "-" else inner
        if tok and tok[1] in ("\\pm",):
            self.i += 1
            return self.node("pm", ("n", 0j, False), self.unary())
        return self.power()

    def power(self) -> Node:
        base = self.postfix()
        tok = self.peek()
        if tok and tok[1] == "^":
            self.i += 1
            exp = self.exponent()
            base = self.node("^", base, exp)
            base = self.postfix_ops(base)
        return base

    def exponent(self) -> Node:
        tok = self.peek()
        if tok and tok[1] in ("-", "+"):
            self.i += 1
            inner = self.exponent()
            return self.node("neg", inner) if tok[1] == "-" else inner
        if tok and tok[0] == "num" and tok[1].isdigit() and len(tok[1]) > 1:
            self.i += 1  # x^23 in LaTeX means x^2 3; keep common plain reading x^23
            return ("n", complex(int(tok[1])), False)
        return self.power()

    def postfix(self) -> Node:
        return self.postfix_ops(self.primary())

    def postfix_ops(self, node: Node) -> Node:
        while (tok := self.peek()) and tok[1] in ("!", "°", "%", "'"):
            self.i += 1
            if tok[1] == "'":
                raise ParseError("prime/derivative notation")
            node = self.node({"!": "!", "°": "deg", "%": "pct"}[tok[1]], node)
        return node

    def group(self) -> Node:
        tok = self.take()
        if tok[1] == "{":
            inner = self.expr()
            self.expect("}")
            return inner
        if tok[0] == "num":
            if len(tok[1]) > 1 and tok[1].isdigit():  # \frac12 -> first digit only
                self.t.insert(self.i, ("num", tok[1][1:]))
                return ("n", complex(int(tok[1][0])), False)
            return _num(tok[1])
        if tok[0] == "id":
            if len(tok[1]) > 1:
                self.t.insert(self.i, ("id", tok[1][1:]))
            return self.ident(tok[1][0])
        self.i -= 1
        return self.primary()

    def ident(self, name: str) -> Node:
        if name in CONSTS:
            return self.node("c", name)
        return self.subscripted(name)

    def subscripted(self, name: str) -> Node:
        tok = self.peek()
        if tok and tok[1] == "_":
            self.i += 1
            sub = self.take()
            if sub[1] == "{":
                depth, parts = 1, []
                while depth:
                    t = self.take()
                    depth += {"{": 1, "}": -1}.get(t[1], 0)
                    if depth:
                        parts.append(t[1])
                name = f"{name}_{''.join(parts)}"
            else:
                name = f"{name}_{sub[1]}"
        return self.node("s", name)

    def primary(self) -> Node:
        kind, v = self.take()
        if kind == "num":
            return _num(v)
        if kind == "id":
            return self.word(v)
        if kind == "cmd":
            return self.command(v[1:])
        if v in ("(", "[", "{"):
            inner = self.expr()
            self.expect({"(": ")", "[": "]", "{": "}"}[v])
            return inner
        if v == "|":
            self.abs_depth += 1
            inner = self.expr()
            self.abs_depth -= 1
            self.expect("|")
            return self.node("f", "abs", inner)
        raise ParseError(f"unexpected {v!r}")

    def word(self, w: str) -> Node:
        if w in ("P", "C") and (tok := self.peek()) and tok[1] == "(" and self._two_arguments():
            self.i += 1  # P(8, 3) = 8!/5!, C(8, 3) = 8!/(3! 5!)
            n = self.expr()
            self.expect(",")
            k = self.expr()
            self.expect(")")
            choose = self.node("binom", n, k)
            return choose if w == "C" else self.node("*", choose, self.node("!", k))
        if w in FUNCS or w in _INVERSE:
            return self.function(w)
        if w in CONSTS:
            return self.node("c", w)
        if w in ("infty", "inf", "infinity", "oo"):
            return self.node("inf")
        if w in GREEK:
            return self.subscripted(w)
        if len(w) > 2 and (len(w) > 4 or w.lower() in _WORDS or not self.mathy or not w[0].islower()):
            raise ParseError(f"word {w!r}")  # words stay words; sRC, mgh inside a formula are products
        if len(w) >= 2:  # xy, sRC: a product of one-letter symbols
            self.t.insert(self.i, ("id", w[1:]))
        return self.ident(w[0])

    def function(self, name: str) -> Node:
        tok = self.peek()
        power = None
        if tok and tok[1] == "^":
            self.i += 1
            power = self.exponent()
            if power == ("neg", ("n", 1 + 0j, False)) and name in _INVERSE:
                name, power = _INVERSE[name], None
        base = None
        if name == "log" and (tok := self.peek()) and tok[1] == "_":
            self.i += 1
            base = self.group()
        tok = self.peek()
        if tok and tok[1] in ("(", "{", "["):
            arg = self.primary()
        else:
            arg = self.power()
            while (tok := self.peek()) and (tok[0] in ("num", "id") or tok[0] == "cmd" and tok[1][1:] in _ARG_COMMANDS) \
                    and not (tok[0] == "id" and tok[1] in FUNCS):
                arg = self.node("*", arg, self.power())  # \cos 2\theta, \sin 3x, \tan 2\pi
        node = self.node("f", name, arg)
        if base is not None:
            node = self.node("/", self.node("f", "ln", arg), self.node("f", "ln", base))
        if power is not None:
            node = self.node("^", node, power)
        return node

    def _two_arguments(self) -> bool:
        """Is the bracket at the cursor ``(a, b)`` with exactly one top-level comma?"""
        depth, commas = 0, 0
        for _, v in self.t[self.i:]:
            if v in ("(", "[", "{"):
                depth += 1
            elif v in (")", "]", "}"):
                depth -= 1
                if depth == 0:
                    return commas == 1
            elif v == "," and depth == 1:
                commas += 1
        return False

    def extremum(self, name: str) -> Node:
        """``\\max(x, 0)``: two or more arguments, compared by value (real only)."""
        self.expect("(")
        args = [self.expr()]
        while (tok := self.peek()) and tok[1] == ",":
            self.i += 1
            args.append(self.expr())
        self.expect(")")
        if len(args) < 2:
            raise ParseError(f"\\{name} needs two arguments")
        return self.node(name, *args)

    def _env(self) -> str:
        self.expect("{")
        name = ""
        while (tok := self.take())[1] != "}":
            name += tok[1]
        return name

    def cases(self) -> Node:
        """``\\begin{cases} x & x \\ge 0 \\\\ -x & x < 0 \\end{cases}`` -> ("cases", v1, c1, v2, c2, ...)."""
        if self._env() != "cases":
            raise ParseError("only the cases environment is an expression")
        parts: list[Node] = []
        while True:
            parts.append(self.expr())
            self.expect("&")
            parts.append(self.condition())
            tok = self.take()
            if tok[1] == "\\\\" and (nxt := self.peek()) and nxt[1] != "\\end":
                continue
            if tok[1] == "\\\\":
                tok = self.take()
            if tok[1] != "\\end" or self._env() != "cases":
                raise ParseError("unclosed cases")
            return self.node("cases", *parts)

    def condition(self) -> Node:
        """``x \\ge 0``, ``0 < x < 1``, ``if x < 0``, ``otherwise`` -> ("cond", ops, e1, e2, ...)."""
        while (tok := self.peek()) and tok[0] == "id" and tok[1] in ("if", "for", "when", "where"):
            self.i += 1
        tok = self.peek()
        if tok and tok[0] == "id" and tok[1] in ("otherwise", "else", "elsewhere"):
            self.i += 1
            return ("cond", "")
        exprs, ops = [self.expr()], []
        while (tok := self.peek()) and tok[1] in _RELATIONS:
            self.i += 1
            ops.append(tok[1])
            exprs.append(self.expr())
        if not ops:
            raise ParseError("a case without a condition")
        return self.node("cond", " ".join(ops), *exprs)

    def command(self, c: str) -> Node:
        if c == "frac":
            num = self.group()
            den = self.group()
            return self.node("/", num, den)
        if c == "sqrt":
            tok = self.peek()
            if tok and tok[1] == "[":
                self.i += 1
                idx = self.expr()
                self.expect("]")
                return self.node("^", self.group(), self.node("/", ("n", 1 + 0j, False), idx))
            return self.node("f", "sqrt", self.group())
        if c == "binom":
            n, k = self.group(), self.group()
            return self.node("binom", n, k)
        if c in ("max", "min"):
            return self.extremum(c)
        if c == "begin":
            return self.cases()
        if c in FUNCS or c in _INVERSE or c in ("arcsin", "arccos", "arctan"):
            return self.function(c)
        if c in CONSTS:
            return self.node("c", c)
        if c == "infty":
            return self.node("inf")
        if c in GREEK:
            return self.subscripted(c)
        if c == "{":
            inner = self.expr()
            self.expect("\\}")
            return inner
        if c == "|":
            inner = self.expr()
            self.expect("\\|")
            return self.node("f", "abs", inner)
        if c in ("lfloor", "lceil"):  # \lfloor n/2 \rfloor: sampled at non-integer points, never dropped
            inner = self.expr()
            self.expect("\\rfloor" if c == "lfloor" else "\\rceil")
            return self.node("f", "floor" if c == "lfloor" else "ceil", inner)
        raise ParseError(f"command \\{c}")


def _num(text: str) -> Node:
    """A number leaf; its third slot is the count of significant digits of a decimal (0 for a whole number)."""
    if len(text) > 300:
        raise TooComplex("number too long")
    if "." not in text:
        return ("n", complex(float(text)), 0)
    digits = text.replace(".", "").lstrip("0") or "0"
    return ("n", complex(float(text)), max(len(digits), 1))


_PARSED: dict[str, Node | Exception] = {}
_PARSED_MAX = 8192


def parse_expr(text: str, deadline: Deadline | None = None) -> Node:
    """Parse a whole string as one expression (raises ParseError / TooComplex).

    Memoised for short texts (one comparison parses the same side for angles, constants and the
    expression check; trees are immutable tuples); a deadline running out is never memoised."""
    found = _PARSED.get(text)
    if found is not None:
        if isinstance(found, Exception):
            raise found
        return found
    try:
        tree = _parse_expr(text, deadline)
    except (ParseError, TooComplex) as err:
        if len(text) <= 600:
            _remember(text, err)
        raise
    if len(text) <= 600:
        _remember(text, tree)
    return tree


def _remember(text: str, value: Node | Exception) -> None:
    if len(_PARSED) >= _PARSED_MAX:
        _PARSED.clear()
    _PARSED[text] = value


def _parse_expr(text: str, deadline: Deadline | None) -> Node:
    tokens = tokenize(text, deadline)
    if not tokens:
        raise ParseError("empty")
    p = _Parser(tokens, deadline, mathy=bool(_MATHY_RE.search(text)))
    tree = p.expr()
    if p.i != len(p.t):
        raise ParseError(f"unexpected {p.t[p.i][1]!r}")
    return tree


# --------------------------------------------------------------------------- evaluation

def symbols(node: Node, out: set[str] | None = None) -> set[str]:
    out = set() if out is None else out
    stack = [node]
    while stack:
        n = stack.pop()
        if n[0] == "s":
            out.add(n[1])
        elif n[0] not in ("n", "c", "inf"):
            stack.extend(x for x in n[1:] if isinstance(x, tuple))
    return out


def has_decimal(node: Node) -> bool:
    return decimal_digits(node) is not None


def decimal_digits(node: Node) -> int | None:
    """The fewest significant digits of a decimal written in the tree (``0.6931/T``: 4), or None."""
    fewest = None
    stack = [node]
    while stack:
        n = stack.pop()
        if n[0] == "n":
            if n[2] and (fewest is None or n[2] < fewest):
                fewest = n[2]
        elif n[0] not in ("s", "c", "inf"):
            stack.extend(x for x in n[1:] if isinstance(x, tuple))
    return fewest


_EXACT_DIGITS = 4000  # whole-number results past this many digits are left to floats


def exact_integer(node: Node) -> int | None:
    """The value of a tree of whole numbers under +, -, *, whole powers, ! and binomials, computed exactly
    (``2^{61} - 1``, ``9^{20}``, ``25!``); None for anything else or a result too large. Floats cannot tell
    2^64 from 2^64 - 1."""
    op = node[0]
    if op == "n":
        v = node[1]
        return int(v.real) if v.imag == 0 and node[2] == 0 and v.real.is_integer() and abs(v.real) < 2**53 else None
    if op == "neg":
        x = exact_integer(node[1])
        return None if x is None else -x
    if op in ("+", "*", "^", "binom"):
        a, b = exact_integer(node[1]), exact_integer(node[2])
        if a is None or b is None:
            return None
        if op == "+":
            return a + b
        if op == "*":
            return a * b
        if op == "^":
            if b < 0 or (abs(a) > 1 and b * math.log10(abs(a)) > _EXACT_DIGITS):
                return None
            return a ** b
        return math.comb(a, b) if 0 <= b <= a <= MAX_FACTORIAL else None
    if op == "!":
        x = exact_integer(node[1])
        return math.factorial(x) if x is not None and 0 <= x <= min(MAX_FACTORIAL, 1500) else None
    return None


def has_abs(node: Node, functions: tuple[str, ...] = ("abs", "sgn", "floor", "ceil")) -> bool:
    """Does the tree hold an absolute value, a sign, a floor or ceiling, a piecewise or a max/min (where
    positive-only points cannot tell ``|x|`` from ``x``)?"""
    stack = [node]
    while stack:
        n = stack.pop()
        if (n[0] == "f" and n[1] in functions) or n[0] in ("cases", "max", "min"):
            return True
        if n[0] not in ("n", "s", "c", "inf"):
            stack.extend(x for x in n[1:] if isinstance(x, tuple))
    return False


_STEP_POINTS = (0.0, 1.0, 2.0, 3.0, -1.0, -2.0, 0.5, 1.5, -0.5, 2.75, 0.25, 1.75)  # where floors jump


def _agree_at_steps(a: Node, b: Node, names: list[str], rel: float, deadline: Deadline | None) -> bool:
    """A floor or ceiling: the two trees agree at whole and half-way points too (``\\lceil x \\rceil`` and
    ``\\lfloor x \\rfloor + 1`` differ only at integers)."""
    envs = ({n: complex(_STEP_POINTS[(i + 5 * k) % len(_STEP_POINTS)]) for k, n in enumerate(names)}
            for i in range(len(_STEP_POINTS)))
    return _agreement(a, b, envs, rel, deadline)[1]


def expand_pm(node: Node, limit: int = 8) -> list[Node]:
    """``a \\pm b`` -> [a + b, a - b] (at most ``limit`` variants)."""
    if node[0] in ("n", "s", "c", "inf"):
        return [node]
    if node[0] == "pm":
        out = []
        for a in expand_pm(node[1], limit):
            for b in expand_pm(node[2], limit):
                out += [("+", a, b), ("+", a, ("neg", b))]
        return out[:limit]
    if node[0] == "f":
        return [("f", node[1], a) for a in expand_pm(node[2], limit)]
    kids = [expand_pm(k, limit) if isinstance(k, tuple) else [k] for k in node[1:]]
    variants: list[tuple] = [()]
    for options in kids:
        variants = [v + (o,) for v in variants for o in options][:limit]
    return [(node[0], *v) for v in variants]


class _Unusable(Exception):
    pass


def _no_value(reason: str) -> complex:
    raise _Unusable(reason)


def _real(z: complex) -> float:
    if abs(z.imag) > 1e-9 * max(1.0, abs(z.real)):
        raise _Unusable("an order comparison of complex values")
    return z.real


def _compare(a: float, op: str, b: float) -> bool:
    return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b, "=": a == b, "!=": a != b}[op]


def evaluate(node: Node, env: dict[str, complex], deadline: Deadline | None = None) -> complex:
    counter = [0]

    def ev(n: Node) -> complex:
        counter[0] += 1
        if deadline and counter[0] % 256 == 0:
            deadline.check()
        op = n[0]
        if op == "n":
            return n[1]
        if op == "s":
            return env[n[1]]
        if op == "c":
            return complex(CONSTS[n[1]])
        if op == "inf":
            return complex(math.inf)
        if op == "+":
            return ev(n[1]) + ev(n[2])
        if op == "*":
            return ev(n[1]) * ev(n[2])
        if op == "neg":
            v = -ev(n[1])
            return complex(v.real + 0.0, v.imag + 0.0)  # no -0.0: sqrt(-1) is i, not -i
        if op == "/":
            d = ev(n[2])
            if d == 0:
                raise _Unusable("division by zero")
            return ev(n[1]) / d
        if op == "^":
            b, e = ev(n[1]), ev(n[2])
            if abs(e) > 1e4 and abs(b) > 1.0001:
                raise _Unusable("overflow")
            if b == 0:
                if e.real > 0:
                    return 0j
                raise _Unusable("0^x")
            if e.imag == 0 and e.real == int(e.real) and b.imag == 0 and abs(e.real) < 64:
                return complex(b.real ** int(e.real))
            if b.imag == 0 and b.real > 0:
                return complex(b.real ** e.real) if e.imag == 0 else cmath.exp(e * math.log(b.real))
            if b.imag == 0 and b.real < 0 and e.imag == 0:
                # real odd root of a negative number: (-8)^(1/3) = -2
                inv = 1 / e.real if e.real else 0
                if inv and abs(inv - round(inv)) < 1e-9 and round(inv) % 2 == 1:
                    return complex(-((-b.real) ** e.real))
            return cmath.exp(e * cmath.log(b))
        if op == "f":
            if n[2][0] == "deg" and n[1] in _TRIG:
                return FUNCS[n[1]](ev(n[2][1]) * (math.pi / 180))  # sin 60° in degrees
            x = ev(n[2])
            return FUNCS[n[1]](x)
        if op == "!":
            x = ev(n[1])
            if x.imag != 0 or x.real < 0 or x.real > MAX_FACTORIAL:
                raise TooComplex("factorial too large") if x.real > MAX_FACTORIAL else _Unusable("factorial")
            return complex(math.gamma(x.real + 1))
        if op == "binom":
            a, b = ev(n[1]), ev(n[2])
            if a.real > MAX_FACTORIAL:
                raise TooComplex("binomial too large")
            return complex(math.gamma(a.real + 1) / (math.gamma(b.real + 1) * math.gamma(a.real - b.real + 1)))
        if op in ("max", "min"):
            values = [_real(ev(x)) for x in n[1:]]
            return complex(max(values) if op == "max" else min(values))
        if op == "cases":
            for value, cond in zip(n[1::2], n[2::2], strict=True):
                if holds(cond):
                    return ev(value)
            raise _Unusable("no case holds")
        if op == "deg":
            return ev(n[1])
        if op == "pct":
            return ev(n[1]) / 100
        if op == "pm":
            raise _Unusable("± inside an expression")
        raise _Unusable(f"operator {op}")

    def holds(cond: Node) -> bool:
        if not cond[1]:
            return True  # otherwise
        values = [_real(ev(x)) for x in cond[2:]]
        return all(_compare(a, op, b) for a, op, b in zip(values, cond[1].split(), values[1:], strict=False))

    try:
        value = ev(node)
    except (OverflowError, ValueError, ZeroDivisionError, KeyError, RecursionError) as err:
        raise _Unusable(str(err)) from err
    if cmath.isnan(value):
        raise _Unusable("nan")
    return value


_UNIFORMS: dict[int, list[complex]] = {}


def _uniforms(seed: int, size: int) -> list[complex]:
    """The first ``size`` draws of ``Random(seed).uniform(0.3, 2.7)``, drawn once per process."""
    have = _UNIFORMS.get(seed)
    if have is None or len(have) < size:
        rng = random.Random(seed)
        have = [complex(rng.uniform(0.3, 2.7)) for _ in range(max(size, 64))]
        _UNIFORMS[seed] = have
    return have


def _points(names: list[str], count: int, seed: int) -> Iterator[dict[str, complex]]:
    k = len(names)
    draws = _uniforms(seed, count * k)
    for i in range(count):
        yield dict(zip(names, draws[i * k:(i + 1) * k], strict=True))


def close(a: complex, b: complex, rel: float) -> bool:
    if cmath.isinf(a) or cmath.isinf(b):
        return a == b
    return abs(a - b) <= rel * max(abs(a), abs(b), 1e-300) or abs(a - b) < 1e-12


def values_at_points(trees: list[Node], names: list[str], deadline: Deadline | None,
                     count: int = 6, fixed: dict[str, complex] | None = None,
                     negative: bool | str = False) -> list[list[complex]]:
    """Values of each tree at the same random points; points where any tree fails are dropped.
    ``fixed`` names keep one value (``i`` read as the imaginary unit); ``negative``: the points
    negated (all draws are positive, in [0.3, 2.7], to keep clear of branch cuts); ``"mixed"``: every
    other name negated."""
    rows = []
    for env in _points(names, count if names else 1, seed=12345):
        if negative == "mixed":
            env = {k: -v if i % 2 == 0 else v for i, (k, v) in enumerate(sorted(env.items()))}  # |ab| vs ab
        elif negative:
            env = {k: -v for k, v in env.items()}
        if fixed:
            env.update(fixed)
        try:
            rows.append([evaluate(t, env, deadline) for t in trees])
        except _Unusable:
            continue
    return rows


def _agreement(a: Node, b: Node, envs: Iterable[dict[str, complex]], rel: float,
               deadline: Deadline | None) -> tuple[int, bool]:
    """(points where both trees could be evaluated, whether they agreed at all of them), stopping at the
    first point that tells them apart."""
    rows = 0
    for env in envs:
        try:
            x, y = evaluate(a, env, deadline), evaluate(b, env, deadline)
        except _Unusable:
            continue
        rows += 1
        if not close(x, y, rel):
            return rows, False
    return rows, True


_WHOLE_POINTS = (1, 2, 3, 4, 7, 12, 19, 30, 0)


def _agree_at_integers(a: Node, b: Node, names: list[str], integers: frozenset[str], rel: float,
                       deadline: Deadline | None) -> bool | None:
    """Compared where the question's whole-number variables are whole numbers (1 to 8) and the others at
    random points: ``\\cos(n\\pi)`` is ``(-1)^n`` for integer n only. None with fewer than four usable points.
    The whole numbers run past 8 (12, 19, 30): a term that vanishes at 1..8 does not hide."""
    others = [n for n in names if n not in integers]
    draws = _uniforms(777, len(_WHOLE_POINTS) * max(len(others), 1))
    wholes = [n for n in names if n in integers]
    envs = ({**{n: complex(_WHOLE_POINTS[(i + 3 * k) % len(_WHOLE_POINTS)]) for k, n in enumerate(wholes)},
             **{n: draws[i * len(others) + k] for k, n in enumerate(others)}} for i in range(len(_WHOLE_POINTS)))
    rows, same = _agreement(a, b, envs, rel, deadline)
    return False if not same else (True if rows >= 4 else None)


def equivalent(a: Node, b: Node, deadline: Deadline | None = None,
               integers: frozenset[str] = frozenset(), lower: dict[str, float] | None = None) -> bool | None:
    """True/False when the trees were compared; None when no usable point was found. ``integers``: the
    names the question declares whole numbers (compared at whole-number points); ``lower``: names the
    question bounds below (``x > 0``, ``x \\ge 1``), sampled above the bound only (|x - 1| is x - 1 there)."""
    names = sorted(symbols(a) | symbols(b))
    digits = [d for d in (decimal_digits(a), decimal_digits(b)) if d is not None]
    # a decimal agrees to the precision it states (0.6931 for ln 2: 4 digits), never looser than 3 digits
    rel = 1e-9 if not digits else max(min(0.5 * 10.0 ** (1 - min(digits)), 5e-3), 1e-6)
    if integers & set(names):
        return _agree_at_integers(a, b, names, integers, rel, deadline)
    lower = {n: v for n, v in (lower or {}).items() if n in names}
    envs = ({n: v + lower.get(n, 0.0) for n, v in env.items()} for env in _points(names, 4 if names else 1, seed=12345))
    rows, same = _agreement(a, b, envs, rel, deadline)
    if same and rows < (3 if names else 1):
        return None
    if same and names and (has_abs(a) or has_abs(b)) and set(lower) != set(names):  # |x| = x at positive points
        for sign in (True, "mixed") if len(names) > 1 else (True,):  # |ab| and ab also at all-negative ones
            negative = values_at_points([a, b], names, deadline, negative=sign)
            same = same and all(close(x, y, rel) for x, y in negative)
    if same and names and (has_abs(a, ("floor", "ceil")) or has_abs(b, ("floor", "ceil"))):
        same = _agree_at_steps(a, b, names, rel, deadline)
    for unit in ("i", "j"):  # the imaginary unit: (1+i)^2 = 2i, e^{i\pi} = -1; j in engineering
        if not same and unit in names:
            rest = [n for n in names if n not in ("i", "j")]
            fixed = {n: 1j for n in ("i", "j") if n in names}
            rows_ = values_at_points([a, b], rest, deadline, fixed=fixed)
            if len(rows_) >= (3 if rest else 1) and all(close(x, y, rel) for x, y in rows_):
                return True
    return same


def proportional(a: Node, b: Node, deadline: Deadline | None = None, positive: bool = False) -> bool | None:
    """Is a == k*b for one constant k != 0 (k > 0 with ``positive``)? None when undecidable."""
    names = sorted(symbols(a) | symbols(b))
    rows = values_at_points([a, b], names, deadline, count=8)
    rows = [r for r in rows if abs(r[1]) > 1e-12 or abs(r[0]) > 1e-12]
    if len(rows) < 3 if names else not rows:
        return None
    ratios = []
    for x, y in rows:
        if abs(y) < 1e-12:
            return False
        ratios.append(x / y)
    k = ratios[0]
    if abs(k) < 1e-12 or (positive and not (abs(k.imag) < 1e-9 and k.real > 0)):
        return False
    return all(close(r, k, 1e-7) for r in ratios)


def differ_by_constant(a: Node, b: Node, deadline: Deadline | None = None) -> bool | None:
    """Is ``a - b`` the same constant at every point (antiderivatives: ``\\arcsin x`` and ``-\\arccos x``)?
    None when too few points could be evaluated or there is no variable."""
    names = sorted(symbols(a) | symbols(b))
    if not names:
        return None
    rows = values_at_points([a, b], names, deadline, count=6)
    if len(rows) < 3:
        return None
    first = rows[0][0] - rows[0][1]
    same = all(close(x - y, first, 1e-7) or abs((x - y) - first) < 1e-9 for x, y in rows)
    if same and (has_abs(a) or has_abs(b)):  # ln|x| and ln x: one constant apart for x > 0 only
        low = values_at_points([a, b], names, deadline, count=6, negative=True)
        same = len(low) < 3 or all(close(x - y, low[0][0] - low[0][1], 1e-7) for x, y in low) and \
            all(abs(v.imag) < 1e-9 for row in low for v in row)
    return same


def rename(node: Node, names: dict[str, str]) -> Node:
    """The tree with symbols renamed (``C`` -> ``A``)."""
    if node[0] == "s":
        return ("s", names.get(node[1], node[1]))
    if node[0] in ("n", "c", "inf"):
        return node
    return (node[0], *(rename(k, names) if isinstance(k, tuple) else k for k in node[1:]))


def _to_sympy(node: Node):  # type: ignore[no-untyped-def]
    """A polynomial tree as a sympy expression, built from the tree (no text is parsed by sympy);
    ValueError for anything but numbers, symbols, +, *, /, unary minus and whole powers."""
    import sympy

    op = node[0]
    if op == "n":
        v = node[1]
        if v.imag or v.real != int(v.real):
            raise ValueError("not a whole number")
        return sympy.Integer(int(v.real))
    if op == "s":
        return sympy.Symbol(node[1])
    if op == "+":
        return _to_sympy(node[1]) + _to_sympy(node[2])
    if op == "*":
        return _to_sympy(node[1]) * _to_sympy(node[2])
    if op == "neg":
        return -_to_sympy(node[1])
    if op == "/" and node[2][0] == "n":
        return _to_sympy(node[1]) / _to_sympy(node[2])
    if op == "^" and node[2][0] == "n" and node[2][1].imag == 0 and 0 <= node[2][1].real <= 12 \
            and node[2][1].real == int(node[2][1].real):
        return _to_sympy(node[1]) ** int(node[2][1].real)
    raise ValueError(f"not a polynomial ({op})")


def factors_irreducibly(node: Node) -> bool:
    """Is the polynomial written as a product of irreducible factors over the rationals (``2x(x-2)(x+2)``,
    not ``2x(x^2-4)``)? True when it cannot tell (not a polynomial, too large)."""
    import sympy

    try:
        expr = _to_sympy(node)
    except (ValueError, RecursionError):
        return True
    if len(expr.free_symbols) != 1 or sympy.Poly(expr).degree() > 12:
        return True
    _, irreducible = sympy.factor_list(expr)
    wanted = sum(k for _, k in irreducible)
    given = 0
    for factor in sympy.Mul.make_args(expr):
        base, exp = factor.as_base_exp()
        if base.free_symbols:
            given += int(exp) if exp.is_Integer else 1
    return given >= wanted
