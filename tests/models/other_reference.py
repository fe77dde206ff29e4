"""Reference values for src/models/{sbg,kaplan_meier,bgbb,gamma_gamma}.rs tests.

Independent of the Rust code: scipy (betaln, gammaln, hyp2f1, minimize) and the
`lifetimes` 0.11.3 fitters. Run with the venv: /work/venv/bin/python tests/models/other_reference.py
Its printed values are pasted into the Rust tests.
"""
import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import betaln, gammaln, hyp2f1

FIX = "tests/fixtures/models/"
np.set_printoptions(precision=12)

# ---------------------------------------------------------------- sBG (Fader & Hardie 2007)
def sbg_ll(a, b, lost, cens):
    ll = 0.0
    for t, (l, c) in enumerate(zip(lost, cens), start=1):
        lp = betaln(a + 1, b + t - 1) - betaln(a, b)
        ls = betaln(a, b + t) - betaln(a, b)
        ll += l * lp + c * ls
    return ll

def from_survivors(s):
    s = np.asarray(s, float)
    lost = s[:-1] - s[1:]
    cens = np.zeros(len(lost)); cens[-1] = s[-1]
    return lost, cens

print("== sBG")
for name, surv, pub in [("regular", [1000, 631, 468, 382, 326, 289, 262, 241], (0.704, 1.182)),
                        ("high end", [1000, 869, 743, 653, 593, 551, 517, 491], (0.668, 3.806))]:
    lost, cens = from_survivors(surv)
    res = minimize(lambda th: -sbg_ll(np.exp(th[0]), np.exp(th[1]), lost, cens), [0.0, 0.0],
                   method="Nelder-Mead", options=dict(xatol=1e-12, fatol=1e-12, maxiter=20000))
    a, b = np.exp(res.x)
    print(name, "mle alpha %.10f beta %.10f ll %.10f" % (a, b, -res.fun))
    print(name, "ll at published %.10f" % sbg_ll(*pub, lost, cens))
    a, b = pub
    S = [np.exp(betaln(a, b + t) - betaln(a, b)) for t in range(0, 13)]
    r = [(b + t - 1) / (a + b + t - 1) for t in range(1, 13)]
    print(name, "S(0..12) at published", ", ".join("%.12f" % x for x in S))
    print(name, "r(1..12) at published", ", ".join("%.12f" % x for x in r))
    for d in (0.1,):
        z = 1 / (1 + d)
        derl = [(b + n) / (a + b + n) * hyp2f1(1, b + n + 1, a + b + n + 1, z) for n in range(0, 5)]
        print(name, "DERL(d=0.1, n=0..4)", ", ".join("%.12f" % x for x in derl))
        print(name, "DEL(d=0.1) %.12f" % hyp2f1(1, b, a + b, z))

# ---------------------------------------------------------------- Kaplan-Meier hand example
print("== Kaplan-Meier (hand example; see kaplan_meier.rs tests)")
rows = [(1, 8, 2), (2, 5, 0), (3, 4, 2), (4, 1, 0)]  # (t, at risk, lost)
S, gw = 1.0, 0.0
for t, n, d in rows:
    S *= 1 - d / n
    gw += d / (n * (n - d)) if n > d else np.inf
    var = S * S * gw
    if 0 < S < 1:
        sig = np.sqrt(gw) / abs(np.log(S))
        lo, hi = S ** np.exp(1.959963984540054 * sig), S ** np.exp(-1.959963984540054 * sig)
    else:
        lo = hi = float("nan")
    print("t=%d S=%.12f var=%.12f low=%.12f high=%.12f" % (t, S, var, lo, hi))

# ---------------------------------------------------------------- BG/BB (Fader, Hardie & Shang 2010)
print("== BG/BB")
don = pd.read_csv(FIX + "donations.csv")
x, tx, n, w = (don[c].to_numpy(float) for c in ("frequency", "recency", "periods", "weights"))

def bgbb_row_ll(a, b, g, d, x, tx, n):
    terms = [betaln(a + x, b + n - x) - betaln(a, b) + betaln(g, d + n) - betaln(g, d)]
    for i in range(int(n - tx)):
        terms.append(betaln(a + x, b + tx - x + i) - betaln(a, b)
                     + betaln(g + 1, d + tx + i) - betaln(g, d))
    return np.logaddexp.reduce(terms)

