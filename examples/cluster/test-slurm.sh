#!/usr/bin/env bash
# The cluster example against a real Slurm (a private single node, slurm-local.sh), as .ci/run runs it:
#   1. bring Slurm up (installs Debian's packages when missing), build the CLI once;
#   2. from a directory outside the repository, submit one 8-task array of sweep.slurm per example scenario (deep,
#      scalar, asymmetric through submit.sh; sensing by plain sbatch with a relative script path; 42 points), wait for
#      the arrays (squeue, with a timeout);
#   3. delete one point, resubmit that task alone (--array=5) and check it ran as shard 5/8;
#   4. merge each sweep and compare sweep.csv byte for byte with an unsharded sweep of the same grid;
#   5. tear everything down on exit.
# Skipped (exit 0, with the reason) where it cannot run: not root, or the packages missing and not installable.
# Exit 1 with the reason when a check fails. Variables: SLURM_TEST_TIMEOUT (seconds per wait, default 150),
# SLURM_TEST_KEEP=1 keeps the work directory.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
timeout=${SLURM_TEST_TIMEOUT:-150}
shards=8
scenarios=(deep.yaml scalar.json asymmetric.yaml sensing.yaml)
t0=$(date +%s.%N)

say() { echo "slurm test: $*"; }
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
skip() { say "skipped: $*"; exit 0; }

[ "$(id -u)" -eq 0 ] || skip "needs root (a private munged and slurmd)"
if ! command -v slurmctld >/dev/null 2>&1 && ! command -v apt-get >/dev/null 2>&1; then
  skip "Slurm is not installed and there is no apt-get to install it"
fi

