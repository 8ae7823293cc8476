"""Robustness: random and pathological inputs never crash and never overrun the deadline."""

from __future__ import annotations

import threading
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from general_reasoner.types import Status, Verdict
from general_reasoner.verify import verify

DEADLINE = 1.0
TOKENS = list("0123456789+-*/^_{}()[]\\,.=<> xyzeπ%$!|&") + ["\\frac", "\\sqrt", "\\boxed", "\\pm",
                                                               "\\cup", " km", " J", " and ", "\\begin{pmatrix}"]
MATHY = st.lists(st.sampled_from(TOKENS), max_size=30).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reference=st.one_of(MATHY, st.text(max_size=40)), response=st.one_of(MATHY, st.text(max_size=80)))
def test_random_inputs_give_a_verdict_in_time(reference, response):
    start = time.monotonic()
    verdict = verify(reference, response, timeout=DEADLINE)
    assert isinstance(verdict, Verdict)
    assert verdict.status is not Status.ERROR, verdict
    assert time.monotonic() - start < DEADLINE + 0.5


@pytest.mark.parametrize(("reference", "response"), [
    ("1", "9^{9^{9^{9}}}"),
    ("1", "\\boxed{9^{9^{9^{9^{9}}}}}"),
    ("5", "100000!"),
    ("5", "(10^{10})!"),
    ("1", "1e999999999"),
    ("5", "\\boxed{1e400}"),           # past the float range: exact arithmetic, "incorrect", never an error
    ("1e400", "\\boxed{5}"),
    ("5 m", "\\boxed{-1e400 m}"),
    ("50%", "\\boxed{10^{400}\\%}"),
    ("x", "((((((((((((((((((((((((((((((x))))))))))))))))))))))))))))))" * 20),
    ("1", "{" * 5000),
    ("1", "\\boxed{" * 3000),
    ("2", "1+" * 100_000 + "1"),
    ("1", "a" * 1_000_000),
    ("1, 2, 3", ", ".join(["1"] * 5000)),
    ("\\begin{pmatrix}1\\end{pmatrix}", "\\begin{pmatrix}" + " & ".join(["1"] * 3000) + "\\end{pmatrix}"),
])
def test_pathological_inputs(reference, response):
    start = time.monotonic()
    verdict = verify(reference, response, timeout=DEADLINE)
    assert not verdict.correct
    assert verdict.status is not Status.ERROR, verdict
    assert time.monotonic() - start < DEADLINE + 1.0


def test_numbers_past_the_float_range_compare_exactly():
    assert verify("1e400", "\\boxed{1.0e400}").correct
    assert verify("1e400", "\\boxed{2e400}").status is Status.INCORRECT


def test_deadline_holds_in_a_thread():
    out = []
    worker = threading.Thread(target=lambda: out.append(verify("2", "1+" * 200_000 + "1", timeout=0.2,
                                                               extracted=True)))
    start = time.monotonic()
    worker.start()
    worker.join(5)
    assert out and time.monotonic() - start < 3
    assert out[0].status in (Status.TIMEOUT, Status.UNPARSABLE, Status.INCORRECT)


def test_zero_timeout_is_a_timeout_verdict():
    verdict = verify("x^2 - 1", "(x-1)(x+1)", timeout=0.0)
    assert verdict.status is Status.TIMEOUT
    assert not verdict.confident


# numbers_equal decides most comparisons in floats; exact rational arithmetic decides near every
# boundary. Both must give the same verdict, boundaries included (26.3 vs 26.35 sits exactly on one).
_DIGITS = st.integers(min_value=-10**7, max_value=10**7)
_NUMBER_TEXT = st.one_of(
    st.builds(lambda m, e: f"{m}e{e}", _DIGITS, st.integers(-30, 30)),
    st.builds(lambda i, f: f"{i}.{f}", st.integers(-10**5, 10**5), st.integers(0, 10**4).map(str)),
    st.builds(lambda n, d: f"{n}/{d}", st.integers(-999, 999), st.integers(1, 999)),
    _DIGITS.map(str),
)


@given(ref=_NUMBER_TEXT, ans=_NUMBER_TEXT, nudge=st.sampled_from(["", "5", "05", "49", "51", "0"]),
       measured=st.booleans(), quantum=st.sampled_from([None, "1/60", "3/7", "16/10", "1/1000"]))
@settings(max_examples=800, deadline=None)
def test_float_path_agrees_with_exact_arithmetic(ref, ans, nudge, measured, quantum):
    from dataclasses import replace
    from fractions import Fraction

    from general_reasoner.verify.numbers import numbers_equal, numbers_equal_exact, parse_number

    r = parse_number(ref)
    a = parse_number(ref + nudge if "." in ref and "e" not in ref else ans)  # near-ties: 26.3 vs 26.35
    if r is None or a is None:
        return
    if measured:
        r = replace(r, measured=True)
    if quantum is not None:  # an answer converted from another unit: its precision is not a power of ten
        a = replace(a, quantum_override=Fraction(quantum) * (a.quantum or 1))
    assert numbers_equal(r, a)[0] == numbers_equal_exact(r, a)[0], (ref, ans, nudge)
    assert numbers_equal(a, r)[0] == numbers_equal_exact(a, r)[0], (ref, ans, nudge)
