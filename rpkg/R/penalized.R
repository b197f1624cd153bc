#' Elastic-net regularisation path (LASSO, ridge, elastic net)
#'
#' Fits the whole elastic-net path by pathwise coordinate descent with warm starts and
#' strong-rule screening, following the conventions of `glmnet::glmnet()` so that the lambda
#' sequence (including where the path stops early) and the coefficients agree with it:
#' predictors are standardised by their weighted 1/n standard deviation, the penalty
#' `lambda * sum(penalty_factor_j * ((1 - alpha)/2 * b_j^2 + alpha * |b_j|))` acts on the
#' standardised coefficients, coefficients are returned on the original scale, the
#' default lambda sequence runs log-linearly from `lambda_max` down to
#' `lambda_min_ratio * lambda_max`, and the path stops when the deviance explained changes
#' by less than 1e-5 or exceeds 0.999 (never with a user `lambda`). For the gaussian family
#' `y` is scaled by its standard deviation internally, exactly as glmnet does, which
#' matters for `alpha < 1`.
#'
#' @param x Numeric matrix or data frame of numeric columns (observations in rows). Column
#'   names are kept. Constant columns get coefficient zero.
#' @param y Response: numeric for `"gaussian"`; two classes (factor, 0/1, ...) for
#'   `"binomial"` (the second level is the event, as glmnet); a factor (or vector) with at
#'   least two classes for `"multinomial"`; a `survival::Surv` object or a two-column
#'   (time, status) matrix for `"cox"`.
#' @param family One of `"gaussian"`, `"binomial"`, `"multinomial"` (glmnet's
#'   `type.multinomial = "ungrouped"`; `coef()` and `predict()` then give one coefficient
#'   matrix per class and 3-d arrays, as glmnet) or `"cox"` (Breslow partial likelihood, no
#'   intercept; `coef()` then has no intercept row, as glmnet).
#' @param alpha Elastic-net mixing in `[0, 1]`: 1 = LASSO, 0 = ridge.
#' @param lambda Optional user lambda sequence (sorted decreasingly; no early stop).
#' @param nlambda Number of lambdas of the automatic sequence.
#' @param lambda_min_ratio Smallest lambda as a fraction of `lambda_max`; default 0.01 when
#'   `nrow(x) < ncol(x)`, else 1e-4.
#' @param standardize Standardise the predictors (coefficients are still reported on the
#'   original scale).
#' @param intercept Fit an intercept (ignored for `"cox"`).
#' @param weights Non-negative observation weights (normalised internally).
#' @param offset Optional offset added to the linear predictor (an `n x K` matrix for
#'   `"multinomial"`).
#' @param penalty_factor Non-negative per-predictor penalty multipliers (rescaled to sum to
#'   `ncol(x)` as glmnet does); 0 = unpenalised, `Inf` = excluded.
#' @param lower_limits,upper_limits Bounds for the coefficients (length 1 or `ncol(x)`).
#' @param thresh Convergence threshold of coordinate descent (relative to the null
#'   deviance), as glmnet's `thresh`.
#' @param maxit Maximum number of coordinate-descent passes.
#' @param dfmax Stop the path once more than `dfmax` predictors are nonzero.
#' @param exclude Indices of predictors kept at zero.
#' @param ties Cox ties handling: `"breslow"` (glmnet's, the default) or `"efron"` (as
#'   `survival::coxph()`; glmnet has no Efron option, so the deviance ratio and the early
#'   stop still use the Breslow saturated log-likelihood).
#' @return An object of class `radsig_enet`: `a0` (intercepts), `beta` (a `p x L` matrix of
#'   coefficients; for multinomial a `K x L` intercept matrix and a list of `K` matrices),
#'   `lambda`, `dev_ratio`, `nulldev`, `df`, `npasses` and the settings used.
#' @seealso [cv_elastic_net()], [coef.radsig_enet()], [predict.radsig_enet()]
#' @examples
#' set.seed(1)
#' x <- matrix(rnorm(100 * 20), 100, 20, dimnames = list(NULL, paste0("f", 1:20)))
#' y <- rbinom(100, 1, plogis(x[, 1] - x[, 2]))
#' fit <- fit_elastic_net(x, y, family = "binomial")
#' fit
#' coef(fit, s = 0.05)
#' predict(fit, x[1:3, ], s = 0.05, type = "response")
#' @export
fit_elastic_net <- function(x, y, family = c("gaussian", "binomial", "multinomial", "cox"),
                            alpha = 1, lambda = NULL, nlambda = 100,
                            lambda_min_ratio = NULL, standardize = TRUE, intercept = TRUE,
                            weights = NULL, offset = NULL, penalty_factor = NULL,
                            lower_limits = -Inf, upper_limits = Inf, thresh = 1e-7,
                            maxit = 1e5, dfmax = NULL, exclude = NULL,
                            ties = c("breslow", "efron")) {
  call <- match.call()
  prep <- enet_prepare(x, y, family, alpha, lambda, nlambda, lambda_min_ratio, standardize,
                       intercept, weights, offset, penalty_factor, lower_limits,
                       upper_limits, thresh, maxit, dfmax, exclude, ties)
  enet_fit_prepared(prep, call)
}

