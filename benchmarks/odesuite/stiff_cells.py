#!/usr/bin/env python3
"""Issue 12's score on the stiff problems: per (problem, rtol) cell, SciPy's best stiff method against FlowSim's.

Usage: stiff_cells.py DIR RTOL [RTOL ...]
Reads DIR/flowsim-<method>-<rtol>.json (radau5, radau9, rodas5p, rodas5, bdf) and DIR/scipy-<method>-<rtol>.json (Radau, BDF,
LSODA), the files compare.sh writes, and prints one markdown table per rtol and the count of matched cells.

SciPy's best stiff method in a cell: among Radau, BDF and LSODA runs that finished within tolerance (err/tol <= 1),
the one with the fewest RHS evaluations; when none is within tolerance, the one with the smallest err/tol. A cell is
matched when one of FlowSim's stiff methods finishes with an err/tol no larger than that method's and at most 1.1x its
RHS evaluations (FlowSim's nfev includes its finite-difference Jacobians; SciPy's includes none, its Jacobians being
analytic, except LSODA's banded one on diffusion-1000).
"""
import json
import os
import sys

FLOWSIM = ["radau5", "radau9", "rodas5p", "rodas5", "bdf"]
SCIPY = ["Radau", "BDF", "LSODA"]


def load(path):
    if not os.path.exists(path):
        return {}
    return {p["name"]: p for p in json.load(open(path))["problems"]}


def ok(p):
    return p is not None and p["status"] == "Success" and p["err_over_tol"] is not None


def best_scipy(cell):
    done = [(m, p) for m, p in cell.items() if ok(p)]
    within = [(m, p) for m, p in done if p["err_over_tol"] <= 1]
    if within:
        return min(within, key=lambda mp: mp[1]["nfev"])
    return min(done, key=lambda mp: mp[1]["err_over_tol"]) if done else (None, None)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    folder, rtols = sys.argv[1], sys.argv[2:]
    matched = total = 0
    for rtol in rtols:
        fs = {m: load(os.path.join(folder, f"flowsim-{m}-{rtol}.json")) for m in FLOWSIM}
        sp = {m: load(os.path.join(folder, f"scipy-{m}-{rtol}.json")) for m in SCIPY}
        names = [n for n, p in next(iter(v for v in fs.values() if v)).items() if p["stiff"]]
        print(f"\n### Stiff problems, rtol {rtol} (atol = rtol·1e-3; e5: 1.7e-24): nfev / err/tol per method\n")
        methods = [("FlowSim", m, fs[m]) for m in FLOWSIM] + [("SciPy", m, sp[m]) for m in SCIPY]
        print("| problem | " + " | ".join(f"{side} {m}" for side, m, _ in methods) + " |")
        print("|---|" + "---:|" * len(methods))
        for name in names:
            cells = []
            for _, _, runs in methods:
                p = runs.get(name)
                cells.append("-" if p is None else (f"{p['nfev']} / {p['err_over_tol']:.2g}" if ok(p) else f"{p['status']} ({p['nfev']})"))
            print(f"| {name} | " + " | ".join(cells) + " |")
        print(f"\n### Issue 12's cells, rtol {rtol}\n")
        print("| problem | SciPy best | nfev | err/tol | FlowSim best | nfev | err/tol | matched |")
        print("|---|---|---:|---:|---|---:|---:|---|")
        for name in names:
            sm, sbest = best_scipy({m: sp[m].get(name) for m in SCIPY})
            candidates = [(m, fs[m].get(name)) for m in FLOWSIM if ok(fs[m].get(name))]
            if sbest is None:
                print(f"| {name} | (no SciPy run finished) | | | | | | |")
                continue
            good = [(m, p) for m, p in candidates
                    if p["err_over_tol"] <= sbest["err_over_tol"] and p["nfev"] <= 1.1 * sbest["nfev"]]
            if good:
                fm, fbest = min(good, key=lambda mp: mp[1]["nfev"])
            else:
                # Closest miss: the FlowSim run with the smallest nfev among those no less accurate, else the most accurate.
                acc = [(m, p) for m, p in candidates if p["err_over_tol"] <= sbest["err_over_tol"]]
                fm, fbest = min(acc, key=lambda mp: mp[1]["nfev"]) if acc else min(candidates, key=lambda mp: mp[1]["err_over_tol"])
            total += 1
            matched += bool(good)
            print(f"| {name} | {sm} | {sbest['nfev']} | {sbest['err_over_tol']:.2e} | {fm} | {fbest['nfev']} | "
                  f"{fbest['err_over_tol']:.2e} | {'yes' if good else 'no'} |")
    print(f"\nMatched {matched} of {total} cells ({100 * matched / max(total, 1):.0f} %).")


if __name__ == "__main__":
    main()
