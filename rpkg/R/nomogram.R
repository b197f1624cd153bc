#' Nomograms for logistic and Cox models
#'
#' Point scales as `rms::nomogram`: a continuous predictor's axis is `pretty()` over its
#' full data range (`nint` intervals; predictors with fewer than 10 distinct values use those
#' values, as `rms::datadist`), a factor's axis is its levels. Each axis scores
#' `(b * x - min) * sc` points where `sc` makes the predictor with the widest range of
#' `b * x` span `maxscale` (100) points. Total points map back to the linear predictor and to
#' the predicted probability (logistic) or the survival probability at `times` (Cox).
#' Models must contain main effects of plain variables only (no interactions or
#' transformations).
#'
#' @param fit A `radsig_logistic` or `radsig_cox` fit.
#' @param fun `"probability"` (logistic) or `"survival"` (Cox).
#' @param times Times for the survival axes (Cox).
#' @param maxscale Points of the widest axis.
#' @param nint Number of intervals for `pretty()` axes.
#' @return An object of class `radsig_nomogram` with `axes` (a list of data frames with
#'   `value`, `contribution`, `points` per predictor), `sc`, `min_contrib`, and a `total`
#'   data frame mapping total points to the outcome scale.
#' @examples
#' set.seed(1)
#' d <- data.frame(age = round(rnorm(200, 55, 10)), grade = factor(sample(1:3, 200, TRUE)))
#' d$y <- rbinom(200, 1, plogis(-3 + 0.05 * d$age + 0.5 * (d$grade == "3")))
#' nom <- build_nomogram(fit_logistic(y ~ age + grade, d))
#' nom$axes$age
#' predict(nom, data.frame(age = c(40, 70), grade = c("1", "3")))
#' plot(nom)
#' @export
build_nomogram <- function(fit, fun = c("probability", "survival"), times = NULL,
                           maxscale = 100, nint = 10) {
  is_cox <- inherits(fit, "radsig_cox")
  if (!inherits(fit, "radsig_logistic") && !is_cox) {
    radsig_abort("`fit` must be a radsig_logistic or radsig_cox fit.", class = "radsig_error_type",
                 arg = "fit")
  }
  fun <- if (identical(fun, c("probability", "survival"))) {
    if (is_cox) "survival" else "probability"
  } else match_choice(fun, c("probability", "survival"), "fun")
  if (is_cox != (fun == "survival")) {
    radsig_abort("use fun = \"probability\" for logistic fits and \"survival\" for Cox fits.",
                 arg = "fun")
  }
  if (is_cox) {
    check_numeric_vector(times, "times")
    if (!length(times) || any(times <= 0)) {
      radsig_abort("`times` must be positive survival times.", arg = "times")
    }
    if (!is.null(fit$strata)) {
      radsig_abort("nomograms for stratified Cox models are not supported.", arg = "fit")
    }
  }
  check_scalar_number(maxscale, "maxscale", lower = 1e-8)
  check_scalar_number(nint, "nint", lower = 1)
  b <- fit$coefficients
  if (anyNA(b)) radsig_abort("the model has aliased (NA) coefficients.", arg = "fit")
  fac <- attr(fit$terms, "factors")
  labels <- attr(fit$terms, "term.labels")
  data <- nomogram_data(fit)
  axes <- list()
  for (lab in labels) {
    if (sum(fac[, lab] > 0) != 1L || !lab %in% names(data)) {
      radsig_abort(sprintf("term `%s` is not a plain variable; nomograms need main effects only.",
                           lab), arg = "fit")
    }
    v <- data[[lab]]
    if (is.factor(v) || is.character(v) || is.logical(v)) {
      lev <- fit$xlevels[[lab]]
      if (is.null(lev)) lev <- levels(factor(v))
      coef_names <- paste0(lab, lev)
      contrib <- ifelse(coef_names %in% names(b), b[coef_names], 0)
      contrib[is.na(contrib)] <- 0
      axes[[lab]] <- data.frame(value = lev, contribution = unname(contrib),
                                stringsAsFactors = FALSE)
    } else {
      u <- sort(unique(v[!is.na(v)]))
      vals <- if (length(u) < 10L) u else pretty(range(u), n = nint)
      axes[[lab]] <- data.frame(value = vals, contribution = unname(b[[lab]] * vals))
    }
  }
  sc <- call_core(nomogram_scale_cpp(lapply(axes, `[[`, "contribution"), maxscale))
  for (j in seq_along(axes)) axes[[j]]$points <- sc$points[[j]]
  names(sc$min_contrib) <- names(axes)
  intercept <- if (is_cox) -sum(b * fit$means) else b[["(Intercept)"]]
  max_total <- sum(vapply(axes, function(a) max(a$points), numeric(1)))
  total <- data.frame(points = pretty(c(0, max_total), n = nint))
  total$lp <- intercept + sum(sc$min_contrib) + total$points / sc$sc
  nom <- list(axes = axes, sc = sc$sc, min_contrib = sc$min_contrib, intercept = intercept,
              fun = fun, times = times, total = total, maxscale = maxscale,
              is_cox = is_cox, fit = fit)
  if (is_cox) nom$cumhaz <- cox_cumhaz_at(fit, times)
  class(nom) <- "radsig_nomogram"
  nom$total <- cbind(total, nomogram_outcome(nom, total$lp))
  nom
}

nomogram_data <- function(fit) {
  if (!is.null(fit$data)) return(fit$data)
  radsig_abort("the fit does not carry its data.", arg = "fit")
}

