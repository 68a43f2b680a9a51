# docs/listings/ch09_pytorch.py - Chapter 9 in PyTorch: the same tiny GPT, the same data, autograd and AdamW.
# Run: /usr/bin/python3 docs/listings/ch09_pytorch.py [STEPS]   (Debian's python3-torch; default 5 steps)
# CI runs it and checks that every number it prints also appears in ch09_tiny_gpt --steps 5 --task induction's output.
import math
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn

torch.set_num_threads(1)
F64 = torch.float64
SEED, V, T, d, H, LAYERS, D_HIDDEN, B = 1, 32, 16, 32, 2, 2, 64, 16
LR, WARMUP, CLIP = 3e-3, 50, 1.0
STEPS = int(sys.argv[1]) if len(sys.argv) > 1 else 5


def rope(x):                                           # (..., T, hd): pairs (2i, 2i+1) turned by t theta_i
    T, hd = x.shape[-2], x.shape[-1]
    theta = 10000.0 ** (-torch.arange(0, hd, 2, dtype=F64) / hd)
    a = torch.arange(T, dtype=F64)[:, None] * theta    # (T, hd/2)
    x1, x2 = x[..., 0::2], x[..., 1::2]
    return torch.stack([x1 * a.cos() - x2 * a.sin(), x1 * a.sin() + x2 * a.cos()], -1).flatten(-2)


class Block(nn.Module):                                # GPT-2's pre-norm block, Chapter 8's construction order
    def __init__(self):
        super().__init__()
        self.ln_1 = nn.LayerNorm(d)
        self.W_query, self.W_key, self.W_value = (nn.Linear(d, d, bias=False) for _ in range(3))
        self.out_proj = nn.Linear(d, d)
        self.ln_2 = nn.LayerNorm(d)
        self.fc, self.proj = nn.Linear(d, D_HIDDEN), nn.Linear(D_HIDDEN, d)

    def attention(self, a):                            # a (B, T, d) -> weights (B, H, T, T), output (B, T, d)
        Bn, Tn, _ = a.shape
        split = lambda y: y.view(Bn, Tn, H, d // H).transpose(1, 2)          # (B, H, T, hd)
        q, k, v = rope(split(self.W_query(a))), rope(split(self.W_key(a))), split(self.W_value(a))
        scores = q @ k.transpose(-1, -2) / math.sqrt(d // H)
        mask = torch.triu(torch.ones(Tn, Tn, dtype=torch.bool), 1)
        weights = scores.masked_fill(mask, float("-inf")).softmax(-1)
        return weights, self.out_proj((weights @ v).transpose(1, 2).reshape(Bn, Tn, d))

    def forward(self, x):
        x = x + self.attention(self.ln_1(x))[1]
        return x + self.proj(F.gelu(self.fc(self.ln_2(x)), approximate="tanh"))


torch.manual_seed(SEED)                                # gpt_init: tok_emb, then the blocks (RoPE: no pos_emb)
tok_emb = nn.Parameter(torch.empty(V, d).uniform_(-0.1, 0.1))
blocks = nn.ModuleList(Block() for _ in range(LAYERS))
ln_f = nn.LayerNorm(d)
model = nn.ModuleDict(dict(blocks=blocks, ln_f=ln_f)).double()
tok_emb.data = tok_emb.data.double()
params = [tok_emb] + list(model.parameters())


def logits_of(tokens):                                 # (B, T) -> (B, T, V), the head tied to tok_emb
    x = tok_emb[tokens]
    for block in blocks:
        x = block(x)
    return ln_f(x) @ tok_emb.T


def sequence(g):                                       # exercises/ch09/tasks.hpp: induction_sequence
    u = torch.rand(T + 4, generator=g).double().tolist()
    n, pick = T + 1, lambda x, m: min(int(x * m), m - 1)
    L = 6 + pick(u[0], 3)                              # a block of 6 to 8 tokens
    first = pick(u[1], n - 2 * L + 1)
    room = n - L - (first + L)
    second = first + L + pick(u[2], room + 1)          # its copy, somewhere after it
    pool, tokens = list(range(V)), []
    for t in range(n):                                 # every other token distinct
        copy = second <= t < second + L
        tokens.append(tokens[first + t - second] if copy else pool.pop(pick(u[3 + t], len(pool))))
    return tokens


data = torch.Generator().manual_seed(SEED + 1000)
opt = torch.optim.AdamW(params, lr=LR, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01)
print(f"ln V = {math.log(V):.4f}")
start = time.time()
for step in range(1, STEPS + 1):
    batch = torch.tensor([sequence(data) for _ in range(B)])
    inputs, targets = batch[:, :-1], batch[:, 1:]      # next-token pairs (9.1)
    loss = F.cross_entropy(logits_of(inputs).reshape(-1, V), targets.reshape(-1))
    opt.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(params, CLIP)       # 9.3
    for group in opt.param_groups:
        group["lr"] = LR * min(1.0, step / WARMUP)     # linear warmup
    opt.step()                                         # 9.4
    if step <= 5:
        print(f"step {step}: loss {loss.item():.4f}")
    elif step % 200 == 0:
        print(f"step {step}: loss {loss.item():.2f}")
print(f"{(time.time() - start) / STEPS * 1000:.1f} ms a step on one thread")
