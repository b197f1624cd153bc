#' Cross-validated elastic net
#'
#' K-fold cross-validation of [fit_elastic_net()] computed as `glmnet::cv.glmnet()` does:
#' the full data fix the lambda sequence; every training fold is fitted with its own lambda
#' path and its held-out predictions at the full-data lambdas come from linear
#' interpolation of the fold's coefficients; per-fold weighted means of the loss give the
#' CV curve `cvm` and its standard error `cvsd`; `lambda_min` is the largest lambda
#' attaining the minimum and `lambda_1se` the largest lambda whose `cvm` is within one SE of
#' it. With the same `foldid` the numbers equal cv.glmnet's.
#'
#' **Folds.** With `stratify = FALSE`, folds are `sample(rep(seq_len(nfolds), length.out =
#' n))` drawn after `set.seed(seed)`, i.e. exactly the folds `cv.glmnet(nfolds = nfolds)`
#' draws after the same `set.seed()`. The default `stratify = TRUE` instead balances the
#' classes (binomial, multinomial) or events (cox) across folds, so its folds differ from
#' cv.glmnet's.
#' `seed` is applied locally (the global random stream is restored afterwards).
#'
#' **Repeats.** With `repeats > 1` the fold assignment is redrawn `repeats` times (from one
#' seeded stream); `cvm` and `cvsd` are the averages of the per-repeat curves.
#'
#' **Parallel.** The full-data fit and the fold fits run through
#' `future.apply::future_lapply()` as independent tasks, grouped by size into one future
#' per worker of the current `future::plan()`; the results do not depend on the plan (the
#' fits use no random numbers). Progress is reported through `progressr` (wrap the call in
#' `progressr::with_progress()`).
#'
#' @inheritParams fit_elastic_net
#' @param ... Further arguments of [fit_elastic_net()] (`alpha`, `standardize`,
#'   `penalty_factor`, `thresh`, ...).
#' @param nfolds Number of folds (at least 3).
#' @param repeats Number of repeated fold assignments.
#' @param foldid Optional fold assignment: an integer vector of length `nrow(x)` with
#'   values `1..K` (or a matrix with one column per repeat).
#' @param stratify Balance classes / events across folds (see Details).
#' @param type_measure Loss: `"default"` (`"mse"` for gaussian, `"deviance"` otherwise),
#'   `"deviance"`, `"mse"`, `"mae"`, `"class"` (binomial, multinomial), `"auc"` (binomial;
#'   ties in the predictions count 1/2, where cv.glmnet breaks them at random), `"C"`
#'   (cox, Harrell's C from `survival::concordance()`).
#' @param seed Optional seed (a whole number) for the fold assignment.
#' @return An object of class `radsig_cv_enet` with `lambda`, `cvm`, `cvsd`, `cvup`,
#'   `cvlo`, `nzero`, `lambda_min`, `lambda_1se`, `index`, `foldid`, `fit` (the full-data
#'   [fit_elastic_net()] fit) and `measure`.
#' @examples
#' set.seed(2)
#' x <- matrix(rnorm(120 * 10), 120, 10)
#' y <- rbinom(120, 1, plogis(x[, 1]))
#' cv <- cv_elastic_net(x, y, family = "binomial", nfolds = 5, seed = 1)
#' cv
#' coef(cv, s = "lambda_min")
#' @export
cv_elastic_net <- function(x, y, family = c("gaussian", "binomial", "multinomial", "cox"),
                           ..., weights = NULL, offset = NULL, lambda = NULL, nfolds = 10,
                           repeats = 1, foldid = NULL, stratify = TRUE,
                           type_measure = c("default", "deviance", "mse", "mae", "auc",
                                            "class", "C"), seed = NULL) {
  call <- match.call()
  prep <- enet_prepare_dots(x, y, family, weights, offset, lambda, list(...))
  fam <- prep$family
  N <- nrow(prep$x)
  type_measure <- enet_measure(type_measure, fam)
  stratify <- enet_check_flag(stratify, "stratify")
  repeats <- enet_check_count(repeats, "repeats")
  foldid <- enet_folds(foldid, N, nfolds, repeats, stratify, seed, prep)
  repeats <- ncol(foldid)
  nfolds <- max(foldid)
  if (type_measure == "auc" && N / nfolds < 10) {
    warning("Too few (< 10) observations per fold for type_measure = \"auc\"; using \"deviance\".",
            call. = FALSE)
    type_measure <- "deviance"
  }
  # Task 0 is the full-data fit; the fold fits do not depend on it (each fold fits its own
  # lambda path, as cv.glmnet), so all tasks run in parallel and the held-out predictions
  # are interpolated at the full-data lambdas afterwards.
  tasks <- expand.grid(fold = seq_len(nfolds), rep = seq_len(repeats))
  progress <- progressr::progressor(steps = nrow(tasks) + 1L)
  # costs ~ number of training rows; the groups (one future each) are balanced
  cost <- c(N, vapply(seq_len(nrow(tasks)), function(t) {
    sum(foldid[, tasks$rep[t]] != tasks$fold[t])
  }, numeric(1)))
  groups <- enet_task_groups(cost, future::nbrOfWorkers())
  # a namespace function as FUN and the data as arguments: each future exports them once
  res <- future.apply::future_lapply(groups, enet_cv_run_group, prep = prep,
                                     foldid = foldid, tasks = tasks, progress = progress,
                                     future.seed = NULL,
                                     future.scheduling = 1)
  res <- unlist(res, recursive = FALSE)[order(unlist(groups))]
  fit <- res[[1L]]
  fit$call <- call
  lambda_full <- fit$lambda
  preds <- lapply(res[-1L], enet_cv_fold_predict, lambda = lambda_full, fam = fam)
  curves <- lapply(seq_len(repeats), function(r) {
    ts <- which(tasks$rep == r)
    if (fam == "multinomial") {
      predmat <- array(NA_real_, c(N, ncol(prep$y), length(lambda_full)))
      for (t in ts) predmat[foldid[, r] == tasks$fold[t], , ] <- preds[[t]]$pred
      return(enet_multinomial_cv_curve(predmat, prep, foldid[, r], type_measure))
    }
    predmat <- matrix(NA_real_, N, length(lambda_full))
    for (t in ts) predmat[foldid[, r] == tasks$fold[t], ] <- preds[[t]]$pred
    if (fam == "cox") {
      coefs <- lapply(ts[order(tasks$fold[ts])], function(t) preds[[t]]$coef)
      return(enet_cox_cv_curve(predmat, prep, foldid[, r], type_measure, coefs))
    }
    enet_cv_curve(predmat, prep, foldid[, r], type_measure)
  })
  cvm <- rowMeans(vapply(curves, `[[`, numeric(length(lambda_full)), "cvm"))
  cvsd <- rowMeans(vapply(curves, `[[`, numeric(length(lambda_full)), "cvsd"))
  ok <- !is.na(cvsd)
  lam <- lambda_full[ok]
  cvm <- cvm[ok]
  cvsd <- cvsd[ok]
  opt <- enet_cv_optimum(lam, cvm, cvsd, higher_better = type_measure %in% c("auc", "C"))
  structure(list(
    call = call, lambda = lam, cvm = cvm, cvsd = cvsd, cvup = cvm + cvsd, cvlo = cvm - cvsd,
    nzero = fit$df[ok], measure = type_measure, lambda_min = opt$lambda_min,
    lambda_1se = opt$lambda_1se, index = opt$index, foldid = foldid, fit = fit,
    repeats = repeats, nfolds = nfolds), class = "radsig_cv_enet")
}

