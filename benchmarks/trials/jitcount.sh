#!/bin/bash
# Methods the test host JIT-compiles (DOTNET_JitStdOutFile + DOTNET_JitDisasmSummary=1, given to the test host only
# through dotnet test -e), one run per variant; summarised by jitsummary.py.
# Usage: jitcount.sh [variants...]   (default: csv-base csv-off csv-on fv-base fv-off fv-on) -> $TRIAL_OUT/jit-<variant>.txt
source "$(dirname "$0")/config.sh"
variants=("$@"); [ ${#variants[@]} -eq 0 ] && variants=(csv-base csv-off csv-on fv-base fv-off fv-on)
for v in "${variants[@]}"; do
  f=$TRIAL_OUT/jit-$v.txt; rm -f $f
  ( cd "$(trial_dir $v)" && env $(trial_env $v) dotnet test -c Release --no-build $(trial_proj $v) \
      -e DOTNET_JitStdOutFile=$f -e DOTNET_JitDisasmSummary=1 > $TRIAL_OUT/jit-$v.log 2>&1 )
  echo "$v $(grep -c 'JIT comp' $f) methods, load $(cut -d' ' -f1 /proc/loadavg)"
done
