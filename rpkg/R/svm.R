#' Support vector machines (C-classification, epsilon- and nu-regression)
#'
#' Fits a support vector machine with the libsvm algorithm family (SMO with second-order
#' working-set selection, shrinking and a kernel cache) implemented in the radsig C++ core.
#' Conventions follow `e1071::svm()` so that results can be compared directly:
#'
#' * `scale = TRUE` centres every column of `x` and divides it by its standard deviation
#'   (n - 1 denominator); the centre and scale are stored and re-applied by `predict()`.
#'   For regression `y` is scaled as well. As in e1071, if any column is constant no column
#'   is scaled and a warning of class `radsig_warning_constant` is given.
#' * Classes are ordered by their **first appearance** in `y` (not by factor level). Pairwise
#'   decision values are named `"first/second"` in that order and are positive in favour of
#'   the first class; probability columns follow the same order. Multiclass problems are
#'   solved one-vs-one and predicted by voting (ties go to the class appearing first).
#' * `probability = TRUE` fits, for every pair of classes, a Platt sigmoid
#'   \eqn{P = 1 / (1 + \exp(A f + B))} (Lin, Lin & Weng 2007) to decision values from an
#'   internal 5-fold cross-validation; multiclass probabilities are coupled by the second
#'   method of Wu, Lin & Weng (2004). The folds come from a Fisher-Yates shuffle driven by a
#'   SplitMix64 generator seeded with `seed` (drawn from R's RNG when `NULL`), so the same
#'   seed gives identical probabilities. e1071 draws its folds from R's RNG instead, so A/B
#'   agree with e1071 only when both use the same folds.
#' * Unlike e1071, the default `type` is always `"C-classification"`; a numeric `y` with
#'   non-integer values needs an explicit regression `type`.
#'
#' @param x Numeric matrix or data frame of predictors (no missing values).
#' @param y Response: a factor (or character, logical, integer classes) for classification,
#'   a numeric vector for regression.
#' @param type `"C-classification"`, `"eps-regression"` or `"nu-regression"`.
#' @param kernel `"radial"` (\eqn{\exp(-\gamma|u-v|^2)}), `"linear"` (\eqn{u'v}),
#'   `"polynomial"` (\eqn{(\gamma u'v + c_0)^d}) or `"sigmoid"` (\eqn{\tanh(\gamma u'v + c_0)}).
#' @param cost Cost of constraint violation C (> 0).
#' @param gamma Kernel parameter (> 0); default `1 / ncol(x)`.
#' @param degree Polynomial degree (whole number >= 1).
#' @param coef0 Kernel offset \eqn{c_0} (polynomial, sigmoid).
#' @param nu nu of nu-regression, in (0, 1].
#' @param epsilon Width of the insensitive tube of eps-regression (>= 0).
#' @param scale Scale `x` (and `y` for regression) as described above.
#' @param class_weights Optional named numeric vector of cost multipliers, named by class.
#' @param probability Fit Platt sigmoids for class probabilities (classification only).
#' @param seed Seed of the probability folds (`NULL`: drawn from R's RNG).
#' @param tolerance Stopping tolerance of the solver (maximal violating-pair gap).
#' @param shrinking Use the shrinking heuristic.
#' @param cachesize Kernel cache size in MB.
#' @return An object of class `radsig_svm`: the fitted model with `SV` (scaled support
#'   vectors), `index` (their rows in `x`), `coefs`, `rho`, `nSV`, `classes`, `probA`/`probB`,
#'   the scaling (`x_center`, `x_scale`, `y_center`, `y_scale`), `fitted` values and
#'   training `decision_values`.
#' @seealso [predict.radsig_svm()], [tune_svm()]
#' @export
#' @examples
#' x <- as.matrix(iris[51:150, 1:4])
#' y <- droplevels(iris$Species[51:150])
#' fit <- fit_svm(x, y, probability = TRUE, seed = 1)
#' fit
#' head(predict(fit, x, type = "probability"))
#' table(predict(fit, x), y)
fit_svm <- function(x, y, type = c("C-classification", "eps-regression", "nu-regression"),
                    kernel = c("radial", "linear", "polynomial", "sigmoid"), cost = 1,
                    gamma = 1 / ncol(x), degree = 3, coef0 = 0, nu = 0.5, epsilon = 0.1,
                    scale = TRUE, class_weights = NULL, probability = FALSE, seed = NULL,
                    tolerance = 0.001, shrinking = TRUE, cachesize = 100) {
  call <- match.call()
  fit <- svm_fit_impl(x, y, type, kernel, cost, gamma, degree, coef0, nu, epsilon, scale,
                      class_weights, probability, seed, tolerance, shrinking, cachesize)
  fit$call <- call
  fit
}

