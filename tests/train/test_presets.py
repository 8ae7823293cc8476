"""Presets, overrides and the mapping of verl-style batch sizes onto TRL."""

from __future__ import annotations

import pytest

from general_reasoner.errors import ConfigError
from general_reasoner.train.presets import (
    apply_overrides,
    preset,
    resolve,
    trl_batch_sizes,
    trl_config_kwargs,
)


def test_paper_preset_values() -> None:
    p = preset("paper")
    assert (p.num_generations, p.temperature, p.learning_rate, p.lr_scheduler_type, p.beta) == (8, 1.0, 5e-7,
                                                                                                "constant", 1e-4)
    assert (p.max_completion_length, p.prompts_per_step, p.mini_batch_prompts, p.epsilon) == (8192, 1024, 256, 0.3)
    assert (p.reward_no_answer, p.reward_correct, p.reward_incorrect, p.length_penalty, p.length_cap) == (
        -0.5, 1.0, 0.0, 0.05, 10)


BATCHES = [
    # preset, processes, per_device, grad_accum, generation_batch
    ("paper", 8, 8, 32, 8192),    # the paper's node: 2048 completions per update, 4 updates per rollout
    ("paper", 1, 8, 256, 8192),
    ("cpu-small", 1, 8, 1, 8),
]


@pytest.mark.parametrize(("name", "procs", "per_device", "accum", "gen"), BATCHES)
def test_batch_mapping(name: str, procs: int, per_device: int, accum: int, gen: int) -> None:
    sizes = trl_batch_sizes(preset(name), procs)
    assert sizes == {"per_device_train_batch_size": per_device, "gradient_accumulation_steps": accum,
                     "generation_batch_size": gen}
    # TRL's effective update batch equals verl's mini-batch of completions
    s = preset(name)
    assert per_device * procs * accum == s.mini_batch_prompts * s.num_generations


OVERRIDES = [
    ("learning_rate=1e-5", "learning_rate", 1e-5),
    ("max_steps=3", "max_steps", 3),
    ("use_vllm=true", "use_vllm", True),
    ("epsilon_high=none", "epsilon_high", None),
    ("epsilon_high=0.28", "epsilon_high", 0.28),
    ("report_to=tensorboard,none", "report_to", ("tensorboard", "none")),
    ("vllm-mode=server", "vllm_mode", "server"),
    ("val_limit=none", "val_limit", None),
    ("difficulties=easy", "difficulties", ("easy",)),
    ("difficulties=easy,medium", "difficulties", ("easy", "medium")),
    ("bf16=false", "bf16", False),
    ("bf16=off", "bf16", False),
]


@pytest.mark.parametrize(("pair", "field", "value"), OVERRIDES)
def test_override_parsing(pair: str, field: str, value: object) -> None:
    assert getattr(apply_overrides(preset("cpu-small"), [pair]), field) == value


ERRORS = [
    (["lerning_rate=1"], "Did you mean: learning_rate"),
    (["max_steps=ten"], "max_steps='ten' is not a valid int"),
    (["learning_rate"], "is not key=value"),
    (["use_vllm=maybe"], "not a valid bool"),
    (["verifier=hybird"], "Did you mean: hybrid"),
    (["verifier=model"], "needs a judge"),
    (["num_generations=1"], "at least 2"),
    (["prompts_per_step=3", "mini_batch_prompts=2"], "multiple of mini_batch_prompts"),
    (["difficulties=eazy"], "Did you mean: easy"),
    (["bf16=maybe"], "not a valid bool"),
]


