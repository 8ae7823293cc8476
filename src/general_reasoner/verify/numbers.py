"""Plain numbers: parsing (separators, scientific notation, fractions, percentages) and a
comparison whose tolerance is tied to the precision each side states.

- exact vs exact (integers, fractions): equal values only.
- a decimal reference states its precision: the answer must round to it (``26.3`` accepts
  ``26.32``, ``1.8e-5`` accepts ``1.82e-5``; ``1.23e-8`` rejects ``1.24e-8``); a reference with one
  significant digit (``0.5``, ``3e8``) allows at most 1% of its value.
- an answer may state fewer digits than the reference if it is a correct rounding of it and
  keeps >= 3 significant digits (``3.14159`` accepts ``3.14``) or >= 2 within 0.25% (``97.2`` accepts
  ``97``; ``1.23`` rejects ``1.2``, ``4.76`` rejects ``4.8``, ``3.21`` rejects ``3.2``); an exact reference accepts a decimal with >= 2 significant
  digits that is a correct rounding (``1/3`` accepts ``0.33``, as Math-Verify's suite labels it); a
  repeating decimal
  (``0.\\overline{36}``) is exact and accepts no rounding.
- a value whose precision is not a power of ten (an answer converted from another unit) is equal
  when the two rounding intervals overlap and the values are within 0.5%.
- an integer is exact (a count), unless it is ``measured`` (it carries a unit, or the answer type
  is Float): then its last digit is its precision (``-890 kJ/mol`` accepts ``-890.3 kJ/mol``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction

from general_reasoner.verify.deadline import MAX_EXPONENT
from general_reasoner.verify.normalize import cached_for_short

_SEP_INT = r"\d{1,3}(?:(?:,|\s|')\d{3})+"
_MANTISSA = rf"(?:{_SEP_INT}(?:\.\d+)?|\d+\.?\d*|\.\d+)"
_EXP = r"(?:\s*[eE]\s*([-+]?\d+)|\s*\*\s*10\s*\^\s*\{?\s*([-+]?\d+)\s*\}?)"
_NUMBER_RE = re.compile(rf"([-+]?)\s*({_MANTISSA}){_EXP}?")
_POW10_RE = re.compile(r"([-+]?)\s*10\s*\^\s*\{?\s*([-+]?\d+)\s*\}?")
_FRAC_RE = re.compile(r"([-+]?)\s*(?:\\frac\s*\{\s*(\d+)\s*\}\s*\{\s*(\d+)\s*\}|\\frac\s*(\d)(\d)|(\d+)\s*/\s*(\d+))")
_DECIMAL_COMMA_RE = re.compile(r"^([-+]?)(\d+),(\d+)$")
_REPEATING_RE = re.compile(r"([-+]?)(\d*)\.(\d*)\\(?:overline|bar)\s*\{(\d{1,12})\}")
_MIXED_RE = re.compile(r"([-+]?)(\d{1,12})\s*\\frac\s*\{\s*(\d{1,12})\s*\}\s*\{\s*(\d{1,12})\s*\}"
                       r"|([-+]?)(\d{1,12})\s+(\d{1,12})/(\d{1,12})")
_PERCENT_RE = re.compile(r"\s*(?:%|percent(?:age)?|pct)\.?$", re.I)


@dataclass(frozen=True)
class Number:
    value: Fraction
    decimals: int | None       # decimal places stated (negative for 6.02e23); None: exact fraction
    sig: int                   # significant digits stated
    percent: bool = False
    min_sig: int = 3           # an exact reference accepts roundings with at least this many digits
    measured: bool = False     # an integer stating a measurement (precision in its last digit), not a count
    quantum_override: Fraction | None = None  # the precision of a converted value (not a power of ten)

    @property
    def quantum(self) -> Fraction | None:
        if self.quantum_override is not None:
            return self.quantum_override
        return None if self.decimals is None else Fraction(10) ** -self.decimals

    @property
    def is_integer_literal(self) -> bool:  # (a percentage is a measured rate: 78% accepts 78.08%)
        return self.decimals == 0 and self.value.denominator == 1 and not self.measured and not self.percent

    def __float__(self) -> float:
        return float(self.value)


_SEPARATORS_RE = re.compile(r"[,\s']")
_INT_RE = re.compile(r"([-+]?)(\d{1,30})")
_DEC_RE = re.compile(r"([-+]?)(\d{0,30})\.(\d{1,30})")
_ANY_DIGIT_RE = re.compile(r"\d")


def _digits_info(mantissa: str) -> tuple[Fraction, int, int]:
    m = _SEPARATORS_RE.sub("", mantissa) if ("," in mantissa or " " in mantissa or "'" in mantissa) else mantissa
    if m.endswith("."):
        m = m[:-1]
    if "." in m:
        whole, frac = m.split(".", 1)
        decimals = len(frac)
    else:
        whole, frac, decimals = m, "", 0
    digits = (whole + frac).lstrip("0") or "0"
    sig = len(digits) if frac else len(digits.rstrip("0")) or 1
    if frac and not whole.strip("0"):
        sig = len(frac.lstrip("0")) or 1
    value = int(whole + frac or "0")
    return (Fraction(value, 10 ** decimals) if decimals else Fraction(value)), decimals, sig


@cached_for_short
def parse_number(text: str) -> Number | None:
    """A whole string that is one number (no units), or None."""
    s = text.strip()
    if not s or len(s) > 200:
        return None
    m = _INT_RE.fullmatch(s) or _DEC_RE.fullmatch(s)
    if not m and not _ANY_DIGIT_RE.search(s):
        return None  # every spelling below has a digit: words are not numbers here
    if m:  # fast path: a plain integer or decimal
        value, decimals, sig = _digits_info(s.lstrip("+-"))
        return Number(-value if m.group(1) == "-" else value, decimals, sig)
    percent = False
    pm = _PERCENT_RE.search(s)
    if pm:
        percent, s = True, s[:pm.start()].strip()
    s = s.replace("{,}", ",").replace("\\,", "").replace("\\!", "")
    if s.startswith("{") and s.endswith("}") and s.count("{") == 1:
        s = s[1:-1].strip()
    if s.startswith("(") and s.endswith(")") and s.count("(") == 1 and "," not in s:
        s = s[1:-1].strip()
    m = _DECIMAL_COMMA_RE.match(s)
    if m and ((len(m.group(3)) >= 2 and len(m.group(3)) != 3) or m.group(2) == "0" or len(m.group(2)) > 3):
        s = f"{m.group(1)}{m.group(2)}.{m.group(3)}"
    m = _NUMBER_RE.fullmatch(s)
    if m:
        sign, mantissa = m.group(1), m.group(2)
        if re.search(r"\d\s\d", mantissa) and not re.fullmatch(_SEP_INT + r"(?:\.\d+)?", mantissa):
            return None
        value, decimals, sig = _digits_info(mantissa)
        exp_text = m.group(3) or m.group(4)
        if exp_text is not None:
            exp = int(exp_text)
            if abs(exp) > MAX_EXPONENT:
                return None
            value *= Fraction(10) ** exp
            decimals -= exp
        return Number(-value if sign == "-" else value, decimals, sig, percent)
    m = _POW10_RE.fullmatch(s)
    if m:
        exp = int(m.group(2))
        if abs(exp) > MAX_EXPONENT:
            return None
        value = Fraction(10) ** exp
        return Number(-value if m.group(1) == "-" else value, -exp, 1, percent)
    m = _REPEATING_RE.fullmatch(s)
    if m:  # 0.1\overline{6} = 1/6
        whole, head, rep = m.group(2) or "0", m.group(3), m.group(4)
        value = int(whole) + (Fraction(int(head or "0"), 10 ** len(head))
                              + Fraction(int(rep), (10 ** len(rep) - 1) * 10 ** len(head)))
        return Number(-value if m.group(1) == "-" else value, None, 99, percent, min_sig=99)
    m = _MIXED_RE.fullmatch(s)
    if m:  # a mixed number: 3\frac{1}{2} and 3 1/2 are 7/2 (a proper fraction after a whole number)
        sign, whole, num, den = (m.group(1), m.group(2), m.group(3), m.group(4)) if m.group(2) else \
            (m.group(5), m.group(6), m.group(7), m.group(8))
        if 0 < int(num) < int(den):
            value = int(whole) + Fraction(int(num), int(den))
            return Number(-value if sign == "-" else value, None, 99, percent)
        return None
    m = _FRAC_RE.fullmatch(s)
    if m:
        num = m.group(2) or m.group(4) or m.group(6)
        den = m.group(3) or m.group(5) or m.group(7)
        if len(num) > 60 or len(den) > 60 or int(den) == 0:
            return None
        value = Fraction(int(num), int(den))
        return Number(-value if m.group(1) == "-" else value, None, 99, percent)
    return None


def from_float(x: float) -> Fraction:
    """A float as a Fraction: snapped to a simple fraction in the everyday range (0.1 -> 1/10),
    exact outside it (snapping 6.6e-34 to a denominator <= 10**12 would make it 0)."""
    if 1e-4 <= abs(x) < 1e12:
        return Fraction(x).limit_denominator(10**12)
    return Fraction(x)


def _within(a: Fraction, r: Fraction, tol: Fraction) -> bool:
    return abs(a - r) <= tol


def _quantum_f(num: Number) -> float | None:
    if num.quantum_override is not None:
        return float(num.quantum_override)
    return None if num.decimals is None else 10.0 ** -num.decimals


def _float(x: Fraction) -> float:
    """``float(x)``, or +-inf past the float range (``1e400``), where only exact arithmetic decides."""
    try:
        return float(x)
    except OverflowError:
        return math.inf if x > 0 else -math.inf


def _exact_count(ref: Number) -> bool:
    """An integer reference past float precision (2^64, 20!): every digit counts, so no float-noise slack
    (18446744073709551615 is not 2^64, and a float evaluation cannot confirm it)."""
    return ref.is_integer_literal and abs(ref.value) >= 10**15


def numbers_equal(ref: Number, ans: Number) -> tuple[bool, bool]:
    """(equal, near): ``near`` means within 1% but outside the stated precision.

    Decided in floats where a difference is clearly inside or outside a tolerance (by more than the
    floats' own error); within that margin, or outside the float range, :func:`numbers_equal_exact`
    decides. The two always agree (tests/verify/test_properties.py)."""
    r, a = ref.value, ans.value
    if r == a:
        return True, True
    fr, fa = _float(r), _float(a)
    big = max(abs(fr), abs(fa))
    if not 1e-200 < big < 1e200:  # (also past the float range: 1e400)
        return numbers_equal_exact(ref, ans)
    d = abs(fa - fr)
    if d > 0.06 * big:
        return False, False  # no tolerance below is wider than 5% of the value
    margin = 8e-16 * big
    if abs(d - big / 100) <= margin or abs(d - big * 1e-12) <= margin:
        return numbers_equal_exact(ref, ans)
    near = d <= big / 100
    if d <= big * 1e-12 and not _exact_count(ref):
        return True, True
    qr, qa = _quantum_f(ref), _quantum_f(ans)
    if qr is None and qa is None:
        return False, near

    def within(t: float) -> bool | None:  # d <= t, or None when too close to call in floats
        if d < t - margin - t * 1e-9:
            return True
        if d > t + margin + t * 1e-9:
            return False
        return None

    def decided(*checks: bool | None) -> bool | None:
        return None if None in checks else all(checks)  # type: ignore[arg-type]

    if qr is None or (ref.is_integer_literal and qa is not None and qa < 1):
        if qa is None or ans.sig < ref.min_sig:
            ok: bool | None = False
        else:
            ok = within(qa / 2)
        if ok is False and qa is not None and ans.sig >= 4:
            ok = within(qa)  # truncated, not rounded
        return (ok, near) if ok is not None else numbers_equal_exact(ref, ans)
    tol = qr / 2 if ref.sig >= 2 or not fr else min(qr / 2, abs(fr) / 100)
    first = within(tol * (1 + 1e-9))
    if first is None:
        return numbers_equal_exact(ref, ans)
    if first:
        return True, True
    if qa is not None and (ref.quantum_override or ans.quantum_override):
        check = decided(None if abs(d - (qa + qr) / 2) <= margin + (qa + qr) * 1e-9 else d < (qa + qr) / 2,
                        within(abs(fr) / 200))
        if check is None:
            return numbers_equal_exact(ref, ans)
        if check:
            return True, True  # rounding intervals overlap (a converted value)
    if qa is None and ref.sig >= 2:
        check = within(qr / 2)
        if check is None:
            return numbers_equal_exact(ref, ans)
        if check:
            return True, True
    return False, near


def numbers_equal_exact(ref: Number, ans: Number) -> tuple[bool, bool]:
    """:func:`numbers_equal` in exact rational arithmetic throughout (the reference for its float path)."""
    r, a = ref.value, ans.value
    if r == a:
        return True, True
    fr, fa = _float(r), _float(a)
    big = max(abs(fr), abs(fa))
    if abs(fr - fa) > 0.06 * big and 1e-200 < big < 1e200:
        return False, False  # fast path: no tolerance below is wider than 5% of the value
    scale = max(abs(r), abs(a))
    near = abs(a - r) <= scale / 100
    if abs(a - r) <= scale * Fraction(1, 10**12) and not _exact_count(ref):
        return True, True
    qr, qa = ref.quantum, ans.quantum
    if qr is None and qa is None:
        return False, near
    if qr is None or (ref.is_integer_literal and qa is not None and qa < 1):
        # exact reference: the answer must be a correct rounding of it
        ok = qa is not None and ans.sig >= ref.min_sig and _within(a, r, qa / 2)
        if qa is not None and ans.sig >= 4 and _within(a, r, qa):
            ok = True  # truncated, not rounded
        return ok, near
    tol = qr / 2 if ref.sig >= 2 or not r else min(qr / 2, abs(r) / 100)
    if _within(a, r, tol * (1 + Fraction(1, 10**9))):
        return True, True
    if qa is not None and (ref.quantum_override or ans.quantum_override) and abs(a - r) < (qa + qr) / 2 \
            and abs(a - r) <= abs(r) / 200:
        return True, True  # rounding intervals overlap (a converted value)
    if qa is None and ref.sig >= 2 and _within(a, r, qr / 2):
        return True, True
    return False, near


def percent_variants(num: Number) -> list[Number]:
    """A percentage may be written 28%, 28 or 0.28: the ways to read ``num`` against the other side."""
    if not num.percent:
        return [num]
    d = None if num.decimals is None else num.decimals + 2
    return [Number(num.value, num.decimals, num.sig, min_sig=num.min_sig),
            Number(num.value / 100, d, num.sig, min_sig=num.min_sig)]


def compare_numbers(ref: Number, ans: Number) -> tuple[bool, bool]:
    """Equality allowing a percentage to be written as its number or as a fraction of one."""
    if ref.percent == ans.percent:
        return numbers_equal(ref, ans)  # reads neither side's ``percent`` nor the answer's ``min_sig``
    near_any = False
    answers = percent_variants(ans)
    if ans.percent and abs(ref.value) < 1 and not ref.is_integer_literal:
        answers = answers[1:]  # against a proportion (3/5, 0.6) a percent answer is a percent: 0.6% is 0.006
    for r in percent_variants(ref):
        for a in answers:
            eq, near = numbers_equal(r, a)
            if eq:
                return True, True
            near_any = near_any or near
    return False, near_any


_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
               "hundred": 100, "a hundred": 100, "one hundred": 100, "thousand": 1000, "one thousand": 1000})


_FRACTION_WORDS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
                   "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
                   "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10}
_FRACTION_WORDS_RE = re.compile(r"^(a|an|one|two|three|four|five|six|seven|eight|nine)[\s-]+([a-z]+)$")


_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}
_ROMAN_RE = re.compile(r"^M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def words_to_int(text: str) -> int | None:
    """``one hundred twenty``, ``two thousand and five``, ``twenty-three`` -> the integer; else None."""
    words = text.lower().replace("-", " ").replace(",", " ").split()
    words = [w for w in words if w != "and"]
    if not words or len(words) > 10:
        return None
    total = current = 0
    for w in words:
        if w in _WORDS and _WORDS[w] < 100:
            current += _WORDS[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in _SCALES:
            total += (current or 1) * _SCALES[w]
            current = 0
        else:
            return None
    return total + current


def roman_to_int(text: str) -> int | None:
    """``XIV`` / ``xiv`` -> 14 (a valid Roman numeral of two or more letters, or a lone V X L C D M); else None."""
    s = text.strip().upper()
    if not s or not _ROMAN_RE.match(s) or (len(s) == 1 and s == "I"):
        return None
    values = [_ROMAN_VALUES[c] for c in s]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def number_word(text: str) -> Number | None:
    """A whole answer that is a number in words (``three``, ``twenty-one``, ``one hundred twenty``,
    ``one quarter``, ``two-thirds``), or None."""
    s = text.strip().strip(".").lower()
    if len(s) > 60:
        return None
    if s in _WORDS:
        return Number(Fraction(_WORDS[s]), 0, len(str(_WORDS[s])))
    if " " in s or "-" in s:
        value = words_to_int(s)
        if value is not None:
            return Number(Fraction(value), 0, len(str(value).rstrip("0")) or 1)
    m = _FRACTION_WORDS_RE.match(s)
    if m and m.group(2) in _FRACTION_WORDS:
        num = 1 if m.group(1) in ("a", "an") else _WORDS[m.group(1)]
        if num > 1 and not m.group(2).endswith("s") and m.group(2) != "half":
            return None  # "three quarter" is not a fraction
        return Number(Fraction(num, _FRACTION_WORDS[m.group(2)]), None, 99)
    tens, _, unit = s.partition("-")
    if unit and _WORDS.get(tens, 0) in range(20, 100, 10) and 0 < _WORDS.get(unit, 0) < 10:
        value = _WORDS[tens] + _WORDS[unit]
        return Number(Fraction(value), 0, 2)
    return None
