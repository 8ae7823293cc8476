"""GRPO settings: the ``paper`` and ``cpu-small`` presets, overrides, and the mapping onto TRL.

Batch sizes are stated the way the paper's verl script states them, in prompts:

- ``prompts_per_step``  = verl ``data.train_batch_size`` (prompts per rollout);
- ``mini_batch_prompts`` = verl ``actor.ppo_mini_batch_size`` (prompts per optimizer update);
- ``micro_batch``        = verl ``actor.ppo_micro_batch_size_per_gpu`` (completions per forward).

:func:`trl_config_kwargs` turns them into TRL's ``per_device_train_batch_size``,
``gradient_accumulation_steps`` and ``generation_batch_size`` for a given number of processes.
Where TRL and verl differ in meaning, docs/training.md says so, item by item.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field, fields
from typing import Any, get_type_hints

from general_reasoner.errors import ConfigError, did_you_mean

PRESETS = ("paper", "cpu-small")
DIFFICULTIES = ("easy", "medium", "hard")


@dataclass(frozen=True)
class GRPOSettings:
    """Everything a GRPO run needs; presets fill it, ``--set key=value`` overrides any field."""

    model: str | None = None
    data: str = "bundled"
    output: str = "runs/grpo"
    preset: str = "cpu-small"
    verifier: str = "rule"                # rule | model | hybrid
    verifier_model: str | None = None     # the judge for model/hybrid
    verifier_url: str | None = None       # an OpenAI-compatible server for the judge
    # Batch sizes, verl-style (see module docstring).
    prompts_per_step: int = 2
    mini_batch_prompts: int = 2
    micro_batch: int = 8
    num_generations: int = 4
    max_prompt_length: int = 512          # longer prompts are dropped (verl filter_overlong_prompts)
    difficulties: tuple[str, ...] = ()    # train only on these difficulties (empty: all); validation uses all
    max_completion_length: int = 96
    temperature: float = 1.0
    top_p: float = 1.0
    # Optimisation.
    learning_rate: float = 2e-5
    lr_scheduler_type: str = "constant"
    warmup_steps: float = 0       # int: steps; float in [0, 1): fraction of the run
    weight_decay: float = 0.0
    max_grad_norm: float = 1.0
    beta: float = 1e-4                    # KL coefficient (k3 estimator, in the loss)
    epsilon: float = 0.2                  # PPO clip ratio (lower)
    epsilon_high: float | None = None     # upper clip ratio (None: same as epsilon)
    loss_type: str = "dapo"               # token-mean over the accumulated batch
    scale_rewards: str = "group"          # (r - mean) / std within each group, as verl's GRPO
    entropy_coef: float = 0.0
    use_bias_correction_kl: bool = False  # verl's low_var_kl has no importance-ratio weighting
    # Length of the run, logging, checkpoints, validation.
    max_steps: int = 8
    num_train_epochs: float = 1.0         # used only when max_steps <= 0
    max_train_minutes: float = 0.0        # stop after the step that crosses this wall time (0: no limit)
    logging_steps: int = 1
    save_steps: int = 4
    save_total_limit: int | None = 2
    eval_steps: int = 0                   # validation every N steps (0: only before and after)
    val_limit: int | None = 48            # held-out items per validation (None: the whole split)
    val_max_new_tokens: int = 128
    val_batch_size: int = 16
    seed: int = 0
    # Hardware and scale-out.
    use_cpu: bool = True
    num_threads: int = 0                  # torch CPU threads (0: torch's default; -1: 1 on a busy CPU, else all)
    bf16: bool | None = False             # bf16 autocast; None: auto (where the device computes bf16 natively)
    gradient_checkpointing: bool = False
    use_vllm: bool = False
    vllm_mode: str = "colocate"           # colocate | server
    vllm_server_base_url: str | None = None
    vllm_tensor_parallel_size: int = 1
    vllm_gpu_memory_utilization: float = 0.3
    report_to: tuple[str, ...] = ("tensorboard",)
    # Reward (the paper's values unless overridden).
    reward_no_answer: float = -0.5
    reward_correct: float = 1.0
    reward_incorrect: float = 0.0
    length_penalty: float = 0.05
    length_cap: int = 10
    notes: tuple[str, ...] = field(default=(), compare=False)

    def replace(self, **changes: Any) -> GRPOSettings:
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


# The paper's verl script (TIGER-AI-Lab/General-Reasoner, train_general_reasoner.sh, Qwen2.5-7B on
# webinstruct-verified, 8 GPUs per node): train_batch_size 1024, ppo_mini_batch_size 256,
# ppo_micro_batch_size_per_gpu 8, rollout.n 8, temperature 1.0, lr 5e-7, clip_ratio 0.3,
# use_kl_loss with kl_loss_coef 1e-4 and kl_loss_type low_var_kl, entropy_coeff 1e-3,
# max_prompt_length 1024, max_response_length 8192, total_epochs 30, save_freq 20, test_freq 5,
# gradient checkpointing, vLLM rollout with tensor parallel 2 and gpu_memory_utilization 0.6.
_PAPER = dict(
    preset="paper", prompts_per_step=1024, mini_batch_prompts=256, micro_batch=8, num_generations=8,
    max_prompt_length=1024, max_completion_length=8192, temperature=1.0, top_p=1.0,
    learning_rate=5e-7, lr_scheduler_type="constant", warmup_steps=0, weight_decay=0.01, max_grad_norm=1.0,
    beta=1e-4, epsilon=0.3, epsilon_high=None, loss_type="dapo", scale_rewards="group", entropy_coef=1e-3,
    use_bias_correction_kl=False,
    max_steps=-1, num_train_epochs=30.0,
    # verl counts one step per rollout (= 4 optimizer updates here); TRL counts optimizer updates.
    save_steps=80, eval_steps=20, save_total_limit=None, val_limit=None, val_max_new_tokens=8192,
    val_batch_size=64, logging_steps=1,
    use_cpu=False, bf16=True, gradient_checkpointing=True,
    use_vllm=True, vllm_mode="colocate", vllm_tensor_parallel_size=2, vllm_gpu_memory_utilization=0.6,
    notes=("verl step = 1 rollout of 1024 prompts = 4 TRL optimizer steps; save/eval steps are scaled x4",),
)

# The embedded 135M model on 2 CPU cores, tuned for signal per CPU-second (evidence in
# docs/results/zero_rl_cpu.md, where each of these was one 30-40-step run on the 196 held-out items):
# - num_generations 8 (the paper's): the base model gives no extractable answer in ~80% of its
#   samples, and a group whose 8 rewards are equal has zero advantage; 8 samples leave far fewer
#   such groups than 4 (0.9^8 = 43% vs 0.9^4 = 66% at a 90% no-answer rate).
# - temperature 0.7: at the paper's 1.0 the 135M model's samples are mostly off-topic text; 0.7
#   keeps the group diverse enough for an advantage while most samples stay on the question.
# - max_completion_length 96: the policy is rewarded for an answer within 96 tokens and so learns to
#   close within the 128-token held-out budget; it also makes a step ~25% cheaper than 128.
# - learning_rate 2e-5, cosine to 0: the paper's 5e-7 is tuned for 7B-14B models over hundreds of
#   steps with 2048-completion updates; a 135M model over tens of 16-completion steps needs a
#   full-fine-tuning rate. A constant 5e-5 peaked mid-run and then drifted (accuracy at step 15 of
#   30: 6.6%, at step 30: 3.6%); decaying it kept the gains. At 5e-5 with beta 0.04 the policy
#   learned the answer format but lost arithmetic (KL 0.3-0.8; `26 + 24 = 48`); 2e-5 with beta 0.1
#   kept KL near 0.1 and gave the two best runs (final5, final6: +3.1 and +6.1 points re-graded).
# - beta 0.1 (k3 KL, in the loss): keeps the policy near the base model as the format reward pulls
#   it; the paper's 1e-4 has no measurable effect over tens of steps.
# - prompts_per_step 1 (8 completions), micro_batch 8: one group per update, in one forward/backward.
#   A step of 8 completions took 15-28 s (median ~20 s) with bf16 against 32-54 s (median 44-45 s) for
#   2 prompts x 8; decoding 8 sequences costs about half of 16, so per prompt it is no slower. Over the
#   same 92 prompts it gained less (final8: +2.0 [-1.5, +5.6] against final7's +6.1 [+2.0, +10.2], one
#   seed each; docs/results/zero_rl_cpu.md), so benchmarks/zero_rl_cpu.py runs 2 prompts per step.
# - bf16 None (auto): bf16 autocast for the training passes where the CPU computes bf16 natively
#   (AVX512-BF16, AMX; fp32 elsewhere). On a 2-core AMD EPYC with AVX512-BF16 a forward+backward of
#   16x250 tokens took 13.0 s against 30.7 s in fp32, and a GRPO step of 2 prompts x 8 44-45 s median
#   against 63-66 s over the benchmark's runs (generation, ~18 s of the step, stays fp32: see
#   docs/results/zero_rl_cpu.md). The weights and the optimizer stay fp32; held-out evaluation is fp32.
_CPU_SMALL = dict(
    preset="cpu-small", prompts_per_step=1, mini_batch_prompts=1, micro_batch=8, num_generations=8,
    max_prompt_length=512, max_completion_length=96, temperature=0.7, learning_rate=2e-5,
    lr_scheduler_type="cosine", beta=0.1, epsilon=0.2,
    max_steps=8, save_steps=4, eval_steps=0, val_limit=48, val_max_new_tokens=128, val_batch_size=32,
    use_cpu=True, bf16=None, gradient_checkpointing=False, use_vllm=False,
)

_PRESET_VALUES: dict[str, dict[str, Any]] = {"paper": _PAPER, "cpu-small": _CPU_SMALL}


def preset(name: str) -> GRPOSettings:
    """The settings of a named preset."""
    if name not in _PRESET_VALUES:
        raise ConfigError(f"Unknown preset {name!r}.{did_you_mean(name, PRESETS)} Choose one of: "
                          f"{', '.join(PRESETS)}.")
    return GRPOSettings(**_PRESET_VALUES[name])


def _convert(name: str, text: str, hint: Any) -> Any:
    """Parse an override's text by the field's declared type (no eval)."""
    kinds = hint.__name__ if isinstance(hint, type) else str(hint)  # "int", "float | None", ...
    if text.lower() in ("none", "null") and "None" in kinds:
        return None
    try:
        if "tuple" in kinds:
            return tuple(p.strip() for p in text.split(",") if p.strip())
        if "bool" in kinds:
            low = text.lower()
            if low in ("1", "true", "yes", "on"):
                return True
            if low in ("0", "false", "no", "off"):
                return False
            raise ValueError(text)
        if "int" in kinds and "float" not in kinds:
            return int(text)
        if "float" in kinds:
            return float(text)
    except ValueError:
        raise ConfigError(f"Setting {name}={text!r} is not a valid {kinds}. "
                          f"Fix the value after '{name}='.") from None
    return text


def apply_overrides(settings: GRPOSettings, pairs: list[str] | dict[str, Any]) -> GRPOSettings:
    """Apply ``key=value`` strings (or a dict of typed values) to ``settings``."""
    hints = get_type_hints(GRPOSettings)
    names = [f.name for f in fields(GRPOSettings) if f.name != "notes"]
    changes: dict[str, Any] = {}
    items = pairs.items() if isinstance(pairs, dict) else [_split(p) for p in pairs]
    for key, value in items:
        key = key.strip().replace("-", "_")
        if key not in names:
            raise ConfigError(f"Unknown setting {key!r}.{did_you_mean(key, names)} "
                              f"See 'general-reasoner train grpo --dry-run' for all settings.")
        changes[key] = _convert(key, value, hints[key]) if isinstance(value, str) else value
    return validate(settings.replace(**changes))


def _split(pair: str) -> tuple[str, str]:
    if "=" not in pair:
        raise ConfigError(f"Override {pair!r} is not key=value (e.g. --set learning_rate=1e-5).")
    key, value = pair.split("=", 1)
    return key, value


def world_size() -> int:
    """Processes in this run (accelerate/torchrun set WORLD_SIZE)."""
    try:
        return max(1, int(os.environ.get("WORLD_SIZE", "1")))
    except ValueError:
        return 1


def validate(s: GRPOSettings) -> GRPOSettings:
    from general_reasoner.errors import check_choice

    check_choice("verifier mode", s.verifier, ("rule", "model", "hybrid"))
    check_choice("loss_type", s.loss_type, ("grpo", "dr_grpo", "dapo", "bnpo", "cispo", "sapo"))
    check_choice("vllm_mode", s.vllm_mode, ("colocate", "server"))
    for level in s.difficulties:
        check_choice("difficulty", level, DIFFICULTIES)
    for name in ("prompts_per_step", "mini_batch_prompts", "micro_batch", "num_generations",
                 "max_completion_length", "logging_steps"):
        if getattr(s, name) < 1:
            raise ConfigError(f"{name} must be at least 1, got {getattr(s, name)}.")
    if s.num_generations < 2:
        raise ConfigError(f"num_generations must be at least 2 for group-relative advantages, got "
                          f"{s.num_generations}.")
    if s.prompts_per_step % s.mini_batch_prompts:
        raise ConfigError(f"prompts_per_step ({s.prompts_per_step}) must be a multiple of mini_batch_prompts "
                          f"({s.mini_batch_prompts}).")
    if s.verifier != "rule" and not (s.verifier_model or s.verifier_url):
        raise ConfigError(f"Verifier mode {s.verifier!r} needs a judge: set verifier_model=MODEL "
                          f"(and/or verifier_url=URL).")
    if s.bf16 is None:
        s = s.replace(bf16=bf16_for(s))
    if s.use_cpu and s.bf16 and not cpu_has_bf16():
        raise ConfigError("bf16 on this CPU is emulated (no AVX512-BF16 or AMX): slower than fp32. Set "
                          "bf16=false with use_cpu=true.")
    return s


def bf16_for(s: GRPOSettings) -> bool:
    """The settings' bf16; ``None`` (auto): bf16 autocast where the device computes it natively, else
    full precision."""
    if s.bf16 is not None:
        return s.bf16
    if s.use_cpu:
        return cpu_has_bf16()
    try:
        import torch

        return bool(torch.cuda.is_available() and torch.cuda.is_bf16_supported())
    except (ImportError, RuntimeError):
        return False


def cpu_has_bf16() -> bool:
    """Whether this CPU computes bfloat16 natively (AVX512-BF16 or AMX), as oneDNN sees it."""
    try:
        import torch

        return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (ImportError, AttributeError, RuntimeError):
        return False


def trl_batch_sizes(s: GRPOSettings, processes: int | None = None) -> dict[str, int]:
    """TRL's batch arguments for the verl-style sizes, on ``processes`` processes."""
    w = processes or world_size()
    per_update = s.mini_batch_prompts * s.num_generations
    if per_update % (s.micro_batch * w):
        raise ConfigError(f"One update holds mini_batch_prompts x num_generations = {per_update} completions, "
                          f"not a multiple of micro_batch x processes = {s.micro_batch} x {w}. Change "
                          f"micro_batch or mini_batch_prompts.")
    return {"per_device_train_batch_size": s.micro_batch,
            "gradient_accumulation_steps": per_update // (s.micro_batch * w),
            "generation_batch_size": s.prompts_per_step * s.num_generations}


