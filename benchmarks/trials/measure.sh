#!/bin/bash
# The clones: /tmp/trial2-csv (with Vypr) and /tmp/trial2-csv-base (without), set up as docs/trials/csvhelper.md
# says; /tmp/trial2-fv and /tmp/trial2-fv-base as docs/trials/fluentvalidation.md says; each built in Release first.
# Interleaved test-suite timings: per round, each variant once, in a rotated order.
# Usage: measure.sh <first-round> <last-round>   -> appends to /tmp/trial2-measure/runs.tsv
# Variants: <lib>-base (clone without Vypr), <lib>-off (Vypr build, VYPR_MONITORING=0), <lib>-on (Vypr build, monitoring on).
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
out=/tmp/trial2-measure/runs.tsv
variants=(csv-base csv-off csv-on fv-base fv-off fv-on)
run() {
  local v=$1 dir proj mon=""
  case $v in
    csv-base) dir=/tmp/trial2-csv-base; proj=tests/CsvHelper.Tests;;
    csv-*) dir=/tmp/trial2-csv; proj=tests/CsvHelper.Tests;;
    fv-base) dir=/tmp/trial2-fv-base; proj=src/FluentValidation.Tests;;
    fv-*) dir=/tmp/trial2-fv; proj=src/FluentValidation.Tests;;
  esac
  [[ $v == *-off ]] && mon=0
  local load=$(cut -d' ' -f1 /proc/loadavg)
  local log=/tmp/trial2-measure/$v-$r.log
  ( cd $dir && env ${mon:+VYPR_MONITORING=$mon} /usr/bin/time -o $log.time -f '%e %U %S' dotnet test -c Release --no-build $proj > $log 2>&1 )
  local dur=$(grep -oE 'Duration: [0-9.]+ (s|ms|m [0-9]+ s)' $log | head -1)
  local res=$(grep -oE 'Failed: +[0-9]+, Passed: +[0-9]+' $log | head -1 | tr -s ' ')
  echo -e "$r\t$v\t$load\t$(cat $log.time | tail -1)\t$dur\t$res" | tee -a $out
}
for ((r=$1; r<=$2; r++)); do
  n=${#variants[@]}
  for ((i=0; i<n; i++)); do run ${variants[$(( (i + r) % n ))]}; done
done
