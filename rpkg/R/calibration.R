#' Apparent calibration of predicted probabilities
#'
#' Calibration intercept (calibration-in-the-large, `glm(y ~ offset(qlogis(prob)))`), slope
#' (`glm(y ~ qlogis(prob))`), Brier score, expected/observed ratio and a calibration curve
#' by lowess (`lowess(prob, y, iter = 0)`, as `rms::calibrate`) or by quantile bins.
#'
#' @param prob Predicted probabilities in (0, 1).
#' @param y Observed 0/1 outcome (or logical / two-level factor).
#' @param method `"loess"` (lowess smoother) or `"bins"`.
#' @param bins Number of quantile bins for `method = "bins"`.
#' @return An object of class `radsig_calibration`: `stats` (named vector: intercept, slope,
#'   brier, eo, n), `curve` (data frame `predicted`, `observed`).
#' @examples
#' set.seed(1)
#' p <- runif(200)
#' y <- rbinom(200, 1, p)
#' cal <- calibration_curve(p, y)
#' cal$stats
#' plot(cal)
#' @export
calibration_curve <- function(prob, y, method = c("loess", "bins"), bins = 10) {
  method <- match_choice(method, c("loess", "bins"), "method")
  prob <- check_numeric_vector(prob, "prob")
  yy <- check_binary_response(y, "y")$y
  check_same_length(prob, yy, "prob", "y")
  if (any(prob <= 0 | prob >= 1)) {
    radsig_abort("`prob` must be strictly between 0 and 1.", arg = "prob")
  }
  check_scalar_number(bins, "bins", lower = 2)
  lp <- stats::qlogis(prob)
  n <- length(prob)
  fit_int <- fit_logistic_matrix(matrix(1, n, 1, dimnames = list(NULL, "(Intercept)")), yy,
                                 rep(1, n), lp)
  fit_slope <- fit_logistic_matrix(cbind(`(Intercept)` = 1, lp = lp), yy, rep(1, n), rep(0, n))
  stats <- c(intercept = unname(fit_int$coefficients[1]),
             slope = unname(fit_slope$coefficients[2]),
             brier = mean((yy - prob)^2), eo = sum(prob) / sum(yy), n = n)
  curve <- if (method == "loess") {
    o <- order(prob)
    data.frame(predicted = prob[o],
               observed = call_core(lowess_cpp(prob[o], yy[o], 2 / 3, 0L,
                                               0.01 * diff(range(prob)))))
  } else {
    br <- unique(stats::quantile(prob, seq(0, 1, length.out = bins + 1)))
    g <- cut(prob, br, include.lowest = TRUE)
    data.frame(predicted = as.numeric(tapply(prob, g, mean)),
               observed = as.numeric(tapply(yy, g, mean)),
               n = as.numeric(table(g)))
  }
  structure(list(stats = stats, curve = curve, method = method), class = "radsig_calibration")
}

#' @export
print.radsig_calibration <- function(x, ...) {
  cat("radsig apparent calibration (", x$method, ")\n", sep = "")
  print(round(x$stats, 4))
  invisible(x)
}

#' @export
plot.radsig_calibration <- function(x, xlab = "Predicted probability",
                                    ylab = "Observed proportion", ...) {
  graphics::plot(c(0, 1), c(0, 1), type = "n", xlab = xlab, ylab = ylab, ...)
  graphics::abline(0, 1, lty = 2, col = "grey50")
  if (x$method == "loess") {
    graphics::lines(x$curve$predicted, x$curve$observed, lwd = 2)
  } else {
    graphics::points(x$curve$predicted, x$curve$observed, pch = 19)
    graphics::lines(x$curve$predicted, x$curve$observed)
  }
  invisible(x)
}

