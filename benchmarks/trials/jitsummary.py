"""Summarise jitcount.sh's lists: methods JIT-compiled by the test host, those of Vypr (runtime, integration and the
generated interceptors/registrations in the user's assemblies), by tier and by group.
Usage: python3 jitsummary.py [dir]   (dir: $TRIAL_OUT, default /tmp/trial3-measure)"""
import collections, os, re, sys

out = sys.argv[1] if len(sys.argv) > 1 else os.environ.get('TRIAL_OUT', '/tmp/trial3-measure')
line = re.compile(r'JIT compiled (.*) \[([^,\]]+)(?:, IL size=(\d+), code size=(\d+))?')

def group(name):
    """Who owns a JIT'd method whose name mentions Vypr."""
    if 'Vypr.Generated' in name:
        return 'generated interceptors and registrations (the user\'s assemblies, no ReadyToRun code)'
    if name.startswith('Vypr.'):
        return "Vypr's own methods (in the packages' assemblies)"
    if name.startswith('System.'):
        return 'framework generics instantiated over Vypr types'
    return "the user's code naming Vypr types (specification lambdas)"

for f in sorted(os.listdir(out)):
    if not (f.startswith('jit-') and f.endswith('.txt')):
        continue
    total = 0; vy = collections.Counter(); tiers = collections.Counter(); groups = collections.Counter(); code = 0
    gtiers = collections.defaultdict(collections.Counter)
    for l in open(os.path.join(out, f), errors='replace'):
        m = line.search(l)
        if not m:
            continue
        total += 1
        name, tier = m.group(1), m.group(2)
        if 'Vypr' not in name:
            continue
        vy['all'] += 1; tiers[tier] += 1; groups[group(name)] += 1
        gtiers[group(name)]['first compile' if 'Tier1' not in tier else 'tier-up (hot)'] += 1
        code += int(m.group(4) or 0)
    print(f"{f[4:-4]:9s} {total:6d} methods JIT'd, {vy['all']:4d} of Vypr ({code / 1024:.1f} KB code); tiers: "
          + ', '.join(f'{k} {v}' for k, v in tiers.most_common()))
    for k, v in groups.most_common(8):
        print(f'            {v:5d}  {k} (' + ', '.join(f'{t} {n}' for t, n in gtiers[k].most_common()) + ')')
