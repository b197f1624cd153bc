#' Resample an image (and its mask) to a new voxel spacing
#'
#' Uses ITK's resampler on the grid PyRadiomics uses: corner-aligned with the input grid
#' (the new grid covers the same physical extent, its first voxel centre half a new voxel in
#' from the old corner). With a `mask`, image and mask are resampled together exactly as
#' PyRadiomics does (`resampledPixelSpacing`, `padDistance`): the grid is restricted to the
#' ROI bounding box plus `pad` new voxels, axes where the ROI is one voxel thick keep their
#' spacing, the mask is resampled by nearest neighbour. Masks passed as `x` are always
#' resampled by nearest neighbour.
#'
#' @param x A `radsig_image` (or `radsig_mask`).
#' @param spacing Target spacing in mm, one value per dimension (0 keeps the spacing).
#' @param interpolator `"bspline"` (cubic B-spline, the PyRadiomics default), `"linear"` or
#'   `"nearest"`.
#' @param mask Optional mask (same geometry as `x`).
#' @param pad Padding around the ROI box, in new voxels (with `mask`).
#' @param integer_output Truncate the interpolated values toward zero after clamping to the
#'   int16 range, as PyRadiomics does for int16 input images.
#' @return A `radsig_image`; with `mask`, `list(image, mask)`.
#' @export
#' @examples
#' ph <- phantom_image(size = c(20, 20, 10), spacing = c(1, 1, 2))
#' r <- resample_image(ph$image, c(1, 1, 1), interpolator = "linear")
#' dim(r)
#' both <- resample_image(ph$image, c(1, 1, 1), mask = ph$mask, pad = 2)
#' dim(both$mask)
resample_image <- function(x, spacing, interpolator = c("bspline", "linear", "nearest"),
                           mask = NULL, pad = 5, integer_output = FALSE) {
  x <- check_image(x, "x")
  interpolator <- match_choice(interpolator, c("bspline", "linear", "nearest"), "interpolator")
  nd <- length(dim(x))
  if (!is.numeric(spacing) || !(length(spacing) %in% c(1L, nd)) || anyNA(spacing) ||
      any(!is.finite(spacing)) || any(spacing < 0)) {
    radsig_abort(sprintf("`spacing` must hold 1 or %d finite numbers >= 0.", nd),
                 class = "radsig_error_value", arg = "spacing")
  }
  spacing <- rep_len(as.double(spacing), nd)
  if (!is.logical(integer_output) || length(integer_output) != 1L || is.na(integer_output)) {
    radsig_abort("`integer_output` must be TRUE or FALSE.", class = "radsig_error_type",
                 arg = "integer_output")
  }
  if (inherits(x, "radsig_mask")) {
    x <- check_mask(x, "x", allow_empty = TRUE)
    out <- image_core(image_resample_cpp(x, NULL, spacing, "nearest", 0, 1L, FALSE, TRUE))
    return(keep_label(new_radsig_image(out, mask = TRUE), x))
  }
  if (is.null(mask)) {
    out <- image_core(image_resample_cpp(x, NULL, spacing, interpolator, 0, 1L,
                                         integer_output, FALSE))
    return(new_radsig_image(out))
  }
  mask <- check_mask(mask, "mask", image = x)
  check_scalar_number(pad, "pad", lower = 0)
  out <- image_core(image_resample_cpp(x, mask != 0, spacing, interpolator, pad, 1L,
                                       integer_output, FALSE))
  list(image = new_radsig_image(out$image),
       mask = keep_label(new_radsig_image(out$mask, mask = TRUE), mask))
}

keep_label <- function(out, from) {
  attr(out, "label") <- attr(from, "label")
  out
}