# Validates every argument once; returns what the core needs plus metadata.
enet_prepare <- function(x, y, family, alpha, lambda, nlambda, lambda_min_ratio,
                         standardize, intercept, weights, offset, penalty_factor,
                         lower_limits, upper_limits, thresh, maxit, dfmax, exclude, ties,
                         call = sys.call(-1)) {
  family <- match_choice(family, c("gaussian", "binomial", "multinomial", "cox"), "family",
                         call = call)
  ties <- match_choice(ties, c("breslow", "efron"), "ties", call = call)
  x <- enet_check_x(x, call = call)
  n <- nrow(x)
  p <- ncol(x)
  if (n < 2L) {
    radsig_abort("`x` needs at least 2 rows.", class = "radsig_error_length", arg = "x",
                 call = call)
  }
  xnames <- colnames(x)
  if (is.null(xnames)) xnames <- paste0("V", seq_len(p))
  resp <- enet_response(y, family, n, call = call)
  alpha <- check_scalar_number(alpha, "alpha", 0, 1, call = call)
  nlambda <- enet_check_count(nlambda, "nlambda", call = call)
  if (!is.null(lambda_min_ratio)) {
    lambda_min_ratio <- check_scalar_number(lambda_min_ratio, "lambda_min_ratio", 0, 1,
                                            call = call)
    if (lambda_min_ratio <= 0 || lambda_min_ratio >= 1) {
      radsig_abort("`lambda_min_ratio` must be strictly between 0 and 1.",
                   class = "radsig_error_value", arg = "lambda_min_ratio", call = call)
    }
  }
  standardize <- enet_check_flag(standardize, "standardize", call = call)
  intercept <- enet_check_flag(intercept, "intercept", call = call)
  if (family == "cox") intercept <- FALSE
  thresh <- check_scalar_number(thresh, "thresh", 0, Inf, call = call)
  if (thresh <= 0) {
    radsig_abort("`thresh` must be positive.", class = "radsig_error_value", arg = "thresh",
                 call = call)
  }
  maxit <- enet_check_count(maxit, "maxit", call = call)
  pf <- enet_penalty_factor(penalty_factor, p, call = call)
  excl <- integer(0)
  if (!is.null(exclude)) {
    if (!is.numeric(exclude) || anyNA(exclude) || any(exclude < 1 | exclude > p)) {
      radsig_abort("`exclude` must hold column indices of `x`.", class = "radsig_error_value",
                   arg = "exclude", call = call)
    }
    excl <- as.integer(exclude)
  }
  if (length(pf) && any(is.infinite(pf))) {
    excl <- c(excl, which(is.infinite(pf)))
    pf[is.infinite(pf)] <- 1
  }
  dfmax <- if (is.null(dfmax)) -1L else enet_check_count(dfmax, "dfmax", lower = 0, call = call)
  control <- list(
    alpha = alpha, nlambda = nlambda,
    lambda_min_ratio = if (is.null(lambda_min_ratio)) -1 else lambda_min_ratio,
    lambda = enet_lambda(lambda, call = call), standardize = standardize,
    intercept = intercept, thresh = thresh, maxit = maxit, penalty_factor = as.double(pf),
    lower_limits = enet_limits(lower_limits, p, "lower_limits", TRUE, call = call),
    upper_limits = enet_limits(upper_limits, p, "upper_limits", FALSE, call = call),
    dfmax = dfmax, exclude = sort(unique(excl)), efron = ties == "efron")
  list(x = x, y = resp$y, classnames = resp$classnames, family = family,
       weights = enet_weights(weights, n, call = call),
       offset = enet_offset(offset, n, k = if (family == "multinomial") ncol(resp$y) else 1L,
                            call = call), control = control, xnames = xnames,
       user_lambda = !is.null(lambda))
}