# Runs tasks `ts` of cv_elastic_net(): 0 = the full-data fit, t > 0 = row t of `tasks`.
enet_cv_run_group <- function(ts, prep, foldid, tasks, progress) {
  prep_fold <- prep
  prep_fold$control$lambda <- if (prep$user_lambda) prep$control$lambda else numeric(0)
  lapply(ts, function(t) {
    if (t == 0L) {
      out <- enet_fit_prepared(prep)
    } else {
      held <- foldid[, tasks$rep[t]] == tasks$fold[t]
      out <- enet_cv_fold(prep_fold, held, prep$family)
    }
    progress()
    out
  })
}

# One fold: the fit on the training rows and, except for cox, the held-out link
# predictions at the fold's own lambdas (interpolated later at the full-data lambdas:
# predictions are linear in the coefficients). Cox keeps the coefficients (the deviance
# needs them) and predicts on the master, offset-free as cv.glmnet.
enet_cv_fold <- function(prep, held, fam) {
  fold_fit <- suppressWarnings(enet_fit_prepared(prep, rows = !held))
  out <- list(lambda = fold_fit$lambda, held = held)
  if (fam == "cox") {
    out$fit <- fold_fit
    out$x_held <- prep$x[held, , drop = FALSE]
  } else {
    out$pred <- stats::predict(fold_fit, prep$x[held, , drop = FALSE], type = "link",
                               newoffset = if (is.null(prep$offset)) NULL else
                                 prep$offset[held, , drop = FALSE])
  }
  out
}

