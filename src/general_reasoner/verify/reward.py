"""The reward of General-Reasoner, explained.

- no answer extracted (strictly: a boxed answer or an answer line) -> ``no_answer`` (-0.5);
- verified correct -> ``correct - length_penalty * min(|tokens(answer) - tokens(reference)|,
  length_cap)`` (1 - 0.05 x min(diff, 10) in the paper);
- anything else (incorrect, unparsable, guarded, error...) -> ``incorrect`` (0).

The reward path extracts strictly and verifies the extracted answer (``extracted=True``), so
a verifier's lenient fallback never turns a response without an answer into a reward.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from general_reasoner.types import Reward, Status, Verdict, VerifyItem

TokenCounter = Callable[[str], int]
_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class RewardConfig:
    no_answer: float = -0.5
    correct: float = 1.0
    incorrect: float = 0.0
    length_penalty: float = 0.05
    length_cap: int = 10
    penalize_length: bool = True


def simple_token_count(text: str) -> int:
    """Words and punctuation marks: the length measure when no tokenizer is given."""
    return len(_TOKEN.findall(text))


def tokenizer_counter(tokenizer: Any) -> TokenCounter:
    """Count tokens with a Hugging Face tokenizer (no special tokens)."""
    return lambda text: len(tokenizer.encode(text, add_special_tokens=False))


def compute_reward(verdict: Verdict, reference: str, config: RewardConfig = RewardConfig(),
                   count_tokens: TokenCounter | None = None) -> Reward:
    """The reward for one verdict, with a reason that says how it was reached."""
    if verdict.status is Status.NO_ANSWER:
        return Reward(config.no_answer, verdict, f"no answer extracted: {config.no_answer:+g}")
    if not verdict.correct:
        return Reward(config.incorrect, verdict, f"{verdict.status.value}: {config.incorrect:+g}")
    if not config.penalize_length:
        return Reward(config.correct, verdict, f"correct: {config.correct:+g}")
    count = count_tokens or simple_token_count
    diff = abs(count(verdict.answer or "") - count(reference))
    penalty = config.length_penalty * min(diff, config.length_cap)
    value = config.correct - penalty
    return Reward(value, verdict, f"correct: {config.correct:+g} - {config.length_penalty:g} x "
                                  f"min({diff} token length difference, {config.length_cap}) = {value:+.4g}")


def prepare_for_reward(items: Sequence[VerifyItem]) -> list[VerifyItem | Verdict]:
    """Strict extraction: each item becomes an extracted item to verify, or a ``no_answer`` verdict."""
    from general_reasoner.verify.choice import walk_reason, walked_options
    from general_reasoner.verify.model import answer_of

    out: list[VerifyItem | Verdict] = []
    for item in items:
        answer = answer_of(item)
        if answer is None:
            out.append(Verdict(Status.NO_ANSWER, None, "no boxed answer or answer line in the response",
                               method="extract"))
        elif not item.extracted and (walk := walked_options(item.response, item.question)):
            out.append(Verdict(Status.INCORRECT, answer, walk_reason(walk), method="extract"))  # for any judge
        else:
            out.append(replace(item, response=answer, extracted=True))
    return out


def rewards_from(prepared: Sequence[VerifyItem | Verdict], verified: Sequence[Verdict],
                 references: Sequence[str], config: RewardConfig,
                 count_tokens: TokenCounter | None) -> list[Reward]:
    """Merge verdicts of the extracted items back in order, then compute each reward."""
    it = iter(verified)
    verdicts = []
    for p in prepared:
        if isinstance(p, Verdict):
            verdicts.append(p)
            continue
        verdict = next(it)  # the length penalty needs the answer: keep the one that was verified
        verdicts.append(verdict if verdict.answer is not None else replace(verdict, answer=p.response))
    return [compute_reward(v, ref, config, count_tokens) for v, ref in zip(verdicts, references, strict=True)]


def score_responses(verifier: Any, items: Sequence[VerifyItem], config: RewardConfig = RewardConfig(),
                    count_tokens: TokenCounter | None = None) -> list[Reward]:
    """Rewards for a batch: extract strictly, verify the answers in one batch, reward each."""
    prepared = prepare_for_reward(items)
    todo = [p for p in prepared if isinstance(p, VerifyItem)]
    verified = verifier.verify_batch(todo) if todo else []
    if len(verified) != len(todo):
        raise RuntimeError(f"verifier returned {len(verified)} verdicts for {len(todo)} items")
    return rewards_from(prepared, verified, [item.reference for item in items], config, count_tokens)


def summarize(rewards: Sequence[Reward]) -> dict[str, float]:
    """Mean reward, accuracy, no-answer rate and counts by status (for logs and metrics)."""
    n = len(rewards) or 1
    out: dict[str, float] = {
        "reward": sum(r.value for r in rewards) / n,
        "accuracy": sum(r.verdict.correct for r in rewards) / n,
        "no_answer_rate": sum(r.verdict.status is Status.NO_ANSWER for r in rewards) / n,
    }
    for status in Status:
        out[f"status/{status.value}"] = float(sum(r.verdict.status is status for r in rewards))
    return out
