#' Tune an SVM's cost and gamma by cross-validation
#'
#' Evaluates every combination of `cost` and `gamma` by k-fold cross-validation (each
#' training fold is scaled on its own, as `e1071::tune.svm()` does) and refits the best
#' combination on all data. The (grid point, fold) fits run in parallel through
#' `future.apply::future_lapply()` under the current `future::plan()`. The folds are drawn
#' once, before any fit, and the fits use no random numbers, so the results are identical
#' for any plan and number of workers. With `seed` the RNG state of the session is left
#' untouched.
#'
#' Folds: with `stratify = TRUE` (classification) each class is shuffled separately and its
#' members dealt to folds 1, 2, ..., `nfolds` in turn; otherwise a permutation of the rows is
#' cut into `nfolds` consecutive chunks (as `e1071::tune()`). Supply `folds` to use your own.
#'
#' Metrics: `"auc"` (two classes; area under the ROC curve of the decision values of the
#' held-out fold), `"accuracy"` (classification) or `"mse"` (regression). The fold values
#' are averaged; `se` is their standard deviation over `sqrt(number of folds)`. Folds where
#' the metric is undefined (an AUC with one class) are left out of the mean. The best
#' combination maximises AUC/accuracy or minimises MSE; ties go to the first grid row.
#'
#' @param x,y Predictors and response as in [fit_svm()].
#' @param cost,gamma Numeric vectors of candidate values (> 0).
#' @param nfolds Number of folds (2 to `nrow(x)`).
#' @param metric `"auc"`, `"accuracy"` or `"mse"`; default `"auc"` for two classes,
#'   `"accuracy"` for more, `"mse"` for regression.
#' @param stratify Stratify the folds by class (classification only).
#' @param seed Seed of the fold assignment (`NULL`: the session's RNG).
#' @param folds Optional integer vector of fold ids (one per row), overriding `nfolds`.
#' @param ... Further arguments of [fit_svm()] (e.g. `type`, `kernel`, `class_weights`);
#'   `probability` and `seed` only affect the refitted model.
#' @return An object of class `radsig_svm_tune`: `grid` (a data frame with `cost`, `gamma`,
#'   `mean`, `se` and one column per fold), `best` (the best row), `metric`, `folds` and
#'   `model`, the best combination refitted on all data.
#' @export
#' @examples
#' x <- as.matrix(iris[51:150, 1:4])
#' y <- droplevels(iris$Species[51:150])
#' tuned <- tune_svm(x, y, cost = 2^(0:2), gamma = 2^(-2:0), nfolds = 5, seed = 1)
#' tuned
#' tuned$best
tune_svm <- function(x, y, cost = 2^(-5:15), gamma = 2^(-15:3), nfolds = 10,
                     metric = c("auc", "accuracy", "mse"), stratify = TRUE, seed = NULL,
                     folds = NULL, ...) {
  call <- match.call()
  x <- check_numeric_matrix(x, "x", call = call)
  svm_check_response(y, nrow(x), call = call)
  dots <- list(...)
  if (!is.null(dots$cost) || !is.null(dots$gamma)) {
    radsig_abort("Give `cost` and `gamma` as the grids of tune_svm().", arg = "...",
                 call = call)
  }
  for (v in c("cost", "gamma")) {
    g <- get(v)
    if (!is.numeric(g) || length(g) == 0L || anyNA(g) || any(!is.finite(g)) || any(g <= 0)) {
      radsig_abort(sprintf("`%s` must be a non-empty vector of finite numbers > 0.", v),
                   arg = v, call = call)
    }
  }
  type <- if (is.null(dots$type)) "C-classification" else dots$type
  classification <- identical(type, "C-classification")
  yf <- if (classification) svm_class_response(y, call = call) else NULL
  nclass <- if (classification) length(unique(as.integer(yf))) else 0L
  if (missing(metric)) {
    metric <- if (!classification) "mse" else if (nclass == 2L) "auc" else "accuracy"
  }
  metric <- match_choice(metric, c("auc", "accuracy", "mse"), "metric", call = call)
  if (classification && metric == "mse" || !classification && metric != "mse") {
    radsig_abort(sprintf("`metric = \"%s\"` does not fit a %s model.", metric, type),
                 arg = "metric", call = call)
  }
  if (metric == "auc" && nclass != 2L) {
    radsig_abort("`metric = \"auc\"` needs exactly two classes; use \"accuracy\".",
                 arg = "metric", call = call)
  }
  svm_check_flag(stratify, "stratify", call = call)
  n <- nrow(x)
  if (is.null(folds)) {
    if (!is.numeric(nfolds) || length(nfolds) != 1L || is.na(nfolds) || nfolds < 2 ||
        nfolds > n || nfolds != round(nfolds)) {
      radsig_abort(sprintf("`nfolds` must be a whole number between 2 and %d.", n),
                   arg = "nfolds", call = call)
    }
    folds <- svm_make_folds(n, nfolds, if (stratify && classification) yf else NULL,
                            core_seed(seed, draw = FALSE, call = call))
  } else if (!is.numeric(folds) || length(folds) != n || anyNA(folds) ||
             length(unique(folds)) < 2L) {
    radsig_abort("`folds` must hold one fold id per row of `x`, with at least two folds.",
                 arg = "folds", class = "radsig_error_length", call = call)
  }
  fold_ids <- sort(unique(folds))

  grid <- expand.grid(cost = as.double(cost), gamma = as.double(gamma))
  tasks <- expand.grid(point = seq_len(nrow(grid)), fold = seq_along(fold_ids))
  cv_args <- dots
  cv_args$probability <- NULL
  cv_args$seed <- NULL
  ref_class <- if (classification) as.character(yf[1]) else NULL
  run <- function(t) {
    test <- folds == fold_ids[tasks$fold[t]]
    g <- tasks$point[t]
    svm_cv_score(x, y, test, grid$cost[g], grid$gamma[g], cv_args, metric, ref_class)
  }
  scores <- unlist(future.apply::future_lapply(seq_len(nrow(tasks)), run,
                                               future.seed = NULL))
  per_fold <- matrix(scores, nrow = nrow(grid), ncol = length(fold_ids))
  colnames(per_fold) <- paste0("fold", fold_ids)
  ok <- !is.na(per_fold)
  grid$mean <- rowSums(ifelse(ok, per_fold, 0)) / rowSums(ok)
  grid$se <- apply(per_fold, 1, function(v) stats::sd(v, na.rm = TRUE) / sqrt(sum(!is.na(v))))
  grid <- cbind(grid, per_fold)
  best_row <- if (metric == "mse") which.min(grid$mean) else which.max(grid$mean)
  best <- grid[best_row, c("cost", "gamma", "mean", "se")]
  model <- do.call(fit_svm, c(list(x = x, y = y, cost = best$cost, gamma = best$gamma), dots))
  model$call <- call
  structure(list(call = call, grid = grid, best = best, metric = metric, folds = folds,
                 model = model),
            class = "radsig_svm_tune")
}

