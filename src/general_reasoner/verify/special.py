"""Answer forms with their own notation: ratios, genotypes, chemical equations, numbers in a
stated base, asymptotic complexity, tolerances (``10 ± 0.5 mm``), directions (``5 m/s north``)
and vectors in unit-vector form (``3\\hat{i} + 4\\hat{j}``).

Each reader returns None when the text is not in its form, so the caller falls through to the
general comparison. Everything is regex/linear work on short strings; nothing is evaluated.
"""

from __future__ import annotations

import cmath
import math
import re
from collections import Counter
from fractions import Fraction

from general_reasoner.verify.normalize import cached_for_short
from general_reasoner.verify.numbers import Number, parse_number
from general_reasoner.verify.units import Quantity, clean_unit, compare_quantities, split_quantity

# --------------------------------------------------------------------------- ratios

_RATIO_RE = re.compile(r"^\s*[\d.]+\s*%?(?:\s*:\s*[\d.]+\s*%?)+\s*$")
_RATIO_SPLIT_RE = re.compile(r"\s*(?::|\bto\b)\s*")


def _ratio_parts(text: str) -> list[Fraction] | None:
    parts = _RATIO_SPLIT_RE.split(text.strip())
    if len(parts) < 2 or len(parts) > 12:
        return None
    out = []
    for p in parts:
        num = parse_number(p)
        if num is None or num.value <= 0 or re.match(r"0\d", p):  # 12:00, 1:05 are times
            return None
        out.append(num.value / 100 if num.percent else num.value)
    return out if sum(out) > 0 else None


_FRACTION_TEXT_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*/\s*(\d+(?:\.\d+)?)\s*$|^\s*\\frac\{(\d+)\}\{(\d+)\}\s*$")


def _fraction_value(text: str) -> Fraction | None:
    """``1/500000`` or ``\\frac{1}{3}``: a positive fraction written as one; None for anything else."""
    m = _FRACTION_TEXT_RE.match(text)
    if not m:
        return None
    p, q = (Fraction(x) for x in (m.group(1) or m.group(3), m.group(2) or m.group(4)))
    return p / q if p > 0 and q > 0 else None


def compare_ratio(ref: str, ans: str) -> tuple[bool, str] | None:
    """``3:1`` = ``3 to 1`` = ``0.75 : 0.25``; order matters; a two-term ratio is also the fraction it
    stands for (``1:500,000`` = ``1/500000``); None when neither side is a ratio."""
    if ":" not in ref or not _RATIO_RE.match(ref):
        if ":" in ans and (value := _fraction_value(ref)) is not None:
            parts = _ratio_parts(ans)
            if parts is not None and len(parts) == 2:
                same = abs(parts[0] / parts[1] - value) <= Fraction(1, 1000) * abs(value)
                return same, "the ratio is the fraction" if same else "the ratio is another fraction"
        return None
    r, a = _ratio_parts(ref), _ratio_parts(ans)
    if r is None or a is None:
        return None
    if len(r) != len(a):
        return False, "ratios have different numbers of terms"
    sr, sa = sum(r), sum(a)
    same = all(abs(x * sa - y * sr) <= Fraction(1, 1000) * sr * sa for x, y in zip(r, a, strict=True))
    return same, "same ratio" if same else "ratios differ"


# --------------------------------------------------------------------------- genotypes

def _genotype(text: str) -> tuple[str, ...] | None:
    s = text.replace(" ", "")
    if not 2 <= len(s) <= 16 or len(s) % 2 or not s.isalpha() or s.islower() and len(s) > 2:
        return None
    pairs = [s[i:i + 2] for i in range(0, len(s), 2)]
    if any(p[0].lower() != p[1].lower() for p in pairs) or len({p.lower() for p in pairs}) != len(pairs):
        return None
    return tuple(sorted("".join(sorted(p)) for p in pairs))  # "aA" -> "Aa"; genes in any order


def compare_genotype(ref: str, ans: str) -> tuple[bool, str] | None:
    """``AaBb`` = ``BbAa`` = ``aAbB`` but != ``AABb`` (case is the allele)."""
    gr = _genotype(ref)
    if gr is None or not any(c.isupper() for c in ref):
        return None
    ga = _genotype(ans)
    if ga is None:
        return None
    return gr == ga, "same genotype" if gr == ga else "genotypes differ"


# --------------------------------------------------------------------------- chemical equations

_ARROW_RE = re.compile(r"\s*(?:→|->|⟶|⇌|⇒|<=>|<->|\\(?:longrightarrow|rightleftharpoons|leftrightarrow)|(?<![<>!])=(?!=))\s*")
_STATE_RE = re.compile(r"\((?:aq|s|l|g)\)")
_PLUS_RE = re.compile(r"(?<![\^{])\s+\+\s+|(?<=[\d}A-Za-z)])\+(?=\s*\d*\s*[A-Z(])")
_TERM_RE = re.compile(r"^(\d*)\s*\*?\s*(.+)$")
_ATOM_OR_ION_RE = re.compile(r"[A-Z][a-z]?(?:\^?\{?\d*[+-]\}?)?")


