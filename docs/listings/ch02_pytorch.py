# docs/listings/ch02_pytorch.py - Chapter 2 in PyTorch: the same numbers as the C++ program.
# Run: /usr/bin/python3 docs/listings/ch02_pytorch.py   (Debian's python3-torch)
# CI runs it and checks that every number it prints also appears in ch02_self_attention's output.
import math

import torch

inputs = torch.tensor(
    [[0.43, 0.15, 0.89],   # Your
     [0.55, 0.87, 0.66],   # journey
     [0.57, 0.85, 0.64],   # starts
     [0.22, 0.58, 0.33],   # with
     [0.77, 0.25, 0.10],   # one
     [0.05, 0.80, 0.55]],  # step
    dtype=torch.float64)                          # inputs (T, d_in) = (6, 3)
d_in, d_out = 3, 2

# Step 1: the trainable weights, drawn in float32 and held exactly in float64.
torch.manual_seed(123)
W_query = torch.rand(d_in, d_out).double()        # (d_in, d_out)
W_key = torch.rand(d_in, d_out).double()          # (d_in, d_out)
W_value = torch.rand(d_in, d_out).double()        # (d_in, d_out)

# Steps 2-5 for query 2, "journey" (row 1).
query_2 = inputs[1] @ W_query                     # (d_out)
keys = inputs @ W_key                             # (T, d_out)
values = inputs @ W_value                         # (T, d_out)
d_k = keys.shape[-1]                              # the key size, d_out = 2
scores_2 = keys @ query_2                         # (T)
weights_2 = torch.softmax(scores_2 / math.sqrt(d_k), dim=-1)   # (T), sums to 1
context_2 = weights_2 @ values                    # (d_out)

# Step 6: every token at once.
queries = inputs @ W_query                        # (T, d_out)
scores = queries @ keys.T                         # (T, T)
weights = torch.softmax(scores / math.sqrt(d_k), dim=-1)       # (T, T), rows sum to 1
contexts = weights @ values                       # (T, d_out)

# Step 7 (b): softmax of logits and of 8 times the logits.
logits = torch.tensor([0.2, -0.4, 0.6, 0.1, -0.3], dtype=torch.float64)
sharp = torch.stack([torch.softmax(logits, dim=-1), torch.softmax(8 * logits, dim=-1)])   # (2, 5)


# Step 8: V2 with nn.Linear layers at seed 789, and the transfer into V1.
class SelfAttentionV2(torch.nn.Module):
    def __init__(self, d_in, d_out, qkv_bias=False):
        super().__init__()
        self.W_query = torch.nn.Linear(d_in, d_out, bias=qkv_bias)   # weight (d_out, d_in)
        self.W_key = torch.nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_value = torch.nn.Linear(d_in, d_out, bias=qkv_bias)

    def forward(self, x):                          # x (T, d_in)
        q, k, v = self.W_query(x), self.W_key(x), self.W_value(x)  # (T, d_out) each
        w = torch.softmax(q @ k.T / math.sqrt(k.shape[-1]), dim=-1)  # (T, T)
        return w @ v                               # (T, d_out)


torch.manual_seed(789)
sa_v2 = SelfAttentionV2(d_in, d_out).double()
with torch.no_grad():
    contexts_v2 = sa_v2(inputs)                    # (T, d_out)
    W_query_v1 = sa_v2.W_query.weight.T            # (d_in, d_out): the transfer is a transpose
    contexts_v1 = torch.softmax((inputs @ sa_v2.W_query.weight.T) @ (inputs @ sa_v2.W_key.weight.T).T
                                / math.sqrt(d_out), dim=-1) @ (inputs @ sa_v2.W_value.weight.T)

# The same layers with biases: each bias is drawn right after its weight.
torch.manual_seed(789)
sa_v2_bias = SelfAttentionV2(d_in, d_out, qkv_bias=True).double()
with torch.no_grad():
    contexts_v2_bias = sa_v2_bias(inputs)          # (T, d_out)

# Step 9: reverse the tokens; the outputs come back reversed.
rev = inputs.flip(0)
contexts_reversed = torch.softmax((rev @ W_query) @ (rev @ W_key).T / math.sqrt(d_k), dim=-1) @ (rev @ W_value)

torch.set_printoptions(precision=4, sci_mode=False)
for name, t in [("W_query", W_query), ("W_key", W_key), ("W_value", W_value), ("query_2", query_2),
                ("keys", keys), ("values", values), ("scores_2", scores_2), ("weights_2", weights_2),
                ("context_2", context_2), ("queries", queries), ("scores", scores), ("weights", weights),
                ("contexts", contexts), ("softmax(z), softmax(8 z)", sharp),
                ("V2 contexts", contexts_v2), ("V1 W_query from V2", W_query_v1),
                ("V1 contexts with V2's weights", contexts_v1),
                ("W_query.bias", sa_v2_bias.W_query.bias.detach()), ("V2 contexts with biases", contexts_v2_bias),
                ("contexts of the reversed sentence", contexts_reversed)]:
    print(name, tuple(t.shape))
    print(t)

# Step 7 (a): the variance of q.k grows like d_k (components uniform on [-sqrt(3), sqrt(3)): variance 1).
torch.manual_seed(123)
a = math.sqrt(3.0)
for d in [1, 4, 16, 64, 256]:
    q = torch.empty(5000, d).uniform_(-a, a).double()   # (n, d_k)
    k = torch.empty(5000, d).uniform_(-a, a).double()   # (n, d_k)
    dots = (q * k).sum(dim=-1)                           # (n)
    print(f"d_k = {d}: mean {dots.mean():.4f}, variance {dots.var():.4f}, var / d_k {dots.var() / d:.4f}")