enet_cv_fold_predict <- function(f, lambda, fam) {
  if (fam == "cox") {
    cf <- enet_coef_full(f$fit, lambda)[-1L, , drop = FALSE]
    return(list(pred = f$x_held %*% cf, coef = cf))
  }
  ip <- enet_interp(f$lambda, lambda)
  if (fam == "multinomial") {
    pr <- f$pred
    out <- pr[, , ip$left, drop = FALSE] *
      rep(ip$frac, each = dim(pr)[1L] * dim(pr)[2L]) +
      pr[, , ip$right, drop = FALSE] * rep(1 - ip$frac, each = dim(pr)[1L] * dim(pr)[2L])
    return(list(pred = out))
  }
  pr <- f$pred
  list(pred = pr[, ip$left, drop = FALSE] * rep(ip$frac, each = nrow(pr)) +
         pr[, ip$right, drop = FALSE] * rep(1 - ip$frac, each = nrow(pr)))
}

# Splits tasks with the given costs into at most `workers` groups of similar total cost
# (longest task first to the least loaded group); deterministic.
enet_task_groups <- function(cost, workers) {
  k <- max(1L, min(length(cost), if (is.finite(workers)) as.integer(workers) else
    length(cost)))
  load <- numeric(k)
  groups <- vector("list", k)
  for (t in order(-cost, seq_along(cost))) {
    g <- which.min(load)
    load[g] <- load[g] + cost[t]
    groups[[g]] <- c(groups[[g]], t - 1L)
  }
  lapply(groups, sort)
}

# Prepares the input of fit_elastic_net() from cv_elastic_net()'s `...`.
enet_prepare_dots <- function(x, y, family, weights, offset, lambda, dots,
                              call = sys.call(-1)) {
  f <- formals(fit_elastic_net)[-(1:2)]
  bad <- setdiff(names(dots), names(f))
  if (length(bad) || (length(dots) && is.null(names(dots))) || any(names(dots) == "")) {
    radsig_abort(sprintf("Unknown argument(s) passed through `...`: %s.",
                         paste(if (length(bad)) bad else "<unnamed>", collapse = ", ")),
                 class = "radsig_error_value", arg = "...", call = call)
  }
  f <- lapply(f, function(e) if (is.call(e)) eval(e) else e)
  f["family"] <- list(family)
  f["weights"] <- list(weights)
  f["offset"] <- list(offset)
  f["lambda"] <- list(lambda)
  if (length(dots)) f[names(dots)] <- dots
  do.call(enet_prepare, c(list(x = x, y = y), f, list(call = call)))
}

