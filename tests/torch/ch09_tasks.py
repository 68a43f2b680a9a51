"""Chapter 9's training tasks and training loop in PyTorch: the oracle of the C++ program.

The two tasks' data are drawn exactly as chapters/ch09_tiny_gpt/ draws them, from a generator
torch.Generator().manual_seed(s) (wb::TorchGenerator(s) in C++), one torch.rand float32 word per
uniform, used in the order written below. The model is Chapter 8's Gpt (tests/torch/ch08.py,
the stack of exercises/ch08/given_gpt.cpp) in float64, built after torch.manual_seed(seed) so its
initial weights are gpt_init(config, seed)'s. Training is next-token cross-entropy (mean over the
batch and the positions), gradient clipping by global norm (clip_grad_norm_) and torch.optim.AdamW,
with a linear warmup of the learning rate.

tests/torch/ch09.py imports this file and stores the first losses of each task and the gradients
of step 1 (store()); docs/listings/ch09_pytorch.py trains the same way. Run directly, it trains
the chapter's default configuration and reports the steps to the targets and the time per step:
    nice -n 10 /usr/bin/python3 tests/torch/ch09_tasks.py [--task induction|coreference|fixed]
        [--seed S] [--layers N] [--steps N]
"""
import math
import os
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ch08 import Gpt, rope_adjacent  # noqa: E402  (the stack Chapter 8 gives: same modules, same init order)

F64 = torch.float64


# ---- The configuration of each task (the C++ program's defaults) ---------------------------------
class Config:
    def __init__(self, **kw):
        self.__dict__.update(kw)


def induction_config(**kw):
    c = Config(task="induction", V=32, T=16, d=32, heads=2, layers=2, d_hidden=64, batch=16,
               lr=3e-3, warmup=50, weight_decay=0.01, clip=1.0, steps=1400,
               block_min=6, block_max=8, fixed_offset=0, positions="rope")
    c.__dict__.update(kw)
    return c


def coreference_config(**kw):
    c = Config(task="coreference", V=len(CORE_WORDS), T=14, d=32, heads=2, layers=2, d_hidden=64, batch=16,
               lr=3e-3, warmup=50, weight_decay=0.01, clip=1.0, steps=800, positions="rope")
    c.__dict__.update(kw)
    return c


# ---- Task 1: a random block that repeats (induction) ------------------------------------------------
def pick(pool, u):
    """Take the element at floor(u * len(pool)) out of the pool (order kept): one uniform, no rejection."""
    return pool.pop(min(int(u * len(pool)), len(pool) - 1))


def induction_sequence(g, c):
    """T + 1 tokens: L distinct random tokens (the block) at `first`, again at `second`, every other
    token distinct from all the rest, so a token's earlier occurrence, when it has one, is unique.
    Uses 3 + T + 1 uniforms, always (the unused ones keep every sequence the same length of draws):
      u0 -> L in [block_min, block_max], u1 -> first, u2 -> the gap, then one per token.
    With fixed_offset > 0, the block is always repeated that many positions later (L = fixed_offset)."""
    u = torch.rand(3 + c.T + 1, generator=g).double().tolist()
    n = c.T + 1
    if c.fixed_offset:
        L = c.fixed_offset
        first = min(int(u[1] * (n - 2 * L + 1)), n - 2 * L)
        second = first + L
    else:
        L = c.block_min + min(int(u[0] * (c.block_max - c.block_min + 1)), c.block_max - c.block_min)
        first = min(int(u[1] * (n - 2 * L + 1)), n - 2 * L)  # room for both copies after it
        room = n - L - (first + L)                           # gaps that still fit the second copy
        second = first + L + min(int(u[2] * (room + 1)), room)
    pool = list(range(c.V))
    tokens = [0] * n
    k = 3
    for t in range(n):
        if second <= t < second + L:
            tokens[t] = tokens[first + t - second]
        else:
            tokens[t] = pick(pool, u[k])
        k += 1
    return tokens, (first, second, L)


def induction_batch(g, c):
    seqs, blocks = zip(*(induction_sequence(g, c) for _ in range(c.batch)))
    return torch.tensor(seqs), list(blocks)


def repeat_positions(block):
    """Input positions whose next token is predictable by copying: t in [second, second + L - 2]
    (the token after t's earlier occurrence is first + (t - second) + 1), and their counterparts on
    the first occurrence, [first, first + L - 2]."""
    first, second, L = block
    return list(range(first, first + L - 1)), list(range(second, second + L - 1))


# ---- Task 2: what "it" refers to (coreference) ------------------------------------------------------
SINGULAR = ["cat", "dog", "owl", "fox", "cow", "bee", "hen", "duck",
            "frog", "lion", "wolf", "horse", "goat", "snake", "mouse", "crow"]
