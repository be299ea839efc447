"""Trains the lenet_digits sample's network and writes its weights and test set in HPVM's file layout.

Data: scikit-learn's bundled handwritten digits (sklearn.datasets.load_digits: 1,797 8x8 grey images of the
digits 0-9, pixel values 0-16, scaled here to 0-1). The first 1,437 images train the network; the last 360 are
the test set (no shuffling, so the split is the same everywhere).

Network (the template samples/lenet_digits/LeNetDigits.cs computes exactly this):
  conv 1->16 3x3 pad 1 + bias, tanh, max-pool 2x2  -> [16, 4, 4]
  conv 16->32 3x3 pad 1 + bias, tanh, max-pool 2x2 -> [32, 2, 2]
  dense 128->64 + bias, tanh
  dense 64->10 + bias, softmax

Training is deterministic on the CPU (fixed seeds, one thread, deterministic algorithms), so rerunning writes
the same files on the same PyTorch build:

  /usr/bin/python3 samples/lenet_digits/train.py          # needs torch, numpy and scikit-learn
                                                          # (Debian: python3-torch, python3-sklearn)

Writes into samples/lenet_digits/data/ (raw little-endian; the shapes WeightSpec uses):
  conv2d_1_w.bin [16,1,3,3]   conv2d_1_b.bin [1,16,1,1]
  conv2d_2_w.bin [32,16,3,3]  conv2d_2_b.bin [1,32,1,1]
  dense_1_w.bin  [1,1,128,64] dense_1_b.bin  [1,64,1,1]   (dense matrices in x out, the transpose of nn.Linear's)
  dense_2_w.bin  [1,1,64,10]  dense_2_b.bin  [1,10,1,1]
  test_input.bin  float32 NCHW [360,1,8,8]
  test_labels.bin int32, one label per test image
  accuracy.txt    the test accuracy PyTorch measures, in percent (two decimals)
"""

import os
import random

import numpy as np
import torch
from sklearn.datasets import load_digits
from torch import nn

SEED = 0
TEST_COUNT = 360
EPOCHS = 60
BATCH = 32
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


class LeNetDigits(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 3, padding=1)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1)
        self.dense1 = nn.Linear(32 * 2 * 2, 64)
        self.dense2 = nn.Linear(64, 10)

    def forward(self, x):
        x = nn.functional.max_pool2d(torch.tanh(self.conv1(x)), 2)
        x = nn.functional.max_pool2d(torch.tanh(self.conv2(x)), 2)
        x = torch.tanh(self.dense1(x.flatten(1)))
        return self.dense2(x)  # logits; softmax does not change the arg-max


def write(name, array, dtype):
    path = os.path.join(DATA, name)
    np.ascontiguousarray(array, dtype=np.dtype(dtype).newbyteorder("<")).tofile(path)


def main():
    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)

    digits = load_digits()
    images = (digits.images / 16.0).astype(np.float32).reshape(-1, 1, 8, 8)
    labels = digits.target.astype(np.int64)
    train_x, test_x = torch.from_numpy(images[:-TEST_COUNT]), torch.from_numpy(images[-TEST_COUNT:])
    train_y, test_y = torch.from_numpy(labels[:-TEST_COUNT]), torch.from_numpy(labels[-TEST_COUNT:])

    model = LeNetDigits()
    optimiser = torch.optim.Adam(model.parameters(), lr=0.005)
    loss_fn = nn.CrossEntropyLoss()
    order = torch.Generator().manual_seed(SEED)
    for _ in range(EPOCHS):
        model.train()
        for batch in torch.randperm(len(train_x), generator=order).split(BATCH):
            optimiser.zero_grad()
            loss_fn(model(train_x[batch]), train_y[batch]).backward()
            optimiser.step()

    model.eval()
    with torch.no_grad():
        predicted = model(test_x).argmax(dim=1)
    correct = int((predicted == test_y).sum())
    accuracy = 100.0 * correct / TEST_COUNT

    os.makedirs(DATA, exist_ok=True)
    p = {k: v.detach().numpy() for k, v in model.state_dict().items()}
    write("conv2d_1_w.bin", p["conv1.weight"], np.float32)
    write("conv2d_1_b.bin", p["conv1.bias"], np.float32)
    write("conv2d_2_w.bin", p["conv2.weight"], np.float32)
    write("conv2d_2_b.bin", p["conv2.bias"], np.float32)
    write("dense_1_w.bin", p["dense1.weight"].T, np.float32)
    write("dense_1_b.bin", p["dense1.bias"], np.float32)
    write("dense_2_w.bin", p["dense2.weight"].T, np.float32)
    write("dense_2_b.bin", p["dense2.bias"], np.float32)
    write("test_input.bin", test_x.numpy(), np.float32)
    write("test_labels.bin", test_y.numpy(), np.int32)
    with open(os.path.join(DATA, "accuracy.txt"), "w", encoding="ascii") as f:
        f.write(f"{accuracy:.2f}\n")

    print(f"train images: {len(train_x)}, test images: {TEST_COUNT}")
    print(f"PyTorch test accuracy: {accuracy:.2f} % ({correct}/{TEST_COUNT})")


if __name__ == "__main__":
    main()
