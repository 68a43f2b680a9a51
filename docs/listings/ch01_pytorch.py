# docs/listings/ch01_pytorch.py - Chapter 1 in PyTorch: the same numbers as the C++ program.
# Run: /usr/bin/python3 docs/listings/ch01_pytorch.py   (Debian's python3-torch)
# CI runs it and checks that every number it prints also appears in ch01_simplified_self_attention's output.
import torch

inputs = torch.tensor(
    [[0.43, 0.15, 0.89],   # Your
     [0.55, 0.87, 0.66],   # journey
     [0.57, 0.85, 0.64],   # starts
     [0.22, 0.58, 0.33],   # with
     [0.77, 0.25, 0.10],   # one
     [0.05, 0.80, 0.55]],  # step
    dtype=torch.float64)                       # inputs (T, d_in) = (6, 3)

# Steps 1-3 for one query: x^(2), "journey", row 1.
query_2 = inputs[1]                            # query_2 (d_in)
scores_2 = inputs @ query_2                    # scores_2 (T)
weights_2 = torch.softmax(scores_2, dim=0)     # weights_2 (T), sums to 1
context_2 = weights_2 @ inputs                 # context_2 (d_in)

# All queries at once.
scores = inputs @ inputs.T                     # scores (T, T)
weights = torch.softmax(scores, dim=-1)        # weights (T, T), each row sums to 1
contexts = weights @ inputs                    # contexts (T, d_in)

torch.set_printoptions(precision=4)
for name, t in [("scores_2", scores_2), ("weights_2", weights_2), ("context_2", context_2),
                ("scores", scores), ("weights", weights), ("contexts", contexts)]:
    print(name, tuple(t.shape))
    print(t)
print("row sums:", weights.sum(dim=-1))