# Runs the core on prepared input (also used for the CV folds).
enet_fit_prepared <- function(prep, call = NULL, rows = NULL) {
  x <- prep$x
  y <- prep$y
  w <- prep$weights
  off <- prep$offset
  if (!is.null(rows)) {
    x <- x[rows, , drop = FALSE]
    y <- y[rows, , drop = FALSE]
    w <- w[rows]
    if (!is.null(off)) off <- off[rows, , drop = FALSE]
  }
  offm <- if (is.null(off)) matrix(0, 0, 0) else off
  res <- call_core(enet_path_cpp(x, y, prep$family, w, offm, prep$control))
  if (res$status != 0) warning(res$message, call. = FALSE)
  L <- length(res$lambda)
  snames <- paste0("s", seq_len(L) - 1L)
  if (prep$family == "multinomial") {
    beta <- lapply(res$beta, function(b) {
      dimnames(b) <- list(prep$xnames, snames)
      b
    })
    names(beta) <- prep$classnames
    a0 <- res$a0
    dimnames(a0) <- list(prep$classnames, snames)
  } else {
    beta <- res$beta[[1L]]
    dimnames(beta) <- list(prep$xnames, snames)
    a0 <- drop(res$a0)
    names(a0) <- snames
  }
  structure(list(
    call = call, family = prep$family, a0 = a0, beta = beta, lambda = res$lambda,
    dev_ratio = res$dev_ratio, nulldev = res$nulldev, df = res$df, npasses = res$npasses,
    alpha = prep$control$alpha, offset = !is.null(off), classnames = prep$classnames,
    nobs = nrow(x), standardize = prep$control$standardize,
    intercept = prep$control$intercept), class = "radsig_enet")
}

#' @export
print.radsig_enet <- function(x, digits = max(3, getOption("digits") - 3), ...) {
  cat(sprintf("Elastic-net path (%s, alpha = %s): %d lambdas, n = %d\n", x$family,
              format(x$alpha), length(x$lambda), x$nobs))
  tab <- data.frame(Df = x$df, `%Dev` = round(100 * x$dev_ratio, 2),
                    Lambda = signif(x$lambda, digits), check.names = FALSE)
  print(tab, ...)
  invisible(x)
}

# For each s: indices of the bracketing path lambdas and the weight of the left one
# (linear interpolation on the lambda scale, clamped to the path's range, as glmnet).
enet_interp <- function(lambda, s) {
  k <- length(lambda)
  if (k == 1L) {
    return(list(left = rep(1L, length(s)), right = rep(1L, length(s)),
                frac = rep(1, length(s))))
  }
  s <- pmin(pmax(s, lambda[k]), lambda[1L])
  span <- lambda[1L] - lambda[k]
  t <- (lambda[1L] - s) / span
  pos <- (lambda[1L] - lambda) / span
  coord <- stats::approx(pos, seq_len(k), t)$y
  left <- floor(coord)
  right <- ceiling(coord)
  frac <- (t - pos[right]) / (pos[left] - pos[right])
  frac[left == right] <- 1
  frac[abs(pos[left] - pos[right]) < .Machine$double.eps] <- 1
  list(left = left, right = right, frac = frac)
}

enet_resolve_s <- function(s, arg = "s", call = sys.call(-1)) {
  if (!is.numeric(s) || anyNA(s) || any(s < 0)) {
    radsig_abort(sprintf("`%s` must hold non-negative lambda values.", arg),
                 class = "radsig_error_value", arg = arg, call = call)
  }
  as.double(s)
}

