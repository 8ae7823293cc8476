"""Physical quantities: ``4.9 J`` = ``4.9 N*m``, ``2.5 km`` = ``2500 m``, ``5 km`` != ``5 m``.

One pint UnitRegistry, built lazily on first use and cached. Unit strings are cleaned to
pint's spelling first; pint parses them with its own tokenizer (never Python eval).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from fractions import Fraction
from functools import lru_cache

from general_reasoner.verify.normalize import cached_for_short
from general_reasoner.verify.numbers import Number, compare_numbers, from_float, parse_number

_NUM_PART = (r"[-+]?\s*(?:\d{1,12}\s+\d{1,12}/\d{1,12}(?![\d./])|(?:\d{1,12}\s*)?\\frac\s*\{\s*\d+\s*\}\s*\{\s*\d+\s*\}|\d+\s*/\s*\d+(?![\d.])|"
             r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d*\.?\d+)(?:\s*[eE]\s*[-+]?\d+|\s*\*\s*10\s*\^\s*\{?\s*[-+]?\d+\s*\}?)?)")
_QTY_RE = re.compile(rf"^({_NUM_PART})\s*(\S.*)$")
DECADE_RE = re.compile(r"1\d{2}0|20\d0")  # 1720s, 1990s, 2020s: a decade, not seconds
# A spaced sign between terms ("x^2 - 8x", "3 i -2 j"), never inside a unit ("m/s", "N*m", "s^-1").
_TERM_OPERATOR_RE = re.compile(r"\s[-+]\s|\s[-+]\d")  # "x^2 - 8x", "i -2 j"
_UNIT_OK_RE = re.compile(r"^[A-Za-zµμΩ°%$€£¥'Åε‰(][A-Za-zµμΩ°%Åε‰\s*/^().\-\d{}_]*$")
_UNIT_WORD_FIX = {
    "°C": "degC", "°F": "degF", "°K": "K", "°": "degree", "ºC": "degC", "Ω": "ohm", "µ": "u", "μ": "u",
    "liters": "L", "litres": "L", "liter": "L", "litre": "L", "sec": "s", "secs": "s", "hrs": "h", "hr": "h",
    "mins": "min", "amu": "u", "M": "molar", "mph": "mile/hour", "kph": "km/hour", "cc": "cm^3",
    "Cal": "kcal", "kmph": "km/hour", "lbs": "lb", "N.m": "N*m", "Nm": "N*m", "mL": "mL", "ml": "mL",
    "rev": "revolution", "rpm": "revolution/minute", "yr": "year", "yrs": "year", "sq": "",
    "decade": "decennium", "decades": "decennium",
    "AU": "au", "mb": "mbar", "Å": "angstrom", "drops": "drop", "gtt": "drop", "‰": "permille",
    "kNm": "kN*m", "MNm": "MN*m", "kWh": "kW*h", "MWh": "MW*h", "GWh": "GW*h", "Wh": "W*h", "Ah": "A*h",
    "mAh": "mA*h", "kVA": "kV*A", "mol%": "%", "wt%": "%", "vol%": "%", "mass%": "%", "at%": "%",
    "deg C": "degC", "deg F": "degF", "deg. C": "degC", "degree C": "degC", "degrees C": "degC", "degrees F": "degF",
    "degrees Celsius": "degC", "degree Celsius": "degC", "Celsius": "degC", "degrees Fahrenheit": "degF",
    "Fahrenheit": "degF", "kelvins": "K", "Kelvin": "K", "millimetres of mercury": "mmHg",
    "millimeters of mercury": "mmHg", "inches of mercury": "inHg", "light-years": "light_year",
    "light-year": "light_year", "light years": "light_year", "light year": "light_year", "ly": "light_year",
    "cubic metres": "m^3", "cubic meters": "m^3", "cubic metre": "m^3", "cubic meter": "m^3",
    "square metres": "m^2", "square meters": "m^2", "square metre": "m^2", "square meter": "m^2",
    "cubic centimetres": "cm^3", "cubic centimeters": "cm^3", "square feet": "ft^2", "cubic feet": "ft^3",
    "arcminutes": "arcminute", "arcseconds": "arcsecond", "arcmin": "arcminute", "arcsec": "arcsecond",
    "basis points": "basis_point", "basis point": "basis_point", "bps": "basis_point", "bp": "basis_point",
    "percentage points": "percentage_point", "percentage point": "percentage_point", "pp": "percentage_point",
}
_NOT_UNIT_WORDS = {"and", "or", "is", "are", "the", "of", "to", "which", "that", "it", "in", "for", "with", "not",
                   "a", "an", "as", "so", "then", "if", "where", "when", "at", "by", "be", "was", "this"}
_CURRENCY = {"$", "€", "£", "¥", "dollars", "dollar", "usd", "euros", "euro", "eur", "gbp", "pounds", "yen", "cad",
             "aud", "jpy", "cny", "inr", "chf", "rmb", "us dollars"}
_CURRENCY_PREFIX_RE = re.compile(r"^(?:US\s?\$|USD|EUR|GBP|[$€£¥])\s*(?=[-+]?\.?\d)", re.I)
_SCALE_WORDS = {"thousand": 3, "million": 6, "billion": 9, "trillion": 12, "k": 3, "m": 6, "mn": 6, "bn": 9}


@dataclass(frozen=True)
class Quantity:
    number: Number
    unit: str   # cleaned unit text ('' when none)


@lru_cache(maxsize=1)
def registry():  # type: ignore[no-untyped-def]
    import pint

    ureg = pint.UnitRegistry(autoconvert_offset_to_baseunit=True)
    for line in ("molar = mol / L = M_", "yuan = [currency_cny]", "degrees = degree", "bpm = 1 / minute",
                 "beat = 1 = beats", "gauss_si = 1e-4 * tesla", "drop = [drop]",
                 "percentage_point = 0.01", "basis_point = 1e-4", "permille = 0.001",
                 "decennium = 10 * year = _ = decennia"):  # pint's own "decade" is a factor of ten
        try:
            ureg.define(line)
        except Exception:  # noqa: BLE001 - an already defined name is fine
            pass
    return ureg


_SUBSTANCE_RE = re.compile(r"(?<=\s)(?:[A-Z][a-z]?\d*){1,4}\d(?:[A-Z][a-z]?\d*)*e?(?=\s*(?:/|$))|(?<=\s)CO2e?(?=\s*(?:/|$))")
_BRACES_RE = re.compile(r"\\?\{|\\?\}")
_SPACED_OPS_RE = re.compile(r"\s*([*/^])\s*")
_SPACES_RE = re.compile(r"\s+")


_ASKED_UNIT_RE = re.compile(r"\b(?:in|into|in\s+units\s+of|expressed\s+in)\s+(?!the\b|a\b|an\b|terms\b|total\b|order\b)"
                            r"([A-Za-zµΩ°][A-Za-zµΩ°/^·*\d\- ]{0,24}?)\s*(?:[?.,;:)]|$)", re.I)


_HOW_MANY_RE = re.compile(r"\bhow\s+many\s+([A-Za-z]{2,20})\b|\bconvert\b[^?]{0,80}?\b(?:to|into)\s+([A-Za-z]{2,20})\s*[?.]?\s*$",
                          re.I)


def counted_unit(question: str) -> str | None:
    """The unit a question counts its answer in (``How many kilometres ...``, ``Convert 2.5 m to centimetres.``),
    when pint knows it: the answer is a number of these, not the same amount in another unit."""
    m = _HOW_MANY_RE.search(question[-300:])
    unit = clean_unit(m.group(1) or m.group(2)) if m else ""
    return unit if unit and _pint_unit(unit) is not None else None


def same_unit(a: str, b: str) -> bool:
    """``km`` and ``kilometres``: one unit (not merely one dimension)."""
    ua, ub = _pint_unit(a), _pint_unit(b)
    if ua is None or ub is None:
        return False
    if ua == ub:
        return True
    try:
        return abs((1 * ua).to(ub).magnitude - 1) < 1e-9  # degrees and degree, litres and L
    except Exception:  # noqa: BLE001 - pint raises many kinds: other dimensions
        return False


def asked_unit(question: str) -> str | None:
    """The unit a question asks its answer in (``..., in amperes?`` -> ``amperes``), when pint knows it."""
    found = None
    for m in _ASKED_UNIT_RE.finditer(question[-300:]):
        found = m
    if found is None:
        return None
    unit = clean_unit(found.group(1))
    return unit if unit and _pint_unit(unit) is not None else None


def clean_unit(unit: str) -> str:
    u = unit.strip().strip(".,;").strip()
    if " " in u and _SUBSTANCE_RE.search(u):
        u = _SUBSTANCE_RE.sub("", u).strip()  # 2.36 kg CO2, 20.0 mL O2/dL, 280 t CO2e: the substance is a label
    if "{" in u or "}" in u:
        u = _BRACES_RE.sub("", u)
    if "\\" in u:
        u = u.replace("\\Omega", "Ω").replace("\\mu", "µ").replace("\\", "")
    if " " in u:
        u = _SPACED_OPS_RE.sub(lambda m: m.group(1), u)
        u = _SPACES_RE.sub(" ", u).strip()
    if u.startswith("degrees "):
        u = "deg" + u[8:].strip()[:1]
    return u


_DMS_RE = re.compile(r"^([-+]?\d{1,3})\s*°\s*(\d{1,2}(?:\.\d+)?)\s*['′]\s*(?:(\d{1,2}(?:\.\d+)?)\s*(?:[\"″]|''|′′))?$")


def _degrees_minutes_seconds(m: re.Match[str]) -> Quantity:
    """``23°26'21"`` -> 23.4392 degree, stated to the second (``2°52'``: to the minute)."""
    sign = -1 if m.group(1).startswith("-") else 1
    last = m.group(3) or m.group(2)
    places = len(last.split(".")[1]) if "." in last else 0
    step = Fraction(1, 3600 if m.group(3) else 60) / 10**places
    value = abs(int(m.group(1))) + Fraction(m.group(2)) / 60 + Fraction(m.group(3) or 0) / 3600
    return Quantity(Number(sign * value, None, len(m.group(1).lstrip("+-")) + (4 if m.group(3) else 2),
                           quantum_override=step), "°")


@cached_for_short
def split_quantity(text: str) -> Quantity | None:
    """``'4.9 N*m'`` -> Quantity(4.9, 'N*m'); a bare number has unit ''. None if not a quantity.

    A currency sign or code (``$``, ``USD``) is dropped, and a scale word multiplies
    (``$2.5 million`` -> 2500000, stated to the hundred-thousand).
    """
    s = text.strip()
    num = parse_number(s)
    if num is not None:
        return Quantity(num, "")
    if "°" in s and ("'" in s or "′" in s) and (dms := _DMS_RE.match(s)):
        return _degrees_minutes_seconds(dms)
    cur = _CURRENCY_PREFIX_RE.match(s)
    if cur:
        s = s[cur.end():]
        num = parse_number(s)
        if num is not None:
            return Quantity(num, "")
    m = _QTY_RE.match(s)
    if not m or (m.group(2) == "s" and m.end(1) == m.start(2) and DECADE_RE.fullmatch(m.group(1))):
        return None  # "1720s" is a decade, not 1720 seconds
    if m.group(1) == "0" and m.group(2)[:1] in "xXbB" and m.end(1) == m.start(2):
        return None  # 0x3c, 0b1011: a hexadecimal or binary literal, not zero of a unit
    if m.group(2).startswith("/") and (rate := _RATE_RE.match(m.group(2))):
        return split_quantity(f"{m.group(1)} per {rate.group(1)}")  # $1,199.10/month
    num = parse_number(m.group(1))
    if m.group(2)[:1] in ",;":
        return None  # "0.7, i.e. 70%": what follows a comma is another statement, not a unit
    if "\\" in m.group(2).replace("\\mu", "").replace("\\Omega", "").replace("\\%", ""):
        return None
    unit = clean_unit(m.group(2))
    if num is None or not unit or not _UNIT_OK_RE.match(unit) or len(unit) > 40:
        return None
    if _TERM_OPERATOR_RE.search(unit):
        return None  # "-18x^2 - 8x": an expression with terms, not a number with a unit
    if _EMBEDDED_QUANTITY_RE.search(unit):
        return None  # "2 h 30 min", "5 ft 3 in": a sum of parts (compound_quantity), not one unit
    if _ALGEBRA_RE.match(unit) and unit.lower() not in _CURRENCY and _algebraic(unit, tight=m.start(2) == m.end(1)):
        return None  # "2x", "4xy^2", "3i": a coefficient and variables, not a number with a unit
    if _LETTER_POWER_RE.match(unit):
        return None  # "1000e^{0.5}", "3x^{1/2}", "2e^{kt}": a power of one letter that no unit has
    words = unit.split()
    scale = _SCALE_WORDS.get(words[0].lower()) if words[0].isalpha() and (len(words[0]) > 2 or cur) else None
    if scale is not None:
        num = Number(num.value * 10**scale, None if num.decimals is None else num.decimals - scale, num.sig,
                     num.percent)
        words = words[1:]
        unit = " ".join(words)
        if not unit:
            return Quantity(num, "")
    if len(words) >= 2 and unit not in _UNIT_WORD_FIX and all(w.isalpha() and w.islower() and len(w) >= 4
                                                               for w in words[1:]) \
            and _pint_unit(words[0]) is not None and _pint_unit(unit) is None:
        unit, words = words[0], words[:1]  # "25 mg remain", "3 m long": the unit, then words about it
    if unit not in _UNIT_WORD_FIX and (any(w in _NOT_UNIT_WORDS for w in words) or
                                       (len(words) > 3 and _pint_unit(unit) is None)):
        return None  # "L atm mol^-1 K^-1" is one unit; "apples in the basket" is not
    if unit in ("%", "percent", "pct", "percentage", "per cent") or _UNIT_WORD_FIX.get(unit) == "%":
        return Quantity(Number(num.value, num.decimals, num.sig, True), "")
    if unit.lower() in _CURRENCY or cur:
        return Quantity(num, "") if unit.lower() in _CURRENCY else None
    return Quantity(num, unit)


_RATE_RE = re.compile(r"^/\s*((?:sq\.?\s+|square\s+)?[A-Za-z]{2,10})$")  # /month, /sq ft
_EMBEDDED_QUANTITY_RE = re.compile(r"\s\d+(?:\.\d+)?\s*[A-Za-z%$]")
_ALGEBRA_RE = re.compile(r"^(?:[A-Za-z](?:\^\{?-?\d+\}?)?)+$")
_POWER_RE = re.compile(r"\^\{?-?\d+\}?")
_LETTER_POWER_RE = re.compile(r"^[A-Za-z]\^\{?\(?-?(?:\d*\.\d|\d+/\d|[A-Za-z])")  # x^0.5, e^{kt}: not a whole power
_TIGHT_UNIT_LETTERS = set("msghlKAVWJNLCFTM")  # units often written right after the number: 5m, 3s, 2A


def _algebraic(unit: str, tight: bool) -> bool:
    """Variables rather than a unit: one letter written right after the number that is not a common
    unit symbol (``2x``, ``3t``, ``2i``), or several letters pint does not know (``xy^2``)."""
    letters = _POWER_RE.sub("", unit)
    if len(letters) == 1:
        return tight and letters not in _TIGHT_UNIT_LETTERS
    if (len(letters) > 3 and "^" not in unit) or not letters.islower():
        return False  # a word or a name: "12 students", "2 ATP"
    return _pint_unit(unit) is None


_UNIT_WORD_RE = re.compile(r"[A-Za-z°º]+")
_ANGLE_UNIT_RE = re.compile(r"(?<![A-Za-z])(?:rad|radians?|rev|revolutions?|rpm|cycles?|deg|degrees?|arcmin(?:ute)?s?"
                            r"|arcsec(?:ond)?s?)(?![A-Za-z])"
                            r"(?!\.?\s*(?:C|F|K|Celsius|Fahrenheit)\b)|°(?![CFK])")
_COUNT_UNIT_RE = re.compile(r"(?<![A-Za-z])(?:molecules?|atoms?|particles?|ions?|electrons?|photons?|formula\s+units?)(?![A-Za-z])",
                            re.I)  # pint relates them to mol by Avogadro's number; a grader does not
_PER_RE = re.compile(r"^per\s+|\s+per\s+")
_AMBIGUOUS = {"G": "gauss_si"}  # G: gravitational constant or gauss


def _pint_unit(unit: str):  # type: ignore[no-untyped-def]
    return _pint_unit_cached(unit)


_SQUARE_RE = re.compile(r"\b(?:sq\.?|square)\s+([A-Za-z]+)")


@lru_cache(maxsize=4096)
def _pint_unit_cached(unit: str):  # type: ignore[no-untyped-def]
    ureg = registry()
    u = _UNIT_WORD_FIX.get(unit, unit)
    if "sq" in u:
        u = _SQUARE_RE.sub(r"\1^2", u)  # sq ft, square feet -> ft^2
    u = _UNIT_WORD_RE.sub(lambda m: _UNIT_WORD_FIX.get(m.group(0), m.group(0)) if len(m.group(0)) > 1
                          else m.group(0), u)  # rev/s -> revolution/s
    u = u.replace("°C", "degC").replace("°F", "degF").replace("°", "degree").replace("µ", "u").replace("μ", "u")
    u = u.replace("Ω", "ohm")
    if "per " in u:
        u = _PER_RE.sub(lambda m: "1/" if m.start() == 0 else "/", u)  # per year -> 1/year; m per s -> m/s
    u = re.sub(r"(?<=[A-Za-z])(-?\d)(?![\d.])", r"^\1", u)   # m2 -> m^2, s-1 -> s^-1
    if u[:1].isupper() and u[1:].isalpha() and u[1:].islower() and len(u) > 3:
        u = u.lower()  # unit names are lower case in pint: Weber, Tesla, Newton
    try:
        parsed = ureg.parse_units(u)
    except Exception:  # noqa: BLE001 - pint raises many kinds; unknown unit => None
        try:
            parsed = ureg.parse_expression(u)
            if isinstance(parsed, (int, float)) or not hasattr(parsed, "units") or parsed.magnitude != 1:
                return None
            parsed = parsed.units
        except Exception:  # noqa: BLE001
            return None
    return parsed


def _words_equal(a: str, b: str) -> bool:
    """The same unit text: words case-insensitively and singular/plural (``Years`` / ``year``), symbols
    exactly (``mW`` is not ``MW``, ``Mb`` is not ``MB``)."""
    if a == b:
        return True
    if not (len(a) > 3 and a.replace(" ", "").isalpha() and len(b) > 3 and b.replace(" ", "").isalpha()):
        return False

    def norm(x: str) -> str:
        x = x.lower().replace(" ", "")
        return x[:-1] if x.endswith("s") and len(x) > 3 else x
    return norm(a) == norm(b)


@dataclass(frozen=True)
class UnitResult:
    equal: bool
    confident: bool
    reason: str


@lru_cache(maxsize=4096)
def _conversion(from_unit: str, to_unit: str) -> tuple[float, float] | str:
    """(scale, offset) with ``to = from * scale + offset`` (affine: temperatures included),
    or the reason there is none. Cached: pint's conversions cost ~0.1 ms each."""
    ur, ua = _pint_unit(to_unit), _pint_unit(from_unit)
    if ur is None or ua is None:
        return f"unknown unit {to_unit if ur is None else from_unit!r}"
    if ur.dimensionality != ua.dimensionality:
        alt_to, alt_from = _AMBIGUOUS.get(to_unit, to_unit), _AMBIGUOUS.get(from_unit, from_unit)
        if (alt_to, alt_from) != (to_unit, from_unit):
            return _conversion(alt_from, alt_to)
        return f"units differ in dimension ({to_unit} vs {from_unit})"
    if bool(_COUNT_UNIT_RE.search(to_unit)) != bool(_COUNT_UNIT_RE.search(from_unit)):
        return f"units differ in kind ({to_unit} vs {from_unit}: a count of particles against an amount in moles)"
    if bool(_ANGLE_UNIT_RE.search(to_unit)) != bool(_ANGLE_UNIT_RE.search(from_unit)):
        return f"units differ in dimension ({to_unit} vs {from_unit}: an angle on one side only)"
    ureg = registry()
    try:
        one_from = ureg.Quantity(1.0, ua)
        if one_from._is_multiplicative and ureg.Quantity(1.0, ur)._is_multiplicative:
            scale = one_from.to(ur).magnitude  # no offset: one conversion instead of three
            return (scale, 0.0) if math.isfinite(scale) else "could not convert units: not finite"
        zero, one, two = (ureg.Quantity(x, ua).to(ur).magnitude for x in (0.0, 1.0, 2.0))
    except Exception as err:  # noqa: BLE001 - pint raises many kinds
        return f"could not convert units: {err}"
    scale = one - zero
    if not all(map(math.isfinite, (zero, one, two))) or abs(two - (zero + 2 * scale)) > 1e-9 * max(abs(two), 1.0):
        return "could not convert units: not a linear conversion"
    return scale, zero


