#!/usr/bin/env bash
# Before/after check of a change: the same `flowsim bench` commands on two builds, alternated (old, new, old, new …) so
# that a slow spell of a shared machine hits both; prints per command each side's in-process minimum and the median of
# the paired ratios new/old. Usage: benchmarks/compare-builds.sh OLD_REV [ROUNDS]   (default ROUNDS 5)
# OLD_REV is built in a temporary git worktree; the new side is this checkout's Release build.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
old_rev=${1:?usage: benchmarks/compare-builds.sh OLD_REV [ROUNDS]}
rounds=${2:-5}
work="$(mktemp -d "${TMPDIR:-/var/tmp}/flowsim-compare-builds.XXXXXX")"
trap 'git -C "$root" worktree remove --force "$work/old" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git -C "$root" worktree add -q --detach "$work/old" "$old_rev"
dotnet build -c Release "$work/old/src/FlowSim.Cli" -v q -nologo >/dev/null
dotnet build -c Release "$root/src/FlowSim.Cli" -v q -nologo >/dev/null
OLD="$work/old/src/FlowSim.Cli/bin/Release/net10.0/FlowSim.Cli.dll"
NEW="$root/src/FlowSim.Cli/bin/Release/net10.0/FlowSim.Cli.dll"
commands=("flow --d 16 --method dop853" "flow --d 64 --method dop853" "flow --d 64 --method dp5" "gd --d 64"
          "flow --d 256 --method dop853 --repeat 3" "rhs --d 64")
echo "compare-builds: $old_rev against $(git -C "$root" rev-parse --short HEAD), $rounds rounds, load $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$rounds"); do
  for cmd in "${commands[@]}"; do
    for side in OLD NEW; do
      # shellcheck disable=SC2086
      echo "$side|$cmd|$(dotnet "${!side}" bench $cmd --json | tail -n 1)"
    done
  done
done > "$work/rows"
python3 - "$work/rows" <<'PY'
import json, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    side, cmd, out = line.rstrip("\n").split("|", 2)
    rows.setdefault(cmd, {}).setdefault(side, []).append(json.loads(out)["seconds"])
print(f"{'bench command':42s} {'old min s':>10s} {'new min s':>10s} {'min new/old':>12s} {'median paired':>14s}")
for cmd, d in rows.items():
    paired = statistics.median(n / o for n, o in zip(d["NEW"], d["OLD"]))
    print(f"{cmd:42s} {min(d['OLD']):10.5f} {min(d['NEW']):10.5f} {min(d['NEW']) / min(d['OLD']):12.3f} {paired:14.3f}")
PY
