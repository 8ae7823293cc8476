"""Multiple choice letters, booleans, and short strings (names, chemical formulas)."""

from __future__ import annotations

import re

from general_reasoner.verify.chem_names import (
    ELEMENT_SYMBOLS,
    element_counts,
    isotope,
    name_matches_formula,
    names_same_compound,
)
from general_reasoner.verify.normalize import cached_for_short, normalize, plain_text

_OPTION_LINE_RE = re.compile(r"(?:^|\n|\s)\(?([A-J])[\).:]\s+([^\n]+?)(?=\s+\(?[A-J][\).:]\s|\n|$)")
_LETTER_ONLY_RE = re.compile(r"^\s*(?:option|choice|answer)?\s*[:\s]*\(?\s*([A-Ja-j])\s*\)?\s*[.:)]?\s*$", re.I)
_LETTER_LEAD_RE = re.compile(r"^\s*(?:option\s+|choice\s+)?\(?([A-J])(?:\)|[.:。,，]|(?=[^\x00-\x7f])|$)")
_LETTER_WITH_TEXT_RE = re.compile(r"^\s*\(([A-J])\)\s*\S")
_ANSWER_IS_RE = re.compile(r"(?:answer|réponse|respuesta|antwort)\s*(?:is|est|es|ist)?\s*(?:for\s+sure\s+|probably\s+)?"
                           r"[:：]?\s*(?:option\s+)?\(?([A-J])\b", re.I)
# "not A", "isn't A", "can't be A", "it cannot possibly be A" (a bare "be", as in "could be A", negates nothing)
_NEGATED_RE = re.compile(r"(?:not|n't|non|no|pas|nicht|不是|不)\s*(?:be\s*)?\(?$|(?:not|n't|non)\s+\w+\s+(?:be\s+)?$", re.I)
_CLAUSE_NEGATION_RE = re.compile(r"(?:^|[,;:.!?—–]\s*)(?P<clause>[^,;:.!?—–]{0,60})$")
_NEGATION_WORD_RE = re.compile(r"\b(?:not|no|never|cannot|neither|nor)\b|n't\b", re.I)


def _negated_at(s: str, start: int) -> bool:
    """Is the letter at ``start`` negated: right before it (``not A``, ``can't be A``) or earlier in
    its own clause (``it doesn't make sense for it to be A``)?"""
    if _NEGATED_RE.search(s[max(0, start - 12):start]):
        return True
    m = _CLAUSE_NEGATION_RE.search(s[max(0, start - 80):start])
    return bool(m and _NEGATION_WORD_RE.search(m.group("clause")))


_STANDALONE_RE = re.compile(r"(?<![A-Za-z'’])\(?([A-J])\)?(?![A-Za-z'’])")


@cached_for_short
def parse_options(question: str | None) -> dict[str, str]:
    """Options listed in a question: ``(A) text`` / ``A. text`` / ``A) text``, one letter each; also
    AMC's ``$\\textbf{(A)}\\ 10 \\qquad \\textbf{(B)}\\ 14$`` (read from the normalized question)."""
    if not question:
        return {}
    found = _options_in(question)
    if not found and ("textbf" in question or "qquad" in question):
        found = _options_in(normalize(question))
    if not found and _LOWER_OPTION_RE.search(question):
        found = _options_in(_LOWER_OPTION_RE.sub(lambda m: m.group(1) + "(" + m.group(2).upper() + ")", question))
    return found


_LOWER_OPTION_RE = re.compile(r"(^|\n)\s*\(([a-j])\)(?=\s)")  # "(a) HF\n(b) CH3COOH": options in lower case


