"""Chapter 4's expected outputs: multi-head attention, the wrapper and the efficient version.

Read by tests/ch04/ through common/include/wb/expected.hpp; made by make_expected.py.
The modules below are written the way Chapter 4 describes them; every layer is built after
torch.manual_seed(123) in the order stated (so the workbook's generator draws the same weights),
then converted to float64 before anything is computed.
"""
import torch
from torch import nn

from wbtorch import F64, SENTENCE_TOKENS, seeded_rand, sentence

NOTE = "Chapter 4, multi-head attention (wrapper, efficient version, nn.MultiheadAttention); float64."


class CausalHead(nn.Module):
    """One causal attention head (Chapter 3), dropout 0: W_query, W_key, W_value in that order."""

    def __init__(self, d_in, hd, context_length, qkv_bias=False):
        super().__init__()
        self.W_query = nn.Linear(d_in, hd, bias=qkv_bias)
        self.W_key = nn.Linear(d_in, hd, bias=qkv_bias)
        self.W_value = nn.Linear(d_in, hd, bias=qkv_bias)
        self.register_buffer("mask", torch.triu(torch.ones(context_length, context_length), diagonal=1))

    def weights(self, x):                                     # x (B, T, d_in)
        T = x.shape[1]
        queries, keys = self.W_query(x), self.W_key(x)        # (B, T, hd)
        scores = queries @ keys.transpose(1, 2)               # (B, T, T)
        scores = scores.masked_fill(self.mask.bool()[:T, :T], -torch.inf)
        return torch.softmax(scores / keys.shape[-1] ** 0.5, dim=-1)

    def forward(self, x):
        return self.weights(x) @ self.W_value(x)              # (B, T, hd)


class Wrapper(nn.Module):
    """H causal heads built one after the other; their outputs concatenated: (B, T, H*hd)."""

    def __init__(self, d_in, hd, context_length, num_heads):
        super().__init__()
        self.heads = nn.ModuleList([CausalHead(d_in, hd, context_length) for _ in range(num_heads)])

    def forward(self, x):
        return torch.cat([head(x) for head in self.heads], dim=-1)


class MultiHead(nn.Module):
    """The efficient version: one projection each for Q, K, V split into H heads, then out_proj."""

    def __init__(self, d_in, d_out, context_length, num_heads, qkv_bias=False):
        super().__init__()
        assert d_out % num_heads == 0
        self.d_out, self.H, self.hd = d_out, num_heads, d_out // num_heads
        self.W_query = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_key = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_value = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.out_proj = nn.Linear(d_out, d_out)
        self.register_buffer("mask", torch.triu(torch.ones(context_length, context_length), diagonal=1))

    def steps(self, x):                                               # x (B, T, d_in)
        B, T, _ = x.shape
        s = {"queries": self.W_query(x), "keys": self.W_key(x), "values": self.W_value(x)}  # (B, T, d_out)
        for name in ["queries", "keys", "values"]:                    # (B, T, d_out) -> (B, H, T, hd)
            s[name + "_split"] = s[name].view(B, T, self.H, self.hd).transpose(1, 2)
        s["scores"] = s["queries_split"] @ s["keys_split"].transpose(2, 3)          # (B, H, T, T)
        masked = s["scores"].masked_fill(self.mask.bool()[:T, :T], -torch.inf)
        s["weights"] = torch.softmax(masked / self.hd ** 0.5, dim=-1)              # (B, H, T, T)
        s["context_heads"] = s["weights"] @ s["values_split"]                       # (B, H, T, hd)
        s["context_merged"] = s["context_heads"].transpose(1, 2).contiguous().view(B, T, self.d_out)
        s["context"] = self.out_proj(s["context_merged"])                           # (B, T, d_out)
        return s

    def forward(self, x):
        return self.steps(x)["context"]


def built(seed, make):
    torch.manual_seed(seed)
    return make().double()


def parameter_count(module) -> torch.Tensor:
    return torch.tensor([float(sum(p.numel() for p in module.parameters()))], dtype=F64)


