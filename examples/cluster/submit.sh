#!/usr/bin/env bash
# Submits sweep.slurm as a job array from any directory: creates the log directory first (Slurm opens --output before
# the script runs, so a missing directory loses the log and fails the task) and passes the variables the tasks need.
#
#   examples/cluster/submit.sh SCENARIO [sbatch options…]
#   examples/cluster/submit.sh deep.yaml                   # tasks 0-7 of 8
#   examples/cluster/submit.sh deep.yaml --array=5         # resubmit task 5 alone: shard 5/8
#   SHARDS=4 OUT=/scratch/sweeps/s examples/cluster/submit.sh examples/scenarios/sensing.yaml --time=00:10:00
#
# SCENARIO: a path, or a file name in examples/scenarios/. Variables: SHARDS (default 8), OUT (the shared sweep
# directory, default $HOME/flowsim-sweeps/<scenario name>), LOGS (default ./logs), PARAMS and FLOWSIM (see
# sweep-task.sh). sbatch options given after SCENARIO come last and win (e.g. --array, --partition, --time).
# Prints the job id on stdout.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
FLOWSIM_REPO=${FLOWSIM_REPO:-$(cd "$here/../.." && pwd)}

[ $# -ge 1 ] || { echo "usage: submit.sh SCENARIO [sbatch options…]" >&2; exit 2; }
scenario=$1; shift
case "$scenario" in
  /*) ;;
  *) if [ -f "$scenario" ]; then scenario="$PWD/$scenario"
     elif [ -f "$FLOWSIM_REPO/$scenario" ]; then scenario="$FLOWSIM_REPO/$scenario"
     elif [ -f "$FLOWSIM_REPO/examples/scenarios/$scenario" ]; then scenario="$FLOWSIM_REPO/examples/scenarios/$scenario"
     fi ;;
esac
[ -f "$scenario" ] || { echo "submit.sh: scenario '$scenario' not found" >&2; exit 2; }
# Check the grid here, before anything is queued.
"$here/sweep-task.sh" --grid "$scenario" >/dev/null

SHARDS=${SHARDS:-8}
OUT=${OUT:-$HOME/flowsim-sweeps/$(basename "${scenario%.*}")}
LOGS=${LOGS:-$PWD/logs}
mkdir -p "$LOGS" "$(dirname "$OUT")"
OUT=$(cd "$(dirname "$OUT")" && pwd)/$(basename "$OUT")
LOGS=$(cd "$LOGS" && pwd)
SCENARIO=$scenario
export FLOWSIM_REPO SHARDS SCENARIO OUT

job=$(sbatch --parsable --array="0-$((SHARDS - 1))" --output="$LOGS/flowsim-%A_%a.out" --export=ALL "$@" \
  "$FLOWSIM_REPO/examples/cluster/sweep.slurm")
job=${job%%;*}
echo "submit.sh: job $job: $(basename "$scenario"), shards of $SHARDS -> $OUT; logs $LOGS/flowsim-${job}_<task>.out" >&2
echo "submit.sh: when it is done: flowsim merge $OUT" >&2
echo "$job"
