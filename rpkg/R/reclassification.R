#' Net reclassification improvement (NRI)
#'
#' Compares a new risk model with an old one by how subjects are reclassified (Pencina et
#' al. 2008, 2011). Without `cutoffs` this is the category-free (continuous) NRI, equal to
#' `Hmisc::improveProb`: a subject moves "up" when `p_new > p_old` and "down" when
#' `p_new < p_old`. With `cutoffs` it is the categorical NRI over the risk categories
#' `[0, c1), [c1, c2), ..., [ck, 1]` (left-closed), moving up or down a category.
#'
#' The NRI is `[P(up | event) - P(down | event)] + [P(down | non-event) - P(up | non-event)]`;
#' each half has variance `(u + d)/n^2 - (u - d)^2/n^3` (u, d = counts moving up, down), the
#' total variance is their sum, and the CI and p-value are Wald (normal) ones.
#'
#' @param y Binary outcome (0/1, logical or two-level factor; see `positive`).
#' @param p_old,p_new Predicted probabilities of the old and the new model, in `[0, 1]`.
#' @param cutoffs `NULL` for the continuous NRI, or strictly increasing risk thresholds
#'   inside `(0, 1)` for the categorical NRI.
#' @param level Confidence level of the Wald intervals.
#' @param positive The class of `y` that is the event (default: the second level).
#' @return An object of class `radsig_nri`: a list with `nri`, `se`, `lower`, `upper`, `z`,
#'   `p.value`, the components `events` and `nonevents` (each with `n`, `n_up`, `n_down`,
#'   `p_up`, `p_down`, `nri`, `se`, `lower`, `upper`, `z`, `p.value`), `type`, `cutoffs`,
#'   `level`, and for the categorical NRI the reclassification tables `table_events` and
#'   `table_nonevents` (rows = old category, columns = new category).
#' @seealso [idi()]
#' @export
#' @examples
#' set.seed(1)
#' y <- rbinom(200, 1, 0.3)
#' p_old <- plogis(-1 + y + rnorm(200))
#' p_new <- plogis(-1 + 1.5 * y + rnorm(200))
#' nri(y, p_old, p_new)
#' nri(y, p_old, p_new, cutoffs = c(0.1, 0.3))
nri <- function(y, p_old, p_new, cutoffs = NULL, level = 0.95, positive = NULL) {
  d <- check_reclassification_data(y, p_old, p_new, positive)
  cutoffs <- check_risk_cutoffs(cutoffs)
  level <- check_level(level)
  r <- call_core(nri_cpp(d$y, d$p_old, d$p_new, cutoffs, level))
  component <- function(cc) {
    c(list(n = cc$n, n_up = cc$n_up, n_down = cc$n_down, p_up = cc$p_up,
           p_down = cc$p_down, nri = cc$wald$estimate),
      cc$wald[c("se", "lower", "upper", "z", "p.value")])
  }
  out <- c(list(nri = r$total$estimate), r$total[c("se", "lower", "upper", "z", "p.value")],
           list(events = component(r$events), nonevents = component(r$nonevents),
                type = if (length(cutoffs)) "categorical" else "continuous",
                cutoffs = cutoffs, level = level, levels = d$levels))
  if (length(cutoffs)) {
    cats <- category_labels(cutoffs)
    dn <- list(old = cats, new = cats)
    out$table_events <- structure(r$table_events, dimnames = dn)
    out$table_nonevents <- structure(r$table_nonevents, dimnames = dn)
  }
  structure(out, class = "radsig_nri")
}

category_labels <- function(cutoffs) {
  b <- format(c(0, cutoffs, 1), trim = TRUE)
  k <- length(b)
  paste0("[", b[-k], ", ", b[-1], ifelse(seq_len(k - 1) == k - 1, "]", ")"))
}

#' @export
as.data.frame.radsig_nri <- function(x, ...) {
  rows <- list(c(list(component = "NRI"), x[c("nri", "se", "lower", "upper", "z", "p.value")]),
               c(list(component = "events"),
                 x$events[c("nri", "se", "lower", "upper", "z", "p.value")]),
               c(list(component = "non-events"),
                 x$nonevents[c("nri", "se", "lower", "upper", "z", "p.value")]))
  do.call(rbind, lapply(rows, as.data.frame, stringsAsFactors = FALSE))
}

#' @export
print.radsig_nri <- function(x, digits = 3, ...) {
  cat(sprintf("%s net reclassification improvement (%d events, %d non-events)\n",
              if (x$type == "continuous") "Continuous (category-free)" else "Categorical",
              as.integer(x$events$n), as.integer(x$nonevents$n)))
  if (x$type == "categorical")
    cat("Risk categories:", paste(category_labels(x$cutoffs), collapse = " "), "\n")
  df <- as.data.frame(x)
  names(df)[names(df) == "lower"] <- sprintf("lower %g%%", 100 * x$level)
  names(df)[names(df) == "upper"] <- sprintf("upper %g%%", 100 * x$level)
  print(df, digits = digits, row.names = FALSE)
  invisible(x)
}

#' Integrated discrimination improvement (IDI)
#'
#' `IDI = mean(p_new - p_old | event) - mean(p_new - p_old | non-event)` (Pencina et al.
#' 2008), i.e. the gain in discrimination slope, with SE
#' `sqrt(var(d | event)/n_ev + var(d | non-event)/n_ne)`, a Wald CI and a two-sided normal
#' p-value; equal to `Hmisc::improveProb`.
#'
#' @inheritParams nri
#' @return An object of class `radsig_idi`: a list with `idi`, `se`, `lower`, `upper`, `z`,
#'   `p.value`, `improve_sens` (mean change among events), `improve_spec` (minus the mean
#'   change among non-events), `n_events`, `n_nonevents`, `level`.
#' @seealso [nri()]
#' @export
#' @examples
#' set.seed(1)
#' y <- rbinom(200, 1, 0.3)
#' idi(y, plogis(-1 + y + rnorm(200)), plogis(-1 + 1.5 * y + rnorm(200)))
idi <- function(y, p_old, p_new, level = 0.95, positive = NULL) {
  d <- check_reclassification_data(y, p_old, p_new, positive)
  level <- check_level(level)
  r <- call_core(idi_cpp(d$y, d$p_old, d$p_new, level))
  out <- c(list(idi = r$wald$estimate), r$wald[c("se", "lower", "upper", "z", "p.value")],
           r[c("improve_sens", "improve_spec", "n_events", "n_nonevents")],
           list(level = level))
  structure(out, class = "radsig_idi")
}

#' @export
print.radsig_idi <- function(x, digits = 3, ...) {
  cat(sprintf("Integrated discrimination improvement (%d events, %d non-events)\n",
              as.integer(x$n_events), as.integer(x$n_nonevents)))
  cat(sprintf("IDI = %s (SE %s), %g%% CI [%s, %s], z = %s, p = %s\n",
              format(x$idi, digits = digits), format(x$se, digits = digits), 100 * x$level,
              format(x$lower, digits = digits), format(x$upper, digits = digits),
              format(x$z, digits = digits), format.pval(x$p.value, digits = digits)))
  cat(sprintf("Mean change among events %s, among non-events %s\n",
              format(x$improve_sens, digits = digits),
              format(-x$improve_spec, digits = digits)))
  invisible(x)
}