#' N4 bias-field correction
#'
#' Corrects a smooth multiplicative intensity inhomogeneity with ITK's
#' `N4BiasFieldCorrectionImageFilter`. The field is fitted on a copy shrunk by
#' `shrink_factor` and evaluated at full resolution. Only voxels inside `mask` (all voxels
#' when `NULL`) with positive intensity are used for the fit.
#'
#' @param x A `radsig_image`.
#' @param mask Optional mask of the voxels used to fit the field.
#' @param shrink_factor Shrink factor per axis for the fit.
#' @param iterations Maximum iterations per fitting level (its length = number of levels).
#' @param convergence_threshold Convergence threshold.
#' @param control_points Control points per axis at the first level.
#' @param spline_order B-spline order.
#' @param fwhm Full width at half maximum of the bias-field Gaussian.
#' @param bins Histogram bins.
#' @param return_field If `TRUE` return `list(image, bias_field)`.
#' @return The corrected `radsig_image` (or a list with the field).
#' @export
#' @examples
#' ph <- phantom_image(size = c(24, 24, 12), bias = TRUE, noise = 1, seed = 1)
#' corrected <- correct_bias(ph$image, shrink_factor = 2, iterations = c(20, 20))
#' bg <- as.array(ph$mask) == 0
#' c(before = sd(ph$image[bg]) / mean(ph$image[bg]),
#'   after = sd(corrected[bg]) / mean(corrected[bg]))
correct_bias <- function(x, mask = NULL, shrink_factor = 4, iterations = c(50, 50, 50, 50),
                         convergence_threshold = 0.001, control_points = 4, spline_order = 3,
                         fwhm = 0.15, bins = 200, return_field = FALSE) {
  x <- check_image(x, "x")
  if (!is.null(mask)) mask <- check_mask(mask, "mask", image = x)
  shrink_factor <- check_count(shrink_factor, "shrink_factor", lower = 1)
  if (!is.numeric(iterations) || !length(iterations) || anyNA(iterations) ||
      any(iterations < 1) || any(iterations != round(iterations))) {
    radsig_abort("`iterations` must be whole numbers >= 1 (one per fitting level).",
                 class = "radsig_error_value", arg = "iterations")
  }
  check_scalar_number(convergence_threshold, "convergence_threshold", lower = 0)
  spline_order <- check_count(spline_order, "spline_order", lower = 1)
  control_points <- check_count(control_points, "control_points", lower = spline_order + 1)
  check_scalar_number(fwhm, "fwhm", lower = 1e-6)
  bins <- check_count(bins, "bins", lower = 2)
  res <- image_core(image_n4_cpp(x, mask, shrink_factor, as.integer(iterations),
                                 convergence_threshold, control_points, spline_order, fwhm, bins))
  img <- new_radsig_image(res$corrected)
  if (isTRUE(return_field)) list(image = img, bias_field = new_radsig_image(res$bias_field)) else img
}