PLURAL = ["cats", "dogs", "owls", "foxes", "cows", "bees", "hens", "ducks",
          "frogs", "lions", "wolves", "horses", "goats", "snakes", "mice", "crows"]
PREDICATE = ["purr", "bark", "hoot", "yelp", "moo", "buzz", "cluck", "quack",  # what each kind does,
             "croak", "roar", "howl", "neigh", "bleat", "hiss", "squeak", "caw"]  # for one or many
PRONOUNS = ["it", "they"]
FILLER = ["the", "and", "near", "saw", "then", "here", "today", "slowly"]
CORE_WORDS = SINGULAR + PLURAL + PREDICATE + PRONOUNS + FILLER + ["."]
WORD_ID = {w: i for i, w in enumerate(CORE_WORDS)}
KINDS = len(SINGULAR)


def coreference_sequence(g, c):
    """T + 1 words: filler, one singular and one plural noun of two different kinds (of 16) in
    either order with filler between, then "it" or "they" and what the kind it means does, ".",
    then the other pronoun and what the other kind does, "." (filler may come between and after).
    The predicate depends on the kind only, so only the pronoun's agreement with one of the two
    nouns tells which; both orders and every distance occur. Sixteen kinds make it too hard to
    read the answer out of a mixture of both nouns: the model has to attend to the right one.
    Uses T + 9 uniforms, always: u0 the singular's kind, u1 the plural's (one of the other 15),
    u2 the order, u3 the first pronoun, u4 noun 1's position, u5 noun 2's, u6 the first
    pronoun's, u7 the second's, then one per filler slot (T + 1 of them; a slot holding a word
    leaves its uniform unused). The measurements look at the first pronoun."""
    n = c.T + 1
    u = torch.rand(8 + n, generator=g).double().tolist()
    k1 = min(int(u[0] * KINDS), KINDS - 1)
    others = [k for k in range(KINDS) if k != k1]
    k2 = others[min(int(u[1] * (KINDS - 1)), KINDS - 2)]
    singular_first = u[2] < 0.5
    nouns = [SINGULAR[k1], PLURAL[k2]] if singular_first else [PLURAL[k2], SINGULAR[k1]]
    it = u[3] < 0.5
    # noun 1 in [0, n-10], noun 2 in [noun 1 + 2, n-8], pronoun 1 in [noun 2 + 2, n-6], pronoun 2 in [pronoun 1 + 3, n-3]
    p1 = min(int(u[4] * (n - 9)), n - 10)
    p2 = p1 + 2 + min(int(u[5] * (n - 9 - p1)), n - 10 - p1)
    pp = p2 + 2 + min(int(u[6] * (n - 7 - p2)), n - 8 - p2)
    pq = pp + 3 + min(int(u[7] * (n - 5 - pp)), n - 6 - pp)
    words = [None] * n
    words[p1], words[p2] = nouns
    words[pp], words[pp + 1], words[pp + 2] = ("it", PREDICATE[k1], ".") if it else ("they", PREDICATE[k2], ".")
    words[pq], words[pq + 1], words[pq + 2] = ("they", PREDICATE[k2], ".") if it else ("it", PREDICATE[k1], ".")
    for t in range(n):
        if words[t] is None:
            words[t] = FILLER[min(int(u[8 + t] * len(FILLER)), len(FILLER) - 1)]
    right = p1 if (it == singular_first) else p2
    wrong = p2 if right == p1 else p1
    return [WORD_ID[w] for w in words], (pp, right, wrong)  # first pronoun's position, right noun, wrong noun


def coreference_batch(g, c):
    seqs, infos = zip(*(coreference_sequence(g, c) for _ in range(c.batch)))
    return torch.tensor(seqs), list(infos)


# ---- The model, batched (same parameters as ch08's Gpt, which runs one sequence at a time) ------------
def make_model(c, seed):
    torch.manual_seed(seed)
    return Gpt(c.V, c.T, c.d, c.heads, c.layers, c.d_hidden, c.positions, "tanh").double()


