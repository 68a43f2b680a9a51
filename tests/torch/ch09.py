"""Chapter 9's expected outputs: training a tiny GPT. PyTorch is the oracle for every exercise:
F.cross_entropy and autograd (9.2), torch.nn.utils.clip_grad_norm_ (9.3), torch.optim.AdamW over
several steps (9.4), the attention-pattern scores written with tensor indexing and torch.argmax
(9.5-9.7), torch.multinomial on a seeded torch.Generator (9.8), and generation that recomputes
Chapter 8's model (tests/torch/ch08.py) on the whole prefix before every token (9.9).

Read by tests/ch09/ through common/include/wb/expected.hpp; made by make_expected.py.

Integer data (tokens, positions) is stored as float64 tensors of whole numbers.

The chapter program's training oracle (the first losses of each task, the gradients of step 1)
lives in tests/torch/ch09_tasks.py: if that module exists and has store(out), it is called last
and adds its own tensors to this file, under keys of its own ("tasks/...").
"""
import importlib

import torch
import torch.nn.functional as F

from ch08 import Gpt
from wbtorch import F64

NOTE = ("Chapter 9, a tiny GPT; F.cross_entropy, clip_grad_norm_, torch.optim.AdamW, "
        "torch.multinomial and autograd in float64.")


def rand(seed, *shape, low=-1.0, high=1.0):
    torch.manual_seed(seed)
    return low + (high - low) * torch.rand(*shape).double()


def tokens(seed, shape, V):
    torch.manual_seed(seed)
    return torch.randint(0, V, shape)


def as_f64(x):
    return torch.as_tensor(x).to(F64)


def causal_pattern(seed, T, sharpness=1.0):
    """A causal softmax pattern (T, T) from random scores."""
    scores = sharpness * rand(seed, T, T, low=-2.0, high=2.0)
    mask = torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1)
    return torch.softmax(scores.masked_fill(mask, float("-inf")), dim=-1)


# ---- 9.1 next-token pairs ------------------------------------------------------------------------
def pairs_cases(out):
    for name, B, T1 in [("3x6", 3, 6), ("1x2", 1, 2)]:
        batch = tokens(90 + B, (B, T1), 10)
        out[f"pairs/{name}/sequences"] = as_f64(batch)
        out[f"pairs/{name}/inputs"] = as_f64(batch[:, :-1])
        out[f"pairs/{name}/targets"] = as_f64(batch[:, 1:])


# ---- 9.2 sequence cross-entropy ----------------------------------------------------------------
def cross_entropy_case(out, name, logits, targets, counted=None):
    T = logits.shape[0]
    counted = torch.ones(T, dtype=torch.bool) if counted is None else torch.tensor(counted)
    ignored = targets.clone()
    ignored[~counted] = -100  # F.cross_entropy's ignore_index
    z = logits.clone().requires_grad_()
    loss = F.cross_entropy(z, ignored)  # reduction 'mean': over the counted positions
    loss.backward()
    out.update({f"ce/{name}/logits": logits, f"ce/{name}/targets": as_f64(targets),
                f"ce/{name}/counted": as_f64(counted), f"ce/{name}/loss": loss.detach().reshape(1),
                f"ce/{name}/d_logits": z.grad})


def cross_entropy_cases(out):
    cross_entropy_case(out, "5x7", rand(20, 5, 7, low=-3.0, high=3.0), tokens(21, (5,), 7))
    cross_entropy_case(out, "1x4", rand(22, 1, 4, low=-3.0, high=3.0), torch.tensor([2]))
    cross_entropy_case(out, "3x1", rand(23, 3, 1), torch.tensor([0, 0, 0]))
    cross_entropy_case(out, "6x5/counted", rand(24, 6, 5, low=-3.0, high=3.0), tokens(25, (6,), 5),
                       [True, False, True, True, False, True])
    # Logits of 1000: exp(1000) overflows a double; log-softmax does not.
    large = rand(26, 4, 6, low=-5.0, high=5.0)
    large[0, 1], large[0, 3] = 1000.0, 999.0
    large[1, :] = 1000.0
    large[2, 0], large[3, 5] = 1000.0, -1000.0
    cross_entropy_case(out, "large", large, torch.tensor([3, 2, 4, 5]))


# ---- 9.3 gradient clipping ---------------------------------------------------------------------
CLIP_SHAPES = [("a.weight", (3, 4)), ("a.bias", (4,)), ("b.weight", (2, 3))]