#' Coefficients of an elastic-net path
#'
#' @param object A `radsig_enet` fit.
#' @param s Lambda values; `NULL` gives every lambda of the path. Values between the path's
#'   lambdas are linearly interpolated (glmnet's `exact = FALSE`).
#' @param ... Unused.
#' @return A matrix with the intercept in the first row and one column per lambda.
#' @examples
#' set.seed(1)
#' x <- matrix(rnorm(50 * 5), 50, 5)
#' fit <- fit_elastic_net(x, x[, 1] + rnorm(50))
#' coef(fit, s = c(0.5, 0.1))
#' @export
coef.radsig_enet <- function(object, s = NULL, ...) {
  out <- enet_coef_full(object, s)
  if (object$family == "cox") out[-1L, , drop = FALSE] else out
}

# Coefficients with the intercept row (zero for cox); a list per class for multinomial.
enet_coef_full <- function(object, s = NULL, call = sys.call(-1)) {
  if (object$family == "multinomial") {
    out <- lapply(seq_along(object$beta), function(k) {
      enet_coef_one(object$a0[k, ], object$beta[[k]], object$lambda, s, call)
    })
    names(out) <- names(object$beta)
    return(out)
  }
  enet_coef_one(object$a0, object$beta, object$lambda, s, call)
}

enet_coef_one <- function(a0, beta, lambda, s, call) {
  full <- rbind(`(Intercept)` = a0, beta)
  if (is.null(s)) return(full)
  s <- enet_resolve_s(s, call = call)
  ip <- enet_interp(lambda, s)
  out <- full[, ip$left, drop = FALSE] %*% diag(ip$frac, length(s)) +
    full[, ip$right, drop = FALSE] %*% diag(1 - ip$frac, length(s))
  dimnames(out) <- list(rownames(full), paste0("s", seq_along(s) - 1L))
  out
}

#' Predictions from an elastic-net path
#'
#' @param object A `radsig_enet` fit.
#' @param newx Matrix or data frame with the same columns as the training `x` (not needed
#'   for `type = "coefficients"` or `"nonzero"`).
#' @param s Lambda values (default: the whole path).
#' @param type `"link"` (linear predictor), `"response"` (mean / probability / relative
#'   risk), `"class"` (binomial), `"coefficients"` or `"nonzero"`.
#' @param newoffset Offset for `newx` when the model was fitted with one.
#' @param ... Unused.
#' @return A matrix with one column per value of `s` (a list for `"nonzero"`).
#' @examples
#' set.seed(1)
#' x <- matrix(rnorm(50 * 5), 50, 5)
#' fit <- fit_elastic_net(x, x[, 1] + rnorm(50))
#' predict(fit, x[1:2, ], s = 0.1)
#' @export
predict.radsig_enet <- function(object, newx = NULL, s = NULL,
                                type = c("link", "response", "class", "coefficients",
                                         "nonzero"), newoffset = NULL, ...) {
  type <- match_choice(type, c("link", "response", "class", "coefficients", "nonzero"),
                       "type")
  if (type == "coefficients") return(stats::coef(object, s = s))
  cf <- enet_coef_full(object, s)
  if (object$family == "multinomial") {
    return(enet_predict_multinomial(object, cf, newx, type, newoffset))
  }
  if (type == "nonzero") {
    b <- cf[-1L, , drop = FALSE]
    return(lapply(seq_len(ncol(b)), function(j) which(b[, j] != 0)))
  }
  if (type == "class" && object$family != "binomial") {
    radsig_abort("`type = \"class\"` is only available for the binomial and multinomial families.",
                 class = "radsig_error_value", arg = "type")
  }
  if (is.null(newx)) {
    radsig_abort("`newx` is required for this prediction type.",
                 class = "radsig_error_missing", arg = "newx")
  }
  newx <- check_numeric_matrix(newx, "newx")
  if (ncol(newx) != nrow(object$beta)) {
    radsig_abort(sprintf("`newx` must have %d columns, not %d.", nrow(object$beta),
                         ncol(newx)), class = "radsig_error_length", arg = "newx")
  }
  eta <- newx %*% cf[-1L, , drop = FALSE]
  if (object$family != "cox") eta <- sweep(eta, 2L, cf[1L, ], "+")
  if (object$offset) {
    if (is.null(newoffset)) {
      radsig_abort("The model was fitted with an offset: supply `newoffset`.",
                   class = "radsig_error_missing", arg = "newoffset")
    }
    newoffset <- enet_offset(newoffset, nrow(newx))
    eta <- eta + drop(newoffset)
  }
  switch(type,
    link = eta,
    response = switch(object$family, binomial = 1 / (1 + exp(-eta)), cox = exp(eta), eta),
    class = {
      cls <- ifelse(eta > 0, object$classnames[2L], object$classnames[1L])
      dim(cls) <- dim(eta)
      dimnames(cls) <- dimnames(eta)
      cls
    })
}

