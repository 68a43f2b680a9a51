"""Chapter 3's expected outputs: causal attention, dropout on the weights, batches and padding.

Read by tests/ch03/ through common/include/wb/expected.hpp; made by make_expected.py. Everything
here is computed by PyTorch: the masks by torch.tril / masked_fill, the dropout masks by
torch.nn.Dropout after torch.manual_seed, the batched output by a small CausalAttention module.
"""
import math

import torch

from wbtorch import F64, SENTENCE_TOKENS, sentence

NOTE = "Chapter 3, causal attention (weights at seeds 789 and 123, dropout at seed 123); float64."

D_IN, D_OUT = 3, 2
DROPOUT_SEED, DROPOUT_P = 123, 0.5


def linear_weights(seed: int):
    """W_query, W_key, W_value (each (d_out, d_in)) as three nn.Linear(3, 2, bias=False) draw them."""
    torch.manual_seed(seed)
    layers = [torch.nn.Linear(D_IN, D_OUT, bias=False) for _ in range(3)]
    return [layer.weight.detach().double() for layer in layers]


class CausalAttention(torch.nn.Module):
    """Causal self-attention over a batch (B, T, d_in) -> (B, T, d_out), dropout on the weights."""

    def __init__(self, d_in, d_out, context_length, dropout):
        super().__init__()
        self.W_query = torch.nn.Linear(d_in, d_out, bias=False)
        self.W_key = torch.nn.Linear(d_in, d_out, bias=False)
        self.W_value = torch.nn.Linear(d_in, d_out, bias=False)
        self.dropout = torch.nn.Dropout(dropout)
        self.register_buffer("future", torch.triu(torch.ones(context_length, context_length), diagonal=1).bool())

    def forward(self, x, allowed=None):
        B, T, _ = x.shape
        queries, keys, values = self.W_query(x), self.W_key(x), self.W_value(x)  # (B, T, d_out)
        scores = queries @ keys.transpose(1, 2) / math.sqrt(keys.shape[-1])      # (B, T, T)
        if allowed is None:
            scores = scores.masked_fill(self.future[:T, :T], -math.inf)
        else:
            scores = scores.masked_fill(~allowed, -math.inf)
        weights = torch.softmax(scores, dim=-1)
        weights = torch.nan_to_num(weights, nan=0.0)  # the workbook's policy: a row with no key -> zeros
        weights = self.dropout(weights)
        return weights @ values                                                  # (B, T, d_out)


def module(seed: int, dropout: float) -> CausalAttention:
    torch.manual_seed(seed)
    return CausalAttention(D_IN, D_OUT, 6, dropout).double()


def padding_causal_allowed(lengths, T):
    """(B, T, T): key j is visible to query i of sequence b iff j <= i and j < lengths[b]."""
    causal = torch.tril(torch.ones(T, T, dtype=torch.bool))
    keys = torch.stack([torch.arange(T) < n for n in lengths])  # (B, T)
    return causal.unsqueeze(0) & keys.unsqueeze(1)


