#!/usr/bin/env bash
# What monitoring costs a real-sized test suite, as a user gets it: packs Vypr and Vypr.Xunit from this checkout into a
# local feed (the real `dotnet pack`, ReadyToRun included unless VYPR_READYTORUN=false), builds the suite (Suite.Library
# and Suite.Tests, copied outside the repository) twice, once with the packages and once without Vypr at all, then runs
# three arms (four with VYPR_READYTORUN=compare) in turn, ROUNDS times each (default 10), the order rotated every round so that all see the same machine:
#   on    the suite with Vypr, VYPR_MONITORING=1
#   off   the suite with Vypr, VYPR_MONITORING=0
#   none  the suite built without Vypr
# and prints each run's wall and CPU (user + system) time, the medians, the ratios on/off and off/none (ratio of
# medians and median of per-round ratios) and the load average before and after.
#
#   bash benchmarks/TestSuiteOverhead/measure.sh [ROUNDS]
#   VYPR_READYTORUN=false bash benchmarks/TestSuiteOverhead/measure.sh 8    # the packages' IL only
#   VYPR_READYTORUN=compare bash benchmarks/TestSuiteOverhead/measure.sh 8  # both: a fourth arm, on-il, runs the suite
#                                                                            # built against IL-only packages, monitoring on
#   VYPR_SUITE_KEEP=/tmp/suite bash ...                                      # keep the built suites there
#   VYPR_SUITE_BASE=/tmp/base bash ...    # and two more arms, base-on and base-off: the suite kept by an earlier run
#                                         # (VYPR_SUITE_KEEP=/tmp/base, e.g. of another commit), in the same rounds
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
rounds="${1:-10}"
readytorun="${VYPR_READYTORUN:-true}"
work="${VYPR_SUITE_KEEP:-$(mktemp -d)}"
mkdir -p "$work"
version="0.1.0-suite.$(date +%s)"
cache="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
cleanup() {
  # This run's packages are never restored again: leave the global cache as it was.
  rm -rf "$cache/vypr/$version" "$cache/vypr.xunit/$version" "$cache/vypr/$version.il" "$cache/vypr.xunit/$version.il"
  [[ -n "${VYPR_SUITE_KEEP:-}" ]] || rm -rf "$work"
}
trap cleanup EXIT

echo "packing Vypr $version (ReadyToRun: $readytorun) into $work/feed"
dotnet build -c Release "$repo/src/Vypr.Xunit/Vypr.Xunit.csproj" -nologo -v q > "$work/build.log" || { cat "$work/build.log"; exit 1; }
dotnet build -c Release "$repo/src/Vypr.Runtime/Vypr.Runtime.csproj" -nologo -v q > "$work/build.log" || { cat "$work/build.log"; exit 1; }
pack() { # version readytorun
  for project in Vypr.Runtime Vypr.Xunit; do
    dotnet pack -c Release "$repo/src/$project" --no-build -nologo -v q -o "$work/feed" -p:Version="$1" -p:VyprReadyToRun="$2" > "$work/pack.log" \
      || { cat "$work/pack.log"; exit 1; }
  done
}
if [[ "$readytorun" == compare ]]; then pack "$version" true; pack "$version.il" false; else pack "$version" "$readytorun"; fi

