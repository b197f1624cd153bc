#' Errors signalled by radsig
#'
#' Every error radsig signals is a condition of class `radsig_error` (and `error`),
#' with a more specific class first, so callers can catch exactly what they expect:
#'
#' * `radsig_error_type`: an argument has the wrong type (e.g. a non-numeric predictor).
#' * `radsig_error_missing`: an argument contains `NA`/`NaN` values.
#' * `radsig_error_length`: arguments of different lengths, or too short.
#' * `radsig_error_value`: a bad value (infinite values, a single-class response, a value
#'   outside its range, an unknown choice).
#' * `radsig_error_convergence`: an iterative algorithm in the core did not converge.
#' * `radsig_error_io`: reading or writing a file failed (missing, corrupt, unknown format).
#' * `radsig_error_interrupted`: a computation was interrupted.
#' * `radsig_error_core`: any other error raised by the C++ core.
#'
#' The condition carries the offending argument's name in its `arg` field.
#'
#' @name radsig_error
#' @examples
#' res <- tryCatch(roc_curve(c(0, 1, 1), c(0.1, NA, 0.3)),
#'                 radsig_error = function(e) e)
#' class(res)
#' res$arg
NULL

# Signals a classed radsig error. `arg` names the offending argument.
radsig_abort <- function(message, class = "radsig_error_value", arg = NULL,
                         call = sys.call(-1)) {
  cond <- structure(
    class = unique(c(class, "radsig_error", "error", "condition")),
    list(message = message, call = call, arg = arg)
  )
  stop(cond)
}

# Maps a C++ exception type (as reported by Rcpp) to a radsig condition class.
core_error_class <- function(cpp_class) {
  switch(cpp_class,
    "radsig::invalid_argument" = "radsig_error_value",
    "radsig::convergence_error" = "radsig_error_convergence",
    "radsig::interrupted" = "radsig_error_interrupted",
    "radsig::io_error" = "radsig_error_io",
    "radsig_error_core"
  )
}

# Evaluates a call into the C++ core and re-signals its exceptions as classed radsig errors.
call_core <- function(expr, call = sys.call(-1)) {
  tryCatch(expr, "C++Error" = function(e) {
    msg <- conditionMessage(e)
    arg <- regmatches(msg, regexec("^invalid argument '([^']+)'", msg))[[1]]
    radsig_abort(msg, class = core_error_class(class(e)[1]),
                 arg = if (length(arg) == 2) arg[2] else NULL, call = call)
  })
}
