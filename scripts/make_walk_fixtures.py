#!/usr/bin/env python3
"""Writes Tests/TinyCNNTests/Fixtures/walks.json: multi-channel convolution walks for TinyCNN's tests.

Each case is one output channel of a convolution: C input channels, a kernel of C slices, a
bias, stride, padding and dilation. The numbers are float64 and come from two independent
sources that must agree before anything is written:
- PyTorch's torch.nn.functional.conv2d (the output, before and after a ReLU);
- an explicit NumPy loop over windows, which also gives every channel's partial sum
  (the sum of that channel's patch times its slice) and the window's patches.
Inputs and weights are multiples of 1/64 in [-2, 2], so they are exact in float32 and the
Swift walk sees exactly the numbers PyTorch saw.

Run from the repository root:  python3 scripts/make_walk_fixtures.py
"""
import json
import os

import numpy as np
import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "TinyCNNTests", "Fixtures", "walks.json")
rng = np.random.default_rng(20261204)


def grid(*shape):
    return rng.integers(-128, 129, size=shape).astype(np.float64) / 64


def numpy_walk(x, w, b, stride, padding, dilation):
    """x [C, H, W], w [C, KH, KW] -> partials [OH, OW, C], output [OH, OW]."""
    c, h, wd = x.shape
    _, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (padding, padding), (padding, padding)))
    oh = (h + 2 * padding - dilation * (kh - 1) - 1) // stride + 1
    ow = (wd + 2 * padding - dilation * (kw - 1) - 1) // stride + 1
    partials = np.zeros((oh, ow, c))
    for i in range(oh):
        for j in range(ow):
            r, s = i * stride, j * stride
            patch = xp[:, r:r + dilation * (kh - 1) + 1:dilation, s:s + dilation * (kw - 1) + 1:dilation]
            partials[i, j] = (patch * w).sum(axis=(1, 2))
    return partials, partials.sum(axis=2) + b


CASES = [
    # name, C, H, W, KH, KW, stride, padding, dilation
    ("one channel 5x5, 3x3 kernel", 1, 5, 5, 3, 3, 1, 0, 1),
    ("one channel, stride 2, padding 1", 1, 7, 6, 3, 3, 2, 1, 1),
    ("two channels 4x4, 2x2 kernel", 2, 4, 4, 2, 2, 1, 0, 1),
    ("two channels, padding 1", 2, 5, 5, 3, 3, 1, 1, 1),
    ("three channels, stride 2", 3, 7, 7, 3, 3, 2, 0, 1),
    ("three channels, dilation 2, padding 2", 3, 6, 7, 3, 3, 1, 2, 2),
    ("three channels, 2x3 kernel, stride 2, padding 1", 3, 6, 5, 2, 3, 2, 1, 1),
    ("eight channels 6x6, padding 1 (a conv2 window)", 8, 6, 6, 3, 3, 1, 1, 1),
    ("eight channels, stride 2, dilation 2, padding 1", 8, 9, 8, 3, 3, 2, 1, 2),
    ("eight channels, 1x1 kernel", 8, 4, 5, 1, 1, 1, 0, 1),
]

cases = []
for name, c, h, w, kh, kw, stride, padding, dilation in CASES:
    x, k, b = grid(c, h, w), grid(c, kh, kw), float(grid(1)[0])
    ref = torch.nn.functional.conv2d(torch.from_numpy(x)[None], torch.from_numpy(k)[None], torch.tensor([b], dtype=torch.float64),
                                     stride=stride, padding=padding, dilation=dilation)[0, 0].numpy()
    partials, out = numpy_walk(x, k, b, stride, padding, dilation)
    assert ref.shape == out.shape and np.allclose(ref, out, atol=1e-12), name
    cases.append({
        "name": name, "stride": stride, "padding": padding, "dilation": dilation, "bias": b,
        "input": x.tolist(), "kernel": k.tolist(),
        "output": ref.tolist(), "relu": np.maximum(ref, 0).tolist(), "partials": partials.tolist(),
    })

with open(OUT, "w") as f:
    json.dump({"source": "scripts/make_walk_fixtures.py (PyTorch conv2d, float64; NumPy partial sums)", "cases": cases}, f)
    f.write("\n")
print(f"wrote {len(cases)} cases to {os.path.normpath(OUT)}")
