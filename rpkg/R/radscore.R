#' Rad-score: the linear predictor of a penalised model
#'
#' `rad_score()` returns the linear predictor `b0 + sum_j b_j x_j` of an elastic-net model
#' at one lambda (the "rad-score" of radiomics papers); `rad_score_formula()` writes it as a
#' human-readable formula with only the nonzero terms.
#'
#' @param fit A [cv_elastic_net()] result (`s` may be `"lambda_min"`, `"lambda_1se"` or a
#'   number) or a [fit_elastic_net()] result (`s` must be a number).
#' @param newx Matrix or data frame with the training columns.
#' @param s The lambda to use.
#' @param digits Significant digits of the coefficients in the formula.
#' @return `rad_score()`: a numeric vector (one value per row of `newx`);
#'   `rad_score_formula()`: a character string.
#' @examples
#' set.seed(4)
#' x <- matrix(rnorm(120 * 6), 120, 6, dimnames = list(NULL, paste0("feat", 1:6)))
#' y <- rbinom(120, 1, plogis(x[, 1] - x[, 2]))
#' cv <- cv_elastic_net(x, y, family = "binomial", nfolds = 5, seed = 1)
#' head(rad_score(cv, x))
#' rad_score_formula(cv)
#' @export
rad_score <- function(fit, newx, s = "lambda_min") {
  cf <- rad_score_coef(fit, s)
  newx <- check_numeric_matrix(newx, "newx")
  if (ncol(newx) != length(cf) - 1L) {
    radsig_abort(sprintf("`newx` must have %d columns, not %d.", length(cf) - 1L, ncol(newx)),
                 class = "radsig_error_length", arg = "newx")
  }
  drop(newx %*% cf[-1L]) + cf[1L]
}

#' @rdname rad_score
#' @export
rad_score_formula <- function(fit, s = "lambda_min", digits = 4) {
  cf <- rad_score_coef(fit, s)
  terms <- cf[-1L][cf[-1L] != 0]
  out <- sprintf("Rad-score = %s", format(signif(cf[1L], digits)))
  for (nm in names(terms)) {
    b <- signif(terms[[nm]], digits)
    out <- paste0(out, if (b < 0) " - " else " + ", format(abs(b)), " * ", nm)
  }
  out
}

rad_score_coef <- function(fit, s, call = sys.call(-1)) {
  if (inherits(fit, "radsig_cv_enet")) {
    s <- enet_cv_s(fit, s, call = call)
    fit <- fit$fit
  } else if (inherits(fit, "radsig_enet")) {
    if (!is.numeric(s)) {
      radsig_abort("For a fit_elastic_net() model `s` must be a number.",
                   class = "radsig_error_type", arg = "s", call = call)
    }
  } else {
    radsig_abort("`fit` must come from cv_elastic_net() or fit_elastic_net().",
                 class = "radsig_error_type", arg = "fit", call = call)
  }
  if (length(s) != 1L) {
    radsig_abort("`s` must be a single lambda.", class = "radsig_error_length", arg = "s",
                 call = call)
  }
  if (fit$family == "multinomial") {
    radsig_abort("A rad-score needs a gaussian, binomial or cox model (one linear predictor).",
                 class = "radsig_error_value", arg = "fit", call = call)
  }
  cf <- enet_coef_full(fit, s = s, call = call)
  stats::setNames(cf[, 1L], rownames(cf))
}

#' Bootstrap selection frequency of the cross-validated LASSO
#'
#' Refits [cv_elastic_net()] on `B` bootstrap resamples (or subsamples) and reports how
#' often each predictor has a nonzero coefficient at the chosen lambda (Yang et al. 2019).
#'
#' @inheritParams cv_elastic_net
#' @param ... Arguments of [cv_elastic_net()] / [fit_elastic_net()] (e.g. `family`,
#'   `alpha`, `nfolds`, `stratify`).
#' @param B Number of resamples.
#' @param s `"lambda_min"` or `"lambda_1se"`.
#' @param subsample `NULL` for bootstrap resampling, or a fraction in (0, 1) for
#'   subsampling without replacement.
#' @return A data frame with columns `feature`, `frequency` (fraction of resamples in which
#'   the feature was selected) and `count`, sorted by decreasing frequency.
#' @examples
#' set.seed(5)
#' x <- matrix(rnorm(100 * 6), 100, 6, dimnames = list(NULL, paste0("f", 1:6)))
#' y <- rbinom(100, 1, plogis(2 * x[, 1]))
#' selection_frequency(x, y, family = "binomial", nfolds = 5, B = 5, seed = 1)
#' @export
selection_frequency <- function(x, y, ..., B = 100, seed = NULL, s = "lambda_min",
                                subsample = NULL) {
  B <- enet_check_count(B, "B")
  s <- match_choice(s, c("lambda_min", "lambda_1se"), "s")
  x <- check_numeric_matrix(x, "x")
  n <- nrow(x)
  if (!is.null(subsample)) {
    subsample <- check_scalar_number(subsample, "subsample", 0, 1)
    if (subsample <= 0 || subsample >= 1) {
      radsig_abort("`subsample` must be strictly between 0 and 1.",
                   class = "radsig_error_value", arg = "subsample")
    }
  }
  ysub <- function(idx) if (is.null(dim(y))) y[idx] else y[idx, , drop = FALSE]
  draws <- with_seed(seed, lapply(seq_len(B), function(b) {
    idx <- if (is.null(subsample)) sample.int(n, n, replace = TRUE) else
      sample.int(n, floor(subsample * n))
    list(idx = idx, seed = sample.int(.Machine$integer.max, 1L))
  }))
  sel <- vapply(draws, function(d) {
    cv <- cv_elastic_net(x[d$idx, , drop = FALSE], ysub(d$idx), ..., seed = d$seed)
    cf <- enet_coef_full(cv$fit, enet_cv_s(cv, s))
    if (!is.list(cf)) cf <- list(cf)
    Reduce(`|`, lapply(cf, function(b) b[-1L, 1L] != 0))
  }, logical(ncol(x)))
  sel <- matrix(sel, nrow = ncol(x))
  nm <- colnames(x)
  if (is.null(nm)) nm <- paste0("V", seq_len(ncol(x)))
  cnt <- rowSums(sel)
  out <- data.frame(feature = nm, frequency = cnt / B, count = as.integer(cnt))
  out <- out[order(-out$frequency, seq_along(nm)), ]
  rownames(out) <- NULL
  out
}