# Our own cluster: its own directory and ports, so that a developer's slurm-local.sh cluster is left alone.
export FLOWSIM_SLURM_DIR=/tmp/flowsim-slurm-test FLOWSIM_SLURM_PORT=6837
work=$(mktemp -d /tmp/flowsim-slurm-test-work.XXXXXX)
failed=0
errline=""
trap 'errline=$LINENO' ERR
cleanup() {
  local rc=$?
  if [ $rc -ne 0 ] && [ "$failed" = 0 ]; then failed=1; say "FAILED: exit $rc${errline:+ at line $errline of $0}"; fi
  "$here/slurm-local.sh" down >/dev/null 2>&1 || true
  if [ "$failed" = 1 ] || [ "${SLURM_TEST_KEEP:-0}" = 1 ]; then say "work directory kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
fail() { failed=1; say "FAILED: $*"; exit 1; }

t=$(date +%s.%N)
status=0
"$here/slurm-local.sh" up 2>"$work/up.err" || status=$?
if [ $status -eq 77 ]; then skip "$(sed -n 's/^slurm-local: unavailable: //p' "$work/up.err" | head -n 1)"; fi
[ $status -eq 0 ] || { cat "$work/up.err" >&2; fail "slurm-local.sh up exited $status"; }
up_s=$(since "$t")
eval "$("$here/slurm-local.sh" env)"

t=$(date +%s.%N)
dotnet build -c Release "$repo/src/FlowSim.Cli" -nologo -v q >"$work/build.log" 2>&1 || { tail -n 20 "$work/build.log"; fail "dotnet build of the CLI"; }
build_s=$(since "$t")
flowsim=(dotnet "$repo/src/FlowSim.Cli/bin/Release/net10.0/FlowSim.Cli.dll")
# The same thread count in the tasks (FLOWSIM_THREADS=$SLURM_CPUS_PER_TASK=1) and in the unsharded reference.
export FLOWSIM_THREADS=1

# Wait until none of the given jobs is queued or running; then every task must have COMPLETED with exit code 0.
wait_jobs() {
  local start now
  start=$(date +%s)
  while [ -n "$(squeue -h -j "$1" -o %i 2>/dev/null)" ]; do
    now=$(date +%s)
    [ $((now - start)) -lt "$timeout" ] || { squeue -j "$1" >&2 || true; fail "jobs $1 still queued or running after $timeout s"; }
    sleep 0.5
  done
  local bad="" id
  for id in ${1//,/ }; do
    bad+=$(scontrol show job -o "$id" 2>/dev/null | grep -v 'JobState=COMPLETED .*ExitCode=0:0' \
      | grep -oE 'ArrayJobId=[0-9]+ ArrayTaskId=[0-9]+|JobState=[A-Z_]+|ExitCode=[0-9:]+' | paste -sd' ' || true)
  done
  [ -z "$bad" ] || fail "tasks that did not complete: $bad (logs in $work/logs)"
}

# Submit from outside the repository, with scenario paths relative to the repository: the documented "any directory".
mkdir -p "$work/elsewhere"
cd "$work/elsewhere"
t=$(date +%s.%N)
jobs=()
for s in "${scenarios[@]}"; do
  if [ "$s" = sensing.yaml ]; then
    # One array by plain sbatch with a relative script path and no FLOWSIM_REPO: sweep.slurm finds the repository.
    script=$(realpath --relative-to="$PWD" "$here/sweep.slurm")
    jobs+=("$(env -u FLOWSIM_REPO sbatch --parsable --array=0-$((shards - 1)) --output="$work/logs/flowsim-%A_%a.out" \
      --export="ALL,SHARDS=$shards,SCENARIO=$s,OUT=$work/sweeps/${s%.*}" "$script" 2>>"$work/submit.err")") \
      || { cat "$work/submit.err" >&2; fail "sbatch $script for $s"; }
  else
    jobs+=("$(SHARDS=$shards OUT="$work/sweeps/${s%.*}" LOGS="$work/logs" "$here/submit.sh" "examples/scenarios/$s" 2>>"$work/submit.err")") \
      || { cat "$work/submit.err" >&2; fail "submit.sh $s"; }
  fi
done
joblist=$(IFS=,; echo "${jobs[*]}")
wait_jobs "$joblist"
sweep_s=$(since "$t")
nlogs=$(find "$work/logs" -name 'flowsim-*.out' | wc -l)
[ "$nlogs" -eq $((shards * ${#scenarios[@]})) ] || fail "expected $((shards * ${#scenarios[@]})) task logs, found $nlogs"

# A lost point, resubmitted alone: task 5 of the deep sweep must run shard 5/8 and redo exactly point 5.
deep=$work/sweeps/deep
[ -f "$deep/point-0005/done" ] || fail "$deep/point-0005 missing after the array"
rm -rf "$deep/point-0005"
t=$(date +%s.%N)
job=$(SHARDS=$shards OUT="$deep" LOGS="$work/logs" "$here/submit.sh" examples/scenarios/deep.yaml --array=5 2>>"$work/submit.err")
wait_jobs "$job"
resubmit_s=$(since "$t")
grep -q "shard 5/$shards: ran 1 points, 0 already done" "$work/logs/flowsim-${job}_5.out" \
  || { cat "$work/logs/flowsim-${job}_5.out" >&2; fail "resubmitted task 5 did not run shard 5/$shards"; }
[ -f "$deep/point-0005/done" ] || fail "resubmitted task 5 did not restore point-0005"

# Merge, then the same grids unsharded in one process each: sweep.csv must be identical byte for byte.
t=$(date +%s.%N)
for s in "${scenarios[@]}"; do
  name=${s%.*}
  "${flowsim[@]}" merge "$work/sweeps/$name" >"$work/merge-$name.log" 2>&1 || { cat "$work/merge-$name.log" >&2; fail "merge of $name"; }
  "$here/sweep-task.sh" "examples/scenarios/$s" "$work/reference/$name" >"$work/ref-$name.log" 2>&1 \
    || { cat "$work/ref-$name.log" >&2; fail "unsharded sweep of $name"; }
  "${flowsim[@]}" merge "$work/reference/$name" >>"$work/ref-$name.log" 2>&1 || { cat "$work/ref-$name.log" >&2; fail "merge of the unsharded $name"; }
  cmp "$work/sweeps/$name/sweep.csv" "$work/reference/$name/sweep.csv" \
    || { diff "$work/sweeps/$name/sweep.csv" "$work/reference/$name/sweep.csv" | head -n 10 >&2 || true; fail "$name: sharded sweep.csv differs from the unsharded one"; }
  rows=$(($(wc -l <"$work/sweeps/$name/sweep.csv") - 1))
  say "$name: $rows rows, sharded (Slurm, $shards tasks) = unsharded, byte for byte"
done
check_s=$(since "$t")

say "passed: Slurm up ${up_s} s, CLI build ${build_s} s, 4 arrays of $shards tasks ${sweep_s} s, one task resubmitted ${resubmit_s} s, merge and unsharded reference ${check_s} s; total $(since "$t0") s"
