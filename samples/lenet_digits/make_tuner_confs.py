#!/usr/bin/env python3
"""Writes tuner_confs.txt for lenet_digits: configurations in HPVM's file format to simulate and validate.

No tuner produced these: they are drawn at random (fixed seed, so the file is the same on every run) from the knobs of
Knobs' default HPVM table, so that Simulate's predicted speedup and predicted accuracy loss can be checked against
measurement on a network with real labelled data (`./run-sample.sh lenet_digits --validate`). Each convolution node
keeps fp32 or fp16 with probability 0.4, else takes one perforation or sampling knob (fp32 or fp16 form); the
fully connected nodes take fp32 or fp16. The first configuration is all fp32, as in HPVM's files. Header fields after
the name (speedup, energy, accuracy, accuracy loss) are 1 1 0 0: nobody measured these configurations before; the
simulated files and the validation report carry Knobs' own numbers.

Usage: python3 make_tuner_confs.py [COUNT]   (default 40; writes tuner_confs.txt next to this script)
"""
import os
import random
import sys

PERF = list(range(121, 139))
PERF_FP16 = list(range(151, 169))
SAMP = list(range(231, 240))
SAMP_FP16 = list(range(261, 270))


def node_lines(conv1, conv2, mul1, mul2):
    def conv(node, knob):
        approx, kid = knob
        precision = "fp16" if approx in ("fp16", "perf_fp16", "samp_fp16") else "fp32"
        return f"{node} gpu conv {approx} {kid} add {precision} 1 tanh {precision} 1 pool_max {precision} 1"

    def mul(node, precision, last):
        kid = 12 if precision == "fp16" else 11
        return f"{node} gpu mul {precision} {kid} add {precision} 1" + ("" if last else f" tanh {precision} 1")

    return [conv(1, conv1), conv(2, conv2), mul(3, mul1, False), mul(4, mul2, True), "5 gpu softmax fp32 1"]


def conv_knob(rng):
    if rng.random() < 0.4:
        return rng.choice([("fp32", 11), ("fp16", 12)])
    family = rng.choice(["perf", "perf_fp16", "samp", "samp_fp16"])
    ids = {"perf": PERF, "perf_fp16": PERF_FP16, "samp": SAMP, "samp_fp16": SAMP_FP16}[family]
    return (family, rng.choice(ids))


def main():
    arg = sys.argv[1] if len(sys.argv) > 1 else "40"
    if not arg.isdigit() or not 1 <= int(arg) <= 1000:
        sys.exit(f"make_tuner_confs.py: COUNT must be a whole number from 1 to 1000, got '{arg}'")
    count = int(arg)
    rng = random.Random(20261207)
    configurations = [node_lines(("fp32", 11), ("fp32", 11), "fp32", "fp32")]
    seen = {tuple(configurations[0])}
    while len(configurations) < count:
        lines = node_lines(conv_knob(rng), conv_knob(rng), rng.choice(["fp32", "fp16"]), rng.choice(["fp32", "fp16"]))
        if tuple(lines) not in seen:
            seen.add(tuple(lines))
            configurations.append(lines)
    out = ["0"]
    for i, lines in enumerate(configurations, 1):
        out += ["+++++", f"conf{i} 1 1 0 0"] + lines + ["-----"]
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tuner_confs.txt")
    with open(path + ".tmp", "w", newline="\n") as f:
        f.write("\n".join(out) + "\n")
    os.replace(path + ".tmp", path)
    print(f"wrote {count} configurations to {path}")


if __name__ == "__main__":
    main()
