"""The rule verifier: extraction, routing by answer type, and a Verdict with a reason."""

from __future__ import annotations

import math
import re
import time
from dataclasses import replace

from general_reasoner.types import AnswerType, Status, Verdict
from general_reasoner.verify.choice import (
    answer_to_question,
    asks_program_output,
    chemical,
    chosen_letter,
    letter_of,
    letter_text_conflict,
    offered_letters,
    parse_bool,
    parse_options,
    reference_letter,
    strings_equal,
    walk_reason,
    walked_options,
)
from general_reasoner.verify.compare import Ctx, Result, compare_texts, quantities_result, squash
from general_reasoner.verify.deadline import (
    DEFAULT_TIMEOUT,
    MAX_ANSWER_CHARS,
    Deadline,
    DeadlineExceeded,
    TooComplex,
)
from general_reasoner.verify.extract import clean_answer, extract_answer, last_statement
from general_reasoner.verify.forms import (
    asks_complete_factoring,
    asks_exact_form,
    asks_lowest_terms,
    asks_prime_factorization,
    composite_factor,
    required_precision,
    rewrite_answer,
    rewrite_reference,
)
from general_reasoner.verify.hedge import (
    carries_protocol,
    closing_clause,
    closing_verdict,
    final_claim,
    lead_value,
    negates_reference,
    result_phrase,
    without_trailing_negation,
)
from general_reasoner.verify.lines import same_line
from general_reasoner.verify.normalize import cached_for_short, normalize
from general_reasoner.verify.numbers import Number, compare_numbers, number_word, parse_number
from general_reasoner.verify.special import (
    compare_base,
    compare_bearing,
    compare_clock,
    compare_complexity,
    compare_congruence,
    compare_electron_config,
    compare_genotype,
    compare_journal,
    compare_logic,
    compare_phasor,
    compare_ratio,
    compare_reaction,
    compare_tolerance,
    split_direction,
)
from general_reasoner.verify.units import split_quantity

_ORDER_WORDS_RE = re.compile(
    r"\b(?:in order|respectively|ordered(?!\s+(?:pairs?|triples?|triplets?|(?:n-)?tuples?|quadruples?))|increasing|decreasing|ascending|descending|in (?:the|that|this) order"
    r"|sequence of|from (?:the\s+)?(?:smallest|largest|least|greatest|lowest|highest|first|earliest|oldest|broadest|narrowest"
    r"|biggest|fastest|slowest|newest|youngest|latest|shortest|longest|heaviest|lightest|most|fewest)"
    r"|(?:smallest|largest|lowest|highest|earliest|oldest|broadest|narrowest|biggest|fastest|slowest|newest|youngest"
    r"|latest|shortest|longest|heaviest|lightest|strongest|weakest|first|last)\s+first|order\s+(?:these|them|the\s+following)"
    r"|(?:traditional|correct|proper|logical|numerical|usual|standard|canonical|[a-z]+-to-[a-z]+)\s+order"
    r"|starting\s+(?:with|from)\s+the"
    r"|(?:chronological|alphabetical|lexicographic(?:al)?|reverse|visit|visiting|traversal|topological|sorted) order"
    r"|arrange|rank|\bsequence\b|\bterms\s+of\b"
    r"|\b(?:front|back|top|bottom|left|right|first|last)\s+to\s+(?:back|front|bottom|top|right|left|last|first)\b"
    r"|traversal|sort(?:ed|s)?\b|order (?:of|in which)|step by step order|(?:first|earliest) to"
    r"|from (?:the\s+)?(?:surface|top|bottom|outside|inside|outer(?:most)?|inner(?:most)?|left|right|base|cent(?:er|re)"
    r"|core|start|beginning|highest|lowest)\b[^.?]{0,30}?\b(?:inwards?|outwards?|downwards?|upwards?|up|down|out|in|to))\b",
    re.I)
_TUPLE_WORDS_RE = re.compile(r"\b(?:coordinates?|point|ordered\s+(?:pair|triple)|vector|components?|in\s+the\s+form\s*\("
                             r"|\(\s*[a-z]\s*,\s*[a-z]|respectively|in\s+that\s+order)\b", re.I)
_COORDINATE_LABEL_RE = re.compile(r"^\s*\(\s*[a-z]\s*,\s*[a-z]")  # "(x, y) = (4, 6)" is an ordered pair
_PART_LABELS_RE = re.compile(r"\(a\).{1,300}\(b\)|\b(?:a|i)\).{1,300}\b(?:b|ii)\)", re.S)  # (a) ... (b): parts in order
_LETTER_LIST_RE = re.compile(r"^\s*\(?[A-Ja-j]\)?(?:\s*(?:,|;|/|&|\band\b|\bor\b)\s*\(?[A-Ja-j]\)?)+\s*\.?\s*$")
_BARE_LETTER_RE = re.compile(r"^\s*\(?([A-J])\)?\s*[.:)]?\s*$")



_ANSWER_WORD_RE = re.compile(r"answer\s+is|answer\s*:", re.I)
_LETTER_WITH_PAREN_RE = re.compile(r"^\(?[A-J]\)\s")
_STRING_KEY_RE = re.compile(r"[\s{}^_]|\\(?:mathrm|text|rm)")
_REF_LABEL_RE = re.compile(r"^[A-Za-z][A-Za-z\-]{0,15}(?: [A-Za-z\-]{1,15}){0,2}:\s+(?=\S)")
_EMPTY_SET_RE = re.compile(r"^(?:\\emptyset|\\varnothing|∅|\\\{\s*\\\}|\{\s*\}|\[\s*\]|no (?:real )?solutions?"
                           r"(?: exists?)?|there (?:is|are) no (?:real )?solutions?|none)$", re.I)
_THOUSANDS_RE = re.compile(r"(?:(?<=\$)|(?<=\$ ))\d{1,3}(?:,\d{3})+(?!\d|,\d)|\d{1,3}(?:,\d{3})+(?=\.\d)")
_SIGNED_CHANGE_RE = re.compile(r"^(?:an?\s+)?(decrease|decline|drop|fall|reduction|loss|increase|rise|gain|growth)"
                               r"\s+(?:of|by)\s+([^-+].*)$", re.I)
