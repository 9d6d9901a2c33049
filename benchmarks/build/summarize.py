#!/usr/bin/env python3
"""Medians and ratios to the plain build of a measure.sh CSV."""
import csv
import statistics
import sys
from collections import defaultdict

rows = list(csv.DictReader(open(sys.argv[1])))
wall = defaultdict(list)
csc = defaultdict(list)
cpu = defaultdict(list)
for r in rows:
    key = (r["server"], r["scenario"], r["variant"])
    wall[key].append(float(r["wall_s"]))
    csc[key].append(float(r["csc_ms"]))
    cpu[key].append(float(r.get("cpu_s") or 0))
loads = [float(r["load1"]) for r in rows if r.get("load1")]
if loads:
    print(f"load average (1 min) at the start of the builds: {min(loads):.1f} to {max(loads):.1f}, median {statistics.median(loads):.1f}")
variants = [v for v in ("base", "vypr") if any(k[2] == v for k in wall)]
print("| compiler server | build | runs | plain: wall s / Csc task s / CPU s | " + " | ".join(f"{v}: wall / Csc / CPU (ratios to plain)" for v in variants) + " |")
print("|---|---|---|---|" + "---|" * len(variants))
for server in ("false", "true"):
    for scenario in ("full", "libonly", "edit"):
        p = wall.get((server, scenario, "plain"))
        if not p:
            continue
        m = lambda d, v: statistics.median(d[(server, scenario, v)])
        pw, pc, pu = m(wall, "plain"), m(csc, "plain") / 1000, m(cpu, "plain")
        cells = []
        for v in variants:
            if not wall.get((server, scenario, v)):
                cells.append("")
                continue
            vw, vc, vu = m(wall, v), m(csc, v) / 1000, m(cpu, v)
            r = lambda a, b: f"{a / b:.2f}x" if b else "-"
            cells.append(f"{vw:.1f} / {vc:.1f} / {vu:.1f} ({r(vw, pw)}, {r(vc, pc)}, {r(vu, pu)})")
        print(f"| {'warm' if server == 'true' else 'off'} | {scenario} | {len(p)} | {pw:.1f} / {pc:.1f} / {pu:.1f} | " + " | ".join(cells) + " |")
