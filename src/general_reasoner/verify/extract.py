"""Answer extraction: from a full response to the final answer it states.

Order: the last ``\\boxed{...}`` / ``\\fbox{...}`` (nested braces; several boxes separated by a
few words are one answer), else the last answer line (``Final Answer:``, ``The answer is``,
``Answer:``, also in markdown bold) that is not the instruction echoed back (``The final answer is
within \\boxed{}.``, ``... within the specified box``), else None. With ``fallback=True`` a short
response with neither (a bare answer or one sentence) is itself the answer.

:func:`clean_answer` then strips what surrounds the math (``$...$``, ``\\[...\\]``, leading
"the answer is", a final period) so both the reference and the answer reach comparison in
the same shape. Everything here is linear in the input size.
"""

from __future__ import annotations

import re

from general_reasoner.verify.deadline import MAX_RESPONSE_CHARS
from general_reasoner.verify.hedge import final_claim

FALLBACK_MAX_CHARS = 300
_BOX_RE = re.compile(r"\\(?:boxed|fbox)\s*")
_SPECIAL_TOKEN_RE = re.compile(r"<\|[a-z_]+\|>.*$", re.S)
_ANSWER_LINE_RE = re.compile(
    r"(?:\*\*|__)?(?:final\s+answers?(?:\s+(?:is|are|would\s+be|should\s+be)\b|(?![ \t]+(?:in|into|within|inside)\b))"
    # "Your final answer is 72"; not "put the final answer into a box" (the instruction, no answer)
    r"|the\s+(?:final\s+|correct\s+|right\s+)?answer\s+(?:is|should\s+be|would\s+be)"
    r"|answer\s*(?:is)?\s*(?:\*\*|__)?\s*[:：]|réponse\s*(?:est|:)|antwort\s*:|respuesta\s*:|答案\s*[:：是为])"
    r"(?:\s*\*\*|\s*__)?\s*[:：]?\s*(?:\*\*|__)?",
    re.IGNORECASE,
)
_THINK_END = "</think>"
_HASH_ANSWER_RE = re.compile(r"^[ \t]*####[ \t]*(\S[^\n]*)$", re.M)
_ANSWER_KEY_RE = re.compile("answer|réponse|antwort|respuesta|答案", re.I)
_LEAD_ANSWER_IS_RE = re.compile(r"^(?:the\s+final\s+answer\s+is|the\s+answer\s+is)\s*[:：]?\s*", re.I)
_HOPE_RE = re.compile(r"\s*I hope it is correct", re.I)
# a sentence ends at . ! ? before a capital, but not after one letter ("B. Matrix", "John F. Kennedy",
# "Marbury v. Madison") or a common abbreviation ("Dr. Smith", "St. Louis", "U.S. Senate")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])(?<!\b[A-Za-z]\.)(?<!\b(?:Dr|Mr|Ms|St|Mt|vs|Jr|Sr|No|Co|Fe)\.)"
                              r"(?<!\bMrs\.)(?<!\bapprox\.)\s+(?=[A-Z])")
_STATEMENT_SPLIT_RE = re.compile(r"(?<=[.!?。])\s+(?=[A-Z\u4e00-\u9fff])|\n+|(?<=[.!?]\$\$)\s*|(?<=\$)\s+(?=[A-Z])"
                                 r"|(?<=\.\\\])\s*")
_DIGIT_OR_DOLLAR_RE = re.compile(r"\d|\$")
# the instruction echoed as the answer ("The final answer is within \boxed{}.", "... within the specified box"):
# a placeholder, not an answer; the answer line before it (if any) is the one that states the answer
_PLACEHOLDER_RE = re.compile(
    r"^(?:(?:put|placed|written|given|shown|stated|enclosed)\s+)?(?:(?:(?:with)?in(?:side)?|in)\s+(?:the\s+|a\s+)?"
    r"(?:specified\s+|given\s+|following\s+|above\s+|provided\s+|requested\s+)?"
    r"(?:\\(?:boxed|fbox)\s*(?:\{\s*\})?|box(?:ed)?(?:\s+(?:below|above))?)|\\(?:boxed|fbox)\s*\{\s*\})\s*[.!]?$", re.I)
