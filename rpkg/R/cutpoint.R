#' Optimal cut-point of a marker for a binary outcome
#'
#' Dichotomises a continuous marker (e.g. a rad-score) with the conventions of
#' `cutpointr::cutpointr()` (`method = maximize_metric` / `minimize_metric`). Subjects are
#' predicted positive when `x >= cutpoint` (direction `">="`) or `x <= cutpoint` (`"<="`).
#' The candidates are the observed values plus `Inf` (`">="`) or `-Inf` (`"<="`). Every
#' candidate whose metric is within `tol_metric` of the optimum is optimal; `tie_break`
#' picks their median (which need not be an observed value nor itself optimal), lowest or
#' highest, and the metric, sensitivity, specificity and confusion table are recomputed at
#' the chosen cut-point, as cutpointr does.
#'
#' Methods and their cutpointr metrics: `"youden"` (sens + spec - 1, `youden`),
#' `"sens_spec_sum"` (sens + spec, `sum_sens_spec`, same cut as Youden),
#' `"closest_topleft"` (distance to (0, 1), minimised, `roc01`), `"fixed_sens"` (maximum
#' specificity with sensitivity >= `target`, `spec_constrain`), `"fixed_spec"` (maximum
#' sensitivity with specificity >= `target`, `sens_constrain`).
#'
#' `direction = "auto"` uses `">="` when the median of `x` among positives exceeds that
#' among negatives and `"<="` otherwise (cutpointr's rule when `pos_class` is given).
#'
#' @param x Numeric marker.
#' @param y Binary outcome (0/1, logical or two-level factor; see `positive`).
#' @param method Metric to optimise (see Details).
#' @param direction `"auto"`, `">="` or `"<="`.
#' @param tie_break `"median"` (cutpointr's default), `"lowest"` or `"highest"`.
#' @param target Sensitivity (`fixed_sens`) or specificity (`fixed_spec`) to reach.
#' @param positive The class of `y` that is positive (default: the second level).
#' @param tol_metric Tolerance for ties in the metric (cutpointr's `tol_metric`).
#' @return An object of class `radsig_cutpoint`: a list with `cutpoint`, `direction`,
#'   `method`, `metric` (value at the cut-point), `sensitivity`, `specificity`, `accuracy`,
#'   `confusion` (2 x 2 table, predicted by observed), `optimal_cutpoints` (all tied
#'   optima) and `positive`.
#' @export
#' @examples
#' set.seed(3)
#' y <- rbinom(150, 1, 0.4)
#' score <- rnorm(150, mean = y)
#' find_cutpoint(score, y)
#' find_cutpoint(score, y, method = "fixed_sens", target = 0.9)
find_cutpoint <- function(x, y, method = c("youden", "closest_topleft", "sens_spec_sum",
                                           "fixed_sens", "fixed_spec"),
                          direction = c("auto", ">=", "<="),
                          tie_break = c("median", "lowest", "highest"), target = 0.8,
                          positive = NULL, tol_metric = 1e-6) {
  x <- check_numeric_vector(x, "x")
  resp <- check_binary01(y, "y", positive = positive)
  check_same_length(x, resp$y, "x", "y")
  method <- match_choice(method, c("youden", "closest_topleft", "sens_spec_sum",
                                   "fixed_sens", "fixed_spec"), "method")
  direction <- match_choice(direction, c("auto", ">=", "<="), "direction")
  tie_break <- match_choice(tie_break, c("median", "lowest", "highest"), "tie_break")
  target <- check_scalar_number(target, "target", 0, 1)
  tol_metric <- check_scalar_number(tol_metric, "tol_metric", 0)
  r <- call_core(find_cutpoint_cpp(x, resp$y, method, direction, tie_break, target,
                                   tol_metric))
  conf <- matrix(c(r$tp, r$fn, r$fp, r$tn), 2,
                 dimnames = list(predicted = rev(resp$levels), observed = rev(resp$levels)))
  structure(list(cutpoint = r$cutpoint, direction = r$direction, method = method,
                 metric = r$metric, sensitivity = r$sensitivity, specificity = r$specificity,
                 accuracy = r$accuracy, confusion = conf, optimal_cutpoints = r$optimal_set,
                 positive = resp$levels[2], target = if (grepl("^fixed", method)) target),
            class = "radsig_cutpoint")
}

