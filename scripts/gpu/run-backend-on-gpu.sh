#!/usr/bin/env bash
# Runs the Cuda tensor backend on a GPU machine from a carry folder made by build-carry.sh --apps (no .NET needed there):
#   1. Knobs.Cuda.Bench --backend: every op through Ops on the GPU against the Reference backend (fp32 and half);
#   2. the PyTorch peer of the whole networks (bench/peers/net_peer.py: eager fp32 and fp16, fp32 from a CUDA graph);
#   3. the sample apps carried in apps/: the CIFAR networks' fp32/fp16/perforation/sampling variants on the GPU at
#      batch 1 and 128 with NVML energy, and lenet_digits' every variant on the GPU and on the CPU (accuracy on its
#      labelled test set must agree);
#   4. with --all-variants: every variant of alexnet_cifar10 and resnet18_cifar10 at batch 16 on the GPU (profiles.tar.gz);
#      with --paired as well, each variant is measured interleaved with fp32_11 (the table then takes one scale for all
#      its columns, as ProfileTable's paired profiling does; no energy: NVML's counter is too coarse to read per run);
#   5. with --configs: HPVM's configurations of the two (apps/<net>/tuner_confs.txt) on the GPU at batch 16, each paired
#      with fp32_11 (the measured side of a validation; knobs table + Simulate give the predicted side);
#   6. with --plans: alexnet_cifar10's fp16_12 variant in three processes and its configuration conf3 in one, printing
#      each convolution plan's cuDNN algorithm (KNOBS_CUDA_TRACE_PLANS=1): does each process choose the same?
# Usage: bash run-backend-on-gpu.sh OUT_DIR [--all-variants [--paired]] [--configs] [--plans] [--skip-basics]
# OUT_DIR receives summary.md (every section's output), gpu-backend.md, one log per app run, and the profiles as one archive.
set -uo pipefail
carry="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:?usage: run-backend-on-gpu.sh OUT_DIR [--all-variants [--paired]] [--configs] [--skip-basics]}"
shift
all="" configs="" basics=true paired=() plans=""
for a in "$@"; do
  case "$a" in
    --all-variants) all=--all-variants ;;
    --configs) configs=--configs ;;
    --skip-basics) basics=false ;;
    --plans) plans=--plans ;;
    --paired) paired=(--paired fp32_11 --meter none) ;;
    *) echo "unknown option $a" >&2; exit 2 ;;
  esac
done
mkdir -p "$out/logs"
runtime="${TMPDIR:-/tmp}/knobs-dotnet"
if [ ! -x "$runtime/dotnet" ]; then
  mkdir -p "$runtime"
  tar -C "$runtime" -xJf "$carry/dotnet-runtime.tar.xz"
