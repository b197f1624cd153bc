#' AUC with DeLong confidence interval in each subgroup
#'
#' Computes the AUC of `score` for outcome `y` overall and within each level of `by` (e.g.
#' tumour size or molecular subtype, as in subgroup tables of radiomics papers), with
#' DeLong's interval from [auc_ci()] (identical to `pROC::ci.auc(method = "delong")`).
#'
#' The ROC direction is decided once on all subjects (`direction = "auto"`: pROC's median
#' rule) and then kept fixed in every subgroup, so that a subgroup's AUC is not flipped above
#' 0.5 by its own data. A subgroup whose subjects all have the same outcome has no AUC: its
#' row has `NA` values and a `note`, and a warning names it. A subgroup with a single case
#' or control has an AUC but no DeLong interval (`NA`, with a note).
#'
#' @param y Binary outcome (0/1, logical or two-level factor; see `positive`).
#' @param score Numeric predictor (e.g. the rad-score).
#' @param by Subgroup of each subject (factor, character, logical or numeric codes).
#' @param level Confidence level.
#' @param direction `"auto"`, `"<"` (cases have higher scores) or `">"`.
#' @param positive The class of `y` that is the case (default: the second level).
#' @return A data frame of class `radsig_subgroup_auc` with columns `subgroup` (`"Overall"`
#'   first), `n`, `n_cases`, `n_controls`, `auc`, `lower`, `upper`, `note`; the direction and
#'   level as attributes.
#' @export
#' @examples
#' rotterdam <- survival::rotterdam
#' subgroup_auc(rotterdam$nodes > 0, rotterdam$pgr, by = rotterdam$meno)
subgroup_auc <- function(y, score, by, level = 0.95, direction = c("auto", "<", ">"),
                         positive = NULL) {
  resp <- check_binary01(y, "y", positive = positive)
  score <- check_numeric_vector(score, "score")
  check_same_length(resp$y, score, "y", "score")
  if (is.null(by) || !is.null(dim(by))) {
    radsig_abort("`by` must be a vector of subgroup labels.", class = "radsig_error_type",
                 arg = "by")
  }
  check_same_length(resp$y, by, "y", "by")
  if (anyNA(by)) {
    radsig_abort(sprintf("`by` contains %d missing value(s).", sum(is.na(by))),
                 class = "radsig_error_missing", arg = "by")
  }
  level <- check_level(level)
  direction <- match_choice(direction, c("auto", "<", ">"), "direction")
  overall <- roc_curve(resp$y, score, direction = direction)
  direction <- overall$direction
  f <- droplevels(as.factor(by))
  one <- function(label, keep) {
    yy <- resp$y[keep]
    n1 <- sum(yy == 1L)
    n0 <- sum(yy == 0L)
    row <- data.frame(subgroup = label, n = length(yy), n_cases = n1, n_controls = n0,
                      auc = NA_real_, lower = NA_real_, upper = NA_real_, note = "",
                      stringsAsFactors = FALSE)
    if (n1 == 0L || n0 == 0L) {
      row$note <- sprintf("all subjects are %s: no AUC",
                          if (n1 == 0L) "controls" else "cases")
      warning(sprintf("Subgroup '%s' has only one outcome class (%d cases, %d controls); its AUC is NA.",
                      label, n1, n0), call. = FALSE)
      return(row)
    }
    r <- roc_curve(yy, score[keep], direction = direction)
    row$auc <- r$auc
    if (n1 >= 2L && n0 >= 2L) {
      ci <- auc_ci(r, level = level)
      row$lower <- ci$lower
      row$upper <- ci$upper
    } else {
      row$note <- "fewer than 2 cases or controls: no DeLong interval"
    }
    row
  }
  rows <- c(list(one("Overall", rep(TRUE, length(resp$y)))),
            lapply(levels(f), function(l) one(l, f == l)))
  out <- do.call(rbind, rows)
  rownames(out) <- NULL
  structure(out, class = c("radsig_subgroup_auc", "data.frame"), direction = direction,
            level = level)
}

#' @export
print.radsig_subgroup_auc <- function(x, digits = 3, ...) {
  cat(sprintf("AUC by subgroup (DeLong %g%% CI, direction \"%s\")\n", 100 * attr(x, "level"),
              attr(x, "direction")))
  df <- x
  class(df) <- "data.frame"
  attr(df, "direction") <- attr(df, "level") <- NULL
  print(df, digits = digits, row.names = FALSE)
  invisible(x)
}