#' @export
print.radsig_cutpoint <- function(x, digits = 4, ...) {
  cat(sprintf("Optimal cut-point (%s): predicted \"%s\" when x %s %s\n", x$method, x$positive,
              x$direction, format(x$cutpoint, digits = digits)))
  cat(sprintf("metric %s, sensitivity %s, specificity %s, accuracy %s\n",
              format(x$metric, digits = digits), format(x$sensitivity, digits = digits),
              format(x$specificity, digits = digits), format(x$accuracy, digits = digits)))
  if (length(x$optimal_cutpoints) > 1)
    cat(sprintf("%d tied optimal cut-points (tie broken as requested)\n",
                length(x$optimal_cutpoints)))
  print(x$confusion)
  invisible(x)
}

#' @export
as.data.frame.radsig_cutpoint <- function(x, ...) {
  data.frame(cutpoint = x$cutpoint, direction = x$direction, method = x$method,
             metric = x$metric, sensitivity = x$sensitivity, specificity = x$specificity,
             accuracy = x$accuracy, tp = x$confusion[1, 1], fn = x$confusion[2, 1],
             fp = x$confusion[1, 2], tn = x$confusion[2, 2], stringsAsFactors = FALSE)
}

#' Survival cut-point: maximally selected log-rank statistic or minimum p-value
#'
#' Dichotomises a marker for a time-to-event outcome into a low (`x <= cutpoint`) and a high
#' group.
#'
#' `method = "maxstat"` computes the maximally selected log-rank statistic exactly as
#' `maxstat::maxstat.test(Surv(time, status) ~ x, smethod = "LogRank")`: log-rank scores
#' (ties in time get the maximum rank, as `exactRankTests::cscores`), candidate cuts at the
#' observed values leaving between `floor(n * minprop)` (at least 1) and
#' `floor(n * maxprop)` subjects in the low group, the standardised statistic with
#' permutation mean and variance, and the first maximiser as the cut-point. Its p-value
#' accounts for the search over cut-points:
#' * `"Lau92"`: Lausen & Schumacher (1992) asymptotic approximation (equal to maxstat);
#' * `"Lau94"`: Lausen, Sauerbrei & Schumacher (1994) improved Bonferroni bound (equal to
#'   maxstat);
#' * `"exactGauss"`: the probability under the limiting Gaussian process. maxstat evaluates
#'   it with randomised quasi-Monte Carlo (`mvtnorm::pmvnorm`; it varies with the RNG state
#'   by about its `abseps = 0.001`). radsig uses that the statistics at successive cuts form
#'   a Gauss-Markov chain and integrates it deterministically on a fine grid, so the value
#'   does not depend on the seed and agrees with maxstat within maxstat's own Monte Carlo
#'   error. The cost grows like `n^1.5`;
#' * `"condMC"`: conditional Monte Carlo over `B` permutations of the scores (the share of
#'   permutations whose maximal statistic is at least the observed one). It is random by
#'   nature: the result depends on `seed` (as maxstat's depends on R's RNG; the two use
#'   different generators and agree only within Monte Carlo error);
#' * `"none"`: no p-value.
#'
#' `method = "min_pvalue"` is the plain minimum-p-value search (Hong et al. 2024): the
#' two-group log-rank test (`survival::survdiff`) at every candidate cut, choosing the cut
#' with the largest chi-square. Its `p.value` is the **uncorrected** p of that test
#' (`p.value.corrected = FALSE`): it ignores the search and is anti-conservative; use it
#' only to describe the split.
#'
#' @param x Numeric marker.
#' @param time Follow-up times.
#' @param status Event indicator (0/1 or logical; 1 = event).
#' @param method `"maxstat"` or `"min_pvalue"`.
#' @param pmethod P-value of the maximally selected statistic (ignored for `min_pvalue`).
#' @param minprop,maxprop Smallest and largest share of subjects in the low group.
#' @param B Permutations for `pmethod = "condMC"`.
#' @param seed Seed for `"condMC"` (`NULL`: drawn from R's RNG, so `set.seed()` works).
#' @return An object of class `radsig_survival_cutpoint`: a list with `cutpoint`,
#'   `statistic` (M for maxstat, the log-rank chi-square for min_pvalue), `p.value`,
#'   `p.value.corrected`, `method`, `pmethod`, `groups` (a factor with levels `"low"`,
#'   `"high"`, one value per subject, ready for a Kaplan-Meier fit), `n_low`, `n_high`, and
#'   `scan` (a data frame with every candidate `cut`, `n_low` and `statistic`).
#' @export
#' @examples
#' if (requireNamespace("survival", quietly = TRUE)) {
#'   d <- survival::rotterdam
#'   sc <- survival_cutpoint(d$nodes, d$rtime, d$recur, pmethod = "Lau94")
#'   sc
#'   table(sc$groups)
#' }
survival_cutpoint <- function(x, time, status, method = c("maxstat", "min_pvalue"),
                              pmethod = c("Lau92", "Lau94", "exactGauss", "condMC", "none"),
                              minprop = 0.1, maxprop = 0.9, B = 10000, seed = NULL) {
  # Type and NA checks here; finiteness and time >= 0 are checked by the core in its first
  # pass over the data (classed radsig_error_value errors naming the argument).
  x <- check_numeric_vector(x, "x", allow_inf = TRUE)
  time <- check_numeric_vector(time, "time", allow_inf = TRUE)
  status <- check_event_status(status, "status")
  check_same_length(x, time, "x", "time")
  check_same_length(x, status, "x", "status")
  method <- match_choice(method, c("maxstat", "min_pvalue"), "method")
  pmethod <- match_choice(pmethod, c("Lau92", "Lau94", "exactGauss", "condMC", "none"),
                          "pmethod")
  minprop <- check_scalar_number(minprop, "minprop", 0, 1)
  maxprop <- check_scalar_number(maxprop, "maxprop", 0, 1)
  if (minprop <= 0 || maxprop >= 1 || minprop >= maxprop) {
    radsig_abort("Need 0 < `minprop` < `maxprop` < 1.", class = "radsig_error_value",
                 arg = if (minprop <= 0 || minprop >= maxprop) "minprop" else "maxprop")
  }
  if (method == "maxstat") {
    B <- check_count(B, "B", lower = 1)
    seed <- if (pmethod == "condMC") core_seed(seed) else 0
    r <- call_core(maxstat_cpp(x, time, status, pmethod, minprop, maxprop, B, seed))
    if (pmethod == "none") r$p.value <- NA_real_
  } else {
    r <- call_core(min_pvalue_cpp(x, time, status, minprop, maxprop))
    pmethod <- "uncorrected"
  }
  groups <- structure(r$groups, levels = c("low", "high"), class = "factor")
  structure(list(cutpoint = r$estimate, statistic = r$statistic, p.value = r$p.value,
                 p.value.corrected = method == "maxstat" && pmethod != "none",
                 method = method, pmethod = pmethod, groups = groups,
                 n_low = as.integer(r$n_low), n_high = length(x) - as.integer(r$n_low),
                 minprop = minprop, maxprop = maxprop, scan = r$scan),
            class = "radsig_survival_cutpoint")
}

#' @export
print.radsig_survival_cutpoint <- function(x, digits = 4, ...) {
  if (x$method == "maxstat") {
    cat("Maximally selected log-rank statistic\n")
    cat(sprintf("M = %s, p-value (%s) = %s\n", format(x$statistic, digits = digits),
                x$pmethod, format.pval(x$p.value, digits = digits)))
  } else {
    cat("Minimum p-value log-rank cut-point search\n")
    cat(sprintf("Chi-square = %s, UNCORRECTED p-value = %s (ignores the search)\n",
                format(x$statistic, digits = digits), format.pval(x$p.value, digits = digits)))
  }
  cat(sprintf("Cut-point: %s (low: x <= cut-point, n = %d; high: n = %d)\n",
              format(x$cutpoint, digits = digits), x$n_low, x$n_high))
  invisible(x)
}

#' @export
plot.radsig_survival_cutpoint <- function(x, y, ...) {
  graphics::plot(x$scan$cut, x$scan$statistic, type = "s", xlab = "Cut-point",
                 ylab = if (x$method == "maxstat") "Standardised log-rank statistic"
                        else "Log-rank chi-square", ...)
  graphics::abline(v = x$cutpoint, lty = 2)
  invisible(x)
}
