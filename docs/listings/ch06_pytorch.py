# docs/listings/ch06_pytorch.py - Chapter 6 in PyTorch: autograd computes what the C++ code derives by hand.
# Run: /usr/bin/python3 docs/listings/ch06_pytorch.py   (Debian's python3-torch)
# CI runs it and checks that every number it prints also appears in ch06_learning_to_attend's output.
import math

import torch

F64 = torch.float64
torch.set_printoptions(precision=4)

# Step 1: the softmax's Jacobian, by autograd.
z = torch.tensor([2.0, 1.0, 0.1, -1.0], dtype=F64)
g = torch.tensor([0.5, -1.0, 0.25, 2.0], dtype=F64)
print("weights", torch.softmax(z, 0))
print("Jacobian", torch.autograd.functional.jacobian(lambda s: torch.softmax(s, 0), z))

# Step 4: the two languages. Source word i translates into target word i; adjectives follow their noun.
CLASSES = [["ta", "ko"], ["lun", "dri", "vas", "pem", "sok", "gir"],
           ["brel", "mosk", "tavi", "fend", "kuro", "plim", "sarn", "wodi"],
           ["zeta", "nupo", "rilk", "fosh", "gamu"], ["om", "ul", "ek"], ["yase", "bruk", "tilo"]]
FIRST = [sum(len(c) for c in CLASSES[:k]) for k in range(6)]
V = sum(len(c) for c in CLASSES)  # 27 words in each language


def sentences(seed, count):
    """[det] NP verb NP [prep NP] [adverb], NP = [adjective] noun; one row of torch.rand per sentence."""
    torch.manual_seed(seed)
    pairs = []
    for r in torch.rand(count, 16).double().tolist():
        words, kinds = [], []

        def add(k, x):
            words.append(FIRST[k] + min(int(x * len(CLASSES[k])), len(CLASSES[k]) - 1))
            kinds.append(k)

        def noun_phrase(i):
            if r[i] < 0.5:
                add(1, r[i + 1])
            add(2, r[i + 2])
        if r[0] < 0.3:
            add(0, r[1])
        noun_phrase(2)
        add(3, r[5])
        noun_phrase(6)
        if r[9] < 0.5:
            add(4, r[10])
            noun_phrase(11)
        if r[14] < 0.3:
            add(5, r[15])
        order, j = [], 0
        while j < len(words):  # adjective noun -> noun adjective
            order, j = (order + [j + 1, j], j + 2) if kinds[j] == 1 else (order + [j], j + 1)
        pairs.append((words, [words[p] for p in order]))
    return pairs


# The model: Elman RNN encoder and decoder, Luong-style attention, a read-out. Weights from seed 123.
E, H, SEED = 16, 16, 123


def initial_weights(seed):
    """Every parameter, drawn after torch.manual_seed(seed) in the C++ model's order."""
    torch.manual_seed(seed)
    u = lambda *shape, k: torch.empty(*shape).uniform_(-k, k).double().requires_grad_()  # noqa: E731
    E_src, E_tgt = u(V, E, k=1.0), u(V + 1, E, k=1.0)  # E_tgt row V is the start token <s>
    k = 1 / math.sqrt(H)
    enc = [u(H, E, k=k), u(H, H, k=k), u(H, k=k), u(H, k=k)]  # nn.RNN(E, H): weight_ih, weight_hh, bias_ih, bias_hh
    dec = [u(H, E, k=k), u(H, H, k=k), u(H, k=k), u(H, k=k)]
    W_query = torch.nn.Linear(H, H, bias=False).weight.detach().double().requires_grad_()
    read_out = torch.nn.Linear(2 * H, V)
    return [E_src, E_tgt, *enc, *dec, W_query, *(p.detach().double().requires_grad_() for p in read_out.parameters())]


def rnn(p, X, h):
    states = []
    for x in X:
        h = torch.tanh(p[0] @ x + p[2] + p[1] @ h + p[3])
        states.append(h)
    return torch.stack(states)


def first_above(probabilities, u):
    """The position a uniform u draws: the first whose running sum of probabilities exceeds u."""
    running = 0.0
    for j, p in enumerate(probabilities):
        running += p
        if u < running:
            return j
    return len(probabilities) - 1


def loss_of(params, batch, sampler=None, baseline=0.0):
    """The mean loss per target word, and what to differentiate. With a sampler: hard attention at a
    position drawn from the softmax, plus REINFORCE's surrogate (loss - baseline) * log p(draw)."""
    E_src, E_tgt, enc, dec, W_query, W_out, b_out = params[0], params[1], params[2:6], params[6:10], *params[10:]
    words = sum(len(target) for _, target in batch)
    uniforms = torch.rand(words, generator=sampler).double().tolist() if sampler else None
    total, surrogate, used = 0, 0, 0
    for source, target in batch:
        H_enc = rnn(enc, E_src[source], torch.zeros(H, dtype=F64))  # (T, H)
        S = rnn(dec, E_tgt[[V] + target[:-1]], H_enc[-1])  # (T, H): teacher forcing from s_0 = h_T
        scores = (S @ W_query.T) @ H_enc.T / math.sqrt(H)  # (T_dec, T_enc)
        weights = torch.softmax(scores, dim=1)
        if sampler:
            draws = [first_above(row, uniforms[used + t]) for t, row in enumerate(weights.detach().tolist())]
            log_p = torch.log_softmax(scores, dim=1)[range(len(target)), draws]  # log p(t, draw_t)
            weights = torch.nn.functional.one_hot(torch.tensor(draws), len(source)).double()
        used += len(target)
        logits = torch.cat([S, weights @ H_enc], dim=1) @ W_out.T + b_out  # (T, V)
        losses = torch.nn.functional.cross_entropy(logits, torch.tensor(target), reduction="none")
        total = total + losses.sum()
        if sampler:
            surrogate = surrogate + ((losses.detach() - baseline) * log_p).sum()
    return total / words, (total + surrogate) / words  # the alignment is nowhere in the loss


def train(params, steps, sampler=None):
    optimiser = torch.optim.Adam(params, lr=0.02)
    baseline = math.log(V)  # the loss of a uniform guess
    for step in range(steps):
        loss, objective = loss_of(params, data[step * 16:(step + 1) * 16], sampler, baseline)
        optimiser.zero_grad()
        objective.backward()
        optimiser.step()
        baseline = 0.9 * baseline + 0.1 * loss.item()
        print(f"step {step}: loss {loss.item():.4f}")


data = sentences(SEED + 1, 5 * 16)
train(initial_weights(SEED), 5)  # soft attention
# Step 6: the same model with sampled hard attention, trained by REINFORCE (draws from seed + 3).
train(initial_weights(SEED), 5, sampler=torch.Generator().manual_seed(SEED + 3))
