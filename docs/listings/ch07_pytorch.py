# docs/listings/ch07_pytorch.py - Chapter 7 in PyTorch: the same numbers as the C++ program.
# Run: /usr/bin/python3 docs/listings/ch07_pytorch.py   (Debian's python3-torch)
# CI runs it and checks that every number it prints also appears in ch07_attention_at_scale's output.
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
T = inputs.shape[0]


class MultiHead(nn.Module):                      # H query heads sharing H_kv key/value heads
    def __init__(self, d_in, d_out, H, H_kv):
        super().__init__()
        self.H, self.H_kv, self.hd = H, H_kv, d_out // H
        self.W_query = nn.Linear(d_in, d_out, bias=False)          # drawn in this order
        self.W_key = nn.Linear(d_in, H_kv * self.hd, bias=False)
        self.W_value = nn.Linear(d_in, H_kv * self.hd, bias=False)
        self.out_proj = nn.Linear(d_out, d_out)

    def forward(self, x):                                          # x (T, d_in), causal
        T = x.shape[0]
        q = self.W_query(x).view(T, self.H, self.hd).transpose(0, 1)          # (H, T, hd)
        k = self.W_key(x).view(T, self.H_kv, self.hd).transpose(0, 1)         # (H_kv, T, hd)
        v = self.W_value(x).view(T, self.H_kv, self.hd).transpose(0, 1)
        k = k.repeat_interleave(self.H // self.H_kv, dim=0)                   # query head h uses h // group
        v = v.repeat_interleave(self.H // self.H_kv, dim=0)
        scores = (q @ k.transpose(1, 2) / self.hd ** 0.5).masked_fill(
            torch.triu(torch.ones(T, T, dtype=torch.bool), 1), -torch.inf)
        return self.out_proj((torch.softmax(scores, -1) @ v).transpose(0, 1).reshape(T, -1))


torch.set_printoptions(precision=4)
torch.manual_seed(123)
mha = MultiHead(3, 4, 2, 2).double()
with torch.no_grad():
    q, k, v = mha.W_query(inputs)[:, :2], mha.W_key(inputs)[:, :2], mha.W_value(inputs)[:, :2]  # head 0
    scores = q @ k.T / 2 ** 0.5                                     # (T, T), scaled
    print('scores of "step"\n', scores[-1])
    print('softmax of "step"\n', torch.softmax(scores[-1], 0))
    print('softmax of "step" + 1000\n', torch.softmax(scores[-1] + 1000, 0))
    causal = scores.masked_fill(torch.triu(torch.ones(T, T, dtype=torch.bool), 1), -torch.inf)
    print("causal context, head 0 (T, hd)\n", torch.softmax(causal, -1) @ v)
    print("whole attention, head 0 (T, hd)\n", torch.softmax(scores, -1) @ v)
    # Decoding by recomputation: the output of token t from the prefix 0..t alone.
    print("decoded (T, d_out)\n", torch.stack([mha(inputs[: t + 1])[t] for t in range(T)]))
    torch.manual_seed(123)
    gqa = MultiHead(3, 4, 2, 1).double()                            # 2 query heads, 1 key/value head
    print("H = 2, H_kv = 1 (T, d_out)\n", gqa(inputs))
