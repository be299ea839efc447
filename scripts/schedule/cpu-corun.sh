#!/usr/bin/env bash
# Schedules sample DNNs co-running on this machine's CPU cores and measures the schedules for real.
#
#  1. builds samples/corun_cifar10 (alexnet_cifar10, resnet18_cifar10 and lenet_digits in one app) and the knobs tool;
#  2. profiles the three networks' lookup tables at one thread (ProfileTable of their own samples): alexnet and resnet18
#     at batch 1, lenet_digits (trained, labelled digits: per-node accuracy loss) at batch LENET_BATCH with its
#     perforation and sampling knobs;
#  3. measures the co-run profile (each node alone and beside each other network, and the cost of moving cores);
#  4. solves and runs schedules: alexnet + resnet18; all three on two cores; lenet + resnet18 by placement alone and with
#     a QoS budget for lenet (knob and core chosen together), the last two run block by block against each other;
#     printing predicted against measured makespans.
#
# Run nothing else meanwhile: it measures times. Everything it writes goes under OUTDIR; with --results DIR it also writes
# DIR/<date>-<time>-corun.md: the machine, its load, the commit, the command and what the measuring steps printed.
# Usage: scripts/schedule/cpu-corun.sh OUTDIR [--lenet-batch 512] [--budget 2] [--rounds 30] [--results docs/results]
set -euo pipefail

usage() { echo "usage: scripts/schedule/cpu-corun.sh OUTDIR [--lenet-batch N] [--budget POINTS] [--rounds N] [--results DIR]" >&2; exit 2; }
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out=""; lenet_batch=512; budget=2; rounds=30; results=""
command="scripts/schedule/cpu-corun.sh $*"
while [ $# -gt 0 ]; do
  case "$1" in
    --lenet-batch) [ $# -ge 2 ] || usage; lenet_batch="$2"; shift 2 ;;
    --budget)      [ $# -ge 2 ] || usage; budget="$2"; shift 2 ;;
    --rounds)      [ $# -ge 2 ] || usage; rounds="$2"; shift 2 ;;
    --results)     [ $# -ge 2 ] || usage; results="$2"; shift 2 ;;
    -h|--help)     usage ;;
    -*)            echo "cpu-corun.sh: unknown option: $1" >&2; usage ;;
    *)             [ -z "$out" ] || usage; out="$1"; shift ;;
  esac
done
[ -n "$out" ] || usage
[[ "$lenet_batch" =~ ^[1-9][0-9]*$ ]] || { echo "cpu-corun.sh: --lenet-batch must be a whole number" >&2; exit 2; }
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "cpu-corun.sh: --rounds must be a whole number" >&2; exit 2; }
mkdir -p "$out"; out="$(cd "$out" && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

step() { echo "== $(date '+%F %T') $1"; shift; "$@"; }
# measured LABEL COMMAND...: a step whose output also goes to the results log.
log="$out/results.log"; : > "$log"
measured() { local label="$1"; shift; { echo; echo "\$ ${label}"; } >> "$log"; step "$label" "$@" 2>&1 | tee -a "$log"; }
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

step "build" dotnet build "$repo/samples/corun_cifar10/corun_cifar10.csproj" -c Release -nologo -v q
step "build knobs" dotnet build "$repo/src/Knobs.Cli/Knobs.Cli.csproj" -c Release -nologo -v q
app="$repo/samples/corun_cifar10/bin/Release/net10.0/corun_cifar10"
knobs=(dotnet "$repo/src/Knobs.Cli/bin/Release/net10.0/knobs.dll")

table() { # NET BATCH VARIANTS
  step "ProfileTable $1 batch $2" dotnet msbuild "$repo/samples/$1/$1.csproj" -t:ProfileTable -p:Configuration=Release -nologo -v q \
    "-p:KnobsBatch=$2" -p:KnobsThreads=1 "-p:KnobsVariants=$3" \
    "-p:KnobsProfileDir=$out/profiles/$1/" "-p:KnobsTableDir=$out/tables/"
}
table alexnet_cifar10 1 "perf_121"
table resnet18_cifar10 1 "perf_121"
table lenet_digits "$lenet_batch" "perf_* samp_*"

measured "co-run profile" "$app" corun --contention -b AlexNetCifar10,ResNet18Cifar10,LeNetDigits --batch "LeNetDigits=$lenet_batch" \
  --rounds "$rounds" --out "$out/corun.profile.json"

t="$out/tables"
solve() { # NAME TABLES [knobs schedule options]
  local name="$1" tables="$2"; shift 2
  measured "knobs schedule $name" "${knobs[@]}" schedule --tables "$tables" --corun "$out/corun.profile.json" --out "$out/$name.schedule.json" "$@"
}
run() { # NAME SCHEDULE[,SCHEDULE]
  measured "corun --schedule $1" "$app" corun --schedule "$2" --rounds "$rounds" --out "$out/$1.measured.json"
}
solve two "$t/AlexNetCifar10.table.json,$t/ResNet18Cifar10.table.json"
run two "$out/two.schedule.json"
solve three "$t/AlexNetCifar10.table.json,$t/ResNet18Cifar10.table.json,$t/LeNetDigits.table.json"
run three "$out/three.schedule.json"
# Placement alone against knob and core chosen together, run block by block so both see the same spells of the machine.
solve placement "$t/LeNetDigits.table.json,$t/ResNet18Cifar10.table.json"
solve joint "$t/LeNetDigits.table.json,$t/ResNet18Cifar10.table.json" --budget "LeNetDigits=$budget"
run placement-vs-joint "$out/placement.schedule.json,$out/joint.schedule.json"
echo "== $(date '+%F %T') done; results under $out"
if [ -n "$results" ]; then
  mkdir -p "$results"
  file="$results/$(date -u '+%Y-%m-%d-%H%M')-corun.md"
  {
    echo "# Co-run schedules on this CPU, $(date -u '+%Y-%m-%d %H:%M') UTC"
    echo
    echo "- command: \`$command\`"
    echo "- machine: $(nproc) logical cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(. /etc/os-release && echo "$PRETTY_NAME")"
    echo "- commit: $(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet || echo ' (with uncommitted changes)')"
    echo "- load average before / after: $load_before / $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- tables: one thread; alexnet_cifar10 and resnet18_cifar10 at batch 1, lenet_digits at batch $lenet_batch; budget $budget points for the joint schedule; $rounds rounds per co-run"
    echo
    echo "Predicted times are the schedule's (tables + fitted contention model + measured transitions); measured times are medians over the rounds."
    echo
    echo '```'
    cat "$log"
    echo '```'
  } > "$file.tmp" && mv "$file.tmp" "$file"
  echo "results written to $file"
fi
