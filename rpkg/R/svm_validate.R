# Input checks and conditions specific to the SVM functions (see ?radsig_error).

# Signals a classed radsig warning.
svm_warn <- function(message, class, call = sys.call(-1)) {
  cond <- structure(
    class = c(class, "radsig_warning", "warning", "condition"),
    list(message = message, call = call)
  )
  warning(cond)
}

# A response for C-classification: a factor whose present levels are the classes.
svm_class_response <- function(y, call = sys.call(-1)) {
  if (is.factor(y)) return(y)
  if (is.character(y) || is.logical(y)) return(factor(y))
  if (is.numeric(y)) {
    if (any(y != round(y))) {
      radsig_abort(paste0("`y` has non-integer values; for C-classification use a factor or ",
                          "integer classes, or set `type = \"eps-regression\"`."),
                   class = "radsig_error_value", arg = "y", call = call)
    }
    return(factor(y))
  }
  radsig_abort(sprintf("`y` must be a factor, character, logical or numeric vector, not %s.",
                       describe_type(y)), class = "radsig_error_type", arg = "y", call = call)
}

svm_check_response <- function(y, n, call = sys.call(-1)) {
  if (is.null(y) || !is.null(dim(y)) && length(dim(y)) > 1) {
    radsig_abort("`y` must be a vector or factor.", class = "radsig_error_type", arg = "y",
                 call = call)
  }
  if (length(y) != n) {
    radsig_abort(sprintf("`y` (length %d) must have one value per row of `x` (%d).",
                         length(y), n), class = "radsig_error_length", arg = "y", call = call)
  }
  if (anyNA(y)) {
    radsig_abort(sprintf("`y` contains %d missing value(s); remove or impute them first.",
                         sum(is.na(y))), class = "radsig_error_missing", arg = "y", call = call)
  }
  invisible(y)
}

svm_check_positive <- function(x, arg, call = sys.call(-1)) {
  if (!is.numeric(x) || length(x) != 1L || is.na(x) || !is.finite(x) || x <= 0) {
    radsig_abort(sprintf("`%s` must be a single finite number > 0.", arg),
                 class = "radsig_error_value", arg = arg, call = call)
  }
  invisible(as.double(x))
}

svm_check_flag <- function(x, arg, call = sys.call(-1)) {
  if (!is.logical(x) || length(x) != 1L || is.na(x)) {
    radsig_abort(sprintf("`%s` must be TRUE or FALSE.", arg), class = "radsig_error_type",
                 arg = arg, call = call)
  }
  invisible(x)
}