def _options_in(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for m in _OPTION_LINE_RE.finditer(text):
        found.setdefault(m.group(1), m.group(2).strip())
    letters = sorted(found)
    if len(letters) < 2 or letters[0] != "A":
        return {}
    return found


_BOOLISH_RE = re.compile(r"true|false|correct|valid|hold|fail|yes|no|right|wrong|affirm|agree|negative", re.I)
_TRUE_DENIED_RE = re.compile(r"\b(?:not|no|false|isn't|n't)\b")
_SUBSCRIPT_RE = re.compile(r"_\{?(\d+)\}?")
_ION_CHARGE_RE = re.compile(r"\^(\d*[+-])$")
_FORMULA_HINT_RE = re.compile(r"\d|[A-Z].*[A-Z]")
_TWO_LOWER_RE = re.compile(r"[a-z]{2}")
_LIST_JOIN_RE = re.compile(r"\s*(?:,|/|\bor\b|\band\b|\bnor\b)\s*", re.I)
_LETTER_HEDGE_RE = re.compile(r"\bor\b|\beither\b|\bpossibly\b|\bmaybe\b|\bperhaps\b|/", re.I)


def offered_letters(text: str, allowed: str) -> set[str]:
    """Option letters an answer offers as alternatives (``Either A or B``, ``B, or possibly C``):
    the letters it names, negated ones aside, when it hedges; else the empty set."""
    s = _simplify(text)
    if not _LETTER_HEDGE_RE.search(s):
        return set()
    offered: set[str] = set()
    negated, prev_end = False, -1
    for m in _STANDALONE_RE.finditer(s):
        if m.group(1) not in allowed:
            continue
        joined = prev_end >= 0 and _LIST_JOIN_RE.fullmatch(s[prev_end:m.start()])
        negated = _negated_at(s, m.start()) or (negated and bool(joined))
        prev_end = m.end()
        if not negated:  # "it can't be A or B": both negated
            offered.add(m.group(1))
    return offered


def _simplify(text: str) -> str:
    return normalize(text).replace("\\boxed", "").replace("{", "").replace("}", "").strip()


def letter_of(text: str, *, allowed: str = "ABCDE", options: dict[str, str] | None = None,
              loose: bool = False) -> str | None:
    """The option letter a text names, or None. ``loose`` also reads letters inside prose."""
    s = _simplify(text)
    m = _LETTER_ONLY_RE.match(s)
    if m and m.group(1).upper() in allowed and (m.group(1).isupper() or options):
        return m.group(1).upper()
    m = _LETTER_WITH_TEXT_RE.match(s)
    if m and m.group(1) in allowed:
        return m.group(1)
    if options:
        exact = [letter for letter, option in options.items() if _simplify(option) == s]
        if len(exact) == 1:
            return exact[0]  # "C. Wright Mills" is option B's text, not option C
        if (m := _LETTER_LEAD_RE.match(s)) and m.group(1) in allowed and s[m.end() - 1:m.end()] in ".):" and \
                s[m.end():m.end() + 1] == " ":
            return m.group(1)  # "A. Meiosis": the letter named, whatever its text (a conflict is the caller's)
        plain = plain_text(s)
        same = [letter for letter, option in options.items() if plain and plain == plain_text(option)]
        if len(same) > 1:  # "Co" among CO and Co: the option written exactly so
            same = [letter for letter in same if _simplify(options[letter]) == s]
        if len(same) == 1:
            return same[0]
    if not loose:
        return None
    m = _ANSWER_IS_RE.search(s)
    if m and m.group(1) in allowed:
        return m.group(1)
    m = _LETTER_LEAD_RE.match(s)
    if m and m.group(1) in allowed:
        return m.group(1)
    found = [m for m in _STANDALONE_RE.finditer(s) if m.group(1) in allowed]
    kept = [m for m in found if not _negated_at(s, m.start())]
    if len(s) > 60 and _last_decision(s) is None and not _DECIDING_WORD_RE.search(s) and (
            len({m.group(1) for m in kept}) > 1 or {m.group(1) for m in kept} <= set(_ENUMERATED_RE.findall(s))):
        return None  # "Option A: ... Option B: ... we should compare the rest": options discussed, none chosen
    if not kept:
        return option_by_text(s, options) if options else None
    # "for sure D, it can't be A or B": the first letter not negated; a bare list of letters: the last
    return kept[0].group(1) if len(kept) < len(found) else found[-1].group(1)


_DECISION_RE = re.compile(r"\b(?:answer|option|choice)\s+(?:is|would\s+be|must\s+be|=)\s*[:：]?\s*(?:option\s+)?\(?([A-J])\b",
                          re.I)
_ENUMERATED_RE = re.compile(r"\b(?:option|choice)\s+\(?([A-J])\)?\s*[:\-–—]", re.I)
_DECIDING_WORD_RE = re.compile(r"\b(?:therefore|thus|hence|so\s+the|correct|choose|chose|pick|select|final)\b", re.I)


def _last_decision(text: str) -> re.Match[str] | None:
    """The last "the answer/option is X" in a text, or None."""
    last = None
    for m in _DECISION_RE.finditer(text):
        last = m
    return last


# unlike _DECISION_RE: "answer" only, and the letter upper case ("the answer is a share near 68%" is no "A")
_DECLARED_RE = re.compile(r"(?i:\banswer\s+(?:is|would\s+be|must\s+be|=)\s*[:：]?\s*(?:option\s+)?)\(?([A-J])(?![A-Za-z'’])")


HEDGED_OPTIONS = 3  # this many different options declared "the answer" is a walk through the options


def walked_options(response: str, question: str | None) -> list[str] | None:
    """The options a response declares "the answer" one after another (``The answer is A.`` ... ``The
    answer is D.``) when it names three or more different ones of the question's options, else None. The
    last would be counted by its position, not chosen (a zero-RL policy learned this walk); a single
    correction (``A. Wait, the answer is B``) is not a walk."""
    if not question or not isinstance(response, str) or "nswer" not in response:
        return None
    options = parse_options(question)
    if len(options) < HEDGED_OPTIONS:
        return None
    named = sorted({m.group(1) for m in _DECLARED_RE.finditer(response[-20_000:])} & set(options))
    return named if len(named) >= HEDGED_OPTIONS else None


def walk_reason(letters: list[str]) -> str:
    return f"the response declares {len(letters)} options the answer in turn ({', '.join(letters)}): not a choice"


def chosen_letter(text: str) -> str | None:
    """The letter an explicit decision names (``... Therefore, the correct option is A: ...``), or None."""
    m = _last_decision(_simplify(text))
    return m.group(1).upper() if m else None


_OPTION_NEGATION_RE = re.compile(r"\b(?:not|never|no|isn't|aren't|wasn't|neither|nor|except)\b|n't\b")


def _phrase_in(short: str, long: str) -> bool:
    return f" {short} " in f" {long} "


def option_by_text(text: str, options: dict[str, str]) -> str | None:
    """The one option whose text the answer names without its letter: the answer holds the option's
    text (``Archduke Franz Ferdinand of Austria``) or is a distinctive part of it (``Keynesian`` for
    ``Keynesian economics``, ``Machiavelli`` for ``Niccolò Machiavelli``). None when no option or
    several options fit, or when the answer negates."""
    plain = plain_text(text)
    if not plain or _OPTION_NEGATION_RE.search(plain) or len(plain) > 120:
        return None
    texts = {letter: plain_text(option) for letter, option in options.items()}
    holds = [k for k, t in texts.items() if t and _phrase_in(t, plain)]
    if len(holds) == 1:
        return holds[0]
    if holds:
        longest = max(holds, key=lambda k: len(texts[k]))  # "economics" and "keynesian economics"
        return longest if all(_phrase_in(texts[k], texts[longest]) for k in holds) else None
    if len(plain) >= 4 and not plain.isdigit():
        part_of = [k for k, t in texts.items() if _phrase_in(plain, t)]
        if len(part_of) == 1:
            return part_of[0]
        plural = [k for k, t in texts.items() if t and _same_but_number(t, plain)]  # ribosomes / ribosome
        if len(plural) == 1:
            return plural[0]
    return None


def _same_but_number(a: str, b: str) -> bool:
    """The same words, the last one singular on one side and plural on the other (ribosome / ribosomes)."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or wa[:-1] != wb[:-1]:
        return False
    x, y = sorted((wa[-1], wb[-1]), key=len)
    return len(x) >= 3 and (y in (x + "s", x + "es") or (x.endswith("y") and y == x[:-1] + "ies"))


_LEAD_LETTER_TEXT_RE = re.compile(r"^\s*(?:(?:the\s+)?(?:final\s+)?answer\s*(?:is)?\s*[:：]?\s*)?(?:option\s+)?"
                                  r"\(?([A-J])\)?\s*(?:[.:)\-–—,]|\s)\s*(\S.*)$", re.I | re.S)


def letter_text_conflict(answer: str, letter: str, options: dict[str, str]) -> str | None:
    """``B. Plato`` where B is Socrates and A is Plato: the letter's text names another option.
    Returns that other option's letter, or None (no text, the letter's own text, or no option named)."""
    simple = _simplify(answer)
    m = _LEAD_LETTER_TEXT_RE.match(simple)
    if not options.get(letter):
        return None
    if (not m or m.group(1).upper() != letter) and (d := _last_decision(simple)) is not None:
        m = _LEAD_LETTER_TEXT_RE.match(simple[d.start(1) - (1 if simple[d.start(1) - 1:d.start(1)] == "(" else 0):])
        # "... The correct option is C: 25%": the text after the decision
    if not m or m.group(1).upper() != letter:
        return _other_option_named(answer, letter, options)
    said = plain_text(m.group(2))
    own = plain_text(options[letter])
    if not said or _phrase_in(own, said) or _phrase_in(said, own):
        return None
    other = option_by_text(m.group(2), {k: v for k, v in options.items() if k != letter})
    return other


def _other_option_named(answer: str, letter: str, options: dict[str, str]) -> str | None:
    """``The largest planet is Saturn, option (C)`` where C is Jupiter and A is Saturn: a short answer that
    names the text of exactly one other option (words of three letters or more) and not its own."""
    if len(answer) > 160:
        return None
    said = plain_text(answer)
    own = plain_text(options[letter])
    if not own or _phrase_in(own, said):
        return None
    named = [k for k, v in options.items() if k != letter and _WORDY_OPTION_RE.search(text := plain_text(v))
             and _phrase_in(text, said) and not _phrase_in(text, own)]
    return named[0] if len(named) == 1 else None


_WORDY_OPTION_RE = re.compile(r"[a-z]{3}")


def reference_letter(reference: str, options: dict[str, str]) -> str | None:
    """A reference names a letter as ``B``, ``(B)``, ``(B) text``, ``B text`` or the option text (a lower-case
    letter too, where the question's options are lower case)."""
    allowed = "".join(options) or "ABCDEFGHIJ"
    if options and len(reference.strip("() .")) == 1 and reference.strip("() .").islower():
        reference = reference.strip("() .").upper()
    letter = letter_of(reference, allowed=allowed, options=options)
    if letter:
        return letter
    m = re.match(r"^\s*\(?([A-J])(?:[\).:]?\s+[A-Z]|[\).:]\s*\S)", reference)
    return m.group(1) if m else None


# --------------------------------------------------------------------------- booleans

_TRUE = {"true", "yes", "correct", "right", "valid", "t", "y", "holds", "it holds", "statement is true",
         "affirmative", "agree"}
_FALSE = {"false", "no", "incorrect", "wrong", "invalid", "f", "n", "does not hold", "statement is false",
          "negative", "disagree", "not true", "not correct"}


_BOTH_VERDICTS_RE = re.compile(r"\b(true|false|yes|no|correct|incorrect)\s*(?:or|/)\s*(true|false|yes|no|correct|incorrect)\b")
_BOOL_WORD_RE = re.compile(r"\b(?:true|false|correct|incorrect|valid|invalid|holds?|fails?|yes|no)\b")


@cached_for_short
def parse_bool(text: str) -> bool | None:
    if len(text) > 3 and not _BOOLISH_RE.search(text):
        return None  # no truth word at all (every reading below needs one)
    s = plain_text(text).strip(" .!")
    if " or " in s or "/" in s:
        m = _BOTH_VERDICTS_RE.search(s)
        if m and (m.group(1) in _TRUE) != (m.group(2) in _TRUE):
            return None  # "False or True": both verdicts offered, none given
    if s.startswith(("answer", "final answer")):
        s = re.sub(r"^(?:answer|final answer)\s*:?\s*", "", s)
    if s in _TRUE:
        return True
    if s in _FALSE:
        return False
    if not _BOOL_WORD_RE.search(s):
        return None
    m = re.fullmatch(r"(?:(?:the|this|that|given)\s+)?(?:statement|claim|answer|proposition|assertion)?\s*(?:it\s+)?"
                     r"(?:is|would be)\s+(not\s+)?(true|false|correct|incorrect|valid|invalid)", s)
    if m:
        value = m.group(2) in ("true", "correct", "valid")
        return value != bool(m.group(1))
    m = re.fullmatch(r"(?:(?:the|this|that)\s+)?(?:statement|claim|proposition|assertion|identity|equation|result|it)"
                     r"\s+(holds|(?:does\s+not|doesn't|fails\s+to)\s+hold|fails)", s)
    if m:
        return m.group(1) == "holds"
    first = s.split(" ", 1)[0].rstrip(",;:.!")
    first_clause = _FIRST_CLAUSE_RE.split(plain_text(text.split(".", 1)[0]) if "." in text else s, maxsplit=1)[0]
    if first in ("yes", "true") and not _TRUE_DENIED_RE.search(first_clause):
        return True  # "True. A constant does not change": the denial is in the explanation, not the verdict
    if first in ("no", "false"):
        return False
    m = _CLOSING_YES_NO_RE.search(s)  # "it diverges, so no"
    if m:
        return m.group(1) == "yes"
    m = _CLOSING_VERDICT_RE.search(s)  # "..., so the statement is true"
    if m and not _TRUE_DENIED_RE.search(s[:m.start()].rsplit(",", 1)[-1]):
        value = m.group(2) in ("true", "correct", "valid")
        return value != bool(m.group(1))
    if first in ("correct", "right") and not _TRUE_DENIED_RE.search(s):
        return True
    if first in ("incorrect", "wrong"):
        return False
    return None


_FIRST_CLAUSE_RE = re.compile(r"[,;:—–]")
_CLOSING_YES_NO_RE = re.compile(r"(?:[,;]\s*|\s)(?:so|therefore|thus|hence)\s+(?:the\s+answer\s+is\s+)?(yes|no)\W*$")
_CLOSING_VERDICT_RE = re.compile(r"\b(?:statement|claim|assertion|proposition|it)\s+(?:is|would be)\s+(not\s+)?"
                                 r"(true|false|correct|incorrect|valid|invalid)\W*$")


_TRUE_FALSE_STATEMENT_RE = re.compile(r"\btrue\s+or\s+false\s*[:?.\-–—]?\s*(.+?)\s*$", re.I | re.S)
_YES_NO_QUESTION_RE = re.compile(r"^\s*(?:does|do|is|are|can|will|was|were|has|have|did|could|should|would)\s+(.+)$",
                                 re.I | re.S)
_ANSWER_NEGATION_RE = re.compile(r"\b(?:not|never|no|cannot)\b|n't\b|\bfails?\s+to\b", re.I)
_NEGATIVE_PREFIX_RE = re.compile(r"^(?:un|in|im|il|ir|non|dis)(?=[a-z]{4})")


def _stem(word: str) -> str:
    for suffix in ("ing", "es", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[:-len(suffix)]
    return word


_VERDICT_HEDGE_RE = re.compile(r"\b(?:depends?|depending|maybe|perhaps|possibly|sometimes|partly|partially|unclear"
                               r"|uncertain|undetermined|cannot\s+be\s+determined|can't\s+say)\b")


def answer_to_question(answer: str, question: str) -> bool | None:
    """A yes/no question answered in words: "Does the series converge?" / "It does not converge."

    Only when the answer repeats a verb or content word of the question (>= 4 letters):
    negated -> False, else True. None when it does not."""
    m = _YES_NO_QUESTION_RE.match(question.strip().split("\n")[-1] if "?" in question else "")
    statement = None if m else _TRUE_FALSE_STATEMENT_RE.search(question)
    m = m or statement
    text = plain_text(answer)
    if not m or not text or len(text.split()) > 12 or re.search(r"\d", text):
        return None
    if _VERDICT_HEDGE_RE.search(text):
        return None  # "It depends on the observer's velocity": no verdict
    asked = {_stem(w) for w in re.findall(r"[a-z]{4,}", m.group(1).lower())}
    words = re.findall(r"[a-z]{4,}", text)
    said = {_stem(w) for w in words}
    # "inadmissible" for "Is hearsay admissible?": the question's word negated by its prefix
    opposite = [w for w in words if (p := _NEGATIVE_PREFIX_RE.match(w)) and _stem(w) not in asked
                and _stem(w[p.end():]) in asked]
    if not asked & said and not opposite:
        return None
    # each negation flips the answer: "It is not true that hearsay is inadmissible" says it is admissible
    negated = (len(_ANSWER_NEGATION_RE.findall(text)) + len(opposite)) % 2 == 1
    if statement and not negated:
        return None  # restating a word of a true-or-false statement is no verdict; only "not invertible" is
    return not negated


# --------------------------------------------------------------------------- strings

_CHEM_RE = re.compile(r"^(?:\(?(?:[A-Z][a-z]?\d*)+\)?\d*)+(?:\^?\{?\d*[+-]\}?)?$")
_HEDGE_RE = re.compile(r"\b(?:or|either|maybe|perhaps|possibly)\b|/")
_CANDIDATES_RE = re.compile(r"[,;?&]|\band\b|\bvs\.?|\bversus\b", re.I)  # several candidates named
_DESCRIPTIVE_RE = re.compile(r"^\s*(?:the|a|an|which|who|that|known|also|i\.e\.|e\.g\.|located|in|of|as|because"
                             r"|since|it|its|this)\b", re.I)


def _other_candidates(answer: str, reference: str) -> bool:
    """Does the answer name candidates besides the reference (``respiration, photosynthesis``), as
    opposed to describing it (``Mars, the red planet``)? Used only where the reference is one item."""
    if not _CANDIDATES_RE.search(answer.rstrip(".?!")) or _CANDIDATES_RE.search(reference):
        return False
    parts = [p.strip(" .?!") for p in _CANDIDATES_RE.split(answer)]
    key = plain_text(reference)
    others = [p for p in parts if p and f" {key} " not in f" {plain_text(p)} "]
    return any(not _DESCRIPTIVE_RE.match(p) for p in others)
_NEGATION_RE = re.compile(r"\b(?:not|no|never|isn't|aren't|wasn't|neither|nor|except|fail|fails)\b|n't\b", re.I)
_INNER_CAPITAL_RE = re.compile(r"[a-z][A-Z]|[A-Z]{2}[a-z]")
_NULL_HYPOTHESIS_RE = re.compile(r"\b(?:the\s+)?null(?:\s+hypothesis)?\b|\bh_?\{?0\}?\b|\bh_?\{?o\}?\b|\bh₀")  # (after "reject")
_NOT_REJECT_RE = re.compile(r"\b(?:do\s+not|don't|does\s+not|cannot|can't|fail(?:s|ed)?\s+to|not)\s+reject")


_VERSUS_RE = re.compile(r"\b(?:versus|vs\.?|v\.)(?=\s)")


_BRITISH = [(re.compile(p), r) for p, r in (
    (r"(?<=[a-z]{3})our\b", "or"), (r"(?<=[a-z]{3})is(e|ed|es|ing|ation|ations)\b", r"iz\1"),
    (r"(?<=[a-z]{2})yse\b", "yze"), (r"(?<=[a-z]{2}[bcdfghkmnpstvz])re\b", "er"),
    (r"(?<=[bcdfghjklmnpqrstvwxz])ae(?=[a-z])", "e"), (r"\boe(?=[a-z]{3})", "e"),
    (r"(?<=[a-z])ogue\b", "og"), (r"(?<=[a-z]{2})ll(ed|ing)\b", r"l\1"))]
_BLOOD_RE = re.compile(r"\b(ab|a|b|o)\s*(?:-\s*(?=[pn]))?(?:rh\s*)?(positive|negative|pos|neg|\+|-)(?=\s|$)")


_INITIALISMS = {
    "deoxyribonucleic acid": "dna", "ribonucleic acid": "rna", "messenger rna": "mrna", "transfer rna": "trna",
    "adenosine triphosphate": "atp", "adenosine diphosphate": "adp", "gross domestic product": "gdp",
    "gross national product": "gnp", "consumer price index": "cpi", "united states of america": "usa",
    "united states": "usa", "united kingdom": "uk", "united nations": "un", "european union": "eu",
    "international monetary fund": "imf", "purchasing power parity": "ppp", "net present value": "npv",
    "internal rate of return": "irr", "return on investment": "roi", "earnings per share": "eps",
    "central processing unit": "cpu", "random access memory": "ram", "hypertext markup language": "html",
    "hypertext transfer protocol": "http", "structured query language": "sql", "polymerase chain reaction": "pcr",
    "magnetic resonance imaging": "mri", "body mass index": "bmi", "human immunodeficiency virus": "hiv",
    "myocardial infarction": "mi", "light emitting diode": "led", "light-emitting diode": "led",
    "nicotinamide adenine dinucleotide": "nad", "central nervous system": "cns", "autonomic nervous system": "ans",
    "research and development": "r&d", "exclusive or": "xor", "foreign direct investment": "fdi", "world trade organization": "wto",
}
_ORDINALS = {"1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth", "5th": "fifth", "6th": "sixth",
             "7th": "seventh", "8th": "eighth", "9th": "ninth", "10th": "tenth", "11th": "eleventh", "12th": "twelfth",
             "13th": "thirteenth", "14th": "fourteenth", "15th": "fifteenth", "16th": "sixteenth",
             "17th": "seventeenth", "18th": "eighteenth", "19th": "nineteenth", "20th": "twentieth",
             "21st": "twenty-first"}
_ORDINAL_RE = re.compile(r"\b(?:1st|2nd|3rd|[4-9]th|1\dth|20th|21st)\b")
_INITIALISM_RE = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, _INITIALISMS), key=len, reverse=True)) + r")\b")
_INITIALISM_GATE = {k.split()[0] for k in _INITIALISMS}


