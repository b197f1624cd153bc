#' Read a PyRadiomics parameter file
#'
#' Reads a PyRadiomics YAML parameter file (sections `setting`, `imageType`, `featureClass`)
#' into [feature_settings()]. Only image type `Original` is supported in this version; other
#' image types (filters) are errors.
#'
#' @param path Path of the YAML file.
#' @return A `radsig_feature_settings` object.
#' @seealso [feature_settings()]
#' @export
#' @examples
#' f <- tempfile(fileext = ".yaml")
#' writeLines(c("setting:", "  binWidth: 10", "  label: 1",
#'              "imageType:", "  Original: {}",
#'              "featureClass:", "  firstorder:", "  glcm: [JointEntropy, Contrast]"), f)
#' read_params(f)
read_params <- function(path) {
  if (!is.character(path) || length(path) != 1L || is.na(path)) {
    radsig_abort("`path` must be a single file path.", class = "radsig_error_type",
                 arg = "path")
  }
  if (!file.exists(path)) {
    radsig_abort(sprintf("`path`: file \"%s\" does not exist.", path),
                 class = "radsig_error_value", arg = "path")
  }
  if (!requireNamespace("yaml", quietly = TRUE)) {
    radsig_abort("Reading parameter files needs the 'yaml' package.",
                 class = "radsig_error_value", arg = "path")
  }
  p <- tryCatch(yaml::read_yaml(path), error = function(e) {
    radsig_abort(sprintf("`path`: not a valid YAML file (%s).", conditionMessage(e)),
                 class = "radsig_error_value", arg = "path")
  })
  if (is.null(p)) p <- list()
  if (!is.list(p)) {
    radsig_abort("`path`: the parameter file must be a YAML mapping.",
                 class = "radsig_error_value", arg = "path")
  }
  unknown <- setdiff(names(p), c("setting", "imageType", "featureClass", "voxelSetting"))
  if (length(unknown)) {
    radsig_abort(sprintf("`path`: unknown section(s) %s; valid: setting, imageType, featureClass.",
                         paste(unknown, collapse = ", ")),
                 class = "radsig_error_value", arg = "path")
  }
  it <- p$imageType
  if (!is.null(it)) {
    other <- setdiff(names(it), "Original")
    if (length(other)) {
      radsig_abort(sprintf("Image type(s) %s are not supported yet (only Original).",
                           paste(other, collapse = ", ")),
                   class = "radsig_error_value", arg = "imageType")
    }
    if (length(it$Original)) {
      radsig_abort("Custom settings for image type Original are not supported; put them under `setting`.",
                   class = "radsig_error_value", arg = "imageType")
    }
  }
  s <- p$setting
  if (is.null(s)) s <- list()
  # Settings without effect on Original-image features in radsig.
  s$enableCExtensions <- NULL
  if (!is.null(s$label_channel) && !identical(as.numeric(s$label_channel), 0)) {
    radsig_abort("Setting `label_channel` other than 0 is not supported.",
                 class = "radsig_error_value", arg = "label_channel")
  }
  s$label_channel <- NULL
  if (!is.null(p$featureClass)) {
    fc <- lapply(p$featureClass, function(f) if (length(f)) unlist(f) else NULL)
    s["featureClass"] <- list(fc)
  }
  do.call(feature_settings, s)
}
