"""Space-time Gi* (time-lagged neighbours) on a tiny grid, computed independently of the C# code.

Follows R sfdep's emerging_hotspot_analysis(k) as published: the cube is flattened period by period
(index = t * n_locs + i), a location's neighbours in period t are its spatial neighbours (itself
included) at index t * n_locs + j and, for each lag l = 1..k, the same j at (t - l) * n_locs + j when
that index exists (spt_nb / nb_time_index_lag); weights are 1; the mean, the variance (divisor n) and
n are those of period t only (local_g_spt_calc). Run: /usr/bin/python3 docs/checks/spacetime_gistar.py
The numbers printed are the expected values of SpaceTimeGiStarTests.
"""
import numpy as np

# 5 x 5 square cells of 100 m (index i = 5x + y), queen neighbours (distance band 150 m) plus the
# cell itself. With k = 1 an inner cell has 18 space-time neighbours, fewer than the 25 cells a period
# has: on a smaller grid n W - W^2 turns negative and the statistic is undefined (sfdep gives NaN).
xy = np.array([(x * 100.0, y * 100.0) for x in range(5) for y in range(5)])
n = len(xy)
dist = np.sqrt(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(-1))
spatial = [np.flatnonzero(dist[i] <= 150) for i in range(n)]

# Counts in three periods: background (3i + 2t) mod 4, a one-period blip of +8 in the centre cell 12
# in period 1, and cell 18 busy (+5) in periods 1 and 2.
cube = np.array([[(3 * i + 2 * t) % 4 for i in range(n)] for t in range(3)], dtype=float)
cube[1, 12] += 8
cube[1, 18] += 5
cube[2, 18] += 5
flat = cube.reshape(-1)


def neighbours(t, i, k):
    """Indices into the flattened cube, as sfdep's spt_nb builds them."""
    own = [t * n + j for j in spatial[i]]
    lagged = [idx - l * n for l in range(1, k + 1) for idx in own if idx - l * n >= 0]
    return own + lagged


def gi_star(t, k):
    x = cube[t]
    mean = x.mean()
    var = ((x - mean) ** 2).sum() / n
    out = []
    for i in range(n):
        nb = neighbours(t, i, k)
        w = float(len(nb))  # binary weights: W = S1 = number of space-time neighbours
        lag = flat[nb].sum()
        out.append((lag - mean * w) / np.sqrt(var * (n * w - w * w) / (n - 1)))
    return np.array(out)


np.set_printoptions(precision=8, suppress=True, linewidth=140)
for k in (0, 1, 2):
    for t in range(3):
        print(f"k={k} t={t}", gi_star(t, k).round(8).tolist())
