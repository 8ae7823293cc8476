"""Surface forms that state a plain value, rewritten before comparison (raw text, before normalize).

Each rewrite is read against the reference or the question, so that it changes only what it
must: ``(500)`` is -500 only where the reference is negative (accounting), ``3:2`` is 1.5 only
where the question asks for a ratio, ``$125K`` is 125 thousand only after a currency sign.
Pure string rewriting, linear in the input.
"""

from __future__ import annotations

import re
from fractions import Fraction

from general_reasoner.verify.normalize import cached_for_short, strip_text_commands
from general_reasoner.verify.numbers import roman_to_int, words_to_int

_CURRENCY = r"(?:US\s?\$|\\\$|[$€£¥])"
_AMOUNT = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_ACCOUNTING_RE = re.compile(rf"^(?:\(\s*({_CURRENCY})?|({_CURRENCY})\s*\()\s*({_AMOUNT})\s*\)$")  # ($500), $(500)
_NEGATIVE_WORD_RE = re.compile(rf"(?:^|(?<=\bis )|(?<=\bwas )|(?<=\bbe )|(?<=\bof )|(?<=: ))(?:negative|minus)\s+"
                               rf"({_CURRENCY})?\s*(?=\d|\.\d)", re.I)
_CURRENCY_CHAR_RE = re.compile(r"[$€£¥]")
_TEXT_SCALE_RE = re.compile(r"(?<=\d)\s*\\text\s*\{\s*(K|k|M|B|bn|mn)\s*\}")
_SCALE_NAMED_RE = re.compile(rf"^({_AMOUNT})\s*(K|k|MM|M|mn|B|bn)\s+(dollars?|USD|euros?|EUR|pounds?|GBP)\.?$")
_SCALE_SUFFIX_RE = re.compile(rf"({_CURRENCY})\s*({_AMOUNT})\s*(K|k|MM|M|mn|B|bn|T)(?![A-Za-z])")
_SCALE_WORD = {"k": "thousand", "mm": "million", "m": "million", "mn": "million", "b": "billion", "bn": "billion",
               "t": "trillion"}
_ORDINAL_WORDS = {w: i for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth twenty-first".split(), start=1)}
_CENTURY_RE = re.compile(r"^(?:the\s+)?(?:(\d{1,2})(?:st|nd|rd|th)|(" + "|".join(_ORDINAL_WORDS) + r"))\s+century"
                         r"(?:\s+(AD|CE))?\.?$", re.I)
_ERA_RE = re.compile(r"^(?:(\d{1,4})\s*(?:AD|A\.D\.|CE|C\.E\.)|(?:AD|A\.D\.)\s*(\d{1,4}))\.?$")
_RATIO_QUESTION_RE = re.compile(r"\b(?:ratio|odds|proportion)\b", re.I)
_RATIO_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?::|\bto\b)\s*(\d+(?:\.\d+)?)\s*$")
_NUMBER_ONLY_RE = re.compile(r"^\s*[-+]?\$?\s*(?:\d[\d,]*(?:\.\d+)?|\.\d+)\s*$")


def _negative_reference(reference: str) -> bool:
    return reference.lstrip().startswith(("-", "−", "$-", "\\$-", "€-", "£-")) or \
        reference.lstrip().lower().startswith(("negative", "minus"))


_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december"
           "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
_DATE_RE = re.compile(rf"^(?:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?"
                      rf"(?:{_MONTHS})\.?,?\s+|(?:{_MONTHS})\.?,?\s+|(?:in\s+)?(?:the\s+)?(?:year\s+)?)(\d{{3,4}})"
                      rf"(?:\s*(?:AD|A\.D\.|CE))?\.?$", re.I)
_YEAR_RE = re.compile(r"^\d{3,4}$")
_SCALE_ASKED_RE = re.compile(r"\bin\s+(?:\$\s*|US\$\s*|dollars\s+)?(thousands|millions|billions|trillions)\b", re.I)
_INTEGER_RE = re.compile(r"^\d{1,4}$")
_DIGIT_RE = re.compile(r"\d")
_ROMAN_TAIL_RE = re.compile(r"^(?:[A-Z][a-z]+\s+){0,3}([IVXLCDM]{2,}|[VXLCDM]|[ivxlcdm]{2,})\.?$")
_NUMBER_WORD = (r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
                r"|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred"
                r"|thousand|million|billion)")
