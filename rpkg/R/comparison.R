#' McNemar's test for two classifiers on the same subjects
#'
#' Compares the correctness of two classifiers (e.g. the rad-score's dichotomised
#' prediction against the radiologist's reading) on the same patients. With `b` = subjects
#' only the first classifier gets right and `c` = those only the second gets right, the
#' exact test is the two-sided binomial test of `b` out of `b + c` with probability 0.5
#' (`stats::binom.test`), the asymptotic test the continuity-corrected chi-square
#' `(|b - c| - 1)^2 / (b + c)` (`stats::mcnemar.test`, which omits the correction when
#' `b = c`).
#'
#' @param truth Observed classes (two classes).
#' @param pred1,pred2 Predicted classes of the two classifiers, with values among the
#'   classes of `truth` (logical predictions are accepted for a 0/1 `truth`).
#' @param exact `NULL` (default): exact test when `b + c < 25`, chi-square otherwise;
#'   `TRUE`/`FALSE` forces one.
#' @return An object of class `c("radsig_mcnemar", "htest")` with `statistic` (chi-square;
#'   absent for the exact test), `parameter`, `p.value`, `method`, `data.name`, `table`
#'   (correctness of classifier 1 by classifier 2) and `accuracy` of both classifiers.
#' @export
#' @examples
#' set.seed(4)
#' truth <- rbinom(120, 1, 0.4)
#' radiologist <- ifelse(runif(120) < 0.75, truth, 1 - truth)
#' radscore <- ifelse(runif(120) < 0.85, truth, 1 - truth)
#' mcnemar_test(truth, radscore, radiologist)
mcnemar_test <- function(truth, pred1, pred2, exact = NULL) {
  dname <- paste(deparse1(substitute(pred1)), "vs", deparse1(substitute(pred2)),
                 "against", deparse1(substitute(truth)))
  resp <- check_binary_response(truth, "truth")
  code <- function(p, arg) {
    if (is.null(p) || !is.null(dim(p))) {
      radsig_abort(sprintf("`%s` must be a vector of predicted classes.", arg),
                   class = "radsig_error_type", arg = arg)
    }
    if (anyNA(p)) {
      radsig_abort(sprintf("`%s` contains %d missing value(s).", arg, sum(is.na(p))),
                   class = "radsig_error_missing", arg = arg)
    }
    check_same_length(resp$y, p, "truth", arg, call = sys.call(-2))
    if (is.logical(p) && identical(resp$levels, c("0", "1"))) p <- as.integer(p)
    v <- as.character(p)
    bad <- setdiff(unique(v), resp$levels)
    if (length(bad)) {
      radsig_abort(sprintf("`%s` has values that are not classes of `truth` (%s): %s.", arg,
                           paste(resp$levels, collapse = ", "),
                           paste(utils::head(bad, 5), collapse = ", ")),
                   class = "radsig_error_value", arg = arg)
    }
    as.integer(v == resp$levels[2])
  }
  p1 <- code(pred1, "pred1")
  p2 <- code(pred2, "pred2")
  if (!is.null(exact) && (!is.logical(exact) || length(exact) != 1L || is.na(exact))) {
    radsig_abort("`exact` must be NULL, TRUE or FALSE.", class = "radsig_error_value",
                 arg = "exact")
  }
  ex <- if (is.null(exact)) -1L else as.integer(exact)
  r <- call_core(mcnemar_cpp(resp$y, p1, p2, ex))
  tab <- matrix(c(r$both_correct, r$only_second, r$only_first, r$both_wrong), 2,
                dimnames = list(pred1 = c("correct", "wrong"), pred2 = c("correct", "wrong")))
  out <- list(p.value = r$p.value, data.name = dname, table = tab,
              accuracy = c(pred1 = mean(p1 == resp$y), pred2 = mean(p2 == resp$y)),
              discordant = c(only_pred1 = r$only_first, only_pred2 = r$only_second))
  if (r$exact) {
    out$method <- "Exact McNemar test (binomial test on discordant pairs)"
    out$statistic <- c("only pred1 correct" = r$only_first)
    out$parameter <- c("discordant pairs" = r$only_first + r$only_second)
  } else {
    out$method <- "McNemar's chi-squared test with continuity correction"
    out$statistic <- c("McNemar's chi-squared" = r$statistic)
    out$parameter <- c(df = 1)
  }
  structure(out, class = c("radsig_mcnemar", "htest"))
}

