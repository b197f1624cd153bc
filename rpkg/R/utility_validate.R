# Validators used by the model-comparison and clinical-utility functions (nri, idi,
# decision_curve, find_cutpoint, survival_cutpoint, mcnemar_test, compare_groups). Generic
# ones live in validate.R.

# Numeric vector of probabilities in [0, 1] (no NA).
check_probability_vector <- function(x, arg, call = sys.call(-1)) {
  x <- check_numeric_vector(x, arg, call = call)
  if (any(x < 0 | x > 1)) {
    radsig_abort(sprintf("`%s` must contain probabilities in [0, 1]; %d value(s) are outside.",
                         arg, sum(x < 0 | x > 1)),
                 class = "radsig_error_value", arg = arg, call = call)
  }
  x
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

# A single positive whole number.
check_whole_number <- function(x, arg, lower = 0, call = sys.call(-1)) {
  if (!is.numeric(x) || length(x) != 1L || is.na(x) || x < lower || x != round(x) ||
      x > .Machine$integer.max) {
    radsig_abort(sprintf("`%s` must be a single whole number >= %s.", arg, format(lower)),
                 class = "radsig_error_value", arg = arg, call = call)
  }
  as.integer(x)
}

# An event indicator: logical or numeric 0/1 (no NA).
check_event_status <- function(status, arg = "status", call = sys.call(-1)) {
  if (is.logical(status)) status <- as.integer(status)
  status <- check_numeric_vector(status, arg, call = call)
  if (!all(status %in% c(0, 1))) {
    radsig_abort(sprintf("`%s` must be 0/1 or logical (1/TRUE = event).", arg),
                 class = "radsig_error_value", arg = arg, call = call)
  }
  if (!any(status == 1)) {
    radsig_abort(sprintf("`%s` contains no events.", arg),
                 class = "radsig_error_value", arg = arg, call = call)
  }
  as.integer(status)
}

# A seed for the core's random number generator: NULL draws one from R's RNG, so that
# set.seed() makes results reproducible.
resolve_core_seed <- function(seed, arg = "seed", call = sys.call(-1)) {
  if (is.null(seed)) return(as.double(sample.int(.Machine$integer.max, 1L)))
  as.double(check_whole_number(seed, arg, call = call))
}
