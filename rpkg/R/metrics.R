# Discrimination metrics: ROC curves, AUC confidence intervals, DeLong and Hanley-McNeil
# tests, classification metrics and Harrell's concordance index. The computations live in
# the C++ core (radsig::metrics); this file validates, calls and formats.

#' ROC curve with pROC's conventions
#'
#' Computes the empirical ROC curve of `predictor` for a two-class `response` with the same
#' thresholds, sensitivities, specificities, direction rule and AUC as [pROC::roc()].
#'
#' * Levels: the first level of `response` (factor levels, or sorted distinct values) is the
#'   control class, the second the case class, unless `positive` names the case class.
#' * `direction = "<"`: controls have lower values, a subject is called positive when
#'   `predictor >= threshold`; `">"`: positive when `predictor <= threshold`.
#'   `"auto"` picks `"<"` when `median(controls) <= median(cases)` and `">"` otherwise
#'   (decided by the medians, as pROC does, not by the AUC). An automatic direction is
#'   chosen on the same data and biases the AUC upwards in small samples; fix it for
#'   validation data.
#' * Thresholds: `-Inf`, the midpoints between consecutive distinct predictor values and
#'   `Inf`, stored in pROC's order: increasing for `"<"`, decreasing for `">"` (so the
#'   sensitivity always goes from 1 down to 0).
#' * AUC: the Mann-Whitney statistic with ties counted 1/2 (the trapezoidal area).
#'
#' The data are sorted once (O(n log n)); the DeLong variance of the AUC is computed at the
#' same time, so [auc_ci()] with `method = "delong"` is immediate.
#'
#' @param response A two-class vector (numeric, logical, character or factor).
#' @param predictor A numeric vector of scores, same length as `response`.
#' @param positive Optional: the value of `response` that denotes the case (positive) class.
#' @param direction `"auto"`, `"<"` or `">"` (see Details).
#' @return An object of class `radsig_roc`: a list with `thresholds`, `sensitivities`,
#'   `specificities`, `auc`, `direction`, `levels` (control, case), `n_cases`,
#'   `n_controls`, `auc_variance` (DeLong), and the data (`response` as 0/1, `predictor`).
#' @seealso [auc_ci()], [delong_test()], [classification_metrics()]
#' @export
#' @examples
#' rotterdam <- survival::rotterdam
#' node_positive <- as.integer(rotterdam$nodes > 0)
#' roc <- roc_curve(node_positive, as.numeric(rotterdam$size))
#' roc
#' head(as.data.frame(roc))
#' plot(roc)
roc_curve <- function(response, predictor, positive = NULL,
                      direction = c("auto", "<", ">")) {
  call <- sys.call()
  x <- check_numeric_vector(predictor, "predictor", call = call)
  resp <- metrics_binary_response(response, "response", positive = positive, call = call)
  check_same_length(response, predictor, "response", "predictor", call = call)
  direction <- match_choice(direction, c("auto", "<", ">"), "direction", call = call)
  r <- call_core(roc_curve_cpp(resp$y, x, direction), call = call)
  structure(list(thresholds = r$thresholds, sensitivities = r$sensitivities,
                 specificities = r$specificities, auc = r$auc, direction = r$direction,
                 levels = resp$levels, n_cases = r$n_cases, n_controls = r$n_controls,
                 auc_variance = r$auc_variance, youden_index = r$youden_index,
                 response = resp$y, predictor = x),
            class = "radsig_roc")
}

#' @rdname roc_curve
#' @param x A `radsig_roc` object.
#' @param ... Ignored by `print`; passed to [graphics::plot()] by `plot`.
#' @export
print.radsig_roc <- function(x, ...) {
  cat("ROC curve (radsig)\n")
  cat(sprintf("  %s cases (%s = \"%s\"), %s controls (\"%s\")\n", format(x$n_cases),
              "response", x$levels[2], format(x$n_controls), x$levels[1]))
  cat(sprintf("  direction: controls %s cases; %d thresholds\n", x$direction,
              length(x$thresholds)))
  cat(sprintf("  AUC = %.4f\n", x$auc))
  invisible(x)
}

#' @rdname roc_curve
#' @param row.names,optional Ignored (for compatibility with [as.data.frame()]).
#' @export
as.data.frame.radsig_roc <- function(x, row.names = NULL, optional = FALSE, ...) {
  data.frame(threshold = x$thresholds, sensitivity = x$sensitivities,
             specificity = x$specificities)
}

