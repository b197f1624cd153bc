#' Medical images: reading, writing and the `radsig_image` class
#'
#' `read_image()` reads a 2-D or 3-D scalar image from NIfTI (`.nii`, `.nii.gz`), NRRD
#' (`.nrrd`, `.nhdr`), MetaImage (`.mha`, `.mhd`) or a DICOM series (a directory; `series`
#' picks a series by its UID, default the one with the most files) through ITK. `read_mask()`
#' reads a label image and keeps one label as a binary 0/1 mask. `write_image()` writes an
#' image or mask; the format follows the extension (intensities are stored as float32, masks
#' as int32, so a round trip is exact).
#'
#' A `radsig_image` is an array (x varies fastest, as in the file) with attributes
#' `spacing` (mm), `origin` (mm, physical position of the first voxel) and `direction` (the
#' direction-cosine matrix, one column per image axis), all in ITK/LPS conventions. Masks are
#' integer arrays of class `c("radsig_mask", "radsig_image")`.
#'
#' Errors are classed (see [radsig_error]): a missing file, an unknown extension, a corrupt
#' or truncated file and 4-D input give `radsig_error_io`; an absent label or an empty mask
#' `radsig_error_value`.
#'
#' @param path File name (or DICOM directory).
#' @param series DICOM series UID (`NULL`: the largest series of the directory).
#' @param label The label to keep (`NULL`: every non-zero voxel).
#' @param x A `radsig_image` (or `radsig_mask`).
#' @return `read_image()`: a `radsig_image`; `dicom_series()`: the series UIDs of a
#'   directory, largest first; `read_mask()`: a `radsig_mask` with attribute
#'   `label`; `write_image()`: `path`, invisibly.
#' @name radsig_image
#' @examples
#' ph <- phantom_image(size = c(24, 24, 12), noise = 5, seed = 1)
#' f <- tempfile(fileext = ".nrrd")
#' write_image(ph$image, f)
#' img <- read_image(f)
#' img
#' dim(img)
#' fm <- tempfile(fileext = ".nii.gz")
#' write_image(ph$mask, fm)
#' read_mask(fm, label = 1)
NULL

#' @rdname radsig_image
#' @export
read_image <- function(path, series = NULL) {
  path <- check_existing_path(path)
  series <- check_series(series)
  data <- image_core(image_read_cpp(path, series, FALSE), arg = "path")
  new_radsig_image(data)
}

#' @rdname radsig_image
#' @export
read_mask <- function(path, label = 1, series = NULL) {
  path <- check_existing_path(path)
  series <- check_series(series)
  data <- image_core(image_read_cpp(path, series, TRUE), arg = "path")
  select_mask_label(new_radsig_image(data, mask = TRUE), label, source = path)
}

#' @rdname radsig_image
#' @export
write_image <- function(x, path) {
  x <- check_image(x, "x")
  path <- check_path(path)
  is_mask <- inherits(x, "radsig_mask")
  if (is_mask) x <- check_mask(x, "x", allow_empty = TRUE)
  image_core(image_write_cpp(x, path, is_mask), arg = "path")
  invisible(path)
}

#' @rdname radsig_image
#' @export
dicom_series <- function(path) {
  path <- check_existing_path(path)
  image_core(image_dicom_series_cpp(path), arg = "path")
}

#' Describe an image file without reading its voxels
#'
#' @param path File name or DICOM directory.
#' @param series DICOM series UID (`NULL`: the largest series).
#' @return A list: `dimension`, `size` (voxels per axis), `component_type` (ITK's name of
#'   the stored type, e.g. `"short"`, `"float"`), `components` (values per voxel) and
#'   `format`. Use it to see whether an image was stored as integers (PyRadiomics keeps the
#'   stored type when resampling, see `integer_output` in [resample_image()]).
#' @export
#' @examples
#' f <- tempfile(fileext = ".mha")
#' write_image(phantom_image(size = c(8, 8, 4))$image, f)
#' str(image_info(f))
image_info <- function(path, series = NULL) {
  path <- check_existing_path(path)
  series <- check_series(series)
  image_core(image_info_cpp(path, series), arg = "path")
}