def tensors() -> dict:
    inputs = sentence()  # (T, d_in) = (6, 3)
    T = inputs.shape[0]
    W_query, W_key, W_value = linear_weights(789)
    queries, keys, values = inputs @ W_query.T, inputs @ W_key.T, inputs @ W_value.T  # (T, d_out)
    scores = queries @ keys.T / math.sqrt(D_OUT)  # (T, T), scaled
    weights_unmasked = torch.softmax(scores, dim=-1)

    allowed = torch.tril(torch.ones(T, T, dtype=F64))  # 1 = may attend
    # Way 1: softmax, zero the future, renormalise.
    zeroed = weights_unmasked * allowed
    renormalised = zeroed / zeroed.sum(dim=-1, keepdim=True)
    # Way 2: -inf above the diagonal, then softmax.
    future = torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1)
    scores_masked = scores.masked_fill(future, -math.inf)
    weights_causal = torch.softmax(scores_masked, dim=-1)
    # The mistake: fill with 0 instead of -inf.
    weights_zero_filled = torch.softmax(scores.masked_fill(future, 0.0), dim=-1)
    contexts = weights_causal @ values

    # Uniform causal attention (all scores equal) is the running mean of the tokens.
    uniform = torch.softmax(torch.zeros(T, T, dtype=F64).masked_fill(future, -math.inf), dim=-1)
    running_mean = torch.cumsum(inputs, dim=0) / torch.arange(1, T + 1, dtype=F64).unsqueeze(1)

    # Dropout on the causal weights, p = 0.5, seed 123, training mode.
    torch.manual_seed(DROPOUT_SEED)
    dropout = torch.nn.Dropout(DROPOUT_P)
    dropout.train()
    weights_dropped = dropout(weights_causal)
    torch.manual_seed(DROPOUT_SEED)
    ones_dropped = dropout(torch.ones(T, T, dtype=F64))
    keep = (ones_dropped != 0).to(F64)
    dropout.eval()
    weights_eval = dropout(weights_causal)

    # Batches: two copies of the sentence, a module at seed 123.
    batch = torch.stack((inputs, inputs))  # (B, T, d_in) = (2, 6, 3)
    ca = module(123, 0.0)
    ca.train()
    batch_contexts = ca(batch).detach()  # (2, 6, 2); p = 0 draws nothing
    ca_drop = module(123, DROPOUT_P)  # draws the weights, then the forward draws a (2, 6, 6) mask
    ca_drop.train()
    batch_contexts_dropout = ca_drop(batch).detach()
    torch.manual_seed(123)
    for _ in range(3):
        torch.nn.Linear(D_IN, D_OUT, bias=False)
    batch_keep = (torch.nn.Dropout(DROPOUT_P)(torch.ones(2, T, T, dtype=F64)) != 0).to(F64)
    ca_drop.eval()
    batch_contexts_eval = ca_drop(batch).detach()

    # Padding: "Your journey starts with one step" and "Your journey starts with" (zeros after it).
    lengths = [6, 4]
    padded = torch.stack((inputs, torch.cat((inputs[:4], torch.zeros(2, D_IN, dtype=F64)))))  # (2, 6, 3)
    padding_allowed = padding_causal_allowed(lengths, T)  # (2, 6, 6)
    padded_contexts = ca(padded, padding_allowed).detach()
    # Left padding: two pad tokens before "Your journey starts with"; queries 1-2 see no real key.
    left_allowed = torch.tril(torch.ones(T, T, dtype=torch.bool)) & (torch.arange(T) >= 2).unsqueeze(0)
    left_padded = torch.cat((torch.zeros(2, D_IN, dtype=F64), inputs[:4])).unsqueeze(0)  # (1, 6, 3)
    left_contexts = ca(left_padded, left_allowed.unsqueeze(0)).detach()

    W_query_123, W_key_123, W_value_123 = linear_weights(123)
    return {
        "tokens": SENTENCE_TOKENS,
        "inputs": inputs,
        "W_query": W_query,
        "W_key": W_key,
        "W_value": W_value,
        "queries": queries,
        "keys": keys,
        "values": values,
        "scores": scores,
        "weights_unmasked": weights_unmasked,
        "causal_mask": allowed,
        "weights_zeroed": zeroed,
        "weights_renormalised": renormalised,
        "scores_masked": scores_masked,
        "weights_causal": weights_causal,
        "weights_zero_filled": weights_zero_filled,
        "contexts": contexts,
        "uniform_causal_weights": uniform,
        "running_mean": running_mean,
        "dropout_keep_seed123": keep,
        "dropout_ones_seed123": ones_dropped,
        "weights_dropout_seed123": weights_dropped,
        "weights_eval": weights_eval,
        "batch": batch,
        "module_W_query": W_query_123,
        "module_W_key": W_key_123,
        "module_W_value": W_value_123,
        "batch_contexts": batch_contexts,
        "batch_keep_seed123": batch_keep,
        "batch_contexts_dropout": batch_contexts_dropout,
        "batch_contexts_eval": batch_contexts_eval,
        "padding_lengths": torch.tensor(lengths, dtype=F64),
        "padded_batch": padded,
        "padding_causal_mask": padding_allowed.to(F64),
        "padded_contexts": padded_contexts,
        "left_padding_mask": left_allowed.to(F64),
        "left_padded_contexts": left_contexts[0],
    }
