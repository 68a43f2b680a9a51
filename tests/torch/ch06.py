"""Chapter 6's expected outputs: learning to attend. PyTorch's autograd and torch.optim.Adam are
the oracle for every gradient and every training loss the C++ code computes by hand.

Read by tests/ch06/ through common/include/wb/expected.hpp; made by make_expected.py. Weights and
data are drawn from PyTorch's generator with the seeds below (float32 draws held in float64), in
the order written here; exercises/ch06/given_*.cpp draw the same numbers with wb::TorchGenerator.
"""
import math

import torch

from wbtorch import F64, sentence

NOTE = "Chapter 6, learning to attend; autograd gradients and torch.optim.Adam losses in float64."

# ---- The two made-up languages (exercises/ch06/given_translation.cpp) ------------------------
DET, ADJ = ["ta", "ko"], ["lun", "dri", "vas", "pem", "sok", "gir"]
NOUN = ["brel", "mosk", "tavi", "fend", "kuro", "plim", "sarn", "wodi"]
VERB, PREP, ADV = ["zeta", "nupo", "rilk", "fosh", "gamu"], ["om", "ul", "ek"], ["yase", "bruk", "tilo"]
CLASSES = [DET, ADJ, NOUN, VERB, PREP, ADV]
FIRST = [sum(len(c) for c in CLASSES[:k]) for k in range(len(CLASSES))]
V_SRC = sum(len(c) for c in CLASSES)  # 27; target word i translates source word i
V_TGT = V_SRC


def make_sentences(seed: int, count: int):
    """[(source ids, target ids, alignment)]: [det] NP verb NP [prep NP] [adverb], NP = [adj] noun;
    the target puts every adjective after its noun."""
    torch.manual_seed(seed)
    u = torch.rand(count, 16).double().tolist()
    pairs = []
    for r in u:
        words, kinds = [], []

        def add(k, x):
            n = len(CLASSES[k])
            words.append(FIRST[k] + min(int(x * n), n - 1))
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
        alignment, j = [], 0
        while j < len(words):
            if kinds[j] == 1:
                alignment += [j + 1, j]
                j += 2
            else:
                alignment.append(j)
                j += 1
        pairs.append((words, [words[p] for p in alignment], alignment))
    return pairs


