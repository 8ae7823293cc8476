"""GRPO on the embedded model, end to end (slow: real model, real TRL steps on CPU)."""

from __future__ import annotations

import json
import math
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

TINY = ["max_completion_length=12", "val_limit=2", "val_max_new_tokens=8", "val_batch_size=2",
        "report_to=none", "num_threads=1", "prompts_per_step=2", "mini_batch_prompts=2", "micro_batch=4",
        "num_generations=2"]  # cpu-small has the KL on (beta 0.1), so that its logging is checked


def _records(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    return [json.loads(x) for x in path.read_text().splitlines() if x.strip()]


def test_two_grpo_steps_change_every_parameter(embedded_model_dir: Path, tmp_path: Path) -> None:
    import torch

    from general_reasoner.models import load_model, load_tokenizer
    from general_reasoner.train.grpo import build_reward, run_grpo
    from general_reasoner.train.presets import resolve

    settings = resolve("cpu-small", TINY, model=str(embedded_model_dir), output=str(tmp_path / "run"),
                       max_steps=2, save_steps=100)
    real, _ = build_reward(settings, load_tokenizer(str(embedded_model_dir)))
    seen: list[float] = []

    # The verifier reward plus a small shaping term on the text length, so that every group has
    # reward variance (a 12-token completion of the base model rarely holds a boxed answer, and a
    # group of equal rewards has zero advantage: no gradient at all).
    def general_reasoner_reward(prompts=None, completions=(), **kwargs):  # type: ignore[no-untyped-def]
        values = real(prompts=prompts, completions=completions, **kwargs)
        general_reasoner_reward.last_rewards = real.last_rewards
        general_reasoner_reward.last_seconds = real.last_seconds
        seen.extend(values)
        texts = [c[-1]["content"] if isinstance(c, list) else c for c in completions]
        return [v + 1e-3 * len(t) for v, t in zip(values, texts, strict=True)]

    result = run_grpo(settings, reward_func=general_reasoner_reward)
    assert result.global_step == 2
    assert len(seen) == 2 * 2 * 2 and all(math.isfinite(v) and v in (-0.5, 0.0) or 0.5 <= v <= 1.0 for v in seen)
    metrics = _records(tmp_path / "run" / "metrics.jsonl")
    assert [m["step"] for m in metrics] == [1, 2]
    assert all(math.isfinite(m["reward_mean"]) and m["kl"] is not None for m in metrics)
    before = dict(load_model(str(embedded_model_dir)).named_parameters())
    after = dict(load_model(result.final_model).named_parameters())
    unchanged = [n for n, p in after.items() if p.requires_grad and torch.equal(p, before[n])]
    assert not unchanged, f"parameters not updated: {unchanged[:5]}"
    report = Path(result.report).read_text()
    assert "before (step 0)" in report and "after (step 2)" in report


def test_kill_and_resume_continues_steps_and_data_order(embedded_model_dir: Path, tmp_path: Path) -> None:
    run = tmp_path / "run"
    cmd = [sys.executable, "-m", "general_reasoner.cli", "-q", "train", "grpo", "--model", str(embedded_model_dir),
           "--output", str(run), "--max-steps", "5", "--set", "save_steps=2"]
    for item in TINY:
        cmd += ["--set", item]
    env = {**os.environ, "GENERAL_REASONER_PROGRESS": "0"}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    deadline = time.time() + 420
    try:
        # kill after the first checkpoint, once a step past it has been logged
        while time.time() < deadline and proc.poll() is None:
            steps = [r["step"] for r in _records(run / "metrics.jsonl")]
            if (run / "checkpoint-2").is_dir() and steps and max(steps) >= 3:
                break
            time.sleep(0.2)
        assert proc.poll() is None, f"run ended before it could be killed: {proc.stderr.read()[-2000:]!r}"
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    killed = {r["step"]: r for r in _records(run / "metrics.jsonl")}
    last_ckpt = max(int(p.name.split("-")[1]) for p in run.glob("checkpoint-*"))
    assert last_ckpt in (2, 4) and max(killed) > last_ckpt

    done = subprocess.run(cmd + ["--resume"], env=env, capture_output=True, text=True, timeout=420)
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"resumed from {run / f'checkpoint-{last_ckpt}'}" in done.stdout
    resumed = _records(run / "metrics.jsonl")
    assert [r["step"] for r in resumed] == [1, 2, 3, 4, 5]          # the step count continued, no repeats
    for r in resumed:                                                # same prompts at the same steps
        if r["step"] in killed:
            assert r["batch_digest"] == killed[r["step"]]["batch_digest"], r["step"]
    assert [v["step"] for v in _records(run / "validation.jsonl")] == [0, 5]
