# Validators used by the model-comparison and clinical-utility functions (nri, idi,
# decision_curve, find_cutpoint, survival_cutpoint, mcnemar_test, compare_groups). Generic
# ones live in validate.R.

# Numeric vector of probabilities in [0, 1] (no NA). The range itself is checked by the
# core in the same pass as the computation (a classed radsig_error_value naming `arg`), as
# these functions run on very large cohorts; `check_range = TRUE` checks it here.
check_probability_vector <- function(x, arg, check_range = FALSE, call = sys.call(-1)) {
  x <- check_numeric_vector(x, arg, allow_inf = TRUE, call = call)
  if (check_range && length(x) && (min(x) < 0 || max(x) > 1)) {
    radsig_abort(sprintf("`%s` must contain probabilities in [0, 1]; %d value(s) are outside.",
                         arg, sum(x < 0 | x > 1)),
                 class = "radsig_error_value", arg = arg, call = call)
  }
  x
}

# A two-class outcome as 0/1. Fast path for 0/1 numeric or logical vectors (no factor()
# on millions of values); everything else goes through check_binary_response().
check_binary01 <- function(y, arg = "y", positive = NULL, call = sys.call(-1)) {
  if (is.null(positive) && (is.numeric(y) || is.logical(y)) && !is.factor(y) &&
      is.null(dim(y)) && length(y) > 0L && !anyNA(y)) {
    r <- range(y)
    if (r[1] == 0 && r[2] == 1 && (is.integer(y) || is.logical(y) || all(y == 0 | y == 1))) {
      return(list(y = as.integer(y),
                  levels = if (is.logical(y)) c("FALSE", "TRUE") else c("0", "1")))
    }
  }
  check_binary_response(y, arg, positive = positive, call = call)
}

# The outcome and the two models' probabilities of nri() / idi(), on the same patients.
# Returns list(y (0/1 integer), levels, p_old, p_new).
check_reclassification_data <- function(y, p_old, p_new, positive, call = sys.call(-1)) {
  resp <- check_binary01(y, "y", positive = positive, call = call)
  p_old <- check_probability_vector(p_old, "p_old", call = call)
  p_new <- check_probability_vector(p_new, "p_new", call = call)
  check_same_length(resp$y, p_old, "y", "p_old", call = call)
  check_same_length(resp$y, p_new, "y", "p_new", call = call)
  list(y = resp$y, levels = resp$levels, p_old = p_old, p_new = p_new)
}

# NULL or strictly increasing numbers strictly inside (0, 1).
check_risk_cutoffs <- function(cutoffs, arg = "cutoffs", call = sys.call(-1)) {
  if (is.null(cutoffs)) return(numeric(0))
  cutoffs <- check_numeric_vector(cutoffs, arg, call = call)
  if (length(cutoffs) == 0L || any(cutoffs <= 0 | cutoffs >= 1) ||
      any(diff(cutoffs) <= 0)) {
    radsig_abort(sprintf("`%s` must be strictly increasing values strictly between 0 and 1.",
                         arg),
                 class = "radsig_error_value", arg = arg, call = call)
  }
  cutoffs
}

# An event indicator: logical or numeric 0/1 (no NA).
check_event_status <- function(status, arg = "status", call = sys.call(-1)) {
  if (is.logical(status)) status <- as.integer(status)
  status <- if (is.integer(status)) status else check_numeric_vector(status, arg, call = call)
  if (anyNA(status)) check_numeric_vector(status, arg, call = call)  # classed NA error
  r <- if (length(status)) range(status) else c(0, 0)
  if (r[1] < 0 || r[2] > 1 || (!is.integer(status) && !all(status == 0 | status == 1))) {
    radsig_abort(sprintf("`%s` must be 0/1 or logical (1/TRUE = event).", arg),
                 class = "radsig_error_value", arg = arg, call = call)
  }
  if (r[2] != 1) {
    radsig_abort(sprintf("`%s` contains no events.", arg),
                 class = "radsig_error_value", arg = arg, call = call)
  }
  as.integer(status)
}
