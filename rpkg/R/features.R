# PyRadiomics-compatible feature extraction: settings and single-case extraction.

feature_setting_defaults <- function() {
  list(
    binWidth = 25, binCount = NULL, label = 1L, distances = 1L, symmetricalGLCM = TRUE,
    weightingNorm = NULL, gldm_a = 0L, voxelArrayShift = 0, force2D = FALSE,
    force2Ddimension = 0L, resegmentRange = NULL, resegmentMode = "absolute",
    resegmentShape = FALSE, normalize = FALSE, normalizeScale = 1, removeOutliers = NULL,
    resampledPixelSpacing = NULL, interpolator = "sitkBSpline", padDistance = 5L,
    preCrop = FALSE, minimumROIDimensions = 2L, minimumROISize = NULL,
    correctMask = FALSE, geometryTolerance = NULL, additionalInfo = TRUE,
    ibsi = FALSE, featureClass = NULL
  )
}

validate_feature_settings <- function(s, call = sys.call(-1)) {
  s$binWidth <- check_number_setting(s$binWidth, "binWidth", positive = TRUE, call = call)
  s$binCount <- check_count_setting(s$binCount, "binCount", lower = 1, null_ok = TRUE,
                                    call = call)
  s$label <- check_count_setting(s$label, "label", lower = -.Machine$integer.max, call = call)
  d <- s$distances
  if (!is.numeric(d) || length(d) < 1L || anyNA(d) || any(d != round(d)) || any(d < 1)) {
    radsig_abort("Setting `distances` must be a vector of whole numbers >= 1.",
                 class = "radsig_error_value", arg = "distances", call = call)
  }
  s$distances <- as.integer(d)
  for (f in c("symmetricalGLCM", "force2D", "resegmentShape", "normalize", "preCrop",
              "correctMask", "additionalInfo", "ibsi")) {
    s[[f]] <- check_flag_setting(s[[f]], f, call = call)
  }
  s["weightingNorm"] <- list(check_choice_setting(
    s$weightingNorm, c("manhattan", "euclidean", "infinity", "no_weighting"),
    "weightingNorm", null_ok = TRUE, call = call))
  s$gldm_a <- check_count_setting(s$gldm_a, "gldm_a", call = call)
  s$voxelArrayShift <- check_number_setting(s$voxelArrayShift, "voxelArrayShift", call = call)
  s$force2Ddimension <- check_count_setting(s$force2Ddimension, "force2Ddimension",
                                            upper = 2, call = call)
  s["resegmentRange"] <- list(check_numeric_setting(s$resegmentRange, "resegmentRange", 1:2,
                                                    null_ok = TRUE, call = call))
  s$resegmentMode <- check_choice_setting(s$resegmentMode, c("absolute", "relative", "sigma"),
                                          "resegmentMode", call = call)
  s$normalizeScale <- check_number_setting(s$normalizeScale, "normalizeScale", positive = TRUE,
                                           call = call)
  s["removeOutliers"] <- list(check_number_setting(s$removeOutliers, "removeOutliers",
                                                   positive = TRUE, null_ok = TRUE, call = call))
  s["resampledPixelSpacing"] <- list(check_numeric_setting(
    s$resampledPixelSpacing, "resampledPixelSpacing", 3L, lower = 0, null_ok = TRUE,
    call = call))
  if (!is.null(s$interpolator) &&
      (!(is.character(s$interpolator) || is.numeric(s$interpolator)) ||
       length(s$interpolator) != 1L)) {
    radsig_abort("Setting `interpolator` must be an interpolator name (e.g. \"sitkBSpline\") or NULL.",
                 class = "radsig_error_value", arg = "interpolator", call = call)
  }
  s$padDistance <- check_count_setting(s$padDistance, "padDistance", call = call)
  s$minimumROIDimensions <- check_count_setting(s$minimumROIDimensions, "minimumROIDimensions",
                                                lower = 1, upper = 3, call = call)
  s["minimumROISize"] <- list(check_count_setting(s$minimumROISize, "minimumROISize",
                                                  null_ok = TRUE, call = call))
  s["geometryTolerance"] <- list(check_number_setting(s$geometryTolerance, "geometryTolerance",
                                                      positive = TRUE, null_ok = TRUE,
                                                      call = call))
  s["featureClass"] <- list(check_feature_class_setting(s$featureClass, call = call))
  s
}

