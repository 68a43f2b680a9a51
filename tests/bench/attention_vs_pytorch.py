#!/usr/bin/python3
"""PyTorch's side of tests/bench/attention_vs_pytorch.sh: causal multi-head attention, GPT-2 small.

The same layer the workbook's float32 kernel computes (d 768, 12 heads, batch 1, float32, Q/K/V and
output projections with biases, causal), each way PyTorch has of its own:
  mha     nn.MultiheadAttention(768, 12, batch_first=True) with a boolean causal attn_mask
          (True: may not attend), need_weights=False - PyTorch 1.13's fused CPU path;
  manual  the plain way: one linear for Q, K and V, (q @ k^T) * scale, masked_fill_ of the
          future with -inf, softmax, @ v, merge, the output linear;
  sdpa    (PyTorch 2 only) the same linears around
          torch.nn.functional.scaled_dot_product_attention(q, k, v, is_causal=True), PyTorch's
          fused attention kernel (on CPU a FlashAttention-style tiled loop).
Usage:
  attention_vs_pytorch.py time --threads N --T 512 1024 ... [--reps N]
      prints "variant=mha T=1024 threads=1 median_ms=... min_ms=..." per variant and T
  attention_vs_pytorch.py info
      prints "torch=1.13.0a0 python=3.11.2 ways=mha,manual[,sdpa] sdpa_kernel=..."
  attention_vs_pytorch.py memory --variant mha|manual --T N
      prints "variant=mha T=1024 extra_bytes=..." (resident-set growth during one forward)
Runs with any Python that imports torch (Debian 12's python3-torch 1.13, Debian 13's 2.x).
"""
import argparse
import math
import platform
import statistics
import time

import torch
import torch.nn.functional as F

D, H = 768, 12
HAS_SDPA = hasattr(F, "scaled_dot_product_attention")
VARIANTS = ["mha", "manual"] + (["sdpa"] if HAS_SDPA else [])


def status_kb(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field):
                return int(line.split()[1])
    return -1


class Manual(torch.nn.Module):
    def __init__(self, mha):
        super().__init__()
        self.w_qkv, self.b_qkv = mha.in_proj_weight, mha.in_proj_bias           # (3d, d), (3d)
        self.w_out, self.b_out = mha.out_proj.weight, mha.out_proj.bias         # (d, d), (d)

    def heads(self, x):                                                         # x (1, T, d)
        B, T, _ = x.shape
        q, k, v = F.linear(x, self.w_qkv, self.b_qkv).split(D, dim=-1)         # (1, T, d) each
        return [t.view(B, T, H, D // H).transpose(1, 2) for t in (q, k, v)]     # (1, H, T, hd) each

    def merge(self, context):                                                   # (1, H, T, hd)
        B, _, T, _ = context.shape
        return F.linear(context.transpose(1, 2).reshape(B, T, D), self.w_out, self.b_out)

    def sdpa(self, x):
        q, k, v = self.heads(x)
        return self.merge(F.scaled_dot_product_attention(q, k, v, is_causal=True))

    def forward(self, x, mask):                                                 # x (1, T, d)
        B, T, _ = x.shape
        q, k, v = self.heads(x)
        scores = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(D // H))          # (1, H, T, T)
        scores.masked_fill_(mask, -math.inf)
        context = torch.softmax(scores, dim=-1) @ v                             # (1, H, T, hd)
        return F.linear(context.transpose(1, 2).reshape(B, T, D), self.w_out, self.b_out)


def make(T):
    torch.manual_seed(0)
    mha = torch.nn.MultiheadAttention(D, H, batch_first=True)
    torch.nn.init.uniform_(mha.in_proj_bias, -0.1, 0.1)
    mha.eval()
    x = torch.rand(1, T, D) * 2 - 1
    mask = torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1)          # True: may not attend
    return mha, Manual(mha), x, mask


def run(variant, mha, manual, x, mask):
    if variant == "mha":
        return mha(x, x, x, attn_mask=mask, need_weights=False)[0]
    if variant == "sdpa":
        return manual.sdpa(x)
    return manual(x, mask)


def sdpa_kernel():
    """The kernel PyTorch picks for SDPA on these shapes (PyTorch 2's own report), or 'none'."""
    if not HAS_SDPA:
        return "none"
    q = torch.rand(1, H, 256, D // H)
    try:
        choice = torch._fused_sdp_choice(q, q, q, is_causal=True)
        backend = getattr(getattr(torch.nn, "attention", None), "SDPBackend", None)
        # a pybind11 enum in torch 2.x: its names are in __members__, it cannot be iterated
        names = {int(v): k for k, v in getattr(backend, "__members__", {}).items()}
        return names.get(int(choice), str(choice)).lower()
    except (AttributeError, RuntimeError, TypeError):
        return "unknown"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["time", "memory", "info"])
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--T", type=int, nargs="+", default=[1024])
    p.add_argument("--reps", type=int, default=5)
    p.add_argument("--variant", choices=VARIANTS, default="mha")
    a = p.parse_args()
    if a.mode == "info":
        print(f"torch={torch.__version__} python={platform.python_version()} ways={','.join(VARIANTS)} "
              f"sdpa_kernel={sdpa_kernel()}")
        return
    torch.set_num_threads(a.threads)
    with torch.inference_mode():
        if a.mode == "memory":
            mha, manual, x, mask = make(a.T[0])
            with open("/proc/self/clear_refs", "w") as f:
                f.write("5")
            before = status_kb("VmRSS:")
            run(a.variant, mha, manual, x, mask)
            print(f"variant={a.variant} T={a.T[0]} extra_bytes={(status_kb('VmHWM:') - before) * 1024}")
            return
        for T in a.T:
            mha, manual, x, mask = make(T)
            reference = run("manual", mha, manual, x, mask)
            for variant in VARIANTS:
                assert torch.allclose(run(variant, mha, manual, x, mask), reference, atol=1e-4), variant
            reps = a.reps if T <= 1024 else max(3, a.reps // 2)
            for variant in VARIANTS:
                run(variant, mha, manual, x, mask)                             # warm-up
                times = []
                for _ in range(reps):
                    start = time.perf_counter()
                    run(variant, mha, manual, x, mask)
                    times.append((time.perf_counter() - start) * 1000.0)
                print(f"variant={variant} T={T} threads={a.threads} median_ms={statistics.median(times):.2f} "
                      f"min_ms={min(times):.2f}", flush=True)


if __name__ == "__main__":
    main()