# The body of fit_svm(). `fold_uniforms` (uniforms in [0, 1) consumed by the probability
# fold shuffles, pair by pair) lets tests reproduce e1071's R-RNG folds exactly.
svm_fit_impl <- function(x, y, type = "C-classification", kernel = "radial", cost = 1,
                         gamma = 1 / ncol(x), degree = 3, coef0 = 0, nu = 0.5,
                         epsilon = 0.1, scale = TRUE, class_weights = NULL,
                         probability = FALSE, seed = NULL, tolerance = 0.001,
                         shrinking = TRUE, cachesize = 100, fold_uniforms = numeric(),
                         call = sys.call(-1)) {
  x <- check_numeric_matrix(x, "x", call = call)
  type <- match_choice(type, c("C-classification", "eps-regression", "nu-regression"),
                       "type", call = call)
  kernel <- match_choice(kernel, c("radial", "linear", "polynomial", "sigmoid"), "kernel",
                         call = call)
  svm_check_response(y, nrow(x), call = call)
  svm_check_positive(cost, "cost", call = call)
  svm_check_positive(gamma, "gamma", call = call)
  svm_check_positive(tolerance, "tolerance", call = call)
  svm_check_positive(cachesize, "cachesize", call = call)
  if (!is.numeric(degree) || length(degree) != 1L || is.na(degree) || degree < 1 ||
      degree != round(degree)) {
    radsig_abort("`degree` must be a single whole number >= 1.", arg = "degree", call = call)
  }
  check_scalar_number(coef0, "coef0", call = call)
  if (!is.numeric(nu) || length(nu) != 1L || is.na(nu) || nu <= 0 || nu > 1) {
    radsig_abort("`nu` must be a single number in (0, 1].", arg = "nu", call = call)
  }
  check_scalar_number(epsilon, "epsilon", lower = 0, call = call)
  svm_check_flag(scale, "scale", call = call)
  svm_check_flag(probability, "probability", call = call)
  svm_check_flag(shrinking, "shrinking", call = call)
  seed <- core_seed(seed, draw = FALSE, call = call)
  if (nrow(x) < 2L) {
    radsig_abort("`x` needs at least two rows.", class = "radsig_error_length", arg = "x",
                 call = call)
  }

  classification <- type == "C-classification"
  levels <- NULL
  weight_labels <- integer()
  weights <- numeric()
  if (classification) {
    f <- svm_class_response(y, call = call)
    levels <- levels(f)
    ycode <- as.integer(f)
    present <- unique(ycode)
    if (length(present) < 2L) {
      radsig_abort(sprintf("`y` has a single class (%s); classification needs at least two.",
                           levels[present[1]]), arg = "y", call = call)
    }
    if (!is.null(class_weights)) {
      if (!is.numeric(class_weights) || is.null(names(class_weights)) ||
          anyNA(class_weights) || any(class_weights <= 0) ||
          !all(names(class_weights) %in% levels[present])) {
        radsig_abort(sprintf(paste0("`class_weights` must be a positive numeric vector ",
                                    "named by classes of `y` (%s)."),
                             paste0('"', levels[present], '"', collapse = ", ")),
                     arg = "class_weights", call = call)
      }
      weight_labels <- match(names(class_weights), levels)
      weights <- as.double(class_weights)
    }
  } else {
    ycode <- check_numeric_vector(y, "y", call = call)
    if (!is.null(class_weights)) {
      radsig_abort("`class_weights` only apply to classification.", arg = "class_weights",
                   call = call)
    }
    if (probability) {
      radsig_abort("`probability = TRUE` is only available for classification.",
                   arg = "probability", call = call)
    }
  }
  if (probability && is.null(seed)) seed <- as.double(sample.int(.Machine$integer.max, 1L))

  opts <- list(type = type, kernel = kernel, gamma = as.double(gamma),
               coef0 = as.double(coef0), degree = as.integer(degree), cost = as.double(cost),
               nu = as.double(nu), epsilon = as.double(epsilon),
               tolerance = as.double(tolerance), shrinking = shrinking,
               cachesize = as.double(cachesize), scale = scale, probability = probability,
               seed = if (is.null(seed)) 0 else seed, fold_uniforms = as.double(fold_uniforms),
               weight_labels = weight_labels, weights = weights)
  res <- call_core(svm_fit_cpp(x, as.double(ycode), opts), call = call)

  if (scale && length(res$constant_columns)) {
    nm <- colnames(x)
    cols <- if (is.null(nm)) res$constant_columns else nm[res$constant_columns]
    svm_warn(sprintf(paste0("Column(s) %s of `x` are constant; as in e1071::svm(), ",
                            "no column is scaled."),
                     paste(utils::head(cols, 10), collapse = ", ")),
             class = "radsig_warning_constant", call = call)
  }
  if (!isTRUE(res$converged)) {
    svm_warn("The SVM solver reached its iteration limit; the solution may be inaccurate.",
             class = "radsig_warning_convergence", call = call)
  }
  classes <- if (classification) levels[res$labels] else NULL
  colnames(res$SV) <- colnames(x)
  rownames(res$SV) <- if (is.null(rownames(x))) res$index else rownames(x)[res$index]
  dec_names <- svm_pair_names(classes)
  colnames(res$decision_values) <- dec_names
  fit <- c(list(call = call, type = type, kernel = kernel, cost = as.double(cost),
                gamma = as.double(gamma), degree = as.integer(degree),
                coef0 = as.double(coef0), nu = as.double(nu), epsilon = as.double(epsilon),
                tolerance = as.double(tolerance), shrinking = shrinking,
                cachesize = as.double(cachesize), scaled = scale &&
                  length(res$constant_columns) == 0L,
                levels = levels, classes = classes, seed = seed, n = nrow(x),
                feature_names = colnames(x), tot_nSV = length(res$index)),
           res)
  names(fit$nSV) <- classes
  fit$fitted <- svm_predict_values(fit, NULL, if (classification) "class" else "response")
  class(fit) <- "radsig_svm"
  fit
}