#' @rdname roc_curve
#' @param add Add the curve to an existing plot.
#' @param col,lwd Colour and width of the curve.
#' @param main Plot title.
#' @param print_auc Write the AUC on the plot.
#' @export
plot.radsig_roc <- function(x, add = FALSE, col = "black", lwd = 2, main = "ROC curve",
                            print_auc = TRUE, ...) {
  fpr <- 1 - x$specificities
  grDevices::dev.hold()
  on.exit(grDevices::dev.flush())
  if (!add) {
    graphics::plot(NA, xlim = c(0, 1), ylim = c(0, 1), xaxs = "i", yaxs = "i",
                   xlab = "1 - specificity", ylab = "Sensitivity", main = main, ...)
    graphics::abline(0, 1, col = "grey60", lty = 2)
  }
  graphics::lines(fpr, x$sensitivities, col = col, lwd = lwd)
  if (print_auc && !add) {
    graphics::text(0.6, 0.1, sprintf("AUC = %.3f", x$auc), col = col, adj = 0)
  }
  invisible(x)
}

#' Confidence interval of the AUC
#'
#' DeLong's interval is identical to `pROC::ci.auc(roc, method = "delong")`:
#' `AUC +- qnorm(1 - (1 - level)/2) * sqrt(var)`, with DeLong's variance
#' `var(V10)/m + var(V01)/n` of the case and control placements, clipped to \[0, 1\].
#'
#' The bootstrap is stratified like pROC's (`boot.stratified = TRUE`): each replicate draws
#' the controls and then the cases with replacement, using R's random number generator in the
#' same order as pROC (`sample()` of the controls, then of the cases), so
#' `set.seed(s); pROC::ci.auc(r, method = "bootstrap")` and
#' `auc_ci(roc, method = "bootstrap", seed = s)` give the same interval (the AUC of each
#' replicate is computed in C++ in linear time). The interval is the `(1 - level)/2` and
#' `1 - (1 - level)/2` quantiles (type 7) of the replicate AUCs.
#'
#' @param roc A `radsig_roc` object from [roc_curve()].
#' @param level Confidence level.
#' @param method `"delong"` or `"bootstrap"`.
#' @param n_boot Number of bootstrap replicates.
#' @param seed Optional seed for the bootstrap. The caller's random number stream is
#'   restored afterwards. With `NULL` the current stream is used.
#' @return An object of class `radsig_auc_ci`: a list with `estimate` (the AUC), `lower`,
#'   `upper`, `level`, `method`, and for the bootstrap `n_boot` and `median` (the median of
#'   the replicate AUCs, pROC's middle value).
#' @export
#' @examples
#' rotterdam <- survival::rotterdam
#' roc <- roc_curve(rotterdam$nodes > 0, as.numeric(rotterdam$size))
#' auc_ci(roc)
#' auc_ci(roc, method = "bootstrap", n_boot = 200, seed = 1)
auc_ci <- function(roc, level = 0.95, method = c("delong", "bootstrap"), n_boot = 2000,
                   seed = NULL) {
  call <- sys.call()
  check_roc(roc, "roc", call = call)
  level <- check_level(level, call = call)
  method <- match_choice(method, c("delong", "bootstrap"), "method", call = call)
  if (method == "delong") {
    if (!is.finite(roc$auc_variance)) {
      radsig_abort("DeLong's interval needs at least 2 cases and 2 controls.",
                   class = "radsig_error_value", arg = "roc", call = call)
    }
    ci <- call_core(normal_interval_cpp(roc$auc, roc$auc_variance, level), call = call)
    out <- list(estimate = roc$auc, lower = ci[["lower"]], upper = ci[["upper"]],
                level = level, method = "delong")
  } else {
    n_boot <- check_count(n_boot, "n_boot", lower = 1, call = call)
    aucs <- with_seed(seed, bootstrap_aucs(roc, n_boot, call))
    q <- stats::quantile(aucs, c((1 - level) / 2, 0.5, 1 - (1 - level) / 2), names = FALSE)
    out <- list(estimate = roc$auc, lower = q[1], upper = q[3], level = level,
                method = "bootstrap", n_boot = n_boot, median = q[2])
  }
  structure(out, class = "radsig_auc_ci")
}

