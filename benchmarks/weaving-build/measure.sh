#!/usr/bin/env bash
# The IL weaver's build-time cost: a generated library of N files (default 300; each a class with four methods, one
# with [MaxDuration], calling each other) built clean with VyprWeaving=Interceptors and with VyprWeaving=IL,
# interleaved, R rounds (default 3). Build the repository first (Release); the library references its outputs.
#   bash benchmarks/weaving-build/measure.sh [files] [rounds]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
files="${1:-300}"
rounds="${2:-3}"
work="$root/artifacts/weaving-build"
rm -rf "$work" && mkdir -p "$work/Lib"
cat > "$work/Lib/Lib.csproj" <<PROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <NoWarn>\$(NoWarn);CS1591</NoWarn>
  </PropertyGroup>
  <Import Project="$root/src/Vypr.props" />
</Project>
PROJ
for i in $(seq 1 "$files"); do
  previous=$(( i > 1 ? i - 1 : 1 ))
  cat > "$work/Lib/Part$i.cs" <<CS
using System;
using System.Collections.Generic;
using Vypr;

namespace Generated.Library;

public sealed class Part$i
{
    private readonly List<int> _values = new();

    [MaxDuration("50ms")]
    public int Add(int value)
    {
        _values.Add(value);
        return _values.Count;
    }

    public int Sum()
    {
        int total = 0;
        foreach (int value in _values)
        {
            total += value;
        }

        return total;
    }

    public string Describe() => \$"Part$i: {_values.Count} values, sum {Sum()}";

    public int Chain(Part$previous other)
    {
        Add(other.Sum());
        return other.Add(Sum());
    }
}
CS
done
cd "$work/Lib"
dotnet restore -v q >/dev/null
build() {
  rm -rf bin obj/Release
  local start end
  start=$(date +%s.%N)
  dotnet build --no-restore -c Release -p:BuildProjectReferences=false -p:VyprWeaving="$1" -nodeReuse:false -p:UseSharedCompilation=false -v q >/dev/null
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
# One unmeasured build of each first: the SDK's and the weaver's first load.
build Interceptors >/dev/null
build IL >/dev/null
echo "round,Interceptors_s,IL_s,ratio"
for r in $(seq 1 "$rounds"); do
  a=$(build Interceptors)
  b=$(build IL)
  echo "$r,$a,$b,$(echo "scale=3; $b / $a" | bc)"
done
