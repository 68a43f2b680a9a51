"""Chapter 1's expected outputs: simplified self-attention (no trainable weights).

Read by tests/ch01/ through common/include/wb/expected.hpp; made by make_expected.py.
"""
import torch

from wbtorch import F64, SENTENCE_TOKENS, seeded_rand, sentence

NOTE = "Chapter 1, simplified self-attention; float64."

def naive_softmax(x: torch.Tensor, dim: int) -> torch.Tensor:
    """exp(x) / sum(exp(x)) with no max subtraction: overflows and underflows on purpose."""
    e = torch.exp(x)
    return e / e.sum(dim=dim, keepdim=True)


def tensors() -> dict:
    inputs = sentence()
    query_index = 1  # query 2, "journey"

    scores_q = inputs @ inputs[query_index]
    weights_q = torch.softmax(scores_q, dim=0)

    scores = inputs @ inputs.T
    weights = torch.softmax(scores, dim=-1)
    hard = torch.nn.functional.one_hot(torch.argmax(scores, dim=-1), num_classes=scores.shape[-1]).to(F64)

    large = torch.tensor([1000.0, 1001.0, 1002.0], dtype=F64)
    very_negative = torch.tensor([-1000.0, -1001.0, -1002.0], dtype=F64)

    temperatures = torch.tensor([0.1, 0.5, 1.0, 2.0, 10.0], dtype=F64)
    by_temperature = torch.stack([torch.softmax(scores_q / t, dim=0) for t in temperatures])

    return {
        "tokens": SENTENCE_TOKENS,
        "inputs": inputs,
        "query_index": torch.tensor([query_index], dtype=F64),
        "scores_query_2": scores_q,
        "weights_by_sum_query_2": scores_q / scores_q.sum(),
        "weights_naive_query_2": naive_softmax(scores_q, dim=0),
        "weights_query_2": weights_q,
        "context_query_2": weights_q @ inputs,
        "scores": scores,
        "weights": weights,
        "row_sums": weights.sum(dim=-1),
        "contexts": weights @ inputs,
        "hard_weights": hard,
        "large_scores": large,
        "large_weights": torch.softmax(large, dim=0),
        "large_weights_naive": naive_softmax(large, dim=0),  # inf / inf = nan: the lesson
        "very_negative_scores": very_negative,
        "very_negative_weights": torch.softmax(very_negative, dim=0),
        "very_negative_weights_naive": naive_softmax(very_negative, dim=0),  # 0 / 0 = nan
        "temperatures": temperatures,
        "weights_query_2_temperature": by_temperature,
        # The program's --text mode draws its embeddings like this.
        "text_mode_inputs_seed123_6x3": seeded_rand(123, 6, 3),
        "text_mode_inputs_seed7_4x5": seeded_rand(7, 4, 5),
    }
