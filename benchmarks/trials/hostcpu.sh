#!/bin/bash
# Test-host CPU only: perf samples (999 Hz, all threads) of the test host process, which is the one process given
# DOTNET_PerfMapEnabled (through dotnet test -e), so it is the one with a /tmp/perf-<pid>.map. Per round each variant
# once, in a rotated order.
# Usage: hostcpu.sh <first-round> <last-round> [variants...]   -> appends to $TRIAL_OUT/hostcpu.tsv
# Variants as in measure.sh (default: all six). HOSTCPU_CALLGRAPH=1 records call graphs (-g) with
# DOTNET_EnableWriteXorExecute=0 (so that perf resolves JIT'd frames) and keeps the perf data for hostprofile.py; those runs go to hostcpu-g.tsv.
source "$(dirname "$0")/config.sh"
out=$TRIAL_OUT/hostcpu.tsv; [ "${HOSTCPU_CALLGRAPH:-0}" = 1 ] && out=$TRIAL_OUT/hostcpu-g.tsv  # call graphs cost CPU: kept apart
first=$1; last=$2; shift 2
variants=("$@"); [ ${#variants[@]} -eq 0 ] && variants=(csv-base csv-off csv-on fv-base fv-off fv-on)
g=(); hostenv=(-e DOTNET_PerfMapEnabled=1)
if [ "${HOSTCPU_CALLGRAPH:-0}" = 1 ]; then g=(-g); hostenv+=(-e DOTNET_EnableWriteXorExecute=0); fi
for ((r=first; r<=last; r++)); do
 n=${#variants[@]}
 for ((i=0; i<n; i++)); do
   v=${variants[$(( (i + r) % n ))]}
   dir=$(trial_dir $v); proj=$(trial_proj $v)
   load=$(cut -d' ' -f1 /proc/loadavg)
   data=$TRIAL_OUT/hc-$v-$r.data; log=$TRIAL_OUT/hc-$v-$r.log
   start=$(date +%s)
   ( cd "$dir" && env $(trial_env $v) perf record -q "${g[@]}" -F 999 -o $data -- dotnet test -c Release --no-build $proj "${hostenv[@]}" > $log 2>&1 )
   res=$(grep -oE 'Failed: +[0-9]+, Passed: +[0-9]+' $log | tr -s ' ')
   perf script -i $data -F pid 2>/dev/null | sort | uniq -c | sort -rn > $data.pids
   host=""; hs=0; total=0
   while read k p; do total=$((total+k)); if [ -z "$host" ] && [ -f /tmp/perf-$p.map ] && [ $(stat -c %Y /tmp/perf-$p.map) -ge $start ]; then host=$p; hs=$k; fi; done < $data.pids
   echo -e "$r\t$v\t$load\t$hs\t$total\t$res" | tee -a $out
   if [ "${HOSTCPU_CALLGRAPH:-0}" = 1 ]; then echo "$host" > $data.host; else rm -f $data /tmp/perf-$host.map /tmp/perfinfo-$host.map; fi
 done
done
