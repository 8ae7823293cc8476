"""Comparison of a reference and an answer, by shape and then by value."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from fractions import Fraction
from itertools import permutations
from typing import NamedTuple

from general_reasoner.verify import expr as ex
from general_reasoner.verify.chem_names import ELEMENT_SYMBOLS
from general_reasoner.verify.choice import chemical, parse_bool, strings_equal
from general_reasoner.verify.deadline import Deadline
from general_reasoner.verify.hedge import drop_negated
from general_reasoner.verify.numbers import Number, compare_numbers, from_float, number_word, parse_number
from general_reasoner.verify.special import compare_complexity, split_direction
from general_reasoner.verify.structure import (
    Shape,
    expand_pm_text,
    is_interval,
    is_simple_lhs,
    parse_shape,
    split_top,
    strip_lhs,
)
from general_reasoner.verify.units import (
    DECADE_RE,
    Quantity,
    asked_unit,
    compare_quantities,
    compare_units,
    compound_quantity,
    counted_unit,
    expression_quantity,
    same_unit,
    split_quantity,
    temperature_change,
)

MAX_ITEMS = 40
_PROSE_NUM_RE = re.compile(
    r"(?<![A-Za-z0-9_.\-^{/])([-+]?(?:\d+/\d+|\d+,\d{1,2}(?![\d,])|(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d*\.?\d+)"
    r"(?:\s*[eE][-+]?\d+|\s*\*\s*10\^\{?[-+]?\d+\}?)?))"
    r"(?![A-Za-z0-9_\-]*[A-Za-z]-|\.\d|-[A-Za-z])\s*((?:[A-Za-zµμΩ°%][A-Za-z0-9µμΩ°%^*/\-]*)?(?:\s*(?:/|\*|per)\s*"
    r"[A-Za-z]+\^?-?\d?)?)")


class Result(NamedTuple):
    equal: bool
    confident: bool
    reason: str


@dataclass
class Ctx:
    deadline: Deadline
    ordered: bool = False
    question: str = ""
    cells: bool = False   # comparing the rows of a matrix written as nested tuples (brackets are not ends)
    unordered: bool = False  # a List answer whose question asks for no order: brackets do not make it a tuple


_ANY_MULTIPLE_RE = re.compile(r"\b(?:an?|any)\s+(?:\w+\s+){0,2}(?:eigenvectors?|direction\s+vectors?|normal\s+vectors?"
                              r"|vectors?\s+(?:parallel|perpendicular|orthogonal|normal)|basis\s+vectors?)\b", re.I)


def _proportional(r: Shape, a: Shape, ctx: Ctx) -> Result | None:
    """Two numeric tuples that are nonzero multiples of each other (None when not numeric)."""
    if len(r.items) != len(a.items) or any(i.kind != "scalar" for i in r.items + a.items):
        return None
    values = []
    for item in r.items + a.items:
        v = _real_constant(item.text, ctx.deadline)
        if v is None:
            return None
        values.append(v)
    n = len(r.items)
    rv, av = values[:n], values[n:]
    pivot = max(range(n), key=lambda k: abs(rv[k]))
    if abs(rv[pivot]) < 1e-12 or abs(av[pivot]) < 1e-12:
        return None
    k = av[pivot] / rv[pivot]
    same = all(abs(av[i] - k * rv[i]) <= 1e-9 * max(1.0, abs(av[i])) for i in range(n))
    return Result(same, True, "the same vector up to a nonzero factor" if same else "vectors are not parallel")


def _nested(shape: Shape) -> bool:
    return len(shape.items) >= 2 and all(i.kind == "tuple" for i in shape.items)


_SQUASH_RE = re.compile(r"\s+|\\[,;! ]")
_ONE_CHAR_GROUP_RE = re.compile(r"\{(\w)\}")
_SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_PROSE_FRAC_RE = re.compile(r"\\frac\s*\{\s*(\d+)\s*\}\s*\{\s*(\d+)\s*\}")
_CJK_RE = re.compile(r"[\u3000-\u9fff\u0600-\u06ff\u0900-\u097f]")
_COMMAND_RE = re.compile(r"\\[A-Za-z]+")
_WORD_RE = re.compile(r"[A-Za-z\u00c0-\u024f']+")
_LABEL_COLON_RE = re.compile(r"^\s*[A-Za-z\u00c0-\u024f]{4,}\s*:")


def squash(s: str) -> str:
    """Spaces and braces around one character dropped (``x^{2}`` -> ``x^2``); other braces kept, since
    they carry scope (``\\frac{1}{2\\sqrt{3}}`` is not ``\\frac{1}{2}\\sqrt{3}``)."""
    s = _SQUASH_RE.sub("", s)
    return _ONE_CHAR_GROUP_RE.sub(r"\1", s) if "{" in s else s


def _constant_value(text: str, deadline: Deadline) -> complex | None:
    try:
        tree = ex.parse_expr(text, deadline)
    except ex.ParseError:
        return None
    names = ex.symbols(tree)
    if (names and names != {"i"}) or tree[0] == "pm":
        return None
    rows = ex.values_at_points([tree], [], deadline, fixed={"i": 1j} if names else None)
    return rows[0][0] if rows else None


def _real_constant(text: str, deadline: Deadline) -> float | None:
    value = _constant_value(text, deadline)
    if value is None or abs(value.imag) > 1e-12 or not math.isfinite(value.real):
        return None
    return value.real


_CHANGE_RE = re.compile(  # the question asks for a temperature difference, not a temperature
    r"(?:change|difference|rise|increase|decrease|drop|fall)\s+(?:in|of)\s+(?:the\s+)?temperature"
    r"|temperature\s+(?:change|difference|rise|increase|decrease|drop|fall|gradient)s?|by how (?:much|many degrees)"
    r"|how much (?:warmer|cooler|hotter|colder)|Δ\s*T\b|\\Delta\s*T\b", re.I)


def quantities_result(qr: Quantity, qa: Quantity, question: str | None) -> Result:
    """Compare two quantities; where the question asks for a change, temperatures are differences
    (a 19.6 °C rise is a 19.6 K rise)."""
    if question and qr.unit and qa.unit and _CHANGE_RE.search(question):
        qr, qa = temperature_change(qr), temperature_change(qa)
    if question and not qr.unit and qa.unit and (asked := asked_unit(question)) is not None:
        qr = Quantity(qr.number, asked)  # "What current flows, in amperes?" 1.5 against 1.5 mA
    elif question and not qr.unit and qa.unit and (counted := counted_unit(question)) is not None:
        if not same_unit(qa.unit, counted):  # "How many seconds are in 2 hours?" 120 minutes
            return Result(False, True, f"the question asks for a number of {counted}, the answer is in {qa.unit}")
        qr = Quantity(qr.number, counted)
    res = compare_quantities(qr, qa)
    return Result(res.equal, res.confident, res.reason)


def _as_number(q: Quantity | None, text: str, deadline: Deadline) -> Number | None:
    if q is not None:
        return q.number  # (a unit on the answer against a unit-less expression: the unit left out)
    try:
        whole = ex.exact_integer(ex.parse_expr(text, deadline))
    except ex.ParseError:
        whole = None
    if whole is not None:
        return Number(Fraction(whole), 0, len(str(abs(whole)).rstrip("0")) or 1)  # 2^{61} - 1, exactly
    value = _constant_value(text, deadline)
    if value is None or abs(value.imag) > 1e-12 or abs(value.real) == float("inf"):
        return None
    if abs(value.real) < 1e-12:
        return Number(Fraction(0), None, 99)  # \cos\frac{\pi}{2} is 0, not 6e-17
    return Number(from_float(value.real), None, 99, min_sig=3)  # an irrational-looking value: >= 3 digits


_DEGREE_WORDS_RE = re.compile(r"\s*\bdegrees?\s+(?:(C)elsius|(F)ahrenheit|(C)entigrade)\b", re.I)
_PROSE_NUMBER_WORD_RE = re.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
                                   r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty"
                                   r"|seventy|eighty|ninety|hundred)\b", re.I)


_PERCENT_OF_RE = re.compile(r"\s*of\s+(?:the\s+|a\s+total\s+of\s+)?(?=[-+]?\d)")


def _prose_quantities(text: str, percent_of: list[int] | None = None) -> list[Quantity]:
    """The quantities a sentence states, in order. The number a percentage is taken of is left out
    (``250% of 50`` states 250%, not 50); the index of each such percentage goes into ``percent_of``."""
    out: list[Quantity] = []
    text = _PROSE_FRAC_RE.sub(r"\1/\2", text) if "\\frac" in text else text
    if "egree" in text:
        text = _DEGREE_WORDS_RE.sub(lambda m: " °" + next(g for g in m.groups() if g).upper(), text)  # 100 °C
    if not any(c.isdigit() for c in text):  # "A byte consists of eight bits": the number in words
        return [Quantity(num, "") for w in _PROSE_NUMBER_WORD_RE.findall(text) if (num := number_word(w))]
    base_at = -1  # where the number the last percentage is taken of starts
    for m in _PROSE_NUM_RE.finditer(text):
        if m.start() == base_at:
            continue  # "250% of 50": the number a percentage is taken of is not a value the sentence states
        unit = m.group(2).strip()
        if unit == "s" and m.end(1) == m.start(2) and DECADE_RE.fullmatch(m.group(1)):
            continue  # "the 1720s": a decade, not 1720 seconds
        base = _PERCENT_OF_RE.match(text, m.end()) if unit in ("%", "percent") else None
        base_at = base.end() if base else -1
        q = split_quantity(f"{m.group(1)} {unit}".strip()) if unit else None
        if q is None or (unit and q.unit and len(unit) > 12):
            q = split_quantity(m.group(1))
        if q is not None:
            if base and percent_of is not None:
                percent_of.append(len(out))
            out.append(q)
    return out


_STOP_WORDS = {"is", "are", "was", "the", "which", "that", "this", "so", "therefore", "thus", "answer", "of", "in",
               "it", "its", "it's", "not", "and", "we", "est", "de", "la", "le", "il", "ist", "es", "for", "with"}


def _is_prose(text: str) -> bool:
    """A sentence rather than a bare value (words around the numbers)."""
    if not text.isascii() and _CJK_RE.search(text):
        return True
    plain = _COMMAND_RE.sub(" ", text) if "\\" in text else text
    words = [w for w in _WORD_RE.findall(plain) if w not in ex.FUNCS]  # cos(π) + cos(0) is math, not prose
    if any(w.lower() in _STOP_WORDS for w in words):
        return True
    return len([w for w in words if len(w) >= 3]) >= 2 or bool(_LABEL_COLON_RE.match(plain))


_INVERSE_TRIG_RE = re.compile(r"\\?(?:arc(?:sin|cos|tan|sec|csc|cot)|(?:sin|cos|tan)\^\{?-1\}?)")
_ANGLE_RE = re.compile(r"^(.*?\S)\s*(°|degrees?|deg|radians?|rad)\.?$")


def _compare_angles(ref: str, ans: str, ctx: Ctx) -> Result | None:
    """Degrees against radians, only where each side says which it is: a degree sign or word on
    one side, ``rad`` or a multiple of pi on the other (``90°`` = ``\\frac{\\pi}{2}``; ``90`` != it)."""
    sides = []
    for text in (ref, ans):
        m = _ANGLE_RE.match(text)
        unit, body = (m.group(2), m.group(1)) if m else ("", text)
        kind = "deg" if unit[:1] in ("°", "d") and unit else "rad" if unit or "\\pi" in body or \
            _INVERSE_TRIG_RE.search(body) else None  # \\arcsin(2/3) is an angle in radians
        sides.append((kind, body))
    if {sides[0][0], sides[1][0]} != {"deg", "rad"}:
        return None
    asked = re.search(r"\b(radian|degree)s?\b", ctx.question, re.I)
    if asked and asked.group(1).lower()[:3] != sides[1][0]:
        return Result(False, True, f"the question asks for {asked.group(1).lower()}s")
    numbers = []
    for kind, body in sides:
        num = parse_number(body)
        if kind == "rad":
            value = _constant_value(body, ctx.deadline)
            if value is None or abs(value.imag) > 1e-12 or not math.isfinite(value.real):
                return None
            degrees = from_float(value.real * 180 / math.pi)
            decimals = None if num is None or num.decimals is None else num.decimals - 2
            num = Number(degrees, decimals, 99 if decimals is None else num.sig)  # type: ignore[union-attr]
        if num is None:
            return None
        numbers.append(num)
    eq, near = compare_numbers(numbers[0], numbers[1])
    return Result(eq, not near, "equal angles (degrees and radians)" if eq else "angles differ")


_RESULT_MARKER_RE = re.compile(
    r"(?:\b(?:comes?|came|works?|turns?)\s+(?:out\s+)?to(?:\s+be)?|\bgrows?\s+to|\brises?\s+to|\bfalls?\s+to"
    r"|\bequals?|\bis\s+(?:about|approximately|roughly|around|nearly|exactly|equal\s+to)|\bof\s+(?:about|roughly"
    r"|approximately|around)|\bgives?\s+(?:about|roughly|approximately|us)?|\btotals?|\bamounts?\s+to|=|≈)\s*", re.I)


_ALTERNATIVE_RE = re.compile(r"\b(?:or|either)\b", re.I)
_STATED_BEFORE_RE = re.compile(r"(?:\b(?:is|are|was|were|be|been|equals|equal\s+to|of|to|approximately|about|roughly"
                               r"|around|nearly|gives|get)|[=≈:$])\s*$", re.I)


def _final_quantity(text: str) -> Quantity | None:
    """The quantity a sentence ends with, read with its whole unit (``... is 12 kg m/s.``), or None."""
    last = None
    for m in _PROSE_NUM_RE.finditer(text):
        last = m
    if last is None:
        return None
    tail = text[last.start(1):].strip().rstrip(".!").strip()
    if len(tail) > 40 or not _STATED_BEFORE_RE.search(text[:last.start(1)]):
        return None  # "... grows to about $740.12 after 10 years": an aside ends the sentence
    return split_quantity(tail)


def _prose_result(qr: Quantity, ans: str) -> Result | None:
    """Compare a reference quantity with the value a sentence states: the last quantity, or else the
    quantity after the sentence's last result phrase ("comes to", "grows to about", "=") when figures
    added after it are asides (None: it states no quantity)."""
    text = drop_negated(ans)
    percent_of: list[int] = []
    found = _prose_quantities(text, percent_of)
    if not found:
        return None
    if len(found) - 1 in percent_of and not qr.number.percent:
        return Result(False, True, "the answer's sentence ends with a percentage of a number, not a result")
    if compare_quantities(qr, found[-1]).equal:
        return Result(True, True, "the answer's sentence states the reference value")
    end = _final_quantity(text)
    if end is not None and (end.unit or end.number.percent):
        if compare_quantities(qr, end).equal:
            return Result(True, True, "the answer's sentence ends with the reference value")
        return Result(False, True, "the answer's sentence ends with another value")  # = 12. So p is 12 J
    last_sentence = _SENTENCE_SPLIT_RE.split(text)[-1] if len(text) > 80 else text
    markers = list(_RESULT_MARKER_RE.finditer(last_sentence))
    if markers:
        rest = last_sentence[markers[-1].end():]
        stated = _prose_quantities(rest)
        if len(stated) > 1 and _ALTERNATIVE_RE.search(rest):
            return Result(False, True, "the answer's sentence gives two values")  # 2pq = 0.48 or 0.36
        if stated and compare_quantities(qr, stated[0]).equal:
            return Result(True, True, "the answer's sentence states the reference value as its result")
    return Result(False, False, "the answer's sentence states another value")


_CONSTANT_NAME_RE = re.compile(r"^(?:[ABCDK]|[cCkK]_\{?\d\}?|[ABCD]_\{?\d\}?|[kmn])$")  # also integer parameters k, n, m


def _renamed_constants(ref_tree: ex.Node, ans_tree: ex.Node) -> list[ex.Node] | None:
    """The answer with its arbitrary constants (A, B, C, K, C_1, ...) renamed to the reference's in every
    order, when the two differ only in those names (up to three of them); else None."""
    rs, as_ = ex.symbols(ref_tree), ex.symbols(ans_tree)
    only_r, only_a = sorted(rs - as_), sorted(as_ - rs)
    integer_parameters = set(only_r + only_a) <= {"k", "m", "n"} and ref_tree[0] != "s" and ans_tree[0] != "s"
    if not only_r or len(only_r) != len(only_a) or len(only_r) > 3 or not (rs & as_ - {"i", "e"} or integer_parameters):
        return None  # constants of a family in a shared variable (y = Ce^{2x}) or an integer parameter (k\pi vs
        # n\pi), never two bare letters (A vs D)
    if not all(_CONSTANT_NAME_RE.match(n) for n in only_r + only_a):
        return None
    return [ex.rename(ans_tree, dict(zip(order, only_r, strict=True))) for order in permutations(only_a)]


_COEFFICIENT_RE = re.compile(r"^(\d{1,2})\s*(?=[A-Z(])")


def _species(text: str) -> tuple[int, str] | None:
    """``2H2O`` -> (2, 'H2O'), ``Ar`` -> (1, 'Ar'): a chemical formula or element symbol with its
    stoichiometric coefficient; None for anything else."""
    m = _COEFFICIENT_RE.match(text)
    body = text[m.end():] if m else text
    formula = chemical(body) or (body if body in ELEMENT_SYMBOLS and len(body) == 2 else None)
    return None if formula is None else (int(m.group(1)) if m else 1, formula)


def _chemical_species(ref: str, ans: str) -> Result | None:
    """Two chemical species (one of them with a coefficient or a two-letter element symbol; two plain
    formulas are compared before): the same coefficient and formula, or different."""
    sr, sa = _species(ref), _species(ans)
    if sr is None or sa is None:
        return None
    if sr[0] != sa[0]:
        return Result(False, True, "different coefficients of the species")
    same, how = strings_equal(sr[1], sa[1])
    return Result(same, True, how if sr[1][1:2].isdigit() or sa[1][1:2].isdigit() or same else "different elements")


_INTEGER_NAME_RE = re.compile(
    r"(?:\b(?:positive|nonnegative|non-negative|natural|whole)?\s*integers?\s+\$?\s*([a-z])\b"
    r"|\$?\b([a-z])\$?\s+(?:is|be|are)\s+(?:an?\s+)?(?:positive\s+|nonnegative\s+|non-negative\s+)?integers?\b"
    r"|\b([a-z])\s*(?:\\in|∈)\s*(?:\\mathbb\s*\{?[ZN]\}?|ℤ|ℕ)"
    r"|\b([nkm])\s*(?:\\geq?|>=|≥)\s*[01]\b)")


_LOWER_BOUND_RE = re.compile(r"\b([a-z])\s*(>|\\gt\b|\\geq?\b|>=|≥)\s*(-?\d+(?:\.\d+)?)(?![\d.])")


def _lower_bounds(question: str) -> dict[str, float] | None:
    """Variables the question bounds below: "Let $x > 0$", "$x \\ge 1$" -> {x: 0.0}, {x: 1.0}."""
    if not question or not any(op in question for op in (">", "\\g", "≥")):
        return None
    found = {m.group(1): float(m.group(3)) for m in _LOWER_BOUND_RE.finditer(question)}
    return found or None


def _integer_names(question: str) -> frozenset[str]:
    """The variables the question makes whole numbers: "for integer $n$", "$k$ be a positive integer",
    "$n \\in \\mathbb{Z}$", "for $n \\ge 1$" (n, k, m only)."""
    if not question or "nteger" not in question and "mathbb" not in question and "≥" not in question \
            and "ge" not in question and "ℤ" not in question and "ℕ" not in question:
        return frozenset()
    return frozenset(next(g for g in m.groups() if g) for m in _INTEGER_NAME_RE.finditer(question))


def compare_scalar(ref: str, ans: str, ctx: Ctx) -> Result:
    ctx.deadline.check()
    if squash(ref) == squash(ans):
        return Result(True, True, "same text")
    if (dr := split_direction(ref)) is not None and (da := split_direction(ans)) is not None and dr[1] != da[1]:
        return Result(False, True, "directions differ")  # a part of a list: 5.0 km east is not 5.0 km north
    if ref[:1] in "OΘ\\o" and (bound := compare_complexity(ref, ans)) is not None:
        return Result(bound[0], True, bound[1])  # after a label was stripped: T(n) = O(n log n)
    if ref[:1].isalpha() and ans[:1].isalpha() and (units := compare_units(ref, ans, ctx.question)) is not None:
        return Result(units.equal, units.confident, units.reason)  # M^-1 s^-1 = L/(mol·s)
    qr, qa = split_quantity(ref), split_quantity(ans)
    if qa is None:
        word = number_word(ans)
        qa = None if word is None else Quantity(word, "")
    if qr is not None and qr.unit and qa is None and " " in ans:
        qa = compound_quantity(ans) or expression_quantity(ans, lambda t: _real_constant(t, ctx.deadline))
    if qr is None and qa is not None and qa.unit and " " in ref:
        qr = expression_quantity(ref, lambda t: _real_constant(t, ctx.deadline))  # 4\pi rad against 12.566 rad
    if qr is None and qa is None and " " in ans and \
            (qa := expression_quantity(ans, lambda t: _real_constant(t, ctx.deadline))) is not None and \
            _real_constant(ref, ctx.deadline) is None:
        qa = None  # 4\pi cm^2 against 4\pi: the value with its unit; against x + 1, no value to compare
    if qr is not None and qa is None and _is_prose(ans) and (prose := _prose_result(qr, ans)) is not None:
        return prose
    if qr is not None and qa is not None:
        return quantities_result(qr, qa, ctx.question)
    pr, pa = expand_pm_text(ref), expand_pm_text(ans)
    if pr or pa:
        return compare_shapes(Shape("set", tuple(Shape("scalar", text=t) for t in (pr or [ref]))),
                              Shape("set", tuple(Shape("scalar", text=t) for t in (pa or [ans]))), ctx)
    angles = _compare_angles(ref, ans, ctx)
    if angles is not None:
        return angles
    # a number against a constant expression (1/12 vs 0.0833)
    if qr is not None or qa is not None:
        nr, na = _as_number(qr, ref, ctx.deadline), _as_number(qa, ans, ctx.deadline)
        if nr is not None and na is not None:
            eq, near = compare_numbers(nr, na)
            return Result(eq, not near, "numbers equal" if eq else "numbers differ")
    if chemical(ref) and chemical(ans):
        same, how = strings_equal(ref, ans)
        return Result(same, True, how)
    if (species := _chemical_species(ref, ans)) is not None:
        return species  # 2H2O vs H2O2, Ar vs Kr: chemistry, never algebra (A*r is not K*r renamed)
    tr = ta = None
    try:
        tr = ex.parse_expr(ref, ctx.deadline)
        ta = ex.parse_expr(ans, ctx.deadline)
    except ex.ParseError:
        pass
    if tr is not None and ta is not None:
        same = ex.equivalent(tr, ta, ctx.deadline, integers=_integer_names(ctx.question),
                             lower=_lower_bounds(ctx.question))
        if same is False and (renamings := _renamed_constants(tr, ta)) is not None:
            same = any(ex.equivalent(tr, renamed, ctx.deadline) for renamed in renamings) or same  # C vs A
        if same:
            return Result(True, True, "expressions equivalent")
        if same is False:
            return Result(False, True, "expressions differ")
        return Result(False, False, "could not evaluate the expressions")
    br, ba = parse_bool(ref), parse_bool(ans)
    if br is not None and ba is not None:
        return Result(br == ba, True, "booleans " + ("agree" if br == ba else "differ"))
    if qr is not None and _is_prose(ans) and (prose := _prose_result(qr, ans)) is not None:
        return prose
    same, how = strings_equal(ref, ans, ctx.question)
    if same:
        return Result(True, True, how)
    return Result(False, False, f"could not match the answer to the reference ({how})")


def _items(shape: Shape) -> tuple[Shape, ...]:
    return shape.items if shape.kind in ("list", "set", "tuple", "union") else (shape,)


def _expand_pm_items(items: tuple[Shape, ...]) -> tuple[Shape, ...]:
    """``0, ±1`` -> ``0, 1, -1``: a list item with one top-level ± stands for two items."""
    if not any(i.kind == "scalar" and "\\pm" in i.text for i in items):
        return items
    out: list[Shape] = []
    for item in items:
        pm = expand_pm_text(item.text) if item.kind == "scalar" and "\\pm" in item.text else None
        out += [Shape("scalar", text=t) for t in pm] if pm else [item]
    return tuple(out)


def _ends_ordered(shape: Shape) -> bool:
    """An interval's left end is not above its right one (``[8.66, 5]`` is a pair, not an interval)."""
    ends = [parse_number(i.text) if i.kind == "scalar" else None for i in shape.items]
    return None in ends or ends[0].value <= ends[1].value  # type: ignore[union-attr]