enet_measure <- function(type_measure, family, call = sys.call(-1)) {
  choices <- c("default", "deviance", "mse", "mae", "auc", "class", "C")
  tm <- match_choice(type_measure, choices, "type_measure", call = call)
  if (tm == "default") tm <- if (family == "gaussian") "mse" else "deviance"
  allowed <- switch(family, gaussian = c("mse", "deviance", "mae"),
                    binomial = c("deviance", "mse", "mae", "auc", "class"),
                    cox = c("deviance", "C"), c("deviance", "mse", "mae", "class"))
  if (!(tm %in% allowed)) {
    radsig_abort(sprintf("`type_measure` \"%s\" is not available for family \"%s\"; use one of %s.",
                         tm, family, paste0('"', allowed, '"', collapse = ", ")),
                 class = "radsig_error_value", arg = "type_measure", call = call)
  }
  if (family == "gaussian" && tm == "deviance") tm <- "mse"
  tm
}

# Fold assignment: an N x repeats integer matrix.
enet_folds <- function(foldid, N, nfolds, repeats, stratify, seed, prep,
                       call = sys.call(-1)) {
  if (!is.null(foldid)) {
    fm <- as.matrix(foldid)
    if (!is.numeric(fm) || anyNA(fm) || any(fm != round(fm)) || any(fm < 1)) {
      radsig_abort("`foldid` must hold fold numbers 1, 2, ..., K.",
                   class = "radsig_error_value", arg = "foldid", call = call)
    }
    if (nrow(fm) != N) {
      radsig_abort(sprintf("`foldid` must have one entry per row of `x` (%d), not %d.", N,
                           nrow(fm)), class = "radsig_error_length", arg = "foldid",
                   call = call)
    }
    for (r in seq_len(ncol(fm))) {
      if (length(unique(fm[, r])) != max(fm[, r]) || max(fm[, r]) < 3) {
        radsig_abort("`foldid` must use every fold number 1..K with K >= 3.",
                     class = "radsig_error_value", arg = "foldid", call = call)
      }
    }
    if (length(unique(apply(fm, 2, max))) != 1L) {
      radsig_abort("Every column of `foldid` must have the same number of folds.",
                   class = "radsig_error_value", arg = "foldid", call = call)
    }
    storage.mode(fm) <- "integer"
    return(fm)
  }
  nfolds <- enet_check_count(nfolds, "nfolds", lower = 3, call = call)
  if (N < nfolds) {
    radsig_abort(sprintf("`nfolds` (%d) must not exceed the number of observations (%d).",
                         nfolds, N), class = "radsig_error_value", arg = "nfolds",
                 call = call)
  }
  strata <- NULL
  if (stratify) {
    strata <- switch(prep$family, binomial = prep$y[, 1], cox = prep$y[, 2],
                     multinomial = max.col(prep$y), NULL)
  }
  with_seed(seed, vapply(seq_len(repeats), function(r) {
    if (is.null(strata)) return(sample(rep(seq_len(nfolds), length.out = N)))
    idx <- unlist(lapply(split(seq_len(N), strata), function(i) i[sample.int(length(i))]),
                  use.names = FALSE)
    f <- integer(N)
    f[idx] <- rep(seq_len(nfolds), length.out = N)
    f
  }, integer(N)), call = call)
}

# CV curve (cvm, cvsd) for one fold assignment from held-out link predictions.
enet_cv_curve <- function(predmat, prep, foldid, measure) {
  w <- prep$weights
  y <- prep$y
  nfolds <- max(foldid)
  N <- nrow(predmat)
  grouped <- TRUE
  if (measure == "auc") {
    cvraw <- t(vapply(seq_len(nfolds), function(k) {
      h <- foldid == k
      apply(predmat[h, , drop = FALSE], 2, enet_weighted_auc, y = y[h, 1], w = w[h])
    }, numeric(ncol(predmat))))
    return(enet_cv_stats(cvraw, as.numeric(tapply(w, foldid, sum)), rep(nfolds, ncol(cvraw))))
  }
  cvraw <- switch(prep$family,
    gaussian = switch(measure, mse = (y[, 1] - predmat)^2, mae = abs(y[, 1] - predmat)),
    binomial = {
      pr <- 1 / (1 + exp(-predmat))
      yy <- y[, 1]
      switch(measure,
        mse = (1 - yy - (1 - pr))^2 + (yy - pr)^2,
        mae = abs(1 - yy - (1 - pr)) + abs(yy - pr),
        deviance = {
          pr <- pmin(pmax(pr, 1e-5), 1 - 1e-5)
          -2 * ((1 - yy) * log(1 - pr) + yy * log(pr))
        },
        class = (1 - yy) * (pr > 0.5) + yy * (pr <= 0.5))
    },
    cox = return(enet_cox_cv_curve(predmat, prep, foldid, measure)))
  enet_cv_grouped(cvraw, w, foldid, grouped, N - colSums(is.na(predmat)))
}

