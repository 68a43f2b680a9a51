"""What every chapter's expected outputs share: float64, Chapter 1's sentence, seeded draws.

The workbook's chapters all use one sentence, "Your journey starts with one step", embedded in
three dimensions (d_in = 3). Chapters 2-4 draw their weights from PyTorch's generator with stated
seeds; `seeded_rand` is torch.rand after torch.manual_seed, held exactly in float64.
"""
import torch

F64 = torch.float64

SENTENCE_TOKENS = ["Your", "journey", "starts", "with", "one", "step"]
SENTENCE_INPUTS = [
    [0.43, 0.15, 0.89],  # Your
    [0.55, 0.87, 0.66],  # journey
    [0.57, 0.85, 0.64],  # starts
    [0.22, 0.58, 0.33],  # with
    [0.77, 0.25, 0.10],  # one
    [0.05, 0.80, 0.55],  # step
]



def seeded_rand(seed: int, *shape: int) -> torch.Tensor:
    torch.manual_seed(seed)
    return torch.rand(*shape).double()  # float32 draws, held exactly in doubles


def sentence() -> torch.Tensor:
    """The (T=6, d_in=3) embeddings of the sentence, float64."""
    return torch.tensor(SENTENCE_INPUTS, dtype=F64)