def _species(side: str) -> Counter | None:
    from general_reasoner.verify.choice import _subscripts_inline, chemical

    out: Counter = Counter()
    for term in _PLUS_RE.split(_STATE_RE.sub("", side)):
        m = _TERM_RE.match(term.strip())
        if not m:
            return None
        term_text = m.group(2).strip()
        formula = chemical(term_text) or (_subscripts_inline(term_text) if _ATOM_OR_ION_RE.fullmatch(term_text)
                                          else None)  # H, H+, Na^{+}, Cl^-
        if formula is None:
            return None
        out[formula] += int(m.group(1) or 1)
    return out


def _no_equation(ref: str) -> tuple[bool, str] | None:
    rs = _ARROW_RE.split(ref)
    if len(rs) != 2 or not re.search(r"[A-Z]", ref) or any(_species(s) is None for s in rs):
        return None
    return False, "not an equation where the reference is one"


_ARROW_GATE_RE = re.compile("[→=>⇌⟶⇒]")
_BASE_GATE_RE = re.compile(r"[_(]|0[bxoBX]")


def compare_reaction(ref: str, ans: str) -> tuple[bool, str] | None:
    """Balanced equations: same species with the same coefficients on each side, any order."""
    if not _ARROW_GATE_RE.search(ref):
        return None
    if not _ARROW_GATE_RE.search(ans):
        return _no_equation(ref)
    rs = _ARROW_RE.split(ref)
    if len(rs) != 2 or not re.search(r"[A-Z]", ref):
        return None
    sr = [_species(s) for s in rs]
    if any(s is None for s in sr):
        return None
    sa_text = _ARROW_RE.split(ans)
    if len(sa_text) != 2:
        return False, "not an equation where the reference is one"
    sa = [_species(s) for s in sa_text]
    if any(s is None for s in sa):
        return None
    same = sr == sa
    return same, "same balanced equation" if same else "equations differ"


# --------------------------------------------------------------------------- bases

_BASE_FORMS = [
    (re.compile(r"^0b([01]+)$", re.I), 2), (re.compile(r"^0o([0-7]+)$", re.I), 8),
    (re.compile(r"^0x([0-9a-f]+)$", re.I), 16),
    (re.compile(r"^\(?([0-9A-Za-z]+)\)?_\{?\(?(2|8|10|16)\)?\}?$"), 0),
    (re.compile(r"^([0-9A-Fa-f]+)\s*\((?:base\s*)?(2|8|10|16)\)$", re.I), 0),
]


def _based(text: str) -> tuple[int, int] | None:
    s = text.strip().replace(" ", "")
    for regex, base in _BASE_FORMS:
        m = regex.match(s)
        if m:
            b = base or int(m.group(2))
            try:
                return int(m.group(1), b), b
            except ValueError:
                return None
    return None


def compare_base(ref: str, ans: str) -> tuple[bool, str] | None:
    """``0b1010`` = ``1010_2`` = ``1010`` (read in the base the other side states)."""
    if len(ref) > 80 or len(ans) > 80 or not (_BASE_GATE_RE.search(ref) or _BASE_GATE_RE.search(ans)):
        return None
    br, ba = _based(ref), _based(ans)
    if br is None and ba is None:
        return None
    base = (br or ba)[1]  # type: ignore[index]
    try:
        vr = br[0] if br else int(ref.strip(), base)
        va = ba[0] if ba else int(ans.strip(), base)
    except ValueError:
        return None
    return vr == va, f"same number in base {base}" if vr == va else "numbers differ"


# --------------------------------------------------------------------------- complexity

_BIG_O_RE = re.compile(r"^(O|o|\\Theta|Θ|\\Omega|Ω|\\omega)\s*\((.+)\)$")
_COMPLEXITY_WORDS = {
    "constant": "1", "logarithmic": "\\log n", "linear": "n", "linearithmic": "n \\log n",
    "log-linear": "n \\log n", "loglinear": "n \\log n", "n log n": "n \\log n", "quadratic": "n^2",
    "cubic": "n^3", "exponential": "2^n", "factorial": "n!",
}
_LOGS_RE = re.compile(r"\\?(?:lg|ln|log)(?:_\{?\d+\}?)?(?![A-Za-z])")
_LOG_GLUED_RE = re.compile(r"(?<!\\)(log|lg)")  # O(nlogn): "log" glued to its neighbours


def _complexity(text: str) -> tuple[str, str] | None:
    s = text.strip()
    m = _BIG_O_RE.match(s)
    if m:
        return m.group(1).replace("\\", "").replace("Θ", "Theta").replace("Ω", "Omega"), m.group(2)
    w = re.sub(r"\s+(?:time|space)?\s*(?:complexity)?$", "", s.lower()).strip()
    if w in _COMPLEXITY_WORDS:
        return "O", _COMPLEXITY_WORDS[w]
    return None


