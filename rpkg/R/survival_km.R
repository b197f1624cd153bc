#' Kaplan-Meier survival curves
#'
#' Product-limit estimates with the conventions of `survival::survfit`: every distinct time
#' (including censoring-only times), Greenwood standard error of the cumulative hazard
#' (`std_err`, survfit's `std.err`), confidence intervals on the "log" (default), "log-log"
#' or "plain" scale, numbers at risk, and the median survival with its confidence limits.
#'
#' @param formula `Surv(time, event) ~ 1` or `Surv(time, event) ~ group`.
#' @param data A data frame.
#' @param conf_type `"log"`, `"log-log"` or `"plain"`.
#' @param conf_level Confidence level.
#' @param weights Optional case weights.
#' @param na_action `"omit"` (default) or `"fail"`.
#' @return An object of class `radsig_km`: `table` (a data frame with `strata`, `time`,
#'   `n_risk`, `n_event`, `n_censor`, `surv`, `std_err`, `lower`, `upper`, `cumhaz`) and
#'   `median` (a data frame per stratum).
#' @examples
#' d <- data.frame(time = c(5, 8, 12, 3, 9, 15, 7, 11, 4, 13),
#'                 status = c(1, 1, 0, 1, 1, 0, 1, 0, 1, 1),
#'                 g = rep(c("low", "high"), 5))
#' km <- km_curve(Surv(time, status) ~ g, d)
#' km
#' plot(km)
#' @export
km_curve <- function(formula, data, conf_type = c("log", "log-log", "plain"),
                     conf_level = 0.95, weights = NULL, na_action = "omit") {
  conf_type <- match_choice(conf_type, c("log", "log-log", "plain"), "conf_type")
  check_level(conf_level, "conf_level")
  sf <- surv_model_frame(formula, data, weights, na_action)
  group <- km_groups(sf)
  w <- if (is.null(sf$weights)) rep(1, length(sf$time)) else as.double(sf$weights)
  tabs <- list(); meds <- list()
  for (lev in levels(group)) {
    i <- which(group == lev)
    r <- call_core(km_cpp(sf$time[i], sf$status[i], w[i], conf_type, conf_level))
    tabs[[lev]] <- data.frame(strata = lev, time = r$time, n_risk = r$n_risk,
                              n_event = r$n_event, n_censor = r$n_censor, surv = r$surv,
                              std_err = r$std_err, lower = r$lower, upper = r$upper,
                              cumhaz = r$cumhaz, stringsAsFactors = FALSE)
    meds[[lev]] <- data.frame(strata = lev, n = length(i), events = sum(sf$status[i]),
                              median = r$median[1], lower = r$median[2], upper = r$median[3],
                              stringsAsFactors = FALSE)
  }
  tab <- do.call(rbind, tabs); rownames(tab) <- NULL
  med <- do.call(rbind, meds); rownames(med) <- NULL
  structure(list(table = tab, median = med, conf_type = conf_type, conf_level = conf_level,
                 strata = levels(group), call = match.call()), class = "radsig_km")
}

km_groups <- function(sf) {
  labels <- attr(sf$terms, "term.labels")
  if (!length(labels)) {
    g <- if (is.null(sf$strata)) factor(rep("all", length(sf$time))) else sf$strata
    return(g)
  }
  vars <- lapply(labels, function(l) {
    v <- sf$mf[[l]]
    lv <- if (is.factor(v)) levels(droplevels(as.factor(v))) else sort(unique(v))
    factor(paste0(l, "=", v), levels = paste0(l, "=", lv))
  })
  if (!is.null(sf$strata)) vars <- c(vars, list(sf$strata))
  g <- if (length(vars) == 1L) vars[[1L]] else interaction(vars, drop = TRUE, sep = ", ", lex.order = TRUE)
  droplevels(g)
}

#' @export
print.radsig_km <- function(x, ...) {
  cat("radsig Kaplan-Meier curve(s), ", x$conf_type, " confidence intervals (",
      format(100 * x$conf_level), "%)\n\n", sep = "")
  print(x$median, row.names = FALSE)
  invisible(x)
}

#' @export
summary.radsig_km <- function(object, times = NULL, ...) {
  tab <- object$table
  if (is.null(times)) return(tab[tab$n_event > 0, , drop = FALSE])
  out <- lapply(split(tab, factor(tab$strata, levels = object$strata)), function(s) {
    idx <- findInterval(times, s$time)
    data.frame(strata = s$strata[1], time = times,
               surv = ifelse(idx == 0, 1, s$surv[pmax(idx, 1)]),
               lower = ifelse(idx == 0, 1, s$lower[pmax(idx, 1)]),
               upper = ifelse(idx == 0, 1, s$upper[pmax(idx, 1)]))
  })
  do.call(rbind, out)
}

#' @export
as.data.frame.radsig_km <- function(x, ...) x$table