# Fold ids: stratified (each class shuffled and dealt round-robin) or a permutation cut
# into consecutive chunks. A given seed leaves the session's RNG state unchanged.
svm_make_folds <- function(n, nfolds, strata, seed) {
  with_seed(seed, svm_deal_folds(n, nfolds, strata))
}

svm_deal_folds <- function(n, nfolds, strata) {
  folds <- integer(n)
  if (is.null(strata)) {
    perm <- sample.int(n)
    folds[perm] <- as.integer(cut(seq_len(n), nfolds))
  } else {
    order <- unlist(lapply(split(seq_len(n), droplevels(strata)),
                           function(i) i[sample.int(length(i))]), use.names = FALSE)
    folds[order] <- (seq_len(n) - 1L) %% nfolds + 1L
  }
  folds
}

# Fits on the rows outside `test` and scores the held-out rows.
svm_cv_score <- function(x, y, test, cost, gamma, args, metric, ref_class) {
  fit <- do.call(svm_fit_impl, c(list(x = x[!test, , drop = FALSE], y = y[!test],
                                      cost = cost, gamma = gamma), args))
  xt <- x[test, , drop = FALSE]
  yt <- y[test]
  switch(metric,
    mse = mean((stats::predict(fit, xt) - yt)^2),
    accuracy = mean(as.character(stats::predict(fit, xt)) == as.character(yt)),
    auc = {
      score <- stats::predict(fit, xt, type = "decision")[, 1]
      if (fit$classes[1] != ref_class) score <- -score
      svm_auc(score, as.character(yt) == ref_class)
    })
}

# Mann-Whitney AUC of `score` for `positive` vs the rest (ties count 1/2); NA with one class.
svm_auc <- function(score, positive) {
  n1 <- sum(positive)
  n0 <- length(positive) - n1
  if (n1 == 0L || n0 == 0L) return(NA_real_)
  (sum(rank(score)[positive]) - n1 * (n1 + 1) / 2) / (n1 * n0)
}

#' @export
print.radsig_svm_tune <- function(x, ...) {
  cat(sprintf("SVM tuning by %d-fold cross-validation (%s), %d grid points\n",
              length(unique(x$folds)), x$metric, nrow(x$grid)))
  cat(sprintf("  best: cost = %g, gamma = %g, %s = %.4g (SE %.3g)\n", x$best$cost,
              x$best$gamma, x$metric, x$best$mean, x$best$se))
  invisible(x)
}