#' Intensity normalisation
#'
#' * `"pyradiomics"`: PyRadiomics' `normalize`: over all voxels (the mask is ignored),
#'   `(x - mean) / sd` (sample SD), clipped to `[-remove_outliers, remove_outliers]` when
#'   given, times `scale`.
#' * `"zscore"`: `(x - mean) / sd` with mean and sample SD of the mask voxels.
#' * `"minmax"`: `(x - min) / (max - min)` over the mask voxels.
#' * `"percentile"`: clip to the `percentiles` (in %) of the mask voxels (R's default
#'   quantile definition, type 7).
#'
#' Statistics come from the voxels where `mask != 0` (all voxels without a mask) and are
#' applied to every voxel.
#'
#' @param x A `radsig_image`.
#' @param method One of `"pyradiomics"`, `"zscore"`, `"minmax"`, `"percentile"`.
#' @param mask Optional mask.
#' @param scale,remove_outliers PyRadiomics' `normalizeScale` and `removeOutliers`.
#' @param percentiles Lower and upper percentile for `"percentile"`.
#' @return A `radsig_image`.
#' @export
#' @examples
#' ph <- phantom_image(size = c(16, 16, 8), noise = 10, seed = 3)
#' z <- normalize_intensity(ph$image, "zscore", mask = ph$mask)
#' mean(z[as.array(ph$mask) == 1])
#' p <- normalize_intensity(ph$image, "percentile", percentiles = c(0.5, 99.5))
normalize_intensity <- function(x, method = c("pyradiomics", "zscore", "minmax", "percentile"),
                                mask = NULL, scale = 1, remove_outliers = NULL,
                                percentiles = c(0.5, 99.5)) {
  x <- check_image(x, "x")
  method <- match_choice(method, c("pyradiomics", "zscore", "minmax", "percentile"), "method")
  if (!is.null(mask)) mask <- check_mask(mask, "mask", image = x)
  check_scalar_number(scale, "scale")
  ro <- if (is.null(remove_outliers)) 0 else check_scalar_number(remove_outliers, "remove_outliers",
                                                                  lower = 0)
  if (!is.numeric(percentiles) || length(percentiles) != 2L || anyNA(percentiles) ||
      percentiles[1] < 0 || percentiles[2] > 100 || percentiles[1] >= percentiles[2]) {
    radsig_abort("`percentiles` must be two increasing numbers in [0, 100].",
                 class = "radsig_error_value", arg = "percentiles")
  }
  out <- image_core(image_normalize_cpp(x, mask, method, scale, ro, percentiles[1],
                                        percentiles[2]))
  new_radsig_image(out)
}

#' Histogram equalisation within a mask
#'
#' Maps every voxel `v` to `min + (max - min) * F(v)`, where `F` is the empirical
#' distribution function of the mask voxels (`stats::ecdf`) and `min`, `max` their range.
#'
#' @param x A `radsig_image`.
#' @param mask Optional mask (all voxels when `NULL`).
#' @return A `radsig_image`.
#' @export
#' @examples
#' ph <- phantom_image(size = c(16, 16, 8), noise = 10, seed = 3)
#' eq <- equalize_histogram(ph$image, ph$mask)
equalize_histogram <- function(x, mask = NULL) {
  x <- check_image(x, "x")
  if (!is.null(mask)) mask <- check_mask(mask, "mask", image = x)
  new_radsig_image(image_core(image_normalize_cpp(x, mask, "equalize", 1, 0, 0, 100)))
}

#' Re-segment a mask by intensity
#'
#' PyRadiomics' `resegmentRange`/`resegmentMode`: keeps the ROI voxels with intensity in
#' `range` (one value: `>= range`), or, with `sigma`, within `mean + sigma * SD` of the ROI
#' (population SD; a single `k` means `c(-k, k)`).
#'
#' @param x A `radsig_image`.
#' @param mask The ROI mask.
#' @param range Absolute thresholds (1 or 2 values); with `mode = "relative"` fractions of
#'   the ROI maximum.
#' @param sigma Thresholds in SDs around the ROI mean.
#' @param mode `"absolute"` or `"relative"` (for `range`).
#' @return The re-segmented `radsig_mask`.
#' @export
#' @examples
#' ph <- phantom_image(size = c(16, 16, 8), noise = 20, seed = 4)
#' sum(resegment(ph$image, ph$mask, sigma = 2))
resegment <- function(x, mask, range = NULL, sigma = NULL, mode = c("absolute", "relative")) {
  x <- check_image(x, "x")
  mask <- check_mask(mask, "mask", image = x)
  mode <- match_choice(mode, c("absolute", "relative"), "mode")
  if (is.null(range) == is.null(sigma)) {
    radsig_abort("Give exactly one of `range` and `sigma`.", class = "radsig_error_value",
                 arg = "range")
  }
  if (!is.null(sigma)) {
    if (!is.numeric(sigma) || !(length(sigma) %in% 1:2) || any(!is.finite(sigma))) {
      radsig_abort("`sigma` must be 1 or 2 finite numbers.", class = "radsig_error_value",
                   arg = "sigma")
    }
    thr <- if (length(sigma) == 1L) c(-abs(sigma), abs(sigma)) else sigma
    mode <- "sigma"
  } else {
    if (!is.numeric(range) || !(length(range) %in% 1:2) || any(!is.finite(range))) {
      radsig_abort("`range` must be 1 or 2 finite numbers.", class = "radsig_error_value",
                   arg = "range")
    }
    thr <- range
  }
  out <- image_core(image_resegment_cpp(x, mask != 0, 1L, as.double(thr), mode),
                    arg = if (mode == "sigma") "sigma" else "range")
  keep_label(new_radsig_image(out, mask = TRUE), mask)
}

