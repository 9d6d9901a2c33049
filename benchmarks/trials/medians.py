"""Medians of the trials' interleaved runs.
Usage: python3 medians.py [dir]   (dir: $TRIAL_OUT, default /tmp/trial3-measure; reads runs.tsv and hostcpu.tsv)
runs.tsv (measure.sh): round, variant, load, 'wall user sys' of dotnet test, duration, result.
hostcpu.tsv (hostcpu.sh): round, variant, load, test-host samples, all samples, result."""
import collections, os, statistics as st, sys

out = sys.argv[1] if len(sys.argv) > 1 else os.environ.get('TRIAL_OUT', '/tmp/trial3-measure')

def rows(name):
    path = os.path.join(out, name)
    if not os.path.exists(path):
        return []
    return [l.rstrip('\n').split('\t') for l in open(path) if l.strip()]

def report(title, data, measures):
    """data: variant -> measure -> list; per-round: round -> variant -> measure value (for paired ratios)."""
    print(title)
    for lib in ('csv', 'fv'):
        d, rounds = data
        have = [v for v in ('base', 'off', 'on') if d.get(f'{lib}-{v}')]
        if not have:
            continue
        for v in have:
            x = d[f'{lib}-{v}']
            meds = '  '.join(f'{m} med {st.median(x[m]):8.2f}' for m in measures)
            print(f"  {lib}-{v:4s} n={len(x['load'])}  {meds}  load {min(x['load']):.0f}-{max(x['load']):.0f}")
        for m in measures:
            parts = []
            for a, b in (('on', 'off'), ('off', 'base'), ('on', 'base')):
                if a in have and b in have:
                    parts.append(f"{a}/{b} {st.median(d[f'{lib}-{a}'][m]) / st.median(d[f'{lib}-{b}'][m]):.3f}")
            print(f"    {m}: {'  '.join(parts)}")
        m = measures[-1]
        for a, b in (('on', 'off'), ('off', 'base')):
            pr = [rounds[k][f'{lib}-{a}'][m] / rounds[k][f'{lib}-{b}'][m] for k in sorted(rounds, key=int)
                  if f'{lib}-{a}' in rounds[k] and f'{lib}-{b}' in rounds[k]]
            if pr:
                print(f"    per-round {m} {a}/{b}: {' '.join(f'{x:.2f}' for x in pr)}  median {st.median(pr):.3f}")

def collect(rs, parse):
    d = collections.defaultdict(lambda: collections.defaultdict(list))
    rounds = collections.defaultdict(dict)
    for r in rs:
        vals = parse(r)
        if vals is None:
            continue
        for k, x in vals.items():
            d[r[1]][k].append(x)
        rounds[r[0]][r[1]] = vals
    return d, rounds

def parse_run(r):
    e, u, s = map(float, r[3].split())
    return {'load': float(r[2]), 'wall': e, 'cpu': u + s}

def parse_host(r):
    if int(r[3]) == 0:
        return None  # the test host was not found: not a measurement
    return {'load': float(r[2]), 'samples': float(r[3])}

report('dotnet test (measure.sh): wall and user+sys CPU seconds', collect(rows('runs.tsv'), parse_run), ('wall', 'cpu'))
report('test host alone (hostcpu.sh): perf samples at 999 Hz', collect(rows('hostcpu.tsv'), parse_host), ('samples',))
