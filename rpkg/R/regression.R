#' Logistic regression (binomial GLM) fitted by the radsig core
#'
#' Fits `P(y = 1) = plogis(X b + offset)` by iteratively reweighted least squares with the
#' iteration of `glm(family = binomial)` (same start, same stopping rule), so coefficients,
#' standard errors, deviances and AIC agree with `glm` to rounding error. Perfect or
#' quasi-complete separation is detected and reported with a warning naming the offending
#' terms (class `radsig_warning_separation`).
#'
#' @param formula A two-sided formula; the outcome is 0/1, logical or a two-level factor
#'   (the first level is the reference, as in `glm`).
#' @param data A data frame.
#' @param weights Optional prior weights (non-negative), as in `glm`.
#' @param offset Optional offset added to the linear predictor.
#' @param na_action `"omit"` (default; rows with missing values are dropped with a message)
#'   or `"fail"`.
#' @param max_iter,epsilon IRLS controls (`glm.control(maxit, epsilon)`).
#' @return An object of class `radsig_logistic` with `coefficients`, `se`, `vcov`,
#'   `deviance`, `null_deviance`, `aic`, `bic`, `fitted`, `linear_predictor`, `lr_test`.
#' @importFrom stats coef confint deviance extractAIC formula logLik nobs predict vcov
#' @examples
#' d <- data.frame(y = c(0, 0, 1, 1, 0, 1, 1, 0, 1, 1), x = 1:10,
#'                 g = factor(rep(c("a", "b"), 5)))
#' fit <- fit_logistic(y ~ x + g, d)
#' fit
#' summary(fit)
#' confint(fit)
#' predict(fit, d, type = "response")
#' @export
fit_logistic <- function(formula, data, weights = NULL, offset = NULL, na_action = "omit",
                         max_iter = 25L, epsilon = 1e-8) {
  cl <- match.call()
  check_formula(formula)
  check_data_frame(data)
  na_action <- resolve_na_action(na_action)
  check_scalar_number(max_iter, "max_iter", lower = 1)
  check_scalar_number(epsilon, "epsilon", lower = 0)
  n0 <- nrow(data)
  if (!is.null(weights)) {
    check_numeric_vector(weights, "weights", allow_na = TRUE)
    check_same_length(seq_len(n0), weights, "data", "weights")
  }
  if (!is.null(offset)) {
    check_numeric_vector(offset, "offset", allow_na = TRUE)
    check_same_length(seq_len(n0), offset, "data", "offset")
  }
  mf <- inference_model_frame(formula, data, weights = weights, offset = offset,
                              na_action = na_action)
  w <- stats::model.weights(mf)
  off <- stats::model.offset(mf)
  if (is.null(off)) off <- rep(0, nrow(mf))
  w <- check_model_weights(w, nrow(mf))
  resp <- logistic_response(stats::model.response(mf))
  tt <- stats::terms(mf)
  x <- stats::model.matrix(tt, mf)
  fit_logistic_matrix(x, resp$y, w, off, max_iter, epsilon,
                      extra = list(call = cl, formula = formula, terms = tt,
                                   xlevels = stats::.getXlevels(tt, mf),
                                   contrasts = attr(x, "contrasts"), levels = resp$levels,
                                   data = if (is.null(attr(mf, "na.action"))) data else
                                     data[-attr(mf, "na.action"), , drop = FALSE],
                                   na_action = attr(mf, "na.action"),
                                   assign = attr(x, "assign")))
}

