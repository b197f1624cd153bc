#' Cox proportional hazards regression
#'
#' Fits a Cox model with the Newton-Raphson iteration of `survival::coxph` (Efron ties by
#' default, or Breslow; `strata()`; case weights), so that coefficients, standard errors,
#' log-likelihoods, the likelihood-ratio, Wald and score tests and the linear predictor agree
#' with `coxph` to rounding error. Aliased columns get `NA` coefficients.
#'
#' @param formula `Surv(time, event) ~ predictors`, optionally with `strata(g)` terms.
#' @param data A data frame.
#' @param ties `"efron"` (default) or `"breslow"`.
#' @param weights Optional case weights (> 0).
#' @param na_action `"omit"` (default, with a message) or `"fail"`.
#' @param max_iter,eps Newton-Raphson controls (`coxph.control(iter.max, eps)`).
#' @return An object of class `radsig_cox`: `coefficients`, `var`, `se`, `loglik` (initial,
#'   final), `tests` (LR, Wald, score), `concordance`, `linear_predictor`, `means`, `n`,
#'   `n_events`.
#' @examples
#' d <- data.frame(time = c(5, 8, 12, 3, 9, 15, 7, 11, 4, 13),
#'                 status = c(1, 1, 0, 1, 1, 0, 1, 0, 1, 1),
#'                 x = c(2.1, 0.5, 0.3, 1.8, 1.1, 0.9, 0.7, 1.5, 2.5, 0.2))
#' fit <- fit_cox(Surv(time, status) ~ x, d)
#' fit
#' summary(fit)
#' predict(fit, type = "risk")
#' @export
fit_cox <- function(formula, data, ties = c("efron", "breslow"), weights = NULL,
                    na_action = "omit", max_iter = 20L, eps = 1e-9) {
  cl <- match.call()
  ties <- match_choice(ties, c("efron", "breslow"), "ties")
  check_scalar_number(max_iter, "max_iter", lower = 1)
  check_scalar_number(eps, "eps", lower = 0)
  sf <- surv_model_frame(formula, data, weights, na_action)
  x <- stats::model.matrix(sf$terms, sf$mf)
  assign <- attr(x, "assign")
  contrasts <- attr(x, "contrasts")
  keep_col <- colnames(x) != "(Intercept)"
  x <- x[, keep_col, drop = FALSE]
  assign <- assign[keep_col]
  if (ncol(x) == 0L) {
    radsig_abort("the model has no covariates.", arg = "formula")
  }
  n <- nrow(x)
  w <- if (is.null(sf$weights)) rep(1, n) else as.double(sf$weights)
  qx <- qr(x, tol = 1e-7)
  cols <- sort(qx$pivot[seq_len(qx$rank)])
  xs <- x[, cols, drop = FALSE]
  center <- colSums(xs != 0 & xs != 1 & xs != -1) > 0
  strata_code <- if (is.null(sf$strata)) integer() else as.integer(sf$strata)
  core <- call_core(fit_cox_cpp(x[, cols, drop = FALSE], sf$time, sf$status, strata_code, w,
                                rep(0, n), center, ties, as.integer(max_iter), eps,
                                eps^0.75))
  if (!core$converged) {
    warning(structure(class = c("radsig_warning_convergence", "warning", "condition"),
                      list(message = "radsig: Cox model ran out of iterations and did not converge.",
                           call = NULL)))
  }
  cn <- colnames(x)
  beta <- stats::setNames(rep(NA_real_, ncol(x)), cn)
  beta[cols] <- core$coefficients
  vc <- core$var
  dimnames(vc) <- list(cn[cols], cn[cols])
  means <- stats::setNames(rep(0, ncol(x)), cn)
  means[cols] <- core$means
  conc <- call_core(concordance_cpp(sf$time, sf$status, core$linear_predictor, strata_code, w))
  lr <- 2 * (core$loglik[2] - core$loglik[1])
  df <- length(cols)
  tests <- data.frame(test = c("Likelihood ratio", "Wald", "Score (log-rank)"),
                      statistic = c(lr, core$wald, core$score), df = df,
                      p_value = stats::pchisq(c(lr, core$wald, core$score), df,
                                              lower.tail = FALSE))
  obj <- list(coefficients = beta, var = vc, se = stats::setNames(sqrt(diag(vc)), cn[cols]),
              loglik = core$loglik, tests = tests,
              concordance = c(concordance = conc$concordance, concordant = conc$concordant,
                              discordant = conc$discordant, tied_x = conc$tied_x),
              linear_predictor = core$linear_predictor, means = means, n = n,
              n_events = core$n_events, iterations = core$iterations, ties = ties,
              x = x, time = sf$time, status = sf$status, weights = w, strata = sf$strata,
              assign = assign, terms = sf$terms, xlevels = stats::.getXlevels(sf$terms, sf$mf),
              contrasts = contrasts, call = cl, formula = formula, na_action = sf$na_action,
              data = if (is.null(sf$na_action)) data else data[-sf$na_action, , drop = FALSE])
  class(obj) <- "radsig_cox"
  obj
}

