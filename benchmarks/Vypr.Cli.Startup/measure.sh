#!/usr/bin/env bash
# The vypr tool's own costs (docs/benchmarks.md, "The vypr tool"): start-up of its commands against an empty .NET
# console app, and the runtime's per-test bookkeeping (TestScope begin/end with the per-test measurements) against
# two Stopwatch timestamps. Run from the repository root after
#   dotnet build -c Release src/Vypr.Cli/Vypr.Cli.csproj
# Every number is a median of interleaved runs on this machine; compare the ratios, not the absolute times.
set -euo pipefail
root=$(pwd)
runs=${RUNS:-21}
vypr="$root/src/Vypr.Cli/bin/Release/net10.0/vypr.dll"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# An empty console app (the floor: starting the .NET host and a Main that returns) and the per-test loop.
mkdir -p "$work/hello" "$work/meter"
cat > "$work/hello/hello.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><InvariantGlobalization>true</InvariantGlobalization></PropertyGroup></Project>
XML
echo 'return 0;' > "$work/hello/Program.cs"
cat > "$work/meter/meter.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
<ItemGroup><Reference Include="$root/src/Vypr.Runtime/bin/Release/net10.0/Vypr.Runtime.dll" /><Reference Include="$root/src/Vypr.Runtime/bin/Release/net10.0/Vypr.Contracts.dll" /><Reference Include="$root/src/Vypr.Runtime/bin/Release/net10.0/Vypr.Specs.dll" /></ItemGroup></Project>
XML
cat > "$work/meter/Program.cs" <<'CS'
using System.Diagnostics;
using Vypr.Runtime;
const int tests = 20_000;
double Median(List<double> xs) { xs.Sort(); return xs[xs.Count / 2]; }
var scope = new List<double>();
var clock = new List<double>();
for (int round = 0; round < 15; round++)
{
    long start = Stopwatch.GetTimestamp();
    for (int i = 0; i < tests; i++) { TestScope.Begin("Bench.Test").End("Passed"); }
    scope.Add(Stopwatch.GetElapsedTime(start).TotalNanoseconds / tests);
    start = Stopwatch.GetTimestamp();
    long sink = 0;
    for (int i = 0; i < tests; i++) { sink += Stopwatch.GetTimestamp() - Stopwatch.GetTimestamp(); }
    clock.Add(Stopwatch.GetElapsedTime(start).TotalNanoseconds / tests);
    GC.KeepAlive(sink);
}
double s = Median(scope), c = Median(clock);
Console.WriteLine($"per test: TestScope begin+end {s / 1000:0.0} us; 2x Stopwatch.GetTimestamp {c:0} ns; ratio {s / c:0}x");
CS
dotnet build -c Release "$work/hello/hello.csproj" -o "$work/hello/out" > /dev/null
dotnet build -c Release "$work/meter/meter.csproj" -o "$work/meter/out" > /dev/null

ms() { local t0 t1; t0=$(date +%s%N); "$@" > /dev/null 2>&1 || true; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
dotnet "$vypr" token list --db "$work/t.db" > /dev/null   # the store exists and is migrated before timing
declare -A times
for i in $(seq "$runs"); do
  times[hello]+="$(ms dotnet "$work/hello/out/hello.dll") "
  times[help]+="$(ms dotnet "$vypr" --help) "
  times[report]+="$(ms dotnet "$vypr" report latest --db "$work/none.db") "
  times[token]+="$(ms dotnet "$vypr" token list --db "$work/t.db") "
done
base=$(tr ' ' '\n' <<< "${times[hello]}" | grep . | median)
for k in hello help report token; do
  m=$(tr ' ' '\n' <<< "${times[$k]}" | grep . | median)
  echo "$k: median ${m} ms over $runs runs ($(awk -v a="$m" -v b="$base" 'BEGIN {printf "%.2f", a / b}')x the empty app)"
done
dotnet "$work/meter/out/meter.dll"