#' Make a `radsig_image` from an array
#'
#' @param x A 2-D or 3-D numeric (or, with `mask = TRUE`, integer/logical) array.
#' @param spacing,origin Numeric vectors with one value per dimension (mm).
#' @param direction Direction-cosine matrix (identity by default).
#' @param mask Whether `x` is a label mask.
#' @return A `radsig_image` (or `radsig_mask`).
#' @export
#' @examples
#' as_radsig_image(array(1:24, c(4, 3, 2)), spacing = c(0.5, 0.5, 2))
as_radsig_image <- function(x, spacing = rep(1, length(dim(x))), origin = rep(0, length(dim(x))),
                            direction = diag(length(dim(x))), mask = FALSE) {
  nd <- length(dim(x))
  if (!is.array(x) || !(nd %in% 2:3) || !(is.numeric(x) || is.logical(x))) {
    radsig_abort("`x` must be a 2-D or 3-D numeric array.", class = "radsig_error_type",
                 arg = "x")
  }
  if (!is.numeric(spacing) || length(spacing) != nd || any(!is.finite(spacing)) ||
      any(spacing <= 0)) {
    radsig_abort(sprintf("`spacing` must hold %d positive numbers.", nd),
                 class = "radsig_error_value", arg = "spacing")
  }
  if (!is.numeric(origin) || length(origin) != nd || any(!is.finite(origin))) {
    radsig_abort(sprintf("`origin` must hold %d finite numbers.", nd),
                 class = "radsig_error_value", arg = "origin")
  }
  direction <- as.matrix(direction)
  if (!is.numeric(direction) || !identical(dim(direction), c(nd, nd)) ||
      any(!is.finite(direction)) || abs(det(direction)) < 1e-6) {
    radsig_abort(sprintf("`direction` must be a non-singular %d x %d matrix.", nd, nd),
                 class = "radsig_error_value", arg = "direction")
  }
  data <- x
  attributes(data) <- list(dim = dim(x))
  storage.mode(data) <- if (mask) "integer" else "double"
  attr(data, "spacing") <- as.double(spacing)
  attr(data, "origin") <- as.double(origin)
  attr(data, "direction") <- unname(direction) + 0
  new_radsig_image(data, mask = mask)
}

new_radsig_image <- function(data, mask = FALSE) {
  class(data) <- if (mask) c("radsig_mask", "radsig_image") else "radsig_image"
  data
}

check_series <- function(series, call = sys.call(-1)) {
  if (is.null(series)) return("")
  if (!is.character(series) || length(series) != 1L || is.na(series)) {
    radsig_abort("`series` must be NULL or a single DICOM series UID.",
                 class = "radsig_error_type", arg = "series", call = call)
  }
  series
}

select_mask_label <- function(m, label, source, call = sys.call(-1)) {
  present <- sort(unique(as.vector(unclass(m))))
  present <- present[present != 0]
  if (!length(present)) {
    radsig_abort(sprintf("The mask '%s' is empty: it has no non-zero voxel.", source),
                 class = "radsig_error_value", arg = "path", call = call)
  }
  if (is.null(label)) {
    keep <- m != 0
  } else {
    if (!is.numeric(label) || length(label) != 1L || is.na(label) || label != round(label)) {
      radsig_abort("`label` must be a single integer (or NULL for every non-zero voxel).",
                   class = "radsig_error_type", arg = "label", call = call)
    }
    if (!(label %in% present)) {
      radsig_abort(sprintf("Label %s does not occur in the mask '%s'; labels present: %s.",
                           format(label), source,
                           paste(utils::head(present, 10), collapse = ", ")),
                   class = "radsig_error_value", arg = "label", call = call)
    }
    keep <- m == label
  }
  out <- m
  out[] <- as.integer(keep)
  attr(out, "label") <- label
  out
}

#' @export
print.radsig_image <- function(x, ...) {
  d <- dim(x)
  kind <- if (inherits(x, "radsig_mask")) "radsig_mask" else "radsig_image"
  cat(sprintf("<%s> %d-D, %s voxels, spacing %s mm\n", kind, length(d), paste(d, collapse = " x "),
              paste(vapply(attr(x, "spacing"), format, "", digits = 6), collapse = " x ")))
  cat(sprintf("  origin (%s) mm\n", paste(vapply(attr(x, "origin"), format, "", digits = 6), collapse = ", ")))
  v <- as.vector(unclass(x))
  if (inherits(x, "radsig_mask")) {
    cat(sprintf("  %d voxel(s) in the mask%s\n", sum(v != 0),
                if (!is.null(attr(x, "label"))) sprintf(" (label %s)", attr(x, "label")) else ""))
  } else if (length(v)) {
    r <- range(v, na.rm = TRUE)
    cat(sprintf("  intensity range [%s, %s], mean %s\n", format(r[1], digits = 6),
                format(r[2], digits = 6), format(mean(v, na.rm = TRUE), digits = 6)))
  }
  invisible(x)
}