#' @export
coef.radsig_cox <- function(object, ...) object$coefficients

#' @export
vcov.radsig_cox <- function(object, ...) object$var

#' @export
logLik.radsig_cox <- function(object, ...) {
  structure(object$loglik[2], df = sum(!is.na(object$coefficients)), nobs = object$n_events,
            class = "logLik")
}

#' @export
nobs.radsig_cox <- function(object, ...) object$n_events

#' @export
confint.radsig_cox <- function(object, parm, level = 0.95, exponentiate = FALSE, ...) {
  wald_confint(object, if (missing(parm)) NULL else parm, level, exponentiate)
}

#' Summary of a radsig Cox fit
#'
#' @param object A `radsig_cox` fit.
#' @param level Confidence level for the hazard ratios.
#' @param ... Unused.
#' @return An object of class `summary.radsig_cox` with a `coefficients` data frame (HR with
#'   CI, SE, z, p), the tests and the concordance.
#' @examples
#' d <- data.frame(time = c(5, 8, 12, 3, 9, 15, 7, 11, 4, 13),
#'                 status = c(1, 1, 0, 1, 1, 0, 1, 0, 1, 1),
#'                 x = c(2.1, 0.5, 0.3, 1.8, 1.1, 0.9, 0.7, 1.5, 2.5, 0.2))
#' summary(fit_cox(Surv(time, status) ~ x, d))
#' @export
summary.radsig_cox <- function(object, level = 0.95, ...) {
  check_level(level)
  est <- object$coefficients[!is.na(object$coefficients)]
  se <- object$se[names(est)]
  z <- est / se
  q <- stats::qnorm(1 - (1 - level) / 2)
  tab <- data.frame(term = names(est), coef = unname(est), hazard_ratio = unname(exp(est)),
                    std_error = unname(se), z_value = unname(z),
                    p_value = unname(2 * stats::pnorm(-abs(z))),
                    hr_lower = unname(exp(est - q * se)), hr_upper = unname(exp(est + q * se)),
                    stringsAsFactors = FALSE)
  structure(list(call = object$call, coefficients = tab, tests = object$tests,
                 concordance = object$concordance, n = object$n, n_events = object$n_events),
            class = "summary.radsig_cox")
}

#' @export
print.summary.radsig_cox <- function(x, digits = max(3L, getOption("digits") - 3L), ...) {
  cat("radsig Cox model\n\nCall:  ", paste(deparse(x$call), collapse = "\n"), "\n\n", sep = "")
  cat(sprintf("  n = %d, number of events = %d\n\n", x$n, x$n_events))
  tab <- x$coefficients
  m <- as.matrix(tab[, c("coef", "hazard_ratio", "std_error", "z_value", "p_value")])
  dimnames(m) <- list(tab$term, c("coef", "exp(coef)", "se(coef)", "z", "Pr(>|z|)"))
  stats::printCoefmat(m, digits = digits, P.values = TRUE, has.Pvalue = TRUE)
  cat("\n")
  print(format(tab[, c("term", "hazard_ratio", "hr_lower", "hr_upper")], digits = digits),
        row.names = FALSE)
  cat(sprintf("\nConcordance = %.3f\n", x$concordance[["concordance"]]))
  for (i in seq_len(nrow(x$tests))) {
    cat(sprintf("%-17s test = %.4g  on %d df,   p = %.4g\n", x$tests$test[i],
                x$tests$statistic[i], as.integer(x$tests$df[i]), x$tests$p_value[i]))
  }
  invisible(x)
}

#' @export
print.radsig_cox <- function(x, ...) {
  print(summary(x), ...)
  invisible(x)
}

