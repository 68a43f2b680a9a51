# docs/listings/ch04_pytorch.py - Chapter 4 in PyTorch: the same numbers as the C++ program.
# Run: /usr/bin/python3 docs/listings/ch04_pytorch.py   (Debian's python3-torch)
# CI runs it and checks that every number it prints also appears in ch04_multi_head_attention's output.
import torch
from torch import nn

inputs = torch.tensor(
    [[0.43, 0.15, 0.89],   # Your
     [0.55, 0.87, 0.66],   # journey
     [0.57, 0.85, 0.64],   # starts
     [0.22, 0.58, 0.33],   # with
     [0.77, 0.25, 0.10],   # one
     [0.05, 0.80, 0.55]],  # step
    dtype=torch.float64)
batch = torch.stack([inputs, inputs])                  # batch (B, T, d_in) = (2, 6, 3)
B, T, d_in = batch.shape


class CausalHead(nn.Module):                           # Chapter 3's causal attention, dropout 0
    def __init__(self, d_in, hd, context_length):
        super().__init__()
        self.W_query = nn.Linear(d_in, hd, bias=False)  # drawn in this order:
        self.W_key = nn.Linear(d_in, hd, bias=False)    # W_query, W_key, W_value
        self.W_value = nn.Linear(d_in, hd, bias=False)
        self.register_buffer("mask", torch.triu(torch.ones(context_length, context_length), diagonal=1))

    def forward(self, x):                                # x (B, T, d_in)
        T = x.shape[1]
        queries, keys, values = self.W_query(x), self.W_key(x), self.W_value(x)  # (B, T, hd)
        scores = queries @ keys.transpose(1, 2)          # (B, T, T)
        scores = scores.masked_fill(self.mask.bool()[:T, :T], -torch.inf)
        weights = torch.softmax(scores / keys.shape[-1] ** 0.5, dim=-1)
        return weights @ values                          # (B, T, hd)


class Wrapper(nn.Module):                              # H heads side by side
    def __init__(self, d_in, hd, context_length, num_heads):
        super().__init__()
        self.heads = nn.ModuleList([CausalHead(d_in, hd, context_length) for _ in range(num_heads)])

    def forward(self, x):
        return torch.cat([head(x) for head in self.heads], dim=-1)  # (B, T, H*hd)


class MultiHead(nn.Module):                            # the efficient version
    def __init__(self, d_in, d_out, context_length, num_heads, qkv_bias=False):
        super().__init__()
        self.H, self.hd = num_heads, d_out // num_heads
        self.W_query = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_key = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_value = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.out_proj = nn.Linear(d_out, d_out)
        self.register_buffer("mask", torch.triu(torch.ones(context_length, context_length), diagonal=1))

    def weights(self, x):                                # (B, H, T, T)
        B, T, _ = x.shape
        q = self.W_query(x).view(B, T, self.H, self.hd).transpose(1, 2)   # (B, H, T, hd)
        k = self.W_key(x).view(B, T, self.H, self.hd).transpose(1, 2)     # (B, H, T, hd)
        scores = (q @ k.transpose(2, 3)).masked_fill(self.mask.bool()[:T, :T], -torch.inf)
        return torch.softmax(scores / self.hd ** 0.5, dim=-1)

    def forward(self, x):
        B, T, _ = x.shape
        v = self.W_value(x).view(B, T, self.H, self.hd).transpose(1, 2)   # (B, H, T, hd)
        context = (self.weights(x) @ v).transpose(1, 2).contiguous().view(B, T, self.H * self.hd)
        return self.out_proj(context)                    # (B, T, d_out)


torch.set_printoptions(precision=4)
torch.manual_seed(123)
wrapper = Wrapper(d_in, 2, T, num_heads=2).double()
print("wrapper context, batch item 0 (T, H*hd)\n", wrapper(batch)[0].detach())

torch.manual_seed(123)
narrow = Wrapper(d_in, 1, T, num_heads=2).double()    # two heads of 1 column: 2-d context vectors
print("wrapper with hd = 1, batch item 0 (T, 2)\n", narrow(batch)[0].detach())

torch.manual_seed(123)
mha = MultiHead(d_in, 2, T, num_heads=2).double()
print("attention weights, batch item 0 (H, T, T)\n", mha.weights(batch)[0].detach())
print("output, batch item 0 (T, d_out)\n", mha(batch)[0].detach())
print("parameters:", sum(p.numel() for p in mha.parameters()))

# The efficient version with the wrapper's weights stacked (head 0 on top) and no out_proj.
arranged = MultiHead(d_in, 4, T, num_heads=2).double()
with torch.no_grad():
    for name in ["W_query", "W_key", "W_value"]:
        getattr(arranged, name).weight.copy_(torch.cat([getattr(h, name).weight for h in wrapper.heads]))
arranged.out_proj = nn.Identity()
print("arranged == wrapper:", torch.allclose(arranged(batch), wrapper(batch), atol=1e-12, rtol=0))

# nn.MultiheadAttention needs d_in = d_out: a random (2, 5, 4) input, H = 2, Q/K/V biases.
torch.manual_seed(5)
x = torch.rand(2, 5, 4).double()
torch.manual_seed(123)
ours = MultiHead(4, 4, 5, num_heads=2, qkv_bias=True).double()
theirs = nn.MultiheadAttention(4, 2, batch_first=True).double()
with torch.no_grad():
    theirs.in_proj_weight.copy_(torch.cat([ours.W_query.weight, ours.W_key.weight, ours.W_value.weight]))
    theirs.in_proj_bias.copy_(torch.cat([ours.W_query.bias, ours.W_key.bias, ours.W_value.bias]))
    theirs.out_proj.weight.copy_(ours.out_proj.weight)
    theirs.out_proj.bias.copy_(ours.out_proj.bias)
future = torch.triu(torch.ones(5, 5, dtype=torch.bool), diagonal=1)  # True: may not attend
print("ours == nn.MultiheadAttention:",
      torch.allclose(ours(x), theirs(x, x, x, attn_mask=future)[0], atol=1e-12, rtol=0))

gpt2 = MultiHead(768, 768, 1024, num_heads=12, qkv_bias=True)
print("GPT-2-small-sized attention:", sum(p.numel() for p in gpt2.parameters()), "parameters,",
      gpt2.mask.numel(), "mask values (a buffer)")