def forward(model, tokens, keep_weights=False):
    """tokens (B, T) -> logits (B, T, V) [, attention weights per layer (B, H, T, T)]."""
    B, T = tokens.shape
    x = model.tok_emb(tokens)                                    # (B, T, d)
    if model.positions == "learned":
        x = x + model.pos_emb(torch.arange(T))
    mask = torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1)
    patterns = []
    for block in model.blocks:
        a = block.ln_1(x)
        H = block.attn.heads
        hd = a.shape[-1] // H
        q = block.attn.W_query(a).view(B, T, H, hd).transpose(1, 2)  # (B, H, T, hd)
        k = block.attn.W_key(a).view(B, T, H, hd).transpose(1, 2)
        v = block.attn.W_value(a).view(B, T, H, hd).transpose(1, 2)
        if model.positions == "rope":
            q, k = rope_adjacent(q), rope_adjacent(k)
        scores = q @ k.transpose(-1, -2) / math.sqrt(hd)             # (B, H, T, T)
        weights = torch.softmax(scores.masked_fill(mask, float("-inf")), dim=-1)
        if keep_weights:
            patterns.append(weights.detach())
        context = (weights @ v).transpose(1, 2).reshape(B, T, -1)    # (B, T, d)
        x = x + block.attn.out_proj(context)
        x = x + block.mlp(block.ln_2(x))
    logits = model.ln_f(x) @ model.tok_emb.weight.T                   # (B, T, V)
    return (logits, patterns) if keep_weights else logits


def make_batch(g, c):
    return induction_batch(g, c) if c.task == "induction" else coreference_batch(g, c)


def data_seed(seed):
    """The data generator's seed: the model's seed + 1000 (training), + 2000 (held out)."""
    return seed + 1000


def oracle_config(task):
    """The oracle's smaller model (a test in the Debug build trains it): the chapter's data, d = 8."""
    make = induction_config if task == "induction" else coreference_config
    return make(d=8, d_hidden=16, batch=2, steps=20)


def store(out):
    """The training oracle tests/ch09/test_training.cpp checks, under "training/<task>/...": the
    first 20 losses of the oracle's model (seed 1), every gradient of step 1 before clipping (and
    the clipped norm's input, the total norm), and the parameters after step 20."""
    for task in ("induction", "coreference"):
        c = oracle_config(task)
        first = {}

        def grab(step, model, total):
            if step == 1:    # before clipping
                for name, p in model.named_parameters():
                    first[name] = p.grad.detach().clone()
            elif step == 0:  # clip_grad_norm_'s total, step 1
                first["norm"] = total
        model, losses = train(c, 1, on_gradient=grab)
        out[f"training/{task}/losses"] = torch.tensor(losses, dtype=F64)
        out[f"training/{task}/grad_norm_1"] = torch.tensor([first.pop("norm")], dtype=F64)
        for name, g in first.items():
            out[f"training/{task}/grad_1/{name}"] = g
        for name, p in model.named_parameters():
            out[f"training/{task}/param_20/{name}"] = p.detach().clone()


def train(c, seed, report=None, every=50, on_gradient=None):
    """Trains one model; calls report(step, model, loss) every `every` steps. Returns the model and losses."""
    model = make_model(c, seed)
    opt = torch.optim.AdamW(model.parameters(), lr=c.lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=c.weight_decay)
    g = torch.Generator().manual_seed(data_seed(seed))
    losses = []
    for step in range(1, c.steps + 1):
        for group in opt.param_groups:
            group["lr"] = c.lr * min(1.0, step / c.warmup)
        seqs, _ = make_batch(g, c)
        inputs, targets = seqs[:, :-1], seqs[:, 1:]
        logits = forward(model, inputs)
        loss = F.cross_entropy(logits.reshape(-1, c.V), targets.reshape(-1))
        opt.zero_grad()
        loss.backward()
        if on_gradient:
            on_gradient(step, model, None)
        total = torch.nn.utils.clip_grad_norm_(model.parameters(), c.clip)
        if on_gradient and step == 1:
            on_gradient(0, model, total.item())
        opt.step()
        losses.append(loss.item())
        if report and (step % every == 0 or step == c.steps):
            report(step, model, loss.item())
    return model, losses


# ---- Measurements --------------------------------------------------------------------------------------
@torch.no_grad()
def induction_eval(model, c, seed, n=64):
    """On n held-out sequences: loss on the first and on the repeated occurrence, and per head
    (layer, head) the previous-token score and the induction score."""
    g = torch.Generator().manual_seed(seed + 2000)
    saved = c.batch
    c.batch = n
    seqs, blocks = induction_batch(g, c)
    c.batch = saved
    inputs, targets = seqs[:, :-1], seqs[:, 1:]
    logits, patterns = forward(model, inputs, keep_weights=True)
    nll = F.cross_entropy(logits.reshape(-1, c.V), targets.reshape(-1), reduction="none").view(n, -1)
    first_loss, repeat_loss, cnt = 0.0, 0.0, 0
    for b, block in enumerate(blocks):
        f, r = repeat_positions(block)
        first_loss += nll[b, f].sum().item()
        repeat_loss += nll[b, r].sum().item()
        cnt += len(r)
    heads = []
    T = c.T
    for layer, w in enumerate(patterns):  # (n, H, T, T)
        for h in range(w.shape[1]):
            prev = w[:, h, torch.arange(1, T), torch.arange(0, T - 1)].mean().item()
            ind, m = 0.0, 0
            for b, (first, second, L) in enumerate(blocks):
                for i in range(1, L):      # repeat token second + i - 1 ... -> first + i
                    ind += w[b, h, second + i - 1, first + i].item()
                    m += 1
            heads.append((layer, h, prev, ind / m))
    return first_loss / cnt, repeat_loss / cnt, heads


