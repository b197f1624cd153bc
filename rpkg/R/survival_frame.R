# Survival responses and strata for the formula front-ends (fit_cox, km_curve, logrank_test).
# `Surv()` and `strata()` work with or without the survival package attached: radsig
# evaluates formulas with its own minimal versions (right-censored data only).

radsig_surv <- function(time, event) {
  if (missing(event)) event <- rep(1, length(time))
  if (!is.numeric(time)) {
    radsig_abort("the survival time in `Surv()` must be numeric.", class = "radsig_error_type",
                 arg = "formula")
  }
  if (is.logical(event)) event <- as.integer(event)
  if (is.factor(event) || !is.numeric(event)) {
    radsig_abort("the event indicator in `Surv()` must be 0/1, 1/2 or logical.",
                 class = "radsig_error_type", arg = "formula")
  }
  ev <- event[!is.na(event)]
  if (length(ev) && all(ev %in% c(1, 2)) && any(ev == 2)) event <- event - 1
  if (any(!event[!is.na(event)] %in% c(0, 1))) {
    radsig_abort("the event indicator in `Surv()` must be 0/1, 1/2 or logical.",
                 class = "radsig_error_value", arg = "formula")
  }
  cbind(time = as.double(time), status = as.double(event))
}

radsig_strata <- function(...) {
  args <- list(...)
  nms <- vapply(as.list(substitute(list(...)))[-1L], function(e) paste(deparse(e), collapse = ""),
                character(1))
  labs <- lapply(seq_along(args), function(i) {
    v <- args[[i]]
    lv <- if (is.factor(v)) levels(v) else sort(unique(v[!is.na(v)]))
    factor(ifelse(is.na(v), NA, paste0(nms[i], "=", v)), levels = paste0(nms[i], "=", lv))
  })
  if (length(labs) == 1L) return(droplevels(labs[[1L]]))
  interaction(labs, drop = TRUE, sep = ", ", lex.order = TRUE)
}

# Model frame for a survival formula: response matrix (time, status), strata factor (or
# NULL), terms without the strata, weights.
surv_model_frame <- function(formula, data, weights, na_action, call = sys.call(-1)) {
  check_formula(formula, call = call)
  check_data_frame(data, call = call)
  na_action <- resolve_na_action(na_action, call = call)
  if (!is.null(weights)) {
    check_numeric_vector(weights, "weights", allow_na = TRUE, call = call)
    check_same_length(seq_len(nrow(data)), weights, "data", "weights", call = call)
  }
  env <- list2env(list(Surv = radsig_surv, strata = radsig_strata),
                  parent = environment(formula))
  tt <- stats::terms(formula, specials = "strata", data = data)
  environment(tt) <- env
  mf <- inference_model_frame(tt, data, weights = weights, na_action = na_action, call = call)
  y <- stats::model.response(mf)
  if (!is.matrix(y) || ncol(y) != 2L ||
      (!is.null(attr(y, "type")) && attr(y, "type") != "right")) {
    radsig_abort("the response must be `Surv(time, event)` with right-censored data.",
                 class = "radsig_error_type", arg = "formula", call = call)
  }
  time <- as.double(y[, 1L])
  status <- as.integer(y[, 2L])
  if (any(time < 0)) {
    radsig_abort(sprintf("survival times must not be negative (%d negative).", sum(time < 0)),
                 class = "radsig_error_value", arg = "formula", call = call)
  }
  if (any(time == 0)) {
    warning(structure(class = c("radsig_warning_zero_time", "warning", "condition"),
                      list(message = sprintf("radsig: %d survival time(s) equal to 0.",
                                             sum(time == 0)), call = NULL)))
  }
  if (sum(status) == 0) {
    radsig_abort("no events: every observation is censored.", class = "radsig_error_value",
                 arg = "formula", call = call)
  }
  w <- stats::model.weights(mf)
  if (!is.null(w) && (any(!is.finite(w)) || any(w <= 0))) {
    radsig_abort("`weights` must be finite and > 0.", class = "radsig_error_value",
                 arg = "weights", call = call)
  }
  sp <- attr(tt, "specials")$strata
  strata <- NULL
  tt_x <- stats::terms(mf)
  if (length(sp)) {
    strata <- if (length(sp) == 1L) mf[[sp]] else interaction(mf[sp], drop = TRUE, sep = ", ")
    strata <- droplevels(as.factor(strata))
    fac <- attr(tt_x, "factors")
    drop_terms <- which(colSums(fac[sp, , drop = FALSE] > 0) > 0)
    tt_x <- if (length(drop_terms) == ncol(fac)) {
      stats::terms(stats::update(stats::formula(tt_x), . ~ 1), data = data)
    } else {
      stats::drop.terms(tt_x, dropx = drop_terms, keep.response = TRUE)
    }
  }
  list(mf = mf, time = time, status = status, weights = w, strata = strata, terms = tt_x,
       na_action = attr(mf, "na.action"))
}
