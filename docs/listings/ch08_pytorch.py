# docs/listings/ch08_pytorch.py - Chapter 8 in PyTorch: the same block, from nn.LayerNorm, nn.Linear, nn.GELU.
# Run: /usr/bin/python3 docs/listings/ch08_pytorch.py   (Debian's python3-torch)
# CI runs it and checks that every number it prints also appears in ch08_transformer_block's output.
import math

import torch
from torch import nn

torch.set_printoptions(precision=4, sci_mode=False)
F64 = torch.float64
SEED, d = 123, 8


def rand(*shape, scale=2.0, shift=-1.0):               # torch.rand in float32, held exactly in float64
    return torch.rand(*shape).double() * scale + shift


def linear(d_in, d_out, bias=True):                    # nn.Linear's own initialisation, then float64
    return nn.Linear(d_in, d_out, bias=bias).double()


def sinusoidal(T, d):                                  # Vaswani et al. 2017 (exercise 8.1)
    t = torch.arange(T, dtype=F64)[:, None]
    omega = 10000.0 ** (-torch.arange(0, d, 2, dtype=F64) / d)
    P = torch.zeros(T, d, dtype=F64)
    P[:, 0::2], P[:, 1::2] = torch.sin(t * omega), torch.cos(t * omega)
    return P


