#!/usr/bin/env bash
# Profiles the HPVM sample networks on this machine's CPU into Knobs lookup tables, at one or more batch sizes,
# for training and evaluating latency predictors.
#
# For each net: `dotnet build samples/<net>/<net>.csproj -c Release` once, then for each batch size
# `dotnet msbuild ... -t:ProfileTable -p:KnobsBatch=<b>` with profiles under OUTDIR/profiles/b<b>/<net>/ and the
# tables (<Benchmark>.table.json, .table.csv, .table.md, .tensors.txt, report.html) under OUTDIR/b<b>/.
# ProfileTable is incremental: a rerun re-profiles only what is missing or changed.
# Run one instance at a time (profiles measure timings; anything else running on the machine distorts them).
#
# Usage: scripts/predict/profile-samples.sh OUTDIR [--batches "1 16"] [--nets "lenet_mnist alexnet_cifar10 ..."]
#                                           [-- extra msbuild args for ProfileTable]
# Example: scripts/predict/profile-samples.sh /work/tables -- -p:KnobsTargetError=0.03
set -euo pipefail

usage() {
  cat >&2 <<'USAGE'
usage: scripts/predict/profile-samples.sh OUTDIR [--batches "1 16"] [--nets "NET ..."] [-- extra msbuild args]
  OUTDIR     where tables (OUTDIR/b<batch>/) and profiles (OUTDIR/profiles/b<batch>/<net>/) go
  --batches  batch sizes, space-separated (default: "1 16"); run in the order given
  --nets     sample folders under samples/ (default: "lenet_mnist alexnet_cifar10 alexnet2_cifar10
             vgg16_cifar10 resnet18_cifar10 mobilenet_cifar10")
  --         everything after it is passed to each ProfileTable run (e.g. -p:KnobsTargetError=0.03)
USAGE
  exit 2
}

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
batches="1 16"
nets="lenet_mnist alexnet_cifar10 alexnet2_cifar10 vgg16_cifar10 resnet18_cifar10 mobilenet_cifar10"
outdir=""
extra=()

while [ $# -gt 0 ]; do
  case "$1" in
    --batches) [ $# -ge 2 ] || usage; batches="$2"; shift 2 ;;
    --nets)    [ $# -ge 2 ] || usage; nets="$2"; shift 2 ;;
    --)        shift; extra=("$@"); break ;;
    -h|--help) usage ;;
    -*)        echo "profile-samples.sh: unknown option: $1" >&2; usage ;;
    *)         [ -z "$outdir" ] || { echo "profile-samples.sh: more than one OUTDIR: $1" >&2; usage; }
               outdir="$1"; shift ;;
  esac
done
[ -n "$outdir" ] || { echo "profile-samples.sh: OUTDIR is missing" >&2; usage; }
[ -n "${batches// /}" ] || { echo "profile-samples.sh: --batches is empty" >&2; usage; }
[ -n "${nets// /}" ] || { echo "profile-samples.sh: --nets is empty" >&2; usage; }
for b in $batches; do
  [[ "$b" =~ ^[1-9][0-9]*$ ]] || { echo "profile-samples.sh: not a batch size: $b" >&2; usage; }
done
for net in $nets; do
  [ -f "$repo/samples/$net/$net.csproj" ] || { echo "profile-samples.sh: no samples/$net/$net.csproj" >&2; usage; }
done

mkdir -p "$outdir"
outdir="$(cd "$outdir" && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# step LABEL COMMAND...: runs COMMAND, prints its wall time; a failure stops the script with COMMAND's exit code.
step() {
  local label="$1"; shift
  local start end rc=0
  echo "== $(date '+%F %T') start: $label"
  start=$(date +%s)
  "$@" || rc=$?
  end=$(date +%s)
  if [ "$rc" -ne 0 ]; then
    echo "== FAILED (exit $rc) after $((end - start)) s: $label" >&2
    exit "$rc"
  fi
  echo "== $(date '+%F %T') done:  $label  wall $((end - start)) s"
}

total_start=$(date +%s)
echo "== profile-samples: repo $repo, out $outdir, nets: $nets, batches: $batches, extra: ${extra[*]:-(none)}"
for net in $nets; do
  proj="$repo/samples/$net/$net.csproj"
  step "build $net" dotnet build "$proj" -c Release -nologo
  for b in $batches; do
    step "ProfileTable $net batch $b" \
      dotnet msbuild "$proj" -t:ProfileTable -p:Configuration=Release -nologo \
        "-p:KnobsBatch=$b" \
        "-p:KnobsProfileDir=$outdir/profiles/b$b/$net/" \
        "-p:KnobsTableDir=$outdir/b$b/" \
        ${extra[@]+"${extra[@]}"}
  done
done
total_end=$(date +%s)

echo "== all done, total wall $((total_end - total_start)) s"
echo "== load average: $(uptime)"
echo "== tables now under $outdir (the batches of this run; name, size):"
for b in $batches; do
  find "$outdir/b$b" -maxdepth 1 -name '*.table.json' -printf '%p %s bytes\n' 2>/dev/null | sort
done