def _match_unordered(refs: tuple[Shape, ...], anss: tuple[Shape, ...], ctx: Ctx) -> Result:
    refs, anss = _expand_pm_items(refs), _expand_pm_items(anss)
    if len(refs) > MAX_ITEMS or len(anss) > MAX_ITEMS:
        return Result(False, False, "too many items to compare")
    cache: dict[tuple[int, int], Result] = {}

    def eq(i: int, j: int) -> bool:
        if (i, j) not in cache:
            cache[(i, j)] = compare_shapes(refs[i], anss[j], ctx)
        return cache[(i, j)].equal

    if len(refs) == len(anss) and all(eq(i, i) for i in range(len(refs))):
        return Result(True, True, "same items")  # the same items in the same order: n comparisons, not n^2

    missing = [i for i in range(len(refs)) if not any(eq(i, j) for j in range(len(anss)))]
    extra = [j for j in range(len(anss)) if not any(eq(i, j) for i in range(len(refs)))]
    if not missing and not extra and len(anss) < len(refs):  # 2, 3 for the eigenvalues 2, 2, 3 (1, 1 for {1} is fine)
        return Result(False, True, f"{len(anss)} items where the reference has {len(refs)} (a repeated value counts)")
    if not missing and not extra:
        return Result(True, True, "same items")
    confident = all(r.confident for r in cache.values())
    if missing:
        return Result(False, confident, f"{len(missing)} of {len(refs)} reference parts missing")
    return Result(False, confident, f"{len(extra)} answer parts not in the reference")


