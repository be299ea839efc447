#!/usr/bin/env bash
# Runs the Cuda tensor backend on a GPU machine from a carry folder made by build-carry.sh --apps (no .NET needed there):
#   1. Knobs.Cuda.Bench --backend: every op through Ops on the GPU against the Reference backend (fp32 and half);
#   2. the sample apps carried in apps/: lenet_digits' every variant on the GPU and on the CPU (accuracy on its labelled
#      test set must agree), and the CIFAR networks' fp32/fp16/perforation/sampling variants on the GPU at batch 1 and 128.
# Usage: bash run-backend-on-gpu.sh OUT_DIR        OUT_DIR receives gpu-backend.md, one log per app and backend, and the profiles.
set -uo pipefail
carry="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:?usage: run-backend-on-gpu.sh OUT_DIR}"
mkdir -p "$out"
runtime="${TMPDIR:-/tmp}/knobs-dotnet"
if [ ! -x "$runtime/dotnet" ]; then
  mkdir -p "$runtime"
  tar -C "$runtime" -xJf "$carry/dotnet-runtime.tar.xz"
fi
export DOTNET_ROOT="$runtime" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet="$runtime/dotnet"
status=0
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.mem,power.limit --format=csv >"$out/nvidia-smi.txt" 2>&1
"$dotnet" "$carry/bench/Knobs.Cuda.Bench.dll" --backend --out "$out/gpu-backend.md" >"$out/backend-log.txt" 2>&1 || status=1
tail -n 3 "$out/backend-log.txt"
app() { # name backend batch variants [extra runner options]
  local name="$1" backend="$2" batch="$3" variants="$4"; shift 4
  KNOBS_BACKEND="$backend" "$dotnet" "$carry/apps/$name/$name.dll" run --variant "$variants" --batch "$batch" --meter none \
    --out "$out/profiles/$name-$backend-b$batch" "$@" >"$out/$name-$backend-b$batch.txt" 2>&1 || status=1
  echo "== $name on $backend, batch $batch"; sed -n '/^Summary/,$p' "$out/$name-$backend-b$batch.txt" | cut -c1-220
}
if [ -d "$carry/apps/lenet_digits" ]; then
  app lenet_digits Cuda 16 all --iterations 5
  app lenet_digits Cpu 16 all --iterations 5 --threads 16
fi
knobs=fp32_11,fp16_12,perf_121,perf_fp16_151,samp_231,samp_fp16_261
for net in alexnet_cifar10 resnet18_cifar10 mobilenet_cifar10; do
  [ -d "$carry/apps/$net" ] || continue
  app "$net" Cuda 128 "$knobs" --max-time 4
  app "$net" Cuda 1 "$knobs" --max-time 2
done
exit "$status"
