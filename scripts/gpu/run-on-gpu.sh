#!/usr/bin/env bash
# Runs the GPU harness on a GPU machine from a carry folder made by build-carry.sh (no .NET needed there):
# unpacks the .NET runtime, points DOTNET_ROOT at it, runs Knobs.Cuda.Bench (GPU info, HPVM golden convolutions,
# timings with its PyTorch peer, NVML energy) and writes gpu-kernels.md and the full log into OUT_DIR.
# Usage: bash run-on-gpu.sh OUT_DIR [extra harness options, e.g. --quick --no-energy]
# Needs: an NVIDIA driver (libcuda.so.1, libnvidia-ml.so.1), libnvrtc, libcublas and libcudnn.so.9 where the
# harness's discovery finds them (KNOBS_CUDA_LIB_DIR, the loader path, /usr/local/cuda*/lib64, Python nvidia wheels),
# and python3 with PyTorch for the peer (without it the PyTorch columns say "not measured").
set -uo pipefail
carry="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:?usage: run-on-gpu.sh OUT_DIR [harness options]}"
shift
mkdir -p "$out"
runtime="${TMPDIR:-/tmp}/knobs-dotnet"
if [ ! -x "$runtime/dotnet" ]; then
  mkdir -p "$runtime"
  tar -C "$runtime" -xJf "$carry/dotnet-runtime.tar.xz"
fi
export DOTNET_ROOT="$runtime"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
{
  echo "== nvidia-smi"; nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.mem,power.limit --format=csv 2>&1
  echo "== harness"
} >"$out/gpu-log.txt"
"$runtime/dotnet" "$carry/bench/Knobs.Cuda.Bench.dll" --golden "$carry/conv-golden" --out "$out/gpu-kernels.md" "$@" 2>&1 | tee -a "$out/gpu-log.txt"
status=${PIPESTATUS[0]}
echo "harness exit code $status" | tee -a "$out/gpu-log.txt"
exit "$status"
