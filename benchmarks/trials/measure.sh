#!/bin/bash
# Interleaved test-suite timings of the two trials: per round, each variant once, in a rotated order.
# Usage: measure.sh <first-round> <last-round> [variants...]   -> appends to $TRIAL_OUT/runs.tsv
# Variants: csv-base csv-off csv-on fv-base fv-off fv-on (default: all six). Directories: config.sh.
source "$(dirname "$0")/config.sh"
out=$TRIAL_OUT/runs.tsv
first=$1; last=$2; shift 2
variants=("$@"); [ ${#variants[@]} -eq 0 ] && variants=(csv-base csv-off csv-on fv-base fv-off fv-on)
run() {
  local v=$1 dir proj
  dir=$(trial_dir $v); proj=$(trial_proj $v)
  local load=$(cut -d' ' -f1 /proc/loadavg)
  local log=$TRIAL_OUT/$v-$r.log
  ( cd "$dir" && env $(trial_env $v) /usr/bin/time -o $log.time -f '%e %U %S' dotnet test -c Release --no-build $proj > $log 2>&1 )
  local dur=$(grep -oE 'Duration: [0-9.]+ (s|ms|m [0-9]+ s)' $log | head -1)
  local res=$(grep -oE 'Failed: +[0-9]+, Passed: +[0-9]+' $log | head -1 | tr -s ' ')
  echo -e "$r\t$v\t$load\t$(tail -1 $log.time)\t$dur\t$res" | tee -a $out
}
for ((r=first; r<=last; r++)); do
  n=${#variants[@]}
  for ((i=0; i<n; i++)); do run ${variants[$(( (i + r) % n ))]}; done
done