_CALENDAR_ABBREVIATIONS = {
    "mon": "monday", "tue": "tuesday", "tues": "tuesday", "thu": "thursday", "thur": "thursday", "thurs": "thursday",
    "fri": "friday", "jan": "january", "feb": "february", "apr": "april", "jun": "june", "jul": "july",
    "aug": "august", "sep": "september", "sept": "september", "oct": "october", "nov": "november", "dec": "december"}


_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december"
           "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
_DAY_MONTH_RE = re.compile(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTHS})\.?")
_MONTH_DAY_RE = re.compile(rf"({_MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?")


def _canonical_words(text: str) -> str:
    """Phrases with one meaning written many ways: hypothesis-test decisions, "v." / "vs." / "versus",
    British spellings (labour, organise, centre, haemoglobin), blood types (O negative / O-)."""
    if len(text) <= 6 and (full := _CALENDAR_ABBREVIATIONS.get(text.rstrip("."))):
        return full  # Mon -> monday, Sept -> september (not sun, sat, mar, wed, may: words of their own)
    if len(text) <= 20 and (m := _DAY_MONTH_RE.fullmatch(text)):
        month = _CALENDAR_ABBREVIATIONS.get(m.group(2), m.group(2))
        return f"{month} {int(m.group(1))}"  # 8 june, 8th of june -> june 8
    if len(text) <= 20 and (m := _MONTH_DAY_RE.fullmatch(text)):
        return f"{_CALENDAR_ABBREVIATIONS.get(m.group(1), m.group(1))} {int(m.group(2))}"  # june 8th -> june 8
    if "v" in text:
        text = _VERSUS_RE.sub("vs", text)
    if _ORDINAL_RE.search(text):
        text = _ORDINAL_RE.sub(lambda m: _ORDINALS[m.group(0)], text)  # Newton's 2nd law -> second
    if any(w in text for w in _INITIALISM_GATE):
        text = _INITIALISM_RE.sub(lambda m: _INITIALISMS[m.group(0)], text)  # deoxyribonucleic acid -> dna
    if len(text) <= 24 and (m := _BLOOD_RE.fullmatch(text.strip())):
        text = m.group(1) + ("+" if m.group(2) in ("positive", "pos", "+") else "-")
    if any(k in text for k in ("our", "is", "ys", "re", "ae", "oe", "ogue", "ll")):
        for pattern, repl in _BRITISH:
            text = pattern.sub(repl, text)
    if "reject" in text:
        text = _NULL_HYPOTHESIS_RE.sub("h0", text)
        text = _NOT_REJECT_RE.sub("fail to reject", text)
        text = re.sub(r"^(?:we|i|you)\s+", "", text)
    return text