def _match_ordered(refs: tuple[Shape, ...], anss: tuple[Shape, ...], ctx: Ctx) -> Result:
    if len(refs) != len(anss):
        return Result(False, True, f"{len(anss)} parts where the reference has {len(refs)}")
    for r, a in zip(refs, anss, strict=True):
        res = compare_shapes(r, a, ctx)
        if not res.equal:
            return Result(False, res.confident, f"part differs: {res.reason}")
    return Result(True, True, "same parts in order")


def _relation_tree(shape: Shape, ctx: Ctx) -> tuple[ex.Node, str] | None:
    """``a op b`` -> (a - b, op) with op in <, <=, =, != (> and >= flipped)."""
    if shape.kind != "relation" or len(shape.items) != 2 or any(i.kind != "scalar" for i in shape.items):
        return None
    op = shape.text
    try:
        a, b = (ex.parse_expr(i.text, ctx.deadline) for i in shape.items)
    except ex.ParseError:
        return None
    if op in (">", ">="):
        a, b, op = b, a, "<" if op == ">" else "<="
    return ("+", a, ("neg", b)), op


def _compare_relations(r: Shape, a: Shape, ctx: Ctx) -> Result | None:
    tr, ta = _relation_tree(r, ctx), _relation_tree(a, ctx)
    if tr is None or ta is None:
        return None
    if tr[1] != ta[1]:
        return Result(False, True, "different relations")
    same = ex.proportional(tr[0], ta[0], ctx.deadline, positive=tr[1] in ("<", "<="))
    if same:
        return Result(True, True, "equivalent relations")
    return None if same is None else Result(False, True, "relations differ")


