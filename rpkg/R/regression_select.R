#' Odds-ratio table from univariable and multivariable logistic regression
#'
#' For each predictor, a univariable logistic model gives odds ratios (Wald 95% CI, Wald
#' p-value) for each of its terms (one row per factor level). Predictors whose univariable
#' likelihood-ratio p-value is below `p_enter` enter one multivariable model whose odds
#' ratios fill the `multi_*` columns (NA for predictors that did not enter). The layout is
#' that of a typical "Table 2" of a radiomics nomogram paper.
#'
#' @param data A data frame.
#' @param outcome Name of the binary outcome column.
#' @param predictors Names of the predictor columns.
#' @param multivariable Fit the multivariable model.
#' @param p_enter Entry threshold (univariable LR-test p-value) for the multivariable model.
#' @param level Confidence level.
#' @param na_action Passed to [fit_logistic()].
#' @return A data frame with columns `predictor`, `term`, `uni_or`, `uni_lower`,
#'   `uni_upper`, `uni_p`, `entered`, `multi_or`, `multi_lower`, `multi_upper`, `multi_p`.
#' @examples
#' set.seed(1)
#' d <- data.frame(x1 = rnorm(80), x2 = rnorm(80), g = factor(sample(c("a", "b"), 80, TRUE)))
#' d$y <- rbinom(80, 1, plogis(d$x1))
#' odds_ratio_table(d, "y", c("x1", "x2", "g"), p_enter = 0.2)
#' @export
odds_ratio_table <- function(data, outcome, predictors, multivariable = TRUE, p_enter = 0.05,
                             level = 0.95, na_action = "omit") {
  check_data_frame(data)
  if (!is.character(outcome) || length(outcome) != 1L || !outcome %in% names(data)) {
    radsig_abort("`outcome` must name one column of `data`.", arg = "outcome")
  }
  if (!is.character(predictors) || !length(predictors) || !all(predictors %in% names(data))) {
    bad <- setdiff(predictors, names(data))
    radsig_abort(sprintf("`predictors` must name columns of `data`; unknown: %s.",
                         paste(bad, collapse = ", ")), arg = "predictors")
  }
  check_scalar_number(p_enter, "p_enter", lower = 0, upper = 1)
  check_level(level)
  rows <- list()
  entered <- character()
  uni_tab <- lapply(predictors, function(v) {
    f <- stats::reformulate(sprintf("`%s`", v), response = sprintf("`%s`", outcome))
    fit <- suppressMessages(fit_logistic(f, data, na_action = na_action))
    s <- summary(fit, level = level)$coefficients
    s <- s[s$term != "(Intercept)", , drop = FALSE]
    if (fit$lr_test[["p_value"]] < p_enter) entered <<- c(entered, v)
    data.frame(predictor = v, term = s$term, uni_or = s$odds_ratio, uni_lower = s$or_lower,
               uni_upper = s$or_upper, uni_p = s$p_value, stringsAsFactors = FALSE)
  })
  out <- do.call(rbind, uni_tab)
  out$entered <- out$predictor %in% entered
  out$multi_or <- out$multi_lower <- out$multi_upper <- out$multi_p <- NA_real_
  if (multivariable && length(entered)) {
    f <- stats::reformulate(sprintf("`%s`", entered), response = sprintf("`%s`", outcome))
    fit <- suppressMessages(fit_logistic(f, data, na_action = na_action))
    s <- summary(fit, level = level)$coefficients
    m <- match(out$term, gsub("`", "", s$term))
    out$multi_or <- s$odds_ratio[m]
    out$multi_lower <- s$or_lower[m]
    out$multi_upper <- s$or_upper[m]
    out$multi_p <- s$p_value[m]
  }
  out$term <- gsub("`", "", out$term)
  out <- out[, c("predictor", "term", "uni_or", "uni_lower", "uni_upper", "uni_p", "entered",
                 "multi_or", "multi_lower", "multi_upper", "multi_p")]
  rownames(out) <- NULL
  out
}