svm_pair_names <- function(classes) {
  if (is.null(classes)) return(NULL)
  k <- length(classes)
  out <- character()
  for (a in seq_len(k - 1L)) for (b in (a + 1L):k) out <- c(out, paste0(classes[a], "/", classes[b]))
  out
}

svm_predict_values <- function(object, newx, type, call = sys.call(-1)) {
  what <- switch(type, class = "labels", type)
  res <- call_core(svm_predict_cpp(unclass(object), newx, what), call = call)
  switch(type,
    class = factor(object$levels[res], levels = object$levels),
    decision = {
      colnames(res) <- svm_pair_names(object$classes)
      res
    },
    probability = {
      colnames(res) <- object$classes
      res
    },
    res)
}

#' Predictions from a support vector machine
#'
#' @param object A `radsig_svm` fitted by [fit_svm()].
#' @param newdata Numeric matrix or data frame with the predictor columns (matched by name
#'   when both have column names). `NULL` returns the values for the training data.
#' @param type `"class"` (default for classification; a factor with the levels of `y`),
#'   `"response"` (default for regression; predictions in the units of `y`), `"decision"`
#'   (decision values: one column per pair of classes named `"first/second"`, positive in
#'   favour of the first; for regression the prediction in scaled units) or `"probability"`
#'   (a matrix with one column per class, needs `probability = TRUE` when fitting).
#' @param ... Unused.
#' @return A factor, numeric vector or matrix (one row per row of `newdata`).
#' @export
#' @examples
#' x <- as.matrix(iris[, 1:4])
#' fit <- fit_svm(x, iris$Species, kernel = "linear")
#' head(predict(fit, x, type = "decision"))
#' reg <- fit_svm(x[, 2:4], iris$Sepal.Length, type = "eps-regression")
#' head(predict(reg, x[, 2:4]))
predict.radsig_svm <- function(object, newdata = NULL, type = NULL, ...) {
  classification <- object$type == "C-classification"
  allowed <- if (classification) c("class", "decision", "probability") else
    c("response", "decision")
  type <- if (is.null(type)) allowed[1] else
    match_choice(type, c("class", "response", "decision", "probability"), "type")
  if (!type %in% allowed) {
    radsig_abort(sprintf("`type = \"%s\"` is not available for a %s model; use one of %s.",
                         type, object$type, paste0('"', allowed, '"', collapse = ", ")),
                 arg = "type")
  }
  if (type == "probability" && is.null(object$probA)) {
    radsig_abort("Probabilities need a model fitted with `probability = TRUE`.",
                 arg = "type")
  }
  newx <- NULL
  if (!is.null(newdata)) {
    newx <- check_numeric_matrix(newdata, "newdata")
    nm <- object$feature_names
    if (!is.null(nm) && !is.null(colnames(newx)) && all(nm %in% colnames(newx))) {
      newx <- newx[, nm, drop = FALSE]
    }
    if (ncol(newx) != ncol(object$SV)) {
      radsig_abort(sprintf("`newdata` has %d columns; the model was fitted on %d.",
                           ncol(newx), ncol(object$SV)),
                   class = "radsig_error_length", arg = "newdata")
    }
  }
  out <- svm_predict_values(object, newx, type)
  rn <- if (is.null(newdata)) NULL else rownames(newx)
  if (is.matrix(out)) rownames(out) <- rn else if (!is.null(rn)) names(out) <- rn
  out
}