# Fits on a ready design matrix; drops aliased columns like glm (their coefficients are NA).
fit_logistic_matrix <- function(x, y, w, off, max_iter = 25L, epsilon = 1e-8, extra = list()) {
  n <- nrow(x)
  storage.mode(x) <- "double"
  y <- as.double(y)
  w <- as.double(w)
  off <- as.double(off)
  qx <- qr(x * sqrt(w), tol = 1e-7)
  cols <- sort(qx$pivot[seq_len(qx$rank)])
  aliased <- setdiff(seq_len(ncol(x)), cols)
  core <- call_core(fit_logistic_cpp(x[, cols, drop = FALSE], y, w, off,
                                     as.integer(max_iter), epsilon))
  cn <- colnames(x)
  beta <- rep(NA_real_, ncol(x)); names(beta) <- cn
  beta[cols] <- core$coefficients
  vc <- core$covariance; dimnames(vc) <- list(cn[cols], cn[cols])
  if (!core$converged) {
    warning(structure(class = c("radsig_warning_convergence", "warning", "condition"),
                      list(message = "radsig: IRLS did not converge (glm.fit: algorithm did not converge).",
                           call = NULL)))
  }
  sep_terms <- character()
  if (core$separation) {
    sep_terms <- cn[cols][core$separating_columns]
    sep_terms <- setdiff(sep_terms, "(Intercept)")
    warning(structure(class = c("radsig_warning_separation", "warning", "condition"),
                      list(message = paste0(
                        "radsig: fitted probabilities numerically 0 or 1 occurred (separation)",
                        if (length(sep_terms)) paste0("; offending term(s): ",
                                                      paste(sep_terms, collapse = ", ")) else "",
                        "."), call = NULL, terms = sep_terms)))
  }
  mu <- core$fitted
  rank <- length(cols)
  good <- w > 0
  aic_core <- -2 * sum(stats::dbinom(round(w[good] * y[good]), round(w[good]), mu[good], log = TRUE))
  aic <- aic_core + 2 * rank
  # Null deviance like glm: intercept-only refit when there is an offset.
  has_int <- "(Intercept)" %in% cn
  if (has_int && any(off != 0)) {
    null_dev <- call_core(fit_logistic_cpp(matrix(1, n, 1), y, w, off, as.integer(max_iter),
                                           epsilon))$deviance
  } else {
    wtdmu <- if (has_int) sum(w * y) / sum(w) else stats::plogis(off)
    null_dev <- sum(stats::binomial()$dev.resids(y, rep_len(wtdmu, n), w))
  }
  n_ok <- sum(good)
  df_null <- n_ok - as.integer(has_int)
  df_res <- n_ok - rank
  lr <- null_dev - core$deviance
  lr_df <- df_null - df_res
  obj <- c(list(
    coefficients = beta, vcov = vc, se = stats::setNames(sqrt(diag(vc)), cn[cols]),
    aliased = cn[aliased], linear_predictor = core$linear_predictor, fitted = mu,
    y = y, weights = w, offset = off, x = x, rank = rank,
    deviance = core$deviance, null_deviance = null_dev, df_residual = df_res, df_null = df_null,
    aic = aic, bic = aic - 2 * rank + log(n_ok) * rank, loglik = rank - aic / 2,
    lr_test = c(statistic = lr, df = lr_df,
                p_value = stats::pchisq(lr, lr_df, lower.tail = FALSE)),
    iterations = core$iterations, converged = core$converged,
    separation = core$separation, separating_terms = sep_terms, nobs = n_ok), extra)
  class(obj) <- "radsig_logistic"
  obj
}

#' @export
coef.radsig_logistic <- function(object, ...) object$coefficients

#' @export
vcov.radsig_logistic <- function(object, ...) object$vcov

#' @export
logLik.radsig_logistic <- function(object, ...) {
  structure(object$loglik, df = object$rank, nobs = object$nobs, class = "logLik")
}

#' @export
nobs.radsig_logistic <- function(object, ...) object$nobs

#' @export
deviance.radsig_logistic <- function(object, ...) object$deviance

#' @export
formula.radsig_logistic <- function(x, ...) x$formula

#' @export
extractAIC.radsig_logistic <- function(fit, scale = 0, k = 2, ...) {
  c(fit$rank, fit$aic + (k - 2) * fit$rank)
}

#' @export
print.radsig_logistic <- function(x, digits = max(3L, getOption("digits") - 3L), ...) {
  cat("radsig logistic regression\n\nCall:  ", paste(deparse(x$call), collapse = "\n"),
      "\n\nCoefficients:\n", sep = "")
  print.default(format(x$coefficients, digits = digits), print.gap = 2L, quote = FALSE)
  cat(sprintf("\nDegrees of Freedom: %d Total (i.e. Null);  %d Residual\n", x$df_null,
              x$df_residual))
  cat(sprintf("Null Deviance:\t    %s \nResidual Deviance: %s \tAIC: %s\n",
              format(signif(x$null_deviance, digits)), format(signif(x$deviance, digits)),
              format(signif(x$aic, digits))))
  if (x$separation) cat("Separation detected; coefficients may be infinite.\n")
  invisible(x)
}

#' Summary of a radsig logistic fit
#'
#' Wald table as `summary.glm` (dispersion 1): estimate, SE, z, p, plus odds ratios with
#' Wald confidence intervals.
#'
#' @param object A `radsig_logistic` fit.
#' @param level Confidence level of the odds-ratio intervals.
#' @param ... Unused.
#' @return An object of class `summary.radsig_logistic` with a `coefficients` data frame.
#' @examples
#' d <- data.frame(y = c(0, 0, 1, 1, 0, 1, 1, 0, 1, 1), x = 1:10)
#' summary(fit_logistic(y ~ x, d))
#' @export
summary.radsig_logistic <- function(object, level = 0.95, ...) {
  check_level(level)
  est <- object$coefficients[!is.na(object$coefficients)]
  se <- object$se[names(est)]
  z <- est / se
  q <- stats::qnorm(1 - (1 - level) / 2)
  tab <- data.frame(term = names(est), estimate = unname(est), std_error = unname(se),
                    z_value = unname(z), p_value = unname(2 * stats::pnorm(-abs(z))),
                    odds_ratio = unname(exp(est)), or_lower = unname(exp(est - q * se)),
                    or_upper = unname(exp(est + q * se)), stringsAsFactors = FALSE)
  structure(list(call = object$call, coefficients = tab, deviance = object$deviance,
                 null_deviance = object$null_deviance, df_residual = object$df_residual,
                 df_null = object$df_null, aic = object$aic, bic = object$bic,
                 lr_test = object$lr_test, iterations = object$iterations, level = level,
                 aliased = object$aliased),
            class = "summary.radsig_logistic")
}

