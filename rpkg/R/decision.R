#' Decision curves (net benefit)
#'
#' Net benefit of one or more prediction models across threshold probabilities (Vickers &
#' Elkin 2006), with the treat-all and treat-none strategies. At threshold `pt` a subject is
#' treated when `p >= pt`, and
#' `NB = TP/n - FP/n * pt/(1 - pt) - harm` exactly;
#' `NB(treat all) = prev - (1 - prev) * pt/(1 - pt)`, `NB(treat none) = 0`.
#' Standardised net benefit is `NB / prev`; net interventions avoided per 100 patients is
#' `100 * (NB - NB(treat all)) / (pt/(1 - pt))`. Net benefit is undefined at `pt = 1` and
#' interventions avoided at `pt = 0` and `pt = 1`: those values are `NA`.
#'
#' @param y Binary outcome (0/1, logical or two-level factor; see `positive`).
#' @param ... Models as named vectors of predicted probabilities in `[0, 1]`, e.g.
#'   `radiomics = p1, combined = p2`. Unnamed arguments are named by their expression.
#' @param thresholds Threshold probabilities in `[0, 1]`.
#' @param harm Harm of each model (subtracted from its net benefit): one value for all models
#'   or one per model.
#' @param boot Number of bootstrap resamples for percentile confidence bands (0 = none).
#' @param level Confidence level of the bootstrap bands.
#' @param seed Seed of the bootstrap (`NULL`: drawn from R's RNG, so `set.seed()` works).
#' @param positive The class of `y` that is the event (default: the second level).
#' @return An object of class `radsig_decision_curve`: a list with `curves` (the data frame
#'   returned by `as.data.frame()`: one row per model and threshold with columns `model`,
#'   `threshold`, `net_benefit`, `standardized_net_benefit`,
#'   `net_interventions_avoided`, `tp`, `fp`, and `lower`/`upper` when `boot > 0`; the
#'   strategies "treat_all" and "treat_none" are included), `prevalence`, `n`, `models`.
#' @export
#' @examples
#' set.seed(1)
#' y <- rbinom(300, 1, 0.3)
#' radiomics <- plogis(-1 + 1.2 * y + rnorm(300))
#' combined <- plogis(-1.2 + 1.8 * y + rnorm(300))
#' dc <- decision_curve(y, radiomics = radiomics, combined = combined,
#'                      thresholds = seq(0.05, 0.6, by = 0.05))
#' head(as.data.frame(dc))
#' plot(dc)
decision_curve <- function(y, ..., thresholds = seq(0.01, 0.99, by = 0.01), harm = 0,
                           boot = 0, level = 0.95, seed = NULL, positive = NULL) {
  resp <- check_binary01(y, "y", positive = positive)
  models <- list(...)
  if (length(models) == 0L) {
    radsig_abort("Give at least one model as a named vector of probabilities in `...`.",
                 class = "radsig_error_length", arg = "...")
  }
  nm <- names(models)
  exprs <- vapply(as.list(substitute(list(...)))[-1], function(e) deparse(e)[1], "")
  if (is.null(nm)) nm <- exprs
  nm[nm == ""] <- exprs[nm == ""]
  if (anyDuplicated(nm) || any(nm %in% c("treat_all", "treat_none"))) {
    radsig_abort("Model names must be unique and not \"treat_all\" or \"treat_none\".",
                 class = "radsig_error_value", arg = "...")
  }
  names(models) <- nm
  for (m in nm) {
    models[[m]] <- check_probability_vector(models[[m]], m, check_range = TRUE)
    check_same_length(resp$y, models[[m]], "y", m)
  }
  thresholds <- check_numeric_vector(thresholds, "thresholds")
  if (length(thresholds) == 0L || any(thresholds < 0 | thresholds > 1)) {
    radsig_abort("`thresholds` must be a non-empty vector of values in [0, 1].",
                 class = "radsig_error_value", arg = "thresholds")
  }
  harm <- check_numeric_vector(harm, "harm")
  if (!(length(harm) %in% c(1L, length(models)))) {
    radsig_abort("`harm` must have length 1 or one value per model.",
                 class = "radsig_error_length", arg = "harm")
  }
  harm <- rep_len(harm, length(models))
  boot <- check_count(boot, "boot")
  level <- check_level(level)

  n <- length(resp$y)
  prev <- mean(resp$y)
  odds <- thresholds / (1 - thresholds)
  nb_all <- call_core(net_benefit_all_cpp(prev, thresholds))
  rows <- list()
  for (k in seq_along(models)) {
    r <- call_core(net_benefit_cpp(resp$y, models[[k]], thresholds, harm[k]))
    rows[[k]] <- data.frame(model = nm[k], threshold = thresholds, net_benefit = r$net_benefit,
                            tp = r$tp, fp = r$fp, stringsAsFactors = FALSE)
  }
  n_pos <- sum(resp$y)
  rows[[length(rows) + 1L]] <- data.frame(model = "treat_all", threshold = thresholds,
                                          net_benefit = nb_all, tp = n_pos, fp = n - n_pos)
  rows[[length(rows) + 1L]] <- data.frame(model = "treat_none", threshold = thresholds,
                                          net_benefit = ifelse(thresholds < 1, 0, NA_real_),
                                          tp = 0, fp = 0)
  if (boot > 0) {
    seed <- core_seed(seed)
    bands <- call_core(net_benefit_boot_cpp(resp$y, unname(models), thresholds, harm,
                                            boot, level, seed))
    for (k in seq_along(bands)) {
      rows[[k]]$lower <- bands[[k]]$lower
      rows[[k]]$upper <- bands[[k]]$upper
    }
    none <- length(rows)
    rows[[none]]$lower <- rows[[none]]$net_benefit
    rows[[none]]$upper <- rows[[none]]$net_benefit
  }
  curves <- do.call(rbind, rows)
  curves$standardized_net_benefit <- curves$net_benefit / prev
  all_rep <- rep(nb_all, length(rows))
  odds_rep <- rep(odds, length(rows))
  nia <- 100 * (curves$net_benefit - all_rep) / odds_rep
  nia[!is.finite(odds_rep) | odds_rep == 0] <- NA_real_
  curves$net_interventions_avoided <- nia
  first <- c("model", "threshold", "net_benefit", "standardized_net_benefit",
             "net_interventions_avoided", "tp", "fp")
  curves <- curves[, c(first, setdiff(names(curves), first))]
  curves$model <- factor(curves$model, levels = c(nm, "treat_all", "treat_none"))
  rownames(curves) <- NULL
  structure(list(curves = curves, prevalence = prev, n = n, models = nm, harm = harm,
                 boot = boot, level = level),
            class = "radsig_decision_curve")
}