def _chain_interval(shape: Shape) -> Shape | None:
    """``a < x < b`` -> the interval (a, b)."""
    if shape.kind != "relation" or len(shape.items) != 3:
        return None
    ops = shape.text.split()
    if ops[0] not in ("<", "<=") or ops[1] not in ("<", "<=") or shape.items[1].kind != "scalar" or \
            not is_simple_lhs(shape.items[1].text):
        return None  # (a variable in the middle: C≡C < C=C < C–C is a ranking, not an interval)
    return Shape("tuple", (shape.items[0], shape.items[2]), brackets=("[" if ops[0] == "<=" else "(")
                 + ("]" if ops[1] == "<=" else ")"), left_closed=ops[0] == "<=", right_closed=ops[1] == "<=")


_KEY_RE = re.compile(r"^(?:[A-Za-z]|\\[A-Za-z]+|[A-Za-z][A-Za-z\-]{1,40})(?:_\{?\w+\}?|')*$")  # x, \\sigma, COGS, mean
_WORD_LABEL_RE = re.compile(r"^(?!(?:so|thus|hence|then|therefore|and|or)\b)[A-Za-z][A-Za-z\-]+(?: [A-Za-z][A-Za-z\-]+)*$"
                            r"|^[A-Za-z](?:_\{?\w+\}?|')+$|^[A-Za-z][A-Za-z]?\^?\*?$", re.I)
