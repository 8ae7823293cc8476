"""Surface forms rewritten before comparison (verify/forms.py): only where reference or question say so."""

import pytest

from general_reasoner.verify.forms import ratio_as_number, rewrite_answer, rewrite_reference


@pytest.mark.parametrize(("reference", "answer", "question", "rewritten"), [
    ("-$500", "(500)", None, "-500"),                            # accounting negative
    ("-$52.59", "($52.59)", None, "$-52.59"),
    ("500", "(500)", None, "(500)"),                              # a positive reference: parentheses only
    ("(1, 4.5)", "(1,4.5)", None, "(1,4.5)"),                     # a tuple is not an amount
    ("-$52.59", "negative $52.59, so reject it", None, "$-52.59, so reject it"),
    ("$125,000", "$125K", None, "$125 thousand"),
    ("125000 K", "125K", None, "125K"),                           # no currency: kelvin stays kelvin
    ("$2.5 million", "$2.5M", None, "$2.5 million"),
    ("1215", "1215 AD", None, "1215"),
    ("1.5", "3:2", "What is the current ratio?", "3/2"),
    ("1.5", "3:2", "What time is it?", "3:2"),                    # not a ratio question
    ("0.8", "4 to 5", "the debt-to-equity ratio", "4/5"),
])
def test_rewrite_answer(reference, answer, question, rewritten):
    assert rewrite_answer(reference, answer, question) == rewritten


def test_ratio_needs_a_plain_number_reference():
    assert ratio_as_number("3:2", "6:4", "What is the ratio?") == "6:4"
    assert ratio_as_number("1.5", "3:0", "What is the ratio?") == "3:0"


def test_rewrite_reference_drops_era_suffix():
    assert rewrite_reference("1215 AD") == "1215"
    assert rewrite_reference("500 BC") == "500 BC"
