# Input validation shared by the R API. Each check names the argument in the error and
# signals a classed condition (see ?radsig_error).

check_numeric_vector <- function(x, arg, allow_na = FALSE, allow_inf = FALSE,
                                 call = sys.call(-1)) {
  if (is.factor(x) || !(is.numeric(x) || is.logical(x)) || !is.null(dim(x)) && length(dim(x)) > 1) {
    radsig_abort(sprintf("`%s` must be a numeric vector, not %s.", arg, describe_type(x)),
                 class = "radsig_error_type", arg = arg, call = call)
  }
  if (!allow_na && anyNA(x)) {
    radsig_abort(sprintf("`%s` contains %d missing value(s); remove or impute them first.",
                         arg, sum(is.na(x))),
                 class = "radsig_error_missing", arg = arg, call = call)
  }
  if (!allow_inf && any(is.infinite(x))) {
    radsig_abort(sprintf("`%s` contains %d infinite value(s).", arg, sum(is.infinite(x))),
                 class = "radsig_error_value", arg = arg, call = call)
  }
  invisible(as.double(x))
}

check_same_length <- function(x, y, arg_x, arg_y, call = sys.call(-1)) {
  if (length(x) != length(y)) {
    radsig_abort(sprintf("`%s` (length %d) and `%s` (length %d) must have the same length.",
                         arg_y, length(y), arg_x, length(x)),
                 class = "radsig_error_length", arg = arg_y, call = call)
  }
  invisible(TRUE)
}

check_scalar_number <- function(x, arg, lower = -Inf, upper = Inf, call = sys.call(-1)) {
  if (!is.numeric(x) || length(x) != 1L || is.na(x) || x < lower || x > upper) {
    radsig_abort(sprintf("`%s` must be a single number in [%s, %s].", arg,
                         format(lower), format(upper)),
                 class = "radsig_error_value", arg = arg, call = call)
  }
  invisible(as.double(x))
}

check_level <- function(level, arg = "level", call = sys.call(-1)) {
  if (!is.numeric(level) || length(level) != 1L || is.na(level) || level <= 0 || level >= 1) {
    radsig_abort(sprintf("`%s` must be a single number strictly between 0 and 1.", arg),
                 class = "radsig_error_value", arg = arg, call = call)
  }
  invisible(as.double(level))
}

# Like match.arg() but with a classed error that names the argument and lists the choices.
match_choice <- function(x, choices, arg, call = sys.call(-1)) {
  if (identical(x, choices)) return(choices[1L])
  if (!is.character(x) || length(x) != 1L || is.na(x) || !(x %in% choices)) {
    radsig_abort(sprintf("`%s` must be one of %s.", arg,
                         paste0('"', choices, '"', collapse = ", ")),
                 class = "radsig_error_value", arg = arg, call = call)
  }
  x
}

describe_type <- function(x) {
  if (is.factor(x)) return("a factor")
  if (is.data.frame(x)) return("a data frame")
  if (is.matrix(x)) return(sprintf("a %s matrix", typeof(x)))
  if (is.null(x)) return("NULL")
  sprintf("a %s vector", typeof(x))
}

# A two-class response as 0/1 (1 = the positive class). Follows pROC's level rule: for a
# factor, its levels; otherwise sorted unique values; the first level is the control
# (negative) class unless `positive` names the positive one. Returns list(y, levels).
check_binary_response <- function(response, arg = "response", positive = NULL,
                                   call = sys.call(-1)) {
  if (is.null(response) || length(response) == 0L) {
    radsig_abort(sprintf("`%s` must be a non-empty vector with two classes.", arg),
                 class = "radsig_error_length", arg = arg, call = call)
  }
  if (!is.null(dim(response)) && length(dim(response)) > 1) {
    radsig_abort(sprintf("`%s` must be a vector, not %s.", arg, describe_type(response)),
                 class = "radsig_error_type", arg = arg, call = call)
  }
  if (anyNA(response)) {
    radsig_abort(sprintf("`%s` contains %d missing value(s); remove or impute them first.",
                         arg, sum(is.na(response))),
                 class = "radsig_error_missing", arg = arg, call = call)
  }
  f <- if (is.factor(response)) droplevels(response) else factor(response)
  lev <- levels(f)
  if (length(lev) != 2L) {
    radsig_abort(sprintf("`%s` must have exactly two classes; it has %d (%s).", arg,
                         length(lev), paste(utils::head(lev, 5), collapse = ", ")),
                 class = "radsig_error_value", arg = arg, call = call)
  }
  if (!is.null(positive)) {
    positive <- as.character(positive)
    if (length(positive) != 1L || !(positive %in% lev)) {
      radsig_abort(sprintf("`positive` must be one of the classes of `%s`: %s.", arg,
                           paste0('"', lev, '"', collapse = ", ")),
                   class = "radsig_error_value", arg = "positive", call = call)
    }
    lev <- c(setdiff(lev, positive), positive)
  }
  list(y = as.integer(as.character(f) == lev[2L]), levels = lev)
}

