#!/usr/bin/env bash
# Kernel speed comparison (the kernel-speed goals: conv layers and SGEMM at least 0.8x the peers' speed): Knobs' Cpu backend vs PyTorch conv2d and numpy/OpenBLAS SGEMM,
# measured in the same run. Installs the peers when missing (Debian packages; needs root), then runs
#   dotnet run -c Release --project tests/Knobs.Benchmarks -- kernels [options]
# Options are passed through (e.g. --threads 1 --only vgg --md docs/kernels-table.md); see `kernels --help`.
# KNOBS_ARTIFACTS picks the build output folder (default /tmp/knobs-bench), so parallel builds do not collide.
set -euo pipefail
cd "$(dirname "$0")/../.."

PY=/usr/bin/python3
if ! "$PY" -c 'import torch, numpy' >/dev/null 2>&1; then
    echo "run-kernels: installing the peers (python3-torch, python3-numpy) ..." >&2
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y python3-torch python3-numpy
fi
# numpy uses whatever libblas.so.3 is selected; the reference BLAS is ~50x slower than OpenBLAS, the BLAS the goals compare against.
if ! ls /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3 >/dev/null 2>&1; then
    echo "run-kernels: installing OpenBLAS (libopenblas0-pthread) for numpy ..." >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y libopenblas0-pthread
fi

echo "# load before the run: $(cat /proc/loadavg)"
exec dotnet run -c Release --project tests/Knobs.Benchmarks --artifacts-path "${KNOBS_ARTIFACTS:-/tmp/knobs-bench}" -- kernels --python "$PY" "$@"
