# Validators for the image API (see ?radsig_image). Each names the argument and signals a
# classed radsig error.

check_path <- function(path, arg = "path", call = sys.call(-1)) {
  if (!is.character(path) || length(path) != 1L || is.na(path) || !nzchar(path)) {
    radsig_abort(sprintf("`%s` must be a single non-empty file name.", arg),
                 class = "radsig_error_type", arg = arg, call = call)
  }
  path.expand(path)
}

check_existing_path <- function(path, arg = "path", call = sys.call(-1)) {
  path <- check_path(path, arg, call = call)
  if (!file.exists(path)) {
    radsig_abort(sprintf("`%s`: file '%s' does not exist.", arg, path),
                 class = "radsig_error_io", arg = arg, call = call)
  }
  path
}

# A radsig_image (or a plain 2-D/3-D numeric array, taken with unit spacing).
check_image <- function(x, arg = "x", finite = TRUE, call = sys.call(-1)) {
  if (!inherits(x, "radsig_image")) {
    if (is.array(x) && (is.numeric(x) || is.logical(x)) && length(dim(x)) %in% 2:3) {
      x <- as_radsig_image(x)
    } else {
      radsig_abort(sprintf("`%s` must be a radsig_image (see read_image()) or a 2-D/3-D numeric array, not %s.",
                           arg, describe_type(x)),
                   class = "radsig_error_type", arg = arg, call = call)
    }
  }
  nd <- length(dim(x))
  if (!(nd %in% 2:3)) {
    radsig_abort(sprintf("`%s` must be a 2-D or 3-D image; it has %d dimensions.", arg, nd),
                 class = "radsig_error_value", arg = arg, call = call)
  }
  if (!is.numeric(x) && !is.logical(x)) {
    radsig_abort(sprintf("`%s` must hold numeric voxels.", arg), class = "radsig_error_type",
                 arg = arg, call = call)
  }
  if (finite && anyNA(x)) {
    radsig_abort(sprintf("`%s` contains %d missing (NA/NaN) voxel(s).", arg, sum(is.na(x))),
                 class = "radsig_error_missing", arg = arg, call = call)
  }
  if (finite && any(is.infinite(x))) {
    radsig_abort(sprintf("`%s` contains infinite voxels.", arg), class = "radsig_error_value",
                 arg = arg, call = call)
  }
  x
}

# A binary or label mask as an integer radsig_image; optionally with the geometry of `image`.
check_mask <- function(mask, arg = "mask", image = NULL, image_arg = "x", allow_empty = FALSE,
                       call = sys.call(-1)) {
  mask <- check_image(mask, arg, finite = TRUE, call = call)
  if (any(mask != round(mask))) {
    radsig_abort(sprintf("`%s` must hold integer labels (0 = background).", arg),
                 class = "radsig_error_value", arg = arg, call = call)
  }
  if (!allow_empty && !any(mask != 0)) {
    radsig_abort(sprintf("`%s` is empty: it has no non-zero voxel.", arg),
                 class = "radsig_error_value", arg = arg, call = call)
  }
  if (!is.integer(mask)) storage.mode(mask) <- "integer"
  if (!is.null(image)) require_same_geometry(image, mask, image_arg, arg, call = call)
  mask
}

require_same_geometry <- function(a, b, arg_a, arg_b, tolerance = 1e-3, call = sys.call(-1)) {
  if (length(dim(a)) != length(dim(b))) {
    radsig_abort(sprintf("`%s` is %d-D but `%s` is %d-D.", arg_b, length(dim(b)), arg_a,
                         length(dim(a))),
                 class = "radsig_error_value", arg = arg_b, call = call)
  }
  diffs <- image_geometry_diff_cpp(a, b, tolerance)
  if (length(diffs)) {
    radsig_abort(sprintf("`%s` does not match the geometry of `%s`: %s.", arg_b, arg_a,
                         paste(diffs, collapse = "; ")),
                 class = "radsig_error_value", arg = arg_b, call = call)
  }
  invisible(TRUE)
}

check_count <- function(x, arg, lower = 0, call = sys.call(-1)) {
  if (!is.numeric(x) || length(x) != 1L || is.na(x) || x < lower || x != round(x) ||
      !is.finite(x)) {
    radsig_abort(sprintf("`%s` must be a single whole number >= %s.", arg, format(lower)),
                 class = "radsig_error_value", arg = arg, call = call)
  }
  as.integer(x)
}

# Evaluates a core call; C++ exceptions become classed radsig errors naming `arg` when the
# core did not name one.
image_core <- function(expr, arg = NULL, call = sys.call(-1)) {
  tryCatch(call_core(expr, call = call), radsig_error = function(e) {
    if (is.null(e$arg)) e$arg <- arg
    stop(e)
  })
}