#' Hosmer-Lemeshow goodness-of-fit test
#'
#' Observations are grouped by the quantiles (type 7) of the predicted probabilities into
#' `g` groups (duplicate quantiles merged, as `cut(prob, quantile(prob), include.lowest =
#' TRUE)` in `ResourceSelection::hoslem.test`); the statistic sums `(O - E)^2 / E` over groups
#' and both outcomes and is referred to a chi-squared distribution with `groups - 2` df.
#'
#' @param prob Predicted probabilities.
#' @param y Observed 0/1 outcome.
#' @param g Number of groups.
#' @return An `htest` with extra components `observed`, `expected` (events per group), `n`.
#' @examples
#' set.seed(1)
#' p <- runif(300)
#' hosmer_lemeshow(p, rbinom(300, 1, p))
#' @export
hosmer_lemeshow <- function(prob, y, g = 10) {
  prob <- check_numeric_vector(prob, "prob")
  yy <- check_binary_response(y, "y")$y
  check_same_length(prob, yy, "prob", "y")
  if (any(prob < 0 | prob > 1)) radsig_abort("`prob` must be in [0, 1].", arg = "prob")
  check_scalar_number(g, "g", lower = 3)
  r <- call_core(hosmer_lemeshow_cpp(prob, as.double(yy), as.integer(g)))
  structure(list(statistic = c(`X-squared` = r$statistic), parameter = c(df = r$df),
                 p.value = r$p_value, method = "Hosmer and Lemeshow goodness of fit test",
                 data.name = paste(deparse(substitute(prob)), "and", deparse(substitute(y))),
                 observed = r$observed, expected = r$expected, n = r$n),
            class = "htest")
}

# B bootstrap resamples as rms::predab.resample draws them (sample(n, replace = TRUE) per
# replicate). With a seed, the caller's RNG state is left untouched.
bootstrap_resamples <- function(n, B, seed) {
  if (!is.null(seed)) {
    check_scalar_number(seed, "seed")
    had <- exists(".Random.seed", envir = globalenv(), inherits = FALSE)
    if (had) old <- get(".Random.seed", envir = globalenv(), inherits = FALSE)
    on.exit(if (had) assign(".Random.seed", old, envir = globalenv())
            else rm(".Random.seed", envir = globalenv()))
    set.seed(seed)
  }
  lapply(seq_len(B), function(i) sample(n, replace = TRUE))
}

check_bootstrap_fit <- function(fit, B, threads, call = sys.call(-1)) {
  if (!inherits(fit, "radsig_logistic")) {
    radsig_abort("`fit` must be a radsig_logistic fit from fit_logistic().",
                 class = "radsig_error_type", arg = "fit", call = call)
  }
  if (any(fit$weights != 1) || any(fit$offset != 0) || anyNA(fit$coefficients)) {
    radsig_abort("bootstrap validation needs an unweighted fit without offset or aliased terms.",
                 arg = "fit", call = call)
  }
  check_scalar_number(B, "B", lower = 1, call = call)
  check_scalar_number(threads, "threads", lower = 1, call = call)
}

#' Bootstrap validation of a logistic model
#'
#' Optimism-corrected indexes as `rms::validate` for an `lrm` fit (`method = "boot"`): Dxy
#' (Somers' D of the linear predictor), Nagelkerke R2, calibration intercept and slope, Emax,
#' D, U, Q, Brier score (B), g and gp, plus the C index (`(Dxy + 1) / 2`). Resamples are drawn
#' with R's RNG exactly as `rms::predab.resample` draws them, so with the same seed the
#' results equal `rms::validate`. Replicates run in C++ on `threads` threads; results do not
#' depend on the number of threads.
#'
#' @param fit A `radsig_logistic` fit (unweighted, no offset).
#' @param B Number of bootstrap replicates.
#' @param seed Optional seed (`set.seed`); the caller's RNG state is restored afterwards.
#' @param threads Number of threads.
#' @return A data frame (class `radsig_validation`) with one row per index and columns
#'   `index`, `index_orig`, `training`, `test`, `optimism`, `index_corrected`, `n`.
#' @examples
#' set.seed(1)
#' d <- data.frame(x1 = rnorm(150), x2 = rnorm(150))
#' d$y <- rbinom(150, 1, plogis(d$x1))
#' validate_model(fit_logistic(y ~ x1 + x2, d), B = 20, seed = 1)
#' @export
validate_model <- function(fit, B = 200, seed = NULL, threads = 1L) {
  check_bootstrap_fit(fit, B, threads)
  rs <- bootstrap_resamples(nrow(fit$x), B, seed)
  v <- call_core(validate_logistic_cpp(fit$x, fit$y, rs, as.integer(threads)))
  tab <- as.data.frame(v$table)
  names(tab) <- c("index_orig", "training", "test", "optimism", "index_corrected", "n")
  tab <- cbind(index = v$index, tab, stringsAsFactors = FALSE)
  cidx <- tab[1, ]
  cidx$index <- "C"
  cidx[, 2:6] <- c(cidx$index_orig / 2 + 0.5, cidx$training / 2 + 0.5, cidx$test / 2 + 0.5,
                   cidx$optimism / 2, cidx$index_corrected / 2 + 0.5)
  tab <- rbind(tab, cidx)
  rownames(tab) <- NULL
  if (v$failed > 0) message(sprintf("radsig: %d bootstrap fit(s) failed and were skipped.", v$failed))
  structure(tab, class = c("radsig_validation", "data.frame"), B = B, failed = v$failed)
}

