#!/usr/bin/env python3
"""Peer side of the `kernels` benchmark suite (tests/Knobs.Benchmarks/Kernels).

A line-oriented server started by the .NET benchmark as a child process, so both sides are measured in the
same run, layer by layer, under the same machine load. One request per line on stdin, one answer per line:

  conv N C H W K KH KW PAD STRIDE GROUPS WARMUP RUNS   -> "ok <seconds of run 1> ... <run RUNS>"   torch.nn.functional.conv2d
  gemm N WARMUP RUNS                                    -> "ok <seconds of each run>"              numpy float32 N x N @ N x N
  halfconv ...same as conv...                           -> "ok ..." or "unsupported <reason>"  conv2d on float16 tensors
  quit

The thread count is fixed per process (argument 1): torch.set_num_threads(n). The parent sets the environment
(OPENBLAS_NUM_THREADS, GLIBC_TUNABLES, no OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE) before numpy/torch are imported.
"""
import sys
import time


def run_seconds(fn, warmup, runs):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return times


def main():
    threads = int(sys.argv[1])
    import numpy as np
    import torch
    import torch.nn.functional as F

    torch.set_num_threads(threads)
    torch.manual_seed(0)
    print(f"ready torch={torch.__version__} numpy={np.__version__} threads={torch.get_num_threads()}", flush=True)
    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        try:
            if parts[0] == "quit":
                break
            if parts[0] in ("conv", "halfconv"):
                n, c, h, w, k, kh, kw, pad, stride, groups, warmup, runs = map(int, parts[1:13])
                dtype = torch.float16 if parts[0] == "halfconv" else torch.float32
                x = torch.rand(n, c, h, w).to(dtype)
                wt = torch.rand(k, c // groups, kh, kw).to(dtype)
                with torch.no_grad():
                    try:
                        F.conv2d(x, wt, None, stride, pad, 1, groups)
                    except RuntimeError as e:
                        print("unsupported " + str(e).splitlines()[0].replace(" ", "_")[:120], flush=True)
                        continue
                    t = run_seconds(lambda: F.conv2d(x, wt, None, stride, pad, 1, groups), warmup, runs)
                print("ok " + " ".join(f"{v:.9f}" for v in t), flush=True)
            elif parts[0] == "gemm":
                size, warmup, runs = map(int, parts[1:4])
                rng = np.random.default_rng(0)
                a = rng.random((size, size), dtype=np.float32)
                b = rng.random((size, size), dtype=np.float32)
                out = np.empty((size, size), dtype=np.float32)
                t = run_seconds(lambda: np.matmul(a, b, out=out), warmup, runs)
                print("ok " + " ".join(f"{v:.9f}" for v in t), flush=True)
            else:
                print("error unknown_request", flush=True)
        except Exception as e:  # report, keep serving
            print("error " + str(e).splitlines()[0].replace(" ", "_")[:120], flush=True)


if __name__ == "__main__":
    main()