def bgbb_ll(p):
    return sum(wi * bgbb_row_ll(*p, xi, ti, ni) for xi, ti, ni, wi in zip(x, tx, n, w))

pub = (1.204, 0.750, 0.657, 2.783)
print("ll at published %.10f" % bgbb_ll(pub))
res = minimize(lambda th: -bgbb_ll(np.exp(th)), np.log(pub), method="Nelder-Mead",
               options=dict(xatol=1e-10, fatol=1e-10, maxiter=40000, maxfev=40000))
print("scipy mle", ", ".join("%.10f" % v for v in np.exp(res.x)), "ll %.10f" % -res.fun)

from lifetimes import BetaGeoBetaBinomFitter
bb = BetaGeoBetaBinomFitter().fit(don["frequency"], don["recency"], don["periods"], weights=don["weights"])
print("lifetimes params", bb.params_.to_dict())
# Predictions at the published parameters through lifetimes' own formulas.
bb.params_ = pd.Series(dict(zip(["alpha", "beta", "gamma", "delta"], pub)))
for (xi, ti, ni) in [(0, 0, 6), (3, 4, 6), (6, 6, 6), (2, 5, 6), (1, 1, 6)]:
    X, T, N = (np.array([v], float) for v in (xi, ti, ni))
    pa = bb.conditional_probability_alive(1, X, T, N)[0]
    e5 = bb.conditional_expected_number_of_purchases_up_to_time(5, X, T, N)[0]
    e1 = bb.conditional_expected_number_of_purchases_up_to_time(1, X, T, N)[0]
    print("x=%d tx=%d n=%d p_alive(n+1)=%.12f E[next 1]=%.12f E[next 5]=%.12f" % (xi, ti, ni, pa, e1, e5))
a, b, g, d = pub
ex = a / (a + b) * d / (g - 1) * (1 - np.exp(gammaln(g + d) - gammaln(1 + d) + gammaln(1 + d + 6) - gammaln(g + d + 6)))
print("E[X(6)] new customer (FHS eq. 9) %.12f" % ex)

# ---------------------------------------------------------------- Gamma-Gamma (Fader & Hardie 2013)
print("== Gamma-Gamma")
cd = pd.read_csv(FIX + "cdnow_customers_summary_with_transactions.csv")
rep = cd[(cd.x >= 1) & (cd.zbar > 0)]
print("repeat customers", len(rep))

def gg_ll(p, q, v, x=rep.x.to_numpy(float), m=rep.zbar.to_numpy(float)):
    return np.sum(gammaln(p * x + q) - gammaln(p * x) - gammaln(q) + q * np.log(v)
                  + (p * x - 1) * np.log(m) + p * x * np.log(x) - (p * x + q) * np.log(x * m + v))

print("ll at published (6.25, 3.74, 15.44) %.10f" % gg_ll(6.25, 3.74, 15.44))
res = minimize(lambda th: -gg_ll(*np.exp(th)), [0.0, 0.0, 0.0], method="Nelder-Mead",
               options=dict(xatol=1e-12, fatol=1e-12, maxiter=40000, maxfev=40000))
print("scipy mle", ", ".join("%.10f" % v for v in np.exp(res.x)), "ll %.10f" % -res.fun)
from lifetimes import GammaGammaFitter
gg = GammaGammaFitter().fit(rep.x, rep.zbar)
print("lifetimes params", gg.params_.to_dict())
gg.params_ = pd.Series(dict(p=6.25, q=3.74, v=15.44))
for xi, mi in [(1, 11.77), (2, 22.35), (10, 35.0), (0, 0.0)]:
    print("x=%d zbar=%.2f E[spend]=%.12f" % (xi, mi, gg.conditional_expected_average_profit(pd.Series([xi]), pd.Series([mi])).iloc[0]))