# ---- The translation model (exercises/ch06/given_model.cpp) ----------------------------------
class Model:
    """Elman RNN encoder and decoder, Luong-style scaled attention, a linear read-out from
    [decoder state, context]. attending: "soft", "hard" (argmax), "sampled" (a draw from the
    softmax, trained by REINFORCE) or "none" (the context is the encoder's last state)."""

    def __init__(self, seed, d_embed=16, hidden=16, attending="soft"):
        torch.manual_seed(seed)
        uniform = lambda *shape, k: torch.empty(*shape).uniform_(-k, k).double()  # noqa: E731
        self.E, self.H, self.attending = d_embed, hidden, attending
        self.E_src = uniform(V_SRC, d_embed, k=1.0)
        self.E_tgt = uniform(V_TGT + 1, d_embed, k=1.0)  # row V_TGT: the start token <s>
        k = 1 / math.sqrt(hidden)
        self.enc = [uniform(hidden, d_embed, k=k), uniform(hidden, hidden, k=k), uniform(hidden, k=k),
                    uniform(hidden, k=k)]  # nn.RNN's weight_ih, weight_hh, bias_ih, bias_hh
        self.dec = [uniform(hidden, d_embed, k=k), uniform(hidden, hidden, k=k), uniform(hidden, k=k),
                    uniform(hidden, k=k)]
        self.W_query = torch.nn.Linear(hidden, hidden, bias=False).weight.detach().double()
        out = torch.nn.Linear(2 * hidden, V_TGT)
        self.W_out, self.b_out = out.weight.detach().double(), out.bias.detach().double()
        self.params = [self.E_src, self.E_tgt, *self.enc, *self.dec, self.W_out, self.b_out]
        if attending in ("soft", "sampled"):
            self.params.append(self.W_query)  # argmax attention never reaches it: no gradient at all
        self.sampler = torch.Generator().manual_seed(seed + 3)  # the draws of "sampled"
        self.baseline = math.log(V_TGT)  # the loss of a uniform guess
        for p in self.params:
            p.requires_grad_()

    @staticmethod
    def rnn(p, X, h):
        out = []
        for t in range(X.shape[0]):
            h = torch.tanh(p[0] @ X[t] + p[2] + p[1] @ h + p[3])
            out.append(h)
        return torch.stack(out)

    def forward(self, source, target, uniforms=None):
        """(logits, weights, log-policy at the draws); the draws only for "sampled" with uniforms."""
        X = self.E_src[source]  # (T, E)
        H_enc = self.rnn(self.enc, X, torch.zeros(self.H, dtype=F64))  # (T, H)
        Y_in = self.E_tgt[[V_TGT] + target[:-1]]  # (T, E): <s>, then the previous target word
        S = self.rnn(self.dec, Y_in, H_enc[-1])  # (T, H), from s_0 = the encoder's last state
        if self.attending == "none":
            C = H_enc[-1].expand(len(target), -1)  # the last state, at every step
            return torch.cat([S, C], dim=1) @ self.W_out.T + self.b_out, None, None
        scores = (S @ self.W_query.T) @ H_enc.T / math.sqrt(self.H)  # (T_dec, T_enc)
        log_at_draws = None
        if self.attending == "soft":
            weights = torch.softmax(scores, dim=1)
        elif self.attending == "sampled" and uniforms is not None:
            log_policy = torch.log_softmax(scores, dim=1)
            policy = torch.softmax(scores, dim=1).detach().tolist()
            draws = [draw(row, u) for row, u in zip(policy, uniforms)]
            log_at_draws = log_policy[range(len(draws)), draws]
            weights = torch.nn.functional.one_hot(torch.tensor(draws), scores.shape[1]).double()
        else:  # argmax: a constant as far as autograd is concerned
            weights = torch.nn.functional.one_hot(scores.argmax(dim=1), scores.shape[1]).double()
        C = weights @ H_enc  # (T, H)
        return torch.cat([S, C], dim=1) @ self.W_out.T + self.b_out, weights, log_at_draws

    def loss(self, batch):
        """The mean loss per target word, and what to differentiate (for "sampled", plus the
        REINFORCE surrogate sum_t (loss_t - baseline) log p(draw_t), the losses held constant)."""
        words = sum(len(target) for _, target, _ in batch)
        uniforms = torch.rand(words, generator=self.sampler).double().tolist() if self.attending == "sampled" else None
        total, surrogate, used = 0, 0, 0
        for source, target, _ in batch:
            draws = uniforms[used:used + len(target)] if uniforms else None
            used += len(target)
            logits, _, log_at_draws = self.forward(source, target, draws)
            losses = torch.nn.functional.cross_entropy(logits, torch.tensor(target), reduction="none")
            total = total + losses.sum()
            if log_at_draws is not None:
                surrogate = surrogate + ((losses.detach() - self.baseline) * log_at_draws).sum()
        loss = total / words
        if self.attending == "sampled":
            self.baseline = 0.9 * self.baseline + 0.1 * loss.item()
        return loss, (total + surrogate) / words


def draw(p, u):
    """The first position whose running sum of probabilities exceeds u (the last one otherwise)."""
    running = 0.0
    for j, pj in enumerate(p):
        running += pj
        if u < running:
            return j
    return len(p) - 1


def train_losses(seed, hidden, attending, steps=20, batch=16, lr=0.02):
    model = Model(seed, hidden=hidden, attending=attending)
    data = make_sentences(seed + 1, steps * batch)
    optimiser = torch.optim.Adam(model.params, lr=lr)
    losses = []
    for step in range(steps):
        loss, objective = model.loss(data[step * batch:(step + 1) * batch])
        optimiser.zero_grad()
        objective.backward()
        optimiser.step()
        losses.append(loss.item())
    return torch.tensor(losses, dtype=F64), model.baseline


# ---- Steps 1-3: the softmax, attention and the layers, by autograd ---------------------------
def rand(seed, *shape, low=-1.0, high=1.0):
    torch.manual_seed(seed)
    return (torch.rand(*shape).double() * (high - low) + low)


