#!/usr/bin/env bash
# What monitoring costs a real-sized test suite: runs Suite.Tests (626 tests, about 6,500 monitored calls) with
# monitoring on and off in turn, ROUNDS times each (default 10), the order alternating every round so that both
# see the same machine, and prints each run's wall and CPU time, the medians and the median of the per-round ratios.
#
#   bash benchmarks/TestSuiteOverhead/measure.sh [ROUNDS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
rounds="${1:-10}"
dotnet build -c Release "$here/Suite.Tests/Suite.Tests.csproj" -nologo -v q > /dev/null
exe="$here/Suite.Tests/bin/Release/net10.0/Suite.Tests"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

run() { # mode (1 or 0) -> prints "wall cpu"
  VYPR_RESULTS_DIR="$work/vypr-results" VYPR_MONITORING="$1" /usr/bin/time -f "%e %U %S" -o "$work/time" "$exe" > "$work/out" 2>&1 || { cat "$work/out"; exit 1; }
  grep -q "Failed: 0" "$work/out" || { cat "$work/out"; echo "the suite did not pass" >&2; exit 1; }
  read -r wall user sys < "$work/time"
  echo "$wall $(echo "$user + $sys" | bc)"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
run 1 > /dev/null; run 0 > /dev/null   # warm-up: disk cache, first JIT of the runtime's own files
: > "$work/results"
for ((i = 1; i <= rounds; i++)); do
  if ((i % 2)); then order="1 0"; else order="0 1"; fi
  for mode in $order; do
    echo "$i $mode $(run "$mode")" >> "$work/results"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$work/results" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
runs = {(int(r[0]), int(r[1])): (float(r[2]), float(r[3])) for r in rows}
rounds = sorted({k[0] for k in runs})
print("round  on wall  off wall  on cpu  off cpu  wall ratio")
for i in rounds:
    on, off = runs[(i, 1)], runs[(i, 0)]
    print(f"{i:5}  {on[0]:7.2f}  {off[0]:8.2f}  {on[1]:6.2f}  {off[1]:7.2f}  {on[0] / off[0]:10.3f}")
med = lambda mode, k: statistics.median(runs[(i, mode)][k] for i in rounds)
print(f"median wall: on {med(1, 0):.2f} s, off {med(0, 0):.2f} s, ratio of medians {med(1, 0) / med(0, 0):.3f}")
print(f"median cpu:  on {med(1, 1):.2f} s, off {med(0, 1):.2f} s, ratio of medians {med(1, 1) / med(0, 1):.3f}")
print(f"median of per-round wall ratios: {statistics.median(runs[(i, 1)][0] / runs[(i, 0)][0] for i in rounds):.3f}")
PY
