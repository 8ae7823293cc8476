"""Speed and agreement: our rule verifier vs Math-Verify on the same labelled pairs, one run.

    .venv/bin/python benchmarks/verify_speed.py [--repeat 1]

Pairs: the equivalence rows of ../shared/peer-data (Math-Verify, lighteval, Table 1), our case
table (tests/verify/verify_cases.py) and every blind labelled set (tests/verify/holdout_cases.jsonl,
probe_cases.jsonl, probe2..probe17_cases.jsonl: bare answers and whole model responses, 47 writers).
Both verifiers get ``(gold, pred)`` only (no question, no answer type: the harder case for ours).
Prints, per pair source and overall, each verifier's median and p99 latency, the ratio of medians
and of p99s, and each one's agreement with the labels.

Timing: in blocks of 50 pairs, each block through both verifiers, alternating which goes
first, so that load from other processes on a shared machine falls on both alike (pair by pair
would make each run with the CPU caches the other has just filled; ``--sequential`` gives the
old all-ours-then-all-theirs order).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PEER = ROOT.parent / "shared" / "peer-data"
BLOCK = 50  # pairs timed through one verifier before switching to the other


def load_pairs() -> list[tuple[str, str, int, str]]:
    pairs = []
    for name in ("math_verify_tests.jsonl", "lighteval_extractive_match_tests.jsonl", "general_reasoner_table1.jsonl"):
        for line in (PEER / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if isinstance(row["expected"], int) and row.get("gold") is not None:
                pairs.append((row["gold"], row["pred"], row["expected"], name.split("_")[0]))
    sys.path.insert(0, str(ROOT / "tests" / "verify"))
    from verify_cases import C

    pairs += [(ref, ans, exp, "cases") for _, _, ref, ans, exp, _ in C]
    for source in ("holdout", "probe2", "probe", "probe3", "probe4", "probe5", "probe6", "probe7", "probe8", "probe9", "probe10", "probe11",
                   "probe12", "probe13", "probe14", "probe15", "probe16", "probe17"):
        path = ROOT / "tests" / "verify" / f"{source}_cases.jsonl"
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            pairs.append((row["gold"], row["pred"], row["expected"], source))
    return pairs


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _ours():  # type: ignore[no-untyped-def]
    from general_reasoner.verify import verify

    verify("4.9 J", "4.9 N*m")  # warm-up: unit registry
    return lambda gold, pred: verify(gold, pred).correct


def _math_verify():  # type: ignore[no-untyped-def]
    from math_verify import parse, verify

    verify(parse("$1$"), parse("$1$"))  # warm-up: sympy and the LaTeX grammar

    def check(gold: str, pred: str) -> bool:
        try:
            return bool(verify(parse(gold), parse(pred)))
        except Exception:  # noqa: BLE001 - a crash counts as "not equivalent"
            return False

    return check


def _timed(check, gold: str, pred: str) -> tuple[float, bool]:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    ok = check(gold, pred)
    return time.perf_counter() - start, ok


def run_both(pairs, sequential: bool = False):  # type: ignore[no-untyped-def]
    """Times and verdicts of both verifiers. Interleaved by default (blocks of BLOCK pairs, each
    block through both, the order alternating), so a busy machine slows both alike while each
    verifier still runs warm within a block; ``sequential``: all ours, then all theirs."""
    checks = (_ours(), _math_verify())
    times: tuple[list[float], list[float]] = ([], [])
    said: tuple[list[bool], list[bool]] = ([], [])
    if sequential:
        for k in (0, 1):
            for gold, pred, _, _ in pairs:
                t, ok = _timed(checks[k], gold, pred)
                times[k].append(t)
                said[k].append(ok)
        return times[0], said[0], times[1], said[1]
    for b, at in enumerate(range(0, len(pairs), BLOCK)):
        for k in ((0, 1) if b % 2 == 0 else (1, 0)):
            for gold, pred, _, _ in pairs[at:at + BLOCK]:
                t, ok = _timed(checks[k], gold, pred)
                times[k].append(t)
                said[k].append(ok)
    return times[0], said[0], times[1], said[1]


def _agree(pairs, said, idx) -> float:  # type: ignore[no-untyped-def]
    return sum(int(said[i]) == pairs[i][2] for i in idx) / max(len(idx), 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=1, help="pass over the pairs this many times")
    parser.add_argument("--sequential", action="store_true",
                        help="time all pairs through ours, then all through Math-Verify (default: interleaved)")
    args = parser.parse_args()
    pairs = load_pairs() * args.repeat
    ours_t, ours_v, mv_t, mv_v = run_both(pairs, sequential=args.sequential)
    ours_ok = sum(int(v) == p[2] for v, p in zip(ours_v, pairs, strict=True))
    mv_ok = sum(int(v) == p[2] for v, p in zip(mv_v, pairs, strict=True))
    n = len(pairs)
    print(f"{n} labelled pairs ({n // args.repeat} distinct), "
          + ("sequential" if args.sequential else f"interleaved in blocks of {BLOCK}"))
    print(f"{'verifier':<14}{'median ms':>11}{'p99 ms':>10}{'total s':>10}{'agreement':>11}")
    for name, t, ok in (("ours (rule)", ours_t, ours_ok), ("math-verify", mv_t, mv_ok)):
        print(f"{name:<14}{statistics.median(t) * 1e3:>11.3f}{percentile(t, 0.99) * 1e3:>10.2f}"
              f"{sum(t):>10.2f}{ok / n:>11.1%}")
    print(f"{'source':<10}{'pairs':>6}{'agree ours':>11}{'agree MV':>9}{'ours med':>9}{'MV med':>8}"
          f"{'ours p99':>9}{'MV p99':>8}{'median x':>9}{'p99 x':>7}   (ms)")
    sources = sorted({p[3] for p in pairs})
    for source in [*sources, "ALL"]:
        idx = [i for i, p in enumerate(pairs) if source in (p[3], "ALL")]
        ot, mt = [ours_t[i] for i in idx], [mv_t[i] for i in idx]
        om, mm, op, mp = statistics.median(ot), statistics.median(mt), percentile(ot, 0.99), percentile(mt, 0.99)
        print(f"{source:<10}{len(idx):>6}{_agree(pairs, ours_v, idx):>11.1%}{_agree(pairs, mv_v, idx):>9.1%}"
              f"{om * 1e3:>9.3f}{mm * 1e3:>8.3f}{op * 1e3:>9.2f}{mp * 1e3:>8.2f}{mm / om:>8.1f}x{mp / op:>6.1f}x")
    print(f"median speed-up: {statistics.median(mv_t) / statistics.median(ours_t):.1f}x; "
          f"p99 speed-up: {percentile(mv_t, 0.99) / percentile(ours_t, 0.99):.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