def tensors() -> dict:
    inputs = sentence()                                   # (T, d_in) = (6, 3)
    batch = torch.stack([inputs, inputs])                 # (B, T, d_in) = (2, 6, 3)
    T, d_in = inputs.shape
    out = {"tokens": SENTENCE_TOKENS, "inputs": inputs, "batch": batch}

    with torch.no_grad():
        # The wrapper: two heads of d_out = 2 each -> (2, 6, 4); and two heads of 1 -> (2, 6, 2).
        for name, hd in [("wrapper", 2), ("wrapper_2d", 1)]:
            wrapper = built(123, lambda: Wrapper(d_in, hd, T, num_heads=2))
            for h, head in enumerate(wrapper.heads):
                for layer in ["W_query", "W_key", "W_value"]:
                    out[f"{name}/head{h}/{layer}"] = getattr(head, layer).weight
                out[f"{name}/head{h}/weights"] = head.weights(batch)
                out[f"{name}/head{h}/context"] = head(batch)
            out[f"{name}/context"] = wrapper(batch)

        # The efficient version: d_out = 2, two heads (hd = 1), out_proj with bias -> (2, 6, 2).
        mha = built(123, lambda: MultiHead(d_in, 2, T, num_heads=2))
        for layer in ["W_query", "W_key", "W_value"]:
            out[f"mha/{layer}"] = getattr(mha, layer).weight
        out["mha/out_proj/weight"] = mha.out_proj.weight
        out["mha/out_proj/bias"] = mha.out_proj.bias
        for key, value in mha.steps(batch).items():
            out[f"mha/{key}"] = value
        out["mha/parameter_count"] = parameter_count(mha)

        # The efficient version given the wrapper's weights, stacked head 0 on top, no out_proj:
        # it returns the wrapper's output (2, 6, 4).
        wrapper = built(123, lambda: Wrapper(d_in, 2, T, num_heads=2))
        arranged = MultiHead(d_in, 4, T, num_heads=2).double()
        for layer in ["W_query", "W_key", "W_value"]:
            stacked = torch.cat([getattr(head, layer).weight for head in wrapper.heads], dim=0)  # (4, 3)
            getattr(arranged, layer).weight.copy_(stacked)
            out[f"arranged/{layer}"] = stacked
        arranged.out_proj = nn.Identity()
        out["arranged/context"] = arranged(batch)

        # nn.MultiheadAttention needs d_in = d_out (embed_dim): a random (2, 5, 4) input, H = 2,
        # Q/K/V biases on. Its in_proj_weight stacks W_query, W_key, W_value: (3*d_out, d_out).
        x = seeded_rand(5, 2, 5, 4)                                     # (B, T, d_in) = (2, 5, 4)
        ours = built(123, lambda: MultiHead(4, 4, 5, num_heads=2, qkv_bias=True))
        theirs = nn.MultiheadAttention(4, 2, bias=True, batch_first=True).double()
        theirs.in_proj_weight.copy_(torch.cat([ours.W_query.weight, ours.W_key.weight, ours.W_value.weight]))
        theirs.in_proj_bias.copy_(torch.cat([ours.W_query.bias, ours.W_key.bias, ours.W_value.bias]))
        theirs.out_proj.weight.copy_(ours.out_proj.weight)
        theirs.out_proj.bias.copy_(ours.out_proj.bias)
        causal = torch.triu(torch.ones(5, 5, dtype=torch.bool), diagonal=1)  # True: may NOT attend
        context, weights = theirs(x, x, x, attn_mask=causal, need_weights=True, average_attn_weights=False)
        out["torch_mha/inputs"] = x
        for layer in ["W_query", "W_key", "W_value"]:
            out[f"torch_mha/{layer}/weight"] = getattr(ours, layer).weight
            out[f"torch_mha/{layer}/bias"] = getattr(ours, layer).bias
        out["torch_mha/out_proj/weight"] = ours.out_proj.weight
        out["torch_mha/out_proj/bias"] = ours.out_proj.bias
        out["torch_mha/in_proj_weight"] = theirs.in_proj_weight
        out["torch_mha/context"] = context                          # nn.MultiheadAttention's (2, 5, 4)
        out["torch_mha/weights"] = weights                          # per head (2, 2, 5, 5)
        out["torch_mha/ours_context"] = ours(x)                     # the efficient version's

        # Parameter counts of a GPT-2-small-sized attention: d_in = d_out = 768, 12 heads, context 1024.
        gpt2 = MultiHead(768, 768, 1024, num_heads=12, qkv_bias=True)
        out["counts/gpt2_qkv_bias"] = parameter_count(gpt2)
        out["counts/gpt2_no_qkv_bias"] = parameter_count(MultiHead(768, 768, 1024, num_heads=12))
        out["counts/gpt2_one_head"] = parameter_count(MultiHead(768, 768, 1024, num_heads=1, qkv_bias=True))
        out["counts/gpt2_nn_multihead"] = parameter_count(nn.MultiheadAttention(768, 12))
        out["counts/gpt2_mask_buffer_elements"] = torch.tensor([float(gpt2.mask.numel())], dtype=F64)

    return {k: (v.detach().to(F64) if isinstance(v, torch.Tensor) else v) for k, v in out.items()}