def _latin_stem(word: str) -> str:
    """mitochondria / mitochondrion, bacteria / bacterium, nuclei / nucleus: one stem."""
    if len(word) >= 7:
        for suffix in ("on", "um", "us", "a", "i"):
            if word.endswith(suffix):
                return word[:-len(suffix)]
    return word


def _acronym_of(short: str, long: str) -> bool:
    words = [w for w in re.split(r"[\s\-]+", long) if w]
    return 2 <= len(short) <= 6 and len(words) == len(short) and "".join(w[0] for w in words) == short.lower()


def _subscripts_inline(s: str) -> str:
    """``H_{2}O^{+}`` -> ``H2O+`` (subscripts, braces and backslashes dropped; a trailing charge kept)."""
    if "_" in s:
        s = _SUBSCRIPT_RE.sub(r"\1", s)
    s = s.replace("{", "").replace("}", "").replace("\\", "")
    return _ION_CHARGE_RE.sub(r"\1", s) if "^" in s else s


@cached_for_short
def chemical(text: str) -> str | None:
    """A chemical formula in one spelling (``H_2O``, ``H₂O``, ``\\mathrm{H_2O}`` -> ``H2O``), else None."""
    s = normalize(text).replace(" ", "")
    if len(s) < 2 or not s[0].isupper() and s[0] not in "(\\":
        return None
    s = _subscripts_inline(s)  # NH_4^+ and NH4+ are one ion
    if len(s) < 2 or not _CHEM_RE.match(s) or not _FORMULA_HINT_RE.search(s):
        return None
    return s