_KEY_DECOR_RE = re.compile(r"\^\{?\*\}?|\^\{?\\ast\}?|\*$")


_ASKED_TUPLE_RE = re.compile(r"\(\s*([A-Za-z][\w']*(?:\s*,\s*[A-Za-z][\w']*)+)\s*\)")


def _asked_tuple(question: str, keys: set[str]) -> list[str] | None:
    """The order of the names a question asks for as a tuple (``Give $(x, y, z)$``, ``the equilibrium (P, Q)``),
    when they are exactly the answer's labels."""
    for m in _ASKED_TUPLE_RE.finditer(question.replace("$", "")):
        names = [n.strip() for n in m.group(1).split(",")]
        if len(names) == len(keys) and set(names) == keys:
            return names
    return None


def _keyed(shape: Shape) -> dict[str, Shape] | None:
    """``x = 2, y = -1`` -> {x: 2, y: -1}: every part names a distinct unknown; else None."""
    if shape.kind not in ("list", "tuple") or len(shape.items) < 2:
        return None
    out: dict[str, Shape] = {}
    for item in shape.items:
        if item.kind != "relation" or item.text != "=" or item.items[0].kind != "scalar":
            return None
        label = item.items[0].text
        key = _KEY_DECOR_RE.sub("", label.replace(" ", ""))  # P^* and P name one unknown
        if not _KEY_RE.match(key) or key in out or (len(key) > 1 and key[:1] != "\\" and not _WORD_LABEL_RE.match(label)):
            return None  # (a word label: COGS, Ending inventory; never "So x")
        out[key] = item.items[1]
    return out


_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}


def _interval_like(shape: Shape) -> bool:
    return is_interval(shape) or (shape.kind == "union" and all(is_interval(i) for i in shape.items))