# ---------------------------------------------------------------- standard errors at the maxima
# Central-difference Hessian of the log-likelihood in the natural parameters (step 1e-4
# relative), SE = sqrt(diag((-H)^-1)).
def ses(ll, p):
    p = np.asarray(p, float); k = len(p); H = np.zeros((k, k)); h = 1e-4 * p
    for i in range(k):
        for j in range(k):
            def f(di, dj):
                q = p.copy(); q[i] += di; q[j] += dj; return ll(q)
            H[i, j] = (f(h[i], h[j]) - f(h[i], -h[j]) - f(-h[i], h[j]) + f(-h[i], -h[j])) / (4 * h[i] * h[j])
    return np.sqrt(np.diag(np.linalg.inv(-H)))

print("== standard errors")
lost, cens = from_survivors([1000, 631, 468, 382, 326, 289, 262, 241])
print("sBG regular se", ses(lambda q: sbg_ll(q[0], q[1], lost, cens), [0.7040773331, 1.1820430852]))
print("BG/BB se", ses(bgbb_ll, [1.2035223568, 0.7497163917, 0.6567182487, 2.7834424016]))
print("GG se", ses(lambda q: gg_ll(*q), [6.2488026949, 3.7445884393, 15.4477472178]))

# Delta-method SEs of the regular cohort's S(12) and r(12) at the maximum, from the
# natural-scale covariance above (numerical gradient of the prediction).
def delta(ll, p, f):
    p = np.asarray(p, float); k = len(p); H = np.zeros((k, k)); h = 1e-4 * p
    for i in range(k):
        for j in range(k):
            def g(di, dj):
                q = p.copy(); q[i] += di; q[j] += dj; return ll(q)
            H[i, j] = (g(h[i], h[j]) - g(h[i], -h[j]) - g(-h[i], h[j]) + g(-h[i], -h[j])) / (4 * h[i] * h[j])
    cov = np.linalg.inv(-H)
    grad = np.array([(f(p + e) - f(p - e)) / (2 * e.sum()) for e in np.diag(1e-6 * p)])
    return np.sqrt(grad @ cov @ grad)

mle = [0.7040773331, 1.1820430852]
llr = lambda q: sbg_ll(q[0], q[1], lost, cens)
print("sBG regular se S(12) %.10f" % delta(llr, mle, lambda q: np.exp(betaln(q[0], q[1] + 12) - betaln(q[0], q[1]))))
print("sBG regular se r(12) %.10f" % delta(llr, mle, lambda q: (q[1] + 11) / (q[0] + q[1] + 11)))
ggm = [6.2488026949, 3.7445884393, 15.4477472178]
print("GG mean spend %.10f se %.10f" % (ggm[0] * ggm[2] / (ggm[1] - 1),
      delta(lambda q: gg_ll(*q), ggm, lambda q: q[0] * q[2] / (q[1] - 1))))

# ---------------------------------------------------------------- discounted model CLV
# BG/NBD (lifetimes BetaGeoFitter, parameters set to Fader, Hardie & Lee's 0.243, 4.414,
# 0.793, 2.426) for purchases in weeks, Gamma-Gamma spend at (6.25, 3.74, 15.44), margin
# 0.3, 52 weeks at 10% a year: sum_k 0.3 * spend * (E(k) - E(k-1)) / (1 + d_w)^k with
# d_w = 1.1^(7/365.25) - 1.
print("== model CLV")
from lifetimes import BetaGeoFitter
bg = BetaGeoFitter()
bg.params_ = pd.Series(dict(r=0.243, alpha=4.414, a=0.793, b=2.426))
dw = 1.1 ** (7 / 365.25) - 1
for (xi, txi, Ti, zi) in [(2, 30.43, 38.86, 22.35), (1, 1.71, 38.86, 11.77), (10, 37.0, 38.86, 35.0)]:
    e = [0.0] + [float(bg.conditional_expected_number_of_purchases_up_to_time(k, xi, txi, Ti)) for k in range(1, 53)]
    spend = gg.conditional_expected_average_profit(pd.Series([xi]), pd.Series([zi])).iloc[0]
    clv = sum(0.3 * spend * (e[k] - e[k - 1]) / (1 + dw) ** k for k in range(1, 53))
    print("x=%d t_x=%.2f T=%.2f zbar=%.2f spend=%.12f clv=%.12f" % (xi, txi, Ti, zi, spend, clv))
