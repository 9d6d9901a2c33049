#!/usr/bin/env bash
# Measures the build cost of Vypr on the generated benchmark library (see README.md).
# Usage: [VYPR_BASE_ROOT=/path/to/other/checkout] benchmarks/build/measure.sh [rounds] [label]
# Variants: plain (no Vypr), vypr (this checkout's generator) and, with VYPR_BASE_ROOT, base (the generator of
# another checkout, e.g. `git archive <commit>` unpacked there), measured interleaved under the same load.
# SERVERS (default "false true") and SCENARIOS (default "full libonly edit") choose what is measured.
# Writes benchmarks/build/results/<label>.csv: round,variant,server,scenario,wall_s,csc_ms,cpu_s,load1
# (load1: the one-minute load average when the build started)
# (cpu_s: user + system time of the build; with -m:1 and no compiler server the compiler is a waited child process,
# so it is counted; with the server the compiler's own CPU is not, and csc_ms is the measure to read).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROUNDS="${1:-3}"
LABEL="${2:-run}"
OUT="$HERE/results/$LABEL.csv"
mkdir -p "$HERE/results"
python3 "$HERE/generate.py"
GEN="$HERE/generated"
declare -A PROJ=([plain]="$GEN/Plain/BuildCost.Plain.csproj" [vypr]="$GEN/Vypr/BuildCost.Vypr.csproj")
VARIANTS="plain vypr"
if [ -n "${VYPR_BASE_ROOT:-}" ]; then
  python3 "$HERE/generate.py" "$VYPR_BASE_ROOT/benchmarks/build/generated" >/dev/null
  PROJ[base]="$VYPR_BASE_ROOT/benchmarks/build/generated/Vypr/BuildCost.Vypr.csproj"
  VARIANTS="plain base vypr"
fi
COMMON=(-c Release --no-restore -nologo -v:q -m:1 -p:TreatWarningsAsErrors=true)
SERVERS="${SERVERS:-false true}"
SCENARIOS="${SCENARIOS:-full libonly edit}"

for v in $VARIANTS; do dotnet restore -v:q "${PROJ[$v]}"; done
# Dependencies (Vypr.Specs, Runtime, Generators) built once, untimed.
for v in $VARIANTS; do
  dotnet build "${COMMON[@]}" -p:UseSharedCompilation=false "${PROJ[$v]}" > "$HERE/results/$LABEL-deps-$v.log" 2>&1 \
    || { echo "build of $v failed (output: $HERE/results/$LABEL-deps-$v.log):"; tail -20 "$HERE/results/$LABEL-deps-$v.log"; exit 1; }
done

servers_before="$(pgrep -f VBCSCompiler || true)"
[ -f "$OUT" ] || echo "round,variant,server,scenario,wall_s,csc_ms,cpu_s,load1" > "$OUT"

declare -A TOGGLE
edit() { # variant: inserts or removes one statement near the top of one file, so positions after it shift
  local file; file="$(dirname "${PROJ[$1]}")/../Src/Features/Feature123.cs"
  if [ "${TOGGLE[$1]:-0}" -eq 0 ]; then
    sed -i '0,/int total = /s//_log.Add("e"); int total = /' "$file"; TOGGLE[$1]=1
  else
    sed -i 's/_log.Add("e"); int total = /int total = /' "$file"; TOGGLE[$1]=0
  fi
}

measure() { # variant server scenario round
  local v=$1 s=$2 sc=$3 r=$4 dir; dir="$(dirname "${PROJ[$v]}")"
  local args=("${COMMON[@]}" -p:UseSharedCompilation=$s)
  case $sc in
    full) rm -rf "$dir/bin" "$dir/obj/Release" ;;
    libonly) args+=(--no-dependencies --no-incremental) ;;
    edit) edit "$v"; args+=(--no-dependencies) ;;
  esac
  local load; load="$(cut -d' ' -f1 /proc/loadavg)"
  local log perf times; log="$(mktemp)"; perf="$(mktemp)"; times="$(mktemp)"
  # The Csc task's time comes from a file logger at normal verbosity: at the console's quiet verbosity MSBuild does
  # not forward task events, so its performance summary lists projects only, never "Csc" (grep then matched nothing,
  # and under pipefail and set -e the script stopped at its first timed build without a word).
  /usr/bin/time -f "%e %U %S" -o "$times" dotnet build "${args[@]}" -flp:"PerformanceSummary;Verbosity=normal;LogFile=$perf" "${PROJ[$v]}" > "$log" 2>&1 \
    || { echo "timed build failed: $v server=$s $sc round $r:"; tail -20 "$log"; exit 1; }
  local csc; csc=$(grep -E '^\s+[0-9]+ ms\s+Csc\s' "$perf" | head -1 | awk '{print $1}' || true)
  if [ -z "$csc" ]; then echo "no Csc time in the performance summary of $v server=$s $sc round $r ($perf)"; exit 1; fi
  read -r wall user sys < "$times"
  rm -f "$log" "$perf" "$times"
  echo "$r,$v,$s,$sc,$wall,$csc,$(echo "$user + $sys" | bc),$load" | tee -a "$OUT"
}

for r in $(seq "${FIRST_ROUND:-1}" "$ROUNDS"); do
  for s in $SERVERS; do
    if [ "$s" = true ] && [ "$r" = "${FIRST_ROUND:-1}" ]; then
      # Warm the compiler server with both variants before timing it.
      for v in $VARIANTS; do dotnet build "${COMMON[@]}" -p:UseSharedCompilation=true --no-dependencies --no-incremental "${PROJ[$v]}" >/dev/null; done
    fi
    for sc in $SCENARIOS; do
      # Alternate the order of the variants so load drifts hit them alike.
      if [ $((r % 2)) -eq 1 ]; then order="$VARIANTS"; else order="$(echo $VARIANTS | tr ' ' '\n' | tac | tr '\n' ' ')"; fi
      for v in $order; do measure "$v" "$s" "$sc" "$r"; done
    done
  done
done

# Generated source size (untimed builds that write the generated files to disk).
if [ "${SIZE:-1}" = 1 ]; then
: > "$HERE/results/$LABEL-size.txt"
for v in $VARIANTS; do
  [ "$v" = plain ] && continue
  gen="$HERE/results/$LABEL-generated-$v"; rm -rf "$gen"
  dotnet build "${COMMON[@]}" -p:UseSharedCompilation=false --no-dependencies --no-incremental \
    -p:EmitCompilerGeneratedFiles=true -p:CompilerGeneratedFilesOutputPath="$gen" "${PROJ[$v]}" >/dev/null
  echo "$v generated: $(find "$gen" -name '*.cs' | wc -l) files, $(find "$gen" -name '*.cs' -print0 | du -cb --files0-from=- | tail -1 | cut -f1) bytes" | tee -a "$HERE/results/$LABEL-size.txt"
done
fi

# Stop only the compiler servers this run started.
for pid in $(pgrep -f VBCSCompiler || true); do
  if ! grep -qx "$pid" <<<"$servers_before"; then kill "$pid" 2>/dev/null || true; fi
done
python3 "$HERE/summarize.py" "$OUT"