_NEGATIVE_CHANGE = {"decrease", "decline", "drop", "fall", "reduction", "loss"}
_INTEGER_QUALIFIER_RE = re.compile(r",?\s*(?:\\text\{\s*)?(?:for\s+)?(?:all\s+|any\s+|some\s+)?(?:\\text\{\s*)?"
                                   r"(?:[kmn]\s*(?:\\in|∈)\s*(?:\\mathbb\{Z\}|ℤ|Z)|[kmn]\s+(?:is\s+)?(?:an?\s+)?integers?"
                                   r"|integers?\s+[kmn])\s*\}?\s*$")
_INTEGRATION_CONSTANT_RE = re.compile(r"\s*\+\s*C$")
_ANY_CONSTANT_RE = re.compile(r"\s*\+\s*(?:[CKAD]|C_\{?[0-9]\}?|c)$")
_NOT_NUMERIC = (AnswerType.MULTIPLE_CHOICE, AnswerType.BOOLEAN, AnswerType.STRING)
_NOT_PLAIN_NUMBER = (*_NOT_NUMERIC, AnswerType.PERCENTAGE)  # a Percentage reference "25" means 25%
_BASE_QUESTION_RE = re.compile(r"binary|hexadecimal|\bhex\b|octal|\bbase[- ]?\d|\bbits?\b", re.I)
_WORDS_RE = re.compile(r"^[A-Za-z][a-z]{2,}(?:[ \-][A-Za-z]?[a-z]{2,}){0,5}$")
_JOINED_RE = re.compile(r"\b(?:and|or)\b")
_HEX_QUESTION_RE = re.compile(r"hexadecimal|\bhex\b|base[- ]?16", re.I)
_HEX_RE = re.compile(r"^(?:0[xX])?[0-9A-Fa-f]{1,32}$")
_BINARY_QUESTION_RE = re.compile(r"\bbinary\b|base[- ]?2\b|\bbits?\b", re.I)
_BINARY_RE = re.compile(r"^(?:0b)?[01]{1,8}(?: [01]{4,8}){0,8}$")
_SPECIALS = (compare_ratio, compare_genotype, compare_reaction, compare_base, compare_complexity, compare_tolerance,
             compare_electron_config, compare_congruence, compare_clock, compare_phasor)


_SPACE_BEFORE_PUNCT_RE = re.compile(r"\s+(?=[,;()\[\]{}=+\-*/^<>|])")
_SPACE_AFTER_PUNCT_RE = re.compile(r"(?<=[,;()\[\]{}=+\-*/^<>|])\s+")


def _tight(text: str) -> str:
    """Spaces around punctuation and operators dropped (``[-4, 0]`` -> ``[-4,0]``); spaces between
    two digits or words kept (``1 1/2`` is not ``11/2``)."""
    return _SPACE_AFTER_PUNCT_RE.sub("", _SPACE_BEFORE_PUNCT_RE.sub("", text))


def _string_key(text: str) -> str:
    return _STRING_KEY_RE.sub("", text)


@cached_for_short
def prepare_reference(reference: str) -> str:
    """References may be whole solutions (peer data): take their stated final answer. Memoised: a group of
    rollouts shares its reference (8 samples per prompt), so it is prepared once."""
    ref = reference.strip()
    if "\\boxed" in ref or "\\fbox" in ref or len(ref) > 300 or ("nswer" in ref and _ANSWER_WORD_RE.search(ref)):
        ref = extract_answer(ref, fallback=True) or ref
    ref = clean_answer(ref)
    if ":" in ref[:34] and (m := _REF_LABEL_RE.match(ref)) and not _BARE_LETTER_RE.match(ref[m.end():]):
        ref = ref[m.end():]  # "Big-O: O(n^2)" -> "O(n^2)"
    return ref


_STRAND_RE = re.compile(r"^(3|5)\s*['′]\s*-?\s*([A-Za-z]{2,})\s*-?\s*(?!\1)[35]\s*['′]$")
_SPACE_GROUPS_RE = re.compile(r"^([-+]?\d{1,3}(?: \d{3})+(?:\.\d+)?)(?=$|\s+[A-Za-z%°$€£][^\d]{0,30}$)")


_REAL_COMPLEMENT_RE = re.compile(r"^(?:R|ℝ)\s*\\setminus\s*\\\{([^{}]{1,80})\\\}$")


def _dollar_amounts(text: str) -> str:
    """``$1,100, $1,210`` -> ``$1100, $1210``: a dollar sign marks its commas as thousands separators (normalize
    drops the sign, and a list of amounts would split at every comma)."""
    if "$" not in text or "," not in text:
        return text
    return _THOUSANDS_RE.sub(lambda m: m.group(0).replace(",", ""), text)


def _complement_as_union(text: str) -> str:
    """``R \\setminus \\{-2, 2\\}`` -> ``(-\\infty,-2) \\cup (-2,2) \\cup (2,\\infty)``: the reals less a few
    points, as the union of open intervals between them; anything else unchanged."""
    m = _REAL_COMPLEMENT_RE.match(text.strip())
    if not m:
        return text
    points = [p.strip() for p in m.group(1).split(",")]
    values = [parse_number(p) for p in points]
    if not points or any(v is None for v in values):
        return text
    ends = ["-\\infty", *[p for _, p in sorted(zip([v.value for v in values], points, strict=True))], "\\infty"]
    return " \\cup ".join(f"({a},{b})" for a, b in zip(ends, ends[1:], strict=False))