def clip_case(out, name, grads, max_norm):
    params = []
    for (tensor_name, _), g in zip(CLIP_SHAPES, grads):
        p = torch.nn.Parameter(torch.zeros_like(g))
        p.grad = g.clone()
        params.append(p)
        out[f"clip/{name}/before/{tensor_name}"] = g.clone()
    total = torch.nn.utils.clip_grad_norm_(params, max_norm)
    for (tensor_name, _), p in zip(CLIP_SHAPES, params):
        out[f"clip/{name}/after/{tensor_name}"] = p.grad.clone()
    out[f"clip/{name}/max_norm"] = torch.tensor([max_norm], dtype=F64)
    out[f"clip/{name}/total"] = total.detach().to(F64).reshape(1)


def clip_cases(out):
    grads = [rand(30 + k, *shape, low=-2.0, high=2.0) for k, (_, shape) in enumerate(CLIP_SHAPES)]
    clip_case(out, "clipped", grads, 1.0)
    clip_case(out, "unclipped", grads, 100.0)
    clip_case(out, "zero_max", grads, 0.0)
    # One tensor alone: a per-tensor clip and a global clip would differ only with several.
    small = [g * 0.01 for g in grads]
    small[0] = grads[0] * 3.0
    clip_case(out, "one_large", small, 1.5)


# ---- 9.4 AdamW -----------------------------------------------------------------------------------
ADAMW_SHAPES = [("w", (3, 4)), ("b", (4,))]
ADAMW_STEPS = 5


def adamw_case(out, name, settings):
    params = [torch.nn.Parameter(rand(40 + k, *shape, low=-2.0, high=2.0))
              for k, (_, shape) in enumerate(ADAMW_SHAPES)]
    for (tensor_name, _), p in zip(ADAMW_SHAPES, params):
        out[f"adamw/{name}/param0/{tensor_name}"] = p.detach().clone()
    optimizer = torch.optim.AdamW(params, **settings)
    for step in range(1, ADAMW_STEPS + 1):
        for k, ((tensor_name, shape), p) in enumerate(zip(ADAMW_SHAPES, params)):
            p.grad = rand(100 * step + k, *shape, low=-1.0, high=1.0)
            out[f"adamw/{name}/grad{step}/{tensor_name}"] = p.grad.clone()
        optimizer.step()
        for (tensor_name, _), p in zip(ADAMW_SHAPES, params):
            out[f"adamw/{name}/param{step}/{tensor_name}"] = p.detach().clone()
    lr, betas, eps, wd = (settings.get("lr", 1e-3), settings.get("betas", (0.9, 0.999)),
                          settings.get("eps", 1e-8), settings.get("weight_decay", 0.01))
    out[f"adamw/{name}/settings"] = torch.tensor([lr, betas[0], betas[1], eps, wd], dtype=F64)


def adamw_cases(out):
    adamw_case(out, "defaults", {})
    adamw_case(out, "strong_decay", dict(lr=0.05, betas=(0.8, 0.95), eps=1e-6, weight_decay=0.3))
    adamw_case(out, "no_decay", dict(lr=0.01, weight_decay=0.0))


# ---- 9.5-9.7 attention patterns -----------------------------------------------------------------
INDUCTION_CASES = [(1, 4, 3), (0, 3, 5), (0, 1, 7), (2, 6, 2)]  # (first, second, length), T = 8


def pattern_cases(out):
    for seed, T in [(50, 8), (51, 2), (52, 5)]:
        w = causal_pattern(seed, T)
        out[f"pattern/{seed}/weights"] = w
        out[f"pattern/{seed}/previous_token"] = w.diagonal(-1).mean().reshape(1)
    w = out["pattern/50/weights"]
    for first, second, length in INDUCTION_CASES:
        i = torch.arange(length)
        score = w[second + i, first + i + 1].mean()
        out[f"induction/50/{first}_{second}_{length}"] = score.reshape(1)
    # Antecedents: seven sentences of different lengths; some antecedents are the argmax.
    lengths = [5, 6, 7, 8, 9, 6, 4]
    pronouns = [4, 3, 6, 7, 5, 5, 3]
    patterns, antecedents = [], []
    for s, (T, p) in enumerate(zip(lengths, pronouns)):
        w = causal_pattern(60 + s, T, sharpness=2.0)
        best = int(torch.argmax(w[p]))
        antecedents.append(best if s % 2 == 0 else (best + 1) % (p + 1))
        patterns.append(w)
    # A tie: the pronoun spreads evenly over its 4 visible tokens; argmax takes the first.
    tie = causal_pattern(70, 4)
    tie[3] = torch.full((4,), 0.25, dtype=F64)
    patterns.append(tie)
    pronouns.append(3)
    antecedents.append(0)
    right = [int(torch.argmax(w[p])) == a for w, p, a in zip(patterns, pronouns, antecedents)]
    for s, w in enumerate(patterns):
        out[f"antecedent/weights/{s}"] = w
    out["antecedent/pronoun"] = as_f64(pronouns)
    out["antecedent/antecedent"] = as_f64(antecedents)
    out["antecedent/accuracy"] = torch.tensor([sum(right) / len(right)], dtype=F64)


