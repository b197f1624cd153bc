# Validators used by the discrimination metrics (see ?radsig_error for the classes).

# A two-class response as 0/1 with pROC's level rule (see check_binary_response()). Numeric
# and logical responses take a fast path that avoids building a factor (it matters at
# n = 1e6): their levels are the sorted distinct values, as factor() would give.
metrics_binary_response <- function(response, arg = "response", positive = NULL,
                                    call = sys.call(-1)) {
  if ((is.numeric(response) || is.logical(response)) && !is.factor(response) &&
      is.null(dim(response)) && length(response) > 0L && is.null(positive)) {
    if (anyNA(response)) {
      radsig_abort(sprintf("`%s` contains %d missing value(s); remove or impute them first.",
                           arg, sum(is.na(response))),
                   class = "radsig_error_missing", arg = arg, call = call)
    }
    u <- sort(unique(response))
    if (length(u) != 2L) {
      radsig_abort(sprintf("`%s` must have exactly two classes; it has %d (%s).", arg,
                           length(u), paste(utils::head(u, 5), collapse = ", ")),
                   class = "radsig_error_value", arg = arg, call = call)
    }
    return(list(y = as.integer(response == u[2L]), levels = as.character(u)))
  }
  check_binary_response(response, arg = arg, positive = positive, call = call)
}

check_roc <- function(x, arg, call = sys.call(-1)) {
  if (!inherits(x, "radsig_roc")) {
    radsig_abort(sprintf("`%s` must be a ROC curve from roc_curve(), not %s.", arg,
                         describe_type(x)),
                 class = "radsig_error_type", arg = arg, call = call)
  }
  invisible(x)
}

# Event indicator: logical, or numeric 0/1 (1 = event).
check_status <- function(status, arg = "status", call = sys.call(-1)) {
  s <- check_numeric_vector(status, arg, call = call)
  if (!all(s == 0 | s == 1)) {
    radsig_abort(sprintf("`%s` must be coded 0 (censored) / 1 (event) or FALSE/TRUE.", arg),
                 class = "radsig_error_value", arg = arg, call = call)
  }
  as.integer(s)
}

# The two curves and the alternative of a paired AUC comparison; returns the alternative.
check_roc_pair <- function(roc1, roc2, alternative, call = sys.call(-1)) {
  check_roc(roc1, "roc1", call = call)
  check_roc(roc2, "roc2", call = call)
  match_choice(alternative, c("two.sided", "less", "greater"), "alternative", call = call)
}