def rope_adjacent(x, first=0):                         # pairs (2i, 2i+1), as the original Llama code:
    T, hd = x.shape                                    # each pair is one complex number, times e^(i m theta)
    theta = 10000.0 ** (-torch.arange(0, hd, 2, dtype=F64) / hd)
    angle = torch.arange(first, first + T, dtype=F64)[:, None] * theta
    z = torch.view_as_complex(x.reshape(T, hd // 2, 2).contiguous()) * torch.polar(torch.ones_like(angle), angle)
    return torch.view_as_real(z).reshape(T, hd)


def rope_halves(x, first=0):                           # pairs (i, i + hd/2), as GPT-NeoX and Hugging Face
    T, hd = x.shape
    theta = 10000.0 ** (-torch.arange(0, hd, 2, dtype=F64) / hd)
    angle = torch.arange(first, first + T, dtype=F64)[:, None] * theta
    cos, sin = torch.cos(angle).repeat(1, 2), torch.sin(angle).repeat(1, 2)
    rotate_half = torch.cat([-x[:, hd // 2:], x[:, :hd // 2]], dim=1)
    return x * cos + rotate_half * sin


# Step 1: "dog bites man" and "man bites dog", one unmasked head, four ways of giving positions.
torch.manual_seed(SEED)
embedding = torch.rand(3, d).double()                  # dog, bites, man
torch.manual_seed(SEED + 1)
W_q, W_k, W_v = (linear(d, d, bias=False) for _ in range(3))
learned = rand(3, d)                                   # stands in for a trained position table
with torch.no_grad():
    for scheme in ["none", "learned", "sinusoidal", "rope"]:
        outputs = []
        for order in [[0, 1, 2], [2, 1, 0]]:
            x = embedding[order] + {"learned": learned, "sinusoidal": sinusoidal(3, d)}.get(scheme, 0)
            q, k, v = W_q(x), W_k(x), W_v(x)
            if scheme == "rope":
                q, k = rope_adjacent(q), rope_adjacent(k)
            outputs.append(torch.softmax(q @ k.T / math.sqrt(d), dim=-1) @ v)
        print(f"dog, {scheme}:", outputs[0][0], outputs[1][2], sep="\n")
print("sinusoidal positions (6, 8)\n", sinusoidal(6, d))

# RoPE's relative property, and the two pairings.
torch.manual_seed(SEED + 2)
q, k = rand(2, d)
for m, n in [(3, 1), (10, 8), (100, 98), (3, 2)]:
    adjacent = rope_adjacent(q[None], m) @ rope_adjacent(k[None], n).T
    halves = rope_halves(q[None], m) @ rope_halves(k[None], n).T
    print(f"(m, n) = ({m}, {n}): adjacent {adjacent.item():.4f}, halves {halves.item():.4f}")
x = rand(4, d)
Wq, Wk = linear(d, d, bias=False).weight.detach(), linear(d, d, bias=False).weight.detach()


def head0_scores(Wq, Wk, rope):
    q, k = rope((x @ Wq.T)[:, :4]), rope((x @ Wk.T)[:, :4])         # head 0: columns 0..3, hd = 4
    return q @ k.T / 2.0


order = [0, 2, 1, 3, 4, 6, 5, 7]                       # each head's even rows, then its odd rows
print("adjacent\n", head0_scores(Wq, Wk, rope_adjacent))
print("halves, same weights\n", head0_scores(Wq, Wk, rope_halves))
print("halves, permuted weights\n", head0_scores(Wq[order], Wk[order], rope_halves))

# Step 2: nn.LayerNorm and autograd.
torch.manual_seed(SEED + 3)
x = rand(4, d, scale=4.0, shift=-2.0).requires_grad_()
ln = nn.LayerNorm(d).double()
with torch.no_grad():
    ln.weight.copy_(torch.rand(d).double() + 0.5)
    ln.bias.copy_(torch.rand(d).double() - 0.5)
d_output = rand(4, d)
out = ln(x)
(out * d_output).sum().backward()
print("LayerNorm output\n", out.detach())
print("mean", x.detach().mean(1), "rstd", 1 / torch.sqrt(x.detach().var(1, unbiased=False) + 1e-5))
print("d_input\n", x.grad, "\nd_weight", ln.weight.grad, "\nd_bias", ln.bias.grad)

# Step 3: both GELUs and their derivatives, then the MLP.
points = torch.tensor([-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0], dtype=F64, requires_grad=True)
for gelu in [nn.GELU(), nn.GELU(approximate="tanh")]:
    y = gelu(points)
    (slope,) = torch.autograd.grad(y.sum(), points)
    print(gelu, y.detach(), slope, sep="\n")
torch.manual_seed(SEED + 4)
mlp = nn.Sequential(linear(d, 4 * d), nn.GELU(approximate="tanh"), linear(4 * d, d))
x = rand(4, d).requires_grad_()
d_output = rand(4, d)
out = mlp(x)
(out * d_output).sum().backward()
print("mlp(x)\n", out.detach(), "\nd_input\n", x.grad)


# Step 4: GPT-2's pre-norm block. Constructing it draws W_query, W_key, W_value, out_proj, fc, proj.
class Attention(nn.Module):
    def __init__(self, d, heads, rope):
        super().__init__()
        self.W_query, self.W_key, self.W_value = (linear(d, d, bias=False) for _ in range(3))
        self.out_proj = linear(d, d)
        self.heads, self.rope = heads, rope

    def forward(self, x):                              # x (T, d)
        T, d = x.shape
        hd = d // self.heads
        causal = torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1)
        q, k, v = self.W_query(x), self.W_key(x), self.W_value(x)
        self.weights, context = [], []
        for h in range(self.heads):
            qh, kh, vh = (t[:, h * hd:(h + 1) * hd] for t in (q, k, v))       # (T, hd)
            if self.rope:
                qh, kh = rope_adjacent(qh), rope_adjacent(kh)
            w = torch.softmax((qh @ kh.T / math.sqrt(hd)).masked_fill(causal, -math.inf), dim=-1)
            self.weights.append(w)
            context.append(w @ vh)
        return self.out_proj(torch.cat(context, dim=1))


class MLP(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.fc, self.gelu, self.proj = linear(d, 4 * d), nn.GELU(approximate="tanh"), linear(4 * d, d)

    def forward(self, x):
        return self.proj(self.gelu(self.fc(x)))


class Block(nn.Module):
    def __init__(self, d, heads, rope=False):
        super().__init__()
        self.ln_1, self.attn = nn.LayerNorm(d).double(), Attention(d, heads, rope)
        self.ln_2, self.mlp = nn.LayerNorm(d).double(), MLP(d)

    def forward(self, x):
        h = x + self.attn(self.ln_1(x))                # the residual adds around each sub-layer
        return h + self.mlp(self.ln_2(h))


torch.manual_seed(SEED + 5)
block = Block(d, heads=2)
x = rand(5, d).requires_grad_()
d_output = rand(5, d)
y = block(x)
(y * d_output).sum().backward()
print("y\n", y.detach(), "\nd_x\n", x.grad)
for name, p in block.named_parameters():
    print(f"{name:<24} largest |grad| {p.grad.abs().max().item():.4f}")


# Step 5: the parameter count, and a tiny stack with a tied head.
V, T_max, width = 50257, 1024, 768                     # GPT-2 small; one real block is enough
per_block = sum(p.numel() for p in Block(width, heads=12).parameters())
tied = V * width + T_max * width + 12 * per_block + 2 * width   # embedding, positions, blocks, ln_f
print(f"GPT-2 small: one block {per_block:,}, tied {tied:,}, untied {tied + V * width:,}")


class TinyGPT(nn.Module):
    def __init__(self, V, T_max, d, heads, layers):
        super().__init__()
        self.tok_emb = nn.Parameter(torch.empty(V, d).uniform_(-0.1, 0.1).double())   # not nn.Embedding:
        self.pos_emb = nn.Parameter(torch.empty(T_max, d).uniform_(-0.1, 0.1).double())  # it draws normal_
        self.blocks = nn.ModuleList([Block(d, heads) for _ in range(layers)])
        self.ln_f = nn.LayerNorm(d).double()

    def forward(self, tokens):
        x = self.tok_emb[tokens] + self.pos_emb[:len(tokens)]
        for block in self.blocks:
            x = block(x)
        return self.ln_f(x) @ self.tok_emb.T            # the tied head: logits (T, V)


torch.manual_seed(SEED + 6)
tiny = TinyGPT(V=16, T_max=16, d=d, heads=2, layers=2)
print("tiny stack:", sum(p.numel() for p in tiny.parameters()), "parameters")
print("logits\n", tiny(torch.tensor([3, 1, 4, 1, 5, 9])).detach())