# Per-fold weighted means of the pointwise losses, then the CV mean and SE (cv.glmnet's
# grouped = TRUE; grouped = FALSE when fewer than 3 observations per fold).
enet_cv_grouped <- function(cvraw, w, foldid, grouped, Nobs) {
  nfolds <- max(foldid)
  if (nrow(cvraw) / nfolds < 3 && grouped) {
    warning("Option grouped = FALSE enforced, since < 3 observations per fold.", call. = FALSE)
    grouped <- FALSE
  }
  if (!grouped) return(enet_cv_stats(cvraw, w, Nobs))
  cvraw[is.infinite(cvraw)] <- NA
  fold_means <- t(vapply(seq_len(nfolds), function(k) {
    h <- foldid == k
    apply(cvraw[h, , drop = FALSE], 2, stats::weighted.mean, w = w[h], na.rm = TRUE)
  }, numeric(ncol(cvraw))))
  enet_cv_stats(fold_means, as.numeric(tapply(w, foldid, sum)), rep(nfolds, ncol(cvraw)))
}

enet_cv_stats <- function(cvraw, weights, N) {
  cvm <- apply(cvraw, 2, stats::weighted.mean, w = weights, na.rm = TRUE)
  dev2 <- sweep(cvraw, 2, cvm)^2
  cvsd <- sqrt(apply(dev2, 2, stats::weighted.mean, w = weights, na.rm = TRUE) / (N - 1))
  list(cvm = cvm, cvsd = cvsd)
}

# Weighted Mann-Whitney AUC (ties count 1/2); NA when a class is absent.
enet_weighted_auc <- function(pred, y, w) {
  w1 <- w * (y == 1)
  w0 <- w * (y == 0)
  if (sum(w1) <= 0 || sum(w0) <= 0) return(NA_real_)
  u <- sort(unique(pred))
  k <- match(pred, u)
  s1 <- tapply(w1, factor(k, levels = seq_along(u)), sum)
  s0 <- tapply(w0, factor(k, levels = seq_along(u)), sum)
  s1[is.na(s1)] <- 0
  s0[is.na(s0)] <- 0
  below0 <- cumsum(s0) - s0
  sum(s1 * (below0 + s0 / 2)) / (sum(w1) * sum(w0))
}

enet_cv_optimum <- function(lambda, cvm, cvsd, higher_better) {
  if (higher_better) cvm <- -cvm
  cvmin <- min(cvm, na.rm = TRUE)
  lambda_min <- max(lambda[cvm <= cvmin], na.rm = TRUE)
  idmin <- match(lambda_min, lambda)
  semin <- (cvm + cvsd)[idmin]
  lambda_1se <- max(lambda[cvm <= semin], na.rm = TRUE)
  id1se <- match(lambda_1se, lambda)
  list(lambda_min = lambda_min, lambda_1se = lambda_1se,
       index = c(min = idmin, `1se` = id1se))
}

enet_cv_s <- function(object, s, call = sys.call(-1)) {
  if (is.character(s)) {
    s <- match_choice(s, c("lambda_1se", "lambda_min"), "s", call = call)
    return(object[[s]])
  }
  enet_resolve_s(s, call = call)
}