@torch.no_grad()
def coreference_eval(model, c, seed, n=200):
    """Per head, how often the pronoun's strongest attention lands on the right noun (argmax over
    all positions it sees), and the next-word accuracy after the pronoun, on n held-out sentences."""
    g = torch.Generator().manual_seed(seed + 2000)
    saved = c.batch
    c.batch = n
    seqs, infos = coreference_batch(g, c)
    c.batch = saved
    inputs, targets = seqs[:, :-1], seqs[:, 1:]
    logits, patterns = forward(model, inputs, keep_weights=True)
    pron = torch.tensor([i[0] for i in infos])
    right = torch.tensor([i[1] for i in infos])
    b = torch.arange(n)
    predicted = logits[b, pron].argmax(-1)
    accuracy = (predicted == targets[b, pron]).double().mean().item()
    heads = []
    for layer, w in enumerate(patterns):
        for h in range(w.shape[1]):
            rows = w[b, h, pron]  # (n, T)
            wrong = torch.tensor([i[2] for i in infos])
            heads.append((layer, h, (rows[b, right] > rows[b, wrong]).double().mean().item(),
                          (rows.argmax(-1) == right).double().mean().item()))
    return accuracy, heads


def fixed_offset_demo(seed, offset=6, steps=300):
    """The program's step 4, last part: a one-layer model trained on blocks of `offset` tokens that
    always repeat at once, measured on such sequences and on the chapter's (the block anywhere)."""
    c = induction_config(layers=1, steps=steps, fixed_offset=offset)
    model, _ = train(c, seed)
    _, fixed_repeat, fixed_heads = induction_eval(model, c, seed)
    _, moved_repeat, moved_heads = induction_eval(model, induction_config(layers=1), seed)
    print(f"repeated {offset} later (trained): repeat loss {fixed_repeat:.2f}, best induction "
          f"{max(h[3] for h in fixed_heads):.2f}; anywhere: repeat loss {moved_repeat:.2f}, best induction "
          f"{max(h[3] for h in moved_heads):.2f}")


def main():
    import argparse
    p = argparse.ArgumentParser()
    p.add_argument("--task", default="induction")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--every", type=int, default=50)
    p.add_argument("--set", nargs="*", default=[], help="key=value overrides of the config")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--time", type=int, default=0, help="only time this many training steps")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    if a.task == "fixed":
        fixed_offset_demo(a.seed)
        return
    kw = {}
    for s in a.set:
        k, v = s.split("=")
        kw[k] = v if k == "positions" else float(v) if "." in v or "e" in v else int(v)
    c = induction_config(**kw) if a.task == "induction" else coreference_config(**kw)
    if a.time:
        c.steps = a.time
        start = time.time()
        train(c, a.seed)
        print(f"{c.task}: {(time.time() - start) / c.steps * 1000:.1f} ms a step, {a.threads} thread(s), "
              f"{c.layers} layers")
        return
    start = time.time()
    reached = [None]

    def report(step, model, loss):
        if c.task == "induction":
            fl, rl, heads = induction_eval(model, c, a.seed)
            best_prev = max(h[2] for h in heads)
            best_ind = max(h[3] for h in heads)
            ok = best_ind >= 0.5 and rl < math.log(c.V) / 4
            if ok and reached[0] is None:
                reached[0] = (step, time.time() - start)
            print(f"{step:5d} loss {loss:.3f} first {fl:.3f} repeat {rl:.3f} prev {best_prev:.2f} "
                  f"ind {best_ind:.2f} {'OK' if ok else ''} {time.time() - start:.1f}s", flush=True)
        else:
            acc, heads = coreference_eval(model, c, a.seed)
            best = max(h[2] for h in heads)
            ok = best >= 0.9 and acc >= 0.95
            if ok and reached[0] is None:
                reached[0] = (step, time.time() - start)
            print(f"{step:5d} loss {loss:.3f} acc {acc:.3f} best head {best:.2f} "
                  f"{' '.join(f'{x[2]:.2f}' for x in heads)} {'OK' if ok else ''} {time.time() - start:.1f}s",
                  flush=True)

    report(0, make_model(c, a.seed), float("nan"))
    model, losses = train(c, a.seed, report, a.every)
    el = time.time() - start
    print(f"reached {reached[0]}; {el / c.steps * 1000:.1f} ms/step (incl. evals)")


if __name__ == "__main__":
    main()
