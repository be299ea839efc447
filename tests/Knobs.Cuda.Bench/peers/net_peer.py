#!/usr/bin/env python3
"""PyTorch peer of the Knobs samples' whole networks on the GPU.

Builds alexnet_cifar10 and resnet18_cifar10 with the samples' layer facts (tests/data/hpvm/NETWORKS.md; the same
modules as tests/Knobs.Benchmarks/peers/networks/torch_net.py, with PyTorch's default initialisation: the time does
not depend on the weights' values) and times the forward pass on the first GPU:
  eager fp32 (cudnn.benchmark on, TF32 off), eager fp16 (model.half()), and fp32 replayed from a CUDA graph.
Each time is the median over 7 loops of CUDA events around ~50 ms of back-to-back calls, in ms per call.
Usage: net_peer.py [--batches 1,128]        Prints one JSON object per measurement.
"""
import argparse
import json

import torch
import torch.nn as nn
import torch.nn.functional as F


class AlexNetCifar10(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(3, 64, 11, padding=5)
        self.c2 = nn.Conv2d(64, 192, 5, padding=2)
        self.c3 = nn.Conv2d(192, 384, 3, padding=1)
        self.c4 = nn.Conv2d(384, 256, 3, padding=1)
        self.c5 = nn.Conv2d(256, 256, 3, padding=1)
        self.fc = nn.Linear(4096, 10)

    def forward(self, x):
        x = F.max_pool2d(torch.tanh(self.c1(x)), 2, 2)
        x = F.max_pool2d(torch.tanh(self.c2(x)), 2, 2)
        x = torch.tanh(self.c3(x))
        x = torch.tanh(self.c4(x))
        x = F.max_pool2d(torch.tanh(self.c5(x)), 2, 2)
        return torch.softmax(self.fc(torch.flatten(x, 1)), dim=1)


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.a = nn.Conv2d(cin, cout, 3, stride=stride, padding=1)
        self.b = nn.Conv2d(cout, cout, 3, padding=1)
        self.shortcut = nn.Conv2d(cin, cout, 1, stride=stride) if stride != 1 else nn.Identity()

    def forward(self, x):
        return torch.relu(self.shortcut(x) + self.b(torch.relu(self.a(x))))


class ResNet18Cifar10(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(3, 16, 3, padding=1)
        spec = [(16, 16, 1)] * 3 + [(16, 32, 2), (32, 32, 1), (32, 32, 1), (32, 64, 2), (64, 64, 1), (64, 64, 1)]
        self.blocks = nn.Sequential(*[BasicBlock(a, b, s) for a, b, s in spec])
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        x = self.blocks(torch.relu(self.c1(x)))
        x = F.avg_pool2d(x, 8, 8)
        return torch.softmax(self.fc(torch.flatten(x, 1)), dim=1)


NETS = {"alexnet_cifar10": AlexNetCifar10, "resnet18_cifar10": ResNet18Cifar10}


def time_ms(fn):
    for _ in range(20):
        fn()
    torch.cuda.synchronize()
    start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    start.record()
    fn()
    end.record()
    end.synchronize()
    per = max(start.elapsed_time(end), 1e-3)
    calls = max(1, int(50.0 / per))
    loops = []
    for _ in range(7):
        start.record()
        for _ in range(calls):
            fn()
        end.record()
        end.synchronize()
        loops.append(start.elapsed_time(end) / calls)
    loops.sort()
    return loops[3]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--batches", default="1,128")
    a = p.parse_args()
    torch.backends.cudnn.benchmark = True
    torch.backends.cudnn.allow_tf32 = False
    torch.backends.cuda.matmul.allow_tf32 = False
    dev = torch.device("cuda")
    for name, cls in NETS.items():
        torch.manual_seed(0)
        model = cls().to(dev).eval()
        half = cls().to(dev).half().eval()
        for b in [int(s) for s in a.batches.split(",")]:
            x = torch.randn(b, 3, 32, 32, device=dev)
            xh = x.half()
            with torch.no_grad():
                eager32 = time_ms(lambda: model(x))
                eager16 = time_ms(lambda: half(xh))
                static_x = x.clone()
                s = torch.cuda.Stream()
                s.wait_stream(torch.cuda.current_stream())
                with torch.cuda.stream(s):
                    for _ in range(3):
                        model(static_x)
                torch.cuda.current_stream().wait_stream(s)
                graph = torch.cuda.CUDAGraph()
                with torch.cuda.graph(graph):
                    model(static_x)
                graph32 = time_ms(graph.replay)
            print(json.dumps({"peer": "pytorch", "version": torch.__version__, "net": name, "batch": b,
                              "eager_fp32_ms": eager32, "eager_fp16_ms": eager16, "cuda_graph_fp32_ms": graph32}), flush=True)


if __name__ == "__main__":
    main()