#' Compare patient characteristics between groups ("Table 1")
#'
#' Summarises each variable overall and per group and tests the difference between groups
#' with a test chosen per variable by documented rules; each p-value is the one of the base-R
#' test named in the `test` column.
#'
#' Rules, per variable:
#' * **Numeric** (not logical, not listed in `factor_vars`, more than two distinct values):
#'   "normal" when `normality = "none"` or when the
#'   Shapiro-Wilk test (`stats::shapiro.test`) has p > `alpha` in every group (groups with
#'   fewer than 3 or more than 5000 values count as normal only when `normality = "none"`).
#'   Normal variables are summarised as mean +- SD, others as median [Q1, Q3].
#'   Two groups: normal -> Student t (`t.test(var.equal = TRUE)`) when Levene's test
#'   (Brown-Forsythe, median-centred, as `car::leveneTest`'s default) has p > `alpha`,
#'   else Welch (`t.test(var.equal = FALSE)`); not normal -> Mann-Whitney U
#'   (`wilcox.test`, with R's exact/normal-approximation defaults). More than two groups:
#'   one-way ANOVA / Welch ANOVA (`oneway.test`) or Kruskal-Wallis (`kruskal.test`).
#' * **Categorical** (factor, character, logical, numeric with at most two distinct values
#'   such as 0/1 indicators, and the columns in `factor_vars`): n (%) per level (% within the column).
#'   Fisher's exact test (`fisher.test`) when any expected count is below 5, else the
#'   chi-square test (`chisq.test`, Yates continuity correction for 2 x 2 tables).
#'
#' Missing values are dropped per variable (reported in column `missing`).
#'
#' @param data A data frame.
#' @param group Name of the grouping column (e.g. ALN status).
#' @param vars Names of the variables to describe (default: all other columns except
#'   `cohort`).
#' @param normality `"shapiro"` or `"none"` (treat all numeric variables as normal).
#' @param alpha Significance level of the Shapiro-Wilk and Levene pre-tests.
#' @param cohort Optional name of a column (e.g. training/validation): the table is then
#'   computed within each cohort and stacked, with a `cohort` column.
#' @param factor_vars Names of numeric columns to treat as categorical (e.g. a grade coded
#'   1-3).
#' @param digits Digits of the summaries.
#' @return A data frame of class `radsig_table1` with columns `variable`, `level`,
#'   `Overall`, one column per group, `test`, `p.value`, `missing` (and `cohort`).
#' @export
#' @examples
#' if (requireNamespace("survival", quietly = TRUE)) {
#'   d <- survival::rotterdam
#'   d$nodes_pos <- factor(d$nodes > 0, labels = c("N0", "N+"))
#'   compare_groups(d, "nodes_pos", vars = c("age", "size", "grade", "er", "meno"))
#' }
compare_groups <- function(data, group, vars = NULL, normality = c("shapiro", "none"),
                           alpha = 0.05, cohort = NULL, factor_vars = NULL, digits = 1) {
  if (!is.data.frame(data)) {
    radsig_abort(sprintf("`data` must be a data frame, not %s.", describe_type(data)),
                 class = "radsig_error_type", arg = "data")
  }
  check_column <- function(name, arg) {
    if (!is.character(name) || length(name) != 1L || !(name %in% names(data))) {
      radsig_abort(sprintf("`%s` must name one column of `data`.", arg),
                   class = "radsig_error_value", arg = arg, call = sys.call(-2))
    }
  }
  check_column(group, "group")
  if (!is.null(cohort)) check_column(cohort, "cohort")
  if (is.null(vars)) vars <- setdiff(names(data), c(group, cohort))
  if (!is.character(vars) || length(vars) == 0L || !all(vars %in% names(data))) {
    radsig_abort(sprintf("`vars` must name columns of `data`; unknown: %s.",
                         paste(setdiff(vars, names(data)), collapse = ", ")),
                 class = "radsig_error_value", arg = "vars")
  }
  if (!is.null(factor_vars) && (!is.character(factor_vars) ||
                                 !all(factor_vars %in% names(data)))) {
    radsig_abort("`factor_vars` must name columns of `data`.", class = "radsig_error_value",
                 arg = "factor_vars")
  }
  normality <- match_choice(normality, c("shapiro", "none"), "normality")
  alpha <- check_scalar_number(alpha, "alpha", 0, 1)
  g <- data[[group]]
  if (anyNA(g)) {
    radsig_abort(sprintf("Grouping column `%s` contains %d missing value(s).", group,
                         sum(is.na(g))), class = "radsig_error_missing", arg = "group")
  }
  g <- droplevels(as.factor(g))
  if (nlevels(g) < 2L) {
    radsig_abort(sprintf("Grouping column `%s` must have at least two groups.", group),
                 class = "radsig_error_value", arg = "group")
  }
  if (!is.null(cohort)) {
    coh <- as.factor(data[[cohort]])
    parts <- lapply(levels(droplevels(coh)), function(lv) {
      keep <- !is.na(coh) & coh == lv
      t1 <- compare_groups(data[keep, , drop = FALSE], group, vars, normality, alpha,
                           NULL, factor_vars, digits)
      class(t1) <- "data.frame"
      cbind(cohort = lv, t1)
    })
    out <- do.call(rbind, parts)
    return(structure(out, class = c("radsig_table1", "data.frame")))
  }
  rows <- lapply(vars, function(v) {
    x <- data[[v]]
    if (is.numeric(x) && (v %in% factor_vars || length(unique(x[!is.na(x)])) <= 2L)) {
      x <- factor(x)
    }
    table1_variable(x, v, g, normality, alpha, digits)
  })
  out <- do.call(rbind, rows)
  rownames(out) <- NULL
  structure(out, class = c("radsig_table1", "data.frame"))
}