#' Mask morphology: dilation, erosion and the peritumoral ring
#'
#' Binary dilation and erosion with ITK's ball structuring element (an ellipsoid of
#' semi-axes `radius + 0.5` voxels per axis; a radius in mm is converted per axis and rounded
#' to whole voxels). `peritumoral_ring()` is the dilated mask minus the mask, optionally
#' restricted to a `body` mask.
#'
#' @param mask A `radsig_mask` (non-zero = foreground).
#' @param radius Radius (mm or voxels).
#' @param units `"mm"` or `"voxels"`.
#' @param body Optional mask that clips the ring.
#' @return A 0/1 `radsig_mask`.
#' @export
#' @examples
#' ph <- phantom_image(size = c(32, 32, 16))
#' ring <- peritumoral_ring(ph$mask, 3, units = "voxels")
#' c(mask = sum(ph$mask), ring = sum(ring))
dilate_mask <- function(mask, radius, units = c("mm", "voxels")) {
  morphology(mask, radius, units, "dilate", NULL)
}

#' @rdname dilate_mask
#' @export
erode_mask <- function(mask, radius, units = c("mm", "voxels")) {
  morphology(mask, radius, units, "erode", NULL)
}

#' @rdname dilate_mask
#' @export
peritumoral_ring <- function(mask, radius, units = c("mm", "voxels"), body = NULL) {
  morphology(mask, radius, units, "ring", body)
}

morphology <- function(mask, radius, units, op, body, call = sys.call(-1)) {
  mask <- check_mask(mask, "mask", call = call)
  units <- match_choice(units, c("mm", "voxels"), "units", call = call)
  check_scalar_number(radius, "radius", lower = 0, call = call)
  if (units == "voxels" && radius != round(radius)) {
    radsig_abort("`radius` in voxels must be a whole number.", arg = "radius", call = call)
  }
  if (!is.null(body)) body <- check_mask(body, "body", image = mask, image_arg = "mask", call = call)
  out <- image_core(image_morphology_cpp(mask, radius, units == "mm", op, body), call = call)
  new_radsig_image(out, mask = TRUE)
}

#' Crop an image and its mask to the mask's bounding box
#'
#' @param x A `radsig_image`.
#' @param mask Its mask.
#' @param pad Voxels kept around the box on each side (clamped to the image).
#' @return `list(image, mask, lower)`: cropped image and mask (origins moved), and the
#'   1-based index of the first kept voxel.
#' @export
#' @examples
#' ph <- phantom_image(size = c(32, 32, 16))
#' cr <- crop_to_mask(ph$image, ph$mask, pad = 2)
#' dim(cr$image)
crop_to_mask <- function(x, mask, pad = 0) {
  x <- check_image(x, "x")
  mask <- check_mask(mask, "mask", image = x)
  pad <- check_count(pad, "pad")
  res <- image_core(image_crop_cpp(x, mask, pad, inherits(x, "radsig_mask")))
  list(image = new_radsig_image(res$image, mask = inherits(x, "radsig_mask")),
       mask = keep_label(new_radsig_image(res$mask, mask = TRUE), mask), lower = res$lower)
}

