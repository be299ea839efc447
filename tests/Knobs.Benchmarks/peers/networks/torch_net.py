#!/usr/bin/env python3
"""PyTorch peer of the Knobs `networks` benchmark suite.

Builds alexnet_cifar10 or resnet18_cifar10 (HPVM's layer facts, tests/data/hpvm/NETWORKS.md) from the raw
float32 weight files Knobs exported (HPVM names and shapes), runs it as
torch.jit.optimize_for_inference(torch.jit.script(model.eval())), times it per (batch, threads), writes its
batch output for the agreement check, and exports the same model to ONNX for the onnxruntime peer.

Usage: torch_net.py --net NET --dir DIR --batches 1,16 --threads 1,2 [--min-seconds S]
DIR holds NAME.bin weights, input.bin (float32 [max batch, 3, 32, 32]); written: out_pytorch_bN.bin, model.onnx.
Prints one JSON object per measurement on stdout.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def load(d, name, shape):
    path = os.path.join(d, name + ".bin")
    data = np.fromfile(path, dtype="<f4")
    expected = int(np.prod(shape))
    if data.size != expected:
        sys.exit(f"{path}: {data.size * 4} bytes, expected {expected * 4} (float32 {list(shape)})")
    return torch.from_numpy(data.reshape(shape).copy())


def conv(d, i, cin, cout, k, pad, stride):
    m = nn.Conv2d(cin, cout, k, stride=stride, padding=pad, bias=True)
    m.weight.data = load(d, f"conv2d_{i}_w", (cout, cin, k, k))
    m.bias.data = load(d, f"conv2d_{i}_b", (1, cout, 1, 1)).reshape(cout)
    return m


def dense(d, i, fin, fout):
    m = nn.Linear(fin, fout)
    m.weight.data = load(d, f"dense_{i}_w", (1, 1, fin, fout)).reshape(fin, fout).t().contiguous()
    m.bias.data = load(d, f"dense_{i}_b", (1, fout, 1, 1)).reshape(fout)
    return m


class AlexNetCifar10(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.c1 = conv(d, 1, 3, 64, 11, 5, 1)
        self.c2 = conv(d, 2, 64, 192, 5, 2, 1)
        self.c3 = conv(d, 3, 192, 384, 3, 1, 1)
        self.c4 = conv(d, 4, 384, 256, 3, 1, 1)
        self.c5 = conv(d, 5, 256, 256, 3, 1, 1)
        self.fc = dense(d, 1, 4096, 10)

    def forward(self, x):
        x = F.max_pool2d(torch.tanh(self.c1(x)), 2, 2)
        x = F.max_pool2d(torch.tanh(self.c2(x)), 2, 2)
        x = torch.tanh(self.c3(x))
        x = torch.tanh(self.c4(x))
        x = F.max_pool2d(torch.tanh(self.c5(x)), 2, 2)
        x = self.fc(torch.flatten(x, 1))
        return torch.softmax(x, dim=1)


class BasicBlock(nn.Module):
    def __init__(self, a, b, shortcut):
        super().__init__()
        self.a, self.b = a, b
        self.has_shortcut = shortcut is not None
        self.shortcut = shortcut if shortcut is not None else nn.Identity()

    def forward(self, x):
        y = self.b(torch.relu(self.a(x)))
        s = self.shortcut(x)
        return torch.relu(s + y)


class ResNet18Cifar10(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.c1 = conv(d, 1, 3, 16, 3, 1, 1)
        blocks, i = [], 2
        for cin, cout, stride in [(16, 16, 1)] * 3 + [(16, 32, 2), (32, 32, 1), (32, 32, 1), (32, 64, 2), (64, 64, 1), (64, 64, 1)]:
            a = conv(d, i, cin, cout, 3, 1, stride)
            b = conv(d, i + 1, cout, cout, 3, 1, 1)
            i += 2
            sc = None
            if stride != 1:
                sc = conv(d, i, cin, cout, 1, 0, stride)
                i += 1
            blocks.append(BasicBlock(a, b, sc))
        self.blocks = nn.Sequential(*blocks)
        self.fc = dense(d, 1, 64, 10)

    def forward(self, x):
        x = torch.relu(self.c1(x))
        x = self.blocks(x)
        x = F.avg_pool2d(x, 8, 8)
        x = self.fc(torch.flatten(x, 1))
        return torch.softmax(x, dim=1)


NETS = {"alexnet_cifar10": AlexNetCifar10, "resnet18_cifar10": ResNet18Cifar10}


def measure(fn, x, min_seconds):
    for _ in range(3):
        fn(x)
    times = []
    start = time.perf_counter()
    while len(times) < 5 or time.perf_counter() - start < min_seconds:
        t0 = time.perf_counter()
        fn(x)
        times.append((time.perf_counter() - t0) * 1000.0)
    times.sort()
    return times[len(times) // 2], sum(times) / len(times), len(times)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--net", required=True, choices=sorted(NETS))
    p.add_argument("--dir", required=True)
    p.add_argument("--batches", default="1,16")
    p.add_argument("--threads", default="1,2")
    p.add_argument("--min-seconds", type=float, default=1.0)
    a = p.parse_args()
    batches = [int(b) for b in a.batches.split(",")]
    threads = [int(t) for t in a.threads.split(",")]
    torch.set_num_interop_threads(1)
    model = NETS[a.net](a.dir).eval()
    full = load(a.dir, "input", (max(batches), 3, 32, 32))
    with torch.no_grad():
        torch.onnx.export(model, full[:1], os.path.join(a.dir, "model.onnx"), opset_version=13,
                          input_names=["input"], output_names=["output"],
                          dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
        fast = torch.jit.optimize_for_inference(torch.jit.script(model.eval()))
        for b in batches:
            x = full[:b].contiguous()
            fast(x).numpy().astype("<f4").tofile(os.path.join(a.dir, f"out_pytorch_b{b}.bin"))
            for t in threads:
                torch.set_num_threads(t)
                median, mean, n = measure(fast, x, a.min_seconds)
                print(json.dumps({"peer": "pytorch", "version": torch.__version__, "net": a.net, "batch": b,
                                  "threads": t, "median_ms": median, "mean_ms": mean, "iterations": n}), flush=True)


if __name__ == "__main__":
    main()
