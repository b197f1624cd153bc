# Input checks for the elastic-net API (fit_elastic_net, cv_elastic_net). Each signals a
# classed radsig error naming the argument.

# Response for `family`: returns list(y = numeric matrix for the core, classnames).
enet_response <- function(y, family, n, call = sys.call(-1)) {
  if (is.null(y)) {
    radsig_abort("`y` must not be NULL.", class = "radsig_error_type", arg = "y", call = call)
  }
  if (family == "cox") return(enet_surv_response(y, n, call = call))
  if (family == "gaussian") {
    if (is.factor(y) || is.character(y)) {
      radsig_abort(sprintf("`y` must be numeric for family \"gaussian\", not %s.",
                           describe_type(y)), class = "radsig_error_type", arg = "y",
                   call = call)
    }
    y <- check_numeric_vector(drop(y), "y", call = call)
    check_same_length(seq_len(n), y, "x", "y", call = call)
    if (all(y == y[1L])) {
      radsig_abort("`y` is constant; a gaussian model cannot be fitted.",
                   class = "radsig_error_value", arg = "y", call = call)
    }
    return(list(y = matrix(y, ncol = 1L), classnames = NULL))
  }
  if (!is.null(dim(y)) && length(dim(y)) > 1) {
    radsig_abort(sprintf("`y` must be a vector or factor for family \"%s\", not %s.",
                         family, describe_type(y)), class = "radsig_error_type", arg = "y",
                 call = call)
  }
  if (is.numeric(y) && family == "binomial" && any(!is.na(y) & !(y %in% c(0, 1))) &&
      length(unique(y[!is.na(y)])) > 2) {
    radsig_abort("`y` must have two classes for family \"binomial\" (a factor, 0/1 or two values).",
                 class = "radsig_error_value", arg = "y", call = call)
  }
  if (anyNA(y)) {
    radsig_abort(sprintf("`y` contains %d missing value(s); remove or impute them first.",
                         sum(is.na(y))), class = "radsig_error_missing", arg = "y", call = call)
  }
  check_same_length(seq_len(n), y, "x", "y", call = call)
  f <- if (is.factor(y)) droplevels(y) else factor(y)
  tab <- table(f)
  if (family == "binomial" && length(tab) != 2L) {
    radsig_abort(sprintf("`y` must have exactly two classes for family \"binomial\"; it has %d.",
                         length(tab)), class = "radsig_error_value", arg = "y", call = call)
  }
  if (family == "multinomial" && length(tab) < 2L) {
    radsig_abort("`y` must have at least two classes for family \"multinomial\".",
                 class = "radsig_error_value", arg = "y", call = call)
  }
  if (any(tab < 2L)) {
    radsig_abort(sprintf("Each class of `y` needs at least 2 observations; class \"%s\" has %d.",
                         names(tab)[which.min(tab)], min(tab)),
                 class = "radsig_error_value", arg = "y", call = call)
  }
  lev <- levels(f)
  ym <- if (family == "binomial") {
    matrix(as.numeric(f == lev[2L]), ncol = 1L)
  } else {
    m <- matrix(0, n, length(lev))
    m[cbind(seq_len(n), as.integer(f))] <- 1
    m
  }
  list(y = ym, classnames = lev)
}

enet_surv_response <- function(y, n, call = sys.call(-1)) {
  if (inherits(y, "Surv")) {
    if (attr(y, "type") != "right") {
      radsig_abort("`y` must be a right-censored survival::Surv object.",
                   class = "radsig_error_value", arg = "y", call = call)
    }
    m <- unclass(y)[, 1:2, drop = FALSE]
  } else if ((is.matrix(y) || is.data.frame(y)) && ncol(y) == 2L) {
    m <- as.matrix(y)
    if (!is.numeric(m)) {
      radsig_abort("`y` must be a survival::Surv object or a numeric matrix (time, status).",
                   class = "radsig_error_type", arg = "y", call = call)
    }
  } else {
    radsig_abort(sprintf(paste("`y` must be a survival::Surv object or a two-column (time, status)",
                               "matrix for family \"cox\", not %s."),
                         describe_type(y)), class = "radsig_error_type", arg = "y", call = call)
  }
  if (anyNA(m)) {
    radsig_abort("`y` contains missing times or statuses.", class = "radsig_error_missing",
                 arg = "y", call = call)
  }
  if (nrow(m) != n) {
    radsig_abort(sprintf("`y` has %d observations but `x` has %d rows.", nrow(m), n),
                 class = "radsig_error_length", arg = "y", call = call)
  }
  if (any(!is.finite(m[, 1])) || any(m[, 1] <= 0)) {
    radsig_abort("Survival times in `y` must be finite and positive.",
                 class = "radsig_error_value", arg = "y", call = call)
  }
  if (!all(m[, 2] %in% c(0, 1))) {
    radsig_abort("The status in `y` must be 0 (censored) or 1 (event).",
                 class = "radsig_error_value", arg = "y", call = call)
  }
  if (sum(m[, 2]) < 1) {
    radsig_abort("`y` has no events; a Cox model cannot be fitted.",
                 class = "radsig_error_value", arg = "y", call = call)
  }
  storage.mode(m) <- "double"
  dimnames(m) <- list(NULL, c("time", "status"))
  list(y = m, classnames = NULL)
}