# ---- 9.8 sampling ----------------------------------------------------------------------------------
def sample(logits, temperature, k, generator):
    """torch.multinomial over the softmax of the k largest logits / temperature. The k kept are the
    first k of a stable sort by decreasing value (ties to the lower ids); torch.topk keeps k too,
    but does not say which of tied values it keeps."""
    scaled = logits / temperature
    keep = torch.sort(scaled, descending=True, stable=True).indices[:k]
    filtered = torch.full_like(scaled, float("-inf"))
    filtered[keep] = scaled[keep]
    probs = torch.softmax(filtered, dim=-1)
    return int(torch.multinomial(probs, 1, generator=generator))


SAMPLE_DRAWS = 300
SAMPLE_CASES = [("t1_k10", 1.0, 10), ("t0.5_k3", 0.5, 3), ("t2_k1", 2.0, 1), ("t0.7_k10", 0.7, 10),
                ("t3_k6", 3.0, 6)]


def sample_cases(out):
    logits = rand(80, 10, low=-2.0, high=2.0)
    out["sample/logits"] = logits
    for name, temperature, k in SAMPLE_CASES:
        g = torch.Generator().manual_seed(81)
        draws = [sample(logits, temperature, k, g) for _ in range(SAMPLE_DRAWS)]
        out[f"sample/{name}/draws"] = as_f64(draws)
        out[f"sample/{name}/settings"] = torch.tensor([temperature, k], dtype=F64)
    # Ties at the k-th value: tokens 1, 2, 3 and 6 share the 2nd-largest logit; k = 3 keeps 0, 1, 2.
    tied = torch.tensor([4.0, 3.0, 3.0, 3.0, 0.5, -1.0, 3.0, 2.0], dtype=F64)
    out["sample/tied/logits"] = tied
    for k in (3, 2):
        g = torch.Generator().manual_seed(82)
        out[f"sample/tied/k{k}/draws"] = as_f64([sample(tied, 1.5, k, g) for _ in range(SAMPLE_DRAWS)])


# ---- 9.9 generation ---------------------------------------------------------------------------------
GEN = dict(V=11, context=8, d=8, heads=2, layers=2, d_hidden=32)  # Chapter 8's tiny model


def generate(model, prompt, new_tokens, greedy, temperature, k, generator):
    """Recomputes the whole prefix before every token: no cache."""
    seq = list(prompt)
    for _ in range(new_tokens):
        with torch.no_grad():
            logits = model(torch.tensor(seq))[-1]
        seq.append(int(torch.argmax(logits)) if greedy else sample(logits, temperature, k, generator))
    return seq


def generation_cases(out):
    for positions in ("learned", "sinusoidal", "rope"):
        torch.manual_seed(5)
        model = Gpt(GEN["V"], GEN["context"], GEN["d"], GEN["heads"], GEN["layers"], GEN["d_hidden"], positions,
                    "tanh").double()
        prompt = [1, 2, 3]
        with torch.no_grad():
            out[f"generate/{positions}/prompt_logits"] = model(torch.tensor(prompt))
        out[f"generate/{positions}/greedy"] = as_f64(generate(model, prompt, 5, True, 1.0, 1, None))
        g = torch.Generator().manual_seed(9)
        out[f"generate/{positions}/sampled"] = as_f64(generate(model, prompt, 5, False, 0.8, 5, g))
        g = torch.Generator().manual_seed(10)
        out[f"generate/{positions}/sampled_hot"] = as_f64(generate(model, [7], 7, False, 2.0, 11, g))


def tensors() -> dict:
    out = {}
    pairs_cases(out)
    cross_entropy_cases(out)
    clip_cases(out)
    adamw_cases(out)
    pattern_cases(out)
    sample_cases(out)
    generation_cases(out)
    # The chapter program's training oracle, if it is there (see the module's docstring).
    try:
        tasks = importlib.import_module("ch09_tasks")
    except ModuleNotFoundError:
        tasks = None
    if tasks is not None and hasattr(tasks, "store"):
        tasks.store(out)
    return out
