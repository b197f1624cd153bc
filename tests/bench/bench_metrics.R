# Benchmark of the radsig discrimination metrics against their reference packages, side by
# side in one run:
#   roc_curve() + auc_ci() (DeLong)  vs  pROC::roc() + pROC::ci.auc()        at n = 1e6
#   concordance_index() (survival)   vs  survival::concordance(reverse=TRUE) at n = 1e5, 1e6
# Targets: >= 5x faster than pROC, >= 2x faster than survival.
# Usage (from the repository root, after tools/document.sh or tools/main-job.sh):
#   R_LIBS=$PWD/build/rlib Rscript tests/bench/bench_metrics.R [repetitions]
suppressPackageStartupMessages({
  library(radsig)
  library(pROC)
  library(survival)
})
args <- commandArgs(trailingOnly = TRUE)
reps <- if (length(args) >= 1) as.integer(args[1]) else 3L

# Median elapsed time over `reps` runs (after a garbage collection each time).
time_it <- function(f) {
  stats::median(vapply(seq_len(reps), function(i) {
    gc(verbose = FALSE)
    system.time(f())[["elapsed"]]
  }, numeric(1)))
}

results <- list()
add <- function(task, n, ours, theirs, reference) {
  results[[length(results) + 1L]] <<- data.frame(
    task = task, n = format(n, scientific = TRUE), radsig_s = round(ours, 3),
    reference = reference, reference_s = round(theirs, 3), speedup = round(theirs / ours, 1))
}

set.seed(2026)
n <- 1e6
y <- rbinom(n, 1, 0.3)
for (data in c("continuous", "rounded (ties)")) {
  x <- rnorm(n) + 0.8 * y
  if (data != "continuous") x <- round(x, 2)
  ours <- time_it(function() auc_ci(roc_curve(y, x)))
  theirs <- time_it(function() ci.auc(roc(y, x, quiet = TRUE), method = "delong"))
  a <- auc_ci(roc_curve(y, x))
  b <- ci.auc(roc(y, x, quiet = TRUE), method = "delong")
  stopifnot(isTRUE(all.equal(c(a$lower, a$estimate, a$upper), as.numeric(b), tolerance = 1e-9)))
  add(paste0("roc_curve + auc_ci, ", data), n, ours, theirs, "pROC::roc + ci.auc")
}

for (n in c(1e5, 1e6)) {
  time <- round(rexp(n), 6) + 1e-6  # survival merges times equal to ~1e-8 (aeqSurv); radsig does not
  status <- rbinom(n, 1, 0.6)
  x <- rnorm(n) - 0.5 * log(time)
  ours <- time_it(function() concordance_index(x, time = time, status = status))
  theirs <- time_it(function() concordance(Surv(time, status) ~ x, reverse = TRUE))
  a <- concordance_index(x, time = time, status = status)
  b <- concordance(Surv(time, status) ~ x, reverse = TRUE)
  stopifnot(isTRUE(all.equal(a$c, unname(b$concordance), tolerance = 1e-9)))
  add("concordance_index (survival)", n, ours, theirs, "survival::concordance")
}

cat(sprintf("radsig %s, pROC %s, survival %s; median of %d run(s); 2 shared cores\n",
            packageVersion("radsig"), packageVersion("pROC"), packageVersion("survival"), reps))
print(do.call(rbind, results), row.names = FALSE)
