#!/usr/bin/env python3
"""The FlowSim ODE suite (src/FlowSim/OdeSuite) run with SciPy's solve_ivp methods.

Usage: scipy_suite.py [--method RK45|DOP853|Radau|BDF|LSODA] [--rtol R] [--atol A] [--only NAMES] [--stiff-only] [--json FILE]
Prints a table and, with --json, writes the same shape as `flowsim ode-suite --json`:
{"method","rtol","atol","problems":[{"name","stiff","status","nfev","steps","rejected","err_over_tol","seconds"}]}

Differences from FlowSim's runner, forced by SciPy:
- SciPy has no step cap, so the solver's step() is called directly, at most MAX_STEPS (200,000) times;
  a run that hits the cap is reported "MaxStepsExceeded" (like FlowSim's status name).
- SciPy does not count rejected steps: "rejected" is null.
- SciPy has no breakpoints: the square-wave problem is integrated segment by segment (a restart at every
  jump, what a SciPy user would write); nfev and steps are summed over the segments.
- Stiff methods get the same analytic Jacobians as FlowSim's problems; diffusion-1000, whose Jacobian FlowSim builds by
  banded finite differences (counted in its nfev), gets its exact tridiagonal Jacobian here as a sparse matrix for
  Radau and BDF (no Jacobian evaluation in their nfev); LSODA gets lband = uband = 1 and builds the band by finite
  differences itself (counted in its nfev, 3 per Jacobian), because SciPy 1.10's LSODA rejects a packed banded jac.
- E5 runs with its own absolute tolerance, 1.7e-24 (the test set's), as in FlowSim.
The reference values are written out here independently of the C# code (closed forms re-derived; the
matrix ODE's reference uses scipy.linalg.expm instead of Rodrigues' formula).
"""
import argparse
import json
import math
import sys
import time

import numpy as np
from scipy.integrate import RK45, DOP853, Radau, BDF, LSODA
from scipy.linalg import expm
from scipy.sparse import diags

MAX_STEPS = 200_000
METHODS = {"RK45": RK45, "DOP853": DOP853, "Radau": Radau, "BDF": BDF, "LSODA": LSODA}


class Problem:
    def __init__(self, name, f, t0, t1, y0, ref, stiff=False, jac=None, segments=None, atol=None, banded=None):
        self.name, self.f, self.t0, self.t1 = name, f, t0, t1
        self.y0, self.ref = np.asarray(y0, float), np.asarray(ref, float)
        self.stiff, self.jac, self.segments = stiff, jac, segments
        # atol: the problem's own absolute tolerance; banded: (lband, uband) for LSODA.
        self.atol, self.banded = atol, banded


def kepler_E(M, e):
    turns = math.floor(M / (2 * math.pi))
    m = M - turns * 2 * math.pi
    E = m + e * math.sin(m) if e < 0.8 else math.pi
    for _ in range(100):
        dE = (E - e * math.sin(E) - m) / (1 - e * math.cos(E))
        E -= dE
        if abs(dE) < 1e-16:
            break
    return E + turns * 2 * math.pi


def kepler(name, e):
    def f(t, y):
        r3 = (y[0] ** 2 + y[1] ** 2) ** 1.5
        return np.array([y[2], y[3], -y[0] / r3, -y[1] / r3])
    E = kepler_E(20.0, e)
    b, d = math.sqrt(1 - e * e), 1 - e * math.cos(E)
    ref = [math.cos(E) - e, b * math.sin(E), -math.sin(E) / d, b * math.cos(E) / d]
    return Problem(name, f, 0.0, 20.0, [1 - e, 0, 0, math.sqrt((1 + e) / (1 - e))], ref)


def arenstorf():
    mu = 0.012277471
    mup = 1 - mu
    y0 = [0.994, 0, 0, -2.00158510637908252240537862224]

    def f(t, y):
        d1 = ((y[0] + mu) ** 2 + y[1] ** 2) ** 1.5
        d2 = ((y[0] - mup) ** 2 + y[1] ** 2) ** 1.5
        return np.array([y[2], y[3],
                         y[0] + 2 * y[3] - mup * (y[0] + mu) / d1 - mu * (y[0] - mup) / d2,
                         y[1] - 2 * y[2] - mup * y[1] / d1 - mu * y[1] / d2])
    return Problem("arenstorf", f, 0.0, 17.0652165601579625588917206249, y0, y0)


