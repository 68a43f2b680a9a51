"""Chapter 5's expected outputs: encoder-decoder attention (RNN encoder, scoring functions,
cross-attention, alignments of translation pairs, hard versus soft attention, the bottleneck).

Read by tests/ch05/ through common/include/wb/expected.hpp; made by make_expected.py. Everything
is drawn from PyTorch's generator with the seeds below, in the order written here; the chapter
program (chapters/ch05_encoder_decoder_attention) draws the same numbers with wb::TorchGenerator.
"""
import math

import torch

from wbtorch import F64

NOTE = "Chapter 5, encoder-decoder attention; nn.RNN and the scoring functions in float64."

SEED = 123
D_EMB = 16  # d_in: the size of a word embedding
D_HIDDEN = 8  # the RNN state size, for the encoder and the decoder
D_ATTN = 6  # the hidden size of additive (Bahdanau) scoring
D_OUT = 4  # the size of a query, key or value in cross-attention
NOISE = 0.25  # how far a word sits from its concept in the bilingual embedding
STEP = 2  # the decoder step (counting from 1) at which the scores are compared
TEMPERATURES = [0.01, 0.1, 0.5, 1.0, 2.0, 10.0, 100.0]
BOTTLENECK = dict(vocabulary=8, T_max=8, n_train=400, n_test=200)

# The translation pairs: (source, target). The source is what the encoder reads.
PAIRS = [
    (["Je", "suis", "étudiant"], ["I", "am", "a", "student"]),
    (["The", "cat", "sat", "on", "the", "mat"], ["Le", "chat", "était", "sur", "le", "tapis"]),
    (["मैं", "खाना", "खा", "रहा", "हूँ"], ["I", "am", "eating"]),
]

# The bilingual embedding: each word is a mix of shared "concepts" plus a little noise of its
# own, so a word and its translation lie close together. Built by hand, in this order.
CONCEPTS = ["I", "be", "student", "a", "the", "cat", "sit", "on", "mat", "food", "eat", "progressive"]
LEXICON = [  # (word, {concept: amount})
    ("Je", {"I": 1.0}), ("suis", {"be": 1.0}), ("étudiant", {"student": 1.0}),
    ("I", {"I": 1.0}), ("am", {"be": 1.0}), ("a", {"a": 1.0}), ("student", {"student": 1.0}),
    ("The", {"the": 1.0}), ("cat", {"cat": 1.0}), ("sat", {"sit": 1.0}), ("on", {"on": 1.0}),
    ("the", {"the": 1.0}), ("mat", {"mat": 1.0}),
    ("Le", {"the": 1.0}), ("chat", {"cat": 1.0}), ("était", {"sit": 1.0}), ("sur", {"on": 1.0}),
    ("le", {"the": 1.0}), ("tapis", {"mat": 1.0}),
    ("मैं", {"I": 1.0}), ("खाना", {"food": 1.0}), ("खा", {"eat": 1.0}), ("रहा", {"progressive": 1.0}),
    ("हूँ", {"be": 1.0}), ("eating", {"eat": 1.0, "progressive": 0.5}),
]


def lexicon(seed: int) -> dict:
    """word -> embedding (D_EMB): concepts of length sqrt(D_EMB), plus NOISE times a word's own draw."""
    torch.manual_seed(seed)
    concepts = torch.rand(len(CONCEPTS), D_EMB).double() * 2 - 1
    concepts = concepts / concepts.norm(dim=1, keepdim=True) * math.sqrt(D_EMB)
    noise = torch.rand(len(LEXICON), D_EMB).double() * 2 - 1
    table = {}
    for w, (word, mix) in enumerate(LEXICON):
        vector = NOISE * noise[w]
        for concept, amount in mix.items():
            vector = vector + amount * concepts[CONCEPTS.index(concept)]
        table[word] = vector
    return table


def model(seed: int) -> dict:
    """Every trainable weight of the chapter, drawn in this order after torch.manual_seed(seed)."""
    torch.manual_seed(seed)
    m = {"encoder": torch.nn.RNN(D_EMB, D_HIDDEN).double(), "decoder": torch.nn.RNN(D_EMB, D_HIDDEN).double()}
    linear = lambda i, o: torch.nn.Linear(i, o, bias=False).weight.detach().double()  # noqa: E731
    m["W_general"] = linear(D_HIDDEN, D_HIDDEN)  # (d_s, d_h)
    m["W_s"] = linear(D_HIDDEN, D_ATTN)  # (d_attn, d_s)
    m["W_h"] = linear(D_HIDDEN, D_ATTN)  # (d_attn, d_h)
    m["v"] = linear(D_ATTN, 1).reshape(-1)  # (d_attn)
    m["W_query"], m["W_key"], m["W_value"] = (linear(D_HIDDEN, D_OUT) for _ in range(3))
    m["W_query_emb"], m["W_key_emb"], m["W_value_emb"] = (linear(D_EMB, D_OUT) for _ in range(3))
    return m