def compare_complexity(ref: str, ans: str) -> tuple[bool, str] | None:
    """``O(n \\log n)`` = ``O(n lg n)`` (log bases agree asymptotically); ``O(1)`` = ``constant time``;
    ``O`` and ``\\Theta`` of the same function agree (as course graders use them); ``\\Omega`` and ``o`` do not."""
    if "(" not in ref:
        return None
    cr = _complexity(ref)
    if cr is None:
        return None
    ca = _complexity(ans)
    if ca is None:
        return None
    from general_reasoner.verify import expr as ex

    try:
        tr = ex.parse_expr(_LOGS_RE.sub(r"\\log ", _LOG_GLUED_RE.sub(r" \1 ", cr[1])))
        ta = ex.parse_expr(_LOGS_RE.sub(r"\\log ", _LOG_GLUED_RE.sub(r" \1 ", ca[1])))
    except (ex.ParseError, ex.TooComplex):
        return None
    same = ex.equivalent(tr, ta)
    if same is False and ex.proportional(tr, ta, positive=True):
        same = True  # O(n^2/2) is O(n^2): a constant factor is no other bound
    if same is None:
        return None
    if cr[0] != ca[0] and {cr[0], ca[0]} != {"O", "Theta"}:  # O for Theta is the common usage, both ways
        return False, "different asymptotic bounds"
    return same, "same complexity" if same else "complexities differ"


# --------------------------------------------------------------------------- tolerances

_RANGE_RE = re.compile(r"^(.+?)\s*(?:\bto\b|–|—|\.\.)\s*(.+)$")


def _with_unit(text: str, unit: str) -> Quantity | None:
    q = split_quantity(text)
    if q is not None and not q.unit and unit:
        q = split_quantity(f"{text} {unit}")
    return q


def _tolerance(text: str) -> tuple[Quantity, Quantity] | None:
    """``10 ± 0.5 mm`` / ``10 mm ± 0.5 mm`` -> (centre, half-width), each with a unit."""
    if text.count("\\pm") != 1:
        return None
    centre, half = (p.strip() for p in text.split("\\pm"))
    if not centre:
        return None
    qh = split_quantity(half)
    qc = split_quantity(centre)
    if qh is None or qc is None or not (qh.unit or qc.unit):
        return None
    qc = _with_unit(centre, qh.unit) if not qc.unit else qc
    qh = _with_unit(half, qc.unit) if not qh.unit else qh  # type: ignore[union-attr]
    return (qc, qh) if qc is not None and qh is not None else None


def _shift(q: Quantity, by: Quantity, sign: int) -> Quantity | None:
    """q + sign * by, in q's unit (by converted by comparing through a unit-less number)."""
    from general_reasoner.verify.units import _conversion

    scale = 1.0
    if by.unit and q.unit and by.unit != q.unit:
        conv = _conversion(by.unit, q.unit)
        if isinstance(conv, str) or conv[1]:
            return None
        scale = conv[0]
    value = q.number.value + sign * by.number.value * Fraction(scale)
    decimals = None if q.number.decimals is None or by.number.decimals is None else \
        max(q.number.decimals, by.number.decimals)
    return Quantity(Number(value, decimals, 99), q.unit)


# --------------------------------------------------------------------------- compass directions

_AXIS_BEARING = {"north": 0, "east": 90, "south": 180, "west": 270, "n": 0, "e": 90, "s": 180, "w": 270}
_OF_AXIS_RE = re.compile(r"^(?:(.+?)\s*(?:,|\bat\b|\bdirected\b)\s*)?(\d+(?:\.\d+)?)\s*°\s*(north|south|east|west)\s+of"
                         r"\s+(?:due\s+)?(north|south|east|west)$", re.I)
_QUADRANT_RE = re.compile(r"^(?:(.+?)\s*(?:,|\bat\b)\s*)?([NS])\s*(\d+(?:\.\d+)?)\s*°\s*([EW])$")
_BEARING_RE = re.compile(r"^(?:(.+?)\s*(?:,|\bat\b)\s*)?(?:a\s+)?bearing\s+(?:of\s+)?(\d{1,3}(?:\.\d+)?)\s*°?$", re.I)