def pleiades():
    m = np.arange(1, 8, dtype=float)

    def f(t, y):
        x, z = y[0:7], y[7:14]
        dx = x[None, :] - x[:, None]   # dx[i, j] = x_j - x_i
        dz = z[None, :] - z[:, None]
        r3 = (dx ** 2 + dz ** 2) ** 1.5
        np.fill_diagonal(r3, np.inf)
        return np.concatenate([y[14:28], (m[None, :] * dx / r3).sum(1), (m[None, :] * dz / r3).sum(1)])
    y0 = [3, 3, -1, -3, 2, -2, 2, 3, -3, 2, 0, 0, -4, 4, 0, 0, 0, 0, 0, 1.75, -1.5, 0, 0, 0, -1.25, 1, 0, 0]
    ref = [0.3706139143970502, 3.237284092057233, -3.222559032418324, 0.6597091455775310, 0.3425581707156584,
           1.562172101400631, -0.7003092922212495, -3.943437585517392, -3.271380973972550, 5.225081843456543,
           -2.590612434977470, 1.198213693392275, -0.2429682344935824, 1.091449240428980, 3.417003806314313,
           1.354584501625501, -2.590065597810775, 2.025053734714242, -1.155815100160448, -0.8072988170223021,
           0.5952396354208710, -3.741244961234010, 0.3773459685750630, 0.9386858869551073, 0.3667922227200571,
           -0.3474046353808490, 2.344915448180937, -1.947020434263292]
    return Problem("pleiades", f, 0.0, 3.0, y0, ref)


def sine_modes(n):
    """V[j, k] = sin(jkπ/(n+1)), j, k = 1..n, with jk reduced modulo 2(n+1) in integers first (at n = 1000 the
    unreduced argument reaches 3e3, whose rounding costs 1e-13 in the sine)."""
    j = np.arange(1, n + 1)
    return np.sin((np.outer(j, j) % (2 * (n + 1))) * math.pi / (n + 1))


def heat(name, n, kappa, t1, stiff):
    h = 1.0 / (n + 1)
    s = kappa / h ** 2
    A = s * (np.diag(-2 * np.ones(n)) + np.diag(np.ones(n - 1), 1) + np.diag(np.ones(n - 1), -1))
    x = h * np.arange(1, n + 1)
    y0 = x * (1 - x)
    k = np.arange(1, n + 1)
    V = sine_modes(n)   # V[j, k]
    lam = -4 * s * np.sin(k * math.pi * h / 2) ** 2
    c = 2 * h * V.T @ y0
    ref = V @ (c * np.exp(lam * t1))
    return Problem(name, lambda t, y: A @ y, 0.0, t1, y0, ref, stiff, jac=lambda t, y: A)


def matrix_rotation():
    k = np.array([1.0, 2.0, 2.0])
    K = np.array([[0, -k[2], k[1]], [k[2], 0, -k[0]], [-k[1], k[0], 0]])
    A = K - 0.1 * np.eye(3)
    Y0 = np.array([[1, 2, 0], [0, 1, -1], [1, 0, 2]], float)
    big = np.kron(np.eye(3), A)   # column-major vec(AY) = (I ⊗ A) vec(Y)
    ref = (expm(10 * A) @ Y0).flatten(order="F")
    return Problem("matrix-rotation", lambda t, y: big @ y, 0.0, 10.0, Y0.flatten(order="F"), ref, jac=lambda t, y: big)


def square_wave():
    eta = 0.5
    v = 0.0
    for seg in range(20):
        s = 1.0 if seg % 2 == 0 else 0.0
        v = s + (v - s) * math.exp(-eta)
    segments = [(seg * eta, (seg + 1) * eta, 1.0 if seg % 2 == 0 else 0.0) for seg in range(20)]
    return Problem("square-wave", None, 0.0, 10.0, [0.0], [v], segments=segments)


def robertson():
    def f(t, y):
        r1, r2, r3 = 0.04 * y[0], 1e4 * y[1] * y[2], 3e7 * y[1] ** 2
        return np.array([-r1 + r2, r1 - r2 - r3, r3])

    def jac(t, y):
        return np.array([[-0.04, 1e4 * y[2], 1e4 * y[1]],
                         [0.04, -1e4 * y[2] - 6e7 * y[1], -1e4 * y[1]],
                         [0, 6e7 * y[1], 0]])
    return Problem("robertson", f, 0.0, 1e11, [1, 0, 0],
                   [0.2083340149701255e-07, 0.8333360770334713e-13, 0.9999999791665050], True, jac)