#' Bootstrap bias-corrected calibration curve
#'
#' As `rms::calibrate` for an `lrm` fit (`method = "boot"`): at 50 predicted probabilities
#' between the 5th smallest and 5th largest apparent prediction, the lowess calibration
#' (`iter = 0`) of the apparent model is corrected by the mean optimism over bootstrap
#' refits. Resamples follow `rms::predab.resample`, so results equal `rms::calibrate` for the
#' same seed.
#'
#' @inheritParams validate_model
#' @param predy Optional probabilities at which to evaluate the curve.
#' @return A data frame (class `radsig_calibrate`) with `predy`, `calibrated_orig`,
#'   `calibrated_corrected`, `training`, `test`, `optimism`, `n`; `plot()` draws the apparent
#'   and bias-corrected curves.
#' @examples
#' set.seed(1)
#' d <- data.frame(x1 = rnorm(150), x2 = rnorm(150))
#' d$y <- rbinom(150, 1, plogis(d$x1))
#' cal <- calibrate_model(fit_logistic(y ~ x1 + x2, d), B = 20, seed = 1)
#' plot(cal)
#' @export
calibrate_model <- function(fit, B = 200, seed = NULL, threads = 1L, predy = NULL) {
  check_bootstrap_fit(fit, B, threads)
  n <- nrow(fit$x)
  if (is.null(predy)) {
    if (n < 11) radsig_abort("need more than 10 observations when `predy` is not given.", arg = "fit")
    p <- sort(fit$fitted)
    predy <- seq(p[5], p[n - 4], length.out = 50)
  } else {
    check_numeric_vector(predy, "predy")
  }
  rs <- bootstrap_resamples(n, B, seed)
  r <- call_core(calibrate_logistic_cpp(fit$x, fit$y, rs, as.double(predy), as.integer(threads)))
  tab <- data.frame(predy = r$predy, calibrated_orig = r$calibrated_orig,
                    calibrated_corrected = r$calibrated_corrected, training = r$training,
                    test = r$test, optimism = r$optimism, n = r$n)
  structure(tab, class = c("radsig_calibrate", "data.frame"), B = B, failed = r$failed,
            predicted = fit$fitted)
}

#' @export
plot.radsig_calibrate <- function(x, xlab = "Predicted probability",
                                  ylab = "Observed probability", ...) {
  graphics::plot(c(0, 1), c(0, 1), type = "n", xlab = xlab, ylab = ylab, ...)
  graphics::abline(0, 1, lty = 2, col = "grey50")
  graphics::lines(x$predy, x$calibrated_orig, lty = 3)
  graphics::lines(x$predy, x$calibrated_corrected, lwd = 2)
  graphics::rug(attr(x, "predicted"))
  graphics::legend("topleft", c("Apparent", "Bias-corrected", "Ideal"), lty = c(3, 1, 2),
                   lwd = c(1, 2, 1), col = c("black", "black", "grey50"), bty = "n")
  invisible(x)
}