def _bearing(text: str) -> tuple[str | None, float, float] | None:
    """``53.1° north of east`` / ``N36.9°E`` / ``bearing 036.9°`` -> (magnitude text or None, bearing in degrees
    clockwise from north, half the last stated digit)."""
    t = text.strip().rstrip(".")
    if m := _OF_AXIS_RE.match(t):  # 53.1° north of east: from east, 53.1° toward north
        magnitude, digits, base, toward = m.group(1), m.group(2), m.group(4), m.group(3)
    elif m := _QUADRANT_RE.match(t):  # N36.9°E: from north, 36.9° toward east
        magnitude, digits, base, toward = m.group(1), m.group(3), m.group(2), m.group(4)
    elif m := _BEARING_RE.match(t):
        magnitude, digits, base, toward = m.group(1), m.group(2), "north", "east"
    else:
        return None
    start, turn = _AXIS_BEARING[base.lower()], (_AXIS_BEARING[toward.lower()] - _AXIS_BEARING[base.lower()]) % 360
    if turn not in (90, 270):
        return None  # "30° north of south" names no direction
    bearing = start + (float(digits) if turn == 90 else -float(digits))
    half = 0.5 * 10 ** -(len(digits.split(".")[1]) if "." in digits else 0)
    return (magnitude or None), bearing % 360, half


def compare_bearing(ref: str, ans: str) -> tuple[bool, str] | None:
    """Directions written from either axis: ``53.1° north of east`` = ``36.9° east of north`` = ``N36.9°E`` =
    ``bearing 036.9°``; a magnitude in front is compared as a quantity."""
    if "°" not in ref or "°" not in ans:
        return None
    br, ba = _bearing(ref), _bearing(ans)
    if br is None or ba is None or (br[0] is None) != (ba[0] is None):
        return None
    diff = abs((br[1] - ba[1] + 180) % 360 - 180)
    if diff > max(br[2], ba[2]) + 0.05 + 1e-9:
        return False, "directions differ"
    if br[0] is not None:
        qr, qa = split_quantity(br[0]), split_quantity(ba[0])  # type: ignore[arg-type]
        if qr is None or qa is None:
            return None
        res = compare_quantities(qr, qa)
        return res.equal, ("the same magnitude and direction" if res.equal else res.reason)
    return True, "the same direction"


# --------------------------------------------------------------------------- journal entries

_AMOUNT_RE = r"\$?\s*(?P<amount>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_ENTRY_PATTERNS = (  # (side, account, amount) in the ways accountants write a journal line
    re.compile(rf"^(?P<side>debit|credit|dr\.?|cr\.?)\s+(?P<account>[A-Za-z][A-Za-z/&' \-]*?)\s*:?\s*{_AMOUNT_RE}$", re.I),
    re.compile(rf"^(?P<account>[A-Za-z][A-Za-z/&' \-]*?)\s*\(?(?P<side>debit|credit|dr\.?|cr\.?)\)?\s*:?\s*{_AMOUNT_RE}$", re.I),
    re.compile(rf"^(?P<account>[A-Za-z][A-Za-z/&' \-]*?)\s+{_AMOUNT_RE}\s*\((?P<side>debit|credit|dr\.?|cr\.?)\)$", re.I),
)
_ENTRY_SPLIT_RE = re.compile(r"\s*(?:;|\s/\s|\n|,(?=\s*(?:debit|credit|dr\b|cr\b)))\s*", re.I)
_ACCOUNT_WORDS = {"a/r": "accounts receivable", "a/p": "accounts payable", "ar": "accounts receivable",
                  "ap": "accounts payable", "cogs": "cost of goods sold"}


def _journal(text: str) -> list[tuple[str, str, float]] | None:
    """``Debit Cash $500; Credit Revenue $500`` / ``Dr Cash 500 / Cr Revenue 500`` / ``Cash (Dr) 500`` /
    ``Cash 500 (debit)`` -> [(debit, cash, 500.0), (credit, revenue, 500.0)]; None unless every line is one."""
    if not re.search(r"\b(?:debit|credit|dr|cr)\b", text, re.I):
        return None
    lines = [x for x in _ENTRY_SPLIT_RE.split(text.strip().rstrip(".")) if x]
    out = []
    for line in lines:
        m = next((m for pattern in _ENTRY_PATTERNS if (m := pattern.match(line.strip()))), None)
        if m is None:
            return None
        side = "debit" if m.group("side").lower().startswith(("debit", "dr")) else "credit"
        account = " ".join(m.group("account").lower().replace("-", " ").split())
        account = _ACCOUNT_WORDS.get(account, account)
        out.append((side, account, float(m.group("amount").replace(",", ""))))
    return out if len(out) >= 2 else None


def _same_account(a: str, b: str) -> bool:
    """One account: the same name, or ``Sales`` for ``Sales Revenue`` (never ``Supplies`` for ``Supplies Expense``,
    ``Revenue`` for ``Unearned Revenue``)."""
    return a == b or f"{a} revenue" == b or f"{b} revenue" == a


def compare_journal(ref: str, ans: str) -> tuple[bool, str] | None:
    """Journal entries: the same debits and credits, each account with its amount, in any order and any
    notation (Dr/Cr, debit/credit, before or after the account); swapped sides or amounts differ."""
    jr, ja = _journal(ref), _journal(ans)
    if jr is None or ja is None:
        return None
    if len(jr) != len(ja):
        return False, "a different number of journal lines"
    left = list(ja)
    for side, account, amount in jr:
        hit = next((x for x in left if x[0] == side and abs(x[2] - amount) < 0.005
                    and _same_account(x[1], account)), None)
        if hit is None:
            return False, f"the {side} to {account} differs"
        left.remove(hit)
    return True, "the same journal entry"