table1_variable <- function(x, name, g, normality, alpha, digits) {
  miss <- sum(is.na(x))
  keep <- !is.na(x)
  x <- x[keep]
  gg <- droplevels(g[keep])
  groups <- levels(g)
  fmt <- function(v) formatC(v, format = "f", digits = digits)
  if (is.numeric(x) && !is.logical(x)) {
    if (length(unique(gg)) < 2L) {
      return(table1_row(name, "", NA, stats::setNames(rep("", length(groups)), groups),
                        "not tested (fewer than two groups)", NA, miss))
    }
    split_x <- split(x, gg)
    normal <- normality == "none" || all(vapply(split_x, function(s) {
      length(s) >= 3L && length(s) <= 5000L && length(unique(s)) > 1L &&
        stats::shapiro.test(s)$p.value > alpha
    }, logical(1)))
    summ <- function(s) {
      if (length(s) == 0L) return("")
      if (normal) sprintf("%s \u00b1 %s", fmt(mean(s)), fmt(stats::sd(s)))
      else {
        q <- stats::quantile(s, c(0.5, 0.25, 0.75), names = FALSE)
        sprintf("%s [%s, %s]", fmt(q[1]), fmt(q[2]), fmt(q[3]))
      }
    }
    cells <- vapply(groups, function(l) summ(x[gg == l]), "")
    if (nlevels(gg) == 2L) {
      if (normal) {
        equal_var <- levene_p(x, gg) > alpha
        p <- stats::t.test(x ~ gg, var.equal = equal_var)$p.value
        test <- if (equal_var) "Student t-test" else "Welch t-test"
      } else {
        p <- suppressWarnings(stats::wilcox.test(x ~ gg)$p.value)
        test <- "Mann-Whitney U test"
      }
    } else {
      if (normal) {
        equal_var <- levene_p(x, gg) > alpha
        p <- stats::oneway.test(x ~ gg, var.equal = equal_var)$p.value
        test <- if (equal_var) "One-way ANOVA" else "Welch ANOVA"
      } else {
        p <- stats::kruskal.test(x ~ gg)$p.value
        test <- "Kruskal-Wallis test"
      }
    }
    return(table1_row(name, if (normal) "mean \u00b1 SD" else "median [IQR]", summ(x),
                      cells, test, p, miss))
  }
  f <- droplevels(as.factor(x))
  tab <- table(f, gg)
  pct <- function(k, n) sprintf("%d (%s%%)", as.integer(k), fmt(100 * k / n))
  test <- NA_character_
  p <- NA_real_
  if (nrow(tab) >= 2L && ncol(tab) >= 2L) {
    expected <- outer(rowSums(tab), colSums(tab)) / sum(tab)
    if (any(expected < 5)) {
      p <- tryCatch(stats::fisher.test(tab)$p.value, error = function(e) NA_real_)
      test <- "Fisher's exact test"
      if (is.na(p)) {
        p <- stats::fisher.test(tab, simulate.p.value = TRUE, B = 1e5)$p.value
        test <- "Fisher's exact test (simulated p, table too large)"
      }
    } else {
      p <- stats::chisq.test(tab)$p.value
      test <- if (all(dim(tab) == 2L)) "Chi-square test (continuity corrected)"
              else "Chi-square test"
    }
  } else {
    test <- "not tested (a single level or group)"
  }
  rows <- lapply(seq_len(nrow(tab)), function(i) {
    cells <- vapply(groups, function(l) {
      if (l %in% colnames(tab)) pct(tab[i, l], sum(tab[, l])) else ""
    }, "")
    table1_row(name, rownames(tab)[i], pct(sum(tab[i, ]), sum(tab)), cells,
               if (i == 1L) test else "", if (i == 1L) p else NA_real_,
               if (i == 1L) miss else NA_integer_)
  })
  do.call(rbind, rows)
}

table1_row <- function(name, level, overall, cells, test, p, miss) {
  out <- data.frame(variable = name, level = level, Overall = as.character(overall),
                    stringsAsFactors = FALSE, check.names = FALSE)
  for (k in seq_along(cells)) out[[names(cells)[k]]] <- unname(cells[k])
  out$test <- test
  out$p.value <- p
  out$missing <- as.integer(miss)
  out
}

# Levene's test, median-centred (Brown-Forsythe): one-way ANOVA of |x - group median|.
levene_p <- function(x, g) {
  dev <- abs(x - stats::ave(x, g, FUN = stats::median))
  stats::oneway.test(dev ~ g, var.equal = TRUE)$p.value
}

#' @export
print.radsig_table1 <- function(x, digits = 3, ...) {
  df <- x
  class(df) <- "data.frame"
  df$p.value <- ifelse(is.na(df$p.value), "", format.pval(df$p.value, digits = digits,
                                                          eps = 1e-3))
  df$missing <- ifelse(is.na(df$missing), "", as.character(df$missing))
  print(df, row.names = FALSE, right = FALSE)
  invisible(x)
}