#' @export
print.summary.radsig_logistic <- function(x, digits = max(3L, getOption("digits") - 3L), ...) {
  cat("radsig logistic regression\n\nCall:  ", paste(deparse(x$call), collapse = "\n"),
      "\n\n", sep = "")
  tab <- x$coefficients
  m <- as.matrix(tab[, c("estimate", "std_error", "z_value", "p_value")])
  dimnames(m) <- list(tab$term, c("Estimate", "Std. Error", "z value", "Pr(>|z|)"))
  stats::printCoefmat(m, digits = digits, signif.legend = TRUE)
  cat(sprintf("\n    Null deviance: %s  on %d  degrees of freedom\n",
              format(x$null_deviance, digits = max(5L, digits + 1L)), x$df_null))
  cat(sprintf("Residual deviance: %s  on %d  degrees of freedom\n",
              format(x$deviance, digits = max(5L, digits + 1L)), x$df_residual))
  cat(sprintf("AIC: %s   BIC: %s\n", format(x$aic, digits = max(4L, digits + 1L)),
              format(x$bic, digits = max(4L, digits + 1L))))
  cat(sprintf("LR test vs null: chisq = %.4g on %d df, p = %.4g\n", x$lr_test[["statistic"]],
              as.integer(x$lr_test[["df"]]), x$lr_test[["p_value"]]))
  cat(sprintf("\nNumber of Fisher Scoring iterations: %d\n", x$iterations))
  invisible(x)
}

#' Wald confidence intervals for logistic coefficients
#'
#' Wald intervals `b +/- z * SE` (as `confint.default` on a glm); `exponentiate = TRUE`
#' gives odds-ratio intervals. (`confint()` on a glm in R < 4.4 profiles the likelihood via
#' MASS; radsig reports Wald intervals, the convention of published odds-ratio tables.)
#'
#' @param object A `radsig_logistic` fit.
#' @param parm Coefficient names or indices (default all).
#' @param level Confidence level.
#' @param exponentiate Return odds ratios.
#' @param ... Unused.
#' @return A matrix with one row per coefficient.
#' @examples
#' d <- data.frame(y = c(0, 0, 1, 1, 0, 1, 1, 0, 1, 1), x = 1:10)
#' confint(fit_logistic(y ~ x, d), exponentiate = TRUE)
#' @export
confint.radsig_logistic <- function(object, parm, level = 0.95, exponentiate = FALSE, ...) {
  wald_confint(object, if (missing(parm)) NULL else parm, level, exponentiate)
}

#' Predictions from a radsig logistic fit
#'
#' @param object A `radsig_logistic` fit.
#' @param newdata Optional data frame; factor levels not seen in the fit are an error
#'   (class `radsig_error_value`).
#' @param type `"link"` (linear predictor) or `"response"` (probability).
#' @param se_fit Also return standard errors (delta method on the response scale).
#' @param ... Unused.
#' @return A numeric vector, or a list with `fit` and `se_fit`.
#' @examples
#' d <- data.frame(y = c(0, 0, 1, 1, 0, 1, 1, 0, 1, 1), x = 1:10)
#' fit <- fit_logistic(y ~ x, d)
#' predict(fit, data.frame(x = c(2.5, 7)), type = "response")
#' @export
predict.radsig_logistic <- function(object, newdata = NULL, type = c("link", "response"),
                                    se_fit = FALSE, ...) {
  type <- match_choice(type, c("link", "response"), "type")
  b <- object$coefficients
  ok <- !is.na(b)
  if (is.null(newdata)) {
    x <- object$x
    off <- object$offset
  } else {
    x <- new_model_matrix(object$terms, object$xlevels, object$contrasts, newdata)
    off <- rep(0, nrow(x))
    if (any(object$offset != 0)) {
      radsig_abort("predictions for new data from a model with an offset are not supported.",
                   arg = "newdata")
    }
  }
  eta <- drop(x[, ok, drop = FALSE] %*% b[ok]) + off
  names(eta) <- rownames(x)
  fit <- if (type == "link") eta else stats::plogis(eta)
  if (!se_fit) return(fit)
  xs <- x[, ok, drop = FALSE]
  se <- sqrt(rowSums((xs %*% object$vcov) * xs))
  if (type == "response") se <- se * stats::dlogis(eta)
  list(fit = fit, se_fit = se)
}

# Wald confidence intervals from a fit's `coefficients` and `se` (aliased NA coefficients
# dropped), shared by the logistic and Cox confint() methods.
wald_confint <- function(object, parm, level, exponentiate) {
  check_level(level, call = sys.call(-1))
  est <- object$coefficients[!is.na(object$coefficients)]
  if (!is.null(parm)) est <- est[parm]
  se <- object$se[names(est)]
  a <- (1 - level) / 2
  q <- stats::qnorm(c(a, 1 - a))
  ci <- cbind(est + q[1] * se, est + q[2] * se)
  dimnames(ci) <- list(names(est), paste(format(100 * c(a, 1 - a), trim = TRUE,
                                                  scientific = FALSE, digits = 3), "%"))
  if (exponentiate) exp(ci) else ci
}
