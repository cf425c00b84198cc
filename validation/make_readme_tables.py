#!/usr/bin/env python3
"""Prints the claim and figure tables of validation/README.md from a report.json (flowsim validate --quick)."""
import json, sys

report = json.load(open(sys.argv[1] if len(sys.argv) > 1 else "flowsim-report/report.json"))
print("| id | paper | kind | what it checks | source | quick verdict | margin |")
print("|---|---|---|---|---|---|---|")
for c in report["claims"]:
    margin = c["margin"]
    margin = "—" if margin in (None, "NaN") else ("∞" if margin == "Infinity" else f"{margin:.3g}")
    title = c["title"].replace("|", "\\|")
    # The parenthetical is an arXiv id or "(own)", except in "FlowSim (large steps)", which is the label itself.
    paper = c['paper'] if c['paper'] == "FlowSim (large steps)" else c['paper'].split(' (')[0]
    print(f"| {c['id']} | {paper} | {c['kind']} | {title} | {c['source'].replace('|', '/')} | {c['verdict']} | {margin} |")
print()
print("| figure | produced by | caption |")
print("|---|---|---|")
for f in report["figures"]:
    name = f["file"].split("/")[-1]
    claim = name.split("-")[0].upper()
    print(f"| `{name}` | {claim} | {f['caption'].replace('|', '/')} |")
