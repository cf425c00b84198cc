#!/usr/bin/python3
"""SciPy's Radau, BDF and LSODA on three stiff problems outside the ODE suite (the Brusselator on 40 points, Van der Pol
with mu = 1000 on [0, 3000], Kaps with eps = 1e-8), rtol 1e-6 and 1e-10, atol = rtol*1e-3, errors against SciPy's Radau
at rtol 1e-13. FlowSim's side: tests/FlowSim.Tests/Ode/Implicit/Radau9BeyondTheSuiteTests.cs (Kaps, Brusselator).
usage: /usr/bin/python3 benchmarks/odesuite/beyond_suite_scipy.py"""
import numpy as np
from scipy.integrate import solve_ivp
def bruss(n):
    a = 1/50*(n+1)**2
    x = np.arange(1,n+1)/(n+1)
    y0 = np.empty(2*n); y0[0::2] = 1+np.sin(2*np.pi*x); y0[1::2] = 3
    def f(t,y):
        u=y[0::2]; v=y[1::2]
        ul=np.concatenate(([1.0],u[:-1])); ur=np.concatenate((u[1:],[1.0]))
        vl=np.concatenate(([3.0],v[:-1])); vr=np.concatenate((v[1:],[3.0]))
        d=np.empty_like(y); d[0::2]=1+u*u*v-4*u+a*(ul-2*u+ur); d[1::2]=3*u-u*u*v+a*(vl-2*v+vr); return d
    return f,(0,10),y0
def vdp(mu,t1):
    return (lambda t,y: [y[1], mu*(1-y[0]**2)*y[1]-y[0]]), (0,t1), np.array([2.0,0.0])
def kaps(eps):
    return (lambda t,y: [-(1/eps+2)*y[0]+y[1]**2/eps, y[0]-y[1]-y[1]**2]), (0,1), np.array([1.0,1.0])
for name,(f,span,y0) in [("bruss-40",bruss(40)),("vdp-1e3",vdp(1000,3000)),("kaps",kaps(1e-8))]:
    ref = solve_ivp(f,span,y0,method="Radau",rtol=1e-13,atol=1e-16).y[:,-1]
    for rtol in (1e-6,1e-10):
        for m in ("Radau","BDF","LSODA"):
            try:
                s = solve_ivp(f,span,y0,method=m,rtol=rtol,atol=rtol*1e-3)
                e = np.max(np.abs(s.y[:,-1]-ref)/(rtol*1e-3+rtol*np.abs(ref))) if s.success else float('nan')
                print(f"{name} {rtol:g} {m:6s} {s.status} nfev {s.nfev} njev {s.njev} err/tol {e:.3g}")
            except Exception as ex: print(name, rtol, m, "error", ex)