# --------------------------------------------------------------------------- phasors

_NUM = r"[-+]?\d+(?:\.\d+)?"
_POLAR_RE = re.compile(rf"^({_NUM})\s*∠\s*({_NUM})\s*(°|rad)?\s*(.*)$")
_EXP_FORM_RE = re.compile(rf"^({_NUM})\s*\*?\s*e\^\{{\s*j\s*\*?\s*(\\pi\s*/\s*\d+|{_NUM}\s*°?)\s*\}}\s*(.*)$")
_RECT_RE = re.compile(rf"^({_NUM})\s*([-+])\s*(?:j\s*({_NUM})|({_NUM})\s*\*?\s*[ji])\s*(.*)$")


def _phasor(text: str) -> tuple[complex, str] | None:
    """``50∠53.13° Ω``, ``30 + 40j Ω``, ``0.12 - j0.16 S``, ``10e^{j\\pi/6} Ω`` -> (complex value, unit)."""
    t = text.strip()
    if m := _POLAR_RE.match(t):
        angle = float(m.group(2)) * (1 if m.group(3) == "rad" else math.pi / 180)
        return cmath.rect(float(m.group(1)), angle), m.group(4).strip()
    if m := _EXP_FORM_RE.match(t):
        arg = m.group(2).replace(" ", "")
        if arg.startswith("\\pi/"):
            angle = math.pi / float(arg.split("/")[1])
        else:
            angle = float(arg.rstrip("°")) * (math.pi / 180 if arg.endswith("°") else 1)
        return cmath.rect(float(m.group(1)), angle), m.group(3).strip()
    if m := _RECT_RE.match(t):
        imag = float(m.group(3) or m.group(4)) * (1 if m.group(2) == "+" else -1)
        return complex(float(m.group(1)), imag), m.group(5).strip()
    return None


def compare_phasor(ref: str, ans: str) -> tuple[bool, str] | None:
    """Complex quantities in polar and rectangular form (impedances, admittances, phasors): ``50∠53.13° Ω`` =
    ``30 + 40j Ω``; within 0.2% of the magnitude (a rounded angle), the same unit text."""
    if "∠" not in ref + ans and "e^{j" not in ref + ans:
        return None
    pr, pa = _phasor(ref), _phasor(ans)
    if pr is None or pa is None or clean_unit(pr[1]).replace(" ", "") != clean_unit(pa[1]).replace(" ", ""):
        return None
    same = abs(pr[0] - pa[0]) <= 2e-3 * max(abs(pr[0]), 1e-12)
    return same, "the same complex value" if same else "complex values differ"


# --------------------------------------------------------------------------- propositional logic

_LOGIC_GATE_RE = re.compile(r"[∧∨¬⊕→↔⇒⇔~&|!]|\\(?:land|lor|neg|lnot|wedge|vee|oplus|to|implies|iff|rightarrow|"
                            r"leftrightarrow|Rightarrow|Leftrightarrow)(?![A-Za-z])")
_LOGIC_TOKEN_RE = re.compile(
    r"\s*(?:(?P<not>¬|~|!|\\neg|\\lnot|\bnot\b)|(?P<and>∧|&&?|\\land|\\wedge|\band\b)|(?P<or>∨|\|\|?|\\lor|\\vee|\bor\b)"
    r"|(?P<xor>⊕|\\oplus|\bxor\b)|(?P<iff>↔|⇔|<->|<=>|\\iff|\\leftrightarrow|\\Leftrightarrow)"
    r"|(?P<imp>→|⇒|->|=>|\\to|\\implies|\\rightarrow|\\Rightarrow)|(?P<var>[A-Za-z](?![A-Za-z]))"
    r"|(?P<open>[(\[]|\\left\s*\(|\\\{)|(?P<close>[)\]]|\\right\s*\)|\\\}))")
_LOGIC_OPS = {"and": lambda a, b: a and b, "or": lambda a, b: a or b, "xor": lambda a, b: a != b,
              "imp": lambda a, b: (not a) or b, "iff": lambda a, b: a == b}


def _logic_tokens(text: str) -> list[tuple[str, str]] | None:
    out, pos, s = [], 0, text.replace("$", " ").strip()
    while pos < len(s):
        m = _LOGIC_TOKEN_RE.match(s, pos)
        if not m or m.end() == pos:
            if s[pos].isspace():
                pos += 1
                continue
            return None
        out.append((m.lastgroup, m.group(m.lastgroup)))  # type: ignore[arg-type]
        pos = m.end()
    return out


