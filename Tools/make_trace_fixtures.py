#!/usr/bin/env python3
"""Regenerate with `python3 Tools/make_trace_fixtures.py` from the repository root (needs torch 2.x
and the safetensors package; the Swift tests only read the committed files and never need torch).

Writes PyTorch reference values for `rnnbook trace` and for the safetensors reader:

Tests/RNNCoreTests/Fixtures/trace/<case>/
    model.safetensors  state_dict of nn.RNN / nn.LSTM / nn.GRU (F64; the *_f32 case stores F32)
    input.json         {"cell", "inputs": T×B×I, "grad_outputs": T×B×(D·H)}
    expected.json      {"config": {cell, input_size, hidden_size, num_layers, bidirectional,
                                   seq_len, batch, seed, dtype},
                        "loss", "outputs": T×B×(D·H), "h_n": (L·D)×B×H, "c_n" (LSTM only),
                        "grads": {state_dict name: same shape}, "grad_inputs": T×B×I,
                        "grad_h_norms": [T]}
Tests/RNNCoreTests/Fixtures/safetensors/python_written.{safetensors,json}

The loss is L = Σ outputs ⊙ grad_outputs, with zero initial states and sequence-first layout.
grad_h_norms[t] is the 2-norm, over batch, units and both directions, of the total derivative
∂L/∂h_t of the last layer's hidden state at step t: the gradient through every path, including
those through later steps (for the reverse direction, "later" means smaller t). It is computed by
re-running the network step by step with hand-written cells and retain_grad() on each h_t; that
recomputation must reproduce nn.RNN's outputs, final states and weight gradients to 1e-12.
"""
import json
import math
import shutil
from pathlib import Path

import torch
from safetensors.torch import save_file

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "Tests" / "RNNCoreTests" / "Fixtures"
I, H, T, B = 3, 4, 5, 2
CELLS = ["rnn_tanh", "rnn_relu", "lstm", "gru"]
F32_CASE = "lstm_l2_bi"  # also written as <case>_f32 with float32-rounded weights and inputs
TOL = 1e-12


def build(cell, layers, bidirectional):
    kw = dict(input_size=I, hidden_size=H, num_layers=layers,
              bidirectional=bidirectional, dtype=torch.float64)
    if cell.startswith("rnn_"):
        return torch.nn.RNN(nonlinearity=cell[4:], **kw)
    return torch.nn.LSTM(**kw) if cell == "lstm" else torch.nn.GRU(**kw)


def cell_step(cell, x, h, c, w_ih, w_hh, b_ih, b_hh):
    """One step of PyTorch's cell equations, written out. x: B×F, h and c: B×H."""
    if cell in ("rnn_tanh", "rnn_relu"):
        a = x @ w_ih.T + b_ih + h @ w_hh.T + b_hh
        return (torch.tanh(a) if cell == "rnn_tanh" else torch.relu(a)), None
    if cell == "lstm":
        i, f, g, o = (x @ w_ih.T + b_ih + h @ w_hh.T + b_hh).chunk(4, dim=1)
        c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
        return torch.sigmoid(o) * torch.tanh(c), c
    xr, xz, xn = (x @ w_ih.T + b_ih).chunk(3, dim=1)
    hr, hz, hn = (h @ w_hh.T + b_hh).chunk(3, dim=1)
    r = torch.sigmoid(xr + hr)
    z = torch.sigmoid(xz + hz)
    n = torch.tanh(xn + r * hn)
    return (1 - z) * n + z * h, None


