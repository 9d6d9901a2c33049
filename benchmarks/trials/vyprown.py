import sys, collections, re
exec(open('perfsplit.py').read().split("f=sys.argv[1]")[0])
S=list(samples(sys.argv[1])); key=sys.argv[2]
per=collections.Counter(p for p,s in S if any(key in x for x in s)); tp=per.most_common(1)[0][0]
T=[s for p,s in S if p==tp]
wrap=('TestAttributionBus::QueueMessage','VyprTestFrameworkExecutor+<RunTestCases>','VyprTestAssemblyRunner')
own=collections.Counter(); jit=0; n=0
for s in T:
    idx=[i for i,x in enumerate(s) if 'Vypr' in x]
    if not idx: continue
    f=s[idx[0]]
    if any(w in f for w in wrap): continue
    n+=1
    below=' '.join(s[:idx[0]])
    if 'libclrjit' in below or 'libclrjit' in f: jit+=1
    m=re.search(r'(Vypr[\w.<>`+]*::[\w.<>`]+|Vypr\.Generated\S*)', f)
    own[(m.group(1) if m else f)[:90]]+=1
print(f'testhost {tp} samples {len(T)}; innermost Vypr frame is Vypr\'s own work (not the xunit wrappers): {n} ({100*n/len(T):.1f}%), of which JIT compiling beneath it: {jit}')
byns=collections.Counter()
for k,v in own.items():
    ns = 'generated probes (interceptors/registrations)' if 'Generated' in k else k.split('::')[0].rsplit('.',1)[0] if '::' in k else k
    byns[ns]+=v
for k,v in byns.most_common(12): print(f'  {v:5d} {k}')
