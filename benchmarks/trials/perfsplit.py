import sys, collections, re
def samples(path):
    pid=None; stack=[]
    for line in open(path, errors='replace'):
        if line.strip()=='' :
            if pid is not None: yield pid, stack
            pid=None; stack=[]; continue
        if not line.startswith('\t') and not line.startswith(' '):
            pid=line.split()[0]; stack=[]
        else:
            stack.append(line.strip())
    if pid is not None: yield pid, stack
f=sys.argv[1]
S=list(samples(f))
per=collections.Counter(p for p,_ in S)
# testhost: the pid whose stacks mention FluentValidation or CsvHelper
key=sys.argv[2]
th=collections.Counter(p for p,s in S if any(key in x for x in s))
print('samples total', len(S), 'per pid', per.most_common(6), 'pid with', key, th.most_common(3))
tp=th.most_common(1)[0][0]
T=[s for p,s in S if p==tp]
print('testhost', tp, 'samples', len(T))
leaf=collections.Counter()
for s in T:
    if not s: leaf['?']+=1; continue
    m=re.search(r'\(([^)]*)\)$', s[0]); d=m.group(1) if m else '?'
    d=d.split('/')[-1]
    if d.startswith('perf-'): d='JIT code (perf map)'
    leaf[d]+=1
for k,v in leaf.most_common(10): print(f'  leaf dso {v:6d} {100*v/len(T):5.1f}%  {k}')
incl=collections.Counter()
for s in T:
    j=' '.join(s)
    if 'Vypr' in j: incl['any Vypr frame']+=1
    if 'libclrjit' in j: incl['in JIT (libclrjit)']+=1
    if 'libclrjit' in j and 'Vypr' in j: incl['JIT while a Vypr frame is on the stack']+=1
    for tag in ['Vypr.Runtime.Probes','Vypr.Runtime.Monitoring','RuntimeMonitor','MonitoredRun','ResultsJsonWriter','VerdictText','Vypr.Xunit','Vypr.Generated','MonitorRegistry','TestReport','ScopeInstance','InvocationRouter','FormulaMonitor','System.Text.Json','GC_','gc_heap','WKS::gc','SVR::gc']:
        if tag in j: incl[tag]+=1
for k,v in incl.most_common(): print(f'  incl {v:6d} {100*v/len(T):5.1f}%  {k}')
# top Vypr leaf-most frames
vf=collections.Counter()
for s in T:
    for x in s:
        if 'Vypr' in x:
            vf[re.sub(r'^[0-9a-f]+ ','',x)[:150]]+=1; break
for k,v in vf.most_common(25): print(f'  first Vypr frame {v:5d}  {k}')
