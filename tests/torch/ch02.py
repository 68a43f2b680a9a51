"""Chapter 2's expected outputs: self-attention with trainable weights.

Read by tests/ch02/ through common/include/wb/expected.hpp; made by make_expected.py.
The weights are drawn by PyTorch's own generator (torch.rand, nn.Linear's initialisation) in
float32, then held exactly in float64; every computation after the draw is float64.
"""
import math

import torch

from wbtorch import F64, SENTENCE_TOKENS, sentence

NOTE = "Chapter 2, self-attention with trainable weights; float64 after float32 draws."

D_IN, D_OUT = 3, 2


def v1_weights(seed: int):
    """torch.manual_seed(seed); W_query, W_key, W_value = three torch.rand(d_in, d_out)."""
    torch.manual_seed(seed)
    return [torch.rand(D_IN, D_OUT).double() for _ in range(3)]


def v2_layers(seed: int, bias: bool):
    """Three nn.Linear(d_in, d_out) built in the order W_query, W_key, W_value, in float64."""
    torch.manual_seed(seed)
    layers = [torch.nn.Linear(D_IN, D_OUT, bias=bias) for _ in range(3)]
    return [layer.double() for layer in layers]  # .double() converts the float32 draws exactly


def attend(queries, keys, values):
    d_k = keys.shape[-1]
    weights = torch.softmax(queries @ keys.T / math.sqrt(d_k), dim=-1)
    return weights @ values


def tensors() -> dict:
    inputs = sentence()  # (T, d_in)
    W_query, W_key, W_value = v1_weights(123)

    x_2 = inputs[1]                       # (d_in), "journey"
    query_2 = x_2 @ W_query               # (d_out)
    queries = inputs @ W_query            # (T, d_out)
    keys = inputs @ W_key                 # (T, d_out)
    values = inputs @ W_value             # (T, d_out)
    d_k = keys.shape[-1]
    scores_2 = keys @ query_2             # (T)
    weights_2 = torch.softmax(scores_2 / math.sqrt(d_k), dim=-1)
    scores = queries @ keys.T             # (T, T)
    weights = torch.softmax(scores / math.sqrt(d_k), dim=-1)
    contexts = weights @ values           # (T, d_out)

    out = {
        "tokens": SENTENCE_TOKENS,
        "inputs": inputs,
        "W_query": W_query,
        "W_key": W_key,
        "W_value": W_value,
        "query_2": query_2,
        "queries": queries,
        "keys": keys,
        "values": values,
        "score_22": (query_2 @ keys[1]).reshape(1),
        "scores_query_2": scores_2,
        "weights_query_2": weights_2,
        "weights_query_2_unscaled": torch.softmax(scores_2, dim=-1),
        "context_query_2": weights_2 @ values,
        "scores": scores,
        "weights": weights,
        "weights_unscaled": torch.softmax(scores, dim=-1),
        "contexts": contexts,
        # Permutation equivariance: the tokens in reverse order give the outputs in reverse order.
        "contexts_reversed_inputs": attend(inputs.flip(0) @ W_query, inputs.flip(0) @ W_key,
                                           inputs.flip(0) @ W_value),
    }

    # V2: nn.Linear layers at seed 789, without and with bias, run by PyTorch's own forward.
    for bias in (False, True):
        tag = "v2_bias" if bias else "v2"
        q_layer, k_layer, v_layer = v2_layers(789, bias)
        with torch.no_grad():
            for name, layer in (("W_query", q_layer), ("W_key", k_layer), ("W_value", v_layer)):
                out[f"{tag}_{name}_weight"] = layer.weight.detach().clone()
                if bias:
                    out[f"{tag}_{name}_bias"] = layer.bias.detach().clone()
            out[f"{tag}_queries"] = q_layer(inputs)
            out[f"{tag}_keys"] = k_layer(inputs)
            out[f"{tag}_values"] = v_layer(inputs)
            out[f"{tag}_contexts"] = attend(q_layer(inputs), k_layer(inputs), v_layer(inputs))
            if not bias:
                # The transfer of 2.7: V1's matrices are the layers' weights transposed.
                for name, layer in (("W_query", q_layer), ("W_key", k_layer), ("W_value", v_layer)):
                    out[f"v1_from_v2_{name}"] = layer.weight.detach().T.contiguous()

    # Why scale: softmax of a logit vector and of the same vector times 8 (= sqrt(64)).
    logits = torch.tensor([0.2, -0.4, 0.6, 0.1, -0.3], dtype=F64)
    out["logits"] = logits
    out["softmax_logits"] = torch.softmax(logits, dim=-1)
    out["softmax_logits_times_8"] = torch.softmax(8 * logits, dim=-1)
    return out