def hires():
    def f(t, y):
        f7 = 280 * y[5] * y[7] - 1.81 * y[6]
        return np.array([-1.71 * y[0] + 0.43 * y[1] + 8.32 * y[2] + 0.0007,
                         1.71 * y[0] - 8.75 * y[1],
                         -10.03 * y[2] + 0.43 * y[3] + 0.035 * y[4],
                         8.32 * y[1] + 1.71 * y[2] - 1.12 * y[3],
                         -1.745 * y[4] + 0.43 * (y[5] + y[6]),
                         -280 * y[5] * y[7] + 0.69 * y[3] + 1.71 * y[4] - 0.43 * y[5] + 0.69 * y[6],
                         f7, -f7])

    def jac(t, y):
        J = np.zeros((8, 8))
        J[0, :3] = [-1.71, 0.43, 8.32]
        J[1, :2] = [1.71, -8.75]
        J[2, 2:5] = [-10.03, 0.43, 0.035]
        J[3, 1:4] = [8.32, 1.71, -1.12]
        J[4, 4:7] = [-1.745, 0.43, 0.43]
        J[5, 3:8] = [0.69, 1.71, -280 * y[7] - 0.43, 0.69, -280 * y[5]]
        J[6, 5:8] = [280 * y[7], -1.81, 280 * y[5]]
        J[7, 5:8] = [-280 * y[7], 1.81, -280 * y[5]]
        return J
    ref = [0.7371312573325668e-3, 0.1442485726316185e-3, 0.5888729740967575e-4, 0.1175651343283149e-2,
           0.2386356198831331e-2, 0.6238968252742796e-2, 0.2849998395185769e-2, 0.2850001604814231e-2]
    return Problem("hires", f, 0.0, 321.8122, [1, 0, 0, 0, 0, 0, 0, 0.0057], ref, True, jac)


def orego():
    s, q, w = 77.27, 8.375e-6, 0.161

    def f(t, y):
        return np.array([s * (y[1] - y[0] * y[1] + y[0] - q * y[0] ** 2),
                         (-y[1] - y[0] * y[1] + y[2]) / s,
                         w * (y[0] - y[2])])

    def jac(t, y):
        return np.array([[s * (-y[1] + 1 - 2 * q * y[0]), s * (1 - y[0]), 0],
                         [-y[1] / s, (-1 - y[0]) / s, 1 / s],
                         [w, 0, -w]])
    return Problem("orego", f, 0.0, 360.0, [1, 2, 3],
                   [0.1000814870318523e1, 0.1228178521549917e4, 0.1320554942846706e3], True, jac)


def vdpol():
    eps = 1e-6

    def f(t, y):
        return np.array([y[1], ((1 - y[0] ** 2) * y[1] - y[0]) / eps])

    def jac(t, y):
        return np.array([[0, 1], [(-2 * y[0] * y[1] - 1) / eps, (1 - y[0] ** 2) / eps]])
    return Problem("vdpol", f, 0.0, 2.0, [2, 0], [0.1706167732170483e1, -0.8928097010247975], True, jac)


def prothero_robinson():
    lam = -1e4
    return Problem("prothero-robinson", lambda t, y: lam * (y - math.sin(t)) + math.cos(t), 0.0, 10.0, [0.0],
                   [math.sin(10.0)], True, lambda t, y: np.array([[lam]]))


def e5():
    a, b, cm, c = 7.89e-10, 1.1e7, 1.13e9, 1.13e3

    def f(t, y):
        p1, p2, p3, p4 = a * y[0], b * y[0] * y[2], cm * y[1] * y[2], c * y[3]
        f2, f4 = p1 - p3, p2 - p4
        return np.array([-p1 - p2, f2, f2 - f4, f4])

    def jac(t, y):
        return np.array([[-a - b * y[2], 0, -b * y[0], 0],
                         [a, -cm * y[2], -cm * y[1], 0],
                         [a - b * y[2], -cm * y[2], -b * y[0] - cm * y[1], c],
                         [b * y[2], 0, b * y[0], -c]])
    ref = [0.1152903278711829e-290, 0.8867655517642120e-22, 0.8854814626268838e-22, 0.0]
    return Problem("e5", f, 0.0, 1e13, [1.76e-3, 0, 0, 0], ref, True, jac, atol=1.7e-24)


def diffusion(n=1000, kappa=1.0, t1=0.1):
    h = 1.0 / (n + 1)
    s = kappa / h ** 2

    def f(t, y):
        d = -2 * y
        d[1:] += y[:-1]
        d[:-1] += y[1:]
        return s * d
    J = diags([np.full(n - 1, s), np.full(n, -2 * s), np.full(n - 1, s)], [-1, 0, 1], format="csc")
    x = h * np.arange(1, n + 1)
    y0 = x * (1 - x)
    k = np.arange(1, n + 1)
    V = sine_modes(n)   # V[j, k]
    lam = -4 * s * np.sin(k * math.pi * h / 2) ** 2
    ref = V @ (2 * h * (V.T @ y0) * np.exp(lam * t1))
    return Problem("diffusion-1000", f, 0.0, t1, y0, ref, True, jac=lambda t, y: J, banded=(1, 1))