def trl_config_kwargs(s: GRPOSettings, processes: int | None = None) -> dict[str, Any]:
    """Keyword arguments for ``trl.GRPOConfig`` (pure data: no TRL import)."""
    kwargs: dict[str, Any] = dict(
        output_dir=s.output, seed=s.seed, data_seed=s.seed,
        learning_rate=s.learning_rate, lr_scheduler_type=s.lr_scheduler_type, warmup_steps=s.warmup_steps,
        weight_decay=s.weight_decay, max_grad_norm=s.max_grad_norm,
        num_generations=s.num_generations, max_completion_length=s.max_completion_length,
        temperature=s.temperature, top_p=s.top_p,
        beta=s.beta, epsilon=s.epsilon, epsilon_high=s.epsilon_high, loss_type=s.loss_type,
        scale_rewards=s.scale_rewards, entropy_coef=s.entropy_coef, num_iterations=1,
        use_bias_correction_kl=s.use_bias_correction_kl,
        max_steps=s.max_steps if s.max_steps > 0 else -1, num_train_epochs=s.num_train_epochs,
        logging_steps=s.logging_steps, save_strategy="steps", save_steps=max(1, s.save_steps),
        save_total_limit=s.save_total_limit, eval_strategy="no",
        use_cpu=s.use_cpu, bf16=bf16_for(s), fp16=False, gradient_checkpointing=s.gradient_checkpointing,
        use_vllm=s.use_vllm, report_to=list(s.report_to),
        remove_unused_columns=False, shuffle_dataset=True, disable_tqdm=False,
    )
    kwargs.update(trl_batch_sizes(s, processes))
    if s.use_vllm:
        kwargs.update(vllm_mode=s.vllm_mode, vllm_tensor_parallel_size=s.vllm_tensor_parallel_size,
                      vllm_gpu_memory_utilization=s.vllm_gpu_memory_utilization)
        if s.vllm_server_base_url:
            kwargs["vllm_server_base_url"] = s.vllm_server_base_url
    return kwargs


def resolve(preset_name: str = "cpu-small", overrides: list[str] | dict[str, Any] | None = None,
            **explicit: Any) -> GRPOSettings:
    """A preset, then explicit keyword settings (CLI flags), then ``key=value`` overrides."""
    settings = preset(preset_name)
    explicit = {k: v for k, v in explicit.items() if v is not None}
    if explicit:
        settings = apply_overrides(settings, explicit)
    return apply_overrides(settings, overrides or [])