#' Plot Kaplan-Meier curves with a number-at-risk table
#'
#' @param x A `radsig_km` object.
#' @param conf_int Draw confidence bands.
#' @param risk_table Add the number-at-risk table below the plot.
#' @param risk_times Times for the number-at-risk table (default: the x-axis ticks).
#' @param col Colours, one per curve.
#' @param xlab,ylab Axis labels.
#' @param ... Passed to `plot()`.
#' @return `x`, invisibly.
#' @examples
#' d <- data.frame(time = c(5, 8, 12, 3, 9, 15, 7, 11, 4, 13),
#'                 status = c(1, 1, 0, 1, 1, 0, 1, 0, 1, 1),
#'                 g = rep(c("low", "high"), 5))
#' plot(km_curve(Surv(time, status) ~ g, d))
#' @export
plot.radsig_km <- function(x, conf_int = TRUE, risk_table = TRUE, risk_times = NULL,
                           col = seq_along(x$strata), xlab = "Time",
                           ylab = "Survival probability", ...) {
  tab <- x$table
  ns <- length(x$strata)
  col <- rep_len(col, ns)
  if (risk_table) {
    op <- graphics::par(mar = c(4 + ns + 2, 4 + 2, 2, 1))
    on.exit(graphics::par(op))
  }
  graphics::plot(c(0, max(tab$time)), c(0, 1), type = "n", xlab = xlab, ylab = ylab, ...)
  for (k in seq_len(ns)) {
    s <- tab[tab$strata == x$strata[k], ]
    graphics::lines(c(0, s$time), c(1, s$surv), type = "s", col = col[k], lwd = 2)
    if (conf_int) {
      graphics::lines(c(0, s$time), c(1, s$lower), type = "s", col = col[k], lty = 3)
      graphics::lines(c(0, s$time), c(1, s$upper), type = "s", col = col[k], lty = 3)
    }
    cens <- s$n_censor > 0
    graphics::points(s$time[cens], s$surv[cens], pch = 3, col = col[k], cex = 0.6)
  }
  if (ns > 1) graphics::legend("topright", legend = x$strata, col = col, lwd = 2, bty = "n")
  if (risk_table) {
    if (is.null(risk_times)) risk_times <- graphics::axTicks(1)
    graphics::mtext("Number at risk", side = 1, line = 4, adj = 0, cex = 0.8)
    for (k in seq_len(ns)) {
      s <- tab[tab$strata == x$strata[k], ]
      nr <- vapply(risk_times, function(t) {
        i <- which(s$time >= t)
        if (length(i)) s$n_risk[i[1]] else 0
      }, numeric(1))
      graphics::mtext(format(round(nr)), side = 1, line = 4 + k, at = risk_times, col = col[k],
                      cex = 0.8)
      graphics::mtext(x$strata[k], side = 2, line = 1, at = graphics::par("usr")[3], las = 1,
                      cex = 0.6, col = col[k], padj = 3 + 1.6 * k, adj = 1)
    }
  }
  invisible(x)
}

#' Log-rank and G-rho tests
#'
#' The `survival::survdiff` family of k-sample tests: `rho = 0` (default) is the log-rank
#' test, `rho = 1` the Peto-Peto modification of the Gehan-Wilcoxon test. `strata()` terms
#' give a stratified test.
#'
#' @param formula `Surv(time, event) ~ group` (optionally `+ strata(s)`).
#' @param data A data frame.
#' @param rho The G-rho exponent.
#' @param na_action `"omit"` (default) or `"fail"`.
#' @return An object of class `htest` with extra components `observed`, `expected`, `var`
#'   and `n` per group.
#' @examples
#' d <- data.frame(time = c(5, 8, 12, 3, 9, 15, 7, 11, 4, 13),
#'                 status = c(1, 1, 0, 1, 1, 0, 1, 0, 1, 1),
#'                 g = rep(c("low", "high"), 5))
#' logrank_test(Surv(time, status) ~ g, d)
#' @export
logrank_test <- function(formula, data, rho = 0, na_action = "omit") {
  check_scalar_number(rho, "rho")
  sf <- surv_model_frame(formula, data, NULL, na_action)
  labels <- attr(sf$terms, "term.labels")
  if (!length(labels)) {
    radsig_abort("the formula needs a grouping variable on the right-hand side.",
                 arg = "formula")
  }
  sf_nostrata <- sf
  sf_nostrata$strata <- NULL
  group <- km_groups(sf_nostrata)
  if (nlevels(group) < 2L) {
    radsig_abort("there is only one group.", arg = "formula")
  }
  strata_code <- if (is.null(sf$strata)) integer() else as.integer(sf$strata)
  r <- call_core(logrank_cpp(sf$time, sf$status, as.integer(group) - 1L, strata_code, rho))
  names(r$observed) <- names(r$expected) <- names(r$n) <- levels(group)
  structure(list(statistic = c(Chisq = r$chisq), parameter = c(df = r$df),
                 p.value = r$p_value,
                 method = if (rho == 0) "Log-rank test" else sprintf("G-rho test (rho = %g)", rho),
                 data.name = paste(deparse(formula), collapse = ""), observed = r$observed,
                 expected = r$expected, var = r$var, n = r$n),
            class = "htest")
}
