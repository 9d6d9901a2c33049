#!/usr/bin/env bash
# Where a monitored run of the suite spends Vypr's per-test CPU: perf-records the monitored run of each kept suite
# (VYPR_SUITE_KEEP=DIR bash measure.sh 1 keeps one in DIR), ROUNDS times, interleaved, and counts the samples under
# Vypr.Xunit's hooks by the xunit frame that calls them: Before (a test's start), After (its report, end and output;
# "after.writeline" the part in xunit's TestOutputHelper.WriteLine) and the end of the run (the fixture's disposal).
# perf cannot name the frames of ReadyToRun code, so the hooks are told apart by their JIT'd xunit callers.
#
#   bash benchmarks/TestSuiteOverhead/profile.sh 4 /tmp/base /tmp/branch
set -euo pipefail
rounds="$1"; shift
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for ((i = 1; i <= rounds; i++)); do
  n=0
  for dir in "$@"; do
    n=$((n + 1))
    exe="$dir/with/Suite.Tests/bin/Release/net10.0/Suite.Tests"
    before="$(ls /tmp/perf-*.map 2> /dev/null || true)"
    DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 VYPR_RESULTS_DIR="$out/results" VYPR_MONITORING=1 \
      perf record -q -F 2000 -g -o "$out/perf.data" "$exe" > "$out/run.out" 2>&1
    grep -q "Failed: 0" "$out/run.out" || { cat "$out/run.out"; exit 1; }
    perf script -i "$out/perf.data" -F comm,tid,ip,sym,dso 2> /dev/null > "$out/$n.$i.txt"
    rm -f "$out/perf.data"
    # Only the map this run's process wrote (perf script needed it to name the JIT'd frames).
    for map in /tmp/perf-*.map; do grep -qxF "$map" <<< "$before" || rm -f "$map"; done
  done
done
python3 - "$out" "$rounds" "$@" <<'PY'
import collections, statistics, sys
out, rounds, dirs = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
for n, name in enumerate(dirs, 1):
    rows = collections.defaultdict(list)
    for i in range(1, rounds + 1):
        c = collections.Counter()
        for sample in open(f"{out}/{n}.{i}.txt").read().split("\n\n"):
            lines = [l.strip() for l in sample.strip().split("\n")[1:]]
            if not lines:
                continue
            c["total"] += 1
            hook = [k for k, l in enumerate(lines) if "Vypr.Xunit.dll" in l]
            if not hook:
                continue
            caller = lines[hook[-1] + 1] if hook[-1] + 1 < len(lines) else ""
            if "DisplayClass11_0" in caller:  # XunitTestRunnerBaseContext's after-attributes callback
                c["after"] += 1
                c["after.writeline"] += any("TestOutputHelper::WriteLine" in l for l in lines[:hook[0]])
            elif "RunBeforeAttributes" in caller:
                c["before"] += 1
            elif "FixtureMappingManager" in caller:
                c["run end"] += 1
            else:
                c["other"] += 1
        for key in ("total", "before", "after", "after.writeline", "run end", "other"):
            rows[key].append(c[key])
    print(name + ": " + ", ".join(f"{key} {statistics.median(v)} {v}" for key, v in rows.items()))
PY
