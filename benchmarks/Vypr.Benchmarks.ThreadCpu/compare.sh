#!/usr/bin/env bash
# Interleaved process pairs of the thread-CPU harness: a base build (BASE_DLL, e.g. the harness built in a copy of the
# repository at the commit to compare with) against this checkout's build, PAIRS times, the order swapped every pair.
#
#   BASE_DLL=/tmp/base/benchmarks/Vypr.Benchmarks.ThreadCpu/bin/Release/net10.0/Vypr.Benchmarks.ThreadCpu.dll \
#     bash benchmarks/Vypr.Benchmarks.ThreadCpu/compare.sh [PAIRS] [ROUNDS] [INVOCATIONS] [SHAPE]
# (SHAPE, 1-based as the harness prints them: the clock and that shape only, so many more pairs fit in the same time.)
# (MONITORING=0 runs both with monitoring off: the woven shapes against their direct twins.)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
pairs="${1:-3}"; rounds="${2:-7}"; invocations="${3:-1000}"; shape="${4:-}"
this="$here/bin/Release/net10.0/Vypr.Benchmarks.ThreadCpu.dll"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
run() { echo "== $1"; VYPR_MONITORING="${MONITORING:-1}" VYPR_RESULTS_DIR="$work" dotnet "$2" "$rounds" "$invocations" $shape | sed -n '1,24p'; }
for ((i = 1; i <= pairs; i++)); do
  if ((i % 2)); then run base "$BASE_DLL"; run this "$this"; else run this "$this"; run base "$BASE_DLL"; fi
done