enet_weights <- function(weights, n, call = sys.call(-1)) {
  if (is.null(weights)) return(rep(1, n))
  w <- check_numeric_vector(weights, "weights", call = call)
  check_same_length(seq_len(n), w, "x", "weights", call = call)
  if (any(w < 0)) {
    radsig_abort("`weights` must be non-negative.", class = "radsig_error_value",
                 arg = "weights", call = call)
  }
  if (sum(w) <= 0) {
    radsig_abort("`weights` must not all be zero.", class = "radsig_error_value",
                 arg = "weights", call = call)
  }
  w
}

# Offset as an n x k matrix (k = number of classes for multinomial, else 1).
enet_offset <- function(offset, n, k = 1L, call = sys.call(-1)) {
  if (is.null(offset)) return(NULL)
  if (k == 1L) {
    o <- check_numeric_vector(drop(offset), "offset", call = call)
    check_same_length(seq_len(n), o, "x", "offset", call = call)
    return(matrix(o, ncol = 1L))
  }
  if (!is.matrix(offset) || !is.numeric(offset) || nrow(offset) != n || ncol(offset) != k) {
    radsig_abort(sprintf("`offset` must be a numeric %d x %d matrix for this multinomial model.",
                         n, k), class = "radsig_error_length", arg = "offset", call = call)
  }
  check_numeric_vector(as.vector(offset), "offset", call = call)
  storage.mode(offset) <- "double"
  offset
}

enet_penalty_factor <- function(pf, p, call = sys.call(-1)) {
  if (is.null(pf)) return(numeric(0))
  pf <- check_numeric_vector(pf, "penalty_factor", allow_inf = TRUE, call = call)
  if (length(pf) != p) {
    radsig_abort(sprintf("`penalty_factor` must have one value per column of `x` (%d), not %d.",
                         p, length(pf)), class = "radsig_error_length",
                 arg = "penalty_factor", call = call)
  }
  if (any(pf < 0)) {
    radsig_abort("`penalty_factor` must be non-negative.", class = "radsig_error_value",
                 arg = "penalty_factor", call = call)
  }
  if (all(pf == 0 | is.infinite(pf))) {
    radsig_abort("`penalty_factor` must have at least one finite positive value.",
                 class = "radsig_error_value", arg = "penalty_factor", call = call)
  }
  pf
}

enet_limits <- function(lim, p, arg, lower, call = sys.call(-1)) {
  lim <- check_numeric_vector(lim, arg, allow_inf = TRUE, call = call)
  if (!(length(lim) %in% c(1L, p))) {
    radsig_abort(sprintf("`%s` must have length 1 or %d.", arg, p),
                 class = "radsig_error_length", arg = arg, call = call)
  }
  if (if (lower) any(lim > 0) else any(lim < 0)) {
    radsig_abort(sprintf("`%s` must be %s.", arg, if (lower) "<= 0" else ">= 0"),
                 class = "radsig_error_value", arg = arg, call = call)
  }
  if (all(is.infinite(lim))) numeric(0) else rep_len(lim, p)
}

enet_lambda <- function(lambda, call = sys.call(-1)) {
  if (is.null(lambda)) return(numeric(0))
  lambda <- check_numeric_vector(lambda, "lambda", call = call)
  if (length(lambda) == 0L || any(lambda < 0)) {
    radsig_abort("`lambda` must be a non-empty vector of non-negative values.",
                 class = "radsig_error_value", arg = "lambda", call = call)
  }
  sort(lambda, decreasing = TRUE)
}

enet_check_count <- function(x, arg, lower = 1, call = sys.call(-1)) {
  if (!is.numeric(x) || length(x) != 1L || is.na(x) || x < lower || x != round(x)) {
    radsig_abort(sprintf("`%s` must be a whole number >= %s.", arg, format(lower)),
                 class = "radsig_error_value", arg = arg, call = call)
  }
  as.integer(x)
}

enet_check_flag <- function(x, arg, call = sys.call(-1)) {
  if (!is.logical(x) || length(x) != 1L || is.na(x)) {
    radsig_abort(sprintf("`%s` must be TRUE or FALSE.", arg), class = "radsig_error_type",
                 arg = arg, call = call)
  }
  x
}

# check_numeric_matrix() for the (large) design of fit_elastic_net(): the same checks and
# errors, but the scan for infinite values costs one sum instead of a logical copy of x
# (a finite sum rules them out; only an infinite or NaN sum needs the exact check).
enet_check_x <- function(x, call = sys.call(-1)) {
  if (is.matrix(x) && is.double(x) && length(x) > 0L && !anyNA(x) && is.finite(sum(x))) {
    return(x)
  }
  check_numeric_matrix(x, "x", call = call)
}
