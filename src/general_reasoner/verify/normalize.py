"""String normalisation shared by every comparison (LaTeX spelling -> one plain spelling).

Pure string rewriting, linear in the input: no parsing, no evaluation.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

T = TypeVar("T")
SHORT_TEXT = 600  # results for texts up to this long are cached (answers, references, units)
CACHE_SIZE = 16_384  # entries per cached function
_MISSING = object()


def cached_for_short(func: Callable[[str], T]) -> Callable[[str], T]:
    """Memoise a pure function of one string, for short strings only (bounded memory).

    Comparison calls the same parsers on the same short texts many times (both sides, each
    shape level, every batch row that repeats a reference); the results are immutable. A plain
    dict (emptied when full) rather than ``lru_cache`` behind a length check: a hit is one
    dictionary lookup, and hits are most calls.
    """
    cache: dict[str, T] = {}

    get = cache.get

    @wraps(func)
    def wrapper(text: str) -> T:
        if text.__class__ is str:
            value = get(text, _MISSING)
            if value is not _MISSING:
                return value  # type: ignore[return-value]
        value = func(text)
        if text.__class__ is str and len(text) <= SHORT_TEXT:
            if len(cache) >= CACHE_SIZE:
                cache.clear()
            cache[text] = value
        return value

    wrapper.cache_clear = cache.clear  # type: ignore[attr-defined]
    return wrapper


_TEXT_CMD_RE = re.compile(r"\\(?:text|textbf|textit|textrm|textnormal|mathrm|mathbf|mathit|mbox|operatorname"
                          r"|mathsf|mathtt|texttt|emph|textsf|boldsymbol|bm|mathbb|mathcal|rm|bf)\s*\{((?:[^{}]|\{[^{}]*\})*)\}")
_SIMPLE = [
    ("\\longrightarrow", "→"), ("\\rightarrow", "→"), ("\\Rightarrow", "⇒"), ("\\rightleftharpoons", "⇌"),
    ("\\left", ""), ("\\right", ""), ("\\bigl", ""), ("\\bigr", ""), ("\\Bigl", ""), ("\\Bigr", ""),
    ("\\big", ""), ("\\Big", ""), ("\\displaystyle", ""), ("\\dfrac", "\\frac"), ("\\tfrac", "\\frac"),
    ("\\cfrac", "\\frac"), ("\\qquad", " "), ("\\quad", " "), ("\\!", ""), ("\\,", " "), ("\\;", " "),
    ("\\:", " "), ("\\ ", " "), ("~", " "), ("\\cdot", "*"), ("\\times", "*"), ("\\ast", "*"), ("\\div", "/"),
    ("\\leqslant", "<="), ("\\geqslant", ">="), ("\\leq", "<="), ("\\geq", ">="), ("\\le", "<="),
    ("\\ge", ">="), ("\\neq", "!="), ("\\ne", "!="), ("\\lt", "<"), ("\\gt", ">"), ("\\%", "%"), ("\\$", ""),
    ("≤", "<="), ("≥", ">="), ("≠", "!="), ("−", "-"), ("–", "-"), ("×", "*"), ("·", "*"), ("⋅", "*"),
    ("÷", "/"), ("π", "\\pi"), ("∞", "\\infty"), ("√", "\\sqrt"), ("±", "\\pm"), ("∪", "\\cup"),
    ("∧", " \\land "), ("∨", " \\lor "), ("¬", "\\neg "), ("∩", "\\cap"), ("⊕", " \\oplus "),
    ("∀", "\\forall "), ("∃", "\\exists "),
    ("½", " 1/2"), ("⅓", " 1/3"), ("⅔", " 2/3"), ("¼", " 1/4"), ("¾", " 3/4"), ("⅕", " 1/5"), ("⅛", " 1/8"),
    ("⅜", " 3/8"), ("⅝", " 5/8"), ("⅞", " 7/8"), ("⅙", " 1/6"), ("⅚", " 5/6"),
    ("∈", "\\in"), ("\\lbrace", "\\{"), ("\\rbrace", "\\}"), ("\\vert", "|"), ("\\mid", "|"), ("\\lvert", "|"),
    ("\\rvert", "|"), ("\\langle", "("), ("\\rangle", ")"), ("\\degree", "°"), ("^\\circ", "°"),
    ("^{\\circ}", "°"), ("\\circ", "°"), ("\\approx", "≈"), ("\\simeq", "≈"), ("\\sim", "≈"),
    ("\\textdegree", "°"), ("\\dots", ""), ("\\ldots", ""), ("\\cdots", ""), ("\\infinity", "\\infty"),
    ("\\mathrm{e}", "e"), ("\\to", "→"), ("\\implies", "⇒"),
    ("\\varepsilon", "\\epsilon"), ("\\varphi", "\\phi"), ("\\cup", " \\cup "), ("\\cap", " \\cap "),
    ("\\imath", "i"), ("\\jmath", "j"), ("\\setminus", " \\setminus "),
]
_DOUBLE_ESCAPED_RE = re.compile(r"(?<!\\)\\\\(frac|dfrac|left|right|sqrt|boxed|text|leq?|geq?|pi|cdot|times|infty|mathrm"
                                r"|in|pm|begin|end|circ|quad|sin|cos|tan|log|ln)(?![a-zA-Z])")
_PY_POWER_RE = re.compile(r"(?<=[\w)\]}])\*\*(?=[\w(\-{])")
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺ⁿ", "0123456789-+n")
_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")


def strip_text_commands(s: str) -> str:
    """``\\text{cm}`` -> ``cm`` (repeated for nesting, bounded)."""
    for _ in range(4):
        new = _TEXT_CMD_RE.sub(lambda m: f" {m.group(1)} " if m.group(1).strip() else " ", s)
        if new == s:
            break
        s = new
    return s


_SIMPLE_BACKSLASH = [(a, b) for a, b in _SIMPLE if a.startswith("\\") or a.startswith("^\\") or a.startswith("^{\\")]
_SIMPLE_ASCII = [(a, b) for a, b in _SIMPLE if (a, b) not in _SIMPLE_BACKSLASH and a.isascii()]
_SIMPLE_UNICODE = [(a, b) for a, b in _SIMPLE if not a.isascii()]
_ASCII_TIMES_RE = re.compile(r"(?<=\d)\s*[xX]\s*(?=10\s*\^)")
_SEP_BANG_RE = re.compile(r"(\d),\\!\s*(?=\d{3})")
_SUPER_AFTER_CARET_RE = re.compile(r"\^\{?([⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺ⁿ]+)\}?")
_SUPER_RE = re.compile(r"([⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺ⁿ]+)")
_SPACES_RE = re.compile(r"\s+")
_LOG_SUBSCRIPT_RE = re.compile(r"log([₀₁₂₃₄₅₆₇₈₉]+)")
_CONCENTRATION_RE = re.compile(r"\[\s*([A-Z][A-Za-z0-9_{}]*(?:\^\{?\d*[+-]\}?)?)\s*\]")  # [NH_3] is [NH3]
_ROOT_OPERAND_RE = re.compile(r"√\s*(\d+(?:\.\d+)?|[A-Za-z])")
_GREEK = {"α": "\\alpha", "β": "\\beta", "γ": "\\gamma", "δ": "\\delta", "ε": "\\epsilon", "ζ": "\\zeta",
          "η": "\\eta", "θ": "\\theta", "κ": "\\kappa", "λ": "\\lambda", "ν": "\\nu", "ξ": "\\xi", "ρ": "\\rho",
          "σ": "\\sigma", "τ": "\\tau", "φ": "\\phi", "ϕ": "\\phi", "χ": "\\chi", "ψ": "\\psi", "ω": "\\omega",
          "Δ": "\\Delta", "Γ": "\\Gamma", "Θ": "\\Theta", "Λ": "\\Lambda", "Φ": "\\Phi", "Ψ": "\\Psi"}
_GREEK_RE = re.compile("(?<![µμ])[" + "".join(_GREEK) + "]")  # (µ and Ω stay: micro and ohm; µε is microstrain)
_PLUS_MINUS_WORDS_RE = re.compile(r"\bplus\s+or\s+minus\b\s*", re.I)
_DEGREE_SPACE_RE = re.compile(r"°\s+(?=[CFK]\b)")
_SPACE_CARET_RE = re.compile(r"\s+\^")
_TRAILING_PUNCT_RE = re.compile(r"\s*(?:\\,|\.|;|,)\s*$")
_ENDS_DECIMAL_POINT_RE = re.compile(r"\d\.$")
_CHOOSE_RE = re.compile(r"\{\s*([^{}]+?)\s*\\choose\s*([^{}]+?)\s*\}")


def _superscript(m: re.Match) -> str:
    return "^{" + m.group(1).translate(_SUPERSCRIPTS) + "}"


@cached_for_short
def normalize(s: str) -> str:
    """One plain spelling for LaTeX and unicode variants; keeps structure ((), [], \\{\\}, ``,``)."""
    if not s.isascii():  # first: some unicode becomes a command (π -> \\pi, ∪ -> \\cup)
        if "√" in s:
            s = _ROOT_OPERAND_RE.sub(r"\\sqrt{\1}", s)  # √19 is the root of 19 (LaTeX \\sqrt19 is √1·9)
        for a, b in _SIMPLE_UNICODE:
            if a in s:
                s = s.replace(a, b)
        if _GREEK_RE.search(s):
            s = _GREEK_RE.sub(lambda m: _GREEK[m.group(0)] + " ", s)  # 5λ -> 5\\lambda
        if "log" in s:
            s = _LOG_SUBSCRIPT_RE.sub(lambda m: "log_{" + m.group(1).translate(_SUBSCRIPTS) + "}", s)  # log₂ n
        s = _SUPER_AFTER_CARET_RE.sub(_superscript, s)
        s = _SUPER_RE.sub(_superscript, s)
        s = s.translate(_SUBSCRIPTS)
    if "\\" in s:
        if "\\\\" in s:
            s = _DOUBLE_ESCAPED_RE.sub(r"\\\1", s)  # doubly escaped text from some data files: \\frac
        if ",\\!" in s:
            s = _SEP_BANG_RE.sub(r"\1,", s)
        s = s.replace("\\\\", "\ue000")  # protect the matrix row separator
        s = strip_text_commands(s)
        if "\\choose" in s:
            s = _CHOOSE_RE.sub(r"\\binom{\1}{\2}", s)  # {8 \choose 3} (plain TeX) is \binom{8}{3}
        for a, b in _SIMPLE_BACKSLASH:
            if a in s:
                s = s.replace(a, b)
    if "{,}" in s:
        s = s.replace("{,}", ",")
    for a, b in _SIMPLE_ASCII:
        if a in s:
            s = s.replace(a, b)
    s = s.replace("$", " ")
    if "minus" in s:
        s = _PLUS_MINUS_WORDS_RE.sub(r"\\pm ", s)  # 7 plus or minus 2
    if "10" in s and ("x" in s or "X" in s):
        s = _ASCII_TIMES_RE.sub("*", s)  # 1.8 x 10^-5
    if "**" in s:  # Python/sympy power x**2 (not markdown bold: no operand on both sides)
        s = _PY_POWER_RE.sub("^", s)
    s = _SPACES_RE.sub(" ", s).strip()
    if "[" in s and "_" in s:
        s = _CONCENTRATION_RE.sub(lambda m: "[" + m.group(1).replace("_", "").replace("{", "").replace("}", "") + "]", s)
    if "° " in s:
        s = _DEGREE_SPACE_RE.sub("°", s)  # 27 ^\\circ \\mathrm{C} -> 27 °C
    if "^" in s:
        s = _SPACE_CARET_RE.sub("^", s)
    s = s.replace("\ue000", "\\\\")
    if s.endswith((".", ";")) and not _ENDS_DECIMAL_POINT_RE.search(s):
        s = _TRAILING_PUNCT_RE.sub("", s)
    return s.strip()


@cached_for_short
def plain_text(s: str) -> str:
    """Lower-case words only, accents dropped (``René`` -> ``rene``): for comparing short free-text answers."""
    s = normalize(s).lower()
    if not s.isascii():
        s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    if "\\" in s:
        if "\\l" in s or "\\neg" in s or "\\wedge" in s or "\\vee" in s:
            s = _LOGIC_WORDS_RE.sub(lambda m: f" {_LOGIC_WORDS[m.group(1)]} ", s)  # ¬A ∨ ¬B: not a or not b
        s = _LOWER_COMMAND_RE.sub(lambda m: f" {m.group(0)[1:]} " if m.group(0)[1:] in _NAMED_COMMANDS else " ", s)
    if "degree" in s:
        s = _DEGREES_WORD_RE.sub("°", s)
    if "'" in s or "’" in s:
        s = _POSSESSIVE_RE.sub("", s)  # Kirchhoff's current law: kirchhoff current law (KCL)
    s = _NOT_WORDISH_RE.sub(" ", s)
    s = _ARTICLE_RE.sub(" ", s)
    return _SPACES_RE.sub(" ", s).strip(" .")


_LOWER_COMMAND_RE = re.compile(r"\\[a-z]+")
_NAMED_COMMANDS = {"pi", "log", "ln", "lg", "sin", "cos", "tan", "exp", "sqrt", "max", "min", "det", "lim", "sum", "int",
                   "lfloor", "rfloor", "lceil", "rceil", "forall", "exists"}  # \\lfloor n/2 \\rfloor is not n/2
_LOGIC_WORDS = {"land": "and", "wedge": "and", "lor": "or", "vee": "or", "neg": "not", "lnot": "not"}
_LOGIC_WORDS_RE = re.compile(r"\\(land|wedge|lor|vee|neg|lnot)(?![a-z])")
_DEGREES_WORD_RE = re.compile(r"(?<=\d)\s*degrees?\b")
_NOT_WORDISH_RE = re.compile(r"[^\w%°+\-./ ]+")
_POSSESSIVE_RE = re.compile(r"['’]s\b")
_ARTICLE_RE = re.compile(r"\b(?:the|a|an)\b")
