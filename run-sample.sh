#!/usr/bin/env bash
# The main job: profile an HPVM sample network with Knobs and simulate HPVM's own tuner configurations.
#
#   ./run-sample.sh                       # alexnet_cifar10: build, ProfileTable (default HPVM table), Simulate
#   ./run-sample.sh resnet18_cifar10      # any sample under samples/
#   ./run-sample.sh --validate            # also measure every configuration: predicted vs measured speedup
#   ./run-sample.sh --accelerators        # also profile for the modelled accelerators of samples/accelerators/
#   ./run-sample.sh --accelerator F.yaml  # also profile for the accelerator F.yaml describes (repeatable)
#   ./run-sample.sh --slurm               # hand the runs to Slurm (SLURM_CONF's cluster, else a one-node one started here)
#   ./run-sample.sh --artifacts-path DIR  # build output outside the tree (e.g. when several builds share it)
#   ./run-sample.sh -- -p:KnobsBatch=4    # anything after -- goes to every dotnet call
#
# Ends by printing where the lookup table, the report and the simulated configurations are.
set -euo pipefail
cd "$(dirname "$0")"

net=alexnet_cifar10
validate=false
slurm=false
accelerators=()
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --validate) validate=true ;;
    --accelerators) accelerators+=(samples/accelerators/arr32_ws.yaml samples/accelerators/smv.yaml) ;;
    --accelerator) [ $# -ge 2 ] || { echo "run-sample.sh: --accelerator needs a description (YAML)" >&2; exit 2; }
                   [ -f "$2" ] || { echo "run-sample.sh: --accelerator: no file '$2'" >&2; exit 2; }
                   accelerators+=("$2"); shift ;;
    --artifacts-path) [ $# -ge 2 ] || { echo "run-sample.sh: --artifacts-path needs a folder" >&2; exit 2; }
                      mkdir -p "$2"; extra+=("-p:ArtifactsPath=$(cd "$2" && pwd)"); shift ;;
    --) shift; extra+=("$@"); break ;;
    --slurm) slurm=true ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    -*) echo "run-sample.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
    *) net="$1" ;;
  esac
  shift
done

project="samples/$net/$net.csproj"
confs="samples/$net/tuner_confs.txt"
if [ ! -f "$project" ]; then
  echo "run-sample.sh: no sample '$net'; the samples are: $(cd samples && ls -d *_*/ | tr -d / | tr '\n' ' ')" >&2
  exit 2
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
common=(-p:Configuration=Release -nologo "${extra[@]}")
start=$(date +%s)

if [ "$slurm" = true ]; then
  if [ -z "${SLURM_CONF:-}" ] && ! sinfo >/dev/null 2>&1; then
    cluster=$(mktemp -d /tmp/knobs-slurm.XXXXXX)
    echo "== starting a one-node Slurm in $cluster (scripts/slurm/one-node.sh; stopped at the end)"
    export "$(scripts/slurm/one-node.sh start "$cluster")"
    trap 'scripts/slurm/one-node.sh stop "$cluster"; rm -rf "$cluster"' EXIT
  fi
  common+=(-p:KnobsScheduler=slurm)
fi

echo "== build $project"
dotnet build "$project" -c Release -nologo "${extra[@]}"

echo "== ProfileTable: every variant of the default HPVM knob table, measured"
dotnet msbuild "$project" -t:ProfileTable "${common[@]}"

if [ -f "$confs" ]; then
  echo "== Simulate: HPVM's configurations ($confs) predicted from the CPU table (their gpu lines run on the CPU here)$( [ "$validate" = true ] && echo ', then measured')"
  dotnet msbuild "$project" -t:Simulate "-p:KnobsConfigurations=$PWD/$confs" "-p:KnobsValidate=$validate" -p:KnobsSimulateGpuOnCpu=true "${common[@]}"
else
  echo "== Simulate: skipped: $net has no HPVM configuration file ($confs), so there is nothing to simulate$( [ "$validate" = true ] && echo ' or validate')"
fi

accel_names=()
for file in "${accelerators[@]}"; do
  path=$(cd "$(dirname "$file")" && pwd)/$(basename "$file")
  name=$(sed -n 's/^name:[[:space:]]*\([A-Za-z0-9_-]*\).*/\1/p' "$path" | head -n 1)
  accel_names+=("$name:$(basename "$path" .yaml)")
  echo "== ProfileTable for accel:$name ($file): each variant runs once on the CPU for its op features and QoS; times and energy are modelled"
  dotnet msbuild "$project" -t:ProfileTable "-p:KnobsAccelerator=$path" "${common[@]}"
  if [ -f "$confs" ]; then
    echo "== Simulate on accel:$name: HPVM's configurations ($confs), their gpu lines on the accelerator"
    dotnet msbuild "$project" -t:Simulate "-p:KnobsConfigurations=$PWD/$confs" "-p:KnobsAccelerator=$path" "-p:KnobsSimulateGpuOn=accel:$name" "${common[@]}"
  fi
done

tables=$(dotnet msbuild "$project" -getProperty:KnobsTableDir "${common[@]}")
stem=$(basename "$confs" .txt)
show() {  # label, files...: each path, or "(missing)" when the step did not write it
  local label=$1; shift
  local line=""
  for f in "$@"; do
    if [ -e "$f" ]; then line+="$f  "; else line+="$f (missing)  "; fi
  done
  printf '  %-26s %s\n' "$label" "$line"
}
echo
echo "Done in $(( $(date +%s) - start )) s. Outputs of $net (under $tables):"
show "lookup table:" "$tables"*.tensors.txt "$tables"*.table.csv
show "report:" "${tables}report.html" "${tables}${stem}.report.html"
show "simulated configurations:" "${tables}${stem}.simulated.txt" "${tables}${stem}.simulated.csv"
if [ "$validate" = true ]; then show "predicted vs measured:" "${tables}${stem}.validation.csv"; fi
for entry in "${accel_names[@]}"; do
  name=${entry%%:*} file_stem=${entry#*:}   # tables are named after the device, simulations after the description file
  show "accel:$name table:" "$tables"*".accel-$name.tensors.txt" "$tables"*".accel-$name.table.csv"
  if [ -f "$confs" ]; then show "accel:$name simulated:" "${tables}${stem}.accel-$file_stem.simulated.txt" "${tables}${stem}.accel-$file_stem.report.html"; fi
done
