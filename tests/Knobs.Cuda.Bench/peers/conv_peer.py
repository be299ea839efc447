#!/usr/bin/env python3
"""PyTorch peer of the Knobs GPU harness (tests/Knobs.Cuda.Bench).

Reads one case per line from the file named by argument 1:
    ID N C H W K KH KW PAD STRIDE GROUPS DTYPE        (DTYPE: f32 or f16)
and prints one line per case:
    ID MEDIAN_MS MIN_MS ITERATIONS
timing torch.nn.functional.conv2d on the GPU with CUDA events, by the harness's protocol: 10 warm-up calls (cuDNN
benchmark mode picks its algorithm there), a loop sized to about 20 ms, the median of 7 such loops.
cudnn.benchmark is on; TF32 is off for cuDNN and for matmul, so fp32 means fp32. The first line printed is
"ready torch=<version> cuda=<version> cudnn=<version> device=<name>".
"""
import sys

import torch
import torch.nn.functional as F

REPEATS = 7
LOOP_MS = 20.0


def measure(fn):
    start = torch.cuda.Event(enable_timing=True)
    end = torch.cuda.Event(enable_timing=True)
    for _ in range(10):
        fn()
    start.record()
    for _ in range(10):
        fn()
    end.record()
    end.synchronize()
    estimate = start.elapsed_time(end) / 10
    iterations = int(min(max(LOOP_MS / max(estimate, 1e-4), 5), 5000))
    per_op = []
    for _ in range(REPEATS):
        start.record()
        for _ in range(iterations):
            fn()
        end.record()
        end.synchronize()
        per_op.append(start.elapsed_time(end) / iterations)
    per_op.sort()
    return per_op[REPEATS // 2], per_op[0], iterations


def main():
    torch.backends.cudnn.benchmark = True
    torch.backends.cudnn.allow_tf32 = False
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.manual_seed(0)
    print(f"ready torch={torch.__version__} cuda={torch.version.cuda} cudnn={torch.backends.cudnn.version()} "
          f"device={torch.cuda.get_device_name(0).replace(' ', '_')}", flush=True)
    with open(sys.argv[1]) as cases, torch.no_grad():
        for line in cases:
            parts = line.split()
            if not parts:
                continue
            case_id = parts[0]
            n, c, h, w, k, kh, kw, pad, stride, groups = map(int, parts[1:11])
            dtype = torch.float16 if parts[11] == "f16" else torch.float32
            x = (torch.rand(n, c, h, w, device="cuda") * 2 - 1).to(dtype)
            wt = (torch.rand(k, c // groups, kh, kw, device="cuda") * 2 - 1).to(dtype)
            med, low, iters = measure(lambda: F.conv2d(x, wt, None, stride, pad, 1, groups))
            print(f"{case_id} {med:.6f} {low:.6f} {iters}", flush=True)


if __name__ == "__main__":
    main()