@pytest.mark.parametrize(("pairs", "message"), ERRORS)
def test_override_errors(pairs: list[str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        apply_overrides(preset("cpu-small"), pairs)


def test_unknown_preset_suggests() -> None:
    with pytest.raises(ConfigError, match="Did you mean: paper"):
        preset("papr")


def test_indivisible_batch_is_a_clear_error() -> None:
    with pytest.raises(ConfigError, match="not a multiple of micro_batch"):
        trl_batch_sizes(resolve("cpu-small", ["micro_batch=3"]), 1)


def test_explicit_flags_then_overrides() -> None:
    s = resolve("cpu-small", ["learning_rate=3e-5"], learning_rate=1e-5, max_steps=2, model=None)
    assert (s.learning_rate, s.max_steps) == (3e-5, 2)


def test_trl_accepts_the_cpu_small_config(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from trl import GRPOConfig

    cfg = GRPOConfig(**trl_config_kwargs(resolve("cpu-small", output=str(tmp_path)), 1))
    assert (cfg.num_generations, cfg.beta, cfg.loss_type, cfg.use_cpu) == (8, 0.1, "dapo", True)
    assert (cfg.temperature, cfg.lr_scheduler_type, cfg.max_completion_length, cfg.learning_rate) == (
        0.7, "cosine", 96, 2e-5)
    assert cfg.generation_batch_size == 8 and cfg.steps_per_generation == 1
    assert cfg.use_bias_correction_kl is False and cfg.remove_unused_columns is False


def test_paper_kwargs_carry_vllm_and_kl() -> None:
    kw = trl_config_kwargs(preset("paper"), 8)
    assert kw["use_vllm"] and kw["vllm_mode"] == "colocate" and kw["vllm_tensor_parallel_size"] == 2
    assert kw["beta"] == 1e-4 and kw["entropy_coef"] == 1e-3 and kw["weight_decay"] == 0.01
    assert kw["bf16"] and kw["gradient_checkpointing"] and not kw["use_cpu"]


def _sample(i: int, difficulty: str):  # type: ignore[no-untyped-def]
    from general_reasoner.types import Sample

    return Sample(id=str(i), question=f"q{i}", reference="1", difficulty=difficulty)


DIFFICULTY_FILTERS = [
    ((), ["easy", "medium", "hard", "easy"]),
    (("easy",), ["easy", "easy"]),
    (("medium", "hard"), ["medium", "hard"]),
]


@pytest.mark.parametrize(("levels", "kept"), DIFFICULTY_FILTERS)
def test_select_difficulties(levels: tuple[str, ...], kept: list[str]) -> None:
    from general_reasoner.train.grpo import select_difficulties

    samples = [_sample(i, d) for i, d in enumerate(["easy", "medium", "hard", "easy"])]
    assert [s.difficulty for s in select_difficulties(samples, levels)] == kept


def test_select_difficulties_refuses_an_empty_result() -> None:
    from general_reasoner.errors import DataError
    from general_reasoner.train.grpo import select_difficulties

    with pytest.raises(DataError, match="No training question has difficulty hard"):
        select_difficulties([_sample(0, "easy")], ("hard",))


def test_bf16_auto_follows_the_cpu(monkeypatch: pytest.MonkeyPatch) -> None:
    """cpu-small's bf16=None becomes bf16 autocast only where the CPU computes bf16 natively."""
    from general_reasoner.train import presets

    assert preset("cpu-small").bf16 is None
    for native in (True, False):
        monkeypatch.setattr(presets, "cpu_has_bf16", lambda native=native: native)
        assert resolve("cpu-small").bf16 is native
        assert trl_config_kwargs(preset("cpu-small"), 1)["bf16"] is native
        assert apply_overrides(preset("cpu-small"), ["bf16=none"]).bf16 is native
    # asked for explicitly on a CPU that emulates it: a clear error, not a slow run
    with pytest.raises(ConfigError, match="emulated"):
        apply_overrides(preset("cpu-small"), ["bf16=true"])
    monkeypatch.setattr(presets, "cpu_has_bf16", lambda: True)
    assert apply_overrides(preset("cpu-small"), ["bf16=true"]).bf16 is True


def _zero_rl_benchmark():  # type: ignore[no-untyped-def]
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "benchmarks" / "zero_rl_cpu.py"
    spec = importlib.util.spec_from_file_location("zero_rl_cpu_bench", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@pytest.mark.parametrize(("overrides", "gens", "micro"), [
    ([], 8, 16), (["num_generations=4"], 4, 8), (["num-generations = 16"], 16, 32),
    (["num_generations=4", "num_generations=6"], 6, 12),
    (["num_generations=4", "micro_batch=4"], 4, 4),  # the user's own micro_batch wins
])
def test_efficacy_benchmark_micro_batch_follows_num_generations(overrides: list[str], gens: int, micro: int) -> None:
    bench = _zero_rl_benchmark()
    args = bench._parser().parse_args([f"--set={pair}" for pair in overrides] + ["--output", "runs/x"])
    s = bench.settings_for(args)
    assert (s.num_generations, s.prompts_per_step, s.micro_batch) == (gens, 2, micro)
    assert trl_batch_sizes(s, 1)["gradient_accumulation_steps"] == 2 * gens // micro  # no batch error


def test_efficacy_benchmark_bad_override_is_the_project_error() -> None:
    bench = _zero_rl_benchmark()
    args = bench._parser().parse_args(["--set", "num_generations=many"])
    with pytest.raises(ConfigError, match="num_generations='many' is not a valid int"):
        bench.settings_for(args)
