#!/usr/bin/env bash
# Builds the GPU harness here and packs everything a GPU machine without .NET needs into one folder (the "carry"):
#   dotnet-runtime.tar.xz   this machine's .NET runtime (dotnet, host/, shared/Microsoft.NETCore.App/<version>)
#   bench/                  Knobs.Cuda.Bench, published framework-dependent (Release), with peers/conv_peer.py
#   conv-golden/            HPVM's golden convolutions (tests/data/hpvm/conv-golden)
#   run-on-gpu.sh           what to run there (see that script)
#   run-backend-on-gpu.sh   with --apps: the Cuda tensor backend's checks and the sample apps on the GPU
#   apps/<sample>/          with --apps: lenet_digits, alexnet_cifar10, resnet18_cifar10, mobilenet_cifar10, published
# Usage: scripts/gpu/build-carry.sh [CARRY_DIR] [--apps]     (default CARRY_DIR: .gpu-carry in the repository root; ignored by git)
# Then copy CARRY_DIR to the GPU machine (or let a device runner carry it) and run: bash CARRY_DIR/run-on-gpu.sh OUT_DIR
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
apps=false
args=()
for a in "$@"; do
  if [ "$a" = --apps ]; then apps=true; else args+=("$a"); fi
done
carry="${args[0]:-$repo/.gpu-carry}"
dotnet_root="${DOTNET_ROOT:-$(dirname "$(readlink -f "$(command -v dotnet)")")}"
runtime_version="$(dotnet --list-runtimes | awk '$1 == "Microsoft.NETCore.App" { v = $2 } END { print v }')"
[ -n "$runtime_version" ] || { echo "no Microsoft.NETCore.App runtime found by 'dotnet --list-runtimes'" >&2; exit 1; }

mkdir -p "$carry"
rm -rf "$carry/bench" "$carry/conv-golden"
dotnet publish "$repo/tests/Knobs.Cuda.Bench/Knobs.Cuda.Bench.csproj" -c Release --self-contained false -o "$carry/bench" -nologo -v quiet
cp -r "$repo/tests/data/hpvm/conv-golden" "$carry/conv-golden"
cp "$repo/scripts/gpu/run-on-gpu.sh" "$carry/run-on-gpu.sh"
cp "$repo/scripts/gpu/run-backend-on-gpu.sh" "$carry/run-backend-on-gpu.sh"
rm -rf "$carry/apps"
if [ "$apps" = true ]; then
  for sample in lenet_digits alexnet_cifar10 resnet18_cifar10 mobilenet_cifar10; do
    dotnet publish "$repo/samples/$sample/$sample.csproj" -c Release --self-contained false -o "$carry/apps/$sample" -nologo -v quiet
    rm -f "$carry/apps/$sample"/*.pdb "$carry/apps/$sample"/*.xml
    [ -f "$repo/samples/$sample/tuner_confs.txt" ] && cp "$repo/samples/$sample/tuner_confs.txt" "$carry/apps/$sample/tuner_confs.txt"
  done
fi

# The runtime is packed once per version (about 26 MB as tar.xz).
archive="$carry/dotnet-runtime.tar.xz"
stamp="$carry/dotnet-runtime.version"
if [ ! -f "$archive" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$runtime_version" ]; then
  tar -C "$dotnet_root" -cJf "$archive" dotnet host "shared/Microsoft.NETCore.App/$runtime_version"
  echo "$runtime_version" > "$stamp"
fi
du -sh "$carry"/* | sed 's/^/  /'
echo "carry ready: $carry (.NET runtime $runtime_version)"