def _plain_form(text: str) -> str:
    """Spellings that only matter here: thousands separators inside labelled values, signed changes."""
    if "," in text and _THOUSANDS_RE.search(text):
        text = _THOUSANDS_RE.sub(lambda m: m.group(0).replace(",", ""), text)
    if " " in text and (m := _SPACE_GROUPS_RE.match(text)):
        text = m.group(1).replace(" ", "") + text[m.end(1):]  # 98 000 Pa: digits grouped by spaces
    if text[:1] in "aAdDlLrRiIgGfF" and (m := _SIGNED_CHANGE_RE.match(text)):
        sign = "-" if m.group(1).lower() in _NEGATIVE_CHANGE else ""
        text = sign + m.group(2).strip()
    if text[:1] in "35" and (m := _STRAND_RE.match(text)):  # 5'-AUGCCU-3' is AUGCCU; 3'-UCCGUA-5' read 5' to 3'
        text = m.group(2) if m.group(1) == "5" else m.group(2)[::-1]
    return text


_ANTIDERIVATIVE_RE = re.compile(r"\bantiderivative|\bindefinite\s+integral|\bintegrate\b|\\int(?!_)|\bprimitive\b",
                                re.I)


def _up_to_a_constant(ref: str, ans: str, deadline: Deadline) -> Result | None:
    """Antiderivatives: equal when they differ by a constant (``\\arcsin x + C`` and ``-\\arccos x + C``);
    None when either side is not one expression in a variable."""
    from general_reasoner.verify import expr as ex

    r, a = _INTEGRATION_CONSTANT_RE.sub("", ref), _ANY_CONSTANT_RE.sub("", ans)  # + K, + C_1: another name
    try:
        tr, ta = ex.parse_expr(r, deadline), ex.parse_expr(a, deadline)
    except ex.ParseError:
        return None
    if not ex.symbols(tr) - {"C"}:
        return None
    same = ex.differ_by_constant(tr, ta, deadline)
    if same is None:
        return None
    return Result(same, True, "equal up to a constant of integration" if same else "antiderivatives differ")


def _verdict(res: Result, answer: str, started: float) -> Verdict:
    status = Status.CORRECT if res.equal else Status.INCORRECT
    return Verdict(status=status, answer=answer, reason=res.reason, method="rule",
                   seconds=time.monotonic() - started, confident=True if res.equal else res.confident)


_MATHY_RE = re.compile(r"[\d\\^$]")
_UNSURE_RE = re.compile(r"\b(?:not\s+sure|unsure|maybe|perhaps|possibly|i\s+guess|might\s+be|could\s+be)\b", re.I)


def _option_by_value(answer: str, options: dict[str, str]) -> str | None:
    """The one option whose value the answer states (numbers and math compared by value, not text)."""
    if not _MATHY_RE.search(answer) or len(answer) > 80:
        return None
    hits = [k for k, text in options.items() if len(text) <= 80 and compare_answer(clean_answer(text), answer).equal]
    return hits[0] if len(hits) == 1 else None


def _option_by_words(answer: str, options: dict[str, str]) -> str | None:
    """The one option whose text the answer names in other words (the spellings ``strings_equal`` accepts:
    an initialism spelled out, a Latin plural, O-negative for O negative)."""
    if len(answer) > 120 or _MATHY_RE.search(answer):
        return None
    hits = [k for k, text in options.items() if len(text) <= 80 and strings_equal(clean_answer(text), answer)[0]]
    return hits[0] if len(hits) == 1 else None


_LEAD_WORDS_RE = re.compile(r"^(?:(?:is|are|equals?|was|be|of|to|:)\s+)+|^[A-Za-z]{1,3}(?:_\w+)?\s*=\s*(?=\S)")
_ECHO_STRIP_RE = re.compile(r"\s+|\$|\\[,;!]|\\(?:left|right)\b|\\text\s*\{([^{}]*)\}|\\mathrm\s*\{([^{}]*)\}")
_COMPUTED_FORM_RE = re.compile(r"\d\s*(?:[-+*/×÷^·]|\\(?:times|cdot|div|frac))\s*\S|\\frac|\d\s*[A-Za-zµμΩ°%]")
# An expression in a variable written as an operation (``(x - 9)(x - 6)``, ``2x + 3x``, ``(x+1)^2``), for
# answers without words: a policy answered "Expand and simplify (x - 9)(x - 6)" with the product itself.
_EXPR_FORM_RE = re.compile(r"\)\s*\(|(?<![A-Za-z])[A-Za-z]\s*[-+*/^]\s*[\w(\\]|[-+*/^]\s*\(")
_WORD_RE = re.compile(r"[A-Za-z]{3,}")
_LATEX_CMD_RE = re.compile(r"\\[A-Za-z]+")
_MATRIX_RE = re.compile(r"\\begin\{[pbvBV]?matrix\}")
_FRAC_RE = re.compile(r"\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}")
_SENTENCE_END_RE = re.compile(r"[.,;:!?](?=\s|$)")


def _stated_core(answer: str) -> str:
    """What a short answer states, its lead words and a name on the left dropped (``is 2/10`` -> ``2/10``,
    ``AB = ...`` -> ``...``)."""
    return _LEAD_WORDS_RE.sub("", normalize(answer).strip()).strip().rstrip(".")


def _echo_key(text: str) -> str:
    text = _FRAC_RE.sub(r"\1/\2", text)  # \frac{1}{2} is written as 1/2
    return _ECHO_STRIP_RE.sub(lambda m: m.group(1) or m.group(2) or "", text).lower()


