"""``RUN_DIR/report.md``: training curves as PNG and the before/after held-out table.

Reads only the run's files (``metrics.jsonl``, ``validation.jsonl``, ``settings.json``), so it can be
rebuilt at any time: ``general-reasoner train report RUN_DIR``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from general_reasoner.errors import DataError
from general_reasoner.eval.metrics import Estimate, bootstrap_ci, paired_bootstrap_diff

CURVES = (("reward_mean", "reward (mean over responses)", "reward.png"),
          ("accuracy", "training accuracy", "accuracy.png"),
          ("no_answer_rate", "no-answer rate", "no_answer.png"),
          ("response_length", "mean response length (tokens)", "length.png"))


def _read(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _plot(records: list[dict[str, Any]], key: str, title: str, out: Path,
          validation: list[dict[str, Any]] | None = None, val_key: str | None = None) -> bool:
    points = [(r["step"], r[key]) for r in records if r.get(key) is not None]
    if not points and not validation:
        return False
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5, 3.2), dpi=100)
    if points:
        ax.plot([p[0] for p in points], [p[1] for p in points], marker="o", ms=3, lw=1.2, label="train")
    if validation and val_key:
        steps = [v["step"] for v in validation]
        ax.plot(steps, [v[val_key] for v in validation], marker="s", ms=4, lw=1.2, label="held-out (greedy)")
        prefix = "accuracy" if val_key == "accuracy" else "no_answer"
        low, high = f"{prefix}_low", f"{prefix}_high"
        if all(low in v and high in v for v in validation):
            ax.fill_between(steps, [v[low] for v in validation], [v[high] for v in validation], alpha=0.2)
        ax.legend(fontsize=8)
    ax.set_title(title, fontsize=10)
    ax.set_xlabel("step")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)
    return True


def before_after(validation: list[dict[str, Any]]) -> dict[str, Any] | None:
    """First and last validation, with paired bootstrap intervals of the differences."""
    if len(validation) < 2:
        return None
    first, last = validation[0], validation[-1]
    out: dict[str, Any] = {"before_step": first["step"], "after_step": last["step"], "n": last["n"]}
    for key, vec in (("accuracy", "correct"), ("no_answer_rate", "no_answer")):
        out[key] = (first[key], last[key])
        if vec in first and vec in last and len(first[vec]) == len(last[vec]):
            out[f"{key}_diff"] = paired_bootstrap_diff(first[vec], last[vec])
    return out


def _graded(run: Path, step: int) -> list[dict[str, Any]]:
    path = run / "validation" / f"step-{step:06d}.jsonl"
    if not path.is_file():
        raise DataError(f"{path}: missing; the graded responses name the held-out items, so runs can be "
                        f"compared item by item.")
    return _read(path)


def _regraded(rows: list[dict[str, Any]], verifier: Any) -> dict[str, list[float]]:
    """Grade the saved responses again, on the reward's path, with today's ``verifier``."""
    from general_reasoner.types import Status, VerifyItem
    from general_reasoner.verify.reward import RewardConfig, score_responses

    items = [VerifyItem(r["reference"], r["response"], question=r.get("question"),
                        answer_type=r.get("answer_type") or None) for r in rows]
    verdicts = [s.verdict for s in score_responses(verifier, items, RewardConfig())]
    return {"correct": [float(v.correct) for v in verdicts],
            "no_answer": [float(v.status is Status.NO_ANSWER) for v in verdicts]}


def _with_vectors(record: dict[str, Any], vectors: dict[str, list[float]]) -> dict[str, Any]:
    n = len(vectors["correct"])
    return {**record, **vectors, "accuracy": sum(vectors["correct"]) / n,
            "no_answer_rate": sum(vectors["no_answer"]) / n}


def across_runs(run_dirs: list[str | Path], *, regrade: bool = False) -> dict[str, Any]:
    """Held-out before/after of several runs (seeds) on the same items, and their pooled change.

    Each run's change is its own paired bootstrap; the pooled change averages every item's change over
    the runs, then resamples items (so its interval is for these runs' seeds, not for a new seed).
    ``regrade=True`` grades every run's saved responses again with today's rule verifier (runs trained
    with the rule verifier only), so runs of different dates are graded alike.
    """
    verifier = None
    if regrade:
        from general_reasoner.verify import RuleVerifier

        verifier = RuleVerifier(processes=1)
    runs: list[dict[str, Any]] = []
    order: list[str] | None = None
    per_item: dict[str, dict[str, list[float]]] = {}
    for run_dir in run_dirs:
        run = Path(run_dir)
        validation = _read(run / "validation.jsonl")
        if len(validation) < 2:
            raise DataError(f"{run / 'validation.jsonl'}: fewer than two validations, no before/after.")
        first, last = validation[0], validation[-1]
        rows_first, rows_last = _graded(run, first["step"]), _graded(run, last["step"])
        ids = [str(r["id"]) for r in rows_first]
        if ids != [str(r["id"]) for r in rows_last] or len(ids) != len(first["correct"]):
            raise DataError(f"{run}: the first and last validations do not hold the same items.")
        settings = _read_settings(run)
        if verifier is not None:
            if settings.get("verifier", "rule") != "rule":
                raise DataError(f"{run}: trained with the {settings['verifier']!r} verifier; only rule-verifier "
                                f"runs are re-graded.")
            first, last = _with_vectors(first, _regraded(rows_first, verifier)), \
                _with_vectors(last, _regraded(rows_last, verifier))
        ba = before_after([first, last])
        if order is None:
            order = ids
        elif sorted(ids) != sorted(order):
            raise DataError(f"{run}: its held-out items differ from {Path(run_dirs[0])}'s; pooled changes need "
                            f"the same items.")
        for key, vec in (("accuracy", "correct"), ("no_answer_rate", "no_answer")):
            for item, b, a in zip(ids, first[vec], last[vec], strict=True):
                per_item.setdefault(key, {}).setdefault(item, []).append(a - b)
        runs.append({"run": str(run), "seed": settings.get("seed"), "steps": ba["after_step"], **{
            k: ba[k] for k in ("accuracy", "no_answer_rate", "accuracy_diff", "no_answer_rate_diff")}})
    if not runs or order is None:
        raise DataError("no runs given.")
    pooled: dict[str, Any] = {"n": len(order)}
    for key in ("accuracy", "no_answer_rate"):
        changes = [sum(per_item[key][i]) / len(runs) for i in order]
        pooled[key] = (sum(r[key][0] for r in runs) / len(runs), sum(r[key][1] for r in runs) / len(runs))
        pooled[f"{key}_diff"] = bootstrap_ci(changes)
    return {"runs": runs, "pooled": pooled,
            "runs_gain_excludes_zero": sum(r["accuracy_diff"].low > 0 for r in runs)}


def _read_settings(run: Path) -> dict[str, Any]:
    path = run / "settings.json"
    return json.loads(path.read_text()).get("settings", {}) if path.is_file() else {}


def _change(diff: Estimate, unit: str = "") -> str:
    """A change in points with its interval: ``+4.6 [+0.5, +8.7]`` (``unit=" pts"``: ``+4.6 pts [...]``)."""
    return f"{100 * diff.value:+.1f}{unit} [{100 * diff.low:+.1f}, {100 * diff.high:+.1f}]"


def runs_table(summary: dict[str, Any]) -> str:
    """The markdown table of :func:`across_runs`: one row per run, then the pooled row."""
    lines = ["| run | seed | steps | accuracy before -> after | change [95% CI] | no-answer before -> after | "
             "change [95% CI] |", "|---|---|---|---|---|---|---|"]
    rows = [(Path(r["run"]).name, r["seed"], r["steps"], r) for r in summary["runs"]]
    rows.append((f"**pooled ({len(summary['runs'])} runs)**", "", "", summary["pooled"]))
    for name, seed, steps, r in rows:
        lines.append(f"| {name} | {seed} | {steps} | {_pct(r['accuracy'][0])} -> {_pct(r['accuracy'][1])} | "
                     f"{_change(r['accuracy_diff'])} | {_pct(r['no_answer_rate'][0])} -> "
                     f"{_pct(r['no_answer_rate'][1])} | {_change(r['no_answer_rate_diff'])} |")
    return "\n".join(lines)


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _ci(lo: Any, hi: Any) -> str:
    return f" [{100 * lo:.1f}, {100 * hi:.1f}]" if lo is not None and hi is not None else ""


def table(validation: list[dict[str, Any]]) -> str:
    """The markdown before/after table (empty string without two validations)."""
    ba = before_after(validation)
    if ba is None:
        return ""
    first, last = validation[0], validation[-1]
    lines = [f"| held-out ({ba['n']} items, greedy) | before (step {ba['before_step']}) | "
             f"after (step {ba['after_step']}) | change [95% CI, paired bootstrap] |",
             "|---|---|---|---|"]
    for key, label, lo, hi in (("accuracy", "accuracy", "accuracy_low", "accuracy_high"),
                               ("no_answer_rate", "no-answer rate", "no_answer_low", "no_answer_high")):
        diff: Estimate | None = ba.get(f"{key}_diff")
        change = _change(diff, " pts") if diff else "n/a"
        lines.append(f"| {label} | {_pct(first[key])}{_ci(first.get(lo), first.get(hi))} | "
                     f"{_pct(last[key])}{_ci(last.get(lo), last.get(hi))} | {change} |")
    return "\n".join(lines)


def write_report(run_dir: str | Path) -> Path:
    """Write the PNG curves and ``report.md`` into ``run_dir``; return the report's path."""
    run = Path(run_dir)
    metrics = _read(run / "metrics.jsonl")
    validation = _read(run / "validation.jsonl")
    settings = _read_settings(run)
    images = []
    for key, title, name in CURVES:
        val_key = {"accuracy": "accuracy", "no_answer_rate": "no_answer_rate"}.get(key)
        if _plot(metrics, key, title, run / name, validation if val_key else None, val_key):
            images.append((title, name))
    lines = ["# GRPO run report", ""]
    if settings:
        lines += [f"- model: `{settings.get('model') or 'smollm2-135m-instruct (embedded)'}`; data: "
                  f"`{settings.get('data')}`; verifier: `{settings.get('verifier')}`; preset: "
                  f"`{settings.get('preset')}`",
                  f"- {settings.get('prompts_per_step')} prompts x {settings.get('num_generations')} samples "
                  f"per step, max {settings.get('max_completion_length')} new tokens, lr "
                  f"{settings.get('learning_rate')}, KL beta {settings.get('beta')}", ""]
    if metrics:
        last = metrics[-1]
        secs = [m["step_seconds"] for m in metrics if m.get("step_seconds")]
        shares = [m["verifier_share"] for m in metrics if m.get("verifier_share") is not None]
        lines += [f"- steps logged: {len(metrics)} (last step {last['step']}); mean step time "
                  f"{sum(secs) / max(len(secs), 1):.1f}s; verifier share of the step "
                  f"{100 * sum(shares) / max(len(shares), 1):.2f}%", ""]
    tab = table(validation)
    lines += ["## Held-out before / after", "", tab or "_fewer than two validations were run_", ""]
    if validation:
        lines += ["| step | accuracy | no-answer rate |", "|---|---|---|"]
        lines += [f"| {v['step']} | {_pct(v['accuracy'])}{_ci(v.get('accuracy_low'), v.get('accuracy_high'))} | "
                  f"{_pct(v['no_answer_rate'])}{_ci(v.get('no_answer_low'), v.get('no_answer_high'))} |"
                  for v in validation]
        lines.append("")
    if images:
        lines += ["## Curves", ""] + [f"![{title}]({name})" for title, name in images] + [""]
    lines += ["Files: `metrics.jsonl` (one record per step), `validation.jsonl`, `validation/step-*.jsonl` "
              "(graded responses), `tensorboard/`, `checkpoint-*/`, `final/`.", ""]
    out = run / "report.md"
    out.write_text("\n".join(lines), encoding="utf-8")
    return out


def summary_figure(run_dir: str | Path, out: str | Path, title: str = "zero-RL on CPU") -> Path | None:
    """One 2x2 PNG of a run (reward, no-answer rate, accuracy, length; held-out points on the rates).

    For a results page: the four curves of :func:`write_report` side by side in one small file.
    Returns None when the run has logged nothing.
    """
    run = Path(run_dir)
    metrics, validation = _read(run / "metrics.jsonl"), _read(run / "validation.jsonl")
    if not metrics and not validation:
        return None
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(2, 2, figsize=(9, 6), dpi=90)
    for ax, (key, label, _) in zip(axes.flat, (CURVES[0], CURVES[2], CURVES[1], CURVES[3]), strict=True):
        points = [(r["step"], r[key]) for r in metrics if r.get(key) is not None]
        if points:
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            ax.plot(xs, ys, lw=0.8, alpha=0.5, label="train (per step)")
            k = max(1, len(ys) // 10)  # a moving average over ~a tenth of the run
            smooth = [sum(ys[max(0, i - k + 1):i + 1]) / len(ys[max(0, i - k + 1):i + 1]) for i in range(len(ys))]
            ax.plot(xs, smooth, lw=1.6, label=f"train (mean of {k})")
        if key in ("accuracy", "no_answer_rate") and validation:
            prefix = "accuracy" if key == "accuracy" else "no_answer"
            steps = [v["step"] for v in validation]
            ax.errorbar(steps, [v[key] for v in validation], fmt="s", ms=5, capsize=3, label="held-out (greedy)",
                        yerr=[[v[key] - v.get(f"{prefix}_low", v[key]) for v in validation],
                              [v.get(f"{prefix}_high", v[key]) - v[key] for v in validation]])
        ax.set_title(label, fontsize=10)
        ax.set_xlabel("step")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7)
    fig.suptitle(title, fontsize=11)
    fig.tight_layout()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out)
    plt.close(fig)
    return out