def softmax_case(out, name, z, g):
    z = z.clone().requires_grad_()
    p = torch.softmax(z, dim=0)
    p.backward(g)
    out[f"{name}/scores"], out[f"{name}/d_weights"] = z.detach(), g
    out[f"{name}/weights"], out[f"{name}/d_scores"] = p.detach(), z.grad
    out[f"{name}/jacobian"] = torch.autograd.functional.jacobian(lambda x: torch.softmax(x, dim=0), z.detach())


def attention_case(out, name, Q, K, V, dO, causal):
    Q, K, V = (x.clone().requires_grad_() for x in (Q, K, V))
    scores = Q @ K.T / math.sqrt(Q.shape[1])
    if causal:
        scores = scores.masked_fill(torch.triu(torch.ones_like(scores, dtype=torch.bool), diagonal=1), -math.inf)
    scores.retain_grad()
    weights = torch.softmax(scores, dim=1)
    weights.retain_grad()
    output = weights @ V
    output.backward(dO)
    for key, value in [("queries", Q), ("keys", K), ("values", V)]:
        out[f"{name}/{key}"] = value.detach()
        out[f"{name}/d_{key}"] = value.grad
    out[f"{name}/d_output"] = dO
    out[f"{name}/weights"], out[f"{name}/output"] = weights.detach(), output.detach()
    out[f"{name}/d_weights"], out[f"{name}/d_scores"] = weights.grad, scores.grad


def layer_case(out, name, seed, x, d_out, heads, out_proj, causal):
    torch.manual_seed(seed)
    d_in = x.shape[1]
    Wq, Wk, Wv = (torch.nn.Linear(d_in, d_out, bias=False).weight.detach().double().requires_grad_()
                  for _ in range(3))
    if out_proj:
        proj = torch.nn.Linear(d_out, d_out)
        Wo, bo = proj.weight.detach().double().requires_grad_(), proj.bias.detach().double().requires_grad_()
    x = x.clone().requires_grad_()
    T, hd = x.shape[0], d_out // heads
    q = (x @ Wq.T).view(T, heads, hd).transpose(0, 1)  # (heads, T, hd)
    k = (x @ Wk.T).view(T, heads, hd).transpose(0, 1)
    v = (x @ Wv.T).view(T, heads, hd).transpose(0, 1)
    scores = q @ k.transpose(1, 2) / math.sqrt(hd)
    if causal:
        scores = scores.masked_fill(torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1), -math.inf)
    context = (torch.softmax(scores, dim=-1) @ v).transpose(0, 1).reshape(T, d_out)
    y = context @ Wo.T + bo if out_proj else context
    torch.manual_seed(seed + 1)
    dy = torch.rand(T, d_out).double() * 2 - 1
    y.backward(dy)
    out[f"{name}/inputs"], out[f"{name}/output"], out[f"{name}/d_output"] = x.detach(), y.detach(), dy
    out[f"{name}/d_inputs"] = x.grad
    for key, value in [("W_query", Wq), ("W_key", Wk), ("W_value", Wv)] + (
            [("W_out", Wo), ("b_out", bo)] if out_proj else []):
        out[f"{name}/{key}"], out[f"{name}/d_{key}"] = value.detach(), value.grad


def adam_case(out, name, seed, n, steps, lr, betas, eps):
    params = rand(seed, n).requires_grad_()
    out[f"{name}/params0"] = params.detach().clone()
    optimiser = torch.optim.Adam([params], lr=lr, betas=betas, eps=eps)
    for step in range(steps):
        grad = rand(seed + 1 + step, n, low=-2.0, high=2.0)
        if step == 1:
            grad[0] = 0.0  # a zero gradient: the step still moves the parameter through m
        params.grad = grad.clone()
        optimiser.step()
        out[f"{name}/grads{step}"] = grad
        out[f"{name}/params{step + 1}"] = params.detach().clone()
    out[f"{name}/settings"] = torch.tensor([lr, betas[0], betas[1], eps], dtype=F64)