# Stratified bootstrap AUCs, drawing indices exactly as pROC's stratified.ci.auc()
# (sample(controls, replace = TRUE) then sample(cases, replace = TRUE) per replicate).
bootstrap_aucs <- function(roc, n_boot, call) {
  control_pos <- which(roc$response == 0L)
  case_pos <- which(roc$response == 1L)
  resampler <- call_core(auc_resampler_cpp(roc$response, roc$predictor, roc$direction),
                         call = call)
  n0 <- length(control_pos)
  n1 <- length(case_pos)
  vapply(seq_len(n_boot), function(b) {
    ic <- sample.int(n0, n0, replace = TRUE)
    ia <- sample.int(n1, n1, replace = TRUE)
    auc_resample_cpp(resampler, ic, ia)
  }, numeric(1))
}

#' @rdname auc_ci
#' @param x A `radsig_auc_ci` object.
#' @param ... Ignored.
#' @export
print.radsig_auc_ci <- function(x, ...) {
  how <- if (x$method == "delong") "DeLong" else
    sprintf("stratified bootstrap, %d replicates", x$n_boot)
  cat(sprintf("AUC %.4f, %g%% CI %.4f-%.4f (%s)\n", x$estimate, 100 * x$level, x$lower,
              x$upper, how))
  invisible(x)
}

#' DeLong's test comparing two ROC curves
#'
#' Identical to `pROC::roc.test(roc1, roc2, method = "delong")`.
#'
#' * Paired (both curves on the same subjects, detected when the two responses are
#'   identical): `Z = (AUC1 - AUC2) / sqrt(L S L')` with `S` the covariance of the DeLong
#'   placements of the two curves, normal p-value, and a CI of the difference.
#' * Unpaired: pROC's `D = (AUC1 - AUC2) / sqrt(var1 + var2)` with a Student t p-value on
#'   Welch-Satterthwaite degrees of freedom
#'   `(var1 + var2)^2 / (var1^2/(N1 - 1) + var2^2/(N2 - 1))`, N = cases + controls.
#'
#' `alternative = "greater"` means AUC1 > AUC2. Each curve keeps its own direction; a
#' warning is given when they differ (as pROC does).
#'
#' @param roc1,roc2 `radsig_roc` objects.
#' @param paired `NULL` (detect), `TRUE` or `FALSE`.
#' @param alternative `"two.sided"`, `"less"` or `"greater"`.
#' @param level Confidence level of the interval of the difference (paired test).
#' @return An object of class `htest`.
#' @export
#' @examples
#' rotterdam <- survival::rotterdam
#' y <- rotterdam$nodes > 0
#' r1 <- roc_curve(y, as.numeric(rotterdam$size))
#' r2 <- roc_curve(y, rotterdam$age)
#' delong_test(r1, r2)
delong_test <- function(roc1, roc2, paired = NULL,
                        alternative = c("two.sided", "less", "greater"), level = 0.95) {
  call <- sys.call()
  data_name <- paste(deparse(substitute(roc1)), "and", deparse(substitute(roc2)))
  alternative <- check_roc_pair(roc1, roc2, alternative, call = call)
  level <- check_level(level, call = call)
  pairable <- identical(roc1$levels, roc2$levels) && identical(roc1$response, roc2$response)
  if (is.null(paired)) {
    paired <- pairable
  } else if (!is.logical(paired) || length(paired) != 1L || is.na(paired)) {
    radsig_abort("`paired` must be NULL, TRUE or FALSE.", class = "radsig_error_value",
                 arg = "paired", call = call)
  } else if (paired && !pairable) {
    radsig_abort("A paired test needs both curves on the same subjects (identical responses).",
                 class = "radsig_error_value", arg = "paired", call = call)
  }
  if (roc1$direction != roc2$direction) {
    warning("The two ROC curves have different directions.", call. = FALSE)
  }
  estimate <- c("AUC of roc1" = roc1$auc, "AUC of roc2" = roc2$auc)
  out <- list(alternative = alternative, data.name = data_name, estimate = estimate,
              null.value = c("difference in AUC" = 0))
  if (paired) {
    t <- call_core(delong_paired_cpp(roc1$response, roc1$predictor, roc1$direction,
                                     roc2$predictor, roc2$direction, alternative, level),
                   call = call)
    out$statistic <- c(Z = t$statistic)
    out$p.value <- t$p_value
    out$method <- "DeLong's test for two correlated ROC curves"
    out$conf.int <- structure(c(t$lower, t$upper), conf.level = level)
  } else {
    t <- call_core(delong_unpaired_cpp(roc1$response, roc1$predictor, roc1$direction,
                                       roc2$response, roc2$predictor, roc2$direction,
                                       alternative), call = call)
    out$statistic <- c(D = t$statistic)
    out$parameter <- c(df = t$df)
    out$p.value <- t$p_value
    out$method <- "DeLong's test for two ROC curves"
  }
  structure(out, class = "htest")
}

