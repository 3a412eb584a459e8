#!/usr/bin/python3
"""Independent check of the sensitivity rows (docs/methods.md, "Sensitivity"): the WDQ (Bowers &
Johnson 2003) and the shared-control WDD (Wheeler & Ratcliffe 2018, as the product computes it)
for the hand-made bands of SensitivityTests, written from the formulas, not from the C# code.
Run: /usr/bin/python3 docs/checks/sensitivity_check.py"""
from math import sqrt

target, target_area = (100, 50), 10_000
bands = [  # (outer edge, counts, area, part in the chosen control, its area)
    (250, (20, 40), 30_000, (0, 0), 0),
    (500, (10, 30), 50_000, (5, 10), 20_000),
]
region, region_area = (1130, 1090), 1_090_000
chosen, chosen_area, chosen_from = (50, 60), 100_000, 250


def row(width, control, control_area):
    inside = [b for b in bands if b[0] <= width]
    d = (sum(b[1][0] for b in inside), sum(b[1][1] for b in inside))
    d_area = sum(b[2] for b in inside)
    (rb, ra), (db, da), (cb, ca) = target, d, control
    sm = ra / ca - rb / cb
    bdm = da / ca - db / cb
    tne = (rb * ca / cb - ra) + (db * ca / cb - da)
    wc, wd = target_area / control_area, d_area / control_area
    local = (ra - rb) - wc * (ca - cb)
    disp = (da - db) - wd * (ca - cb)
    total = local + disp
    var = rb + ra + db + da + (wc + wd) ** 2 * (cb + ca)
    se = sqrt(var)
    return dict(width=width, wdq=bdm / sm, tne=tne, wdd=total, var=var, low=total - 1.959963984540054 * se, high=total + 1.959963984540054 * se)


for width in (250, 500):
    inside = [b for b in bands if b[0] <= width]
    beyond = (region[0] - target[0] - sum(b[1][0] for b in inside), region[1] - target[1] - sum(b[1][1] for b in inside))
    print("region-beyond", row(width, beyond, region_area - target_area - sum(b[2] for b in inside)))
    overlap = [b for b in inside if b[0] > chosen_from]
    c = (chosen[0] - sum(b[3][0] for b in overlap), chosen[1] - sum(b[3][1] for b in overlap))
    print("chosen", row(width, c, chosen_area - sum(b[4] for b in overlap)))
