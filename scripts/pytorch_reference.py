"""PyTorch reference for `tutor bench`: the same two demo nets on the same bundled splits.

Measures training samples/s at batch 32 (SGD, momentum 0.9, lr 0.05, as in data/README.md) and
batch 1 (Adam, lr 1e-3), with 1 and 2 threads, plus the digits net's test accuracy after 10
epochs. Run it next to `tutor bench` on the same machine at the same time, so that both see the
same load:  python3 scripts/pytorch_reference.py [--quick] [--flush-denormal]

--flush-denormal sets PyTorch's own flush-to-zero switch (`torch.set_flush_denormal`), as the
tutor does for its kernels; without it PyTorch runs as it does by default.
"""
import struct
import sys
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

DATA = Path(__file__).resolve().parent.parent / "data"


def idx(name):
    raw = (DATA / name).read_bytes()
    rank = raw[3]
    dims = struct.unpack(">" + "I" * rank, raw[4:4 + 4 * rank])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


def load(prefix, scale):
    def split(kind):
        x = idx(f"{prefix}-{kind}-images.idx3-ubyte").astype(np.float32) / scale
        y = idx(f"{prefix}-{kind}-labels.idx1-ubyte").astype(np.int64)
        return torch.from_numpy(x[:, None]), torch.from_numpy(y)
    return split("train"), split("test")


def net(side, hidden):
    return nn.Sequential(
        nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(16 * (side // 4) ** 2, hidden), nn.ReLU(), nn.Linear(hidden, 10))


def train(model, opt, x, y, batch, seconds):
    loss_fn = nn.CrossEntropyLoss()
    seen, start = 0, time.perf_counter()
    g = torch.Generator().manual_seed(0)
    while time.perf_counter() - start < seconds:
        order = torch.randperm(len(x), generator=g)
        for i in range(0, len(x), batch):
            idx_ = order[i:i + batch]
            opt.zero_grad()
            loss_fn(model(x[idx_]), y[idx_]).backward()
            opt.step()
            seen += len(idx_)
            if time.perf_counter() - start >= seconds:
                break
    return seen / (time.perf_counter() - start)


def cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


def main():
    seconds = 1.0 if "--quick" in sys.argv else 3.0
    flush = "--flush-denormal" in sys.argv
    if flush and not torch.set_flush_denormal(True):
        print("note: this CPU has no flush-to-zero switch PyTorch can set")
    print(f"pytorch {torch.__version__} on {cpu_model()}; subnormals "
          + ("flushed (--flush-denormal)" if flush else "kept (PyTorch's default)"))
    torch.manual_seed(1)
    for name, prefix, scale, side, hidden in [("digits", "digits", 16, 8, 32), ("mnist", "mnist5k", 255, 28, 64)]:
        (x, y), (tx, ty) = load(prefix, scale)
        for threads in (1, 2):
            torch.set_num_threads(threads)
            m = net(side, hidden)
            sps32 = train(m, torch.optim.SGD(m.parameters(), lr=0.05, momentum=0.9), x, y, 32, seconds)
            m = net(side, hidden)
            sps1 = train(m, torch.optim.Adam(m.parameters(), lr=1e-3), x, y, 1, seconds)
            print(f"{name:6} threads {threads}: batch 32 {sps32:9,.0f} samples/s   batch 1 {sps1:7,.0f} samples/s")
        if name == "digits":
            torch.set_num_threads(2)
            m = net(side, hidden)
            opt = torch.optim.SGD(m.parameters(), lr=0.05, momentum=0.9)
            loss_fn = nn.CrossEntropyLoss()
            start = time.perf_counter()
            for epoch in range(10):
                order = torch.randperm(len(x))
                for i in range(0, len(x), 32):
                    b = order[i:i + 32]
                    opt.zero_grad()
                    loss_fn(m(x[b]), y[b]).backward()
                    opt.step()
            took = time.perf_counter() - start
            with torch.no_grad():
                acc = (m(tx).argmax(1) == ty).float().mean().item()
            print(f"digits: 10 epochs SGD in {took:.2f} s, test accuracy {acc:.4f}")


if __name__ == "__main__":
    main()
