#!/usr/bin/env Rscript
# Elastic net: radsig vs glmnet, side by side in one run. Prints seconds and the ratio
# glmnet/radsig (> 1 means radsig is faster). Usage (from the repository root):
#   R_LIBS=$PWD/build/rlib Rscript tests/bench/bench_penalized.R
suppressPackageStartupMessages({
  library(radsig)
  library(glmnet)
  library(survival)
})
timeit <- function(expr, reps = 3) {
  f <- substitute(expr)
  e <- parent.frame()
  min(vapply(seq_len(reps), function(i) system.time(eval(f, e))[["elapsed"]], 0))
}
row <- function(name, tg, tr) {
  cat(sprintf("%-38s glmnet %7.3f s   radsig %7.3f s   ratio %5.2f\n", name, tg, tr, tg / tr))
}
set.seed(1)
n <- 1000; p <- 1000
x <- matrix(rnorm(n * p), n, p)
yb <- rbinom(n, 1, plogis(drop(x[, 1:10] %*% rnorm(10))))
row("binomial path n=1000 p=1000",
    timeit(glmnet(x, yb, family = "binomial")),
    timeit(fit_elastic_net(x, yb, family = "binomial")))
xg <- matrix(rnorm(5000 * 500), 5000, 500)
yg <- drop(xg[, 1:20] %*% rnorm(20)) + rnorm(5000)
row("gaussian path n=5000 p=500",
    timeit(glmnet(xg, yg)), timeit(fit_elastic_net(xg, yg)))
xc <- matrix(rnorm(2000 * 200), 2000, 200)
yc <- Surv(rexp(2000, exp(drop(xc[, 1:5] %*% rnorm(5, 0, 0.5)))), rbinom(2000, 1, 0.7))
row("cox path n=2000 p=200",
    timeit(glmnet(xc, yc, family = "cox")), timeit(fit_elastic_net(xc, yc, family = "cox")))
future::plan(future::sequential)
tg <- timeit({set.seed(2); cv.glmnet(x, yb, family = "binomial")}, reps = 1)
tr <- timeit(cv_elastic_net(x, yb, family = "binomial", seed = 2, stratify = FALSE), reps = 1)
row("cv binomial n=1000 p=1000 10-fold", tg, tr)
future::plan(future::multisession, workers = 2)
# Warm-up (not timed): start both workers and load radsig in them with a tiny CV run, so
# that the timing below measures the steady state, not R start-up and package loading.
invisible(cv_elastic_net(x[1:60, 1:5], yb[1:60], family = "binomial", nfolds = 3,
                         seed = 1))
tr2 <- timeit(cv_elastic_net(x, yb, family = "binomial", seed = 2, stratify = FALSE),
              reps = 1)
row("cv binomial, radsig with 2 workers", tg, tr2)
future::plan(future::sequential)