_NUMBER_WORDS_LEAD_RE = re.compile(rf"^((?:{_NUMBER_WORD}(?:[\s-]+(?:and\s+)?|(?=\W|$)))+)"
                                   rf"(?![\s-]*(?:halves|half|thirds?|quarters?|fourths?|fifths?|sixths?|eighths?|tenths?)\b)"
                                   rf"(\s*\S.*|)$", re.I)
_NEGATIVE_VERB_RE = re.compile(r"\b(?:releases?|released|releasing|gives?\s+off|gave\s+off|emits?|emitted|loses?|lost"
                               r"|losing|decreases?|decreased|drops?|dropped|falls?|fell|declines?|declined|deficit"
                               r"|a\s+loss|evolves?|evolved|exothermic)\b", re.I)
_RELEASED_QUESTION_RE = re.compile(r"\bhow\s+much\b[^?]{0,80}\b(?:released|given\s+off|lost|evolved|emitted|liberated)\b",
                                   re.I)
_LEADING_NEGATIVE_RE = re.compile(r"^((?:[A-Za-z_°^{}\\]{1,12}\s*=\s*)?)[-−]\s*(\d.*)$", re.S)
_NEGATIVE_NUMBER_RE = re.compile(r"[-−]\s*\$?\d")
_LAST_NUMBER_RE = re.compile(r"(^|.*[^\d.,])(\$?\d[\d,]*(?:\.\d+)?(?:\s*(?:[A-Za-zµΩ°%][A-Za-z/°%^\d·]*))?[^\d]*)$", re.S)
_FRACTION_NUM = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "seven": 7}
_FRACTION_DEN = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4, "fourths": 4,
                 "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "eighth": 8, "eighths": 8, "tenth": 10, "tenths": 10}
_FRACTION_WORDS_LEAD_RE = re.compile(r"^(a|an|one|two|three|four|five|seven)[\s-]+(halves|half|thirds?|quarters?|fourths?"
                                     r"|fifths?|sixths?|eighths?|tenths?)\b(.*)$", re.I | re.S)
_CHARGE_RE = re.compile(r"^(\d*)([+-])$|^([+-])(\d*)$")


