# Reference values for the interrupted time series tests
# (tests/SceneMonitor.Analysis.Tests/TimeSeries/InterruptedTimeSeriesTests.cs).
# Run: /usr/bin/Rscript docs/checks/its_negbin.R   (Debian r-cran-mass)
suppressMessages(library(MASS))
options(digits = 10)

# 1. A fixed weekly series: 60 weeks from Monday 2025-01-06, intervention on Monday 2025-08-04
#    (week 30). Weeks 30 and 31 are the phase-in and are left out; post = week >= 30;
#    slope change (t - 30) * post. The counts were drawn once from a negative binomial
#    (theta 12) with a drop after week 30 and are fixed here.
y <- c(101,77,112,85,67,78,83,117,89,64,93,110,73,114,48,78,121,86,72,55,87,102,64,76,78,62,78,112,75,63,
       45,57,34,36,31,16,16,19,16,18,15,35,21,36,20,42,31,48,32,49,28,16,32,20,24,17,37,17,44,30)
t <- 0:59
keep <- t < 30 | t >= 32
d <- data.frame(y = y[keep], t = t[keep])
d$post <- as.numeric(d$t >= 30)
d$tpost <- (d$t - 30) * d$post
m <- glm.nb(y ~ t + post + tpost, data = d)
s <- summary(m)$coefficients
cat("fixed series, glm.nb\n")
print(s)
cat("theta", m$theta, "\n")
cat("level ratio", exp(coef(m)["post"]), "CI", exp(coef(m)["post"] + c(-1, 1) * qnorm(0.975) * s["post", 2]), "\n")
cat("slope ratio", exp(coef(m)["tpost"]), "CI", exp(coef(m)["tpost"] + c(-1, 1) * qnorm(0.975) * s["tpost", 2]), "\n")
cat("logLik", as.numeric(logLik(m)), "\n\n")

# 2. The published example of Lopez Bernal, Cummins & Gasparrini (2017), "Interrupted time series
#    regression for the evaluation of public health interventions: a tutorial", IJE 46(1):348-355:
#    monthly acute coronary events in Sicily 2002-2006 (ages 0-69), smoking ban from January 2005
#    (month 37), offset log(standardised population), level + slope change and two yearly harmonic
#    pairs (the tutorial's "model4"). Data from the tutorial's supplementary material.
aces <- c(728,659,791,734,757,726,760,740,720,814,795,858,887,766,851,769,781,756,766,752,765,831,879,928,
          914,808,937,840,916,828,845,818,860,839,887,886,831,796,833,820,877,758,767,738,781,843,850,908,
          1021,859,976,888,962,838,810,876,843,936,912)
stdpop <- c(379875.3,376495.5,377040.8,377116.4,377383.4,374113.1,379513.3,376295.5,374653.2,378485.6,375955.5,378349.7,
            376762.4,379032.3,379360.4,376162,377972.4,381830.7,379888.6,380872.2,380966.9,381240.4,382104.9,381802.7,
            381656.3,383680,383504.2,386462.9,383783.1,380836.8,383483,380906.2,382926.8,384052.4,384449.6,383428.4,
            388153.2,388373.2,386470.1,386033.2,383686.4,385509.3,385901.9,386516.6,388436.5,383255.2,390148.7,385874.9,
            391613.6,391750.4,394005.6,391364.9,391664.6,389022.3,391878.5,388575.3,392989,390018.8,390712.3)
time <- 1:59
month <- rep(1:12, 5)[1:59]
smokban <- as.numeric(time >= 37)
sic <- data.frame(aces, stdpop, time, month, smokban, tpost = (time - 36) * smokban,
                  s1 = sin(2 * pi * month / 12), c1 = cos(2 * pi * month / 12),
                  s2 = sin(4 * pi * month / 12), c2 = cos(4 * pi * month / 12))
p4 <- glm(aces ~ offset(log(stdpop)) + smokban + time + tpost + s1 + c1 + s2 + c2, family = poisson, data = sic)
cat("Sicily model4, Poisson (point estimates = the tutorial's quasi-Poisson)\n")
print(summary(p4)$coefficients)
cat("level ratio", exp(coef(p4)["smokban"]), "\n")
n4 <- glm.nb(aces ~ offset(log(stdpop)) + smokban + time + tpost + s1 + c1 + s2 + c2, data = sic)
cat("Sicily model4, glm.nb\n")
print(summary(n4)$coefficients)
cat("theta", n4$theta, "\n")
cat("level ratio", exp(coef(n4)["smokban"]), "CI", exp(coef(n4)["smokban"] + c(-1, 1) * qnorm(0.975) * summary(n4)$coefficients["smokban", 2]), "\n")