def reinforce_case(out, name, scores, sampled, losses, baseline):
    z = scores.clone().requires_grad_()
    log_p = torch.log_softmax(z, dim=1)
    ((losses - baseline) * log_p[range(len(sampled)), sampled]).sum().backward()
    out[f"{name}/weights"], out[f"{name}/d_scores"] = torch.softmax(scores, dim=1), z.grad
    out[f"{name}/sampled"] = torch.tensor(sampled, dtype=F64)
    out[f"{name}/losses"], out[f"{name}/baseline"] = losses, torch.tensor([baseline], dtype=F64)


def tensors() -> dict:
    out = {}
    # Step 1: the softmax's Jacobian and its vector-Jacobian product.
    softmax_case(out, "softmax", torch.tensor([2.0, 1.0, 0.1, -1.0], dtype=F64),
                 torch.tensor([0.5, -1.0, 0.25, 2.0], dtype=F64))
    softmax_case(out, "softmax_large", torch.tensor([1000.0, 999.0, 998.5], dtype=F64),
                 torch.tensor([1.0, 2.0, -3.0], dtype=F64))
    # Cross-entropy (6.3): a small vocabulary, and logits near 1000 where the naive way overflows.
    for name, logits, target in [("cross_entropy", torch.tensor([1.5, -0.5, 0.25, 3.0, 0.0, -2.0], dtype=F64), 2),
                                 ("cross_entropy_large", torch.tensor([1000.0, 1001.0, 998.0], dtype=F64), 0)]:
        z = logits.clone().requires_grad_()
        loss = torch.nn.functional.cross_entropy(z.unsqueeze(0), torch.tensor([target]))
        loss.backward()
        out[f"{name}/logits"], out[f"{name}/target"] = logits, torch.tensor([float(target)], dtype=F64)
        out[f"{name}/loss"], out[f"{name}/d_logits"] = loss.detach().reshape(1), z.grad
    # Step 2: scaled dot-product attention, cross (T_q != T_k) and causal.
    attention_case(out, "cross", rand(11, 4, 3), rand(12, 5, 3), rand(13, 5, 2), rand(14, 4, 2), False)
    attention_case(out, "causal", rand(21, 5, 3), rand(22, 5, 3), rand(23, 5, 2), rand(24, 5, 2), True)
    # Step 3: the layers of Chapters 2-4 on the workbook's sentence.
    x = sentence()
    layer_case(out, "layer_ch02", 789, x, 2, 1, False, False)
    layer_case(out, "layer_ch03", 789, x, 2, 1, False, True)
    layer_case(out, "layer_ch04", 123, x, 4, 2, True, True)
    # Adam (6.8), against torch.optim.Adam.
    adam_case(out, "adam", 31, 5, 4, 0.1, (0.9, 0.999), 1e-8)
    adam_case(out, "adam_other", 41, 3, 3, 0.5, (0.5, 0.75), 0.1)
    # REINFORCE (6.10): the gradient of the surrogate sum_t (loss_t - b) log p(t, sampled_t).
    reinforce_case(out, "reinforce", rand(51, 4, 5, low=-2.0, high=2.0), [1, 4, 0, 2],
                   rand(52, 4, low=0.0, high=3.0), 1.5)
    reinforce_case(out, "reinforce_below", rand(53, 3, 4, low=-2.0, high=2.0), [0, 0, 3],
                   rand(54, 3, low=0.0, high=3.0), 5.0)
    # Step 4: the data, and the first 20 training losses of each model.
    for seed in (123, 7):
        pairs = make_sentences(seed + 1, 3)
        for s, (source, target, alignment) in enumerate(pairs):
            for key, value in [("source", source), ("target", target), ("alignment", alignment)]:
                out[f"data/seed{seed}/{s}/{key}"] = torch.tensor(value, dtype=F64)
    for seed, hidden in [(123, 16), (7, 8)]:
        for attending in ("soft", "hard", "sampled", "none"):
            losses, baseline = train_losses(seed, hidden, attending)
            out[f"train/seed{seed}_hidden{hidden}/{attending}/losses"] = losses
            if attending == "sampled":
                out[f"train/seed{seed}_hidden{hidden}/sampled/baseline"] = torch.tensor([baseline], dtype=F64)
    return out
