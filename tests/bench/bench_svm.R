# Benchmark: radsig SVM vs e1071 side by side, ratios printed (e1071 time / radsig time,
# > 1 means radsig is faster). Run from the repository root after tools/document.sh:
#   R_LIBS=$PWD/build/rlib Rscript tests/bench/bench_svm.R
# Cases: radial C-SVC n = 2000, p = 50 with and without probabilities vs e1071::svm; a 3x3
# cost/gamma grid with 5-fold CV vs e1071::tune.svm (radsig single-threaded and with two
# future workers).
suppressPackageStartupMessages({
  library(radsig)
  library(e1071)
})

set.seed(2024)
n <- 2000
p <- 50
x <- matrix(rnorm(n * p), n, p)
lin <- x[, 1] + x[, 2]^2 - 1 + 0.5 * x[, 3] * x[, 4] + rnorm(n)
y <- factor(ifelse(lin > 0, "case", "control"))

# Best elapsed time of `reps` evaluations of `expr` (the machine may be shared).
time_of <- function(expr, reps = 3) {
  e <- substitute(expr)
  env <- parent.frame()
  min(vapply(seq_len(reps), function(i) system.time(eval(e, env))[["elapsed"]], 0))
}
row <- function(case, t_e1071, t_radsig) {
  data.frame(case = case, e1071_s = round(t_e1071, 3), radsig_s = round(t_radsig, 3),
             ratio = round(t_e1071 / t_radsig, 2))
}

res <- list()
res[[1]] <- row("C-SVC radial n=2000 p=50",
                time_of(svm(x, y)), time_of(fit_svm(x, y)))
res[[2]] <- row("C-SVC radial n=2000 p=50, probability",
                time_of({set.seed(1); svm(x, y, probability = TRUE)}),
                time_of(fit_svm(x, y, probability = TRUE, seed = 1)))

cost <- c(0.5, 2, 8)
gamma <- c(0.005, 0.02, 0.08)
t_tune_e1071 <- time_of({
  set.seed(1)
  tune.svm(x, y, cost = cost, gamma = gamma, tunecontrol = tune.control(cross = 5))
}, reps = 1)
future::plan(future::sequential)
t_tune_seq <- time_of(tune_svm(x, y, cost = cost, gamma = gamma, nfolds = 5,
                               metric = "accuracy", seed = 1), reps = 1)
future::plan(future::multisession, workers = 2)
invisible(future.apply::future_lapply(1:2, function(i) i))  # start the workers
t_tune_par <- time_of(tune_svm(x, y, cost = cost, gamma = gamma, nfolds = 5,
                               metric = "accuracy", seed = 1), reps = 1)
future::plan(future::sequential)
res[[3]] <- row("3x3 grid, 5-fold CV, 1 worker", t_tune_e1071, t_tune_seq)
res[[4]] <- row("3x3 grid, 5-fold CV, 2 workers", t_tune_e1071, t_tune_par)

out <- do.call(rbind, res)
print(out, row.names = FALSE)
cat("\nratio = e1071 time / radsig time (> 1: radsig faster). Targets: C-SVC ratios >= 1;",
    "grid with 2 workers >= 3.\n")
