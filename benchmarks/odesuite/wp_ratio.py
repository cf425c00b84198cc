#!/usr/bin/env python3
"""Work-precision ratio of two runs of the stiff problems (the JSON files compare.sh writes).

Usage: wp_ratio.py BASEDIR BASE NEWDIR NEW [RTOLS]      e.g. wp_ratio.py DIR scipy-LSODA DIR flowsim-bdf
BASE and NEW are file prefixes (flowsim-<method>, scipy-<method>); RTOLS defaults to 1e-4,...,1e-12.
For each stiff problem and each rtol of NEW: the RHS evaluations the BASE curve needs for the same error (log-log
interpolation between BASE's points, error = err/tol * rtol as in the work-precision figure), and NEW's evaluations
divided by it: below 1, NEW reaches that error for fewer evaluations; [--] where the error lies outside BASE's range.
The last line summarises the ratios (median, geometric mean): a comparison of curves, independent of where each run
lands for a given rtol."""
import json, sys, math, os
bd, bm, nd, nm = sys.argv[1:5]
rtols = sys.argv[5].split(',') if len(sys.argv) > 5 else ['1e-4','1e-5','1e-6','1e-7','1e-8','1e-9','1e-10','1e-11','1e-12']
def load(d, m, r):
    f = os.path.join(d, f'{m}-{r}.json')
    if not os.path.exists(f): return {}
    return {p['name']: p for p in json.load(open(f))['problems'] if p['stiff']}
names = ['robertson','hires','orego','vdpol','heat-stiff-100','prothero-robinson','e5','diffusion-1000']
allr = []
for n in names:
    base = []
    for r in ['1e-4','1e-5','1e-6','1e-7','1e-8','1e-9','1e-10','1e-11','1e-12']:
        p = load(bd, bm, r).get(n)
        if p and p['err_over_tol'] is not None and p['status'] == 'Success':
            base.append((math.log(p['err_over_tol']*float(r)), math.log(p['nfev'])))
    base.sort()
    line = []
    for r in rtols:
        p = load(nd, nm, r).get(n)
        if not p or p['err_over_tol'] is None: line.append(f'{r}: -'); continue
        le = math.log(p['err_over_tol']*float(r)); ln = math.log(p['nfev'])
        ratio = None
        for (e1, n1), (e2, n2) in zip(base, base[1:]):
            if e1 <= le <= e2 and e2 > e1:
                ratio = math.exp(ln - (n1 + (n2 - n1)*(le - e1)/(e2 - e1))); break
        if ratio: allr.append(ratio)
        line.append(f"{r}: {p['nfev']}/{p['err_over_tol']:.2g}" + (f" [{ratio:.2f}]" if ratio else " [--]"))
    print(f'{n:18s} ' + '  '.join(line))
if allr:
    allr.sort(); print(f'ratios: n={len(allr)} median {allr[len(allr)//2]:.3f} geomean {math.exp(sum(map(math.log,allr))/len(allr)):.3f} min {allr[0]:.2f} max {allr[-1]:.2f}')
