# Benchmark of radsig's model-comparison / clinical-utility functions against their
# reference packages, side by side in one run:
#   nri() + idi()                      vs  Hmisc::improveProb()                  at n = 1e6
#   survival_cutpoint(pmethod="Lau94") vs  maxstat::maxstat.test(LogRank, Lau94) at n = 1e5
#   find_cutpoint() (Youden)           vs  cutpointr::cutpointr(youden)          at n = 1e5
# Target: >= 3x faster than each. Each row also checks that the results agree.
# Usage (from the repository root, after tools/document.sh):
#   R_LIBS=$PWD/build/rlib Rscript tests/bench/bench_utility.R [repetitions]
suppressPackageStartupMessages({
  library(radsig)
  library(Hmisc)
  library(survival)
  library(maxstat)
  library(cutpointr)
})
args <- commandArgs(trailingOnly = TRUE)
reps <- if (length(args) >= 1) as.integer(args[1]) else 5L

# Median CPU time (user + system) over `reps` runs. CPU time rather than wall-clock time,
# because the machine is shared; every timed code path here is single-threaded (radsig's
# and the references'), so CPU time is the work done.
time_it <- function(f) {
  stats::median(vapply(seq_len(reps), function(i) {
    gc(verbose = FALSE)
    t <- system.time(f())
    t[["user.self"]] + t[["sys.self"]]
  }, numeric(1)))
}

results <- list()
add <- function(task, n, ours, theirs, reference, agree) {
  results[[length(results) + 1L]] <<- data.frame(
    task = task, n = format(n, scientific = TRUE), radsig_s = round(ours, 3),
    reference = reference, reference_s = round(theirs, 3), speedup = round(theirs / ours, 1),
    agree = agree)
}

set.seed(2026)
n <- 1e6
y <- rbinom(n, 1, 0.3)
p_old <- plogis(-1 + 0.8 * y + rnorm(n))
p_new <- plogis(-1 + 1.2 * y + rnorm(n))
ours <- time_it(function() list(nri(y, p_old, p_new), idi(y, p_old, p_new)))
theirs <- time_it(function() improveProb(p_old, p_new, y))
h <- improveProb(p_old, p_new, y)
agree <- isTRUE(all.equal(c(nri(y, p_old, p_new)$nri, idi(y, p_old, p_new)$idi),
                          c(h$nri, h$idi), check.attributes = FALSE, tolerance = 1e-10))
add("nri + idi (continuous)", n, ours, theirs, "Hmisc::improveProb", agree)

n <- 1e5
x <- round(rnorm(n), 3)
time <- rexp(n, exp(0.3 * (x > 0.5)))
status <- rbinom(n, 1, 0.7)
d <- data.frame(x = x, time = time, status = status)
ours <- time_it(function() survival_cutpoint(x, time, status, pmethod = "Lau94"))
theirs <- time_it(function() maxstat.test(Surv(time, status) ~ x, data = d,
                                          smethod = "LogRank", pmethod = "Lau94"))
a <- survival_cutpoint(x, time, status, pmethod = "Lau94")
b <- maxstat.test(Surv(time, status) ~ x, data = d, smethod = "LogRank", pmethod = "Lau94")
agree <- isTRUE(all.equal(c(a$statistic, a$cutpoint, a$p.value),
                          c(b$statistic, b$estimate, b$p.value), check.attributes = FALSE,
                          tolerance = 1e-8))
add("survival_cutpoint maxstat Lau94", n, ours, theirs, "maxstat::maxstat.test", agree)

yb <- rbinom(n, 1, 0.4)
xb <- round(rnorm(n, mean = 0.7 * yb), 2)
ours <- time_it(function() find_cutpoint(xb, yb))
theirs <- time_it(function() suppressMessages(
  cutpointr(x = xb, class = yb, pos_class = 1, method = maximize_metric, metric = youden)))
a <- find_cutpoint(xb, yb)
b <- suppressMessages(cutpointr(x = xb, class = yb, pos_class = 1, method = maximize_metric,
                                metric = youden))
agree <- isTRUE(all.equal(c(a$cutpoint, a$metric),
                          c(b$optimal_cutpoint, b$youden), check.attributes = FALSE))
add("find_cutpoint youden", n, ours, theirs, "cutpointr::cutpointr", agree)

out <- do.call(rbind, results)
cat(sprintf("radsig %s, median of %d run(s), CPU seconds (user + system)\n",
            as.character(utils::packageVersion("radsig")), reps))
print(out, row.names = FALSE)
