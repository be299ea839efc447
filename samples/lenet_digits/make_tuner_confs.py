#!/usr/bin/env python3
"""Writes configurations for lenet_digits in HPVM's file format, to simulate and validate.

No tuner produced these: they are drawn at random (fixed seed, so a file is the same on every run) from the knobs of
Knobs' default HPVM table. Each convolution node keeps fp32 or fp16 with probability 0.4, else takes one perforation
or sampling knob (fp32 or fp16 form); the fully connected nodes take fp32 or fp16. The first configuration is all
fp32, as in HPVM's files. Header fields after the name (speedup, energy, accuracy, accuracy loss) are 1 1 0 0: nobody
measured these configurations before; the simulated files and the validation report carry Knobs' own numbers.

With --table and --max-loss, only configurations an accuracy-constrained tuner would keep are written: at least one
perforation or sampling knob, and the per-node accuracy losses the profiled table records for the chosen knobs
(qos.nodes of LeNetDigits.table.json) add up to at most --max-loss points. HPVM's own tuned files stay within about
3 points of fp32. Without them, every drawn configuration is kept, however much accuracy it loses.

Usage: python3 make_tuner_confs.py [COUNT] [--table LeNetDigits.table.json --max-loss POINTS] [--out FILE]
       (COUNT default 40; FILE default tuner_confs.txt next to this script)
"""
import json
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


def node_losses(path):
    """(approx, id) -> {node: accuracy loss} from a profiled table's knobs[].qos.nodes; exits with a message if unusable."""
    try:
        with open(path, encoding="utf-8") as f:
            table = json.load(f)
    except (OSError, ValueError) as e:
        sys.exit(f"make_tuner_confs.py: --table {path}: cannot be read as JSON ({e})")
    losses = {}
    for knob in table.get("knobs") or []:
        nodes = (knob.get("qos") or {}).get("nodes")
        if nodes is None:
            continue
        losses[(knob.get("approx"), knob.get("id"))] = {n["node"]: n["accuracyLoss"] for n in nodes}
    if not losses:
        sys.exit(f"make_tuner_confs.py: --table {path} has no per-node accuracy (qos.nodes); profile lenet_digits first "
                 "(./run-sample.sh lenet_digits) and pass its bin/Release/net10.0/knobs/LeNetDigits.table.json")
    return losses


def predicted_loss(losses, conv1, conv2, mul1, mul2):
    """The table's per-node losses of the chosen knobs added up, or None when a knob has no per-node accuracy."""
    total = 0.0
    for node, knob in ((1, conv1), (2, conv2), (3, ("fp16", 12) if mul1 == "fp16" else None), (4, ("fp16", 12) if mul2 == "fp16" else None)):
        if knob is None or knob == ("fp32", 11):
            continue
        if knob not in losses:
            return None
        total += losses[knob].get(node, 0.0)
    return total


def parse(args):
    count, table, max_loss, out = 40, None, None, None
    i = 0
    while i < len(args):
        a = args[i]
        if a in ("--table", "--max-loss", "--out"):
            if i + 1 >= len(args):
                sys.exit(f"make_tuner_confs.py: {a} needs a value")
            value = args[i + 1]
            if a == "--table":
                table = value
            elif a == "--out":
                out = value
            else:
                try:
                    max_loss = float(value)
                except ValueError:
                    max_loss = -1
                if not 0 <= max_loss <= 100:
                    sys.exit(f"make_tuner_confs.py: --max-loss must be percentage points from 0 to 100, got '{value}'")
            i += 2
            continue
        if not a.isdigit() or not 1 <= int(a) <= 1000:
            sys.exit(f"make_tuner_confs.py: COUNT must be a whole number from 1 to 1000, got '{a}'")
        count = int(a)
        i += 1
    if (table is None) != (max_loss is None):
        sys.exit("make_tuner_confs.py: --table and --max-loss go together")
    return count, table, max_loss, out


def main():
    count, table, max_loss, out_path = parse(sys.argv[1:])
    losses = node_losses(table) if table else None
    rng = random.Random(20261207)
    configurations = [node_lines(("fp32", 11), ("fp32", 11), "fp32", "fp32")]
    seen = {tuple(configurations[0])}
    draws = 0
    while len(configurations) < count:
        draws += 1
        if draws > 1_000_000:
            sys.exit(f"make_tuner_confs.py: found only {len(configurations)} distinct configurations within the limits; ask for fewer")
        conv1, conv2 = conv_knob(rng), conv_knob(rng)
        mul1, mul2 = rng.choice(["fp32", "fp16"]), rng.choice(["fp32", "fp16"])
        if losses is not None:
            approximated = any(k[0] in ("perf", "perf_fp16", "samp", "samp_fp16") for k in (conv1, conv2))
            loss = predicted_loss(losses, conv1, conv2, mul1, mul2)
            if not approximated or loss is None or loss > max_loss:
                continue
        lines = node_lines(conv1, conv2, mul1, mul2)
        if tuple(lines) not in seen:
            seen.add(tuple(lines))
            configurations.append(lines)
    out = ["0"]
    for i, lines in enumerate(configurations, 1):
        out += ["+++++", f"conf{i} 1 1 0 0"] + lines + ["-----"]
    path = out_path or os.path.join(os.path.dirname(os.path.abspath(__file__)), "tuner_confs.txt")
    with open(path + ".tmp", "w", newline="\n") as f:
        f.write("\n".join(out) + "\n")
    os.replace(path + ".tmp", path)
    print(f"wrote {count} configurations to {path}")


if __name__ == "__main__":
    main()
