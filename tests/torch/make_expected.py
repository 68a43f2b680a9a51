#!/usr/bin/python3
"""Make the stored expected outputs of the Attention Workbook with PyTorch.

Every number the tests compare against lives in tests/expected/<name>.json, and every one of
those numbers is computed here, by PyTorch. None of them is ever produced by the workbook's own
C++ solutions: a reference made by the code under test would only check that the code agrees with
itself. This way a learner's numbers are the numbers PyTorch gives, and anyone can reproduce them.

What it writes:
  tests/expected/chNN.json  the tensors of chapter NN, computed in float64 (torch.float64);
  tests/expected/rng.json   draws of PyTorch's CPU random generator (torch.rand, nn.Linear's
                            initialisation, nn.Dropout's masks), for wb::TorchGenerator's test.

Usage (from the workbook's root, with Debian's PyTorch: apt-get install python3-torch):
  /usr/bin/python3 tests/torch/make_expected.py           # (re)write every file
  /usr/bin/python3 tests/torch/make_expected.py --check   # recompute in memory, compare exactly

File format (read by common/src/expected.cpp):
  {"meta": {"made_by": ..., "note": ..., "torch": <torch.__version__>},
   "tensors": {"<name>": {"data": [flat row-major values], "shape": [...]},
               "<name>": ["a", "list", "of", "strings"]}}
A non-finite value is written as the string "inf", "-inf" or "nan". Floats are written with
Python's repr, which reads back to the same double. Keys are sorted and there is no timestamp, so
the same PyTorch gives the same bytes and --check can compare exactly.

Adding a chapter: write tests/torch/chNN.py with NOTE = "<one sentence>" and
`def tensors() -> dict` returning {name: tensor or list of strings}; it is found by its name.
Shared pieces (the sentence, float64, seeded draws) are in tests/torch/wbtorch.py.
"""

import argparse
import glob
import importlib
import json
import math
import os
import sys

try:
    import torch
except ImportError:
    sys.stderr.write(
        "make_expected.py: cannot import torch.\n"
        "  run it with /usr/bin/python3 (Debian's Python); install python3-torch:\n"
        "      sudo apt-get install -y python3-torch\n")
    sys.exit(2)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXPECTED_DIR = os.path.join(ROOT, "tests", "expected")
MADE_BY = "tests/torch/make_expected.py"

from wbtorch import F64, seeded_rand  # noqa: E402  (after the torch check)


# --------------------------------------------------------------------------------------------
# PyTorch's CPU generator, for tests/common/test_torch_rng.cpp (wb::TorchGenerator).

RNG_SEEDS = [0, 1, 42, 123, 789, 4294967295]
RAND_SHAPES = [(3, 2), (6, 3), (1, 7), (5, 4)]
LINEAR_CASES = [(3, 2, False), (3, 2, True), (5, 4, True), (16, 3, True)]  # (in, out, bias)
DROPOUT_PS = [0.5, 0.1, 0.9]
DROPOUT_SHAPES = [(6, 6), (2, 6, 6)]
DROPOUT_THEN_RAND_PS = [0.0, 0.5, 1.0]  # p = 0 and p = 1 draw nothing in PyTorch


def shape_name(shape) -> str:
    return "x".join(str(n) for n in shape)


