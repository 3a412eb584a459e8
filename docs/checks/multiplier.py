#!/usr/bin/python3
"""Check values for the multiplier method (docs/methods.md, "Size of the scene: multiplier method").

Run with Debian's Python and its scipy (not a pyenv python):  /usr/bin/python3 docs/checks/multiplier.py
The tests (tests/SceneMonitor.Analysis.Tests/SceneSize, tests/SceneMonitor.Tests.Integration/SceneSize)
use the numbers printed here.

- Single estimate: N = B * n / m; 95 % interval = B / p_high .. B / p_low with (p_low, p_high) the
  Wilson score interval of scipy.stats.binomtest(m, n).proportion_ci(method="wilson").
- Combination: DerSimonian-Laird random effects on ln N, se_i = (ln high_i - ln low_i) / (2 * 1.959964),
  written out below from the formulas (DerSimonian & Laird 1986); R metafor::rma(yi, sei=, method="DL")
  gives the same numbers (last block, when R and metafor are installed).
"""
import math
import shutil
import subprocess
from scipy.stats import binomtest, norm

Z = norm.ppf(0.975)


def single(b, n, m):
    ci = binomtest(m, n).proportion_ci(confidence_level=0.95, method="wilson")
    return b * n / m, b / ci.high, b / ci.low


def combine(estimates):
    y = [math.log(e) for e, lo, hi in estimates]
    v = [((math.log(hi) - math.log(lo)) / (2 * Z)) ** 2 for e, lo, hi in estimates]
    w = [1 / x for x in v]
    fixed = sum(wi * yi for wi, yi in zip(w, y)) / sum(w)
    q = sum(wi * (yi - fixed) ** 2 for wi, yi in zip(w, y))
    df = len(y) - 1
    c = sum(w) - sum(wi * wi for wi in w) / sum(w)
    tau2 = max(0.0, (q - df) / c)
    i2 = max(0.0, (q - df) / q) if q > 0 else 0.0
    wr = [1 / (x + tau2) for x in v]
    mean = sum(wi * yi for wi, yi in zip(wr, y)) / sum(wr)
    se = 1 / math.sqrt(sum(wr))
    return math.exp(mean), math.exp(mean - Z * se), math.exp(mean + Z * se), i2, tau2, y, [math.sqrt(x) for x in v]


EXAMPLES = {
    # name: (benchmark B, interviewed n, in register m)
    "A": (600, 200, 50),   # consumption room clients; 50 of 200 interviewed were clients
    "B": (400, 150, 30),   # treatment register; same population, area and year as A
    "C": (120, 80, 6),     # m < 10: unreliable, left out of the combination with A and B
    "D": (900, 100, 15),   # a register that disagrees with A (heterogeneity)
}

if __name__ == "__main__":
    results = {}
    for name, (b, n, m) in EXAMPLES.items():
        results[name] = single(b, n, m)
        e, lo, hi = results[name]
        print(f"{name}: B={b} n={n} m={m}  N={e:.6f}  95% {lo:.6f} .. {hi:.6f}  unreliable={m < 10}")
    for names in (("A", "B"), ("A", "D")):
        e, lo, hi, i2, tau2, y, se = combine([results[x] for x in names])
        print(f"combine {'+'.join(names)}: N={e:.6f}  95% {lo:.6f} .. {hi:.6f}  I2={i2:.6f}  tau2={tau2:.8f}")
        if shutil.which("Rscript"):
            r = f"suppressMessages(library(metafor)); f <- rma(yi=c({','.join(map(repr, y))}), sei=c({','.join(map(repr, se))}), method='DL'); " \
                "cat(sprintf('  metafor DL: N=%.6f  95%% %.6f .. %.6f  I2=%.6f\\n', exp(f$b), exp(f$ci.lb), exp(f$ci.ub), f$I2/100))"
            out = subprocess.run(["Rscript", "-e", r], capture_output=True, text=True)
            print(out.stdout.rstrip() or "  (metafor not installed)")