#' Hanley & McNeil's test comparing two correlated AUCs
#'
#' The method of Hanley JA, McNeil BJ (1983). A method of comparing the areas under
#' receiver operating characteristic curves derived from the same cases. *Radiology*
#' 148:839-843. `z = (A1 - A2) / sqrt(SE1^2 + SE2^2 - 2 r SE1 SE2)`, where the standard
#' errors are those of Hanley & McNeil (1982, *Radiology* 143:29-36) and `r`, the
#' correlation between the two areas, is read from Table 1 of the 1983 paper (bilinear
#' interpolation) from the average of the Pearson correlations of the two scores among the
#' cases and among the controls, and the average area. The table covers average
#' correlations 0.02-0.90 and average areas 0.700-0.975; outside it the values are clamped
#' to its edges with a warning. No R package implements this test, so it has no oracle;
#' prefer [delong_test()], which needs no table.
#'
#' @inheritParams delong_test
#' @return An object of class `htest`, with extra elements `r`, `correlations` and `se`.
#' @export
#' @examples
#' set.seed(1)
#' y <- rbinom(300, 1, 0.4)
#' marker <- rnorm(300) + 1.2 * y
#' r1 <- roc_curve(y, marker)
#' r2 <- roc_curve(y, marker + rnorm(300))
#' hanley_mcneil_test(r1, r2)
hanley_mcneil_test <- function(roc1, roc2, alternative = c("two.sided", "less", "greater")) {
  call <- sys.call()
  data_name <- paste(deparse(substitute(roc1)), "and", deparse(substitute(roc2)))
  alternative <- check_roc_pair(roc1, roc2, alternative, call = call)
  if (!(identical(roc1$levels, roc2$levels) && identical(roc1$response, roc2$response))) {
    radsig_abort("The Hanley-McNeil test needs both curves on the same subjects.",
                 class = "radsig_error_value", arg = "roc2", call = call)
  }
  t <- call_core(hanley_mcneil_cpp(roc1$response, roc1$predictor, roc1$direction,
                                   roc2$predictor, roc2$direction, alternative), call = call)
  if (t$outside_table) {
    warning("The average AUC or the average correlation lies outside the Hanley-McNeil ",
            "table (AUC 0.700-0.975, correlation 0.02-0.90); its edge values were used.",
            call. = FALSE)
  }
  structure(list(
    statistic = c(Z = t$statistic), p.value = t$p_value,
    estimate = c("AUC of roc1" = t$auc1, "AUC of roc2" = t$auc2),
    null.value = c("difference in AUC" = 0), alternative = alternative,
    method = "Hanley & McNeil's test for two correlated ROC curves",
    data.name = data_name, r = t$r, se = c(t$se1, t$se2),
    correlations = c(cases = t$correlation_cases, controls = t$correlation_controls)),
    class = "htest")
}