def stepwise(cell, params, x, layers, dirs):
    """The stacked network unrolled by hand. Returns outputs, h_n, c_n and the last layer's
    per-step hidden states states[d][t], each with retain_grad() set."""
    inp, h_n, c_n, states = x, [], [], []
    for layer in range(layers):
        states = []
        for d in range(dirs):
            sfx = f"_l{layer}" + ("_reverse" if d == 1 else "")
            w = [params[k + sfx] for k in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")]
            h = torch.zeros(B, H, dtype=torch.float64)
            c = torch.zeros(B, H, dtype=torch.float64)
            hs = [None] * T
            for t in (range(T) if d == 0 else reversed(range(T))):
                h, c_next = cell_step(cell, inp[t], h, c, *w)
                c = c_next if c_next is not None else c
                if layer == layers - 1:
                    h.retain_grad()
                hs[t] = h
            h_n.append(h)
            c_n.append(c)
            states.append(hs)
        inp = torch.stack([torch.cat([states[d][t] for d in range(dirs)], dim=1) for t in range(T)])
    return inp, torch.stack(h_n), torch.stack(c_n), states


def max_diff(a, b):
    return (a - b).abs().max().item()


def make_case(name, cell, layers, bidirectional, seed, as_f32=False):
    torch.manual_seed(seed)
    model = build(cell, layers, bidirectional)
    dirs = 2 if bidirectional else 1
    x = torch.randn(T, B, I, dtype=torch.float64)
    g = torch.randn(T, B, dirs * H, dtype=torch.float64)
    if as_f32:
        # Round everything the Swift side reads to float32, so a Float run sees the same numbers.
        with torch.no_grad():
            for p in model.parameters():
                p.copy_(p.float().double())
        x, g = x.float().double(), g.float().double()

    # Reference: PyTorch's fused module.
    x.requires_grad_(True)
    out = model(x)
    outputs, h_n = out[0], out[1][0] if cell == "lstm" else out[1]
    c_n = out[1][1] if cell == "lstm" else None
    loss = (outputs * g).sum()
    loss.backward()
    grads = {k: p.grad.detach().clone() for k, p in model.named_parameters()}

    # Recomputation by hand, for the total derivatives of the last layer's states.
    params = {k: v.detach().clone().requires_grad_(True) for k, v in model.state_dict().items()}
    s_out, s_hn, s_cn, states = stepwise(cell, params, x.detach(), layers, dirs)
    (s_out * g).sum().backward()
    assert max_diff(s_out, outputs) < TOL, f"{name}: stepwise outputs differ"
    assert max_diff(s_hn, h_n) < TOL, f"{name}: stepwise h_n differs"
    if c_n is not None:
        assert max_diff(s_cn, c_n) < TOL, f"{name}: stepwise c_n differs"
    for k in grads:
        assert max_diff(params[k].grad, grads[k]) < TOL, f"{name}: stepwise grad of {k} differs"
    # The forward direction's last step and the reverse direction's first step feed only the
    # output, so their total derivative is the output gradient itself.
    assert max_diff(states[0][T - 1].grad, g[T - 1, :, :H]) < TOL
    if dirs == 2:
        assert max_diff(states[1][0].grad, g[0, :, H:]) < TOL
    grad_h_norms = [math.sqrt(sum(states[d][t].grad.pow(2).sum().item() for d in range(dirs)))
                    for t in range(T)]

    folder = FIXTURES / "trace" / name
    folder.mkdir(parents=True)
    state = {k: (v.float() if as_f32 else v).contiguous() for k, v in model.state_dict().items()}
    # One metadata key only: the library writes metadata in hash order, and a single key keeps
    # regenerated files byte-identical.
    save_file(state, str(folder / "model.safetensors"), metadata={"format": "pt"})
    write_json(folder / "input.json", {"cell": cell, "inputs": x.detach().tolist(), "grad_outputs": g.tolist()})
    config = {"cell": cell, "input_size": I, "hidden_size": H, "num_layers": layers,
              "bidirectional": bidirectional, "seq_len": T, "batch": B, "seed": seed,
              "dtype": "F32" if as_f32 else "F64"}
    expected = {"config": config, "loss": loss.item(),
                "outputs": outputs.detach().tolist(), "h_n": h_n.detach().tolist()}
    if c_n is not None:
        expected["c_n"] = c_n.detach().tolist()
    expected["grads"] = {k: v.tolist() for k, v in sorted(grads.items())}
    expected["grad_inputs"] = x.grad.tolist()
    expected["grad_h_norms"] = grad_h_norms
    write_json(folder / "expected.json", expected)


def make_safetensors_fixture():
    """A file written by the reference library, with both dtypes, a scalar and an empty tensor,
    plus the exact values it holds (float32 values printed as the doubles they equal)."""
    gen = torch.Generator().manual_seed(7)
    tensors = {
        "fc.weight": torch.randn(3, 4, generator=gen, dtype=torch.float32),
        "fc.bias": torch.randn(3, generator=gen, dtype=torch.float32),
        "embedding": torch.randn(2, 3, 2, generator=gen, dtype=torch.float64),
        "scalar": torch.tensor(math.pi, dtype=torch.float64),
        "empty": torch.zeros(0, 4, dtype=torch.float32),
    }
    metadata = {"written_by": "safetensors.torch.save_file"}  # one key: see make_case
    folder = FIXTURES / "safetensors"
    folder.mkdir(parents=True)
    save_file(tensors, str(folder / "python_written.safetensors"), metadata=metadata)
    write_json(folder / "python_written.json", {
        "metadata": metadata,
        "tensors": {k: {"dtype": "F32" if v.dtype == torch.float32 else "F64", "shape": list(v.shape),
                        "values": v.double().flatten().tolist()} for k, v in tensors.items()}})


def write_json(path, value):
    path.write_text(json.dumps(value, separators=(",", ":")) + "\n")


def main():
    torch.use_deterministic_algorithms(True)
    for sub in ("trace", "safetensors"):
        shutil.rmtree(FIXTURES / sub, ignore_errors=True)
    seed = 1000
    for cell in CELLS:
        for layers in (1, 2):
            for bidirectional in (False, True):
                name = f"{cell}_l{layers}_{'bi' if bidirectional else 'uni'}"
                make_case(name, cell, layers, bidirectional, seed)
                if name == F32_CASE:
                    make_case(name + "_f32", cell, layers, bidirectional, seed, as_f32=True)
                seed += 1
    make_safetensors_fixture()
    (FIXTURES / "trace" / "README.md").write_text(
        "PyTorch reference values for `rnnbook trace`, made by Tools/make_trace_fixtures.py.\n"
        "Regenerate with `python3 Tools/make_trace_fixtures.py`; its docstring describes every file.\n")


if __name__ == "__main__":
    main()
