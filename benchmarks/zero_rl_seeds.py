"""Zero-RL efficacy across seeds: the held-out change of several runs of benchmarks/zero_rl_cpu.py.

Each run's change is its own paired bootstrap over the held-out items; the pooled row averages every
item's change over the runs and resamples items, so its interval speaks for these seeds (not a new one).
The runs must have been evaluated on the same items (the default whole test split):

    for s in 2 3 4; do .venv/bin/python benchmarks/zero_rl_cpu.py --steps 46 --minutes 40 --threads 2 \\
        --set seed=$s --output runs/seed$s; done
    .venv/bin/python benchmarks/zero_rl_seeds.py runs/seed2 runs/seed3 runs/seed4
"""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("runs", nargs="+", help="run directories of benchmarks/zero_rl_cpu.py (or train grpo)")
    p.add_argument("--regrade", action="store_true",
                   help="grade the saved responses again with today's rule verifier (runs of different dates)")
    args = p.parse_args(argv)

    from general_reasoner.errors import GeneralReasonerError
    from general_reasoner.train.report import across_runs, runs_table

    try:
        summary = across_runs(args.runs, regrade=args.regrade)
    except GeneralReasonerError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(runs_table(summary) + ("\n\n(graded again with today's rule verifier)" if args.regrade else ""))
    pooled = summary["pooled"]["accuracy_diff"]
    print(f"\npooled accuracy change over {len(summary['runs'])} runs x {summary['pooled']['n']} items: "
          f"{100 * pooled.value:+.1f} pts [{100 * pooled.low:+.1f}, {100 * pooled.high:+.1f}], excludes zero: "
          f"{pooled.excludes_zero()}; runs whose own gain excludes zero: {summary['runs_gain_excludes_zero']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
