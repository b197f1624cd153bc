# Benchmarks of radsig's regression/survival/calibration against the peer packages, timed
# side by side in one run. Prints one line per task with the ratio peer / radsig.
# Run from the repository root after tools/document.sh:
#   R_LIBS=$PWD/build/rlib Rscript tests/bench/bench_inference.R
suppressPackageStartupMessages({
  library(radsig)
  library(survival)
  library(rms)
})
Surv <- survival::Surv

time_it <- function(expr, reps = 3L) {
  expr <- substitute(expr)
  env <- parent.frame()
  min(vapply(seq_len(reps), function(i) system.time(eval(expr, env))[["elapsed"]], numeric(1)))
}

report <- function(task, peer_name, t_peer, t_radsig) {
  cat(sprintf("%-44s %-22s %8.3f s   radsig %8.3f s   ratio %6.1fx\n", task, peer_name, t_peer,
              t_radsig, t_peer / t_radsig))
}

set.seed(2024)
n <- 1e5
p <- 10
x <- matrix(rnorm(n * p), n, p, dimnames = list(NULL, paste0("x", 1:p)))
lp <- drop(x %*% seq(-0.5, 0.5, length.out = p))
d <- as.data.frame(x)
d$time <- round(rexp(n, exp(lp)) * 100) + 1  # ties
d$status <- rbinom(n, 1, 0.7)
d$group <- factor(sample(c("low", "high"), n, TRUE))
f <- as.formula(paste("Surv(time, status) ~", paste(colnames(x), collapse = " + ")))

t_peer <- time_it(coxph(f, data = d))
t_ours <- time_it(fit_cox(f, d))
report("fit_cox, n=1e5, p=10, Efron", "survival::coxph", t_peer, t_ours)

t_peer <- time_it({
  survfit(Surv(time, status) ~ group, data = d)
  survdiff(Surv(time, status) ~ group, data = d)
})
t_ours <- time_it({
  km_curve(Surv(time, status) ~ group, d)
  logrank_test(Surv(time, status) ~ group, d)
})
report("km_curve + logrank_test, n=1e5", "survfit + survdiff", t_peer, t_ours)

nb <- 1000
xb <- matrix(rnorm(nb * 8), nb, 8, dimnames = list(NULL, paste0("v", 1:8)))
db <- as.data.frame(xb)
db$y <- rbinom(nb, 1, plogis(drop(xb %*% c(1, -0.5, 0.5, 0.3, 0, 0, 0.2, -0.2))))
fb <- as.formula(paste("y ~", paste(colnames(xb), collapse = " + ")))
lfit <- lrm(fb, data = db, x = TRUE, y = TRUE)
rfit <- fit_logistic(fb, db)

t_peer <- time_it({set.seed(1); validate(lfit, B = 200)}, reps = 1L)
t_ours <- time_it(validate_model(rfit, B = 200, seed = 1, threads = 1L))
report("validate_model, B=200, n=1000, p=8, 1 thread", "rms::validate", t_peer, t_ours)

t_peer <- time_it({set.seed(1); calibrate(lfit, B = 200)}, reps = 1L)
t_ours <- time_it(calibrate_model(rfit, B = 200, seed = 1, threads = 1L))
report("calibrate_model, B=200, n=1000, p=8, 1 thread", "rms::calibrate", t_peer, t_ours)

t_ours2 <- time_it(calibrate_model(rfit, B = 200, seed = 1, threads = 2L))
report("calibrate_model, B=200, 2 threads", "rms::calibrate", t_peer, t_ours2)

t_peer <- time_it(glm(fb, data = db, family = binomial), reps = 5L)
t_ours <- time_it(fit_logistic(fb, db), reps = 5L)
report("fit_logistic, n=1000, p=8", "stats::glm", t_peer, t_ours)