#' Stepwise model selection by AIC
#'
#' Backward, forward or bidirectional selection by AIC with the rules of `stats::step`:
#' at each step every allowed single-term deletion (respecting marginality) and addition is
#' refitted and the move with the smallest AIC (`deviance + k * edf`) is taken; the search
#' stops when no move improves the AIC by more than 1e-7.
#'
#' @param fit A `radsig_logistic` fit.
#' @param scope `NULL` (only deletions of current terms, or re-adding them with "both"),
#'   a formula giving the upper model, or a list with `lower` and `upper` formulas.
#' @param direction `"backward"`, `"both"` or `"forward"`.
#' @param k Penalty per degree of freedom (2 = AIC, `log(n)` = BIC).
#' @param steps Maximum number of steps.
#' @return The selected `radsig_logistic` fit with an `anova` data frame describing the path
#'   (`Step`, `Df`, `Deviance`, `Resid. Df`, `Resid. Dev`, `AIC`, as `step()$anova`).
#' @examples
#' set.seed(2)
#' d <- data.frame(x1 = rnorm(100), x2 = rnorm(100), x3 = rnorm(100))
#' d$y <- rbinom(100, 1, plogis(d$x1))
#' sel <- step_aic(fit_logistic(y ~ x1 + x2 + x3, d))
#' sel$anova
#' @export
step_aic <- function(fit, scope = NULL, direction = c("backward", "both", "forward"), k = 2,
                     steps = 1000L) {
  if (!inherits(fit, "radsig_logistic")) {
    radsig_abort("`fit` must be a radsig_logistic fit from fit_logistic().",
                 class = "radsig_error_type", arg = "fit")
  }
  direction <- match_choice(direction, c("backward", "both", "forward"), "direction")
  check_scalar_number(k, "k", lower = 0)
  backward <- direction %in% c("backward", "both")
  forward <- direction %in% c("forward", "both")
  fml <- fit$formula
  if (is.null(scope)) {
    fdrop <- numeric()
    fadd <- attr(fit$terms, "factors")
  } else if (inherits(scope, "formula")) {
    fdrop <- numeric()
    fadd <- attr(stats::terms(stats::update.formula(fml, scope)), "factors")
  } else if (is.list(scope)) {
    fdrop <- if (!is.null(scope$lower)) attr(stats::terms(stats::update.formula(fml, scope$lower)), "factors") else numeric()
    fadd <- if (!is.null(scope$upper)) attr(stats::terms(stats::update.formula(fml, scope$upper)), "factors") else NULL
  } else {
    radsig_abort("`scope` must be NULL, a formula or a list(lower, upper).",
                 class = "radsig_error_type", arg = "scope")
  }
  refit <- function(f) {
    suppressMessages(fit_logistic(f, fit$data, weights = fit$weights, offset = fit$offset,
                                  na_action = "fail"))
  }
  aic_of <- function(m) m$aic + (k - 2) * m$rank
  cur <- fit
  cur_aic <- aic_of(cur)
  path <- data.frame(Step = "", Df = NA_real_, Deviance = NA_real_,
                     `Resid. Df` = cur$df_residual, `Resid. Dev` = cur$deviance,
                     AIC = cur_aic, check.names = FALSE, stringsAsFactors = FALSE)
  nstep <- 0L
  while (nstep < steps) {
    tt <- cur$terms
    cands <- list()
    sc <- step_scope(attr(tt, "factors"), fdrop, fadd)
    if (backward) {
      for (term in sc$drop) cands[[paste("-", term)]] <- stats::update.formula(cur$formula,
                                                        stats::as.formula(paste(". ~ . -", term)))
    }
    if (forward) {
      for (term in sc$add) cands[[paste("+", term)]] <- stats::update.formula(cur$formula,
                                                        stats::as.formula(paste(". ~ . +", term)))
    }
    if (!length(cands)) break
    fits <- lapply(cands, refit)
    aics <- vapply(fits, aic_of, numeric(1))
    best <- which.min(aics)
    if (aics[best] >= cur_aic + 1e-7) break
    nf <- fits[[best]]
    path <- rbind(path, data.frame(Step = names(cands)[best],
                                   Df = nf$df_residual - cur$df_residual,
                                   Deviance = abs(cur$deviance - nf$deviance),
                                   `Resid. Df` = nf$df_residual, `Resid. Dev` = nf$deviance,
                                   AIC = aics[[best]], check.names = FALSE,
                                   stringsAsFactors = FALSE))
    nf$call$formula <- nf$formula
    cur <- nf
    cur_aic <- aics[[best]]
    nstep <- nstep + 1L
  }
  rownames(path) <- NULL
  cur$anova <- path
  cur
}

# Terms that may be dropped (in the model, not in the lower scope, not contained in another
# model term) and added (in the upper scope, not in the model, no lower-order candidate
# pending), following the marginality rules of stats::step.
step_scope <- function(factors, lower, upper) {
  canon <- function(nm) if (is.null(nm)) character() else vapply(strsplit(nm, ":", fixed = TRUE),
                               function(v) paste(sort(v), collapse = ":"), character(1))
  contains <- function(fac) {  # contains[i, j]: all variables of term i appear in term j
    b <- fac > 0
    f <- crossprod(b)
    f == matrix(diag(f), nrow(f), ncol(f))
  }
  model_terms <- colnames(factors)
  drop <- character()
  if (length(model_terms)) {
    cand <- !canon(model_terms) %in% canon(colnames(lower))
    if (length(lower) && !all(canon(colnames(lower)) %in% canon(model_terms))) {
      radsig_abort("the lower scope has terms not included in the model.", arg = "scope")
    }
    inside <- contains(factors)
    diag(inside) <- FALSE
    drop <- model_terms[cand & !apply(inside, 1L, any)]
  }
  add <- character()
  if (length(upper)) {
    up <- colnames(upper)
    if (length(model_terms) && !all(canon(model_terms) %in% canon(up))) {
      radsig_abort("the upper scope does not include all terms of the model.", arg = "scope")
    }
    keep <- !canon(up) %in% canon(model_terms)
    fa <- upper[, keep, drop = FALSE]
    if (ncol(fa) > 1L) {
      inside <- contains(fa)
      diag(inside) <- FALSE
      add <- colnames(fa)[!apply(inside, 2L, any)]
    } else {
      add <- colnames(fa)
    }
  }
  list(drop = drop, add = add)
}