# the rest of the instruction echoed ("within the specified constraints", "not within the specified format",
# "into a specific format, you can use the"): no value in it, so no answer either
_ECHO_LINE_RE = re.compile(r"^(?:not\s+)?(?:with)?in(?:to|side)?\s+(?:the\s+|a\s+|an\s+)?(?:specified|specific|required"
                           r"|requested|given|desired|correct|proper|expected|appropriate)\s+(?:format|form|constraints?|box"
                           r"|step-by-step\s+process|process|steps?|way|manner|instructions?|guidelines?|rules?"
                           r"|requirements?|template|style)\b[^\d$\\]*$", re.I)

# an empty box inside an answer line (``\boxed{}\textbf{Ag(I)}``): the instruction's box, written and left empty
_EMPTY_BOX_RE = re.compile(r"\\(?:boxed|fbox)\s*\{\s*\}")


_BRACE_TOKEN_RE = re.compile(r"\\.|[{}]", re.S)
_LABEL_WORD_RE = re.compile(r"^\s*(?:final\s+)?(?:answer|solution|result|conclusion|summary)s?\s*[:：]?\s*$", re.I)
_BOLD_RE = re.compile(r"\*\*([^*\n]{1,200})\*\*")
_WORD2_RE = re.compile(r"[A-Za-z]{2,}")
_TOKEN_RE = re.compile(r"[^\s$]+")


