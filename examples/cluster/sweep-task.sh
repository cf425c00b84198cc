#!/usr/bin/env bash
# One task of a FlowSim sweep over an example scenario: shard I/N of the scenario's grid, or the whole grid.
# Used by sweep.slurm (I = $SLURM_ARRAY_TASK_ID), sweep-indexed-job.yaml (I = $JOB_COMPLETION_INDEX) and test-slurm.sh.
#
#   sweep-task.sh SCENARIO OUT [I/N]       # I/N omitted: the whole grid in this process
#   sweep-task.sh --grid SCENARIO          # print the grid as flowsim --param arguments, one per line
#
# SCENARIO: a path (absolute, or relative to the current directory or to the repository) or the name of a file in
# examples/scenarios/. Its grid is the built-in one below for that file name, or $PARAMS when set
# (PARAMS='PATH=V1,V2,… PATH=V1,V2,…', space-separated, e.g. PARAMS='dynamics[1].eta=0.01,0.02 seed=1,2').
# flowsim: $FLOWSIM when set (a command, e.g. "dotnet /opt/FlowSim.Cli.dll"), else the repository's Release build
# (src/FlowSim.Cli/bin/Release/net10.0/FlowSim.Cli.dll, run with dotnet), else `flowsim` on PATH.
# Exit code: flowsim's (0 done, 2 bad input before anything ran, 130 interrupted), 2 for a usage error here.
set -euo pipefail
set -f   # grid paths such as dynamics[1].eta are not globs

REPO=${FLOWSIM_REPO:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}

fail() { echo "sweep-task: $*" >&2; exit 2; }

# The built-in grids: every path exists in that scenario (a wrong path fails every shard with exit 2).
grid_of() {
  case "$(basename "$1")" in
    deep.yaml)       echo 'dynamics[1].eta=0.02,0.05,0.1,0.2 initialization.alpha=0.1,0.3,0.5' ;;   # descent step, identical start
    scalar.json)     echo 'dynamics[1].eta=0.02,0.05,0.1,0.2 initialization.alpha=0.1,0.3,0.5' ;;
    asymmetric.yaml) echo 'dynamics[1].eta=0.02,0.05,0.1 initialization.scale=0.05,0.1,0.2' ;;      # descent step, Gaussian scale
    sensing.yaml)    echo 'model.measurements=20,40,80 seed=1,2,3' ;;                                # measurements, seeds
    *) return 1 ;;
  esac
}

resolve_scenario() {
  local s=$1
  case "$s" in /*) [ -f "$s" ] && { echo "$s"; return; } ;; esac
  for candidate in "$PWD/$s" "$REPO/$s" "$REPO/examples/scenarios/$s"; do
    [ -f "$candidate" ] && { echo "$candidate"; return; }
  done
  fail "scenario '$s' not found (looked in $PWD, $REPO and $REPO/examples/scenarios)"
}

grid_args() {
  local spec=${PARAMS:-}
  if [ -z "$spec" ]; then
    spec=$(grid_of "$1") || fail "no built-in grid for $(basename "$1"): set PARAMS='PATH=V1,V2,… …'"
  fi
  for p in $spec; do printf -- '--param\n%s\n' "$p"; done
}

if [ "${1:-}" = "--grid" ]; then
  [ $# -eq 2 ] || fail "usage: sweep-task.sh --grid SCENARIO"
  scenario=$(resolve_scenario "$2")
  grid_args "$scenario"
  exit 0
fi
[ $# -eq 2 ] || [ $# -eq 3 ] || fail "usage: sweep-task.sh SCENARIO OUT [I/N]  |  sweep-task.sh --grid SCENARIO"

scenario=$(resolve_scenario "$1")
out=$2
mapfile -t args < <(grid_args "$scenario")
[ ${#args[@]} -gt 0 ] || exit 2   # grid_args has printed why
if [ $# -eq 3 ]; then args+=(--shard "$3"); fi

if [ -n "${FLOWSIM:-}" ]; then
  read -ra flowsim <<<"$FLOWSIM"
elif [ -f "$REPO/src/FlowSim.Cli/bin/Release/net10.0/FlowSim.Cli.dll" ]; then
  flowsim=(dotnet "$REPO/src/FlowSim.Cli/bin/Release/net10.0/FlowSim.Cli.dll")
elif command -v flowsim >/dev/null 2>&1; then
  flowsim=(flowsim)
else
  fail "no flowsim: build it (dotnet build -c Release $REPO/src/FlowSim.Cli), install the tool, or set FLOWSIM"
fi

exec "${flowsim[@]}" sweep "$scenario" "${args[@]}" --out "$out" --quiet