def _restates_question(res: Result, answer: str, question: str, reference: str, kind: AnswerType | None) -> Result:
    """An equal answer that only restates what the question gives: the fraction it asks to simplify
    (``2/10``), the sum it asks to compute (``1/9 + 1/11``), the quantity it asks to convert (``1300 g``,
    ``13 bytes`` for the bits in them), the matrices it asks to multiply, the product it asks to expand.
    Equal in value, but no answer: a policy trained on a rule reward finds these. Where the reference is
    written the same way, it stands."""
    core = _stated_core(answer)
    if "=" in core and "=" not in reference and not any(op in core for op in ("<=", ">=", "!=")):
        core = core.rsplit("=", 1)[1].strip()  # AB = (the product written out) = (its value): the value
    if not core or len(core) > 300:
        return res
    if len(_MATRIX_RE.findall(core)) >= 2 and len(_MATRIX_RE.findall(reference)) <= 1:  # (or [[2, 1], [4, 3]])
        return Result(False, True, "an unevaluated operation on the question's matrices, not their result")
    if kind is AnswerType.INTEGER and (qa := split_quantity(core)) is not None and qa.number.value != int(
            qa.number.value) and (qr := split_quantity(normalize(reference))) is not None and qa.unit == qr.unit:
        return Result(False, True, "the answer type is Integer and the stated value is not an integer")  # 18.025 °C
    key = _echo_key(core)
    if (terms := _fraction_terms(core)) is not None and math.gcd(*terms) == 1:
        return res  # a fraction in lowest terms is a result (1/3 for "Compute 1 ÷ 3"); 2/10 or 90/10 is not
    computed = _COMPUTED_FORM_RE.search(core) or (
        _EXPR_FORM_RE.search(core) and not _WORD_RE.search(_LATEX_CMD_RE.sub("", core)))
    if len(key) < 2 or not computed or key == _echo_key(normalize(reference)) or \
            kind is AnswerType.MULTIPLE_CHOICE or parse_options(question):  # options are the question's own text
        return res
    asked = _echo_key(_SENTENCE_END_RE.sub(" ", normalize(question)))
    at = asked.find(key)
    while at >= 0:  # not inside a longer number or expression: 2/10 is not in 12/100 or 2/10^3
        before, after = asked[at - 1: at], asked[at + len(key): at + len(key) + 1]
        if not (before and (before.isdigit() or before in "./^_=")) and \
                not (after and (after.isdigit() or after in "./^_=")):  # (1 GB = 1000 MB) is a given fact
            return Result(False, True, f"the answer restates the question's {core[:40]!r} instead of a result")
        at = asked.find(key, at + 1)
    return res


_FRACTION_TEXT_RE = re.compile(r"^\s*[-+]?\s*(?:\\[dt]?frac\s*\{\s*(\d+)\s*\}\s*\{\s*(\d+)\s*\}|(\d+)\s*/\s*(\d+))\s*$")


def _fraction_terms(text: str) -> tuple[int, int] | None:
    """Numerator and denominator of a plain fraction (``2/10``, ``\\frac{2}{10}``); None for anything else."""
    m = _FRACTION_TEXT_RE.match(text)
    return (int(m.group(1) or m.group(3)), int(m.group(2) or m.group(4))) if m else None


def _form_asked(res: Result, answer: str, question: str, deadline: Deadline, reference: str) -> Result:
    """An equal answer that ignores the form the question asks for: fewer decimal places or significant
    digits than asked, a fraction not in lowest terms, a polynomial not completely factored."""
    wanted = required_precision(question)
    if wanted is not None:
        num = _stated_number(answer)
        if num is not None:
            kind, n = wanted
            if (ref_num := parse_number(normalize(reference))) is not None and ref_num.value == num.value:
                pass  # 2.7 for 2.70 asked to two places: only zeros left out, the value is the reference's
            elif kind == "decimals" and num.decimals is not None and \
                    num.decimals + (2 if num.percent and not (ref_num and ref_num.percent) else 0) < n:  # 5% is 0.05
                return Result(False, True, f"the question asks for {n} decimal places")
            if kind == "sig" and num.decimals is not None and num.sig < n:
                return Result(False, True, f"the question asks for {n} significant figures")
    if asks_lowest_terms(question) and (terms := _fraction_terms(_stated_core(answer))) is not None:
        p, q = terms
        if q and math.gcd(p, q) > 1:
            return Result(False, True, "the fraction is not in lowest terms")
    if asks_prime_factorization(question):
        stated_product = normalize(answer).split("=")[-1]
        if (n := composite_factor(stated_product)) is not None:
            return Result(False, True, f"{n} is not prime: not a prime factorization")
        if parse_number(stated_product) is not None and parse_number(normalize(reference)) is None:
            return Result(False, True, "the number itself, not its prime factorization")
    if asks_complete_factoring(question) and not _fully_factored(answer, deadline):
        return Result(False, True, "the polynomial is not completely factored")
    exact = asks_exact_form(question) if wanted is None and not _decimal_reference(reference) \
        else None  # "the exact answer, to two decimal places"; a decimal reference: its digits decide
    stated = normalize(answer).split("=")[-1].split("≈")[0].strip()  # 32/7 ≈ 4.571 states the exact value
    if exact == "pi" and "\\pi" in normalize(reference) and "\\pi" not in normalize(stated):
        return Result(False, True, "the question asks for the answer in terms of π")  # 9 × 3.14 for 9π
    if exact and _DECIMAL_ONLY_RE.match(stated) and not (exact == "exact" and _is_exactly(stated, reference)):
        return Result(False, True, "the question asks for an exact value (" + (
            "in terms of π" if exact == "pi" else "a fraction" if exact == "fraction" else "not a rounding")
            + "), not a decimal")
    return res


def _is_exactly(decimal: str, reference: str) -> bool:
    """The decimal is the reference's value itself (0.3125 for 5/16, 12.5% for 1/8), not a rounding of it."""
    d, r = parse_number(decimal), parse_number(normalize(reference))
    return d is not None and r is not None and (d.value == r.value or d.percent and d.value / 100 == r.value)


def _decimal_reference(reference: str) -> bool:
    """A reference written as a decimal (0.177, 2.91 × 10^-5): the digits it states set the precision."""
    r = parse_number(normalize(reference))
    return r is not None and r.decimals is not None and r.value.denominator != 1


def _stated_number(answer: str) -> Number | None:
    text = normalize(answer)
    text = text.split("=")[-1].split("≈")[-1].strip()
    q = split_quantity(text)
    return q.number if q is not None else None


def _fully_factored(answer: str, deadline: Deadline) -> bool:
    """No factor of the answer is a polynomial that factors further over the rationals (sympy, on the
    tree our own parser built; never on the raw text)."""
    from general_reasoner.verify import expr as ex

    try:
        tree = ex.parse_expr(normalize(answer).split("=")[-1].strip(), deadline)
        return ex.factors_irreducibly(tree)
    except Exception:  # noqa: BLE001 - cannot tell: do not reject on form
        return True


