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

check_count <- function(x, arg, lower = 1, call = sys.call(-1)) {
  if (!is.numeric(x) || length(x) != 1L || is.na(x) || x < lower || x != round(x)) {
    radsig_abort(sprintf("`%s` must be a whole number >= %s.", arg, format(lower)),
                 class = "radsig_error_value", arg = arg, call = call)
  }
  as.integer(x)
}

# Runs `expr` with the RNG seeded by `seed` and restores the caller's RNG state afterwards,
# so a seed never changes the global random stream. With seed = NULL, `expr` uses (and
# advances) the current stream, like any R function that draws random numbers.
with_seed <- function(seed, expr) {
  if (is.null(seed)) return(expr)
  seed <- check_count(seed, "seed", lower = -.Machine$integer.max)
  genv <- globalenv()
  had_seed <- exists(".Random.seed", envir = genv, inherits = FALSE)
  old <- if (had_seed) get(".Random.seed", envir = genv, inherits = FALSE)
  on.exit(if (had_seed) assign(".Random.seed", old, envir = genv)
          else rm(".Random.seed", envir = genv))
  set.seed(seed)
  expr
}