def _logic_formula(text: str):  # type: ignore[no-untyped-def]
    """A propositional formula as nested tuples (``("var", "P")``, ``("not", f)``, ``(op, f, g)``), or None when
    the text is anything else. Precedence: not, and, or/xor, implies (right), iff."""
    tokens = _logic_tokens(text)
    if not tokens or len(tokens) > 200 or not any(k in _LOGIC_OPS or k == "not" for k, _ in tokens):
        return None
    at = [0]

    def peek() -> str | None:
        return tokens[at[0]][0] if at[0] < len(tokens) else None

    def binary(level: int):  # type: ignore[no-untyped-def]
        ops = (("iff",), ("imp",), ("or", "xor"), ("and",))[level]
        left = binary(level + 1) if level < 3 else unary()
        while peek() in ops:
            op = tokens[at[0]][0]
            at[0] += 1
            right = binary(level) if op == "imp" else (binary(level + 1) if level < 3 else unary())
            left = (op, left, right)
            if op == "imp":
                break
        return left

    def unary():  # type: ignore[no-untyped-def]
        kind = peek()
        if kind == "not":
            at[0] += 1
            return ("not", unary())
        if kind == "var":
            at[0] += 1
            return ("var", tokens[at[0] - 1][1])
        if kind == "open":
            at[0] += 1
            inner = binary(0)
            if peek() != "close":
                raise ValueError("unclosed")
            at[0] += 1
            return inner
        raise ValueError("not a formula")

    try:
        tree = binary(0)
    except (ValueError, RecursionError):
        return None
    return tree if at[0] == len(tokens) else None


def _logic_value(tree, env: dict[str, bool]) -> bool:  # type: ignore[no-untyped-def]
    if tree[0] == "var":
        return env[tree[1]]
    if tree[0] == "not":
        return not _logic_value(tree[1], env)
    return _LOGIC_OPS[tree[0]](_logic_value(tree[1], env), _logic_value(tree[2], env))


def _logic_names(tree) -> set[str]:  # type: ignore[no-untyped-def]
    return {tree[1]} if tree[0] == "var" else set().union(*(_logic_names(t) for t in tree[1:]))


def compare_logic(ref: str, ans: str) -> tuple[bool, str] | None:
    """Propositional formulas compared by their truth tables: ``\\neg(A \\land B)`` = ``\\neg A \\lor \\neg B``,
    ``P \\to Q`` = ``\\neg Q \\to \\neg P``; ``\\neg A \\land \\neg B`` is not ``\\neg(A \\land B)``. None unless both are
    formulas in single-letter variables."""
    if not _LOGIC_GATE_RE.search(ref) or not _LOGIC_GATE_RE.search(ans) or len(ref) + len(ans) > 400:
        return None
    fr, fa = _logic_formula(ref), _logic_formula(ans)
    if fr is None or fa is None:
        return None
    names = sorted(_logic_names(fr) | _logic_names(fa))
    if len(names) > 8:
        return None
    for bits in range(2 ** len(names)):
        env = {n: bool(bits >> i & 1) for i, n in enumerate(names)}
        if _logic_value(fr, env) != _logic_value(fa, env):
            return False, "different truth tables"
    return True, "equivalent propositions (same truth table)"


_CLOCK_RE = re.compile(r"^(?:at\s+)?(\d{1,2})(?:[:h](\d{2}))?\s*(?:(a|p)\.?\s?m\.?)?(?:\s+(?:local\s+time|UTC|GMT))?$", re.I)


def _clock_minutes(text: str) -> int | None:
    """``1:15 PM`` / ``13:15`` -> 795, minutes after midnight; None unless the text is a clock time (a colon or
    AM/PM: a bare ``13`` is a number)."""
    m = _CLOCK_RE.match(text.strip())
    if not m or not (m.group(2) or m.group(3)):
        return None
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if minute > 59 or hour > 23 or (m.group(3) and not 1 <= hour <= 12):
        return None
    if m.group(3):
        hour = hour % 12 + (12 if m.group(3).lower() == "p" else 0)
    return hour * 60 + minute


def compare_clock(ref: str, ans: str) -> tuple[bool, str] | None:
    """Times of day on a 12- or 24-hour clock: ``1:15 PM`` = ``13:15``; ``2:00 PM`` != ``2:00 AM``."""
    if ":" not in ref + ans and "m" not in (ref + ans).lower():
        return None
    tr, ta = _clock_minutes(ref), _clock_minutes(ans)
    if tr is None or ta is None:
        return None
    return (True, "the same time of day") if tr == ta else (False, "another time of day")


