"""The shape of an answer: scalar, list, tuple, set, interval union, matrix or relation.

Splitting works on bracket depth only (linear); elements stay strings, compared later.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from general_reasoner.verify.special import unit_vector_parts
from general_reasoner.verify.units import split_quantity

_OPEN, _CLOSE = "([{", ")]}"
_REL_RE = re.compile(r"<=|>=|!=|=|<|>")
_SIMPLE_LHS_RE = re.compile(r"^[A-Za-z\\(),:|{}/ *^']+$")
# a left side that names what is computed rather than an unknown: \sum_{k=1}^{n} k, \int_0^1 f, f(3), P(X > 2)
_NAMED_LHS_RE = re.compile(r"^(?:\\(?:sum|prod|int|iint|oint|lim|binom|det|max|min)(?![A-Za-z]).*"
                           r"|\\frac\s*\{\s*(?:d|\\partial)\^?\{?\d?\}?\s*\}.*|d/d[a-z].*"
                           r"|[A-Za-z](?:\^\{?-1\}?)?(?:_\w|')*\s*[(\[][^=]*[)\]])$",
                           re.S)
_IN_PREFIX_RE = re.compile(r"^\s*(?:[A-Za-z]|\\[A-Za-z]+)(?:_\{?\w+\}?)?\s*(?:\\in|∈)\s*(?!\\mathbb|ℝ|\\R\b)")
_MATRIX_RE = re.compile(r"^\\begin\{(?:[pbBvV]?matrix|array|smallmatrix)\}(?:\{[^{}]*\})?(.*?)\\end\{(?:[pbBvV]?matrix"
                        r"|array|smallmatrix)\}$", re.S)


class Shape(NamedTuple):
    kind: str                      # scalar | list | tuple | set | interval | union | matrix | relation
    items: tuple = ()              # child Shapes (list/tuple/set/union/relation sides); rows for matrix
    text: str = ""                 # scalar text; relation operators joined by spaces
    left_closed: bool = False      # interval ends
    right_closed: bool = False
    brackets: str = ""             # the bracket pair of a tuple: "()", "[]"


_DIAG_RE = re.compile(r"^(?:\\operatorname\{diag\}|\\text\{diag\}|diag)\s*\(")


def split_top(s: str, seps: tuple[str, ...]) -> list[str]:
    """Split ``s`` on any of ``seps`` outside brackets (``\\{`` counts as a bracket)."""
    if not any(sep in s for sep in seps):
        return [s.strip()]  # (\\begin{..} groups hold their own & and \\\\: see _split_tokens_re)
    parts, depth, start = [], 0, 0
    for m in _split_tokens_re(seps).finditer(s):  # brackets and separators only, scanned in C
        t = m.group()
        if t[0] == "\\" and t[1:] in ("{", "}"):
            depth += 1 if t[1] == "{" else -1
        elif t.startswith(("\\begin", "\\end")):  # \begin{bmatrix} ... \end{bmatrix} is one bracket
            depth = depth + 1 if t[1] == "b" else max(depth - 1, 0)
        elif t in _OPEN:
            depth += 1
        elif t in _CLOSE:
            depth = max(depth - 1, 0)
        elif depth == 0:
            parts.append(s[start:m.start()])
            start = m.end()
    parts.append(s[start:])
    return [p.strip() for p in parts]


@lru_cache(maxsize=64)
def _split_tokens_re(seps: tuple[str, ...]) -> re.Pattern[str]:
    """Escaped braces, then brackets, then the separators in their order of preference (separators
    hold no brackets, so matching them whole inside brackets changes nothing)."""
    return re.compile("|".join([r"\\(?:begin|end)\{[A-Za-z*]*\}", r"\\[{}]", "[" + re.escape(_OPEN + _CLOSE) + "]",
                                *map(re.escape, seps)]))


def _matching_close(s: str) -> int:
    """Index of the bracket closing s[0] (any bracket type), or -1."""
    depth = 0
    for i, c in enumerate(s):
        if c in _OPEN:
            depth += 1
        elif c in _CLOSE:
            depth -= 1
            if depth == 0:
                return i
    return -1


def _relation_parts(s: str) -> tuple[list[str], list[str]]:
    if "=" not in s and "<" not in s and ">" not in s:
        return [s.strip()], []
    parts, ops, depth, start, i = [], [], 0, 0, 0
    while i < len(s):
        c = s[i]
        if c in _OPEN:
            depth += 1
        elif c in _CLOSE:
            depth = max(depth - 1, 0)
        elif depth == 0:
            m = _REL_RE.match(s, i)
            if m and not (c == "=" and s[i - 1:i] in "<>!"):
                parts.append(s[start:i].strip())
                ops.append(m.group(0))
                i = m.end()
                start = i
                continue
        i += 1
    parts.append(s[start:].strip())
    return parts, ops


_LHS_DECOR_RE = re.compile(r"\^\{?-?\d\}?|\^\{?(?:T|\\top|\*)\}?|(?<=[A-Za-z])-(?=[A-Za-z])|°|\^\{?\\circ\}?"
                           r"|\\Delta\s*")  # r^2, A^{-1}, v^T, E°, \Delta H°
_CONSTANT_TEXT_RE = re.compile(r"\\[A-Za-z]+|\be(?=\s*\^)|\b(?:log|ln|exp|sin|cos|tan)\b")  # commands, e^x, ln 2
_TUPLE_UNIT_RE = re.compile(r"^(\(.*\)|\[.*\])\s*([A-Za-zµΩ°][A-Za-z0-9µΩ°/*^\- ]{0,15})$")
_RANGE_TO_RE = re.compile(r"^(\S+(?: [A-Za-zµΩ°/^\d]+)?) to (\S+(?: [A-Za-zµΩ°/^\d]+)?)$")


_MATRIX_SUM_LHS_RE = re.compile(r"^[A-Z](?:\^\{?(?:T|-1)\}?)?(?:\s*[-+*]\s*[A-Z](?:\^\{?(?:T|-1)\}?)?)+$")  # A + B, I - A


def is_simple_lhs(s: str) -> bool:
    if _MATRIX_SUM_LHS_RE.match(s.strip()):
        return True
    t = re.sub(r"_\{[^{}]*\}|_\w+", "", s).replace("\\frac", "")
    t = _LHS_DECOR_RE.sub("", t)  # r^2, t-statistic
    return bool(t.strip()) and bool(_SIMPLE_LHS_RE.match(t)) and len(t) <= 24


def strip_lhs(shape: Shape) -> Shape:
    """``x = 5`` -> ``5``; chains keep their last part; anything else unchanged."""
    if shape.kind != "relation" or set(shape.text.split()) != {"="}:
        return shape
    first, last = shape.items[0], shape.items[-1]
    if (first.kind == "scalar" and (is_simple_lhs(first.text) or _NAMED_LHS_RE.match(first.text))) \
            or first.kind == "tuple" or len(shape.items) > 2:
        return last
    if (first.kind == "scalar" and not re.search(r"[A-Za-z]", _CONSTANT_TEXT_RE.sub("", first.text))
            and last.kind == "scalar"
            and split_quantity(last.text) is not None):
        return last  # 35 + 70 = 105; e^{-1.5} = 0.2231
    return shape


_PART_LABEL_RE = re.compile(r"(?:^|(?<=[\s,;]))(?:\(([a-h]|i{1,3}|iv|vi?)\)|([a-h]|i{1,3}|iv|vi?)\))\s*[:.]?\s*")
_SET_BUILDER_RE = re.compile(r"^\\\{\s*[A-Za-z](?:\s*\\in\s*[^|:]+?)?\s*(?:\||:)\s*(.+)\\\}$", re.S)


def _labelled_parts(s: str) -> list[str] | None:
    """``(a) 0.25, (b) 0.75`` -> ['0.25', '0.75']: parts labelled a, b, c... (or i, ii, ...) in order."""
    found = list(_PART_LABEL_RE.finditer(s))
    if len(found) < 2 or found[0].start() != 0:
        return None
    labels = [m.group(1) or m.group(2) for m in found]
    roman = ["i", "ii", "iii", "iv", "v", "vi"]
    expected = roman if "i" in labels and "a" not in labels else ["a", "b", "c", "d", "e", "f", "g", "h"]
    if sorted(labels, key=expected.index if set(labels) <= set(expected) else str) != expected[:len(labels)]:
        return None  # each of a, b, c... once (in any order: "(b) ... and (a) ...")
    ends = [m.start() for m in found[1:]] + [len(s)]
    parts = [s[m.end():end].strip().rstrip(",;").strip().removesuffix(" and").strip()
             for m, end in zip(found, ends, strict=True)]
    if not all(parts):
        return None
    return [part for _, part in sorted(zip(labels, parts, strict=True), key=lambda lp: expected.index(lp[0]))]


_NUMBERED_RE = re.compile(r"(?:^|(?<=\s))(\d{1,2})[.)]\s+(?=[A-Za-z(])")


def _numbered_items(s: str) -> list[str] | None:
    """``1. American Revolution 2. French Revolution`` -> the items, when numbered 1, 2, 3... in order."""
    found = list(_NUMBERED_RE.finditer(s))
    if len(found) < 2 or found[0].start() != 0 or [int(m.group(1)) for m in found] != list(range(1, len(found) + 1)):
        return None
    ends = [m.start() for m in found[1:]] + [len(s)]
    items = [s[m.end():end].strip().rstrip(",;").strip() for m, end in zip(found, ends, strict=True)]
    return items if all(items) else None


@lru_cache(maxsize=8192)
def _parse_shape_cached(s: str, depth: int) -> Shape:
    return _parse_shape(s, depth)


def parse_shape(s: str, depth: int = 0) -> Shape:
    """The shape of ``s`` (memoised for short texts: shapes are immutable)."""
    return _parse_shape_cached(s, depth) if len(s) <= 600 else _parse_shape(s, depth)


_STRUCTURE_RE = re.compile(r"[,;=<>(\[{\\&≈→|:∈]|\b(?:and|or|to)\b|[jk]|\d[.)]\s")


def _parse_shape(s: str, depth: int = 0) -> Shape:
    s = s.strip()
    if depth > 6 or not s or not _STRUCTURE_RE.search(s):
        return Shape("scalar", text=s)  # nothing that makes a list, tuple, set, relation or matrix
    s = _IN_PREFIX_RE.sub("", s, count=1)
    if s.startswith("\\begin{cases}") and s.endswith("\\end{cases}"):
        return Shape("scalar", text=s)  # a piecewise function is one expression
    if depth == 0 and s[:1] == "1" and (numbered := _numbered_items(s)) is not None:
        return Shape("list", tuple(parse_shape(p, depth + 1) for p in numbered))
    if depth == 0 and ")" in s:
        parts = _labelled_parts(s)
        if parts is not None:  # labelled parts are compared in order
            return Shape("tuple", tuple(parse_shape(p, depth + 1) for p in parts), brackets="parts")
    builder = _SET_BUILDER_RE.match(s) if s.startswith("\\{") else None
    if builder:  # \{x | x > 2\} -> x > 2
        s = builder.group(1).strip()
    if "≈" in s:  # x ≈ 2.35: the value; \frac{1}{3} ≈ 0.33: the exact form (rules.verify also tries the value)
        before, after = s.split("≈", 1)
        s = after.strip() if is_simple_lhs(before) or not before.strip() else before.strip()
    if split_quantity(s) is not None:
        return Shape("scalar", text=s)
    if "\\hat" in s or "\\vec" in s or "j" in s or "k" in s or "\\mathbf" in s:
        vec = unit_vector_parts(s)
        if vec is not None:  # 3\hat{i} + 4\hat{j} -> (3, 4)
            return Shape("tuple", tuple(Shape("scalar", text=f"{c} {vec[1]}".strip()) for c in vec[0]),
                         brackets="ijk")
    if s[:1] in "([" and (m := _TUPLE_UNIT_RE.match(s)) and _matching_close(s) == len(m.group(1)) - 1 \
            and (q := split_quantity(f"1 {m.group(2)}")) is not None and q.unit:
        inner = parse_shape(m.group(1), depth + 1)  # (3, 4) N -> (3 N, 4 N); [[1, 2], [3, 4]] N/m too
        with_unit = _unit_on_leaves(inner, m.group(2))
        if with_unit is not None:
            return Shape("tuple", with_unit.items, brackets="<>") if inner.kind == "tuple" and \
                all(i.kind == "scalar" for i in inner.items) else with_unit
    if "[[" in s.replace(" ", "") and (m := _SCALED_BRACKETS_RE.match(s)) and not s.startswith("["):
        scaled = _scaled_rows(m.group(1), parse_shape(m.group(2), depth + 1), m.group(3))
        if scaled is not None:  # k[[1, -1], [-1, 1]] -> [[k, -k], [-k, k]]
            return scaled
    if s.endswith(")") and (m := _SCALED_TUPLE_RE.match(s)) and _matching_close(s[m.start(2):]) == len(m.group(2)) - 1:
        inner = parse_shape(m.group(2), depth + 1)
        if inner.kind == "tuple" and all(i.kind == "scalar" for i in inner.items) and _numeric(m.group(1)):
            return Shape("tuple", tuple(Shape("scalar", text=f"({m.group(1).strip()})*({i.text})") for i in inner.items),
                         brackets=inner.brackets)  # \frac{1}{5}(3, 4) -> (3/5, 4/5)
    if " to " in s and (m := _RANGE_TO_RE.match(s)) and split_quantity(m.group(1)) is not None \
            and split_quantity(m.group(2)) is not None:
        return Shape("tuple", (Shape("scalar", text=m.group(1)), Shape("scalar", text=m.group(2))), brackets="to")
    if "or" in s:
        s = _OR_BETWEEN_TUPLES_RE.sub("), (", s)
    if s[:1] in "([" and (t := _TRANSPOSED_RE.match(s)) and _matching_close(s) == len(t.group(1)) - 1:
        return parse_shape(t.group(1), depth + 1)  # (1, 1)^T: the column vector (1, 1)
    if s[:1] in "([" and s[-1:] in ")]" and "\\begin" in s and _matching_close(s) == len(s) - 1:
        return parse_shape(s[1:-1], depth + 1)
    if s.startswith("[") and ";" in s and s.endswith("]") and _matching_close(s) == len(s) - 1:
        rows = [split_top(r, (",",)) for r in split_top(s[1:-1], (";",))]  # MATLAB: [1, 2; 3, 4]
        if len(rows) >= 2 and len({len(r) for r in rows}) == 1 and len(rows[0]) >= 2:
            return Shape("matrix", tuple(tuple(parse_shape(c, depth + 1) for c in r) for r in rows))
    if s.startswith(("diag", "\\operatorname{diag}", "\\text{diag}")) and s.endswith(")") and _DIAG_RE.match(s):
        entries = split_top(s[s.index("(") + 1:-1], (",",))  # diag(0.5, 0.25)
        if len(entries) >= 2 and _matching_close(s[s.index("("):]) == len(s) - s.index("(") - 1:
            n = len(entries)
            return Shape("matrix", tuple(tuple(parse_shape(entries[i], depth + 1) if i == j else
                                               Shape("scalar", text="0") for j in range(n)) for i in range(n)))
    arith = _matrix_arith(s) if "\\begin" in s else None
    if arith is not None:
        return arith
    m = _MATRIX_RE.match(s)
    if m:
        rows = [r for r in (row.strip() for row in m.group(1).split("\\\\")) if r]
        if rows and all(r.startswith("\\hline") is False for r in rows):
            return Shape("matrix", tuple(tuple(parse_shape(c, depth + 1) for c in r.split("&")) for r in rows))
    if "\\cup" in s:
        pieces = split_top(s, ("\\cup",))
        if len(pieces) > 1:
            return Shape("union", tuple(parse_shape(p, depth + 1) for p in pieces))
    groups = split_top(s, (";",))
    if len(groups) == 1:
        groups = split_top(s, (" and ", " or "))
        if not (len(groups) > 1 and all("," in g for g in groups)):
            groups = [s]
    items = split_top(s, (",", " and ", " or ", " & "))
    items = [i for i in items if i and i.lower() not in ("and", "or")]
    if len(groups) > 1 and len(items) > len(groups) and all("," in g for g in groups):
        return Shape("list", tuple(Shape("tuple", tuple(strip_lhs(parse_shape(x, depth + 1))
                                                        for x in split_top(g, (",",))), brackets="()")
                                   for g in groups))
    if len(groups) > 1 and len(items) <= len(groups):
        return Shape("list", tuple(parse_shape(g, depth + 1) for g in groups if g))
    if len(items) > 1:
        return Shape("list", tuple(parse_shape(i, depth + 1) for i in items))
    # a single item
    if s.startswith("\\{") and s.endswith("\\}"):
        inner = s[2:-2]
        return Shape("set", tuple(parse_shape(x, depth + 1) for x in split_top(inner, (",", ";")) if x))
    if s[0] in "([" and s[-1] in ")]" and _matching_close(s) == len(s) - 1:
        inner = s[1:-1]
        parts = [p for p in split_top(inner, (",", ";")) if p]
        if s[0] == "[" and len(parts) >= 3 and not any(_DIGIT_RE.search(p) for p in parts):
            return Shape("list", tuple(parse_shape(p, depth + 1) for p in parts))  # [legislative, executive, ...]
        if len(parts) >= 2:
            return Shape("tuple", tuple(parse_shape(p, depth + 1) for p in parts), brackets=s[0] + s[-1],
                         left_closed=s[0] == "[", right_closed=s[-1] == "]")
        if s[0] == "(" and len(parts) == 1:
            return parse_shape(inner, depth + 1)
    if s.startswith("{") and s.endswith("}") and _matching_close(s) == len(s) - 1:
        return parse_shape(s[1:-1], depth + 1)
    parts, ops = _relation_parts(s)
    if ops and all(parts):
        return Shape("relation", tuple(parse_shape(p, depth + 1) for p in parts), text=" ".join(ops))
    return Shape("scalar", text=s)


_DIGIT_RE = re.compile(r"\d")
_OR_BETWEEN_TUPLES_RE = re.compile(r"\)\s*or\s*\(")
_TRANSPOSED_RE = re.compile(r"^(\(.*\)|\[.*\])\s*\^\s*\{?\s*(?:T|\\top|t)\s*\}?$")


_SCALED_TUPLE_RE = re.compile(r"^([-+]?(?:\d[\d.]*|\\frac\{[^{}]+\}\{[^{}]+\}|\\sqrt\{[^{}]+\})(?:\s*\*)?)\s*(\(.*\))$")


def _numeric(text: str) -> bool:
    from general_reasoner.verify import expr as ex

    try:
        ex.evaluate(ex.parse_expr(text.rstrip("* ")), {})
    except Exception:  # noqa: BLE001 - not a numeric coefficient
        return False
    return True


_SCALED_BRACKETS_RE = re.compile(r"^([^\[\]=,]{1,40}?)\s*\*?\s*(\[\s*\[.*\]\s*\])\s*([A-Za-zµΩ°][A-Za-z0-9µΩ°/*^\- ]{0,15})?$")


def _scaled_rows(coefficient: str, rows: Shape, unit: str | None) -> Shape | None:
    """A coefficient written before a bracket matrix, multiplied into every cell (as text, so that a
    symbolic ``k`` works too)."""
    if rows.kind != "tuple" or not all(r.kind == "tuple" and all(c.kind == "scalar" for c in r.items)
                                       for r in rows.items):
        return None
    tail = f" {unit.strip()}" if unit else ""
    return Shape("tuple", tuple(Shape("tuple", tuple(Shape("scalar", text=f"({coefficient.strip()})*({c.text}){tail}")
                                                      for c in r.items), brackets=r.brackets) for r in rows.items),
                 brackets=rows.brackets)


def _unit_on_leaves(shape: Shape, unit: str) -> Shape | None:
    """A tuple (or tuple of tuples) of plain numbers with ``unit`` given to each; None otherwise."""
    if shape.kind == "scalar":
        q = split_quantity(shape.text)
        return Shape("scalar", text=f"{shape.text} {unit}") if q is not None and not q.unit else None
    if shape.kind != "tuple" or not shape.items:
        return None
    items = [_unit_on_leaves(i, unit) for i in shape.items]
    if any(i is None for i in items):
        return None
    return Shape("tuple", tuple(items), brackets=shape.brackets)  # type: ignore[arg-type]
_MATRIX_ANY_RE = re.compile(r"\\begin\{([pbBvV]?matrix)\}(.*?)\\end\{\1\}", re.S)


def _matrix_arith(s: str) -> Shape | None:
    """``A + B``, ``A B`` and ``c A`` of literal numeric matrices, computed (cells evaluated numerically)."""
    found = list(_MATRIX_ANY_RE.finditer(s))
    lead = s[:found[0].start()].strip().rstrip("*").strip() if found else ""
    if not found or len(found) > 4 or (len(found) < 2 and not lead) or s[found[-1].end():].strip():
        return None
    from general_reasoner.verify import expr as ex

    scale = 1
    if lead:  # -\frac{1}{2} \begin{pmatrix}...\end{pmatrix}
        try:
            scale = ex.evaluate(ex.parse_expr(lead), {})
        except Exception:  # noqa: BLE001 - not a numeric coefficient
            return None

    mats, ops = [], []
    for k, m in enumerate(found):
        if k:
            gap = s[found[k - 1].end():m.start()].strip()
            if gap not in ("", "+", "-", "*"):
                return None
            ops.append(gap or "*")
        try:
            rows = [[ex.evaluate(ex.parse_expr(c.strip()), {}) for c in r.split("&")]
                    for r in m.group(2).split("\\\\") if r.strip()]
        except Exception:  # noqa: BLE001 - not numeric: leave it to the normal path
            return None
        mats.append(rows)
    acc = [[scale * x for x in row] for row in mats[0]]
    for op, mat in zip(ops, mats[1:], strict=True):
        if op in "+-":
            if len(acc) != len(mat) or any(len(a) != len(b) for a, b in zip(acc, mat, strict=True)):
                return None
            sign = 1 if op == "+" else -1
            acc = [[x + sign * y for x, y in zip(a, b, strict=True)] for a, b in zip(acc, mat, strict=True)]
        else:
            if any(len(r) != len(mat) for r in acc):
                return None
            acc = [[sum(r[i] * mat[i][j] for i in range(len(mat))) for j in range(len(mat[0]))] for r in acc]
    return Shape("matrix", tuple(tuple(Shape("scalar", text=repr(v.real)) for v in r) for r in acc))


def is_interval(shape: Shape) -> bool:
    return shape.kind == "tuple" and len(shape.items) == 2 and shape.brackets in ("()", "[]", "(]", "[)")


def expand_pm_text(text: str) -> list[str] | None:
    """``a \\pm b`` -> [``a+(b)``, ``a-(b)``] for one top-level ±; None otherwise."""
    parts = split_top(text, ("\\pm",))
    if len(parts) == 1 and text.count("\\pm") + text.count("\\mp") == 1:  # \frac{-1 \pm \sqrt{13}}{6}
        plus, minus = ("+", "-") if "\\pm" in text else ("-", "+")
        sign = "\\pm" if "\\pm" in text else "\\mp"
        return [text.replace(sign, plus), text.replace(sign, minus)]
    if len(parts) != 2:
        return None
    a, b = parts
    if not a:
        return [b, f"-({b})"]
    return [f"{a}+({b})", f"{a}-({b})"]
