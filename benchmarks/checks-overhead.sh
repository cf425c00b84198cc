#!/usr/bin/env bash
# Issue 17's target: checks add under 5 % to a `flowsim run` of examples/scenarios/deep.yaml with five checks.
# Runs `flowsim run` of deep.yaml (the baseline, B) and of deep.yaml + benchmarks/checks/five-checks.yaml (A) in turn,
# A B A B ..., RUNS times each after WARMUP pairs, and prints per command the min / median / max of the wall seconds
# (monotonic clock around each child) and the CPU seconds (user + system of the child, from wait4), then the medians
# of the pairwise ratios A/B. Whole processes: start-up, parsing, the run, every output file and figure included.
#   benchmarks/checks-overhead.sh              (env: RUNS, default 30; WARMUP, default 2)
# Builds Release once and runs the built dll. Writes under $TMPDIR or /var/tmp and deletes it at the end.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="$(mktemp -d "${TMPDIR:-/var/tmp}/flowsim-checks-overhead.XXXXXX")"; trap 'rm -rf "$work"' EXIT

dotnet build -c Release "$root/src/FlowSim.Cli" -v q -nologo >/dev/null
dll="$root/src/FlowSim.Cli/bin/Release/net10.0/FlowSim.Cli.dll"
cat "$root/examples/scenarios/deep.yaml" "$here/checks/five-checks.yaml" > "$work/deep-checks.yaml"

echo "checks-overhead: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) before; $(date -u '+%Y-%m-%d %H:%M UTC')"
python3 - "$dll" "$root/examples/scenarios/deep.yaml" "$work/deep-checks.yaml" "$work" "${RUNS:-30}" "${WARMUP:-2}" <<'PY'
import os, statistics, subprocess, sys, time
dll, base, checks, work, runs, warmup = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6])
commands = {"A": ["dotnet", dll, "run", checks, "--out", f"{work}/a", "--force", "--quiet"],
            "B": ["dotnet", dll, "run", base, "--out", f"{work}/b", "--force", "--quiet"]}
expected = {"A": 1, "B": 0}   # one of the five checks fails on purpose
def once(name):
    t0 = time.monotonic()
    p = subprocess.Popen(commands[name], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    code = os.waitstatus_to_exitcode(status)
    if code != expected[name]: sys.exit(f"checks-overhead: {name} exited {code}, expected {expected[name]}: {' '.join(commands[name])}")
    return wall, usage.ru_utime + usage.ru_stime
for _ in range(warmup): once("A"); once("B")
data = {"A": [], "B": []}
for _ in range(runs):
    for name in ("A", "B"): data[name].append(once(name))
def row(label, xs): print(f"{label:<12} {min(xs):8.3f} {statistics.median(xs):8.3f} {max(xs):8.3f}")
print(f"A = flowsim run deep.yaml + five checks; B = flowsim run deep.yaml; {runs} runs each\n{'':<12} {'min':>8} {'median':>8} {'max':>8}")
for name in ("A", "B"):
    row(f"{name} wall s", [w for w, _ in data[name]]); row(f"{name} cpu s", [c for _, c in data[name]])
for i, what in ((0, "wall"), (1, "cpu")):
    row(f"A/B {what}", [a[i] / b[i] for a, b in zip(data["A"], data["B"])])
PY
echo "checks-overhead: load $(cut -d' ' -f1-3 /proc/loadavg) after"