def rnn(layer, inputs, h_0=None):
    """nn.RNN on one sequence (T, d_in) -> all states (T, d_hidden)."""
    hx = None if h_0 is None else h_0.reshape(1, 1, -1)
    out, _ = layer(inputs.unsqueeze(1), hx)
    return out.squeeze(1).detach()


def dot(s, H):
    return H @ s


def general(s, H, W):
    return (s @ W) @ H.T  # s^T W h_j


def additive(s, H, W_s, W_h, v):
    return torch.tanh(W_s @ s + H @ W_h.T) @ v  # v . tanh(W_s s + W_h h_j)


def scaled(s, H):
    return H @ s / math.sqrt(s.shape[0])


def cross_attention(decoder, encoder, W_query, W_key, W_value):
    """(B, T_dec, d_dec), (B, T_enc, d_enc) -> dict of every intermediate."""
    q, k, v = decoder @ W_query.T, encoder @ W_key.T, encoder @ W_value.T
    scores = q @ k.transpose(1, 2) / math.sqrt(W_query.shape[0])
    weights = torch.softmax(scores, dim=-1)  # over the encoder positions
    return {"queries": q, "keys": k, "values": v, "scores": scores, "weights": weights, "contexts": weights @ v}


def embed(table, words):
    return torch.stack([table[w] for w in words])


def bottleneck(encoder, seed, vocabulary, T_max, n_train, n_test):
    """Accuracy of a ridge read-out of each source token from three kinds of context."""
    torch.manual_seed(seed)
    d_in = encoder.weight_ih_l0.shape[1]
    vocab = torch.rand(vocabulary, d_in).double() * 2 - 1
    train_ids = (torch.rand(n_train, T_max) * vocabulary).floor().long()
    test_ids = (torch.rand(n_test, T_max) * vocabulary).floor().long()

    def encode(ids):
        out, _ = encoder(vocab[ids].transpose(0, 1))  # (T_max, n, d_hidden): nn.RNN is time-major
        return out.transpose(0, 1).detach()  # (n, T_max, d_hidden)

    train_states, test_states = encode(train_ids), encode(test_ids)

    def context(states, T, j, kind):
        c = [states[:, T - 1], states[:, :T].sum(dim=1) / T, states[:, j]][kind]
        return torch.cat([c, torch.ones(c.shape[0], 1, dtype=F64)], dim=1)  # with a bias column

    accuracy = torch.zeros(T_max, 3, dtype=F64)
    by_position = torch.zeros(3, T_max, dtype=F64)
    for T in range(1, T_max + 1):
        for kind in range(3):
            total = 0.0
            for j in range(T):
                A = context(train_states, T, j, kind)
                Y = torch.nn.functional.one_hot(train_ids[:, j], vocabulary).double()
                W = torch.linalg.solve(A.T @ A + 1e-6 * torch.eye(A.shape[1], dtype=F64), A.T @ Y)
                predicted = (context(test_states, T, j, kind) @ W).argmax(dim=1)
                acc = (predicted == test_ids[:, j]).sum().item() / n_test
                total += acc
                if T == T_max:
                    by_position[kind, j] = acc
            accuracy[T - 1, kind] = total / T
    return accuracy, by_position