#' @export
print.radsig_cv_enet <- function(x, digits = max(3, getOption("digits") - 3), ...) {
  cat(sprintf("Cross-validated elastic net (%s, %d-fold x %d, measure: %s)\n",
              x$fit$family, x$nfolds, x$repeats, x$measure))
  tab <- data.frame(Lambda = c(x$lambda_min, x$lambda_1se), Index = unname(x$index),
                    Measure = x$cvm[x$index], SE = x$cvsd[x$index],
                    Nonzero = x$nzero[x$index], row.names = c("min", "1se"))
  print(signif(tab, digits), ...)
  invisible(x)
}

#' Coefficients and predictions of a cross-validated elastic net
#'
#' @param object A `radsig_cv_enet` object.
#' @param s `"lambda_1se"` (default, as glmnet), `"lambda_min"` or numeric lambda values.
#' @param newx,type,newoffset See [predict.radsig_enet()].
#' @param ... Unused.
#' @return See [coef.radsig_enet()] and [predict.radsig_enet()].
#' @examples
#' set.seed(3)
#' x <- matrix(rnorm(100 * 8), 100, 8)
#' cv <- cv_elastic_net(x, x[, 1] + rnorm(100), nfolds = 5, seed = 1)
#' coef(cv, s = "lambda_min")
#' predict(cv, x[1:3, ])
#' @export
coef.radsig_cv_enet <- function(object, s = "lambda_1se", ...) {
  stats::coef(object$fit, s = enet_cv_s(object, s))
}

#' @rdname coef.radsig_cv_enet
#' @export
predict.radsig_cv_enet <- function(object, newx = NULL, s = "lambda_1se",
                                   type = c("link", "response", "class", "coefficients",
                                            "nonzero"), newoffset = NULL, ...) {
  stats::predict(object$fit, newx = newx, s = enet_cv_s(object, s), type = type,
          newoffset = newoffset)
}

#' Plot the cross-validation curve
#'
#' @param x A `radsig_cv_enet` object.
#' @param ... Passed to [graphics::plot()].
#' @return `x`, invisibly.
#' @examples
#' set.seed(3)
#' x <- matrix(rnorm(100 * 8), 100, 8)
#' plot(cv_elastic_net(x, x[, 1] + rnorm(100), nfolds = 5, seed = 1))
#' @export
plot.radsig_cv_enet <- function(x, ...) {
  ll <- log(x$lambda)
  graphics::plot(ll, x$cvm, ylim = range(x$cvup, x$cvlo), xlab = "Log Lambda",
                 ylab = x$measure, pch = 20, col = "red", ...)
  graphics::segments(ll, x$cvlo, ll, x$cvup, col = "grey")
  graphics::axis(3, at = ll, labels = x$nzero, tick = FALSE, line = -0.5, cex.axis = 0.7)
  graphics::abline(v = log(c(x$lambda_min, x$lambda_1se)), lty = 3)
  invisible(x)
}

# Multinomial CV losses (cv.glmnet's cv.multnet) from an N x K x L array of link values.
enet_multinomial_cv_curve <- function(predmat, prep, foldid, measure) {
  y <- prep$y
  K <- ncol(y)
  ywt <- rowSums(y)
  y <- y / ywt
  w <- prep$weights * ywt
  bigY <- array(y, dim(predmat))
  pr <- exp(predmat)
  tot <- apply(pr, c(1, 3), sum)
  for (k in seq_len(K)) pr[, k, ] <- pr[, k, ] / tot
  cvraw <- switch(measure,
    mse = apply((bigY - pr)^2, c(1, 3), sum),
    mae = apply(abs(bigY - pr), c(1, 3), sum),
    deviance = {
      pr <- pmin(pmax(pr, 1e-5), 1 - 1e-5)
      ly <- bigY * log(bigY)
      ly[bigY == 0] <- 0
      apply(2 * (ly - bigY * log(pr)), c(1, 3), sum)
    },
    class = apply(pr, 3, function(pk) {
      cls <- max.col(matrix(pk, ncol = K), "first")
      1 - y[cbind(seq_len(nrow(y)), cls)]
    }))
  na1 <- matrix(is.na(predmat[, 1L, ]), nrow = nrow(y))
  enet_cv_grouped(cvraw, w, foldid, TRUE, nrow(y) - colSums(na1))
}