#' Classification metrics at a threshold
#'
#' Sensitivity, specificity, accuracy, PPV, NPV, precision (= PPV), recall (= sensitivity)
#' and F1 at a threshold, each proportion with a confidence interval:
#' Clopper-Pearson (exact; identical to [stats::binom.test()]) by default, or Wilson's score
#' interval without continuity correction (identical to
#' `stats::prop.test(correct = FALSE)`). F1 is not a binomial proportion and has no interval.
#'
#' The direction is that of [roc_curve()] (`"auto"`: pROC's median rule). With direction
#' `"<"` a subject is positive when `predictor >= threshold`, with `">"` when
#' `predictor <= threshold`. `threshold = "youden"` uses the ROC threshold that maximises
#' sensitivity + specificity (the first one in the curve's order, see [roc_curve()], when
#' several do; it equals the first row of `pROC::coords(roc, "best", best.method = "youden")`).
#'
#' @inheritParams roc_curve
#' @param threshold `"youden"` or a number.
#' @param level Confidence level.
#' @param ci_method `"clopper-pearson"` or `"wilson"`.
#' @return A data frame of class `radsig_classification_metrics` with one row per metric and
#'   columns `metric`, `estimate`, `lower`, `upper`, `successes`, `trials`; attributes
#'   `threshold`, `direction`, `counts` (TP, FP, TN, FN), `ci_method` and `level`.
#' @export
#' @examples
#' rotterdam <- survival::rotterdam
#' classification_metrics(rotterdam$nodes > 0, as.numeric(rotterdam$size))
#' classification_metrics(rotterdam$nodes > 0, rotterdam$age, threshold = 50,
#'                        direction = "<", ci_method = "wilson")
classification_metrics <- function(response, predictor, threshold = "youden", level = 0.95,
                                   positive = NULL, direction = c("auto", "<", ">"),
                                   ci_method = c("clopper-pearson", "wilson")) {
  call <- sys.call()
  x <- check_numeric_vector(predictor, "predictor", call = call)
  resp <- metrics_binary_response(response, "response", positive = positive, call = call)
  check_same_length(response, predictor, "response", "predictor", call = call)
  direction <- match_choice(direction, c("auto", "<", ">"), "direction", call = call)
  ci_method <- match_choice(ci_method, c("clopper-pearson", "wilson"), "ci_method", call = call)
  level <- check_level(level, call = call)
  roc <- call_core(roc_curve_cpp(resp$y, x, direction), call = call)
  if (is.character(threshold) && length(threshold) == 1L && identical(threshold, "youden")) {
    threshold <- roc$thresholds[roc$youden_index]
  } else {
    threshold <- check_scalar_number(threshold, "threshold", call = call)
  }
  r <- call_core(classification_cpp(resp$y, x, threshold, roc$direction, level, ci_method),
                 call = call)
  n <- r$counts
  trials <- c(n[["tp"]] + n[["fn"]], n[["tn"]] + n[["fp"]], sum(n), n[["tp"]] + n[["fp"]],
              n[["tn"]] + n[["fn"]])
  successes <- c(n[["tp"]], n[["tn"]], n[["tp"]] + n[["tn"]], n[["tp"]], n[["tn"]])
  props <- list(r$sensitivity, r$specificity, r$accuracy, r$ppv, r$npv)
  tab <- data.frame(
    metric = c("sensitivity", "specificity", "accuracy", "ppv", "npv", "precision",
               "recall", "f1"),
    estimate = c(vapply(props, `[[`, 0, "estimate"), r$ppv[["estimate"]],
                 r$sensitivity[["estimate"]], r$f1),
    lower = c(vapply(props, `[[`, 0, "lower"), r$ppv[["lower"]], r$sensitivity[["lower"]], NA),
    upper = c(vapply(props, `[[`, 0, "upper"), r$ppv[["upper"]], r$sensitivity[["upper"]], NA),
    successes = c(successes, successes[4], successes[1], NA),
    trials = c(trials, trials[4], trials[1], NA))
  structure(tab, class = c("radsig_classification_metrics", "data.frame"),
            threshold = threshold, direction = roc$direction, counts = n,
            ci_method = ci_method, level = level)
}

#' @rdname classification_metrics
#' @param x A `radsig_classification_metrics` object.
#' @param ... Passed to [print.data.frame()].
#' @export
print.radsig_classification_metrics <- function(x, ...) {
  n <- attr(x, "counts")
  rule <- if (attr(x, "direction") == "<") ">=" else "<="
  cat(sprintf("Classification at threshold %s (positive when predictor %s threshold)\n",
              format(attr(x, "threshold"), digits = 6), rule))
  cat(sprintf("TP %d, FP %d, TN %d, FN %d; %g%% CIs: %s\n", as.integer(n[["tp"]]),
              as.integer(n[["fp"]]), as.integer(n[["tn"]]), as.integer(n[["fn"]]),
              100 * attr(x, "level"),
              if (attr(x, "ci_method") == "wilson") "Wilson score" else "Clopper-Pearson (exact)"))
  print(as.data.frame(unclass(x), stringsAsFactors = FALSE), row.names = FALSE, ...)
  invisible(x)
}

