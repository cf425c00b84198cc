#!/usr/bin/env python3
"""Work-precision figure of the ODE suite's stiff problems: error against RHS evaluations, FlowSim's stiff methods
(solid) against SciPy's (dashed), one point per rtol.

Usage: work_precision_stiff.py DIR OUTPUT_STEM RTOL [RTOL ...]
Reads DIR/flowsim-<method>-<rtol>.json and DIR/scipy-<method>-<rtol>.json (compare.sh writes them) and writes
OUTPUT_STEM.svg and OUTPUT_STEM.png. The error plotted is err/tol · rtol = max_i |y_i − ref_i| / (1e-3 + |ref_i|) when
atol = rtol·1e-3 (a tolerance-free measure, relative with an absolute floor of 1e-3); E5 runs with its own atol
(1.7e-24), so its panel shows err/tol · rtol = max_i |e_i| / (1.7e-24/rtol + |ref_i|).
"""
import json
import os
import sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

FLOWSIM = [("radau5", "tab:blue"), ("radau9", "tab:purple"), ("rodas5p", "tab:orange"), ("bdf", "tab:green")]
SCIPY = [("Radau", "tab:blue"), ("BDF", "tab:green"), ("LSODA", "tab:red")]


def load(folder, side, method, rtol):
    path = os.path.join(folder, f"{side}-{method}-{rtol}.json")
    if not os.path.exists(path):
        return {}
    return {p["name"]: p for p in json.load(open(path))["problems"]}


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    folder, stem, rtols = sys.argv[1], sys.argv[2], sys.argv[3:]
    runs = {(side, m, r): load(folder, side, m, r) for side, ms in (("flowsim", FLOWSIM), ("scipy", SCIPY))
            for m, _ in ms for r in rtols}
    first = next(v for v in runs.values() if v)
    names = [n for n, p in first.items() if p["stiff"]]
    cols = 4
    rows = (len(names) + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 3.6 * rows), squeeze=False)
    for ax, name in zip(axes.flat, names):
        for side, methods, style in (("flowsim", FLOWSIM, "-o"), ("scipy", SCIPY, "--s")):
            for m, color in methods:
                pts = []
                for r in rtols:
                    p = runs[(side, m, r)].get(name)
                    if p and p["status"] == "Success" and p["err_over_tol"] is not None:
                        pts.append((p["nfev"], max(p["err_over_tol"] * float(r), 1e-17)))
                if pts:
                    xs, ys = zip(*pts)
                    label = f"{'FlowSim' if side == 'flowsim' else 'SciPy'} {m}"
                    ax.loglog(xs, ys, style, color=color, label=label, markersize=3, linewidth=1.2,
                              alpha=1.0 if side == "flowsim" else 0.7)
        ax.set_title(name + (" (err/tol·rtol, atol 1.7e-24)" if name == "e5" else ""), fontsize=10)
        ax.set_xlabel("RHS evaluations")
        ax.set_ylabel("error / (1e-3 + |ref|)")
        ax.grid(True, which="both", alpha=0.3)
    for ax in list(axes.flat)[len(names):]:
        ax.axis("off")
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=6, fontsize=9)
    fig.suptitle(f"Stiff problems of the FlowSim ODE suite, rtol {rtols[0]} … {rtols[-1]}, atol = rtol·1e-3", fontsize=12)
    fig.tight_layout(rect=(0, 0.05, 1, 0.96))
    fig.savefig(stem + ".svg")
    fig.savefig(stem + ".png", dpi=110)
    print(f"wrote {stem}.svg and {stem}.png")


if __name__ == "__main__":
    main()