#' Predictions from a radsig Cox fit
#'
#' @param object A `radsig_cox` fit.
#' @param newdata Optional data frame.
#' @param type `"lp"` (centred linear predictor, as `predict.coxph`), `"risk"`
#'   (`exp(lp)`) or `"survival"` (survival probabilities at `times`, as
#'   `summary(survfit(fit, newdata), times)`; models without strata).
#' @param times Times for `type = "survival"`.
#' @param ... Unused.
#' @return A numeric vector, or for `"survival"` a matrix with one row per subject and one
#'   column per time.
#' @examples
#' d <- data.frame(time = c(5, 8, 12, 3, 9, 15, 7, 11, 4, 13),
#'                 status = c(1, 1, 0, 1, 1, 0, 1, 0, 1, 1),
#'                 x = c(2.1, 0.5, 0.3, 1.8, 1.1, 0.9, 0.7, 1.5, 2.5, 0.2))
#' fit <- fit_cox(Surv(time, status) ~ x, d)
#' predict(fit, data.frame(x = c(0.5, 2)), type = "risk")
#' predict(fit, data.frame(x = c(0.5, 2)), type = "survival", times = c(5, 10))
#' @export
predict.radsig_cox <- function(object, newdata = NULL, type = c("lp", "risk", "survival"),
                               times = NULL, ...) {
  type <- match_choice(type, c("lp", "risk", "survival"), "type")
  b <- object$coefficients
  ok <- !is.na(b)
  if (is.null(newdata)) {
    lp <- object$linear_predictor
  } else {
    x <- new_model_matrix(object$terms, object$xlevels, object$contrasts, newdata)
    x <- x[, colnames(x) != "(Intercept)", drop = FALSE]
    lp <- drop(x[, ok, drop = FALSE] %*% b[ok]) - sum(b[ok] * object$means[ok])
  }
  if (type == "lp") return(lp)
  if (type == "risk") return(exp(lp))
  if (!is.null(object$strata)) {
    radsig_abort("survival predictions are not available for stratified models.", arg = "type")
  }
  check_numeric_vector(times, "times")
  H <- cox_cumhaz_at(object, times)
  S <- exp(-outer(exp(lp), H))
  dimnames(S) <- list(names(lp), format(times))
  S
}

# Baseline cumulative hazard (centred covariates) at `times`, unstratified fits.
cox_cumhaz_at <- function(object, times) {
  base <- call_core(cox_baseline_cpp(object$time, object$status, integer(), object$weights,
                                     exp(object$linear_predictor), object$ties == "efron"))
  idx <- findInterval(times, base$time)
  ifelse(idx == 0, 0, base$cumhaz[pmax(idx, 1)])
}

#' Test of proportional hazards (scaled Schoenfeld residuals)
#'
#' Score tests per term and globally for a time-varying coefficient `beta + theta g(t)`, as
#' `survival::cox.zph` with `transform = "km"` (default), `"rank"`, `"identity"` or `"log"`.
#'
#' @param fit A `radsig_cox` fit.
#' @param transform Time transform.
#' @return A data frame with `term`, `chisq`, `df`, `p_value` (last row `GLOBAL`).
#' @examples
#' d <- data.frame(time = c(5, 8, 12, 3, 9, 15, 7, 11, 4, 13),
#'                 status = c(1, 1, 0, 1, 1, 0, 1, 0, 1, 1),
#'                 x = c(2.1, 0.5, 0.3, 1.8, 1.1, 0.9, 0.7, 1.5, 2.5, 0.2))
#' cox_zph(fit_cox(Surv(time, status) ~ x, d))
#' @export
cox_zph <- function(fit, transform = c("km", "rank", "identity", "log")) {
  if (!inherits(fit, "radsig_cox")) {
    radsig_abort("`fit` must be a radsig_cox fit from fit_cox().", class = "radsig_error_type",
                 arg = "fit")
  }
  transform <- match_choice(transform, c("km", "rank", "identity", "log"), "transform")
  time <- fit$time
  event <- fit$status == 1
  ttimes <- switch(transform,
    identity = time, rank = rank(time), log = log(time),
    km = {
      km <- call_core(km_cpp(time, fit$status, numeric(), "none", 0.95))
      idx <- findInterval(time, km$time, left.open = TRUE)
      1 - c(1, km$surv)[idx + 1]
    })
  gtime <- ttimes - mean(ttimes[event])
  ok <- !is.na(fit$coefficients)
  term <- fit$assign[ok]
  term <- match(term, unique(term)) - 1L
  strata_code <- if (is.null(fit$strata)) integer() else as.integer(fit$strata)
  r <- call_core(cox_zph_cpp(fit$x[, ok, drop = FALSE], time, fit$status, strata_code,
                             fit$weights, fit$linear_predictor, gtime, term,
                             fit$ties == "efron"))
  labels <- attr(fit$terms, "term.labels")[unique(fit$assign[ok])]
  data.frame(term = c(labels, "GLOBAL"), chisq = r$chisq, df = r$df, p_value = r$p_value,
             stringsAsFactors = FALSE)
}