def _si_prefixed(unit: str) -> bool:
    """``kN``, ``mm``, ``µs``: one unit with an SI prefix (pint's own reading of the name)."""
    try:
        readings = registry().parse_unit_name(unit.strip())
    except Exception:  # noqa: BLE001
        return False
    return len(readings) == 1 and bool(readings[0][0])


def _in_base_units(q: Quantity) -> Number | None:
    """A quantity's number in SI base units (``3 kN`` -> 3000), or None (no unit, or already in them)."""
    unit = _pint_unit(q.unit)
    if unit is None:
        return None
    try:
        base = registry().Quantity(1.0, unit).to_base_units()
    except Exception:  # noqa: BLE001 - pint raises many kinds
        return None
    scale = base.magnitude
    if not math.isfinite(scale) or abs(scale - 1) < 1e-12 or not registry().Quantity(1.0, unit)._is_multiplicative:
        return None
    if abs(math.log10(scale) - round(math.log10(scale))) > 1e-9 or not _si_prefixed(q.unit):
        return None  # SI prefixes only (3 kN -> 3000 N); not 120 minutes for 7200 s, not 1.34e-3 M for 1.34%
    quantum = q.number.quantum
    return Number(from_float(float(q.number.value) * scale), None, q.number.sig,
                  quantum_override=None if quantum is None else quantum * from_float(scale))