def rng() -> dict:
    out = {}
    for s in RNG_SEEDS:
        for shape in RAND_SHAPES:
            out[f"rand/seed{s}/{shape_name(shape)}"] = seeded_rand(s, *shape)
        out[f"rand1/seed{s}/5"] = seeded_rand(s, 5)
        out[f"rand3/seed{s}/2x3x4"] = seeded_rand(s, 2, 3, 4)
        torch.manual_seed(s)
        out[f"uniform/seed{s}/3x4/-0.5to0.5"] = torch.empty(3, 4).uniform_(-0.5, 0.5).double()
        out[f"uniform/seed{s}/5/-0.25to2"] = torch.empty(5).uniform_(-0.25, 2.0).double()

        for fan_in, fan_out, bias in LINEAR_CASES:
            torch.manual_seed(s)
            layer = torch.nn.Linear(fan_in, fan_out, bias=bias)
            name = f"linear/seed{s}/in{fan_in}_out{fan_out}_bias{int(bias)}"
            out[f"{name}/weight"] = layer.weight.detach().double()
            if bias:
                out[f"{name}/bias"] = layer.bias.detach().double()

        torch.manual_seed(s)
        layers = [torch.nn.Linear(3, 2, bias=False) for _ in range(3)]  # W_query, W_key, W_value
        layers.append(torch.nn.Linear(2, 2, bias=True))  # output projection
        for k, layer in enumerate(layers):
            out[f"linear_sequence/seed{s}/{k}/weight"] = layer.weight.detach().double()
            if layer.bias is not None:
                out[f"linear_sequence/seed{s}/{k}/bias"] = layer.bias.detach().double()

        for p in DROPOUT_PS:
            for shape in DROPOUT_SHAPES:
                torch.manual_seed(s)
                dropout = torch.nn.Dropout(p)
                dropout.train()
                out[f"dropout/seed{s}/p{p}/{shape_name(shape)}"] = dropout(torch.ones(*shape)).double()

        # The generator's state after a dropout: the next draws tell how many words it used.
        for p in DROPOUT_THEN_RAND_PS:
            torch.manual_seed(s)
            dropout = torch.nn.Dropout(p)
            dropout.train()
            dropout(torch.ones(6, 6))
            out[f"dropout_then_rand/seed{s}/p{p}/6x6_then_4"] = torch.rand(4).double()

        # float64 exponential_ (what torch.multinomial draws), then torch.rand: where it stands.
        torch.manual_seed(s)
        out[f"exponential/seed{s}/7"] = torch.empty(7, dtype=torch.float64).exponential_()
        out[f"exponential_then_rand/seed{s}/7_then_4"] = torch.rand(4).double()
    return out


# --------------------------------------------------------------------------------------------
# Registry: file name (under tests/expected/) -> (function, note for the file's meta).

FILES = {
    "rng.json": (rng, "Draws of PyTorch's CPU generator (float32 values held in float64), "
                      "for wb::TorchGenerator."),
}


# Each chapter's tensors come from tests/torch/chNN.py: NOTE (a sentence) and tensors() -> dict.
for _path in sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), "ch[0-9][0-9].py"))):
    _module = importlib.import_module(os.path.splitext(os.path.basename(_path))[0])
    FILES[_module.__name__ + ".json"] = (_module.tensors, _module.NOTE)


# --------------------------------------------------------------------------------------------
# Encoding and comparison.

def encode_number(x: float):
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def encode(name: str, value):
    """A tensor -> {"data": [...], "shape": [...]}; a list of strings stays as it is."""
    if isinstance(value, list):
        if not all(isinstance(v, str) for v in value):
            raise TypeError(f"{name}: a list must hold strings only")
        return list(value)
    if not isinstance(value, torch.Tensor):
        raise TypeError(f"{name}: expected a tensor or a list of strings, got {type(value).__name__}")
    t = value.detach().cpu().contiguous()
    if t.dtype != F64:
        raise TypeError(f"{name}: store float64 tensors (convert with .double()), got {t.dtype}")
    return {"data": [encode_number(float(v)) for v in t.reshape(-1).tolist()], "shape": list(t.shape)}


def render(tensors: dict, note: str) -> str:
    """The file's text: readable, one line per tensor, sorted keys, trailing newline."""
    meta = {"made_by": MADE_BY, "note": note, "torch": torch.__version__}
    dump = lambda obj: json.dumps(obj, sort_keys=True, allow_nan=False)  # noqa: E731
    lines = ["{", ' "meta": ' + dump(meta) + ",", ' "tensors": {']
    names = sorted(tensors)
    for k, name in enumerate(names):
        comma = "," if k + 1 < len(names) else ""
        lines.append("  " + dump(name) + ": " + dump(encode(name, tensors[name])) + comma)
    lines += [" }", "}"]
    return "\n".join(lines) + "\n"