#' Feature extraction settings (PyRadiomics defaults)
#'
#' Builds and validates the settings of [extract_features()]. Every argument has the name and
#' default of the corresponding PyRadiomics setting (see the PyRadiomics documentation,
#' "Customizing the extraction"); unknown names and bad values are errors that list the valid
#' choices.
#'
#' @param ... PyRadiomics settings by name: `binWidth` (25), `binCount` (NULL),
#'   `label` (1), `distances` (1), `symmetricalGLCM` (TRUE), `weightingNorm` (NULL, or
#'   `"manhattan"`, `"euclidean"`, `"infinity"`, `"no_weighting"`), `gldm_a` (0),
#'   `voxelArrayShift` (0), `force2D` (FALSE), `force2Ddimension` (0), `resegmentRange`
#'   (NULL), `resegmentMode` (`"absolute"`, `"relative"`, `"sigma"`), `resegmentShape`
#'   (FALSE), `normalize` (FALSE), `normalizeScale` (1), `removeOutliers` (NULL),
#'   `resampledPixelSpacing` (NULL), `interpolator` (`"sitkBSpline"`), `padDistance` (5),
#'   `preCrop` (FALSE), `minimumROIDimensions` (2), `minimumROISize` (NULL), `correctMask`,
#'   `geometryTolerance`, `additionalInfo`; plus `featureClass`, a named list
#'   `class = NULL` (all its features) or `class = c(feature names)` selecting the classes
#'   (`"shape"`, `"shape2D"`, `"firstorder"`, `"glcm"`, `"gldm"`, `"glrlm"`, `"glszm"`,
#'   `"ngtdm"`), NULL for PyRadiomics' default (all but shape2D); and `ibsi` (FALSE): use
#'   IBSI definitions where they differ from PyRadiomics (excess kurtosis, NGTDM without
#'   isolated voxels, GLRLM single-voxel directions, PCA with N - 1).
#' @return A list of class `radsig_feature_settings`.
#' @seealso [extract_features()], [read_params()]
#' @export
#' @examples
#' s <- feature_settings(binWidth = 10, featureClass = list(firstorder = NULL, glcm = NULL))
#' s
#' try(feature_settings(binwidth = 10))  # unknown name: lists the valid ones
feature_settings <- function(...) {
  args <- list(...)
  defaults <- feature_setting_defaults()
  if (length(args) && (is.null(names(args)) || any(names(args) == ""))) {
    radsig_abort("All settings must be named.", class = "radsig_error_value", arg = "...")
  }
  unknown <- setdiff(names(args), names(defaults))
  if (length(unknown)) {
    radsig_abort(sprintf("Unknown setting(s) %s; valid settings: %s.",
                         paste0("`", unknown, "`", collapse = ", "),
                         paste(names(defaults), collapse = ", ")),
                 class = "radsig_error_value", arg = unknown[1L])
  }
  s <- defaults
  for (n in names(args)) s[n] <- list(args[[n]])
  structure(validate_feature_settings(s), class = "radsig_feature_settings")
}

#' @export
print.radsig_feature_settings <- function(x, ...) {
  cat("<radsig feature settings>\n")
  for (n in names(x)) {
    v <- x[[n]]
    txt <- if (is.null(v)) "NULL" else if (is.list(v)) {
      paste0(names(v), "=", vapply(v, function(f) if (is.null(f)) "all" else
        paste(f, collapse = "/"), ""), collapse = ", ")
    } else paste(format(v), collapse = ", ")
    cat(sprintf("  %-22s %s\n", n, txt))
  }
  invisible(x)
}

# Settings list handed to the C++ glue.
settings_for_core <- function(s, label) {
  out <- unclass(s)
  if (!is.null(label)) out$label <- label
  if (!is.null(s$featureClass)) {
    out$classes <- names(s$featureClass)
    out$features <- s$featureClass
  }
  out$featureClass <- NULL
  if (!is.null(s$resampledPixelSpacing) && !is.null(s$interpolator)) {
    out$interpolator <- interpolator_name(s$interpolator)
  } else {
    out$resampledPixelSpacing <- NULL
  }
  out
}

# PyRadiomics interpolator (SimpleITK name or number) -> resampler method.
interpolator_name <- function(x, call = sys.call(-1)) {
  known <- c(sitkNearestNeighbor = "nearest", sitkLinear = "linear", sitkBSpline = "bspline")
  if (is.numeric(x) && x %in% 1:3) return(unname(known[x]))
  if (is.character(x) && x %in% names(known)) return(unname(known[x]))
  radsig_abort(sprintf("Setting `interpolator` %s is not supported; use one of %s (or 1, 2, 3).",
                       format(x), paste0('"', names(known), '"', collapse = ", ")),
               class = "radsig_error_value", arg = "interpolator", call = call)
}

check_image_input <- function(x, arg, call = sys.call(-1)) {
  if (is.character(x)) {
    if (length(x) != 1L || is.na(x)) {
      radsig_abort(sprintf("`%s` must be a single file path or a numeric array.", arg),
                   class = "radsig_error_type", arg = arg, call = call)
    }
    if (!file.exists(x)) {
      radsig_abort(sprintf("`%s`: file \"%s\" does not exist.", arg, x),
                   class = "radsig_error_value", arg = arg, call = call)
    }
    return(x)
  }
  if (inherits(x, "radsig_image")) return(x)
  if (!(is.numeric(x) || is.logical(x)) || length(dim(x)) < 2L || length(dim(x)) > 3L) {
    radsig_abort(sprintf("`%s` must be a file path or a 2-D/3-D numeric array, not %s.", arg,
                         describe_type(x)),
                 class = "radsig_error_type", arg = arg, call = call)
  }
  if (anyNA(x) || any(!is.finite(x))) {
    radsig_abort(sprintf("`%s` contains missing or infinite values.", arg),
                 class = "radsig_error_missing", arg = arg, call = call)
  }
  x
}