def compare_tolerance(ref: str, ans: str) -> tuple[bool, str] | None:
    """A value with a tolerance needs both: ``10 ± 0.5 mm`` = ``9.5 mm to 10.5 mm`` != ``10 mm``."""
    tr = _tolerance(ref) if "\\pm" in ref else None
    if tr is None:
        return None
    ta = _tolerance(ans)
    if ta is not None:
        same = compare_quantities(tr[0], ta[0]).equal and compare_quantities(tr[1], ta[1]).equal
        return same, "same value and tolerance" if same else "value or tolerance differs"
    m = _RANGE_RE.match(ans)
    if m:
        hi_text = m.group(2)
        lo = split_quantity(m.group(1))
        hi = split_quantity(hi_text)
        if lo is not None and hi is not None:
            if not lo.unit and hi.unit:
                lo = _with_unit(m.group(1), hi.unit)
            lo_r, hi_r = _shift(tr[0], tr[1], -1), _shift(tr[0], tr[1], 1)
            if lo is None or lo_r is None or hi_r is None:
                return None
            same = compare_quantities(lo_r, lo).equal and compare_quantities(hi_r, hi).equal
            return same, "same range" if same else "range differs"
    if split_quantity(ans) is not None:
        return False, "the tolerance is missing"
    return None


# --------------------------------------------------------------------------- directions

_DIRECTIONS = {"north": "n", "south": "s", "east": "e", "west": "w", "northeast": "ne", "north-east": "ne",
               "northwest": "nw", "north-west": "nw", "southeast": "se", "south-east": "se", "southwest": "sw",
               "south-west": "sw", "up": "up", "upward": "up", "upwards": "up", "down": "down",
               "downward": "down", "downwards": "down", "left": "left", "right": "right",
               "leftward": "left", "rightward": "right", "northward": "n", "southward": "s", "eastward": "e",
               "westward": "w"}
_DIRECTION_RE = re.compile(
    r"^(.*?[\d}%a-zA-Z°)])\s*,?\s+(?:directed\s+|pointing\s+|to\s+the\s+|towards?\s+(?:the\s+)?|due\s+)?("
    + "|".join(sorted(_DIRECTIONS, key=len, reverse=True)) + r")\.?$", re.I)


@cached_for_short
def split_direction(text: str) -> tuple[str, str] | None:
    """``5 m/s north`` -> (``5 m/s``, ``n``); None without a trailing compass/vertical direction."""
    if len(text) > 120 or not text or text.rsplit(None, 1)[-1].lower().rstrip(".") not in _DIRECTIONS:
        return None
    m = _DIRECTION_RE.match(text.strip())
    if not m or not re.search(r"\d", m.group(1)):
        return None
    if any(w.lower().strip(".,;") in _DIRECTIONS for w in m.group(1).split()):
        return None  # "5.0 km east, 8.66 km north": components, each with its own direction
    return m.group(1).strip(), _DIRECTIONS[m.group(2).lower()]


# --------------------------------------------------------------------------- unit vectors

_HAT_RE = re.compile(r"\\(?:hat|vec|mathbf|boldsymbol)\s*\{?\s*([ijkxyz])\s*\}?|\\?(?:hat)?([ijk])(?:-?hat)?(?![A-Za-z])")
_AXIS = {"i": 0, "x": 0, "j": 1, "y": 1, "k": 2, "z": 2}


def _signed_terms(s: str) -> list[str]:
    terms, depth, start = [], 0, 0
    for i, c in enumerate(s):
        if c in "({[":
            depth += 1
        elif c in ")}]":
            depth -= 1
        elif c in "+-" and depth == 0 and i > start and s[i - 1] not in "^_eE*/(":
            terms.append(s[start:i])
            start = i
    terms.append(s[start:])
    return [t.strip() for t in terms if t.strip()]


@cached_for_short
def unit_vector_parts(text: str) -> tuple[list[str], str] | None:
    """``3\\hat{i} - \\hat{j} + 5\\hat{k}`` -> (['3', '-1', '5'], unit); bare ``i``/``j``/``k`` only
    when ``j`` or ``k`` is present (``3 + 4i`` stays a complex number)."""
    s = text.strip()
    hats = "\\hat" in s or "\\vec" in s or "\\mathbf" in s
    if not hats and not re.search(r"(?<![A-Za-z\\])[jk](?![A-Za-z])", s):
        return None
    unit = ""
    last = list(_HAT_RE.finditer(s))
    if not last:
        return None
    tail = s[last[-1].end():].strip()
    if tail:
        q = split_quantity(f"1 {tail}")
        if q is None or not q.unit:
            return None
        unit, s = tail, s[:last[-1].end()]
    comps: dict[int, str] = {}
    for term in _signed_terms(s):
        found = list(_HAT_RE.finditer(term))
        m = found[-1] if found else None
        if m is None or m.end() != len(term) or (not hats and m.group(1)):
            return None
        axis = _AXIS[(m.group(1) or m.group(2))]
        coef = re.sub(r"^([+-])\s+", r"\1", term[:m.start()].strip().rstrip("*").strip())
        if coef in ("", "+", "-"):
            coef += "1"
        if axis in comps or _HAT_RE.search(coef):
            return None
        comps[axis] = coef
    if not comps or (not hats and len(comps) < 2):
        return None
    dim = 3 if 2 in comps else 2
    return [comps.get(i, "0") for i in range(dim)], unit