def _dimensionless(q: Quantity) -> Number | None:
    """A quantity in a dimensionless unit (ppm, µε, %) as a plain number; None for other units."""
    unit = _pint_unit(q.unit)
    if unit is None or not unit.dimensionless or _ANGLE_UNIT_RE.search(q.unit):
        return None
    scale = registry().Quantity(1.0, unit).to("dimensionless").magnitude
    if scale == 1 or not math.isfinite(scale):
        return None
    quantum = q.number.quantum
    return Number(from_float(float(q.number.value) * scale), None if q.number.decimals is None else
                  q.number.decimals - round(math.log10(scale)), q.number.sig,
                  quantum_override=None if quantum is None else quantum * from_float(scale))


def _measured(num: Number) -> Number:
    """A number with a unit states a measurement: an integer's last digit is its precision."""
    return replace(num, measured=True) if num.decimals == 0 and num.value.denominator == 1 else num


def compare_quantities(ref: Quantity, ans: Quantity) -> UnitResult:
    ref_number = _measured(ref.number) if ref.unit else ref.number
    if bool(ref.unit) != bool(ans.unit):  # 500 µε or 500 ppm against a plain 5.0e-4; 35‰ against 3.5%
        dimless = _dimensionless(ans) if ans.unit else _dimensionless(ref)
        if dimless is not None:
            eq, _ = compare_numbers(dimless, ans.number) if ref.unit else compare_numbers(ref_number, dimless)
            if eq:
                return UnitResult(True, True, f"equal as plain numbers ({ref.unit or ans.unit} converted)")
            if (ans.number if ref.unit else ref.number).percent:  # 35% is not 35‰: the percent sign is a unit
                return UnitResult(False, True, f"differ as plain numbers ({ref.unit or ans.unit} vs %)")
    if not ref.unit or not ans.unit or _words_equal(ref.unit, ans.unit):
        eq, near = compare_numbers(ref_number, ans.number)
        if eq:
            return UnitResult(True, True, "numbers equal" + (" (unit left out)" if ref.unit != ans.unit else ""))
        if not ref.unit and ans.unit and (base := _in_base_units(ans)) is not None and compare_numbers(ref_number,
                                                                                                       base)[0]:
            return UnitResult(True, True, f"equal after converting {ans.unit} to base units")  # 3 kN for 3000
        both = bool(ref.unit) == bool(ans.unit)
        return UnitResult(False, both and not near, "numbers differ")
    conv = _conversion(ans.unit, ref.unit)
    if isinstance(conv, str):
        return UnitResult(False, conv.startswith("units differ"), conv)
    scale, offset = conv
    value = float(ans.number.value) * scale + offset
    one = scale
    if not math.isfinite(value) or one == 0:
        return UnitResult(False, False, "unit conversion overflow")
    shift = round(math.log10(abs(one)))
    decimals = None if ans.number.decimals is None else ans.number.decimals - shift
    quantum = ans.number.quantum
    converted = Number(from_float(value), decimals, ans.number.sig, ans.number.percent,
                       quantum_override=None if quantum is None or shift == math.log10(abs(one))
                       else quantum * from_float(abs(one)))
    eq, near = compare_numbers(ref_number, converted)
    if eq:
        return UnitResult(True, True, f"equal after converting {ans.unit} to {ref.unit}")
    return UnitResult(False, not near, f"differ after converting {ans.unit} to {ref.unit}")