#' @export
as.array.radsig_image <- function(x, ...) {
  out <- unclass(x)
  attributes(out) <- list(dim = dim(x))
  out
}

#' @export
dim.radsig_image <- function(x) attr(x, "dim", exact = TRUE)

#' Check that an image and a mask share their geometry
#'
#' Compares size, spacing, origin and direction (absolute tolerance `tolerance`).
#'
#' @param image,mask `radsig_image` objects.
#' @param tolerance Absolute tolerance for spacing/origin (mm) and direction cosines.
#' @return `TRUE`, invisibly; a `radsig_error_value` naming every difference otherwise.
#' @export
#' @examples
#' ph <- phantom_image(size = c(16, 16, 8))
#' check_geometry(ph$image, ph$mask)
#' shifted <- ph$mask
#' attr(shifted, "origin") <- c(1, 0, 0)
#' try(check_geometry(ph$image, shifted))
check_geometry <- function(image, mask, tolerance = 1e-5) {
  image <- check_image(image, "image", finite = FALSE)
  mask <- check_image(mask, "mask", finite = FALSE)
  check_scalar_number(tolerance, "tolerance", lower = 0)
  require_same_geometry(image, mask, "image", "mask", tolerance = tolerance)
}

#' Plot one slice of an image, optionally with a mask overlay
#'
#' @param x A `radsig_image`.
#' @param mask Optional mask drawn as a translucent overlay.
#' @param slice Slice index along `axis` (3-D images). Default: the largest mask slice, or
#'   the middle slice.
#' @param axis 1, 2 or 3.
#' @param col Grey-level palette.
#' @param mask_col Overlay colour.
#' @param ... Passed to [graphics::image()].
#' @return `x`, invisibly.
#' @export
#' @examples
#' ph <- phantom_image(size = c(32, 32, 8), texture = 30, noise = 5, seed = 2)
#' plot(ph$image, mask = ph$mask)
plot.radsig_image <- function(x, mask = NULL, slice = NULL, axis = 3,
                              col = grDevices::grey.colors(256, 0, 1),
                              mask_col = "#FF000066", ...) {
  a <- as.array(x)
  m <- if (!is.null(mask)) as.array(check_mask(mask, "mask", image = x, allow_empty = TRUE))
  if (length(dim(a)) == 3L) {
    axis <- check_count(axis, "axis", lower = 1)
    if (axis > 3) radsig_abort("`axis` must be 1, 2 or 3.", arg = "axis")
    if (is.null(slice)) {
      slice <- if (!is.null(m) && any(m != 0)) which.max(apply(m != 0, axis, sum)) else
        ceiling(dim(a)[axis] / 2)
    }
    slice <- check_count(slice, "slice", lower = 1)
    if (slice > dim(a)[axis]) {
      radsig_abort(sprintf("`slice` must be in 1..%d.", dim(a)[axis]), arg = "slice")
    }
    take <- function(arr) switch(axis, arr[slice, , ], arr[, slice, ], arr[, , slice])
    a <- take(a)
    if (!is.null(m)) m <- take(m)
  }
  sp <- attr(x, "spacing")
  keep <- if (length(sp) == 3L) setdiff(1:3, axis) else 1:2
  xs <- seq_len(nrow(a)) * sp[keep[1]]
  ys <- seq_len(ncol(a)) * sp[keep[2]]
  graphics::image(xs, ys, a, col = col, asp = 1, xlab = "mm", ylab = "mm", useRaster = TRUE, ...)
  if (!is.null(m) && any(m != 0)) {
    mm <- ifelse(m != 0, 1, NA)
    graphics::image(xs, ys, mm, col = mask_col, add = TRUE, useRaster = TRUE)
  }
  invisible(x)
}

#' @export
Ops.radsig_image <- function(e1, e2) {
  ref <- if (inherits(e1, "radsig_image")) e1 else e2
  strip <- function(e) if (inherits(e, "radsig_image")) as.array(e) else e
  res <- if (missing(e2)) get(.Generic)(strip(e1)) else get(.Generic)(strip(e1), strip(e2))
  if (!identical(dim(res), dim(ref))) return(res)
  is_mask <- is.logical(res) || (is.integer(res) && inherits(ref, "radsig_mask"))
  if (is.logical(res)) storage.mode(res) <- "integer"
  for (a in c("spacing", "origin", "direction")) attr(res, a) <- attr(ref, a)
  new_radsig_image(res, mask = is_mask)
}