__all__ = ["compare_base", "compare_bearing", "compare_clock", "compare_journal", "compare_phasor", "compare_complexity", "compare_logic", "compare_genotype", "compare_ratio",
           "compare_reaction", "compare_tolerance", "split_direction", "unit_vector_parts"]


# --------------------------------------------------------------------------- electron configurations

_ORBITAL_RE = re.compile(r"([1-7])\s*([spdf])\s*(?:\^\s*\{?\s*(\d{1,2})\s*\}?|(\d{1,2}))")
_CORE_RE = re.compile(r"^\s*\[\s*(He|Ne|Ar|Kr|Xe|Rn)\s*\]")
_CORES = {"He": "1s2", "Ne": "[He] 2s2 2p6", "Ar": "[Ne] 3s2 3p6", "Kr": "[Ar] 3d10 4s2 4p6",
          "Xe": "[Kr] 4d10 5s2 5p6", "Rn": "[Xe] 4f14 5d10 6s2 6p6"}
_CONFIG_GATE_RE = re.compile(r"^\s*(?:\[\s*[A-Z][a-z]\s*\]\s*)?[1-7]\s*[spdf]")


def _configuration(text: str, depth: int = 0) -> Counter | None:
    """``[Ar] 4s^2 3d^6`` -> {1s: 2, 2s: 2, ..., 3d: 6, 4s: 2}; None unless the whole text is one."""
    out: Counter = Counter()
    rest = text
    m = _CORE_RE.match(rest)
    if m:
        core = _configuration(_CORES[m.group(1)], depth + 1) if depth < 6 else None
        if core is None:
            return None
        out.update(core)
        rest = rest[m.end():]
    pos, rest = 0, rest.strip()
    for o in _ORBITAL_RE.finditer(rest):
        if rest[pos:o.start()].strip(" ,"):
            return None
        out[o.group(1) + o.group(2)] += int(o.group(3) or o.group(4))
        pos = o.end()
    if rest[pos:].strip(" ,.") or not out:
        return None
    return out


def compare_electron_config(ref: str, ans: str) -> tuple[bool, str] | None:
    """``[Ar] 4s^2 3d^6`` = ``1s^2 2s^2 2p^6 3s^2 3p^6 3d^6 4s^2`` (cores expanded, orbitals in any order)."""
    if not _CONFIG_GATE_RE.match(ref):
        return None
    cr = _configuration(ref)
    if cr is None:
        return None
    ca = _configuration(ans)
    if ca is None:
        return None
    return cr == ca, "same electron configuration" if cr == ca else "electron configurations differ"


# --------------------------------------------------------------------------- congruences

_MOD_RE = re.compile(r"^\s*([a-z])\s*(?:\\equiv|≡|=)\s*([-+]?\d+)\s*(?:\\pmod\s*\{?\s*(\d+)\s*\}?"
                     r"|\(\s*\\?(?:mod|bmod)\s*(\d+)\s*\))\s*$")
_LINEAR_FAMILY_RE = re.compile(r"^\s*([a-z])\s*=\s*(?:(\d+)\s*\*?\s*([kmnt])\s*([-+])\s*(\d+)|([-+]?\d+)\s*([-+])\s*(\d+)\s*\*?\s*"
                               r"([kmnt]))\s*$")
_RESIDUE_RE = re.compile(r"^\s*(?:[a-z]\s*\\equiv\s*)?([-+]?\d+)\s*\(?\\pmod\s*\{?\s*(\d+)\s*\}?\)?\s*$")


def _congruence(text: str) -> tuple[int, int] | None:
    """``x \\equiv 5 \\pmod 7`` or ``x = 7k + 5`` -> (5, 7): the residue class."""
    m = _MOD_RE.match(text)
    if m:
        mod = int(m.group(3) or m.group(4))
        return (int(m.group(2)) % mod, mod) if mod else None
    m = _LINEAR_FAMILY_RE.match(text)
    if m:
        if m.group(2):  # 7k + 5, 15k - 7
            mod, off = int(m.group(2)), int(m.group(5)) * (1 if m.group(4) == "+" else -1)
        else:  # 5 + 7k (the sign before k does not change the class)
            off, mod = int(m.group(6)), int(m.group(8))
        return (off % mod, mod) if mod else None
    return None


def compare_congruence(ref: str, ans: str) -> tuple[bool, str] | None:
    """``x \\equiv 8 \\pmod{15}`` = ``x = 15k - 7``; ``2`` = ``2 \\pmod 7``."""
    if "mod" not in ref and "mod" not in ans and "equiv" not in ref:
        return None
    if (m := _RESIDUE_RE.match(ans)) and re.fullmatch(r"\s*[-+]?\d+\s*", ref):
        return int(ref) % int(m.group(2)) == int(m.group(1)) % int(m.group(2)), "the same residue"
    cr = _congruence(ref)
    if cr is None:
        return None
    ca = _congruence(ans)
    if ca is None:
        return None
    return cr == ca, "the same residue class" if cr == ca else "residue classes differ"
