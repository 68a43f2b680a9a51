"""Chapter 7's expected outputs: attention at scale (online softmax, tiles, causal skipping, KV cache).

Read by tests/ch07/ through common/include/wb/expected.hpp; made by make_expected.py.
Everything here is PyTorch computing the DEFINITIONS the chapter's algorithms must reproduce: the
softmax and the attention by torch.softmax on whole score matrices, the tile states (m, l, acc) of
a prefix of keys by torch.max / torch.exp / matmul over that prefix, the decoding steps by full
recomputation and by nn.MultiheadAttention. Nothing is tiled or cached here. float64 throughout.
Rows that see no key at all are NaN in torch.softmax; the chapter's contract makes them 0, so they
are stored with torch.nan_to_num(..., nan=0.0), said where it happens.
"""
import torch
from torch import nn

from wbtorch import F64, SENTENCE_TOKENS, seeded_rand, sentence

NOTE = ("Chapter 7, attention at scale (softmax, tile states of key prefixes, causal and padded "
        "attention, decoding by recomputation, grouped-query, nn.MultiheadAttention); float64.")


def scaled_scores(q, k):                                   # (T_q, hd), (T_k, hd) -> (T_q, T_k)
    return q @ k.T / q.shape[-1] ** 0.5


def attention(q, k, v, causal=False, key_padding=None):
    """softmax(q k^T / sqrt(hd)) v with -inf masking; queries are the last T_q positions."""
    s = scaled_scores(q, k)
    T_q, T_k = s.shape
    if causal:
        future = torch.arange(T_k)[None, :] > (T_k - T_q + torch.arange(T_q))[:, None]
        s = s.masked_fill(future, -torch.inf)
    if key_padding is not None:
        s = s.masked_fill(key_padding[None, :], -torch.inf)
    weights = torch.softmax(s, dim=-1)                      # NaN on a row with no visible key
    return torch.nan_to_num(weights @ v, nan=0.0)           # the chapter's contract: 0 there


def prefix_states(q, k, v, block_k, causal=False):
    """(m, l, acc) of every query row over keys 0..end-1, for end = block_k, 2 block_k, ..., T_k."""
    s = scaled_scores(q, k)
    T_q, T_k = s.shape
    if causal:
        future = torch.arange(T_k)[None, :] > (T_k - T_q + torch.arange(T_q))[:, None]
        s = s.masked_fill(future, -torch.inf)
    ms, ls, accs = [], [], []
    for end in range(block_k, T_k + block_k, block_k):
        end = min(end, T_k)
        m = s[:, :end].max(dim=1).values                    # (T_q)
        p = torch.exp(s[:, :end] - m[:, None])               # (T_q, end)
        ms.append(m)
        ls.append(p.sum(dim=1))
        accs.append(p @ v[:end])                             # (T_q, hv)
    return torch.stack(ms), torch.stack(ls), torch.stack(accs)


