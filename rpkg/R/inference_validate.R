# Validators and model-frame helpers shared by the regression, survival, nomogram and
# calibration front-ends (issue 6). Generic ones live in validate.R.

check_formula <- function(formula, arg = "formula", call = sys.call(-1)) {
  if (!inherits(formula, "formula") || length(formula) != 3L) {
    radsig_abort(sprintf("`%s` must be a two-sided formula such as `y ~ x1 + x2`.", arg),
                 class = "radsig_error_type", arg = arg, call = call)
  }
  invisible(formula)
}

check_data_frame <- function(data, arg = "data", call = sys.call(-1)) {
  if (!is.data.frame(data)) {
    radsig_abort(sprintf("`%s` must be a data frame, not %s.", arg, describe_type(data)),
                 class = "radsig_error_type", arg = arg, call = call)
  }
  if (nrow(data) == 0L) {
    radsig_abort(sprintf("`%s` has no rows.", arg), class = "radsig_error_length",
                 arg = arg, call = call)
  }
  invisible(data)
}

# na.action for model frames: "omit" (default, with a message naming the count) or "fail".
resolve_na_action <- function(na_action, call = sys.call(-1)) {
  match_choice(na_action, c("omit", "fail"), "na_action", call = call)
}

# Builds a model frame like glm does, honouring na_action, and reports dropped rows.
inference_model_frame <- function(formula, data, weights = NULL, offset = NULL, na_action,
                                  env_extra = NULL, call = sys.call(-1)) {
  if (!is.null(env_extra)) {
    env <- list2env(env_extra, parent = environment(formula))
    environment(formula) <- env
  }
  na_fun <- if (na_action == "omit") stats::na.omit else stats::na.fail
  mf <- tryCatch(
    do.call(stats::model.frame,
            c(list(formula = formula, data = data, na.action = na_fun,
                   drop.unused.levels = TRUE),
              if (!is.null(weights)) list(weights = weights),
              if (!is.null(offset)) list(offset = offset))),
    error = function(e) {
      msg <- conditionMessage(e)
      if (grepl("missing values", msg)) {
        radsig_abort("`data` contains missing values in the model variables and `na_action = \"fail\"`.",
                     class = "radsig_error_missing", arg = "data", call = call)
      }
      radsig_abort(sprintf("could not build the model frame: %s", msg),
                   class = "radsig_error_value", arg = "formula", call = call)
    })
  dropped <- attr(mf, "na.action")
  if (length(dropped)) {
    message(sprintf("radsig: %d row(s) with missing values removed (na_action = \"omit\").",
                    length(dropped)))
  }
  mf
}

check_model_weights <- function(w, n, call = sys.call(-1)) {
  if (is.null(w)) return(rep(1, n))
  if (!is.numeric(w) || anyNA(w) || any(!is.finite(w)) || any(w < 0)) {
    radsig_abort("`weights` must be finite, non-negative numbers.",
                 class = "radsig_error_value", arg = "weights", call = call)
  }
  as.double(w)
}

# The response of a logistic model as 0/1 like glm: a two-level factor (first level = 0),
# a logical, or numeric 0/1. Anything else is refused.
logistic_response <- function(y, call = sys.call(-1)) {
  if (is.factor(y)) {
    if (nlevels(droplevels(y)) != 2L) {
      radsig_abort(sprintf("the outcome must have exactly two classes; it has %d.",
                           nlevels(droplevels(y))),
                   class = "radsig_error_value", arg = "formula", call = call)
    }
    return(list(y = as.double(y != levels(y)[1L]), levels = levels(y)))
  }
  if (is.logical(y)) return(list(y = as.double(y), levels = c("FALSE", "TRUE")))
  if (!is.numeric(y) || !is.null(dim(y)) || any(!(y %in% c(0, 1)))) {
    radsig_abort("the outcome of a logistic model must be 0/1, logical or a two-level factor.",
                 class = "radsig_error_value", arg = "formula", call = call)
  }
  if (length(unique(y)) < 2L) {
    radsig_abort("the outcome has a single class; a logistic model needs events and non-events.",
                 class = "radsig_error_value", arg = "formula", call = call)
  }
  list(y = as.double(y), levels = c("0", "1"))
}

# Model matrix for new data, with a classed error for factor levels unseen in the fit.
new_model_matrix <- function(terms, xlevels, contrasts, newdata, call = sys.call(-1)) {
  check_data_frame(newdata, "newdata", call = call)
  for (v in names(xlevels)) {
    if (!v %in% names(newdata)) next
    vals <- unique(as.character(newdata[[v]]))
    vals <- vals[!is.na(vals)]
    unseen <- setdiff(vals, xlevels[[v]])
    if (length(unseen)) {
      radsig_abort(sprintf("factor `%s` has level(s) not seen when fitting: %s.", v,
                           paste(unseen, collapse = ", ")),
                   class = "radsig_error_value", arg = "newdata", call = call)
    }
  }
  tt <- stats::delete.response(terms)
  mf <- tryCatch(stats::model.frame(tt, newdata, na.action = stats::na.pass, xlev = xlevels),
                 error = function(e) radsig_abort(
                   sprintf("`newdata` does not fit the model: %s", conditionMessage(e)),
                   class = "radsig_error_value", arg = "newdata", call = call))
  stats::model.matrix(tt, mf, contrasts.arg = contrasts)
}