#' Harrell's concordance index (C) for binary and right-censored outcomes
#'
#' Harrell's C with the standard error of Hmisc. O(n log n).
#'
#' **Direction (risk convention)**: a pair is concordant when the subject with the higher
#' `predictor` has the worse outcome: `response` = the case class for binary outcomes, the
#' earlier event for survival. For survival this equals
#' `Hmisc::rcorr.cens(-predictor, Surv(time, status))` and
#' `survival::concordance(Surv(time, status) ~ predictor, reverse = TRUE)`; for a binary
#' outcome it equals `Hmisc::rcorr.cens(predictor, y)` and the AUC of direction `"<"`.
#'
#' **Comparable pairs**: i had the event and `time[i] < time[j]`, or `time[i] == time[j]`
#' with i an event and j censored (the censored subject is taken to outlive the event).
#' Two events at the same time (tied times), two censored subjects, or a censored subject
#' before an event are not comparable. For binary outcomes, pairs with different outcomes.
#' Times are compared exactly, as Hmisc does; survival merges times equal to rounding error
#' (`aeqSurv`), which only matters for times that differ by ~1e-8 relative.
#'
#' **Tied predictors** in a comparable pair count 1/2:
#' `C = (concordant + tied/2) / comparable`.
#'
#' **Standard error**: `se = S.D./2` where `S.D.` is Hmisc's standard deviation of Somers'
#' `Dxy = 2C - 1`; the interval is `C +- qnorm(1 - (1 - level)/2) * se`, clipped to
#' \[0, 1\].
#'
#' @param predictor Numeric risk score (higher = worse outcome).
#' @param response For a binary outcome: a two-class vector (see [roc_curve()]).
#' @param time,status For survival: follow-up times and event indicator (1/`TRUE` = event,
#'   0/`FALSE` = censored).
#' @param level Confidence level.
#' @param positive Optional case class of a binary `response`.
#' @return An object of class `radsig_concordance`: a list with `c`, `se`, `lower`, `upper`,
#'   `level`, `dxy`, `sd_dxy`, `n`, `comparable`, `concordant`, `discordant`,
#'   `tied_predictor` (counts of unordered pairs) and `outcome` (`"binary"`/`"survival"`).
#' @export
#' @examples
#' rotterdam <- survival::rotterdam
#' concordance_index(as.numeric(rotterdam$size), time = rotterdam$rtime,
#'                   status = rotterdam$recur)
#' concordance_index(as.numeric(rotterdam$size), response = rotterdam$nodes > 0)
concordance_index <- function(predictor, response = NULL, time = NULL, status = NULL,
                              level = 0.95, positive = NULL) {
  call <- sys.call()
  x <- check_numeric_vector(predictor, "predictor", call = call)
  level <- check_level(level, call = call)
  if (!is.null(response)) {
    if (!is.null(time) || !is.null(status)) {
      radsig_abort("Give either `response` (binary outcome) or `time` and `status`, not both.",
                   class = "radsig_error_value", arg = "response", call = call)
    }
    resp <- metrics_binary_response(response, "response", positive = positive, call = call)
    check_same_length(response, predictor, "response", "predictor", call = call)
    r <- call_core(harrell_c_cpp(x, as.double(resp$y), rep.int(1L, length(x))), call = call)
    outcome <- "binary"
  } else {
    if (is.null(time) || is.null(status)) {
      radsig_abort("Give `response` for a binary outcome, or both `time` and `status`.",
                   class = "radsig_error_value", arg = if (is.null(time)) "time" else "status",
                   call = call)
    }
    tt <- check_numeric_vector(time, "time", call = call)
    st <- check_status(status, "status", call = call)
    check_same_length(predictor, time, "predictor", "time", call = call)
    check_same_length(predictor, status, "predictor", "status", call = call)
    r <- call_core(harrell_c_cpp(-x, tt, st), call = call)
    outcome <- "survival"
  }
  ci <- call_core(normal_interval_cpp(r$c, r$se^2, level), call = call)
  structure(list(c = r$c, se = r$se, lower = ci[["lower"]], upper = ci[["upper"]],
                 level = level, dxy = r$dxy, sd_dxy = r$sd_dxy, n = length(x),
                 comparable = r$comparable, concordant = r$concordant,
                 discordant = r$discordant, tied_predictor = r$tied_predictor,
                 outcome = outcome),
            class = "radsig_concordance")
}

#' @rdname concordance_index
#' @param x A `radsig_concordance` object.
#' @param ... Ignored.
#' @export
print.radsig_concordance <- function(x, ...) {
  cat(sprintf("Harrell's C (%s outcome, higher predictor = worse outcome)\n", x$outcome))
  cat(sprintf("  C = %.4f, SE %.4f, %g%% CI %.4f-%.4f\n", x$c, x$se, 100 * x$level, x$lower,
              x$upper))
  cat(sprintf("  n = %d; comparable pairs %s (concordant %s, discordant %s, tied predictor %s)\n",
              x$n, format(x$comparable), format(x$concordant), format(x$discordant),
              format(x$tied_predictor)))
  invisible(x)
}
