#!/usr/bin/env python3
"""Medians and ratios to the plain build of a measure.sh CSV."""
import csv
import statistics
import sys
from collections import defaultdict

rows = list(csv.DictReader(open(sys.argv[1])))
wall = defaultdict(list)
csc = defaultdict(list)
for r in rows:
    key = (r["server"], r["scenario"], r["variant"])
    wall[key].append(float(r["wall_s"]))
    csc[key].append(float(r["csc_ms"]))
variants = [v for v in ("base", "vypr") if any(k[2] == v for k in wall)]
print("| compiler server | build | runs | plain: wall s / csc ms | " + " | ".join(f"{v}: wall s / csc ms (ratio wall, csc)" for v in variants) + " |")
print("|---|---|---|---|" + "---|" * len(variants))
for server in ("false", "true"):
    for scenario in ("full", "libonly", "edit"):
        p = wall.get((server, scenario, "plain"))
        if not p:
            continue
        pw, pc = statistics.median(p), statistics.median(csc[(server, scenario, "plain")])
        cells = []
        for v in variants:
            vw, vc = statistics.median(wall[(server, scenario, v)]), statistics.median(csc[(server, scenario, v)])
            cells.append(f"{vw:.2f} / {vc:.0f} ({vw / pw:.2f}x, {(vc / pc if pc else 0):.2f}x)")
        print(f"| {'warm' if server == 'true' else 'off'} | {scenario} | {len(p)} | {pw:.2f} / {pc:.0f} | " + " | ".join(cells) + " |")