def rewrite_answer(reference: str, answer: str, question: str | None) -> str:
    """The answer with accounting negatives, "negative $X", "$125K", era suffixes and ratios read as
    the plain value they state (where the reference or question says that reading applies); a date
    for a year (``July 4, 1776`` -> ``1776``); the scale word the question asks in (``$1,000 billion``
    where the question says "in billions"); a charge with its sign on the reference's side (``+2``
    for ``2+``)."""
    s = answer.strip()
    if "US$" in s:
        s = s.replace("US$", "$")
    if _YEAR_RE.match(reference.strip()) and not _YEAR_RE.match(s) and (m := _DATE_RE.match(s)):
        return m.group(1)
    if _INTEGER_RE.match(reference.strip()) and (m := _ROMAN_TAIL_RE.match(s)) and \
            (value := roman_to_int(m.group(1))) is not None:
        return str(value)  # XIV for 14; "Henry VIII" for 8
    if _DIGIT_RE.search(reference) and (m := _FRACTION_WORDS_LEAD_RE.match(s)):
        s = f"{_FRACTION_NUM[m.group(1).lower()]}/{_FRACTION_DEN[m.group(2).lower()]}{m.group(3)}"  # "Two-thirds of"
    if (m := _NUMBER_WORDS_LEAD_RE.match(s)) and _DIGIT_RE.search(reference) and \
            (value := words_to_int(m.group(1))) is not None:
        s = f"{value}{m.group(2)}"  # "Twenty-three pairs" -> "23 pairs", "fifty percent" -> "50 percent"
    if _negative_reference(reference) and _NEGATIVE_VERB_RE.search(s) and not _NEGATIVE_NUMBER_RE.search(s):
        s = _LAST_NUMBER_RE.sub(r"\1-\2", s, count=1)  # "releases 2225 kJ" states -2225 kJ (the last value)
    if question and _RELEASED_QUESTION_RE.search(question) and not _negative_reference(reference) and \
            (m := _LEADING_NEGATIVE_RE.match(s)):
        s = m.group(1) + m.group(2)  # "How much heat is released?" answered -2670 kJ: the magnitude is asked
    if question and (m := _SCALE_ASKED_RE.search(question)):
        s = re.sub(rf"(?<=\d)\s*{m.group(1)[:-1]}s?\b", "", s, flags=re.I)  # "(in billions)": $1,000 billion
    if len(s) <= 4 and (ca := _CHARGE_RE.match(s)) and (cr := _CHARGE_RE.match(reference.strip())):
        digits_a, sign_a = (ca.group(1), ca.group(2)) if ca.group(2) else (ca.group(4), ca.group(3))
        digits_r, sign_r = (cr.group(1), cr.group(2)) if cr.group(2) else (cr.group(4), cr.group(3))
        if (digits_a or "1") == (digits_r or "1") and sign_a == sign_r:
            return reference.strip()  # +2 and 2+ name one charge
    if s.endswith(")") and _negative_reference(reference) and (m := _ACCOUNTING_RE.match(s)):
        s = f"{m.group(1) or m.group(2) or ''}-{m.group(3)}"  # ($52.59), $(52.59): a negative amount in accounting
    if "egative" in s or "inus" in s:
        s = _NEGATIVE_WORD_RE.sub(lambda m: f"{m.group(1) or ''}-", s)  # "negative $52.59" -> "$-52.59"
    if _CURRENCY_CHAR_RE.search(s):
        if "\\text" in s:
            s = _TEXT_SCALE_RE.sub(r"\1", s)  # \$60\text{k}
        s = _SCALE_SUFFIX_RE.sub(lambda m: f"{m.group(1)}{m.group(2)} {_SCALE_WORD[m.group(3).lower()]}", s)
    elif " " in s and (m := _SCALE_NAMED_RE.match(s)):
        s = f"{m.group(1)} {_SCALE_WORD[m.group(2).lower()]} {m.group(3)}"  # 100K dollars -> 100 thousand dollars
    if s[-1:] in "DE." or s[:1] == "A":
        s = _ERA_RE.sub(lambda m: m.group(1) or m.group(2), s)
    if "entury" in s:
        s = _CENTURY_RE.sub(_century, strip_text_commands(s).strip() if "\\text" in s else s)  # \text{the 14th century}
    if question and (":" in s or " to " in s):
        s = ratio_as_number(reference, s, question)
    return s


def ratio_as_number(reference: str, answer: str, question: str | None) -> str:
    """``3:2`` or ``1.5 : 1`` -> ``3/2`` where the question asks for a ratio and the reference is one number."""
    if not question or not _RATIO_QUESTION_RE.search(question) or not _NUMBER_ONLY_RE.match(reference):
        return answer
    m = _RATIO_RE.match(answer)
    if not m or float(m.group(2)) == 0:
        return answer
    value = Fraction(m.group(1)) / Fraction(m.group(2))
    return f"{value.numerator}/{value.denominator}" if value.denominator != 1 else str(value.numerator)


def _century(m: re.Match[str]) -> str:
    n = int(m.group(1)) if m.group(1) else _ORDINAL_WORDS[m.group(2).lower()]
    return f"{n - 1}00s"  # the 18th (eighteenth) century is the 1700s


@cached_for_short
def rewrite_reference(reference: str) -> str:
    """The reference with era suffixes dropped (``1215 AD`` -> ``1215``) and centuries as hundreds
    (``18th century`` -> ``1700s``)."""
    s = reference.strip()
    if s[-1:] in "DE." or s[:1] == "A":
        s = _ERA_RE.sub(lambda m: m.group(1) or m.group(2), s)
    if "entury" in s:
        s = _CENTURY_RE.sub(_century, s)
    return s


_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_PLACES_RE = re.compile(r"\b(?:correct|accurate|rounded|round(?:ed)?|give|to)\b[^.?]{0,30}?\b(\d|one|two|three|four|five|six)"
                        r"\s+(decimal\s+places?|d\.?\s?p\.?|significant\s+(?:figures|digits)|s\.?\s?f\.?)", re.I)
_NEAREST_RE = re.compile(r"\bto\s+the\s+nearest\s+(tenth|hundredth|thousandth|ten-thousandth|cent|whole\s+number|integer)",
                         re.I)
_NEAREST = {"tenth": 1, "hundredth": 2, "thousandth": 3, "ten-thousandth": 4, "cent": 2, "whole number": 0, "integer": 0}


