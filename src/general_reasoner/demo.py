"""``general-reasoner demo``: the whole zero-RL loop on the embedded default model.

1. prepare the embedded model and the bundled data (TRL format, train/test split);
2. evaluate the base model greedily on a fixed held-out subset (validation at step 0);
3. train GRPO for a few steps (``cpu-small`` preset) with the rule verifier reward;
4. evaluate again (validation at the last step), with the same items and grader;
5. write ``RUN_DIR/report.md`` (curves + before/after table) and print where it is.

Steps 2 and 4 are the training run's own validations, so the before/after table compares the
same items graded by the verifier that gave the reward. Budget: 15 minutes on 2 CPU cores.
"""

from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path

STEPS = 16     # cpu-small steps of 1 prompt x 8 samples at 96 tokens: ~20 s each on 2 quiet cores (bf16)
MINUTES = 9.0  # stop training after this many minutes anyway, so the demo stays under 15 minutes


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("demo", help="the whole loop on the embedded model: data, eval, GRPO, eval, report",
                              description="Prepare the bundled data, evaluate the embedded model, train GRPO a "
                                          "few steps, evaluate again and write a report (about 10-15 min on 2 "
                                          "CPU cores).")
    p.add_argument("--model", default=None, help="model name, directory or hub id (default: embedded)")
    p.add_argument("--output", default="runs/demo", help="run directory (default runs/demo; replaced)")
    p.add_argument("--steps", type=int, default=STEPS, help=f"GRPO steps (default {STEPS})")
    p.add_argument("--minutes", type=float, default=MINUTES,
                   help=f"stop training after this many minutes (default {MINUTES:g}; 0: no limit)")
    p.add_argument("--eval-items", type=int, default=48, help="held-out items evaluated before/after (default 48)")
    p.add_argument("--eval-tokens", type=int, default=128, help="max new tokens in evaluation (default 128)")
    p.add_argument("--threads", type=int, default=-1,
                   help="torch CPU threads (default -1: 1 while the CPU is busy, else all; 0: torch's default)")
    p.add_argument("--difficulties", default="easy",
                   help="train on these difficulties, comma-separated ('all': every one; default easy); the "
                        "held-out evaluation uses every difficulty")
    p.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                   help="override any GRPO setting (see train grpo --dry-run)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from general_reasoner.data.prepare import prepare_dataset
    from general_reasoner.models import DEFAULT_MODEL, resolve_model
    from general_reasoner.train.callbacks import VALIDATION_FILE, read_jsonl
    from general_reasoner.train.grpo import run_grpo
    from general_reasoner.train.presets import resolve
    from general_reasoner.train.report import table

    started = time.time()
    out = Path(args.output)
    if out.exists():
        shutil.rmtree(out)
    model_path = resolve_model(args.model)
    print(f"[1/5] model {args.model or DEFAULT_MODEL} ready at {model_path} ({time.time() - started:.0f}s)")
    data_dir = out / "data"
    report = prepare_dataset("bundled", data_dir, fmt="trl")
    print(f"[2/5] bundled data prepared in {data_dir}: {report.train} train / {report.test} test questions")
    settings = resolve("cpu-small", args.overrides, model=model_path, data=str(data_dir), output=str(out / "run"),
                       max_steps=args.steps, val_limit=args.eval_items, val_max_new_tokens=args.eval_tokens,
                       save_steps=max(args.steps, 1), eval_steps=0, num_threads=args.threads or None,
                       difficulties="" if args.difficulties == "all" else args.difficulties,
                       max_train_minutes=args.minutes or None)
    print(f"[3/5] evaluating the base model on {args.eval_items} held-out questions, then GRPO for "
          f"{settings.max_steps} steps ({settings.prompts_per_step} prompts x {settings.num_generations} samples, "
          f"lr {settings.learning_rate}, training difficulties {', '.join(settings.difficulties) or 'all'}), then "
          f"evaluating again")
    result = run_grpo(settings)
    validation = read_jsonl(Path(result.run_dir) / VALIDATION_FILE)
    print(f"[4/5] trained to step {result.global_step} in {result.seconds:.0f}s")
    print(table(validation) or "(no before/after table: fewer than two validations)")
    print(f"[5/5] report: {result.report}\n      final model: {result.final_model}\n"
          f"      evaluate it again: general-reasoner eval --model {result.final_model} --data {data_dir} "
          f"--limit {args.eval_items}")
    print(f"demo done in {time.time() - started:.0f}s")
    return 0