def _as_interval(shape: Shape) -> Shape | None:
    """``x > 0`` -> (0, \\infty); ``x <= 2`` -> (-\\infty, 2]; ``x < -1 or x > 1`` -> a union; else None."""
    if shape.kind == "list" and len(shape.items) >= 2:
        parts = [_as_interval(i) for i in shape.items]
        return Shape("union", tuple(parts)) if all(p is not None for p in parts) else None  # type: ignore[arg-type]
    if shape.kind == "scalar" and shape.text.strip().lower() in ("r", "ℝ", "\\mathbb{r}", "all real numbers"):
        return Shape("tuple", (Shape("scalar", text="-\\infty"), Shape("scalar", text="\\infty")), brackets="()")
    if shape.kind == "scalar" and (m := _REALS_RE.match(shape.text.replace(" ", ""))):
        return _reals(m)  # \mathbb{R} \setminus \{2\}, \mathbb{R}_{>0}, \mathbb{R}^+
    if shape.kind != "relation" or any(i.kind != "scalar" for i in shape.items):
        return None
    ops = shape.text.split()
    if len(ops) == 2 and ops[0] == ops[1] and ops[0] in (">", ">="):  # 3 > x > 1
        rev = Shape("relation", shape.items[::-1], text=" ".join(_FLIP[o] for o in ops))
        return _chain_interval(rev)
    if len(ops) == 2:
        return _chain_interval(shape)
    if len(ops) != 1 or ops[0] not in (*_FLIP, "!="):
        return None
    left, right = (i.text.replace(" ", "") for i in shape.items)
    op = ops[0]
    if _ABS_VAR_RE.match(left) and not _KEY_RE.match(right) and op != "!=":
        return _abs_interval(right, op)  # |x| > 1 -> (-inf, -1) U (1, inf)
    if op == "!=":  # x != 2 -> (-inf, 2) U (2, inf)
        bound = right if _KEY_RE.match(left) and not _KEY_RE.match(right) else \
            left if _KEY_RE.match(right) and not _KEY_RE.match(left) else None
        if bound is None:
            return None
        return Shape("union", (_interval("-\\infty", bound, "()"), _interval(bound, "\\infty", "()")))
    if _KEY_RE.match(left) and not _KEY_RE.match(right):
        bound = right
    elif _KEY_RE.match(right) and not _KEY_RE.match(left):
        bound, op = left, _FLIP[op]
    else:
        return None
    lo, hi = ("-\\infty", bound) if op in ("<", "<=") else (bound, "\\infty")
    closed = op in ("<=", ">=")
    brackets = ("(" + ("]" if closed else ")")) if op in ("<", "<=") else (("[" if closed else "(") + ")")
    return Shape("tuple", (Shape("scalar", text=lo), Shape("scalar", text=hi)), brackets=brackets,
                 left_closed=brackets[0] == "[", right_closed=brackets[1] == "]")


_ABS_VAR_RE = re.compile(r"^\|([A-Za-z])\|$")


_REALS_RE = re.compile(r"^(?:\\mathbb\{R\}|ℝ|R)(?:\\setminus\\\{([^{}]+)\\\}|_\{?(>|>=|<|<=|\\geq?|\\leq?)0\}?"
                       r"|\^\{?([+-])\}?)$")


def _reals(m: re.Match[str]) -> Shape | None:
    if m.group(1):  # R \ {2}: (-inf, 2) U (2, inf)
        bound = m.group(1)
        return Shape("union", (_interval("-\\infty", bound, "()"), _interval(bound, "\\infty", "()")))
    op = m.group(2) or ("> " if m.group(3) == "+" else "< ")
    op = op.strip().replace("\\geq", ">=").replace("\\ge", ">=").replace("\\leq", "<=").replace("\\le", "<=")
    if op.startswith(">"):
        return _interval("0", "\\infty", "[)" if op == ">=" else "()")
    return _interval("-\\infty", "0", "(]" if op == "<=" else "()")


def _interval(lo: str, hi: str, brackets: str) -> Shape:
    return Shape("tuple", (Shape("scalar", text=lo), Shape("scalar", text=hi)), brackets=brackets,
                 left_closed=brackets[0] == "[", right_closed=brackets[1] == "]")


def _abs_interval(bound: str, op: str) -> Shape:
    """``|x| < b`` -> (-b, b); ``|x| >= b`` -> (-inf, -b] U [b, inf)."""
    closed = op in ("<=", ">=")
    if op in ("<", "<="):
        return _interval(f"-({bound})", bound, "[]" if closed else "()")
    return Shape("union", (_interval("-\\infty", f"-({bound})", "(]" if closed else "()"),
                           _interval(bound, "\\infty", "[)" if closed else "()")))


_LABEL_DECOR_RE = re.compile(r"\\(?:hat|bar|tilde|overline)|[\s{}]")


def _in_space(shape: Shape) -> Shape:
    """A vector in unit-vector notation with no k part (``4\\hat{i} + 3\\hat{j}``), with its zero k part."""
    if shape.brackets != "ijk" or len(shape.items) != 2:
        return shape
    return Shape("tuple", (*shape.items, Shape("scalar", text="0")), brackets="ijk")


_AXES = ("x", "y", "z")


def _different_labels(r: Shape, a: Shape) -> bool:
    """``\\sigma^2 = 4`` against ``\\sigma = 4``: the same symbol, one of them raised to a power; ``x = 4``
    against ``y = 4``: another coordinate."""
    if r.kind != "relation" or a.kind != "relation" or r.text != "=" or a.text != "=":
        return False
    lr, la = r.items[0], a.items[0]
    if lr.kind != "scalar" or la.kind != "scalar":
        return False
    kr, ka = _LABEL_DECOR_RE.sub("", lr.text), _LABEL_DECOR_RE.sub("", la.text)
    if kr != ka and kr in _AXES and ka in _AXES:
        return True  # x = 4 against y = 4: a vertical line is not a horizontal one
    return kr != ka and ("^" in kr) != ("^" in ka) and kr.split("^")[0] == ka.split("^")[0]