class MultiHead(nn.Module):
    """Causal multi-head attention with H query heads sharing H_kv key/value heads (GQA)."""

    def __init__(self, d_in, d_out, num_heads, num_kv_heads):
        super().__init__()
        self.H, self.H_kv, self.hd = num_heads, num_kv_heads, d_out // num_heads
        self.W_query = nn.Linear(d_in, d_out, bias=False)                    # drawn in this order
        self.W_key = nn.Linear(d_in, num_kv_heads * self.hd, bias=False)
        self.W_value = nn.Linear(d_in, num_kv_heads * self.hd, bias=False)
        self.out_proj = nn.Linear(d_out, d_out)

    def forward(self, x):                                                   # x (T, d_in)
        T = x.shape[0]
        q = self.W_query(x).view(T, self.H, self.hd).transpose(0, 1)       # (H, T, hd)
        k = self.W_key(x).view(T, self.H_kv, self.hd).transpose(0, 1)      # (H_kv, T, hd)
        v = self.W_value(x).view(T, self.H_kv, self.hd).transpose(0, 1)
        k = k.repeat_interleave(self.H // self.H_kv, dim=0)                # (H, T, hd): head h uses h // group
        v = v.repeat_interleave(self.H // self.H_kv, dim=0)
        scores = q @ k.transpose(1, 2) / self.hd ** 0.5                     # (H, T, T)
        scores = scores.masked_fill(torch.triu(torch.ones(T, T, dtype=torch.bool), 1), -torch.inf)
        context = (torch.softmax(scores, dim=-1) @ v).transpose(0, 1).reshape(T, self.H * self.hd)
        return self.out_proj(context)                                       # (T, d_out)


def built(seed, *args):
    torch.manual_seed(seed)
    return MultiHead(*args).double()


def store_module(out, prefix, module):
    out[f"{prefix}/W_query"] = module.W_query.weight
    out[f"{prefix}/W_key"] = module.W_key.weight
    out[f"{prefix}/W_value"] = module.W_value.weight
    out[f"{prefix}/out_proj/weight"] = module.out_proj.weight
    out[f"{prefix}/out_proj/bias"] = module.out_proj.bias


def decoded_by_recomputation(module, x):
    """Row t: the output of token t when the whole prefix 0..t is recomputed from scratch."""
    return torch.stack([module(x[: t + 1])[t] for t in range(x.shape[0])])


def tensors() -> dict:
    out = {"tokens": SENTENCE_TOKENS}
    with torch.no_grad():
        x = sentence()                                       # (T, d_in) = (6, 3)
        out["example/inputs"] = x
        mha = built(123, 3, 4, 2, 2)                         # d_in 3, d_out 4, H 2, H_kv 2
        store_module(out, "example", mha)
        q, k, v = mha.W_query(x), mha.W_key(x), mha.W_value(x)   # (T, 4) each; head h: columns 2h, 2h+1
        out["example/queries"], out["example/keys"], out["example/values"] = q, k, v
        for h in range(2):
            qh, kh, vh = q[:, 2 * h:2 * h + 2], k[:, 2 * h:2 * h + 2], v[:, 2 * h:2 * h + 2]
            p = f"example/head{h}"
            out[f"{p}/scores"] = scaled_scores(qh, kh)                       # (T, T)
            out[f"{p}/weights"] = torch.softmax(scaled_scores(qh, kh), dim=-1)
            out[f"{p}/context"] = attention(qh, kh, vh)                       # (T, hd), no mask
            out[f"{p}/causal_context"] = attention(qh, kh, vh, causal=True)  # (T, hd)
            for block_k in [1, 2, 4]:
                for causal in [False, True]:
                    m, l, acc = prefix_states(qh, kh, vh, block_k, causal)
                    name = f"{p}/{'causal_' if causal else ''}states_b{block_k}"
                    out[f"{name}/m"], out[f"{name}/l"], out[f"{name}/acc"] = m, l, acc
        out["example/output"] = mha(x)                                       # (T, d_out)
        out["example/decoded"] = decoded_by_recomputation(mha, x)            # (T, d_out)

        # Grouped-query attention: 2 query heads share 1 key/value head (multi-query here).
        gqa = built(123, 3, 4, 2, 1)
        store_module(out, "gqa", gqa)
        out["gqa/output"] = gqa(x)
        # A larger grouped-query case: d_in 5, d_out 8, H 4, H_kv 2, nine random tokens.
        xg = seeded_rand(7, 9, 5)
        gqa4 = built(321, 5, 8, 4, 2)
        store_module(out, "gqa4", gqa4)
        out["gqa4/inputs"] = xg
        out["gqa4/output"] = gqa4(xg)
        out["gqa4/decoded"] = decoded_by_recomputation(gqa4, xg)

        # nn.MultiheadAttention with the example's sizes made square (d 4, H 2) and Q/K/V biases,
        # causal attn_mask (True: may NOT attend), on five random tokens.
        xm = seeded_rand(5, 5, 4)
        torch.manual_seed(99)
        theirs = nn.MultiheadAttention(4, 2, bias=True, batch_first=True).double()
        W_q, W_k, W_v = theirs.in_proj_weight.chunk(3)
        torch.manual_seed(98)
        theirs.in_proj_bias.copy_(torch.rand(12).double() - 0.5)          # non-zero biases
        b_q, b_k, b_v = theirs.in_proj_bias.chunk(3)
        causal = torch.triu(torch.ones(5, 5, dtype=torch.bool), diagonal=1)
        context, _ = theirs(xm[None], xm[None], xm[None], attn_mask=causal, need_weights=False)
        out["torch_mha/inputs"] = xm
        for name, w, b in [("W_query", W_q, b_q), ("W_key", W_k, b_k), ("W_value", W_v, b_v)]:
            out[f"torch_mha/{name}/weight"], out[f"torch_mha/{name}/bias"] = w, b
        out["torch_mha/out_proj/weight"] = theirs.out_proj.weight
        out["torch_mha/out_proj/bias"] = theirs.out_proj.bias
        out["torch_mha/output"] = context[0]                              # (5, 4)

        # The online softmax's hard cases.
        for name, row in [("big", [1000.0, 1001.0, 999.5, 1000.25]),
                          ("huge_spread", [-800.0, 700.0, 710.0, -5.0, 709.5]),
                          ("masked", [-torch.inf, 0.5, -torch.inf, 2.0]),
                          ("single", [3.5])]:
            t = torch.tensor(row, dtype=F64)
            out[f"online/{name}/scores"] = t
            out[f"online/{name}/m"] = t.max().reshape(1)
            out[f"online/{name}/l"] = torch.exp(t - t.max()).sum().reshape(1)
            out[f"online/{name}/weights"] = torch.softmax(t, dim=0)

        # Scores of about a thousand: naive exponentials overflow, the tiled state must not.
        ql = seeded_rand(13, 5, 4) * 40.0                   # (5, 4)
        kl = seeded_rand(14, 7, 4) * 40.0                   # (7, 4): scores up to 3200
        vl = seeded_rand(15, 7, 3) - 0.5                    # (7, 3)
        out["large/queries"], out["large/keys"], out["large/values"] = ql, kl, vl
        out["large/context"] = attention(ql, kl, vl)
        out["large/causal_context"] = attention(ql, kl, vl, causal=True)

        # Padding: 7 queries at the last positions of 9 keys; keys 0, 1, 2, 7 and 8 are padding.
        # Causal query 0 sits at position 2 and sees keys 0..2 only: all padding, a row with no key.
        qp = seeded_rand(21, 7, 3) * 2 - 1
        kp = seeded_rand(22, 9, 3) * 2 - 1
        vp = seeded_rand(23, 9, 4) * 2 - 1
        padding = torch.tensor([1, 1, 1, 0, 0, 0, 0, 1, 1], dtype=torch.bool)
        out["padding/queries"], out["padding/keys"], out["padding/values"] = qp, kp, vp
        out["padding/key_padding"] = padding.double()
        out["padding/context"] = attention(qp, kp, vp, key_padding=padding)
        out["padding/causal_context"] = attention(qp, kp, vp, causal=True, key_padding=padding)  # row 0: 0

    return {k: (v.detach().to(F64) if isinstance(v, torch.Tensor) else v) for k, v in out.items()}
