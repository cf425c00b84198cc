#!/usr/bin/env bash
# Runs `flowsim ode-suite` and benchmarks/odesuite/scipy_suite.py on the same problems and tolerances.
# Usage: benchmarks/odesuite/compare.sh [RTOL ...]          (default: 1e-6 1e-10; atol = rtol*1e-3 on both sides)
#   1. explicit pairs, side by side: dp5 <-> RK45, dop853 <-> DOP853 (EXPLICIT=0 skips them: SciPy's explicit methods
#      spend ~10 minutes reaching the step cap on the stiff problems);
#   2. the stiff methods, FlowSim radau5, radau9, rodas5p, rodas5, bdf against SciPy Radau, BDF, LSODA, one table per rtol, and
#      issue 12's score (stiff_cells.py);
#   3. with WP=1 (default), a work-precision figure of the stiff problems, rtol 1e-4 ... 1e-12, written to
#      benchmarks/odesuite/work-precision-stiff.svg and .png (work_precision_stiff.py, matplotlib of /usr/bin/python3).
# JSON files go to ODESUITE_OUT (default: a new temporary directory) and are reused when present.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${ODESUITE_OUT:-$(mktemp -d)}"
mkdir -p "$out"
python="${PYTHON:-/usr/bin/python3}"
rtols=("$@"); [ ${#rtols[@]} -eq 0 ] && rtols=(1e-6 1e-10)
stiff_fs=(radau5 radau9 rodas5p rodas5 bdf)
stiff_sp=(Radau BDF LSODA)

dotnet build "$root/src/FlowSim.Cli" -c Release -v q -nologo >/dev/null
cli="dotnet $root/src/FlowSim.Cli/bin/Release/net10.0/FlowSim.Cli.dll"

flowsim() {  # method rtol
  [ -f "$out/flowsim-$1-$2.json" ] || $cli ode-suite --method "$1" --rtol "$2" --json "$out/flowsim-$1-$2.json" >/dev/null
}
scipy() {    # method rtol [extra options]
  [ -f "$out/scipy-$1-$2.json" ] || "$python" "$here/scipy_suite.py" --method "$1" --rtol "$2" "${@:3}" --json "$out/scipy-$1-$2.json" >/dev/null 2>&1
}

if [ "${EXPLICIT:-1}" != 0 ]; then
  for rtol in "${rtols[@]}"; do
    for pair in "dp5:RK45" "dop853:DOP853"; do
      fs="${pair%%:*}"; sp="${pair##*:}"
      flowsim "$fs" "$rtol"; scipy "$sp" "$rtol"
      "$python" - "$out/flowsim-$fs-$rtol.json" "$out/scipy-$sp-$rtol.json" <<'PY'
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
fmt = lambda e: "-" if e is None else f"{e:.2e}"
print(f"\n### FlowSim {a['method']} vs SciPy {b['method']}, rtol {a['rtol']:g}, atol {a['atol']:g}\n")
print(f"| problem | FlowSim status | SciPy status | FlowSim nfev | SciPy nfev | FlowSim err/tol | SciPy err/tol |")
print(f"|---|---|---|---:|---:|---:|---:|")
sp = {p["name"]: p for p in b["problems"]}
for p in a["problems"]:
    q = sp[p["name"]]
    name = p["name"] + (" (stiff)" if p["stiff"] else "")
    print(f"| {name} | {p['status']} | {q['status']} | {p['nfev']} | {q['nfev']} | {fmt(p['err_over_tol'])} | {fmt(q['err_over_tol'])} |")
PY
    done
  done
fi

for rtol in "${rtols[@]}"; do
  for m in "${stiff_fs[@]}"; do flowsim "$m" "$rtol"; done
  for m in "${stiff_sp[@]}"; do scipy "$m" "$rtol"; done
done
"$python" "$here/stiff_cells.py" "$out" "${rtols[@]}"

if [ "${WP:-1}" != 0 ]; then
  wp_rtols=(1e-4 1e-5 1e-6 1e-7 1e-8 1e-9 1e-10 1e-11 1e-12)
  for rtol in "${wp_rtols[@]}"; do
    for m in radau5 radau9 rodas5p bdf; do flowsim "$m" "$rtol"; done
    for m in "${stiff_sp[@]}"; do scipy "$m" "$rtol" --stiff-only; done
  done
  "$python" "$here/work_precision_stiff.py" "$out" "$here/work-precision-stiff" "${wp_rtols[@]}"
fi
echo; echo "JSON files in $out"