# A numeric matrix (or data frame of numeric columns) with column names kept.
check_numeric_matrix <- function(x, arg = "x", allow_na = FALSE, call = sys.call(-1)) {
  if (is.data.frame(x)) {
    bad <- names(x)[!vapply(x, function(col) is.numeric(col) || is.logical(col), logical(1))]
    if (length(bad)) {
      radsig_abort(sprintf("`%s` must have numeric columns only; not numeric: %s.", arg,
                           paste(utils::head(bad, 5), collapse = ", ")),
                   class = "radsig_error_type", arg = arg, call = call)
    }
    x <- as.matrix(x)
  }
  if (!is.matrix(x) || !(is.numeric(x) || is.logical(x))) {
    radsig_abort(sprintf("`%s` must be a numeric matrix or data frame, not %s.", arg,
                         describe_type(x)),
                 class = "radsig_error_type", arg = arg, call = call)
  }
  if (nrow(x) == 0L || ncol(x) == 0L) {
    radsig_abort(sprintf("`%s` has no rows or no columns.", arg),
                 class = "radsig_error_length", arg = arg, call = call)
  }
  if (!allow_na && anyNA(x)) {
    radsig_abort(sprintf("`%s` contains %d missing value(s).", arg, sum(is.na(x))),
                 class = "radsig_error_missing", arg = arg, call = call)
  }
  if (any(is.infinite(x))) {
    radsig_abort(sprintf("`%s` contains infinite values.", arg),
                 class = "radsig_error_value", arg = arg, call = call)
  }
  storage.mode(x) <- "double"
  x
}

# A single whole number >= `lower` (finite, within R's integer range), returned as an
# integer.
check_count <- function(x, arg, lower = 0, call = sys.call(-1)) {
  if (!is.numeric(x) || length(x) != 1L || is.na(x) || !is.finite(x) || x < lower ||
      x != round(x) || x > .Machine$integer.max) {
    radsig_abort(sprintf("`%s` must be a single whole number >= %s.", arg, format(lower)),
                 class = "radsig_error_value", arg = arg, call = call)
  }
  as.integer(x)
}

# Runs `expr` with R's generator seeded by `seed` and restores the caller's RNG state (and,
# with `fixed_kind`, its RNG kinds) afterwards, so a seed never changes the session's random
# stream. With seed = NULL, `expr` uses (and advances) the current stream, like any R
# function that draws random numbers. `fixed_kind = TRUE` seeds with R's default kinds
# (Mersenne-Twister, Inversion, Rejection) so results do not depend on the session's
# RNGkind().
with_seed <- function(seed, expr, arg = "seed", fixed_kind = FALSE, call = sys.call(-1)) {
  if (is.null(seed)) return(expr)
  seed <- check_count(seed, arg, lower = -.Machine$integer.max, call = call)
  genv <- globalenv()
  had_seed <- exists(".Random.seed", envir = genv, inherits = FALSE)
  old_seed <- if (had_seed) get(".Random.seed", envir = genv, inherits = FALSE)
  old_kind <- RNGkind()
  on.exit({
    if (fixed_kind) do.call(RNGkind, as.list(old_kind))
    if (had_seed) assign(".Random.seed", old_seed, envir = genv) else
      rm(".Random.seed", envir = genv)
  })
  if (fixed_kind) {
    set.seed(seed, kind = "Mersenne-Twister", normal.kind = "Inversion",
             sample.kind = "Rejection")
  } else {
    set.seed(seed)
  }
  expr
}

# A seed for the core's own generator: NULL stays NULL (`draw = FALSE`) or is drawn from
# R's RNG (`draw = TRUE`, so that set.seed() makes results reproducible); otherwise a whole
# number in [0, 2^52), returned as a double.
core_seed <- function(seed, arg = "seed", draw = TRUE, call = sys.call(-1)) {
  if (is.null(seed)) {
    return(if (draw) as.double(sample.int(.Machine$integer.max, 1L)) else NULL)
  }
  if (!is.numeric(seed) || length(seed) != 1L || is.na(seed) || seed < 0 ||
      seed != round(seed) || seed >= 2^52) {
    radsig_abort(sprintf("`%s` must be NULL or a single non-negative whole number.", arg),
                 class = "radsig_error_value", arg = arg, call = call)
  }
  as.double(seed)
}
