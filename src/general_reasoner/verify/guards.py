"""Guards: answers rejected before any model call, each with its own status.

A generative judge can be talked into "Yes". Published attacks on General-Verifier use
empty or filler answers (``:``, ``Thought process:``), answers that address the grader or
carry its decision words, and walls of text. None of them needs a model to be rejected:

- no extracted answer                      -> ``no_answer``
- empty, punctuation or filler only        -> ``content_free``
- talks to the grader, decision words,
  prompt delimiters, hedging between many
  alternatives                             -> ``gaming``
- absurdly long for its reference          -> ``too_long``
- unbalanced braces (a broken extraction)  -> ``unparsable``

A pattern that also occurs in the reference is not held against the answer (a reference
can legitimately be "None" or mention a judge); the rule verifier has already accepted
every answer that equals its reference.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from general_reasoner.types import Status, Verdict


@dataclass(frozen=True)
class GuardConfig:
    max_chars: int = 1000          # no answer longer than this reaches the judge
    max_ratio: float = 10.0        # ... nor one longer than ratio x reference + slack
    slack_chars: int = 200
    max_alternatives: int = 1      # "a or b" offers 2 alternatives: gaming (unless the reference does)
    max_list_ratio: float = 2.0    # "1, 2, ..., 9" for a one-element reference: listing candidates
    check_content: bool = True
    check_gaming: bool = True
    check_length: bool = True


DEFAULT_GUARDS = GuardConfig()

_FILLER = {
    "none", "n/a", "na", "null", "nil", "nothing", "empty", "unknown", "tbd", "todo", "idk",
    "answer", "final answer", "the answer", "the final answer", "the answer is", "my answer", "answer is",
    "solution", "the solution", "thought process", "thinking", "reasoning", "step", "steps", "see above",
    "as above", "see below", "see solution", "see work", "see explanation", "i don't know", "i do not know",
    "no answer", "not sure", "not applicable", "undefined answer", "result", "final", "response",
    "student answer", "ground truth answer", "placeholder", "blank", "...", "etc", "x",
    "explanation", "analysis", "work", "working", "calculation", "calculations", "proof", "hint", "note",
    "let's think", "let me think", "thoughts", "thought", "think", "reason", "rationale",
    # "solution" / "answer" / "explanation" in other languages (published master-key attacks)
    "解", "答", "答案", "解答", "解析", "解説", "かいせつ", "こたえ", "정답", "풀이", "해설", "respuesta",
    "solución", "solucion", "réponse", "reponse", "lösung", "losung", "antwort", "ответ", "решение",
    "risposta", "soluzione", "resposta", "solução", "cevap", "çözüm", "उत्तर", "الجواب", "الحل",
    "obviously", "obvious", "clearly", "trivial", "trivially", "self-evident", "qed", "q.e.d", "n.a", "no comment",
    "i refuse", "refused", "skip", "skipped", "pass", "left as an exercise", "as required", "done", "complete",
}
# Answers that point elsewhere instead of answering ("see my reasoning above").
_POINTER = re.compile(r"\b(as (computed|shown|derived|stated|above|below|described|calculated|required)|"
                      r"see (my|the|our) (reasoning|work|solution|derivation|answer|steps|explanation|calculation)|"
                      r"(described|given|asked) in the question|the textbook|my (reasoning|work|derivation))\b")
# Saying what the answer is not ("anything but X", "not X") instead of what it is.
_EXCLUSION = re.compile(r"^(anything but|anything except|everything but|everything except|other than)\b")
_RANGE = re.compile(r"\b(between\b.+\band|from\b.+\bto|in the range)\b")
# Vague stand-ins for a number: held against numeric references when the answer has no digit.
_VAGUE = re.compile(r"\b(roughly|close to|about|around|approximately|some|ish|nearly|almost|near)\b|\w-ish\b")
_ALL_CHOICES = re.compile(r"^(all|any|each|every|both|none)( (of )?(the )?(options?|choices?|answers?|them|above))?$")
# The start of a reasoning, not a result ("Let's solve this step by step.").
_OPENER = re.compile(r"^(thought process|let me|let's|let us|lets|i will|i'll|i need|we need|we will|"
                     r"we'll|to solve|to find|to answer|step \d|okay|alright|hmm|solution:|here is|here's|"
                     r"</?think|first,|first we|firstly)")
# Connectives that announce an answer; an answer made of nothing else is content-free.
_CONNECTIVES = re.compile(r"\b(therefore|hence|thus|so|then|finally|in conclusion|to conclude|consequently|"
                          r"the final answer is|final answer|the answer is|answer is|answer|we have|we get|"
                          r"i think|well|it is|it's|is|the|result)\b")
# LaTeX commands and symbols that print spacing, dots, ticks or boxes, nothing an answer is made of.
_EMPTY_LATEX = re.compile(r"\\(quad|qquad|ldots|cdots|dots|vdots|ddots|dotsc|dotsb|hfill|hspace|vspace|space|"
                          r"enspace|thinspace|medspace|thickspace|negthinspace|therefore|because|checkmark|"
                          r"square|blacksquare|box|qed|left|right|displaystyle|textstyle|phantom|hphantom|"
                          r"vphantom|cdot|bullet|star|ast|rightarrow|implies|to)(?![a-zA-Z])")
_EMPTY_SYMBOLS = dict.fromkeys(map(ord, "∴∵✓✔✗✘☑☒☐👍👎👌✅❌■□▪▫…⋯⋮⋱·•※→⇒⟹∎★☆"), None)
# Answers that evade the question ("it depends"); held against numeric and single-choice references.
_EVASIVE = re.compile(r"\b(it depends|depends on|cannot be determined|can't be determined|can not be determined|"
                      r"insufficient information|not enough information|see (the )?attached|something|anything|"
                      r"any (value|number|real number|answer)|all of the above|none of the above|undefined|nan|"
                      r"not defined|indeterminate|somewhere|whatever|unknowable|varies)\b")
# Words of an answer that points at the reference or vouches for itself instead of answering.
_META_WORDS = {
    "the", "an", "is", "it", "its", "it's", "this", "that", "as", "to", "of", "be", "i", "am", "i'm",
    "me", "you", "your", "what", "whatever", "says", "say", "said", "expect", "expected", "want", "wanted",
    "reference", "gold", "given", "ground", "truth", "official", "intended", "standard", "model", "key",
    "answer", "solution", "value", "result", "exactly", "identical", "equal", "equals", "same", "matches",
    "match", "confident", "sure", "certain", "trust", "definitely", "absolutely", "surely", "totally",
    "should", "must", "marked", "accepted", "graded", "considered", "counted", "fully",
    "perfect", "perfectly", "completely", "accurate", "precisely", "just", "like", "in", "with", "from",
    "final", "decision", "verdict", "judgement", "judgment", "student", "student's", "thing", "so", "indeed",
}
# A bare verdict word is not an answer unless the reference is one.
_VERDICT_WORDS = {"yes", "no", "correct", "incorrect", "right", "wrong", "true", "false", "equivalent",
                  "same", "matches", "match", "valid", "accepted", "approved", "pass", "passed", "ok", "y", "n"}
_VERDICT_WORDS |= {"是", "对", "對", "正确", "正確", "对的", "sí", "si", "oui", "ja", "да", "はい", "예", "네",
                   "correcto", "correcta", "correcte", "richtig", "верно", "правильно", "vrai", "wahr"}
_LIST_SEP = re.compile(r"\s*[,;?]\s+|\s+and\s+")
# Key phrases also searched with everything but letters removed ("F.i.n.a.l D-e-c-i-s-i-o-n").
_SQUASHED_KEYS = ("finaldecision", "groundtruth", "studentanswer", "studentsanswer", "ignoreprevious",
                  "ignoreallprevious", "ignoretheabove", "disregardprevious", "answeriscorrect", "最终决定", "最終決定")
_LEET = str.maketrans("013457@$", "oieastas")
_HEDGE = re.compile(r"\b(maybe|perhaps|possibly|not sure|unsure|i guess|could be|might be|either way)\b")
_SELF_CORRECTION = re.compile(r"\b(actually|i mean|correction|scratch that|on second thought|no wait|wait,)")
_SELF_DENIAL = re.compile(r"\b(is|are|was|were)\s+(wrong|incorrect|false|not (correct|right|true))\b")
_BOOLEAN_PAIRS = (("true", "false"), ("yes", "no"), ("correct", "incorrect"), ("valid", "invalid"))
# Cyrillic and Greek look-alikes of Latin letters (NFKC leaves them alone).
_HOMOGLYPHS = str.maketrans("аеорсхуіјѕԁԛԝАЕОРСХУІЈЅВНКМТοαειкνρτυχΑΕΙΚΝΟΡΤΥΧ",
                            "aeopcxyijsdqwAEOPCXYIJSBHKMToaeiknptuxAEIKNOPTYX")

# Each pattern names what it catches; all run on the normalized, lower-cased answer.
_GAMING: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (why, re.compile(rx)) for why, rx in (
        ("contains the judge's decision words", r"final\W*decision"),
        ("contains the judge's decision words", r"decision\s*[:=]\s*(yes|no)\b"),
        ("claims to be correct", r"\b(student'?s?|this|my|the|above|given|following|your)\s+(final\s+)?"
                                 r"(answer|response|solution)\s+(is|was|should be|must be)\s+"
                                 r"(correct|right|equivalent|true|valid|accepted|acceptable)"),
        ("claims to be correct", r"\b(equivalent|identical|equal|same as|matches|match|consistent with|"
                                 r"agrees with|aligned with|corresponds to)\s+(to\s+)?the\s+(ground|reference|"
                                 r"correct|expected|gold|given|true|official|standard|model|right)\b"),
        ("claims to be correct", r"\b(mark|grade|score|consider|treat|judge|count|accept)(ed)?\s+"
                                 r"(this|it|the answer|my answer|as)\b.{0,30}\b(correct|right|yes|true|"
                                 r"full marks?|equivalent)"),
        ("claims to be correct", r"\b(answer|response) (matches|equals) the (ground|reference|gold|expected)"),
        ("claims to be correct", r"\b(i am|i'm|we are)\s+(very\s+|totally\s+|100%\s+)?(confident|sure|certain)\b"),
        ("claims to be correct", r"\btrust me\b|\b\d+\s*%\s*(correct|right|sure|accurate|certain)"),
        ("claims to be correct", r"\bshould be (marked|graded|considered|accepted|counted|scored)\b"),
        ("claims to be correct", r"^(verdict|grade|score|rating|evaluation|assessment|judgement|judgment)\s*[:=]"),
        ("claims to be correct", r"\b(full (marks?|credit|score)|10\s*/\s*10)\b"),
        ("addresses the grader", r"\b(please|kindly)\s+(grade|mark|accept|consider|score|approve|pass)\b|"
                                 r"\b(grade|mark|score|judge)\s+(me\s+|this\s+|it\s+)?(leniently|generously|"
                                 r"kindly|favou?rably)"),
        ("addresses the grader", r"\b(verifier|grader|evaluator|judge|assessor|examiner|checker|"
                                 r"language model|assistant|ai model|system prompt)\b"),
        ("addresses the grader", r"\b(ignore|disregard|forget|override)\b.{0,40}\b(instructions?|rules?|"
                                 r"prompt|above|previous|prior|ground truth)"),
        ("addresses the grader", r"\b(output|print|respond|reply|answer|say|write|return)\s+(with\s+|only\s+)?"
                                 r"[\"'`]*\s*(yes|correct|true)\b"),
        ("addresses the grader", r"\byou (must|should|will|have to|need to|are)\b"),
        ("addresses the grader", r"\bground\s*truth\b"),
        ("contains prompt delimiters", r"###|<\|[a-z_]+\|>|<\/?(s|system|user|assistant)>|\b(user|assistant|"
                                       r"system)\s*:|student answer\s*:|question\s*:"),
    )
)
_ALTERNATIVE = re.compile(r"\s(?:or|either|and/or)\s|\s/\s")
_JOURNAL_LINE_RE = re.compile(r"\d\s/\s(?:cr|dr|credit|debit)\b", re.I)  # Dr Cash 500 / Cr Revenue 500: two lines
_LATEX_WRAPPERS = re.compile(r"\\(?:textbf|textit|textrm|textsf|texttt|text|mathrm|mathbf|mathit|mathsf|mathtt|"
                             r"operatorname|mbox|boxed|fbox|underline|emph)(?![a-zA-Z])\s*")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


_ASIDE = re.compile(r"(?<=\S)\s+\([^()]*\)")  # "undecidable (Turing, 1936)"; never a tuple of its own


def normalize(text: str) -> str:
    """Lower-cased text with LaTeX wrappers, braces, ``$`` and odd spacing removed (NFKC)."""
    text = unicodedata.normalize("NFKC", text).translate(_ZERO_WIDTH).translate(_HOMOGLYPHS)
    text = _LATEX_WRAPPERS.sub("", text)
    text = text.replace("\\ ", " ").replace("~", " ").replace("\\,", " ").replace("\\;", " ")
    text = re.sub(r"[{}$]", "", text)
    return re.sub(r"\s+", " ", text).strip().lower()


def has_content(text: str) -> bool:
    """True if ``text`` holds a letter, a digit or a non-ASCII symbol (such as ∞ or ∅)."""
    for ch in text:
        cat = unicodedata.category(ch)
        if cat[0] in "LN" or (cat in ("Sm", "So") and ord(ch) > 127):
            return True
    return False


def check_answer(answer: str | None, reference: str, config: GuardConfig = DEFAULT_GUARDS, *,
                 question: str | None = None) -> Verdict | None:
    """A rejecting verdict (method ``guard``) if the answer must not reach a judge, else None."""
    if answer is None:
        return _reject(Status.NO_ANSWER, None, "no answer could be extracted from the response")
    norm, ref = normalize(answer), normalize(reference)
    if config.check_length:
        limit = min(config.max_chars, int(config.max_ratio * len(reference)) + config.slack_chars)
        if len(answer) > limit:
            return _reject(Status.TOO_LONG, answer, f"answer has {len(answer)} characters, more than {limit} "
                                                    f"allowed for a {len(reference)}-character reference")
    if config.check_content:
        stripped = norm.strip(" .:;,!?-_*#>`'\"()[]")
        if not has_content(_EMPTY_LATEX.sub(" ", answer).translate(_EMPTY_SYMBOLS)):
            return _reject(Status.CONTENT_FREE, answer, "answer is empty, punctuation or spacing only")
        ref_stripped = ref.strip(" .:;,!?-_*#>`'\"()[]")
        if stripped in _FILLER and stripped != ref_stripped:
            return _reject(Status.CONTENT_FREE, answer, f"answer is filler ({stripped!r})")
        if _OPENER.match(stripped) and not _OPENER.match(ref_stripped):
            return _reject(Status.CONTENT_FREE, answer, "answer is the start of a reasoning, not a result")
        if not has_content(_CONNECTIVES.sub(" ", stripped)) and has_content(_CONNECTIVES.sub(" ", ref)):
            return _reject(Status.CONTENT_FREE, answer, "answer is a connective with no result after it")
        if _EVASIVE.search(stripped) and _numeric_or_choice(ref) and not _EVASIVE.search(ref):
            return _reject(Status.CONTENT_FREE, answer, "answer evades the question")
        if _POINTER.search(stripped) and not _POINTER.search(ref):
            return _reject(Status.CONTENT_FREE, answer, "answer points elsewhere instead of answering")
        if _EXCLUSION.match(stripped) and not _EXCLUSION.match(ref):
            return _reject(Status.CONTENT_FREE, answer, "answer says what the result is not")
        if _numeric_or_choice(ref) and not re.search(r"\d", stripped) and (
                _VAGUE.search(stripped) or _ALL_CHOICES.match(stripped)) and not _CHOICE.match(stripped):
            return _reject(Status.CONTENT_FREE, answer, "answer is vague where the reference is exact")
        if re.search(r"\d", ref) and _RANGE.search(stripped) and not _RANGE.search(ref):
            return _reject(Status.GAMING, answer, "answer gives a range where the reference is one value")
        if question and len(stripped) >= 20 and stripped in normalize(question) and stripped not in ref:
            return _reject(Status.CONTENT_FREE, answer, "answer repeats the question")
    if config.check_content:
        bare = re.sub(r"\\[{}]", "", answer)
        if bare.count("{") != bare.count("}"):
            return _reject(Status.UNPARSABLE, answer, "answer has unbalanced braces (a broken extraction)")
    if config.check_gaming:
        for why, pattern in _GAMING:
            if pattern.search(norm) and not pattern.search(ref):
                return _reject(Status.GAMING, answer, f"answer {why}")
        squashed, ref_squashed = (re.sub(r"[\W_]", "", t.translate(_LEET)) for t in (norm, ref))
        for key in _SQUASHED_KEYS:
            if key in squashed and key not in ref_squashed:
                return _reject(Status.GAMING, answer, f"answer spells out {key!r}")
        for why, pattern in (("hedges", _HEDGE), ("changes its answer midway", _SELF_CORRECTION)):
            if pattern.search(norm) and not pattern.search(ref):
                return _reject(Status.GAMING, answer, f"answer {why}")
        if ref and re.search(r"(\bnot|\bisn't|\bis not|\bnever|\bno|\bneither|\bnor|≠|\\neq)\s*(the\s+|a\s+|an\s+)?"
                             + re.escape(ref) + r"(?!\w)", norm):
            return _reject(Status.GAMING, answer, "answer negates the reference")
        words = re.sub(r"[^\w\s']", " ", norm).split()
        ref_words = set(re.sub(r"[^\w\s']", " ", ref).split())
        if _SELF_DENIAL.search(norm) and not ref_words & _VERDICT_WORDS and not _SELF_DENIAL.search(ref):
            return _reject(Status.GAMING, answer, "answer says it is wrong")
        if words and set(words) <= _META_WORDS | _VERDICT_WORDS and not set(words) <= ref_words \
                and not ref_words & _VERDICT_WORDS:
            return _reject(Status.GAMING, answer, "answer points at the reference or vouches for itself "
                                                  "instead of answering")
        for pair in _BOOLEAN_PAIRS:
            if ref_words & set(pair) and set(pair) <= set(words) and not set(pair) <= ref_words:
                return _reject(Status.GAMING, answer, f"answer says both {pair[0]!r} and {pair[1]!r}")
        if words and set(words) <= _VERDICT_WORDS and not set(re.sub(r"[^\w\s]", " ", ref).split()) & _VERDICT_WORDS:
            return _reject(Status.GAMING, answer, "answer is a verdict word, not an answer to the question")
        # "(Turing, 1936)": commas inside an aside separate no candidates
        n_ans, n_ref = (len(_LIST_SEP.split(_ASIDE.sub("", t) if "(" in t else t)) for t in (norm, ref))
        if n_ans >= 3 and n_ans > config.max_list_ratio * n_ref:
            return _reject(Status.GAMING, answer, f"answer lists {n_ans} candidates for a {n_ref}-part reference")
        alternatives = 0 if _JOURNAL_LINE_RE.search(norm) else len(_ALTERNATIVE.findall(f" {norm} "))
        if alternatives >= config.max_alternatives and len(_ALTERNATIVE.findall(f" {ref} ")) < alternatives:
            return _reject(Status.GAMING, answer, f"answer hedges between {alternatives + 1} alternatives")
        if _hedges_choices(norm, ref):
            return _reject(Status.GAMING, answer, "answer names several choices for a single-choice reference")
    return None


_CHOICE = re.compile(r"^\(?([a-j])\)?$")


def _numeric_or_choice(reference: str) -> bool:
    return bool(re.search(r"\d", reference)) or bool(_CHOICE.match(reference.strip()))


def _hedges_choices(answer: str, reference: str) -> bool:
    """A single-letter reference ("B", "(c)") answered with several letters ("A, B", "B and C")."""
    if not _CHOICE.match(reference.strip()):
        return False
    parts = [p for p in re.split(r"[\s,;/&]+|\band\b|\bor\b", answer) if p]
    letters = [p for p in parts if _CHOICE.match(p)]
    return len(letters) >= 2 and len(letters) == len(parts)


def _reject(status: Status, answer: str | None, reason: str) -> Verdict:
    return Verdict(status=status, answer=answer, reason=reason, method="guard")
