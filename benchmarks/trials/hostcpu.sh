#!/bin/bash
# Test-host CPU only: perf samples (999 Hz, all threads) of the test host process, which is the one process given
# DOTNET_PerfMapEnabled (through dotnet test -e), so it is the one with a /tmp/perf-<pid>.map. Interleaved off/on pairs.
out=/tmp/trial2-measure/hostcpu.tsv
for ((r=$1; r<=$2; r++)); do
 for lib in csv fv; do
  for m in 0 1; do
   if [ $lib = csv ]; then dir=/tmp/trial2-csv; proj=tests/CsvHelper.Tests; else dir=/tmp/trial2-fv; proj=src/FluentValidation.Tests; fi
   load=$(cut -d' ' -f1 /proc/loadavg)
   data=/tmp/trial2-measure/hc-$lib-$m-$r.data
   ( cd $dir && env VYPR_MONITORING=$m perf record -q -F 999 -o $data -- dotnet test -c Release --no-build $proj -e DOTNET_PerfMapEnabled=1 > /tmp/trial2-measure/hc-$lib-$m-$r.log 2>&1 )
   res=$(grep -oE 'Failed: +[0-9]+, Passed: +[0-9]+' /tmp/trial2-measure/hc-$lib-$m-$r.log | tr -s ' ')
   perf script -i $data -F pid 2>/dev/null | sort | uniq -c | sort -rn > $data.pids
   host=""; hs=0; total=0
   while read n p; do total=$((total+n)); if [ -f /tmp/perf-$p.map ] && [ $(stat -c %Y /tmp/perf-$p.map) -ge $(($(date +%s)-600)) ] && [ -z "$host" ]; then host=$p; hs=$n; fi; done < $data.pids
   echo -e "$r\t$lib\t$m\t$load\t$hs\t$total\t$res" | tee -a $out
   rm -f $data
  done
 done
done
