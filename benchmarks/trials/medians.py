import statistics as st, collections, sys
rows=[l.rstrip('\n').split('\t') for l in open('/tmp/trial2-measure/runs.tsv') if l.strip()]
d=collections.defaultdict(lambda: collections.defaultdict(list))
for r in rows:
    rnd,v,load,t=r[0],r[1],float(r[2]),r[3].split()
    e,u,s=map(float,t)
    d[v]['wall'].append(e); d[v]['cpu'].append(u+s); d[v]['load'].append(load)
for lib in ('csv','fv'):
    for v in ('base','off','on'):
        k=f'{lib}-{v}'; x=d[k]
        print(f"{k:9s} n={len(x['wall'])} wall med {st.median(x['wall']):6.2f}  cpu med {st.median(x['cpu']):6.2f}  load {min(x['load']):.0f}-{max(x['load']):.0f}")
    b,o,n=(d[f'{lib}-{v}'] for v in ('base','off','on'))
    for m in ('wall','cpu'):
        print(f"  {m}: on/off {st.median(n[m])/st.median(o[m]):.3f}  off/base {st.median(o[m])/st.median(b[m]):.3f}  on/base {st.median(n[m])/st.median(b[m]):.3f}")
    # paired per round ratios
    rs=collections.defaultdict(dict)
    for r in rows:
        if r[1].startswith(lib+'-'):
            e,u,s=map(float,r[3].split()); rs[r[0]][r[1]]=u+s
    pr=[rs[k][f'{lib}-on']/rs[k][f'{lib}-off'] for k in rs if f'{lib}-on' in rs[k] and f'{lib}-off' in rs[k]]
    print(f"  per-round cpu on/off ratios: {' '.join(f'{x:.2f}' for x in pr)}  median {st.median(pr):.3f}")