#' @export
as.data.frame.radsig_decision_curve <- function(x, ...) x$curves

#' @export
print.radsig_decision_curve <- function(x, ...) {
  cat(sprintf("Decision curve: %d subjects, prevalence %.3f, %d threshold(s), models: %s\n",
              x$n, x$prevalence, length(unique(x$curves$threshold)),
              paste(x$models, collapse = ", ")))
  wide <- stats::reshape(x$curves[, c("model", "threshold", "net_benefit")],
                         idvar = "threshold", timevar = "model", direction = "wide")
  names(wide) <- sub("^net_benefit\\.", "", names(wide))
  print(utils::head(wide, 10), digits = 3, row.names = FALSE)
  if (nrow(wide) > 10) cat("... (as.data.frame() for all rows)\n")
  invisible(x)
}

#' Plot a decision curve
#'
#' @param x A `radsig_decision_curve`.
#' @param y Ignored.
#' @param ylim Range of the net-benefit axis (default: from a little below 0 to the
#'   prevalence).
#' @param col Colours of the models, then treat-all and treat-none.
#' @param ... Passed to [graphics::plot()].
#' @return `x`, invisibly.
#' @export
#' @examples
#' set.seed(2)
#' y <- rbinom(200, 1, 0.4)
#' plot(decision_curve(y, model = plogis(-0.5 + 2 * y + rnorm(200))))
plot.radsig_decision_curve <- function(x, y, ylim = NULL, col = NULL, ...) {
  d <- x$curves
  lev <- levels(d$model)
  if (is.null(col)) col <- c(grDevices::hcl.colors(length(x$models), "Dark 3"), "grey40", "black")
  if (is.null(ylim)) ylim <- c(-0.05 * max(x$prevalence, 0.1), x$prevalence * 1.05)
  graphics::plot(NA, xlim = range(d$threshold), ylim = ylim, xlab = "Threshold probability",
                 ylab = "Net benefit", ...)
  for (k in seq_along(lev)) {
    s <- d[d$model == lev[k], ]
    if (!is.null(s$lower) && k <= length(x$models)) {
      ok <- is.finite(s$lower) & is.finite(s$upper)
      graphics::polygon(c(s$threshold[ok], rev(s$threshold[ok])),
                        c(s$lower[ok], rev(s$upper[ok])),
                        col = grDevices::adjustcolor(col[k], 0.2), border = NA)
    }
    graphics::lines(s$threshold, s$net_benefit, col = col[k], lwd = 2,
                    lty = if (k > length(x$models)) 2 else 1)
  }
  graphics::legend("topright", legend = lev, col = col, lwd = 2,
                   lty = c(rep(1, length(x$models)), 2, 2), bty = "n")
  invisible(x)
}
