"""report.md and the PNG curves from a run's JSONL files (no training)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from general_reasoner.errors import DataError
from general_reasoner.train.report import across_runs, before_after, runs_table, summary_figure, write_report


def _write(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))


def _validation(step: int, correct: list[int], no_answer: list[int]) -> dict:
    n = len(correct)
    return {"step": step, "n": n, "accuracy": sum(correct) / n, "accuracy_low": 0.0, "accuracy_high": 1.0,
            "no_answer_rate": sum(no_answer) / n, "no_answer_low": 0.0, "no_answer_high": 1.0,
            "correct": correct, "no_answer": no_answer}


def test_report_has_table_and_curves(tmp_path: Path) -> None:
    _write(tmp_path / "metrics.jsonl", [
        {"step": s, "reward_mean": -0.5 + 0.1 * s, "accuracy": 0.05 * s, "no_answer_rate": 1 - 0.1 * s,
         "response_length": 90 - s, "step_seconds": 20.0, "verifier_share": 0.001} for s in range(1, 6)])
    before = _validation(0, [0] * 30 + [1] * 2, [1] * 20 + [0] * 12)
    after = _validation(5, [0] * 20 + [1] * 12, [1] * 4 + [0] * 28)
    _write(tmp_path / "validation.jsonl", [before, after])
    report = write_report(tmp_path).read_text()
    assert "| accuracy | 6.2% [0.0, 100.0] | 37.5% [0.0, 100.0] | +31.2 pts" in report
    assert "| no-answer rate | 62.5%" in report and "-50.0 pts" in report
    for png in ("reward.png", "accuracy.png", "no_answer.png", "length.png"):
        assert (tmp_path / png).stat().st_size > 1000 and f"]({png})" in report
    ba = before_after([before, after])
    assert ba is not None and ba["accuracy_diff"].excludes_zero() and ba["no_answer_rate_diff"].high < 0


def test_report_without_runs_says_so(tmp_path: Path) -> None:
    report = write_report(tmp_path).read_text()
    assert "fewer than two validations" in report


def test_summary_figure_is_one_small_png(tmp_path: Path) -> None:
    _write(tmp_path / "metrics.jsonl", [
        {"step": s, "reward_mean": -0.5 + 0.01 * s, "accuracy": 0.01 * s, "no_answer_rate": 1 - 0.01 * s,
         "response_length": 120 - s} for s in range(1, 41)])
    _write(tmp_path / "validation.jsonl", [_validation(0, [0, 1], [1, 0]), _validation(40, [1, 1], [0, 0])])
    out = summary_figure(tmp_path, tmp_path / "results" / "curve.png")
    assert out is not None and 5_000 < out.stat().st_size < 300_000


def test_summary_figure_of_an_empty_run_is_none(tmp_path: Path) -> None:
    assert summary_figure(tmp_path, tmp_path / "curve.png") is None


def _run(path: Path, seed: int, ids: list[str], before: list[int], after: list[int],
         responses: dict[int, list[str]] | None = None) -> Path:
    (path / "validation").mkdir(parents=True)
    no_answer = [0] * len(ids)
    _write(path / "validation.jsonl", [_validation(0, before, no_answer), _validation(46, after, no_answer)])
    for step in (0, 46):
        texts = (responses or {}).get(step, [""] * len(ids))
        _write(path / "validation" / f"step-{step:06d}.jsonl",
               [{"id": i, "reference": "50%", "response": r, "question": "What percentage?", "answer_type": "Percentage"}
                for i, r in zip(ids, texts, strict=True)])
    (path / "settings.json").write_text(json.dumps({"settings": {"seed": seed}}))
    return path


def test_across_runs_pools_items_by_id(tmp_path: Path) -> None:
    ids = [f"q{i}" for i in range(40)]
    a = _run(tmp_path / "a", 2, ids, [0] * 40, [1] * 6 + [0] * 34)             # +15 pts
    # the same items in reverse order: item q0..q5 gained in run a, q39 lost here
    b = _run(tmp_path / "b", 3, ids[::-1], [1] + [0] * 39, [0] * 40)            # -2.5 pts
    summary = across_runs([a, b])
    assert [r["seed"] for r in summary["runs"]] == [2, 3]
    assert summary["runs"][0]["accuracy_diff"].value == 6 / 40 and summary["runs"][1]["accuracy_diff"].value == -1 / 40
    pooled = summary["pooled"]
    assert pooled["n"] == 40 and abs(pooled["accuracy_diff"].value - 5 / 80) < 1e-12
    assert pooled["accuracy"] == (1 / 80, 6 / 80)
    assert summary["runs_gain_excludes_zero"] == 1
    table = runs_table(summary)
    assert "| a | 2 | 46 | 0.0% -> 15.0% | +15.0 [" in table and "**pooled (2 runs)**" in table


def test_across_runs_refuses_other_items_and_missing_files(tmp_path: Path) -> None:
    a = _run(tmp_path / "a", 0, ["q1", "q2"], [0, 0], [1, 0])
    b = _run(tmp_path / "b", 1, ["q1", "q3"], [0, 0], [0, 0])
    with pytest.raises(DataError, match="held-out items differ"):
        across_runs([a, b])
    (a / "validation" / "step-000046.jsonl").unlink()
    with pytest.raises(DataError, match=r"step-000046\.jsonl: missing"):
        across_runs([a])


def test_across_runs_regrades_with_todays_verifier(tmp_path: Path) -> None:
    # graded correct when the run was made (a verifier that read "250% of 50" as 50%); graded again, it is not
    texts = {0: ["no answer here", "The final answer is 50%."], 46: ["The final answer is 250% of 50.",
                                                                    "The final answer is 50%."]}
    run = _run(tmp_path / "a", 2, ["q1", "q2"], [0, 1], [1, 1], texts)
    assert across_runs([run])["runs"][0]["accuracy"] == (0.5, 1.0)
    again = across_runs([run], regrade=True)["runs"][0]
    assert again["accuracy"] == (0.5, 0.5) and again["no_answer_rate"] == (0.5, 0.0)