def compare_shapes(r: Shape, a: Shape, ctx: Ctx) -> Result:
    ctx.deadline.check()
    if r.kind == "scalar" and a.kind == "scalar":
        return compare_scalar(r.text, a.text, ctx)
    if _interval_like(r) != _interval_like(a):
        converted = _as_interval(a if _interval_like(r) else r)
        if converted is not None:
            return compare_shapes(r, converted, ctx) if _interval_like(r) else compare_shapes(converted, a, ctx)
    kr, ka = _keyed(r), _keyed(a)
    if kr is None and ka is not None and r.kind == "tuple" and ctx.question and \
            (order := _asked_tuple(ctx.question, set(ka))) is not None:
        return _match_ordered(r.items, tuple(ka[k] for k in order), ctx)  # "Give (x, y, z)": z = 5, x = 1, y = 0
    if kr is not None and ka is not None and set(kr) == set(ka):
        for key, value in kr.items():
            res = compare_shapes(value, ka[key], ctx)
            if not res.equal:
                return Result(False, res.confident, f"{key} differs: {res.reason}")
        return Result(True, True, "same value for each unknown")
    if a.kind == "relation" and r.kind == "list" and len(a.items) == len(r.items) and \
            a.text.split()[0] in ("<", ">") and len(set(a.text.split())) == 1:
        return _match_ordered(r.items, a.items, ctx)  # "log n < n < n^2" for "log n, n, n^2": the items in order
    if r.kind == "relation" or a.kind == "relation":
        if _different_labels(r, a):
            return Result(False, True, "the answer names another quantity")
        if r.kind == "relation" and a.kind == "relation":
            res = _compare_relations(r, a, ctx)
            if res is not None and (res.equal or set(r.text.split()) != {"="}):
                return res
        r2, a2 = strip_lhs(r), strip_lhs(a)
        r2 = _chain_interval(r2) or r2
        a2 = _chain_interval(a2) or a2
        if (r2 is not r or a2 is not a) and not (r2.kind == "relation" and a2.kind == "relation"):
            return compare_shapes(r2, a2, ctx)
        if r.kind == "relation" and a.kind == "relation" and len(r.items) == len(a.items):
            if r.text != a.text and r.text == " ".join(_FLIP.get(op, op) for op in reversed(a.text.split())):
                return _match_ordered(r.items, tuple(reversed(a.items)), ctx)  # F > Cl > Br is Br < Cl < F
            if r.text != a.text:
                return Result(False, True, "different relations")
            return _match_ordered(r.items, a.items, ctx)
        return Result(False, False, "a relation against a value")
    if r.kind == "matrix" or a.kind == "matrix":
        rr = r.items if r.kind == "matrix" else None
        aa = a.items if a.kind == "matrix" else None
        if rr is not None and aa is not None:
            if len(rr) != len(aa) or any(len(x) != len(y) for x, y in zip(rr, aa, strict=True)):
                return Result(False, True, "matrix shapes differ")
            return _match_ordered(tuple(c for row in rr for c in row), tuple(c for row in aa for c in row), ctx)
        flat = tuple(c for row in (rr or aa) for c in row)  # type: ignore[union-attr]
        other = a if rr is not None else r
        rows = (rr or aa)
        if other.kind in ("tuple", "list") and all(i.kind == "tuple" for i in other.items) and \
                len(other.items) == len(rows) and all(len(i.items) == len(row) for i, row in zip(other.items, rows,
                                                                                                strict=True)):
            cells = tuple(c for i in other.items for c in i.items)
            return _match_ordered(flat, cells, ctx) if rr else _match_ordered(cells, flat, ctx)
        if other.kind in ("tuple", "list") and (all(len(row) == 1 for row in (rr or aa)) or len(rr or aa) == 1):
            return _match_ordered(flat, other.items, ctx) if rr else _match_ordered(other.items, flat, ctx)
        return Result(False, False, "a matrix against another shape")
    if r.kind == "scalar" and a.kind in ("list", "set") and len(a.items) == 1:
        return compare_shapes(r, a.items[0], ctx)
    if a.kind == "scalar" and r.kind in ("list", "set") and len(r.items) == 1:
        return compare_shapes(r.items[0], a, ctx)
    if r.kind == "scalar" or a.kind == "scalar":
        scalar = r if r.kind == "scalar" else a
        pm = expand_pm_text(scalar.text)
        if pm:
            as_set = Shape("set", tuple(Shape("scalar", text=t) for t in pm))
            return compare_shapes(as_set, a, ctx) if scalar is r else compare_shapes(r, as_set, ctx)
        if a.kind == "scalar" and r.kind in ("list", "tuple") and _BITS_RE.match(a.text) and \
                len(a.text) == len(r.items) and all(i.kind == "scalar" and i.text in ("0", "1") for i in r.items):
            return _match_ordered(r.items, tuple(Shape("scalar", text=c) for c in a.text), ctx)  # 1101: [1, 1, 0, 1]
        if a.kind == "scalar" and r.kind in ("list", "tuple", "set") and (spaced := _spaced_items(a.text, r)):
            return compare_shapes(r, Shape(r.kind, spaced, brackets=r.brackets), ctx)  # "5 3 1 4 8"
        if a.kind == "scalar" and _is_prose(a.text) and r.kind in ("list", "tuple", "set"):
            return _prose_parts(r, a.text, ctx)
        if r.kind == "scalar":
            if a.kind == "list" and len(a.items) <= 3 and all(compare_shapes(r, x, ctx).equal for x in a.items):
                return Result(True, True, "every part restates the reference")  # "sulphuric acid, H2SO4"
            return Result(False, True, f"a {a.kind} where the reference is one value")
        hits = [compare_shapes(x, a, ctx).equal for x in r.items]
        return Result(False, True, "partial answer: only some reference parts given" if any(hits)
                      else f"one value where the reference is a {r.kind}")
    if r.kind == "union" or a.kind == "union":
        return _match_unordered(_items(r), _items(a), ctx)
    if ctx.unordered and r.kind in ("tuple", "list") and a.kind in ("tuple", "list") and not _nested(r) \
            and not _nested(a) and r.brackets in ("", "[]") and a.brackets in ("", "[]") and not _keyed(a) \
            and not _keyed(r):
        return _match_unordered(r.items, a.items, ctx)  # [2, 3] and "x = 3 or x = 2" as a List answer;
        # never (3, 2) (an ordered pair by its notation) or "x = -1, y = 3" (named parts)
    if r.kind == "tuple" and a.kind == "tuple" and "ijk" in (r.brackets, a.brackets) and \
            sorted((len(r.items), len(a.items))) == [2, 3]:
        r, a = _in_space(r), _in_space(a)  # 4\hat{i} + 3\hat{j} against (4, 3, 0): no k part is a zero one
    if r.kind == "tuple" and a.kind == "tuple":
        if ctx.question and _ANY_MULTIPLE_RE.search(ctx.question) and (scaled := _proportional(r, a, ctx)) is not None:
            return scaled  # "an eigenvector": (1, 1) and (-2, -2)
        if _nested(r) and _nested(a):  # [[2, 1], [4, 3]] = ((2, 1), (4, 3)): rows, not intervals
            return _match_ordered(r.items, a.items, replace(ctx, cells=True))
        if is_interval(r) and is_interval(a) and r.brackets != a.brackets and not ctx.cells and _ends_ordered(r) and \
                not ctx.unordered and "confidence" not in ctx.question.lower():
            return Result(False, True, "interval ends differ (open/closed)")
        return _match_ordered(r.items, a.items, ctx)
    if r.kind == "tuple" or a.kind == "tuple":
        other = a if r.kind == "tuple" else r
        tup = r if r.kind == "tuple" else a
        if other.kind == "list" and len(other.items) == len(tup.items) and not any(
                i.kind == "tuple" for i in other.items):
            return _match_ordered(r.items, a.items, ctx)
        return _match_unordered(_items(r), _items(a), ctx)
    if ctx.ordered and r.kind == "list" and a.kind == "list":
        return _match_ordered(r.items, a.items, ctx)
    if r.kind == "list" and a.kind == "list" and len(r.items) == len(a.items) and all(
            i.kind == "relation" and i.text == "=" for i in r.items + a.items):
        return _match_ordered(r.items, a.items, ctx)  # labelled parts whose labels differ in spelling: in order
    return _match_unordered(_items(r), _items(a), ctx)


