"""Recomputes the check values of docs/methods.md from the formulas alone.

Standard library only, written independently of the C# code: run `python3 docs/checks/check_values.py`
and compare with the expected numbers in tests/SceneMonitor.Analysis.Tests.
"""
import math


def two_sided_p(z):
    return math.erfc(abs(z) / math.sqrt(2))


def gi_star(points, values, neighbours):
    n = len(values)
    mean = sum(values) / n
    s = math.sqrt(sum((v - mean) ** 2 for v in values) / n)
    out = []
    for nb in neighbours:
        w = len(nb)
        lag = sum(values[j] for j in nb)
        out.append((lag - mean * w) / (s * math.sqrt((n * w - w * w) / (n - 1))))
    return out


def band(points, d):
    return [[j for j, q in enumerate(points) if math.dist(p, q) <= d + 1e-9] for p in points]


def knn(points, k):
    result = []
    for i, p in enumerate(points):
        others = sorted((j for j in range(len(points)) if j != i), key=lambda j: (math.dist(p, points[j]), j))
        result.append(sorted(others[:k] + [i]))
    return result


def mann_kendall(x):
    n = len(x)
    s = sum((x[j] > x[i]) - (x[j] < x[i]) for i in range(n) for j in range(i + 1, n))
    ties = {}
    for v in x:
        ties[v] = ties.get(v, 0) + 1
    var = (n * (n - 1) * (2 * n + 5) - sum(t * (t - 1) * (2 * t + 5) for t in ties.values())) / 18
    z = (s - (s > 0) + (s < 0)) / math.sqrt(var)
    pairs = n * (n - 1) / 2
    tau = s / math.sqrt((pairs - sum(t * (t - 1) / 2 for t in ties.values())) * pairs)
    return s, var, z, two_sided_p(z), tau


def chi2_n_minus_1_p(a, b, c, d):
    n = a + b + c + d
    chi = n * (a * d - b * c) ** 2 / ((a + b) * (c + d) * (a + c) * (b + d))
    return math.erfc(math.sqrt(chi * (n - 1) / n / 2))


def bh(p, factor=1.0):
    m = len(p)
    order = sorted(range(m), key=lambda i: p[i])
    out, running = [0.0] * m, 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, p[i] * factor * m / rank)
        out[i] = min(1.0, running)
    return out


def wdq(rb, ra, db, da, cb, ca):
    sm = ra / ca - rb / cb
    bdm = da / ca - db / cb
    tne = (rb * ca / cb - ra) + (db * ca / cb - da)
    return sm, bdm, bdm / sm, tne


def main():
    pts = [(10, 10), (20, 10), (40, 10), (15, 20), (30, 20), (30, 30)]
    vals = [2, 3, 3.2, 5, 8, 7]
    g = gi_star(pts, vals, band(pts, 15))
    print("Gi* band 15:", [round(v, 8) for v in g], "p(last) =", round(two_sided_p(g[5]), 6))
    print("  BH-adjusted p(last) =", round(bh([two_sided_p(v) for v in g])[5], 6))
    print("Gi* k = 2:  ", knn(pts, 2), gi_star(pts, vals, knn(pts, 2)))
    print("Mann-Kendall:", mann_kendall([0.5, 1.2, 0.8, 1.9, 2.3, 2.1, 2.8, 3.0, 2.7, 3.5]))
    print("Mann-Kendall ties 1,2,2,3:", mann_kendall([1, 2, 2, 3]))
    print("Mann-Kendall 0, 3 x 9:", mann_kendall([0] + [3] * 9))
    p = [chi2_n_minus_1_p(30, 70, 50, 50), chi2_n_minus_1_p(50, 50, 40, 60), chi2_n_minus_1_p(20, 80, 10, 90)]
    print("SPPT diff p:", p, "BH:", bh(p), "BY:", bh(p, 1 + 1 / 2 + 1 / 3))
    print("BH 0.01,0.04,0.03,0.005:", bh([0.01, 0.04, 0.03, 0.005]))
    print("WDQ 100>50, 100>150, 100>100:", wdq(100, 50, 100, 150, 100, 100))
    print("WDQ 100>60, 50>40, 200>200:", wdq(100, 60, 50, 40, 200, 200))
    print("WDD 535 case: total", (60 - 100) - (90 - 100) + (55 - 50) - 0, "var", 100 + 60 + 100 + 90 + 50 + 55 + 40 + 40)
    ring = lambda r0, r1: 400 * (r1 - r0) + math.pi * (r1 * r1 - r0 * r0)
    wc, wd = 10_000 / 40_000, ring(0, 50) / 40_000
    print("Steiner rings (100 m square, 50/150 m):", ring(0, 50), ring(50, 150))
    print("Area-weighted WDD variance (shared control):", 10 + 4 + 2 + 6 + (wc + wd) ** 2 * 40, "w_D =", wd)
    print("Quartic K(0), h = 100:", 3 / (math.pi * 100 ** 2))
    print("erfc(2.5) =", repr(math.erfc(2.5)))


if __name__ == "__main__":
    main()
