# Validators of feature-extraction settings (used by feature_settings() and read_params()).
# Each names the setting in its classed error.

check_flag_setting <- function(x, arg, call = sys.call(-1)) {
  if (!is.logical(x) || length(x) != 1L || is.na(x)) {
    radsig_abort(sprintf("Setting `%s` must be TRUE or FALSE.", arg),
                 class = "radsig_error_type", arg = arg, call = call)
  }
  x
}

check_count_setting <- function(x, arg, lower = 0, upper = Inf, null_ok = FALSE,
                                call = sys.call(-1)) {
  if (is.null(x) && null_ok) return(NULL)
  if (!is.numeric(x) || length(x) != 1L || is.na(x) || x != round(x) || x < lower ||
      x > upper) {
    radsig_abort(sprintf("Setting `%s` must be a single whole number in [%s, %s]%s.", arg,
                         format(lower), format(upper), if (null_ok) " or NULL" else ""),
                 class = "radsig_error_value", arg = arg, call = call)
  }
  as.integer(x)
}

check_number_setting <- function(x, arg, positive = FALSE, null_ok = FALSE,
                                 call = sys.call(-1)) {
  if (is.null(x) && null_ok) return(NULL)
  if (!is.numeric(x) || length(x) != 1L || !is.finite(x) || (positive && x <= 0)) {
    radsig_abort(sprintf("Setting `%s` must be a single finite %snumber%s.", arg,
                         if (positive) "positive " else "", if (null_ok) " or NULL" else ""),
                 class = "radsig_error_value", arg = arg, call = call)
  }
  as.double(x)
}

check_choice_setting <- function(x, choices, arg, null_ok = FALSE, call = sys.call(-1)) {
  if (is.null(x) && null_ok) return(NULL)
  if (!is.character(x) || length(x) != 1L || is.na(x) || !(x %in% choices)) {
    radsig_abort(sprintf("Setting `%s` must be one of %s%s.", arg,
                         paste0('"', choices, '"', collapse = ", "),
                         if (null_ok) " or NULL" else ""),
                 class = "radsig_error_value", arg = arg, call = call)
  }
  x
}

check_numeric_setting <- function(x, arg, lengths, lower = -Inf, null_ok = FALSE,
                                  call = sys.call(-1)) {
  if (is.null(x) && null_ok) return(NULL)
  if (!is.numeric(x) || !(length(x) %in% lengths) || any(!is.finite(x)) || any(x < lower)) {
    radsig_abort(sprintf("Setting `%s` must be a numeric vector of length %s with values >= %s%s.",
                         arg, paste(lengths, collapse = " or "), format(lower),
                         if (null_ok) ", or NULL" else ""),
                 class = "radsig_error_value", arg = arg, call = call)
  }
  as.double(x)
}

# featureClass: NULL (PyRadiomics defaults) or a named list class -> NULL / feature names.
check_feature_class_setting <- function(x, call = sys.call(-1)) {
  if (is.null(x)) return(NULL)
  cat <- feature_catalogue_cpp()
  classes <- names(cat$active)
  if (is.character(x)) x <- stats::setNames(rep(list(NULL), length(x)), x)
  if (!is.list(x) || is.null(names(x)) || any(names(x) == "")) {
    radsig_abort("Setting `featureClass` must be a named list (class = NULL or feature names).",
                 class = "radsig_error_type", arg = "featureClass", call = call)
  }
  for (cl in names(x)) {
    if (!(cl %in% classes)) {
      radsig_abort(sprintf("Unknown feature class \"%s\" in `featureClass`; valid classes: %s.",
                           cl, paste(classes, collapse = ", ")),
                   class = "radsig_error_value", arg = "featureClass", call = call)
    }
    f <- x[[cl]]
    if (is.null(f) || length(f) == 0L) {
      x[cl] <- list(NULL)
      next
    }
    valid <- c(cat$active[[cl]], cat$deprecated[[cl]], deprecated_without_value(cl))
    bad <- setdiff(f, valid)
    if (!is.character(f) || length(bad)) {
      radsig_abort(sprintf("Unknown %s feature(s) %s; valid: %s.", cl,
                           paste0('"', bad, '"', collapse = ", "),
                           paste(valid, collapse = ", ")),
                   class = "radsig_error_value", arg = "featureClass", call = call)
    }
  }
  x
}

deprecated_without_value <- function(cl) {
  switch(cl,
    glcm = c("Dissimilarity", "Homogeneity1", "Homogeneity2", "SumVariance"),
    gldm = c("GrayLevelNonUniformityNormalized", "DependencePercentage"),
    character()
  )
}