@cached_for_short
def _chem_spelling(text: str) -> str | None:
    s = normalize(text).replace(" ", "")
    s = _subscripts_inline(s)
    return s if _CHEM_RE.match(s) else None


_PERSON_QUESTION_RE = re.compile(
    r"\b(?:who|whom|whose)\b|\bwhich\s+(?:[\w-]+\s+){0,3}(?:philosopher|psychologist|economist|scientist|physicist"
    r"|chemist|biologist|mathematician|author|writer|poet|novelist|playwright|president|king|queen|emperor|leader"
    r"|person|thinker|sociologist|theorist|composer|artist|painter|inventor|explorer|historian|general|pope"
    r"|politician|statesman|engineer|astronomer|naturalist|geologist|physician|researcher|founder|linguist"
    r"|anthropologist|psychoanalyst|archaeologist|architect|scholar|monarch|emperor|saint|prophet)s?\b", re.I)
_NAME_RE = re.compile(r"^(?:[A-Z][a-zà-ÿ'\-]+\.?|[A-Z]\.)(?:\s+(?:[A-Z][a-zà-ÿ'\-]+\.?|[A-Z]\.|de|von|van|da|di|la|le)){1,3}$")


_BINOMIAL_RE = re.compile(r"^([A-Z])[a-z]+\s+([a-z]{3,})$")
_ABBREVIATED_RE = re.compile(r"^([A-Z])\.\s*([a-z]{3,})$")