#' Extract the slice with the largest ROI cross-section
#'
#' @param x A 3-D `radsig_image`.
#' @param mask Its mask.
#' @param axis Axis orthogonal to the slice (1 = x, 2 = y, 3 = z).
#' @param index Slice index (1-based); `NULL` picks the slice with the most mask voxels
#'   (the first on ties).
#' @return `list(image, mask, index)` with 2-D image and mask.
#' @export
#' @examples
#' ph <- phantom_image(size = c(32, 32, 16))
#' sl <- largest_slice(ph$image, ph$mask)
#' sl$index
largest_slice <- function(x, mask, axis = 3, index = NULL) {
  x <- check_image(x, "x")
  if (length(dim(x)) != 3L) {
    radsig_abort("`x` must be a 3-D image.", class = "radsig_error_value", arg = "x")
  }
  mask <- check_mask(mask, "mask", image = x)
  axis <- check_count(axis, "axis", lower = 1)
  if (axis > 3) radsig_abort("`axis` must be 1, 2 or 3.", arg = "axis")
  idx <- if (is.null(index)) -1L else check_count(index, "index", lower = 1) - 1L
  res <- image_core(image_slice_cpp(x, mask, axis - 1L, idx), arg = "index")
  list(image = new_radsig_image(res$image),
       mask = keep_label(new_radsig_image(res$mask, mask = TRUE), mask), index = res$index)
}

#' A synthetic image with an ellipsoidal lesion
#'
#' Deterministic phantom for tests and examples: background and lesion intensities, an
#' optional periodic texture inside the lesion, Gaussian noise and an optional smooth
#' multiplicative bias field. 2-D when `size` has two values.
#'
#' @param size Voxels per axis (2 or 3 values).
#' @param spacing Voxel spacing (mm).
#' @param radius Lesion semi-axes (mm).
#' @param background,lesion Intensities.
#' @param texture Amplitude of the texture pattern; `texture_period` its period in mm.
#' @param texture_period Period of the texture (mm).
#' @param noise SD of additive Gaussian noise.
#' @param bias `FALSE`, `TRUE` (strength 0.4) or a number: strength of the multiplicative
#'   bias field.
#' @param seed Seed of the noise (`NULL`: drawn from R's random number generator, so
#'   `set.seed()` makes it reproducible).
#' @return `list(image, mask, bias_field)`.
#' @export
#' @examples
#' ph <- phantom_image(size = c(32, 32), spacing = c(0.5, 0.5), radius = c(5, 4),
#'                     texture = 20, noise = 5, seed = 1)
#' ph$image
phantom_image <- function(size = c(48, 48, 24), spacing = c(1, 1, 2), radius = c(10, 8, 8),
                          background = 100, lesion = 200, texture = 0, texture_period = 4,
                          noise = 0, bias = FALSE, seed = NULL) {
  nd <- length(size)
  if (!is.numeric(size) || !(nd %in% 2:3) || anyNA(size) || any(size < 1) ||
      any(size != round(size))) {
    radsig_abort("`size` must be 2 or 3 whole numbers >= 1.", arg = "size")
  }
  spacing <- rep_len(spacing, nd)
  radius <- rep_len(radius, nd)
  for (a in c("background", "lesion", "texture")) check_scalar_number(get(a), a)
  check_scalar_number(texture_period, "texture_period", lower = 1e-9)
  check_scalar_number(noise, "noise", lower = 0)
  strength <- if (isTRUE(bias)) 0.4 else if (isFALSE(bias)) 0 else
    check_scalar_number(bias, "bias")
  if (is.null(seed)) seed <- sample.int(.Machine$integer.max, 1L)
  check_scalar_number(seed, "seed", lower = 0)
  res <- image_core(image_phantom_cpp(nd, as.double(size), as.double(spacing), as.double(radius),
                                      background, lesion, texture, texture_period, noise,
                                      strength, seed))
  mask <- new_radsig_image(res$mask, mask = TRUE)
  attr(mask, "label") <- 1L
  list(image = new_radsig_image(res$image), mask = mask,
       bias_field = new_radsig_image(res$bias_field))
}