_TEMPERATURES = {"°C": "delta_degC", "degC": "delta_degC", "°F": "delta_degF", "degF": "delta_degF",
                 "C": "delta_degC", "F": "delta_degF"}


def temperature_change(q: Quantity) -> Quantity:
    """A temperature read as a difference (``19.6 °C`` of warming is ``19.6 K``): offsets do not apply."""
    unit = _TEMPERATURES.get(q.unit.replace(" ", ""))
    return Quantity(q.number, unit) if unit else q


_EXPR_UNIT_RE = re.compile(r"^(.*?\S)\s+([A-Za-zµΩ°Å][A-Za-z0-9µΩ°Å^/*\-{}]{0,16})$")


def expression_quantity(text: str, value_of) -> Quantity | None:  # type: ignore[no-untyped-def]
    """``\\pi m^2`` or ``2\\sqrt{3} N``: a constant expression with a unit pint knows, as a Quantity
    (the value to at least 3 significant digits). ``value_of`` evaluates the expression (None: not constant)."""
    m = _EXPR_UNIT_RE.match(text.strip())
    if not m or _ALGEBRA_RE.match(m.group(2)) and len(_POWER_RE.sub("", m.group(2))) == 1 and \
            m.group(2)[0] not in _TIGHT_UNIT_LETTERS or _pint_unit(clean_unit(m.group(2))) is None:
        return None
    value = value_of(m.group(1))
    if value is None:
        return None
    return Quantity(Number(from_float(value), None, 99, min_sig=3), clean_unit(m.group(2)))