#' Plot the coefficient paths
#'
#' @param x A `radsig_enet` fit.
#' @param xvar Horizontal axis: `"lambda"` (log lambda), `"norm"` (L1 norm) or `"dev"`
#'   (fraction of deviance explained).
#' @param label Label the curves with the predictor names.
#' @param ... Passed to [graphics::matplot()].
#' @return The fit, invisibly.
#' @examples
#' set.seed(1)
#' x <- matrix(rnorm(50 * 5), 50, 5)
#' plot(fit_elastic_net(x, x[, 1] + rnorm(50)))
#' @export
plot.radsig_enet <- function(x, xvar = c("lambda", "norm", "dev"), label = FALSE, ...) {
  xvar <- match_choice(xvar, c("lambda", "norm", "dev"), "xvar")
  if (x$family == "multinomial") {
    for (k in names(x$beta)) {
      y <- x
      y$family <- "single class"
      y$beta <- x$beta[[k]]
      plot.radsig_enet(y, xvar = xvar, label = label, main = k, ...)
    }
    return(invisible(x))
  }
  b <- x$beta
  h <- switch(xvar, lambda = log(x$lambda), norm = colSums(abs(b)), dev = x$dev_ratio)
  xlab <- switch(xvar, lambda = "Log Lambda", norm = "L1 Norm",
                 dev = "Fraction Deviance Explained")
  graphics::matplot(h, t(b), type = "l", lty = 1, xlab = xlab, ylab = "Coefficients", ...)
  graphics::axis(3, at = h, labels = x$df, tick = FALSE, line = -0.5, cex.axis = 0.7)
  if (label) {
    nz <- which(b[, ncol(b)] != 0)
    if (length(nz)) {
      graphics::text(h[length(h)], b[nz, ncol(b)], rownames(b)[nz], pos = 4, cex = 0.6,
                     xpd = TRUE)
    }
  }
  invisible(x)
}

# Multinomial predictions: link/response arrays n x K x |s| (as glmnet), class matrix.
enet_predict_multinomial <- function(object, cf, newx, type, newoffset,
                                     call = sys.call(-1)) {
  if (type == "nonzero") {
    return(lapply(cf, function(b) {
      lapply(seq_len(ncol(b)), function(j) which(b[-1L, j] != 0))
    }))
  }
  if (is.null(newx)) {
    radsig_abort("`newx` is required for this prediction type.",
                 class = "radsig_error_missing", arg = "newx", call = call)
  }
  newx <- check_numeric_matrix(newx, "newx", call = call)
  p <- nrow(cf[[1L]]) - 1L
  if (ncol(newx) != p) {
    radsig_abort(sprintf("`newx` must have %d columns, not %d.", p, ncol(newx)),
                 class = "radsig_error_length", arg = "newx", call = call)
  }
  K <- length(cf)
  ns <- ncol(cf[[1L]])
  eta <- array(0, c(nrow(newx), K, ns),
               dimnames = list(rownames(newx), names(cf), colnames(cf[[1L]])))
  for (k in seq_len(K)) eta[, k, ] <- cbind(1, newx) %*% cf[[k]]
  if (object$offset) {
    if (is.null(newoffset)) {
      radsig_abort("The model was fitted with an offset: supply `newoffset`.",
                   class = "radsig_error_missing", arg = "newoffset", call = call)
    }
    newoffset <- enet_offset(newoffset, nrow(newx), k = K, call = call)
    for (j in seq_len(ns)) eta[, , j] <- eta[, , j] + newoffset
  }
  if (type == "link") return(eta)
  pr <- exp(eta)
  tot <- apply(pr, c(1, 3), sum)
  for (k in seq_len(K)) pr[, k, ] <- pr[, k, ] / tot
  if (type == "response") return(pr)
  cls <- apply(eta, 3, function(e) names(cf)[max.col(matrix(e, ncol = K), "first")])
  matrix(cls, nrow = nrow(newx), dimnames = list(rownames(newx), colnames(cf[[1L]])))
}
