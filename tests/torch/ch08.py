"""Chapter 8's expected outputs: the Transformer block from the learner's parts. PyTorch's modules
(nn.LayerNorm, nn.Linear, nn.GELU) and autograd are the oracle for every output and every gradient
the C++ code computes by hand.

Read by tests/ch08/ through common/include/wb/expected.hpp; made by make_expected.py. Weights are
drawn from PyTorch's generator (float32 draws held in float64) by constructing the modules in the
order written here, which is the order exercises/ch08/given_gpt.cpp states (block_init, gpt_init):
W_query, W_key, W_value (bias-free), out_proj, fc, proj per block; LayerNorms draw nothing. The
token and learned position embeddings are uniform_(-0.1, 0.1), drawn before the blocks.
"""
import math

import torch
from torch import nn

from wbtorch import F64

NOTE = "Chapter 8, the Transformer block; nn.LayerNorm, nn.Linear, nn.GELU and autograd in float64."


def rand(seed, *shape, low=-1.0, high=1.0):
    torch.manual_seed(seed)
    return low + (high - low) * torch.rand(*shape).double()


# ---- Positions -------------------------------------------------------------------------------
def sinusoidal(T, d):
    """Vaswani et al. 2017: sin on even columns, cos on odd ones, one frequency per pair."""
    position = torch.arange(T, dtype=F64).unsqueeze(1)             # (T, 1)
    frequency = 10000.0 ** (-torch.arange(0, d, 2, dtype=F64) / d)  # (ceil(d/2))
    angle = position * frequency                                    # (T, ceil(d/2))
    P = torch.zeros(T, d, dtype=F64)
    P[:, 0::2] = torch.sin(angle)
    P[:, 1::2] = torch.cos(angle[:, : d // 2])
    return P


def rope_angles(T, d, first):
    theta = 1.0 / (10000.0 ** (torch.arange(0, d, 2, dtype=F64) / d))  # (d/2)
    m = torch.arange(first, first + T, dtype=F64)                     # (T)
    return torch.outer(m, theta)                                       # (T, d/2)


def rope_adjacent_complex(x, first):
    """Adjacent pairs (2i, 2i+1) as complex numbers times e^(i m theta), as the original Llama code."""
    T, d = x.shape
    z = torch.view_as_complex(x.reshape(T, d // 2, 2).contiguous())
    return torch.view_as_real(z * torch.polar(torch.ones(T, d // 2, dtype=F64), rope_angles(T, d, first))).reshape(T, d)


def rope_adjacent(x, first=0):
    """The same rotation in real arithmetic (autograd-friendly), on the last axis of (..., T, d)."""
    T, d = x.shape[-2], x.shape[-1]
    a = rope_angles(T, d, first)
    x1, x2 = x[..., 0::2], x[..., 1::2]
    return torch.stack([x1 * torch.cos(a) - x2 * torch.sin(a), x1 * torch.sin(a) + x2 * torch.cos(a)], -1).flatten(-2)


def rope_halves(x, first):
    """Pairs (i, i + d/2), as GPT-NeoX and Hugging Face's rotate_half."""
    T, d = x.shape
    a = torch.cat([rope_angles(T, d, first)] * 2, dim=1)  # (T, d)
    rotated = torch.cat([-x[:, d // 2:], x[:, : d // 2]], dim=1)
    return x * torch.cos(a) + rotated * torch.sin(a)


# ---- The modules -------------------------------------------------------------------------------
class Attention(nn.Module):
    def __init__(self, d, heads, rope, device=None):
        super().__init__()
        self.heads, self.rope = heads, rope
        self.W_query = nn.Linear(d, d, bias=False, device=device)
        self.W_key = nn.Linear(d, d, bias=False, device=device)
        self.W_value = nn.Linear(d, d, bias=False, device=device)
        self.out_proj = nn.Linear(d, d, device=device)

    def forward(self, x):
        T, d = x.shape
        H, hd = self.heads, d // self.heads
        q = self.W_query(x).view(T, H, hd).transpose(0, 1)  # (H, T, hd)
        k = self.W_key(x).view(T, H, hd).transpose(0, 1)    # (H, T, hd)
        v = self.W_value(x).view(T, H, hd).transpose(0, 1)  # (H, T, hd)
        if self.rope:
            q, k = rope_adjacent(q), rope_adjacent(k)
        scores = q @ k.transpose(1, 2) / math.sqrt(hd)  # (H, T, T)
        mask = torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1)
        weights = torch.softmax(scores.masked_fill(mask, float("-inf")), dim=-1)
        context = (weights @ v).transpose(0, 1).reshape(T, d)  # (T, d)
        return self.out_proj(context)


class Mlp(nn.Module):
    def __init__(self, d, d_hidden, gelu, device=None):
        super().__init__()
        self.fc = nn.Linear(d, d_hidden, device=device)
        self.gelu = nn.GELU(approximate=gelu)  # "none" (exact, the default) or "tanh"
        self.proj = nn.Linear(d_hidden, d, device=device)

    def forward(self, x):
        return self.proj(self.gelu(self.fc(x)))


class Block(nn.Module):
    """Pre-norm (GPT-2): x + attn(ln_1(x)), then + mlp(ln_2(.))."""

    def __init__(self, d, heads, d_hidden, gelu, rope, device=None):
        super().__init__()
        self.ln_1 = nn.LayerNorm(d, device=device)
        self.attn = Attention(d, heads, rope, device)
        self.ln_2 = nn.LayerNorm(d, device=device)
        self.mlp = Mlp(d, d_hidden, gelu, device)

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))


class Gpt(nn.Module):
    def __init__(self, V, context, d, heads, layers, d_hidden, positions, gelu, tied=True, device=None):
        super().__init__()
        self.positions = positions
        self.tok_emb = nn.Embedding(V, d, _weight=torch.empty(V, d, device=device).uniform_(-0.1, 0.1))
        if positions == "learned":
            self.pos_emb = nn.Embedding(context, d, _weight=torch.empty(context, d, device=device).uniform_(-0.1, 0.1))
        self.blocks = nn.ModuleList(Block(d, heads, d_hidden, gelu, positions == "rope", device) for _ in range(layers))
        self.ln_f = nn.LayerNorm(d, device=device)
        self.head = None if tied else nn.Linear(d, V, bias=False, device=device)

    def forward(self, tokens):
        T, d = tokens.shape[0], self.tok_emb.weight.shape[1]
        x = self.tok_emb(tokens)
        if self.positions == "learned":
            x = x + self.pos_emb(torch.arange(T))
        elif self.positions == "sinusoidal":
            x = x + sinusoidal(T, d)
        for block in self.blocks:
            x = block(x)
        x = self.ln_f(x)
        return x @ self.tok_emb.weight.T if self.head is None else self.head(x)


def store_grads(out, prefix, module):
    for name, p in module.named_parameters():
        out[f"{prefix}/param/{name}"] = p.detach().clone()
        out[f"{prefix}/grad/{name}"] = p.grad.detach().clone()


# ---- The cases -----------------------------------------------------------------------------------
def layer_norm_case(out, name, x, eps, seed):
    N, d = x.shape
    ln = nn.LayerNorm(d, eps=eps).double()
    with torch.no_grad():
        ln.weight.copy_(rand(seed, d, low=0.5, high=1.5))
        ln.bias.copy_(rand(seed + 1, d, low=-0.5, high=0.5))
    xg = x.clone().requires_grad_()
    y = ln(xg)
    d_output = rand(seed + 2, N, d)
    (y * d_output).sum().backward()
    mean = x.mean(dim=1)
    var = x.var(dim=1, unbiased=False)
    out.update({f"{name}/x": x, f"{name}/weight": ln.weight.detach(), f"{name}/bias": ln.bias.detach(),
                f"{name}/eps": torch.tensor([eps], dtype=F64), f"{name}/output": y.detach(),
                f"{name}/mean": mean, f"{name}/rstd": 1.0 / torch.sqrt(var + eps), f"{name}/d_output": d_output,
                f"{name}/d_input": xg.grad, f"{name}/d_weight": ln.weight.grad, f"{name}/d_bias": ln.bias.grad})


def gelu_case(out, name, x, seed):
    d_output = rand(seed, *x.shape)
    for kind in ("none", "tanh"):
        xg = x.clone().requires_grad_()
        y = nn.GELU(approximate=kind)(xg)
        (y * d_output).sum().backward()
        label = "exact" if kind == "none" else "tanh"
        out[f"{name}/{label}/output"], out[f"{name}/{label}/d_input"] = y.detach(), xg.grad
    out[f"{name}/x"], out[f"{name}/d_output"] = x, d_output
    # nn.GELU() with no argument: which one is the default
    out[f"{name}/default/output"] = nn.GELU()(x)


def mlp_case(out, name, seed, N, d, d_hidden, gelu):
    torch.manual_seed(seed)
    mlp = Mlp(d, d_hidden, gelu).double()
    x = rand(seed + 1, N, d, low=-2.0, high=2.0).requires_grad_()
    d_output = rand(seed + 2, N, d)
    y = mlp(x)
    (y * d_output).sum().backward()
    out.update({f"{name}/x": x.detach(), f"{name}/d_output": d_output, f"{name}/output": y.detach(),
                f"{name}/d_input": x.grad})
    store_grads(out, name, mlp)


def block_case(out, name, seed, T, d, heads, d_hidden, gelu, rope):
    """Weights from torch.manual_seed(seed) (the draw order of block_init); LayerNorm weights and
    biases then set from seeds seed + 1 (ln_1) and seed + 2 (ln_2) so they are not 1 and 0."""
    torch.manual_seed(seed)
    block = Block(d, heads, d_hidden, gelu, rope).double()
    with torch.no_grad():
        for k, ln in enumerate((block.ln_1, block.ln_2)):
            ln.weight.copy_(rand(seed + 1 + k, d, low=0.5, high=1.5))
            ln.bias.copy_(rand(seed + 11 + k, d, low=-0.5, high=0.5))
    x = rand(seed + 3, T, d, low=-2.0, high=2.0).requires_grad_()
    d_output = rand(seed + 4, T, d)
    with torch.no_grad():
        residual = x + block.attn(block.ln_1(x))
    y = block(x)
    (y * d_output).sum().backward()
    out.update({f"{name}/x": x.detach(), f"{name}/d_output": d_output, f"{name}/output": y.detach(),
                f"{name}/residual": residual, f"{name}/d_input": x.grad,
                f"{name}/config": torch.tensor([seed, heads, d_hidden, 1.0 if rope else 0.0], dtype=F64)})
    store_grads(out, name, block)


TINY = dict(V=11, context=8, d=8, heads=2, layers=2, d_hidden=32)


def gpt_case(out, name, seed, positions, tokens):
    torch.manual_seed(seed)
    model = Gpt(TINY["V"], TINY["context"], TINY["d"], TINY["heads"], TINY["layers"], TINY["d_hidden"],
                positions, "tanh").double()
    logits = model(torch.tensor(tokens))
    d_logits = rand(seed + 1, len(tokens), TINY["V"])
    (logits * d_logits).sum().backward()
    out.update({f"{name}/tokens": torch.tensor(tokens, dtype=F64), f"{name}/logits": logits.detach(),
                f"{name}/d_logits": d_logits})
    store_grads(out, name, model)
    out[f"{name}/names"] = [n for n, _ in model.named_parameters()]


def count(V, context, d, heads, layers, d_hidden, positions, tied):
    model = Gpt(V, context, d, heads, layers, d_hidden, positions, "tanh", tied, device="meta")
    return torch.tensor([float(sum(p.numel() for p in model.parameters()))], dtype=F64)


def tensors() -> dict:
    out = {}
    # 8.1 sinusoidal positions, even and odd widths
    for T, d in [(6, 8), (5, 7), (3, 2), (4, 1)]:
        out[f"sinusoidal/{T}x{d}"] = sinusoidal(T, d)
    # 8.2 RoPE, both pairings, on the same input
    for T, d, first in [(6, 8, 0), (5, 6, 3), (3, 2, 100)]:
        x = rand(80 + d, T, d)
        out[f"rope/{T}x{d}_from{first}/x"] = x
        out[f"rope/{T}x{d}_from{first}/adjacent"] = rope_adjacent_complex(x, first)
        out[f"rope/{T}x{d}_from{first}/halves"] = rope_halves(x, first)
    # 8.3, 8.4 LayerNorm; one row constant (variance 0), where eps alone keeps rstd finite
    x = rand(30, 5, 6, low=-2.0, high=2.0)
    x[3] = 0.75
    layer_norm_case(out, "layer_norm", x, 1e-5, 31)
    layer_norm_case(out, "layer_norm_eps", rand(33, 4, 3, low=-0.2, high=0.2), 0.1, 34)
    # 8.5, 8.6 GELU, both kinds, from -5 to 5
    gelu_case(out, "gelu", torch.linspace(-5.0, 5.0, 21, dtype=F64).reshape(3, 7), 40)
    # 8.7 the MLP
    mlp_case(out, "mlp", 50, 5, 6, 24, "tanh")
    mlp_case(out, "mlp_exact", 52, 3, 4, 16, "none")
    # 8.8, 8.9 one block: the main case, RoPE, one token and one head, d = 2
    block_case(out, "block/main", 60, 6, 8, 2, 32, "tanh", False)
    block_case(out, "block/rope", 70, 6, 8, 2, 32, "tanh", True)
    block_case(out, "block/exact_one_head_one_token", 80, 1, 4, 1, 16, "none", False)
    block_case(out, "block/d2", 90, 4, 2, 1, 8, "tanh", True)
    # The stack of the given code (tiny: what Chapter 9 trains), three position schemes
    for positions in ("learned", "sinusoidal", "rope"):
        gpt_case(out, f"gpt/{positions}", 123, positions, [3, 1, 4, 1, 5, 9, 2, 6])
    # 8.10 parameter counts
    out["count/gpt2_small_untied"] = count(50257, 1024, 768, 12, 12, 3072, "learned", False)
    out["count/gpt2_small_tied"] = count(50257, 1024, 768, 12, 12, 3072, "learned", True)
    for positions in ("learned", "sinusoidal", "rope"):
        out[f"count/tiny_{positions}"] = count(11, 8, 8, 2, 2, 32, positions, True)
    out["count/no_blocks_untied"] = count(7, 5, 4, 2, 0, 9, "learned", False)
    return out
