"""Where Vypr's CPU in a test host goes, from one perf profile with call graphs (hostcpu.sh with HOSTCPU_CALLGRAPH=1).

Usage: perf script -i hc-<variant>-<round>.data --pid <host pid> -F pid,ip,sym,dso > host.script
       python3 hostprofile.py host.script [r2rmap-dir]

Vypr's packages hold ReadyToRun code, which perf cannot name (it samples it inside the mapped Vypr.*.dll files):
r2rmap-dir holds each assembly recompiled with crossgen2's --perfmap (the pack's .rsp with --perfmap and another -o,
see docs/trials) and copied over the test's bin folder for the profiled runs: '<name>.dll' and '<name>.ni.{guid}.map'.
A frame in <name>.dll at file offset o is at RVA o + (.text RVA - .text file offset), which the map names.

A sample is Vypr's when its innermost Vypr frame is Vypr's own work: not the xunit integration's wrappers (the
executor's RunTestCases, the bus's QueueMessage and the assembly runner's RunTestCollectionsAsync, beneath which xunit
and the tests run; the generated interceptors, beneath which the monitored method runs) unless the sample is in the
wrapper's own code. It is put in the stage of its outermost Vypr frame
(start/end of run, registration, per-test bookkeeping, probes and monitor); JIT compiling beneath a Vypr frame is
counted apart too."""
import bisect, collections, glob, os, re, struct, sys

script = sys.argv[1]
mapdir = sys.argv[2] if len(sys.argv) > 2 else '/tmp/trial3-r2rmap'

maps, delta = {}, {}
for f in glob.glob(os.path.join(mapdir, '*.ni.*.map')):
    name = os.path.basename(f).split('.ni.')[0]
    entries = []
    for l in open(f):
        a, n, sym = l.rstrip('\n').split(' ', 2)
        if int(a, 16) < 0xF0000000:  # the first lines are the map's signature and versions
            entries.append((int(a, 16), int(n, 16), sym))
    entries.sort()
    maps[name] = entries
    b = open(os.path.join(mapdir, name + '.dll'), 'rb').read()
    pe = struct.unpack_from('<I', b, 0x3c)[0]
    first_section = pe + 24 + struct.unpack_from('<H', b, pe + 20)[0]
    _, _, va, _, raw = struct.unpack_from('<8sIIII', b, first_section)  # .text
    delta[name] = va - raw

frame_re = re.compile(r'^\s*([0-9a-f]+) (.*) \((.*)\)$')

def symbol(line):
    m = frame_re.match(line)
    if not m:
        return line.strip(), ''
    addr, sym, dso = m.groups()
    base = os.path.basename(dso)
    if sym == '[unknown]' and base.startswith('Vypr') and base.endswith('.dll') and base[:-4] in maps:
        e = maps[base[:-4]]; rva = int(addr, 16) + delta[base[:-4]]
        i = bisect.bisect_right(e, (rva, 1 << 40, '')) - 1
        if i >= 0 and rva < e[i][0] + e[i][1] + 16:
            return e[i][2], base
        return f'{base}+{rva:x}', base
    return sym, base

def samples(path):
    stack = None
    for line in open(path, errors='replace'):
        if not line.strip():
            if stack is not None:
                yield stack
            stack = None
        elif re.match(r'^\s*\d+\s*$', line):  # a sample's header: its pid (right-aligned, so maybe indented)
            stack = []
        elif stack is not None:
            stack.append(symbol(line))
    if stack:
        yield stack

WRAPPERS = ('VyprTestFrameworkExecutor::RunTestCases', 'VyprTestFrameworkExecutor+<RunTestCases>',
            'TestAttributionBus::QueueMessage', 'RunTestCollectionsAsync', 'RunTestCollectionAsync')

def is_wrapper(sym):
    """A frame beneath which other code runs as it would without Vypr: the integration's wrappers of xunit, and the
    generated interceptors, which call the monitored method (their own work is the probe's, in frames of its own)."""
    if any(w in sym for w in WRAPPERS):
        return True
    return 'Vypr.Generated' in sym and not any(k in sym for k in ('VyprRecord', 'Registrations', '.cctor'))
STAGES = [  # the outermost Vypr frame's stage: the first pattern it matches
    ('end of run', ('BeforeTestAssemblyFinished', 'MonitoredRun::Finish', 'MonitoredRun+<Finish', 'RunCompletion',
                    'ProcessExit', 'ResultsFile', 'ResultsJsonWriter', 'VerdictText', 'ResultsRetention')),
    ('start of run', ('AfterTestAssemblyStarting', 'MonitoredRun::Start', 'MonitoredRun+<Start', 'RunFingerprint')),
    ('registration', ('Registrations', 'MonitorRegistry', 'ModuleInitializer', 'Specification', 'Vypr.Formulas',
                      'PerformanceSpecifications')),
    ('per-test bookkeeping', ('TestAttributionBus', 'TestScope', 'TestReport', 'TestMeter', 'ResourceUsage',
                              'Vypr.Xunit')),
    ('probes and monitor', ('VyprInterceptors', 'VyprShared', 'VyprProbed', 'VyprRecord', 'Vypr.Runtime.Probe',
                            'ThreadCallBuffer', 'RuntimeMonitor', 'InvocationRouter', 'Monitoring', 'MaxDuration',
                            'ScopeInstance', 'VerdictStore', 'CallSiteAccumulator')),
]

def is_vypr(sym):
    return 'Vypr' in sym

def stage_of(sym):
    for stage, pats in STAGES:
        if any(p in sym for p in pats):
            return stage
    return 'other'

total = 0; own = 0; jit_all = 0; jit_vypr = 0
by_stage = collections.Counter(); jit_stage = collections.Counter()
top = collections.defaultdict(collections.Counter)
for s in samples(script):
    total += 1
    in_jit = any('libclrjit' in d for _, d in s)
    jit_all += in_jit
    idx = [i for i, (sym, _) in enumerate(s) if is_vypr(sym)]
    if not idx:
        continue
    inner = s[idx[0]][0]
    if is_wrapper(inner) and idx[0] != 0:
        continue  # xunit, the test or the monitored method running beneath a wrapper
    vy = [s[i][0] for i in idx if not is_wrapper(s[i][0])] or [inner]
    stage = stage_of(vy[-1])
    if stage == 'other':  # outermost frame unknown: try the inner ones
        for sym in reversed(vy):
            if stage_of(sym) != 'other':
                stage = stage_of(sym); break
    own += 1; by_stage[stage] += 1
    if any('libclrjit' in d for _, d in s[:idx[0]]):
        jit_vypr += 1; jit_stage[stage] += 1
    top[stage][re.sub(r'\(.*', '', inner.split(' ')[-1] if '::' not in inner else inner.split('::')[0].split(' ')[-1] + '::' + inner.split('::')[1])[:110]] += 1

print(f'{script}: {total} test-host samples; JIT compiling (libclrjit on the stack) {jit_all}')
print(f"Vypr's own work: {own} samples ({100 * own / max(total, 1):.1f}%), of which JIT compiling beneath a Vypr frame {jit_vypr}")
for stage, n in by_stage.most_common():
    print(f'  {n:5d}  {stage} (JIT beneath: {jit_stage[stage]})')
    for k, v in top[stage].most_common(8):
        print(f'           {v:5d}  {k}')