def problems():
    def exp_decay():
        return Problem("detest-a1", lambda t, y: -y, 0.0, 20.0, [1.0], [math.exp(-20)])

    def a3():
        return Problem("detest-a3", lambda t, y: y * math.cos(t), 0.0, 20.0, [1.0], [math.exp(math.sin(20))])

    def harmonic():
        return Problem("harmonic", lambda t, y: np.array([y[1], -4 * y[0]]), 0.0, 30.0, [1, 0],
                       [math.cos(60), -2 * math.sin(60)])
    return [exp_decay(), a3(), harmonic(), kepler("kepler-d1", 0.1), kepler("kepler-d3", 0.5),
            kepler("kepler-d5", 0.9), arenstorf(), pleiades(), heat("heat-24", 24, 0.01, 10, False),
            matrix_rotation(), square_wave(), robertson(), hires(), orego(), vdpol(),
            heat("heat-stiff-100", 100, 1.0, 0.5, True), prothero_robinson(), e5(), diffusion()]


def integrate(cls, f, jac, t0, t1, y0, rtol, atol, steps_left, banded=None):
    kw = {"rtol": rtol, "atol": atol}
    if banded is not None and cls is LSODA:
        kw["lband"], kw["uband"] = banded
    elif jac is not None and cls in (Radau, BDF, LSODA):
        kw["jac"] = jac
    solver = cls(f, t0, y0, t1, **kw)
    steps = 0
    while solver.status == "running" and steps < steps_left:
        solver.step()
        steps += 1
    status = {"finished": "Success", "failed": "Failed"}.get(solver.status, "MaxStepsExceeded")
    return status, solver.y, solver.nfev, steps


def run(p, method, rtol, atol):
    cls = METHODS[method]
    atol = p.atol if p.atol is not None else atol
    start = time.perf_counter()
    if p.segments is None:
        status, y, nfev, steps = integrate(cls, p.f, p.jac, p.t0, p.t1, p.y0, rtol, atol, MAX_STEPS, p.banded)
    else:
        y, nfev, steps, status = p.y0, 0, 0, "Success"
        for a, b, level in p.segments:
            status, y, n, s = integrate(cls, lambda t, y, L=level: -y + L, lambda t, y: np.array([[-1.0]]),
                                        a, b, y, rtol, atol, MAX_STEPS - steps)
            nfev, steps = nfev + n, steps + s
            if status != "Success":
                break
    seconds = time.perf_counter() - start
    err = None
    if status == "Success":
        err = float(np.max(np.abs(y - p.ref) / (atol + rtol * np.abs(p.ref))))
    return {"name": p.name, "stiff": p.stiff, "status": status, "nfev": int(nfev), "steps": steps,
            "rejected": None, "err_over_tol": err, "seconds": seconds}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--method", default="RK45", choices=sorted(METHODS))
    ap.add_argument("--rtol", type=float, default=1e-6)
    ap.add_argument("--atol", type=float, default=None, help="default rtol*1e-3")
    ap.add_argument("--json", default=None)
    ap.add_argument("--only", default=None, help="comma-separated problem names (default: all)")
    ap.add_argument("--stiff-only", action="store_true", help="only the stiff problems")
    a = ap.parse_args()
    if not a.rtol > 0:
        ap.error("--rtol must be > 0")
    atol = a.rtol * 1e-3 if a.atol is None else a.atol
    chosen = problems()
    if a.stiff_only:
        chosen = [p for p in chosen if p.stiff]
    if a.only:
        names = set(a.only.split(","))
        unknown = names - {p.name for p in chosen}
        if unknown:
            ap.error(f"--only: unknown problem(s) {', '.join(sorted(unknown))}")
        chosen = [p for p in chosen if p.name in names]
    results = [run(p, a.method, a.rtol, atol) for p in chosen]
    out = {"method": a.method, "rtol": a.rtol, "atol": atol, "problems": results}
    print(f"scipy {a.method}, rtol {a.rtol:g}, atol {atol:g}")
    print(f"{'problem':24} {'status':17} {'nfev':>8} {'steps':>7} {'err/tol':>10} {'seconds':>8}")
    for r in results:
        e = "-" if r["err_over_tol"] is None else f"{r['err_over_tol']:.3e}"
        name = r["name"] + (" (stiff)" if r["stiff"] else "")
        print(f"{name:24} {r['status']:17} {r['nfev']:8d} {r['steps']:7d} {e:>10} {r['seconds']:8.3f}")
    if a.json:
        with open(a.json, "w") as fh:
            json.dump(out, fh, indent=1)


if __name__ == "__main__":
    sys.exit(main())