def _species_abbreviation(full: str, short: str) -> bool:
    """``E. coli`` for ``Escherichia coli``."""
    f, a = _BINOMIAL_RE.match(full), _ABBREVIATED_RE.match(short)
    return bool(f and a and f.group(1) == a.group(1) and f.group(2) == a.group(2))


_GENERIC_HEADS = {"distribution", "empire", "dynasty", "analysis", "boundary", "method", "theory", "effect", "law", "principle", "process", "system",
                  "model", "test", "reaction", "bond", "rule", "cycle", "phase", "stage", "approach", "economics",
                  "hypothesis", "technique", "algorithm", "structure", "market", "tissue", "cells", "cell",
                  "gland", "organ", "disease", "syndrome", "disorder", "fault", "rock", "era", "period", "layer"}


def _without_generic_head(ref_words: str, ans_words: str) -> str | None:
    """``SWOT`` for ``SWOT analysis``, ``divergent`` for ``divergent boundary``: the answer is the reference
    less a last word that only names the kind of thing (and the answer keeps >= 3 letters)."""
    r = ref_words.split()
    if len(r) < 2 or r[-1] not in _GENERIC_HEADS or " ".join(r[:-1]) != ans_words or len(ans_words) < 3:
        return None
    return r[-1]


def _surname_of(reference: str, answer: str, question: str) -> bool:
    """``Maslow`` for ``Abraham Maslow`` where the question asks who: the answer is the reference's
    last name (first names and initials left out)."""
    if not _PERSON_QUESTION_RE.search(question) or not _NAME_RE.match(reference):
        return False
    ref_words, ans_words = reference.split(), answer.replace(".", ". ").split()
    return len(ans_words) < len(ref_words) and plain_text(ans_words[-1]) == plain_text(ref_words[-1]) and \
        all(plain_text(w).rstrip(".") in {plain_text(x).rstrip(".") for x in ref_words} or len(w.rstrip(".")) == 1
            for w in ans_words)