_COMPOUND_PART_RE = re.compile(r"(\d+(?:\.\d+)?)\s*([A-Za-z]+)")
_COMPOUND_SEP_RE = re.compile(r"^(?:\s*(?:,|and|\+)?\s*)$")
_COMPOUND_UNITS = {  # units written as a sum of parts: 4 years and 2 months, 2 h 30 min, 5 ft 3 in, 3 lb 4 oz
    "year", "years", "yr", "yrs", "month", "months", "week", "weeks", "day", "days", "d", "hour", "hours",
    "h", "hr", "hrs", "minute", "minutes", "min", "mins", "second", "seconds", "s", "sec", "secs",
    "ft", "foot", "feet", "in", "inch", "inches", "lb", "lbs", "pound", "pounds", "oz", "ounce", "ounces"}


def compound_quantity(text: str) -> Quantity | None:
    """``4 years and 2 months`` -> 4.1667 years (stated to the month); None unless the text is two or more
    number-unit parts in descending units of one dimension (time, feet and inches, pounds and ounces)."""
    parts, pos = [], 0
    for m in _COMPOUND_PART_RE.finditer(text):
        if not _COMPOUND_SEP_RE.match(text[pos:m.start()]) or m.group(2).lower() not in _COMPOUND_UNITS:
            return None
        parts.append((m.group(1), clean_unit(m.group(2))))
        pos = m.end()
    if len(parts) < 2 or text[pos:].strip(" .") or len(parts) > 4:
        return None
    first = _pint_unit(_UNIT_WORD_FIX.get(parts[0][1], parts[0][1]))
    total, quantum, prev = 0.0, None, None
    for number, unit in parts:
        conv = _conversion(unit, parts[0][1])
        if isinstance(conv, str) or first is None:
            return None
        scale, _ = conv
        if prev is not None and scale >= prev:
            return None  # "2 m and 3 m" is a list, not a sum: parts must get smaller
        num = parse_number(number)
        if num is None or num.quantum is None:
            return None
        total += float(num.value) * scale
        quantum, prev = num.quantum * from_float(scale), scale
    return Quantity(Number(from_float(total), None, 99, quantum_override=quantum), parts[0][1])


