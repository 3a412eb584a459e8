# Reference values for the change test per cell and the Gi* permutation p-values
# (docs/methods.md, "Change per cell" and "Gi* p-values"). Run: Rscript docs/checks/change_and_permutation.R
# Needs R's stats package and spdep (Debian r-cran-spdep).
suppressPackageStartupMessages(library(spdep))
options(digits = 15)

cat("== exact binomial, two-sided (binom.test) ==\n")
cases <- list(c(3, 10, 0.4), c(7, 10, 0.4), c(0, 5, 0.5), c(305, 1236, 0.45), c(515, 720, 0.45), c(12, 20, 0.3))
for (k in cases) cat(sprintf("x=%d n=%d p=%.2f  p=%.15g\n", k[1], k[2], k[3], binom.test(k[1], k[2], k[3])$p.value))

cat("== change per cell: conditional binomial, BY over cells with n > 0 ==\n")
before <- c(931, 205, 120, 40, 10, 0, 3, 60, 0)
after  <- c(305, 515, 310, 38, 12, 0, 9, 20, 2)
p0 <- sum(after) / sum(before + after)
cat(sprintf("p0 = %.15g\n", p0))
tested <- (before + after) > 0
p <- mapply(function(b, n) binom.test(b, n, p0)$p.value, after[tested], (before + after)[tested])
cat("p   =", sprintf("%.10g", p), "\n")
cat("pBY =", sprintf("%.10g", p.adjust(p, "BY")), "\n")
cat("pBH =", sprintf("%.10g", p.adjust(p, "BH")), "\n")

cat("== Gi* conditional permutation: exact folded p by full enumeration ==\n")
# The Gi* example of docs/methods.md: band 15 m, self included.
xy <- cbind(c(10, 20, 40, 15, 30, 30), c(10, 10, 10, 20, 20, 30))
x <- c(2, 3, 3.2, 5, 8, 7)
nb <- include.self(dnearneigh(xy, 0, 15))
lw <- nb2listw(nb, style = "B")
cat("localG z =", sprintf("%.8f", as.numeric(localG(x, lw))), "\n")
# For location i: own value fixed, the other |N(i)| - 1 slots take every subset of the other values
# (each subset equally likely under permutation without replacement); ge/le = shares with local sum >= / <= observed.
exact <- sapply(seq_along(x), function(i) {
  slots <- length(nb[[i]]) - 1
  observed <- sum(x[nb[[i]]])
  others <- x[-i]
  sums <- if (slots == 0) x[i] else x[i] + combn(others, slots, sum)
  c(ge = mean(sums >= observed - 1e-9), le = mean(sums <= observed + 1e-9))
})
cat("exact P(sum >= obs) =", sprintf("%.10f", exact["ge", ]), "\n")
cat("exact P(sum <= obs) =", sprintf("%.10f", exact["le", ]), "\n")
cat("exact folded p (R -> infinity) =", sprintf("%.10f", pmin(exact["ge", ], exact["le", ])), "\n")

# The same p by simulation in R (an independent implementation, sampling without replacement),
# to show the Monte Carlo spread one should expect at R = 999.
set.seed(1)
sim <- function(i, R) {
  slots <- length(nb[[i]]) - 1; observed <- sum(x[nb[[i]]]); others <- x[-i]
  s <- replicate(R, x[i] + sum(sample(others, slots)))
  (min(sum(s >= observed - 1e-9), sum(s <= observed + 1e-9)) + 1) / (R + 1)
}
cat("R simulation, R = 99999:", sprintf("%.5f", sapply(seq_along(x), sim, R = 99999)), "\n")

# spdep 1.2.7's localG_perm (the Debian package) differs on purpose: it redraws location i's own
# value as well and samples with replacement; newer spdep holds i fixed (fix_i_in_Gstar_permutations)
# and offers draws without replacement (no_repeat_in_row). Shown for comparison only.
set.seed(1)
g <- localG_perm(x, lw, nsim = 9999)
cat("spdep", as.character(packageVersion("spdep")), "localG_perm z =", sprintf("%.8f", as.numeric(g)), "\n")
cat("spdep folded p (own value redrawn) =", sprintf("%.4f", attr(g, "internals")[, 7]), "\n")

cat("== cold spots: chance that a cell's 6 permutable slots all draw an empty cell ==\n")
# n cells of which m are empty; a cell that is itself empty draws 6 of the other n - 1.
for (m in c(50, 63, 80)) cat(sprintf("n=100 empty=%d  C(m-1,6)/C(n-1,6) = %.6f\n", m, choose(m - 1, 6) / choose(99, 6)))