_HYDRATE_RE = re.compile(r"^[A-Z][A-Za-z0-9()]*(?:\s*[·•∙*.]\s*\d*[A-Z][A-Za-z0-9()]*)+$")
_PROGRAM_OUTPUT_RE = re.compile(r"\b(?:print|prints|printed|output|outputs|console|stdout|returns?|evaluates? to)\b"
                                r"[^.?]*(?:\(|code|program|python|java|function|script|statement|snippet)"
                                r"|(?:\(|code|program|python|java|function|script|statement|snippet)[^.?]*"
                                r"\b(?:print|prints|printed|output|outputs|return|returns)\b", re.I)
_CHEM_WORDS_RE = re.compile(r"^[A-Za-z][A-Za-z ()'\-]{1,60}$")


def asks_program_output(question: str | None) -> bool:
    """Does the question ask what a program prints or returns (where case, spacing and order are the output)?"""
    return bool(question and _PROGRAM_OUTPUT_RE.search(question))


def _chemistry_words(reference: str, answer: str) -> tuple[bool, str] | None:
    """Element symbols and names (``He`` / ``helium``), isotopes (``carbon-14`` / ``¹⁴C``), and two names
    of one compound (``ethanol`` / ``ethyl alcohol``); None when neither side reads as chemistry."""
    iso_r = isotope(normalize(reference)) if "-" in reference or " " in reference or reference[:1] in "^0123456789" \
        else None
    if iso_r is not None:
        iso_a = isotope(normalize(answer))
        if iso_a is not None:
            return iso_r == iso_a, "same isotope" if iso_r == iso_a else "isotopes differ"
    if _HYDRATE_RE.match(reference) and _HYDRATE_RE.match(answer):
        cr, ca = element_counts(reference), element_counts(answer)
        if cr is not None and ca is not None:
            return cr == ca, "same hydrate" if cr == ca else "hydrates differ"  # CuSO4·5H2O = CuSO4.5H2O
    for symbol, name in ((reference, answer), (answer, reference)):
        if symbol in ELEMENT_SYMBOLS and _CHEM_WORDS_RE.match(name) and name.lower() != symbol.lower():
            found = name_matches_formula(name, symbol)
            if found is not None:
                return found, "element symbol and name" + ("" if found else " differ")
    if _CHEM_WORDS_RE.match(reference) and _CHEM_WORDS_RE.match(answer):
        same = names_same_compound(reference, answer)
        if same is not None:
            return same, "two names of one compound" if same else "different compounds"
    return None