_ASKS_UNIT_RE = re.compile(r"\bunits?\b", re.I)
_COMPOUND_UNIT_RE = re.compile(r"[/^·*]|\S\s+\S")
_UNIT_ONLY_RE = re.compile(r"^[A-Za-zµΩ°Å][A-Za-z0-9µΩ°Å\s*/^()·.\-{}]{0,40}$")


def compare_units(ref: str, ans: str, question: str | None = None) -> UnitResult | None:
    """Two answers that are units only (``M^-1 s^-1`` / ``L/(mol·s)``; ``Wb`` / ``Weber`` where the question
    asks for a unit): equal when they convert with a factor of 1. None unless both read as units."""
    asks_unit = bool(question and _ASKS_UNIT_RE.search(question))
    if not (_UNIT_ONLY_RE.match(ref) and _UNIT_ONLY_RE.match(ans)) or not (
            asks_unit or _COMPOUND_UNIT_RE.search(ref) and _COMPOUND_UNIT_RE.search(ans)):
        return None  # compound units, or single ones where a unit is asked: "neon" and "Ne" are names
    qr, qa = split_quantity(f"1 {ref}"), split_quantity(f"1 {ans}")
    if qr is None or qa is None or not qr.unit or not qa.unit:
        return None
    conv = _conversion(qa.unit, qr.unit)
    if isinstance(conv, str):
        return None if conv.startswith("unknown") else UnitResult(False, True, conv)
    same = abs(conv[0] - 1) < 1e-9 and conv[1] == 0
    return UnitResult(same, True, "the same unit" if same else "units differ by a factor")
