# docs/listings/ch03_pytorch.py - Chapter 3 in PyTorch: the same numbers as the C++ program.
# Run: /usr/bin/python3 docs/listings/ch03_pytorch.py   (Debian's python3-torch)
# CI runs it and checks that every number it prints also appears in ch03_causal_attention's output.
import math

import torch

inputs = torch.tensor(
    [[0.43, 0.15, 0.89],   # Your
     [0.55, 0.87, 0.66],   # journey
     [0.57, 0.85, 0.64],   # starts
     [0.22, 0.58, 0.33],   # with
     [0.77, 0.25, 0.10],   # one
     [0.05, 0.80, 0.55]],  # step
    dtype=torch.float64)                                   # inputs (T, d_in) = (6, 3)
T, d_in, d_out = 6, 3, 2

# Step 1: Chapter 2's weights, three nn.Linear(3, 2, bias=False) at seed 789.
torch.manual_seed(789)
W_query, W_key, W_value = [torch.nn.Linear(d_in, d_out, bias=False).double() for _ in range(3)]
with torch.no_grad():
    queries, keys, values = W_query(inputs), W_key(inputs), W_value(inputs)   # (T, d_out) each
    scores = queries @ keys.T / math.sqrt(d_out)           # scores (T, T), scaled

# Step 3, way 1: softmax, zero the future, renormalise.
allowed = torch.tril(torch.ones(T, T, dtype=torch.float64))   # (T, T), 1 = may attend
zeroed = torch.softmax(scores, dim=-1) * allowed           # (T, T), rows sum to less than 1
way_1 = zeroed / zeroed.sum(dim=-1, keepdim=True)          # (T, T), rows sum to 1

# Step 4, way 2: -inf above the diagonal, then softmax.
future = torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1)   # (T, T), True = masked
way_2 = torch.softmax(scores.masked_fill(future, -math.inf), dim=-1)  # (T, T)
contexts = way_2 @ values                                  # (T, d_out)

# Step 6: uniform causal attention is the running mean.
uniform = torch.softmax(torch.zeros(T, T, dtype=torch.float64).masked_fill(future, -math.inf), dim=-1)
running_mean = inputs.cumsum(dim=0) / torch.arange(1, T + 1, dtype=torch.float64).unsqueeze(1)

# Step 7: dropout on the weights, p = 0.5, seed 123, training mode.
torch.manual_seed(123)
dropped = torch.nn.Dropout(0.5)(way_2)                     # (T, T), survivors doubled


class CausalAttention(torch.nn.Module):
    """(B, T, d_in) -> (B, T, d_out): causal self-attention with dropout on the weights."""

    def __init__(self, d_in, d_out, context_length, dropout):
        super().__init__()
        self.W_query = torch.nn.Linear(d_in, d_out, bias=False)
        self.W_key = torch.nn.Linear(d_in, d_out, bias=False)
        self.W_value = torch.nn.Linear(d_in, d_out, bias=False)
        self.dropout = torch.nn.Dropout(dropout)
        self.register_buffer("future", torch.triu(torch.ones(context_length, context_length), diagonal=1).bool())

    def forward(self, x):                                  # x (B, T, d_in)
        B, T, _ = x.shape
        queries, keys, values = self.W_query(x), self.W_key(x), self.W_value(x)   # (B, T, d_out)
        scores = queries @ keys.transpose(1, 2) / math.sqrt(keys.shape[-1])      # (B, T, T)
        scores = scores.masked_fill(self.future[:T, :T], -math.inf)
        weights = self.dropout(torch.softmax(scores, dim=-1))                    # (B, T, T)
        return weights @ values                            # (B, T, d_out)


# Step 8: a batch of two copies through the module at seed 123.
batch = torch.stack((inputs, inputs))                      # (B, T, d_in) = (2, 6, 3)
torch.manual_seed(123)
module = CausalAttention(d_in, d_out, T, 0.0).double()
torch.manual_seed(123)
module_training = CausalAttention(d_in, d_out, T, 0.5).double()   # the forward draws a (2, 6, 6) mask
with torch.no_grad():
    batch_contexts = module(batch)                         # (2, 6, 2)
    batch_training = module_training(batch)                # (2, 6, 2), the two copies now differ

torch.set_printoptions(precision=4)
for name, t in [("scores", scores), ("zeroed", zeroed), ("way_1", way_1), ("way_2", way_2),
                ("contexts", contexts), ("uniform", uniform), ("running_mean", running_mean),
                ("dropped", dropped), ("batch_contexts", batch_contexts), ("batch_training", batch_training)]:
    print(name, tuple(t.shape))
    print(t)
print("row sums of zeroed:", zeroed.sum(dim=-1))