# Outcome scale for linear predictors: probability, or survival at each time.
nomogram_outcome <- function(nom, lp) {
  if (!nom$is_cox) return(data.frame(probability = stats::plogis(lp)))
  s <- exp(-outer(exp(lp), nom$cumhaz))
  colnames(s) <- paste0("survival_", format(nom$times, trim = TRUE))
  as.data.frame(s)
}

#' Points and predictions from a nomogram
#'
#' @param object A `radsig_nomogram`.
#' @param newdata A data frame with the model's predictors.
#' @param ... Unused.
#' @return A data frame with one column of points per predictor, `points` (total), `lp` and
#'   `probability` (logistic) or `survival_<time>` columns (Cox).
#' @examples
#' set.seed(1)
#' d <- data.frame(age = round(rnorm(200, 55, 10)), grade = factor(sample(1:3, 200, TRUE)))
#' d$y <- rbinom(200, 1, plogis(-3 + 0.05 * d$age + 0.5 * (d$grade == "3")))
#' nom <- build_nomogram(fit_logistic(y ~ age + grade, d))
#' predict(nom, data.frame(age = c(40, 70), grade = c("1", "3")))
#' @export
predict.radsig_nomogram <- function(object, newdata, ...) {
  check_data_frame(newdata, "newdata")
  b <- object$fit$coefficients
  out <- list()
  for (lab in names(object$axes)) {
    if (!lab %in% names(newdata)) {
      radsig_abort(sprintf("`newdata` lacks predictor `%s`.", lab), arg = "newdata")
    }
    v <- newdata[[lab]]
    ax <- object$axes[[lab]]
    if (is.numeric(ax$value)) {
      check_numeric_vector(v, "newdata", allow_na = TRUE)
      contrib <- b[[lab]] * v
    } else {
      v <- as.character(v)
      unseen <- setdiff(unique(v[!is.na(v)]), ax$value)
      if (length(unseen)) {
        radsig_abort(sprintf("factor `%s` has level(s) not seen when fitting: %s.", lab,
                             paste(unseen, collapse = ", ")), arg = "newdata")
      }
      contrib <- ax$contribution[match(v, ax$value)]
    }
    out[[lab]] <- (contrib - object$min_contrib[[lab]]) * object$sc
  }
  res <- as.data.frame(out, check.names = FALSE)
  res$points <- rowSums(as.matrix(res))
  res$lp <- object$intercept + sum(object$min_contrib) + res$points / object$sc
  cbind(res, nomogram_outcome(object, res$lp))
}

#' @export
print.radsig_nomogram <- function(x, ...) {
  cat("radsig nomogram (", if (x$is_cox) "Cox" else "logistic", " model), ",
      format(x$sc, digits = 4), " points per unit of linear predictor\n\n", sep = "")
  for (lab in names(x$axes)) {
    a <- x$axes[[lab]]
    cat(lab, ": ", paste(sprintf("%s=%.1f", format(a$value, trim = TRUE), a$points),
                         collapse = "  "), "\n", sep = "")
  }
  invisible(x)
}

#' Draw a nomogram
#'
#' @param x A `radsig_nomogram`.
#' @param ... Passed to `plot()`.
#' @return `x`, invisibly.
#' @examples
#' set.seed(1)
#' d <- data.frame(age = round(rnorm(200, 55, 10)), grade = factor(sample(1:3, 200, TRUE)))
#' d$y <- rbinom(200, 1, plogis(-3 + 0.05 * d$age + 0.5 * (d$grade == "3")))
#' plot(build_nomogram(fit_logistic(y ~ age + grade, d)))
#' @export
plot.radsig_nomogram <- function(x, ...) {
  outcome_cols <- setdiff(names(x$total), c("points", "lp"))
  rows <- c("Points", names(x$axes), "Total points", outcome_cols)
  nr <- length(rows)
  max_total <- max(x$total$points)
  op <- graphics::par(mar = c(1, 8, 1, 1))
  on.exit(graphics::par(op))
  graphics::plot(c(0, x$maxscale), c(0.5, nr + 0.5), type = "n", axes = FALSE, xlab = "",
                 ylab = "", ...)
  axis_row <- function(y, at, labels) {
    graphics::segments(min(at), y, max(at), y)
    graphics::segments(at, y, at, y + 0.12)
    graphics::text(at, y + 0.3, labels, cex = 0.7)
  }
  y <- nr
  graphics::mtext(rows, side = 2, at = nr:1, las = 1, line = 0.5, cex = 0.8)
  axis_row(y, seq(0, x$maxscale, by = x$maxscale / 10), seq(0, x$maxscale, by = x$maxscale / 10))
  for (lab in names(x$axes)) {
    y <- y - 1
    a <- x$axes[[lab]]
    axis_row(y, a$points, format(a$value, trim = TRUE))
  }
  y <- y - 1
  scale_total <- x$maxscale / max_total
  axis_row(y, x$total$points * scale_total, x$total$points)
  for (col in outcome_cols) {
    y <- y - 1
    grid <- stats::plogis(seq(-6, 6, by = 0.5))
    grid <- pretty(range(x$total[[col]]), n = 8)
    grid <- grid[grid > 0 & grid < 1]
    lp <- if (x$is_cox) {
      k <- match(col, outcome_cols)
      log(-log(grid) / x$cumhaz[k])
    } else stats::qlogis(grid)
    pts <- (lp - x$intercept - sum(x$min_contrib)) * x$sc
    keep <- pts >= 0 & pts <= max_total
    if (any(keep)) axis_row(y, pts[keep] * scale_total, grid[keep])
  }
  invisible(x)
}