xunit_version="$(sed -n 's/.*PackageVersion Include="xunit.v3" Version="\([^"]*\)".*/\1/p' "$repo/Directory.Packages.props")"
# suite NAME DEFINE VERSION: a copy of the suite's sources as a user's solution, with or without Vypr's packages.
suite() {
  local dir="$work/$1"
  rm -rf "$dir"; mkdir -p "$dir/Suite.Library" "$dir/Suite.Tests"
  cp "$here"/Suite.Library/*.cs "$dir/Suite.Library/"; cp "$here"/Suite.Tests/*.cs "$dir/Suite.Tests/"
  cat > "$dir/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="vypr-local" value="$work/feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="vypr-local"><package pattern="Vypr" /><package pattern="Vypr.*" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
EOF
  local common="<TargetFramework>net10.0</TargetFramework><LangVersion>latest</LangVersion><Nullable>enable</Nullable><DefineConstants>\$(DefineConstants);$2</DefineConstants>"
  local vypr="${3:+<PackageReference Include=\"Vypr\" Version=\"$3\" />}"
  echo "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup>$common</PropertyGroup><ItemGroup>$vypr</ItemGroup></Project>" > "$dir/Suite.Library/Suite.Library.csproj"
  echo "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup>$common<OutputType>Exe</OutputType></PropertyGroup><ItemGroup><PackageReference Include=\"xunit.v3\" Version=\"$xunit_version\" />$vypr${3:+<PackageReference Include=\"Vypr.Xunit\" Version=\"$3\" />}<ProjectReference Include=\"../Suite.Library/Suite.Library.csproj\" /></ItemGroup></Project>" > "$dir/Suite.Tests/Suite.Tests.csproj"
  (cd "$dir/Suite.Tests" && dotnet build -c Release -nologo -v q > "$dir/build.log") || { cat "$dir/build.log"; exit 1; }
}
suite with VYPR "$version"
suite without NO_VYPR ""
arms=(on off none)
if [[ "$readytorun" == compare ]]; then suite with-il VYPR "$version.il"; arms+=(on-il); fi
base="${VYPR_SUITE_BASE:-}"
if [[ -n "$base" ]]; then [[ -x "$base/with/Suite.Tests/bin/Release/net10.0/Suite.Tests" ]] || { echo "no kept suite in $base" >&2; exit 1; }; arms+=(base-on base-off); fi
exe_of() { echo "$work/$1/Suite.Tests/bin/Release/net10.0/Suite.Tests"; }
cd "$work"

run() { # arm (on, off, none or on-il) -> prints "wall cpu"
  local exe monitoring=1
  exe="$(exe_of with)"
  case "$1" in
    off) monitoring=0 ;; none) exe="$(exe_of without)" ;; on-il) exe="$(exe_of with-il)" ;;
    base-on) exe="$base/with/Suite.Tests/bin/Release/net10.0/Suite.Tests" ;;
    base-off) exe="$base/with/Suite.Tests/bin/Release/net10.0/Suite.Tests"; monitoring=0 ;;
  esac
  VYPR_RESULTS_DIR="$work/vypr-results" VYPR_MONITORING="$monitoring" /usr/bin/time -f "%e %U %S" -o "$work/time" "$exe" > "$work/out" 2>&1 || { cat "$work/out"; exit 1; }
  grep -q "Failed: 0" "$work/out" || { cat "$work/out"; echo "the suite did not pass" >&2; exit 1; }
  read -r wall user sys < "$work/time"
  echo "$wall $(echo "$user + $sys" | bc)"
}

# Warm-up, uncounted: the disk cache, the runtime's own files.
run on > /dev/null; echo "tests: $(grep -o "Total: [0-9]*" "$work/out" | head -1)"
for arm in "${arms[@]:1}"; do run "$arm" > /dev/null; done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
: > "$work/results"
for ((i = 1; i <= rounds; i++)); do
  for ((k = 0; k < ${#arms[@]}; k++)); do
    arm="${arms[$(((i + k) % ${#arms[@]}))]}"
    echo "$i $arm $(run "$arm")" >> "$work/results"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$work/results" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    i, arm, wall, cpu = line.split()
    runs[(int(i), arm)] = (float(wall), float(cpu))
rounds = sorted({k[0] for k in runs})
arms = [a for a in ("on", "off", "none", "on-il", "base-on", "base-off") if (rounds[0], a) in runs]
print("round  " + "  ".join(f"{a + ' wall':>11}" for a in arms) + "  " + "  ".join(f"{a + ' cpu':>10}" for a in arms))
for i in rounds:
    print(f"{i:5}  " + "  ".join(f"{runs[(i, a)][0]:11.2f}" for a in arms) + "  " + "  ".join(f"{runs[(i, a)][1]:10.2f}" for a in arms))
med = lambda arm, k: statistics.median(runs[(i, arm)][k] for i in rounds)
ratio = lambda a, b, k: statistics.median(runs[(i, a)][k] / runs[(i, b)][k] for i in rounds)
for k, name in ((0, "wall"), (1, "cpu ")):
    print(f"median {name}: on {med('on', k):.3f} s, off {med('off', k):.3f} s, none {med('none', k):.3f} s;"
          f" on/off {med('on', k) / med('off', k):.3f} (median of rounds {ratio('on', 'off', k):.3f}),"
          f" off/none {med('off', k) / med('none', k):.3f} (median of rounds {ratio('off', 'none', k):.3f})")
    if "base-on" in arms:
        print(f"  {name} base: base-on {med('base-on', k):.3f} s, base-off {med('base-off', k):.3f} s; base-on/base-off {med('base-on', k) / med('base-off', k):.3f} (median of rounds {ratio('base-on', 'base-off', k):.3f}),"
              f" on/base-on {med('on', k) / med('base-on', k):.3f} (median of rounds {ratio('on', 'base-on', k):.3f}), base-off/none {med('base-off', k) / med('none', k):.3f} (median of rounds {ratio('base-off', 'none', k):.3f})")
    if "on-il" in arms:
        print(f"  {name} IL-only package: on-il {med('on-il', k):.3f} s; on/on-il {med('on', k) / med('on-il', k):.3f} (median of rounds {ratio('on', 'on-il', k):.3f}),"
              f" on-il/off {med('on-il', k) / med('off', k):.3f} (median of rounds {ratio('on-il', 'off', k):.3f})")
PY