_SIMPLE_TOKEN_RE = re.compile(r"^(?:[-+]?\d+(?:\.\d+)?|[A-Za-z]|[A-Za-z][a-z]{1,15})$")


_ARROW_SEP_RE = re.compile(r"\s*(?:→|->|⟶|⇒|=>|>)\s*")
_LETTERS_RE = re.compile(r"^[A-J]{2,10}$")
_BITS_RE = re.compile(r"^[01]{2,32}$")


def _spaced_items(text: str, r: Shape) -> tuple[Shape, ...] | None:
    """An answer listing the reference's items separated by spaces only (``5 3 1 4 8``, ``A B C D E``),
    by arrows (``crust → mantle → core``), or option letters run together (``AC`` for ``A, C``):
    as many items as the reference has."""
    if _ARROW_SEP_RE.search(text):
        parts = [p for p in _ARROW_SEP_RE.split(text) if p]
        if len(parts) == len(r.items) and len(parts) >= 2:
            return tuple(Shape("scalar", text=p) for p in parts)
    if _LETTERS_RE.match(text) and all(i.kind == "scalar" and _LETTERS_RE.match(i.text * 2) for i in r.items) \
            and len(text) == len(r.items) and len(set(text)) == len(text):
        return tuple(Shape("scalar", text=c) for c in text)
    tokens = text.split()
    if len(tokens) != len(r.items) or len(tokens) < 2 or not all(_SIMPLE_TOKEN_RE.match(t) for t in tokens):
        return None
    if not all(i.kind == "scalar" and _SIMPLE_TOKEN_RE.match(i.text) for i in r.items):
        return None
    return tuple(Shape("scalar", text=t) for t in tokens)


def _prose_parts(r: Shape, text: str, ctx: Ctx) -> Result:
    """Every reference part found, in order, among the quantities a sentence states."""
    found = _prose_quantities(text)
    parts = [split_quantity(i.text) if i.kind == "scalar" else None for i in r.items]
    if any(p is None for p in parts) or not found or len(found) > 2 * len(parts) + 1:
        return Result(False, False, "could not read the parts from the sentence")
    j = 0
    for p in parts:
        while j < len(found) and not compare_quantities(p, found[j]).equal:  # type: ignore[arg-type]
            j += 1
        if j == len(found):
            return Result(False, False, "a reference part is missing from the sentence")
        j += 1
    return Result(True, True, "every reference part stated in the sentence")


_IDENTITY_RE = re.compile(r"^(?:I|\\mathbb\{?I\}?|\\mathbf\{?I\}?|(?:the\s+)?(?:\d\s*[x×*]\s*\d\s+)?identity(?:\s+matrix)?)"
                          r"(?:_\{?(\d)\}?)?$", re.I)


def compare_texts(reference: str, answer: str, ctx: Ctx) -> Result:
    """Shape both sides and compare them."""
    r = parse_shape(reference)
    if r.kind == "scalar" and _is_prose(answer) and split_quantity(reference) is not None:
        return compare_scalar(reference, answer, ctx)
    if (r.kind == "matrix" or _nested(r)) and (ident := _IDENTITY_RE.match(answer.strip())) is not None:
        rows = r.items if r.kind == "matrix" else tuple(row.items for row in r.items)
        n = len(rows)
        same = all(len(row) == n for row in rows) and all(
            (c.kind == "scalar" and (parse_number(c.text) or Number(Fraction(-1), 0, 1)).value == (1 if i == j else 0))
            for i, row in enumerate(rows) for j, c in enumerate(row)) and int(ident.group(1) or n) == n
        return Result(same, True, "the identity matrix" if same else "not the identity matrix")  # I_3
    a = parse_shape(answer)
    res = compare_shapes(r, a, ctx)
    if not res.equal and r.kind == "tuple" and a.kind == "list" and reference.count("\\pm") == 1 and \
            (both := expand_pm_text(reference)) is not None:
        alt = compare_shapes(parse_shape(", ".join(both)), a, ctx)  # (\pm 4, 0) is (4, 0) and (-4, 0)
        if alt.equal:
            return alt
    if not res.equal and a.kind != "scalar" and _is_prose(answer) and r.kind in ("list", "tuple"):
        prose = _prose_parts(r, answer, ctx)
        if prose.equal:
            return prose
    if not res.equal and r.kind == "scalar" and a.kind == "list" and _is_prose(answer):
        alt = compare_scalar(reference, answer, ctx)
        if alt.equal:
            return alt
    return res


__all__ = ["Ctx", "Result", "compare_texts", "compare_shapes", "compare_scalar", "split_top"]