_DECIMAL_ONLY_RE = re.compile(r"^[-+]?\d*\.\d+\s*(?:[A-Za-z%°²³]+(?:\^\d)?)?$")  # 0.17, 50.27 cm^2
_DUAL_FORM_RE = re.compile(r"^([^()]{1,60}?)\s*\(([^()]{1,40})\)$")
_IE_FORM_RE = re.compile(r"^(.{1,80}?),?\s+(?:i\.\s?e\.,?|that is,?|or equivalently,?|equivalently,?)\s+(.{1,40})$", re.I)


_REF_TRAILING_NAME_RE = re.compile(r"^([A-Za-z][A-Za-z'-]{2,}(?: [^()\d]{0,40}?)?)\s+\(([^()]{1,30})\)$")
_REF_INNER_NAME_RE = re.compile(r"^([A-Za-z][\w-]*)\s*\(([A-Za-z][\w -]{0,25})\)\s+([A-Za-z][\w -]{0,30})$")


_FUNCTION_NAMES = {"sin", "cos", "tan", "sec", "csc", "cot", "log", "exp", "sqrt", "det", "max", "min", "gcd", "lcm",
                   "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "diag", "rank", "span", "ker", "tr"}


def _reference_forms(ref: str) -> list[str]:
    """A word reference that gives a second name in brackets: both names (``methane (CH4)`` -> methane, CH4;
    ``concave (diverging) lens`` -> concave lens, diverging lens). Values with digits are not names
    (a chemical formula is)."""
    if (m := _REF_TRAILING_NAME_RE.match(ref)) is not None:
        first, second = m.group(1).strip(), m.group(2).strip()
        if first.lower() in _FUNCTION_NAMES or any(c.isdigit() for c in second) and not chemical(second):
            return []
        return [first, second]
    if (m := _REF_INNER_NAME_RE.match(ref)) is not None:
        return [f"{m.group(1)} {m.group(3)}", f"{m.group(2)} {m.group(3)}"]
    return []


_SEVERAL_ASSIGNMENTS_RE = re.compile(r"(?:^|[,;]\s*|\band\s+|\bor\s+)[A-Za-z](?:_\w+)?\s*=[^=]*?(?:[,;]|\bor\b|\band\b)"
                                     r"\s*(?:and\s+|or\s+)?[A-Za-z](?:_\w+)?\s*=")
_ARROWS = ("→", "⇒", "=>", "\\Rightarrow", "\\implies")


def _final_step(answer: str, ref: str) -> str | None:
    """The result a chain of steps arrives at: after its last arrow (``x(x-1)(x+1) = 0 → {-1, 0, 1}``) or
    its last ``=`` (``Using n(n+1)/2 = 100·101/2 = 5,050``), where the reference has none; never where the
    answer assigns several named values (``x = 5, y = 3``) or states an inequality."""
    s = normalize(answer)
    if len(s) > 400:
        return None
    for arrow in _ARROWS:
        if arrow in s and arrow not in ref:
            return s.rsplit(arrow, 1)[1].strip() or None
    if "=" in s and "=" not in ref and not any(op in s for op in ("<=", ">=", "!=", "≈")) and \
            not _SEVERAL_ASSIGNMENTS_RE.search(s):
        tail = s.rsplit("=", 1)[1].strip()
        return tail if tail and len(tail) <= 80 else None
    return None


def _dual_form(ref: str, first: str, second: str, question: str | None, kind: AnswerType | None,
               deadline: Deadline) -> Result | None:
    """``1/4 (0.25)``, ``oxygen (O2)``, ``90 min (1 h 30 min)``: one answer in two forms; it is the
    reference when both forms are (a second form that says something else is a second answer)."""
    one = compare_answer(ref, first.strip(), question=question, answer_type=kind, deadline=deadline)
    two = compare_answer(ref, second.strip(), question=question, answer_type=kind, deadline=deadline)
    if one.equal and two.equal:
        return Result(True, True, "both forms of the answer equal the reference")
    return None


def _multiple_choice(ref: str, answer: str, question: str | None, forced: bool) -> Result | None:
    options = parse_options(question)
    ref_letter = reference_letter(ref, options)
    if ref_letter is None:
        return None
    bare = _BARE_LETTER_RE.match(normalize(answer).replace("\\boxed", "").strip("{} "))
    if not (forced or options or _BARE_LETTER_RE.match(normalize(ref)) or bare):
        return None
    allowed = "".join(sorted(options)) or "ABCDE" + ("FGHIJ"[: max(0, ord(ref_letter) - ord("E"))])
    several = _LETTER_LIST_RE.match(normalize(answer).replace("\\boxed", "").replace("{", "").replace("}", ""))
    if several and len(set(re.findall(r"[A-J]", several.group(0).upper()))) > 1:
        return Result(False, True, "several options named where the reference is one")
    if len(offered_letters(answer, allowed)) > 1:
        return Result(False, True, "several options offered where the reference is one")
    if forced and re.fullmatch(r"\(?[a-j]\)?[.):]?", answer.strip()):
        answer = answer.strip().upper()  # the type says multiple choice: "a." is option A
    letter = letter_of(answer, allowed=allowed, options=options, loose=True)
    if letter is None and options:
        letter = _option_by_value(answer, options)  # "\\dfrac{3}{4}" for (A) $\\frac{3}{4}$
    if letter is None and options:
        letter = _option_by_words(answer, options)  # "Gross domestic product" for (B) GDP, "The mitochondria"
    if letter is None:
        if not forced and not options:
            return None
        return Result(False, False, "no option letter found in the answer")
    if letter == ref_letter:
        other = letter_text_conflict(answer, letter, options) if options else None
        if other is not None:
            return Result(False, True, f"option {letter} named with the text of option {other}")
        return Result(True, True, f"option {letter}")
    return Result(False, True, f"option {letter}, expected {ref_letter}")


_WORD_CHARS_RE = re.compile(r"^[\w ]+$")
_CURRENCY_SIGNS_RE = re.compile(r"[€£¥₹]|\b(?:USD|EUR|GBP|JPY|INR|CNY|CAD|AUD|CHF|euros?|pounds?\s+sterling|yen|rupees?)\b"
                                r"|(?<![\\$\w])\$(?=\s?\d[\d,.]*(?:\s*(?:million|billion|thousand|[kKmMbB]))?\s*$)")
_CURRENCY_NAMES = {"€": "EUR", "euro": "EUR", "euros": "EUR", "£": "GBP", "¥": "JPY", "yen": "JPY", "₹": "INR",
                   "rupee": "INR", "rupees": "INR", "$": "USD"}
_PERCENT_WORDS_RE = re.compile(r"%|\b(?:percent\w*|rates?|yields?|returns?|margins?|market\s+share|proportions?|probabilit\w*"
                               r"|fractions?|growth|changes?|increases?|decreases?|interest|efficienc\w*|accuracy"
                               r"|elasticit\w*|ratio\s+of|portions?|inflation|discounts?|markups?|tax\w*|humidity"
                               r"|concentrations?|purity|relative|errors?|chances?|odds)\b", re.I)


def _currencies(text: str) -> set[str]:
    """The currencies a short answer names (``€450`` -> {EUR}, ``$450`` -> {USD}); empty for none."""
    if len(text) > 80 or not _CURRENCY_SIGNS_RE.search(text):
        return set()
    return {_CURRENCY_NAMES.get(m.group(0).lower(), _CURRENCY_NAMES.get(m.group(0), m.group(0).upper()))
            for m in _CURRENCY_SIGNS_RE.finditer(text)}


def _as_typed(ref: Number, kind: AnswerType | None) -> Number:
    """A Float reference written as an integer (``1660``) states a measurement to its last digit, not a count."""
    return replace(ref, measured=True) if kind is AnswerType.FLOAT and ref.is_integer_literal else ref


def _percent_not_asked(ref: str, ans: str, question: str | None, kind: AnswerType | None) -> bool:
    """A bare number reference, a percentage answer, and a question that asks for no rate or share
    (``What is its P/E ratio?`` 15 vs 15%). Without a question nothing is assumed."""
    if not question or kind is AnswerType.PERCENTAGE or _PERCENT_WORDS_RE.search(question):
        return False
    nr, na = parse_number(ref), parse_number(ans.rstrip().removesuffix("%").removesuffix("\\"))
    return nr is not None and na is not None and not nr.percent and nr.value == na.value  # 15% read as 15


def _spacing_is_output(ref: str, ans: str, question: str | None) -> bool:
    """Words of a program's output that differ only in spaces (``ababab`` / ``ab ab ab``): different output."""
    return (ref.replace(" ", "") == ans.replace(" ", "") and bool(_WORD_CHARS_RE.match(ref))
            and bool(_WORD_CHARS_RE.match(ans)) and asks_program_output(question))


_FORMULA_ASKED_RE = re.compile(r"\b(?:formula|chemical|compound|molecule|oxide|gas|ion)\b", re.I)
_YES_NO_LEAD_RE = re.compile(r"^\s*(?:is|are|does|do|can|was|were|will|has|have|true\s+or\s+false)\b", re.I)


def _formula_asked(ref: str, question: str | None) -> bool:
    """``NO`` for "the chemical formula of nitric oxide": a formula, not the word no (``No`` is nobelium)."""
    return bool(ref.isupper() and len(ref) > 1 and question and _FORMULA_ASKED_RE.search(question)
                and not _YES_NO_LEAD_RE.match(question))


def compare_answer(reference: str, answer: str, *, question: str | None = None,
                   answer_type: AnswerType | None = None, deadline: Deadline | None = None) -> Result:
    """Compare an extracted answer with a reference (both already cleaned)."""
    deadline = deadline or Deadline()
    if answer == reference:
        return Result(True, True, "same text")
    if "%" in answer and "%" not in reference and _percent_not_asked(reference, answer, question, answer_type):
        return Result(False, True, "a percentage where the question asks for a number")  # P/E ratio 15 vs 15%
    if answer_type not in _NOT_PLAIN_NUMBER and (not question or not _BASE_QUESTION_RE.search(question)) \
            and (nr := parse_number(reference)) is not None and (na := parse_number(answer)) is not None:
        eq, near = compare_numbers(_as_typed(nr, answer_type), na)  # fast path: two plain numbers, parsed once
        return Result(eq, not near, "numbers equal" if eq else "numbers differ")
    if (cr := _currencies(reference)) and (ca := _currencies(answer)) and not cr & ca:
        return Result(False, True, "different currencies")  # €450 vs $450
    if ("ebit" in reference or "Dr" in reference) and (journal := compare_journal(reference, answer)) is not None:
        return Result(journal[0], True, journal[1])  # Debit Cash $500; Credit Revenue $500 = Dr Cash 500 / Cr Revenue 500
    if (logic := compare_logic(reference, answer)) is not None:
        return Result(logic[0], True, logic[1])  # ¬(A ∧ B) and ¬A ∨ ¬B: the same truth table
    ref_n, ans_n = normalize(_dollar_amounts(reference)), normalize(_dollar_amounts(answer))
    if ref_n != ans_n and _spacing_is_output(ref_n, ans_n, question):
        return Result(False, True, "spacing differs in a program's output")  # ababab vs ab ab ab
    if ref_n == ans_n or squash(ref_n) == squash(ans_n):
        return Result(True, True, "same text")  # the same text after normalization (spaces and one-character
        # braces aside): nothing else can differ
    if not (question and _BARE_LETTER_RE.match(ref_n) and chosen_letter(answer)) and \
            negates_reference(reference, answer, lambda r, span: compare_answer(
            r, clean_answer(span), question=question, answer_type=answer_type, deadline=deadline).equal):
        return Result(False, True, "the answer negates the reference")
    if answer_type is AnswerType.MULTIPLE_CHOICE or _BARE_LETTER_RE.match(ref_n) or \
            _BARE_LETTER_RE.match(ans_n) or parse_options(question) or _LETTER_WITH_PAREN_RE.match(ref_n):
        res = _multiple_choice(reference, answer, question, answer_type is AnswerType.MULTIPLE_CHOICE)
        if res is not None:
            return res
    if answer_type is AnswerType.BOOLEAN or (parse_bool(ref_n) is not None and parse_number(ref_n) is None
                                             and not _formula_asked(ref_n, question)):
        br, ba = parse_bool(ref_n), parse_bool(ans_n)
        if br is not None and ba is None and question:
            ba = answer_to_question(ans_n, question)
        if br is not None and ba is not None:
            return Result(br == ba, True, "booleans " + ("agree" if br == ba else "differ"))
    ref_n, ans_n = _plain_form(ref_n), _plain_form(ans_n)
    if "setminus" in ref_n + ans_n:
        ref_n, ans_n = _complement_as_union(ref_n), _complement_as_union(ans_n)  # R \ {-2, 2}
    if "nteger" in ref_n + ans_n or "Z" in ref_n + ans_n or "ℤ" in ref_n + ans_n:
        ref_n, ans_n = _INTEGER_QUALIFIER_RE.sub("", ref_n), _INTEGER_QUALIFIER_RE.sub("", ans_n)  # , k ∈ ℤ
    if "°" in ref_n and "°" in ans_n and (bearing := compare_bearing(ref_n, ans_n)) is not None:
        return Result(bearing[0], True, bearing[1])  # 53.1° north of east is 36.9° east of north
    if (dr := split_direction(ref_n)) is not None:
        da = split_direction(ans_n)
        if da is None:
            return Result(False, True, "the direction is missing")
        if da[1] != dr[1]:
            return Result(False, True, "directions differ")
        res = compare_answer(dr[0], da[0], question=question, answer_type=answer_type, deadline=deadline)
        return Result(res.equal, res.confident, res.reason + " (same direction)")
    if _EMPTY_SET_RE.match(ref_n):
        same = bool(_EMPTY_SET_RE.match(ans_n))
        return Result(same, True, "both empty" if same else "the reference is the empty set")
    if (ref_n.endswith("C") and _INTEGRATION_CONSTANT_RE.search(ref_n)) or \
            (question and _ANTIDERIVATIVE_RE.search(question)):
        res = _up_to_a_constant(ref_n, ans_n, deadline)
        if res is not None:
            return res
    if ref_n.endswith("C") and _INTEGRATION_CONSTANT_RE.search(ref_n) and "C" not in ans_n:
        ref_n = _INTEGRATION_CONSTANT_RE.sub("", ref_n)  # the constant of integration may be left out
    if answer_type is AnswerType.STRING and _string_key(ref_n) and _string_key(ref_n) == _string_key(ans_n):
        return Result(True, True, "same text (sub/superscripts aside)")
    if answer_type is AnswerType.PERCENTAGE and "%" not in ref_n and "percent" not in ref_n:
        num = parse_number(ref_n)
        if num is not None and abs(num.value) > 1:
            ref_n = ref_n + "%"
    if ref_n == ans_n or (" " in ref_n or " " in ans_n) and _tight(ref_n) == _tight(ans_n):
        return Result(True, True, "same text")
    nr = parse_number(ref_n)
    na = parse_number(ans_n) if nr is not None else None
    if na is not None:  # fast path: two plain numbers
        eq, near = compare_numbers(_as_typed(nr, answer_type), na)  # type: ignore[arg-type]
        return Result(eq, not near, "numbers equal" if eq else "numbers differ")
    if nr is None and (qr := split_quantity(ref_n)) is not None and (qa := split_quantity(ans_n)) is not None:
        return quantities_result(qr, qa, question)  # fast path: two quantities (what compare_texts would do)
    if ("t" in ans_n or "=" in ref_n) and "z" in ref_n + ans_n and (line := same_line(ref_n, ans_n, deadline)) is not None:
        return Result(line, True, "the same line" if line else "different lines")  # symmetric, vector, parametric
    if question and _HEX_QUESTION_RE.search(question) and _HEX_RE.match(ref_n) and _HEX_RE.match(ans_n):
        same = int(ref_n.lower().removeprefix("0x"), 16) == int(ans_n.lower().removeprefix("0x"), 16)
        return Result(same, True, "same hexadecimal number" if same else "hexadecimal numbers differ")
    if question and _BINARY_QUESTION_RE.search(question) and _BINARY_RE.match(ref_n) and _BINARY_RE.match(ans_n):
        same = int(ref_n.replace(" ", "").removeprefix("0b"), 2) == int(ans_n.replace(" ", "").removeprefix("0b"), 2)
        return Result(same, True, "same binary number" if same else "binary numbers differ")  # 0011 1111
    for special in _SPECIALS:
        found = special(ref_n, ans_n)
        if found is not None:
            return Result(found[0], True, found[1])
    if _WORDS_RE.match(ref_n) and _WORDS_RE.match(ans_n) and not _JOINED_RE.search(ref_n + " " + ans_n) \
            and number_word(ref_n) is None and number_word(ans_n) is None:
        same, how = strings_equal(ref_n, ans_n, question)  # fast path: words only (what compare_texts would end with)
        return Result(True, True, how) if same else Result(False, False,
                                                           f"could not match the answer to the reference ({how})")
    ordered = bool(question and (_ORDER_WORDS_RE.search(question) or _PART_LABELS_RE.search(question)
                                 or asks_program_output(question)))  # a program prints in its order
    unordered = answer_type is AnswerType.LIST and not ordered and not (question and _TUPLE_WORDS_RE.search(question)) \
        and not _COORDINATE_LABEL_RE.match(ans_n)
    return compare_texts(ref_n, ans_n, Ctx(deadline=deadline, ordered=ordered, question=question or "",
                                           unordered=unordered))


def verify(reference: str, response: str, *, question: str | None = None,
           answer_type: AnswerType | str | None = None, extracted: bool = False,
           timeout: float = DEFAULT_TIMEOUT) -> Verdict:
    """Is ``response`` (a full response, or the answer itself with ``extracted=True``) equivalent
    to ``reference``? Always returns a Verdict (method "rule"), never raises on bad input."""
    started = time.monotonic()
    deadline = Deadline(timeout, started)
    answer: str | None = None
    try:
        kind = AnswerType.parse(answer_type) if answer_type else None
        if not isinstance(response, str) or not isinstance(reference, str):
            return Verdict(Status.ERROR, None, "reference and response must be text", "rule", 0.0, False)
        raw = response.strip() if extracted else (extract_answer(response, fallback=True)
                                                   or last_statement(response))
        if raw is None or not raw.strip():
            return Verdict(Status.NO_ANSWER, None, "no final answer found in the response", "rule",
                           time.monotonic() - started, True)
        answer = clean_answer(raw)
        claim = final_claim(answer)
        answer = clean_answer(claim) if claim is not answer else answer
        closing = closing_clause(answer) if not extracted else answer  # "..., so s ≈ 2.14" first
        answer = clean_answer(closing) if closing is not answer else answer
        lead = lead_value(answer)
        answer = clean_answer(lead) if lead is not answer else answer
        phrase = result_phrase(answer) if not extracted else answer  # "... leaves x + 1": that math
        answer = clean_answer(phrase) if phrase is not answer else answer
        verdict = closing_verdict(answer)  # "... none divide 97. Yes."
        answer = clean_answer(verdict) if verdict is not answer else answer
        if not answer:
            return Verdict(Status.NO_ANSWER, raw, "the answer is empty", "rule", time.monotonic() - started, True)
        ref = prepare_reference(reference)
        kept = without_trailing_negation(answer, ref)  # "Canberra, not Sydney"
        answer = clean_answer(kept) if kept is not answer else answer
        if carries_protocol(answer, ref):
            return Verdict(Status.GAMING, answer[:200], "the answer carries grader or prompt text", "rule",
                           time.monotonic() - started, True)
        if len(answer) <= 200 and (answer.rstrip().endswith("?") and not ref.rstrip().endswith("?")
                                   or _UNSURE_RE.search(answer) and not _UNSURE_RE.search(ref)):
            return _verdict(Result(False, True, "the answer is a guess, not a claim (a question, 'maybe')"), answer,
                            started)  # "Answer: 26?", "not sure, maybe 6": no answer is committed to
        if len(answer) > MAX_ANSWER_CHARS or len(ref) > MAX_ANSWER_CHARS:
            same = normalize(answer[:MAX_ANSWER_CHARS * 4]) == normalize(ref[:MAX_ANSWER_CHARS * 4])
            if same and len(answer) == len(ref):
                return Verdict(Status.CORRECT, answer[:200], "same text", "rule", time.monotonic() - started)
            return Verdict(Status.UNPARSABLE, answer[:200], f"answer longer than {MAX_ANSWER_CHARS} characters",
                           "rule", time.monotonic() - started, False)
        ref2 = rewrite_reference(ref)
        res = compare_answer(ref2, rewrite_answer(ref, answer, question), question=question, answer_type=kind,
                             deadline=deadline)
        if not res.equal and answer.endswith(")") and (m := _DUAL_FORM_RE.match(answer)):
            dual = _dual_form(ref2, m.group(1), m.group(2), question, kind, deadline)
            res = dual or res
        if not res.equal and "(" in ref2:
            for form in _reference_forms(ref2):  # "methane (CH4)", "concave (diverging) lens": either name
                named = compare_answer(form, rewrite_answer(ref, answer, question), question=question,
                                       answer_type=kind, deadline=deadline)
                if named.equal:
                    res = Result(True, True, f"{named.reason} (one of the reference's two names)")
                    break
        if "≈" in (stated := normalize(answer)) and (after := stated.rsplit("≈", 1)[1].strip()):
            if not res.equal:
                approx = compare_answer(ref2, after, question=question, answer_type=kind,
                                        deadline=deadline)  # pH = -log(0.0045) ≈ 2.347: the value stated after ≈
                res = approx if approx.equal else res
            elif split_quantity(after) is not None and (q := split_quantity(normalize(ref2))) is not None and \
                    (q.unit or "." in ref2) and \
                    not (approx := compare_answer(ref2, after, question=question, answer_type=kind,
                                                  deadline=deadline)).equal:
                res = Result(False, True, f"the value stated after ≈ differs ({approx.reason})")  # 2π√(1/9.81) ≈ 2.00
        if not res.equal and (step := _final_step(answer, ref2)) is not None:
            last = compare_answer(ref2, rewrite_answer(ref, step, question), question=question, answer_type=kind,
                                  deadline=deadline)  # x(x-1)(x+1) = 0 → {-1, 0, 1}; ... = 5,050
            res = last if last.equal else res
        if not res.equal and (m := _IE_FORM_RE.match(answer)):
            dual = _dual_form(ref2, m.group(1), m.group(2), question, kind, deadline)  # 0.7, i.e. 70%
            res = dual or res
        if res.equal and question:
            res = _restates_question(res, answer, question, ref2, kind)  # "1300 g" for "Convert 1300 g to kg"
        if res.equal and question:
            res = _form_asked(res, answer, question, deadline, ref2)  # last: no reading may skip the asked form
        if res.equal and not extracted and (walk := walked_options(response, question)):
            res = Result(False, True, walk_reason(walk))  # "The answer is A. ... The answer is D."
        return _verdict(res, answer, started)
    except DeadlineExceeded as err:
        return Verdict(Status.TIMEOUT, answer, str(err), "rule", time.monotonic() - started, False)
    except TooComplex as err:
        return Verdict(Status.UNPARSABLE, answer, f"too complex to compare: {err}", "rule",
                       time.monotonic() - started, False)
    except RecursionError:
        return Verdict(Status.UNPARSABLE, answer, "too deeply nested to compare", "rule",
                       time.monotonic() - started, False)
    except Exception as err:  # noqa: BLE001 - one bad item is a verdict, never a crash
        if type(err).__name__ == "ConfigError":
            raise
        return Verdict(Status.ERROR, answer, f"{type(err).__name__}: {err}"[:300], "rule",
                       time.monotonic() - started, False)