def build(file_name: str) -> str:
    function, note = FILES[file_name]
    return render(function(), note)


def first_difference(expected: dict, stored: dict):
    """A sentence describing the first tensor that differs, or None if the tensors are equal."""
    for name in sorted(set(expected) | set(stored)):
        if name not in stored:
            return f'tensor "{name}" is missing from the stored file'
        if name not in expected:
            return f'tensor "{name}" is stored but no longer made by the script'
        e, s = expected[name], stored[name]
        if isinstance(e, list) or isinstance(s, list):
            if e != s:
                return f'"{name}": stored {s!r}, PyTorch gives {e!r}'
            continue
        if e["shape"] != s.get("shape"):
            return f'"{name}": stored shape {s.get("shape")}, PyTorch gives shape {e["shape"]}'
        for i, (a, b) in enumerate(zip(e["data"], s.get("data", []))):
            if a != b or type(a) is not type(b):
                index = list(unravel(i, e["shape"]))
                return f'"{name}" at {index}: stored {b!r}, PyTorch gives {a!r}'
        if len(e["data"]) != len(s.get("data", [])):
            return f'"{name}": stored {len(s.get("data", []))} values, PyTorch gives {len(e["data"])}'
    return None


def unravel(flat: int, shape):
    index = []
    for n in reversed(shape):
        index.append(flat % n)
        flat //= n
    return reversed(index)


def check(file_name: str, path: str, rel: str) -> bool:
    if not os.path.exists(path):
        print(f"MISSING {rel} (make it with: /usr/bin/python3 {MADE_BY})")
        return False
    with open(path, encoding="utf-8") as f:
        stored_text = f.read()
    try:
        stored = json.loads(stored_text)
    except ValueError as e:
        print(f"DIFFERS {rel}: not valid JSON ({e})")
        return False
    text = build(file_name)
    made = json.loads(text)
    diff = first_difference(made["tensors"], stored.get("tensors", {}))
    if diff is not None:
        print(f"DIFFERS {rel}: {diff}")
        return False
    if text != stored_text:
        stored_torch = stored.get("meta", {}).get("torch")
        if stored_torch != torch.__version__ and stored_text == render_with_torch(file_name, stored_torch):
            print(f"ok {rel} (values equal; stored with torch {stored_torch}, checked with {torch.__version__})")
            return True
        print(f"DIFFERS {rel}: the values are equal but the text is not (meta or layout); regenerate it")
        return False
    print(f"ok {rel}")
    return True


def render_with_torch(file_name: str, version) -> str:
    function, note = FILES[file_name]
    text = render(function(), note)
    return text.replace(json.dumps(torch.__version__), json.dumps(version), 1)


def main(argv) -> int:
    parser = argparse.ArgumentParser(description="Make (or --check) tests/expected/*.json with PyTorch.")
    parser.add_argument("--check", action="store_true",
                        help="recompute everything in memory and compare with the stored files")
    parser.add_argument("--only", metavar="NAME", action="append",
                        help="only this file, e.g. ch02 or rng (may be repeated)")
    args = parser.parse_args(argv)

    names = list(FILES)
    if args.only:
        wanted = [n if n.endswith(".json") else n + ".json" for n in args.only]
        unknown = [n for n in wanted if n not in FILES]
        if unknown:
            parser.error(f"unknown file {unknown[0]}; known: {', '.join(FILES)}")
        names = wanted
    all_ok = True
    for file_name in names:
        path = os.path.join(EXPECTED_DIR, file_name)
        rel = os.path.relpath(path, ROOT)
        if args.check:
            all_ok = check(file_name, path, rel) and all_ok
        else:
            os.makedirs(EXPECTED_DIR, exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write(build(file_name))
            print(f"wrote {rel}")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