_WORD_HYPHEN_RE = re.compile(r"(?<=[a-z])-(?=[a-z]{2})|(?<=[a-z]{2})-(?=[a-z])")  # in a word: Cl- is an ion, C-C a bond


def _same_name_with_initials(reference: str, answer: str) -> bool:
    """``C. Wright Mills`` / ``Charles Wright Mills``: the same capitalised words where one side writes
    a first or middle name as its initial."""
    rw, aw = reference.split(), answer.split()
    if len(rw) != len(aw) or len(rw) < 2 or rw == aw or not all(w[:1].isupper() for w in rw + aw):
        return False
    initial = False
    for x, y in zip(rw[:-1], aw[:-1], strict=True):
        if x == y:
            continue
        short, full = sorted((x, y), key=len)
        if not (len(short) == 2 and short.endswith(".") and full[0] == short[0] and full[1:].isalpha()):
            return False
        initial = True
    return initial and rw[-1] == aw[-1]


def strings_equal(reference: str, answer: str, question: str | None = None) -> tuple[bool, str]:
    """(equal, how) for short free-text answers; ``question`` says when a surname names the person."""
    cr, ca = chemical(reference), chemical(answer)
    if cr or ca:
        other = _chem_spelling(answer if cr else reference)
        if other is not None:
            return (cr or other) == (ca or other), "chemical formula"
        named = name_matches_formula(answer if cr else reference, cr or ca)  # type: ignore[arg-type]
        if named is not None:
            return named, "chemical name and formula" + ("" if named else " differ")
    chem = _chemistry_words(reference.strip(), answer.strip())
    if chem is not None:
        return chem
    r, a = _canonical_words(plain_text(reference)), _canonical_words(plain_text(answer))
    if not r or not a:
        return False, "empty"
    if r == a and question and _PROGRAM_OUTPUT_RE.search(question) and \
            reference.strip().strip("'\"`") != answer.strip().strip("'\"`") and \
            reference.strip().strip("'\"`").lower() == answer.strip().strip("'\"`").lower():
        return False, "letter case differs in a program's output"
    if r != a and _WORD_HYPHEN_RE.search(f"{r} {a}") and \
            _WORD_HYPHEN_RE.sub("", r).replace(" ", "") == _WORD_HYPHEN_RE.sub("", a).replace(" ", ""):
        return True, "same text (hyphenation)"  # super-ego / superego, Indo European / Indo-European
    if _same_name_with_initials(reference, answer):
        return True, "the same name (initials written out)"
    if r == a:
        if _INNER_CAPITAL_RE.search(reference) and normalize(reference).replace(" ", "") != \
                normalize(answer).replace(" ", "") and reference.lower() == answer.lower():
            return False, "letter case differs where case carries meaning"
        return True, "same text"
    rs, as_ = reference.strip(), answer.strip()
    if (rs.isupper() and rs.isalpha() and _acronym_of(rs, a)) or (as_.isupper() and as_.isalpha()
                                                                   and _acronym_of(as_, r)):
        return True, "acronym"
    if " ".join(map(_latin_stem, r.split())) == " ".join(map(_latin_stem, a.split())):
        return True, "same text (singular/plural)"
    if r.rstrip("s") == a.rstrip("s") and len(r) > 3 and r.rstrip("s")[-1:].isalpha():  # not 1720 / the 1720s
        return True, "same text (plural)"
    if question and _surname_of(rs, as_, question):
        return True, "the person's surname"
    if _species_abbreviation(rs, as_) or _species_abbreviation(as_, rs):
        return True, "the genus abbreviated"
    if (head := _without_generic_head(r, a)) is not None:
        return True, f"the reference without its generic word ({head})"
    rw, aw = r.split(), a.split()
    if (_TWO_LOWER_RE.search(r) and len(rw) <= 6 and len(aw) <= len(rw) + 7 and f" {r} " in f" {a} "
            and not _NEGATION_RE.search(a) and not (ca and not cr)
            and not (_HEDGE_RE.search(a) and not _HEDGE_RE.search(r))
            and not _other_candidates(as_, rs)):
        return True, "answer states the reference"
    return False, "different text"
