# The trial clones and the output folder, shared by measure.sh and hostcpu.sh (source it; override any of them in the
# environment). Each clone is set up as docs/trials/csvhelper.md or docs/trials/fluentvalidation.md says and built in
# Release first; the *_BASE clones are the same projects without Vypr.
: "${TRIAL_CSV:=/tmp/trial3-csv}"
: "${TRIAL_CSV_BASE:=/tmp/trial3-csv-base}"
: "${TRIAL_FV:=/tmp/trial3-fv}"
: "${TRIAL_FV_BASE:=/tmp/trial3-fv-base}"
: "${TRIAL_OUT:=/tmp/trial3-measure}"
mkdir -p "$TRIAL_OUT"
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
# variant -> clone directory and test project; base = clone without Vypr, off = Vypr build with VYPR_MONITORING=0,
# on = Vypr build (monitoring on, as the xunit integration sets it)
trial_dir() { case $1 in csv-base) echo "$TRIAL_CSV_BASE";; csv-*) echo "$TRIAL_CSV";; fv-base) echo "$TRIAL_FV_BASE";; fv-*) echo "$TRIAL_FV";; esac; }
trial_proj() { case $1 in csv-*) echo tests/CsvHelper.Tests;; fv-*) echo src/FluentValidation.Tests;; esac; }
trial_env() { case $1 in *-off) echo VYPR_MONITORING=0;; esac; }
