"""Zero-RL efficacy on CPU: does GRPO with the verifier reward improve the embedded model?

Trains the embedded SmolLM2-135M-Instruct with GRPO (cpu-small preset with two prompts per step,
``--prompts-per-step``; rule verifier, the paper's reward) on the bundled training split and
evaluates greedily on the held-out split before and after (the whole 196-item test split by
default; a fixed hashed subset with --eval-items N). Prints
accuracy and no-answer rate before/after with 95% bootstrap intervals, and the paired bootstrap
interval of each change; the goal is a gain whose interval excludes zero. The recorded run (first line):

    .venv/bin/python benchmarks/zero_rl_cpu.py --steps 46 --minutes 40 --threads 2 --results docs/results
    .venv/bin/python benchmarks/zero_rl_cpu.py --steps 6 --eval-items 16 --output runs/zr_short
    .venv/bin/python benchmarks/zero_rl_cpu.py --results docs/results   # also write the results page

Everything goes to ``--output`` (report.md with the curves, metrics.jsonl, validation.jsonl);
``--results DIR`` also writes ``DIR/zero_rl_cpu.md`` and ``DIR/zero_rl_cpu.png``.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path


def settings_for(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The run's settings: cpu-small, the flags, then ``--set`` (the project's parser and errors). One update
    takes every prompt's group in one micro-batch, so micro_batch follows ``--set num_generations=N``; a
    ``--set micro_batch=M`` of the user's own still wins (resolve() applies ``--set`` last)."""
    from general_reasoner.train.presets import resolve

    explicit = dict(output=args.output, difficulties="" if args.difficulties == "all" else args.difficulties,
                    max_steps=args.steps, val_limit=args.eval_items if args.eval_items > 0 else "none",
                    val_max_new_tokens=args.eval_tokens, eval_steps=args.eval_steps,
                    prompts_per_step=args.prompts_per_step, mini_batch_prompts=args.prompts_per_step,
                    learning_rate=args.lr, num_threads=args.threads or None,
                    max_train_minutes=args.minutes or None, save_steps=max(args.steps // 2, 1))
    first = resolve("cpu-small", args.overrides, **explicit)
    return resolve("cpu-small", args.overrides, **explicit,
                   micro_batch=first.mini_batch_prompts * first.num_generations)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--steps", type=int, default=46, help="GRPO steps (default 46)")
    p.add_argument("--eval-items", type=int, default=0, help="held-out items (default 0: the whole test split)")
    p.add_argument("--eval-tokens", type=int, default=None, help="max new tokens when evaluating (default: preset)")
    p.add_argument("--eval-steps", type=int, default=0, help="extra validation every N steps (default: none)")
    p.add_argument("--lr", type=float, default=None, help="learning rate (default: the preset's)")
    p.add_argument("--prompts-per-step", type=int, default=2,
                   help="prompts per GRPO step, each with the preset's 8 samples, all in one update (default 2: "
                        "the recorded runs; cpu-small itself takes 1, a shorter step)")
    p.add_argument("--threads", type=int, default=-1,
                   help="torch threads (default -1: 1 while the CPU is busy, else all; 0: torch's default)")
    p.add_argument("--minutes", type=float, default=0, help="stop training after this many minutes (0: none)")
    p.add_argument("--difficulties", default="easy",
                   help="train on these difficulties, comma-separated ('all': every one; default easy); the "
                        "held-out evaluation always uses every difficulty")
    p.add_argument("--output", default="runs/zero_rl_cpu", help="run directory (must not hold a run)")
    p.add_argument("--results", default=None, help="also write zero_rl_cpu.md/.png into this folder")
    p.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)

    from general_reasoner.log import setup_logging
    from general_reasoner.train.callbacks import VALIDATION_FILE, read_jsonl
    from general_reasoner.train.grpo import run_grpo
    from general_reasoner.train.report import before_after, summary_figure, table

    setup_logging(0)
    settings = settings_for(args)
    started = time.time()
    result = run_grpo(settings)
    seconds = time.time() - started
    validation = read_jsonl(Path(result.run_dir) / VALIDATION_FILE)
    ba = before_after(validation)
    config = (f"{result.global_step} GRPO steps of {settings.prompts_per_step} prompts x {settings.num_generations} "
              f"samples (temperature {settings.temperature}), max {settings.max_completion_length} new tokens, "
              f"lr {settings.learning_rate} {settings.lr_scheduler_type}, KL beta {settings.beta}, scale_rewards "
              f"{settings.scale_rewards}, training difficulties {', '.join(settings.difficulties) or 'all'}; "
              f"held-out {validation[-1]['n'] if validation else '?'} items of the test split (all difficulties), "
              f"greedy, {settings.val_max_new_tokens} new tokens")
    print(f"zero-RL on CPU: {config}")
    tab = table(validation)
    print(tab)
    if ba is None:
        print("fewer than two validations: no before/after")
        return 1
    acc, no_ans = ba.get("accuracy_diff"), ba.get("no_answer_rate_diff")
    summary = {"steps": result.global_step, "seconds": round(seconds),
               "accuracy_before": ba["accuracy"][0], "accuracy_after": ba["accuracy"][1],
               "accuracy_change": acc.to_dict() if acc else None,
               "no_answer_before": ba["no_answer_rate"][0], "no_answer_after": ba["no_answer_rate"][1],
               "no_answer_change": no_ans.to_dict() if no_ans else None,
               "accuracy_gain_excludes_zero": bool(acc and acc.low > 0),
               "no_answer_drop_excludes_zero": bool(no_ans and no_ans.high < 0),
               "report": result.report}
    print(json.dumps(summary, indent=2))
    if args.results:
        out = Path(args.results)
        png = summary_figure(result.run_dir, out / "zero_rl_cpu.png", title="zero-RL on CPU: SmolLM2-135M-Instruct")
        cmd = "python benchmarks/zero_rl_cpu.py " + " ".join(sys.argv[1:] if argv is None else argv)
        lines = ["# Zero-RL on CPU: results", "",
                 f"Command: `{cmd}` ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
                 f"{platform.machine()}, wall time {seconds / 60:.1f} min including both evaluations).", "",
                 f"Configuration: {config}.", "", tab, "",
                 f"Gain in accuracy excludes zero: **{summary['accuracy_gain_excludes_zero']}**; drop in no-answer "
                 f"rate excludes zero: **{summary['no_answer_drop_excludes_zero']}**.", ""]
        if png is not None:
            lines += [f"![curves]({png.name})", ""]
        (out / "zero_rl_cpu.md").write_text("\n".join(lines), encoding="utf-8")
        print(f"results: {out / 'zero_rl_cpu.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