def _brace_pairs(text: str) -> dict[int, int]:
    """Index of each ``{`` -> index of its matching ``}`` (one linear pass; escaped braces skipped)."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for m in _BRACE_TOKEN_RE.finditer(text):
        c = m.group()
        if c == "{":
            stack.append(m.start())
        elif c == "}":
            if stack:
                pairs[stack.pop()] = m.start()
    return pairs


def find_boxed(text: str) -> list[tuple[int, int, str]]:
    """Every balanced ``\\boxed{...}``/``\\fbox{...}`` as (start, end, content); unbalanced ones are skipped."""
    found: list[tuple[int, int, str]] = []
    pairs: dict[int, int] | None = None
    pos = 0
    while True:
        m = _BOX_RE.search(text, pos)
        if not m:
            return found
        i = m.end()
        if i < len(text) and text[i] == "{":
            if pairs is None:
                pairs = _brace_pairs(text)
            j = pairs.get(i)
            if j is not None:
                found.append((m.start(), j + 1, text[i + 1:j]))
                pos = j + 1
                continue
            pos = i + 1
        else:  # \boxed 5  (a single token)
            t = _TOKEN_RE.match(text[i:i + 200])
            if t and m.group(0).endswith(" "):
                found.append((m.start(), i + t.end(), t.group(0)))
            pos = i + 1


def _last_boxed_group(text: str, boxes: list[tuple[int, int, str]]) -> str | None:
    """The last box, with the boxes just before it that only a few words separate from it."""
    if not boxes:
        return None
    group = [boxes[-1]]
    for box in reversed(boxes[:-1]):
        gap = text[box[1]:group[0][0]]
        if len(gap) > 60 or len(_WORD2_RE.findall(gap.replace("\\text", ""))) > 4 or ". " in gap:
            break
        group.insert(0, box)
    return ", ".join(b[2].strip() for b in group)


def _last_answer_label(text: str) -> re.Match[str] | None:
    """The last answer label (``Final Answer:``, ``The answer is``) in the last 20,000 characters, or None."""
    tail = text[-20_000:]
    if not _ANSWER_KEY_RE.search(tail):
        return None
    last = None
    for m in _ANSWER_LINE_RE.finditer(tail):
        last = m
    return last


def _answer_line(text: str, last: re.Match[str] | None = None) -> str | None:
    tail = text[-20_000:]
    if last is None:
        last = _last_answer_label(text)
    if last is None:
        return None
    rest = tail[last.end():]
    line = rest.split("\n", 1)[0].strip()
    if not line.strip("*_ :"):  # "**Final Answer**\n\n 42"
        for nxt in rest.split("\n")[1:6]:
            if nxt.strip("*_ :"):
                line = nxt.strip()
                break
    if "**" in line or "__" in line:
        line = line.replace("**", "").replace("__", " ").strip()  # **Answer:** **(a)** $H$ ..., **2.497 mol** of water
    line = _LEAD_ANSWER_IS_RE.sub("", line)
    if "box" in line and not _PLACEHOLDER_RE.match(line):
        line = _EMPTY_BOX_RE.sub("", line).strip()  # "\\boxed{}\\textbf{Ag(I)}" is "\\textbf{Ag(I)}"
    line = _HOPE_RE.split(line, maxsplit=1)[0]
    line = final_claim(line)  # "4. Wait, actually 5": the last claim
    line = _SENTENCE_END_RE.split(line, maxsplit=1)[0]
    line = line.strip().strip("*_").strip()
    return line or None


def _no_answer_line(line: str, at: int, boxes: list[tuple[int, int, str]]) -> bool:
    """An answer line that states nothing: the instruction echoed, a box opened and never closed (the
    response cut off inside it: ``Final answer:\n\\boxed{``), or a name with nothing after its ``=``
    (``x =``). Each was graded "incorrect", which let a policy escape the no-answer penalty by writing
    the label alone."""
    if _PLACEHOLDER_RE.match(line) or _ECHO_LINE_RE.match(line):
        return True
    if _BOX_RE.match(line) and not any(start > at for start, _, _ in boxes):
        return True
    return line.endswith("=") and not line.endswith(("==", "<=", ">=", "!="))


def extract_answer(response: str, *, fallback: bool = False) -> str | None:
    """The final answer stated in ``response``, or None when there is none.

    ``fallback=False`` (what the reward uses): only a boxed answer or an answer line counts.
    ``fallback=True``: a short response (<= 300 chars) with neither is itself the answer.
    """
    if not isinstance(response, str):
        return None
    text = response[-MAX_RESPONSE_CHARS:]
    if "<|" in text:
        text = _SPECIAL_TOKEN_RE.sub("", text)
    if _THINK_END in text:
        after = text.rsplit(_THINK_END, 1)[1]
        if after.strip():
            text = after
    boxes = find_boxed(text) if "box" in text else []
    line_at, line = -1, None
    tail = text[-20_000:]
    if _ANSWER_KEY_RE.search(tail):
        offset = len(text) - len(tail)
        labels = []
        for m in _ANSWER_LINE_RE.finditer(tail):
            at = offset + m.start()
            if not any(start < at < end for start, end, _ in boxes[-8:]):  # a label inside a box is its content
                labels.append((at, m))
        box_at = boxes[-1][0] if boxes and boxes[-1][2].strip() else -1  # (an empty \\boxed{} decides nothing)
        for at, m in reversed(labels[-8:]):
            if at < box_at:  # a box with content after it decides (returned below), so its line is never read
                line_at = at
                break
            line = _answer_line(text, m)
            if line is None or not _no_answer_line(line, at, boxes):
                line_at = at
                break
            line = None  # "The answer is 30. The final answer is within \boxed{}.": the echo is no answer
    hashed = None
    if "####" in tail:
        for m in _HASH_ANSWER_RE.finditer(tail):
            hashed = m
    if hashed is not None and (len(text) - len(tail) + hashed.start()) > max(line_at, boxes[-1][0] if boxes else -1):
        return hashed.group(1).strip().rstrip(".").strip() or None  # GSM8K: "#### 42" closes the solution
    if boxes and boxes[-1][0] > line_at:
        boxed = _last_boxed_group(text, boxes)
        after = text[boxes[-1][1]:]
        if len(after) <= FALLBACK_MAX_CHARS and (claim := final_claim(after)) is not after:
            return claim  # "\\boxed{B} -- on second thought, it is D": the last claim counts
        if boxed is not None and boxed.strip():
            return boxed.strip()
    if line is not None:
        return line
    if fallback:
        stripped = text.strip()
        if "\n\n" in stripped:  # reasoning, then a closing paragraph: the closing paragraph states the answer
            stripped = stripped.rsplit("\n\n", 1)[1].strip()
            bold = [b for b in _BOLD_RE.findall(stripped) if b.strip() and not _LABEL_WORD_RE.match(b)] \
                if "**" in stripped else []
            if bold:
                return bold[-1].strip()  # "The current ratio is **2.5 : 1**."
        if stripped and len(stripped) <= FALLBACK_MAX_CHARS and not _BOX_RE.search(stripped):
            return _last_line(stripped) if "\n" in stripped else stripped  # (a box left unbalanced is a
            # broken answer, never the answer text)
    return None


_TRAILING_DISPLAY_RE = re.compile(r"(?:\\\[(?:(?!\\\[).)*?\\\]|\$\$(?:(?!\$\$).)*?\$\$)\s*$", re.S)
_RULE_LINE_RE = re.compile(r"^(?:`{3,}\w*|-{3,}|\*{3,}|_{3,}|={3,})$")  # code fences and rules carry no answer
_TOKEN_LINE_RE = re.compile(r"^[^\s]{1,20}$")
_BULLET_RE = re.compile(r"^(?:[-*•]|\d{1,2}[.)])\s+(.+)$")


def _last_line(text: str) -> str:
    """Steps on lines, then the result: the last line (``The result is a shortage.``), or the bulleted
    items the text ends with (``- Openness`` ... ``- Extraversion`` -> ``Openness, ..., Extraversion``)."""
    if (display := _TRAILING_DISPLAY_RE.search(text)) is not None:
        return display.group(0).strip()  # a display block that spans lines: \[ \n 9 \n \]
    lines = [line.strip() for line in text.split("\n") if line.strip() and not _RULE_LINE_RE.match(line.strip())]
    if not lines:
        return text
    items = []
    for line in reversed(lines):
        m = _BULLET_RE.match(line)
        if not m:
            break
        items.append(m.group(1).strip())
    if len(items) >= 2:
        return ", ".join(reversed(items))
    if 2 <= len(lines) <= 20 and all(_TOKEN_LINE_RE.match(line) for line in lines):
        return ", ".join(lines)  # a program's output, one value a line: 0 / 1 / 4
    return lines[-1]


def last_statement(response: str) -> str | None:
    """The last sentence of a long response that states a number or math (a weak answer)."""
    text = _SPECIAL_TOKEN_RE.sub("", response[-4000:]).strip()
    sentences = _STATEMENT_SPLIT_RE.split(text)
    for sentence in reversed(sentences[-8:]):
        if _DIGIT_OR_DOLLAR_RE.search(sentence) and len(sentence) <= FALLBACK_MAX_CHARS and not _BOX_RE.search(sentence):
            return sentence.strip()
    return None


# --------------------------------------------------------------------------- cleaning

_MATH_SEG_RE = re.compile(r"\$\$(.+?)\$\$|(?<!\\)\$(.+?)(?<!\\)\$|\\\[(.+?)\\\]|\\\((.+?)\\\)", re.S)
_LEAD_RE = re.compile(
    r"^\s*(?:(?:so|thus|therefore|hence)\s*,?\s*)?(?:the\s+)?(?:final\s+)?(?:answer|solution|result)\s*"
    r"(?:is|=|:|：)?\s*", re.I)
_FILLER_GAP_RE = re.compile(r"^[\s,;]*(?:and|or|,|;|\\text\{\s*(?:and|or)\s*\}|\\quad|\\qquad)?[\s,;]*$", re.I)


_STOPWORD_RE = re.compile(r"^(?:is|are|was|were|the|and|of|to|in|it|as|so|for|which|that|this|at|on|by|we|i)\b",
                          re.I)
_APPROX_RE = re.compile(r"^(?:approximately|approx\.?|about|around|roughly|nearly|close\s+to|circa|ca\.)"
                        r"\s+(?=[-+$\\\d.(])", re.I)
_IS_RE = re.compile(r"^([^\d=]{1,100}?)\s+(?:is|are|was|equals|would be|will be|should be|becomes|is equal to"
                    r"|turns out to be|comes out to|works out to|comes to|simplifies to|reduces to|evaluates to)"
                    r"\s+(?!not\b)(.+)$", re.I | re.S)


_LEAD_PHRASE_RE = re.compile(r"^(?:by|using|from|with|applying|via|taking|after|since|because|here)\b[^,=]{0,60},\s*(.+)$",
                             re.I | re.S)
_LEAD_WORD_RE = re.compile(r"^\s*(?:so|thus|therefore|hence|the|final|answer|solution|result)", re.I)
_DIGIT_OR_BACKSLASH_RE = re.compile(r"[\d\\]")
_VERDICT_FIRST_RE = re.compile(r"(?:true|false|yes|no)\s*[,;:—–]", re.I)
_UNIT_TAIL_RE = re.compile(r"[A-Za-z°%µΩ][A-Za-z°%µΩ/^\d·.\-]{0,12}(?: [A-Za-z/^\d]{1,6})?")
_WORDY_BEFORE_RE = re.compile(r"[A-Za-z\s',:]{0,60}")
_OUTER_BOX_RE = re.compile(r"^\\(?:boxed|fbox)\s*\{(.*)\}$", re.S)
_TRAILING_STOP_RE = re.compile(r"(?:\\[,;!]|\\quad|\s)*[.。]+$")
_RESTATEMENT_RE = re.compile(r"\s*\((?:(?:i\.\s?e\.|e\.\s?g\.|that is|in other words|or about|about|approx\.?"
                             r"|approximately|≈)[,:]?\s[^()]{1,80}|1[5-9]\d\d|20\d\d)\)\s*$", re.I)
_VALUE_LABEL_RE = re.compile(r"^([^()]*\d[^()]*?)\s*\((?![^()]*\d)[A-Za-z][A-Za-z \-']{1,40}\)$")
_SHORT_LABEL_RE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9%_^'\-]*|\d{1,3}%)(?: [A-Za-z][A-Za-z0-9_'\-]*){0,2}:\s+(?=\S)")
_CLOSES_ON_RE = re.compile(r"[,;]\s*(?:and\s+)?(?:so|therefore|thus|hence)\s", re.I)  # "..., so s ≈ 2.14": that rule's
_SENTENCE_BREAK_IN_RE = re.compile(r"[.!?]\s+[A-Z]")
_PLAIN_ANSWER_RE = re.compile(r"^[\d\s.,%+\-*/^()\[\]=<>:]*$")


_ASIDE_GAP_RE = re.compile(r"^\s*,?\s*(?:which\s+is\s+)?(?:attained|achieved|reached|occurring|occurs|obtained|when|where"
                           r"|at|for|with)\b", re.I)
_STATES_VALUE_RE = re.compile(r"\b(?:is|are|was|equals|of)\s*$", re.I)
_SEG_LABEL_RE = re.compile(r"\(([a-h])\)\s*$|(?:^|\s)([a-h])\)\s*$")
_SEG_GAP_RE = re.compile(r"^(?:\s*[A-Za-zµΩ°%][A-Za-z0-9µΩ°%/^·.\-]{0,12})?[\s,;]*(?:and\s*|,\s*|;\s*)?"
                         r"(?:\(?[a-h]\)\s*)?$", re.I)


_UNIT_AFTER_RE = re.compile(r"\s*([A-Za-zµΩ°%][A-Za-z0-9µΩ°%/^·.\-]{0,12})(?=[\s,;]|$)")


def _unit_after(s: str, end: int) -> str:
    """The unit written right after a math segment (``$10.2$ m``), or ''."""
    m = _UNIT_AFTER_RE.match(s, end)
    return m.group(1).rstrip(".") if m and m.group(1).lower() not in ("and", "or", "the") else ""


def _segment_labels(s: str, segs: list[re.Match[str]]) -> list[str] | None:
    """The part labels written before each math segment (``(a) $x$ and (b) $y$``), or None unless
    every one of two or more segments has a distinct label and only fillers separate them."""
    if len(segs) < 2 or "(" not in s and ")" not in s:
        return None
    labels, start = [], 0
    for m in segs:
        gap = s[start:m.start()]
        found = _SEG_LABEL_RE.search(gap)
        if not found or (start and not _SEG_GAP_RE.match(gap)):
            return None
        labels.append(found.group(1) or found.group(2))
        start = m.end()
    return labels if len(set(labels)) == len(labels) else None


_DOLLAR_RE = re.compile(r"(?<!\\)\$")


def _dollars_only(s: str) -> bool:
    """Every ``$`` is a currency sign (``$1,100, $1,210``; ``$5 and $7``): each opens an amount after a space
    or the start, none closes math after a value."""
    signs = list(_DOLLAR_RE.finditer(s))
    return bool(signs) and all((m.start() == 0 or s[m.start() - 1] in " (-–—") and s[m.end():m.end() + 1].isdigit()
                               for m in signs)


def clean_answer(answer: str) -> str:
    """Strip what surrounds the math: delimiters, 'the answer is', a trailing period."""
    s = answer.strip()
    if len(s) > 20_000:
        return s
    if _PLAIN_ANSWER_RE.match(s):  # fast path: digits and operators only (nothing to strip but a final period)
        s = _TRAILING_STOP_RE.sub("", s).strip() if s.endswith((".", "。")) else s
        return s[:-1].strip() if s.endswith((",", ";")) else s
    s = _LEAD_RE.sub("", s, count=1) if _LEAD_WORD_RE.match(s) else s
    if "," in s[:70] and (m := _LEAD_PHRASE_RE.match(s)) and ("=" in m.group(1) or "\\" in m.group(1)):
        s = m.group(1)  # "By the product rule, f'(x) = x(2\\sin x + x\\cos x)"
    m = _IS_RE.match(s) if not _SENTENCE_BREAK_IN_RE.search(s) and not _CLOSES_ON_RE.search(s) else None
    if m and len(m.group(1).split()) <= 14 and _DIGIT_OR_BACKSLASH_RE.search(m.group(2)) and \
            not _VERDICT_FIRST_RE.match(s):  # "False, it is undecidable (Turing, 1936)": the verdict leads
        s = m.group(2).strip()
    s = _APPROX_RE.sub("", s, count=1) if s[:1] in "aAnNrRcCjJ" else s
    segs = [] if "$" in s and _dollars_only(s) else list(_MATH_SEG_RE.finditer(s))
    if segs:
        before = s[:segs[0].start()].strip()
        after = s[segs[-1].end():].strip().rstrip(".").strip()
        gaps_ok = all(_FILLER_GAP_RE.match(s[a.end():b.start()]) for a, b in zip(segs, segs[1:], strict=False))
        parts = [next(g for g in m.groups() if g is not None).strip() for m in segs]
        labels = _segment_labels(s, segs)
        if labels is not None:  # (b) $a = 2.75$ and (a) $f = 11.76$: keep the labels, in any order
            units = [_unit_after(s, m.end()) for m in segs]
            body = ", ".join(f"({label}) {part}{' ' + unit if unit else ''}"
                             for label, part, unit in zip(labels, parts, units, strict=True))
        elif len(segs) >= 2 and _ASIDE_GAP_RE.match(s[segs[0].end():segs[1].start()]) and \
                (not before.strip() or _STATES_VALUE_RE.search(before)):
            body = parts[0]  # "the minimum value is $-9/4$, attained at $x = 3/2$": the value, then where
        elif gaps_ok:
            body = ", ".join(parts)
        else:
            body = parts[-1]
        unit_tail = after if (_UNIT_TAIL_RE.fullmatch(after or "")
                              and not _STOPWORD_RE.match(after)) else ""
        if not before.strip(":") or _WORDY_BEFORE_RE.fullmatch(before) or not gaps_ok:
            s = f"{body} {unit_tail}".strip() if unit_tail and len(segs) == 1 else body
    s = s.strip()
    if s.endswith(")") and "(" in s:
        s = _RESTATEMENT_RE.sub("", s)  # 0.02 (i.e., a 2% slope); Weber (1905)
        if (m := _VALUE_LABEL_RE.match(s)):
            s = m.group(1)  # -1.22 (elastic demand): a value and a word label
    if ": " in s[:24] and (m := _SHORT_LABEL_RE.match(s)):
        s = s[m.end():]  # "95% CI: 48.04 to 51.96", "Mn: 7"
    s = _OUTER_BOX_RE.sub(r"\1", s) if s.startswith(("\\boxed", "\\fbox")) else s
    s = _TRAILING_STOP_RE.sub("", s).strip() if s.endswith((".", "。")) else s
    if s.endswith(",") or s.endswith(";"):
        s = s[:-1].strip()
    return s
