# docs/listings/ch05_pytorch.py - Chapter 5 in PyTorch: the same numbers as the C++ program.
# Run: /usr/bin/python3 docs/listings/ch05_pytorch.py   (Debian's python3-torch)
# CI runs it and checks that every number it prints also appears in ch05_encoder_decoder_attention's output.
import math

import torch

F64 = torch.float64
D_EMB, D_HIDDEN, D_ATTN, D_OUT = 16, 8, 6, 4  # d_in, d_hidden, d_attn, d_out

# The bilingual embedding: a word = the concepts it is made of + 0.25 * noise of its own.
CONCEPTS = ["I", "be", "student", "a", "the", "cat", "sit", "on", "mat", "food", "eat", "progressive"]
LEXICON = [("Je", {"I": 1}), ("suis", {"be": 1}), ("étudiant", {"student": 1}), ("I", {"I": 1}),
           ("am", {"be": 1}), ("a", {"a": 1}), ("student", {"student": 1}), ("The", {"the": 1}),
           ("cat", {"cat": 1}), ("sat", {"sit": 1}), ("on", {"on": 1}), ("the", {"the": 1}),
           ("mat", {"mat": 1}), ("Le", {"the": 1}), ("chat", {"cat": 1}), ("était", {"sit": 1}),
           ("sur", {"on": 1}), ("le", {"the": 1}), ("tapis", {"mat": 1}), ("मैं", {"I": 1}),
           ("खाना", {"food": 1}), ("खा", {"eat": 1}), ("रहा", {"progressive": 1}), ("हूँ", {"be": 1}),
           ("eating", {"eat": 1, "progressive": 0.5})]
torch.manual_seed(123)
concepts = torch.rand(len(CONCEPTS), D_EMB).double() * 2 - 1
concepts = concepts / concepts.norm(dim=1, keepdim=True) * math.sqrt(D_EMB)  # length 4 each
noise = torch.rand(len(LEXICON), D_EMB).double() * 2 - 1
table = {}
for w, (word, mix) in enumerate(LEXICON):
    table[word] = 0.25 * noise[w]
    for name, amount in mix.items():
        table[word] = table[word] + amount * concepts[CONCEPTS.index(name)]

source, target = ["Je", "suis", "étudiant"], ["I", "am", "a", "student"]
src = torch.stack([table[w] for w in source])  # (T_enc, d_in) = (3, 16)
tgt = torch.stack([table[w] for w in target])  # (T_dec, d_in) = (4, 16)

# Every weight, in the program's order.
torch.manual_seed(123)
encoder = torch.nn.RNN(D_EMB, D_HIDDEN).double()  # weight_ih, weight_hh, bias_ih, bias_hh
decoder = torch.nn.RNN(D_EMB, D_HIDDEN).double()
linear = lambda i, o: torch.nn.Linear(i, o, bias=False).weight.detach().double()  # noqa: E731
W_general = linear(D_HIDDEN, D_HIDDEN)  # (d_s, d_h)
W_s, W_h, v = linear(D_HIDDEN, D_ATTN), linear(D_HIDDEN, D_ATTN), linear(D_ATTN, 1).reshape(-1)
W_query, W_key, W_value = (linear(D_HIDDEN, D_OUT) for _ in range(3))

with torch.no_grad():
    H, _ = encoder(src.unsqueeze(1))  # nn.RNN is time-major: (T_enc, B=1, d_hidden)
    H = H[:, 0]  # encoder states (T_enc, d_hidden)
    dec_in = torch.cat([torch.zeros(1, D_EMB, dtype=F64), tgt[:-1]])  # <s>, then the previous word
    S, _ = decoder(dec_in.unsqueeze(1), H[-1].reshape(1, 1, -1))  # starts from s_0 = h_T_enc
    S = S[:, 0]  # decoder states (T_dec, d_hidden)

    t = 2  # writing "am": Luong scores with s_t, Bahdanau with s_(t-1)
    for who, s in [("Luong s_2", S[t - 1]), ("Bahdanau s_1", S[t - 2])]:
        scores = torch.stack([H @ s,                                    # dot
                              (s @ W_general) @ H.T,                    # general: s^T W h_j
                              torch.tanh(W_s @ s + H @ W_h.T) @ v,      # additive: v . tanh(W_s s + W_h h_j)
                              H @ s / math.sqrt(D_HIDDEN)])             # scaled dot
        print(who, "scores (dot, general, additive, scaled):")
        print(scores)

    # Cross-attention: queries from the decoder, keys and values from the encoder.
    Q, K, V = S @ W_query.T, H @ W_key.T, H @ W_value.T  # (T_dec, d_out), (T_enc, d_out), (T_enc, d_out)
    weights = torch.softmax(Q @ K.T / math.sqrt(D_OUT), dim=-1)  # (T_dec, T_enc), over the encoder positions
    contexts = weights @ V  # (T_dec, d_out)

    # The alignment: identity projections on the bilingual embeddings.
    align_scores = tgt @ src.T / math.sqrt(D_EMB)  # (T_dec, T_enc)
    alignment = torch.softmax(align_scores, dim=-1)
    sweep = torch.stack([torch.softmax(align_scores[-1] / tau, dim=0) for tau in [0.5, 1.0, 2.0, 10.0, 100.0]])

torch.set_printoptions(precision=4, sci_mode=False)
for name, x in [("encoder states", H), ("decoder states", S), ("cross-attention weights", weights),
                ("cross-attention contexts", contexts), ("alignment", alignment),
                ("student at tau = 0.5, 1, 2, 10, 100", sweep)]:
    print(name, tuple(x.shape))
    print(x)