#' @export
print.radsig_svm <- function(x, ...) {
  cat("Support vector machine (radsig)\n")
  cat(sprintf("  type: %s, kernel: %s\n", x$type, x$kernel))
  pars <- sprintf("cost = %g", x$cost)
  if (x$kernel != "linear") pars <- c(pars, sprintf("gamma = %g", x$gamma))
  if (x$kernel == "polynomial") pars <- c(pars, sprintf("degree = %d", x$degree))
  if (x$kernel %in% c("polynomial", "sigmoid")) pars <- c(pars, sprintf("coef0 = %g", x$coef0))
  if (x$type == "eps-regression") pars <- c(pars, sprintf("epsilon = %g", x$epsilon))
  if (x$type == "nu-regression") pars <- c(pars, sprintf("nu = %g", x$nu))
  cat("  parameters:", paste(pars, collapse = ", "), "\n")
  cat(sprintf("  observations: %d, support vectors: %d%s\n", x$n, x$tot_nSV,
              if (x$scaled) " (scaled data)" else ""))
  if (!is.null(x$classes)) {
    cat(sprintf("  classes (first-appearance order): %s\n", paste(x$classes, collapse = ", ")))
  }
  if (!is.null(x$probA)) cat(sprintf("  Platt probabilities: seed %s\n", format(x$seed)))
  invisible(x)
}

#' Summary of a support vector machine
#'
#' @param object A `radsig_svm`.
#' @param ... Unused.
#' @return An object of class `summary.radsig_svm` with the model settings and a data frame
#'   `support` of support vectors per class (classification) or in total (regression), and
#'   for probability models the Platt coefficients per pair.
#' @export
#' @examples
#' fit <- fit_svm(as.matrix(iris[, 1:4]), iris$Species)
#' summary(fit)
summary.radsig_svm <- function(object, ...) {
  support <- if (is.null(object$classes)) {
    data.frame(class = "(all)", n_sv = object$tot_nSV)
  } else {
    data.frame(class = object$classes, n_sv = as.integer(object$nSV))
  }
  platt <- if (is.null(object$probA)) NULL else
    data.frame(pair = svm_pair_names(object$classes), A = object$probA, B = object$probB)
  structure(list(model = object, support = support, platt = platt,
                 rho = object$rho, iterations = object$iterations),
            class = "summary.radsig_svm")
}

#' @export
print.summary.radsig_svm <- function(x, ...) {
  print(x$model)
  cat("\nSupport vectors:\n")
  print(x$support, row.names = FALSE)
  if (!is.null(x$platt)) {
    cat("\nPlatt sigmoids P(first) = 1 / (1 + exp(A f + B)):\n")
    print(x$platt, row.names = FALSE)
  }
  invisible(x)
}