def tensors() -> dict:
    out = {}
    table = lexicon(SEED)
    m = model(SEED)
    enc, dec = m["encoder"], m["decoder"]
    for name, layer in [("encoder", enc), ("decoder", dec)]:
        for p in ["weight_ih", "weight_hh", "bias_ih", "bias_hh"]:
            out[f"{name}/{p}"] = getattr(layer, p + "_l0").detach()
    for name in ["W_general", "W_s", "W_h", "v", "W_query", "W_key", "W_value", "W_query_emb", "W_key_emb",
                 "W_value_emb"]:
        out[name] = m[name]

    # nn.RNN's draws for other seeds and sizes, for the check of rnn_weights.
    for seed, d_in, d_hidden in [(0, 3, 5), (7, 16, 8), (42, 1, 1)]:
        torch.manual_seed(seed)
        layer = torch.nn.RNN(d_in, d_hidden)
        for p in ["weight_ih", "weight_hh", "bias_ih", "bias_hh"]:
            out[f"rnn_draws/seed{seed}/in{d_in}_hidden{d_hidden}/{p}"] = getattr(layer, p + "_l0").detach().double()

    # The encoder and decoder on pair 1 (the default of the program).
    source, target = PAIRS[0]
    src, tgt = embed(table, source), embed(table, target)
    enc_states = rnn(enc, src)  # (T_enc, d_hidden), h_0 = 0
    dec_inputs = torch.cat([torch.zeros(1, D_EMB, dtype=F64), tgt[:-1]])  # <s>, then the previous word
    dec_states = rnn(dec, dec_inputs, enc_states[-1])  # (T_dec, d_hidden), s_0 = the last encoder state
    out.update({"source_tokens": source, "target_tokens": target, "source_embeddings": src,
                "target_embeddings": tgt, "encoder_states": enc_states, "decoder_inputs": dec_inputs,
                "decoder_states": dec_states})

    # Scores at decoder step STEP: Luong with the current state s_t, Bahdanau with s_{t-1}.
    states = {"luong": dec_states[STEP - 1], "bahdanau": dec_states[STEP - 2]}
    for who, s in states.items():
        out[f"state_{who}"] = s
        out[f"dot_{who}"] = dot(s, enc_states)
        out[f"general_{who}"] = general(s, enc_states, m["W_general"])
        out[f"additive_{who}"] = additive(s, enc_states, m["W_s"], m["W_h"], m["v"])
        out[f"scaled_{who}"] = scaled(s, enc_states)
    for who, kind in [("bahdanau", "additive"), ("luong", "general")]:
        weights = torch.softmax(out[f"{kind}_{who}"], dim=0)
        out[f"weights_{kind}_{who}"] = weights
        out[f"context_{kind}_{who}"] = weights @ enc_states

    # Every decoder step, both ways: Bahdanau (additive, s_(t-1), s_0 at step 1), Luong (general, s_t).
    s_0 = enc_states[-1]
    previous = torch.cat([s_0.unsqueeze(0), dec_states[:-1]])  # row t-1 is s_(t-1)
    for who, states_t, score in [
            ("bahdanau", previous, lambda s: additive(s, enc_states, m["W_s"], m["W_h"], m["v"])),
            ("luong", dec_states, lambda s: general(s, enc_states, m["W_general"]))]:
        weights = torch.stack([torch.softmax(score(s), dim=0) for s in states_t])  # (T_dec, T_enc)
        out[f"steps/{who}/weights"] = weights
        out[f"steps/{who}/contexts"] = weights @ enc_states  # (T_dec, d_hidden)

    # Cross-attention: the decoder's states query the encoder's states (B = 1).
    cross = cross_attention(dec_states.unsqueeze(0), enc_states.unsqueeze(0), m["W_query"], m["W_key"], m["W_value"])
    for name, t in cross.items():
        out[f"cross/{name}"] = t
    self_att = cross_attention(enc_states.unsqueeze(0), enc_states.unsqueeze(0), m["W_query"], m["W_key"],
                               m["W_value"])
    out["self/contexts"] = self_att["contexts"]
    out["self/weights"] = self_att["weights"]

    # Alignments: the bilingual embeddings through cross-attention with identity projections.
    eye = torch.eye(D_EMB, dtype=F64)
    for p, (source_p, target_p) in enumerate(PAIRS, start=1):
        src_p, tgt_p = embed(table, source_p).unsqueeze(0), embed(table, target_p).unsqueeze(0)
        out[f"pair{p}/source_tokens"] = source_p
        out[f"pair{p}/target_tokens"] = target_p
        out[f"pair{p}/source_embeddings"] = src_p[0]
        out[f"pair{p}/target_embeddings"] = tgt_p[0]
        aligned = cross_attention(tgt_p, src_p, eye, eye, eye)
        out[f"pair{p}/alignment_scores"] = aligned["scores"][0]
        out[f"pair{p}/alignment"] = aligned["weights"][0]
        random = cross_attention(tgt_p, src_p, m["W_query_emb"], m["W_key_emb"], m["W_value_emb"])
        out[f"pair{p}/random_alignment"] = random["weights"][0]

    # Hard versus soft on pair 1's last target word ("student"), reading the encoder states.
    row = out["pair1/alignment_scores"][-1]  # (T_enc)
    out["hard_soft/scores"] = row
    best = int(torch.argmax(row))
    out["hard_soft/hard_weights"] = torch.nn.functional.one_hot(torch.tensor(best), row.shape[0]).double()
    out["hard_soft/hard_context"] = enc_states[best]
    out["temperatures"] = torch.tensor(TEMPERATURES, dtype=F64)
    sweep = torch.stack([torch.softmax(row / t, dim=0) for t in TEMPERATURES])  # (7, T_enc)
    out["hard_soft/weights_by_temperature"] = sweep
    out["hard_soft/contexts_by_temperature"] = sweep @ enc_states

    accuracy, by_position = bottleneck(enc, SEED, **BOTTLENECK)
    out["bottleneck/accuracy"] = accuracy
    out["bottleneck/accuracy_by_position"] = by_position
    return out