fi
export DOTNET_ROOT="$runtime" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet="$runtime/dotnet"
summary="$out/summary.md"
profiles="${TMPDIR:-/tmp}/knobs-gpu-profiles"
rm -rf "$profiles"
status=0
{
  echo "# Knobs on the GPU: the Cuda backend, the samples, and PyTorch"
  echo
  echo "Run $(date -u '+%Y-%m-%d %H:%M') UTC: \`run-backend-on-gpu.sh OUT_DIR $*\`"
  echo
  echo '```'
  nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.mem,power.limit,temperature.gpu --format=csv 2>&1
  echo '```'
  echo
} >"$summary"
app() { # name backend batch variants [extra runner options]
  local name="$1" backend="$2" batch="$3" variants="$4"; shift 4
  local log="$out/logs/$name-$backend-b$batch.txt"
  KNOBS_BACKEND="$backend" "$dotnet" "$carry/apps/$name/$name.dll" run --variant "$variants" --batch "$batch" \
    --out "$profiles/$name-$backend-b$batch" "$@" >"$log" 2>&1 || status=1
  { echo "### $name on $backend, batch $batch ($*)"; echo; echo '```'; head -n 1 "$log"; sed -n '/^Summary/,$p' "$log" | cut -c1-240; echo '```'; echo; } >>"$summary"
}
if [ "$basics" = true ]; then
"$dotnet" "$carry/bench/Knobs.Cuda.Bench.dll" --backend --out "$out/gpu-backend.md" >"$out/logs/backend.txt" 2>&1 || status=1
sed -n '/^Error:/,$p' "$out/gpu-backend.md" | { echo "## Every op against the Reference backend"; echo; cat; echo; } >>"$summary"
{
  echo "## PyTorch $(python3 -c 'import torch; print(torch.__version__)' 2>&1) whole networks (ms per call)"
  echo
  echo '```'
  python3 "$carry/bench/peers/net_peer.py" --batches 1,16,128 2>&1
  echo '```'
  echo
} >>"$summary"
echo "## The samples on the GPU (Knobs)" >>"$summary"; echo >>"$summary"
knobs=fp32_11,fp16_12,perf_121,perf_fp16_151,samp_231,samp_fp16_261
for net in alexnet_cifar10 resnet18_cifar10; do
  [ -d "$carry/apps/$net" ] || continue
  for b in 1 128; do app "$net" Cuda "$b" "$knobs" --max-time 3; done
done
if [ -d "$carry/apps/lenet_digits" ]; then
  app lenet_digits Cuda 16 all --iterations 5 --meter none
  app lenet_digits Cpu 16 all --iterations 5 --threads 16 --meter none
fi
fi
if [ "$all" = --all-variants ]; then
  for net in alexnet_cifar10 resnet18_cifar10; do
    [ -d "$carry/apps/$net" ] && app "$net" Cuda 16 all --max-time 2 "${paired[@]}"
  done
fi
if [ "$configs" = --configs ]; then
  for net in alexnet_cifar10 resnet18_cifar10; do
    [ -f "$carry/apps/$net/tuner_confs.txt" ] || continue
    log="$out/logs/$net-configs.txt"
    KNOBS_BACKEND=Cuda "$dotnet" "$carry/apps/$net/$net.dll" run --config "$carry/apps/$net/tuner_confs.txt" --paired fp32_11 --batch 16 \
      --max-time 2 --meter none --out "$profiles/$net-Cuda-configs" >"$log" 2>&1 || status=1
    { echo "### $net: HPVM's configurations on the GPU, batch 16, paired with fp32_11"; echo; echo '```'; sed -n '/^Summary/,$p' "$log" | cut -c1-200; echo '```'; echo; } >>"$summary"
  done
fi
if [ "$plans" = --plans ] && [ -d "$carry/apps/alexnet_cifar10" ]; then
  a="$carry/apps/alexnet_cifar10"
  {
    echo "### alexnet_cifar10: the cuDNN algorithm each process chose (batch 16)"; echo; echo '```'
    for i in 1 2 3; do
      echo "-- fp16_12, process $i"
      KNOBS_BACKEND=Cuda KNOBS_CUDA_TRACE_PLANS=1 "$dotnet" "$a/alexnet_cifar10.dll" run --variant fp16_12 --batch 16 --max-time 2 --meter none \
        --out "$profiles/plans-fp16-$i" 2>&1 | grep -E "^cuda plan|^AlexNetCifar10 +fp16_12"
    done
    echo "-- conf3"
    KNOBS_BACKEND=Cuda KNOBS_CUDA_TRACE_PLANS=1 "$dotnet" "$a/alexnet_cifar10.dll" run --config "$a/tuner_confs.txt" --index 3 --paired fp32_11 \
      --batch 16 --max-time 2 --meter none --out "$profiles/plans-conf3" 2>&1 | grep -E "^cuda plan|^AlexNetCifar10 +conf3"
    echo '```'; echo
  } >>"$summary"
fi
tar -C "$profiles" -czf "$out/profiles.tar.gz" . 2>/dev/null || true
cat "$summary"
exit "$status"