#' Extract PyRadiomics-compatible features from one image and mask
#'
#' Computes the PyRadiomics feature classes (image type Original) with PyRadiomics' pipeline:
#' optional normalisation, mask checks, optional re-segmentation, shape on the original mask,
#' then first-order and texture classes on the ROI cropped to its bounding box. Feature names
#' and order are PyRadiomics' (e.g. `original_glcm_JointEntropy`).
#'
#' @param image Path of an image file (NIfTI, NRRD, MetaImage) or a DICOM directory, a
#'   `radsig_image` (see [read_image()]), or a 2-D/3-D numeric array indexed `[x, y, z]`.
#'   Resampling (`resampledPixelSpacing`) keeps integer values for integer image files, as
#'   PyRadiomics keeps the input pixel type; arrays are treated as real-valued.
#' @param mask Path of the mask file, a `radsig_image` mask, or an integer array of the same
#'   dimensions as `image`.
#' @param settings A [feature_settings()] object.
#' @param label ROI label value; `NULL` uses `settings$label`.
#' @param spacing Voxel spacing (x, y, z) in mm when `image` is a plain array (default 1).
#' @return A named numeric vector of class `radsig_features` with attributes `diagnostics`
#'   (named character vector: versions, settings, ROI voxel count, bounding box, ...),
#'   `timings` (seconds per class) and `roi_voxels`.
#' @seealso [feature_settings()], [extract_batch()]
#' @export
#' @examples
#' img <- array(c(1, 2, 3, 4, 2, 2, 3, 1, 4), dim = c(3, 3, 1))
#' msk <- array(1L, dim = c(3, 3, 1))
#' f <- extract_features(img, msk, feature_settings(binWidth = 1,
#'                       featureClass = list(firstorder = NULL, glcm = NULL)))
#' head(f)
extract_features <- function(image, mask, settings = feature_settings(), label = NULL,
                             spacing = NULL) {
  if (!inherits(settings, "radsig_feature_settings")) {
    radsig_abort("`settings` must be created by feature_settings() or read_params().",
                 class = "radsig_error_type", arg = "settings")
  }
  if (!is.null(label)) label <- check_count_setting(label, "label",
                                                    lower = -.Machine$integer.max)
  if (!is.null(settings$resampledPixelSpacing) && !is.null(settings$interpolator)) {
    interpolator_name(settings$interpolator)
  }
  image <- check_image_input(image, "image")
  mask <- check_image_input(mask, "mask")
  core_settings <- settings_for_core(settings, label)
  if (is.character(image) != is.character(mask)) {
    radsig_abort("`image` and `mask` must both be file paths or both be arrays.",
                 class = "radsig_error_type", arg = "mask")
  }
  res <- if (is.character(image)) {
    call_core(extract_features_files_cpp(normalizePath(image), normalizePath(mask),
                                         core_settings))
  } else {
    if (!identical(dim(image), dim(mask))) {
      radsig_abort("`mask` must have the same dimensions as `image`.",
                   class = "radsig_error_length", arg = "mask")
    }
    if (any(mask != round(mask))) {
      radsig_abort("`mask` must hold whole numbers (labels).", class = "radsig_error_value",
                   arg = "mask")
    }
    d <- dim(image)
    sp <- if (is.null(spacing)) rep(1, length(d)) else spacing
    check_numeric_setting(sp, "spacing", length(d), lower = .Machine$double.eps)
    call_core(extract_features_arrays_cpp(as.double(image), as.integer(mask), as.integer(d),
                                          array_geometry(image, sp), array_geometry(mask, sp),
                                          core_settings))
  }
  structure(res$values, class = c("radsig_features", "numeric"),
            diagnostics = res$diagnostics, timings = res$timings,
            roi_voxels = res$roi_voxels)
}

# Geometry of an array or radsig_image (spacing, origin, direction) for the glue.
array_geometry <- function(x, spacing) {
  nd <- length(dim(x))
  if (inherits(x, "radsig_image")) {
    return(list(spacing = as.double(attr(x, "spacing")), origin = as.double(attr(x, "origin")),
                direction = as.double(attr(x, "direction"))))
  }
  list(spacing = as.double(spacing), origin = rep(0, nd), direction = as.double(diag(nd)))
}

#' @export
print.radsig_features <- function(x, ...) {
  cat(sprintf("<radsig features: %d values, %d ROI voxels>\n", length(x), attr(x, "roi_voxels")))
  print(stats::setNames(as.numeric(x), names(x)), ...)
  invisible(x)
}

#' @export
as.data.frame.radsig_features <- function(x, row.names = NULL, optional = FALSE, ...) {
  as.data.frame(as.list(stats::setNames(as.numeric(x), names(x))), row.names = row.names,
                optional = TRUE, stringsAsFactors = FALSE)
}