def required_precision(question: str | None) -> tuple[str, int] | None:
    """("decimals", 3) for "correct to three decimal places" / "to the nearest thousandth", ("sig", 3) for
    "to 3 significant figures"; None when the question asks for no particular precision."""
    if not question:
        return None
    m = _PLACES_RE.search(question)
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else _WORD_NUMBERS[m.group(1).lower()]
        return ("sig" if m.group(2).lower().startswith("s") else "decimals"), n
    m = _NEAREST_RE.search(question)
    if m:
        return "decimals", _NEAREST[re.sub(r"\s+", " ", m.group(1).lower())]
    return None


_FACTOR_QUESTION_RE = re.compile(r"\bfactor(?:ise|ize)?\s+(?:\w+\s+)?(?:completely|fully)|\bcompletely\s+factor"
                                 r"|\bfully\s+factor|\bfactor(?:ise|ize)?\b.{0,40}\bover\s+the\s+(?:integers|rationals)", re.I)
_FACTOR_IMPERATIVE_RE = re.compile(r"^\s*(?:please\s+)?factor(?:ise|ize)?\b(?!\s+(?:of|out))", re.I)
_LOWEST_TERMS_RE = re.compile(r"lowest\s+terms|simplest\s+form|fully\s+simplif|reduced\s+form|simplify\s+the\s+fraction",
                              re.I)


def asks_complete_factoring(question: str | None) -> bool:
    """"Factor completely", or an imperative "Factor x^2 - 5x + 6" (an expanded answer is not factored)."""
    return bool(question and (_FACTOR_QUESTION_RE.search(question) or _FACTOR_IMPERATIVE_RE.match(question)))


def asks_lowest_terms(question: str | None) -> bool:
    return bool(question and _LOWEST_TERMS_RE.search(question))


_FRACTION_ASKED_RE = re.compile(r"\b(?:common|simple|proper|improper|reduced)\s+fraction|\bas\s+a\s+fraction\b"
                                r"|\bin\s+fraction(?:al)?\s+form", re.I)
_EXACT_ASKED_RE = re.compile(r"\bexact\s+(?:value|form|answer|fraction|probability|result)|\bradical\s+form"
                             r"|\bexactly(?=\s*[.?]|\s*$)|\bwhat\s+fraction\b", re.I)  # "... exactly."; 0.333 is no fraction
_PI_ASKED_RE = re.compile(r"\bin\s+terms\s+of\s+\$?\\?(?:pi|π)\b", re.I)


def asks_exact_form(question: str | None) -> str | None:
    """"fraction" (a common fraction asked: no decimal answers it), "exact" (an exact value asked: only a
    decimal that is the value itself, 0.3125 for 5/16, answers it) or "pi" (an answer in terms of π);
    else None."""
    if not question:
        return None
    if _PI_ASKED_RE.search(question):
        return "pi"
    if _FRACTION_ASKED_RE.search(question):
        return "fraction"
    return "exact" if _EXACT_ASKED_RE.search(question) else None


_PRIME_FACTORIZATION_RE = re.compile(r"(?<!largest )(?<!smallest )(?<!greatest )(?<!least )(?<!distinct )(?<!many )"
                                     r"\bprime\s+(?:factori[sz]ation|factors?|decomposition|power\s+decomposition)"
                                     r"(?!\s+(?:of\s+\S+\s+)?(?:is|are)\b)", re.I)  # not "the largest prime factor"
_FACTOR_RE = re.compile(r"^\s*(\d+)\s*(?:\^\s*\{?\s*\d+\s*\}?)?\s*$")


def asks_prime_factorization(question: str | None) -> bool:
    return bool(question and _PRIME_FACTORIZATION_RE.search(question))


def composite_factor(answer: str) -> int | None:
    """A factor of a written product that is not prime (``2^3 * 3 * 15`` -> 15), else None."""
    factors = re.split(r"\*|\\cdot|\\times|×|·", answer)
    if len(factors) < 2:
        return None
    for f in factors:
        m = _FACTOR_RE.match(f)
        if m is None:
            return None  # not a product of numbers and powers: nothing to say
        n = int(m.group(1))
        if n > 1 and any(n % d == 0 for d in range(2, int(n ** 0.5) + 1)):
            return n
    return None
