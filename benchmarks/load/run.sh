#!/usr/bin/env bash
# Measures the load runner with a no-op test (docs/benchmarks.md, "Load runner"): for each plan, one run of the
# real `vypr load`, then one table row from its results file. Usage: benchmarks/load/run.sh [duration]
set -euo pipefail
cd "$(dirname "$0")/../.."
duration="${1:-10s}"
dotnet build -c Release tests/Vypr.Load.TestLibrary/Vypr.Load.TestLibrary.csproj -v q -nologo >/dev/null
dotnet build -c Release src/Vypr.Cli/Vypr.Cli.csproj -v q -nologo >/dev/null
out="$(mktemp -d)"
echo "| target/s | load avg before | achieved/s | accuracy | dropped | late (>10ms) | scheduling error p50 / p99 / max | start delay p99 | latency p99 |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for rate in 1000 10000 50000 200000; do
  load="$(cut -d' ' -f1 /proc/loadavg)"
  dotnet src/Vypr.Cli/bin/Release/net10.0/vypr.dll load -c "benchmarks/load/noop-$rate.yml" -d "$duration" \
    -o "$out/$rate.json" -r "$out/$rate.md" >/dev/null || true
  python3 - "$out/$rate.json" "$rate" "$load" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
t = r["tests"][0]
ms = lambda v: f"{v:.3f} ms"
s = t["schedulingError"]
print(f"| {int(sys.argv[2]):,} | {sys.argv[3]} | {t['achievedRate']:,.0f} | {t['accuracy']*100:.2f}% | {t['dropped']:,} | {t['late']:,} | "
      f"{ms(s['p50'])} / {ms(s['p99'])} / {ms(s['max'])} | {ms(t['startDelay']['p99'])} | {ms(t['latency']['p99'])} |")
PY
done
