#!/usr/bin/env bash
# A sweep at scale: a 100 × 100 grid (10,000 points) of examples/scenarios/deep.yaml, varying the descent step
# dynamics[1].eta (0.010 … 0.109) and the identical start initialization.alpha (0.10 … 1.09), then `flowsim merge`.
# Prints the wall and CPU seconds of each, the bytes written per point (file contents, and disk blocks by du), and
# checks sweep.csv's row count. Builds Release once and runs the built dll (start-up included in the times).
#   benchmarks/sweep-scale.sh [OUT]            (env: ETA_N, ALPHA_N grid sides, default 100; JOBS; OUTPUTS summary|full)
# OUT defaults to a fresh directory under $TMPDIR or /var/tmp, deleted at the end unless KEEP=1 (on this machine a mkdir
# under /tmp or /root costs about 1 ms of kernel time, under /var/tmp or /work 0.05 ms: see benchmarks/README.md).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
eta_n=${ETA_N:-100} alpha_n=${ALPHA_N:-100}
out=${1:-$(mktemp -d "${TMPDIR:-/var/tmp}/flowsim-sweep-scale.XXXXXX")/sweep}
[ -n "${1:-}" ] || { [ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$(dirname "$out")"' EXIT; }
[ ! -e "$out" ] || { echo "sweep-scale: $out exists; give a new directory" >&2; exit 2; }

dotnet build -c Release "$root/src/FlowSim.Cli" -v q -nologo >/dev/null
dll="$root/src/FlowSim.Cli/bin/Release/net10.0/FlowSim.Cli.dll"
etas=$(awk -v n="$eta_n" 'BEGIN { for (i = 0; i < n; i++) printf "%s%.3f", (i ? "," : ""), 0.01 + 0.001 * i }')
alphas=$(awk -v n="$alpha_n" 'BEGIN { for (i = 0; i < n; i++) printf "%s%.2f", (i ? "," : ""), 0.10 + 0.01 * i }')
points=$((eta_n * alpha_n))
args=(sweep "$root/examples/scenarios/deep.yaml" --param "dynamics[1].eta=$etas" --param "initialization.alpha=$alphas"
  --out "$out" --quiet --outputs "${OUTPUTS:-summary}")
[ -z "${JOBS:-}" ] || args+=(--jobs "$JOBS")

# Wall and CPU seconds of a command, from bash's own clock and the kernel's accounting of its children.
timed() {
  local t0 c0 c1
  c0=$(awk '{ print $14 + $15 + $16 + $17 }' /proc/$$/stat)
  t0=$(date +%s.%N)
  "$@"
  wall=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
  c1=$(awk '{ print $14 + $15 + $16 + $17 }' /proc/$$/stat)
  cpu=$(awk -v a="$c0" -v b="$c1" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", (b - a) / hz }')
}

echo "sweep-scale: $points points of deep.yaml into $out ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
timed dotnet "$dll" "${args[@]}" 2>"$out.err" >"$out.log" || { cat "$out.err" "$out.log" >&2; exit 1; }
sweep_wall=$wall sweep_cpu=$cpu
bytes=$(find "$out" -type f -path '*/point-*' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
disk_kib=$(du -sk --exclude=sweep.json "$out" | cut -f1)
timed dotnet "$dll" merge "$out" >"$out.merge.log" || { cat "$out.merge.log" >&2; exit 1; }
merge_wall=$wall merge_cpu=$cpu
rows=$(($(wc -l <"$out/sweep.csv") - 1))
[ "$rows" -eq $((points * 3)) ] || { echo "sweep-scale: sweep.csv has $rows rows, expected $((points * 3))" >&2; exit 1; }
echo "sweep: $(cat "$out.log")"
echo "sweep: ${sweep_wall} s wall, ${sweep_cpu} s CPU; $(awk -v b="$bytes" -v n="$points" 'BEGIN { printf "%.0f", b / n }') bytes of files per point, $(awk -v k="$disk_kib" -v n="$points" 'BEGIN { printf "%.1f", k / n }') KiB on disk per point (du, directories included)"
echo "merge: ${merge_wall} s wall, ${merge_cpu} s CPU; sweep.csv $rows rows, $(stat -c %s "$out/sweep.csv") bytes, sweep.svg $(stat -c %s "$out/sweep.svg") bytes"
