#!/bin/bash
# perf cannot name the ReadyToRun code of Vypr's packages (it is sampled inside the mapped Vypr.*.dll files), so for a
# profile with names the packed assemblies are compiled again by crossgen2 with --perfmap (the pack's own response
# files, another output folder) and the copies, which hold the same code with a perf map debug entry, replace the
# packed ones in the trials' test bin folders for the profiled runs only.
# Usage: r2rmap.sh make <vypr clone packed from>   (-> $TRIAL_R2RMAP: <name>.dll and <name>.ni.{guid}.map)
#        r2rmap.sh install | restore               (swap the copies into the two Vypr clones' test bins and back)
source "$(dirname "$0")/config.sh"
: "${TRIAL_R2RMAP:=/tmp/trial3-r2rmap}"
bins=("$TRIAL_CSV/tests/CsvHelper.Tests/bin/Release/net10.0" "$TRIAL_FV/src/FluentValidation.Tests/bin/Release/net10.0")
case $1 in
  make)
    mkdir -p "$TRIAL_R2RMAP"
    cg=$(ls -d ~/.nuget/packages/microsoft.netcore.app.crossgen2.linux-x64/*/tools/crossgen2 | tail -1)
    for rsp in "$2"/src/*/obj/Release/net10.0/readytorun/*/*.rsp; do
      name=$(basename "$rsp" .rsp); project=${rsp%%/obj/*}
      { grep -v '^-o:' "$rsp"; echo "-o:$TRIAL_R2RMAP/$name.dll"; echo --perfmap; echo "--perfmap-path:$TRIAL_R2RMAP"; } > "$TRIAL_R2RMAP/$name.rsp"
      ( cd "$project" && "$cg" @"$TRIAL_R2RMAP/$name.rsp" > /dev/null ) && echo "$name: $(ls "$TRIAL_R2RMAP"/$name.ni.*.map)"
    done;;
  install)
    for b in "${bins[@]}"; do mkdir -p "$b.orig-vypr"
      for f in "$TRIAL_R2RMAP"/*.dll; do n=$(basename "$f"); [ -f "$b/$n" ] && cp "$b/$n" "$b.orig-vypr/" && cp "$f" "$b/$n"; done; done;;
  restore)
    for b in "${bins[@]}"; do cp "$b.orig-vypr"/*.dll "$b/" && rm -rf "$b.orig-vypr"; done;;
  *) echo "usage: r2rmap.sh make <vypr clone> | install | restore" >&2; exit 2;;
esac
